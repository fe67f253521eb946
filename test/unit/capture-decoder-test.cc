// SPDX-License-Identifier: GPL-2.0-only
//
// The capture decoder's lines: exact output for frames of the shared corpus
// (values as tshark 4.0 shows them), OSPF packets, LDP PDUs reassembled
// across TCP segments, the line format, and survival of damaged frames.
#include "codec-test-util.h"
#include "corpus-test-util.h"
#include "decode-test-util.h"

#include "ns3/ipvpn-capture-decoder.h"
#include "ns3/ipvpn-capture-reader.h"

#include <catch2/catch.hpp>

#include <random>
#include <regex>

using namespace ns3;
using namespace ns3::decode;
using ns3::codectest::FromHex;
using ns3::decodetest::FrameLines;

namespace
{

/// Every line the decoder prints for a corpus file.
std::vector<std::string>
DecodeFile(const std::string& relativePath)
{
    return decodetest::DecodeLines(corpus::File(relativePath));
}

/// Raw IPv4 + TCP (20-byte header, ACK|PSH) from 10.0.0.2:40000 to
/// 10.0.0.1:646 with the given sequence number and data.
std::vector<uint8_t>
LdpSegment(uint32_t sequence, const std::vector<uint8_t>& data, uint8_t flags = 0x18)
{
    const uint16_t total = 40 + data.size();
    std::vector<uint8_t> b{0x45, 0, uint8_t(total >> 8), uint8_t(total), 0, 1, 0x40, 0, 64, 6,
                           0, 0, 10, 0, 0, 2, 10, 0, 0, 1,
                           0x9c, 0x40, 0x02, 0x86,
                           uint8_t(sequence >> 24), uint8_t(sequence >> 16), uint8_t(sequence >> 8),
                           uint8_t(sequence), 0, 0, 0, 1, 0x50, flags, 0xff, 0xff, 0, 0, 0, 0};
    b.insert(b.end(), data.begin(), data.end());
    return b;
}

/// Raw IPv4 from 10.0.0.2 to 224.0.0.5, IP protocol 89, carrying `ospf`.
std::vector<uint8_t>
OspfDatagram(const std::vector<uint8_t>& ospf)
{
    const uint16_t total = 20 + ospf.size();
    std::vector<uint8_t> b{0x45, 0xc0, uint8_t(total >> 8), uint8_t(total), 0, 1, 0, 0, 1, 89,
                           0,    0,    10,  0, 0, 2, 224, 0, 0, 5};
    b.insert(b.end(), ospf.begin(), ospf.end());
    return b;
}

const std::regex& LINE_FORMAT = decodetest::LineFormat();

} // namespace

