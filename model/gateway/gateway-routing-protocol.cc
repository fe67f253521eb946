// SPDX-License-Identifier: GPL-2.0-only
#include "gateway-routing-protocol.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/header.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipvpn-byte-order.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("GatewayRoutingProtocol");

namespace gateway
{

NS_OBJECT_ENSURE_REGISTERED(RoutingProtocol);

namespace
{

constexpr uint8_t ICMP_ECHO_REPLY = 0;

/**
 * The first octets of a rewritten payload (its transport header, or an ICMP
 * error's embedded header), put back in front of the untouched rest: no
 * copy of the whole datagram per translation. A header of no protocol of its
 * own; packet printing (PacketMetadata) is not supported across a NAT.
 */
class HeadOctets : public Header
{
  public:
    HeadOctets(const uint8_t* data, std::size_t size)
        : m_size(size)
    {
        std::copy(data, data + size, m_octets.begin());
    }

    static TypeId GetTypeId()
    {
        static TypeId tid = TypeId("ns3::gateway::HeadOctets").SetParent<Header>().SetGroupName("Ipvpn");
        return tid;
    }

    TypeId GetInstanceTypeId() const override
    {
        return GetTypeId();
    }

    uint32_t GetSerializedSize() const override
    {
        return static_cast<uint32_t>(m_size);
    }

    void Serialize(Buffer::Iterator start) const override
    {
        start.Write(m_octets.data(), static_cast<uint32_t>(m_size));
    }

    uint32_t Deserialize(Buffer::Iterator start) override
    {
        start.Read(m_octets.data(), static_cast<uint32_t>(m_size));
        return static_cast<uint32_t>(m_size);
    }

    void Print(std::ostream& os) const override
    {
        os << m_size << " rewritten octets";
    }

