// SPDX-License-Identifier: GPL-2.0-only
// The OSPFv2 shortest-path calculation (RFC 2328 section 16.1) without a
// simulator: hand-built areas whose routes follow by hand from the costs
// written in each case, and a few hundred random areas checked against
// Boost.Graph's Dijkstra: every destination's cost, and every route's set of
// next hops equal to the first hops of all shortest paths.
#include "ns3/ospf-lsa.h"
#include "ns3/ospf-spf-engine.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdint>
#include <ctime>
#include <iostream>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <tuple>
#include <vector>

using namespace ns3;
using namespace ns3::ospf;

using NextHop = SpfEngine::NextHop;
using Interface = SpfEngine::Interface;

namespace
{

// ---------------------------------------------------------------- builders

RouterLink
P2p(Ipv4Address neighbor, Ipv4Address ownAddress, uint16_t cost)
{
    RouterLink link;
    link.type = LINK_POINT_TO_POINT;
    link.linkId = neighbor;
    link.linkData = ownAddress;
    link.metric = cost;
    return link;
}

RouterLink
Transit(Ipv4Address drAddress, Ipv4Address ownAddress, uint16_t cost)
{
    RouterLink link;
    link.type = LINK_TRANSIT;
    link.linkId = drAddress;
    link.linkData = ownAddress;
    link.metric = cost;
    return link;
}

RouterLink
Stub(Ipv4Address network, Ipv4Mask mask, uint16_t cost)
{
    RouterLink link;
    link.type = LINK_STUB;
    link.linkId = network;
    link.linkData = Ipv4Address(mask.Get());
    link.metric = cost;
    return link;
}

Lsa
RouterLsa(Ipv4Address id, std::vector<RouterLink> links, uint16_t age = 0)
{
    Lsa lsa;
    lsa.header.SetType(LS_ROUTER);
    lsa.header.SetLinkStateId(id);
    lsa.header.SetAdvertisingRouter(id);
    lsa.header.SetSequenceNumber(INITIAL_SEQUENCE_NUMBER);
    lsa.header.SetAge(age);
    RouterLsaBody body;
    body.links = std::move(links);
    lsa.body = std::move(body);
    return lsa;
}

Lsa
NetworkLsa(Ipv4Address drAddress,
           Ipv4Address drRouter,
           Ipv4Mask mask,
           std::vector<Ipv4Address> attached,
           uint16_t age = 0)
{
    Lsa lsa;
    lsa.header.SetType(LS_NETWORK);
    lsa.header.SetLinkStateId(drAddress);
    lsa.header.SetAdvertisingRouter(drRouter);
    lsa.header.SetSequenceNumber(INITIAL_SEQUENCE_NUMBER);
    lsa.header.SetAge(age);
    NetworkLsaBody body;
    body.mask = mask;
    body.attachedRouters = std::move(attached);
    lsa.body = std::move(body);
    return lsa;
}

Ipv4Address
A(const char* text)
{
    return Ipv4Address(text);
}

Ipv4Mask
M(const char* text)
{
    return Ipv4Mask(text);
}

NextHop
Hop(uint32_t interface, const char* address)
{
    return NextHop{interface, Ipv4Address(address)};
}

NextHop
Direct(uint32_t interface)
{
    return NextHop{interface, Ipv4Address::GetAny()};
}

const SpfEngine::NetworkRoute&
Net(const SpfEngine::Result& r, const char* network, const char* mask)
{
    const SpfEngine::NetworkRoute* route = r.FindNetwork(A(network), M(mask));
    INFO("route to " << network << "/" << mask);
    REQUIRE(route != nullptr);
    return *route;
}

const SpfEngine::RouterRoute&
Rtr(const SpfEngine::Result& r, const char* id)
{
    const SpfEngine::RouterRoute* route = r.FindRouter(A(id));
    INFO("route to router " << id);
    REQUIRE(route != nullptr);
    return *route;
}

Ipv4Address
ParentOf(const SpfEngine::Result& r, SpfEngine::TreeVertex::Type type, const char* id)
{
    auto index = r.FindVertex(type, A(id));
    REQUIRE(index.has_value());
    REQUIRE(r.tree[*index].parent.has_value());
    return r.tree[r.tree[*index].parent.value()].id;
}

constexpr auto ROUTER = SpfEngine::TreeVertex::ROUTER;
constexpr auto NETWORK = SpfEngine::TreeVertex::NETWORK;

} // namespace

// ---------------------------------------------------------------- hand cases

// R1 (root) -- LAN 10.0.0.0/24 (DR R2 at 10.0.0.2) -- R2, R3; R3 -p2p- R4.
//   R1: transit cost 10 (if 1, 10.0.0.1), stub 192.168.1.0/24 cost 1 (if 2)
//   R2: transit cost 10, stub 172.16.2.0/24 cost 5
//   R3: transit cost 1, p2p to R4 cost 2 (10.1.0.1/30), its stub cost 2
//   R4: p2p to R3 cost 2 (10.1.0.2/30), its stub cost 2, 172.16.4.0/24 cost 1
TEST_CASE("SPF: a transit network and stub networks", "[ospf][spf]")
{
    std::vector<Lsa> lsas = {
        RouterLsa(A("1.1.1.1"),
                  {Transit(A("10.0.0.2"), A("10.0.0.1"), 10),
                   Stub(A("192.168.1.0"), M("255.255.255.0"), 1)}),
        RouterLsa(A("2.2.2.2"),
                  {Transit(A("10.0.0.2"), A("10.0.0.2"), 10),
                   Stub(A("172.16.2.0"), M("255.255.255.0"), 5)}),
        RouterLsa(A("3.3.3.3"),
                  {Transit(A("10.0.0.2"), A("10.0.0.3"), 1),
                   P2p(A("4.4.4.4"), A("10.1.0.1"), 2),
                   Stub(A("10.1.0.0"), M("255.255.255.252"), 2)}),
        RouterLsa(A("4.4.4.4"),
                  {P2p(A("3.3.3.3"), A("10.1.0.2"), 2),
                   Stub(A("10.1.0.0"), M("255.255.255.252"), 2),
                   Stub(A("172.16.4.0"), M("255.255.255.0"), 1)}),
        NetworkLsa(A("10.0.0.2"),
                   A("2.2.2.2"),
                   M("255.255.255.0"),
                   {A("2.2.2.2"), A("1.1.1.1"), A("3.3.3.3")}),
    };
    SpfEngine engine(A("1.1.1.1"),
                     {Interface{1, A("10.0.0.1"), M("255.255.255.0")},
                      Interface{2, A("192.168.1.1"), M("255.255.255.0")}});
    SpfEngine::Result r = engine.Compute(lsas);
    INFO(r);

    // The LAN is directly connected (16.1.1: parent is the root).
    const auto& lan = Net(r, "10.0.0.0", "255.255.255.0");
    CHECK(lan.cost == 10);
    CHECK(lan.pathType == SpfEngine::PATH_INTRA_AREA);
    CHECK(lan.nextHops == std::vector<NextHop>{Direct(1)});
    CHECK(lan.origin.type == LS_NETWORK);
    CHECK(lan.origin.linkStateId == A("10.0.0.2"));
    // Routers on the LAN: their own addresses on it (the transit links'
    // Link Data), over the LAN's interface. The network costs 0 to leave.
    CHECK(Rtr(r, "2.2.2.2").cost == 10);
    CHECK(Rtr(r, "2.2.2.2").nextHops == std::vector<NextHop>{Hop(1, "10.0.0.2")});
    CHECK(Rtr(r, "3.3.3.3").cost == 10);
    CHECK(Rtr(r, "3.3.3.3").nextHops == std::vector<NextHop>{Hop(1, "10.0.0.3")});
    // Beyond R3 the next hop is inherited.
    CHECK(Rtr(r, "4.4.4.4").cost == 12);
    CHECK(Rtr(r, "4.4.4.4").nextHops == std::vector<NextHop>{Hop(1, "10.0.0.3")});
    CHECK(Rtr(r, "1.1.1.1").cost == 0);
    CHECK(Rtr(r, "1.1.1.1").nextHops.empty());
    CHECK(r.routers.size() == 4);

    // Stage 2: stubs at the advertising router's distance plus their cost.
    CHECK(Net(r, "192.168.1.0", "255.255.255.0").cost == 1);
    CHECK(Net(r, "192.168.1.0", "255.255.255.0").nextHops == std::vector<NextHop>{Direct(2)});
    CHECK(Net(r, "172.16.2.0", "255.255.255.0").cost == 15);
    CHECK(Net(r, "172.16.2.0", "255.255.255.0").First() == Hop(1, "10.0.0.2"));
    CHECK(Net(r, "172.16.4.0", "255.255.255.0").cost == 13);
    CHECK(Net(r, "172.16.4.0", "255.255.255.0").First() == Hop(1, "10.0.0.3"));
    CHECK(Net(r, "172.16.4.0", "255.255.255.0").origin.advertisingRouter == A("4.4.4.4"));
    // The point-to-point subnet from both ends: via R3 10 + 2 beats via R4
    // 12 + 2, and the larger cost does not replace the smaller.
    const auto& p2p = Net(r, "10.1.0.0", "255.255.255.252");
    CHECK(p2p.cost == 12);
    CHECK(p2p.nextHops == std::vector<NextHop>{Hop(1, "10.0.0.3")});
    CHECK(p2p.origin.advertisingRouter == A("3.3.3.3"));
    CHECK(r.networks.size() == 5);

    // The tree: root, the LAN, the routers on it, R4 behind R3.
    REQUIRE(r.tree.size() == 5);
    CHECK(r.tree[0].id == A("1.1.1.1"));
    CHECK_FALSE(r.tree[0].parent.has_value());
    CHECK(ParentOf(r, NETWORK, "10.0.0.2") == A("1.1.1.1"));
    CHECK(ParentOf(r, ROUTER, "2.2.2.2") == A("10.0.0.2"));
    CHECK(ParentOf(r, ROUTER, "3.3.3.3") == A("10.0.0.2"));
    CHECK(ParentOf(r, ROUTER, "4.4.4.4") == A("3.3.3.3"));
}

