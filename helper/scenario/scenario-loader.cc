/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "scenario-loader-impl.h"

#include "scenario-values.h"
#include "topology-graph.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace ns3
{
namespace scenario
{
namespace detail
{

SourceMark
MarkOf(const YAML::Node& node)
{
    YAML::Mark m = node.Mark();
    if (m.line < 0)
    {
        return {};
    }
    return {m.line + 1, m.column + 1};
}

/// Edit distance, for "did you mean" hints on misspelt keys.
static size_t
Distance(const std::string& a, const std::string& b)
{
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j)
    {
        row[j] = j;
    }
    for (size_t i = 1; i <= a.size(); ++i)
    {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j)
        {
            size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] != b[j - 1])});
            diag = up;
        }
    }
    return row[b.size()];
}

static std::string
JoinKeys(const std::vector<std::string>& keys)
{
    std::string out;
    for (const auto& k : keys)
    {
        out += (out.empty() ? "" : ", ") + k;
    }
    return out;
}

std::string
Index(const std::string& path, size_t i)
{
    return fmt::format("{}[{}]", path, i);
}

std::string
Child(const std::string& path, const std::string& key)
{
    return path.empty() ? key : path + "." + key;
}


bool
Loader::CheckMap(const YAML::Node& node, const std::string& path, const std::vector<std::string>& allowed)
{
    if (!node.IsMap())
    {
        Error(node, path, "expected a map of keys");
        return false;
    }
    std::set<std::string> seen;
    for (auto it = node.begin(); it != node.end(); ++it)
    {
        if (!it->first.IsScalar())
        {
            Error(it->first, path, "keys must be plain words");
            continue;
        }
        auto key = it->first.Scalar();
        m_marks.emplace(Child(path, key), MarkOf(it->second));
        if (!seen.insert(key).second)
        {
            Error(it->first, Child(path, key), "key appears twice");
        }
        if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
        {
            std::string hint;
            size_t best = 3;
            for (const auto& a : allowed)
            {
                size_t d = Distance(key, a);
                if (d < best)
                {
                    best = d;
                    hint = fmt::format(" (did you mean '{}'?)", a);
                }
            }
            Error(it->first,
                  Child(path, key),
                  fmt::format("unknown key '{}'{}; allowed here: {}", key, hint, JoinKeys(allowed)));
        }
    }
    return true;
}

bool
Loader::CheckSequence(const YAML::Node& node, const std::string& path)
{
    if (!node.IsSequence())
    {
        Error(node, path, "expected a list");
        return false;
    }
    for (size_t i = 0; i < node.size(); ++i)
    {
        m_marks.emplace(Index(path, i), MarkOf(node[i]));
    }
    return true;
}

std::optional<std::string>
Loader::Scalar(const YAML::Node& node, const std::string& path)
{
    if (!node.IsScalar())
    {
        Error(node, path, node.IsNull() ? "a value is required" : "expected a single value, not a list or map");
        return std::nullopt;
    }
    return node.Scalar();
}

std::optional<int64_t>
Loader::Integer(const YAML::Node& node, const std::string& path, int64_t min, int64_t max)
{
    auto text = Scalar(node, path);
    if (!text)
    {
        return std::nullopt;
    }
    int64_t v = 0;
    try
    {
        size_t used = 0;
        v = std::stoll(*text, &used, 10);
        if (used != text->size())
        {
            throw std::invalid_argument("trailing");
        }
    }
    catch (const std::exception&)
    {
        Error(node, path, fmt::format("'{}' is not an integer", *text));
        return std::nullopt;
    }
    if (v < min || v > max)
    {
        Error(node, path, fmt::format("{} is out of range ({} to {})", v, min, max));
        return std::nullopt;
    }
    return v;
}

std::optional<double>
Loader::Real(const YAML::Node& node, const std::string& path, double min, double max)
{
    auto text = Scalar(node, path);
    if (!text)
    {
        return std::nullopt;
    }
    double v = 0;
    try
    {
        size_t used = 0;
        v = std::stod(*text, &used);
        if (used != text->size())
        {
            throw std::invalid_argument("trailing");
        }
    }
    catch (const std::exception&)
    {
        Error(node, path, fmt::format("'{}' is not a number", *text));
        return std::nullopt;
    }
    if (!(v >= min && v <= max))
    {
        Error(node, path, fmt::format("{} is out of range ({} to {})", *text, min, max));
        return std::nullopt;
    }
    return v;
}

std::optional<bool>
Loader::Boolean(const YAML::Node& node, const std::string& path)
{
    auto text = Scalar(node, path);
    if (!text)
    {
        return std::nullopt;
    }
    if (*text == "true")
    {
        return true;
    }
    if (*text == "false")
    {
        return false;
    }
    Error(node, path, fmt::format("'{}' is not a boolean (true or false)", *text));
    return std::nullopt;
}

template <typename T>
std::optional<T>
Loader::Parse(const YAML::Node& node, const std::string& path, Parsed<T> (*parser)(const std::string&))
{
    auto text = Scalar(node, path);
    if (!text)
    {
        return std::nullopt;
    }
    auto parsed = parser(*text);
    if (!parsed)
    {
        Error(node, path, parsed.error);
    }
    return parsed.value;
}

std::optional<int64_t>
Loader::Duration(const YAML::Node& node, const std::string& path)
{
    return Parse(node, path, &ParseDuration);
}

std::optional<uint64_t>
Loader::DataRate(const YAML::Node& node, const std::string& path)
{
    return Parse(node, path, &ParseDataRate);
}