TEST_CASE("Decoder lines for corpus frames match tshark's decode", "[decode]")
{
    SECTION("PPPoE LCP Echo-Request (tcpdump/pppoes.pcap)")
    {
        auto lines = DecodeFile("tcpdump/pppoes.pcap");
        REQUIRE(lines.size() == 2);
        CHECK(lines[0] == "1 1368801971.554753 lcp Echo-Request id=106 length=12 magic=0xa4cbea34");
    }
    SECTION("L2TP SCCRQ with a Challenge AVP (generated/xl2tpd-tunnel-auth.pcap)")
    {
        auto lines = DecodeFile("generated/xl2tpd-tunnel-auth.pcap");
        REQUIRE(lines.size() == 17);
        CHECK(lines[0] ==
              "1 1795438759.188046 l2tp SCCRQ tunnel=0 session=0 ns=0 nr=0 "
              "avps=Message-Type,Protocol-Version,Framing-Capabilities,Bearer-Capabilities,"
              "Firmware-Revision,Host-Name,Vendor-Name,Assigned-Tunnel-ID,Receive-Window-Size,"
              "Challenge src=127.0.0.2:1701 dst=127.0.0.1:1701");
        CHECK(lines[4] == "5 1795438759.189407 l2tp ZLB tunnel=10804 session=0 ns=1 nr=2 "
                          "src=127.0.0.1:1701 dst=127.0.0.2:1701");
    }
    SECTION("L2TP data message carrying LCP, inside PPPoE (packetnet/l2tp.pcap)")
    {
        auto lines = DecodeFile("packetnet/l2tp.pcap");
        REQUIRE(lines.size() == 2);
        CHECK(lines[0] == "1 1388651874.836963 l2tp data tunnel=18994 session=54110 ppp=0xc021 "
                          "src=109.6.1.72:1701 dst=95.136.242.99:1701");
        CHECK(lines[1] == "1 1388651874.836963 lcp Echo-Request id=72 length=12 magic=0xc1343922");
    }
    SECTION("Several LDP PDUs in one TCP segment (tcpdump/ldp-common-session.pcap)")
    {
        auto frame = FrameLines(DecodeFile("tcpdump/ldp-common-session.pcap"), 13);
        // tshark: 5 Label Mapping (0x0400) then 5 Label Withdraw (0x0402).
        REQUIRE(frame.size() == 10);
        CHECK(frame[0] == "13 1691670252.831754 ldp Label-Mapping id=15 lsr=192.168.0.2:0 "
                          "fec=192.168.0.1/32 label=20065 src=192.168.0.2:58321 "
                          "dst=192.168.0.1:646");
        CHECK(frame[9] == "13 1691670252.831754 ldp Label-Withdraw id=24 lsr=192.168.0.2:0 "
                          "fec=192.168.4.3/32 label=20066 src=192.168.0.2:58321 "
                          "dst=192.168.0.1:646");
    }
    SECTION("MPLS stacks: one label with IPv4, two with a pseudowire")
    {
        auto lines = DecodeFile("pcapplusplus/MplsPackets.pcap");
        REQUIRE(lines.size() == 2);
        CHECK(lines[0] ==
              "1 1437480744.000000 mpls label-stack depth=1 stack=16000/0/1/126 payload=ipv4");
        CHECK(lines[1] == "2 1437480744.000000 mpls label-stack depth=2 "
                          "stack=18/0/0/254,16/0/1/255 payload=other");
    }
    SECTION("RADIUS dynamic authorization codes (tcpdump/RADIUS-RFC5176.pcap)")
    {
        auto lines = DecodeFile("tcpdump/RADIUS-RFC5176.pcap");
        REQUIRE(lines.size() == 6);
        CHECK(lines[3] == "4 1412933327.898387 radius CoA-Request id=4 length=38 "
                          "attrs=Message-Authenticator src=10.0.0.10:12345 dst=10.0.0.1:3799");
    }
    SECTION("Malformed messages: one line each, with a reason")
    {
        auto ldp = DecodeFile("tcpdump/ldp-infinite-loop.pcap");
        REQUIRE(ldp.size() == 5);
        CHECK(ldp[0] == "1 1114625359.437378 ldp malformed reason=bad-pdu-length version=1 "
                        "pdu-length=65535 have=18 src=45.116.197.72:45307 dst=192.168.1.1:646");
        auto ipcp = DecodeFile("tcpdump/ppp-invalid-lengths.pcap");
        REQUIRE(ipcp.size() == 1);
        CHECK(ipcp[0] == "1 8454669.999999 ipcp malformed reason=option-overrun code=Configure-Nak "
                         "id=128 length=8451 have=9012 capture=truncated");
        auto radius = DecodeFile("tcpdump/radius_rfc5447_invalid_length.pcap");
        REQUIRE(radius.size() == 1);
        CHECK(radius[0].find("radius malformed reason=length-exceeds-data code=Access-Request "
                             "id=79 length=57 have=56") != std::string::npos);
    }
}

