/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The sessions of one L2TP tunnel (RFC 2661 section 7.4): allocates our
 * Session IDs and Call Serial Numbers, hands each session message to the
 * session it names (an ICRQ makes a new LNS-side session; ICRP, ICCN and
 * CDN carry our Session ID in the header, 3.1), fans the tunnel's open and
 * clear events out to every session, and frees sessions that are back in
 * idle. Pure: the control connection state machine (ControlFsm) owns one table
 * and puts Actions::send on its reliable delivery.
 *
 * A session message for a Session ID we do not know is handled by a
 * throw-away LNS-side session in idle, so that the 7.4.2 idle rows apply
 * (an ICRP is answered with a CDN, an ICCN or CDN is dropped); it is
 * counted in GetDropCount() and reported through no event.
 *
 * At most MAX_SESSIONS (65534) sessions exist at a time, one fewer than
 * the non-zero Session IDs: a CDN must carry the sender's Assigned
 * Session ID (6.12) and that ID is never 0 (4.4.4, 5.3), so the CDN that
 * refuses an ICRQ for lack of resources names the spare ID, which is
 * bound to no session (the receiver of a CDN sends nothing back about
 * it, 6.12; a stray message to it gets the unknown-session handling).
 */
#ifndef IPVPN_L2TP_SESSION_TABLE_H
#define IPVPN_L2TP_SESSION_TABLE_H

#include "l2tp-packet-header.h"
#include "l2tp-session-fsm.h"
#include "l2tp-session-messages.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ns3
{
namespace l2tp
{

/// A session came up or ended.
struct SessionEvent
{
    bool up = false; ///< true: established; false: ended or refused
    uint16_t localSessionId = 0;
    uint16_t peerSessionId = 0;
    SessionFsm::Role role = SessionFsm::LAC;
    SessionFsm::DownReason reason = SessionFsm::DOWN_NONE;
    uint16_t resultCode = 0; ///< CDN Result Code sent or received (4.4.2)
    uint16_t errorCode = ERROR_NONE;
    std::string errorMessage;
};

/// The sessions of one tunnel.
class SessionTable
{
  public:
    /// Everything the caller must do after one call.
    struct Actions
    {
        /// Session messages for the control connection, in order.
        std::vector<PacketHeader> send;
        /// Sessions that came up or ended, in order.
        std::vector<SessionEvent> events;
        /// A new call asks for the tunnel to be opened (7.4.1).
        bool openTunnel = false;
    };

    /// Sessions at a time: one non-zero Session ID always stays spare.
    static constexpr size_t MAX_SESSIONS = 65534;

    explicit SessionTable(const SessionConfig& config = SessionConfig());

    /// The peer's Framing Capabilities (SCCRQ / SCCRP, 4.4.3), for the
    /// Framing Type of our ICCNs; both framings until set.
    void SetPeerFramingCapabilities(uint32_t capabilities);

    /**
     * LAC side of a new incoming call (7.4.1 "bearer ring"): the ICRQ goes
     * out now if the tunnel is up, else when it comes up.
     * \return our Session ID, 0 when MAX_SESSIONS sessions exist
     */
    uint16_t Open(bool tunnelUp, uint16_t peerTunnelId, Actions& out);
    /// Local close of one session: CDN with this Result Code (7.7).
    Actions Close(uint16_t localSessionId,
                  uint16_t resultCode = CDN_ADMINISTRATIVE,
                  uint16_t errorCode = ERROR_NONE,
                  const std::string& errorMessage = "");
    /// The tunnel is established: waiting calls send their ICRQ.
    Actions TunnelOpen(uint16_t peerTunnelId);
    /// The tunnel was cleared: every session goes, without CDNs (5.7).
    Actions TunnelDown();
    /// A session message delivered in sequence by the control connection.
    Actions Receive(const PacketHeader& m, uint16_t peerTunnelId);

    /// The session with this local Session ID, or nullptr.
    const SessionFsm* Find(uint16_t localSessionId) const;
    /// Local Session IDs of every session, in increasing order.
    std::vector<uint16_t> GetSessionIds() const;
    size_t GetSize() const;
    /// Session messages for Session IDs we do not know.
    uint32_t GetDropCount() const;

  private:
    /// A Session ID not in use, 0 if there is none.
    uint16_t Allocate();
    /// A new session in the table, with the peer's Framing Capabilities.
    SessionFsm& Add(SessionFsm session);
    /// Collects one session's actions; frees the session back in idle.
    void Absorb(uint16_t localSessionId, const SessionFsm::Actions& a, Actions& out);

    SessionConfig m_config;
    std::map<uint16_t, SessionFsm> m_sessions; ///< by local Session ID
    uint16_t m_nextSessionId;                  ///< next to try (3.1: non-zero)
    uint32_t m_nextCallSerial;                 ///< 4.4.4 Call Serial Number
    uint32_t m_drops;
    uint32_t m_peerFraming; ///< peer's Framing Capabilities (4.4.3)
};

} // namespace l2tp
} // namespace ns3

#endif // IPVPN_L2TP_SESSION_TABLE_H
