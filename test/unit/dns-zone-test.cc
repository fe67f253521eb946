// SPDX-License-Identifier: GPL-2.0-only
//
// dns::Zone: authoritative answers (RFC 1034 4.3.2, RFC 1035 4.3.1 and 6.2,
// negative answers RFC 2308) and dynamic update (RFC 2136 section 3), each
// case with the section it checks. Expected values come from the RFC text
// quoted beside them; wire octets from RFC 2136 2.2-2.5 laid out by hand.
// The corpus (/work/shared/corpus/pcap) holds no UPDATE capture (no frame
// matches tshark's dns.flags.opcode == 5), so there is no capture test here.
#include "codec-test-util.h"

#include "ns3/dns-message.h"
#include "ns3/dns-name.h"
#include "ns3/dns-zone.h"
#include "ns3/ipv4-address.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::dns;
using ns3::codectest::FromHex;

namespace
{

Name
N(const std::string& text)
{
    const std::optional<Name> name = Name::Parse(text);
    REQUIRE(name.has_value());
    return *name;
}

const Ipv4Address GW_A("168.219.193.7");
const Ipv4Address GW_B("211.32.119.136");
const Ipv4Address ALLOWED("211.32.119.136");
const Ipv4Address OUTSIDE("192.0.2.9");

ResourceRecord
RR(const std::string& name,
   uint16_t type,
   uint16_t rclass,
   uint32_t ttl,
   std::vector<uint8_t> rdata = {})
{
    ResourceRecord r;
    r.name = N(name);
    r.type = type;
    r.rclass = rclass;
    r.ttl = ttl;
    r.rdata = std::move(rdata);
    return r;
}

std::vector<uint8_t>
Addr(const std::string& text)
{
    std::vector<uint8_t> out(4);
    Ipv4Address(text.c_str()).Serialize(out.data());
    return out;
}

std::vector<uint8_t>
Txt(const std::string& text)
{
    // RFC 1035 3.3.14: one <character-string>, its length octet first.
    std::vector<uint8_t> out(1 + text.size());
    out[0] = static_cast<uint8_t>(text.size());
    std::copy(text.begin(), text.end(), out.begin() + 1);
    return out;
}

/// example: gw-a A, gw-b A, a TXT-only name, one below an empty non-terminal, an apex NS.
Zone
MakeZone()
{
    Zone zone(N("example"));
    zone.AllowUpdatesFrom(Ipv4Address("211.32.0.0"), Ipv4Mask("255.255.0.0"));
    zone.AllowUpdatesFrom(Ipv4Address("168.219.193.7"), Ipv4Mask("255.255.255.255"));
    REQUIRE(zone.AddA(N("gw-a.example"), GW_A, 300));
    REQUIRE(zone.AddA(N("gw-b.example"), GW_B, 300));
    REQUIRE(zone.AddRecord(RR("text.example", TYPE_TXT, CLASS_IN, 60, Txt("hi"))));
    REQUIRE(zone.AddA(N("host.home.example"), Ipv4Address("10.0.0.5"), 60));
    REQUIRE(zone.AddRecord(RR("example", TYPE_NS, CLASS_IN, 3600, EncodeName(N("ns.example")))));
    return zone;
}

Message
Query(const std::string& name, uint16_t type = TYPE_A, uint16_t qclass = CLASS_IN)
{
    Message q;
    q.header.id = 0x4242;
    q.header.rd = true;
    q.questions.push_back({N(name), type, qclass});
    return q;
}

/// An UPDATE of zone `zone` (RFC 2136 2.3: zone section ZNAME, ZTYPE SOA, ZCLASS IN).
Message
Update(std::vector<ResourceRecord> prerequisites,
       std::vector<ResourceRecord> updates,
       const std::string& zone = "example")
{
    Message u;
    u.header.id = 0x0101;
    u.header.opcode = OPCODE_UPDATE;
    u.questions.push_back({N(zone), TYPE_SOA, CLASS_IN});
    u.answers = std::move(prerequisites);
    u.authorities = std::move(updates);
    return u;
}

/// Everything observable of a zone, to check that a failed update changed nothing.
std::vector<uint8_t>
Snapshot(const Zone& zone)
{
    Message m;
    for (const char* name :
         {"example", "gw-a.example", "gw-b.example", "text.example", "host.home.example"})
    {
        const std::vector<ResourceRecord> all = zone.GetRecords(N(name), TYPE_ANY);
        m.answers.insert(m.answers.end(), all.begin(), all.end());
    }
    return m.Encode();
}

} // namespace

