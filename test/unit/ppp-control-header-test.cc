// SPDX-License-Identifier: GPL-2.0-only
//
// PPP control packets (RFC 1661 section 5, RFC 1332): round trips of every
// LCP code and of IPCP, fixed bytes from zeek/pppoe.pcap and
// tcpdump/pppoes.pcap (values as tshark 4.0 decodes them), and malformed
// input, including tcpdump/ppp-invalid-lengths.pcap.
#include "codec-test-util.h"
#include "corpus-test-util.h"

#include "ns3/ipvpn-capture-reader.h"
#include "ns3/ppp-control-header.h"

#include <catch2/catch.hpp>

#include <random>
#include <sstream>

using namespace ns3;
using namespace ns3::ppp;
using ns3::codectest::Decode;
using ns3::codectest::Encode;
using ns3::codectest::FromHex;
using ns3::codectest::ToHex;

namespace
{

/// Encodes, decodes with the same protocol, and checks equality.
void
RoundTrip(const ControlHeader& out)
{
    const auto bytes = Encode(out);
    CHECK(bytes.size() == out.GetSerializedSize());
    CHECK(((bytes[2] << 8) | bytes[3]) == out.GetLength());
    ControlHeader in(out.GetProtocol());
    CHECK(Decode(in, bytes) == bytes.size());
    CHECK(in.IsValid());
    CHECK(in == out);
    std::ostringstream os;
    os << in; // printing never fails
    CHECK_FALSE(os.str().empty());
}

/// Decodes bytes as the given protocol.
ControlHeader
Parse(uint16_t protocol, const std::string& hex)
{
    ControlHeader h(protocol);
    Decode(h, FromHex(hex));
    return h;
}

} // namespace

TEST_CASE("PPP control packets round-trip for every LCP code", "[ppp]")
{
    RoundTrip(ControlHeader::MakeConfigure(PROTOCOL_LCP,
                                           CONFIGURE_REQUEST,
                                           1,
                                           {ControlOption::MakeUint16(LCP_MRU, 1492),
                                            ControlOption::MakeUint16(LCP_AUTH_PROTOCOL, 0xc023),
                                            ControlOption::MakeUint32(LCP_MAGIC_NUMBER, 0x01fccbfb),
                                            ControlOption::MakeFlag(LCP_PFC),
                                            ControlOption::MakeFlag(LCP_ACFC)}));
    for (uint8_t code : {CONFIGURE_ACK, CONFIGURE_NAK, CONFIGURE_REJECT})
    {
        RoundTrip(ControlHeader::MakeConfigure(PROTOCOL_LCP,
                                               code,
                                               7,
                                               {ControlOption::MakeUint16(LCP_MRU, 1500)}));
    }
    ControlHeader terminate(PROTOCOL_LCP, TERMINATE_REQUEST, 3);
    terminate.SetData({'b', 'y', 'e'});
    RoundTrip(terminate);
    RoundTrip(ControlHeader(PROTOCOL_LCP, TERMINATE_ACK, 3));
    ControlHeader codeReject(PROTOCOL_LCP, CODE_REJECT, 4);
    codeReject.SetData(FromHex("0c 05 0004"));
    RoundTrip(codeReject);
    RoundTrip(ControlHeader::MakeProtocolReject(5, 0x8057, FromHex("01 01 000e")));
    RoundTrip(ControlHeader::MakeEcho(ECHO_REQUEST, 6, 0x05fcd459, {1, 2, 3, 4}));
    RoundTrip(ControlHeader::MakeEcho(ECHO_REPLY, 6, 0x01fccbfb));
    RoundTrip(ControlHeader::MakeEcho(DISCARD_REQUEST, 8, 0));
    ControlHeader unknown(PROTOCOL_LCP, 42, 9);
    unknown.SetData({9, 9});
    RoundTrip(unknown);
}

TEST_CASE("IPCP packets round-trip; codes 8-11 are unknown codes for IPCP", "[ppp]")
{
    RoundTrip(ControlHeader::MakeConfigure(
        PROTOCOL_IPCP,
        CONFIGURE_REQUEST,
        1,
        {ControlOption::MakeAddress(IPCP_IP_ADDRESS, Ipv4Address("10.0.0.1")),
         ControlOption::MakeAddress(IPCP_PRIMARY_DNS, Ipv4Address("10.0.0.53"))}));
    // RFC 1332 section 2: only codes 1-7; an IPCP "Echo-Request" is opaque.
    auto h = Parse(PROTOCOL_IPCP, "09 01 0006 abcd");
    CHECK(h.IsValid());
    CHECK(h.GetMagicNumber() == 0);
    CHECK(h.GetData() == FromHex("abcd"));
    CHECK(Parse(PROTOCOL_LCP, "09 01 0006 abcd").GetError() == ControlHeader::MISSING_FIELD);
}

