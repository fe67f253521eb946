/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Cases of the ipvpn-ospf suite (registered in ipvpn-ospf-test-suite.cc):
 * a CSMA segment (DR/BDR election, Network-LSA, the DR falling silent, a
 * capture for tshark), authentication (keyed MD5, simple password), a
 * HelloInterval mismatch, two instances on one node.
 */
#include "ipvpn-ospf-test-net.h"
#include "ipvpn-pcap-check.h"

#include "ns3/boolean.h"
#include "ns3/csma-helper.h"
#include "ns3/global-value.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipvpn-routing-helper.h"
#include "ns3/ipvpn-routing-protocol.h"
#include "ns3/node-container.h"
#include "ns3/ospf-helper.h"
#include "ns3/ospf-protocol.h"
#include "ns3/packet.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace ospftest
{
namespace
{

// ------------------------------------------------------------ lan

class OspfLanTestCase : public TestCase
{
  public:
    OspfLanTestCase()
        : TestCase("four routers on a CSMA segment: DR, BDR, Network-LSA, Full and 2-Way")
    {
    }

  private:
    void
    DoRun() override
    {
        NodeContainer nodes;
        nodes.Create(4);
        NodeContainer host;
        host.Create(1);
        InternetStackHelper stack;
        IpvpnRoutingHelper routing;
        stack.SetRoutingHelper(routing);
        stack.Install(nodes);
        stack.Install(host);
        CsmaHelper csma;
        csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
        csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(10)));
        NetDeviceContainer devices = csma.Install(nodes);
        Ipv4AddressHelper addresses("10.1.0.0", "255.255.255.0");
        addresses.Assign(devices);
        // Router 0's capture of the segment, for tshark.
        const bool pcap = ipvpntest::CanCheckPcaps();
        const std::string file = CreateTempDirFilename("ospf-lan.pcap");
        if (pcap)
        {
            GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
            csma.EnablePcap(file, devices.Get(0), false, true);
        }
        // Router 0 also has a stub network 10.0.9.0/24 (a host behind it),
        // numbered below 10.1.0.1 so that it keeps router ID 10.1.0.1.
        PointToPointHelper p2p;
        NetDeviceContainer stub = p2p.Install(nodes.Get(0), host.Get(0));
        Ipv4AddressHelper stubAddresses("10.0.9.0", "255.255.255.0");
        stubAddresses.Assign(stub);
        OspfHelper helper;
        std::vector<Ptr<ospf::Protocol>> ospf = helper.Install(nodes);
        // Priorities 1, 1, 1, 0; router IDs 10.1.0.1 .. 10.1.0.4.
        ospf[3]->SetInterfacePriority(1, 0);
        std::vector<Time> becameDr(4, Seconds(-1));
        for (uint32_t i = 0; i < 4; ++i)
        {
            ospf[i]->TraceConnectWithoutContext("InterfaceStateChange",
                                                MakeBoundCallback(
                                                    +[](Time* at,
                                                        Ipv4Address,
                                                        uint32_t,
                                                        ospf::InterfaceState,
                                                        ospf::InterfaceState to) {
                                                        if (to == ospf::InterfaceState::DR &&
                                                            *at < Seconds(0))
                                                        {
                                                            *at = Simulator::Now();
                                                        }
                                                    },
                                                    &becameDr[i]));
        }
        Simulator::Stop(Seconds(50));
        Simulator::Run();

        const Ipv4Address id[4] = {Ipv4Address("10.1.0.1"),
                                   Ipv4Address("10.1.0.2"),
                                   Ipv4Address("10.1.0.3"),
                                   Ipv4Address("10.1.0.4")};
        // 9.4: DR the highest router ID of priority > 0 (10.1.0.3; .4 has
        // priority 0), BDR the next (10.1.0.2), at every router.
        for (uint32_t i = 0; i < 4; ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(ospf[i]->GetDr(1), id[2], "DR at router " << i);
            NS_TEST_EXPECT_MSG_EQ(ospf[i]->GetBdr(1), id[1], "BDR at router " << i);
        }
        NS_TEST_EXPECT_MSG_EQ(
            (ospf[2]->GetInterfaceState(1) == ospf::InterfaceState::DR), true, "10.1.0.3 is DR");
        NS_TEST_EXPECT_MSG_EQ((ospf[1]->GetInterfaceState(1) == ospf::InterfaceState::BACKUP),
                              true,
                              "10.1.0.2 is Backup");
        NS_TEST_EXPECT_MSG_EQ((ospf[0]->GetInterfaceState(1) == ospf::InterfaceState::DR_OTHER),
                              true,
                              "10.1.0.1 is DROther");
        NS_TEST_EXPECT_MSG_EQ((ospf[3]->GetInterfaceState(1) == ospf::InterfaceState::DR_OTHER),
                              true,
                              "10.1.0.4 is DROther");
        // 9.3/9.4: nobody declares a DR while waiting, so the election waits
        // for the Wait Timer: RouterDeadInterval (40 s) after InterfaceUp (0 s).
        std::cout << "DR elected at " << becameDr[2].As(Time::S) << std::endl;
        NS_TEST_EXPECT_MSG_EQ_TOL(becameDr[2].GetSeconds(), 40.0, 0.001, "DR after Wait Timer");

        // 10.4: DR and BDR are adjacent (Full) with everyone; the two DR
        // Others stay 2-Way with each other.
        for (uint32_t i = 0; i < 4; ++i)
        {
            for (uint32_t j = 0; j < 4; ++j)
            {
                if (i == j)
                {
                    continue;
                }
                const bool adjacent = i == 1 || i == 2 || j == 1 || j == 2;
                const NeighborState state = ospf[i]->GetNeighborState(1, id[j]);
                NS_TEST_EXPECT_MSG_EQ(
                    (state == (adjacent ? NeighborState::FULL : NeighborState::TWO_WAY)),
                    true,
                    "router " << i << " with " << j << ": " << state);
            }
        }
        // 12.4.2: the DR's Network-LSA (Link State ID its address) lists the
        // four routers, in every database.
        ospf::LsaKey key;
        key.type = ospf::LS_NETWORK;
        key.linkStateId = id[2];
        key.advertisingRouter = id[2];
        for (uint32_t i = 0; i < 4; ++i)
        {
            const ospf::Lsdb::Entry* entry = ospf[i]->GetLsdb().Find(key);
            NS_TEST_ASSERT_MSG_NE(entry, nullptr, "Network-LSA at router " << i);
            const auto& body = std::get<ospf::NetworkLsaBody>(entry->lsa->body);
            std::set<uint32_t> attached;
            for (Ipv4Address a : body.attachedRouters)
            {
                attached.insert(a.Get());
            }
            NS_TEST_EXPECT_MSG_EQ(
                (attached ==
                 std::set<uint32_t>{id[0].Get(), id[1].Get(), id[2].Get(), id[3].Get()}),
                true,
                "attached routers at router " << i);
            NS_TEST_EXPECT_MSG_EQ(body.mask, Ipv4Mask("255.255.255.0"), "mask");
        }
        // 16.1 across the transit network: router 3 reaches the stub behind
        // router 0 at its interface cost (1) plus router 0's (1), network to
        // router counting 0; the next hop is router 0's address on the LAN.
        const IpvpnRoute* route = FindRoute(ospf[3]->GetRoutes(), Ipv4Address("10.0.9.0"), 24);
        NS_TEST_ASSERT_MSG_NE(route, nullptr, "route to the stub behind router 0");
        NS_TEST_EXPECT_MSG_EQ(route->metric, 2u, "metric");
        NS_TEST_EXPECT_MSG_EQ(route->nextHops.size(), 1u, "one next hop");
        NS_TEST_EXPECT_MSG_EQ(route->nextHops[0].interface, 1u, "out the LAN");
        NS_TEST_EXPECT_MSG_EQ(route->nextHops[0].gateway, id[0], "via router 0");

        // The DR's interface goes down at 60 s: it sends nothing more. The
        // others lose it when their Inactivity Timers fire, RouterDeadInterval
        // after its last Hello (so 30 to 40 s later), and 9.4 elects again:
        // the Backup 10.1.0.2 becomes DR, 10.1.0.1 Backup (10.1.0.4 has
        // priority 0).
        Simulator::Schedule(Seconds(10), [&nodes]() {
            nodes.Get(2)->GetObject<Ipv4>()->SetDown(1);
        });
        Simulator::Stop(Seconds(60));
        Simulator::Run();
        std::cout << "BDR promoted at " << becameDr[1].As(Time::S) << std::endl;
        NS_TEST_EXPECT_MSG_GT(becameDr[1], Seconds(90), "not before Dead - Hello");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(becameDr[1], Seconds(100.001), "by RouterDeadInterval");
        for (uint32_t i : {0u, 1u, 3u})
        {
            NS_TEST_EXPECT_MSG_EQ(ospf[i]->GetDr(1), id[1], "new DR at router " << i);
            NS_TEST_EXPECT_MSG_EQ(ospf[i]->GetBdr(1), id[0], "new BDR at router " << i);
            for (uint32_t j : {0u, 1u, 3u})
            {
                if (i != j)
                {
                    // DR and BDR are among any two of the three: all Full.
                    const NeighborState state = ospf[i]->GetNeighborState(1, id[j]);
                    NS_TEST_EXPECT_MSG_EQ((state == NeighborState::FULL),
                                          true,
                                          "router " << i << " with " << j << ": " << state);
                }
            }
            key.linkStateId = id[1];
            key.advertisingRouter = id[1];
            const ospf::Lsdb::Entry* entry = ospf[i]->GetLsdb().Find(key);
            NS_TEST_ASSERT_MSG_NE(entry, nullptr, "new DR's Network-LSA at router " << i);
            std::set<uint32_t> attached;
            for (Ipv4Address a : std::get<ospf::NetworkLsaBody>(entry->lsa->body).attachedRouters)
            {
                attached.insert(a.Get());
            }
            NS_TEST_EXPECT_MSG_EQ(
                (attached == std::set<uint32_t>{id[0].Get(), id[1].Get(), id[3].Get()}),
                true,
                "attached routers at router " << i);
        }
        NS_TEST_EXPECT_MSG_EQ(
            (ospf[1]->GetInterfaceState(1) == ospf::InterfaceState::DR), true, "10.1.0.2 is DR");
        NS_TEST_EXPECT_MSG_EQ((ospf[0]->GetInterfaceState(1) == ospf::InterfaceState::BACKUP),
                              true,
                              "10.1.0.1 is Backup");
        route = FindRoute(ospf[3]->GetRoutes(), Ipv4Address("10.0.9.0"), 24);
        NS_TEST_ASSERT_MSG_NE(route, nullptr, "route to the stub behind router 0 after");
        NS_TEST_EXPECT_MSG_EQ(route->metric, 2u, "metric after");
        NS_TEST_EXPECT_MSG_EQ(route->nextHops[0].gateway, id[0], "via router 0 after");
        Simulator::Destroy();
        if (pcap)
        {
            // The capture is complete once the devices are gone. Wireshark
            // reads the Network-LSA, the transit links, the flooding to
            // AllDRouters and the DD packets unicast to the DR (8.1).
            devices = NetDeviceContainer();
            nodes = NodeContainer();
            host = NodeContainer();
            stub = NetDeviceContainer();
            GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));
            const std::string cmd = "'" + ipvpntest::PcapCheckTool() + "' '" + file +
                                    "' --expect ospf --expect 'ospf.lsa == 2'"
                                    " --expect 'ospf.lsa.router.linktype == 2'"
                                    " --expect 'ip.dst == 224.0.0.6'"
                                    " --expect 'ospf.msg == 2 && ip.dst == 10.1.0.3' --quiet";
            NS_TEST_EXPECT_MSG_EQ(std::system(cmd.c_str()), 0, "pcap-check on " << file);
        }
    }
};

