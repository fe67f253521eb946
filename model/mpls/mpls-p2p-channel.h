/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Full-duplex point-to-point wire between two mpls::P2pNetDevice. Each
 * direction is independent: a frame arrives at the peer after its
 * transmission time plus the propagation delay.
 */
#ifndef IPVPN_MPLS_P2P_CHANNEL_H
#define IPVPN_MPLS_P2P_CHANNEL_H

#include "ns3/channel.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"

namespace ns3
{
namespace mpls
{

class P2pNetDevice;

class P2pChannel : public Channel
{
  public:
    static TypeId GetTypeId();

    P2pChannel();

    /// Connects a device; false once both ends are taken.
    bool Attach(Ptr<P2pNetDevice> device);
    /// Starts carrying a frame from src; the peer receives it after
    /// txTime + Delay. false when the link has fewer than two ends.
    bool TransmitStart(Ptr<const Packet> packet, Ptr<P2pNetDevice> src, Time txTime);
    /// The other end of the wire, or nullptr.
    Ptr<P2pNetDevice> GetPeer(Ptr<const P2pNetDevice> device) const;

    std::size_t GetNDevices() const override;
    Ptr<NetDevice> GetDevice(std::size_t i) const override;

  protected:
    void DoDispose() override;

  private:
    Time m_delay;
    Ptr<P2pNetDevice> m_ends[2];
    std::size_t m_nEnds;
};

} // namespace mpls
} // namespace ns3

#endif