// ------------------------------------------------------------------ Answer

TEST_CASE("dns zone: the A RRset, authoritative (RFC 1035 4.3.1, 6.2)", "[dns]")
{
    Zone zone = MakeZone();
    REQUIRE(zone.AddA(N("gw-b.example"), Ipv4Address("211.32.119.137"), 120));
    const Message r = zone.Answer(Query("GW-B.Example"));
    // 4.1.1: ID copied, QR 1, RD copied; AA since the server is the authority.
    CHECK(r.header.id == 0x4242);
    CHECK(r.header.qr);
    CHECK(r.header.opcode == OPCODE_QUERY);
    CHECK(r.header.aa);
    CHECK(r.header.rd);
    CHECK_FALSE(r.header.ra);
    CHECK(r.header.rcode == RCODE_NOERROR);
    REQUIRE(r.questions.size() == 1);
    CHECK(r.questions[0].name.ToString() == "GW-B.Example"); // the question as asked
    REQUIRE(r.answers.size() == 2);
    CHECK(r.answers[0].GetAddress() == GW_B);
    CHECK(r.answers[0].ttl == 300);
    CHECK(r.answers[1].GetAddress() == Ipv4Address("211.32.119.137"));
    CHECK(r.answers[1].ttl == 120); // a TTL per record
    CHECK(r.authorities.empty());
    // The answer survives the wire.
    Message decoded;
    REQUIRE(Message::Decode(r.Encode(), decoded) == DecodeError::OK);
    CHECK(decoded == r);
}

TEST_CASE("dns zone: NXDOMAIN with the SOA for negative caching (RFC 2308 2.1, 3)", "[dns]")
{
    const Zone zone = MakeZone();
    const Message r = zone.Answer(Query("nobody.example"));
    CHECK(r.header.rcode == RCODE_NXDOMAIN);
    CHECK(r.header.aa);
    CHECK(r.answers.empty());
    REQUIRE(r.authorities.size() == 1);
    CHECK(r.authorities[0].type == TYPE_SOA);
    CHECK(r.authorities[0].name.ToString() == "example");
    // RFC 2308 3: "the TTL of this record is set from the minimum of the
    // MINIMUM field of the SOA record and the TTL of the SOA itself".
    CHECK(r.authorities[0].ttl == 300);
    // RFC 1035 3.3.13 laid out by hand: ns.example, hostmaster.example, serial 1,
    // refresh 3600, retry 600, expire 86400, minimum 300.
    CHECK(r.authorities[0].rdata == FromHex("02 6e73 07 6578616d706c65 00"
                                            "0a 686f73746d6173746572 07 6578616d706c65 00"
                                            "00000001 00000e10 00000258 00015180 0000012c"));
}

TEST_CASE("dns zone: NODATA, also for an empty non-terminal (RFC 2308 2.2, RFC 8020 2)", "[dns]")
{
    const Zone zone = MakeZone();
    for (const char* name : {"text.example", "home.example"})
    {
        const Message r = zone.Answer(Query(name));
        CHECK(r.header.rcode == RCODE_NOERROR);
        CHECK(r.header.aa);
        CHECK(r.answers.empty());
        REQUIRE(r.authorities.size() == 1);
        CHECK(r.authorities[0].type == TYPE_SOA);
    }
    const Message txt = zone.Answer(Query("text.example", TYPE_TXT));
    REQUIRE(txt.answers.size() == 1);
    CHECK(txt.answers[0].rdata == Txt("hi"));
}

