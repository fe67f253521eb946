// SPDX-License-Identifier: GPL-2.0-only
//
// gateway::RoutingProtocol in a small network: NAPT between a home and the
// Internet (seed 004 [0010]) for UDP, TCP and ICMP echo, unsolicited inbound
// datagrams dropped, private destinations kept off the ISP link, mapping
// expiry, and a 1:1 prefix rule ([0146]) added and removed while traffic
// runs. tshark reads the captures on both sides of the gateway.
//
//   host A 10.0.0.4 --- 10.0.0.1 [gateway A] 168.219.193.7 --- 168.219.193.1 [ISP]
//                                 10.0.2.1                      198.51.100.254
//                                    |                                |
//                         host B 10.0.2.5 ("behind a tunnel")   server 198.51.100.1
#include "ipvpn-pcap-check.h"

#include "ns3/boolean.h"
#include "ns3/bulk-send-helper.h"
#include "ns3/gateway-routing-protocol.h"
#include "ns3/global-value.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/packet-sink-helper.h"
#include "ns3/packet-sink.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/udp-echo-helper.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"
#include "ns3/v4ping-helper.h"

#include <algorithm>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

using ipvpntest::CanCheckPcaps;
using ipvpntest::CountFrames;
using ipvpntest::HaveTshark;
using ipvpntest::PcapCheck;

const Ipv4Address PUBLIC_A("168.219.193.7"); // seed 004: gateway A
const Ipv4Address SERVER("198.51.100.1");
const Ipv4Address HOST_A("10.0.0.4"); // seed 004: host A
const Ipv4Address HOST_B("10.0.2.5");

struct Outcome
{
    std::vector<Ipv4Address> echoSourcesAtServer; // UDP echo server on the Internet
    uint32_t echoRepliesAtHostA = 0;
    uint64_t tcpBytesAtServer = 0;
    std::vector<Ipv4Address> tcpSourcesAtServer;
    uint32_t pingReplies = 0;
    std::vector<Ipv4Address> sourcesAtHostB; // in the three 1:1 phases
    std::vector<uint32_t> tunnelRepliesAtHostA{0, 0, 0};
    gateway::RoutingProtocol::Counters counters;
    uint64_t naptNoMapping = 0;
    uint64_t created = 0;
    std::vector<nat::MappingInfo> expired;
    std::vector<std::string> translations;
    std::string pcapInside, pcapOutside, pcapTunnel;
};

void
AddressOf(std::vector<Ipv4Address>* to, Ptr<const Packet>, const Address& from, const Address&)
{
    to->push_back(InetSocketAddress::ConvertFrom(from).GetIpv4());
}

