// SPDX-License-Identifier: GPL-2.0-only
//
// ControlFsm's message path: the calls its driver makes (start, open,
// close, authorise, expire, sessions, receive) and how messages go through
// reliable delivery (RFC 2661 5.8), hidden AVPs (4.3) and the session table
// (7.4). The transition table, its actions and the refusal rules are in
// l2tp-control-fsm.cc.
#include "l2tp-control-fsm.h"
#include "l2tp-hidden-avp.h"

#include "ns3/ipvpn-md5.h"
#include "ns3/log.h"

#include <algorithm>

namespace ns3
{
namespace l2tp
{

NS_LOG_COMPONENT_DEFINE("L2tpControlFsmMessages");

// ------------------------------------------------------------------ engine

void
ControlFsm::StartConnection(Time now)
{
    m_delivery = ReliableDeliveryEngine(m_config.delivery); // 5.8: Ns = Nr = 0
    m_sent.clear();
    m_held.clear();
    m_hasDeliveryWake = false;
    m_peer = PeerParameters();
    m_lastRx = now;
    m_lastHello = now;
    m_helloPending = false;
    m_pendingUpper.clear();
    m_holding = false;
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
    if (!accept && m_state == WAIT_REPLY_AUTHORIZATION)
    {
        // 4.4.2 has no code for "responder not authorized" (4, 5 and 6
        // describe the requester, i.e. us): general clear, reason in text.
        Refuse(DOWN_NOT_AUTHORIZED, STOPCCN_CLEAR, ERROR_NONE, "responder not authorized");
    }
    else if (!accept)
    {
        // 4.4.2 Result Code 4: the requester (the initiator) is refused.
        Refuse(DOWN_NOT_AUTHORIZED, STOPCCN_NOT_AUTHORIZED, ERROR_NONE, "not authorized");
    }
    ProcessEvent(accept ? AUTH_ACCEPT : AUTH_REJECT, now, out);
    return Finish(out);
}

ControlFsm::Actions
ControlFsm::Expire(Time now)
{
    Actions out;
    if (m_holding && m_state == IDLE && now >= m_holdUntil)
    {
        Release(now, out);
        return Finish(out);
    }
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
ControlFsm::OpenSession(Time now, uint16_t& localSessionId)
{
    Actions out;
    SessionTable::Actions a;
    localSessionId = m_sessions.Open(m_state == ESTABLISHED, m_peer.tunnelId, a);
    ApplySessions(a, now, out);
    return Finish(out);
}

ControlFsm::Actions
ControlFsm::CloseSession(uint16_t localSessionId,
                         Time now,
                         uint16_t resultCode,
                         uint16_t errorCode,
                         const std::string& errorMessage)
{
    Actions out;
    ApplySessions(m_sessions.Close(localSessionId, resultCode, errorCode, errorMessage), now, out);
    return Finish(out);
}

ControlFsm::Actions
ControlFsm::Receive(const PacketHeader& received, Time now)
{
    Actions out;
    uint16_t type = 0;
    if (!received.IsValid() || !received.IsControl() ||
        (!received.IsZlb() && !received.GetMessageType(type)))
    {
        ++m_drops;
        NS_LOG_LOGIC("dropped a malformed or data message");
        return Finish(out);
    }
    PacketHeader m = received;
    RecoverHidden(m); // 4.3, before anything reads the AVPs
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
    if (m_state == IDLE && !m_holding && (m.IsZlb() || type != SCCRP))
    {
        // 5.7: the connection's state is gone (or never was): only an
        // SCCRQ (above) or an SCCRP (7.2, answered below) is acted upon.
        ++m_drops;
        NS_LOG_LOGIC("dropped a message for a connection without state");
        return Finish(out);
    }
    if (!m.IsZlb() && type == SCCRP && m_state == IDLE && !m_holding)
    {
        // 7.2 idle + SCCRP: answered with a StopCCN on a fresh sequence
        // (during a hold-down the held sequence state answers instead).
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
ControlFsm::HandleSccrq(const PacketHeader& m, Time now, Actions& out)
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
ControlFsm::Feed(const PacketHeader& m, Time now, Actions& out)
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
ControlFsm::Dispatch(const PacketHeader& m, Time now, Actions& out)
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
        // 4.1: an unknown AVP with the M bit in a tunnel message ends the
        // tunnel; StopCCN Result Code 2, Error Code 8 (4.4.2).
        event = RX_HELLO;
        if (HasUnknownMandatoryAvp(m))
        {
            Refuse(DOWN_PROTOCOL_ERROR,
                   STOPCCN_GENERAL_ERROR,
                   ERROR_UNKNOWN_M_AVP,
                   "unknown mandatory AVP in HELLO");
            event = RX_UNKNOWN_MANDATORY;
        }
        break;
    default:
        // 4.4.1: an unknown message type with the M bit set clears the
        // tunnel; without it the message is ignored (it was acknowledged
        // by 5.8 already). The Message Type AVP itself is known, its value
        // is not: StopCCN Result Code 2 with Error Code 3 ("one of the
        // field values was out of range", 4.4.2) rather than 8 (unknown
        // AVP).
        if (IsUnknownMandatoryMessage(m))
        {
            Refuse(DOWN_PROTOCOL_ERROR,
                   STOPCCN_GENERAL_ERROR,
                   ERROR_BAD_VALUE,
                   "unknown mandatory message type " + std::to_string(type));
            event = RX_UNKNOWN_MANDATORY;
        }
        break;
    }
    const PacketHeader* previous = m_current;
    m_current = &m;
    ProcessEvent(event, now, out);
    m_current = previous;
}

MessageHandle
ControlFsm::SendMessage(const PacketHeader& m, Time now, Actions& out)
{
    const MessageHandle h = m_nextHandle++;
    PacketHeader body = m;
    HideForSending(body); // once, so retransmissions are identical
    m_sent[h] = body;
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
        PacketHeader m = it->second;
        m.SetNs(t.ns);
        m.SetNr(t.nr);
        out.send.push_back(m);
        if (t.retransmission)
        {
            ++m_retransmissions;
            ++out.retransmissions;
        }
    }
    if (d.sendZlb)
    {
        out.send.push_back(PacketHeader::MakeControl(m_peer.tunnelId, 0, d.zlbNs, d.zlbNr));
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
        const PacketHeader m = it->second;
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
    if (m_holding && m_state == IDLE)
    {
        out.wakeUp = out.hasWakeUp ? std::min(out.wakeUp, m_holdUntil) : m_holdUntil;
        out.hasWakeUp = true;
    }
    if (m_state == ESTABLISHED && !m_helloPending)
    {
        const Time hello = std::max(m_lastRx, m_lastHello) + m_config.helloInterval;
        out.wakeUp = out.hasWakeUp ? std::min(out.wakeUp, hello) : hello;
        out.hasWakeUp = true;
    }
    return out;
}

void
ControlFsm::RecoverHidden(PacketHeader& m)
{
    if (!HasHiddenAvp(m.GetAvps()))
    {
        return;
    }
    // 4.3: each hidden value is recovered with the shared secret and the
    // latest Random Vector AVP before it.
    std::vector<Avp> avps = m.GetAvps();
    if (m_config.secret.empty() || !UnhideAvps(avps, m_config.secret))
    {
        ++m_hiddenFailures;
        NS_LOG_LOGIC("hidden AVPs left hidden (no secret or no Random Vector before them)");
    }
    m.SetAvps(avps);
}

void
ControlFsm::HideForSending(PacketHeader& m)
{
    if (!m_config.hideAvps || m_config.secret.empty() || m.IsZlb())
    {
        return;
    }
    std::vector<uint8_t> vector;
    if (m_config.randomVector)
    {
        vector = m_config.randomVector();
    }
    if (vector.empty())
    {
        // A fresh value per message, from our tunnel ID and a counter.
        const uint32_t n = ++m_randomVectors;
        const uint8_t seed[6] = {static_cast<uint8_t>(m_config.localTunnelId >> 8),
                                 static_cast<uint8_t>(m_config.localTunnelId),
                                 static_cast<uint8_t>(n >> 24),
                                 static_cast<uint8_t>(n >> 16),
                                 static_cast<uint8_t>(n >> 8),
                                 static_cast<uint8_t>(n)};
        const Md5Digest d = Md5(seed, sizeof(seed));
        vector.assign(d.begin(), d.end());
    }
    std::vector<Avp> avps = m.GetAvps();
    if (HideMessageAvps(avps, m_config.secret, vector) > 0)
    {
        m.SetAvps(avps);
    }
}

void
ControlFsm::RouteUp(const PacketHeader& m, Time now, Actions& out)
{
    uint16_t type = 0;
    m.GetMessageType(type);
    if (IsSessionMessage(type))
    {
        ApplySessions(m_sessions.Receive(m, m_peer.tunnelId), now, out);
        return;
    }
    out.upperLayer.push_back(m);
}

void
ControlFsm::ApplySessions(const SessionTable::Actions& a, Time now, Actions& out)
{
    for (const PacketHeader& m : a.send)
    {
        SendMessage(m, now, out); // 5.8 like every control message
    }
    out.sessionEvents.insert(out.sessionEvents.end(), a.events.begin(), a.events.end());
    if (a.openTunnel && m_state == IDLE)
    {
        // 7.4.1 "initiate local tunnel open".
        StartConnection(now);
        ProcessEvent(OPEN, now, out);
    }
}

void
ControlFsm::StartHold(Time now)
{
    m_holding = true;
    m_holdUntil = now + m_config.stopCcnHold;
}

void
ControlFsm::Release(Time now, Actions& out)
{
    NS_LOG_LOGIC("hold-down over at " << now.As(Time::S) << ": connection state freed");
    m_delivery = ReliableDeliveryEngine(m_config.delivery);
    m_sent.clear();
    m_held.clear();
    m_hasDeliveryWake = false;
    m_peer = PeerParameters();
    m_holding = false;
    out.released = true;
}

} // namespace l2tp
} // namespace ns3
