/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Control connection establishment of RFC 2661 section 7.2 as a pure state
 * machine: no simulator, no I/O, no clock of its own. The driver (the later
 * ns-3 ControlConnection) passes the current time into every call, puts
 * ControlActions::send on the wire (Ns/Nr already filled in), and calls
 * Expire() at ControlActions::wakeUp.
 *
 * The engine (this class) keeps the message bodies, runs the table and
 * talks to ReliableDelivery (section 5.8) for Ns/Nr, acknowledgement and
 * retransmission. The decisions on a received SCCRQ/SCCRP/SCCCN (is it
 * acceptable, does the Challenge Response match, who wins the tie) are
 * made by l2tp-control-messages before the table is consulted and turn the
 * message into one Event.
 *
 * Choices where RFC 2661 leaves freedom or this model is narrower:
 *  - A local state WAIT_AUTHORIZATION follows wait-ctl-conn when the
 *    responder holds the SCCCN for an external decision (the later RADIUS
 *    step); it is not in RFC 2661.
 *  - One object is one control connection. An SCCRQ that belongs to a
 *    different connection (no Tie Breaker on either side, or a different
 *    Assigned Tunnel ID) is returned in ControlActions::newConnections for
 *    the driver to give to a fresh ControlFsm.
 *  - After a StopCCN (sent or received) the sequence state is kept in idle
 *    so the StopCCN is retransmitted or acknowledged (section 5.7); a new
 *    Open() or SCCRQ starts a fresh sequence state.
 *  - Hidden AVPs (section 4.3) are not recovered: a hidden Assigned Tunnel
 *    ID counts as missing.
 */
#ifndef L2TP_CONTROL_FSM_H
#define L2TP_CONTROL_FSM_H

#include "l2tp-control-messages.h"
#include "l2tp-header.h"
#include "l2tp-reliable-delivery.h"

#include "ns3/nstime.h"

