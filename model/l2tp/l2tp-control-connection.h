/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The ns-3 driver of one L2TP tunnel (RFC 2661): an Application that owns a
 * UDP socket on port 1701 (RFC 2661 8.1), turns received control messages
 * into ControlFsm::Receive() calls, puts ControlFsm::Actions::send on the
 * wire, keeps one EventId for the state machine's wake-up and reports what
 * happened through trace sources. It also carries the data plane of the
 * tunnel's sessions: PPP frames in L2TP data messages (section 3.1, T=0),
 * handed to and taken from the session's user (an l2tp::SessionNetDevice).
 *
 * Usage: install one ControlConnection per endpoint with the Application
 * API (Node::AddApplication, SetStartTime). With Initiator=true the
 * application sends an SCCRQ to PeerAddress when it starts; otherwise it
 * waits for one and answers the address the SCCRQ came from.
 *
 * Choices of this model:
 *  - One application is one control connection. The tunnel ends of a node
 *    share its UDP port 1701 (l2tp::UdpPort), which hands each datagram
 *    to the end it is for; Assigned Tunnel IDs must be unique on a node.
 *    An SCCRQ the state machine hands back as belonging to a different
 *    connection is dropped (trace "Drop").
 *  - StopApplication() leaves the port without a StopCCN, so a stopped
 *    application looks like a silent peer; Close() is the administrative
 *    close that sends a StopCCN (RFC 2661 6.4).
 *  - With an authorization callback set, this end holds the connection
 *    until the callback decides, now or later, by calling Authorize():
 *    as responder it holds the SCCCN (local state wait-authorization), as
 *    initiator the SCCRP, sending the SCCCN only once accepted (local
 *    state wait-reply-authorization); see l2tp-control-fsm.h for the
 *    StopCCN Result Codes of a refusal. Without a callback every
 *    acceptable SCCRP and SCCCN is taken at once.
 *  - Sessions are incoming calls (7.4): OpenSession() makes this end the
 *    LAC of a call (with OpenSessionOnUp, one call each time the tunnel
 *    comes up); the other end accepts every acceptable ICRQ as LNS.
 *  - Data messages (3.1) carry PPP frames in HDLC-like framing (0xFF 0x03,
 *    protocol, information) as tshark decodes them; the Length field is
 *    sent when DataLengthField is set, Ns when sequencing is on for the
 *    session (DataSequencing, the Sequencing Required AVP of the call's
 *    ICCN, or a received data message with sequence numbers, 5.4). The
 *    LNS controls sequencing: an LAC that did not send Sequencing Required
 *    stops numbering when a data message without Ns arrives (5.4), even
 *    with DataSequencing set; the LNS keeps numbering once it started.
 *    An empty HostName sends "node-<id>" (4.4.3: at least one octet);
 *    RetransmitTimeoutCap refuses values below 8 s (5.8). A received data
 *    message whose Ns is before the expected one is dropped (5.4 allows
 *    it); Nr of data messages is ignored (3.1: reserved).
 *  - Counters: control and data messages and octets (UDP payload) per
 *    direction, ZLBs, retransmissions, and why tunnels and sessions went
 *    down and datagrams were dropped (GetCounters()).
 */
#ifndef IPVPN_L2TP_CONTROL_CONNECTION_H
#define IPVPN_L2TP_CONTROL_CONNECTION_H

#include "l2tp-control-fsm.h"
#include "l2tp-session-fsm.h"

#include "ns3/application.h"
#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{

class Packet;
class Address;

namespace l2tp
{

class UdpPort;

/// What one tunnel end counted since it started (for results.json).
struct TunnelCounters
{
    uint64_t controlTx = 0;      ///< control messages sent, ZLBs and retransmissions included
    uint64_t controlRx = 0;      ///< control messages received (well-formed)
    uint64_t controlTxBytes = 0; ///< their octets (UDP payload)
    uint64_t controlRxBytes = 0;
    uint64_t zlbTx = 0; ///< of which ZLB acknowledgements (5.8)
    uint64_t zlbRx = 0;
    uint64_t retransmissions = 0; ///< control messages sent again (5.8)
    uint64_t dataTx = 0;          ///< data messages sent (3.1)
    uint64_t dataRx = 0;          ///< data messages delivered to a session
    uint64_t dataTxBytes = 0;     ///< their octets (UDP payload)
    uint64_t dataRxBytes = 0;
    uint64_t tunnelsUp = 0;
    uint64_t tunnelsDown = 0;
    uint64_t sessionsUp = 0;
    uint64_t sessionsDown = 0; ///< ended or refused calls
    uint64_t drops = 0;        ///< received datagrams discarded
    /// ControlFsm::DownReasonName -> count.
    std::map<std::string, uint64_t> tunnelDownReasons;
    /// SessionFsm::DownReasonName -> count.
    std::map<std::string, uint64_t> sessionDownReasons;
    /// Drop trace reason -> count (received datagrams and refused sends).
    std::map<std::string, uint64_t> dropReasons;
};

/// One L2TP tunnel end over UDP port 1701: control connection, sessions
/// and the sessions' data messages.
class ControlConnection : public Application
{
  public:
    /// UDP port of L2TP (RFC 2661 8.1).
    static constexpr uint16_t PORT = 1701;

