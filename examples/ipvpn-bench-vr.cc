/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ipvpn-bench-vr: how long N routers, V VPNs and P VR ports take to converge
 * fully, in wall time and memory (issue 10's benchmark). Not a test: it
 * prints figures.
 *
 * The network: the random connected degree-3 core of ipvpn-bench-ospf (N
 * routers, 1 ms point-to-point links, random metrics), core OSPF with the
 * shipped scenarios' fast-convergence timers, every router with a
 * vr::VrfRoutingProtocol and a loopback router ID. P ports spread over the V
 * VPNs (P / V each, the remainder to the first VPNs), each on a random
 * router holding no other port of its VPN, each with one user line to a
 * host of its own. Every VPN uses the same user prefixes (port k of a VPN:
 * 192.168.k.0/24), so the VRFs share address space as the seed's VPNs may.
 * Ports are added one after the other, Spacing apart, in random order, from
 * the moment the core has converged (every router routes to every router
 * ID, checked every 100 ms from 1 s: an addition is sent once, S1, and one
 * sent before the core knows a route to its destination is lost); they open
 * their tunnels in parallel (ParallelTunnels) and run their OSPF with
 * HelloInterval 10 s, RxmtInterval 1 s and FloodPacing 33 ms (the updates
 * of a join cross the VPN's full mesh bundled; 0 floods each at once).
 * Additions are flooded from router to adjacent router (AdditionDelivery
 * Flood, every router a relay) unless --delivery unicast asks for one
 * datagram per router, AnnounceSpacing apart (100 us): sent at once, the
 * hundreds of them overflow the 100-packet device queues and pairs of
 * ports never hear of each other.
 *
 * Converged, checked once per simulated second: every port's map holds
 * every other port of its VPN, and every port's VRF has a route to every
 * other port's user prefix. Reported: simulated convergence time, wall
 * time, events, peak RSS, and the RSS growth from the built core to the
 * converged network per VR port (the port's VRF, tunnels, OSPF instance,
 * RADIUS and L2TP state, host and user line included).
 *
 * Exit codes: 0 converged, 1 not within the limit, 2 bad command line.
 */
#include "ipvpn-bench-ospf.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/ipvpn-routing-helper.h"
#include "ns3/ipvpn-routing-protocol.h"
#include "ns3/ospf-protocol.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/scenario-values.h"
#include "ns3/vr-configuration-map.h"
#include "ns3/vr-discovery-port.h"
#include "ns3/vr-port.h"
#include "ns3/vr-vrf-routing-protocol.h"
#include "ns3/vrf-routing-helper.h"

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <map>
#include <random>
#include <string>
#include <vector>

using namespace ns3;
using namespace ospfbench;

namespace
{

const char* kUsage = R"(usage: ipvpn-bench-vr [options]
  --routers N   core routers (default 100)
  --vpns V      VPNs (default 10)
  --ports P     VR ports, at least 2 per VPN, at most N per VPN (default 200)
  --spacing T   time between two ports' additions, e.g. 10ms (default 10ms)
  --delivery D  how additions reach all routers: flood or unicast (default flood)
  --vpn-flood-pacing T  FloodPacing of the per-VPN OSPF instances (default 33ms)
  --announce-spacing T  unicast: time between the datagrams of one addition (default 100us)
  --limit T     simulated time allowed for convergence (default 600s)
  --seed S      random seed of the core and the placement (default 1)
  --json FILE   also write the figures as JSON
)";

/// A duration of zero or more ("10ms"); throws std::invalid_argument otherwise.
Time
NonNegativeTime(const std::string& text)
{
    const scenario::Parsed<int64_t> parsed = scenario::ParseDuration(text);
    if (!parsed || *parsed.value < 0)
    {
        throw std::invalid_argument(text);
    }
    return NanoSeconds(*parsed.value);
}

int
UsageError(const std::string& message)
{
    std::cerr << "ipvpn-bench-vr: " << message << "\n" << kUsage;
    return 2;
}

/// Current resident set size of this process, KiB.
uint64_t
CurrentRssKib()
{
    FILE* f = std::fopen("/proc/self/statm", "r");
    unsigned long pages = 0;
    unsigned long resident = 0;
    if (f)
    {
        if (std::fscanf(f, "%lu %lu", &pages, &resident) != 2)
        {
            resident = 0;
        }
        std::fclose(f);
    }
    return resident * 4;
}

Ipv4Address
Numbered(uint32_t base, uint32_t index)
{
    return Ipv4Address(base + index);
}

struct PortPlan
{
    uint32_t vpn = 0;
    uint32_t indexInVpn = 0;
    uint32_t router = 0;
};

class Bench
{
  public:
    uint32_t routers = 100;
    uint32_t vpns = 10;
    uint32_t ports = 200;
    Time spacing = MilliSeconds(10);
    Time announceSpacing = MicroSeconds(100);
    bool flood = true;
    Time vpnFloodPacing = MilliSeconds(33);
    Time limit = Seconds(600);
    uint32_t seed = 1;

    int
    Run(nlohmann::json& out)
    {
        const auto wallStart = Clock::now();
        RngSeedManager::SetSeed(seed);
        const Topology topo = MakeTopology(routers, seed);
        InternetStackHelper stack;
        VrfRoutingHelper vrfRouting;
        stack.SetRoutingHelper(vrfRouting);
        m_net = BuildNetwork(topo, stack);
        BuildCore();
        const uint64_t coreRss = CurrentRssKib();
        PlacePorts();
        BuildPorts();
        const double buildSeconds = SecondsSince(wallStart);

        Simulator::Schedule(Seconds(1), &Bench::WaitForCore, this);
        Simulator::Stop(limit);
        const auto runStart = Clock::now();
        Simulator::Run();
        const double runSeconds = SecondsSince(runStart);
        const uint64_t rss = CurrentRssKib();

        out["routers"] = routers;
        out["vpns"] = vpns;
        out["ports"] = ports;
        out["delivery"] = flood ? "flood" : "unicast";
        out["vpn_flood_pacing_s"] = vpnFloodPacing.GetSeconds();
        out["converged"] = m_converged;
        out["convergence_s"] = m_convergedAt.GetSeconds();
        out["core_converged_s"] = m_additionsStart.GetSeconds();
        out["last_addition_s"] = (m_additionsStart + spacing * (ports - 1)).GetSeconds();
        out["wall_build_s"] = buildSeconds;
        out["wall_run_s"] = runSeconds;
        out["wall_total_s"] = SecondsSince(wallStart);
        out["events"] = m_converged ? m_events : Simulator::GetEventCount();
        out["peak_rss_mib"] = PeakRssKib() / 1024.0;
        if (!m_converged)
        {
            out["unconverged"] = Unconverged();
        }
        out["rss_per_port_kib"] = ports ? double(rss - std::min(rss, coreRss)) / ports : 0.0;
        out["vpn_ospf"] = OspfTotals(true);
        out["core_ospf"] = OspfTotals(false);
        Simulator::Destroy();
        return m_converged ? 0 : 1;
    }

  private:
    void
    BuildCore()
    {
        for (uint32_t r = 0; r < routers; ++r)
        {
            Ptr<Node> node = m_net.nodes.Get(r);
            Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
            const Ipv4Address id = Numbered(Ipv4Address("172.31.0.0").Get(), r + 1);
            ipv4->AddAddress(0, Ipv4InterfaceAddress(id, Ipv4Mask::GetOnes()));
            Ptr<ospf::Protocol> ospf = CreateObject<ospf::Protocol>();
            ospf->SetAttribute("RouterId", Ipv4AddressValue(id));
            ospf->SetAttribute("MinLSInterval", TimeValue(MilliSeconds(200)));
            ospf->SetAttribute("MinLSArrival", TimeValue(MilliSeconds(50)));
            ospf->SetAttribute("SpfInitialDelay", TimeValue(MilliSeconds(50)));
            ospf->SetAttribute("SpfHoldTime", TimeValue(MilliSeconds(200)));
            ospf->SetAttribute("SpfMaxWait", TimeValue(Seconds(5)));
            ospf->SetNode(node);
            ospf->AddInterface(0);
            for (uint32_t link : m_net.routerLinks[r])
            {
                const BuiltLink& l = m_net.links[link];
                ospf->AddInterface(l.a == r ? l.ifA : l.ifB);
            }
            ospf->AssignStreams(r);
            ospf->Start();
            if (flood)
            {
                vr::DiscoveryPort::Get(node)->StartRelay(
                    MakeCallback(&ospf::Protocol::GetAdjacentAddresses, ospf));
            }
            m_core.push_back(ospf);
            m_routerIds.push_back(id);
        }
    }

    void
    PlacePorts()
    {
        std::mt19937 rng(seed);
        std::vector<uint32_t> perVpn(vpns, ports / vpns);
        for (uint32_t v = 0; v < ports % vpns; ++v)
        {
            ++perVpn[v];
        }
        for (uint32_t v = 0; v < vpns; ++v)
        {
            std::vector<uint32_t> order(routers);
            for (uint32_t r = 0; r < routers; ++r)
            {
                order[r] = r;
            }
            std::shuffle(order.begin(), order.end(), rng);
            for (uint32_t k = 0; k < perVpn[v]; ++k)
            {
                m_plan.push_back(PortPlan{v, k, order[k]});
            }
        }
        std::shuffle(m_plan.begin(), m_plan.end(), rng);
        m_vpnPorts.assign(vpns, {});
        for (uint32_t p = 0; p < m_plan.size(); ++p)
        {
            m_vpnPorts[m_plan[p].vpn].push_back(p);
        }
    }

    void
    BuildPorts()
    {
        NodeContainer hosts;
        hosts.Create(m_plan.size());
        InternetStackHelper hostStack;
        IpvpnRoutingHelper plain;
        hostStack.SetRoutingHelper(plain);
        hostStack.Install(hosts);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("1Gbps"));
        p2p.SetChannelAttribute("Delay", StringValue("1ms"));
        std::vector<uint32_t> nextVrf(routers, 1);

        for (uint32_t p = 0; p < m_plan.size(); ++p)
        {
            const PortPlan& plan = m_plan[p];
            Ptr<Node> router = m_net.nodes.Get(plan.router);
            Ptr<vr::VrfRoutingProtocol> vrf = VrfRoutingHelper::GetRouting(router);
            const uint32_t vrfId = nextVrf[plan.router]++;
            vrf->AddVrf(vrfId);
            NetDeviceContainer line = p2p.Install(router, hosts.Get(p));
            vrf->AssignDevice(line.Get(0), vrfId);
            const Ipv4Address userNet = Numbered(Ipv4Address("192.168.0.0").Get(),
                                                 plan.indexInVpn << 8);
            const uint32_t userIf = AddInterface(line.Get(0), Ipv4Address(userNet.Get() + 1), 24);
            AddInterface(line.Get(1), Ipv4Address(userNet.Get() + 2), 24);
            DynamicCast<IpvpnRoutingProtocol>(
                hosts.Get(p)->GetObject<Ipv4>()->GetRoutingProtocol())
                ->AddStaticRoute(Ipv4Address::GetZero(),
                                 Ipv4Mask::GetZero(),
                                 Ipv4Address(userNet.Get() + 1),
                                 1);
            const Ipv4Address address = Numbered(Ipv4Address("100.64.0.0").Get(), p + 1);
            router->GetObject<Ipv4>()->AddAddress(
                0,
                Ipv4InterfaceAddress(address, Ipv4Mask::GetOnes()));

            Ptr<vr::VrPort> port = CreateObject<vr::VrPort>();
            const std::string vpnId = "00a0c9:" + Hex8(plan.vpn + 1);
            port->SetAttribute("VpnId", StringValue(vpnId));
            port->SetAttribute("Address", Ipv4AddressValue(address));
            port->SetAttribute("RouterId", Ipv4AddressValue(m_routerIds[plan.router]));
            port->SetAttribute("Name", StringValue("p" + std::to_string(p)));
            port->SetAttribute("Password", StringValue("pw" + std::to_string(p)));
            port->SetAttribute("RadiusSecret", StringValue("radius-" + vpnId));
            port->SetAttribute("ParallelTunnels", BooleanValue(true));
            port->SetAttribute("AnnounceSpacing", TimeValue(announceSpacing));
            port->SetAttribute(
                "AdditionDelivery",
                EnumValue(flood ? vr::VrPort::ADDITION_FLOOD : vr::VrPort::ADDITION_UNICAST));
            port->SetOspfAttribute("HelloInterval", TimeValue(Seconds(10)));
            port->SetOspfAttribute("RouterDeadInterval", TimeValue(Seconds(40)));
            port->SetOspfAttribute("RxmtInterval", TimeValue(Seconds(1)));
            port->SetOspfAttribute("MinLSInterval", TimeValue(MilliSeconds(200)));
            port->SetOspfAttribute("MinLSArrival", TimeValue(MilliSeconds(50)));
            port->SetOspfAttribute("SpfInitialDelay", TimeValue(MilliSeconds(50)));
            port->SetOspfAttribute("SpfHoldTime", TimeValue(MilliSeconds(200)));
            port->SetOspfAttribute("FloodPacing", TimeValue(vpnFloodPacing));
            port->SetNode(router);
            port->SetVrf(vrf, vrfId);
            port->AddUserInterface(userIf);
            for (uint32_t q : m_vpnPorts[plan.vpn])
            {
                port->AddCredential("p" + std::to_string(q), "pw" + std::to_string(q));
            }
            port->SetRouterList(
                MakeCallback(&ospf::Protocol::GetKnownRouters, m_core[plan.router]));
            m_ports.push_back(port);
            m_userNets.push_back(userNet);
        }
    }

    /// OSPF packets sent by type, LSAs originated and flooded, summed over
    /// the ports' per-VPN instances (`vpn`) or the core's.
    nlohmann::json
    OspfTotals(bool vpn) const
    {
        ospf::ProtocolCounters sum;
        auto add = [&sum](const ospf::ProtocolCounters& c) {
            for (size_t t = 1; t < sum.packetsSent.size(); ++t)
            {
                sum.packetsSent[t] += c.packetsSent[t];
            }
            sum.lsasOriginated += c.lsasOriginated;
            sum.lsasFlooded += c.lsasFlooded;
        };
        if (vpn)
        {
            for (const Ptr<vr::VrPort>& port : m_ports)
            {
                if (Ptr<ospf::Protocol> instance = port->GetOspf())
                {
                    add(instance->GetCounters());
                }
            }
        }
        else
        {
            for (const Ptr<ospf::Protocol>& core : m_core)
            {
                add(core->GetCounters());
            }
        }
        return {{"hello", sum.packetsSent[1]},
                {"database_description", sum.packetsSent[2]},
                {"ls_request", sum.packetsSent[3]},
                {"ls_update", sum.packetsSent[4]},
                {"ls_ack", sum.packetsSent[5]},
                {"lsas_originated", sum.lsasOriginated},
                {"lsas_flooded", sum.lsasFlooded}};
    }

    /// Every router routes to every router ID.
    bool
    CoreConverged() const
    {
        for (uint32_t r = 0; r < routers; ++r)
        {
            Ptr<IpvpnRoutingProtocol> table =
                IpvpnRoutingProtocol::GetNodeRouting(m_net.nodes.Get(r)->GetObject<Ipv4>());
            for (uint32_t q = 0; q < routers; ++q)
            {
                if (q != r && !table->Lookup(m_routerIds[q]))
                {
                    return false;
                }
            }
        }
        return true;
    }

    /// Adds the ports, Spacing apart, once the core has converged.
    void
    WaitForCore()
    {
        if (!CoreConverged())
        {
            Simulator::Schedule(MilliSeconds(100), &Bench::WaitForCore, this);
            return;
        }
        m_additionsStart = Simulator::Now();
        for (uint32_t p = 0; p < m_ports.size(); ++p)
        {
            Ptr<vr::VrPort> port = m_ports[p];
            Simulator::Schedule(spacing * p, [port]() {
                port->Start();
                port->Announce();
            });
        }
        Simulator::Schedule(Seconds(1), &Bench::Check, this);
    }

    static std::string
    Hex8(uint32_t value)
    {
        char text[9];
        std::snprintf(text, sizeof(text), "%08x", value);
        return text;
    }

    static uint32_t
    AddInterface(Ptr<NetDevice> device, Ipv4Address address, uint8_t length)
    {
        Ptr<Ipv4> ipv4 = device->GetNode()->GetObject<Ipv4>();
        const uint32_t interface = ipv4->AddInterface(device);
        ipv4->AddAddress(
            interface,
            Ipv4InterfaceAddress(address, Ipv4Mask(("/" + std::to_string(length)).c_str())));
        ipv4->SetUp(interface);
        return interface;
    }

    bool
    IsConverged() const
    {
        if (Simulator::Now() < m_additionsStart + spacing * (m_plan.size() - 1))
        {
            return false; // not every port is there yet
        }
        for (uint32_t p = 0; p < m_plan.size(); ++p)
        {
            const std::vector<uint32_t>& members = m_vpnPorts[m_plan[p].vpn];
            if (m_ports[p]->GetMap().GetEntries().size() != members.size() - 1)
            {
                return false;
            }
            Ptr<IpvpnRoutingProtocol> table = m_ports[p]->GetRouting();
            for (uint32_t q : members)
            {
                if (q != p && !table->Lookup(Ipv4Address(m_userNets[q].Get() + 2)))
                {
                    return false;
                }
            }
        }
        return true;
    }

    /// What keeps the run from converging: the map entries missing or not
    /// UP, by state, and the routes missing.
    nlohmann::json
    Unconverged() const
    {
        std::map<std::string, uint64_t> states;
        uint64_t absent = 0;
        uint64_t routes = 0;
        for (uint32_t p = 0; p < m_ports.size(); ++p)
        {
            for (uint32_t q : m_vpnPorts[m_plan[p].vpn])
            {
                if (q == p)
                {
                    continue;
                }
                const vr::MapEntry* e = m_ports[p]->GetMap().Find(m_ports[q]->GetAddress());
                if (!e)
                {
                    ++absent;
                }
                else if (e->state != vr::PeerState::UP)
                {
                    ++states[vr::PeerStateName(e->state)];
                }
                if (!m_ports[p]->GetRouting()->Lookup(Ipv4Address(m_userNets[q].Get() + 2)))
                {
                    ++routes;
                }
            }
        }
        return {{"map_entries_absent", absent}, {"map_entries_not_up", states}, {"routes_missing", routes}};
    }

    void
    Check()
    {
        if (IsConverged())
        {
            m_converged = true;
            m_convergedAt = Simulator::Now();
            m_events = Simulator::GetEventCount();
            Simulator::Stop();
            return;
        }
        Simulator::Schedule(Seconds(1), &Bench::Check, this);
    }

    BuiltNetwork m_net;
    std::vector<Ptr<ospf::Protocol>> m_core;
    std::vector<Ipv4Address> m_routerIds;
    std::vector<PortPlan> m_plan;
    std::vector<std::vector<uint32_t>> m_vpnPorts;
    std::vector<Ptr<vr::VrPort>> m_ports;
    std::vector<Ipv4Address> m_userNets;
    Time m_additionsStart; ///< when the core had converged and the first port came
    bool m_converged = false;
    Time m_convergedAt;
    uint64_t m_events = 0;
};

} // namespace

