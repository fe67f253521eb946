// SPDX-License-Identifier: GPL-2.0-only
// L2TPv2 codec and tunnel authentication against real captures.
#include "codec-test-util.h"

#include "ns3/l2tp-avp.h"
#include "ns3/l2tp-challenge.h"
#include "ns3/l2tp-packet-header.h"
#include "ns3/packet.h"

#include <catch2/catch.hpp>

using namespace ns3;
using namespace ns3::l2tp;
using ns3::codectest::Decode;
using ns3::codectest::Encode;
using ns3::codectest::FromHex;
using ns3::codectest::ToHex;

namespace
{

/// One L2TP message of a capture and what tshark 4.0.17 decodes in it.
struct CapturedMessage
{
    int frame;
    const char* udpPayload;
    int messageType; ///< l2tp.avp.message_type, or -1 for a ZLB
    uint16_t tunnelId;
    uint16_t sessionId;
    uint16_t ns;
    uint16_t nr;
    uint16_t length;                ///< l2tp.length
    std::vector<uint16_t> avpTypes; ///< l2tp.avp.type, in order
    std::vector<int> mandatory;     ///< l2tp.avp.mandatory, in order
};

// ../shared/corpus/pcap/generated/xl2tpd-tunnel-auth.pcap (secret
// "s3cr3t-tunnel"). Payloads from `tshark -r xl2tpd-tunnel-auth.pcap -T fields
// -e frame.number -e udp.payload`; expected fields from `-e l2tp.avp.message_type
// -e l2tp.tunnel -e l2tp.session -e l2tp.Ns -e l2tp.Nr -e l2tp.length
// -e l2tp.avp.type -e l2tp.avp.mandatory` of the same file.
const std::vector<CapturedMessage> TUNNEL_AUTH = {
    // frame 1: SCCRQ
    {1,
     "c8020079000000000000000080080000000000018008000000020100800a0000000300000003800a0000"
     "0004000000000008000000060690800800000007766d00130000000878656c6572616e63652e636f6d80"
     "08000000092a3480080000000a000480160000000bcf80a10445663f07e869c0100e84a0f3",
     SCCRQ,
     0,
     0,
     0,
     0,
     121,
     {0, 2, 3, 4, 6, 7, 8, 9, 10, 11},
     {1, 1, 1, 1, 0, 1, 0, 1, 1, 1}},
    // frame 2: SCCRP
    {2,
     "c802008f2a3400000000000180080000000000028008000000020100800a0000000300000003800a0000"
     "0004000000000008000000060690800800000007766d00130000000878656c6572616e63652e636f6d80"
     "080000000958a480080000000a000480160000000d688dad2c4a5c9db2145fe7ed72a0e4578016000000"
     "0b7a85abf18c25a402e9068d7ca03aad4d",
     SCCRP,
     10804,
     0,
     0,
     1,
     143,
     {0, 2, 3, 4, 6, 7, 8, 9, 10, 13, 11},
     {1, 1, 1, 1, 0, 1, 0, 1, 1, 1, 1}},
    // frame 3: SCCCN
    {3,
     "c802002a58a4000000010001800800000000000380160000000d64d67456f0098b8765715cb12ccd6890",
     SCCCN,
     22692,
     0,
     1,
     1,
     42,
     {0, 13},
     {1, 1}},
    // frame 4: ICRQ
    {4,
     "c802003058a4000000020001800800000000000a80080000000e55a7800a0000000f00000001800a0000"
     "001200000000",
     ICRQ,
     22692,
     0,
     2,
     1,
     48,
     {0, 14, 15, 18},
     {1, 1, 1, 1}},
    // frame 5: ZLB ack
    {5, "c802000c2a34000000010002", -1, 10804, 0, 1, 2, 12, {}, {}},
    // frame 6: ICRP
    {6,
     "c802001c2a3455a700010003800800000000000b80080000000e7371",
     ICRP,
     10804,
     21927,
     1,
     3,
     28,
     {0, 14},
     {1, 1}},
    // frame 7: ZLB ack
    {7, "c802000c2a34000000020003", -1, 10804, 0, 2, 3, 12, {}, {}},
    // frame 8: ICCN
    {8,
     "c802003258a4737100030002800800000000000c800a0000001800000000800a0000001300000001000a"
     "0000002600000000",
     ICCN,
     22692,
     29553,
     3,
     2,
     50,
     {0, 24, 19, 38},
     {1, 1, 1, 0}},
    // frame 9: ZLB ack
    {9, "c802000c2a3455a700020004", -1, 10804, 21927, 2, 4, 12, {}, {}},
    // frame 10: CDN
    {10,
     "c80200262a3455a700020004800800000000000e800a000000010001000080080000000e7371",
     CDN,
     10804,
     21927,
     2,
     4,
     38,
     {0, 1, 14},
     {1, 1, 1}},
    // frame 11: ZLB ack
    {11, "c802000c58a4737100040003", -1, 22692, 29553, 4, 3, 12, {}, {}},
    // frame 12: HELLO
    {12, "c80200142a340000000300048008000000000006", HELLO, 10804, 0, 3, 4, 20, {0}, {1}},
    // frame 13: ZLB ack
    {13, "c802000c58a4000000040004", -1, 22692, 0, 4, 4, 12, {}, {}},
    // frame 14: HELLO
    {14, "c802001458a40000000400048008000000000006", HELLO, 22692, 0, 4, 4, 20, {0}, {1}},
    // frame 15: ZLB ack
    {15, "c802000c2a34000000040005", -1, 10804, 0, 4, 5, 12, {}, {}},
    // frame 16: STOPCCN
    {16,
     "c802002e58a400000005000480080000000000048008000000092a3480120000000100010000476f6f64"
     "62796521",
     STOPCCN,
     22692,
     0,
     5,
     4,
     46,
     {0, 9, 1},
     {1, 1, 1}},
    // frame 17: ZLB ack
    {17, "c802000c2a34000000040006", -1, 10804, 0, 4, 6, 12, {}, {}},
};

PacketHeader
DecodeFrame(int frame)
{
    for (const CapturedMessage& m : TUNNEL_AUTH)
    {
        if (m.frame == frame)
        {
            PacketHeader header;
            Decode(header, FromHex(m.udpPayload));
            REQUIRE(header.IsValid());
            return header;
        }
    }
    FAIL("no such frame");
    return PacketHeader();
}

std::vector<uint8_t>
AvpValue(const PacketHeader& header, uint16_t type)
{
    const Avp* avp = header.FindAvp(type);
    REQUIRE(avp != nullptr);
    return avp->GetValue();
}

} // namespace