#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace l2tp
{

/// The control connection of one tunnel (RFC 2661 section 7.2).
class ControlFsm
{
  public:
    /// RFC 2661 7.2 states, plus the local WAIT_AUTHORIZATION.
    enum State
    {
        IDLE,
        WAIT_CTL_REPLY,
        WAIT_CTL_CONN,
        WAIT_AUTHORIZATION,
        ESTABLISHED,
    };

    /// Events after the received message has been judged.
    enum Event
    {
        OPEN,            ///< local open request
        CLOSE,           ///< administrative tunnel close
        RX_SCCRQ,        ///< SCCRQ, acceptable where one is expected
        RX_SCCRP,        ///< SCCRP, acceptable where one is expected
        RX_SCCCN,        ///< SCCCN, acceptable where one is expected
        RX_SCCCN_HOLD,   ///< acceptable SCCCN, held for authorization
        RX_BAD,          ///< the expected message is not acceptable
        RX_TIE_WON,      ///< peer's SCCRQ loses the tie (4.4.3)
        RX_TIE_LOST,     ///< our SCCRQ loses the tie (4.4.3)
        RX_TIE_EQUAL,    ///< equal Tie Breakers: both give up (4.4.3)
        RX_STOPCCN,      ///< Stop-Control-Connection-Notification
        RX_HELLO,        ///< keepalive (6.5)
        RX_OTHER,        ///< any other control message (session level)
        AUTH_ACCEPT,     ///< Authorize(true)
        AUTH_REJECT,     ///< Authorize(false)
        HELLO_DUE,       ///< no message from the peer for helloInterval
        DELIVERY_FAILED, ///< section 5.8 retry limit reached
    };

    /// Why the tunnel (or the attempt to build it) ended.
    enum DownReason
    {
        DOWN_NONE,
        DOWN_LOCAL_CLOSE,      ///< Close()
        DOWN_PEER_STOPCCN,     ///< the peer sent a StopCCN
        DOWN_AUTH_FAILED,      ///< Challenge Response mismatch or missing
        DOWN_NOT_AUTHORIZED,   ///< Authorize(false)
        DOWN_PROTOCOL_ERROR,   ///< unacceptable or unexpected message
        DOWN_TIE_BREAK,        ///< equal Tie Breakers
        DOWN_DELIVERY_FAILED,  ///< retransmission limit (5.8)
    };

    /// Everything the driver must do after one call.
    struct Actions
    {
        /// Messages to put on the wire now, in order, Ns/Nr filled in;
        /// ZLB acknowledgements are control headers without AVPs.
        std::vector<L2tpHeader> send;
        /// State changes (old, new) in the order they happened.
        std::vector<std::pair<State, State>> transitions;
        bool tunnelUp = false;   ///< the tunnel is (or became) established
        bool tunnelDown = false; ///< connection or attempt ended
        DownReason downReason = DOWN_NONE;
        /// StopCCN Result Code sent or received with the down event.
        uint16_t resultCode = 0;
        /// The responder waits for Authorize() (holdForAuthorization).
        bool authorizationRequested = false;
        /// Session-level control messages received while established.
        std::vector<L2tpHeader> upperLayer;
        /// SCCRQs for another control connection (see the file comment).
        std::vector<L2tpHeader> newConnections;
        /// Call Expire() at this time.
        bool hasWakeUp = false;
        Time wakeUp;
    };

    explicit ControlFsm(const ControlFsmConfig& config = ControlFsmConfig());

    /// Local open request: sends an SCCRQ from idle.
    Actions Open(Time now);
    /// Administrative close: StopCCN with this Result Code, then idle.
    Actions Close(Time now, uint16_t resultCode = STOPCCN_CLEAR);
    /// A decoded control message arrived from the peer.
    Actions Receive(const L2tpHeader& message, Time now);
    /// The driver's timer for Actions::wakeUp fired.
    Actions Expire(Time now);
    /// The external authorization decision on a held SCCCN.
    Actions Authorize(bool accept, Time now);

    State GetState() const
    {
        return m_state;
    }

    uint16_t GetPeerTunnelId() const
    {
        return m_peer.tunnelId;
    }

    const std::string& GetPeerHostName() const
    {
        return m_peer.hostName;
    }

    const ReliableDelivery& GetDelivery() const
    {
        return m_delivery;
    }

    /// Received messages dropped before the table (malformed, wrong tunnel).
    uint32_t GetDropCount() const
    {
        return m_drops;
    }

    static const char* StateName(State state);
    static const char* EventName(Event event);
    static const char* DownReasonName(DownReason reason);

  private:
    /// What ends the connection, for the next event's clean-up action.
    struct Cause
    {
        DownReason reason = DOWN_PROTOCOL_ERROR;
        uint16_t resultCode = STOPCCN_FSM_ERROR;
        uint16_t errorCode = ERROR_NONE;
        std::string errorMessage;
    };

    using ActionFn = void (ControlFsm::*)(Time now, Actions& out);

    /// One row of the section 7.2 table.
    struct Transition
    {
        State state;
        Event event;
        ActionFn action;
        State next;
    };

    static const std::vector<Transition>& Table();

    /// The single place where the table is applied.
    void ProcessEvent(Event event, Time now, Actions& out);
    /// The single place where m_state changes.
    void SetState(State next, Actions& out);

    // Table actions.
    void DoNothing(Time now, Actions& out);
    void SendSccrq(Time now, Actions& out);
    void SendSccrp(Time now, Actions& out);
    void SendScccnAndUp(Time now, Actions& out);
    void ReportUp(Time now, Actions& out);
    void RequestAuthorization(Time now, Actions& out);
    void StopAndCleanUp(Time now, Actions& out);
    void CleanUp(Time now, Actions& out);
    void AbandonOwnSccrq(Time now, Actions& out);
    void DiscardTunnel(Time now, Actions& out);
    void SendHello(Time now, Actions& out);
    void DeliverUp(Time now, Actions& out);

    // Decision logic: judge a received message, fill m_cause on failure.
    Event JudgeSccrq(const L2tpHeader& m);
    Event JudgeSccrp(const L2tpHeader& m);
    Event JudgeScccn(const L2tpHeader& m);
    /// RX_BAD with m_cause filled when r refuses, else ok.
    Event FromRefusal(const Refusal& r, Event ok);
    void Refuse(DownReason reason, uint16_t result, uint16_t error, const std::string& text);

    /// Fresh sequence state and message stores for a new connection.
    void StartConnection(Time now);
    void HandleSccrq(const L2tpHeader& m, Time now, Actions& out);
    /// Hands a message (or ZLB) of this connection to the 5.8 engine.
    void Feed(const L2tpHeader& m, Time now, Actions& out);
    void Dispatch(const L2tpHeader& m, Time now, Actions& out);
    MessageHandle SendMessage(const L2tpHeader& m, Time now, Actions& out);
    void Apply(const DeliveryActions& d, Time now, Actions& out);
    void CheckHello(Time now, Actions& out);
    Actions& Finish(Actions& out);

    ControlFsmConfig m_config;
    State m_state;
    ReliableDelivery m_delivery;                ///< RFC 2661 5.8 state
    MessageHandle m_nextHandle;
    std::map<MessageHandle, L2tpHeader> m_sent; ///< bodies awaiting ack
    std::map<MessageHandle, L2tpHeader> m_held; ///< bodies awaiting delivery
    bool m_hasDeliveryWake;
    Time m_deliveryWake;

    PeerParameters m_peer;                   ///< from the SCCRQ / SCCRP
    const L2tpHeader* m_current;             ///< message being dispatched
    Cause m_cause;                           ///< for the next clean-up
    Time m_lastRx;                           ///< last message from the peer
    Time m_lastHello;                        ///< last HELLO we sent
    bool m_helloPending;                     ///< a HELLO awaits its ack
    MessageHandle m_helloHandle;
    uint32_t m_drops;
};

std::ostream& operator<<(std::ostream& os, ControlFsm::State state);

} // namespace l2tp
} // namespace ns3

#endif // L2TP_CONTROL_FSM_H
