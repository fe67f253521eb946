/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The "channel" between the two session devices of one L2TP session. No
 * frame travels on it (they travel as L2TP data messages over UDP, through
 * the real network); it exists so that code which walks the topology
 * through NetDevice::GetChannel(), such as ns-3's global routing
 * (GlobalRouter::ProcessPointToPointLink), finds the device at the other
 * end of the point-to-point link.
 */
#ifndef IPVPN_L2TP_SESSION_CHANNEL_H
#define IPVPN_L2TP_SESSION_CHANNEL_H

#include "ns3/channel.h"
#include "ns3/net-device.h"
#include "ns3/ptr.h"

#include <cstddef>
#include <vector>

namespace ns3
{
namespace l2tp
{

/// The two ends of one L2TP session, for topology walks.
class SessionChannel : public Channel
{
  public:
    static TypeId GetTypeId();
    SessionChannel();

    /// Adds one end; at most two.
    void Attach(Ptr<NetDevice> device);

    std::size_t GetNDevices() const override;
    Ptr<NetDevice> GetDevice(std::size_t i) const override;

  protected:
    void DoDispose() override;

  private:
    std::vector<Ptr<NetDevice>> m_devices;
};

} // namespace l2tp
} // namespace ns3

#endif // IPVPN_L2TP_SESSION_CHANNEL_H
