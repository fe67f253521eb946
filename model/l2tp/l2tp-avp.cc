// SPDX-License-Identifier: GPL-2.0-only
#include "l2tp-avp.h"

#include "ns3/ipvpn-byte-order.h"
#include "ns3/log.h"

#include <iomanip>
#include <sstream>

namespace ns3
{
namespace l2tp
{

NS_LOG_COMPONENT_DEFINE("L2tpAvp");

namespace
{
// First octet pair of an AVP (RFC 2661 4.1).
constexpr uint16_t FLAG_MANDATORY = 0x8000;
constexpr uint16_t FLAG_HIDDEN = 0x4000;
constexpr uint16_t RESERVED_MASK = 0x3c00;
constexpr uint16_t RESERVED_SHIFT = 10;
constexpr uint16_t LENGTH_MASK = 0x03ff;
} // namespace

std::string
AvpTypeName(uint16_t type)
{
    switch (type)
    {
    case AVP_MESSAGE_TYPE:
        return "Message Type";
    case AVP_RESULT_CODE:
        return "Result Code";
    case AVP_PROTOCOL_VERSION:
        return "Protocol Version";
    case AVP_FRAMING_CAPABILITIES:
        return "Framing Capabilities";
    case AVP_BEARER_CAPABILITIES:
        return "Bearer Capabilities";
    case AVP_TIE_BREAKER:
        return "Tie Breaker";
    case AVP_FIRMWARE_REVISION:
        return "Firmware Revision";
    case AVP_HOST_NAME:
        return "Host Name";
    case AVP_VENDOR_NAME:
        return "Vendor Name";
    case AVP_ASSIGNED_TUNNEL_ID:
        return "Assigned Tunnel ID";
    case AVP_RECEIVE_WINDOW_SIZE:
        return "Receive Window Size";
    case AVP_CHALLENGE:
        return "Challenge";
    case AVP_Q931_CAUSE_CODE:
        return "Q.931 Cause Code";
    case AVP_CHALLENGE_RESPONSE:
        return "Challenge Response";
    case AVP_ASSIGNED_SESSION_ID:
        return "Assigned Session ID";
    case AVP_CALL_SERIAL_NUMBER:
        return "Call Serial Number";
    case AVP_MINIMUM_BPS:
        return "Minimum BPS";
    case AVP_MAXIMUM_BPS:
        return "Maximum BPS";
    case AVP_BEARER_TYPE:
        return "Bearer Type";
    case AVP_FRAMING_TYPE:
        return "Framing Type";
    case AVP_CALLED_NUMBER:
        return "Called Number";
    case AVP_CALLING_NUMBER:
        return "Calling Number";
    case AVP_SUB_ADDRESS:
        return "Sub-Address";
    case AVP_TX_CONNECT_SPEED:
        return "(Tx) Connect Speed";
    case AVP_PHYSICAL_CHANNEL_ID:
        return "Physical Channel ID";
    case AVP_INITIAL_RECEIVED_LCP_CONFREQ:
        return "Initial Received LCP CONFREQ";
    case AVP_LAST_SENT_LCP_CONFREQ:
        return "Last Sent LCP CONFREQ";
    case AVP_LAST_RECEIVED_LCP_CONFREQ:
        return "Last Received LCP CONFREQ";
    case AVP_PROXY_AUTHEN_TYPE:
        return "Proxy Authen Type";
    case AVP_PROXY_AUTHEN_NAME:
        return "Proxy Authen Name";
    case AVP_PROXY_AUTHEN_CHALLENGE:
        return "Proxy Authen Challenge";
    case AVP_PROXY_AUTHEN_ID:
        return "Proxy Authen ID";
    case AVP_PROXY_AUTHEN_RESPONSE:
        return "Proxy Authen Response";
    case AVP_CALL_ERRORS:
        return "Call Errors";
    case AVP_ACCM:
        return "ACCM";
    case AVP_RANDOM_VECTOR:
        return "Random Vector";
    case AVP_PRIVATE_GROUP_ID:
        return "Private Group ID";
    case AVP_RX_CONNECT_SPEED:
        return "Rx Connect Speed";
    case AVP_SEQUENCING_REQUIRED:
        return "Sequencing Required";
    default:
        return "Unknown";
    }
}

std::string
MessageTypeName(uint16_t type)
{
    switch (type)
    {
    case SCCRQ:
        return "SCCRQ";
    case SCCRP:
        return "SCCRP";
    case SCCCN:
        return "SCCCN";
    case STOPCCN:
        return "StopCCN";
    case HELLO:
        return "HELLO";
    case OCRQ:
        return "OCRQ";
    case OCRP:
        return "OCRP";
    case OCCN:
        return "OCCN";
    case ICRQ:
        return "ICRQ";
    case ICRP:
        return "ICRP";
    case ICCN:
        return "ICCN";
    case CDN:
        return "CDN";
    case WEN:
        return "WEN";
    case SLI:
        return "SLI";
    default:
        return "Unknown";
    }
}

Avp::Avp()
    : m_mandatory(false)
    , m_hidden(false)
    , m_reserved(0)
    , m_vendorId(0)
    , m_type(0)
    , m_valid(true)
{
}

Avp::Avp(uint16_t type, const std::vector<uint8_t>& value, bool mandatory, uint16_t vendorId)
    : m_mandatory(mandatory)
    , m_hidden(false)
    , m_reserved(0)
    , m_vendorId(vendorId)
    , m_type(type)
    , m_valid(true)
{
    SetValue(value);
}

Avp
Avp::MakeMessageType(uint16_t messageType)
{
    return MakeUint16(AVP_MESSAGE_TYPE, messageType, true);
}

Avp
Avp::MakeUint16(uint16_t type, uint16_t value, bool mandatory)
{
    return Avp(type, {static_cast<uint8_t>(value >> 8), static_cast<uint8_t>(value)}, mandatory);
}

Avp
Avp::MakeUint32(uint16_t type, uint32_t value, bool mandatory)
{
    return Avp(type,
               {static_cast<uint8_t>(value >> 24),
                static_cast<uint8_t>(value >> 16),
                static_cast<uint8_t>(value >> 8),
                static_cast<uint8_t>(value)},
               mandatory);
}

Avp
Avp::MakeString(uint16_t type, const std::string& text, bool mandatory)
{
    return Avp(type, std::vector<uint8_t>(text.begin(), text.end()), mandatory);
}

Avp
Avp::MakeResultCode(uint16_t resultCode, uint16_t errorCode, const std::string& errorMessage)
{
    std::vector<uint8_t> value{static_cast<uint8_t>(resultCode >> 8),
                               static_cast<uint8_t>(resultCode)};
    if (errorCode != 0 || !errorMessage.empty())
    {
        value.push_back(static_cast<uint8_t>(errorCode >> 8));
        value.push_back(static_cast<uint8_t>(errorCode));
        value.insert(value.end(), errorMessage.begin(), errorMessage.end());
    }
    return Avp(AVP_RESULT_CODE, value, true);
}

TypeId
Avp::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::l2tp::Avp").SetParent<Header>().SetGroupName("L2tp").AddConstructor<Avp>();
    return tid;
}

TypeId
Avp::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
Avp::Print(std::ostream& os) const
{
    os << (m_mandatory ? "M" : "-") << (m_hidden ? "H" : "-") << " ";
    if (m_vendorId == 0)
    {
        os << AvpTypeName(m_type) << "(" << m_type << ")";
    }
    else
    {
        os << "vendor " << m_vendorId << " type " << m_type;
    }
    os << " len=" << GetLength();
    uint16_t u16 = 0;
    if (m_vendorId == 0 && m_type == AVP_MESSAGE_TYPE && GetUint16(u16))
    {
        os << " " << MessageTypeName(u16);
    }
    else
    {
        std::ostringstream hex;
        hex << std::hex << std::setfill('0');
        for (uint8_t octet : m_value)
        {
            hex << std::setw(2) << +octet;
        }
        os << " 0x" << hex.str();
    }
    if (!m_valid)
    {
        os << " [malformed]";
    }
}

uint32_t
Avp::GetSerializedSize() const
{
    return HEADER_SIZE + m_value.size();
}

void
Avp::Serialize(Buffer::Iterator start) const
{
    uint16_t word = GetLength() & LENGTH_MASK;
    word |= m_mandatory ? FLAG_MANDATORY : 0;
    word |= m_hidden ? FLAG_HIDDEN : 0;
    word |= (uint16_t(m_reserved) << RESERVED_SHIFT) & RESERVED_MASK;
    start.WriteHtonU16(word);
    start.WriteHtonU16(m_vendorId);
    start.WriteHtonU16(m_type);
    start.Write(m_value.data(), m_value.size());
}

uint32_t
Avp::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator end = start;
    end.Next(start.GetRemainingSize());
    return Deserialize(start, end);
}

