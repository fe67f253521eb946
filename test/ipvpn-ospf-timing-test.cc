/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Cases of the ipvpn-ospf suite (registered in ipvpn-ospf-test-suite.cc):
 * timing. Router-LSA origination (MinLSInterval, LSRefreshTime, sequence
 * numbers), retransmission of a lost Link State Update after RxmtInterval,
 * SPF throttling (initial delay, doubling hold up to SpfMaxWait), the
 * Hello jitter drawn from the stream AssignStreams gives, a Database
 * Description refused for its Interface MTU, and FloodPacing.
 */
#include "ipvpn-ospf-test-net.h"

#include "ns3/error-model.h"
#include "ns3/ipv4-address.h"
#include "ns3/node-container.h"
#include "ns3/ospf-helper.h"
#include "ns3/ospf-protocol.h"
#include "ns3/packet.h"
#include "ns3/point-to-point-net-device.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/test.h"

#include <cstdint>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace ospftest
{
namespace
{

// ------------------------------------------------------------ retransmission

/// Drops the first OSPF Link State Update received after `from`; the frame
/// is PPP (2 octets), then IPv4 (20), then the OSPF header (type at 1).
class DropOneUpdate : public ErrorModel
{
  public:
    Time from;
    uint32_t dropped = 0;

  private:
    bool
    DoCorrupt(Ptr<Packet> p) override
    {
        uint8_t b[24] = {};
        if (dropped > 0 || Simulator::Now() < from || p->GetSize() < sizeof(b))
        {
            return false;
        }
        p->CopyData(b, sizeof(b));
        if (b[2 + 9] == ospf::OSPF_PROTOCOL_NUMBER &&
            b[2 + 20 + 1] == ospf::PACKET_LINK_STATE_UPDATE)
        {
            ++dropped;
            return true;
        }
        return false;
    }

    void
    DoReset() override
    {
    }
};

void
RecordInstall(std::vector<std::pair<Time, ospf::LsaHeader>>* log,
              const ospf::LsaHeader& header,
              bool)
{
    log->emplace_back(Simulator::Now(), header);
}

class OspfRetransmissionTestCase : public TestCase
{
  public:
    OspfRetransmissionTestCase()
        : TestCase("a lost Link State Update is retransmitted after RxmtInterval")
    {
    }

  private:
    void
    DoRun() override
    {
        Net net(4, {{0, 1}, {0, 2}, {1, 3}});
        OspfHelper helper;
        Ptr<ospf::Protocol> r0 = helper.Install(net.nodes.Get(0));
        Ptr<ospf::Protocol> r1 = helper.Install(net.nodes.Get(1));
        Ptr<DropOneUpdate> loss = CreateObject<DropOneUpdate>();
        const Time change = Seconds(20.5);
        loss->from = change;
        net.Device(1, 0)->SetAttribute("ReceiveErrorModel", PointerValue(loss));
        std::vector<std::pair<Time, ospf::LsaHeader>> installed;
        r1->TraceConnectWithoutContext("LsaInstalled",
                                       MakeBoundCallback(&RecordInstall, &installed));
        std::map<uint32_t, uint64_t> updates;
        // R0's stub interface gets another cost: a new Router-LSA (12.4).
        Simulator::Schedule(change, [&]() {
            r0->SetInterfaceCost(net.If(0, 1), 5);
        });
        r0->TraceConnectWithoutContext("Tx",
                                       MakeBoundCallback(
                                           +[](std::map<uint32_t, uint64_t>* count,
                                               uint8_t type,
                                               uint32_t,
                                               uint32_t interface,
                                               Ptr<const Packet>) {
                                               if (type == ospf::PACKET_LINK_STATE_UPDATE &&
                                                   Simulator::Now() >= Seconds(20.5))
                                               {
                                                   (*count)[interface] += 1;
                                               }
                                           },
                                           &updates));
        Simulator::Stop(Seconds(40));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(loss->dropped, 1u, "one update lost");
        Time at = Seconds(-1);
        for (const auto& [t, header] : installed)
        {
            if (t >= change && header.GetType() == ospf::LS_ROUTER &&
                header.GetAdvertisingRouter() == r0->GetRouterId())
            {
                at = t;
                break;
            }
        }
        // 13.6: unacknowledged, the LSA goes again RxmtInterval (5 s) after
        // it was flooded (an event at the due time, not the one-second tick).
        std::cout << "retransmitted update installed at " << at.As(Time::S) << std::endl;
        NS_TEST_EXPECT_MSG_GT_OR_EQ(at, change + Seconds(5), "not before RxmtInterval");
        NS_TEST_EXPECT_MSG_LT(at, change + Seconds(5) + MilliSeconds(10), "at RxmtInterval");
        // The flood and one retransmission: R1's acknowledgment stops it.
        NS_TEST_EXPECT_MSG_EQ(updates[net.If(0, 0)], 2u, "updates sent to R1");
        const IpvpnRoute* to2 = FindRoute(r1->GetRoutes(), Ipv4Address("10.0.2.0"), 24);
        NS_TEST_ASSERT_MSG_NE(to2, nullptr, "R1's route to R0's stub");
        NS_TEST_EXPECT_MSG_EQ(to2->metric, 6u, "1 to R0, then the new cost 5");
        Simulator::Destroy();
    }
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

} // namespace

TestCase*
MakeOriginationTestCase()
{
    return new OspfOriginationTestCase();
}

// ------------------------------------------------------------ streams

/// When each router of a pair sent its first Hello, with the instances'
/// streams fixed from `stream`.
std::vector<Time>
FirstHellos(int64_t stream)
{
    Net net(2, {{0, 1}});
    OspfHelper helper;
    std::vector<Ptr<ospf::Protocol>> instances = helper.Install(net.nodes);
    const int64_t used = OspfHelper::AssignStreams(net.nodes, stream);
    std::vector<Time> first(instances.size(), Seconds(-1));
    for (size_t i = 0; i < instances.size(); ++i)
    {
        instances[i]->TraceConnectWithoutContext(
            "Tx",
            Callback<void, uint8_t, uint32_t, uint32_t, Ptr<const Packet>>(
                [&first, i](uint8_t type, uint32_t, uint32_t, Ptr<const Packet>) {
                    if (type == ospf::PACKET_HELLO && first[i].IsNegative())
                    {
                        first[i] = Simulator::Now();
                    }
                }));
    }
    Simulator::Stop(MilliSeconds(150));
    Simulator::Run();
    Simulator::Destroy();
    first.push_back(Seconds(used)); // the count of streams, for the test
    return first;
}

class OspfStreamsTestCase : public TestCase
{
  public:
    OspfStreamsTestCase()
        : TestCase("AssignStreams fixes the Hello jitter: same stream, same first Hellos")
    {
    }

  private:
    void
    DoRun() override
    {
        const std::vector<Time> a = FirstHellos(100);
        const std::vector<Time> b = FirstHellos(100);
        const std::vector<Time> c = FirstHellos(200);
        NS_TEST_ASSERT_MSG_EQ(a.size(), 3u, "two routers and the stream count");
        NS_TEST_EXPECT_MSG_EQ(a[2], Seconds(2), "one stream per instance");
        for (size_t i = 0; i < 2; ++i)
        {
            // A Hello goes out within HelloJitter (100 ms) of the start;
            // the first may also be the answer to the other's Hello.
            NS_TEST_EXPECT_MSG_GT_OR_EQ(a[i], Seconds(0), "router " << i << " sent a Hello");
            NS_TEST_EXPECT_MSG_LT(a[i], MilliSeconds(100), "router " << i);
            NS_TEST_EXPECT_MSG_EQ(a[i], b[i], "router " << i << ": the same stream repeats");
        }
        // Another stream draws other jitters (a tie has probability ~0).
        NS_TEST_EXPECT_MSG_EQ((a[0] != c[0] || a[1] != c[1]), true, "another stream differs");
    }
};

// ------------------------------------------------------------ MTU mismatch

class OspfMtuMismatchTestCase : public TestCase
{
  public:
    OspfMtuMismatchTestCase()
        : TestCase("an Interface MTU above the receiver's keeps the pair out of Full (10.6)")
    {
    }

  private:
    void
    DoRun() override
    {
        Net net(2, {{0, 1}});
        // R1's end of the link takes 9000-octet datagrams, R0's 1500.
        DynamicCast<PointToPointNetDevice>(net.Device(1, 0))->SetMtu(9000);
        OspfHelper helper;
        std::vector<Ptr<ospf::Protocol>> r = helper.Install(net.nodes);
        std::vector<NeighborChange> log;
        for (const Ptr<ospf::Protocol>& instance : r)
        {
            instance->TraceConnectWithoutContext("NeighborStateChange",
                                                 MakeBoundCallback(&RecordNeighbor, &log));
        }
        Simulator::Stop(Seconds(30));
        Simulator::Run();
        const Ipv4Address id0 = r[0]->GetRouterId();
        const Ipv4Address id1 = r[1]->GetRouterId();
        // 10.6: a DD whose Interface MTU exceeds what the receiving
        // interface accepts is rejected. R0 refuses every DD of R1 (each
        // retransmission after RxmtInterval, 5 s, again) and never leaves
        // ExStart; R1 accepts R0's 1500 but gets no answer it can use.
        NS_TEST_EXPECT_MSG_GT(r[0]->GetCounters().Drops(ospf::DropReason::DD_REJECTED),
                              1u,
                              "R0 refuses R1's DDs, retransmissions included");
        NS_TEST_EXPECT_MSG_EQ(r[1]->GetCounters().Drops(ospf::DropReason::DD_REJECTED),
                              0u,
                              "R1 accepts R0's smaller MTU");
        NS_TEST_EXPECT_MSG_GT(FirstEntered(log, id0, id1, NeighborState::EX_START),
                              Seconds(0),
                              "R0 reaches ExStart");
        NS_TEST_EXPECT_MSG_EQ(FirstEntered(log, id0, id1, NeighborState::EXCHANGE),
                              Seconds(-1),
                              "R0 never reaches Exchange");
        NS_TEST_EXPECT_MSG_EQ(FirstEntered(log, id0, id1, NeighborState::FULL),
                              Seconds(-1),
                              "R0 never Full");
        NS_TEST_EXPECT_MSG_EQ(FirstEntered(log, id1, id0, NeighborState::FULL),
                              Seconds(-1),
                              "R1 never Full");
        Simulator::Destroy();
    }
};

// ------------------------------------------------------------ flood pacing

/// What one run of the pacing test saw.
struct PacingRun
{
    std::map<uint32_t, std::vector<Time>> updateTimes; ///< Link State Updates sent, by router
    uint64_t hubWave = 0;                              ///< the hub's updates in [10 s, 11 s)
    std::vector<std::string> routes;                   ///< every router's, as text
    std::vector<std::map<std::string, int32_t>> lsdbs; ///< LSA key -> sequence number
};

class OspfFloodPacingTestCase : public TestCase
{
    static constexpr uint32_t kLeaves = 6;

  public:
    OspfFloodPacingTestCase()
        : TestCase("FloodPacing bundles Link State Updates: sendings at least the pacing apart, "
                   "11 packets for 30, the same databases and routes")
    {
    }

  private:
    /// A hub (router 0) with kLeaves leaves, RFC timers. From 10 s, leaf k
    /// changes its link's cost at 10 s + (k - 1) x 10 ms: a new Router-LSA
    /// each, which the hub floods to the other leaves.
    static PacingRun
    Run(Time pacing)
    {
        std::vector<std::pair<uint32_t, uint32_t>> pairs;
        for (uint32_t leaf = 1; leaf <= kLeaves; ++leaf)
        {
            pairs.emplace_back(0, leaf);
        }
        Net net(kLeaves + 1, pairs);
        OspfHelper helper;
        helper.Set("FloodPacing", TimeValue(pacing));
        std::vector<Ptr<ospf::Protocol>> ospf = helper.Install(net.nodes);
        PacingRun run;
        for (uint32_t r = 0; r < ospf.size(); ++r)
        {
            ospf[r]->TraceConnectWithoutContext(
                "Tx",
                Callback<void, uint8_t, uint32_t, uint32_t, Ptr<const Packet>>(
                    [&run, r](uint8_t type, uint32_t, uint32_t, Ptr<const Packet>) {
                        if (type != ospf::PACKET_LINK_STATE_UPDATE)
                        {
                            return;
                        }
                        const Time now = Simulator::Now();
                        run.updateTimes[r].push_back(now);
                        run.hubWave += r == 0 && now >= Seconds(10) && now < Seconds(11) ? 1 : 0;
                    }));
        }
        for (uint32_t leaf = 1; leaf <= kLeaves; ++leaf)
        {
            Simulator::Schedule(Seconds(10) + MilliSeconds(10) * (leaf - 1), [&net, &ospf, leaf]() {
                ospf[leaf]->SetInterfaceCost(net.If(leaf, leaf - 1), 5);
            });
        }
        Simulator::Stop(Seconds(20));
        Simulator::Run();
        for (const Ptr<ospf::Protocol>& instance : ospf)
        {
            std::ostringstream text;
            for (const IpvpnRoute& route : instance->GetRoutes())
            {
                text << route << ";";
            }
            run.routes.push_back(text.str());
            std::map<std::string, int32_t> lsdb;
            for (const auto& [key, entry] : instance->GetLsdb())
            {
                std::ostringstream k;
                k << int(key.type) << "/" << key.linkStateId << "/" << key.advertisingRouter;
                lsdb[k.str()] = entry.lsa->header.GetSequenceNumber();
            }
            run.lsdbs.push_back(lsdb);
        }
        Simulator::Destroy();
        return run;
    }

    void
    DoRun() override
    {
        const PacingRun atOnce = Run(Seconds(0));
        const Time pacing = MilliSeconds(100);
        const PacingRun paced = Run(pacing);

        // Every router sends its queued updates no sooner than the pacing
        // after its previous sending (one sending is a packet per
        // interface, at one instant).
        for (const auto& [router, times] : paced.updateTimes)
        {
            for (size_t i = 1; i < times.size(); ++i)
            {
                const Time gap = times[i] - times[i - 1];
                NS_TEST_EXPECT_MSG_EQ((gap.IsZero() || gap >= pacing),
                                      true,
                                      "R" << router << ": updates " << gap.As(Time::MS)
                                          << " apart at " << times[i].As(Time::S));
            }
        }
        // 13.3: the hub floods each leaf's new LSA to the other five leaves
        // as it comes: 6 x 5 packets. Paced, the first goes at once (the
        // hub's last sending was seconds before) and the other five, which
        // come within 100 ms of it, wait for one sending to all six leaves.
        NS_TEST_EXPECT_MSG_EQ(
            atOnce.hubWave, kLeaves * (kLeaves - 1), "one update per LSA and leaf");
        NS_TEST_EXPECT_MSG_EQ(paced.hubWave, (kLeaves - 1) + kLeaves, "two sendings");
        // The protocol's outcome is the same: every database holds the same
        // instances, every router the same routes.
        NS_TEST_ASSERT_MSG_EQ(paced.lsdbs.size(), kLeaves + 1, "every router");
        for (size_t r = 0; r < paced.lsdbs.size(); ++r)
        {
            NS_TEST_EXPECT_MSG_EQ(
                paced.lsdbs[r].size(), kLeaves + 1, "R" << r << ": a Router-LSA each");
            NS_TEST_EXPECT_MSG_EQ(
                (paced.lsdbs[r] == atOnce.lsdbs[r]), true, "R" << r << "'s database");
            NS_TEST_EXPECT_MSG_EQ(paced.routes[r], atOnce.routes[r], "R" << r << "'s routes");
        }
    }
};

TestCase*
MakeMtuMismatchTestCase()
{
    return new OspfMtuMismatchTestCase();
}

TestCase*
MakeStreamsTestCase()
{
    return new OspfStreamsTestCase();
}

TestCase*
MakeRetransmissionTestCase()
{
    return new OspfRetransmissionTestCase();
}

TestCase*
MakeSpfThrottleTestCase()
{
    return new OspfSpfThrottleTestCase();
}

TestCase*
MakeFloodPacingTestCase()
{
    return new OspfFloodPacingTestCase();
}

} // namespace ospftest
