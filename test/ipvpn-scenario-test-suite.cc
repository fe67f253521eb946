/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * End-to-end runs of small scenarios in the simulator. Expected values come
 * from the physics of the scenario (rates, sizes, propagation delays) or from
 * RFC 1071 (checksums), never from an earlier run of the code.
 */
#include "ipvpn-scenario-test-util.h"

#include "ns3/abort.h"
#include "ns3/pcap-file.h"
#include "ns3/trace-helper.h"
#include "ns3/scenario-loader.h"
#include "ns3/scenario-runner.h"
#include "ns3/test.h"

#include <fmt/format.h>

#include <cmath>
#include <fstream>

using namespace ns3;
using namespace ns3::scenario;

namespace
{

/// Loads inline YAML; the test fails with the loader's messages if invalid.
Scenario
Load(const std::string& yaml, const std::string& outFolder)
{
    return ipvpntest::LoadInline(yaml, outFolder);
}

/// Packets an ns3::OnOffApplication sends at a constant rate in a window:
/// one every packet interval T after the start, the last strictly before the
/// stop (the stop event was scheduled first and wins a tie).
uint64_t
CbrPackets(double seconds, double bps, uint32_t size)
{
    const auto windowNs = static_cast<int64_t>(std::llround(seconds * 1e9));
    const auto intervalNs = static_cast<int64_t>(std::llround(size * 8.0 / bps * 1e9));
    return static_cast<uint64_t>((windowNs - 1) / intervalNs);
}

/// RFC 1071 Internet checksum over a buffer; 0 means a header verifies.
uint16_t
InternetChecksum(const uint8_t* data, size_t len)
{
    uint32_t sum = 0;
    for (size_t i = 0; i + 1 < len; i += 2)
    {
        sum += (data[i] << 8) | data[i + 1];
    }
    if (len % 2)
    {
        sum += data[len - 1] << 8;
    }
    while (sum >> 16)
    {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return static_cast<uint16_t>(~sum);
}

const char* kFig3 = R"(
schema_version: 1
simulation: {stop: 10s}
nodes:
  - {name: A1, kind: host}
  - {name: R10}
  - {name: X}
  - {name: Y}
  - {name: R20}
  - {name: A3, kind: host}
addressing: {pools: [{name: core, prefix: 172.16.0.0/16}]}
links:
  - name: site-A1
    type: csma
    endpoints: [{node: A1, address: 192.168.1.10/24}, {node: R10, address: 192.168.1.1/24}]
    data_rate: 100Mbps
    delay: 50us
  - {endpoints: [R10, X], data_rate: 1Gbps, delay: 2ms}
  - {endpoints: [X, Y], data_rate: 1Gbps, delay: 5ms}
  - {endpoints: [Y, R20], data_rate: 1Gbps, delay: 2ms}
  - name: site-A3
    type: csma
    endpoints: [{node: A3, address: 192.168.3.10/24}, {node: R20, address: 192.168.3.1/24}]
    data_rate: 100Mbps
    delay: 50us
# The runner's own checks, on ns-3 global routing (its tables complete at
# 0 s); the OSPF core has the ipvpn-ospf suite and the shipped scenarios.
routing: {core: global}
traffic:
  - {name: cbr, type: udp-cbr, from: A1, to: A3, start: 1s, stop: 9s, rate: 1Mbps, size: 512}
  - {name: ping, type: ping, from: A1, to: A3, start: 1.5s, stop: 9s, interval: 1s}
outputs: {pcap: all}
)";

/// Fig. 3 path: everything sent arrives, no faster than light allows.
class Fig3DeliveryTest : public TestCase
{
  public:
    Fig3DeliveryTest()
        : TestCase("Fig. 3 path delivers the UDP flow and the pings with physical delays")
    {
    }