std::optional<Ipv4Prefix>
Loader::Prefix(const YAML::Node& node, const std::string& path)
{
    return Parse(node, path, &ParseIpv4Prefix);
}

std::optional<std::string>
Loader::Name(const YAML::Node& node, const std::string& path)
{
    auto text = Scalar(node, path);
    if (!text)
    {
        return std::nullopt;
    }
    // Names become file names (pcaps) and appear in key=value traces.
    bool ok = !text->empty() && text->size() <= 64 &&
              std::all_of(text->begin(), text->end(), [](char c) {
                  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' ||
                         c == '.';
              });
    if (!ok)
    {
        Error(node,
              path,
              fmt::format("'{}' is not a valid name (1 to 64 letters, digits, '-', '_' or '.')",
                          *text));
        return std::nullopt;
    }
    return text;
}

// ---------------------------------------------------------------- sections

void
Loader::ReadSimulation(const YAML::Node& node)
{
    const std::string path = "simulation";
    if (!CheckMap(node, path, {"stop", "seed", "run"}))
    {
        return;
    }
    if (node["stop"])
    {
        if (auto v = Duration(node["stop"], Child(path, "stop")))
        {
            if (*v <= 0)
            {
                Error(node["stop"], Child(path, "stop"), "the stop time must be positive");
            }
            else
            {
                m_s.simulation.stopNs = *v;
            }
        }
    }
    if (node["seed"])
    {
        if (auto v = Integer(node["seed"], Child(path, "seed"), 1, 0xffffffffLL))
        {
            m_s.simulation.seed = static_cast<uint32_t>(*v);
        }
    }
    if (node["run"])
    {
        if (auto v = Integer(node["run"], Child(path, "run"), 0, INT64_MAX))
        {
            m_s.simulation.run = static_cast<uint64_t>(*v);
        }
    }
}

void
Loader::ReadNodes(const YAML::Node& list)
{
    const std::string path = "nodes";
    if (!CheckSequence(list, path))
    {
        m_nodesUsable = false;
        return;
    }
    if (list.size() == 0)
    {
        Error(list, path, "at least one node is required");
    }
    for (size_t i = 0; i < list.size(); ++i)
    {
        const YAML::Node& n = list[i];
        std::string p = Index(path, i);
        if (!CheckMap(n, p, {"name", "kind", "position"}))
        {
            m_s.nodes.emplace_back(); // keeps indices aligned with the file
            continue;
        }
        NodeSpec spec;
        spec.mark = MarkOf(n);
        if (!n["name"])
        {
            Error(n, p, "missing required key 'name'");
        }
        else if (auto name = Name(n["name"], Child(p, "name")))
        {
            spec.name = *name;
            spec.mark = MarkOf(n["name"]);
        }
        if (n["kind"])
        {
            auto kind = Scalar(n["kind"], Child(p, "kind"));
            if (kind && *kind == "router")
            {
                spec.kind = NodeKind::ROUTER;
            }
            else if (kind && *kind == "host")
            {
                spec.kind = NodeKind::HOST;
            }
            else if (kind)
            {
                Error(n["kind"],
                      Child(p, "kind"),
                      fmt::format("unknown node kind '{}' (router or host)", *kind));
            }
        }
        if (n["position"])
        {
            const YAML::Node& pos = n["position"];
            if (!pos.IsSequence() || pos.size() != 2)
            {
                Error(pos, Child(p, "position"), "expected [x, y]");
            }
            else
            {
                auto x = Real(pos[0], Index(Child(p, "position"), 0), -1e6, 1e6);
                auto y = Real(pos[1], Index(Child(p, "position"), 1), -1e6, 1e6);
                if (x && y)
                {
                    spec.position = std::make_pair(*x, *y);
                }
            }
        }
        m_s.nodes.push_back(spec);
    }
}

