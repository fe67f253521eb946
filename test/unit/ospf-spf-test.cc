// SPDX-License-Identifier: GPL-2.0-only
// The OSPFv2 shortest-path calculation (RFC 2328 section 16.1) without a
// simulator, on hand-built areas whose routes follow by hand from the costs
// written in each case. The random areas checked against Boost.Graph's
// Dijkstra are in ospf-spf-random-area-test.cc.
#include "ospf-spf-test-util.h"

#include "ns3/ospf-lsa.h"
#include "ns3/ospf-spf-engine.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <vector>

using namespace ns3;
using namespace ns3::ospf;
using namespace ns3::ospftest;

namespace
{

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
