/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ldp-adjacency.h"

#include "ns3/log.h"

#include <algorithm>
#include <set>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LdpAdjacency");

namespace ldp
{

namespace
{

/// One proposal as a time: 0 is the default, 0xffff infinite (section 3.5.2).
std::optional<Time>
ProposalToTime(uint16_t proposal, Time defaultHold)
{
    if (proposal == HELLO_HOLD_INFINITE)
    {
        return std::nullopt;
    }
    return proposal == 0 ? defaultHold : Seconds(proposal);
}

/// Link and targeted Hellos have their own keys (section 2.4): a Link Hello
/// key ignores the source address, a Targeted one the interface.
AdjacencyKey
Normalize(const AdjacencyKey& key)
{
    AdjacencyKey k = key;
    if (k.targeted)
    {
        k.interface = 0;
    }
    else
    {
        k.source = Ipv4Address();
    }
    return k;
}

} // namespace

std::optional<Time>
NegotiateHelloHoldTime(uint16_t localProposal, uint16_t peerProposal, Time defaultHold)
{
    const std::optional<Time> local = ProposalToTime(localProposal, defaultHold);
    const std::optional<Time> peer = ProposalToTime(peerProposal, defaultHold);
    // Section 3.5.2: "the minimum of the hold times proposed in their
    // Hellos"; an infinite proposal never wins over a finite one.
    if (!local)
    {
        return peer;
    }
    if (!peer)
    {
        return local;
    }
    return std::min(*local, *peer);
}

bool
AdjacencyKey::operator<(const AdjacencyKey& o) const
{
    return std::make_tuple(lsrId.Get(), labelSpace, targeted, interface, source.Get()) <
           std::make_tuple(o.lsrId.Get(), o.labelSpace, o.targeted, o.interface, o.source.Get());
}

bool
AdjacencyKey::operator==(const AdjacencyKey& o) const
{
    return !(*this < o) && !(o < *this);
}

AdjacencyTable::AdjacencyTable(const HelloConfig& config)
    : m_config(config)
{
}

uint16_t
AdjacencyTable::GetLocalHoldTime(bool targeted) const
{
    return targeted ? m_config.targetedHoldTime : m_config.linkHoldTime;
}

HelloResult
AdjacencyTable::ReceiveHello(const AdjacencyKey& key, const HelloInfo& hello, Time now)
{
    const AdjacencyKey k = Normalize(key);

    HelloResult result;
    const Time defaultHold =
        k.targeted ? m_config.defaultTargetedHoldTime : m_config.defaultLinkHoldTime;
    result.holdTime =
        NegotiateHelloHoldTime(GetLocalHoldTime(k.targeted), hello.holdTime, defaultHold);
    if (result.holdTime)
    {
        result.expiresAt = now + *result.holdTime;
    }

    auto it = m_entries.find(k);
    if (it == m_entries.end())
    {
        // Section 2.5.5: a Hello from a new peer/interface creates an adjacency.
        result.created = true;
        it = m_entries.emplace(k, Entry()).first;
        NS_LOG_INFO("new adjacency with " << k.lsrId << ":" << k.labelSpace
                                          << (k.targeted ? " targeted" : " link"));
    }
    else if (hello.configSequence && it->second.configSequence &&
             *hello.configSequence != *it->second.configSequence)
    {
        // Section 3.5.2 "Configuration Sequence Number".
        result.configChanged = true;
    }

    Entry& e = it->second;
    // Section 2.5.5: each Hello restarts the adjacency's hold timer.
    e.holdTime = result.holdTime;
    e.expiresAt = result.expiresAt;
    e.transportAddress = hello.transportAddress;
    if (hello.configSequence)
    {
        e.configSequence = hello.configSequence;
    }
    return result;
}

ExpiryResult
AdjacencyTable::Expire(Time now)
{
    ExpiryResult result;
    std::set<std::pair<uint32_t, uint16_t>> touched;
    for (auto it = m_entries.begin(); it != m_entries.end();)
    {
        if (it->second.expiresAt && *it->second.expiresAt <= now)
        {
            // Section 2.5.5: no Hello within the hold time: delete it.
            NS_LOG_INFO("adjacency with " << it->first.lsrId << " expired");
            result.expired.push_back(it->first);
            touched.insert({it->first.lsrId.Get(), it->first.labelSpace});
            it = m_entries.erase(it);
        }
        else
        {
            ++it;
        }
    }
    for (const auto& peer : touched)
    {
        const Ipv4Address lsrId(peer.first);
        if (!HasAdjacency(lsrId, peer.second))
        {
            result.peersLost.emplace_back(lsrId, peer.second);
        }
    }
    return result;
}

bool
AdjacencyTable::Remove(const AdjacencyKey& key)
{
    return m_entries.erase(Normalize(key)) > 0;
}

bool
AdjacencyTable::HasAdjacency(Ipv4Address lsrId, uint16_t labelSpace) const
{
    for (const auto& [key, entry] : m_entries)
    {
        if (key.lsrId == lsrId && key.labelSpace == labelSpace)
        {
            return true;
        }
    }
    return false;
}

std::optional<Ipv4Address>
AdjacencyTable::GetTransportAddress(Ipv4Address lsrId, uint16_t labelSpace) const
{
    for (const auto& [key, entry] : m_entries)
    {
        if (key.lsrId == lsrId && key.labelSpace == labelSpace)
        {
            return entry.transportAddress;
        }
    }
    return std::nullopt;
}

std::optional<Time>
AdjacencyTable::NextExpiry() const
{
    std::optional<Time> earliest;
    for (const auto& [key, entry] : m_entries)
    {
        if (entry.expiresAt && (!earliest || *entry.expiresAt < *earliest))
        {
            earliest = entry.expiresAt;
        }
    }
    return earliest;
}

size_t
AdjacencyTable::GetSize() const
{
    return m_entries.size();
}

} // namespace ldp
} // namespace ns3
