// SPDX-License-Identifier: GPL-2.0-only
// nat::PrefixTable: the 1:1 prefix rules of seed 004 [0146], [0164].
#include "ns3/nat-prefix-table.h"

#include <catch2/catch.hpp>

using namespace ns3;
using namespace ns3::nat;

namespace
{
const Ipv4Address A("10.0.0.0");
const Ipv4Address A_TUNNEL("10.0.1.0");
constexpr uint32_t TUNNEL_IF = 3;
constexpr uint32_t LAN_IF = 1;
} // namespace

TEST_CASE("Case 2: 10.0.0.x leaves as 10.0.1.x and 10.0.1.y arrives as 10.0.0.y", "[nat]")
{
    // Seed 004 [0146], [0150]-[0151]: gateway A's rule on its tunnel interface.
    PrefixTable t;
    REQUIRE(t.Add({TUNNEL_IF, A, A_TUNNEL, 24}).empty());
    CHECK(t.Outbound(TUNNEL_IF, Ipv4Address("10.0.0.4")) == Ipv4Address("10.0.1.4"));
    CHECK(t.Inbound(TUNNEL_IF, Ipv4Address("10.0.1.4")) == Ipv4Address("10.0.0.4"));
    // The peer's tunnel addresses (10.0.2.5) and other interfaces are not touched.
    CHECK_FALSE(t.Outbound(TUNNEL_IF, Ipv4Address("10.0.2.5")));
    CHECK_FALSE(t.Inbound(TUNNEL_IF, Ipv4Address("10.0.2.5")));
    CHECK_FALSE(t.Outbound(LAN_IF, Ipv4Address("10.0.0.4")));
    auto counters = t.GetCounters(TUNNEL_IF, A, 24);
    REQUIRE(counters);
    CHECK(counters->outbound == 1);
    CHECK(counters->inbound == 1);
}

TEST_CASE("Case 3 with a NAK: a /24 inside a /16 maps host parts exactly", "[nat]")
{
    // Seed 004 [0157]-[0164]: A's 10.0.0.0/24 is 10.2.0.0/24 in the tunnel,
    // B's 10.0.0.0/16 is 10.1.0.0/16.
    PrefixTable a;
    REQUIRE(a.Add({TUNNEL_IF, A, Ipv4Address("10.2.0.0"), 24}).empty());
    CHECK(a.Outbound(TUNNEL_IF, Ipv4Address("10.0.0.4")) == Ipv4Address("10.2.0.4"));
    PrefixTable b;
    REQUIRE(b.Add({TUNNEL_IF, Ipv4Address("10.0.0.0"), Ipv4Address("10.1.0.0"), 16}).empty());
    CHECK(b.Outbound(TUNNEL_IF, Ipv4Address("10.0.200.5")) == Ipv4Address("10.1.200.5"));
    CHECK(b.Inbound(TUNNEL_IF, Ipv4Address("10.1.200.5")) == Ipv4Address("10.0.200.5"));
    CHECK(PrefixTable::Map(Ipv4Address("10.0.3.9"), Ipv4Address("172.16.0.0"), 12) ==
          Ipv4Address("172.16.3.9"));
    CHECK(PrefixTable::Map(Ipv4Address("10.0.3.9"), Ipv4Address("192.0.2.1"), 32) ==
          Ipv4Address("192.0.2.1"));
}

TEST_CASE("Rules are refused when they overlap on an interface or are not prefixes", "[nat]")
{
    PrefixTable t;
    REQUIRE(t.Add({TUNNEL_IF, A, A_TUNNEL, 24}).empty());
    // Claim 15: two tunnels of one gateway must not share a tunnel prefix.
    CHECK_FALSE(t.Add({TUNNEL_IF, Ipv4Address("10.9.0.0"), Ipv4Address("10.0.1.0"), 24}).empty());
    CHECK_FALSE(t.Add({TUNNEL_IF, Ipv4Address("10.0.0.0"), Ipv4Address("10.0.0.0"), 16}).empty());
    CHECK_FALSE(t.Add({LAN_IF, Ipv4Address("10.0.0.1"), A_TUNNEL, 24}).empty()); // host bits
    CHECK_FALSE(t.Add({LAN_IF, A, A_TUNNEL, 33}).empty());
    // Another interface (another tunnel) may use the same own prefix.
    CHECK(t.Add({TUNNEL_IF + 1, A, Ipv4Address("10.0.3.0"), 24}).empty());
    CHECK(t.GetRules().size() == 2);
}

TEST_CASE("Rules come and go while the table is used", "[nat]")
{
    PrefixTable t;
    REQUIRE(t.Add({TUNNEL_IF, A, A_TUNNEL, 24}).empty());
    CHECK(t.HasRules(TUNNEL_IF));
    CHECK(t.Remove(TUNNEL_IF, A, 24));
    CHECK_FALSE(t.Remove(TUNNEL_IF, A, 24));
    CHECK_FALSE(t.HasRules(TUNNEL_IF));
    CHECK_FALSE(t.Outbound(TUNNEL_IF, Ipv4Address("10.0.0.4")));
    REQUIRE(t.Add({TUNNEL_IF, A, A_TUNNEL, 24}).empty());
    REQUIRE(t.Add({TUNNEL_IF, Ipv4Address("192.168.0.0"), Ipv4Address("10.0.5.0"), 24}).empty());
    CHECK(t.RemoveInterface(TUNNEL_IF) == 2);
    CHECK(t.GetRules().empty());
}
