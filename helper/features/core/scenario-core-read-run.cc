/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Reading the core's run sections: simulation, traffic, events, outputs and
 * expectations.
 */
#include "scenario-core-impl.h"

#include <fmt/format.h>

#include <algorithm>

namespace ns3
{
namespace scenario
{
namespace core
{

void
ReadSimulation(const YAML::Node& node, YamlReader& in, Scenario& s)
{
    const std::string path = "simulation";
    if (!in.CheckMap(node, path, {"stop", "seed", "run"}))
    {
        return;
    }
    if (node["stop"])
    {
        if (auto v = in.Duration(node["stop"], Child(path, "stop")))
        {
            if (*v <= 0)
            {
                in.Error(node["stop"], Child(path, "stop"), "the stop time must be positive");
            }
            else
            {
                s.simulation.stopNs = *v;
            }
        }
    }
    if (node["seed"])
    {
        if (auto v = in.Integer(node["seed"], Child(path, "seed"), 1, 0xffffffffLL))
        {
            s.simulation.seed = static_cast<uint32_t>(*v);
        }
    }
    if (node["run"])
    {
        if (auto v = in.Integer(node["run"], Child(path, "run"), 0, INT64_MAX))
        {
            s.simulation.run = static_cast<uint64_t>(*v);
        }
    }
}

namespace
{

FlowSpec
ReadFlow(const YAML::Node& n, const std::string& p, YamlReader& in, const Scenario& s)
{
    FlowSpec f;
    f.mark = MarkOf(n);
    bool typeOk = false;
    if (!n["type"])
    {
        in.Error(n, p, fmt::format("missing required key 'type' ({})", kFlowTypes.Choices()));
    }
    else if (auto t = in.Enum(n["type"], Child(p, "type"), kFlowTypes, "traffic type"))
    {
        f.type = *t;
        typeOk = true;
    }
    for (auto [key, field] : {std::make_pair("from", &f.from), std::make_pair("to", &f.to)})
    {
        if (in.Require(n, p, {key}))
        {
            *field = in.Name(n[key], Child(p, key)).value_or("");
        }
    }
    if (n["name"])
    {
        f.name = in.Name(n["name"], Child(p, "name")).value_or("");
    }
    else
    {
        // Default: "A1-to-A3", then "A1-to-A3-2" for a second such flow.
        const std::string base = fmt::format("{}-to-{}", f.from, f.to);
        f.name = base;
        for (int k = 2; s.FindFlow(f.name); ++k)
        {
            f.name = fmt::format("{}-{}", base, k);
        }
    }
    if (n["start"])
    {
        f.startNs = in.Duration(n["start"], Child(p, "start")).value_or(f.startNs);
    }
    if (n["stop"])
    {
        f.stopNs = in.Duration(n["stop"], Child(p, "stop"));
    }
    // Keys that only make sense for some flow types.
    const bool udp = f.type != FlowType::PING;
    auto given = [&](const char* key, bool allowed, const char* types) {
        if (n[key] && !allowed && typeOk)
        {
            in.Error(n[key], Child(p, key), fmt::format("'{}' applies to {} flows only", key, types));
            return false;
        }
        return static_cast<bool>(n[key]);
    };
    if (given("rate", udp, "udp-cbr and udp-onoff"))
    {
        f.rateBps = in.DataRate(n["rate"], Child(p, "rate")).value_or(f.rateBps);
    }
    if (given("on", f.type == FlowType::UDP_ONOFF, "udp-onoff"))
    {
        f.onNs = in.PositiveDuration(n["on"], Child(p, "on")).value_or(f.onNs);
    }
    if (given("off", f.type == FlowType::UDP_ONOFF, "udp-onoff"))
    {
        f.offNs = in.PositiveDuration(n["off"], Child(p, "off")).value_or(f.offNs);
    }
    if (given("interval", !udp, "ping"))
    {
        f.intervalNs = in.PositiveDuration(n["interval"], Child(p, "interval"));
    }
    if (given("port", udp, "udp-cbr and udp-onoff"))
    {
        if (auto v = in.Integer(n["port"], Child(p, "port"), 1, 65535))
        {
            f.port = static_cast<uint16_t>(*v);
        }
    }
    if (n["via"])
    {
        f.via = in.Name(n["via"], Child(p, "via")).value_or("");
    }
    // UDP payloads carry a 20-byte sequence/timestamp/size header
    // (ns3::SeqTsSizeHeader); ICMP echo data of ns3::V4Ping needs 16.
    if (n["size"])
    {
        if (auto v = in.Integer(n["size"], Child(p, "size"), udp ? 20 : 16, 65507))
        {
            f.size = static_cast<uint32_t>(*v);
        }
    }
    return f;
}

} // namespace

void
ReadTraffic(const YAML::Node& list, YamlReader& in, Scenario& s)
{
    const std::string path = "traffic";
    if (!in.CheckSequence(list, path))
    {
        return;
    }
    for (size_t i = 0; i < list.size(); ++i)
    {
        const std::string p = Index(path, i);
        if (!in.CheckMap(list[i],
                         p,
                         {"name",
                          "type",
                          "from",
                          "to",
                          "start",
                          "stop",
                          "rate",
                          "size",
                          "on",
                          "off",
                          "interval",
                          "port",
                          "via"}))
        {
            s.flows.emplace_back();
            continue;
        }
        s.flows.push_back(ReadFlow(list[i], p, in, s));
    }
}

namespace
{

std::string
Quoted(const std::vector<EventKind::Arg>& args)
{
    std::string out;
    for (size_t i = 0; i < args.size(); ++i)
    {
        out += fmt::format("{}'{}'", i == 0 ? "" : (i + 1 == args.size() ? " and " : ", "), args[i].key);
    }
    return out;
}

} // namespace

void
ReadEvents(const YAML::Node& list, YamlReader& in, Scenario& s)
{
    const std::string path = "events";
    if (!in.CheckSequence(list, path))
    {
        return;
    }
    // Every feature's event actions; an event takes the keys of its action.
    const std::vector<EventKind> kinds = AllEventKinds();
    std::vector<std::string> actions;
    std::vector<std::string> keys{"at", "action"};
    for (const EventKind& k : kinds)
    {
        actions.push_back(k.action);
        for (const auto& arg : k.args)
        {
            if (std::find(keys.begin(), keys.end(), arg.key) == keys.end())
            {
                keys.push_back(arg.key);
            }
        }
    }
    const std::string actionList = JoinNames(actions);
    for (size_t i = 0; i < list.size(); ++i)
    {
        const YAML::Node& n = list[i];
        const std::string p = Index(path, i);
        EventSpec e;
        e.mark = MarkOf(n);
        if (!in.CheckMap(n, p, keys))
        {
            s.events.push_back(e);
            continue;
        }
        if (in.Require(n, p, {"at"}))
        {
            e.atNs = in.Duration(n["at"], Child(p, "at")).value_or(0);
        }
        const EventKind* kind = nullptr;
        if (!n["action"])
        {
            in.Error(n, p, fmt::format("missing required key 'action' ({})", actionList));
        }
        else if (auto action = in.Scalar(n["action"], Child(p, "action")))
        {
            for (const EventKind& k : kinds)
            {
                kind = k.action == *action ? &k : kind;
            }
            if (!kind)
            {
                const std::string hint = ClosestName(*action, actions);
                in.Error(n["action"],
                         Child(p, "action"),
                         fmt::format("unknown action '{}'{} ({})",
                                     *action,
                                     hint.empty() ? "" : fmt::format("; did you mean '{}'?", hint),
                                     actionList));
            }
        }
        if (kind)
        {
            e.action = kind->action;
            // Keys that belong to other actions.
            for (const std::string& key : keys)
            {
                const bool own = std::any_of(kind->args.begin(), kind->args.end(), [&](const auto& a) {
                    return a.key == key;
                });
                if (key != "at" && key != "action" && !own && n[key])
                {
                    in.Error(n[key],
                             Child(p, key),
                             fmt::format("action '{}' takes {}, not '{}'",
                                         kind->action,
                                         Quoted(kind->args),
                                         key));
                }
            }
            for (const auto& arg : kind->args)
            {
                if (!n[arg.key])
                {
                    in.Error(n,
                             p,
                             fmt::format("action '{}' needs the key '{}'", kind->action, arg.key));
                }
                else if (auto v = in.Name(n[arg.key], Child(p, arg.key)))
                {
                    e.args.emplace_back(arg.key, *v);
                }
            }
        }
        s.events.push_back(e);
    }
}

void
ReadOutputs(const YAML::Node& node, YamlReader& in, Scenario& s)
{
    const std::string path = "outputs";
    if (!in.CheckMap(node, path, {"folder", "pcap", "message_trace", "netanim", "interval"}))
    {
        return;
    }
    OutputSpec& out = s.outputs;
    if (node["folder"])
    {
        out.folder = in.Scalar(node["folder"], Child(path, "folder")).value_or("");
    }
    if (const YAML::Node& pcap = node["pcap"])
    {
        const std::string pp = Child(path, "pcap");
        if (pcap.IsSequence())
        {
            in.CheckSequence(pcap, pp);
            for (size_t i = 0; i < pcap.size(); ++i)
            {
                auto v = in.Scalar(pcap[i], Index(pp, i));
                if (!v)
                {
                    continue;
                }
                const auto colon = v->find(':');
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
        else if (auto v = in.Scalar(pcap, pp))
        {
            if (*v == "all" || *v == "true")
            {
                out.pcap.all = true;
            }
            else if (*v != "none" && *v != "false")
            {
                in.Error(pcap,
                         pp,
                         fmt::format("'{}' is not a pcap choice (all, none, or a list of node or "
                                     "node:link names)",
                                     *v));
            }
        }
    }
    if (node["message_trace"])
    {
        out.messageTrace = in.Boolean(node["message_trace"], Child(path, "message_trace"))
                               .value_or(out.messageTrace);
    }
    if (node["netanim"])
    {
        out.netanim = in.Boolean(node["netanim"], Child(path, "netanim")).value_or(out.netanim);
    }
    if (node["interval"])
    {
        out.intervalNs =
            in.PositiveDuration(node["interval"], Child(path, "interval")).value_or(out.intervalNs);
    }
}

void
ReadExpect(const YAML::Node& list, YamlReader& in, Scenario& s)
{
    const std::string path = "expect";
    if (!in.CheckSequence(list, path))
    {
        return;
    }
    for (size_t i = 0; i < list.size(); ++i)
    {
        const YAML::Node& n = list[i];
        const std::string p = Index(path, i);
        ExpectSpec e;
        e.mark = MarkOf(n);
        if (in.CheckMap(n, p, {"flow", "min_delivery", "max_delivery", "max_mean_delay"}))
        {
            if (in.Require(n, p, {"flow"}))
            {
                e.flow = in.Name(n["flow"], Child(p, "flow")).value_or("");
            }
            if (n["min_delivery"])
            {
                e.minDelivery = in.Real(n["min_delivery"], Child(p, "min_delivery"), 0.0, 1.0);
            }
            if (n["max_delivery"])
            {
                e.maxDelivery = in.Real(n["max_delivery"], Child(p, "max_delivery"), 0.0, 1.0);
            }
            if (n["max_mean_delay"])
            {
                e.maxMeanDelayNs = in.Duration(n["max_mean_delay"], Child(p, "max_mean_delay"));
            }
            if (!n["min_delivery"] && !n["max_delivery"] && !n["max_mean_delay"])
            {
                in.Error(n, p, "an expectation needs min_delivery, max_delivery or max_mean_delay");
            }
        }
        s.expectations.push_back(e);
    }
}

} // namespace core
} // namespace scenario
} // namespace ns3
