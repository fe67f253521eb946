// SPDX-License-Identifier: GPL-2.0-only
// The OSPFv2 shortest-path calculation (RFC 2328 section 16.1) on a few
// hundred random areas checked against Boost.Graph's Dijkstra: every
// destination's cost, and every route's set of next hops equal to the first
// hops of all shortest paths. And the hidden [.benchmark] of its run time.
#include "ospf-spf-test-util.h"

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
#include <utility>
#include <vector>

using namespace ns3;
using namespace ns3::ospf;
using namespace ns3::ospftest;

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

            // A router's forwarding asks for the networks alone: the same
            // routes (checked against Boost above), no routers, no tree.
            std::vector<const Lsa*> pointers;
            for (const Lsa& lsa : lsas)
            {
                pointers.push_back(&lsa);
            }
            const SpfEngine::Result networksOnly =
                engine.Compute(pointers, SpfEngine::Detail::NETWORKS_ONLY);
            CHECK(networksOnly.routers.empty());
            CHECK(networksOnly.tree.empty());
            REQUIRE(networksOnly.networks.size() == r.networks.size());
            for (const auto& [prefix, route] : r.networks)
            {
                const auto* same = networksOnly.FindNetwork(prefix.network, prefix.mask);
                REQUIRE(same != nullptr);
                CHECK(same->cost == route.cost);
                CHECK(same->nextHops == route.nextHops);
                CHECK(same->origin == route.origin);
            }

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