    static TypeId GetTypeId();
    ControlConnection();
    ~ControlConnection() override;

    /**
     * Asked when an acceptable SCCCN (responder) or SCCRP (initiator) is
     * held, once per connection attempt. Arguments: this connection and
     * the peer's Host Name (RFC 2661 4.4.3). The callee answers through
     * Authorize(), at once or at any later simulation time. Set it before
     * the application starts.
     */
    using AuthorizationCallback = Callback<void, Ptr<ControlConnection>, const std::string&>;
    void SetAuthorizationCallback(AuthorizationCallback cb);
    /// The decision on a held SCCCN or SCCRP; ignored when nothing is held.
    void Authorize(bool accept);
    /// Whether a held SCCCN or SCCRP waits for Authorize().
    bool IsAwaitingAuthorization() const;
    /// Administrative close: StopCCN with this Result Code (RFC 2661 6.4).
    void Close(uint16_t resultCode = STOPCCN_CLEAR);

    ControlFsm::State GetState() const;
    /// Our Assigned Tunnel ID (attribute LocalTunnelId).
    uint16_t GetLocalTunnelId() const;
    bool IsInitiator() const;
    /// The PeerAddress attribute.
    Ipv4Address GetConfiguredPeerAddress() const;
    /// Where our messages go now: PeerAddress, or where the SCCRQ came from.
    Ipv4Address GetPeerAddress() const;
    uint16_t GetPeerTunnelId() const;
    std::string GetPeerHostName() const;
    /// Received datagrams that were not acceptable to the state machine.
    uint32_t GetDropCount() const;

    // ------------------------------------------------------------ sessions
    /**
     * LAC side of a new incoming call (RFC 2661 7.4.1): the ICRQ goes out
     * now if the tunnel is established, else once it is (an idle
     * initiator opens the tunnel). Needs the application to be running.
     * \return our Session ID, 0 when no session could be made
     */
    uint16_t OpenSession();
    /// Local close of one session: CDN with this Result Code (RFC 2661 7.7).
    void CloseSession(uint16_t localSessionId, uint16_t resultCode = CDN_ADMINISTRATIVE);
    /// Our Session IDs, in increasing order.
    std::vector<uint16_t> GetSessionIds() const;
    /// State of one session (idle when unknown).
    SessionFsm::State GetSessionState(uint16_t localSessionId) const;
    /// The peer's Session ID of one session (0 when unknown).
    uint16_t GetPeerSessionId(uint16_t localSessionId) const;

    /// Receiver of one session's PPP frames (0xFF 0x03, protocol, info).
    using FrameCallback = Callback<void, Ptr<Packet>>;
    /// Where the data messages of an established session go; a null
    /// callback stops delivery (frames are then dropped and counted).
    void SetSessionReceiveCallback(uint16_t localSessionId, FrameCallback cb);
    /**
     * Sends one PPP frame in a data message of an established session
     * (RFC 2661 3.1).
     * \return false (and counted as a drop) when the session is not
     *         established or the application is not running
     */
    bool SendData(uint16_t localSessionId, Ptr<Packet> frame);

    /// What this end counted since it started.
    const TunnelCounters& GetCounters() const;

    /// A datagram of UDP port 1701 for this tunnel end, from `from`, its
    /// L2TP header already read (called by l2tp::UdpPort).
    void HandleDatagram(Ptr<Packet> packet, const PacketHeader& header, Ipv4Address from);

