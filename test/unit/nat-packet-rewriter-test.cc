// SPDX-License-Identifier: GPL-2.0-only
//
// nat packet rewriting: datagrams laid out by hand from RFC 791, 768, 793
// and 792, rewritten, and compared byte for byte with the translated
// datagram laid out by hand, whose checksums this file computes in full
// with its own code (sum modulo 0xFFFF); random datagrams whose checksums
// after a rewrite must all verify by full recomputation.
#include "codec-test-util.h"

#include "ns3/nat-packet-rewriter.h"

#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::nat;
using ns3::codectest::FromHex;

namespace
{

using Bytes = std::vector<uint8_t>;

uint16_t
Word(const Bytes& b, std::size_t at)
{
    return static_cast<uint16_t>(b[at] << 8 | b[at + 1]);
}

void
PutWord(Bytes& b, std::size_t at, uint16_t v)
{
    b[at] = v >> 8;
    b[at + 1] = v & 0xFF;
}

// Plain sum of big-endian words (odd byte padded), as a 64-bit integer.
uint64_t
PlainSum(const Bytes& b, std::size_t from, std::size_t to)
{
    uint64_t sum = 0;
    for (std::size_t i = from; i < to; i += 2)
    {
        sum += uint64_t{b[i]} << 8 | (i + 1 < to ? b[i + 1] : 0);
    }
    return sum;
}

// The checksum of a plain sum: one's complement arithmetic is arithmetic
// modulo 0xFFFF (RFC 1071 section 2); a nonzero multiple is 0xFFFF ("-0").
uint16_t
FromPlainSum(uint64_t sum)
{
    uint64_t r = sum % 0xFFFF;
    if (r == 0 && sum != 0)
    {
        r = 0xFFFF;
    }
    return static_cast<uint16_t>(0xFFFF - r);
}

// Fills the IPv4 header checksum of the header at `ip` (RFC 791 3.1).
void
FillIp(Bytes& b, std::size_t ip)
{
    const std::size_t ihl = (b[ip] & 0x0F) * 4u;
    PutWord(b, ip + 10, 0);
    PutWord(b, ip + 10, FromPlainSum(PlainSum(b, ip, ip + ihl)));
}

// Fills the transport checksum of the datagram at `ip`, which must be
// complete: UDP/TCP with the pseudo-header (RFC 768, RFC 793 3.1), ICMP
// over its message (RFC 792). A UDP checksum of 0 is left 0 if `keepZeroUdp`.
void
FillTransport(Bytes& b, std::size_t ip, bool keepZeroUdp = false)
{
    const std::size_t ihl = (b[ip] & 0x0F) * 4u;
    const std::size_t l4 = ip + ihl;
    const std::size_t end = ip + Word(b, ip + 2);
    const uint8_t protocol = b[ip + 9];
    const std::size_t at = protocol == 17 ? l4 + 6 : protocol == 6 ? l4 + 16 : l4 + 2;
    if (protocol == 17 && keepZeroUdp && Word(b, at) == 0)
    {
        return;
    }
    PutWord(b, at, 0);
    uint64_t sum = PlainSum(b, l4, end);
    if (protocol != 1)
    {
        sum += PlainSum(b, ip + 12, ip + 20) + protocol + (end - l4);
    }
    uint16_t c = FromPlainSum(sum);
    if (protocol == 17 && c == 0)
    {
        c = 0xFFFF;
    }
    PutWord(b, at, c);
}

Bytes
Datagram(const std::string& hex)
{
    Bytes b = FromHex(hex);
    FillTransport(b, 0);
    FillIp(b, 0);
    return b;
}

const TransportAddress PUBLIC_1025{Ipv4Address("168.219.193.7"), 1025};
const TransportAddress HOST_5000{Ipv4Address("10.0.0.4"), 5000};

// UDP 10.0.0.4:5000 -> 198.51.100.1:53, payload "abcd".
const std::string udpInside = "45 00 0020 1c46 4000 40 11 0000"
                              "0a000004 c6336401"
                              "1388 0035 000c 0000"
                              "61626364";
// The same after NAPT: 168.219.193.7:1025 -> 198.51.100.1:53, TTL as before.
const std::string udpOutside = "45 00 0020 1c46 4000 40 11 0000"
                               "a8dbc107 c6336401"
                               "0401 0035 000c 0000"
                               "61626364";

} // namespace

