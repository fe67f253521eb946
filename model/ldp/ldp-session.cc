/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ldp-session.h"

#include "ldp-address-messages.h"
#include "ldp-label-messages.h"
#include "ldp-pdu-header.h"
#include "ldp-pdu.h"
#include "ldp-session-messages.h"
#include "ldp-status.h"

#include "ns3/buffer.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipvpn-byte-order.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/tcp-socket-factory.h"

#include <algorithm>
#include <memory>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LdpSession");

namespace ldp
{

namespace
{

/// TLV types RFC 5036 defines (section 4.2); the rule of section 3.3 for
/// unknown TLVs applies to all others.
bool
IsKnownTlvType(uint16_t type)
{
    switch (type)
    {
    case TLV_FEC:
    case TLV_ADDRESS_LIST:
    case TLV_HOP_COUNT:
    case TLV_PATH_VECTOR:
    case TLV_GENERIC_LABEL:
    case TLV_ATM_LABEL:
    case TLV_FRAME_RELAY_LABEL:
    case TLV_STATUS:
    case TLV_EXTENDED_STATUS:
    case TLV_RETURNED_PDU:
    case TLV_RETURNED_MESSAGE:
    case TLV_COMMON_HELLO_PARAMS:
    case TLV_IPV4_TRANSPORT_ADDRESS:
    case TLV_CONFIG_SEQUENCE_NUMBER:
    case TLV_IPV6_TRANSPORT_ADDRESS:
    case TLV_COMMON_SESSION_PARAMS:
    case TLV_ATM_SESSION_PARAMS:
    case TLV_FRAME_RELAY_SESSION_PARAMS:
    case TLV_LABEL_REQUEST_MESSAGE_ID:
        return true;
    default:
        return false;
    }
}

} // namespace

Session::Session(SessionOwner* owner, Ptr<Node> node, const SessionConfig& config, SessionRole role)
    : m_owner(owner)
    , m_node(node)
    , m_config(config)
    , m_fsm(role, config.fsm)
    , m_connecting(false)
    , m_maxPdu(DEFAULT_MAX_PDU_LENGTH)
    , m_statusMessageId(0)
    , m_statusMessageType(0)
    , m_refusedBackoff(config.fsm.backoffInitial, config.fsm.backoffMax)
    , m_waitingForRoute(false)
{
}

Session::~Session()
{
    m_holdTimer.Cancel();
    m_keepAliveTimer.Cancel();
    m_connectEvent.Cancel();
    CloseConnection();
}

// ------------------------------------------------------------- transport

void
Session::AttachSocket(Ptr<Socket> socket)
{
    m_socket = socket;
    m_rx.clear();
    m_txPending.clear();
    m_maxPdu = DEFAULT_MAX_PDU_LENGTH; // section 3.5.3: until negotiated
    socket->SetRecvCallback(MakeCallback(&Session::HandleRead, this));
    socket->SetCloseCallbacks(MakeCallback(&Session::HandleClose, this),
                              MakeCallback(&Session::HandleClose, this));
    socket->SetSendCallback(MakeCallback(&Session::HandleSend, this));
}

void
Session::Connect()
{
    if (m_socket || GetState() != SessionState::NON_EXISTENT)
    {
        return;
    }
    NS_LOG_INFO(m_config.localLsrId << " connects to " << m_config.peerTransport);
    Ptr<Socket> socket = Socket::CreateSocket(m_node, TcpSocketFactory::GetTypeId());
    // Section 2.5.2: the connection runs between the two transport addresses.
    socket->Bind(InetSocketAddress(m_config.localTransport, 0));
    AttachSocket(socket);
    socket->SetConnectCallback(MakeCallback(&Session::ConnectionSucceeded, this),
                               MakeCallback(&Session::ConnectionFailed, this));
    m_connecting = true;
    m_waitingForRoute = false;
    if (socket->Connect(InetSocketAddress(m_config.peerTransport, LDP_PORT)) != 0)
    {
        // No route to the peer's transport address yet (the IGP has not
        // converged): ns-3's TCP refuses at once and calls neither
        // callback. That is no refusal by the peer, so no backoff: the
        // attempt is repeated when the routes change (RetryAfterRouteChange).
        NS_LOG_INFO(m_config.localLsrId << ": no route to " << m_config.peerTransport);
        CloseConnection();
        m_waitingForRoute = true;
    }
}

void
Session::RetryAfterRouteChange()
{
    if (m_waitingForRoute)
    {
        m_waitingForRoute = false;
        ScheduleConnect();
    }
}

void
Session::ScheduleConnect()
{
    if (GetRole() != SessionRole::ACTIVE || GetState() != SessionState::NON_EXISTENT || m_socket ||
        m_connectEvent.IsRunning())
    {
        return;
    }
    const Time now = Simulator::Now();
    const Time at = std::max({now, m_fsm.GetNextAttemptTime(), m_notBefore});
    m_connectEvent = Simulator::Schedule(at - now, &Session::Connect, this);
}

void
Session::CancelConnect()
{
    m_connectEvent.Cancel();
}

void
Session::Adopt(Ptr<Socket> socket, const std::vector<uint8_t>& received)
{
    NS_ASSERT(GetState() == SessionState::NON_EXISTENT);
    Ptr<Session> self(this);
    CloseConnection();
    AttachSocket(socket);
    Execute(m_fsm.TcpConnected(Simulator::Now()));
    m_rx = received;
    ProcessBuffer();
}

void
Session::ConnectionSucceeded(Ptr<Socket> socket)
{
    if (socket != m_socket)
    {
        return;
    }
    m_connecting = false;
    Execute(m_fsm.TcpConnected(Simulator::Now()));
}

void
Session::ConnectionFailed(Ptr<Socket> socket)
{
    if (socket != m_socket)
    {
        return;
    }
    NS_LOG_INFO(m_config.localLsrId << ": connection to " << m_config.peerTransport << " failed");
    Ptr<Session> self(this);
    m_connecting = false;
    CloseConnection();
    // Section 2.5.3: attempts are throttled with exponential backoff.
    m_notBefore = Simulator::Now() + m_refusedBackoff.Fail();
    m_owner->SessionConnectionFailed(self);
}

void
Session::HandleClose(Ptr<Socket> socket)
{
    if (socket != m_socket)
    {
        return;
    }
    NS_LOG_INFO(m_config.localLsrId << ": connection with " << m_config.peerLsrId << " closed");
    Ptr<Session> self(this);
    CloseConnection();
    // Section 2.5.6: the session ends with its transport connection.
    Execute(m_fsm.TcpClosed(Simulator::Now()));
}

void
Session::CloseConnection()
{
    m_connecting = false;
    m_rx.clear();
    m_txPending.clear();
    if (!m_socket)
    {
        return;
    }
    Ptr<Socket> socket = m_socket;
    m_socket = nullptr;
    socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    socket->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                              MakeNullCallback<void, Ptr<Socket>>());
    socket->SetConnectCallback(MakeNullCallback<void, Ptr<Socket>>(),
                               MakeNullCallback<void, Ptr<Socket>>());
    socket->SetSendCallback(MakeNullCallback<void, Ptr<Socket>, uint32_t>());
    // Queued data still goes out before the FIN.
    socket->Close();
}

