/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The OSPFv2 shortest-path calculation for one area (RFC 2328 section 16.1)
 * as a plain class: no simulator, no I/O, no clock. The caller hands in the
 * area's Router-LSAs and Network-LSAs and the calculating router's own
 * interfaces; Compute() returns the intra-area routing table (networks and
 * routers) and the shortest-path tree.
 *
 * The procedure is the RFC's, step by step (comments carry its step numbers):
 *  - stage 1 (16.1 steps 1-5): Dijkstra over router and transit-network
 *    vertices. A link is used only when the LSA at its far end is present,
 *    not at MaxAge, and links back (step 2b). The candidate list is a binary
 *    heap; at equal distance network vertices leave it before router
 *    vertices (step 3), so that every equal-cost path is found, and among
 *    vertices of one kind the lower vertex ID goes first;
 *  - next hops (16.1.1): a vertex whose parent is the root is reached over
 *    the root's interface named by the link's Link Data; a router across a
 *    transit network the root is attached to is reached at the address its
 *    Router-LSA gives for that network (the transit link's Link Data);
 *    everything further inherits its parents' next hops;
 *  - stage 2 (16.1, "stub networks are added"): every stub link of every
 *    router on the tree, compared with the stage-1 entries by cost.
 * It runs in O((V + E) log V) for V vertices and E links (lazy deletion
 * from the heap), each step also paying for the next-hop sets it merges; a
 * set holds at most one next hop per neighbor of the root and interface.
 * Addresses are handled as 32-bit numbers inside, ns-3 types only at the
 * edges.
 *
 * Choices where the RFC leaves freedom:
 *  - Equal-cost multipath: every next hop of every shortest path is kept.
 *    A route's next hops are sorted by next-hop address (as a 32-bit number,
 *    ascending; 0.0.0.0, "directly connected", first), then interface index
 *    ascending, without duplicates; First() is the lowest of them.
 *  - Point-to-point next-hop address: RFC 16.1.1 needs none; the engine
 *    still gives the neighbor's interface address, taken from the neighbor's
 *    Router-LSA: the Link Data of its point-to-point link back to the root
 *    that lies in the subnet of the root's interface. When no such link lies
 *    in that subnet (unnumbered links) the address is 0.0.0.0: send out of
 *    the interface.
 *  - The routing table holds a route to every router on the tree (the RFC
 *    keeps only area border and AS boundary routers), the root included at
 *    cost 0 without next hops: LDP and the tests want every router's cost.
 *  - A link of the root's own Router-LSA whose Link Data names none of the
 *    root's interfaces (by address, or by index for an unnumbered interface
 *    of address 0.0.0.0) is not used, nor is a stub link of the root whose
 *    network is on none of its interfaces: no route is made that has no
 *    way out.
 *  - Several Network-LSAs with one Link State ID (a DR change in progress):
 *    the vertex uses the one whose advertising router's Router-LSA claims
 *    that address as its own on the network (transit link with Link ID =
 *    Link Data = the Link State ID), else the one with the highest
 *    advertising router. A Router-LSA whose Link State ID is not its
 *    advertising router is ignored (RFC 12.1.4); of two copies of one LSA
 *    the higher sequence number is used.
 *  - The tree's parent of a vertex is, among the vertices through which it
 *    is reached at its final distance, the one that joined the tree first;
 *    all of them are listed in `parents`.
 *  - Virtual links (type 4) are not followed: a single-area engine has no
 *    transit area to compute them (RFC 15, 16.3).
 *  - Interface costs are positive (RFC C.3); with zero-cost router links
 *    the distances stay right but equal-cost next-hop sets may be partial.
 */
#ifndef IPVPN_OSPF_SPF_ENGINE_H
#define IPVPN_OSPF_SPF_ENGINE_H

#include "ospf-lsa-header.h"
#include "ospf-lsa.h"

#include "ns3/ipv4-address.h"

#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <ostream>
#include <vector>

namespace ns3
{
namespace ospf
{

/// The shortest-path calculation of RFC 2328 section 16.1 for one area.
class SpfEngine
{
  public:
    /// An interface index that names no interface.
    static constexpr uint32_t NO_INTERFACE = std::numeric_limits<uint32_t>::max();

    /// One of the calculating router's interfaces.
    struct Interface
    {
        uint32_t index = NO_INTERFACE; ///< the node's interface index
        Ipv4Address address;           ///< 0.0.0.0 for an unnumbered interface
        Ipv4Mask mask;
    };

    /// Where to send a packet: out of `interface`, to `address`.
    struct NextHop
    {
        uint32_t interface = NO_INTERFACE;
        /// The next router's address; 0.0.0.0 when the destination is on the
        /// link itself (directly connected) or the link is unnumbered.
        Ipv4Address address = Ipv4Address::GetAny();

        bool IsDirect() const;
        /// The documented ECMP order: address, then interface, ascending.
        bool operator<(const NextHop& other) const;
        bool operator==(const NextHop& other) const;
    };

