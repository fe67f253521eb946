/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Big-endian (network order) integers in raw octets, for the codecs that
 * work on byte arrays rather than an ns3::Buffer (which has its own
 * ReadNtohU16/WriteHtonU16): OSPF LSAs and authentication, DNS, the NAT
 * rewriter, the capture decoder. The callers check the lengths.
 */
#ifndef IPVPN_BYTE_ORDER_H
#define IPVPN_BYTE_ORDER_H

#include <cstdint>
#include <vector>

namespace ns3
{
namespace byteorder
{

inline uint16_t
ReadBe16(const uint8_t* p)
{
    return static_cast<uint16_t>((p[0] << 8) | p[1]);
}

inline uint32_t
ReadBe32(const uint8_t* p)
{
    return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

inline void
WriteBe16(uint8_t* p, uint16_t value)
{
    p[0] = static_cast<uint8_t>(value >> 8);
    p[1] = static_cast<uint8_t>(value);
}

inline void
WriteBe32(uint8_t* p, uint32_t value)
{
    WriteBe16(p, static_cast<uint16_t>(value >> 16));
    WriteBe16(p + 2, static_cast<uint16_t>(value));
}

inline void
AppendBe16(std::vector<uint8_t>& out, uint16_t value)
{
    out.push_back(static_cast<uint8_t>(value >> 8));
    out.push_back(static_cast<uint8_t>(value));
}

inline void
AppendBe32(std::vector<uint8_t>& out, uint32_t value)
{
    AppendBe16(out, static_cast<uint16_t>(value >> 16));
    AppendBe16(out, static_cast<uint16_t>(value));
}

} // namespace byteorder
} // namespace ns3

#endif
