/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ldp-message.h"

#include "ldp-status.h"

#include "ns3/assert.h"
#include "ns3/log.h"

#include <iomanip>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LdpMessage");

namespace ldp
{

NS_OBJECT_ENSURE_REGISTERED(Message);

namespace
{
constexpr uint16_t MESSAGE_U_BIT = 0x8000;
} // namespace

bool
IsKnownMessageType(uint16_t type)
{
    switch (type)
    {
    case MSG_NOTIFICATION:
    case MSG_HELLO:
    case MSG_INITIALIZATION:
    case MSG_KEEPALIVE:
    case MSG_ADDRESS:
    case MSG_ADDRESS_WITHDRAW:
    case MSG_LABEL_MAPPING:
    case MSG_LABEL_REQUEST:
    case MSG_LABEL_WITHDRAW:
    case MSG_LABEL_RELEASE:
    case MSG_LABEL_ABORT_REQUEST:
        return true;
    default:
        return false;
    }
}

std::string
MessageTypeName(uint16_t type)
{
    switch (type)
    {
    case MSG_NOTIFICATION:
        return "Notification";
    case MSG_HELLO:
        return "Hello";
    case MSG_INITIALIZATION:
        return "Initialization";
    case MSG_KEEPALIVE:
        return "KeepAlive";
    case MSG_ADDRESS:
        return "Address";
    case MSG_ADDRESS_WITHDRAW:
        return "Address Withdraw";
    case MSG_LABEL_MAPPING:
        return "Label Mapping";
    case MSG_LABEL_REQUEST:
        return "Label Request";
    case MSG_LABEL_WITHDRAW:
        return "Label Withdraw";
    case MSG_LABEL_RELEASE:
        return "Label Release";
    case MSG_LABEL_ABORT_REQUEST:
        return "Label Abort Request";
    default: {
        std::ostringstream os;
        os << "Message 0x" << std::hex << std::setw(4) << std::setfill('0') << type;
        return os.str();
    }
    }
}

TypeId
Message::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ldp::Message")
                            .SetParent<Header>()
                            .SetGroupName("Ldp")
                            .AddConstructor<Message>();
    return tid;
}

Message::Message()
    : Message(0, 0, false)
{
}

Message::Message(uint16_t type, uint32_t messageId)
    : Message(type, messageId, false)
{
}

Message::Message(uint16_t type, uint32_t messageId, bool fixedType)
    : m_uBit(false)
    , m_type(type & MAX_MESSAGE_TYPE)
    , m_messageId(messageId)
    , m_fixedType(fixedType ? type : 0)
    , m_status(STATUS_SUCCESS)
    , m_framingError(false)
{
    NS_ASSERT_MSG(type <= MAX_MESSAGE_TYPE, "LDP message type is 15 bits: " << type);
}

void
Message::SetType(uint16_t type)
{
    NS_ASSERT_MSG(type <= MAX_MESSAGE_TYPE, "LDP message type is 15 bits: " << type);
    m_type = type & MAX_MESSAGE_TYPE;
}

uint16_t
Message::GetType() const
{
    return m_type;
}

void
Message::SetUnknownBit(bool u)
{
    m_uBit = u;
}

bool
Message::GetUnknownBit() const
{
    return m_uBit;
}

void
Message::SetMessageId(uint32_t id)
{
    m_messageId = id;
}

uint32_t
Message::GetMessageId() const
{
    return m_messageId;
}

std::vector<Tlv>
Message::GetParameters() const
{
    std::vector<Tlv> tlvs;
    EncodeParameters(tlvs);
    tlvs.insert(tlvs.end(), m_other.begin(), m_other.end());
    return tlvs;
}

const std::vector<Tlv>&
Message::GetOtherParameters() const
{
    return m_other;
}

void
Message::SetOtherParameters(std::vector<Tlv> tlvs)
{
    m_other = std::move(tlvs);
}

void
Message::AddOtherParameter(Tlv tlv)
{
    m_other.push_back(std::move(tlv));
}

Message
Message::ToGeneric() const
{
    Message generic(m_type, m_messageId);
    generic.m_uBit = m_uBit;
    generic.m_other = GetParameters();
    generic.m_status = m_status;
    generic.m_framingError = m_framingError;
    return generic;
}

bool
Message::LoadFrom(const Message& generic)
{
    m_uBit = generic.m_uBit;
    m_messageId = generic.m_messageId;
    m_status = STATUS_SUCCESS;
    m_framingError = generic.m_framingError;
    ClearParameters();
    m_type = generic.m_type;
    if (m_fixedType != 0 && m_type != m_fixedType)
    {
        m_other = generic.GetParameters();
        SetStatus(STATUS_UNKNOWN_MESSAGE_TYPE);
        return false;
    }
    SetStatus(generic.m_status);
    SetStatus(DecodeParameters(generic.GetParameters()));
    return IsValid();
}