TEST_CASE("RFC 4787: UDP source rewrite against hand-laid bytes and full checksums", "[nat]")
{
    Bytes b = Datagram(udpInside);
    REQUIRE_FALSE(RewriteEndpoint(b.data(), b.size(), Side::SOURCE, PUBLIC_1025));
    CHECK(b == Datagram(udpOutside));
    // And back: the reply's destination.
    Bytes reply = Datagram("45 00 0020 0001 0000 3f 11 0000"
                           "c6336401 a8dbc107"
                           "0035 0401 000c 0000"
                           "77787980");
    REQUIRE_FALSE(RewriteEndpoint(reply.data(), reply.size(), Side::DESTINATION, HOST_5000));
    CHECK(reply == Datagram("45 00 0020 0001 0000 3f 11 0000"
                            "c6336401 0a000004"
                            "0035 1388 000c 0000"
                            "77787980"));
    auto parsed = ParseDatagram(reply.data(), reply.size());
    CHECK(parsed.flow == Flow{Transport::UDP, {Ipv4Address("198.51.100.1"), 53}, HOST_5000, 0});
}

TEST_CASE("RFC 768: a UDP checksum of zero stays zero", "[nat]")
{
    Bytes b = FromHex(udpInside);
    FillIp(b, 0); // UDP checksum 0: none computed
    REQUIRE_FALSE(RewriteEndpoint(b.data(), b.size(), Side::SOURCE, PUBLIC_1025));
    Bytes expected = FromHex(udpOutside);
    FillIp(expected, 0);
    CHECK(b == expected);
    CHECK(Word(b, 26) == 0);
}

TEST_CASE("RFC 768, RFC 1624 section 4: a UDP checksum that becomes zero is sent as 0xFFFF",
          "[nat]")
{
    // Pick the payload word so that the translated datagram's words sum to
    // -0 (0xFFFF): its checksum computes as 0 and goes out as 0xFFFF.
    Bytes after = FromHex(udpOutside);
    PutWord(after, 28, 0);
    PutWord(after, 30, 0);
    const uint64_t rest =
        PlainSum(after, 20, 28) + PlainSum(after, 12, 20) + 17 + 12; // with the pseudo-header
    const uint16_t fill = static_cast<uint16_t>(0xFFFF - rest % 0xFFFF);
    Bytes before = FromHex(udpInside);
    PutWord(before, 28, fill);
    PutWord(before, 30, 0);
    FillTransport(before, 0);
    FillIp(before, 0);
    REQUIRE(Word(before, 26) != 0xFFFF); // the inside datagram's checksum is ordinary
    REQUIRE_FALSE(RewriteEndpoint(before.data(), before.size(), Side::SOURCE, PUBLIC_1025));
    CHECK(Word(before, 26) == 0xFFFF);
    PutWord(after, 28, fill);
    FillTransport(after, 0);
    FillIp(after, 0);
    CHECK(before == after);
}

TEST_CASE("RFC 5382: TCP destination rewrite against hand-laid bytes", "[nat]")
{
    // SYN-ACK 93.184.216.34:443 -> 168.219.193.7:40001, to 10.0.0.4:40000.
    const std::string tcp = "45 00 0028 0000 4000 38 06 0000"
                            "5db8d822 %s"
                            "01bb %s 00000001 00000002 5012 ffff 0000 0000";
    auto with = [&](const std::string& address, const std::string& port) {
        std::string s = tcp;
        s.replace(s.find("%s"), 2, address);
        s.replace(s.find("%s"), 2, port);
        return Datagram(s);
    };
    Bytes b = with("a8dbc107", "9c41");
    auto parsed = ParseDatagram(b.data(), b.size());
    CHECK(parsed.flow.tcpFlags == (tcpflag::SYN | tcpflag::ACK));
    CHECK(parsed.flow.destination == TransportAddress{Ipv4Address("168.219.193.7"), 40001});
    REQUIRE_FALSE(
        RewriteEndpoint(b.data(), b.size(), Side::DESTINATION, {Ipv4Address("10.0.0.4"), 40000}));
    CHECK(b == with("0a000004", "9c40"));
}