  private:
    void DoRun() override
    {
        Scenario s = Load(kFig3, CreateTempDirFilename("fig3"));
        RunResults r = RunScenario(s);

        const auto& cbr = r.flows[0].stats;
        NS_TEST_ASSERT_MSG_EQ(cbr.txPackets, CbrPackets(8.0, 1e6, 512), "CBR packet count");
        NS_TEST_ASSERT_MSG_EQ(cbr.rxPackets, cbr.txPackets, "every CBR packet arrives");
        // Propagation alone: 50 us + 2 ms + 5 ms + 2 ms + 50 us.
        const double propagationNs = 9.1e6;
        // Serialisation of a 512-byte payload: 558-byte Ethernet frames at
        // 100 Mb/s twice, 542-byte PPP frames at 1 Gb/s three times.
        const double serialisationNs = 2 * 558 * 8 / 100e6 * 1e9 + 3 * 542 * 8 / 1e9 * 1e9;
        NS_TEST_ASSERT_MSG_GT_OR_EQ(cbr.minDelayNs + 1,
                                    propagationNs + serialisationNs,
                                    "no packet beats propagation plus serialisation");
        NS_TEST_ASSERT_MSG_LT(cbr.MeanDelayNs(),
                              propagationNs + serialisationNs + 0.5e6,
                              "an idle path adds little queueing");

        const auto& ping = r.flows[1].stats;
        NS_TEST_ASSERT_MSG_EQ(ping.txPackets, 8u, "pings at 1.5, 2.5, ..., 8.5 s");
        NS_TEST_ASSERT_MSG_EQ(ping.rxPackets, 8u, "every ping is answered");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(ping.minDelayNs, 2 * propagationNs, "RTT covers both ways");

        std::vector<std::string> path{"A1", "R10", "X", "Y", "R20", "A3"};
        NS_TEST_ASSERT_MSG_EQ((r.flows[0].oraclePath == path), true, "oracle path is Fig. 3's");
        NS_TEST_ASSERT_MSG_EQ(r.flows[0].destination, "192.168.3.10", "flow targets A3");
        NS_TEST_ASSERT_MSG_GT(r.eventsProcessed, 0u, "events counted");

        CheckPcaps(r);
    }

    /// Every interface wrote a capture with the right link type whose IPv4
    /// headers carry valid checksums (ns-3 writes zeros unless enabled).
    void CheckPcaps(const RunResults& r)
    {
        NS_TEST_ASSERT_MSG_EQ(r.interfaces.size(), 10u, "two interfaces per link");
        for (const auto& intf : r.interfaces)
        {
            NS_TEST_ASSERT_MSG_EQ(intf.pcapFile.empty(), false, "pcap enabled for " + intf.node);
            std::string base = intf.pcapFile.substr(intf.pcapFile.find_last_of('/') + 1);
            NS_TEST_ASSERT_MSG_EQ(base, intf.node + "-" + intf.link + ".pcap", "pcap name");

            PcapFile pcap;
            pcap.Open(intf.pcapFile, std::ios::in);
            NS_TEST_ASSERT_MSG_EQ(pcap.Fail(), false, "pcap opens: " + intf.pcapFile);
            const bool ethernet = intf.link.rfind("site-", 0) == 0;
            const uint32_t expectedLinkType =
                ethernet ? PcapHelper::DLT_EN10MB : PcapHelper::DLT_PPP;
            NS_TEST_ASSERT_MSG_EQ(pcap.GetDataLinkType(),
                                  expectedLinkType,
                                  "link type of " + intf.pcapFile);
            uint8_t frame[65536];
            uint32_t sec, usec, inclLen, origLen, readLen;
            uint32_t ipPackets = 0;
            while (true)
            {
                pcap.Read(frame, sizeof(frame), sec, usec, inclLen, origLen, readLen);
                if (pcap.Eof() || pcap.Fail())
                {
                    break;
                }
                // ns-3 PPP captures carry the 2-byte protocol field only.
                size_t offset = ethernet ? 14 : 2;
                uint16_t proto = ethernet ? (frame[12] << 8 | frame[13]) : (frame[0] << 8 | frame[1]);
                if (proto != (ethernet ? 0x0800 : 0x0021))
                {
                    continue; // ARP
                }
                const size_t ihl = (frame[offset] & 0x0f) * 4;
                NS_TEST_ASSERT_MSG_EQ(InternetChecksum(frame + offset, ihl),
                                      0,
                                      "IPv4 header checksum in " + intf.pcapFile);
                ++ipPackets;
            }
            NS_TEST_ASSERT_MSG_GT(ipPackets, 0u, "IPv4 traffic captured in " + intf.pcapFile);
        }
    }
};

const char* kSquare = R"(
schema_version: 1
simulation: {stop: 10s}
nodes:
  - {name: H1, kind: host}
  - {name: R1}
  - {name: R2}
  - {name: R3}
  - {name: R4}
  - {name: H3, kind: host}
addressing: {pools: [{name: p, prefix: 10.0.0.0/16}]}
links:
  - {endpoints: [H1, R1], delay: 1ms}
  - {name: a, endpoints: [R1, R2], delay: 1ms}
  - {name: b, endpoints: [R2, R3], delay: 1ms}
  - {name: c, endpoints: [R1, R4], delay: 10ms, metric: 5}
  - {name: d, endpoints: [R4, R3], delay: 10ms, metric: 5}
  - {endpoints: [R3, H3], delay: 1ms}
routing: {core: global}
traffic:
  - {name: cbr, type: udp-cbr, from: H1, to: H3, start: 1s, stop: 9s, rate: 800kbps, size: 1000}
outputs: {message_trace: false, interval: 100ms}
)";

