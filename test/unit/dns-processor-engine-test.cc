// SPDX-License-Identifier: GPL-2.0-only
//
// dns::ProcessorEngine, the gateway's DNS processor (seed 004, unit 143):
// every decision path. Queries are laid out by hand from RFC 1035 4.1.1-4.1.3
// and the expected answers written as octets worked out by hand: the header
// flags from the bit layout of 4.1.1, the answer's owner as the compression
// pointer 0xc00c to the question's name at offset 12 (4.1.4).
#include "codec-test-util.h"

#include "ns3/dns-processor-engine.h"

#include <catch2/catch.hpp>
#include <deque>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::dns;
using ns3::codectest::FromHex;

namespace
{

const Ipv4Address HOST_A("10.0.0.4");
const Ipv4Address HOST_B("10.0.0.5");
const Ipv4Address UPSTREAM("198.51.100.53"); // the public DNS server 330
const Ipv4Address PEER_GW("211.32.119.136"); // gateway B ([0077])
const PeerAddress CLIENT{HOST_A, 40000, 0};
const PeerAddress SERVER{UPSTREAM, 53, 0};

// Name octets (RFC 1035 3.1): length-prefixed labels, then the root's 0.
const std::string HOSTB_FQDN = "05 686f737462 04 686f6d65 04 61727061 00"; // hostb.home.arpa
const std::string HOSTB = "05 686f737462 00";                              // hostb
const std::string HOSTC_FQDN = "05 686f737463 04 686f6d65 04 61727061 00"; // hostc.home.arpa
// www.example.com
const std::string WWW = "03 777777 07 6578616d706c65 03 636f6d 00";

/// A standard query with RD (flags 0x0100), one question of class IN.
std::vector<uint8_t>
Query(const std::string& id, const std::string& name, const std::string& type = "0001")
{
    return FromHex(id + " 0100 0001 0000 0000 0000 " + name + type + "0001");
}

/// A response with one A record for the question's name (pointer c00c).
std::vector<uint8_t>
AnswerA(const std::string& id,
        const std::string& flags,
        const std::string& name,
        const std::string& ttl,
        const std::string& address)
{
    return FromHex(id + flags + "0001 0001 0000 0000 " + name + "0001 0001" + " c00c 0001 0001 " +
                   ttl + " 0004 " + address);
}

/// A response without records.
std::vector<uint8_t>
Empty(const std::string& id, const std::string& flags, const std::string& name)
{
    return FromHex(id + flags + "0001 0000 0000 0000 " + name + "0001 0001");
}

std::vector<uint8_t>
WithId(std::vector<uint8_t> bytes, uint16_t id)
{
    bytes[0] = static_cast<uint8_t>(id >> 8);
    bytes[1] = static_cast<uint8_t>(id & 0xff);
    return bytes;
}

uint16_t
IdOf(const std::vector<uint8_t>& bytes)
{
    return static_cast<uint16_t>(bytes.at(0) << 8 | bytes.at(1));
}

/// IDs handed out in the order given, then 0x4000 onwards.
struct ScriptedIds
{
    std::deque<uint16_t> ids;
    uint16_t next = 0x4000;

    uint16_t
    operator()()
    {
        if (ids.empty())
        {
            return next++;
        }
        const uint16_t id = ids.front();
        ids.pop_front();
        return id;
    }
};

struct Fixture
{
    std::shared_ptr<ScriptedIds> ids = std::make_shared<ScriptedIds>();
    ProcessorEngine engine;

    Fixture()
        : engine(MakeConfig(), [this]() {
            return (*ids)();
        })
    {
        engine.SetUpstream(SERVER);
        REQUIRE(engine.AddHost(*Name::Parse("hostb.home.arpa"), HOST_B));
    }

    static ProcessorEngine::Config
    MakeConfig()
    {
        ProcessorEngine::Config c;
        c.localDomain = *Name::Parse("home.arpa");
        c.forwardTimeout = Seconds(10);
        c.localTtl = 60;
        c.maxOutstanding = 4;
        return c;
    }
};

} // namespace

