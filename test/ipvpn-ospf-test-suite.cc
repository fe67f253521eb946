/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ospf::Protocol in simulation (RFC 2328), every node routed by
 * IpvpnRoutingProtocol (IpvpnRoutingHelper), OSPF installed by OspfHelper.
 * Expected values come from the RFC's timers and rules (and, for routes,
 * from Floyd-Warshall over the topology), never from a run:
 *
 *  - pair     two routers on a point-to-point link, each with a stub link
 *    to a host: Full right after the first Hellos, both Router-LSAs in
 *    both databases, routes to the other's stub network and loopback.
 *  - ring     five routers in a ring with costs: every router's OSPF routes
 *    are the shortest paths, UDP crosses the ring; a link set down and up
 *    again, then failing silently (a receive error model dropping
 *    everything): routes follow, traffic recovers, the silent neighbor goes
 *    Down within RouterDeadInterval.
 *  - grid     10x10 and a late router: several DD packets, Updates packed
 *    to the MTU, shortest paths at every router.
 *  - random   20 routers with costs, three links failing and returning.
 *  - pcap     the pair's capture decodes in Wireshark's OSPF dissector.
 * In ipvpn-ospf-timing-test.cc (registered after pair):
 *  - origination: MinLSInterval between instances, refresh every
 *    LSRefreshTime, sequence numbers one apart (12.4, 12.1.6).
 *  - retransmission: a lost Update goes again after RxmtInterval (13.6).
 *  - SPF throttling: the documented initial delay and doubling hold.
 *  - streams: AssignStreams fixes the Hello jitter.
 *  - MTU mismatch: DDs announcing a larger Interface MTU are refused (10.6).
 * In ipvpn-ospf-lan-test.cc:
 *  - lan      four routers on one CSMA segment, priorities 1, 1, 1, 0: the
 *    election after the Wait Timer, the DR's Network-LSA, Full and 2-Way,
 *    routes across the transit network, the DR falling silent and the BDR
 *    taking over; the capture decodes in Wireshark.
 *  - authentication: keyed MD5 (D.4.3) and simple password (D.4.2): same
 *    key Full, other keys no adjacency and every Hello dropped for it.
 *  - a HelloInterval mismatch (10.5): every Hello dropped.
 *  - two instances on one node, each on its own interface with its own
 *    route sink: neither sees the other's routes or packets.
 *
 * Interface numbers: 0 is the loopback, then one per device in the order
 * the links are made.
 */
#include "ipvpn-ospf-test-net.h"
#include "ipvpn-pcap-check.h"

