/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * One L2TP session (an incoming call) as a pure state machine: the LAC side
 * of RFC 2661 section 7.4.1 and the LNS side of 7.4.2, with the session
 * disconnection of 7.7 (CDN) and the clearing of sessions when their tunnel
 * goes away (5.7, 7.6). No simulator, no clock, no I/O: the caller (the
 * SessionTable of a control connection) passes messages in and puts
 * Actions::send on the control connection, whose reliable delivery (5.8)
 * fills in Ns and Nr. Sessions have no timers of their own in RFC 2661;
 * a lost message is the control connection's business.
 *
 * The decisions on a received ICRQ/ICRP/ICCN (are the mandatory AVPs there,
 * l2tp-session-messages.h) are made where that message is expected and turn
 * it into one event; elsewhere it is an unexpected-message event.
 *
 * Choices where RFC 2661 leaves freedom:
 *  - A CDN sent for a refused or unexpected message carries Result Code 2
 *    with Error Code 3 (missing or bad AVP), 8 (unknown M-bit AVP) or 5
 *    ("Session ID is invalid in this context": the message does not fit the
 *    session's state); a local close sends Result Code 3 (administrative)
 *    unless the caller gives another.
 *  - The tunnel going down clears the session without a CDN (5.7: a
 *    StopCCN clears all sessions of the tunnel).
 *  - The ICCN's Framing Type is the configured one if the peer announced
 *    it in its Framing Capabilities (4.4.3), else the one it announced;
 *    an ICRP when the peer announced no framing at all is answered with
 *    a CDN, Result Code 11 ("no appropriate framing").
 *  - Outgoing calls (7.5) are not modelled.
 */
#ifndef IPVPN_L2TP_SESSION_FSM_H
#define IPVPN_L2TP_SESSION_FSM_H

#include "l2tp-packet-header.h"
#include "l2tp-session-messages.h"

#include "ns3/ipvpn-fsm-table.h"

#include <cstdint>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace l2tp
{

/// The state machine of one incoming call (RFC 2661 7.4.1 / 7.4.2).
class SessionFsm
{
  public:
    /// Which end of the call this is.
    enum Role
    {
        LAC, ///< 7.4.1: the call arrives here and is tunnelled
        LNS, ///< 7.4.2: the call is terminated here
    };

    /// RFC 2661 7.4.1 and 7.4.2 states.
    enum State
    {
        IDLE,
        WAIT_TUNNEL,  ///< LAC: the call waits for the tunnel
        WAIT_REPLY,   ///< LAC: ICRQ sent
        WAIT_CONNECT, ///< LNS: ICRP sent
        ESTABLISHED,
    };

    /// Events after a received message has been judged.
    enum Event
    {
        OPEN,        ///< LAC: "bearer ring or ready to indicate incoming conn."
        TUNNEL_OPEN, ///< the control connection is established
        TUNNEL_DOWN, ///< the control connection went away (5.7, 7.6)
        CLOSE,       ///< local close request or bearer line drop
        RX_ICRQ,     ///< ICRQ, acceptable where one is expected
        RX_ICRQ_BAD, ///< ICRQ, not acceptable
        RX_ICRP,     ///< ICRP, acceptable where one is expected
        RX_ICRP_BAD, ///< ICRP, not acceptable
        RX_ICCN,     ///< ICCN, acceptable where one is expected
        RX_ICCN_BAD, ///< ICCN, not acceptable
        RX_CDN,      ///< Call-Disconnect-Notify
    };

    /// Why the session (or the attempt) ended.
    enum DownReason
    {
        DOWN_NONE,
        DOWN_LOCAL_CLOSE,   ///< Close(): CDN sent
        DOWN_PEER_CDN,      ///< the peer sent a CDN
        DOWN_TUNNEL_DOWN,   ///< the tunnel was cleared
        DOWN_REFUSED,       ///< a received message was not acceptable: CDN sent
        DOWN_PROTOCOL_ERROR ///< a message unexpected in this state
    };

    /// Everything the caller must do after one call.
    struct Actions
    {
        /// Session messages to send on the control connection, in order.
        std::vector<PacketHeader> send;
        /// State changes (old, new) in the order they happened.
        std::vector<std::pair<State, State>> transitions;
        /// 7.4.1 "initiate local tunnel open".
        bool openTunnel = false;
        bool up = false;   ///< the session became established
        bool down = false; ///< the session (or the attempt) ended
        DownReason downReason = DOWN_NONE;
        /// CDN Result Code sent or received with the down event.
        uint16_t resultCode = 0;
        uint16_t errorCode = ERROR_NONE;
        std::string errorMessage;
    };

    /**
     * \param role LAC or LNS end of the call
     * \param localSessionId our Assigned Session ID (non-zero)
     * \param callSerialNumber LAC: the ICRQ's Call Serial Number (4.4.4)
     * \param peerTunnelId the peer's Assigned Tunnel ID, 0 until known
     * \param config AVP values of our messages
     */
    SessionFsm(Role role,
               uint16_t localSessionId,
               uint32_t callSerialNumber,
               uint16_t peerTunnelId,
               const SessionConfig& config = SessionConfig());

    /// LAC: an incoming call to tunnel. With the tunnel already up the
    /// ICRQ is sent at once (idle -> wait-tunnel -> wait-reply).
    Actions Open(bool tunnelUp);
    /// The tunnel is established (7.2 "tunnel-open event").
    Actions TunnelOpen(uint16_t peerTunnelId);
    /// The tunnel was cleared: the session goes with it, no CDN.
    Actions TunnelDown();
    /// Local close request: CDN with this Result Code (7.7).
    Actions Close(uint16_t resultCode = CDN_ADMINISTRATIVE,
                  uint16_t errorCode = ERROR_NONE,
                  const std::string& errorMessage = "");
    /// A session message (ICRQ, ICRP, ICCN or CDN) for this session,
    /// delivered in sequence by the control connection.
    Actions Receive(const PacketHeader& m);

    Role
    GetRole() const
    {
        return m_role;
    }

    State
    GetState() const
    {
        return m_state;
    }

    uint16_t
    GetLocalSessionId() const
    {
        return m_localSessionId;
    }

    /// The peer's Assigned Session ID, 0 until known.
    uint16_t
    GetPeerSessionId() const
    {
        return m_call.peerSessionId;
    }

    /// The Framing Capabilities of the peer's SCCRQ / SCCRP (4.4.3); the
    /// ICCN's Framing Type is chosen among them. Both bits until set.
    void
    SetPeerFramingCapabilities(uint32_t capabilities)
    {
        m_peerFraming = capabilities;
    }

    /// What the peer's ICRQ / ICRP / ICCN said.
    const CallParameters&
    GetCall() const
    {
        return m_call;
    }

    static const char* StateName(State state);
    static const char* EventName(Event event);
    static const char* RoleName(Role role);
    static const char* DownReasonName(DownReason reason);

  private:
    /// What ends the session, for the next event's clean-up action.
    struct Cause
    {
        DownReason reason = DOWN_PROTOCOL_ERROR;
        uint16_t resultCode = CDN_GENERAL_ERROR;
        uint16_t errorCode = ERROR_INVALID_SESSION_ID;
        std::string errorMessage;
    };

    using ActionFn = void (SessionFsm::*)(Actions& out);
    /// A 7.4.1 or 7.4.2 table in the shared shape (ipvpn-fsm-table.h).
    using Table = FsmTable<State, Event, ActionFn>;

    /// The table of a role: 7.4.1 for the LAC, 7.4.2 for the LNS, two
    /// tables as the RFC prints them.
    static const Table& Transitions(Role role);

    /// The single place where the table is applied.
    void ProcessEvent(Event event, Actions& out);
    /// The single place where m_state changes.
    void SetState(State next, Actions& out);

    // Table actions.
    void RequestTunnel(Actions& out);
    void SendIcrq(Actions& out);
    void SendIcrp(Actions& out);
    void SendIccnAndUp(Actions& out);
    void ReportUp(Actions& out);
    void SendCdnAndCleanUp(Actions& out);
    void CleanUp(Actions& out);

    /// Judges a received message where it is expected.
    Event Judge(uint16_t type, const PacketHeader& m);
    Event FromRefusal(const Refusal& r, Event ok, Event bad);
    void SetCause(DownReason reason, uint16_t result, uint16_t error, const std::string& text);

    Role m_role;
    State m_state;
    uint16_t m_localSessionId;
    uint32_t m_callSerialNumber;
    uint16_t m_peerTunnelId;
    SessionConfig m_config;
    CallParameters m_call; ///< from the peer's ICRQ / ICRP / ICCN
    uint32_t m_peerFraming; ///< peer's Framing Capabilities (4.4.3)
    Cause m_cause;         ///< for the next clean-up
};

std::ostream& operator<<(std::ostream& os, SessionFsm::State state);
std::ostream& operator<<(std::ostream& os, SessionFsm::Event event);

} // namespace l2tp
} // namespace ns3

#endif // IPVPN_L2TP_SESSION_FSM_H
