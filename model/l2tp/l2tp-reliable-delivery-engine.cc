/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "l2tp-reliable-delivery-engine.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpReliableDeliveryEngine");

namespace l2tp
{

uint16_t
SeqDistance(uint16_t a, uint16_t b)
{
    return static_cast<uint16_t>(b - a);
}

bool
SeqLess(uint16_t a, uint16_t b)
{
    const uint16_t d = SeqDistance(a, b);
    return d >= 1 && d <= 32767;
}

bool
Transmission::operator==(const Transmission& o) const
{
    return handle == o.handle && ns == o.ns && nr == o.nr && retransmission == o.retransmission;
}

std::ostream&
operator<<(std::ostream& os, const Transmission& t)
{
    return os << "{handle " << t.handle << " Ns " << t.ns << " Nr " << t.nr
              << (t.retransmission ? " retx}" : "}");
}

ReliableDeliveryEngine::ReliableDeliveryEngine(const ReliableDeliveryConfig& config,
                                               uint16_t firstNs,
                                               uint16_t firstNr)
    : m_config(config),
      m_nextNs(firstNs),
      m_nr(firstNr),
      m_peerWindow(4), // RFC 2661 4.4.3: 4 when the AVP is absent
      m_ackPending(false),
      m_failed(false)
{
    m_config.receiveWindow = std::max<uint16_t>(m_config.receiveWindow, 1);
}

DeliveryActions
ReliableDeliveryEngine::Send(MessageHandle handle, Time now)
{
    DeliveryActions out;
    if (m_failed)
    {
        out.tunnelFailed = true;
        return out;
    }
    m_sendQueue.push_back(handle);
    FillWindow(now, out);
    Finish(out);
    return out;
}

DeliveryActions
ReliableDeliveryEngine::Receive(uint16_t ns, uint16_t nr, bool zlb, MessageHandle handle, Time now)
{
    DeliveryActions out;
    if (m_failed)
    {
        out.tunnelFailed = true;
        return out;
    }

    // Every message, ZLB included, acknowledges through its Nr (5.8).
    ProcessAck(nr, out);

    bool ackNeeded = false;
    if (!zlb)
    {
        const uint16_t ahead = SeqDistance(m_nr, ns);
        if (ahead == 0)
        {
            // In order: deliver, advance Nr, then release held successors.
            out.deliver.push_back(handle);
            ++m_nr;
            for (auto it = m_held.find(m_nr); it != m_held.end(); it = m_held.find(m_nr))
            {
                out.deliver.push_back(it->second);
                m_held.erase(it);
                ++m_nr;
            }
            ackNeeded = true;
        }
        else if (SeqLess(ns, m_nr))
        {
            // 5.8: a duplicate is not delivered again but MUST be
            // acknowledged (our earlier acknowledgement may have been lost).
            NS_LOG_DEBUG("duplicate Ns " << ns << " (Nr " << m_nr << ")");
            out.discard.push_back(handle);
            ackNeeded = true;
        }
        else if (ahead < m_config.receiveWindow && m_held.count(ns) == 0)
        {
            // 5.8 allows queueing out-of-order messages; Nr does not move.
            NS_LOG_DEBUG("holding out-of-order Ns " << ns << " (Nr " << m_nr << ")");
            m_held.emplace(ns, handle);
        }
        else
        {
            NS_LOG_DEBUG("discarding Ns " << ns << " beyond window or already held");
            out.discard.push_back(handle);
        }
    }

    FillWindow(now, out);
    if (ackNeeded && out.transmit.empty())
    {
        RequestAck(now, out);
    }
    Finish(out);
    return out;
}

DeliveryActions
ReliableDeliveryEngine::Expire(Time now)
{
    DeliveryActions out;
    if (m_failed)
    {
        out.tunnelFailed = true;
        return out;
    }

    // 5.8: after the configured number of retransmissions of one message,
    // the tunnel and all its sessions are cleared.
    for (const Unacked& u : m_unacked)
    {
        if (u.deadline <= now && u.retransmissions >= m_config.maxRetransmissions)
        {
            NS_LOG_DEBUG("Ns " << u.ns << " unacknowledged after " << u.retransmissions
                               << " retransmissions");
            m_failed = true;
            m_ackPending = false;
            out.tunnelFailed = true;
            return out;
        }
    }

    // 5.8: retransmit with the same Ns and the current Nr; exponential
    // back-off up to the cap.
    for (Unacked& u : m_unacked)
    {
        if (u.deadline <= now)
        {
            ++u.retransmissions;
            u.deadline = now + Backoff(u.retransmissions);
            out.transmit.push_back(Transmission{u.handle, u.ns, m_nr, true});
            NoteTransmitted();
        }
    }

    if (m_ackPending && m_ackDeadline <= now)
    {
        m_ackPending = false;
        out.sendZlb = true;
        out.zlbNs = m_nextNs;
        out.zlbNr = m_nr;
    }
    Finish(out);
    return out;
}

DeliveryActions
ReliableDeliveryEngine::SetPeerWindow(uint16_t window, Time now)
{
    DeliveryActions out;
    if (m_failed)
    {
        out.tunnelFailed = true;
        return out;
    }
    m_peerWindow = std::max<uint16_t>(window, 1);
    FillWindow(now, out);
    Finish(out);
    return out;
}

uint16_t
ReliableDeliveryEngine::GetNextNs() const
{
    return m_nextNs;
}

uint16_t
ReliableDeliveryEngine::GetNr() const
{
    return m_nr;
}

uint16_t
ReliableDeliveryEngine::GetPeerWindow() const
{
    return m_peerWindow;
}

size_t
ReliableDeliveryEngine::GetUnackedCount() const
{
    return m_unacked.size();
}

size_t
ReliableDeliveryEngine::GetQueuedCount() const
{
    return m_sendQueue.size();
}

size_t
ReliableDeliveryEngine::GetHeldCount() const
{
    return m_held.size();
}

bool
ReliableDeliveryEngine::IsAckPending() const
{
    return m_ackPending;
}

bool
ReliableDeliveryEngine::HasFailed() const
{
    return m_failed;
}

void
ReliableDeliveryEngine::ProcessAck(uint16_t nr, DeliveryActions& out)
{
    // Nr is the next Ns the peer expects: every message before it has been
    // received. It may acknowledge at most what is outstanding; an Nr
    // outside that range (stale or bogus) acknowledges nothing.
    const uint16_t oldest = m_unacked.empty() ? m_nextNs : m_unacked.front().ns;
    const uint16_t count = SeqDistance(oldest, nr);
    if (count > m_unacked.size())
    {
        NS_LOG_DEBUG("ignoring Nr " << nr << ": outstanding " << oldest << ".." << m_nextNs);
        return;
    }
    for (uint16_t i = 0; i < count; ++i)
    {
        out.acked.push_back(m_unacked.front().handle);
        m_unacked.pop_front();
    }
}

void
ReliableDeliveryEngine::FillWindow(Time now, DeliveryActions& out)
{
    // 5.8: no more than the peer's Receive Window Size unacknowledged.
    while (!m_sendQueue.empty() && m_unacked.size() < m_peerWindow)
    {
        const MessageHandle handle = m_sendQueue.front();
        m_sendQueue.pop_front();
        m_unacked.push_back(Unacked{handle, m_nextNs, 0, now + m_config.initialTimeout});
        out.transmit.push_back(Transmission{handle, m_nextNs, m_nr, false});
        ++m_nextNs;
        NoteTransmitted();
    }
}

void
ReliableDeliveryEngine::RequestAck(Time now, DeliveryActions& out)
{
    // 5.8: with nothing queued to carry Nr, a ZLB acknowledges after a
    // short delay (a message sent meanwhile carries the Nr instead).
    if (m_config.ackDelay <= Time(0))
    {
        m_ackPending = false;
        out.sendZlb = true;
        out.zlbNs = m_nextNs;
        out.zlbNr = m_nr;
        return;
    }
    if (!m_ackPending)
    {
        m_ackPending = true;
        m_ackDeadline = now + m_config.ackDelay;
    }
}

void
ReliableDeliveryEngine::NoteTransmitted()
{
    m_ackPending = false;
}

Time
ReliableDeliveryEngine::Backoff(uint32_t retransmissions) const
{
    Time t = m_config.initialTimeout;
    for (uint32_t i = 0; i < retransmissions && t < m_config.maxTimeout; ++i)
    {
        t = t + t;
    }
    return std::min(t, m_config.maxTimeout);
}

void
ReliableDeliveryEngine::Finish(DeliveryActions& out) const
{
    if (m_failed)
    {
        return;
    }
    for (const Unacked& u : m_unacked)
    {
        if (!out.hasWakeUp || u.deadline < out.wakeUp)
        {
            out.hasWakeUp = true;
            out.wakeUp = u.deadline;
        }
    }
    if (m_ackPending && (!out.hasWakeUp || m_ackDeadline < out.wakeUp))
    {
        out.hasWakeUp = true;
        out.wakeUp = m_ackDeadline;
    }
}

} // namespace l2tp
} // namespace ns3