bool
Message::IsValid() const
{
    return m_status == STATUS_SUCCESS;
}

uint32_t
Message::GetStatus() const
{
    return m_status;
}

bool
Message::HasFramingError() const
{
    return m_framingError;
}

void
Message::SetStatus(uint32_t status)
{
    if (m_status == STATUS_SUCCESS)
    {
        m_status = status;
    }
}

TypeId
Message::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
Message::GetSerializedSize() const
{
    return MESSAGE_HEADER_SIZE + MIN_MESSAGE_LENGTH + GetTlvListSize(GetParameters());
}

void
Message::Serialize(Buffer::Iterator start) const
{
    std::vector<Tlv> tlvs = GetParameters();
    uint32_t length = MIN_MESSAGE_LENGTH + GetTlvListSize(tlvs);
    NS_ASSERT_MSG(length <= 0xFFFF, "LDP message longer than the Length field allows");
    start.WriteHtonU16((m_uBit ? MESSAGE_U_BIT : 0) | m_type);
    start.WriteHtonU16(length);
    start.WriteHtonU32(m_messageId);
    SerializeTlvList(start, tlvs);
}

uint32_t
Message::Deserialize(Buffer::Iterator start)
{
    return DeserializeFrom(start, start.GetRemainingSize());
}

uint32_t
Message::Deserialize(Buffer::Iterator start, Buffer::Iterator end)
{
    return DeserializeFrom(start, end.GetDistanceFrom(start));
}

uint32_t
Message::DeserializeFrom(Buffer::Iterator start, uint32_t available)
{
    m_uBit = false;
    m_messageId = 0;
    m_status = STATUS_SUCCESS;
    m_framingError = false;
    ClearParameters();

    // RFC 5036 section 3.5: a message needs its 4-byte header and a Length
    // of at least 4 (the Message ID) that fits in the data.
    if (available < MESSAGE_HEADER_SIZE)
    {
        NS_LOG_LOGIC("message header cut short: " << available << " bytes");
        m_framingError = true;
        SetStatus(STATUS_BAD_MESSAGE_LENGTH);
        return available;
    }
    uint16_t word = start.ReadNtohU16();
    uint16_t length = start.ReadNtohU16();
    m_uBit = (word & MESSAGE_U_BIT) != 0;
    m_type = word & MAX_MESSAGE_TYPE;
    if (length < MIN_MESSAGE_LENGTH || length > available - MESSAGE_HEADER_SIZE)
    {
        NS_LOG_LOGIC("bad message length " << length << " with " << available << " bytes");
        m_framingError = true;
        SetStatus(STATUS_BAD_MESSAGE_LENGTH);
        return available;
    }
    m_messageId = start.ReadNtohU32();
    uint32_t consumed = MESSAGE_HEADER_SIZE + length;

    std::vector<Tlv> tlvs;
    uint32_t status = DeserializeTlvList(start, length - MIN_MESSAGE_LENGTH, tlvs);
    if (m_fixedType != 0 && m_type != m_fixedType)
    {
        status = STATUS_UNKNOWN_MESSAGE_TYPE;
    }
    if (status != STATUS_SUCCESS)
    {
        // Keep the TLVs that could be read so the caller can inspect them.
        m_other = std::move(tlvs);
        SetStatus(status);
        return consumed;
    }
    SetStatus(DecodeParameters(tlvs));
    return consumed;
}

void
Message::ClearParameters()
{
    // A typed class resets its fields when given no TLVs; the status of
    // that call (typically "missing parameters") is not wanted here.
    DecodeParameters({});
    m_other.clear();
}

void
Message::EncodeParameters(std::vector<Tlv>& /* out */) const
{
}

uint32_t
Message::DecodeParameters(const std::vector<Tlv>& tlvs)
{
    m_other = tlvs;
    return STATUS_SUCCESS;
}

void
Message::PrintParameters(std::ostream& os) const
{
    for (const auto& tlv : m_other)
    {
        os << " " << tlv;
    }
}

void
Message::Print(std::ostream& os) const
{
    os << MessageTypeName(m_type) << "(id=" << m_messageId;
    if (m_uBit)
    {
        os << " U";
    }
    if (!IsValid())
    {
        os << " INVALID: " << StatusCodeName(m_status);
    }
    os << ")";
    PrintParameters(os);
}

bool
Message::operator==(const Message& other) const
{
    return m_uBit == other.m_uBit && m_type == other.m_type && m_messageId == other.m_messageId &&
           m_status == other.m_status && GetParameters() == other.GetParameters();
}

bool
Message::operator!=(const Message& other) const
{
    return !(*this == other);
}

std::ostream&
operator<<(std::ostream& os, const Message& message)
{
    message.Print(os);
    return os;
}

} // namespace ldp
} // namespace ns3