    /// RFC 2328 section 11 path types; this engine makes intra-area ones.
    enum PathType : uint8_t
    {
        PATH_INTRA_AREA = 1,
        PATH_INTER_AREA = 2,
        PATH_TYPE1_EXTERNAL = 3,
        PATH_TYPE2_EXTERNAL = 4,
    };

    /// A destination network: its number and mask.
    struct Prefix
    {
        Ipv4Address network;
        Ipv4Mask mask;

        /// By network number, then by prefix length.
        bool operator<(const Prefix& other) const;
        bool operator==(const Prefix& other) const;
    };

    /// A routing table entry for a network (RFC 2328 section 11).
    struct NetworkRoute
    {
        Prefix destination;
        uint32_t cost = 0;
        PathType pathType = PATH_INTRA_AREA;
        /// In the documented ECMP order, never empty.
        std::vector<NextHop> nextHops;
        /// The LSA the route comes from (the RFC's "Link State Origin").
        LsaKey origin;

        /// The lowest next hop in the ECMP order.
        const NextHop& First() const;
    };

    /// A routing table entry for a router of the area.
    struct RouterRoute
    {
        Ipv4Address routerId;
        uint32_t cost = 0;
        PathType pathType = PATH_INTRA_AREA;
        /// The Router-LSA's flags (RouterLsaFlag: B, E, V).
        uint8_t flags = 0;
        /// In the documented ECMP order; empty for the root itself.
        std::vector<NextHop> nextHops;
    };

    /// A vertex of the shortest-path tree of stage 1.
    struct TreeVertex
    {
        enum Type : uint8_t
        {
            ROUTER,
            NETWORK,
        };

        Type type = ROUTER;
        /// Router ID, or the DR's interface address for a network (16.1).
        Ipv4Address id;
        uint32_t distance = 0;
        /// Index in Result::tree of the parent; nullopt for the root.
        std::optional<std::size_t> parent;
        /// Every vertex through which this one is reached at its distance,
        /// as indices in Result::tree, in the order they joined the tree.
        std::vector<std::size_t> parents;
        /// The vertex's LSA (the root's may be absent from the database).
        LsaKey lsa;
    };

    /// What Compute() returns.
    struct Result
    {
        std::map<Prefix, NetworkRoute> networks;
        std::map<Ipv4Address, RouterRoute> routers;
        /// Stage 1's tree, in the order the vertices joined it (root first).
        std::vector<TreeVertex> tree;

        const NetworkRoute* FindNetwork(Ipv4Address network, Ipv4Mask mask) const;
        const RouterRoute* FindRouter(Ipv4Address routerId) const;
        /// Index in `tree` of a vertex, if it is on the tree (a linear
        /// search, for tests and traces).
        std::optional<std::size_t> FindVertex(TreeVertex::Type type, Ipv4Address id) const;
    };

    /**
     * \param routerId the calculating router (the root of the tree).
     * \param interfaces its interfaces, to name the outgoing interface of the
     *        root's links and to find next-hop addresses on its subnets.
     */
    SpfEngine(Ipv4Address routerId, std::vector<Interface> interfaces);

    Ipv4Address GetRouterId() const;
    void SetInterfaces(std::vector<Interface> interfaces);
    const std::vector<Interface>& GetInterfaces() const;

    /// How much of the Result a calculation fills in.
    enum class Detail : uint8_t
    {
        FULL,          ///< networks, routers and the tree
        NETWORKS_ONLY, ///< networks; `routers` and `tree` left empty
    };

    /**
     * Runs RFC 2328 16.1 on the area's database.
     * \param lsas the LSAs of the area; LS types other than Router-LSA and
     *        Network-LSA, and LSAs at MaxAge, are skipped.
     */
    Result Compute(const std::vector<Lsa>& lsas) const;
    /// The same, on LSAs the caller keeps elsewhere (its database). A
    /// router's forwarding table needs NETWORKS_ONLY, which saves building
    /// a thousand tree and router entries per run in a large area.
    Result Compute(const std::vector<const Lsa*>& lsas, Detail detail = Detail::FULL) const;

  private:
    const Interface* FindInterfaceForLinkData(Ipv4Address linkData) const;
    /// The interfaces of the root on a stub network it advertises.
    std::vector<uint32_t> StubInterfaces(Ipv4Address network, Ipv4Mask mask) const;

    Ipv4Address m_routerId;
    std::vector<Interface> m_interfaces;
};

std::ostream& operator<<(std::ostream& os, const SpfEngine::NextHop& hop);
std::ostream& operator<<(std::ostream& os, const SpfEngine::Prefix& prefix);
/// The routing table and the tree, one entry a line, for logs and traces.
std::ostream& operator<<(std::ostream& os, const SpfEngine::Result& result);

} // namespace ospf
} // namespace ns3

#endif /* IPVPN_OSPF_SPF_ENGINE_H */
