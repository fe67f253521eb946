// SPDX-License-Identifier: GPL-2.0-only
#include "ospf-lsa-header.h"

#include "ns3/ipvpn-byte-order.h"
#include "ns3/log.h"

#include <iomanip>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("OspfLsaHeader");

namespace ospf
{

NS_OBJECT_ENSURE_REGISTERED(LsaHeader);

const char*
LsTypeName(uint8_t type)
{
    switch (type)
    {
    case LS_ROUTER:
        return "Router-LSA";
    case LS_NETWORK:
        return "Network-LSA";
    case LS_SUMMARY_NETWORK:
        return "Summary-LSA (IP network)";
    case LS_SUMMARY_ASBR:
        return "Summary-LSA (ASBR)";
    case LS_AS_EXTERNAL:
        return "AS-external-LSA";
    case LS_OPAQUE_LINK:
        return "Opaque-LSA (link-local)";
    case LS_OPAQUE_AREA:
        return "Opaque-LSA (area-local)";
    case LS_OPAQUE_AS:
        return "Opaque-LSA (AS)";
    default:
        return "LS type";
    }
}

std::size_t
LsaKeyHash::operator()(const LsaKey& key) const
{
    const uint64_t ids =
        (static_cast<uint64_t>(key.linkStateId.Get()) << 32) | key.advertisingRouter.Get();
    // Fibonacci hashing spreads the router IDs' low bits over the word.
    return static_cast<std::size_t>((ids ^ key.type) * 0x9E3779B97F4A7C15ULL >> 16);
}

std::ostream&
operator<<(std::ostream& os, const LsaKey& key)
{
    return os << "type " << static_cast<int>(key.type) << " id " << key.linkStateId << " adv "
              << key.advertisingRouter;
}

TypeId
LsaHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ospf::LsaHeader")
                            .SetParent<Header>()
                            .SetGroupName("Ospf")
                            .AddConstructor<LsaHeader>();
    return tid;
}

LsaHeader::LsaHeader()
    : m_age(0),
      m_options(OPTION_E),
      m_type(LS_ROUTER),
      m_sequence(INITIAL_SEQUENCE_NUMBER),
      m_checksum(0),
      m_length(SIZE),
      m_valid(true)
{
}

void
LsaHeader::SetAge(uint16_t seconds)
{
    m_age = seconds;
}

uint16_t
LsaHeader::GetAge() const
{
    return m_age;
}

void
LsaHeader::SetOptions(uint8_t options)
{
    m_options = options;
}

uint8_t
LsaHeader::GetOptions() const
{
    return m_options;
}

void
LsaHeader::SetType(uint8_t type)
{
    m_type = type;
}

uint8_t
LsaHeader::GetType() const
{
    return m_type;
}

void
LsaHeader::SetLinkStateId(Ipv4Address id)
{
    m_linkStateId = id;
}

Ipv4Address
LsaHeader::GetLinkStateId() const
{
    return m_linkStateId;
}

void
LsaHeader::SetAdvertisingRouter(Ipv4Address router)
{
    m_advertisingRouter = router;
}

Ipv4Address
LsaHeader::GetAdvertisingRouter() const
{
    return m_advertisingRouter;
}

void
LsaHeader::SetSequenceNumber(int32_t sequence)
{
    m_sequence = sequence;
}

int32_t
LsaHeader::GetSequenceNumber() const
{
    return m_sequence;
}

void
LsaHeader::SetChecksum(uint16_t checksum)
{
    m_checksum = checksum;
}

uint16_t
LsaHeader::GetChecksum() const
{
    return m_checksum;
}

void
LsaHeader::SetLength(uint16_t length)
{
    m_length = length;
}

uint16_t
LsaHeader::GetLength() const
{
    return m_length;
}

LsaKey
LsaHeader::GetKey() const
{
    return LsaKey{m_type, m_linkStateId, m_advertisingRouter};
}

bool
LsaHeader::IsValid() const
{
    return m_valid;
}

TypeId
LsaHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
LsaHeader::GetSerializedSize() const
{
    return SIZE;
}

void
LsaHeader::Serialize(Buffer::Iterator start) const
{
    uint8_t octets[SIZE];
    Write(octets);
    start.Write(octets, SIZE);
}

void
LsaHeader::Write(uint8_t* out) const
{
    byteorder::WriteBe16(out, m_age);
    out[2] = m_options;
    out[3] = m_type;
    byteorder::WriteBe32(out + 4, m_linkStateId.Get());
    byteorder::WriteBe32(out + 8, m_advertisingRouter.Get());
    byteorder::WriteBe32(out + 12, static_cast<uint32_t>(m_sequence));
    byteorder::WriteBe16(out + 16, m_checksum);
    byteorder::WriteBe16(out + 18, m_length);
}

uint32_t
LsaHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator end = start;
    end.Next(start.GetRemainingSize());
    return Deserialize(start, end);
}

uint32_t
LsaHeader::Deserialize(Buffer::Iterator start, Buffer::Iterator end)
{
    *this = LsaHeader();
    if (end.GetDistanceFrom(start) < SIZE)
    {
        m_valid = false;
        return 0;
    }
    uint8_t octets[SIZE];
    start.Read(octets, SIZE);
    Read(octets);
    return SIZE;
}

void
LsaHeader::Read(const uint8_t* in)
{
    m_age = byteorder::ReadBe16(in);
    m_options = in[2];
    m_type = in[3];
    m_linkStateId = Ipv4Address(byteorder::ReadBe32(in + 4));
    m_advertisingRouter = Ipv4Address(byteorder::ReadBe32(in + 8));
    m_sequence = static_cast<int32_t>(byteorder::ReadBe32(in + 12));
    m_checksum = byteorder::ReadBe16(in + 16);
    m_length = byteorder::ReadBe16(in + 18);
}

void
LsaHeader::Print(std::ostream& os) const
{
    os << LsTypeName(m_type);
    if (m_type < LS_ROUTER || (m_type > LS_AS_EXTERNAL && m_type < LS_OPAQUE_LINK) ||
        m_type > LS_OPAQUE_AS)
    {
        os << " " << static_cast<int>(m_type);
    }
    os << " id " << m_linkStateId << " adv " << m_advertisingRouter << " seq 0x" << std::hex
       << std::setw(8) << std::setfill('0') << static_cast<uint32_t>(m_sequence) << " cksum 0x"
       << std::setw(4) << m_checksum << std::dec << std::setfill(' ') << " age " << m_age
       << " len " << m_length;
}

bool
LsaHeader::operator==(const LsaHeader& other) const
{
    return m_age == other.m_age && m_options == other.m_options && m_type == other.m_type &&
           m_linkStateId == other.m_linkStateId &&
           m_advertisingRouter == other.m_advertisingRouter && m_sequence == other.m_sequence &&
           m_checksum == other.m_checksum && m_length == other.m_length;
}

bool
LsaHeader::operator!=(const LsaHeader& other) const
{
    return !(*this == other);
}

} // namespace ospf
} // namespace ns3
