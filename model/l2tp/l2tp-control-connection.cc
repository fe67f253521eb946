/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "l2tp-control-connection.h"

#include "l2tp-udp-port.h"

#include "ns3/boolean.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
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
            .SetGroupName("L2tp")
            .AddConstructor<ControlConnection>()
            .AddAttribute(
                "PeerAddress",
                "Initiator: the LNS/LAC the SCCRQ is sent to (UDP port 1701, RFC 2661 8.1). "
                "Responder: the only address whose SCCRQ this end takes; unset: any.",
                Ipv4AddressValue(),
                MakeIpv4AddressAccessor(&ControlConnection::m_peerAddress),
                MakeIpv4AddressChecker())
            .AddAttribute("LocalAddress",
                          "Address our messages leave from and the peer sends to; 0.0.0.0 "
                          "(the default): chosen by routing. A VR port's tunnels use its "
                          "own address on the provider network.",
                          Ipv4AddressValue(Ipv4Address::GetAny()),
                          MakeIpv4AddressAccessor(&ControlConnection::m_localAddress),
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
                          "Host Name AVP (RFC 2661 4.4.3: at least one octet); when empty, "
                          "\"node-<node id>\" is sent instead.",
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
                          "than 8 s; lower values are refused).",
                          TimeValue(Seconds(8)),
                          MakeTimeAccessor(&ControlConnection::m_retransmitCap),
                          MakeTimeChecker(Seconds(8)))
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
            .AddAttribute("StopCcnHoldTime",
                          "After a StopCCN the tunnel state is kept this long to retransmit "
                          "or acknowledge it, then freed (RFC 2661 5.7: a full retransmission "
                          "cycle, 1+2+4+8+8+8 = 31 s with the 5.8 defaults).",
                          TimeValue(Seconds(31)),
                          MakeTimeAccessor(&ControlConnection::m_stopCcnHold),
                          MakeTimeChecker())
            .AddAttribute("HideAvps",
                          "Hide every hideable AVP of the control messages sent (RFC 2661 "
                          "4.3); needs a Secret. Received hidden AVPs are always recovered.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&ControlConnection::m_hideAvps),
                          MakeBooleanChecker())
            .AddAttribute("OpenSessionOnUp",
                          "LAC: open one incoming call (RFC 2661 7.4.1) each time the tunnel "
                          "comes up without sessions.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&ControlConnection::m_openSessionOnUp),
                          MakeBooleanChecker())
            .AddAttribute("BearerType",
                          "Bearer Type AVP of our ICRQ (RFC 2661 4.4.4): 1 digital, 2 analog, "
                          "0 neither.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&ControlConnection::m_bearerType),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("FramingType",
                          "Framing Type AVP of our ICCN (RFC 2661 4.4.4): 1 synchronous, "
                          "2 asynchronous.",
                          UintegerValue(FRAMING_SYNC),
                          MakeUintegerAccessor(&ControlConnection::m_framingType),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("TxConnectSpeed",
                          "(Tx) Connect Speed AVP of our ICCN, bit/s (RFC 2661 4.4.4).",
                          UintegerValue(100000000),
                          MakeUintegerAccessor(&ControlConnection::m_txConnectSpeed),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("SequencingRequired",
                          "Send the Sequencing Required AVP in our ICCN (RFC 2661 4.4.4): "
                          "the LNS must number its data messages.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&ControlConnection::m_sequencingRequired),
                          MakeBooleanChecker())
            .AddAttribute("DataLengthField",
                          "Send the Length field (L bit) on data messages (RFC 2661 3.1: "
                          "optional).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&ControlConnection::m_dataLength),
                          MakeBooleanChecker())
            .AddAttribute("DataSequencing",
                          "Send Ns on data messages (S bit, RFC 2661 5.4: optional unless the "
                          "peer requires it).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&ControlConnection::m_dataSequencing),
                          MakeBooleanChecker())
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
                            "A received datagram (or a frame to send) was discarded, with the "
                            "reason.",
                            MakeTraceSourceAccessor(&ControlConnection::m_dropTrace),
                            "ns3::l2tp::ControlConnection::DropTracedCallback")
            .AddTraceSource("SessionUp",
                            "A session (incoming call, RFC 2661 7.4) is established: our and "
                            "the peer's Session ID.",
                            MakeTraceSourceAccessor(&ControlConnection::m_sessionUpTrace),
                            "ns3::l2tp::ControlConnection::SessionUpTracedCallback")
            .AddTraceSource("SessionDown",
                            "A session ended or a call was refused: our Session ID, reason, "
                            "CDN Result Code.",
                            MakeTraceSourceAccessor(&ControlConnection::m_sessionDownTrace),
                            "ns3::l2tp::ControlConnection::SessionDownTracedCallback")
            .AddTraceSource("DataTx",
                            "A data message was sent: our Session ID, the message.",
                            MakeTraceSourceAccessor(&ControlConnection::m_dataTxTrace),
                            "ns3::l2tp::ControlConnection::DataTracedCallback")
            .AddTraceSource("DataRx",
                            "A data message was delivered to a session: our Session ID, the "
                            "message.",
                            MakeTraceSourceAccessor(&ControlConnection::m_dataRxTrace),
                            "ns3::l2tp::ControlConnection::DataTracedCallback");
    return tid;
}

