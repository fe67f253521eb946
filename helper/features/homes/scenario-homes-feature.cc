/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Checking, resolving, echoing and installing the home-gateway sections.
 */
#include "scenario-homes-feature.h"

#include "homes-builder.h"
#include "scenario-homes-section.h"

#include "ns3/dns-name.h"
#include "ns3/dns-zone.h"
#include "ns3/gateway-tunnel-request.h"
#include "ns3/scenario-checker.h"
#include "ns3/scenario-defaults.h"
#include "ns3/scenario-reader.h"

#include <fmt/format.h>
#include <map>
#include <set>

namespace ns3
{
namespace scenario
{

namespace
{

constexpr char kGatewayTypeId[] = "ns3::gateway::RoutingProtocol";
constexpr char kDhcpTypeId[] = "ns3::dhcp::Server";
constexpr char kProcessorTypeId[] = "ns3::dns::Processor";

/// The endpoint of `node` on `link`, or null.
const EndpointSpec*
EndpointOf(const LinkSpec& link, const std::string& node)
{
    for (const EndpointSpec& e : link.endpoints)
    {
        if (e.node == node)
        {
            return &e;
        }
    }
    return nullptr;
}

bool
InZone(const std::string& name, const std::string& zone)
{
    auto n = dns::Name::Parse(name);
    auto z = dns::Name::Parse(zone);
    return n && z && dns::IsSubdomain(*n, *z);
}

void
CheckDomain(const std::string& name, const std::string& path, ScenarioChecker& check)
{
    if (!gateway::IsPreferredDomainName(name))
    {
        check.ErrorAt(path,
                      fmt::format("'{}' is not a domain name (RFC 1035 2.3.1: letters, digits "
                                  "and hyphens in dot-separated labels)",
                                  name));
    }
}

void
CheckHome(const Scenario& s, const HomesSection& h, size_t i, ScenarioChecker& check)
{
    const HomeSpec& home = h.homes[i];
    const std::string p = fmt::format("homes[{}]", i);
    const NodeSpec* gw = check.NodeRef(home.gateway, p + ".gateway");
    if (gw && gw->kind != NodeKind::GATEWAY)
    {
        check.ErrorAt(p + ".gateway",
                      fmt::format("'{}' is a {}; a home's gateway is a node of kind 'gateway'",
                                  home.gateway,
                                  ToString(gw->kind)));
    }
    const LinkSpec* isp = check.LinkRef(home.ispLink, p + ".isp_link");
    const LinkSpec* lan = check.LinkRef(home.lan, p + ".lan");
    if (isp && lan && isp == lan)
    {
        check.ErrorAt(p + ".lan", "the home LAN and the ISP link must be two links");
        return;
    }
    if (isp && gw)
    {
        const EndpointSpec* e = EndpointOf(*isp, home.gateway);
        if (!e)
        {
            check.ErrorAt(
                p + ".isp_link",
                fmt::format("'{}' does not end at the gateway '{}'", home.ispLink, home.gateway));
        }
        else if (e->dhcp || !isp->addressSpace.empty())
        {
            check.ErrorAt(p + ".isp_link",
                          "the ISP link carries the public address: a fixed address of the "
                          "provider's space");
        }
    }
    if (lan && gw)
    {
        const EndpointSpec* e = EndpointOf(*lan, home.gateway);
        if (!e)
        {
            check.ErrorAt(
                p + ".lan",
                fmt::format("'{}' does not end at the gateway '{}'", home.lan, home.gateway));
        }
        else if (lan->addressSpace != HomeAddressSpace(home.name))
        {
            check.ErrorAt(
                p + ".lan",
                fmt::format("link '{}' is already a LAN of another home or a VPN", home.lan));
        }
        else if (!e->address && !e->dhcp)
        {
            check.ErrorAt(p + ".lan",
                          fmt::format("give the gateway's address on '{}' (the home prefix and "
                                      "the hosts' router)",
                                      home.lan));
        }
        else if (e->dhcp)
        {
            check.ErrorAt(p + ".lan", "the gateway serves DHCP; it cannot take a DHCP address");
        }
        else
        {
            const Ipv4Prefix& inside = *e->address;
            for (const auto& [a, key] : {std::pair{home.poolStart, 0}, std::pair{home.poolEnd, 1}})
            {
                if (a && !inside.Contains(*a))
                {
                    check.ErrorAt(fmt::format("{}.dhcp.pool[{}]", p, key),
                                  fmt::format("{} is outside the home prefix {}",
                                              FormatIpv4(*a),
                                              inside.NetworkString()));
                }
            }
            if (home.poolStart && home.poolEnd && *home.poolStart > *home.poolEnd)
            {
                check.ErrorAt(p + ".dhcp.pool", "the first address is above the last");
            }
        }
        for (size_t j = 0; j < lan->endpoints.size(); ++j)
        {
            const EndpointSpec& ep = lan->endpoints[j];
            const NodeSpec* n = s.FindNode(ep.node);
            if (n && ep.node != home.gateway && n->kind != NodeKind::HOST)
            {
                check.ErrorAt(p + ".lan",
                              fmt::format("'{}' on the home LAN is a {}; a home holds hosts",
                                          ep.node,
                                          ToString(n->kind)));
            }
        }
    }
    std::set<std::string> names;
    for (size_t j = 0; j < home.hosts.size(); ++j)
    {
        const HomeHostSpec& host = home.hosts[j];
        const std::string hp = fmt::format("{}.hosts[{}]", p, j);
        if (check.NodeRef(host.node, hp + ".node") && lan &&
            (!EndpointOf(*lan, host.node) || host.node == home.gateway))
        {
            check.ErrorAt(
                hp + ".node",
                fmt::format("'{}' is not a host on the home LAN '{}'", host.node, home.lan));
        }
        if (host.name.find('.') != std::string::npos || !gateway::IsPreferredDomainName(host.name))
        {
            check.ErrorAt(hp + ".name",
                          fmt::format("'{}' is not a host name (one RFC 1035 label)", host.name));
        }
        if (host.startNs < 0 || host.startNs > s.simulation.stopNs)
        {
            check.ErrorAt(hp + ".start", "outside the simulation (0 to simulation.stop)");
        }
        if (!names.insert(host.name).second)
        {
            check.ErrorAt(hp + ".name", fmt::format("host name '{}' is used twice", host.name));
        }
    }
    const DnsServerSpec* server = nullptr;
    if (!home.dnsServer.empty())
    {
        server = h.FindDnsServer(home.dnsServer);
        if (check.NodeRef(home.dnsServer, p + ".dns_server") && !server)
        {
            check.ErrorAt(p + ".dns_server",
                          fmt::format("'{}' is not in dns_servers", home.dnsServer));
        }
    }
    if (!home.domain.empty())
    {
        CheckDomain(home.domain, p + ".domain", check);
        if (home.dnsServer.empty())
        {
            check.ErrorAt(p + ".domain",
                          "a domain is registered at a DNS server: give 'dns_server'");
        }
        else if (server && !InZone(home.domain, server->zone))
        {
            check.ErrorAt(p + ".domain",
                          fmt::format("'{}' is not in the zone '{}' of '{}'",
                                      home.domain,
                                      server->zone,
                                      server->node));
        }
    }
}

void
CheckServers(const Scenario& s, const HomesSection& h, ScenarioChecker& check)
{
    std::set<std::string> nodes;
    for (size_t i = 0; i < h.dnsServers.size(); ++i)
    {
        const DnsServerSpec& d = h.dnsServers[i];
        const std::string p = fmt::format("dns_servers[{}]", i);
        if (check.NodeRef(d.node, p + ".node") && s.FixedAddress(d.node) == 0)
        {
            check.ErrorAt(p + ".node", fmt::format("'{}' has no fixed address", d.node));
        }
        if (!nodes.insert(d.node).second)
        {
            check.ErrorAt(p + ".node", fmt::format("'{}' already serves a zone", d.node));
        }
        CheckDomain(d.zone, p + ".zone", check);
        for (size_t j = 0; j < d.records.size(); ++j)
        {
            const std::string rp = fmt::format("{}.records[{}].name", p, j);
            CheckDomain(d.records[j].name, rp, check);
            if (!InZone(d.records[j].name, d.zone))
            {
                check.ErrorAt(
                    rp, fmt::format("'{}' is not in the zone '{}'", d.records[j].name, d.zone));
            }
        }
    }
    for (size_t i = 0; i < h.webServers.size(); ++i)
    {
        const WebServerSpec& w = h.webServers[i];
        const std::string p = fmt::format("web_servers[{}]", i);
        if (check.NodeRef(w.node, p + ".node") && s.FixedAddress(w.node) == 0)
        {
            check.ErrorAt(p + ".node", fmt::format("'{}' has no fixed address", w.node));
        }
        CheckDomain(w.name, p + ".name", check);
        const bool zoned =
            std::any_of(h.dnsServers.begin(), h.dnsServers.end(), [&w](const auto& d) {
                return InZone(w.name, d.zone);
            });
        if (!zoned)
        {
            check.ErrorAt(p + ".name", fmt::format("no DNS server's zone holds '{}'", w.name));
        }
    }
    check.UniqueNames(h.traffic, "home_traffic", "home traffic");
    for (size_t i = 0; i < h.traffic.size(); ++i)
    {
        const HomeTrafficSpec& t = h.traffic[i];
        const std::string p = fmt::format("home_traffic[{}]", i);
        if (check.NodeRef(t.from, p + ".from") && !h.HomeOfHost(s, t.from))
        {
            check.ErrorAt(p + ".from", fmt::format("'{}' is not a host of a home", t.from));
        }
        if (t.atNs && (*t.atNs < 0 || *t.atNs > s.simulation.stopNs))
        {
            check.ErrorAt(p + ".at", "outside the simulation (0 to simulation.stop)");
        }
        const std::string key = t.type == HomeTrafficType::TUNNEL_PAGE ? ".peer" : ".to";
        const bool web = std::any_of(h.webServers.begin(), h.webServers.end(), [&t](const auto& w) {
            return w.name == t.target;
        });
        if (t.type == HomeTrafficType::BROWSE && !t.target.empty() && !web)
        {
            check.ErrorAt(p + key, fmt::format("no web server is named '{}'", t.target));
        }
        else if (t.type == HomeTrafficType::LOOKUP && !t.target.empty() &&
                 !gateway::IsPreferredDomainName(t.target))
        {
            CheckDomain(t.target, p + key, check);
        }
        else if (t.type == HomeTrafficType::SEND && !t.target.empty() &&
                 !ParseIpv4Address(t.target).value)
        {
            CheckDomain(t.target, p + key, check);
        }
        else if (t.type == HomeTrafficType::TUNNEL_PAGE && !t.target.empty())
        {
            CheckDomain(t.target, p + key, check);
        }
    }
}

} // namespace

std::string
HomesFeature::Name() const
{
    return "homes";
}

std::vector<std::string>
HomesFeature::Keys() const
{
    return {"gateways", "homes", "dns_servers", "web_servers", "home_traffic"};
}

void
HomesFeature::Read(const YAML::Node& root, YamlReader& in, Scenario& s) const
{
    ReadHomes(root, in, s);
}

void
HomesFeature::Validate(const Scenario& s, ScenarioChecker& check) const
{
    const HomesSection* h = s.sections.Find<HomesSection>();
    // Gateways and DHCP addresses belong to homes.
    for (size_t k = 0; k < s.nodes.size(); ++k)
    {
        if (s.nodes[k].kind == NodeKind::GATEWAY && (!h || !h->HomeOfGateway(s.nodes[k].name)))
        {
            check.ErrorAt(fmt::format("nodes[{}].kind", k),
                          fmt::format("gateway '{}' is the gateway of no home (add it to 'homes')",
                                      s.nodes[k].name));
        }
    }
    for (size_t i = 0; i < s.links.size(); ++i)
    {
        for (size_t j = 0; j < s.links[i].endpoints.size(); ++j)
        {
            const EndpointSpec& e = s.links[i].endpoints[j];
            const bool served =
                h && std::any_of(h->homes.begin(), h->homes.end(), [&](const HomeSpec& home) {
                    return home.lan == s.links[i].name;
                });
            if (e.dhcp && !served)
            {
                check.ErrorAt(
                    fmt::format("links[{}].endpoints[{}].address", i, j),
                    fmt::format("no home's DHCP server is on link '{}'", s.links[i].name));
            }
        }
    }
    if (!h)
    {
        return;
    }
    check.UniqueNames(h->homes, "homes", "home");
    std::map<std::string, size_t> gateways;
    for (size_t i = 0; i < h->homes.size(); ++i)
    {
        auto [it, fresh] = gateways.emplace(h->homes[i].gateway, i);
        if (!fresh && !h->homes[i].gateway.empty())
        {
            check.ErrorAt(fmt::format("homes[{}].gateway", i),
                          fmt::format("'{}' is already the gateway of homes[{}]",
                                      h->homes[i].gateway,
                                      it->second));
            continue;
        }
        CheckHome(s, *h, i, check);
    }
    CheckServers(s, *h, check);
    if (h->portMin && *h->portMin < 1024)
    {
        check.ErrorAt("gateways.napt.ports", "NAPT ports start at 1024 or above (RFC 4787 REQ-3)");
    }
}

void
HomesFeature::Resolve(Scenario& s, ScenarioChecker& /* check */) const
{
    HomesSection* h = s.sections.Find<HomesSection>();
    if (!h)
    {
        return;
    }
    h->udpTimeoutNs = h->udpTimeoutNs.value_or(DefaultTimeNs(kGatewayTypeId, "UdpTimeout"));
    h->tcpEstablishedTimeoutNs =
        h->tcpEstablishedTimeoutNs.value_or(DefaultTimeNs(kGatewayTypeId, "TcpEstablishedTimeout"));
    h->tcpTransitoryTimeoutNs =
        h->tcpTransitoryTimeoutNs.value_or(DefaultTimeNs(kGatewayTypeId, "TcpTransitoryTimeout"));
    h->icmpTimeoutNs = h->icmpTimeoutNs.value_or(DefaultTimeNs(kGatewayTypeId, "IcmpTimeout"));
    h->filtering = h->filtering.value_or(
        static_cast<nat::Filtering>(DefaultEnum(kGatewayTypeId, "Filtering")));
    h->portMin = h->portMin.value_or(DefaultUinteger(kGatewayTypeId, "PortMin"));
    h->portMax = h->portMax.value_or(DefaultUinteger(kGatewayTypeId, "PortMax"));
    h->maxMappings = h->maxMappings.value_or(DefaultUinteger(kGatewayTypeId, "MaxMappings"));
    h->leaseNs = h->leaseNs.value_or(DefaultTimeNs(kDhcpTypeId, "LeaseTime"));
    h->forwardTimeoutNs =
        h->forwardTimeoutNs.value_or(DefaultTimeNs(kProcessorTypeId, "ForwardTimeout"));
    if (!h->localDomain)
    {
        h->localDomain = "home.arpa"; // RFC 8375, the processor's default
    }
    for (DnsServerSpec& d : h->dnsServers)
    {
        d.address = s.FixedAddress(d.node);
    }
    for (WebServerSpec& w : h->webServers)
    {
        w.address = s.FixedAddress(w.node);
    }
    for (HomeSpec& home : h->homes)
    {
        home.leaseNs = home.leaseNs.value_or(*h->leaseNs);
        if (const LinkSpec* isp = s.FindLink(home.ispLink))
        {
            for (const EndpointSpec& e : isp->endpoints)
            {
                if (e.node == home.gateway && e.address)
                {
                    home.publicAddress = e.address->address;
                }
                else if (e.address && home.ispPeer == 0)
                {
                    home.ispPeer = e.address->address;
                }
            }
        }
        if (const LinkSpec* lan = s.FindLink(home.lan))
        {
            if (const EndpointSpec* e = EndpointOf(*lan, home.gateway); e && e->address)
            {
                home.inside = *e->address;
                // Default pool: every host address of the prefix (the server
                // leaves out its own).
                home.poolStart = home.poolStart.value_or(home.inside.Network() + 1);
                home.poolEnd = home.poolEnd.value_or(home.inside.Last() - 1);
            }
        }
        if (const DnsServerSpec* d = h->FindDnsServer(home.dnsServer))
        {
            home.dnsServerAddress = d->address;
            home.zone = d->zone;
        }
    }
    for (size_t i = 0; i < h->traffic.size(); ++i)
    {
        HomeTrafficSpec& t = h->traffic[i];
        t.atNs = t.atNs.value_or(1'000'000'000);
        if (t.type == HomeTrafficType::SEND && t.port == 0)
        {
            t.port = static_cast<uint16_t>(9000 + i);
        }
    }
}

void
HomesFeature::Echo(const Scenario& s, nlohmann::json& echo) const
{
    const HomesSection* h = s.sections.Find<HomesSection>();
    if (!h)
    {
        return;
    }
    echo["gateways"] = {
        {"napt",
         {{"udp_timeout_s", *h->udpTimeoutNs / 1e9},
          {"tcp_established_timeout_s", *h->tcpEstablishedTimeoutNs / 1e9},
          {"tcp_transitory_timeout_s", *h->tcpTransitoryTimeoutNs / 1e9},
          {"icmp_timeout_s", *h->icmpTimeoutNs / 1e9},
          {"filtering", kNatFilterings.Name(*h->filtering)},
          {"ports", {*h->portMin, *h->portMax}},
          {"max_mappings", *h->maxMappings}}},
        {"dhcp", {{"lease_s", *h->leaseNs / 1e9}}},
        {"dns",
         {{"local_domain", *h->localDomain}, {"forward_timeout_s", *h->forwardTimeoutNs / 1e9}}}};
    echo["homes"] = nlohmann::json::array();
    for (const HomeSpec& home : h->homes)
    {
        nlohmann::json j = {{"name", home.name},
                            {"gateway", home.gateway},
                            {"isp_link", home.ispLink},
                            {"lan", home.lan},
                            {"public_address", FormatIpv4(home.publicAddress)},
                            {"inside", home.inside.ToString()},
                            {"domain", home.domain},
                            {"dns_server", home.dnsServer},
                            {"dhcp",
                             {{"pool", {FormatIpv4(*home.poolStart), FormatIpv4(*home.poolEnd)}},
                              {"lease_s", *home.leaseNs / 1e9}}},
                            {"hosts", nlohmann::json::array()}};
        for (const HomeHostSpec& host : home.hosts)
        {
            j["hosts"].push_back(
                {{"node", host.node}, {"name", host.name}, {"start_s", host.startNs / 1e9}});
        }
        echo["homes"].push_back(j);
    }
    echo["dns_servers"] = nlohmann::json::array();
    for (const DnsServerSpec& d : h->dnsServers)
    {
        nlohmann::json j = {{"node", d.node},
                            {"zone", d.zone},
                            {"address", FormatIpv4(d.address)},
                            {"records", nlohmann::json::array()},
                            {"updates_from", nlohmann::json::array()}};
        for (const DnsRecordSpec& r : d.records)
        {
            j["records"].push_back({{"name", r.name}, {"address", FormatIpv4(r.address)}});
        }
        for (const Ipv4Prefix& p : d.updatesFrom)
        {
            j["updates_from"].push_back(p.ToString());
        }
        echo["dns_servers"].push_back(j);
    }
    echo["web_servers"] = nlohmann::json::array();
    for (const WebServerSpec& w : h->webServers)
    {
        echo["web_servers"].push_back(
            {{"node", w.node}, {"name", w.name}, {"address", FormatIpv4(w.address)}});
    }
    echo["home_traffic"] = nlohmann::json::array();
    for (const HomeTrafficSpec& t : h->traffic)
    {
        echo["home_traffic"].push_back({{"name", t.name},
                                        {"type", kHomeTrafficTypes.Name(t.type)},
                                        {"from", t.from},
                                        {"target", t.target},
                                        {"at_s", *t.atNs / 1e9},
                                        {"count", t.count},
                                        {"port", t.port},
                                        {"reply", t.reply}});
    }
}

void
HomesFeature::Install(InstallStage stage,
                      const Scenario& s,
                      Network& network,
                      RunContext& run) const
{
    const HomesSection* h = s.sections.Find<HomesSection>();
    if (!h)
    {
        return;
    }
    switch (stage)
    {
    case InstallStage::PROTOCOLS:
        InstallHomes(*h, s, network, run);
        break;
    case InstallStage::APPLICATIONS:
        InstallHomeTraffic(*h, s, network, run);
        break;
    default:
        break;
    }
}

} // namespace scenario
} // namespace ns3
