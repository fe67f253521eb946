/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Generic LDP Type-Length-Value encoding (RFC 5036 section 3.3), the TLV
 * type numbers of RFC 5036 section 4.2, and bounds-checked helpers that the
 * typed TLVs use to read and write their value bytes.
 */
#ifndef IPVPN_LDP_TLV_H
#define IPVPN_LDP_TLV_H

#include "ns3/buffer.h"
#include "ns3/ipv4-address.h"

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{
namespace ldp
{

/// TLV types this module interprets (RFC 5036 section 3.4 and 3.5).
enum TlvType : uint16_t
{
    TLV_FEC = 0x0100,                        ///< section 3.4.1
    TLV_ADDRESS_LIST = 0x0101,               ///< section 3.4.3
    TLV_HOP_COUNT = 0x0103,                  ///< section 3.4.4
    TLV_PATH_VECTOR = 0x0104,                ///< section 3.4.5
    TLV_GENERIC_LABEL = 0x0200,              ///< section 3.4.2.1
    TLV_ATM_LABEL = 0x0201,                  ///< section 3.4.2.2 (kept raw)
    TLV_FRAME_RELAY_LABEL = 0x0202,          ///< section 3.4.2.3 (kept raw)
    TLV_STATUS = 0x0300,                     ///< section 3.4.6
    TLV_EXTENDED_STATUS = 0x0301,            ///< section 3.5.1 (kept raw)
    TLV_RETURNED_PDU = 0x0302,               ///< section 3.5.1 (kept raw)
    TLV_RETURNED_MESSAGE = 0x0303,           ///< section 3.5.1 (kept raw)
    TLV_COMMON_HELLO_PARAMS = 0x0400,        ///< section 3.5.2
    TLV_IPV4_TRANSPORT_ADDRESS = 0x0401,     ///< section 3.5.2
    TLV_CONFIG_SEQUENCE_NUMBER = 0x0402,     ///< section 3.5.2
    TLV_IPV6_TRANSPORT_ADDRESS = 0x0403,     ///< section 3.5.2 (kept raw)
    TLV_COMMON_SESSION_PARAMS = 0x0500,      ///< section 3.5.3
    TLV_ATM_SESSION_PARAMS = 0x0501,         ///< section 3.5.3 (kept raw)
    TLV_FRAME_RELAY_SESSION_PARAMS = 0x0502, ///< section 3.5.3 (kept raw)
    TLV_LABEL_REQUEST_MESSAGE_ID = 0x0600,   ///< section 3.5.7
};

/// Address family numbers used in FEC elements and Address List TLVs
/// (IANA "Address Family Numbers", referenced by RFC 5036 section 3.4.1).
enum AddressFamily : uint16_t
{
    ADDRESS_FAMILY_IPV4 = 1,
    ADDRESS_FAMILY_IPV6 = 2,
};

/// Size of the Type and Length fields in front of every TLV value.
constexpr uint32_t TLV_HEADER_SIZE = 4;
/// The Type field is 14 bits (RFC 5036 section 3.3).
constexpr uint16_t MAX_TLV_TYPE = 0x3FFF;

/// \return the RFC name of a TLV type, or "TLV 0x...." for others.
std::string TlvTypeName(uint16_t type);

/**
 * One TLV exactly as on the wire (RFC 5036 section 3.3):
 *
 *   |U|F| Type (14) | Length (16) | Value (Length octets) |
 *
 * U: an unknown TLV is ignored silently (1) or reported (0).
 * F: an unknown TLV is forwarded with its message (1) or dropped (0).
 * Kept as a value so unknown TLVs survive decoding with their bits intact.
 */
struct Tlv
{
    bool uBit = false;
    bool fBit = false;
    uint16_t type = 0;
    std::vector<uint8_t> value;

    Tlv() = default;
    Tlv(uint16_t tlvType, std::vector<uint8_t> tlvValue, bool u = false, bool f = false);

    uint32_t GetSerializedSize() const;
    /// Writes the TLV at i and advances i.
    void Serialize(Buffer::Iterator& i) const;

    bool operator==(const Tlv& other) const;
    bool operator!=(const Tlv& other) const;
};

std::ostream& operator<<(std::ostream& os, const Tlv& tlv);

/// Total wire size of a TLV sequence.
uint32_t GetTlvListSize(const std::vector<Tlv>& tlvs);

/// Writes a TLV sequence at i and advances i.
void SerializeTlvList(Buffer::Iterator& i, const std::vector<Tlv>& tlvs);

/**
 * Reads the TLVs in the next `length` bytes at i (RFC 5036 section 3.3).
 * Never reads beyond `length`; i advances by at most `length`.
 *
 * \return STATUS_SUCCESS, or STATUS_BAD_TLV_LENGTH when a TLV header or
 * value would run past `length`. The TLVs read before the bad one stay in
 * `out`.
 */
uint32_t DeserializeTlvList(Buffer::Iterator& i, uint32_t length, std::vector<Tlv>& out);

/// Appends big-endian fields to a TLV value.
class ValueWriter
{
  public:
    void WriteU8(uint8_t v);
    void WriteU16(uint16_t v);
    void WriteU32(uint32_t v);
    void WriteIpv4(Ipv4Address address);
    void WriteBytes(const std::vector<uint8_t>& bytes);
    /// \return the bytes written so far.
    const std::vector<uint8_t>& GetBytes() const;

  private:
    std::vector<uint8_t> m_bytes;
};

/**
 * Reads big-endian fields from a TLV value without ever reading past it:
 * a read beyond the end returns zero and clears IsOk().
 */
class ValueReader
{
  public:
    explicit ValueReader(const std::vector<uint8_t>& bytes);

    uint8_t ReadU8();
    uint16_t ReadU16();
    uint32_t ReadU32();
    Ipv4Address ReadIpv4();
    /// Reads `count` bytes (fewer if the value ends first, clearing IsOk()).
    std::vector<uint8_t> ReadBytes(uint32_t count);

    uint32_t GetRemaining() const;
    bool AtEnd() const;
    /// false once any read ran past the end.
    bool IsOk() const;

  private:
    bool Take(uint32_t count);

    const std::vector<uint8_t>& m_bytes;
    uint32_t m_pos = 0;
    bool m_ok = true;
};

/// Writes bytes as hex pairs, for Print() of opaque values.
void PrintHex(std::ostream& os, const std::vector<uint8_t>& bytes);

} // namespace ldp
} // namespace ns3

#endif