// Step 2b: "If the LSA does not exist, or its LS age is equal to MaxAge, or
// it does not have a link back to vertex V, examine the next link".
TEST_CASE("SPF: a one-way link is not used (16.1 step 2b)", "[ospf][spf]")
{
    // R1 -p2p(1)- R2 both ways. R2 lists R3 but R3 lists only R1, which in
    // turn does not list R3. R4 claims the LAN of DR R2 (10.9.0.0/24), whose
    // Network-LSA does not list R4; R5 is listed but has no transit link.
    // A second LAN of R2 (10.8.0.0/24), which R1 is not on, lists R6, which
    // has no transit link to it either.
    std::vector<Lsa> lsas = {
        RouterLsa(A("1.1.1.1"),
                  {P2p(A("2.2.2.2"), A("10.0.12.1"), 1), Transit(A("10.9.0.2"), A("10.9.0.1"), 1)}),
        RouterLsa(A("2.2.2.2"),
                  {P2p(A("1.1.1.1"), A("10.0.12.2"), 1),
                   P2p(A("3.3.3.3"), A("10.0.23.2"), 1),
                   Transit(A("10.9.0.2"), A("10.9.0.2"), 1),
                   Transit(A("10.8.0.2"), A("10.8.0.2"), 1)}),
        RouterLsa(A("6.6.6.6"), {Stub(A("172.16.6.0"), M("255.255.255.0"), 1)}),
        NetworkLsa(A("10.8.0.2"), A("2.2.2.2"), M("255.255.255.0"), {A("2.2.2.2"), A("6.6.6.6")}),
        RouterLsa(
            A("3.3.3.3"),
            {P2p(A("1.1.1.1"), A("10.0.13.3"), 1), Stub(A("172.16.3.0"), M("255.255.255.0"), 1)}),
        RouterLsa(A("4.4.4.4"),
                  {Transit(A("10.9.0.2"), A("10.9.0.4"), 1),
                   Stub(A("172.16.4.0"), M("255.255.255.0"), 1)}),
        RouterLsa(A("5.5.5.5"), {Stub(A("172.16.5.0"), M("255.255.255.0"), 1)}),
        NetworkLsa(A("10.9.0.2"),
                   A("2.2.2.2"),
                   M("255.255.255.0"),
                   {A("2.2.2.2"), A("1.1.1.1"), A("5.5.5.5")}),
    };
    SpfEngine engine(A("1.1.1.1"),
                     {Interface{1, A("10.0.12.1"), M("255.255.255.252")},
                      Interface{2, A("10.9.0.1"), M("255.255.255.0")}});
    SpfEngine::Result r = engine.Compute(lsas);
    INFO(r);

    CHECK(Rtr(r, "2.2.2.2").cost == 1);
    CHECK(r.FindRouter(A("3.3.3.3")) == nullptr);
    CHECK(r.FindNetwork(A("172.16.3.0"), M("255.255.255.0")) == nullptr);
    CHECK(r.FindRouter(A("4.4.4.4")) == nullptr);
    CHECK(r.FindNetwork(A("172.16.4.0"), M("255.255.255.0")) == nullptr);
    CHECK(r.FindRouter(A("5.5.5.5")) == nullptr);
    CHECK(r.FindNetwork(A("172.16.5.0"), M("255.255.255.0")) == nullptr);
    CHECK(r.FindRouter(A("6.6.6.6")) == nullptr);
    CHECK(r.FindNetwork(A("172.16.6.0"), M("255.255.255.0")) == nullptr);
    CHECK(Net(r, "10.9.0.0", "255.255.255.0").cost == 1);
    CHECK(Net(r, "10.8.0.0", "255.255.255.0").cost == 2);
    CHECK(r.routers.size() == 2);
    CHECK(r.tree.size() == 4);
}

