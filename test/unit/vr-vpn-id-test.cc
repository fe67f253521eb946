// SPDX-License-Identifier: GPL-2.0-only
//
// vr::VpnId, the RFC 2685 section 3 VPN identifier: its text form read and
// written, bad text refused, its 7 octets laid out by hand, its order.
#include "codec-test-util.h"

#include "ns3/buffer.h"
#include "ns3/vr-vpn-id.h"

#include <catch2/catch.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::vr;
using ns3::codectest::Decode;
using ns3::codectest::Encode;
using ns3::codectest::FromHex;

TEST_CASE("VPN-ID text form is oui:index in hex", "[vr]")
{
    const auto id = VpnId::Parse("00a0c9:00000001");
    REQUIRE(id.has_value());
    CHECK(id->GetOui() == 0x00a0c9);
    CHECK(id->GetIndex() == 0x00000001);
    CHECK(id->ToString() == "00a0c9:00000001");

    // Either case is read; the text written is lower case, zero-padded.
    const auto upper = VpnId::Parse("00A0C9:0000ABCD");
    REQUIRE(upper.has_value());
    CHECK(*upper == VpnId(0x00a0c9, 0xabcd));
    CHECK(upper->ToString() == "00a0c9:0000abcd");
    CHECK(VpnId(1, 2).ToString() == "000001:00000002");
    CHECK(VpnId().ToString() == "000000:00000000");
    CHECK(VpnId(0xffffff, 0xffffffff).ToString() == "ffffff:ffffffff");

    std::ostringstream os;
    os << VpnId(0x123456, 0x789abcde);
    CHECK(os.str() == "123456:789abcde");
}

TEST_CASE("VPN-ID text round trips", "[vr]")
{
    for (const char* text : {"000000:00000000",
                             "ffffff:ffffffff",
                             "00a0c9:00000001",
                             "123456:789abcde",
                             "800000:80000000"})
    {
        CAPTURE(text);
        const auto id = VpnId::Parse(text);
        REQUIRE(id.has_value());
        CHECK(id->ToString() == text);
        CHECK(VpnId::Parse(id->ToString()) == id);
    }
}

TEST_CASE("VPN-ID refuses any other text", "[vr]")
{
    const std::vector<std::string> bad{
        "",
        ":",
        "00a0c9",
        "00a0c9:",
        ":00000001",
        "0a0c9:00000001",                    // 5 OUI digits
        "000a0c9:00000001",                  // 7 OUI digits
        "00a0c9:0000001",                    // 7 index digits
        "00a0c9:000000001",                  // 9 index digits
        "00a0c9-00000001",                   // not a colon
        "00a0c9.00000001",                   // not a colon
        "00a0c9::0000001",                   // two colons
        "00a0c9:0000000g",                   // not a hex digit
        "g0a0c9:00000001",                   // not a hex digit
        " 0a0c9:00000001",                   // space
        "00a0c9:00000001 ",                  // trailing space
        " 00a0c9:00000001",                  // leading space
        "0x00a0c9:00000001",                 // prefix
        "0xa0c9:00000001",                   // prefix in the 6 digits
        "+0a0c9:00000001",                   // sign
        "00a0c9:-0000001",                   // sign
        "00a0c9:+0000001",                   // sign
        "00a0c900000001",                    // no colon
        "00a0c9:00000001:0",                 // trailing field
        std::string("00a0c9:0000000\0", 15), // NUL
    };
    for (const auto& text : bad)
    {
        CAPTURE(text);
        CHECK_FALSE(VpnId::Parse(text).has_value());
    }
}

TEST_CASE("VPN-ID is 7 octets, OUI then index, big-endian", "[vr]")
{
    // RFC 2685 section 3: VPN OUI (3 octets), then VPN Index (4 octets).
    CHECK(VpnId::SIZE == 7);
    CHECK(VpnId().GetSerializedSize() == 7);
    CHECK(Encode(VpnId(0x00a0c9, 0x00000001)) == FromHex("00a0c9 00000001"));
    CHECK(Encode(VpnId(0x123456, 0x789abcde)) == FromHex("123456 789abcde"));
    CHECK(Encode(VpnId(0xffffff, 0xffffffff)) == FromHex("ffffff ffffffff"));

    VpnId id;
    CHECK(Decode(id, FromHex("a1b2c3 d4e5f607")) == 7);
    CHECK(id == VpnId(0xa1b2c3, 0xd4e5f607));
    CHECK(Decode(id, FromHex("000000 00000000")) == 7);
    CHECK(id == VpnId());
}

TEST_CASE("VPN-ID leaves a short buffer alone", "[vr]")
{
    for (size_t n = 0; n < VpnId::SIZE; ++n)
    {
        CAPTURE(n);
        std::vector<uint8_t> bytes = FromHex("a1b2c3d4e5f607");
        bytes.resize(n);
        VpnId id(0x010203, 0x04050607);
        CHECK(Decode(id, bytes) == 0);
        CHECK(id == VpnId(0x010203, 0x04050607));
    }
}

TEST_CASE("VPN-IDs order by OUI, then index", "[vr]")
{
    const VpnId a(0x000001, 0xffffffff);
    const VpnId b(0x000002, 0x00000000);
    const VpnId c(0x000002, 0x00000001);
    CHECK(a < b);
    CHECK(b < c);
    CHECK(a < c);
    CHECK_FALSE(b < a);
    CHECK_FALSE(b < b);
    CHECK(b <= b);
    CHECK(a <= b);
    CHECK_FALSE(c <= b);
    CHECK(c > b);
    CHECK_FALSE(b > b);
    CHECK(b >= b);
    CHECK(c >= a);
    CHECK_FALSE(a >= b);
    CHECK(b == VpnId(2, 0));
    CHECK(b != c);
    CHECK_FALSE(b != VpnId(2, 0));

    const std::set<VpnId> ids{c, a, b, VpnId(2, 0)};
    CHECK(std::vector<VpnId>(ids.begin(), ids.end()) == std::vector<VpnId>{a, b, c});
}
