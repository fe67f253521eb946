/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * IpvpnRoutingProtocol in simulation, as the only routing of each node
 * (InternetStackHelper::SetRoutingHelper(IpvpnRoutingHelper)):
 *
 *  - line     A --l1-- B --l2-- C: static routes carry UDP from A to C; B's
 *    interface on l2 goes down and up again: its connected route and the
 *    static route through it go and come back, the traffic of the gap is
 *    dropped at B (counted), the RouteChange trace reports each change.
 *  - diamond  A --l1-- B --l2-- C, B --l3-- D --l4-- C: B reaches l4's
 *    network by a static route over l2 and an OSPF route over l3; the
 *    static one wins until l2 goes down, then traffic follows the OSPF
 *    route through D without a loss.
 *  - contracts: RouteOutput and RouteInput answered directly (own address
 *    through the loopback, bound device, link-local multicast, subnet
 *    broadcast, no route, source address), the printed table, the
 *    preference attributes.
 *  - VRF of a device: kept at the device's index on its node, it follows
 *    AssignDevice, by device and by interface, and tells another node's
 *    device at the same index apart.
 *
 * Interface numbers: 0 is the loopback, then one per point-to-point device
 * in the order the links are made.
 */
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipvpn-routing-helper.h"
#include "ns3/ipvpn-routing-protocol.h"
#include "ns3/loopback-net-device.h"
#include "ns3/mac48-address.h"
#include "ns3/node-container.h"
#include "ns3/output-stream-wrapper.h"
#include "ns3/packet.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/simple-net-device.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"
#include "ns3/vr-vrf-routing-protocol.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

constexpr uint16_t kPort = 9;

/// Nodes joined by point-to-point links, each link its own /24
/// (10.0.<link>.0, the first node .1, the second .2), IpvpnRoutingProtocol
/// on every node.
struct Net
{
    NodeContainer nodes;
    std::vector<NetDeviceContainer> links;

    Net(uint32_t n, const std::vector<std::pair<uint32_t, uint32_t>>& pairs)
    {
        nodes.Create(n);
        InternetStackHelper stack;
        IpvpnRoutingHelper routing;
        stack.SetRoutingHelper(routing);
        stack.Install(nodes);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue("2ms"));
        Ipv4AddressHelper addresses;
        uint32_t link = 1;
        for (const auto& [a, b] : pairs)
        {
            links.push_back(p2p.Install(nodes.Get(a), nodes.Get(b)));
            std::ostringstream network;
            network << "10.0." << link++ << ".0";
            addresses.SetBase(network.str().c_str(), "255.255.255.0");
            addresses.Assign(links.back());
        }
    }

    Ptr<Ipv4>
    Ip(uint32_t node) const
    {
        return nodes.Get(node)->GetObject<Ipv4>();
    }

    Ptr<IpvpnRoutingProtocol>
    Routing(uint32_t node) const
    {
        return IpvpnRoutingHelper::GetRouting(Ip(node));
    }
};

/// Counts what arrives on a UDP socket.
struct Sink
{
    uint32_t received = 0;
    Ptr<Socket> socket;

    void
    Open(Ptr<Node> node)
    {
        socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), kPort));
        socket->SetRecvCallback(MakeCallback(&Sink::Receive, this));
    }

    void
    Receive(Ptr<Socket> s)
    {
        while (s->Recv())
        {
            ++received;
        }
    }
};

/// Sends one datagram to `destination` every 100 ms in [start, stop).
void
SendEvery100ms(Ptr<Socket> socket, Ipv4Address destination, double start, double stop)
{
    for (double t = start; t < stop - 1e-9; t += 0.1)
    {
        Simulator::Schedule(Seconds(t), [socket, destination]() {
            socket->SendTo(Create<Packet>(100), 0, InetSocketAddress(destination, kPort));
        });
    }
}

