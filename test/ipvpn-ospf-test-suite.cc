/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ospf::Protocol in simulation (RFC 2328), every node routed by
 * IpvpnRoutingProtocol (IpvpnRoutingHelper), OSPF installed by OspfHelper:
 *
 *  - pair     two routers on a point-to-point link, each with a stub link
 *    to a host: Full right after the first Hellos, both Router-LSAs in
 *    both databases, routes to the other's stub network.
 *  - ring     five routers in a ring with costs: every router's OSPF routes
 *    are the shortest paths (computed here by Floyd-Warshall), UDP crosses
 *    the ring; a link set down and up again, then failing silently (a
 *    receive error model dropping everything): routes follow, traffic
 *    recovers, the silent neighbor goes Down within RouterDeadInterval.
 *  - lan      four routers on one CSMA segment, priorities 1, 1, 1, 0: the
 *    election after the Wait Timer, the DR's Network-LSA, Full and 2-Way.
 *  - md5      keyed MD5 (D.4.3): same key Full, other keys no adjacency and
 *    every Hello dropped for authentication.
 *  - two instances on one node, each on its own interface with its own
 *    route sink: neither sees the other's routes or packets.
 *  - pcap     the pair's capture decodes in Wireshark's OSPF dissector.
 *
 * Interface numbers: 0 is the loopback, then one per device in the order
 * the links are made.
 */
#include "ipvpn-pcap-check.h"

#include "ns3/boolean.h"
#include "ns3/csma-helper.h"
#include "ns3/double.h"
#include "ns3/error-model.h"
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
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;
using ospf::NeighborState;

namespace
{

constexpr uint16_t kPort = 9;
/// Link delay of the point-to-point links.
const Time kDelay = MilliSeconds(2);

/// Routers joined by point-to-point links, link k in 10.0.<k+1>.0/24 (the
/// first end .1, the second .2), IpvpnRoutingProtocol on every node.
struct Net
{
    NodeContainer nodes;
    std::vector<NetDeviceContainer> links;
    std::vector<std::pair<uint32_t, uint32_t>> ends;
    PointToPointHelper p2p;

    Net(uint32_t n, const std::vector<std::pair<uint32_t, uint32_t>>& pairs)
    {
        nodes.Create(n);
        InternetStackHelper stack;
        IpvpnRoutingHelper routing;
        stack.SetRoutingHelper(routing);
        stack.Install(nodes);
        p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
        p2p.SetChannelAttribute("Delay", TimeValue(kDelay));
        Ipv4AddressHelper addresses;
        for (const auto& [a, b] : pairs)
        {
            links.push_back(p2p.Install(nodes.Get(a), nodes.Get(b)));
            ends.emplace_back(a, b);
            std::ostringstream network;
            network << "10.0." << links.size() << ".0";
            addresses.SetBase(network.str().c_str(), "255.255.255.0");
            addresses.Assign(links.back());
        }
    }

    Ptr<Ipv4>
    Ip(uint32_t node) const
    {
        return nodes.Get(node)->GetObject<Ipv4>();
    }

    /// The device of `node` on `link`.
    Ptr<NetDevice>
    Device(uint32_t node, uint32_t link) const
    {
        return links[link].Get(ends[link].first == node ? 0 : 1);
    }

    uint32_t
    If(uint32_t node, uint32_t link) const
    {
        return Ip(node)->GetInterfaceForDevice(Device(node, link));
    }

    Ipv4Address
    Addr(uint32_t node, uint32_t link) const
    {
        return Ip(node)->GetAddress(If(node, link), 0).GetLocal();
    }