TEST_CASE("dns zone: REFUSED outside the zone or class, FORMERR, NOTIMP", "[dns]")
{
    const Zone zone = MakeZone();
    // Not authoritative and no recursion: REFUSED (RFC 1035 4.1.1 "refuses
    // to perform the specified operation for policy reasons"), AA clear.
    for (const Message& q :
         {Query("gw-b.example.com"), Query("org"), Query("gw-b.example", TYPE_A, 3)})
    {
        const Message r = zone.Answer(q);
        CHECK(r.header.rcode == RCODE_REFUSED);
        CHECK_FALSE(r.header.aa);
        CHECK(r.answers.empty());
    }
    // QDCOUNT other than 1: FORMERR.
    Message none = Query("gw-b.example");
    none.questions.clear();
    CHECK(zone.Answer(none).header.rcode == RCODE_FORMERR);
    Message two = Query("gw-b.example");
    two.questions.push_back(two.questions[0]);
    const Message formerr = zone.Answer(two);
    CHECK(formerr.header.rcode == RCODE_FORMERR);
    CHECK(formerr.header.id == 0x4242);
    CHECK(formerr.header.qr);
    // IQUERY (1) and STATUS (2): NOTIMP ("does not support the requested kind of query").
    for (uint8_t opcode : {uint8_t(OPCODE_IQUERY), uint8_t(OPCODE_STATUS), uint8_t(3)})
    {
        Message q = Query("gw-b.example");
        q.header.opcode = opcode;
        Zone copy = zone;
        CHECK(zone.Answer(q).header.rcode == RCODE_NOTIMP);
        const Message r = copy.Respond(q, ALLOWED);
        CHECK(r.header.rcode == RCODE_NOTIMP);
        CHECK(r.header.opcode == opcode);
    }
}

TEST_CASE("dns zone: SOA and ANY at the apex, a CNAME followed (RFC 1034 4.3.2)", "[dns]")
{
    Zone zone = MakeZone();
    const Message soa = zone.Answer(Query("example", TYPE_SOA));
    REQUIRE(soa.answers.size() == 1);
    CHECK(soa.answers[0].type == TYPE_SOA);
    const Message any = zone.Answer(Query("example", TYPE_ANY));
    CHECK(any.answers.size() == 2); // SOA and NS
    // 4.3.2 step 3.a: the CNAME into the answer, QNAME changed, start again.
    REQUIRE(
        zone.AddRecord(RR("www.example", TYPE_CNAME, CLASS_IN, 60, EncodeName(N("gw-a.example")))));
    const Message r = zone.Answer(Query("www.example"));
    CHECK(r.header.rcode == RCODE_NOERROR);
    REQUIRE(r.answers.size() == 2);
    CHECK(r.answers[0].type == TYPE_CNAME);
    CHECK(r.answers[1].GetAddress() == GW_A);
    // A CNAME to a name that does not exist: NXDOMAIN (RFC 6604 2.1).
    REQUIRE(
        zone.AddRecord(RR("old.example", TYPE_CNAME, CLASS_IN, 60, EncodeName(N("gone.example")))));
    const Message dangling = zone.Answer(Query("old.example"));
    CHECK(dangling.header.rcode == RCODE_NXDOMAIN);
    CHECK(dangling.answers.size() == 1);
}

// -------------------------------------------------------- RFC 2136 section 3

TEST_CASE("dns update 3.1: the zone section", "[dns]")
{
    Zone zone = MakeZone();
    const ResourceRecord add = ResourceRecord::MakeA(N("new.example"), 60, GW_A);
    // 3.1.1: "if ZOCOUNT != 1 or ZTYPE != SOA, return FORMERR".
    Message none = Update({}, {add});
    none.questions.clear();
    CHECK(zone.ApplyUpdate(none, ALLOWED) == RCODE_FORMERR);
    Message two = Update({}, {add});
    two.questions.push_back(two.questions[0]);
    CHECK(zone.ApplyUpdate(two, ALLOWED) == RCODE_FORMERR);
    Message notSoa = Update({}, {add});
    notSoa.questions[0].type = TYPE_A;
    CHECK(zone.ApplyUpdate(notSoa, ALLOWED) == RCODE_FORMERR);
    // 3.1.2: "if the zone ... is not found ... the server should return NOTAUTH".
    CHECK(zone.ApplyUpdate(Update({}, {add}, "example.com"), ALLOWED) == RCODE_NOTAUTH);
    CHECK(zone.ApplyUpdate(Update({}, {add}, "sub.example"), ALLOWED) == RCODE_NOTAUTH);
    Message chaos = Update({}, {add});
    chaos.questions[0].qclass = 3;
    CHECK(zone.ApplyUpdate(chaos, ALLOWED) == RCODE_NOTAUTH);
    CHECK(zone.GetAddresses(N("new.example")).empty());
    CHECK(zone.GetSerial() == 1);
}

