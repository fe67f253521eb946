/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Reading and validating the `ospf` section.
 */
#include "scenario-ospf-section.h"

#include "scenario-ospf-feature.h"

#include "ns3/scenario-checker.h"
#include "ns3/scenario-defaults.h"
#include "ns3/scenario-reader.h"

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace ns3
{
namespace scenario
{

namespace
{

constexpr int64_t kSecond = 1'000'000'000;
constexpr char kOspfTypeId[] = "ns3::ospf::Protocol";
/// D.3: a simple password fills the 64-bit authentication field.
constexpr size_t kMaxSimpleKey = 8;
/// D.4.3: the MD5 key is 16 octets (shorter keys are padded with zeros).
constexpr size_t kMaxMd5Key = 16;

/// A timer the RFC carries (or counts) in whole seconds.
std::optional<int64_t>
WholeSeconds(const YAML::Node& node,
             const std::string& path,
             YamlReader& in,
             int64_t minSeconds,
             int64_t maxSeconds,
             const char* why)
{
    auto v = in.Duration(node, path);
    if (!v)
    {
        return std::nullopt;
    }
    if (*v % kSecond != 0 || *v < minSeconds * kSecond || *v > maxSeconds * kSecond)
    {
        in.Error(node,
                 path,
                 fmt::format(
                     "must be whole seconds from {} s to {} s ({})", minSeconds, maxSeconds, why));
        return std::nullopt;
    }
    return v;
}

void
ReadSpf(const YAML::Node& n, const std::string& p, YamlReader& in, OspfSection& ospf)
{
    if (!in.CheckMap(n, p, {"initial_delay", "hold", "max_wait"}))
    {
        return;
    }
    if (n["initial_delay"])
    {
        ospf.spfInitialDelayNs =
            in.NonNegativeDuration(n["initial_delay"], Child(p, "initial_delay"));
    }
    if (n["hold"])
    {
        ospf.spfHoldNs = in.NonNegativeDuration(n["hold"], Child(p, "hold"));
    }
    if (n["max_wait"])
    {
        ospf.spfMaxWaitNs = in.NonNegativeDuration(n["max_wait"], Child(p, "max_wait"));
    }
}

void
ReadAuth(const YAML::Node& n, const std::string& p, YamlReader& in, OspfSection& ospf)
{
    if (!in.CheckMap(n, p, {"type", "key", "key_id"}) || !in.Require(n, p, {"type"}))
    {
        return;
    }
    ospf.authType = in.Enum(n["type"], Child(p, "type"), kOspfAuthTypes, "authentication type");
    if (n["key"])
    {
        ospf.authKey = in.Scalar(n["key"], Child(p, "key"));
    }
    if (n["key_id"])
    {
        if (auto v = in.Integer(n["key_id"], Child(p, "key_id"), 0, 255))
        {
            ospf.authKeyId = static_cast<uint32_t>(*v);
        }
    }
}

void
ReadExpect(const YAML::Node& n, const std::string& p, YamlReader& in, OspfSection& ospf)
{
    if (!in.CheckMap(n, p, {"adjacency_within", "convergence_within", "elections"}))
    {
        return;
    }
    if (n["adjacency_within"])
    {
        ospf.expectAdjacencyWithinNs =
            in.PositiveDuration(n["adjacency_within"], Child(p, "adjacency_within"));
    }
    if (n["convergence_within"])
    {
        ospf.expectConvergenceWithinNs =
            in.PositiveDuration(n["convergence_within"], Child(p, "convergence_within"));
    }
    const std::string ep = Child(p, "elections");
    if (n["elections"] && in.CheckSequence(n["elections"], ep))
    {
        for (size_t i = 0; i < n["elections"].size(); ++i)
        {
            const YAML::Node& e = n["elections"][i];
            const std::string ip = Index(ep, i);
            OspfElectionExpect x;
            x.mark = MarkOf(e);
            if (in.CheckMap(e, ip, {"link", "dr", "bdr"}) && in.Require(e, ip, {"link"}))
            {
                x.link = in.Name(e["link"], Child(ip, "link")).value_or("");
                if (e["dr"])
                {
                    x.dr = in.Name(e["dr"], Child(ip, "dr")).value_or("");
                }
                if (e["bdr"])
                {
                    x.bdr = in.Name(e["bdr"], Child(ip, "bdr")).value_or("");
                }
                if (!e["dr"] && !e["bdr"])
                {
                    in.Error(e, ip, "an election expectation needs 'dr' or 'bdr'");
                }
            }
            ospf.expectElections.push_back(x);
        }
    }
}

} // namespace

std::optional<uint16_t>
ParseLinkCost(const std::string& text)
{
    // RFC 2328 A.4.2: a 16-bit metric; 0 is no cost a link may have here.
    if (text.empty() || text.size() > 5 || !std::all_of(text.begin(), text.end(), [](char c) {
            return c >= '0' && c <= '9';
        }))
    {
        return std::nullopt;
    }
    const unsigned long v = std::stoul(text);
    if (v < 1 || v > 65535)
    {
        return std::nullopt;
    }
    return static_cast<uint16_t>(v);
}

uint32_t
OspfSection::PriorityOf(const std::string& node) const
{
    for (const OspfPrioritySpec& p : priorities)
    {
        if (p.node == node)
        {
            return p.priority;
        }
    }
    return priority.value_or(1);
}

void
OspfFeature::Read(const YAML::Node& root, YamlReader& in, Scenario& s) const
{
    const YAML::Node& node = root["ospf"];
    const std::string path = "ospf";
    if (!node || !in.CheckMap(node,
                              path,
                              {"hello_interval",
                               "dead_interval",
                               "retransmit_interval",
                               "transmit_delay",
                               "min_ls_interval",
                               "min_ls_arrival",
                               "priority",
                               "priorities",
                               "spf",
                               "auth",
                               "expect"}))
    {
        return;
    }
    OspfSection& ospf = s.sections.Get<OspfSection>();
    ospf.mark = MarkOf(node);
    // RFC 2328 A.3.2: HelloInterval is a 16-bit and RouterDeadInterval a
    // 32-bit count of seconds; RxmtInterval and InfTransDelay are seconds
    // too (C.3), and LS ages are whole seconds up to MaxAge (3600 s).
    if (node["hello_interval"])
    {
        ospf.helloIntervalNs = WholeSeconds(node["hello_interval"],
                                            Child(path, "hello_interval"),
                                            in,
                                            1,
                                            65535,
                                            "a 16-bit field of the Hello packet");
    }
    if (node["dead_interval"])
    {
        ospf.deadIntervalNs = WholeSeconds(node["dead_interval"],
                                           Child(path, "dead_interval"),
                                           in,
                                           1,
                                           4294967295,
                                           "a 32-bit field of the Hello packet");
    }
    if (node["retransmit_interval"])
    {
        ospf.retransmitIntervalNs = WholeSeconds(node["retransmit_interval"],
                                                 Child(path, "retransmit_interval"),
                                                 in,
                                                 1,
                                                 65535,
                                                 "RFC 2328 C.3");
    }
    if (node["transmit_delay"])
    {
        ospf.transmitDelayNs = WholeSeconds(node["transmit_delay"],
                                            Child(path, "transmit_delay"),
                                            in,
                                            1,
                                            3600,
                                            "added to LS ages, which end at MaxAge");
    }
    // RFC 2328 B: architectural constants, which routers let operators set.
    if (node["min_ls_interval"])
    {
        ospf.minLsIntervalNs =
            in.NonNegativeDuration(node["min_ls_interval"], Child(path, "min_ls_interval"));
    }
    if (node["min_ls_arrival"])
    {
        ospf.minLsArrivalNs =
            in.NonNegativeDuration(node["min_ls_arrival"], Child(path, "min_ls_arrival"));
    }
    if (node["priority"])
    {
        if (auto v = in.Integer(node["priority"], Child(path, "priority"), 0, 255))
        {
            ospf.priority = static_cast<uint32_t>(*v);
        }
    }
    const std::string pp = Child(path, "priorities");
    if (node["priorities"])
    {
        const YAML::Node& list = node["priorities"];
        if (!list.IsMap())
        {
            in.Error(list, pp, "expected a map of router names to priorities ({R1: 0})");
        }
        for (auto it = list.begin(); list.IsMap() && it != list.end(); ++it)
        {
            OspfPrioritySpec p;
            p.mark = MarkOf(it->second);
            auto name = in.Name(it->first, pp);
            if (!name)
            {
                continue;
            }
            p.node = *name;
            // Any router name is a key here, so CheckMap (a fixed key list)
            // does not apply; the positions are recorded the same way.
            in.Log().Mark(Child(pp, p.node), p.mark);
            if (auto v = in.Integer(it->second, Child(pp, p.node), 0, 255))
            {
                p.priority = static_cast<uint32_t>(*v);
                ospf.priorities.push_back(p);
            }
        }
    }
    if (node["spf"])
    {
        ReadSpf(node["spf"], Child(path, "spf"), in, ospf);
    }
    if (node["auth"])
    {
        ReadAuth(node["auth"], Child(path, "auth"), in, ospf);
    }
    if (node["expect"])
    {
        ReadExpect(node["expect"], Child(path, "expect"), in, ospf);
    }
}

void
OspfFeature::Validate(const Scenario& s, ScenarioChecker& check) const
{
    for (size_t i = 0; i < s.events.size(); ++i)
    {
        const EventSpec& e = s.events[i];
        if (e.action != kCostChange)
        {
            continue;
        }
        if (s.routing.core != "ospf")
        {
            check.ErrorAt(fmt::format("events[{}].action", i),
                          fmt::format("'{}' changes an OSPF interface cost; it needs "
                                      "routing.core: ospf (routing.core is '{}')",
                                      kCostChange,
                                      s.routing.core));
        }
        const std::string& cost = e.Arg("cost");
        if (!cost.empty() && !ParseLinkCost(cost))
        {
            check.ErrorAt(
                fmt::format("events[{}].cost", i),
                fmt::format("'{}' is not a link cost (an integer from 1 to 65535)", cost));
        }
    }
    const OspfSection* ospf = s.sections.Find<OspfSection>();
    if (!ospf)
    {
        return;
    }
    if (s.routing.core != "ospf")
    {
        check.ErrorAt("ospf",
                      fmt::format("the ospf section configures the core routing 'ospf', but "
                                  "routing.core is '{}' (set routing: {{core: ospf}})",
                                  s.routing.core));
    }
    // RFC 2328 C.3: RouterDeadInterval is some multiple of HelloInterval;
    // one not above it declares neighbours dead between two Hellos.
    const int64_t hello =
        ospf->helloIntervalNs.value_or(DefaultTimeNs(kOspfTypeId, "HelloInterval"));
    const int64_t dead =
        ospf->deadIntervalNs.value_or(DefaultTimeNs(kOspfTypeId, "RouterDeadInterval"));
    if ((ospf->helloIntervalNs || ospf->deadIntervalNs) && dead <= hello)
    {
        check.ErrorAt(ospf->deadIntervalNs ? "ospf.dead_interval" : "ospf.hello_interval",
                      fmt::format("dead_interval ({}) must be longer than hello_interval ({}), "
                                  "or neighbours are declared down between Hellos (RFC 2328 "
                                  "C.3 suggests four times)",
                                  FormatDuration(dead),
                                  FormatDuration(hello)));
    }
    const int64_t hold = ospf->spfHoldNs.value_or(DefaultTimeNs(kOspfTypeId, "SpfHoldTime"));
    const int64_t maxWait = ospf->spfMaxWaitNs.value_or(DefaultTimeNs(kOspfTypeId, "SpfMaxWait"));
    if ((ospf->spfHoldNs || ospf->spfMaxWaitNs) && hold > maxWait)
    {
        check.ErrorAt(ospf->spfHoldNs ? "ospf.spf.hold" : "ospf.spf.max_wait",
                      fmt::format("the SPF hold time ({}) must not exceed max_wait ({}), "
                                  "the longest it may grow to",
                                  FormatDuration(hold),
                                  FormatDuration(maxWait)));
    }
    const int64_t interval =
        ospf->minLsIntervalNs.value_or(DefaultTimeNs(kOspfTypeId, "MinLSInterval"));
    const int64_t arrival =
        ospf->minLsArrivalNs.value_or(DefaultTimeNs(kOspfTypeId, "MinLSArrival"));
    if ((ospf->minLsIntervalNs || ospf->minLsArrivalNs) && arrival > interval)
    {
        check.ErrorAt(ospf->minLsArrivalNs ? "ospf.min_ls_arrival" : "ospf.min_ls_interval",
                      fmt::format("min_ls_arrival ({}) must not exceed min_ls_interval ({}): "
                                  "neighbours would discard a router's next instance "
                                  "(RFC 2328 13, step 5a)",
                                  FormatDuration(arrival),
                                  FormatDuration(interval)));
    }
    if (ospf->authType)
    {
        const OspfAuthType type = *ospf->authType;
        if (type == OspfAuthType::NONE && ospf->authKey)
        {
            check.ErrorAt("ospf.auth.key", "authentication type 'none' takes no key");
        }
        if (type != OspfAuthType::NONE && !ospf->authKey)
        {
            check.ErrorAt(
                "ospf.auth",
                fmt::format("authentication type '{}' needs a key", kOspfAuthTypes.Name(type)));
        }
        if (type != OspfAuthType::MD5 && ospf->authKeyId)
        {
            check.ErrorAt("ospf.auth.key_id", "only md5 authentication has a key ID");
        }
        const bool simple = type == OspfAuthType::SIMPLE;
        const size_t max = simple ? kMaxSimpleKey : kMaxMd5Key;
        if (type != OspfAuthType::NONE && ospf->authKey &&
            (ospf->authKey->empty() || ospf->authKey->size() > max))
        {
            check.ErrorAt("ospf.auth.key",
                          fmt::format("{} is 1 to {} octets (RFC 2328 {}); this one has {}",
                                      simple ? "a simple password" : "an MD5 key",
                                      max,
                                      simple ? "D.3" : "D.4.3",
                                      ospf->authKey->size()));
        }
    }
    if (!check.NodesUsable())
    {
        return;
    }
    std::set<std::string> seen;
    for (const OspfPrioritySpec& p : ospf->priorities)
    {
        const std::string kp = "ospf.priorities." + p.node;
        if (!seen.insert(p.node).second)
        {
            check.ErrorAt(kp, fmt::format("router '{}' is given twice", p.node));
        }
        check.RouterRef(p.node, kp, "only routers run OSPF");
    }
    for (size_t i = 0; i < ospf->expectElections.size(); ++i)
    {
        const OspfElectionExpect& e = ospf->expectElections[i];
        const std::string p = fmt::format("ospf.expect.elections[{}]", i);
        const LinkSpec* link = check.LinkRef(e.link, p + ".link");
        if (link && link->type != LinkType::CSMA)
        {
            check.ErrorAt(p + ".link",
                          fmt::format("'{}' is a point-to-point link; only csma links elect a "
                                      "Designated Router",
                                      e.link));
        }
        for (const auto& role : {std::make_pair("dr", e.dr), std::make_pair("bdr", e.bdr)})
        {
            // Named, not a structured binding: C++17 lambdas cannot capture those.
            const char* key = role.first;
            const std::string& name = role.second;
            if (name.empty() || name == "none")
            {
                continue;
            }
            const std::string kp = fmt::format("{}.{}", p, key);
            const NodeSpec* n = check.RouterRef(name, kp, "only routers are elected");
            if (n && link &&
                std::none_of(link->endpoints.begin(), link->endpoints.end(), [&](const auto& ep) {
                    return ep.node == name;
                }))
            {
                check.ErrorAt(kp, fmt::format("'{}' is not on link '{}'", name, e.link));
            }
        }
    }
}

} // namespace scenario
} // namespace ns3
