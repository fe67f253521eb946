// SPDX-License-Identifier: GPL-2.0-only
#include "ipvpn-pcapng-reader.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{
namespace decode
{

NS_LOG_COMPONENT_DEFINE("IpvpnPcapngReader");

namespace
{
constexpr uint32_t BLOCK_OVERHEAD = 12;      ///< type, leading and trailing length
constexpr uint32_t MIN_SECTION_HEADER = 28;  ///< section 4.1
constexpr uint32_t SECTION_FIXED = 16;       ///< BOM, versions, section length
constexpr uint32_t INTERFACE_FIXED = 8;      ///< link type, reserved, snap length
constexpr uint32_t ENHANCED_FIXED = 20;      ///< interface, timestamp, two lengths
constexpr uint32_t SIMPLE_FIXED = 4;         ///< original length
constexpr uint16_t OPTION_END = 0;           ///< opt_endofopt
constexpr uint16_t OPTION_TSRESOL = 9;       ///< if_tsresol, section 4.2
constexpr uint16_t OPTION_TSOFFSET = 14;     ///< if_tsoffset, section 4.2
constexpr uint8_t MAX_DECIMAL_RESOLUTION = 19; ///< 10^19 still fits 64 bits
constexpr uint8_t MAX_BINARY_RESOLUTION = 63;

uint32_t
Pad4(uint32_t n)
{
    return (n + 3) & ~3u;
}
} // namespace

bool
IsPcapngMagic(const uint8_t* first4)
{
    // The Section Header type reads the same in both byte orders.
    return first4[0] == 0x0A && first4[1] == 0x0D && first4[2] == 0x0D && first4[3] == 0x0A;
}

PcapngReader::PcapngReader(std::istream& in)
    : m_in(in),
      m_bigEndian(false),
      m_offset(0),
      m_firstLinkType(0),
      m_sawInterface(false),
      m_skipped(0),
      m_open(false)
{
    uint32_t type = 0;
    std::vector<uint8_t> body;
    if (!ReadBlock(type, body))
    {
        if (m_error.empty())
        {
            m_error = "empty file";
        }
        return;
    }
    m_open = ParseSectionHeader(body);
}

bool
PcapngReader::IsOpen() const
{
    return m_open;
}

const std::string&
PcapngReader::GetError() const
{
    return m_error;
}

uint32_t
PcapngReader::GetFirstLinkType() const
{
    return m_firstLinkType;
}

uint32_t
PcapngReader::GetSkippedBlocks() const
{
    return m_skipped;
}

void
PcapngReader::Fail(const std::string& error)
{
    NS_LOG_LOGIC(error);
    if (m_error.empty())
    {
        m_error = error;
    }
}

uint16_t
PcapngReader::Get16(const uint8_t* p) const
{
    return m_bigEndian ? static_cast<uint16_t>((p[0] << 8) | p[1])
                       : static_cast<uint16_t>(p[0] | (p[1] << 8));
}

uint32_t
PcapngReader::Get32(const uint8_t* p) const
{
    return m_bigEndian
               ? (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3]
               : uint32_t(p[0]) | (uint32_t(p[1]) << 8) | (uint32_t(p[2]) << 16) |
                     (uint32_t(p[3]) << 24);
}

uint64_t
PcapngReader::Get64(const uint8_t* p) const
{
    const uint64_t first = Get32(p);
    const uint64_t second = Get32(p + 4);
    return m_bigEndian ? (first << 32) | second : (second << 32) | first;
}

bool
PcapngReader::ReadBlock(uint32_t& type, std::vector<uint8_t>& body)
{
    if (!m_error.empty())
    {
        return false;
    }
    const std::string where = " at offset " + std::to_string(m_offset);
    uint8_t head[8];
    m_in.read(reinterpret_cast<char*>(head), sizeof(head));
    const auto got = static_cast<std::size_t>(m_in.gcount());
    if (got == 0)
    {
        return false; // clean end of the file
    }
    if (got < sizeof(head))
    {
        Fail("truncated block header" + where);
        return false;
    }
    std::vector<uint8_t> start;
    if (IsPcapngMagic(head))
    {
        // Section 4.1: the Byte-Order Magic after the length tells the byte
        // order of this section, the length field included.
        uint8_t bom[4];
        m_in.read(reinterpret_cast<char*>(bom), sizeof(bom));
        if (static_cast<std::size_t>(m_in.gcount()) < sizeof(bom))
        {
            Fail("truncated Section Header Block" + where);
            return false;
        }
        if (bom[0] == 0x1A && bom[1] == 0x2B && bom[2] == 0x3C && bom[3] == 0x4D)
        {
            m_bigEndian = true;
        }
        else if (bom[0] == 0x4D && bom[1] == 0x3C && bom[2] == 0x2B && bom[3] == 0x1A)
        {
            m_bigEndian = false;
        }
        else
        {
            Fail("bad byte-order magic" + where);
            return false;
        }
        start.assign(bom, bom + sizeof(bom));
        type = PCAPNG_SECTION_HEADER;
    }
    else if (m_offset == 0)
    {
        Fail("not a pcapng file: first block is not a Section Header Block");
        return false;
    }
    else
    {
        type = Get32(head);
    }
    const uint32_t length = Get32(head + 4);
    const uint32_t minimum = type == PCAPNG_SECTION_HEADER ? MIN_SECTION_HEADER : BLOCK_OVERHEAD;
    if (length < minimum || length % 4 != 0 || length > MAX_BLOCK_SIZE)
    {
        Fail("bad block length " + std::to_string(length) + where);
        return false;
    }
    // The rest of the body and the trailing length.
    body = std::move(start);
    const std::size_t already = body.size();
    body.resize(length - 8);
    m_in.read(reinterpret_cast<char*>(body.data() + already),
              static_cast<std::streamsize>(body.size() - already));
    if (static_cast<std::size_t>(m_in.gcount()) < body.size() - already)
    {
        Fail("block of " + std::to_string(length) + " bytes runs past the end of the file" +
             where);
        return false;
    }
    if (Get32(body.data() + body.size() - 4) != length)
    {
        Fail("trailing block length differs from the leading one" + where);
        return false;
    }
    body.resize(body.size() - 4);
    m_offset += length;
    return true;
}

bool
PcapngReader::ParseSectionHeader(const std::vector<uint8_t>& body)
{
    // Byte-Order Magic (already checked), Major Version, Minor Version,
    // Section Length, options. A new section forgets the interfaces.
    if (body.size() < SECTION_FIXED)
    {
        Fail("Section Header Block too short");
        return false;
    }
    const uint16_t major = Get16(body.data() + 4);
    const uint16_t minor = Get16(body.data() + 6);
    if (major != 1)
    {
        Fail("unsupported pcapng version " + std::to_string(major) + "." + std::to_string(minor));
        return false;
    }
    m_interfaces.clear();
    return true;
}

void
PcapngReader::ParseInterface(const std::vector<uint8_t>& body)
{
    if (body.size() < INTERFACE_FIXED)
    {
        // The packets that name this interface would be misattributed.
        Fail("Interface Description Block too short");
        return;
    }
    Interface itf;
    itf.linkType = Get16(body.data());
    itf.snapLength = Get32(body.data() + 4);
    // Options (section 3.5): code, length, value padded to 32 bits.
    std::size_t pos = INTERFACE_FIXED;
    while (pos + 4 <= body.size())
    {
        const uint16_t code = Get16(body.data() + pos);
        const uint16_t length = Get16(body.data() + pos + 2);
        if (code == OPTION_END || pos + 4 + length > body.size())
        {
            break; // end of options, or an option running past the block
        }
        const uint8_t* value = body.data() + pos + 4;
        if (code == OPTION_TSRESOL && length >= 1)
        {
            const uint8_t r = value[0];
            const bool binary = (r & 0x80) != 0;
            if ((binary && (r & 0x7F) <= MAX_BINARY_RESOLUTION) ||
                (!binary && r <= MAX_DECIMAL_RESOLUTION))
            {
                itf.timestampResolution = r;
            }
        }
        else if (code == OPTION_TSOFFSET && length >= 8)
        {
            itf.timestampOffset = static_cast<int64_t>(Get64(value));
        }
        pos += 4 + Pad4(length);
    }
    if (!m_sawInterface)
    {
        m_sawInterface = true;
        m_firstLinkType = itf.linkType;
    }
    m_interfaces.push_back(itf);
}

void
PcapngReader::SetTimestamp(const Interface& itf, uint64_t units, CaptureRecord& record) const
{
    using Wide = unsigned __int128;
    const uint8_t r = itf.timestampResolution;
    uint64_t seconds = 0;
    uint64_t nanoseconds = 0;
    if (r & 0x80)
    {
        const unsigned shift = r & 0x7F; // units of 2^-shift seconds
        const uint64_t mask = shift == 0 ? 0 : (~uint64_t(0) >> (64 - shift));
        seconds = shift == 0 ? units : units >> shift;
        nanoseconds = static_cast<uint64_t>((Wide(units & mask) * 1000000000u) >> shift);
    }
    else
    {
        uint64_t perSecond = 1;
        for (uint8_t k = 0; k < r; ++k)
        {
            perSecond *= 10;
        }
        seconds = units / perSecond;
        nanoseconds = static_cast<uint64_t>(Wide(units % perSecond) * 1000000000u / perSecond);
    }
    if (itf.timestampOffset < 0 && uint64_t(-(itf.timestampOffset + 1)) + 1 > seconds)
    {
        seconds = 0;
    }
    else
    {
        seconds += static_cast<uint64_t>(itf.timestampOffset);
    }
    record.seconds = seconds;
    record.nanoseconds = static_cast<uint32_t>(nanoseconds);
}

bool
PcapngReader::ParseEnhancedPacket(const std::vector<uint8_t>& body, CaptureRecord& record)
{
    // Interface ID, Timestamp (upper, lower), Captured Packet Length,
    // Original Packet Length, Packet Data padded to 32 bits, options.
    if (body.size() < ENHANCED_FIXED)
    {
        ++m_skipped;
        return false;
    }
    const uint32_t interfaceId = Get32(body.data());
    const uint32_t captured = Get32(body.data() + 12);
    if (interfaceId >= m_interfaces.size() || captured > body.size() - ENHANCED_FIXED)
    {
        NS_LOG_LOGIC("Enhanced Packet Block skipped: interface " << interfaceId << ", "
                                                                 << captured << " bytes");
        ++m_skipped;
        return false;
    }
    const Interface& itf = m_interfaces[interfaceId];
    const uint64_t units = (uint64_t(Get32(body.data() + 4)) << 32) | Get32(body.data() + 8);
    record.linkType = itf.linkType;
    SetTimestamp(itf, units, record);
    record.originalLength = std::max(Get32(body.data() + 16), captured);
    record.bytes.assign(body.begin() + ENHANCED_FIXED, body.begin() + ENHANCED_FIXED + captured);
    return true;
}

bool
PcapngReader::ParseSimplePacket(const std::vector<uint8_t>& body, CaptureRecord& record)
{
    // Original Packet Length, Packet Data. The captured length is implied:
    // the original length cut to the snap length of interface 0 and to the
    // block (section 4.4). No timestamp.
    if (body.size() < SIMPLE_FIXED || m_interfaces.empty())
    {
        ++m_skipped;
        return false;
    }
    const Interface& itf = m_interfaces.front();
    const uint32_t original = Get32(body.data());
    uint32_t captured = std::min<uint32_t>(original, body.size() - SIMPLE_FIXED);
    if (itf.snapLength != 0)
    {
        captured = std::min(captured, itf.snapLength);
    }
    record.linkType = itf.linkType;
    record.seconds = 0;
    record.nanoseconds = 0;
    record.originalLength = original;
    record.bytes.assign(body.begin() + SIMPLE_FIXED, body.begin() + SIMPLE_FIXED + captured);
    return true;
}

bool
PcapngReader::Next(CaptureRecord& record)
{
    if (!m_open)
    {
        return false;
    }
    uint32_t type = 0;
    std::vector<uint8_t> body;
    while (ReadBlock(type, body))
    {
        switch (type)
        {
        case PCAPNG_SECTION_HEADER:
            if (!ParseSectionHeader(body))
            {
                return false;
            }
            break;
        case PCAPNG_INTERFACE_DESCRIPTION:
            ParseInterface(body);
            if (!m_error.empty())
            {
                return false;
            }
            break;
        case PCAPNG_ENHANCED_PACKET:
            if (ParseEnhancedPacket(body, record))
            {
                return true;
            }
            break;
        case PCAPNG_SIMPLE_PACKET:
            if (ParseSimplePacket(body, record))
            {
                return true;
            }
            break;
        default:
            ++m_skipped; // name resolution, statistics, custom blocks...
            break;
        }
    }
    return false;
}

} // namespace decode
} // namespace ns3
