/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * OspfHelper: installs OSPFv2 instances (ospf::Protocol, single area 0) on
 * nodes, on all their IPv4 interfaces with an address (the loopback
 * interface only when it holds an address outside 127/8, advertised as a
 * host route) or on a given list.
 *
 * OSPF feeds its routes to the node's IpvpnRoutingProtocol and follows its
 * interface changes, so nodes get their routing first from
 * IpvpnRoutingHelper:
 *
 *     InternetStackHelper stack;
 *     IpvpnRoutingHelper routing;
 *     stack.SetRoutingHelper(routing);   // or an entry of Ipv4ListRoutingHelper
 *     stack.Install(nodes);
 *     ... addresses ...
 *     OspfHelper ospf;
 *     ospf.Set("HelloInterval", TimeValue(Seconds(5)));
 *     ospf.Install(nodes);
 *
 * A node whose routing has no IpvpnRoutingProtocol (neither its routing
 * protocol nor an entry of its Ipv4ListRouting) gets one as its routing
 * protocol at Install, replacing what was there (its routes are lost).
 * On an edge router (vr::VrfRoutingProtocol) the node's IpvpnRoutingProtocol
 * is the core instance; an instance for a VRF is bound to the VRF's table
 * with ospf::Protocol::SetRouting() before it starts.
 *
 * The first instance installed on a node is aggregated to it
 * (node->GetObject<ospf::Protocol>()); a further instance on the same node
 * (its own interfaces, its own route sink) is only returned: the caller
 * keeps it. Every instance starts at the helper's start time (default 0).
 */
#ifndef IPVPN_OSPF_HELPER_H
#define IPVPN_OSPF_HELPER_H

#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/object-factory.h"
#include "ns3/ptr.h"

#include <string>
#include <vector>

namespace ns3
{

class Node;
class Ipv4;

namespace ospf
{
class Protocol;
}

class OspfHelper
{
  public:
    OspfHelper();

    /// An attribute of the ospf::Protocol instances made (RouterId aside,
    /// which is per node: set it on the returned instance before it starts).
    void Set(std::string name, const AttributeValue& value);
    /// When the instances start (scheduled in the node's context).
    void SetStartTime(Time start);

    /// One instance per node on all its interfaces (see above).
    std::vector<Ptr<ospf::Protocol>> Install(NodeContainer nodes) const;
    Ptr<ospf::Protocol> Install(Ptr<Node> node) const;
    /// An instance on the given Ipv4 interface indices only.
    Ptr<ospf::Protocol> Install(Ptr<Node> node, const std::vector<uint32_t>& interfaces) const;

    /// The instance aggregated to the node, or nullptr.
    static Ptr<ospf::Protocol> Get(Ptr<Node> node);

    /// Fixes the random streams of the instances on `nodes` (nodes without
    /// one are skipped), from `stream` on. \return the number used.
    static int64_t AssignStreams(NodeContainer nodes, int64_t stream);

    /// Makes sure the node routes with an IpvpnRoutingProtocol (see above).
    static void EnsureIpvpnRouting(Ptr<Ipv4> ipv4);

  private:
    ObjectFactory m_factory;
    Time m_start;
};

} // namespace ns3

#endif // IPVPN_OSPF_HELPER_H
