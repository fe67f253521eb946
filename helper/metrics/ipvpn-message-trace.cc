/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipvpn-message-trace.h"

#include "ns3/scenario-spec.h"

#include "ns3/icmpv4-l4-protocol.h"
#include "ns3/icmpv4.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/simulator.h"

#include <fmt/format.h>

namespace ns3
{
namespace metrics
{

MessageTrace::MessageTrace(const std::string& path)
    : m_out(path, std::ios::trunc)
{
    m_out << "# time_s node direction protocol type fields...\n";
}

bool
MessageTrace::Good() const
{
    return m_out.good();
}

void
MessageTrace::Record(const std::string& node,
                     const std::string& direction,
                     const std::string& protocol,
                     const std::string& type,
                     const Fields& fields)
{
    m_out << fmt::format("{:.9f} {} {} {} {}", Simulator::Now().GetSeconds(), node, direction, protocol, type);
    for (const auto& [key, value] : fields)
    {
        m_out << ' ' << key << '=' << value;
    }
    m_out << '\n';
    ++m_lines;
}

uint64_t
MessageTrace::Lines() const
{
    return m_lines;
}

bool
MessageTrace::DescribeIcmp(Ptr<const Packet> ipPacket, std::string& type, Fields& fields)
{
    Ptr<Packet> p = ipPacket->Copy();
    Ipv4Header ip;
    if (p->RemoveHeader(ip) == 0 || ip.GetProtocol() != Icmpv4L4Protocol::PROT_NUMBER ||
        ip.GetFragmentOffset() != 0)
    {
        return false;
    }
    Icmpv4Header icmp;
    p->RemoveHeader(icmp);
    fields.clear();
    fields.emplace_back("src", scenario::FormatIpv4(ip.GetSource().Get()));
    fields.emplace_back("dst", scenario::FormatIpv4(ip.GetDestination().Get()));
    fields.emplace_back("ttl", std::to_string(ip.GetTtl()));
    switch (icmp.GetType())
    {
    case Icmpv4Header::ICMPV4_ECHO:
    case Icmpv4Header::ICMPV4_ECHO_REPLY: {
        type = icmp.GetType() == Icmpv4Header::ICMPV4_ECHO ? "echo-request" : "echo-reply";
        Icmpv4Echo echo;
        p->RemoveHeader(echo);
        fields.emplace_back("id", std::to_string(echo.GetIdentifier()));
        fields.emplace_back("seq", std::to_string(echo.GetSequenceNumber()));
        break;
    }
    case Icmpv4Header::ICMPV4_DEST_UNREACH:
        type = "dest-unreachable";
        fields.emplace_back("code", std::to_string(icmp.GetCode()));
        break;
    case Icmpv4Header::ICMPV4_TIME_EXCEEDED:
        type = "time-exceeded";
        fields.emplace_back("code", std::to_string(icmp.GetCode()));
        break;
    default:
        type = fmt::format("type-{}", icmp.GetType());
        break;
    }
    return true;
}

void
MessageTrace::IpTrace(std::string name,
                      std::string direction,
                      Ptr<const Packet> packet,
                      Ptr<Ipv4> /* ipv4 */,
                      uint32_t interface)
{
    std::string type;
    Fields fields;
    if (DescribeIcmp(packet, type, fields))
    {
        fields.emplace_back("if", std::to_string(interface));
        Record(name, direction, "icmp", type, fields);
    }
}

void
MessageTrace::WatchIcmp(Ptr<Node> node, const std::string& name)
{
    Ptr<Ipv4L3Protocol> ip = node->GetObject<Ipv4L3Protocol>();
    using IpCallback = Callback<void, Ptr<const Packet>, Ptr<Ipv4>, uint32_t>;
    ip->TraceConnectWithoutContext(
        "Tx",
        IpCallback([this, name](Ptr<const Packet> p, Ptr<Ipv4> ipv4, uint32_t i) {
            IpTrace(name, "tx", p, ipv4, i);
        }));
    ip->TraceConnectWithoutContext(
        "Rx",
        IpCallback([this, name](Ptr<const Packet> p, Ptr<Ipv4> ipv4, uint32_t i) {
            IpTrace(name, "rx", p, ipv4, i);
        }));
}

} // namespace metrics
} // namespace ns3
