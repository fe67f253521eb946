// SPDX-License-Identifier: GPL-2.0-only
//
// vr::DiscoveryHeader (doc/vr-discovery.md): each of the four message types
// against octets laid out by hand from the format, field by field; round
// trips; every error cause on a minimal input; every cut of a valid message
// flagged without reading past its end.
#include "codec-test-util.h"

#include "ns3/buffer.h"
#include "ns3/packet.h"
#include "ns3/vr-discovery-header.h"
#include "ns3/vr-vpn-id.h"

#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::vr;
using ns3::codectest::Decode;
using ns3::codectest::Encode;
using ns3::codectest::FromHex;

namespace
{

// The four messages, written by hand from the layout in doc/vr-discovery.md.
// Fig. 2's routers 10 (10.0.0.10, VR port 10.1.0.1) and 20 (10.0.0.20, VR
// port 10.2.0.1) in one VPN, 00a0c9:00000001.
const std::string additionHex = "01"              // Version 1
                                "01"              // Type 1, ADDITION
                                "001d"            // Length 29 = 8 + 9 + 6 + 6
                                "00000007"        // Sequence number 7
                                "01 07"           // TLV VPN-ID, 7 octets
                                "00a0c9 00000001" //   OUI 00a0c9, index 1
                                "02 04"           // TLV Router-ID, 4 octets
                                "0a00000a"        //   10.0.0.10
                                "03 04"           // TLV VR-port address, 4 octets
                                "0a010001";       //   10.1.0.1

const std::string additionAckHex = "01"              // Version 1
                                   "02"              // Type 2, ADDITION_ACK
                                   "001d"            // Length 29
                                   "00000007"        // Sequence number 7, echoed
                                   "01 07"           // TLV VPN-ID, 7 octets
                                   "00a0c9 00000001" //   OUI 00a0c9, index 1
                                   "02 04"           // TLV Router-ID, 4 octets
                                   "0a000014"        //   10.0.0.20
                                   "03 04"           // TLV VR-port address, 4 octets
                                   "0a020001";       //   10.2.0.1

const std::string monitorHex = "01"              // Version 1
                               "03"              // Type 3, MONITOR
                               "0017"            // Length 23 = 8 + 9 + 6
                               "00010002"        // Sequence number 65538
                               "01 07"           // TLV VPN-ID, 7 octets
                               "00a0c9 00000001" //   OUI 00a0c9, index 1
                               "02 04"           // TLV Router-ID, 4 octets
                               "0a00000a";       //   10.0.0.10

const std::string monitorReplyHex = "01"              // Version 1
                                    "04"              // Type 4, MONITOR_REPLY
                                    "0017"            // Length 23
                                    "00010002"        // Sequence number 65538, echoed
                                    "01 07"           // TLV VPN-ID, 7 octets
                                    "00a0c9 00000001" //   OUI 00a0c9, index 1
                                    "02 04"           // TLV Router-ID, 4 octets
                                    "0a000014";       //   10.0.0.20

const VpnId vpnA(0x00a0c9, 0x00000001);

DiscoveryHeader
Message(uint8_t type,
        uint32_t sequence,
        const char* router,
        const char* port = nullptr,
        VpnId vpn = vpnA)
{
    DiscoveryHeader h;
    h.SetType(type);
    h.SetSequence(sequence);
    h.SetVpnId(vpn);
    h.SetRouterId(Ipv4Address(router));
    if (port != nullptr)
    {
        h.SetPortAddress(Ipv4Address(port));
    }
    return h;
}

DiscoveryHeader
Decoded(const std::string& hex)
{
    DiscoveryHeader h;
    Decode(h, FromHex(hex));
    return h;
}

DiscoveryHeader::Error
ErrorOf(const std::string& hex)
{
    return Decoded(hex).GetError();
}

std::string
Printed(const DiscoveryHeader& h)
{
    std::ostringstream os;
    h.Print(os);
    return os.str();
}

/**
 * Decodes the first n octets of `bytes` with the end bounded at n, the
 * rest of the buffer left behind it as guard octets.
 * \return the octets consumed.
 */
uint32_t
DecodeBounded(DiscoveryHeader& h, const std::vector<uint8_t>& bytes, uint32_t n)
{
    Buffer buffer;
    buffer.AddAtStart(bytes.size());
    buffer.Begin().Write(bytes.data(), bytes.size());
    Buffer::Iterator start = buffer.Begin();
    Buffer::Iterator end = buffer.Begin();
    end.Next(n);
    return h.Deserialize(start, end);
}

} // namespace