/// "10.0.2.0/24 connected -> none", for comparing trace records.
std::string
Describe(const IpvpnRouteChange& change)
{
    std::ostringstream os;
    os << change.network << '/' << static_cast<unsigned>(change.prefixLength) << ' ';
    if (change.before)
    {
        os << change.before->source;
    }
    else
    {
        os << "none";
    }
    os << " -> ";
    if (change.after)
    {
        os << change.after->source;
    }
    else
    {
        os << "none";
    }
    return os.str();
}

class RoutingLinkDownTestCase : public TestCase
{
  public:
    RoutingLinkDownTestCase()
        : TestCase("static routes deliver; a link down takes its routes and the traffic")
    {
    }

  private:
    std::vector<std::pair<double, IpvpnRouteChange>> m_changes;
    uint32_t m_routeErrorDrops = 0;

    void
    RouteChanged(const IpvpnRouteChange& change)
    {
        m_changes.emplace_back(Simulator::Now().GetSeconds(), change);
    }

    void
    Dropped(const Ipv4Header& /* header */,
            Ptr<const Packet> /* packet */,
            Ipv4L3Protocol::DropReason reason,
            Ptr<Ipv4> /* ipv4 */,
            uint32_t /* interface */)
    {
        if (reason == Ipv4L3Protocol::DROP_ROUTE_ERROR)
        {
            ++m_routeErrorDrops;
        }
    }

    void
    DoRun() override
    {
        // A=0, B=1, C=2; l1 = 10.0.1.0/24 (A .1, B .2), l2 = 10.0.2.0/24 (B .1, C .2).
        Net net(3, {{0, 1}, {1, 2}});
        const Ipv4Address farHost("10.0.9.1");
        // C also answers to 10.0.9.1, a /32 of its own (no connected route).
        net.Ip(2)->AddAddress(1, Ipv4InterfaceAddress(farHost, Ipv4Mask::GetOnes()));
        net.Routing(0)->AddStaticRoute(
            Ipv4Address::GetZero(), Ipv4Mask::GetZero(), Ipv4Address("10.0.1.2"), 1);
        net.Routing(1)->AddStaticRoute(
            Ipv4Address("10.0.9.0"), Ipv4Mask("255.255.255.0"), Ipv4Address("10.0.2.2"), 2, 5);

        net.Routing(1)->TraceConnectWithoutContext(
            "RouteChange", MakeCallback(&RoutingLinkDownTestCase::RouteChanged, this));
        net.nodes.Get(1)->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
            "Drop", MakeCallback(&RoutingLinkDownTestCase::Dropped, this));

        const IpvpnRoute* connected = net.Routing(1)->GetTable().Find(
            Ipv4Address("10.0.2.0"), 24, IpvpnRouteSource::CONNECTED);
        NS_TEST_ASSERT_MSG_NE(connected, nullptr, "B: connected route of l2");
        NS_TEST_EXPECT_MSG_EQ(connected->nextHops.size(), 1, "one next hop");
        NS_TEST_EXPECT_MSG_EQ(connected->nextHops[0].interface, 2, "through interface 2");
        NS_TEST_EXPECT_MSG_EQ(connected->nextHops[0].IsDirect(), true, "no gateway");

        Sink sinkC;
        sinkC.Open(net.nodes.Get(2));
        Ptr<Socket> sender = Socket::CreateSocket(net.nodes.Get(0), UdpSocketFactory::GetTypeId());
        sender->Bind();
        // 50 datagrams to each of C's addresses, 1.0 s to 5.9 s.
        SendEvery100ms(sender, Ipv4Address("10.0.2.2"), 1.0, 6.0);
        SendEvery100ms(sender, farHost, 1.0, 6.0);
        // l2 down at B from 2.95 s to 4.95 s: the sends of 3.0 .. 4.9 s (20
        // per destination) find no route at B.
        Simulator::Schedule(Seconds(2.95), &Ipv4::SetDown, net.Ip(1), 2);
        Simulator::Schedule(Seconds(4.95), &Ipv4::SetUp, net.Ip(1), 2);

