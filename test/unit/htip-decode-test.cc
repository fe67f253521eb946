// SPDX-License-Identifier: GPL-2.0-only
//
// The capture decoder on UDP port 5402 (htip::HTIP_PORT): each HTIP message
// type and each malformed case, from IPv4/UDP datagrams and messages laid
// out here octet by octet after doc/htip-wire.md (not built with
// htip::MessageHeader), to the exact line of doc/decode.md.
#include "codec-test-util.h"
#include "decode-test-util.h"

#include "ns3/ipvpn-capture-decoder.h"
#include "ns3/ipvpn-capture-frame.h"
#include "ns3/ipvpn-htip-summary.h"

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

// Seed 004's case 2 (both homes 10.0.0.0/24) and case 3's NAK: the messages
// of htip-message-test.cc and make-htip-capture.py, written again.
const std::string requestHex = "01 01 0035 00000001 0001 0000" // REQUEST, Length 53, ID 1, round 1
                               "01 01 01"                      // VPN protocol L2TP
                               "02 05 0a000000 18"             // A's prefix 10.0.0.0/24
                               "03 0f 0a000000 18 0a000100 18 0a000200 18" // A's candidates
                               "08 0c 67772d612e6578616d706c65";           // "gw-a.example"
const std::string responseHex = "01 02 0035 00000001 0001 0000"            // RESPONSE, Length 53
                                "01 01 01"                                 // L2TP
                                "02 05 0a000000 18"                        // A's prefix 10.0.0.0/24
                                "04 05 0a000000 18"                        // B's prefix 10.0.0.0/24
                                "05 0f 0a000200 18 0a000300 18 0a000400 18" // B's candidates
                                "06 05 0a000100 18"; // A's tunnel prefix 10.0.1.0/24
const std::string ackBody = "01 01 01 02 05 0a000000 18 04 05 0a000000 18"
                            "06 05 0a000100 18 07 05 0a000200 18";
const std::string ackHex = "01 03 002b 00000001 0001 0000" + ackBody;   // ACK, Length 43
const std::string readyHex = "01 04 002b 00000001 0001 0000" + ackBody; // READY
const std::string nakHex = "01 05 002a 0000002a 0001 0000"              // NAK, Length 42, ID 42
                           "01 01 01"                                   // L2TP
                           "03 0f 0a000000 18 0a000100 18 0a000200 18"  // A's candidates
                           "04 05 0a000000 10"                          // B's prefix 10.0.0.0/16
                           "09 01 01";                                  // cause 1

// Gateway A and B's public addresses: 198.51.100.1 and seed 004's
// 211.32.119.136 ([0077]).
const std::string GA = "c6336401"; // 198.51.100.1
const std::string GB = "d3207788"; // 211.32.119.136
const std::string ENDS_A_B = " src=198.51.100.1:5402 dst=211.32.119.136:5402";

/// The one line of a message from gateway A to gateway B, port 5402 both
/// ways, without the "1 0.000000 " prefix and the ends.
std::string
Line(const std::string& hex)
{
    return decodetest::UdpLine(GA, GB, 5402, ENDS_A_B, hex);
}

} // namespace

