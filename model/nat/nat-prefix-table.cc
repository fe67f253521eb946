// SPDX-License-Identifier: GPL-2.0-only
#include "nat-prefix-table.h"

#include <algorithm>
#include <sstream>

namespace ns3
{
namespace nat
{

namespace
{

uint32_t
MaskOf(uint8_t length)
{
    return length == 0 ? 0 : ~uint32_t{0} << (32 - length);
}

bool
Overlap(Ipv4Address a, uint8_t aLength, Ipv4Address b, uint8_t bLength)
{
    const uint32_t mask = MaskOf(std::min(aLength, bLength));
    return (a.Get() & mask) == (b.Get() & mask);
}

} // namespace

bool
PrefixRule::operator==(const PrefixRule& o) const
{
    return interface == o.interface && inner == o.inner && outer == o.outer && length == o.length;
}

std::ostream&
operator<<(std::ostream& os, const PrefixRule& r)
{
    return os << "if " << r.interface << " " << r.inner << "/" << int{r.length} << " <-> "
              << r.outer << "/" << int{r.length};
}

bool
PrefixTable::Contains(Ipv4Address prefix, uint8_t length, Ipv4Address address)
{
    return (address.Get() & MaskOf(length)) == prefix.Get();
}

Ipv4Address
PrefixTable::Map(Ipv4Address address, Ipv4Address to, uint8_t length)
{
    const uint32_t mask = MaskOf(length);
    return Ipv4Address((to.Get() & mask) | (address.Get() & ~mask));
}

std::string
PrefixTable::Add(const PrefixRule& rule)
{
    std::ostringstream why;
    if (rule.length > 32)
    {
        why << "prefix length " << int{rule.length} << " is above 32";
        return why.str();
    }
    const uint32_t mask = MaskOf(rule.length);
    for (Ipv4Address p : {rule.inner, rule.outer})
    {
        if ((p.Get() & ~mask) != 0)
        {
            why << p << "/" << int{rule.length} << " has host bits set";
            return why.str();
        }
    }
    for (const Entry& e : m_entries)
    {
        if (e.rule.interface != rule.interface)
        {
            continue;
        }
        if (Overlap(e.rule.inner, e.rule.length, rule.inner, rule.length) ||
            Overlap(e.rule.outer, e.rule.length, rule.outer, rule.length))
        {
            why << rule << " overlaps " << e.rule;
            return why.str();
        }
    }
    m_entries.push_back({rule, {}});
    return {};
}

bool
PrefixTable::Remove(uint32_t interface, Ipv4Address inner, uint8_t length)
{
    auto it = std::find_if(m_entries.begin(), m_entries.end(), [&](const Entry& e) {
        return e.rule.interface == interface && e.rule.inner == inner && e.rule.length == length;
    });
    if (it == m_entries.end())
    {
        return false;
    }
    m_entries.erase(it);
    return true;
}

std::size_t
PrefixTable::RemoveInterface(uint32_t interface)
{
    const std::size_t before = m_entries.size();
    m_entries.erase(std::remove_if(m_entries.begin(),
                                   m_entries.end(),
                                   [interface](const Entry& e) {
                                       return e.rule.interface == interface;
                                   }),
                    m_entries.end());
    return before - m_entries.size();
}

PrefixTable::Entry*
PrefixTable::Find(uint32_t interface, Ipv4Address address, bool innerSide)
{
    Entry* best = nullptr;
    for (Entry& e : m_entries)
    {
        const Ipv4Address prefix = innerSide ? e.rule.inner : e.rule.outer;
        if (e.rule.interface == interface && Contains(prefix, e.rule.length, address) &&
            (!best || e.rule.length > best->rule.length))
        {
            best = &e;
        }
    }
    return best;
}

std::optional<Ipv4Address>
PrefixTable::Outbound(uint32_t interface, Ipv4Address source)
{
    Entry* e = Find(interface, source, true);
    if (!e)
    {
        return std::nullopt;
    }
    ++e->counters.outbound;
    return Map(source, e->rule.outer, e->rule.length);
}

std::optional<Ipv4Address>
PrefixTable::Inbound(uint32_t interface, Ipv4Address destination)
{
    Entry* e = Find(interface, destination, false);
    if (!e)
    {
        return std::nullopt;
    }
    ++e->counters.inbound;
    return Map(destination, e->rule.inner, e->rule.length);
}

std::vector<PrefixRule>
PrefixTable::GetRules() const
{
    std::vector<PrefixRule> rules;
    for (const Entry& e : m_entries)
    {
        rules.push_back(e.rule);
    }
    return rules;
}

std::optional<PrefixTable::RuleCounters>
PrefixTable::GetCounters(uint32_t interface, Ipv4Address inner, uint8_t length) const
{
    for (const Entry& e : m_entries)
    {
        if (e.rule.interface == interface && e.rule.inner == inner && e.rule.length == length)
        {
            return e.counters;
        }
    }
    return std::nullopt;
}

bool
PrefixTable::HasRules(uint32_t interface) const
{
    return std::any_of(m_entries.begin(), m_entries.end(), [interface](const Entry& e) {
        return e.rule.interface == interface;
    });
}

} // namespace nat
} // namespace ns3