Outcome
RunGatewayNet(const std::string& prefix)
{
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true)); // tshark checks every checksum
    Outcome o;
    NodeContainer nodes;
    nodes.Create(5);
    Ptr<Node> hostA = nodes.Get(0), gw = nodes.Get(1), isp = nodes.Get(2), server = nodes.Get(3),
              hostB = nodes.Get(4);
    InternetStackHelper stack;
    stack.Install(nodes);
    auto gwRouting = CreateObject<gateway::RoutingProtocol>();
    gwRouting->SetAttribute("UdpTimeout", TimeValue(Seconds(20)));
    gw->GetObject<Ipv4>()->SetRoutingProtocol(gwRouting);

    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("2ms"));
    NetDeviceContainer inside = p2p.Install(hostA, gw); // gateway interface 1
    NetDeviceContainer outside = p2p.Install(gw, isp);  // gateway interface 2
    NetDeviceContainer internet = p2p.Install(isp, server);
    NetDeviceContainer tunnel = p2p.Install(gw, hostB); // gateway interface 3
    Ipv4AddressHelper address;
    address.SetBase("10.0.0.0", "255.255.255.0", "0.0.0.4");
    address.Assign(NetDeviceContainer(inside.Get(0)));
    address.SetBase("10.0.0.0", "255.255.255.0", "0.0.0.1");
    address.Assign(NetDeviceContainer(inside.Get(1)));
    address.SetBase("168.219.193.0", "255.255.255.0", "0.0.0.7");
    address.Assign(NetDeviceContainer(outside.Get(0)));
    address.SetBase("168.219.193.0", "255.255.255.0", "0.0.0.1");
    address.Assign(NetDeviceContainer(outside.Get(1)));
    address.SetBase("198.51.100.0", "255.255.255.0", "0.0.0.254");
    address.Assign(NetDeviceContainer(internet.Get(0)));
    address.SetBase("198.51.100.0", "255.255.255.0", "0.0.0.1");
    address.Assign(NetDeviceContainer(internet.Get(1)));
    address.SetBase("10.0.2.0", "255.255.255.0", "0.0.0.1");
    address.Assign(NetDeviceContainer(tunnel.Get(0)));
    address.SetBase("10.0.2.0", "255.255.255.0", "0.0.0.5");
    address.Assign(NetDeviceContainer(tunnel.Get(1)));

    Ipv4StaticRoutingHelper staticRouting;
    staticRouting.GetStaticRouting(hostA->GetObject<Ipv4>())
        ->SetDefaultRoute(Ipv4Address("10.0.0.1"), 1);
    staticRouting.GetStaticRouting(server->GetObject<Ipv4>())
        ->SetDefaultRoute(Ipv4Address("198.51.100.254"), 1);
    // Host B knows host A only by A's tunnel prefix.
    staticRouting.GetStaticRouting(hostB->GetObject<Ipv4>())
        ->AddNetworkRouteTo(Ipv4Address("10.0.1.0"), Ipv4Mask("/24"), Ipv4Address("10.0.2.1"), 1);
    gwRouting->GetRouting()->AddStaticRoute(
        Ipv4Address("0.0.0.0"), Ipv4Mask("0.0.0.0"), Ipv4Address("168.219.193.1"), 2);
    gwRouting->EnableNapt(2);
    NS_ABORT_UNLESS(
        gwRouting->AddPrefixRule({3, Ipv4Address("10.0.0.0"), Ipv4Address("10.0.1.0"), 24})
            .empty());

    gwRouting->TraceConnectWithoutContext("MappingCreated",
                                          MakeCallback(+[](uint64_t* n, const nat::MappingInfo&) {
                                              ++*n;
                                          }).Bind(&o.created));
    gwRouting->TraceConnectWithoutContext(
        "MappingExpired",
        MakeCallback(+[](std::vector<nat::MappingInfo>* v, const nat::MappingInfo& m) {
            v->push_back(m);
        }).Bind(&o.expired));
    gwRouting->TraceConnectWithoutContext("Translate",
                                          MakeCallback(+[](std::vector<std::string>* v,
                                                           const std::string& kind,
                                                           const Ipv4Header&,
                                                           const Ipv4Header&) {
                                              v->push_back(kind);
                                          }).Bind(&o.translations));

    // UDP echo through NAPT, 1 s to 3 s.
    UdpEchoServerHelper echoServer(9);
    ApplicationContainer serverApps = echoServer.Install(server);
    serverApps.Get(0)->TraceConnectWithoutContext(
        "RxWithAddresses", MakeCallback(&AddressOf).Bind(&o.echoSourcesAtServer));
    UdpEchoClientHelper echoClient(SERVER, 9);
    echoClient.SetAttribute("MaxPackets", UintegerValue(3));
    echoClient.SetAttribute("Interval", TimeValue(Seconds(1)));
    ApplicationContainer clientApps = echoClient.Install(hostA);
    clientApps.Start(Seconds(1));
    clientApps.Get(0)->TraceConnectWithoutContext("Rx",
                                                  MakeCallback(+[](uint32_t* n, Ptr<const Packet>) {
                                                      ++*n;
                                                  }).Bind(&o.echoRepliesAtHostA));

    // TCP: 20,000 bytes; the receiving TCP checks every checksum.
    PacketSinkHelper sinkHelper("ns3::TcpSocketFactory",
                                InetSocketAddress(Ipv4Address::GetAny(), 80));
    ApplicationContainer sinkApps = sinkHelper.Install(server);
    sinkApps.Get(0)->TraceConnectWithoutContext(
        "Rx",
        MakeCallback(+[](std::vector<Ipv4Address>* v, Ptr<const Packet>, const Address& from) {
            v->push_back(InetSocketAddress::ConvertFrom(from).GetIpv4());
        }).Bind(&o.tcpSourcesAtServer));
    BulkSendHelper bulk("ns3::TcpSocketFactory", InetSocketAddress(SERVER, 80));
    bulk.SetAttribute("MaxBytes", UintegerValue(20000));
    ApplicationContainer bulkApps = bulk.Install(hostA);
    bulkApps.Start(Seconds(2));

    // ICMP echo, 3 s to 5.5 s.
    V4PingHelper ping(SERVER);
    ping.SetAttribute("Interval", TimeValue(Seconds(1)));
    ApplicationContainer pingApps = ping.Install(hostA);
    pingApps.Start(Seconds(3));
    pingApps.Stop(Seconds(5.5));
    pingApps.Get(0)->TraceConnectWithoutContext("Rtt", MakeCallback(+[](uint32_t* n, Time) {
                                                           ++*n;
                                                       }).Bind(&o.pingReplies));

    // Unsolicited: the server sends to a NAPT port nobody mapped.
    Ptr<Socket> probe = Socket::CreateSocket(server, UdpSocketFactory::GetTypeId());
    probe->Bind();
    Simulator::Schedule(Seconds(4), [probe]() {
        probe->SendTo(Create<Packet>(32), 0, InetSocketAddress(PUBLIC_A, 2000));
    });
    // Another home's private address without a tunnel.
    Ptr<Socket> stray = Socket::CreateSocket(hostA, UdpSocketFactory::GetTypeId());
    stray->Bind();
    Simulator::Schedule(Seconds(4.5), [stray]() {
        stray->SendTo(Create<Packet>(32), 0, InetSocketAddress(Ipv4Address("10.0.1.5"), 9));
    });

    // 1:1 NAT towards host B: with the rule (6 s), without it (10 s), with it again (14 s).
    UdpEchoServerHelper echoB(9);
    ApplicationContainer bApps = echoB.Install(hostB);
    bApps.Get(0)->TraceConnectWithoutContext("RxWithAddresses",
                                             MakeCallback(&AddressOf).Bind(&o.sourcesAtHostB));
    for (uint32_t phase = 0; phase < 3; ++phase)
    {
        UdpEchoClientHelper toB(HOST_B, 9);
        toB.SetAttribute("MaxPackets", UintegerValue(2));
        toB.SetAttribute("Interval", TimeValue(Seconds(1)));
        ApplicationContainer apps = toB.Install(hostA);
        apps.Start(Seconds(6 + 4 * phase));
        apps.Stop(Seconds(9 + 4 * phase));
        apps.Get(0)->TraceConnectWithoutContext("Rx",
                                                MakeCallback(+[](uint32_t* n, Ptr<const Packet>) {
                                                    ++*n;
                                                }).Bind(&o.tunnelRepliesAtHostA[phase]));
    }
    Simulator::Schedule(Seconds(9.5), [gwRouting]() {
        gwRouting->RemovePrefixRule(3, Ipv4Address("10.0.0.0"), 24);
    });
    Simulator::Schedule(Seconds(13.5), [gwRouting]() {
        gwRouting->AddPrefixRule({3, Ipv4Address("10.0.0.0"), Ipv4Address("10.0.1.0"), 24});
    });

    p2p.EnablePcap(prefix + "-inside", inside.Get(1), false);
    p2p.EnablePcap(prefix + "-outside", outside.Get(0), false);
    p2p.EnablePcap(prefix + "-tunnel", tunnel.Get(0), false);
    o.pcapInside = prefix + "-inside-1-1.pcap";
    o.pcapOutside = prefix + "-outside-1-2.pcap";
    o.pcapTunnel = prefix + "-tunnel-1-3.pcap";

    Simulator::Stop(Seconds(40));
    Simulator::Run();
    o.tcpBytesAtServer = DynamicCast<PacketSink>(sinkApps.Get(0))->GetTotalRx();
    o.counters = gwRouting->GetCounters();
    o.naptNoMapping = gwRouting->GetNapt()->GetDropCount(nat::DropReason::NO_MAPPING);
    probe->Close();
    stray->Close();
    Simulator::Destroy();
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));
    return o;
}