void
Loader::ReadLinks(const YAML::Node& list)
{
    const std::string path = "links";
    if (!CheckSequence(list, path))
    {
        return;
    }
    for (size_t i = 0; i < list.size(); ++i)
    {
        const YAML::Node& l = list[i];
        std::string p = Index(path, i);
        if (!CheckMap(l,
                      p,
                      {"name", "type", "endpoints", "data_rate", "delay", "loss", "queue", "pool",
                       "metric"}))
        {
            m_s.links.emplace_back();
            continue;
        }
        LinkSpec spec;
        spec.mark = MarkOf(l);
        if (l["name"])
        {
            if (auto name = Name(l["name"], Child(p, "name")))
            {
                spec.name = *name;
            }
        }
        if (l["type"])
        {
            auto type = Scalar(l["type"], Child(p, "type"));
            if (type && *type == "p2p")
            {
                spec.type = LinkType::P2P;
            }
            else if (type && *type == "csma")
            {
                spec.type = LinkType::CSMA;
            }
            else if (type)
            {
                Error(l["type"], Child(p, "type"), fmt::format("unknown link type '{}' (p2p or csma)", *type));
            }
        }
        std::string ep = Child(p, "endpoints");
        if (!l["endpoints"])
        {
            Error(l, p, "missing required key 'endpoints'");
        }
        else if (CheckSequence(l["endpoints"], ep))
        {
            const YAML::Node& eps = l["endpoints"];
            for (size_t j = 0; j < eps.size(); ++j)
            {
                EndpointSpec e;
                e.mark = MarkOf(eps[j]);
                std::string epp = Index(ep, j);
                if (eps[j].IsMap())
                {
                    if (!CheckMap(eps[j], epp, {"node", "address"}))
                    {
                        spec.endpoints.push_back(e);
                        continue;
                    }
                    if (!eps[j]["node"])
                    {
                        Error(eps[j], epp, "missing required key 'node'");
                    }
                    else if (auto n = Name(eps[j]["node"], Child(epp, "node")))
                    {
                        e.node = *n;
                    }
                    if (eps[j]["address"])
                    {
                        e.address = Prefix(eps[j]["address"], Child(epp, "address"));
                    }
                }
                else if (auto n = Name(eps[j], epp))
                {
                    e.node = *n;
                }
                spec.endpoints.push_back(e);
            }
            if (spec.type == LinkType::P2P && eps.size() != 2)
            {
                Error(eps, ep, fmt::format("a p2p link has exactly 2 endpoints, not {}", eps.size()));
            }
            else if (eps.size() < 2)
            {
                Error(eps, ep, fmt::format("a csma link needs at least 2 endpoints, not {}", eps.size()));
            }
        }
        if (l["data_rate"])
        {
            if (auto v = DataRate(l["data_rate"], Child(p, "data_rate")))
            {
                spec.dataRateBps = *v;
            }
        }
        if (l["delay"])
        {
            if (auto v = Duration(l["delay"], Child(p, "delay")))
            {
                if (*v < 0)
                {
                    Error(l["delay"], Child(p, "delay"), "a delay cannot be negative");
                }
                else
                {
                    spec.delayNs = *v;
                }
            }
        }
        if (l["loss"])
        {
            if (auto v = Real(l["loss"], Child(p, "loss"), 0.0, 0.999999))
            {
                spec.lossRate = *v;
            }
        }
        if (l["queue"])
        {
            spec.queuePackets = Parse(l["queue"], Child(p, "queue"), &ParseQueuePackets);
        }
        if (l["pool"])
        {
            if (auto v = Name(l["pool"], Child(p, "pool")))
            {
                spec.pool = *v;
            }
        }
        if (l["metric"])
        {
            if (auto v = Integer(l["metric"], Child(p, "metric"), 1, 65535))
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
        m_s.links.push_back(spec);
    }
}

void
Loader::ReadAddressing(const YAML::Node& node)
{
    const std::string path = "addressing";
    if (!CheckMap(node, path, {"pools"}))
    {
        return;
    }
    if (!node["pools"])
    {
        return;
    }
    std::string pp = Child(path, "pools");
    if (!CheckSequence(node["pools"], pp))
    {
        return;
    }
    const YAML::Node& list = node["pools"];
    for (size_t i = 0; i < list.size(); ++i)
    {
        const YAML::Node& n = list[i];
        std::string p = Index(pp, i);
        if (!CheckMap(n, p, {"name", "prefix", "p2p_length", "lan_length"}))
        {
            m_s.pools.emplace_back();
            continue;
        }
        PoolSpec pool;
        pool.mark = MarkOf(n);
        if (!n["name"])
        {
            Error(n, p, "missing required key 'name'");
        }
        else if (auto name = Name(n["name"], Child(p, "name")))
        {
            pool.name = *name;
        }
        bool prefixOk = false;
        if (!n["prefix"])
        {
            Error(n, p, "missing required key 'prefix'");
        }
        else if (auto prefix = Prefix(n["prefix"], Child(p, "prefix")))
        {
            pool.prefix = *prefix;
            prefixOk = true;
            if (prefix->address != prefix->Network())
            {
                Error(n["prefix"],
                      Child(p, "prefix"),
                      fmt::format("{} has host bits set; the pool prefix is {}/{}",
                                  prefix->ToString(),
                                  FormatIpv4(prefix->Network()),
                                  prefix->length));
                prefixOk = false;
            }
        }
        if (prefixOk && pool.prefix.length > 30)
        {
            Error(n["prefix"], Child(p, "prefix"), "a pool must be /30 or shorter to hold a link");
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
                int64_t min = prefixOk ? pool.prefix.length : 1;
                if (auto v = Integer(n[key], Child(p, key), min, 30))
                {
                    *field = static_cast<uint8_t>(*v);
                }
            }
        }
        m_s.pools.push_back(pool);
    }
}

void
Loader::ReadRouting(const YAML::Node& node)
{
    const std::string path = "routing";
    if (!CheckMap(node, path, {"core"}))
    {
        return;
    }
    if (node["core"])
    {
        auto v = Scalar(node["core"], Child(path, "core"));
        if (v && *v != "global")
        {
            Error(node["core"],
                  Child(path, "core"),
                  fmt::format("unknown core routing '{}' (schema version 1 offers: global)", *v));
        }
        else if (v)
        {
            m_s.routing.core = *v;
        }
    }
}