TEST_CASE("SPF: LSAs at MaxAge are ignored (16.1 step 2b)", "[ospf][spf]")
{
    // R1 -1- R2 -1- R3 and R1 -5- R4 -5- R3; R3 has a stub of cost 1. With
    // R2's LSA at MaxAge the path through R2 goes and R3 costs 10.
    auto build = [](uint16_t r2Age, uint16_t lanAge) {
        return std::vector<Lsa>{
            RouterLsa(A("1.1.1.1"),
                      {P2p(A("2.2.2.2"), A("10.0.12.1"), 1),
                       P2p(A("4.4.4.4"), A("10.0.14.1"), 5),
                       Transit(A("10.9.0.1"), A("10.9.0.1"), 1)}),
            RouterLsa(A("2.2.2.2"),
                      {P2p(A("1.1.1.1"), A("10.0.12.2"), 1),
                       P2p(A("3.3.3.3"), A("10.0.23.2"), 1),
                       Stub(A("172.16.2.0"), M("255.255.255.0"), 1)},
                      r2Age),
            RouterLsa(A("3.3.3.3"),
                      {P2p(A("2.2.2.2"), A("10.0.23.3"), 1),
                       P2p(A("4.4.4.4"), A("10.0.34.3"), 5),
                       Stub(A("172.16.3.0"), M("255.255.255.0"), 1)}),
            RouterLsa(A("4.4.4.4"),
                      {P2p(A("1.1.1.1"), A("10.0.14.4"), 5), P2p(A("3.3.3.3"), A("10.0.34.4"), 5)}),
            // A LAN of DR R1 with R5 on it.
            RouterLsa(A("5.5.5.5"),
                      {Transit(A("10.9.0.1"), A("10.9.0.5"), 1),
                       Stub(A("172.16.5.0"), M("255.255.255.0"), 1)}),
            NetworkLsa(A("10.9.0.1"),
                       A("1.1.1.1"),
                       M("255.255.255.0"),
                       {A("1.1.1.1"), A("5.5.5.5")},
                       lanAge),
        };
    };
    SpfEngine engine(A("1.1.1.1"),
                     {Interface{1, A("10.0.12.1"), M("255.255.255.0")},
                      Interface{2, A("10.0.14.1"), M("255.255.255.0")},
                      Interface{3, A("10.9.0.1"), M("255.255.255.0")}});

    SpfEngine::Result fresh = engine.Compute(build(MAX_AGE - 1, 0));
    CHECK(Rtr(fresh, "3.3.3.3").cost == 2);
    CHECK(Rtr(fresh, "3.3.3.3").nextHops == std::vector<NextHop>{Hop(1, "10.0.12.2")});
    CHECK(Net(fresh, "172.16.2.0", "255.255.255.0").cost == 2);
    CHECK(Rtr(fresh, "5.5.5.5").cost == 1);
    CHECK(Rtr(fresh, "5.5.5.5").nextHops == std::vector<NextHop>{Hop(3, "10.9.0.5")});

    SpfEngine::Result aged = engine.Compute(build(MAX_AGE, MAX_AGE));
    INFO(aged);
    CHECK(aged.FindRouter(A("2.2.2.2")) == nullptr);
    CHECK(aged.FindNetwork(A("172.16.2.0"), M("255.255.255.0")) == nullptr);
    CHECK(Rtr(aged, "3.3.3.3").cost == 10);
    CHECK(Rtr(aged, "3.3.3.3").nextHops == std::vector<NextHop>{Hop(2, "10.0.14.4")});
    CHECK(Net(aged, "172.16.3.0", "255.255.255.0").cost == 11);
    // The LAN's Network-LSA at MaxAge: neither the LAN nor R5 behind it.
    CHECK(aged.FindNetwork(A("10.9.0.0"), M("255.255.255.0")) == nullptr);
    CHECK(aged.FindRouter(A("5.5.5.5")) == nullptr);
}

TEST_CASE("SPF: equal-cost next hops, all kept, in address then interface order", "[ospf][spf]")
{
    // R1 reaches R4 through R2 (interface 2) and R3 (interface 1), 5 + 5
    // each way. R1 has two unnumbered links (interfaces 7 and 6) to R5,
    // cost 3 each. R6 is as far through R4 (10 + 1) as through R5 (3 + 8).
    std::vector<Lsa> lsas = {
        RouterLsa(A("1.1.1.1"),
                  {P2p(A("3.3.3.3"), A("10.0.13.1"), 5),
                   P2p(A("2.2.2.2"), A("10.0.12.1"), 5),
                   P2p(A("5.5.5.5"), Ipv4Address(7), 3),
                   P2p(A("5.5.5.5"), Ipv4Address(6), 3)}),
        RouterLsa(A("2.2.2.2"),
                  {P2p(A("1.1.1.1"), A("10.0.12.2"), 5), P2p(A("4.4.4.4"), A("10.0.24.2"), 5)}),
        RouterLsa(A("3.3.3.3"),
                  {P2p(A("1.1.1.1"), A("10.0.13.3"), 5), P2p(A("4.4.4.4"), A("10.0.34.3"), 5)}),
        RouterLsa(A("4.4.4.4"),
                  {P2p(A("2.2.2.2"), A("10.0.24.4"), 5),
                   P2p(A("3.3.3.3"), A("10.0.34.4"), 5),
                   P2p(A("6.6.6.6"), A("10.0.46.4"), 1),
                   Stub(A("172.16.4.0"), M("255.255.255.0"), 1)}),
        RouterLsa(A("5.5.5.5"),
                  {P2p(A("1.1.1.1"), Ipv4Address(1), 3),
                   P2p(A("1.1.1.1"), Ipv4Address(2), 3),
                   P2p(A("6.6.6.6"), A("10.0.56.5"), 8)}),
        RouterLsa(A("6.6.6.6"),
                  {P2p(A("4.4.4.4"), A("10.0.46.6"), 1),
                   P2p(A("5.5.5.5"), A("10.0.56.6"), 8),
                   Stub(A("172.16.6.0"), M("255.255.255.0"), 1)}),
    };
    SpfEngine engine(A("1.1.1.1"),
                     {Interface{1, A("10.0.13.1"), M("255.255.255.0")},
                      Interface{2, A("10.0.12.1"), M("255.255.255.0")},
                      Interface{6, Ipv4Address::GetAny(), Ipv4Mask::GetZero()},
                      Interface{7, Ipv4Address::GetAny(), Ipv4Mask::GetZero()}});
    SpfEngine::Result r = engine.Compute(lsas);
    INFO(r);

    // "Equal to the value that appears for vertex W on the candidate list,
    // calculate the set of next hops ... and add it to W's set" (2d).
    const auto& r4 = Rtr(r, "4.4.4.4");
    CHECK(r4.cost == 10);
    // 10.0.12.2 < 10.0.13.3, though it leaves by the higher interface.
    CHECK(r4.nextHops == std::vector<NextHop>{Hop(2, "10.0.12.2"), Hop(1, "10.0.13.3")});
    CHECK(Net(r, "172.16.4.0", "255.255.255.0").nextHops == r4.nextHops);
    CHECK(Net(r, "172.16.4.0", "255.255.255.0").First() == Hop(2, "10.0.12.2"));

    // Unnumbered parallel links: no next-hop address; interface ascending.
    const auto& r5 = Rtr(r, "5.5.5.5");
    CHECK(r5.cost == 3);
    CHECK(r5.nextHops == std::vector<NextHop>{Direct(6), Direct(7)});

    // R6: 10 + 1 via R4 and 3 + 8 via R5 tie at 11: four next hops, the
    // address-less ones first.
    const auto& r6 = Rtr(r, "6.6.6.6");
    CHECK(r6.cost == 11);
    CHECK(r6.nextHops ==
          std::vector<NextHop>{Direct(6), Direct(7), Hop(2, "10.0.12.2"), Hop(1, "10.0.13.3")});
    CHECK(Net(r, "172.16.6.0", "255.255.255.0").cost == 12);
    CHECK(Net(r, "172.16.6.0", "255.255.255.0").nextHops == r6.nextHops);
    // The tree parent is the first at the final distance to join the tree:
    // R5 (3) before R4 (10).
    CHECK(ParentOf(r, ROUTER, "6.6.6.6") == A("5.5.5.5"));
    auto r6Index = r.FindVertex(ROUTER, A("6.6.6.6"));
    REQUIRE(r6Index);
    CHECK(r.tree[*r6Index].parents.size() == 2);
}