/// Square: a failed link moves the flow onto the longer side and back.
class FailoverTest : public TestCase
{
  public:
    FailoverTest()
        : TestCase("link failure with an alternate path: traffic moves over and back")
    {
    }

  private:
    void DoRun() override
    {
        std::string yaml = std::string(kSquare) + R"(
events:
  - {at: 4s, action: link-down, link: b}
  - {at: 6s, action: link-up, link: b}
)";
        Scenario s = Load(yaml, CreateTempDirFilename("square"));
        RunResults r = RunScenario(s);
        const auto& f = r.flows[0].stats;

        NS_TEST_ASSERT_MSG_EQ(r.events.size(), 2u, "both events applied");
        NS_TEST_ASSERT_MSG_EQ(r.events[0].atNs, 4'000'000'000, "down at 4 s");
        NS_TEST_ASSERT_MSG_EQ(r.events[1].atNs, 6'000'000'000, "up at 6 s");
        // 100 packets/s; routes are recomputed at once, so only the packets
        // on the failed hop at that instant can be lost.
        NS_TEST_ASSERT_MSG_EQ(f.txPackets, CbrPackets(8.0, 800e3, 1000), "sent");
        NS_TEST_ASSERT_MSG_LT_OR_EQ(f.Lost(), 2u, "at most the packets on the cut link");
        // While b is down the flow takes R1-R4-R3: 1+10+10+1 ms at least.
        NS_TEST_ASSERT_MSG_GT_OR_EQ(f.maxDelayNs, 22'000'000, "detour was taken");
        NS_TEST_ASSERT_MSG_LT(f.minDelayNs, 5'000'000, "short side used otherwise");
        for (size_t k = 41; k < 60; ++k)
        {
            NS_TEST_ASSERT_MSG_GT(f.series.at(k).rxPackets, 0u, fmt::format("bucket {} delivers", k));
        }
        NS_TEST_ASSERT_MSG_EQ(r.flows[0].reachableAtEnd, true, "oracle: reachable at the end");
        std::vector<std::string> path{"H1", "R1", "R2", "R3", "H3"};
        NS_TEST_ASSERT_MSG_EQ((r.flows[0].oraclePath == path), true, "oracle prefers the cheap side");
    }
};

/// A cut with no alternative: nothing arrives while it lasts.
class PartitionTest : public TestCase
{
  public:
    PartitionTest()
        : TestCase("link and node failures without an alternate path lose exactly the outage")
    {
    }

  private:
    void DoRun() override
    {
        std::string yaml = std::string(kSquare) + R"(
events:
  - {at: 3s, action: node-down, node: R3}
  - {at: 5s, action: node-up, node: R3}
  - {at: 7s, action: link-down, link: R3-H3}
)";
        Scenario s = Load(yaml, CreateTempDirFilename("partition"));
        RunResults r = RunScenario(s);
        const auto& f = r.flows[0].stats;
        // The sender keeps sending (its own link stays up) at 100 packets/s;
        // 3..5 s and 7..9 s are lost at R1, which has no route: 400 packets.
        NS_TEST_ASSERT_MSG_EQ(f.txPackets, CbrPackets(8.0, 800e3, 1000), "sender unaffected");
        NS_TEST_ASSERT_MSG_EQ_TOL(static_cast<double>(f.Lost()), 400.0, 4.0, "outages lost");
        for (size_t k = 31; k < 50; ++k)
        {
            NS_TEST_ASSERT_MSG_EQ(f.series.at(k).rxPackets, 0u, fmt::format("R3 down, bucket {}", k));
        }
        for (size_t k = 51; k < 70; ++k)
        {
            NS_TEST_ASSERT_MSG_GT(f.series.at(k).rxPackets, 0u, fmt::format("R3 back, bucket {}", k));
        }
        NS_TEST_ASSERT_MSG_EQ(f.series.size(), 100u, "series covers the whole run");
        for (size_t k = 71; k < f.series.size(); ++k)
        {
            NS_TEST_ASSERT_MSG_EQ(f.series.at(k).rxPackets, 0u, fmt::format("H3 cut, bucket {}", k));
        }
        NS_TEST_ASSERT_MSG_EQ(r.flows[0].reachableAtEnd, false, "oracle: cut at the end");
    }
};