// Flags worked out from RFC 1035 4.1.1: QR 0x8000, AA 0x0400, RD 0x0100,
// RA 0x0080, RCODE in the low 4 bits. A local answer: 8580; NXDOMAIN: 8583.

TEST_CASE("a home host's name is answered from the table, authoritatively", "[dns]")
{
    Fixture f;
    const ProcessorOutput out =
        f.engine.ReceiveQuery(CLIENT, Query("1234", HOSTB_FQDN), Seconds(1));
    REQUIRE(out.upstream.empty());
    REQUIRE(out.toClients.size() == 1);
    CHECK(out.toClients[0].to == CLIENT);
    // TTL 60 = 0000003c; 10.0.0.5 = 0a000005.
    CHECK(out.toClients[0].bytes == AnswerA("1234", "8580", HOSTB_FQDN, "0000003c", "0a000005"));
    REQUIRE(out.reports.size() == 1);
    CHECK(out.reports[0].event == ProcessorEvent::LOCAL_ANSWER);
    CHECK(out.reports[0].name == *Name::Parse("hostb.home.arpa"));
    CHECK(f.engine.GetCounters().queries == 1);
    CHECK(f.engine.GetCounters().localAnswers == 1);
    CHECK(f.engine.GetCounters().nxdomain == 0);
    CHECK(f.engine.GetCounters().forwarded == 0);
}

TEST_CASE("names compare without ASCII case (RFC 1035 2.3.3)", "[dns]")
{
    Fixture f;
    // HOSTB.Home.ARPA
    const std::string upper = "05 484f535442 04 486f6d65 04 41525041 00";
    const ProcessorOutput out = f.engine.ReceiveQuery(CLIENT, Query("0001", upper), Seconds(1));
    REQUIRE(out.toClients.size() == 1);
    CHECK(out.toClients[0].bytes == AnswerA("0001", "8580", upper, "0000003c", "0a000005"));
}

TEST_CASE("single-label names are looked up under the local domain", "[dns]")
{
    Fixture f;
    ProcessorOutput out = f.engine.ReceiveQuery(CLIENT, Query("2222", HOSTB), Seconds(1));
    REQUIRE(out.toClients.size() == 1);
    // Owner: the name as asked, so the stub's question check passes.
    CHECK(out.toClients[0].bytes == AnswerA("2222", "8580", HOSTB, "0000003c", "0a000005"));
    CHECK(out.upstream.empty());

    // A single label that is not a home host is NXDOMAIN, never forwarded.
    out = f.engine.ReceiveQuery(CLIENT, Query("2223", "05 686f737463 00"), Seconds(1));
    REQUIRE(out.toClients.size() == 1);
    CHECK(out.toClients[0].bytes == Empty("2223", "8583", "05 686f737463 00"));
    CHECK(out.upstream.empty());
    CHECK(f.engine.GetCounters().nxdomain == 1);

    // AddHost takes a single label too.
    REQUIRE(f.engine.AddHost(*Name::Parse("hostc"), Ipv4Address("10.0.0.6")));
    CHECK(f.engine.FindHost(*Name::Parse("hostc.home.arpa")) == Ipv4Address("10.0.0.6"));
}

TEST_CASE("a name under the local domain not in the table is NXDOMAIN", "[dns]")
{
    Fixture f;
    const ProcessorOutput out =
        f.engine.ReceiveQuery(CLIENT, Query("3333", HOSTC_FQDN), Seconds(1));
    REQUIRE(out.toClients.size() == 1);
    CHECK(out.toClients[0].bytes == Empty("3333", "8583", HOSTC_FQDN));
    CHECK(out.upstream.empty());
    REQUIRE(out.reports.size() == 1);
    CHECK(out.reports[0].event == ProcessorEvent::LOCAL_NXDOMAIN);
    CHECK(f.engine.GetCounters().localAnswers == 1);
    CHECK(f.engine.GetCounters().nxdomain == 1);
}

