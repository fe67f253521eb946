/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * What every VR port's table of one VPN should hold, from the VPN's
 * tunnels alone (a Boost.Graph of the ports, independent of the OSPF code
 * under test): each port reaches its own user prefixes directly, and the
 * user prefixes of every port it can reach over working tunnels through
 * the first hops of all least-cost paths (equal-cost next hops together);
 * a prefix of a port it cannot reach has no route.
 *
 * A tunnel is an edge when both of its ends have it up (an OSPF adjacency
 * needs both, RFC 2328 16.1 checks the link both ways); each end's cost is
 * its own interface cost, so the graph is directed.
 */
#ifndef IPVPN_VR_ROUTE_ORACLE_H
#define IPVPN_VR_ROUTE_ORACLE_H

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace ns3
{
namespace metrics
{

/// A port's routes to its VPN's user prefixes: prefix ("10.1.0.0/24") ->
/// next hops, each a peer port's name, or "" for the port's own user line.
using VrRouteSet = std::map<std::string, std::set<std::string>>;

class VrRouteOracle
{
  public:
    /// A working port: its name and its user prefixes.
    void AddPort(const std::string& name, const std::vector<std::string>& prefixes);
    /// `from` has its tunnel to `to` up with this interface cost.
    void AddTunnel(const std::string& from, const std::string& to, uint32_t cost);

    /// The routes `port` should hold; empty for an unknown port.
    VrRouteSet Expected(const std::string& port) const;

  private:
    struct PortEntry
    {
        std::string name;
        std::vector<std::string> prefixes;
    };

    size_t Index(const std::string& name) const;

    std::vector<PortEntry> m_ports;
    std::map<std::pair<size_t, size_t>, uint32_t> m_tunnels; ///< (from, to) -> cost
};

/// "prefix: a, b" lines of the routes in `actual` that differ from
/// `expected` (missing, unexpected or other next hops), for reports.
std::vector<std::string> DiffRoutes(const VrRouteSet& expected, const VrRouteSet& actual);

} // namespace metrics
} // namespace ns3

#endif
