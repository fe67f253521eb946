/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Validation of the core sections: names, references, addresses, times,
 * connectivity and ports. Nothing here changes the scenario.
 */
#include "scenario-core-impl.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

namespace ns3
{
namespace scenario
{
namespace core
{

void
CheckNames(const Scenario& s, ScenarioChecker& check)
{
    check.UniqueNames(s.nodes, "nodes", "node");
    check.UniqueNames(s.links, "links", "link");
    check.UniqueNames(s.pools, "addressing.pools", "pool");
    check.UniqueNames(s.flows, "traffic", "flow");
}

namespace
{

void
CheckEventReferences(const Scenario& s, ScenarioChecker& check)
{
    const std::vector<EventKind> kinds = AllEventKinds();
    for (size_t i = 0; i < s.events.size(); ++i)
    {
        const EventSpec& e = s.events[i];
        for (const EventKind& kind : kinds)
        {
            if (kind.action != e.action)
            {
                continue;
            }
            for (const auto& arg : kind.args)
            {
                const std::string p = fmt::format("events[{}].{}", i, arg.key);
                if (arg.type == EventArgType::NODE)
                {
                    check.NodeRef(e.Arg(arg.key), p);
                }
                else if (arg.type == EventArgType::LINK)
                {
                    check.LinkRef(e.Arg(arg.key), p);
                }
            }
        }
    }
}

} // namespace

void
CheckReferences(const Scenario& s, ScenarioChecker& check)
{
    for (size_t i = 0; i < s.links.size(); ++i)
    {
        const LinkSpec& link = s.links[i];
        std::set<std::string> seen;
        for (size_t j = 0; j < link.endpoints.size(); ++j)
        {
            const std::string p = fmt::format("links[{}].endpoints[{}]", i, j);
            const EndpointSpec& ep = link.endpoints[j];
            if (check.NodeRef(ep.node, p) && !seen.insert(ep.node).second)
            {
                check.ErrorAt(p, fmt::format("node '{}' appears twice on link '{}'", ep.node, link.name));
            }
        }
        if (!link.pool.empty() &&
            std::none_of(s.pools.begin(), s.pools.end(), [&](const PoolSpec& pl) {
                return pl.name == link.pool;
            }))
        {
            check.ErrorAt(fmt::format("links[{}].pool", i),
                          fmt::format("unknown address pool '{}'", link.pool));
        }
    }
    for (size_t i = 0; i < s.flows.size(); ++i)
    {
        const FlowSpec& f = s.flows[i];
        const bool a = check.NodeRef(f.from, fmt::format("traffic[{}].from", i));
        const bool b = check.NodeRef(f.to, fmt::format("traffic[{}].to", i));
        auto endsAt = [&s, &f](bool dhcp) {
            return std::any_of(s.links.begin(), s.links.end(), [&](const LinkSpec& link) {
                return std::any_of(
                    link.endpoints.begin(), link.endpoints.end(), [&](const EndpointSpec& e) {
                        return e.node == f.to && e.dhcp == dhcp;
                    });
            });
        };
        if (b && endsAt(true) && !endsAt(false))
        {
            check.ErrorAt(fmt::format("traffic[{}].to", i),
                          fmt::format("'{}' has no fixed address to send to (only DHCP)", f.to));
        }
        if (a && b && f.from == f.to)
        {
            check.ErrorAt(fmt::format("traffic[{}].to", i), "a flow needs two different nodes");
        }
    }
    CheckEventReferences(s, check);
    size_t k = 0;
    for (const auto& n : s.outputs.pcap.nodes)
    {
        check.NodeRef(n, fmt::format("outputs.pcap[{}]", k++));
    }
    for (const auto& [node, link] : s.outputs.pcap.devices)
    {
        const std::string p = fmt::format("outputs.pcap[{}]", k++);
        if (!check.NodeRef(node, p))
        {
            continue;
        }
        const LinkSpec* l = s.FindLink(link);
        if (!l)
        {
            check.ErrorAt(p, fmt::format("unknown link '{}'", link));
        }
        // A structured binding is named in the capture: C++17 (and clang
        // before 16) cannot capture it implicitly.
        else if (std::none_of(l->endpoints.begin(),
                              l->endpoints.end(),
                              [&node = node](const EndpointSpec& e) { return e.node == node; }))
        {
            check.ErrorAt(p, fmt::format("node '{}' is not an endpoint of link '{}'", node, link));
        }
    }
    for (size_t i = 0; i < s.expectations.size(); ++i)
    {
        const ExpectSpec& e = s.expectations[i];
        check.FlowRef(e.flow, fmt::format("expect[{}].flow", i));
        if (e.minDelivery && e.maxDelivery && *e.minDelivery > *e.maxDelivery)
        {
            check.ErrorAt(fmt::format("expect[{}]", i), "min_delivery is above max_delivery");
        }
    }
    if (!FindCoreRouting(s.routing.core))
    {
        check.ErrorAt("routing.core",
                      fmt::format("unknown core routing '{}' (this program offers: {})",
                                  s.routing.core,
                                  JoinNames(CoreRoutingNames())));
    }
}

namespace
{

void
CheckPoolsApart(const Scenario& s, ScenarioChecker& check)
{
    for (size_t i = 0; i < s.pools.size(); ++i)
    {
        for (size_t j = 0; j < i; ++j)
        {
            const PoolSpec& a = s.pools[i];
            const PoolSpec& b = s.pools[j];
            if (a.prefix.length > 0 && b.prefix.length > 0 && a.prefix.Overlaps(b.prefix))
            {
                check.ErrorAt(fmt::format("addressing.pools[{}].prefix", i),
                              fmt::format("pool '{}' ({}) overlaps pool '{}' ({})",
                                          a.name,
                                          a.prefix.ToString(),
                                          b.name,
                                          b.prefix.ToString()));
            }
        }
    }
}

} // namespace

void
CheckAddresses(const Scenario& s, ScenarioChecker& check)
{
    CheckPoolsApart(s, check);
    // Explicit addresses: all or none per link, one subnet per link, usable
    // host addresses, unique, outside every pool, no overlap between links;
    // uniqueness and overlap within one address space (the provider's, or a
    // VPN's for its user lines: two VPNs may use the same prefixes).
    std::map<std::pair<std::string, uint32_t>, std::string> owners; // (space, address) -> path
    std::vector<std::pair<Ipv4Prefix, size_t>> subnets;              // subnet -> link
    for (size_t i = 0; i < s.links.size(); ++i)
    {
        const LinkSpec& link = s.links[i];
        const size_t given =
            std::count_if(link.endpoints.begin(), link.endpoints.end(), [](const EndpointSpec& e) {
                return e.address.has_value() || e.dhcp;
            });
        if (given == 0)
        {
            continue;
        }
        auto addressed = std::find_if(link.endpoints.begin(),
                                      link.endpoints.end(),
                                      [](const EndpointSpec& e) { return e.address.has_value(); });
        if (addressed == link.endpoints.end())
        {
            check.ErrorAt(fmt::format("links[{}].endpoints", i),
                          "every endpoint says 'dhcp': the DHCP server's end needs an address");
            continue;
        }
        if (given != link.endpoints.size())
        {
            check.ErrorAt(fmt::format("links[{}].endpoints", i),
                          "give an address to every endpoint of the link or to none (then the "
                          "pool assigns them)");
            continue;
        }
        if (!link.pool.empty())
        {
            check.ErrorAt(fmt::format("links[{}].pool", i),
                          "a link with explicit addresses takes no pool");
        }
        const Ipv4Prefix& first = *addressed->address;
        for (size_t j = 0; j < link.endpoints.size(); ++j)
        {
            if (link.endpoints[j].dhcp)
            {
                continue;
            }
            const Ipv4Prefix& a = *link.endpoints[j].address;
            const std::string p = fmt::format("links[{}].endpoints[{}].address", i, j);
            if (a.length != first.length || a.Network() != first.Network())
            {
                check.ErrorAt(p,
                              fmt::format("{} is not in the link's subnet {}",
                                          a.ToString(),
                                          first.NetworkString()));
                continue;
            }
            if (a.length > 30)
            {
                check.ErrorAt(p, fmt::format("{}: a link subnet must be /30 or shorter", a.ToString()));
                continue;
            }
            if (a.address == a.Network() || a.address == a.Last())
            {
                check.ErrorAt(p,
                              fmt::format("{} is the {} address of its subnet",
                                          a.ToString(),
                                          a.address == a.Network() ? "network" : "broadcast"));
                continue;
            }
            auto [it, fresh] = owners.emplace(std::make_pair(link.addressSpace, a.address), p);
            if (!fresh)
            {
                check.ErrorAt(p,
                              fmt::format("address {} is already used at {}",
                                          a.AddressString(),
                                          it->second));
            }
            for (const PoolSpec& pool : s.pools)
            {
                if (pool.prefix.length > 0 && pool.prefix.Contains(a.address))
                {
                    check.ErrorAt(p,
                                  fmt::format("{} lies inside address pool '{}' ({}); explicit "
                                              "addresses must stay outside the pools",
                                              a.ToString(),
                                              pool.name,
                                              pool.prefix.ToString()));
                }
            }
        }
        Ipv4Prefix subnet = first;
        subnet.address = first.Network();
        for (const auto& [other, li] : subnets)
        {
            if (s.links[li].addressSpace == link.addressSpace && other.Overlaps(subnet))
            {
                check.ErrorAt(fmt::format("links[{}].endpoints[0].address", i),
                              fmt::format("subnet {} overlaps subnet {} of link '{}'{}",
                                          subnet.ToString(),
                                          other.ToString(),
                                          s.links[li].name,
                                          link.addressSpace.empty() ? std::string()
                                          // A home's space names itself ("home A").
                                          : link.addressSpace.rfind("home ", 0) == 0
                                              ? " in " + link.addressSpace
                                              : fmt::format(" in VPN '{}'", link.addressSpace)));
                break;
            }
        }
        subnets.emplace_back(subnet, i);
    }
}

void
CheckTimes(const Scenario& s, ScenarioChecker& check)
{
    const int64_t stop = s.simulation.stopNs;
    const std::string stopText = FormatDuration(stop);
    for (size_t i = 0; i < s.events.size(); ++i)
    {
        const int64_t at = s.events[i].atNs;
        const std::string p = fmt::format("events[{}].at", i);
        if (at < 0)
        {
            check.ErrorAt(p, fmt::format("{} is a negative time", FormatDuration(at)));
        }
        else if (at > stop)
        {
            check.ErrorAt(p,
                          fmt::format("{} is after the simulation stop ({})",
                                      FormatDuration(at),
                                      stopText));
        }
    }
    for (size_t i = 0; i < s.flows.size(); ++i)
    {
        const FlowSpec& f = s.flows[i];
        const int64_t flowStop = f.stopNs.value_or(stop);
        const std::string p = fmt::format("traffic[{}]", i);
        if (f.startNs < 0)
        {
            check.ErrorAt(p + ".start", fmt::format("{} is a negative time", FormatDuration(f.startNs)));
        }
        else if (f.startNs >= stop)
        {
            check.ErrorAt(p + ".start",
                          fmt::format("{} is not before the simulation stop ({})",
                                      FormatDuration(f.startNs),
                                      stopText));
        }
        if (flowStop > stop)
        {
            check.ErrorAt(p + ".stop",
                          fmt::format("{} is after the simulation stop ({})",
                                      FormatDuration(flowStop),
                                      stopText));
        }
        else if (flowStop <= f.startNs)
        {
            check.ErrorAt(p + ".stop",
                          fmt::format("the flow stops ({}) before it starts ({})",
                                      FormatDuration(flowStop),
                                      FormatDuration(f.startNs)));
        }
    }
}

void
CheckConnectivity(const Scenario& s, ScenarioChecker& check)
{
    // A link naming an unknown node is reported already; the gap it leaves
    // in the graph would only repeat that error.
    if (!check.NodesUsable() || s.nodes.size() < 2)
    {
        return;
    }
    for (const LinkSpec& link : s.links)
    {
        for (const EndpointSpec& ep : link.endpoints)
        {
            if (s.NodeIndex(ep.node) < 0)
            {
                return;
            }
        }
    }
    const auto components = TopologyGraph(s).Components();
    if (components.size() <= 1)
    {
        return;
    }
    std::string groups;
    for (const auto& c : components)
    {
        std::string names;
        for (size_t i = 0; i < c.size() && i < 6; ++i)
        {
            names += (i ? ", " : "") + c[i];
        }
        if (c.size() > 6)
        {
            names += fmt::format(", ... ({} nodes)", c.size());
        }
        groups += (groups.empty() ? "" : "; ") + std::string("{") + names + "}";
    }
    check.ErrorAt("links",
                  fmt::format("the topology is not connected: {} separate parts: {}",
                              components.size(),
                              groups));
}

void
CheckPorts(const Scenario& s, ScenarioChecker& check)
{
    // Each UDP flow needs its own receiving port on the destination node.
    std::map<std::pair<std::string, uint16_t>, size_t> taken;
    for (size_t i = 0; i < s.flows.size(); ++i)
    {
        const FlowSpec& f = s.flows[i];
        if (f.type == FlowType::PING || !f.port)
        {
            continue;
        }
        auto [it, fresh] = taken.emplace(std::make_pair(f.to, *f.port), i);
        if (!fresh)
        {
            check.ErrorAt(fmt::format("traffic[{}].port", i),
                          fmt::format("port {} on node '{}' is already used by flow '{}'",
                                      *f.port,
                                      f.to,
                                      s.flows[it->second].name));
        }
    }
}

} // namespace core
} // namespace scenario
} // namespace ns3