TEST_CASE("a removed host is NXDOMAIN; names outside the domain are refused by AddHost", "[dns]")
{
    Fixture f;
    CHECK_FALSE(f.engine.AddHost(*Name::Parse("www.example.com"), HOST_A));
    CHECK(f.engine.GetHostCount() == 1);
    CHECK(f.engine.RemoveHost(*Name::Parse("HOSTB.home.arpa")));
    CHECK_FALSE(f.engine.RemoveHost(*Name::Parse("hostb.home.arpa")));
    const ProcessorOutput out =
        f.engine.ReceiveQuery(CLIENT, Query("0003", HOSTB_FQDN), Seconds(1));
    REQUIRE(out.toClients.size() == 1);
    CHECK(out.toClients[0].bytes == Empty("0003", "8583", HOSTB_FQDN));
}

TEST_CASE("a local name asked for another type is NOERROR without data (RFC 2308 2.2)", "[dns]")
{
    Fixture f;
    // QTYPE AAAA = 28 = 001c.
    const ProcessorOutput out =
        f.engine.ReceiveQuery(CLIENT, Query("4444", HOSTB_FQDN, "001c"), Seconds(1));
    REQUIRE(out.toClients.size() == 1);
    CHECK(out.toClients[0].bytes ==
          FromHex("4444 8580 0001 0000 0000 0000" + HOSTB_FQDN + "001c 0001"));
}

TEST_CASE("other names are forwarded under a new ID and the reply relayed with the client's",
          "[dns]")
{
    Fixture f;
    f.ids->ids = {0xbeef};
    const std::vector<uint8_t> query = Query("5555", WWW);
    ProcessorOutput out = f.engine.ReceiveQuery(CLIENT, query, Seconds(1));
    CHECK(out.toClients.empty());
    REQUIRE(out.upstream.size() == 1);
    CHECK(out.upstream[0].to == SERVER);
    // The client's octets, only the ID changed.
    CHECK(out.upstream[0].bytes == WithId(query, 0xbeef));
    REQUIRE(out.reports.size() == 1);
    CHECK(out.reports[0].event == ProcessorEvent::FORWARDED);
    CHECK(out.reports[0].upstreamId == 0xbeef);
    CHECK(f.engine.GetOutstandingCount() == 1);
    CHECK(f.engine.GetNextWakeup() == Seconds(11));

    // The upstream answer (RA, not AA: 8180), 93.184.216.34 = 5db8d822.
    const std::vector<uint8_t> reply = AnswerA("beef", "8180", WWW, "00000e10", "5db8d822");
    out = f.engine.ReceiveUpstream(SERVER, reply, Seconds(1.2));
    REQUIRE(out.toClients.size() == 1);
    CHECK(out.toClients[0].to == CLIENT);
    CHECK(out.toClients[0].bytes == AnswerA("5555", "8180", WWW, "00000e10", "5db8d822"));
    CHECK(out.reports.at(0).event == ProcessorEvent::RELAYED);
    CHECK(f.engine.GetOutstandingCount() == 0);
    CHECK_FALSE(f.engine.GetNextWakeup().has_value());
    CHECK(f.engine.GetCounters().forwarded == 1);
    CHECK(f.engine.GetCounters().relayed == 1);
}

TEST_CASE("upstream IDs are unique among the outstanding queries", "[dns]")
{
    Fixture f;
    f.ids->ids = {7, 7, 7, 9};
    ProcessorOutput a = f.engine.ReceiveQuery(CLIENT, Query("0001", WWW), Seconds(1));
    ProcessorOutput b =
        f.engine.ReceiveQuery(PeerAddress{HOST_B, 40000, 0}, Query("0001", WWW), Seconds(1));
    REQUIRE(a.upstream.size() == 1);
    REQUIRE(b.upstream.size() == 1);
    CHECK(IdOf(a.upstream[0].bytes) == 7);
    CHECK(IdOf(b.upstream[0].bytes) == 9);
    // Each reply goes to its own client.
    ProcessorOutput r = f.engine.ReceiveUpstream(SERVER, Empty("0009", "8180", WWW), Seconds(2));
    REQUIRE(r.toClients.size() == 1);
    CHECK(r.toClients[0].to.address == HOST_B);
}

