/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * LDP session establishment and maintenance (RFC 5036 sections 2.5.2 to
 * 2.5.6) as a pure state machine: it owns the state of one session and
 * tells its driver what to do, but does no I/O, keeps no timers and reads
 * no clock. The driver (ldp::Session) passes the current time into
 * every call, performs the returned SessionActions in order, runs two timers
 * (the KeepAlive send timer and the session hold timer) whose expiry it
 * reports back, and fires its "StateChange" TracedCallback for each
 * returned SessionTransition.
 *
 * The acceptability of a received Initialization message is decided apart
 * from the machine, by EvaluateInitialization(): the machine only sees the
 * verdict (acceptable, or the Session Rejected status to send).
 *
 * Choices where RFC 5036 leaves freedom:
 *  - The "timeout" of the Session Initialization State Transition Diagram
 *    (section 2.5.4) is the session hold timer armed when the transport
 *    connection comes up, with SessionFsmConfig::initTimeout; the RFC names
 *    no value.
 *  - The "NAK" sent for an unexpected message during initialization is a
 *    Shutdown Notification; for a timeout it is KeepAlive Timer Expired.
 *  - Expiry of the session hold timer (the KeepAlive timer of section
 *    2.5.6) sends KeepAlive Timer Expired (section 3.5.1.2). Hold Timer
 *    Expired belongs to Hello adjacencies: the driver sends it through
 *    Shutdown() when the last adjacency of the session expires (2.5.5).
 *  - An Initialization received in OPERATIONAL counts as "any other LDP
 *    message" (the diagram's self-loop).
 *  - Initialization backoff (section 2.5.3) applies to the active role
 *    after any attempt that ends before OPERATIONAL, and is reset when a
 *    session reaches OPERATIONAL or by ResetBackoff().
 */
#ifndef IPVPN_LDP_SESSION_FSM_H
#define IPVPN_LDP_SESSION_FSM_H

#include "ns3/ipv4-address.h"
#include "ns3/ipvpn-fsm-table.h"
#include "ns3/ldp-parameter-tlvs.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <optional>
#include <ostream>
#include <vector>

namespace ns3
{
namespace ldp
{

/// Session states of the RFC 5036 section 2.5.4 diagram.
enum class SessionState : uint8_t
{
    NON_EXISTENT,
    INITIALIZED,
    OPENREC,
    OPENSENT,
    OPERATIONAL,
};

/// Section 2.5.2: the LSR with the greater transport address is active.
enum class SessionRole : uint8_t
{
    ACTIVE,
    PASSIVE,
};

/// Inputs of the state machine.
enum class SessionEvent : uint8_t
{
    TCP_CONNECTED,               ///< the session transport connection is up
    INIT_SENT,                   ///< internal: the active role sends its Init
    INIT_ACCEPTABLE,             ///< Initialization received, parameters accepted
    INIT_UNACCEPTABLE,           ///< Initialization received, parameters rejected
    KEEPALIVE_RECEIVED,          ///< KeepAlive message received
    OTHER_MESSAGE_RECEIVED,      ///< any other LDP message (or non-fatal Notification)
    FATAL_NOTIFICATION_RECEIVED, ///< Notification with the E bit set
    HOLD_TIMER_EXPIRED,          ///< no PDU from the peer in time (section 2.5.6)
    KEEPALIVE_TIMER_EXPIRED,     ///< time to send our KeepAlive
    SHUTDOWN,                    ///< local decision: send a fatal Notification
    TCP_CLOSED,                  ///< the transport connection went away
};

/// Section 2.5.2: our role from the two transport addresses.
SessionRole DetermineRole(Ipv4Address localTransport, Ipv4Address peerTransport);

/// Tunables; ldp::Protocol exposes them as attributes (KeepAliveTime, ...).
struct SessionFsmConfig
{
    /// Our proposed KeepAlive time, seconds (section 3.5.3). RFC 5036 names
    /// no default; 180 s is the usual one (and ldpd's).
    uint16_t keepAliveTime = 180;
    /// KeepAlives are sent every negotiated time divided by this (section
    /// 2.5.6 leaves the rate to us; 3 gives the customary third).
    uint32_t keepAliveSendDivisor = 3;
    /// Session initialization timeout (section 2.5.4 "timeout"; no RFC value).
    Time initTimeout = Seconds(15);
    /// First Initialization backoff delay (section 2.5.3: no less than 15 s).
    Time backoffInitial = Seconds(15);
    /// Backoff cap (section 2.5.3: no less than 2 minutes).
    Time backoffMax = Minutes(2);
};

/// Kinds of action the driver performs.
enum class SessionActionType : uint8_t
{
    SEND_INITIALIZATION,
    SEND_KEEPALIVE,
    SEND_NOTIFICATION, ///< fatal Notification carrying `status`
    CLOSE_TCP,
    START_KEEPALIVE_TIMER, ///< (re)arm the KeepAlive send timer for `at`
    START_HOLD_TIMER,      ///< (re)arm the session hold timer for `at`
    STOP_TIMERS,           ///< cancel both timers
};

/// One thing to do, in order.
struct SessionAction
{
    SessionActionType type;
    uint32_t status = 0; ///< StatusCode, for SEND_NOTIFICATION
    Time at;             ///< absolute expiry, for the START_* actions

