// SPDX-License-Identifier: GPL-2.0-only

#include "vr-discovery-port.h"

#include "ns3/abort.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"

#include <algorithm>

namespace ns3
{
namespace vr
{

NS_LOG_COMPONENT_DEFINE("VrDiscoveryPort");
NS_OBJECT_ENSURE_REGISTERED(DiscoveryPort);

namespace
{
/// First Assigned Tunnel ID of VR-port tunnels (any non-zero value works;
/// a high start keeps them apart from hand-configured tunnels in traces).
constexpr uint16_t FIRST_TUNNEL_ID = 0x1000;
} // namespace

TypeId
DiscoveryPort::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::vr::DiscoveryPort")
            .SetParent<Object>()
            .SetGroupName("Vr")
            .AddConstructor<DiscoveryPort>()
            .AddAttribute("FloodMemory",
                          "How long a relay remembers a flooded addition, to drop the copies "
                          "that come again over other paths; longer than any flood takes.",
                          TimeValue(Seconds(60)),
                          MakeTimeAccessor(&DiscoveryPort::m_floodMemory),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddTraceSource("Rx",
                            "A discovery message received: message, source, port address "
                            "(0.0.0.0: sent to the router).",
                            MakeTraceSourceAccessor(&DiscoveryPort::m_rxTrace),
                            "ns3::vr::DiscoveryPort::MessageTracedCallback")
            .AddTraceSource("Tx",
                            "A discovery message sent: message, destination, source port.",
                            MakeTraceSourceAccessor(&DiscoveryPort::m_txTrace),
                            "ns3::vr::DiscoveryPort::MessageTracedCallback")
            .AddTraceSource("Drop",
                            "A datagram dropped: packet, source, reason.",
                            MakeTraceSourceAccessor(&DiscoveryPort::m_dropTrace),
                            "ns3::vr::DiscoveryPort::DropTracedCallback");
    return tid;
}

DiscoveryPort::DiscoveryPort()
    : m_nextTunnelId(FIRST_TUNNEL_ID)
    , m_drops(0)
    , m_duplicates(0)
{
}

DiscoveryPort::~DiscoveryPort() = default;

Ptr<DiscoveryPort>
DiscoveryPort::Get(Ptr<Node> node)
{
    Ptr<DiscoveryPort> port = node->GetObject<DiscoveryPort>();
    if (!port)
    {
        port = CreateObject<DiscoveryPort>();
        port->m_node = node;
        node->AggregateObject(port);
    }
    return port;
}

void
DiscoveryPort::DoDispose()
{
    for (auto& [address, member] : m_members)
    {
        if (member.socket)
        {
            member.socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
            member.socket->Close();
        }
    }
    m_members.clear();
    if (m_routerSocket)
    {
        m_routerSocket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_routerSocket->Close();
        m_routerSocket = nullptr;
    }
    m_neighbors = NeighborList();
    m_node = nullptr;
    Object::DoDispose();
}

Ptr<Socket>
DiscoveryPort::OpenSocket(Ipv4Address address)
{
    Ptr<Socket> socket = Socket::CreateSocket(m_node, UdpSocketFactory::GetTypeId());
    if (socket->Bind(InetSocketAddress(address, DISCOVERY_PORT)) != 0)
    {
        NS_LOG_WARN("node " << m_node->GetId() << ": cannot bind " << address << ":"
                            << DISCOVERY_PORT);
    }
    socket->SetRecvCallback(MakeCallback(&DiscoveryPort::HandleRead, this));
    return socket;
}

void
DiscoveryPort::Register(Ipv4Address portAddress, Receiver receiver)
{
    if (!m_routerSocket)
    {
        m_routerSocket = OpenSocket(Ipv4Address::GetAny());
    }
    Member& member = m_members[portAddress];
    member.receiver = receiver;
    if (!member.socket)
    {
        member.socket = OpenSocket(portAddress);
        m_order.push_back(portAddress);
    }
}

void
DiscoveryPort::Unregister(Ipv4Address portAddress)
{
    auto it = m_members.find(portAddress);
    if (it == m_members.end())
    {
        return;
    }
    it->second.socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    it->second.socket->Close();
    m_members.erase(it);
    m_order.erase(std::remove(m_order.begin(), m_order.end(), portAddress), m_order.end());
}

void
DiscoveryPort::Send(const DiscoveryHeader& message, Ipv4Address portAddress, Ipv4Address to)
{
    auto it = m_members.find(portAddress);
    if (it == m_members.end())
    {
        NS_LOG_WARN("no VR port " << portAddress << " on node " << m_node->GetId());
        return;
    }
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(message);
    if (it->second.socket->SendTo(packet, 0, InetSocketAddress(to, DISCOVERY_PORT)) >= 0)
    {
        m_txTrace(message, to, portAddress);
    }
}

void
DiscoveryPort::StartRelay(NeighborList neighbors)
{
    m_neighbors = neighbors;
    if (!m_routerSocket)
    {
        m_routerSocket = OpenSocket(Ipv4Address::GetAny());
    }
}

bool
DiscoveryPort::IsRelay() const
{
    return !m_neighbors.IsNull();
}

void
DiscoveryPort::Flood(const DiscoveryHeader& message, Ipv4Address portAddress)
{
    NS_ABORT_MSG_UNLESS(IsRelay(),
                        "vr::DiscoveryPort: flooded additions need StartRelay on every router");
    if (m_members.find(portAddress) == m_members.end())
    {
        NS_LOG_WARN("no VR port " << portAddress << " on node " << m_node->GetId());
        return;
    }
    FirstCopy(message);
    // Our own ports hear it too ("each of the VR ports of each of the
    // routers"), after the sender's action is over.
    Simulator::ScheduleNow(&DiscoveryPort::DeliverToPorts, this, message, portAddress);
    // From the router's socket, so that the next router sees our interface
    // address as the source and does not send it back.
    Relay(message, portAddress, Ipv4Address::GetAny());
}

uint32_t
DiscoveryPort::GetDuplicateCount() const
{
    return m_duplicates;
}

bool
DiscoveryPort::FirstCopy(const DiscoveryHeader& message)
{
    const Time now = Simulator::Now();
    while (!m_seenOrder.empty() && m_seenOrder.front().first + m_floodMemory <= now)
    {
        m_seen.erase(m_seenOrder.front().second);
        m_seenOrder.pop_front();
    }
    const FloodKey key{
        message.GetRouterId().Get(), message.GetPortAddress().Get(), message.GetSequence()};
    if (!m_seen.insert(key).second)
    {
        return false;
    }
    m_seenOrder.emplace_back(now, key);
    return true;
}

void
DiscoveryPort::Relay(const DiscoveryHeader& message, Ipv4Address sender, Ipv4Address except)
{
    for (const Ipv4Address& neighbor : m_neighbors())
    {
        if (neighbor == except)
        {
            continue;
        }
        Ptr<Packet> packet = Create<Packet>();
        packet->AddHeader(message);
        if (m_routerSocket->SendTo(packet, 0, InetSocketAddress(neighbor, DISCOVERY_PORT)) >= 0)
        {
            m_txTrace(message, neighbor, sender);
        }
    }
}

void
DiscoveryPort::DeliverToPorts(const DiscoveryHeader& message, Ipv4Address source)
{
    // Every port sees it and decides (S12). The list is copied: a receiver
    // may unregister a port.
    const std::vector<Ipv4Address> order = m_order;
    for (const Ipv4Address& address : order)
    {
        auto it = m_members.find(address);
        if (it != m_members.end())
        {
            it->second.receiver(message, source);
        }
    }
}

uint16_t
DiscoveryPort::AllocateTunnelId()
{
    const uint16_t id = m_nextTunnelId;
    m_nextTunnelId = m_nextTunnelId == 0xffff ? FIRST_TUNNEL_ID : m_nextTunnelId + 1;
    return id;
}

uint32_t
DiscoveryPort::GetDropCount() const
{
    return m_drops;
}

void
DiscoveryPort::HandleRead(Ptr<Socket> socket)
{
    // Which port the socket belongs to (0.0.0.0: the router's own).
    Ipv4Address portAddress = Ipv4Address::GetAny();
    for (const auto& [address, member] : m_members)
    {
        if (member.socket == socket)
        {
            portAddress = address;
        }
    }
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        if (!InetSocketAddress::IsMatchingType(from))
        {
            continue;
        }
        const Ipv4Address source = InetSocketAddress::ConvertFrom(from).GetIpv4();
        DiscoveryHeader message;
        Ptr<Packet> copy = packet->Copy();
        copy->RemoveHeader(message, copy->GetSize());
        if (!message.IsValid())
        {
            ++m_drops;
            m_dropTrace(packet, source, DiscoveryHeader::ErrorName(message.GetError()));
            continue;
        }
        m_rxTrace(message, source, portAddress);
        if (portAddress != Ipv4Address::GetAny())
        {
            auto member = m_members.find(portAddress);
            if (member == m_members.end())
            {
                return; // the port went away while datagrams were queued
            }
            member->second.receiver(message, source);
            continue;
        }
        if (message.GetType() != ADDITION)
        {
            ++m_drops;
            m_dropTrace(packet, source, "not for a port");
            continue;
        }
        if (IsRelay() && !FirstCopy(message))
        {
            ++m_duplicates;
            continue;
        }
        // "This addition message is received by each of the VR ports of
        // each of the routers".
        DeliverToPorts(message, source);
        if (IsRelay())
        {
            Relay(message, Ipv4Address::GetAny(), source);
        }
    }
}

} // namespace vr
} // namespace ns3