// ------------------------------------------------------------ md5

class OspfMd5TestCase : public TestCase
{
  public:
    OspfMd5TestCase(uint16_t auType, bool sameKey)
        : TestCase(
              std::string(auType == ospf::AUTYPE_CRYPTOGRAPHIC ? "keyed MD5" : "simple password") +
              (sameKey ? ", same key: adjacency" : ", different keys: no adjacency, drops counted"))
        , m_auType(auType)
        , m_sameKey(sameKey)
    {
    }

  private:
    void
    DoRun() override
    {
        Net net(2, {{0, 1}});
        OspfHelper a;
        a.Set("AuType", UintegerValue(m_auType));
        a.Set("AuthKeyId", UintegerValue(1));
        a.Set("AuthKey", StringValue("secret"));
        OspfHelper b = a;
        if (!m_sameKey)
        {
            b.Set("AuthKey", StringValue("other"));
        }
        Ptr<ospf::Protocol> r0 = a.Install(net.nodes.Get(0));
        Ptr<ospf::Protocol> r1 = b.Install(net.nodes.Get(1));
        Simulator::Stop(Seconds(55));
        Simulator::Run();
        const NeighborState state = r0->GetNeighborState(net.If(0, 0), r1->GetRouterId());
        if (m_sameKey)
        {
            NS_TEST_EXPECT_MSG_EQ((state == NeighborState::FULL), true, "Full: " << state);
            NS_TEST_EXPECT_MSG_EQ(r0->GetCounters().TotalDrops(), 0u, "no drop");
            NS_TEST_EXPECT_MSG_EQ(
                (FindRoute(r0->GetRoutes(), Ipv4Address("10.0.1.0"), 24) != nullptr),
                true,
                "routes computed");
        }
        else
        {
            NS_TEST_EXPECT_MSG_EQ((state == NeighborState::DOWN), true, "no neighbor: " << state);
            // D.4.3: a digest made with another key does not verify (D.4.2:
            // nor does another password), so every packet the other sent
            // (Hellos only) is dropped for it.
            for (auto [rx, tx] : {std::make_pair(r0, r1), std::make_pair(r1, r0)})
            {
                const uint64_t sent = tx->GetCounters().packetsSent[ospf::PACKET_HELLO];
                NS_TEST_EXPECT_MSG_GT(sent, 4u, "Hellos were sent");
                NS_TEST_EXPECT_MSG_EQ(rx->GetCounters().Drops(ospf::DropReason::AUTHENTICATION),
                                      sent,
                                      "every Hello dropped for authentication");
                NS_TEST_EXPECT_MSG_EQ(rx->GetCounters().TotalDrops(), sent, "no other drop");
            }
        }
        Simulator::Destroy();
    }

