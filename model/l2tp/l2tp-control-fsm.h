/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Control connection establishment of RFC 2661 section 7.2 as a pure state
 * machine: no simulator, no I/O, no clock of its own. The driver
 * (l2tp::ControlConnection) passes the current time into every call, puts
 * Actions::send on the wire (Ns/Nr already filled in), and calls Expire()
 * at Actions::wakeUp.
 *
 * This class keeps the message bodies, runs the table and talks to
 * ReliableDeliveryEngine (section 5.8) for Ns/Nr, acknowledgement and
 * retransmission. The decisions on a received SCCRQ/SCCRP/SCCCN (is it
 * acceptable, does the Challenge Response match, who wins the tie) are
 * made by l2tp-control-messages before the table is consulted and turn the
 * message into one Event.
 *
 * Choices where RFC 2661 leaves freedom or this model is narrower:
 *  - An external decision (the RADIUS step) may authorise the peer before
 *    the tunnel comes up, on either end, when ControlFsmConfig::
 *    holdForAuthorization is set. Two local states, not in RFC 2661, hold
 *    the connection meanwhile:
 *     - WAIT_AUTHORIZATION follows wait-ctl-conn: the responder holds an
 *       acceptable SCCCN; Authorize(true) brings it up, Authorize(false)
 *       sends a StopCCN with Result Code 4 ("requester is not authorized",
 *       4.4.2: the requester is the initiator, the peer being refused).
 *     - WAIT_REPLY_AUTHORIZATION follows wait-ctl-reply: the initiator
 *       holds an acceptable SCCRP (Challenge Response checked when a
 *       secret is set) and sends no SCCCN yet. Authorize(true) sends the
 *       SCCCN and the initiator is established (7.2); Authorize(false)
 *       sends a StopCCN with Result Code 1 ("general request to clear
 *       control connection"), Error Code 0 and an Error Message: codes 4,
 *       5 and 6 of 4.4.2 describe the requester, which is ourselves here,
 *       and code 2 needs a General Error Code, none of which is a policy
 *       refusal ("try another" is advice to the initiator).
 *    While holding, received messages are acknowledged as usual (5.8: a
 *    ZLB after the ack delay when nothing else carries Nr), so the peer
 *    does not retransmit; a retransmitted SCCRP or SCCCN is a 5.8
 *    duplicate and asks for no second decision. The hold has no timer of
 *    its own: the peer's retransmission limit, its StopCCN or our Close()
 *    end it, and the decider is expected to answer in bounded time.
 *  - A message of unknown type whose Message Type AVP has the M bit, in
 *    any state but idle, clears the tunnel with a StopCCN, Result Code 2
 *    and Error Code 3 (4.4.1; the AVP is known, its value out of range);
 *    without the M bit it is acknowledged (5.8) and ignored. A HELLO with
 *    an unknown M=1 AVP clears it with Result Code 2, Error Code 8 (4.1),
 *    as SCCRQ, SCCRP and SCCCN do.
 *  - One object is one control connection. An SCCRQ that belongs to a
 *    different connection (no Tie Breaker on either side, or a different
 *    Assigned Tunnel ID) is returned in Actions::newConnections for
 *    the driver to give to a fresh ControlFsm.
 *  - After a StopCCN (sent or received) the sequence state is kept in idle
 *    for ControlFsmConfig::stopCcnHold (section 5.7: a full retransmission
 *    cycle) so the StopCCN is retransmitted or acknowledged, then freed
 *    (Actions::released); later messages of that connection are dropped.
 *    A new Open() or SCCRQ starts a fresh sequence state at any time.
 *  - Hidden AVPs (section 4.3) are recovered with the tunnel secret and the
 *    Random Vector AVP before them as soon as a message arrives; one that
 *    cannot be recovered (no secret, no Random Vector, wrong secret) stays
 *    hidden, counts as missing where it is mandatory, and is counted in
 *    GetHiddenFailureCount(). With hideAvps set, every hideable AVP we send
 *    is hidden (one Random Vector per message).
 *  - Sessions (section 7.4) live in a SessionTable owned by this object:
 *    session messages (ICRQ, ICRP, ICCN, CDN) received while established
 *    go to it, its messages go out on this connection's reliable delivery,
 *    the tunnel-open event starts waiting calls and clearing the tunnel
 *    clears every session. Session messages that arrive while the
 *    responder waits for authorization are held and handed over once the
 *    tunnel is up (dropped if it is refused).
 */
#ifndef IPVPN_L2TP_CONTROL_FSM_H
#define IPVPN_L2TP_CONTROL_FSM_H

#include "l2tp-control-messages.h"
#include "l2tp-packet-header.h"
#include "l2tp-reliable-delivery-engine.h"
#include "l2tp-session-table.h"

#include "ns3/ipvpn-fsm-table.h"
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
    /// RFC 2661 7.2 states, plus the local WAIT_REPLY_AUTHORIZATION and
    /// WAIT_AUTHORIZATION (see the file comment).
    enum State
    {
        IDLE,
        WAIT_CTL_REPLY,
        WAIT_REPLY_AUTHORIZATION, ///< initiator: SCCRP held for Authorize()
        WAIT_CTL_CONN,
        WAIT_AUTHORIZATION, ///< responder: SCCCN held for Authorize()
        ESTABLISHED,
    };

    /// Events after the received message has been judged.
    enum Event
    {
        OPEN,            ///< local open request
        CLOSE,           ///< administrative tunnel close
        RX_SCCRQ,        ///< SCCRQ, acceptable where one is expected
        RX_SCCRP,        ///< SCCRP, acceptable where one is expected
        RX_SCCRP_HOLD,   ///< acceptable SCCRP, held for authorization
        RX_SCCCN,        ///< SCCCN, acceptable where one is expected
        RX_SCCCN_HOLD,   ///< acceptable SCCCN, held for authorization
        RX_BAD,          ///< the expected message is not acceptable
        RX_TIE_WON,      ///< peer's SCCRQ loses the tie (4.4.3)
        RX_TIE_LOST,     ///< our SCCRQ loses the tie (4.4.3)
        RX_TIE_EQUAL,    ///< equal Tie Breakers: both give up (4.4.3)
        RX_STOPCCN,      ///< Stop-Control-Connection-Notification
        RX_HELLO,        ///< keepalive (6.5)
        RX_OTHER,        ///< any other control message (session level)
        RX_UNKNOWN_MANDATORY, ///< unknown type with M=1 (4.4.1), or an
                              ///< unknown M=1 AVP in a HELLO (4.1)
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
        std::vector<PacketHeader> send;
        /// State changes (old, new) in the order they happened.
        std::vector<std::pair<State, State>> transitions;
        bool tunnelUp = false;   ///< the tunnel is (or became) established
        bool tunnelDown = false; ///< connection or attempt ended
        DownReason downReason = DOWN_NONE;
        /// StopCCN Result Code sent or received with the down event.
        uint16_t resultCode = 0;
        /// This end now waits for Authorize() (holdForAuthorization): the
        /// responder holds an SCCCN, or the initiator an SCCRP.
        bool authorizationRequested = false;
        /// Control messages received while established that are neither
        /// tunnel nor session messages (OCRQ/OCRP/OCCN, WEN, SLI, unknown
        /// types without the M bit).
        std::vector<PacketHeader> upperLayer;
        /// Sessions that came up or ended (7.4, 7.7), in order.
        std::vector<SessionEvent> sessionEvents;
        /// Messages of send that are retransmissions (5.8).
        uint32_t retransmissions = 0;
        /// The StopCCN hold-down ended: the connection state was freed (5.7).
        bool released = false;
        /// SCCRQs for another control connection (see the file comment).
        std::vector<PacketHeader> newConnections;
        /// Call Expire() at this time.
        bool hasWakeUp = false;
        Time wakeUp;
    };

    explicit ControlFsm(const ControlFsmConfig& config = ControlFsmConfig(),
                        const SessionConfig& sessions = SessionConfig());

    /// Local open request: sends an SCCRQ from idle.
    Actions Open(Time now);
    /// Administrative close: StopCCN with this Result Code, then idle.
    Actions Close(Time now, uint16_t resultCode = STOPCCN_CLEAR);
    /// A decoded control message arrived from the peer.
    Actions Receive(const PacketHeader& message, Time now);
    /// The driver's timer for Actions::wakeUp fired.
    Actions Expire(Time now);
    /// The external authorization decision on a held SCCCN (responder)
    /// or SCCRP (initiator); ignored when nothing is held.
    Actions Authorize(bool accept, Time now);
    /**
     * LAC side of a new incoming call (7.4.1): its ICRQ goes out now when
     * the tunnel is established, else once it is; from idle the tunnel is
     * opened (7.4.1 "initiate local tunnel open").
     * \param[out] localSessionId our Session ID, 0 if none is free
     */
    Actions OpenSession(Time now, uint16_t& localSessionId);
    /// Local close of one session: CDN with this Result Code (7.7).
    Actions CloseSession(uint16_t localSessionId,
                         Time now,
                         uint16_t resultCode = CDN_ADMINISTRATIVE,
                         uint16_t errorCode = ERROR_NONE,
                         const std::string& errorMessage = "");

    State GetState() const
    {
        return m_state;
    }

    /// In WAIT_AUTHORIZATION or WAIT_REPLY_AUTHORIZATION: Authorize() is due.
    bool IsAwaitingAuthorization() const
    {
        return m_state == WAIT_AUTHORIZATION || m_state == WAIT_REPLY_AUTHORIZATION;
    }

    uint16_t GetPeerTunnelId() const
    {
        return m_peer.tunnelId;
    }

    const std::string& GetPeerHostName() const
    {
        return m_peer.hostName;
    }

    const ReliableDeliveryEngine& GetDelivery() const
    {
        return m_delivery;
    }

    const SessionTable& GetSessions() const
    {
        return m_sessions;
    }

    /// Idle, keeping a finished connection's state for a retransmitted
    /// StopCCN (5.7).
    bool IsHoldingDown() const
    {
        return m_holding;
    }

    /// Hidden AVPs received that could not be recovered (4.3).
    uint32_t GetHiddenFailureCount() const
    {
        return m_hiddenFailures;
    }

    /// Control messages retransmitted so far (5.8).
    uint32_t GetRetransmissionCount() const
    {
        return m_retransmissions;
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
    /// The section 7.2 table in the shared shape (ipvpn-fsm-table.h).
    using Table = FsmTable<State, Event, ActionFn>;

    static const Table& Transitions();

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
    void HoldForTunnel(Time now, Actions& out);

    // Decision logic: judge a received message, fill m_cause on failure.
    Event JudgeSccrq(const PacketHeader& m);
    Event JudgeSccrp(const PacketHeader& m);
    Event JudgeScccn(const PacketHeader& m);
    /// RX_BAD with m_cause filled when r refuses, else ok.
    Event FromRefusal(const Refusal& r, Event ok);
    void Refuse(DownReason reason, uint16_t result, uint16_t error, const std::string& text);

    /// Fresh sequence state and message stores for a new connection.
    void StartConnection(Time now);
    void HandleSccrq(const PacketHeader& m, Time now, Actions& out);
    /// Hands a message (or ZLB) of this connection to the 5.8 engine.
    void Feed(const PacketHeader& m, Time now, Actions& out);
    void Dispatch(const PacketHeader& m, Time now, Actions& out);
    MessageHandle SendMessage(const PacketHeader& m, Time now, Actions& out);
    void Apply(const DeliveryActions& d, Time now, Actions& out);
    Actions& Finish(Actions& out);
    /// 4.3: recovers the hidden AVPs of a received message in place.
    void RecoverHidden(PacketHeader& m);
    /// 4.3: hides the hideable AVPs of a message we are about to send.
    void HideForSending(PacketHeader& m);
    /// Gives a message of the session level to the session table.
    void RouteUp(const PacketHeader& m, Time now, Actions& out);
    /// Carries out what the session table asked for.
    void ApplySessions(const SessionTable::Actions& a, Time now, Actions& out);
    /// 5.7: keep the state for a retransmitted StopCCN until now + hold.
    void StartHold(Time now);
    /// 5.7: the hold is over; forget the connection's sequence state.
    void Release(Time now, Actions& out);

    ControlFsmConfig m_config;
    State m_state;
    ReliableDeliveryEngine m_delivery; ///< RFC 2661 5.8 state
    MessageHandle m_nextHandle;
    std::map<MessageHandle, PacketHeader> m_sent; ///< bodies awaiting ack
    std::map<MessageHandle, PacketHeader> m_held; ///< bodies awaiting delivery
    bool m_hasDeliveryWake;
    Time m_deliveryWake;

    PeerParameters m_peer;                   ///< from the SCCRQ / SCCRP
    const PacketHeader* m_current;           ///< message being dispatched
    Cause m_cause;                           ///< for the next clean-up
    Time m_lastRx;                           ///< last message from the peer
    Time m_lastHello;                        ///< last HELLO we sent
    bool m_helloPending;                     ///< a HELLO awaits its ack
    MessageHandle m_helloHandle;
    uint32_t m_drops;

    SessionTable m_sessions;                ///< 7.4 sessions of this tunnel
    std::vector<PacketHeader> m_pendingUpper; ///< held in wait-authorization
    bool m_holding;                         ///< 5.7 hold-down running
    Time m_holdUntil;                       ///< its end
    uint32_t m_hiddenFailures;              ///< 4.3 values not recovered
    uint32_t m_retransmissions;             ///< 5.8 retransmissions sent
    uint32_t m_randomVectors;               ///< Random Vectors made so far
};

std::ostream& operator<<(std::ostream& os, ControlFsm::State state);
std::ostream& operator<<(std::ostream& os, ControlFsm::Event event);

} // namespace l2tp
} // namespace ns3

#endif // IPVPN_L2TP_CONTROL_FSM_H
