// SPDX-License-Identifier: GPL-2.0-only
#include "ldp-helper.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/ipv4.h"
#include "ns3/ldp-protocol.h"
#include "ns3/log.h"
#include "ns3/mpls-protocol.h"
#include "ns3/net-device.h"
#include "ns3/node-list.h"
#include "ns3/node.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LdpHelper");

LdpHelper::LdpHelper()
{
    m_factory.SetTypeId("ns3::ldp::Protocol");
}

void
LdpHelper::Set(std::string name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

Ptr<ldp::Protocol>
LdpHelper::Install(Ptr<Node> node) const
{
    if (Ptr<ldp::Protocol> existing = node->GetObject<ldp::Protocol>())
    {
        return existing;
    }
    NS_ABORT_MSG_IF(!node->GetObject<Ipv4>(),
                    "LdpHelper::Install: install the Internet stack on node " << node->GetId()
                                                                              << " first");
    NS_ABORT_MSG_IF(!node->GetObject<mpls::Protocol>(),
                    "LdpHelper::Install: node " << node->GetId()
                                                << " has no mpls::Protocol (MplsHelper::Install)");
    Ptr<ldp::Protocol> ldp = m_factory.Create<ldp::Protocol>();
    ldp->SetNode(node);
    node->AggregateObject(ldp);
    if (node->IsInitialized())
    {
        ldp->Initialize(); // schedules the start, as node initialization would
    }
    return ldp;
}

void
LdpHelper::Install(const NodeContainer& nodes) const
{
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Install(*it);
    }
}

Ptr<ldp::Protocol>
LdpHelper::Get(Ptr<Node> node)
{
    return node->GetObject<ldp::Protocol>();
}

void
LdpHelper::AddFec(Ptr<Node> node, const mpls::PrefixFec& fec)
{
    Ptr<ldp::Protocol> ldp = Get(node);
    NS_ABORT_MSG_IF(!ldp, "LdpHelper::AddFec: node " << node->GetId() << " runs no LDP");
    ldp->AddFec(fec);
}

void
LdpHelper::AnnounceConnected(Ptr<Node> node, bool enable)
{
    Ptr<ldp::Protocol> ldp = Get(node);
    NS_ABORT_MSG_IF(!ldp, "LdpHelper::AnnounceConnected: node " << node->GetId() << " runs no LDP");
    ldp->SetAttribute("AnnounceConnected", BooleanValue(enable));
    ldp->RoutingChanged(); // takes effect at once when running
}

void
LdpHelper::SetInterfaceEnabled(Ptr<NetDevice> device, bool enabled)
{
    Ptr<Node> node = device->GetNode();
    Ptr<ldp::Protocol> ldp = Get(node);
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    NS_ABORT_MSG_IF(!ldp || !ipv4,
                    "LdpHelper::SetInterfaceEnabled: node " << node->GetId() << " runs no LDP");
    const int32_t interface = ipv4->GetInterfaceForDevice(device);
    NS_ABORT_MSG_IF(interface < 0, "LdpHelper::SetInterfaceEnabled: device has no IPv4 interface");
    ldp->SetInterfaceEnabled(static_cast<uint32_t>(interface), enabled);
}

void
LdpHelper::RoutingChanged(const NodeContainer& nodes)
{
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        if (Ptr<ldp::Protocol> ldp = Get(*it))
        {
            ldp->RoutingChanged();
        }
    }
}

void
LdpHelper::RoutingChangedAll()
{
    RoutingChanged(NodeContainer::GetGlobal());
}

} // namespace ns3
