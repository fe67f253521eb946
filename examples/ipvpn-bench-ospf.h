/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Parts of ipvpn-bench-ospf (see ipvpn-bench-ospf.cc): the random core both
 * modes build, and the two modes, each run in its own forked child.
 */
#ifndef IPVPN_BENCH_OSPF_H
#define IPVPN_BENCH_OSPF_H

#include "ns3/internet-module.h"
#include "ns3/network-module.h"

#include <boost/graph/adjacency_list.hpp>
#include <chrono>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <vector>

namespace ospfbench
{

using namespace ns3;

/// Simulated time OSPF has to converge in.
inline const Time kConvergenceLimit = Seconds(60);
/// How long the tables must stay correct after convergence.
inline const Time kHoldCheck = Seconds(1);
/// (router, subnet) pairs checked after global routing.
inline const uint32_t kGlobalChecks = 10;

using Clock = std::chrono::steady_clock;

/// Wall seconds since `start`.
double SecondsSince(Clock::time_point start);
/// Peak resident set size of this process, KiB.
uint64_t PeakRssKib();

struct Edge
{
    uint32_t a = 0;
    uint32_t b = 0;
    uint16_t metric = 1;
};

/// The graph both modes build: edges 0..N-1 the ring, then the matching.
struct Topology
{
    uint32_t routers = 0;
    std::vector<Edge> edges;
};

/// The random connected degree-3 core of `routers` routers (see above).
Topology MakeTopology(uint32_t routers, uint32_t seed);

using Graph = boost::adjacency_list<boost::vecS,
                                    boost::vecS,
                                    boost::undirectedS,
                                    boost::no_property,
                                    boost::property<boost::edge_weight_t, uint32_t>>;

Graph MakeGraph(const Topology& topo);
/// Least path costs from `source` to every router.
std::vector<uint32_t> Distances(const Graph& g, uint32_t source);

/// One link as built: its ends, their Ipv4 interfaces and addresses.
struct BuiltLink
{
    uint32_t a = 0;
    uint32_t b = 0;
    uint32_t ifA = 0;
    uint32_t ifB = 0;
    Ipv4Address addrA;
    Ipv4Address addrB;
    Ipv4Address network;
    uint16_t metric = 1;
};

struct BuiltNetwork
{
    NodeContainer nodes;
    std::vector<BuiltLink> links;
    /// Link indices of each router.
    std::vector<std::vector<uint32_t>> routerLinks;
};

/// Nodes with `stack`, one point-to-point link per edge in its own /30, the
/// edge's metric on both interfaces.
BuiltNetwork BuildNetwork(const Topology& topo, InternetStackHelper& stack);

/// The ospf mode; fills `out` and returns the exit code.
int RunOspf(const Topology& topo, nlohmann::json& out);
/// The global mode; fills `out` and returns the exit code.
int RunGlobal(const Topology& topo, uint32_t seed, nlohmann::json& out);

} // namespace ospfbench

#endif
