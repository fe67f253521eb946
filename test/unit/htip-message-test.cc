// SPDX-License-Identifier: GPL-2.0-only
//
// htip::MessageHeader (doc/htip-wire.md, model/htip/htip-message.h): the
// five message types of seed 004 against octets laid out by hand from the
// documented format, field by field; round trips; every error cause on a
// crafted input, in the documented order; every cut of each message flagged
// without reading past its end; unknown TLVs skipped and counted.
#include "codec-test-util.h"

#include "ns3/buffer.h"
#include "ns3/htip-message.h"
#include "ns3/packet.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdio>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

using namespace ns3;
using namespace ns3::htip;
using ns3::codectest::Decode;
using ns3::codectest::Encode;
using ns3::codectest::FromHex;

namespace
{

// The five messages, written by hand from the layout in htip-message.h. A
// prefix is 4 octets of network and 1 of length: 10.0.0.0/24 is 0a000000 18.

// Case 2 of the seed (identical prefixes), REQUEST of [0121]/[0138]: A's
// prefix 10.0.0.0/24, candidates 10.0.0.0/24, 10.0.1.0/24, 10.0.2.0/24.
const std::string requestHex = "01"                // Version 1
                               "01"                // Type 1, REQUEST
                               "0035"              // Length 53 = 12 + 3 + 7 + 17 + 14
                               "00000001"          // Negotiation ID 1
                               "0001"              // Round 1
                               "0000"              // Reserved
                               "01 01 01"          // VPN protocol, 1 octet: L2TP
                               "02 05 0a000000 18" // requester prefix 10.0.0.0/24
                               "03 0f 0a000000 18" // requester candidates, 15 octets
                               "      0a000100 18" //   10.0.1.0/24
                               "      0a000200 18" //   10.0.2.0/24
                               "08 0c 67772d61 2e6578616d706c65"; // name "gw-a.example"

// RESPONSE of [0139] (candidates as [0092] lists them): B's prefix
// 10.0.0.0/24, B's candidates 10.0.2.0/24, 10.0.3.0/24, 10.0.4.0/24, A's
// prefix 10.0.0.0/24, A's tunnel prefix 10.0.1.0/24.
const std::string responseHex = "01 02 0035"         // RESPONSE, Length 53 = 12+3+7+7+17+7
                                "00000001 0001 0000" // ID 1 echoed, round 1, Reserved
                                "01 01 01"           // VPN protocol L2TP
                                "02 05 0a000000 18"  // requester prefix 10.0.0.0/24
                                "04 05 0a000000 18"  // responder prefix 10.0.0.0/24
                                "05 0f 0a000200 18"  // responder candidates: 10.0.2.0/24
                                "      0a000300 18"  //   10.0.3.0/24
                                "      0a000400 18"  //   10.0.4.0/24
                                "06 05 0a000100 18"; // requester tunnel 10.0.1.0/24

// ACK of [0140] and READY of [0143]: both prefixes 10.0.0.0/24, A in the
// tunnel 10.0.1.0/24, B in the tunnel 10.0.2.0/24.
const std::string ackBody = "01 01 01"           // VPN protocol L2TP
                            "02 05 0a000000 18"  // requester prefix 10.0.0.0/24
                            "04 05 0a000000 18"  // responder prefix 10.0.0.0/24
                            "06 05 0a000100 18"  // requester tunnel 10.0.1.0/24
                            "07 05 0a000200 18"; // responder tunnel 10.0.2.0/24
const std::string ackHex = "01 03 002b 00000001 0001 0000" + ackBody;   // ACK, 43 = 12+3+28
const std::string readyHex = "01 04 002b 00000001 0001 0000" + ackBody; // READY, 43

// NAK of [0156] (case 3, nested): B (10.0.0.0/16) refuses A's candidates
// 10.0.0.0/24, 10.0.1.0/24, 10.0.2.0/24, all inside its prefix; cause 1.
const std::string nakHex = "01 05 002a"         // NAK, Length 42 = 12 + 3 + 17 + 7 + 3
                           "0000002a 0001 0000" // ID 42, round 1, Reserved
                           "01 01 01"           // VPN protocol L2TP
                           "03 0f 0a000000 18"  // requester candidates 10.0.0.0/24
                           "      0a000100 18"  //   10.0.1.0/24
                           "      0a000200 18"  //   10.0.2.0/24
                           "04 05 0a000000 10"  // responder prefix 10.0.0.0/16
                           "09 01 01";          // NAK cause 1, inside the peer's prefix

Prefix
P(const char* text)
{
    const auto p = Prefix::Parse(text);
    REQUIRE(p);
    return *p;
}

MessageHeader
Request()
{
    MessageHeader h; // REQUEST, L2TP
    h.SetNegotiationId(1);
    h.SetRound(1);
    h.SetRequesterPrefix(P("10.0.0.0/24"));
    h.SetRequesterCandidates({P("10.0.0.0/24"), P("10.0.1.0/24"), P("10.0.2.0/24")});
    h.SetGatewayName("gw-a.example");
    return h;
}

MessageHeader
Response()
{
    MessageHeader h;
    h.SetType(RESPONSE);
    h.SetNegotiationId(1);
    h.SetVpnProtocol(VPN_L2TP);
    h.SetRequesterPrefix(P("10.0.0.0/24"));
    h.SetResponderPrefix(P("10.0.0.0/24"));
    h.SetResponderCandidates({P("10.0.2.0/24"), P("10.0.3.0/24"), P("10.0.4.0/24")});
    h.SetRequesterTunnel(P("10.0.1.0/24"));
    return h;
}

MessageHeader
AckOrReady(uint8_t type)
{
    MessageHeader h;
    h.SetType(type);
    h.SetNegotiationId(1);
    h.SetRequesterPrefix(P("10.0.0.0/24"));
    h.SetResponderPrefix(P("10.0.0.0/24"));
    h.SetRequesterTunnel(P("10.0.1.0/24"));
    h.SetResponderTunnel(P("10.0.2.0/24"));
    return h;
}

MessageHeader
Nak()
{
    MessageHeader h;
    h.SetType(NAK);
    h.SetNegotiationId(42);
    h.SetRequesterCandidates({P("10.0.0.0/24"), P("10.0.1.0/24"), P("10.0.2.0/24")});
    h.SetResponderPrefix(P("10.0.0.0/16"));
    h.SetNakCause(NakCause::INSIDE_PEER_PREFIX);
    return h;
}

MessageHeader
Decoded(const std::string& hex)
{
    MessageHeader h;
    Decode(h, FromHex(hex));
    return h;
}

MessageHeader::Error
ErrorOf(const std::string& hex)
{
    return Decoded(hex).GetError();
}

std::string
Printed(const MessageHeader& h)
{
    std::ostringstream os;
    h.Print(os);
    return os.str();
}

/// Decodes the first n octets of `bytes` with the end bounded at n, the
/// rest left behind it as guard octets; returns the octets consumed.
uint32_t
DecodeBounded(MessageHeader& h, const std::vector<uint8_t>& bytes, uint32_t n)
{
    Buffer buffer;
    buffer.AddAtStart(bytes.size());
    buffer.Begin().Write(bytes.data(), bytes.size());
    Buffer::Iterator end = buffer.Begin();
    end.Next(n);
    return h.Deserialize(buffer.Begin(), end);
}

} // namespace

