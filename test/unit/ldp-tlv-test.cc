// SPDX-License-Identifier: GPL-2.0-only
#include "codec-test-util.h"

#include "ns3/buffer.h"
#include "ns3/ldp-fec.h"
#include "ns3/ldp-parameter-tlvs.h"
#include "ns3/ldp-status.h"
#include "ns3/ldp-tlv.h"

#include <catch2/catch.hpp>

#include <sstream>

using namespace ns3;
using namespace ns3::ldp;
using ns3::codectest::FromHex;

namespace
{
std::vector<uint8_t>
TlvBytes(const std::vector<Tlv>& tlvs)
{
    Buffer buffer;
    buffer.AddAtStart(GetTlvListSize(tlvs));
    Buffer::Iterator i = buffer.Begin();
    SerializeTlvList(i, tlvs);
    std::vector<uint8_t> bytes(buffer.GetSize());
    buffer.CopyData(bytes.data(), bytes.size());
    return bytes;
}

uint32_t
ParseTlvs(const std::vector<uint8_t>& bytes, std::vector<Tlv>& out)
{
    Buffer buffer;
    buffer.AddAtStart(bytes.size());
    Buffer::Iterator w = buffer.Begin();
    w.Write(bytes.data(), bytes.size());
    Buffer::Iterator r = buffer.Begin();
    return DeserializeTlvList(r, bytes.size(), out);
}

/// Typed TLV -> generic TLV -> bytes -> generic TLV -> typed TLV.
template <typename T>
T
RoundTrip(const T& in)
{
    auto bytes = TlvBytes({in.ToTlv()});
    std::vector<Tlv> tlvs;
    REQUIRE(ParseTlvs(bytes, tlvs) == STATUS_SUCCESS);
    REQUIRE(tlvs.size() == 1);
    T out;
    CHECK(out.FromTlv(tlvs[0]) == STATUS_SUCCESS);
    return out;
}

/// Decodes one TLV of a typed kind from its wire bytes.
template <typename T>
uint32_t
DecodeTyped(const std::string& hex, T& out)
{
    std::vector<Tlv> tlvs;
    REQUIRE(ParseTlvs(FromHex(hex), tlvs) == STATUS_SUCCESS);
    REQUIRE(tlvs.size() == 1);
    return out.FromTlv(tlvs[0]);
}
} // namespace

TEST_CASE("LDP status codes follow RFC 5036 section 3.9", "[ldp]")
{
    CHECK(STATUS_SUCCESS == 0x00);
    CHECK(STATUS_BAD_LDP_IDENTIFIER == 0x01);
    CHECK(STATUS_BAD_MESSAGE_LENGTH == 0x05);
    CHECK(STATUS_SHUTDOWN == 0x0A);
    CHECK(STATUS_MISSING_MESSAGE_PARAMETERS == 0x16);
    CHECK(STATUS_INTERNAL_ERROR == 0x19);
    CHECK(IsFatalStatus(STATUS_SHUTDOWN));
    CHECK(IsFatalStatus(STATUS_BAD_TLV_LENGTH));
    CHECK(IsFatalStatus(STATUS_SESSION_REJECTED_NO_HELLO));
    CHECK_FALSE(IsFatalStatus(STATUS_SUCCESS));
    CHECK_FALSE(IsFatalStatus(STATUS_UNKNOWN_TLV));
    CHECK_FALSE(IsFatalStatus(STATUS_LOOP_DETECTED));
    CHECK_FALSE(IsFatalStatus(STATUS_UNSUPPORTED_ADDRESS_FAMILY));
    CHECK(StatusCodeName(STATUS_LOOP_DETECTED) == "Loop Detected");
    CHECK(StatusCodeName(0x1234) == "Status 0x00001234");
}

TEST_CASE("LDP generic TLV keeps U and F bits and unknown values", "[ldp]")
{
    Tlv vendor(0x3E01, {0x01, 0x02, 0x03}, true, true);
    CHECK(TlvBytes({vendor}) == FromHex("fe01 0003 010203"));
    Tlv plain(0x0701, {0x40, 0, 0, 0}, true, false);
    CHECK(TlvBytes({plain}) == FromHex("8701 0004 40000000"));

    std::vector<Tlv> out;
    REQUIRE(ParseTlvs(FromHex("fe01 0003 010203 8701 0004 40000000 4123 0000"), out) ==
            STATUS_SUCCESS);
    REQUIRE(out.size() == 3);
    CHECK(out[0] == vendor);
    CHECK(out[1] == plain);
    CHECK(out[2] == Tlv(0x0123, {}, false, true));
    CHECK(TlvTypeName(TLV_FEC) == "FEC");
    CHECK(TlvTypeName(0x0701) == "TLV 0x0701");
}

