// SPDX-License-Identifier: GPL-2.0-only
// L2TPv2 header and AVP codecs: round trips, hidden AVPs, malformed input.
#include "codec-test-util.h"

#include "ns3/l2tp-avp.h"
#include "ns3/l2tp-hidden-avp.h"
#include "ns3/l2tp-packet-header.h"
#include "ns3/packet.h"

#include <catch2/catch.hpp>
#include <random>
#include <sstream>

using namespace ns3;
using namespace ns3::l2tp;
using ns3::codectest::Bytes;
using ns3::codectest::Decode;
using ns3::codectest::Encode;
using ns3::codectest::FromHex;
using ns3::codectest::ToHex;

namespace
{

// SCCRP of ../shared/corpus/pcap/generated/xl2tpd-tunnel-auth.pcap frame 2
// (UDP payload, `tshark -T fields -e udp.payload`): a well-formed base for
// corruption tests.
const char* SCCRP_FRAME2 =
    "c802008f2a3400000000000180080000000000028008000000020100800a0000000300000003800a0000"
    "0004000000000008000000060690800800000007766d00130000000878656c6572616e63652e636f6d80"
    "080000000958a480080000000a000480160000000d688dad2c4a5c9db2145fe7ed72a0e4578016000000"
    "0b7a85abf18c25a402e9068d7ca03aad4d";

PacketHeader
SampleControl()
{
    PacketHeader h = PacketHeader::MakeControl(0x1234, 0x5678, 7, 9);
    h.AddAvp(Avp::MakeMessageType(SCCRQ));
    h.AddAvp(Avp::MakeUint16(AVP_PROTOCOL_VERSION, 0x0100));
    h.AddAvp(Avp::MakeUint32(AVP_FRAMING_CAPABILITIES, 3));
    h.AddAvp(Avp(AVP_TIE_BREAKER, FromHex("0102030405060708")));
    h.AddAvp(Avp::MakeString(AVP_HOST_NAME, "vr-port-1", false));
    h.AddAvp(Avp::MakeUint16(AVP_ASSIGNED_TUNNEL_ID, 42));
    h.AddAvp(Avp::MakeUint16(AVP_RECEIVE_WINDOW_SIZE, 8));
    h.AddAvp(Avp(77, Bytes("vendor data"), false, 9)); // a vendor-specific AVP
    return h;
}

} // namespace

TEST_CASE("L2TP control message round trip", "[l2tp]")
{
    const PacketHeader out = SampleControl();
    CHECK(out.GetHeaderSize() == 12);
    CHECK(out.GetLength() == out.GetSerializedSize());
    const std::vector<uint8_t> bytes = Encode(out);
    CHECK(bytes[0] == 0xc8); // T, L, S
    CHECK(bytes[1] == 0x02); // Ver 2
    CHECK(size_t((bytes[2] << 8) | bytes[3]) == bytes.size());

    PacketHeader in;
    CHECK(Decode(in, bytes) == bytes.size());
    REQUIRE(in.IsValid());
    CHECK(in == out);
    uint16_t type = 0;
    REQUIRE(in.GetMessageType(type));
    CHECK(type == SCCRQ);
    REQUIRE(in.FindAvp(77, 9) != nullptr);
    CHECK(in.FindAvp(77, 9)->GetString() == "vendor data");
    CHECK(in.FindAvp(77) == nullptr);
    CHECK_FALSE(in.FindAvp(AVP_HOST_NAME)->IsMandatory());

    // And through an ns-3 Packet.
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(out);
    PacketHeader viaPacket;
    CHECK(packet->RemoveHeader(viaPacket) == bytes.size());
    CHECK(viaPacket == out);

    std::ostringstream text;
    in.Print(text);
    CHECK(text.str().find("SCCRQ") != std::string::npos);
    CHECK(text.str().find("Host Name") != std::string::npos);
}

TEST_CASE("L2TP ZLB acknowledgement", "[l2tp]")
{
    const PacketHeader zlb = PacketHeader::MakeControl(10804, 0, 1, 2);
    CHECK(zlb.IsZlb());
    // Frame 5 of xl2tpd-tunnel-auth.pcap is exactly this ZLB.
    CHECK(ToHex(Encode(zlb)) == "c802000c2a34000000010002");
    PacketHeader in;
    CHECK(Decode(in, Encode(zlb)) == 12);
    CHECK(in.IsValid());
    CHECK(in.IsZlb());
    CHECK(in == zlb);
}

