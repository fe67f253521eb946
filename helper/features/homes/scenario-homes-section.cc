/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Reading the home-gateway sections (scenario-homes-section.h).
 */
#include "scenario-homes-section.h"

#include "ns3/scenario-reader.h"
#include "ns3/scenario-values.h"

#include <fmt/format.h>

namespace ns3
{
namespace scenario
{

std::string
HomeAddressSpace(const std::string& home)
{
    return "home " + home;
}

const HomeSpec*
HomesSection::HomeOfGateway(const std::string& node) const
{
    for (const HomeSpec& h : homes)
    {
        if (h.gateway == node)
        {
            return &h;
        }
    }
    return nullptr;
}

const HomeSpec*
HomesSection::HomeOfHost(const Scenario& s, const std::string& node) const
{
    for (const HomeSpec& h : homes)
    {
        const LinkSpec* lan = s.FindLink(h.lan);
        if (!lan || node == h.gateway)
        {
            continue;
        }
        for (const EndpointSpec& e : lan->endpoints)
        {
            if (e.node == node)
            {
                return &h;
            }
        }
    }
    return nullptr;
}

const DnsServerSpec*
HomesSection::FindDnsServer(const std::string& node) const
{
    for (const DnsServerSpec& d : dnsServers)
    {
        if (d.node == node)
        {
            return &d;
        }
    }
    return nullptr;
}

std::string
HomesSection::HostName(const HomeSpec& home, const std::string& node) const
{
    for (const HomeHostSpec& h : home.hosts)
    {
        if (h.node == node)
        {
            return h.name;
        }
    }
    return node;
}

namespace
{

std::optional<uint32_t>
Address(const YAML::Node& n, const std::string& p, YamlReader& in)
{
    return in.Parse<uint32_t>(n, p, &ParseIpv4Address);
}

std::string
Text(const YAML::Node& n, const std::string& p, YamlReader& in)
{
    return in.Scalar(n, p).value_or("");
}

void
ReadGatewayDefaults(const YAML::Node& n, YamlReader& in, HomesSection& h)
{
    const std::string p = "gateways";
    if (!in.CheckMap(n, p, {"napt", "dhcp", "dns"}))
    {
        return;
    }
    if (const YAML::Node& napt = n["napt"])
    {
        const std::string np = Child(p, "napt");
        if (in.CheckMap(napt,
                        np,
                        {"udp_timeout",
                         "tcp_established_timeout",
                         "tcp_transitory_timeout",
                         "icmp_timeout",
                         "filtering",
                         "ports",
                         "max_mappings"}))
        {
            auto duration = [&](const char* key, std::optional<int64_t>& to) {
                if (napt[key])
                {
                    to = in.PositiveDuration(napt[key], Child(np, key));
                }
            };
            duration("udp_timeout", h.udpTimeoutNs);
            duration("tcp_established_timeout", h.tcpEstablishedTimeoutNs);
            duration("tcp_transitory_timeout", h.tcpTransitoryTimeoutNs);
            duration("icmp_timeout", h.icmpTimeoutNs);
            if (napt["filtering"])
            {
                h.filtering = in.Enum(
                    napt["filtering"], Child(np, "filtering"), kNatFilterings, "NAPT filtering");
            }
            if (const YAML::Node& ports = napt["ports"])
            {
                const std::string pp = Child(np, "ports");
                if (!ports.IsSequence() || ports.size() != 2)
                {
                    in.Error(ports, pp, "give the external port range as [first, last]");
                }
                else
                {
                    auto first = in.Integer(ports[0], Index(pp, 0), 1, 65535);
                    auto last = in.Integer(ports[1], Index(pp, 1), 1, 65535);
                    if (first && last && *first > *last)
                    {
                        in.Error(ports, pp, "the first port is above the last");
                    }
                    else if (first && last)
                    {
                        h.portMin = static_cast<uint32_t>(*first);
                        h.portMax = static_cast<uint32_t>(*last);
                    }
                }
            }
            if (napt["max_mappings"])
            {
                if (auto v =
                        in.Integer(napt["max_mappings"], Child(np, "max_mappings"), 1, 1 << 24))
                {
                    h.maxMappings = static_cast<uint32_t>(*v);
                }
            }
        }
    }
    if (const YAML::Node& dhcp = n["dhcp"])
    {
        const std::string dp = Child(p, "dhcp");
        if (in.CheckMap(dhcp, dp, {"lease"}) && dhcp["lease"])
        {
            h.leaseNs = in.PositiveDuration(dhcp["lease"], Child(dp, "lease"));
        }
    }
    if (const YAML::Node& dns = n["dns"])
    {
        const std::string dp = Child(p, "dns");
        if (in.CheckMap(dns, dp, {"local_domain", "forward_timeout"}))
        {
            if (dns["local_domain"])
            {
                h.localDomain = Text(dns["local_domain"], Child(dp, "local_domain"), in);
            }
            if (dns["forward_timeout"])
            {
                h.forwardTimeoutNs =
                    in.PositiveDuration(dns["forward_timeout"], Child(dp, "forward_timeout"));
            }
        }
    }
}

HomeSpec
ReadHome(const YAML::Node& n, const std::string& p, YamlReader& in)
{
    HomeSpec home;
    home.mark = MarkOf(n);
    if (!in.CheckMap(
            n, p, {"name", "gateway", "isp_link", "lan", "domain", "dns_server", "dhcp", "hosts"}))
    {
        return home;
    }
    in.Require(n, p, {"name", "gateway", "isp_link", "lan"});
    auto name = [&](const char* key, std::string& to) {
        if (n[key])
        {
            to = in.Name(n[key], Child(p, key)).value_or("");
        }
    };
    name("name", home.name);
    name("gateway", home.gateway);
    name("isp_link", home.ispLink);
    name("lan", home.lan);
    name("dns_server", home.dnsServer);
    if (n["domain"])
    {
        home.domain = Text(n["domain"], Child(p, "domain"), in);
    }
    if (const YAML::Node& dhcp = n["dhcp"])
    {
        const std::string dp = Child(p, "dhcp");
        if (in.CheckMap(dhcp, dp, {"pool", "lease"}))
        {
            if (const YAML::Node& pool = dhcp["pool"])
            {
                const std::string pp = Child(dp, "pool");
                if (!pool.IsSequence() || pool.size() != 2)
                {
                    in.Error(pool, pp, "give the pool as [first address, last address]");
                }
                else
                {
                    home.poolStart = Address(pool[0], Index(pp, 0), in);
                    home.poolEnd = Address(pool[1], Index(pp, 1), in);
                }
            }
            if (dhcp["lease"])
            {
                home.leaseNs = in.PositiveDuration(dhcp["lease"], Child(dp, "lease"));
            }
        }
    }
    const std::string hp = Child(p, "hosts");
    if (n["hosts"] && in.CheckSequence(n["hosts"], hp))
    {
        for (size_t j = 0; j < n["hosts"].size(); ++j)
        {
            const YAML::Node& h = n["hosts"][j];
            const std::string hj = Index(hp, j);
            HomeHostSpec host;
            host.mark = MarkOf(h);
            if (!in.CheckMap(h, hj, {"node", "name", "start"}) || !in.Require(h, hj, {"node"}))
            {
                continue;
            }
            host.node = in.Name(h["node"], Child(hj, "node")).value_or("");
            host.name = h["name"] ? Text(h["name"], Child(hj, "name"), in) : host.node;
            if (h["start"])
            {
                host.startNs = in.Duration(h["start"], Child(hj, "start")).value_or(0);
            }
            home.hosts.push_back(host);
        }
    }
    return home;
}

DnsServerSpec
ReadDnsServer(const YAML::Node& n, const std::string& p, YamlReader& in)
{
    DnsServerSpec server;
    server.mark = MarkOf(n);
    if (!in.CheckMap(n, p, {"node", "zone", "records", "updates_from"}) ||
        !in.Require(n, p, {"node", "zone"}))
    {
        return server;
    }
    server.node = in.Name(n["node"], Child(p, "node")).value_or("");
    server.zone = Text(n["zone"], Child(p, "zone"), in);
    const std::string rp = Child(p, "records");
    if (n["records"] && in.CheckSequence(n["records"], rp))
    {
        for (size_t j = 0; j < n["records"].size(); ++j)
        {
            const YAML::Node& r = n["records"][j];
            const std::string rj = Index(rp, j);
            DnsRecordSpec record;
            record.mark = MarkOf(r);
            if (!in.CheckMap(r, rj, {"name", "address"}) || !in.Require(r, rj, {"name", "address"}))
            {
                continue;
            }
            record.name = Text(r["name"], Child(rj, "name"), in);
            record.address = Address(r["address"], Child(rj, "address"), in).value_or(0);
            server.records.push_back(record);
        }
    }
    const std::string up = Child(p, "updates_from");
    if (n["updates_from"] && in.CheckSequence(n["updates_from"], up))
    {
        for (size_t j = 0; j < n["updates_from"].size(); ++j)
        {
            if (auto prefix = in.Prefix(n["updates_from"][j], Index(up, j)))
            {
                server.updatesFrom.push_back(*prefix);
            }
        }
    }
    return server;
}

WebServerSpec
ReadWebServer(const YAML::Node& n, const std::string& p, YamlReader& in)
{
    WebServerSpec web;
    web.mark = MarkOf(n);
    if (!in.CheckMap(n, p, {"node", "name"}) || !in.Require(n, p, {"node", "name"}))
    {
        return web;
    }
    web.node = in.Name(n["node"], Child(p, "node")).value_or("");
    web.name = Text(n["name"], Child(p, "name"), in);
    return web;
}

HomeTrafficSpec
ReadTraffic(const YAML::Node& n, const std::string& p, YamlReader& in)
{
    HomeTrafficSpec t;
    t.mark = MarkOf(n);
    if (!in.CheckMap(
            n, p, {"name", "type", "from", "to", "peer", "at", "count", "port", "reply"}) ||
        !in.Require(n, p, {"type", "from", "at"}))
    {
        return t;
    }
    t.type = in.Enum(n["type"], Child(p, "type"), kHomeTrafficTypes, "home traffic type")
                 .value_or(HomeTrafficType::BROWSE);
    t.from = in.Name(n["from"], Child(p, "from")).value_or("");
    t.atNs = in.Duration(n["at"], Child(p, "at"));
    // tunnel-page: `peer` (a gateway's domain); the others `to` (a name or an address).
    const bool page = t.type == HomeTrafficType::TUNNEL_PAGE;
    const char* wanted = page ? "peer" : "to";
    const char* other = page ? "to" : "peer";
    for (const char* key : {"count", "port", "reply"})
    {
        if (n[key] && t.type != HomeTrafficType::SEND)
        {
            in.Error(n[key], Child(p, key), fmt::format("only a 'send' flow takes '{}'", key));
        }
    }
    if (n["count"] && t.type == HomeTrafficType::SEND)
    {
        t.count =
            static_cast<uint32_t>(in.Integer(n["count"], Child(p, "count"), 1, 10000).value_or(1));
    }
    if (n["port"] && t.type == HomeTrafficType::SEND)
    {
        t.port =
            static_cast<uint16_t>(in.Integer(n["port"], Child(p, "port"), 1, 65535).value_or(0));
    }
    if (n["reply"] && t.type == HomeTrafficType::SEND)
    {
        t.reply = in.Boolean(n["reply"], Child(p, "reply")).value_or(false);
    }
    if (n[other])
    {
        in.Error(
            n[other],
            Child(p, other),
            fmt::format(
                "a '{}' flow takes '{}', not '{}'", kHomeTrafficTypes.Name(t.type), wanted, other));
    }
    if (!n[wanted])
    {
        in.Error(n, p, fmt::format("missing required key '{}'", wanted));
    }
    else if (t.type == HomeTrafficType::SEND)
    {
        // An address, or a name (checked as one by the feature).
        const std::string text = Text(n[wanted], Child(p, wanted), in);
        const bool dotted =
            !text.empty() && text.find_first_not_of("0123456789.") == std::string::npos;
        t.target = dotted ? FormatIpv4(Address(n[wanted], Child(p, wanted), in).value_or(0)) : text;
    }
    else
    {
        t.target = Text(n[wanted], Child(p, wanted), in);
    }
    t.name = n["name"] ? in.Name(n["name"], Child(p, "name")).value_or("")
                       : fmt::format("{}-{}", t.from, kHomeTrafficTypes.Name(t.type));
    return t;
}

template <typename T>
void
ReadList(const YAML::Node& root,
         const char* key,
         YamlReader& in,
         std::vector<T>& to,
         T (*read)(const YAML::Node&, const std::string&, YamlReader&))
{
    const YAML::Node& list = root[key];
    if (list && in.CheckSequence(list, key))
    {
        for (size_t i = 0; i < list.size(); ++i)
        {
            to.push_back(read(list[i], Index(key, i), in));
        }
    }
}

} // namespace

void
ReadHomes(const YAML::Node& root, YamlReader& in, Scenario& s)
{
    const bool any = root["gateways"] || root["homes"] || root["dns_servers"] ||
                     root["web_servers"] || root["home_traffic"];
    if (!any)
    {
        return;
    }
    HomesSection& h = s.sections.Get<HomesSection>();
    if (root["gateways"])
    {
        ReadGatewayDefaults(root["gateways"], in, h);
    }
    ReadList(root, "homes", in, h.homes, &ReadHome);
    ReadList(root, "dns_servers", in, h.dnsServers, &ReadDnsServer);
    ReadList(root, "web_servers", in, h.webServers, &ReadWebServer);
    ReadList(root, "home_traffic", in, h.traffic, &ReadTraffic);
    // A home's LAN is in the home's own address space: two homes may use the
    // same private prefix (the core checks addresses within a space only).
    for (const HomeSpec& home : h.homes)
    {
        for (LinkSpec& link : s.links)
        {
            if (link.name == home.lan && link.addressSpace.empty())
            {
                link.addressSpace = HomeAddressSpace(home.name);
            }
        }
    }
}

} // namespace scenario
} // namespace ns3