void
Session::HandleSend(Ptr<Socket> socket, uint32_t available)
{
    if (socket != m_socket)
    {
        return;
    }
    while (!m_txPending.empty() && m_txPending.front()->GetSize() <= available)
    {
        Ptr<Packet> p = m_txPending.front();
        m_txPending.pop_front();
        available -= p->GetSize();
        m_socket->Send(p);
    }
}

void
Session::Transmit(Ptr<Packet> packet)
{
    if (!m_socket)
    {
        return;
    }
    if (m_txPending.empty() && m_socket->GetTxAvailable() >= packet->GetSize())
    {
        m_socket->Send(packet);
    }
    else
    {
        m_txPending.push_back(packet);
    }
}

// ---------------------------------------------------------------- sending

void
Session::SendNow(const std::vector<Message>& messages)
{
    if (!m_socket || messages.empty())
    {
        return;
    }
    Ptr<Session> self(this);
    // Section 3.1: several messages per PDU, within the Max PDU Length
    // (which counts the bytes after the PDU Length field).
    Pdu pdu(m_config.localLsrId, m_config.labelSpace);
    uint32_t length = LDP_IDENTIFIER_SIZE;
    auto flush = [&]() {
        if (pdu.GetNMessages() == 0)
        {
            return;
        }
        Ptr<Packet> p = Create<Packet>();
        p->AddHeader(pdu);
        Transmit(p);
        pdu.ClearMessages();
        length = LDP_IDENTIFIER_SIZE;
    };
    for (const Message& m : messages)
    {
        const uint32_t size = m.GetSerializedSize();
        if (length + size > m_maxPdu)
        {
            flush();
        }
        pdu.AddMessage(m);
        length += size;
        m_owner->SessionMessageTraced(self, m, size, true);
    }
    flush();
}