TEST_CASE("L2TP data message headers round trip with payload", "[l2tp]")
{
    const std::vector<uint8_t> ppp = FromHex("ff03c0210948000cc1343922e7e18ff6");
    for (int variant = 0; variant < 16; ++variant)
    {
        const bool withLength = variant & 1;
        const bool withSequence = variant & 2;
        const bool withOffset = variant & 4;
        const bool priority = variant & 8;
        INFO("L=" << withLength << " S=" << withSequence << " O=" << withOffset
                  << " P=" << priority);
        PacketHeader out = PacketHeader::MakeData(300, 400);
        out.SetLengthPresent(withLength);
        out.SetSequencePresent(withSequence);
        out.SetNs(withSequence ? 11 : 0);
        out.SetNr(withSequence ? 12 : 0);
        out.SetOffset(withOffset, withOffset ? 3 : 0);
        out.SetPriority(priority);
        out.SetPayloadSize(static_cast<uint16_t>(ppp.size()));
        CHECK(out.GetSerializedSize() ==
              6u + (withLength ? 2 : 0) + (withSequence ? 4 : 0) + (withOffset ? 5 : 0));

        Ptr<Packet> packet = Create<Packet>(ppp.data(), ppp.size());
        packet->AddHeader(out);
        PacketHeader in;
        CHECK(packet->RemoveHeader(in) == out.GetSerializedSize());
        REQUIRE(in.IsValid());
        CHECK(in == out);
        CHECK(in.GetPayloadSize() == ppp.size());
        std::vector<uint8_t> rest(packet->GetSize());
        packet->CopyData(rest.data(), rest.size());
        CHECK(rest == ppp);
    }
}

TEST_CASE("L2TP AVP encoding details", "[l2tp]")
{
    // M=1, H=0, Length 8, Vendor 0, type 0, value 1: the SCCRQ Message Type.
    CHECK(ToHex(Encode(Avp::MakeMessageType(SCCRQ))) == "800800000000"
                                                        "0001");

    Avp avp(AVP_CALLED_NUMBER, Bytes("5551234"), false, 0);
    avp.SetHidden(true);
    avp.SetReservedBits(0x5);
    const std::vector<uint8_t> bytes = Encode(avp);
    CHECK(bytes[0] == (0x40 | (0x5 << 2))); // H and reserved bits, length < 256
    CHECK(bytes[1] == 13);
    Avp in;
    CHECK(Decode(in, bytes) == 13);
    CHECK(in.IsValid());
    CHECK(in == avp);
    CHECK(in.GetReservedBits() == 5);
    uint16_t u16 = 0;
    REQUIRE(Avp::MakeUint16(1, 2).GetUint16(u16));
    CHECK(u16 == 2);
    CHECK_FALSE(in.GetUint16(u16));

    // The longest AVP: Length 1023 in 10 bits.
    Avp longest(AVP_PROXY_AUTHEN_NAME, std::vector<uint8_t>(2000, 'n'));
    CHECK(longest.GetLength() == 1023);
    CHECK(Decode(in, Encode(longest)) == 1023);
    CHECK(in == longest);

    // Result Code forms (4.4.2).
    uint16_t result = 0;
    uint16_t error = 0;
    std::string message;
    CHECK(Encode(Avp::MakeResultCode(2)).size() == 8);
    CHECK(Encode(Avp::MakeResultCode(2, 6)).size() == 10);
    const Avp withMessage = Avp::MakeResultCode(2, 6, "bad");
    CHECK(Encode(withMessage).size() == 13);
    REQUIRE(withMessage.GetResultCode(result, error, message));
    CHECK(result == 2);
    CHECK(error == 6);
    CHECK(message == "bad");
    CHECK_FALSE(Avp(AVP_RESULT_CODE, {0, 1, 2}).GetResultCode(result, error, message));

    CHECK(AvpTypeName(AVP_CHALLENGE_RESPONSE) == "Challenge Response");
    CHECK(MessageTypeName(HELLO) == "HELLO");
    CHECK(MessageTypeName(5) == "Unknown");
}

TEST_CASE("L2TP AVP with a bad Length is flagged", "[l2tp]")
{
    Avp avp;
    for (uint16_t length : {0, 1, 5})
    {
        std::vector<uint8_t> bytes = {0x80, static_cast<uint8_t>(length), 0, 0, 0, 7};
        CHECK(Decode(avp, bytes) <= bytes.size());
        CHECK_FALSE(avp.IsValid());
    }
    // Claims 9 octets, 8 present.
    std::vector<uint8_t> bytes = FromHex("800900000007aabb");
    CHECK(Decode(avp, bytes) <= bytes.size());
    CHECK_FALSE(avp.IsValid());
    // Fewer than 6 octets in all.
    CHECK(Decode(avp, FromHex("8008")) == 2);
    CHECK_FALSE(avp.IsValid());
}

