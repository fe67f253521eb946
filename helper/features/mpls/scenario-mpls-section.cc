/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Reading and validating the `mpls` section.
 */
#include "scenario-mpls-feature.h"
#include "scenario-mpls-section.h"

#include "ns3/scenario-checker.h"
#include "ns3/scenario-defaults.h"
#include "ns3/scenario-reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace ns3
{
namespace scenario
{

namespace
{

/// RFC 5036 carries hold and keepalive times as 16-bit counts of seconds.
constexpr int64_t kMaxLdpSeconds = 65535;
constexpr int64_t kSecond = 1'000'000'000;

void
ReadRouters(const YAML::Node& node, const std::string& path, YamlReader& in, MplsSection& mpls)
{
    if (!node["routers"])
    {
        in.Error(node, path, "missing required key 'routers' (a list of router names, or 'all')");
        return;
    }
    const std::string p = Child(path, "routers");
    const YAML::Node& routers = node["routers"];
    if (routers.IsScalar())
    {
        if (routers.Scalar() == "all")
        {
            mpls.allRouters = true;
        }
        else
        {
            in.Error(routers, p, "expected a list of router names or 'all'");
        }
        return;
    }
    if (in.CheckSequence(routers, p))
    {
        for (size_t i = 0; i < routers.size(); ++i)
        {
            if (auto v = in.Name(routers[i], Index(p, i)))
            {
                mpls.routers.push_back(*v);
            }
        }
    }
}

void
ReadLdp(const YAML::Node& ldp, const std::string& p, YamlReader& in, MplsSection& mpls)
{
    if (!in.CheckMap(ldp, p, {"hello_interval", "hello_hold", "keepalive"}))
    {
        return;
    }
    // The Hello interval may be sub-second; hold times travel as whole seconds.
    auto timer = [&](const char* key, std::optional<int64_t>& out, bool wholeSeconds) {
        if (!ldp[key])
        {
            return;
        }
        const std::string kp = Child(p, key);
        auto v = in.Duration(ldp[key], kp);
        if (!v)
        {
            return;
        }
        const int64_t min = wholeSeconds ? kSecond : 1'000'000;
        if (*v < min || *v > kMaxLdpSeconds * kSecond || (wholeSeconds && *v % kSecond != 0))
        {
            in.Error(ldp[key],
                     kp,
                     wholeSeconds ? fmt::format("must be whole seconds from 1 s to {} s "
                                                "(a 16-bit field of RFC 5036)",
                                                kMaxLdpSeconds)
                                  : fmt::format("must be from 1 ms to {} s", kMaxLdpSeconds));
            return;
        }
        out = *v;
    };
    timer("hello_interval", mpls.helloIntervalNs, false);
    timer("hello_hold", mpls.helloHoldNs, true);
    timer("keepalive", mpls.keepAliveNs, true);
}

LspSpec
ReadLsp(const YAML::Node& n, const std::string& p, YamlReader& in)
{
    LspSpec lsp;
    lsp.mark = MarkOf(n);
    if (!in.CheckMap(n, p, {"name", "ingress", "egress", "to", "fec", "labels", "flow"}))
    {
        return lsp;
    }
    in.Require(n, p, {"name", "ingress", "egress"});
    for (auto [key, field] : {std::make_pair("name", &lsp.name),
                              std::make_pair("ingress", &lsp.ingress),
                              std::make_pair("egress", &lsp.egress),
                              std::make_pair("to", &lsp.to),
                              std::make_pair("flow", &lsp.flow)})
    {
        if (n[key])
        {
            *field = in.Name(n[key], Child(p, key)).value_or("");
        }
    }
    if (n["fec"])
    {
        lsp.fec = in.Prefix(n["fec"], Child(p, "fec"));
        lsp.fecGiven = true;
    }
    if (!n["fec"] && !n["to"])
    {
        in.Error(n, p, "an LSP needs 'to' (a node behind the egress) or 'fec' (a prefix)");
    }
    if (n["labels"] && in.CheckSequence(n["labels"], Child(p, "labels")))
    {
        for (size_t j = 0; j < n["labels"].size(); ++j)
        {
            if (auto v = in.Name(n["labels"][j], Index(Child(p, "labels"), j)))
            {
                lsp.labelNames.push_back(*v);
            }
        }
    }
    return lsp;
}

} // namespace

bool
MplsSection::IsLsr(const Scenario& s, const std::string& node) const
{
    if (allRouters)
    {
        const NodeSpec* n = s.FindNode(node);
        return n && n->kind == NodeKind::ROUTER;
    }
    return std::find(routers.begin(), routers.end(), node) != routers.end();
}

void
MplsFeature::Read(const YAML::Node& root, YamlReader& in, Scenario& s) const
{
    const YAML::Node& node = root["mpls"];
    const std::string path = "mpls";
    if (!node || !in.CheckMap(node, path, {"routers", "egress_label", "ldp", "lsps"}))
    {
        return;
    }
    MplsSection& mpls = s.sections.Get<MplsSection>();
    mpls.mark = MarkOf(node);
    ReadRouters(node, path, in, mpls);
    if (node["egress_label"])
    {
        mpls.egressLabel = in.Enum(node["egress_label"],
                                   Child(path, "egress_label"),
                                   kEgressLabels,
                                   "egress label");
    }
    if (node["ldp"])
    {
        ReadLdp(node["ldp"], Child(path, "ldp"), in, mpls);
    }
    if (node["lsps"] && in.CheckSequence(node["lsps"], Child(path, "lsps")))
    {
        for (size_t i = 0; i < node["lsps"].size(); ++i)
        {
            mpls.lsps.push_back(ReadLsp(node["lsps"][i], Index(Child(path, "lsps"), i), in));
        }
    }
}

void
MplsFeature::Validate(const Scenario& s, ScenarioChecker& check) const
{
    const MplsSection* mpls = s.sections.Find<MplsSection>();
    if (!mpls)
    {
        return;
    }
    const int64_t helloInterval =
        mpls->helloIntervalNs.value_or(DefaultTimeNs("ns3::ldp::Protocol", "LinkHelloInterval"));
    const int64_t helloHold =
        mpls->helloHoldNs.value_or(DefaultTimeNs("ns3::ldp::Protocol", "LinkHelloHoldTime"));
    if ((mpls->helloIntervalNs || mpls->helloHoldNs) && helloHold <= helloInterval)
    {
        check.ErrorAt("mpls.ldp",
                      "hello_hold must be longer than hello_interval, or adjacencies expire "
                      "between Hellos (RFC 5036 section 3.5.2 suggests three times)");
    }
    if (!check.NodesUsable())
    {
        return;
    }
    std::set<std::string> seen;
    for (size_t i = 0; i < mpls->routers.size(); ++i)
    {
        const std::string p = fmt::format("mpls.routers[{}]", i);
        const NodeSpec* n = check.RouterRef(mpls->routers[i], p, "only routers switch labels");
        if (n && !seen.insert(n->name).second)
        {
            check.ErrorAt(p, fmt::format("router '{}' is listed twice", n->name));
        }
    }
    check.UniqueNames(mpls->lsps, "mpls.lsps", "LSP");
    for (size_t i = 0; i < mpls->lsps.size(); ++i)
    {
        const LspSpec& lsp = mpls->lsps[i];
        const std::string p = fmt::format("mpls.lsps[{}]", i);
        for (auto [key, node] : {std::make_pair("ingress", lsp.ingress),
                                 std::make_pair("egress", lsp.egress)})
        {
            const std::string kp = fmt::format("{}.{}", p, key);
            if (check.NodeRef(node, kp) && !mpls->IsLsr(s, node))
            {
                check.ErrorAt(kp, fmt::format("'{}' is not one of mpls.routers", node));
            }
        }
        if (!lsp.ingress.empty() && lsp.ingress == lsp.egress)
        {
            check.ErrorAt(p + ".egress", "an LSP needs different ingress and egress routers");
        }
        if (check.NodeRef(lsp.to, p + ".to") && mpls->IsLsr(s, lsp.to))
        {
            check.ErrorAt(p + ".to",
                          fmt::format("'{}' is an MPLS router; 'to' names a site node behind "
                                      "the egress",
                                      lsp.to));
        }
        check.FlowRef(lsp.flow, p + ".flow");
    }
}

} // namespace scenario
} // namespace ns3
