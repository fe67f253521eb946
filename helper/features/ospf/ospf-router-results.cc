/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ospf-router-results.h"

#include <fmt/format.h>

namespace ns3
{
namespace metrics
{

using nlohmann::json;

std::optional<int64_t>
OspfOutcome::LastAdjacencyNs() const
{
    std::optional<int64_t> last;
    for (const OspfRouterOutcome& r : routers)
    {
        for (const OspfAdjacencyOutcome& a : r.adjacencies)
        {
            if (a.firstFullNs && (!last || *a.firstFullNs > *last))
            {
                last = a.firstFullNs;
            }
        }
    }
    return last;
}

json
OspfOutcome::ToJson() const
{
    json j;
    j["initial_convergence_s"] = SecondsOrNull(initialConvergenceNs);
    j["tables_match_oracle_at_end"] = tablesMatchAtEnd;
    j["mismatches_at_end"] = mismatchesAtEnd;
    j["routers"] = json::array();
    for (const OspfRouterOutcome& r : routers)
    {
        json adjacencies = json::array();
        for (const OspfAdjacencyOutcome& a : r.adjacencies)
        {
            adjacencies.push_back({{"link", a.link},
                                   {"neighbor", a.neighbor},
                                   {"neighbor_id", a.neighborId},
                                   {"first_full_s", SecondsOrNull(a.firstFullNs)},
                                   {"times_full", a.timesFull},
                                   {"state_at_end", a.stateAtEnd}});
        }
        json interfaces = json::array();
        for (const OspfInterfaceOutcome& i : r.interfaces)
        {
            json intf = {{"link", i.link}, {"type", i.type}, {"cost", i.cost}, {"state", i.state}};
            if (i.type == "broadcast")
            {
                intf["dr"] = i.dr.empty() ? json(nullptr) : json(i.dr);
                intf["bdr"] = i.bdr.empty() ? json(nullptr) : json(i.bdr);
            }
            interfaces.push_back(intf);
        }
        j["routers"].push_back({{"node", r.node},
                                {"router_id", r.routerId},
                                {"priority", r.priority},
                                {"adjacencies", adjacencies},
                                {"interfaces", interfaces},
                                {"lsas_originated", r.lsasOriginated},
                                {"lsas_flooded", r.lsasFlooded},
                                {"lsas_installed", r.lsasInstalled},
                                {"spf_runs", r.spfRuns},
                                {"ospf_routes", r.ospfRoutes},
                                {"packets_sent", r.packetsSent},
                                {"bytes_sent", r.bytesSent},
                                {"packets_received", r.packetsReceived},
                                {"bytes_received", r.bytesReceived},
                                {"drops", r.drops}});
    }
    j["convergence"] = json::array();
    for (const OspfConvergence& c : convergence)
    {
        json flows = json::array();
        for (const OspfFlowConvergence& f : c.flows)
        {
            flows.push_back({{"flow", f.flow},
                             {"data_plane_s", SecondsOrNull(f.dataNs)},
                             {"new_path", f.newPath}});
        }
        j["convergence"].push_back({{"event_at_s", c.eventNs / 1e9},
                                    {"event", c.event},
                                    {"control_plane_s", SecondsOrNull(c.controlNs)},
                                    {"flows", flows}});
    }
    return j;
}

void
OspfOutcome::PrintSummary(std::ostream& os) const
{
    uint64_t spf = 0;
    uint64_t originated = 0;
    uint64_t sent = 0;
    uint64_t drops = 0;
    size_t full = 0;
    size_t adjacencies = 0;
    for (const OspfRouterOutcome& r : routers)
    {
        spf += r.spfRuns;
        originated += r.lsasOriginated;
        for (const auto& [type, n] : r.packetsSent)
        {
            sent += n;
        }
        for (const auto& [reason, n] : r.drops)
        {
            drops += n;
        }
        for (const OspfAdjacencyOutcome& a : r.adjacencies)
        {
            ++adjacencies;
            full += a.stateAtEnd == "Full";
        }
    }
    const std::optional<int64_t> lastFull = LastAdjacencyNs();
    os << fmt::format("ospf: {} routers, {}/{} adjacencies Full at the end (last first Full at "
                      "{}), tables equal to the oracle at {}{}; {} SPF runs, {} LSAs "
                      "originated, {} packets sent, {} dropped\n",
                      routers.size(),
                      full,
                      adjacencies,
                      SecondsText(lastFull),
                      SecondsText(initialConvergenceNs),
                      tablesMatchAtEnd ? "" : " (NOT at the end)",
                      spf,
                      originated,
                      sent,
                      drops);
    for (const OspfConvergence& c : convergence)
    {
        std::string flows;
        for (const OspfFlowConvergence& f : c.flows)
        {
            if (f.dataNs)
            {
                flows += fmt::format(", {} first packet +{:.3f} ms via {}",
                                     f.flow,
                                     *f.dataNs / 1e6,
                                     PathText(f.newPath));
            }
        }
        os << fmt::format("ospf after {} at {:.3f} s: tables {}{}\n",
                          c.event,
                          c.eventNs / 1e9,
                          c.controlNs ? fmt::format("+{:.3f} ms", *c.controlNs / 1e6)
                                      : std::string("never equal to the oracle"),
                          flows);
    }
}

} // namespace metrics
} // namespace ns3
