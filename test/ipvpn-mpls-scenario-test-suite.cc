/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The shipped MPLS/LDP scenarios run end to end: the Fig. 13 label path
 * (push E at 10, swap E -> F at X, pop at 20), checked in the results, in
 * the LFIBs and, through tshark, on the wire; and the 8-LSR core whose LSP
 * moves to the other path after a link failure and back after the repair.
 * Bounds come from the scenario's timers and propagation delays.
 */
#include "ipvpn-pcap-check.h"

#include "ipvpn-scenario-test-util.h"

#include "ns3/mpls-lsp-results.h"
#include "ns3/scenario-loader.h"
#include "ns3/scenario-runner.h"
#include "ns3/test.h"

#include <fmt/format.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

using namespace ns3;
using namespace ns3::scenario;

namespace
{

using ipvpntest::LoadShipped;


/// The MPLS labels tshark reads in a capture (every label of every stack),
/// as "a,b,c" in increasing order.
std::string
TsharkLabels(const std::string& pcap)
{
    std::set<uint32_t> labels;
    const std::string cmd = fmt::format("tshark -r '{}' -Y mpls -T fields -e mpls.label 2>/dev/null", pcap);
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
    if (!pipe)
    {
        return "tshark did not run";
    }
    std::array<char, 256> line{};
    while (fgets(line.data(), line.size(), pipe.get()))
    {
        std::stringstream fields(line.data());
        std::string one;
        while (std::getline(fields, one, ','))
        {
            if (!one.empty() && one != "\n")
            {
                labels.insert(static_cast<uint32_t>(std::stoul(one)));
            }
        }
    }
    return fmt::format("{}", fmt::join(labels, ","));
}

bool
FileContains(const std::string& path, const std::string& text)
{
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line))
    {
        if (line.find(text) != std::string::npos)
        {
            return true;
        }
    }
    return false;
}

class Fig13LabelPathTest : public TestCase
{
  public:
    Fig13LabelPathTest()
        : TestCase("Fig. 13: LDP binds F at 20 and E at X; 10 pushes E, X swaps to F, 20 pops")
    {
    }

  private:
    void DoRun() override
    {
        const std::string out = CreateTempDirFilename("fig13");
        Scenario s = LoadShipped("p1-fig13-label-path.yaml", out, true);
        RunResults r = RunScenario(s);

        const metrics::MplsOutcome* mpls = r.Part<metrics::MplsOutcome>();
        NS_TEST_ASSERT_MSG_EQ((mpls != nullptr), true, "MPLS results present");
        if (!mpls || mpls->lsps.empty())
        {
            return;
        }
        const metrics::LspOutcome& lsp = mpls->lsps.at(0);
        NS_TEST_ASSERT_MSG_EQ(lsp.fec, "192.168.3.0/24", "the FEC is site A3's subnet");
        const metrics::LspState& now = lsp.history.back();
        NS_TEST_ASSERT_MSG_EQ(now.complete, true, "the LSP reaches router 20");
        NS_TEST_ASSERT_MSG_EQ(fmt::format("{}", fmt::join(now.path, ">")), "R10>X>R20", "path");
        NS_TEST_ASSERT_MSG_EQ(now.hops.size(), 2u, "two labelled links");
        if (now.hops.size() != 2)
        {
            return;
        }
        const uint32_t e = now.hops[0].label;
        const uint32_t f = now.hops[1].label;
        NS_TEST_ASSERT_MSG_EQ(now.hops[0].name, "E", "the seed's name of X's label");
        NS_TEST_ASSERT_MSG_EQ(now.hops[1].name, "F", "the seed's name of 20's label");
        // Each LSR allocates from its own range (1000 per LSR, in list order):
        // E comes from X's, F from router 20's, both unreserved.
        NS_TEST_ASSERT_MSG_EQ(e / 1000, 2u, "E allocated by X");
        NS_TEST_ASSERT_MSG_EQ(f / 1000, 3u, "F allocated by router 20 (non-null egress label)");
        NS_TEST_ASSERT_MSG_NE(e, f, "two different labels");

        // LDP must be done before traffic starts at 2 s: one Hello interval at
        // most, then TCP, Initialization, KeepAlive and two Label Mappings over
        // 2 ms links take well under a second.
        NS_TEST_ASSERT_MSG_EQ(lsp.setupNs.has_value(), true, "set up");
        NS_TEST_ASSERT_MSG_LT(lsp.setupNs.value_or(-1), 2'000'000'000, "set up before the flow starts");

        const auto& flow = r.flows.at(0).stats;
        NS_TEST_ASSERT_MSG_GT(flow.txPackets, 0u, "the flow sent");
        NS_TEST_ASSERT_MSG_EQ(flow.rxPackets, flow.txPackets, "every packet delivered");
        NS_TEST_ASSERT_MSG_EQ(lsp.packetsLabelled, flow.rxPackets, "every delivered packet was labelled");

        // The LSRs' tables in the results.
        for (const auto& lsr : mpls->lsrs)
        {
            NS_TEST_ASSERT_MSG_GT(lsr.ldpBytesSent, 0u, lsr.node + " spoke LDP");
            NS_TEST_ASSERT_MSG_GT(lsr.ldpSessionsOperational, 0u, lsr.node + " has a session");
        }

        // The message trace names the labels as the seed does.
        NS_TEST_ASSERT_MSG_EQ(FileContains(r.messageTraceFile, fmt::format("labels=E={},F={}", e, f)),
                              true,
                              "lsp line with E and F in messages.txt");

        // On the wire (tshark): only E between 10 and X, only F between X and 20.
        if (ipvpntest::HaveTshark())
        {
            NS_TEST_ASSERT_MSG_EQ(TsharkLabels(out + "/X-R10-X.pcap"), std::to_string(e), "label E on R10-X");
            NS_TEST_ASSERT_MSG_EQ(TsharkLabels(out + "/X-X-R20.pcap"), std::to_string(f), "label F on X-R20");
        }
    }
};

class CoreFailureTest : public TestCase
{
  public:
    CoreFailureTest()
        : TestCase("8-LSR core: the LSP moves to the other path after a link failure and back after the repair")
    {
    }

