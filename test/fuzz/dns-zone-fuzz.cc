// SPDX-License-Identifier: GPL-2.0-only
//
// Fuzz target: the authoritative zone of the home gateway's DNS server
// (dns::Zone, RFC 1034 4.3.2, RFC 2136 UPDATE) as the server answers a
// UDP payload. A decoded message goes to Respond() of a zone "home.example"
// with a few records (A, TXT, CNAME, NS) that accepts updates from
// 192.168.1.0/24: once from an allowed sender, once from one outside it.
// Invariants: the response copies ID and OPCODE and is a response; it
// encodes, decodes to the same message and cut to 512 octets still
// decodes; an UPDATE that fails or is refused leaves the zone as it was
// (same serial, same answers: RFC 2136 3, "atomically"); an update that
// changed the zone raised its serial (RFC 2136 3.6, RFC 1982); the zone's
// answers for the names of the request encode and decode again.
#include "fuzz-util.h"

#include "ns3/dns-message.h"
#include "ns3/dns-name.h"
#include "ns3/dns-zone.h"

using namespace ns3;
using namespace ns3::dns;

namespace
{

Name
N(const std::string& text)
{
    return *Name::Parse(text);
}

ResourceRecord
Record(const std::string& name, uint16_t type, uint32_t ttl, const std::vector<uint8_t>& rdata)
{
    ResourceRecord r;
    r.name = N(name);
    r.type = type;
    r.rclass = CLASS_IN;
    r.ttl = ttl;
    r.rdata = rdata;
    return r;
}

Zone
MakeZone()
{
    Zone zone(N("home.example"));
    zone.AllowUpdatesFrom(Ipv4Address("192.168.1.0"), Ipv4Mask("255.255.255.0"));
    FUZZ_CHECK(zone.AddA(N("gw.home.example"), Ipv4Address("192.168.1.1"), 300));
    FUZZ_CHECK(zone.AddA(N("laptop.home.example"), Ipv4Address("192.168.1.20"), 60));
    FUZZ_CHECK(zone.AddA(N("laptop.home.example"), Ipv4Address("192.168.1.21"), 60));
    FUZZ_CHECK(zone.AddRecord(Record("gw.home.example", TYPE_TXT, 60, {2, 'h', 'i'})));
    FUZZ_CHECK(zone.AddRecord(
        Record("www.home.example", TYPE_CNAME, 300, EncodeName(N("gw.home.example")))));
    FUZZ_CHECK(zone.AddRecord(
        Record("home.example", TYPE_NS, 3600, EncodeName(N("gw.home.example")))));
    return zone;
}

/// Encodes, decodes to the same message; the UDP cut decodes too.
void
CheckRoundTrip(const Message& message)
{
    const std::vector<uint8_t> encoded = message.Encode();
    Message again;
    FUZZ_CHECK(Message::Decode(encoded, again) == DecodeError::OK);
    FUZZ_CHECK(again == message);
    Message cut;
    FUZZ_CHECK(Message::Decode(message.EncodeTruncated(MAX_UDP_SIZE), cut) == DecodeError::OK);
}

Message
Query(const Name& name, uint16_t type)
{
    Message q;
    q.header.id = 7;
    q.questions.push_back({name, type, CLASS_IN});
    return q;
}

/// What the zone answers for a fixed set of questions: its visible state.
std::vector<std::vector<uint8_t>>
Snapshot(const Zone& zone, const std::vector<Name>& names)
{
    std::vector<std::vector<uint8_t>> out;
    for (const Name& name : names)
    {
        out.push_back(zone.Answer(Query(name, TYPE_ANY)).Encode());
    }
    out.push_back(zone.Answer(Query(zone.GetOrigin(), TYPE_SOA)).Encode());
    return out;
}

void
Serve(const Message& request, Ipv4Address from, bool allowed)
{
    Zone zone = MakeZone();
    FUZZ_CHECK(zone.IsUpdateAllowed(from) == allowed);
    std::vector<Name> names = {N("gw.home.example"),
                               N("laptop.home.example"),
                               N("www.home.example"),
                               N("home.example")};
    for (const auto* section : {&request.answers, &request.authorities})
    {
        for (const ResourceRecord& r : *section)
        {
            if (names.size() < 16)
            {
                names.push_back(r.name);
            }
        }
    }
    for (const Question& q : request.questions)
    {
        if (names.size() < 20)
        {
            names.push_back(q.name);
        }
    }
    const uint32_t serial = zone.GetSerial();
    const size_t count = zone.GetRecordCount();
    const std::vector<std::vector<uint8_t>> before = Snapshot(zone, names);

    const Message response = zone.Respond(request, from);
    FUZZ_CHECK(response.header.qr);
    FUZZ_CHECK(response.header.id == request.header.id);
    FUZZ_CHECK(response.header.opcode == request.header.opcode);
    FUZZ_CHECK(!RcodeName(response.header.rcode).empty());
    std::ostringstream printed;
    printed << response;
    CheckRoundTrip(response);

    const std::vector<std::vector<uint8_t>> after = Snapshot(zone, names);
    const bool changed = after != before || zone.GetRecordCount() != count;
    if (request.header.opcode != OPCODE_UPDATE || response.header.rcode != RCODE_NOERROR)
    {
        FUZZ_CHECK(!changed);
        FUZZ_CHECK(zone.GetSerial() == serial);
        FUZZ_CHECK(zone.GetRecordCount() == count);
    }
    else if (changed)
    {
        FUZZ_CHECK(SerialGreater(zone.GetSerial(), serial));
    }
    if (request.header.opcode == OPCODE_UPDATE && !allowed)
    {
        FUZZ_CHECK(response.header.rcode != RCODE_NOERROR);
    }
    for (const Name& name : names)
    {
        for (uint16_t type : {uint16_t{TYPE_A}, uint16_t{TYPE_ANY}})
        {
            const Message answer = zone.Answer(Query(name, type));
            FUZZ_CHECK(answer.header.qr && answer.header.id == 7);
            CheckRoundTrip(answer);
        }
    }
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    // Exactly the octets given: a copy, so ASan sees reads past the end.
    const std::vector<uint8_t> bytes(data, data + size);
    Message request;
    if (Message::Decode(bytes, request) != DecodeError::OK)
    {
        return 0; // the server drops what it cannot read (dns-message covers the codec)
    }
    Serve(request, Ipv4Address("192.168.1.20"), true);
    Serve(request, Ipv4Address("203.0.113.5"), false);
    return 0;
}