TEST_CASE("VR discovery constants", "[vr]")
{
    CHECK(DISCOVERY_PORT == 5401);
    CHECK(DISCOVERY_VERSION == 1);
    CHECK(ADDITION == 1);
    CHECK(ADDITION_ACK == 2);
    CHECK(MONITOR == 3);
    CHECK(MONITOR_REPLY == 4);
    CHECK(TLV_VPN_ID == 1);
    CHECK(TLV_ROUTER_ID == 2);
    CHECK(TLV_PORT_ADDRESS == 3);
    CHECK(TypeName(ADDITION) == "Addition");
    CHECK(TypeName(ADDITION_ACK) == "AdditionAck");
    CHECK(TypeName(MONITOR) == "Monitor");
    CHECK(TypeName(MONITOR_REPLY) == "MonitorReply");
    CHECK(TypeName(0) == "Type 0");
    CHECK(TypeName(200) == "Type 200");
    CHECK(DiscoveryHeader::ErrorName(DiscoveryHeader::DUPLICATE_TLV) == "DUPLICATE_TLV");
    CHECK(DiscoveryHeader::GetTypeId().GetName() == "ns3::vr::DiscoveryHeader");
}

TEST_CASE("VR addition message (S1) against hand-laid octets", "[vr]")
{
    const auto h = Message(ADDITION, 7, "10.0.0.10", "10.1.0.1");
    CHECK(h.GetSerializedSize() == 29);
    CHECK(Encode(h) == FromHex(additionHex));

    DiscoveryHeader d;
    CHECK(Decode(d, FromHex(additionHex)) == 29);
    CHECK(d.IsValid());
    CHECK(d.GetVersion() == 1);
    CHECK(d.GetType() == ADDITION);
    CHECK(d.GetSequence() == 7);
    CHECK(d.GetVpnId() == vpnA);
    CHECK(d.GetRouterId() == Ipv4Address("10.0.0.10"));
    CHECK(d.HasPortAddress());
    CHECK(d.GetPortAddress() == Ipv4Address("10.1.0.1"));
    CHECK(d.GetUnknownTlvCount() == 0);
    CHECK(d == h);
    CHECK(Printed(d) == "Addition seq=7 vpn=00a0c9:00000001 router=10.0.0.10 port=10.1.0.1");
}

TEST_CASE("VR addition ACK (S14) against hand-laid octets", "[vr]")
{
    const auto h = Message(ADDITION_ACK, 7, "10.0.0.20", "10.2.0.1");
    CHECK(Encode(h) == FromHex(additionAckHex));

    DiscoveryHeader d;
    CHECK(Decode(d, FromHex(additionAckHex)) == 29);
    CHECK(d.IsValid());
    CHECK(d.GetType() == ADDITION_ACK);
    CHECK(d.GetSequence() == 7);
    CHECK(d.GetVpnId() == vpnA);
    CHECK(d.GetRouterId() == Ipv4Address("10.0.0.20"));
    CHECK(d.GetPortAddress() == Ipv4Address("10.2.0.1"));
    CHECK(d == h);
    CHECK(Printed(d) == "AdditionAck seq=7 vpn=00a0c9:00000001 router=10.0.0.20 port=10.2.0.1");
}

