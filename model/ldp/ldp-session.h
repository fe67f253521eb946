/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * One LDP session (RFC 5036 sections 2.5.3 to 2.5.6) over a TCP connection
 * to port 646: the transport and PDU framing, and the driver of the pure
 * ldp::SessionFsm. It
 *  - opens the connection (active role) or takes over an accepted one
 *    (passive role);
 *  - reassembles PDUs from the byte stream (a PDU may span segments, a
 *    segment may carry several PDUs), checks the PDU header (version, PDU
 *    Length against the Max PDU Length, LDP Identifier), and decodes every
 *    message with the module's codecs;
 *  - applies the error rules of sections 3.3, 3.5 and 3.5.1.2: an unknown
 *    message or TLV with U = 1 is ignored, with U = 0 it is answered by an
 *    advisory Notification and the message ignored; a malformed PDU or
 *    message ends the session with a fatal Notification;
 *  - runs the FSM's KeepAlive and session hold timers with ns-3 events and
 *    carries out the FSM's actions (send Initialization, KeepAlive,
 *    Notification, close);
 *  - hands Address and label messages received in OPERATIONAL to its owner.
 *
 * The session object outlives its TCP connections: the owner keeps one per
 * peer, so the FSM's Initialization backoff (section 2.5.3) spans attempts.
 */
#ifndef IPVPN_LDP_SESSION_H
#define IPVPN_LDP_SESSION_H

#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/ldp-message.h"
#include "ns3/ldp-parameter-tlvs.h"
#include "ns3/ldp-session-fsm.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"

#include <cstdint>
#include <deque>
#include <vector>

namespace ns3
{

class Node;
class Packet;
class Socket;
class Address;

namespace ldp
{

class Session;

/// What a session reports to the object that owns it (ldp::Protocol).
class SessionOwner
{
  public:
    virtual ~SessionOwner() = default;
    /// A transition of the session state machine.
    virtual void SessionStateChanged(Ptr<Session> session, SessionState from, SessionState to) = 0;
    /// A valid Address, Address Withdraw or label message in OPERATIONAL.
    virtual void SessionMessageReceived(Ptr<Session> session, const Message& message) = 0;
    /// Every message sent or received (counters, traces); `bytes` is its size.
    virtual void SessionMessageTraced(Ptr<Session> session,
                                      const Message& message,
                                      uint32_t bytes,
                                      bool sent) = 0;
    /// A Notification sent or received.
    virtual void SessionNotification(Ptr<Session> session, const StatusTlv& status, bool sent) = 0;
    /// A malformed PDU or message was received (status = the problem).
    virtual void SessionMalformed(Ptr<Session> session, uint32_t status) = 0;
    /// Active role: the connection attempt failed (the session backs off).
    virtual void SessionConnectionFailed(Ptr<Session> session) = 0;
    /// A message ID for a message this session originates.
    virtual uint32_t AllocateMessageId() = 0;
};

/// Parameters of one session.
struct SessionConfig
{
    Ipv4Address localLsrId = Ipv4Address::GetAny(); ///< our LDP identifier: LSR ID ...
    uint16_t labelSpace = 0;                        ///< ... and label space (platform-wide)
    /// Our transport address (section 2.5.2).
    Ipv4Address localTransport = Ipv4Address::GetAny();
    Ipv4Address peerLsrId = Ipv4Address::GetAny();     ///< the peer's LDP identifier
    Ipv4Address peerTransport = Ipv4Address::GetAny(); ///< the peer's transport address
    uint16_t maxPduLength = 4096; ///< our Max PDU Length proposal (section 3.5.3)
    SessionFsmConfig fsm;         ///< timers and backoff
};

class Session : public SimpleRefCount<Session>
{
  public:
    Session(SessionOwner* owner, Ptr<Node> node, const SessionConfig& config, SessionRole role);
    ~Session();

