// SPDX-License-Identifier: GPL-2.0-only
#include "codec-test-util.h"

#include "ns3/ldp-address-messages.h"
#include "ns3/ldp-label-messages.h"
#include "ns3/ldp-pdu-header.h"
#include "ns3/ldp-pdu.h"
#include "ns3/ldp-session-messages.h"
#include "ns3/ldp-status.h"
#include "ns3/packet.h"

#include <catch2/catch.hpp>

#include <random>
#include <sstream>

using namespace ns3;
using namespace ns3::ldp;
using ns3::codectest::Decode;
using ns3::codectest::Encode;
using ns3::codectest::FromHex;

namespace
{
/// Encodes a typed message, decodes it into a fresh object of the same
/// class and, separately, as a generic Message loaded into that class.
template <typename M>
void
CheckRoundTrip(const M& in)
{
    auto bytes = Encode(in);
    CHECK(bytes.size() == in.GetSerializedSize());

    M typed;
    CHECK(Decode(typed, bytes) == bytes.size());
    CHECK(typed.IsValid());
    CHECK(typed == in);
    CHECK(Encode(typed) == bytes);

    Message generic;
    CHECK(Decode(generic, bytes) == bytes.size());
    CHECK(generic.IsValid());
    CHECK(generic.GetType() == in.GetType());
    M loaded;
    CHECK(loaded.LoadFrom(generic));
    CHECK(loaded == in);
}

FecTlv
Prefix(const char* address, uint8_t length)
{
    return FecTlv(FecElement::Ipv4Prefix(Ipv4Address(address), length));
}

/// Decodes every PDU in `bytes`, as a receiver of a TCP segment would.
/// Fails the test if the loop does not make progress.
std::vector<Pdu>
DecodeStream(const std::vector<uint8_t>& bytes)
{
    std::vector<Pdu> pdus;
    Ptr<Packet> p = bytes.empty() ? Create<Packet>() : Create<Packet>(bytes.data(), bytes.size());
    while (p->GetSize() > 0)
    {
        uint32_t before = p->GetSize();
        Pdu pdu;
        uint32_t used = p->RemoveHeader(pdu);
        REQUIRE(used > 0);
        REQUIRE(p->GetSize() < before);
        pdus.push_back(pdu);
        if (!pdu.IsValid())
        {
            break;
        }
    }
    return pdus;
}
} // namespace

TEST_CASE("LDP message types and names follow RFC 5036", "[ldp]")
{
    CHECK(MSG_NOTIFICATION == 0x0001);
    CHECK(MSG_HELLO == 0x0100);
    CHECK(MSG_INITIALIZATION == 0x0200);
    CHECK(MSG_KEEPALIVE == 0x0201);
    CHECK(MSG_ADDRESS == 0x0300);
    CHECK(MSG_ADDRESS_WITHDRAW == 0x0301);
    CHECK(MSG_LABEL_MAPPING == 0x0400);
    CHECK(MSG_LABEL_REQUEST == 0x0401);
    CHECK(MSG_LABEL_WITHDRAW == 0x0402);
    CHECK(MSG_LABEL_RELEASE == 0x0403);
    CHECK(MSG_LABEL_ABORT_REQUEST == 0x0404);
    CHECK(IsKnownMessageType(MSG_LABEL_ABORT_REQUEST));
    CHECK_FALSE(IsKnownMessageType(0x0202));
    CHECK(MessageTypeName(MSG_LABEL_RELEASE) == "Label Release");
    CHECK(MessageTypeName(0x3e00) == "Message 0x3e00");
}

TEST_CASE("LDP PDU header round-trips and flags bad fields", "[ldp]")
{
    PduHeader in(Ipv4Address("192.168.0.2"), 7, 38);
    auto bytes = Encode(in);
    CHECK(bytes == FromHex("0001 0026 c0a80002 0007"));
    PduHeader out;
    CHECK(Decode(out, bytes) == PDU_HEADER_SIZE);
    CHECK(out.IsValid());
    CHECK(out == in);
    CHECK(out.GetTotalPduSize() == 42);

    CHECK(Decode(out, FromHex("0002 0026 c0a80002 0000")) == PDU_HEADER_SIZE);
    CHECK(out.GetStatus() == STATUS_BAD_PROTOCOL_VERSION);
    CHECK(Decode(out, FromHex("0001 0005 c0a80002 0000")) == PDU_HEADER_SIZE);
    CHECK(out.GetStatus() == STATUS_BAD_PDU_LENGTH);
    CHECK(Decode(out, FromHex("0001 0026 c0a8")) == 0);
    CHECK(out.GetStatus() == STATUS_BAD_PDU_LENGTH);
}

