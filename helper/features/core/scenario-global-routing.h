/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns-3 global routing as the provider core's routing (`routing.core:
 * global`): a centralised SPF over every router, recomputed whenever a timed
 * event changes the topology, with the corrections the scenarios need:
 * point-to-point links to hosts announced, and stub routers' default routes
 * replaced by routes to what they can really reach.
 */
#ifndef IPVPN_SCENARIO_GLOBAL_ROUTING_H
#define IPVPN_SCENARIO_GLOBAL_ROUTING_H

#include "ns3/scenario-core-routing.h"

namespace ns3
{
namespace scenario
{

class GlobalCoreRouting : public CoreRouting
{
  public:
    void ConfigureRouterStack(InternetStackHelper& stack) override;
    void Start(Network& network) override;
    void InterfacesChanged(Network& network) override;

  private:
    /// (Re)computes every router's table for the current interface states.
    void Compute(Network& network);

    /// Announces the subnets of working router-to-host point-to-point links.
    void SyncHostLinkRoutes(Network& network);

    /// Replaces the default route that global routing gives a router with a
    /// single router neighbour by routes to the subnets it can really reach.
    void ReplaceStubDefaultRoutes(Network& network);

    bool m_computed = false;
};

} // namespace scenario
} // namespace ns3

#endif