void
Loader::ReadTraffic(const YAML::Node& list)
{
    const std::string path = "traffic";
    if (!CheckSequence(list, path))
    {
        return;
    }
    for (size_t i = 0; i < list.size(); ++i)
    {
        const YAML::Node& n = list[i];
        std::string p = Index(path, i);
        if (!CheckMap(n,
                      p,
                      {"name", "type", "from", "to", "start", "stop", "rate", "size", "on", "off",
                       "interval", "port", "via"}))
        {
            m_s.flows.emplace_back();
            continue;
        }
        FlowSpec f;
        f.mark = MarkOf(n);
        bool typeOk = true;
        if (!n["type"])
        {
            Error(n, p, "missing required key 'type' (udp-cbr, udp-onoff or ping)");
            typeOk = false;
        }
        else if (auto t = Scalar(n["type"], Child(p, "type")))
        {
            if (*t == "udp-cbr")
            {
                f.type = FlowType::UDP_CBR;
            }
            else if (*t == "udp-onoff")
            {
                f.type = FlowType::UDP_ONOFF;
            }
            else if (*t == "ping")
            {
                f.type = FlowType::PING;
            }
            else
            {
                Error(n["type"],
                      Child(p, "type"),
                      fmt::format("unknown traffic type '{}' (udp-cbr, udp-onoff or ping)", *t));
                typeOk = false;
            }
        }
        for (auto [key, field] : {std::make_pair("from", &f.from), std::make_pair("to", &f.to)})
        {
            if (!n[key])
            {
                Error(n, p, fmt::format("missing required key '{}'", key));
            }
            else if (auto v = Name(n[key], Child(p, key)))
            {
                *field = *v;
            }
        }
        if (n["name"])
        {
            if (auto v = Name(n["name"], Child(p, "name")))
            {
                f.name = *v;
            }
        }
        else
        {
            // Default: "A1-to-A3", then "A1-to-A3-2" for a second such flow.
            std::string base = fmt::format("{}-to-{}", f.from, f.to);
            f.name = base;
            for (int k = 2; std::any_of(m_s.flows.begin(), m_s.flows.end(), [&](const FlowSpec& o) { return o.name == f.name; }); ++k)
            {
                f.name = fmt::format("{}-{}", base, k);
            }
        }
        if (n["start"])
        {
            if (auto v = Duration(n["start"], Child(p, "start")))
            {
                f.startNs = *v;
            }
        }
        f.stopNs = -1; // filled from the simulation stop below when absent
        if (n["stop"])
        {
            if (auto v = Duration(n["stop"], Child(p, "stop")))
            {
                f.stopNs = *v;
            }
        }
        // Keys that only make sense for some flow types.
        bool udp = f.type != FlowType::PING;
        auto onlyFor = [&](const char* key, bool allowed, const char* types) {
            if (n[key] && !allowed && typeOk)
            {
                Error(n[key],
                      Child(p, key),
                      fmt::format("'{}' applies to {} flows only", key, types));
                return false;
            }
            return static_cast<bool>(n[key]);
        };
        if (onlyFor("rate", udp, "udp-cbr and udp-onoff"))
        {
            if (auto v = DataRate(n["rate"], Child(p, "rate")))
            {
                f.rateBps = *v;
            }
        }
        if (onlyFor("on", f.type == FlowType::UDP_ONOFF, "udp-onoff"))
        {
            if (auto v = Duration(n["on"], Child(p, "on")))
            {
                f.onNs = *v;
            }
        }
        if (onlyFor("off", f.type == FlowType::UDP_ONOFF, "udp-onoff"))
        {
            if (auto v = Duration(n["off"], Child(p, "off")))
            {
                f.offNs = *v;
            }
        }
        for (auto [key, value] : {std::make_pair("on", f.onNs), std::make_pair("off", f.offNs)})
        {
            if (n[key] && value <= 0)
            {
                Error(n[key], Child(p, key), "must be positive");
            }
        }
        if (onlyFor("interval", !udp, "ping"))
        {
            if (auto v = Duration(n["interval"], Child(p, "interval")))
            {
                if (*v <= 0)
                {
                    Error(n["interval"], Child(p, "interval"), "must be positive");
                }
                f.intervalNs = *v;
            }
        }
        if (onlyFor("port", udp, "udp-cbr and udp-onoff"))
        {
            if (auto v = Integer(n["port"], Child(p, "port"), 1, 65535))
            {
                f.port = static_cast<uint16_t>(*v);
            }
        }
        if (n["via"])
        {
            if (auto v = Name(n["via"], Child(p, "via")))
            {
                f.via = *v;
            }
        }
        // UDP payloads carry a 20-byte sequence/timestamp/size header
        // (ns3::SeqTsSizeHeader); ICMP echo data of ns3::V4Ping needs 16.
        const int64_t minSize = udp ? 20 : 16;
        if (n["size"])
        {
            if (auto v = Integer(n["size"], Child(p, "size"), minSize, 65507))
            {
                f.size = static_cast<uint32_t>(*v);
            }
        }
        else if (!udp)
        {
            f.size = 56; // the usual ping payload
        }
        m_s.flows.push_back(f);
    }
}

void
Loader::ReadEvents(const YAML::Node& list)
{
    const std::string path = "events";
    if (!CheckSequence(list, path))
    {
        return;
    }
    for (size_t i = 0; i < list.size(); ++i)
    {
        const YAML::Node& n = list[i];
        std::string p = Index(path, i);
        if (!CheckMap(n, p, {"at", "action", "link", "node"}))
        {
            m_s.events.emplace_back();
            continue;
        }
        EventSpec e;
        e.mark = MarkOf(n);
        if (!n["at"])
        {
            Error(n, p, "missing required key 'at'");
        }
        else if (auto v = Duration(n["at"], Child(p, "at")))
        {
            e.atNs = *v;
        }
        std::optional<std::string> action;
        if (!n["action"])
        {
            Error(n, p, "missing required key 'action' (link-down, link-up, node-down, node-up)");
        }
        else
        {
            action = Scalar(n["action"], Child(p, "action"));
        }
        const char* targetKey = nullptr;
        if (action)
        {
            static const std::map<std::string, std::pair<EventAction, const char*>> actions = {
                {"link-down", {EventAction::LINK_DOWN, "link"}},
                {"link-up", {EventAction::LINK_UP, "link"}},
                {"node-down", {EventAction::NODE_DOWN, "node"}},
                {"node-up", {EventAction::NODE_UP, "node"}},
            };
            auto it = actions.find(*action);
            if (it == actions.end())
            {
                Error(n["action"],
                      Child(p, "action"),
                      fmt::format("unknown action '{}' (link-down, link-up, node-down, node-up)",
                                  *action));
            }
            else
            {
                e.action = it->second.first;
                targetKey = it->second.second;
            }
        }
        if (targetKey)
        {
            const char* otherKey = std::string(targetKey) == "link" ? "node" : "link";
            if (n[otherKey])
            {
                Error(n[otherKey],
                      Child(p, otherKey),
                      fmt::format("action '{}' takes '{}', not '{}'", *action, targetKey, otherKey));
            }
            if (!n[targetKey])
            {
                Error(n, p, fmt::format("action '{}' needs the key '{}'", *action, targetKey));
            }
            else if (auto v = Name(n[targetKey], Child(p, targetKey)))
            {
                e.target = *v;
            }
        }
        m_s.events.push_back(e);
    }
}