TEST_CASE("LDP session messages round-trip", "[ldp]")
{
    NotificationMessage notification(StatusTlv::Make(STATUS_LOOP_DETECTED, 15, MSG_LABEL_MAPPING),
                                     99);
    notification.AddOtherParameter(Tlv(TLV_EXTENDED_STATUS, {0, 0, 0, 9}));
    CheckRoundTrip(notification);

    HelloMessage hello;
    hello.SetMessageId(0x38);
    hello.SetHelloParams(CommonHelloParamsTlv{15, false, false, 0});
    hello.SetTransportAddress(Ipv4Address("172.168.0.2"));
    hello.SetConfigSequenceNumber(4);
    CheckRoundTrip(hello);
    hello.ClearTransportAddress();
    hello.ClearConfigSequenceNumber();
    CheckRoundTrip(hello);

    InitializationMessage init;
    init.SetMessageId(1);
    CommonSessionParamsTlv params;
    params.keepAliveTime = 30;
    params.loopDetection = true;
    params.pathVectorLimit = 32;
    params.receiverLsrId = Ipv4Address("192.168.0.1");
    init.SetSessionParams(params);
    CheckRoundTrip(init);

    KeepAliveMessage keepAlive;
    keepAlive.SetMessageId(2);
    CheckRoundTrip(keepAlive);
}

TEST_CASE("LDP address messages round-trip", "[ldp]")
{
    AddressMessage address;
    address.SetMessageId(3);
    address.SetAddresses({Ipv4Address("26.0.0.2"), Ipv4Address("12.0.0.2")});
    CheckRoundTrip(address);

    AddressWithdrawMessage withdraw;
    withdraw.SetMessageId(4);
    withdraw.SetAddresses({Ipv4Address("12.0.0.2")});
    CheckRoundTrip(withdraw);
    CHECK(Encode(withdraw)[1] == 0x01); // type 0x0301
}

TEST_CASE("LDP label messages round-trip", "[ldp]")
{
    LabelMappingMessage mapping;
    mapping.SetMessageId(5);
    mapping.SetFec(Prefix("192.168.0.2", 32));
    mapping.SetLabel(20065);
    CheckRoundTrip(mapping);
    mapping.SetLabelRequestId(77);
    mapping.SetHopCount(2);
    mapping.SetPathVector({Ipv4Address("192.168.0.1"), Ipv4Address("192.168.0.2")});
    CheckRoundTrip(mapping);

    LabelRequestMessage request;
    request.SetMessageId(77);
    request.SetFec(Prefix("10.0.0.0", 8));
    CheckRoundTrip(request);
    request.SetHopCount(1);
    request.SetPathVector({Ipv4Address("1.1.1.1")});
    CheckRoundTrip(request);

    LabelAbortRequestMessage abort;
    abort.SetMessageId(78);
    abort.SetFec(Prefix("10.0.0.0", 8));
    abort.SetLabelRequestId(77);
    CheckRoundTrip(abort);

    LabelWithdrawMessage withdraw;
    withdraw.SetMessageId(80);
    withdraw.SetFec(FecTlv(FecElement::Wildcard()));
    CheckRoundTrip(withdraw);
    withdraw.SetLabel(20066);
    CheckRoundTrip(withdraw);

    LabelReleaseMessage release;
    release.SetMessageId(81);
    release.SetFec(Prefix("192.168.4.2", 32));
    release.SetLabel(20066);
    release.AddOtherParameter(StatusTlv::Make(STATUS_LOOP_DETECTED, 19, MSG_LABEL_MAPPING).ToTlv());
    CheckRoundTrip(release);
    release.ClearLabel();
    CheckRoundTrip(release);
}

