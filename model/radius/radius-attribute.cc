// SPDX-License-Identifier: GPL-2.0-only
#include "radius-attribute.h"

#include "ns3/ipvpn-byte-order.h"
#include "ns3/log.h"

#include <iomanip>
#include <sstream>

namespace ns3
{
namespace radius
{

NS_LOG_COMPONENT_DEFINE("RadiusAttribute");

std::string
AttributeTypeName(uint8_t type)
{
    switch (type)
    {
    case USER_NAME:
        return "User-Name";
    case USER_PASSWORD:
        return "User-Password";
    case CHAP_PASSWORD:
        return "CHAP-Password";
    case NAS_IP_ADDRESS:
        return "NAS-IP-Address";
    case NAS_PORT:
        return "NAS-Port";
    case SERVICE_TYPE:
        return "Service-Type";
    case FRAMED_PROTOCOL:
        return "Framed-Protocol";
    case FRAMED_IP_ADDRESS:
        return "Framed-IP-Address";
    case FRAMED_IP_NETMASK:
        return "Framed-IP-Netmask";
    case FRAMED_ROUTING:
        return "Framed-Routing";
    case FILTER_ID:
        return "Filter-Id";
    case FRAMED_MTU:
        return "Framed-MTU";
    case FRAMED_COMPRESSION:
        return "Framed-Compression";
    case LOGIN_IP_HOST:
        return "Login-IP-Host";
    case LOGIN_SERVICE:
        return "Login-Service";
    case LOGIN_TCP_PORT:
        return "Login-TCP-Port";
    case REPLY_MESSAGE:
        return "Reply-Message";
    case CALLBACK_NUMBER:
        return "Callback-Number";
    case CALLBACK_ID:
        return "Callback-Id";
    case FRAMED_ROUTE:
        return "Framed-Route";
    case FRAMED_IPX_NETWORK:
        return "Framed-IPX-Network";
    case STATE:
        return "State";
    case CLASS:
        return "Class";
    case VENDOR_SPECIFIC:
        return "Vendor-Specific";
    case SESSION_TIMEOUT:
        return "Session-Timeout";
    case IDLE_TIMEOUT:
        return "Idle-Timeout";
    case TERMINATION_ACTION:
        return "Termination-Action";
    case CALLED_STATION_ID:
        return "Called-Station-Id";
    case CALLING_STATION_ID:
        return "Calling-Station-Id";
    case NAS_IDENTIFIER:
        return "NAS-Identifier";
    case PROXY_STATE:
        return "Proxy-State";
    case LOGIN_LAT_SERVICE:
        return "Login-LAT-Service";
    case LOGIN_LAT_NODE:
        return "Login-LAT-Node";
    case LOGIN_LAT_GROUP:
        return "Login-LAT-Group";
    case FRAMED_APPLETALK_LINK:
        return "Framed-AppleTalk-Link";
    case FRAMED_APPLETALK_NETWORK:
        return "Framed-AppleTalk-Network";
    case FRAMED_APPLETALK_ZONE:
        return "Framed-AppleTalk-Zone";
    case CHAP_CHALLENGE:
        return "CHAP-Challenge";
    case NAS_PORT_TYPE:
        return "NAS-Port-Type";
    case PORT_LIMIT:
        return "Port-Limit";
    case LOGIN_LAT_PORT:
        return "Login-LAT-Port";
    case EAP_MESSAGE:
        return "EAP-Message";
    case MESSAGE_AUTHENTICATOR:
        return "Message-Authenticator";
    default:
        return "Unknown";
    }
}

Attribute::Attribute()
    : m_type(0)
    , m_valid(true)
{
}

Attribute::Attribute(uint8_t type, const std::vector<uint8_t>& value)
    : m_type(type)
    , m_valid(true)
{
    SetValue(value);
}

Attribute
Attribute::FromString(uint8_t type, const std::string& text)
{
    return Attribute(type, std::vector<uint8_t>(text.begin(), text.end()));
}

Attribute
Attribute::FromUint32(uint8_t type, uint32_t value)
{
    return Attribute(type,
                     {static_cast<uint8_t>(value >> 24),
                      static_cast<uint8_t>(value >> 16),
                      static_cast<uint8_t>(value >> 8),
                      static_cast<uint8_t>(value)});
}

Attribute
Attribute::FromAddress(uint8_t type, Ipv4Address address)
{
    return FromUint32(type, address.Get());
}

TypeId
Attribute::GetTypeId()
{
    static TypeId tid = TypeId("ns3::radius::Attribute")
                            .SetParent<Header>()
                            .SetGroupName("Radius")
                            .AddConstructor<Attribute>();
    return tid;
}

TypeId
Attribute::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
Attribute::Print(std::ostream& os) const
{
    os << AttributeTypeName(m_type) << "(" << +m_type << ") len=" << GetSerializedSize() << " 0x";
    std::ostringstream hex;
    hex << std::hex << std::setfill('0');
    for (uint8_t octet : m_value)
    {
        hex << std::setw(2) << +octet;
    }
    os << hex.str();
    if (!m_valid)
    {
        os << " [malformed]";
    }
}

uint32_t
Attribute::GetSerializedSize() const
{
    return HEADER_SIZE + m_value.size();
}

void
Attribute::Serialize(Buffer::Iterator start) const
{
    start.WriteU8(m_type);
    start.WriteU8(static_cast<uint8_t>(GetSerializedSize()));
    start.Write(m_value.data(), m_value.size());
}

uint32_t
Attribute::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator end = start;
    end.Next(start.GetRemainingSize());
    return Deserialize(start, end);
}

uint32_t
Attribute::Deserialize(Buffer::Iterator start, Buffer::Iterator end)
{
    const uint32_t available = end.GetDistanceFrom(start);
    m_value.clear();
    m_valid = false;
    if (available < HEADER_SIZE)
    {
        NS_LOG_LOGIC("attribute header truncated: " << available << " octets");
        m_type = available > 0 ? start.ReadU8() : 0;
        return available;
    }
    m_type = start.ReadU8();
    const uint8_t length = start.ReadU8();
    // RFC 2865 section 5: Length counts Type, Length and Value, so it is at
    // least 2, and it must stay inside the packet.
    if (length < HEADER_SIZE || length > available)
    {
        NS_LOG_LOGIC("attribute " << +m_type << " has bad length " << +length << " (available "
                                  << available << ")");
        return HEADER_SIZE;
    }
    m_value.resize(length - HEADER_SIZE);
    start.Read(m_value.data(), m_value.size());
    m_valid = true;
    return length;
}

uint8_t
Attribute::GetType() const
{
    return m_type;
}

void
Attribute::SetType(uint8_t type)
{
    m_type = type;
}

const std::vector<uint8_t>&
Attribute::GetValue() const
{
    return m_value;
}

void
Attribute::SetValue(const std::vector<uint8_t>& value)
{
    if (value.size() > MAX_VALUE_SIZE)
    {
        NS_LOG_WARN("attribute " << +m_type << " value of " << value.size() << " octets cut to "
                                 << MAX_VALUE_SIZE);
        m_value.assign(value.begin(), value.begin() + MAX_VALUE_SIZE);
        return;
    }
    m_value = value;
}

std::string
Attribute::GetString() const
{
    return std::string(m_value.begin(), m_value.end());
}

bool
Attribute::GetUint32(uint32_t& value) const
{
    if (m_value.size() != 4)
    {
        return false;
    }
    value = byteorder::ReadBe32(m_value.data());
    return true;
}

bool
Attribute::GetAddress(Ipv4Address& address) const
{
    uint32_t raw = 0;
    if (!GetUint32(raw))
    {
        return false;
    }
    address = Ipv4Address(raw);
    return true;
}

bool
Attribute::IsValid() const
{
    return m_valid;
}

bool
Attribute::operator==(const Attribute& other) const
{
    return m_type == other.m_type && m_value == other.m_value && m_valid == other.m_valid;
}

bool
Attribute::operator!=(const Attribute& other) const
{
    return !(*this == other);
}

} // namespace radius
} // namespace ns3