TEST_CASE("xl2tpd-tunnel-auth.pcap: every message decodes as tshark decodes it", "[l2tp]")
{
    REQUIRE(TUNNEL_AUTH.size() == 17);
    for (const CapturedMessage& m : TUNNEL_AUTH)
    {
        INFO("frame " << m.frame);
        const std::vector<uint8_t> bytes = FromHex(m.udpPayload);
        PacketHeader header;
        CHECK(Decode(header, bytes) == bytes.size());
        REQUIRE(header.IsValid());
        CHECK(header.IsControl());
        CHECK(header.HasLength());
        CHECK(header.HasSequence());
        CHECK_FALSE(header.HasOffset());
        CHECK(header.GetVersion() == 2);
        CHECK(header.GetTunnelId() == m.tunnelId);
        CHECK(header.GetSessionId() == m.sessionId);
        CHECK(header.GetNs() == m.ns);
        CHECK(header.GetNr() == m.nr);
        CHECK(header.GetLength() == m.length);
        uint16_t type = 0;
        if (m.messageType < 0)
        {
            CHECK(header.IsZlb());
            CHECK_FALSE(header.GetMessageType(type));
        }
        else
        {
            CHECK_FALSE(header.IsZlb());
            REQUIRE(header.GetMessageType(type));
            CHECK(type == m.messageType);
        }
        std::vector<uint16_t> types;
        std::vector<int> mandatory;
        for (const Avp& avp : header.GetAvps())
        {
            CHECK(avp.GetVendorId() == 0);
            CHECK_FALSE(avp.IsHidden());
            CHECK(avp.GetReservedBits() == 0);
            types.push_back(avp.GetType());
            mandatory.push_back(avp.IsMandatory() ? 1 : 0);
        }
        CHECK(mandatory == m.mandatory);
        CHECK(types == m.avpTypes);
        // Re-encoding gives the captured octets back.
        CHECK(ToHex(Encode(header)) == ToHex(bytes));
    }
}