TEST_CASE("replies that do not match are counted and dropped (RFC 5452 9.1)", "[dns]")
{
    Fixture f;
    f.ids->ids = {0x0100};
    f.engine.ReceiveQuery(CLIENT, Query("5555", WWW), Seconds(1));
    const std::vector<uint8_t> good = Empty("0100", "8180", WWW);

    struct Bad
    {
        const char* what;
        PeerAddress from;
        std::vector<uint8_t> bytes;
    };
    const std::vector<Bad> bad = {
        {"wrong ID", SERVER, Empty("0101", "8180", WWW)},
        {"wrong source address", PeerAddress{Ipv4Address("198.51.100.54"), 53, 0}, good},
        {"wrong source port", PeerAddress{UPSTREAM, 5353, 0}, good},
        {"wrong question", SERVER, Empty("0100", "8180", HOSTC_FQDN)},
        {"not a response", SERVER, Empty("0100", "0100", WWW)},
        {"malformed", SERVER, FromHex("0100 8180 0001")},
    };
    uint64_t n = 0;
    for (const Bad& b : bad)
    {
        INFO(b.what);
        const ProcessorOutput out = f.engine.ReceiveUpstream(b.from, b.bytes, Seconds(2));
        CHECK(out.toClients.empty());
        CHECK(out.upstream.empty());
        REQUIRE(out.reports.size() == 1);
        CHECK(out.reports[0].event == ProcessorEvent::UNMATCHED);
        CHECK(f.engine.GetCounters().unmatched == ++n);
        CHECK(f.engine.GetOutstandingCount() == 1);
    }
    const ProcessorOutput out = f.engine.ReceiveUpstream(SERVER, good, Seconds(2));
    REQUIRE(out.toClients.size() == 1);
    CHECK(IdOf(out.toClients[0].bytes) == 0x5555);
}

TEST_CASE("an expired forward is answered SERVFAIL with the client's ID", "[dns]")
{
    Fixture f;
    f.ids->ids = {0x0a0a};
    f.engine.ReceiveQuery(CLIENT, Query("6666", WWW), Seconds(1));
    CHECK(f.engine.Advance(Seconds(10.999)).toClients.empty());
    const ProcessorOutput out = f.engine.Advance(Seconds(11));
    REQUIRE(out.toClients.size() == 1);
    CHECK(out.toClients[0].to == CLIENT);
    // QR, RD, RA, SERVFAIL (2): 8182; the question echoed.
    CHECK(out.toClients[0].bytes == Empty("6666", "8182", WWW));
    CHECK(out.reports.at(0).event == ProcessorEvent::TIMEOUT);
    CHECK(f.engine.GetCounters().timeouts == 1);
    CHECK(f.engine.GetOutstandingCount() == 0);
    // A reply arriving after the expiry matches nothing.
    CHECK(f.engine.ReceiveUpstream(SERVER, Empty("0a0a", "8180", WWW), Seconds(12))
              .toClients.empty());
    CHECK(f.engine.GetCounters().unmatched == 1);
}

