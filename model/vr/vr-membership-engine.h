/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The membership engine of one VR port (seed 000, Figs. 7, 8, 9 and the
 * deletion steps S36-S39 of Fig. 10): a plain class, no simulator, no I/O,
 * no clock. Its driver feeds it the discovery messages the port receives
 * (vr::DiscoveryHeader), the results of the L2TP/RADIUS set-ups and route
 * exchanges it asked for, and peer removals; each call returns the actions
 * to carry out (vr-membership-actions.h), in the seed's order, each tagged
 * with its step. The engine keeps the port's configuration map (unit 35,
 * Fig. 6B).
 *
 * New port (Fig. 8): Start() = S1; OnAck() = S2, S3 per reply; at
 * OnCollectionEnd() S4 puts every replier in the map, before any
 * authentication, then S5 (OpenTunnel) for the first replier in arrival
 * order; OnClientResult() success = S7 (ExchangeRoutes, the tunnel ID kept
 * in the map), failure = S6 (ReportError); OnRoutesExchanged() = S8, then S5
 * for the next replier ("back to step S5").
 * Existing port (Fig. 9): OnAddition() = S11, S12 (another VPN: nothing at
 * all, counted), S13, S14 (SendAck), S15 (AcceptTunnel); OnServerResult()
 * success = S17 (the peer enters the map only now, after authentication)
 * and S18, failure = S21 (ReportError, nothing in the map);
 * OnRoutesExchanged() = S19.
 * Deletion: OnPeerRemoved() = S36 (ReleaseTunnel), S37 (MapUpdated REMOVED),
 * S38 (ExchangeRoutes with every remaining UP peer), S39 (UpdateTable).
 *
 * Choices where the seed is silent:
 *  - Tunnel set-up is serial by default, one replier at a time, as the
 *    seed's loop back to S5; Options::parallelSetup opens every tunnel at
 *    once (at S4 and for each late ACK).
 *  - S6 and S21 stop with that peer only: the other repliers are still
 *    served (S5 for the next one). A peer that failed at S6 stays in the map
 *    (it entered it at S4) as FAILED; one that failed at S21 never enters it.
 *  - An ACK counts only if it is an ADDITION_ACK, valid, of this port's VPN,
 *    not this port's own, echoing the sequence number of one of this port's
 *    additions (Start() again = retransmission, every sequence sent stays
 *    valid), and from a peer not yet known. Everything else is dropped and
 *    counted (acksIgnored). ACKs before Start() are dropped.
 *  - A late ACK (after OnCollectionEnd()) goes through S2, S3, S4 at once
 *    (the map gets the new row) and is queued for S5 behind the others.
 *  - An addition from a peer already known and not FAILED (a retransmission,
 *    or a peer known from its ACK) is answered with the ACK only (S14):
 *    no second AcceptTunnel. An addition from a FAILED peer starts over
 *    (S14, S15): that is how a port retries, e.g. after new credentials.
 *  - Two ports added at once (each one's addition reaches the other while
 *    that one is COLLECTING, its own addition out): each first takes the
 *    other's addition (S14, S15: server); the ACK that follows decides by
 *    address: the lower port turns the peer into a replier (S2-S5: client),
 *    the higher one drops the ACK. One side opens, the other accepts, in
 *    either order of arrival. The AcceptTunnel already returned at the lower
 *    port is left standing (it only waits). An addition that arrives before
 *    this port's own Start() or after its collection makes this port the
 *    server for that peer whatever the addresses, as in Fig. 9; an ACK from
 *    such a peer is a duplicate. This assumes that the messages of one port
 *    to another arrive in the order sent (FIFO between two routers).
 *  - The map holds the peers only, not this port itself; GetRouterIds() of
 *    the map is the seed's minimum list (add the own router ID for all).
 *  - A success with tunnel ID 0 ("none") is rejected like any other
 *    nonsensical input: no action, rejectedInputs counted, state unchanged.
 *  - S38 re-exchanges with the peers that are UP after the removal; S38 and
 *    S39 come only when the removed peer had a tunnel (routes came over it).
 *    With OSPF over the tunnels (issue 10) the driver may take S38 as "the
 *    per-VPN OSPF re-floods", which it does by itself.
 *  - OnPeerSilent() / OnPeerRestored() only mirror the monitoring steps
 *    S32-S35 into the map's state; the hold timer is not this engine's.
 *  - Mutual authentication (text after Fig. 9) changes nothing here: both
 *    directions run in the driver's L2TP/RADIUS set-up, which reports one
 *    result per peer; so there is no option for it.
 *  - A step observer (SetStepObserver) sees every step the engine passes,
 *    also those with no action (S2, S3, S11, S12, S13, S32-S35), for ladder
 *    diagrams and golden sequences. S9 is never reported (the seed names it
 *    only in "steps S5 through S9").
 */