#include "ns3/boolean.h"
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
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace ospftest
{
namespace
{

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

// ------------------------------------------------------------ ring

class OspfRingTestCase : public TestCase
{
  public:
    OspfRingTestCase()
        : TestCase("a ring of five routers: shortest paths, link down and up, silent failure")
    {
    }

  protected:
    explicit OspfRingTestCase(const std::string& name)
        : TestCase(name)
    {
    }

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

  private:
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

// ------------------------------------------------------------ grid

class OspfGridTestCase : public OspfRingTestCase
{
  public:
    OspfGridTestCase()
        : OspfRingTestCase("a 10x10 grid and a late router: database exchange over several "
                           "DD and LSU packets, shortest paths everywhere")
    {
    }

  private:
    void
    DoRun() override
    {
        // Routers 0..99 in a 10x10 grid (link networks 10.0.1.0 ..), router
        // 100 joined to router 0 and started at 30 s: its neighbor describes
        // 100 Router-LSAs, more than one Database Description packet holds
        // at a 1500-octet MTU ((1500 - 20 - 24 - 8 - 16) / 20 = 71 headers).
        const uint32_t side = 10;
        std::vector<std::pair<uint32_t, uint32_t>> pairs;
        for (uint32_t r = 0; r < side; ++r)
        {
            for (uint32_t c = 0; c < side; ++c)
            {
                if (c + 1 < side)
                {
                    pairs.emplace_back(r * side + c, r * side + c + 1);
                }
                if (r + 1 < side)
                {
                    pairs.emplace_back(r * side + c, (r + 1) * side + c);
                }
            }
        }
        pairs.emplace_back(0, side * side);
        // Link networks 10.0.k.0 would run out at k = 255: use 10.<k/250>...
        // by keeping the link count below 255.
        NS_TEST_ASSERT_MSG_LT(pairs.size(), 255u, "addressing");
        Net net(side * side + 1, pairs);
        OspfHelper helper;
        std::vector<Ptr<ospf::Protocol>> ospf;
        for (uint32_t i = 0; i < side * side; ++i)
        {
            ospf.push_back(helper.Install(net.nodes.Get(i)));
        }
        OspfHelper late;
        late.SetStartTime(Seconds(30));
        ospf.push_back(late.Install(net.nodes.Get(side * side)));
        uint32_t largest = 0;
        ospf[side * side]->TraceConnectWithoutContext(
            "Rx",
            MakeBoundCallback(
                +[](uint32_t* max, uint8_t, uint32_t size, uint32_t, Ptr<const Packet>) {
                    *max = std::max(*max, size);
                },
                &largest));
        Simulator::Stop(Seconds(45));
        Simulator::Run();

        const std::vector<uint32_t> costs(pairs.size(), 1);
        const std::vector<bool> all(pairs.size(), true);
        NS_TEST_EXPECT_MSG_EQ(ospf[side * side]->GetLsdb().GetN(), side * side + 1, "all LSAs");
        // Router 0 describes 100 headers: the ExStart packet, then at least
        // two more. The 100 LSAs (about 120 octets each: up to 4 point-to-
        // point and 4 stub links) need at least 9 Updates of at most 1432
        // octets of LSAs, and no OSPF packet exceeds the MTU less the IP
        // header.
        const ospf::ProtocolCounters& c = ospf[side * side]->GetCounters();
        NS_TEST_EXPECT_MSG_GT_OR_EQ(
            c.packetsReceived[ospf::PACKET_DATABASE_DESCRIPTION], 3u, "DD packets from router 0");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(
            c.packetsReceived[ospf::PACKET_LINK_STATE_UPDATE], 9u, "Updates");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(largest, 1500u - 20u, "packed up to the MTU");
        NS_TEST_EXPECT_MSG_GT(largest, 1000u, "packed, not one LSA per Update");
        std::cout << "late router: " << c.packetsReceived[ospf::PACKET_DATABASE_DESCRIPTION]
                  << " DD, " << c.packetsReceived[ospf::PACKET_LINK_STATE_UPDATE]
                  << " LSU received, largest packet " << largest << " octets" << std::endl;
        NS_TEST_EXPECT_MSG_EQ(Check(net, ospf, costs, all, all, "grid"), 0u, "shortest paths");
        Simulator::Destroy();
    }
};

// ------------------------------------------------------------ random

class OspfRandomTestCase : public OspfRingTestCase
{
  public:
    OspfRandomTestCase()
        : OspfRingTestCase("a random 20-router topology with costs: shortest paths before, "
                           "during and after three link failures")
    {
    }

  private:
    void
    DoRun() override
    {
        // A spanning chain (connected) plus random chords, costs 1..10, from
        // a fixed seed: the expected routes come from Floyd-Warshall.
        std::mt19937 rng(20260101);
        const uint32_t n = 20;
        std::vector<std::pair<uint32_t, uint32_t>> pairs;
        std::set<std::pair<uint32_t, uint32_t>> seen;
        for (uint32_t i = 1; i < n; ++i)
        {
            const uint32_t j = std::uniform_int_distribution<uint32_t>(0, i - 1)(rng);
            pairs.emplace_back(j, i);
            seen.insert({j, i});
        }
        while (pairs.size() < 35)
        {
            uint32_t a = std::uniform_int_distribution<uint32_t>(0, n - 1)(rng);
            uint32_t b = std::uniform_int_distribution<uint32_t>(0, n - 1)(rng);
            if (a > b)
            {
                std::swap(a, b);
            }
            if (a != b && seen.insert({a, b}).second)
            {
                pairs.emplace_back(a, b);
            }
        }
        std::vector<uint32_t> costs;
        for (std::size_t k = 0; k < pairs.size(); ++k)
        {
            costs.push_back(std::uniform_int_distribution<uint32_t>(1, 10)(rng));
        }
        Net net(n, pairs);
        OspfHelper helper;
        std::vector<Ptr<ospf::Protocol>> ospf = helper.Install(net.nodes);
        for (uint32_t k = 0; k < pairs.size(); ++k)
        {
            ospf[pairs[k].first]->SetInterfaceCost(net.If(pairs[k].first, k), costs[k]);
            ospf[pairs[k].second]->SetInterfaceCost(net.If(pairs[k].second, k), costs[k]);
        }
        const std::vector<bool> all(pairs.size(), true);
        std::vector<bool> some = all;
        const std::vector<uint32_t> failed{20, 25, 30}; // chords: the graph stays connected
        for (uint32_t k : failed)
        {
            some[k] = false;
        }
        Simulator::Schedule(Seconds(30), [&]() {
            NS_TEST_EXPECT_MSG_EQ(Check(net, ospf, costs, all, all, "before"), 0u, "before");
            for (uint32_t k : failed)
            {
                net.Ip(pairs[k].first)->SetDown(net.If(pairs[k].first, k));
                net.Ip(pairs[k].second)->SetDown(net.If(pairs[k].second, k));
            }
        });
        // Reconverged: the new Router-LSAs flood at once (the last ones are
        // older than MinLSInterval), SPF waits its initial delay.
        Simulator::Schedule(Seconds(33), [&]() {
            NS_TEST_EXPECT_MSG_EQ(Check(net, ospf, costs, some, some, "failed"), 0u, "failed");
            for (uint32_t k : failed)
            {
                net.Ip(pairs[k].first)->SetUp(net.If(pairs[k].first, k));
                net.Ip(pairs[k].second)->SetUp(net.If(pairs[k].second, k));
            }
        });
        Simulator::Schedule(Seconds(50), [&]() {
            NS_TEST_EXPECT_MSG_EQ(Check(net, ospf, costs, all, all, "restored"), 0u, "restored");
        });
        Simulator::Stop(Seconds(51));
        Simulator::Run();
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
        AddTestCase(MakeOriginationTestCase(), TestCase::QUICK);
        AddTestCase(MakeRetransmissionTestCase(), TestCase::QUICK);
        AddTestCase(MakeSpfThrottleTestCase(), TestCase::QUICK);
        AddTestCase(MakeStreamsTestCase(), TestCase::QUICK);
        AddTestCase(MakeMtuMismatchTestCase(), TestCase::QUICK);
        AddTestCase(MakeFloodPacingTestCase(), TestCase::QUICK);
        AddTestCase(new OspfRingTestCase(), TestCase::QUICK);
        AddTestCase(new OspfGridTestCase(), TestCase::QUICK);
        AddTestCase(new OspfRandomTestCase(), TestCase::QUICK);
        AddTestCase(MakeLanTestCase(), TestCase::QUICK);
        AddTestCase(MakeAuthenticationTestCase(ospf::AUTYPE_CRYPTOGRAPHIC, true), TestCase::QUICK);
        AddTestCase(MakeAuthenticationTestCase(ospf::AUTYPE_CRYPTOGRAPHIC, false), TestCase::QUICK);
        AddTestCase(MakeAuthenticationTestCase(ospf::AUTYPE_SIMPLE, true), TestCase::QUICK);
        AddTestCase(MakeAuthenticationTestCase(ospf::AUTYPE_SIMPLE, false), TestCase::QUICK);
        AddTestCase(MakeInterfaceAuthenticationTestCase(), TestCase::QUICK);
        AddTestCase(MakeHelloMismatchTestCase(), TestCase::QUICK);
        AddTestCase(MakeTwoInstancesTestCase(), TestCase::QUICK);
        AddTestCase(new OspfPairTestCase(true), TestCase::QUICK);
    }
};

OspfTestSuite g_ospfTestSuite;

} // namespace
} // namespace ospftest
