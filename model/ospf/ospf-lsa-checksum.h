/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The LS checksum of an OSPFv2 LSA (RFC 2328 section 12.1.7): the Fletcher
 * checksum of ISO 8473 (RFC 905 annex B) over the whole LSA except LS age,
 * with the checksum's own two octets at LSA offset 16.
 */
#ifndef IPVPN_OSPF_LSA_CHECKSUM_H
#define IPVPN_OSPF_LSA_CHECKSUM_H

#include <cstddef>
#include <cstdint>

namespace ns3
{
namespace ospf
{

/// Offset of the LS checksum field from the start of an LSA.
constexpr size_t LSA_CHECKSUM_OFFSET = 16;

/**
 * \param lsa the whole LSA, header first
 * \param length its length in octets (the header's length field), at least 20
 * \return the checksum to store at offset 16, computed as if that field
 *         held zero. Never 0: RFC 905 annex B maps a zero octet to 255.
 */
uint16_t ComputeLsaChecksum(const uint8_t* lsa, size_t length);

/// \return true when the LSA's stored checksum is right (both Fletcher
///         sums zero modulo 255, RFC 905 annex B.4).
bool IsLsaChecksumValid(const uint8_t* lsa, size_t length);

} // namespace ospf
} // namespace ns3

#endif /* IPVPN_OSPF_LSA_CHECKSUM_H */
