/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ipvpn-bench-ospf: the module's OSPFv2 against ns-3 global routing on one
 * random degree-3 core of N routers (issue 9, "Performance").
 *
 * The topology comes from the seed alone (std::mt19937, not ns-3's RNG), so
 * both modes build the same graph: a ring through a random permutation of
 * the routers plus a random perfect matching with no edge of the ring, each
 * edge a point-to-point link (1 Gbps, 1 ms) in its own /30 of 10.0.0.0/8
 * with a random metric 1..1000 as the Ipv4 metric of both interfaces.
 *
 * Each mode runs in a forked child, so its peak RSS and its Simulator are
 * its own; the child sends one JSON line of figures through a pipe.
 *
 *  - ospf: IpvpnRoutingProtocol in an Ipv4ListRouting and one OSPF instance
 *    per router (RFC 2328 default timers), interface costs the metrics.
 *    Converged when every router's table holds, for every link subnet, the
 *    connected route (its own subnets) or an OSPF route of the least cost
 *    (Boost.Graph Dijkstra over the same graph). Routers are re-checked only
 *    after their RouteChange trace fired, once per simulation instant. The
 *    tables must then stay correct (and every next hop be a least-cost one)
 *    for one more simulated second.
 *  - global: ns-3's InternetStackHelper and
 *    Ipv4GlobalRoutingHelper::PopulateRoutingTables, timed alone; then ten
 *    random (router, subnet) pairs: the network route exists and the host
 *    routes to the subnet's two addresses are least-cost ones.
 *
 * Exit codes: 0 every mode requested succeeded, 1 a mode failed, 2 the
 * command line is wrong.
 */
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipv4-global-routing.h"
#include "ns3/ipv4-list-routing-helper.h"
#include "ns3/ipv4-list-routing.h"
#include "ns3/ipvpn-route-table.h"
#include "ns3/ipvpn-routing-helper.h"
#include "ns3/ipvpn-routing-protocol.h"
#include "ns3/network-module.h"
#include "ns3/ospf-helper.h"
#include "ns3/ospf-protocol.h"
#include "ns3/point-to-point-helper.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <limits>
#include <nlohmann/json.hpp>
#include <numeric>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <unordered_map>
#include <vector>

using namespace ns3;

namespace
{

const char* kUsage = R"(usage: ipvpn-bench-ospf [options]

Builds a random connected degree-3 core of N routers (point-to-point links,
random metrics 1..1000), runs the module's OSPFv2 to convergence and times
ns-3 global routing's PopulateRoutingTables on the same topology, each in a
forked process of its own. Prints per mode:

  set-up        wall time to build nodes, links, stacks (and OSPF instances)
  routing wall  ospf: wall time of Simulator::Run until every table held
                every least-cost route; global: PopulateRoutingTables
  simulated     ospf: simulated time of that convergence
  events        ospf: simulator events executed until then
  peak memory   the mode's process's peak resident set size

then OSPF's counters summed over the routers at convergence and the ratio
of the routing wall times, ospf/global. OSPF must converge within 60
simulated seconds and its tables stay correct for one more second.

options:
  --routers N              number of routers, even, at least 4 (default 1000)
  --seed S                 topology seed (default 1)
  --mode both|ospf|global  which modes to run (default both)
  --json FILE              also write the figures as JSON
  --no-fork                run the one mode (ospf or global) in this process,
                           for profilers that do not follow a fork
  --help                   this text

exit codes: 0 every mode succeeded, 1 a mode failed, 2 the command line is
wrong
)";

/// Simulated time OSPF has to converge in.
const Time kConvergenceLimit = Seconds(60);
/// How long the tables must stay correct after convergence.
const Time kHoldCheck = Seconds(1);
/// (router, subnet) pairs checked after global routing.
const uint32_t kGlobalChecks = 10;

int
UsageError(const std::string& message)
{
    std::cerr << "ipvpn-bench-ospf: " << message << "\n(try --help)\n";
    return 2;
}

using Clock = std::chrono::steady_clock;

double
SecondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// Peak resident set size of this process, KiB.
uint64_t
PeakRssKib()
{
    struct rusage usage;
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<uint64_t>(usage.ru_maxrss);
}

// ------------------------------------------------------------------ topology

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

using Graph = boost::adjacency_list<boost::vecS,
                                    boost::vecS,
                                    boost::undirectedS,
                                    boost::no_property,
                                    boost::property<boost::edge_weight_t, uint32_t>>;

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

/// Least path costs from `source` to every router.
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

// ----------------------------------------------------------------- ospf mode

/**
 * Watches every router's table until each holds the least-cost route to
 * every link subnet, then for kHoldCheck more, and stops the simulation.
 */
class ConvergenceMonitor
{
  public:
    ConvergenceMonitor(const BuiltNetwork& net,
                       std::vector<Ptr<IpvpnRoutingProtocol>> routing,
                       std::vector<uint32_t> dist)
        : m_net(net)
        , m_routing(std::move(routing))
        , m_dist(std::move(dist))
        , m_n(m_routing.size())
        , m_dirty(m_n, false)
        , m_correct(m_n, false)
        , m_firstWrong(m_n, 0)
        , m_nIncorrect(m_n)
    {
        for (uint32_t r = 0; r < m_n; ++r)
        {
            m_routing[r]->TraceConnectWithoutContext(
                "RouteChange",
                Callback<void, const IpvpnRouteChange&>([this, r](const IpvpnRouteChange&) {
                    RouteChanged(r);
                }));
        }
        m_timeout = Simulator::Schedule(kConvergenceLimit, &ConvergenceMonitor::Timeout, this);
    }

    /// Called when the simulation starts running.
    void
    SetRunStart(Clock::time_point start)
    {
        m_runStart = start;
    }

    /// Called once convergence is detected, before the hold check.
    void
    SetConvergedCallback(std::function<void()> callback)
    {
        m_onConverged = std::move(callback);
    }

    bool
    Converged() const
    {
        return m_convergedAt.has_value();
    }

    Time
    ConvergedAt() const
    {
        return *m_convergedAt;
    }

    double
    WallToConvergence() const
    {
        return m_wallToConvergence;
    }

    uint64_t
    EventsToConvergence() const
    {
        return m_events;
    }

    /// Empty when everything went well.
    const std::string&
    Failure() const
    {
        return m_failure;
    }

  private:
    void
    RouteChanged(uint32_t r)
    {
        if (!m_dirty[r])
        {
            m_dirty[r] = true;
            m_dirtyList.push_back(r);
        }
        // One SPF run changes many prefixes: check once they are all in.
        if (!m_check.IsRunning())
        {
            m_check = Simulator::ScheduleNow(&ConvergenceMonitor::Check, this);
        }
    }

    /// OSPF's cost from router r to link subnet s: to the nearer end, plus
    /// that end's interface cost (the stub link of its Router-LSA).
    uint32_t
    Cost(uint32_t r, uint32_t s) const
    {
        const BuiltLink& l = m_net.links[s];
        return std::min(m_dist[std::size_t(r) * m_n + l.a], m_dist[std::size_t(r) * m_n + l.b]) +
               l.metric;
    }

    bool
    SubnetCorrect(uint32_t r, uint32_t s) const
    {
        const BuiltLink& l = m_net.links[s];
        const IpvpnRoute* route = m_routing[r]->GetTable().FindSelected(l.network, 30);
        if (!route || route->nextHops.empty())
        {
            return false;
        }
        if (l.a == r || l.b == r)
        {
            return route->source == IpvpnRouteSource::CONNECTED;
        }
        return route->source == IpvpnRouteSource::OSPF && route->metric == Cost(r, s);
    }

    /// Every subnet correct; the subnet that failed last time first, so a
    /// router still converging costs one lookup.
    bool
    RouterCorrect(uint32_t r)
    {
        if (!SubnetCorrect(r, m_firstWrong[r]))
        {
            return false;
        }
        for (uint32_t s = 0; s < m_net.links.size(); ++s)
        {
            if (!SubnetCorrect(r, s))
            {
                m_firstWrong[r] = s;
                return false;
            }
        }
        return true;
    }

    /// The next hops of r's route to s are exactly the neighbours on
    /// least-cost paths (at their address on the shared link).
    bool
    NextHopsCorrect(uint32_t r, uint32_t s, std::string& why) const
    {
        const BuiltLink& target = m_net.links[s];
        if (target.a == r || target.b == r)
        {
            return true;
        }
        std::vector<IpvpnNextHop> expected;
        for (uint32_t li : m_net.routerLinks[r])
        {
            const BuiltLink& l = m_net.links[li];
            bool atA = l.a == r;
            uint32_t neighbour = atA ? l.b : l.a;
            if (l.metric + Cost(neighbour, s) == Cost(r, s))
            {
                expected.emplace_back(atA ? l.ifA : l.ifB, atA ? l.addrB : l.addrA);
            }
        }
        std::sort(expected.begin(), expected.end());
        const IpvpnRoute* route = m_routing[r]->GetTable().FindSelected(target.network, 30);
        if (route->nextHops == expected)
        {
            return true;
        }
        std::ostringstream os;
        os << "router " << r << ": " << *route << ", least-cost next hops:";
        for (const IpvpnNextHop& nh : expected)
        {
            os << " " << nh;
        }
        why = os.str();
        return false;
    }

    void
    Check()
    {
        for (uint32_t r : m_dirtyList)
        {
            m_dirty[r] = false;
            bool correct = RouterCorrect(r);
            if (correct != m_correct[r])
            {
                m_correct[r] = correct;
                if (correct)
                {
                    --m_nIncorrect;
                }
                else
                {
                    ++m_nIncorrect;
                }
            }
        }
        m_dirtyList.clear();
        if (m_nIncorrect > 0 && Converged() && m_failure.empty())
        {
            std::ostringstream os;
            os << m_nIncorrect << " router(s) lost a least-cost route at "
               << Simulator::Now().As(Time::S) << ", after convergence at "
               << ConvergedAt().As(Time::S);
            m_failure = os.str();
        }
        if (m_nIncorrect == 0 && !Converged())
        {
            m_wallToConvergence = SecondsSince(m_runStart);
            m_convergedAt = Simulator::Now();
            m_events = Simulator::GetEventCount();
            if (m_onConverged)
            {
                m_onConverged();
            }
            m_timeout.Cancel();
            Simulator::Schedule(kHoldCheck, &ConvergenceMonitor::HoldCheck, this);
        }
    }

    /// kHoldCheck after convergence: every table still correct, and every
    /// next hop a least-cost one.
    void
    HoldCheck()
    {
        for (uint32_t r = 0; r < m_n && m_failure.empty(); ++r)
        {
            if (!RouterCorrect(r))
            {
                std::ostringstream os;
                const BuiltLink& l = m_net.links[m_firstWrong[r]];
                const IpvpnRoute* route = m_routing[r]->GetTable().FindSelected(l.network, 30);
                os << "router " << r << " lost its least-cost route to " << l.network << "/30 by "
                   << Simulator::Now().As(Time::S) << " (least cost " << Cost(r, m_firstWrong[r])
                   << ", table: ";
                if (route)
                {
                    os << *route;
                }
                else
                {
                    os << "no route";
                }
                os << ")";
                m_failure = os.str();
            }
            for (uint32_t s = 0; s < m_net.links.size() && m_failure.empty(); ++s)
            {
                std::string why;
                if (!NextHopsCorrect(r, s, why))
                {
                    m_failure = "wrong next hops after convergence, " + why;
                }
            }
        }
        Simulator::Stop();
    }

    void
    Timeout()
    {
        std::ostringstream os;
        os << "not converged by " << kConvergenceLimit.GetSeconds() << " s: " << m_nIncorrect
           << " of " << m_n << " routers without every least-cost route";
        m_failure = os.str();
        Simulator::Stop();
    }

    const BuiltNetwork& m_net;
    std::vector<Ptr<IpvpnRoutingProtocol>> m_routing;
    std::vector<uint32_t> m_dist; ///< m_n x m_n least path costs
    uint32_t m_n;
    std::vector<bool> m_dirty;
    std::vector<uint32_t> m_dirtyList;
    std::vector<bool> m_correct;
    std::vector<uint32_t> m_firstWrong; ///< per router: the subnet that failed last
    uint32_t m_nIncorrect;
    EventId m_check;
    EventId m_timeout;
    Clock::time_point m_runStart;
    std::optional<Time> m_convergedAt;
    double m_wallToConvergence = 0;
    uint64_t m_events = 0;
    std::string m_failure;
    std::function<void()> m_onConverged;
};

/// Runs the ospf mode; fills `out` and returns the exit code.
int
RunOspf(const Topology& topo, nlohmann::json& out)
{
    const Clock::time_point setupStart = Clock::now();
    Ipv4ListRoutingHelper list;
    list.Add(IpvpnRoutingHelper(), 0);
    InternetStackHelper stack;
    stack.SetRoutingHelper(list);
    BuiltNetwork net = BuildNetwork(topo, stack);

    OspfHelper helper; // RFC 2328 default timers
    std::vector<Ptr<ospf::Protocol>> instances;
    std::vector<Ptr<IpvpnRoutingProtocol>> routing;
    for (uint32_t r = 0; r < topo.routers; ++r)
    {
        Ptr<Node> node = net.nodes.Get(r);
        instances.push_back(helper.Install(node));
        routing.push_back(IpvpnRoutingHelper::GetRouting(node->GetObject<Ipv4>()));
        if (!routing.back())
        {
            std::cerr << "ipvpn-bench-ospf: router " << r << " has no IpvpnRoutingProtocol\n";
            return 1;
        }
    }
    for (const BuiltLink& l : net.links)
    {
        // RFC 2328 C.3 Interface output cost: the link's metric.
        instances[l.a]->SetInterfaceCost(l.ifA, l.metric);
        instances[l.b]->SetInterfaceCost(l.ifB, l.metric);
    }
    const double setup = SecondsSince(setupStart);

    // The oracle: all-pairs least costs (not part of any timed figure).
    const Clock::time_point oracleStart = Clock::now();
    Graph g = MakeGraph(topo);
    std::vector<uint32_t> dist;
    dist.reserve(std::size_t(topo.routers) * topo.routers);
    for (uint32_t r = 0; r < topo.routers; ++r)
    {
        std::vector<uint32_t> d = Distances(g, r);
        dist.insert(dist.end(), d.begin(), d.end());
    }
    const double oracle = SecondsSince(oracleStart);

    ConvergenceMonitor monitor(net, routing, std::move(dist));
    uint64_t packetsSent = 0;
    uint64_t lsasOriginated = 0;
    uint64_t lsasFlooded = 0;
    uint64_t spfRuns = 0;
    monitor.SetConvergedCallback([&]() {
        for (const Ptr<ospf::Protocol>& p : instances)
        {
            const ospf::ProtocolCounters& c = p->GetCounters();
            packetsSent += std::accumulate(c.packetsSent.begin(), c.packetsSent.end(), uint64_t{0});
            lsasOriginated += c.lsasOriginated;
            lsasFlooded += c.lsasFlooded;
            spfRuns += c.spfRuns;
        }
    });
    monitor.SetRunStart(Clock::now());
    Simulator::Run();

    out["setup_wall_s"] = setup;
    out["oracle_wall_s"] = oracle;
    if (!monitor.Failure().empty())
    {
        std::cerr << "ipvpn-bench-ospf: ospf: " << monitor.Failure() << "\n";
        out["error"] = monitor.Failure();
        return 1;
    }
    out["routing_wall_s"] = monitor.WallToConvergence();
    out["simulated_convergence_s"] = monitor.ConvergedAt().GetSeconds();
    out["events"] = monitor.EventsToConvergence();
    out["packets_sent"] = packetsSent;
    out["lsas_originated"] = lsasOriginated;
    out["lsas_flooded"] = lsasFlooded;
    out["spf_runs"] = spfRuns;
    out["peak_rss_kib"] = PeakRssKib();
    return 0;
}

// --------------------------------------------------------------- global mode

/// The node's Ipv4GlobalRouting (in the default Ipv4ListRouting).
Ptr<Ipv4GlobalRouting>
GetGlobalRouting(Ptr<Node> node)
{
    Ptr<Ipv4ListRouting> list =
        DynamicCast<Ipv4ListRouting>(node->GetObject<Ipv4>()->GetRoutingProtocol());
    if (!list)
    {
        return nullptr;
    }
    for (uint32_t i = 0; i < list->GetNRoutingProtocols(); ++i)
    {
        int16_t priority;
        Ptr<Ipv4GlobalRouting> global =
            DynamicCast<Ipv4GlobalRouting>(list->GetRoutingProtocol(i, priority));
        if (global)
        {
            return global;
        }
    }
    return nullptr;
}

/**
 * Global routing's routes from r towards subnet s: a network route to it
 * exists, and the routes Ipv4GlobalRouting forwards by to both ends'
 * addresses (host routes) leave towards a neighbour on a least-cost path.
 * ns-3 adds the subnet's network route once per end, in the order of a
 * depth-first walk of its SPF tree and without comparing their costs, so
 * the first of them is not always the cheaper: the host routes are the
 * ones to compare. Returns a reason, or "" when all is well.
 */
std::string
CheckGlobalRoute(const Graph& g, const BuiltNetwork& net, uint32_t r, uint32_t s)
{
    const BuiltLink& target = net.links[s];
    Ptr<Node> node = net.nodes.Get(r);
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    Ptr<Ipv4GlobalRouting> global = GetGlobalRouting(node);
    if (!global)
    {
        return "router has no Ipv4GlobalRouting";
    }
    const Ipv4Mask mask("255.255.255.252");
    bool network = false;
    for (uint32_t i = 0; i < global->GetNRoutes() && !network; ++i)
    {
        Ipv4RoutingTableEntry* e = global->GetRoute(i);
        network = e->IsNetwork() && e->GetDestNetwork() == target.network &&
                  e->GetDestNetworkMask() == mask;
    }
    if (!network)
    {
        return "no network route";
    }
    std::vector<uint32_t> fromR = Distances(g, r);
    for (auto [end, address] :
         {std::make_pair(target.a, target.addrA), std::make_pair(target.b, target.addrB)})
    {
        Ipv4Header header;
        header.SetDestination(address);
        Socket::SocketErrno err;
        Ptr<Ipv4Route> route = global->RouteOutput(Create<Packet>(), header, nullptr, err);
        std::ostringstream os;
        if (!route)
        {
            os << "no route to " << address;
            return os.str();
        }
        int32_t oif = ipv4->GetInterfaceForDevice(route->GetOutputDevice());
        std::optional<uint32_t> via;
        for (uint32_t li : net.routerLinks[r])
        {
            const BuiltLink& l = net.links[li];
            if ((l.a == r && int32_t(l.ifA) == oif && l.addrB == route->GetGateway()) ||
                (l.b == r && int32_t(l.ifB) == oif && l.addrA == route->GetGateway()))
            {
                via = li;
            }
        }
        if (!via)
        {
            os << "route to " << address << ": gateway " << route->GetGateway() << " on interface "
               << oif << " is no neighbour";
            return os.str();
        }
        const BuiltLink& first = net.links[*via];
        uint32_t neighbour = first.a == r ? first.b : first.a;
        uint32_t viaCost = first.metric + Distances(g, neighbour)[end];
        if (viaCost != fromR[end])
        {
            os << "route to " << address << " via router " << neighbour << " costs " << viaCost
               << ", least cost " << fromR[end];
            return os.str();
        }
    }
    return "";
}

/// Runs the global mode; fills `out` and returns the exit code.
int
RunGlobal(const Topology& topo, uint32_t seed, nlohmann::json& out)
{
    const Clock::time_point setupStart = Clock::now();
    InternetStackHelper stack;
    BuiltNetwork net = BuildNetwork(topo, stack);
    const double setup = SecondsSince(setupStart);

    const Clock::time_point routingStart = Clock::now();
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    const double routing = SecondsSince(routingStart);

    out["setup_wall_s"] = setup;
    out["routing_wall_s"] = routing;
    out["peak_rss_kib"] = PeakRssKib();

    // Sanity: a few (router, subnet not on the router) pairs.
    Graph g = MakeGraph(topo);
    std::mt19937 rng(seed);
    std::uniform_int_distribution<uint32_t> router(0, topo.routers - 1);
    std::uniform_int_distribution<uint32_t> subnet(0, net.links.size() - 1);
    uint32_t checked = 0;
    while (checked < kGlobalChecks)
    {
        uint32_t r = router(rng);
        uint32_t s = subnet(rng);
        if (net.links[s].a == r || net.links[s].b == r)
        {
            continue;
        }
        std::string why = CheckGlobalRoute(g, net, r, s);
        if (!why.empty())
        {
            std::ostringstream os;
            os << "router " << r << " to " << net.links[s].network << "/30: " << why;
            std::cerr << "ipvpn-bench-ospf: global: " << os.str() << "\n";
            out["error"] = os.str();
            return 1;
        }
        ++checked;
    }
    out["routes_checked"] = checked;
    return 0;
}

// --------------------------------------------------------------------- parent

/// Runs one mode in a forked child; its figures, or an "error" entry.
nlohmann::json
RunChild(const std::string& mode, const Topology& topo, uint32_t seed)
{
    int fds[2];
    if (pipe(fds) != 0)
    {
        return {{"error", std::string("pipe: ") + std::strerror(errno)}};
    }
    std::cout.flush();
    std::cerr.flush();
    std::fflush(nullptr);
    pid_t pid = fork();
    if (pid < 0)
    {
        close(fds[0]);
        close(fds[1]);
        return {{"error", std::string("fork: ") + std::strerror(errno)}};
    }
    if (pid == 0)
    {
        close(fds[0]);
        nlohmann::json out;
        int code = mode == "ospf" ? RunOspf(topo, out) : RunGlobal(topo, seed, out);
        std::string line = out.dump() + "\n";
        const char* p = line.data();
        std::size_t left = line.size();
        while (left > 0)
        {
            ssize_t n = write(fds[1], p, left);
            if (n <= 0)
            {
                if (n < 0 && errno == EINTR)
                {
                    continue;
                }
                _exit(1);
            }
            p += n;
            left -= static_cast<std::size_t>(n);
        }
        close(fds[1]);
        std::cerr.flush();
        _exit(code);
    }
    close(fds[1]);
    std::string text;
    char buf[4096];
    for (;;)
    {
        ssize_t n = read(fds[0], buf, sizeof(buf));
        if (n < 0 && errno == EINTR)
        {
            continue;
        }
        if (n <= 0)
        {
            break;
        }
        text.append(buf, static_cast<std::size_t>(n));
    }
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
    {
    }
    nlohmann::json result = nlohmann::json::parse(text, nullptr, false);
    if (result.is_discarded() || !result.is_object())
    {
        result = nlohmann::json::object();
    }
    if (WIFSIGNALED(status))
    {
        result["error"] = "killed by signal " + std::to_string(WTERMSIG(status));
    }
    else if (WEXITSTATUS(status) != 0 && !result.contains("error"))
    {
        result["error"] = "exit status " + std::to_string(WEXITSTATUS(status));
    }
    return result;
}

/// 1234567 -> "1,234,567".
std::string
Thousands(uint64_t value)
{
    std::string digits = std::to_string(value);
    std::string out;
    for (std::size_t i = 0; i < digits.size(); ++i)
    {
        if (i > 0 && (digits.size() - i) % 3 == 0)
        {
            out += ',';
        }
        out += digits[i];
    }
    return out;
}

std::string
Fixed(double value, int decimals)
{
    char buf[64];
    std::snprintf(buf, sizeof(buf), "%.*f", decimals, value);
    return buf;
}

void
PrintRow(const std::string& mode, const nlohmann::json& r)
{
    char line[256];
    if (r.contains("error"))
    {
        std::snprintf(line,
                      sizeof(line),
                      "%-8s failed: %s",
                      mode.c_str(),
                      r["error"].get<std::string>().c_str());
        std::cout << line << "\n";
        return;
    }
    std::string setup = Fixed(r["setup_wall_s"].get<double>(), 3) + "s";
    std::string routing = Fixed(r["routing_wall_s"].get<double>(), 3) + "s";
    std::string simulated = "-";
    std::string events = "-";
    if (r.contains("simulated_convergence_s"))
    {
        simulated = Fixed(r["simulated_convergence_s"].get<double>(), 3) + " s";
        events = Thousands(r["events"].get<uint64_t>());
    }
    std::string memory = Fixed(r["peak_rss_kib"].get<uint64_t>() / 1024.0, 0) + " MiB";
    std::snprintf(line,
                  sizeof(line),
                  "%-8s %-8s %-14s %-11s %-11s %s",
                  mode.c_str(),
                  setup.c_str(),
                  routing.c_str(),
                  simulated.c_str(),
                  events.c_str(),
                  memory.c_str());
    std::cout << line << "\n";
}

} // namespace

