/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The ns-3 driver of one L2TP control connection (RFC 2661 section 7.2):
 * an Application that owns a UDP socket on port 1701 (RFC 2661 8.1), turns
 * received datagrams into ControlFsm::Receive() calls, puts
 * ControlFsm::Actions::send on the wire, keeps one EventId for the engine's
 * wake-up and reports what happened through trace sources.
 *
 * Usage: install one ControlConnection per endpoint with the Application
 * API (Node::AddApplication, SetStartTime). With Initiator=true the
 * application sends an SCCRQ to PeerAddress when it starts; otherwise it
 * waits for one and answers the address the SCCRQ came from.
 *
 * Choices of this model:
 *  - One application is one control connection. An SCCRQ the engine hands
 *    back as belonging to a different connection is dropped (trace "Drop").
 *  - StopApplication() closes the socket without a StopCCN, so a stopped
 *    application looks like a silent peer; Close() is the administrative
 *    close that sends a StopCCN (RFC 2661 6.4).
 *  - With an authorization callback set, the responder holds the SCCCN
 *    (local state wait-authorization) and the callback decides, now or
 *    later, by calling Authorize(); without one every SCCCN is accepted.
 */
#ifndef L2TP_CONTROL_CONNECTION_H
#define L2TP_CONTROL_CONNECTION_H

#include "l2tp-control-fsm.h"

#include "ns3/application.h"
#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <memory>
#include <string>

namespace ns3
{

class Packet;
class Socket;
class Address;

namespace l2tp
{

/// One L2TP control connection over UDP port 1701.
class ControlConnection : public Application
{
  public:
    /// UDP port of L2TP (RFC 2661 8.1).
    static constexpr uint16_t PORT = 1701;

    static TypeId GetTypeId();
    ControlConnection();
    ~ControlConnection() override;

    /**
     * Asked when an acceptable SCCCN is held (responder only). Arguments:
     * this connection and the peer's Host Name. The callee answers through
     * Authorize(), at once or at any later simulation time.
     */
    using AuthorizationCallback = Callback<void, Ptr<ControlConnection>, const std::string&>;
    void SetAuthorizationCallback(AuthorizationCallback cb);
    /// The decision on a held SCCCN.
    void Authorize(bool accept);
    /// Administrative close: StopCCN with this Result Code (RFC 2661 6.4).
    void Close(uint16_t resultCode = STOPCCN_CLEAR);

    ControlFsm::State GetState() const;
    uint16_t GetPeerTunnelId() const;
    std::string GetPeerHostName() const;
    /// Received datagrams that were not acceptable to the engine.
    uint32_t GetDropCount() const;

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

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /// Engine settings from the attributes and fresh random values.
    ControlFsmConfig MakeConfig();
    void HandleRead(Ptr<Socket> socket);
    void HandleWakeUp();
    /// Carries out one engine result: send, trace, reschedule.
    void Apply(const ControlFsm::Actions& actions);
    void Send(const L2tpHeader& message);

    // Attributes.
    Ipv4Address m_peerAddress;     ///< initiator: where the SCCRQ goes
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

    Ptr<UniformRandomVariable> m_random; ///< Challenge and Tie Breaker
    AuthorizationCallback m_authorize;
    std::unique_ptr<ControlFsm> m_fsm; ///< created at start
    Ptr<Socket> m_socket;
    Ipv4Address m_peerSeen; ///< where replies go
    EventId m_wakeUp;       ///< the engine's next Expire()
    uint32_t m_drops;

    TracedCallback<uint16_t, Ptr<const Packet>> m_txTrace;
    TracedCallback<uint16_t, Ptr<const Packet>> m_rxTrace;
    TracedCallback<ControlFsm::State, ControlFsm::State> m_stateTrace;
    TracedCallback<uint16_t> m_upTrace;
    TracedCallback<ControlFsm::DownReason, uint16_t> m_downTrace;
    TracedCallback<Ptr<const Packet>, const std::string&> m_dropTrace;
};

} // namespace l2tp
} // namespace ns3

#endif // L2TP_CONTROL_CONNECTION_H