    uint16_t m_auType;
    bool m_sameKey;
};

class OspfHelloMismatchTestCase : public TestCase
{
  public:
    OspfHelloMismatchTestCase()
        : TestCase("HelloInterval mismatch: no neighbor, every Hello dropped")
    {
    }

  private:
    void
    DoRun() override
    {
        Net net(2, {{0, 1}});
        OspfHelper a;
        OspfHelper b;
        b.Set("HelloInterval", TimeValue(Seconds(5)));
        Ptr<ospf::Protocol> r0 = a.Install(net.nodes.Get(0));
        Ptr<ospf::Protocol> r1 = b.Install(net.nodes.Get(1));
        Simulator::Stop(Seconds(55));
        Simulator::Run();
        // 10.5: HelloInterval must match, else the Hello is dropped before
        // any neighbor is made.
        NS_TEST_EXPECT_MSG_EQ(
            (r0->GetNeighborState(net.If(0, 0), r1->GetRouterId()) == NeighborState::DOWN),
            true,
            "no neighbor");
        for (auto [rx, tx] : {std::make_pair(r0, r1), std::make_pair(r1, r0)})
        {
            const uint64_t sent = tx->GetCounters().packetsSent[ospf::PACKET_HELLO];
            NS_TEST_EXPECT_MSG_GT(sent, 4u, "Hellos were sent");
            NS_TEST_EXPECT_MSG_EQ(rx->GetCounters().Drops(ospf::DropReason::HELLO_MISMATCH),
                                  sent,
                                  "every Hello dropped");
        }
        Simulator::Destroy();
    }
};