bool
Session::Send(const std::vector<Message>& messages)
{
    if (GetState() != SessionState::OPERATIONAL)
    {
        return false;
    }
    SendNow(messages);
    return true;
}

bool
Session::SendRaw(const std::vector<uint8_t>& bytes)
{
    if (!m_socket || m_connecting)
    {
        return false;
    }
    Transmit(Create<Packet>(bytes.data(), bytes.size()));
    return true;
}

void
Session::SendInitialization()
{
    // Section 3.5.3: Downstream Unsolicited (A = 0), no loop detection.
    CommonSessionParamsTlv params;
    params.protocolVersion = LDP_VERSION;
    params.keepAliveTime = m_config.fsm.keepAliveTime;
    params.downstreamOnDemand = false;
    params.loopDetection = false;
    params.maxPduLength = m_config.maxPduLength;
    params.receiverLsrId = m_config.peerLsrId;
    params.receiverLabelSpace = 0;
    InitializationMessage init;
    init.SetMessageId(m_owner->AllocateMessageId());
    init.SetSessionParams(params);
    SendNow({init.ToGeneric()});
}

void
Session::SendNotification(const StatusTlv& status)
{
    NotificationMessage n(status, m_owner->AllocateMessageId());
    m_owner->SessionNotification(Ptr<Session>(this), status, true);
    SendNow({n.ToGeneric()});
}

void
Session::Shutdown(uint32_t status)
{
    if (GetState() == SessionState::NON_EXISTENT)
    {
        Abort();
        return;
    }
    Execute(m_fsm.Shutdown(status, Simulator::Now()));
}

void
Session::Abort()
{
    Ptr<Session> self(this);
    CloseConnection();
    Execute(m_fsm.TcpClosed(Simulator::Now()));
}

void
Session::Dispose()
{
    m_holdTimer.Cancel();
    m_keepAliveTimer.Cancel();
    m_connectEvent.Cancel();
    CloseConnection();
    m_owner = nullptr;
}

// ---------------------------------------------------------- state machine

void
Session::Execute(const SessionActions& actions)
{
    Ptr<Session> self(this);
    const Time now = Simulator::Now();
    for (const SessionAction& a : actions.actions)
    {
        switch (a.type)
        {
        case SessionActionType::SEND_INITIALIZATION:
            SendInitialization();
            break;
        case SessionActionType::SEND_KEEPALIVE: {
            KeepAliveMessage ka;
            ka.SetMessageId(m_owner->AllocateMessageId());
            SendNow({ka.ToGeneric()});
            break;
        }
        case SessionActionType::SEND_NOTIFICATION:
            // Section 3.5.1.1: a fatal error is reported, then the session ends.
            SendNotification(StatusTlv::Make(a.status, m_statusMessageId, m_statusMessageType));
            m_statusMessageId = 0;
            m_statusMessageType = 0;
            break;
        case SessionActionType::CLOSE_TCP:
            CloseConnection();
            break;
        case SessionActionType::START_KEEPALIVE_TIMER:
            m_keepAliveTimer.Cancel();
            m_keepAliveTimer =
                Simulator::Schedule(a.at - now, &Session::KeepAliveTimerExpired, this);
            break;
        case SessionActionType::START_HOLD_TIMER:
            m_holdTimer.Cancel();
            m_holdTimer = Simulator::Schedule(a.at - now, &Session::HoldTimerExpired, this);
            break;
        case SessionActionType::STOP_TIMERS:
            m_holdTimer.Cancel();
            m_keepAliveTimer.Cancel();
            break;
        }
    }
    for (const SessionTransition& t : actions.transitions)
    {
        if (t.to == SessionState::OPERATIONAL)
        {
            m_refusedBackoff.Reset();
            m_notBefore = Seconds(0);
        }
        m_owner->SessionStateChanged(self, t.from, t.to);
    }
}

