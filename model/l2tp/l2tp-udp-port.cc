// SPDX-License-Identifier: GPL-2.0-only
#include "l2tp-udp-port.h"

#include "l2tp-control-connection.h"
#include "l2tp-packet-header.h"

#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"

#include <algorithm>

namespace ns3
{
namespace l2tp
{

NS_LOG_COMPONENT_DEFINE("L2tpUdpPort");

NS_OBJECT_ENSURE_REGISTERED(UdpPort);

TypeId
UdpPort::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::l2tp::UdpPort")
            .SetParent<Object>()
            .SetGroupName("L2tp")
            .AddConstructor<UdpPort>()
            .AddTraceSource("Drop",
                            "A received datagram no tunnel end took, with the reason.",
                            MakeTraceSourceAccessor(&UdpPort::m_dropTrace),
                            "ns3::l2tp::UdpPort::DropTracedCallback");
    return tid;
}

UdpPort::UdpPort()
    : m_drops(0)
{
}

UdpPort::~UdpPort() = default;

Ptr<UdpPort>
UdpPort::Get(Ptr<Node> node)
{
    Ptr<UdpPort> port = node->GetObject<UdpPort>();
    if (!port)
    {
        port = CreateObject<UdpPort>();
        port->m_node = node;
        node->AggregateObject(port);
    }
    return port;
}

void
UdpPort::DoDispose()
{
    CloseSockets();
    m_ends.clear();
    m_node = nullptr;
    Object::DoDispose();
}

void
UdpPort::Register(Ptr<ControlConnection> end)
{
    if (std::find(m_ends.begin(), m_ends.end(), end) != m_ends.end())
    {
        return;
    }
    for (const Ptr<ControlConnection>& other : m_ends)
    {
        if (other->GetLocalTunnelId() == end->GetLocalTunnelId())
        {
            NS_LOG_WARN("node " << m_node->GetId() << ": two tunnel ends with Assigned Tunnel ID "
                                << end->GetLocalTunnelId() << "; the first gets the messages");
        }
    }
    m_ends.push_back(end);
    if (!m_socket)
    {
        m_socket = Socket::CreateSocket(m_node, UdpSocketFactory::GetTypeId());
        if (m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), PORT)) != 0)
        {
            NS_LOG_WARN("node " << m_node->GetId() << ": cannot bind UDP port " << PORT);
        }
        m_socket->SetRecvCallback(MakeCallback(&UdpPort::HandleRead, this));
    }
}

void
UdpPort::Unregister(Ptr<ControlConnection> end)
{
    m_ends.erase(std::remove(m_ends.begin(), m_ends.end(), end), m_ends.end());
    if (m_ends.empty())
    {
        CloseSockets();
    }
}

void
UdpPort::CloseSockets()
{
    std::vector<Ptr<Socket>> all;
    if (m_socket)
    {
        all.push_back(m_socket);
    }
    for (const auto& [address, socket] : m_boundSockets)
    {
        all.push_back(socket);
    }
    for (const Ptr<Socket>& socket : all)
    {
        socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        socket->Close();
    }
    m_socket = nullptr;
    m_boundSockets.clear();
}

void
UdpPort::Send(Ptr<Packet> packet, Ipv4Address peer, Ipv4Address local)
{
    if (!m_socket)
    {
        return;
    }
    Ptr<Socket> socket = m_socket;
    if (local != Ipv4Address::GetAny())
    {
        // A socket bound to (local, 1701) makes `local` the source address
        // and, being the more specific endpoint, receives what the peer
        // sends back to it.
        auto it = m_boundSockets.find(local);
        if (it == m_boundSockets.end())
        {
            Ptr<Socket> bound = Socket::CreateSocket(m_node, UdpSocketFactory::GetTypeId());
            if (bound->Bind(InetSocketAddress(local, PORT)) != 0)
            {
                NS_LOG_WARN("node " << m_node->GetId() << ": cannot bind " << local << ":" << PORT);
                return;
            }
            bound->SetRecvCallback(MakeCallback(&UdpPort::HandleRead, this));
            it = m_boundSockets.emplace(local, bound).first;
        }
        socket = it->second;
    }
    socket->SendTo(packet, 0, InetSocketAddress(peer, PORT));
}

uint32_t
UdpPort::GetDropCount() const
{
    return m_drops;
}

Ptr<ControlConnection>
UdpPort::Select(uint16_t tunnelId, Ipv4Address from) const
{
    if (tunnelId != 0)
    {
        // RFC 2661 3.1: the Tunnel ID is the receiver's Assigned Tunnel ID.
        for (const Ptr<ControlConnection>& end : m_ends)
        {
            if (end->GetLocalTunnelId() == tunnelId)
            {
                return end;
            }
        }
        return nullptr;
    }
    // Tunnel ID 0: an SCCRQ (6.1). First the end already talking to that
    // address: a retransmission, or crossing SCCRQs (4.4.3).
    for (const Ptr<ControlConnection>& end : m_ends)
    {
        if (end->GetState() != ControlFsm::IDLE && end->GetPeerAddress() == from)
        {
            return end;
        }
    }
    // Then a responder waiting for this peer, or for anyone.
    for (const Ptr<ControlConnection>& end : m_ends)
    {
        const Ipv4Address wanted = end->GetConfiguredPeerAddress();
        if (!end->IsInitiator() && end->GetState() == ControlFsm::IDLE &&
            (wanted == from || wanted == Ipv4Address() || wanted == Ipv4Address::GetAny()))
        {
            return end;
        }
    }
    // Then an initiator configured for this peer.
    for (const Ptr<ControlConnection>& end : m_ends)
    {
        if (end->IsInitiator() && end->GetConfiguredPeerAddress() == from)
        {
            return end;
        }
    }
    return nullptr;
}

void
UdpPort::HandleRead(Ptr<Socket> socket)
{
    Address from;
    Ptr<Packet> packet;
    while ((packet = socket->RecvFrom(from)))
    {
        if (!InetSocketAddress::IsMatchingType(from))
        {
            continue;
        }
        const Ipv4Address source = InetSocketAddress::ConvertFrom(from).GetIpv4();
        PacketHeader header;
        packet->PeekHeader(header);
        if (!header.IsValid())
        {
            // RFC 2661 3.1: unknown versions and malformed headers are
            // discarded before any tunnel sees them.
            ++m_drops;
            m_dropTrace(packet, "malformed");
            continue;
        }
        Ptr<ControlConnection> end = Select(header.GetTunnelId(), source);
        if (!end)
        {
            NS_LOG_LOGIC("no tunnel end for tunnel " << header.GetTunnelId() << " from " << source);
            ++m_drops;
            m_dropTrace(packet, "no tunnel end for it");
            continue;
        }
        end->HandleDatagram(packet, header, source);
    }
}

} // namespace l2tp
} // namespace ns3