    static Ipv4Address
    Network(uint32_t link)
    {
        std::ostringstream network;
        network << "10.0." << link + 1 << ".0";
        return Ipv4Address(network.str().c_str());
    }
};

/// One neighbor state change seen by the NeighborStateChange trace.
struct NeighborChange
{
    Time at;
    Ipv4Address router;
    uint32_t interface;
    Ipv4Address neighbor;
    NeighborState from;
    NeighborState to;
};

void
RecordNeighbor(std::vector<NeighborChange>* log,
               Ipv4Address router,
               uint32_t interface,
               Ipv4Address neighbor,
               NeighborState from,
               NeighborState to)
{
    log->push_back({Simulator::Now(), router, interface, neighbor, from, to});
}

/// The first time `router` saw `neighbor` enter `state`; -1 s if never.
Time
FirstEntered(const std::vector<NeighborChange>& log,
             Ipv4Address router,
             Ipv4Address neighbor,
             NeighborState state,
             Time after = Seconds(0))
{
    for (const NeighborChange& c : log)
    {
        if (c.router == router && c.neighbor == neighbor && c.to == state && c.at >= after)
        {
            return c.at;
        }
    }
    return Seconds(-1);
}

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

/// Sends one UDP datagram every 100 ms from `from` to `to` in [start, stop).
void
SendStream(Ptr<Node> from, Ipv4Address to, Time start, Time stop)
{
    Ptr<Socket> socket = Socket::CreateSocket(from, UdpSocketFactory::GetTypeId());
    socket->Bind();
    for (Time t = start; t < stop; t += MilliSeconds(100))
    {
        Simulator::Schedule(t - Simulator::Now(), [socket, to]() {
            socket->SendTo(Create<Packet>(100), 0, InetSocketAddress(to, kPort));
        });
    }
}

/// The OSPF route of one instance to a prefix, or nullptr.
const IpvpnRoute*
FindRoute(const std::vector<IpvpnRoute>& routes, Ipv4Address network, uint8_t length)
{
    for (const IpvpnRoute& r : routes)
    {
        if (r.network == network && r.prefixLength == length)
        {
            return &r;
        }
    }
    return nullptr;
}

/**
 * The expected OSPF routes of every router to the link networks it is not
 * on, by Floyd-Warshall over the links with a Full adjacency (`up`): RFC
 * 2328 16.1 gives a point-to-point subnet (a stub link of each end,
 * 12.4.1.1) the cost of the nearer end plus that end's interface cost; the
 * next hops are the first hops of every shortest path (ECMP), named by the
 * neighbor's address. 12.4.1.1 advertises the stub link while the interface
 * is up, "regardless of the neighboring router state": `stub` says which
 * subnets are still advertised.
 */
struct Expected
{
    uint32_t metric = 0;
    std::set<std::pair<uint32_t, uint32_t>> nextHops; ///< (interface, gateway)
};

std::map<std::pair<uint32_t, uint32_t>, Expected>
ShortestPaths(const Net& net,
              const std::vector<uint32_t>& costs,
              const std::vector<bool>& up,
              const std::vector<bool>& stub)
{
    const uint32_t n = net.nodes.GetN();
    const uint32_t inf = std::numeric_limits<uint32_t>::max() / 4;
    std::vector<std::vector<uint32_t>> d(n, std::vector<uint32_t>(n, inf));
    for (uint32_t i = 0; i < n; ++i)
    {
        d[i][i] = 0;
    }
    for (uint32_t k = 0; k < net.ends.size(); ++k)
    {
        if (up[k])
        {
            const auto [a, b] = net.ends[k];
            d[a][b] = std::min(d[a][b], costs[k]);
            d[b][a] = std::min(d[b][a], costs[k]);
        }
    }
    for (uint32_t m = 0; m < n; ++m)
    {
        for (uint32_t i = 0; i < n; ++i)
        {
            for (uint32_t j = 0; j < n; ++j)
            {
                d[i][j] = std::min(d[i][j], d[i][m] + d[m][j]);
            }
        }
    }
    std::map<std::pair<uint32_t, uint32_t>, Expected> out; // (router, link) -> route
    for (uint32_t s = 0; s < n; ++s)
    {
        for (uint32_t k = 0; k < net.ends.size(); ++k)
        {
            const auto [u, v] = net.ends[k];
            if (s == u || s == v || !stub[k])
            {
                continue;
            }
            const uint32_t best = std::min(d[s][u], d[s][v]) + costs[k];
            if (best >= inf)
            {
                continue;
            }
            Expected e;
            e.metric = best;
            for (uint32_t end : {u, v})
            {
                if (d[s][end] + costs[k] != best)
                {
                    continue;
                }
                // First hops: links (s, m) on a shortest path s -> end.
                for (uint32_t j = 0; j < net.ends.size(); ++j)
                {
                    const auto [a, b] = net.ends[j];
                    if (!up[j] || (a != s && b != s))
                    {
                        continue;
                    }
                    const uint32_t m = a == s ? b : a;
                    if (costs[j] + d[m][end] == d[s][end])
                    {
                        e.nextHops.insert({net.If(s, j), net.Addr(m, j).Get()});
                    }
                }
            }
            out[{s, k}] = e;
        }
    }
    return out;
}

// ------------------------------------------------------------ pair

/// Two routers R0 --l0-- R1, R0 --l1-- H0, R1 --l2-- H1 (hosts without OSPF).
class OspfPairTestCase : public TestCase
{
  public:
    explicit OspfPairTestCase(bool pcap)
        : TestCase(pcap ? "a pcap of the pair decodes in the Wireshark OSPF dissector"
                        : "two routers on a point-to-point link: Full, databases, routes")
        , m_pcap(pcap)
    {
    }