void
Session::HoldTimerExpired()
{
    Execute(m_fsm.HoldTimerExpired(Simulator::Now()));
}

void
Session::KeepAliveTimerExpired()
{
    Execute(m_fsm.KeepAliveTimerExpired(Simulator::Now()));
}

// -------------------------------------------------------------- receiving

void
Session::HandleRead(Ptr<Socket> socket)
{
    if (socket != m_socket)
    {
        return;
    }
    Ptr<Session> self(this);
    while (m_socket == socket)
    {
        Ptr<Packet> p = socket->Recv();
        if (!p || p->GetSize() == 0)
        {
            break;
        }
        const size_t old = m_rx.size();
        m_rx.resize(old + p->GetSize());
        p->CopyData(m_rx.data() + old, p->GetSize());
    }
    ProcessBuffer();
}

void
Session::ProcessBuffer()
{
    Ptr<Session> self(this);
    // Section 3.1: the PDU Length field tells where the next PDU starts; a
    // PDU may span segments and a segment may carry several.
    while (m_socket && m_rx.size() >= 4)
    {
        const uint16_t version = byteorder::ReadBe16(m_rx.data());
        const uint16_t length = byteorder::ReadBe16(m_rx.data() + 2);
        if (version != LDP_VERSION)
        {
            // Section 3.5.1.2.1 "Bad Protocol Version".
            m_owner->SessionMalformed(self, STATUS_BAD_PROTOCOL_VERSION);
            Fail(STATUS_BAD_PROTOCOL_VERSION);
            return;
        }
        if (length < LDP_IDENTIFIER_SIZE || length > m_maxPdu)
        {
            // Section 3.5.1.2.1 "Bad PDU Length": the framing is lost.
            m_owner->SessionMalformed(self, STATUS_BAD_PDU_LENGTH);
            Fail(STATUS_BAD_PDU_LENGTH);
            return;
        }
        const size_t total = 4 + static_cast<size_t>(length);
        if (m_rx.size() < total)
        {
            break; // the rest comes in later segments
        }
        std::vector<uint8_t> bytes(m_rx.begin(), m_rx.begin() + total);
        m_rx.erase(m_rx.begin(), m_rx.begin() + total);
        HandlePdu(bytes);
    }
}

void
Session::HandlePdu(const std::vector<uint8_t>& bytes)
{
    Ptr<Session> self(this);
    Buffer buffer;
    buffer.AddAtStart(bytes.size());
    buffer.Begin().Write(bytes.data(), bytes.size());
    Pdu pdu;
    pdu.Deserialize(buffer.Begin(), buffer.End());
    if (!pdu.GetHeader().IsValid())
    {
        m_owner->SessionMalformed(self, pdu.GetStatus());
        Fail(pdu.GetStatus());
        return;
    }
    // Section 3.5.1.2.1 "Bad LDP Identifier": the PDU must come from the
    // peer this session is with.
    if (pdu.GetLsrId() != m_config.peerLsrId || pdu.GetLabelSpace() != 0)
    {
        m_owner->SessionMalformed(self, STATUS_BAD_LDP_IDENTIFIER);
        Fail(STATUS_BAD_LDP_IDENTIFIER);
        return;
    }
    for (const Message& m : pdu.GetMessages())
    {
        const uint32_t status = m.GetStatus();
        if (status == STATUS_BAD_MESSAGE_LENGTH || status == STATUS_BAD_TLV_LENGTH)
        {
            // Section 3.5.1.2.1: the message cannot be delimited; fatal.
            m_owner->SessionMalformed(self, status);
            Fail(status, m.GetMessageId(), m.GetType());
            return;
        }
        if (!HandleMessage(m, m.GetSerializedSize()))
        {
            return;
        }
    }
}

void
Session::Fail(uint32_t status, uint32_t messageId, uint16_t messageType)
{
    NS_LOG_INFO(m_config.localLsrId << ": fatal error from " << m_config.peerLsrId << ": "
                                    << StatusCodeName(status));
    m_statusMessageId = messageId;
    m_statusMessageType = messageType;
    Execute(m_fsm.Shutdown(status, Simulator::Now()));
    if (m_socket)
    {
        Abort(); // the FSM had nothing to tear down
    }
}

void
Session::Advise(uint32_t status, const Message& about)
{
    // Section 3.5.1.2: an advisory Notification naming the message.
    SendNotification(StatusTlv::Make(status, about.GetMessageId(), about.GetType()));
}

