/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "vr-route-oracle.h"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <limits>

namespace ns3
{
namespace metrics
{

namespace
{

using Graph = boost::adjacency_list<boost::vecS,
                                    boost::vecS,
                                    boost::directedS,
                                    boost::no_property,
                                    boost::property<boost::edge_weight_t, uint64_t>>;

constexpr uint64_t kInfinite = std::numeric_limits<uint64_t>::max();

std::string
Join(const std::set<std::string>& hops)
{
    std::string text;
    for (const std::string& h : hops)
    {
        text += (text.empty() ? "" : ", ") + (h.empty() ? std::string("direct") : h);
    }
    return text.empty() ? "none" : text;
}

} // namespace

void
VrRouteOracle::AddPort(const std::string& name, const std::vector<std::string>& prefixes)
{
    m_ports.push_back({name, prefixes});
}

size_t
VrRouteOracle::Index(const std::string& name) const
{
    for (size_t i = 0; i < m_ports.size(); ++i)
    {
        if (m_ports[i].name == name)
        {
            return i;
        }
    }
    return m_ports.size();
}

void
VrRouteOracle::AddTunnel(const std::string& from, const std::string& to, uint32_t cost)
{
    const size_t a = Index(from);
    const size_t b = Index(to);
    if (a < m_ports.size() && b < m_ports.size() && a != b)
    {
        m_tunnels[{a, b}] = cost;
    }
}

VrRouteSet
VrRouteOracle::Expected(const std::string& port) const
{
    VrRouteSet routes;
    const size_t source = Index(port);
    if (source == m_ports.size())
    {
        return routes;
    }
    // Edges only where both ends have the tunnel up.
    const size_t n = m_ports.size();
    Graph graph(n);
    std::map<size_t, uint64_t> firstHops; // neighbour of the source -> cost
    for (const auto& [ends, cost] : m_tunnels)
    {
        if (m_tunnels.count({ends.second, ends.first}))
        {
            boost::add_edge(ends.first, ends.second, uint64_t{cost}, graph);
            if (ends.first == source)
            {
                firstHops[ends.second] = cost;
            }
        }
    }
    auto distancesFrom = [&graph, n](size_t from) {
        std::vector<uint64_t> dist(n, kInfinite);
        boost::dijkstra_shortest_paths(
            graph,
            from,
            boost::distance_map(boost::make_iterator_property_map(
                                    dist.begin(), boost::get(boost::vertex_index, graph)))
                .distance_inf(kInfinite));
        return dist;
    };
    const std::vector<uint64_t> fromSource = distancesFrom(source);
    std::map<size_t, std::vector<uint64_t>> fromHop;
    for (const auto& [hop, cost] : firstHops)
    {
        fromHop[hop] = distancesFrom(hop);
    }
    for (const std::string& prefix : m_ports[source].prefixes)
    {
        routes[prefix].insert("");
    }
    for (size_t d = 0; d < n; ++d)
    {
        if (d == source || fromSource[d] == kInfinite)
        {
            continue;
        }
        std::set<std::string> hops;
        for (const auto& [hop, cost] : firstHops)
        {
            const uint64_t rest = fromHop[hop][d];
            if (rest != kInfinite && cost + rest == fromSource[d])
            {
                hops.insert(m_ports[hop].name);
            }
        }
        for (const std::string& prefix : m_ports[d].prefixes)
        {
            // A prefix of the port itself stays direct (connected wins).
            if (!routes.count(prefix) || routes[prefix].count("") == 0)
            {
                routes[prefix].insert(hops.begin(), hops.end());
            }
        }
    }
    return routes;
}

std::vector<std::string>
DiffRoutes(const VrRouteSet& expected, const VrRouteSet& actual)
{
    std::vector<std::string> diff;
    std::set<std::string> prefixes;
    for (const auto& [prefix, hops] : expected)
    {
        prefixes.insert(prefix);
    }
    for (const auto& [prefix, hops] : actual)
    {
        prefixes.insert(prefix);
    }
    for (const std::string& prefix : prefixes)
    {
        auto e = expected.find(prefix);
        auto a = actual.find(prefix);
        const std::set<std::string> want =
            e == expected.end() ? std::set<std::string>{} : e->second;
        const std::set<std::string> got = a == actual.end() ? std::set<std::string>{} : a->second;
        if (want != got)
        {
            diff.push_back(prefix + ": expected " + Join(want) + ", has " + Join(got));
        }
    }
    return diff;
}

} // namespace metrics
} // namespace ns3
