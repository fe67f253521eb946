/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Test helper: reads a pcap file with ns3::PcapFile and peels each frame's
 * link layer, IPv4 and UDP/TCP headers with ns-3's own header classes, so
 * protocol tests can feed the payloads of real captures to the module's
 * decoders. Protocol-neutral: it knows link layers and IPv4/UDP/TCP only.
 *
 * Link types: Ethernet (1; 802.1Q/802.1ad tags and PPPoE sessions), PPP (9;
 * with or without the ff 03 address/control bytes), Linux cooked v1 (113),
 * BSD loopback (0) and raw IP (101). Every length is checked before a header
 * is read, so truncated or fuzzed captures yield flags, not crashes.
 */
#ifndef IPVPN_TEST_CAPTURE_TEST_UTIL_H
#define IPVPN_TEST_CAPTURE_TEST_UTIL_H

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
namespace capture
{

/// pcap LINKTYPE_* values this helper decodes.
enum LinkType : uint32_t
{
    LINKTYPE_NULL = 0,
    LINKTYPE_ETHERNET = 1,
    LINKTYPE_PPP = 9,
    LINKTYPE_RAW = 101,
    LINKTYPE_LINUX_SLL = 113,
};

/// EtherType values used to label link payloads.
enum EtherTypeValue : uint16_t
{
    ETHERTYPE_IPV4 = 0x0800,
    ETHERTYPE_IPV6 = 0x86DD,
    ETHERTYPE_MPLS = 0x8847,
    ETHERTYPE_MPLS_MULTICAST = 0x8848,
    ETHERTYPE_PPPOE_SESSION = 0x8864,
};

/// IPv4 and transport layers found in an IPv4 packet.
struct Ipv4Layers
{
    bool present = false; ///< a well-formed IPv4 header was read
    Ipv4Header ip;
    Ptr<Packet> payload;     ///< IPv4 payload, cut to Total Length
    bool truncated = false;  ///< Total Length reaches past the captured bytes
    bool isFragment = false; ///< offset or MF set: transport not decoded

    bool hasUdp = false;
    UdpHeader udp;
    bool hasTcp = false;
    TcpHeader tcp;
    Ptr<Packet> l4Payload;      ///< UDP or TCP payload
    bool l4LengthBogus = false; ///< UDP Length disagrees with the bytes present
};

/// One frame of a capture.
struct Frame
{
    uint32_t number = 0;         ///< 1-based, as tshark numbers frames
    uint32_t originalLength = 0; ///< length on the wire
    std::vector<uint8_t> bytes;  ///< captured bytes

    /// What linkPayload holds, as an EtherType: Ethernet/SLL type field,
    /// PPP protocols mapped (0x0021 IPv4, 0x0057 IPv6, 0x0281 MPLS); 0 when
    /// the link layer gave no usable type.
    uint16_t etherType = 0;
    uint16_t pppProtocol = 0;      ///< PPP protocol field (PPP links, PPPoE)
    std::vector<uint16_t> vlanIds; ///< 802.1Q/802.1ad VLAN IDs, outermost first
    Ptr<Packet> linkPayload;       ///< bytes after the link-layer headers; null if unreadable

    Ipv4Layers ipv4; ///< decoded when etherType is IPv4
};

/// A capture file read whole.
struct Capture
{
    bool ok = false; ///< the file opened and its header was readable
    std::string error;
    uint32_t linkType = 0;
    std::vector<Frame> frames;
};

/// Reads every frame of a pcap file (not pcapng).
Capture ReadCapture(const std::string& path);

/// Decodes one frame's captured bytes for the given link type, as
/// ReadCapture() does for each record (useful to re-decode cut or mutated
/// frames).
Frame DecodeFrame(uint32_t linkType, const std::vector<uint8_t>& bytes, uint32_t number = 0);

/// Peels IPv4 and UDP/TCP from a packet holding an IPv4 header, e.g. the
/// payload left after an MPLS label stack.
Ipv4Layers DecodeIpv4(Ptr<const Packet> packet);

/// Path of a file of the shared capture corpus; the directory is
/// $IPVPN_CORPUS_DIR if set, else /work/shared/corpus/pcap.
std::string CorpusFile(const std::string& relativePath);

/// The bytes of a packet.
std::vector<uint8_t> PacketBytes(Ptr<const Packet> packet);

/// A packet holding the given bytes.
Ptr<Packet> MakePacket(const std::vector<uint8_t>& bytes);

} // namespace capture
} // namespace ns3

#endif