int
main(int argc, char* argv[])
{
    uint64_t routers = 1000;
    uint64_t seed = 1;
    std::string mode = "both";
    std::string jsonFile;
    bool noFork = false;

    std::vector<std::string> args(argv + 1, argv + argc);
    for (std::size_t i = 0; i < args.size(); ++i)
    {
        std::string arg = args[i];
        std::string value;
        bool hasValue = false;
        if (arg.rfind("--", 0) == 0 && arg.find('=') != std::string::npos)
        {
            value = arg.substr(arg.find('=') + 1);
            arg = arg.substr(0, arg.find('='));
            hasValue = true;
        }
        if (arg == "--help" || arg == "-h")
        {
            std::cout << kUsage;
            return 0;
        }
        if (arg == "--no-fork" && !hasValue)
        {
            noFork = true;
            continue;
        }
        if (arg != "--routers" && arg != "--seed" && arg != "--mode" && arg != "--json")
        {
            return UsageError("unknown argument '" + args[i] + "'");
        }
        if (!hasValue)
        {
            if (i + 1 >= args.size())
            {
                return UsageError(arg + " needs a value");
            }
            value = args[++i];
        }
        if (arg == "--routers" || arg == "--seed")
        {
            std::size_t used = 0;
            uint64_t number = 0;
            try
            {
                number = std::stoull(value, &used);
            }
            catch (const std::exception&)
            {
                used = 0;
            }
            if (used == 0 || used != value.size() || value[0] == '-' ||
                number > std::numeric_limits<uint32_t>::max())
            {
                return UsageError(arg + ": '" + value + "' is not a whole number");
            }
            (arg == "--routers" ? routers : seed) = number;
        }
        else if (arg == "--mode")
        {
            if (value != "both" && value != "ospf" && value != "global")
            {
                return UsageError("--mode: '" + value + "' is not both, ospf or global");
            }
            mode = value;
        }
        else
        {
            jsonFile = value;
        }
    }
    if (routers < 4 || routers % 2 != 0)
    {
        return UsageError("--routers: " + std::to_string(routers) +
                          " routers: need an even number, at least 4 (a ring plus a perfect "
                          "matching)");
    }
    if (noFork && mode == "both")
    {
        return UsageError("--no-fork runs one mode: give --mode ospf or --mode global");
    }
    // 1.5 N /30 links in 10.0.0.0/8.
    if (routers > 2000000)
    {
        return UsageError("--routers: at most 2000000 (the /30s of 10.0.0.0/8)");
    }

    Topology topo = MakeTopology(static_cast<uint32_t>(routers), static_cast<uint32_t>(seed));
    std::cout << "ipvpn-bench-ospf: " << routers << " routers, " << topo.edges.size()
              << " links, seed " << seed << std::endl;

    std::vector<std::string> modes;
    if (mode == "both" || mode == "ospf")
    {
        modes.emplace_back("ospf");
    }
    if (mode == "both" || mode == "global")
    {
        modes.emplace_back("global");
    }
    nlohmann::json results = nlohmann::json::object();
    for (const std::string& m : modes)
    {
        if (noFork)
        {
            nlohmann::json out;
            if (m == "ospf")
            {
                RunOspf(topo, out);
            }
            else
            {
                RunGlobal(topo, static_cast<uint32_t>(seed), out);
            }
            results[m] = out;
        }
        else
        {
            results[m] = RunChild(m, topo, static_cast<uint32_t>(seed));
        }
    }

    std::cout << "mode     set-up   routing wall   simulated   events      peak memory\n";
    bool ok = true;
    for (const std::string& m : modes)
    {
        PrintRow(m, results[m]);
        ok = ok && !results[m].contains("error");
    }
    nlohmann::json document = {
        {"routers", routers}, {"links", topo.edges.size()}, {"seed", seed}, {"modes", results}};
    if (results.contains("ospf") && !results["ospf"].contains("error"))
    {
        const nlohmann::json& o = results["ospf"];
        std::cout << "ospf counters: packets sent " << Thousands(o["packets_sent"].get<uint64_t>())
                  << ", LSAs originated " << Thousands(o["lsas_originated"].get<uint64_t>())
                  << ", LSAs flooded " << Thousands(o["lsas_flooded"].get<uint64_t>())
                  << ", SPF runs " << Thousands(o["spf_runs"].get<uint64_t>()) << "\n";
    }
    if (mode == "both" && ok)
    {
        double ratio = results["ospf"]["routing_wall_s"].get<double>() /
                       results["global"]["routing_wall_s"].get<double>();
        std::cout << "ratio ospf/global routing wall: " << Fixed(ratio, 2) << "\n";
        document["ratio_ospf_global_routing_wall"] = ratio;
    }
    document["ok"] = ok;

    if (!jsonFile.empty())
    {
        std::ofstream f(jsonFile);
        f << document.dump(2) << "\n";
        if (!f)
        {
            std::cerr << "ipvpn-bench-ospf: cannot write " << jsonFile << "\n";
            return 1;
        }
    }
    return ok ? 0 : 1;
}
