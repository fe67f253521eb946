/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "scenario-ospf-routing.h"

#include "scenario-ospf-section.h"

#include "ns3/abort.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-list-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/ipvpn-routing-helper.h"
#include "ns3/ipvpn-routing-protocol.h"
#include "ns3/ospf-helper.h"
#include "ns3/ospf-protocol.h"
#include "ns3/scenario-network.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace scenario
{

void
OspfCoreRouting::ConfigureRouterStack(InternetStackHelper& stack)
{
    // The module's own table (connected routes from the interfaces, OSPF's
    // from its SPF runs) in a list, where MPLS adds its FTN routing in
    // front of it (MplsHelper::Install needs an Ipv4ListRouting).
    Ipv4ListRoutingHelper list;
    list.Add(IpvpnRoutingHelper(), 0);
    stack.SetRoutingHelper(list);
}

void
OspfCoreRouting::Start(Network& network)
{
    m_network = &network;
    const Scenario& s = network.Spec();
    const OspfSection* spec = s.sections.Find<OspfSection>();
    NS_ABORT_MSG_UNLESS(spec && spec->helloIntervalNs,
                        "routing.core ospf without a resolved ospf section");

    OspfHelper helper;
    helper.Set("HelloInterval", TimeValue(NanoSeconds(*spec->helloIntervalNs)));
    helper.Set("RouterDeadInterval", TimeValue(NanoSeconds(*spec->deadIntervalNs)));
    helper.Set("RxmtInterval", TimeValue(NanoSeconds(*spec->retransmitIntervalNs)));
    helper.Set("InfTransDelay", TimeValue(NanoSeconds(*spec->transmitDelayNs)));
    helper.Set("MinLSInterval", TimeValue(NanoSeconds(*spec->minLsIntervalNs)));
    helper.Set("MinLSArrival", TimeValue(NanoSeconds(*spec->minLsArrivalNs)));
    helper.Set("SpfInitialDelay", TimeValue(NanoSeconds(*spec->spfInitialDelayNs)));
    helper.Set("SpfHoldTime", TimeValue(NanoSeconds(*spec->spfHoldNs)));
    helper.Set("SpfMaxWait", TimeValue(NanoSeconds(*spec->spfMaxWaitNs)));
    helper.Set("AuType", UintegerValue(static_cast<uint32_t>(*spec->authType)));
    helper.Set("AuthKeyId", UintegerValue(*spec->authKeyId));
    helper.Set("AuthKey", StringValue(*spec->authKey));

    for (const NodeSpec& n : s.nodes)
    {
        if (n.kind != NodeKind::ROUTER)
        {
            continue;
        }
        Ptr<Node> node = network.GetNode(n.name);
        // Every interface with an address: router-facing and host-facing;
        // on an edge router not the user lines of VR ports (their prefixes
        // live in the VRFs only), but the loopback with the ports' addresses.
        Ptr<ospf::Protocol> ospf;
        if (n.vrfRouting)
        {
            std::vector<uint32_t> interfaces;
            if (!n.loopbacks.empty())
            {
                interfaces.push_back(0);
            }
            for (const BuiltInterface& intf : network.Interfaces())
            {
                if (intf.node == n.name && s.FindLink(intf.link)->vrf == 0)
                {
                    interfaces.push_back(intf.ipv4Interface);
                }
            }
            ospf = helper.Install(node, interfaces);
        }
        else
        {
            ospf = helper.Install(node);
        }
        network.NextStream() += ospf->AssignStreams(network.NextStream());
        ospf->SetAttribute("RouterPriority", UintegerValue(spec->PriorityOf(n.name)));
        if (n.routerId != 0)
        {
            ospf->SetAttribute("RouterId", Ipv4AddressValue(Ipv4Address(n.routerId)));
        }
        for (const BuiltInterface& intf : network.Interfaces())
        {
            if (intf.node == n.name && s.FindLink(intf.link)->vrf == 0)
            {
                // RFC 2328 C.3 Interface output cost: the link's metric.
                ospf->SetInterfaceCost(intf.ipv4Interface,
                                       static_cast<uint16_t>(s.FindLink(intf.link)->metric));
            }
        }
        Ptr<IpvpnRoutingProtocol> routing = IpvpnRoutingHelper::GetRouting(node->GetObject<Ipv4>());
        NS_ABORT_MSG_UNLESS(routing, "router " << n.name << " has no IpvpnRoutingProtocol");
        routing->TraceConnectWithoutContext(
            "RouteChange", Callback<void, const IpvpnRouteChange&>([this](const IpvpnRouteChange&) {
                RouteChanged();
            }));
    }
}

void
OspfCoreRouting::InterfacesChanged(Network& /* network */)
{
    // OSPF hears of the interfaces itself (InterfaceUp/InterfaceDown, RFC
    // 2328 9.2) and recomputes; the table changes come back through
    // RouteChange.
}

void
OspfCoreRouting::RouteChanged()
{
    // One SPF run changes many prefixes at once: tell the listeners (LDP
    // re-reads every FEC's next hop) once they are all in.
    if (!m_notify.IsRunning())
    {
        m_notify = Simulator::ScheduleNow(&OspfCoreRouting::Notify, this);
    }
}

void
OspfCoreRouting::Notify()
{
    if (m_network)
    {
        m_network->NotifyRoutesChanged();
    }
}

} // namespace scenario
} // namespace ns3
