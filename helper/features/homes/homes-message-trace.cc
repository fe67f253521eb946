// SPDX-License-Identifier: GPL-2.0-only
#include "homes-message-trace.h"

#include "ns3/dhcp-message.h"
#include "ns3/dns-message.h"
#include "ns3/htip-message.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/l2tp-avp.h"
#include "ns3/l2tp-packet-header.h"
#include "ns3/tcp-header.h"
#include "ns3/udp-header.h"

#include <fmt/format.h>
#include <sstream>

namespace ns3
{
namespace scenario
{

namespace
{

using Fields = metrics::MessageTrace::Fields;

std::string
Text(Ipv4Address a)
{
    std::ostringstream os;
    os << a;
    return os.str();
}

bool
DescribeDhcp(Ptr<Packet> payload, std::string& type, Fields& fields)
{
    dhcp::Message m;
    if (payload->GetSize() < dhcp::Message::FIXED_SIZE)
    {
        return false;
    }
    payload->RemoveHeader(m);
    if (!m.IsValid())
    {
        return false;
    }
    type = dhcp::MessageTypeName(m.GetMessageType());
    fields.emplace_back("xid", fmt::format("0x{:08x}", m.GetXid()));
    if (auto name = m.GetHostName())
    {
        fields.emplace_back("host", *name);
    }
    if (m.GetYiaddr() != Ipv4Address::GetAny())
    {
        fields.emplace_back("yiaddr", Text(m.GetYiaddr()));
    }
    return true;
}

bool
DescribeDns(Ptr<Packet> payload, std::string& type, Fields& fields)
{
    std::vector<uint8_t> bytes(payload->GetSize());
    payload->CopyData(bytes.data(), bytes.size());
    dns::Message m;
    if (dns::Message::Decode(bytes, m) != dns::DecodeError::OK)
    {
        return false;
    }
    const bool update = m.header.opcode == dns::OPCODE_UPDATE;
    type = update ? (m.header.qr ? "update-reply" : "update") : (m.header.qr ? "answer" : "query");
    fields.emplace_back("id", fmt::format("0x{:04x}", m.header.id));
    if (!m.questions.empty())
    {
        fields.emplace_back(update ? "zone" : "name", m.questions.front().name.ToString());
    }
    if (update && !m.authorities.empty())
    {
        fields.emplace_back("name", m.authorities.back().name.ToString());
    }
    if (m.header.qr)
    {
        fields.emplace_back("rcode", dns::RcodeName(m.header.rcode));
    }
    return true;
}

bool
DescribeHttp(Ptr<Packet> payload, std::string& type, Fields& fields)
{
    if (payload->GetSize() == 0)
    {
        return false;
    }
    std::string text(std::min<uint32_t>(payload->GetSize(), 200), '\0');
    payload->CopyData(reinterpret_cast<uint8_t*>(text.data()), text.size());
    const std::string line = text.substr(0, text.find("\r\n"));
    std::istringstream words(line);
    std::string first;
    std::string second;
    words >> first >> second;
    if (first.rfind("HTTP/", 0) == 0)
    {
        type = "response";
        fields.emplace_back("status", second);
        return true;
    }
    if (second.empty() || line.find(" HTTP/") == std::string::npos)
    {
        return false; // a continuation segment
    }
    type = first;
    fields.emplace_back("target", second);
    return true;
}

bool
DescribeHtip(Ptr<Packet> payload, std::string& type, Fields& fields)
{
    htip::MessageHeader m;
    payload->RemoveHeader(m, payload->GetSize());
    if (!m.IsValid())
    {
        return false;
    }
    type = htip::TypeName(m.GetType());
    fields.emplace_back("id", fmt::format("0x{:08x}", m.GetNegotiationId()));
    fields.emplace_back("round", std::to_string(m.GetRound()));
    auto prefix = [&fields](const char* key, const std::optional<htip::Prefix>& p) {
        if (p)
        {
            fields.emplace_back(key, p->ToString());
        }
    };
    auto list = [&fields](const char* key, const std::vector<htip::Prefix>& l, bool present) {
        if (!present)
        {
            return;
        }
        std::string text;
        for (const htip::Prefix& p : l)
        {
            text += (text.empty() ? "" : ",") + p.ToString();
        }
        fields.emplace_back(key, text);
    };
    prefix("a", m.GetRequesterPrefix());
    list("a_candidates", m.GetRequesterCandidates(), m.HasRequesterCandidates());
    prefix("b", m.GetResponderPrefix());
    list("b_candidates", m.GetResponderCandidates(), m.HasResponderCandidates());
    prefix("a_tunnel", m.GetRequesterTunnel());
    prefix("b_tunnel", m.GetResponderTunnel());
    if (auto cause = m.GetNakCause())
    {
        fields.emplace_back("cause", htip::NakCauseName(*cause));
    }
    return true;
}

/// L2TP control messages (not ZLB acknowledgements, not data).
bool
DescribeL2tp(Ptr<Packet> payload, std::string& type, Fields& /* fields */)
{
    l2tp::PacketHeader h;
    payload->RemoveHeader(h);
    uint16_t messageType = 0;
    if (!h.IsValid() || !h.IsControl() || h.IsZlb() || !h.GetMessageType(messageType))
    {
        return false;
    }
    type = l2tp::MessageTypeName(messageType);
    return true;
}

void
Watch(const std::string& name,
      const metrics::MessageTrace::Sink& sink,
      const std::string& direction,
      Ptr<const Packet> ipPacket,
      Ptr<Ipv4>,
      uint32_t interface)
{
    if (interface == 0)
    {
        return; // the loopback's copy of a broadcast
    }
    Ptr<Packet> p = ipPacket->Copy();
    Ipv4Header ip;
    if (p->RemoveHeader(ip) == 0 || (ip.GetFragmentOffset() != 0))
    {
        return;
    }
    std::string protocol;
    std::string type;
    Fields fields;
    if (ip.GetProtocol() == 17)
    {
        UdpHeader udp;
        p->RemoveHeader(udp);
        const uint16_t s = udp.GetSourcePort();
        const uint16_t d = udp.GetDestinationPort();
        if ((s == 67 || s == 68) && (d == 67 || d == 68))
        {
            protocol = "dhcp";
            if (!DescribeDhcp(p, type, fields))
            {
                return;
            }
        }
        else if (s == 53 || d == 53)
        {
            protocol = "dns";
            if (!DescribeDns(p, type, fields))
            {
                return;
            }
        }
        else if (s == htip::HTIP_PORT || d == htip::HTIP_PORT)
        {
            protocol = "htip";
            if (!DescribeHtip(p, type, fields))
            {
                return;
            }
        }
        else if (s == 1701 && d == 1701)
        {
            protocol = "l2tp";
            if (!DescribeL2tp(p, type, fields))
            {
                return;
            }
        }
        else
        {
            return;
        }
    }
    else if (ip.GetProtocol() == 6)
    {
        TcpHeader tcp;
        p->RemoveHeader(tcp);
        if (tcp.GetSourcePort() != 80 && tcp.GetDestinationPort() != 80)
        {
            return;
        }
        protocol = "http";
        if (!DescribeHttp(p, type, fields))
        {
            return;
        }
    }
    else
    {
        return;
    }
    // No peer= field: the homes share private addresses (and DHCP clients
    // send from 0.0.0.0), so an address does not name a node; the uid pairs
    // the two ends of each leg.
    fields.emplace_back("src", Text(ip.GetSource()));
    fields.emplace_back("dst", Text(ip.GetDestination()));
    fields.emplace_back("uid", std::to_string(ipPacket->GetUid()));
    sink(name, direction, protocol, type, fields);
}

} // namespace

void
WatchHomeMessages(Ptr<Node> node, const std::string& name, metrics::MessageTrace::Sink sink)
{
    Ptr<Ipv4L3Protocol> ipv4 = node->GetObject<Ipv4L3Protocol>();
    if (!ipv4 || !sink)
    {
        return;
    }
    for (const char* direction : {"tx", "rx"})
    {
        const std::string d = direction;
        ipv4->TraceConnectWithoutContext(
            d == "tx" ? "Tx" : "Rx",
            Callback<void, Ptr<const Packet>, Ptr<Ipv4>, uint32_t>(
                [name, sink, d](Ptr<const Packet> p, Ptr<Ipv4> ipv4, uint32_t interface) {
                    Watch(name, sink, d, p, ipv4, interface);
                }));
    }
}

} // namespace scenario
} // namespace ns3
