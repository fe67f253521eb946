// SPDX-License-Identifier: GPL-2.0-only
#include "gateway-routing-helper.h"

#include "ns3/gateway-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/node.h"

namespace ns3
{

GatewayRoutingHelper::GatewayRoutingHelper()
{
    m_factory.SetTypeId(gateway::RoutingProtocol::GetTypeId());
}

GatewayRoutingHelper*
GatewayRoutingHelper::Copy() const
{
    return new GatewayRoutingHelper(*this);
}

Ptr<Ipv4RoutingProtocol>
GatewayRoutingHelper::Create(Ptr<Node> /* node */) const
{
    return m_factory.Create<gateway::RoutingProtocol>();
}

void
GatewayRoutingHelper::Set(std::string name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

Ptr<gateway::RoutingProtocol>
GatewayRoutingHelper::GetRouting(Ptr<Node> node)
{
    Ptr<Ipv4> ipv4 = node ? node->GetObject<Ipv4>() : nullptr;
    return ipv4 ? DynamicCast<gateway::RoutingProtocol>(ipv4->GetRoutingProtocol()) : nullptr;
}

} // namespace ns3