TEST_CASE("the hook decides before the table and the upstream", "[dns]")
{
    Fixture f;
    std::vector<std::string> asked;
    PeerAddress askedBy;
    f.engine.SetQueryHook([&](const Question& q, const PeerAddress& client) {
        asked.push_back(q.name.ToString());
        askedBy = client;
        if (q.name == *Name::Parse("hostb.home.arpa"))
        {
            // Seed 004 [0149]: host B's address in the tunnel, case 2.
            return HookDecision::Answer({Ipv4Address("10.0.2.5")}, 30);
        }
        if (q.name == *Name::Parse("hostb.gwb.example"))
        {
            return HookDecision::Forward(PEER_GW);
        }
        return HookDecision::NoOpinion();
    });

    // ANSWER wins over the table's 10.0.0.5: AA NOERROR, TTL 30 = 1e, 10.0.2.5 = 0a000205.
    ProcessorOutput out = f.engine.ReceiveQuery(CLIENT, Query("7777", HOSTB_FQDN), Seconds(1));
    REQUIRE(out.toClients.size() == 1);
    CHECK(out.toClients[0].bytes == AnswerA("7777", "8580", HOSTB_FQDN, "0000001e", "0a000205"));
    CHECK(out.reports.at(0).event == ProcessorEvent::HOOK_ANSWER);
    CHECK(askedBy == CLIENT);

    // FORWARD goes to the peer gateway, not upstream; only its reply counts.
    const std::string gwb = "05 686f737462 03 677762 07 6578616d706c65 00"; // hostb.gwb.example
    f.ids->ids = {0x0042};
    out = f.engine.ReceiveQuery(CLIENT, Query("7778", gwb), Seconds(1));
    REQUIRE(out.upstream.size() == 1);
    CHECK(out.upstream[0].to == (PeerAddress{PEER_GW, 53, 0}));
    CHECK(out.reports.at(0).event == ProcessorEvent::HOOK_FORWARD);
    const std::vector<uint8_t> peerReply = AnswerA("0042", "8580", gwb, "0000001e", "0a000205");
    CHECK(f.engine.ReceiveUpstream(SERVER, peerReply, Seconds(1.1)).toClients.empty());
    out = f.engine.ReceiveUpstream(PeerAddress{PEER_GW, 53, 0}, peerReply, Seconds(1.1));
    REQUIRE(out.toClients.size() == 1);
    CHECK(out.toClients[0].bytes == AnswerA("7778", "8580", gwb, "0000001e", "0a000205"));

    // NO_OPINION: the table, then upstream, as without a hook.
    out = f.engine.ReceiveQuery(CLIENT, Query("7779", HOSTC_FQDN), Seconds(1));
    CHECK(out.reports.at(0).event == ProcessorEvent::LOCAL_NXDOMAIN);
    out = f.engine.ReceiveQuery(CLIENT, Query("777a", WWW), Seconds(1));
    CHECK(out.reports.at(0).event == ProcessorEvent::FORWARDED);
    CHECK(asked ==
          std::vector<std::string>{
              "hostb.home.arpa", "hostb.gwb.example", "hostc.home.arpa", "www.example.com"});

    const ProcessorCounters& c = f.engine.GetCounters();
    CHECK(c.hookAnswers == 1);
    CHECK(c.hookForwards == 1);
    CHECK(c.forwarded == 2); // the hook's forward and the upstream one
    CHECK(c.localAnswers == 1);
}

TEST_CASE("the hook's REFUSE answers REFUSED and neither the table nor upstream is asked", "[dns]")
{
    Fixture f;
    f.engine.SetQueryHook([](const Question&, const PeerAddress&) {
        return HookDecision::Refuse();
    });
    // HOSTB_FQDN is in the table, WWW would go upstream: both are refused.
    // RFC 1035 4.1.1: QR, RD copied, RA, RCODE 5 (Refused): 8185; no answer.
    ProcessorOutput out = f.engine.ReceiveQuery(CLIENT, Query("7001", HOSTB_FQDN), Seconds(1));
    REQUIRE(out.toClients.size() == 1);
    CHECK(out.toClients[0].bytes == Empty("7001", "8185", HOSTB_FQDN));
    CHECK(out.reports.at(0).event == ProcessorEvent::HOOK_REFUSED);
    out = f.engine.ReceiveQuery(CLIENT, Query("7002", WWW), Seconds(1));
    CHECK(out.upstream.empty());
    REQUIRE(out.toClients.size() == 1);
    CHECK(out.toClients[0].bytes == Empty("7002", "8185", WWW));
    CHECK(f.engine.GetCounters().hookRefused == 2);
    CHECK(f.engine.GetCounters().forwarded == 0);
}

