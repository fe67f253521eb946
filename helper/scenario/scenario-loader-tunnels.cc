/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The `radius` and `tunnels` sections of a scenario: RADIUS servers with
 * their users, and L2TP tunnels (with a PPP session) whose ends may ask a
 * RADIUS server before the tunnel comes up.
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

/// Tunnels without `addresses` get 10.255.k.1/30 and 10.255.k.2/30.
constexpr uint32_t kDefaultTunnelBase = (10u << 24) | (255u << 16);

} // namespace

void
Loader::ReadRadius(const YAML::Node& node)
{
    const std::string path = "radius";
    if (!CheckMap(node, path, {"servers"}) || !node["servers"])
    {
        if (node.IsMap())
        {
            Error(node, path, "missing required key 'servers'");
        }
        return;
    }
    const std::string sp = Child(path, "servers");
    if (!CheckSequence(node["servers"], sp))
    {
        return;
    }
    for (size_t i = 0; i < node["servers"].size(); ++i)
    {
        const YAML::Node& n = node["servers"][i];
        const std::string p = Index(sp, i);
        RadiusServerSpec server;
        server.mark = MarkOf(n);
        if (CheckMap(n, p, {"name", "node", "secret", "users"}))
        {
            for (const char* key : {"name", "node", "secret"})
            {
                if (!n[key])
                {
                    Error(n, p, fmt::format("missing required key '{}'", key));
                }
            }
            if (n["name"])
            {
                server.name = Name(n["name"], Child(p, "name")).value_or("");
            }
            if (n["node"])
            {
                server.node = Name(n["node"], Child(p, "node")).value_or("");
            }
            if (n["secret"])
            {
                server.secret = Scalar(n["secret"], Child(p, "secret")).value_or("");
                if (n["secret"].IsScalar() && server.secret.empty())
                {
                    Error(n["secret"], Child(p, "secret"), "the shared secret must not be empty (RFC 2865 section 3)");
                }
            }
            if (n["users"] && CheckSequence(n["users"], Child(p, "users")))
            {
                for (size_t j = 0; j < n["users"].size(); ++j)
                {
                    const YAML::Node& u = n["users"][j];
                    const std::string up = Index(Child(p, "users"), j);
                    RadiusUserSpec user;
                    user.mark = MarkOf(u);
                    if (!CheckMap(u, up, {"name", "password"}))
                    {
                        continue;
                    }
                    if (!u["name"] || !u["password"])
                    {
                        Error(u, up, "a user needs 'name' and 'password'");
                        continue;
                    }
                    user.name = Scalar(u["name"], Child(up, "name")).value_or("");
                    user.password = Scalar(u["password"], Child(up, "password")).value_or("");
                    // RFC 2865 5.2: User-Password is at most 128 octets.
                    if (user.password.size() > 128)
                    {
                        Error(u["password"], Child(up, "password"), "longer than the 128 octets RFC 2865 section 5.2 allows");
                    }
                    server.users.push_back(user);
                }
            }
        }
        m_s.radiusServers.push_back(server);
    }
}

std::optional<TunnelAuthSpec>
Loader::ReadTunnelAuth(const YAML::Node& n, const std::string& p)
{
    if (!CheckMap(n, p, {"radius", "password", "timeout", "retries"}))
    {
        return std::nullopt;
    }
    TunnelAuthSpec auth;
    if (!n["radius"] || !n["password"])
    {
        Error(n, p, "RADIUS authorisation needs 'radius' (a server name) and 'password'");
        return std::nullopt;
    }
    auth.server = Name(n["radius"], Child(p, "radius")).value_or("");
    auth.password = Scalar(n["password"], Child(p, "password")).value_or("");
    if (n["timeout"])
    {
        if (auto v = Duration(n["timeout"], Child(p, "timeout")))
        {
            if (*v <= 0)
            {
                Error(n["timeout"], Child(p, "timeout"), "must be positive");
            }
            auth.timeoutNs = *v;
        }
    }
    if (n["retries"])
    {
        if (auto v = Integer(n["retries"], Child(p, "retries"), 0, 100))
        {
            auth.retries = static_cast<uint32_t>(*v);
        }
    }
    return auth;
}

