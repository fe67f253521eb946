/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "vr-port-results.h"

#include <fmt/format.h>

namespace ns3
{
namespace metrics
{

namespace
{

nlohmann::json
Seconds(const std::optional<int64_t>& ns)
{
    return ns ? nlohmann::json(*ns / 1e9) : nlohmann::json(nullptr);
}

} // namespace

nlohmann::json
VpnsOutcome::ToJson() const
{
    using nlohmann::json;
    json out = json::array();
    for (const VpnOutcome& vpn : vpns)
    {
        json ports = json::array();
        for (const VrPortOutcome& p : vpn.ports)
        {
            json steps = json::array();
            for (const VrStepRecord& r : p.steps)
            {
                steps.push_back({{"t_s", r.atNs / 1e9},
                                 {"step", r.step},
                                 {"peer", r.peer.empty() ? json(nullptr) : json(r.peer)}});
            }
            json map = json::array();
            for (const VrMapRow& row : p.map)
            {
                map.push_back({{"port", row.port},
                               {"address", row.address},
                               {"router_id", row.routerId},
                               {"tunnel_id", row.tunnelId},
                               {"state", row.state}});
            }
            json events = json::array();
            for (const VrEventRecord& r : p.events)
            {
                events.push_back({{"t_s", r.atNs / 1e9}, {"event", r.action}});
            }
            json deleted = json::array();
            for (const VrDeletionRecord& r : p.deleted)
            {
                deleted.push_back({{"t_s", r.atNs / 1e9}, {"port", r.port}});
            }
            // prefix -> next hops: peer port names, "direct" for the
            // port's own user line.
            json routes = json::object();
            for (const auto& [prefix, hops] : p.routes)
            {
                json names = json::array();
                for (const std::string& hop : hops)
                {
                    names.push_back(hop.empty() ? "direct" : hop);
                }
                routes[prefix] = names;
            }
            ports.push_back({{"name", p.name},
                             {"router", p.router},
                             {"address", p.address},
                             {"started_s", Seconds(p.startedNs)},
                             {"join_s", Seconds(p.joinNs)},
                             {"steps", steps},
                             {"map", map},
                             {"events", events},
                             {"deleted", deleted},
                             {"discovery",
                              {{"sent", p.discoverySent},
                               {"received", p.discoveryReceived},
                               {"additions_received", p.additionsReceived}}},
                             {"auth_failures", p.authFailures},
                             {"routes", routes},
                             {"mpls",
                              {{"label", p.label ? json(*p.label) : json(nullptr)},
                               {"push_labels", p.pushLabels},
                               {"labelled", p.labelled},
                               {"unlabelled", p.unlabelled}}}});
        }
        out.push_back({{"name", vpn.name},
                       {"id", vpn.id},
                       {"vrf", vpn.vrf},
                       {"membership_convergence_s", Seconds(vpn.membershipConvergenceNs)},
                       {"routing_convergence_s", Seconds(vpn.routingConvergenceNs)},
                       {"routing_mismatches_at_end", vpn.routingMismatches},
                       {"isolation",
                        {{"vrf_drops", vpn.vrfDrops},
                         {"core_prefixes", vpn.corePrefixes},
                         {"foreign_routes", vpn.isolation.foreignRoutes},
                         {"unauthorized_joins", vpn.isolation.unauthorizedJoins},
                         {"foreign_routing_packets", vpn.isolation.foreignRoutingPackets},
                         {"cross_vpn_deliveries", vpn.isolation.crossVpnDeliveries},
                         {"unbound_label_deliveries", vpn.isolation.unboundLabelDeliveries}}},
                       {"own_deliveries", vpn.isolation.ownDeliveries},
                       {"ports", ports}});
    }
    auto byRouter = [](const std::vector<std::pair<std::string, uint64_t>>& counts) {
        json o = json::object();
        for (const auto& [router, count] : counts)
        {
            o[router] = count;
        }
        return o;
    };
    json attackList = json::array();
    for (const VrAttackRecord& a : attacks)
    {
        attackList.push_back(
            {{"t_s", a.atNs / 1e9}, {"node", a.node}, {"event", a.action}, {"detail", a.detail}});
    }
    return {{"vpns", out},
            {"discovery_drops", byRouter(discoveryDrops)},
            {"discovery_duplicates", byRouter(discoveryDuplicates)},
            {"label_drops", byRouter(labelDrops)},
            {"attacks", attackList}};
}

void
VpnsOutcome::PrintSummary(std::ostream& os) const
{
    for (const VpnOutcome& vpn : vpns)
    {
        os << fmt::format(
            "  VPN {} ({}): membership {}, routing {}, VRF drops {}, core prefixes {}\n",
            vpn.name,
            vpn.id,
            vpn.membershipConvergenceNs
                ? fmt::format("complete at {:.3f} s", *vpn.membershipConvergenceNs / 1e9)
                : std::string("incomplete"),
            vpn.routingConvergenceNs
                ? fmt::format("as the oracle at {:.3f} s", *vpn.routingConvergenceNs / 1e9)
                : fmt::format("{} differences", vpn.routingMismatches.size()),
            vpn.vrfDrops,
            vpn.corePrefixes);
        for (const VrPortOutcome& p : vpn.ports)
        {
            std::string steps;
            for (const VrStepRecord& r : p.steps)
            {
                steps += (steps.empty() ? "" : " ") + r.step;
            }
            os << fmt::format("    {} on {}: {} peers, join {}; steps {}\n",
                              p.name,
                              p.router,
                              p.map.size(),
                              p.joinNs ? fmt::format("{:.3f} s", *p.joinNs / 1e9)
                                       : std::string("-"),
                              steps.empty() ? "-" : steps);
        }
    }
}

} // namespace metrics
} // namespace ns3
