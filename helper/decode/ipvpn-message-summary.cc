// SPDX-License-Identifier: GPL-2.0-only
#include "ipvpn-message-summary.h"

#include "ipvpn-capture-frame.h"

#include "ns3/buffer.h"
#include "ns3/l2tp-packet-header.h"
#include "ns3/ldp-address-messages.h"
#include "ns3/ldp-label-messages.h"
#include "ns3/ldp-pdu.h"
#include "ns3/ldp-session-messages.h"
#include "ns3/ldp-status.h"
#include "ns3/log.h"
#include "ns3/mpls-label-stack-header.h"
#include "ns3/ospf-authentication.h"
#include "ns3/ospf-database-description-header.h"
#include "ns3/ospf-hello-header.h"
#include "ns3/ospf-link-state-ack-header.h"
#include "ns3/ospf-link-state-request-header.h"
#include "ns3/ospf-link-state-update-header.h"
#include "ns3/ospf-packet-header.h"
#include "ns3/ppp-control-header.h"
#include "ns3/radius-packet-header.h"

#include <sstream>

namespace ns3
{
namespace decode
{

NS_LOG_COMPONENT_DEFINE("IpvpnMessageSummary");

namespace
{

/// A buffer holding exactly these bytes.
Buffer
ToBuffer(const std::vector<uint8_t>& bytes)
{
    Buffer buffer;
    buffer.AddAtStart(bytes.size());
    if (!bytes.empty())
    {
        buffer.Begin().Write(bytes.data(), bytes.size());
    }
    return buffer;
}

std::string
Join(const std::vector<std::string>& items)
{
    std::string out;
    for (const auto& item : items)
    {
        out += (out.empty() ? "" : ",") + item;
    }
    return out.empty() ? "none" : out;
}

// ------------------------------------------------------------------ LDP

/// FEC elements as "10.0.0.0/24", a host address, or "wildcard".
std::string
FecText(const ldp::FecTlv& fec)
{
    std::vector<std::string> items;
    for (const auto& e : fec.elements)
    {
        switch (e.type)
        {
        case ldp::FEC_WILDCARD:
            items.emplace_back("wildcard");
            break;
        case ldp::FEC_PREFIX:
            items.push_back(e.IsIpv4() ? Text(e.GetIpv4Address()) + "/" + std::to_string(e.length)
                                       : "af" + std::to_string(e.family) + "/" +
                                             std::to_string(e.length));
            break;
        case ldp::FEC_HOST_ADDRESS:
            items.push_back(e.IsIpv4() && e.length == 4 ? Text(e.GetIpv4Address())
                                                        : "host-af" + std::to_string(e.family));
            break;
        default:
            items.push_back("element-" + std::to_string(e.type));
            break;
        }
    }
    return Join(items);
}

DecodedMessage
LdpMalformed(uint32_t status, const ldp::Message& m)
{
    DecodedMessage line = DecodedMessage::Malformed("ldp", ldp::StatusCodeName(status));
    line.Add("msg", ldp::MessageTypeName(m.GetType())).Add("id", m.GetMessageId());
    return line;
}

/// Loads a generic message into its typed class (RFC 5036 section 3.5
/// checks: mandatory parameters, value formats) and fills `line`.
/// \return false when the typed class rejects it.
template <typename Typed, typename Fill>
bool
TypedFields(const ldp::Message& m, DecodedMessage& line, Fill fill)
{
    Typed typed;
    const bool loaded = typed.LoadFrom(m);
    const uint32_t status = typed.GetStatus();
    // An address family or FEC element this module does not implement is
    // a well-formed message all the same (RFC 5036 sections 3.4.1, 3.5.5.1).
    const bool unsupported =
        status == ldp::STATUS_UNSUPPORTED_ADDRESS_FAMILY || status == ldp::STATUS_UNKNOWN_FEC;
    if (!loaded && !unsupported)
    {
        line = LdpMalformed(status, m);
        return false;
    }
    fill(typed);
    if (!loaded)
    {
        line.Add("note", ReasonToken(ldp::StatusCodeName(status)));
    }
    return true;
}

DecodedMessage
SummarizeLdpMessage(const ldp::Message& m, const std::string& lsr)
{
    using namespace ldp;
    if (!m.IsValid())
    {
        return LdpMalformed(m.GetStatus(), m);
    }
    DecodedMessage line("ldp", Token(MessageTypeName(m.GetType())));
    line.Add("id", m.GetMessageId()).Add("lsr", lsr);
    auto fecAndLabel = [&line](const auto& t) {
        line.Add("fec", FecText(t.GetFec()));
        if (t.HasLabel())
        {
            line.Add("label", t.GetLabel());
        }
    };
    auto addressList = [&line](const auto& t) {
        std::vector<std::string> list; // sections 3.5.5, 3.5.6
        for (const auto& a : t.GetAddresses())
        {
            list.push_back(Text(a));
        }
        if (t.GetAddressList().family != ADDRESS_FAMILY_IPV4)
        {
            line.Add("family", t.GetAddressList().family);
        }
        line.Add("addresses", Join(list));
    };
    switch (m.GetType())
    {
    case MSG_LABEL_MAPPING:
        TypedFields<LabelMappingMessage>(m, line, [&line](const LabelMappingMessage& t) {
            line.Add("fec", FecText(t.GetFec())).Add("label", t.GetLabel());
        });
        break;
    case MSG_LABEL_REQUEST:
        TypedFields<LabelRequestMessage>(m, line, [&line](const LabelRequestMessage& t) {
            line.Add("fec", FecText(t.GetFec()));
        });
        break;
    case MSG_LABEL_ABORT_REQUEST:
        TypedFields<LabelAbortRequestMessage>(m, line, [&line](const LabelAbortRequestMessage& t) {
            line.Add("fec", FecText(t.GetFec())).Add("request-id", t.GetLabelRequestId());
        });
        break;
    case MSG_LABEL_WITHDRAW:
        TypedFields<LabelWithdrawMessage>(m, line, fecAndLabel);
        break;
    case MSG_LABEL_RELEASE:
        TypedFields<LabelReleaseMessage>(m, line, fecAndLabel);
        break;
    case MSG_HELLO:
        TypedFields<HelloMessage>(m, line, [&line](const HelloMessage& t) {
            line.Add("hold", t.GetHelloParams().holdTime);
            line.Add("targeted", t.GetHelloParams().targeted ? 1 : 0);
        });
        break;
    case MSG_NOTIFICATION:
        TypedFields<NotificationMessage>(m, line, [&line](const NotificationMessage& t) {
            line.Add("status", ReasonToken(StatusCodeName(t.GetStatusTlv().statusData)));
        });
        break;
    case MSG_ADDRESS:
        TypedFields<AddressMessage>(m, line, addressList);
        break;
    case MSG_ADDRESS_WITHDRAW:
        TypedFields<AddressWithdrawMessage>(m, line, addressList);
        break;
    case MSG_INITIALIZATION:
        TypedFields<InitializationMessage>(m, line, [&line](const InitializationMessage& t) {
            line.Add("keepalive", t.GetSessionParams().keepAliveTime);
        });
        break;
    case MSG_KEEPALIVE:
        TypedFields<KeepAliveMessage>(m, line, [](const KeepAliveMessage&) {});
        break;
    default:
        if (m.GetUnknownBit())
        {
            line.Add("u", 1); // section 3.5: an unknown message to ignore
        }
        break;
    }
    return line;
}

std::string
L2tpErrorToken(l2tp::PacketHeader::Error error)
{
    switch (error)
    {
    case l2tp::PacketHeader::TRUNCATED:
        return "truncated";
    case l2tp::PacketHeader::BAD_VERSION:
        return "bad-version";
    case l2tp::PacketHeader::BAD_CONTROL_FLAGS:
        return "bad-control-flags";
    case l2tp::PacketHeader::BAD_LENGTH:
        return "bad-length";
    case l2tp::PacketHeader::BAD_AVP:
        return "bad-avp";
    case l2tp::PacketHeader::FIRST_AVP_NOT_MESSAGE_TYPE:
        return "first-avp-not-message-type";
    default:
        return "unknown";
    }
}

/// AVP names; '*' marks a hidden value (RFC 2661 section 4.3).
std::string
AvpList(const std::vector<l2tp::Avp>& avps)
{
    std::vector<std::string> names;
    for (const auto& avp : avps)
    {
        std::string name = avp.GetVendorId() == 0
                               ? Token(l2tp::AvpTypeName(avp.GetType()))
                               : "vendor-" + std::to_string(avp.GetVendorId()) + ":" +
                                     std::to_string(avp.GetType());
        if (name == "Unknown")
        {
            name = "AVP-" + std::to_string(avp.GetType());
        }
        names.push_back(name + (avp.IsHidden() ? "*" : ""));
    }
    return Join(names);
}

/// RADIUS code names, with the RFC 5176 dynamic authorization codes.
std::string
RadiusCodeName(uint8_t code)
{
    switch (code)
    {
    case 40:
        return "Disconnect-Request"; // RFC 5176 section 3.1
    case 41:
        return "Disconnect-ACK";
    case 42:
        return "Disconnect-NAK";
    case 43:
        return "CoA-Request"; // RFC 5176 section 3.2
    case 44:
        return "CoA-ACK";
    case 45:
        return "CoA-NAK";
    default: {
        const std::string name = radius::CodeName(code);
        return name == "Unknown" ? "Code-" + std::to_string(code) : name;
    }
    }
}

std::string
RadiusErrorToken(radius::PacketHeader::Error error)
{
    switch (error)
    {
    case radius::PacketHeader::TRUNCATED:
        return "truncated";
    case radius::PacketHeader::BAD_LENGTH:
        return "bad-length";
    case radius::PacketHeader::LENGTH_EXCEEDS_DATA:
        return "length-exceeds-data";
    case radius::PacketHeader::BAD_ATTRIBUTE:
        return "bad-attribute";
    default:
        return "unknown";
    }
}

// ------------------------------------------------------------------ OSPF

std::string
OspfAuthName(uint16_t auType)
{
    switch (auType)
    {
    case ospf::AUTYPE_NULL:
        return "null";
    case ospf::AUTYPE_SIMPLE:
        return "simple";
    case ospf::AUTYPE_CRYPTOGRAPHIC:
        return "md5";
    default:
        return std::to_string(auType);
    }
}

/// Reason token of a body the codec flagged; the error enums of the five
/// body classes share these meanings.
std::string
OspfBodyErrorToken(bool truncated, bool badLength, bool badLsa)
{
    if (truncated)
    {
        return "body-truncated";
    }
    if (badLength)
    {
        return "bad-body-length";
    }
    return badLsa ? "bad-lsa" : "bad-ls-type";
}

/// Decodes the body (octets 24 to Packet length) into `body`.
template <typename Body>
void
OspfDecodeBody(const std::vector<uint8_t>& bytes, uint16_t length, Body& body)
{
    Buffer buffer = ToBuffer(bytes);
    Buffer::Iterator start = buffer.Begin();
    start.Next(ospf::PacketHeader::SIZE);
    Buffer::Iterator end = buffer.Begin();
    end.Next(length);
    body.Deserialize(start, end);
}

std::string
OspfLsaHeaderText(const ospf::LsaHeader& h)
{
    return std::to_string(h.GetType()) + "/" + Text(h.GetLinkStateId()) + "/" +
           Text(h.GetAdvertisingRouter()) + "/" +
           Hex32(static_cast<uint32_t>(h.GetSequenceNumber()));
}

} // namespace

std::vector<DecodedMessage>
SummarizeLdp(const std::vector<uint8_t>& bytes)
{
    std::vector<DecodedMessage> lines;
    Buffer buffer = ToBuffer(bytes);
    const uint32_t size = bytes.size();
    uint32_t offset = 0;
    while (offset < size)
    {
        Buffer::Iterator at = buffer.Begin();
        at.Next(offset);
        ldp::Pdu pdu;
        const uint32_t used = pdu.DeserializeFrom(at, size - offset);
        const ldp::PduHeader header = pdu.GetHeader();
        const std::string lsr = Text(header.GetLsrId()) + ":" + std::to_string(header.GetLabelSpace());
        // RFC 5036 section 3.5.1.2.1: a bad PDU header or a PDU Length past
        // the data loses the framing of everything after it.
        if (!header.IsValid() || pdu.GetStatus() == ldp::STATUS_BAD_PDU_LENGTH)
        {
            DecodedMessage line =
                DecodedMessage::Malformed("ldp", ldp::StatusCodeName(pdu.GetStatus()));
            if (size - offset >= ldp::PDU_HEADER_SIZE)
            {
                line.Add("version", header.GetVersion()).Add("pdu-length", header.GetPduLength());
            }
            line.Add("have", size - offset);
            lines.push_back(line);
            break;
        }
        for (const auto& m : pdu.GetMessages())
        {
            lines.push_back(SummarizeLdpMessage(m, lsr));
        }
        if (used == 0)
        {
            break;
        }
        offset += used;
    }
    return lines;
}

L2tpSummary
SummarizeL2tp(const std::vector<uint8_t>& bytes)
{
    L2tpSummary summary;
    Buffer buffer = ToBuffer(bytes);
    l2tp::PacketHeader h;
    const uint32_t used = h.Deserialize(buffer.Begin(), buffer.End());
    if (!h.IsValid())
    {
        summary.message = DecodedMessage::Malformed("l2tp", L2tpErrorToken(h.GetError()));
        switch (h.GetError())
        {
        case l2tp::PacketHeader::BAD_VERSION:
            summary.message.Add("version", h.GetVersion());
            break;
        case l2tp::PacketHeader::BAD_LENGTH:
            summary.message.Add("tunnel", h.GetTunnelId()).Add("session", h.GetSessionId());
            summary.message.Add("length", h.GetLength()).Add("have", bytes.size());
            break;
        case l2tp::PacketHeader::BAD_AVP:
        case l2tp::PacketHeader::FIRST_AVP_NOT_MESSAGE_TYPE:
            summary.message.Add("tunnel", h.GetTunnelId()).Add("session", h.GetSessionId());
            summary.message.Add("avps", AvpList(h.GetAvps()));
            break;
        default:
            break;
        }
        return summary;
    }
    if (h.IsControl())
    {
        uint16_t type = 0;
        if (h.IsZlb())
        {
            summary.message = DecodedMessage("l2tp", "ZLB"); // section 5.8
        }
        else if (!h.GetMessageType(type))
        {
            summary.message = DecodedMessage::Malformed("l2tp", "bad-message-type-avp");
        }
        else
        {
            const std::string name = l2tp::MessageTypeName(type);
            summary.message =
                DecodedMessage("l2tp", name == "Unknown" ? "Message-" + std::to_string(type) : name);
        }
        summary.message.Add("tunnel", h.GetTunnelId()).Add("session", h.GetSessionId());
        summary.message.Add("ns", h.GetNs()).Add("nr", h.GetNr());
        if (!h.IsZlb())
        {
            summary.message.Add("avps", AvpList(h.GetAvps()));
        }
        return summary;
    }
    // A data message: the PPP frame follows the header (section 3.1).
    summary.message = DecodedMessage("l2tp", "data");
    summary.message.Add("tunnel", h.GetTunnelId()).Add("session", h.GetSessionId());
    if (h.HasSequence())
    {
        summary.message.Add("ns", h.GetNs()).Add("nr", h.GetNr());
    }
    const uint32_t end = std::min<uint32_t>(bytes.size(), used + h.GetPayloadSize());
    std::vector<uint8_t> frame(bytes.begin() + std::min<uint32_t>(used, end), bytes.begin() + end);
    Ptr<Packet> ppp = MakePacket(frame);
    const uint16_t protocol = PeelPppHeader(ppp);
    if (protocol == 0)
    {
        summary.message = DecodedMessage::Malformed("l2tp", "no-ppp-protocol");
        summary.message.Add("tunnel", h.GetTunnelId()).Add("session", h.GetSessionId());
        return summary;
    }
    summary.message.Add("ppp", Hex16(protocol));
    summary.pppProtocol = protocol;
    summary.pppPayload = ppp;
    return summary;
}

DecodedMessage
SummarizeRadius(const std::vector<uint8_t>& bytes)
{
    Buffer buffer = ToBuffer(bytes);
    radius::PacketHeader p;
    p.Deserialize(buffer.Begin(), buffer.End());
    if (!p.IsValid())
    {
        DecodedMessage line = DecodedMessage::Malformed("radius", RadiusErrorToken(p.GetError()));
        if (p.GetError() != radius::PacketHeader::TRUNCATED)
        {
            line.Add("code", RadiusCodeName(p.GetCode())).Add("id", p.GetIdentifier());
            line.Add("length", (uint32_t(bytes[2]) << 8) | bytes[3]).Add("have", bytes.size());
        }
        return line;
    }
    DecodedMessage line("radius", RadiusCodeName(p.GetCode())); // RFC 2865 section 3
    line.Add("id", p.GetIdentifier()).Add("length", p.GetLength());
    std::vector<std::string> names;
    for (const auto& a : p.GetAttributes())
    {
        const std::string name = radius::AttributeTypeName(a.GetType());
        names.push_back(name == "Unknown" ? "Attr-" + std::to_string(a.GetType()) : Token(name));
    }
    line.Add("attrs", Join(names));
    return line;
}

DecodedMessage
SummarizeOspf(const std::vector<uint8_t>& bytes)
{
    using namespace ospf;
    Buffer buffer = ToBuffer(bytes);
    PacketHeader h;
    h.Deserialize(buffer.Begin(), buffer.End());
    if (!h.IsValid())
    {
        switch (h.GetError())
        {
        case PacketHeader::TRUNCATED:
            return DecodedMessage::Malformed("ospf", "header-truncated")
                .Add("need", PacketHeader::SIZE)
                .Add("have", bytes.size());
        case PacketHeader::BAD_VERSION:
            return DecodedMessage::Malformed("ospf", "bad-version").Add("version", h.GetVersion());
        case PacketHeader::BAD_TYPE:
            return DecodedMessage::Malformed("ospf", "bad-type").Add("type", h.GetType());
        default:
            return DecodedMessage::Malformed("ospf", "bad-length")
                .Add("type", Token(PacketTypeName(h.GetType())))
                .Add("length", h.GetPacketLength())
                .Add("have", bytes.size());
        }
    }
    const uint16_t length = h.GetPacketLength();
    auto common = [&h](DecodedMessage& line) {
        line.Add("router", Text(h.GetRouterId())).Add("area", Text(h.GetAreaId()));
        line.Add("auth", OspfAuthName(h.GetAuType()));
        if (h.GetAuType() == AUTYPE_CRYPTOGRAPHIC)
        {
            line.Add("key", h.GetKeyId()).Add("seq", h.GetCryptoSequence());
        }
    };
    auto malformed = [&](const std::string& reason) {
        DecodedMessage line = DecodedMessage::Malformed("ospf", reason);
        line.Add("type", Token(PacketTypeName(h.GetType())));
        common(line);
        return line;
    };
    DecodedMessage line("ospf", Token(PacketTypeName(h.GetType())));
    common(line);
    switch (h.GetType())
    {
    case PACKET_HELLO: { // RFC 2328 A.3.2
        HelloHeader b;
        OspfDecodeBody(bytes, length, b);
        if (!b.IsValid())
        {
            return malformed(OspfBodyErrorToken(b.GetError() == HelloHeader::TRUNCATED,
                                                b.GetError() == HelloHeader::BAD_LENGTH,
                                                false));
        }
        std::vector<std::string> neighbors;
        for (const auto& n : b.GetNeighbors())
        {
            neighbors.push_back(Text(n));
        }
        line.Add("mask", Text(b.GetNetworkMask()))
            .Add("hello", b.GetHelloInterval())
            .Add("dead", b.GetRouterDeadInterval())
            .Add("priority", b.GetRouterPriority())
            .Add("dr", Text(b.GetDesignatedRouter()))
            .Add("bdr", Text(b.GetBackupDesignatedRouter()))
            .Add("neighbors", Join(neighbors));
        break;
    }
    case PACKET_DATABASE_DESCRIPTION: { // A.3.3
        DatabaseDescriptionHeader b;
        OspfDecodeBody(bytes, length, b);
        if (!b.IsValid())
        {
            return malformed(
                OspfBodyErrorToken(b.GetError() == DatabaseDescriptionHeader::TRUNCATED,
                                   b.GetError() == DatabaseDescriptionHeader::BAD_LENGTH,
                                   false));
        }
        std::vector<std::string> flags;
        if (b.IsInit())
        {
            flags.emplace_back("I");
        }
        if (b.IsMore())
        {
            flags.emplace_back("M");
        }
        if (b.IsMaster())
        {
            flags.emplace_back("MS");
        }
        line.Add("mtu", b.GetInterfaceMtu())
            .Add("flags", Join(flags))
            .Add("seq", b.GetSequenceNumber())
            .Add("headers", b.GetLsaHeaders().size());
        break;
    }
    case PACKET_LINK_STATE_REQUEST: { // A.3.4
        LinkStateRequestHeader b;
        OspfDecodeBody(bytes, length, b);
        if (!b.IsValid())
        {
            return malformed(OspfBodyErrorToken(
                false, b.GetError() == LinkStateRequestHeader::BAD_LENGTH, false));
        }
        line.Add("requests", b.GetRequests().size());
        break;
    }
    case PACKET_LINK_STATE_UPDATE: { // A.3.5
        LinkStateUpdateHeader b;
        OspfDecodeBody(bytes, length, b);
        if (!b.IsValid())
        {
            return malformed(OspfBodyErrorToken(b.GetError() == LinkStateUpdateHeader::TRUNCATED,
                                                b.GetError() == LinkStateUpdateHeader::BAD_LENGTH,
                                                b.GetError() == LinkStateUpdateHeader::BAD_LSA))
                .Add("count", b.GetLsaCount());
        }
        std::vector<std::string> lsas;
        for (const auto& lsa : b.GetLsas())
        {
            lsas.push_back(OspfLsaHeaderText(lsa.header));
        }
        line.Add("count", b.GetLsaCount()).Add("lsas", Join(lsas));
        break;
    }
    default: { // A.3.6
        LinkStateAckHeader b;
        OspfDecodeBody(bytes, length, b);
        if (!b.IsValid())
        {
            return malformed(OspfBodyErrorToken(false, true, false));
        }
        line.Add("headers", b.GetLsaHeaders().size());
        break;
    }
    }
    // D.4.1, D.4.2: the checksum of null and simple password packets; the
    // MD5 digest cannot be checked without the key.
    if (h.GetAuType() != AUTYPE_CRYPTOGRAPHIC)
    {
        line.Add("checksum", IsPacketChecksumValid(bytes.data(), length) ? "ok" : "bad");
    }
    return line;
}

bool
IsPppControlProtocol(uint16_t pppProtocol)
{
    return pppProtocol == ppp::PROTOCOL_LCP || pppProtocol == ppp::PROTOCOL_IPCP ||
           pppProtocol == ppp::PROTOCOL_IPV6CP || pppProtocol == ppp::PROTOCOL_CCP;
}

DecodedMessage
SummarizePppControl(uint16_t pppProtocol, const std::vector<uint8_t>& bytes)
{
    const std::string proto = ReasonToken(ppp::ControlProtocolName(pppProtocol));
    Buffer buffer = ToBuffer(bytes);
    ppp::ControlHeader h(pppProtocol);
    h.Deserialize(buffer.Begin(), buffer.End());
    if (!h.IsValid())
    {
        DecodedMessage line =
            DecodedMessage::Malformed(proto, ppp::ControlHeader::ErrorName(h.GetError()));
        if (h.GetError() != ppp::ControlHeader::TRUNCATED)
        {
            line.Add("code", ppp::CodeName(h.GetCode())).Add("id", h.GetIdentifier());
            line.Add("length", (uint32_t(bytes[2]) << 8) | bytes[3]).Add("have", bytes.size());
        }
        return line;
    }
    DecodedMessage line(proto, ppp::CodeName(h.GetCode())); // RFC 1661 section 5
    line.Add("id", h.GetIdentifier()).Add("length", h.GetLength());
    if (ppp::CarriesOptions(h.GetCode()))
    {
        std::vector<std::string> names;
        for (const auto& option : h.GetOptions())
        {
            names.push_back(ppp::OptionName(pppProtocol, option.GetType()));
        }
        line.Add("options", Join(names));
        uint16_t value16 = 0;
        uint32_t value32 = 0;
        Ipv4Address address;
        const auto* mru = h.FindOption(ppp::LCP_MRU);
        if (pppProtocol == ppp::PROTOCOL_LCP && mru && mru->GetUint16(value16))
        {
            line.Add("mru", value16);
        }
        const auto* auth = h.FindOption(ppp::LCP_AUTH_PROTOCOL);
        if (pppProtocol == ppp::PROTOCOL_LCP && auth && auth->GetProtocol(value16))
        {
            line.Add("auth", Hex16(value16));
        }
        const auto* magic = h.FindOption(ppp::LCP_MAGIC_NUMBER);
        if (pppProtocol == ppp::PROTOCOL_LCP && magic && magic->GetUint32(value32))
        {
            line.Add("magic", Hex32(value32));
        }
        const auto* ip = h.FindOption(ppp::IPCP_IP_ADDRESS);
        if (pppProtocol == ppp::PROTOCOL_IPCP && ip && ip->GetAddress(address))
        {
            line.Add("address", Text(address));
        }
    }
    else if (pppProtocol == ppp::PROTOCOL_LCP && h.GetCode() >= ppp::ECHO_REQUEST &&
             h.GetCode() <= ppp::DISCARD_REQUEST)
    {
        line.Add("magic", Hex32(h.GetMagicNumber()));
    }
    else if (pppProtocol == ppp::PROTOCOL_LCP && h.GetCode() == ppp::PROTOCOL_REJECT)
    {
        line.Add("rejected-protocol", Hex16(h.GetRejectedProtocol()));
    }
    else if (h.GetCode() == ppp::CODE_REJECT && !h.GetData().empty())
    {
        line.Add("rejected-code", h.GetData()[0]);
    }
    return line;
}

MplsSummary
SummarizeMpls(Ptr<const Packet> packet)
{
    MplsSummary summary;
    Ptr<Packet> p = packet ? packet->Copy() : Create<Packet>();
    mpls::LabelStack stack;
    p->RemoveHeader(stack); // RFC 3032 section 2.1: entries until S = 1
    std::vector<std::string> entries;
    for (const auto& e : stack.GetEntries())
    {
        entries.push_back(std::to_string(e.GetLabel()) + "/" + std::to_string(e.GetTrafficClass()) +
                          "/" + std::to_string(e.IsBottomOfStack() ? 1 : 0) + "/" +
                          std::to_string(e.GetTtl()));
    }
    if (!stack.IsValid())
    {
        summary.message = DecodedMessage::Malformed(
            "mpls",
            stack.GetError() == mpls::LabelStack::EMPTY ? "truncated" : "no-bottom-of-stack");
        summary.message.Add("depth", stack.GetDepth()).Add("stack", Join(entries));
        return summary;
    }
    summary.message = DecodedMessage("mpls", "label-stack");
    summary.message.Add("depth", stack.GetDepth()).Add("stack", Join(entries));
    // RFC 3032 section 2.2: the payload type is known from the bottom
    // label (Explicit NULLs) or, in practice, the first nibble.
    const uint32_t bottom = stack.GetEntry(stack.GetDepth() - 1).GetLabel();
    uint8_t first = 0;
    if (p->GetSize() > 0)
    {
        p->CopyData(&first, 1);
    }
    if (p->GetSize() == 0)
    {
        summary.payloadType = MplsPayload::NONE;
    }
    else if (bottom == mpls::LABEL_IPV4_EXPLICIT_NULL || (bottom != mpls::LABEL_IPV6_EXPLICIT_NULL &&
                                                          (first >> 4) == 4))
    {
        summary.payloadType = MplsPayload::IPV4;
    }
    else if (bottom == mpls::LABEL_IPV6_EXPLICIT_NULL || (first >> 4) == 6)
    {
        summary.payloadType = MplsPayload::IPV6;
    }
    else
    {
        summary.payloadType = MplsPayload::OTHER;
    }
    static const char* const names[] = {"none", "ipv4", "ipv6", "other"};
    summary.message.Add("payload", names[static_cast<int>(summary.payloadType)]);
    summary.payload = p;
    return summary;
}

} // namespace decode
} // namespace ns3
