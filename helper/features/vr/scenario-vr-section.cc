/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Reading and validating the `vr` and `vpns` sections.
 */
#include "scenario-vr-section.h"

#include "scenario-vr-feature.h"
#include "vr-attack-events.h"

#include "ns3/scenario-checker.h"
#include "ns3/scenario-mpls-section.h"
#include "ns3/scenario-reader.h"
#include "ns3/scenario-values.h"
#include "ns3/vr-vpn-id.h"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <set>

namespace ns3
{
namespace scenario
{

std::pair<const VpnSpec*, const VrPortSpec*>
VpnsSection::FindPort(const std::string& name) const
{
    for (const VpnSpec& vpn : vpns)
    {
        for (const VrPortSpec& port : vpn.ports)
        {
            if (port.name == name)
            {
                return {&vpn, &port};
            }
        }
    }
    return {nullptr, nullptr};
}

namespace
{

void
ReadOspf(const YAML::Node& n, const std::string& p, YamlReader& in, VrOspfSpec& ospf)
{
    if (!in.CheckMap(n,
                     p,
                     {"hello_interval",
                      "dead_interval",
                      "rxmt_interval",
                      "min_ls_interval",
                      "min_ls_arrival",
                      "ack_delay",
                      "flood_pacing",
                      "spf"}))
    {
        return;
    }
    auto positive = [&](const char* key, std::optional<int64_t>& v) {
        if (n[key])
        {
            v = in.PositiveDuration(n[key], Child(p, key));
        }
    };
    auto duration = [&](const YAML::Node& m,
                        const std::string& mp,
                        const char* key,
                        std::optional<int64_t>& v) {
        if (m[key])
        {
            v = in.NonNegativeDuration(m[key], Child(mp, key));
        }
    };
    positive("hello_interval", ospf.helloIntervalNs);
    positive("dead_interval", ospf.deadIntervalNs);
    positive("rxmt_interval", ospf.rxmtIntervalNs);
    duration(n, p, "min_ls_interval", ospf.minLsIntervalNs);
    duration(n, p, "min_ls_arrival", ospf.minLsArrivalNs);
    duration(n, p, "ack_delay", ospf.ackDelayNs);
    duration(n, p, "flood_pacing", ospf.floodPacingNs);
    const std::string sp = Child(p, "spf");
    if (n["spf"] && in.CheckMap(n["spf"], sp, {"initial_delay", "hold", "max_wait"}))
    {
        duration(n["spf"], sp, "initial_delay", ospf.spfInitialDelayNs);
        duration(n["spf"], sp, "hold", ospf.spfHoldNs);
        duration(n["spf"], sp, "max_wait", ospf.spfMaxWaitNs);
    }
}

VrPortSpec
ReadPort(const YAML::Node& n, const std::string& p, YamlReader& in)
{
    VrPortSpec port;
    port.mark = MarkOf(n);
    if (!in.CheckMap(
            n, p, {"name", "router", "address", "password", "user_links", "start", "claim_vpn_id"}))
    {
        return port;
    }
    in.Require(n, p, {"name", "router", "address", "password"});
    if (n["name"])
    {
        port.name = in.Name(n["name"], Child(p, "name")).value_or("");
    }
    if (n["router"])
    {
        port.router = in.Name(n["router"], Child(p, "router")).value_or("");
    }
    if (n["address"])
    {
        port.address = in.Parse(n["address"], Child(p, "address"), &ParseIpv4Address);
    }
    if (n["password"])
    {
        port.password = in.Scalar(n["password"], Child(p, "password")).value_or("");
        port.passwordGiven = n["password"].IsScalar() && !port.password.empty();
        if (n["password"].IsScalar() && port.password.empty())
        {
            in.Error(n["password"], Child(p, "password"), "the password must not be empty");
        }
    }
    const std::string up = Child(p, "user_links");
    if (n["user_links"] && in.CheckSequence(n["user_links"], up))
    {
        for (size_t j = 0; j < n["user_links"].size(); ++j)
        {
            if (auto name = in.Name(n["user_links"][j], Index(up, j)))
            {
                port.userLinks.push_back(*name);
            }
        }
    }
    if (n["start"])
    {
        port.startNs = in.Duration(n["start"], Child(p, "start"));
    }
    if (n["claim_vpn_id"])
    {
        port.claimedVpnId = in.Scalar(n["claim_vpn_id"], Child(p, "claim_vpn_id")).value_or("");
        if (n["claim_vpn_id"].IsScalar() && !vr::VpnId::Parse(port.claimedVpnId))
        {
            in.Error(n["claim_vpn_id"],
                     Child(p, "claim_vpn_id"),
                     fmt::format("'{}' is not an RFC 2685 VPN-ID (oui:index in hexadecimal)",
                                 port.claimedVpnId));
            port.claimedVpnId.clear();
        }
    }
    return port;
}

VpnSpec
ReadVpn(const YAML::Node& n, const std::string& p, YamlReader& in)
{
    VpnSpec vpn;
    vpn.mark = MarkOf(n);
    if (!in.CheckMap(n, p, {"name", "id", "radius_secret", "tunnel_secret", "ports"}))
    {
        return vpn;
    }
    in.Require(n, p, {"name", "id", "radius_secret", "ports"});
    if (n["name"])
    {
        vpn.name = in.Name(n["name"], Child(p, "name")).value_or("");
    }
    if (n["id"])
    {
        vpn.id = in.Scalar(n["id"], Child(p, "id")).value_or("");
        if (n["id"].IsScalar() && !vr::VpnId::Parse(vpn.id))
        {
            in.Error(n["id"],
                     Child(p, "id"),
                     fmt::format("'{}' is not an RFC 2685 VPN-ID (oui:index in hexadecimal, "
                                 "e.g. 00a0c9:00000001)",
                                 vpn.id));
        }
    }
    if (n["radius_secret"])
    {
        vpn.radiusSecret = in.Scalar(n["radius_secret"], Child(p, "radius_secret")).value_or("");
        if (n["radius_secret"].IsScalar() && vpn.radiusSecret.empty())
        {
            in.Error(n["radius_secret"],
                     Child(p, "radius_secret"),
                     "the shared secret must not be empty (RFC 2865 section 3)");
        }
    }
    if (n["tunnel_secret"])
    {
        vpn.tunnelSecret = in.Scalar(n["tunnel_secret"], Child(p, "tunnel_secret")).value_or("");
    }
    const std::string pp = Child(p, "ports");
    if (n["ports"] && in.CheckSequence(n["ports"], pp))
    {
        for (size_t j = 0; j < n["ports"].size(); ++j)
        {
            vpn.ports.push_back(ReadPort(n["ports"][j], Index(pp, j), in));
        }
    }
    return vpn;
}

} // namespace

void
VrFeature::Read(const YAML::Node& root, YamlReader& in, Scenario& s) const
{
    if (const YAML::Node& node = root["vr"])
    {
        VpnsSection& section = s.sections.Get<VpnsSection>();
        const std::string p = "vr";
        if (in.CheckMap(node,
                        p,
                        {"collection_time",
                         "mutual_authentication",
                         "parallel_tunnels",
                         "monitor_period",
                         "monitor_silent_after",
                         "hold_time",
                         "accept_timeout",
                         "announce_spacing",
                         "addition_delivery",
                         "data_plane",
                         "ospf"}))
        {
            if (node["data_plane"])
            {
                section.dataPlane = in.Enum(
                    node["data_plane"], Child(p, "data_plane"), kVrDataPlanes, "data plane");
            }
            if (node["addition_delivery"])
            {
                section.additionDelivery = in.Enum(node["addition_delivery"],
                                                   Child(p, "addition_delivery"),
                                                   kVrAdditionDeliveries,
                                                   "addition delivery");
            }
            if (node["monitor_period"])
            {
                section.monitorPeriodNs =
                    in.PositiveDuration(node["monitor_period"], Child(p, "monitor_period"));
                // The attribute's checker: at least 1 ms.
                if (section.monitorPeriodNs && *section.monitorPeriodNs < 1000000)
                {
                    in.Error(node["monitor_period"],
                             Child(p, "monitor_period"),
                             "the monitoring period must be at least 1ms");
                    section.monitorPeriodNs.reset();
                }
            }
            if (node["monitor_silent_after"])
            {
                if (auto n = in.Integer(node["monitor_silent_after"],
                                        Child(p, "monitor_silent_after"),
                                        1,
                                        1000000))
                {
                    section.monitorSilentAfter = static_cast<uint32_t>(*n);
                }
            }
            if (node["hold_time"])
            {
                section.holdTimeNs =
                    in.NonNegativeDuration(node["hold_time"], Child(p, "hold_time"));
            }
            if (node["accept_timeout"])
            {
                section.acceptTimeoutNs =
                    in.NonNegativeDuration(node["accept_timeout"], Child(p, "accept_timeout"));
            }
            if (node["announce_spacing"])
            {
                section.announceSpacingNs =
                    in.NonNegativeDuration(node["announce_spacing"], Child(p, "announce_spacing"));
            }
            if (node["collection_time"])
            {
                section.collectionTimeNs =
                    in.NonNegativeDuration(node["collection_time"], Child(p, "collection_time"));
            }
            if (node["mutual_authentication"])
            {
                section.mutualAuthentication =
                    in.Boolean(node["mutual_authentication"], Child(p, "mutual_authentication"));
            }
            if (node["parallel_tunnels"])
            {
                section.parallelTunnels =
                    in.Boolean(node["parallel_tunnels"], Child(p, "parallel_tunnels"));
            }
            if (node["ospf"])
            {
                ReadOspf(node["ospf"], Child(p, "ospf"), in, section.ospf);
            }
        }
    }
    if (const YAML::Node& list = root["vpns"])
    {
        VpnsSection& section = s.sections.Get<VpnsSection>();
        if (in.CheckSequence(list, "vpns"))
        {
            for (size_t i = 0; i < list.size(); ++i)
            {
                section.vpns.push_back(ReadVpn(list[i], Index("vpns", i), in));
            }
        }
        // The user lines' addresses are the VPN's: the core checks them in
        // that space (first VPN to name a link wins; two are an error below).
        for (const VpnSpec& vpn : section.vpns)
        {
            for (const VrPortSpec& port : vpn.ports)
            {
                for (const std::string& name : port.userLinks)
                {
                    for (LinkSpec& link : s.links)
                    {
                        if (link.name == name && link.addressSpace.empty())
                        {
                            link.addressSpace = vpn.name;
                        }
                    }
                }
            }
        }
    }
}

namespace
{

void
CheckPort(const Scenario& s,
          const VpnSpec& vpn,
          const VrPortSpec& port,
          const std::string& p,
          ScenarioChecker& check)
{
    check.RouterRef(port.router, p + ".router", "a VR port sits on an edge router");
    if (port.address &&
        (*port.address == 0 || (*port.address >> 24) == 127 || (*port.address >> 28) >= 14))
    {
        check.ErrorAt(p + ".address",
                      fmt::format("{} is not a usable unicast address", FormatIpv4(*port.address)));
    }
    std::vector<std::pair<Ipv4Prefix, std::string>> userNets;
    for (size_t k = 0; k < port.userLinks.size(); ++k)
    {
        const std::string lp = fmt::format("{}.user_links[{}]", p, k);
        const LinkSpec* link = check.LinkRef(port.userLinks[k], lp);
        if (!link)
        {
            continue;
        }
        if (link->addressSpace != vpn.name)
        {
            check.ErrorAt(lp,
                          fmt::format("link '{}' is a user line of VPN '{}' already",
                                      link->name,
                                      link->addressSpace));
            continue;
        }
        const bool atRouter =
            std::any_of(link->endpoints.begin(), link->endpoints.end(), [&](const EndpointSpec& e) {
                return e.node == port.router;
            });
        if (!atRouter)
        {
            check.ErrorAt(lp,
                          fmt::format("link '{}' does not end at the port's router '{}'",
                                      link->name,
                                      port.router));
        }
        if (std::any_of(link->endpoints.begin(), link->endpoints.end(), [](const EndpointSpec& e) {
                return !e.address;
            }))
        {
            check.ErrorAt(lp,
                          fmt::format("user line '{}' needs explicit addresses (they are the "
                                      "VPN's private ones, not from a pool)",
                                      link->name));
        }
    }
    (void)s;
}

void
CheckVpn(const Scenario& s, const VpnSpec& vpn, size_t i, ScenarioChecker& check)
{
    const std::string p = fmt::format("vpns[{}]", i);
    check.UniqueNames(vpn.ports, p + ".ports", "VR port");
    std::map<std::string, size_t> routers;
    for (size_t j = 0; j < vpn.ports.size(); ++j)
    {
        const VrPortSpec& port = vpn.ports[j];
        const std::string pp = fmt::format("{}.ports[{}]", p, j);
        CheckPort(s, vpn, port, pp, check);
        if (port.router.empty())
        {
            continue;
        }
        auto [it, fresh] = routers.emplace(port.router, j);
        if (!fresh)
        {
            check.ErrorAt(pp + ".router",
                          fmt::format("VPN '{}' has a port on router '{}' already ({}.ports[{}]); "
                                      "a router holds one VR port per VPN",
                                      vpn.name,
                                      port.router,
                                      p,
                                      it->second));
        }
    }
}

} // namespace

void
VrFeature::Validate(const Scenario& s, ScenarioChecker& check) const
{
    const VpnsSection* section = s.sections.Find<VpnsSection>();
    if (!section || !check.NodesUsable())
    {
        return;
    }
    bool anyPort = false;
    check.UniqueNames(section->vpns, "vpns", "VPN");
    std::map<std::string, std::string> ids;       // VPN-ID -> path
    std::map<uint32_t, std::string> addresses;    // port address -> path
    std::map<std::string, std::string> portNames; // every port name -> path
    for (size_t i = 0; i < section->vpns.size(); ++i)
    {
        const VpnSpec& vpn = section->vpns[i];
        const std::string p = fmt::format("vpns[{}]", i);
        if (auto id = vr::VpnId::Parse(vpn.id))
        {
            auto [it, fresh] = ids.emplace(id->ToString(), p + ".id");
            if (!fresh)
            {
                check.ErrorAt(p + ".id",
                              fmt::format("VPN-ID {} is already used at {}", vpn.id, it->second));
            }
        }
        CheckVpn(s, vpn, i, check);
        for (size_t j = 0; j < vpn.ports.size(); ++j)
        {
            anyPort = true;
            const VrPortSpec& port = vpn.ports[j];
            const std::string pp = fmt::format("{}.ports[{}]", p, j);
            if (!port.name.empty())
            {
                auto [it, fresh] = portNames.emplace(port.name, pp);
                if (!fresh && it->second.rfind(p + ".", 0) != 0)
                {
                    check.ErrorAt(pp + ".name",
                                  fmt::format("VR port name '{}' is already used at {}",
                                              port.name,
                                              it->second));
                }
            }
            if (port.address)
            {
                auto [it, fresh] = addresses.emplace(*port.address, pp + ".address");
                if (!fresh)
                {
                    check.ErrorAt(pp + ".address",
                                  fmt::format("address {} is already the address of {}",
                                              FormatIpv4(*port.address),
                                              it->second));
                }
                for (const PoolSpec& pool : s.pools)
                {
                    if (pool.prefix.length > 0 && pool.prefix.Contains(*port.address))
                    {
                        check.ErrorAt(pp + ".address",
                                      fmt::format("{} lies inside address pool '{}' ({})",
                                                  FormatIpv4(*port.address),
                                                  pool.name,
                                                  pool.prefix.ToString()));
                    }
                }
                for (const LinkSpec& link : s.links)
                {
                    for (const EndpointSpec& e : link.endpoints)
                    {
                        if (link.addressSpace.empty() && e.address &&
                            e.address->address == *port.address)
                        {
                            check.ErrorAt(pp + ".address",
                                          fmt::format("address {} is an interface address of "
                                                      "link '{}'",
                                                      FormatIpv4(*port.address),
                                                      link.name));
                        }
                    }
                }
            }
        }
    }
    // The MPLS data plane (Fig. 13) needs MPLS with LDP on every router
    // that holds a port, and an egress that keeps its label (non-null):
    // with penultimate-hop popping the port's router would get the user's
    // datagram unlabelled and route it in the core's table.
    const MplsSection* mpls = s.sections.Find<MplsSection>();
    if (anyPort && section->dataPlane == vr::VrPort::DATA_MPLS)
    {
        if (!mpls)
        {
            check.ErrorAt("vr.data_plane",
                          "data plane 'mpls' needs an `mpls` section (MPLS and LDP on the "
                          "routers holding VR ports)");
        }
        else if (mpls->egressLabel.value_or(ldp::EgressLabel::IMPLICIT_NULL) !=
                 ldp::EgressLabel::NON_NULL)
        {
            check.ErrorAt("vr.data_plane",
                          fmt::format("data plane 'mpls' needs mpls.egress_label 'non-null' (the "
                                      "label F that names the egress VR port), not '{}'",
                                      kEgressLabels.Name(mpls->egressLabel.value_or(
                                          ldp::EgressLabel::IMPLICIT_NULL))));
        }
        for (size_t i = 0; mpls && i < section->vpns.size(); ++i)
        {
            for (size_t j = 0; j < section->vpns[i].ports.size(); ++j)
            {
                const std::string& router = section->vpns[i].ports[j].router;
                if (!router.empty() && !mpls->IsLsr(s, router))
                {
                    check.ErrorAt(fmt::format("vpns[{}].ports[{}].router", i, j),
                                  fmt::format("data plane 'mpls': router '{}' runs no MPLS (add "
                                              "it to mpls.routers)",
                                              router));
                }
            }
        }
    }
    CheckAttackEvents(s, *section, check);
    if (anyPort && s.routing.core != "ospf")
    {
        check.ErrorAt("routing.core",
                      fmt::format("VR ports need the OSPF core (their addition messages go to "
                                  "every router the core IGP knows), not '{}'",
                                  s.routing.core));
    }
    // vr-port-add events name a port that has no `start` of its own; the
    // other VR-port events name a known port (stop and announce one that
    // is started by then, which the run checks: a port not started ignores
    // them).
    std::set<std::string> added;
    for (size_t i = 0; i < s.events.size(); ++i)
    {
        const EventSpec& e = s.events[i];
        if (e.action != kVrPortAdd && e.action != kVrPortStop && e.action != kVrPortPassword &&
            e.action != kVrPortAnnounce)
        {
            continue;
        }
        const std::string ep = fmt::format("events[{}].port", i);
        auto [vpn, port] = section->FindPort(e.Arg("port"));
        if (!port)
        {
            check.ErrorAt(ep, fmt::format("unknown VR port '{}'", e.Arg("port")));
        }
        else if (e.action != kVrPortAdd)
        {
            continue;
        }
        else if (port->startNs)
        {
            check.ErrorAt(
                ep, fmt::format("VR port '{}' starts at its own 'start' already", port->name));
        }
        else if (!added.insert(port->name).second)
        {
            check.ErrorAt(ep, fmt::format("VR port '{}' is added twice", port->name));
        }
    }
}

} // namespace scenario
} // namespace ns3
