/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The VPN a user datagram came from, as a packet tag: the VR-port monitor
 * puts it on every datagram a user line hands to its edge router and reads
 * it where a user line delivers one to a host, so that a datagram of one
 * VPN reaching a host of another is counted whatever the addresses (two
 * VPNs may use the same ones). Packet tags travel with the packet through
 * encapsulation and links; nothing on the wire carries it.
 */
#ifndef IPVPN_VR_ORIGIN_TAG_H
#define IPVPN_VR_ORIGIN_TAG_H

#include "ns3/tag.h"

#include <cstdint>

namespace ns3
{
namespace metrics
{

class VpnOriginTag : public Tag
{
  public:
    VpnOriginTag() = default;
    /// `vpn`: the VPN's index in the scenario's `vpns`, plus one.
    explicit VpnOriginTag(uint32_t vpn);

    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(TagBuffer buffer) const override;
    void Deserialize(TagBuffer buffer) override;
    void Print(std::ostream& os) const override;

    uint32_t GetVpn() const;

  private:
    uint32_t m_vpn = 0;
};

} // namespace metrics
} // namespace ns3

#endif
