/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The core of every scenario as a feature: simulation, nodes, links,
 * addressing, routing, traffic, events (link and node down/up), outputs and
 * expectations. It builds the network the other features install onto, and
 * provides the point-to-point and CSMA link technologies and ns-3 global
 * routing as a core routing.
 */
#ifndef IPVPN_SCENARIO_CORE_FEATURE_H
#define IPVPN_SCENARIO_CORE_FEATURE_H

#include "ns3/scenario-feature.h"

namespace ns3
{
namespace scenario
{

class CoreFeature : public Feature
{
  public:
    std::string Name() const override;
    std::vector<std::string> Keys() const override;
    std::vector<EventKind> EventKinds() const override;
    std::vector<LinkTechnology> LinkTechnologies() const override;
    std::vector<CoreRoutingKind> CoreRoutings() const override;
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