    bool operator==(const SessionAction& o) const;
};

/// One state change, for the driver's StateChange trace.
struct SessionTransition
{
    SessionState from;
    SessionState to;
    SessionEvent event;
};

/// What the driver must do after one call into the machine.
struct SessionActions
{
    std::vector<SessionAction> actions;
    std::vector<SessionTransition> transitions;
    /// Set when the active role must wait before the next connection
    /// attempt (section 2.5.3): do not connect before this time.
    std::optional<Time> retryAfter;
    /// The event was not expected in this state and was ignored.
    bool ignored = false;

    /// \return true when an action of this type is present.
    bool Has(SessionActionType type) const;
    /// \return the first action of this type, or nullptr.
    const SessionAction* Find(SessionActionType type) const;
};

/// Section 2.5.3 exponential backoff of Initialization attempts.
class InitBackoff
{
  public:
    InitBackoff(Time initial, Time max);
    /// A failed attempt: \return the delay before the next one, then double.
    Time Fail();
    /// Back to the initial delay (section 2.5.3: after a success or a
    /// configuration change).
    void Reset();
    /// Delay the next Fail() returns.
    Time Peek() const;

  private:
    Time m_initial;
    Time m_max;
    Time m_next;
};

/// Negotiated results of the Initialization exchange.
struct SessionParameters
{
    uint16_t keepAliveTime = 0;   ///< min of both proposals (section 3.5.3)
    uint16_t maxPduLength = 4096; ///< min of both, 0 or <= 255 meaning 4096
    bool downstreamOnDemand = false;
};

/**
 * Decision logic of section 2.5.3 "Initialization message receipt": checks a
 * received Common Session Parameters TLV against our own and our LDP
 * identifier. \return STATUS_SUCCESS when acceptable, else the status of the
 * Notification to send (Bad Protocol Version, Session Rejected/No Hello,
 * Session Rejected/Parameters KeepAlive Time).
 */
uint32_t EvaluateInitialization(const CommonSessionParamsTlv& received,
                                Ipv4Address localLsrId,
                                uint16_t localLabelSpace);

/// Section 3.5.3: negotiated parameters from both proposals. Advertisement
/// mode: Downstream on Demand only when both ask for it (for non-ATM/FR
/// links the RFC falls back to Downstream Unsolicited on disagreement).
SessionParameters NegotiateSession(const CommonSessionParamsTlv& local,
                                   const CommonSessionParamsTlv& received);

/// State and decisions of one LDP session.
class SessionFsm
{
  public:
    SessionFsm(SessionRole role, const SessionFsmConfig& config = SessionFsmConfig());

    /// The one entry point: applies the transition table (section 2.5.4).
    /// `status` is the Notification status for INIT_UNACCEPTABLE and
    /// SHUTDOWN; `peerKeepAlive` the peer's proposal for INIT_ACCEPTABLE.
    SessionActions ProcessEvent(SessionEvent event,
                                Time now,
                                uint32_t status = 0,
                                uint16_t peerKeepAlive = 0);

