// SPDX-License-Identifier: GPL-2.0-only
#include "ospf-link-state-update-header.h"

#include "ospf-lsa-checksum.h"
#include "ospf-lsa-instance-cache.h"

#include "ns3/ipvpn-byte-order.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("OspfLinkStateUpdateHeader");

namespace ospf
{

NS_OBJECT_ENSURE_REGISTERED(LinkStateUpdateHeader);

namespace
{
constexpr uint32_t COUNT_SIZE = 4; ///< # LSAs
} // namespace

TypeId
LinkStateUpdateHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ospf::LinkStateUpdateHeader")
                            .SetParent<Header>()
                            .SetGroupName("Ospf")
                            .AddConstructor<LinkStateUpdateHeader>();
    return tid;
}

LinkStateUpdateHeader::LinkStateUpdateHeader()
    : m_count(0)
    , m_error(OK)
{
}

void
LinkStateUpdateHeader::SetLsas(const std::vector<Lsa>& lsas)
{
    m_lsas.clear();
    m_checksumValid.clear();
    for (const Lsa& lsa : lsas)
    {
        AddLsa(lsa);
    }
}

void
LinkStateUpdateHeader::AddLsa(const Lsa& lsa)
{
    AddLsa(std::make_shared<const Lsa>(lsa), lsa.header.GetAge());
}

void
LinkStateUpdateHeader::AddLsa(std::shared_ptr<const Lsa> lsa, uint16_t age)
{
    m_lsas.push_back(Item{std::move(lsa), age});
    m_count = static_cast<uint32_t>(m_lsas.size());
}

std::vector<Lsa>
LinkStateUpdateHeader::GetLsas() const
{
    std::vector<Lsa> lsas;
    lsas.reserve(m_lsas.size());
    for (const Item& item : m_lsas)
    {
        lsas.push_back(*item.lsa);
        lsas.back().header.SetAge(item.age);
    }
    return lsas;
}

const std::vector<LinkStateUpdateHeader::Item>&
LinkStateUpdateHeader::GetItems() const
{
    return m_lsas;
}

bool
LinkStateUpdateHeader::IsChecksumValid(size_t i) const
{
    if (i < m_checksumValid.size())
    {
        return m_checksumValid[i];
    }
    // The age is outside the checksum (12.1.7).
    const std::vector<uint8_t> bytes = m_lsas.at(i).lsa->ToBytes();
    return IsLsaChecksumValid(bytes.data(), bytes.size());
}

uint32_t
LinkStateUpdateHeader::GetLsaCount() const
{
    return m_count;
}

bool
LinkStateUpdateHeader::IsValid() const
{
    return m_error == OK;
}

LinkStateUpdateHeader::Error
LinkStateUpdateHeader::GetError() const
{
    return m_error;
}

TypeId
LinkStateUpdateHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
LinkStateUpdateHeader::GetSerializedSize() const
{
    uint32_t size = COUNT_SIZE;
    for (const Item& item : m_lsas)
    {
        size += static_cast<uint32_t>(item.lsa->GetEncodedSize());
    }
    return size;
}

void
LinkStateUpdateHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteHtonU32(static_cast<uint32_t>(m_lsas.size()));
    std::vector<uint8_t> bytes;
    for (const Item& item : m_lsas)
    {
        bytes.clear();
        item.lsa->AppendBytes(bytes);
        // LS age, the first two octets (A.4.1).
        bytes[0] = static_cast<uint8_t>(item.age >> 8);
        bytes[1] = static_cast<uint8_t>(item.age);
        start.Write(bytes.data(), bytes.size());
    }
}

uint32_t
LinkStateUpdateHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator end = start;
    end.Next(start.GetRemainingSize());
    return Deserialize(start, end);
}

uint32_t
LinkStateUpdateHeader::Deserialize(Buffer::Iterator start, Buffer::Iterator end)
{
    std::vector<uint8_t> bytes(end.GetDistanceFrom(start));
    start.Read(bytes.data(), bytes.size());
    return Decode(bytes.data(), bytes.size());
}

uint32_t
LinkStateUpdateHeader::Decode(const uint8_t* data, size_t available)
{
    *this = LinkStateUpdateHeader();
    if (available < COUNT_SIZE)
    {
        m_error = TRUNCATED;
        return 0;
    }
    m_count = byteorder::ReadBe32(data);
    const uint8_t* octets = data + COUNT_SIZE;
    const size_t size = available - COUNT_SIZE;
    size_t at = 0;
    // The count is not trusted for anything but the loop bound: every LSA
    // must come out of the octets at hand.
    for (uint32_t i = 0; i < m_count; ++i)
    {
        std::optional<LsaInstanceCache::Decoded> lsa =
            LsaInstanceCache::Decode(octets + at, size - at);
        if (!lsa)
        {
            NS_LOG_LOGIC("LSA " << i << " of " << m_count << " malformed at offset " << at);
            m_error = BAD_LSA;
            return COUNT_SIZE + static_cast<uint32_t>(at);
        }
        m_checksumValid.push_back(lsa->checksumValid);
        at += lsa->lsa->header.GetLength();
        m_lsas.push_back(Item{std::move(lsa->lsa), lsa->age});
    }
    if (at != size)
    {
        NS_LOG_LOGIC((size - at) << " octets after the last LSA");
        m_error = BAD_LENGTH;
    }
    return COUNT_SIZE + static_cast<uint32_t>(at);
}

void
LinkStateUpdateHeader::Print(std::ostream& os) const
{
    os << "Link State Update " << m_count << " LSAs";
    for (const Item& item : m_lsas)
    {
        LsaHeader header = item.lsa->header;
        header.SetAge(item.age);
        os << " [";
        header.Print(os);
        os << "]";
    }
    if (m_error != OK)
    {
        os << " (malformed)";
    }
}

bool
LinkStateUpdateHeader::operator==(const LinkStateUpdateHeader& other) const
{
    return GetLsas() == other.GetLsas() && m_count == other.m_count && m_error == other.m_error;
}

bool
LinkStateUpdateHeader::operator!=(const LinkStateUpdateHeader& other) const
{
    return !(*this == other);
}

} // namespace ospf
} // namespace ns3