// Step 3: "when there is a choice of vertices closest to the root, network
// vertices must be chosen before router vertices in order to necessarily
// find all equal-cost paths".
TEST_CASE("SPF: a network vertex leaves the candidate list before a router at equal cost",
          "[ospf][spf]")
{
    // R1 -1- R2 -1- W and R1 -2- LAN (DR W at 10.0.0.9) with W on it: W is
    // at 2 both ways, so is the LAN. W's ID (1.0.0.9) is below the LAN's
    // (10.0.0.9), so an ID-only tie-break would take W first and lose the
    // hop across the LAN.
    std::vector<Lsa> lsas = {
        RouterLsa(A("1.1.1.1"),
                  {P2p(A("2.2.2.2"), A("10.0.12.1"), 1), Transit(A("10.0.0.9"), A("10.0.0.1"), 2)}),
        RouterLsa(A("2.2.2.2"),
                  {P2p(A("1.1.1.1"), A("10.0.12.2"), 1), P2p(A("1.0.0.9"), A("10.0.29.2"), 1)}),
        RouterLsa(A("1.0.0.9"),
                  {P2p(A("2.2.2.2"), A("10.0.29.9"), 1),
                   Transit(A("10.0.0.9"), A("10.0.0.9"), 1),
                   Stub(A("172.16.9.0"), M("255.255.255.0"), 1)}),
        NetworkLsa(A("10.0.0.9"), A("1.0.0.9"), M("255.255.255.0"), {A("1.0.0.9"), A("1.1.1.1")}),
    };
    SpfEngine engine(A("1.1.1.1"),
                     {Interface{1, A("10.0.12.1"), M("255.255.255.0")},
                      Interface{2, A("10.0.0.1"), M("255.255.255.0")}});
    SpfEngine::Result r = engine.Compute(lsas);
    INFO(r);

    CHECK(Rtr(r, "1.0.0.9").cost == 2);
    CHECK(Rtr(r, "1.0.0.9").nextHops ==
          std::vector<NextHop>{Hop(2, "10.0.0.9"), Hop(1, "10.0.12.2")});
    CHECK(Net(r, "172.16.9.0", "255.255.255.0").nextHops == Rtr(r, "1.0.0.9").nextHops);
    CHECK(Net(r, "10.0.0.0", "255.255.255.0").nextHops == std::vector<NextHop>{Direct(2)});
    auto lan = r.FindVertex(NETWORK, A("10.0.0.9"));
    auto w = r.FindVertex(ROUTER, A("1.0.0.9"));
    REQUIRE(lan);
    REQUIRE(w);
    CHECK(*lan < *w);
}

// Modelled on the sample AS of RFC 2328 (Figure 2, its graph in Figure 3),
// one area, seen from RT6; the external networks, N10 and the numbered
// point-to-point links are left out. The costs below were written from the
// figure as remembered (its text was not at hand to check); the expected
// distances follow from these costs by hand, and agree with RT6's routing
// table in the RFC (Table 2) as remembered: N1 10, N2 10, N3 7, N4 8, N6 8,
// N7 12, N8 10, N9 11, N11 14, H1 21; first hops RT3 for N1-N4, RT10 for
// N6-H1.
TEST_CASE("SPF: the RFC 2328 sample AS from RT6", "[ospf][spf]")
{
    auto rt = [](int n) {
        return Ipv4Address(0xC0000000u + n);
    }; // 192.0.0.n
    // Point-to-point link a-b: 10.a.b.0/24, a at .1, b at .2.
    auto p2p = [&rt](int self, int other, uint16_t cost) {
        int a = std::min(self, other);
        int b = std::max(self, other);
        uint32_t subnet = 0x0A000000u + (a << 16) + (b << 8);
        return P2p(rt(other), Ipv4Address(subnet + (self == a ? 1 : 2)), cost);
    };
    // Transit networks: N3 10.3.0.0/24, N6 10.6.0.0/24, ...; router n at .n,
    // the DR the lowest-numbered router on it.
    auto lan = [](int net, int router) {
        return Ipv4Address(0x0A000000u + (net << 16) + router);
    };
    auto transit = [&lan](int net, int dr, int self, uint16_t cost) {
        return Transit(lan(net, dr), lan(net, self), cost);
    };
    Ipv4Mask m24("255.255.255.0");
    std::vector<Lsa> lsas = {
        RouterLsa(rt(1), {transit(3, 1, 1, 1), Stub(A("192.168.1.0"), m24, 3)}),
        RouterLsa(rt(2), {transit(3, 1, 2, 1), Stub(A("192.168.2.0"), m24, 3)}),
        RouterLsa(rt(3), {transit(3, 1, 3, 1), p2p(3, 6, 8), Stub(A("192.168.4.0"), m24, 2)}),
        RouterLsa(rt(4), {transit(3, 1, 4, 1), p2p(4, 5, 8)}),
        RouterLsa(rt(5), {p2p(5, 4, 8), p2p(5, 6, 7), p2p(5, 7, 6)}),
        RouterLsa(rt(6), {p2p(6, 3, 6), p2p(6, 5, 6), p2p(6, 10, 7)}),
        RouterLsa(rt(7), {p2p(7, 5, 6), transit(6, 7, 7, 1)}),
        RouterLsa(rt(8), {transit(6, 7, 8, 1), Stub(A("192.168.7.0"), m24, 4)}),
        RouterLsa(rt(9), {transit(9, 9, 9, 1), Stub(A("192.168.11.0"), m24, 3)}),
        RouterLsa(rt(10), {p2p(10, 6, 5), transit(6, 7, 10, 1), transit(8, 10, 10, 3)}),
        RouterLsa(rt(11), {transit(8, 10, 11, 2), transit(9, 9, 11, 1)}),
        RouterLsa(rt(12),
                  {transit(9, 9, 12, 1), Stub(A("192.168.200.1"), M("255.255.255.255"), 10)}),
        NetworkLsa(lan(3, 1), rt(1), m24, {rt(1), rt(2), rt(3), rt(4)}),
        NetworkLsa(lan(6, 7), rt(7), m24, {rt(7), rt(8), rt(10)}),
        NetworkLsa(lan(8, 10), rt(10), m24, {rt(10), rt(11)}),
        NetworkLsa(lan(9, 9), rt(9), m24, {rt(9), rt(11), rt(12)}),
    };
    // RT6's interfaces: 1 to RT3, 2 to RT5, 3 to RT10.
    SpfEngine engine(rt(6),
                     {Interface{1, A("10.3.6.2"), m24},
                      Interface{2, A("10.5.6.2"), m24},
                      Interface{3, A("10.6.10.1"), m24}});
    SpfEngine::Result r = engine.Compute(lsas);
    INFO(r);

    const NextHop viaRt3 = Hop(1, "10.3.6.1");
    const NextHop viaRt10 = Hop(3, "10.6.10.2");
    struct Expected
    {
        const char* name;
        const char* network;
        const char* mask;
        uint32_t cost;
        NextHop hop;
    };
    for (const Expected& e : std::vector<Expected>{
             {"N1", "192.168.1.0", "255.255.255.0", 10, viaRt3},
             {"N2", "192.168.2.0", "255.255.255.0", 10, viaRt3},
             {"N3", "10.3.0.0", "255.255.255.0", 7, viaRt3},
             {"N4", "192.168.4.0", "255.255.255.0", 8, viaRt3},
             {"N6", "10.6.0.0", "255.255.255.0", 8, viaRt10},
             {"N7", "192.168.7.0", "255.255.255.0", 12, viaRt10},
             {"N8", "10.8.0.0", "255.255.255.0", 10, viaRt10},
             {"N9", "10.9.0.0", "255.255.255.0", 11, viaRt10},
             {"N11", "192.168.11.0", "255.255.255.0", 14, viaRt10},
             {"H1", "192.168.200.1", "255.255.255.255", 21, viaRt10},
         })
    {
        INFO(e.name);
        const auto& route = Net(r, e.network, e.mask);
        CHECK(route.cost == e.cost);
        CHECK(route.nextHops == std::vector<NextHop>{e.hop});
    }
    CHECK(r.networks.size() == 10);
    // Routers: RT5 over the direct link (6), RT4 across N3 (6 + 1 + 0, not
    // 6 + 8 through RT5), RT7 across N6 (7 + 1, not 6 + 6 through RT5).
    CHECK(Rtr(r, "192.0.0.5").cost == 6);
    CHECK(Rtr(r, "192.0.0.5").nextHops == std::vector<NextHop>{Hop(2, "10.5.6.1")});
    CHECK(Rtr(r, "192.0.0.4").cost == 7);
    CHECK(Rtr(r, "192.0.0.4").nextHops == std::vector<NextHop>{viaRt3});
    CHECK(Rtr(r, "192.0.0.7").cost == 8);
    CHECK(Rtr(r, "192.0.0.7").nextHops == std::vector<NextHop>{viaRt10});
    CHECK(Rtr(r, "192.0.0.12").cost == 11);
    CHECK(r.routers.size() == 12);
    // The tree of RFC Figure 5: RT4 hangs off N3, RT7 off N6, N9 off RT11.
    CHECK(ParentOf(r, ROUTER, "192.0.0.4") == lan(3, 1));
    CHECK(ParentOf(r, ROUTER, "192.0.0.7") == lan(6, 7));
    CHECK(ParentOf(r, NETWORK, "10.9.0.9") == A("192.0.0.11"));
    CHECK(r.tree.size() == 16);
}

