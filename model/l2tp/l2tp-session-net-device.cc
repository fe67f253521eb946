// SPDX-License-Identifier: GPL-2.0-only
#include "l2tp-session-net-device.h"

#include "ns3/ipv4-header.h"
#include "ns3/udp-l4-protocol.h"

#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/pointer.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace l2tp
{

NS_LOG_COMPONENT_DEFINE("L2tpSessionNetDevice");

NS_OBJECT_ENSURE_REGISTERED(SessionNetDevice);

TypeId
SessionNetDevice::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::l2tp::SessionNetDevice")
            .SetParent<NetDevice>()
            .SetGroupName("L2tp")
            .AddConstructor<SessionNetDevice>()
            .AddAttribute(
                "Mtu",
                "Largest IPv4 datagram sent over the session: 1500 minus IPv4, UDP, "
                "the L2TP data header with Length and PPP (20+8+8+4).",
                UintegerValue(1460),
                MakeUintegerAccessor(&SessionNetDevice::SetMtu, &SessionNetDevice::GetMtu),
                MakeUintegerChecker<uint16_t>(68))
            .AddAttribute("CloseOnPppFinished",
                          "Close the session with a CDN when PPP no longer needs it (LCP "
                          "This-Layer-Finished, RFC 1661 4.4).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&SessionNetDevice::m_closeOnPppFinished),
                          MakeBooleanChecker())
            .AddAttribute("PppEndpoint",
                          "The PPP endpoint carried by the session.",
                          PointerValue(),
                          MakePointerAccessor(&SessionNetDevice::SetPppEndpoint,
                                              &SessionNetDevice::GetPppEndpoint),
                          MakePointerChecker<ppp::Endpoint>())
            .AddTraceSource("MacTx",
                            "An IPv4 datagram accepted for sending over the session.",
                            MakeTraceSourceAccessor(&SessionNetDevice::m_macTxTrace),
                            "ns3::l2tp::SessionNetDevice::PacketTracedCallback")
            .AddTraceSource("MacTxDrop",
                            "An IPv4 datagram refused (link down or not IPv4).",
                            MakeTraceSourceAccessor(&SessionNetDevice::m_macTxDropTrace),
                            "ns3::l2tp::SessionNetDevice::PacketTracedCallback")
            .AddTraceSource("MacRx",
                            "An IPv4 datagram received over the session, given to the stack.",
                            MakeTraceSourceAccessor(&SessionNetDevice::m_macRxTrace),
                            "ns3::l2tp::SessionNetDevice::PacketTracedCallback");
    return tid;
}

SessionNetDevice::SessionNetDevice()
    : m_ifIndex(0)
    , m_address(Mac48Address::Allocate())
    , m_mtu(1460)
    , m_closeOnPppFinished(true)
    , m_linkUp(false)
    , m_wantedSession(0)
    , m_session(0)
{
    NS_LOG_FUNCTION(this);
    m_ppp = CreateObject<ppp::Endpoint>();
    HookPpp();
}

SessionNetDevice::~SessionNetDevice() = default;

void
SessionNetDevice::DoDispose()
{
    NS_LOG_FUNCTION(this);
    if (m_tunnel)
    {
        m_tunnel->TraceDisconnectWithoutContext("SessionUp",
                                                MakeCallback(&SessionNetDevice::OnSessionUp, this));
        m_tunnel->TraceDisconnectWithoutContext(
            "SessionDown", MakeCallback(&SessionNetDevice::OnSessionDown, this));
        Unbind();
        m_tunnel = nullptr;
    }
    if (m_ppp)
    {
        m_ppp->SetSendCallback(MakeNullCallback<void, Ptr<Packet>>());
        m_ppp->SetIpv4ReceiveCallback(MakeNullCallback<void, Ptr<Packet>>());
        m_ppp->SetLinkChangeCallback(MakeNullCallback<void, bool>());
        m_ppp->SetLowerLayerCallback(MakeNullCallback<void, bool>());
        m_ppp->Dispose();
        m_ppp = nullptr;
    }
    m_channel = nullptr;
    m_diversion = Ipv4Diversion();
    m_node = nullptr;
    m_rxCallback = NetDevice::ReceiveCallback();
    m_promiscCallback = NetDevice::PromiscReceiveCallback();
    m_linkChangeCallbacks.clear();
    NetDevice::DoDispose();
}

void
SessionNetDevice::HookPpp()
{
    m_ppp->SetSendCallback(MakeCallback(&SessionNetDevice::SendFrame, this));
    m_ppp->SetIpv4ReceiveCallback(MakeCallback(&SessionNetDevice::DeliverIpv4, this));
    m_ppp->SetLinkChangeCallback(MakeCallback(&SessionNetDevice::OnLinkChange, this));
    m_ppp->SetLowerLayerCallback(MakeCallback(&SessionNetDevice::OnLowerLayer, this));
}

