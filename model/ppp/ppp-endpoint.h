/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * One end of a PPP link (RFC 1661) with LCP and IPCP (RFC 1332), as an
 * ns-3 Object that does no I/O of its own: the owner (an L2TP session
 * device, or a test) hands it received frames and carries the frames it
 * sends, and gets IPv4 datagrams in and out of it.
 *
 * Frames on the wire side are PPP in HDLC-like framing without flags and
 * FCS, as L2TP carries them (RFC 2661 section 1, RFC 1662 section 3):
 *
 *   | 0xFF | 0x03 | Protocol (2 octets) | Information ... |
 *
 * Every frame sent starts with 0xFF 0x03 (Address-and-Control-Field-
 * Compression is not negotiated). Receive() also accepts frames without
 * them and a one-octet (compressed) Protocol field.
 *
 * Phases (RFC 1661 section 3.2): LowerUp() and Open() start LCP; when LCP
 * reaches Opened (This-Layer-Up) IPCP gets its Up event; when IPCP reaches
 * Opened the link carries IPv4 (SetLinkChangeCallback(true)). LCP leaving
 * Opened takes IPCP down. There is no authentication phase.
 *
 * Choices of this model:
 *  - Before LCP is Opened every non-LCP frame is discarded (section 3.4);
 *    after, a frame of an unknown protocol draws a Protocol-Reject (5.7).
 *  - IPv4 datagrams are dropped (counted, trace Drop) unless IPCP is
 *    Opened, and when longer than the peer's MRU.
 *  - Keepalive as pppd's lcp-echo-interval/lcp-echo-failure: an
 *    Echo-Request every EchoInterval while LCP is Opened; when EchoFailure
 *    of them went unanswered the link is declared dead (trace EchoTimeout)
 *    and LCP is closed (Terminate-Request, then This-Layer-Finished).
 *  - IPCP finishing while LCP is Opened closes LCP, as pppd does when its
 *    last network protocol finishes.
 *  - Magic-Number loop-back: after LoopbackFail consecutive loop-back
 *    indications (RFC 1661 6.4) LCP is closed (trace Loopback).
 *  - Frames are handed to the send callback only after the call that
 *    produced them (Receive(), Open(), a timer, ...) has finished with the
 *    endpoint's state, so the callback may answer synchronously (a
 *    zero-delay wire calling the peer's Receive(), and back).
 *  - Attributes are read when the endpoint is first used (Open, LowerUp,
 *    Receive, SendIpv4, ...); later changes do not apply.
 */
#ifndef IPVPN_PPP_ENDPOINT_H
#define IPVPN_PPP_ENDPOINT_H

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/ppp-option-fsm.h"
#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <string>

namespace ns3
{

class Packet;

namespace ppp
{

class ControlEngine;
class ControlHeader;
struct ControlOutput;
class LcpPolicy;
class IpcpPolicy;

/// One end of a PPP link: LCP, IPCP and keepalive.
class Endpoint : public Object
{
  public:
    /// PPP protocol field of IPv4 datagrams (RFC 1332 section 1).
    static constexpr uint16_t PROTOCOL_IPV4 = 0x0021;

    /// States of LCP and IPCP (RFC 1661 4.2).
    using State = OptionFsm::State;

    /// What the endpoint counted since it was created.
    struct Counters
    {
        uint64_t txFrames = 0;        ///< frames handed to the send callback
        uint64_t rxFrames = 0;        ///< frames given to Receive()
        uint64_t txIpv4 = 0;          ///< IPv4 datagrams sent
        uint64_t rxIpv4 = 0;          ///< IPv4 datagrams delivered
        uint64_t drops = 0;           ///< frames or datagrams dropped (all reasons)
        uint64_t malformed = 0;       ///< received frames that did not parse
        uint64_t ipv4NotUp = 0;       ///< SendIpv4() refused: IPCP not Opened
        uint64_t protocolRejects = 0; ///< Protocol-Rejects sent
        uint64_t echoRequests = 0;    ///< keepalive Echo-Requests sent
        uint64_t echoReplies = 0;     ///< Echo-Replies received for them
        uint64_t echoTimeouts = 0;    ///< links declared dead by keepalive
    };

