// SPDX-License-Identifier: GPL-2.0-only
#include "homes-builder.h"

#include "homes-message-trace.h"
#include "homes-results.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/gateway-routing-helper.h"
#include "ns3/htip-message.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4.h"
#include "ns3/l2tp-udp-port.h"
#include "ns3/log.h"
#include "ns3/scenario-network.h"
#include "ns3/scenario-values.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <fmt/format.h>
#include <set>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("HomesBuilder");

namespace scenario
{

namespace
{

constexpr uint32_t kRegistrationTtl = 300; // seconds; the seed gives none

const BuiltInterface*
InterfaceOf(const Network& network, const std::string& node, const std::string& link)
{
    for (const BuiltInterface& i : network.Interfaces())
    {
        if (i.node == node && i.link == link)
        {
            return &i;
        }
    }
    return nullptr;
}

Ipv4Address
Address(uint32_t a)
{
    return Ipv4Address(a);
}

void
ConfigureNat(const HomesSection& h, Ptr<gateway::RoutingProtocol> routing)
{
    routing->SetAttribute("UdpTimeout", TimeValue(NanoSeconds(*h.udpTimeoutNs)));
    routing->SetAttribute("TcpEstablishedTimeout",
                          TimeValue(NanoSeconds(*h.tcpEstablishedTimeoutNs)));
    routing->SetAttribute("TcpTransitoryTimeout",
                          TimeValue(NanoSeconds(*h.tcpTransitoryTimeoutNs)));
    routing->SetAttribute("IcmpTimeout", TimeValue(NanoSeconds(*h.icmpTimeoutNs)));
    routing->SetAttribute("Filtering", EnumValue(static_cast<int>(*h.filtering)));
    routing->SetAttribute("PortMin", UintegerValue(*h.portMin));
    routing->SetAttribute("PortMax", UintegerValue(*h.portMax));
    routing->SetAttribute("MaxMappings", UintegerValue(*h.maxMappings));
}

void
InstallGateway(const HomesSection& h, const HomeSpec& home, Network& network, HomesRun& run)
{
    Ptr<Node> node = network.GetNode(home.gateway);
    const BuiltInterface* isp = InterfaceOf(network, home.gateway, home.ispLink);
    const BuiltInterface* lan = InterfaceOf(network, home.gateway, home.lan);
    NS_ABORT_MSG_UNLESS(isp && lan, "gateway " << home.gateway << " lacks its links");
    GatewayParts g;
    g.home = &home;
    g.routing = GatewayRoutingHelper::GetRouting(node);
    NS_ABORT_MSG_UNLESS(g.routing, "gateway " << home.gateway << " has no gateway routing");
    ConfigureNat(h, g.routing);
    g.routing->GetRouting()->AddStaticRoute(
        Ipv4Address::GetZero(), Ipv4Mask::GetZero(), Address(home.ispPeer), isp->ipv4Interface);
    // The tunnelling processor's port and L2TP's (146A, 146B; RFC 2661 8.1)
    // are the gateway's own.
    g.routing->ReserveNaptPort(htip::HTIP_PORT);
    g.routing->ReserveNaptPort(l2tp::UdpPort::PORT);
    g.routing->EnableNapt(isp->ipv4Interface);

    const Ipv4Address inside = Address(home.inside.address);
    // DNS processor 143: home names from DHCP, the rest to the DNS server.
    g.dns = CreateObject<dns::Processor>();
    g.dns->SetAttribute("LocalDomain", StringValue(*h.localDomain));
    g.dns->SetAttribute("ForwardTimeout", TimeValue(NanoSeconds(*h.forwardTimeoutNs)));
    g.dns->AddListenAddress(inside);
    if (home.dnsServerAddress != 0)
    {
        g.dns->SetUpstream(Address(home.dnsServerAddress));
    }
    network.NextStream() += g.dns->AssignStreams(network.NextStream());
    node->AddApplication(g.dns);

    // DHCP 144: address, router and DNS server are the gateway's inside address.
    g.dhcp = CreateObject<dhcp::Server>();
    g.dhcp->SetAttribute("ServerAddress", Ipv4AddressValue(inside));
    g.dhcp->SetAttribute("PoolStart", Ipv4AddressValue(Address(*home.poolStart)));
    g.dhcp->SetAttribute("PoolEnd", Ipv4AddressValue(Address(*home.poolEnd)));
    g.dhcp->SetAttribute("SubnetMask", Ipv4MaskValue(Ipv4Mask(home.inside.Mask())));
    g.dhcp->SetAttribute("Router", Ipv4AddressValue(inside));
    g.dhcp->SetAttribute("DnsServer", Ipv4AddressValue(inside));
    g.dhcp->SetAttribute("LeaseTime", TimeValue(NanoSeconds(*home.leaseNs)));
    g.dhcp->SetDevice(lan->device);
    node->AddApplication(g.dhcp);

    // Web server 147 on the home side only, with the tunnel-request stand-in.
    g.web = CreateObject<gateway::WebServer>();
    g.web->SetAttribute("LocalAddress", Ipv4AddressValue(inside));
    g.requester = CreateObject<gateway::RecordingTunnelRequester>();
    g.web->SetTunnelRequester(g.requester);
    node->AddApplication(g.web);

    if (!home.domain.empty() && home.dnsServerAddress != 0)
    {
        g.update = CreateObject<dns::UpdateClient>();
        g.update->SetAttribute("LocalAddress", Ipv4AddressValue(Address(home.publicAddress)));
        g.update->Setup(node, Address(home.dnsServerAddress));
        network.NextStream() += g.update->AssignStreams(network.NextStream());
    }
    run.gateways.push_back(g);
}

void
StartRegistration(GatewayParts& g, Ptr<Node> node)
{
    if (!g.update)
    {
        return;
    }
    const HomeSpec& home = *g.home;
    auto name = dns::Name::Parse(home.domain);
    auto zone = dns::Name::Parse(home.zone);
    NS_ABORT_MSG_UNLESS(name && zone, "unchecked domain " << home.domain);
    GatewayParts* parts = &g;
    Simulator::ScheduleWithContext(node->GetId(), Seconds(0), [parts, name, zone]() {
        parts->update->Register(*name,
                                *zone,
                                Address(parts->home->publicAddress),
                                kRegistrationTtl,
                                Callback<void, uint8_t, Time>([parts](uint8_t rcode, Time latency) {
                                    parts->registrationRcode = rcode;
                                    parts->registrationLatency = latency;
                                }));
    });
}

void
InstallHosts(const HomesSection& h,
             const HomeSpec& home,
             const Scenario& s,
             Network& network,
             HomesRun& run,
             GatewayParts& g)
{
    const LinkSpec* lan = s.FindLink(home.lan);
    for (const EndpointSpec& e : lan->endpoints)
    {
        if (e.node == home.gateway)
        {
            continue;
        }
        Ptr<Node> node = network.GetNode(e.node);
        HostParts host;
        host.node = e.node;
        host.home = home.name;
        host.name = h.HostName(home, e.node);
        host.dhcp = e.dhcp;
        host.resolver = CreateObject<dns::StubResolver>();
        host.resolver->Setup(node);
        network.NextStream() += host.resolver->AssignStreams(network.NextStream());
        if (e.dhcp)
        {
            host.client = CreateObject<dhcp::Client>();
            host.client->SetAttribute("HostName", StringValue(host.name));
            for (const HomeHostSpec& listed : home.hosts)
            {
                if (listed.node == e.node)
                {
                    host.client->SetStartTime(NanoSeconds(listed.startNs));
                }
            }
            host.client->SetDevice(InterfaceOf(network, e.node, home.lan)->device);
            network.NextStream() += host.client->AssignStreams(network.NextStream());
            node->AddApplication(host.client);
        }
        else
        {
            host.address = Address(e.address->address);
            host.resolver->SetServer(Address(home.inside.address));
            g.dns->AddHost(host.name, host.address);
        }
        run.hosts.push_back(host);
    }
}

/// `send`: datagrams from the host (to an address, or to what a name
/// resolves to at the flow's time), and a sink on the flow's port at every
/// host of the scenario, whichever home holds the address; with `reply`, a
/// sink sends each datagram back to where it came from.
void
InstallSend(const HomeTrafficSpec& t,
            const Scenario& s,
            Network& network,
            HomeFlowParts& flow,
            Ptr<dns::StubResolver> resolver)
{
    HomeFlowParts* parts = &flow;
    const bool reply = t.reply;
    for (const NodeSpec& n : s.nodes)
    {
        if (n.kind != NodeKind::HOST || n.name == t.from)
        {
            continue;
        }
        Ptr<Socket> sink =
            Socket::CreateSocket(network.GetNode(n.name), UdpSocketFactory::GetTypeId());
        sink->Bind(InetSocketAddress(Ipv4Address::GetAny(), t.port));
        const std::string name = n.name;
        sink->SetRecvCallback(Callback<void, Ptr<Socket>>([parts, name, reply](Ptr<Socket> socket) {
            ns3::Address from;
            while (Ptr<Packet> p = socket->RecvFrom(from))
            {
                parts->receivedBy.push_back(name);
                if (reply)
                {
                    socket->SendTo(p, 0, from);
                }
            }
        }));
    }
    Ptr<Node> node = network.GetNode(t.from);
    Ptr<Socket> source = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    source->Bind();
    source->SetRecvCallback(Callback<void, Ptr<Socket>>([parts](Ptr<Socket> socket) {
        while (socket->Recv())
        {
            ++parts->replies;
        }
    }));
    const uint32_t count = t.count;
    const uint16_t port = t.port;
    auto sendAll = [source, parts, count, port](Ipv4Address to) {
        parts->sentTo = to;
        for (uint32_t k = 0; k < count; ++k)
        {
            Simulator::Schedule(MilliSeconds(10) * k, [source, to, parts, port]() {
                source->SendTo(Create<Packet>(64), 0, InetSocketAddress(to, port));
                ++parts->sent;
            });
        }
    };
    const Time at = NanoSeconds(*t.atNs);
    if (ParseIpv4Address(t.target).value)
    {
        const Ipv4Address to(t.target.c_str());
        Simulator::ScheduleWithContext(node->GetId(), at, [sendAll, to]() {
            sendAll(to);
        });
        return;
    }
    const std::string target = t.target;
    Simulator::ScheduleWithContext(node->GetId(), at, [resolver, parts, sendAll, target]() {
        resolver->Resolve(
            target,
            dns::StubResolver::ResolveCallback([parts, sendAll](const dns::ResolveResult& r) {
                parts->lookup = r;
                if (!r.addresses.empty())
                {
                    sendAll(r.addresses.front());
                }
            }));
    });
}

} // namespace

void
InstallHomes(const HomesSection& h, const Scenario& s, Network& network, RunContext& context)
{
    auto run = std::make_unique<HomesRun>();
    // Reserve first: the parts keep pointers into these vectors.
    run->gateways.reserve(h.homes.size());
    for (const HomeSpec& home : h.homes)
    {
        InstallGateway(h, home, network, *run);
        InstallHosts(h, home, s, network, *run, run->gateways.back());
    }
    // Leases feed the gateway's DNS table; bindings point the host's resolver.
    for (GatewayParts& g : run->gateways)
    {
        Ptr<dns::Processor> processor = g.dns;
        GatewayParts* parts = &g;
        g.dhcp->SetLeaseGrantedCallback(
            Callback<void, const std::string&, Ipv4Address, Mac48Address>(
                [processor, parts](const std::string& name, Ipv4Address address, Mac48Address) {
                    ++parts->leasesGranted;
                    if (!name.empty())
                    {
                        processor->AddHost(name, address);
                    }
                }));
        g.dhcp->SetLeaseEndedCallback(
            Callback<void, const std::string&, Ipv4Address, const std::string&>(
                [processor](const std::string& name, Ipv4Address, const std::string&) {
                    if (!name.empty())
                    {
                        processor->RemoveHost(name);
                    }
                }));
        StartRegistration(g, network.GetNode(g.home->gateway));
    }
    for (HostParts& host : run->hosts)
    {
        if (!host.client)
        {
            continue;
        }
        HostParts* parts = &host;
        host.client->SetBoundCallback(Callback<void, Ipv4Address, Ipv4Address, Ipv4Address>(
            [parts](Ipv4Address address, Ipv4Address, Ipv4Address dns) {
                parts->address = address;
                if (!parts->boundAt)
                {
                    parts->boundAt = Simulator::Now();
                }
                parts->resolver->SetServer(dns);
            }));
    }
    for (const DnsServerSpec& d : h.dnsServers)
    {
        DnsServerParts parts;
        parts.spec = &d;
        parts.server = CreateObject<dns::Server>();
        dns::Zone zone(*dns::Name::Parse(d.zone));
        for (const DnsRecordSpec& r : d.records)
        {
            zone.AddA(*dns::Name::Parse(r.name), Address(r.address), kRegistrationTtl);
        }
        for (const WebServerSpec& w : h.webServers)
        {
            auto name = dns::Name::Parse(w.name);
            if (name && dns::IsSubdomain(*name, *dns::Name::Parse(d.zone)))
            {
                zone.AddA(*name, Address(w.address), kRegistrationTtl);
            }
        }
        parts.server->SetZone(zone);
        for (const Ipv4Prefix& p : d.updatesFrom)
        {
            parts.server->AddUpdatePrefix(Address(p.Network()), Ipv4Mask(p.Mask()));
        }
        network.GetNode(d.node)->AddApplication(parts.server);
        run->dnsServers.push_back(parts);
    }
    for (const WebServerSpec& w : h.webServers)
    {
        network.GetNode(w.node)->AddApplication(CreateObject<gateway::WebServer>());
    }
    // DHCP, DNS and HTTP in the message trace, at every node that speaks them.
    if (auto sink = context.TraceSink())
    {
        std::set<std::string> nodes;
        for (const HomeSpec& home : h.homes)
        {
            nodes.insert(home.gateway);
        }
        for (const HostParts& host : run->hosts)
        {
            nodes.insert(host.node);
        }
        for (const DnsServerSpec& d : h.dnsServers)
        {
            nodes.insert(d.node);
        }
        for (const WebServerSpec& w : h.webServers)
        {
            nodes.insert(w.node);
        }
        for (const std::string& n : nodes)
        {
            WatchHomeMessages(network.GetNode(n), n, sink);
        }
    }
    context.AddRun("homes", std::move(run));
}

void
InstallHomeTraffic(const HomesSection& h, const Scenario& s, Network& network, RunContext& context)
{
    HomesRun* run = context.FindRun<HomesRun>("homes");
    NS_ABORT_MSG_UNLESS(run, "home traffic before the homes were installed");
    run->flows.reserve(h.traffic.size());
    for (const HomeTrafficSpec& t : h.traffic)
    {
        HomeFlowParts parts;
        parts.spec = &t;
        run->flows.push_back(parts);
        HomeFlowParts* flow = &run->flows.back();
        HostParts* host = run->FindHost(t.from);
        NS_ABORT_MSG_UNLESS(host, "home flow from an unknown host " << t.from);
        Ptr<Node> node = network.GetNode(t.from);
        const HomeSpec* home = h.HomeOfHost(s, t.from);
        // The browser: GET / (browse), or GET / then POST /tunnel (tunnel page).
        auto open = [flow, node](
                        Ipv4Address server, const std::string& peer, const std::string& hostField) {
            flow->client = CreateObject<gateway::WebClient>();
            flow->client->SetAttribute("ServerAddress", Ipv4AddressValue(server));
            flow->client->SetAttribute("Peer", StringValue(peer));
            flow->client->SetAttribute("Host", StringValue(hostField));
            node->AddApplication(flow->client);
            // Node::AddApplication initialises it at once: it starts now.
            flow->client->SetStartTime(Seconds(0));
        };
        const Time at = NanoSeconds(*t.atNs);
        if (t.type == HomeTrafficType::SEND)
        {
            InstallSend(t, s, network, *flow, host->resolver);
            continue;
        }
        if (t.type == HomeTrafficType::LOOKUP)
        {
            Ptr<dns::StubResolver> resolver = host->resolver;
            const std::string name = t.target;
            Simulator::ScheduleWithContext(node->GetId(), at, [resolver, flow, name]() {
                resolver->Resolve(
                    name, dns::StubResolver::ResolveCallback([flow](const dns::ResolveResult& r) {
                        flow->lookup = r;
                    }));
            });
            continue;
        }
        if (t.type == HomeTrafficType::TUNNEL_PAGE)
        {
            const Ipv4Address gateway = Address(home->inside.address);
            const std::string peer = t.target;
            Simulator::ScheduleWithContext(node->GetId(), at, [open, gateway, peer]() {
                open(gateway, peer, "");
            });
            continue;
        }
        Ptr<dns::StubResolver> resolver = host->resolver;
        const std::string name = t.target;
        Simulator::ScheduleWithContext(node->GetId(), at, [resolver, flow, open, name]() {
            resolver->Resolve(
                name,
                dns::StubResolver::ResolveCallback([flow, open, name](const dns::ResolveResult& r) {
                    flow->lookup = r;
                    if (!r.addresses.empty())
                    {
                        open(r.addresses.front(), "", name);
                    }
                }));
        });
    }
}

} // namespace scenario
} // namespace ns3