TEST_CASE("LDP TLV list flags a TLV overrunning its space", "[ldp]")
{
    std::vector<Tlv> out;
    SECTION("value longer than the data")
    {
        CHECK(ParseTlvs(FromHex("0103 0001 01 0200 0008 00000003"), out) == STATUS_BAD_TLV_LENGTH);
        REQUIRE(out.size() == 1); // the good TLV before it is kept
        CHECK(out[0].type == TLV_HOP_COUNT);
    }
    SECTION("header cut short")
    {
        CHECK(ParseTlvs(FromHex("0103 0001 01 0200"), out) == STATUS_BAD_TLV_LENGTH);
        CHECK(out.size() == 1);
    }
    SECTION("maximum length on a tiny buffer")
    {
        CHECK(ParseTlvs(FromHex("3030 ffff 3030"), out) == STATUS_BAD_TLV_LENGTH);
        CHECK(out.empty());
    }
}

TEST_CASE("LDP value reader never reads past the value", "[ldp]")
{
    std::vector<uint8_t> bytes{1, 2, 3};
    ValueReader r(bytes);
    CHECK(r.ReadU16() == 0x0102);
    CHECK(r.IsOk());
    CHECK(r.ReadU32() == 0);
    CHECK_FALSE(r.IsOk());
    CHECK(r.AtEnd());
    CHECK(r.ReadBytes(5).empty());
}

TEST_CASE("LDP typed TLVs round-trip", "[ldp]")
{
    CHECK(RoundTrip(GenericLabelTlv{1048575}) == GenericLabelTlv{1048575});
    CHECK(RoundTrip(HopCountTlv{7}) == HopCountTlv{7});
    PathVectorTlv pv{{Ipv4Address("10.0.0.1"), Ipv4Address("10.0.0.2")}};
    CHECK(RoundTrip(pv) == pv);
    CHECK(RoundTrip(LabelRequestMessageIdTlv{0xdeadbeef}) == LabelRequestMessageIdTlv{0xdeadbeef});
    AddressListTlv list;
    list.addresses = {Ipv4Address("192.0.2.1"), Ipv4Address("198.51.100.7")};
    CHECK(RoundTrip(list) == list);
    CommonHelloParamsTlv hello{45, true, true, 0x2000};
    CHECK(RoundTrip(hello) == hello);
    CHECK(RoundTrip(Ipv4TransportAddressTlv{Ipv4Address("10.9.8.7")}) ==
          Ipv4TransportAddressTlv{Ipv4Address("10.9.8.7")});
    CHECK(RoundTrip(ConfigSequenceNumberTlv{42}) == ConfigSequenceNumberTlv{42});
    CommonSessionParamsTlv session;
    session.keepAliveTime = 180;
    session.downstreamOnDemand = true;
    session.loopDetection = true;
    session.pathVectorLimit = 255;
    session.maxPduLength = 4096;
    session.receiverLsrId = Ipv4Address("10.0.0.9");
    session.receiverLabelSpace = 3;
    CHECK(RoundTrip(session) == session);
    StatusTlv status = StatusTlv::Make(STATUS_UNKNOWN_FEC, 77, 0x0400);
    status.forward = true;
    CHECK(RoundTrip(status) == status);
}

