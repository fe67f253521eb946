/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * What one scenario run produced: per-flow statistics with the oracle's
 * view, the events as applied, expectation checks, interfaces and pcaps,
 * the run's cost, and one part per feature (MPLS LSPs, tunnels, ...) that
 * knows how to write itself into results.json and the summary.
 */
#ifndef IPVPN_RUN_RESULTS_H
#define IPVPN_RUN_RESULTS_H

#include "ns3/ipvpn-flow-metrics.h"
#include "ns3/scenario-spec.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{
namespace metrics
{

struct FlowOutcome
{
    FlowStats stats;
    std::string destination;             ///< IPv4 address the flow targets
    std::vector<std::string> oraclePath; ///< expected path at start (Boost.Graph)
    bool reachableAtEnd = false;         ///< oracle after all events
};

struct AppliedEvent
{
    int64_t atNs = 0;
    scenario::EventSpec spec;
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

/// A feature's part of the results.
class FeatureOutcome
{
  public:
    virtual ~FeatureOutcome() = default;
    /// The value of the part's key in results.json.
    virtual nlohmann::json ToJson() const = 0;
    /// Lines for the end-of-run summary.
    virtual void PrintSummary(std::ostream& os) const = 0;
};

/// A part built once at the end of the run: its JSON and its summary lines.
class JsonLinesOutcome : public FeatureOutcome
{
  public:
    nlohmann::json json;
    std::vector<std::string> lines;

    nlohmann::json ToJson() const override;
    void PrintSummary(std::ostream& os) const override;
};

struct ResultPart
{
    std::string key; ///< top-level key in results.json
    std::shared_ptr<const FeatureOutcome> outcome;
};

struct RunResults
{
    std::vector<FlowOutcome> flows; ///< same order as Scenario::flows
    std::vector<AppliedEvent> events;
    std::vector<ExpectationOutcome> expectations;
    std::vector<InterfaceRecord> interfaces;
    nlohmann::json scenarioEcho; ///< the resolved scenario, every feature included
    std::vector<ResultPart> parts; ///< in feature order
    int64_t intervalNs = 0;
    uint64_t eventsProcessed = 0;
    uint64_t messagesTraced = 0;
    double wallSeconds = 0;
    int64_t simulatedNs = 0;
    long maxRssKiB = 0;
    std::string messageTraceFile;
    std::string netanimFile;

    bool ExpectationsMet() const;

    /// The first part of type T, or null.
    template <typename T>
    const T* Part() const
    {
        for (const ResultPart& p : parts)
        {
            if (auto t = dynamic_cast<const T*>(p.outcome.get()))
            {
                return t;
            }
        }
        return nullptr;
    }
};

/// Applies the scenario's `expect` entries to the flow results.
std::vector<ExpectationOutcome> CheckExpectations(const scenario::Scenario& scenario,
                                                  const std::vector<FlowOutcome>& flows);

/// An event as results.json shows it, in the scenario echo and as applied:
/// `at_s`, `action`, `target` (its first argument) and `args`.
nlohmann::json EventToJson(const scenario::EventSpec& event, int64_t atNs);

/// "1.234 s", or "never".
std::string SecondsText(const std::optional<int64_t>& ns);

/// Seconds as a JSON number, or null.
nlohmann::json SecondsOrNull(const std::optional<int64_t>& ns);

/// "A>B>C".
std::string PathText(const std::vector<std::string>& path);

} // namespace metrics
} // namespace ns3

#endif
