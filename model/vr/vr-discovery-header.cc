// SPDX-License-Identifier: GPL-2.0-only
#include "vr-discovery-header.h"

#include "ns3/assert.h"
#include "ns3/ipvpn-tlv-walk.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("VrDiscoveryHeader");

namespace vr
{

NS_OBJECT_ENSURE_REGISTERED(DiscoveryHeader);

namespace
{
/// Value sizes of the known TLVs.
constexpr uint8_t VPN_ID_LENGTH = VpnId::SIZE;
constexpr uint8_t IPV4_LENGTH = 4;
} // namespace

std::string
TypeName(uint8_t type)
{
    switch (type)
    {
    case ADDITION:
        return "Addition";
    case ADDITION_ACK:
        return "AdditionAck";
    case MONITOR:
        return "Monitor";
    case MONITOR_REPLY:
        return "MonitorReply";
    default:
        return "Type " + std::to_string(type);
    }
}

std::string
DiscoveryHeader::ErrorName(Error error)
{
    switch (error)
    {
    case OK:
        return "OK";
    case TRUNCATED:
        return "TRUNCATED";
    case BAD_VERSION:
        return "BAD_VERSION";
    case BAD_TYPE:
        return "BAD_TYPE";
    case BAD_LENGTH:
        return "BAD_LENGTH";
    case BAD_TLV:
        return "BAD_TLV";
    case MISSING_FIELD:
        return "MISSING_FIELD";
    case DUPLICATE_TLV:
        return "DUPLICATE_TLV";
    }
    return "Error " + std::to_string(static_cast<int>(error));
}

TypeId
DiscoveryHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::vr::DiscoveryHeader")
                            .SetParent<Header>()
                            .SetGroupName("Vr")
                            .AddConstructor<DiscoveryHeader>();
    return tid;
}

DiscoveryHeader::DiscoveryHeader()
    : m_version(DISCOVERY_VERSION)
    , m_type(ADDITION)
    , m_sequence(0)
    , m_routerId(Ipv4Address::GetAny())
    , m_portAddress(Ipv4Address::GetAny())
    , m_hasPortAddress(false)
    , m_unknownTlvs(0)
    , m_error(OK)
{
}

void
DiscoveryHeader::SetType(uint8_t type)
{
    m_type = type;
}

uint8_t
DiscoveryHeader::GetType() const
{
    return m_type;
}

uint8_t
DiscoveryHeader::GetVersion() const
{
    return m_version;
}

void
DiscoveryHeader::SetSequence(uint32_t sequence)
{
    m_sequence = sequence;
}

uint32_t
DiscoveryHeader::GetSequence() const
{
    return m_sequence;
}

void
DiscoveryHeader::SetVpnId(VpnId vpnId)
{
    m_vpnId = vpnId;
}

VpnId
DiscoveryHeader::GetVpnId() const
{
    return m_vpnId;
}

void
DiscoveryHeader::SetRouterId(Ipv4Address routerId)
{
    m_routerId = routerId;
}

Ipv4Address
DiscoveryHeader::GetRouterId() const
{
    return m_routerId;
}

void
DiscoveryHeader::SetPortAddress(Ipv4Address address)
{
    m_portAddress = address;
    m_hasPortAddress = true;
}

Ipv4Address
DiscoveryHeader::GetPortAddress() const
{
    return m_portAddress;
}

bool
DiscoveryHeader::HasPortAddress() const
{
    return m_hasPortAddress;
}

uint32_t
DiscoveryHeader::GetUnknownTlvCount() const
{
    return m_unknownTlvs;
}

bool
DiscoveryHeader::IsValid() const
{
    return m_error == OK;
}

DiscoveryHeader::Error
DiscoveryHeader::GetError() const
{
    return m_error;
}

bool
DiscoveryHeader::NeedsPortAddress() const
{
    // S1 and S14 carry the VR port's IP address; a monitoring message only
    // has to name the VPN and the router (S31).
    return m_type == ADDITION || m_type == ADDITION_ACK;
}

TypeId
DiscoveryHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

uint32_t
DiscoveryHeader::GetSerializedSize() const
{
    uint32_t size = FIXED_SIZE + TLV_HEADER_SIZE + VPN_ID_LENGTH + TLV_HEADER_SIZE + IPV4_LENGTH;
    if (NeedsPortAddress() || m_hasPortAddress)
    {
        size += TLV_HEADER_SIZE + IPV4_LENGTH;
    }
    return size;
}

void
DiscoveryHeader::Serialize(Buffer::Iterator start) const
{
    const uint32_t size = GetSerializedSize();
    start.WriteU8(m_version);
    start.WriteU8(m_type);
    start.WriteHtonU16(static_cast<uint16_t>(size));
    start.WriteHtonU32(m_sequence);
    start.WriteU8(TLV_VPN_ID);
    start.WriteU8(VPN_ID_LENGTH);
    m_vpnId.Serialize(start);
    start.Next(VPN_ID_LENGTH);
    start.WriteU8(TLV_ROUTER_ID);
    start.WriteU8(IPV4_LENGTH);
    start.WriteHtonU32(m_routerId.Get());
    if (NeedsPortAddress() || m_hasPortAddress)
    {
        start.WriteU8(TLV_PORT_ADDRESS);
        start.WriteU8(IPV4_LENGTH);
        start.WriteHtonU32(m_portAddress.Get());
    }
}