TEST_CASE("SPF: a root without a Router-LSA reaches nothing", "[ospf][spf]")
{
    std::vector<Lsa> lsas = {
        RouterLsa(A("2.2.2.2"), {P2p(A("1.1.1.1"), A("10.0.12.2"), 1)}),
        RouterLsa(A("1.1.1.1"), {P2p(A("2.2.2.2"), A("10.0.12.1"), 1)}, MAX_AGE),
    };
    SpfEngine engine(A("1.1.1.1"), {Interface{1, A("10.0.12.1"), M("255.255.255.0")}});
    SpfEngine::Result r = engine.Compute(lsas);
    CHECK(r.networks.empty());
    REQUIRE(r.routers.size() == 1);
    CHECK(Rtr(r, "1.1.1.1").cost == 0);
    REQUIRE(r.tree.size() == 1);
    CHECK(r.tree[0].id == A("1.1.1.1"));
}

TEST_CASE("SPF: two Network-LSAs for one IP network keep the larger Link State ID", "[ospf][spf]")
{
    // 16.1 step 4: "the current routing table entry should be overwritten if
    // and only if the newly found path is just as short and the current
    // routing table entry's Link State Origin has a smaller Link State ID".
    // R1 is on 10.0.0.0/24 twice over (two interfaces), once with DR R2 at
    // .2, once with DR R3 at .3, both at cost 4.
    std::vector<Lsa> lsas = {
        RouterLsa(
            A("1.1.1.1"),
            {Transit(A("10.0.0.2"), A("10.0.0.1"), 4), Transit(A("10.0.0.3"), A("10.0.0.11"), 4)}),
        RouterLsa(A("2.2.2.2"), {Transit(A("10.0.0.2"), A("10.0.0.2"), 1)}),
        RouterLsa(A("3.3.3.3"), {Transit(A("10.0.0.3"), A("10.0.0.3"), 1)}),
        NetworkLsa(A("10.0.0.2"), A("2.2.2.2"), M("255.255.255.0"), {A("2.2.2.2"), A("1.1.1.1")}),
        NetworkLsa(A("10.0.0.3"), A("3.3.3.3"), M("255.255.255.0"), {A("3.3.3.3"), A("1.1.1.1")}),
    };
    SpfEngine engine(A("1.1.1.1"),
                     {Interface{1, A("10.0.0.1"), M("255.255.255.0")},
                      Interface{2, A("10.0.0.11"), M("255.255.255.0")}});
    SpfEngine::Result r = engine.Compute(lsas);
    INFO(r);
    const auto& route = Net(r, "10.0.0.0", "255.255.255.0");
    CHECK(route.cost == 4);
    CHECK(route.origin.linkStateId == A("10.0.0.3"));
    CHECK(route.nextHops == std::vector<NextHop>{Direct(2)});
    CHECK(Rtr(r, "2.2.2.2").nextHops == std::vector<NextHop>{Hop(1, "10.0.0.2")});
    CHECK(Rtr(r, "3.3.3.3").nextHops == std::vector<NextHop>{Hop(2, "10.0.0.3")});
}

TEST_CASE("SPF: which copy of a duplicated LSA is used", "[ospf][spf]")
{
    // Two Network-LSAs for the LAN of address 10.0.0.2: the DR R2 claims it
    // (its transit link has Link ID = Link Data = 10.0.0.2) and lists R1;
    // a stale one from R3 (higher router ID, not claiming it) lists R3. R3
    // links to the LAN but is on the used Network-LSA only through R2's
    // copy, which does not list it: R3 is not reached over the LAN.
    // R4's Router-LSA comes twice; the newer copy (higher sequence number)
    // has the link back to R1. A Router-LSA whose Link State ID is not its
    // advertising router is not used (RFC 12.1.4: "the Link State ID is the
    // router's OSPF Router ID").
    Lsa oldR4 = RouterLsa(A("4.4.4.4"), {Stub(A("172.16.4.0"), M("255.255.255.0"), 1)});
    Lsa newR4 = RouterLsa(
        A("4.4.4.4"),
        {P2p(A("1.1.1.1"), A("10.0.14.4"), 1), Stub(A("172.16.4.0"), M("255.255.255.0"), 1)});
    newR4.header.SetSequenceNumber(INITIAL_SEQUENCE_NUMBER + 1);
    Lsa forged = RouterLsa(A("5.5.5.5"), {P2p(A("1.1.1.1"), A("10.0.15.5"), 1)});
    forged.header.SetAdvertisingRouter(A("4.4.4.4"));
    std::vector<Lsa> lsas = {
        RouterLsa(A("1.1.1.1"),
                  {Transit(A("10.0.0.2"), A("10.0.0.1"), 1),
                   P2p(A("4.4.4.4"), A("10.0.14.1"), 1),
                   P2p(A("5.5.5.5"), A("10.0.15.1"), 1)}),
        RouterLsa(A("2.2.2.2"), {Transit(A("10.0.0.2"), A("10.0.0.2"), 1)}),
        RouterLsa(A("3.3.3.3"), {Transit(A("10.0.0.2"), A("10.0.0.3"), 1)}),
        NetworkLsa(A("10.0.0.2"), A("3.3.3.3"), M("255.255.255.0"), {A("3.3.3.3"), A("1.1.1.1")}),
        NetworkLsa(A("10.0.0.2"), A("2.2.2.2"), M("255.255.255.0"), {A("2.2.2.2"), A("1.1.1.1")}),
        newR4,
        oldR4,
        forged,
    };
    SpfEngine engine(A("1.1.1.1"),
                     {Interface{1, A("10.0.0.1"), M("255.255.255.0")},
                      Interface{2, A("10.0.14.1"), M("255.255.255.0")},
                      Interface{3, A("10.0.15.1"), M("255.255.255.0")}});
    SpfEngine::Result r = engine.Compute(lsas);
    INFO(r);
    CHECK(Net(r, "10.0.0.0", "255.255.255.0").origin.advertisingRouter == A("2.2.2.2"));
    CHECK(Rtr(r, "2.2.2.2").nextHops == std::vector<NextHop>{Hop(1, "10.0.0.2")});
    CHECK(r.FindRouter(A("3.3.3.3")) == nullptr);
    CHECK(Rtr(r, "4.4.4.4").nextHops == std::vector<NextHop>{Hop(2, "10.0.14.4")});
    CHECK(Net(r, "172.16.4.0", "255.255.255.0").cost == 2);
    CHECK(r.FindRouter(A("5.5.5.5")) == nullptr);
}

// ---------------------------------------------------------------- oracle

namespace
{

/// A random area: routers, point-to-point links, broadcast segments and
/// stub networks, with a few faults (one-way links, routers missing from a
/// Network-LSA, LSAs at MaxAge). It gives both the LSAs and the graph the
/// RFC's rules make of them, for Boost's Dijkstra.
struct RandomArea
{
    struct Router
    {
        uint32_t id = 0;
        bool maxAge = false;
        uint32_t nextIf = 1;
        std::vector<Interface> interfaces;
    };

    struct Link
    {
        uint32_t a, b;
        uint16_t costA, costB;
        uint32_t ifA, ifB;
        uint32_t addrA, addrB;
        bool advA = true, advB = true;
        uint32_t prefix; ///< index into prefixes (its /30)
    };

    struct Member
    {
        uint32_t router;
        uint32_t ifIndex;
        uint32_t address;
        uint16_t cost;
        bool listed = true;     ///< in the Network-LSA
        bool advertises = true; ///< its transit link in its Router-LSA
    };

