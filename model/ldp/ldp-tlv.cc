/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ldp-tlv.h"

#include "ldp-status.h"

#include "ns3/assert.h"
#include "ns3/log.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LdpTlv");

namespace ldp
{

namespace
{
constexpr uint16_t U_BIT = 0x8000;
constexpr uint16_t F_BIT = 0x4000;
} // namespace

std::string
TlvTypeName(uint16_t type)
{
    switch (type)
    {
    case TLV_FEC:
        return "FEC";
    case TLV_ADDRESS_LIST:
        return "Address List";
    case TLV_HOP_COUNT:
        return "Hop Count";
    case TLV_PATH_VECTOR:
        return "Path Vector";
    case TLV_GENERIC_LABEL:
        return "Generic Label";
    case TLV_ATM_LABEL:
        return "ATM Label";
    case TLV_FRAME_RELAY_LABEL:
        return "Frame Relay Label";
    case TLV_STATUS:
        return "Status";
    case TLV_EXTENDED_STATUS:
        return "Extended Status";
    case TLV_RETURNED_PDU:
        return "Returned PDU";
    case TLV_RETURNED_MESSAGE:
        return "Returned Message";
    case TLV_COMMON_HELLO_PARAMS:
        return "Common Hello Parameters";
    case TLV_IPV4_TRANSPORT_ADDRESS:
        return "IPv4 Transport Address";
    case TLV_CONFIG_SEQUENCE_NUMBER:
        return "Configuration Sequence Number";
    case TLV_IPV6_TRANSPORT_ADDRESS:
        return "IPv6 Transport Address";
    case TLV_COMMON_SESSION_PARAMS:
        return "Common Session Parameters";
    case TLV_ATM_SESSION_PARAMS:
        return "ATM Session Parameters";
    case TLV_FRAME_RELAY_SESSION_PARAMS:
        return "Frame Relay Session Parameters";
    case TLV_LABEL_REQUEST_MESSAGE_ID:
        return "Label Request Message ID";
    default: {
        std::ostringstream os;
        os << "TLV 0x" << std::hex << std::setw(4) << std::setfill('0') << type;
        return os.str();
    }
    }
}

// ---------------------------------------------------------------- Tlv

Tlv::Tlv(uint16_t tlvType, std::vector<uint8_t> tlvValue, bool u, bool f)
    : uBit(u)
    , fBit(f)
    , type(tlvType)
    , value(std::move(tlvValue))
{
    NS_ASSERT_MSG(tlvType <= MAX_TLV_TYPE, "TLV type is 14 bits: " << tlvType);
}

uint32_t
Tlv::GetSerializedSize() const
{
    return TLV_HEADER_SIZE + value.size();
}

void
Tlv::Serialize(Buffer::Iterator& i) const
{
    NS_ASSERT_MSG(value.size() <= 0xFFFF, "TLV value longer than the Length field allows");
    uint16_t word = (type & MAX_TLV_TYPE) | (uBit ? U_BIT : 0) | (fBit ? F_BIT : 0);
    i.WriteHtonU16(word);
    i.WriteHtonU16(value.size());
    for (uint8_t b : value)
    {
        i.WriteU8(b);
    }
}

bool
Tlv::operator==(const Tlv& other) const
{
    return uBit == other.uBit && fBit == other.fBit && type == other.type && value == other.value;
}

bool
Tlv::operator!=(const Tlv& other) const
{
    return !(*this == other);
}

std::ostream&
operator<<(std::ostream& os, const Tlv& tlv)
{
    os << TlvTypeName(tlv.type) << "(u=" << tlv.uBit << " f=" << tlv.fBit
       << " len=" << tlv.value.size() << " ";
    PrintHex(os, tlv.value);
    return os << ")";
}

uint32_t
GetTlvListSize(const std::vector<Tlv>& tlvs)
{
    uint32_t size = 0;
    for (const auto& tlv : tlvs)
    {
        size += tlv.GetSerializedSize();
    }
    return size;
}

void
SerializeTlvList(Buffer::Iterator& i, const std::vector<Tlv>& tlvs)
{
    for (const auto& tlv : tlvs)
    {
        tlv.Serialize(i);
    }
}

uint32_t
DeserializeTlvList(Buffer::Iterator& i, uint32_t length, std::vector<Tlv>& out)
{
    // RFC 5036 section 3.3: TLVs follow each other back to back. Each pass
    // consumes at least the 4-byte header, so the loop ends with the data.
    uint32_t left = length;
    while (left > 0)
    {
        if (left < TLV_HEADER_SIZE)
        {
            NS_LOG_LOGIC("TLV header cut short: " << left << " bytes left");
            i.Next(left);
            return STATUS_BAD_TLV_LENGTH;
        }
        uint16_t word = i.ReadNtohU16();
        uint16_t valueLength = i.ReadNtohU16();
        left -= TLV_HEADER_SIZE;
        if (valueLength > left)
        {
            NS_LOG_LOGIC("TLV 0x" << std::hex << (word & MAX_TLV_TYPE) << std::dec << " length "
                                  << valueLength << " overruns the " << left << " bytes left");
            i.Next(left);
            return STATUS_BAD_TLV_LENGTH;
        }
        Tlv tlv;
        tlv.uBit = (word & U_BIT) != 0;
        tlv.fBit = (word & F_BIT) != 0;
        tlv.type = word & MAX_TLV_TYPE;
        tlv.value.resize(valueLength);
        if (valueLength > 0)
        {
            i.Read(tlv.value.data(), valueLength);
        }
        left -= valueLength;
        out.push_back(std::move(tlv));
    }
    return STATUS_SUCCESS;
}

// ---------------------------------------------------------------- writer

void
ValueWriter::WriteU8(uint8_t v)
{
    m_bytes.push_back(v);
}

void
ValueWriter::WriteU16(uint16_t v)
{
    m_bytes.push_back(v >> 8);
    m_bytes.push_back(v & 0xFF);
}

void
ValueWriter::WriteU32(uint32_t v)
{
    WriteU16(v >> 16);
    WriteU16(v & 0xFFFF);
}

void
ValueWriter::WriteIpv4(Ipv4Address address)
{
    WriteU32(address.Get());
}

void
ValueWriter::WriteBytes(const std::vector<uint8_t>& bytes)
{
    m_bytes.insert(m_bytes.end(), bytes.begin(), bytes.end());
}

const std::vector<uint8_t>&
ValueWriter::GetBytes() const
{
    return m_bytes;
}

// ---------------------------------------------------------------- reader

ValueReader::ValueReader(const std::vector<uint8_t>& bytes)
    : m_bytes(bytes)
{
}

bool
ValueReader::Take(uint32_t count)
{
    if (count > GetRemaining())
    {
        m_pos = m_bytes.size();
        m_ok = false;
        return false;
    }
    return true;
}

uint8_t
ValueReader::ReadU8()
{
    if (!Take(1))
    {
        return 0;
    }
    return m_bytes[m_pos++];
}

uint16_t
ValueReader::ReadU16()
{
    if (!Take(2))
    {
        return 0;
    }
    uint16_t v = (uint16_t(m_bytes[m_pos]) << 8) | m_bytes[m_pos + 1];
    m_pos += 2;
    return v;
}

uint32_t
ValueReader::ReadU32()
{
    if (!Take(4))
    {
        return 0;
    }
    uint32_t high = ReadU16();
    return (high << 16) | ReadU16();
}

Ipv4Address
ValueReader::ReadIpv4()
{
    return Ipv4Address(ReadU32());
}

std::vector<uint8_t>
ValueReader::ReadBytes(uint32_t count)
{
    uint32_t n = std::min(count, GetRemaining());
    std::vector<uint8_t> bytes(m_bytes.begin() + m_pos, m_bytes.begin() + m_pos + n);
    m_pos += n;
    if (n < count)
    {
        m_ok = false;
    }
    return bytes;
}

uint32_t
ValueReader::GetRemaining() const
{
    return m_bytes.size() - m_pos;
}

bool
ValueReader::AtEnd() const
{
    return m_pos >= m_bytes.size();
}

bool
ValueReader::IsOk() const
{
    return m_ok;
}

void
PrintHex(std::ostream& os, const std::vector<uint8_t>& bytes)
{
    std::ios::fmtflags flags = os.flags();
    char fill = os.fill('0');
    for (uint8_t b : bytes)
    {
        os << std::hex << std::setw(2) << +b;
    }
    os.fill(fill);
    os.flags(flags);
}

} // namespace ldp
} // namespace ns3