TEST_CASE("OSPF packets decode to one line each, as tshark reads them", "[decode][ospf]")
{
    // Values as tshark shows them (ospf.msg, ospf.srcrouter, ospf.area_id,
    // ospf.hello.*, ospf.db.*, ospf.dbd, ospf.lsa.*).
    SECTION("every packet type (packetnet/ospfv2.pcap)")
    {
        auto lines = DecodeFile("packetnet/ospfv2.pcap");
        REQUIRE(lines.size() == 32);
        CHECK(FrameLines(lines, 8).at(0) ==
              "8 1098361213.384849 ospf Hello router=192.168.170.8 area=0.0.0.1 auth=null "
              "mask=255.255.255.0 hello=10 dead=40 priority=1 dr=192.168.170.8 bdr=0.0.0.0 "
              "neighbors=192.168.170.2 checksum=ok src=192.168.170.8 dst=224.0.0.5");
        CHECK(FrameLines(lines, 10).at(0) ==
              "10 1098361214.414477 ospf Database-Description router=192.168.170.8 area=0.0.0.1 "
              "auth=null mtu=1500 flags=I,M,MS seq=1098361214 headers=0 checksum=ok "
              "src=192.168.170.8 dst=192.168.170.2");
        CHECK(FrameLines(lines, 17).at(0) ==
              "17 1098361214.418003 ospf Link-State-Request router=192.168.170.3 area=0.0.0.1 "
              "auth=null requests=1 checksum=ok src=192.168.170.2 dst=192.168.170.8");
        CHECK(FrameLines(lines, 19).at(0) ==
              "19 1098361214.418357 ospf Link-State-Update router=192.168.170.8 area=0.0.0.1 "
              "auth=null count=1 lsas=1/192.168.170.8/192.168.170.8/0x80000dc3 checksum=ok "
              "src=192.168.170.8 dst=224.0.0.5");
        CHECK(FrameLines(lines, 24).at(0) ==
              "24 1098361215.235244 ospf Link-State-Acknowledgment router=192.168.170.8 "
              "area=0.0.0.1 auth=null headers=13 checksum=ok src=192.168.170.8 dst=224.0.0.5");
    }
    SECTION("MD5 authentication (tcpdump/OSPFv2_Capture_FINAL.pcapng)")
    {
        auto lines = DecodeFile("tcpdump/OSPFv2_Capture_FINAL.pcapng");
        REQUIRE(lines.size() == 30);
        CHECK(lines[0] ==
              "1 1518622219.014914 ospf Hello router=192.168.255.15 area=0.0.0.0 auth=md5 key=1 "
              "seq=1518551314 mask=255.255.255.0 hello=10 dead=40 priority=1 dr=192.168.121.4 "
              "bdr=192.168.121.5 neighbors=192.168.255.11,192.168.255.14 src=192.168.121.5 "
              "dst=224.0.0.5");
    }
    SECTION("wrong checksums (synthetic/ospf-bad-checksum.pcap, tcpdump/ospf2-seg-fault-1)")
    {
        auto hello = DecodeFile("synthetic/ospf-bad-checksum.pcap");
        REQUIRE(hello.size() == 1);
        CHECK(hello[0] == "1 1098361160.008765 ospf Hello router=192.168.170.8 area=0.0.0.1 "
                          "auth=null mask=255.255.255.0 hello=10 dead=40 priority=1 "
                          "dr=192.168.170.8 bdr=0.0.0.0 neighbors=none checksum=bad "
                          "src=192.168.170.8 dst=224.0.0.5");
        auto update = DecodeFile("tcpdump/ospf2-seg-fault-1.pcapng");
        REQUIRE(update.size() == 1);
        // The opaque LSA's Link State ID: opaque type 1 (TE), instance 9.
        CHECK(update[0] == "1 1063049700.904198 ospf Link-State-Update router=10.255.245.35 "
                           "area=0.0.0.0 auth=null count=1 "
                           "lsas=10/1.0.0.9/10.255.245.37/0x80000002 checksum=bad "
                           "src=40.35.1.2 dst=224.0.0.5");
    }
    SECTION("malformed packets: one line each, with a reason")
    {
        // Frame 1 of packetnet/ospfv2.pcap, a Hello of 44 octets.
        const auto hello = FromHex("0201002c c0a8aa08 00000001 273b 0000 0000000000000000"
                                   "ffffff00 000a 02 01 00000028 c0a8aa08 00000000");
        auto decode = [](std::vector<uint8_t> ospf) {
            CaptureDecoder decoder;
            auto lines = decoder.Decode(DecodeFrame(LINKTYPE_RAW, OspfDatagram(ospf), 1));
            REQUIRE(lines.size() == 1);
            CHECK(std::regex_match(lines[0].ToLine(), LINE_FORMAT));
            return lines[0];
        };
        CHECK(decode(hello).type == "Hello");
        auto cut = decode(std::vector<uint8_t>(hello.begin(), hello.begin() + 10));
        CHECK(cut.ToLine() == "1 0.000000 ospf malformed reason=header-truncated need=24 have=10 "
                              "src=10.0.0.2 dst=224.0.0.5");
        auto v3 = hello;
        v3[0] = 3;
        CHECK(decode(v3).ToLine() ==
              "1 0.000000 ospf malformed reason=bad-version version=3 src=10.0.0.2 dst=224.0.0.5");
        auto type9 = hello;
        type9[1] = 9;
        CHECK(decode(type9).Get("reason") == "bad-type");
        auto lying = hello;
        lying[2] = 1; // Packet length 300
        CHECK(decode(lying).ToLine() == "1 0.000000 ospf malformed reason=bad-length type=Hello "
                                        "length=300 have=44 src=10.0.0.2 dst=224.0.0.5");
        auto odd = hello;
        odd.insert(odd.end(), {0, 0});
        odd[3] = 46; // a neighbor list of 2 octets
        CHECK(decode(odd).ToLine() ==
              "1 0.000000 ospf malformed reason=bad-body-length type=Hello router=192.168.170.8 "
              "area=0.0.0.1 auth=null src=10.0.0.2 dst=224.0.0.5");
        // A Link State Update promising 2 LSAs and carrying one.
        const auto update = FromHex("0204 0040 c0a8aa08 00000001 0000 0000 0000000000000000"
                                    "00000002"
                                    "03e2 0201 c0a8aa08 c0a8aa08 80000dc3 2506 0024"
                                    "02000001 c0a8aa00 ffffff00 0300000a");
        auto lsu = decode(update);
        CHECK(lsu.Get("reason") == "bad-lsa");
        CHECK(lsu.Get("count") == "2");
    }
}

