// SPDX-License-Identifier: GPL-2.0-only
#include "l2tp-tunnel-helper.h"

#include "ns3/boolean.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/ppp-endpoint.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpTunnelHelper");

L2tpTunnelHelper::L2tpTunnelHelper()
    : m_lacHostName("lac")
    , m_lnsHostName("lns")
    , m_lacTunnelId(1)
    , m_lnsTunnelId(2)
    , m_sessions(true)
    , m_lacAddress("10.255.0.1")
    , m_lnsAddress("10.255.0.2")
    , m_mask("255.255.255.252")
    , m_metric(10000)
    , m_start(Seconds(0))
{
    m_control.SetTypeId(l2tp::ControlConnection::GetTypeId());
    m_device.SetTypeId(l2tp::SessionNetDevice::GetTypeId());
    m_ppp.SetTypeId(ppp::Endpoint::GetTypeId());
}

void
L2tpTunnelHelper::SetSecret(const std::string& secret)
{
    m_secret = secret;
}

void
L2tpTunnelHelper::SetHostNames(const std::string& lac, const std::string& lns)
{
    m_lacHostName = lac;
    m_lnsHostName = lns;
}

void
L2tpTunnelHelper::SetTunnelIds(uint16_t lac, uint16_t lns)
{
    NS_ABORT_MSG_IF(lac == 0 || lns == 0, "Tunnel ID 0 is reserved (RFC 2661 3.1)");
    m_lacTunnelId = lac;
    m_lnsTunnelId = lns;
}

void
L2tpTunnelHelper::SetSessionEnabled(bool enabled)
{
    m_sessions = enabled;
}

void
L2tpTunnelHelper::SetTunnelAddresses(Ipv4Address lac, Ipv4Address lns, Ipv4Mask mask)
{
    m_lacAddress = lac;
    m_lnsAddress = lns;
    m_mask = mask;
}

void
L2tpTunnelHelper::SetInterfaceMetric(uint16_t metric)
{
    m_metric = metric;
}

void
L2tpTunnelHelper::SetStartTime(Time start)
{
    m_start = start;
}

void
L2tpTunnelHelper::SetControlAttribute(const std::string& name, const AttributeValue& value)
{
    m_control.Set(name, value);
}

void
L2tpTunnelHelper::SetDeviceAttribute(const std::string& name, const AttributeValue& value)
{
    m_device.Set(name, value);
}

void
L2tpTunnelHelper::SetPppAttribute(const std::string& name, const AttributeValue& value)
{
    m_ppp.Set(name, value);
}

int32_t
L2tpTunnelHelper::AddDevice(Ptr<Node> node,
                            Ptr<l2tp::ControlConnection> end,
                            Ptr<l2tp::SessionChannel> channel,
                            Ipv4Address local,
                            Ipv4Address peer,
                            Ptr<l2tp::SessionNetDevice>& device) const
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    NS_ABORT_MSG_UNLESS(ipv4, "L2tpTunnelHelper: node " << node->GetId() << " has no Ipv4");
    Ptr<ppp::Endpoint> ppp = m_ppp.Create<ppp::Endpoint>();
    // RFC 1332 3.3: each end requests its own tunnel address.
    ppp->SetAttribute("LocalAddress", Ipv4AddressValue(local));
    ppp->SetAttribute("PeerAddress", Ipv4AddressValue(peer));
    device = m_device.Create<l2tp::SessionNetDevice>();
    device->SetPppEndpoint(ppp);
    node->AddDevice(device);
    device->SetChannel(channel);
    device->Attach(end);

    const int32_t interface = static_cast<int32_t>(ipv4->AddInterface(device));
    ipv4->AddAddress(interface, Ipv4InterfaceAddress(local, m_mask));
    ipv4->SetMetric(interface, m_metric);
    ipv4->SetUp(interface);
    if (m_mask.GetPrefixLength() == 32)
    {
        Ptr<Ipv4StaticRouting> routing = Ipv4StaticRoutingHelper().GetStaticRouting(ipv4);
        NS_ABORT_MSG_UNLESS(routing,
                            "a /32 tunnel address needs Ipv4StaticRouting for the "
                            "host route to the peer");
        routing->AddHostRouteTo(peer, interface);
    }
    return interface;
}

L2tpTunnelHelper::Tunnel
L2tpTunnelHelper::Install(Ptr<Node> lacNode,
                          Ptr<Node> lnsNode,
                          Ipv4Address lnsAddress,
                          Ipv4Address lacAddress) const
{
    Tunnel t;
    t.lac = m_control.Create<l2tp::ControlConnection>();
    t.lac->SetAttribute("Initiator", BooleanValue(true));
    t.lac->SetAttribute("PeerAddress", Ipv4AddressValue(lnsAddress));
    t.lac->SetAttribute("LocalTunnelId", UintegerValue(m_lacTunnelId));
    t.lac->SetAttribute("HostName", StringValue(m_lacHostName));
    t.lac->SetAttribute("Secret", StringValue(m_secret));
    t.lac->SetAttribute("OpenSessionOnUp", BooleanValue(m_sessions));
    t.lac->SetStartTime(m_start);
    lacNode->AddApplication(t.lac);

    t.lns = m_control.Create<l2tp::ControlConnection>();
    t.lns->SetAttribute("Initiator", BooleanValue(false));
    t.lns->SetAttribute("LocalTunnelId", UintegerValue(m_lnsTunnelId));
    t.lns->SetAttribute("HostName", StringValue(m_lnsHostName));
    t.lns->SetAttribute("Secret", StringValue(m_secret));
    t.lns->SetAttribute("OpenSessionOnUp", BooleanValue(false));
    t.lns->SetAttribute("PeerAddress", Ipv4AddressValue(lacAddress));
    t.lns->SetStartTime(m_start);
    lnsNode->AddApplication(t.lns);

    if (m_sessions)
    {
        Ptr<l2tp::SessionChannel> channel = CreateObject<l2tp::SessionChannel>();
        t.lacInterface =
            AddDevice(lacNode, t.lac, channel, m_lacAddress, m_lnsAddress, t.lacDevice);
        t.lnsInterface =
            AddDevice(lnsNode, t.lns, channel, m_lnsAddress, m_lacAddress, t.lnsDevice);
    }
    return t;
}

int64_t
L2tpTunnelHelper::AssignStreams(const Tunnel& t, int64_t stream) const
{
    int64_t used = 0;
    used += t.lac->AssignStreams(stream + used);
    used += t.lns->AssignStreams(stream + used);
    if (t.lacDevice)
    {
        used += t.lacDevice->GetPppEndpoint()->AssignStreams(stream + used);
    }
    if (t.lnsDevice)
    {
        used += t.lnsDevice->GetPppEndpoint()->AssignStreams(stream + used);
    }
    return used;
}

} // namespace ns3
