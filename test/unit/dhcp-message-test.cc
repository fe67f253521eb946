// SPDX-License-Identifier: GPL-2.0-only
//
// dhcp::Message: the corpus captures (zeek/dhcp.pcap, tcpdump/dhcp-rfc3004.pcap,
// ndpi/dhcp-fuzz.pcapng) against tshark 4.0's decode of them, round trips,
// padding to the BOOTP minimum, RFC 3396 long options and every decoding
// error.
#include "codec-test-util.h"
#include "corpus-test-util.h"

#include "ns3/dhcp-message.h"
#include "ns3/ipvpn-capture-reader.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <random>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::dhcp;
using ns3::codectest::Decode;
using ns3::codectest::Encode;

namespace
{

/// UDP payloads of a capture's frames, by frame number.
std::map<uint32_t, std::vector<uint8_t>>
Payloads(const std::string& file)
{
    std::map<uint32_t, std::vector<uint8_t>> out;
    const decode::Capture capture = decode::ReadCapture(corpus::File(file));
    REQUIRE(capture.ok);
    for (const decode::Frame& frame : capture.frames)
    {
        REQUIRE(frame.ipv4.l4Payload);
        std::vector<uint8_t> bytes(frame.ipv4.l4Payload->GetSize());
        frame.ipv4.l4Payload->CopyData(bytes.data(), bytes.size());
        out[frame.number] = bytes;
    }
    return out;
}

std::vector<uint8_t>
Codes(const Message& m)
{
    std::vector<uint8_t> codes;
    for (const auto& option : m.GetOptions())
    {
        codes.push_back(option.first);
    }
    return codes;
}

/// Octets up to and including the End option, found by walking the
/// options independently of the codec.
size_t
EndOffset(const std::vector<uint8_t>& bytes)
{
    size_t i = 240;
    while (i < bytes.size() && bytes[i] != 255)
    {
        i += bytes[i] == 0 ? 1 : 2 + bytes[i + 1];
    }
    return i + 1;
}

/// A minimal well-formed DISCOVER, built octet by octet from RFC 2131
/// figure 1 (not with the codec).
std::vector<uint8_t>
RawDiscover()
{
    std::vector<uint8_t> b(236, 0);
    b[0] = 1; // op BOOTREQUEST
    b[1] = 1; // htype Ethernet
    b[2] = 6; // hlen
    b[4] = 0x12;
    b[5] = 0x34;
    b[6] = 0x56;
    b[7] = 0x78; // xid
    b[28] = 0x02;
    b[33] = 0x01; // chaddr 02:00:00:00:00:01
    b.insert(b.end(), {0x63, 0x82, 0x53, 0x63, 53, 1, 1, 255});
    return b;
}

} // namespace

