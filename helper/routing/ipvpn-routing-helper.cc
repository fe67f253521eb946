// SPDX-License-Identifier: GPL-2.0-only
#include "ipvpn-routing-helper.h"

#include "ns3/ipv4-list-routing.h"
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
    if (!ipv4)
    {
        return nullptr;
    }
    Ptr<Ipv4RoutingProtocol> protocol = ipv4->GetRoutingProtocol();
    if (Ptr<IpvpnRoutingProtocol> own = DynamicCast<IpvpnRoutingProtocol>(protocol))
    {
        return own;
    }
    if (Ptr<Ipv4ListRouting> list = DynamicCast<Ipv4ListRouting>(protocol))
    {
        for (uint32_t i = 0; i < list->GetNRoutingProtocols(); ++i)
        {
            int16_t priority = 0;
            Ptr<IpvpnRoutingProtocol> own =
                DynamicCast<IpvpnRoutingProtocol>(list->GetRoutingProtocol(i, priority));
            if (own)
            {
                return own;
            }
        }
    }
    return nullptr;
}

} // namespace ns3