  private:
    void
    DoRun() override
    {
        if (m_pcap && !ipvpntest::CanCheckPcaps())
        {
            return;
        }
        if (m_pcap)
        {
            GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
        }
        std::string file;
        Simulate(file);
        if (m_pcap)
        {
            // The capture is complete once the trace sinks are gone (Net).
            GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));
            const std::string cmd = "'" + ipvpntest::PcapCheckTool() + "' '" + file +
                                    "' --expect ospf --expect 'ospf.msg == 1'"
                                    " --expect 'ospf.msg == 2' --expect 'ospf.msg == 3'"
                                    " --expect 'ospf.msg == 4' --expect 'ospf.msg == 5'"
                                    " --expect 'ospf.lsa == 1'"
                                    " --expect 'ospf.lsa.router.linktype == 1'"
                                    " --expect 'ospf.lsa.router.linktype == 3'"
                                    " --expect 'ip.ttl == 1 && ip.dst == 224.0.0.5' --quiet";
            NS_TEST_EXPECT_MSG_EQ(std::system(cmd.c_str()), 0, "pcap-check on " << file);
        }
    }

    void
    Simulate(std::string& file)
    {
        Net net(4, {{0, 1}, {0, 2}, {1, 3}});
        // R1's router address on its loopback interface.
        net.Ip(1)->AddAddress(0, Ipv4InterfaceAddress("10.255.0.2", "255.255.255.255"));
        if (m_pcap)
        {
            file = CreateTempDirFilename("ospf-pair.pcap");
            net.p2p.EnablePcap(file, net.links[0].Get(0), false, true);
        }
        OspfHelper helper;
        Ptr<ospf::Protocol> r0 = helper.Install(net.nodes.Get(0));
        Ptr<ospf::Protocol> r1 = helper.Install(net.nodes.Get(1));
        std::vector<NeighborChange> log;
        for (auto& p : {r0, r1})
        {
            p->TraceConnectWithoutContext("NeighborStateChange",
                                          MakeBoundCallback(&RecordNeighbor, &log));
        }
        Simulator::Stop(Seconds(m_pcap ? 12 : 30));
        Simulator::Run();

        // Router ID: the highest interface address (the instance's choice
        // for RouterId 0.0.0.0): R0 has 10.0.1.1 and 10.0.2.1, R1 its
        // loopback address 10.255.0.2 above 10.0.1.2 and 10.0.3.1.
        const Ipv4Address id0("10.0.2.1");
        const Ipv4Address id1("10.255.0.2");
        NS_TEST_EXPECT_MSG_EQ(r0->GetRouterId(), id0, "R0's router ID");
        NS_TEST_EXPECT_MSG_EQ(r1->GetRouterId(), id1, "R1's router ID");

        // Full "soon after the first Hellos": the first Hello of each leaves
        // within HelloJitter (100 ms) of the start; then Hello, Hello, DD
        // negotiation (2 packets), DD exchange (2), LSR, LSU: well under 12
        // one-way trips of 2 ms plus serialization; never before the first
        // Hello and a DD exchange (4 trips).
        const Time full0 = FirstEntered(log, id0, id1, NeighborState::FULL);
        const Time full1 = FirstEntered(log, id1, id0, NeighborState::FULL);
        NS_TEST_EXPECT_MSG_GT(full0, Seconds(0), "R0 saw R1 Full");
        NS_TEST_EXPECT_MSG_GT(full1, Seconds(0), "R1 saw R0 Full");
        const Time bound = MilliSeconds(100) + 12 * (kDelay + MilliSeconds(1));
        NS_TEST_EXPECT_MSG_LT(full0, bound, "adjacency time " << full0.As(Time::MS));
        NS_TEST_EXPECT_MSG_LT(full1, bound, "adjacency time " << full1.As(Time::MS));
        NS_TEST_EXPECT_MSG_GT(full0, 4 * kDelay, "no adjacency before a DD exchange");
        std::cout << "adjacency R0: " << full0.As(Time::MS) << ", R1: " << full1.As(Time::MS)
                  << std::endl;
        NS_TEST_EXPECT_MSG_EQ(
            (r0->GetNeighborState(net.If(0, 0), id1) == NeighborState::FULL), true, "still Full");

        if (!m_pcap)
        {
            // Both Router-LSAs in both databases (12.4.1: Link State ID =
            // Advertising Router = router ID), R1's with a point-to-point
            // link to R0 and the two stub links of its subnets.
            for (auto& p : {r0, r1})
            {
                for (Ipv4Address id : {id0, id1})
                {
                    ospf::LsaKey key;
                    key.type = ospf::LS_ROUTER;
                    key.linkStateId = id;
                    key.advertisingRouter = id;
                    NS_TEST_EXPECT_MSG_NE(p->GetLsdb().Find(key),
                                          nullptr,
                                          "Router-LSA of " << id << " at " << p->GetRouterId());
                }
            }
            ospf::LsaKey key1;
            key1.type = ospf::LS_ROUTER;
            key1.linkStateId = id1;
            key1.advertisingRouter = id1;
            const ospf::Lsdb::Entry* entry = r0->GetLsdb().Find(key1);
            if (entry != nullptr)
            {
                const auto& body = std::get<ospf::RouterLsaBody>(entry->lsa->body);
                uint32_t p2p = 0;
                uint32_t stub = 0;
                for (const ospf::RouterLink& l : body.links)
                {
                    p2p += l.type == ospf::LINK_POINT_TO_POINT && l.linkId == id0;
                    stub += l.type == ospf::LINK_STUB;
                }
                NS_TEST_EXPECT_MSG_EQ(p2p, 1u, "one point-to-point link to R0");
                NS_TEST_EXPECT_MSG_EQ(stub, 3u, "stub links: 10.0.1.0, 10.0.3.0, host 10.255.0.2");
            }
            // Routes to the other's stub network: cost 1 + 1 (Ipv4 metric 1,
            // C.3 interface cost), next hop the neighbor's address on l0.
            const IpvpnRoute* to3 = FindRoute(r0->GetRoutes(), Ipv4Address("10.0.3.0"), 24);
            NS_TEST_ASSERT_MSG_NE(to3, nullptr, "R0 has a route to R1's stub network");
            NS_TEST_EXPECT_MSG_EQ(to3->metric, 2u, "metric");
            NS_TEST_EXPECT_MSG_EQ(to3->nextHops.size(), 1u, "one next hop");
            NS_TEST_EXPECT_MSG_EQ(to3->nextHops[0].interface, net.If(0, 0), "out l0");
            NS_TEST_EXPECT_MSG_EQ(to3->nextHops[0].gateway, Ipv4Address("10.0.1.2"), "via R1");
            // 12.4.1: the loopback address as a host route of cost 0.
            const IpvpnRoute* host = FindRoute(r0->GetRoutes(), id1, 32);
            NS_TEST_ASSERT_MSG_NE(host, nullptr, "R0 has a host route to R1's loopback");
            NS_TEST_EXPECT_MSG_EQ(host->metric, 1u, "cost of l0 plus 0");
            NS_TEST_EXPECT_MSG_EQ(host->nextHops[0].gateway, Ipv4Address("10.0.1.2"), "via R1");
            const IpvpnRoute* to2 = FindRoute(r1->GetRoutes(), Ipv4Address("10.0.2.0"), 24);
            NS_TEST_ASSERT_MSG_NE(to2, nullptr, "R1 has a route to R0's stub network");
            NS_TEST_EXPECT_MSG_EQ(to2->nextHops[0].gateway, Ipv4Address("10.0.1.1"), "via R0");
            // ... and the node's table uses it.
            const IpvpnRoute* selected =
                IpvpnRoutingHelper::GetRouting(net.Ip(0))->Lookup(Ipv4Address("10.0.3.2"));
            NS_TEST_ASSERT_MSG_NE(selected, nullptr, "R0's table routes to H1");
            NS_TEST_EXPECT_MSG_EQ((selected->source == IpvpnRouteSource::OSPF), true, "by OSPF");
            NS_TEST_EXPECT_MSG_EQ(r0->GetCounters().TotalDrops(), 0u, "nothing dropped");
            NS_TEST_EXPECT_MSG_EQ(r1->GetCounters().TotalDrops(), 0u, "nothing dropped");
        }
        Simulator::Destroy();
    }

    bool m_pcap;
};