TEST_CASE("LDP PDU with several messages round-trips and matches captured bytes", "[ldp]")
{
    // tcpdump/ldp-common-session.pcap frame 9 (tshark: PDU length 14, LSR
    // 192.168.0.2:0, KeepAlive message ID 2).
    Pdu keepAlivePdu(Ipv4Address("192.168.0.2"), 0);
    KeepAliveMessage keepAlive;
    keepAlive.SetMessageId(2);
    keepAlivePdu.AddMessage(keepAlive);
    CHECK(Encode(keepAlivePdu) == FromHex("0001 000e c0a80002 0000 0201 0004 00000002"));

    // Frame 1 (tshark: Notification ID 0xfffffff9, Status Shutdown, E=1).
    Pdu notificationPdu(Ipv4Address("192.168.0.2"), 0);
    notificationPdu.AddMessage(NotificationMessage(StatusTlv::Make(STATUS_SHUTDOWN), 0xfffffff9));
    CHECK(Encode(notificationPdu) ==
          FromHex("0001 001c c0a80002 0000 0001 0012 fffffff9 0300 000a 8000000a 00000000 0000"));

    Pdu pdu(Ipv4Address("10.0.0.1"), 0);
    LabelMappingMessage mapping;
    mapping.SetMessageId(10);
    mapping.SetFec(Prefix("10.1.0.0", 16));
    mapping.SetLabel(100);
    pdu.AddMessage(mapping);
    pdu.AddMessage(keepAlive);
    Message vendor(0x3e05, 11); // vendor-private, unknown here
    vendor.SetUnknownBit(true);
    vendor.AddOtherParameter(Tlv(0x3e10, {1, 2}, true, true));
    pdu.AddMessage(vendor);
    auto bytes = Encode(pdu);
    CHECK(bytes.size() == pdu.GetSerializedSize());
    CHECK(pdu.GetHeader().GetPduLength() == bytes.size() - 4);

    Pdu out;
    CHECK(Decode(out, bytes) == bytes.size());
    REQUIRE(out.IsValid());
    CHECK(out == pdu);
    REQUIRE(out.GetNMessages() == 3);
    LabelMappingMessage typed;
    REQUIRE(typed.LoadFrom(out.GetMessages()[0]));
    CHECK(typed.GetLabel() == 100);
    CHECK(typed.GetFec().elements[0].GetIpv4Address() == Ipv4Address("10.1.0.0"));
    const Message& unknown = out.GetMessages()[2];
    CHECK_FALSE(IsKnownMessageType(unknown.GetType()));
    CHECK(unknown.GetUnknownBit());
    REQUIRE(unknown.GetOtherParameters().size() == 1);
    CHECK(unknown.GetOtherParameters()[0] == Tlv(0x3e10, {1, 2}, true, true));
    CHECK(Encode(out) == bytes);
}

TEST_CASE("LDP typed messages keep unknown TLVs with their U/F bits", "[ldp]")
{
    // Hello of tcpdump/ldp-common-session.pcap frame 3; tshark shows a
    // Dual-Stack capability TLV 0x0701 with U=1, F=0 and value 40000000.
    auto bytes = FromHex("0100 001c 00000038 0400 0004 000f 0000 0401 0004 aca80002"
                         "8701 0004 40000000");
    HelloMessage hello;
    CHECK(Decode(hello, bytes) == bytes.size());
    REQUIRE(hello.IsValid());
    REQUIRE(hello.GetOtherParameters().size() == 1);
    const Tlv& dual = hello.GetOtherParameters()[0];
    CHECK(dual.type == 0x0701);
    CHECK(dual.uBit);
    CHECK_FALSE(dual.fBit);
    CHECK(dual.value == FromHex("40000000"));
    CHECK(Encode(hello) == bytes);
    std::ostringstream os;
    hello.Print(os);
    CHECK(os.str().find("TLV 0x0701(u=1 f=0 len=4 40000000)") != std::string::npos);
}

