/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "l2tp-control-connection.h"

#include "ns3/boolean.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{
namespace l2tp
{

NS_LOG_COMPONENT_DEFINE("L2tpControlConnection");

NS_OBJECT_ENSURE_REGISTERED(ControlConnection);

TypeId
ControlConnection::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::l2tp::ControlConnection")
            .SetParent<Application>()
            .SetGroupName("Ipvpn")
            .AddConstructor<ControlConnection>()
            .AddAttribute(
                "PeerAddress",
                "Initiator: the LNS/LAC the SCCRQ is sent to (UDP port 1701, RFC 2661 8.1).",
                Ipv4AddressValue(),
                MakeIpv4AddressAccessor(&ControlConnection::m_peerAddress),
                MakeIpv4AddressChecker())
            .AddAttribute("Initiator",
                          "Send an SCCRQ when the application starts; otherwise wait for one.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&ControlConnection::m_initiator),
                          MakeBooleanChecker())
            .AddAttribute("LocalTunnelId",
                          "Our Assigned Tunnel ID (RFC 2661 4.4.3, non-zero).",
                          UintegerValue(1),
                          MakeUintegerAccessor(&ControlConnection::m_localTunnelId),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("HostName",
                          "Host Name AVP (RFC 2661 4.4.3).",
                          StringValue("ipvpn"),
                          MakeStringAccessor(&ControlConnection::m_hostName),
                          MakeStringChecker())
            .AddAttribute("Secret",
                          "Tunnel secret (RFC 2661 5.1.1); empty disables tunnel authentication.",
                          StringValue(""),
                          MakeStringAccessor(&ControlConnection::m_secret),
                          MakeStringChecker())
            .AddAttribute("ChallengeLength",
                          "Random octets of our Challenge AVP (RFC 2661 4.4.3: one or more; "
                          "16 here).",
                          UintegerValue(16),
                          MakeUintegerAccessor(&ControlConnection::m_challengeLength),
                          MakeUintegerChecker<uint32_t>(1, 1017))
            .AddAttribute("UseTieBreaker",
                          "Send a random Tie Breaker AVP in the SCCRQ (RFC 2661 4.4.3).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&ControlConnection::m_useTieBreaker),
                          MakeBooleanChecker())
            .AddAttribute("ReceiveWindow",
                          "Our Receive Window Size (RFC 2661 4.4.3 and 5.8; default 4).",
                          UintegerValue(4),
                          MakeUintegerAccessor(&ControlConnection::m_receiveWindow),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("RetransmitTimeout",
                          "First retransmission timeout (RFC 2661 5.8 recommends 1 s).",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&ControlConnection::m_retransmitStart),
                          MakeTimeChecker())
            .AddAttribute("RetransmitTimeoutCap",
                          "Cap of the doubled retransmission timeout (RFC 2661 5.8: no less "
                          "than 8 s).",
                          TimeValue(Seconds(8)),
                          MakeTimeAccessor(&ControlConnection::m_retransmitCap),
                          MakeTimeChecker())
            .AddAttribute("MaxRetransmissions",
                          "Retransmissions of one message before the tunnel is torn down "
                          "(RFC 2661 5.8 recommends 5).",
                          UintegerValue(5),
                          MakeUintegerAccessor(&ControlConnection::m_maxRetransmissions),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("AckDelay",
                          "Wait for an outgoing message to carry an acknowledgement before "
                          "sending a ZLB (RFC 2661 5.8: 'a short delay'; 100 ms is ours).",
                          TimeValue(MilliSeconds(100)),
                          MakeTimeAccessor(&ControlConnection::m_ackDelay),
                          MakeTimeChecker())
            .AddAttribute("HelloInterval",
                          "HELLO after this long without a message from the peer (RFC 2661 "
                          "6.5 suggests 60 s).",
                          TimeValue(Seconds(60)),
                          MakeTimeAccessor(&ControlConnection::m_helloInterval),
                          MakeTimeChecker())
            .AddAttribute("Random",
                          "Source of the Challenge octets and the Tie Breaker.",
                          StringValue("ns3::UniformRandomVariable"),
                          MakePointerAccessor(&ControlConnection::m_random),
                          MakePointerChecker<UniformRandomVariable>())
            .AddTraceSource("Tx",
                            "A control message (type, 0 for a ZLB) was sent.",
                            MakeTraceSourceAccessor(&ControlConnection::m_txTrace),
                            "ns3::l2tp::ControlConnection::MessageTracedCallback")
            .AddTraceSource("Rx",
                            "A control message (type, 0 for a ZLB) was received.",
                            MakeTraceSourceAccessor(&ControlConnection::m_rxTrace),
                            "ns3::l2tp::ControlConnection::MessageTracedCallback")
            .AddTraceSource("StateChange",
                            "The RFC 2661 7.2 state changed (old, new).",
                            MakeTraceSourceAccessor(&ControlConnection::m_stateTrace),
                            "ns3::l2tp::ControlConnection::StateTracedCallback")
            .AddTraceSource("TunnelUp",
                            "The control connection is established.",
                            MakeTraceSourceAccessor(&ControlConnection::m_upTrace),
                            "ns3::l2tp::ControlConnection::UpTracedCallback")
            .AddTraceSource("TunnelDown",
                            "The control connection (or the attempt) ended: reason, Result Code.",
                            MakeTraceSourceAccessor(&ControlConnection::m_downTrace),
                            "ns3::l2tp::ControlConnection::DownTracedCallback")
            .AddTraceSource("Drop",
                            "A received datagram was discarded, with the reason.",
                            MakeTraceSourceAccessor(&ControlConnection::m_dropTrace),
                            "ns3::l2tp::ControlConnection::DropTracedCallback");
    return tid;
}

ControlConnection::ControlConnection()
    : m_initiator(false)
    , m_localTunnelId(1)
    , m_challengeLength(16)
    , m_useTieBreaker(true)
    , m_receiveWindow(4)
    , m_maxRetransmissions(5)
    , m_drops(0)
{
    NS_LOG_FUNCTION(this);
}

ControlConnection::~ControlConnection() = default;

void
ControlConnection::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_wakeUp.Cancel();
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
    }
    m_authorize = AuthorizationCallback();
    m_fsm.reset();
    m_random = nullptr;
    Application::DoDispose();
}