TEST_CASE("LDP typed TLVs decode fixed bytes from ldp-common-session.pcap", "[ldp]")
{
    // Values below are tshark's decode of the same bytes of
    // tcpdump/ldp-common-session.pcap.
    SECTION("Status TLV of frame 1: Shutdown, E=1, F=0, message ID 0, type 0")
    {
        StatusTlv s;
        REQUIRE(DecodeTyped("0300 000a 8000000a 00000000 0000", s) == STATUS_SUCCESS);
        CHECK(s.statusData == STATUS_SHUTDOWN);
        CHECK(s.fatal);
        CHECK_FALSE(s.forward);
        CHECK(s.messageId == 0);
        CHECK(s.messageType == 0);
        CHECK(StatusTlv::Make(STATUS_SHUTDOWN).ToTlv().value == FromHex("8000000a 00000000 0000"));
    }
    SECTION("Common Session Parameters of frame 8")
    {
        // tshark: version 1, KeepAlive 30, A=0 (Downstream Unsolicited),
        // D=1, PVLim 32, Max PDU 0, receiver 192.168.0.1 label space 0.
        CommonSessionParamsTlv p;
        REQUIRE(DecodeTyped("0500 000e 0001 001e 40 20 0000 c0a80001 0000", p) == STATUS_SUCCESS);
        CHECK(p.protocolVersion == 1);
        CHECK(p.keepAliveTime == 30);
        CHECK_FALSE(p.downstreamOnDemand);
        CHECK(p.loopDetection);
        CHECK(p.pathVectorLimit == 32);
        CHECK(p.maxPduLength == 0);
        CHECK(p.receiverLsrId == Ipv4Address("192.168.0.1"));
        CHECK(p.receiverLabelSpace == 0);
        CHECK(TlvBytes({p.ToTlv()}) == FromHex("0500 000e 0001 001e 40 20 0000 c0a80001 0000"));
    }
    SECTION("Hello TLVs of frame 3: hold 15, link Hello, transport 172.168.0.2")
    {
        CommonHelloParamsTlv h;
        REQUIRE(DecodeTyped("0400 0004 000f 0000", h) == STATUS_SUCCESS);
        CHECK(h.holdTime == 15);
        CHECK_FALSE(h.targeted);
        CHECK_FALSE(h.requestTargeted);
        Ipv4TransportAddressTlv t;
        REQUIRE(DecodeTyped("0401 0004 aca80002", t) == STATUS_SUCCESS);
        CHECK(t.address == Ipv4Address("172.168.0.2"));
    }
    SECTION("Label Mapping TLVs of frame 10: 192.168.0.2/32, label 3, hops 1")
    {
        FecTlv fec;
        REQUIRE(DecodeTyped("0100 0008 02 0001 20 c0a80002", fec) == STATUS_SUCCESS);
        REQUIRE(fec.elements.size() == 1);
        CHECK(fec.elements[0].type == FEC_PREFIX);
        CHECK(fec.elements[0].family == ADDRESS_FAMILY_IPV4);
        CHECK(fec.elements[0].GetIpv4Address() == Ipv4Address("192.168.0.2"));
        CHECK(fec.elements[0].GetPrefixLength() == 32);
        CHECK(TlvBytes({FecTlv(FecElement::Ipv4Prefix(Ipv4Address("192.168.0.2"), 32)).ToTlv()}) ==
              FromHex("0100 0008 02 0001 20 c0a80002"));
        GenericLabelTlv label;
        REQUIRE(DecodeTyped("0200 0004 00000003", label) == STATUS_SUCCESS);
        CHECK(label.label == 3);
        HopCountTlv hops;
        REQUIRE(DecodeTyped("0103 0001 01", hops) == STATUS_SUCCESS);
        CHECK(hops.count == 1);
        PathVectorTlv pv;
        REQUIRE(DecodeTyped("0104 0004 c0a80002", pv) == STATUS_SUCCESS);
        CHECK(pv.lsrIds == std::vector<Ipv4Address>{Ipv4Address("192.168.0.2")});
    }
}

TEST_CASE("LDP typed TLVs reject wrong types and lengths", "[ldp]")
{
    GenericLabelTlv label;
    CHECK(label.FromTlv(Tlv(TLV_HOP_COUNT, {1})) == STATUS_UNKNOWN_TLV);
    CHECK(label.FromTlv(Tlv(TLV_GENERIC_LABEL, {0, 0, 3})) == STATUS_BAD_TLV_LENGTH);
    CHECK(label.FromTlv(Tlv(TLV_GENERIC_LABEL, {0, 0x10, 0, 0})) == STATUS_MALFORMED_TLV_VALUE);
    StatusTlv status;
    CHECK(status.FromTlv(Tlv(TLV_STATUS, {0, 0, 0, 1})) == STATUS_BAD_TLV_LENGTH);
    CommonSessionParamsTlv session;
    CHECK(session.FromTlv(Tlv(TLV_COMMON_SESSION_PARAMS, std::vector<uint8_t>(13))) ==
          STATUS_BAD_TLV_LENGTH);
    PathVectorTlv pv;
    CHECK(pv.FromTlv(Tlv(TLV_PATH_VECTOR, {})) == STATUS_BAD_TLV_LENGTH);
    CHECK(pv.FromTlv(Tlv(TLV_PATH_VECTOR, {1, 2, 3, 4, 5})) == STATUS_BAD_TLV_LENGTH);
    AddressListTlv list;
    CHECK(list.FromTlv(Tlv(TLV_ADDRESS_LIST, {0})) == STATUS_BAD_TLV_LENGTH);
    CHECK(list.FromTlv(Tlv(TLV_ADDRESS_LIST, {0, 1, 10, 0, 0})) == STATUS_MALFORMED_TLV_VALUE);
}