TEST_CASE("HTIP constants and names", "[htip]")
{
    CHECK(HTIP_PORT == 5402);
    CHECK(HTIP_VERSION == 1);
    CHECK(+REQUEST == 1);
    CHECK(+RESPONSE == 2);
    CHECK(+ACK == 3);
    CHECK(+READY == 4);
    CHECK(+NAK == 5);
    CHECK(+TLV_VPN_PROTOCOL == 1);
    CHECK(+TLV_IN_USE == 10);
    CHECK(TypeName(REQUEST) == "REQUEST");
    CHECK(TypeName(RESPONSE) == "RESPONSE");
    CHECK(TypeName(ACK) == "ACK");
    CHECK(TypeName(READY) == "READY");
    CHECK(TypeName(NAK) == "NAK");
    CHECK(TypeName(0) == "TYPE 0");
    CHECK(TypeName(6) == "TYPE 6");
    CHECK(MessageHeader::ErrorName(MessageHeader::OK) == "OK");
    CHECK(MessageHeader::ErrorName(MessageHeader::BAD_RESERVED) == "BAD_RESERVED");
    CHECK(MessageHeader::ErrorName(MessageHeader::MISSING_FIELD) == "MISSING_FIELD");
    CHECK(MessageHeader::GetTypeId().GetName() == "ns3::htip::MessageHeader");
    CHECK(MessageHeader::MAX_LIST == 51);
}

