/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * GatewayRoutingHelper: makes gateway::RoutingProtocol (a home gateway's
 * forwarding with NAPT and 1:1 NAT) the routing of the nodes an
 * InternetStackHelper installs; finds a node's instance again.
 */
#ifndef IPVPN_GATEWAY_ROUTING_HELPER_H
#define IPVPN_GATEWAY_ROUTING_HELPER_H

#include "ns3/ipv4-routing-helper.h"
#include "ns3/object-factory.h"

#include <string>

namespace ns3
{

class Node;

namespace gateway
{
class RoutingProtocol;
}

class GatewayRoutingHelper : public Ipv4RoutingHelper
{
  public:
    GatewayRoutingHelper();

    GatewayRoutingHelper* Copy() const override;
    Ptr<Ipv4RoutingProtocol> Create(Ptr<Node> node) const override;

    /// An attribute of the gateway::RoutingProtocol instances Create() makes.
    void Set(std::string name, const AttributeValue& value);

    /// The node's gateway::RoutingProtocol, or nullptr.
    static Ptr<gateway::RoutingProtocol> GetRouting(Ptr<Node> node);

  private:
    ObjectFactory m_factory;
};

} // namespace ns3

#endif