void
Loader::ReadTunnels(const YAML::Node& list)
{
    const std::string path = "tunnels";
    if (!CheckSequence(list, path))
    {
        return;
    }
    for (size_t i = 0; i < list.size(); ++i)
    {
        const YAML::Node& n = list[i];
        const std::string p = Index(path, i);
        TunnelSpec t;
        t.mark = MarkOf(n);
        if (!CheckMap(n,
                      p,
                      {"name", "lac", "lns", "secret", "session", "addresses", "auth", "mutual_auth",
                       "start", "hello_interval", "retransmit", "max_retransmissions",
                       "lcp_echo_interval"}))
        {
            m_s.tunnels.push_back(t);
            continue;
        }
        for (const char* key : {"lac", "lns"})
        {
            if (!n[key])
            {
                Error(n, p, fmt::format("missing required key '{}'", key));
            }
        }
        if (n["lac"])
        {
            t.lac = Name(n["lac"], Child(p, "lac")).value_or("");
        }
        if (n["lns"])
        {
            t.lns = Name(n["lns"], Child(p, "lns")).value_or("");
        }
        if (n["name"])
        {
            t.name = Name(n["name"], Child(p, "name")).value_or("");
        }
        else if (!t.lac.empty() && !t.lns.empty())
        {
            t.name = t.lac + "-" + t.lns;
        }
        if (n["secret"])
        {
            t.secret = Scalar(n["secret"], Child(p, "secret")).value_or("");
        }
        if (n["session"])
        {
            t.session = Boolean(n["session"], Child(p, "session")).value_or(true);
        }
        if (n["addresses"])
        {
            const std::string ap = Child(p, "addresses");
            if (CheckSequence(n["addresses"], ap))
            {
                if (n["addresses"].size() != 2)
                {
                    Error(n["addresses"], ap, "give two addresses: the LAC's end, then the LNS's end");
                }
                else
                {
                    auto a = Prefix(n["addresses"][0], Index(ap, 0));
                    auto b = Prefix(n["addresses"][1], Index(ap, 1));
                    if (a && b)
                    {
                        t.lacAddress = *a;
                        t.lnsAddress = *b;
                        t.addressesGiven = true;
                    }
                }
            }
        }
        if (n["auth"])
        {
            t.auth = ReadTunnelAuth(n["auth"], Child(p, "auth"));
        }
        if (n["mutual_auth"])
        {
            t.mutualAuth = ReadTunnelAuth(n["mutual_auth"], Child(p, "mutual_auth"));
        }
        auto duration = [&](const char* key, int64_t& out, bool positive) {
            if (n[key])
            {
                if (auto v = Duration(n[key], Child(p, key)))
                {
                    if (positive && *v <= 0)
                    {
                        Error(n[key], Child(p, key), "must be positive");
                    }
                    out = *v;
                }
            }
        };
        duration("start", t.startNs, false);
        duration("hello_interval", t.helloIntervalNs, true);
        duration("retransmit", t.retransmitNs, true);
        duration("lcp_echo_interval", t.lcpEchoIntervalNs, false);
        if (n["max_retransmissions"])
        {
            if (auto v = Integer(n["max_retransmissions"], Child(p, "max_retransmissions"), 1, 100))
            {
                t.maxRetransmissions = static_cast<uint32_t>(*v);
            }
        }
        m_s.tunnels.push_back(t);
    }
}

