/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Reading and rewriting IPv4 datagrams held as bytes for NAPT: the flow
 * nat::NaptEngine decides on, and the rewrite it answers (source or
 * destination address and port; the outer address and the embedded header
 * of an ICMP error), with every checksum the change touches updated
 * incrementally (RFC 1624 eqn. 3):
 *
 *  - the IPv4 header checksum (RFC 791 3.1);
 *  - UDP (RFC 768) and TCP (RFC 793 3.1) checksums, which cover the
 *    pseudo-header's addresses; a UDP checksum of 0 (none sent) stays 0, and
 *    a computed 0 is sent as 0xFFFF;
 *  - the ICMP checksum (RFC 792), which covers the ICMP message only: the
 *    echo identifier of a query and, for an error, every byte of the
 *    embedded header, its own IPv4 and transport checksums included
 *    (RFC 5508 section 4.2).
 *
 * Plain functions: no state, no ns-3 objects; malformed input is answered
 * with a RewriteError and the bytes are left untouched.
 */
#ifndef IPVPN_NAT_PACKET_REWRITER_H
#define IPVPN_NAT_PACKET_REWRITER_H

#include "ns3/nat-napt-engine.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>

namespace ns3
{
namespace nat
{

/// Why a datagram cannot be read or rewritten.
enum class RewriteError : uint8_t
{
    TRUNCATED,      ///< shorter than its headers say
    NOT_IPV4,       ///< version is not 4 or the header length is below 5 words
    FRAGMENT,       ///< a non-first fragment: no transport header to read
    UNSUPPORTED,    ///< not UDP, TCP, ICMP query (echo, timestamp) or ICMP error
    NOT_ICMP_ERROR, ///< RewriteIcmpError() on a datagram that is no ICMP error
};

std::ostream& operator<<(std::ostream& os, RewriteError e);

/// Which side of a datagram a rewrite changes.
enum class Side : uint8_t
{
    SOURCE,
    DESTINATION,
};

/// What ParseDatagram() reads.
struct ParsedDatagram
{
    std::optional<RewriteError> error; ///< set: nothing else holds
    /// The datagram's flow. For an ICMP query both ports are the identifier
    /// (what NaptEngine::Outbound and Inbound look at).
    Flow flow;
    bool icmpError = false; ///< ICMP destination unreachable, source quench,
                            ///< time exceeded or parameter problem
    uint8_t icmpType = 0;
    Flow embedded; ///< icmpError: the embedded datagram's flow
};

/// The flow of an IPv4 datagram (\p length bytes from \p data).
ParsedDatagram ParseDatagram(const uint8_t* data, std::size_t length);

/**
 * Rewrites the source (outbound NAPT) or destination (inbound) address and
 * port of a UDP, TCP or ICMP query datagram (for ICMP the port is the
 * identifier) with incremental checksum updates.
 */
std::optional<RewriteError> RewriteEndpoint(uint8_t* data,
                                            std::size_t length,
                                            Side side,
                                            const TransportAddress& to);

/**
 * Rewrites an ICMP error (RFC 5508 section 4.2): the outer address on
 * \p outerSide becomes \p outerAddress, and the embedded header's endpoint
 * on the other side (the embedded datagram went the other way) becomes
 * \p embeddedTo. Inbound (NaptEngine::InboundIcmpError):
 * outerSide DESTINATION; outbound (OutboundIcmpError): SOURCE.
 */
std::optional<RewriteError> RewriteIcmpError(uint8_t* data,
                                             std::size_t length,
                                             Side outerSide,
                                             Ipv4Address outerAddress,
                                             const TransportAddress& embeddedTo);

/**
 * 1:1 NAT of one address (nat::PrefixTable): the source or destination
 * address of any IPv4 datagram becomes \p to, ports unchanged. UDP and TCP
 * checksums follow (their pseudo-header), in a first fragment too; a
 * non-first fragment or another protocol has only its header checksum. In
 * an ICMP error whose embedded datagram went the other way from the old
 * address, that embedded address changes as well (RFC 5508 section 4.2).
 * Errors: TRUNCATED and NOT_IPV4 only.
 */
std::optional<RewriteError> RewriteAddress(uint8_t* data,
                                           std::size_t length,
                                           Side side,
                                           Ipv4Address to);

} // namespace nat
} // namespace ns3

#endif // IPVPN_NAT_PACKET_REWRITER_H