TEST_CASE("dns update 3.2: the five prerequisites and their errors", "[dns]")
{
    Zone zone = MakeZone();
    const ResourceRecord touch = RR("text.example", TYPE_TXT, CLASS_IN, 60, Txt("touched"));
    auto apply = [&zone, &touch](std::vector<ResourceRecord> pre) {
        return zone.ApplyUpdate(Update(std::move(pre), {touch}), ALLOWED);
    };
    // 3.2.1: "if (rr.ttl != 0) return (FORMERR)"
    CHECK(apply({RR("gw-a.example", TYPE_A, CLASS_ANY, 1)}) == RCODE_FORMERR);
    // 3.2.2: "if (zone_of(rr.name) != ZNAME) return (NOTZONE)"
    CHECK(apply({RR("gw-a.example.com", TYPE_A, CLASS_ANY, 0)}) == RCODE_NOTZONE);
    // 2.4.1 RRset Exists (Value Independent): CLASS ANY, RDLENGTH 0.
    CHECK(apply({RR("gw-a.example", TYPE_A, CLASS_ANY, 0)}) == RCODE_NOERROR);
    CHECK(apply({RR("gw-a.example", TYPE_TXT, CLASS_ANY, 0)}) == RCODE_NXRRSET);
    CHECK(apply({RR("gw-a.example", TYPE_A, CLASS_ANY, 0, Addr("1.2.3.4"))}) == RCODE_FORMERR);
    // 2.4.2 RRset Exists (Value Dependent): CLASS = zone class, all RRs of the RRset.
    REQUIRE(zone.AddA(N("gw-b.example"), Ipv4Address("211.32.119.137"), 120));
    CHECK(apply({RR("gw-b.example", TYPE_A, CLASS_IN, 0, Addr("211.32.119.136")),
                 RR("gw-b.example", TYPE_A, CLASS_IN, 0, Addr("211.32.119.137"))}) ==
          RCODE_NOERROR);
    CHECK(apply({RR("gw-b.example", TYPE_A, CLASS_IN, 0, Addr("211.32.119.136"))}) ==
          RCODE_NXRRSET); // a subset is not equal
    CHECK(apply({RR("gw-a.example", TYPE_A, CLASS_IN, 0, Addr("1.2.3.4"))}) == RCODE_NXRRSET);
    // 2.4.3 RRset Does Not Exist: CLASS NONE, RDLENGTH 0.
    CHECK(apply({RR("gw-a.example", TYPE_TXT, CLASS_NONE, 0)}) == RCODE_NOERROR);
    CHECK(apply({RR("gw-a.example", TYPE_A, CLASS_NONE, 0)}) == RCODE_YXRRSET);
    CHECK(apply({RR("gw-a.example", TYPE_TXT, CLASS_NONE, 0, Txt("x"))}) == RCODE_FORMERR);
    // 2.4.4 Name Is In Use: CLASS ANY, TYPE ANY; "NOT satisfied by empty nonterminals".
    CHECK(apply({RR("gw-a.example", TYPE_ANY, CLASS_ANY, 0)}) == RCODE_NOERROR);
    CHECK(apply({RR("nobody.example", TYPE_ANY, CLASS_ANY, 0)}) == RCODE_NXDOMAIN);
    CHECK(apply({RR("home.example", TYPE_ANY, CLASS_ANY, 0)}) == RCODE_NXDOMAIN);
    // 2.4.5 Name Is Not In Use: CLASS NONE, TYPE ANY; "IS satisfied by empty nonterminals".
    CHECK(apply({RR("nobody.example", TYPE_ANY, CLASS_NONE, 0)}) == RCODE_NOERROR);
    CHECK(apply({RR("home.example", TYPE_ANY, CLASS_NONE, 0)}) == RCODE_NOERROR);
    CHECK(apply({RR("gw-a.example", TYPE_ANY, CLASS_NONE, 0)}) == RCODE_YXDOMAIN);
    // 3.2.5: any other class: FORMERR.
    CHECK(apply({RR("gw-a.example", TYPE_A, 3, 0, Addr("168.219.193.7"))}) == RCODE_FORMERR);
}