// ------------------------------------------------------------ two instances

void
KeepRoutes(std::vector<IpvpnRoute>* store, const std::vector<IpvpnRoute>& routes)
{
    *store = routes;
}

void
CountTx(
    std::map<uint32_t, uint64_t>* count, uint8_t, uint32_t, uint32_t interface, Ptr<const Packet>)
{
    (*count)[interface] += 1;
}

void
CheckRxInterface(std::set<uint32_t>* seen, uint8_t, uint32_t, uint32_t interface, Ptr<const Packet>)
{
    seen->insert(interface);
}

class OspfTwoInstancesTestCase : public TestCase
{
  public:
    OspfTwoInstancesTestCase()
        : TestCase("two instances on one node keep their routes and packets apart")
    {
    }

  private:
    void
    DoRun() override
    {
        // R1 -l0- M -l1- R2, R1 -l2- H1, R2 -l3- H2; M runs instance I1 on
        // l0 and I2 on l1, each feeding its own table.
        Net net(5, {{0, 1}, {1, 2}, {0, 3}, {2, 4}});
        OspfHelper helper;
        Ptr<ospf::Protocol> r1 = helper.Install(net.nodes.Get(0));
        Ptr<ospf::Protocol> r2 = helper.Install(net.nodes.Get(2));
        Ptr<ospf::Protocol> i1 = helper.Install(net.nodes.Get(1), {net.If(1, 0)});
        Ptr<ospf::Protocol> i2 = helper.Install(net.nodes.Get(1), {net.If(1, 1)});
        std::vector<IpvpnRoute> table1;
        std::vector<IpvpnRoute> table2;
        i1->SetRouteSink(MakeBoundCallback(&KeepRoutes, &table1));
        i2->SetRouteSink(MakeBoundCallback(&KeepRoutes, &table2));
        std::map<uint32_t, uint64_t> tx1;
        std::map<uint32_t, uint64_t> tx2;
        r1->TraceConnectWithoutContext("Tx", MakeBoundCallback(&CountTx, &tx1));
        r2->TraceConnectWithoutContext("Tx", MakeBoundCallback(&CountTx, &tx2));
        std::set<uint32_t> rx1;
        std::set<uint32_t> rx2;
        i1->TraceConnectWithoutContext("Rx", MakeBoundCallback(&CheckRxInterface, &rx1));
        i2->TraceConnectWithoutContext("Rx", MakeBoundCallback(&CheckRxInterface, &rx2));
        Simulator::Stop(Seconds(25));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_NE(i1->GetRouterId(), i2->GetRouterId(), "own router IDs");
        NS_TEST_EXPECT_MSG_EQ(
            (i1->GetNeighborState(net.If(1, 0), r1->GetRouterId()) == NeighborState::FULL),
            true,
            "I1 Full with R1");
        NS_TEST_EXPECT_MSG_EQ(
            (i2->GetNeighborState(net.If(1, 1), r2->GetRouterId()) == NeighborState::FULL),
            true,
            "I2 Full with R2");
        // Each sink holds its own side's stub network only.
        NS_TEST_EXPECT_MSG_NE(FindRoute(table1, Ipv4Address("10.0.3.0"), 24), nullptr, "I1: H1");
        NS_TEST_EXPECT_MSG_EQ(FindRoute(table1, Ipv4Address("10.0.4.0"), 24), nullptr, "I1: H2");
        NS_TEST_EXPECT_MSG_EQ(FindRoute(table1, Ipv4Address("10.0.2.0"), 24), nullptr, "I1: l1");
        NS_TEST_EXPECT_MSG_NE(FindRoute(table2, Ipv4Address("10.0.4.0"), 24), nullptr, "I2: H2");
        NS_TEST_EXPECT_MSG_EQ(FindRoute(table2, Ipv4Address("10.0.3.0"), 24), nullptr, "I2: H1");
        NS_TEST_EXPECT_MSG_EQ(FindRoute(r1->GetRoutes(), Ipv4Address("10.0.4.0"), 24),
                              nullptr,
                              "R1 does not learn H2");
        // Each database: the Router-LSAs of its own two routers.
        NS_TEST_EXPECT_MSG_EQ(i1->GetLsdb().GetN(), 2u, "I1's database");
        NS_TEST_EXPECT_MSG_EQ(i2->GetLsdb().GetN(), 2u, "I2's database");
        // The node's own table got none of them (both sinks replaced it).
        uint32_t ospfRoutes = 0;
        for (const IpvpnRoute& r :
             IpvpnRoutingHelper::GetRouting(net.Ip(1))->GetTable().GetRoutes())
        {
            ospfRoutes += r.source == IpvpnRouteSource::OSPF;
        }
        NS_TEST_EXPECT_MSG_EQ(ospfRoutes, 0u, "no OSPF route in M's table");
        // Packets: an instance receives on its interface only, exactly what
        // its neighbor sent there.
        NS_TEST_EXPECT_MSG_EQ((rx1 == std::set<uint32_t>{net.If(1, 0)}), true, "I1 rx on l0");
        NS_TEST_EXPECT_MSG_EQ((rx2 == std::set<uint32_t>{net.If(1, 1)}), true, "I2 rx on l1");
        uint64_t received1 = 0;
        uint64_t received2 = 0;
        for (uint32_t t = 1; t <= 5; ++t)
        {
            received1 += i1->GetCounters().packetsReceived[t];
            received2 += i2->GetCounters().packetsReceived[t];
        }
        NS_TEST_EXPECT_MSG_EQ(received1, tx1[net.If(0, 0)], "I1 counts R1's packets on l0");
        NS_TEST_EXPECT_MSG_EQ(received2, tx2[net.If(2, 1)], "I2 counts R2's packets on l1");
        NS_TEST_EXPECT_MSG_EQ(i1->GetCounters().TotalDrops(), 0u, "I1 drops nothing");
        NS_TEST_EXPECT_MSG_EQ(i2->GetCounters().TotalDrops(), 0u, "I2 drops nothing");
        Simulator::Destroy();
    }
};