TEST_CASE("HTIP messages on UDP 5402 decode to one line each", "[decode][htip]")
{
    SECTION("the five types, one full line")
    {
        CHECK(RawLines(UdpDatagram(GA, GB, 5402, 5402, FromHex(requestHex))) ==
              std::vector<std::string>{
                  "1 0.000000 htip REQUEST id=0x00000001 round=1 proto=L2TP a=10.0.0.0/24 "
                  "a-cand=10.0.0.0/24,10.0.1.0/24,10.0.2.0/24 name=gw-a.example" +
                  ENDS_A_B});
        CHECK(Line(responseHex) ==
              "htip RESPONSE id=0x00000001 round=1 proto=L2TP a=10.0.0.0/24 b=10.0.0.0/24 "
              "b-cand=10.0.2.0/24,10.0.3.0/24,10.0.4.0/24 a-tun=10.0.1.0/24");
        CHECK(Line(ackHex) == "htip ACK id=0x00000001 round=1 proto=L2TP a=10.0.0.0/24 "
                              "b=10.0.0.0/24 a-tun=10.0.1.0/24 b-tun=10.0.2.0/24");
        CHECK(Line(readyHex) == "htip READY id=0x00000001 round=1 proto=L2TP a=10.0.0.0/24 "
                                "b=10.0.0.0/24 a-tun=10.0.1.0/24 b-tun=10.0.2.0/24");
        CHECK(Line(nakHex) == "htip NAK id=0x0000002a round=1 proto=L2TP "
                              "a-cand=10.0.0.0/24,10.0.1.0/24,10.0.2.0/24 b=10.0.0.0/16 cause=1");
    }
    SECTION("optional fields, TLVs in any order, unknown TLVs counted")
    {
        // NAK from A to a RESPONSE, round 2, protocol PPTP, TLVs reversed,
        // an empty in-use list and an unknown TLV 0xc8 of 1 octet; Length
        // 12 + 2 + 3 + 3 + 7 + 7 + 3 = 37.
        CHECK(Line("01 05 0025 ffffffff 0002 0000"
                   "0a 00"             // in-use, empty
                   "c8 01 00"          // unknown TLV 200
                   "09 01 03"          // cause 3
                   "05 05 c0a80100 18" // B's candidates 192.168.1.0/24
                   "02 05 0a000000 18" // A's prefix
                   "01 01 02") ==      // PPTP
              "htip NAK id=0xffffffff round=2 proto=PPTP a=10.0.0.0/24 b-cand=192.168.1.0/24 "
              "cause=3 in-use=none unknown-tlvs=1");
        // A RESPONSE with an in-use list and a protocol number without a
        // name; Length 53 + 12 = 65 and protocol 9.
        CHECK(Line("01 02 0041 00000001 0001 0000"
                   "01 01 09 02 05 0a000000 18 04 05 0a000000 18"
                   "05 0f 0a000200 18 0a000300 18 0a000400 18 06 05 0a000100 18"
                   "0a 0a 0a010000 10 ac100000 0c") == // 10.1.0.0/16, 172.16.0.0/12
              "htip RESPONSE id=0x00000001 round=1 proto=9 a=10.0.0.0/24 b=10.0.0.0/24 "
              "b-cand=10.0.2.0/24,10.0.3.0/24,10.0.4.0/24 a-tun=10.0.1.0/24 "
              "in-use=10.1.0.0/16,172.16.0.0/12");
    }
}

TEST_CASE("Malformed HTIP messages give one malformed line with the codec's error",
          "[decode][htip]")
{
    // One case per MessageHeader::Error, in the documented order.
    CHECK(Line("01 01 0035 00") == "htip malformed reason=truncated need=12 have=5");
    CHECK(Line("") == "htip malformed reason=truncated need=12 have=0");
    CHECK(Line("02" + requestHex.substr(2)) == "htip malformed reason=bad-version version=2");
    CHECK(Line("01 01 0036" + requestHex.substr(10)) ==
          "htip malformed reason=bad-length type=REQUEST id=0x00000001 length=54 have=53");
    CHECK(Line(ackHex + "00") ==
          "htip malformed reason=bad-length type=ACK id=0x00000001 length=43 have=44");
    CHECK(Line("01 06 002b 00000001 0001 0000" + ackBody) ==
          "htip malformed reason=bad-type type=TYPE-6 id=0x00000001 round=1");
    CHECK(Line("01 03 002b 00000001 0004 8000" + ackBody) ==
          "htip malformed reason=bad-reserved type=ACK id=0x00000001 round=4");
    // A's prefix with host bits: 10.0.0.1/24; Length 43.
    CHECK(Line("01 03 002b 00000005 0001 0000 01 01 01 02 05 0a000001 18 04 05 0a000000 18"
               "06 05 0a000100 18 07 05 0a000200 18") ==
          "htip malformed reason=bad-tlv type=ACK id=0x00000005 round=1");
    // The responder tunnel twice; Length 50.
    CHECK(Line("01 03 0032 00000001 0001 0000" + ackBody + "07 05 0a000200 18") ==
          "htip malformed reason=duplicate-tlv type=ACK id=0x00000001 round=1");
    // READY without B's tunnel prefix; Length 36.
    CHECK(Line("01 04 0024 00000001 0001 0000 01 01 01 02 05 0a000000 18 04 05 0a000000 18"
               "06 05 0a000100 18") ==
          "htip malformed reason=missing-field type=READY id=0x00000001 round=1");
}