// ------------------------------------------------------------ origination timing

void
RecordOwnRouterLsa(std::vector<std::pair<Time, int32_t>>* log,
                   Ipv4Address routerId,
                   const ospf::LsaHeader& header,
                   bool self)
{
    if (self && header.GetType() == ospf::LS_ROUTER && header.GetAdvertisingRouter() == routerId)
    {
        log->emplace_back(Simulator::Now(), header.GetSequenceNumber());
    }
}

class OspfOriginationTestCase : public TestCase
{
  public:
    OspfOriginationTestCase()
        : TestCase("Router-LSA origination respects MinLSInterval and LSRefreshTime")
    {
    }

  private:
    void
    DoRun() override
    {
        Net net(2, {{0, 1}});
        OspfHelper helper;
        helper.Set("LSRefreshTime", TimeValue(Seconds(30)));
        Ptr<ospf::Protocol> r0 = helper.Install(net.nodes.Get(0));
        Ptr<ospf::Protocol> r1 = helper.Install(net.nodes.Get(1));
        std::vector<std::pair<Time, int32_t>> own;
        r0->TraceConnectWithoutContext(
            "LsaInstalled", MakeBoundCallback(&RecordOwnRouterLsa, &own, Ipv4Address("10.0.1.1")));
        Simulator::Stop(Seconds(100));
        Simulator::Run();

        // 12.4: the first instance at start (a stub link only), the next one
        // (the adjacency came up within the first 100 ms) held back until
        // MinLSInterval (5 s) after it; then a refresh every LSRefreshTime
        // (30 s), seen at the once-a-second age check: 35-36, 65-67, 95-98.
        NS_TEST_ASSERT_MSG_EQ(own.size(), 5u, "five instances in 100 s");
        NS_TEST_EXPECT_MSG_EQ(own[0].first, Seconds(0), "first at start");
        NS_TEST_EXPECT_MSG_EQ(own[1].first, Seconds(5), "second after MinLSInterval");
        for (std::size_t i = 0; i < own.size(); ++i)
        {
            // 12.1.6: each instance one above the previous, from
            // InitialSequenceNumber.
            NS_TEST_EXPECT_MSG_EQ(own[i].second,
                                  ospf::INITIAL_SEQUENCE_NUMBER + static_cast<int32_t>(i),
                                  "sequence number " << i);
            if (i >= 2)
            {
                const Time gap = own[i].first - own[i - 1].first;
                NS_TEST_EXPECT_MSG_GT_OR_EQ(gap, Seconds(30), "refresh " << i);
                NS_TEST_EXPECT_MSG_LT_OR_EQ(gap, Seconds(31), "refresh " << i);
            }
        }
        // The neighbor holds the latest instance.
        ospf::LsaKey key;
        key.type = ospf::LS_ROUTER;
        key.linkStateId = Ipv4Address("10.0.1.1");
        key.advertisingRouter = key.linkStateId;
        const ospf::Lsdb::Entry* copy = r1->GetLsdb().Find(key);
        NS_TEST_ASSERT_MSG_NE(copy, nullptr, "R1 has R0's Router-LSA");
        NS_TEST_EXPECT_MSG_EQ(copy->lsa->header.GetSequenceNumber(), own.back().second, "latest");
        Simulator::Destroy();
    }
};