        bool downChecked = false;
        Simulator::Schedule(Seconds(4.0), [&]() {
            const IpvpnRouteTable& table = net.Routing(1)->GetTable();
            NS_TEST_EXPECT_MSG_EQ(
                table.Lookup(Ipv4Address("10.0.2.2")), nullptr, "l2 down: no route to its network");
            NS_TEST_EXPECT_MSG_EQ(
                table.Lookup(farHost), nullptr, "l2 down: the static route through it is gone");
            NS_TEST_EXPECT_MSG_NE(
                table.Lookup(Ipv4Address("10.0.1.1")), nullptr, "l1 still connected");
            downChecked = true;
        });
        Simulator::Stop(Seconds(7));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(downChecked, true, "checked while down");
        NS_TEST_EXPECT_MSG_EQ(sinkC.received, 60, "30 + 30 delivered outside the gap");
        NS_TEST_EXPECT_MSG_EQ(m_routeErrorDrops, 40, "20 + 20 without a route at B");

        // The routes are back after the interface came up.
        const IpvpnRoute* back = net.Routing(1)->Lookup(farHost);
        NS_TEST_ASSERT_MSG_NE(back, nullptr, "static route restored");
        NS_TEST_EXPECT_MSG_EQ(back->source, IpvpnRouteSource::STATIC, "static");
        NS_TEST_EXPECT_MSG_EQ(back->metric, 5, "its metric");

        // Trace: two removals at 2.95 s, two additions at 4.95 s.
        NS_TEST_ASSERT_MSG_EQ(m_changes.size(), 4, "four route changes at B");
        std::vector<std::string> down;
        std::vector<std::string> up;
        for (const auto& [when, change] : m_changes)
        {
            (std::abs(when - 2.95) < 1e-9 ? down : up).push_back(Describe(change));
            if (std::abs(when - 4.95) < 1e-9)
            {
                NS_TEST_EXPECT_MSG_EQ(change.after.has_value(), true, "added at 4.95 s");
            }
        }
        std::sort(down.begin(), down.end());
        std::sort(up.begin(), up.end());
        NS_TEST_EXPECT_MSG_EQ(down.size(), 2, "two changes at 2.95 s");
        NS_TEST_EXPECT_MSG_EQ(up.size(), 2, "two changes at 4.95 s");
        if (down.size() == 2 && up.size() == 2)
        {
            NS_TEST_EXPECT_MSG_EQ(down[0], "10.0.2.0/24 connected -> none", "connected gone");
            NS_TEST_EXPECT_MSG_EQ(down[1], "10.0.9.0/24 static -> none", "static gone");
            NS_TEST_EXPECT_MSG_EQ(up[0], "10.0.2.0/24 none -> connected", "connected back");
            NS_TEST_EXPECT_MSG_EQ(up[1], "10.0.9.0/24 none -> static", "static back");
        }
        for (const auto& [when, change] : m_changes)
        {
            if (change.before && change.network == Ipv4Address("10.0.9.0"))
            {
                NS_TEST_EXPECT_MSG_EQ(change.before->nextHops.size(), 1, "one next hop before");
                NS_TEST_EXPECT_MSG_EQ(change.before->nextHops[0],
                                      IpvpnNextHop(2, Ipv4Address("10.0.2.2")),
                                      "via C on interface 2");
            }
        }
        Simulator::Destroy();
    }
};

class RoutingFallbackTestCase : public TestCase
{
  public:
    RoutingFallbackTestCase()
        : TestCase("a static route wins over OSPF; when it goes, traffic follows OSPF")
    {
    }

  private:
    std::vector<IpvpnRouteChange> m_changes;
    uint32_t m_forwardedByD = 0;

    void
    RouteChanged(const IpvpnRouteChange& change)
    {
        m_changes.push_back(change);
    }

    void
    Forwarded(const Ipv4Header& /* header */,
              Ptr<const Packet> /* packet */,
              uint32_t /* interface */)
    {
        ++m_forwardedByD;
    }

