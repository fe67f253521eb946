/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Builds the core of a resolved scenario: nodes with the Internet stack,
 * links through their link technology, interface addresses, the chosen core
 * routing, hosts' default routes, traffic applications and pcaps.
 */
#include "scenario-core-impl.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/constant-position-mobility-model.h"
#include "ns3/gateway-routing-helper.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/on-off-helper.h"
#include "ns3/onoff-application.h"
#include "ns3/packet-sink-helper.h"
#include "ns3/pointer.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"
#include "ns3/v4ping-helper.h"
#include "ns3/vr-vrf-routing-protocol.h"
#include "ns3/vrf-routing-helper.h"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ScenarioCoreNetworkBuilder");

namespace scenario
{
namespace core
{

namespace
{

void
CreateNodes(const Scenario& s, Network& network)
{
    const size_t n = s.nodes.size();
    NodeContainer routers;
    NodeContainer edgeRouters; // per-VRF routing (VR ports)
    NodeContainer hosts;
    NodeContainer gateways; // home gateways: NAT in their own routing
    for (size_t i = 0; i < n; ++i)
    {
        const NodeSpec& spec = s.nodes[i];
        Ptr<Node> node = CreateObject<Node>();
        network.AddNode(spec.name, node);
        (spec.kind == NodeKind::HOST      ? hosts
         : spec.kind == NodeKind::GATEWAY ? gateways
         : spec.vrfRouting                ? edgeRouters
                                          : routers)
            .Add(node);

        // Positions matter for NetAnim only; nodes without one sit on a circle.
        auto mobility = CreateObject<ConstantPositionMobilityModel>();
        if (spec.position)
        {
            mobility->SetPosition(Vector(spec.position->first, spec.position->second, 0));
        }
        else
        {
            const double angle = 2 * M_PI * static_cast<double>(i) / static_cast<double>(n);
            mobility->SetPosition(Vector(50 + 40 * std::cos(angle), 50 + 40 * std::sin(angle), 0));
        }
        node->AggregateObject(mobility);
    }
    // Routers run what the core routing asks for; hosts only static routing,
    // as a real host has (a routing protocol would take them for routers).
    InternetStackHelper routerStack;
    network.GetCoreRouting().ConfigureRouterStack(routerStack);
    routerStack.Install(routers);
    // Edge routers: one core table and one per VRF, the routing itself
    // (not a list entry, vr-vrf-routing-protocol.h).
    InternetStackHelper edgeStack;
    edgeStack.SetRoutingHelper(VrfRoutingHelper());
    edgeStack.Install(edgeRouters);
    InternetStackHelper hostStack;
    hostStack.SetRoutingHelper(Ipv4StaticRoutingHelper());
    hostStack.Install(hosts);
    InternetStackHelper gatewayStack;
    gatewayStack.SetRoutingHelper(GatewayRoutingHelper());
    gatewayStack.Install(gateways);
    // Fixed random streams (ARP jitter and the like) make a run depend on its
    // seed and run number only, even after other runs in the same process.
    int64_t& stream = network.NextStream();
    stream += routerStack.AssignStreams(routers, stream);
    stream += hostStack.AssignStreams(hosts, stream);
    if (edgeRouters.GetN() > 0)
    {
        stream += edgeStack.AssignStreams(edgeRouters, stream);
    }
    if (gateways.GetN() > 0)
    {
        stream += gatewayStack.AssignStreams(gateways, stream);
    }
    // Loopback host addresses (VR ports' own addresses) before any routing
    // starts, so the core IGP advertises them from its first LSA.
    for (size_t i = 0; i < n; ++i)
    {
        Ptr<Ipv4> ipv4 = network.GetNode(s.nodes[i].name)->GetObject<Ipv4>();
        for (uint32_t address : s.nodes[i].loopbacks)
        {
            ipv4->AddAddress(0, Ipv4InterfaceAddress(Ipv4Address(address), Ipv4Mask::GetOnes()));
        }
    }
}

void
CreateLinks(const Scenario& s, Network& network)
{
    for (const LinkSpec& link : s.links)
    {
        NodeContainer ends;
        for (const EndpointSpec& ep : link.endpoints)
        {
            ends.Add(network.GetNode(ep.node));
        }
        const LinkTechnology* technology = FindLinkTechnology(link.device);
        NS_ABORT_MSG_UNLESS(technology, "no link technology " << link.device);
        NetDeviceContainer devices = technology->install(link, ends, network.NextStream());

        for (size_t j = 0; j < link.endpoints.size(); ++j)
        {
            const EndpointSpec& ep = link.endpoints[j];
            Ptr<NetDevice> device = devices.Get(j);

            auto errors = CreateObject<RateErrorModel>();
            errors->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
            errors->SetRate(link.lossRate);
            network.NextStream() += errors->AssignStreams(network.NextStream());
            if (link.lossRate == 0)
            {
                errors->Disable(); // draws no random numbers until needed
            }
            device->SetAttribute("ReceiveErrorModel", PointerValue(errors));

            Ptr<Ipv4> ipv4 = network.GetNode(ep.node)->GetObject<Ipv4>();
            // A user line's router end joins its VRF before it has an
            // address, so the address lands in the VRF's table only.
            if (link.vrf != 0 && s.FindNode(ep.node)->vrfRouting)
            {
                Ptr<vr::VrfRoutingProtocol> vrf = VrfRoutingHelper::GetRouting(network.GetNode(ep.node));
                NS_ABORT_MSG_UNLESS(vrf, "node " << ep.node << " has no per-VRF routing");
                if (!vrf->GetVrf(link.vrf))
                {
                    vrf->AddVrf(link.vrf);
                }
                vrf->AssignDevice(device, link.vrf);
            }
            const int32_t interface = ipv4->AddInterface(device);
            const Ipv4Prefix a = ep.address.value_or(Ipv4Prefix{0, 0}); // DHCP: none yet
            if (!ep.dhcp)
            {
                ipv4->AddAddress(interface,
                                 Ipv4InterfaceAddress(Ipv4Address(a.address), Ipv4Mask(a.Mask())));
            }
            ipv4->SetMetric(interface, static_cast<uint16_t>(link.metric));
            // Hosts never forward; routers and gateways do.
            ipv4->SetForwarding(interface, s.FindNode(ep.node)->kind != NodeKind::HOST);
            ipv4->SetUp(interface);

            BuiltInterface built;
            built.node = ep.node;
            built.link = link.name;
            built.device = device;
            built.ipv4Interface = static_cast<uint32_t>(interface);
            built.address = a;
            built.receiveErrors = errors;
            network.AddInterface(built);
        }
    }
}

/// Each host gets a default route to a router (or gateway) on its first
/// link. A host without an address there (DHCP) gets it from DHCP.
void
AddHostDefaultRoutes(const Scenario& s, Network& network)
{
    Ipv4StaticRoutingHelper staticRouting;
    const auto& interfaces = network.Interfaces();
    for (const NodeSpec& node : s.nodes)
    {
        if (node.kind != NodeKind::HOST)
        {
            continue;
        }
        auto first = std::find_if(interfaces.begin(), interfaces.end(), [&](const auto& i) {
            return i.node == node.name;
        });
        if (first == interfaces.end() || first->address.address == 0)
        {
            continue; // no link, or an address (and router) from DHCP
        }
        for (size_t other : network.InterfacesOfLink(s.LinkIndex(first->link)))
        {
            const BuiltInterface& peer = interfaces[other];
            if (s.FindNode(peer.node)->kind != NodeKind::HOST)
            {
                Ptr<Ipv4> ipv4 = network.GetNode(node.name)->GetObject<Ipv4>();
                staticRouting.GetStaticRouting(ipv4)->SetDefaultRoute(
                    Ipv4Address(peer.address.address),
                    first->ipv4Interface);
                break;
            }
        }
    }
}

} // namespace

void
BuildTopology(const Scenario& s, Network& network)
{
    network.SetCoreRouting(FindCoreRouting(s.routing.core)->make());
    CreateNodes(s, network);
    CreateLinks(s, network);
    network.GetCoreRouting().Start(network);
    AddHostDefaultRoutes(s, network);
}

void
BuildTraffic(const Scenario& s, Network& network)
{
    int64_t& stream = network.NextStream();
    for (const FlowSpec& flow : s.flows)
    {
        BuiltFlow built;
        Ptr<Node> from = network.GetNode(flow.from);
        Ptr<Node> to = network.GetNode(flow.to);
        const Ipv4Address destination(flow.destination);
        if (flow.type == FlowType::PING)
        {
            V4PingHelper ping(destination);
            ping.SetAttribute("Interval", TimeValue(NanoSeconds(*flow.intervalNs)));
            ping.SetAttribute("Size", UintegerValue(*flow.size));
            ping.SetAttribute("Verbose", BooleanValue(false));
            built.source = ping.Install(from).Get(0);
        }
        else
        {
            PacketSinkHelper sink("ns3::UdpSocketFactory",
                                  InetSocketAddress(Ipv4Address::GetAny(), *flow.port));
            sink.SetAttribute("EnableSeqTsSizeHeader", BooleanValue(true));
            built.sink = sink.Install(to).Get(0);
            built.sink->SetStartTime(Seconds(0));

            OnOffHelper source("ns3::UdpSocketFactory", InetSocketAddress(destination, *flow.port));
            source.SetConstantRate(DataRate(flow.rateBps), *flow.size);
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
            stream += DynamicCast<OnOffApplication>(built.source)->AssignStreams(stream);
        }
        built.source->SetStartTime(NanoSeconds(flow.startNs));
        built.source->SetStopTime(NanoSeconds(*flow.stopNs));
        network.AddFlow(built);
    }
}

void
EnablePcaps(const Scenario& s, Network& network)
{
    const PcapSpec& pcap = s.outputs.pcap;
    if (!pcap.Any())
    {
        return;
    }
    std::filesystem::create_directories(s.outputs.folder);
    for (size_t i = 0; i < network.Interfaces().size(); ++i)
    {
        const BuiltInterface& intf = network.Interfaces()[i];
        const bool wanted =
            pcap.all ||
            std::find(pcap.nodes.begin(), pcap.nodes.end(), intf.node) != pcap.nodes.end() ||
            std::find(pcap.devices.begin(), pcap.devices.end(), std::make_pair(intf.node, intf.link)) !=
                pcap.devices.end();
        if (!wanted)
        {
            continue;
        }
        const std::string file = fmt::format("{}/{}-{}.pcap", s.outputs.folder, intf.node, intf.link);
        FindLinkTechnology(s.FindLink(intf.link)->device)->enablePcap(file, intf.device);
        network.SetPcapFile(i, file);
    }
}

} // namespace core
} // namespace scenario
} // namespace ns3
