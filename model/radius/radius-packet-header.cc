// SPDX-License-Identifier: GPL-2.0-only
#include "radius-packet-header.h"

#include "ns3/buffer.h"
#include "ns3/log.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace ns3
{
namespace radius
{

NS_LOG_COMPONENT_DEFINE("RadiusPacketHeader");

std::string
CodeName(uint8_t code)
{
    switch (code)
    {
    case ACCESS_REQUEST:
        return "Access-Request";
    case ACCESS_ACCEPT:
        return "Access-Accept";
    case ACCESS_REJECT:
        return "Access-Reject";
    case ACCOUNTING_REQUEST:
        return "Accounting-Request";
    case ACCOUNTING_RESPONSE:
        return "Accounting-Response";
    case ACCESS_CHALLENGE:
        return "Access-Challenge";
    case STATUS_SERVER:
        return "Status-Server";
    case STATUS_CLIENT:
        return "Status-Client";
    default:
        return "Unknown";
    }
}

PacketHeader::PacketHeader()
    : PacketHeader(ACCESS_REQUEST, 0)
{
}

PacketHeader::PacketHeader(uint8_t code, uint8_t identifier)
    : m_code(code)
    , m_identifier(identifier)
    , m_authenticator{}
    , m_error(NONE)
{
}

TypeId
PacketHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::radius::PacketHeader")
                            .SetParent<Header>()
                            .SetGroupName("Radius")
                            .AddConstructor<PacketHeader>();
    return tid;
}

TypeId
PacketHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
PacketHeader::Print(std::ostream& os) const
{
    std::ostringstream auth;
    auth << std::hex << std::setfill('0');
    for (uint8_t octet : m_authenticator)
    {
        auth << std::setw(2) << +octet;
    }
    os << "RADIUS " << CodeName(m_code) << "(" << +m_code << ") id=" << +m_identifier
       << " len=" << GetLength() << " auth=" << auth.str();
    for (const Attribute& attribute : m_attributes)
    {
        os << " [";
        attribute.Print(os);
        os << "]";
    }
    if (!IsValid())
    {
        os << " [malformed, error " << m_error << "]";
    }
}

uint32_t
PacketHeader::GetSerializedSize() const
{
    uint32_t size = MIN_LENGTH;
    for (const Attribute& attribute : m_attributes)
    {
        size += attribute.GetSerializedSize();
    }
    return size;
}

void
PacketHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteU8(m_code);
    start.WriteU8(m_identifier);
    start.WriteHtonU16(GetLength());
    start.Write(m_authenticator.data(), m_authenticator.size());
    for (const Attribute& attribute : m_attributes)
    {
        attribute.Serialize(start);
        start.Next(attribute.GetSerializedSize());
    }
}

uint32_t
PacketHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator end = start;
    end.Next(start.GetRemainingSize());
    return Deserialize(start, end);
}

uint32_t
PacketHeader::Deserialize(Buffer::Iterator start, Buffer::Iterator end)
{
    const uint32_t available = end.GetDistanceFrom(start);
    m_attributes.clear();
    m_authenticator.fill(0);
    m_code = 0;
    m_identifier = 0;
    if (available < MIN_LENGTH)
    {
        m_error = TRUNCATED;
        return available;
    }
    Buffer::Iterator i = start;
    m_code = i.ReadU8();
    m_identifier = i.ReadU8();
    const uint16_t length = i.ReadNtohU16();
    i.Read(m_authenticator.data(), m_authenticator.size());
    // RFC 2865 section 3: 20 <= Length <= 4096; a packet shorter than its
    // Length field MUST be silently discarded; octets past Length are padding.
    if (length < MIN_LENGTH || length > MAX_LENGTH)
    {
        NS_LOG_LOGIC("bad Length field " << length);
        m_error = BAD_LENGTH;
        return MIN_LENGTH;
    }
    if (length > available)
    {
        NS_LOG_LOGIC("Length field " << length << " exceeds the " << available
                                     << " octets received");
        m_error = LENGTH_EXCEEDS_DATA;
        return MIN_LENGTH;
    }
    // RFC 2865 section 5: an attribute with an invalid length makes the
    // whole packet invalid.
    Buffer::Iterator packetEnd = start;
    packetEnd.Next(length);
    uint32_t offset = MIN_LENGTH;
    while (offset < length)
    {
        Attribute attribute;
        const uint32_t used = attribute.Deserialize(i, packetEnd);
        if (!attribute.IsValid())
        {
            m_error = BAD_ATTRIBUTE;
            return std::min<uint32_t>(offset + used, length);
        }
        m_attributes.push_back(attribute);
        i.Next(used);
        offset += used;
    }
    m_error = NONE;
    return length;
}

