/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ldp-discovery.h"

#include "ldp-pdu.h"
#include "ldp-session-messages.h"
#include "ldp-status.h"

#include "ns3/buffer.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-packet-info-tag.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/loopback-net-device.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LdpDiscovery");

namespace ldp
{

namespace
{
/// "All routers on this subnet", the destination of Link Hellos (2.4.1).
const Ipv4Address ALL_ROUTERS("224.0.0.2");
} // namespace

Discovery::Discovery(DiscoveryOwner* owner, Ptr<Node> node, const DiscoveryConfig& config)
    : m_owner(owner)
    , m_node(node)
    , m_ipv4(node->GetObject<Ipv4>())
    , m_config(config)
{
    HelloConfig hello;
    hello.linkHoldTime = config.linkHoldTime;
    hello.targetedHoldTime = config.targetedHoldTime;
    m_adjacencies = AdjacencyTable(hello);
}

Discovery::~Discovery()
{
    Stop();
}

void
Discovery::Start()
{
    // Section 2.4: Hellos arrive on UDP 646.
    m_rxSocket = Socket::CreateSocket(m_node, UdpSocketFactory::GetTypeId());
    m_rxSocket->Bind(InetSocketAddress(Ipv4Address::GetAny(), LDP_PORT));
    m_rxSocket->SetRecvPktInfo(true);
    m_rxSocket->SetRecvCallback(MakeCallback(&Discovery::HandleHello, this));
    for (uint32_t i = 0; i < m_ipv4->GetNInterfaces(); ++i)
    {
        Ptr<NetDevice> device = m_ipv4->GetNetDevice(i);
        if (DynamicCast<LoopbackNetDevice>(device) || !IsInterfaceEnabled(i))
        {
            continue;
        }
        // Section 2.4.1: a Link Hello leaves on its interface, with TTL 1.
        Ptr<Socket> s = Socket::CreateSocket(m_node, UdpSocketFactory::GetTypeId());
        s->Bind();
        s->BindToNetDevice(device);
        s->SetAttribute("IpMulticastTtl", UintegerValue(1));
        m_linkSockets[i] = s;
    }
    // Section 2.4.2: Targeted Hellos from the transport address.
    m_targetedSocket = Socket::CreateSocket(m_node, UdpSocketFactory::GetTypeId());
    m_targetedSocket->Bind(InetSocketAddress(m_config.transport, 0));
    m_linkHelloEvent = Simulator::ScheduleNow(&Discovery::SendLinkHellos, this);
    m_targetedHelloEvent = Simulator::ScheduleNow(&Discovery::SendTargetedHellos, this);
}

void
Discovery::Stop()
{
    m_linkHelloEvent.Cancel();
    m_targetedHelloEvent.Cancel();
    m_expiryEvent.Cancel();
    if (m_rxSocket)
    {
        m_rxSocket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_rxSocket->Close();
        m_rxSocket = nullptr;
    }
    for (auto& [i, s] : m_linkSockets)
    {
        (void)i;
        s->Close();
    }
    m_linkSockets.clear();
    if (m_targetedSocket)
    {
        m_targetedSocket->Close();
        m_targetedSocket = nullptr;
    }
}

void
Discovery::AddTarget(Ipv4Address address)
{
    m_config.targets.insert(address.Get());
}

bool
Discovery::IsInterfaceEnabled(uint32_t interface) const
{
    return m_config.disabledInterfaces.count(interface) == 0;
}

bool
Discovery::HasAdjacency(Ipv4Address lsrId) const
{
    return m_adjacencies.HasAdjacency(lsrId, 0);
}

std::size_t
Discovery::GetNAdjacencies() const
{
    return m_adjacencies.GetSize();
}

// ------------------------------------------------------------------ sending

Ptr<Packet>
Discovery::MakeHello(bool targeted)
{
    HelloMessage hello;
    hello.SetMessageId(m_owner->AllocateMessageId());
    CommonHelloParamsTlv params;
    params.holdTime = m_adjacencies.GetLocalHoldTime(targeted);
    params.targeted = targeted;
    params.requestTargeted = targeted;
    hello.SetHelloParams(params);
    // Section 3.5.2: transport address and Configuration Sequence Number.
    hello.SetTransportAddress(m_config.transport);
    hello.SetConfigSequenceNumber(m_config.configSequence);
    Pdu pdu(m_config.lsrId, 0);
    pdu.AddMessage(hello);
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(pdu);
    return p;
}

void
Discovery::SendLinkHello(uint32_t interface)
{
    auto it = m_linkSockets.find(interface);
    if (it == m_linkSockets.end() || !IsInterfaceUsable(interface))
    {
        return;
    }
    Ptr<Packet> p = MakeHello(false);
    const uint32_t bytes = p->GetSize() - PDU_HEADER_SIZE;
    if (it->second->SendTo(p, 0, InetSocketAddress(ALL_ROUTERS, LDP_PORT)) >= 0)
    {
        m_owner->HelloTraced(ALL_ROUTERS, bytes, true);
    }
}

void
Discovery::SendLinkHellos()
{
    RefreshUsable(false);
    CheckInterfaces();
    for (const auto& [interface, socket] : m_linkSockets)
    {
        (void)socket;
        SendLinkHello(interface);
    }
    m_linkHelloEvent =
        Simulator::Schedule(m_config.linkHelloInterval, &Discovery::SendLinkHellos, this);
}

void
Discovery::SendTargetedHello(Ipv4Address target)
{
    Ptr<Packet> p = MakeHello(true);
    const uint32_t bytes = p->GetSize() - PDU_HEADER_SIZE;
    if (m_targetedSocket->SendTo(p, 0, InetSocketAddress(target, LDP_PORT)) >= 0)
    {
        m_owner->HelloTraced(target, bytes, true);
    }
}

void
Discovery::SendTargetedHellos()
{
    std::set<uint32_t> targets = m_config.targets;
    targets.insert(m_responders.begin(), m_responders.end());
    for (uint32_t t : targets)
    {
        SendTargetedHello(Ipv4Address(t));
    }
    m_targetedHelloEvent =
        Simulator::Schedule(m_config.targetedHelloInterval, &Discovery::SendTargetedHellos, this);
}

// ---------------------------------------------------------------- receiving

void
Discovery::HandleHello(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> p = socket->RecvFrom(from))
    {
        if (p->GetSize() == 0 || !InetSocketAddress::IsMatchingType(from))
        {
            break;
        }
        const Ipv4Address source = InetSocketAddress::ConvertFrom(from).GetIpv4();
        Ipv4PacketInfoTag info;
        const bool hasInfo = p->RemovePacketTag(info);
        std::vector<uint8_t> data(p->GetSize());
        p->CopyData(data.data(), data.size());
        Buffer buffer;
        buffer.AddAtStart(data.size());
        buffer.Begin().Write(data.data(), data.size());
        Pdu pdu;
        pdu.Deserialize(buffer.Begin(), buffer.End());
        HelloMessage hello;
        if (!pdu.IsValid() || pdu.GetNMessages() == 0 ||
            pdu.GetMessages()[0].GetType() != MSG_HELLO || !hello.LoadFrom(pdu.GetMessages()[0]))
        {
            // Section 3.5.1.2: a bad Hello has no session to be reported on.
            m_owner->HelloMalformed(source, pdu.IsValid() ? hello.GetStatus() : pdu.GetStatus());
            continue;
        }
        const Ipv4Address lsrId = pdu.GetLsrId();
        m_owner->HelloTraced(lsrId, pdu.GetMessages()[0].GetSerializedSize(), false);
        if (lsrId == m_config.lsrId || pdu.GetLabelSpace() != 0)
        {
            continue; // our own, or a per-interface label space we do not use
        }
        const CommonHelloParamsTlv& params = hello.GetHelloParams();
        AdjacencyKey key;
        key.lsrId = lsrId;
        key.targeted = params.targeted;
        if (!params.targeted)
        {
            // Section 2.4.1: a Link Hello makes an adjacency on its interface.
            const int32_t iface =
                hasInfo ? m_ipv4->GetInterfaceForDevice(m_node->GetDevice(info.GetRecvIf())) : -1;
            if (iface < 0 || !IsInterfaceEnabled(iface) || !IsInterfaceUsable(iface))
            {
                continue;
            }
            key.interface = static_cast<uint32_t>(iface);
        }
        else
        {
            // Section 2.4.2: answer only configured peers unless told otherwise.
            const bool configured = m_config.targets.count(source.Get()) != 0 ||
                                    (hello.HasTransportAddress() &&
                                     m_config.targets.count(hello.GetTransportAddress().Get()));
            if (!configured)
            {
                if (!m_config.acceptTargeted)
                {
                    continue;
                }
                m_responders.insert(source.Get());
            }
            key.source = source;
        }
        HelloInfo hi;
        hi.holdTime = params.holdTime;
        // Section 2.5.2: the Transport Address TLV, else the source address.
        hi.transportAddress = hello.HasTransportAddress() ? hello.GetTransportAddress() : source;
        if (hello.HasConfigSequenceNumber())
        {
            hi.configSequence = hello.GetConfigSequenceNumber();
        }
        const HelloResult r = m_adjacencies.ReceiveHello(key, hi, Simulator::Now());
        if (r.created)
        {
            NS_LOG_INFO("node " << m_node->GetId() << ": adjacency with " << lsrId
                                << (key.targeted ? " (targeted)" : ""));
            if (!key.targeted)
            {
                m_linkAdjacencies[key.interface].insert(key);
            }
            m_owner->AdjacencyChanged(lsrId, true);
        }
        ScheduleExpiry();
        if (r.created || r.configChanged)
        {
            // A new or restarted neighbour hears from us at once.
            if (key.targeted)
            {
                SendTargetedHello(source);
            }
            else
            {
                SendLinkHello(key.interface);
            }
        }
        m_owner->AdjacencyRefreshed(lsrId, hi.transportAddress, r.configChanged);
    }
}