void
RecordSpf(std::vector<Time>* log, uint32_t, Time at)
{
    log->push_back(at);
}

class OspfSpfThrottleTestCase : public TestCase
{
  public:
    OspfSpfThrottleTestCase()
        : TestCase("SPF throttling: the hold doubles up to SpfMaxWait while changes keep coming")
    {
    }

  private:
    void
    DoRun() override
    {
        Net net(2, {{0, 1}});
        OspfHelper helper;
        Ptr<ospf::Protocol> r0 = helper.Install(net.nodes.Get(0));
        helper.Install(net.nodes.Get(1));
        std::vector<Time> runs;
        r0->TraceConnectWithoutContext("SpfRun", MakeBoundCallback(&RecordSpf, &runs));
        // From 30 s (quiet since the adjacency) R0's link flaps every 500 ms.
        const Time start = Seconds(30);
        for (uint32_t k = 0; k < 60; ++k)
        {
            Simulator::Schedule(start + MilliSeconds(500) * k, [&net, k]() {
                if (k % 2 == 0)
                {
                    net.Ip(0)->SetDown(net.If(0, 0));
                }
                else
                {
                    net.Ip(0)->SetUp(net.If(0, 0));
                }
            });
        }
        Simulator::Stop(Seconds(60));
        Simulator::Run();
        // The documented policy (SpfInitialDelay 200 ms, SpfHoldTime 1 s,
        // SpfMaxWait 10 s): the first run 200 ms after the first change, then
        // each run a hold after the previous one, the hold doubling from 1 s
        // and stopping at 10 s: +0.2, +1.2, +3.2, +7.2, +15.2, +25.2.
        std::vector<Time> after;
        for (Time t : runs)
        {
            if (t >= start)
            {
                after.push_back(t - start);
            }
        }
        const std::vector<double> expected{0.2, 1.2, 3.2, 7.2, 15.2, 25.2};
        NS_TEST_ASSERT_MSG_GT_OR_EQ(after.size(), expected.size(), "SPF runs while flapping");
        for (std::size_t i = 0; i < expected.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ_TOL(after[i].GetSeconds(), expected[i], 1e-9, "run " << i);
        }
        Simulator::Destroy();
    }
};

