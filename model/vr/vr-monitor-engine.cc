/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "vr-monitor-engine.h"

#include "ns3/assert.h"
#include "ns3/log.h"

#include <algorithm>
#include <sstream>
#include <utility>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("VrMonitorEngine");

namespace vr
{

std::string
MonitorConfig::Validate() const
{
    if (!period.IsStrictlyPositive())
    {
        return "monitoring period must be positive";
    }
    if (silentAfter == 0)
    {
        return "silentAfter must be at least 1";
    }
    if (holdTime.IsStrictlyNegative())
    {
        return "hold time must not be negative";
    }
    return "";
}

std::ostream&
operator<<(std::ostream& os, const MonitorConfig& config)
{
    return os << "period " << config.period.As(Time::S) << " silentAfter " << config.silentAfter
              << " hold " << config.holdTime.As(Time::S);
}

bool
SendMonitor::operator==(const SendMonitor& o) const
{
    return step == o.step && peerPort == o.peerPort && sequence == o.sequence;
}

bool
SendMonitorReply::operator==(const SendMonitorReply& o) const
{
    return step == o.step && toPort == o.toPort && sequence == o.sequence;
}

bool
PeerSilent::operator==(const PeerSilent& o) const
{
    return step == o.step && peerPort == o.peerPort && unanswered == o.unanswered &&
           lastHeard == o.lastHeard;
}

bool
StartHold::operator==(const StartHold& o) const
{
    return step == o.step && peerPort == o.peerPort && expiry == o.expiry;
}

bool
HoldCleared::operator==(const HoldCleared& o) const
{
    return step == o.step && peerPort == o.peerPort && heldFor == o.heldFor;
}

bool
ReopenTunnel::operator==(const ReopenTunnel& o) const
{
    return step == o.step && peerPort == o.peerPort;
}

bool
RemoveTunnel::operator==(const RemoveTunnel& o) const
{
    return step == o.step && peerPort == o.peerPort;
}

bool
DeletePeer::operator==(const DeletePeer& o) const
{
    return step == o.step && peerPort == o.peerPort;
}

bool
ReexchangeRoutes::operator==(const ReexchangeRoutes& o) const
{
    return step == o.step && removedPeer == o.removedPeer && remaining == o.remaining;
}

bool
UpdateTables::operator==(const UpdateTables& o) const
{
    return step == o.step && removedPeer == o.removedPeer;
}

Step
GetStep(const MonitorAction& action)
{
    return std::visit(
        [](const auto& a) {
            return a.step;
        },
        action);
}

std::vector<Step>
StepsOf(const MonitorActions& actions)
{
    std::vector<Step> steps;
    steps.reserve(actions.size());
    for (const MonitorAction& a : actions)
    {
        steps.push_back(GetStep(a));
    }
    return steps;
}

namespace
{

/// Prints every action as "<step> <name> <fields>".
struct ActionPrinter
{
    std::ostream& os;

    void
    operator()(const SendMonitor& a) const
    {
        os << a.step << " SendMonitor to " << a.peerPort << " seq " << a.sequence;
    }

    void
    operator()(const SendMonitorReply& a) const
    {
        os << a.step << " SendMonitorReply to " << a.toPort << " seq " << a.sequence;
    }

    void
    operator()(const PeerSilent& a) const
    {
        os << a.step << " PeerSilent " << a.peerPort << " unanswered " << a.unanswered
           << " last heard " << a.lastHeard.As(Time::S);
    }

    void
    operator()(const StartHold& a) const
    {
        os << a.step << " StartHold " << a.peerPort << " until " << a.expiry.As(Time::S);
    }

    void
    operator()(const HoldCleared& a) const
    {
        os << a.step << " HoldCleared " << a.peerPort << " after " << a.heldFor.As(Time::S);
    }

    void
    operator()(const ReopenTunnel& a) const
    {
        os << a.step << " ReopenTunnel " << a.peerPort;
    }

    void
    operator()(const RemoveTunnel& a) const
    {
        os << a.step << " RemoveTunnel " << a.peerPort;
    }