TEST_CASE("a client's retransmission is sent upstream again under the same ID", "[dns]")
{
    Fixture f;
    f.ids->ids = {0x1111, 0x2222};
    const std::vector<uint8_t> query = Query("8888", WWW);
    ProcessorOutput first = f.engine.ReceiveQuery(CLIENT, query, Seconds(1));
    ProcessorOutput again = f.engine.ReceiveQuery(CLIENT, query, Seconds(6));
    REQUIRE(again.upstream.size() == 1);
    CHECK(again.upstream[0].bytes == first.upstream.at(0).bytes);
    CHECK(again.reports.at(0).event == ProcessorEvent::DUPLICATE);
    CHECK(f.engine.GetOutstandingCount() == 1);
    CHECK(f.engine.GetCounters().forwarded == 1);
    CHECK(f.engine.GetCounters().duplicates == 1);
    // The deadline stays that of the first copy: 1 s + 10 s.
    CHECK(f.engine.GetNextWakeup() == Seconds(11));

    // The same ID from another port is another query.
    ProcessorOutput other = f.engine.ReceiveQuery(PeerAddress{HOST_A, 40001, 0}, query, Seconds(6));
    REQUIRE(other.upstream.size() == 1);
    CHECK(IdOf(other.upstream[0].bytes) == 0x2222);
    CHECK(f.engine.GetOutstandingCount() == 2);

    // One reply ends the query: a second copy of it matches nothing.
    const std::vector<uint8_t> reply = Empty("1111", "8180", WWW);
    CHECK(f.engine.ReceiveUpstream(SERVER, reply, Seconds(7)).toClients.size() == 1);
    CHECK(f.engine.ReceiveUpstream(SERVER, reply, Seconds(7)).toClients.empty());
}

TEST_CASE("bad queries get FORMERR or NOTIMP, or are dropped, and are counted", "[dns]")
{
    Fixture f;
    // Shorter than a header: nothing to answer.
    ProcessorOutput out = f.engine.ReceiveQuery(CLIENT, FromHex("1234 0100 00"), Seconds(1));
    CHECK(out.toClients.empty());
    CHECK(out.reports.at(0).event == ProcessorEvent::MALFORMED);

    // A header, then a question cut short: FORMERR (8181), no question echoed.
    out =
        f.engine.ReceiveQuery(CLIENT, FromHex("1234 0100 0001 0000 0000 0000 05 686f"), Seconds(1));
    REQUIRE(out.toClients.size() == 1);
    CHECK(out.toClients[0].bytes == FromHex("1234 8181 0000 0000 0000 0000"));

    // Opcode STATUS (2: flags 0x1100) is not implemented: NOTIMP, opcode kept (0x9184).
    out = f.engine.ReceiveQuery(
        CLIENT, FromHex("1235 1100 0001 0000 0000 0000" + WWW + "0001 0001"), Seconds(1));
    REQUIRE(out.toClients.size() == 1);
    CHECK(out.toClients[0].bytes == Empty("1235", "9184", WWW));

    // Two questions: FORMERR.
    out = f.engine.ReceiveQuery(
        CLIENT,
        FromHex("1236 0100 0002 0000 0000 0000" + WWW + "0001 0001" + HOSTB_FQDN + "0001 0001"),
        Seconds(1));
    REQUIRE(out.toClients.size() == 1);
    CHECK(out.toClients[0].bytes.at(3) == 0x81);

    // A response arriving on the query port: dropped.
    out = f.engine.ReceiveQuery(CLIENT, Empty("1237", "8180", WWW), Seconds(1));
    CHECK(out.toClients.empty());
    CHECK(out.upstream.empty());

    CHECK(f.engine.GetCounters().queries == 5);
    CHECK(f.engine.GetCounters().malformed == 5);
    CHECK(f.engine.GetOutstandingCount() == 0);
}