    /// Convenience wrappers over ProcessEvent.
    SessionActions TcpConnected(Time now);
    /// Evaluates `received` (EvaluateInitialization) and feeds the verdict.
    SessionActions ReceiveInitialization(const CommonSessionParamsTlv& received,
                                         Ipv4Address localLsrId,
                                         uint16_t localLabelSpace,
                                         Time now);
    SessionActions ReceiveKeepAlive(Time now);
    SessionActions ReceiveOther(Time now);
    SessionActions ReceiveNotification(const StatusTlv& status, Time now);
    /// A timer fired; stale or early calls are ignored.
    SessionActions HoldTimerExpired(Time now);
    SessionActions KeepAliveTimerExpired(Time now);
    SessionActions Shutdown(uint32_t status, Time now);
    SessionActions TcpClosed(Time now);

    SessionState GetState() const;
    SessionRole GetRole() const;
    /// Negotiated KeepAlive time in seconds, 0 before negotiation.
    uint16_t GetNegotiatedKeepAlive() const;
    /// Interval of our KeepAlives: negotiated time / keepAliveSendDivisor.
    Time GetKeepAliveSendInterval() const;
    /// Earliest time the active role may open the connection again.
    Time GetNextAttemptTime() const;
    /// True when a connection attempt at `now` respects the backoff.
    bool MayConnect(Time now) const;
    /// Section 2.5.3 / 3.5.2: forget the backoff (e.g. on a changed
    /// Configuration Sequence Number).
    void ResetBackoff();

  private:
    /// What a table row does besides changing state.
    enum class Step : uint8_t
    {
        IGNORE,
        START_INIT,          ///< arm the initialization timeout
        SEND_INIT,           ///< active: Tx Init
        ACCEPT_PASSIVE,      ///< Tx Init and KeepAlive, negotiate
        ACCEPT_ACTIVE,       ///< Tx KeepAlive, negotiate
        BECOME_OPERATIONAL,  ///< refresh hold timer, reset backoff
        REFRESH_HOLD,        ///< any PDU from the peer
        SEND_KEEPALIVE,      ///< periodic KeepAlive
        TEARDOWN_STATUS,     ///< Tx Notification(status), close
        TEARDOWN_UNEXPECTED, ///< Tx Notification(Shutdown), close
        TEARDOWN_TIMEOUT,    ///< Tx Notification(KeepAlive Timer Expired), close
        PEER_SHUTDOWN,       ///< fatal Notification received: close
        CONNECTION_LOST,     ///< transport gone: clean up
    };

    /// The section 2.5.4 table in the shared shape (ipvpn-fsm-table.h); two
    /// rows apply to one role only, as the diagram marks them.
    using Table = FsmTable<SessionState, SessionEvent, Step, SessionRole>;

    static const Table& Transitions();

    /// The row for (state, event, role), or nullptr.
    const Table::Row* Lookup(SessionEvent event) const;
    /// Performs a row's step into `out`.
    void RunStep(Step step, Time now, uint32_t status, uint16_t peerKeepAlive, SessionActions& out);
    /// Common end of all teardowns: stop timers, close, apply backoff.
    void Teardown(
        Time now, bool sendNotification, uint32_t status, bool close, SessionActions& out);
    /// Negotiates the KeepAlive time and arms both timers.
    void StartKeepAlive(uint16_t peerKeepAlive, Time now, SessionActions& out);
    /// The one place the state changes.
    void SetState(SessionState next, SessionEvent cause, SessionActions& out);

    SessionRole m_role;
    SessionFsmConfig m_config;
    SessionState m_state;
    uint16_t m_negotiatedKeepAlive; ///< section 3.5.3, seconds
    Time m_holdDeadline;            ///< session hold timer (section 2.5.6)
    Time m_keepAliveDeadline;       ///< next KeepAlive to send
    bool m_holdRunning;
    bool m_keepAliveRunning;
    InitBackoff m_backoff; ///< section 2.5.3
    Time m_nextAttempt;
};

std::ostream& operator<<(std::ostream& os, SessionState state);
std::ostream& operator<<(std::ostream& os, SessionRole role);
std::ostream& operator<<(std::ostream& os, SessionEvent event);
std::ostream& operator<<(std::ostream& os, SessionActionType type);
std::ostream& operator<<(std::ostream& os, const SessionAction& action);

} // namespace ldp
} // namespace ns3

#endif // IPVPN_LDP_SESSION_FSM_H
