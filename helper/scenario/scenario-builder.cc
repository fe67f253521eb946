/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "scenario-builder.h"

#include "ns3/boolean.h"
#include "ns3/csma-helper.h"
#include "ns3/data-rate.h"
#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/global-router-interface.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/ipv4-global-routing.h"
#include "ns3/ipv4-list-routing.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/enum.h"
#include "ns3/ldp-helper.h"
#include "ns3/ldp-protocol.h"
#include "ns3/mpls-helper.h"
#include "ns3/mpls-protocol.h"
#include "ns3/mobility-model.h"
#include "ns3/constant-position-mobility-model.h"
#include "ns3/on-off-helper.h"
#include "ns3/onoff-application.h"
#include "ns3/packet-sink-helper.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/pointer.h"
#include "ns3/queue-size.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"
#include "ns3/v4ping-helper.h"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ScenarioBuilder");

namespace scenario
{

ScenarioBuilder::ScenarioBuilder(const Scenario& scenario)
    : m_scenario(scenario),
      m_graph(scenario)
{
}

void
ScenarioBuilder::Build()
{
    CreateNodes();
    CreateLinks();
    InstallRouting();
    InstallMpls();
    InstallTunnels();
    InstallTraffic();
    EnablePcaps();
    ScheduleEvents();
}

void
ScenarioBuilder::CreateNodes()
{
    const size_t n = m_scenario.nodes.size();
    for (size_t i = 0; i < n; ++i)
    {
        const NodeSpec& spec = m_scenario.nodes[i];
        Ptr<Node> node = CreateObject<Node>();
        m_nodes.Add(node);
        m_nodeByName[spec.name] = node;
        m_nodeUp[spec.name] = true;

        // Positions matter for NetAnim only; nodes without one sit on a circle.
        auto mobility = CreateObject<ConstantPositionMobilityModel>();
        if (spec.position)
        {
            mobility->SetPosition(Vector(spec.position->first, spec.position->second, 0));
        }
        else
        {
            double angle = 2 * M_PI * static_cast<double>(i) / static_cast<double>(n);
            mobility->SetPosition(Vector(50 + 40 * std::cos(angle), 50 + 40 * std::sin(angle), 0));
        }
        node->AggregateObject(mobility);
    }
    // Routers run static plus global routing; hosts only static routing, as
    // a real host has (global routing would also mistake them for routers).
    NodeContainer routers;
    NodeContainer hosts;
    for (size_t i = 0; i < n; ++i)
    {
        (m_scenario.nodes[i].kind == NodeKind::HOST ? hosts : routers).Add(m_nodes.Get(i));
    }
    InternetStackHelper routerStack;
    routerStack.Install(routers);
    InternetStackHelper hostStack;
    hostStack.SetRoutingHelper(Ipv4StaticRoutingHelper());
    hostStack.Install(hosts);
    // Fixed random streams (ARP jitter and the like) make a run depend on its
    // seed and run number only, even after other runs in the same process.
    m_nextStream += routerStack.AssignStreams(routers, m_nextStream);
    m_nextStream += hostStack.AssignStreams(hosts, m_nextStream);
}

void
ScenarioBuilder::CreateLinks()
{
    m_linkInterfaces.resize(m_scenario.links.size());
    for (size_t li = 0; li < m_scenario.links.size(); ++li)
    {
        const LinkSpec& link = m_scenario.links[li];
        m_linkUp[link.name] = true;
        NodeContainer ends;
        for (const auto& ep : link.endpoints)
        {
            ends.Add(m_nodeByName.at(ep.node));
        }

        NetDeviceContainer devices;
        const std::string queue =
            link.queuePackets ? fmt::format("{}p", *link.queuePackets) : std::string();
        if (IsLabelLink(link))
        {
            // Both ends switch labels: a PPP link that carries MPLS too.
            MplsHelper mpls;
            mpls.SetDeviceAttribute("DataRate", DataRateValue(DataRate(link.dataRateBps)));
            mpls.SetChannelAttribute("Delay", TimeValue(NanoSeconds(link.delayNs)));
            if (!queue.empty())
            {
                mpls.SetQueueAttribute("MaxSize", StringValue(queue));
            }
            devices = mpls.InstallLink(ends.Get(0), ends.Get(1));
        }
        else if (link.type == LinkType::P2P)
        {
            PointToPointHelper p2p;
            p2p.SetDeviceAttribute("DataRate", DataRateValue(DataRate(link.dataRateBps)));
            p2p.SetChannelAttribute("Delay", TimeValue(NanoSeconds(link.delayNs)));
            if (!queue.empty())
            {
                p2p.SetQueue("ns3::DropTailQueue<Packet>", "MaxSize", StringValue(queue));
            }
            devices = p2p.Install(ends);
        }
        else
        {
            CsmaHelper csma;
            csma.SetChannelAttribute("DataRate", DataRateValue(DataRate(link.dataRateBps)));
            csma.SetChannelAttribute("Delay", TimeValue(NanoSeconds(link.delayNs)));
            if (!queue.empty())
            {
                csma.SetQueue("ns3::DropTailQueue<Packet>", "MaxSize", StringValue(queue));
            }
            devices = csma.Install(ends);
            m_nextStream += csma.AssignStreams(devices, m_nextStream);
        }

        for (size_t j = 0; j < link.endpoints.size(); ++j)
        {
            const EndpointSpec& ep = link.endpoints[j];
            Ptr<NetDevice> device = devices.Get(j);
            Ptr<Node> node = m_nodeByName.at(ep.node);

            auto errors = CreateObject<RateErrorModel>();
            errors->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
            errors->SetRate(link.lossRate);
            m_nextStream += errors->AssignStreams(m_nextStream);
            if (link.lossRate == 0)
            {
                errors->Disable(); // draws no random numbers until needed
            }
            device->SetAttribute("ReceiveErrorModel", PointerValue(errors));

            Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
            int32_t interface = ipv4->AddInterface(device);
            const Ipv4Prefix& a = *ep.address;
            ipv4->AddAddress(interface,
                             Ipv4InterfaceAddress(Ipv4Address(a.address), Ipv4Mask(a.Mask())));
            ipv4->SetMetric(interface, static_cast<uint16_t>(link.metric));
            // Hosts never forward; routers do.
            ipv4->SetForwarding(interface, m_scenario.FindNode(ep.node)->kind == NodeKind::ROUTER);
            ipv4->SetUp(interface);

            BuiltInterface built;
            built.node = ep.node;
            built.link = link.name;
            built.device = device;
            built.ipv4Interface = static_cast<uint32_t>(interface);
            built.address = a;
            built.receiveErrors = errors;
            m_linkInterfaces[li].push_back(m_interfaces.size());
            m_interfaces.push_back(built);
        }
    }
}

void
ScenarioBuilder::InstallRouting()
{
    // Version 1 cores use ns-3 global routing (a centralised SPF), recomputed
    // whenever a timed event changes the topology. Hosts get a default route
    // to a router on their first link.
    ComputeRoutes();
    Ipv4StaticRoutingHelper staticRouting;
    for (const NodeSpec& node : m_scenario.nodes)
    {
        if (node.kind != NodeKind::HOST)
        {
            continue;
        }
        auto first = std::find_if(m_interfaces.begin(), m_interfaces.end(), [&](const auto& i) {
            return i.node == node.name;
        });
        if (first == m_interfaces.end())
        {
            continue;
        }
        for (size_t other : m_linkInterfaces[m_scenario.LinkIndex(first->link)])
        {
            const BuiltInterface& peer = m_interfaces[other];
            if (m_scenario.FindNode(peer.node)->kind == NodeKind::ROUTER)
            {
                Ptr<Ipv4> ipv4 = m_nodeByName.at(node.name)->GetObject<Ipv4>();
                staticRouting.GetStaticRouting(ipv4)->SetDefaultRoute(
                    Ipv4Address(peer.address.address),
                    first->ipv4Interface);
                break;
            }
        }
    }
}

void
ScenarioBuilder::InstallMpls()
{
    if (!m_scenario.mpls.enabled)
    {
        return;
    }
    // Each LSR allocates from its own thousand (the k-th router of the list
    // from 1000·k), so a label in a capture tells who bound it.
    constexpr uint32_t kRangeSize = 1000;
    for (size_t k = 0; k < m_scenario.mpls.routers.size(); ++k)
    {
        MplsHelper mpls;
        const uint32_t first = kRangeSize * static_cast<uint32_t>(k + 1);
        if (first + kRangeSize - 1 <= mpls::MAX_LABEL)
        {
            mpls.SetProtocolAttribute("MinLabel", UintegerValue(first));
            mpls.SetProtocolAttribute("MaxLabel", UintegerValue(first + kRangeSize - 1));
        }
        mpls.Install(m_nodeByName.at(m_scenario.mpls.routers[k]));
    }
    InstallLdp();
}

void
ScenarioBuilder::InstallLdp()
{
    const MplsSpec& spec = m_scenario.mpls;
    LdpHelper ldp;
    ldp.Set("LinkHelloInterval", TimeValue(NanoSeconds(spec.ldp.helloIntervalNs)));
    ldp.Set("LinkHelloHoldTime", TimeValue(NanoSeconds(spec.ldp.helloHoldNs)));
    ldp.Set("KeepAliveTime", TimeValue(NanoSeconds(spec.ldp.keepAliveNs)));
    ldp::EgressLabel egress = ldp::EgressLabel::IMPLICIT_NULL;
    switch (spec.egressLabel)
    {
    case EgressLabel::IMPLICIT_NULL:
        break;
    case EgressLabel::EXPLICIT_NULL:
        egress = ldp::EgressLabel::EXPLICIT_NULL;
        break;
    case EgressLabel::NON_NULL:
        egress = ldp::EgressLabel::NON_NULL;
        break;
    }
    ldp.Set("EgressLabel", EnumValue(static_cast<int>(egress)));
    // An LSR is the egress of the subnets of its links to non-LSR nodes
    // (its sites); LDP speaks only on links to other LSRs.
    ldp.Set("AnnounceConnected", BooleanValue(true));
    for (const std::string& name : spec.routers)
    {
        Ptr<ldp::Protocol> protocol = ldp.Install(m_nodeByName.at(name));
        for (const BuiltInterface& intf : m_interfaces)
        {
            if (intf.node != name)
            {
                continue;
            }
            const LinkSpec* link = m_scenario.FindLink(intf.link);
            const bool allLsrs =
                std::all_of(link->endpoints.begin(), link->endpoints.end(), [&](const auto& e) {
                    return spec.IsLsr(e.node);
                });
            protocol->SetInterfaceEnabled(intf.ipv4Interface, allLsrs);
        }
        for (const LspSpec& lsp : spec.lsps)
        {
            if (lsp.fec && lsp.egress == name)
            {
                protocol->AddFec(mpls::PrefixFec(Ipv4Address(lsp.fec->Network()), lsp.fec->length));
            }
        }
        m_ldp.push_back(protocol);
    }
}

void
ScenarioBuilder::InstallTunnels()
{
    if (m_scenario.tunnels.empty())
    {
        return;
    }
    m_tunnels = std::make_unique<TunnelBuilder>(
        m_scenario,
        [this](const std::string& name) { return m_nodeByName.at(name); },
        [this](const std::string& name) {
            for (const auto& intf : m_interfaces)
            {
                if (intf.node == name)
                {
                    return Ipv4Address(intf.address.address);
                }
            }
            return Ipv4Address::GetAny();
        });
    m_tunnels->Build(m_nextStream);
}

void
ScenarioBuilder::InstallTraffic()
{
    for (const FlowSpec& flow : m_scenario.flows)
    {
        BuiltFlow built;
        Ptr<Node> from = m_nodeByName.at(flow.from);
        Ptr<Node> to = m_nodeByName.at(flow.to);
        // The flow targets the destination's first interface address, or
        // its end of the tunnel the flow goes through.
        for (const auto& intf : m_interfaces)
        {
            if (intf.node == flow.to)
            {
                built.destination = intf.address.address;
                break;
            }
        }
        if (const TunnelSpec* tunnel = m_scenario.FindTunnel(flow.via))
        {
            built.destination = flow.to == tunnel->lac ? tunnel->lacAddress.address
                                                       : tunnel->lnsAddress.address;
        }
        Ipv4Address destination(built.destination);
        if (flow.type == FlowType::PING)
        {
            V4PingHelper ping(destination);
            ping.SetAttribute("Interval", TimeValue(NanoSeconds(flow.intervalNs)));
            ping.SetAttribute("Size", UintegerValue(flow.size));
            ping.SetAttribute("Verbose", BooleanValue(false));
            built.source = ping.Install(from).Get(0);
        }
        else
        {
            PacketSinkHelper sink("ns3::UdpSocketFactory",
                                  InetSocketAddress(Ipv4Address::GetAny(), flow.port));
            sink.SetAttribute("EnableSeqTsSizeHeader", BooleanValue(true));
            built.sink = sink.Install(to).Get(0);
            built.sink->SetStartTime(Seconds(0));

            OnOffHelper source("ns3::UdpSocketFactory", InetSocketAddress(destination, flow.port));
            source.SetConstantRate(DataRate(flow.rateBps), flow.size);
            source.SetAttribute("EnableSeqTsSizeHeader", BooleanValue(true));
            if (flow.type == FlowType::UDP_ONOFF)
            {
                source.SetAttribute(
                    "OnTime",
                    StringValue(fmt::format("ns3::ConstantRandomVariable[Constant={}]",
                                            flow.onNs / 1e9)));
                source.SetAttribute(
                    "OffTime",
                    StringValue(fmt::format("ns3::ConstantRandomVariable[Constant={}]",
                                            flow.offNs / 1e9)));
            }
            built.source = source.Install(from).Get(0);
            m_nextStream +=
                DynamicCast<OnOffApplication>(built.source)->AssignStreams(m_nextStream);
        }
        built.source->SetStartTime(NanoSeconds(flow.startNs));
        built.source->SetStopTime(NanoSeconds(flow.stopNs));
        m_flows.push_back(built);
    }
}

void
ScenarioBuilder::EnablePcaps()
{
    const PcapSpec& pcap = m_scenario.outputs.pcap;
    if (!pcap.Any())
    {
        return;
    }
    std::filesystem::create_directories(m_scenario.outputs.folder);
    for (auto& intf : m_interfaces)
    {
        bool wanted = pcap.all ||
                      std::find(pcap.nodes.begin(), pcap.nodes.end(), intf.node) !=
                          pcap.nodes.end() ||
                      std::find(pcap.devices.begin(),
                                pcap.devices.end(),
                                std::make_pair(intf.node, intf.link)) != pcap.devices.end();
        if (!wanted)
        {
            continue;
        }
        intf.pcapFile =
            fmt::format("{}/{}-{}.pcap", m_scenario.outputs.folder, intf.node, intf.link);
        if (const LinkSpec* link = m_scenario.FindLink(intf.link); IsLabelLink(*link))
        {
            MplsHelper().EnablePcap(intf.pcapFile, intf.device, false, true);
        }
        else if (link->type == LinkType::P2P)
        {
            PointToPointHelper().EnablePcap(intf.pcapFile, intf.device, false, true);
        }
        else
        {
            CsmaHelper().EnablePcap(intf.pcapFile, intf.device, false, true);
        }
    }
}

void
ScenarioBuilder::ScheduleEvents()
{
    for (const EventSpec& event : m_scenario.events)
    {
        Simulator::Schedule(NanoSeconds(event.atNs), &ScenarioBuilder::ApplyEvent, this, event);
    }
}

void
ScenarioBuilder::ApplyEvent(const EventSpec& event)
{
    NS_LOG_INFO(ToString(event.action) << " " << event.target);
    switch (event.action)
    {
    case EventAction::LINK_DOWN:
    case EventAction::LINK_UP:
        m_linkUp[event.target] = event.action == EventAction::LINK_UP;
        m_graph.SetLinkUp(event.target, m_linkUp[event.target]);
        break;
    case EventAction::NODE_DOWN:
    case EventAction::NODE_UP:
        m_nodeUp[event.target] = event.action == EventAction::NODE_UP;
        m_graph.SetNodeUp(event.target, m_nodeUp[event.target]);
        break;
    }
    RefreshInterfaceStates();
    m_eventApplied(event);
}

bool
ScenarioBuilder::IsLabelLink(const LinkSpec& link) const
{
    return link.type == LinkType::P2P && link.endpoints.size() == 2 &&
           m_scenario.mpls.IsLsr(link.endpoints[0].node) &&
           m_scenario.mpls.IsLsr(link.endpoints[1].node);
}

bool
ScenarioBuilder::ShouldBeUp(size_t index) const
{
    const BuiltInterface& intf = m_interfaces[index];
    if (!m_linkUp.at(intf.link) || !m_nodeUp.at(intf.node))
    {
        return false;
    }
    // A point-to-point interface loses its carrier when the far end fails;
    // a CSMA segment stays up for the remaining stations.
    const int li = m_scenario.LinkIndex(intf.link);
    if (m_scenario.links[li].type == LinkType::P2P)
    {
        for (size_t other : m_linkInterfaces[li])
        {
            if (other != index && !m_nodeUp.at(m_interfaces[other].node))
            {
                return false;
            }
        }
    }
    return true;
}

void
ScenarioBuilder::RefreshInterfaceStates()
{
    bool changed = false;
    for (size_t i = 0; i < m_interfaces.size(); ++i)
    {
        BuiltInterface& intf = m_interfaces[i];
        Ptr<Ipv4> ipv4 = m_nodeByName.at(intf.node)->GetObject<Ipv4>();
        const bool up = ShouldBeUp(i);
        if (ipv4->IsUp(intf.ipv4Interface) == up)
        {
            continue;
        }
        changed = true;
        const double loss = m_scenario.FindLink(intf.link)->lossRate;
        if (up)
        {
            ipv4->SetUp(intf.ipv4Interface);
            intf.receiveErrors->SetRate(loss);
            if (loss == 0)
            {
                intf.receiveErrors->Disable();
            }
        }
        else
        {
            ipv4->SetDown(intf.ipv4Interface);
            intf.receiveErrors->SetRate(1.0);
            intf.receiveErrors->Enable();
        }
    }
    // A failed node's tunnel interfaces fail with it.
    if (m_tunnels)
    {
        for (const BuiltTunnel& t : m_tunnels->GetTunnels())
        {
            for (const auto& [node, interface] : {std::make_pair(t.spec->lac, t.tunnel.lacInterface),
                                                  std::make_pair(t.spec->lns, t.tunnel.lnsInterface)})
            {
                Ptr<Ipv4> ipv4 = m_nodeByName.at(node)->GetObject<Ipv4>();
                if (interface < 0 || ipv4->IsUp(interface) == m_nodeUp.at(node))
                {
                    continue;
                }
                changed = true;
                if (m_nodeUp.at(node))
                {
                    ipv4->SetUp(interface);
                }
                else
                {
                    ipv4->SetDown(interface);
                }
            }
        }
    }
    if (changed)
    {
        ComputeRoutes();
    }
}

void
ScenarioBuilder::ComputeRoutes()
{
    SyncHostLinkRoutes();
    if (m_routesComputed)
    {
        Ipv4GlobalRoutingHelper::RecomputeRoutingTables();
    }
    else
    {
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();
        m_routesComputed = true;
    }
    ReplaceStubDefaultRoutes();
    // LDP follows the new next hops (RFC 5036 section 2.6.1: it takes them
    // from the routing table).
    for (const auto& protocol : m_ldp)
    {
        protocol->RoutingChanged();
    }
}

void
ScenarioBuilder::ReplaceStubDefaultRoutes()
{
    // ns-3 global routing skips the SPF of a router that has one router
    // neighbour and gives it a default route to that neighbour instead. When a
    // failure leaves two such routers facing each other, packets for the lost
    // side bounce between them until their TTL runs out. A stub's only way
    // out is that neighbour, so the subnets it can reach (known from the
    // working topology) are routed there explicitly and nothing else is.
    for (const NodeSpec& spec : m_scenario.nodes)
    {
        if (spec.kind != NodeKind::ROUTER || !m_nodeUp.at(spec.name))
        {
            continue;
        }
        Ptr<Ipv4> ipv4 = m_nodeByName.at(spec.name)->GetObject<Ipv4>();
        Ptr<Ipv4ListRouting> list = DynamicCast<Ipv4ListRouting>(ipv4->GetRoutingProtocol());
        Ptr<Ipv4GlobalRouting> global;
        for (uint32_t i = 0; list && i < list->GetNRoutingProtocols() && !global; ++i)
        {
            int16_t priority;
            global = DynamicCast<Ipv4GlobalRouting>(list->GetRoutingProtocol(i, priority));
        }
        if (!global)
        {
            continue;
        }
        // A stub's SPF stops at that default route, so it is the only one.
        if (global->GetNRoutes() != 1 || !global->GetRoute(0)->IsDefault())
        {
            continue;
        }
        const std::pair<Ipv4Address, uint32_t> exit(global->GetRoute(0)->GetGateway(),
                                                    global->GetRoute(0)->GetInterface());
        global->RemoveRoute(0);
        const auto reachable = m_graph.RoutersReachableFrom(spec.name);
        for (size_t li = 0; li < m_scenario.links.size(); ++li)
        {
            bool attached = false;
            bool reached = false;
            for (size_t i : m_linkInterfaces[li])
            {
                const BuiltInterface& intf = m_interfaces[i];
                attached |= intf.node == spec.name;
                reached |= ShouldBeUp(i) &&
                           std::find(reachable.begin(), reachable.end(), intf.node) !=
                               reachable.end();
            }
            if (!attached && reached)
            {
                const Ipv4Prefix& a = m_interfaces[m_linkInterfaces[li].front()].address;
                global->AddNetworkRouteTo(Ipv4Address(a.Network()),
                                          Ipv4Mask(a.Mask()),
                                          exit.first,
                                          exit.second);
            }
        }
    }
}

void
ScenarioBuilder::SyncHostLinkRoutes()
{
    // ns-3 global routing leaves out a point-to-point link whose far end has
    // no GlobalRouter (a host), so the router announces that subnet as an
    // injected (external) route while its interface is up.
    for (const BuiltInterface& intf : m_interfaces)
    {
        const int li = m_scenario.LinkIndex(intf.link);
        if (m_scenario.links[li].type != LinkType::P2P ||
            m_scenario.FindNode(intf.node)->kind != NodeKind::ROUTER)
        {
            continue;
        }
        bool hostPeer = false;
        for (size_t other : m_linkInterfaces[li])
        {
            hostPeer |= m_scenario.FindNode(m_interfaces[other].node)->kind == NodeKind::HOST;
        }
        if (!hostPeer)
        {
            continue;
        }
        Ptr<Node> node = m_nodeByName.at(intf.node);
        Ptr<GlobalRouter> router = node->GetObject<GlobalRouter>();
        const Ipv4Address network(intf.address.Network());
        const Ipv4Mask mask(intf.address.Mask());
        int injected = -1;
        for (uint32_t i = 0; i < router->GetNInjectedRoutes(); ++i)
        {
            const Ipv4RoutingTableEntry* route = router->GetInjectedRoute(i);
            if (route->GetDestNetwork() == network && route->GetDestNetworkMask() == mask)
            {
                injected = static_cast<int>(i);
            }
        }
        const bool up = node->GetObject<Ipv4>()->IsUp(intf.ipv4Interface);
        if (up && injected < 0)
        {
            router->InjectRoute(network, mask);
        }
        else if (!up && injected >= 0)
        {
            router->RemoveInjectedRoute(static_cast<uint32_t>(injected));
        }
    }
}

Ptr<Node>
ScenarioBuilder::GetNode(const std::string& name) const
{
    auto it = m_nodeByName.find(name);
    return it == m_nodeByName.end() ? nullptr : it->second;
}

NodeContainer
ScenarioBuilder::GetNodes() const
{
    return m_nodes;
}

const std::vector<BuiltInterface>&
ScenarioBuilder::GetInterfaces() const
{
    return m_interfaces;
}

const std::vector<BuiltFlow>&
ScenarioBuilder::GetFlows() const
{
    return m_flows;
}

const TunnelBuilder*
ScenarioBuilder::GetTunnels() const
{
    return m_tunnels.get();
}

const std::vector<Ptr<ldp::Protocol>>&
ScenarioBuilder::GetLdp() const
{
    return m_ldp;
}

bool
ScenarioBuilder::IsLinkUp(const std::string& link) const
{
    return m_linkUp.at(link);
}

bool
ScenarioBuilder::IsNodeUp(const std::string& node) const
{
    return m_nodeUp.at(node);
}

} // namespace scenario
} // namespace ns3