void
Loader::CheckTunnels()
{
    if (!m_nodesUsable)
    {
        return;
    }
    std::set<std::string> serverNames;
    for (size_t i = 0; i < m_s.radiusServers.size(); ++i)
    {
        const RadiusServerSpec& r = m_s.radiusServers[i];
        const std::string p = fmt::format("radius.servers[{}]", i);
        if (!r.name.empty() && !serverNames.insert(r.name).second)
        {
            ErrorAt(p + ".name", fmt::format("duplicate RADIUS server name '{}'", r.name));
        }
        if (!r.node.empty() && !m_s.FindNode(r.node))
        {
            ErrorAt(p + ".node", fmt::format("unknown node '{}'", r.node));
        }
        std::set<std::string> users;
        for (size_t j = 0; j < r.users.size(); ++j)
        {
            if (!users.insert(r.users[j].name).second)
            {
                ErrorAt(fmt::format("{}.users[{}]", p, j), fmt::format("user '{}' appears twice", r.users[j].name));
            }
        }
    }

    std::set<std::string> names;
    for (size_t i = 0; i < m_s.tunnels.size(); ++i)
    {
        TunnelSpec& t = m_s.tunnels[i];
        const std::string p = fmt::format("tunnels[{}]", i);
        if (!t.name.empty() && !names.insert(t.name).second)
        {
            ErrorAt(p + ".name", fmt::format("duplicate tunnel name '{}'", t.name));
        }
        for (const auto& [key, node] : {std::make_pair("lac", t.lac), std::make_pair("lns", t.lns)})
        {
            if (!node.empty() && !m_s.FindNode(node))
            {
                ErrorAt(fmt::format("{}.{}", p, key), fmt::format("unknown node '{}'", node));
            }
        }
        if (!t.lac.empty() && t.lac == t.lns)
        {
            ErrorAt(p + ".lns", "a tunnel needs two different nodes");
        }
        for (const auto& [key, auth] : {std::make_pair("auth", t.auth), std::make_pair("mutual_auth", t.mutualAuth)})
        {
            if (auth && !auth->server.empty() &&
                std::none_of(m_s.radiusServers.begin(), m_s.radiusServers.end(), [&](const RadiusServerSpec& r) {
                    return r.name == auth->server;
                }))
            {
                ErrorAt(fmt::format("{}.{}.radius", p, key), fmt::format("unknown RADIUS server '{}'", auth->server));
            }
        }
        if (t.mutualAuth && !t.auth)
        {
            ErrorAt(p + ".mutual_auth", "mutual_auth is the LAC's check of the LNS; give 'auth' (the LNS's check) too");
        }
        // The PPP link's two ends: one subnet, usable host addresses, clear
        // of every link and pool.
        if (!t.addressesGiven)
        {
            const uint32_t base = kDefaultTunnelBase | (static_cast<uint32_t>(i) << 2);
            t.lacAddress = {base | 1, 30};
            t.lnsAddress = {base | 2, 30};
        }
        const std::string ap = t.addressesGiven ? p + ".addresses" : p;
        if (t.lacAddress.length != t.lnsAddress.length || t.lacAddress.Network() != t.lnsAddress.Network())
        {
            ErrorAt(ap, "the two ends must be in one subnet");
            continue;
        }
        if (t.lacAddress.address == t.lnsAddress.address)
        {
            ErrorAt(ap, "the two ends need different addresses");
            continue;
        }
        if (t.lacAddress.length > 30 || t.lacAddress.length < 8)
        {
            ErrorAt(ap, "the tunnel subnet must be /8 to /30");
            continue;
        }
        for (const Ipv4Prefix& a : {t.lacAddress, t.lnsAddress})
        {
            if (a.address == a.Network() || a.address == a.Last())
            {
                ErrorAt(ap, fmt::format("{} is the subnet's network or broadcast address", a.ToString()));
            }
        }
        for (const LinkSpec& link : m_s.links)
        {
            for (const EndpointSpec& e : link.endpoints)
            {
                if (e.address && e.address->Overlaps(t.lacAddress))
                {
                    ErrorAt(ap,
                            fmt::format("tunnel subnet {}/{} overlaps link '{}' ({}){}",
                                        FormatIpv4(t.lacAddress.Network()),
                                        int(t.lacAddress.length),
                                        link.name,
                                        e.address->ToString(),
                                        t.addressesGiven ? "" : "; give the tunnel 'addresses'"));
                    break;
                }
            }
        }
        for (const PoolSpec& pool : m_s.pools)
        {
            if (pool.prefix.Overlaps(t.lacAddress))
            {
                ErrorAt(ap,
                        fmt::format("tunnel subnet {}/{} overlaps pool '{}'{}",
                                    FormatIpv4(t.lacAddress.Network()),
                                    int(t.lacAddress.length),
                                    pool.name,
                                    t.addressesGiven ? "" : "; give the tunnel 'addresses'"));
            }
        }
    }

    for (size_t i = 0; i < m_s.flows.size(); ++i)
    {
        const FlowSpec& f = m_s.flows[i];
        if (f.via.empty())
        {
            continue;
        }
        const TunnelSpec* t = m_s.FindTunnel(f.via);
        const std::string p = fmt::format("traffic[{}].via", i);
        if (!t)
        {
            ErrorAt(p, fmt::format("unknown tunnel '{}'", f.via));
        }
        else if (!t->session)
        {
            ErrorAt(p, fmt::format("tunnel '{}' has no session to carry traffic", f.via));
        }
        else if ((f.from != t->lac || f.to != t->lns) && (f.from != t->lns || f.to != t->lac))
        {
            ErrorAt(p, fmt::format("a flow via tunnel '{}' runs between its ends {} and {}", f.via, t->lac, t->lns));
        }
    }
}

} // namespace detail
} // namespace scenario
} // namespace ns3
