/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Resolution of the core sections: pool addresses, link devices, flow
 * stops, sizes, intervals, ports and destinations, the output folder. After
 * this nothing in the core sections is left to a default or a sentinel.
 */
#include "scenario-core-impl.h"

#include "ns3/scenario-defaults.h"
#include "ns3/scenario-loader.h"

#include <fmt/format.h>

#include <map>

namespace ns3
{
namespace scenario
{
namespace core
{

namespace
{

void
AssignPoolAddresses(Scenario& s, ScenarioChecker& check)
{
    // Each pool hands out aligned subnets in file order of the links.
    std::map<std::string, uint64_t> next; // pool -> next free address
    for (size_t i = 0; i < s.links.size(); ++i)
    {
        LinkSpec& link = s.links[i];
        if (link.endpoints.empty() ||
            std::any_of(link.endpoints.begin(), link.endpoints.end(), [](const EndpointSpec& e) {
                return e.address || e.dhcp;
            }))
        {
            continue;
        }
        const PoolSpec* pool = nullptr;
        if (link.pool.empty())
        {
            if (s.pools.empty())
            {
                check.ErrorAt(fmt::format("links[{}]", i),
                              fmt::format("link '{}' has no addresses and no address pool is "
                                          "defined (add addressing.pools, or give each endpoint "
                                          "an address)",
                                          link.name));
                continue;
            }
            pool = &s.pools.front();
        }
        else
        {
            for (const PoolSpec& p : s.pools)
            {
                pool = p.name == link.pool ? &p : pool;
            }
        }
        if (!pool)
        {
            continue; // an unknown pool fails validation before resolution
        }
        const uint8_t length = link.type == LinkType::P2P ? pool->p2pLength : pool->lanLength;
        const uint64_t size = uint64_t{1} << (32 - length);
        if (link.endpoints.size() + 2 > size)
        {
            check.ErrorAt(fmt::format("links[{}]", i),
                          fmt::format("a /{} subnet of pool '{}' cannot hold {} endpoints",
                                      length,
                                      pool->name,
                                      link.endpoints.size()));
            continue;
        }
        uint64_t& cursor = next.try_emplace(pool->name, pool->prefix.Network()).first->second;
        const uint64_t end = uint64_t{pool->prefix.Last()} + 1;
        if (cursor + size > end)
        {
            check.ErrorAt(fmt::format("links[{}]", i),
                          fmt::format("address pool '{}' ({}) is exhausted",
                                      pool->name,
                                      pool->prefix.ToString()));
            continue;
        }
        for (size_t j = 0; j < link.endpoints.size(); ++j)
        {
            link.endpoints[j].address = Ipv4Prefix{static_cast<uint32_t>(cursor + 1 + j), length};
            link.endpoints[j].fromPool = true;
        }
        cursor += size;
    }
}

void
AssignPorts(Scenario& s)
{
    std::map<std::pair<std::string, uint16_t>, size_t> taken;
    for (const FlowSpec& f : s.flows)
    {
        if (f.type != FlowType::PING && f.port)
        {
            taken.emplace(std::make_pair(f.to, *f.port), 0);
        }
    }
    // One counter for all destinations: a port is skipped only where taken.
    uint16_t next = kFirstAutomaticPort;
    for (FlowSpec& f : s.flows)
    {
        if (f.type == FlowType::PING || f.port)
        {
            continue;
        }
        while (taken.count(std::make_pair(f.to, next)))
        {
            ++next;
        }
        f.port = next;
        taken.emplace(std::make_pair(f.to, next), 0);
    }
}

/// The address of a node's first interface (links in file order).
uint32_t
FirstAddress(const Scenario& s, const std::string& node)
{
    for (const LinkSpec& link : s.links)
    {
        for (const EndpointSpec& ep : link.endpoints)
        {
            if (ep.node == node && ep.address)
            {
                return ep.address->address;
            }
        }
    }
    return 0;
}

} // namespace

void
ResolveCore(Scenario& s, ScenarioChecker& check)
{
    if (s.outputs.folder.empty())
    {
        s.outputs.folder = "out/" + s.name;
    }
    for (LinkSpec& link : s.links)
    {
        link.device = ToString(link.type);
    }
    AssignPoolAddresses(s, check);
    AssignPorts(s);
    for (FlowSpec& f : s.flows)
    {
        f.stopNs = f.stopNs.value_or(s.simulation.stopNs);
        if (f.type == FlowType::PING)
        {
            f.intervalNs = f.intervalNs.value_or(DefaultTimeNs("ns3::V4Ping", "Interval"));
            f.size = f.size.value_or(DefaultUinteger("ns3::V4Ping", "Size"));
        }
        else
        {
            f.size = f.size.value_or(DefaultUinteger("ns3::OnOffApplication", "PacketSize"));
        }
        // Features that route a flow elsewhere (`via` a tunnel) change this.
        f.destination = FirstAddress(s, f.to);
    }
}

} // namespace core
} // namespace scenario
} // namespace ns3
