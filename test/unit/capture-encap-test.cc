// SPDX-License-Identifier: GPL-2.0-only
//
// MPLS carried in UDP (RFC 7510) and in GRE (RFC 4023): the decoder's lines
// for the project's own captures (test/decode/captures, made by
// make-encap-captures.py and checked against tshark 4.0), the GRE header
// fields that move the label stack, the cases that must stay silent or
// give a malformed line, and every cut and byte damage of those frames.
#include "codec-test-util.h"
#include "decode-test-util.h"

#include "ns3/ipvpn-capture-decoder.h"
#include "ns3/ipvpn-capture-reader.h"

#include <catch2/catch.hpp>

#include <regex>

using namespace ns3;
using namespace ns3::decode;
using ns3::codectest::FromHex;
using ns3::decodetest::DecodeLines;

namespace
{

std::string
OwnCapture(const std::string& name)
{
    return std::string(IPVPN_SOURCE_DIR) + "/test/decode/captures/" + name;
}

/// An IPv4 header from 198.51.100.1 to 198.51.100.2 in front of `payload`.
/// The decoder does not verify checksums; the field is left zero.
std::vector<uint8_t>
Ipv4(uint8_t protocol, const std::vector<uint8_t>& payload)
{
    const std::size_t total = 20 + payload.size();
    std::vector<uint8_t> b{0x45, 0, uint8_t(total >> 8), uint8_t(total), 0, 1, 0, 0, 64, protocol,
                           0, 0, 198, 51, 100, 1, 198, 51, 100, 2};
    b.insert(b.end(), payload.begin(), payload.end());
    return b;
}

std::vector<uint8_t>
Udp(uint16_t sport, uint16_t dport, const std::vector<uint8_t>& payload)
{
    const std::size_t length = 8 + payload.size();
    std::vector<uint8_t> b{uint8_t(sport >> 8), uint8_t(sport), uint8_t(dport >> 8), uint8_t(dport),
                           uint8_t(length >> 8), uint8_t(length), 0, 0};
    b.insert(b.end(), payload.begin(), payload.end());
    return Ipv4(17, b);
}

/// GRE: flags/version word, protocol type, `optional` octets (checksum,
/// key, sequence ... as the flags announce them), then `payload`.
std::vector<uint8_t>
Gre(uint16_t word,
    uint16_t protocol,
    const std::vector<uint8_t>& optional,
    const std::vector<uint8_t>& payload)
{
    std::vector<uint8_t> b{uint8_t(word >> 8), uint8_t(word), uint8_t(protocol >> 8),
                           uint8_t(protocol)};
    b.insert(b.end(), optional.begin(), optional.end());
    b.insert(b.end(), payload.begin(), payload.end());
    return Ipv4(47, b);
}

/// The lines for one raw-IPv4 frame, numbered 1.
std::vector<std::string>
Lines(const std::vector<uint8_t>& ip)
{
    CaptureDecoder decoder;
    std::vector<std::string> lines;
    for (const auto& m : decoder.Decode(DecodeFrame(LINKTYPE_RAW, ip, 1)))
    {
        lines.push_back(m.ToLine());
    }
    return lines;
}

/// Label 100, S = 1, TTL 63 over an IPv4/UDP datagram to the discard port
/// (nothing the decoder prints): the only line is the label stack's.
const std::vector<uint8_t> STACK_OVER_IPV4 = [] {
    std::vector<uint8_t> b = FromHex("0006413f");
    const auto inner = Udp(1000, 9, {});
    b.insert(b.end(), inner.begin(), inner.end());
    return b;
}();

const std::string GRE_ENDS = "src=198.51.100.1 dst=198.51.100.2";
const std::string STACK_LINE = "1 0.000000 mpls label-stack depth=1 stack=100/0/1/63 payload=ipv4 ";

} // namespace

