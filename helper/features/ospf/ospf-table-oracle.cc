/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ospf-table-oracle.h"

#include "scenario-ospf-section.h"

#include "ns3/ipv4.h"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ostream.h>

namespace ns3
{
namespace metrics
{

namespace
{

constexpr uint64_t kUnreachable = scenario::TopologyGraph::kUnreachable;

} // namespace

OspfTableOracle::OspfTableOracle(
    const scenario::Scenario& scenario,
    const NetworkNames& names,
    std::vector<std::pair<std::string, Ptr<IpvpnRoutingProtocol>>> routers)
    : m_graph(scenario)
{
    for (size_t i = 0; i < scenario.nodes.size(); ++i)
    {
        m_nodeIndex.emplace(scenario.nodes[i].name, i);
        m_nodeNames.push_back(scenario.nodes[i].name);
    }
    std::unordered_map<std::string, size_t> linkIndex;
    for (const scenario::LinkSpec& spec : scenario.links)
    {
        Link link;
        link.spec = &spec;
        link.metric = spec.metric;
        linkIndex.emplace(spec.name, m_links.size());
        m_links.push_back(link);
    }
    for (const NetworkNames::Device& d : names.devices)
    {
        auto li = linkIndex.find(d.link);
        auto ni = m_nodeIndex.find(d.node);
        if (li == linkIndex.end() || ni == m_nodeIndex.end())
        {
            continue;
        }
        Link& link = m_links[li->second];
        Ptr<Ipv4> ipv4 = names.GetNode(d.node)->GetObject<Ipv4>();
        const int32_t index = ipv4->GetInterfaceForDevice(d.device);
        LinkEnd end;
        end.node = d.node;
        end.nodeIndex = ni->second;
        end.router = scenario.nodes[ni->second].kind == scenario::NodeKind::ROUTER;
        end.ipv4Interface = static_cast<uint32_t>(std::max(index, 0));
        end.address = d.address;
        link.ends.push_back(end);
        const uint32_t mask = d.prefixLength == 0 ? 0 : ~uint32_t{0} << (32 - d.prefixLength);
        link.network = d.address & mask;
        link.length = d.prefixLength;
    }
    for (auto& [name, routing] : routers)
    {
        Router r;
        r.name = name;
        r.nodeIndex = m_nodeIndex.at(name);
        r.routing = routing;
        m_routers.push_back(r);
    }
}

const std::vector<OspfTableOracle::Link>&
OspfTableOracle::Links() const
{
    return m_links;
}

void
OspfTableOracle::ApplyEvent(const scenario::EventSpec& event)
{
    m_graph.ApplyEvent(event);
    if (event.action == scenario::kCostChange)
    {
        if (auto cost = scenario::ParseLinkCost(event.Arg("cost")))
        {
            m_graph.SetLinkMetric(event.Arg("link"), *cost);
            for (Link& link : m_links)
            {
                link.metric = link.spec->name == event.Arg("link") ? *cost : link.metric;
            }
        }
    }
    m_stale = true;
}

void
OspfTableOracle::TableChanged(size_t index)
{
    m_routers.at(index).dirty = true;
}

bool
OspfTableOracle::InterfaceUp(const LinkEnd& end, const Link& link) const
{
    // As the network sets interfaces: the link and node work, and a
    // point-to-point interface loses its carrier with the far end.
    if (!m_graph.IsLinkUp(link.spec->name) || !m_nodeUp[end.nodeIndex])
    {
        return false;
    }
    if (link.spec->type == scenario::LinkType::P2P)
    {
        for (const LinkEnd& e : link.ends)
        {
            if (!m_nodeUp[e.nodeIndex])
            {
                return false;
            }
        }
    }
    return true;
}

void
OspfTableOracle::Refresh()
{
    if (!m_stale)
    {
        return;
    }
    m_stale = false;
    m_nodeUp.clear();
    for (const std::string& name : m_nodeNames)
    {
        m_nodeUp.push_back(m_graph.IsNodeUp(name));
    }
    m_endUp.assign(m_links.size(), {});
    for (size_t li = 0; li < m_links.size(); ++li)
    {
        for (const LinkEnd& e : m_links[li].ends)
        {
            m_endUp[li].push_back(InterfaceUp(e, m_links[li]));
        }
    }
    m_adjacent.assign(m_nodeIndex.size(), {});
    for (size_t li = 0; li < m_links.size(); ++li)
    {
        const Link& link = m_links[li];
        for (size_t s = 0; s < link.ends.size(); ++s)
        {
            for (size_t n = 0; n < link.ends.size(); ++n)
            {
                const LinkEnd& self = link.ends[s];
                const LinkEnd& other = link.ends[n];
                if (other.nodeIndex != self.nodeIndex && other.router && m_endUp[li][s] &&
                    m_endUp[li][n])
                {
                    m_adjacent[self.nodeIndex].push_back(
                        {li, self.ipv4Interface, other.nodeIndex, other.address});
                }
            }
        }
    }
    m_linkCost.assign(m_nodeIndex.size(), {});
    for (Router& r : m_routers)
    {
        r.dirty = true;
    }
}

uint64_t
OspfTableOracle::LinkCost(size_t node, size_t li)
{
    // A subnet is a stub (or transit network) of every router whose
    // interface on it works; its cost is that interface's, the link metric.
    std::vector<uint64_t>& row = m_linkCost[node];
    if (row.empty())
    {
        const std::vector<uint64_t> dist = m_graph.CostsFrom(m_nodeNames[node]);
        row.assign(m_links.size(), kUnreachable);
        for (size_t l = 0; l < m_links.size(); ++l)
        {
            for (size_t e = 0; e < m_links[l].ends.size(); ++e)
            {
                const LinkEnd& x = m_links[l].ends[e];
                const uint64_t d = x.nodeIndex == node ? 0 : dist[x.nodeIndex];
                if (x.router && m_endUp[l][e] && d != kUnreachable)
                {
                    row[l] = std::min(row[l], d + m_links[l].metric);
                }
            }
        }
    }
    return row[li];
}

void
OspfTableOracle::CompareRouter(const Router& r, size_t max, std::vector<std::string>& out)
{
    if (!m_nodeUp[r.nodeIndex])
    {
        return;
    }
    const IpvpnRouteTable& table = r.routing->GetTable();
    for (size_t li = 0; li < m_links.size() && out.size() < max; ++li)
    {
        const Link& link = m_links[li];
        if (!link.spec->addressSpace.empty())
        {
            // A VR port's user line: its prefix lives in the VPN's VRF, and
            // the core holds none (counted by the vpns results' isolation).
            continue;
        }
        const Ipv4Address network(link.network);
        const IpvpnRoute* selected = table.FindSelected(network, link.length);
        auto prefix = [&] {
            return fmt::format("{}/{}", fmt::streamed(network), link.length);
        };
        bool attached = false;
        for (size_t e = 0; e < link.ends.size(); ++e)
        {
            attached = attached || (link.ends[e].nodeIndex == r.nodeIndex && m_endUp[li][e]);
        }
        if (attached)
        {
            if (!selected || selected->source != IpvpnRouteSource::CONNECTED)
            {
                out.push_back(fmt::format("{}: {} should be connected", r.name, prefix()));
            }
            continue;
        }
        const uint64_t cost = LinkCost(r.nodeIndex, li);
        if (cost == kUnreachable)
        {
            if (selected)
            {
                out.push_back(fmt::format("{}: {} is unreachable but routed ({})",
                                          r.name,
                                          prefix(),
                                          fmt::streamed(*selected)));
            }
            continue;
        }
        // Every neighbour on a least-cost path is a next hop (ECMP).
        std::vector<IpvpnNextHop> expected;
        for (const Adjacent& a : m_adjacent[r.nodeIndex])
        {
            const uint64_t rest = LinkCost(a.neighbour, li);
            if (rest != kUnreachable && m_links[a.link].metric + rest == cost)
            {
                expected.emplace_back(a.selfInterface, Ipv4Address(a.address));
            }
        }
        std::sort(expected.begin(), expected.end());
        expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
        if (!selected || selected->source != IpvpnRouteSource::OSPF || selected->metric != cost ||
            selected->nextHops != expected)
        {
            IpvpnRoute want;
            want.network = network;
            want.prefixLength = link.length;
            want.source = IpvpnRouteSource::OSPF;
            want.metric = static_cast<uint32_t>(cost);
            want.nextHops = expected;
            out.push_back(fmt::format("{}: has {}, the oracle says {}",
                                      r.name,
                                      selected ? fmt::format("{}", fmt::streamed(*selected))
                                               : prefix() + " no route",
                                      fmt::streamed(want)));
        }
    }
}

bool
OspfTableOracle::AllMatch()
{
    Refresh();
    bool all = true;
    std::vector<std::string> scratch;
    for (Router& r : m_routers)
    {
        if (r.dirty)
        {
            scratch.clear();
            CompareRouter(r, 1, scratch);
            r.matches = scratch.empty();
            r.dirty = false;
        }
        all = all && r.matches;
    }
    return all;
}

std::vector<std::string>
OspfTableOracle::Mismatches(size_t max)
{
    Refresh();
    std::vector<std::string> out;
    for (const Router& r : m_routers)
    {
        CompareRouter(r, max, out);
    }
    return out;
}

} // namespace metrics
} // namespace ns3