/// A cut in the middle of a chain: the routers on each side have a single
/// router neighbour, which ns-3 global routing would answer with default
/// routes pointing at each other (a forwarding loop).
class ChainCutTest : public TestCase
{
  public:
    ChainCutTest()
        : TestCase("a cut chain drops the lost side's packets at once instead of looping")
    {
    }

  private:
    void DoRun() override
    {
        std::string yaml = std::string(kFig3) + R"(
events:
  - {at: 5s, action: link-down, link: X-Y}
  - {at: 6s, action: link-up, link: X-Y}
)";
        Scenario s = Load(yaml, CreateTempDirFilename("chain"));
        RunResults r = RunScenario(s);
        const auto& f = r.flows[0].stats;
        // One second at 1 Mb/s of 512-byte packets is lost, plus at most the
        // packets on the X-Y link when it was cut.
        const double perSecond = 1e6 / (512 * 8);
        NS_TEST_ASSERT_MSG_GT_OR_EQ(f.Lost(), static_cast<uint64_t>(perSecond) - 1, "outage lost");
        NS_TEST_ASSERT_MSG_LT_OR_EQ(f.Lost(), static_cast<uint64_t>(perSecond) + 3, "only the outage");
        // Nothing circled: every delivered packet took the direct path. The
        // bound is 9.2 ms of path plus up to 10 ms of ARP request jitter
        // (ns3::ArpL3Protocol::RequestJitter) on each of the two sites.
        NS_TEST_ASSERT_MSG_LT(f.maxDelayNs, 30'000'000, "no packet was held in a loop");
        std::ifstream trace(r.messageTraceFile);
        std::string line;
        int ttlExpired = 0;
        while (std::getline(trace, line))
        {
            ttlExpired += line.find(" icmp time-exceeded ") != std::string::npos;
        }
        NS_TEST_ASSERT_MSG_EQ(ttlExpired, 0, "no ICMP time exceeded: no forwarding loop");
    }
};

/// On-off source: sends only in its on periods; random loss on a link.
class OnOffAndLossTest : public TestCase
{
  public:
    OnOffAndLossTest()
        : TestCase("on-off flow sends only while on; link loss rate is honoured")
    {
    }

  private:
    void DoRun() override
    {
        const char* yaml = R"(
schema_version: 1
simulation: {stop: 12s, seed: 3}
nodes: [{name: A, kind: host}, {name: R}, {name: B, kind: host}]
addressing: {pools: [{name: p, prefix: 10.0.0.0/16}]}
links:
  - {endpoints: [A, R]}
  - {endpoints: [R, B], loss: 0.1}
routing: {core: global}
traffic:
  - {name: onoff, type: udp-onoff, from: A, to: B, start: 1s, stop: 11s, rate: 800kbps, size: 1000, on: 1s, off: 1s}
outputs: {message_trace: false, interval: 500ms}
)";
        Scenario s = Load(yaml, CreateTempDirFilename("onoff"));
        RunResults r = RunScenario(s);
        const auto& f = r.flows[0].stats;
        // ns3::OnOffApplication begins with an off period: on during [2,3),
        // [4,5), ..., [10,11), that is 5 s at 100 packets/s.
        NS_TEST_ASSERT_MSG_EQ_TOL(static_cast<double>(f.txPackets), 500.0, 5.0, "on time only");
        for (size_t k = 2; k < 24; ++k)
        {
            // bucket k covers [k/2, k/2 + 0.5) s
            const bool on = k >= 4 && k < 22 && (k / 2) % 2 == 0;
            if (!on)
            {
                NS_TEST_ASSERT_MSG_EQ(f.series.at(k).txPackets, 0u, fmt::format("off bucket {}", k));
            }
            else
            {
                NS_TEST_ASSERT_MSG_GT(f.series.at(k).txPackets, 40u, fmt::format("on bucket {}", k));
            }
        }
        // Binomial(500, 0.9): mean 450, sd 6.7; allow five sd.
        NS_TEST_ASSERT_MSG_EQ_TOL(static_cast<double>(f.rxPackets), 0.9 * f.txPackets, 34.0, "10% loss");
        NS_TEST_ASSERT_MSG_LT(f.rxPackets, f.txPackets, "some loss happened");

