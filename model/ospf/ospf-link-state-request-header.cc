// SPDX-License-Identifier: GPL-2.0-only
#include "ospf-link-state-request-header.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("OspfLinkStateRequestHeader");

namespace ospf
{

NS_OBJECT_ENSURE_REGISTERED(LinkStateRequestHeader);

TypeId
LinkStateRequestHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ospf::LinkStateRequestHeader")
                            .SetParent<Header>()
                            .SetGroupName("Ospf")
                            .AddConstructor<LinkStateRequestHeader>();
    return tid;
}

LinkStateRequestHeader::LinkStateRequestHeader()
    : m_error(OK)
{
}

void
LinkStateRequestHeader::SetRequests(const std::vector<LsaKey>& requests)
{
    m_requests = requests;
}

const std::vector<LsaKey>&
LinkStateRequestHeader::GetRequests() const
{
    return m_requests;
}

bool
LinkStateRequestHeader::IsValid() const
{
    return m_error == OK;
}

LinkStateRequestHeader::Error
LinkStateRequestHeader::GetError() const
{
    return m_error;
}

TypeId
LinkStateRequestHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
LinkStateRequestHeader::GetSerializedSize() const
{
    return ENTRY_SIZE * static_cast<uint32_t>(m_requests.size());
}

void
LinkStateRequestHeader::Serialize(Buffer::Iterator start) const
{
    for (const LsaKey& key : m_requests)
    {
        start.WriteHtonU32(key.type);
        start.WriteHtonU32(key.linkStateId.Get());
        start.WriteHtonU32(key.advertisingRouter.Get());
    }
}

uint32_t
LinkStateRequestHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator end = start;
    end.Next(start.GetRemainingSize());
    return Deserialize(start, end);
}

uint32_t
LinkStateRequestHeader::Deserialize(Buffer::Iterator start, Buffer::Iterator end)
{
    *this = LinkStateRequestHeader();
    const uint32_t available = end.GetDistanceFrom(start);
    for (uint32_t i = 0; i < available / ENTRY_SIZE; ++i)
    {
        const uint32_t type = start.ReadNtohU32();
        LsaKey key;
        key.type = static_cast<uint8_t>(type);
        key.linkStateId = Ipv4Address(start.ReadNtohU32());
        key.advertisingRouter = Ipv4Address(start.ReadNtohU32());
        if (type > 0xFF)
        {
            m_error = BAD_LS_TYPE;
        }
        m_requests.push_back(key);
    }
    if (available % ENTRY_SIZE != 0)
    {
        m_error = BAD_LENGTH;
    }
    if (m_error != OK)
    {
        NS_LOG_LOGIC("malformed Link State Request body of " << available << " octets");
    }
    return ENTRY_SIZE * (available / ENTRY_SIZE);
}

void
LinkStateRequestHeader::Print(std::ostream& os) const
{
    os << "Link State Request";
    for (const LsaKey& key : m_requests)
    {
        os << " [" << key << "]";
    }
    if (m_error != OK)
    {
        os << " (malformed)";
    }
}

bool
LinkStateRequestHeader::operator==(const LinkStateRequestHeader& other) const
{
    return m_requests == other.m_requests && m_error == other.m_error;
}

bool
LinkStateRequestHeader::operator!=(const LinkStateRequestHeader& other) const
{
    return !(*this == other);
}

} // namespace ospf
} // namespace ns3