int
main(int argc, char* argv[])
{
    Bench bench;
    std::string json;
    for (int i = 1; i < argc; ++i)
    {
        const std::string arg = argv[i];
        if (arg == "--help")
        {
            std::cout << kUsage;
            return 0;
        }
        if (i + 1 >= argc)
        {
            return UsageError("option " + arg + " needs a value");
        }
        const std::string value = argv[++i];
        try
        {
            if (arg == "--routers")
            {
                bench.routers = std::stoul(value);
            }
            else if (arg == "--vpns")
            {
                bench.vpns = std::stoul(value);
            }
            else if (arg == "--ports")
            {
                bench.ports = std::stoul(value);
            }
            else if (arg == "--seed")
            {
                bench.seed = std::stoul(value);
            }
            else if (arg == "--announce-spacing")
            {
                bench.announceSpacing = NonNegativeTime(value);
            }
            else if (arg == "--delivery")
            {
                if (value != "flood" && value != "unicast")
                {
                    throw std::invalid_argument(value);
                }
                bench.flood = value == "flood";
            }
            else if (arg == "--vpn-flood-pacing")
            {
                bench.vpnFloodPacing = NonNegativeTime(value);
            }
            else if (arg == "--spacing")
            {
                bench.spacing = NonNegativeTime(value);
            }
            else if (arg == "--limit")
            {
                bench.limit = NonNegativeTime(value);
            }
            else if (arg == "--json")
            {
                json = value;
            }
            else
            {
                return UsageError("unknown option " + arg);
            }
        }
        catch (const std::exception&)
        {
            return UsageError("bad value '" + value + "' for " + arg);
        }
    }
    if (bench.routers < 4 || bench.vpns < 1 || bench.ports < 2 * bench.vpns ||
        (bench.ports + bench.vpns - 1) / bench.vpns > bench.routers ||
        bench.routers > 60000 || bench.ports > 60000)
    {
        return UsageError("need 4 <= routers <= 60000, 2 <= ports per VPN <= routers");
    }
    nlohmann::json out;
    const int code = bench.Run(out);
    std::printf(
        "routers %u, VPNs %u, VR ports %u, %s additions: %s at %.2f s simulated (core converged at "
        "%.2f s, last port added at %.2f s)\n",
        bench.routers,
        bench.vpns,
        bench.ports,
        bench.flood ? "flooded" : "unicast",
        out["converged"].get<bool>() ? "converged" : "NOT converged",
        out["convergence_s"].get<double>(),
        out["core_converged_s"].get<double>(),
        out["last_addition_s"].get<double>());
    if (out.contains("unconverged"))
    {
        std::printf("not converged: %s\n", out["unconverged"].dump().c_str());
    }
    std::printf("wall %.1f s (build %.1f s, run %.1f s), %llu events, peak RSS %.0f MiB, "
                "%.1f KiB per VR port\n",
                out["wall_total_s"].get<double>(),
                out["wall_build_s"].get<double>(),
                out["wall_run_s"].get<double>(),
                static_cast<unsigned long long>(out["events"].get<uint64_t>()),
                out["peak_rss_mib"].get<double>(),
                out["rss_per_port_kib"].get<double>());
    for (const char* part : {"vpn_ospf", "core_ospf"})
    {
        const nlohmann::json& o = out[part];
        std::printf("%s packets sent: %llu Hello, %llu DD, %llu LSR, %llu LSU, %llu LSAck; "
                    "%llu LSAs originated, %llu flooded\n",
                    part[0] == 'v' ? "per-VPN OSPF" : "core OSPF",
                    static_cast<unsigned long long>(o["hello"].get<uint64_t>()),
                    static_cast<unsigned long long>(o["database_description"].get<uint64_t>()),
                    static_cast<unsigned long long>(o["ls_request"].get<uint64_t>()),
                    static_cast<unsigned long long>(o["ls_update"].get<uint64_t>()),
                    static_cast<unsigned long long>(o["ls_ack"].get<uint64_t>()),
                    static_cast<unsigned long long>(o["lsas_originated"].get<uint64_t>()),
                    static_cast<unsigned long long>(o["lsas_flooded"].get<uint64_t>()));
    }
    if (!json.empty())
    {
        std::ofstream(json) << out.dump(2) << "\n";
    }
    return code;
}
