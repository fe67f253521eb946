/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * What every OSPF router's table should hold in the scenario's topology as
 * it stands (the topology oracle replaying the applied events): for every
 * link's subnet (VR ports' user lines aside: their prefixes are the VPNs',
 * not the core's), a connected route where the router's interface on it
 * works, else the least cost (sum of link metrics) with every equal-cost
 * next hop, or no route when the subnet cannot be reached.
 *
 * The OSPF monitor asks after every change of a table; so that a check
 * costs in proportion to what changed, least costs are computed once per
 * topology (one Dijkstra per router, when first needed) and only the
 * routers whose table changed since the last check are compared again.
 */
#ifndef IPVPN_OSPF_TABLE_ORACLE_H
#define IPVPN_OSPF_TABLE_ORACLE_H

#include "ns3/ipvpn-network-names.h"
#include "ns3/ipvpn-routing-protocol.h"
#include "ns3/scenario-topology-graph.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ns3
{
namespace metrics
{

class OspfTableOracle
{
  public:
    struct LinkEnd
    {
        std::string node;
        size_t nodeIndex = 0; ///< in the scenario's node order
        bool router = false;
        uint32_t ipv4Interface = 0;
        uint32_t address = 0;
    };

    struct Link
    {
        const scenario::LinkSpec* spec = nullptr;
        uint32_t metric = 1; ///< the link's cost now (cost-change events)
        uint32_t network = 0;
        uint8_t length = 0;
        std::vector<LinkEnd> ends;
    };

    /// `routers`: the routers whose tables are compared, by name.
    OspfTableOracle(const scenario::Scenario& scenario,
                    const NetworkNames& names,
                    std::vector<std::pair<std::string, Ptr<IpvpnRoutingProtocol>>> routers);

    const std::vector<Link>& Links() const;

    /// A link or node event, or a cost change, as the network applied it.
    void ApplyEvent(const scenario::EventSpec& event);
    /// The table of router `index` (order of the constructor's list) changed.
    void TableChanged(size_t index);

    /// True when every working router's table equals the oracle's.
    bool AllMatch();
    /// The differences, at most `max`, as readable lines.
    std::vector<std::string> Mismatches(size_t max);

  private:
    struct Router
    {
        std::string name;
        size_t nodeIndex = 0;
        Ptr<IpvpnRoutingProtocol> routing;
        bool dirty = true;
        bool matches = false;
    };

    /// A working interface of a router towards a working router.
    struct Adjacent
    {
        size_t link = 0;
        uint32_t selfInterface = 0;
        size_t neighbour = 0; ///< node index
        uint32_t address = 0;
    };

    void Refresh();
    bool InterfaceUp(const LinkEnd& end, const Link& link) const;
    /// Least cost from a router (node index) to link `li`'s subnet.
    uint64_t LinkCost(size_t node, size_t li);
    void CompareRouter(const Router& r, size_t max, std::vector<std::string>& out);

    scenario::TopologyGraph m_graph;
    std::vector<Link> m_links;
    std::vector<Router> m_routers;
    std::vector<bool> m_nodeUp; ///< by node index

    // Per topology: cleared by every event.
    bool m_stale = true;
    std::vector<std::vector<bool>> m_endUp;        ///< [link][end]
    std::vector<std::vector<Adjacent>> m_adjacent; ///< by node index
    std::vector<std::vector<uint64_t>> m_linkCost; ///< [node][link], empty: not yet
    std::unordered_map<std::string, size_t> m_nodeIndex;
    std::vector<std::string> m_nodeNames; ///< by node index
};

} // namespace metrics
} // namespace ns3

#endif