bool
Session::HandleMessage(const Message& generic, uint32_t bytes)
{
    Ptr<Session> self(this);
    const Time now = Simulator::Now();
    m_owner->SessionMessageTraced(self, generic, bytes, false);
    const uint16_t type = generic.GetType();
    // Any PDU from the peer keeps an established session alive (2.5.6).
    auto refresh = [&]() {
        if (GetState() == SessionState::OPERATIONAL)
        {
            Execute(m_fsm.ReceiveOther(now));
        }
        return m_socket != nullptr;
    };

    if (!IsKnownMessageType(type))
    {
        // Section 3.5 "U-bit": ignore silently (U = 1) or notify (U = 0).
        if (!generic.GetUnknownBit())
        {
            Advise(STATUS_UNKNOWN_MESSAGE_TYPE, generic);
        }
        return refresh();
    }

    std::unique_ptr<Message> typed = MakeTypedMessage(type);
    if (!typed->LoadFrom(generic))
    {
        const uint32_t status = typed->GetStatus();
        m_owner->SessionMalformed(self, status);
        if (IsFatalStatus(status))
        {
            Fail(status, generic.GetMessageId(), type);
            return false;
        }
        // Unknown FEC, missing parameters, unsupported address family:
        // advisory (section 3.9), the message is ignored.
        Advise(status, generic);
        return refresh();
    }
    for (const Tlv& tlv : typed->GetOtherParameters())
    {
        // Section 3.3 "U-bit": an unknown TLV with U = 0 voids the message.
        if (!IsKnownTlvType(tlv.type) && !tlv.uBit)
        {
            Advise(STATUS_UNKNOWN_TLV, generic);
            return refresh();
        }
    }

    switch (type)
    {
    case MSG_NOTIFICATION: {
        const StatusTlv& status = static_cast<NotificationMessage&>(*typed).GetStatusTlv();
        m_owner->SessionNotification(self, status, false);
        Execute(m_fsm.ReceiveNotification(status, now));
        break;
    }
    case MSG_INITIALIZATION: {
        const CommonSessionParamsTlv& params =
            static_cast<InitializationMessage&>(*typed).GetSessionParams();
        CommonSessionParamsTlv local;
        local.keepAliveTime = m_config.fsm.keepAliveTime;
        local.maxPduLength = m_config.maxPduLength;
        const SessionParameters negotiated = NegotiateSession(local, params);
        Execute(m_fsm.ReceiveInitialization(params, m_config.localLsrId, m_config.labelSpace, now));
        if (GetState() == SessionState::OPENREC || GetState() == SessionState::OPERATIONAL)
        {
            m_maxPdu = negotiated.maxPduLength; // section 3.5.3
        }
        break;
    }
    case MSG_KEEPALIVE:
        Execute(m_fsm.ReceiveKeepAlive(now));
        break;
    case MSG_HELLO:
        // Hellos belong to UDP discovery; on the session it is just a message.
        Execute(m_fsm.ReceiveOther(now));
        break;
    default:
        Execute(m_fsm.ReceiveOther(now));
        if (GetState() == SessionState::OPERATIONAL)
        {
            m_owner->SessionMessageReceived(self, *typed);
        }
        break;
    }
    return m_socket != nullptr;
}

// ---------------------------------------------------------------- queries

SessionState
Session::GetState() const
{
    return m_fsm.GetState();
}

SessionRole
Session::GetRole() const
{
    return m_fsm.GetRole();
}

const SessionConfig&
Session::GetConfig() const
{
    return m_config;
}

Ipv4Address
Session::GetPeerLsrId() const
{
    return m_config.peerLsrId;
}

bool
Session::HasConnection() const
{
    return m_socket != nullptr;
}

uint16_t
Session::GetNegotiatedKeepAlive() const
{
    return m_fsm.GetNegotiatedKeepAlive();
}

Time
Session::GetNextAttemptTime() const
{
    return std::max(m_fsm.GetNextAttemptTime(), m_notBefore);
}

void
Session::ResetBackoff()
{
    m_fsm.ResetBackoff();
    m_refusedBackoff.Reset();
    m_notBefore = Seconds(0);
    m_connectEvent.Cancel();
}

} // namespace ldp
} // namespace ns3