    struct Segment
    {
        uint32_t network; ///< 172.16.k.0
        std::vector<Member> members;
        std::size_t dr = 0; ///< index into members
        bool maxAge = false;
    };

    struct StubLink
    {
        uint32_t router;
        uint32_t prefix;
        uint16_t cost;
        uint32_t ifIndex;
        int link = -1; ///< the point-to-point link it belongs to, if any
    };

    std::vector<Router> routers;
    std::vector<Link> links;
    std::vector<Segment> segments;
    std::vector<StubLink> stubs;
    std::vector<SpfEngine::Prefix> prefixes;

    uint32_t
    AddInterface(uint32_t router, uint32_t address, uint32_t mask)
    {
        Router& r = routers[router];
        uint32_t index = r.nextIf++;
        r.interfaces.push_back(Interface{index, Ipv4Address(address), Ipv4Mask(mask)});
        return index;
    }

    uint32_t
    AddPrefix(uint32_t network, uint32_t mask)
    {
        prefixes.push_back(SpfEngine::Prefix{Ipv4Address(network), Ipv4Mask(mask)});
        return static_cast<uint32_t>(prefixes.size() - 1);
    }

    RandomArea() = default;

    RandomArea(uint32_t seed, uint32_t n, uint16_t maxCost, bool faults)
    {
        std::mt19937 rng(seed);
        auto cost = [&rng, maxCost]() {
            return static_cast<uint16_t>(1 + rng() % maxCost);
        };
        std::set<uint32_t> ids;
        routers.resize(n);
        for (Router& r : routers)
        {
            do
            {
                r.id = rng() | 1;
            } while (!ids.insert(r.id).second);
        }
        auto addLink = [&](uint32_t a, uint32_t b) {
            uint32_t subnet = 0x0A000000u + 4 * static_cast<uint32_t>(links.size());
            Link l;
            l.a = a;
            l.b = b;
            l.costA = cost();
            l.costB = cost();
            l.addrA = subnet + 1;
            l.addrB = subnet + 2;
            l.ifA = AddInterface(a, l.addrA, 0xFFFFFFFC);
            l.ifB = AddInterface(b, l.addrB, 0xFFFFFFFC);
            l.prefix = AddPrefix(subnet, 0xFFFFFFFC);
            links.push_back(l);
            int index = static_cast<int>(links.size() - 1);
            stubs.push_back(StubLink{a, l.prefix, l.costA, l.ifA, index});
            stubs.push_back(StubLink{b, l.prefix, l.costB, l.ifB, index});
        };
        // A random spanning tree keeps the area connected, then more links
        // (sometimes parallel to an existing one) and segments.
        for (uint32_t i = 1; i < n; ++i)
        {
            addLink(i, rng() % i);
        }
        for (uint32_t k = 0; k < n / 2; ++k)
        {
            uint32_t a = rng() % n;
            uint32_t b = rng() % n;
            if (rng() % 10 == 0 && !links.empty())
            {
                const Link& old = links[rng() % links.size()];
                a = old.a;
                b = old.b;
            }
            if (a != b)
            {
                addLink(a, b);
            }
        }
        uint32_t nSegments = n >= 3 ? rng() % (n / 10 + 2) : 0;
        for (uint32_t k = 0; k < nSegments; ++k)
        {
            Segment s;
            s.network = 0xAC100000u + (k << 8);
            uint32_t size = std::min<uint32_t>(n, 3 + rng() % 3);
            std::set<uint32_t> chosen;
            while (chosen.size() < size)
            {
                chosen.insert(rng() % n);
            }
            uint32_t host = 1;
            for (uint32_t router : chosen)
            {
                Member m;
                m.router = router;
                m.address = s.network + host++;
                m.ifIndex = AddInterface(router, m.address, 0xFFFFFF00);
                m.cost = cost();
                s.members.push_back(m);
            }
            std::shuffle(s.members.begin(), s.members.end(), rng);
            s.dr = rng() % s.members.size();
            segments.push_back(s);
        }
        // Each router's own stub (100.64.i.0/24), and a few stubs that
        // several routers advertise (198.51.k.0/24).
        for (uint32_t i = 0; i < n; ++i)
        {
            uint32_t network = 0x64400000u + (i << 8);
            uint32_t prefix = AddPrefix(network, 0xFFFFFF00);
            stubs.push_back(StubLink{i, prefix, cost(), AddInterface(i, network + 1, 0xFFFFFF00)});
        }
        uint32_t nShared = rng() % 3;
        for (uint32_t k = 0; k < nShared; ++k)
        {
            uint32_t network = 0xC6330000u + (k << 8);
            uint32_t prefix = AddPrefix(network, 0xFFFFFF00);
            std::set<uint32_t> chosen;
            uint32_t want = std::min<uint32_t>(n, 2 + rng() % 2);
            while (chosen.size() < want)
            {
                chosen.insert(rng() % n);
            }
            for (uint32_t router : chosen)
            {
                uint32_t itf = AddInterface(router, network + 1 + router, 0xFFFFFF00);
                stubs.push_back(StubLink{router, prefix, cost(), itf});
            }
        }
        if (faults)
        {
            // One-way links: one end forgets the link (and its subnet).
            for (uint32_t k = 0; k < 1 + links.size() / 10; ++k)
            {
                Link& l = links[rng() % links.size()];
                (rng() % 2 ? l.advA : l.advB) = false;
            }
            for (Segment& s : segments)
            {
                // A member left out of the Network-LSA, or one that lists
                // no transit link (the DR always does both).
                if (rng() % 2)
                {
                    std::size_t m = rng() % s.members.size();
                    if (m != s.dr)
                    {
                        (rng() % 2 ? s.members[m].listed : s.members[m].advertises) = false;
                    }
                }
                s.maxAge = rng() % 8 == 0;
            }
            routers[rng() % n].maxAge = true;
        }
    }

    bool
    Advertises(const StubLink& s) const
    {
        if (s.link < 0)
        {
            return true;
        }
        const Link& l = links[s.link];
        return s.router == l.a ? l.advA : l.advB;
    }

    std::vector<Lsa>
    Lsas() const
    {
        std::vector<std::vector<RouterLink>> routerLinks(routers.size());
        for (const Link& l : links)
        {
            if (l.advA)
            {
                routerLinks[l.a].push_back(
                    P2p(Ipv4Address(routers[l.b].id), Ipv4Address(l.addrA), l.costA));
            }
            if (l.advB)
            {
                routerLinks[l.b].push_back(
                    P2p(Ipv4Address(routers[l.a].id), Ipv4Address(l.addrB), l.costB));
            }
        }
        std::vector<Lsa> out;
        for (const Segment& s : segments)
        {
            Ipv4Address dr(s.members[s.dr].address);
            std::vector<Ipv4Address> attached;
            for (const Member& m : s.members)
            {
                if (m.advertises)
                {
                    routerLinks[m.router].push_back(Transit(dr, Ipv4Address(m.address), m.cost));
                }
                if (m.listed)
                {
                    attached.push_back(Ipv4Address(routers[m.router].id));
                }
            }
            out.push_back(NetworkLsa(dr,
                                     Ipv4Address(routers[s.members[s.dr].router].id),
                                     Ipv4Mask("255.255.255.0"),
                                     attached,
                                     s.maxAge ? MAX_AGE : 0));
        }
        for (const StubLink& s : stubs)
        {
            if (Advertises(s))
            {
                const SpfEngine::Prefix& p = prefixes[s.prefix];
                routerLinks[s.router].push_back(Stub(p.network, p.mask, s.cost));
            }
        }
        for (std::size_t i = 0; i < routers.size(); ++i)
        {
            // Links in a shuffled order: the result must not depend on it.
            std::mt19937 rng(routers[i].id);
            std::shuffle(routerLinks[i].begin(), routerLinks[i].end(), rng);
            out.push_back(RouterLsa(
                Ipv4Address(routers[i].id), routerLinks[i], routers[i].maxAge ? MAX_AGE : 0));
        }
        std::mt19937 rng(static_cast<uint32_t>(routers.size()));
        std::shuffle(out.begin(), out.end(), rng);
        return out;
    }