// ------------------------------------------------------------ adjacencies

void
Discovery::ScheduleExpiry()
{
    m_expiryEvent.Cancel();
    if (std::optional<Time> next = m_adjacencies.NextExpiry())
    {
        const Time delay = std::max(*next - Simulator::Now(), Seconds(0));
        m_expiryEvent = Simulator::Schedule(delay, &Discovery::ExpireAdjacencies, this);
    }
}

void
Discovery::ExpireAdjacencies()
{
    const ExpiryResult r = m_adjacencies.Expire(Simulator::Now());
    for (const AdjacencyKey& k : r.expired)
    {
        if (k.targeted)
        {
            m_responders.erase(k.source.Get());
        }
        else
        {
            m_linkAdjacencies[k.interface].erase(k);
        }
        m_owner->AdjacencyChanged(k.lsrId, false);
    }
    ScheduleExpiry();
    // Section 2.5.5: with the last adjacency gone, the session goes.
    for (const auto& [lsrId, labelSpace] : r.peersLost)
    {
        (void)labelSpace;
        m_owner->AdjacenciesLost(lsrId, STATUS_HOLD_TIMER_EXPIRED);
    }
}

bool
Discovery::IsInterfaceUsable(uint32_t interface) const
{
    return interface < m_ipv4->GetNInterfaces() && m_ipv4->IsUp(interface) &&
           m_ipv4->GetNetDevice(interface)->IsLinkUp();
}