    void
    DoRun() override
    {
        // A=0, B=1, C=2, D=3; l1 A-B, l2 B-C, l3 B-D, l4 D-C (C is 10.0.4.2).
        Net net(4, {{0, 1}, {1, 2}, {1, 3}, {3, 2}});
        const Ipv4Address l4Network("10.0.4.0");
        net.Routing(0)->AddStaticRoute(
            Ipv4Address::GetZero(), Ipv4Mask::GetZero(), Ipv4Address("10.0.1.2"), 1);
        net.Routing(1)->AddStaticRoute(
            l4Network, Ipv4Mask("255.255.255.0"), Ipv4Address("10.0.2.2"), 2);
        IpvpnRoute ospf;
        ospf.network = l4Network;
        ospf.prefixLength = 24;
        ospf.source = IpvpnRouteSource::OSPF;
        ospf.metric = 20;
        ospf.nextHops = {IpvpnNextHop(3, Ipv4Address("10.0.3.2"))};
        NS_TEST_EXPECT_MSG_EQ(net.Routing(1)->SetProtocolRoutes(IpvpnRouteSource::OSPF, {ospf}),
                              1,
                              "one OSPF route installed");
        NS_TEST_EXPECT_MSG_EQ(net.Routing(1)->Lookup(Ipv4Address("10.0.4.2"))->source,
                              IpvpnRouteSource::STATIC,
                              "static (1) preferred to OSPF (110)");

        net.Routing(1)->TraceConnectWithoutContext(
            "RouteChange", MakeCallback(&RoutingFallbackTestCase::RouteChanged, this));
        net.nodes.Get(3)->GetObject<Ipv4L3Protocol>()->TraceConnectWithoutContext(
            "UnicastForward", MakeCallback(&RoutingFallbackTestCase::Forwarded, this));

        Sink sinkC;
        sinkC.Open(net.nodes.Get(2));
        Ptr<Socket> sender = Socket::CreateSocket(net.nodes.Get(0), UdpSocketFactory::GetTypeId());
        sender->Bind();
        // 40 datagrams, 1.0 s to 4.9 s; l2 down at B at 2.95 s: the 20 sent
        // from 3.0 s on go through D.
        SendEvery100ms(sender, Ipv4Address("10.0.4.2"), 1.0, 5.0);
        Simulator::Schedule(Seconds(2.95), &Ipv4::SetDown, net.Ip(1), 2);
        Simulator::Stop(Seconds(6));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(sinkC.received, 40, "nothing lost");
        NS_TEST_EXPECT_MSG_EQ(m_forwardedByD, 20, "the 20 after the change through D");

        // B: l2's connected route went, and 10.0.4.0/24 fell back to OSPF.
        NS_TEST_ASSERT_MSG_EQ(m_changes.size(), 2, "two route changes at B");
        std::vector<std::string> described;
        for (const auto& change : m_changes)
        {
            described.push_back(Describe(change));
        }
        std::sort(described.begin(), described.end());
        NS_TEST_EXPECT_MSG_EQ(described[0], "10.0.2.0/24 connected -> none", "l2's network gone");
        NS_TEST_EXPECT_MSG_EQ(described[1], "10.0.4.0/24 static -> ospf", "fell back to OSPF");
        for (const auto& change : m_changes)
        {
            if (change.network == l4Network && change.after)
            {
                NS_TEST_EXPECT_MSG_EQ(change.before->nextHops[0],
                                      IpvpnNextHop(2, Ipv4Address("10.0.2.2")),
                                      "before: via C");
                NS_TEST_EXPECT_MSG_EQ(change.after->nextHops[0],
                                      IpvpnNextHop(3, Ipv4Address("10.0.3.2")),
                                      "after: via D");
                NS_TEST_EXPECT_MSG_EQ(change.after->metric, 20, "OSPF metric");
            }
        }
        // The static route stays configured, the OSPF set can withdraw its own.
        NS_TEST_EXPECT_MSG_EQ(net.Routing(1)->SetProtocolRoutes(IpvpnRouteSource::OSPF, {}),
                              1,
                              "OSPF route withdrawn");
        NS_TEST_EXPECT_MSG_EQ(net.Routing(1)->Lookup(Ipv4Address("10.0.4.2")),
                              nullptr,
                              "nothing left for l4's network at B");
        Simulator::Destroy();
    }
};

