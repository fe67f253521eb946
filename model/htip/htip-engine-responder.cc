/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * htip::Engine, second part: the responder (gateway B). The first part,
 * htip-engine.cc, has the requester, the inputs and the timers.
 */
#include "htip-engine-negotiation.h"
#include "htip-engine.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HtipEngineResponder");

namespace htip
{

// ------------------------------------------------------------------ responder

Actions
Engine::OnRequest(Ipv4Address from, const MessageHeader& m, Time now)
{
    Actions out;
    const std::string name = m.GetGatewayName().value_or("");
    if (m_peerCheck && !m_peerCheck(name, from))
    {
        Drop(out, from, REQUEST, DropReason::REFUSED_PEER);
        return out;
    }
    if (m.GetVpnProtocol() != VPN_L2TP)
    {
        // [0115]: the module runs L2TP only; a stateless NAK.
        Drop(out, from, REQUEST, DropReason::UNSUPPORTED);
        Send(out,
             from,
             MakeRequestNak(m, NakCause::UNSUPPORTED_PROTOCOL, m_config.own, View().inUse),
             false);
        return out;
    }
    Negotiation* n = Find(from);
    if (n != nullptr && !n->requester && n->id == m.GetNegotiationId())
    {
        OnResponderMessage(out, *n, m, now); // a copy or the next round
        return out;
    }
    if (n != nullptr && n->state == NegotiationState::UP)
    {
        Drop(out, from, REQUEST, DropReason::UNEXPECTED);
        return out;
    }
    if (n != nullptr && n->requester)
    {
        // Crossing requests: the lower negotiation ID wins.
        if (n->state != NegotiationState::REQUESTING || m.GetNegotiationId() >= n->id)
        {
            Drop(out, from, REQUEST, DropReason::UNEXPECTED);
            return out;
        }
        Fail(out, from, FailReason::CROSSED, now);
        n = nullptr;
    }
    else if (n != nullptr)
    {
        // A new ID before the tunnel is up: the peer restarted.
        NS_LOG_INFO(m_config.name << ": " << from << " restarted its negotiation");
        End(out, from, now);
        n = nullptr;
    }
    auto fresh = NegotiationPtr(new Negotiation);
    fresh->id = m.GetNegotiationId();
    fresh->requester = false;
    fresh->peer = from;
    fresh->peerName = name;
    fresh->round = m.GetRound();
    fresh->giveUpAt = now + m_config.giveUpTime;
    fresh->record = m_records.size();
    NegotiationRecord record;
    record.peer = from;
    record.peerName = name;
    record.negotiationId = fresh->id;
    record.requester = false;
    record.started = now;
    m_records.push_back(record);
    Negotiation& ref = *fresh;
    m_negotiations.emplace(from, std::move(fresh));
    Answer(out, ref, m);
    return out;
}

void
Engine::Answer(Actions& out, Negotiation& n, const MessageHeader& request)
{
    n.round = request.GetRound();
    n.state = NegotiationState::RESPONDED;
    n.offered = false;
    n.peerOwn = request.GetRequesterPrefix().value_or(Prefix());
    const GatewayView view = View();
    // [0122], [0139], [0156], [0158]: take one of A's candidates, or NAK.
    const ResponderDecision d = Respond(view,
                                        n.peerOwn,
                                        request.GetRequesterCandidates(),
                                        m_config.embodiment,
                                        m_config.candidateCount);
    MessageHeader answer;
    if (d.IsNak())
    {
        answer = MakeRequestNak(request, d.nak, m_config.own, d.inUse);
        ++n.naksSent;
        ++Record(n).nakRounds;
    }
    else
    {
        n.peerTunnel = d.requesterTunnel;
        n.candidates = d.responderCandidates;
        n.candidates.resize(std::min<std::size_t>(n.candidates.size(), MessageHeader::MAX_LIST));
        n.offered = true;
        answer = Make(n, RESPONSE);
        answer.SetResponderPrefix(m_config.own);
        answer.SetResponderCandidates(n.candidates);
        answer.SetRequesterPrefix(n.peerOwn);
        answer.SetRequesterTunnel(n.peerTunnel);
    }
    n.last = answer;
    n.answered = std::make_pair(uint8_t(REQUEST), n.round);
    Send(out, n.peer, answer, false);
}

void
Engine::OnResponderMessage(Actions& out, Negotiation& n, const MessageHeader& m, Time now)
{
    const uint8_t type = m.GetType();
    if (type != REQUEST && type != ACK && !(type == NAK && m.HasResponderCandidates()))
    {
        Drop(out, n.peer, type, DropReason::UNEXPECTED);
        return;
    }
    if (n.answered && *n.answered == std::make_pair(type, m.GetRound()))
    {
        // A copy of the message last answered: the same answer again, if there is one.
        const bool cached = n.state == NegotiationState::RESPONDED ||
                            (n.state == NegotiationState::READY_SENT && n.last.GetType() == READY);
        if (cached)
        {
            Resend(out, n, n.last);
        }
        else
        {
            Drop(out, n.peer, type, DropReason::DUPLICATE);
        }
        return;
    }
    if (m.GetRound() < n.round)
    {
        Drop(out, n.peer, type, DropReason::STALE);
        return;
    }
    if (type == REQUEST)
    {
        if (m.GetRound() > n.round && n.state == NegotiationState::RESPONDED)
        {
            Answer(out, n, m); // the next round after our NAK
        }
        else
        {
            Drop(out,
                 n.peer,
                 type,
                 n.state == NegotiationState::RESPONDED ? DropReason::UNEXPECTED
                                                        : DropReason::DUPLICATE);
        }
        return;
    }
    if (m.GetRound() > n.round || n.state != NegotiationState::RESPONDED || !n.offered)
    {
        Drop(out, n.peer, type, DropReason::UNEXPECTED);
        return;
    }
    if (type == ACK)
    {
        OnAck(out, n, m, now);
    }
    else
    {
        OnResponseNak(out, n, m, now);
    }
}

void
Engine::OnAck(Actions& out, Negotiation& n, const MessageHeader& m, Time now)
{
    const Prefix responderTunnel = m.GetResponderTunnel().value_or(Prefix());
    const Prefix requesterTunnel = m.GetRequesterTunnel().value_or(Prefix());
    if (m.GetRequesterPrefix() != n.peerOwn || m.GetResponderPrefix() != m_config.own ||
        requesterTunnel != n.peerTunnel || !Has(n.candidates, responderTunnel) ||
        !CheckAgreement(n.peerOwn, m_config.own, requesterTunnel, responderTunnel).empty())
    {
        Drop(out, n.peer, ACK, DropReason::INCONSISTENT);
        return;
    }
    n.ownTunnel = responderTunnel;
    n.answered = std::make_pair(uint8_t(ACK), n.round);
    n.last = MessageHeader(); // no READY yet
    n.last.SetType(ACK);
    // [0124], [0141]: the row once the ACK is in; A is the VPN client.
    if (!AddRow(out, n, now))
    {
        return;
    }
    // [0126], claim 11: B becomes the VPN server.
    n.state = NegotiationState::SERVING;
    out.push_back(PrepareServer{Row(n)});
}

void
Engine::OnResponseNak(Actions& out, Negotiation& n, const MessageHeader& m, Time now)
{
    if (m.GetRequesterPrefix() != n.peerOwn || m.GetResponderCandidates() != n.candidates)
    {
        Drop(out, n.peer, NAK, DropReason::INCONSISTENT);
        return;
    }
    // Claims 13-14: A refused our candidates; offer others that avoid its in-use list.
    ++n.naksReceived;
    if (n.naksReceived > m_config.maxNakRounds)
    {
        Fail(out, n.peer, FailReason::NAK_LIMIT, now);
        return;
    }
    std::vector<Prefix> candidates =
        ResponseCandidates(View(), n.peerOwn, n.peerTunnel, m.GetInUse(), m_config.candidateCount);
    if (candidates.empty())
    {
        Fail(out, n.peer, FailReason::NO_CANDIDATE, now);
        return;
    }
    candidates.resize(std::min<std::size_t>(candidates.size(), MessageHeader::MAX_LIST));
    n.candidates = candidates;
    n.round = m.GetRound() + 1;
    MessageHeader answer = Make(n, RESPONSE);
    answer.SetResponderPrefix(m_config.own);
    answer.SetResponderCandidates(n.candidates);
    answer.SetRequesterPrefix(n.peerOwn);
    answer.SetRequesterTunnel(n.peerTunnel);
    n.last = answer;
    n.answered = std::make_pair(uint8_t(NAK), m.GetRound());
    Send(out, n.peer, answer, false);
}

Actions
Engine::ServerReady(Ipv4Address peer, Time now)
{
    NS_LOG_FUNCTION(this << peer << now);
    Actions out;
    Negotiation* n = Find(peer);
    if (n == nullptr || n->requester || n->state != NegotiationState::SERVING)
    {
        NS_LOG_WARN(m_config.name << ": ServerReady for " << peer << " ignored");
        return out;
    }
    n->state = NegotiationState::READY_SENT;
    if (m_config.embodiment == Embodiment::SECOND)
    {
        // [0126], [0143], [0161]: READY with the four prefixes.
        MessageHeader ready = Make(*n, READY);
        ready.SetRequesterPrefix(n->peerOwn);
        ready.SetResponderPrefix(m_config.own);
        ready.SetRequesterTunnel(n->peerTunnel);
        ready.SetResponderTunnel(n->ownTunnel);
        n->last = ready;
        Send(out, peer, ready, false);
    }
    return out;
}

} // namespace htip
} // namespace ns3
