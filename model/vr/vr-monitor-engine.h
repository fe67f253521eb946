/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Monitoring and deletion of a VR port's peers (seed 000, Fig. 10, steps
 * S31-S39) as a pure decision engine: one per VR port, no simulator, no I/O,
 * no clock. The driver passes the time into every call, carries out the
 * returned MonitorActions and schedules one event at NextDeadline(), whose
 * expiry it reports through OnTimer().
 *
 * A peer is a VR port of the same VPN this port has a tunnel with, keyed by
 * the peer port's address on the provider network. Monitoring messages
 * (vr::DiscoveryHeader MONITOR / MONITOR_REPLY) go to that address over UDP,
 * outside the L2TP tunnel, so they still flow while the tunnel is down.
 *
 * The seed sets no period, retry count or format; these are the choices
 * (defaults in MonitorConfig, attributes in the driver):
 *  - Period P (default 30 s). Each peer has its own schedule: its first
 *    monitor goes P after AddPeer(), then one every P. Sequence numbers are
 *    per peer and start at 1.
 *  - Silence (S32): at a peer's monitoring time, if the last N monitors sent
 *    to it (default N = 3) are all unanswered, the peer is silent. A
 *    monitor counts as unanswered once the next one is due, so each has had
 *    a full period. A peer that never answers after AddPeer() at t0 is
 *    silent at t0 + (N + 1) P; one whose last reply answered the monitor
 *    sent at t is silent at t + (N + 1) P.
 *  - At that time the engine returns, in this order, PeerSilent (S32),
 *    StartHold (S33) and the period's SendMonitor (S31): monitoring goes on
 *    at the period during the hold, so a returning peer is seen within one
 *    period (S34).
 *  - Hold time H (default 24 h, the seed's example), from the moment the
 *    peer became silent. A valid reply before holdStart + H clears the hold
 *    (S34: the port answers, S35: within the time; HoldCleared, tagged S35).
 *    At holdStart + H or later the peer is deleted: RemoveTunnel (S36),
 *    DeletePeer (S37, the engine forgets the peer), ReexchangeRoutes (S38,
 *    with the remaining peers), UpdateTables (S39), in the seed's order.
 *    A reply that arrives at or after the expiry triggers the deletion
 *    first (the result does not depend on which of the two events the
 *    driver runs first) and is counted as late.
 *  - H = Time::Max() never deletes a peer.
 *  - With H a multiple of P the expiry falls on a monitoring time: it costs
 *    no event of its own, and no monitor is sent then. A whole hold costs
 *    H / P timer events per peer, plus one if H is not a multiple of P.
 *    Peers added at different times keep their own schedules: with K peers
 *    the driver sees up to K events per period.
 *  - A reply is valid when its sequence number is that of a monitor sent to
 *    the peer and newer than the last one answered. Replies with another
 *    sequence number (old, duplicate, never sent) and replies from unknown
 *    peers are ignored and counted.
 *  - The tunnel's own state is the driver's: OnTunnelDown() / OnTunnelUp()
 *    only record it. The L2TP keepalive (RFC 2661 section 5.5, Hello) may
 *    drop the tunnel about 31 s after the peer goes quiet; that deletes
 *    nothing, only the hold's expiry does. The first valid reply after
 *    OnTunnelDown() returns ReopenTunnel (tagged S35 when it also clears a
 *    hold, S31 otherwise), once until OnTunnelUp() or the next
 *    OnTunnelDown().
 *  - OnMonitor() answers a MONITOR of the same VPN with a MONITOR_REPLY
 *    echoing its sequence number, whether or not the sender is a known peer;
 *    it changes no peer's state. Malformed messages, other types and other
 *    VPN IDs are counted and dropped.
 *  - AddPeer() for a known peer counts as hearing from it (a new tunnel was
 *    just set up with it): it clears a hold (HoldCleared) and the tunnel-down
 *    mark, and keeps the peer's schedule and sequence numbers. At or after
 *    the hold's expiry it deletes the peer first (S36-S39) and then starts
 *    monitoring it as a new one.
 *  - After OnTimer(now), NextDeadline() is later than now.
 *  - When several peers expire in one call each gets its own S36-S39 block;
 *    every ReexchangeRoutes lists the peers left after all of them.
 */
#ifndef IPVPN_VR_MONITOR_ENGINE_H
#define IPVPN_VR_MONITOR_ENGINE_H

#include "vr-discovery-header.h"
#include "vr-membership-actions.h"
#include "vr-vpn-id.h"

#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <variant>
#include <vector>

namespace ns3
{
namespace vr
{

// The steps are vr::Step (vr-membership-actions.h), S31-S39 here.

/// Default monitoring period (our choice; the seed sets none).
constexpr int64_t DEFAULT_MONITOR_PERIOD_SECONDS = 30;
/// Default number of unanswered monitors that make a peer silent (our choice).
constexpr uint32_t DEFAULT_MONITOR_SILENT_AFTER = 3;
/// Default hold time: the seed's example, "for example, 24 hours" (S34/S35).
constexpr int64_t DEFAULT_MONITOR_HOLD_HOURS = 24;

/// Tunables of the engine; the driver exposes them as attributes.
struct MonitorConfig
{
    /// Interval between two monitors to one peer (S31).
    Time period = Seconds(DEFAULT_MONITOR_PERIOD_SECONDS);
    /// Consecutive unanswered monitors that make a peer silent (S32).
    uint32_t silentAfter = DEFAULT_MONITOR_SILENT_AFTER;
    /// How long a silent peer may take to answer before it is deleted (S33-S36).
    Time holdTime = Hours(DEFAULT_MONITOR_HOLD_HOURS);

    /// \return an empty string when usable, otherwise what is wrong
    /// (period not positive, silentAfter 0, holdTime negative).
    std::string Validate() const;
};

std::ostream& operator<<(std::ostream& os, const MonitorConfig& config);

/// The VR port an engine monitors for: what its messages carry.
struct MonitorIdentity
{
    VpnId vpnId;                                     ///< RFC 2685 VPN-ID of the port's VPN
    Ipv4Address routerId = Ipv4Address::GetAny();    ///< the router holding the port
    Ipv4Address portAddress = Ipv4Address::GetAny(); ///< the port's provider address
};

/// S31: send a MONITOR with this sequence number to the peer port's address.
struct SendMonitor
{
    Step step = Step::S31;
    Ipv4Address peerPort;
    uint32_t sequence = 0;

    bool operator==(const SendMonitor& o) const;
};

/// S31 at the monitored side: answer a MONITOR with a MONITOR_REPLY.
struct SendMonitorReply
{
    Step step = Step::S31;
    Ipv4Address toPort; ///< where the MONITOR came from
    uint32_t sequence = 0;

    bool operator==(const SendMonitorReply& o) const;
};

/// S32: the peer answered none of the last `unanswered` monitors.
struct PeerSilent
{
    Step step = Step::S32;
    Ipv4Address peerPort;
    uint32_t unanswered = 0;
    Time lastHeard; ///< the last valid reply, or AddPeer()

    bool operator==(const PeerSilent& o) const;
};

/// S33: the hold timer started; the peer is deleted at `expiry` unless it answers.
struct StartHold
{
    Step step = Step::S33;
    Ipv4Address peerPort;
    Time expiry;

    bool operator==(const StartHold& o) const;
};

/// S34/S35: the peer answered within the hold time; the timer is cleared.
struct HoldCleared
{
    Step step = Step::S35;
    Ipv4Address peerPort;
    Time heldFor; ///< from the hold's start to the reply

    bool operator==(const HoldCleared& o) const;
};

/// The peer answers but its tunnel went down (e.g. the L2TP keepalive
/// dropped it): set the tunnel up again. S35 when it comes with HoldCleared.
struct ReopenTunnel
{
    Step step = Step::S31;
    Ipv4Address peerPort;

    bool operator==(const ReopenTunnel& o) const;
};

/// S36: remove the tunnel to the peer and release its L2TP parameters.
struct RemoveTunnel
{
    Step step = Step::S36;
    Ipv4Address peerPort;

    bool operator==(const RemoveTunnel& o) const;
};

/// S37: delete the peer port from the VPN configuration map.
struct DeletePeer
{
    Step step = Step::S37;
    Ipv4Address peerPort;

    bool operator==(const DeletePeer& o) const;
};

/// S38: exchange routing information again among the remaining ports.
struct ReexchangeRoutes
{
    Step step = Step::S38;
    Ipv4Address removedPeer;
    std::vector<Ipv4Address> remaining; ///< peers still monitored, in address order

    bool operator==(const ReexchangeRoutes& o) const;
};

/// S39: update the routing tables from the exchanged information.
struct UpdateTables
{
    Step step = Step::S39;
    Ipv4Address removedPeer;

    bool operator==(const UpdateTables& o) const;
};

/// One thing the driver must do.
using MonitorAction = std::variant<SendMonitor,
                                   SendMonitorReply,
                                   PeerSilent,
                                   StartHold,
                                   HoldCleared,
                                   ReopenTunnel,
                                   RemoveTunnel,
                                   DeletePeer,
                                   ReexchangeRoutes,
                                   UpdateTables>;
/// What one call returns, in the order to carry out.
using MonitorActions = std::vector<MonitorAction>;

/// \return the seed's step the action carries.
Step GetStep(const MonitorAction& action);
/// \return the steps of the actions, in order (for tests and logs).
std::vector<Step> StepsOf(const MonitorActions& actions);
std::ostream& operator<<(std::ostream& os, const MonitorAction& action);

/// The monitoring state of one VR port's peers (Fig. 10).
class MonitorEngine
{
  public:
    /// What the engine ignored or did, for statistics and tests.
    struct Counters
    {
        uint64_t monitorsSent = 0;           ///< SendMonitor returned
        uint64_t monitorsAnswered = 0;       ///< SendMonitorReply returned
        uint64_t repliesAccepted = 0;        ///< valid replies
        uint64_t repliesUnknownPeer = 0;     ///< replies from ports not monitored
        uint64_t repliesUnknownSequence = 0; ///< old, duplicate or never-sent sequence numbers
        uint64_t repliesLate = 0;            ///< replies at or after the hold's expiry
        uint64_t messagesIgnored = 0;        ///< malformed, wrong type or other VPN
        uint64_t unknownPeerEvents = 0; ///< RemovePeer/OnTunnelDown/OnTunnelUp of unknown peers
        uint64_t holdsStarted = 0;      ///< S33
        uint64_t holdsCleared = 0;      ///< S35
        uint64_t peersDeleted = 0;      ///< S37
    };

    /// Asserts that config.Validate() is empty.
    MonitorEngine(MonitorIdentity identity, MonitorConfig config);
    explicit MonitorEngine(MonitorIdentity identity);

    // ---- peers ----
    /// A tunnel with `peerPort` is up: monitor it from `now` on (first monitor at now + period).
    MonitorActions AddPeer(Ipv4Address peerPort, Time now);
    /// Stop monitoring `peerPort` (the tunnel was closed on purpose). Returns nothing.
    MonitorActions RemovePeer(Ipv4Address peerPort);
    /// The tunnel with `peerPort` went down (e.g. L2TP keepalive). Deletes nothing.
    MonitorActions OnTunnelDown(Ipv4Address peerPort);
    /// The tunnel with `peerPort` is up again.
    MonitorActions OnTunnelUp(Ipv4Address peerPort);

    // ---- time and messages ----
    /// Monitors due (S31), silence (S32, S33), expired holds (S36-S39).
    MonitorActions OnTimer(Time now);
    /// A MONITOR_REPLY with `sequence` from `peerPort` (S31, S34, S35).
    MonitorActions OnReply(Ipv4Address peerPort, uint32_t sequence, Time now);
    /// A received message that should be a MONITOR_REPLY from `from`: checks
    /// validity, type and VPN-ID, then as OnReply(from, sequence, now).
    MonitorActions OnReply(const DiscoveryHeader& reply, Ipv4Address from, Time now);
    /// A received message that should be a MONITOR from `from`: the reply to send.
    MonitorActions OnMonitor(const DiscoveryHeader& monitor, Ipv4Address from);
    /// The earliest time at which OnTimer() has something to do; Time::Max() without peers.
    Time NextDeadline() const;

    /// The MONITOR to send for `action`, carrying this port's identity.
    DiscoveryHeader MakeMessage(const SendMonitor& action) const;
    /// The MONITOR_REPLY to send for `action`, carrying this port's identity.
    DiscoveryHeader MakeMessage(const SendMonitorReply& action) const;

    // ---- queries ----
    bool HasPeer(Ipv4Address peerPort) const;
    /// Whether the peer is silent (its hold timer runs).
    bool IsSilent(Ipv4Address peerPort) const;
    /// The hold's expiry while the peer is silent.
    std::optional<Time> GetHoldExpiry(Ipv4Address peerPort) const;
    /// Whether the driver reported the peer's tunnel down.
    bool IsTunnelDown(Ipv4Address peerPort) const;
    /// Monitored peers in address order.
    std::vector<Ipv4Address> GetPeers() const;
    std::size_t GetNPeers() const;
    const Counters& GetCounters() const;
    const MonitorConfig& GetConfig() const;
    const MonitorIdentity& GetIdentity() const;
    /// One line per peer.
    void Print(std::ostream& os) const;

  private:
    struct Peer
    {
        Time nextMonitor;           ///< when the next monitor is due
        uint32_t lastSent = 0;      ///< sequence of the last monitor sent (0: none)
        uint32_t lastAnswered = 0;  ///< sequence of the last valid reply (0: none)
        Time lastHeard;             ///< last valid reply, or AddPeer()
        bool silent = false;        ///< S32 reached; the hold runs
        Time holdStart;             ///< S33
        Time holdExpiry;            ///< holdStart + holdTime
        bool tunnelDown = false;    ///< OnTunnelDown() without OnTunnelUp() since
        bool reopenPending = false; ///< ReopenTunnel returned since OnTunnelDown()
    };

    /// The peer is heard from: clears its hold, maybe asks to reopen its tunnel.
    void Heard(Ipv4Address peerPort, Peer& peer, Time now, MonitorActions& out);
    /// Deletes every silent peer whose hold expired at `now` (S36-S39).
    void ExpireHolds(Time now, MonitorActions& out);
    bool HoldExpired(const Peer& peer, Time now) const;

    MonitorIdentity m_identity;
    MonitorConfig m_config;
    std::map<Ipv4Address, Peer> m_peers;
    Counters m_counters;
};

} // namespace vr
} // namespace ns3

#endif // IPVPN_VR_MONITOR_ENGINE_H