    // The graph: routers 0..n-1, then segments, then every prefix.
    std::size_t
    SegmentVertex(std::size_t k) const
    {
        return routers.size() + k;
    }

    std::size_t
    PrefixVertex(std::size_t p) const
    {
        return routers.size() + segments.size() + p;
    }

    std::size_t
    VertexCount() const
    {
        return routers.size() + segments.size() + prefixes.size();
    }

    /// Does `from` advertise some point-to-point link to `to`?
    bool
    LinksTo(uint32_t from, uint32_t to) const
    {
        for (const Link& l : links)
        {
            if ((l.a == from && l.b == to && l.advA) || (l.b == from && l.a == to && l.advB))
            {
                return true;
            }
        }
        return false;
    }

    bool
    SegmentUsable(const Segment& s) const
    {
        return !s.maxAge;
    }

    bool
    MemberUsable(const Member& m) const
    {
        return m.listed && m.advertises && !routers[m.router].maxAge;
    }

    struct Edge
    {
        std::size_t from, to;
        uint32_t weight;
    };

    /// The directed edges the RFC's step 2b lets the calculation use.
    std::vector<Edge>
    Edges() const
    {
        std::vector<Edge> edges;
        for (const Link& l : links)
        {
            if (routers[l.a].maxAge || routers[l.b].maxAge)
            {
                continue;
            }
            // A link is usable when the far end links back, by any link.
            if (l.advA && LinksTo(l.b, l.a))
            {
                edges.push_back(Edge{l.a, l.b, l.costA});
            }
            if (l.advB && LinksTo(l.a, l.b))
            {
                edges.push_back(Edge{l.b, l.a, l.costB});
            }
        }
        for (std::size_t k = 0; k < segments.size(); ++k)
        {
            if (!SegmentUsable(segments[k]))
            {
                continue;
            }
            for (const Member& m : segments[k].members)
            {
                if (MemberUsable(m))
                {
                    edges.push_back(Edge{m.router, SegmentVertex(k), m.cost});
                    edges.push_back(Edge{SegmentVertex(k), m.router, 0});
                }
            }
        }
        for (const StubLink& s : stubs)
        {
            if (!routers[s.router].maxAge && Advertises(s))
            {
                edges.push_back(Edge{s.router, PrefixVertex(s.prefix), s.cost});
            }
        }
        return edges;
    }
};

using Graph = boost::adjacency_list<boost::vecS,
                                    boost::vecS,
                                    boost::directedS,
                                    boost::no_property,
                                    boost::property<boost::edge_weight_t, uint32_t>>;

constexpr uint32_t UNREACHABLE = std::numeric_limits<uint32_t>::max();

std::vector<uint32_t>
BoostDistances(const Graph& g, std::size_t source)
{
    std::vector<uint32_t> dist(boost::num_vertices(g), UNREACHABLE);
    boost::dijkstra_shortest_paths(g,
                                   source,
                                   boost::distance_map(boost::make_iterator_property_map(
                                       dist.begin(), boost::get(boost::vertex_index, g))));
    return dist;
}

/// A root's ways out: each with the next hop it stands for, where it leads
/// and at what cost. `only` set: the hop counts for that destination only
/// (the root's own attachment to a network or stub).
struct FirstHop
{
    NextHop hop;
    std::size_t to;
    uint32_t cost;
    bool onlyTo;
};

std::vector<FirstHop>
FirstHops(const RandomArea& area, uint32_t root)
{
    std::vector<FirstHop> hops;
    for (const auto& l : area.links)
    {
        for (int side = 0; side < 2; ++side)
        {
            uint32_t self = side == 0 ? l.a : l.b;
            uint32_t other = side == 0 ? l.b : l.a;
            bool adv = side == 0 ? l.advA : l.advB;
            bool otherAdv = side == 0 ? l.advB : l.advA;
            if (self != root || !adv || area.routers[other].maxAge || !area.LinksTo(other, self))
            {
                continue;
            }
            // The neighbor's address when it advertises this very link (its
            // Link Data lies in our subnet); else no address.
            uint32_t address = otherAdv ? (side == 0 ? l.addrB : l.addrA) : 0;
            hops.push_back(FirstHop{NextHop{side == 0 ? l.ifA : l.ifB, Ipv4Address(address)},
                                    other,
                                    side == 0 ? l.costA : l.costB,
                                    false});
        }
    }
    for (std::size_t k = 0; k < area.segments.size(); ++k)
    {
        const auto& s = area.segments[k];
        if (!area.SegmentUsable(s))
        {
            continue;
        }
        for (const auto& self : s.members)
        {
            if (self.router != root || !area.MemberUsable(self))
            {
                continue;
            }
            hops.push_back(FirstHop{NextHop{self.ifIndex, Ipv4Address::GetAny()},
                                    area.SegmentVertex(k),
                                    self.cost,
                                    true});
            for (const auto& other : s.members)
            {
                if (other.router != root && area.MemberUsable(other))
                {
                    hops.push_back(FirstHop{NextHop{self.ifIndex, Ipv4Address(other.address)},
                                            other.router,
                                            self.cost,
                                            false});
                }
            }
        }
    }
    for (const auto& s : area.stubs)
    {
        if (s.router == root && area.Advertises(s))
        {
            hops.push_back(FirstHop{NextHop{s.ifIndex, Ipv4Address::GetAny()},
                                    area.PrefixVertex(s.prefix),
                                    s.cost,
                                    true});
        }
    }
    return hops;
}

/// The next hops of every shortest path from `root` to `d`: a first hop
/// leading to x at cost c is on one iff c + dist(x, d) == dist(root, d).
std::vector<NextHop>
ExpectedHops(const std::vector<FirstHop>& firstHops,
             const std::vector<std::vector<uint32_t>>& dist,
             uint32_t root,
             std::size_t d)
{
    std::set<NextHop> out;
    for (const FirstHop& f : firstHops)
    {
        uint32_t rest;
        if (f.onlyTo)
        {
            rest = f.to == d ? 0 : UNREACHABLE;
        }
        else
        {
            rest = dist[f.to][d];
        }
        if (rest != UNREACHABLE && uint64_t{f.cost} + rest == dist[root][d])
        {
            out.insert(f.hop);
        }
    }
    return std::vector<NextHop>(out.begin(), out.end());
}

bool
InEcmpOrder(const std::vector<NextHop>& hops)
{
    for (std::size_t i = 1; i < hops.size(); ++i)
    {
        auto key = [](const NextHop& h) {
            return std::make_pair(h.address.Get(), h.interface);
        };
        if (!(key(hops[i - 1]) < key(hops[i])))
        {
            return false;
        }
    }
    return true;
}

} // namespace