    void
    operator()(const DeletePeer& a) const
    {
        os << a.step << " DeletePeer " << a.peerPort;
    }

    void
    operator()(const ReexchangeRoutes& a) const
    {
        os << a.step << " ReexchangeRoutes without " << a.removedPeer << " with [";
        for (std::size_t i = 0; i < a.remaining.size(); ++i)
        {
            os << (i ? " " : "") << a.remaining[i];
        }
        os << "]";
    }

    void
    operator()(const UpdateTables& a) const
    {
        os << a.step << " UpdateTables without " << a.removedPeer;
    }
};

} // namespace

std::ostream&
operator<<(std::ostream& os, const MonitorAction& action)
{
    std::visit(ActionPrinter{os}, action);
    return os;
}

MonitorEngine::MonitorEngine(MonitorIdentity identity, MonitorConfig config)
    : m_identity(identity)
    , m_config(config)
{
    NS_ASSERT_MSG(m_config.Validate().empty(), "MonitorEngine: " << m_config.Validate());
}

MonitorEngine::MonitorEngine(MonitorIdentity identity)
    : MonitorEngine(identity, MonitorConfig())
{
}

MonitorActions
MonitorEngine::AddPeer(Ipv4Address peerPort, Time now)
{
    MonitorActions out;
    auto it = m_peers.find(peerPort);
    if (it == m_peers.end())
    {
        Peer peer;
        peer.nextMonitor = now + m_config.period;
        peer.lastHeard = now;
        m_peers.emplace(peerPort, peer);
        NS_LOG_INFO("monitoring " << peerPort << " from " << now.As(Time::S));
        return out;
    }
    // A tunnel was just set up with a known peer: it is alive.
    Peer& peer = it->second;
    if (HoldExpired(peer, now))
    {
        // Too late for this hold; the peer comes back as a new one.
        ExpireHolds(now, out);
        MonitorActions added = AddPeer(peerPort, now);
        out.insert(out.end(), added.begin(), added.end());
        return out;
    }
    peer.lastAnswered = peer.lastSent;
    peer.tunnelDown = false;
    peer.reopenPending = false;
    Heard(peerPort, peer, now, out);
    return out;
}

MonitorActions
MonitorEngine::RemovePeer(Ipv4Address peerPort)
{
    if (m_peers.erase(peerPort) == 0)
    {
        ++m_counters.unknownPeerEvents;
    }
    return {};
}

MonitorActions
MonitorEngine::OnTunnelDown(Ipv4Address peerPort)
{
    auto it = m_peers.find(peerPort);
    if (it == m_peers.end())
    {
        ++m_counters.unknownPeerEvents;
        return {};
    }
    // Only recorded: the hold's expiry, not the transport, deletes a peer.
    NS_LOG_INFO("tunnel to " << peerPort << " down");
    it->second.tunnelDown = true;
    it->second.reopenPending = false;
    return {};
}

MonitorActions
MonitorEngine::OnTunnelUp(Ipv4Address peerPort)
{
    auto it = m_peers.find(peerPort);
    if (it == m_peers.end())
    {
        ++m_counters.unknownPeerEvents;
        return {};
    }
    it->second.tunnelDown = false;
    it->second.reopenPending = false;
    return {};
}

MonitorActions
MonitorEngine::OnTimer(Time now)
{
    MonitorActions out;
    for (auto& [address, peer] : m_peers)
    {
        if (HoldExpired(peer, now) || now < peer.nextMonitor)
        {
            continue;
        }
        // S32: each of the last silentAfter monitors has had a full period.
        uint32_t unanswered = peer.lastSent - peer.lastAnswered;
        if (!peer.silent && unanswered >= m_config.silentAfter)
        {
            peer.silent = true;
            peer.holdStart = now;
            // Saturates: a hold of Time::Max() never expires.
            peer.holdExpiry =
                m_config.holdTime > Time::Max() - now ? Time::Max() : now + m_config.holdTime;
            ++m_counters.holdsStarted;
            NS_LOG_INFO(address << " silent after " << unanswered << " monitors; hold until "
                                << peer.holdExpiry.As(Time::S));
            out.push_back(PeerSilent{Step::S32, address, unanswered, peer.lastHeard});
            out.push_back(StartHold{Step::S33, address, peer.holdExpiry});
            if (HoldExpired(peer, now))
            {
                continue; // a zero hold time: deleted below, nothing more to send
            }
        }
        // S31: the period's monitor, also during the hold (S34 uses its reply).
        ++peer.lastSent;
        ++m_counters.monitorsSent;
        out.push_back(SendMonitor{Step::S31, address, peer.lastSent});
        // The next time on the peer's schedule after now (a late call skips
        // the missed ones rather than sending them in a burst).
        int64_t missed = (now - peer.nextMonitor).GetTimeStep() / m_config.period.GetTimeStep();
        peer.nextMonitor += m_config.period * (missed + 1);
    }
    ExpireHolds(now, out);
    return out;
}

MonitorActions
MonitorEngine::OnReply(Ipv4Address peerPort, uint32_t sequence, Time now)
{
    MonitorActions out;
    auto it = m_peers.find(peerPort);
    if (it == m_peers.end())
    {
        NS_LOG_LOGIC("reply from unknown port " << peerPort);
        ++m_counters.repliesUnknownPeer;
        return out;
    }
    Peer& peer = it->second;
    if (HoldExpired(peer, now))
    {
        // The hold ran out: the deletion comes first, whichever event the
        // driver runs first at this time.
        NS_LOG_INFO("reply from " << peerPort << " after its hold expired");
        ++m_counters.repliesLate;
        ExpireHolds(now, out);
        return out;
    }
    // Outstanding monitors are lastAnswered+1 .. lastSent (modulo 2^32).
    uint32_t outstanding = peer.lastSent - peer.lastAnswered;
    uint32_t age = peer.lastSent - sequence;
    if (age >= outstanding)
    {
        NS_LOG_LOGIC("reply from " << peerPort << " with unexpected sequence " << sequence);
        ++m_counters.repliesUnknownSequence;
        return out;
    }
    ++m_counters.repliesAccepted;
    peer.lastAnswered = sequence;
    Heard(peerPort, peer, now, out);
    return out;
}

MonitorActions
MonitorEngine::OnReply(const DiscoveryHeader& reply, Ipv4Address from, Time now)
{
    if (!reply.IsValid() || reply.GetType() != MONITOR_REPLY ||
        reply.GetVpnId() != m_identity.vpnId)
    {
        NS_LOG_LOGIC("ignoring message from " << from << " as a monitoring reply");
        ++m_counters.messagesIgnored;
        return {};
    }
    return OnReply(from, reply.GetSequence(), now);
}

MonitorActions
MonitorEngine::OnMonitor(const DiscoveryHeader& monitor, Ipv4Address from)
{
    if (!monitor.IsValid() || monitor.GetType() != MONITOR ||
        monitor.GetVpnId() != m_identity.vpnId)
    {
        NS_LOG_LOGIC("ignoring message from " << from << " as a monitor");
        ++m_counters.messagesIgnored;
        return {};
    }
    ++m_counters.monitorsAnswered;
    return {SendMonitorReply{Step::S31, from, monitor.GetSequence()}};
}

Time
MonitorEngine::NextDeadline() const
{
    Time next = Time::Max();
    for (const auto& [address, peer] : m_peers)
    {
        next = std::min(next, peer.nextMonitor);
        if (peer.silent)
        {
            next = std::min(next, peer.holdExpiry);
        }
    }
    return next;
}

DiscoveryHeader
MonitorEngine::MakeMessage(const SendMonitor& action) const
{
    DiscoveryHeader h;
    h.SetType(MONITOR);
    h.SetSequence(action.sequence);
    h.SetVpnId(m_identity.vpnId);
    h.SetRouterId(m_identity.routerId);
    h.SetPortAddress(m_identity.portAddress);
    return h;
}

DiscoveryHeader
MonitorEngine::MakeMessage(const SendMonitorReply& action) const
{
    DiscoveryHeader h;
    h.SetType(MONITOR_REPLY);
    h.SetSequence(action.sequence);
    h.SetVpnId(m_identity.vpnId);
    h.SetRouterId(m_identity.routerId);
    h.SetPortAddress(m_identity.portAddress);
    return h;
}

bool
MonitorEngine::HasPeer(Ipv4Address peerPort) const
{
    return m_peers.count(peerPort) != 0;
}

bool
MonitorEngine::IsSilent(Ipv4Address peerPort) const
{
    auto it = m_peers.find(peerPort);
    return it != m_peers.end() && it->second.silent;
}

std::optional<Time>
MonitorEngine::GetHoldExpiry(Ipv4Address peerPort) const
{
    auto it = m_peers.find(peerPort);
    if (it == m_peers.end() || !it->second.silent)
    {
        return std::nullopt;
    }
    return it->second.holdExpiry;
}

bool
MonitorEngine::IsTunnelDown(Ipv4Address peerPort) const
{
    auto it = m_peers.find(peerPort);
    return it != m_peers.end() && it->second.tunnelDown;
}

std::vector<Ipv4Address>
MonitorEngine::GetPeers() const
{
    std::vector<Ipv4Address> peers;
    peers.reserve(m_peers.size());
    for (const auto& entry : m_peers)
    {
        peers.push_back(entry.first);
    }
    return peers;
}

std::size_t
MonitorEngine::GetNPeers() const
{
    return m_peers.size();
}

const MonitorEngine::Counters&
MonitorEngine::GetCounters() const
{
    return m_counters;
}

const MonitorConfig&
MonitorEngine::GetConfig() const
{
    return m_config;
}

const MonitorIdentity&
MonitorEngine::GetIdentity() const
{
    return m_identity;
}

void
MonitorEngine::Print(std::ostream& os) const
{
    for (const auto& [address, peer] : m_peers)
    {
        os << address << " next " << peer.nextMonitor.As(Time::S) << " sent " << peer.lastSent
           << " answered " << peer.lastAnswered << " heard " << peer.lastHeard.As(Time::S);
        if (peer.silent)
        {
            os << " silent, hold until " << peer.holdExpiry.As(Time::S);
        }
        if (peer.tunnelDown)
        {
            os << " tunnel down";
        }
        os << "\n";
    }
}

void
MonitorEngine::Heard(Ipv4Address peerPort, Peer& peer, Time now, MonitorActions& out)
{
    peer.lastHeard = now;
    bool cleared = peer.silent;
    if (cleared)
    {
        // S34: the port answers; S35: within the hold time. The timer stops.
        peer.silent = false;
        ++m_counters.holdsCleared;
        NS_LOG_INFO(peerPort << " back after " << (now - peer.holdStart).As(Time::S));
        out.push_back(HoldCleared{Step::S35, peerPort, now - peer.holdStart});
    }
    if (peer.tunnelDown && !peer.reopenPending)
    {
        peer.reopenPending = true;
        out.push_back(ReopenTunnel{cleared ? Step::S35 : Step::S31, peerPort});
    }
}

bool
MonitorEngine::HoldExpired(const Peer& peer, Time now) const
{
    return peer.silent && now >= peer.holdExpiry;
}

void
MonitorEngine::ExpireHolds(Time now, MonitorActions& out)
{
    std::vector<Ipv4Address> expired;
    for (auto it = m_peers.begin(); it != m_peers.end();)
    {
        if (HoldExpired(it->second, now))
        {
            expired.push_back(it->first);
            it = m_peers.erase(it);
        }
        else
        {
            ++it;
        }
    }
    if (expired.empty())
    {
        return;
    }
    std::vector<Ipv4Address> remaining = GetPeers();
    for (Ipv4Address address : expired)
    {
        NS_LOG_INFO(address << " deleted: hold expired at " << now.As(Time::S));
        ++m_counters.peersDeleted;
        out.push_back(RemoveTunnel{Step::S36, address});
        out.push_back(DeletePeer{Step::S37, address});
        out.push_back(ReexchangeRoutes{Step::S38, address, remaining});
        out.push_back(UpdateTables{Step::S39, address});
    }
}

} // namespace vr
} // namespace ns3
