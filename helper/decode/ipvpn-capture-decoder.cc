// SPDX-License-Identifier: GPL-2.0-only
#include "ipvpn-capture-decoder.h"

#include "ipvpn-dhcp-summary.h"
#include "ipvpn-dns-summary.h"
#include "ipvpn-htip-summary.h"
#include "ipvpn-message-summary.h"
#include "ipvpn-vr-discovery-summary.h"

#include "ns3/dhcp-message.h"
#include "ns3/dns-message.h"
#include "ns3/htip-message.h"
#include "ns3/ipvpn-byte-order.h"
#include "ns3/log.h"
#include "ns3/vr-discovery-header.h"

#include <algorithm>
#include <sstream>

namespace ns3
{
namespace decode
{

NS_LOG_COMPONENT_DEFINE("IpvpnCaptureDecoder");

namespace
{
constexpr uint8_t IP_PROTOCOL_TCP = 6;
constexpr uint8_t IP_PROTOCOL_UDP = 17;
constexpr uint8_t IP_PROTOCOL_GRE = 47;
constexpr uint8_t IP_PROTOCOL_OSPF = 89; ///< RFC 2328 A.1
constexpr uint16_t GRE_PPP = 0x880B; ///< RFC 2637 section 4.1
constexpr uint32_t GRE_BASE_HEADER = 4;
// GRE flag bits of the first 16-bit word (RFC 2784 section 2, RFC 2890
// section 2, RFC 2637 section 4.1).
constexpr uint16_t GRE_CHECKSUM = 0x8000;
constexpr uint16_t GRE_ROUTING = 0x4000;
constexpr uint16_t GRE_KEY = 0x2000;
constexpr uint16_t GRE_SEQUENCE = 0x1000;
constexpr uint16_t GRE_ACKNOWLEDGMENT = 0x0080; ///< version 1 only
constexpr uint16_t GRE_VERSION = 0x0007;
constexpr uint32_t LDP_LENGTH_PREFIX = 4; ///< Version and PDU Length
constexpr uint16_t LDP_MIN_PDU_LENGTH = 6;
constexpr uint8_t TCP_SYN = 0x02;

/// "src=A:p dst=B:q" for a message on UDP or TCP.
std::string
Ends(const Ipv4Layers& layers, uint16_t sport, uint16_t dport)
{
    std::ostringstream os;
    os << "src=" << layers.ip.GetSource() << ":" << sport << " dst=" << layers.ip.GetDestination()
       << ":" << dport;
    return os.str();
}

/// "src=A dst=B" for what IPv4 carries without ports (fragments, GRE).
std::string
Ends(const Ipv4Layers& layers)
{
    std::ostringstream os;
    os << "src=" << layers.ip.GetSource() << " dst=" << layers.ip.GetDestination();
    return os.str();
}

bool
IsRadiusPort(uint16_t port)
{
    return port == PORT_RADIUS || port == PORT_RADIUS_ACCT || port == PORT_RADIUS_OLD ||
           port == PORT_RADIUS_OLD_ACCT || port == PORT_RADIUS_DYNAUTH;
}

bool
HasPort(uint16_t a, uint16_t b, uint16_t port)
{
    return a == port || b == port;
}

/// True when `a` comes after `b` in TCP sequence space (RFC 793 3.3).
bool
SequenceAfter(uint32_t a, uint32_t b)
{
    return static_cast<int32_t>(a - b) > 0;
}
} // namespace

void
CaptureDecoder::Emit(Context& ctx, DecodedMessage message) const
{
    message.frame = ctx.frame.number;
    message.seconds = ctx.frame.seconds;
    message.nanoseconds = ctx.frame.nanoseconds;
    if (message.IsMalformed() && ctx.frame.IsCaptureTruncated())
    {
        message.Add("capture", "truncated"); // the snap length cut the frame
    }
    ctx.out.push_back(std::move(message));
}

void
CaptureDecoder::ReportProblems(Context& ctx, const std::vector<Problem>& problems) const
{
    for (const auto& problem : problems)
    {
        Emit(ctx, DecodedMessage::Malformed(problem.layer, problem.reason).AddWords(problem.detail));
    }
}

std::vector<DecodedMessage>
CaptureDecoder::Decode(const Frame& frame)
{
    std::vector<DecodedMessage> out;
    if (!IsSupportedLinkType(frame.linkType))
    {
        return out;
    }
    Context ctx{frame, out, 0};
    ReportProblems(ctx, frame.problems);
    if (!frame.linkPayload)
    {
        return out;
    }
    if (frame.pppProtocol != 0 && frame.etherType == 0)
    {
        DecodePpp(ctx, frame.pppProtocol, frame.linkPayload);
    }
    else if (frame.etherType == ETHERTYPE_IPV4)
    {
        HandleIpv4(ctx, frame.ipv4); // peeled by DecodeFrame()
    }
    else if (frame.etherType == ETHERTYPE_MPLS || frame.etherType == ETHERTYPE_MPLS_MULTICAST)
    {
        DecodeMpls(ctx, frame.linkPayload);
    }
    return out;
}

void
CaptureDecoder::DecodePpp(Context& ctx, uint16_t protocol, Ptr<const Packet> payload)
{
    if (++ctx.depth > MAX_DEPTH)
    {
        Emit(ctx, DecodedMessage::Malformed("ppp", "nested-too-deep"));
        return;
    }
    if (IsPppControlProtocol(protocol))
    {
        Emit(ctx, SummarizePppControl(protocol, PacketBytes(payload)));
    }
    else if (protocol == PPP_IPV4)
    {
        DecodeIpv4Packet(ctx, payload);
    }
    else if (protocol == PPP_MPLS || protocol == PPP_MPLS_MULTICAST)
    {
        DecodeMpls(ctx, payload);
    }
    --ctx.depth;
}

void
CaptureDecoder::DecodeMpls(Context& ctx, Ptr<const Packet> packet, const std::string& carrier)
{
    MplsSummary summary = SummarizeMpls(packet);
    Emit(ctx, summary.message.AddWords(carrier));
    if (summary.payloadType == MplsPayload::IPV4 && ctx.depth < MAX_DEPTH)
    {
        ++ctx.depth;
        DecodeIpv4Packet(ctx, summary.payload);
        --ctx.depth;
    }
}

void
CaptureDecoder::DecodeIpv4Packet(Context& ctx, Ptr<const Packet> packet)
{
    HandleIpv4(ctx, DecodeIpv4(packet, ctx.frame.IsCaptureTruncated()));
}

void
CaptureDecoder::HandleIpv4(Context& ctx, const Ipv4Layers& layers)
{
    ReportProblems(ctx, layers.problems);
    if (!layers.present)
    {
        return;
    }
    if (layers.isFragment)
    {
        // RFC 791: without reassembly only the first fragment has the
        // transport header; nothing above IPv4 is decoded.
        DecodedMessage line("ipv4", "fragment");
        line.Add("ip-id", Hex16(layers.ip.GetIdentification()))
            .Add("offset", layers.fragmentOffset)
            .Add("more", layers.moreFragments ? 1 : 0)
            .Add("protocol", layers.ip.GetProtocol())
            .AddWords(Ends(layers));
        Emit(ctx, line);
        return;
    }
    switch (layers.ip.GetProtocol())
    {
    case IP_PROTOCOL_UDP:
        if (layers.hasUdp)
        {
            DecodeUdp(ctx, layers);
        }
        break;
    case IP_PROTOCOL_TCP:
        if (layers.hasTcp &&
            HasPort(layers.tcp.GetSourcePort(), layers.tcp.GetDestinationPort(), PORT_LDP))
        {
            DecodeTcpLdp(ctx, layers);
        }
        else if (layers.hasTcp && HasPort(layers.tcp.GetSourcePort(),
                                          layers.tcp.GetDestinationPort(),
                                          dns::DNS_PORT))
        {
            DecodeTcpDns(ctx, layers);
        }
        break;
    case IP_PROTOCOL_GRE:
        DecodeGre(ctx, layers);
        break;
    case IP_PROTOCOL_OSPF:
        if (layers.payload)
        {
            Emit(ctx, SummarizeOspf(PacketBytes(layers.payload)).AddWords(Ends(layers)));
        }
        break;
    default:
        break;
    }
}

void
CaptureDecoder::DecodeUdp(Context& ctx, const Ipv4Layers& layers)
{
    const uint16_t sport = layers.udp.GetSourcePort();
    const uint16_t dport = layers.udp.GetDestinationPort();
    const std::string ends = Ends(layers, sport, dport);
    const std::vector<uint8_t> payload = PacketBytes(layers.l4Payload);
    if (dport == PORT_MPLS_UDP)
    {
        // RFC 7510 section 3: the destination port alone says MPLS (the
        // source port is flow entropy). An empty datagram holds no stack.
        if (!payload.empty())
        {
            DecodeMpls(ctx, layers.l4Payload, "encap=udp " + ends);
        }
    }
    else if (HasPort(sport, dport, PORT_LDP))
    {
        for (auto& line : SummarizeLdp(payload))
        {
            Emit(ctx, line.AddWords(ends));
        }
    }
    else if (HasPort(sport, dport, PORT_L2TP))
    {
        L2tpSummary summary = SummarizeL2tp(payload);
        Emit(ctx, summary.message.AddWords(ends));
        if (summary.pppPayload)
        {
            DecodePpp(ctx, summary.pppProtocol, summary.pppPayload);
        }
    }
    else if (IsRadiusPort(sport) || IsRadiusPort(dport))
    {
        Emit(ctx, SummarizeRadius(payload).AddWords(ends));
    }
    else if (HasPort(sport, dport, vr::DISCOVERY_PORT))
    {
        // doc/vr-discovery.md: one message is the whole datagram.
        Emit(ctx, SummarizeVrDiscovery(payload).AddWords(ends));
    }
    else if (HasPort(sport, dport, htip::HTIP_PORT))
    {
        // doc/htip-wire.md: one message is the whole datagram.
        Emit(ctx, SummarizeHtip(payload).AddWords(ends));
    }
    else if (HasPort(sport, dport, dns::DNS_PORT))
    {
        // RFC 1035 4.2.1: one message per datagram.
        Emit(ctx, SummarizeDns(payload).AddWords(ends));
    }
    else if (HasPort(sport, dport, dhcp::SERVER_PORT) || HasPort(sport, dport, dhcp::CLIENT_PORT))
    {
        // RFC 2131 section 4.1: the message is the whole datagram.
        Emit(ctx, SummarizeDhcp(payload).AddWords(ends));
    }
}

CaptureDecoder::TcpStream*
CaptureDecoder::AppendTcpSegment(Context& ctx, const Ipv4Layers& layers, const std::string& protocol)
{
    const uint16_t sport = layers.tcp.GetSourcePort();
    const uint16_t dport = layers.tcp.GetDestinationPort();
    const StreamKey key{layers.ip.GetSource().Get(), sport, layers.ip.GetDestination().Get(), dport};
    TcpStream& stream = m_streams[key];
    const uint32_t sequence = layers.tcp.GetSequenceNumber().GetValue();
    const std::vector<uint8_t> data = PacketBytes(layers.l4Payload);
    if (layers.tcp.GetFlags() & TCP_SYN)
    {
        stream = TcpStream(); // a new connection; SYN takes one number
        stream.synced = true;
        stream.nextSequence = sequence + 1;
    }
    stream.protocol = protocol;
    if (data.empty())
    {
        return nullptr;
    }
    const std::string ends = Ends(layers, sport, dport);
    if (!stream.pending.empty() && sequence != stream.nextSequence)
    {
        // The rest of the waiting message is missing (or this is a resend):
        // the bytes held cannot be completed.
        if (SequenceAfter(sequence, stream.nextSequence))
        {
            DecodedMessage gap = DecodedMessage::Malformed(protocol, "tcp-gap");
            gap.Add("lost", sequence - stream.nextSequence).AddWords(ends);
            Emit(ctx, gap);
        }
        stream.pending.clear();
    }
    stream.pending.insert(stream.pending.end(), data.begin(), data.end());
    stream.synced = true;
    stream.nextSequence = sequence + data.size();
    stream.lastFrame = ctx.frame.number;
    stream.lastSeconds = ctx.frame.seconds;
    stream.lastNanoseconds = ctx.frame.nanoseconds;
    stream.endpoints = ends;
    return &stream;
}

void
CaptureDecoder::DecodeTcpLdp(Context& ctx, const Ipv4Layers& layers)
{
    TcpStream* appended = AppendTcpSegment(ctx, layers, "ldp");
    if (!appended)
    {
        return;
    }
    TcpStream& stream = *appended;
    const std::string& ends = stream.endpoints;
    // RFC 5036 section 3.1: each PDU is 4 + PDU Length octets; several may
    // share a segment and one may span several.
    std::size_t used = 0;
    while (stream.pending.size() - used >= LDP_LENGTH_PREFIX)
    {
        const uint8_t* head = stream.pending.data() + used;
        const uint16_t pduLength = byteorder::ReadBe16(head + 2);
        const std::size_t total = LDP_LENGTH_PREFIX + pduLength;
        if (byteorder::ReadBe16(head) != 1 || pduLength < LDP_MIN_PDU_LENGTH)
        {
            // The stream cannot be framed: report and drop what is held.
            std::vector<uint8_t> rest(stream.pending.begin() + used, stream.pending.end());
            for (auto& line : SummarizeLdp(rest))
            {
                Emit(ctx, line.AddWords(ends));
            }
            used = stream.pending.size();
            break;
        }
        if (stream.pending.size() - used < total)
        {
            break; // wait for the next segment
        }
        std::vector<uint8_t> pdu(stream.pending.begin() + used, stream.pending.begin() + used + total);
        for (auto& line : SummarizeLdp(pdu))
        {
            Emit(ctx, line.AddWords(ends));
        }
        used += total;
    }
    stream.pending.erase(stream.pending.begin(), stream.pending.begin() + used);
}

void
CaptureDecoder::DecodeTcpDns(Context& ctx, const Ipv4Layers& layers)
{
    TcpStream* appended = AppendTcpSegment(ctx, layers, "dns");
    if (!appended)
    {
        return;
    }
    TcpStream& stream = *appended;
    // RFC 1035 4.2.2: a two-octet length, then the message; several may
    // share a segment and one may span several.
    std::size_t used = 0;
    std::vector<uint8_t> message;
    while (std::size_t taken = dns::ReadTcpFrame(stream.pending.data() + used,
                                                 stream.pending.size() - used,
                                                 message))
    {
        Emit(ctx, SummarizeDns(message).AddWords(stream.endpoints));
        used += taken;
    }
    stream.pending.erase(stream.pending.begin(), stream.pending.begin() + used);
}

void
CaptureDecoder::DecodeGre(Context& ctx, const Ipv4Layers& layers)
{
    const std::vector<uint8_t> bytes = PacketBytes(layers.payload);
    if (bytes.size() < GRE_BASE_HEADER)
    {
        DecodedMessage line = DecodedMessage::Malformed("gre", "header-truncated");
        line.Add("need", GRE_BASE_HEADER).Add("have", bytes.size()).AddWords(Ends(layers));
        Emit(ctx, line);
        return;
    }
    const uint16_t flags = byteorder::ReadBe16(bytes.data());
    const uint16_t protocol = byteorder::ReadBe16(bytes.data() + 2);
    const uint8_t version = flags & GRE_VERSION;
    auto malformed = [&](const std::string& reason) {
        DecodedMessage line = DecodedMessage::Malformed("gre", reason);
        line.Add("version", version).Add("protocol", Hex16(protocol));
        return line;
    };
    // RFC 2784 section 2.1 / RFC 2890 section 2: C adds checksum and
    // reserved, K a key, S a sequence number. RFC 2637 section 4.1
    // (version 1, PPTP): K holds payload length and call ID, A adds an
    // acknowledgment number.
    uint32_t size = GRE_BASE_HEADER;
    if (version == 0)
    {
        // The R bit announces RFC 1701 source routing, which RFC 2784
        // section 2.3 drops; its variable-length fields are not followed.
        if (flags & GRE_ROUTING)
        {
            Emit(ctx, malformed("routing-not-supported").AddWords(Ends(layers)));
            return;
        }
        size += (flags & GRE_CHECKSUM) ? 4 : 0;
    }
    else if (version == 1)
    {
        // The enhanced header only ever carries PPP (RFC 2637 section 4.1).
        if (protocol != GRE_PPP)
        {
            Emit(ctx, malformed("unexpected-protocol").AddWords(Ends(layers)));
            return;
        }
        size += (flags & GRE_ACKNOWLEDGMENT) ? 4 : 0;
    }
    else
    {
        Emit(ctx, malformed("bad-version").AddWords(Ends(layers)));
        return;
    }
    size += (flags & GRE_KEY) ? 4 : 0;
    size += (flags & GRE_SEQUENCE) ? 4 : 0;
    if (bytes.size() < size)
    {
        DecodedMessage line = malformed("header-truncated");
        line.Add("need", size).Add("have", bytes.size()).AddWords(Ends(layers));
        Emit(ctx, line);
        return;
    }
    Ptr<Packet> inner = Create<Packet>(bytes.data() + size, bytes.size() - size);
    if (inner->GetSize() == 0 || ctx.depth >= MAX_DEPTH)
    {
        return;
    }
    ++ctx.depth;
    if (protocol == GRE_PPP)
    {
        const uint16_t pppProtocol = PeelPppHeader(inner);
        if (pppProtocol != 0)
        {
            DecodePpp(ctx, pppProtocol, inner);
        }
    }
    else if (protocol == ETHERTYPE_IPV4)
    {
        DecodeIpv4Packet(ctx, inner);
    }
    else if (protocol == ETHERTYPE_MPLS || protocol == ETHERTYPE_MPLS_MULTICAST)
    {
        // RFC 4023 section 4: the protocol type is the MPLS EtherType and
        // the label stack follows the GRE header.
        DecodeMpls(ctx, inner, "encap=gre " + Ends(layers));
    }
    --ctx.depth;
}

std::vector<DecodedMessage>
CaptureDecoder::Finish()
{
    std::vector<DecodedMessage> out;
    for (auto& [key, stream] : m_streams)
    {
        if (stream.pending.empty())
        {
            continue;
        }
        // An LDP PDU (RFC 5036 3.1) or DNS message (RFC 1035 4.2.2) cut by the end of the capture.
        DecodedMessage line = DecodedMessage::Malformed(
            stream.protocol, stream.protocol == "dns" ? "incomplete-message" : "incomplete-pdu");
        line.Add("have", stream.pending.size()).AddWords(stream.endpoints);
        line.frame = stream.lastFrame;
        line.seconds = stream.lastSeconds;
        line.nanoseconds = stream.lastNanoseconds;
        out.push_back(line);
        stream.pending.clear();
    }
    return out;
}

} // namespace decode
} // namespace ns3
