/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The core feature's parts, shared by its files (internal, not installed):
 * reading the core sections, their checks, their resolution and building
 * the network from them.
 */
#ifndef IPVPN_SCENARIO_CORE_IMPL_H
#define IPVPN_SCENARIO_CORE_IMPL_H

#include "ns3/scenario-checker.h"
#include "ns3/scenario-feature.h"
#include "ns3/scenario-network.h"
#include "ns3/scenario-reader.h"

#include <yaml-cpp/yaml.h>

namespace ns3
{
namespace scenario
{
namespace core
{

// scenario-core-read-topology.cc
void ReadNodes(const YAML::Node& list, YamlReader& in, Scenario& s);
void ReadLinks(const YAML::Node& list, YamlReader& in, Scenario& s);
void ReadAddressing(const YAML::Node& node, YamlReader& in, Scenario& s);
void ReadRouting(const YAML::Node& node, YamlReader& in, Scenario& s);

// scenario-core-read-run.cc
void ReadSimulation(const YAML::Node& node, YamlReader& in, Scenario& s);
void ReadTraffic(const YAML::Node& list, YamlReader& in, Scenario& s);
void ReadEvents(const YAML::Node& list, YamlReader& in, Scenario& s);
void ReadOutputs(const YAML::Node& node, YamlReader& in, Scenario& s);
void ReadExpect(const YAML::Node& list, YamlReader& in, Scenario& s);

// scenario-core-checks.cc
void CheckNames(const Scenario& s, ScenarioChecker& check);
void CheckReferences(const Scenario& s, ScenarioChecker& check);
void CheckAddresses(const Scenario& s, ScenarioChecker& check);
void CheckTimes(const Scenario& s, ScenarioChecker& check);
void CheckConnectivity(const Scenario& s, ScenarioChecker& check);
void CheckPorts(const Scenario& s, ScenarioChecker& check);

// scenario-core-resolve.cc
void ResolveCore(Scenario& s, ScenarioChecker& check);

// scenario-core-network-builder.cc
void BuildTopology(const Scenario& s, Network& network);
void BuildTraffic(const Scenario& s, Network& network);
void EnablePcaps(const Scenario& s, Network& network);

} // namespace core
} // namespace scenario
} // namespace ns3

#endif