class RoutingContractsTestCase : public TestCase
{
  public:
    RoutingContractsTestCase()
        : TestCase("RouteOutput and RouteInput contracts, printed table, attributes")
    {
    }

  private:
    uint32_t m_local = 0;
    uint32_t m_localInterface = 99;
    uint32_t m_forwarded = 0;
    Ptr<Ipv4Route> m_forwardRoute;
    uint32_t m_errors = 0;
    Socket::SocketErrno m_error = Socket::ERROR_NOTERROR;
    uint32_t m_multicast = 0;

    void
    Local(Ptr<const Packet>, const Ipv4Header&, uint32_t interface)
    {
        ++m_local;
        m_localInterface = interface;
    }

    void
    Forward(Ptr<Ipv4Route> route, Ptr<const Packet>, const Ipv4Header&)
    {
        ++m_forwarded;
        m_forwardRoute = route;
    }

    void
    Error(Ptr<const Packet>, const Ipv4Header&, Socket::SocketErrno error)
    {
        ++m_errors;
        m_error = error;
    }

    void
    Multicast(Ptr<Ipv4MulticastRoute>, Ptr<const Packet>, const Ipv4Header&)
    {
        ++m_multicast;
    }

    /// RouteInput of `routing` for a packet to `destination` on `device`.
    bool
    Input(Ptr<IpvpnRoutingProtocol> routing, Ptr<NetDevice> device, const char* destination)
    {
        Ipv4Header header;
        header.SetSource(Ipv4Address("10.0.1.1"));
        header.SetDestination(Ipv4Address(destination));
        header.SetProtocol(17);
        return routing->RouteInput(Create<Packet>(10),
                                   header,
                                   device,
                                   MakeCallback(&RoutingContractsTestCase::Forward, this),
                                   MakeCallback(&RoutingContractsTestCase::Multicast, this),
                                   MakeCallback(&RoutingContractsTestCase::Local, this),
                                   MakeCallback(&RoutingContractsTestCase::Error, this));
    }

    static Ptr<Ipv4Route>
    Output(Ptr<IpvpnRoutingProtocol> routing,
           const char* destination,
           Ptr<NetDevice> oif,
           Socket::SocketErrno& error,
           const char* source = "0.0.0.0")
    {
        Ipv4Header header;
        header.SetSource(Ipv4Address(source));
        header.SetDestination(Ipv4Address(destination));
        header.SetProtocol(17);
        return routing->RouteOutput(Create<Packet>(10), header, oif, error);
    }

