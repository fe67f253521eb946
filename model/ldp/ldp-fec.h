/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The FEC TLV (RFC 5036 section 3.4.1): the set of packets a label binding
 * applies to, as a list of FEC elements.
 */
#ifndef IPVPN_LDP_FEC_H
#define IPVPN_LDP_FEC_H

#include "ns3/ipv4-address.h"
#include "ns3/ldp-tlv.h"

#include <cstdint>
#include <ostream>
#include <vector>

namespace ns3
{
namespace ldp
{

/// FEC element types (RFC 5036 section 3.4.1; Host Address from RFC 3036).
enum FecElementType : uint8_t
{
    FEC_WILDCARD = 0x01,     ///< every FEC; must be the only element
    FEC_PREFIX = 0x02,       ///< address prefix of any length
    FEC_HOST_ADDRESS = 0x03, ///< full host address (RFC 3036 section 3.4.1, dropped by RFC 5036)
};

/**
 * One FEC element. Layouts (RFC 5036 section 3.4.1):
 *   Wildcard: | 0x01 |
 *   Prefix:   | 0x02 | Address Family (16) | PreLen (8, bits) | Prefix (PreLen bits, padded) |
 *   Host:     | 0x03 | Address Family (16) | Length (8, octets) | Host Address |
 * Addresses of any family are kept as bytes; IPv4 has accessors.
 */
struct FecElement
{
    uint8_t type = FEC_PREFIX;
    uint16_t family = ADDRESS_FAMILY_IPV4;
    /// Prefix: PreLen in bits. Host: address length in octets. Wildcard: 0.
    uint8_t length = 0;
    /// Prefix bytes (PreLen rounded up to octets) or host address bytes.
    std::vector<uint8_t> address;

    static FecElement Wildcard();
    /// Prefix element for prefix/prefixLength; host bits are cleared.
    static FecElement Ipv4Prefix(Ipv4Address prefix, uint8_t prefixLength);
    static FecElement Ipv4Host(Ipv4Address host);

    bool IsIpv4() const;
    /// IPv4 prefix or host address, zero-filled past the encoded bytes.
    Ipv4Address GetIpv4Address() const;
    /// Prefix length in bits (host elements: length * 8).
    uint8_t GetPrefixLength() const;
    Ipv4Mask GetIpv4Mask() const;


    bool operator==(const FecElement& other) const;
    bool operator!=(const FecElement& other) const;
};

std::ostream& operator<<(std::ostream& os, const FecElement& element);

/// The FEC TLV, type 0x0100 (RFC 5036 section 3.4.1).
struct FecTlv
{
    std::vector<FecElement> elements;

    FecTlv() = default;
    explicit FecTlv(FecElement element);

    Tlv ToTlv() const;
    /**
     * Decodes the value of a FEC TLV.
     * \return STATUS_SUCCESS; STATUS_UNKNOWN_FEC for an element type this
     * module does not know (its length cannot be known, so decoding stops);
     * STATUS_MALFORMED_TLV_VALUE for a short, empty or inconsistent value;
     * STATUS_UNSUPPORTED_ADDRESS_FAMILY when an element uses a family other
     * than IPv4/IPv6 (that element is still kept).
     */
    uint32_t FromTlv(const Tlv& tlv);

    bool operator==(const FecTlv& other) const;
    bool operator!=(const FecTlv& other) const;
};

std::ostream& operator<<(std::ostream& os, const FecTlv& fec);

} // namespace ldp
} // namespace ns3

#endif