ControlConnection::ControlConnection()
    : m_initiator(false)
    , m_localTunnelId(1)
    , m_challengeLength(16)
    , m_useTieBreaker(true)
    , m_receiveWindow(4)
    , m_maxRetransmissions(5)
    , m_hideAvps(false)
    , m_openSessionOnUp(false)
    , m_bearerType(0)
    , m_framingType(FRAMING_SYNC)
    , m_txConnectSpeed(100000000)
    , m_sequencingRequired(false)
    , m_dataLength(true)
    , m_dataSequencing(false)
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
    if (m_port)
    {
        m_port->Unregister(this);
        m_port = nullptr;
    }
    m_authorize = AuthorizationCallback();
    m_data.clear(); // the sessions' users hold callbacks into devices
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
    // 4.4.3: the Host Name AVP carries at least one octet.
    c.hostName = m_hostName;
    if (c.hostName.empty())
    {
        c.hostName = "node-" + std::to_string(GetNode()->GetId());
        NS_LOG_WARN("empty HostName: sending " << c.hostName);
    }
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
    c.stopCcnHold = m_stopCcnHold;
    c.hideAvps = m_hideAvps;
    c.randomVector = [this]() {
        return MakeRandomVector();
    };
    return c;
}

std::vector<uint8_t>
ControlConnection::MakeRandomVector()
{
    // RFC 2661 4.4.1: a random octet string, 16 octets here.
    std::vector<uint8_t> vector(16);
    for (auto& octet : vector)
    {
        octet = static_cast<uint8_t>(m_random->GetInteger(0, 255));
    }
    return vector;
}

