// SPDX-License-Identifier: GPL-2.0-only
//
// The capture decoder on UDP port 5401 (vr::DISCOVERY_PORT): each VR-port
// discovery message type and each malformed case, from IPv4/UDP datagrams
// and messages laid out here octet by octet after doc/vr-discovery.md (not
// built with vr::DiscoveryHeader), to the exact line of doc/decode.md.
#include "codec-test-util.h"
#include "decode-test-util.h"

#include "ns3/ipvpn-capture-decoder.h"
#include "ns3/ipvpn-capture-frame.h"
#include "ns3/ipvpn-vr-discovery-summary.h"

#include <catch2/catch.hpp>
#include <regex>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::decode;
using ns3::codectest::FromHex;
using namespace ns3::decodetest;

namespace
{

// Fig. 2's routers 10 (10.0.0.10, VR port 10.1.0.1) and 20 (10.0.0.20, VR
// port 10.2.0.1) in VPN 00a0c9:00000001: the messages of
// vr-discovery-header-test.cc and make-vr-discovery-capture.py, written again.
const std::string additionHex = "01 01 001d 00000007"       // v1, ADDITION, Length 29, seq 7
                                "01 07 00a0c9 00000001"     // VPN-ID 00a0c9:00000001
                                "02 04 0a00000a"            // Router-ID 10.0.0.10
                                "03 04 0a010001";           // VR-port address 10.1.0.1
const std::string additionAckHex = "01 02 001d 00000007"    // ADDITION_ACK, seq 7 echoed
                                   "01 07 00a0c9 00000001"  // VPN-ID
                                   "02 04 0a000014"         // Router-ID 10.0.0.20
                                   "03 04 0a020001";        // VR-port address 10.2.0.1
const std::string monitorHex = "01 03 0017 00010002"        // MONITOR, Length 23, seq 65538
                               "01 07 00a0c9 00000001"      // VPN-ID
                               "02 04 0a00000a";            // Router-ID 10.0.0.10
const std::string monitorReplyHex = "01 04 0017 00010002"   // MONITOR_REPLY, seq 65538 echoed
                                    "01 07 00a0c9 00000001" // VPN-ID
                                    "02 04 0a000014";       // Router-ID 10.0.0.20

const std::string R10 = "0a00000a"; // 10.0.0.10
const std::string R20 = "0a000014"; // 10.0.0.20
const std::string ENDS_10_20 = " src=10.0.0.10:5401 dst=10.0.0.20:5401";
const std::string ENDS_20_10 = " src=10.0.0.20:5401 dst=10.0.0.10:5401";

/// The one line of a message sent from router 10 to router 20, port 5401
/// both ways, without the "1 0.000000 " prefix and the ports.
std::string
Line(const std::string& hex)
{
    return decodetest::UdpLine(R10, R20, 5401, ENDS_10_20, hex);
}

} // namespace