TEST_CASE("Every cut of the HTIP REQUEST is reported, never read past", "[decode][htip]")
{
    const std::vector<uint8_t> whole = FromHex(requestHex);
    for (std::size_t n = 0; n < whole.size(); ++n)
    {
        CAPTURE(n);
        std::vector<uint8_t> cut(whole.begin(), whole.begin() + n);
        const std::string asIs = Line(codectest::ToHex(cut));
        if (n < 12)
        {
            CHECK(asIs == "htip malformed reason=truncated need=12 have=" + std::to_string(n));
            continue;
        }
        CHECK(asIs == "htip malformed reason=bad-length type=REQUEST id=0x00000001 length=53 "
                      "have=" +
                          std::to_string(n));
        // Length set to the cut: TLV boundaries at 12, 15, 22 and 39.
        cut[2] = 0;
        cut[3] = static_cast<uint8_t>(n);
        const bool boundary = n == 12 || n == 15 || n == 22 || n == 39;
        CHECK(Line(codectest::ToHex(cut)) == std::string("htip malformed reason=") +
                                                 (boundary ? "missing-field" : "bad-tlv") +
                                                 " type=REQUEST id=0x00000001 round=1");
    }
}

TEST_CASE("HTIP decoding: which datagrams, and what counts as the message", "[decode][htip]")
{
    const auto ack = FromHex(ackHex);
    const std::string body = "htip ACK id=0x00000001 round=1 proto=L2TP a=10.0.0.0/24 "
                             "b=10.0.0.0/24 a-tun=10.0.1.0/24 b-tun=10.0.2.0/24";
    SECTION("port 5402 at either end")
    {
        CHECK(RawLines(UdpDatagram(GA, GB, 40000, 5402, ack)) ==
              std::vector<std::string>{"1 0.000000 " + body +
                                       " src=198.51.100.1:40000 dst=211.32.119.136:5402"});
        CHECK(RawLines(UdpDatagram(GB, GA, 5402, 40000, ack)) ==
              std::vector<std::string>{"1 0.000000 " + body +
                                       " src=211.32.119.136:5402 dst=198.51.100.1:40000"});
        CHECK(RawLines(UdpDatagram(GA, GB, 5403, 5404, ack)).empty());
    }
    SECTION("link padding after the IPv4 datagram is not part of the message")
    {
        CHECK(PaddedLines(GA, GB, 5402, ack) ==
              std::vector<std::string>{"1 0.000000 " + body + ENDS_A_B});
    }
    SECTION("a message cut by the capture's snap length is marked so")
    {
        // 40 of the 43 octets captured.
        CHECK(SnappedLines(GA, GB, 5402, ack, 3) ==
              std::vector<std::string>{"1 0.000000 htip malformed reason=bad-length type=ACK "
                                       "id=0x00000001 length=43 have=40" +
                                       ENDS_A_B + " capture=truncated"});
    }
    SECTION("the summary alone, without addresses")
    {
        const DecodedMessage m = SummarizeHtip(ack);
        CHECK(m.protocol == "htip");
        CHECK(m.type == "ACK");
        CHECK_FALSE(m.IsMalformed());
        CHECK(m.Get("b-tun") == "10.0.2.0/24");
        CheckOneOctetTruncated(SummarizeHtip);
    }
}
