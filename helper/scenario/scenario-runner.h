/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Runs one resolved scenario from start to end: global settings, every
 * feature installed stage by stage, the event stream, Simulator::Run, and
 * the results (flows with the oracle's view, applied events, feature parts,
 * expectation checks, run cost). Used by the ipvpn-sim program and by the
 * tests, so both exercise the same path.
 */
#ifndef IPVPN_SCENARIO_RUNNER_H
#define IPVPN_SCENARIO_RUNNER_H

#include "scenario-spec.h"

#include "ns3/ipvpn-run-results.h"

namespace ns3
{
namespace scenario
{

using metrics::AppliedEvent;
using metrics::ExpectationOutcome;
using metrics::FlowOutcome;
using metrics::InterfaceRecord;
using metrics::RunResults;

struct RunOptions
{
    bool showProgress = false; ///< periodic simulated-time progress on stdout
};

/// Builds and runs the scenario; the simulator is destroyed afterwards so
/// that another scenario can run in the same process.
RunResults RunScenario(const Scenario& scenario, const RunOptions& options = {});

} // namespace scenario
} // namespace ns3

#endif