TEST_CASE("zeek dhcp.pcap frame by frame agrees with tshark 4.0", "[dhcp]")
{
    auto p = Payloads("zeek/dhcp.pcap");
    REQUIRE(p.size() == 9);
    const Mac48Address mac("90:b1:1c:99:49:29"); // tshark: Client MAC address
    std::vector<Message> m(10);
    for (uint32_t n = 1; n <= 9; ++n)
    {
        REQUIRE(Decode(m[n], p[n]) == p[n].size());
        INFO("frame " << n << " " << Message::ErrorName(m[n].GetError()));
        REQUIRE(m[n].IsValid());
        CHECK(m[n].GetChaddrMac() == mac);
        CHECK(m[n].GetHtype() == 1);
        CHECK(m[n].GetHlen() == 6);
        CHECK(m[n].GetSecs() == 0);
    }
    // tshark -T fields: dhcp.type, dhcp.id, dhcp.option.dhcp, dhcp.option.type
    // (End omitted), dhcp.option.* values.
    CHECK(m[1].GetOp() == BOOTREQUEST);
    CHECK(m[1].GetXid() == 0x7c0);
    CHECK(m[1].GetMessageType() == DHCPDISCOVER);
    CHECK(Codes(m[1]) == std::vector<uint8_t>{53, 50, 12});
    CHECK(m[1].GetHostName() == std::string("btest.is.cool"));
    CHECK(m[1].GetRequestedAddress() == Ipv4Address("192.168.211.194"));
    CHECK_FALSE(m[1].IsBroadcast());

    CHECK(m[2].GetOp() == BOOTREPLY);
    CHECK(m[2].GetMessageType() == DHCPOFFER);
    CHECK(m[2].GetYiaddr() == Ipv4Address("128.2.6.97"));
    CHECK(m[2].GetSiaddr() == Ipv4Address("172.19.230.7"));
    CHECK(m[2].GetCiaddr() == Ipv4Address("0.0.0.0"));
    CHECK(m[2].GetGiaddr() == Ipv4Address("0.0.0.0"));
    CHECK(Codes(m[2]) ==
          std::vector<uint8_t>{53, 54, 51, 1, 3, 6, 4, 67, 28, 42, 43, 60, 44, 46, 15});
    CHECK(m[2].GetServerId() == Ipv4Address("128.2.6.152"));
    CHECK(m[2].GetLeaseTime() == 900u);
    CHECK(m[2].GetSubnetMask() == Ipv4Mask("255.255.255.0"));
    CHECK(m[2].GetRouters() == std::vector<Ipv4Address>{Ipv4Address("128.2.6.1")});
    CHECK(m[2].GetDnsServers() ==
          std::vector<Ipv4Address>{Ipv4Address("128.2.1.11"), Ipv4Address("128.2.1.10")});
    CHECK(m[2].GetDomainName() == std::string("cmu.edu"));
    CHECK_FALSE(m[2].GetRenewalTime());

    CHECK(m[3].GetMessageType() == DHCPREQUEST);
    CHECK(Codes(m[3]) == std::vector<uint8_t>{53, 54, 50, 12});
    CHECK(m[3].GetServerId() == Ipv4Address("128.2.6.152"));
    CHECK(m[3].GetRequestedAddress() == Ipv4Address("192.168.211.194"));
    CHECK(m[3].GetHostName() == std::string("btest.is.cool"));

    CHECK(m[4].GetMessageType() == DHCPNAK);
    CHECK(m[4].GetFlags() == 0x8000); // tshark: Bootp flags 0x8000 (Broadcast)
    CHECK(m[4].IsBroadcast());
    CHECK(Codes(m[4]) == std::vector<uint8_t>{53, 54, 56});
    CHECK(m[4].GetSiaddr() == Ipv4Address("128.2.6.152"));

    CHECK(m[5].GetMessageType() == DHCPREQUEST);
    CHECK(m[5].GetRequestedAddress() == Ipv4Address("128.2.6.189"));
    CHECK_FALSE(m[5].GetServerId()); // INIT-REBOOT form

    CHECK(m[6].GetMessageType() == DHCPACK);
    CHECK(m[6].GetYiaddr() == Ipv4Address("128.2.6.189"));
    CHECK(m[6].GetLeaseTime() == 900u);

    CHECK(m[7].GetMessageType() == DHCPDECLINE);
    CHECK(Codes(m[7]) == std::vector<uint8_t>{53});
    CHECK(m[8].GetMessageType() == DHCPRELEASE);
    CHECK(m[8].GetXid() == 0x79c);
    CHECK(m[9].GetMessageType() == DHCPINFORM);
    CHECK(m[9].GetXid() == 0x7c4);
    CHECK(Codes(m[9]) == std::vector<uint8_t>{53, 51, 50, 12});
    CHECK(m[9].GetLeaseTime() == 19841984u);
}