TEST_CASE("HTIP default message", "[htip]")
{
    const MessageHeader h;
    CHECK(h.GetType() == REQUEST);
    CHECK(h.GetVersion() == 1);
    CHECK(h.GetNegotiationId() == 0);
    CHECK(h.GetRound() == 1);
    CHECK(h.GetVpnProtocol() == std::optional<uint8_t>(VPN_L2TP));
    CHECK_FALSE(h.GetRequesterPrefix());
    CHECK_FALSE(h.HasRequesterCandidates());
    CHECK(h.GetRequesterCandidates().empty());
    CHECK_FALSE(h.HasInUse());
    CHECK_FALSE(h.GetGatewayName());
    CHECK_FALSE(h.GetNakCause());
    CHECK(h.IsValid());
    // 12 fixed octets and the VPN protocol TLV.
    CHECK(Encode(h) == FromHex("01 01 000f 00000000 0001 0000 01 01 01"));
}

TEST_CASE("HTIP REQUEST against hand-laid octets", "[htip]")
{
    const MessageHeader h = Request();
    CHECK(h.GetSerializedSize() == 53);
    CHECK(Encode(h) == FromHex(requestHex));

    MessageHeader d;
    CHECK(Decode(d, FromHex(requestHex)) == 53);
    CHECK(d.IsValid());
    CHECK(d.GetType() == REQUEST);
    CHECK(d.GetNegotiationId() == 1);
    CHECK(d.GetRound() == 1);
    CHECK(d.GetVpnProtocol() == std::optional<uint8_t>(1));
    CHECK(d.GetRequesterPrefix() == P("10.0.0.0/24"));
    CHECK(d.GetRequesterCandidates() ==
          std::vector<Prefix>{P("10.0.0.0/24"), P("10.0.1.0/24"), P("10.0.2.0/24")});
    CHECK(d.GetGatewayName() == std::string("gw-a.example"));
    CHECK_FALSE(d.GetResponderPrefix());
    CHECK_FALSE(d.HasResponderCandidates());
    CHECK(d.GetUnknownTlvCount() == 0);
    CHECK(d == h);
    // The example of htip-message.h.
    CHECK(Printed(d) == "REQUEST id=0x1 round=1 proto=L2TP a=10.0.0.0/24 "
                        "a-cand=10.0.0.0/24,10.0.1.0/24,10.0.2.0/24 name=gw-a.example");
}

TEST_CASE("HTIP RESPONSE against hand-laid octets", "[htip]")
{
    const MessageHeader h = Response();
    CHECK(Encode(h) == FromHex(responseHex));
    MessageHeader d;
    CHECK(Decode(d, FromHex(responseHex)) == 53);
    CHECK(d.IsValid());
    CHECK(d.GetType() == RESPONSE);
    CHECK(d.GetResponderPrefix() == P("10.0.0.0/24"));
    CHECK(d.GetResponderCandidates() ==
          std::vector<Prefix>{P("10.0.2.0/24"), P("10.0.3.0/24"), P("10.0.4.0/24")});
    CHECK(d.GetRequesterPrefix() == P("10.0.0.0/24"));
    CHECK(d.GetRequesterTunnel() == P("10.0.1.0/24"));
    CHECK_FALSE(d.GetResponderTunnel());
    CHECK(d == h);
    CHECK(Printed(d) == "RESPONSE id=0x1 round=1 proto=L2TP a=10.0.0.0/24 b=10.0.0.0/24 "
                        "b-cand=10.0.2.0/24,10.0.3.0/24,10.0.4.0/24 a-tun=10.0.1.0/24");
}