TEST_CASE("VR monitoring message and reply (S31) against hand-laid octets", "[vr]")
{
    const auto monitor = Message(MONITOR, 0x00010002, "10.0.0.10");
    CHECK(monitor.GetSerializedSize() == 23);
    CHECK(Encode(monitor) == FromHex(monitorHex));
    DiscoveryHeader d;
    CHECK(Decode(d, FromHex(monitorHex)) == 23);
    CHECK(d.IsValid());
    CHECK(d.GetType() == MONITOR);
    CHECK(d.GetSequence() == 65538);
    CHECK(d.GetVpnId() == vpnA);
    CHECK(d.GetRouterId() == Ipv4Address("10.0.0.10"));
    CHECK_FALSE(d.HasPortAddress());
    CHECK(d == monitor);
    CHECK(Printed(d) == "Monitor seq=65538 vpn=00a0c9:00000001 router=10.0.0.10");

    const auto reply = Message(MONITOR_REPLY, 0x00010002, "10.0.0.20");
    CHECK(Encode(reply) == FromHex(monitorReplyHex));
    CHECK(Decode(d, FromHex(monitorReplyHex)) == 23);
    CHECK(d.IsValid());
    CHECK(d.GetType() == MONITOR_REPLY);
    CHECK(d.GetSequence() == 65538);
    CHECK(d.GetRouterId() == Ipv4Address("10.0.0.20"));
    CHECK(d == reply);
    CHECK(Printed(d) == "MonitorReply seq=65538 vpn=00a0c9:00000001 router=10.0.0.20");
}

TEST_CASE("VR monitoring message may carry the port address", "[vr]")
{
    const auto h = Message(MONITOR, 1, "10.0.0.10", "10.1.0.1");
    CHECK(Encode(h) == FromHex("01 03 001d 00000001"   // header, Length 29
                               "01 07 00a0c9 00000001" // VPN-ID
                               "02 04 0a00000a"        // Router-ID 10.0.0.10
                               "03 04 0a010001"));     // VR-port address 10.1.0.1
    DiscoveryHeader d;
    CHECK(Decode(d, Encode(h)) == 29);
    CHECK(d.IsValid());
    CHECK(d.HasPortAddress());
    CHECK(d == h);
}

TEST_CASE("VR discovery messages round trip through a packet", "[vr]")
{
    const std::vector<DiscoveryHeader> messages{
        Message(ADDITION, 0, "10.0.0.10", "10.1.0.1"),
        Message(ADDITION_ACK, 0xffffffff, "192.168.255.254", "172.16.0.1", VpnId(0xffffff, 0)),
        Message(MONITOR, 12345, "1.2.3.4", nullptr, VpnId(0, 0xffffffff)),
        Message(MONITOR_REPLY, 12345, "4.3.2.1", "5.6.7.8", VpnId(0x123456, 0x789abcde)),
    };
    for (const auto& h : messages)
    {
        CAPTURE(Printed(h));
        Ptr<Packet> packet = Create<Packet>();
        packet->AddHeader(h);
        CHECK(packet->GetSize() == h.GetSerializedSize());
        DiscoveryHeader d;
        CHECK(packet->RemoveHeader(d) == h.GetSerializedSize());
        CHECK(d.IsValid());
        CHECK(d == h);
        CHECK(packet->GetSize() == 0);
    }
}

TEST_CASE("VR discovery TLVs may come in any order", "[vr]")
{
    DiscoveryHeader d;
    CHECK(Decode(d,
                 FromHex("01 01 001d 00000007"
                         "03 04 0a010001"             // VR-port address first
                         "02 04 0a00000a"             // Router-ID
                         "01 07 00a0c9 00000001")) == // VPN-ID last
          29);
    CHECK(d.IsValid());
    CHECK(d == Message(ADDITION, 7, "10.0.0.10", "10.1.0.1"));
}