void
Loader::ReadOutputs(const YAML::Node& node)
{
    const std::string path = "outputs";
    if (!CheckMap(node, path, {"folder", "pcap", "message_trace", "netanim", "interval"}))
    {
        return;
    }
    auto& out = m_s.outputs;
    if (node["folder"])
    {
        if (auto v = Scalar(node["folder"], Child(path, "folder")))
        {
            out.folder = *v;
        }
    }
    if (node["pcap"])
    {
        const YAML::Node& pcap = node["pcap"];
        std::string pp = Child(path, "pcap");
        if (pcap.IsSequence())
        {
            CheckSequence(pcap, pp);
            for (size_t i = 0; i < pcap.size(); ++i)
            {
                auto v = Scalar(pcap[i], Index(pp, i));
                if (!v)
                {
                    continue;
                }
                auto colon = v->find(':');
                if (colon == std::string::npos)
                {
                    out.pcap.nodes.push_back(*v);
                }
                else
                {
                    out.pcap.devices.emplace_back(v->substr(0, colon), v->substr(colon + 1));
                }
            }
        }
        else if (auto v = Scalar(pcap, pp))
        {
            if (*v == "all" || *v == "true")
            {
                out.pcap.all = true;
            }
            else if (*v != "none" && *v != "false")
            {
                Error(pcap, pp, fmt::format("'{}' is not a pcap choice (all, none, or a list of "
                                            "node or node:link names)", *v));
            }
        }
    }
    if (node["message_trace"])
    {
        if (auto v = Boolean(node["message_trace"], Child(path, "message_trace")))
        {
            out.messageTrace = *v;
        }
    }
    if (node["netanim"])
    {
        if (auto v = Boolean(node["netanim"], Child(path, "netanim")))
        {
            out.netanim = *v;
        }
    }
    if (node["interval"])
    {
        if (auto v = Duration(node["interval"], Child(path, "interval")))
        {
            if (*v <= 0)
            {
                Error(node["interval"], Child(path, "interval"), "must be positive");
            }
            else
            {
                out.intervalNs = *v;
            }
        }
    }
}

void
Loader::ReadExpect(const YAML::Node& list)
{
    const std::string path = "expect";
    if (!CheckSequence(list, path))
    {
        return;
    }
    for (size_t i = 0; i < list.size(); ++i)
    {
        const YAML::Node& n = list[i];
        std::string p = Index(path, i);
        ExpectSpec e;
        e.mark = MarkOf(n);
        if (CheckMap(n, p, {"flow", "min_delivery", "max_delivery", "max_mean_delay"}))
        {
            if (!n["flow"])
            {
                Error(n, p, "missing required key 'flow'");
            }
            else if (auto v = Name(n["flow"], Child(p, "flow")))
            {
                e.flow = *v;
            }
            if (n["min_delivery"])
            {
                e.minDelivery = Real(n["min_delivery"], Child(p, "min_delivery"), 0.0, 1.0);
            }
            if (n["max_delivery"])
            {
                e.maxDelivery = Real(n["max_delivery"], Child(p, "max_delivery"), 0.0, 1.0);
            }
            if (n["max_mean_delay"])
            {
                e.maxMeanDelayNs = Duration(n["max_mean_delay"], Child(p, "max_mean_delay"));
            }
            if (!n["min_delivery"] && !n["max_delivery"] && !n["max_mean_delay"])
            {
                Error(n, p, "an expectation needs min_delivery, max_delivery or max_mean_delay");
            }
        }
        m_s.expectations.push_back(e);
    }
}

// ------------------------------------------------------------ cross checks

void
Loader::CheckNames()
{
    auto unique = [this](const auto& items, const char* section, const char* what) {
        std::map<std::string, size_t> first;
        for (size_t i = 0; i < items.size(); ++i)
        {
            const std::string& name = items[i].name;
            if (name.empty())
            {
                continue;
            }
            auto [it, fresh] = first.emplace(name, i);
            if (!fresh)
            {
                ErrorAt(fmt::format("{}[{}].name", section, i),
                        fmt::format("duplicate {} name '{}' (first used by {}[{}])",
                                    what,
                                    name,
                                    section,
                                    it->second));
            }
        }
    };
    const size_t before = m_errors.size();
    unique(m_s.nodes, "nodes", "node");
    m_nodesUsable = m_nodesUsable && m_errors.size() == before;
    unique(m_s.links, "links", "link");
    unique(m_s.pools, "addressing.pools", "pool");
    unique(m_s.flows, "traffic", "flow");
}