TEST_CASE("xl2tpd-tunnel-auth.pcap: AVP values", "[l2tp]")
{
    const PacketHeader sccrq = DecodeFrame(1);
    CHECK(AvpValue(sccrq, AVP_PROTOCOL_VERSION) == FromHex("0100")); // version 1, revision 0
    uint32_t caps = 0;
    REQUIRE(sccrq.FindAvp(AVP_FRAMING_CAPABILITIES)->GetUint32(caps));
    CHECK(caps == 3); // sync and async
    uint16_t u16 = 0;
    REQUIRE(sccrq.FindAvp(AVP_FIRMWARE_REVISION)->GetUint16(u16));
    CHECK(u16 == 0x0690);
    CHECK(sccrq.FindAvp(AVP_HOST_NAME)->GetString() == "vm");
    CHECK(sccrq.FindAvp(AVP_VENDOR_NAME)->GetString() == "xelerance.com");
    REQUIRE(sccrq.FindAvp(AVP_ASSIGNED_TUNNEL_ID)->GetUint16(u16));
    CHECK(u16 == 10804);
    REQUIRE(sccrq.FindAvp(AVP_RECEIVE_WINDOW_SIZE)->GetUint16(u16));
    CHECK(u16 == 4);
    CHECK(AvpValue(sccrq, AVP_CHALLENGE).size() == 16);

    const PacketHeader icrq = DecodeFrame(4);
    REQUIRE(icrq.FindAvp(AVP_ASSIGNED_SESSION_ID)->GetUint16(u16));
    CHECK(u16 == 21927);
    uint32_t serial = 0;
    REQUIRE(icrq.FindAvp(AVP_CALL_SERIAL_NUMBER)->GetUint32(serial));
    CHECK(serial == 1);

    // CDN (frame 10): result 1, error 0, no message (tshark: "loss of carrier").
    uint16_t result = 0;
    uint16_t error = 9;
    std::string message = "x";
    REQUIRE(DecodeFrame(10).FindAvp(AVP_RESULT_CODE)->GetResultCode(result, error, message));
    CHECK(result == 1);
    CHECK(error == 0);
    CHECK(message.empty());
    // StopCCN (frame 16): result 1, error 0, message "Goodbye!".
    REQUIRE(DecodeFrame(16).FindAvp(AVP_RESULT_CODE)->GetResultCode(result, error, message));
    CHECK(result == 1);
    CHECK(error == 0);
    CHECK(message == "Goodbye!");
}

TEST_CASE("xl2tpd-tunnel-auth.pcap: Challenge Responses reproduce from the secret", "[l2tp]")
{
    const std::string secret = "s3cr3t-tunnel";
    // The LAC's SCCRQ (frame 1) challenges; the LNS answers in its SCCRP
    // (frame 2) with ID 2 and challenges back; the LAC answers in the
    // SCCCN (frame 3) with ID 3 (RFC 2661 5.1.1).
    const PacketHeader sccrq = DecodeFrame(1);
    const PacketHeader sccrp = DecodeFrame(2);
    const PacketHeader scccn = DecodeFrame(3);
    const std::vector<uint8_t> lacChallenge = AvpValue(sccrq, AVP_CHALLENGE);
    const std::vector<uint8_t> lnsChallenge = AvpValue(sccrp, AVP_CHALLENGE);
    CHECK(ToHex(lacChallenge) == "cf80a10445663f07e869c0100e84a0f3");
    CHECK(ToHex(lnsChallenge) == "7a85abf18c25a402e9068d7ca03aad4d");

    CHECK(ToHex(ComputeChallengeResponse(SCCRP, secret, lacChallenge)) ==
          ToHex(AvpValue(sccrp, AVP_CHALLENGE_RESPONSE)));
    CHECK(ToHex(AvpValue(sccrp, AVP_CHALLENGE_RESPONSE)) == "688dad2c4a5c9db2145fe7ed72a0e457");
    CHECK(ToHex(ComputeChallengeResponse(SCCCN, secret, lnsChallenge)) ==
          ToHex(AvpValue(scccn, AVP_CHALLENGE_RESPONSE)));
    CHECK(ToHex(AvpValue(scccn, AVP_CHALLENGE_RESPONSE)) == "64d67456f0098b8765715cb12ccd6890");

    CHECK(VerifyChallengeResponse(
        SCCRP, secret, lacChallenge, AvpValue(sccrp, AVP_CHALLENGE_RESPONSE)));
    CHECK(VerifyChallengeResponse(
        SCCCN, secret, lnsChallenge, AvpValue(scccn, AVP_CHALLENGE_RESPONSE)));
    // Wrong secret, wrong ID, or a response to the other challenge fail.
    CHECK_FALSE(VerifyChallengeResponse(
        SCCRP, "s3cr3t-tunneL", lacChallenge, AvpValue(sccrp, AVP_CHALLENGE_RESPONSE)));
    CHECK_FALSE(VerifyChallengeResponse(
        SCCCN, secret, lacChallenge, AvpValue(sccrp, AVP_CHALLENGE_RESPONSE)));
    CHECK_FALSE(VerifyChallengeResponse(
        SCCRP, secret, lnsChallenge, AvpValue(sccrp, AVP_CHALLENGE_RESPONSE)));
    CHECK_FALSE(VerifyChallengeResponse(SCCRP, secret, lacChallenge, {1, 2, 3}));
}

