// SPDX-License-Identifier: GPL-2.0-only
//
// ControlFsm's transition table (RFC 2661 7.2), the actions of its rows, the
// judgement of a received SCCRQ/SCCRP/SCCCN, and names. The message path
// (driver calls, reliable delivery, hidden AVPs, sessions) is in
// l2tp-control-fsm-messages.cc.
#include "l2tp-control-fsm.h"

#include "ns3/log.h"

namespace ns3
{
namespace l2tp
{

NS_LOG_COMPONENT_DEFINE("L2tpControlFsm");

ControlFsm::ControlFsm(const ControlFsmConfig& config, const SessionConfig& sessions)
    : m_config(config),
      m_state(IDLE),
      m_delivery(config.delivery),
      m_nextHandle(1),
      m_hasDeliveryWake(false),
      m_current(nullptr),
      m_helloPending(false),
      m_helloHandle(0),
      m_drops(0),
      m_sessions(sessions),
      m_holding(false),
      m_hiddenFailures(0),
      m_retransmissions(0),
      m_randomVectors(0)
{
    NS_ASSERT_MSG(config.localTunnelId != 0, "Assigned Tunnel ID 0 is reserved (RFC 2661 3.1)");
    NS_ASSERT_MSG(config.secret.empty() || !config.challenge.empty(),
                  "a tunnel secret needs Challenge octets (RFC 2661 4.4.3)");
}

// ------------------------------------------------------------------- table

const ControlFsm::Table&
ControlFsm::Transitions()
{
    // RFC 2661 7.2, rows in the order of the RFC's initiator / responder
    // tables; "clean up" keeps the 5.8 state so a StopCCN still gets
    // retransmitted or acknowledged. Pairs not listed are logged and ignored.
    static const Table table = [] {
        std::vector<Table::Row> t = {
            // idle
            {IDLE, OPEN, &ControlFsm::SendSccrq, WAIT_CTL_REPLY},
            {IDLE, RX_SCCRQ, &ControlFsm::SendSccrp, WAIT_CTL_CONN},
            {IDLE, RX_BAD, &ControlFsm::StopAndCleanUp, IDLE},
            {IDLE, RX_SCCRP, &ControlFsm::StopAndCleanUp, IDLE},
            {IDLE, RX_SCCCN, &ControlFsm::CleanUp, IDLE},
            {IDLE, RX_STOPCCN, &ControlFsm::DoNothing, IDLE},
            // wait-ctl-reply (initiator)
            {WAIT_CTL_REPLY, RX_SCCRP, &ControlFsm::SendScccnAndUp, ESTABLISHED},
            {WAIT_CTL_REPLY,
             RX_SCCRP_HOLD,
             &ControlFsm::RequestAuthorization,
             WAIT_REPLY_AUTHORIZATION},
            {WAIT_CTL_REPLY, RX_BAD, &ControlFsm::StopAndCleanUp, IDLE},
            {WAIT_CTL_REPLY, RX_TIE_WON, &ControlFsm::DoNothing, WAIT_CTL_REPLY},
            {WAIT_CTL_REPLY, RX_TIE_LOST, &ControlFsm::AbandonOwnSccrq, IDLE},
            {WAIT_CTL_REPLY, RX_TIE_EQUAL, &ControlFsm::DiscardTunnel, IDLE},
            {WAIT_CTL_REPLY, RX_SCCCN, &ControlFsm::StopAndCleanUp, IDLE},
            // wait-reply-authorization (local extension of wait-ctl-reply):
            // 7.2 "send SCCCN" once the decision accepts the responder.
            {WAIT_REPLY_AUTHORIZATION, AUTH_ACCEPT, &ControlFsm::SendScccnAndUp, ESTABLISHED},
            {WAIT_REPLY_AUTHORIZATION, AUTH_REJECT, &ControlFsm::StopAndCleanUp, IDLE},
            {WAIT_REPLY_AUTHORIZATION, RX_SCCRQ, &ControlFsm::StopAndCleanUp, IDLE},
            {WAIT_REPLY_AUTHORIZATION, RX_SCCRP, &ControlFsm::StopAndCleanUp, IDLE},
            {WAIT_REPLY_AUTHORIZATION, RX_SCCCN, &ControlFsm::StopAndCleanUp, IDLE},
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
            {WAIT_AUTHORIZATION, RX_OTHER, &ControlFsm::HoldForTunnel, WAIT_AUTHORIZATION},
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
        // close -> StopCCN; 5.8 retry limit -> clean up (5.8, 6.5); an
        // unknown mandatory message type or AVP -> StopCCN (4.1, 4.4.1).
        for (State s : {WAIT_CTL_REPLY,
                        WAIT_REPLY_AUTHORIZATION,
                        WAIT_CTL_CONN,
                        WAIT_AUTHORIZATION,
                        ESTABLISHED})
        {
            t.push_back({s, RX_STOPCCN, &ControlFsm::CleanUp, IDLE});
            t.push_back({s, CLOSE, &ControlFsm::StopAndCleanUp, IDLE});
            t.push_back({s, DELIVERY_FAILED, &ControlFsm::CleanUp, IDLE});
            // 4.4.1: an unknown message type with the M bit "MUST" clear
            // the tunnel; 4.1: so does an unknown M=1 AVP in a tunnel
            // message (HELLO here; SCCRQ, SCCRP and SCCCN are judged).
            t.push_back({s, RX_UNKNOWN_MANDATORY, &ControlFsm::StopAndCleanUp, IDLE});
        }
        return Table(t);
    }();
    return table;
}

void
ControlFsm::ProcessEvent(Event event, Time now, Actions& out)
{
    const Table::Row* row = Transitions().Find(m_state, event);
    if (row == nullptr)
    {
        NS_LOG_LOGIC("ignored: " << Table::Describe(m_state, event));
        m_cause = Cause();
        return;
    }
    NS_LOG_LOGIC(Table::Describe(*row));
    (this->*row->action)(now, out);
    SetState(row->next, out);
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
    m_sessions.SetPeerFramingCapabilities(m_peer.framingCapabilities); // 4.4.3
    ApplySessions(m_sessions.TunnelOpen(m_peer.tunnelId), now, out);
    // Session messages that arrived while the decision was pending.
    std::vector<PacketHeader> pending;
    pending.swap(m_pendingUpper);
    for (const PacketHeader& m : pending)
    {
        RouteUp(m, now, out);
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
ControlFsm::CleanUp(Time now, Actions& out)
{
    m_helloPending = false;
    m_pendingUpper.clear();
    // 5.7 / 7.6: the sessions of the tunnel are cleared with it, no CDNs.
    ApplySessions(m_sessions.TunnelDown(), now, out);
    StartHold(now);
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
ControlFsm::DeliverUp(Time now, Actions& out)
{
    if (m_current != nullptr)
    {
        RouteUp(*m_current, now, out);
    }
}

void
ControlFsm::HoldForTunnel(Time, Actions&)
{
    // Local state wait-authorization: the peer already considers the
    // tunnel up and may have started a call; keep it for ReportUp().
    if (m_current != nullptr)
    {
        m_pendingUpper.push_back(*m_current);
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
ControlFsm::JudgeSccrq(const PacketHeader& m)
{
    // 7.2 idle + SCCRQ: "acceptable" means the 6.1 AVPs are there and valid.
    return FromRefusal(CheckPeerParameters(m_config, m, m_peer), RX_SCCRQ);
}

ControlFsm::Event
ControlFsm::JudgeSccrp(const PacketHeader& m)
{
    // 7.2 wait-ctl-reply + SCCRP: 6.2 AVPs, then our Challenge answered
    // (5.1.1); then the optional hold for the external authorization
    // decision.
    const Event e = FromRefusal(CheckPeerParameters(m_config, m, m_peer), RX_SCCRP);
    return e == RX_BAD ? e
                       : FromRefusal(CheckChallengeResponse(m_config, m, SCCRP),
                                     m_config.holdForAuthorization ? RX_SCCRP_HOLD : RX_SCCRP);
}

ControlFsm::Event
ControlFsm::JudgeScccn(const PacketHeader& m)
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

// ------------------------------------------------------------------ names

const char*
ControlFsm::StateName(State state)
{
    static const char* const names[] = {
        "idle",
        "wait-ctl-reply",
        "wait-reply-authorization",
        "wait-ctl-conn",
        "wait-authorization",
        "established",
    };
    static_assert(sizeof(names) / sizeof(names[0]) == ESTABLISHED + 1, "one name per State");
    const auto i = static_cast<size_t>(state);
    return i < sizeof(names) / sizeof(names[0]) ? names[i] : "?";
}

const char*
ControlFsm::EventName(Event event)
{
    static const char* const names[] = {
        "open",
        "close",
        "rx-sccrq",
        "rx-sccrp",
        "rx-sccrp-hold",
        "rx-scccn",
        "rx-scccn-hold",
        "rx-bad",
        "rx-tie-won",
        "rx-tie-lost",
        "rx-tie-equal",
        "rx-stopccn",
        "rx-hello",
        "rx-other",
        "rx-unknown-mandatory",
        "auth-accept",
        "auth-reject",
        "hello-due",
        "delivery-failed",
    };
    static_assert(sizeof(names) / sizeof(names[0]) == DELIVERY_FAILED + 1, "one name per Event");
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

std::ostream&
operator<<(std::ostream& os, ControlFsm::Event event)
{
    return os << ControlFsm::EventName(event);
}

} // namespace l2tp
} // namespace ns3