// ------------------------------------------------------------ ring

class OspfRingTestCase : public TestCase
{
  public:
    OspfRingTestCase()
        : TestCase("a ring of five routers: shortest paths, link down and up, silent failure")
    {
    }

  private:
    /// Compares every router's OSPF routes to the link networks it is not on
    /// with the expected ones; returns the number of mismatches.
    uint32_t
    Check(const Net& net,
          const std::vector<Ptr<ospf::Protocol>>& ospf,
          const std::vector<uint32_t>& costs,
          const std::vector<bool>& up,
          const std::vector<bool>& stub,
          const std::string& when)
    {
        uint32_t mismatches = 0;
        const auto expected = ShortestPaths(net, costs, up, stub);
        for (uint32_t s = 0; s < net.nodes.GetN(); ++s)
        {
            for (uint32_t k = 0; k < net.ends.size(); ++k)
            {
                if (net.ends[k].first == s || net.ends[k].second == s)
                {
                    continue;
                }
                const IpvpnRoute* r = FindRoute(ospf[s]->GetRoutes(), Net::Network(k), 24);
                auto it = expected.find({s, k});
                if (it == expected.end())
                {
                    NS_TEST_EXPECT_MSG_EQ(r, nullptr, when << ": R" << s << " no route to l" << k);
                    mismatches += r != nullptr;
                    continue;
                }
                NS_TEST_EXPECT_MSG_NE(r, nullptr, when << ": R" << s << " route to l" << k);
                if (r == nullptr)
                {
                    ++mismatches;
                    continue;
                }
                std::set<std::pair<uint32_t, uint32_t>> hops;
                for (const IpvpnNextHop& h : r->nextHops)
                {
                    hops.insert({h.interface, h.gateway.Get()});
                }
                NS_TEST_EXPECT_MSG_EQ(
                    r->metric, it->second.metric, when << ": R" << s << " metric to l" << k);
                NS_TEST_EXPECT_MSG_EQ((hops == it->second.nextHops),
                                      true,
                                      when << ": R" << s << " next hops to l" << k << ": " << *r);
                mismatches += r->metric != it->second.metric || hops != it->second.nextHops;
            }
        }
        return mismatches;
    }