    static TypeId GetTypeId(); // "ns3::ppp::Endpoint"
    Endpoint();
    ~Endpoint() override;

    // ---------------------------------------------------------- wire side
    /// Where frames go: 0xFF 0x03, Protocol, Information.
    void SetSendCallback(Callback<void, Ptr<Packet>> sendFrame);
    /// A received frame, with or without 0xFF 0x03. Never asserts on bad
    /// input: malformed frames are counted and dropped (trace Drop).
    void Receive(Ptr<Packet> frame);

    // ------------------------------------------------------- network side
    /// Received IPv4 datagrams (without the PPP header).
    void SetIpv4ReceiveCallback(Callback<void, Ptr<Packet>> deliver);
    /// Sends an IPv4 datagram; false (and counted) unless IPCP is Opened,
    /// or when the datagram is longer than the peer's MRU.
    bool SendIpv4(Ptr<Packet> datagram);
    /// Called with true when IPCP reaches Opened, false when it leaves it.
    void SetLinkChangeCallback(Callback<void, bool> up);
    /// Optional: RFC 1661 This-Layer-Started (true: the lower layer is
    /// needed) and This-Layer-Finished (false: no longer needed) of LCP.
    /// A carrier such as an L2TP session may tear itself down on false.
    void SetLowerLayerCallback(Callback<void, bool> needed);

    // ------------------------- RFC 1661 administrative / lower layer events
    /// Administrative Open of LCP and IPCP (RFC 1661 4.3 "Open").
    void Open();
    /// Administrative Close of LCP (Terminate-Request, 4.3 "Close"); IPCP
    /// goes down with it.
    void Close();
    /// The lower layer (the L2TP session) is ready to carry frames (4.3 "Up").
    void LowerUp();
    /// The lower layer is gone (4.3 "Down").
    void LowerDown();

    /// True while IPCP is Opened.
    bool IsIpUp() const;
    /// Our address as IPCP negotiated it (0.0.0.0 while IPCP is not Opened).
    Ipv4Address GetLocalAddress() const;
    /// The peer's address as IPCP negotiated it (0.0.0.0 while not Opened).
    Ipv4Address GetPeerAddress() const;
    /// Our MRU as the peer acknowledged it: the longest Information field
    /// we receive (1500 unless negotiated, RFC 1661 6.1).
    uint16_t GetMru() const;
    /// The peer's MRU as we acknowledged it: the longest Information field
    /// we may send, the MTU a carrying device should announce.
    uint16_t GetPeerMru() const;

    State GetLcpState() const;
    State GetIpcpState() const;
    /// Our LCP Magic-Number (0 while none is negotiated).
    uint32_t GetMagicNumber() const;
    const Counters& GetCounters() const;