TEST_CASE("LDP PDUs are reassembled across TCP segments", "[decode][ldp]")
{
    const auto keepAlive = FromHex("0001 000e c0a80002 0000 0201 0004 00000002");
    const auto mapping = FromHex("0001 0022 c0a80002 0000 0400 0018 00000005"
                                 "0100 0008 02 0001 20 c0a80002 0200 0004 00000011");
    std::vector<uint8_t> stream = keepAlive;
    stream.insert(stream.end(), mapping.begin(), mapping.end());
    const std::vector<uint8_t> first(stream.begin(), stream.begin() + 28);
    const std::vector<uint8_t> second(stream.begin() + 28, stream.end());
    CaptureDecoder decoder;

    auto syn = decoder.Decode(DecodeFrame(LINKTYPE_RAW, LdpSegment(999, {}, 0x02), 1));
    CHECK(syn.empty());
    auto one = decoder.Decode(DecodeFrame(LINKTYPE_RAW, LdpSegment(1000, first), 2));
    REQUIRE(one.size() == 1);
    CHECK(one[0].type == "KeepAlive");
    CHECK(one[0].frame == 2);
    auto two = decoder.Decode(DecodeFrame(LINKTYPE_RAW, LdpSegment(1028, second), 3));
    REQUIRE(two.size() == 1);
    CHECK(two[0].ToLine() == "3 0.000000 ldp Label-Mapping id=5 lsr=192.168.0.2:0 "
                             "fec=192.168.0.2/32 label=17 src=10.0.0.2:40000 dst=10.0.0.1:646");
    CHECK(decoder.Finish().empty());

    SECTION("a lost segment is reported and the stream picks up again")
    {
        CHECK(decoder.Decode(DecodeFrame(LINKTYPE_RAW, LdpSegment(1062, first), 4)).size() == 1);
        auto gap = decoder.Decode(DecodeFrame(LINKTYPE_RAW, LdpSegment(1190, keepAlive), 5));
        REQUIRE(gap.size() == 2);
        CHECK(gap[0].IsMalformed());
        CHECK(gap[0].Get("reason") == "tcp-gap");
        CHECK(gap[1].type == "KeepAlive");
    }
    SECTION("a PDU still incomplete at the end is reported by Finish()")
    {
        CHECK(decoder.Decode(DecodeFrame(LINKTYPE_RAW, LdpSegment(1062, first), 4)).size() == 1);
        auto rest = decoder.Finish();
        REQUIRE(rest.size() == 1);
        CHECK(rest[0].Get("reason") == "incomplete-pdu");
        CHECK(rest[0].Get("have") == "10");
        CHECK(rest[0].frame == 4);
    }
}

