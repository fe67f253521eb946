/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ospf-spf-engine.h"

#include "ospf-spf-engine-impl.h"

#include "ns3/assert.h"
#include "ns3/log.h"

#include <algorithm>
#include <functional>
#include <iterator>
#include <queue>
#include <tuple>
#include <utility>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("OspfSpfEngine");

namespace ospf
{

using spf::CompactLink;
using spf::Hop;
using spf::HopSet;
using spf::Vertex;

namespace
{

constexpr uint32_t NO_VERTEX = std::numeric_limits<uint32_t>::max();

/// A candidate list entry (16.1 step 3): nearest first, networks before
/// routers at equal distance, then the lower vertex ID.
struct Candidate
{
    uint32_t distance;
    uint8_t kind; ///< 0 network, 1 router
    uint32_t id;
    uint32_t vertex;

    bool
    operator>(const Candidate& other) const
    {
        return std::tie(distance, kind, id) > std::tie(other.distance, other.kind, other.id);
    }
};

/// A network route while the table is built.
struct Route
{
    uint32_t network;
    uint32_t mask;
    uint32_t cost;
    HopSet hops;     ///< no `direct` flags
    uint32_t origin; ///< vertex index of the Link State Origin
};

uint64_t
RouteKey(uint32_t network, uint32_t mask)
{
    // Masks are contiguous: a larger mask is a longer prefix, as Prefix sorts.
    return (uint64_t{network} << 32) | mask;
}

void
MergeHops(HopSet& into, const HopSet& from)
{
    HopSet merged;
    merged.reserve(into.size() + from.size());
    std::set_union(into.begin(), into.end(), from.begin(), from.end(), std::back_inserter(merged));
    into.swap(merged);
}

/// A vertex's next hops as a route's: the build-time flag dropped.
HopSet
Flatten(const HopSet& hops)
{
    HopSet out;
    out.reserve(hops.size());
    for (const Hop& hop : hops)
    {
        out.push_back(Hop{hop.address, hop.interface, false});
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

/// Flattened hops as the result's next hops, in the same (ECMP) order.
std::vector<SpfEngine::NextHop>
ToNextHops(const HopSet& hops)
{
    std::vector<SpfEngine::NextHop> out;
    out.reserve(hops.size());
    for (const Hop& hop : hops)
    {
        out.push_back(SpfEngine::NextHop{hop.interface, Ipv4Address(hop.address)});
    }
    return out;
}

bool
HasBackLink(const Vertex& w, uint32_t id, uint8_t type)
{
    return std::binary_search(w.backLinks.begin(), w.backLinks.end(), std::make_pair(id, type));
}

LsaKey
KeyOf(const Vertex& v)
{
    if (v.lsa != nullptr)
    {
        return v.lsa->header.GetKey();
    }
    LsaKey key;
    key.type = LS_ROUTER;
    key.linkStateId = Ipv4Address(v.id);
    key.advertisingRouter = Ipv4Address(v.id);
    return key;
}

} // namespace

// ----------------------------------------------------------------- values

bool
SpfEngine::NextHop::IsDirect() const
{
    return address == Ipv4Address::GetAny();
}

bool
SpfEngine::NextHop::operator<(const NextHop& other) const
{
    if (address.Get() != other.address.Get())
    {
        return address.Get() < other.address.Get();
    }
    return interface < other.interface;
}

bool
SpfEngine::NextHop::operator==(const NextHop& other) const
{
    return address == other.address && interface == other.interface;
}

bool
SpfEngine::Prefix::operator<(const Prefix& other) const
{
    if (network.Get() != other.network.Get())
    {
        return network.Get() < other.network.Get();
    }
    return mask.GetPrefixLength() < other.mask.GetPrefixLength();
}

bool
SpfEngine::Prefix::operator==(const Prefix& other) const
{
    return network == other.network && mask == other.mask;
}

const SpfEngine::NextHop&
SpfEngine::NetworkRoute::First() const
{
    NS_ASSERT_MSG(!nextHops.empty(), "a network route always has a next hop");
    return nextHops.front();
}

const SpfEngine::NetworkRoute*
SpfEngine::Result::FindNetwork(Ipv4Address network, Ipv4Mask mask) const
{
    auto it = networks.find(Prefix{network.CombineMask(mask), mask});
    return it == networks.end() ? nullptr : &it->second;
}

const SpfEngine::RouterRoute*
SpfEngine::Result::FindRouter(Ipv4Address routerId) const
{
    auto it = routers.find(routerId);
    return it == routers.end() ? nullptr : &it->second;
}

std::optional<std::size_t>
SpfEngine::Result::FindVertex(TreeVertex::Type type, Ipv4Address id) const
{
    for (std::size_t i = 0; i < tree.size(); ++i)
    {
        if (tree[i].type == type && tree[i].id == id)
        {
            return i;
        }
    }
    return std::nullopt;
}

// ----------------------------------------------------------------- engine

SpfEngine::SpfEngine(Ipv4Address routerId, std::vector<Interface> interfaces)
    : m_routerId(routerId)
    , m_interfaces(std::move(interfaces))
{
}

Ipv4Address
SpfEngine::GetRouterId() const
{
    return m_routerId;
}

void
SpfEngine::SetInterfaces(std::vector<Interface> interfaces)
{
    m_interfaces = std::move(interfaces);
}

const std::vector<SpfEngine::Interface>&
SpfEngine::GetInterfaces() const
{
    return m_interfaces;
}

const SpfEngine::Interface*
SpfEngine::FindInterfaceForLinkData(Ipv4Address linkData) const
{
    // A.4.2: the Link Data of a point-to-point or transit link is the
    // interface's address, or its ifIndex when the interface is unnumbered.
    for (const Interface& itf : m_interfaces)
    {
        if (itf.address != Ipv4Address::GetAny() && itf.address == linkData)
        {
            return &itf;
        }
    }
    for (const Interface& itf : m_interfaces)
    {
        if (itf.address == Ipv4Address::GetAny() && itf.index == linkData.Get())
        {
            return &itf;
        }
    }
    return nullptr;
}

SpfEngine::Result
SpfEngine::Compute(const std::vector<Lsa>& lsas) const
{
    std::vector<const Lsa*> pointers;
    pointers.reserve(lsas.size());
    for (const Lsa& lsa : lsas)
    {
        pointers.push_back(&lsa);
    }
    return Compute(pointers);
}

SpfEngine::Result
SpfEngine::Compute(const std::vector<const Lsa*>& lsas, Detail detail) const
{
    const bool full = detail == Detail::FULL;
    using Type = TreeVertex::Type;

    // ---- the area's vertices and links (ospf-spf-engine-graph.cc)
    spf::Graph graph = spf::BuildGraph(lsas);
    std::vector<Vertex>& vertices = graph.vertices;
    spf::VertexIndex& routerIndex = graph.routerIndex;
    const spf::VertexIndex& networkIndex = graph.networkIndex;

    // ---- 16.1 step 1: the tree holds the root only
    uint32_t rootId = m_routerId.Get();
    uint32_t root;
    if (const uint32_t* rootIndex = routerIndex.Find(rootId))
    {
        root = *rootIndex;
    }
    else
    {
        NS_LOG_LOGIC("no Router-LSA of the root " << m_routerId << ": nothing is reachable");
        Vertex v;
        v.type = Type::ROUTER;
        v.id = rootId;
        root = static_cast<uint32_t>(vertices.size());
        routerIndex[rootId] = root;
        vertices.push_back(std::move(v));
    }
    vertices[root].distance = 0;

    Result result;
    std::vector<uint32_t> joined; // vertex indices in the order they joined the tree
    joined.reserve(vertices.size());
    std::vector<Route> routes;
    IpvpnFlatHashMap<uint64_t, uint32_t, std::hash<uint64_t>> routeIndex; // RouteKey -> route
    std::priority_queue<Candidate, std::vector<Candidate>, std::greater<Candidate>> candidates;
    candidates.push(Candidate{0, 1, rootId, root});

    // 16.1 step 2d for one link V -> W found usable.
    auto relax = [&](uint32_t from, uint32_t to, uint32_t distance, HopSet&& hops) {
        Vertex& w = vertices[to];
        if (distance > w.distance)
        {
            return;
        }
        if (distance == w.distance)
        {
            MergeHops(w.hops, hops);
            if (w.parents.empty() || w.parents.back() != from)
            {
                w.parents.push_back(from);
            }
            return;
        }
        w.distance = distance;
        w.hops = std::move(hops);
        w.parents.assign(1, from);
        uint8_t kind = w.type == Type::NETWORK ? 0 : 1;
        candidates.push(Candidate{distance, kind, w.id, to});
    };

    // 16.1.1 for W reached from the root over the root's link `link`.
    auto hopsFromRoot = [&](const CompactLink& link, const Vertex& w) -> HopSet {
        const Interface* itf = FindInterfaceForLinkData(Ipv4Address(link.linkData));
        if (itf == nullptr)
        {
            NS_LOG_LOGIC("root link to " << Ipv4Address(link.linkId) << " with Link Data "
                                         << Ipv4Address(link.linkData)
                                         << " is on none of the root's interfaces: not used");
            return {};
        }
        Hop hop;
        hop.interface = itf->index;
        if (w.type == Type::NETWORK)
        {
            hop.direct = true; // a directly connected network
            return {hop};
        }
        // A router over a point-to-point link: its address on our subnet,
        // from its link back to us.
        uint32_t address = itf->address.Get();
        uint32_t mask = itf->mask.Get();
        if (address != 0)
        {
            for (const CompactLink& back : w.links)
            {
                if (back.type == LINK_POINT_TO_POINT && back.linkId == rootId &&
                    (back.linkData & mask) == (address & mask))
                {
                    hop.address = back.linkData;
                    break;
                }
            }
        }
        return {hop};
    };

    // 16.1.1 for router W reached from network V.
    auto hopsFromNetwork = [](const Vertex& v, const Vertex& w) -> HopSet {
        HopSet hops;
        for (const Hop& parentHop : v.hops)
        {
            if (!parentHop.direct)
            {
                hops.push_back(parentHop); // an intervening router: inherit
                continue;
            }
            // The root is on V: W's own addresses on V are the next hops.
            for (const CompactLink& back : w.links)
            {
                if (back.type == LINK_TRANSIT && back.linkId == v.id)
                {
                    hops.push_back(Hop{back.linkData, parentHop.interface, false});
                }
            }
        }
        std::sort(hops.begin(), hops.end());
        hops.erase(std::unique(hops.begin(), hops.end()), hops.end());
        return hops;
    };

    // ---- 16.1 steps 2-5
    while (!candidates.empty())
    {
        Candidate top = candidates.top();
        candidates.pop();
        Vertex& v = vertices[top.vertex];
        if (v.inTree || top.distance != v.distance)
        {
            continue; // a stale heap entry: the vertex got nearer since
        }
        // Step 3: the nearest candidate joins the tree.
        v.inTree = true;
        v.treeIndex = joined.size();
        joined.push_back(top.vertex);
        if (full)
        {
            TreeVertex tv;
            tv.type = v.type;
            tv.id = Ipv4Address(v.id);
            tv.distance = v.distance;
            tv.lsa = KeyOf(v);
            tv.parents.reserve(v.parents.size());
            for (uint32_t p : v.parents)
            {
                tv.parents.push_back(vertices[p].treeIndex);
            }
            if (!tv.parents.empty())
            {
                tv.parent = tv.parents.front();
            }
            result.tree.push_back(std::move(tv));
        }

        // Step 4: the routing table (routers are written out at the end).
        if (v.type == Type::NETWORK)
        {
            uint32_t network = v.id & v.mask;
            const auto [at, added] = routeIndex.Emplace(RouteKey(network, v.mask), routes.size());
            if (added)
            {
                routes.push_back(Route{network, v.mask, v.distance, Flatten(v.hops), top.vertex});
            }
            else
            {
                // Two network vertices on one IP network (a new DR being
                // established): the later one wins only at equal cost and
                // with the larger Link State ID.
                Route& route = routes[*at];
                if (route.cost == v.distance && vertices[route.origin].id < v.id)
                {
                    route.hops = Flatten(v.hops);
                    route.origin = top.vertex;
                }
            }
        }

        // Step 2: the links of the LSA of the vertex just added.
        if (v.type == Type::ROUTER)
        {
            for (const CompactLink& link : v.links)
            {
                uint32_t to = NO_VERTEX;
                if (link.type == LINK_POINT_TO_POINT)
                {
                    const uint32_t* w = routerIndex.Find(link.linkId);
                    // 2b: W present (and not at MaxAge) and linking back
                    if (w != nullptr && HasBackLink(vertices[*w], v.id, LINK_POINT_TO_POINT))
                    {
                        to = *w;
                    }
                }
                else if (link.type == LINK_TRANSIT)
                {
                    const uint32_t* w = networkIndex.Find(link.linkId);
                    if (w != nullptr && HasBackLink(vertices[*w], v.id, 0))
                    {
                        to = *w;
                    }
                }
                else
                {
                    continue; // 2a: stubs wait for stage 2; virtual links unused
                }
                if (to == NO_VERTEX)
                {
                    NS_LOG_LOGIC("link " << Ipv4Address(v.id) << " -> " << Ipv4Address(link.linkId)
                                         << " fails the two-way check (16.1 step 2b)");
                    continue;
                }
                Vertex& w = vertices[to];
                if (w.inTree)
                {
                    continue; // 2c
                }
                HopSet hops = top.vertex == root ? hopsFromRoot(link, w) : v.hops;
                if (hops.empty())
                {
                    continue;
                }
                relax(top.vertex, to, v.distance + link.metric, std::move(hops));
            }
        }
        else
        {
            for (const CompactLink& link : v.links)
            {
                const uint32_t* found = routerIndex.Find(link.linkId);
                if (found == nullptr || !HasBackLink(vertices[*found], v.id, LINK_TRANSIT))
                {
                    NS_LOG_LOGIC("network " << Ipv4Address(v.id) << " -> "
                                            << Ipv4Address(link.linkId)
                                            << " fails the two-way check (16.1 step 2b)");
                    continue;
                }
                Vertex& w = vertices[*found];
                if (w.inTree)
                {
                    continue;
                }
                HopSet hops = hopsFromNetwork(v, w);
                if (hops.empty())
                {
                    continue;
                }
                // A network's links to its routers cost 0 (section 2.1).
                relax(top.vertex, *found, v.distance, std::move(hops));
            }
        }
    }

    // ---- stage 2: the stub links of every router on the tree
    for (uint32_t index : joined)
    {
        const Vertex& v = vertices[index];
        if (v.type != Type::ROUTER)
        {
            continue;
        }
        bool isRoot = index == root;
        for (const CompactLink& link : v.links)
        {
            if (link.type != LINK_STUB)
            {
                continue;
            }
            uint32_t mask = link.linkData;
            uint32_t network = link.linkId & mask;
            uint32_t distance = v.distance + link.metric;
            HopSet hops;
            if (isRoot)
            {
                // 16.1.1: a stub network of the root is directly connected.
                for (uint32_t itf : StubInterfaces(Ipv4Address(network), Ipv4Mask(mask)))
                {
                    hops.push_back(Hop{0, itf, false});
                }
                if (hops.empty())
                {
                    NS_LOG_LOGIC("root stub " << Ipv4Address(network) << " mask " << Ipv4Mask(mask)
                                              << " is on none of its interfaces");
                    continue;
                }
                std::sort(hops.begin(), hops.end());
            }
            else
            {
                hops = v.hops; // routers' hops carry no `direct` flag
            }
            const auto [at, added] = routeIndex.Emplace(RouteKey(network, mask), routes.size());
            if (added)
            {
                routes.push_back(Route{network, mask, distance, std::move(hops), index});
                continue;
            }
            Route& route = routes[*at];
            if (distance == route.cost)
            {
                MergeHops(route.hops, hops);
            }
            else if (distance < route.cost)
            {
                route.cost = distance;
                route.hops = std::move(hops);
                route.origin = index;
            }
        }
    }

    // ---- the result's tables, filled in key order
    std::vector<uint32_t> order(routes.size());
    for (uint32_t i = 0; i < order.size(); ++i)
    {
        order[i] = i;
    }
    std::sort(order.begin(), order.end(), [&routes](uint32_t a, uint32_t b) {
        return RouteKey(routes[a].network, routes[a].mask) <
               RouteKey(routes[b].network, routes[b].mask);
    });
    for (uint32_t i : order)
    {
        const Route& route = routes[i];
        NetworkRoute out;
        out.destination = Prefix{Ipv4Address(route.network), Ipv4Mask(route.mask)};
        out.cost = route.cost;
        out.nextHops = ToNextHops(route.hops);
        out.origin = KeyOf(vertices[route.origin]);
        result.networks.emplace_hint(result.networks.end(), out.destination, std::move(out));
    }
    if (!full)
    {
        return result;
    }
    std::vector<uint32_t> routers;
    for (uint32_t i = 0; i < vertices.size(); ++i)
    {
        if (vertices[i].inTree && vertices[i].type == Type::ROUTER)
        {
            routers.push_back(i);
        }
    }
    std::sort(routers.begin(), routers.end(), [&vertices](uint32_t a, uint32_t b) {
        return vertices[a].id < vertices[b].id;
    });
    for (uint32_t i : routers)
    {
        const Vertex& v = vertices[i];
        RouterRoute out;
        out.routerId = Ipv4Address(v.id);
        out.cost = v.distance;
        out.flags = v.flags;
        out.nextHops = ToNextHops(v.hops);
        result.routers.emplace_hint(result.routers.end(), out.routerId, std::move(out));
    }
    return result;
}

std::vector<uint32_t>
SpfEngine::StubInterfaces(Ipv4Address network, Ipv4Mask mask) const
{
    // The interfaces on the stub network with its own mask; failing those,
    // any whose address lies in it (a host route to the interface itself).
    std::vector<uint32_t> exact;
    std::vector<uint32_t> inside;
    for (const Interface& itf : m_interfaces)
    {
        if (itf.address == Ipv4Address::GetAny() || itf.address.CombineMask(mask) != network)
        {
            continue;
        }
        (itf.mask == mask ? exact : inside).push_back(itf.index);
    }
    return exact.empty() ? inside : exact;
}

// ----------------------------------------------------------------- printing

std::ostream&
operator<<(std::ostream& os, const SpfEngine::NextHop& hop)
{
    if (hop.IsDirect())
    {
        os << "direct";
    }
    else
    {
        os << hop.address;
    }
    return os << " if " << hop.interface;
}

std::ostream&
operator<<(std::ostream& os, const SpfEngine::Prefix& prefix)
{
    return os << prefix.network << "/" << prefix.mask.GetPrefixLength();
}

std::ostream&
operator<<(std::ostream& os, const SpfEngine::Result& result)
{
    for (const auto& [prefix, route] : result.networks)
    {
        os << "net " << prefix << " cost " << route.cost << " via";
        for (const SpfEngine::NextHop& hop : route.nextHops)
        {
            os << " [" << hop << "]";
        }
        os << " origin " << route.origin << "\n";
    }
    for (const auto& [id, route] : result.routers)
    {
        os << "router " << id << " cost " << route.cost << " via";
        for (const SpfEngine::NextHop& hop : route.nextHops)
        {
            os << " [" << hop << "]";
        }
        os << "\n";
    }
    for (const SpfEngine::TreeVertex& v : result.tree)
    {
        os << (v.type == SpfEngine::TreeVertex::ROUTER ? "tree router " : "tree network ") << v.id
           << " distance " << v.distance;
        if (v.parent)
        {
            const SpfEngine::TreeVertex& p = result.tree[*v.parent];
            os << " parent " << p.id;
        }
        os << "\n";
    }
    return os;
}

} // namespace ospf
} // namespace ns3