void
Loader::CheckReferences()
{
    auto nodeRef = [this](const std::string& name, const std::string& path) {
        if (!m_nodesUsable)
        {
            return false;
        }
        if (!name.empty() && m_s.NodeIndex(name) < 0)
        {
            ErrorAt(path, fmt::format("unknown node '{}'", name));
            return false;
        }
        return !name.empty();
    };
    for (size_t i = 0; i < m_s.links.size(); ++i)
    {
        const auto& link = m_s.links[i];
        std::set<std::string> seen;
        for (size_t j = 0; j < link.endpoints.size(); ++j)
        {
            std::string p = fmt::format("links[{}].endpoints[{}]", i, j);
            const auto& ep = link.endpoints[j];
            if (nodeRef(ep.node, p) && !seen.insert(ep.node).second)
            {
                ErrorAt(p, fmt::format("node '{}' appears twice on link '{}'", ep.node, link.name));
            }
        }
        if (!link.pool.empty() && std::none_of(m_s.pools.begin(), m_s.pools.end(), [&](const PoolSpec& pl) { return pl.name == link.pool; }))
        {
            ErrorAt(fmt::format("links[{}].pool", i), fmt::format("unknown address pool '{}'", link.pool));
        }
    }
    for (size_t i = 0; i < m_s.flows.size(); ++i)
    {
        const auto& f = m_s.flows[i];
        bool a = nodeRef(f.from, fmt::format("traffic[{}].from", i));
        bool b = nodeRef(f.to, fmt::format("traffic[{}].to", i));
        if (a && b && f.from == f.to)
        {
            ErrorAt(fmt::format("traffic[{}].to", i), "a flow needs two different nodes");
        }
    }
    for (size_t i = 0; i < m_s.events.size(); ++i)
    {
        const auto& e = m_s.events[i];
        if (e.target.empty())
        {
            continue;
        }
        bool onLink = e.action == EventAction::LINK_DOWN || e.action == EventAction::LINK_UP;
        std::string p = fmt::format("events[{}].{}", i, onLink ? "link" : "node");
        if (onLink && m_s.LinkIndex(e.target) < 0)
        {
            ErrorAt(p, fmt::format("unknown link '{}'", e.target));
        }
        else if (!onLink)
        {
            nodeRef(e.target, p);
        }
    }
    size_t k = 0;
    for (const auto& n : m_s.outputs.pcap.nodes)
    {
        nodeRef(n, fmt::format("outputs.pcap[{}]", k++));
    }
    for (const auto& [node, link] : m_s.outputs.pcap.devices)
    {
        std::string p = fmt::format("outputs.pcap[{}]", k++);
        if (!nodeRef(node, p))
        {
            continue;
        }
        const LinkSpec* l = m_s.FindLink(link);
        if (!l)
        {
            ErrorAt(p, fmt::format("unknown link '{}'", link));
        }
        else if (std::none_of(l->endpoints.begin(), l->endpoints.end(), [&](const EndpointSpec& e) { return e.node == node; }))
        {
            ErrorAt(p, fmt::format("node '{}' is not an endpoint of link '{}'", node, link));
        }
    }
    for (size_t i = 0; i < m_s.expectations.size(); ++i)
    {
        const auto& e = m_s.expectations[i];
        if (!e.flow.empty() && std::none_of(m_s.flows.begin(), m_s.flows.end(), [&](const FlowSpec& f) { return f.name == e.flow; }))
        {
            ErrorAt(fmt::format("expect[{}].flow", i), fmt::format("unknown flow '{}'", e.flow));
        }
        if (e.minDelivery && e.maxDelivery && *e.minDelivery > *e.maxDelivery)
        {
            ErrorAt(fmt::format("expect[{}]", i), "min_delivery is above max_delivery");
        }
    }
}

void
Loader::CheckAddresses()
{
    // Pools must not overlap one another.
    for (size_t i = 0; i < m_s.pools.size(); ++i)
    {
        for (size_t j = 0; j < i; ++j)
        {
            const auto& a = m_s.pools[i];
            const auto& b = m_s.pools[j];
            if (a.prefix.length > 0 && b.prefix.length > 0 && a.prefix.Overlaps(b.prefix))
            {
                ErrorAt(fmt::format("addressing.pools[{}].prefix", i),
                        fmt::format("pool '{}' ({}) overlaps pool '{}' ({})",
                                    a.name,
                                    a.prefix.ToString(),
                                    b.name,
                                    b.prefix.ToString()));
            }
        }
    }
    // Explicit addresses: all or none per link, one subnet per link, usable
    // host addresses, unique, outside every pool, no overlap between links.
    std::map<uint32_t, std::string> owners;              // address -> path
    std::vector<std::pair<Ipv4Prefix, size_t>> subnets; // subnet -> link
    for (size_t i = 0; i < m_s.links.size(); ++i)
    {
        const auto& link = m_s.links[i];
        size_t given = std::count_if(link.endpoints.begin(), link.endpoints.end(), [](const EndpointSpec& e) { return e.address.has_value(); });
        if (given == 0)
        {
            continue;
        }
        if (given != link.endpoints.size())
        {
            ErrorAt(fmt::format("links[{}].endpoints", i),
                    "give an address to every endpoint of the link or to none (then the pool assigns them)");
            continue;
        }
        if (!link.pool.empty())
        {
            ErrorAt(fmt::format("links[{}].pool", i), "a link with explicit addresses takes no pool");
        }
        const Ipv4Prefix& first = *link.endpoints[0].address;
        for (size_t j = 0; j < link.endpoints.size(); ++j)
        {
            const Ipv4Prefix& a = *link.endpoints[j].address;
            std::string p = fmt::format("links[{}].endpoints[{}].address", i, j);
            if (a.length != first.length || a.Network() != first.Network())
            {
                ErrorAt(p, fmt::format("{} is not in the link's subnet {}/{}", a.ToString(), FormatIpv4(first.Network()), first.length));
                continue;
            }
            if (a.length > 30)
            {
                ErrorAt(p, fmt::format("{}: a link subnet must be /30 or shorter", a.ToString()));
                continue;
            }
            if (a.address == a.Network() || a.address == a.Last())
            {
                ErrorAt(p, fmt::format("{} is the {} address of its subnet", a.ToString(), a.address == a.Network() ? "network" : "broadcast"));
                continue;
            }
            auto [it, fresh] = owners.emplace(a.address, p);
            if (!fresh)
            {
                ErrorAt(p, fmt::format("address {} is already used at {}", a.AddressString(), it->second));
            }
            for (const auto& pool : m_s.pools)
            {
                if (pool.prefix.length > 0 && pool.prefix.Contains(a.address))
                {
                    ErrorAt(p, fmt::format("{} lies inside address pool '{}' ({}); explicit addresses must stay outside the pools", a.ToString(), pool.name, pool.prefix.ToString()));
                }
            }
        }
        Ipv4Prefix subnet = first;
        subnet.address = first.Network();
        for (const auto& [other, li] : subnets)
        {
            if (other.Overlaps(subnet))
            {
                ErrorAt(fmt::format("links[{}].endpoints[0].address", i),
                        fmt::format("subnet {} overlaps subnet {} of link '{}'", subnet.ToString(), other.ToString(), m_s.links[li].name));
                break;
            }
        }
        subnets.emplace_back(subnet, i);
    }
}

