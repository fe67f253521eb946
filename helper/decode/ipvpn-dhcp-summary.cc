// SPDX-License-Identifier: GPL-2.0-only
#include "ipvpn-dhcp-summary.h"

#include "ipvpn-dns-summary.h"

#include "ns3/buffer.h"
#include "ns3/dhcp-message.h"
#include "ns3/log.h"

#include <cstdio>
#include <string>

namespace ns3
{
namespace decode
{

NS_LOG_COMPONENT_DEFINE("IpvpnDhcpSummary");

namespace
{

/// "OPTION_OVERRUN" -> "option overrun": ReasonToken() makes it "option-overrun".
std::string
DhcpReason(dhcp::Message::Error error)
{
    std::string name = dhcp::Message::ErrorName(error);
    for (char& c : name)
    {
        c = c == '_' ? ' ' : c;
    }
    return name;
}

std::string
AddressList(const std::vector<Ipv4Address>& addresses)
{
    std::string text;
    for (const Ipv4Address& a : addresses)
    {
        text += (text.empty() ? "" : ",") + Text(a);
    }
    return text;
}

/// The first hlen octets of chaddr (RFC 2131 section 2), "" for none.
std::string
HardwareAddress(const dhcp::Message& m)
{
    std::string text;
    const auto& chaddr = m.GetChaddr();
    for (uint8_t i = 0; i < m.GetHlen() && i < chaddr.size(); ++i)
    {
        char hex[4];
        std::snprintf(hex, sizeof(hex), "%02x", static_cast<unsigned>(chaddr[i]));
        text += (text.empty() ? "" : ":") + std::string(hex);
    }
    return text;
}

} // namespace

DecodedMessage
SummarizeDhcp(const std::vector<uint8_t>& bytes)
{
    Buffer buffer;
    buffer.AddAtStart(bytes.size());
    if (!bytes.empty())
    {
        buffer.Begin().Write(bytes.data(), bytes.size());
    }
    // The message is the whole UDP payload (dhcp-message.h).
    dhcp::Message m;
    m.Deserialize(buffer.Begin());
    if (!m.IsValid())
    {
        DecodedMessage line = DecodedMessage::Malformed("dhcp", DhcpReason(m.GetError()));
        switch (m.GetError())
        {
        case dhcp::Message::TRUNCATED:
            line.Add("need", dhcp::Message::FIXED_SIZE + 4).Add("have", bytes.size());
            break;
        case dhcp::Message::BAD_OP:
            line.Add("op", m.GetOp());
            break;
        case dhcp::Message::BAD_HLEN:
            line.Add("hlen", m.GetHlen());
            break;
        default:
            line.Add("xid", Hex32(m.GetXid()));
            if (m.GetError() == dhcp::Message::OPTION_OVERRUN ||
                m.GetError() == dhcp::Message::BAD_OPTION_LENGTH ||
                m.GetError() == dhcp::Message::BAD_MESSAGE_TYPE)
            {
                line.Add("option", m.GetErrorOption());
            }
            break;
        }
        return line;
    }
    std::string type;
    if (m.GetMessageType() != dhcp::NONE)
    {
        type = dhcp::MessageTypeName(m.GetMessageType());
    }
    else
    {
        type = m.GetOp() == dhcp::BOOTREQUEST ? "BOOTREQUEST" : "BOOTREPLY";
    }
    DecodedMessage line("dhcp", type);
    line.Add("xid", Hex32(m.GetXid()))
        .Add("ciaddr", Text(m.GetCiaddr()))
        .Add("yiaddr", Text(m.GetYiaddr()));
    const std::string chaddr = HardwareAddress(m);
    if (!chaddr.empty())
    {
        line.Add("chaddr", chaddr);
    }
    if (auto name = m.GetHostName())
    {
        line.Add("hostname", EscapeText(*name, true));
    }
    if (auto a = m.GetRequestedAddress())
    {
        line.Add("requested", Text(*a));
    }
    if (auto a = m.GetServerId())
    {
        line.Add("server-id", Text(*a));
    }
    if (auto lease = m.GetLeaseTime())
    {
        line.Add("lease", *lease);
    }
    if (m.HasOption(dhcp::OPT_ROUTER))
    {
        line.Add("router", AddressList(m.GetRouters()));
    }
    if (m.HasOption(dhcp::OPT_DNS_SERVERS))
    {
        line.Add("dns", AddressList(m.GetDnsServers()));
    }
    return line;
}

} // namespace decode
} // namespace ns3