TEST_CASE("HTIP ACK and READY against hand-laid octets", "[htip]")
{
    for (const auto& [type, hex, name] : {std::make_tuple(uint8_t(ACK), ackHex, "ACK"),
                                          std::make_tuple(uint8_t(READY), readyHex, "READY")})
    {
        CAPTURE(name);
        const MessageHeader h = AckOrReady(type);
        CHECK(h.GetSerializedSize() == 43);
        CHECK(Encode(h) == FromHex(hex));
        MessageHeader d;
        CHECK(Decode(d, FromHex(hex)) == 43);
        CHECK(d.IsValid());
        CHECK(d.GetType() == type);
        CHECK(d.GetRequesterPrefix() == P("10.0.0.0/24"));
        CHECK(d.GetResponderPrefix() == P("10.0.0.0/24"));
        CHECK(d.GetRequesterTunnel() == P("10.0.1.0/24"));
        CHECK(d.GetResponderTunnel() == P("10.0.2.0/24"));
        CHECK(d == h);
        CHECK(Printed(d) == std::string(name) +
                                " id=0x1 round=1 proto=L2TP a=10.0.0.0/24 b=10.0.0.0/24 "
                                "a-tun=10.0.1.0/24 b-tun=10.0.2.0/24");
    }
}

TEST_CASE("HTIP NAK against hand-laid octets", "[htip]")
{
    const MessageHeader h = Nak();
    CHECK(Encode(h) == FromHex(nakHex));
    MessageHeader d;
    CHECK(Decode(d, FromHex(nakHex)) == 42);
    CHECK(d.IsValid());
    CHECK(d.GetType() == NAK);
    CHECK(d.GetNegotiationId() == 42);
    CHECK(d.GetNakCause() == NakCause::INSIDE_PEER_PREFIX);
    CHECK(d.GetResponderPrefix() == P("10.0.0.0/16"));
    CHECK(d.GetRequesterCandidates().size() == 3);
    CHECK_FALSE(d.HasInUse());
    CHECK(d == h);
    CHECK(Printed(d) == "NAK id=0x2a round=1 proto=L2TP a-cand=10.0.0.0/24,10.0.1.0/24,"
                        "10.0.2.0/24 b=10.0.0.0/16 cause=1");

    SECTION("A refusing a RESPONSE, with an empty and a full in-use list")
    {
        // No VPN protocol (a NAK needs none), round 3; in-use written empty.
        const std::string good = "01 05 001f"         // NAK, Length 31 = 12 + 7 + 7 + 3 + 2
                                 "00000007 0003 0000" // ID 7, round 3, Reserved
                                 "02 05 0a000000 18"  // requester prefix 10.0.0.0/24
                                 "05 05 0a000000 18"  // responder candidates 10.0.0.0/24
                                 "09 01 02"           // cause 2, in use
                                 "0a 00";             // in-use list, empty
        MessageHeader n;
        CHECK(Decode(n, FromHex(good)) == 31);
        REQUIRE(n.IsValid());
        CHECK_FALSE(n.GetVpnProtocol());
        CHECK(n.GetRound() == 3);
        CHECK(n.HasInUse());
        CHECK(n.GetInUse().empty());
        CHECK(n.GetNakCause() == NakCause::IN_USE);
        CHECK(Printed(n) == "NAK id=0x7 round=3 a=10.0.0.0/24 b-cand=10.0.0.0/24 cause=2 "
                            "in-use=none");
        // Encoded again: same octets.
        CHECK(Encode(n) == FromHex(good));

        MessageHeader full = Nak();
        full.SetInUse({P("10.1.0.0/16"), P("192.168.0.0/24")});
        const std::vector<uint8_t> bytes = Encode(full);
        // 42 + the in-use TLV: 2 + 10.
        REQUIRE(bytes.size() == 54);
        CHECK(std::vector<uint8_t>(bytes.end() - 12, bytes.end()) ==
              FromHex("0a 0a 0a010000 10 c0a80000 18"));
        MessageHeader back;
        Decode(back, bytes);
        CHECK(back == full);
        CHECK(back.GetInUse() == std::vector<Prefix>{P("10.1.0.0/16"), P("192.168.0.0/24")});
    }
}

