// SPDX-License-Identifier: GPL-2.0-only
//
// htip::Prefix (model/htip/htip-prefix.h): parsing of "a.b.c.d/n" with its
// rejections, containment, overlap and the address mapping of seed 004's
// NAT ([0146]: 10.0.0.4 seen as 10.0.1.4), sizes at both extremes. Expected
// values are worked out by hand from the prefixes' bits.
#include "ns3/htip-prefix.h"

#include <catch2/catch.hpp>
#include <set>
#include <sstream>
#include <string>

using namespace ns3;
using namespace ns3::htip;

namespace
{

Prefix
P(const char* text)
{
    const auto p = Prefix::Parse(text);
    REQUIRE(p);
    return *p;
}

} // namespace

TEST_CASE("HTIP prefix parsing", "[htip]")
{
    SECTION("good prefixes")
    {
        const Prefix p = P("10.0.0.0/24");
        CHECK(p.network == Ipv4Address("10.0.0.0"));
        CHECK(p.length == 24);
        CHECK(p.IsValid());
        CHECK(p.ToString() == "10.0.0.0/24");
        CHECK(P("0.0.0.0/0").length == 0);
        CHECK(P("255.255.255.255/32").network == Ipv4Address("255.255.255.255"));
        CHECK(P("10.0.0.128/25").ToString() == "10.0.0.128/25");
        CHECK(P("172.16.0.0/12").ToString() == "172.16.0.0/12");
        // No leading zeros (octal to some parsers).
        CHECK_FALSE(Prefix::Parse("010.0.0.0/8"));
        CHECK_FALSE(Prefix::Parse("10.0.00.0/24"));
        CHECK_FALSE(Prefix::Parse("10.0.0.0/08"));
        CHECK(P("10.0.0.0/8").ToString() == "10.0.0.0/8");
    }
    SECTION("host bits set")
    {
        CHECK_FALSE(Prefix::Parse("10.0.0.1/24"));
        CHECK_FALSE(Prefix::Parse("10.0.1.0/16"));
        CHECK_FALSE(Prefix::Parse("10.0.0.128/24"));
        CHECK_FALSE(Prefix::Parse("0.0.0.1/0"));
        CHECK_FALSE(Prefix::Parse("128.0.0.0/0"));
    }
    SECTION("bad lengths")
    {
        CHECK_FALSE(Prefix::Parse("10.0.0.0/33"));
        CHECK_FALSE(Prefix::Parse("10.0.0.0/255"));
        CHECK_FALSE(Prefix::Parse("10.0.0.0/"));
        CHECK_FALSE(Prefix::Parse("10.0.0.0/-1"));
        CHECK_FALSE(Prefix::Parse("10.0.0.0/+8"));
        CHECK_FALSE(Prefix::Parse("10.0.0.0/024x"));
        CHECK_FALSE(Prefix::Parse("10.0.0.0/4294967320")); // 2^32 + 24
    }
    SECTION("junk")
    {
        for (const char* text : {"",
                                 "/",
                                 "10.0.0.0",
                                 "10.0.0/24",
                                 "10.0.0.0.0/24",
                                 "10.0.0.256/24",
                                 "a.b.c.d/8",
                                 "10.0.0.0 /24",
                                 " 10.0.0.0/24",
                                 "10.0.0.0/24 ",
                                 "10..0.0/24",
                                 "10.0.0.0//24",
                                 "1000.0.0.0/8",
                                 "10.0.0.0/2 4",
                                 "0x0a.0.0.0/8",
                                 "10.0.0.0/24\n"})
        {
            CAPTURE(text);
            CHECK_FALSE(Prefix::Parse(text));
        }
        CHECK_FALSE(Prefix::Parse(std::string("10.0.0.0/24\0", 12)));
    }
    SECTION("IsValid of constructed prefixes")
    {
        CHECK(Prefix(Ipv4Address("10.0.0.0"), 24).IsValid());
        CHECK_FALSE(Prefix(Ipv4Address("10.0.0.5"), 24).IsValid());
        CHECK_FALSE(Prefix(Ipv4Address("10.0.0.0"), 33).IsValid());
        CHECK(Prefix().IsValid()); // 0.0.0.0/0
        CHECK(Prefix().ToString() == "0.0.0.0/0");
    }
}

TEST_CASE("HTIP prefix mask and size", "[htip]")
{
    CHECK(P("0.0.0.0/0").GetSize() == 4294967296ull); // 2^32
    CHECK(P("10.0.0.1/32").GetSize() == 1);
    CHECK(P("10.0.0.0/24").GetSize() == 256);
    CHECK(P("10.0.0.0/16").GetSize() == 65536);
    CHECK(P("10.0.0.0/31").GetSize() == 2);
    CHECK(P("0.0.0.0/0").GetMask() == Ipv4Mask("0.0.0.0"));
    CHECK(P("10.0.0.1/32").GetMask() == Ipv4Mask("255.255.255.255"));
    CHECK(P("10.0.0.0/24").GetMask() == Ipv4Mask("255.255.255.0"));
    CHECK(P("10.0.0.0/12").GetMask() == Ipv4Mask("255.240.0.0"));
    CHECK(P("10.0.0.128/25").GetMask() == Ipv4Mask("255.255.255.128"));
}

