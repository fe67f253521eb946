/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The provider core's routing, as the scenario's `routing.core` key chooses
 * it. One implementation per routing kind (ns-3 global routing today, the
 * module's OSPF next); features register the kinds they provide, and the
 * core builds the chosen one into the network.
 */
#ifndef IPVPN_SCENARIO_CORE_ROUTING_H
#define IPVPN_SCENARIO_CORE_ROUTING_H

namespace ns3
{

class InternetStackHelper;

namespace scenario
{

class Network;

class CoreRouting
{
  public:
    virtual ~CoreRouting() = default;

    /// Sets the routing that routers' Internet stacks are installed with
    /// (hosts always get static routing only).
    virtual void ConfigureRouterStack(InternetStackHelper& stack) = 0;

    /// Starts routing once nodes, links and addresses exist.
    virtual void Start(Network& network) = 0;

    /// Interfaces went up or down after a timed event. A protocol may just
    /// let its own machinery react; a computed routing recomputes. Either
    /// calls Network::NotifyRoutesChanged() whenever tables changed.
    virtual void InterfacesChanged(Network& network) = 0;
};

} // namespace scenario
} // namespace ns3

#endif
