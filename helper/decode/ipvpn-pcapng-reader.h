/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A small reader for the pcapng capture format (IETF draft-ietf-opsawg-
 * pcapng, "PCAP Now Generic"): Section Header, Interface Description,
 * Enhanced Packet and Simple Packet blocks, in either byte order; every
 * other block is skipped by its length.
 *
 * The reader streams: one block is in memory at a time. Every length is
 * checked before use; a block that cannot be framed (length below the
 * minimum, not a multiple of 4, past the end of the file, or with a
 * trailing length that differs from the leading one) ends the reading with
 * an error description, since the next block cannot be found.
 */
#ifndef IPVPN_PCAPNG_READER_H
#define IPVPN_PCAPNG_READER_H

#include "ipvpn-capture-record.h"

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

namespace ns3
{
namespace decode
{

/// Block types this reader interprets (draft-ietf-opsawg-pcapng section 4).
enum PcapngBlockType : uint32_t
{
    PCAPNG_SECTION_HEADER = 0x0A0D0D0A,   ///< section 4.1
    PCAPNG_INTERFACE_DESCRIPTION = 0x01,  ///< section 4.2
    PCAPNG_SIMPLE_PACKET = 0x03,          ///< section 4.4
    PCAPNG_ENHANCED_PACKET = 0x06,        ///< section 4.3
};

/// Byte-Order Magic of a Section Header Block.
constexpr uint32_t PCAPNG_BYTE_ORDER_MAGIC = 0x1A2B3C4D;

/// True when the first four bytes are a pcapng Section Header Block type.
bool IsPcapngMagic(const uint8_t* first4);

/**
 * Reads the packet records of a pcapng stream in file order.
 *
 *   PcapngReader reader(stream);
 *   CaptureRecord record;
 *   while (reader.Next(record)) { ... }
 *   if (!reader.GetError().empty()) { ... the file is damaged ... }
 */
class PcapngReader
{
  public:
    /// Largest block accepted; anything bigger is treated as damage.
    static constexpr uint32_t MAX_BLOCK_SIZE = 16 * 1024 * 1024;

    /// Reads the leading Section Header Block; check GetError() afterwards.
    explicit PcapngReader(std::istream& in);

    /// True when the stream starts with a valid Section Header Block.
    bool IsOpen() const;

    /// Fills `record` with the next Enhanced or Simple Packet Block.
    /// \return false at the end of the stream or on damage (see GetError()).
    bool Next(CaptureRecord& record);

    /// Empty unless the stream is not pcapng or a block is damaged.
    const std::string& GetError() const;

    /// Link type of the first interface of the first section (0 before
    /// one was read).
    uint32_t GetFirstLinkType() const;

    /// Blocks skipped: types this reader does not interpret, and packet
    /// blocks that name an interface that was never described.
    uint32_t GetSkippedBlocks() const;

  private:
    /// An Interface Description Block's fields that records need.
    struct Interface
    {
        uint16_t linkType = 0;
        uint32_t snapLength = 0;
        uint8_t timestampResolution = 6; ///< if_tsresol, default microseconds
        int64_t timestampOffset = 0;     ///< if_tsoffset, seconds
    };

    /// Reads one block (type, body without the two length fields).
    /// \return false at a clean end of stream or on damage.
    bool ReadBlock(uint32_t& type, std::vector<uint8_t>& body);
    /// Interprets a Section Header Block body (after the length field).
    bool ParseSectionHeader(const std::vector<uint8_t>& body);
    void ParseInterface(const std::vector<uint8_t>& body);
    /// \return false when the block is skipped.
    bool ParseEnhancedPacket(const std::vector<uint8_t>& body, CaptureRecord& record);
    bool ParseSimplePacket(const std::vector<uint8_t>& body, CaptureRecord& record);
    /// Sets the record's timestamp from a count of interface time units.
    void SetTimestamp(const Interface& itf, uint64_t units, CaptureRecord& record) const;
    uint16_t Get16(const uint8_t* p) const;
    uint32_t Get32(const uint8_t* p) const;
    uint64_t Get64(const uint8_t* p) const;
    void Fail(const std::string& error);

    std::istream& m_in;
    bool m_bigEndian;          ///< byte order of the current section
    uint64_t m_offset;         ///< stream offset of the next block
    std::vector<Interface> m_interfaces; ///< of the current section
    uint32_t m_firstLinkType;
    bool m_sawInterface;
    uint32_t m_skipped;
    bool m_open;
    std::string m_error;
};

} // namespace decode
} // namespace ns3

#endif
