/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Writes a run's results into its output folder (results.json, flows.csv,
 * timeseries.csv) and prints the end-of-run summary table.
 */
#ifndef IPVPN_RESULTS_WRITER_H
#define IPVPN_RESULTS_WRITER_H

#include "ns3/scenario-runner.h"
#include "ns3/scenario-spec.h"

#include <nlohmann/json.hpp>

#include <ostream>
#include <string>

namespace ns3
{
namespace metrics
{

/// Version of the results.json layout; bumped on incompatible changes.
constexpr int kResultsVersion = 1;

/// The whole results document (also the scenario echo inside it).
nlohmann::json ResultsToJson(const scenario::Scenario& scenario,
                             const scenario::RunResults& results);

/// The scenario as read and resolved (every address and port filled in).
/// The `mpls` object of results.json.
nlohmann::json MplsToJson(const MplsOutcome& mpls);

/// The `tunnels` array of results.json.
nlohmann::json TunnelsToJson(const std::vector<TunnelOutcome>& tunnels);

nlohmann::json ScenarioToJson(const scenario::Scenario& scenario);

/// Writes results.json, flows.csv and timeseries.csv; returns false (with a
/// reason in `error`) when a file cannot be written.
bool WriteResults(const scenario::Scenario& scenario,
                  const scenario::RunResults& results,
                  std::string& error);

/// Human-readable summary: one row per flow, events, expectations, run cost.
void PrintSummary(std::ostream& os,
                  const scenario::Scenario& scenario,
                  const scenario::RunResults& results);

} // namespace metrics
} // namespace ns3

#endif
