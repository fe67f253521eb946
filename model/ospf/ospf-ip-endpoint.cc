/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ospf-ip-endpoint.h"

#include "ospf-packet-header.h"

#include "ns3/ipv4-interface.h"
#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("OspfIpEndpoint");

namespace ospf
{

NS_OBJECT_ENSURE_REGISTERED(IpEndpoint);

TypeId
IpEndpoint::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ospf::IpEndpoint")
                            .SetParent<IpL4Protocol>()
                            .SetGroupName("Ospf")
                            .AddConstructor<IpEndpoint>();
    return tid;
}

void
IpEndpoint::Open(Ptr<Ipv4> ipv4, ReceiveCallback receive)
{
    NS_LOG_FUNCTION(this << ipv4);
    m_ipv4 = ipv4;
    m_receive = receive;
}

void
IpEndpoint::Attach(uint32_t interface)
{
    NS_LOG_FUNCTION(this << interface);
    NS_ASSERT_MSG(m_ipv4, "ospf::IpEndpoint: Open() first");
    if (std::find(m_attached.begin(), m_attached.end(), interface) != m_attached.end())
    {
        return;
    }
    m_attached.push_back(interface);
    m_ipv4->Insert(this, interface);
}

void
IpEndpoint::Detach(uint32_t interface)
{
    NS_LOG_FUNCTION(this << interface);
    auto it = std::find(m_attached.begin(), m_attached.end(), interface);
    if (it == m_attached.end())
    {
        return;
    }
    m_attached.erase(it);
    m_ipv4->Remove(this, interface);
}

void
IpEndpoint::Close()
{
    NS_LOG_FUNCTION(this);
    while (!m_attached.empty())
    {
        Detach(m_attached.back());
    }
    m_receive = ReceiveCallback();
}

void
IpEndpoint::DoDispose()
{
    Close();
    m_ipv4 = nullptr;
    IpL4Protocol::DoDispose();
}

int
IpEndpoint::GetProtocolNumber() const
{
    return OSPF_PROTOCOL_NUMBER;
}

IpL4Protocol::RxStatus
IpEndpoint::Receive(Ptr<Packet> p, const Ipv4Header& header, Ptr<Ipv4Interface> incomingInterface)
{
    NS_LOG_FUNCTION(this << p << header);
    const int32_t interface = m_ipv4->GetInterfaceForDevice(incomingInterface->GetDevice());
    if (interface >= 0 && !m_receive.IsNull())
    {
        m_receive(p, header, static_cast<uint32_t>(interface));
    }
    // Never "endpoint unreachable": no ICMP answers an OSPF datagram.
    return RX_OK;
}

IpL4Protocol::RxStatus
IpEndpoint::Receive(Ptr<Packet>, const Ipv6Header&, Ptr<Ipv6Interface>)
{
    return RX_ENDPOINT_UNREACH; // OSPFv2 is IPv4 only
}

void
IpEndpoint::SetDownTarget(DownTargetCallback cb)
{
    m_downTarget = cb;
}

void
IpEndpoint::SetDownTarget6(DownTargetCallback6 cb)
{
    m_downTarget6 = cb;
}

IpL4Protocol::DownTargetCallback
IpEndpoint::GetDownTarget() const
{
    return m_downTarget;
}

IpL4Protocol::DownTargetCallback6
IpEndpoint::GetDownTarget6() const
{
    return m_downTarget6;
}

} // namespace ospf
} // namespace ns3
