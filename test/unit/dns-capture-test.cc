// SPDX-License-Identifier: GPL-2.0-only
//
// dns::Message on the corpus's real captures (tcpdump/dns_udp.pcap,
// dns_tcp.pcap, dns-badlabel.pcap), read with ns3::PcapFile, against
// tshark 4.0's decode of them.
#include "codec-test-util.h"
#include "corpus-test-util.h"

#include "ns3/dns-message.h"
#include "ns3/dns-name.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/pcap-file.h"

#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::dns;

namespace
{

/// The DNS octets of each frame of an Ethernet/IPv4 capture that carries
/// UDP or TCP payload, by frame number (1-based, as tshark counts). Headers
/// are skipped by their own length fields; the IPv4 total length bounds the
/// payload, so Ethernet padding is left out. Over TCP the payload is kept
/// with its 4.2.2 length prefix.
std::map<uint32_t, std::vector<uint8_t>>
ReadPayloads(const std::string& file)
{
    std::map<uint32_t, std::vector<uint8_t>> payloads;
    PcapFile pcap;
    pcap.Open(file, std::ios::in);
    REQUIRE_FALSE(pcap.Fail());
    REQUIRE(pcap.GetDataLinkType() == 1); // LINKTYPE_ETHERNET
    std::vector<uint8_t> frame(262144);
    for (uint32_t number = 1;; ++number)
    {
        uint32_t sec = 0;
        uint32_t usec = 0;
        uint32_t inclLen = 0;
        uint32_t origLen = 0;
        uint32_t readLen = 0;
        pcap.Read(frame.data(), frame.size(), sec, usec, inclLen, origLen, readLen);
        if (pcap.Fail() || pcap.Eof())
        {
            break;
        }
        REQUIRE(readLen >= 14 + 20);
        REQUIRE(frame[12] == 0x08);
        REQUIRE(frame[13] == 0x00); // IPv4
        const uint8_t* ip = frame.data() + 14;
        const size_t ihl = (ip[0] & 0x0f) * 4;
        const size_t total = (ip[2] << 8) | ip[3];
        REQUIRE(14 + total <= readLen);
        size_t transport = 0;
        if (ip[9] == 17)
        {
            transport = 8; // UDP
        }
        else if (ip[9] == 6)
        {
            transport = (ip[ihl + 12] >> 4) * 4; // TCP data offset
        }
        else
        {
            continue;
        }
        const size_t start = 14 + ihl + transport;
        const size_t end = 14 + total;
        if (end > start)
        {
            payloads[number].assign(frame.begin() + start, frame.begin() + end);
        }
    }
    pcap.Close();
    return payloads;
}

void
CheckRecord(
    const ResourceRecord& r, const std::string& name, uint16_t type, uint32_t ttl, size_t rdlength)
{
    CHECK(r.name.ToString() == name);
    CHECK(r.type == type);
    CHECK(r.rclass == CLASS_IN);
    CHECK(r.ttl == ttl);
    CHECK(r.rdata.size() == rdlength);
}

std::string
NameAt(const std::vector<uint8_t>& message, size_t offset)
{
    Name name;
    size_t next = 0;
    REQUIRE(ReadName(message.data(), message.size(), offset, name, next) == DecodeError::OK);
    return name.ToString();
}

Ipv6Address
Aaaa(const ResourceRecord& r)
{
    REQUIRE(r.rdata.size() == 16);
    return Ipv6Address::Deserialize(r.rdata.data());
}

// Expected values below are tshark 4.0.17's decode (`tshark -r FILE -V`) of
// the corpus files tcpdump/dns_udp.pcap and tcpdump/dns_tcp.pcap.

/// The query of both captures: "Flags: 0x0120 Standard query" (RD, and the
/// bit RFC 1035 reserves as Z that tshark shows as "AD bit: Set"),
/// "Questions: 1", "Additional RRs: 1", "www.tcpdump.org: type A, class IN",
/// "<Root>: type OPT", "UDP payload size: 4096", "Data length: 12",
/// "Option: COOKIE", "Option Length: 8", "Option Data: <cookie>".
void
CheckQuery(const std::vector<uint8_t>& bytes, uint16_t id, const std::string& cookie)
{
    Message m;
    REQUIRE(Message::Decode(bytes, m) == DecodeError::OK);
    CHECK(m.header.id == id);
    CHECK(m.header.GetFlags() == 0x0120);
    CHECK_FALSE(m.header.qr);
    CHECK(m.header.opcode == OPCODE_QUERY);
    CHECK_FALSE(m.header.tc);
    CHECK(m.header.rd);
    CHECK(m.header.z == 2); // 0x0020
    REQUIRE(m.questions.size() == 1);
    CHECK(m.questions[0].name.ToString() == "www.tcpdump.org");
    CHECK(m.questions[0].type == TYPE_A);
    CHECK(m.questions[0].qclass == CLASS_IN);
    CHECK(m.answers.empty());
    CHECK(m.authorities.empty());
    REQUIRE(m.additionals.size() == 1);
    const ResourceRecord& opt = m.additionals[0];
    CHECK(opt.name.IsRoot());
    CHECK(opt.type == TYPE_OPT);
    CHECK(opt.rclass == 4096); // OPT's CLASS is the UDP payload size (RFC 6891)
    CHECK(opt.ttl == 0);       // extended RCODE 0, version 0, Z 0
    CHECK(codectest::ToHex(opt.rdata) == "000a"
                                         "0008" +
                                             cookie);
    // The owner name is never repeated: re-encoding gives the same octets.
    CHECK(m.Encode() == bytes);
}

/// The response: "Flags: 0x8500 Standard query response, No error"
/// (Response, Authoritative, Recursion desired, RA 0), 1 question, 2
/// answers, 2 authority and 5 additional records as listed below.
void
CheckResponse(const std::vector<uint8_t>& bytes,
              uint16_t id,
              const std::string& firstNs,
              const std::string& secondNs)
{
    Message m;
    REQUIRE(Message::Decode(bytes, m) == DecodeError::OK);
    CHECK(m.header.id == id);
    CHECK(m.header.GetFlags() == 0x8500);
    CHECK(m.header.qr);
    CHECK(m.header.aa);
    CHECK_FALSE(m.header.tc);
    CHECK(m.header.rd);
    CHECK_FALSE(m.header.ra);
    CHECK(m.header.rcode == RCODE_NOERROR);
    REQUIRE(m.questions.size() == 1);
    CHECK(m.questions[0].name.ToString() == "www.tcpdump.org");
    REQUIRE(m.answers.size() == 2);
    CheckRecord(m.answers[0], "www.tcpdump.org", TYPE_A, 60, 4);
    CHECK(m.answers[0].GetAddress() == Ipv4Address("192.139.46.66"));
    CheckRecord(m.answers[1], "www.tcpdump.org", TYPE_A, 60, 4);
    CHECK(m.answers[1].GetAddress() == Ipv4Address("198.199.88.104"));
    REQUIRE(m.authorities.size() == 2);
    CheckRecord(m.authorities[0], "tcpdump.org", TYPE_NS, 86400, 18);
    CHECK(NameAt(bytes, m.authorities[0].rdataOffset) == firstNs);
    CheckRecord(m.authorities[1], "tcpdump.org", TYPE_NS, 86400, 18);
    CHECK(NameAt(bytes, m.authorities[1].rdataOffset) == secondNs);
    REQUIRE(m.additionals.size() == 5);
    CheckRecord(m.additionals[0], "nic.sandelman.ca", TYPE_A, 300, 4);
    CHECK(m.additionals[0].GetAddress() == Ipv4Address("209.87.249.18"));
    CheckRecord(m.additionals[1], "nic.sandelman.ca", TYPE_AAAA, 300, 16);
    CHECK(Aaaa(m.additionals[1]) == Ipv6Address("2607:f0b0:f::babe:f00d"));
    CheckRecord(m.additionals[2], "sns.cooperix.net", TYPE_A, 7200, 4);
    CHECK(m.additionals[2].GetAddress() == Ipv4Address("97.107.133.15"));
    CheckRecord(m.additionals[3], "sns.cooperix.net", TYPE_AAAA, 7200, 16);
    CHECK(Aaaa(m.additionals[3]) == Ipv6Address("2600:3c03::f03c:91ff:fe96:e8ef"));
    const ResourceRecord& opt = m.additionals[4];
    CHECK(opt.name.IsRoot());
    CHECK(opt.type == TYPE_OPT);
    CHECK(opt.rclass == 4096);
    CHECK(opt.rdata.empty());

    // Our own encoding of it decodes to the same message.
    Message again;
    REQUIRE(Message::Decode(m.Encode(), again) == DecodeError::OK);
    CHECK(again == m);
}

} // namespace

