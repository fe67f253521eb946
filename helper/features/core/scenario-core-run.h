/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The core's part of a run: per-flow delivery, delay and time series from
 * the traffic applications' trace sources, the topology oracle (expected
 * path at the start, reachability after the events it hears of on the
 * event stream), and the record of every interface and its pcap.
 */
#ifndef IPVPN_SCENARIO_CORE_RUN_H
#define IPVPN_SCENARIO_CORE_RUN_H

#include "ns3/ipvpn-flow-metrics.h"
#include "ns3/scenario-feature.h"
#include "ns3/scenario-network.h"
#include "ns3/scenario-topology-graph.h"

namespace ns3
{
namespace scenario
{

class CoreRun : public FeatureRun
{
  public:
    CoreRun(const Scenario& scenario, const Network& network, EventStream& events);

    void Finish(metrics::RunResults& results) override;

  private:
    /// Hooks one flow's applications to the metrics.
    void Connect(size_t index, const FlowSpec& spec, const BuiltFlow& flow);

    const Scenario& m_scenario;
    const Network& m_network;
    metrics::FlowMetrics m_metrics;
    std::vector<std::vector<std::string>> m_oraclePaths; ///< per flow, intact topology
    TopologyGraph m_oracle; ///< replays the applied events
};

} // namespace scenario
} // namespace ns3

#endif