TEST_CASE("Decoded lines follow the documented format", "[decode]")
{
    DecodedMessage m("l2tp", "Tx Connect (Speed)");
    m.frame = 12;
    m.seconds = 3;
    m.nanoseconds = 5000;
    m.Add("name", "Q.931 Cause Code").Add("n", 7);
    CHECK(m.ToLine() == "12 3.000005 l2tp Tx-Connect-Speed name=Q.931-Cause-Code n=7");
    CHECK(Token("") == "-");
    CHECK(Token("  a  b ") == "a-b");
    CHECK(ReasonToken("Bad PDU Length") == "bad-pdu-length");
    auto bad = DecodedMessage::Malformed("ldp", "Bad Message Length");
    CHECK(bad.IsMalformed());
    CHECK(bad.fields.front().first == "reason");
    CHECK(bad.Get("reason") == "bad-message-length");
}

TEST_CASE("Damaged corpus frames decode to well-formed lines", "[decode]")
{
    std::mt19937 rng(1701);
    std::uniform_int_distribution<int> value(0, 255);
    for (const char* file : {"generated/xl2tpd-tunnel-auth.pcap",
                             "packetnet/l2tp.pcap",
                             "tcpdump/ldp-common-session.pcap",
                             "tcpdump/RADIUS.pcap",
                             "zeek/pppoe.pcap",
                             "tcpdump/pptp.pcap",
                             "pcapplusplus/MplsPackets.pcap",
                             "synthetic/ppp-dlt9-ns3-style-mpls.pcap",
                             "packetnet/ospfv2.pcap",
                             "tcpdump/OSPFv2_Capture_FINAL.pcapng"})
    {
        INFO(file);
        auto cap = ReadCapture(corpus::File(file));
        REQUIRE(cap.ok);
        CaptureDecoder decoder;
        for (const auto& original : cap.frames)
        {
            for (int round = 0; round < 30 && !original.bytes.empty(); ++round)
            {
                auto bytes = original.bytes;
                std::uniform_int_distribution<std::size_t> pos(0, bytes.size() - 1);
                for (int k = 0; k <= round % 3; ++k)
                {
                    bytes[pos(rng)] = static_cast<uint8_t>(value(rng));
                }
                if (round % 2)
                {
                    bytes.resize(pos(rng));
                }
                for (const auto& m : decoder.Decode(DecodeFrame(cap.linkType, bytes, original.number)))
                {
                    const std::string line = m.ToLine();
                    INFO(line);
                    CHECK(std::regex_match(line, LINE_FORMAT));
                    if (m.IsMalformed())
                    {
                        CHECK(m.fields.front().first == "reason");
                    }
                }
            }
        }
        for (const auto& m : decoder.Finish())
        {
            CHECK(std::regex_match(m.ToLine(), LINE_FORMAT));
        }
    }
}
