/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "scenario-spec.h"

#include <algorithm>

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

template <typename T>
static int
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

const char*
ToString(NodeKind kind)
{
    return kind == NodeKind::ROUTER ? "router" : "host";
}

const char*
ToString(LinkType type)
{
    return type == LinkType::P2P ? "p2p" : "csma";
}

const char*
ToString(FlowType type)
{
    switch (type)
    {
    case FlowType::UDP_CBR:
        return "udp-cbr";
    case FlowType::UDP_ONOFF:
        return "udp-onoff";
    case FlowType::PING:
        return "ping";
    }
    return "?";
}

const char*
ToString(EventAction action)
{
    switch (action)
    {
    case EventAction::LINK_DOWN:
        return "link-down";
    case EventAction::LINK_UP:
        return "link-up";
    case EventAction::NODE_DOWN:
        return "node-down";
    case EventAction::NODE_UP:
        return "node-up";
    }
    return "?";
}

const TunnelSpec*
Scenario::FindTunnel(const std::string& name) const
{
    for (const auto& t : tunnels)
    {
        if (t.name == name)
        {
            return &t;
        }
    }
    return nullptr;
}

const char*
ToString(EgressLabel label)
{
    switch (label)
    {
    case EgressLabel::IMPLICIT_NULL:
        return "implicit-null";
    case EgressLabel::EXPLICIT_NULL:
        return "explicit-null";
    case EgressLabel::NON_NULL:
        return "non-null";
    }
    return "?";
}

bool
MplsSpec::IsLsr(const std::string& node) const
{
    return enabled && std::find(routers.begin(), routers.end(), node) != routers.end();
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
