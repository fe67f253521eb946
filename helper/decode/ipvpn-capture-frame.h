/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * One captured frame peeled layer by layer: the link layer (Ethernet with
 * 802.1Q/802.1ad tags and PPPoE sessions, PPP with or without the ff 03
 * address/control bytes, raw IP, Linux cooked v1/v2, BSD loopback), then
 * IPv4 and UDP or TCP with ns-3's own header classes. Protocol-neutral: the
 * protocols above UDP/TCP are left to the caller.
 *
 * Every length is checked before a header is read; a frame that is too
 * short or inconsistent records a Problem (layer, reason token, detail)
 * and decoding stops at that layer or continues with the bytes present.
 */
#ifndef IPVPN_CAPTURE_FRAME_H
#define IPVPN_CAPTURE_FRAME_H

#include "ns3/ipv4-header.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"
#include "ns3/tcp-header.h"
#include "ns3/udp-header.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace decode
{

/// pcap/pcapng LINKTYPE_* values (tcpdump.org link-layer header types).
enum LinkType : uint32_t
{
    LINKTYPE_NULL = 0,         ///< BSD loopback, host-order address family
    LINKTYPE_ETHERNET = 1,     ///< IEEE 802.3 / Ethernet II
    LINKTYPE_PPP = 9,          ///< PPP, RFC 1662 framing without flags/FCS
    LINKTYPE_RAW_DLT12 = 12,   ///< raw IP as DLT 12 on some systems
    LINKTYPE_RAW = 101,        ///< raw IPv4 or IPv6
    LINKTYPE_LOOP = 108,       ///< OpenBSD loopback, network-order family
    LINKTYPE_LINUX_SLL = 113,  ///< Linux cooked capture v1
    LINKTYPE_IPV4 = 228,       ///< raw IPv4 only
    LINKTYPE_IPV6 = 229,       ///< raw IPv6 only
    LINKTYPE_LINUX_SLL2 = 276, ///< Linux cooked capture v2
};

/// True for the link types DecodeFrame() understands.
bool IsSupportedLinkType(uint32_t linkType);

/// EtherType values used to label what a link layer carries.
enum EtherTypeValue : uint16_t
{
    ETHERTYPE_IPV4 = 0x0800,
    ETHERTYPE_IPV6 = 0x86DD,
    ETHERTYPE_MPLS = 0x8847,
    ETHERTYPE_MPLS_MULTICAST = 0x8848,
    ETHERTYPE_PPPOE_DISCOVERY = 0x8863,
    ETHERTYPE_PPPOE_SESSION = 0x8864,
};

/// PPP protocol numbers for the network layers above (RFC 1661 section 2).
enum PppProtocolValue : uint16_t
{
    PPP_IPV4 = 0x0021,
    PPP_IPV6 = 0x0057,
    PPP_MPLS = 0x0281,           ///< RFC 3032 section 4.3
    PPP_MPLS_MULTICAST = 0x0283, ///< RFC 5332
};

/// Maps a PPP protocol number to the matching EtherType (0: none).
uint16_t PppToEtherType(uint16_t pppProtocol);

/// What went wrong in one layer. `reason` is a short hyphenated token
/// ("header-truncated"), `detail` optional "key=value" words.
struct Problem
{
    std::string layer;
    std::string reason;
    std::string detail;
};

/// IPv4 and the transport layer found in an IPv4 packet.
struct Ipv4Layers
{
    bool present = false; ///< a well-formed IPv4 header was read
    Ipv4Header ip;
    Ptr<Packet> payload;     ///< IPv4 payload, cut to Total Length when it fits
    bool truncated = false;  ///< Total Length reaches past the bytes present
    bool isFragment = false; ///< offset or MF set: transport not decoded
    uint16_t fragmentOffset = 0; ///< in octets
    bool moreFragments = false;

    bool hasUdp = false;
    UdpHeader udp;
    bool hasTcp = false;
    TcpHeader tcp;
    Ptr<Packet> l4Payload;      ///< UDP or TCP payload
    bool l4LengthBogus = false; ///< UDP Length disagrees with the bytes present

    std::vector<Problem> problems; ///< IPv4, UDP and TCP problems, in order
};

/// One frame of a capture.
struct Frame
{
    uint32_t number = 0;         ///< 1-based, as tshark numbers frames
    uint32_t linkType = 0;       ///< the LINKTYPE_* of its interface
    uint64_t seconds = 0;        ///< timestamp: seconds since the epoch
    uint32_t nanoseconds = 0;    ///< timestamp: fraction of a second
    uint32_t originalLength = 0; ///< length on the wire
    std::vector<uint8_t> bytes;  ///< captured bytes

    /// What linkPayload holds, as an EtherType: Ethernet/SLL type field,
    /// PPP protocols mapped (0x0021 IPv4, 0x0057 IPv6, 0x0281 MPLS); 0 when
    /// the link layer gave no usable type.
    uint16_t etherType = 0;
    uint16_t pppProtocol = 0;      ///< PPP protocol field (PPP links, PPPoE); 0: none
    bool hasPppoe = false;         ///< a PPPoE session header was peeled
    uint16_t pppoeSession = 0;     ///< its Session ID
    std::vector<uint16_t> vlanIds; ///< 802.1Q/802.1ad VLAN IDs, outermost first
    Ptr<Packet> linkPayload;       ///< bytes after the link-layer headers; null if unreadable

    std::vector<Problem> problems; ///< link-layer problems
    Ipv4Layers ipv4;               ///< decoded when etherType is IPv4

    /// The capture kept fewer bytes than the wire carried (snap length).
    bool IsCaptureTruncated() const;
};

/// Decodes one frame's captured bytes for the given link type. An
/// originalLength of 0 means the frame was captured whole; a larger one
/// tells that lengths running past the captured bytes are the capture's
/// doing, not malformed headers. The timestamp is left for the caller.
Frame DecodeFrame(uint32_t linkType,
                  const std::vector<uint8_t>& bytes,
                  uint32_t number = 0,
                  uint32_t originalLength = 0);

/// Peels the optional ff 03 address/control octets (RFC 1662 section 3.1)
/// and the PPP protocol field (1 or 2 octets, RFC 1661 section 6.5) off
/// `p`; returns 0 (and leaves `p` alone) when the protocol field is missing.
uint16_t PeelPppHeader(Ptr<Packet> p);

/// Peels IPv4 and UDP/TCP from a packet holding an IPv4 header, e.g. the
/// payload left after an MPLS label stack. With cutByCapture, IPv4 and UDP
/// lengths past the bytes present are not flagged (the snap length cut
/// them).
Ipv4Layers DecodeIpv4(Ptr<const Packet> packet, bool cutByCapture = false);

/// The bytes of a packet (empty for a null packet).
std::vector<uint8_t> PacketBytes(Ptr<const Packet> packet);

/// A packet holding the given bytes.
Ptr<Packet> MakePacket(const std::vector<uint8_t>& bytes);

} // namespace decode
} // namespace ns3

#endif