TEST_CASE("LDP typed messages report missing parameters and wrong types", "[ldp]")
{
    // A message of the given type with only its Message ID.
    auto onlyId = [](uint16_t type) {
        return std::vector<uint8_t>{uint8_t(type >> 8), uint8_t(type), 0, 4, 0, 0, 0, 1};
    };
    NotificationMessage notification;
    Decode(notification, onlyId(MSG_NOTIFICATION));
    CHECK(notification.GetStatus() == STATUS_MISSING_MESSAGE_PARAMETERS);
    HelloMessage hello;
    Decode(hello, onlyId(MSG_HELLO));
    CHECK(hello.GetStatus() == STATUS_MISSING_MESSAGE_PARAMETERS);
    InitializationMessage init;
    Decode(init, onlyId(MSG_INITIALIZATION));
    CHECK(init.GetStatus() == STATUS_MISSING_MESSAGE_PARAMETERS);
    KeepAliveMessage keepAlive;
    Decode(keepAlive, onlyId(MSG_KEEPALIVE));
    CHECK(keepAlive.IsValid());
    AddressMessage address;
    Decode(address, onlyId(MSG_ADDRESS));
    CHECK(address.GetStatus() == STATUS_MISSING_MESSAGE_PARAMETERS);
    LabelReleaseMessage release;
    Decode(release, onlyId(MSG_LABEL_RELEASE));
    CHECK(release.GetStatus() == STATUS_MISSING_MESSAGE_PARAMETERS);

    // FEC but no label: a Label Mapping needs both (section 3.5.7).
    LabelMappingMessage mapping;
    Decode(mapping, FromHex("0400 0010 00000005 0100 0008 02 0001 20 c0a80002"));
    CHECK(mapping.GetStatus() == STATUS_MISSING_MESSAGE_PARAMETERS);
    // FEC but no Label Request Message ID in an abort (section 3.5.9).
    LabelAbortRequestMessage abort;
    Decode(abort, FromHex("0404 0010 00000005 0100 0008 02 0001 20 c0a80002"));
    CHECK(abort.GetStatus() == STATUS_MISSING_MESSAGE_PARAMETERS);

    // A Label Request decoder given a KeepAlive.
    LabelRequestMessage request;
    request.SetHopCount(3);
    CHECK(Decode(request, FromHex("0201 0008 00000002 3e01 0000")) == 12);
    CHECK(request.GetStatus() == STATUS_UNKNOWN_MESSAGE_TYPE);
    CHECK(request.GetType() == MSG_KEEPALIVE);
    CHECK_FALSE(request.HasHopCount());
    CHECK(request.GetOtherParameters().size() == 1);
    KeepAliveMessage generic;
    Decode(generic, FromHex("0201 0004 00000002"));
    CHECK_FALSE(request.LoadFrom(generic));

    // A framing error clears what an earlier decode left in the object.
    HelloMessage reused;
    reused.SetTransportAddress(Ipv4Address("10.0.0.1"));
    reused.AddOtherParameter(Tlv(0x3e00, {}));
    Decode(reused, FromHex("0100 0000 00000001"));
    CHECK(reused.GetStatus() == STATUS_BAD_MESSAGE_LENGTH);
    CHECK(reused.HasFramingError());
    CHECK_FALSE(reused.HasTransportAddress());
    CHECK(reused.GetOtherParameters().empty());
}

