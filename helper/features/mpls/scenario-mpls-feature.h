/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * MPLS with LDP as a scenario feature: the `mpls` section, the label-
 * carrying point-to-point link technology ("mpls-ppp") between two LSRs,
 * MPLS and LDP on the LSRs with LDP following the core's routes, and the
 * LSP monitor whose outcome is results.json's `mpls` part.
 */
#ifndef IPVPN_SCENARIO_MPLS_FEATURE_H
#define IPVPN_SCENARIO_MPLS_FEATURE_H

#include "ns3/scenario-feature.h"

namespace ns3
{
namespace scenario
{

class MplsFeature : public Feature
{
  public:
    std::string Name() const override;
    std::vector<std::string> Keys() const override;
    std::vector<LinkTechnology> LinkTechnologies() const override;
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
