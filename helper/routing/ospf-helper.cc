/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ospf-helper.h"

#include "ipvpn-routing-helper.h"

#include "ns3/ipv4.h"
#include "ns3/ipvpn-routing-protocol.h"
#include "ns3/log.h"
#include "ns3/loopback-net-device.h"
#include "ns3/node.h"
#include "ns3/ospf-protocol.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("OspfHelper");

OspfHelper::OspfHelper()
    : m_start(Seconds(0))
{
    m_factory.SetTypeId(ospf::Protocol::GetTypeId());
}

void
OspfHelper::Set(std::string name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

void
OspfHelper::SetStartTime(Time start)
{
    m_start = start;
}

std::vector<Ptr<ospf::Protocol>>
OspfHelper::Install(NodeContainer nodes) const
{
    std::vector<Ptr<ospf::Protocol>> out;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        out.push_back(Install(*it));
    }
    return out;
}

Ptr<ospf::Protocol>
OspfHelper::Install(Ptr<Node> node) const
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    NS_ABORT_MSG_IF(!ipv4, "OspfHelper: install an Internet stack first");
    std::vector<uint32_t> interfaces;
    for (uint32_t i = 0; i < ipv4->GetNInterfaces(); ++i)
    {
        if (!DynamicCast<LoopbackNetDevice>(ipv4->GetNetDevice(i)))
        {
            if (ipv4->GetNAddresses(i) > 0)
            {
                interfaces.push_back(i);
            }
            continue;
        }
        // The loopback interface when it holds a router address (not 127/8).
        for (uint32_t a = 0; a < ipv4->GetNAddresses(i); ++a)
        {
            if ((ipv4->GetAddress(i, a).GetLocal().Get() >> 24) != 127)
            {
                interfaces.push_back(i);
                break;
            }
        }
    }
    return Install(node, interfaces);
}

Ptr<ospf::Protocol>
OspfHelper::Install(Ptr<Node> node, const std::vector<uint32_t>& interfaces) const
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    NS_ABORT_MSG_IF(!ipv4, "OspfHelper: install an Internet stack first");
    EnsureIpvpnRouting(ipv4);
    Ptr<ospf::Protocol> protocol = m_factory.Create<ospf::Protocol>();
    protocol->SetNode(node);
    for (uint32_t i : interfaces)
    {
        protocol->AddInterface(i);
    }
    if (!node->GetObject<ospf::Protocol>())
    {
        node->AggregateObject(protocol);
    }
    Simulator::ScheduleWithContext(node->GetId(), m_start, &ospf::Protocol::Start, protocol);
    return protocol;
}

Ptr<ospf::Protocol>
OspfHelper::Get(Ptr<Node> node)
{
    return node->GetObject<ospf::Protocol>();
}

int64_t
OspfHelper::AssignStreams(NodeContainer nodes, int64_t stream)
{
    int64_t used = 0;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        if (Ptr<ospf::Protocol> ospf = Get(*it))
        {
            used += ospf->AssignStreams(stream + used);
        }
    }
    return used;
}

void
OspfHelper::EnsureIpvpnRouting(Ptr<Ipv4> ipv4)
{
    if (IpvpnRoutingHelper::GetRouting(ipv4))
    {
        return;
    }
    NS_LOG_WARN("OspfHelper: the node's routing becomes an IpvpnRoutingProtocol");
    ipv4->SetRoutingProtocol(CreateObject<IpvpnRoutingProtocol>());
}

} // namespace ns3