TEST_CASE("PPP control packets of zeek/pppoe.pcap decode as tshark shows", "[ppp]")
{
    // PPPoE payloads after the PPP protocol field (tshark: ppp.code,
    // ppp.identifier, ppp.length, lcp.opt.*, ipcp.opt.*).
    SECTION("frame 6: LCP Configure-Request MRU 1492, PAP, magic 0x01fccbfb")
    {
        const std::string hex = "01010012010405d40304c023050601fccbfb";
        auto h = Parse(PROTOCOL_LCP, hex);
        REQUIRE(h.IsValid());
        CHECK(h.GetCode() == CONFIGURE_REQUEST);
        CHECK(h.GetIdentifier() == 1);
        CHECK(h.GetLength() == 18);
        REQUIRE(h.GetOptions().size() == 3);
        uint16_t mru = 0;
        uint16_t auth = 0;
        uint32_t magic = 0;
        REQUIRE(h.FindOption(LCP_MRU));
        CHECK(h.FindOption(LCP_MRU)->GetUint16(mru));
        CHECK(mru == 1492);
        CHECK(h.FindOption(LCP_AUTH_PROTOCOL)->GetProtocol(auth));
        CHECK(auth == 0xc023);
        CHECK(h.FindOption(LCP_MAGIC_NUMBER)->GetUint32(magic));
        CHECK(magic == 0x01fccbfb);
        CHECK(ToHex(Encode(h)) == hex);
    }
    SECTION("frame 8: LCP Configure-Nak MRU 1500")
    {
        auto h = Parse(PROTOCOL_LCP, "03010008010405dc");
        REQUIRE(h.IsValid());
        CHECK(h.GetCode() == CONFIGURE_NAK);
        uint16_t mru = 0;
        CHECK(h.FindOption(LCP_MRU)->GetUint16(mru));
        CHECK(mru == 1500);
    }
    SECTION("frame 19: IPCP Configure-Nak IP-Address 10.0.2.16")
    {
        const std::string hex = "0301000a03060a000210";
        auto h = Parse(PROTOCOL_IPCP, hex);
        REQUIRE(h.IsValid());
        CHECK(h.GetCode() == CONFIGURE_NAK);
        Ipv4Address address;
        REQUIRE(h.FindOption(IPCP_IP_ADDRESS));
        CHECK(h.FindOption(IPCP_IP_ADDRESS)->GetAddress(address));
        CHECK(address == Ipv4Address("10.0.2.16"));
        CHECK(ToHex(Encode(h)) == hex);
    }
    SECTION("frames 28/29: LCP Echo-Request and Echo-Reply with magic numbers")
    {
        auto request = Parse(PROTOCOL_LCP, "0901000c05fcd45901fccbfb");
        REQUIRE(request.IsValid());
        CHECK(request.GetCode() == ECHO_REQUEST);
        CHECK(request.GetMagicNumber() == 0x05fcd459);
        CHECK(request.GetData() == FromHex("01fccbfb"));
        auto reply = Parse(PROTOCOL_LCP, "0a01000c01fccbfb01fccbfb");
        REQUIRE(reply.IsValid());
        CHECK(reply.GetCode() == ECHO_REPLY);
        CHECK(reply.GetMagicNumber() == 0x01fccbfb);
        CHECK(ToHex(Encode(reply)) == "0a01000c01fccbfb01fccbfb");
    }
    SECTION("every LCP and IPCP packet of the capture re-encodes to its bytes")
    {
        auto cap = decode::ReadCapture(corpus::File("zeek/pppoe.pcap"));
        REQUIRE(cap.ok);
        REQUIRE(cap.frames.size() == 65);
        int count = 0;
        for (const auto& f : cap.frames)
        {
            if (f.pppProtocol != PROTOCOL_LCP && f.pppProtocol != PROTOCOL_IPCP)
            {
                continue;
            }
            INFO("frame " << f.number);
            const auto bytes = decode::PacketBytes(f.linkPayload);
            ControlHeader h(f.pppProtocol);
            CHECK(Decode(h, bytes) == bytes.size());
            CHECK(h.IsValid());
            CHECK(Encode(h) == bytes);
            ++count;
        }
        CHECK(count == 30); // tshark: 30 frames with lcp or ipcp
    }
}

TEST_CASE("LCP Echo-Requests of tcpdump/pppoes.pcap", "[ppp]")
{
    auto cap = decode::ReadCapture(corpus::File("tcpdump/pppoes.pcap"));
    REQUIRE(cap.ok);
    REQUIRE(cap.frames.size() == 2);
    // tshark: Echo-Request id 0x6a magic 0xa4cbea34, id 0x67 magic 0xb480d7ba.
    const std::vector<std::pair<uint8_t, uint32_t>> expected{{0x6a, 0xa4cbea34}, {0x67, 0xb480d7ba}};
    for (std::size_t k = 0; k < 2; ++k)
    {
        const auto& f = cap.frames[k];
        CHECK(f.hasPppoe);
        REQUIRE(f.pppProtocol == PROTOCOL_LCP);
        const auto bytes = decode::PacketBytes(f.linkPayload);
        ControlHeader h;
        CHECK(Decode(h, bytes) == 12);
        REQUIRE(h.IsValid());
        CHECK(h.GetCode() == ECHO_REQUEST);
        CHECK(h.GetIdentifier() == expected[k].first);
        CHECK(h.GetMagicNumber() == expected[k].second);
        CHECK(h.GetData().size() == 4);
        CHECK(Encode(h) == bytes);
    }
}