TEST_CASE("HTIP round trips: TLVs in any order, extremes", "[htip]")
{
    SECTION("TLVs in reverse order decode to the same message")
    {
        const std::string reversed = "01 01 0035 00000001 0001 0000"
                                     "08 0c 67772d612e6578616d706c65"
                                     "03 0f 0a000000 18 0a000100 18 0a000200 18"
                                     "02 05 0a000000 18"
                                     "01 01 01";
        const MessageHeader d = Decoded(reversed);
        CHECK(d.IsValid());
        CHECK(d == Request());
        // Written again in type order.
        CHECK(Encode(d) == FromHex(requestHex));
    }
    SECTION("largest fields: ID, round, 51 prefixes, a 255-octet name, /0 and /32")
    {
        MessageHeader h = Request();
        h.SetNegotiationId(0xffffffff);
        h.SetRound(0xffff);
        h.SetVpnProtocol(VPN_PPTP);
        std::vector<Prefix> many;
        for (uint32_t k = 0; k < 51; ++k)
        {
            many.emplace_back(Ipv4Address((10u << 24) | (k << 8)), 24);
        }
        h.SetRequesterCandidates(many);
        h.SetResponderCandidates(many);
        h.SetInUse(many);
        h.SetGatewayName(std::string(255, 'x'));
        h.SetRequesterPrefix(P("0.0.0.0/0"));
        h.SetResponderPrefix(P("255.255.255.255/32"));
        // 12 + 3 + 7 + 3 * 257 + 7 + 257
        CHECK(h.GetSerializedSize() == 12u + 3 + 7 + 3 * 257 + 7 + 257);
        const std::vector<uint8_t> bytes = Encode(h);
        MessageHeader d;
        CHECK(Decode(d, bytes) == bytes.size());
        CHECK(d.IsValid());
        CHECK(d == h);
        CHECK(Printed(d).rfind("REQUEST id=0xffffffff round=65535 proto=PPTP a=0.0.0.0/0 ", 0) ==
              0);
    }
    SECTION("setters keep a list to 51 prefixes and a name to 255 octets")
    {
        MessageHeader h = Request();
        h.SetRequesterCandidates(std::vector<Prefix>(60, P("10.0.0.0/24")));
        CHECK(h.GetRequesterCandidates().size() == 51);
        h.SetGatewayName(std::string(300, 'y'));
        CHECK(h.GetGatewayName()->size() == 255);
        MessageHeader d;
        Decode(d, Encode(h));
        CHECK(d.IsValid());
        CHECK(d == h);
    }
    SECTION("an unknown VPN protocol and NAK cause are carried, not errors")
    {
        MessageHeader h = Nak();
        h.SetVpnProtocol(77);
        h.SetNakCause(static_cast<NakCause>(200));
        MessageHeader d;
        Decode(d, Encode(h));
        CHECK(d.IsValid());
        CHECK(d.GetVpnProtocol() == std::optional<uint8_t>(77));
        CHECK(static_cast<int>(*d.GetNakCause()) == 200);
        CHECK(Printed(d).find("proto=77") != std::string::npos);
    }
    SECTION("through a Packet")
    {
        Ptr<Packet> packet = Create<Packet>();
        packet->AddHeader(Response());
        CHECK(packet->GetSize() == 53);
        MessageHeader d;
        CHECK(packet->RemoveHeader(d) == 53);
        CHECK(d.IsValid());
        CHECK(d == Response());
    }
    SECTION("Deserialize forgets the previous message")
    {
        MessageHeader d;
        Decode(d, FromHex(requestHex));
        Decode(d, FromHex(ackHex));
        CHECK(d.IsValid());
        CHECK_FALSE(d.GetGatewayName());
        CHECK_FALSE(d.HasRequesterCandidates());
        Decode(d, FromHex("01 05"));
        CHECK(d.GetError() == MessageHeader::TRUNCATED);
        CHECK_FALSE(d.GetRequesterPrefix());
    }
}