void
SessionNetDevice::Attach(Ptr<ControlConnection> tunnel, uint16_t localSessionId)
{
    NS_LOG_FUNCTION(this << tunnel << localSessionId);
    NS_ASSERT_MSG(!m_tunnel, "the device already follows a tunnel");
    m_tunnel = tunnel;
    m_wantedSession = localSessionId;
    tunnel->TraceConnectWithoutContext("SessionUp",
                                       MakeCallback(&SessionNetDevice::OnSessionUp, this));
    tunnel->TraceConnectWithoutContext("SessionDown",
                                       MakeCallback(&SessionNetDevice::OnSessionDown, this));
}

Ptr<ControlConnection>
SessionNetDevice::GetTunnel() const
{
    return m_tunnel;
}

uint16_t
SessionNetDevice::GetSessionId() const
{
    return m_session;
}

void
SessionNetDevice::SetIpv4Diversion(Ipv4Diversion diversion)
{
    m_diversion = diversion;
}

void
SessionNetDevice::SetPppEndpoint(Ptr<ppp::Endpoint> ppp)
{
    if (!ppp || ppp == m_ppp)
    {
        return;
    }
    if (m_ppp)
    {
        m_ppp->SetSendCallback(MakeNullCallback<void, Ptr<Packet>>());
        m_ppp->SetIpv4ReceiveCallback(MakeNullCallback<void, Ptr<Packet>>());
        m_ppp->SetLinkChangeCallback(MakeNullCallback<void, bool>());
        m_ppp->SetLowerLayerCallback(MakeNullCallback<void, bool>());
    }
    m_ppp = ppp;
    HookPpp();
}

Ptr<ppp::Endpoint>
SessionNetDevice::GetPppEndpoint() const
{
    return m_ppp;
}

void
SessionNetDevice::SetChannel(Ptr<SessionChannel> channel)
{
    m_channel = channel;
    channel->Attach(this);
}

// ------------------------------------------------------------ session

void
SessionNetDevice::OnSessionUp(uint16_t localSessionId, uint16_t peerSessionId)
{
    if (m_session != 0 || (m_wantedSession != 0 && localSessionId != m_wantedSession))
    {
        return;
    }
    NS_LOG_INFO("device " << m_ifIndex << " carries session " << localSessionId << " (peer "
                          << peerSessionId << ")");
    m_session = localSessionId;
    m_tunnel->SetSessionReceiveCallback(localSessionId,
                                        MakeCallback(&SessionNetDevice::ReceiveFrame, this));
    // RFC 1661 4.3: the lower layer is Up and the link administratively
    // Open; LCP starts negotiating.
    m_ppp->LowerUp();
    m_ppp->Open();
}

void
SessionNetDevice::OnSessionDown(uint16_t localSessionId, SessionFsm::DownReason reason, uint16_t)
{
    if (m_session == 0 || localSessionId != m_session)
    {
        return;
    }
    NS_LOG_INFO("device " << m_ifIndex << ": session " << localSessionId << " down ("
                          << SessionFsm::DownReasonName(reason) << ")");
    m_session = 0;
    m_ppp->LowerDown(); // RFC 1661 4.3 "Down"
    OnLinkChange(false);
}

void
SessionNetDevice::Unbind()
{
    if (m_session != 0 && m_tunnel)
    {
        m_tunnel->SetSessionReceiveCallback(m_session, ControlConnection::FrameCallback());
    }
    m_session = 0;
}

bool
SessionNetDevice::IsOwnTunnelTraffic(Ptr<const Packet> packet) const
{
    if (!m_tunnel)
    {
        return false;
    }
    Ipv4Header ip;
    if (packet->PeekHeader(ip) == 0)
    {
        return false;
    }
    return ip.GetProtocol() == UdpL4Protocol::PROT_NUMBER &&
           ip.GetDestination() == m_tunnel->GetPeerAddress();
}

void
SessionNetDevice::SendFrame(Ptr<Packet> frame)
{
    if (m_session == 0 || !m_tunnel)
    {
        NS_LOG_LOGIC("PPP frame without a session: dropped");
        return;
    }
    m_tunnel->SendData(m_session, frame);
}

void
SessionNetDevice::ReceiveFrame(Ptr<Packet> frame)
{
    m_ppp->Receive(frame);
}

void
SessionNetDevice::DeliverIpv4(Ptr<Packet> datagram)
{
    m_macRxTrace(datagram);
    if (!m_promiscCallback.IsNull())
    {
        m_promiscCallback(this, datagram, IPV4, GetBroadcast(), GetAddress(), PACKET_HOST);
    }
    if (!m_rxCallback.IsNull())
    {
        m_rxCallback(this, datagram, IPV4, GetBroadcast());
    }
}

