/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Shared by the tunnel feature's files (internal, not installed).
 */
#ifndef IPVPN_SCENARIO_TUNNEL_IMPL_H
#define IPVPN_SCENARIO_TUNNEL_IMPL_H

#include "scenario-tunnel-section.h"

#include "ns3/scenario-checker.h"

namespace ns3
{
namespace scenario
{

/// The two ends of a tunnel's PPP link: one subnet, two usable host
/// addresses, clear of every link subnet written in the file and of every
/// pool. Explicit addresses are checked in validation, default ones when
/// they are resolved; errors go to `path`.
void CheckTunnelAddresses(const Scenario& s,
                          const TunnelSpec& tunnel,
                          const std::string& path,
                          ScenarioChecker& check);

} // namespace scenario
} // namespace ns3

#endif
