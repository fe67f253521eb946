/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A whole OSPFv2 LSA: its header and its body, decoded for the types the
 * module originates and computes routes from (Router-LSA, RFC 2328 A.4.2;
 * Network-LSA, A.4.3) and kept as raw octets for every other type, so that
 * they are flooded unchanged (RFC 2328 section 13).
 */
#ifndef IPVPN_OSPF_LSA_H
#define IPVPN_OSPF_LSA_H

#include "ospf-lsa-header.h"

#include "ns3/ipv4-address.h"

#include <cstdint>
#include <utility>
#include <variant>
#include <vector>

namespace ns3
{
namespace ospf
{

/// Router-LSA link types (RFC 2328 A.4.2).
enum RouterLinkType : uint8_t
{
    LINK_POINT_TO_POINT = 1, ///< Link ID: the neighbor's router ID
    LINK_TRANSIT = 2,        ///< Link ID: the DR's interface address
    LINK_STUB = 3,           ///< Link ID: network number; Link Data: its mask
    LINK_VIRTUAL = 4,        ///< Link ID: the neighbor's router ID
};

/// Router-LSA flags (RFC 2328 A.4.2).
enum RouterLsaFlag : uint8_t
{
    ROUTER_FLAG_B = 0x01, ///< area border router
    ROUTER_FLAG_E = 0x02, ///< AS boundary router
    ROUTER_FLAG_V = 0x04, ///< endpoint of a full virtual link
};

/// One link of a Router-LSA.
struct RouterLink
{
    Ipv4Address linkId;
    /// Interface address (point-to-point, transit), mask (stub), or the
    /// interface's MIB-II ifIndex for an unnumbered point-to-point link.
    Ipv4Address linkData;
    uint8_t type = LINK_POINT_TO_POINT;
    uint16_t metric = 1;
    /// Additional TOS metrics (TOS, metric); kept for round trips only.
    std::vector<std::pair<uint8_t, uint16_t>> tosMetrics;

    bool operator==(const RouterLink& other) const;
};

/// Body of a Router-LSA (LS type 1).
struct RouterLsaBody
{
    uint8_t flags = 0;
    std::vector<RouterLink> links;

    bool operator==(const RouterLsaBody& other) const;
};

/// Body of a Network-LSA (LS type 2), originated by the DR of a transit
/// network; its Link State ID is the DR's interface address.
struct NetworkLsaBody
{
    Ipv4Mask mask;
    std::vector<Ipv4Address> attachedRouters;

    bool operator==(const NetworkLsaBody& other) const;
};

/// Body of any other LS type, as it came (flooded, not interpreted).
using RawLsaBody = std::vector<uint8_t>;

/// A whole LSA.
struct Lsa
{
    LsaHeader header;
    std::variant<RouterLsaBody, NetworkLsaBody, RawLsaBody> body;

    /// \return the whole LSA's octets, header first, as they go on the
    ///         wire (the header's length and checksum as stored).
    std::vector<uint8_t> ToBytes() const;
    /// Appends ToBytes() to `out` (one buffer reused for many LSAs).
    void AppendBytes(std::vector<uint8_t>& out) const;
    /// ToBytes().size(), without encoding.
    size_t GetEncodedSize() const;

    /// Sets the header's length from the body and its LS checksum (RFC 2328
    /// 12.1.7), as an originating router does after any change.
    void Seal();

    /// Decodes one LSA from `length` octets (at least the header's length
    /// field). \return false, leaving `lsa` unspecified, when the octets are
    /// not a well-formed LSA (short, length field disagreeing, a body that
    /// does not parse for its type).
    static bool FromBytes(const uint8_t* data, size_t length, Lsa& lsa);

    bool operator==(const Lsa& other) const;
};

} // namespace ospf
} // namespace ns3

#endif /* IPVPN_OSPF_LSA_H */
