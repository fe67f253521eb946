// SPDX-License-Identifier: GPL-2.0-only
#include "l2tp-session-table.h"

#include "ns3/log.h"

#include <utility>

namespace ns3
{
namespace l2tp
{

NS_LOG_COMPONENT_DEFINE("L2tpSessionTable");

SessionTable::SessionTable(const SessionConfig& config)
    : m_config(config)
    , m_nextSessionId(1)
    , m_nextCallSerial(1)
    , m_drops(0)
    , m_peerFraming(FRAMING_SYNC | FRAMING_ASYNC)
{
}

void
SessionTable::SetPeerFramingCapabilities(uint32_t capabilities)
{
    m_peerFraming = capabilities;
    for (auto& entry : m_sessions)
    {
        entry.second.SetPeerFramingCapabilities(capabilities);
    }
}

SessionFsm&
SessionTable::Add(SessionFsm session)
{
    session.SetPeerFramingCapabilities(m_peerFraming);
    const uint16_t id = session.GetLocalSessionId();
    return m_sessions.emplace(id, std::move(session)).first->second;
}

uint16_t
SessionTable::Allocate()
{
    // 3.1: Session ID 0 is reserved; IDs are reused only once freed.
    for (uint32_t tries = 0; tries < 65535; ++tries)
    {
        const uint16_t id = m_nextSessionId;
        m_nextSessionId = m_nextSessionId == 65535 ? 1 : m_nextSessionId + 1;
        if (m_sessions.count(id) == 0)
        {
            return id;
        }
    }
    return 0;
}

void
SessionTable::Absorb(uint16_t localSessionId, const SessionFsm::Actions& a, Actions& out)
{
    auto it = m_sessions.find(localSessionId);
    if (it == m_sessions.end())
    {
        return;
    }
    const SessionFsm& s = it->second;
    out.send.insert(out.send.end(), a.send.begin(), a.send.end());
    out.openTunnel = out.openTunnel || a.openTunnel;
    if (a.up || a.down)
    {
        SessionEvent e;
        e.up = a.up && !a.down;
        e.localSessionId = localSessionId;
        e.peerSessionId = s.GetPeerSessionId();
        e.role = s.GetRole();
        e.reason = a.downReason;
        e.resultCode = a.resultCode;
        e.errorCode = a.errorCode;
        e.errorMessage = a.errorMessage;
        out.events.push_back(e);
    }
    if (s.GetState() == SessionFsm::IDLE)
    {
        m_sessions.erase(it); // clean up: the session is freed
    }
}

uint16_t
SessionTable::Open(bool tunnelUp, uint16_t peerTunnelId, Actions& out)
{
    const uint16_t id = m_sessions.size() < MAX_SESSIONS ? Allocate() : 0;
    if (id == 0)
    {
        NS_LOG_WARN("no free Session ID for a new call");
        return 0;
    }
    SessionFsm& s =
        Add(SessionFsm(SessionFsm::LAC, id, m_nextCallSerial++, peerTunnelId, m_config));
    Absorb(id, s.Open(tunnelUp), out);
    return id;
}

SessionTable::Actions
SessionTable::Close(uint16_t localSessionId,
                    uint16_t resultCode,
                    uint16_t errorCode,
                    const std::string& errorMessage)
{
    Actions out;
    auto it = m_sessions.find(localSessionId);
    if (it != m_sessions.end())
    {
        Absorb(localSessionId, it->second.Close(resultCode, errorCode, errorMessage), out);
    }
    return out;
}

SessionTable::Actions
SessionTable::TunnelOpen(uint16_t peerTunnelId)
{
    Actions out;
    for (uint16_t id : GetSessionIds())
    {
        auto it = m_sessions.find(id);
        if (it != m_sessions.end())
        {
            Absorb(id, it->second.TunnelOpen(peerTunnelId), out);
        }
    }
    return out;
}

SessionTable::Actions
SessionTable::TunnelDown()
{
    Actions out;
    for (uint16_t id : GetSessionIds())
    {
        auto it = m_sessions.find(id);
        if (it != m_sessions.end())
        {
            Absorb(id, it->second.TunnelDown(), out);
        }
    }
    m_sessions.clear(); // 5.7: nothing of the tunnel's sessions survives
    return out;
}

SessionTable::Actions
SessionTable::Receive(const PacketHeader& m, uint16_t peerTunnelId)
{
    Actions out;
    uint16_t type = 0;
    if (!m.GetMessageType(type) || !IsSessionMessage(type))
    {
        return out;
    }
    if (type == ICRQ)
    {
        // 7.4.2: a new call for us; our Session ID is assigned now.
        if (m_sessions.size() >= MAX_SESSIONS)
        {
            // 6.12: the CDN names us by the spare Session ID, never 0
            // (4.4.4, 5.3); see the file comment.
            const uint16_t spare = Allocate();
            NS_LOG_WARN("no free Session ID: the ICRQ is refused");
            out.send.push_back(BuildCdn(peerTunnelId,
                                        ReadAssignedSessionId(m),
                                        spare,
                                        CDN_NO_FACILITIES_TEMP,
                                        ERROR_NO_RESOURCES,
                                        "no free Session ID"));
            return out;
        }
        const uint16_t id = Allocate();
        SessionFsm& s = Add(SessionFsm(SessionFsm::LNS, id, 0, peerTunnelId, m_config));
        Absorb(id, s.Receive(m), out);
        return out;
    }
    const uint16_t id = m.GetSessionId();
    auto it = m_sessions.find(id);
    if (it != m_sessions.end())
    {
        Absorb(id, it->second.Receive(m), out);
        return out;
    }
    // Not one of ours: the 7.4.2 idle rows on a throw-away session.
    ++m_drops;
    NS_LOG_LOGIC(MessageTypeName(type) << " for unknown session " << id);
    if (id != 0)
    {
        SessionFsm stray(SessionFsm::LNS, id, 0, peerTunnelId, m_config);
        const SessionFsm::Actions a = stray.Receive(m);
        out.send.insert(out.send.end(), a.send.begin(), a.send.end());
    }
    return out;
}

const SessionFsm*
SessionTable::Find(uint16_t localSessionId) const
{
    auto it = m_sessions.find(localSessionId);
    return it == m_sessions.end() ? nullptr : &it->second;
}

std::vector<uint16_t>
SessionTable::GetSessionIds() const
{
    std::vector<uint16_t> ids;
    for (const auto& entry : m_sessions)
    {
        ids.push_back(entry.first);
    }
    return ids;
}

size_t
SessionTable::GetSize() const
{
    return m_sessions.size();
}

uint32_t
SessionTable::GetDropCount() const
{
    return m_drops;
}

} // namespace l2tp
} // namespace ns3
