// SPDX-License-Identifier: GPL-2.0-only
// RADIUS wire format: RFC 2865 section 7 examples, the RFC4675 capture, round
// trips and malformed input.
#include "codec-test-util.h"

#include "ns3/packet.h"
#include "ns3/radius-attribute.h"
#include "ns3/radius-packet-header.h"

#include "radius-test-vectors.h"

#include <catch2/catch.hpp>
#include <sstream>

using namespace ns3;
using namespace ns3::radius;
using ns3::codectest::Decode;
using ns3::codectest::Encode;
using ns3::codectest::FromHex;

namespace
{

using namespace radiustest;


// ../shared/corpus/pcap/tcpdump/radius_rfc5447_invalid_length.pcap frame 1:
// an Access-Request whose Length field (57) exceeds the 56 octets captured.
const char* RFC5447_INVALID_LENGTH =
    "014f00395bec15a7f3ac1590f65629a9f979c34001076c757365727c0a00000600000000017d132020010d"
    "b8000000000000000000000000";

uint32_t
U32(const radius::Attribute* attribute)
{
    uint32_t value = 0;
    REQUIRE(attribute != nullptr);
    REQUIRE(attribute->GetUint32(value));
    return value;
}

} // namespace

TEST_CASE("RFC 2865 7.1 Access-Request decodes and re-encodes", "[radius]")
{
    const std::vector<uint8_t> bytes = FromHex(RFC2865_71_REQUEST);
    PacketHeader request;
    CHECK(Decode(request, bytes) == 56);
    REQUIRE(request.IsValid());
    CHECK(request.GetCode() == ACCESS_REQUEST);
    CHECK(request.GetIdentifier() == 0);
    CHECK(request.GetLength() == 56);
    REQUIRE(request.GetAttributes().size() == 4);
    CHECK(request.FindAttribute(USER_NAME)->GetString() == "nemo");
    CHECK(request.FindAttribute(USER_PASSWORD)->GetValue().size() == 16);
    Ipv4Address nas;
    REQUIRE(request.FindAttribute(NAS_IP_ADDRESS)->GetAddress(nas));
    CHECK(nas == Ipv4Address("192.168.1.16"));
    CHECK(U32(request.FindAttribute(NAS_PORT)) == 3);
    CHECK(request.FindAttribute(STATE) == nullptr);
    CHECK(Encode(request) == bytes);
    CHECK(request.ToBytes() == bytes);
}

TEST_CASE("RFC 2865 7.1 Access-Accept decodes and re-encodes", "[radius]")
{
    const std::vector<uint8_t> bytes = FromHex(RFC2865_71_ACCEPT);
    PacketHeader accept;
    CHECK(Decode(accept, bytes) == 38);
    REQUIRE(accept.IsValid());
    CHECK(accept.GetCode() == ACCESS_ACCEPT);
    CHECK(U32(accept.FindAttribute(SERVICE_TYPE)) == 1);  // Login
    CHECK(U32(accept.FindAttribute(LOGIN_SERVICE)) == 0); // Telnet
    Ipv4Address host;
    REQUIRE(accept.FindAttribute(LOGIN_IP_HOST)->GetAddress(host));
    CHECK(host == Ipv4Address("192.168.1.3"));
    CHECK(Encode(accept) == bytes);
}

TEST_CASE("RFC 2865 7.2 CHAP Access-Request and Access-Accept decode", "[radius]")
{
    const std::vector<uint8_t> requestBytes = FromHex(RFC2865_72_REQUEST);
    PacketHeader request;
    CHECK(Decode(request, requestBytes) == 71);
    REQUIRE(request.IsValid());
    CHECK(request.GetIdentifier() == 1);
    CHECK(request.FindAttribute(USER_NAME)->GetString() == "flopsy");
    REQUIRE(request.FindAttribute(CHAP_PASSWORD) != nullptr);
    CHECK(request.FindAttribute(CHAP_PASSWORD)->GetValue().size() == 17);
    CHECK(request.FindAttribute(CHAP_PASSWORD)->GetValue()[0] == 22); // CHAP ID
    CHECK(U32(request.FindAttribute(NAS_PORT)) == 20);
    CHECK(U32(request.FindAttribute(SERVICE_TYPE)) == 2);    // Framed
    CHECK(U32(request.FindAttribute(FRAMED_PROTOCOL)) == 1); // PPP
    CHECK(Encode(request) == requestBytes);

    const std::vector<uint8_t> acceptBytes = FromHex(RFC2865_72_ACCEPT);
    PacketHeader accept;
    CHECK(Decode(accept, acceptBytes) == 56);
    REQUIRE(accept.IsValid());
    CHECK(accept.GetIdentifier() == 1);
    Ipv4Address framed;
    REQUIRE(accept.FindAttribute(FRAMED_IP_ADDRESS)->GetAddress(framed));
    CHECK(framed == Ipv4Address("255.255.255.254"));
    CHECK(U32(accept.FindAttribute(FRAMED_ROUTING)) == 2);
    CHECK(U32(accept.FindAttribute(FRAMED_COMPRESSION)) == 1);
    CHECK(U32(accept.FindAttribute(FRAMED_MTU)) == 1500);
    CHECK(Encode(accept) == acceptBytes);
}