TEST_CASE("dns: the UDP capture agrees with tshark", "[dns]")
{
    const auto payloads = ReadPayloads(corpus::File("tcpdump/dns_udp.pcap"));
    REQUIRE(payloads.size() == 2);
    // tshark: frames 1 and 2, 98 and 266 octets: 56 and 224 octets of DNS.
    REQUIRE(payloads.at(1).size() == 98 - 42);
    REQUIRE(payloads.at(2).size() == 266 - 42);
    CheckQuery(payloads.at(1), 0x5934, "42f5d00996f90b13");
    CheckResponse(payloads.at(2), 0x5934, "sns.cooperix.net", "nic.sandelman.ca");
}

TEST_CASE("dns: the TCP capture agrees with tshark", "[dns]")
{
    const auto payloads = ReadPayloads(corpus::File("tcpdump/dns_tcp.pcap"));
    // tshark: "TCP payload (58 bytes)" in frame 4 and 226 in frame 6, each
    // one whole message behind its length ("Length: 56", "Length: 224").
    REQUIRE(payloads.size() == 2);
    for (auto [frame, length] : {std::make_pair(4u, 56u), std::make_pair(6u, 224u)})
    {
        const std::vector<uint8_t>& stream = payloads.at(frame);
        REQUIRE(stream.size() == 2 + length);
        std::vector<uint8_t> body;
        REQUIRE(ReadTcpFrame(stream.data(), stream.size(), body) == 2 + length);
        REQUIRE(body.size() == length);
        CHECK(FrameForTcp(body) == stream);
        if (frame == 4)
        {
            CheckQuery(body, 0x4319, "8f06be7d691442f0");
        }
        else
        {
            CheckResponse(body, 0x4319, "nic.sandelman.ca", "sns.cooperix.net");
        }
    }
}

TEST_CASE("dns: the bad-label capture is refused as tshark refuses it", "[dns]")
{
    // tshark: "Transaction ID: 0xc980", "Questions: 64259",
    // "Name: <Name too long>", "[Malformed Packet: DNS]". The question's
    // labels run on (1, 3, 1, 3, ... octets) with no zero octet until past
    // 255 octets.
    const auto payloads = ReadPayloads(corpus::File("tcpdump/dns-badlabel.pcap"));
    REQUIRE(payloads.size() == 1);
    const std::vector<uint8_t>& bytes = payloads.at(1);
    CHECK(bytes.size() == 63207 - 42);
    Message m;
    CHECK(Message::Decode(bytes, m) == DecodeError::NAME_TOO_LONG);
    CHECK(m.header.id == 0xc980);
    CHECK(m.header.GetFlags() == 0xffef);
    CHECK(m.questions.empty());
}