TEST_CASE("dns update 3.2, 3.3: a failing prerequisite or a refused sender changes nothing",
          "[dns]")
{
    Zone zone = MakeZone();
    const std::vector<uint8_t> before = Snapshot(zone);
    const std::vector<ResourceRecord> updates{
        RR("gw-b.example", TYPE_A, CLASS_ANY, 0),
        ResourceRecord::MakeA(N("gw-b.example"), 60, Ipv4Address("198.51.100.1"))};
    // 3.2.5's checks run before anything is applied (3.4.2.1 "atomically").
    CHECK(zone.ApplyUpdate(Update({RR("gw-b.example", TYPE_TXT, CLASS_ANY, 0)}, updates),
                           ALLOWED) == RCODE_NXRRSET);
    // 3.3: the policy of this server: only the allowed prefixes may update.
    CHECK_FALSE(zone.IsUpdateAllowed(OUTSIDE));
    CHECK(zone.IsUpdateAllowed(Ipv4Address("211.32.1.1")));
    CHECK_FALSE(zone.IsUpdateAllowed(Ipv4Address("168.219.193.8")));
    CHECK(zone.ApplyUpdate(Update({}, updates), OUTSIDE) == RCODE_REFUSED);
    // With no prefix at all, every update is refused.
    Zone closed(N("example"));
    CHECK(closed.ApplyUpdate(Update({}, updates), ALLOWED) == RCODE_REFUSED);
    CHECK(closed.GetRecordCount() == 0);
    // An update whose last RR fails the prescan (3.4.1): the first is not applied.
    CHECK(zone.ApplyUpdate(
              Update({}, {updates[0], updates[1], RR("x.example", TYPE_ANY, CLASS_IN, 0)}),
              ALLOWED) == RCODE_FORMERR);
    CHECK(Snapshot(zone) == before);
    CHECK(zone.GetSerial() == 1);
    CHECK(zone.GetAddresses(N("gw-b.example")) == std::vector<Ipv4Address>{GW_B});
}

TEST_CASE("dns update 3.4.1: the prescan of the update section", "[dns]")
{
    Zone zone = MakeZone();
    auto apply = [&zone](ResourceRecord rr) {
        return zone.ApplyUpdate(Update({}, {rr}), ALLOWED);
    };
    // 3.4.1.2: "if (zone_of(rr.name) != ZNAME) return (NOTZONE)"
    CHECK(apply(ResourceRecord::MakeA(N("gw.example.org"), 60, GW_A)) == RCODE_NOTZONE);
    // 3.4.1.3: "if (rr.class == zclass) if (rr.type & ANY|AXFR|MAILA|MAILB) return (FORMERR)"
    for (uint16_t type : {TYPE_ANY, TYPE_AXFR, TYPE_MAILA, TYPE_MAILB})
    {
        CHECK(apply(RR("gw-a.example", type, CLASS_IN, 60)) == RCODE_FORMERR);
    }
    // "elsif (rr.class == ANY) if (rr.ttl != 0 or rr.rdlength != 0 or rr.type & AXFR|MAILA|MAILB)"
    CHECK(apply(RR("gw-a.example", TYPE_A, CLASS_ANY, 1)) == RCODE_FORMERR);
    CHECK(apply(RR("gw-a.example", TYPE_A, CLASS_ANY, 0, Addr("1.2.3.4"))) == RCODE_FORMERR);
    CHECK(apply(RR("gw-a.example", TYPE_AXFR, CLASS_ANY, 0)) == RCODE_FORMERR);
    // "elsif (rr.class == NONE) if (rr.ttl != 0 or rr.type & ANY|AXFR|MAILA|MAILB)"
    CHECK(apply(RR("gw-a.example", TYPE_A, CLASS_NONE, 1, Addr("168.219.193.7"))) == RCODE_FORMERR);
    CHECK(apply(RR("gw-a.example", TYPE_ANY, CLASS_NONE, 0)) == RCODE_FORMERR);
    CHECK(apply(RR("gw-a.example", TYPE_MAILA, CLASS_NONE, 0)) == RCODE_FORMERR);
    // "else return (FORMERR)"
    CHECK(apply(RR("gw-a.example", TYPE_A, 3, 60, Addr("1.2.3.4"))) == RCODE_FORMERR);
    // This server's 3.3 policy on types added: MX (names in RDATA) refused.
    CHECK(apply(RR("gw-a.example", TYPE_MX, CLASS_IN, 60, FromHex("000a 00"))) == RCODE_REFUSED);
    CHECK(zone.GetSerial() == 1);
}