TEST_CASE("RADIUS-RFC4675.pcap: all six packets decode and re-encode", "[radius]")
{
    const uint8_t codes[6] = {1, 2, 1, 2, 1, 2};
    const uint8_t ids[6] = {70, 70, 181, 181, 90, 90};
    const char* users[3] = {"bob-tagged", "bob-untagged", "bob-invalid"};
    for (int f = 0; f < 6; ++f)
    {
        INFO("frame " << f + 1);
        const std::vector<uint8_t> bytes = FromHex(RFC4675_FRAME[f]);
        PacketHeader packet;
        CHECK(Decode(packet, bytes) == bytes.size());
        REQUIRE(packet.IsValid());
        CHECK(packet.GetCode() == codes[f]);
        CHECK(packet.GetIdentifier() == ids[f]);
        CHECK(packet.GetLength() == bytes.size());
        if (codes[f] == ACCESS_REQUEST)
        {
            CHECK(packet.FindAttribute(USER_NAME)->GetString() == users[f / 2]);
            CHECK(packet.CountAttributes(MESSAGE_AUTHENTICATOR) == 1);
            CHECK(U32(packet.FindAttribute(NAS_PORT)) == 1);
        }
        else
        {
            // RFC 4675 attributes: Egress-VLANID 56, Ingress-Filters 57,
            // Egress-VLAN-Name 58 (and User-Priority-Table 59 in frame 2).
            CHECK(packet.FindAttribute(56) != nullptr);
            CHECK(packet.FindAttribute(57) != nullptr);
            CHECK(packet.FindAttribute(58)->GetString().substr(1) == "vlanname");
        }
        CHECK(Encode(packet) == bytes);
    }
}

TEST_CASE("RADIUS packet round trip through an ns-3 Packet", "[radius]")
{
    PacketHeader out(ACCESS_CHALLENGE, 200);
    Authenticator auth;
    for (size_t k = 0; k < auth.size(); ++k)
    {
        auth[k] = static_cast<uint8_t>(k * 17);
    }
    out.SetAuthenticator(auth);
    out.AddAttribute(radius::Attribute::FromString(REPLY_MESSAGE, "Challenge 32769430."));
    out.AddAttribute(radius::Attribute::FromString(STATE, "32769430"));
    out.AddAttribute(radius::Attribute::FromString(NAS_IDENTIFIER, "vr-port-7"));
    out.AddAttribute(radius::Attribute(PROXY_STATE, {}));
    CHECK(out.GetLength() == 20 + 21 + 10 + 11 + 2);

    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(out);
    CHECK(packet->GetSize() == out.GetLength());
    PacketHeader in;
    CHECK(packet->RemoveHeader(in) == out.GetLength());
    CHECK(in.IsValid());
    CHECK(in == out);
    CHECK(packet->GetSize() == 0);
    std::ostringstream text;
    in.Print(text);
    CHECK(text.str().find("Access-Challenge") != std::string::npos);
    CHECK(text.str().find("State") != std::string::npos);
}

