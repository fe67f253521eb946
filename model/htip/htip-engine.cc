/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "htip-engine.h"

#include "htip-engine-negotiation.h"

#include "ns3/log.h"

#include <algorithm>
#include <utility>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HtipEngine");

namespace htip
{

namespace
{

std::string
StateName(NegotiationState s)
{
    switch (s)
    {
    case NegotiationState::REQUESTING:
        return "REQUESTING";
    case NegotiationState::ACKING:
        return "ACKING";
    case NegotiationState::CONNECTING:
        return "CONNECTING";
    case NegotiationState::RESPONDED:
        return "RESPONDED";
    case NegotiationState::SERVING:
        return "SERVING";
    case NegotiationState::READY_SENT:
        return "READY_SENT";
    case NegotiationState::UP:
        return "UP";
    }
    return "State(" + std::to_string(static_cast<int>(s)) + ")";
}

/// Why A refuses every candidate of a RESPONSE (ChooseResponderTunnel gave none).
NakCause
ResponseNakCause(const GatewayView& self, const Prefix& responderOwn, const MessageHeader& m)
{
    bool rightLength = false;
    for (const Prefix& c : m.GetResponderCandidates())
    {
        if (c.length != responderOwn.length)
        {
            continue;
        }
        rightLength = true;
        for (const Prefix& used : self.inUse)
        {
            if (c.Overlaps(used))
            {
                return NakCause::IN_USE;
            }
        }
    }
    return rightLength ? NakCause::INSIDE_PEER_PREFIX : NakCause::BAD_CANDIDATE;
}

} // namespace

void
Engine::NegotiationDeleter::operator()(Negotiation* n) const
{
    delete n;
}

std::string
FailReasonName(FailReason reason)
{
    switch (reason)
    {
    case FailReason::GIVE_UP:
        return "give-up";
    case FailReason::NAK_LIMIT:
        return "nak-limit";
    case FailReason::NO_CANDIDATE:
        return "no-candidate";
    case FailReason::BUSY:
        return "busy";
    case FailReason::CROSSED:
        return "crossed";
    case FailReason::TUNNEL_FAILED:
        return "tunnel-failed";
    }
    return "fail-" + std::to_string(static_cast<int>(reason));
}

std::string
DropReasonName(DropReason reason)
{
    switch (reason)
    {
    case DropReason::MALFORMED:
        return "malformed";
    case DropReason::REFUSED_PEER:
        return "refused-peer";
    case DropReason::UNEXPECTED:
        return "unexpected";
    case DropReason::STALE:
        return "stale";
    case DropReason::INCONSISTENT:
        return "inconsistent";
    case DropReason::UNSUPPORTED:
        return "unsupported";
    case DropReason::DUPLICATE:
        return "duplicate";
    }
    return "drop-" + std::to_string(static_cast<int>(reason));
}

std::ostream&
operator<<(std::ostream& os, const Action& action)
{
    struct Printer
    {
        std::ostream& os;

        void
        operator()(const SendMessage& a) const
        {
            os << "send to " << a.to << (a.retransmission ? " (again): " : ": ");
            a.message.Print(os);
        }

        void
        operator()(const PrepareServer& a) const
        {
            os << "prepare-server " << a.connection;
        }

        void
        operator()(const StartClient& a) const
        {
            os << "start-client " << a.connection;
        }

        void
        operator()(const ConnectionAdded& a) const
        {
            os << "connection-added " << a.connection;
        }

        void
        operator()(const ConnectionRemoved& a) const
        {
            os << "connection-removed " << a.connection;
        }

        void
        operator()(const NegotiationFailed& a) const
        {
            os << "negotiation-failed " << a.peer << " " << a.peerName << " id=0x" << std::hex
               << a.negotiationId << std::dec << " " << FailReasonName(a.reason);
        }

        void
        operator()(const MessageDropped& a) const
        {
            os << "dropped from " << a.from << " " << TypeName(a.type) << " "
               << DropReasonName(a.reason);
        }
    };

    std::visit(Printer{os}, action);
    return os;
}

// ------------------------------------------------------------------ helpers

Engine::Engine(EngineConfig config, IdSource ids)
    : m_config(std::move(config))
    , m_ids(std::move(ids))
{
}

void
Engine::SetPeerCheck(PeerCheck check)
{
    m_peerCheck = std::move(check);
}

Engine::Negotiation*
Engine::Find(Ipv4Address peer)
{
    auto it = m_negotiations.find(peer);
    return it == m_negotiations.end() ? nullptr : it->second.get();
}

const Engine::Negotiation*
Engine::Find(Ipv4Address peer) const
{
    auto it = m_negotiations.find(peer);
    return it == m_negotiations.end() ? nullptr : it->second.get();
}

GatewayView
Engine::View() const
{
    // Claim 15: a prefix B took in a RESPONSE is its until the ACK (or the
    // end), so that two negotiations at once never take overlapping ones.
    GatewayView view = m_table.GetView(m_config.own);
    for (const auto& [peer, n] : m_negotiations)
    {
        if (!n->requester && n->offered && !n->rowAdded)
        {
            view.inUse.push_back(n->peerTunnel);
        }
    }
    return view;
}

MessageHeader
MakeRequestNak(const MessageHeader& request,
               NakCause cause,
               const Prefix& own,
               const std::vector<Prefix>& inUse)
{
    MessageHeader nak;
    nak.SetType(NAK);
    nak.SetNegotiationId(request.GetNegotiationId());
    nak.SetRound(request.GetRound());
    nak.SetVpnProtocol(VPN_L2TP);
    nak.SetNakCause(cause);
    nak.SetRequesterCandidates(request.GetRequesterCandidates());
    nak.SetResponderPrefix(own);
    if (!inUse.empty())
    {
        std::vector<Prefix> list = inUse;
        list.resize(std::min<std::size_t>(list.size(), MessageHeader::MAX_LIST));
        nak.SetInUse(list);
    }
    return nak;
}

MessageHeader
Engine::Make(const Negotiation& n, uint8_t type) const
{
    MessageHeader m;
    m.SetType(type);
    m.SetNegotiationId(n.id);
    m.SetRound(n.round);
    m.SetVpnProtocol(VPN_L2TP);
    return m;
}

void
Engine::Send(Actions& out, Ipv4Address to, const MessageHeader& m, bool retransmission)
{
    if (m.GetType() < m_counters.sent.size())
    {
        ++m_counters.sent[m.GetType()];
    }
    if (retransmission)
    {
        ++m_counters.retransmissions;
        if (Negotiation* n = Find(to); n != nullptr && n->id == m.GetNegotiationId())
        {
            ++Record(*n).retransmissions;
        }
    }
    out.push_back(SendMessage{to, m, retransmission});
    NS_LOG_LOGIC(m_config.name << ": " << out.back());
}

void
Engine::SendArmed(Actions& out, Negotiation& n, const MessageHeader& m, Time now)
{
    n.last = m;
    n.interval = m_config.retransmitInitial;
    n.retransmitAt = now + n.interval;
    Send(out, n.peer, m, false);
}

void
Engine::Resend(Actions& out, Negotiation& n, const MessageHeader& m)
{
    Send(out, n.peer, m, true);
}

void
Engine::Drop(Actions& out, Ipv4Address from, uint8_t type, DropReason reason)
{
    ++m_counters.dropped[static_cast<std::size_t>(reason)];
    out.push_back(MessageDropped{from, type, reason});
    NS_LOG_LOGIC(m_config.name << ": " << out.back());
}

NegotiationRecord&
Engine::Record(const Negotiation& n)
{
    return m_records.at(n.record);
}

Connection
Engine::Row(const Negotiation& n) const
{
    Connection c;
    c.peerName = n.peerName;
    c.peerAddress = n.peer;
    c.vpnProtocol = VPN_L2TP;
    c.peerRole = n.requester ? PeerRole::SERVER : PeerRole::CLIENT;
    c.own = m_config.own;
    c.peer = n.peerOwn;
    c.ownTunnel = n.ownTunnel;
    c.peerTunnel = n.peerTunnel;
    return c;
}

bool
Engine::AddRow(Actions& out, Negotiation& n, Time now)
{
    const Connection row = Row(n);
    // The first embodiment takes the seed's nested case as it is (Fig. 7).
    const std::string refused = m_table.Add(row, m_config.embodiment == Embodiment::FIRST);
    if (!refused.empty())
    {
        NS_LOG_WARN(m_config.name << ": row for " << n.peer << " refused: " << refused);
        Fail(out, n.peer, FailReason::NO_CANDIDATE, now);
        return false;
    }
    n.rowAdded = true;
    n.offered = false;
    Record(n).agreed = now;
    out.push_back(ConnectionAdded{row});
    return true;
}

void
Engine::End(Actions& out, Ipv4Address peer, Time now)
{
    auto it = m_negotiations.find(peer);
    if (it == m_negotiations.end())
    {
        return;
    }
    Negotiation& n = *it->second;
    if (n.rowAdded)
    {
        if (const Connection* row = m_table.Find(peer); row != nullptr)
        {
            const Connection copy = *row;
            m_table.Remove(peer);
            out.push_back(ConnectionRemoved{copy});
        }
    }
    Record(n).ended = now;
    m_negotiations.erase(it);
}

void
Engine::Fail(Actions& out, Ipv4Address peer, FailReason reason, Time now)
{
    Negotiation* n = Find(peer);
    if (n == nullptr)
    {
        return;
    }
    ++m_counters.failures;
    Record(*n).failure = reason;
    out.push_back(NegotiationFailed{peer, n->peerName, n->id, reason});
    NS_LOG_INFO(m_config.name << ": " << out.back() << " in " << StateName(n->state));
    End(out, peer, now);
}

// ------------------------------------------------------------------ requester

Actions
Engine::Start(const std::string& peerName, Ipv4Address peerAddress, Time now)
{
    NS_LOG_FUNCTION(this << peerName << peerAddress << now);
    Actions out;
    if (m_table.Find(peerAddress) != nullptr || Find(peerAddress) != nullptr)
    {
        ++m_counters.failures;
        out.push_back(NegotiationFailed{peerAddress, peerName, 0, FailReason::BUSY});
        return out;
    }
    auto n = NegotiationPtr(new Negotiation);
    for (int i = 0; i < 16 && n->id == 0; ++i)
    {
        n->id = m_ids ? m_ids() : 0;
    }
    if (n->id == 0)
    {
        n->id = 1; // an ID source that only gives 0
    }
    n->requester = true;
    n->peer = peerAddress;
    n->peerName = peerName;
    n->state = NegotiationState::REQUESTING;
    n->giveUpAt = now + m_config.giveUpTime;
    n->record = m_records.size();
    NegotiationRecord record;
    record.peer = peerAddress;
    record.peerName = peerName;
    record.negotiationId = n->id;
    record.requester = true;
    record.started = now;
    m_records.push_back(record);
    Negotiation& ref = *n;
    m_negotiations.emplace(peerAddress, std::move(n));
    SendRequest(out, ref, std::nullopt, now);
    return out;
}

bool
Engine::SendRequest(Actions& out, Negotiation& n, const std::optional<NakAdvice>& advice, Time now)
{
    // [0121], [0157]: own prefix and the candidates for A's tunnel prefix.
    n.candidates = RequestCandidates(View(), advice, m_config.candidateCount);
    if (n.candidates.size() > MessageHeader::MAX_LIST)
    {
        n.candidates.resize(MessageHeader::MAX_LIST);
    }
    if (n.candidates.empty())
    {
        Fail(out, n.peer, FailReason::NO_CANDIDATE, now);
        return false;
    }
    MessageHeader m = Make(n, REQUEST);
    m.SetRequesterPrefix(m_config.own);
    m.SetRequesterCandidates(n.candidates);
    m.SetGatewayName(m_config.name);
    n.state = NegotiationState::REQUESTING;
    SendArmed(out, n, m, now);
    return true;
}

void
Engine::OnRequesterMessage(Actions& out, Negotiation& n, const MessageHeader& m, Time now)
{
    const uint8_t type = m.GetType();
    if (type != RESPONSE && type != READY && !(type == NAK && m.HasRequesterCandidates()))
    {
        Drop(out, n.peer, type, DropReason::UNEXPECTED);
        return;
    }
    if (m.GetRound() < n.round)
    {
        Drop(out, n.peer, type, DropReason::STALE);
        return;
    }
    if (m.GetRound() > n.round)
    {
        Drop(out, n.peer, type, DropReason::UNEXPECTED);
        return;
    }
    if (type == RESPONSE)
    {
        OnResponse(out, n, m, now);
    }
    else if (type == NAK)
    {
        OnRequestNak(out, n, m, now);
    }
    else // READY
    {
        const bool consistent =
            m.GetRequesterPrefix() == m_config.own && m.GetResponderPrefix() == n.peerOwn &&
            m.GetRequesterTunnel() == n.ownTunnel && m.GetResponderTunnel() == n.peerTunnel;
        if (m_config.embodiment != Embodiment::SECOND || n.state == NegotiationState::REQUESTING)
        {
            Drop(out, n.peer, type, DropReason::UNEXPECTED);
        }
        else if (!consistent)
        {
            Drop(out, n.peer, type, DropReason::INCONSISTENT);
        }
        else if (n.state != NegotiationState::ACKING)
        {
            Drop(out, n.peer, type, DropReason::DUPLICATE);
        }
        else
        {
            // [0127], claim 12: READY makes A the VPN client and drives it.
            n.state = NegotiationState::CONNECTING;
            n.retransmitAt.reset();
            out.push_back(StartClient{Row(n)});
        }
    }
}

void
Engine::OnRequestNak(Actions& out, Negotiation& n, const MessageHeader& m, Time now)
{
    if (n.state != NegotiationState::REQUESTING || n.last.GetType() != REQUEST ||
        !m.GetResponderPrefix())
    {
        Drop(out, n.peer, NAK, DropReason::UNEXPECTED);
        return;
    }
    if (m.GetRequesterCandidates() != n.candidates)
    {
        Drop(out, n.peer, NAK, DropReason::INCONSISTENT);
        return;
    }
    // [0156]-[0157], claim 14: new candidates that avoid what the NAK names.
    ++n.naksReceived;
    ++Record(n).nakRounds;
    if (n.naksReceived > m_config.maxNakRounds)
    {
        Fail(out, n.peer, FailReason::NAK_LIMIT, now);
        return;
    }
    n.peerOwn = *m.GetResponderPrefix();
    ++n.round;
    SendRequest(out, n, NakAdvice{n.peerOwn, m.GetInUse()}, now);
}

void
Engine::OnResponse(Actions& out, Negotiation& n, const MessageHeader& m, Time now)
{
    if (n.state != NegotiationState::REQUESTING)
    {
        // A copy of the RESPONSE taken: the ACK again (its first may be lost).
        const bool acking =
            n.state == NegotiationState::ACKING ||
            (n.state == NegotiationState::CONNECTING && m_config.embodiment == Embodiment::FIRST);
        if (n.accepted && *n.accepted == m && acking)
        {
            Resend(out, n, n.last);
        }
        else
        {
            Drop(out,
                 n.peer,
                 RESPONSE,
                 n.accepted && *n.accepted == m ? DropReason::DUPLICATE : DropReason::INCONSISTENT);
        }
        return;
    }
    const Prefix responderOwn = m.GetResponderPrefix().value_or(Prefix());
    const Prefix requesterTunnel = m.GetRequesterTunnel().value_or(Prefix());
    if (m.GetRequesterPrefix() != m_config.own || !Has(n.candidates, requesterTunnel))
    {
        Drop(out, n.peer, RESPONSE, DropReason::INCONSISTENT);
        return;
    }
    const GatewayView view = View();
    // [0123], [0140], [0159]: A takes one of B's candidates, or NAKs (claim 13).
    const std::optional<Prefix> chosen =
        ChooseResponderTunnel(view, requesterTunnel, responderOwn, m.GetResponderCandidates());
    if (!chosen || !CheckAgreement(m_config.own, responderOwn, requesterTunnel, *chosen).empty())
    {
        ++n.naksSent;
        if (n.naksSent > m_config.maxNakRounds)
        {
            Fail(out, n.peer, FailReason::NAK_LIMIT, now);
            return;
        }
        MessageHeader nak = Make(n, NAK);
        nak.SetNakCause(ResponseNakCause(view, responderOwn, m));
        nak.SetResponderCandidates(m.GetResponderCandidates());
        nak.SetRequesterPrefix(m_config.own);
        if (!view.inUse.empty())
        {
            std::vector<Prefix> inUse = view.inUse;
            inUse.resize(std::min<std::size_t>(inUse.size(), MessageHeader::MAX_LIST));
            nak.SetInUse(inUse);
        }
        n.round = m.GetRound() + 1; // the RESPONSE that answers this NAK
        SendArmed(out, n, nak, now);
        return;
    }
    n.peerOwn = responderOwn;
    n.ownTunnel = requesterTunnel;
    n.peerTunnel = *chosen;
    n.accepted = m;
    MessageHeader ack = Make(n, ACK);
    ack.SetRequesterPrefix(m_config.own);
    ack.SetResponderPrefix(n.peerOwn);
    ack.SetRequesterTunnel(n.ownTunnel);
    ack.SetResponderTunnel(n.peerTunnel);
    SendArmed(out, n, ack, now);
    // [0124]: the table row once the ACK is out; B is the VPN server.
    if (!AddRow(out, n, now))
    {
        return;
    }
    if (m_config.embodiment == Embodiment::SECOND)
    {
        n.state = NegotiationState::ACKING;
    }
    else
    {
        // [0082]: no READY; the tunnel follows the ACK.
        n.state = NegotiationState::CONNECTING;
        out.push_back(StartClient{Row(n)});
    }
}

// ------------------------------------------------------------------ inputs

Actions
Engine::Receive(Ipv4Address from, const MessageHeader& message, Time now)
{
    NS_LOG_FUNCTION(this << from << now);
    const uint8_t type = message.GetType();
    if (!message.IsValid())
    {
        return ReceiveMalformed(from, message.GetError(), now);
    }
    if (type < m_counters.received.size())
    {
        ++m_counters.received[type];
    }
    if (type == REQUEST)
    {
        return OnRequest(from, message, now);
    }
    Actions out;
    Negotiation* n = Find(from);
    if (n == nullptr || n->id != message.GetNegotiationId())
    {
        Drop(out, from, type, DropReason::UNEXPECTED);
        return out;
    }
    if (message.GetVpnProtocol() != VPN_L2TP)
    {
        Drop(out, from, type, DropReason::UNSUPPORTED);
        return out;
    }
    if (n->requester)
    {
        OnRequesterMessage(out, *n, message, now);
    }
    else
    {
        OnResponderMessage(out, *n, message, now);
    }
    return out;
}

Actions
Engine::ReceiveMalformed(Ipv4Address from, MessageHeader::Error error, Time now)
{
    NS_LOG_FUNCTION(this << from << MessageHeader::ErrorName(error) << now);
    Actions out;
    Drop(out, from, 0, DropReason::MALFORMED);
    return out;
}

Actions
Engine::TunnelUp(Ipv4Address peer, uint16_t tunnelId, Time now)
{
    NS_LOG_FUNCTION(this << peer << tunnelId << now);
    Actions out;
    Negotiation* n = Find(peer);
    const bool ready = n != nullptr && (n->state == NegotiationState::CONNECTING ||
                                        n->state == NegotiationState::SERVING ||
                                        n->state == NegotiationState::READY_SENT);
    if (!ready)
    {
        NS_LOG_WARN(m_config.name << ": TunnelUp for " << peer << " ignored");
        return out;
    }
    n->state = NegotiationState::UP;
    n->retransmitAt.reset();
    n->giveUpAt.reset();
    m_table.SetTunnelId(peer, tunnelId);
    Record(*n).tunnelUp = now;
    return out;
}

Actions
Engine::TunnelDown(Ipv4Address peer, Time now)
{
    NS_LOG_FUNCTION(this << peer << now);
    Actions out;
    Negotiation* n = Find(peer);
    if (n == nullptr || !n->rowAdded)
    {
        return out;
    }
    if (n->state == NegotiationState::UP)
    {
        End(out, peer, now);
    }
    else
    {
        Fail(out, peer, FailReason::TUNNEL_FAILED, now);
    }
    return out;
}

Actions
Engine::Advance(Time now)
{
    Actions out;
    std::vector<Ipv4Address> peers;
    for (const auto& [peer, n] : m_negotiations)
    {
        peers.push_back(peer);
    }
    for (const Ipv4Address& peer : peers)
    {
        Negotiation* n = Find(peer);
        if (n == nullptr)
        {
            continue;
        }
        if (n->giveUpAt && *n->giveUpAt <= now)
        {
            Fail(out, peer, FailReason::GIVE_UP, now);
            continue;
        }
        if (n->retransmitAt && *n->retransmitAt <= now)
        {
            // Back-off: the interval doubles up to retransmitMax.
            n->interval = std::min(n->interval + n->interval, m_config.retransmitMax);
            n->retransmitAt = now + n->interval;
            Send(out, peer, n->last, true);
        }
    }
    return out;
}

std::optional<Time>
Engine::NextDeadline() const
{
    std::optional<Time> next;
    for (const auto& [peer, n] : m_negotiations)
    {
        for (const std::optional<Time>& t : {n->giveUpAt, n->retransmitAt})
        {
            if (t && (!next || *t < *next))
            {
                next = t;
            }
        }
    }
    return next;
}

const ConnectionTable&
Engine::GetTable() const
{
    return m_table;
}

const EngineCounters&
Engine::GetCounters() const
{
    return m_counters;
}

std::vector<NegotiationRecord>
Engine::GetRecords() const
{
    return m_records;
}

const EngineConfig&
Engine::GetConfig() const
{
    return m_config;
}

} // namespace htip
} // namespace ns3
