// SPDX-License-Identifier: GPL-2.0-only
#include "l2tp-packet-header.h"

#include "ns3/buffer.h"
#include "ns3/log.h"

#include <algorithm>
#include <limits>

namespace ns3
{
namespace l2tp
{

NS_LOG_COMPONENT_DEFINE("L2tpPacketHeader");

namespace
{
// First octet pair of the header (RFC 2661 3.1); the x bits are reserved:
// sent as 0, ignored on receipt.
constexpr uint16_t FLAG_TYPE = 0x8000;
constexpr uint16_t FLAG_LENGTH = 0x4000;
constexpr uint16_t FLAG_SEQUENCE = 0x0800;
constexpr uint16_t FLAG_OFFSET = 0x0200;
constexpr uint16_t FLAG_PRIORITY = 0x0100;
constexpr uint16_t VERSION_MASK = 0x000f;
constexpr uint32_t MAX_MESSAGE = std::numeric_limits<uint16_t>::max();
} // namespace

PacketHeader::PacketHeader()
    : m_control(false)
    , m_lengthPresent(false)
    , m_sequencePresent(false)
    , m_offsetPresent(false)
    , m_priority(false)
    , m_version(VERSION)
    , m_tunnelId(0)
    , m_sessionId(0)
    , m_ns(0)
    , m_nr(0)
    , m_offsetSize(0)
    , m_payloadSize(0)
    , m_error(NONE)
{
}

PacketHeader
PacketHeader::MakeControl(uint16_t tunnelId, uint16_t sessionId, uint16_t ns, uint16_t nr)
{
    PacketHeader header;
    header.m_control = true;
    header.m_lengthPresent = true;
    header.m_sequencePresent = true;
    header.m_tunnelId = tunnelId;
    header.m_sessionId = sessionId;
    header.m_ns = ns;
    header.m_nr = nr;
    return header;
}

PacketHeader
PacketHeader::MakeData(uint16_t tunnelId, uint16_t sessionId)
{
    PacketHeader header;
    header.m_tunnelId = tunnelId;
    header.m_sessionId = sessionId;
    return header;
}

TypeId
PacketHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::l2tp::PacketHeader")
                            .SetParent<Header>()
                            .SetGroupName("L2tp")
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
    os << "L2TP " << (m_control ? "control" : "data") << " ver=" << +m_version
       << " tunnel=" << m_tunnelId << " session=" << m_sessionId;
    if (m_lengthPresent)
    {
        os << " len=" << GetLength();
    }
    if (m_sequencePresent)
    {
        os << " Ns=" << m_ns << " Nr=" << m_nr;
    }
    if (m_offsetPresent)
    {
        os << " offset=" << m_offsetSize;
    }
    if (m_priority)
    {
        os << " P";
    }
    if (m_control)
    {
        uint16_t type = 0;
        if (IsZlb())
        {
            os << " ZLB";
        }
        else if (GetMessageType(type))
        {
            os << " " << MessageTypeName(type);
        }
        for (const Avp& avp : m_avps)
        {
            os << " {";
            avp.Print(os);
            os << "}";
        }
    }
    if (!IsValid())
    {
        os << " [malformed, error " << m_error << "]";
    }
}

uint32_t
PacketHeader::GetHeaderSize() const
{
    uint32_t size = 6; // flags/version, Tunnel ID, Session ID
    size += m_lengthPresent ? 2 : 0;
    size += m_sequencePresent ? 4 : 0;
    size += m_offsetPresent ? 2 + m_offsetSize : 0;
    return size;
}

uint32_t
PacketHeader::GetSerializedSize() const
{
    uint32_t size = GetHeaderSize();
    if (m_control)
    {
        for (const Avp& avp : m_avps)
        {
            size += avp.GetSerializedSize();
        }
    }
    return size;
}

void
PacketHeader::Serialize(Buffer::Iterator start) const
{
    uint16_t word = m_version & VERSION_MASK;
    word |= m_control ? FLAG_TYPE : 0;
    word |= m_lengthPresent ? FLAG_LENGTH : 0;
    word |= m_sequencePresent ? FLAG_SEQUENCE : 0;
    word |= m_offsetPresent ? FLAG_OFFSET : 0;
    word |= m_priority ? FLAG_PRIORITY : 0;
    start.WriteHtonU16(word);
    if (m_lengthPresent)
    {
        start.WriteHtonU16(GetLength());
    }
    start.WriteHtonU16(m_tunnelId);
    start.WriteHtonU16(m_sessionId);
    if (m_sequencePresent)
    {
        start.WriteHtonU16(m_ns);
        start.WriteHtonU16(m_nr);
    }
    if (m_offsetPresent)
    {
        start.WriteHtonU16(m_offsetSize);
        start.WriteU8(0, m_offsetSize);
    }
    if (m_control)
    {
        for (const Avp& avp : m_avps)
        {
            avp.Serialize(start);
            start.Next(avp.GetSerializedSize());
        }
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
    *this = PacketHeader();
    if (available < 2)
    {
        m_error = TRUNCATED;
        return available;
    }
    Buffer::Iterator i = start;
    const uint16_t word = i.ReadNtohU16();
    m_control = (word & FLAG_TYPE) != 0;
    m_lengthPresent = (word & FLAG_LENGTH) != 0;
    m_sequencePresent = (word & FLAG_SEQUENCE) != 0;
    m_offsetPresent = (word & FLAG_OFFSET) != 0;
    m_priority = (word & FLAG_PRIORITY) != 0;
    m_version = word & VERSION_MASK;
    // 3.1: "Packets received with an unknown Ver field MUST be discarded."
    if (m_version != VERSION)
    {
        NS_LOG_LOGIC("version " << +m_version << " is not L2TPv2");
        m_error = BAD_VERSION;
        return 2;
    }
    // 3.1: control messages have L=1 and S=1, and O=0 and P=0.
    if (m_control && (!m_lengthPresent || !m_sequencePresent || m_offsetPresent || m_priority))
    {
        NS_LOG_LOGIC("control message with flags word " << word);
        m_error = BAD_CONTROL_FLAGS;
        return 2;
    }
    uint32_t headerSize = GetHeaderSize(); // Offset pad not counted yet
    if (available < headerSize)
    {
        m_error = TRUNCATED;
        return available;
    }
    uint16_t length = 0;
    if (m_lengthPresent)
    {
        length = i.ReadNtohU16();
    }
    m_tunnelId = i.ReadNtohU16();
    m_sessionId = i.ReadNtohU16();
    if (m_sequencePresent)
    {
        m_ns = i.ReadNtohU16();
        m_nr = i.ReadNtohU16();
    }
    if (m_offsetPresent)
    {
        m_offsetSize = i.ReadNtohU16();
        headerSize += m_offsetSize;
        if (available < headerSize)
        {
            m_error = TRUNCATED;
            return available;
        }
        i.Next(m_offsetSize); // the pad's content is undefined (3.1)
    }
    if (m_lengthPresent && (length < headerSize || length > available))
    {
        NS_LOG_LOGIC("Length field " << length << " outside [" << headerSize << ", " << available
                                     << "]");
        m_error = BAD_LENGTH;
        return headerSize;
    }
    const uint32_t messageEnd = m_lengthPresent ? length : std::min(available, MAX_MESSAGE);
    if (!m_control)
    {
        m_payloadSize = static_cast<uint16_t>(messageEnd - headerSize);
        m_error = NONE;
        return headerSize;
    }
    // The AVPs of a control message fill the rest of Length (4.1).
    Buffer::Iterator avpEnd = start;
    avpEnd.Next(messageEnd);
    uint32_t offset = headerSize;
    while (offset < messageEnd)
    {
        Avp avp;
        const uint32_t used = avp.Deserialize(i, avpEnd);
        if (!avp.IsValid())
        {
            m_error = BAD_AVP;
            return std::min(offset + used, messageEnd);
        }
        m_avps.push_back(avp);
        i.Next(used);
        offset += used;
    }
    // 4.4.1: the Message Type AVP MUST be the first AVP in a message.
    if (!m_avps.empty() && !m_avps.front().Is(AVP_MESSAGE_TYPE))
    {
        m_error = FIRST_AVP_NOT_MESSAGE_TYPE;
        return messageEnd;
    }
    m_error = NONE;
    return messageEnd;
}

bool
PacketHeader::IsControl() const
{
    return m_control;
}

void
PacketHeader::SetControl(bool control)
{
    m_control = control;
}

bool
PacketHeader::HasLength() const
{
    return m_lengthPresent;
}

void
PacketHeader::SetLengthPresent(bool present)
{
    m_lengthPresent = present;
}

bool
PacketHeader::HasSequence() const
{
    return m_sequencePresent;
}

void
PacketHeader::SetSequencePresent(bool present)
{
    m_sequencePresent = present;
}

bool
PacketHeader::HasOffset() const
{
    return m_offsetPresent;
}

void
PacketHeader::SetOffset(bool present, uint16_t offsetSize)
{
    m_offsetPresent = present;
    m_offsetSize = present ? offsetSize : 0;
}

uint16_t
PacketHeader::GetOffsetSize() const
{
    return m_offsetSize;
}

bool
PacketHeader::GetPriority() const
{
    return m_priority;
}

void
PacketHeader::SetPriority(bool priority)
{
    m_priority = priority;
}

uint8_t
PacketHeader::GetVersion() const
{
    return m_version;
}

void
PacketHeader::SetVersion(uint8_t version)
{
    m_version = version & VERSION_MASK;
}

uint16_t
PacketHeader::GetTunnelId() const
{
    return m_tunnelId;
}

void
PacketHeader::SetTunnelId(uint16_t tunnelId)
{
    m_tunnelId = tunnelId;
}

uint16_t
PacketHeader::GetSessionId() const
{
    return m_sessionId;
}

void
PacketHeader::SetSessionId(uint16_t sessionId)
{
    m_sessionId = sessionId;
}

uint16_t
PacketHeader::GetNs() const
{
    return m_ns;
}

void
PacketHeader::SetNs(uint16_t ns)
{
    m_ns = ns;
}

uint16_t
PacketHeader::GetNr() const
{
    return m_nr;
}

void
PacketHeader::SetNr(uint16_t nr)
{
    m_nr = nr;
}

void
PacketHeader::SetPayloadSize(uint16_t size)
{
    m_payloadSize = size;
}

uint16_t
PacketHeader::GetPayloadSize() const
{
    return m_payloadSize;
}

uint16_t
PacketHeader::GetLength() const
{
    const uint32_t length = m_control ? GetSerializedSize() : GetHeaderSize() + m_payloadSize;
    return static_cast<uint16_t>(std::min(length, MAX_MESSAGE));
}

const std::vector<Avp>&
PacketHeader::GetAvps() const
{
    return m_avps;
}

void
PacketHeader::SetAvps(const std::vector<Avp>& avps)
{
    m_avps.clear();
    for (const Avp& avp : avps)
    {
        AddAvp(avp);
    }
}

void
PacketHeader::AddAvp(const Avp& avp)
{
    if (GetSerializedSize() + avp.GetSerializedSize() > MAX_MESSAGE)
    {
        NS_LOG_WARN("AVP " << avp.GetType() << " dropped: message would exceed " << MAX_MESSAGE
                           << " octets");
        return;
    }
    m_avps.push_back(avp);
}

const Avp*
PacketHeader::FindAvp(uint16_t type, uint16_t vendorId) const
{
    for (const Avp& avp : m_avps)
    {
        if (avp.GetType() == type && avp.GetVendorId() == vendorId)
        {
            return &avp;
        }
    }
    return nullptr;
}

bool
PacketHeader::IsZlb() const
{
    return m_control && m_avps.empty();
}

bool
PacketHeader::GetMessageType(uint16_t& messageType) const
{
    if (!m_control || m_avps.empty() || !m_avps.front().Is(AVP_MESSAGE_TYPE))
    {
        return false;
    }
    return m_avps.front().GetUint16(messageType);
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
    const bool payloadCounted = !m_control && m_lengthPresent;
    return m_control == other.m_control && m_lengthPresent == other.m_lengthPresent &&
           m_sequencePresent == other.m_sequencePresent &&
           m_offsetPresent == other.m_offsetPresent && m_priority == other.m_priority &&
           m_version == other.m_version && m_tunnelId == other.m_tunnelId &&
           m_sessionId == other.m_sessionId && m_ns == other.m_ns && m_nr == other.m_nr &&
           m_offsetSize == other.m_offsetSize &&
           (!payloadCounted || m_payloadSize == other.m_payloadSize) && m_avps == other.m_avps &&
           m_error == other.m_error;
}

bool
PacketHeader::operator!=(const PacketHeader& other) const
{
    return !(*this == other);
}

} // namespace l2tp
} // namespace ns3