#ifndef IPVPN_VR_MEMBERSHIP_ENGINE_H
#define IPVPN_VR_MEMBERSHIP_ENGINE_H

#include "vr-configuration-map.h"
#include "vr-discovery-header.h"
#include "vr-membership-actions.h"
#include "vr-vpn-id.h"

#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{
namespace vr
{

/// Discovery, authentication order and configuration map of one VR port.
class MembershipEngine
{
  public:
    /// The three fields of S1 and S14.
    struct Identity
    {
        VpnId vpnId;
        Ipv4Address routerId = Ipv4Address::GetAny();
        Ipv4Address portAddress = Ipv4Address::GetAny();
    };

    struct Options
    {
        /// Open the tunnels to all repliers at once instead of one at a time.
        bool parallelSetup = false;
    };

    /// Where the port's own discovery stands.
    enum class Phase : uint8_t
    {
        IDLE,       ///< Start() not called: the port only answers additions
        COLLECTING, ///< S1 sent, S2/S3 collecting replies
        JOINED,     ///< S4 done; tunnels set up per replier
    };

    /// Which side of the tunnel this port plays for a peer.
    enum class Role : uint8_t
    {
        CLIENT, ///< this port opens it (Fig. 8, S5)
        SERVER, ///< this port accepts it (Fig. 9, S15)
    };

    struct Counters
    {
        uint32_t additionsOtherVpn = 0; ///< S12 mismatch: no answer
        uint32_t additionsIgnored = 0;  ///< not a valid ADDITION, or this port's own
        uint32_t additionsRepeated = 0; ///< from a known peer: ACK re-sent only
        uint32_t acksAccepted = 0;      ///< repliers recorded (S2, S3)
        uint32_t acksIgnored = 0;       ///< invalid, other VPN, own, stale, duplicate, early
        uint32_t errors = 0;            ///< S6 and S21
        uint32_t rejectedInputs = 0;    ///< results and removals that make no sense
    };

    /// Sees each step as the engine passes it, with the peer (0.0.0.0 for S1).
    using StepObserver = std::function<void(Step step, Ipv4Address peer)>;

    /// Default options.
    explicit MembershipEngine(Identity identity);
    MembershipEngine(Identity identity, Options options);

    // ---- new port (Fig. 8) ----
    /// S1: announce the port. Calling again re-sends (retransmission).
    MembershipActions Start(uint32_t sequence, Time now);
    /// S2, S3: one reply to an addition of this port.
    MembershipActions OnAck(const DiscoveryHeader& ack, Time now);
    /// The collection of replies is over: S4, then S5.
    MembershipActions OnCollectionEnd(Time now);
    /// The S5 set-up towards peerPort ended (L2TP client + RADIUS client).
    MembershipActions OnClientResult(Ipv4Address peerPort,
                                     bool authenticated,
                                     uint16_t tunnelId,
                                     Time now);

    // ---- existing port (Fig. 9) ----
    /// S11-S15: an addition message from another port.
    MembershipActions OnAddition(const DiscoveryHeader& addition, Time now);
    /// The S15 set-up for peerPort ended (L2TP server + RADIUS server).
    MembershipActions OnServerResult(Ipv4Address peerPort,
                                     bool authenticated,
                                     uint16_t tunnelId,
                                     Time now);