    /**
     * Uses fixed random streams for the Challenge and Tie Breaker.
     * \param stream first stream index
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /// Tx and Rx: message type (0 for a ZLB acknowledgement) and packet.
    typedef void (*MessageTracedCallback)(uint16_t messageType, Ptr<const Packet> packet);
    /// StateChange: old and new state.
    typedef void (*StateTracedCallback)(ControlFsm::State oldState, ControlFsm::State newState);
    /// TunnelUp: the peer's Assigned Tunnel ID.
    typedef void (*UpTracedCallback)(uint16_t peerTunnelId);
    /// TunnelDown: why, and the StopCCN Result Code sent or received.
    typedef void (*DownTracedCallback)(ControlFsm::DownReason reason, uint16_t resultCode);
    /// Drop: the datagram and why.
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, const std::string& reason);
    /// SessionUp: our and the peer's Session ID.
    typedef void (*SessionUpTracedCallback)(uint16_t localSessionId, uint16_t peerSessionId);
    /// SessionDown: our Session ID, why, and the CDN Result Code sent or
    /// received (0 when the tunnel went away).
    typedef void (*SessionDownTracedCallback)(uint16_t localSessionId,
                                              SessionFsm::DownReason reason,
                                              uint16_t resultCode);
    /// DataTx / DataRx: our Session ID and the data message.
    typedef void (*DataTracedCallback)(uint16_t localSessionId, Ptr<const Packet> packet);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /// ControlFsm settings from the attributes and fresh random values.
    ControlFsmConfig MakeConfig();
    void HandleWakeUp();
    /// Carries out one ControlFsm result: send, trace, reschedule.
    void Apply(const ControlFsm::Actions& actions);
    void Send(const PacketHeader& message);
    /// A data message (3.1) for one of our sessions.
    void HandleData(Ptr<Packet> packet, const PacketHeader& header);
    /// Session came up or ended: data plane state, counters, traces.
    void OnSessionEvent(const SessionEvent& event);
    /// Counts and traces a discarded datagram.
    void Drop(Ptr<const Packet> packet, const std::string& reason);
    /// A Random Vector AVP value (RFC 2661 4.3) from m_random.
    std::vector<uint8_t> MakeRandomVector();

    /// Data plane state of one established session.
    struct SessionData
    {
        FrameCallback receive;   ///< the session's user
        bool sequencing = false; ///< send Ns on data messages (5.4)
        /// Keep numbering whatever the peer sends: the LAC sent Sequencing
        /// Required, or we are the LNS (which controls sequencing, 5.4).
        bool keepSequencing = false;
        uint16_t ns = 0;         ///< next Ns to send
        uint16_t expected = 0;   ///< next Ns expected from the peer
        bool seenNs = false;     ///< a numbered data message arrived
    };

    // Attributes.
    Ipv4Address m_peerAddress;     ///< initiator: SCCRQ goes there; responder: only peer
    Ipv4Address m_localAddress;    ///< source of our messages (any: routing chooses)
    bool m_initiator;              ///< send an SCCRQ at start
    uint16_t m_localTunnelId;      ///< Assigned Tunnel ID (4.4.3)
    std::string m_hostName;        ///< Host Name AVP (4.4.3)
    std::string m_secret;          ///< tunnel secret (5.1.1), empty = none
    uint32_t m_challengeLength;    ///< octets of our Challenge AVP (4.4.3)
    bool m_useTieBreaker;          ///< send a Tie Breaker AVP (4.4.3)
    uint16_t m_receiveWindow;      ///< Receive Window Size AVP (4.4.3, 5.8)
    Time m_retransmitStart;        ///< first retransmission timeout (5.8)
    Time m_retransmitCap;          ///< cap of the doubled timeout (5.8)
    uint32_t m_maxRetransmissions; ///< retry limit (5.8)
    Time m_ackDelay;               ///< delay before a ZLB acknowledgement (5.8)
    Time m_helloInterval;          ///< keepalive interval (6.5)
    Time m_stopCcnHold;            ///< state kept after a StopCCN (5.7)
    bool m_hideAvps;               ///< hide hideable AVPs (4.3)
    bool m_openSessionOnUp;        ///< LAC: one call per tunnel-up (7.4.1)
    uint32_t m_bearerType;         ///< Bearer Type AVP of ICRQ (4.4.4)
    uint32_t m_framingType;        ///< Framing Type AVP of ICCN (4.4.4)
    uint32_t m_txConnectSpeed;     ///< (Tx) Connect Speed AVP of ICCN (4.4.4)
    bool m_sequencingRequired;     ///< Sequencing Required AVP in ICCN (4.4.4)
    bool m_dataLength;             ///< L bit on data messages (3.1)
    bool m_dataSequencing;         ///< S bit and Ns on data messages (5.4)

    Ptr<UniformRandomVariable> m_random; ///< Challenge, Tie Breaker, Random Vectors
    AuthorizationCallback m_authorize;
    std::unique_ptr<ControlFsm> m_fsm; ///< created at start
    Ptr<UdpPort> m_port;               ///< the node's port 1701, while running
    Ipv4Address m_peerSeen; ///< where replies go
    EventId m_wakeUp;       ///< ControlFsm's next Expire()
    uint32_t m_drops;
    std::map<uint16_t, SessionData> m_data; ///< established sessions
    TunnelCounters m_counters;

    TracedCallback<uint16_t, Ptr<const Packet>> m_txTrace;
    TracedCallback<uint16_t, Ptr<const Packet>> m_rxTrace;
    TracedCallback<ControlFsm::State, ControlFsm::State> m_stateTrace;
    TracedCallback<uint16_t> m_upTrace;
    TracedCallback<ControlFsm::DownReason, uint16_t> m_downTrace;
    TracedCallback<Ptr<const Packet>, const std::string&> m_dropTrace;
    TracedCallback<uint16_t, uint16_t> m_sessionUpTrace;
    TracedCallback<uint16_t, SessionFsm::DownReason, uint16_t> m_sessionDownTrace;
    TracedCallback<uint16_t, Ptr<const Packet>> m_dataTxTrace;
    TracedCallback<uint16_t, Ptr<const Packet>> m_dataRxTrace;
};

} // namespace l2tp
} // namespace ns3

#endif // IPVPN_L2TP_CONTROL_CONNECTION_H
