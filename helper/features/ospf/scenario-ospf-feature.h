/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * OSPFv2 as a scenario feature: the core routing kind `ospf` (an
 * ns3::ospf::Protocol instance on every router, feeding the router's
 * IpvpnRoutingProtocol), the `ospf` section (timers, priorities, SPF
 * throttling, authentication, expectations), and the monitor whose outcome
 * is results.json's `ospf` part. Its event `cost-change` ({link, cost})
 * gives every interface on a link a new OSPF cost.
 */
#ifndef IPVPN_SCENARIO_OSPF_FEATURE_H
#define IPVPN_SCENARIO_OSPF_FEATURE_H

#include "ns3/scenario-feature.h"

namespace ns3
{
namespace scenario
{

class OspfFeature : public Feature
{
  public:
    std::string Name() const override;
    std::vector<std::string> Keys() const override;
    std::vector<EventKind> EventKinds() const override;
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