class GatewayNatTestCase : public TestCase
{
  public:
    GatewayNatTestCase()
        : TestCase("NAPT to the Internet and 1:1 prefix NAT, rules changed while traffic runs")
    {
    }

  private:
    void
    DoRun() override
    {
        const std::string prefix = CreateTempDirFilename("gateway-nat");
        const Outcome o = RunGatewayNet(prefix);

        // NAPT ([0010]): the server sees only the public address, replies come back.
        NS_TEST_EXPECT_MSG_EQ(o.echoSourcesAtServer.size(), 3, "three echo requests out");
        for (const auto& a : o.echoSourcesAtServer)
        {
            NS_TEST_EXPECT_MSG_EQ(a, PUBLIC_A, "UDP source translated");
        }
        NS_TEST_EXPECT_MSG_EQ(o.echoRepliesAtHostA, 3, "three echo replies back");
        NS_TEST_EXPECT_MSG_EQ(o.tcpBytesAtServer, 20000, "TCP through NAPT, checksums intact");
        NS_TEST_EXPECT_MSG_GT(o.tcpSourcesAtServer.size(), 0, "TCP segments received");
        for (const auto& a : o.tcpSourcesAtServer)
        {
            NS_TEST_EXPECT_MSG_EQ(a, PUBLIC_A, "TCP source translated");
        }
        NS_TEST_EXPECT_MSG_GT_OR_EQ(o.pingReplies, 2, "ICMP echo replies back");
        // One mapping each for UDP echo, TCP and ICMP. By 40 s the UDP one
        // (last used at 3 s, timeout 20 s) has expired; ICMP's 60 s and TCP's
        // 240 s (transitory after the FINs) keep the others.
        NS_TEST_EXPECT_MSG_EQ(o.created, 3, "UDP, TCP and ICMP mappings");
        NS_TEST_EXPECT_MSG_EQ(o.expired.size(), 1, "the UDP mapping expired");
        if (!o.expired.empty())
        {
            NS_TEST_EXPECT_MSG_EQ(o.expired[0].internal.address, HOST_A, "host A's mapping");
            NS_TEST_EXPECT_MSG_EQ(static_cast<int>(o.expired[0].protocol),
                                  static_cast<int>(nat::Transport::UDP),
                                  "UDP");
        }
        // Unsolicited inbound: dropped and counted; the private destination too.
        NS_TEST_EXPECT_MSG_EQ(o.naptNoMapping, 1, "unsolicited datagram, no mapping");
        NS_TEST_EXPECT_MSG_EQ(o.counters.napt, 1, "counted as a NAPT drop");
        NS_TEST_EXPECT_MSG_EQ(o.counters.privateDestination, 1, "10.0.1.5 kept off the ISP");

        // 1:1 ([0146]): host B sees 10.0.1.4 with the rule, 10.0.0.4 without it.
        const std::vector<Ipv4Address> expected{Ipv4Address("10.0.1.4"),
                                                Ipv4Address("10.0.1.4"),
                                                HOST_A,
                                                HOST_A,
                                                Ipv4Address("10.0.1.4"),
                                                Ipv4Address("10.0.1.4")};
        NS_TEST_EXPECT_MSG_EQ(o.sourcesAtHostB.size(), expected.size(), "six datagrams at host B");
        for (std::size_t i = 0; i < std::min(expected.size(), o.sourcesAtHostB.size()); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(o.sourcesAtHostB[i], expected[i], "source at host B, #" << i);
        }
        NS_TEST_EXPECT_MSG_EQ(o.tunnelRepliesAtHostA[0], 2, "replies to 10.0.1.4 translated back");
        NS_TEST_EXPECT_MSG_EQ(o.tunnelRepliesAtHostA[1], 0, "no rule: host B cannot answer");
        NS_TEST_EXPECT_MSG_EQ(o.tunnelRepliesAtHostA[2], 2, "rule back: replies again");
        NS_TEST_EXPECT_MSG_EQ(o.counters.prefixOutbound, 4, "four sources rewritten");
        NS_TEST_EXPECT_MSG_EQ(o.counters.prefixInbound, 4, "four destinations rewritten");
        NS_TEST_EXPECT_MSG_EQ(
            std::count(o.translations.begin(), o.translations.end(), "prefix-in"), 4, "traced");

        if (!CanCheckPcaps())
        {
            return;
        }
        NS_TEST_EXPECT_MSG_EQ(PcapCheck(o.pcapOutside, {"udp", "tcp", "icmp.type == 0"}),
                              true,
                              "outside capture clean, checksums right");
        NS_TEST_EXPECT_MSG_EQ(
            PcapCheck(o.pcapInside, {"ip.src == 10.0.0.4"}), true, "inside clean");
        NS_TEST_EXPECT_MSG_EQ(
            PcapCheck(o.pcapTunnel, {"ip.src == 10.0.1.4"}), true, "tunnel clean");
        if (!HaveTshark())
        {
            return;
        }
        const std::string scratch = prefix + "-count.txt";
        // Translations visible: no private source outside, the public address inside none.
        NS_TEST_EXPECT_MSG_EQ(CountFrames(o.pcapOutside, "ip.src == 10.0.0.0/8", scratch),
                              0,
                              "no private source on the ISP link");
        NS_TEST_EXPECT_MSG_GT(CountFrames(o.pcapOutside, "ip.src == 168.219.193.7 && tcp", scratch),
                              10,
                              "TCP from the public address");
        NS_TEST_EXPECT_MSG_EQ(
            CountFrames(o.pcapInside, "ip.dst == 10.0.0.4 && udp.srcport == 9", scratch),
            7,
            "3 Internet and 4 tunnel echo replies reach host A translated");
    }
};

class GatewayNatTestSuite : public TestSuite
{
  public:
    GatewayNatTestSuite()
        : TestSuite("ipvpn-gateway-nat", TestSuite::Type::UNIT)
    {
        AddTestCase(new GatewayNatTestCase);
    }
};

GatewayNatTestSuite g_gatewayNatTestSuite;

} // namespace