TEST_CASE("tcpdump dhcp-rfc3004.pcap agrees with tshark 4.0", "[dhcp]")
{
    auto p = Payloads("tcpdump/dhcp-rfc3004.pcap");
    REQUIRE(p.size() == 4);
    std::vector<Message> m(5);
    for (uint32_t n = 1; n <= 4; ++n)
    {
        Decode(m[n], p[n]);
        INFO("frame " << n);
        REQUIRE(m[n].IsValid());
        CHECK(m[n].GetXid() == 0x06e32864);
        CHECK(m[n].GetChaddrMac() == Mac48Address("00:0c:29:1f:74:06"));
    }
    CHECK(m[1].GetMessageType() == DHCPDISCOVER);
    CHECK(Codes(m[1]) == std::vector<uint8_t>{53, 50, 55, 77}); // 77: user class, kept raw
    CHECK(m[1].GetParameterRequestList() == std::vector<uint8_t>{1, 28, 2, 3, 15, 6, 12});
    CHECK(m[1].GetRequestedAddress() == Ipv4Address("192.168.1.4"));
    CHECK(m[2].GetMessageType() == DHCPOFFER);
    CHECK(m[2].GetYiaddr() == Ipv4Address("192.168.1.4"));
    CHECK(m[2].GetServerId() == Ipv4Address("192.168.1.1"));
    CHECK(m[2].GetLeaseTime() == 86400u);
    CHECK(m[2].GetDomainName() == std::string("Home"));
    CHECK(m[3].GetMessageType() == DHCPREQUEST);
    CHECK(Codes(m[3]) == std::vector<uint8_t>{53, 54, 50, 55, 77});
    CHECK(m[4].GetMessageType() == DHCPACK);
    CHECK(m[4].GetRouters() == std::vector<Ipv4Address>{Ipv4Address("192.168.1.1")});
    CHECK(m[4].GetDnsServers() == std::vector<Ipv4Address>{Ipv4Address("192.168.1.1")});
}

TEST_CASE("corpus messages round-trip octet for octet up to End", "[dhcp]")
{
    for (const char* file : {"zeek/dhcp.pcap", "tcpdump/dhcp-rfc3004.pcap"})
    {
        for (const auto& [n, bytes] : Payloads(file))
        {
            INFO(file << " frame " << n);
            Message m;
            Decode(m, bytes);
            REQUIRE(m.IsValid());
            const std::vector<uint8_t> again = Encode(m);
            const size_t end = EndOffset(bytes);
            // Unknown options (4, 67, 28, ..., 77) written back as they came.
            REQUIRE(again.size() == std::max<size_t>(end, 300));
            CHECK(std::equal(bytes.begin(), bytes.begin() + end, again.begin()));
            CHECK(std::all_of(again.begin() + end, again.end(), [](uint8_t b) {
                return b == 0;
            }));
            Message back;
            Decode(back, again);
            CHECK(back == m);
        }
    }
}

TEST_CASE("encoding: fixed layout, cookie, padding to 300 octets", "[dhcp]")
{
    Message m;
    m.SetOp(BOOTREPLY);
    m.SetXid(0xdeadbeef);
    m.SetSecs(7);
    m.SetBroadcast(true);
    m.SetCiaddr(Ipv4Address("10.0.0.9"));
    m.SetYiaddr(Ipv4Address("10.0.0.10"));
    m.SetSiaddr(Ipv4Address("10.0.0.11"));
    m.SetGiaddr(Ipv4Address("10.0.0.12"));
    m.SetChaddr(Mac48Address("02:00:00:00:00:07"));
    m.SetSname("gw");
    m.SetFile("boot");
    m.SetMessageType(DHCPACK);
    m.SetHostName("alice");
    const auto b = Encode(m);
    // RFC 1542 2.1: "the minimal BOOTP header of 300 octets".
    REQUIRE(b.size() == 300);
    // RFC 2131 figure 1 offsets.
    CHECK(b[0] == 2);
    CHECK(b[1] == 1);
    CHECK(b[2] == 6);
    CHECK(codectest::ToHex(std::vector<uint8_t>(b.begin() + 4, b.begin() + 8)) == "deadbeef");
    CHECK(b[9] == 7);
    CHECK(b[10] == 0x80); // broadcast bit, RFC 2131 figure 2
    CHECK(b[11] == 0);
    CHECK(codectest::ToHex(std::vector<uint8_t>(b.begin() + 12, b.begin() + 28)) ==
          "0a0000090a00000a0a00000b0a00000c");
    CHECK(codectest::ToHex(std::vector<uint8_t>(b.begin() + 28, b.begin() + 34)) == "020000000007");
    CHECK(b[44] == 'g');
    CHECK(b[108] == 'b');
    CHECK(codectest::ToHex(std::vector<uint8_t>(b.begin() + 236, b.begin() + 240)) == "63825363");
    CHECK(codectest::ToHex(std::vector<uint8_t>(b.begin() + 240, b.begin() + 251)) ==
          "3501050c05616c696365ff");
    CHECK(std::all_of(b.begin() + 251, b.end(), [](uint8_t x) {
        return x == 0;
    }));
    Message back;
    CHECK(Decode(back, b) == 300);
    CHECK(back.IsValid());
    CHECK(back == m);
    CHECK(back.GetSname() == "gw");
    CHECK(back.GetFile() == "boot");
}