  private:
    void DoRun() override
    {
        Scenario s = LoadShipped("p1-mpls-core-failure.yaml", CreateTempDirFilename("core"), true);
        RunResults r = RunScenario(s);
        const metrics::MplsOutcome* mpls = r.Part<metrics::MplsOutcome>();
        NS_TEST_ASSERT_MSG_EQ((mpls != nullptr), true, "MPLS results present");
        if (!mpls || mpls->lsps.empty())
        {
            return;
        }
        const metrics::LspOutcome& lsp = mpls->lsps.at(0);
        const auto path = [](const std::vector<std::string>& p) { return fmt::format("{}", fmt::join(p, ">")); };

        NS_TEST_ASSERT_MSG_EQ(lsp.setupNs.has_value(), true, "set up");
        NS_TEST_ASSERT_MSG_LT(lsp.setupNs.value_or(-1), 2'000'000'000, "set up before the flow starts");
        NS_TEST_ASSERT_MSG_EQ(lsp.convergence.size(), 2u, "two events");
        if (lsp.convergence.size() != 2)
        {
            return;
        }

        // Link down at 10 s: the IGP's new best path goes through the rung
        // P5-P2 (cost 7 against 8 for the lower row). P1 and P2 flood new
        // Router-LSAs at once; every LSR runs SPF the scenario's
        // spf.initial_delay (50 ms) after the change reaches it (1 ms links,
        // a few hops). Every LSR already holds the labels of all its
        // neighbours (liberal retention), so the LFIBs follow SPF at once,
        // and the first packet over the new path arrives within one packet
        // spacing (4.096 ms) plus its trip (6 links of 1 ms and the site
        // links) after that.
        const metrics::LspConvergence& down = lsp.convergence[0];
        NS_TEST_ASSERT_MSG_EQ(down.affected, true, "the failure moves the LSP");
        NS_TEST_ASSERT_MSG_EQ(path(down.newPath), "PE1>P4>P5>P2>P3>PE2", "new path");
        NS_TEST_ASSERT_MSG_EQ(down.controlNs.has_value(), true, "tables converge");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(down.controlNs.value_or(-1), 50'000'000, "SPF initial delay");
        NS_TEST_ASSERT_MSG_LT(down.controlNs.value_or(-1), 55'000'000, "SPF delay plus flooding");
        NS_TEST_ASSERT_MSG_EQ(down.dataNs.has_value(), true, "traffic converges");
        NS_TEST_ASSERT_MSG_LT(down.dataNs.value_or(-1),
                              down.controlNs.value_or(0) + 4'096'000 + 9'000'000,
                              "first packet on the new path");

        // Link up at 20 s: P1 and P2 originate Router-LSAs with the new
        // subnet at once; their adjacency is Full within the Hello jitter
        // (100 ms) plus a few 1 ms exchanges, but the Router-LSAs naming it
        // wait for min_ls_interval (200 ms) after those of 20 s, and SPF for
        // the hold (200 ms) after the run at 20.05 s: the tables at 20.25 s.
        // LDP (Hello as the interface comes up, TCP, Initialization,
        // KeepAlive, mappings: a handful of 1 ms hops) is back before that.
        const metrics::LspConvergence& up = lsp.convergence[1];
        NS_TEST_ASSERT_MSG_EQ(up.affected, true, "the repair moves the LSP back");
        NS_TEST_ASSERT_MSG_EQ(path(up.newPath), "PE1>P1>P2>P3>PE2", "original path");
        NS_TEST_ASSERT_MSG_EQ(up.controlNs.has_value(), true, "tables converge");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(up.controlNs.value_or(-1), 250'000'000, "min_ls_interval, SPF hold");
        NS_TEST_ASSERT_MSG_LT(up.controlNs.value_or(-1), 260'000'000, "no Hello interval, no retransmission");

        const auto& flow = r.flows.at(0).stats;
        NS_TEST_ASSERT_MSG_GT_OR_EQ(flow.DeliveryRatio(), 0.99, "almost nothing lost");
        uint64_t lsrs = 0;
        for (const auto& lsr : mpls->lsrs)
        {
            ++lsrs;
            NS_TEST_ASSERT_MSG_GT(lsr.labelsAllocated, 0u, lsr.node + " bound labels");
            NS_TEST_ASSERT_MSG_GT((lsr.ldpMessagesSent.count("Label-Mapping") ? lsr.ldpMessagesSent.at("Label-Mapping") : 0), 0u, lsr.node + " sent mappings");
        }
        NS_TEST_ASSERT_MSG_EQ(lsrs, 8u, "eight LSRs");
    }
};

class MplsScenarioTestSuite : public TestSuite
{
  public:
    MplsScenarioTestSuite()
        : TestSuite("ipvpn-mpls-scenario", SYSTEM)
    {
        AddTestCase(new Fig13LabelPathTest, TestCase::QUICK);
        AddTestCase(new CoreFailureTest, TestCase::QUICK);
    }
};

MplsScenarioTestSuite g_mplsScenarioTestSuite;

} // namespace
