// SPDX-License-Identifier: GPL-2.0-only
#include "vr-membership-engine.h"

#include "ns3/log.h"

#include <algorithm>
#include <utility>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("VrMembershipEngine");

namespace vr
{

namespace
{
const char* const AUTH_FAILED = "authentication failed";
} // namespace

std::string
PhaseName(MembershipEngine::Phase phase)
{
    switch (phase)
    {
    case MembershipEngine::Phase::IDLE:
        return "IDLE";
    case MembershipEngine::Phase::COLLECTING:
        return "COLLECTING";
    case MembershipEngine::Phase::JOINED:
        return "JOINED";
    }
    return "Phase(" + std::to_string(static_cast<int>(phase)) + ")";
}

std::string
RoleName(MembershipEngine::Role role)
{
    switch (role)
    {
    case MembershipEngine::Role::CLIENT:
        return "CLIENT";
    case MembershipEngine::Role::SERVER:
        return "SERVER";
    }
    return "Role(" + std::to_string(static_cast<int>(role)) + ")";
}

std::ostream&
operator<<(std::ostream& os, MembershipEngine::Phase phase)
{
    return os << PhaseName(phase);
}

std::ostream&
operator<<(std::ostream& os, MembershipEngine::Role role)
{
    return os << RoleName(role);
}

MembershipEngine::MembershipEngine(Identity identity)
    : MembershipEngine(identity, Options())
{
}

MembershipEngine::MembershipEngine(Identity identity, Options options)
    : m_identity(identity)
    , m_options(options)
{
}

// ---------------------------------------------------------------- helpers

void
MembershipEngine::Emit(MembershipActions& out, MembershipAction action)
{
    NS_LOG_LOGIC(m_identity.portAddress << ": " << action);
    if (m_observer)
    {
        m_observer(GetStep(action), GetPeer(action));
    }
    out.push_back(std::move(action));
}

void
MembershipEngine::Pass(Step step, Ipv4Address peer) const
{
    NS_LOG_LOGIC(m_identity.portAddress << ": " << step << " " << peer);
    if (m_observer)
    {
        m_observer(step, peer);
    }
}

void
MembershipEngine::SetState(Ipv4Address port, Peer& peer, PeerState state, Time now)
{
    peer.state = state;
    m_map.SetState(port, state, now);
}

void
MembershipEngine::Reject(const std::string& what, Ipv4Address peer)
{
    ++m_counters.rejectedInputs;
    NS_LOG_WARN(m_identity.portAddress << ": rejected " << what << " for " << peer);
}

MembershipEngine::Peer*
MembershipEngine::FindPeer(Ipv4Address port)
{
    auto it = m_peers.find(port);
    return it == m_peers.end() ? nullptr : &it->second;
}

const MembershipEngine::Peer*
MembershipEngine::FindPeer(Ipv4Address port) const
{
    auto it = m_peers.find(port);
    return it == m_peers.end() ? nullptr : &it->second;
}

void
MembershipEngine::AddToMap(Ipv4Address port, const Peer& peer, Time now, MembershipActions& out)
{
    MapEntry entry;
    entry.portAddress = port;
    entry.vpnId = peer.vpnId;
    entry.routerId = peer.routerId;
    entry.tunnelId = peer.tunnelId;
    entry.state = peer.state;
    entry.added = now;
    entry.changed = now;
    const bool added = m_map.Add(entry);
    if (!added)
    {
        m_map.Update(entry);
    }
    Emit(out, MapUpdated{Step::S4, port, added ? MapUpdated::ADDED : MapUpdated::UPDATED});
}

void
MembershipEngine::StartNextSetups(Time now, MembershipActions& out)
{
    if (m_phase != Phase::JOINED)
    {
        return;
    }
    // S8 -> S5: "If a VR port yet to be processed is left, the process goes back to step S5."
    while (!m_pending.empty() && (m_options.parallelSetup || !m_current))
    {
        const Ipv4Address port = m_pending.front();
        m_pending.pop_front();
        Peer* peer = FindPeer(port);
        if (peer == nullptr || peer->role != Role::CLIENT || peer->state != PeerState::DISCOVERED)
        {
            continue; // removed or turned around meanwhile
        }
        if (!m_options.parallelSetup)
        {
            m_current = port;
        }
        // S5: L2TP client and RADIUS client; the port's credentials go to the peer.
        SetState(port, *peer, PeerState::AUTHENTICATING, now);
        Emit(out, OpenTunnel{Step::S5, port, peer->routerId});
    }
}

void
MembershipEngine::AcceptReplier(Ipv4Address port, Time now, MembershipActions& out)
{
    Peer& peer = m_peers[port];
    ++m_counters.acksAccepted;
    Pass(Step::S2, port); // S2: a reply to the addition of S1
    Pass(Step::S3, port); // S3: its IP address and router ID (kept in `peer`)
    m_pending.push_back(port);
    if (m_phase == Phase::JOINED)
    {
        // A late reply: S4 for it now, then S5 in turn.
        AddToMap(port, peer, now, out);
        StartNextSetups(now, out);
    }
}

// ----------------------------------------------------------------- new port

MembershipActions
MembershipEngine::Start(uint32_t sequence, Time now)
{
    NS_LOG_FUNCTION(this << sequence << now);
    MembershipActions out;
    if (std::find(m_sequences.begin(), m_sequences.end(), sequence) == m_sequences.end())
    {
        m_sequences.push_back(sequence);
    }
    if (m_phase == Phase::IDLE)
    {
        m_phase = Phase::COLLECTING;
    }
    // S1: "an addition message is broadcast to all of the routers".
    Emit(out, SendAddition{Step::S1, sequence});
    return out;
}

MembershipActions
MembershipEngine::OnAck(const DiscoveryHeader& ack, Time now)
{
    NS_LOG_FUNCTION(this << now);
    MembershipActions out;
    const Ipv4Address port = ack.GetPortAddress();
    const bool ours =
        std::find(m_sequences.begin(), m_sequences.end(), ack.GetSequence()) != m_sequences.end();
    if (!ack.IsValid() || ack.GetType() != ADDITION_ACK || !ack.HasPortAddress() ||
        m_phase == Phase::IDLE || !ours || ack.GetVpnId() != m_identity.vpnId ||
        port == m_identity.portAddress)
    {
        ++m_counters.acksIgnored;
        NS_LOG_LOGIC("ACK ignored: " << ack);
        return out;
    }
    Peer* known = FindPeer(port);
    if (known != nullptr)
    {
        // Crossed additions: the lower address opens, the higher accepts.
        if (known->role == Role::SERVER && known->crossed &&
            known->state == PeerState::AUTHENTICATING && m_identity.portAddress < port)
        {
            known->role = Role::CLIENT;
            known->crossed = false;
            known->state = PeerState::DISCOVERED;
            known->routerId = ack.GetRouterId();
            AcceptReplier(port, now, out);
            return out;
        }
        if (known->role == Role::CLIENT && known->state == PeerState::FAILED)
        {
            // A refused peer answering a later addition (new credentials):
            // the seed's steps again, from S2.
            known->state = PeerState::DISCOVERED;
            known->routerId = ack.GetRouterId();
            AcceptReplier(port, now, out);
            return out;
        }
        ++m_counters.acksIgnored; // duplicate
        NS_LOG_LOGIC("duplicate ACK from " << port);
        return out;
    }
    Peer peer;
    peer.role = Role::CLIENT;
    peer.vpnId = ack.GetVpnId();
    peer.routerId = ack.GetRouterId();
    peer.state = PeerState::DISCOVERED;
    m_peers.emplace(port, peer);
    AcceptReplier(port, now, out);
    return out;
}

MembershipActions
MembershipEngine::OnCollectionEnd(Time now)
{
    NS_LOG_FUNCTION(this << now);
    MembershipActions out;
    if (m_phase != Phase::COLLECTING)
    {
        Reject("collection end in phase " + PhaseName(m_phase), m_identity.portAddress);
        return out;
    }
    m_phase = Phase::JOINED;
    // S4: the map of every replier, before any authentication, in arrival order.
    for (const Ipv4Address& port : m_pending)
    {
        AddToMap(port, m_peers.at(port), now, out);
    }
    StartNextSetups(now, out);
    return out;
}

MembershipEngine::Peer*
MembershipEngine::FindResultPeer(Ipv4Address peerPort,
                                 Role role,
                                 bool authenticated,
                                 uint16_t tunnelId)
{
    Peer* peer = FindPeer(peerPort);
    if (peer == nullptr || peer->role != role || peer->state != PeerState::AUTHENTICATING ||
        (authenticated && tunnelId == 0))
    {
        Reject(role == Role::CLIENT ? "client result" : "server result", peerPort);
        return nullptr;
    }
    return peer;
}

MembershipActions
MembershipEngine::OnClientResult(Ipv4Address peerPort,
                                 bool authenticated,
                                 uint16_t tunnelId,
                                 Time now)
{
    NS_LOG_FUNCTION(this << peerPort << authenticated << tunnelId << now);
    MembershipActions out;
    Peer* peer = FindResultPeer(peerPort, Role::CLIENT, authenticated, tunnelId);
    if (peer == nullptr)
    {
        return out;
    }
    if (!authenticated)
    {
        // S6: "the process is terminated" -- for this peer; the others follow.
        ++m_counters.errors;
        SetState(peerPort, *peer, PeerState::FAILED, now);
        Emit(out, ReportError{Step::S6, peerPort, AUTH_FAILED});
        if (m_current == peerPort)
        {
            m_current.reset();
        }
        StartNextSetups(now, out);
        return out;
    }
    // S5: "the VR ports (A3) and (A1) respectively manage this tunnel identifier".
    peer->tunnelId = tunnelId;
    m_map.SetTunnelId(peerPort, tunnelId, now);
    SetState(peerPort, *peer, PeerState::EXCHANGING, now);
    // S7: exchange routes over the tunnel set up in S5.
    Emit(out, ExchangeRoutes{Step::S7, peerPort, tunnelId});
    return out;
}

// ------------------------------------------------------------ existing port

MembershipActions
MembershipEngine::OnAddition(const DiscoveryHeader& addition, Time now)
{
    NS_LOG_FUNCTION(this << now);
    MembershipActions out;
    const Ipv4Address port = addition.GetPortAddress();
    if (!addition.IsValid() || addition.GetType() != ADDITION || !addition.HasPortAddress() ||
        port == m_identity.portAddress)
    {
        ++m_counters.additionsIgnored;
        NS_LOG_LOGIC("addition ignored: " << addition);
        return out;
    }
    Pass(Step::S11, port);
    // S12: "If they mismatch, the process is terminated" (port B of Fig. 7 stays silent).
    Pass(Step::S12, port);
    if (addition.GetVpnId() != m_identity.vpnId)
    {
        ++m_counters.additionsOtherVpn;
        return out;
    }
    // S13: the sender's IP address and router ID.
    Pass(Step::S13, port);
    Peer* known = FindPeer(port);
    if (known != nullptr && known->state != PeerState::FAILED)
    {
        // A retransmission, or a peer known from its ACK: the ACK only.
        ++m_counters.additionsRepeated;
        Emit(out, SendAck{Step::S14, port, known->routerId, addition.GetSequence()});
        return out;
    }
    Peer peer;
    peer.role = Role::SERVER;
    peer.vpnId = addition.GetVpnId();
    peer.routerId = addition.GetRouterId();
    peer.state = PeerState::AUTHENTICATING;
    peer.crossed = (m_phase == Phase::COLLECTING);
    if (known != nullptr)
    {
        // A FAILED peer tries again: it starts over as a new port.
        m_pending.erase(std::remove(m_pending.begin(), m_pending.end(), port), m_pending.end());
        *known = peer;
        m_map.SetState(port, PeerState::AUTHENTICATING, now);
    }
    else
    {
        m_peers.emplace(port, peer);
    }
    // S14: the reply, echoing the addition's sequence number.
    Emit(out, SendAck{Step::S14, port, peer.routerId, addition.GetSequence()});
    // S15: L2TP server and RADIUS server, to authenticate the new port.
    Emit(out, AcceptTunnel{Step::S15, port, peer.routerId});
    return out;
}

MembershipActions
MembershipEngine::OnServerResult(Ipv4Address peerPort,
                                 bool authenticated,
                                 uint16_t tunnelId,
                                 Time now)
{
    NS_LOG_FUNCTION(this << peerPort << authenticated << tunnelId << now);
    MembershipActions out;
    Peer* peer = FindResultPeer(peerPort, Role::SERVER, authenticated, tunnelId);
    if (peer == nullptr)
    {
        return out;
    }
    if (!authenticated)
    {
        // S21: the error process; the peer does not enter the map.
        ++m_counters.errors;
        peer->state = PeerState::FAILED;
        Emit(out, ReportError{Step::S21, peerPort, AUTH_FAILED});
        return out;
    }
    peer->tunnelId = tunnelId;
    peer->state = PeerState::EXCHANGING;
    peer->crossed = false;
    // S17: the map, after authentication, from what S13 took.
    MapEntry entry;
    entry.portAddress = peerPort;
    entry.vpnId = peer->vpnId;
    entry.routerId = peer->routerId;
    entry.tunnelId = tunnelId;
    entry.state = PeerState::EXCHANGING;
    entry.added = now;
    entry.changed = now;
    const bool added = m_map.Add(entry);
    if (!added)
    {
        m_map.Update(entry);
    }
    Emit(out, MapUpdated{Step::S17, peerPort, added ? MapUpdated::ADDED : MapUpdated::UPDATED});
    // S18: exchange routes over the tunnel set up in S15.
    Emit(out, ExchangeRoutes{Step::S18, peerPort, tunnelId});
    return out;
}

// --------------------------------------------------------------------- both

MembershipActions
MembershipEngine::OnRoutesExchanged(Ipv4Address peerPort, Time now)
{
    NS_LOG_FUNCTION(this << peerPort << now);
    MembershipActions out;
    Peer* peer = FindPeer(peerPort);
    if (peer == nullptr || peer->state != PeerState::EXCHANGING)
    {
        Reject("routes exchanged", peerPort);
        return out;
    }
    SetState(peerPort, *peer, PeerState::UP, now);
    // S8 (new port) / S19 (existing port): the table from the exchanged routes.
    const Step step = peer->role == Role::CLIENT ? Step::S8 : Step::S19;
    Emit(out, UpdateTable{step, peerPort});
    if (m_current == peerPort)
    {
        m_current.reset();
    }
    StartNextSetups(now, out);
    return out;
}

MembershipActions
MembershipEngine::OnPeerRemoved(Ipv4Address peerPort, Time now)
{
    NS_LOG_FUNCTION(this << peerPort << now);
    MembershipActions out;
    auto it = m_peers.find(peerPort);
    if (it == m_peers.end())
    {
        Reject("removal", peerPort);
        return out;
    }
    const uint16_t tunnelId = it->second.tunnelId;
    m_peers.erase(it);
    m_pending.erase(std::remove(m_pending.begin(), m_pending.end(), peerPort), m_pending.end());
    if (tunnelId != 0)
    {
        // S36: remove the tunnel, release its L2TP parameters.
        Emit(out, ReleaseTunnel{Step::S36, peerPort, tunnelId});
    }
    if (m_map.Remove(peerPort))
    {
        // S37: delete the port from the map.
        Emit(out, MapUpdated{Step::S37, peerPort, MapUpdated::REMOVED});
    }
    if (tunnelId != 0)
    {
        // S38: re-exchange routes among the remaining ports; S39: update the table.
        for (const auto& [port, entry] : m_map)
        {
            if (entry.state == PeerState::UP)
            {
                Emit(out, ExchangeRoutes{Step::S38, port, entry.tunnelId});
            }
        }
        Emit(out, UpdateTable{Step::S39, peerPort});
    }
    if (m_current == peerPort)
    {
        m_current.reset();
    }
    StartNextSetups(now, out);
    return out;
}

bool
MembershipEngine::OnPeerSilent(Ipv4Address peerPort, Time now)
{
    Peer* peer = FindPeer(peerPort);
    if (peer == nullptr || peer->state != PeerState::UP)
    {
        Reject("silence", peerPort);
        return false;
    }
    Pass(Step::S32, peerPort); // S32: the port may be gone
    Pass(Step::S33, peerPort); // S33: the hold timer starts (the monitoring engine's)
    SetState(peerPort, *peer, PeerState::SILENT, now);
    return true;
}

bool
MembershipEngine::OnPeerRestored(Ipv4Address peerPort, Time now)
{
    Peer* peer = FindPeer(peerPort);
    if (peer == nullptr || peer->state != PeerState::SILENT)
    {
        Reject("restoration", peerPort);
        return false;
    }
    Pass(Step::S34, peerPort); // S34: restored within the hold time
    Pass(Step::S35, peerPort); // S35: the timer is cleared
    SetState(peerPort, *peer, PeerState::UP, now);
    return true;
}

void
MembershipEngine::SetStepObserver(StepObserver observer)
{
    m_observer = std::move(observer);
}

// ------------------------------------------------------------------ queries

const MembershipEngine::Identity&
MembershipEngine::GetIdentity() const
{
    return m_identity;
}

const MembershipEngine::Options&
MembershipEngine::GetOptions() const
{
    return m_options;
}

MembershipEngine::Phase
MembershipEngine::GetPhase() const
{
    return m_phase;
}

const ConfigurationMap&
MembershipEngine::GetMap() const
{
    return m_map;
}

std::optional<PeerState>
MembershipEngine::GetPeerState(Ipv4Address peerPort) const
{
    const Peer* peer = FindPeer(peerPort);
    return peer == nullptr ? std::nullopt : std::optional<PeerState>(peer->state);
}

std::optional<MembershipEngine::Role>
MembershipEngine::GetPeerRole(Ipv4Address peerPort) const
{
    const Peer* peer = FindPeer(peerPort);
    return peer == nullptr ? std::nullopt : std::optional<Role>(peer->role);
}

std::optional<uint16_t>
MembershipEngine::GetPeerTunnelId(Ipv4Address peerPort) const
{
    const Peer* peer = FindPeer(peerPort);
    return peer == nullptr ? std::nullopt : std::optional<uint16_t>(peer->tunnelId);
}

std::vector<Ipv4Address>
MembershipEngine::GetPendingSetups() const
{
    return std::vector<Ipv4Address>(m_pending.begin(), m_pending.end());
}

const MembershipEngine::Counters&
MembershipEngine::GetCounters() const
{
    return m_counters;
}

void
MembershipEngine::Print(std::ostream& os) const
{
    os << "VR port " << m_identity.portAddress << " vpn=" << m_identity.vpnId
       << " router=" << m_identity.routerId << " phase=" << m_phase << "\n";
    for (const auto& [port, peer] : m_peers)
    {
        os << "  peer " << port << " " << peer.role << " " << peer.state
           << " tunnel=" << peer.tunnelId << (m_map.Contains(port) ? "" : " (not in map)") << "\n";
    }
    m_map.Print(os);
}

} // namespace vr
} // namespace ns3
