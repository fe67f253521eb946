/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Runs one scenario from start to end: global settings, build, measurement
 * hooks, Simulator::Run, and the results (flow statistics, applied events,
 * oracle paths, expectation checks, run cost). Used by the ipvpn-sim program
 * and by the tests, so both exercise the same path.
 */
#ifndef IPVPN_SCENARIO_RUNNER_H
#define IPVPN_SCENARIO_RUNNER_H

#include "ns3/flow-metrics.h"
#include "ns3/lsp-monitor.h"
#include "ns3/tunnel-monitor.h"
#include "scenario-spec.h"

#include <optional>
#include <string>
#include <vector>

namespace ns3
{
namespace scenario
{

struct RunOptions
{
    bool showProgress = false; ///< periodic simulated-time progress on stdout
};

struct FlowOutcome
{
    metrics::FlowStats stats;
    std::string destination;            ///< IPv4 address the flow targets
    std::vector<std::string> oraclePath; ///< expected path at start (Boost.Graph)
    bool reachableAtEnd = false;         ///< oracle after all events
};

struct AppliedEvent
{
    int64_t atNs = 0;
    EventSpec spec;
};

struct ExpectationOutcome
{
    std::string flow;
    std::string check; ///< "min_delivery", "max_delivery", "max_mean_delay"
    bool ok = false;
    std::string detail;
};

struct InterfaceRecord
{
    std::string node;
    std::string link;
    std::string address; ///< a.b.c.d/len
    std::string pcapFile;
};

struct RunResults
{
    std::vector<FlowOutcome> flows; ///< same order as Scenario::flows
    std::vector<AppliedEvent> events;
    std::vector<ExpectationOutcome> expectations;
    std::vector<InterfaceRecord> interfaces;
    int64_t intervalNs = 0;
    uint64_t eventsProcessed = 0;
    uint64_t messagesTraced = 0;
    double wallSeconds = 0;
    int64_t simulatedNs = 0;
    long maxRssKiB = 0;
    std::string messageTraceFile;
    std::string netanimFile;
    std::optional<metrics::MplsOutcome> mpls; ///< when the scenario has an MPLS core
    std::vector<metrics::TunnelOutcome> tunnels; ///< same order as Scenario::tunnels

    bool ExpectationsMet() const;
};

/// Builds and runs the scenario; the simulator is destroyed afterwards so
/// that another scenario can run in the same process.
RunResults RunScenario(const Scenario& scenario, const RunOptions& options = {});

/// Applies the scenario's `expect` entries to the flow results.
std::vector<ExpectationOutcome> CheckExpectations(const Scenario& scenario,
                                                  const std::vector<FlowOutcome>& flows);

} // namespace scenario
} // namespace ns3

#endif
