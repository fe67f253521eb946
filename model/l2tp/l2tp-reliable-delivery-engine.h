/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Reliable delivery of L2TP control messages (RFC 2661 section 5.8) as a
 * pure decision engine: it owns the sequence state of one control
 * connection and tells its driver what to do, but does no I/O, keeps no
 * timers and never reads a clock. Its driver (l2tp::ControlFsm, itself run
 * by the ns-3 ControlConnection) passes the current time into every call
 * and acts on the returned DeliveryActions: puts messages on the wire, hands received ones
 * up, and schedules one timer for DeliveryActions::wakeUp, whose expiry it
 * reports through Expire().
 *
 * Message bodies stay with the driver. The engine only sees an opaque
 * MessageHandle per message (an index or key into the driver's own store)
 * and returns handles: to transmit, to deliver in order, to release.
 *
 * Choices where RFC 2661 leaves freedom:
 *  - Out-of-order messages (Ns ahead of Nr, within our own receive window)
 *    are held and delivered once the gap is filled; the RFC allows queueing
 *    or discarding. Messages beyond the window are discarded. Holding a
 *    message does not move Nr, so it triggers no acknowledgement.
 *  - Duplicates (Ns "less than" Nr) are discarded and acknowledged again,
 *    with the same delayed-ZLB rule as new messages.
 *  - Each unacknowledged message has its own retransmission count and
 *    deadline; a retransmission keeps its Ns and carries the current Nr.
 *  - An acknowledgement whose Nr covers messages never sent is ignored.
 *  - The optional slow start / congestion avoidance of RFC 2661 appendix A
 *    is not implemented: the send window is the peer's Receive Window Size.
 *  - After the retry limit is reached the engine is failed: every later
 *    call returns tunnelFailed and does nothing else.
 */
#ifndef IPVPN_L2TP_RELIABLE_DELIVERY_ENGINE_H
#define IPVPN_L2TP_RELIABLE_DELIVERY_ENGINE_H

#include "ns3/nstime.h"

#include <cstdint>
#include <deque>
#include <map>
#include <ostream>
#include <vector>

namespace ns3
{
namespace l2tp
{

/// Opaque key of a control message body kept by the driver.
using MessageHandle = uint64_t;

/// (b - a) modulo 2^16: how far b is ahead of a.
uint16_t SeqDistance(uint16_t a, uint16_t b);

/// RFC 2661 5.8: a is "less than" b when it lies in the 32767 values
/// before b, modulo 2^16 (so 65535 is less than 0).
bool SeqLess(uint16_t a, uint16_t b);

/// Tunables of the engine; l2tp::ControlConnection exposes them as attributes.
struct ReliableDeliveryConfig
{
    /// First retransmission timeout (RFC 2661 5.8 recommends 1 s).
    Time initialTimeout = Seconds(1);
    /// Cap of the doubled timeout (RFC 2661 5.8: no less than 8 s).
    Time maxTimeout = Seconds(8);
    /// Retransmissions of one message before the tunnel is torn down
    /// (RFC 2661 5.8 recommends 5).
    uint32_t maxRetransmissions = 5;
    /// How long an acknowledgement may wait for an outgoing message to
    /// carry it before a ZLB is sent (RFC 2661 5.8: "a short delay"; the
    /// value is ours). Zero sends the ZLB at once.
    Time ackDelay = MilliSeconds(100);
    /// Our own Receive Window Size: how many out-of-order messages, counted
    /// from Nr, may be held (RFC 2661 4.4.3, default 4).
    uint16_t receiveWindow = 4;
};

/// One control message to put on the wire now.
struct Transmission
{
    MessageHandle handle = 0; ///< the driver's message body
    uint16_t ns = 0;          ///< Ns to write in the header
    uint16_t nr = 0;          ///< Nr to write in the header
    bool retransmission = false;

    bool operator==(const Transmission& o) const;
};

std::ostream& operator<<(std::ostream& os, const Transmission& t);

/// What the driver must do after one call into the engine.
struct DeliveryActions
{
    /// Messages to send now, in this order.
    std::vector<Transmission> transmit;
    /// Send a ZLB (header only) with these Ns and Nr now.
    bool sendZlb = false;
    uint16_t zlbNs = 0;
    uint16_t zlbNr = 0;
    /// Received messages to hand to the upper layer, in sequence order.
    std::vector<MessageHandle> deliver;
    /// Received messages dropped (duplicate, out of window); free them.
    std::vector<MessageHandle> discard;
    /// Sent messages the peer acknowledged; free them.
    std::vector<MessageHandle> acked;
    /// Call Expire() at this time; absent when nothing is pending.
    bool hasWakeUp = false;
    Time wakeUp;
    /// The retry limit was reached: tear the tunnel down (RFC 2661 5.8).
    bool tunnelFailed = false;
};

/// Sequence state and decisions of one control connection (RFC 2661 5.8).
class ReliableDeliveryEngine
{
  public:
    /// firstNs and firstNr are 0 for a new tunnel (RFC 2661 5.8); other
    /// values are for tests and for resuming a known state.
    explicit ReliableDeliveryEngine(const ReliableDeliveryConfig& config = ReliableDeliveryConfig(),
                                    uint16_t firstNs = 0,
                                    uint16_t firstNr = 0);

    /// Queue a new control message; it is sent at once if the peer's
    /// window has room, else when an acknowledgement opens it.
    DeliveryActions Send(MessageHandle handle, Time now);

    /// A control message arrived with header fields ns and nr; zlb is true
    /// for a Zero-Length Body message (acknowledgement only, handle unused).
    /// Nr acknowledges everything the peer has received; Ns is checked
    /// against our Nr for in-order, duplicate or out-of-order arrival.
    DeliveryActions Receive(uint16_t ns, uint16_t nr, bool zlb, MessageHandle handle, Time now);

    /// The driver's timer for DeliveryActions::wakeUp fired (early or late
    /// calls are harmless): retransmit what timed out, send a due ZLB.
    DeliveryActions Expire(Time now);

    /// The peer's Receive Window Size AVP (RFC 2661 4.4.3); 0 is invalid
    /// and treated as 1. A larger window may release queued messages.
    DeliveryActions SetPeerWindow(uint16_t window, Time now);

    uint16_t GetNextNs() const;       ///< Ns of the next new message
    uint16_t GetNr() const;           ///< Ns expected next from the peer
    uint16_t GetPeerWindow() const;   ///< current send window
    size_t GetUnackedCount() const;   ///< sent, not yet acknowledged
    size_t GetQueuedCount() const;    ///< waiting for window space
    size_t GetHeldCount() const;      ///< received out of order, held
    bool IsAckPending() const;        ///< a ZLB is scheduled
    bool HasFailed() const;           ///< retry limit was reached

  private:
    /// A sent message awaiting acknowledgement.
    struct Unacked
    {
        MessageHandle handle;
        uint16_t ns;
        uint32_t retransmissions; ///< so far
        Time deadline;            ///< next retransmission
    };

    /// Drops acknowledged messages for a received Nr.
    void ProcessAck(uint16_t nr, DeliveryActions& out);
    /// Sends queued messages while the window has room.
    void FillWindow(Time now, DeliveryActions& out);
    /// Sends a ZLB at once or schedules it after ackDelay.
    void RequestAck(Time now, DeliveryActions& out);
    /// Any message put on the wire carries Nr: no ZLB needed.
    void NoteTransmitted();
    /// Timeout after `retransmissions` retransmissions: doubled, capped.
    Time Backoff(uint32_t retransmissions) const;
    /// Fills out.hasWakeUp/wakeUp from the pending deadlines.
    void Finish(DeliveryActions& out) const;

    ReliableDeliveryConfig m_config;
    uint16_t m_nextNs;                     ///< RFC 2661 5.8 Ns state
    uint16_t m_nr;                         ///< RFC 2661 5.8 Nr state
    uint16_t m_peerWindow;                 ///< RFC 2661 4.4.3, default 4
    std::deque<MessageHandle> m_sendQueue; ///< waiting for window space
    std::deque<Unacked> m_unacked;         ///< in Ns order
    std::map<uint16_t, MessageHandle> m_held; ///< out of order, by Ns
    bool m_ackPending;
    Time m_ackDeadline;
    bool m_failed;
};

} // namespace l2tp
} // namespace ns3

#endif // IPVPN_L2TP_RELIABLE_DELIVERY_ENGINE_H