TEST_CASE("every interpreted option round-trips", "[dhcp]")
{
    Message m;
    m.SetChaddr(Mac48Address("02:00:00:00:00:01"));
    m.SetMessageType(DHCPOFFER);
    m.SetSubnetMask(Ipv4Mask("255.255.0.0"));
    m.SetRouters({Ipv4Address("10.0.0.1"), Ipv4Address("10.0.0.2")});
    m.SetDnsServers({Ipv4Address("10.0.0.53")});
    m.SetHostName("host");
    m.SetDomainName("home.example");
    m.SetRequestedAddress(Ipv4Address("10.0.0.99"));
    m.SetLeaseTime(3600);
    m.SetServerId(Ipv4Address("10.0.0.1"));
    m.SetParameterRequestList({1, 3, 6});
    m.SetRenewalTime(1800);
    m.SetRebindingTime(3150);
    m.SetClientId({1, 2, 0, 0, 0, 0, 1});
    m.SetOption(200, {1, 2, 3}); // unknown, raw
    Message back;
    Decode(back, Encode(m));
    REQUIRE(back.IsValid());
    CHECK(back == m);
    CHECK(back.GetSubnetMask() == Ipv4Mask("255.255.0.0"));
    CHECK(back.GetRouters().size() == 2);
    CHECK(back.GetRenewalTime() == 1800u);
    CHECK(back.GetRebindingTime() == 3150u);
    CHECK(back.GetClientId() == std::vector<uint8_t>{1, 2, 0, 0, 0, 0, 1});
    CHECK(*back.GetOption(200) == std::vector<uint8_t>{1, 2, 3});
    // Replacing keeps the place; removing drops it.
    back.SetLeaseTime(60);
    CHECK(Codes(back) == Codes(m));
    back.RemoveOption(200);
    CHECK_FALSE(back.HasOption(200));
}

TEST_CASE("RFC 3396: a value over 255 octets is split and concatenated", "[dhcp]")
{
    Message m;
    m.SetMessageType(DHCPREQUEST);
    const std::string name(300, 'h');
    m.SetHostName(name);
    const auto b = Encode(m);
    // 53 (3) then 12/255 and 12/45, End.
    REQUIRE(b.size() == 236 + 4 + 3 + 257 + 47 + 1);
    CHECK(b[243] == 12);
    CHECK(b[244] == 255);
    CHECK(b[500] == 12);
    CHECK(b[501] == 45);
    Message back;
    Decode(back, b);
    REQUIRE(back.IsValid());
    CHECK(back.GetHostName() == name);
}

TEST_CASE("pad options between options are skipped", "[dhcp]")
{
    auto b = RawDiscover();
    b.insert(b.end() - 1, {0, 0, 12, 1, 'x', 0});
    Message m;
    Decode(m, b);
    REQUIRE(m.IsValid());
    CHECK(m.GetHostName() == std::string("x"));
}

