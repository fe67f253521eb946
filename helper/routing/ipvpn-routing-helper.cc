// SPDX-License-Identifier: GPL-2.0-only
#include "ipvpn-routing-helper.h"

#include "ns3/ipv4.h"
#include "ns3/ipvpn-routing-protocol.h"
#include "ns3/log.h"
#include "ns3/node.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpvpnRoutingHelper");

IpvpnRoutingHelper::IpvpnRoutingHelper()
{
    m_factory.SetTypeId(IpvpnRoutingProtocol::GetTypeId());
}

IpvpnRoutingHelper*
IpvpnRoutingHelper::Copy() const
{
    return new IpvpnRoutingHelper(*this);
}

Ptr<Ipv4RoutingProtocol>
IpvpnRoutingHelper::Create(Ptr<Node> node) const
{
    NS_LOG_FUNCTION(this << node);
    return m_factory.Create<IpvpnRoutingProtocol>();
}

void
IpvpnRoutingHelper::Set(std::string name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

Ptr<IpvpnRoutingProtocol>
IpvpnRoutingHelper::GetRouting(Ptr<Ipv4> ipv4)
{
    return IpvpnRoutingProtocol::GetNodeRouting(ipv4);
}

} // namespace ns3