void
Loader::CheckTimes()
{
    const int64_t stop = m_s.simulation.stopNs;
    const std::string stopText = FormatDuration(stop);
    for (size_t i = 0; i < m_s.events.size(); ++i)
    {
        const auto& e = m_s.events[i];
        std::string p = fmt::format("events[{}].at", i);
        if (e.atNs < 0)
        {
            ErrorAt(p, fmt::format("{} is a negative time", FormatDuration(e.atNs)));
        }
        else if (e.atNs > stop)
        {
            ErrorAt(p, fmt::format("{} is after the simulation stop ({})", FormatDuration(e.atNs), stopText));
        }
    }
    for (size_t i = 0; i < m_s.flows.size(); ++i)
    {
        auto& f = m_s.flows[i];
        if (f.stopNs < 0)
        {
            f.stopNs = stop;
        }
        std::string p = fmt::format("traffic[{}]", i);
        if (f.startNs < 0)
        {
            ErrorAt(p + ".start", fmt::format("{} is a negative time", FormatDuration(f.startNs)));
        }
        else if (f.startNs >= stop)
        {
            ErrorAt(p + ".start", fmt::format("{} is not before the simulation stop ({})", FormatDuration(f.startNs), stopText));
        }
        if (f.stopNs > stop)
        {
            ErrorAt(p + ".stop", fmt::format("{} is after the simulation stop ({})", FormatDuration(f.stopNs), stopText));
        }
        else if (f.stopNs <= f.startNs)
        {
            ErrorAt(p + ".stop", fmt::format("the flow stops ({}) before it starts ({})", FormatDuration(f.stopNs), FormatDuration(f.startNs)));
        }
    }
}

void
Loader::CheckConnectivity()
{
    // A link naming an unknown node is reported already; the gap it leaves
    // in the graph would only repeat that error.
    if (!m_nodesUsable)
    {
        return;
    }
    for (const auto& link : m_s.links)
    {
        for (const auto& ep : link.endpoints)
        {
            if (m_s.NodeIndex(ep.node) < 0)
            {
                return;
            }
        }
    }
    if (m_s.nodes.size() < 2)
    {
        return;
    }
    TopologyGraph graph(m_s);
    auto components = graph.Components();
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
    ErrorAt("links",
            fmt::format("the topology is not connected: {} separate parts: {}", components.size(), groups));
}

void
Loader::AssignPoolAddresses()
{
    // Each pool hands out aligned subnets in file order of the links.
    std::map<std::string, uint64_t> next; // pool -> next free address
    for (size_t i = 0; i < m_s.links.size(); ++i)
    {
        auto& link = m_s.links[i];
        if (link.endpoints.empty() || link.endpoints[0].address)
        {
            continue;
        }
        const PoolSpec* pool = nullptr;
        if (link.pool.empty())
        {
            if (m_s.pools.empty())
            {
                ErrorAt(fmt::format("links[{}]", i),
                        fmt::format("link '{}' has no addresses and no address pool is defined "
                                    "(add addressing.pools, or give each endpoint an address)",
                                    link.name));
                continue;
            }
            pool = &m_s.pools.front();
        }
        else
        {
            for (const auto& p : m_s.pools)
            {
                pool = p.name == link.pool ? &p : pool;
            }
        }
        if (!pool)
        {
            continue; // unknown pool, reported already
        }
        uint8_t length = link.type == LinkType::P2P ? pool->p2pLength : pool->lanLength;
        uint64_t size = uint64_t{1} << (32 - length);
        if (link.endpoints.size() + 2 > size)
        {
            ErrorAt(fmt::format("links[{}]", i),
                    fmt::format("a /{} subnet of pool '{}' cannot hold {} endpoints", length, pool->name, link.endpoints.size()));
            continue;
        }
        uint64_t& cursor = next.try_emplace(pool->name, pool->prefix.Network()).first->second;
        uint64_t end = uint64_t{pool->prefix.Last()} + 1;
        if (cursor + size > end)
        {
            ErrorAt(fmt::format("links[{}]", i),
                    fmt::format("address pool '{}' ({}) is exhausted", pool->name, pool->prefix.ToString()));
            continue;
        }
        for (size_t j = 0; j < link.endpoints.size(); ++j)
        {
            Ipv4Prefix a;
            a.address = static_cast<uint32_t>(cursor + 1 + j);
            a.length = length;
            link.endpoints[j].address = a;
            link.endpoints[j].fromPool = true;
        }
        cursor += size;
    }
}

