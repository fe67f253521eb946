// SPDX-License-Identifier: GPL-2.0-only
#include "vr-vrf-tag.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("VrVrfTag");

namespace vr
{

NS_OBJECT_ENSURE_REGISTERED(VrfTag);

TypeId
VrfTag::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::vr::VrfTag").SetParent<Tag>().SetGroupName("Vr").AddConstructor<VrfTag>();
    return tid;
}

VrfTag::VrfTag(uint32_t vrfId)
    : m_vrfId(vrfId)
{
}

TypeId
VrfTag::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
VrfTag::GetSerializedSize() const
{
    return 4;
}

void
VrfTag::Serialize(TagBuffer buffer) const
{
    buffer.WriteU32(m_vrfId);
}

void
VrfTag::Deserialize(TagBuffer buffer)
{
    m_vrfId = buffer.ReadU32();
}

void
VrfTag::Print(std::ostream& os) const
{
    os << "vrf=" << m_vrfId;
}

uint32_t
VrfTag::GetVrfId() const
{
    return m_vrfId;
}

} // namespace vr
} // namespace ns3