TEST_CASE("dns update 3.4.2.2: adding RRs", "[dns]")
{
    Zone zone = MakeZone();
    // A new RR is added to its RRset; the serial goes up by one (3.6).
    CHECK(zone.ApplyUpdate(
              Update({},
                     {ResourceRecord::MakeA(N("gw-b.example"), 60, Ipv4Address("211.32.119.137"))}),
              ALLOWED) == RCODE_NOERROR);
    CHECK(zone.GetAddresses(N("gw-b.example")) ==
          std::vector<Ipv4Address>{GW_B, Ipv4Address("211.32.119.137")});
    CHECK(zone.GetSerial() == 2);
    // "In case of duplicate RDATAs ... the Zone RR is replaced by Update RR": the TTL changes.
    CHECK(zone.ApplyUpdate(Update({}, {ResourceRecord::MakeA(N("gw-b.example"), 7, GW_B)}),
                           ALLOWED) == RCODE_NOERROR);
    const std::vector<ResourceRecord> rrset = zone.GetRecords(N("gw-b.example"), TYPE_A);
    REQUIRE(rrset.size() == 2);
    CHECK(rrset[0].ttl == 7);
    CHECK(zone.GetSerial() == 3);
    // A CNAME Update RR and a non-CNAME Zone RRset (and the reverse): ignored.
    CHECK(zone.ApplyUpdate(
              Update({},
                     {RR("gw-b.example", TYPE_CNAME, CLASS_IN, 60, EncodeName(N("gw-a.example")))}),
              ALLOWED) == RCODE_NOERROR);
    CHECK(zone.GetRecords(N("gw-b.example"), TYPE_CNAME).empty());
    CHECK(zone.GetSerial() == 3); // nothing changed
    CHECK(
        zone.ApplyUpdate(
            Update({},
                   {RR("alias.example", TYPE_CNAME, CLASS_IN, 60, EncodeName(N("gw-a.example")))}),
            ALLOWED) == RCODE_NOERROR);
    CHECK(zone.ApplyUpdate(Update({}, {ResourceRecord::MakeA(N("alias.example"), 60, GW_A)}),
                           ALLOWED) == RCODE_NOERROR);
    CHECK(zone.GetAddresses(N("alias.example")).empty());
    // "otherwise replace the CNAME Zone RR with the CNAME Update RR".
    CHECK(
        zone.ApplyUpdate(
            Update({},
                   {RR("alias.example", TYPE_CNAME, CLASS_IN, 60, EncodeName(N("gw-b.example")))}),
            ALLOWED) == RCODE_NOERROR);
    const std::vector<ResourceRecord> cname = zone.GetRecords(N("alias.example"), TYPE_CNAME);
    REQUIRE(cname.size() == 1);
    CHECK(cname[0].rdata == EncodeName(N("gw-b.example")));
    // SOA: "the new SOA.SERIAL is lower ... than or equal to the current": ignored.
    SoaFields lower = zone.GetSoa();
    lower.serial = 1;
    const uint32_t serial = zone.GetSerial();
    CHECK(
        zone.ApplyUpdate(Update({}, {RR("example", TYPE_SOA, CLASS_IN, 60, EncodeSoaRdata(lower))}),
                         ALLOWED) == RCODE_NOERROR);
    CHECK(zone.GetSerial() == serial);
    SoaFields higher = zone.GetSoa();
    higher.serial = 1000;
    higher.minimum = 30;
    CHECK(zone.ApplyUpdate(
              Update({}, {RR("example", TYPE_SOA, CLASS_IN, 60, EncodeSoaRdata(higher))}),
              ALLOWED) == RCODE_NOERROR);
    CHECK(zone.GetSerial() == 1000); // raised by the update, not incremented again (3.6)
    CHECK(zone.GetSoa().minimum == 30);
    CHECK(zone.GetSoa().ttl == 60);
}

