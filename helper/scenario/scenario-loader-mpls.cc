/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The `mpls` section of a scenario: which routers switch labels, the LDP
 * timers, the egress label mode and the label switched paths to report on.
 */
#include "scenario-loader-impl.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace ns3
{
namespace scenario
{
namespace detail
{

namespace
{

/// RFC 5036 carries hold and keepalive times as 16-bit counts of seconds.
constexpr int64_t kMaxLdpSeconds = 65535;

} // namespace

void
Loader::ReadMpls(const YAML::Node& node)
{
    const std::string path = "mpls";
    if (!CheckMap(node, path, {"routers", "egress_label", "ldp", "lsps"}))
    {
        return;
    }
    MplsSpec& mpls = m_s.mpls;
    mpls.enabled = true;
    mpls.mark = MarkOf(node);

    const std::string routersPath = Child(path, "routers");
    if (!node["routers"])
    {
        Error(node, path, "missing required key 'routers' (a list of router names, or 'all')");
    }
    else if (node["routers"].IsScalar())
    {
        if (node["routers"].Scalar() == "all")
        {
            mpls.routers = {"*"}; // every router; resolved in CheckMpls
        }
        else
        {
            Error(node["routers"], routersPath, "expected a list of router names or 'all'");
        }
    }
    else if (CheckSequence(node["routers"], routersPath))
    {
        for (size_t i = 0; i < node["routers"].size(); ++i)
        {
            if (auto v = Name(node["routers"][i], Index(routersPath, i)))
            {
                mpls.routers.push_back(*v);
            }
        }
    }

    if (node["egress_label"])
    {
        const std::string p = Child(path, "egress_label");
        if (auto v = Scalar(node["egress_label"], p))
        {
            if (*v == "implicit-null")
            {
                mpls.egressLabel = EgressLabel::IMPLICIT_NULL;
            }
            else if (*v == "explicit-null")
            {
                mpls.egressLabel = EgressLabel::EXPLICIT_NULL;
            }
            else if (*v == "non-null")
            {
                mpls.egressLabel = EgressLabel::NON_NULL;
            }
            else
            {
                Error(node["egress_label"],
                      p,
                      fmt::format("unknown egress label '{}' (implicit-null, explicit-null or "
                                  "non-null)",
                                  *v));
            }
        }
    }

    if (const YAML::Node& ldp = node["ldp"])
    {
        const std::string p = Child(path, "ldp");
        if (CheckMap(ldp, p, {"hello_interval", "hello_hold", "keepalive"}))
        {
            auto seconds = [&](const char* key, int64_t& out, int64_t minNs) {
                if (!ldp[key])
                {
                    return;
                }
                const std::string kp = Child(p, key);
                auto v = Duration(ldp[key], kp);
                if (!v)
                {
                    return;
                }
                if (*v < minNs || *v > kMaxLdpSeconds * 1'000'000'000 ||
                    (minNs >= 1'000'000'000 && *v % 1'000'000'000 != 0))
                {
                    Error(ldp[key],
                          kp,
                          minNs >= 1'000'000'000
                              ? fmt::format("must be whole seconds from 1 s to {} s "
                                            "(a 16-bit field of RFC 5036)",
                                            kMaxLdpSeconds)
                              : fmt::format("must be from 1 ms to {} s", kMaxLdpSeconds));
                    return;
                }
                out = *v;
            };
            seconds("hello_interval", mpls.ldp.helloIntervalNs, 1'000'000);
            seconds("hello_hold", mpls.ldp.helloHoldNs, 1'000'000'000);
            seconds("keepalive", mpls.ldp.keepAliveNs, 1'000'000'000);
            if (mpls.ldp.helloHoldNs <= mpls.ldp.helloIntervalNs)
            {
                Error(ldp,
                      p,
                      "hello_hold must be longer than hello_interval, or adjacencies expire "
                      "between Hellos (RFC 5036 section 3.5.2 suggests three times)");
            }
        }
    }

    if (node["lsps"])
    {
        const std::string lp = Child(path, "lsps");
        if (!CheckSequence(node["lsps"], lp))
        {
            return;
        }
        for (size_t i = 0; i < node["lsps"].size(); ++i)
        {
            const YAML::Node& n = node["lsps"][i];
            const std::string p = Index(lp, i);
            LspSpec lsp;
            lsp.mark = MarkOf(n);
            if (!CheckMap(n, p, {"name", "ingress", "egress", "to", "fec", "labels", "flow"}))
            {
                mpls.lsps.push_back(lsp);
                continue;
            }
            auto name = [&](const char* key, std::string& out, bool required) {
                if (n[key])
                {
                    if (auto v = Name(n[key], Child(p, key)))
                    {
                        out = *v;
                    }
                }
                else if (required)
                {
                    Error(n, p, fmt::format("missing required key '{}'", key));
                }
            };
            name("name", lsp.name, true);
            name("ingress", lsp.ingress, true);
            name("egress", lsp.egress, true);
            name("to", lsp.to, false);
            name("flow", lsp.flow, false);
            if (n["fec"])
            {
                lsp.fec = Prefix(n["fec"], Child(p, "fec"));
            }
            if (!n["fec"] && !n["to"])
            {
                Error(n, p, "an LSP needs 'to' (a node behind the egress) or 'fec' (a prefix)");
            }
            if (n["labels"] && CheckSequence(n["labels"], Child(p, "labels")))
            {
                for (size_t j = 0; j < n["labels"].size(); ++j)
                {
                    if (auto v = Name(n["labels"][j], Index(Child(p, "labels"), j)))
                    {
                        lsp.labelNames.push_back(*v);
                    }
                }
            }
            mpls.lsps.push_back(lsp);
        }
    }
}

void
Loader::CheckMpls()
{
    MplsSpec& mpls = m_s.mpls;
    if (!mpls.enabled || !m_nodesUsable)
    {
        return;
    }
    if (mpls.routers == std::vector<std::string>{"*"})
    {
        mpls.routers.clear();
        for (const NodeSpec& n : m_s.nodes)
        {
            if (n.kind == NodeKind::ROUTER)
            {
                mpls.routers.push_back(n.name);
            }
        }
    }
    std::set<std::string> seen;
    for (size_t i = 0; i < mpls.routers.size(); ++i)
    {
        const std::string p = fmt::format("mpls.routers[{}]", i);
        const NodeSpec* n = m_s.FindNode(mpls.routers[i]);
        if (!n)
        {
            ErrorAt(p, fmt::format("unknown node '{}'", mpls.routers[i]));
        }
        else if (n->kind != NodeKind::ROUTER)
        {
            ErrorAt(p, fmt::format("'{}' is a host; only routers switch labels", n->name));
        }
        else if (!seen.insert(n->name).second)
        {
            ErrorAt(p, fmt::format("router '{}' is listed twice", n->name));
        }
    }

    std::set<std::string> names;
    for (size_t i = 0; i < mpls.lsps.size(); ++i)
    {
        const LspSpec& lsp = mpls.lsps[i];
        const std::string p = fmt::format("mpls.lsps[{}]", i);
        if (!lsp.name.empty() && !names.insert(lsp.name).second)
        {
            ErrorAt(p + ".name", fmt::format("duplicate LSP name '{}'", lsp.name));
        }
        auto endpoint = [&](const char* key, const std::string& node) {
            if (node.empty())
            {
                return;
            }
            if (!m_s.FindNode(node))
            {
                ErrorAt(fmt::format("{}.{}", p, key), fmt::format("unknown node '{}'", node));
            }
            else if (!mpls.IsLsr(node))
            {
                ErrorAt(fmt::format("{}.{}", p, key),
                        fmt::format("'{}' is not one of mpls.routers", node));
            }
        };
        endpoint("ingress", lsp.ingress);
        endpoint("egress", lsp.egress);
        if (!lsp.ingress.empty() && lsp.ingress == lsp.egress)
        {
            ErrorAt(p + ".egress", "an LSP needs different ingress and egress routers");
        }
        if (!lsp.to.empty())
        {
            const NodeSpec* to = m_s.FindNode(lsp.to);
            if (!to)
            {
                ErrorAt(p + ".to", fmt::format("unknown node '{}'", lsp.to));
            }
            else if (mpls.IsLsr(lsp.to))
            {
                ErrorAt(p + ".to",
                        fmt::format("'{}' is an MPLS router; 'to' names a site node behind the "
                                    "egress",
                                    lsp.to));
            }
        }
        if (!lsp.flow.empty() &&
            std::none_of(m_s.flows.begin(), m_s.flows.end(), [&](const FlowSpec& f) {
                return f.name == lsp.flow;
            }))
        {
            ErrorAt(p + ".flow", fmt::format("unknown flow '{}'", lsp.flow));
        }
    }
}

} // namespace detail
} // namespace scenario
} // namespace ns3