TEST_CASE("LDP Address List keeps other families raw and reports them", "[ldp]")
{
    // Second Address message of frame 10, ldp-common-session.pcap: tshark
    // shows family IPv6 (2) with fe80::7850:c6ff:fec0:0, :1 and :3.
    AddressListTlv list;
    CHECK(DecodeTyped("0101 0032 0002"
                      "fe800000000000007850c6fffec00000"
                      "fe800000000000007850c6fffec00001"
                      "fe800000000000007850c6fffec00003",
                      list) == STATUS_UNSUPPORTED_ADDRESS_FAMILY);
    CHECK(list.family == ADDRESS_FAMILY_IPV6);
    CHECK(list.addresses.empty());
    CHECK(list.otherFamilyBytes.size() == 48);
    CHECK(list.ToTlv().value.size() == 50);
}

TEST_CASE("LDP FEC elements of every kind round-trip", "[ldp]")
{
    FecTlv fec;
    fec.elements.push_back(FecElement::Ipv4Prefix(Ipv4Address("10.1.2.3"), 24));
    fec.elements.push_back(FecElement::Ipv4Prefix(Ipv4Address("10.1.2.3"), 0));
    fec.elements.push_back(FecElement::Ipv4Prefix(Ipv4Address("172.16.0.0"), 12));
    fec.elements.push_back(FecElement::Ipv4Host(Ipv4Address("192.0.2.55")));
    CHECK(fec.elements[0].address == std::vector<uint8_t>{10, 1, 2});
    CHECK(fec.elements[0].GetIpv4Address() == Ipv4Address("10.1.2.0"));
    CHECK(fec.elements[0].GetIpv4Mask() == Ipv4Mask("255.255.255.0"));
    CHECK(fec.elements[1].address.empty());
    CHECK(fec.elements[1].GetIpv4Mask() == Ipv4Mask("0.0.0.0"));
    CHECK(fec.elements[3].GetIpv4Mask() == Ipv4Mask("255.255.255.255"));
    CHECK(fec.ToTlv().value == FromHex("02 0001 18 0a0102"
                                       "02 0001 00"
                                       "02 0001 0c ac10"
                                       "03 0001 04 c00002 37"));
    CHECK(RoundTrip(fec) == fec);
    CHECK(RoundTrip(FecTlv(FecElement::Wildcard())) == FecTlv(FecElement::Wildcard()));

    std::ostringstream os;
    os << fec;
    CHECK(os.str() == "FEC{10.1.2.0/24, 0.0.0.0/0, 172.16.0.0/12, host 192.0.2.55}");

    FecElement v6;
    v6.family = ADDRESS_FAMILY_IPV6;
    v6.length = 64;
    v6.address = {0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1};
    CHECK(RoundTrip(FecTlv(v6)) == FecTlv(v6));
}

TEST_CASE("LDP FEC TLV flags unknown and malformed elements", "[ldp]")
{
    FecTlv fec;
    CHECK(fec.FromTlv(Tlv(TLV_FEC, {})) == STATUS_MALFORMED_TLV_VALUE);
    // Typed Wildcard (RFC 5918) is not known here: Unknown FEC.
    CHECK(fec.FromTlv(Tlv(TLV_FEC, FromHex("05 0001"))) == STATUS_UNKNOWN_FEC);
    // A prefix element whose prefix bytes are missing.
    CHECK(fec.FromTlv(Tlv(TLV_FEC, FromHex("02 0001 20 c0a8"))) == STATUS_MALFORMED_TLV_VALUE);
    // IPv4 prefix longer than 32 bits.
    CHECK(fec.FromTlv(Tlv(TLV_FEC, FromHex("02 0001 28 c0a8000101"))) ==
          STATUS_MALFORMED_TLV_VALUE);
    // Host address of 3 octets for IPv4.
    CHECK(fec.FromTlv(Tlv(TLV_FEC, FromHex("03 0001 03 c0a800"))) == STATUS_MALFORMED_TLV_VALUE);
    // Wildcard together with another element.
    CHECK(fec.FromTlv(Tlv(TLV_FEC, FromHex("01 02 0001 08 0a"))) == STATUS_MALFORMED_TLV_VALUE);
    // Family 3 (NSAP) is kept but reported.
    CHECK(fec.FromTlv(Tlv(TLV_FEC, FromHex("02 0003 08 47"))) == STATUS_UNSUPPORTED_ADDRESS_FAMILY);
    REQUIRE(fec.elements.size() == 1);
    CHECK(fec.elements[0].family == 3);
}