TEST_CASE("L2TP malformed messages are flagged, never asserted", "[l2tp]")
{
    const std::vector<uint8_t> good = FromHex(SCCRP_FRAME2);
    PacketHeader h;
    REQUIRE(Decode(h, good) == good.size());
    REQUIRE(h.IsValid());

    SECTION("every truncated prefix is rejected")
    {
        for (size_t n = 0; n < good.size(); ++n)
        {
            INFO("prefix of " << n << " octets");
            const std::vector<uint8_t> prefix(good.begin(), good.begin() + n);
            CHECK(Decode(h, prefix) <= n);
            CHECK_FALSE(h.IsValid());
        }
    }
    SECTION("versions other than 2")
    {
        for (uint8_t version : {0, 1, 3, 15})
        {
            std::vector<uint8_t> bytes = good;
            bytes[1] = version;
            Decode(h, bytes);
            CHECK(h.GetError() == PacketHeader::BAD_VERSION);
        }
    }
    SECTION("control messages need L=1 S=1 O=0 P=0 (3.1)")
    {
        for (uint8_t flags : {0x88, 0xc0, 0xca, 0xc9})
        {
            INFO("flags " << +flags);
            std::vector<uint8_t> bytes = good;
            bytes[0] = flags;
            Decode(h, bytes);
            CHECK(h.GetError() == PacketHeader::BAD_CONTROL_FLAGS);
        }
        // Reserved bits are ignored on receipt.
        std::vector<uint8_t> bytes = good;
        bytes[0] |= 0x34;
        bytes[1] |= 0xf0;
        Decode(h, bytes);
        CHECK(h.IsValid());
    }
    SECTION("Length field outside the message")
    {
        // 100 ends one octet into an AVP header: that AVP is then bad.
        for (uint16_t length : {0, 11, 100, 144, 0xffff})
        {
            std::vector<uint8_t> bytes = good;
            bytes[2] = static_cast<uint8_t>(length >> 8);
            bytes[3] = static_cast<uint8_t>(length);
            Decode(h, bytes);
            CHECK(h.GetError() == (length < 12 || length > good.size() ? PacketHeader::BAD_LENGTH
                                                                       : PacketHeader::BAD_AVP));
        }
    }
    SECTION("AVP overrunning the message Length")
    {
        // Last AVP (Challenge, at offset 121) claims 23 octets, 22 remain.
        std::vector<uint8_t> bytes = good;
        REQUIRE(bytes[122] == 0x16);
        bytes[122] = 0x17;
        Decode(h, bytes);
        CHECK(h.GetError() == PacketHeader::BAD_AVP);
        // A huge AVP length (the tcpdump l2tp-avp-overflow case).
        bytes[121] = 0x83;
        bytes[122] = 0xff;
        Decode(h, bytes);
        CHECK(h.GetError() == PacketHeader::BAD_AVP);
        // An AVP shorter than its own header.
        bytes[121] = 0x80;
        bytes[122] = 0x02;
        Decode(h, bytes);
        CHECK(h.GetError() == PacketHeader::BAD_AVP);
    }
    SECTION("Message Type must be the first AVP (4.4.1)")
    {
        PacketHeader out = PacketHeader::MakeControl(1, 0, 0, 0);
        out.AddAvp(Avp::MakeUint16(AVP_ASSIGNED_TUNNEL_ID, 5));
        out.AddAvp(Avp::MakeMessageType(SCCRQ));
        Decode(h, Encode(out));
        CHECK(h.GetError() == PacketHeader::FIRST_AVP_NOT_MESSAGE_TYPE);
        uint16_t type = 0;
        CHECK_FALSE(h.GetMessageType(type));
    }
    SECTION("data message with an offset pad past the data")
    {
        Decode(h, FromHex("0202 0001 0002 00ff 0000"));
        CHECK(h.GetError() == PacketHeader::TRUNCATED);
    }
    SECTION("random corruption never crashes or over-reads")
    {
        std::mt19937 rng(20240611);
        std::uniform_int_distribution<size_t> position(0, good.size() - 1);
        std::uniform_int_distribution<int> octet(0, 255);
        std::uniform_int_distribution<size_t> cut(0, good.size());
        for (int round = 0; round < 3000; ++round)
        {
            std::vector<uint8_t> bytes = good;
            for (int k = 0; k < 1 + round % 4; ++k)
            {
                bytes[position(rng)] = static_cast<uint8_t>(octet(rng));
            }
            bytes.resize(cut(rng));
            const uint32_t used = Decode(h, bytes);
            CHECK(used <= bytes.size());
            if (h.IsValid() && h.IsControl())
            {
                CHECK(used == h.GetSerializedSize());
            }
        }
    }
}