uint32_t
DiscoveryHeader::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator end = start;
    end.Next(start.GetRemainingSize());
    return Deserialize(start, end);
}

uint32_t
DiscoveryHeader::Deserialize(Buffer::Iterator start, Buffer::Iterator end)
{
    *this = DiscoveryHeader();
    const uint32_t available = end.GetDistanceFrom(start);
    if (available < FIXED_SIZE)
    {
        NS_LOG_LOGIC("discovery message of " << available << " octets");
        m_error = TRUNCATED;
        return 0;
    }
    m_version = start.ReadU8();
    m_type = start.ReadU8();
    const uint16_t length = start.ReadNtohU16();
    m_sequence = start.ReadNtohU32();
    if (m_version != DISCOVERY_VERSION)
    {
        NS_LOG_LOGIC("discovery version " << +m_version);
        m_error = BAD_VERSION;
        return FIXED_SIZE;
    }
    if (length != available)
    {
        NS_LOG_LOGIC("discovery Length " << length << " on " << available << " octets");
        m_error = BAD_LENGTH;
        return FIXED_SIZE;
    }
    if (m_type < ADDITION || m_type > MONITOR_REPLY)
    {
        NS_LOG_LOGIC("discovery message type " << +m_type);
        m_error = BAD_TYPE;
        return FIXED_SIZE;
    }
    return FIXED_SIZE + DeserializeTlvs(start, length - FIXED_SIZE);
}

uint32_t
DiscoveryHeader::DeserializeTlvs(Buffer::Iterator& i, uint32_t length)
{
    bool hasVpnId = false;
    bool hasRouterId = false;
    auto seenFlag = [&](uint8_t type) -> bool* {
        return type == TLV_VPN_ID ? &hasVpnId : type == TLV_ROUTER_ID ? &hasRouterId
                                                                      : &m_hasPortAddress;
    };
    const TlvWalk walk = WalkTlvs(
        i,
        length,
        BAD_TLV,
        [&](uint8_t type, uint8_t valueLength) {
            if (type != TLV_VPN_ID && type != TLV_ROUTER_ID && type != TLV_PORT_ADDRESS)
            {
                return TLV_SKIP;
            }
            const uint8_t expected = type == TLV_VPN_ID ? VPN_ID_LENGTH : IPV4_LENGTH;
            if (valueLength != expected)
            {
                return static_cast<int>(BAD_TLV);
            }
            return *seenFlag(type) ? static_cast<int>(DUPLICATE_TLV) : 0;
        },
        [&](uint8_t type, uint8_t, Buffer::Iterator value) {
            *seenFlag(type) = true;
            switch (type)
            {
            case TLV_VPN_ID:
                m_vpnId.Deserialize(value);
                break;
            case TLV_ROUTER_ID:
                m_routerId = Ipv4Address(value.ReadNtohU32());
                break;
            default:
                m_portAddress = Ipv4Address(value.ReadNtohU32());
                break;
            }
            return 0;
        });
    m_unknownTlvs = walk.skipped;
    if (walk.error != 0)
    {
        m_error = static_cast<Error>(walk.error);
        return walk.consumed;
    }
    if (!hasVpnId || !hasRouterId || (NeedsPortAddress() && !m_hasPortAddress))
    {
        NS_LOG_LOGIC(TypeName(m_type) << " without VPN-ID, router ID or port address");
        m_error = MISSING_FIELD;
    }
    return length;
}

void
DiscoveryHeader::Print(std::ostream& os) const
{
    os << TypeName(m_type) << " seq=" << m_sequence << " vpn=" << m_vpnId
       << " router=" << m_routerId;
    if (NeedsPortAddress() || m_hasPortAddress)
    {
        os << " port=" << m_portAddress;
    }
    if (m_unknownTlvs > 0)
    {
        os << " unknown-tlvs=" << m_unknownTlvs;
    }
    if (m_error != OK)
    {
        os << " (malformed: " << ErrorName(m_error) << ")";
    }
}

bool
DiscoveryHeader::operator==(const DiscoveryHeader& other) const
{
    return m_version == other.m_version && m_type == other.m_type &&
           m_sequence == other.m_sequence && m_vpnId == other.m_vpnId &&
           m_routerId == other.m_routerId && m_portAddress == other.m_portAddress &&
           (NeedsPortAddress() || m_hasPortAddress) ==
               (other.NeedsPortAddress() || other.m_hasPortAddress) &&
           m_unknownTlvs == other.m_unknownTlvs && m_error == other.m_error;
}

bool
DiscoveryHeader::operator!=(const DiscoveryHeader& other) const
{
    return !(*this == other);
}

} // namespace vr
} // namespace ns3
