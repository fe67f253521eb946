/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Summaries of the module's protocol messages as DecodedMessage lines,
 * built on the module's own codecs: LDP PDUs (RFC 5036), L2TPv2 messages
 * (RFC 2661), RADIUS packets (RFC 2865, RFC 5176 codes), PPP control
 * packets (RFC 1661, RFC 1332), MPLS label stacks (RFC 3032) and OSPFv2
 * packets (RFC 2328).
 *
 * Each function reads only the bytes it is given and reports a problem as
 * a "malformed" line with a reason; none of them asserts or loops without
 * consuming input. Frame numbers and timestamps are left for the caller.
 */
#ifndef IPVPN_MESSAGE_SUMMARY_H
#define IPVPN_MESSAGE_SUMMARY_H

#include "ipvpn-decoded-message.h"

#include "ns3/packet.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <vector>

namespace ns3
{
namespace decode
{

/// Every LDP PDU in `bytes` (a UDP datagram or reassembled TCP data), one
/// line per message; stops at the first PDU whose framing is lost.
std::vector<DecodedMessage> SummarizeLdp(const std::vector<uint8_t>& bytes);

/// An L2TP message and, for a well-formed data message, the PPP frame it
/// carries.
struct L2tpSummary
{
    DecodedMessage message;
    uint16_t pppProtocol = 0; ///< PPP protocol of a data message; 0 otherwise
    Ptr<Packet> pppPayload;   ///< the PPP Information field; null when none
};

/// The L2TPv2 message at the start of a UDP payload.
L2tpSummary SummarizeL2tp(const std::vector<uint8_t>& bytes);

/// The RADIUS packet at the start of a UDP payload.
DecodedMessage SummarizeRadius(const std::vector<uint8_t>& bytes);

/// The OSPFv2 packet (RFC 2328 A.3) of an IPv4 payload (IP protocol 89):
/// its packet type, header fields and the key fields of its body.
DecodedMessage SummarizeOspf(const std::vector<uint8_t>& bytes);

/// True for the PPP protocols whose packets use the RFC 1661 section 5
/// format and that SummarizePppControl() names (LCP, IPCP, IPv6CP, CCP).
bool IsPppControlProtocol(uint16_t pppProtocol);

/// One LCP/IPCP/IPv6CP/CCP packet (the PPP Information field).
DecodedMessage SummarizePppControl(uint16_t pppProtocol, const std::vector<uint8_t>& bytes);

/// What an MPLS label stack carries after its bottom entry.
enum class MplsPayload
{
    NONE,  ///< no bottom of stack, or nothing after it
    IPV4,  ///< IPv4 Explicit NULL label or a version-4 header
    IPV6,  ///< IPv6 Explicit NULL label or a version-6 header
    OTHER, ///< e.g. a pseudowire control word
};

/// A label stack and what follows it.
struct MplsSummary
{
    DecodedMessage message;
    MplsPayload payloadType = MplsPayload::NONE;
    Ptr<Packet> payload; ///< the bytes after the bottom entry
};

/// The MPLS label stack at the start of `packet`.
MplsSummary SummarizeMpls(Ptr<const Packet> packet);

} // namespace decode
} // namespace ns3

#endif