TEST_CASE("tcpdump/ppp-invalid-lengths.pcap: an option past the packet is flagged", "[ppp]")
{
    auto cap = decode::ReadCapture(corpus::File("tcpdump/ppp-invalid-lengths.pcap"));
    REQUIRE(cap.ok);
    REQUIRE(cap.frames.size() == 1);
    const auto& f = cap.frames[0];
    REQUIRE(f.pppProtocol == PROTOCOL_IPCP); // no ff 03: 80 21 first
    const auto bytes = decode::PacketBytes(f.linkPayload);
    ControlHeader h(PROTOCOL_IPCP);
    // tshark: Configuration Nak, id 128, Length 8451 (within the frame);
    // the last option (0xe6, 230 bytes) goes past the end of the options.
    CHECK(Decode(h, bytes) == 8451);
    CHECK_FALSE(h.IsValid());
    CHECK(h.GetError() == ControlHeader::BAD_OPTION);
    CHECK(h.GetCode() == CONFIGURE_NAK);
    CHECK(h.GetIdentifier() == 128);
    REQUIRE_FALSE(h.GetOptions().empty());
    CHECK(h.GetOptions().front().GetType() == IPCP_IP_COMPRESSION_PROTOCOL);
    CHECK(h.GetOptions().front().GetLength() == 218);
    CHECK(h.GetData().front() == 0xe6);
    // The options read and the raw rest give back the packet's bytes.
    CHECK(Encode(h) == std::vector<uint8_t>(bytes.begin(), bytes.begin() + 8451));
}

TEST_CASE("Malformed PPP control packets are flagged, never asserted", "[ppp]")
{
    CHECK(Parse(PROTOCOL_LCP, "0101").GetError() == ControlHeader::TRUNCATED);
    CHECK(Parse(PROTOCOL_LCP, "01010003").GetError() == ControlHeader::BAD_LENGTH);
    CHECK(Parse(PROTOCOL_LCP, "01010010 0104").GetError() == ControlHeader::LENGTH_EXCEEDS_DATA);
    CHECK(Parse(PROTOCOL_LCP, "01010006 0101").GetError() == ControlHeader::BAD_OPTION);
    CHECK(Parse(PROTOCOL_LCP, "01010006 0500").GetError() == ControlHeader::BAD_OPTION);
    CHECK(Parse(PROTOCOL_LCP, "01010005 05").GetError() == ControlHeader::BAD_OPTION);
    // MRU with 3 data octets: framing fine, size wrong (RFC 1661 6.1).
    auto mru = Parse(PROTOCOL_LCP, "01010009 0105 05dc00");
    CHECK(mru.GetError() == ControlHeader::BAD_OPTION_LENGTH);
    CHECK(mru.GetOptions().size() == 1);
    CHECK(Parse(PROTOCOL_LCP, "08010005 80").GetError() == ControlHeader::MISSING_FIELD);
    // Padding after Length is ignored (section 5).
    auto padded = Parse(PROTOCOL_LCP, "06010004 000000");
    CHECK(padded.IsValid());
    CHECK(padded.GetCode() == TERMINATE_ACK);

    // Every cut and random damage of a valid packet: no crash, and a valid
    // decode never claims more than the bytes present.
    const auto good = FromHex("01010012010405d40304c023050601fccbfb");
    std::mt19937 rng(1661);
    std::uniform_int_distribution<int> value(0, 255);
    for (std::size_t cut = 0; cut <= good.size(); ++cut)
    {
        ControlHeader h;
        CHECK(Decode(h, std::vector<uint8_t>(good.begin(), good.begin() + cut)) <= cut);
    }
    for (int round = 0; round < 2000; ++round)
    {
        auto bytes = good;
        std::uniform_int_distribution<std::size_t> pos(0, bytes.size() - 1);
        bytes[pos(rng)] = static_cast<uint8_t>(value(rng));
        bytes[pos(rng)] = static_cast<uint8_t>(value(rng));
        for (uint16_t protocol : {PROTOCOL_LCP, PROTOCOL_IPCP})
        {
            ControlHeader h(protocol);
            CHECK(Decode(h, bytes) <= bytes.size());
            std::ostringstream os;
            os << h;
        }
    }
}

TEST_CASE("PPP names for codes and options", "[ppp]")
{
    CHECK(CodeName(CONFIGURE_REQUEST) == "Configure-Request");
    CHECK(CodeName(DISCARD_REQUEST) == "Discard-Request");
    CHECK(CodeName(200) == "Code-200");
    CHECK(OptionName(PROTOCOL_LCP, LCP_MAGIC_NUMBER) == "Magic-Number");
    CHECK(OptionName(PROTOCOL_IPCP, IPCP_IP_ADDRESS) == "IP-Address");
    CHECK(OptionName(PROTOCOL_IPCP, LCP_MAGIC_NUMBER) == "Option-5");
    CHECK(ControlProtocolName(PROTOCOL_IPCP) == "IPCP");
}
