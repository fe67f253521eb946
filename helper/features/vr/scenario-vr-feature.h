/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The `vr` and `vpns` sections as a scenario feature: VR ports (seed 000)
 * on the edge routers, their user lines in per-VPN VRFs, discovery over
 * the OSPF core, and the results part `vpns` (steps, maps, joins,
 * membership convergence, isolation counters). Event: vr-port-add.
 */
#ifndef IPVPN_SCENARIO_VR_FEATURE_H
#define IPVPN_SCENARIO_VR_FEATURE_H

#include "ns3/scenario-feature.h"

namespace ns3
{
namespace scenario
{

class VrFeature : public Feature
{
  public:
    std::string Name() const override;
    std::vector<std::string> Keys() const override;
    std::vector<EventKind> EventKinds() const override;
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