    void
    DoRun() override
    {
        // A=0, B=1, C=2 in a line; B: if 1 = 10.0.1.2 (l1), if 2 = 10.0.2.1 (l2).
        Net net(3, {{0, 1}, {1, 2}});
        Ptr<IpvpnRoutingProtocol> a = net.Routing(0);
        Ptr<IpvpnRoutingProtocol> b = net.Routing(1);
        NS_TEST_ASSERT_MSG_NE(b, nullptr, "IpvpnRoutingProtocol installed");
        a->AddStaticRoute(Ipv4Address::GetZero(), Ipv4Mask::GetZero(), Ipv4Address("10.0.1.2"), 1);
        Ptr<NetDevice> bDev1 = net.Ip(1)->GetNetDevice(1);
        Ptr<NetDevice> bDev2 = net.Ip(1)->GetNetDevice(2);

        // Connected routes: loopback, l1, l2.
        NS_TEST_EXPECT_MSG_EQ(b->GetTable().GetNRoutes(), 3, "127/8, l1, l2");
        NS_TEST_EXPECT_MSG_NE(
            b->GetTable().Find(Ipv4Address("127.0.0.0"), 8, IpvpnRouteSource::CONNECTED),
            nullptr,
            "loopback network");

        Socket::SocketErrno error = Socket::ERROR_NOTERROR;
        // On-link destination: no gateway, source on the output interface.
        Ptr<Ipv4Route> route = Output(b, "10.0.2.2", nullptr, error);
        NS_TEST_ASSERT_MSG_NE(route, nullptr, "B to C");
        NS_TEST_EXPECT_MSG_EQ(route->GetOutputDevice(), bDev2, "out on l2");
        NS_TEST_EXPECT_MSG_EQ(route->GetGateway(), Ipv4Address::GetZero(), "direct");
        NS_TEST_EXPECT_MSG_EQ(route->GetSource(), Ipv4Address("10.0.2.1"), "source on l2");
        NS_TEST_EXPECT_MSG_EQ(error, Socket::ERROR_NOTERROR, "no error");
        // A bound source address of the node is kept.
        route = Output(b, "10.0.2.2", nullptr, error, "10.0.1.2");
        NS_TEST_EXPECT_MSG_EQ(route->GetSource(), Ipv4Address("10.0.1.2"), "bound source kept");
        // Through the default route: the gateway is B.
        route = Output(a, "10.0.2.2", nullptr, error);
        NS_TEST_ASSERT_MSG_NE(route, nullptr, "A to C by default route");
        NS_TEST_EXPECT_MSG_EQ(route->GetGateway(), Ipv4Address("10.0.1.2"), "via B");
        NS_TEST_EXPECT_MSG_EQ(route->GetSource(), Ipv4Address("10.0.1.1"), "A's address");
        // The node's own address: through the loopback.
        route = Output(b, "10.0.1.2", nullptr, error);
        NS_TEST_ASSERT_MSG_NE(route, nullptr, "B to itself");
        NS_TEST_EXPECT_MSG_NE(
            DynamicCast<LoopbackNetDevice>(route->GetOutputDevice()), nullptr, "loopback device");
        NS_TEST_EXPECT_MSG_EQ(route->GetSource(), Ipv4Address("10.0.1.2"), "own address");
        // No route.
        route = Output(b, "11.1.1.1", nullptr, error);
        NS_TEST_EXPECT_MSG_EQ(route, nullptr, "no route to 11.1.1.1");
        NS_TEST_EXPECT_MSG_EQ(error, Socket::ERROR_NOROUTETOHOST, "ERROR_NOROUTETOHOST");
        // Bound device: only routes through it.
        route = Output(b, "10.0.2.2", bDev1, error);
        NS_TEST_EXPECT_MSG_EQ(route, nullptr, "l2's network is not through l1");
        NS_TEST_EXPECT_MSG_EQ(error, Socket::ERROR_NOROUTETOHOST, "ERROR_NOROUTETOHOST");
        route = Output(b, "10.0.1.1", bDev1, error);
        NS_TEST_EXPECT_MSG_NE(route, nullptr, "l1's network through l1");
        // Link-local multicast on a bound device (an OSPF Hello).
        route = Output(b, "224.0.0.5", bDev1, error);
        NS_TEST_ASSERT_MSG_NE(route, nullptr, "224.0.0.5 on l1");
        NS_TEST_EXPECT_MSG_EQ(route->GetOutputDevice(), bDev1, "on the bound device");
        NS_TEST_EXPECT_MSG_EQ(route->GetSource(), Ipv4Address("10.0.1.2"), "l1's address");

        // RouteInput.
        NS_TEST_EXPECT_MSG_EQ(Input(b, bDev1, "224.0.0.5"), true, "AllSPFRouters handled");
        NS_TEST_EXPECT_MSG_EQ(m_local, 1, "delivered locally");
        NS_TEST_EXPECT_MSG_EQ(m_localInterface, 1, "on the input interface");
        NS_TEST_EXPECT_MSG_EQ(Input(b, bDev2, "224.0.0.6"), true, "AllDRouters handled");
        NS_TEST_EXPECT_MSG_EQ(m_localInterface, 2, "on the input interface");
        NS_TEST_EXPECT_MSG_EQ(Input(b, bDev1, "239.1.2.3"), false, "no multicast routing");
        NS_TEST_EXPECT_MSG_EQ(m_local + m_forwarded + m_errors + m_multicast, 2, "untouched");
        NS_TEST_EXPECT_MSG_EQ(Input(b, bDev1, "10.0.1.255"), true, "subnet broadcast");
        NS_TEST_EXPECT_MSG_EQ(Input(b, bDev1, "10.0.2.1"), true, "own address of l2");
        NS_TEST_EXPECT_MSG_EQ(m_local, 4, "both delivered locally");
        NS_TEST_EXPECT_MSG_EQ(Input(b, bDev1, "10.0.2.2"), true, "forwarded");
        NS_TEST_EXPECT_MSG_EQ(m_forwarded, 1, "one forward");
        NS_TEST_ASSERT_MSG_NE(m_forwardRoute, nullptr, "forward route");
        NS_TEST_EXPECT_MSG_EQ(m_forwardRoute->GetOutputDevice(), bDev2, "out on l2");
        NS_TEST_EXPECT_MSG_EQ(m_forwardRoute->GetGateway(), Ipv4Address::GetZero(), "direct");
        NS_TEST_EXPECT_MSG_EQ(Input(b, bDev1, "11.1.1.1"), true, "no route: handled as error");
        NS_TEST_EXPECT_MSG_EQ(m_errors, 1, "one error");
        NS_TEST_EXPECT_MSG_EQ(m_error, Socket::ERROR_NOROUTETOHOST, "ERROR_NOROUTETOHOST");

        // Address lookups agree with ns-3's scan, for the routing installed
        // before the addresses (kept from notifications) and for one given
        // the Ipv4 after them (indexed at SetIpv4).
        Ptr<IpvpnRoutingProtocol> late = CreateObject<IpvpnRoutingProtocol>();
        late->SetIpv4(net.Ip(1));
        for (const char* address : {"127.0.0.1", "10.0.1.2", "10.0.2.1", "10.0.2.2", "10.0.1.1"})
        {
            const int32_t expected = net.Ip(1)->GetInterfaceForAddress(Ipv4Address(address));
            NS_TEST_EXPECT_MSG_EQ(b->GetInterfaceForAddress(Ipv4Address(address)),
                                  expected,
                                  "installed: " << address);
            NS_TEST_EXPECT_MSG_EQ(
                late->GetInterfaceForAddress(Ipv4Address(address)), expected, "late: " << address);
        }
        NS_TEST_EXPECT_MSG_EQ(b->GetInterfaceForAddress(Ipv4Address("10.0.2.1")), 2, "l2");
        late->Dispose();

        // The printed table, "route -n" style.
        std::ostringstream printed;
        b->AddStaticRoute(
            Ipv4Address("10.0.9.0"), Ipv4Mask("255.255.255.0"), Ipv4Address("10.0.2.2"), 2, 5);
        b->PrintRoutingTable(Create<OutputStreamWrapper>(&printed));
        const std::string text = printed.str();
        NS_TEST_EXPECT_MSG_NE(text.find("Node: 1, Time: "), std::string::npos, "node line");
        NS_TEST_EXPECT_MSG_NE(text.find("IpvpnRoutingProtocol table"), std::string::npos, "name");
        NS_TEST_EXPECT_MSG_NE(
            text.find("Destination     Gateway         Genmask         Flags Metric Source    "
                      "Pref  Iface\n"),
            std::string::npos,
            "column line");
        NS_TEST_EXPECT_MSG_NE(
            text.find(
                "10.0.2.0        0.0.0.0         255.255.255.0   U     0      connected 0     2\n"),
            std::string::npos,
            "connected row");
        NS_TEST_EXPECT_MSG_NE(
            text.find(
                "10.0.9.0        10.0.2.2        255.255.255.0   UG    5      static    1     2\n"),
            std::string::npos,
            "static row");

        // Preferences are attributes.
        IpvpnRoutingHelper helper;
        helper.Set("OspfPreference", UintegerValue(5));
        Ptr<IpvpnRoutingProtocol> made =
            DynamicCast<IpvpnRoutingProtocol>(helper.Create(net.nodes.Get(0)));
        NS_TEST_ASSERT_MSG_NE(made, nullptr, "helper makes IpvpnRoutingProtocol");
        NS_TEST_EXPECT_MSG_EQ(made->GetTable().GetPreference(IpvpnRouteSource::OSPF), 5, "set");
        NS_TEST_EXPECT_MSG_EQ(
            made->GetTable().GetPreference(IpvpnRouteSource::STATIC), 1, "default");
        UintegerValue value;
        made->GetAttribute("ConnectedPreference", value);
        NS_TEST_EXPECT_MSG_EQ(value.Get(), 0, "connected default 0");
        made->Dispose();
        Simulator::Destroy();
    }
};

