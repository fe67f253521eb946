/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Turns the frames of a capture into DecodedMessage lines, one per
 * protocol message, following the encapsulations the module uses:
 *
 *   link -> PPP (DLT 9, PPPoE) -> LCP/IPCP/IPv6CP/CCP | IPv4 | MPLS
 *   link -> MPLS label stack -> IPv4
 *   IPv4 -> UDP 646 LDP | UDP 1701 L2TP | UDP 1812/1813 (1645/1646, 3799) RADIUS
 *   IPv4 -> UDP 5401 VR-port discovery (vr::DISCOVERY_PORT, doc/vr-discovery.md)
 *   IPv4 -> UDP 5402 HTIP, seed 004's tunnelling initiation (htip::HTIP_PORT, doc/htip-wire.md)
 *   IPv4 -> UDP 53 DNS | UDP 67/68 DHCP
 *   IPv4 -> UDP to port 6635 -> MPLS label stack (RFC 7510)
 *   IPv4 -> TCP 646 LDP, TCP 53 DNS (messages reassembled per TCP stream)
 *   IPv4 -> GRE version 0 (RFC 2784, RFC 2890) -> IPv4 | MPLS (RFC 4023) | PPP
 *   IPv4 -> GRE version 1 (RFC 2637, PPTP) -> PPP
 *   IPv4 -> OSPFv2 (IP protocol 89, RFC 2328)
 *   L2TP data message -> PPP -> ...
 *
 * Malformed headers become "malformed" lines and decoding goes on with
 * the next frame. The decoder keeps per-stream TCP state (no global state):
 * use one CaptureDecoder per capture file.
 */
#ifndef IPVPN_CAPTURE_DECODER_H
#define IPVPN_CAPTURE_DECODER_H

#include "ipvpn-capture-frame.h"
#include "ipvpn-decoded-message.h"

#include "ns3/packet.h"

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace ns3
{
namespace decode
{

/// Well-known ports of the protocols the decoder reads.
enum DecoderPort : uint16_t
{
    PORT_LDP = 646,            ///< RFC 5036 section 3.10
    PORT_L2TP = 1701,          ///< RFC 2661 section 8.1
    PORT_RADIUS = 1812,        ///< RFC 2865 section 3
    PORT_RADIUS_ACCT = 1813,   ///< RFC 2866 section 3
    PORT_RADIUS_OLD = 1645,    ///< pre-RFC 2865 authentication port
    PORT_RADIUS_OLD_ACCT = 1646,
    PORT_RADIUS_DYNAUTH = 3799, ///< RFC 5176 section 3
    PORT_MPLS_UDP = 6635,       ///< RFC 7510 section 3 (destination port)
};

/// Decodes frames into protocol message lines.
class CaptureDecoder
{
  public:
    /// Nested encapsulations followed at most (L2TP in IPv4 in L2TP ...).
    static constexpr unsigned MAX_DEPTH = 8;

    /// The lines for one frame, in the order found. Frames of link types
    /// the decoder does not know give no lines.
    std::vector<DecodedMessage> Decode(const Frame& frame);

    /// Lines for TCP data still waiting for the rest of an LDP PDU or a DNS
    /// message when the capture ended.
    std::vector<DecodedMessage> Finish();

  private:
    /// Where lines go and how deep the decoding is.
    struct Context
    {
        const Frame& frame;
        std::vector<DecodedMessage>& out;
        unsigned depth;
    };

    /// TCP stream direction: source, destination address and port.
    using StreamKey = std::tuple<uint32_t, uint16_t, uint32_t, uint16_t>;

    /// LDP or DNS bytes of one TCP direction that do not yet form a whole
    /// PDU or message.
    struct TcpStream
    {
        std::string protocol; ///< "ldp" or "dns", for the lines about the stream
        bool synced = false;
        uint32_t nextSequence = 0;
        std::vector<uint8_t> pending;
        uint32_t lastFrame = 0;
        uint64_t lastSeconds = 0;
        uint32_t lastNanoseconds = 0;
        std::string endpoints;
    };

    void Emit(Context& ctx, DecodedMessage message) const;
    void ReportProblems(Context& ctx, const std::vector<Problem>& problems) const;
    void DecodePpp(Context& ctx, uint16_t protocol, Ptr<const Packet> payload);
    /// The label stack line, then its IPv4 payload. `carrier` ("encap=udp
    /// src=... dst=...") ends the line when the stack came in a tunnel.
    void DecodeMpls(Context& ctx, Ptr<const Packet> packet, const std::string& carrier = "");
    void DecodeIpv4Packet(Context& ctx, Ptr<const Packet> packet);
    void HandleIpv4(Context& ctx, const Ipv4Layers& layers);
    void DecodeUdp(Context& ctx, const Ipv4Layers& layers);
    /// Adds the segment's data to its stream (a gap drops what was held,
    /// with a tcp-gap line); nullptr when the segment carries no data.
    TcpStream* AppendTcpSegment(Context& ctx,
                                const Ipv4Layers& layers,
                                const std::string& protocol);
    void DecodeTcpLdp(Context& ctx, const Ipv4Layers& layers);
    /// RFC 1035 4.2.2: each message behind a two-octet length.
    void DecodeTcpDns(Context& ctx, const Ipv4Layers& layers);
    void DecodeGre(Context& ctx, const Ipv4Layers& layers);

    std::map<StreamKey, TcpStream> m_streams;
};

} // namespace decode
} // namespace ns3

#endif
