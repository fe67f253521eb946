/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Reading and validating the `radius` and `tunnels` sections.
 */
#include "scenario-tunnel-feature.h"
#include "scenario-tunnel-impl.h"
#include "scenario-tunnel-section.h"

#include "ns3/scenario-checker.h"
#include "ns3/scenario-reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace ns3
{
namespace scenario
{

const TunnelSpec*
TunnelsSection::FindTunnel(const std::string& name) const
{
    for (const TunnelSpec& t : tunnels)
    {
        if (t.name == name)
        {
            return &t;
        }
    }
    return nullptr;
}

const RadiusServerSpec*
TunnelsSection::FindServer(const std::string& name) const
{
    for (const RadiusServerSpec& r : servers)
    {
        if (r.name == name)
        {
            return &r;
        }
    }
    return nullptr;
}

namespace
{

RadiusServerSpec
ReadServer(const YAML::Node& n, const std::string& p, YamlReader& in)
{
    RadiusServerSpec server;
    server.mark = MarkOf(n);
    if (!in.CheckMap(n, p, {"name", "node", "secret", "users"}))
    {
        return server;
    }
    in.Require(n, p, {"name", "node", "secret"});
    if (n["name"])
    {
        server.name = in.Name(n["name"], Child(p, "name")).value_or("");
    }
    if (n["node"])
    {
        server.node = in.Name(n["node"], Child(p, "node")).value_or("");
    }
    if (n["secret"])
    {
        server.secret = in.Scalar(n["secret"], Child(p, "secret")).value_or("");
        if (n["secret"].IsScalar() && server.secret.empty())
        {
            in.Error(n["secret"],
                     Child(p, "secret"),
                     "the shared secret must not be empty (RFC 2865 section 3)");
        }
    }
    const std::string up = Child(p, "users");
    if (n["users"] && in.CheckSequence(n["users"], up))
    {
        for (size_t j = 0; j < n["users"].size(); ++j)
        {
            const YAML::Node& u = n["users"][j];
            const std::string uj = Index(up, j);
            RadiusUserSpec user;
            user.mark = MarkOf(u);
            if (!in.CheckMap(u, uj, {"name", "password"}))
            {
                continue;
            }
            if (!u["name"] || !u["password"])
            {
                in.Error(u, uj, "a user needs 'name' and 'password'");
                continue;
            }
            user.name = in.Scalar(u["name"], Child(uj, "name")).value_or("");
            user.password = in.Scalar(u["password"], Child(uj, "password")).value_or("");
            // RFC 2865 5.2: User-Password is at most 128 octets.
            if (user.password.size() > 128)
            {
                in.Error(u["password"],
                         Child(uj, "password"),
                         "longer than the 128 octets RFC 2865 section 5.2 allows");
            }
            server.users.push_back(user);
        }
    }
    return server;
}

std::optional<TunnelAuthSpec>
ReadAuth(const YAML::Node& n, const std::string& p, YamlReader& in)
{
    if (!in.CheckMap(n, p, {"radius", "password", "timeout", "retries"}))
    {
        return std::nullopt;
    }
    if (!n["radius"] || !n["password"])
    {
        in.Error(n, p, "RADIUS authorisation needs 'radius' (a server name) and 'password'");
        return std::nullopt;
    }
    TunnelAuthSpec auth;
    auth.server = in.Name(n["radius"], Child(p, "radius")).value_or("");
    auth.password = in.Scalar(n["password"], Child(p, "password")).value_or("");
    if (n["timeout"])
    {
        auth.timeoutNs = in.PositiveDuration(n["timeout"], Child(p, "timeout"));
    }
    if (n["retries"])
    {
        if (auto v = in.Integer(n["retries"], Child(p, "retries"), 0, 100))
        {
            auth.retries = static_cast<uint32_t>(*v);
        }
    }
    return auth;
}

TunnelSpec
ReadTunnel(const YAML::Node& n, const std::string& p, YamlReader& in)
{
    TunnelSpec t;
    t.mark = MarkOf(n);
    if (!in.CheckMap(n,
                     p,
                     {"name",
                      "lac",
                      "lns",
                      "secret",
                      "session",
                      "addresses",
                      "auth",
                      "mutual_auth",
                      "start",
                      "hello_interval",
                      "retransmit",
                      "max_retransmissions",
                      "lcp_echo_interval"}))
    {
        return t;
    }
    in.Require(n, p, {"lac", "lns"});
    if (n["lac"])
    {
        t.lac = in.Name(n["lac"], Child(p, "lac")).value_or("");
    }
    if (n["lns"])
    {
        t.lns = in.Name(n["lns"], Child(p, "lns")).value_or("");
    }
    if (n["name"])
    {
        t.name = in.Name(n["name"], Child(p, "name")).value_or("");
    }
    else if (!t.lac.empty() && !t.lns.empty())
    {
        t.name = t.lac + "-" + t.lns;
    }
    if (n["secret"])
    {
        t.secret = in.Scalar(n["secret"], Child(p, "secret")).value_or("");
    }
    if (n["session"])
    {
        t.session = in.Boolean(n["session"], Child(p, "session")).value_or(true);
    }
    const std::string ap = Child(p, "addresses");
    if (n["addresses"] && in.CheckSequence(n["addresses"], ap))
    {
        if (n["addresses"].size() != 2)
        {
            in.Error(n["addresses"], ap, "give two addresses: the LAC's end, then the LNS's end");
        }
        else
        {
            auto a = in.Prefix(n["addresses"][0], Index(ap, 0));
            auto b = in.Prefix(n["addresses"][1], Index(ap, 1));
            if (a && b)
            {
                t.lacAddress = a;
                t.lnsAddress = b;
                t.addressesGiven = true;
            }
        }
    }
    if (n["auth"])
    {
        t.auth = ReadAuth(n["auth"], Child(p, "auth"), in);
    }
    if (n["mutual_auth"])
    {
        t.mutualAuth = ReadAuth(n["mutual_auth"], Child(p, "mutual_auth"), in);
    }
    if (n["start"])
    {
        t.startNs = in.Duration(n["start"], Child(p, "start")).value_or(0);
    }
    if (n["hello_interval"])
    {
        t.helloIntervalNs = in.PositiveDuration(n["hello_interval"], Child(p, "hello_interval"));
    }
    if (n["retransmit"])
    {
        t.retransmitNs = in.PositiveDuration(n["retransmit"], Child(p, "retransmit"));
    }
    if (n["lcp_echo_interval"])
    {
        t.lcpEchoIntervalNs = in.Duration(n["lcp_echo_interval"], Child(p, "lcp_echo_interval"));
    }
    if (n["max_retransmissions"])
    {
        if (auto v = in.Integer(n["max_retransmissions"], Child(p, "max_retransmissions"), 1, 100))
        {
            t.maxRetransmissions = static_cast<uint32_t>(*v);
        }
    }
    return t;
}

} // namespace

void
TunnelFeature::Read(const YAML::Node& root, YamlReader& in, Scenario& s) const
{
    if (const YAML::Node& node = root["radius"])
    {
        TunnelsSection& section = s.sections.Get<TunnelsSection>();
        const std::string path = "radius";
        if (in.CheckMap(node, path, {"servers"}) && in.Require(node, path, {"servers"}))
        {
            const std::string sp = Child(path, "servers");
            if (in.CheckSequence(node["servers"], sp))
            {
                for (size_t i = 0; i < node["servers"].size(); ++i)
                {
                    section.servers.push_back(ReadServer(node["servers"][i], Index(sp, i), in));
                }
            }
        }
    }
    if (const YAML::Node& list = root["tunnels"])
    {
        TunnelsSection& section = s.sections.Get<TunnelsSection>();
        if (in.CheckSequence(list, "tunnels"))
        {
            for (size_t i = 0; i < list.size(); ++i)
            {
                section.tunnels.push_back(ReadTunnel(list[i], Index("tunnels", i), in));
            }
        }
    }
}

namespace
{

void
CheckServers(const TunnelsSection& section, ScenarioChecker& check)
{
    check.UniqueNames(section.servers, "radius.servers", "RADIUS server");
    for (size_t i = 0; i < section.servers.size(); ++i)
    {
        const RadiusServerSpec& r = section.servers[i];
        const std::string p = fmt::format("radius.servers[{}]", i);
        check.NodeRef(r.node, p + ".node");
        std::set<std::string> users;
        for (size_t j = 0; j < r.users.size(); ++j)
        {
            if (!users.insert(r.users[j].name).second)
            {
                check.ErrorAt(fmt::format("{}.users[{}]", p, j),
                              fmt::format("user '{}' appears twice", r.users[j].name));
            }
        }
    }
}

void
CheckTunnel(const Scenario& s,
            const TunnelsSection& section,
            size_t i,
            ScenarioChecker& check)
{
    const TunnelSpec& t = section.tunnels[i];
    const std::string p = fmt::format("tunnels[{}]", i);
    check.NodeRef(t.lac, p + ".lac");
    check.NodeRef(t.lns, p + ".lns");
    if (!t.lac.empty() && t.lac == t.lns)
    {
        check.ErrorAt(p + ".lns", "a tunnel needs two different nodes");
    }
    for (auto [key, auth] : {std::make_pair("auth", &t.auth), std::make_pair("mutual_auth", &t.mutualAuth)})
    {
        if (*auth && !(*auth)->server.empty() && !section.FindServer((*auth)->server))
        {
            check.ErrorAt(fmt::format("{}.{}.radius", p, key),
                          fmt::format("unknown RADIUS server '{}'", (*auth)->server));
        }
    }
    if (t.mutualAuth && !t.auth)
    {
        check.ErrorAt(p + ".mutual_auth",
                      "mutual_auth is the LAC's check of the LNS; give 'auth' (the LNS's check) too");
    }
    if (t.addressesGiven)
    {
        CheckTunnelAddresses(s, t, p + ".addresses", check);
    }
}

void
CheckFlowsVia(const Scenario& s, const TunnelsSection* section, ScenarioChecker& check)
{
    for (size_t i = 0; i < s.flows.size(); ++i)
    {
        const FlowSpec& f = s.flows[i];
        if (f.via.empty())
        {
            continue;
        }
        const TunnelSpec* t = section ? section->FindTunnel(f.via) : nullptr;
        const std::string p = fmt::format("traffic[{}].via", i);
        if (!t)
        {
            check.ErrorAt(p, fmt::format("unknown tunnel '{}'", f.via));
        }
        else if (!t->session)
        {
            check.ErrorAt(p, fmt::format("tunnel '{}' has no session to carry traffic", f.via));
        }
        else if ((f.from != t->lac || f.to != t->lns) && (f.from != t->lns || f.to != t->lac))
        {
            check.ErrorAt(p,
                          fmt::format("a flow via tunnel '{}' runs between its ends {} and {}",
                                      f.via,
                                      t->lac,
                                      t->lns));
        }
    }
}

} // namespace

void
TunnelFeature::Validate(const Scenario& s, ScenarioChecker& check) const
{
    if (!check.NodesUsable())
    {
        return;
    }
    const TunnelsSection* section = s.sections.Find<TunnelsSection>();
    if (section)
    {
        CheckServers(*section, check);
        check.UniqueNames(section->tunnels, "tunnels", "tunnel");
        for (size_t i = 0; i < section->tunnels.size(); ++i)
        {
            CheckTunnel(s, *section, i, check);
        }
    }
    CheckFlowsVia(s, section, check);
}

} // namespace scenario
} // namespace ns3
