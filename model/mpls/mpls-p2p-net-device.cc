// SPDX-License-Identifier: GPL-2.0-only
#include "mpls-p2p-net-device.h"

#include "mpls-p2p-channel.h"

#include "ns3/error-model.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/pointer.h"
#include "ns3/ppp-header.h"
#include "ns3/queue.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace mpls
{

NS_LOG_COMPONENT_DEFINE("MplsP2pNetDevice");
NS_OBJECT_ENSURE_REGISTERED(P2pNetDevice);

namespace
{
constexpr uint16_t ETHERTYPE_IPV4 = 0x0800;
constexpr uint16_t ETHERTYPE_IPV6 = 0x86DD;
constexpr uint16_t ETHERTYPE_MPLS = 0x8847;
constexpr uint16_t PPP_IPV4 = 0x0021; // RFC 1332
constexpr uint16_t PPP_IPV6 = 0x0057; // RFC 5072
constexpr uint16_t PPP_MPLS = 0x0281; // RFC 3032 section 5
} // namespace

TypeId
P2pNetDevice::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::mpls::P2pNetDevice")
            .SetParent<NetDevice>()
            .SetGroupName("Mpls")
            .AddConstructor<P2pNetDevice>()
            .AddAttribute("Mtu",
                          "Largest payload (without the PPP header), bytes.",
                          UintegerValue(1500),
                          MakeUintegerAccessor(&P2pNetDevice::SetMtu, &P2pNetDevice::GetMtu),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("Address",
                          "MAC address of the device (used only as an identifier).",
                          Mac48AddressValue(Mac48Address("ff:ff:ff:ff:ff:ff")),
                          MakeMac48AddressAccessor(&P2pNetDevice::m_address),
                          MakeMac48AddressChecker())
            .AddAttribute("DataRate",
                          "Transmission rate of each direction.",
                          DataRateValue(DataRate("10Mbps")),
                          MakeDataRateAccessor(&P2pNetDevice::m_bps),
                          MakeDataRateChecker())
            .AddAttribute("InterframeGap",
                          "Idle time after each frame.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&P2pNetDevice::m_interframeGap),
                          MakeTimeChecker())
            .AddAttribute("TxQueue",
                          "Queue of frames waiting for the transmitter.",
                          PointerValue(),
                          MakePointerAccessor(&P2pNetDevice::m_queue),
                          MakePointerChecker<Queue<Packet>>())
            .AddAttribute("ReceiveErrorModel",
                          "Optional error model applied to received frames.",
                          PointerValue(),
                          MakePointerAccessor(&P2pNetDevice::m_receiveErrorModel),
                          MakePointerChecker<ErrorModel>())
            .AddTraceSource("MacTx",
                            "A packet accepted for transmission (no PPP header).",
                            MakeTraceSourceAccessor(&P2pNetDevice::m_macTxTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("MacTxDrop",
                            "A packet refused: full queue, link down or unmapped protocol.",
                            MakeTraceSourceAccessor(&P2pNetDevice::m_macTxDropTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("MacRx",
                            "A packet passed up (PPP header removed).",
                            MakeTraceSourceAccessor(&P2pNetDevice::m_macRxTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("PhyRxDrop",
                            "A received frame dropped: error model, bad or unknown protocol.",
                            MakeTraceSourceAccessor(&P2pNetDevice::m_phyRxDropTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("Sniffer",
                            "Frames (with PPP header) sent or received, non-promiscuous.",
                            MakeTraceSourceAccessor(&P2pNetDevice::m_snifferTrace),
                            "ns3::Packet::TracedCallback")
            .AddTraceSource("PromiscSniffer",
                            "Frames (with PPP header) sent or received.",
                            MakeTraceSourceAccessor(&P2pNetDevice::m_promiscSnifferTrace),
                            "ns3::Packet::TracedCallback");
    return tid;
}

P2pNetDevice::P2pNetDevice()
    : m_ifIndex(0),
      m_mtu(1500),
      m_linkUp(false),
      m_txBusy(false)
{
}

P2pNetDevice::~P2pNetDevice() = default;

void
P2pNetDevice::DoDispose()
{
    m_txCompleteEvent.Cancel();
    m_node = nullptr;
    m_channel = nullptr;
    m_queue = nullptr;
    m_receiveErrorModel = nullptr;
    m_currentPkt = nullptr;
    m_rxCallback.Nullify();
    m_promiscCallback.Nullify();
    NetDevice::DoDispose();
}

uint16_t
P2pNetDevice::EtherToPpp(uint16_t etherType)
{
    switch (etherType)
    {
    case ETHERTYPE_IPV4:
        return PPP_IPV4;
    case ETHERTYPE_IPV6:
        return PPP_IPV6;
    case ETHERTYPE_MPLS:
        return PPP_MPLS;
    default:
        return 0;
    }
}

uint16_t
P2pNetDevice::PppToEther(uint16_t pppProtocol)
{
    switch (pppProtocol)
    {
    case PPP_IPV4:
        return ETHERTYPE_IPV4;
    case PPP_IPV6:
        return ETHERTYPE_IPV6;
    case PPP_MPLS:
        return ETHERTYPE_MPLS;
    default:
        return 0;
    }
}

bool
P2pNetDevice::Attach(Ptr<P2pChannel> channel)
{
    if (!channel || !channel->Attach(this))
    {
        return false;
    }
    m_channel = channel;
    return true;
}

void
P2pNetDevice::NotifyLinkUp()
{
    m_linkUp = true;
    m_linkChangeCallbacks();
}

void
P2pNetDevice::SetQueue(Ptr<Queue<Packet>> queue)
{
    m_queue = queue;
}

Ptr<Queue<Packet>>
P2pNetDevice::GetQueue() const
{
    return m_queue;
}

void
P2pNetDevice::SetReceiveErrorModel(Ptr<ErrorModel> model)
{
    m_receiveErrorModel = model;
}

bool
P2pNetDevice::Send(Ptr<Packet> packet, const Address& /* dest */, uint16_t protocolNumber)
{
    NS_LOG_FUNCTION(this << packet << protocolNumber);
    uint16_t ppp = EtherToPpp(protocolNumber);
    if (!m_linkUp || ppp == 0 || !m_queue || packet->GetSize() > m_mtu)
    {
        m_macTxDropTrace(packet);
        return false;
    }
    m_macTxTrace(packet);
    PppHeader header;
    header.SetProtocol(ppp);
    packet->AddHeader(header);
    if (!m_queue->Enqueue(packet))
    {
        m_macTxDropTrace(packet);
        return false;
    }
    if (!m_txBusy)
    {
        Ptr<Packet> next = m_queue->Dequeue();
        if (next)
        {
            TransmitStart(next);
        }
    }
    return true;
}

bool
P2pNetDevice::SendFrom(Ptr<Packet> packet,
                       const Address& /* source */,
                       const Address& dest,
                       uint16_t protocolNumber)
{
    return Send(packet, dest, protocolNumber);
}

bool
P2pNetDevice::TransmitStart(Ptr<Packet> packet)
{
    m_txBusy = true;
    m_currentPkt = packet;
    m_snifferTrace(packet);
    m_promiscSnifferTrace(packet);
    Time txTime = m_bps.CalculateBytesTxTime(packet->GetSize());
    m_txCompleteEvent = Simulator::Schedule(txTime + m_interframeGap,
                                            &P2pNetDevice::TransmitComplete,
                                            this);
    return m_channel->TransmitStart(packet, this, txTime);
}

void
P2pNetDevice::TransmitComplete()
{
    m_txBusy = false;
    m_currentPkt = nullptr;
    Ptr<Packet> next = m_queue ? m_queue->Dequeue() : nullptr;
    if (next)
    {
        TransmitStart(next);
    }
}

void
P2pNetDevice::Receive(Ptr<Packet> packet)
{
    NS_LOG_FUNCTION(this << packet);
    if (m_receiveErrorModel && m_receiveErrorModel->IsCorrupt(packet))
    {
        m_phyRxDropTrace(packet);
        return;
    }
    m_snifferTrace(packet);
    m_promiscSnifferTrace(packet);
    PppHeader header;
    if (packet->GetSize() < header.GetSerializedSize())
    {
        m_phyRxDropTrace(packet);
        return;
    }
    packet->RemoveHeader(header);
    uint16_t etherType = PppToEther(header.GetProtocol());
    if (etherType == 0)
    {
        m_phyRxDropTrace(packet);
        return;
    }
    m_macRxTrace(packet);
    if (!m_promiscCallback.IsNull())
    {
        m_promiscCallback(this, packet, etherType, GetRemote(), GetAddress(), NetDevice::PACKET_HOST);
    }
    if (!m_rxCallback.IsNull())
    {
        m_rxCallback(this, packet, etherType, GetRemote());
    }
}

Address
P2pNetDevice::GetRemote() const
{
    Ptr<P2pNetDevice> peer = m_channel ? m_channel->GetPeer(this) : nullptr;
    return peer ? peer->GetAddress() : Address(Mac48Address::GetBroadcast());
}

void
P2pNetDevice::SetIfIndex(const uint32_t index)
{
    m_ifIndex = index;
}

uint32_t
P2pNetDevice::GetIfIndex() const
{
    return m_ifIndex;
}

Ptr<Channel>
P2pNetDevice::GetChannel() const
{
    return m_channel;
}

void
P2pNetDevice::SetAddress(Address address)
{
    m_address = Mac48Address::ConvertFrom(address);
}

Address
P2pNetDevice::GetAddress() const
{
    return m_address;
}

bool
P2pNetDevice::SetMtu(const uint16_t mtu)
{
    m_mtu = mtu;
    return true;
}

uint16_t
P2pNetDevice::GetMtu() const
{
    return m_mtu;
}

bool
P2pNetDevice::IsLinkUp() const
{
    return m_linkUp;
}

void
P2pNetDevice::AddLinkChangeCallback(Callback<void> callback)
{
    m_linkChangeCallbacks.ConnectWithoutContext(callback);
}

bool
P2pNetDevice::IsBroadcast() const
{
    return true;
}

Address
P2pNetDevice::GetBroadcast() const
{
    return Mac48Address::GetBroadcast();
}

bool
P2pNetDevice::IsMulticast() const
{
    return true;
}

Address
P2pNetDevice::GetMulticast(Ipv4Address /* multicastGroup */) const
{
    return Mac48Address("01:00:5e:00:00:00");
}

Address
P2pNetDevice::GetMulticast(Ipv6Address /* addr */) const
{
    return Mac48Address("33:33:00:00:00:00");
}

bool
P2pNetDevice::IsPointToPoint() const
{
    return true;
}

bool
P2pNetDevice::IsBridge() const
{
    return false;
}

Ptr<Node>
P2pNetDevice::GetNode() const
{
    return m_node;
}

void
P2pNetDevice::SetNode(Ptr<Node> node)
{
    m_node = node;
}

bool
P2pNetDevice::NeedsArp() const
{
    return false;
}

void
P2pNetDevice::SetReceiveCallback(NetDevice::ReceiveCallback cb)
{
    m_rxCallback = cb;
}

void
P2pNetDevice::SetPromiscReceiveCallback(NetDevice::PromiscReceiveCallback cb)
{
    m_promiscCallback = cb;
}

bool
P2pNetDevice::SupportsSendFrom() const
{
    return false;
}

} // namespace mpls
} // namespace ns3
