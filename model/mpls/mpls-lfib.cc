// SPDX-License-Identifier: GPL-2.0-only
#include "mpls-lfib.h"

#include <algorithm>

namespace ns3
{
namespace mpls
{

// ------------------------------------------------------------------ Nhlfe

Nhlfe
Nhlfe::Push(std::vector<uint32_t> labels, int32_t outDevice, Ipv4Address nextHop)
{
    Nhlfe n;
    n.op = PUSH;
    n.labels = std::move(labels);
    n.outDevice = outDevice;
    n.nextHop = nextHop;
    return n;
}

Nhlfe
Nhlfe::Swap(uint32_t outLabel, int32_t outDevice, Ipv4Address nextHop)
{
    Nhlfe n;
    n.op = SWAP;
    n.labels = {outLabel};
    n.outDevice = outDevice;
    n.nextHop = nextHop;
    return n;
}

Nhlfe
Nhlfe::PopAndDeliver(int32_t deliverInterface, uint32_t context)
{
    Nhlfe n;
    n.op = POP;
    n.deliverInterface = deliverInterface;
    n.context = context;
    return n;
}

Nhlfe
Nhlfe::PopAndForward(int32_t outDevice, Ipv4Address nextHop)
{
    Nhlfe n;
    n.op = POP;
    n.outDevice = outDevice;
    n.nextHop = nextHop;
    return n;
}

std::vector<LabelStackEntry>
Nhlfe::MakeEntries(uint8_t ttl, uint8_t trafficClass, bool bottomIsBos) const
{
    std::vector<LabelStackEntry> entries;
    if (op == POP || IsImplicitNullPop())
    {
        return entries;
    }
    for (std::size_t i = 0; i < labels.size(); ++i)
    {
        entries.emplace_back(labels[i], trafficClass, i == 0 && bottomIsBos, ttl);
    }
    return entries;
}

bool
Nhlfe::IsImplicitNullPop() const
{
    return op != POP && labels.size() == 1 && labels[0] == LABEL_IMPLICIT_NULL;
}

bool
Nhlfe::IsValid() const
{
    switch (op)
    {
    case PUSH:
    case SWAP:
        if (labels.empty() || outDevice < 0)
        {
            return false;
        }
        if (IsImplicitNullPop())
        {
            return true;
        }
        for (uint32_t label : labels)
        {
            // Implicit null is signalled only, never encoded (RFC 3032 2.1);
            // of the other reserved values only IPv4 explicit null makes
            // sense as an out label of a plain LSR.
            if (label > MAX_LABEL || (IsReservedLabel(label) && label != LABEL_IPV4_EXPLICIT_NULL))
            {
                return false;
            }
        }
        return true;
    case POP:
        return labels.empty() && !(outDevice >= 0 && deliverInterface >= 0);
    }
    return false;
}

bool
Nhlfe::operator==(const Nhlfe& other) const
{
    return op == other.op && labels == other.labels && outDevice == other.outDevice &&
           nextHop == other.nextHop && deliverInterface == other.deliverInterface &&
           context == other.context;
}

bool
Nhlfe::operator!=(const Nhlfe& other) const
{
    return !(*this == other);
}

std::ostream&
operator<<(std::ostream& os, const Nhlfe& nhlfe)
{
    static const char* const names[] = {"push", "swap", "pop"};
    os << names[nhlfe.op];
    for (uint32_t label : nhlfe.labels)
    {
        os << ' ' << label;
    }
    if (nhlfe.outDevice >= 0)
    {
        os << " dev " << nhlfe.outDevice << " via " << nhlfe.nextHop;
    }
    if (nhlfe.op == Nhlfe::POP && nhlfe.outDevice < 0)
    {
        os << " deliver if " << nhlfe.deliverInterface;
    }
    if (nhlfe.context != 0)
    {
        os << " ctx " << nhlfe.context;
    }
    return os;
}

// --------------------------------------------------------------- IlmTable

uint32_t
IlmTable::InterfaceSpace(uint32_t deviceIndex)
{
    return deviceIndex + 1;
}

bool
IlmTable::Add(uint32_t inLabel, const Nhlfe& nhlfe, uint32_t labelSpace)
{
    bool labelOk = inLabel <= MAX_LABEL &&
                   (!IsReservedLabel(inLabel) || inLabel == LABEL_IPV4_EXPLICIT_NULL);
    if (!labelOk || nhlfe.op == Nhlfe::PUSH || !nhlfe.IsValid())
    {
        return false;
    }
    m_entries[{labelSpace, inLabel}] = nhlfe;
    return true;
}

bool
IlmTable::Remove(uint32_t inLabel, uint32_t labelSpace)
{
    return m_entries.erase({labelSpace, inLabel}) > 0;
}

const Nhlfe*
IlmTable::Find(uint32_t inLabel, uint32_t labelSpace) const
{
    auto it = m_entries.find({labelSpace, inLabel});
    return it == m_entries.end() ? nullptr : &it->second;
}

const Nhlfe*
IlmTable::Lookup(uint32_t inLabel, uint32_t inDevice) const
{
    if (const Nhlfe* own = Find(inLabel, InterfaceSpace(inDevice)))
    {
        return own;
    }
    return Find(inLabel, PLATFORM);
}

std::size_t
IlmTable::GetSize() const
{
    return m_entries.size();
}

void
IlmTable::Clear()
{
    m_entries.clear();
}

void
IlmTable::Print(std::ostream& os) const
{
    for (const auto& [key, nhlfe] : m_entries)
    {
        os << "in " << key.second;
        if (key.first != PLATFORM)
        {
            os << " (dev " << key.first - 1 << ")";
        }
        os << " -> " << nhlfe << '\n';
    }
}

// -------------------------------------------------------------- PrefixFec

PrefixFec::PrefixFec(Ipv4Address address, uint8_t prefixLength)
    : length(std::min<uint8_t>(prefixLength, 32))
{
    network = address.CombineMask(Ipv4Mask(length == 0 ? 0U : ~0U << (32 - length)));
}

bool
PrefixFec::Contains(Ipv4Address address) const
{
    uint32_t mask = length == 0 ? 0U : ~0U << (32 - length);
    return (address.Get() & mask) == network.Get();
}

bool
PrefixFec::operator<(const PrefixFec& other) const
{
    // Longer prefixes first, so that a scan meets the best match first.
    if (length != other.length)
    {
        return length > other.length;
    }
    return network.Get() < other.network.Get();
}

bool
PrefixFec::operator==(const PrefixFec& other) const
{
    return length == other.length && network == other.network;
}

std::ostream&
operator<<(std::ostream& os, const PrefixFec& fec)
{
    return os << fec.network << '/' << static_cast<uint32_t>(fec.length);
}

// --------------------------------------------------------------- FtnTable

bool
FtnTable::Add(const PrefixFec& fec, const Nhlfe& nhlfe)
{
    if (nhlfe.op != Nhlfe::PUSH || !nhlfe.IsValid())
    {
        return false;
    }
    m_entries[PrefixFec(fec.network, fec.length)] = nhlfe;
    return true;
}

bool
FtnTable::Remove(const PrefixFec& fec)
{
    return m_entries.erase(PrefixFec(fec.network, fec.length)) > 0;
}

const Nhlfe*
FtnTable::Lookup(Ipv4Address destination, PrefixFec* matched) const
{
    // At most one lookup per prefix length, longest first.
    for (int len = 32; len >= 0; --len)
    {
        PrefixFec key(destination, static_cast<uint8_t>(len));
        auto it = m_entries.find(key);
        if (it != m_entries.end())
        {
            if (matched != nullptr)
            {
                *matched = it->first;
            }
            return &it->second;
        }
    }
    return nullptr;
}

const Nhlfe*
FtnTable::Find(const PrefixFec& fec) const
{
    auto it = m_entries.find(PrefixFec(fec.network, fec.length));
    return it == m_entries.end() ? nullptr : &it->second;
}

std::size_t
FtnTable::GetSize() const
{
    return m_entries.size();
}

void
FtnTable::Clear()
{
    m_entries.clear();
}

void
FtnTable::Print(std::ostream& os) const
{
    for (const auto& [fec, nhlfe] : m_entries)
    {
        os << fec << " -> " << nhlfe << '\n';
    }
}

// --------------------------------------------------------- LabelAllocator

LabelAllocator::LabelAllocator()
    : LabelAllocator(MIN_UNRESERVED_LABEL, MAX_LABEL)
{
}

LabelAllocator::LabelAllocator(uint32_t minLabel, uint32_t maxLabel)
    : m_min(MIN_UNRESERVED_LABEL),
      m_max(MAX_LABEL),
      m_next(MIN_UNRESERVED_LABEL)
{
    SetRange(minLabel, maxLabel);
}

void
LabelAllocator::SetRange(uint32_t minLabel, uint32_t maxLabel)
{
    m_min = std::clamp(minLabel, MIN_UNRESERVED_LABEL, MAX_LABEL);
    m_max = std::clamp(maxLabel, m_min, MAX_LABEL);
    m_next = m_min;
}

uint32_t
LabelAllocator::GetMinLabel() const
{
    return m_min;
}

uint32_t
LabelAllocator::GetMaxLabel() const
{
    return m_max;
}

std::optional<uint32_t>
LabelAllocator::Allocate()
{
    uint64_t size = static_cast<uint64_t>(m_max) - m_min + 1;
    uint32_t candidate = (m_next < m_min || m_next > m_max) ? m_min : m_next;
    for (uint64_t tried = 0; tried < size; ++tried)
    {
        if (m_taken.count(candidate) == 0)
        {
            m_taken.insert(candidate);
            m_next = candidate == m_max ? m_min : candidate + 1;
            return candidate;
        }
        candidate = candidate == m_max ? m_min : candidate + 1;
    }
    return std::nullopt;
}

bool
LabelAllocator::Reserve(uint32_t label)
{
    if (label < m_min || label > m_max)
    {
        return false;
    }
    return m_taken.insert(label).second;
}

bool
LabelAllocator::Release(uint32_t label)
{
    return m_taken.erase(label) > 0;
}

bool
LabelAllocator::IsAllocated(uint32_t label) const
{
    return m_taken.count(label) > 0;
}

std::size_t
LabelAllocator::GetAllocatedCount() const
{
    return m_taken.size();
}

} // namespace mpls
} // namespace ns3