TEST_CASE("VR discovery skips and counts unknown TLVs", "[vr]")
{
    DiscoveryHeader d;
    SECTION("between, empty and at the end")
    {
        CHECK(Decode(d,
                     FromHex("01 03 0021 00000009"   // MONITOR, Length 33 = 8 + 5 + 9 + 2 + 6 + 3
                             "09 03 aabbcc"          // unknown type 9, 3 octets
                             "01 07 00a0c9 00000001" // VPN-ID
                             "ff 00"                 // unknown type 255, empty
                             "02 04 0a00000a"        // Router-ID
                             "09 01 dd")) == 33);    // type 9 again: not a duplicate
        CHECK(d.IsValid());
        CHECK(d.GetUnknownTlvCount() == 3);
        CHECK(d.GetVpnId() == vpnA);
        CHECK(d.GetRouterId() == Ipv4Address("10.0.0.10"));
        CHECK(Printed(d) == "Monitor seq=9 vpn=00a0c9:00000001 router=10.0.0.10 unknown-tlvs=3");
    }
    SECTION("an unknown TLV is still bounded by the message")
    {
        CHECK(ErrorOf("01 03 0019 00000009"
                      "01 07 00a0c9 00000001"
                      "02 04 0a00000a"
                      "09 ff") == DiscoveryHeader::BAD_TLV); // 255 octets announced, 0 left
        CHECK(ErrorOf("01 03 001a 00000009"
                      "01 07 00a0c9 00000001"
                      "02 04 0a00000a"
                      "09 02 aa") == DiscoveryHeader::BAD_TLV); // 2 announced, 1 left
    }
}

TEST_CASE("VR discovery flags a duplicate TLV", "[vr]")
{
    CHECK(ErrorOf("01 03 0020 00000001"
                  "01 07 00a0c9 00000001"
                  "02 04 0a00000a"
                  "01 07 00a0c9 00000002") == DiscoveryHeader::DUPLICATE_TLV); // VPN-ID twice
    CHECK(ErrorOf("01 03 001d 00000001"
                  "01 07 00a0c9 00000001"
                  "02 04 0a00000a"
                  "02 04 0a00000a") == DiscoveryHeader::DUPLICATE_TLV); // Router-ID twice
    CHECK(ErrorOf("01 01 0023 00000001"
                  "01 07 00a0c9 00000001"
                  "02 04 0a00000a"
                  "03 04 0a010001"
                  "03 04 0a010002") == DiscoveryHeader::DUPLICATE_TLV); // port twice
}

TEST_CASE("VR discovery flags a missing field for each type", "[vr]")
{
    // The TLVs as octets, to leave one out at a time.
    const std::string vpn = "01 07 00a0c9 00000001";
    const std::string router = "02 04 0a00000a";
    const std::string port = "03 04 0a010001";
    for (const char* type : {"01", "02"})
    {
        CAPTURE(type);
        // 8 + 6 + 6 = 20 (0x14) without the VPN-ID; 8 + 9 + 6 = 23 (0x17) without the others.
        CHECK(ErrorOf(std::string("01") + type + "0014 00000001" + router + port) ==
              DiscoveryHeader::MISSING_FIELD);
        CHECK(ErrorOf(std::string("01") + type + "0017 00000001" + vpn + port) ==
              DiscoveryHeader::MISSING_FIELD);
        CHECK(ErrorOf(std::string("01") + type + "0017 00000001" + vpn + router) ==
              DiscoveryHeader::MISSING_FIELD);
        CHECK(ErrorOf(std::string("01") + type + "0008 00000001") ==
              DiscoveryHeader::MISSING_FIELD);
    }
    for (const char* type : {"03", "04"})
    {
        CAPTURE(type);
        CHECK(ErrorOf(std::string("01") + type + "000e 00000001" + router) ==
              DiscoveryHeader::MISSING_FIELD);
        CHECK(ErrorOf(std::string("01") + type + "0011 00000001" + vpn) ==
              DiscoveryHeader::MISSING_FIELD);
        CHECK(ErrorOf(std::string("01") + type + "0014 00000001" + router + port) ==
              DiscoveryHeader::MISSING_FIELD);
        CHECK(ErrorOf(std::string("01") + type + "0008 00000001") ==
              DiscoveryHeader::MISSING_FIELD);
        // The port address is optional here.
        CHECK(ErrorOf(std::string("01") + type + "0017 00000001" + vpn + router) ==
              DiscoveryHeader::OK);
    }
}