TEST_CASE("MPLS in UDP and GRE: the label stack line, then its payload", "[decode][mpls]")
{
    SECTION("UDP port 6635: one and two labels over LDP, L2TP, LDP on TCP, RADIUS")
    {
        const std::vector<std::string> expected{
            "1 1700000000.000000 mpls label-stack depth=1 stack=100/0/1/63 payload=ipv4 encap=udp "
            "src=198.51.100.1:49152 dst=198.51.100.2:6635",
            "1 1700000000.000000 ldp Hello id=1 lsr=192.0.2.1:0 hold=15 targeted=0 "
            "src=192.0.2.1:646 dst=224.0.0.2:646",
            "2 1700000001.001000 mpls label-stack depth=2 stack=200/0/0/63,300/5/1/63 payload=ipv4 "
            "encap=udp src=198.51.100.1:51000 dst=198.51.100.2:6635",
            "2 1700000001.001000 l2tp HELLO tunnel=7 session=0 ns=3 nr=4 avps=Message-Type "
            "src=192.0.2.1:1701 dst=192.0.2.2:1701",
            "3 1700000002.002000 mpls label-stack depth=2 stack=201/0/0/62,301/0/1/62 payload=ipv4 "
            "encap=udp src=198.51.100.1:52000 dst=198.51.100.2:6635",
            "3 1700000002.002000 ldp KeepAlive id=33 lsr=192.0.2.1:0 src=192.0.2.1:40001 "
            "dst=192.0.2.2:646",
            "4 1700000003.003000 mpls label-stack depth=1 stack=400/0/1/64 payload=ipv4 encap=udp "
            "src=198.51.100.1:53000 dst=198.51.100.2:6635",
            "4 1700000003.003000 radius Access-Request id=9 length=27 attrs=User-Name "
            "src=192.0.2.1:49400 dst=192.0.2.2:1812",
        };
        CHECK(DecodeLines(OwnCapture("mpls-in-udp.pcap")) == expected);
    }
    SECTION("GRE: plain, key and sequence, checksum too, multicast 0x8848")
    {
        const std::vector<std::string> expected{
            "1 1700000000.000000 mpls label-stack depth=1 stack=100/0/1/63 payload=ipv4 encap=gre "
            "src=198.51.100.1 dst=198.51.100.2",
            "1 1700000000.000000 ldp Hello id=2 lsr=192.0.2.1:0 hold=15 targeted=0 "
            "src=192.0.2.1:646 dst=224.0.0.2:646",
            "2 1700000001.001000 mpls label-stack depth=2 stack=200/0/0/63,300/0/1/63 payload=ipv4 "
            "encap=gre src=198.51.100.1 dst=198.51.100.2",
            "2 1700000001.001000 radius Access-Request id=9 length=27 attrs=User-Name "
            "src=192.0.2.1:49400 dst=192.0.2.2:1812",
            "3 1700000002.002000 mpls label-stack depth=1 stack=210/1/1/63 payload=ipv4 encap=gre "
            "src=198.51.100.1 dst=198.51.100.2",
            "3 1700000002.002000 l2tp HELLO tunnel=7 session=0 ns=3 nr=4 avps=Message-Type "
            "src=192.0.2.1:1701 dst=192.0.2.2:1701",
            "4 1700000003.003000 mpls label-stack depth=2 stack=220/0/0/62,320/0/1/62 payload=ipv4 "
            "encap=gre src=198.51.100.1 dst=198.51.100.2",
            "4 1700000003.003000 ldp KeepAlive id=33 lsr=192.0.2.1:0 src=192.0.2.1:40001 "
            "dst=192.0.2.2:646",
        };
        CHECK(DecodeLines(OwnCapture("mpls-in-gre.pcap")) == expected);
    }
    SECTION("Cut label stacks and GRE headers: malformed lines, tshark flags them too")
    {
        const std::vector<std::string> expected{
            "1 1700000000.000000 mpls malformed reason=no-bottom-of-stack depth=2 "
            "stack=500/0/0/64,501/0/0/64 encap=udp src=198.51.100.1:54000 dst=198.51.100.2:6635",
            "2 1700000001.001000 mpls malformed reason=truncated depth=0 stack=none encap=udp "
            "src=198.51.100.1:55000 dst=198.51.100.2:6635",
            "3 1700000002.002000 mpls malformed reason=no-bottom-of-stack depth=1 stack=502/0/0/64 "
            "encap=gre src=198.51.100.1 dst=198.51.100.2",
            "4 1700000003.003000 gre malformed reason=header-truncated version=0 protocol=0x8847 "
            "need=8 have=4 src=198.51.100.1 dst=198.51.100.2",
        };
        CHECK(DecodeLines(OwnCapture("mpls-encap-malformed.pcap")) == expected);
    }
}

