/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The list of scenario features. Adding a section to the scenario format
 * is adding its feature here: one line (and its include). The order is the
 * order in which features read, check, resolve and install: the core first,
 * since every other feature installs onto the network it builds.
 */
#include "core/scenario-core-feature.h"
#include "homes/scenario-homes-feature.h"
#include "htip/scenario-htip-feature.h"
#include "mpls/scenario-mpls-feature.h"
#include "ospf/scenario-ospf-feature.h"
#include "tunnels/scenario-tunnel-feature.h"
#include "vr/scenario-vr-feature.h"

namespace ns3
{
namespace scenario
{

namespace
{

std::vector<std::unique_ptr<Feature>>
MakeFeatures()
{
    std::vector<std::unique_ptr<Feature>> all;
    all.push_back(std::make_unique<CoreFeature>());
    all.push_back(std::make_unique<MplsFeature>());
    all.push_back(std::make_unique<OspfFeature>());
    all.push_back(std::make_unique<TunnelFeature>());
    all.push_back(std::make_unique<VrFeature>());
    all.push_back(std::make_unique<HomesFeature>());
    all.push_back(std::make_unique<TunnellingFeature>());
    return all;
}

} // namespace

const std::vector<std::unique_ptr<Feature>>&
Features()
{
    // Built once and never changed: a read-only table, not mutable state.
    static const std::vector<std::unique_ptr<Feature>> all = MakeFeatures();
    return all;
}

} // namespace scenario
} // namespace ns3
