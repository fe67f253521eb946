/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The per-VPN routing oracle of the VR-port results: the tables the seed's
 * route exchange should give (Fig. 3) on small tunnel graphs whose least-cost
 * paths are worked out by hand in each case.
 */
#include "ns3/vr-route-oracle.h"

#include <catch2/catch.hpp>

using ns3::metrics::DiffRoutes;
using ns3::metrics::VrRouteOracle;
using ns3::metrics::VrRouteSet;

namespace
{

void
Tunnel(VrRouteOracle& oracle, const std::string& a, const std::string& b, uint32_t cost = 10)
{
    oracle.AddTunnel(a, b, cost);
    oracle.AddTunnel(b, a, cost);
}

} // namespace

TEST_CASE("Fig. 3: 11a reaches A3 through 21a, 21a reaches A1 through 11a", "[vr]")
{
    // Seed: 21a advertises "A3 -> VR port 21a", 11a advertises "A1 -> 11a".
    VrRouteOracle oracle;
    oracle.AddPort("11a", {"10.1.0.0/24"});
    oracle.AddPort("21a", {"10.3.0.0/24"});
    Tunnel(oracle, "11a", "21a");
    CHECK(oracle.Expected("11a") == VrRouteSet{{"10.1.0.0/24", {""}}, {"10.3.0.0/24", {"21a"}}});
    CHECK(oracle.Expected("21a") == VrRouteSet{{"10.1.0.0/24", {"11a"}}, {"10.3.0.0/24", {""}}});
    CHECK(oracle.Expected("nobody").empty());
}

TEST_CASE("A tunnel up at one end only carries no route", "[vr]")
{
    VrRouteOracle oracle;
    oracle.AddPort("a", {"10.1.0.0/24"});
    oracle.AddPort("b", {"10.2.0.0/24"});
    oracle.AddTunnel("a", "b", 10); // b has not brought its end up
    CHECK(oracle.Expected("a") == VrRouteSet{{"10.1.0.0/24", {""}}});
    CHECK(oracle.Expected("b") == VrRouteSet{{"10.2.0.0/24", {""}}});
}

TEST_CASE("Full mesh: every prefix directly over its own tunnel", "[vr]")
{
    VrRouteOracle oracle;
    oracle.AddPort("a", {"10.1.0.0/24"});
    oracle.AddPort("b", {"10.2.0.0/24", "10.22.0.0/16"});
    oracle.AddPort("c", {"10.3.0.0/24"});
    Tunnel(oracle, "a", "b");
    Tunnel(oracle, "b", "c");
    Tunnel(oracle, "a", "c");
    // Direct 10 beats 20 over the third port.
    CHECK(oracle.Expected("a") == VrRouteSet{{"10.1.0.0/24", {""}},
                                             {"10.2.0.0/24", {"b"}},
                                             {"10.22.0.0/16", {"b"}},
                                             {"10.3.0.0/24", {"c"}}});
}

TEST_CASE("A missing tunnel: the far prefix through the port in between", "[vr]")
{
    VrRouteOracle oracle;
    oracle.AddPort("a", {"10.1.0.0/24"});
    oracle.AddPort("b", {"10.2.0.0/24"});
    oracle.AddPort("c", {"10.3.0.0/24"});
    oracle.AddPort("d", {"10.4.0.0/24"}); // no tunnel at all
    Tunnel(oracle, "a", "b");
    Tunnel(oracle, "b", "c");
    CHECK(oracle.Expected("a") ==
          VrRouteSet{{"10.1.0.0/24", {""}}, {"10.2.0.0/24", {"b"}}, {"10.3.0.0/24", {"b"}}});
    CHECK(oracle.Expected("d") == VrRouteSet{{"10.4.0.0/24", {""}}});
}

TEST_CASE("Equal-cost paths give both next hops; a cheaper detour wins", "[vr]")
{
    // Square a-b-d, a-c-d, cost 10 each: d's prefix from a via b and c (20
    // both ways). With a direct a-d tunnel of cost 30, the two-hop paths
    // still win; at cost 20 all three tie.
    VrRouteOracle square;
    for (const char* p : {"a", "b", "c", "d"})
    {
        square.AddPort(p, {std::string("10.") + p[0] + ".0.0/16"});
    }
    Tunnel(square, "a", "b");
    Tunnel(square, "a", "c");
    Tunnel(square, "b", "d");
    Tunnel(square, "c", "d");
    CHECK(square.Expected("a").at("10.d.0.0/16") == std::set<std::string>{"b", "c"});
    VrRouteOracle detour = square;
    Tunnel(detour, "a", "d", 30);
    CHECK(detour.Expected("a").at("10.d.0.0/16") == std::set<std::string>{"b", "c"});
    VrRouteOracle tie = square;
    Tunnel(tie, "a", "d", 20);
    CHECK(tie.Expected("a").at("10.d.0.0/16") == std::set<std::string>{"b", "c", "d"});
}

TEST_CASE("Directed costs: each end's own interface cost counts", "[vr]")
{
    // a->b costs 50 at a, b->a 10 at b; a->c->b costs 10 + 10.
    VrRouteOracle oracle;
    oracle.AddPort("a", {"10.1.0.0/24"});
    oracle.AddPort("b", {"10.2.0.0/24"});
    oracle.AddPort("c", {"10.3.0.0/24"});
    oracle.AddTunnel("a", "b", 50);
    oracle.AddTunnel("b", "a", 10);
    Tunnel(oracle, "a", "c");
    Tunnel(oracle, "c", "b");
    CHECK(oracle.Expected("a").at("10.2.0.0/24") == std::set<std::string>{"c"});
    CHECK(oracle.Expected("b").at("10.1.0.0/24") == std::set<std::string>{"a"});
}

TEST_CASE("DiffRoutes names missing, extra and different routes", "[vr]")
{
    const VrRouteSet expected{{"10.1.0.0/24", {""}}, {"10.2.0.0/24", {"b"}}};
    CHECK(DiffRoutes(expected, expected).empty());
    const VrRouteSet actual{{"10.1.0.0/24", {""}}, {"10.9.0.0/24", {"c"}}};
    CHECK(DiffRoutes(expected, actual) ==
          std::vector<std::string>{"10.2.0.0/24: expected b, has none",
                                   "10.9.0.0/24: expected none, has c"});
    CHECK(DiffRoutes({{"10.1.0.0/24", {"b", "c"}}}, {{"10.1.0.0/24", {"b"}}}) ==
          std::vector<std::string>{"10.1.0.0/24: expected b, c, has b"});
    CHECK(DiffRoutes({{"10.1.0.0/24", {""}}}, {{"10.1.0.0/24", {"b"}}}) ==
          std::vector<std::string>{"10.1.0.0/24: expected direct, has b"});
}