void
Loader::AssignPorts()
{
    // Each UDP flow needs its own receiving port on the destination node.
    std::map<std::pair<std::string, uint16_t>, size_t> taken;
    for (size_t i = 0; i < m_s.flows.size(); ++i)
    {
        const auto& f = m_s.flows[i];
        if (f.type == FlowType::PING || f.port == 0)
        {
            continue;
        }
        auto [it, fresh] = taken.emplace(std::make_pair(f.to, f.port), i);
        if (!fresh)
        {
            ErrorAt(fmt::format("traffic[{}].port", i),
                    fmt::format("port {} on node '{}' is already used by flow '{}'",
                                f.port,
                                f.to,
                                m_s.flows[it->second].name));
        }
    }
    uint16_t next = kFirstAutomaticPort;
    for (auto& f : m_s.flows)
    {
        if (f.type == FlowType::PING || f.port != 0)
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

LoadResult
Loader::Run(const std::string& text)
{
    YAML::Node root;
    try
    {
        root = YAML::Load(text);
    }
    catch (const YAML::Exception& e)
    {
        Error(SourceMark{e.mark.line + 1, e.mark.column + 1}, "", "YAML syntax: " + e.msg);
        return {m_s, m_errors};
    }
    if (!CheckMap(root,
                  "",
                  {"schema_version", "name", "description", "simulation", "nodes", "links",
                   "addressing", "routing", "mpls", "radius", "tunnels", "traffic", "events", "outputs", "expect"}))
    {
        return {m_s, m_errors};
    }
    if (!root["schema_version"])
    {
        Error(SourceMark{1, 1}, "schema_version", fmt::format("missing required key 'schema_version' (this program reads version {})", kSchemaVersion));
    }
    else if (auto v = Integer(root["schema_version"], "schema_version", 0, 1000))
    {
        if (*v != kSchemaVersion)
        {
            Error(root["schema_version"], "schema_version", fmt::format("version {} is not supported (this program reads version {})", *v, kSchemaVersion));
        }
    }
    if (root["name"])
    {
        if (auto v = Name(root["name"], "name"))
        {
            m_s.name = *v;
        }
    }
    else
    {
        // Default name: the file's base name without extension.
        std::string base = m_s.file.substr(m_s.file.find_last_of('/') + 1);
        m_s.name = base.substr(0, base.find_last_of('.'));
    }
    if (root["description"])
    {
        if (auto v = Scalar(root["description"], "description"))
        {
            m_s.description = *v;
        }
    }
    if (root["simulation"])
    {
        ReadSimulation(root["simulation"]);
    }
    if (!root["nodes"])
    {
        Error(SourceMark{1, 1}, "nodes", "missing required key 'nodes'");
    }
    else
    {
        ReadNodes(root["nodes"]);
    }
    if (root["links"])
    {
        ReadLinks(root["links"]);
    }
    if (root["addressing"])
    {
        ReadAddressing(root["addressing"]);
    }
    if (root["routing"])
    {
        ReadRouting(root["routing"]);
    }
    if (root["mpls"])
    {
        ReadMpls(root["mpls"]);
    }
    if (root["radius"])
    {
        ReadRadius(root["radius"]);
    }
    if (root["tunnels"])
    {
        ReadTunnels(root["tunnels"]);
    }
    if (root["traffic"])
    {
        ReadTraffic(root["traffic"]);
    }
    if (root["events"])
    {
        ReadEvents(root["events"]);
    }
    if (root["outputs"])
    {
        ReadOutputs(root["outputs"]);
    }
    if (root["expect"])
    {
        ReadExpect(root["expect"]);
    }

    // Command-line overrides replace file values before the cross checks.
    if (m_overrides.stopNs)
    {
        m_s.simulation.stopNs = *m_overrides.stopNs;
    }
    if (m_overrides.seed)
    {
        m_s.simulation.seed = *m_overrides.seed;
    }
    if (m_overrides.run)
    {
        m_s.simulation.run = *m_overrides.run;
    }
    if (m_overrides.outFolder)
    {
        m_s.outputs.folder = *m_overrides.outFolder;
    }
    if (m_overrides.pcapAll)
    {
        m_s.outputs.pcap.all = true;
    }
    if (m_s.outputs.folder.empty())
    {
        m_s.outputs.folder = "out/" + m_s.name;
    }

    CheckNames();
    CheckReferences();
    CheckAddresses();
    CheckTimes();
    CheckConnectivity();
    CheckMpls();
    CheckTunnels();
    AssignPorts();
    if (m_errors.empty())
    {
        AssignPoolAddresses();
    }
    SortDiagnostics(m_errors);
    return {m_s, m_errors};
}

} // namespace detail

LoadResult
LoadScenarioText(const std::string& text, const std::string& fileName, const LoadOverrides& overrides)
{
    return detail::Loader(fileName, overrides).Run(text);
}

LoadResult
LoadScenarioFile(const std::string& path, const LoadOverrides& overrides)
{
    std::ifstream in(path);
    if (!in)
    {
        LoadResult r;
        r.scenario.file = path;
        r.errors.push_back({path, {}, "", "cannot open the scenario file"});
        return r;
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    return LoadScenarioText(buffer.str(), path, overrides);
}

} // namespace scenario
} // namespace ns3
