/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Writes a run's results into its output folder (results.json, flows.csv,
 * timeseries.csv) and prints the end-of-run summary table. Feature parts
 * write themselves (FeatureOutcome); this file knows only the core's.
 */
#ifndef IPVPN_RESULTS_WRITER_H
#define IPVPN_RESULTS_WRITER_H

#include "ns3/ipvpn-run-results.h"
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

/// The whole results document, the scenario echo and every feature part included.
nlohmann::json ResultsToJson(const scenario::Scenario& scenario, const RunResults& results);

/// Writes results.json, flows.csv and timeseries.csv; returns false (with a
/// reason in `error`) when a file cannot be written.
bool WriteResults(const scenario::Scenario& scenario,
                  const RunResults& results,
                  std::string& error);

/// Human-readable summary: one row per flow, events, feature parts,
/// expectations, run cost.
void PrintSummary(std::ostream& os, const scenario::Scenario& scenario, const RunResults& results);

} // namespace metrics
} // namespace ns3

#endif