TEST_CASE("dns update 3.4.2.3, 3.4.2.4: deleting RRsets, names and RRs", "[dns]")
{
    Zone zone = MakeZone();
    REQUIRE(zone.AddA(N("gw-b.example"), Ipv4Address("211.32.119.137"), 120));
    REQUIRE(zone.AddRecord(RR("gw-b.example", TYPE_TXT, CLASS_IN, 60, Txt("b"))));
    // 3.4.2.4, CLASS NONE: "any Zone RR whose NAME, TYPE, RDATA and RDLENGTH are equal ... is
    // deleted".
    CHECK(zone.ApplyUpdate(
              Update({}, {RR("gw-b.example", TYPE_A, CLASS_NONE, 0, Addr("211.32.119.137"))}),
              ALLOWED) == RCODE_NOERROR);
    CHECK(zone.GetAddresses(N("gw-b.example")) == std::vector<Ipv4Address>{GW_B});
    CHECK(zone.GetSerial() == 2);
    // 3.4.2.3, CLASS ANY and a TYPE: the RRset is deleted, other types stay.
    CHECK(zone.ApplyUpdate(Update({}, {RR("gw-b.example", TYPE_A, CLASS_ANY, 0)}), ALLOWED) ==
          RCODE_NOERROR);
    CHECK(zone.GetAddresses(N("gw-b.example")).empty());
    CHECK(zone.GetRecords(N("gw-b.example"), TYPE_TXT).size() == 1);
    // Deleting what is not there is no error and no change (serial kept).
    const uint32_t serial = zone.GetSerial();
    CHECK(zone.ApplyUpdate(Update({}, {RR("gw-b.example", TYPE_A, CLASS_ANY, 0)}), ALLOWED) ==
          RCODE_NOERROR);
    CHECK(zone.GetSerial() == serial);
    // 3.4.2.3, CLASS ANY TYPE ANY: "all Zone RRs with the same NAME are deleted".
    CHECK(zone.ApplyUpdate(Update({}, {RR("gw-b.example", TYPE_ANY, CLASS_ANY, 0)}), ALLOWED) ==
          RCODE_NOERROR);
    CHECK(zone.GetRecords(N("gw-b.example"), TYPE_ANY).empty());
    CHECK(zone.Answer(Query("gw-b.example")).header.rcode == RCODE_NXDOMAIN);
    // "unless the NAME is the same as ZNAME in which case only those RRs whose
    // TYPE is other than SOA or NS are deleted".
    REQUIRE(zone.AddRecord(RR("example", TYPE_TXT, CLASS_IN, 60, Txt("apex"))));
    CHECK(zone.ApplyUpdate(Update({}, {RR("example", TYPE_ANY, CLASS_ANY, 0)}), ALLOWED) ==
          RCODE_NOERROR);
    CHECK(zone.GetRecords(N("example"), TYPE_TXT).empty());
    CHECK(zone.GetRecords(N("example"), TYPE_NS).size() == 1);
    CHECK(zone.GetRecords(N("example"), TYPE_SOA).size() == 1);
    // "unless the NAME is the same as ZNAME in which case neither SOA or NS RRs will be deleted".
    for (uint16_t type : {TYPE_SOA, TYPE_NS})
    {
        CHECK(zone.ApplyUpdate(Update({}, {RR("example", type, CLASS_ANY, 0)}), ALLOWED) ==
              RCODE_NOERROR);
        CHECK(zone.GetRecords(N("example"), type).size() == 1);
    }
    // 3.4.2.4: SOA never deleted; "the matching Zone RR is the only NS remaining": ignored.
    CHECK(zone.ApplyUpdate(
              Update({}, {RR("example", TYPE_SOA, CLASS_NONE, 0, EncodeSoaRdata(zone.GetSoa()))}),
              ALLOWED) == RCODE_NOERROR);
    CHECK(zone.GetRecords(N("example"), TYPE_SOA).size() == 1);
    CHECK(zone.ApplyUpdate(
              Update({}, {RR("example", TYPE_NS, CLASS_NONE, 0, EncodeName(N("ns.example")))}),
              ALLOWED) == RCODE_NOERROR);
    CHECK(zone.GetRecords(N("example"), TYPE_NS).size() == 1);
    // With a second NS, one of the two may go.
    REQUIRE(zone.AddRecord(RR("example", TYPE_NS, CLASS_IN, 3600, EncodeName(N("ns2.example")))));
    CHECK(zone.ApplyUpdate(
              Update({}, {RR("example", TYPE_NS, CLASS_NONE, 0, EncodeName(N("ns.example")))}),
              ALLOWED) == RCODE_NOERROR);
    const std::vector<ResourceRecord> ns = zone.GetRecords(N("example"), TYPE_NS);
    REQUIRE(ns.size() == 1);
    CHECK(ns[0].rdata == EncodeName(N("ns2.example")));
}