void
ControlConnection::StartApplication()
{
    NS_LOG_FUNCTION(this);
    SessionConfig sessions;
    sessions.bearerType = m_bearerType;
    sessions.framingType = m_framingType;
    sessions.txConnectSpeed = m_txConnectSpeed;
    sessions.sequencingRequired = m_sequencingRequired;
    m_fsm = std::make_unique<ControlFsm>(MakeConfig(), sessions);
    m_counters = TunnelCounters();
    m_port = UdpPort::Get(GetNode());
    m_port->Register(this);
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
    if (m_port)
    {
        m_port->Unregister(this);
        m_port = nullptr;
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

bool
ControlConnection::IsAwaitingAuthorization() const
{
    return m_fsm && m_fsm->IsAwaitingAuthorization();
}

uint16_t
ControlConnection::GetLocalTunnelId() const
{
    return m_localTunnelId;
}

bool
ControlConnection::IsInitiator() const
{
    return m_initiator;
}

Ipv4Address
ControlConnection::GetConfiguredPeerAddress() const
{
    return m_peerAddress;
}

Ipv4Address
ControlConnection::GetPeerAddress() const
{
    return m_peerSeen;
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

uint16_t
ControlConnection::OpenSession()
{
    NS_LOG_FUNCTION(this);
    if (!m_fsm || !m_port)
    {
        NS_LOG_WARN("OpenSession() while the application is not running");
        return 0;
    }
    uint16_t id = 0;
    Apply(m_fsm->OpenSession(Simulator::Now(), id));
    return id;
}

void
ControlConnection::CloseSession(uint16_t localSessionId, uint16_t resultCode)
{
    NS_LOG_FUNCTION(this << localSessionId << resultCode);
    if (m_fsm)
    {
        Apply(m_fsm->CloseSession(localSessionId, Simulator::Now(), resultCode));
    }
}

std::vector<uint16_t>
ControlConnection::GetSessionIds() const
{
    return m_fsm ? m_fsm->GetSessions().GetSessionIds() : std::vector<uint16_t>();
}

SessionFsm::State
ControlConnection::GetSessionState(uint16_t localSessionId) const
{
    const SessionFsm* s = m_fsm ? m_fsm->GetSessions().Find(localSessionId) : nullptr;
    return s != nullptr ? s->GetState() : SessionFsm::IDLE;
}

uint16_t
ControlConnection::GetPeerSessionId(uint16_t localSessionId) const
{
    const SessionFsm* s = m_fsm ? m_fsm->GetSessions().Find(localSessionId) : nullptr;
    return s != nullptr ? s->GetPeerSessionId() : 0;
}

void
ControlConnection::SetSessionReceiveCallback(uint16_t localSessionId, FrameCallback cb)
{
    auto it = m_data.find(localSessionId);
    if (it == m_data.end())
    {
        if (!cb.IsNull())
        {
            NS_LOG_WARN("session " << localSessionId << " is not established");
        }
        return;
    }
    it->second.receive = cb;
}

const TunnelCounters&
ControlConnection::GetCounters() const
{
    return m_counters;
}

void
ControlConnection::Drop(Ptr<const Packet> packet, const std::string& reason)
{
    ++m_counters.drops;
    ++m_counters.dropReasons[reason];
    m_dropTrace(packet, reason);
}

bool
ControlConnection::SendData(uint16_t localSessionId, Ptr<Packet> frame)
{
    auto it = m_data.find(localSessionId);
    const SessionFsm* s = m_fsm ? m_fsm->GetSessions().Find(localSessionId) : nullptr;
    if (!m_port || it == m_data.end() || s == nullptr || s->GetState() != SessionFsm::ESTABLISHED)
    {
        Drop(frame, "send on a session that is not established");
        return false;
    }
    SessionData& d = it->second;
    // RFC 2661 3.1: T=0; Tunnel and Session ID are the peer's.
    PacketHeader header = PacketHeader::MakeData(m_fsm->GetPeerTunnelId(), s->GetPeerSessionId());
    header.SetLengthPresent(m_dataLength);
    if (d.sequencing)
    {
        header.SetSequencePresent(true); // 5.4: Ns per session, Nr reserved
        header.SetNs(d.ns++);
        header.SetNr(0);
    }
    header.SetPayloadSize(static_cast<uint16_t>(frame->GetSize()));
    Ptr<Packet> packet = frame->Copy();
    packet->AddHeader(header);
    ++m_counters.dataTx;
    m_counters.dataTxBytes += packet->GetSize();
    m_dataTxTrace(localSessionId, packet);
    m_port->Send(packet, m_peerSeen, m_localAddress);
    return true;
}

void
ControlConnection::HandleData(Ptr<Packet> packet, const PacketHeader& header)
{
    // RFC 2661 3.1: the Tunnel and Session ID are ours.
    if (header.GetTunnelId() != m_localTunnelId)
    {
        Drop(packet, "data message for another tunnel");
        return;
    }
    const uint16_t id = header.GetSessionId();
    auto it = m_data.find(id);
    if (it == m_data.end())
    {
        Drop(packet,
             m_fsm->GetSessions().Find(id) != nullptr ? "data for a session not established"
                                                      : "data for an unknown session");
        return;
    }
    SessionData& d = it->second;
    if (!header.HasSequence() && d.sequencing && !d.keepSequencing)
    {
        // 5.4: data without sequence numbers from the LNS asks the LAC to
        // stop numbering its own, unless the LAC sent Sequencing Required
        // (DataSequencing only starts the LAC numbering).
        d.sequencing = false;
        NS_LOG_LOGIC("session " << id << ": the LNS sends no Ns, we stop numbering");
    }
    if (header.HasSequence())
    {
        // 5.4: a numbered data message makes us number ours too; one that
        // comes before the expected Ns is stale and is discarded.
        d.sequencing = true;
        if (d.seenNs && SeqLess(header.GetNs(), d.expected))
        {
            Drop(packet, "data message out of order");
            return;
        }
        d.seenNs = true;
        d.expected = static_cast<uint16_t>(header.GetNs() + 1);
    }
    const uint32_t octets = packet->GetSize();
    PacketHeader stripped;
    packet->RemoveHeader(stripped);
    if (header.HasLength() && packet->GetSize() > header.GetPayloadSize())
    {
        packet->RemoveAtEnd(packet->GetSize() - header.GetPayloadSize());
    }
    if (d.receive.IsNull())
    {
        Drop(packet, "no receiver for the session");
        return;
    }
    ++m_counters.dataRx;
    m_counters.dataRxBytes += octets;
    m_dataRxTrace(id, packet);
    d.receive(packet);
}

void
ControlConnection::OnSessionEvent(const SessionEvent& e)
{
    if (e.up)
    {
        SessionData d;
        const SessionFsm* s = m_fsm->GetSessions().Find(e.localSessionId);
        // 5.4: numbered when we want it or the ICCN required it. The
        // LNS controls sequencing: an LAC stops numbering when the LNS
        // sends unnumbered data, unless it sent Sequencing Required; the
        // LNS never stops (it numbers only by choice or requirement).
        const bool lns = s != nullptr && s->GetRole() == SessionFsm::LNS;
        const bool required = lns ? s->GetCall().sequencingRequired : m_sequencingRequired;
        d.sequencing = m_dataSequencing || required;
        d.keepSequencing = lns || required;
        m_data[e.localSessionId] = d;
        ++m_counters.sessionsUp;
        NS_LOG_INFO("tunnel " << m_localTunnelId << ": session " << e.localSessionId << " up (peer "
                              << e.peerSessionId << ")");
        m_sessionUpTrace(e.localSessionId, e.peerSessionId);
        return;
    }
    m_data.erase(e.localSessionId);
    ++m_counters.sessionsDown;
    ++m_counters.sessionDownReasons[SessionFsm::DownReasonName(e.reason)];
    NS_LOG_INFO("tunnel " << m_localTunnelId << ": session " << e.localSessionId
                          << " down: " << SessionFsm::DownReasonName(e.reason) << " result "
                          << e.resultCode << " " << e.errorMessage);
    m_sessionDownTrace(e.localSessionId, e.reason, e.resultCode);
}

void
ControlConnection::HandleDatagram(Ptr<Packet> packet, const PacketHeader& message, Ipv4Address from)
{
    if (!m_fsm || !m_port)
    {
        return;
    }
    if (!message.IsValid())
    {
        ++m_drops;
        Drop(packet, "malformed");
        return;
    }
    if (!message.IsControl())
    {
        HandleData(packet, message); // RFC 2661 3.1, T=0
        return;
    }
    uint16_t type = 0;
    message.GetMessageType(type);
    ++m_counters.controlRx;
    m_counters.controlRxBytes += packet->GetSize();
    m_counters.zlbRx += message.IsZlb() ? 1 : 0;
    m_rxTrace(type, packet);
    NS_LOG_LOGIC("rx type " << type << " from " << from);
    m_peerSeen = from;
    const ControlFsm::Actions actions = m_fsm->Receive(message, Simulator::Now());
    for (const auto& other : actions.newConnections)
    {
        (void)other;
        ++m_drops;
        Drop(packet, "SCCRQ of another control connection");
    }
    Apply(actions);
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
    if (actions.hasWakeUp && m_port)
    {
        const Time delay = std::max(actions.wakeUp - Simulator::Now(), Time(0));
        m_wakeUp = Simulator::Schedule(delay, &ControlConnection::HandleWakeUp, this);
    }
    m_counters.retransmissions += actions.retransmissions;
    for (const auto& change : actions.transitions)
    {
        NS_LOG_INFO("tunnel " << m_localTunnelId << ": " << change.first << " -> "
                              << change.second);
        m_stateTrace(change.first, change.second);
    }
    if (actions.tunnelUp)
    {
        ++m_counters.tunnelsUp;
        m_upTrace(m_fsm->GetPeerTunnelId());
    }
    for (const auto& event : actions.sessionEvents)
    {
        OnSessionEvent(event);
    }
    if (actions.tunnelDown)
    {
        NS_LOG_INFO("tunnel " << m_localTunnelId
                              << " down: " << ControlFsm::DownReasonName(actions.downReason)
                              << " result " << actions.resultCode);
        ++m_counters.tunnelsDown;
        ++m_counters.tunnelDownReasons[ControlFsm::DownReasonName(actions.downReason)];
        m_downTrace(actions.downReason, actions.resultCode);
    }
    if (actions.released)
    {
        NS_LOG_INFO("tunnel " << m_localTunnelId << ": StopCCN hold-down over, state freed");
    }
    if (actions.authorizationRequested && !m_authorize.IsNull())
    {
        m_authorize(this, m_fsm->GetPeerHostName());
    }
    if (actions.tunnelUp && m_openSessionOnUp && m_fsm &&
        m_fsm->GetState() == ControlFsm::ESTABLISHED && m_fsm->GetSessions().GetSize() == 0)
    {
        OpenSession(); // 7.4.1: the call waited for this tunnel
    }
}

void
ControlConnection::Send(const PacketHeader& message)
{
    if (!m_port)
    {
        return;
    }
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(message);
    uint16_t type = 0;
    message.GetMessageType(type);
    ++m_counters.controlTx;
    m_counters.controlTxBytes += packet->GetSize();
    m_counters.zlbTx += message.IsZlb() ? 1 : 0;
    m_txTrace(type, packet);
    m_port->Send(packet, m_peerSeen, m_localAddress);
}

} // namespace l2tp
} // namespace ns3
