/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Ingress hook of mpls::Protocol into IPv4 (RFC 3031 section 3.12, FTN).
 * Sits in the node's Ipv4ListRouting above the ordinary routing protocols:
 *  - RouteInput: a forwarded packet whose destination falls in an FTN FEC is
 *    handed to mpls::Protocol, which labels and sends it; otherwise
 *    returns false so the next protocol routes it.
 *  - RouteOutput: a locally originated packet in an FTN FEC gets a route
 *    through the loopback interface; it comes back through RouteInput on
 *    interface 0 and is labeled there without a TTL decrement.
 */
#ifndef IPVPN_MPLS_FTN_ROUTING_H
#define IPVPN_MPLS_FTN_ROUTING_H

#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"

namespace ns3
{
namespace mpls
{

class Protocol;

class FtnRouting : public Ipv4RoutingProtocol
{
  public:
    static TypeId GetTypeId();

    FtnRouting();
    ~FtnRouting() override;

    Ptr<Ipv4Route> RouteOutput(Ptr<Packet> p,
                               const Ipv4Header& header,
                               Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override;
    bool RouteInput(Ptr<const Packet> p,
                    const Ipv4Header& header,
                    Ptr<const NetDevice> idev,
                    UnicastForwardCallback ucb,
                    MulticastForwardCallback mcb,
                    LocalDeliverCallback lcb,
                    ErrorCallback ecb) override;
    void NotifyInterfaceUp(uint32_t interface) override;
    void NotifyInterfaceDown(uint32_t interface) override;
    void NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void SetIpv4(Ptr<Ipv4> ipv4) override;
    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream,
                           Time::Unit unit = Time::S) const override;

  protected:
    void DoDispose() override;

  private:
    /// The node's mpls::Protocol (found through aggregation), or nullptr.
    Ptr<Protocol> GetMpls() const;
    /// true for destinations an FTN must never capture.
    static bool IsSpecial(Ipv4Address destination);

    Ptr<Ipv4> m_ipv4;
};

} // namespace mpls
} // namespace ns3

#endif
