/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The scenario's topology as a Boost.Graph: used by the loader to check
 * connectivity, by the network as its record of which links and nodes work,
 * and by monitors as the oracle for reachability and expected shortest
 * paths, independent of any protocol code under test.
 */
#ifndef IPVPN_SCENARIO_TOPOLOGY_GRAPH_H
#define IPVPN_SCENARIO_TOPOLOGY_GRAPH_H

#include "scenario-spec.h"

#include <boost/graph/adjacency_list.hpp>

#include <limits>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace ns3
{
namespace scenario
{

class TopologyGraph
{
  public:
    /// Builds the graph from the scenario's nodes and links (links whose
    /// endpoints name unknown nodes are skipped). A CSMA segment becomes a
    /// full mesh of edges that all belong to the same link.
    explicit TopologyGraph(const Scenario& scenario);

    size_t NodeCount() const;

    /// Marks a link or node failed / restored; unknown names are ignored.
    void SetLinkUp(const std::string& link, bool up);
    void SetNodeUp(const std::string& node, bool up);
    bool IsLinkUp(const std::string& link) const; ///< false for an unknown link
    /// Changes a link's routing cost (a feature's cost-change event); unknown
    /// names are ignored.
    void SetLinkMetric(const std::string& link, uint32_t metric);
    bool IsNodeUp(const std::string& node) const; ///< false for an unknown node

    /// Applies a link-down/up or node-down/up event; false (and no change)
    /// for events of other kinds. The live network and the oracle replay
    /// both go through here.
    bool ApplyEvent(const EventSpec& event);

    /// Connected components over the working nodes and links, each a sorted
    /// list of node names; the components are ordered by their first name.
    std::vector<std::vector<std::string>> Components() const;

    bool IsConnected() const;

    /// Least-cost path (sum of link metrics) from one node to another, as a
    /// list of node names including both ends. Hosts never forward, so they
    /// appear only at the ends. Empty when unreachable.
    std::vector<std::string> ShortestPath(const std::string& from, const std::string& to) const;

    /// Cost of ShortestPath, or nullopt when unreachable.
    std::optional<uint64_t> PathCost(const std::string& from, const std::string& to) const;

    bool Reachable(const std::string& from, const std::string& to) const;

    /// Marks a node that cannot be reached in CostsFrom.
    static constexpr uint64_t kUnreachable = std::numeric_limits<uint64_t>::max();

    /// PathCost from `from` to every node at once, by the scenario's node
    /// order (kUnreachable where there is no path). Hosts never forward, so
    /// the costs to hosts other than `from` are kUnreachable.
    std::vector<uint64_t> CostsFrom(const std::string& from) const;

    /// Every router reachable from `from`, and `from` itself, by name (hosts
    /// never forward, so no other host is on the way to anything).
    std::vector<std::string> RoutersReachableFrom(const std::string& from) const;

  private:
    struct VertexProps
    {
        std::string name;
        bool isHost = false;
        bool up = true;
    };

    struct EdgeProps
    {
        int link = -1;
        uint32_t metric = 1;
        bool up = true;
    };

    using Graph =
        boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS, VertexProps, EdgeProps>;
    using Vertex = Graph::vertex_descriptor;

    std::optional<Vertex> Find(const std::string& name) const;

    /// Dijkstra from `from`; fills predecessor and distance maps.
    void Dijkstra(Vertex from,
                  Vertex to,
                  std::vector<Vertex>& pred,
                  std::vector<uint64_t>& dist) const;

    /// Cost and node names of the least-cost path, or nullopt.
    std::optional<std::pair<uint64_t, std::vector<std::string>>> Solve(const std::string& from,
                                                                       const std::string& to) const;

    Graph m_graph;
    std::unordered_map<std::string, Vertex> m_vertexByName;
    std::unordered_map<std::string, size_t> m_linkByName;
    std::vector<std::string> m_linkNames; ///< by link index
    std::vector<bool> m_linkUp;           ///< by link index
};

} // namespace scenario
} // namespace ns3

#endif
