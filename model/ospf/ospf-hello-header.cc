// SPDX-License-Identifier: GPL-2.0-only
#include "ospf-hello-header.h"

#include "ospf-lsa-header.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("OspfHelloHeader");

namespace ospf
{

NS_OBJECT_ENSURE_REGISTERED(HelloHeader);

TypeId
HelloHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::ospf::HelloHeader")
                            .SetParent<Header>()
                            .SetGroupName("Ospf")
                            .AddConstructor<HelloHeader>();
    return tid;
}

// Defaults: the RFC's example values (appendix C.3: HelloInterval 10 s,
// RouterDeadInterval 40 s, Router Priority 1) and the E-bit of area 0.
HelloHeader::HelloHeader()
    : m_networkMask(Ipv4Mask::GetZero())
    , m_helloInterval(10)
    , m_options(OPTION_E)
    , m_priority(1)
    , m_deadInterval(40)
    , m_error(OK)
{
}

void
HelloHeader::SetNetworkMask(Ipv4Mask mask)
{
    m_networkMask = mask;
}

Ipv4Mask
HelloHeader::GetNetworkMask() const
{
    return m_networkMask;
}

void
HelloHeader::SetHelloInterval(uint16_t seconds)
{
    m_helloInterval = seconds;
}

uint16_t
HelloHeader::GetHelloInterval() const
{
    return m_helloInterval;
}

void
HelloHeader::SetOptions(uint8_t options)
{
    m_options = options;
}

uint8_t
HelloHeader::GetOptions() const
{
    return m_options;
}

void
HelloHeader::SetRouterPriority(uint8_t priority)
{
    m_priority = priority;
}

uint8_t
HelloHeader::GetRouterPriority() const
{
    return m_priority;
}

void
HelloHeader::SetRouterDeadInterval(uint32_t seconds)
{
    m_deadInterval = seconds;
}

uint32_t
HelloHeader::GetRouterDeadInterval() const
{
    return m_deadInterval;
}

void
HelloHeader::SetDesignatedRouter(Ipv4Address address)
{
    m_designatedRouter = address;
}

Ipv4Address
HelloHeader::GetDesignatedRouter() const
{
    return m_designatedRouter;
}

void
HelloHeader::SetBackupDesignatedRouter(Ipv4Address address)
{
    m_backupDesignatedRouter = address;
}

Ipv4Address
HelloHeader::GetBackupDesignatedRouter() const
{
    return m_backupDesignatedRouter;
}

void
HelloHeader::SetNeighbors(const std::vector<Ipv4Address>& neighbors)
{
    m_neighbors = neighbors;
}

const std::vector<Ipv4Address>&
HelloHeader::GetNeighbors() const
{
    return m_neighbors;
}

bool
HelloHeader::IsValid() const
{
    return m_error == OK;
}

HelloHeader::Error
HelloHeader::GetError() const
{
    return m_error;
}

TypeId
HelloHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
HelloHeader::GetSerializedSize() const
{
    return FIXED_SIZE + 4 * static_cast<uint32_t>(m_neighbors.size());
}

void
HelloHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteHtonU32(m_networkMask.Get());
    start.WriteHtonU16(m_helloInterval);
    start.WriteU8(m_options);
    start.WriteU8(m_priority);
    start.WriteHtonU32(m_deadInterval);
    start.WriteHtonU32(m_designatedRouter.Get());
    start.WriteHtonU32(m_backupDesignatedRouter.Get());
    for (const Ipv4Address& neighbor : m_neighbors)
    {
        start.WriteHtonU32(neighbor.Get());
    }
}

uint32_t
HelloHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator end = start;
    end.Next(start.GetRemainingSize());
    return Deserialize(start, end);
}

uint32_t
HelloHeader::Deserialize(Buffer::Iterator start, Buffer::Iterator end)
{
    *this = HelloHeader();
    const uint32_t available = end.GetDistanceFrom(start);
    if (available < FIXED_SIZE)
    {
        m_error = TRUNCATED;
        return 0;
    }
    m_networkMask = Ipv4Mask(start.ReadNtohU32());
    m_helloInterval = start.ReadNtohU16();
    m_options = start.ReadU8();
    m_priority = start.ReadU8();
    m_deadInterval = start.ReadNtohU32();
    m_designatedRouter = Ipv4Address(start.ReadNtohU32());
    m_backupDesignatedRouter = Ipv4Address(start.ReadNtohU32());
    const uint32_t rest = available - FIXED_SIZE;
    for (uint32_t i = 0; i < rest / 4; ++i)
    {
        m_neighbors.emplace_back(start.ReadNtohU32());
    }
    if (rest % 4 != 0)
    {
        NS_LOG_LOGIC("Hello neighbor list of " << rest << " octets");
        m_error = BAD_LENGTH;
    }
    return FIXED_SIZE + 4 * (rest / 4);
}

void
HelloHeader::Print(std::ostream& os) const
{
    os << "Hello mask " << m_networkMask << " hello " << m_helloInterval << " dead "
       << m_deadInterval << " pri " << static_cast<int>(m_priority) << " options 0x" << std::hex
       << static_cast<int>(m_options) << std::dec << " dr " << m_designatedRouter << " bdr "
       << m_backupDesignatedRouter << " neighbors";
    for (const Ipv4Address& neighbor : m_neighbors)
    {
        os << " " << neighbor;
    }
    if (m_error != OK)
    {
        os << " (malformed)";
    }
}

bool
HelloHeader::operator==(const HelloHeader& other) const
{
    return m_networkMask == other.m_networkMask && m_helloInterval == other.m_helloInterval &&
           m_options == other.m_options && m_priority == other.m_priority &&
           m_deadInterval == other.m_deadInterval &&
           m_designatedRouter == other.m_designatedRouter &&
           m_backupDesignatedRouter == other.m_backupDesignatedRouter &&
           m_neighbors == other.m_neighbors && m_error == other.m_error;
}

bool
HelloHeader::operator!=(const HelloHeader& other) const
{
    return !(*this == other);
}

} // namespace ospf
} // namespace ns3
