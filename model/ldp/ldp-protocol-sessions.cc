/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ldp::Protocol's sessions: creating them for Hello adjacencies (RFC 5036
 * section 2.5.2), accepting passive ones, following their state, messages
 * and Notifications, and handing label and address messages to the label
 * driver. Lifecycle, configuration and routing are in ldp-protocol.cc.
 */
#include "ldp-protocol.h"

#include "ldp-address-messages.h"
#include "ldp-session-messages.h"
#include "ldp-status.h"

#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LdpProtocolSessions");

namespace ldp
{

// ---------------------------------------------------------------- sessions

Ptr<Session>
Protocol::FindSession(Ipv4Address lsrId) const
{
    auto it = m_sessions.find(lsrId.Get());
    return it == m_sessions.end() ? nullptr : it->second;
}

Ptr<Session>
Protocol::CreateSession(Ipv4Address lsrId, Ipv4Address transport)
{
    SessionConfig c;
    c.localLsrId = m_routerId;
    c.localTransport = m_transport;
    c.peerLsrId = lsrId;
    c.peerTransport = transport;
    c.maxPduLength = m_maxPduLength;
    c.fsm.keepAliveTime = WireSeconds(m_keepAliveTime, 0xffff);
    c.fsm.initTimeout = m_initTimeout;
    c.fsm.backoffInitial = m_backoffInitial;
    c.fsm.backoffMax = m_backoffMax;
    // Section 2.5.2: the greater transport address plays the active role.
    return Create<Session>(
        static_cast<SessionOwner*>(this), m_node, c, DetermineRole(m_transport, transport));
}

void
Protocol::AdjacencyRefreshed(Ipv4Address lsrId, Ipv4Address transport, bool configChanged)
{
    Ptr<Session> session = FindSession(lsrId);
    if (session && session->GetConfig().peerTransport != transport &&
        session->GetState() == SessionState::NON_EXISTENT && !session->HasConnection())
    {
        session->CancelConnect(); // the peer moved its transport address
        session = nullptr;
    }
    if (!session)
    {
        session = CreateSession(lsrId, transport);
        m_sessions[lsrId.Get()] = session;
    }
    if (configChanged)
    {
        // Sections 3.5.2 and 2.5.3: a reconfigured (restarted) peer resets
        // the backoff.
        session->ResetBackoff();
    }
    session->ScheduleConnect();
}

void
Protocol::AdjacencyChanged(Ipv4Address lsrId, bool up)
{
    m_adjacencyTrace(lsrId, up);
}

void
Protocol::AdjacenciesLost(Ipv4Address lsrId, uint32_t status)
{
    Ptr<Session> session = FindSession(lsrId);
    if (!session)
    {
        return;
    }
    NS_LOG_INFO("node " << m_node->GetId() << ": no adjacency left with " << lsrId);
    // Section 2.5.5: the session ends with its last adjacency.
    session->CancelConnect();
    session->Shutdown(status);
    m_sessions.erase(lsrId.Get());
}

void
Protocol::HelloTraced(Ipv4Address peer, uint32_t bytes, bool sent)
{
    MessageCounters& c = m_counters[MSG_HELLO];
    if (sent)
    {
        ++c.txMessages;
        c.txBytes += bytes;
        m_messageTxTrace(peer, MSG_HELLO, bytes);
    }
    else
    {
        ++c.rxMessages;
        c.rxBytes += bytes;
        m_messageRxTrace(peer, MSG_HELLO, bytes);
    }
}

void
Protocol::HelloMalformed(Ipv4Address source, uint32_t status)
{
    ++m_malformed;
    m_malformedTrace(source, status);
}

void
Protocol::SessionConnectionFailed(Ptr<Session> session)
{
    if (FindSession(session->GetPeerLsrId()) == session && m_discovery &&
        m_discovery->HasAdjacency(session->GetPeerLsrId()))
    {
        session->ScheduleConnect();
    }
}

void
Protocol::SessionStateChanged(Ptr<Session> session, SessionState from, SessionState to)
{
    const Ipv4Address lsrId = session->GetPeerLsrId();
    NS_LOG_INFO("node " << m_node->GetId() << ": session with " << lsrId << " " << from << " -> "
                        << to);
    m_sessionStateTrace(lsrId, from, to);
    if (FindSession(lsrId) != session || !m_labels)
    {
        return;
    }
    if (to == SessionState::OPERATIONAL)
    {
        // Section 3.5.5.1: our addresses first, so the peer can map next
        // hops to us; then our bindings (section 2.6.1).
        AddressMessage addresses;
        addresses.SetMessageId(AllocateMessageId());
        addresses.SetAddresses(GetLocalAddresses());
        session->Send({addresses.ToGeneric()});
        m_labels->PeerUp(lsrId);
    }
    else if (from == SessionState::OPERATIONAL)
    {
        m_labels->PeerDown(lsrId);
    }
    if (to == SessionState::NON_EXISTENT && m_discovery && m_discovery->HasAdjacency(lsrId))
    {
        session->ScheduleConnect();
    }
}

void
Protocol::SessionMessageReceived(Ptr<Session> session, const Message& message)
{
    if (m_labels)
    {
        m_labels->Receive(session->GetPeerLsrId(), message);
    }
}

void
Protocol::SessionMessageTraced(Ptr<Session> session,
                               const Message& message,
                               uint32_t bytes,
                               bool sent)
{
    MessageCounters& c = m_counters[message.GetType()];
    if (sent)
    {
        ++c.txMessages;
        c.txBytes += bytes;
        m_messageTxTrace(session->GetPeerLsrId(), message.GetType(), bytes);
    }
    else
    {
        ++c.rxMessages;
        c.rxBytes += bytes;
        m_messageRxTrace(session->GetPeerLsrId(), message.GetType(), bytes);
    }
}

void
Protocol::SessionNotification(Ptr<Session> session, const StatusTlv& status, bool sent)
{
    NS_LOG_INFO("node " << m_node->GetId() << (sent ? ": Notification to " : ": Notification from ")
                        << session->GetPeerLsrId() << ": " << StatusCodeName(status.statusData)
                        << (status.fatal ? " (fatal)" : ""));
    (sent ? m_notificationTxTrace
          : m_notificationRxTrace)(session->GetPeerLsrId(), status.statusData, status.fatal);
}

void
Protocol::SessionMalformed(Ptr<Session> session, uint32_t status)
{
    ++m_malformed;
    m_malformedTrace(session->GetPeerLsrId(), status);
}

uint32_t
Protocol::AllocateMessageId()
{
    return ++m_nextMessageId;
}

// ------------------------------------------------- passive connections

Ptr<Session>
Protocol::IncomingSession(Ipv4Address lsrId, uint16_t labelSpace, uint32_t& status)
{
    Ptr<Session> session = FindSession(lsrId);
    if (labelSpace != 0 || !session || !m_discovery->HasAdjacency(lsrId))
    {
        // Section 2.5.3: no Hello adjacency matches the Initialization.
        status = STATUS_SESSION_REJECTED_NO_HELLO;
        return nullptr;
    }
    if (session->GetRole() != SessionRole::PASSIVE)
    {
        // Section 2.5.2: we play the active role with this peer.
        status = STATUS_SHUTDOWN;
        return nullptr;
    }
    if (session->GetState() != SessionState::NON_EXISTENT || session->HasConnection())
    {
        session->Abort(); // a new connection from the peer replaces the old one
    }
    return session;
}

void
Protocol::IncomingRefused(Ipv4Address lsrId, uint32_t status, bool malformed)
{
    if (malformed)
    {
        ++m_malformed;
        m_malformedTrace(lsrId, status);
    }
    m_notificationTxTrace(lsrId, status, IsFatalStatus(status));
}

} // namespace ldp
} // namespace ns3
