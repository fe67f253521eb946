// SPDX-License-Identifier: GPL-2.0-only
#include "ospf-database-description-header.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("OspfDatabaseDescriptionHeader");

namespace ospf
{

NS_OBJECT_ENSURE_REGISTERED(DatabaseDescriptionHeader);

TypeId
DatabaseDescriptionHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ospf::DatabaseDescriptionHeader")
                            .SetParent<Header>()
                            .SetGroupName("Ospf")
                            .AddConstructor<DatabaseDescriptionHeader>();
    return tid;
}

// Defaults: an Ethernet MTU, the E-bit of area 0, no flags.
DatabaseDescriptionHeader::DatabaseDescriptionHeader()
    : m_mtu(1500)
    , m_options(OPTION_E)
    , m_flags(0)
    , m_sequence(0)
    , m_error(OK)
{
}

void
DatabaseDescriptionHeader::SetInterfaceMtu(uint16_t mtu)
{
    m_mtu = mtu;
}

uint16_t
DatabaseDescriptionHeader::GetInterfaceMtu() const
{
    return m_mtu;
}

void
DatabaseDescriptionHeader::SetOptions(uint8_t options)
{
    m_options = options;
}

uint8_t
DatabaseDescriptionHeader::GetOptions() const
{
    return m_options;
}

void
DatabaseDescriptionHeader::SetFlags(uint8_t flags)
{
    m_flags = flags;
}

uint8_t
DatabaseDescriptionHeader::GetFlags() const
{
    return m_flags;
}

bool
DatabaseDescriptionHeader::IsInit() const
{
    return (m_flags & DD_FLAG_I) != 0;
}

bool
DatabaseDescriptionHeader::IsMore() const
{
    return (m_flags & DD_FLAG_M) != 0;
}

bool
DatabaseDescriptionHeader::IsMaster() const
{
    return (m_flags & DD_FLAG_MS) != 0;
}

void
DatabaseDescriptionHeader::SetSequenceNumber(uint32_t sequence)
{
    m_sequence = sequence;
}

uint32_t
DatabaseDescriptionHeader::GetSequenceNumber() const
{
    return m_sequence;
}

void
DatabaseDescriptionHeader::SetLsaHeaders(const std::vector<LsaHeader>& headers)
{
    m_headers = headers;
}

const std::vector<LsaHeader>&
DatabaseDescriptionHeader::GetLsaHeaders() const
{
    return m_headers;
}

bool
DatabaseDescriptionHeader::IsValid() const
{
    return m_error == OK;
}

DatabaseDescriptionHeader::Error
DatabaseDescriptionHeader::GetError() const
{
    return m_error;
}

TypeId
DatabaseDescriptionHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
DatabaseDescriptionHeader::GetSerializedSize() const
{
    return FIXED_SIZE + LsaHeader::SIZE * static_cast<uint32_t>(m_headers.size());
}

void
DatabaseDescriptionHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteHtonU16(m_mtu);
    start.WriteU8(m_options);
    start.WriteU8(m_flags);
    start.WriteHtonU32(m_sequence);
    for (const LsaHeader& header : m_headers)
    {
        header.Serialize(start);
        start.Next(LsaHeader::SIZE);
    }
}

uint32_t
DatabaseDescriptionHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator end = start;
    end.Next(start.GetRemainingSize());
    return Deserialize(start, end);
}

uint32_t
DatabaseDescriptionHeader::Deserialize(Buffer::Iterator start, Buffer::Iterator end)
{
    *this = DatabaseDescriptionHeader();
    const uint32_t available = end.GetDistanceFrom(start);
    if (available < FIXED_SIZE)
    {
        m_error = TRUNCATED;
        return 0;
    }
    m_mtu = start.ReadNtohU16();
    m_options = start.ReadU8();
    m_flags = start.ReadU8();
    m_sequence = start.ReadNtohU32();
    const uint32_t rest = available - FIXED_SIZE;
    for (uint32_t i = 0; i < rest / LsaHeader::SIZE; ++i)
    {
        LsaHeader header;
        header.Deserialize(start, end);
        start.Next(LsaHeader::SIZE);
        m_headers.push_back(header);
    }
    if (rest % LsaHeader::SIZE != 0)
    {
        NS_LOG_LOGIC("Database Description LSA headers of " << rest << " octets");
        m_error = BAD_LENGTH;
    }
    return FIXED_SIZE + LsaHeader::SIZE * (rest / LsaHeader::SIZE);
}

void
DatabaseDescriptionHeader::Print(std::ostream& os) const
{
    os << "Database Description mtu " << m_mtu << " options 0x" << std::hex
       << static_cast<int>(m_options) << std::dec << " flags" << (IsInit() ? " I" : "")
       << (IsMore() ? " M" : "") << (IsMaster() ? " MS" : "") << " seq " << m_sequence << " "
       << m_headers.size() << " LSA headers";
    if (m_error != OK)
    {
        os << " (malformed)";
    }
}

bool
DatabaseDescriptionHeader::operator==(const DatabaseDescriptionHeader& other) const
{
    return m_mtu == other.m_mtu && m_options == other.m_options && m_flags == other.m_flags &&
           m_sequence == other.m_sequence && m_headers == other.m_headers &&
           m_error == other.m_error;
}

bool
DatabaseDescriptionHeader::operator!=(const DatabaseDescriptionHeader& other) const
{
    return !(*this == other);
}

} // namespace ospf
} // namespace ns3
