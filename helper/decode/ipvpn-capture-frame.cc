// SPDX-License-Identifier: GPL-2.0-only
#include "ipvpn-capture-frame.h"

#include "ns3/ipvpn-byte-order.h"
#include "ns3/log.h"

#include <algorithm>

namespace ns3
{
namespace decode
{

NS_LOG_COMPONENT_DEFINE("IpvpnCaptureFrame");

namespace
{
constexpr uint32_t ETHERNET_HEADER_SIZE = 14;
constexpr uint32_t VLAN_TAG_SIZE = 4;
constexpr uint32_t PPPOE_HEADER_SIZE = 6;
constexpr uint32_t SLL_HEADER_SIZE = 16;
constexpr uint32_t SLL2_HEADER_SIZE = 20;
constexpr uint32_t NULL_HEADER_SIZE = 4;
constexpr uint32_t IPV4_MIN_HEADER = 20;
constexpr uint32_t UDP_HEADER_SIZE = 8;
constexpr uint32_t TCP_MIN_HEADER = 20;
/// Zero bytes added behind a header before ns-3 parses it, so that a
/// header whose options claim more bytes than exist reads zeros instead of
/// running off the buffer (the Debian ns-3 build has no bounds asserts).
constexpr uint32_t SAFETY_PADDING = 64;
/// More tags than this on one frame is treated as garbage.
constexpr std::size_t MAX_VLAN_TAGS = 8;

std::string
NeedHave(std::size_t need, std::size_t have)
{
    return "need=" + std::to_string(need) + " have=" + std::to_string(have);
}

void
Flag(std::vector<Problem>& problems,
     const std::string& layer,
     const std::string& reason,
     const std::string& detail = "")
{
    NS_LOG_LOGIC(layer << ": " << reason << " " << detail);
    problems.push_back(Problem{layer, reason, detail});
}

/// Copy of the first `size` bytes of p followed by zero padding.
Ptr<Packet>
PaddedHead(Ptr<const Packet> p, uint32_t size)
{
    Ptr<Packet> head = p->CreateFragment(0, size);
    head->AddPaddingAtEnd(SAFETY_PADDING);
    return head;
}

/// Walks the link-layer headers of one frame.
class LinkPeeler
{
  public:
    explicit LinkPeeler(Frame& frame)
        : m_frame(frame),
          m_pos(0),
          m_end(frame.bytes.size())
    {
    }

    void Peel(uint32_t linkType);

  private:
    std::size_t Remaining() const
    {
        return m_end - m_pos;
    }

    const uint8_t* Here() const
    {
        return m_frame.bytes.data() + m_pos;
    }

    /// Records a problem unless `size` bytes remain.
    bool Need(std::size_t size, const std::string& layer)
    {
        if (Remaining() >= size)
        {
            return true;
        }
        Flag(m_frame.problems, layer, "header-truncated", NeedHave(size, Remaining()));
        return false;
    }

    void Deliver(uint16_t etherType)
    {
        m_frame.etherType = etherType;
        m_frame.linkPayload = Create<Packet>(Here(), Remaining());
    }

    void PeelEtherType(uint16_t type, const std::string& layer);
    void PeelPppoeSession();
    void PeelPpp(const std::string& layer);
    void PeelLoopback(bool networkOrder);
    void PeelRawIp(bool ipv4Only, bool ipv6Only);