TEST_CASE("every decoding error is typed and nothing is read past the end", "[dhcp]")
{
    auto expect = [](std::vector<uint8_t> b, Message::Error e, uint8_t option = 0) {
        Message m;
        Decode(m, b);
        INFO(Message::ErrorName(m.GetError()));
        CHECK(m.GetError() == e);
        CHECK_FALSE(m.IsValid());
        CHECK(m.GetErrorOption() == option);
    };
    Message ok;
    Decode(ok, RawDiscover());
    REQUIRE(ok.IsValid());
    REQUIRE(ok.GetMessageType() == DHCPDISCOVER);
    REQUIRE(ok.GetXid() == 0x12345678);

    expect({}, Message::TRUNCATED);
    auto b = RawDiscover();
    expect(std::vector<uint8_t>(b.begin(), b.begin() + 239), Message::TRUNCATED);
    b[0] = 3;
    expect(b, Message::BAD_OP);
    b = RawDiscover();
    b[2] = 17;
    expect(b, Message::BAD_HLEN);
    b = RawDiscover();
    b[239] = 0x64;
    expect(b, Message::BAD_COOKIE);
    b = RawDiscover();
    b.back() = 12; // code as the last octet, no length
    expect(b, Message::OPTION_OVERRUN, 12);
    b = RawDiscover();
    b.back() = 12;
    b.push_back(5);
    b.push_back('a'); // 5 announced, 1 present
    expect(b, Message::OPTION_OVERRUN, 12);
    b = RawDiscover();
    b.pop_back(); // no End
    expect(b, Message::MISSING_END);
    b = RawDiscover();
    b.insert(b.end() - 1, {52, 1, 3});
    expect(b, Message::OVERLOAD_UNSUPPORTED, 52);
    b = RawDiscover();
    b.insert(b.end() - 1, {54, 3, 1, 2, 3});
    expect(b, Message::BAD_OPTION_LENGTH, 54);
    b = RawDiscover();
    b.insert(b.end() - 1, {3, 6, 1, 2, 3, 4, 5, 6});
    expect(b, Message::BAD_OPTION_LENGTH, 3);
    b = RawDiscover();
    b.insert(b.end() - 1, {61, 1, 1});
    expect(b, Message::BAD_OPTION_LENGTH, 61);
    b = RawDiscover();
    b.insert(b.end() - 1, {12, 0});
    expect(b, Message::BAD_OPTION_LENGTH, 12);
    b = RawDiscover();
    b[242] = 9; // option 53 value
    expect(b, Message::BAD_MESSAGE_TYPE, 53);
    b = RawDiscover();
    b[242] = 0;
    expect(b, Message::BAD_MESSAGE_TYPE, 53);
    b = RawDiscover();
    b[241] = 2; // option 53 of length 2
    b.insert(b.end() - 1, 0);
    expect(b, Message::BAD_OPTION_LENGTH, 53);
}

TEST_CASE("ndpi dhcp-fuzz.pcapng: the malformed frame is refused", "[dhcp]")
{
    auto p = Payloads("ndpi/dhcp-fuzz.pcapng");
    REQUIRE(p.size() == 1);
    Message m;
    Decode(m, p[1]);
    // tshark 4.0: options 53 (Unknown 0x6a), 61, 12 "MK03862", then option 60
    // of length 49 and "Malformed Packet (Exception occurred)".
    CHECK(m.GetError() == Message::OPTION_OVERRUN);
    CHECK(m.GetErrorOption() == 60);
    CHECK(m.GetHostName() == std::string("MK03862"));
    CHECK(m.GetCiaddr() == Ipv4Address("192.168.1.104"));
    CHECK(m.GetXid() == 0xc979b960);
}

TEST_CASE("truncations and octet flips of the corpus never crash", "[dhcp]")
{
    std::vector<std::vector<uint8_t>> seeds;
    for (const char* file :
         {"zeek/dhcp.pcap", "tcpdump/dhcp-rfc3004.pcap", "ndpi/dhcp-fuzz.pcapng"})
    {
        for (const auto& [n, bytes] : Payloads(file))
        {
            seeds.push_back(bytes);
        }
    }
    std::mt19937 rng(4);
    uint64_t errors = 0;
    uint64_t runs = 0;
    for (const auto& seed : seeds)
    {
        for (size_t len = 0; len <= seed.size(); ++len)
        {
            Message m;
            Decode(m, std::vector<uint8_t>(seed.begin(), seed.begin() + len));
            errors += m.IsValid() ? 0 : 1;
            ++runs;
        }
        for (int k = 0; k < 500; ++k)
        {
            auto b = seed;
            for (int f = 0; f < 4; ++f)
            {
                b[rng() % b.size()] = static_cast<uint8_t>(rng());
            }
            Message m;
            Decode(m, b);
            errors += m.IsValid() ? 0 : 1;
            ++runs;
            if (m.IsValid())
            {
                Message again;
                Decode(again, Encode(m));
                CHECK(again == m);
            }
        }
    }
    CHECK(errors > 0);
    CHECK(errors < runs);
}