TEST_CASE("HTIP unknown TLVs are skipped and counted", "[htip]")
{
    // The ACK with TLV 200 (3 octets) in the middle and TLV 11 (empty) at
    // the end: Length 43 + 5 + 2 = 50.
    const std::string hex = "01 03 0032 00000001 0001 0000"
                            "01 01 01 02 05 0a000000 18"
                            "c8 03 aabbcc"
                            "04 05 0a000000 18 06 05 0a000100 18 07 05 0a000200 18"
                            "0b 00";
    MessageHeader d;
    CHECK(Decode(d, FromHex(hex)) == 50);
    CHECK(d.IsValid());
    CHECK(d.GetUnknownTlvCount() == 2);
    CHECK(d.GetResponderTunnel() == P("10.0.2.0/24"));
    CHECK(Printed(d) == "ACK id=0x1 round=1 proto=L2TP a=10.0.0.0/24 b=10.0.0.0/24 "
                        "a-tun=10.0.1.0/24 b-tun=10.0.2.0/24 unknown-tlvs=2");
    // Encoded again without them: the hand-laid ACK.
    CHECK(Encode(d) == FromHex(ackHex));
    // An unknown TLV running past the end is still BAD_TLV.
    CHECK(ErrorOf("01 03 002d 00000001 0001 0000" + ackBody + "c8 03") == MessageHeader::BAD_TLV);
}

