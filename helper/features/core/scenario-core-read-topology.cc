/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Reading the core's topology sections: nodes, links, addressing, routing.
 */
#include "scenario-core-impl.h"

#include <fmt/format.h>

namespace ns3
{
namespace scenario
{
namespace core
{

void
ReadNodes(const YAML::Node& list, YamlReader& in, Scenario& s)
{
    const std::string path = "nodes";
    if (!in.CheckSequence(list, path))
    {
        return;
    }
    if (list.size() == 0)
    {
        in.Error(list, path, "at least one node is required");
    }
    for (size_t i = 0; i < list.size(); ++i)
    {
        const YAML::Node& n = list[i];
        const std::string p = Index(path, i);
        NodeSpec spec;
        spec.mark = MarkOf(n);
        if (!in.CheckMap(n, p, {"name", "kind", "position"}))
        {
            s.nodes.push_back(spec); // keeps indices aligned with the file
            continue;
        }
        if (in.Require(n, p, {"name"}))
        {
            if (auto name = in.Name(n["name"], Child(p, "name")))
            {
                spec.name = *name;
                spec.mark = MarkOf(n["name"]);
            }
        }
        if (n["kind"])
        {
            spec.kind = in.Enum(n["kind"], Child(p, "kind"), kNodeKinds, "node kind")
                            .value_or(NodeKind::ROUTER);
        }
        if (const YAML::Node& pos = n["position"])
        {
            const std::string pp = Child(p, "position");
            if (!pos.IsSequence() || pos.size() != 2)
            {
                in.Error(pos, pp, "expected [x, y]");
            }
            else
            {
                auto x = in.Real(pos[0], Index(pp, 0), -1e6, 1e6);
                auto y = in.Real(pos[1], Index(pp, 1), -1e6, 1e6);
                if (x && y)
                {
                    spec.position = std::make_pair(*x, *y);
                }
            }
        }
        s.nodes.push_back(spec);
    }
}

namespace
{

/// One endpoint: a node name, or {node, address}.
EndpointSpec
ReadEndpoint(const YAML::Node& n, const std::string& path, YamlReader& in)
{
    EndpointSpec e;
    e.mark = MarkOf(n);
    if (!n.IsMap())
    {
        e.node = in.Name(n, path).value_or("");
        return e;
    }
    if (!in.CheckMap(n, path, {"node", "address"}))
    {
        return e;
    }
    if (in.Require(n, path, {"node"}))
    {
        e.node = in.Name(n["node"], Child(path, "node")).value_or("");
    }
    if (n["address"] && n["address"].IsScalar() && n["address"].Scalar() == "dhcp")
    {
        e.dhcp = true;
    }
    else if (n["address"])
    {
        e.address = in.Prefix(n["address"], Child(path, "address"));
    }
    return e;
}

} // namespace

void
ReadLinks(const YAML::Node& list, YamlReader& in, Scenario& s)
{
    const std::string path = "links";
    if (!in.CheckSequence(list, path))
    {
        return;
    }
    for (size_t i = 0; i < list.size(); ++i)
    {
        const YAML::Node& l = list[i];
        const std::string p = Index(path, i);
        LinkSpec spec;
        spec.mark = MarkOf(l);
        if (!in.CheckMap(l,
                         p,
                         {"name",
                          "type",
                          "endpoints",
                          "data_rate",
                          "delay",
                          "loss",
                          "queue",
                          "pool",
                          "metric"}))
        {
            s.links.push_back(spec);
            continue;
        }
        if (l["name"])
        {
            spec.name = in.Name(l["name"], Child(p, "name")).value_or("");
        }
        if (l["type"])
        {
            spec.type =
                in.Enum(l["type"], Child(p, "type"), kLinkTypes, "link type").value_or(LinkType::P2P);
        }
        const std::string ep = Child(p, "endpoints");
        if (in.Require(l, p, {"endpoints"}) && in.CheckSequence(l["endpoints"], ep))
        {
            const YAML::Node& eps = l["endpoints"];
            for (size_t j = 0; j < eps.size(); ++j)
            {
                spec.endpoints.push_back(ReadEndpoint(eps[j], Index(ep, j), in));
            }
            if (spec.type == LinkType::P2P && eps.size() != 2)
            {
                in.Error(eps,
                         ep,
                         fmt::format("a p2p link has exactly 2 endpoints, not {}", eps.size()));
            }
            else if (eps.size() < 2)
            {
                in.Error(eps,
                         ep,
                         fmt::format("a csma link needs at least 2 endpoints, not {}", eps.size()));
            }
        }
        if (l["data_rate"])
        {
            spec.dataRateBps =
                in.DataRate(l["data_rate"], Child(p, "data_rate")).value_or(spec.dataRateBps);
        }
        if (l["delay"])
        {
            if (auto v = in.Duration(l["delay"], Child(p, "delay")))
            {
                if (*v < 0)
                {
                    in.Error(l["delay"], Child(p, "delay"), "a delay cannot be negative");
                }
                else
                {
                    spec.delayNs = *v;
                }
            }
        }
        if (l["loss"])
        {
            spec.lossRate = in.Real(l["loss"], Child(p, "loss"), 0.0, 0.999999).value_or(0.0);
        }
        if (l["queue"])
        {
            spec.queuePackets = in.Parse(l["queue"], Child(p, "queue"), &ParseQueuePackets);
        }
        if (l["pool"])
        {
            spec.pool = in.Name(l["pool"], Child(p, "pool")).value_or("");
        }
        if (l["metric"])
        {
            if (auto v = in.Integer(l["metric"], Child(p, "metric"), 1, 65535))
            {
                spec.metric = static_cast<uint32_t>(*v);
            }
        }
        if (spec.name.empty())
        {
            // Default names follow the endpoints: "R10-X", or "lan3" for CSMA.
            if (spec.type == LinkType::P2P && spec.endpoints.size() == 2)
            {
                spec.name = spec.endpoints[0].node + "-" + spec.endpoints[1].node;
            }
            else
            {
                spec.name = fmt::format("lan{}", i);
            }
        }
        s.links.push_back(spec);
    }
}

void
ReadAddressing(const YAML::Node& node, YamlReader& in, Scenario& s)
{
    const std::string path = "addressing";
    if (!in.CheckMap(node, path, {"pools"}) || !node["pools"])
    {
        return;
    }
    const std::string pp = Child(path, "pools");
    if (!in.CheckSequence(node["pools"], pp))
    {
        return;
    }
    const YAML::Node& list = node["pools"];
    for (size_t i = 0; i < list.size(); ++i)
    {
        const YAML::Node& n = list[i];
        const std::string p = Index(pp, i);
        PoolSpec pool;
        pool.mark = MarkOf(n);
        if (!in.CheckMap(n, p, {"name", "prefix", "p2p_length", "lan_length"}))
        {
            s.pools.push_back(pool);
            continue;
        }
        if (in.Require(n, p, {"name"}))
        {
            pool.name = in.Name(n["name"], Child(p, "name")).value_or("");
        }
        bool prefixOk = false;
        if (in.Require(n, p, {"prefix"}))
        {
            if (auto prefix = in.Prefix(n["prefix"], Child(p, "prefix")))
            {
                pool.prefix = *prefix;
                prefixOk = true;
                if (prefix->address != prefix->Network())
                {
                    in.Error(n["prefix"],
                             Child(p, "prefix"),
                             fmt::format("{} has host bits set; the pool prefix is {}",
                                         prefix->ToString(),
                                         prefix->NetworkString()));
                    prefixOk = false;
                }
            }
        }
        if (prefixOk && pool.prefix.length > 30)
        {
            in.Error(n["prefix"], Child(p, "prefix"), "a pool must be /30 or shorter to hold a link");
        }
        // Defaults (/30 for point-to-point, /24 for CSMA) never go above the
        // pool itself; explicit lengths must lie within the pool.
        pool.p2pLength = std::max<uint8_t>(pool.p2pLength, pool.prefix.length);
        pool.lanLength = std::max<uint8_t>(pool.lanLength, pool.prefix.length);
        for (auto [key, field] : {std::make_pair("p2p_length", &pool.p2pLength),
                                  std::make_pair("lan_length", &pool.lanLength)})
        {
            if (n[key])
            {
                const int64_t min = prefixOk ? pool.prefix.length : 1;
                if (auto v = in.Integer(n[key], Child(p, key), min, 30))
                {
                    *field = static_cast<uint8_t>(*v);
                }
            }
        }
        s.pools.push_back(pool);
    }
}

void
ReadRouting(const YAML::Node& node, YamlReader& in, Scenario& s)
{
    const std::string path = "routing";
    if (in.CheckMap(node, path, {"core"}) && node["core"])
    {
        s.routing.core = in.Scalar(node["core"], Child(path, "core")).value_or(s.routing.core);
    }
}

} // namespace core
} // namespace scenario
} // namespace ns3