    // ---- both ----
    /// The route exchange of S7/S18 with peerPort is done: S8/S19.
    MembershipActions OnRoutesExchanged(Ipv4Address peerPort, Time now);
    /// The hold time for peerPort ran out (Fig. 10): S36-S39.
    MembershipActions OnPeerRemoved(Ipv4Address peerPort, Time now);
    /// S32, S33: an UP peer stopped answering (SILENT). \return false if rejected.
    bool OnPeerSilent(Ipv4Address peerPort, Time now);
    /// S34, S35: a SILENT peer answers again: UP. \return false if rejected.
    bool OnPeerRestored(Ipv4Address peerPort, Time now);

    void SetStepObserver(StepObserver observer);

    // ---- queries ----
    const Identity& GetIdentity() const;
    const Options& GetOptions() const;
    Phase GetPhase() const;
    const ConfigurationMap& GetMap() const;
    /// The state of a peer this port deals with (in the map or not yet), if any.
    std::optional<PeerState> GetPeerState(Ipv4Address peerPort) const;
    std::optional<Role> GetPeerRole(Ipv4Address peerPort) const;
    /// The peer's tunnel ID (0 = none yet), if the peer is known.
    std::optional<uint16_t> GetPeerTunnelId(Ipv4Address peerPort) const;
    /// Repliers waiting for S5, in order.
    std::vector<Ipv4Address> GetPendingSetups() const;
    const Counters& GetCounters() const;
    void Print(std::ostream& os) const;

  private:
    struct Peer
    {
        Role role = Role::SERVER;
        VpnId vpnId;
        Ipv4Address routerId = Ipv4Address::GetAny();
        PeerState state = PeerState::DISCOVERED;
        uint16_t tunnelId = 0;
        /// Its addition came while this port collected (both ports new).
        bool crossed = false;
    };

    /// Appends the action and tells the observer its step.
    void Emit(MembershipActions& out, MembershipAction action);
    /// Tells the observer of a step that has no action.
    void Pass(Step step, Ipv4Address peer) const;
    /// Sets a peer's state in the record and, if present, in the map.
    void SetState(Ipv4Address port, Peer& peer, PeerState state, Time now);
    /// S4 for one replier: its row, before authentication.
    void AddToMap(Ipv4Address port, const Peer& peer, Time now, MembershipActions& out);
    /// S5 for the next replier(s) when allowed.
    void StartNextSetups(Time now, MembershipActions& out);
    /// Records a replier (S2, S3) and, after the collection, S4 and S5.
    void AcceptReplier(Ipv4Address port, Time now, MembershipActions& out);
    void Reject(const std::string& what, Ipv4Address peer);
    Peer* FindPeer(Ipv4Address port);
    const Peer* FindPeer(Ipv4Address port) const;
    /// The peer a tunnel result is about, if the result makes sense (the
    /// peer in that role, authenticating, a tunnel ID with a success);
    /// otherwise nullptr, the input rejected and counted.
    Peer* FindResultPeer(Ipv4Address peerPort, Role role, bool authenticated, uint16_t tunnelId);

    Identity m_identity;
    Options m_options;
    Phase m_phase = Phase::IDLE;
    std::vector<uint32_t> m_sequences;    ///< of the additions sent (S1)
    std::map<Ipv4Address, Peer> m_peers;  ///< every peer dealt with, by port
    std::deque<Ipv4Address> m_pending;    ///< repliers waiting for S5, in order
    std::optional<Ipv4Address> m_current; ///< serial set-up: the replier in S5-S8
    ConfigurationMap m_map;               ///< unit 35
    Counters m_counters;
    StepObserver m_observer;
};

std::string PhaseName(MembershipEngine::Phase phase);
std::string RoleName(MembershipEngine::Role role);
std::ostream& operator<<(std::ostream& os, MembershipEngine::Phase phase);
std::ostream& operator<<(std::ostream& os, MembershipEngine::Role role);

} // namespace vr
} // namespace ns3

#endif /* IPVPN_VR_MEMBERSHIP_ENGINE_H */