void
ControlConnection::SetAuthorizationCallback(AuthorizationCallback cb)
{
    m_authorize = cb;
}

int64_t
ControlConnection::AssignStreams(int64_t stream)
{
    m_random->SetStream(stream);
    return 1;
}

ControlFsmConfig
ControlConnection::MakeConfig()
{
    ControlFsmConfig c;
    c.localTunnelId = m_localTunnelId;
    c.hostName = m_hostName;
    c.secret = m_secret;
    if (!m_secret.empty())
    {
        c.challenge.resize(m_challengeLength);
        for (auto& octet : c.challenge)
        {
            octet = static_cast<uint8_t>(m_random->GetInteger(0, 255));
        }
    }
    c.useTieBreaker = m_useTieBreaker;
    if (m_useTieBreaker)
    {
        const uint64_t high = m_random->GetInteger(0, 0xffffffffU);
        const uint64_t low = m_random->GetInteger(0, 0xffffffffU);
        c.tieBreaker = (high << 32) | low;
    }
    c.holdForAuthorization = !m_authorize.IsNull();
    c.helloInterval = m_helloInterval;
    c.delivery.initialTimeout = m_retransmitStart;
    c.delivery.maxTimeout = m_retransmitCap;
    c.delivery.maxRetransmissions = m_maxRetransmissions;
    c.delivery.ackDelay = m_ackDelay;
    c.delivery.receiveWindow = m_receiveWindow;
    return c;
}

void
ControlConnection::StartApplication()
{
    NS_LOG_FUNCTION(this);
    m_fsm = std::make_unique<ControlFsm>(MakeConfig());
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    if (m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), PORT)) != 0)
    {
        NS_LOG_WARN("cannot bind UDP port " << PORT);
    }
    m_socket->SetRecvCallback(MakeCallback(&ControlConnection::HandleRead, this));
    m_peerSeen = m_peerAddress;
    if (m_initiator)
    {
        Apply(m_fsm->Open(Simulator::Now()));
    }
}

void
ControlConnection::StopApplication()
{
    NS_LOG_FUNCTION(this);
    m_wakeUp.Cancel();
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
    }
}