// ------------------------------------------------------------ VRF of a device

class RoutingDeviceVrfTestCase : public TestCase
{
  public:
    RoutingDeviceVrfTestCase()
        : TestCase("a device's VRF, kept at its index, follows AssignDevice")
    {
    }

  private:
    static Ptr<SimpleNetDevice>
    AddDevice(Ptr<Node> node)
    {
        Ptr<SimpleNetDevice> device = CreateObject<SimpleNetDevice>();
        device->SetAddress(Mac48Address::Allocate());
        node->AddDevice(device);
        return device;
    }

    void
    DoRun() override
    {
        NodeContainer nodes;
        nodes.Create(2);
        InternetStackHelper stack;
        stack.Install(nodes);
        Ptr<Ipv4> ipv4 = nodes.Get(0)->GetObject<Ipv4>();
        // Node 0: the loopback (index 0), d1 and d2. Node 1: its own device
        // at d1's index.
        Ptr<SimpleNetDevice> d1 = AddDevice(nodes.Get(0));
        Ptr<SimpleNetDevice> d2 = AddDevice(nodes.Get(0));
        Ptr<SimpleNetDevice> other = AddDevice(nodes.Get(1));
        NS_TEST_ASSERT_MSG_EQ(other->GetIfIndex(), d1->GetIfIndex(), "the same index");
        const uint32_t i1 = ipv4->AddInterface(d1);
        const uint32_t i2 = ipv4->AddInterface(d2);

        // The VRF of a device, kept at the device's index.
        Ptr<vr::VrfRoutingProtocol> vrf = CreateObject<vr::VrfRoutingProtocol>();
        ipv4->SetRoutingProtocol(vrf);
        vrf->AddVrf(7);
        vrf->AssignDevice(d1, 7);
        NS_TEST_EXPECT_MSG_EQ(vrf->GetVrfOfDevice(d1), 7u, "d1 in VRF 7");
        NS_TEST_EXPECT_MSG_EQ(vrf->GetVrfOfInterface(i1), 7u, "by interface");
        NS_TEST_EXPECT_MSG_EQ(vrf->GetVrfOfDevice(other), 0u, "another node's device");
        NS_TEST_EXPECT_MSG_EQ(vrf->GetVrfOfDevice(d2), 0u, "d2 in the core");
        vrf->AssignDevice(d2, 7);
        vrf->AssignDevice(d1, 0);
        NS_TEST_EXPECT_MSG_EQ(vrf->GetVrfOfDevice(d1), 0u, "d1 back in the core");
        NS_TEST_EXPECT_MSG_EQ(vrf->GetVrfOfInterface(i2), 7u, "d2 in VRF 7");
        Simulator::Destroy();
    }
};

class IpvpnRoutingTestSuite : public TestSuite
{
  public:
    IpvpnRoutingTestSuite()
        : TestSuite("ipvpn-routing", TestSuite::Type::UNIT)
    {
        AddTestCase(new RoutingLinkDownTestCase);
        AddTestCase(new RoutingFallbackTestCase);
        AddTestCase(new RoutingContractsTestCase);
        AddTestCase(new RoutingDeviceVrfTestCase);
    }
};

} // namespace

static IpvpnRoutingTestSuite g_ipvpnRoutingTestSuite;
