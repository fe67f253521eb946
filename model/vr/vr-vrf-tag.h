/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The VRF a packet sent to one of the node's own addresses was routed in:
 * vr::VrfRoutingProtocol puts it on packets it sends through the loopback
 * and reads it when they come back in, so that local delivery happens in
 * the VRF that sent them (two VRFs may hold the same address). Never on
 * the wire: the loopback does not leave the node.
 */
#ifndef IPVPN_VR_VRF_TAG_H
#define IPVPN_VR_VRF_TAG_H

#include "ns3/tag.h"

#include <cstdint>

namespace ns3
{
namespace vr
{

class VrfTag : public Tag
{
  public:
    static TypeId GetTypeId();

    VrfTag() = default;
    explicit VrfTag(uint32_t vrfId);

    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(TagBuffer buffer) const override;
    void Deserialize(TagBuffer buffer) override;
    void Print(std::ostream& os) const override;

    /// 0: the core.
    uint32_t GetVrfId() const;

  private:
    uint32_t m_vrfId{0};
};

} // namespace vr
} // namespace ns3

#endif
