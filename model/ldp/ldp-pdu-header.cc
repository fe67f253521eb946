/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ldp-pdu-header.h"

#include "ldp-status.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LdpPduHeader");

namespace ldp
{

NS_OBJECT_ENSURE_REGISTERED(PduHeader);

TypeId
PduHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ldp::PduHeader")
                            .SetParent<Header>()
                            .SetGroupName("Ldp")
                            .AddConstructor<PduHeader>();
    return tid;
}

PduHeader::PduHeader()
    : PduHeader(Ipv4Address::GetAny(), 0)
{
}

PduHeader::PduHeader(Ipv4Address lsrId, uint16_t labelSpace, uint16_t pduLength)
    : m_version(LDP_VERSION)
    , m_pduLength(pduLength)
    , m_lsrId(lsrId)
    , m_labelSpace(labelSpace)
    , m_status(STATUS_SUCCESS)
{
}

void
PduHeader::SetVersion(uint16_t version)
{
    m_version = version;
}

uint16_t
PduHeader::GetVersion() const
{
    return m_version;
}

void
PduHeader::SetPduLength(uint16_t length)
{
    m_pduLength = length;
}

uint16_t
PduHeader::GetPduLength() const
{
    return m_pduLength;
}

void
PduHeader::SetLsrId(Ipv4Address lsrId)
{
    m_lsrId = lsrId;
}

Ipv4Address
PduHeader::GetLsrId() const
{
    return m_lsrId;
}

void
PduHeader::SetLabelSpace(uint16_t labelSpace)
{
    m_labelSpace = labelSpace;
}

uint16_t
PduHeader::GetLabelSpace() const
{
    return m_labelSpace;
}

uint32_t
PduHeader::GetTotalPduSize() const
{
    return 4 + uint32_t(m_pduLength);
}

bool
PduHeader::IsValid() const
{
    return m_status == STATUS_SUCCESS;
}

uint32_t
PduHeader::GetStatus() const
{
    return m_status;
}

TypeId
PduHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
PduHeader::GetSerializedSize() const
{
    return PDU_HEADER_SIZE;
}

void
PduHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteHtonU16(m_version);
    start.WriteHtonU16(m_pduLength);
    start.WriteHtonU32(m_lsrId.Get());
    start.WriteHtonU16(m_labelSpace);
}

uint32_t
PduHeader::Deserialize(Buffer::Iterator start)
{
    return DeserializeFrom(start, start.GetRemainingSize());
}

uint32_t
PduHeader::Deserialize(Buffer::Iterator start, Buffer::Iterator end)
{
    return DeserializeFrom(start, end.GetDistanceFrom(start));
}

uint32_t
PduHeader::DeserializeFrom(Buffer::Iterator start, uint32_t available)
{
    *this = PduHeader();
    if (available < PDU_HEADER_SIZE)
    {
        NS_LOG_LOGIC("PDU header cut short: " << available << " bytes");
        m_pduLength = 0;
        m_status = STATUS_BAD_PDU_LENGTH;
        return 0;
    }
    m_version = start.ReadNtohU16();
    m_pduLength = start.ReadNtohU16();
    m_lsrId = Ipv4Address(start.ReadNtohU32());
    m_labelSpace = start.ReadNtohU16();
    // Section 3.5.1.2.1: an unsupported version or a PDU Length too small
    // for the LDP Identifier make the PDU malformed (fatal errors).
    if (m_version != LDP_VERSION)
    {
        m_status = STATUS_BAD_PROTOCOL_VERSION;
    }
    else if (m_pduLength < LDP_IDENTIFIER_SIZE)
    {
        m_status = STATUS_BAD_PDU_LENGTH;
    }
    return PDU_HEADER_SIZE;
}

void
PduHeader::Print(std::ostream& os) const
{
    os << "LDP v" << m_version << " len=" << m_pduLength << " id=" << m_lsrId << ":"
       << m_labelSpace;
    if (!IsValid())
    {
        os << " INVALID: " << StatusCodeName(m_status);
    }
}

bool
PduHeader::operator==(const PduHeader& other) const
{
    return m_version == other.m_version && m_pduLength == other.m_pduLength &&
           m_lsrId == other.m_lsrId && m_labelSpace == other.m_labelSpace &&
           m_status == other.m_status;
}

bool
PduHeader::operator!=(const PduHeader& other) const
{
    return !(*this == other);
}

std::ostream&
operator<<(std::ostream& os, const PduHeader& header)
{
    header.Print(os);
    return os;
}

} // namespace ldp
} // namespace ns3
