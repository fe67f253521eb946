/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The SPF engine's parts shared by its files (internal, not installed): the
 * vertices and next hops of one calculation, and the area's graph that
 * ospf-spf-engine-graph.cc builds from the LSAs for ospf-spf-engine.cc.
 */
#ifndef IPVPN_OSPF_SPF_ENGINE_IMPL_H
#define IPVPN_OSPF_SPF_ENGINE_IMPL_H

#include "ospf-lsa.h"
#include "ospf-spf-engine.h"

#include "ns3/ipvpn-flat-hash-map.h"

// GCC 12 sees a read past the inline buffer in small_vector's move that
// cannot happen (the moved elements fit the buffer): a known false positive.
// Clang has no such warning (and would warn about the unknown name).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-overread"
#endif
#include <boost/container/small_vector.hpp>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <tuple>
#include <utility>
#include <vector>

namespace ns3
{
namespace ospf
{
namespace spf
{

constexpr uint32_t INFINITE_DISTANCE = std::numeric_limits<uint32_t>::max();

/// A next hop while the tree is built. `direct` marks the root's own
/// attachment to a transit network: a router behind that network is reached
/// at its own address on it (16.1.1, second case), not through the hop.
/// Addresses stay 32-bit numbers until the result is written.
struct Hop
{
    uint32_t address = 0;
    uint32_t interface = SpfEngine::NO_INTERFACE;
    bool direct = false;

    bool
    operator<(const Hop& other) const
    {
        return std::tie(address, interface, direct) <
               std::tie(other.address, other.interface, other.direct);
    }

    bool
    operator==(const Hop& other) const
    {
        return address == other.address && interface == other.interface && direct == other.direct;
    }
};

/// Sorted, without duplicates. Inline storage: a calculation makes a set
/// per vertex and per route, and most hold one or two hops.
using HopSet = boost::container::small_vector<Hop, 2>;

/// A link of a Router-LSA as the calculation reads it (a network's attached
/// routers are kept as links of type 0 and cost 0).
struct CompactLink
{
    uint32_t linkId;
    uint32_t linkData;
    uint16_t metric;
    uint8_t type;
};

/// A transit vertex (router or network) and its state in the calculation.
/// Its lists keep a typical router's links inline: a calculation over a
/// large area would otherwise spend most of its time allocating.
struct Vertex
{
    SpfEngine::TreeVertex::Type type = SpfEngine::TreeVertex::ROUTER;
    uint32_t id = 0;
    const Lsa* lsa = nullptr; ///< nullptr only for a root without a Router-LSA
    uint8_t flags = 0;        ///< Router-LSA flags
    uint32_t mask = 0;        ///< Network-LSA mask
    boost::container::small_vector<CompactLink, 8> links;
    /// Router: its point-to-point and transit links as (Link ID, type),
    /// sorted; network: its attached routers, sorted as (ID, 0). For the
    /// "links back" test of step 2b.
    boost::container::small_vector<std::pair<uint32_t, uint8_t>, 4> backLinks;

    uint32_t distance = INFINITE_DISTANCE;
    bool inTree = false;
    HopSet hops;
    boost::container::small_vector<uint32_t, 2> parents; ///< vertex indices, in tree order
    std::size_t treeIndex = 0;
};

/// Vertex indices by router ID or Link State ID.
using VertexIndex = IpvpnFlatHashMap<uint32_t, uint32_t, std::hash<uint32_t>>;

/// The area's transit vertices (16.1), from its usable LSAs.
struct Graph
{
    std::vector<Vertex> vertices;
    VertexIndex routerIndex;  ///< router ID -> vertex
    VertexIndex networkIndex; ///< Link State ID -> vertex
};

// ospf-spf-engine-graph.cc
/// A vertex for each router with a usable Router-LSA and each network with a
/// usable Network-LSA (the copy chosen as documented in ospf-spf-engine.h).
Graph BuildGraph(const std::vector<const Lsa*>& lsas);

} // namespace spf
} // namespace ospf
} // namespace ns3

#endif /* IPVPN_OSPF_SPF_ENGINE_IMPL_H */