TEST_CASE("HTIP prefix containment and overlap", "[htip]")
{
    const Prefix a = P("10.0.0.0/24");
    const Prefix b16 = P("10.0.0.0/16");
    SECTION("addresses")
    {
        CHECK(a.Contains(Ipv4Address("10.0.0.0")));
        CHECK(a.Contains(Ipv4Address("10.0.0.255")));
        CHECK_FALSE(a.Contains(Ipv4Address("10.0.1.0")));
        CHECK_FALSE(a.Contains(Ipv4Address("9.255.255.255")));
        CHECK(b16.Contains(Ipv4Address("10.0.200.7")));
        CHECK(P("0.0.0.0/0").Contains(Ipv4Address("203.0.113.9")));
        CHECK(P("10.0.0.7/32").Contains(Ipv4Address("10.0.0.7")));
        CHECK_FALSE(P("10.0.0.7/32").Contains(Ipv4Address("10.0.0.6")));
    }
    SECTION("prefixes: seed 004 case 3, 10.0.0.0/24 inside 10.0.0.0/16 ([0074], [0156])")
    {
        CHECK(b16.Contains(a));
        CHECK_FALSE(a.Contains(b16));
        CHECK(a.Contains(a));
        CHECK(b16.Contains(P("10.0.1.0/24")));
        CHECK(b16.Contains(P("10.0.255.0/24")));
        CHECK_FALSE(b16.Contains(P("10.1.0.0/16")));
        CHECK_FALSE(b16.Contains(P("10.2.0.0/24"))); // [0157]: A's new candidate
        CHECK(P("0.0.0.0/0").Contains(b16));
    }
    SECTION("overlap")
    {
        CHECK(a.Overlaps(b16));
        CHECK(b16.Overlaps(a));
        CHECK(a.Overlaps(a));
        CHECK_FALSE(a.Overlaps(P("10.0.1.0/24")));   // case 1: different prefixes
        CHECK_FALSE(b16.Overlaps(P("10.1.0.0/16"))); // case 3: B in the tunnel
        CHECK_FALSE(b16.Overlaps(P("10.2.0.0/24")));
        CHECK(P("10.0.0.128/25").Overlaps(a));
        CHECK_FALSE(P("10.0.0.128/25").Overlaps(P("10.0.0.0/25")));
        CHECK(P("0.0.0.0/0").Overlaps(P("192.168.1.0/24")));
        CHECK_FALSE(P("192.168.1.1/32").Overlaps(P("192.168.1.2/32")));
    }
}

TEST_CASE("HTIP prefix Map: the 1:1 NAT of seed 004", "[htip]")
{
    // [0146]/[0150]: into the tunnel, 10.0.0.4 becomes 10.0.1.4.
    CHECK(P("10.0.1.0/24").Map(Ipv4Address("10.0.0.4")) == Ipv4Address("10.0.1.4"));
    // [0151]: at B, 10.0.2.5 becomes 10.0.0.5.
    CHECK(P("10.0.0.0/24").Map(Ipv4Address("10.0.2.5")) == Ipv4Address("10.0.0.5"));
    // Case 3 ([0164]): 10.0.0.x <-> 10.2.0.x; a /16 keeps two octets.
    CHECK(P("10.2.0.0/24").Map(Ipv4Address("10.0.0.77")) == Ipv4Address("10.2.0.77"));
    CHECK(P("10.1.0.0/16").Map(Ipv4Address("10.0.3.4")) == Ipv4Address("10.1.3.4"));
    // Extremes: /0 keeps the address, /32 replaces it.
    CHECK(P("0.0.0.0/0").Map(Ipv4Address("1.2.3.4")) == Ipv4Address("1.2.3.4"));
    CHECK(P("9.9.9.9/32").Map(Ipv4Address("1.2.3.4")) == Ipv4Address("9.9.9.9"));
    // /25: the low 7 bits stay (0x85 & 0x7f = 5, 128 + 5 = 133).
    CHECK(P("10.0.0.128/25").Map(Ipv4Address("192.168.1.133")) == Ipv4Address("10.0.0.133"));
}

TEST_CASE("HTIP prefix comparison and printing", "[htip]")
{
    CHECK(P("10.0.0.0/24") == Prefix(Ipv4Address("10.0.0.0"), 24));
    CHECK(P("10.0.0.0/24") != P("10.0.0.0/16"));
    CHECK(P("10.0.0.0/24") != P("10.0.1.0/24"));
    // By network, then length.
    CHECK(P("10.0.0.0/16") < P("10.0.0.0/24"));
    CHECK(P("10.0.0.0/24") < P("10.0.1.0/24"));
    CHECK(P("9.255.0.0/16") < P("10.0.0.0/8"));
    CHECK_FALSE(P("10.0.1.0/24") < P("10.0.0.0/24"));
    CHECK_FALSE(P("10.0.0.0/24") < P("10.0.0.0/24"));
    // 128.0.0.0 sorts after 127.255.255.255 (unsigned, not signed).
    CHECK(P("127.255.255.255/32") < P("128.0.0.0/1"));
    const std::set<Prefix> sorted{
        P("10.0.2.0/24"), P("10.0.0.0/16"), P("10.0.0.0/24"), P("10.0.2.0/24")};
    std::ostringstream os;
    for (const Prefix& p : sorted)
    {
        os << p << ' ';
    }
    CHECK(os.str() == "10.0.0.0/16 10.0.0.0/24 10.0.2.0/24 ");
}
