/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * LdpHelper: installs ldp::Protocol (RFC 5036) on nodes that already run
 * mpls::Protocol (MplsHelper::Install), with attributes set through Set(),
 * and offers the per-node configuration a scenario needs: FECs to
 * originate, announcing connected subnets, interfaces without LDP, and the
 * RoutingChanged() call after routes were recomputed.
 */
#ifndef IPVPN_LDP_HELPER_H
#define IPVPN_LDP_HELPER_H

#include "ns3/mpls-lfib.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"

#include <string>

namespace ns3
{

class NetDevice;

namespace ldp
{
class Protocol;
}

class LdpHelper
{
  public:
    LdpHelper();

    /// Sets an attribute of the ldp::Protocol objects Install() creates
    /// ("LinkHelloInterval", "EgressLabel", "StartTime", ...).
    void Set(std::string name, const AttributeValue& value);

    /**
     * Aggregates an ldp::Protocol to the node (once; an existing one is
     * returned as it is). The node needs the Internet stack and
     * mpls::Protocol (MplsHelper::Install). The protocol starts at its
     * "StartTime", or at once when the node is already running.
     */
    Ptr<ldp::Protocol> Install(Ptr<Node> node) const;
    void Install(const NodeContainer& nodes) const;

    /// The node's LDP, or nullptr.
    static Ptr<ldp::Protocol> Get(Ptr<Node> node);
    /// The node originates `fec` (it is the FEC's egress).
    static void AddFec(Ptr<Node> node, const mpls::PrefixFec& fec);
    /// The node originates the connected subnets of its interfaces without LDP.
    static void AnnounceConnected(Ptr<Node> node, bool enable = true);
    /// Basic discovery on the IPv4 interface of `device` (before Start()).
    static void SetInterfaceEnabled(Ptr<NetDevice> device, bool enabled);
    /// RoutingChanged() on every node of `nodes` that runs LDP.
    static void RoutingChanged(const NodeContainer& nodes);
    /// RoutingChanged() on every node of the simulation that runs LDP.
    static void RoutingChangedAll();

  private:
    ObjectFactory m_factory;
};

} // namespace ns3

#endif
