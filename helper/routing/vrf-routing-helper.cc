// SPDX-License-Identifier: GPL-2.0-only

#include "vrf-routing-helper.h"

#include "ns3/ipv4.h"
#include "ns3/node.h"
#include "ns3/vr-vrf-routing-protocol.h"

namespace ns3
{

VrfRoutingHelper*
VrfRoutingHelper::Copy() const
{
    return new VrfRoutingHelper(*this);
}

Ptr<Ipv4RoutingProtocol>
VrfRoutingHelper::Create(Ptr<Node> /* node */) const
{
    return CreateObject<vr::VrfRoutingProtocol>();
}

Ptr<vr::VrfRoutingProtocol>
VrfRoutingHelper::GetRouting(Ptr<Node> node)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    return ipv4 ? DynamicCast<vr::VrfRoutingProtocol>(ipv4->GetRoutingProtocol()) : nullptr;
}

} // namespace ns3
