/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Where an ospf::Protocol meets the node's IPv4 layer (RFC 2328 8.1, 8.2):
 * an IpL4Protocol for IP protocol 89 that the instance registers on each of
 * its interfaces (Ipv4::Insert with an interface index). A datagram the
 * routing delivers locally on one of them (the instance's own addresses,
 * AllSPFRouters and AllDRouters on the input interface) comes to the
 * instance with its IPv4 header and input interface; the node's other
 * OSPF instances (one per VRF) hold other interfaces and never see it.
 *
 * Why not raw sockets: Ipv4L3Protocol hands every datagram a node receives,
 * of any protocol, to every raw socket of the node, and an edge router with
 * many VR ports would hold one OSPF socket per tunnel interface. This
 * endpoint costs one map lookup, for OSPF datagrams only.
 */
#ifndef IPVPN_OSPF_IP_ENDPOINT_H
#define IPVPN_OSPF_IP_ENDPOINT_H

#include "ns3/callback.h"
#include "ns3/ip-l4-protocol.h"
#include "ns3/ipv4.h"

namespace ns3
{
namespace ospf
{

class IpEndpoint : public IpL4Protocol
{
  public:
    static TypeId GetTypeId();

    /// A datagram for the instance: the OSPF packet (IP header removed),
    /// that header, the input interface.
    using ReceiveCallback = Callback<void, Ptr<Packet>, const Ipv4Header&, uint32_t>;

    /// Delivers to `receive`; interface indices are `ipv4`'s.
    void Open(Ptr<Ipv4> ipv4, ReceiveCallback receive);
    /// Takes datagrams arriving on `interface`.
    void Attach(uint32_t interface);
    /// Stops taking them (no-op if not attached).
    void Detach(uint32_t interface);
    /// Detaches from every interface and forgets the callback.
    void Close();

    // IpL4Protocol
    int GetProtocolNumber() const override;
    RxStatus Receive(Ptr<Packet> p,
                     const Ipv4Header& header,
                     Ptr<Ipv4Interface> incomingInterface) override;
    RxStatus Receive(Ptr<Packet> p,
                     const Ipv6Header& header,
                     Ptr<Ipv6Interface> incomingInterface) override;
    void SetDownTarget(DownTargetCallback cb) override;
    void SetDownTarget6(DownTargetCallback6 cb) override;
    DownTargetCallback GetDownTarget() const override;
    DownTargetCallback6 GetDownTarget6() const override;

  protected:
    void DoDispose() override;

  private:
    Ptr<Ipv4> m_ipv4;
    ReceiveCallback m_receive;
    std::vector<uint32_t> m_attached;
    DownTargetCallback m_downTarget;
    DownTargetCallback6 m_downTarget6;
};

} // namespace ospf
} // namespace ns3

#endif
