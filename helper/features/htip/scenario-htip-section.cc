/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Reading the `tunnelling` section (scenario-htip-section.h).
 */
#include "scenario-htip-section.h"

#include "ns3/scenario-reader.h"
#include "ns3/scenario-values.h"

namespace ns3
{
namespace scenario
{

const TunnellingHomeSpec*
TunnellingSection::FindHome(const std::string& home) const
{
    for (const TunnellingHomeSpec& h : homes)
    {
        if (h.home == home)
        {
            return &h;
        }
    }
    return nullptr;
}

namespace
{

TunnellingHomeSpec
ReadHome(const YAML::Node& n, const std::string& p, YamlReader& in)
{
    TunnellingHomeSpec h;
    h.mark = MarkOf(n);
    if (!in.CheckMap(n, p, {"home", "accept_from", "silent", "nak_everything"}) ||
        !in.Require(n, p, {"home"}))
    {
        return h;
    }
    h.home = in.Name(n["home"], Child(p, "home")).value_or("");
    if (const YAML::Node& list = n["accept_from"])
    {
        const std::string lp = Child(p, "accept_from");
        if (in.CheckSequence(list, lp))
        {
            for (size_t i = 0; i < list.size(); ++i)
            {
                if (auto name = in.Scalar(list[i], Index(lp, i)))
                {
                    h.acceptFrom.push_back(*name);
                }
            }
        }
    }
    if (n["silent"])
    {
        h.silent = in.Boolean(n["silent"], Child(p, "silent")).value_or(false);
    }
    if (n["nak_everything"])
    {
        h.nakEverything =
            in.Boolean(n["nak_everything"], Child(p, "nak_everything")).value_or(false);
    }
    return h;
}

HtipAttackSpec
ReadAttack(const YAML::Node& n, const std::string& p, YamlReader& in)
{
    HtipAttackSpec a;
    a.mark = MarkOf(n);
    if (!in.CheckMap(n, p, {"from", "to", "at", "kind", "claim"}) ||
        !in.Require(n, p, {"from", "to", "at", "kind"}))
    {
        return a;
    }
    a.from = in.Name(n["from"], Child(p, "from")).value_or("");
    a.to = in.Name(n["to"], Child(p, "to")).value_or("");
    a.atNs = in.Duration(n["at"], Child(p, "at")).value_or(0);
    a.kind = in.Enum(n["kind"], Child(p, "kind"), kHtipAttackKinds, "attack kind")
                 .value_or(HtipAttackKind::MALFORMED);
    if (n["claim"])
    {
        if (a.kind != HtipAttackKind::SPOOFED_REQUEST)
        {
            in.Error(n["claim"], Child(p, "claim"), "only a 'spoofed-request' takes 'claim'");
        }
        a.claim = in.Scalar(n["claim"], Child(p, "claim")).value_or("");
    }
    else if (a.kind == HtipAttackKind::SPOOFED_REQUEST)
    {
        in.Error(n, p, "a 'spoofed-request' names the gateway it claims to be: give 'claim'");
    }
    return a;
}

} // namespace

void
ReadTunnelling(const YAML::Node& root, YamlReader& in, Scenario& s)
{
    const YAML::Node& n = root[TunnellingSection::kKey];
    if (!n)
    {
        return;
    }
    const std::string p = TunnellingSection::kKey;
    TunnellingSection& t = s.sections.Get<TunnellingSection>();
    if (!in.CheckMap(n,
                     p,
                     {"embodiment",
                      "candidates",
                      "retransmit",
                      "max_retransmit",
                      "give_up",
                      "max_nak_rounds",
                      "verify_peers",
                      "secret",
                      "answer_ttl",
                      "homes",
                      "attacks"}))
    {
        return;
    }
    if (n["embodiment"])
    {
        t.embodiment = in.Enum(n["embodiment"], Child(p, "embodiment"), kEmbodiments, "embodiment");
    }
    if (n["candidates"])
    {
        if (auto v = in.Integer(n["candidates"], Child(p, "candidates"), 1, 51))
        {
            t.candidates = static_cast<uint32_t>(*v);
        }
    }
    auto duration = [&](const char* key, std::optional<int64_t>& to) {
        if (n[key])
        {
            to = in.PositiveDuration(n[key], Child(p, key));
        }
    };
    duration("retransmit", t.retransmitNs);
    duration("max_retransmit", t.maxRetransmitNs);
    duration("give_up", t.giveUpNs);
    if (n["max_nak_rounds"])
    {
        if (auto v = in.Integer(n["max_nak_rounds"], Child(p, "max_nak_rounds"), 0, 100))
        {
            t.maxNakRounds = static_cast<uint32_t>(*v);
        }
    }
    if (n["verify_peers"])
    {
        t.verifyPeers = in.Boolean(n["verify_peers"], Child(p, "verify_peers"));
    }
    if (n["answer_ttl"])
    {
        if (auto v = in.Integer(n["answer_ttl"], Child(p, "answer_ttl"), 0, 86400))
        {
            t.answerTtl = static_cast<uint32_t>(*v);
        }
    }
    if (n["secret"])
    {
        t.secret = in.Scalar(n["secret"], Child(p, "secret")).value_or("");
    }
    if (const YAML::Node& list = n["homes"])
    {
        const std::string hp = Child(p, "homes");
        if (in.CheckSequence(list, hp))
        {
            for (size_t i = 0; i < list.size(); ++i)
            {
                t.homes.push_back(ReadHome(list[i], Index(hp, i), in));
            }
        }
    }
    if (const YAML::Node& list = n["attacks"])
    {
        const std::string ap = Child(p, "attacks");
        if (in.CheckSequence(list, ap))
        {
            for (size_t i = 0; i < list.size(); ++i)
            {
                t.attacks.push_back(ReadAttack(list[i], Index(ap, i), in));
            }
        }
    }
}

} // namespace scenario
} // namespace ns3