    /// Active role: opens the TCP connection to the peer's transport address.
    void Connect();
    /// Active role: connects as soon as the backoff of section 2.5.3 allows,
    /// counting failed Initializations (the FSM's) and refused connections.
    void ScheduleConnect();
    void CancelConnect();
    /// Tries to connect again if the last attempt found no route to the
    /// peer's transport address (called when the node's routes change).
    void RetryAfterRouteChange();
    /// Passive role: takes over an accepted connection and the bytes that
    /// were already read from it.
    void Adopt(Ptr<Socket> socket, const std::vector<uint8_t>& received);
    /// Sends messages (several per PDU, up to the Max PDU Length); only in
    /// OPERATIONAL, other states drop them. \return true when sent.
    bool Send(const std::vector<Message>& messages);
    /// Local decision to end the session: fatal Notification, then close.
    void Shutdown(uint32_t status);
    /// Drops the connection without a word; the FSM and owner hear of it.
    void Abort();
    /// Object disposal: closes everything, reports nothing, never calls the
    /// owner again.
    void Dispose();
    /// Fault injection for tests: writes raw bytes on the connection.
    bool SendRaw(const std::vector<uint8_t>& bytes);

    SessionState GetState() const;
    SessionRole GetRole() const;
    const SessionConfig& GetConfig() const;
    Ipv4Address GetPeerLsrId() const;
    /// True while a TCP connection is open.
    bool HasConnection() const;
    /// Negotiated values (after Initialization).
    uint16_t GetNegotiatedKeepAlive() const;
    /// Section 2.5.3 backoff of the active role: the earliest next attempt.
    Time GetNextAttemptTime() const;
    /// Forgets the backoff (e.g. the peer's configuration changed).
    void ResetBackoff();

  private:
    /// Carries out the FSM's actions, then reports its transitions.
    void Execute(const SessionActions& actions);
    void ConnectionSucceeded(Ptr<Socket> socket);
    void ConnectionFailed(Ptr<Socket> socket);
    void HandleRead(Ptr<Socket> socket);
    void HandleClose(Ptr<Socket> socket);
    void HandleSend(Ptr<Socket> socket, uint32_t available);
    /// Cuts PDUs out of the receive buffer and handles them.
    void ProcessBuffer();
    void HandlePdu(const std::vector<uint8_t>& bytes);
    /// One message of a valid PDU; false when the session ended.
    bool HandleMessage(const Message& generic, uint32_t bytes);
    /// A fatal problem in what the peer sent: fatal Notification, close.
    void Fail(uint32_t status, uint32_t messageId = 0, uint16_t messageType = 0);
    /// An advisory Notification about one message (section 3.5.1.2).
    void Advise(uint32_t status, const Message& about);
    /// Sends session-control messages in any state but NON_EXISTENT.
    void SendNow(const std::vector<Message>& messages);
    void Transmit(Ptr<Packet> packet);
    void SendInitialization();
    void SendNotification(const StatusTlv& status);
    void CloseConnection();
    void HoldTimerExpired();
    void KeepAliveTimerExpired();
    void AttachSocket(Ptr<Socket> socket);

    SessionOwner* m_owner;
    Ptr<Node> m_node;
    SessionConfig m_config;
    SessionFsm m_fsm;
    Ptr<Socket> m_socket;
    bool m_connecting;
    std::vector<uint8_t> m_rx;           ///< bytes not yet framed into PDUs
    std::deque<Ptr<Packet>> m_txPending; ///< PDUs waiting for TCP buffer space
    uint16_t m_maxPdu;                   ///< negotiated Max PDU Length (3.5.3)
    uint32_t m_statusMessageId;          ///< message the next fatal Notification names
    uint16_t m_statusMessageType;
    EventId m_holdTimer;          ///< session KeepAlive (hold) timer, section 2.5.6
    EventId m_keepAliveTimer;     ///< our KeepAlive send timer
    EventId m_connectEvent;       ///< next connection attempt (active role)
    InitBackoff m_refusedBackoff; ///< backoff after refused connections
    Time m_notBefore;             ///< no attempt before (refused connections)
    bool m_waitingForRoute;       ///< the last connect found no route to the peer
};

} // namespace ldp
} // namespace ns3

#endif // IPVPN_LDP_SESSION_H
