/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ldp-session-fsm.h"

#include "ldp-status.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LdpSessionFsm");

namespace ldp
{

namespace
{

/// Section 3.5.3: a Max PDU Length of 255 or less means the default 4096.
uint16_t
EffectivePduLength(uint16_t proposed)
{
    return proposed <= 255 ? 4096 : proposed;
}

} // namespace

SessionRole
DetermineRole(Ipv4Address localTransport, Ipv4Address peerTransport)
{
    // Section 2.5.2: compare the transport addresses as unsigned integers;
    // the greater one plays the active role and opens the connection.
    return localTransport.Get() > peerTransport.Get() ? SessionRole::ACTIVE : SessionRole::PASSIVE;
}

bool
SessionAction::operator==(const SessionAction& o) const
{
    return type == o.type && status == o.status && at == o.at;
}

bool
SessionActions::Has(SessionActionType type) const
{
    return Find(type) != nullptr;
}

const SessionAction*
SessionActions::Find(SessionActionType type) const
{
    for (const SessionAction& a : actions)
    {
        if (a.type == type)
        {
            return &a;
        }
    }
    return nullptr;
}

// ------------------------------------------------------------------ backoff

InitBackoff::InitBackoff(Time initial, Time max)
    : m_initial(initial)
    , m_max(std::max(initial, max))
    , m_next(initial)
{
}

Time
InitBackoff::Fail()
{
    // Section 2.5.3: exponential growth of the delay, up to the maximum.
    const Time delay = m_next;
    m_next = std::min(m_next + m_next, m_max);
    return delay;
}

void
InitBackoff::Reset()
{
    m_next = m_initial;
}

Time
InitBackoff::Peek() const
{
    return m_next;
}

// ---------------------------------------------------------- decision logic

uint32_t
EvaluateInitialization(const CommonSessionParamsTlv& received,
                       Ipv4Address localLsrId,
                       uint16_t localLabelSpace)
{
    // Section 3.5.3: only protocol version 1 is defined.
    if (received.protocolVersion != 1)
    {
        return STATUS_BAD_PROTOCOL_VERSION;
    }
    // Section 2.5.3: the Init must name an LDP identifier we own, i.e.
    // match one of our Hello adjacencies; otherwise Session Rejected/No Hello.
    if (received.receiverLsrId != localLsrId || received.receiverLabelSpace != localLabelSpace)
    {
        return STATUS_SESSION_REJECTED_NO_HELLO;
    }
    // Section 3.5.3: a KeepAlive time of zero cannot be negotiated.
    if (received.keepAliveTime == 0)
    {
        return STATUS_SESSION_REJECTED_BAD_KEEPALIVE_TIME;
    }
    return STATUS_SUCCESS;
}

SessionParameters
NegotiateSession(const CommonSessionParamsTlv& local, const CommonSessionParamsTlv& received)
{
    SessionParameters p;
    // Section 3.5.3 "KeepAlive Time": the smaller of the two proposals.
    p.keepAliveTime = std::min(local.keepAliveTime, received.keepAliveTime);
    // Section 3.5.3 "Max PDU Length": the smaller of the two.
    p.maxPduLength =
        std::min(EffectivePduLength(local.maxPduLength), EffectivePduLength(received.maxPduLength));
    // Section 3.5.3 "A": on disagreement outside ATM/FR, Downstream
    // Unsolicited is used.
    p.downstreamOnDemand = local.downstreamOnDemand && received.downstreamOnDemand;
    return p;
}

// ----------------------------------------------------------- state machine

using S = SessionState;
using E = SessionEvent;

const SessionFsm::Table&
SessionFsm::Transitions()
{
    /*
     * RFC 5036 section 2.5.4, Session Initialization State Transition
     * Diagram, plus the maintenance of section 2.5.6. Columns: current
     * state, event, step performed, next state, and the role for the two
     * transitions the diagram gives to one role. Pairs not listed are
     * ignored.
     */
    // clang-format off
    static const Table table({
        // NON EXISTENT: Session connection established -> INITIALIZED.
        {S::NON_EXISTENT, E::TCP_CONNECTED,               Step::START_INIT,           S::INITIALIZED},

        // INITIALIZED: (active role) Tx Init -> OPENSENT.
        {S::INITIALIZED,  E::INIT_SENT,                   Step::SEND_INIT,            S::OPENSENT, SessionRole::ACTIVE},
        // INITIALIZED: (passive role) Rx acceptable Init / Tx Init, Tx KeepAlive -> OPENREC.
        {S::INITIALIZED,  E::INIT_ACCEPTABLE,             Step::ACCEPT_PASSIVE,       S::OPENREC, SessionRole::PASSIVE},
        // INITIALIZED: Rx any other LDP msg or timeout / Tx NAK -> NON EXISTENT.
        {S::INITIALIZED,  E::INIT_UNACCEPTABLE,           Step::TEARDOWN_STATUS,      S::NON_EXISTENT},
        {S::INITIALIZED,  E::KEEPALIVE_RECEIVED,          Step::TEARDOWN_UNEXPECTED,  S::NON_EXISTENT},
        {S::INITIALIZED,  E::OTHER_MESSAGE_RECEIVED,      Step::TEARDOWN_UNEXPECTED,  S::NON_EXISTENT},
        {S::INITIALIZED,  E::HOLD_TIMER_EXPIRED,          Step::TEARDOWN_TIMEOUT,     S::NON_EXISTENT},

        // OPENSENT: Rx acceptable Init / Tx KeepAlive -> OPENREC.
        {S::OPENSENT,     E::INIT_ACCEPTABLE,             Step::ACCEPT_ACTIVE,        S::OPENREC},
        // OPENSENT: Rx any other LDP msg or timeout / Tx NAK -> NON EXISTENT.
        {S::OPENSENT,     E::INIT_UNACCEPTABLE,           Step::TEARDOWN_STATUS,      S::NON_EXISTENT},
        {S::OPENSENT,     E::KEEPALIVE_RECEIVED,          Step::TEARDOWN_UNEXPECTED,  S::NON_EXISTENT},
        {S::OPENSENT,     E::OTHER_MESSAGE_RECEIVED,      Step::TEARDOWN_UNEXPECTED,  S::NON_EXISTENT},
        {S::OPENSENT,     E::HOLD_TIMER_EXPIRED,          Step::TEARDOWN_TIMEOUT,     S::NON_EXISTENT},

        // OPENREC: Rx KeepAlive -> OPERATIONAL.
        {S::OPENREC,      E::KEEPALIVE_RECEIVED,          Step::BECOME_OPERATIONAL,   S::OPERATIONAL},
        // OPENREC: Rx any other LDP msg or timeout / Tx NAK -> NON EXISTENT.
        {S::OPENREC,      E::INIT_ACCEPTABLE,             Step::TEARDOWN_UNEXPECTED,  S::NON_EXISTENT},
        {S::OPENREC,      E::INIT_UNACCEPTABLE,           Step::TEARDOWN_UNEXPECTED,  S::NON_EXISTENT},
        {S::OPENREC,      E::OTHER_MESSAGE_RECEIVED,      Step::TEARDOWN_UNEXPECTED,  S::NON_EXISTENT},
        {S::OPENREC,      E::HOLD_TIMER_EXPIRED,          Step::TEARDOWN_TIMEOUT,     S::NON_EXISTENT},
        // OPENREC: our KeepAlive timer already runs (section 2.5.6).
        {S::OPENREC,      E::KEEPALIVE_TIMER_EXPIRED,     Step::SEND_KEEPALIVE,       S::OPENREC},

        // OPERATIONAL: Rx any other LDP msg -> OPERATIONAL (section 2.5.6: every
        // PDU restarts the KeepAlive timer).
        {S::OPERATIONAL,  E::KEEPALIVE_RECEIVED,          Step::REFRESH_HOLD,         S::OPERATIONAL},
        {S::OPERATIONAL,  E::OTHER_MESSAGE_RECEIVED,      Step::REFRESH_HOLD,         S::OPERATIONAL},
        {S::OPERATIONAL,  E::INIT_ACCEPTABLE,             Step::REFRESH_HOLD,         S::OPERATIONAL},
        {S::OPERATIONAL,  E::INIT_UNACCEPTABLE,           Step::REFRESH_HOLD,         S::OPERATIONAL},
        {S::OPERATIONAL,  E::KEEPALIVE_TIMER_EXPIRED,     Step::SEND_KEEPALIVE,       S::OPERATIONAL},
        // OPERATIONAL: timeout / Tx NAK -> NON EXISTENT (section 2.5.6).
        {S::OPERATIONAL,  E::HOLD_TIMER_EXPIRED,          Step::TEARDOWN_TIMEOUT,     S::NON_EXISTENT},

        // Every state but NON EXISTENT: Rx Shutdown / Tx Shutdown -> NON EXISTENT;
        // transport lost (section 2.5.6: the session ends with its connection).
        {S::INITIALIZED,  E::FATAL_NOTIFICATION_RECEIVED, Step::PEER_SHUTDOWN,        S::NON_EXISTENT},
        {S::INITIALIZED,  E::SHUTDOWN,                    Step::TEARDOWN_STATUS,      S::NON_EXISTENT},
        {S::INITIALIZED,  E::TCP_CLOSED,                  Step::CONNECTION_LOST,      S::NON_EXISTENT},
        {S::OPENSENT,     E::FATAL_NOTIFICATION_RECEIVED, Step::PEER_SHUTDOWN,        S::NON_EXISTENT},
        {S::OPENSENT,     E::SHUTDOWN,                    Step::TEARDOWN_STATUS,      S::NON_EXISTENT},
        {S::OPENSENT,     E::TCP_CLOSED,                  Step::CONNECTION_LOST,      S::NON_EXISTENT},
        {S::OPENREC,      E::FATAL_NOTIFICATION_RECEIVED, Step::PEER_SHUTDOWN,        S::NON_EXISTENT},
        {S::OPENREC,      E::SHUTDOWN,                    Step::TEARDOWN_STATUS,      S::NON_EXISTENT},
        {S::OPENREC,      E::TCP_CLOSED,                  Step::CONNECTION_LOST,      S::NON_EXISTENT},
        {S::OPERATIONAL,  E::FATAL_NOTIFICATION_RECEIVED, Step::PEER_SHUTDOWN,        S::NON_EXISTENT},
        {S::OPERATIONAL,  E::SHUTDOWN,                    Step::TEARDOWN_STATUS,      S::NON_EXISTENT},
        {S::OPERATIONAL,  E::TCP_CLOSED,                  Step::CONNECTION_LOST,      S::NON_EXISTENT},
    });
    // clang-format on
    return table;
}

SessionFsm::SessionFsm(SessionRole role, const SessionFsmConfig& config)
    : m_role(role)
    , m_config(config)
    , m_state(SessionState::NON_EXISTENT)
    , m_negotiatedKeepAlive(0)
    , m_holdRunning(false)
    , m_keepAliveRunning(false)
    , m_backoff(config.backoffInitial, config.backoffMax)
    , m_nextAttempt(Seconds(0))
{
    m_config.keepAliveSendDivisor = std::max<uint32_t>(m_config.keepAliveSendDivisor, 1);
}

const SessionFsm::Table::Row*
SessionFsm::Lookup(SessionEvent event) const
{
    return Transitions().Find(m_state, event, m_role);
}

SessionActions
SessionFsm::ProcessEvent(SessionEvent event, Time now, uint32_t status, uint16_t peerKeepAlive)
{
    SessionActions out;
    // Timer reports are checked against our own deadlines, so a late
    // cancellation in the driver cannot tear a refreshed session down.
    if ((event == E::HOLD_TIMER_EXPIRED && (!m_holdRunning || now < m_holdDeadline)) ||
        (event == E::KEEPALIVE_TIMER_EXPIRED && (!m_keepAliveRunning || now < m_keepAliveDeadline)))
    {
        NS_LOG_LOGIC("stale " << event << " at " << now.As(Time::S));
        out.ignored = true;
        return out;
    }
    const Table::Row* row = Lookup(event);
    if (row == nullptr)
    {
        NS_LOG_LOGIC("ignored: " << Table::Describe(m_state, event));
        out.ignored = true;
        return out;
    }
    RunStep(row->action, now, status, peerKeepAlive, out);
    SetState(row->next, event, out);

    // Section 2.5.4: the active role sends its Init as soon as it enters
    // INITIALIZED.
    if (m_state == S::INITIALIZED && m_role == SessionRole::ACTIVE)
    {
        if (const Table::Row* send = Lookup(E::INIT_SENT))
        {
            RunStep(send->action, now, 0, 0, out);
            SetState(send->next, E::INIT_SENT, out);
        }
    }
    return out;
}

void
SessionFsm::RunStep(
    Step step, Time now, uint32_t status, uint16_t peerKeepAlive, SessionActions& out)
{
    switch (step)
    {
    case Step::IGNORE:
        break;
    case Step::START_INIT:
        // Section 2.5.4 "timeout": bound the whole initialization exchange.
        m_negotiatedKeepAlive = 0;
        m_holdRunning = true;
        m_holdDeadline = now + m_config.initTimeout;
        out.actions.push_back({SessionActionType::START_HOLD_TIMER, 0, m_holdDeadline});
        break;
    case Step::SEND_INIT:
        out.actions.push_back({SessionActionType::SEND_INITIALIZATION, 0, Time()});
        break;
    case Step::ACCEPT_PASSIVE:
        // Section 2.5.3: the passive LSR answers an acceptable Init with its
        // own Init, then a KeepAlive.
        out.actions.push_back({SessionActionType::SEND_INITIALIZATION, 0, Time()});
        out.actions.push_back({SessionActionType::SEND_KEEPALIVE, 0, Time()});
        StartKeepAlive(peerKeepAlive, now, out);
        break;
    case Step::ACCEPT_ACTIVE:
        // Section 2.5.3: the active LSR acknowledges the peer's Init.
        out.actions.push_back({SessionActionType::SEND_KEEPALIVE, 0, Time()});
        StartKeepAlive(peerKeepAlive, now, out);
        break;
    case Step::BECOME_OPERATIONAL:
        // Section 2.5.3: a session that came up resets the backoff.
        m_backoff.Reset();
        m_nextAttempt = Seconds(0);
        [[fallthrough]];
    case Step::REFRESH_HOLD:
        // Section 2.5.6: each PDU received restarts the KeepAlive timer.
        m_holdDeadline = now + Seconds(m_negotiatedKeepAlive);
        out.actions.push_back({SessionActionType::START_HOLD_TIMER, 0, m_holdDeadline});
        break;
    case Step::SEND_KEEPALIVE:
        // Section 2.5.6: keep the peer's timer from expiring.
        out.actions.push_back({SessionActionType::SEND_KEEPALIVE, 0, Time()});
        m_keepAliveDeadline = now + GetKeepAliveSendInterval();
        out.actions.push_back({SessionActionType::START_KEEPALIVE_TIMER, 0, m_keepAliveDeadline});
        break;
    case Step::TEARDOWN_STATUS:
        Teardown(now, true, status, true, out);
        break;
    case Step::TEARDOWN_UNEXPECTED:
        Teardown(now, true, STATUS_SHUTDOWN, true, out);
        break;
    case Step::TEARDOWN_TIMEOUT:
        // Section 3.5.1.2 "Session KeepAlive Timer Expiration".
        Teardown(now, true, STATUS_KEEPALIVE_TIMER_EXPIRED, true, out);
        break;
    case Step::PEER_SHUTDOWN:
        // Section 3.5.1.1: a fatal error closes the transport connection.
        Teardown(now, false, 0, true, out);
        break;
    case Step::CONNECTION_LOST:
        Teardown(now, false, 0, false, out);
        break;
    }
}

void
SessionFsm::StartKeepAlive(uint16_t peerKeepAlive, Time now, SessionActions& out)
{
    // Section 3.5.3: the negotiated KeepAlive time is the smaller proposal.
    m_negotiatedKeepAlive = std::min(m_config.keepAliveTime, peerKeepAlive);
    if (m_negotiatedKeepAlive == 0)
    {
        m_negotiatedKeepAlive = std::max(m_config.keepAliveTime, peerKeepAlive);
    }
    m_keepAliveRunning = true;
    m_keepAliveDeadline = now + GetKeepAliveSendInterval();
    out.actions.push_back({SessionActionType::START_KEEPALIVE_TIMER, 0, m_keepAliveDeadline});
    m_holdRunning = true;
    m_holdDeadline = now + Seconds(m_negotiatedKeepAlive);
    out.actions.push_back({SessionActionType::START_HOLD_TIMER, 0, m_holdDeadline});
}

void
SessionFsm::Teardown(
    Time now, bool sendNotification, uint32_t status, bool close, SessionActions& out)
{
    if (sendNotification)
    {
        out.actions.push_back({SessionActionType::SEND_NOTIFICATION, status, Time()});
    }
    if (close)
    {
        out.actions.push_back({SessionActionType::CLOSE_TCP, 0, Time()});
    }
    out.actions.push_back({SessionActionType::STOP_TIMERS, 0, Time()});
    m_holdRunning = false;
    m_keepAliveRunning = false;
    // Section 2.5.3: the active LSR throttles its next attempt after one
    // that failed to reach OPERATIONAL.
    if (m_role == SessionRole::ACTIVE && m_state != S::OPERATIONAL)
    {
        m_nextAttempt = now + m_backoff.Fail();
        out.retryAfter = m_nextAttempt;
    }
}

void
SessionFsm::SetState(SessionState next, SessionEvent cause, SessionActions& out)
{
    if (next == m_state)
    {
        return;
    }
    NS_LOG_INFO(m_state << " -> " << next << " on " << cause);
    out.transitions.push_back({m_state, next, cause});
    m_state = next;
}

SessionActions
SessionFsm::TcpConnected(Time now)
{
    return ProcessEvent(E::TCP_CONNECTED, now);
}

SessionActions
SessionFsm::ReceiveInitialization(const CommonSessionParamsTlv& received,
                                  Ipv4Address localLsrId,
                                  uint16_t localLabelSpace,
                                  Time now)
{
    const uint32_t verdict = EvaluateInitialization(received, localLsrId, localLabelSpace);
    if (verdict == STATUS_SUCCESS)
    {
        return ProcessEvent(E::INIT_ACCEPTABLE, now, 0, received.keepAliveTime);
    }
    return ProcessEvent(E::INIT_UNACCEPTABLE, now, verdict);
}

SessionActions
SessionFsm::ReceiveKeepAlive(Time now)
{
    return ProcessEvent(E::KEEPALIVE_RECEIVED, now);
}

SessionActions
SessionFsm::ReceiveOther(Time now)
{
    return ProcessEvent(E::OTHER_MESSAGE_RECEIVED, now);
}

SessionActions
SessionFsm::ReceiveNotification(const StatusTlv& status, Time now)
{
    // Section 3.5.1.1: the E bit decides between teardown and advisory.
    return ProcessEvent(status.fatal ? E::FATAL_NOTIFICATION_RECEIVED : E::OTHER_MESSAGE_RECEIVED,
                        now);
}

SessionActions
SessionFsm::HoldTimerExpired(Time now)
{
    return ProcessEvent(E::HOLD_TIMER_EXPIRED, now);
}

SessionActions
SessionFsm::KeepAliveTimerExpired(Time now)
{
    return ProcessEvent(E::KEEPALIVE_TIMER_EXPIRED, now);
}

SessionActions
SessionFsm::Shutdown(uint32_t status, Time now)
{
    return ProcessEvent(E::SHUTDOWN, now, status);
}

SessionActions
SessionFsm::TcpClosed(Time now)
{
    return ProcessEvent(E::TCP_CLOSED, now);
}

SessionState
SessionFsm::GetState() const
{
    return m_state;
}

SessionRole
SessionFsm::GetRole() const
{
    return m_role;
}

uint16_t
SessionFsm::GetNegotiatedKeepAlive() const
{
    return m_negotiatedKeepAlive;
}

Time
SessionFsm::GetKeepAliveSendInterval() const
{
    const int64_t ns = static_cast<int64_t>(m_negotiatedKeepAlive) * 1000000000LL;
    return NanoSeconds(ns / m_config.keepAliveSendDivisor);
}

Time
SessionFsm::GetNextAttemptTime() const
{
    return m_nextAttempt;
}

bool
SessionFsm::MayConnect(Time now) const
{
    return m_role == SessionRole::PASSIVE || now >= m_nextAttempt;
}

void
SessionFsm::ResetBackoff()
{
    m_backoff.Reset();
    m_nextAttempt = Seconds(0);
}

// ----------------------------------------------------------------- printing

std::ostream&
operator<<(std::ostream& os, SessionState state)
{
    switch (state)
    {
    case S::NON_EXISTENT:
        return os << "NON EXISTENT";
    case S::INITIALIZED:
        return os << "INITIALIZED";
    case S::OPENREC:
        return os << "OPENREC";
    case S::OPENSENT:
        return os << "OPENSENT";
    case S::OPERATIONAL:
        return os << "OPERATIONAL";
    }
    return os << "State(" << static_cast<int>(state) << ")";
}

std::ostream&
operator<<(std::ostream& os, SessionRole role)
{
    return os << (role == SessionRole::ACTIVE ? "active role" : "passive role");
}

std::ostream&
operator<<(std::ostream& os, SessionEvent event)
{
    static const char* const names[] = {
        "TcpConnected",
        "InitSent",
        "InitAcceptable",
        "InitUnacceptable",
        "KeepAliveReceived",
        "OtherMessageReceived",
        "FatalNotificationReceived",
        "HoldTimerExpired",
        "KeepAliveTimerExpired",
        "Shutdown",
        "TcpClosed",
    };
    const auto i = static_cast<size_t>(event);
    if (i < sizeof(names) / sizeof(names[0]))
    {
        return os << names[i];
    }
    return os << "Event(" << i << ")";
}

std::ostream&
operator<<(std::ostream& os, SessionActionType type)
{
    static const char* const names[] = {
        "SendInitialization",
        "SendKeepAlive",
        "SendNotification",
        "CloseTcp",
        "StartKeepAliveTimer",
        "StartHoldTimer",
        "StopTimers",
    };
    const auto i = static_cast<size_t>(type);
    if (i < sizeof(names) / sizeof(names[0]))
    {
        return os << names[i];
    }
    return os << "Action(" << i << ")";
}

std::ostream&
operator<<(std::ostream& os, const SessionAction& action)
{
    os << action.type;
    if (action.type == SessionActionType::SEND_NOTIFICATION)
    {
        os << " " << StatusCodeName(action.status);
    }
    if (action.type == SessionActionType::START_HOLD_TIMER ||
        action.type == SessionActionType::START_KEEPALIVE_TIMER)
    {
        os << " at " << action.at.As(Time::S);
    }
    return os;
}

} // namespace ldp
} // namespace ns3
