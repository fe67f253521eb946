// SPDX-License-Identifier: GPL-2.0-only
#include "ipvpn-dns-summary.h"

#include "ns3/dns-message.h"
#include "ns3/log.h"

#include <cctype>
#include <cstdio>
#include <string>

namespace ns3
{
namespace decode
{

NS_LOG_COMPONENT_DEFINE("IpvpnDnsSummary");

namespace
{

/// "TRUNCATED_NAME" -> "truncated name": ReasonToken() makes it "truncated-name".
std::string
DnsReason(dns::DecodeError error)
{
    std::string name = dns::ErrorName(error);
    for (char& c : name)
    {
        c = c == '_' ? ' ' : c;
    }
    return name;
}

/// The message type from OPCODE and QR (RFC 1035 4.1.1, RFC 2136 2.2).
std::string
DnsType(const dns::MessageHeader& header)
{
    switch (header.opcode)
    {
    case dns::OPCODE_QUERY:
        return header.qr ? "response" : "query";
    case dns::OPCODE_UPDATE:
        return header.qr ? "update-response" : "update";
    default:
        return "Opcode-" + std::to_string(header.opcode);
    }
}

/// RFC 1035 3.2.2 mnemonics (AAAA RFC 3596, OPT RFC 6891), else the number.
std::string
DnsTypeName(uint16_t type)
{
    switch (type)
    {
    case dns::TYPE_A:
        return "A";
    case dns::TYPE_NS:
        return "NS";
    case dns::TYPE_CNAME:
        return "CNAME";
    case dns::TYPE_SOA:
        return "SOA";
    case dns::TYPE_PTR:
        return "PTR";
    case dns::TYPE_MX:
        return "MX";
    case dns::TYPE_TXT:
        return "TXT";
    case dns::TYPE_AAAA:
        return "AAAA";
    case dns::TYPE_OPT:
        return "OPT";
    default:
        return std::to_string(type);
    }
}

/// Labels escaped one by one, so that a '.' inside a label stays apart from the separators.
std::string
NameText(const dns::Name& name)
{
    if (name.IsRoot())
    {
        return ".";
    }
    std::string text;
    for (const std::string& label : name.GetLabels())
    {
        text += (text.empty() ? "" : ".") + EscapeText(label);
    }
    return text;
}

/// The header's and first question's fields, as far as they were read.
void
AddHeader(DecodedMessage& line, const dns::Message& m)
{
    line.Add("id", Hex16(m.header.id));
    if (m.header.qr)
    {
        line.Add("rcode", dns::RcodeName(m.header.rcode));
    }
    if (!m.questions.empty())
    {
        line.Add("qname", NameText(m.questions.front().name));
        line.Add("qtype", DnsTypeName(m.questions.front().type));
    }
}

} // namespace

std::string
EscapeText(const std::string& text, bool keepDots)
{
    std::string out;
    for (char c : text)
    {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x80 && (std::isalnum(u) || c == '-' || c == '*' || c == '/' || (keepDots && c == '.')))
        {
            out += c;
            continue;
        }
        char hex[4];
        std::snprintf(hex, sizeof(hex), "+%02x", static_cast<unsigned>(u));
        out += hex;
    }
    return out;
}

DecodedMessage
SummarizeDns(const std::vector<uint8_t>& bytes)
{
    dns::Message m;
    const dns::DecodeError error = dns::Message::Decode(bytes, m);
    if (error != dns::DecodeError::OK)
    {
        DecodedMessage line = DecodedMessage::Malformed("dns", DnsReason(error));
        if (error == dns::DecodeError::TRUNCATED_HEADER)
        {
            line.Add("need", dns::HEADER_SIZE).Add("have", bytes.size());
            return line;
        }
        line.Add("type", DnsType(m.header));
        AddHeader(line, m);
        return line;
    }
    DecodedMessage line("dns", DnsType(m.header));
    AddHeader(line, m);
    line.Add("qd", m.questions.size())
        .Add("an", m.answers.size())
        .Add("ns", m.authorities.size())
        .Add("ar", m.additionals.size());
    if (m.header.tc)
    {
        line.Add("tc", 1);
    }
    std::string answers;
    for (const dns::ResourceRecord& rr : m.answers)
    {
        if (auto address = rr.GetAddress())
        {
            answers += (answers.empty() ? "" : ",") + Text(*address);
        }
    }
    if (!answers.empty())
    {
        line.Add("answers", answers);
    }
    return line;
}

} // namespace decode
} // namespace ns3
