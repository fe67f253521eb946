// SPDX-License-Identifier: GPL-2.0-only
#include "ospf-lsdb.h"

#include "ns3/log.h"

#include <algorithm>
#include <utility>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("OspfLsdb");

namespace ospf
{

namespace
{

/// An LS age as section 14 lets it be: never past MaxAge.
uint16_t
CappedAge(uint16_t age)
{
    return std::min(age, MAX_AGE);
}

} // namespace

std::ostream&
operator<<(std::ostream& os, LsaRecency recency)
{
    switch (recency)
    {
    case LsaRecency::OLDER:
        return os << "older";
    case LsaRecency::SAME:
        return os << "same";
    case LsaRecency::NEWER:
        return os << "newer";
    }
    return os << "?";
}

LsaRecency
CompareLsaInstances(const LsaHeader& a, const LsaHeader& b)
{
    // 13.1: the sequence number first, as a signed 32-bit integer.
    if (a.GetSequenceNumber() != b.GetSequenceNumber())
    {
        return a.GetSequenceNumber() > b.GetSequenceNumber() ? LsaRecency::NEWER
                                                             : LsaRecency::OLDER;
    }
    // Then the LS checksum, as an unsigned 16-bit integer.
    if (a.GetChecksum() != b.GetChecksum())
    {
        return a.GetChecksum() > b.GetChecksum() ? LsaRecency::NEWER : LsaRecency::OLDER;
    }
    // Then an instance at MaxAge is the more recent.
    const uint16_t ageA = CappedAge(a.GetAge());
    const uint16_t ageB = CappedAge(b.GetAge());
    if ((ageA == MAX_AGE) != (ageB == MAX_AGE))
    {
        return ageA == MAX_AGE ? LsaRecency::NEWER : LsaRecency::OLDER;
    }
    // Then ages more than MaxAgeDiff apart: the younger is the more recent.
    const int difference = static_cast<int>(ageA) - static_cast<int>(ageB);
    if (difference > MAX_AGE_DIFF)
    {
        return LsaRecency::OLDER;
    }
    if (-difference > MAX_AGE_DIFF)
    {
        return LsaRecency::NEWER;
    }
    return LsaRecency::SAME;
}

bool
IsMoreRecent(const LsaHeader& a, const LsaHeader& b)
{
    return CompareLsaInstances(a, b) == LsaRecency::NEWER;
}

namespace
{

/// 13.2 with the older instance's header (its current age) and the newer
/// one's age given apart.
bool
ContentsDiffer(const LsaHeader& o, const Lsa& older, uint16_t newerAge, const Lsa& newer)
{
    const LsaHeader& n = newer.header;
    // 13.2 (the four cases of a content change). The body, "anything outside
    // the 20-byte LSA header", compares by its type's operator== (Lsa's own
    // operator== would compare the headers too).
    return o.GetOptions() != n.GetOptions() ||
           (CappedAge(o.GetAge()) == MAX_AGE) != (CappedAge(newerAge) == MAX_AGE) ||
           o.GetLength() != n.GetLength() || (&older != &newer && !(older.body == newer.body));
}

/// The keys of a map keyed by LSA, in key order.
template <typename Value>
std::vector<LsaKey>
KeysOf(const std::map<LsaKey, Value>& map)
{
    std::vector<LsaKey> keys;
    keys.reserve(map.size());
    for (const auto& item : map)
    {
        keys.push_back(item.first);
    }
    return keys;
}

} // namespace

bool
LsaContentsDiffer(const Lsa& older, const Lsa& newer)
{
    return ContentsDiffer(older.header, older, newer.header.GetAge(), newer);
}

// ----------------------------------------------------------------- Entry

uint16_t
Lsdb::Entry::GetAge(Time now) const
{
    if (installedAge == MAX_AGE || now <= installed)
    {
        return installedAge;
    }
    // Whole seconds elapsed; the age field counts seconds (section 12.1.1).
    const int64_t elapsed = (now - installed).GetNanoSeconds() / 1000000000;
    return static_cast<uint16_t>(std::min<int64_t>(installedAge + elapsed, MAX_AGE));
}

LsaHeader
Lsdb::Entry::GetHeader(Time now) const
{
    LsaHeader header = lsa->header;
    header.SetAge(GetAge(now));
    return header;
}

// ----------------------------------------------------------------- Lsdb

Lsdb::Lsdb(Ipv4Address routerId)
    : m_routerId(routerId)
{
}

Ipv4Address
Lsdb::GetRouterId() const
{
    return m_routerId;
}

Lsdb::InstallResult
Lsdb::Install(const Lsa& lsa, Time now, Source source)
{
    return Install(std::make_shared<const Lsa>(lsa), lsa.header.GetAge(), now, source);
}

Lsdb::InstallResult
Lsdb::Install(std::shared_ptr<const Lsa> lsa, uint16_t age, Time now, Source source)
{
    NS_ASSERT(lsa);
    const LsaKey key = lsa->header.GetKey();
    InstallResult result;
    Entry entry;
    entry.lsa = std::move(lsa);
    entry.installedAge = CappedAge(age);
    entry.installed = now;
    entry.source = source;
    entry.maxAgeReported = entry.installedAge == MAX_AGE;

    Entry* stored = FindMutable(key);
    if (stored == nullptr)
    {
        // 13.2: an LSA not in the database before is a change of contents.
        result.contentsChanged = true;
        m_index[key] = static_cast<uint32_t>(m_entries.size());
        m_entries.push_back(Item{key, std::move(entry)});
        stored = &m_entries.back().entry;
    }
    else
    {
        result.replaced = true;
        result.contentsChanged =
            ContentsDiffer(stored->GetHeader(now), *stored->lsa, entry.installedAge, *entry.lsa);
        entry.retransmissionLists = stored->retransmissionLists; // the lists are by LSA
        *stored = std::move(entry);
    }
    if (stored->maxAgeReported)
    {
        m_maxAge.insert(key);
    }
    else
    {
        m_maxAge.erase(key);
    }
    if (source == Source::ORIGINATED)
    {
        m_originated[key] = now;
    }
    NoteAgingTimes(key, *stored);
    NS_LOG_LOGIC("installed " << key << " seq " << std::hex
                              << stored->lsa->header.GetSequenceNumber() << std::dec
                              << (result.contentsChanged ? " (changed)" : ""));
    return result;
}

const Lsdb::Entry*
Lsdb::Find(const LsaKey& key) const
{
    const uint32_t* position = m_index.Find(key);
    return position == nullptr ? nullptr : &m_entries[*position].entry;
}

Lsdb::Entry*
Lsdb::FindMutable(const LsaKey& key)
{
    const uint32_t* position = m_index.Find(key);
    return position == nullptr ? nullptr : &m_entries[*position].entry;
}

std::optional<LsaHeader>
Lsdb::GetHeader(const LsaKey& key, Time now) const
{
    const Entry* entry = Find(key);
    if (entry == nullptr)
    {
        return std::nullopt;
    }
    return entry->GetHeader(now);
}

bool
Lsdb::Remove(const LsaKey& key)
{
    m_maxAge.erase(key);
    return Erase(key);
}

bool
Lsdb::Erase(const LsaKey& key)
{
    const uint32_t* found = m_index.Find(key);
    if (found == nullptr)
    {
        return false;
    }
    const uint32_t position = *found;
    m_index.Erase(key);
    if (position + 1 != m_entries.size())
    {
        Item& moved = m_entries.back();
        m_index[moved.key] = position;
        m_entries[position] = std::move(moved);
    }
    m_entries.pop_back();
    return true;
}

void
Lsdb::NoteAgingTimes(const LsaKey& key, const Entry& entry)
{
    const uint16_t age = entry.installedAge;
    if (age == MAX_AGE)
    {
        return;
    }
    m_nextMaxAge = std::min(m_nextMaxAge, entry.installed + Seconds(MAX_AGE - age));
    if (IsOwn(key))
    {
        m_nextRefresh =
            std::min(m_nextRefresh,
                     age >= LS_REFRESH_TIME ? entry.installed
                                            : entry.installed + Seconds(LS_REFRESH_TIME - age));
    }
}

std::size_t
Lsdb::GetN() const
{
    return m_entries.size();
}

Lsdb::Storage::const_iterator
Lsdb::begin() const
{
    return m_entries.begin();
}

Lsdb::Storage::const_iterator
Lsdb::end() const
{
    return m_entries.end();
}

std::vector<const Lsdb::Item*>
Lsdb::GetSortedItems() const
{
    std::vector<const Item*> items;
    items.reserve(m_entries.size());
    for (const Item& item : m_entries)
    {
        items.push_back(&item);
    }
    std::sort(items.begin(), items.end(), [](const Item* a, const Item* b) {
        return a->key < b->key;
    });
    return items;
}

std::vector<LsaKey>
Lsdb::GetKeys() const
{
    std::vector<LsaKey> keys;
    keys.reserve(m_entries.size());
    for (const Item* item : GetSortedItems())
    {
        keys.push_back(item->key);
    }
    return keys;
}

void
Lsdb::MarkSent(const LsaKey& key, Time now)
{
    if (Entry* entry = FindMutable(key))
    {
        entry->lastSent = now;
    }
}

bool
Lsdb::WasSentWithin(const LsaKey& key, Time now, Time window) const
{
    const Entry* entry = Find(key);
    return entry != nullptr && entry->lastSent && now - *entry->lastSent < window;
}

std::vector<LsaKey>
Lsdb::AgeOut(Time now)
{
    std::vector<LsaKey> reached;
    if (now < m_nextMaxAge)
    {
        return reached;
    }
    m_nextMaxAge = Time::Max();
    for (auto& [key, entry] : m_entries)
    {
        if (entry.maxAgeReported)
        {
            continue;
        }
        if (entry.GetAge(now) == MAX_AGE)
        {
            entry.maxAgeReported = true;
            m_maxAge.insert(key);
            reached.push_back(key);
        }
        else
        {
            NoteAgingTimes(key, entry);
        }
    }
    std::sort(reached.begin(), reached.end()); // reflooded in key order
    return reached;
}

bool
Lsdb::PrematurelyAge(const LsaKey& key, Time now)
{
    Entry* found = FindMutable(key);
    if (found == nullptr)
    {
        return false;
    }
    auto aged = std::make_shared<Lsa>(*found->lsa);
    aged->header.SetAge(MAX_AGE);
    Entry& entry = *found;
    entry.lsa = std::move(aged);
    entry.installedAge = MAX_AGE;
    entry.installed = now;
    entry.source = Source::ORIGINATED;
    entry.maxAgeReported = true;
    m_maxAge.insert(key);
    return true;
}

std::vector<LsaKey>
Lsdb::RemoveFlushable(const std::function<bool(const LsaKey&)>& onRetransmissionList,
                      bool neighborExchangingOrLoading)
{
    std::vector<LsaKey> removed;
    // Section 14: (a) on no retransmission list and (b) no neighbor in
    // Exchange or Loading.
    if (neighborExchangingOrLoading)
    {
        return removed;
    }
    for (auto it = m_maxAge.begin(); it != m_maxAge.end();)
    {
        if (onRetransmissionList && onRetransmissionList(*it))
        {
            ++it;
            continue;
        }
        NS_LOG_LOGIC("removing MaxAge " << *it);
        removed.push_back(*it);
        Erase(*it);
        it = m_maxAge.erase(it);
    }
    return removed;
}

std::vector<LsaKey>
Lsdb::GetMaxAgeKeys() const
{
    return std::vector<LsaKey>(m_maxAge.begin(), m_maxAge.end());
}

std::size_t
Lsdb::GetNMaxAge() const
{
    return m_maxAge.size();
}

bool
Lsdb::IsOwn(const LsaKey& key) const
{
    return key.advertisingRouter == m_routerId;
}

std::vector<LsaKey>
Lsdb::TakeRefreshDue(Time now)
{
    std::vector<LsaKey> due;
    if (now < m_nextRefresh)
    {
        return due;
    }
    m_nextRefresh = Time::Max();
    for (auto& [key, entry] : m_entries)
    {
        if (!IsOwn(key) || entry.refreshReported || entry.maxAgeReported ||
            entry.GetAge(now) >= MAX_AGE)
        {
            continue;
        }
        if (entry.GetAge(now) >= LS_REFRESH_TIME)
        {
            entry.refreshReported = true;
            due.push_back(key);
        }
        else
        {
            NoteAgingTimes(key, entry);
        }
    }
    std::sort(due.begin(), due.end()); // originated in key order
    return due;
}

std::vector<LsaKey>
Lsdb::GetOriginatedKeys() const
{
    return KeysOf(m_originated);
}

Lsdb::SequenceChoice
Lsdb::NextSequence(const LsaKey& key, Time now) const
{
    SequenceChoice choice;
    const Entry* entry = Find(key);
    if (entry == nullptr)
    {
        choice.kind = SequenceChoice::USE;
        choice.sequence = INITIAL_SEQUENCE_NUMBER;
        return choice;
    }
    const int32_t current = entry->lsa->header.GetSequenceNumber();
    if (current == MAX_SEQUENCE_NUMBER)
    {
        // 12.1.6: the instance at MaxSequenceNumber is flushed first; a new
        // one starts at InitialSequenceNumber once it has left the database.
        choice.kind = entry->GetAge(now) == MAX_AGE ? SequenceChoice::WAIT_FOR_FLUSH
                                                    : SequenceChoice::FLUSH_FIRST;
        return choice;
    }
    choice.kind = SequenceChoice::USE;
    // A sequence number below InitialSequenceNumber (0x80000000, unused)
    // still yields InitialSequenceNumber.
    choice.sequence = std::max(current + 1, INITIAL_SEQUENCE_NUMBER);
    return choice;
}

Time
Lsdb::GetEarliestOrigination(const LsaKey& key, Time now, Time minLsInterval) const
{
    auto it = m_originated.find(key);
    if (it == m_originated.end())
    {
        return now;
    }
    return std::max(now, it->second + minLsInterval);
}

} // namespace ospf
} // namespace ns3