TEST_CASE("without an upstream, or with a full table, forwarding fails with SERVFAIL", "[dns]")
{
    Fixture f;
    // Config::maxOutstanding is 4.
    for (int i = 0; i < 4; ++i)
    {
        CHECK(f.engine
                  .ReceiveQuery(PeerAddress{HOST_A, static_cast<uint16_t>(1000 + i), 0},
                                Query("0001", WWW),
                                Seconds(1))
                  .upstream.size() == 1);
    }
    ProcessorOutput out = f.engine.ReceiveQuery(CLIENT, Query("0002", WWW), Seconds(1));
    CHECK(out.upstream.empty());
    REQUIRE(out.toClients.size() == 1);
    CHECK(out.toClients[0].bytes == Empty("0002", "8182", WWW));
    CHECK(out.reports.at(0).event == ProcessorEvent::NO_UPSTREAM);

    f.engine.ClearUpstream();
    f.engine.Advance(Seconds(20));
    out = f.engine.ReceiveQuery(CLIENT, Query("0003", WWW), Seconds(21));
    CHECK(out.upstream.empty());
    REQUIRE(out.toClients.size() == 1);
    CHECK(out.toClients[0].bytes == Empty("0003", "8182", WWW));
    CHECK(f.engine.GetCounters().servfail == 2);
    // Local names need no upstream.
    CHECK(
        f.engine.ReceiveQuery(CLIENT, Query("0004", HOSTB_FQDN), Seconds(21)).reports.at(0).event ==
        ProcessorEvent::LOCAL_ANSWER);
}

TEST_CASE("a query over TCP is forwarded over TCP and answered on its connection", "[dns]")
{
    Fixture f;
    f.ids->ids = {0x0303};
    const PeerAddress tcpClient{HOST_A, 40002, 5};
    ProcessorOutput out = f.engine.ReceiveQuery(tcpClient, Query("9999", WWW), Seconds(1));
    REQUIRE(out.upstream.size() == 1);
    CHECK(out.upstream[0].to.address == UPSTREAM);
    CHECK(out.upstream[0].to.connection == 5); // the driver's cue for TCP
    out = f.engine.ReceiveUpstream(SERVER, Empty("0303", "8180", WWW), Seconds(2));
    REQUIRE(out.toClients.size() == 1);
    CHECK(out.toClients[0].to == tcpClient);
}

TEST_CASE("an answer over 512 octets is truncated over UDP, whole over TCP", "[dns]")
{
    Fixture f;
    std::vector<Ipv4Address> many;
    for (uint32_t i = 1; i <= 40; ++i)
    {
        many.push_back(Ipv4Address(0x0a000200 + i));
    }
    f.engine.SetQueryHook([&](const Question&, const PeerAddress&) {
        return HookDecision::Answer(many);
    });
    // 12 header + 21 question = 33; each A record 16 (pointer 2, type 2,
    // class 2, TTL 4, length 2, address 4): (512 - 33) / 16 = 29 fit.
    ProcessorOutput out = f.engine.ReceiveQuery(CLIENT, Query("0001", HOSTB_FQDN), Seconds(1));
    REQUIRE(out.toClients.size() == 1);
    const std::vector<uint8_t>& udp = out.toClients[0].bytes;
    CHECK(udp.size() == 33 + 29 * 16);
    CHECK((udp.at(2) & 0x02) == 0x02); // TC (RFC 1035 4.1.1)
    CHECK(udp.at(7) == 29);            // ANCOUNT

    out =
        f.engine.ReceiveQuery(PeerAddress{HOST_A, 40003, 9}, Query("0002", HOSTB_FQDN), Seconds(1));
    REQUIRE(out.toClients.size() == 1);
    const std::vector<uint8_t>& tcp = out.toClients[0].bytes;
    CHECK(tcp.size() == 33 + 40 * 16);
    CHECK((tcp.at(2) & 0x02) == 0);
    CHECK(tcp.at(7) == 40);
}