TEST_CASE("HTIP errors, one crafted input each, in the documented order", "[htip]")
{
    using E = MessageHeader;
    SECTION("header checks")
    {
        CHECK(ErrorOf("") == E::TRUNCATED);
        CHECK(ErrorOf("01 01 000c 00000001 0001 00") == E::TRUNCATED); // 11 octets
        // Version 2.
        CHECK(ErrorOf("02" + requestHex.substr(2)) == E::BAD_VERSION);
        // Version before Length: version 0 and a wrong Length.
        CHECK(ErrorOf("00 01 00ff 00000001 0001 0000") == E::BAD_VERSION);
        // Length 54 on 53 octets, and 52.
        CHECK(ErrorOf("01 01 0036" + requestHex.substr(8)) == E::BAD_LENGTH);
        CHECK(ErrorOf("01 01 0034" + requestHex.substr(8)) == E::BAD_LENGTH);
        // One octet after the message.
        CHECK(ErrorOf(requestHex + "00") == E::BAD_LENGTH);
        // Length before type: type 9 and a wrong Length.
        CHECK(ErrorOf("01 09 00ff 00000001 0001 0000") == E::BAD_LENGTH);
        // Types 0 and 6.
        CHECK(ErrorOf("01 00 002b 00000001 0001 0000" + ackBody) == E::BAD_TYPE);
        CHECK(ErrorOf("01 06 002b 00000001 0001 0000" + ackBody) == E::BAD_TYPE);
        // Reserved 0x0100; type before Reserved.
        CHECK(ErrorOf("01 03 002b 00000001 0001 0100" + ackBody) == E::BAD_RESERVED);
        CHECK(ErrorOf("01 03 002b 00000001 0001 0001" + ackBody) == E::BAD_RESERVED);
        CHECK(ErrorOf("01 07 002b 00000001 0001 0001" + ackBody) == E::BAD_TYPE);
        // Header fields are kept for the report.
        const MessageHeader d = Decoded("01 03 002b 00000009 0005 0001" + ackBody);
        CHECK(d.GetType() == ACK);
        CHECK(d.GetNegotiationId() == 9);
        CHECK(d.GetRound() == 5);
        CHECK(Printed(d) == "ACK id=0x9 round=5 (malformed: BAD_RESERVED)");
    }
    // An ACK header with Length n, then `tlvs`.
    auto ack = [](const std::string& tlvs) {
        const std::size_t n = 12 + FromHex(tlvs).size();
        char length[5];
        std::snprintf(length, sizeof(length), "%04zx", n);
        return "01 03 " + std::string(length) + " 00000001 0001 0000" + tlvs;
    };
    SECTION("the helper lays out the ACK")
    {
        CHECK(FromHex(ack(ackBody)) == FromHex(ackHex));
    }
    SECTION("BAD_TLV")
    {
        // One octet left for a TLV header.
        CHECK(ErrorOf(ack(ackBody + "07")) == E::BAD_TLV);
        // A value running past Length.
        CHECK(ErrorOf(ack(ackBody + "0b 05 0102")) == E::BAD_TLV);
        // Wrong lengths for their types.
        CHECK(ErrorOf(ack("01 02 0100" + ackBody.substr(8))) == E::BAD_TLV);      // protocol of 2
        CHECK(ErrorOf(ack("01 00" + ackBody.substr(8))) == E::BAD_TLV);           // protocol of 0
        CHECK(ErrorOf(ack(ackBody + "09 02 0101")) == E::BAD_TLV);                // cause of 2
        CHECK(ErrorOf(ack("02 04 0a000000" + ackBody.substr(25))) == E::BAD_TLV); // prefix of 4
        CHECK(ErrorOf(ack(ackBody + "03 00")) == E::BAD_TLV);                     // no candidates
        CHECK(ErrorOf(ack(ackBody + "05 07 0a000000 18 0000")) == E::BAD_TLV);    // 7 octets
        CHECK(ErrorOf(ack(ackBody + "0a 04 0a000000")) == E::BAD_TLV);            // in-use of 4
        CHECK(ErrorOf(ack(ackBody + "08 00")) == E::BAD_TLV);                     // empty name
        // Values.
        CHECK(ErrorOf(ack(ackBody + "08 03 61 80 62")) == E::BAD_TLV); // octet 0x80
        CHECK(ErrorOf(ack(ackBody + "08 03 61 20 62")) == E::BAD_TLV); // a space
        CHECK(ErrorOf(ack(ackBody + "08 02 61 0a")) == E::BAD_TLV);    // a newline
        CHECK(ErrorOf(ack(ackBody + "08 02 61 7e")) == E::OK);         // '~' is fine
        // A rejected value is not kept: Print() stays one line.
        const MessageHeader newline = Decoded(ack(ackBody + "08 02 61 0a"));
        CHECK_FALSE(newline.GetGatewayName());
        CHECK(Printed(newline) == "ACK id=0x1 round=1 proto=L2TP a=10.0.0.0/24 b=10.0.0.0/24 "
                                  "a-tun=10.0.1.0/24 b-tun=10.0.2.0/24 (malformed: BAD_TLV)");
        CHECK(ErrorOf(ack("01 01 01 02 05 0a000000 21" + ackBody.substr(25))) == E::BAD_TLV); // /33
        CHECK(ErrorOf(ack("01 01 01 02 05 0a000001 18" + ackBody.substr(25))) ==
              E::BAD_TLV); // 10.0.0.1/24: host bits
        CHECK(ErrorOf(ack(ackBody + "0a 0a 0a000000 18 0a000080 19")) == E::OK);
        CHECK(ErrorOf(ack(ackBody + "0a 0a 0a000000 18 0a000080 18")) == E::BAD_TLV);
        CHECK(ErrorOf(ack(ackBody + "03 05 00000000 00")) == E::OK); // 0.0.0.0/0
        CHECK(ErrorOf(ack(ackBody + "03 05 00000001 00")) == E::BAD_TLV);
    }
    SECTION("DUPLICATE_TLV")
    {
        CHECK(ErrorOf(ack(ackBody + "01 01 01")) == E::DUPLICATE_TLV);
        CHECK(ErrorOf(ack(ackBody + "07 05 0a000300 18")) == E::DUPLICATE_TLV);
        CHECK(ErrorOf(ack(ackBody + "0a 00 0a 00")) == E::DUPLICATE_TLV);
        // Wrong length is found before the duplicate.
        CHECK(ErrorOf(ack(ackBody + "07 04 0a000300")) == E::BAD_TLV);
        // BAD_TLV and DUPLICATE_TLV before MISSING_FIELD: the first problem.
        CHECK(ErrorOf(ack("01 01 01 01 01 01")) == E::DUPLICATE_TLV);
        CHECK(ErrorOf(ack("01 01 01 08 00")) == E::BAD_TLV);
    }
    SECTION("MISSING_FIELD: each mandatory TLV of each type left out")
    {
        // The TLVs of each hand-laid message, one string each, and the
        // indexes a valid message may do without.
        struct Case
        {
            std::string header; // 8 octets before Length is known: version, type
            std::vector<std::string> tlvs;
        };
        const std::vector<Case> cases{
            {"01 01",
             {"01 01 01",
              "02 05 0a000000 18",
              "03 0f 0a000000 18 0a000100 18 0a000200 18",
              "08 0c 67772d612e6578616d706c65"}},
            {"01 02",
             {"01 01 01",
              "02 05 0a000000 18",
              "04 05 0a000000 18",
              "05 0f 0a000200 18 0a000300 18 0a000400 18",
              "06 05 0a000100 18"}},
            {"01 03",
             {"01 01 01",
              "02 05 0a000000 18",
              "04 05 0a000000 18",
              "06 05 0a000100 18",
              "07 05 0a000200 18"}},
            {"01 04",
             {"01 01 01",
              "02 05 0a000000 18",
              "04 05 0a000000 18",
              "06 05 0a000100 18",
              "07 05 0a000200 18"}},
            {"01 05",
             {"03 0f 0a000000 18 0a000100 18 0a000200 18", "04 05 0a000000 10", "09 01 01"}},
        };
        for (const Case& c : cases)
        {
            for (std::size_t skip = 0; skip <= c.tlvs.size(); ++skip)
            {
                std::string tlvs;
                for (std::size_t k = 0; k < c.tlvs.size(); ++k)
                {
                    tlvs += k == skip ? "" : c.tlvs[k];
                }
                char length[5];
                std::snprintf(length, sizeof(length), "%04zx", 12 + FromHex(tlvs).size());
                const std::string hex = c.header + length + "00000001 0001 0000" + tlvs;
                CAPTURE(hex);
                CHECK(ErrorOf(hex) == (skip == c.tlvs.size() ? E::OK : E::MISSING_FIELD));
            }
        }
        // NAK: the other form (responder candidates + requester prefix) is
        // enough; candidates of one side with the prefix of the same side
        // are not.
        CHECK(ErrorOf("01 05 0016 00000001 0001 0000 05 05 0a000000 18 09 01 01") ==
              E::MISSING_FIELD);
        CHECK(ErrorOf("01 05 001d 00000001 0001 0000 05 05 0a000000 18 02 05 0a000000 18"
                      "09 01 01") == E::OK);
        CHECK(ErrorOf("01 05 001d 00000001 0001 0000 05 05 0a000000 18 04 05 0a000000 18"
                      "09 01 01") == E::MISSING_FIELD);
        CHECK(ErrorOf("01 05 001d 00000001 0001 0000 03 05 0a000000 18 02 05 0a000000 18"
                      "09 01 01") == E::MISSING_FIELD);
        // A header with no TLVs at all.
        CHECK(ErrorOf("01 03 000c 00000001 0001 0000") == E::MISSING_FIELD);
    }
}

