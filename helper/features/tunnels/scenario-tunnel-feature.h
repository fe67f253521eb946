/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RADIUS servers and L2TP tunnels as a scenario feature: the `radius` and
 * `tunnels` sections, flows `via` a tunnel, the servers, tunnels, PPP
 * sessions and RADIUS checks on the nodes, and the tunnel monitor whose
 * outcome is results.json's `tunnels` part.
 */
#ifndef IPVPN_SCENARIO_TUNNEL_FEATURE_H
#define IPVPN_SCENARIO_TUNNEL_FEATURE_H

#include "ns3/scenario-feature.h"

namespace ns3
{
namespace scenario
{

class TunnelFeature : public Feature
{
  public:
    std::string Name() const override;
    std::vector<std::string> Keys() const override;
    void Read(const YAML::Node& root, YamlReader& in, Scenario& s) const override;
    void Validate(const Scenario& s, ScenarioChecker& check) const override;
    void Resolve(Scenario& s, ScenarioChecker& check) const override;
    void Echo(const Scenario& s, nlohmann::json& echo) const override;
    void Install(InstallStage stage,
                 const Scenario& s,
                 Network& network,
                 RunContext& run) const override;
};

} // namespace scenario
} // namespace ns3

#endif
