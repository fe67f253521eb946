/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "scenario-spec.h"

#include <fmt/format.h>

namespace ns3
{
namespace scenario
{

std::string
FormatIpv4(uint32_t a)
{
    return fmt::format("{}.{}.{}.{}", a >> 24, (a >> 16) & 0xff, (a >> 8) & 0xff, a & 0xff);
}

std::string
Ipv4Prefix::AddressString() const
{
    return FormatIpv4(address);
}

std::string
Ipv4Prefix::ToString() const
{
    return fmt::format("{}/{}", FormatIpv4(address), length);
}

std::string
Ipv4Prefix::NetworkString() const
{
    return fmt::format("{}/{}", FormatIpv4(Network()), length);
}

const std::string&
EventSpec::Arg(const std::string& key) const
{
    static const std::string none;
    for (const auto& [k, v] : args)
    {
        if (k == key)
        {
            return v;
        }
    }
    return none;
}

std::string
EventSpec::Describe() const
{
    std::string out = action;
    for (const auto& [key, value] : args)
    {
        out += " " + value;
    }
    return out;
}

SectionStore::SectionStore(const SectionStore& other)
{
    *this = other;
}

SectionStore&
SectionStore::operator=(const SectionStore& other)
{
    if (this != &other)
    {
        m_sections.clear();
        for (const auto& [key, section] : other.m_sections)
        {
            m_sections[key] = section->Clone();
        }
    }
    return *this;
}

namespace
{

template <typename T>
int
IndexByName(const std::vector<T>& items, const std::string& name)
{
    for (size_t i = 0; i < items.size(); ++i)
    {
        if (items[i].name == name)
        {
            return static_cast<int>(i);
        }
    }
    return -1;
}

} // namespace

int
Scenario::NodeIndex(const std::string& n) const
{
    return IndexByName(nodes, n);
}

int
Scenario::LinkIndex(const std::string& n) const
{
    return IndexByName(links, n);
}

int
Scenario::FlowIndex(const std::string& n) const
{
    return IndexByName(flows, n);
}

uint32_t
Scenario::FixedAddress(const std::string& node) const
{
    for (const LinkSpec& link : links)
    {
        for (const EndpointSpec& e : link.endpoints)
        {
            if (e.node == node && e.address)
            {
                return e.address->address;
            }
        }
    }
    return 0;
}

const NodeSpec*
Scenario::FindNode(const std::string& n) const
{
    int i = NodeIndex(n);
    return i < 0 ? nullptr : &nodes[i];
}

const LinkSpec*
Scenario::FindLink(const std::string& n) const
{
    int i = LinkIndex(n);
    return i < 0 ? nullptr : &links[i];
}

const FlowSpec*
Scenario::FindFlow(const std::string& n) const
{
    int i = FlowIndex(n);
    return i < 0 ? nullptr : &flows[i];
}

std::ostream&
operator<<(std::ostream& os, const Scenario& s)
{
    os << "scenario " << s.name << " (" << s.file << "): " << s.nodes.size() << " nodes, "
       << s.links.size() << " links, " << s.flows.size() << " flows, " << s.events.size()
       << " events, stop " << s.simulation.stopNs / 1e9 << " s";
    return os;
}

} // namespace scenario
} // namespace ns3