class OspfInterfaceAuthenticationTestCase : public TestCase
{
  public:
    OspfInterfaceAuthenticationTestCase()
        : TestCase("keyed MD5 set on one interface: adjacency, digest after every packet")
    {
    }

  private:
    void
    DoRun() override
    {
        Net net(2, {{0, 1}});
        OspfHelper helper; // the instances' AuType stays 0 (none)
        Ptr<ospf::Protocol> r0 = helper.Install(net.nodes.Get(0));
        Ptr<ospf::Protocol> r1 = helper.Install(net.nodes.Get(1));
        r0->SetInterfaceAuthentication(net.If(0, 0), ospf::AUTYPE_CRYPTOGRAPHIC, 7, "k");
        r1->SetInterfaceAuthentication(net.If(1, 0), ospf::AUTYPE_CRYPTOGRAPHIC, 7, "k");
        // D.4.3: the 16-octet digest follows the packet, outside its length.
        uint32_t wrong = 0;
        uint32_t sent = 0;
        r0->TraceConnectWithoutContext("Tx",
                                       MakeBoundCallback(
                                           +[](std::pair<uint32_t*, uint32_t*> c,
                                               uint8_t,
                                               uint32_t size,
                                               uint32_t,
                                               Ptr<const Packet> packet) {
                                               *c.second += 1;
                                               *c.first += packet->GetSize() !=
                                                           size + ospf::MD5_AUTH_DATA_LENGTH;
                                           },
                                           std::make_pair(&wrong, &sent)));
        Simulator::Stop(Seconds(15));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(
            (r0->GetNeighborState(net.If(0, 0), r1->GetRouterId()) == NeighborState::FULL),
            true,
            "Full");
        NS_TEST_EXPECT_MSG_GT(sent, 3u, "packets sent");
        NS_TEST_EXPECT_MSG_EQ(wrong, 0u, "every packet carries the digest");
        NS_TEST_EXPECT_MSG_EQ(
            r0->GetCounters().TotalDrops() + r1->GetCounters().TotalDrops(), 0u, "nothing dropped");
        Simulator::Destroy();
    }
};

} // namespace

TestCase*
MakeInterfaceAuthenticationTestCase()
{
    return new OspfInterfaceAuthenticationTestCase();
}

TestCase*
MakeLanTestCase()
{
    return new OspfLanTestCase();
}

TestCase*
MakeAuthenticationTestCase(uint16_t auType, bool sameKey)
{
    return new OspfMd5TestCase(auType, sameKey);
}

TestCase*
MakeHelloMismatchTestCase()
{
    return new OspfHelloMismatchTestCase();
}

TestCase*
MakeTwoInstancesTestCase()
{
    return new OspfTwoInstancesTestCase();
}

} // namespace ospftest
