/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The module's OSPFv2 as the provider core's routing (`routing.core:
 * ospf`). Routers route with IpvpnRoutingProtocol (connected, static and
 * OSPF routes); hosts keep ns-3 static routing with their default route.
 * Every router runs one ns3::ospf::Protocol instance on all its
 * interfaces, host-facing ones included: there is no passive interface, so
 * a host's subnet is a stub network of the router's Router-LSA (RFC 2328
 * 12.4.1) and the host hears (and ignores) the Hellos. A link's `metric` is
 * the interface cost. Timed events need nothing from here: OSPF follows the
 * interfaces through the routing's InterfaceChange trace and recomputes;
 * every change of a router's table (its RouteChange trace) is passed on as
 * Network::NotifyRoutesChanged(), once per simulation instant, so LDP and
 * the monitors follow.
 */
#ifndef IPVPN_SCENARIO_OSPF_ROUTING_H
#define IPVPN_SCENARIO_OSPF_ROUTING_H

#include "ns3/event-id.h"
#include "ns3/scenario-core-routing.h"

namespace ns3
{
namespace scenario
{

class OspfCoreRouting : public CoreRouting
{
  public:
    void ConfigureRouterStack(InternetStackHelper& stack) override;
    void Start(Network& network) override;
    void InterfacesChanged(Network& network) override;

  private:
    /// A router's table changed: tell the network's listeners once per instant.
    void RouteChanged();
    void Notify();

    Network* m_network = nullptr;
    EventId m_notify;
};

} // namespace scenario
} // namespace ns3

#endif
