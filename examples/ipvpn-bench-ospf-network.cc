/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ipvpn-bench-ospf: the random core (see ipvpn-bench-ospf.cc) and the
 * helpers both modes use.
 */
#include "ipvpn-bench-ospf.h"

#include "ns3/point-to-point-helper.h"
#include "ns3/string.h"
#include "ns3/traffic-control-helper.h"

#include <algorithm>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <numeric>
#include <random>
#include <sys/resource.h>

namespace ospfbench
{

double
SecondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

uint64_t
PeakRssKib()
{
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<uint64_t>(usage.ru_maxrss);
}

// ------------------------------------------------------------------ topology

Topology
MakeTopology(uint32_t routers, uint32_t seed)
{
    std::mt19937 rng(seed);
    Topology topo;
    topo.routers = routers;

    std::vector<uint32_t> ring(routers);
    std::iota(ring.begin(), ring.end(), 0);
    std::shuffle(ring.begin(), ring.end(), rng);
    // Neighbours on the ring, to refuse a matching edge that doubles one.
    std::vector<std::pair<uint32_t, uint32_t>> ringNeighbours(routers);
    for (uint32_t i = 0; i < routers; ++i)
    {
        uint32_t u = ring[i];
        uint32_t v = ring[(i + 1) % routers];
        topo.edges.push_back({u, v, 1});
        ringNeighbours[u].second = v;
        ringNeighbours[v].first = u;
    }

    std::vector<uint32_t> order(routers);
    std::iota(order.begin(), order.end(), 0);
    for (;;)
    {
        std::shuffle(order.begin(), order.end(), rng);
        bool ok = true;
        for (uint32_t i = 0; i < routers && ok; i += 2)
        {
            uint32_t u = order[i];
            uint32_t v = order[i + 1];
            ok = u != v && ringNeighbours[u].first != v && ringNeighbours[u].second != v;
        }
        if (ok)
        {
            break;
        }
    }
    for (uint32_t i = 0; i < routers; i += 2)
    {
        topo.edges.push_back({order[i], order[i + 1], 1});
    }

    std::uniform_int_distribution<uint16_t> metric(1, 1000);
    for (Edge& e : topo.edges)
    {
        e.metric = metric(rng);
    }
    return topo;
}

Graph
MakeGraph(const Topology& topo)
{
    Graph g(topo.routers);
    for (const Edge& e : topo.edges)
    {
        boost::add_edge(e.a, e.b, uint32_t{e.metric}, g);
    }
    return g;
}

std::vector<uint32_t>
Distances(const Graph& g, uint32_t source)
{
    std::vector<uint32_t> dist(boost::num_vertices(g));
    boost::dijkstra_shortest_paths(g,
                                   source,
                                   boost::distance_map(boost::make_iterator_property_map(
                                       dist.begin(), boost::get(boost::vertex_index, g))));
    return dist;
}

// ------------------------------------------------------------------- network

BuiltNetwork
BuildNetwork(const Topology& topo, InternetStackHelper& stack)
{
    BuiltNetwork net;
    net.nodes.Create(topo.routers);
    stack.Install(net.nodes);
    net.routerLinks.resize(topo.routers);

    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
    p2p.SetChannelAttribute("Delay", StringValue("1ms"));
    Ipv4AddressHelper addresses("10.0.0.0", "255.255.255.252");
    const Ipv4Mask mask("255.255.255.252");
    for (const Edge& e : topo.edges)
    {
        NetDeviceContainer devices = p2p.Install(net.nodes.Get(e.a), net.nodes.Get(e.b));
        Ipv4InterfaceContainer interfaces = addresses.Assign(devices);
        addresses.NewNetwork();
        // Ipv4AddressHelper puts an FqCoDel queue disc on every device (one
        // CoDel child per flow seen, kilobytes each); the scenario runner's
        // routers have none, only the device queue: the benchmarks measure
        // the same routers.
        TrafficControlHelper().Uninstall(devices);
        BuiltLink link;
        link.a = e.a;
        link.b = e.b;
        link.ifA = interfaces.Get(0).second;
        link.ifB = interfaces.Get(1).second;
        link.addrA = interfaces.GetAddress(0);
        link.addrB = interfaces.GetAddress(1);
        link.network = link.addrA.CombineMask(mask);
        link.metric = e.metric;
        interfaces.Get(0).first->SetMetric(link.ifA, e.metric);
        interfaces.Get(1).first->SetMetric(link.ifB, e.metric);
        net.routerLinks[e.a].push_back(net.links.size());
        net.routerLinks[e.b].push_back(net.links.size());
        net.links.push_back(link);
    }
    return net;
}

} // namespace ospfbench