TEST_CASE("RFC 5508 REQ-1: ICMP echo identifier rewrite, both ways", "[nat]")
{
    // Echo request id 0x0007 seq 1 from 10.0.0.4 to 198.51.100.1.
    Bytes request = Datagram("45 00 0020 0000 0000 40 01 0000 0a000004 c6336401"
                             "08 00 0000 0007 0001 cafebabe");
    auto parsed = ParseDatagram(request.data(), request.size());
    CHECK(parsed.flow.source.port == 7);
    CHECK(parsed.flow.destination.port == 7);
    CHECK_FALSE(parsed.icmpError);
    REQUIRE_FALSE(RewriteEndpoint(
        request.data(), request.size(), Side::SOURCE, {Ipv4Address("168.219.193.7"), 0x0400}));
    CHECK(request == Datagram("45 00 0020 0000 0000 40 01 0000 a8dbc107 c6336401"
                              "08 00 0000 0400 0001 cafebabe"));
    Bytes reply = Datagram("45 00 0020 0000 0000 40 01 0000 c6336401 a8dbc107"
                           "00 00 0000 0400 0001 cafebabe");
    REQUIRE_FALSE(RewriteEndpoint(
        reply.data(), reply.size(), Side::DESTINATION, {Ipv4Address("10.0.0.4"), 7}));
    CHECK(reply == Datagram("45 00 0020 0000 0000 40 01 0000 c6336401 0a000004"
                            "00 00 0000 0007 0001 cafebabe"));
}

namespace
{

// Port unreachable from 198.51.100.1 to `outerDst` about the complete UDP
// datagram `embeddedSrc` -> 198.51.100.1:53 with payload "abcd" (RFC 792:
// type 3 code 3, unused word, then the datagram).
Bytes
PortUnreachable(const std::string& outerDst,
                const std::string& embeddedSrc,
                const std::string& port)
{
    Bytes b = FromHex("45 00 003c 0002 0000 40 01 0000 c6336401" + outerDst +
                      "03 03 0000 00000000"
                      "45 00 0020 1c46 4000 3f 11 0000" +
                      embeddedSrc + "c6336401" + port + "0035 000c 0000 61626364");
    FillTransport(b, 28); // the embedded UDP checksum
    FillIp(b, 28);        // the embedded IP checksum
    FillTransport(b, 0);  // ICMP over all of it
    FillIp(b, 0);
    return b;
}

} // namespace

TEST_CASE("RFC 5508 REQ-3: inbound ICMP error, embedded UDP header translated", "[nat]")
{
    Bytes b = PortUnreachable("a8dbc107", "a8dbc107", "0401");
    auto parsed = ParseDatagram(b.data(), b.size());
    REQUIRE(parsed.icmpError);
    CHECK(parsed.icmpType == 3);
    CHECK(parsed.embedded.source == PUBLIC_1025);
    CHECK(parsed.embedded.destination == TransportAddress{Ipv4Address("198.51.100.1"), 53});
    REQUIRE_FALSE(RewriteIcmpError(
        b.data(), b.size(), Side::DESTINATION, Ipv4Address("10.0.0.4"), HOST_5000));
    CHECK(b == PortUnreachable("0a000004", "0a000004", "1388"));
}

TEST_CASE("RFC 5508 REQ-4: outbound ICMP error, embedded TCP header cut to 8 octets", "[nat]")
{
    // 10.0.0.4 says "port unreachable" about a segment 93.184.216.34:443 ->
    // 10.0.0.4:40000 of which it quotes the first 8 octets (no checksum).
    auto make =
        [](const std::string& outerSrc, const std::string& innerDst, const std::string& port) {
            Bytes b = FromHex("45 00 0038 0003 0000 40 01 0000" + outerSrc +
                              "5db8d822"
                              "03 03 0000 00000000"
                              "45 00 0028 0000 4000 38 06 0000 5db8d822" +
                              innerDst + "01bb" + port + "00000001");
            FillIp(b, 28);
            FillTransport(b, 0);
            FillIp(b, 0);
            return b;
        };
    Bytes b = make("0a000004", "0a000004", "9c40");
    REQUIRE_FALSE(RewriteIcmpError(b.data(),
                                   b.size(),
                                   Side::SOURCE,
                                   Ipv4Address("168.219.193.7"),
                                   {Ipv4Address("168.219.193.7"), 40001}));
    CHECK(b == make("a8dbc107", "a8dbc107", "9c41"));
}