void
ControlConnection::Authorize(bool accept)
{
    NS_LOG_FUNCTION(this << accept);
    if (m_fsm)
    {
        Apply(m_fsm->Authorize(accept, Simulator::Now()));
    }
}

void
ControlConnection::Close(uint16_t resultCode)
{
    NS_LOG_FUNCTION(this << resultCode);
    if (m_fsm)
    {
        Apply(m_fsm->Close(Simulator::Now(), resultCode));
    }
}

ControlFsm::State
ControlConnection::GetState() const
{
    return m_fsm ? m_fsm->GetState() : ControlFsm::IDLE;
}

uint16_t
ControlConnection::GetPeerTunnelId() const
{
    return m_fsm ? m_fsm->GetPeerTunnelId() : 0;
}

std::string
ControlConnection::GetPeerHostName() const
{
    return m_fsm ? m_fsm->GetPeerHostName() : std::string();
}

uint32_t
ControlConnection::GetDropCount() const
{
    return m_drops + (m_fsm ? m_fsm->GetDropCount() : 0);
}

void
ControlConnection::HandleRead(Ptr<Socket> socket)
{
    Address from;
    Ptr<Packet> packet;
    while ((packet = socket->RecvFrom(from)))
    {
        if (!m_fsm)
        {
            return;
        }
        L2tpHeader message;
        packet->PeekHeader(message);
        uint16_t type = 0;
        message.GetMessageType(type);
        if (!message.IsValid() || !message.IsControl())
        {
            // RFC 2661 3.1: malformed or data messages are not ours here.
            ++m_drops;
            m_dropTrace(packet, message.IsValid() ? "data message" : "malformed");
            continue;
        }
        m_rxTrace(type, packet);
        NS_LOG_LOGIC("rx type " << type << " from " << from);
        if (InetSocketAddress::IsMatchingType(from))
        {
            m_peerSeen = InetSocketAddress::ConvertFrom(from).GetIpv4();
        }
        const ControlFsm::Actions actions = m_fsm->Receive(message, Simulator::Now());
        for (const auto& other : actions.newConnections)
        {
            (void)other;
            ++m_drops;
            m_dropTrace(packet, "SCCRQ of another control connection");
        }
        Apply(actions);
    }
}

void
ControlConnection::HandleWakeUp()
{
    NS_LOG_FUNCTION(this);
    if (m_fsm)
    {
        Apply(m_fsm->Expire(Simulator::Now()));
    }
}

void
ControlConnection::Apply(const ControlFsm::Actions& actions)
{
    for (const auto& message : actions.send)
    {
        Send(message);
    }
    // One timer for the engine: the latest answer replaces the former one.
    // Set before the traces and the callback, which may call back into the
    // engine (Close, Authorize) and so produce a newer answer.
    m_wakeUp.Cancel();
    if (actions.hasWakeUp && m_socket)
    {
        const Time delay = std::max(actions.wakeUp - Simulator::Now(), Time(0));
        m_wakeUp = Simulator::Schedule(delay, &ControlConnection::HandleWakeUp, this);
    }
    for (const auto& change : actions.transitions)
    {
        NS_LOG_INFO("tunnel " << m_localTunnelId << ": " << change.first << " -> "
                              << change.second);
        m_stateTrace(change.first, change.second);
    }
    if (actions.tunnelUp)
    {
        m_upTrace(m_fsm->GetPeerTunnelId());
    }
    if (actions.tunnelDown)
    {
        NS_LOG_INFO("tunnel " << m_localTunnelId
                              << " down: " << ControlFsm::DownReasonName(actions.downReason)
                              << " result " << actions.resultCode);
        m_downTrace(actions.downReason, actions.resultCode);
    }
    if (actions.authorizationRequested && !m_authorize.IsNull())
    {
        m_authorize(this, m_fsm->GetPeerHostName());
    }
}

void
ControlConnection::Send(const L2tpHeader& message)
{
    if (!m_socket)
    {
        return;
    }
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(message);
    uint16_t type = 0;
    message.GetMessageType(type);
    m_txTrace(type, packet);
    m_socket->SendTo(packet, 0, InetSocketAddress(m_peerSeen, PORT));
}

} // namespace l2tp
} // namespace ns3