    void
    DoRun() override
    {
        // R0 -l0- R1 -l1- R2 -l2- R3 -l3- R4 -l4- R0; l4 costs 4, so R0
        // reaches R4 at cost 4 both ways round (ECMP) and R3 through R1, R2.
        Net net(5, {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 0}});
        const std::vector<uint32_t> costs{1, 1, 1, 1, 4};
        OspfHelper helper;
        std::vector<Ptr<ospf::Protocol>> ospf = helper.Install(net.nodes);
        for (uint32_t k = 0; k < net.ends.size(); ++k)
        {
            ospf[net.ends[k].first]->SetInterfaceCost(net.If(net.ends[k].first, k), costs[k]);
            ospf[net.ends[k].second]->SetInterfaceCost(net.If(net.ends[k].second, k), costs[k]);
        }
        std::vector<NeighborChange> log;
        for (auto& p : ospf)
        {
            p->TraceConnectWithoutContext("NeighborStateChange",
                                          MakeBoundCallback(&RecordNeighbor, &log));
        }
        std::vector<Time> spf0;
        ospf[0]->TraceConnectWithoutContext("SpfRun", MakeBoundCallback(&RecordSpf, &spf0));
        Sink sink;
        sink.Open(net.nodes.Get(3));
        const Ipv4Address target = net.Addr(3, 2); // R3 on l2
        const std::vector<bool> all(5, true);
        std::vector<bool> noL1 = all;
        noL1[1] = false;

        uint32_t received = 0;
        auto expectDelivered = [&](uint32_t expected, const std::string& what) {
            NS_TEST_EXPECT_MSG_EQ(sink.received - received, expected, what);
            received = sink.received;
        };
        // Converged (all links).
        Simulator::Schedule(Seconds(20), [&]() {
            Check(net, ospf, costs, all, all, "t=20");
        });
        SendStream(net.nodes.Get(0), target, Seconds(20), Seconds(25));
        Simulator::Schedule(Seconds(26), [&]() {
            expectDelivered(50, "traffic before");
        });
        // l1 down at both ends (as the scenario runner does).
        Simulator::Schedule(Seconds(30), [&]() {
            net.Ip(1)->SetDown(net.If(1, 1));
            net.Ip(2)->SetDown(net.If(2, 1));
        });
        Simulator::Schedule(Seconds(29.9), [&]() {
            received = sink.received;
        });
        Simulator::Schedule(Seconds(32), [&]() {
            Check(net, ospf, costs, noL1, noL1, "l1 down");
        });
        SendStream(net.nodes.Get(0), target, Seconds(32), Seconds(37));
        Simulator::Schedule(Seconds(38), [&]() {
            expectDelivered(50, "traffic after down");
        });
        // l1 up again.
        Simulator::Schedule(Seconds(45), [&]() {
            net.Ip(1)->SetUp(net.If(1, 1));
            net.Ip(2)->SetUp(net.If(2, 1));
        });
        Simulator::Schedule(Seconds(55), [&]() {
            Check(net, ospf, costs, all, all, "l1 up");
        });
        // l1 fails silently at 60 s: nothing it carries arrives.
        const Time silent = Seconds(60);
        Simulator::Schedule(silent, [&]() {
            for (uint32_t node : {1u, 2u})
            {
                Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
                em->SetAttribute("ErrorRate", DoubleValue(1.0));
                em->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
                net.Device(node, 1)->SetAttribute("ReceiveErrorModel", PointerValue(em));
            }
        });
        Simulator::Schedule(Seconds(105), [&]() {
            // The interfaces stay up: l1's subnet is still a stub of R1 and
            // R2, reached through them, not across l1.
            Check(net, ospf, costs, noL1, all, "silent failure");
            received = sink.received;
        });
        SendStream(net.nodes.Get(0), target, Seconds(105), Seconds(110));
        Simulator::Schedule(Seconds(111), [&]() {
            expectDelivered(50, "traffic after failure");
        });
        Simulator::Stop(Seconds(112));
        Simulator::Run();

