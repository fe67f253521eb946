// SPDX-License-Identifier: GPL-2.0-only
#include "ospf-link-state-ack-header.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("OspfLinkStateAckHeader");

namespace ospf
{

NS_OBJECT_ENSURE_REGISTERED(LinkStateAckHeader);

TypeId
LinkStateAckHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ospf::LinkStateAckHeader")
                            .SetParent<Header>()
                            .SetGroupName("Ospf")
                            .AddConstructor<LinkStateAckHeader>();
    return tid;
}

LinkStateAckHeader::LinkStateAckHeader()
    : m_error(OK)
{
}

void
LinkStateAckHeader::SetLsaHeaders(const std::vector<LsaHeader>& headers)
{
    m_headers = headers;
}

const std::vector<LsaHeader>&
LinkStateAckHeader::GetLsaHeaders() const
{
    return m_headers;
}

bool
LinkStateAckHeader::IsValid() const
{
    return m_error == OK;
}

LinkStateAckHeader::Error
LinkStateAckHeader::GetError() const
{
    return m_error;
}

TypeId
LinkStateAckHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
LinkStateAckHeader::GetSerializedSize() const
{
    return LsaHeader::SIZE * static_cast<uint32_t>(m_headers.size());
}

void
LinkStateAckHeader::Serialize(Buffer::Iterator start) const
{
    for (const LsaHeader& header : m_headers)
    {
        header.Serialize(start);
        start.Next(LsaHeader::SIZE);
    }
}

uint32_t
LinkStateAckHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator end = start;
    end.Next(start.GetRemainingSize());
    return Deserialize(start, end);
}

uint32_t
LinkStateAckHeader::Deserialize(Buffer::Iterator start, Buffer::Iterator end)
{
    *this = LinkStateAckHeader();
    const uint32_t available = end.GetDistanceFrom(start);
    for (uint32_t i = 0; i < available / LsaHeader::SIZE; ++i)
    {
        LsaHeader header;
        header.Deserialize(start, end);
        start.Next(LsaHeader::SIZE);
        m_headers.push_back(header);
    }
    if (available % LsaHeader::SIZE != 0)
    {
        NS_LOG_LOGIC("Link State Acknowledgment body of " << available << " octets");
        m_error = BAD_LENGTH;
    }
    return LsaHeader::SIZE * (available / LsaHeader::SIZE);
}

void
LinkStateAckHeader::Print(std::ostream& os) const
{
    os << "Link State Acknowledgment " << m_headers.size() << " LSA headers";
    if (m_error != OK)
    {
        os << " (malformed)";
    }
}

bool
LinkStateAckHeader::operator==(const LinkStateAckHeader& other) const
{
    return m_headers == other.m_headers && m_error == other.m_error;
}

bool
LinkStateAckHeader::operator!=(const LinkStateAckHeader& other) const
{
    return !(*this == other);
}

} // namespace ospf
} // namespace ns3