TEST_CASE("HTIP: every cut of every message is flagged, never read past", "[htip]")
{
    // TLV boundaries of each message, from the layouts above.
    const std::vector<std::pair<std::string, std::vector<uint32_t>>> messages{
        {requestHex, {12, 15, 22, 39}},
        {responseHex, {12, 15, 22, 29, 46}},
        {ackHex, {12, 15, 22, 29, 36}},
        {readyHex, {12, 15, 22, 29, 36}},
        {nakHex, {12, 15, 32, 39}},
    };
    for (const auto& [hex, boundaries] : messages)
    {
        const std::vector<uint8_t> whole = FromHex(hex);
        for (uint32_t n = 0; n < whole.size(); ++n)
        {
            CAPTURE(hex, n);
            // Length left as it is: the octets disagree with it.
            MessageHeader d;
            const uint32_t used = DecodeBounded(d, whole, n);
            CHECK(used <= n);
            CHECK(d.GetError() == (n < 12 ? MessageHeader::TRUNCATED : MessageHeader::BAD_LENGTH));
            // Length set to the cut: the TLV walk meets it.
            if (n < 12)
            {
                continue;
            }
            std::vector<uint8_t> cut(whole.begin(), whole.begin() + n);
            cut[2] = 0;
            cut[3] = static_cast<uint8_t>(n);
            cut.insert(cut.end(), whole.begin() + n, whole.end()); // guard octets
            const bool boundary =
                std::find(boundaries.begin(), boundaries.end(), n) != boundaries.end();
            MessageHeader e;
            CHECK(DecodeBounded(e, cut, n) <= n);
            CHECK(e.GetError() ==
                  (boundary ? MessageHeader::MISSING_FIELD : MessageHeader::BAD_TLV));
        }
    }
}