TEST_CASE("MPLS in UDP is found by the destination port", "[decode][mpls]")
{
    CHECK(Lines(Udp(49152, 6635, STACK_OVER_IPV4)) ==
          std::vector<std::string>{STACK_LINE +
                                   "encap=udp src=198.51.100.1:49152 dst=198.51.100.2:6635"});
    // RFC 7510 section 3: the source port is entropy, 6635 there means nothing.
    CHECK(Lines(Udp(6635, 50000, STACK_OVER_IPV4)).empty());
    // An empty datagram holds no label stack (tshark shows nothing either).
    CHECK(Lines(Udp(49152, 6635, {})).empty());
    CHECK(Lines(Udp(49152, 6635, FromHex("000641"))) ==
          std::vector<std::string>{"1 0.000000 mpls malformed reason=truncated depth=0 stack=none "
                                   "encap=udp src=198.51.100.1:49152 dst=198.51.100.2:6635"});
    CHECK(Lines(Udp(49152, 6635, FromHex("0006403f 0000"))) ==
          std::vector<std::string>{"1 0.000000 mpls malformed reason=no-bottom-of-stack depth=1 "
                                   "stack=100/0/0/63 encap=udp src=198.51.100.1:49152 "
                                   "dst=198.51.100.2:6635"});
    CHECK(Lines(Udp(49152, 6635, FromHex("0006413f"))) ==
          std::vector<std::string>{"1 0.000000 mpls label-stack depth=1 stack=100/0/1/63 "
                                   "payload=none encap=udp src=198.51.100.1:49152 "
                                   "dst=198.51.100.2:6635"});
}

TEST_CASE("MPLS in UDP nested in itself stops at the depth limit", "[decode][mpls]")
{
    std::vector<uint8_t> ip = STACK_OVER_IPV4;
    for (int level = 0; level < 20; ++level)
    {
        std::vector<uint8_t> stacked = FromHex("0006413f");
        const auto outer = Udp(49152, 6635, ip);
        stacked.insert(stacked.end(), outer.begin(), outer.end());
        ip = stacked;
    }
    ip.erase(ip.begin(), ip.begin() + 4); // start at the outermost IPv4 header
    const auto lines = Lines(ip);
    CHECK(lines.size() == CaptureDecoder::MAX_DEPTH + 1);
    for (const auto& line : lines)
    {
        CHECK(line.find(" mpls label-stack ") != std::string::npos);
    }
}

TEST_CASE("GRE header fields: C, K and S move the label stack", "[decode][gre]")
{
    // RFC 2784 section 2.1 and RFC 2890 section 2: 4 octets each for
    // checksum + reserved (C), key (K) and sequence number (S). Checksums
    // are not verified, so the optional words hold a filler pattern.
    const std::vector<std::pair<uint16_t, std::size_t>> cases{
        {0x0000, 0}, {0x8000, 4}, {0x2000, 4}, {0x1000, 4}, {0x3000, 8}, {0xB000, 12}};
    for (const auto& [word, optional] : cases)
    {
        INFO("flags " << std::hex << word);
        const std::vector<uint8_t> filler(optional, 0xA5);
        for (uint16_t protocol : {ETHERTYPE_MPLS, ETHERTYPE_MPLS_MULTICAST})
        {
            CHECK(Lines(Gre(word, protocol, filler, STACK_OVER_IPV4)) ==
                  std::vector<std::string>{STACK_LINE + "encap=gre " + GRE_ENDS});
        }
        if (optional > 0)
        {
            CHECK(Lines(Gre(word, ETHERTYPE_MPLS, {}, {})) ==
                  std::vector<std::string>{"1 0.000000 gre malformed reason=header-truncated "
                                           "version=0 protocol=0x8847 need=" +
                                           std::to_string(4 + optional) + " have=4 " + GRE_ENDS});
        }
    }
    SECTION("bits 6-12 are ignored on receipt (RFC 2784 section 2.3)")
    {
        CHECK(Lines(Gre(0x03F8, ETHERTYPE_MPLS, {}, STACK_OVER_IPV4)) ==
              std::vector<std::string>{STACK_LINE + "encap=gre " + GRE_ENDS});
    }
    SECTION("nothing after the header: nothing to decode")
    {
        CHECK(Lines(Gre(0x2000, ETHERTYPE_MPLS, FromHex("00000001"), {})).empty());
    }
    SECTION("a cut label stack")
    {
        CHECK(Lines(Gre(0, ETHERTYPE_MPLS, {}, FromHex("0006403f 00"))) ==
              std::vector<std::string>{"1 0.000000 mpls malformed reason=no-bottom-of-stack "
                                       "depth=1 stack=100/0/0/63 encap=gre " +
                                       GRE_ENDS});
    }
    SECTION("a GRE header shorter than 4 octets")
    {
        CHECK(Lines(Ipv4(47, FromHex("0000 88"))) ==
              std::vector<std::string>{"1 0.000000 gre malformed reason=header-truncated need=4 "
                                       "have=3 " +
                                       GRE_ENDS});
    }
}