TEST_CASE("VR discovery messages on UDP 5401 decode to one line each", "[decode][vr]")
{
    SECTION("the four message types, full lines")
    {
        // doc/vr-discovery.md "Example": the addition message of Fig. 2's
        // port 11a, sent by router 10 to router 20 (S1).
        CHECK(RawLines(UdpDatagram(R10, R20, 5401, 5401, FromHex(additionHex))) ==
              std::vector<std::string>{"1 0.000000 vr-discovery Addition seq=7 "
                                       "vpn=00a0c9:00000001 router=10.0.0.10 port=10.1.0.1" +
                                       ENDS_10_20});
        // Router 20's answer (S14), echoing sequence 7.
        CHECK(RawLines(UdpDatagram(R20, R10, 5401, 5401, FromHex(additionAckHex))) ==
              std::vector<std::string>{"1 0.000000 vr-discovery AdditionAck seq=7 "
                                       "vpn=00a0c9:00000001 router=10.0.0.20 port=10.2.0.1" +
                                       ENDS_20_10});
        // The monitoring message and its reply (S31): no port address.
        CHECK(RawLines(UdpDatagram(R10, R20, 5401, 5401, FromHex(monitorHex))) ==
              std::vector<std::string>{"1 0.000000 vr-discovery Monitor seq=65538 "
                                       "vpn=00a0c9:00000001 router=10.0.0.10" +
                                       ENDS_10_20});
        CHECK(RawLines(UdpDatagram(R20, R10, 5401, 5401, FromHex(monitorReplyHex))) ==
              std::vector<std::string>{"1 0.000000 vr-discovery MonitorReply seq=65538 "
                                       "vpn=00a0c9:00000001 router=10.0.0.20" +
                                       ENDS_20_10});
    }
    SECTION("the optional port address of a monitoring message is shown")
    {
        CHECK(Line("01 03 001d 00000001"   // MONITOR, Length 29, seq 1
                   "01 07 00a0c9 00000001" // VPN-ID
                   "02 04 0a00000a"        // Router-ID 10.0.0.10
                   "03 04 0a010001") ==    // VR-port address 10.1.0.1
              "vr-discovery Monitor seq=1 vpn=00a0c9:00000001 router=10.0.0.10 port=10.1.0.1");
    }
    SECTION("TLVs in any order; unknown TLVs skipped and counted")
    {
        CHECK(Line("01 02 001d ffffffff"       // ADDITION_ACK, Length 29, seq 2^32 - 1
                   "03 04 c0a80001"            // VR-port address 192.168.0.1 first
                   "02 04 01020304"            // Router-ID 1.2.3.4
                   "01 07 ffffff 89abcdef") == // VPN-ID last
              "vr-discovery AdditionAck seq=4294967295 vpn=ffffff:89abcdef router=1.2.3.4 "
              "port=192.168.0.1");
        CHECK(Line("01 03 001b 00000008"   // MONITOR, Length 27 = 23 + 4, seq 8
                   "01 07 00a0c9 00000001" // VPN-ID
                   "02 04 0a00000a"        // Router-ID
                   "63 02 beef") ==        // unknown TLV 99, 2 octets
              "vr-discovery Monitor seq=8 vpn=00a0c9:00000001 router=10.0.0.10 unknown-tlvs=1");
    }
}

TEST_CASE("Malformed VR discovery messages give one malformed line with the codec's error",
          "[decode][vr]")
{
    // One case per DiscoveryHeader::Error, in the order doc/vr-discovery.md
    // lists the checks; the reason is the error name in lower case.
    CHECK(Line("01 01 001d 00") == // 5 octets
          "vr-discovery malformed reason=truncated need=8 have=5");
    CHECK(Line("") == "vr-discovery malformed reason=truncated need=8 have=0");
    CHECK(Line("02 01 001d 00000007" // version 2
               "01 07 00a0c9 00000001 02 04 0a00000a 03 04 0a010001") ==
          "vr-discovery malformed reason=bad-version version=2");
    CHECK(Line("01 01 001e 00000007" // Length 30 on 29 octets
               "01 07 00a0c9 00000001 02 04 0a00000a 03 04 0a010001") ==
          "vr-discovery malformed reason=bad-length type=Addition seq=7 length=30 have=29");
    CHECK(Line("01 03 0017 00000007 01 07 00a0c9 00000001 02 04 0a00000a"
               "00") == // one octet after the message
          "vr-discovery malformed reason=bad-length type=Monitor seq=7 length=23 have=24");
    CHECK(Line("01 09 0017 00010002" // type 9
               "01 07 00a0c9 00000001 02 04 0a00000a") ==
          "vr-discovery malformed reason=bad-type type=Type-9 seq=65538");
    CHECK(Line("01 03 0017 00000009"   // MONITOR, Length 23
               "01 07 00a0c9 00000001" // VPN-ID
               "02 09 0a00000a") ==    // Router-ID claims 9 octets, 4 left
          "vr-discovery malformed reason=bad-tlv type=Monitor seq=9");
    CHECK(Line("01 03 0018 0000000a"   // MONITOR, Length 24
               "01 07 00a0c9 00000001" // VPN-ID
               "02 05 0a00000a00") ==  // Router-ID of 5 octets
          "vr-discovery malformed reason=bad-tlv type=Monitor seq=10");
    CHECK(Line("01 03 001d 0000000b"   // MONITOR, Length 29
               "01 07 00a0c9 00000001" // VPN-ID
               "02 04 0a00000a"        // Router-ID
               "02 04 0a000014") ==    // Router-ID again
          "vr-discovery malformed reason=duplicate-tlv type=Monitor seq=11");
    CHECK(Line("01 01 0017 0000000c"   // ADDITION, Length 23
               "01 07 00a0c9 00000001" // VPN-ID
               "02 04 0a00000a") ==    // Router-ID; no VR-port address (S1 needs it)
          "vr-discovery malformed reason=missing-field type=Addition seq=12");
    CHECK(Line("01 04 0011 0000000d"       // MONITOR_REPLY, Length 17
               "01 07 00a0c9 00000001") == // VPN-ID only
          "vr-discovery malformed reason=missing-field type=MonitorReply seq=13");
}