TEST_CASE("SPF equals Boost.Graph's Dijkstra on random areas", "[ospf][spf]")
{
    std::size_t checkedRoutes = 0;
    std::size_t ecmpRoutes = 0;
    for (uint32_t seed = 1; seed <= 300; ++seed)
    {
        std::mt19937 pick(seed * 7919);
        uint32_t n = 2 + pick() % 59;
        uint16_t maxCost = seed % 4 == 0 ? 2 : 20; // small costs: many ties
        bool faults = seed % 3 == 1;
        RandomArea area(seed, n, maxCost, faults);
        std::vector<Lsa> lsas = area.Lsas();

        Graph g(area.VertexCount());
        auto edges = area.Edges();
        std::map<std::pair<std::size_t, std::size_t>, uint32_t> minWeight;
        for (const auto& e : edges)
        {
            boost::add_edge(e.from, e.to, e.weight, g);
            auto key = std::make_pair(e.from, e.to);
            auto it = minWeight.find(key);
            if (it == minWeight.end() || e.weight < it->second)
            {
                minWeight[key] = e.weight;
            }
        }
        std::vector<std::vector<uint32_t>> dist(area.routers.size() + area.segments.size());
        for (std::size_t v = 0; v < dist.size(); ++v)
        {
            dist[v] = BoostDistances(g, v);
        }

        std::map<uint32_t, std::size_t> routerVertex;
        for (std::size_t i = 0; i < area.routers.size(); ++i)
        {
            routerVertex[area.routers[i].id] = i;
        }
        std::map<uint32_t, std::size_t> segmentVertex;
        for (std::size_t k = 0; k < area.segments.size(); ++k)
        {
            const auto& s = area.segments[k];
            segmentVertex[s.members[s.dr].address] = area.SegmentVertex(k);
        }
        // Destinations by prefix: segments' /24s and the stub prefixes.
        std::map<SpfEngine::Prefix, std::size_t> prefixVertex;
        for (std::size_t k = 0; k < area.segments.size(); ++k)
        {
            prefixVertex[SpfEngine::Prefix{Ipv4Address(area.segments[k].network),
                                           Ipv4Mask("255.255.255.0")}] = area.SegmentVertex(k);
        }
        for (const auto& s : area.stubs)
        {
            prefixVertex[area.prefixes[s.prefix]] = area.PrefixVertex(s.prefix);
        }

        for (uint32_t k = 0; k < std::min<uint32_t>(n, 3); ++k)
        {
            uint32_t root = pick() % n;
            if (area.routers[root].maxAge)
            {
                continue;
            }
            INFO("seed " << seed << " routers " << n << " root " << root);
            SpfEngine engine(Ipv4Address(area.routers[root].id), area.routers[root].interfaces);
            SpfEngine::Result r = engine.Compute(lsas);
            auto firstHops = FirstHops(area, root);

            // Every destination Boost reaches, at its cost, with the first
            // hops of all shortest paths; nothing Boost does not reach.
            std::size_t reachable = 0;
            for (const auto& [prefix, vertex] : prefixVertex)
            {
                if (dist[root][vertex] == UNREACHABLE)
                {
                    CHECK(r.FindNetwork(prefix.network, prefix.mask) == nullptr);
                    continue;
                }
                ++reachable;
                INFO("network " << prefix);
                const auto* route = r.FindNetwork(prefix.network, prefix.mask);
                REQUIRE(route != nullptr);
                CHECK(route->cost == dist[root][vertex]);
                CHECK(route->nextHops == ExpectedHops(firstHops, dist, root, vertex));
                CHECK(InEcmpOrder(route->nextHops));
                CHECK(route->First() == route->nextHops.front());
                ++checkedRoutes;
                ecmpRoutes += route->nextHops.size() > 1 ? 1 : 0;
            }
            CHECK(r.networks.size() == reachable);

            std::size_t reachableRouters = 0;
            for (std::size_t i = 0; i < area.routers.size(); ++i)
            {
                const auto* route = r.FindRouter(Ipv4Address(area.routers[i].id));
                if (dist[root][i] == UNREACHABLE || area.routers[i].maxAge)
                {
                    CHECK(route == nullptr);
                    continue;
                }
                ++reachableRouters;
                INFO("router " << i);
                REQUIRE(route != nullptr);
                CHECK(route->cost == dist[root][i]);
                if (i != root)
                {
                    CHECK(route->nextHops == ExpectedHops(firstHops, dist, root, i));
                    CHECK(InEcmpOrder(route->nextHops));
                }
                ++checkedRoutes;
            }
            CHECK(r.routers.size() == reachableRouters);

            // The tree: each parent lies on a shortest path to its child.
            for (const auto& v : r.tree)
            {
                std::size_t vertex =
                    v.type == ROUTER ? routerVertex.at(v.id.Get()) : segmentVertex.at(v.id.Get());
                CHECK(v.distance == dist[root][vertex]);
                if (!v.parent)
                {
                    CHECK(vertex == root);
                    continue;
                }
                for (std::size_t p : v.parents)
                {
                    const auto& pv = r.tree[p];
                    std::size_t parent = pv.type == ROUTER ? routerVertex.at(pv.id.Get())
                                                           : segmentVertex.at(pv.id.Get());
                    auto w = minWeight.find(std::make_pair(parent, vertex));
                    REQUIRE(w != minWeight.end());
                    CHECK(dist[root][parent] + w->second == dist[root][vertex]);
                }
            }
        }
    }
    // The random areas do exercise equal-cost multipath.
    CHECK(checkedRoutes > 10000);
    CHECK(ecmpRoutes > 500);
}

// Not a timed test: run with `[.benchmark]` to print the figures.
TEST_CASE("SPF run time on a random degree-3 area", "[.benchmark][ospf][spf]")
{
    for (uint32_t n : {2000u, 20000u})
    {
        // A ring plus a random matching: every router has degree 3.
        RandomArea area;
        std::mt19937 rng(n);
        area.routers.resize(n);
        for (uint32_t i = 0; i < n; ++i)
        {
            area.routers[i].id = 0x01000000u + i;
        }
        auto addLink = [&area, &rng](uint32_t a, uint32_t b) {
            uint32_t subnet = 0x0A000000u + 4 * static_cast<uint32_t>(area.links.size());
            RandomArea::Link l;
            l.a = a;
            l.b = b;
            l.costA = static_cast<uint16_t>(1 + rng() % 20);
            l.costB = static_cast<uint16_t>(1 + rng() % 20);
            l.addrA = subnet + 1;
            l.addrB = subnet + 2;
            l.ifA = area.AddInterface(a, l.addrA, 0xFFFFFFFC);
            l.ifB = area.AddInterface(b, l.addrB, 0xFFFFFFFC);
            l.prefix = area.AddPrefix(subnet, 0xFFFFFFFC);
            area.links.push_back(l);
            int index = static_cast<int>(area.links.size() - 1);
            area.stubs.push_back({a, l.prefix, l.costA, l.ifA, index});
            area.stubs.push_back({b, l.prefix, l.costB, l.ifB, index});
        };
        for (uint32_t i = 0; i < n; ++i)
        {
            addLink(i, (i + 1) % n);
        }
        std::vector<uint32_t> order(n);
        for (uint32_t i = 0; i < n; ++i)
        {
            order[i] = i;
        }
        std::shuffle(order.begin(), order.end(), rng);
        for (uint32_t i = 0; i + 1 < n; i += 2)
        {
            addLink(order[i], order[i + 1]);
        }
        for (uint32_t i = 0; i < n; ++i)
        {
            uint32_t network = 0x64000000u + (i << 8);
            uint32_t prefix = area.AddPrefix(network, 0xFFFFFF00);
            area.stubs.push_back({i, prefix, 1, area.AddInterface(i, network + 1, 0xFFFFFF00)});
        }
        std::vector<Lsa> lsas = area.Lsas();
        SpfEngine engine(Ipv4Address(area.routers[0].id), area.routers[0].interfaces);

        const int runs = n <= 2000 ? 50 : 5;
        std::size_t routes = 0;
        auto start = std::chrono::steady_clock::now();
        std::clock_t cpuStart = std::clock();
        for (int i = 0; i < runs; ++i)
        {
            routes += engine.Compute(lsas).networks.size();
        }
        double cpuMs =
            1000.0 * static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC / runs;
        double ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count() /
            runs;
        CHECK(routes == static_cast<std::size_t>(runs) * (area.links.size() + n));
        std::cout << "SpfEngine::Compute, " << n << " routers, " << area.links.size() << " links, "
                  << lsas.size() << " LSAs: " << ms << " ms wall, " << cpuMs << " ms CPU per run\n";
    }
}