  private:
    std::array<uint8_t, RoutingProtocol::HEAD_OCTETS> m_octets;
    std::size_t m_size;
};
constexpr uint8_t ICMP_TIMESTAMP_REPLY = 14;

} // namespace

std::ostream&
operator<<(std::ostream& os, NatDrop d)
{
    switch (d)
    {
    case NatDrop::NAPT:
        return os << "napt";
    case NatDrop::PRIVATE_DESTINATION:
        return os << "private-destination";
    case NatDrop::UNTRANSLATABLE:
        return os << "untranslatable";
    }
    return os << "drop " << static_cast<int>(d);
}

TypeId
RoutingProtocol::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::gateway::RoutingProtocol")
            .SetParent<Ipv4RoutingProtocol>()
            .SetGroupName("Ipvpn")
            .AddConstructor<RoutingProtocol>()
            .AddAttribute("UdpTimeout",
                          "NAPT: a UDP mapping's idle timeout (RFC 4787 REQ-5: at least 2 min, "
                          "5 min recommended).",
                          TimeValue(Seconds(300)),
                          MakeTimeAccessor(&RoutingProtocol::m_udpTimeout),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("TcpEstablishedTimeout",
                          "NAPT: an established TCP session's idle timeout (RFC 5382 REQ-5: at "
                          "least 2 h 4 min).",
                          TimeValue(Seconds(7440)),
                          MakeTimeAccessor(&RoutingProtocol::m_tcpEstablishedTimeout),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("TcpTransitoryTimeout",
                          "NAPT: a transitory TCP session's idle timeout (RFC 5382 REQ-5: at "
                          "least 4 min).",
                          TimeValue(Seconds(240)),
                          MakeTimeAccessor(&RoutingProtocol::m_tcpTransitoryTimeout),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("IcmpTimeout",
                          "NAPT: an ICMP query mapping's idle timeout (RFC 5508 REQ-1: at least "
                          "60 s).",
                          TimeValue(Seconds(60)),
                          MakeTimeAccessor(&RoutingProtocol::m_icmpTimeout),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute(
                "Filtering",
                "NAPT inbound filtering (RFC 4787 section 5).",
                EnumValue(static_cast<int>(nat::Filtering::ENDPOINT_INDEPENDENT)),
                MakeEnumAccessor(&RoutingProtocol::m_filtering),
                MakeEnumChecker(static_cast<int>(nat::Filtering::ENDPOINT_INDEPENDENT),
                                "EndpointIndependent",
                                static_cast<int>(nat::Filtering::ADDRESS_DEPENDENT),
                                "AddressDependent",
                                static_cast<int>(nat::Filtering::ADDRESS_AND_PORT_DEPENDENT),
                                "AddressAndPortDependent"))
            .AddAttribute("PortMin",
                          "NAPT: lowest external port.",
                          UintegerValue(1024),
                          MakeUintegerAccessor(&RoutingProtocol::m_portMin),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("PortMax",
                          "NAPT: highest external port; above it, ns-3's ephemeral ports "
                          "(49152-65535) stay the gateway's own sockets'.",
                          UintegerValue(49151),
                          MakeUintegerAccessor(&RoutingProtocol::m_portMax),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("MaxMappings",
                          "NAPT: table size; a new mapping beyond it is a counted drop.",
                          UintegerValue(65536),
                          MakeUintegerAccessor(&RoutingProtocol::m_maxMappings),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("InboundRefresh",
                          "NAPT: inbound UDP and ICMP refresh a mapping (RFC 4787 REQ-6 MAY).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&RoutingProtocol::m_inboundRefresh),
                          MakeBooleanChecker())
            .AddAttribute("DropPrivateDestinations",
                          "Do not send datagrams for RFC 1918 destinations to the ISP.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&RoutingProtocol::m_dropPrivate),
                          MakeBooleanChecker())
            .AddTraceSource("Translate",
                            "A datagram translated: kind (napt-out, napt-in, prefix-out, "
                            "prefix-in), header before and after.",
                            MakeTraceSourceAccessor(&RoutingProtocol::m_translateTrace),
                            "ns3::gateway::RoutingProtocol::TranslateTracedCallback")
            .AddTraceSource("Drop",
                            "A datagram the NAT dropped, with the reason.",
                            MakeTraceSourceAccessor(&RoutingProtocol::m_dropTrace),
                            "ns3::gateway::RoutingProtocol::DropTracedCallback")
            .AddTraceSource("MappingCreated",
                            "A NAPT mapping was created.",
                            MakeTraceSourceAccessor(&RoutingProtocol::m_mappingCreatedTrace),
                            "ns3::gateway::RoutingProtocol::MappingTracedCallback")
            .AddTraceSource("MappingExpired",
                            "A NAPT mapping timed out.",
                            MakeTraceSourceAccessor(&RoutingProtocol::m_mappingExpiredTrace),
                            "ns3::gateway::RoutingProtocol::MappingTracedCallback");
    return tid;
}

RoutingProtocol::RoutingProtocol()
    : m_routes(CreateObject<IpvpnRoutingProtocol>())
    , m_forward(MakeCallback(&RoutingProtocol::Forward, this))
{
}

RoutingProtocol::~RoutingProtocol() = default;

void
RoutingProtocol::DoDispose()
{
    m_expiry.Cancel();
    m_forward = UnicastForwardCallback();
    m_ucb = UnicastForwardCallback();
    m_routes->Dispose();
    m_routes = nullptr;
    m_ipv4 = nullptr;
    Ipv4RoutingProtocol::DoDispose();
}

Ptr<IpvpnRoutingProtocol>
RoutingProtocol::GetRouting() const
{
    return m_routes;
}

Ptr<IpvpnRoutingProtocol>
RoutingProtocol::GetCore() const
{
    return m_routes;
}

Ptr<Ipv4Route>
RoutingProtocol::RouteOutput(Ptr<Packet> p,
                             const Ipv4Header& header,
                             Ptr<NetDevice> oif,
                             Socket::SocketErrno& sockerr)
{
    return m_routes->RouteOutput(p, header, oif, sockerr);
}

void
RoutingProtocol::NotifyInterfaceUp(uint32_t interface)
{
    m_routes->NotifyInterfaceUp(interface);
}

void
RoutingProtocol::NotifyInterfaceDown(uint32_t interface)
{
    m_routes->NotifyInterfaceDown(interface);
}

void
RoutingProtocol::NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    m_routes->NotifyAddAddress(interface, address);
}

void
RoutingProtocol::NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    m_routes->NotifyRemoveAddress(interface, address);
}

void
RoutingProtocol::SetIpv4(Ptr<Ipv4> ipv4)
{
    m_ipv4 = ipv4;
    m_routes->SetIpv4(ipv4);
}

void
RoutingProtocol::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit unit) const
{
    m_routes->PrintRoutingTable(stream, unit);
}

void
RoutingProtocol::ReserveNaptPort(uint16_t port)
{
    NS_ABORT_MSG_IF(m_napt, "ReserveNaptPort() after EnableNapt()");
    m_reserved.insert(port);
}

void
RoutingProtocol::EnableNapt(uint32_t interface)
{
    NS_ABORT_MSG_IF(m_napt, "EnableNapt() called twice");
    NS_ABORT_MSG_IF(!m_ipv4 || interface >= m_ipv4->GetNInterfaces() ||
                        m_ipv4->GetNAddresses(interface) == 0,
                    "EnableNapt(" << interface << "): no such interface with an address");
    nat::NaptEngine::Config config;
    config.publicAddress = m_ipv4->GetAddress(interface, 0).GetLocal();
    config.filtering = static_cast<nat::Filtering>(m_filtering);
    config.portMin = m_portMin;
    config.portMax = m_portMax;
    config.reservedPorts = m_reserved;
    config.maxMappings = m_maxMappings;
    config.udpTimeout = m_udpTimeout;
    config.tcpEstablishedTimeout = m_tcpEstablishedTimeout;
    config.tcpTransitoryTimeout = m_tcpTransitoryTimeout;
    config.icmpTimeout = m_icmpTimeout;
    config.inboundRefresh = m_inboundRefresh;
    m_napt = std::make_unique<nat::NaptEngine>(config);
    m_outside = interface;
}

bool
RoutingProtocol::IsNaptEnabled() const
{
    return m_napt != nullptr;
}

const nat::NaptEngine*
RoutingProtocol::GetNapt() const
{
    return m_napt.get();
}

Ipv4Address
RoutingProtocol::GetPublicAddress() const
{
    return m_napt ? m_napt->GetConfig().publicAddress : Ipv4Address();
}

std::string
RoutingProtocol::AddPrefixRule(const nat::PrefixRule& rule)
{
    return m_prefixes.Add(rule);
}

bool
RoutingProtocol::RemovePrefixRule(uint32_t interface, Ipv4Address inner, uint8_t length)
{
    return m_prefixes.Remove(interface, inner, length);
}

const nat::PrefixTable&
RoutingProtocol::GetPrefixTable() const
{
    return m_prefixes;
}

const RoutingProtocol::Counters&
RoutingProtocol::GetCounters() const
{
    return m_counters;
}

bool
RoutingProtocol::IsPrivate(Ipv4Address address)
{
    const uint32_t a = address.Get();
    return (a >> 24) == 10 || (a >> 20) == (172u << 4 | 1u) || (a >> 16) == (192u << 8 | 168u);
}

RoutingProtocol::Head
RoutingProtocol::Bytes(Ptr<const Packet> packet, const Ipv4Header& header)
{
    // ns-3's IPv4 header has no options: 20 octets, written here field by
    // field (what the rewriter reads; the header checksum is left 0, since
    // the header object, not these octets, goes on the wire).
    constexpr uint32_t headerSize = 20;
    const uint32_t taken = std::min(packet->GetSize(), HEAD_OCTETS);
    Head bytes;
    bytes.length = headerSize + taken;
    uint8_t* const octets = bytes.octets.data();
    bytes.octets.fill(0);
    bytes.octets[0] = 0x45;
    // The rewriter sees a datagram that ends with the head: every checksum
    // changes incrementally (RFC 1624), so the octets after it are never read.
    byteorder::WriteBe16(octets + 2, static_cast<uint16_t>(headerSize + taken));
    byteorder::WriteBe16(octets + 6,
                     static_cast<uint16_t>((header.IsLastFragment() ? 0 : 0x2000) |
                                           (header.GetFragmentOffset() / 8)));
    bytes.octets[8] = header.GetTtl();
    bytes.octets[9] = header.GetProtocol();
    byteorder::WriteBe32(octets + 12, header.GetSource().Get());
    byteorder::WriteBe32(octets + 16, header.GetDestination().Get());
    packet->CopyData(bytes.data() + headerSize, taken);
    return bytes;
}

void
RoutingProtocol::Rebuild(const Head& bytes,
                         Ptr<const Packet>& packet,
                         Ipv4Header& header)
{
    auto address = [&bytes](std::size_t at) {
        return Ipv4Address(byteorder::ReadBe32(bytes.octets.data() + at));
    };
    // The header object keeps its fields (and its checksum setting); only
    // the addresses change. The payload's head is replaced by the rewritten
    // octets; the rest of the payload and the packet's tags stay as they are.
    header.SetSource(address(12));
    header.SetDestination(address(16));
    constexpr std::size_t headerSize = 20; // as Bytes() wrote it
    Ptr<Packet> rewritten = packet->Copy();
    rewritten->RemoveAtStart(static_cast<uint32_t>(bytes.size() - headerSize));
    rewritten->AddHeader(HeadOctets(bytes.data() + headerSize, bytes.size() - headerSize));
    packet = rewritten;
}

bool
RoutingProtocol::RewriteAddress(Ptr<const Packet>& packet,
                                Ipv4Header& header,
                                nat::Side side,
                                Ipv4Address to)
{
    Head bytes = Bytes(packet, header);
    if (nat::RewriteAddress(bytes.data(), bytes.size(), side, to))
    {
        return false;
    }
    Rebuild(bytes, packet, header);
    return true;
}

bool
RoutingProtocol::InNaptRange(uint16_t port) const
{
    const auto& c = m_napt->GetConfig();
    return port >= c.portMin && port <= c.portMax && c.reservedPorts.count(port) == 0;
}

RoutingProtocol::Inbound
RoutingProtocol::NaptInbound(Ptr<const Packet>& packet, Ipv4Header& header)
{
    Head bytes = Bytes(packet, header);
    const nat::ParsedDatagram parsed = nat::ParseDatagram(bytes.data(), bytes.size());
    if (parsed.error)
    {
        return Inbound::LOCAL; // not the NAPT's: the gateway's own stack decides
    }
    const Time now = Simulator::Now();
    const Ipv4Header before = header;
    bool ok = false;
    if (parsed.icmpError)
    {
        // About a datagram sent from the public address: the NAPT's if its
        // source port is in the range, else the gateway's own.
        if (!InNaptRange(parsed.embedded.source.port))
        {
            return Inbound::LOCAL;
        }
        const nat::IcmpErrorTranslation t = m_napt->InboundIcmpError(parsed.embedded, now);
        if (!t.Accepted())
        {
            Drop(NatDrop::NAPT, header);
            return Inbound::DROPPED;
        }
        ok = !nat::RewriteIcmpError(bytes.data(), bytes.size(), nat::Side::DESTINATION, t.outerAddress, t.embedded.source);
    }
    else
    {
        const bool reply = parsed.flow.protocol != nat::Transport::ICMP ||
                           parsed.icmpType == ICMP_ECHO_REPLY ||
                           parsed.icmpType == ICMP_TIMESTAMP_REPLY;
        if (!reply || !InNaptRange(parsed.flow.destination.port))
        {
            return Inbound::LOCAL;
        }
        const nat::Translation t = m_napt->Inbound(parsed.flow, now);
        ScheduleExpiry(ChangesTcpState(parsed.flow));
        if (!t.Accepted())
        {
            Drop(NatDrop::NAPT, header);
            return Inbound::DROPPED;
        }
        ok = !nat::RewriteEndpoint(bytes.data(), bytes.size(), nat::Side::DESTINATION, t.endpoint);
    }
    if (!ok)
    {
        Drop(NatDrop::UNTRANSLATABLE, header);
        return Inbound::DROPPED;
    }
    Rebuild(bytes, packet, header);
    ++m_counters.naptInbound;
    Translated("napt-in", before, header);
    return Inbound::TRANSLATED;
}

bool
RoutingProtocol::NaptOutbound(Ptr<const Packet>& packet, Ipv4Header& header)
{
    Head bytes = Bytes(packet, header);
    const nat::ParsedDatagram parsed = nat::ParseDatagram(bytes.data(), bytes.size());
    if (parsed.error)
    {
        Drop(NatDrop::UNTRANSLATABLE, header);
        return false;
    }
    const Time now = Simulator::Now();
    const Ipv4Header before = header;
    bool ok = false;
    if (parsed.icmpError)
    {
        const nat::IcmpErrorTranslation t = m_napt->OutboundIcmpError(parsed.embedded, now);
        if (!t.Accepted())
        {
            Drop(NatDrop::NAPT, header);
            return false;
        }
        ok = !nat::RewriteIcmpError(bytes.data(), bytes.size(), nat::Side::SOURCE, t.outerAddress, t.embedded.destination);
    }
    else
    {
        const nat::Translation t = m_napt->Outbound(parsed.flow, now);
        ScheduleExpiry(t.created || ChangesTcpState(parsed.flow));
        if (!t.Accepted())
        {
            Drop(NatDrop::NAPT, header);
            return false;
        }
        if (t.created)
        {
            if (auto m = m_napt->FindMapping(parsed.flow.protocol, parsed.flow.source))
            {
                m_mappingCreatedTrace(*m);
            }
        }
        ok = !nat::RewriteEndpoint(bytes.data(), bytes.size(), nat::Side::SOURCE, t.endpoint);
    }
    if (!ok)
    {
        Drop(NatDrop::UNTRANSLATABLE, header);
        return false;
    }
    Rebuild(bytes, packet, header);
    ++m_counters.naptOutbound;
    Translated("napt-out", before, header);
    return true;
}

bool
RoutingProtocol::RouteInput(Ptr<const Packet> p,
                            const Ipv4Header& header,
                            Ptr<const NetDevice> idev,
                            UnicastForwardCallback ucb,
                            MulticastForwardCallback mcb,
                            LocalDeliverCallback lcb,
                            ErrorCallback ecb)
{
    const int32_t iif = m_ipv4->GetInterfaceForDevice(idev);
    const Ipv4Address destination = header.GetDestination();
    if (iif < 0 || destination.IsMulticast() || destination.IsBroadcast())
    {
        return m_routes->RouteInput(p, header, idev, ucb, mcb, lcb, ecb);
    }
    Ptr<const Packet> packet = p;
    Ipv4Header h = header;
    const auto interface = static_cast<uint32_t>(iif);
    if (m_prefixes.HasRules(interface))
    {
        if (auto to = m_prefixes.Inbound(interface, destination))
        {
            const Ipv4Header before = h;
            if (!RewriteAddress(packet, h, nat::Side::DESTINATION, *to))
            {
                Drop(NatDrop::UNTRANSLATABLE, h);
                return true;
            }
            ++m_counters.prefixInbound;
            Translated("prefix-in", before, h);
        }
    }
    if (m_napt && interface == m_outside && h.GetDestination() == GetPublicAddress())
    {
        switch (NaptInbound(packet, h))
        {
        case Inbound::DROPPED:
            return true; // consumed: counted and traced
        case Inbound::LOCAL:
            ++m_counters.toGateway;
            break;
        case Inbound::TRANSLATED:
            break;
        }
    }
    // The inner routing calls m_forward at once (or not at all); binding
    // `ucb` into a new callback for every datagram would cost more than the
    // lookup itself.
    const UnicastForwardCallback outer = m_ucb;
    m_ucb = ucb;
    const bool handled = m_routes->RouteInput(packet, h, idev, m_forward, mcb, lcb, ecb);
    m_ucb = outer;
    return handled;
}

void
RoutingProtocol::Forward(Ptr<Ipv4Route> route, Ptr<const Packet> p, const Ipv4Header& header)
{
    const UnicastForwardCallback ucb = m_ucb;
    const int32_t oif = m_ipv4->GetInterfaceForDevice(route->GetOutputDevice());
    Ptr<const Packet> packet = p;
    Ipv4Header h = header;
    const bool toIsp = m_napt && oif == static_cast<int32_t>(m_outside);
    if (toIsp && m_dropPrivate && IsPrivate(h.GetDestination()))
    {
        Drop(NatDrop::PRIVATE_DESTINATION, h);
        return;
    }
    if (oif >= 0 && m_prefixes.HasRules(static_cast<uint32_t>(oif)))
    {
        if (auto to = m_prefixes.Outbound(static_cast<uint32_t>(oif), h.GetSource()))
        {
            const Ipv4Header before = h;
            if (!RewriteAddress(packet, h, nat::Side::SOURCE, *to))
            {
                Drop(NatDrop::UNTRANSLATABLE, h);
                return;
            }
            ++m_counters.prefixOutbound;
            Translated("prefix-out", before, h);
        }
    }
    if (toIsp && h.GetSource() != GetPublicAddress() && !NaptOutbound(packet, h))
    {
        return;
    }
    ucb(route, packet, h);
}

void
RoutingProtocol::Drop(NatDrop reason, const Ipv4Header& header)
{
    switch (reason)
    {
    case NatDrop::NAPT:
        ++m_counters.napt;
        break;
    case NatDrop::PRIVATE_DESTINATION:
        ++m_counters.privateDestination;
        break;
    case NatDrop::UNTRANSLATABLE:
        ++m_counters.untranslatable;
        break;
    }
    NS_LOG_LOGIC("drop (" << reason << "): " << header.GetSource() << " -> "
                          << header.GetDestination());
    m_dropTrace(reason, header);
}

void
RoutingProtocol::Translated(const std::string& kind,
                            const Ipv4Header& before,
                            const Ipv4Header& after)
{
    NS_LOG_LOGIC(kind << ": " << before.GetSource() << " -> " << before.GetDestination()
                      << " becomes " << after.GetSource() << " -> " << after.GetDestination());
    m_translateTrace(kind, before, after);
}

bool
RoutingProtocol::ChangesTcpState(const nat::Flow& flow)
{
    return flow.protocol == nat::Transport::TCP &&
           (flow.tcpFlags & (nat::tcpflag::SYN | nat::tcpflag::FIN | nat::tcpflag::RST)) != 0;
}

void
RoutingProtocol::ScheduleExpiry(bool mayBeEarlier)
{
    // A refresh only moves deadlines later: a pending event stays right (at
    // worst early; Expire() then finds nothing and reschedules). A new
    // mapping or a TCP state change may need an earlier one.
    if (m_expiry.IsRunning() && !mayBeEarlier)
    {
        return;
    }
    const auto deadline = m_napt->NextDeadline();
    if (!deadline || (m_expiry.IsRunning() && m_expiryAt <= *deadline))
    {
        return;
    }
    m_expiry.Cancel();
    m_expiryAt = std::max(*deadline, Simulator::Now());
    m_expiry = Simulator::Schedule(m_expiryAt - Simulator::Now(), &RoutingProtocol::Expire, this);
}

void
RoutingProtocol::Expire()
{
    for (const nat::MappingInfo& m : m_napt->Expire(Simulator::Now()))
    {
        m_mappingExpiredTrace(m);
    }
    ScheduleExpiry(true);
}

} // namespace gateway
} // namespace ns3
