// SPDX-License-Identifier: GPL-2.0-only
#include "l2tp-session-fsm.h"

#include "ns3/assert.h"
#include "ns3/log.h"

namespace ns3
{
namespace l2tp
{

NS_LOG_COMPONENT_DEFINE("L2tpSessionFsm");

SessionFsm::SessionFsm(Role role,
                       uint16_t localSessionId,
                       uint32_t callSerialNumber,
                       uint16_t peerTunnelId,
                       const SessionConfig& config)
    : m_role(role)
    , m_state(IDLE)
    , m_localSessionId(localSessionId)
    , m_callSerialNumber(callSerialNumber)
    , m_peerTunnelId(peerTunnelId)
    , m_config(config)
    , m_peerFraming(FRAMING_SYNC | FRAMING_ASYNC)
{
    NS_ASSERT_MSG(localSessionId != 0, "Session ID 0 is reserved (RFC 2661 3.1)");
}

// ------------------------------------------------------------------- table

const SessionFsm::Table&
SessionFsm::Transitions(Role role)
{
    // RFC 2661 7.4.1 (LAC) and 7.4.2 (LNS), rows in the RFC's order.
    // "Clean up" frees the session; pairs not listed are logged and ignored.
    static const Table lac = [] {
        std::vector<Table::Row> t = {
            // 7.4.1 LAC incoming call
            {IDLE, OPEN, &SessionFsm::RequestTunnel, WAIT_TUNNEL},
            {IDLE, RX_ICCN, &SessionFsm::CleanUp, IDLE},
            {IDLE, RX_ICRP, &SessionFsm::CleanUp, IDLE},
            {IDLE, RX_CDN, &SessionFsm::CleanUp, IDLE},
            {WAIT_TUNNEL, CLOSE, &SessionFsm::CleanUp, IDLE},
            {WAIT_TUNNEL, TUNNEL_OPEN, &SessionFsm::SendIcrq, WAIT_REPLY},
            {WAIT_REPLY, RX_ICRP, &SessionFsm::SendIccnAndUp, ESTABLISHED},
            {WAIT_REPLY, RX_ICRP_BAD, &SessionFsm::SendCdnAndCleanUp, IDLE},
            {WAIT_REPLY, RX_ICRQ, &SessionFsm::SendCdnAndCleanUp, IDLE},
            {WAIT_REPLY, RX_CDN, &SessionFsm::CleanUp, IDLE},
            {WAIT_REPLY, RX_ICCN, &SessionFsm::CleanUp, IDLE},
            {WAIT_REPLY, CLOSE, &SessionFsm::SendCdnAndCleanUp, IDLE},
            {ESTABLISHED, RX_CDN, &SessionFsm::CleanUp, IDLE},
            {ESTABLISHED, RX_ICRQ, &SessionFsm::SendCdnAndCleanUp, IDLE},
            {ESTABLISHED, RX_ICRP, &SessionFsm::SendCdnAndCleanUp, IDLE},
            {ESTABLISHED, RX_ICCN, &SessionFsm::SendCdnAndCleanUp, IDLE},
            {ESTABLISHED, CLOSE, &SessionFsm::SendCdnAndCleanUp, IDLE},
        };
        // 5.7 / 7.6: clearing the tunnel clears every session in it.
        for (State s : {WAIT_TUNNEL, WAIT_REPLY, ESTABLISHED})
        {
            t.push_back({s, TUNNEL_DOWN, &SessionFsm::CleanUp, IDLE});
        }
        return Table(t);
    }();
    static const Table lns = [] {
        std::vector<Table::Row> t = {
            // 7.4.2 LNS incoming call
            {IDLE, RX_ICRQ, &SessionFsm::SendIcrp, WAIT_CONNECT},
            {IDLE, RX_ICRQ_BAD, &SessionFsm::SendCdnAndCleanUp, IDLE},
            {IDLE, RX_ICRP, &SessionFsm::SendCdnAndCleanUp, IDLE},
            {IDLE, RX_ICCN, &SessionFsm::CleanUp, IDLE},
            {WAIT_CONNECT, RX_ICCN, &SessionFsm::ReportUp, ESTABLISHED},
            {WAIT_CONNECT, RX_ICCN_BAD, &SessionFsm::SendCdnAndCleanUp, IDLE},
            {WAIT_CONNECT, RX_ICRQ, &SessionFsm::SendCdnAndCleanUp, IDLE},
            {WAIT_CONNECT, RX_ICRP, &SessionFsm::SendCdnAndCleanUp, IDLE},
            {IDLE, RX_CDN, &SessionFsm::CleanUp, IDLE},
            {WAIT_CONNECT, RX_CDN, &SessionFsm::CleanUp, IDLE},
            {ESTABLISHED, RX_CDN, &SessionFsm::CleanUp, IDLE},
            {WAIT_CONNECT, CLOSE, &SessionFsm::SendCdnAndCleanUp, IDLE},
            {ESTABLISHED, CLOSE, &SessionFsm::SendCdnAndCleanUp, IDLE},
            {ESTABLISHED, RX_ICRQ, &SessionFsm::SendCdnAndCleanUp, IDLE},
            {ESTABLISHED, RX_ICRP, &SessionFsm::SendCdnAndCleanUp, IDLE},
            {ESTABLISHED, RX_ICCN, &SessionFsm::SendCdnAndCleanUp, IDLE},
        };
        for (State s : {WAIT_CONNECT, ESTABLISHED})
        {
            t.push_back({s, TUNNEL_DOWN, &SessionFsm::CleanUp, IDLE});
        }
        return Table(t);
    }();
    return role == LAC ? lac : lns;
}

void
SessionFsm::ProcessEvent(Event event, Actions& out)
{
    const Table::Row* row = Transitions(m_role).Find(m_state, event);
    if (row == nullptr)
    {
        NS_LOG_LOGIC("session " << m_localSessionId << " " << RoleName(m_role)
                                << ": ignored: " << Table::Describe(m_state, event));
        m_cause = Cause();
        return;
    }
    NS_LOG_LOGIC("session " << m_localSessionId << " " << RoleName(m_role) << ": "
                            << Table::Describe(*row));
    (this->*row->action)(out);
    SetState(row->next, out);
    m_cause = Cause();
}

void
SessionFsm::SetState(State next, Actions& out)
{
    if (next != m_state)
    {
        out.transitions.emplace_back(m_state, next);
        m_state = next;
    }
}

// ----------------------------------------------------------------- actions

void
SessionFsm::RequestTunnel(Actions& out)
{
    out.openTunnel = true; // 7.4.1 "initiate local tunnel open"
}

void
SessionFsm::SendIcrq(Actions& out)
{
    out.send.push_back(BuildIcrq(m_peerTunnelId, m_localSessionId, m_callSerialNumber, m_config));
}

void
SessionFsm::SendIcrp(Actions& out)
{
    out.send.push_back(BuildIcrp(m_peerTunnelId, m_call.peerSessionId, m_localSessionId));
}

void
SessionFsm::SendIccnAndUp(Actions& out)
{
    // 4.4.3: a Framing Type the peer announced (checked in Judge()).
    SessionConfig c = m_config;
    c.framingType = ChooseFramingType(m_config.framingType, m_peerFraming);
    out.send.push_back(BuildIccn(m_peerTunnelId, m_call.peerSessionId, c));
    ReportUp(out);
}

void
SessionFsm::ReportUp(Actions& out)
{
    out.up = true; // 7.4.2 "prepare for data"
}

void
SessionFsm::SendCdnAndCleanUp(Actions& out)
{
    // 6.12: Result Code and our Assigned Session ID, to the peer's session.
    out.send.push_back(BuildCdn(m_peerTunnelId,
                                m_call.peerSessionId,
                                m_localSessionId,
                                m_cause.resultCode,
                                m_cause.errorCode,
                                m_cause.errorMessage));
    out.down = true; // reported even for a call refused from idle
    CleanUp(out);
}

void
SessionFsm::CleanUp(Actions& out)
{
    if (m_state != IDLE || out.down)
    {
        out.down = true;
        out.downReason = m_cause.reason;
        out.resultCode = m_cause.resultCode;
        out.errorCode = m_cause.errorCode;
        out.errorMessage = m_cause.errorMessage;
    }
}

// --------------------------------------------------------- decision logic

void
SessionFsm::SetCause(DownReason reason, uint16_t result, uint16_t error, const std::string& text)
{
    m_cause.reason = reason;
    m_cause.resultCode = result;
    m_cause.errorCode = error;
    m_cause.errorMessage = text;
}

SessionFsm::Event
SessionFsm::FromRefusal(const Refusal& r, Event ok, Event bad)
{
    if (!r.refused)
    {
        return ok;
    }
    SetCause(DOWN_REFUSED, r.resultCode, r.errorCode, r.text);
    return bad;
}

SessionFsm::Event
SessionFsm::Judge(uint16_t type, const PacketHeader& m)
{
    // The default cause: a message that does not fit this state.
    SetCause(DOWN_PROTOCOL_ERROR,
             CDN_GENERAL_ERROR,
             ERROR_INVALID_SESSION_ID,
             MessageTypeName(type) + std::string(" unexpected in ") + StateName(m_state));
    // A CDN for this message goes to the Session ID the message names.
    if (m_call.peerSessionId == 0 && type != CDN)
    {
        m_call.peerSessionId = ReadAssignedSessionId(m);
    }
    switch (type)
    {
    case ICRQ:
        if (m_role == LNS && m_state == IDLE)
        {
            return FromRefusal(CheckIcrq(m, m_call), RX_ICRQ, RX_ICRQ_BAD); // 6.6
        }
        return RX_ICRQ;
    case ICRP:
        if (m_role == LAC && m_state == WAIT_REPLY)
        {
            const Event e = FromRefusal(CheckIcrp(m, m_call), RX_ICRP, RX_ICRP_BAD); // 6.7
            if (e == RX_ICRP && ChooseFramingType(m_config.framingType, m_peerFraming) == 0)
            {
                // 4.4.3: the peer announced no framing our ICCN could ask for.
                SetCause(DOWN_REFUSED,
                         CDN_NO_FRAMING,
                         ERROR_NONE,
                         "the peer's Framing Capabilities offer no framing");
                return RX_ICRP_BAD;
            }
            return e;
        }
        return RX_ICRP;
    case ICCN:
        if (m_role == LNS && m_state == WAIT_CONNECT)
        {
            return FromRefusal(CheckIccn(m, m_call), RX_ICCN, RX_ICCN_BAD); // 6.8
        }
        return RX_ICCN;
    default: {
        CdnInfo cdn;
        if (!ReadCdn(m, cdn))
        {
            NS_LOG_LOGIC("CDN without a valid Result Code or Assigned Session ID");
        }
        SetCause(DOWN_PEER_CDN, cdn.resultCode, cdn.errorCode, cdn.errorMessage); // 6.12
        return RX_CDN;
    }
    }
}

// ---------------------------------------------------------------- entries

SessionFsm::Actions
SessionFsm::Open(bool tunnelUp)
{
    Actions out;
    ProcessEvent(OPEN, out);
    if (tunnelUp && m_state == WAIT_TUNNEL)
    {
        out.openTunnel = false; // already open: the tunnel-open event follows
        ProcessEvent(TUNNEL_OPEN, out);
    }
    return out;
}

SessionFsm::Actions
SessionFsm::TunnelOpen(uint16_t peerTunnelId)
{
    Actions out;
    m_peerTunnelId = peerTunnelId;
    ProcessEvent(TUNNEL_OPEN, out);
    return out;
}

SessionFsm::Actions
SessionFsm::TunnelDown()
{
    Actions out;
    SetCause(DOWN_TUNNEL_DOWN, 0, ERROR_NONE, "tunnel cleared");
    ProcessEvent(TUNNEL_DOWN, out);
    return out;
}

SessionFsm::Actions
SessionFsm::Close(uint16_t resultCode, uint16_t errorCode, const std::string& errorMessage)
{
    Actions out;
    SetCause(DOWN_LOCAL_CLOSE, resultCode, errorCode, errorMessage);
    ProcessEvent(CLOSE, out);
    return out;
}

SessionFsm::Actions
SessionFsm::Receive(const PacketHeader& m)
{
    Actions out;
    uint16_t type = 0;
    if (!m.GetMessageType(type) || !IsSessionMessage(type))
    {
        NS_LOG_LOGIC("session " << m_localSessionId << ": not a session message");
        return out;
    }
    ProcessEvent(Judge(type, m), out);
    return out;
}

// ------------------------------------------------------------------ names

const char*
SessionFsm::StateName(State state)
{
    static const char* const names[] = {
        "idle",
        "wait-tunnel",
        "wait-reply",
        "wait-connect",
        "established",
    };
    const auto i = static_cast<size_t>(state);
    return i < sizeof(names) / sizeof(names[0]) ? names[i] : "?";
}

const char*
SessionFsm::EventName(Event event)
{
    static const char* const names[] = {
        "open",
        "tunnel-open",
        "tunnel-down",
        "close",
        "rx-icrq",
        "rx-icrq-bad",
        "rx-icrp",
        "rx-icrp-bad",
        "rx-iccn",
        "rx-iccn-bad",
        "rx-cdn",
    };
    const auto i = static_cast<size_t>(event);
    return i < sizeof(names) / sizeof(names[0]) ? names[i] : "?";
}

const char*
SessionFsm::RoleName(Role role)
{
    return role == LAC ? "LAC" : "LNS";
}

const char*
SessionFsm::DownReasonName(DownReason reason)
{
    static const char* const names[] = {
        "none",
        "local-close",
        "peer-cdn",
        "tunnel-down",
        "refused",
        "protocol-error",
    };
    const auto i = static_cast<size_t>(reason);
    return i < sizeof(names) / sizeof(names[0]) ? names[i] : "?";
}

std::ostream&
operator<<(std::ostream& os, SessionFsm::State state)
{
    return os << SessionFsm::StateName(state);
}

std::ostream&
operator<<(std::ostream& os, SessionFsm::Event event)
{
    return os << SessionFsm::EventName(event);
}

} // namespace l2tp
} // namespace ns3
