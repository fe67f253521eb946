// SPDX-License-Identifier: GPL-2.0-only
#include "vr-configuration-map.h"

#include "ns3/log.h"

#include <set>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("VrConfigurationMap");

namespace vr
{

std::string
PeerStateName(PeerState state)
{
    switch (state)
    {
    case PeerState::DISCOVERED:
        return "DISCOVERED";
    case PeerState::AUTHENTICATING:
        return "AUTHENTICATING";
    case PeerState::EXCHANGING:
        return "EXCHANGING";
    case PeerState::UP:
        return "UP";
    case PeerState::FAILED:
        return "FAILED";
    case PeerState::SILENT:
        return "SILENT";
    }
    return "PeerState(" + std::to_string(static_cast<int>(state)) + ")";
}

std::ostream&
operator<<(std::ostream& os, PeerState state)
{
    return os << PeerStateName(state);
}

bool
MapEntry::operator==(const MapEntry& o) const
{
    return portAddress == o.portAddress && vpnId == o.vpnId && routerId == o.routerId &&
           tunnelId == o.tunnelId && state == o.state && added == o.added && changed == o.changed;
}

bool
MapEntry::operator!=(const MapEntry& o) const
{
    return !(*this == o);
}

std::ostream&
operator<<(std::ostream& os, const MapEntry& e)
{
    return os << "port=" << e.portAddress << " vpn=" << e.vpnId << " router=" << e.routerId
              << " tunnel=" << e.tunnelId << " state=" << e.state
              << " added=" << e.added.As(Time::S);
}

bool
ConfigurationMap::Add(const MapEntry& entry)
{
    return m_entries.emplace(entry.portAddress, entry).second;
}

bool
ConfigurationMap::Update(const MapEntry& entry)
{
    auto it = m_entries.find(entry.portAddress);
    if (it == m_entries.end())
    {
        return false;
    }
    const Time added = it->second.added;
    it->second = entry;
    it->second.added = added;
    return true;
}

bool
ConfigurationMap::SetState(Ipv4Address port, PeerState state, Time now)
{
    auto it = m_entries.find(port);
    if (it == m_entries.end())
    {
        return false;
    }
    it->second.state = state;
    it->second.changed = now;
    return true;
}

bool
ConfigurationMap::SetTunnelId(Ipv4Address port, uint16_t tunnelId, Time now)
{
    auto it = m_entries.find(port);
    if (it == m_entries.end())
    {
        return false;
    }
    it->second.tunnelId = tunnelId;
    it->second.changed = now;
    return true;
}

bool
ConfigurationMap::Remove(Ipv4Address port)
{
    return m_entries.erase(port) > 0;
}

void
ConfigurationMap::Clear()
{
    m_entries.clear();
}

const MapEntry*
ConfigurationMap::Find(Ipv4Address port) const
{
    auto it = m_entries.find(port);
    return it == m_entries.end() ? nullptr : &it->second;
}

bool
ConfigurationMap::Contains(Ipv4Address port) const
{
    return m_entries.count(port) > 0;
}

std::size_t
ConfigurationMap::GetSize() const
{
    return m_entries.size();
}

bool
ConfigurationMap::IsEmpty() const
{
    return m_entries.empty();
}

std::vector<MapEntry>
ConfigurationMap::GetEntries() const
{
    std::vector<MapEntry> out;
    out.reserve(m_entries.size());
    for (const auto& [port, entry] : m_entries)
    {
        out.push_back(entry);
    }
    return out;
}

std::vector<Ipv4Address>
ConfigurationMap::GetRouterIds() const
{
    std::set<Ipv4Address> ids;
    for (const auto& [port, entry] : m_entries)
    {
        ids.insert(entry.routerId);
    }
    return std::vector<Ipv4Address>(ids.begin(), ids.end());
}

std::vector<Ipv4Address>
ConfigurationMap::GetPorts(PeerState state) const
{
    std::vector<Ipv4Address> out;
    for (const auto& [port, entry] : m_entries)
    {
        if (entry.state == state)
        {
            out.push_back(port);
        }
    }
    return out;
}

ConfigurationMap::const_iterator
ConfigurationMap::begin() const
{
    return m_entries.begin();
}

ConfigurationMap::const_iterator
ConfigurationMap::end() const
{
    return m_entries.end();
}

void
ConfigurationMap::Print(std::ostream& os) const
{
    for (const auto& [port, entry] : m_entries)
    {
        os << entry << "\n";
    }
}

std::ostream&
operator<<(std::ostream& os, const ConfigurationMap& map)
{
    map.Print(os);
    return os;
}

} // namespace vr
} // namespace ns3
