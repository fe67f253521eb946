/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "scenario-global-routing.h"

#include "ns3/global-router-interface.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/ipv4-global-routing.h"
#include "ns3/ipv4-list-routing.h"
#include "ns3/ipv4.h"
#include "ns3/scenario-network.h"

#include <algorithm>

namespace ns3
{
namespace scenario
{

void
GlobalCoreRouting::ConfigureRouterStack(InternetStackHelper& /* stack */)
{
    // InternetStackHelper's default is what global routing needs: static
    // routing first, then global routing, in a list.
}

void
GlobalCoreRouting::Start(Network& network)
{
    Compute(network);
}

void
GlobalCoreRouting::InterfacesChanged(Network& network)
{
    Compute(network);
}

void
GlobalCoreRouting::Compute(Network& network)
{
    SyncHostLinkRoutes(network);
    if (m_computed)
    {
        Ipv4GlobalRoutingHelper::RecomputeRoutingTables();
    }
    else
    {
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();
        m_computed = true;
    }
    ReplaceStubDefaultRoutes(network);
    network.NotifyRoutesChanged();
}

void
GlobalCoreRouting::ReplaceStubDefaultRoutes(Network& network)
{
    // ns-3 global routing skips the SPF of a router that has one router
    // neighbour and gives it a default route to that neighbour instead. When a
    // failure leaves two such routers facing each other, packets for the lost
    // side bounce between them until their TTL runs out. A stub's only way
    // out is that neighbour, so the subnets it can reach (known from the
    // working topology) are routed there explicitly and nothing else is.
    const Scenario& s = network.Spec();
    const auto& interfaces = network.Interfaces();
    for (const NodeSpec& spec : s.nodes)
    {
        if (spec.kind != NodeKind::ROUTER || !network.WorkingTopology().IsNodeUp(spec.name))
        {
            continue;
        }
        Ptr<Ipv4> ipv4 = network.GetNode(spec.name)->GetObject<Ipv4>();
        Ptr<Ipv4ListRouting> list = DynamicCast<Ipv4ListRouting>(ipv4->GetRoutingProtocol());
        Ptr<Ipv4GlobalRouting> global;
        for (uint32_t i = 0; list && i < list->GetNRoutingProtocols() && !global; ++i)
        {
            int16_t priority;
            global = DynamicCast<Ipv4GlobalRouting>(list->GetRoutingProtocol(i, priority));
        }
        // A stub's SPF stops at that default route, so it is the only one.
        if (!global || global->GetNRoutes() != 1 || !global->GetRoute(0)->IsDefault())
        {
            continue;
        }
        const std::pair<Ipv4Address, uint32_t> exit(global->GetRoute(0)->GetGateway(),
                                                    global->GetRoute(0)->GetInterface());
        global->RemoveRoute(0);
        const auto reachable = network.WorkingTopology().RoutersReachableFrom(spec.name);
        for (size_t li = 0; li < s.links.size(); ++li)
        {
            bool attached = false;
            bool reached = false;
            for (size_t i : network.InterfacesOfLink(li))
            {
                const BuiltInterface& intf = interfaces[i];
                attached |= intf.node == spec.name;
                reached |= network.ShouldBeUp(i) &&
                           std::find(reachable.begin(), reachable.end(), intf.node) !=
                               reachable.end();
            }
            if (!attached && reached)
            {
                const Ipv4Prefix& a = interfaces[network.InterfacesOfLink(li).front()].address;
                global->AddNetworkRouteTo(Ipv4Address(a.Network()),
                                          Ipv4Mask(a.Mask()),
                                          exit.first,
                                          exit.second);
            }
        }
    }
}

void
GlobalCoreRouting::SyncHostLinkRoutes(Network& network)
{
    // ns-3 global routing leaves out a point-to-point link whose far end has
    // no GlobalRouter (a host), so the router announces that subnet as an
    // injected (external) route while its interface is up.
    const Scenario& s = network.Spec();
    const auto& interfaces = network.Interfaces();
    for (const BuiltInterface& intf : interfaces)
    {
        const int li = s.LinkIndex(intf.link);
        if (s.links[li].type != LinkType::P2P || s.FindNode(intf.node)->kind != NodeKind::ROUTER)
        {
            continue;
        }
        bool hostPeer = false;
        for (size_t other : network.InterfacesOfLink(li))
        {
            hostPeer |= s.FindNode(interfaces[other].node)->kind != NodeKind::ROUTER;
        }
        if (!hostPeer)
        {
            continue;
        }
        Ptr<Node> node = network.GetNode(intf.node);
        Ptr<GlobalRouter> router = node->GetObject<GlobalRouter>();
        const Ipv4Address subnet(intf.address.Network());
        const Ipv4Mask mask(intf.address.Mask());
        int injected = -1;
        for (uint32_t i = 0; i < router->GetNInjectedRoutes(); ++i)
        {
            const Ipv4RoutingTableEntry* route = router->GetInjectedRoute(i);
            if (route->GetDestNetwork() == subnet && route->GetDestNetworkMask() == mask)
            {
                injected = static_cast<int>(i);
            }
        }
        const bool up = node->GetObject<Ipv4>()->IsUp(intf.ipv4Interface);
        if (up && injected < 0)
        {
            router->InjectRoute(subnet, mask);
        }
        else if (!up && injected >= 0)
        {
            router->RemoveInjectedRoute(static_cast<uint32_t>(injected));
        }
    }
}

} // namespace scenario
} // namespace ns3
