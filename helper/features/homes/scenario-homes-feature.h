/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The home-gateway feature (seed 004): the `gateways`, `homes`,
 * `dns_servers`, `web_servers` and `home_traffic` sections
 * (scenario-homes-section.h), their checks, resolution, echo, installation
 * (homes-builder.h) and results (homes-results.h).
 */
#ifndef IPVPN_SCENARIO_HOMES_FEATURE_H
#define IPVPN_SCENARIO_HOMES_FEATURE_H

#include "ns3/scenario-feature.h"

namespace ns3
{
namespace scenario
{

class HomesFeature : public Feature
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
