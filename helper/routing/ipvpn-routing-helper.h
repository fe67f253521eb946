/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * IpvpnRoutingHelper: makes IpvpnRoutingProtocol the routing of the nodes
 * an InternetStackHelper installs (InternetStackHelper::SetRoutingHelper),
 * or an entry of an Ipv4ListRoutingHelper; finds a node's instance again.
 */
#ifndef IPVPN_ROUTING_HELPER_H
#define IPVPN_ROUTING_HELPER_H

#include "ns3/ipv4-routing-helper.h"
#include "ns3/object-factory.h"

#include <string>

namespace ns3
{

class Ipv4;
class IpvpnRoutingProtocol;

class IpvpnRoutingHelper : public Ipv4RoutingHelper
{
  public:
    IpvpnRoutingHelper();

    IpvpnRoutingHelper* Copy() const override;
    Ptr<Ipv4RoutingProtocol> Create(Ptr<Node> node) const override;

    /// An attribute of the IpvpnRoutingProtocol instances Create() makes.
    void Set(std::string name, const AttributeValue& value);

    /**
     * The node's IpvpnRoutingProtocol: its Ipv4's routing protocol, or the
     * first one of that type in its Ipv4ListRouting; on an edge router
     * (vr::VrfRoutingProtocol) the core instance. nullptr when none
     * (IpvpnRoutingProtocol::GetNodeRouting).
     */
    static Ptr<IpvpnRoutingProtocol> GetRouting(Ptr<Ipv4> ipv4);

  private:
    ObjectFactory m_factory;
};

} // namespace ns3

#endif