TEST_CASE("GRE versions: 0 for MPLS, 1 only for PPTP's PPP", "[decode][gre]")
{
    SECTION("routing (R bit) is not followed")
    {
        CHECK(Lines(Gre(0x4000, ETHERTYPE_MPLS, FromHex("00000000"), STACK_OVER_IPV4)) ==
              std::vector<std::string>{"1 0.000000 gre malformed reason=routing-not-supported "
                                       "version=0 protocol=0x8847 " +
                                       GRE_ENDS});
    }
    SECTION("version 1 (RFC 2637) carrying MPLS is malformed, not decoded")
    {
        CHECK(Lines(Gre(0x2001, ETHERTYPE_MPLS, FromHex("00080001"), STACK_OVER_IPV4)) ==
              std::vector<std::string>{"1 0.000000 gre malformed reason=unexpected-protocol "
                                       "version=1 protocol=0x8847 " +
                                       GRE_ENDS});
    }
    SECTION("versions 2-7 are unknown")
    {
        CHECK(Lines(Gre(0x0002, ETHERTYPE_MPLS, {}, STACK_OVER_IPV4)) ==
              std::vector<std::string>{"1 0.000000 gre malformed reason=bad-version version=2 "
                                       "protocol=0x8847 " +
                                       GRE_ENDS});
    }
    SECTION("version 1 with PPP still gives the PPP packet, with and without the A bit")
    {
        // K (payload length 12, call ID 1) and S, then ff 03, LCP and an
        // Echo-Request (RFC 1661 section 5.8).
        const auto ppp = FromHex("ff03 c021 09 01 0008 01020304");
        const std::string lcp = "1 0.000000 lcp Echo-Request id=1 length=8 magic=0x01020304";
        CHECK(Lines(Gre(0x3001, 0x880B, FromHex("000c0001 00000005"), ppp)) ==
              std::vector<std::string>{lcp});
        CHECK(Lines(Gre(0x3081, 0x880B, FromHex("000c0001 00000005 00000004"), ppp)) ==
              std::vector<std::string>{lcp});
    }
}

TEST_CASE("Tunnelled MPLS frames cut or damaged at every offset decode safely", "[decode][mpls]")
{
    for (const char* name : {"mpls-in-udp.pcap", "mpls-in-gre.pcap", "mpls-encap-malformed.pcap"})
    {
        auto cap = ReadCapture(OwnCapture(name));
        REQUIRE(cap.ok);
        CaptureDecoder decoder;
        auto check = [&decoder, &cap](const std::vector<uint8_t>& bytes,
                                      uint32_t number,
                                      uint32_t originalLength) {
            bool malformed = false;
            for (const auto& m : decoder.Decode(DecodeFrame(cap.linkType, bytes, number,
                                                            originalLength)))
            {
                const std::string line = m.ToLine();
                INFO(line);
                CHECK(std::regex_match(line, decodetest::LineFormat()));
                if (m.IsMalformed())
                {
                    malformed = true;
                    CHECK(m.fields.front().first == "reason");
                    CHECK((originalLength <= bytes.size() || m.Get("capture") == "truncated"));
                }
            }
            return malformed;
        };
        for (const auto& original : cap.frames)
        {
            INFO(name << " frame " << original.number);
            const auto& full = original.bytes;
            for (std::size_t size = 0; size < full.size(); ++size)
            {
                INFO("cut to " << size);
                const std::vector<uint8_t> cut(full.begin(), full.begin() + size);
                // Cut by the snap length: the frame was longer on the wire.
                check(cut, original.number, full.size());
                // A frame that is really this short: IPv4 (or Ethernet) says so.
                CHECK(check(cut, original.number, 0));
            }
            for (std::size_t at = 0; at < full.size(); ++at)
            {
                for (uint8_t value : {uint8_t(0x00), uint8_t(0xff)})
                {
                    auto damaged = full;
                    damaged[at] = value;
                    check(damaged, original.number, 0);
                }
            }
        }
        for (const auto& m : decoder.Finish())
        {
            CHECK(std::regex_match(m.ToLine(), decodetest::LineFormat()));
        }
    }
}
