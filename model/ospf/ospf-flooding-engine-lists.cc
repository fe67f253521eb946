// SPDX-License-Identifier: GPL-2.0-only
//
// FloodingEngine's per-neighbor lists: the Link state request and
// retransmission lists as the database exchange fills them (10.3, 10.6),
// retransmissions (13.6), received acknowledgments (13.7), and the removal
// of MaxAge LSAs that no list holds any more (14). The receipt of an LSA,
// flooding, origination and aging are in ospf-flooding-engine.cc.
#include "ospf-flooding-engine.h"

#include "ns3/log.h"

#include <algorithm>
#include <utility>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("OspfFloodingEngineLists");

namespace ospf
{

// ----------------------------------------------------------------- lists

void
FloodingEngine::AddToRequestList(const NeighborId& id, const LsaHeader& header)
{
    auto it = m_neighbors.find(id);
    NS_ASSERT_MSG(it != m_neighbors.end(), "unknown neighbor " << id);
    it->second.requests[header.GetKey()] = header;
}

void
FloodingEngine::AddToRetransmissionList(const NeighborId& id, const LsaKey& key, Time now)
{
    auto it = m_neighbors.find(id);
    NS_ASSERT_MSG(it != m_neighbors.end(), "unknown neighbor " << id);
    Lsdb::Entry* entry = m_lsdb.FindMutable(key);
    if (entry == nullptr)
    {
        return;
    }
    const Interface& iface = m_interfaces.at(id.interfaceId);
    SetRetransmission(it->second,
                      key,
                      *entry,
                      Retransmission::Of(entry->GetHeader(now), now + iface.rxmtInterval));
}

FloodingEngine::Retransmission
FloodingEngine::Retransmission::Of(const LsaHeader& instance, Time due)
{
    Retransmission item;
    item.sequence = instance.GetSequenceNumber();
    item.checksum = instance.GetChecksum();
    item.age = instance.GetAge();
    item.due = due;
    return item;
}

bool
FloodingEngine::Retransmission::IsAcknowledgedBy(const LsaHeader& ack) const
{
    LsaHeader instance;
    instance.SetSequenceNumber(sequence);
    instance.SetChecksum(checksum);
    instance.SetAge(age);
    return CompareLsaInstances(ack, instance) == LsaRecency::SAME;
}

void
FloodingEngine::SetRetransmission(Neighbor& neighbor,
                                  const LsaKey& key,
                                  Lsdb::Entry& entry,
                                  const Retransmission& item)
{
    const auto [stored, added] = neighbor.retransmissions.Emplace(key, item);
    if (added)
    {
        entry.retransmissionLists += 1;
    }
    else
    {
        *stored = item;
    }
    neighbor.dueOrder.emplace(item.due, key);
}

bool
FloodingEngine::EraseRetransmission(Neighbor& neighbor, const LsaKey& key)
{
    if (neighbor.retransmissions.Erase(key) == 0)
    {
        return false;
    }
    if (Lsdb::Entry* entry = m_lsdb.FindMutable(key))
    {
        NS_ASSERT(entry->retransmissionLists > 0);
        entry->retransmissionLists -= 1;
    }
    return true;
}

void
FloodingEngine::ClearRetransmissions(Neighbor& neighbor)
{
    // Every item has an entry in the due order (stale ones too).
    for (; !neighbor.dueOrder.empty(); neighbor.dueOrder.pop())
    {
        EraseRetransmission(neighbor, neighbor.dueOrder.top().second);
    }
    NS_ASSERT(neighbor.retransmissions.IsEmpty());
    neighbor.retransmissions.Clear();
}

void
FloodingEngine::SkipStaleDueItems(const Neighbor& neighbor)
{
    while (!neighbor.dueOrder.empty())
    {
        const auto& [due, key] = neighbor.dueOrder.top();
        const Retransmission* item = neighbor.retransmissions.Find(key);
        if (item != nullptr && item->due == due)
        {
            return;
        }
        neighbor.dueOrder.pop();
    }
}

std::vector<FloodingEngine::DueRetransmission>
FloodingEngine::TakeDueRetransmissions(Time now)
{
    std::vector<DueRetransmission> result;
    for (auto& [id, neighbor] : m_neighbors)
    {
        if (neighbor.state < NeighborState::EXCHANGE)
        {
            continue;
        }
        const Interface& iface = m_interfaces.at(id.interfaceId);
        DueRetransmission due;
        due.neighbor = id;
        std::vector<LsaKey> keys;
        for (SkipStaleDueItems(neighbor);
             !neighbor.dueOrder.empty() && neighbor.dueOrder.top().first <= now;
             SkipStaleDueItems(neighbor))
        {
            const LsaKey key = neighbor.dueOrder.top().second;
            neighbor.dueOrder.pop();
            if (m_lsdb.Find(key) == nullptr)
            {
                // Removed from the database behind the engine's back.
                EraseRetransmission(neighbor, key);
                continue;
            }
            keys.push_back(key);
        }
        // In key order, whatever order the list keeps; an item given the
        // same time twice is sent once.
        std::sort(keys.begin(), keys.end());
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
        for (const LsaKey& key : keys)
        {
            // 13.6: sent again, directly to the neighbor, every RxmtInterval
            // until acknowledged.
            Lsdb::Entry* entry = m_lsdb.FindMutable(key);
            due.lsas.push_back(entry->lsa);
            due.ages.push_back(entry->GetAge(now));
            Retransmission item = neighbor.retransmissions.At(key);
            item.due = now + iface.rxmtInterval;
            SetRetransmission(neighbor, key, *entry, item);
            m_lsdb.MarkSent(key, now);
        }
        if (!due.lsas.empty())
        {
            result.push_back(std::move(due));
        }
    }
    return result;
}

std::optional<Time>
FloodingEngine::GetNextRetransmission() const
{
    std::optional<Time> next;
    for (const auto& [id, neighbor] : m_neighbors)
    {
        if (neighbor.state < NeighborState::EXCHANGE)
        {
            continue;
        }
        SkipStaleDueItems(neighbor);
        if (!neighbor.dueOrder.empty() && (!next || neighbor.dueOrder.top().first < *next))
        {
            next = neighbor.dueOrder.top().first;
        }
    }
    return next;
}

bool
FloodingEngine::IsOnRetransmissionList(const LsaKey& key) const
{
    const Lsdb::Entry* entry = m_lsdb.Find(key);
    return entry != nullptr && entry->retransmissionLists > 0;
}

void
FloodingEngine::RemoveFromRetransmissionLists(const LsaKey& key)
{
    const Lsdb::Entry* entry = m_lsdb.Find(key);
    // Usually on none: the neighbors acknowledged the old instance.
    for (auto it = m_neighbors.begin();
         entry != nullptr && entry->retransmissionLists > 0 && it != m_neighbors.end();
         ++it)
    {
        EraseRetransmission(it->second, key);
    }
}

void
FloodingEngine::EraseRequest(const NeighborId& id,
                             Neighbor& neighbor,
                             const LsaKey& key,
                             Output& out)
{
    if (neighbor.requests.erase(key) > 0 && neighbor.requests.empty())
    {
        Action a;
        a.type = ActionType::REQUEST_LIST_EMPTY;
        a.key = key;
        a.neighbor = id;
        out.actions.push_back(a);
    }
}

bool
FloodingEngine::AnyNeighborExchangingOrLoading() const
{
    return std::any_of(m_neighbors.begin(), m_neighbors.end(), [](const auto& n) {
        return n.second.state == NeighborState::EXCHANGE ||
               n.second.state == NeighborState::LOADING;
    });
}

void
FloodingEngine::RemoveFlushable(Output& out)
{
    if (m_lsdb.GetNMaxAge() == 0)
    {
        return;
    }
    const std::vector<LsaKey> removed = m_lsdb.RemoveFlushable(
        [this](const LsaKey& key) {
            return IsOnRetransmissionList(key);
        },
        AnyNeighborExchangingOrLoading());
    for (const LsaKey& key : removed)
    {
        Action a;
        a.type = ActionType::REMOVED;
        a.key = key;
        out.actions.push_back(a);
    }
}

// ----------------------------------------------------------------- 13.7

FloodingEngine::Output
FloodingEngine::ReceiveAck(const NeighborId& from, const LsaHeader& ack)
{
    Output out;
    auto nit = m_neighbors.find(from);
    if (nit == m_neighbors.end())
    {
        Discard(ack, DiscardReason::UNKNOWN_NEIGHBOR, out);
        return out;
    }
    // Acknowledgments from a neighbor below Exchange are dropped.
    if (nit->second.state < NeighborState::EXCHANGE)
    {
        Discard(ack, DiscardReason::NEIGHBOR_STATE, out);
        return out;
    }
    auto& list = nit->second.retransmissions;
    const Retransmission* item = list.Find(ack.GetKey());
    if (item == nullptr)
    {
        // Not expected: examine the next acknowledgment.
        return out;
    }
    if (!item->IsAcknowledgedBy(ack))
    {
        // Acknowledges another instance: logged, ignored.
        NS_LOG_INFO("questionable ack from " << from << " for " << ack.GetKey());
        Discard(ack, DiscardReason::QUESTIONABLE_ACK, out);
        return out;
    }
    EraseRetransmission(nit->second, ack.GetKey());
    Action a;
    a.type = ActionType::ACKNOWLEDGED;
    a.key = ack.GetKey();
    a.header = ack;
    a.neighbor = from;
    out.actions.push_back(a);
    RemoveFlushable(out);
    return out;
}
} // namespace ospf
} // namespace ns3