        // The same seed and run reproduce the run exactly; another run number
        // draws other losses.
        RunResults again = RunScenario(s);
        NS_TEST_ASSERT_MSG_EQ(again.flows[0].stats.rxPackets, f.rxPackets, "reproducible");
        NS_TEST_ASSERT_MSG_EQ(again.flows[0].stats.delaySumNs, f.delaySumNs, "reproducible");
        Scenario other = s;
        other.simulation.run = 2;
        uint64_t differing = 0;
        RunResults r2 = RunScenario(other);
        for (size_t k = 0; k < f.series.size(); ++k)
        {
            differing += f.series[k].rxPackets != r2.flows[0].stats.series.at(k).rxPackets;
        }
        NS_TEST_ASSERT_MSG_GT(differing, 0u, "run 2 loses other packets than run 1");
    }
};

/// A CSMA segment with three stations: hosts talk across it directly.
class CsmaSegmentTest : public TestCase
{
  public:
    CsmaSegmentTest()
        : TestCase("CSMA segment with several stations and automatic addresses")
    {
    }

  private:
    void DoRun() override
    {
        const char* yaml = R"(
schema_version: 1
simulation: {stop: 5s}
nodes: [{name: A, kind: host}, {name: B, kind: host}, {name: R}, {name: C, kind: host}]
addressing: {pools: [{name: p, prefix: 10.1.0.0/16, lan_length: 24}]}
links:
  - {name: lan, type: csma, endpoints: [A, B, R]}
  - {endpoints: [R, C]}
routing: {core: global}
traffic:
  - {name: a-b, type: ping, from: A, to: B, start: 1s, interval: 500ms}
  - {name: a-c, type: udp-cbr, from: A, to: C, start: 1s, stop: 4s, rate: 100kbps, size: 100}
outputs: {message_trace: true, netanim: true}
)";
        Scenario s = Load(yaml, CreateTempDirFilename("lan"));
        RunResults r = RunScenario(s);
        NS_TEST_ASSERT_MSG_EQ(r.flows[0].destination, "10.1.0.2", "B is second on the LAN /24");
        NS_TEST_ASSERT_MSG_EQ(r.flows[0].stats.rxPackets, r.flows[0].stats.txPackets, "pings");
        NS_TEST_ASSERT_MSG_EQ(r.flows[0].stats.txPackets, 8u, "1 s to 5 s every 500 ms");
        NS_TEST_ASSERT_MSG_EQ(r.flows[1].stats.rxPackets, CbrPackets(3.0, 100e3, 100), "via R");
        // The message trace holds the pings: 8 requests sent by A.
        std::ifstream trace(r.messageTraceFile);
        std::string line;
        int requests = 0;
        while (std::getline(trace, line))
        {
            requests += line.find(" A tx icmp echo-request ") != std::string::npos;
        }
        NS_TEST_ASSERT_MSG_EQ(requests, 8, "echo requests in the message trace");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(r.messagesTraced, 32u, "request and reply, tx and rx");

        // NetAnim gets an XML animation naming the nodes.
        std::ifstream anim(r.netanimFile);
        std::string xml((std::istreambuf_iterator<char>(anim)), std::istreambuf_iterator<char>());
        NS_TEST_ASSERT_MSG_NE(xml.find("<anim "), std::string::npos, "NetAnim XML root element");
        NS_TEST_ASSERT_MSG_NE(xml.find("descr=\"R\""), std::string::npos, "node R described");
    }
};

class ScenarioTestSuite : public TestSuite
{
  public:
    ScenarioTestSuite()
        : TestSuite("ipvpn-scenario", TestSuite::Type::UNIT)
    {
        AddTestCase(new Fig3DeliveryTest);
        AddTestCase(new FailoverTest);
        AddTestCase(new PartitionTest);
        AddTestCase(new ChainCutTest);
        AddTestCase(new OnOffAndLossTest);
        AddTestCase(new CsmaSegmentTest);
    }
};

ScenarioTestSuite g_scenarioTestSuite;

} // namespace
