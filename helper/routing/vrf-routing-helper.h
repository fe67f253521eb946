/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * VrfRoutingHelper: makes vr::VrfRoutingProtocol the routing of the edge
 * routers an InternetStackHelper installs (InternetStackHelper::
 * SetRoutingHelper): one core table, and one table per VR port added
 * later with AddVrf(). It must be the node's routing itself, not an entry
 * of an Ipv4ListRouting (see vr-vrf-routing-protocol.h).
 */
#ifndef IPVPN_VRF_ROUTING_HELPER_H
#define IPVPN_VRF_ROUTING_HELPER_H

#include "ns3/ipv4-routing-helper.h"

namespace ns3
{

class Node;

namespace vr
{
class VrfRoutingProtocol;
}

class VrfRoutingHelper : public Ipv4RoutingHelper
{
  public:
    VrfRoutingHelper* Copy() const override;
    Ptr<Ipv4RoutingProtocol> Create(Ptr<Node> node) const override;
    /// The node's vr::VrfRoutingProtocol; nullptr when it has another routing.
    static Ptr<vr::VrfRoutingProtocol> GetRouting(Ptr<Node> node);
};

} // namespace ns3

#endif // IPVPN_VRF_ROUTING_HELPER_H