void
Discovery::RefreshUsable(bool announce)
{
    for (const auto& [interface, socket] : m_linkSockets)
    {
        (void)socket;
        if (!IsInterfaceUsable(interface))
        {
            m_usable.erase(interface);
        }
        else if (m_usable.insert(interface).second && announce)
        {
            SendLinkHello(interface); // the interface came up
        }
    }
}

void
Discovery::CheckInterfaces()
{
    RefreshUsable(true);
    std::vector<uint32_t> down;
    for (const auto& [interface, keys] : m_linkAdjacencies)
    {
        if (!keys.empty() && (!IsInterfaceUsable(interface) || !IsInterfaceEnabled(interface)))
        {
            down.push_back(interface);
        }
    }
    for (uint32_t interface : down)
    {
        DropInterfaceAdjacencies(interface);
    }
}

void
Discovery::DropInterfaceAdjacencies(uint32_t interface)
{
    const std::set<AdjacencyKey> keys = m_linkAdjacencies[interface];
    m_linkAdjacencies.erase(interface);
    std::set<uint32_t> peers;
    for (const AdjacencyKey& k : keys)
    {
        NS_LOG_INFO("node " << m_node->GetId() << ": interface "
                            << interface << " down, adjacency with " << k.lsrId << " removed");
        m_adjacencies.Remove(k);
        m_owner->AdjacencyChanged(k.lsrId, false);
        peers.insert(k.lsrId.Get());
    }
    ScheduleExpiry();
    for (uint32_t id : peers)
    {
        if (!HasAdjacency(Ipv4Address(id)))
        {
            m_owner->AdjacenciesLost(Ipv4Address(id), STATUS_SHUTDOWN);
        }
    }
}

} // namespace ldp
} // namespace ns3