TEST_CASE("dns update: a gateway's registration laid out by hand (RFC 2136 2.3-2.5)", "[dns]")
{
    Zone zone = MakeZone();
    // Zone example SOA IN; no prerequisite; update: gw-b.example A ANY
    // (2.5.2 delete an RRset: CLASS ANY, TTL 0, RDLENGTH 0), then gw-b.example
    // A IN TTL 60 198.51.100.7 (2.5.1 add to an RRset).
    const std::string hex = "beef 2800"
                            "0001 0000 0002 0000"               // ZOCOUNT 1, UPCOUNT 2
                            "07 6578616d706c65 00"              // 12: example
                            "0006 0001"                         // SOA IN
                            "04 67772d62 c00c"                  // 25: gw-b, pointer to 12
                            "0001 00ff 00000000 0000"           // A ANY TTL 0 RDLENGTH 0
                            "c019"                              // pointer to 25
                            "0001 0001 0000003c 0004 c6336407"; // A IN 60 198.51.100.7
    Message update;
    REQUIRE(Message::Decode(FromHex(hex), update) == DecodeError::OK);
    const Message r = zone.Respond(update, ALLOWED);
    // 3.8: ID and opcode copied, QR set; this server sends zero counts.
    CHECK(r.header.id == 0xbeef);
    CHECK(r.header.qr);
    CHECK(r.header.opcode == OPCODE_UPDATE);
    CHECK(r.header.rcode == RCODE_NOERROR);
    CHECK(codectest::ToHex(r.Encode()) ==
          codectest::ToHex(FromHex("beef a800 0000 0000 0000 0000")));
    // The old address replaced, not joined: one A record, the new one.
    CHECK(zone.GetAddresses(N("gw-b.example")) ==
          std::vector<Ipv4Address>{Ipv4Address("198.51.100.7")});
    CHECK(zone.GetSerial() == 2);
    // The same update again (a retransmission) is harmless: same contents, no change.
    CHECK(zone.Respond(update, ALLOWED).header.rcode == RCODE_NOERROR);
    CHECK(zone.GetSerial() == 2);
    // From outside the allowed prefixes: REFUSED in the response.
    CHECK(zone.Respond(update, OUTSIDE).header.rcode == RCODE_REFUSED);
}

TEST_CASE("dns zone: RFC 1982 serial comparison", "[dns]")
{
    // 3.2: s1 > s2 if (i1 < i2 and i2 - i1 > 2^31) or (i1 > i2 and i1 - i2 < 2^31).
    CHECK(SerialGreater(2, 1));
    CHECK_FALSE(SerialGreater(1, 2));
    CHECK_FALSE(SerialGreater(5, 5));
    CHECK(SerialGreater(0, 0xffffffffu)); // wraps
    CHECK(SerialGreater(0x7fffffffu, 0));
    // 2^31 apart: undefined, neither is greater.
    CHECK_FALSE(SerialGreater(0x80000000u, 0));
    CHECK_FALSE(SerialGreater(0, 0x80000000u));
    // The serial increment wraps too (3.6): 0xffffffff + 1 = 0, which is greater.
    Zone zone(N("example"));
    SoaFields soa = zone.GetSoa();
    soa.serial = 0xffffffffu;
    zone.SetSoa(soa);
    zone.AllowUpdatesFrom(ALLOWED, Ipv4Mask("255.255.255.255"));
    CHECK(zone.ApplyUpdate(Update({}, {ResourceRecord::MakeA(N("a.example"), 1, GW_A)}), ALLOWED) ==
          RCODE_NOERROR);
    CHECK(zone.GetSerial() == 0);
}

TEST_CASE("dns zone: operator's records, outside names rejected", "[dns]")
{
    Zone zone(N("example"));
    CHECK_FALSE(zone.AddA(N("gw.example.org"), GW_A, 60));
    CHECK_FALSE(
        zone.AddRecord(RR("example", TYPE_SOA, CLASS_IN, 60, EncodeSoaRdata(zone.GetSoa()))));
    CHECK_FALSE(zone.AddRecord(RR("a.example", TYPE_A, 3, 60, Addr("1.2.3.4"))));
    CHECK(zone.AddA(N("a.example"), GW_A, 60));
    CHECK(zone.AddA(N("A.EXAMPLE"), GW_A, 10)); // same name and address: TTL only
    CHECK(zone.GetRecordCount() == 1);
    CHECK(zone.GetRecords(N("a.example"), TYPE_A)[0].ttl == 10);
    CHECK(zone.RemoveA(N("a.example"), GW_A));
    CHECK_FALSE(zone.RemoveA(N("a.example"), GW_A));
    CHECK(zone.GetSoa().mname.ToString() == "ns.example");
    CHECK(zone.GetSoa().rname.ToString() == "hostmaster.example");
    CHECK(zone.Contains(N("Deep.Sub.EXAMPLE")));
    CHECK_FALSE(zone.Contains(N("xexample")));
}