    /**
     * Uses a fixed random stream for Magic-Numbers.
     * \param stream first stream index
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /// LcpStateChange / IpcpStateChange: old and new state.
    typedef void (*StateTracedCallback)(State oldState, State newState);
    /// Tx / Rx: PPP protocol, control code (0 for data), the frame.
    typedef void (*FrameTracedCallback)(uint16_t protocol, uint8_t code, Ptr<const Packet> frame);
    /// Drop: the frame or datagram and why.
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, const std::string& reason);
    /// LinkUp: local and peer address.
    typedef void (*LinkUpTracedCallback)(Ipv4Address local, Ipv4Address peer);
    /// EchoTimeout: Echo-Requests outstanding.
    typedef void (*EchoTimeoutTracedCallback)(uint32_t outstanding);
    /// Loopback: loop-back indications in a row.
    typedef void (*LoopbackTracedCallback)(uint32_t indications);

  protected:
    void DoInitialize() override;
    void DoDispose() override;

  private:
    /// Holds outgoing frames until the outermost call into the endpoint
    /// has finished, so that a send callback that answers synchronously
    /// finds the endpoint in a consistent state.
    class Batch
    {
      public:
        explicit Batch(Endpoint* endpoint);
        ~Batch();
        Batch(const Batch&) = delete;
        Batch& operator=(const Batch&) = delete;

      private:
        Endpoint* m_endpoint;
    };

    /// Creates the LCP and IPCP engines from the attributes (once);
    /// false once disposed.
    bool Setup();
    /// Hands the queued frames to the send callback, in order.
    void Flush();
    void SendControl(const ControlHeader& packet);
    void SendFrame(uint16_t protocol, uint8_t code, Ptr<Packet> information);
    void Drop(Ptr<const Packet> packet, const std::string& reason);

    /// Carries out one LCP result: sends, layer actions, restart timer.
    void ApplyLcp(const ControlOutput& out);
    /// Carries out one IPCP result.
    void ApplyIpcp(const ControlOutput& out);
    void LcpTimeout();
    void IpcpTimeout();
    void ReceiveLcp(Ptr<Packet> frame, Ptr<Packet> information);
    void ReceiveIpcp(Ptr<Packet> frame, Ptr<Packet> information);
    void ReceiveIpv4(Ptr<Packet> frame, Ptr<Packet> datagram);
    void RejectProtocol(uint16_t protocol, Ptr<Packet> frame, Ptr<Packet> information);

    void StartEcho();
    void StopEcho();
    void EchoTick();

    // Attributes.
    Time m_restartTimer;              ///< RFC 1661 4.6 Restart timer
    uint32_t m_maxConfigure;          ///< RFC 1661 4.6 Max-Configure
    uint32_t m_maxTerminate;          ///< RFC 1661 4.6 Max-Terminate
    uint32_t m_maxFailure;            ///< RFC 1661 4.6 Max-Failure
    uint16_t m_mru;                   ///< RFC 1661 6.1 MRU to request
    Time m_echoInterval;              ///< keepalive period, 0 = off
    uint32_t m_echoFailure;           ///< unanswered Echo-Requests before dead
    uint32_t m_loopbackFail;          ///< loop-back indications before closing
    Ipv4Address m_localAddressConfig; ///< RFC 1332 3.3 address to request
    Ipv4Address m_peerAddressConfig;  ///< address to give a peer asking
    bool m_passive;                   ///< wait for the peer's Configure-Request

    Ptr<UniformRandomVariable> m_random; ///< Magic-Numbers
    std::unique_ptr<ControlEngine> m_lcp;
    std::unique_ptr<ControlEngine> m_ipcp;
    LcpPolicy* m_lcpPolicy;     ///< owned by m_lcp
    IpcpPolicy* m_ipcpPolicy;   ///< owned by m_ipcp
    EventId m_lcpTimer;         ///< LCP Restart timer
    EventId m_ipcpTimer;        ///< IPCP Restart timer
    EventId m_echoTimer;        ///< next keepalive tick
    uint32_t m_echoOutstanding; ///< Echo-Requests without a reply
    uint8_t m_echoId;           ///< Identifier of the next Echo-Request
    bool m_ipUp;
    Counters m_counters;
    uint32_t m_depth; ///< nested Batch objects
    bool m_flushing;  ///< inside Flush()
    bool m_disposed;  ///< DoDispose() ran
    std::deque<std::pair<std::pair<uint16_t, uint8_t>, Ptr<Packet>>>
        m_txQueue; ///< (protocol, code), frame

    Callback<void, Ptr<Packet>> m_send;
    Callback<void, Ptr<Packet>> m_deliver;
    Callback<void, bool> m_linkChange;
    Callback<void, bool> m_lowerLayer;

    TracedCallback<State, State> m_lcpStateTrace;
    TracedCallback<State, State> m_ipcpStateTrace;
    TracedCallback<uint16_t, uint8_t, Ptr<const Packet>> m_txTrace;
    TracedCallback<uint16_t, uint8_t, Ptr<const Packet>> m_rxTrace;
    TracedCallback<Ipv4Address, Ipv4Address> m_linkUpTrace;
    TracedCallback<> m_linkDownTrace;
    TracedCallback<uint32_t> m_echoTimeoutTrace;
    TracedCallback<uint32_t> m_loopbackTrace;
    TracedCallback<Ptr<const Packet>, const std::string&> m_dropTrace;
};

} // namespace ppp
} // namespace ns3

#endif // IPVPN_PPP_ENDPOINT_H