TEST_CASE("packetnet l2tp.pcap: data message header with offset and priority", "[l2tp]")
{
    // ../shared/corpus/pcap/packetnet/l2tp.pcap frame 1, L2TP part of
    // `tshark -T fields -e udp.payload`: flags 0x0302 (T=0, O=1, P=1),
    // tunnel 18994, session 54110, offset 0, then PPP LCP Echo-Request.
    const std::vector<uint8_t> bytes = FromHex("03024a32d35e0000ff03c0210948000cc1343922e7e18ff6");
    PacketHeader header;
    CHECK(Decode(header, bytes) == 8);
    REQUIRE(header.IsValid());
    CHECK_FALSE(header.IsControl());
    CHECK_FALSE(header.HasLength());
    CHECK_FALSE(header.HasSequence());
    CHECK(header.HasOffset());
    CHECK(header.GetOffsetSize() == 0);
    CHECK(header.GetPriority());
    CHECK(header.GetTunnelId() == 18994);
    CHECK(header.GetSessionId() == 54110);
    CHECK(header.GetPayloadSize() == 16);
    CHECK(Encode(header) == std::vector<uint8_t>(bytes.begin(), bytes.begin() + 8));

    // As a receiver would: strip the header, the PPP frame remains.
    Ptr<Packet> packet = Create<Packet>(bytes.data(), bytes.size());
    PacketHeader viaPacket;
    packet->RemoveHeader(viaPacket);
    CHECK(viaPacket == header);
    CHECK(packet->GetSize() == 16);
}

TEST_CASE("l2tp-avp-overflow.pcap: every fuzzed frame is rejected", "[l2tp]")
{
    // ../shared/corpus/pcap/tcpdump/l2tp-avp-overflow.pcap: 20 frames of
    // 58 (or 8) captured octets. These are the octets after the Ethernet, IPv4
    // and UDP headers (frame offset 42; frames 7 and 13 are only 8 octets and
    // are fed whole). tshark shows frames 1-5, 8-11 and 14-20 as L2TP
    // "Control Message (tunnel id=560, session id=2056)" with bogus lengths.
    const std::vector<std::pair<int, const char*>> frames = {
        {1, "f00202020230080808080000ee230530"},
        {2, "f0020202023008080808000000303030"},
        {3, "f0020202023008080808000000230530"},
        {4, "f0020202023008080808000000230530"},
        {5, "f0020202023008080808000000230530"},
        {6, "302b000030111f517f0000e57f008001"},
        {7, "3030000186dd6e30"},
        {8, "f0020202023008080808000000303030"},
        {9, "f0020202023008080808000000230530"},
        {10, "f0020202023008080808000000230530"},
        {11, "f0020202023008080808000000230530"},
        {12, "302b000030111f517f0000e57f008001"},
        {13, "3030000186dd6e30"},
        {14, "f0020202023008080808000000303030"},
        {15, "f0020202023008080808000000230530"},
        {16, "f0020202023008080808000000230530"},
        {17, "f0020202023008080808000000230530"},
        {18, "f0020202023008080808000000303030"},
        {19, "f0020202023008080808000100230530"},
        {20, "f0020202023008080808008006a519e8"},
    };
    for (const auto& [frame, hex] : frames)
    {
        INFO("frame " << frame);
        const std::vector<uint8_t> bytes = FromHex(hex);
        PacketHeader header;
        CHECK(Decode(header, bytes) <= bytes.size());
        CHECK_FALSE(header.IsValid());
        Ptr<Packet> packet = Create<Packet>(bytes.data(), bytes.size());
        PacketHeader viaPacket;
        CHECK(packet->RemoveHeader(viaPacket) <= bytes.size());
        CHECK_FALSE(viaPacket.IsValid());
    }
    // Why: T=1 but S=0 (RFC 2661 3.1) in the 0xf002 frames, Ver 11 or 0 in
    // the others.
    PacketHeader header;
    Decode(header, FromHex(frames[0].second));
    CHECK(header.GetError() == PacketHeader::BAD_CONTROL_FLAGS);
    Decode(header, FromHex(frames[5].second));
    CHECK(header.GetError() == PacketHeader::BAD_VERSION);
    // With S forced on, the 0x0202 Length (514) still runs past the data.
    std::vector<uint8_t> withSequence = FromHex(frames[0].second);
    withSequence[0] |= 0x08;
    Decode(header, withSequence);
    CHECK(header.GetError() == PacketHeader::BAD_LENGTH);
}