TEST_CASE("LDP malformed lengths are flagged and decoding ends", "[ldp]")
{
    SECTION("message length 0 inside a consistent PDU")
    {
        auto pdus = DecodeStream(FromHex("0001 000e c0a80002 0000 0201 0000 00000002"));
        REQUIRE(pdus.size() == 1);
        CHECK(pdus[0].GetStatus() == STATUS_BAD_MESSAGE_LENGTH);
        REQUIRE(pdus[0].GetNMessages() == 1);
        CHECK(pdus[0].GetMessages()[0].HasFramingError());
    }
    SECTION("message length beyond the PDU")
    {
        auto pdus = DecodeStream(FromHex("0001 000e c0a80002 0000 0201 0040 00000002"));
        REQUIRE(pdus.size() == 1);
        CHECK(pdus[0].GetStatus() == STATUS_BAD_MESSAGE_LENGTH);
    }
    SECTION("stray bytes after the last message")
    {
        auto pdus = DecodeStream(FromHex("0001 0010 c0a80002 0000 0201 0004 00000002 0201"));
        REQUIRE(pdus.size() == 1);
        CHECK(pdus[0].GetStatus() == STATUS_BAD_MESSAGE_LENGTH);
        CHECK(pdus[0].GetNMessages() == 2);
        CHECK(pdus[0].GetMessages()[0].IsValid());
    }
    SECTION("TLV overrunning its message; the next message is still read")
    {
        auto pdus = DecodeStream(FromHex("0001 001e c0a80002 0000"
                                         "0100 000c 00000001 0400 0008 000f 0000"
                                         "0201 0004 00000002"));
        REQUIRE(pdus.size() == 1);
        CHECK(pdus[0].GetStatus() == STATUS_BAD_TLV_LENGTH);
        REQUIRE(pdus[0].GetNMessages() == 2);
        CHECK(pdus[0].GetMessages()[0].GetStatus() == STATUS_BAD_TLV_LENGTH);
        CHECK_FALSE(pdus[0].GetMessages()[0].HasFramingError());
        CHECK(pdus[0].GetMessages()[1].IsValid());
    }
    SECTION("PDU length beyond the data")
    {
        auto pdus = DecodeStream(FromHex("0001 0100 c0a80002 0000 0201 0004 00000002"));
        REQUIRE(pdus.size() == 1);
        CHECK(pdus[0].GetStatus() == STATUS_BAD_PDU_LENGTH);
        CHECK(pdus[0].GetNMessages() == 0);
    }
    SECTION("wrong version")
    {
        auto pdus = DecodeStream(FromHex("0004 000e c0a80002 0000 0201 0004 00000002"));
        REQUIRE(pdus.size() == 1);
        CHECK(pdus[0].GetStatus() == STATUS_BAD_PROTOCOL_VERSION);
    }
    SECTION("two PDUs back to back, as in one TCP segment")
    {
        auto one = FromHex("0001 000e c0a80002 0000 0201 0004 00000002");
        auto two = one;
        two.insert(two.end(), one.begin(), one.end());
        auto pdus = DecodeStream(two);
        REQUIRE(pdus.size() == 2);
        CHECK(pdus[0].IsValid());
        CHECK(pdus[1].IsValid());
    }
}

TEST_CASE("LDP decoding survives mutated and truncated PDUs", "[ldp]")
{
    Pdu pdu(Ipv4Address("10.0.0.1"), 0);
    HelloMessage hello;
    hello.SetHelloParams(CommonHelloParamsTlv{15, false, false, 0});
    hello.SetTransportAddress(Ipv4Address("10.0.0.1"));
    pdu.AddMessage(hello);
    LabelMappingMessage mapping;
    mapping.SetFec(FecTlv(FecElement::Ipv4Prefix(Ipv4Address("10.2.0.0"), 16)));
    mapping.SetLabel(1000);
    mapping.SetPathVector({Ipv4Address("10.0.0.1")});
    pdu.AddMessage(mapping);
    AddressMessage address;
    address.SetAddresses({Ipv4Address("10.0.0.1")});
    pdu.AddMessage(address);
    const auto valid = Encode(pdu);

    std::mt19937 rng(5036);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<std::size_t> pos(0, valid.size() - 1);
    for (int round = 0; round < 3000; ++round)
    {
        auto data = valid;
        int flips = 1 + round % 4;
        for (int k = 0; k < flips; ++k)
        {
            data[pos(rng)] = byte(rng);
        }
        if (round % 3 == 0)
        {
            data.resize(pos(rng));
        }
        auto pdus = DecodeStream(data);
        CHECK(pdus.size() <= data.size() / PDU_HEADER_SIZE + 1);
        for (const auto& decoded : pdus)
        {
            for (const auto& m : decoded.GetMessages())
            {
                // Typed views must cope with whatever the generic decode kept.
                LabelMappingMessage typed;
                typed.LoadFrom(m);
                std::ostringstream os;
                os << typed << decoded;
            }
        }
    }
}
