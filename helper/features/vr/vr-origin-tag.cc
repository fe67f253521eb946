/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "vr-origin-tag.h"

namespace ns3
{
namespace metrics
{

NS_OBJECT_ENSURE_REGISTERED(VpnOriginTag);

VpnOriginTag::VpnOriginTag(uint32_t vpn)
    : m_vpn(vpn)
{
}

TypeId
VpnOriginTag::GetTypeId()
{
    static TypeId tid = TypeId("ns3::metrics::VpnOriginTag")
                            .SetParent<Tag>()
                            .SetGroupName("Ipvpn")
                            .AddConstructor<VpnOriginTag>();
    return tid;
}

TypeId
VpnOriginTag::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
VpnOriginTag::GetSerializedSize() const
{
    return 4;
}

void
VpnOriginTag::Serialize(TagBuffer buffer) const
{
    buffer.WriteU32(m_vpn);
}

void
VpnOriginTag::Deserialize(TagBuffer buffer)
{
    m_vpn = buffer.ReadU32();
}

void
VpnOriginTag::Print(std::ostream& os) const
{
    os << "vpn=" << m_vpn;
}

uint32_t
VpnOriginTag::GetVpn() const
{
    return m_vpn;
}

} // namespace metrics
} // namespace ns3
