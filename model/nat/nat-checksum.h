/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The Internet checksum (RFC 1071) over bytes and its incremental update
 * when one 16-bit or 32-bit field changes (RFC 1624 eqn. 3,
 * HC' = ~(~HC + ~m + m')), as NAT rewriting needs for the IPv4 header and
 * the UDP, TCP and ICMP checksums. Plain functions, no state.
 */
#ifndef IPVPN_NAT_CHECKSUM_H
#define IPVPN_NAT_CHECKSUM_H

#include <cstddef>
#include <cstdint>

namespace ns3
{
namespace nat
{

/**
 * The one's complement sum (RFC 1071 section 4.1) of \p length bytes taken
 * as big-endian 16-bit words, an odd last byte padded with zero, added to
 * \p initial (a partial sum, e.g. of a pseudo-header); folded to 16 bits.
 */
uint16_t OnesComplementSum(const uint8_t* data, std::size_t length, uint32_t initial = 0);

/// The Internet checksum of \p length bytes: the complement of their sum (RFC 1071).
uint16_t InternetChecksum(const uint8_t* data, std::size_t length, uint32_t initial = 0);

/**
 * The checksum \p checksum after a 16-bit field changes from \p oldValue to
 * \p newValue, by RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m'). Unlike eqn. 2 it
 * gives 0x0000, not 0xFFFF, where a full recomputation does (RFC 1624
 * section 4); a caller whose protocol forbids 0x0000 (UDP) maps it itself.
 */
uint16_t ChecksumAdjust16(uint16_t checksum, uint16_t oldValue, uint16_t newValue);

/// As ChecksumAdjust16 for a 32-bit field (an IPv4 address): its two halves in turn.
uint16_t ChecksumAdjust32(uint16_t checksum, uint32_t oldValue, uint32_t newValue);

} // namespace nat
} // namespace ns3

#endif // IPVPN_NAT_CHECKSUM_H
