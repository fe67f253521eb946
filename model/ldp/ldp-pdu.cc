/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ldp-pdu.h"

#include "ldp-address-messages.h"
#include "ldp-label-messages.h"
#include "ldp-session-messages.h"
#include "ldp-status.h"

#include "ns3/assert.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LdpPdu");

namespace ldp
{

NS_OBJECT_ENSURE_REGISTERED(Pdu);

TypeId
Pdu::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ldp::Pdu").SetParent<Header>().SetGroupName("Ldp").AddConstructor<Pdu>();
    return tid;
}

Pdu::Pdu()
    : m_status(STATUS_SUCCESS)
{
}

Pdu::Pdu(Ipv4Address lsrId, uint16_t labelSpace)
    : m_header(lsrId, labelSpace)
    , m_status(STATUS_SUCCESS)
{
}

void
Pdu::SetLsrId(Ipv4Address lsrId)
{
    m_header.SetLsrId(lsrId);
}

Ipv4Address
Pdu::GetLsrId() const
{
    return m_header.GetLsrId();
}

void
Pdu::SetLabelSpace(uint16_t labelSpace)
{
    m_header.SetLabelSpace(labelSpace);
}

uint16_t
Pdu::GetLabelSpace() const
{
    return m_header.GetLabelSpace();
}

PduHeader
Pdu::GetHeader() const
{
    return m_header;
}

void
Pdu::AddMessage(const Message& message)
{
    m_messages.push_back(message.ToGeneric());
    uint32_t length = GetSerializedSize() - 4;
    NS_ASSERT_MSG(length <= 0xFFFF, "LDP PDU longer than the PDU Length field allows");
    m_header.SetPduLength(length);
}

const std::vector<Message>&
Pdu::GetMessages() const
{
    return m_messages;
}

uint32_t
Pdu::GetNMessages() const
{
    return m_messages.size();
}

void
Pdu::ClearMessages()
{
    m_messages.clear();
    m_header.SetPduLength(LDP_IDENTIFIER_SIZE);
}

bool
Pdu::IsValid() const
{
    return m_status == STATUS_SUCCESS;
}

uint32_t
Pdu::GetStatus() const
{
    return m_status;
}

TypeId
Pdu::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
Pdu::GetSerializedSize() const
{
    uint32_t size = PDU_HEADER_SIZE;
    for (const auto& m : m_messages)
    {
        size += m.GetSerializedSize();
    }
    return size;
}

void
Pdu::Serialize(Buffer::Iterator start) const
{
    PduHeader header = m_header;
    header.SetPduLength(GetSerializedSize() - 4);
    header.Serialize(start);
    start.Next(PDU_HEADER_SIZE);
    for (const auto& m : m_messages)
    {
        m.Serialize(start);
        start.Next(m.GetSerializedSize());
    }
}

uint32_t
Pdu::Deserialize(Buffer::Iterator start)
{
    return DeserializeFrom(start, start.GetRemainingSize());
}

uint32_t
Pdu::Deserialize(Buffer::Iterator start, Buffer::Iterator end)
{
    return DeserializeFrom(start, end.GetDistanceFrom(start));
}

uint32_t
Pdu::DeserializeFrom(Buffer::Iterator start, uint32_t available)
{
    m_messages.clear();
    m_status = STATUS_SUCCESS;
    uint32_t read = m_header.DeserializeFrom(start, available);
    if (!m_header.IsValid())
    {
        m_status = m_header.GetStatus();
        return available;
    }
    start.Next(read);
    // Section 3.5.1.2.1: a PDU Length beyond the received data is malformed.
    if (m_header.GetTotalPduSize() > available)
    {
        NS_LOG_LOGIC("PDU length " << m_header.GetPduLength() << " exceeds the " << available
                                   << " bytes present");
        m_status = STATUS_BAD_PDU_LENGTH;
        return available;
    }
    // Section 3.1: messages fill the rest of the PDU. Each pass consumes at
    // least 4 bytes or ends the loop on a framing error.
    uint32_t left = m_header.GetPduLength() - LDP_IDENTIFIER_SIZE;
    while (left > 0)
    {
        Message message;
        uint32_t used = message.DeserializeFrom(start, left);
        m_messages.push_back(message);
        KeepFirstStatus(m_status, message.GetStatus());
        if (message.HasFramingError() || used == 0)
        {
            break;
        }
        start.Next(used);
        left -= used;
    }
    return m_header.GetTotalPduSize();
}

void
Pdu::Print(std::ostream& os) const
{
    os << GetHeader();
    if (!IsValid())
    {
        os << " [" << StatusCodeName(m_status) << "]";
    }
    for (const auto& m : m_messages)
    {
        os << " {" << m << "}";
    }
}

bool
Pdu::operator==(const Pdu& other) const
{
    return GetLsrId() == other.GetLsrId() && GetLabelSpace() == other.GetLabelSpace() &&
           m_header.GetVersion() == other.m_header.GetVersion() && m_messages == other.m_messages &&
           m_status == other.m_status;
}

bool
Pdu::operator!=(const Pdu& other) const
{
    return !(*this == other);
}

std::ostream&
operator<<(std::ostream& os, const Pdu& pdu)
{
    pdu.Print(os);
    return os;
}

std::unique_ptr<Message>
MakeTypedMessage(uint16_t type)
{
    switch (type)
    {
    case MSG_NOTIFICATION:
        return std::make_unique<NotificationMessage>();
    case MSG_HELLO:
        return std::make_unique<HelloMessage>();
    case MSG_INITIALIZATION:
        return std::make_unique<InitializationMessage>();
    case MSG_KEEPALIVE:
        return std::make_unique<KeepAliveMessage>();
    case MSG_ADDRESS:
        return std::make_unique<AddressMessage>();
    case MSG_ADDRESS_WITHDRAW:
        return std::make_unique<AddressWithdrawMessage>();
    case MSG_LABEL_MAPPING:
        return std::make_unique<LabelMappingMessage>();
    case MSG_LABEL_REQUEST:
        return std::make_unique<LabelRequestMessage>();
    case MSG_LABEL_WITHDRAW:
        return std::make_unique<LabelWithdrawMessage>();
    case MSG_LABEL_RELEASE:
        return std::make_unique<LabelReleaseMessage>();
    case MSG_LABEL_ABORT_REQUEST:
        return std::make_unique<LabelAbortRequestMessage>();
    default:
        return nullptr;
    }
}

} // namespace ldp
} // namespace ns3
