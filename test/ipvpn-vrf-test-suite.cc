/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Per-VRF forwarding in one node (vr::VrfRoutingProtocol, issue 10), with
 * real packets, on
 *
 *     A1 --a1--            --a2-- A2
 *             PE1 ==pa== PE2
 *     B1 --b1--   ==pb==   --b2-- B2
 *                 --core--
 *
 * PE1 and PE2 route with a VrfRoutingProtocol holding VRF A (1) and VRF B
 * (2): a1, a2 and pa are VRF A's, b1, b2 and pb VRF B's, the core link is
 * the core's. VPNs A and B use the same addresses: a1 and b1 are
 * 10.1.0.0/24, a2 and b2 10.2.0.0/24 (PE .1, host .2), pa and pb
 * 10.100.0.0/24 (PE1 .1, PE2 .2); the core link is 192.168.0.0/24. Hosts
 * route with IpvpnRoutingProtocol, a default route to their PE.
 *
 *  - isolation: with static routes in the VRFs, A1's datagrams to
 *    10.2.0.2 reach A2 only and B1's reach B2 only; a prefix that only VRF
 *    A has a route to is reached from A1, and B1's packets to it are dropped
 *    at PE1 (Drop trace, VRF B, no-route); the core's table holds no VRF
 *    prefix.
 *  - local delivery: a socket bound to VRF A's user device on PE1 gets A1's
 *    datagram to 10.1.0.1, B's socket B1's; VRF A sending to its own
 *    10.1.0.1 delivers in VRF A (through the loopback); a datagram for
 *    10.1.0.1 arriving on the core link is delivered to no one and dropped.
 *  - a device assigned after its interface is up takes its routes along.
 *  - an interface of VRF A going down and up changes VRF A's table and
 *    InterfaceChange trace only.
 *  - OSPF: one ospf::Protocol per VRF on each PE, bound to its VRF with
 *    SetRouting(), and one on the core (found through the node's routing):
 *    each VRF learns the far user network through its own PE link, no
 *    instance receives another's packets, the core learns the far loopback
 *    and no VRF prefix; A1 reaches A2 over the learnt routes.
 *
 * Interface numbers: 0 is the loopback, then one per device in the order
 * the links are made.
 */
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-routing-helper.h"
#include "ns3/ipvpn-routing-helper.h"
#include "ns3/ipvpn-routing-protocol.h"
#include "ns3/node-container.h"
#include "ns3/ospf-helper.h"
#include "ns3/ospf-protocol.h"
#include "ns3/output-stream-wrapper.h"
#include "ns3/packet.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/vr-vrf-routing-protocol.h"
#include "ns3/vrf-routing-helper.h"

#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <vector>

using namespace ns3;

namespace
{

constexpr uint16_t kPort = 9;
constexpr uint32_t kVrfA = 1;
constexpr uint32_t kVrfB = 2;

/// Counts what arrives on a UDP socket.
struct Sink
{
    uint32_t received = 0;
    Ptr<Socket> socket;

    /// On `port`, bound to `device` when one is given.
    void
    Open(Ptr<Node> node, uint16_t port = kPort, Ptr<NetDevice> device = nullptr)
    {
        socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        // The device first: sockets on one port differ by their device.
        if (device)
        {
            socket->BindToNetDevice(device);
        }
        socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
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

/// Sends `count` datagrams to `to`:`port` from `socket`, 100 ms apart from `start`.
void
SendCount(Ptr<Socket> socket, Ipv4Address to, uint32_t count, Time start, uint16_t port = kPort)
{
    for (uint32_t i = 0; i < count; ++i)
    {
        Simulator::Schedule(start + MilliSeconds(100 * i), [socket, to, port]() {
            socket->SendTo(Create<Packet>(100), 0, InetSocketAddress(to, port));
        });
    }
}

/// A UDP socket of `node`, bound to `device` when one is given.
Ptr<Socket>
Sender(Ptr<Node> node, Ptr<NetDevice> device = nullptr)
{
    Ptr<Socket> socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    socket->Bind();
    if (device)
    {
        socket->BindToNetDevice(device);
    }
    return socket;
}

/// The topology of the file's comment.
struct VrfNet
{
    enum NodeIndex : uint32_t
    {
        A1 = 0,
        B1,
        PE1,
        PE2,
        A2,
        B2
    };

    NodeContainer nodes;
    NetDeviceContainer a1;   ///< A1, PE1
    NetDeviceContainer b1;   ///< B1, PE1
    NetDeviceContainer a2;   ///< A2, PE2
    NetDeviceContainer b2;   ///< B2, PE2
    NetDeviceContainer pa;   ///< PE1, PE2
    NetDeviceContainer pb;   ///< PE1, PE2
    NetDeviceContainer core; ///< PE1, PE2

    /// `assign`: the PE devices go to their VRFs before they have an
    /// interface (else the caller assigns them).
    explicit VrfNet(bool assign = true)
    {
        nodes.Create(6);
        InternetStackHelper stack;
        IpvpnRoutingHelper hostRouting;
        stack.SetRoutingHelper(hostRouting);
        for (uint32_t host : {A1, B1, A2, B2})
        {
            stack.Install(nodes.Get(host));
        }
        VrfRoutingHelper peRouting;
        stack.SetRoutingHelper(peRouting);
        stack.Install(nodes.Get(PE1));
        stack.Install(nodes.Get(PE2));
        for (uint32_t pe : {PE1, PE2})
        {
            Vrf(pe)->AddVrf(kVrfA);
            Vrf(pe)->AddVrf(kVrfB);
        }

        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue("2ms"));
        a1 = p2p.Install(nodes.Get(A1), nodes.Get(PE1));
        b1 = p2p.Install(nodes.Get(B1), nodes.Get(PE1));
        a2 = p2p.Install(nodes.Get(A2), nodes.Get(PE2));
        b2 = p2p.Install(nodes.Get(B2), nodes.Get(PE2));
        pa = p2p.Install(nodes.Get(PE1), nodes.Get(PE2));
        pb = p2p.Install(nodes.Get(PE1), nodes.Get(PE2));
        core = p2p.Install(nodes.Get(PE1), nodes.Get(PE2));
        if (assign)
        {
            AssignAll();
        }

        // By hand: Ipv4AddressHelper refuses an address twice, and the VPNs
        // share theirs. Hosts .2 and PEs .1 on the user links.
        for (const NetDeviceContainer* link : {&a1, &b1})
        {
            Assign(link->Get(0), "10.1.0.2");
            Assign(link->Get(1), "10.1.0.1");
        }
        for (const NetDeviceContainer* link : {&a2, &b2})
        {
            Assign(link->Get(0), "10.2.0.2");
            Assign(link->Get(1), "10.2.0.1");
        }
        for (const NetDeviceContainer* link : {&pa, &pb})
        {
            Assign(link->Get(0), "10.100.0.1");
            Assign(link->Get(1), "10.100.0.2");
        }
        Assign(core.Get(0), "192.168.0.1");
        Assign(core.Get(1), "192.168.0.2");

        for (uint32_t host : {A1, B1, A2, B2})
        {
            const Ipv4Address pe(host == A1 || host == B1 ? "10.1.0.1" : "10.2.0.1");
            HostRouting(host)->AddStaticRoute(Ipv4Address::GetZero(), Ipv4Mask::GetZero(), pe, 1);
        }
    }

    /// A new interface for `device` with `address`/24, up.
    static void
    Assign(Ptr<NetDevice> device, const char* address)
    {
        Ptr<Ipv4> ipv4 = device->GetNode()->GetObject<Ipv4>();
        const uint32_t interface = ipv4->AddInterface(device);
        ipv4->AddAddress(interface,
                         Ipv4InterfaceAddress(Ipv4Address(address), Ipv4Mask("255.255.255.0")));
        ipv4->SetUp(interface);
    }

    void
    AssignAll()
    {
        Vrf(PE1)->AssignDevice(a1.Get(1), kVrfA);
        Vrf(PE1)->AssignDevice(b1.Get(1), kVrfB);
        Vrf(PE2)->AssignDevice(a2.Get(1), kVrfA);
        Vrf(PE2)->AssignDevice(b2.Get(1), kVrfB);
        for (uint32_t end : {0, 1})
        {
            Vrf(PE1 + end)->AssignDevice(pa.Get(end), kVrfA);
            Vrf(PE1 + end)->AssignDevice(pb.Get(end), kVrfB);
        }
    }

    Ptr<Node>
    At(uint32_t n) const
    {
        return nodes.Get(n);
    }

    Ptr<Ipv4>
    Ip(uint32_t n) const
    {
        return nodes.Get(n)->GetObject<Ipv4>();
    }

    Ptr<vr::VrfRoutingProtocol>
    Vrf(uint32_t pe) const
    {
        return DynamicCast<vr::VrfRoutingProtocol>(Ip(pe)->GetRoutingProtocol());
    }

    Ptr<IpvpnRoutingProtocol>
    HostRouting(uint32_t host) const
    {
        return DynamicCast<IpvpnRoutingProtocol>(Ip(host)->GetRoutingProtocol());
    }

    uint32_t
    If(uint32_t n, Ptr<NetDevice> device) const
    {
        return Ip(n)->GetInterfaceForDevice(device);
    }

    /// The PE end of a link (user links: index 1; PE links: PE1 0, PE2 1).
    Ptr<NetDevice>
    PeDevice(const NetDeviceContainer& link, uint32_t pe) const
    {
        if (&link == &pa || &link == &pb || &link == &core)
        {
            return link.Get(pe == PE1 ? 0 : 1);
        }
        return link.Get(1);
    }

    /// The static routes between the user networks in both VRFs.
    void
    AddVrfStaticRoutes()
    {
        for (uint32_t vrf : {kVrfA, kVrfB})
        {
            const NetDeviceContainer& link = vrf == kVrfA ? pa : pb;
            Vrf(PE1)->GetVrf(vrf)->AddStaticRoute(Ipv4Address("10.2.0.0"),
                                                  Ipv4Mask("255.255.255.0"),
                                                  Ipv4Address("10.100.0.2"),
                                                  If(PE1, PeDevice(link, PE1)));
            Vrf(PE2)->GetVrf(vrf)->AddStaticRoute(Ipv4Address("10.1.0.0"),
                                                  Ipv4Mask("255.255.255.0"),
                                                  Ipv4Address("10.100.0.1"),
                                                  If(PE2, PeDevice(link, PE2)));
        }
    }
};

/// true when the table has a route of any source to this prefix.
bool
HasPrefix(Ptr<IpvpnRoutingProtocol> routing, const char* network, uint8_t length)
{
    for (const IpvpnRoute& route : routing->GetTable().GetRoutes())
    {
        if (route.network == Ipv4Address(network) && route.prefixLength == length)
        {
            return true;
        }
    }
    return false;
}

/// The prefixes of every route of a table, "10.1.0.0/24" etc.
std::set<std::string>
Prefixes(Ptr<IpvpnRoutingProtocol> routing)
{
    std::set<std::string> out;
    for (const IpvpnRoute& route : routing->GetTable().GetRoutes())
    {
        std::ostringstream os;
        os << route.network << '/' << static_cast<unsigned>(route.prefixLength);
        out.insert(os.str());
    }
    return out;
}

/// One record of the Drop trace.
struct DropRecord
{
    uint32_t vrf;
    vr::VrfDropReason reason;
    Ipv4Address destination;
};

void
RecordDrop(std::vector<DropRecord>* log,
           uint32_t vrf,
           vr::VrfDropReason reason,
           const Ipv4Header& header,
           Ptr<const Packet>)
{
    log->push_back({vrf, reason, header.GetDestination()});
}

// ------------------------------------------------------------ isolation

class VrfIsolationTestCase : public TestCase
{
  public:
    VrfIsolationTestCase()
        : TestCase("two VPNs with the same addresses: each VRF forwards its own packets only")
    {
    }

  private:
    void
    DoRun() override
    {
        VrfNet net;
        net.AddVrfStaticRoutes();
        // 10.50.0.0/24 exists in VPN A only: behind A2, which answers to
        // 10.50.0.2 (a /32 of its own).
        net.Ip(VrfNet::A2)
            ->AddAddress(1, Ipv4InterfaceAddress(Ipv4Address("10.50.0.2"), Ipv4Mask::GetOnes()));
        net.Vrf(VrfNet::PE1)
            ->GetVrf(kVrfA)
            ->AddStaticRoute(Ipv4Address("10.50.0.0"),
                             Ipv4Mask("255.255.255.0"),
                             Ipv4Address("10.100.0.2"),
                             net.If(VrfNet::PE1, net.pa.Get(0)));
        net.Vrf(VrfNet::PE2)
            ->GetVrf(kVrfA)
            ->AddStaticRoute(Ipv4Address("10.50.0.0"),
                             Ipv4Mask("255.255.255.0"),
                             Ipv4Address("10.2.0.2"),
                             net.If(VrfNet::PE2, net.a2.Get(1)));

        Sink a2;
        Sink b2;
        a2.Open(net.At(VrfNet::A2));
        b2.Open(net.At(VrfNet::B2));
        std::vector<DropRecord> drops1;
        std::vector<DropRecord> drops2;
        net.Vrf(VrfNet::PE1)
            ->TraceConnectWithoutContext("Drop", MakeBoundCallback(&RecordDrop, &drops1));
        net.Vrf(VrfNet::PE2)
            ->TraceConnectWithoutContext("Drop", MakeBoundCallback(&RecordDrop, &drops2));

        // Different counts, so that a swap between the VPNs would show.
        SendCount(Sender(net.At(VrfNet::A1)), Ipv4Address("10.2.0.2"), 10, Seconds(1));
        SendCount(Sender(net.At(VrfNet::B1)), Ipv4Address("10.2.0.2"), 7, Seconds(1));
        // Phase 2: the prefix only VPN A has.
        SendCount(Sender(net.At(VrfNet::A1)), Ipv4Address("10.50.0.2"), 4, Seconds(3));
        SendCount(Sender(net.At(VrfNet::B1)), Ipv4Address("10.50.0.2"), 3, Seconds(3));
        Simulator::Stop(Seconds(5));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(a2.received, 10u + 4u, "A1's 10 and 4 datagrams reach A2");
        NS_TEST_EXPECT_MSG_EQ(b2.received, 7u, "B1's 7 datagrams reach B2, nothing of A's");
        // B1's 3 packets to 10.50.0.2 die in VRF B at PE1: no route there.
        NS_TEST_EXPECT_MSG_EQ(drops1.size(), 3u, "PE1 drops B1's packets to A's prefix");
        for (const DropRecord& d : drops1)
        {
            NS_TEST_EXPECT_MSG_EQ(d.vrf, kVrfB, "dropped in VRF B");
            NS_TEST_EXPECT_MSG_EQ((d.reason == vr::VrfDropReason::NO_ROUTE), true, "no route");
            NS_TEST_EXPECT_MSG_EQ(d.destination, Ipv4Address("10.50.0.2"), "A's prefix");
        }
        NS_TEST_EXPECT_MSG_EQ(net.Vrf(VrfNet::PE1)->GetDropCount(kVrfB), 3u, "VRF B count");
        NS_TEST_EXPECT_MSG_EQ(net.Vrf(VrfNet::PE1)->GetDropCount(kVrfA), 0u, "VRF A count");
        NS_TEST_EXPECT_MSG_EQ(drops2.size(), 0u, "PE2 drops nothing");

        for (uint32_t pe : {VrfNet::PE1, VrfNet::PE2})
        {
            Ptr<vr::VrfRoutingProtocol> vrf = net.Vrf(pe);
            // The core: its link and the loopback network, no VPN prefix.
            NS_TEST_EXPECT_MSG_EQ((Prefixes(vrf->GetCore()) ==
                                   std::set<std::string>{"127.0.0.0/8", "192.168.0.0/24"}),
                                  true,
                                  "the core holds no VRF prefix");
            NS_TEST_EXPECT_MSG_EQ(vrf->GetCore(),
                                  IpvpnRoutingHelper::GetRouting(net.Ip(pe)),
                                  "GetRouting finds the core");
            NS_TEST_EXPECT_MSG_EQ(vrf->GetVrfOfInterface(0), 0u, "the loopback is the core's");
            NS_TEST_EXPECT_MSG_EQ(vrf->GetVrfOfInterface(net.If(pe, net.PeDevice(net.pa, pe))),
                                  kVrfA,
                                  "pa is VRF A's");
            NS_TEST_EXPECT_MSG_EQ(vrf->GetVrfOfInterface(net.If(pe, net.PeDevice(net.pb, pe))),
                                  kVrfB,
                                  "pb is VRF B's");
            NS_TEST_EXPECT_MSG_EQ(vrf->GetVrfOfInterface(net.If(pe, net.PeDevice(net.core, pe))),
                                  0u,
                                  "the core link is the core's");
        }
        // Each VRF's connected user network goes through its own device.
        Ptr<vr::VrfRoutingProtocol> pe1 = net.Vrf(VrfNet::PE1);
        const IpvpnRoute* userA = pe1->GetVrf(kVrfA)->Lookup(Ipv4Address("10.1.0.2"));
        const IpvpnRoute* userB = pe1->GetVrf(kVrfB)->Lookup(Ipv4Address("10.1.0.2"));
        NS_TEST_ASSERT_MSG_NE(userA, nullptr, "VRF A reaches its user network");
        NS_TEST_ASSERT_MSG_NE(userB, nullptr, "VRF B reaches its user network");
        NS_TEST_EXPECT_MSG_EQ(userA->nextHops.size(), 1u, "one next hop, not B's device too");
        NS_TEST_EXPECT_MSG_EQ(
            userA->nextHops[0].interface, net.If(VrfNet::PE1, net.a1.Get(1)), "through a1");
        NS_TEST_EXPECT_MSG_EQ(userB->nextHops.size(), 1u, "one next hop, not A's device too");
        NS_TEST_EXPECT_MSG_EQ(
            userB->nextHops[0].interface, net.If(VrfNet::PE1, net.b1.Get(1)), "through b1");
        NS_TEST_EXPECT_MSG_EQ(HasPrefix(pe1->GetVrf(kVrfB), "10.50.0.0", 24),
                              false,
                              "VRF B has no route to A's prefix");

        // PrintRoutingTable names every VRF.
        std::ostringstream printed;
        pe1->PrintRoutingTable(Create<OutputStreamWrapper>(&printed));
        for (const char* heading : {"VRF 0 (core)", "VRF 1", "VRF 2"})
        {
            NS_TEST_EXPECT_MSG_NE(
                printed.str().find(heading), std::string::npos, "printed " << heading);
        }
        Simulator::Destroy();
    }
};

// ------------------------------------------------------------ local delivery

class VrfLocalDeliveryTestCase : public TestCase
{
  public:
    VrfLocalDeliveryTestCase()
        : TestCase("local delivery per VRF: a VRF's socket gets its own VPN's datagrams only")
    {
    }

  private:
    void
    DoRun() override
    {
        VrfNet net;
        Ptr<Node> pe1 = net.At(VrfNet::PE1);
        Sink socketA;
        Sink socketB;
        Sink any; // not bound to a device, on port 10
        socketA.Open(pe1, kPort, net.a1.Get(1));
        socketB.Open(pe1, kPort, net.b1.Get(1));
        any.Open(pe1, 10);
        // PE2's core sends 10.1.0.0/24 over the core link (a misrouted or
        // forged packet): PE1's core must not deliver it.
        net.Vrf(VrfNet::PE2)
            ->GetCore()
            ->AddStaticRoute(Ipv4Address("10.1.0.0"),
                             Ipv4Mask("255.255.255.0"),
                             Ipv4Address("192.168.0.1"),
                             net.If(VrfNet::PE2, net.core.Get(1)));

        SendCount(Sender(net.At(VrfNet::A1)), Ipv4Address("10.1.0.1"), 1, Seconds(1));
        SendCount(Sender(net.At(VrfNet::B1)), Ipv4Address("10.1.0.1"), 2, Seconds(2));
        Ptr<Socket> fromCore = Sender(net.At(VrfNet::PE2));
        SendCount(fromCore, Ipv4Address("10.1.0.1"), 3, Seconds(3));
        SendCount(fromCore, Ipv4Address("10.1.0.1"), 3, Seconds(3), 10);
        // The control: the core's own address on port 10 is delivered.
        SendCount(fromCore, Ipv4Address("192.168.0.1"), 1, Seconds(3.5), 10);
        // VRF A to its own 10.1.0.1, from a socket bound to its PE link:
        // through the loopback, delivered in VRF A.
        SendCount(Sender(pe1, net.pa.Get(0)), Ipv4Address("10.1.0.1"), 2, Seconds(4));
        // VRF B likewise (10.1.0.1 is also A's, on an interface before B's).
        SendCount(Sender(pe1, net.pb.Get(0)), Ipv4Address("10.1.0.1"), 1, Seconds(4.5));
        Simulator::Stop(Seconds(5));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(socketA.received, 1u + 2u, "A1's datagram and VRF A's own two");
        NS_TEST_EXPECT_MSG_EQ(socketB.received, 2u + 1u, "B1's two datagrams and VRF B's own");
        NS_TEST_EXPECT_MSG_EQ(any.received, 1u, "from the core link: 192.168.0.1 only");
        // The 6 datagrams for 10.1.0.1 from the core link: no core route.
        NS_TEST_EXPECT_MSG_EQ(net.Vrf(VrfNet::PE1)->GetDropCount(0), 6u, "dropped in the core");
        NS_TEST_EXPECT_MSG_EQ(net.Vrf(VrfNet::PE1)->GetDropCount(kVrfA), 0u, "none in VRF A");
        Simulator::Destroy();
    }
};

// ------------------------------------------------------------ late assignment

class VrfLateAssignmentTestCase : public TestCase
{
  public:
    VrfLateAssignmentTestCase()
        : TestCase("a device assigned to a VRF after its interface is up takes its routes along")
    {
    }

  private:
    void
    DoRun() override
    {
        VrfNet net(false); // every interface up in the core
        Ptr<vr::VrfRoutingProtocol> pe1 = net.Vrf(VrfNet::PE1);
        // Before: both user links in the core, one prefix with two next hops.
        const IpvpnRoute* before = pe1->GetCore()->Lookup(Ipv4Address("10.1.0.2"));
        NS_TEST_ASSERT_MSG_NE(before, nullptr, "connected in the core");
        NS_TEST_EXPECT_MSG_EQ(before->nextHops.size(), 2u, "a1 and b1");
        NS_TEST_EXPECT_MSG_EQ(HasPrefix(pe1->GetVrf(kVrfA), "10.1.0.0", 24), false, "not in A");

        const int32_t a1 = static_cast<int32_t>(net.If(VrfNet::PE1, net.a1.Get(1)));
        const int32_t b1 = static_cast<int32_t>(net.If(VrfNet::PE1, net.b1.Get(1)));
        NS_TEST_EXPECT_MSG_EQ(pe1->GetCore()->GetInterfaceForAddress(Ipv4Address("10.1.0.1")),
                              a1,
                              "the core's lowest interface holding 10.1.0.1");
        NS_TEST_EXPECT_MSG_EQ(pe1->GetVrf(kVrfB)->GetInterfaceForAddress(Ipv4Address("10.1.0.1")),
                              -1,
                              "B has no interface yet");

        net.AssignAll();
        // Address lookups follow the moves, each VRF finding its own holder
        // of the shared address.
        NS_TEST_EXPECT_MSG_EQ(pe1->GetCore()->GetInterfaceForAddress(Ipv4Address("10.1.0.1")),
                              -1,
                              "the core holds 10.1.0.1 no more");
        NS_TEST_EXPECT_MSG_EQ(
            pe1->GetVrf(kVrfA)->GetInterfaceForAddress(Ipv4Address("10.1.0.1")), a1, "A: a1");
        NS_TEST_EXPECT_MSG_EQ(
            pe1->GetVrf(kVrfB)->GetInterfaceForAddress(Ipv4Address("10.1.0.1")), b1, "B: b1");
        NS_TEST_EXPECT_MSG_EQ(pe1->GetCore()->GetInterfaceForAddress(Ipv4Address("127.0.0.1")),
                              0,
                              "the loopback stays in the core");
        // An address added and removed at run time.
        const Ipv4InterfaceAddress extra(Ipv4Address("10.9.0.1"), Ipv4Mask("255.255.255.0"));
        net.Ip(VrfNet::PE1)->AddAddress(static_cast<uint32_t>(b1), extra);
        NS_TEST_EXPECT_MSG_EQ(
            pe1->GetVrf(kVrfB)->GetInterfaceForAddress(extra.GetLocal()), b1, "B: added");
        NS_TEST_EXPECT_MSG_EQ(
            pe1->GetVrf(kVrfA)->GetInterfaceForAddress(extra.GetLocal()), -1, "A: not A's");
        net.Ip(VrfNet::PE1)->RemoveAddress(static_cast<uint32_t>(b1), extra.GetLocal());
        NS_TEST_EXPECT_MSG_EQ(
            pe1->GetVrf(kVrfB)->GetInterfaceForAddress(extra.GetLocal()), -1, "B: removed");
        NS_TEST_EXPECT_MSG_EQ(HasPrefix(pe1->GetCore(), "10.1.0.0", 24), false, "left the core");
        NS_TEST_EXPECT_MSG_EQ(HasPrefix(pe1->GetCore(), "10.100.0.0", 24), false, "pa, pb too");
        for (uint32_t vrf : {kVrfA, kVrfB})
        {
            const IpvpnRoute* route = pe1->GetVrf(vrf)->Lookup(Ipv4Address("10.1.0.2"));
            NS_TEST_ASSERT_MSG_NE(route, nullptr, "connected in the VRF");
            NS_TEST_EXPECT_MSG_EQ(route->nextHops.size(), 1u, "its own device only");
            NS_TEST_EXPECT_MSG_EQ(route->nextHops[0].interface,
                                  net.If(VrfNet::PE1, vrf == kVrfA ? net.a1.Get(1) : net.b1.Get(1)),
                                  "through its user link");
        }
        // And back to the core.
        pe1->AssignDevice(net.a1.Get(1), 0);
        NS_TEST_EXPECT_MSG_EQ(pe1->GetCore()->GetInterfaceForAddress(Ipv4Address("10.1.0.1")),
                              a1,
                              "a1 back in the core");
        NS_TEST_EXPECT_MSG_EQ(pe1->GetVrf(kVrfA)->GetInterfaceForAddress(Ipv4Address("10.1.0.1")),
                              -1,
                              "A holds it no more");
        NS_TEST_EXPECT_MSG_EQ(HasPrefix(pe1->GetVrf(kVrfA), "10.1.0.0", 24), false, "left A");
        NS_TEST_EXPECT_MSG_EQ(HasPrefix(pe1->GetCore(), "10.1.0.0", 24), true, "back in the core");
        Simulator::Destroy();
    }
};

// ------------------------------------------------------------ interface changes

class VrfInterfaceChangeTestCase : public TestCase
{
  public:
    VrfInterfaceChangeTestCase()
        : TestCase("an interface going down and up changes its own VRF's table only")
    {
    }

  private:
    void
    DoRun() override
    {
        VrfNet net;
        net.AddVrfStaticRoutes();
        Ptr<vr::VrfRoutingProtocol> pe1 = net.Vrf(VrfNet::PE1);
        std::vector<std::pair<uint32_t, bool>> changesA;
        std::vector<std::pair<uint32_t, bool>> changesB;
        std::vector<std::pair<uint32_t, bool>> changesCore;
        auto record = [](std::vector<std::pair<uint32_t, bool>>* log, uint32_t i, bool up) {
            log->emplace_back(i, up);
        };
        pe1->GetVrf(kVrfA)->TraceConnectWithoutContext(
            "InterfaceChange",
            Callback<void, uint32_t, bool>(
                std::bind(record, &changesA, std::placeholders::_1, std::placeholders::_2)));
        pe1->GetVrf(kVrfB)->TraceConnectWithoutContext(
            "InterfaceChange",
            Callback<void, uint32_t, bool>(
                std::bind(record, &changesB, std::placeholders::_1, std::placeholders::_2)));
        pe1->GetCore()->TraceConnectWithoutContext(
            "InterfaceChange",
            Callback<void, uint32_t, bool>(
                std::bind(record, &changesCore, std::placeholders::_1, std::placeholders::_2)));
        const uint32_t pa = net.If(VrfNet::PE1, net.pa.Get(0));
        net.Ip(VrfNet::PE1)->SetDown(pa);
        // VRF A loses pa's network and the static route through it; VRF B
        // keeps its own, on the same addresses.
        NS_TEST_EXPECT_MSG_EQ(HasPrefix(pe1->GetVrf(kVrfA), "10.100.0.0", 24), false, "A: pa");
        NS_TEST_EXPECT_MSG_EQ(HasPrefix(pe1->GetVrf(kVrfA), "10.2.0.0", 24), false, "A: static");
        NS_TEST_EXPECT_MSG_EQ(HasPrefix(pe1->GetVrf(kVrfB), "10.100.0.0", 24), true, "B: pb");
        NS_TEST_EXPECT_MSG_EQ(HasPrefix(pe1->GetVrf(kVrfB), "10.2.0.0", 24), true, "B: static");
        net.Ip(VrfNet::PE1)->SetUp(pa);
        NS_TEST_EXPECT_MSG_EQ(HasPrefix(pe1->GetVrf(kVrfA), "10.100.0.0", 24), true, "A: pa back");
        NS_TEST_EXPECT_MSG_EQ(
            HasPrefix(pe1->GetVrf(kVrfA), "10.2.0.0", 24), true, "A: static back");
        const std::vector<std::pair<uint32_t, bool>> expected{{pa, false}, {pa, true}};
        NS_TEST_EXPECT_MSG_EQ((changesA == expected), true, "VRF A reports pa down, up");
        NS_TEST_EXPECT_MSG_EQ(changesB.size(), 0u, "VRF B hears nothing");
        NS_TEST_EXPECT_MSG_EQ(changesCore.size(), 0u, "the core hears nothing");
        Simulator::Destroy();
    }
};

// ------------------------------------------------------------ OSPF per VRF

void
CountRx(
    std::map<uint32_t, uint64_t>* count, uint8_t, uint32_t, uint32_t interface, Ptr<const Packet>)
{
    (*count)[interface] += 1;
}

class VrfOspfTestCase : public TestCase
{
  public:
    VrfOspfTestCase()
        : TestCase("two OSPF instances on one node, each bound to its VRF, and a core instance")
    {
    }

  private:
    void
    DoRun() override
    {
        VrfNet net;
        // Router addresses for the core instances (advertised as host routes).
        net.Ip(VrfNet::PE1)
            ->AddAddress(0, Ipv4InterfaceAddress(Ipv4Address("1.1.1.1"), Ipv4Mask::GetOnes()));
        net.Ip(VrfNet::PE2)
            ->AddAddress(0, Ipv4InterfaceAddress(Ipv4Address("2.2.2.2"), Ipv4Mask::GetOnes()));
        OspfHelper helper;
        // Fast timers, as test/ipvpn-ospf-test-net.h's cases.
        helper.Set("HelloInterval", TimeValue(Seconds(1)));
        helper.Set("RouterDeadInterval", TimeValue(Seconds(4)));

        // ospf[pe][vrf]; vrf 0 is the core instance.
        std::map<uint32_t, std::map<uint32_t, Ptr<ospf::Protocol>>> ospf;
        std::map<uint32_t, std::map<uint32_t, std::map<uint32_t, uint64_t>>> rx;
        std::map<uint32_t, std::map<uint32_t, std::map<uint32_t, uint64_t>>> tx;
        for (uint32_t pe : {VrfNet::PE1, VrfNet::PE2})
        {
            Ptr<vr::VrfRoutingProtocol> vrf = net.Vrf(pe);
            ospf[pe][0] = helper.Install(net.At(pe), {0, net.If(pe, net.PeDevice(net.core, pe))});
            for (uint32_t id : {kVrfA, kVrfB})
            {
                const NetDeviceContainer& peLink = id == kVrfA ? net.pa : net.pb;
                const NetDeviceContainer& user = pe == VrfNet::PE1
                                                     ? (id == kVrfA ? net.a1 : net.b1)
                                                     : (id == kVrfA ? net.a2 : net.b2);
                ospf[pe][id] = helper.Install(
                    net.At(pe), {net.If(pe, net.PeDevice(peLink, pe)), net.If(pe, user.Get(1))});
                ospf[pe][id]->SetRouting(vrf->GetVrf(id));
            }
            for (uint32_t id : {0u, kVrfA, kVrfB})
            {
                ospf[pe][id]->TraceConnectWithoutContext("Rx",
                                                         MakeBoundCallback(&CountRx, &rx[pe][id]));
                ospf[pe][id]->TraceConnectWithoutContext("Tx",
                                                         MakeBoundCallback(&CountRx, &tx[pe][id]));
            }
            // OspfHelper left the node's routing as it was.
            NS_TEST_EXPECT_MSG_EQ(net.Ip(pe)->GetRoutingProtocol(),
                                  Ptr<Ipv4RoutingProtocol>(vrf),
                                  "still routed by the VRF routing");
        }
        Sink a2;
        Sink b2;
        a2.Open(net.At(VrfNet::A2));
        b2.Open(net.At(VrfNet::B2));
        SendCount(Sender(net.At(VrfNet::A1)), Ipv4Address("10.2.0.2"), 5, Seconds(15));
        SendCount(Sender(net.At(VrfNet::B1)), Ipv4Address("10.2.0.2"), 3, Seconds(15));
        Simulator::Stop(Seconds(17));
        Simulator::Run();

        for (uint32_t pe : {VrfNet::PE1, VrfNet::PE2})
        {
            const uint32_t other = pe == VrfNet::PE1 ? VrfNet::PE2 : VrfNet::PE1;
            const char* far = pe == VrfNet::PE1 ? "10.2.0.0" : "10.1.0.0";
            const Ipv4Address farPe(pe == VrfNet::PE1 ? "10.100.0.2" : "10.100.0.1");
            Ptr<vr::VrfRoutingProtocol> vrf = net.Vrf(pe);
            for (uint32_t id : {kVrfA, kVrfB})
            {
                const NetDeviceContainer& peLink = id == kVrfA ? net.pa : net.pb;
                const uint32_t peIf = net.If(pe, net.PeDevice(peLink, pe));
                const uint32_t otherIf = net.If(other, net.PeDevice(peLink, other));
                NS_TEST_EXPECT_MSG_EQ(
                    (ospf[pe][id]->GetNeighborState(peIf, ospf[other][id]->GetRouterId()) ==
                     ospf::NeighborState::FULL),
                    true,
                    "Full over the VRF's PE link");
                // RFC 2328 16.1: the far user network (a stub link of the
                // neighbor) through the VRF's own PE link.
                const IpvpnRoute* route =
                    vrf->GetVrf(id)->GetTable().Find(Ipv4Address(far), 24, IpvpnRouteSource::OSPF);
                NS_TEST_ASSERT_MSG_NE(route, nullptr, "the VRF learnt the far user network");
                NS_TEST_EXPECT_MSG_EQ(route->nextHops.size(), 1u, "one next hop");
                NS_TEST_EXPECT_MSG_EQ(route->nextHops[0].interface, peIf, "its own PE link");
                NS_TEST_EXPECT_MSG_EQ(route->nextHops[0].gateway, farPe, "the far PE");
                // Packets: only on its own interfaces, exactly what its peer
                // sent on the PE link plus nothing from the hosts.
                for (const auto& [interface, n] : rx[pe][id])
                {
                    NS_TEST_EXPECT_MSG_EQ(vrf->GetVrfOfInterface(interface),
                                          id,
                                          "received on the VRF's interfaces only");
                }
                NS_TEST_EXPECT_MSG_EQ(rx[pe][id][peIf],
                                      tx[other][id][otherIf],
                                      "received what the peer instance sent");
                NS_TEST_EXPECT_MSG_EQ(ospf[pe][id]->GetCounters().TotalDrops(),
                                      0u,
                                      "no packet of another instance dropped");
            }
            NS_TEST_EXPECT_MSG_EQ(HasPrefix(vrf->GetCore(), far, 24), false, "not in the core");
            NS_TEST_EXPECT_MSG_EQ(
                HasPrefix(vrf->GetCore(), "10.100.0.0", 24), false, "no VRF link in the core");
            // The core instance works through the node's routing.
            const IpvpnRoute* loopback = vrf->GetCore()->GetTable().Find(
                Ipv4Address(pe == VrfNet::PE1 ? "2.2.2.2" : "1.1.1.1"), 32, IpvpnRouteSource::OSPF);
            NS_TEST_EXPECT_MSG_NE(loopback, nullptr, "the core learnt the far loopback");
            for (const auto& [interface, n] : rx[pe][0])
            {
                NS_TEST_EXPECT_MSG_EQ(vrf->GetVrfOfInterface(interface),
                                      0u,
                                      "the core instance receives on core interfaces only");
            }
        }
        NS_TEST_EXPECT_MSG_EQ(a2.received, 5u, "A1 reaches A2 over the learnt routes");
        NS_TEST_EXPECT_MSG_EQ(b2.received, 3u, "B1 reaches B2, not A2");
        Simulator::Destroy();
    }
};

class VrfTestSuite : public TestSuite
{
  public:
    VrfTestSuite()
        : TestSuite("ipvpn-vrf", TestSuite::Type::UNIT)
    {
        AddTestCase(new VrfIsolationTestCase());
        AddTestCase(new VrfLocalDeliveryTestCase());
        AddTestCase(new VrfLateAssignmentTestCase());
        AddTestCase(new VrfInterfaceChangeTestCase());
        AddTestCase(new VrfOspfTestCase());
    }
};

static VrfTestSuite g_vrfTestSuite;

} // namespace