TEST_CASE("Hidden AVP values match an independent computation (RFC 2661 4.3)", "[l2tp]")
{
    // Expected values computed at authoring time with a separate Python
    // implementation of section 4.3 (hashlib.md5), same inputs.
    const std::string secret = "s3cr3t-tunnel";
    std::vector<uint8_t> rv;
    for (uint8_t k = 0x10; k < 0x20; ++k)
    {
        rv.push_back(k);
    }
    const std::vector<uint8_t> tunnelId = FromHex("2a34");
    CHECK(ToHex(HideValue(AVP_ASSIGNED_TUNNEL_ID, tunnelId, secret, rv)) == "5e7c628d");
    const std::vector<uint8_t> pad(20, 0x55);
    CHECK(ToHex(HideValue(AVP_ASSIGNED_TUNNEL_ID, tunnelId, secret, rv, pad)) ==
          "5e7c628d4634188e184a280fc402387763ac5fc9291700fb");
    const std::vector<uint8_t> host = Bytes("lac-01.example.net-with-a-long-host-name");
    const std::vector<uint8_t> hostPad = {0, 1, 2, 3, 4};
    const std::vector<uint8_t> hiddenHost = HideValue(AVP_HOST_NAME, host, secret, rv, hostPad);
    CHECK(ToHex(hiddenHost) == "f3d0bfecb6ed29b638299e471853645b1c18acc64029cdd1cc9ca30b2f56237d"
                               "2bcebd9d4cbf08bd457571a0abde9c");

    std::vector<uint8_t> back;
    REQUIRE(UnhideValue(AVP_HOST_NAME, hiddenHost, secret, rv, back));
    CHECK(back == host);
    REQUIRE(UnhideValue(AVP_ASSIGNED_TUNNEL_ID,
                        HideValue(AVP_ASSIGNED_TUNNEL_ID, tunnelId, secret, rv, pad),
                        secret,
                        rv,
                        back));
    CHECK(back == tunnelId);
    // Another secret fails or gives another value.
    const bool other = UnhideValue(AVP_HOST_NAME, hiddenHost, "other-secret", rv, back);
    CHECK((!other || back != host));
    CHECK_FALSE(UnhideValue(AVP_HOST_NAME, {0x01}, secret, rv, back));
}

TEST_CASE("Hidden AVPs in a message: hide, send, unhide with the Random Vector", "[l2tp]")
{
    const std::string secret = "tunnel-secret";
    const std::vector<uint8_t> rv = FromHex("00112233445566778899aabbccddeeff0102");
    PacketHeader out = PacketHeader::MakeControl(0, 0, 0, 0);
    out.AddAvp(Avp::MakeMessageType(SCCRQ));
    out.AddAvp(Avp(AVP_RANDOM_VECTOR, rv));
    Avp tunnel = Avp::MakeUint16(AVP_ASSIGNED_TUNNEL_ID, 4242);
    const Avp plainTunnel = tunnel;
    REQUIRE(HideAvp(tunnel, secret, rv, std::vector<uint8_t>(7, 0xee)));
    CHECK(tunnel.IsHidden());
    CHECK(tunnel.GetValue().size() == 2 + 2 + 7);
    CHECK_FALSE(HideAvp(tunnel, secret, rv)); // already hidden
    out.AddAvp(tunnel);
    Avp name = Avp::MakeString(AVP_HOST_NAME, std::string(40, 'h'), false);
    const Avp plainName = name;
    REQUIRE(HideAvp(name, secret, rv));
    out.AddAvp(name);

    PacketHeader in;
    Decode(in, Encode(out));
    REQUIRE(in.IsValid());
    uint16_t value = 0;
    CHECK_FALSE(in.FindAvp(AVP_ASSIGNED_TUNNEL_ID)->GetUint16(value)); // still hidden
    std::vector<Avp> avps = in.GetAvps();
    REQUIRE(UnhideAvps(avps, secret));
    CHECK(avps[2] == plainTunnel);
    CHECK(avps[3] == plainName);
    in.SetAvps(avps);
    REQUIRE(in.FindAvp(AVP_ASSIGNED_TUNNEL_ID)->GetUint16(value));
    CHECK(value == 4242);

    // Without a Random Vector before them, hidden AVPs cannot be recovered.
    std::vector<Avp> noVector = {Avp::MakeMessageType(SCCRQ), tunnel};
    CHECK_FALSE(UnhideAvps(noVector, secret));
    CHECK(noVector[1].IsHidden());
    // Unhiding a plain AVP, or hiding past the AVP size limit, is refused.
    Avp plain = plainTunnel;
    CHECK_FALSE(UnhideAvp(plain, secret, rv));
    Avp big(AVP_PROXY_AUTHEN_NAME, std::vector<uint8_t>(Avp::MAX_VALUE_SIZE - 1, 'x'));
    CHECK_FALSE(HideAvp(big, secret, rv));
    CHECK_FALSE(big.IsHidden());
}
