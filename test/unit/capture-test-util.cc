/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "capture-test-util.h"

#include "ns3/ethernet-header.h"
#include "ns3/pcap-file.h"

#include <algorithm>
#include <cstdlib>

namespace ns3
{
namespace capture
{

namespace
{
constexpr uint32_t ETHERNET_HEADER_SIZE = 14;
constexpr uint32_t VLAN_TAG_SIZE = 4;
constexpr uint32_t PPPOE_HEADER_SIZE = 6;
constexpr uint32_t SLL_HEADER_SIZE = 16;
constexpr uint32_t NULL_HEADER_SIZE = 4;
constexpr uint32_t IPV4_MIN_HEADER = 20;
constexpr uint32_t UDP_HEADER_SIZE = 8;
constexpr uint32_t TCP_MIN_HEADER = 20;
/// Zero bytes added behind a header before ns-3 parses it, so that a
/// header whose options claim more bytes than exist reads zeros instead of
/// running off the buffer (the Debian ns-3 build has no bounds asserts).
constexpr uint32_t SAFETY_PADDING = 64;
constexpr uint32_t MAX_FRAME = 262144;

uint16_t
ReadU16(const uint8_t* p)
{
    return uint16_t((p[0] << 8) | p[1]);
}

/// Maps a PPP protocol number to the matching EtherType (0: none).
uint16_t
PppToEtherType(uint16_t protocol)
{
    switch (protocol)
    {
    case 0x0021:
        return ETHERTYPE_IPV4;
    case 0x0057:
        return ETHERTYPE_IPV6;
    case 0x0281:
        return ETHERTYPE_MPLS;
    case 0x0283:
        return ETHERTYPE_MPLS_MULTICAST;
    default:
        return 0;
    }
}

/// Copy of the first `size` bytes of p followed by zero padding.
Ptr<Packet>
PaddedHead(Ptr<const Packet> p, uint32_t size)
{
    Ptr<Packet> head = p->CreateFragment(0, size);
    head->AddPaddingAtEnd(SAFETY_PADDING);
    return head;
}

/// Reads a PPP protocol field (1 byte when compressed) and sets the frame's
/// types. \return false when the field is missing.
bool
TakePppProtocol(Ptr<Packet> p, Frame& frame)
{
    uint8_t b[2] = {0, 0};
    if (p->GetSize() < 1)
    {
        return false;
    }
    p->CopyData(b, std::min<uint32_t>(2, p->GetSize()));
    uint32_t fieldSize = (b[0] & 0x01) ? 1 : 2; // RFC 1661 section 6.5
    if (p->GetSize() < fieldSize)
    {
        return false;
    }
    frame.pppProtocol = fieldSize == 1 ? b[0] : ReadU16(b);
    frame.etherType = PppToEtherType(frame.pppProtocol);
    p->RemoveAtStart(fieldSize);
    frame.linkPayload = p;
    return true;
}

/// Handles VLAN tags and PPPoE after an EtherType field, then stores the
/// payload in the frame.
void
TakeEtherPayload(Ptr<Packet> p, uint16_t type, Frame& frame)
{
    while (type == 0x8100 || type == 0x88A8 || type == 0x9100)
    {
        if (p->GetSize() < VLAN_TAG_SIZE)
        {
            return;
        }
        uint8_t tag[VLAN_TAG_SIZE];
        p->CopyData(tag, VLAN_TAG_SIZE);
        frame.vlanIds.push_back(ReadU16(tag) & 0x0FFF);
        type = ReadU16(tag + 2);
        p->RemoveAtStart(VLAN_TAG_SIZE);
    }
    if (type == ETHERTYPE_PPPOE_SESSION)
    {
        if (p->GetSize() < PPPOE_HEADER_SIZE)
        {
            return;
        }
        uint8_t h[PPPOE_HEADER_SIZE];
        p->CopyData(h, PPPOE_HEADER_SIZE);
        uint16_t length = ReadU16(h + 4); // PPP protocol + payload
        p->RemoveAtStart(PPPOE_HEADER_SIZE);
        if (length < p->GetSize())
        {
            p->RemoveAtEnd(p->GetSize() - length);
        }
        TakePppProtocol(p, frame);
        return;
    }
    frame.etherType = type >= 0x0600 ? type : 0; // below: an 802.3 length
    frame.linkPayload = p;
}

void
DecodeLinkLayer(uint32_t linkType, Frame& frame)
{
    Ptr<Packet> p = MakePacket(frame.bytes);
    switch (linkType)
    {
    case LINKTYPE_ETHERNET: {
        if (p->GetSize() < ETHERNET_HEADER_SIZE)
        {
            return;
        }
        EthernetHeader eth(false);
        p->RemoveHeader(eth);
        TakeEtherPayload(p, eth.GetLengthType(), frame);
        break;
    }
    case LINKTYPE_PPP: {
        uint8_t b[2] = {0, 0};
        if (p->GetSize() >= 2 && (p->CopyData(b, 2), b[0] == 0xFF && b[1] == 0x03))
        {
            p->RemoveAtStart(2); // HDLC-like address and control (RFC 1662)
        }
        TakePppProtocol(p, frame);
        break;
    }
    case LINKTYPE_LINUX_SLL: {
        if (p->GetSize() < SLL_HEADER_SIZE)
        {
            return;
        }
        uint8_t h[SLL_HEADER_SIZE];
        p->CopyData(h, SLL_HEADER_SIZE);
        p->RemoveAtStart(SLL_HEADER_SIZE);
        TakeEtherPayload(p, ReadU16(h + 14), frame);
        break;
    }
    case LINKTYPE_NULL: {
        if (p->GetSize() < NULL_HEADER_SIZE)
        {
            return;
        }
        uint8_t h[NULL_HEADER_SIZE];
        p->CopyData(h, NULL_HEADER_SIZE);
        p->RemoveAtStart(NULL_HEADER_SIZE);
        // Address family in the capturing host's byte order: try both.
        uint32_t le = h[0] | (h[1] << 8) | (h[2] << 16) | (uint32_t(h[3]) << 24);
        uint32_t be = (uint32_t(h[0]) << 24) | (h[1] << 16) | (h[2] << 8) | h[3];
        uint32_t family = le < 256 ? le : be;
        frame.etherType = family == 2                                      ? ETHERTYPE_IPV4
                          : (family == 24 || family == 28 || family == 30) ? ETHERTYPE_IPV6
                                                                           : 0;
        frame.linkPayload = p;
        break;
    }
    case LINKTYPE_RAW: {
        uint8_t b = 0;
        if (p->GetSize() >= 1)
        {
            p->CopyData(&b, 1);
        }
        frame.etherType = (b >> 4) == 4 ? ETHERTYPE_IPV4 : (b >> 4) == 6 ? ETHERTYPE_IPV6 : 0;
        frame.linkPayload = p;
        break;
    }
    default:
        break;
    }
}
} // namespace

std::vector<uint8_t>
PacketBytes(Ptr<const Packet> packet)
{
    std::vector<uint8_t> bytes(packet ? packet->GetSize() : 0);
    if (!bytes.empty())
    {
        packet->CopyData(bytes.data(), bytes.size());
    }
    return bytes;
}

Ptr<Packet>
MakePacket(const std::vector<uint8_t>& bytes)
{
    if (bytes.empty())
    {
        return Create<Packet>();
    }
    return Create<Packet>(bytes.data(), bytes.size());
}

std::string
CorpusFile(const std::string& relativePath)
{
    const char* dir = std::getenv("IPVPN_CORPUS_DIR");
    std::string base = dir != nullptr ? dir : "/work/shared/corpus/pcap";
    return base + "/" + relativePath;
}

Ipv4Layers
DecodeIpv4(Ptr<const Packet> packet)
{
    Ipv4Layers layers;
    if (!packet || packet->GetSize() < IPV4_MIN_HEADER)
    {
        return layers;
    }
    uint8_t h[IPV4_MIN_HEADER];
    packet->CopyData(h, IPV4_MIN_HEADER);
    uint32_t headerSize = (h[0] & 0x0F) * 4;
    if ((h[0] >> 4) != 4 || headerSize < IPV4_MIN_HEADER || headerSize > packet->GetSize())
    {
        return layers;
    }
    PaddedHead(packet, headerSize)->PeekHeader(layers.ip);
    layers.present = true;

    Ptr<Packet> p = packet->Copy();
    p->RemoveAtStart(headerSize);
    uint32_t totalLength = ReadU16(h + 2);
    if (totalLength < headerSize || totalLength - headerSize > p->GetSize())
    {
        layers.truncated = true;
    }
    else
    {
        p->RemoveAtEnd(p->GetSize() - (totalLength - headerSize)); // link padding
    }
    layers.payload = p;
    layers.isFragment = (ReadU16(h + 6) & 0x3FFF) != 0;
    if (layers.isFragment)
    {
        return layers;
    }

    uint8_t protocol = h[9];
    if (protocol == 17 && p->GetSize() >= UDP_HEADER_SIZE)
    {
        uint8_t u[UDP_HEADER_SIZE];
        p->CopyData(u, UDP_HEADER_SIZE);
        PaddedHead(p, UDP_HEADER_SIZE)->PeekHeader(layers.udp);
        layers.hasUdp = true;
        Ptr<Packet> payload = p->Copy();
        payload->RemoveAtStart(UDP_HEADER_SIZE);
        uint32_t udpLength = ReadU16(u + 4);
        layers.l4LengthBogus = udpLength != p->GetSize();
        if (udpLength >= UDP_HEADER_SIZE && udpLength < p->GetSize())
        {
            payload->RemoveAtEnd(p->GetSize() - udpLength);
        }
        layers.l4Payload = payload;
    }
    else if (protocol == 6 && p->GetSize() >= TCP_MIN_HEADER)
    {
        uint8_t t[TCP_MIN_HEADER];
        p->CopyData(t, TCP_MIN_HEADER);
        uint32_t dataOffset = (t[12] >> 4) * 4;
        if (dataOffset >= TCP_MIN_HEADER && dataOffset <= p->GetSize())
        {
            PaddedHead(p, dataOffset)->PeekHeader(layers.tcp);
            layers.hasTcp = true;
            Ptr<Packet> payload = p->Copy();
            payload->RemoveAtStart(dataOffset);
            layers.l4Payload = payload;
        }
    }
    return layers;
}

Frame
DecodeFrame(uint32_t linkType, const std::vector<uint8_t>& bytes, uint32_t number)
{
    Frame frame;
    frame.number = number;
    frame.originalLength = bytes.size();
    frame.bytes = bytes;
    DecodeLinkLayer(linkType, frame);
    if (frame.etherType == ETHERTYPE_IPV4 && frame.linkPayload)
    {
        frame.ipv4 = DecodeIpv4(frame.linkPayload);
    }
    return frame;
}

Capture
ReadCapture(const std::string& path)
{
    Capture capture;
    PcapFile file;
    file.Open(path, std::ios::in);
    if (file.Fail())
    {
        capture.error = "cannot open or parse pcap header: " + path;
        return capture;
    }
    capture.ok = true;
    capture.linkType = file.GetDataLinkType();
    std::vector<uint8_t> buffer(MAX_FRAME);
    for (uint32_t number = 1;; ++number)
    {
        uint32_t tsSec = 0;
        uint32_t tsUsec = 0;
        uint32_t inclLen = 0;
        uint32_t origLen = 0;
        uint32_t readLen = 0;
        file.Read(buffer.data(), buffer.size(), tsSec, tsUsec, inclLen, origLen, readLen);
        if (file.Fail())
        {
            break; // end of file, or a record cut short
        }
        std::vector<uint8_t> bytes(buffer.begin(),
                                   buffer.begin() + std::min<uint32_t>(readLen, MAX_FRAME));
        Frame frame = DecodeFrame(capture.linkType, bytes, number);
        frame.originalLength = origLen;
        capture.frames.push_back(std::move(frame));
    }
    file.Close();
    return capture;
}

} // namespace capture
} // namespace ns3