        // R0's first SPF run after l1 went down: R1 originates its new
        // Router-LSA at once (its last one is older than MinLSInterval), R0
        // installs it one hop (2 ms) later, and after a quiet period SPF waits
        // SpfInitialDelay (200 ms).
        Time firstAfterDown = Seconds(-1);
        for (Time t : spf0)
        {
            if (t >= Seconds(30))
            {
                firstAfterDown = t;
                break;
            }
        }
        std::cout << "R0 SPF after l1 down at " << firstAfterDown.As(Time::S) << std::endl;
        NS_TEST_EXPECT_MSG_GT_OR_EQ(firstAfterDown, Seconds(30.2), "SpfInitialDelay");
        NS_TEST_EXPECT_MSG_LT(firstAfterDown,
                              Seconds(30.2) + 2 * kDelay + MilliSeconds(2),
                              "one hop, then SpfInitialDelay");
        // The neighbor across l1 goes Down when its Inactivity Timer fires:
        // RouterDeadInterval (40 s) after the last Hello that arrived, which
        // left less than HelloInterval (10 s) before the failure (10.2, 10.5).
        for (uint32_t node : {1u, 2u})
        {
            const uint32_t other = node == 1 ? 2 : 1;
            const Time down = FirstEntered(log,
                                           ospf[node]->GetRouterId(),
                                           ospf[other]->GetRouterId(),
                                           NeighborState::DOWN,
                                           silent);
            std::cout << "R" << node << " lost R" << other << " at " << down.As(Time::S)
                      << std::endl;
            NS_TEST_EXPECT_MSG_GT(down, silent + Seconds(30), "not before Dead - Hello");
            NS_TEST_EXPECT_MSG_LT_OR_EQ(
                down, silent + Seconds(40) + kDelay, "not after RouterDeadInterval");
        }
        Simulator::Destroy();
    }
};

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
    }
};

// ------------------------------------------------------------ md5

class OspfMd5TestCase : public TestCase
{
  public:
    explicit OspfMd5TestCase(bool sameKey)
        : TestCase(sameKey ? "keyed MD5, same key: adjacency"
                           : "keyed MD5, different keys: no adjacency, drops counted")
        , m_sameKey(sameKey)
    {
    }

  private:
    void
    DoRun() override
    {
        Net net(2, {{0, 1}});
        OspfHelper a;
        a.Set("AuType", UintegerValue(ospf::AUTYPE_CRYPTOGRAPHIC));
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
            // D.4.3: a digest made with another key does not verify, so every
            // packet the other sent (Hellos only) is dropped for it.
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

class OspfTestSuite : public TestSuite
{
  public:
    OspfTestSuite()
        : TestSuite("ipvpn-ospf", UNIT)
    {
        AddTestCase(new OspfPairTestCase(false), TestCase::QUICK);
        AddTestCase(new OspfOriginationTestCase(), TestCase::QUICK);
        AddTestCase(new OspfSpfThrottleTestCase(), TestCase::QUICK);
        AddTestCase(new OspfRingTestCase(), TestCase::QUICK);
        AddTestCase(new OspfLanTestCase(), TestCase::QUICK);
        AddTestCase(new OspfMd5TestCase(true), TestCase::QUICK);
        AddTestCase(new OspfMd5TestCase(false), TestCase::QUICK);
        AddTestCase(new OspfHelloMismatchTestCase(), TestCase::QUICK);
        AddTestCase(new OspfTwoInstancesTestCase(), TestCase::QUICK);
        AddTestCase(new OspfPairTestCase(true), TestCase::QUICK);
    }
};

OspfTestSuite g_ospfTestSuite;

} // namespace
