// SPDX-License-Identifier: GPL-2.0-only
#include "l2tp-control-fsm.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{
namespace l2tp
{

NS_LOG_COMPONENT_DEFINE("L2tpControlFsm");

ControlFsm::ControlFsm(const ControlFsmConfig& config)
    : m_config(config),
      m_state(IDLE),
      m_delivery(config.delivery),
      m_nextHandle(1),
      m_hasDeliveryWake(false),
      m_current(nullptr),
      m_helloPending(false),
      m_helloHandle(0),
      m_drops(0)
{
    NS_ASSERT_MSG(config.localTunnelId != 0, "Assigned Tunnel ID 0 is reserved (RFC 2661 3.1)");
    NS_ASSERT_MSG(config.secret.empty() || !config.challenge.empty(),
                  "a tunnel secret needs Challenge octets (RFC 2661 4.4.3)");
}

// ------------------------------------------------------------------- table

const std::vector<ControlFsm::Transition>&
ControlFsm::Table()
{
    // RFC 2661 7.2, rows in the order of the RFC's initiator / responder
    // tables; "clean up" keeps the 5.8 state so a StopCCN still gets
    // retransmitted or acknowledged. Pairs not listed are logged and ignored.
    static const std::vector<Transition> table = [] {
        std::vector<Transition> t = {
            // idle
            {IDLE, OPEN, &ControlFsm::SendSccrq, WAIT_CTL_REPLY},
            {IDLE, RX_SCCRQ, &ControlFsm::SendSccrp, WAIT_CTL_CONN},
            {IDLE, RX_BAD, &ControlFsm::StopAndCleanUp, IDLE},
            {IDLE, RX_SCCRP, &ControlFsm::StopAndCleanUp, IDLE},
            {IDLE, RX_SCCCN, &ControlFsm::CleanUp, IDLE},
            {IDLE, RX_STOPCCN, &ControlFsm::DoNothing, IDLE},
            // wait-ctl-reply (initiator)
            {WAIT_CTL_REPLY, RX_SCCRP, &ControlFsm::SendScccnAndUp, ESTABLISHED},
            {WAIT_CTL_REPLY, RX_BAD, &ControlFsm::StopAndCleanUp, IDLE},
            {WAIT_CTL_REPLY, RX_TIE_WON, &ControlFsm::DoNothing, WAIT_CTL_REPLY},
            {WAIT_CTL_REPLY, RX_TIE_LOST, &ControlFsm::AbandonOwnSccrq, IDLE},
            {WAIT_CTL_REPLY, RX_TIE_EQUAL, &ControlFsm::DiscardTunnel, IDLE},
            {WAIT_CTL_REPLY, RX_SCCCN, &ControlFsm::StopAndCleanUp, IDLE},
            // wait-ctl-conn (responder)
            {WAIT_CTL_CONN, RX_SCCCN, &ControlFsm::ReportUp, ESTABLISHED},
            {WAIT_CTL_CONN, RX_SCCCN_HOLD, &ControlFsm::RequestAuthorization, WAIT_AUTHORIZATION},
            {WAIT_CTL_CONN, RX_BAD, &ControlFsm::StopAndCleanUp, IDLE},
            {WAIT_CTL_CONN, RX_SCCRQ, &ControlFsm::StopAndCleanUp, IDLE},
            {WAIT_CTL_CONN, RX_SCCRP, &ControlFsm::StopAndCleanUp, IDLE},
            // wait-authorization (local extension of wait-ctl-conn)
            {WAIT_AUTHORIZATION, AUTH_ACCEPT, &ControlFsm::ReportUp, ESTABLISHED},
            {WAIT_AUTHORIZATION, AUTH_REJECT, &ControlFsm::StopAndCleanUp, IDLE},
            {WAIT_AUTHORIZATION, RX_HELLO, &ControlFsm::DoNothing, WAIT_AUTHORIZATION},
            {WAIT_AUTHORIZATION, RX_SCCRQ, &ControlFsm::StopAndCleanUp, IDLE},
            {WAIT_AUTHORIZATION, RX_SCCRP, &ControlFsm::StopAndCleanUp, IDLE},
            {WAIT_AUTHORIZATION, RX_SCCCN, &ControlFsm::StopAndCleanUp, IDLE},
            // established
            {ESTABLISHED, OPEN, &ControlFsm::ReportUp, ESTABLISHED},
            {ESTABLISHED, RX_SCCRQ, &ControlFsm::StopAndCleanUp, IDLE},
            {ESTABLISHED, RX_SCCRP, &ControlFsm::StopAndCleanUp, IDLE},
            {ESTABLISHED, RX_SCCCN, &ControlFsm::StopAndCleanUp, IDLE},
            {ESTABLISHED, RX_HELLO, &ControlFsm::DoNothing, ESTABLISHED},
            {ESTABLISHED, RX_OTHER, &ControlFsm::DeliverUp, ESTABLISHED},
            {ESTABLISHED, HELLO_DUE, &ControlFsm::SendHello, ESTABLISHED},
        };
        // Every state but idle: receive StopCCN -> clean up; administrative
        // close -> StopCCN; 5.8 retry limit -> clean up (5.8, 6.5).
        for (State s : {WAIT_CTL_REPLY, WAIT_CTL_CONN, WAIT_AUTHORIZATION, ESTABLISHED})
        {
            t.push_back({s, RX_STOPCCN, &ControlFsm::CleanUp, IDLE});
            t.push_back({s, CLOSE, &ControlFsm::StopAndCleanUp, IDLE});
            t.push_back({s, DELIVERY_FAILED, &ControlFsm::CleanUp, IDLE});
        }
        return t;
    }();
    return table;
}

void
ControlFsm::ProcessEvent(Event event, Time now, Actions& out)
{
    for (const Transition& row : Table())
    {
        if (row.state == m_state && row.event == event)
        {
            NS_LOG_LOGIC(StateName(m_state) << " + " << EventName(event) << " -> "
                                            << StateName(row.next));
            (this->*row.action)(now, out);
            SetState(row.next, out);
            m_cause = Cause();
            return;
        }
    }
    NS_LOG_LOGIC("ignored " << EventName(event) << " in " << StateName(m_state));
    m_cause = Cause();
}

void
ControlFsm::SetState(State next, Actions& out)
{
    if (next != m_state)
    {
        out.transitions.emplace_back(m_state, next);
        m_state = next;
    }
}

// ----------------------------------------------------------------- actions

void
ControlFsm::DoNothing(Time, Actions&)
{
}

void
ControlFsm::SendSccrq(Time now, Actions& out)
{
    SendMessage(BuildSccrq(m_config), now, out); // 6.1, 5.1.1 Challenge
}

void
ControlFsm::SendSccrp(Time now, Actions& out)
{
    // 4.4.3: the peer's Receive Window Size bounds what we have in flight.
    Apply(m_delivery.SetPeerWindow(m_peer.receiveWindow, now), now, out);
    SendMessage(BuildSccrp(m_config, m_peer), now, out); // 6.2, 5.1.1 ID 2
}

void
ControlFsm::SendScccnAndUp(Time now, Actions& out)
{
    Apply(m_delivery.SetPeerWindow(m_peer.receiveWindow, now), now, out);
    SendMessage(BuildScccn(m_config, m_peer), now, out); // 6.3, 5.1.1 ID 3
    ReportUp(now, out);
}

void
ControlFsm::ReportUp(Time now, Actions& out)
{
    // 7.2: "send tunnel-open event to waiting sessions".
    out.tunnelUp = true;
    if (m_state != ESTABLISHED)
    {
        m_lastRx = std::max(m_lastRx, now); // 6.5 keepalive starts now
    }
}

void
ControlFsm::RequestAuthorization(Time, Actions& out)
{
    out.authorizationRequested = true;
}

void
ControlFsm::StopAndCleanUp(Time now, Actions& out)
{
    // 6.4: StopCCN carries our Assigned Tunnel ID and a Result Code.
    SendMessage(BuildStopCcn(m_config,
                             m_peer.tunnelId,
                             m_cause.resultCode,
                             m_cause.errorCode,
                             m_cause.errorMessage),
                now,
                out);
    CleanUp(now, out);
}

void
ControlFsm::CleanUp(Time, Actions& out)
{
    m_helloPending = false;
    if (m_state != IDLE)
    {
        out.tunnelDown = true;
        out.downReason = m_cause.reason;
        out.resultCode = m_cause.resultCode;
    }
}

void
ControlFsm::AbandonOwnSccrq(Time, Actions&)
{
    // 4.4.3: the loser silently discards its tunnel; 7.2: "re-queue SCCRQ
    // for state machine" is done by HandleSccrq() once we are idle.
    NS_LOG_LOGIC("tie lost: our SCCRQ is abandoned");
}

void
ControlFsm::DiscardTunnel(Time now, Actions& out)
{
    // 4.4.3: equal Tie Breakers - both sides discard their tunnels, so our
    // SCCRQ is no longer retransmitted.
    CleanUp(now, out);
    StartConnection(now);
}

void
ControlFsm::SendHello(Time now, Actions& out)
{
    // 6.5: HELLO has only the Message Type; 5.8 retransmits it and reports
    // failure after the retry limit.
    m_helloHandle = SendMessage(BuildHello(m_peer.tunnelId), now, out);
    m_helloPending = true;
    m_lastHello = now;
}

void
ControlFsm::DeliverUp(Time, Actions& out)
{
    if (m_current != nullptr)
    {
        out.upperLayer.push_back(*m_current);
    }
}

// --------------------------------------------------------- decision logic

void
ControlFsm::Refuse(DownReason reason, uint16_t result, uint16_t error, const std::string& text)
{
    NS_LOG_LOGIC("refusing: " << text);
    m_cause.reason = reason;
    m_cause.resultCode = result;
    m_cause.errorCode = error;
    m_cause.errorMessage = text;
}

ControlFsm::Event
ControlFsm::FromRefusal(const Refusal& r, Event ok)
{
    if (!r.refused)
    {
        return ok;
    }
    Refuse(r.authentication ? DOWN_AUTH_FAILED : DOWN_PROTOCOL_ERROR,
           r.resultCode,
           r.errorCode,
           r.text);
    return RX_BAD;
}

ControlFsm::Event
ControlFsm::JudgeSccrq(const L2tpHeader& m)
{
    // 7.2 idle + SCCRQ: "acceptable" means the 6.1 AVPs are there and valid.
    return FromRefusal(CheckPeerParameters(m_config, m, m_peer), RX_SCCRQ);
}

ControlFsm::Event
ControlFsm::JudgeSccrp(const L2tpHeader& m)
{
    // 7.2 wait-ctl-reply + SCCRP: 6.2 AVPs, then our Challenge answered.
    const Event e = FromRefusal(CheckPeerParameters(m_config, m, m_peer), RX_SCCRP);
    return e == RX_BAD ? e : FromRefusal(CheckChallengeResponse(m_config, m, SCCRP), e);
}

ControlFsm::Event
ControlFsm::JudgeScccn(const L2tpHeader& m)
{
    // 7.2 wait-ctl-conn + SCCCN: our Challenge answered (5.1.1); then the
    // optional hold for the external authorization decision.
    if (HasUnknownMandatoryAvp(m))
    {
        Refuse(DOWN_PROTOCOL_ERROR, STOPCCN_GENERAL_ERROR, ERROR_UNKNOWN_M_AVP,
               "unknown mandatory AVP");
        return RX_BAD;
    }
    return FromRefusal(CheckChallengeResponse(m_config, m, SCCCN),
                       m_config.holdForAuthorization ? RX_SCCCN_HOLD : RX_SCCCN);
}

// ------------------------------------------------------------------ engine

void
ControlFsm::StartConnection(Time now)
{
    m_delivery = ReliableDelivery(m_config.delivery); // 5.8: Ns = Nr = 0
    m_sent.clear();
    m_held.clear();
    m_hasDeliveryWake = false;
    m_peer = PeerParameters();
    m_lastRx = now;
    m_lastHello = now;
    m_helloPending = false;
}

ControlFsm::Actions
ControlFsm::Open(Time now)
{
    Actions out;
    if (m_state == IDLE)
    {
        StartConnection(now);
    }
    ProcessEvent(OPEN, now, out);
    return Finish(out);
}

ControlFsm::Actions
ControlFsm::Close(Time now, uint16_t resultCode)
{
    Actions out;
    m_cause = Cause();
    m_cause.reason = DOWN_LOCAL_CLOSE;
    m_cause.resultCode = resultCode;
    ProcessEvent(CLOSE, now, out);
    return Finish(out);
}

ControlFsm::Actions
ControlFsm::Authorize(bool accept, Time now)
{
    Actions out;
    if (!accept)
    {
        Refuse(DOWN_NOT_AUTHORIZED, STOPCCN_NOT_AUTHORIZED, ERROR_NONE, "not authorized");
    }
    ProcessEvent(accept ? AUTH_ACCEPT : AUTH_REJECT, now, out);
    return Finish(out);
}

ControlFsm::Actions
ControlFsm::Expire(Time now)
{
    Actions out;
    Apply(m_delivery.Expire(now), now, out);
    // 6.5: keepalive when nothing was heard for helloInterval.
    if (m_state == ESTABLISHED && !m_helloPending &&
        now >= std::max(m_lastRx, m_lastHello) + m_config.helloInterval)
    {
        ProcessEvent(HELLO_DUE, now, out);
    }
    return Finish(out);
}

ControlFsm::Actions
ControlFsm::Receive(const L2tpHeader& m, Time now)
{
    Actions out;
    uint16_t type = 0;
    if (!m.IsValid() || !m.IsControl() || (!m.IsZlb() && !m.GetMessageType(type)))
    {
        ++m_drops;
        NS_LOG_LOGIC("dropped a malformed or data message");
        return Finish(out);
    }
    if (!m.IsZlb() && type == SCCRQ)
    {
        HandleSccrq(m, now, out);
        return Finish(out);
    }
    if (m.GetTunnelId() != m_config.localTunnelId)
    {
        ++m_drops;
        NS_LOG_LOGIC("dropped a message for tunnel " << m.GetTunnelId());
        return Finish(out);
    }
    if (!m.IsZlb() && type == SCCRP && m_state == IDLE)
    {
        // 7.2 idle + SCCRP: answered with a StopCCN on a fresh sequence.
        StartConnection(now);
        const Avp* avp = m.FindAvp(AVP_ASSIGNED_TUNNEL_ID);
        if (avp != nullptr)
        {
            avp->GetUint16(m_peer.tunnelId);
        }
    }
    Feed(m, now, out);
    return Finish(out);
}

void
ControlFsm::HandleSccrq(const L2tpHeader& m, Time now, Actions& out)
{
    uint16_t peerTunnelId = 0;
    const Avp* avp = m.FindAvp(AVP_ASSIGNED_TUNNEL_ID);
    if (avp != nullptr)
    {
        avp->GetUint16(peerTunnelId);
    }
    if (m_state == IDLE)
    {
        StartConnection(now); // 5.8: a new connection starts at Nr = 0
        Feed(m, now, out);
        return;
    }
    if (m_state == WAIT_CTL_REPLY)
    {
        // Our own SCCRQ is outstanding: 4.4.3 tie breaking, decided before
        // the 5.8 engine so the peer's SCCRQ does not move our Nr.
        const TieOutcome outcome = DecideTie(m_config, m);
        const Event tie = outcome == TIE_WON    ? RX_TIE_WON
                          : outcome == TIE_LOST ? RX_TIE_LOST
                                                : RX_TIE_EQUAL;
        if (outcome == TIE_NONE)
        {
            out.newConnections.push_back(m);
            return;
        }
        if (tie == RX_TIE_EQUAL)
        {
            Refuse(DOWN_TIE_BREAK, 0, ERROR_NONE, "equal Tie Breakers");
        }
        ProcessEvent(tie, now, out);
        if (tie == RX_TIE_LOST && m_state == IDLE)
        {
            HandleSccrq(m, now, out); // 7.2: re-queue SCCRQ for state machine
        }
        return;
    }
    if (m.GetTunnelId() == 0 && peerTunnelId == m_peer.tunnelId)
    {
        Feed(m, now, out); // ours: a retransmission, or a 7.2 protocol error
        return;
    }
    out.newConnections.push_back(m);
}

void
ControlFsm::Feed(const L2tpHeader& m, Time now, Actions& out)
{
    m_lastRx = now;
    const MessageHandle h = m_nextHandle++;
    if (!m.IsZlb())
    {
        m_held[h] = m;
    }
    Apply(m_delivery.Receive(m.GetNs(), m.GetNr(), m.IsZlb(), h, now), now, out);
}

void
ControlFsm::Dispatch(const L2tpHeader& m, Time now, Actions& out)
{
    uint16_t type = 0;
    m.GetMessageType(type);
    Event event = RX_OTHER;
    switch (type)
    {
    case SCCRQ:
        event = m_state == IDLE ? JudgeSccrq(m) : RX_SCCRQ;
        break;
    case SCCRP:
        event = m_state == WAIT_CTL_REPLY ? JudgeSccrp(m) : RX_SCCRP;
        break;
    case SCCCN:
        event = m_state == WAIT_CTL_CONN ? JudgeScccn(m) : RX_SCCCN;
        break;
    case STOPCCN: {
        uint16_t result = 0;
        uint16_t error = 0;
        std::string text;
        const Avp* avp = m.FindAvp(AVP_RESULT_CODE);
        if (avp != nullptr)
        {
            avp->GetResultCode(result, error, text);
        }
        Refuse(DOWN_PEER_STOPCCN, result, error, text);
        event = RX_STOPCCN;
        break;
    }
    case HELLO:
        event = RX_HELLO;
        break;
    default:
        break;
    }
    const L2tpHeader* previous = m_current;
    m_current = &m;
    ProcessEvent(event, now, out);
    m_current = previous;
}

MessageHandle
ControlFsm::SendMessage(const L2tpHeader& m, Time now, Actions& out)
{
    const MessageHandle h = m_nextHandle++;
    m_sent[h] = m;
    Apply(m_delivery.Send(h, now), now, out);
    return h;
}

void
ControlFsm::Apply(const DeliveryActions& d, Time now, Actions& out)
{
    for (const Transmission& t : d.transmit)
    {
        auto it = m_sent.find(t.handle);
        if (it == m_sent.end())
        {
            continue;
        }
        L2tpHeader m = it->second;
        m.SetNs(t.ns);
        m.SetNr(t.nr);
        out.send.push_back(m);
    }
    if (d.sendZlb)
    {
        out.send.push_back(L2tpHeader::MakeControl(m_peer.tunnelId, 0, d.zlbNs, d.zlbNr));
    }
    for (MessageHandle h : d.acked)
    {
        m_sent.erase(h);
        if (m_helloPending && h == m_helloHandle)
        {
            m_helloPending = false;
        }
    }
    for (MessageHandle h : d.discard)
    {
        m_held.erase(h);
    }
    m_hasDeliveryWake = d.hasWakeUp;
    m_deliveryWake = d.wakeUp;
    for (MessageHandle h : d.deliver)
    {
        auto it = m_held.find(h);
        if (it == m_held.end())
        {
            continue;
        }
        const L2tpHeader m = it->second;
        m_held.erase(it);
        Dispatch(m, now, out);
    }
    if (d.tunnelFailed && m_state != IDLE)
    {
        Refuse(DOWN_DELIVERY_FAILED, 0, ERROR_NONE, "retransmission limit");
        ProcessEvent(DELIVERY_FAILED, now, out);
    }
}

ControlFsm::Actions&
ControlFsm::Finish(Actions& out)
{
    out.hasWakeUp = m_hasDeliveryWake && !m_delivery.HasFailed();
    out.wakeUp = m_deliveryWake;
    if (m_state == ESTABLISHED && !m_helloPending)
    {
        const Time hello = std::max(m_lastRx, m_lastHello) + m_config.helloInterval;
        out.wakeUp = out.hasWakeUp ? std::min(out.wakeUp, hello) : hello;
        out.hasWakeUp = true;
    }
    return out;
}

// ------------------------------------------------------------------ names

const char*
ControlFsm::StateName(State state)
{
    static const char* const names[] = {
        "idle", "wait-ctl-reply", "wait-ctl-conn", "wait-authorization", "established",
    };
    const auto i = static_cast<size_t>(state);
    return i < sizeof(names) / sizeof(names[0]) ? names[i] : "?";
}

const char*
ControlFsm::EventName(Event event)
{
    static const char* const names[] = {
        "open",       "close",       "rx-sccrq",     "rx-sccrp",     "rx-scccn",    "rx-scccn-hold",
        "rx-bad",     "rx-tie-won",  "rx-tie-lost",  "rx-tie-equal", "rx-stopccn",  "rx-hello",
        "rx-other",   "auth-accept", "auth-reject",  "hello-due",    "delivery-failed",
    };
    const auto i = static_cast<size_t>(event);
    return i < sizeof(names) / sizeof(names[0]) ? names[i] : "?";
}

const char*
ControlFsm::DownReasonName(DownReason reason)
{
    static const char* const names[] = {
        "none",           "local-close",   "peer-stopccn",  "auth-failed",
        "not-authorized", "protocol-error", "tie-break",    "delivery-failed",
    };
    const auto i = static_cast<size_t>(reason);
    return i < sizeof(names) / sizeof(names[0]) ? names[i] : "?";
}

std::ostream&
operator<<(std::ostream& os, ControlFsm::State state)
{
    return os << ControlFsm::StateName(state);
}

} // namespace l2tp
} // namespace ns3