TEST_CASE("RFC 5508 REQ-3: inbound ICMP error about an echo request", "[nat]")
{
    auto make = [](const std::string& address, const std::string& id) {
        Bytes b = FromHex("45 00 0038 0004 0000 40 01 0000 cb007101" + address +
                          "0b 00 0000 00000000" // time exceeded
                          "45 00 0020 0000 0000 01 01 0000" +
                          address + "c6336401 08 00 0000" + id + "0001");
        // The embedded echo's checksum over its quoted 8 octets, then the rest.
        Bytes echo(b.begin() + 48, b.end());
        PutWord(echo, 2, FromPlainSum(PlainSum(echo, 0, echo.size())));
        std::copy(echo.begin(), echo.end(), b.begin() + 48);
        FillIp(b, 28);
        FillTransport(b, 0);
        FillIp(b, 0);
        return b;
    };
    Bytes b = make("a8dbc107", "0400");
    REQUIRE_FALSE(RewriteIcmpError(b.data(),
                                   b.size(),
                                   Side::DESTINATION,
                                   Ipv4Address("10.0.0.4"),
                                   {Ipv4Address("10.0.0.4"), 7}));
    CHECK(b == make("0a000004", "0007"));
}

TEST_CASE("RFC 1624: random UDP and TCP rewrites keep every checksum right", "[nat]")
{
    std::mt19937 rng(5382);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<uint32_t> any;
    for (int n = 0; n < 1000; ++n)
    {
        const bool tcp = n % 2;
        const std::size_t l4size = tcp ? 20 : 8;
        const std::size_t payload = n % 13;
        Bytes b(20 + l4size + payload);
        for (auto& x : b)
        {
            x = static_cast<uint8_t>(byte(rng));
        }
        b[0] = 0x45;
        PutWord(b, 2, static_cast<uint16_t>(b.size()));
        PutWord(b, 6, 0x4000); // DF, offset 0
        b[9] = tcp ? 6 : 17;
        if (!tcp)
        {
            PutWord(b, 24, static_cast<uint16_t>(l4size + payload));
        }
        FillTransport(b, 0);
        FillIp(b, 0);
        const Side side = n % 3 ? Side::SOURCE : Side::DESTINATION;
        const TransportAddress to{Ipv4Address(any(rng)), static_cast<uint16_t>(any(rng))};
        REQUIRE_FALSE(RewriteEndpoint(b.data(), b.size(), side, to));
        Bytes expected = b;
        FillTransport(expected, 0);
        FillIp(expected, 0);
        REQUIRE(b == expected);
        auto parsed = ParseDatagram(b.data(), b.size());
        REQUIRE((side == Side::SOURCE ? parsed.flow.source : parsed.flow.destination) == to);
    }
}

TEST_CASE("Malformed datagrams are refused and left untouched", "[nat]")
{
    const Bytes good = Datagram(udpInside);
    auto refuse = [](Bytes b) {
        const Bytes before = b;
        auto e = RewriteEndpoint(b.data(), b.size(), Side::SOURCE, PUBLIC_1025);
        CHECK(b == before);
        return e;
    };
    for (std::size_t cut = 0; cut < good.size(); ++cut)
    {
        CHECK(refuse(Bytes(good.begin(), good.begin() + cut)) == RewriteError::TRUNCATED);
    }
    Bytes v6 = good;
    v6[0] = 0x65;
    CHECK(refuse(v6) == RewriteError::NOT_IPV4);
    Bytes shortIhl = good;
    shortIhl[0] = 0x44;
    CHECK(refuse(shortIhl) == RewriteError::NOT_IPV4);
    Bytes fragment = good;
    PutWord(fragment, 6, 0x0010); // offset 16 words
    CHECK(refuse(fragment) == RewriteError::FRAGMENT);
    Bytes gre = good;
    gre[9] = 47;
    CHECK(refuse(gre) == RewriteError::UNSUPPORTED);
    Bytes udp = good;
    CHECK(RewriteIcmpError(
              udp.data(), udp.size(), Side::DESTINATION, Ipv4Address("10.0.0.4"), HOST_5000) ==
          RewriteError::NOT_ICMP_ERROR);
    // An ICMP error cut inside its embedded header.
    Bytes error = PortUnreachable("a8dbc107", "a8dbc107", "0401");
    Bytes cut(error.begin(), error.begin() + 50);
    PutWord(cut, 2, 50);
    CHECK(ParseDatagram(cut.data(), cut.size()).error == RewriteError::TRUNCATED);
    // An error about an error is not one to translate (RFC 1122 3.2.2).
    Bytes nested = error;
    nested[28 + 9] = 1;
    nested[48] = 3;
    CHECK(ParseDatagram(nested.data(), nested.size()).error == RewriteError::UNSUPPORTED);
}

