/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The `mpls` part of a run's results: each reported LSP's history (path and
 * labels over time), its setup time and its convergence after each event,
 * and per LSR its tables and LDP counters; written into results.json and
 * the summary.
 */
#ifndef IPVPN_MPLS_LSP_RESULTS_H
#define IPVPN_MPLS_LSP_RESULTS_H

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

/// One labelled link of an LSP: the label `from` sends to `to`.
struct LspHop
{
    std::string from;
    std::string to;
    std::string link;
    uint32_t label = 0; ///< 3 = implicit null (nothing on the wire)
    std::string name;   ///< the scenario's name for it (the seed's E, F), or empty
};

/// The LSP as the tables had it from `atNs` on.
struct LspState
{
    int64_t atNs = 0;
    bool complete = false;         ///< the walk reached the egress and pops there
    std::vector<std::string> path; ///< nodes, ingress first
    std::vector<LspHop> hops;
};

/// What one topology event did to an LSP.
struct LspConvergence
{
    int64_t eventNs = 0;
    std::string event;  ///< "link-down L3" and the like
    bool affected = false; ///< the LSP's path changed (control or data plane)
    std::optional<int64_t> controlNs; ///< event -> tables complete on the new path
    std::optional<int64_t> dataNs;    ///< event -> first packet delivered on the new path
    std::vector<std::string> newPath;
};

struct LspOutcome
{
    std::string name;
    std::string fec; ///< a.b.c.d/len
    std::string ingress;
    std::string egress;
    std::optional<int64_t> setupNs; ///< first time the LSP was complete
    std::vector<LspState> history;
    std::vector<LspConvergence> convergence;
    uint64_t packetsLabelled = 0; ///< packets of the LSP's flow that were pushed
};

struct LsrOutcome
{
    std::string node;
    uint64_t ilmEntries = 0;
    uint64_t ftnEntries = 0;
    uint64_t labelsAllocated = 0;
    std::map<std::string, uint64_t> ldpMessagesSent; ///< by message type name
    std::map<std::string, uint64_t> ldpMessagesReceived;
    uint64_t ldpBytesSent = 0;
    uint64_t ldpBytesReceived = 0;
    uint32_t ldpSessionsOperational = 0; ///< at the end
};

struct MplsOutcome : public FeatureOutcome
{
    std::vector<LspOutcome> lsps;
    std::vector<LsrOutcome> lsrs;

    nlohmann::json ToJson() const override;
    void PrintSummary(std::ostream& os) const override;
};

} // namespace metrics
} // namespace ns3

#endif
