/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "mpls-label-stack-header.h"

#include "ns3/assert.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MplsLabelStackHeader");

namespace mpls
{

NS_OBJECT_ENSURE_REGISTERED(LabelStackEntry);
NS_OBJECT_ENSURE_REGISTERED(LabelStack);

namespace
{
// Bit layout of a label stack entry word (RFC 3032 section 2.1).
constexpr uint32_t LABEL_SHIFT = 12;
constexpr uint32_t TC_SHIFT = 9;
constexpr uint32_t TC_MASK = 0x7;
constexpr uint32_t BOS_BIT = 1U << 8;
constexpr uint32_t TTL_MASK = 0xFF;
constexpr uint32_t ENTRY_SIZE = 4;
} // namespace

bool
IsReservedLabel(uint32_t label)
{
    return label <= MAX_RESERVED_LABEL;
}

// ---------------------------------------------------------------- entry

TypeId
LabelStackEntry::GetTypeId()
{
    static TypeId tid = TypeId("ns3::mpls::LabelStackEntry")
                            .SetParent<Header>()
                            .SetGroupName("Mpls")
                            .AddConstructor<LabelStackEntry>();
    return tid;
}

LabelStackEntry::LabelStackEntry()
    : m_label(0)
    , m_trafficClass(0)
    , m_bottomOfStack(false)
    , m_ttl(0)
    , m_valid(true)
{
}

LabelStackEntry::LabelStackEntry(uint32_t label,
                                 uint8_t trafficClass,
                                 bool bottomOfStack,
                                 uint8_t ttl)
    : LabelStackEntry()
{
    SetLabel(label);
    SetTrafficClass(trafficClass);
    SetBottomOfStack(bottomOfStack);
    SetTtl(ttl);
}

LabelStackEntry
LabelStackEntry::FromWord(uint32_t word)
{
    return LabelStackEntry(
        word >> LABEL_SHIFT, (word >> TC_SHIFT) & TC_MASK, (word & BOS_BIT) != 0, word & TTL_MASK);
}

uint32_t
LabelStackEntry::ToWord() const
{
    return (m_label << LABEL_SHIFT) | (uint32_t(m_trafficClass) << TC_SHIFT) |
           (m_bottomOfStack ? BOS_BIT : 0) | m_ttl;
}

void
LabelStackEntry::SetLabel(uint32_t label)
{
    NS_ASSERT_MSG(label <= MAX_LABEL, "MPLS labels are 20 bits: " << label);
    m_label = label & MAX_LABEL;
}

uint32_t
LabelStackEntry::GetLabel() const
{
    return m_label;
}

void
LabelStackEntry::SetTrafficClass(uint8_t trafficClass)
{
    NS_ASSERT_MSG(trafficClass <= TC_MASK, "MPLS TC is 3 bits: " << +trafficClass);
    m_trafficClass = trafficClass & TC_MASK;
}

uint8_t
LabelStackEntry::GetTrafficClass() const
{
    return m_trafficClass;
}

void
LabelStackEntry::SetBottomOfStack(bool bottomOfStack)
{
    m_bottomOfStack = bottomOfStack;
}

bool
LabelStackEntry::IsBottomOfStack() const
{
    return m_bottomOfStack;
}

void
LabelStackEntry::SetTtl(uint8_t ttl)
{
    m_ttl = ttl;
}

uint8_t
LabelStackEntry::GetTtl() const
{
    return m_ttl;
}

bool
LabelStackEntry::IsValid() const
{
    return m_valid;
}

TypeId
LabelStackEntry::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
LabelStackEntry::GetSerializedSize() const
{
    return ENTRY_SIZE;
}

void
LabelStackEntry::Serialize(Buffer::Iterator start) const
{
    start.WriteHtonU32(ToWord());
}

uint32_t
LabelStackEntry::Deserialize(Buffer::Iterator start)
{
    return DeserializeFrom(start, start.GetRemainingSize());
}

uint32_t
LabelStackEntry::Deserialize(Buffer::Iterator start, Buffer::Iterator end)
{
    return DeserializeFrom(start, end.GetDistanceFrom(start));
}

uint32_t
LabelStackEntry::DeserializeFrom(Buffer::Iterator start, uint32_t available)
{
    if (available < ENTRY_SIZE)
    {
        NS_LOG_LOGIC("label stack entry truncated: " << available << " bytes");
        *this = LabelStackEntry();
        m_valid = false;
        return 0;
    }
    *this = FromWord(start.ReadNtohU32());
    return ENTRY_SIZE;
}

void
LabelStackEntry::Print(std::ostream& os) const
{
    os << "label=" << m_label << " tc=" << +m_trafficClass << " s=" << m_bottomOfStack
       << " ttl=" << +m_ttl;
    if (!m_valid)
    {
        os << " (truncated)";
    }
}

bool
LabelStackEntry::operator==(const LabelStackEntry& other) const
{
    return m_label == other.m_label && m_trafficClass == other.m_trafficClass &&
           m_bottomOfStack == other.m_bottomOfStack && m_ttl == other.m_ttl &&
           m_valid == other.m_valid;
}

bool
LabelStackEntry::operator!=(const LabelStackEntry& other) const
{
    return !(*this == other);
}

std::ostream&
operator<<(std::ostream& os, const LabelStackEntry& entry)
{
    entry.Print(os);
    return os;
}

// ---------------------------------------------------------------- stack

TypeId
LabelStack::GetTypeId()
{
    static TypeId tid = TypeId("ns3::mpls::LabelStack")
                            .SetParent<Header>()
                            .SetGroupName("Mpls")
                            .AddConstructor<LabelStack>();
    return tid;
}

LabelStack::LabelStack()
    : m_error(OK)
{
}

void
LabelStack::Push(LabelStackEntry entry)
{
    entry.SetBottomOfStack(m_entries.empty());
    m_entries.insert(m_entries.begin(), entry);
}

void
LabelStack::Push(uint32_t label, uint8_t trafficClass, uint8_t ttl)
{
    Push(LabelStackEntry(label, trafficClass, false, ttl));
}

void
LabelStack::Append(LabelStackEntry entry)
{
    if (!m_entries.empty())
    {
        m_entries.back().SetBottomOfStack(false);
    }
    entry.SetBottomOfStack(true);
    m_entries.push_back(entry);
}

void
LabelStack::Pop()
{
    if (!m_entries.empty())
    {
        m_entries.erase(m_entries.begin());
    }
}

const LabelStackEntry&
LabelStack::GetTop() const
{
    NS_ASSERT_MSG(!m_entries.empty(), "empty label stack has no top");
    return m_entries.front();
}

const LabelStackEntry&
LabelStack::GetEntry(uint32_t index) const
{
    NS_ASSERT_MSG(index < m_entries.size(), "label stack index out of range");
    return m_entries.at(index);
}

LabelStackEntry&
LabelStack::GetEntry(uint32_t index)
{
    NS_ASSERT_MSG(index < m_entries.size(), "label stack index out of range");
    return m_entries.at(index);
}

const std::vector<LabelStackEntry>&
LabelStack::GetEntries() const
{
    return m_entries;
}

uint32_t
LabelStack::GetDepth() const
{
    return m_entries.size();
}

bool
LabelStack::IsEmpty() const
{
    return m_entries.empty();
}

void
LabelStack::Clear()
{
    m_entries.clear();
    m_error = OK;
}

bool
LabelStack::IsValid() const
{
    return m_error == OK;
}

LabelStack::Error
LabelStack::GetError() const
{
    return m_error;
}

TypeId
LabelStack::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
LabelStack::GetSerializedSize() const
{
    return ENTRY_SIZE * m_entries.size();
}

void
LabelStack::Serialize(Buffer::Iterator start) const
{
    for (const auto& entry : m_entries)
    {
        start.WriteHtonU32(entry.ToWord());
    }
}

uint32_t
LabelStack::Deserialize(Buffer::Iterator start)
{
    return DeserializeFrom(start, start.GetRemainingSize());
}

uint32_t
LabelStack::Deserialize(Buffer::Iterator start, Buffer::Iterator end)
{
    return DeserializeFrom(start, end.GetDistanceFrom(start));
}

uint32_t
LabelStack::DeserializeFrom(Buffer::Iterator start, uint32_t available)
{
    m_entries.clear();
    m_error = OK;
    // RFC 3032 section 2.1: entries follow each other until one has S = 1.
    // Every pass consumes four bytes, so the loop ends with the data.
    while (available >= ENTRY_SIZE)
    {
        m_entries.push_back(LabelStackEntry::FromWord(start.ReadNtohU32()));
        available -= ENTRY_SIZE;
        if (m_entries.back().IsBottomOfStack())
        {
            return GetSerializedSize();
        }
    }
    m_error = m_entries.empty() ? EMPTY : NO_BOTTOM_OF_STACK;
    NS_LOG_LOGIC("malformed label stack: " << (m_error == EMPTY ? "no entry" : "no S bit") << ", "
                                           << m_entries.size() << " entries");
    return GetSerializedSize();
}

void
LabelStack::Print(std::ostream& os) const
{
    os << "[";
    for (std::size_t i = 0; i < m_entries.size(); ++i)
    {
        os << (i == 0 ? "" : " | ") << m_entries[i];
    }
    os << "]";
    if (m_error == EMPTY)
    {
        os << " (empty)";
    }
    else if (m_error == NO_BOTTOM_OF_STACK)
    {
        os << " (no bottom of stack)";
    }
}

bool
LabelStack::operator==(const LabelStack& other) const
{
    return m_entries == other.m_entries && m_error == other.m_error;
}

bool
LabelStack::operator!=(const LabelStack& other) const
{
    return !(*this == other);
}

std::ostream&
operator<<(std::ostream& os, const LabelStack& stack)
{
    stack.Print(os);
    return os;
}

} // namespace mpls
} // namespace ns3
