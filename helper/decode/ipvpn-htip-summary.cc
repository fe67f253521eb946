// SPDX-License-Identifier: GPL-2.0-only
#include "ipvpn-htip-summary.h"

#include "ns3/buffer.h"
#include "ns3/htip-message.h"
#include "ns3/log.h"

#include <string>

namespace ns3
{
namespace decode
{

NS_LOG_COMPONENT_DEFINE("IpvpnHtipSummary");

namespace
{

/// "BAD_TLV" -> "bad-tlv" (through ReasonToken): the codec's error name.
std::string
HtipReason(htip::MessageHeader::Error error)
{
    std::string name = htip::MessageHeader::ErrorName(error);
    for (char& c : name)
    {
        c = c == '_' ? ' ' : c;
    }
    return name;
}

/// "10.0.0.0/24,10.0.1.0/24", or "none".
std::string
List(const std::vector<htip::Prefix>& list)
{
    std::string text;
    for (const htip::Prefix& p : list)
    {
        text += (text.empty() ? "" : ",") + p.ToString();
    }
    return text.empty() ? "none" : text;
}

/// "L2TP", "PPTP" or the number.
std::string
ProtocolName(uint8_t protocol)
{
    switch (protocol)
    {
    case htip::VPN_L2TP:
        return "L2TP";
    case htip::VPN_PPTP:
        return "PPTP";
    default:
        return std::to_string(protocol);
    }
}

} // namespace

DecodedMessage
SummarizeHtip(const std::vector<uint8_t>& bytes)
{
    Buffer buffer;
    buffer.AddAtStart(bytes.size());
    if (!bytes.empty())
    {
        buffer.Begin().Write(bytes.data(), bytes.size());
    }
    // The message is the whole UDP payload (doc/htip-wire.md): its Length
    // must equal the octets given.
    htip::MessageHeader h;
    h.Deserialize(buffer.Begin(), buffer.End());
    const std::string type = Token(htip::TypeName(h.GetType()));
    if (!h.IsValid())
    {
        DecodedMessage line = DecodedMessage::Malformed("htip", HtipReason(h.GetError()));
        switch (h.GetError())
        {
        case htip::MessageHeader::TRUNCATED:
            line.Add("need", htip::MessageHeader::FIXED_SIZE).Add("have", bytes.size());
            break;
        case htip::MessageHeader::BAD_VERSION:
            line.Add("version", h.GetVersion());
            break;
        case htip::MessageHeader::BAD_LENGTH:
            line.Add("type", type).Add("id", Hex32(h.GetNegotiationId()));
            line.Add("length", (uint32_t(bytes[2]) << 8) | bytes[3]).Add("have", bytes.size());
            break;
        default:
            line.Add("type", type).Add("id", Hex32(h.GetNegotiationId()));
            line.Add("round", h.GetRound());
            break;
        }
        return line;
    }
    DecodedMessage line("htip", type);
    line.Add("id", Hex32(h.GetNegotiationId())).Add("round", h.GetRound());
    if (const auto protocol = h.GetVpnProtocol())
    {
        line.Add("proto", ProtocolName(*protocol));
    }
    if (const auto p = h.GetRequesterPrefix())
    {
        line.Add("a", p->ToString());
    }
    if (h.HasRequesterCandidates())
    {
        line.Add("a-cand", List(h.GetRequesterCandidates()));
    }
    if (const auto p = h.GetResponderPrefix())
    {
        line.Add("b", p->ToString());
    }
    if (h.HasResponderCandidates())
    {
        line.Add("b-cand", List(h.GetResponderCandidates()));
    }
    if (const auto p = h.GetRequesterTunnel())
    {
        line.Add("a-tun", p->ToString());
    }
    if (const auto p = h.GetResponderTunnel())
    {
        line.Add("b-tun", p->ToString());
    }
    if (const auto name = h.GetGatewayName())
    {
        line.Add("name", *name);
    }
    if (const auto cause = h.GetNakCause())
    {
        line.Add("cause", static_cast<uint64_t>(*cause));
    }
    if (h.HasInUse())
    {
        line.Add("in-use", List(h.GetInUse()));
    }
    if (h.GetUnknownTlvCount() > 0)
    {
        line.Add("unknown-tlvs", h.GetUnknownTlvCount());
    }
    return line;
}

} // namespace decode
} // namespace ns3