TEST_CASE("VR discovery flags version and type", "[vr]")
{
    CHECK(ErrorOf("00 03 0017 00000001 0107 00a0c9 00000001 0204 0a00000a") ==
          DiscoveryHeader::BAD_VERSION);
    CHECK(ErrorOf("02 03 0017 00000001 0107 00a0c9 00000001 0204 0a00000a") ==
          DiscoveryHeader::BAD_VERSION);
    CHECK(ErrorOf("ff 03 0008 00000001") == DiscoveryHeader::BAD_VERSION);
    CHECK(ErrorOf("01 00 0017 00000001 0107 00a0c9 00000001 0204 0a00000a") ==
          DiscoveryHeader::BAD_TYPE);
    CHECK(ErrorOf("01 05 0017 00000001 0107 00a0c9 00000001 0204 0a00000a") ==
          DiscoveryHeader::BAD_TYPE);
    CHECK(ErrorOf("01 ff 0008 00000001") == DiscoveryHeader::BAD_TYPE);

    // A message with a type this side does not know still prints and serializes.
    auto h = Message(9, 1, "10.0.0.10");
    CHECK(Encode(h) == FromHex("01 09 0017 00000001 0107 00a0c9 00000001 0204 0a00000a"));
    CHECK(Decoded(ns3::codectest::ToHex(Encode(h))).GetError() == DiscoveryHeader::BAD_TYPE);
}

TEST_CASE("VR discovery flags a Length field that lies", "[vr]")
{
    const std::string body = "00000007 0107 00a0c9 00000001 0204 0a00000a";
    // 23 octets given.
    CHECK(ErrorOf("01 03 0017" + body) == DiscoveryHeader::OK);
    CHECK(ErrorOf("01 03 0018" + body) == DiscoveryHeader::BAD_LENGTH); // one more
    CHECK(ErrorOf("01 03 0016" + body) == DiscoveryHeader::BAD_LENGTH); // one fewer
    CHECK(ErrorOf("01 03 ffff" + body) == DiscoveryHeader::BAD_LENGTH);
    CHECK(ErrorOf("01 03 0000" + body) == DiscoveryHeader::BAD_LENGTH);
    CHECK(ErrorOf("01 03 0007" + body) == DiscoveryHeader::BAD_LENGTH); // below the header
    // Octets after the message: the Length no longer matches what was given.
    CHECK(ErrorOf("01 03 0017" + body + "00") == DiscoveryHeader::BAD_LENGTH);
    // A Length of exactly the 8-octet header on 8 octets is well sized (no TLVs).
    CHECK(ErrorOf("01 03 0008 00000007") == DiscoveryHeader::MISSING_FIELD);
}

TEST_CASE("VR discovery flags a TLV of the wrong size", "[vr]")
{
    // VPN-ID of 6 and 8 octets.
    CHECK(ErrorOf("01 03 0016 00000001 0106 00a0c9 000000 0204 0a00000a") ==
          DiscoveryHeader::BAD_TLV);
    CHECK(ErrorOf("01 03 0018 00000001 0108 00a0c9 00000001 00 0204 0a00000a") ==
          DiscoveryHeader::BAD_TLV);
    // Router-ID of 3 and 5 octets.
    CHECK(ErrorOf("01 03 0016 00000001 0107 00a0c9 00000001 0203 0a0000") ==
          DiscoveryHeader::BAD_TLV);
    CHECK(ErrorOf("01 03 0018 00000001 0107 00a0c9 00000001 0205 0a00000a00") ==
          DiscoveryHeader::BAD_TLV);
    // Port address of 0 octets.
    CHECK(ErrorOf("01 01 0019 00000001 0107 00a0c9 00000001 0204 0a00000a 0300") ==
          DiscoveryHeader::BAD_TLV);
    // A TLV header of one octet, and a value longer than the rest.
    CHECK(ErrorOf("01 03 0009 00000001 01") == DiscoveryHeader::BAD_TLV);
    CHECK(ErrorOf("01 03 000f 00000001 0107 00a0c9 0000") == DiscoveryHeader::BAD_TLV);
}