TEST_CASE("Every cut of the VR addition message is reported, never read past", "[decode][vr]")
{
    // As test/dissector/check-vr-dissector.sh expects of the Lua dissector
    // for the same cuts (frames 14-41 of make-vr-discovery-capture.py).
    const std::vector<uint8_t> whole = FromHex(additionHex);
    for (std::size_t n = 0; n < whole.size(); ++n)
    {
        CAPTURE(n);
        std::vector<uint8_t> cut(whole.begin(), whole.begin() + n);
        // Length left at 29: the cut shows as a Length the octets do not match.
        const std::string asIs = Line(codectest::ToHex(cut));
        if (n < 8)
        {
            CHECK(asIs ==
                  "vr-discovery malformed reason=truncated need=8 have=" + std::to_string(n));
            continue;
        }
        CHECK(asIs == "vr-discovery malformed reason=bad-length type=Addition seq=7 length=29 "
                      "have=" +
                          std::to_string(n));
        // Length set to the cut: the TLV walk meets the cut. At a TLV
        // boundary (8, 17, 23) a field is missing, elsewhere a TLV is cut.
        cut[2] = 0;
        cut[3] = static_cast<uint8_t>(n);
        const bool boundary = n == 8 || n == 17 || n == 23;
        CHECK(Line(codectest::ToHex(cut)) == std::string("vr-discovery malformed reason=") +
                                                 (boundary ? "missing-field" : "bad-tlv") +
                                                 " type=Addition seq=7");
    }
}

TEST_CASE("VR discovery decoding: which datagrams, and what counts as the message", "[decode][vr]")
{
    const auto addition = FromHex(additionHex);
    const std::string body =
        "vr-discovery Addition seq=7 vpn=00a0c9:00000001 router=10.0.0.10 port=10.1.0.1";
    SECTION("port 5401 at either end")
    {
        CHECK(RawLines(UdpDatagram(R10, R20, 40000, 5401, addition)) ==
              std::vector<std::string>{"1 0.000000 " + body +
                                       " src=10.0.0.10:40000 dst=10.0.0.20:5401"});
        CHECK(RawLines(UdpDatagram(R10, R20, 5401, 40000, addition)) ==
              std::vector<std::string>{"1 0.000000 " + body +
                                       " src=10.0.0.10:5401 dst=10.0.0.20:40000"});
        CHECK(RawLines(UdpDatagram(R10, R20, 5400, 5403, addition)).empty());
    }
    SECTION("link padding after the IPv4 datagram is not part of the message")
    {
        CHECK(PaddedLines(R10, R20, 5401, addition) ==
              std::vector<std::string>{"1 0.000000 " + body + ENDS_10_20});
    }
    SECTION("a message cut by the capture's snap length is marked so")
    {
        // 25 of the 29 octets captured.
        CHECK(SnappedLines(R10, R20, 5401, addition, 4) ==
              std::vector<std::string>{"1 0.000000 vr-discovery malformed reason=bad-length "
                                       "type=Addition seq=7 length=29 have=25" +
                                       ENDS_10_20 + " capture=truncated"});
    }
    SECTION("the summary alone, without addresses")
    {
        const DecodedMessage m = SummarizeVrDiscovery(addition);
        CHECK(m.protocol == "vr-discovery");
        CHECK(m.type == "Addition");
        CHECK_FALSE(m.IsMalformed());
        CHECK(m.Get("vpn") == "00a0c9:00000001");
        CheckOneOctetTruncated(SummarizeVrDiscovery);
    }
}