void
SessionNetDevice::OnLinkChange(bool up)
{
    if (up == m_linkUp)
    {
        return;
    }
    NS_LOG_INFO("device " << m_ifIndex << " link " << (up ? "up" : "down"));
    m_linkUp = up;
    for (const Callback<void>& cb : m_linkChangeCallbacks)
    {
        cb();
    }
}

void
SessionNetDevice::OnLowerLayer(bool needed)
{
    if (!needed && m_closeOnPppFinished && m_session != 0 && m_tunnel)
    {
        // PPP gave up (LCP This-Layer-Finished): the call has no use left.
        NS_LOG_INFO("device " << m_ifIndex << ": PPP finished, closing session " << m_session);
        m_tunnel->CloseSession(m_session, CDN_ADMINISTRATIVE);
    }
}

// ---------------------------------------------------------- NetDevice

void
SessionNetDevice::SetIfIndex(const uint32_t index)
{
    m_ifIndex = index;
}

uint32_t
SessionNetDevice::GetIfIndex() const
{
    return m_ifIndex;
}

Ptr<Channel>
SessionNetDevice::GetChannel() const
{
    return m_channel;
}

void
SessionNetDevice::SetAddress(Address address)
{
    m_address = Mac48Address::ConvertFrom(address);
}

Address
SessionNetDevice::GetAddress() const
{
    return m_address;
}

bool
SessionNetDevice::SetMtu(const uint16_t mtu)
{
    m_mtu = mtu;
    return true;
}

uint16_t
SessionNetDevice::GetMtu() const
{
    return m_mtu;
}

bool
SessionNetDevice::IsLinkUp() const
{
    return m_linkUp;
}

void
SessionNetDevice::AddLinkChangeCallback(Callback<void> callback)
{
    m_linkChangeCallbacks.push_back(callback);
}

bool
SessionNetDevice::IsBroadcast() const
{
    return true; // as PointToPointNetDevice: one peer gets everything
}

Address
SessionNetDevice::GetBroadcast() const
{
    return Mac48Address::GetBroadcast();
}

bool
SessionNetDevice::IsMulticast() const
{
    return true;
}

Address
SessionNetDevice::GetMulticast(Ipv4Address) const
{
    return Mac48Address("01:00:5e:00:00:00");
}

Address
SessionNetDevice::GetMulticast(Ipv6Address) const
{
    return Mac48Address("33:33:00:00:00:00");
}

bool
SessionNetDevice::IsBridge() const
{
    return false;
}

bool
SessionNetDevice::IsPointToPoint() const
{
    return true;
}

bool
SessionNetDevice::Send(Ptr<Packet> packet, const Address&, uint16_t protocolNumber)
{
    if (protocolNumber == IPV4 && IsOwnTunnelTraffic(packet))
    {
        // The route to the tunnel's far end points into the tunnel itself
        // (its physical path failed): sending would nest the tunnel in
        // itself without end. Routers drop it (Linux's ip_tunnel calls it
        // a routing loop); so does this device.
        NS_LOG_LOGIC("tunnel traffic routed into its own tunnel: dropped");
        m_macTxDropTrace(packet);
        return false;
    }
    if (protocolNumber == IPV4 && !m_diversion.IsNull() && m_diversion(packet))
    {
        m_macTxTrace(packet);
        return true;
    }
    if (protocolNumber != IPV4 || !m_linkUp || packet->GetSize() > m_mtu ||
        !m_ppp->SendIpv4(packet))
    {
        NS_LOG_LOGIC("datagram of " << packet->GetSize() << " octets not sent (protocol "
                                    << protocolNumber << ", link " << (m_linkUp ? "up" : "down")
                                    << ")");
        m_macTxDropTrace(packet);
        return false;
    }
    m_macTxTrace(packet);
    return true;
}

bool
SessionNetDevice::SendFrom(Ptr<Packet> packet,
                           const Address&,
                           const Address& dest,
                           uint16_t protocolNumber)
{
    return Send(packet, dest, protocolNumber);
}

Ptr<Node>
SessionNetDevice::GetNode() const
{
    return m_node;
}

void
SessionNetDevice::SetNode(Ptr<Node> node)
{
    m_node = node;
}

bool
SessionNetDevice::NeedsArp() const
{
    return false;
}

void
SessionNetDevice::SetReceiveCallback(NetDevice::ReceiveCallback cb)
{
    m_rxCallback = cb;
}

void
SessionNetDevice::SetPromiscReceiveCallback(PromiscReceiveCallback cb)
{
    m_promiscCallback = cb;
}

bool
SessionNetDevice::SupportsSendFrom() const
{
    return false;
}

} // namespace l2tp
} // namespace ns3
