// SPDX-License-Identifier: GPL-2.0-only
#include "ospf-packet-header.h"

#include "ns3/log.h"

#include <iomanip>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("OspfPacketHeader");

namespace ospf
{

NS_OBJECT_ENSURE_REGISTERED(PacketHeader);

const char*
PacketTypeName(uint8_t type)
{
    switch (type)
    {
    case PACKET_HELLO:
        return "Hello";
    case PACKET_DATABASE_DESCRIPTION:
        return "Database Description";
    case PACKET_LINK_STATE_REQUEST:
        return "Link State Request";
    case PACKET_LINK_STATE_UPDATE:
        return "Link State Update";
    case PACKET_LINK_STATE_ACK:
        return "Link State Acknowledgment";
    default:
        return "unknown";
    }
}

const char*
PacketHeaderErrorName(PacketHeader::Error error)
{
    switch (error)
    {
    case PacketHeader::OK:
        return "ok";
    case PacketHeader::TRUNCATED:
        return "truncated";
    case PacketHeader::BAD_VERSION:
        return "bad-version";
    case PacketHeader::BAD_TYPE:
        return "bad-type";
    case PacketHeader::BAD_LENGTH:
        return "bad-length";
    }
    return "unknown";
}

TypeId
PacketHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ospf::PacketHeader")
                            .SetParent<Header>()
                            .SetGroupName("Ospf")
                            .AddConstructor<PacketHeader>();
    return tid;
}

PacketHeader::PacketHeader()
    : m_version(OSPF_VERSION)
    , m_type(PACKET_HELLO)
    , m_packetLength(SIZE)
    , m_checksum(0)
    , m_auType(AUTYPE_NULL)
    , m_authentication{}
    , m_error(OK)
{
}

void
PacketHeader::SetVersion(uint8_t version)
{
    m_version = version;
}

uint8_t
PacketHeader::GetVersion() const
{
    return m_version;
}

void
PacketHeader::SetType(uint8_t type)
{
    m_type = type;
}

uint8_t
PacketHeader::GetType() const
{
    return m_type;
}

void
PacketHeader::SetPacketLength(uint16_t length)
{
    m_packetLength = length;
}

uint16_t
PacketHeader::GetPacketLength() const
{
    return m_packetLength;
}

void
PacketHeader::SetRouterId(Ipv4Address routerId)
{
    m_routerId = routerId;
}

Ipv4Address
PacketHeader::GetRouterId() const
{
    return m_routerId;
}

void
PacketHeader::SetAreaId(Ipv4Address areaId)
{
    m_areaId = areaId;
}

Ipv4Address
PacketHeader::GetAreaId() const
{
    return m_areaId;
}

void
PacketHeader::SetChecksum(uint16_t checksum)
{
    m_checksum = checksum;
}

uint16_t
PacketHeader::GetChecksum() const
{
    return m_checksum;
}

void
PacketHeader::SetAuType(uint16_t auType)
{
    m_auType = auType;
}

uint16_t
PacketHeader::GetAuType() const
{
    return m_auType;
}

void
PacketHeader::SetAuthentication(const std::array<uint8_t, 8>& field)
{
    m_authentication = field;
}

const std::array<uint8_t, 8>&
PacketHeader::GetAuthentication() const
{
    return m_authentication;
}

// D.3: | 0 (16) | Key ID (8) | Auth Data Len (8) | Cryptographic sequence number (32) |

void
PacketHeader::SetKeyId(uint8_t keyId)
{
    m_authentication[2] = keyId;
}

uint8_t
PacketHeader::GetKeyId() const
{
    return m_authentication[2];
}

void
PacketHeader::SetAuthDataLength(uint8_t length)
{
    m_authentication[3] = length;
}

uint8_t
PacketHeader::GetAuthDataLength() const
{
    return m_authentication[3];
}

void
PacketHeader::SetCryptoSequence(uint32_t sequence)
{
    m_authentication[4] = static_cast<uint8_t>(sequence >> 24);
    m_authentication[5] = static_cast<uint8_t>(sequence >> 16);
    m_authentication[6] = static_cast<uint8_t>(sequence >> 8);
    m_authentication[7] = static_cast<uint8_t>(sequence);
}

uint32_t
PacketHeader::GetCryptoSequence() const
{
    return (uint32_t(m_authentication[4]) << 24) | (uint32_t(m_authentication[5]) << 16) |
           (uint32_t(m_authentication[6]) << 8) | m_authentication[7];
}

bool
PacketHeader::IsValid() const
{
    return m_error == OK;
}

PacketHeader::Error
PacketHeader::GetError() const
{
    return m_error;
}

TypeId
PacketHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
PacketHeader::GetSerializedSize() const
{
    return SIZE;
}

void
PacketHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteU8(m_version);
    start.WriteU8(m_type);
    start.WriteHtonU16(m_packetLength);
    start.WriteHtonU32(m_routerId.Get());
    start.WriteHtonU32(m_areaId.Get());
    start.WriteHtonU16(m_checksum);
    start.WriteHtonU16(m_auType);
    start.Write(m_authentication.data(), m_authentication.size());
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
    *this = PacketHeader();
    const uint32_t available = end.GetDistanceFrom(start);
    if (available < SIZE)
    {
        m_error = TRUNCATED;
        return 0;
    }
    m_version = start.ReadU8();
    m_type = start.ReadU8();
    m_packetLength = start.ReadNtohU16();
    m_routerId = Ipv4Address(start.ReadNtohU32());
    m_areaId = Ipv4Address(start.ReadNtohU32());
    m_checksum = start.ReadNtohU16();
    m_auType = start.ReadNtohU16();
    start.Read(m_authentication.data(), m_authentication.size());
    if (m_version != OSPF_VERSION)
    {
        m_error = BAD_VERSION;
    }
    else if (m_type < PACKET_HELLO || m_type > PACKET_LINK_STATE_ACK)
    {
        m_error = BAD_TYPE;
    }
    else if (m_packetLength < SIZE || m_packetLength > available)
    {
        m_error = BAD_LENGTH;
    }
    if (m_error != OK)
    {
        NS_LOG_LOGIC("malformed OSPF header: " << PacketHeaderErrorName(m_error));
    }
    return SIZE;
}

void
PacketHeader::Print(std::ostream& os) const
{
    os << "OSPFv" << static_cast<int>(m_version) << " " << PacketTypeName(m_type) << " len "
       << m_packetLength << " router " << m_routerId << " area " << m_areaId << " cksum 0x"
       << std::hex << std::setw(4) << std::setfill('0') << m_checksum << std::dec
       << std::setfill(' ') << " autype " << m_auType;
    if (m_auType == AUTYPE_CRYPTOGRAPHIC)
    {
        os << " key " << static_cast<int>(GetKeyId()) << " seq " << GetCryptoSequence();
    }
    if (m_error != OK)
    {
        os << " (" << PacketHeaderErrorName(m_error) << ")";
    }
}

bool
PacketHeader::operator==(const PacketHeader& other) const
{
    return m_version == other.m_version && m_type == other.m_type &&
           m_packetLength == other.m_packetLength && m_routerId == other.m_routerId &&
           m_areaId == other.m_areaId && m_checksum == other.m_checksum &&
           m_auType == other.m_auType && m_authentication == other.m_authentication &&
           m_error == other.m_error;
}

bool
PacketHeader::operator!=(const PacketHeader& other) const
{
    return !(*this == other);
}

} // namespace ospf
} // namespace ns3
