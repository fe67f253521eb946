/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "scenario-topology-graph.h"

#include <boost/graph/connected_components.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/filtered_graph.hpp>

#include <algorithm>
#include <limits>
#include <map>

namespace ns3
{
namespace scenario
{

TopologyGraph::TopologyGraph(const Scenario& scenario)
{
    for (const auto& node : scenario.nodes)
    {
        auto v = boost::add_vertex(m_graph);
        m_graph[v].name = node.name;
        m_graph[v].isHost = node.kind == NodeKind::HOST;
        m_vertexByName.emplace(node.name, v);
    }
    for (size_t li = 0; li < scenario.links.size(); ++li)
    {
        const auto& link = scenario.links[li];
        m_linkByName.emplace(link.name, li);
        m_linkNames.push_back(link.name);
        m_linkUp.push_back(true);
        std::vector<Vertex> ends;
        for (const auto& ep : link.endpoints)
        {
            if (auto v = Find(ep.node))
            {
                ends.push_back(*v);
            }
        }
        for (size_t i = 0; i < ends.size(); ++i)
        {
            for (size_t j = i + 1; j < ends.size(); ++j)
            {
                if (ends[i] == ends[j])
                {
                    continue;
                }
                auto [e, ok] = boost::add_edge(ends[i], ends[j], m_graph);
                (void)ok;
                m_graph[e].link = static_cast<int>(li);
                m_graph[e].metric = link.metric;
            }
        }
    }
}

size_t
TopologyGraph::NodeCount() const
{
    return boost::num_vertices(m_graph);
}

std::optional<TopologyGraph::Vertex>
TopologyGraph::Find(const std::string& name) const
{
    auto it = m_vertexByName.find(name);
    return it == m_vertexByName.end() ? std::nullopt : std::optional<Vertex>(it->second);
}

void
TopologyGraph::SetLinkUp(const std::string& link, bool up)
{
    for (size_t li = 0; li < m_linkNames.size(); ++li)
    {
        if (m_linkNames[li] == link)
        {
            m_linkUp[li] = up;
        }
    }
    for (auto e : boost::make_iterator_range(boost::edges(m_graph)))
    {
        int li = m_graph[e].link;
        if (li >= 0 && m_linkNames[li] == link)
        {
            m_graph[e].up = up;
        }
    }
}

void
TopologyGraph::SetLinkMetric(const std::string& link, uint32_t metric)
{
    for (auto e : boost::make_iterator_range(boost::edges(m_graph)))
    {
        int li = m_graph[e].link;
        if (li >= 0 && m_linkNames[li] == link)
        {
            m_graph[e].metric = metric;
        }
    }
}

void
TopologyGraph::SetNodeUp(const std::string& node, bool up)
{
    if (auto v = Find(node))
    {
        m_graph[*v].up = up;
    }
}

bool
TopologyGraph::IsLinkUp(const std::string& link) const
{
    auto it = m_linkByName.find(link);
    return it != m_linkByName.end() && m_linkUp[it->second];
}

bool
TopologyGraph::IsNodeUp(const std::string& node) const
{
    auto v = Find(node);
    return v && m_graph[*v].up;
}

bool
TopologyGraph::ApplyEvent(const EventSpec& event)
{
    const bool up = event.action == "link-up" || event.action == "node-up";
    if (event.action == "link-down" || event.action == "link-up")
    {
        SetLinkUp(event.Arg("link"), up);
        return true;
    }
    if (event.action == "node-down" || event.action == "node-up")
    {
        SetNodeUp(event.Arg("node"), up);
        return true;
    }
    return false;
}

std::vector<std::vector<std::string>>
TopologyGraph::Components() const
{
    // Only working elements count: failed nodes are left out entirely.
    auto edgeUp = [this](Graph::edge_descriptor e) {
        return m_graph[e].up && m_graph[boost::source(e, m_graph)].up &&
               m_graph[boost::target(e, m_graph)].up;
    };
    auto vertexUp = [this](Vertex v) { return m_graph[v].up; };
    boost::filtered_graph<Graph, std::function<bool(Graph::edge_descriptor)>,
                          std::function<bool(Vertex)>>
        live(m_graph, edgeUp, vertexUp);

    std::vector<int> component(boost::num_vertices(m_graph), -1);
    auto index = boost::get(boost::vertex_index, m_graph);
    int count = boost::connected_components(
        live,
        boost::make_iterator_property_map(component.begin(), index));

    std::vector<std::vector<std::string>> out(count);
    for (auto v : boost::make_iterator_range(boost::vertices(live)))
    {
        out[component[v]].push_back(m_graph[v].name);
    }
    for (auto& c : out)
    {
        std::sort(c.begin(), c.end());
    }
    out.erase(std::remove_if(out.begin(), out.end(), [](const auto& c) { return c.empty(); }),
              out.end());
    std::sort(out.begin(), out.end());
    return out;
}

bool
TopologyGraph::IsConnected() const
{
    return Components().size() <= 1;
}

void
TopologyGraph::Dijkstra(Vertex from,
                        Vertex to,
                        std::vector<Vertex>& pred,
                        std::vector<uint64_t>& dist) const
{
    // Hosts do not forward: only the two ends may be hosts on the path.
    auto vertexUsable = [this, from, to](Vertex v) {
        return m_graph[v].up && (!m_graph[v].isHost || v == from || v == to);
    };
    auto edgeUsable = [this, &vertexUsable](Graph::edge_descriptor e) {
        return m_graph[e].up && vertexUsable(boost::source(e, m_graph)) &&
               vertexUsable(boost::target(e, m_graph));
    };
    boost::filtered_graph<Graph, std::function<bool(Graph::edge_descriptor)>,
                          std::function<bool(Vertex)>>
        live(m_graph, edgeUsable, vertexUsable);

    size_t n = boost::num_vertices(m_graph);
    pred.assign(n, 0);
    dist.assign(n, std::numeric_limits<uint64_t>::max());
    auto index = boost::get(boost::vertex_index, m_graph);
    boost::dijkstra_shortest_paths(
        live,
        from,
        boost::predecessor_map(boost::make_iterator_property_map(pred.begin(), index))
            .distance_map(boost::make_iterator_property_map(dist.begin(), index))
            .weight_map(boost::get(&EdgeProps::metric, m_graph))
            .distance_inf(std::numeric_limits<uint64_t>::max()));
}

std::optional<std::pair<uint64_t, std::vector<std::string>>>
TopologyGraph::Solve(const std::string& from, const std::string& to) const
{
    auto a = Find(from);
    auto b = Find(to);
    if (!a || !b || !m_graph[*a].up || !m_graph[*b].up)
    {
        return std::nullopt;
    }
    std::vector<Vertex> pred;
    std::vector<uint64_t> dist;
    Dijkstra(*a, *b, pred, dist);
    if (dist[*b] == std::numeric_limits<uint64_t>::max())
    {
        return std::nullopt;
    }
    std::vector<std::string> path;
    for (Vertex v = *b;; v = pred[v])
    {
        path.push_back(m_graph[v].name);
        if (v == *a)
        {
            break;
        }
    }
    std::reverse(path.begin(), path.end());
    return std::make_pair(dist[*b], path);
}

std::vector<std::string>
TopologyGraph::ShortestPath(const std::string& from, const std::string& to) const
{
    auto solved = Solve(from, to);
    return solved ? solved->second : std::vector<std::string>{};
}

std::optional<uint64_t>
TopologyGraph::PathCost(const std::string& from, const std::string& to) const
{
    auto solved = Solve(from, to);
    return solved ? std::optional<uint64_t>(solved->first) : std::nullopt;
}

std::vector<std::string>
TopologyGraph::RoutersReachableFrom(const std::string& from) const
{
    const std::vector<uint64_t> dist = CostsFrom(from);
    std::vector<std::string> out;
    for (auto v : boost::make_iterator_range(boost::vertices(m_graph)))
    {
        if (dist[v] != kUnreachable)
        {
            out.push_back(m_graph[v].name);
        }
    }
    return out;
}

std::vector<uint64_t>
TopologyGraph::CostsFrom(const std::string& from) const
{
    auto a = Find(from);
    if (!a || !m_graph[*a].up)
    {
        return std::vector<uint64_t>(boost::num_vertices(m_graph), kUnreachable);
    }
    std::vector<Vertex> pred;
    std::vector<uint64_t> dist;
    Dijkstra(*a, *a, pred, dist); // Dijkstra's infinity is kUnreachable
    return dist;
}

bool
TopologyGraph::Reachable(const std::string& from, const std::string& to) const
{
    return PathCost(from, to).has_value();
}

} // namespace scenario
} // namespace ns3
