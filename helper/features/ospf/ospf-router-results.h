/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The `ospf` part of a run's results: per router its adjacencies (first
 * time Full per neighbour), interfaces (state, DR, BDR at the end), LSAs
 * originated and flooded, SPF runs, packets and bytes by packet type and
 * drops by reason; per timed event the control-plane convergence (every
 * router's table equal to the topology oracle's least-cost routes again)
 * and, per UDP flow, the first packet delivered over a new path. Written
 * into results.json and the summary.
 */
#ifndef IPVPN_OSPF_ROUTER_RESULTS_H
#define IPVPN_OSPF_ROUTER_RESULTS_H

#include "ns3/ipvpn-run-results.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{
namespace metrics
{

struct OspfAdjacencyOutcome
{
    std::string link;       ///< the link the neighbour is on
    std::string neighbor;   ///< node name ("" when the router ID is no node's)
    std::string neighborId; ///< its router ID
    std::optional<int64_t> firstFullNs;
    uint32_t timesFull = 0; ///< how often it reached Full
    std::string stateAtEnd; ///< "Full", "2-Way", "Down", ...
};

struct OspfInterfaceOutcome
{
    std::string link;
    std::string type; ///< "point-to-point" or "broadcast"
    uint32_t cost = 0;
    std::string state; ///< at the end: "DR", "Backup", "DROther", "Point-To-Point", ...
    std::string dr;    ///< node names, "" for none (broadcast links only)
    std::string bdr;
};

struct OspfRouterOutcome
{
    std::string node;
    std::string routerId;
    uint32_t priority = 0;
    std::vector<OspfAdjacencyOutcome> adjacencies;
    std::vector<OspfInterfaceOutcome> interfaces;
    uint64_t lsasOriginated = 0;
    uint64_t lsasFlooded = 0;
    uint64_t lsasInstalled = 0; ///< instances installed in the database (own included)
    uint64_t spfRuns = 0;
    uint64_t ospfRoutes = 0;                     ///< routes of the last SPF run
    std::map<std::string, uint64_t> packetsSent; ///< by packet type name
    std::map<std::string, uint64_t> bytesSent;
    std::map<std::string, uint64_t> packetsReceived;
    std::map<std::string, uint64_t> bytesReceived;
    std::map<std::string, uint64_t> drops; ///< by reason, non-zero only
};

/// The first packet of a flow delivered over a path other than before the event.
struct OspfFlowConvergence
{
    std::string flow;
    std::optional<int64_t> dataNs; ///< event -> that packet's arrival
    std::vector<std::string> newPath;
};

struct OspfConvergence
{
    int64_t eventNs = 0;
    std::string event; ///< "link-down X-Y"
    /// Event -> every router's table equal to the oracle again, for good
    /// (until the next event or the end); none if it never was.
    std::optional<int64_t> controlNs;
    std::vector<OspfFlowConvergence> flows;
};

struct OspfOutcome : public FeatureOutcome
{
    std::vector<OspfRouterOutcome> routers;
    /// Start -> every table equal to the oracle (the first convergence).
    std::optional<int64_t> initialConvergenceNs;
    std::vector<OspfConvergence> convergence;
    bool tablesMatchAtEnd = false;
    std::vector<std::string> mismatchesAtEnd; ///< the first few, when they differ

    nlohmann::json ToJson() const override;
    void PrintSummary(std::ostream& os) const override;

    /// The latest first-Full time over every adjacency, or none.
    std::optional<int64_t> LastAdjacencyNs() const;
};

} // namespace metrics
} // namespace ns3

#endif