TEST_CASE("VR discovery flags too few octets", "[vr]")
{
    CHECK(ErrorOf("") == DiscoveryHeader::TRUNCATED);
    CHECK(ErrorOf("01") == DiscoveryHeader::TRUNCATED);
    CHECK(ErrorOf("01 01 0008 000000") == DiscoveryHeader::TRUNCATED); // 7 octets
    DiscoveryHeader d;
    CHECK(Decode(d, {}) == 0);
    CHECK_FALSE(d.IsValid());
    CHECK(Printed(d) == "Addition seq=0 vpn=000000:00000000 router=0.0.0.0 port=0.0.0.0 "
                        "(malformed: TRUNCATED)");
}

TEST_CASE("VR discovery flags every cut of a valid message and stays inside it", "[vr]")
{
    for (const auto& hex : {additionHex, additionAckHex, monitorHex, monitorReplyHex})
    {
        const std::vector<uint8_t> whole = FromHex(hex);
        const uint32_t size = whole.size();
        for (uint32_t n = 0; n < size; ++n)
        {
            CAPTURE(hex, n);
            // Cut at n: the rest of the message stays behind the end as guard octets.
            DiscoveryHeader d;
            CHECK(DecodeBounded(d, whole, n) <= n);
            CHECK_FALSE(d.IsValid());
            CHECK(d.GetError() == (n < DiscoveryHeader::FIXED_SIZE ? DiscoveryHeader::TRUNCATED
                                                                   : DiscoveryHeader::BAD_LENGTH));

            // The same cut with the Length field telling the truth, so that the
            // TLVs are read up to the cut.
            if (n >= DiscoveryHeader::FIXED_SIZE)
            {
                std::vector<uint8_t> relabelled = whole;
                relabelled[2] = static_cast<uint8_t>(n >> 8);
                relabelled[3] = static_cast<uint8_t>(n & 0xff);
                DiscoveryHeader r;
                CHECK(DecodeBounded(r, relabelled, n) <= n);
                CHECK_FALSE(r.IsValid());
                CHECK((r.GetError() == DiscoveryHeader::BAD_TLV ||
                       r.GetError() == DiscoveryHeader::MISSING_FIELD));
            }

            // Alone in a buffer of exactly n octets.
            std::vector<uint8_t> cut(whole.begin(), whole.begin() + n);
            DiscoveryHeader alone;
            CHECK(Decode(alone, cut) <= n);
            CHECK_FALSE(alone.IsValid());
        }
        DiscoveryHeader d;
        CHECK(DecodeBounded(d, whole, size) == size);
        CHECK(d.IsValid());
    }
}

TEST_CASE("VR discovery decodes with the end bounded inside a larger buffer", "[vr]")
{
    // The monitoring message followed by octets of something else.
    std::vector<uint8_t> bytes = FromHex(monitorHex + "0304 0a010001 dead");
    DiscoveryHeader d;
    CHECK(DecodeBounded(d, bytes, 23) == 23);
    CHECK(d.IsValid());
    CHECK_FALSE(d.HasPortAddress());
    CHECK(d == Message(MONITOR, 0x00010002, "10.0.0.10"));

    // A packet with more behind the message, removed with its size bounded.
    Ptr<Packet> packet = Create<Packet>(bytes.data(), bytes.size());
    DiscoveryHeader p;
    CHECK(packet->RemoveHeader(p, 23) == 23);
    CHECK(p.IsValid());
    CHECK(packet->GetSize() == bytes.size() - 23);
}