TEST_CASE("1:1 NAT: the source of a UDP datagram, port kept, checksums recomputed", "[nat]")
{
    // Seed 004 [0146]: into the tunnel, 10.0.0.4 becomes 10.0.1.4.
    Bytes b = Datagram(udpInside);
    REQUIRE_FALSE(RewriteAddress(b.data(), b.size(), Side::SOURCE, Ipv4Address("10.0.1.4")));
    CHECK(b == Datagram("45 00 0020 1c46 4000 40 11 0000"
                        "0a000104 c6336401"
                        "1388 0035 000c 0000"
                        "61626364"));
}

TEST_CASE("1:1 NAT: an ICMP error's destination and its embedded source move together", "[nat]")
{
    // Out of the tunnel, 10.0.1.4 becomes 10.0.0.4 again (seed 004 [0146]);
    // the error is about a datagram 10.0.1.4:1025 sent (RFC 5508 4.2).
    Bytes b = PortUnreachable("0a000104", "0a000104", "0401");
    REQUIRE_FALSE(RewriteAddress(b.data(), b.size(), Side::DESTINATION, Ipv4Address("10.0.0.4")));
    CHECK(b == PortUnreachable("0a000004", "0a000004", "0401"));
}

TEST_CASE("1:1 NAT: other protocols and later fragments change in the IP header only", "[nat]")
{
    // GRE (47): no transport checksum the NAT knows.
    Bytes gre = FromHex("45 00 0018 0001 0000 40 2f 0000 0a000004 c6336401 0000 0800");
    FillIp(gre, 0);
    Bytes expected = gre;
    expected[12] = 10, expected[13] = 0, expected[14] = 1, expected[15] = 4;
    FillIp(expected, 0);
    REQUIRE_FALSE(RewriteAddress(gre.data(), gre.size(), Side::SOURCE, Ipv4Address("10.0.1.4")));
    CHECK(gre == expected);
    // A UDP fragment at offset 8 (no UDP header in it): the payload is untouched.
    Bytes fragment = FromHex("45 00 0018 1c46 0001 40 11 0000 0a000004 c6336401 61626364 65666768");
    FillIp(fragment, 0);
    expected = fragment;
    expected[12] = 10, expected[13] = 0, expected[14] = 1, expected[15] = 4;
    FillIp(expected, 0);
    REQUIRE_FALSE(
        RewriteAddress(fragment.data(), fragment.size(), Side::SOURCE, Ipv4Address("10.0.1.4")));
    CHECK(fragment == expected);
    // Truncated: refused, untouched.
    Bytes cut(gre.begin(), gre.begin() + 12);
    const Bytes before = cut;
    CHECK(RewriteAddress(cut.data(), cut.size(), Side::SOURCE, Ipv4Address("10.0.1.4")) ==
          RewriteError::TRUNCATED);
    CHECK(cut == before);
}

TEST_CASE("An all-zero ICMP echo keeps the checksum 0xFFFF (RFC 1624 section 3, fuzz finding)",
          "[nat]")
{
    // Echo reply, identifier 0, sequence 0, no data: its words sum to +0, so
    // the checksum is 0xFFFF (RFC 1071); eqn. 3 alone would write 0x0000,
    // which does not verify.
    Bytes b = Datagram("45 00 001c aa00 0000 40 01 0000 0a000004 c6336401 00 00 0000 0000 0000");
    REQUIRE(Word(b, 22) == 0xFFFF);
    REQUIRE_FALSE(RewriteEndpoint(b.data(), b.size(), Side::SOURCE, {Ipv4Address("10.0.0.4"), 0}));
    CHECK(Word(b, 22) == 0xFFFF);
    // Verification (RFC 1071): the message's words with its checksum sum to 0xFFFF.
    CHECK(FromPlainSum(PlainSum(b, 20, b.size())) == 0);
}