uint32_t
Avp::Deserialize(Buffer::Iterator start, Buffer::Iterator end)
{
    const uint32_t available = end.GetDistanceFrom(start);
    m_value.clear();
    m_valid = false;
    m_mandatory = false;
    m_hidden = false;
    m_reserved = 0;
    m_vendorId = 0;
    m_type = 0;
    if (available < HEADER_SIZE)
    {
        NS_LOG_LOGIC("AVP header truncated: " << available << " octets");
        return available;
    }
    const uint16_t word = start.ReadNtohU16();
    m_mandatory = (word & FLAG_MANDATORY) != 0;
    m_hidden = (word & FLAG_HIDDEN) != 0;
    m_reserved = static_cast<uint8_t>((word & RESERVED_MASK) >> RESERVED_SHIFT);
    m_vendorId = start.ReadNtohU16();
    m_type = start.ReadNtohU16();
    // RFC 2661 4.1: Length counts the 6 header octets; it must not run past
    // the enclosing message.
    const uint16_t length = word & LENGTH_MASK;
    if (length < HEADER_SIZE || length > available)
    {
        NS_LOG_LOGIC("AVP " << m_vendorId << ":" << m_type << " has bad length " << length
                            << " (available " << available << ")");
        return HEADER_SIZE;
    }
    m_value.resize(length - HEADER_SIZE);
    start.Read(m_value.data(), m_value.size());
    m_valid = true;
    return length;
}

