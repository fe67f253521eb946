/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The tunnelling feature (seed 004 Figs. 3-13): the `tunnelling` section
 * (scenario-htip-section.h), its checks, resolution, echo, installation of
 * an htip::Processor on every home gateway, and the `tunnelling` part of
 * results.json (htip-results.h). It builds on the homes feature, which
 * installs the gateways first.
 */
#ifndef IPVPN_SCENARIO_HTIP_FEATURE_H
#define IPVPN_SCENARIO_HTIP_FEATURE_H

#include "ns3/scenario-feature.h"

namespace ns3
{
namespace scenario
{

class TunnellingFeature : public Feature
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