uint8_t
PacketHeader::GetCode() const
{
    return m_code;
}

void
PacketHeader::SetCode(uint8_t code)
{
    m_code = code;
}

uint8_t
PacketHeader::GetIdentifier() const
{
    return m_identifier;
}

void
PacketHeader::SetIdentifier(uint8_t identifier)
{
    m_identifier = identifier;
}

const Authenticator&
PacketHeader::GetAuthenticator() const
{
    return m_authenticator;
}

void
PacketHeader::SetAuthenticator(const Authenticator& authenticator)
{
    m_authenticator = authenticator;
}

uint16_t
PacketHeader::GetLength() const
{
    return static_cast<uint16_t>(GetSerializedSize());
}

const std::vector<Attribute>&
PacketHeader::GetAttributes() const
{
    return m_attributes;
}

void
PacketHeader::AddAttribute(const Attribute& attribute)
{
    if (GetSerializedSize() + attribute.GetSerializedSize() > MAX_LENGTH)
    {
        NS_LOG_WARN("attribute " << +attribute.GetType() << " dropped: packet would exceed "
                                 << MAX_LENGTH << " octets");
        return;
    }
    m_attributes.push_back(attribute);
}

void
PacketHeader::ClearAttributes()
{
    m_attributes.clear();
}

const Attribute*
PacketHeader::FindAttribute(uint8_t type) const
{
    for (const Attribute& attribute : m_attributes)
    {
        if (attribute.GetType() == type)
        {
            return &attribute;
        }
    }
    return nullptr;
}

Attribute*
PacketHeader::FindAttribute(uint8_t type)
{
    for (Attribute& attribute : m_attributes)
    {
        if (attribute.GetType() == type)
        {
            return &attribute;
        }
    }
    return nullptr;
}

uint32_t
PacketHeader::CountAttributes(uint8_t type) const
{
    return std::count_if(m_attributes.begin(), m_attributes.end(), [type](const Attribute& a) {
        return a.GetType() == type;
    });
}

std::vector<uint8_t>
PacketHeader::ToBytes() const
{
    Buffer buffer;
    buffer.AddAtStart(GetSerializedSize());
    Serialize(buffer.Begin());
    std::vector<uint8_t> bytes(buffer.GetSize());
    buffer.CopyData(bytes.data(), bytes.size());
    return bytes;
}

PacketHeader
PacketHeader::FromBytes(const std::vector<uint8_t>& bytes)
{
    Buffer buffer;
    buffer.AddAtStart(bytes.size());
    if (!bytes.empty())
    {
        buffer.Begin().Write(bytes.data(), bytes.size());
    }
    PacketHeader packet;
    packet.Deserialize(buffer.Begin());
    return packet;
}

bool
PacketHeader::IsValid() const
{
    return m_error == NONE;
}

PacketHeader::Error
PacketHeader::GetError() const
{
    return m_error;
}

bool
PacketHeader::operator==(const PacketHeader& other) const
{
    return m_code == other.m_code && m_identifier == other.m_identifier &&
           m_authenticator == other.m_authenticator && m_attributes == other.m_attributes &&
           m_error == other.m_error;
}

bool
PacketHeader::operator!=(const PacketHeader& other) const
{
    return !(*this == other);
}

} // namespace radius
} // namespace ns3
