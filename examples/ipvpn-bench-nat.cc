/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ipvpn-bench-nat: the per-packet cost of a NAT hop against a plain IPv4
 * forwarding hop (issue 11's benchmark). Not a test: it prints figures.
 *
 * A chain: a source host, H gateways (gateway::RoutingProtocol), a sink
 * host, over 10 Gb/s point-to-point links. The source hands P UDP datagrams
 * of 64 octets straight to its IPv4 layer (no socket, so every mode pays the
 * same to send), cycling through F source ports (F flows). Each run takes
 * the CPU time of Simulator::Run() (the best of two) in one of these modes:
 *
 *   plain   the nodes only route (IpvpnRoutingProtocol, the module's
 *           routing, which a gateway holds inside);
 *   napt    every gateway translates the source to its ISP-side address
 *           (NAPT, F mappings in each gateway's table);
 *   prefix  every gateway rewrites the source prefix with a 1:1 rule
 *           (10.0.i.0/24 -> 10.0.i+1.0/24 leaving gateway i+1).
 *
 * The cost of one hop: plain, from the difference between the chain of H
 * gateways and a chain of one; NAT, the plain hop plus the NAT's extra
 * time spread over the H gateways. Ratio = NAT hop / plain hop. With F =
 * 10,000 every NAPT holds 10,000 mappings: its lookup cost should not move.
 *
 * Exit codes: 0 measured, 2 bad command line.
 */
#include "ns3/core-module.h"
#include "ns3/gateway-routing-protocol.h"
#include "ns3/internet-module.h"
#include "ns3/ipvpn-routing-protocol.h"
#include "ns3/point-to-point-helper.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

const char* const kUsage =
    "usage: ipvpn-bench-nat [--hops H] [--packets P] [--flows F] [--json FILE]\n"
    "  --hops H      gateways in the chain (default 8)\n"
    "  --packets P   datagrams per run (default 100000)\n"
    "  --flows F     the large flow count, besides 1 (default 10000)\n";

enum class Mode
{
    PLAIN,
    NAPT,
    PREFIX,
};

const char*
Name(Mode m)
{
    switch (m)
    {
    case Mode::PLAIN:
        return "plain";
    case Mode::NAPT:
        return "napt";
    case Mode::PREFIX:
        return "prefix";
    }
    return "?";
}

Ipv4Address
LinkAddress(uint32_t link, uint32_t host)
{
    return Ipv4Address((10u << 24) | (link << 8) | host);
}

struct Run
{
    double seconds = 0;
    uint64_t delivered = 0;
    uint64_t events = 0;
};

Run MeasureOnce(Mode mode, uint32_t hops, uint32_t packets, uint32_t flows);

/// One chain, one mode: the best of two runs.
Run
Measure(Mode mode, uint32_t hops, uint32_t packets, uint32_t flows)
{
    const Run a = MeasureOnce(mode, hops, packets, flows);
    const Run b = MeasureOnce(mode, hops, packets, flows);
    return a.seconds <= b.seconds ? a : b;
}

/// One chain, one mode: the CPU time of Simulator::Run().
Run
MeasureOnce(Mode mode, uint32_t hops, uint32_t packets, uint32_t flows)
{
    // Link i joins node i and node i+1; node 0 is the source, node hops+1 the sink.
    NodeContainer nodes;
    nodes.Create(hops + 2);
    InternetStackHelper stack;
    stack.Install(nodes);
    std::vector<Ptr<gateway::RoutingProtocol>> gateways;
    std::vector<Ptr<IpvpnRoutingProtocol>> routes;
    for (uint32_t g = 1; g <= hops; ++g)
    {
        if (mode == Mode::PLAIN)
        {
            auto plain = CreateObject<IpvpnRoutingProtocol>();
            nodes.Get(g)->GetObject<Ipv4>()->SetRoutingProtocol(plain);
            routes.push_back(plain);
            continue;
        }
        auto routing = CreateObject<gateway::RoutingProtocol>();
        routing->SetAttribute("DropPrivateDestinations", BooleanValue(false));
        routing->SetAttribute("MaxMappings", UintegerValue(flows + 1));
        nodes.Get(g)->GetObject<Ipv4>()->SetRoutingProtocol(routing);
        gateways.push_back(routing);
        routes.push_back(routing->GetRouting());
    }
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Gbps"));
    p2p.SetChannelAttribute("Delay", StringValue("1us"));
    p2p.SetQueue("ns3::DropTailQueue", "MaxSize", StringValue("100000p"));
    for (uint32_t link = 0; link <= hops; ++link)
    {
        NetDeviceContainer d = p2p.Install(nodes.Get(link), nodes.Get(link + 1));
        for (uint32_t side = 0; side < 2; ++side)
        {
            Ptr<Ipv4> ipv4 = nodes.Get(link + side)->GetObject<Ipv4>();
            const uint32_t i = ipv4->AddInterface(d.Get(side));
            ipv4->AddAddress(i, Ipv4InterfaceAddress(LinkAddress(link, side + 1), "/24"));
            ipv4->SetUp(i);
        }
    }
    Ipv4StaticRoutingHelper staticRouting;
    const Ipv4Address sink = LinkAddress(hops, 2);
    staticRouting.GetStaticRouting(nodes.Get(0)->GetObject<Ipv4>())
        ->SetDefaultRoute(LinkAddress(0, 2), 1);
    for (uint32_t g = 1; g <= hops; ++g)
    {
        // Interface 1 faces the source, interface 2 the sink.
        routes[g - 1]->AddStaticRoute(
            Ipv4Address("0.0.0.0"), Ipv4Mask("0.0.0.0"), LinkAddress(g, 2), 2);
        if (mode == Mode::NAPT)
        {
            gateways[g - 1]->EnableNapt(2);
        }
        else if (mode == Mode::PREFIX)
        {
            gateways[g - 1]->AddPrefixRule({2, LinkAddress(g - 1, 0), LinkAddress(g, 0), 24});
        }
    }

    // A socket at the sink, so that no ICMP port unreachable comes back.
    Ptr<Socket> sinkSocket =
        Socket::CreateSocket(nodes.Get(hops + 1), UdpSocketFactory::GetTypeId());
    sinkSocket->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9));
    uint64_t delivered = 0;
    nodes.Get(hops + 1)->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
        "LocalDeliver",
        MakeCallback(+[](uint64_t* n, const Ipv4Header&, Ptr<const Packet>, uint32_t) { ++*n; })
            .Bind(&delivered));

    Ptr<Ipv4> source = nodes.Get(0)->GetObject<Ipv4>();
    const Ipv4Address from = LinkAddress(0, 1);
    const Time spacing = NanoSeconds(200);
    for (uint32_t k = 0; k < packets; ++k)
    {
        Simulator::Schedule(spacing * k, [=]() {
            Ptr<Packet> p = Create<Packet>(64);
            UdpHeader udp;
            udp.SetSourcePort(static_cast<uint16_t>(2000 + k % flows));
            udp.SetDestinationPort(9);
            udp.EnableChecksums(); // so that every NAT updates a real checksum
            udp.InitializeChecksum(from, sink, UdpL4Protocol::PROT_NUMBER);
            p->AddHeader(udp);
            source->Send(p, from, sink, UdpL4Protocol::PROT_NUMBER, nullptr);
        });
    }
    // Process CPU time: other processes on the machine do not count.
    const std::clock_t start = std::clock();
    Simulator::Run();
    const std::clock_t stop = std::clock();
    Run r;
    r.seconds = double(stop - start) / CLOCKS_PER_SEC;
    r.delivered = delivered;
    r.events = Simulator::GetEventCount();
    sinkSocket->Close();
    Simulator::Destroy();
    return r;
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t hops = 8;
    uint32_t packets = 100000;
    uint32_t flows = 10000;
    std::string json;
    for (int i = 1; i < argc; ++i)
    {
        const std::string a = argv[i];
        auto next = [&](const char* what) -> std::string {
            if (i + 1 >= argc)
            {
                std::cerr << "ipvpn-bench-nat: " << what << " needs a value\n" << kUsage;
                std::exit(2);
            }
            return argv[++i];
        };
        auto number = [&](const char* what, uint32_t min, uint32_t max) {
            const std::string v = next(what);
            char* end = nullptr;
            const unsigned long n = std::strtoul(v.c_str(), &end, 10);
            if (v.empty() || *end != '\0' || n < min || n > max)
            {
                std::cerr << "ipvpn-bench-nat: " << what << " must be an integer from " << min
                          << " to " << max << ", not '" << v << "'\n"
                          << kUsage;
                std::exit(2);
            }
            return static_cast<uint32_t>(n);
        };
        if (a == "--help" || a == "-h")
        {
            std::cout << kUsage;
            return 0;
        }
        if (a == "--hops")
        {
            hops = number("--hops", 2, 200);
        }
        else if (a == "--packets")
        {
            packets = number("--packets", 1000, 100000000);
        }
        else if (a == "--flows")
        {
            flows = number("--flows", 1, 40000);
        }
        else if (a == "--json")
        {
            json = next("--json");
        }
        else
        {
            std::cerr << "ipvpn-bench-nat: unknown argument '" << a << "'\n" << kUsage;
            return 2;
        }
    }
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));

    const Run one = Measure(Mode::PLAIN, 1, packets, 1);
    std::FILE* out = json.empty() ? nullptr : std::fopen(json.c_str(), "w");
    if (out)
    {
        std::fprintf(out, "{\"hops\": %u, \"packets\": %u, \"runs\": [\n", hops, packets);
    }
    bool first = true;
    for (uint32_t f : {1u, flows})
    {
        const Run plain = Measure(Mode::PLAIN, hops, packets, f);
        const double plainHopNs = (plain.seconds - one.seconds) * 1e9 / packets / (hops - 1);
        std::printf("flows %u: plain hop %.0f ns (chain of %u: %.2f s, %llu events)\n",
                    f,
                    plainHopNs,
                    hops,
                    plain.seconds,
                    static_cast<unsigned long long>(plain.events));
        for (Mode mode : {Mode::NAPT, Mode::PREFIX})
        {
            const Run r = Measure(mode, hops, packets, f);
            const double natHopNs = plainHopNs + (r.seconds - plain.seconds) * 1e9 / packets / hops;
            std::printf("flows %u: %-6s hop %.0f ns = %.2fx plain (%.2f s, %llu of %u delivered)\n",
                        f,
                        Name(mode),
                        natHopNs,
                        natHopNs / plainHopNs,
                        r.seconds,
                        static_cast<unsigned long long>(r.delivered),
                        packets);
            if (out)
            {
                std::fprintf(out,
                             "%s{\"flows\": %u, \"mode\": \"%s\", \"plain_hop_ns\": %.1f, "
                             "\"hop_ns\": %.1f, \"ratio\": %.3f, \"delivered\": %llu}",
                             first ? "" : ",\n",
                             f,
                             Name(mode),
                             plainHopNs,
                             natHopNs,
                             natHopNs / plainHopNs,
                             static_cast<unsigned long long>(r.delivered));
                first = false;
            }
        }
    }
    if (out)
    {
        std::fprintf(out, "\n]}\n");
        std::fclose(out);
    }
    return 0;
}