TEST_CASE("RADIUS attribute value helpers", "[radius]")
{
    radius::Attribute port = radius::Attribute::FromUint32(NAS_PORT, 0x01020304);
    CHECK(Encode(port) == FromHex("05 06 01 02 03 04"));
    radius::Attribute address =
        radius::Attribute::FromAddress(NAS_IP_ADDRESS, Ipv4Address("10.1.2.3"));
    CHECK(Encode(address) == FromHex("04 06 0a 01 02 03"));
    uint32_t value = 0;
    CHECK_FALSE(radius::Attribute::FromString(USER_NAME, "abc").GetUint32(value));
    // A value longer than 253 octets is cut so Length still fits one octet.
    radius::Attribute big(CLASS, std::vector<uint8_t>(300, 7));
    CHECK(big.GetValue().size() == radius::Attribute::MAX_VALUE_SIZE);
    CHECK(big.GetSerializedSize() == 255);
    radius::Attribute decoded;
    CHECK(Decode(decoded, Encode(big)) == 255);
    CHECK(decoded == big);
    CHECK(AttributeTypeName(MESSAGE_AUTHENTICATOR) == "Message-Authenticator");
    CHECK(AttributeTypeName(250) == "Unknown");
}

TEST_CASE("RADIUS packet padding past Length is ignored", "[radius]")
{
    std::vector<uint8_t> bytes = FromHex(RFC2865_71_ACCEPT);
    const std::vector<uint8_t> exact = bytes;
    bytes.insert(bytes.end(), {0xde, 0xad, 0xbe, 0xef});
    PacketHeader accept;
    CHECK(Decode(accept, bytes) == exact.size());
    CHECK(accept.IsValid());
    CHECK(Encode(accept) == exact);
}

TEST_CASE("RADIUS malformed packets are flagged, never asserted", "[radius]")
{
    const std::vector<uint8_t> good = FromHex(RFC2865_71_REQUEST);

    SECTION("every truncated prefix is rejected")
    {
        for (size_t n = 0; n < good.size(); ++n)
        {
            INFO("prefix of " << n << " octets");
            PacketHeader packet;
            const uint32_t used =
                Decode(packet, std::vector<uint8_t>(good.begin(), good.begin() + n));
            CHECK_FALSE(packet.IsValid());
            CHECK(used <= n);
            CHECK(packet.GetError() ==
                  (n < 20 ? PacketHeader::TRUNCATED : PacketHeader::LENGTH_EXCEEDS_DATA));
        }
    }
    SECTION("Length field below 20 or above 4096")
    {
        for (uint16_t length : {0, 19, 4097, 65535})
        {
            std::vector<uint8_t> bytes = good;
            bytes[2] = static_cast<uint8_t>(length >> 8);
            bytes[3] = static_cast<uint8_t>(length);
            PacketHeader packet;
            Decode(packet, bytes);
            CHECK(packet.GetError() == PacketHeader::BAD_LENGTH);
        }
    }
    SECTION("attribute length 0 or 1")
    {
        for (uint8_t length : {0, 1})
        {
            std::vector<uint8_t> bytes = good;
            bytes[21] = length; // User-Name's Length
            PacketHeader packet;
            CHECK(Decode(packet, bytes) <= bytes.size());
            CHECK(packet.GetError() == PacketHeader::BAD_ATTRIBUTE);
        }
    }
    SECTION("attribute overrunning the Length field")
    {
        std::vector<uint8_t> bytes = good;
        bytes[51] = 7; // NAS-Port claims 7 octets, 6 remain
        PacketHeader packet;
        Decode(packet, bytes);
        CHECK(packet.GetError() == PacketHeader::BAD_ATTRIBUTE);
        // Still bad when real octets follow: attributes end at Length.
        bytes.push_back(0);
        Decode(packet, bytes);
        CHECK(packet.GetError() == PacketHeader::BAD_ATTRIBUTE);
    }
    SECTION("radius_rfc5447_invalid_length.pcap frame 1")
    {
        const std::vector<uint8_t> bytes = FromHex(RFC5447_INVALID_LENGTH);
        REQUIRE(bytes.size() == 56);
        PacketHeader packet;
        CHECK(Decode(packet, bytes) <= bytes.size());
        CHECK_FALSE(packet.IsValid());
        CHECK(packet.GetError() == PacketHeader::LENGTH_EXCEEDS_DATA);
        // Through RemoveHeader too, as a socket receiver would.
        Ptr<Packet> p = Create<Packet>(bytes.data(), bytes.size());
        PacketHeader viaPacket;
        CHECK(p->RemoveHeader(viaPacket) <= bytes.size());
        CHECK_FALSE(viaPacket.IsValid());
    }
}