bool
Avp::IsMandatory() const
{
    return m_mandatory;
}

void
Avp::SetMandatory(bool mandatory)
{
    m_mandatory = mandatory;
}

bool
Avp::IsHidden() const
{
    return m_hidden;
}

void
Avp::SetHidden(bool hidden)
{
    m_hidden = hidden;
}

uint8_t
Avp::GetReservedBits() const
{
    return m_reserved;
}

void
Avp::SetReservedBits(uint8_t bits)
{
    m_reserved = bits & 0x0f;
}

uint16_t
Avp::GetVendorId() const
{
    return m_vendorId;
}

void
Avp::SetVendorId(uint16_t vendorId)
{
    m_vendorId = vendorId;
}

uint16_t
Avp::GetType() const
{
    return m_type;
}

void
Avp::SetType(uint16_t type)
{
    m_type = type;
}

uint16_t
Avp::GetLength() const
{
    return static_cast<uint16_t>(GetSerializedSize());
}

const std::vector<uint8_t>&
Avp::GetValue() const
{
    return m_value;
}

void
Avp::SetValue(const std::vector<uint8_t>& value)
{
    if (value.size() > MAX_VALUE_SIZE)
    {
        NS_LOG_WARN("AVP " << m_type << " value of " << value.size() << " octets cut to "
                           << MAX_VALUE_SIZE);
        m_value.assign(value.begin(), value.begin() + MAX_VALUE_SIZE);
        return;
    }
    m_value = value;
}

bool
Avp::Is(uint16_t ietfType) const
{
    return m_vendorId == 0 && m_type == ietfType;
}

bool
Avp::GetUint16(uint16_t& value) const
{
    if (m_hidden || m_value.size() != 2)
    {
        return false;
    }
    value = byteorder::ReadBe16(m_value.data());
    return true;
}

bool
Avp::GetUint32(uint32_t& value) const
{
    if (m_hidden || m_value.size() != 4)
    {
        return false;
    }
    value = byteorder::ReadBe32(m_value.data());
    return true;
}

std::string
Avp::GetString() const
{
    return std::string(m_value.begin(), m_value.end());
}

bool
Avp::GetResultCode(uint16_t& resultCode, uint16_t& errorCode, std::string& errorMessage) const
{
    if (m_hidden || m_value.size() < 2 || m_value.size() == 3)
    {
        return false;
    }
    resultCode = byteorder::ReadBe16(m_value.data());
    errorCode = 0;
    errorMessage.clear();
    if (m_value.size() >= 4)
    {
        errorCode = static_cast<uint16_t>((m_value[2] << 8) | m_value[3]);
        errorMessage.assign(m_value.begin() + 4, m_value.end());
    }
    return true;
}

bool
Avp::IsValid() const
{
    return m_valid;
}

bool
Avp::operator==(const Avp& other) const
{
    return m_mandatory == other.m_mandatory && m_hidden == other.m_hidden &&
           m_reserved == other.m_reserved && m_vendorId == other.m_vendorId &&
           m_type == other.m_type && m_value == other.m_value && m_valid == other.m_valid;
}

bool
Avp::operator!=(const Avp& other) const
{
    return !(*this == other);
}

} // namespace l2tp
} // namespace ns3