    Frame& m_frame;
    std::size_t m_pos;
    std::size_t m_end;
};

void
LinkPeeler::Peel(uint32_t linkType)
{
    switch (linkType)
    {
    case LINKTYPE_ETHERNET:
        if (Need(ETHERNET_HEADER_SIZE, "eth"))
        {
            const uint16_t type = byteorder::ReadBe16(Here() + 12);
            m_pos += ETHERNET_HEADER_SIZE;
            PeelEtherType(type, "eth");
        }
        break;
    case LINKTYPE_PPP:
        PeelPpp("ppp");
        break;
    case LINKTYPE_LINUX_SLL:
        // Packet type, ARPHRD, address length, 8 address octets, protocol.
        if (Need(SLL_HEADER_SIZE, "sll"))
        {
            const uint16_t type = byteorder::ReadBe16(Here() + 14);
            m_pos += SLL_HEADER_SIZE;
            PeelEtherType(type, "sll");
        }
        break;
    case LINKTYPE_LINUX_SLL2:
        // Protocol first, then reserved, interface index, ARPHRD, packet
        // type, address length and 8 address octets.
        if (Need(SLL2_HEADER_SIZE, "sll2"))
        {
            const uint16_t type = byteorder::ReadBe16(Here());
            m_pos += SLL2_HEADER_SIZE;
            PeelEtherType(type, "sll2");
        }
        break;
    case LINKTYPE_NULL:
        PeelLoopback(false);
        break;
    case LINKTYPE_LOOP:
        PeelLoopback(true);
        break;
    case LINKTYPE_RAW:
    case LINKTYPE_RAW_DLT12:
        PeelRawIp(false, false);
        break;
    case LINKTYPE_IPV4:
        PeelRawIp(true, false);
        break;
    case LINKTYPE_IPV6:
        PeelRawIp(false, true);
        break;
    default:
        Flag(m_frame.problems,
             "link",
             "unsupported-link-type",
             "linktype=" + std::to_string(linkType));
        break;
    }
}

void
LinkPeeler::PeelEtherType(uint16_t type, const std::string& layer)
{
    // IEEE 802.1Q customer tags and 802.1ad (and the older 0x9100) service
    // tags: TCI (PCP, DEI, 12-bit VLAN ID) then the next type.
    while (type == 0x8100 || type == 0x88A8 || type == 0x9100)
    {
        if (m_frame.vlanIds.size() >= MAX_VLAN_TAGS)
        {
            Flag(m_frame.problems, "vlan", "too-many-tags");
            return;
        }
        if (!Need(VLAN_TAG_SIZE, "vlan"))
        {
            return;
        }
        m_frame.vlanIds.push_back(byteorder::ReadBe16(Here()) & 0x0FFF);
        type = byteorder::ReadBe16(Here() + 2);
        m_pos += VLAN_TAG_SIZE;
    }
    if (type < 0x0600)
    {
        // IEEE 802.3 length field: LLC follows, nothing this decoder reads.
        // Ethernet pads short frames, so only a length past the data is bad.
        if (layer == "eth" && type > Remaining() && !m_frame.IsCaptureTruncated())
        {
            Flag(m_frame.problems, layer, "length-exceeds-frame", NeedHave(type, Remaining()));
        }
        return;
    }
    if (type == ETHERTYPE_PPPOE_SESSION)
    {
        PeelPppoeSession();
        return;
    }
    Deliver(type);
}

void
LinkPeeler::PeelPppoeSession()
{
    // RFC 2516 section 4: VER=1, TYPE=1, CODE=0 in the session stage,
    // SESSION_ID, LENGTH of the PPP payload (protocol field included).
    if (!Need(PPPOE_HEADER_SIZE, "pppoe"))
    {
        return;
    }
    const uint8_t verType = Here()[0];
    const uint8_t code = Here()[1];
    const uint16_t length = byteorder::ReadBe16(Here() + 4);
    m_frame.hasPppoe = true;
    m_frame.pppoeSession = byteorder::ReadBe16(Here() + 2);
    m_pos += PPPOE_HEADER_SIZE;
    if (verType != 0x11 || code != 0)
    {
        Flag(m_frame.problems,
             "pppoe",
             "bad-session-header",
             "vertype=" + std::to_string(verType) + " code=" + std::to_string(code));
        return;
    }
    if (length > Remaining())
    {
        if (!m_frame.IsCaptureTruncated())
        {
            Flag(m_frame.problems, "pppoe", "length-exceeds-frame", NeedHave(length, Remaining()));
        }
    }
    else
    {
        m_end = m_pos + length; // the rest is Ethernet padding
    }
    PeelPpp("pppoe");
}

void
LinkPeeler::PeelPpp(const std::string& layer)
{
    // RFC 1662 section 3.1: the All-Stations address 0xff and the UI
    // control 0x03 may precede the protocol field; ns-3 omits them.
    if (Remaining() >= 2 && Here()[0] == 0xFF && Here()[1] == 0x03)
    {
        m_pos += 2;
    }
    if (!Need(1, layer))
    {
        return;
    }
    // RFC 1661 section 6.5: a protocol field whose first octet is odd was
    // compressed to one octet.
    uint16_t protocol = 0;
    if (Here()[0] & 0x01)
    {
        protocol = Here()[0];
        m_pos += 1;
    }
    else
    {
        if (!Need(2, layer))
        {
            return;
        }
        protocol = byteorder::ReadBe16(Here());
        m_pos += 2;
    }
    m_frame.pppProtocol = protocol;
    Deliver(PppToEtherType(protocol));
}

void
LinkPeeler::PeelLoopback(bool networkOrder)
{
    if (!Need(NULL_HEADER_SIZE, "null"))
    {
        return;
    }
    const uint8_t* h = Here();
    const uint32_t le = h[0] | (h[1] << 8) | (h[2] << 16) | (uint32_t(h[3]) << 24);
    const uint32_t be = (uint32_t(h[0]) << 24) | (h[1] << 16) | (h[2] << 8) | h[3];
    // DLT_NULL stores the family in the capturing host's byte order: the
    // small value is the right reading.
    const uint32_t family = networkOrder ? be : (le < 256 ? le : be);
    m_pos += NULL_HEADER_SIZE;
    // AF_INET is 2 everywhere; AF_INET6 is 24, 28 or 30 depending on the OS.
    if (family == 2)
    {
        Deliver(ETHERTYPE_IPV4);
    }
    else if (family == 24 || family == 28 || family == 30 || family == 10)
    {
        Deliver(ETHERTYPE_IPV6);
    }
    else
    {
        Deliver(0);
    }
}

void
LinkPeeler::PeelRawIp(bool ipv4Only, bool ipv6Only)
{
    if (!Need(1, "raw"))
    {
        return;
    }
    const uint8_t version = Here()[0] >> 4;
    if (ipv4Only || (!ipv6Only && version == 4))
    {
        Deliver(ETHERTYPE_IPV4);
    }
    else if (ipv6Only || version == 6)
    {
        Deliver(ETHERTYPE_IPV6);
    }
    else
    {
        Flag(m_frame.problems, "raw", "bad-ip-version", "version=" + std::to_string(version));
    }
}

/// Reads the UDP header of an unfragmented datagram.
void
DecodeUdp(Ptr<Packet> p, bool cutByCapture, Ipv4Layers& layers)
{
    if (p->GetSize() < UDP_HEADER_SIZE)
    {
        Flag(layers.problems, "udp", "header-truncated", NeedHave(UDP_HEADER_SIZE, p->GetSize()));
        return;
    }
    uint8_t u[UDP_HEADER_SIZE];
    p->CopyData(u, UDP_HEADER_SIZE);
    PaddedHead(p, UDP_HEADER_SIZE)->PeekHeader(layers.udp);
    layers.hasUdp = true;
    Ptr<Packet> payload = p->Copy();
    payload->RemoveAtStart(UDP_HEADER_SIZE);
    // RFC 768: Length counts header and data. Bytes past it are padding;
    // a Length past the bytes present keeps what there is.
    const uint32_t udpLength = byteorder::ReadBe16(u + 4);
    layers.l4LengthBogus = udpLength != p->GetSize();
    if (udpLength < UDP_HEADER_SIZE)
    {
        Flag(layers.problems, "udp", "bad-length", "length=" + std::to_string(udpLength));
    }
    else if (udpLength < p->GetSize())
    {
        payload->RemoveAtEnd(p->GetSize() - udpLength);
    }
    else if (udpLength > p->GetSize() && !cutByCapture)
    {
        Flag(layers.problems,
             "udp",
             "length-exceeds-ip-payload",
             NeedHave(udpLength, p->GetSize()));
    }
    layers.l4Payload = payload;
}

/// Reads the TCP header of an unfragmented segment.
void
DecodeTcp(Ptr<Packet> p, Ipv4Layers& layers)
{
    if (p->GetSize() < TCP_MIN_HEADER)
    {
        Flag(layers.problems, "tcp", "header-truncated", NeedHave(TCP_MIN_HEADER, p->GetSize()));
        return;
    }
    uint8_t t[TCP_MIN_HEADER];
    p->CopyData(t, TCP_MIN_HEADER);
    const uint32_t dataOffset = (t[12] >> 4) * 4; // RFC 793 section 3.1
    if (dataOffset < TCP_MIN_HEADER || dataOffset > p->GetSize())
    {
        Flag(layers.problems, "tcp", "bad-data-offset", NeedHave(dataOffset, p->GetSize()));
        return;
    }
    // ns-3's TcpHeader aborts the process on some malformed options (an
    // MSS option whose length is not 4, for one), so it only sees the fixed
    // 20 octets with the data offset set to 5; the options are not needed.
    t[12] = static_cast<uint8_t>((TCP_MIN_HEADER / 4) << 4) | (t[12] & 0x0F);
    Create<Packet>(t, TCP_MIN_HEADER)->PeekHeader(layers.tcp);
    layers.hasTcp = true;
    Ptr<Packet> payload = p->Copy();
    payload->RemoveAtStart(dataOffset);
    layers.l4Payload = payload;
}

} // namespace

bool
IsSupportedLinkType(uint32_t linkType)
{
    switch (linkType)
    {
    case LINKTYPE_NULL:
    case LINKTYPE_ETHERNET:
    case LINKTYPE_PPP:
    case LINKTYPE_RAW_DLT12:
    case LINKTYPE_RAW:
    case LINKTYPE_LOOP:
    case LINKTYPE_LINUX_SLL:
    case LINKTYPE_IPV4:
    case LINKTYPE_IPV6:
    case LINKTYPE_LINUX_SLL2:
        return true;
    default:
        return false;
    }
}

uint16_t
PppToEtherType(uint16_t pppProtocol)
{
    switch (pppProtocol)
    {
    case PPP_IPV4:
        return ETHERTYPE_IPV4;
    case PPP_IPV6:
        return ETHERTYPE_IPV6;
    case PPP_MPLS:
        return ETHERTYPE_MPLS;
    case PPP_MPLS_MULTICAST:
        return ETHERTYPE_MPLS_MULTICAST;
    default:
        return 0;
    }
}

bool
Frame::IsCaptureTruncated() const
{
    return bytes.size() < originalLength;
}

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

uint16_t
PeelPppHeader(Ptr<Packet> p)
{
    if (!p)
    {
        return 0;
    }
    uint8_t b[4] = {0, 0, 0, 0};
    const uint32_t size = p->GetSize();
    p->CopyData(b, std::min<uint32_t>(sizeof(b), size));
    const uint32_t skip = (size >= 2 && b[0] == 0xFF && b[1] == 0x03) ? 2 : 0;
    if (size < skip + 1)
    {
        return 0;
    }
    const uint8_t* field = b + skip;
    const uint32_t fieldSize = (field[0] & 0x01) ? 1 : 2; // RFC 1661 section 6.5
    if (size < skip + fieldSize)
    {
        return 0;
    }
    p->RemoveAtStart(skip + fieldSize);
    return fieldSize == 1 ? field[0] : byteorder::ReadBe16(field);
}

Ipv4Layers
DecodeIpv4(Ptr<const Packet> packet, bool cutByCapture)
{
    Ipv4Layers layers;
    const uint32_t size = packet ? packet->GetSize() : 0;
    if (size < IPV4_MIN_HEADER)
    {
        Flag(layers.problems, "ipv4", "header-truncated", NeedHave(IPV4_MIN_HEADER, size));
        return layers;
    }
    uint8_t h[IPV4_MIN_HEADER];
    packet->CopyData(h, IPV4_MIN_HEADER);
    const uint32_t headerSize = (h[0] & 0x0F) * 4; // RFC 791 section 3.1: IHL
    if ((h[0] >> 4) != 4)
    {
        Flag(layers.problems, "ipv4", "bad-version", "version=" + std::to_string(h[0] >> 4));
        return layers;
    }
    if (headerSize < IPV4_MIN_HEADER || headerSize > size)
    {
        Flag(layers.problems, "ipv4", "bad-header-length", NeedHave(headerSize, size));
        return layers;
    }
    PaddedHead(packet, headerSize)->PeekHeader(layers.ip);
    layers.present = true;

    Ptr<Packet> p = packet->Copy();
    p->RemoveAtStart(headerSize);
    const uint32_t totalLength = byteorder::ReadBe16(h + 2);
    if (totalLength < headerSize)
    {
        Flag(layers.problems, "ipv4", "bad-total-length", NeedHave(headerSize, totalLength));
        layers.truncated = true;
    }
    else if (totalLength - headerSize > p->GetSize())
    {
        layers.truncated = true;
        if (!cutByCapture)
        {
            Flag(layers.problems,
                 "ipv4",
                 "total-length-exceeds-data",
                 NeedHave(totalLength, headerSize + p->GetSize()));
        }
    }
    else
    {
        p->RemoveAtEnd(p->GetSize() - (totalLength - headerSize)); // link padding
    }
    layers.payload = p;
    const uint16_t flagsOffset = byteorder::ReadBe16(h + 6);
    layers.moreFragments = (flagsOffset & 0x2000) != 0;
    layers.fragmentOffset = static_cast<uint16_t>((flagsOffset & 0x1FFF) * 8);
    layers.isFragment = layers.moreFragments || layers.fragmentOffset != 0;
    if (layers.isFragment)
    {
        return layers;
    }
    const uint8_t protocol = h[9];
    if (protocol == 17)
    {
        DecodeUdp(p, cutByCapture, layers);
    }
    else if (protocol == 6)
    {
        DecodeTcp(p, layers);
    }
    return layers;
}

Frame
DecodeFrame(uint32_t linkType,
            const std::vector<uint8_t>& bytes,
            uint32_t number,
            uint32_t originalLength)
{
    Frame frame;
    frame.number = number;
    frame.linkType = linkType;
    frame.originalLength = std::max<uint32_t>(originalLength, bytes.size());
    frame.bytes = bytes;
    LinkPeeler(frame).Peel(linkType);
    if (frame.etherType == ETHERTYPE_IPV4 && frame.linkPayload)
    {
        frame.ipv4 = DecodeIpv4(frame.linkPayload, frame.IsCaptureTruncated());
    }
    return frame;
}

} // namespace decode
} // namespace ns3
