/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ipvpn-bench-ospf: the two modes (see ipvpn-bench-ospf.cc), each run in
 * its own forked child.
 */
#include "ipvpn-bench-ospf.h"

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

namespace ospfbench
{

// ----------------------------------------------------------------- ospf mode

namespace
{

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

} // namespace

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

namespace
{

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

} // namespace

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

} // namespace ospfbench
