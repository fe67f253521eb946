/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The shipped L2TP/RADIUS scenarios end to end, through the YAML loader,
 * the builder and the runner, checked against the timing RFC 2661 and the
 * link delays imply: the basic tunnel with a central RADIUS server, the
 * rejected credentials, 20 % loss on the core, a peer that falls
 * silent, and mutual authorisation with the RADIUS servers inside the
 * routers (the seed's layout). Every scenario's pcaps go through pcap-check in the scenario
 * ctests.
 */
#include "ipvpn-scenario-test-util.h"

#include "ns3/l2tp-tunnel-results.h"
#include "ns3/scenario-loader.h"
#include "ns3/scenario-runner.h"
#include "ns3/test.h"

#include <cmath>

using namespace ns3;
using namespace ns3::scenario;

namespace
{

using ipvpntest::LoadShipped;

/// The run's tunnels, or none when the results have no tunnels part.
const std::vector<metrics::TunnelOutcome>&
Tunnels(const RunResults& r)
{
    static const std::vector<metrics::TunnelOutcome> none;
    const auto* part = r.Part<metrics::TunnelsOutcome>();
    return part ? part->tunnels : none;
}


// The scenarios' core: GW1 -2 ms- R1 -5 ms- R2 -2 ms- GW2, RAD 1 ms from R2.
constexpr double kRttMs = 2 * (2 + 5 + 2);   ///< GW1 <-> GW2
constexpr double kRadiusRttMs = 2 * (2 + 1); ///< GW2 <-> RAD
/// Serialisation of the control messages at 100 Mb/s and scheduling slack.
constexpr double kSlackMs = 0.5;

double
Ms(const std::optional<int64_t>& ns)
{
    return ns ? *ns / 1e6 : -1;
}

class BasicTunnelTest : public TestCase
{
  public:
    BasicTunnelTest()
        : TestCase("l2tp-radius-basic: tunnel, session and PPP come up; traffic crosses")
    {
    }

  private:
    void DoRun() override
    {
        RunResults r = RunScenario(LoadShipped("l2tp-radius-basic.yaml", CreateTempDirFilename("basic")));
        NS_TEST_ASSERT_MSG_EQ(Tunnels(r).size(), 1u, "one tunnel");
        const metrics::TunnelOutcome& t = Tunnels(r).at(0);
        NS_TEST_ASSERT_MSG_EQ(t.authLayout, "central", "RAD is its own node");
        NS_TEST_ASSERT_MSG_EQ(t.upAtEnd, true, "up at the end");
        NS_TEST_ASSERT_MSG_EQ(t.failures.size(), 0u, "no failure");
        NS_TEST_ASSERT_MSG_EQ(t.retransmissions, 0u, "nothing lost, nothing resent");
        // SCCRQ at 0.5 s; the LAC is established when it sends the SCCCN (one
        // round trip), the LNS when RADIUS accepted the held SCCCN (another
        // half round trip plus one round trip to the RADIUS server).
        const double sccrq = Ms(t.sccrqNs);
        NS_TEST_ASSERT_MSG_EQ_TOL(sccrq, 500.0, 1e-6, "SCCRQ at the tunnel start");
        NS_TEST_ASSERT_MSG_EQ_TOL(Ms(t.lacUpNs) - sccrq, kRttMs, kSlackMs, "LAC up after one RTT");
        NS_TEST_ASSERT_MSG_EQ_TOL(Ms(t.lnsUpNs) - sccrq,
                                  1.5 * kRttMs + kRadiusRttMs,
                                  kSlackMs,
                                  "LNS up after 1.5 RTT and the RADIUS exchange");
        NS_TEST_ASSERT_MSG_EQ(t.auth.size(), 1u, "one RADIUS decision");
        NS_TEST_ASSERT_MSG_EQ(t.auth[0].accepted, true, "GW1 accepted");
        NS_TEST_ASSERT_MSG_EQ_TOL(t.auth[0].latencyNs / 1e6, kRadiusRttMs, kSlackMs, "RADIUS round trip");
        // The ICRQ waits at the LNS for the authorisation; then ICRP, ICCN.
        NS_TEST_ASSERT_MSG_EQ_TOL(Ms(t.sessionUpNs) - Ms(t.lnsUpNs), kRttMs, kSlackMs, "session after ICRP/ICCN");
        // LCP (both Configure-Requests cross, then both Acks) and IPCP the same:
        // the LNS starts half a round trip after the LAC.
        NS_TEST_ASSERT_MSG_GT(Ms(t.pppUpNs), Ms(t.sessionUpNs), "PPP after the session");
        NS_TEST_ASSERT_MSG_LT(Ms(t.pppUpNs) - Ms(t.sessionUpNs), 2.5 * kRttMs, "LCP and IPCP in about two RTTs");
        NS_TEST_ASSERT_MSG_GT(t.sent.at("radius").messages, 0u, "RADIUS counted");
        NS_TEST_ASSERT_MSG_GT(t.sent.at("l2tp-data").messages, 0u, "data messages counted");

        for (const auto& f : r.flows)
        {
            NS_TEST_ASSERT_MSG_GT(f.stats.txPackets, 0u, f.stats.name + " sent");
            NS_TEST_ASSERT_MSG_EQ(f.stats.rxPackets, f.stats.txPackets, f.stats.name + " all delivered");
        }
        // One way through the tunnel: the same 9 ms path as the physical one.
        NS_TEST_ASSERT_MSG_EQ_TOL(r.flows[1].stats.minDelayNs / 1e6, kRttMs / 2, kSlackMs, "UDP one-way delay");
    }
};

class RejectedTunnelTest : public TestCase
{
  public:
    RejectedTunnelTest()
        : TestCase("l2tp-radius-rejected: Access-Reject -> StopCCN Result Code 4, counted")
    {
    }

  private:
    void DoRun() override
    {
        RunResults r = RunScenario(LoadShipped("l2tp-radius-rejected.yaml", CreateTempDirFilename("rejected")));
        const metrics::TunnelOutcome& t = Tunnels(r).at(0);
        NS_TEST_ASSERT_MSG_EQ(t.upAtEnd, false, "down at the end");
        NS_TEST_ASSERT_MSG_EQ(t.lnsUpNs.has_value(), false, "the LNS never came up");
        NS_TEST_ASSERT_MSG_EQ(t.pppUpNs.has_value(), false, "no PPP");
        NS_TEST_ASSERT_MSG_EQ(t.auth.size(), 1u, "one RADIUS decision");
        NS_TEST_ASSERT_MSG_EQ(t.auth[0].accepted, false, "refused");
        bool lnsRefused = false;
        bool lacStopped = false;
        for (const auto& f : t.failures)
        {
            // RFC 2661 4.4.2, StopCCN Result Code 4: requester is not authorized.
            lnsRefused |= f.node == "GW2" && f.what == "tunnel" && f.resultCode == 4;
            lacStopped |= f.node == "GW1" && f.what == "tunnel" && f.resultCode == 4 && f.reason == "peer-stopccn";
        }
        NS_TEST_ASSERT_MSG_EQ(lnsRefused, true, "GW2 stopped the tunnel with Result Code 4");
        NS_TEST_ASSERT_MSG_EQ(lacStopped, true, "GW1 received that StopCCN");
        for (const auto& f : r.flows)
        {
            NS_TEST_ASSERT_MSG_EQ(f.stats.rxPackets, 0u, f.stats.name + " nothing crosses");
        }
    }
};

class LossyTunnelTest : public TestCase
{
  public:
    LossyTunnelTest()
        : TestCase("l2tp-radius-loss: 20 % loss, the tunnel comes up through retransmissions")
    {
    }

  private:
    void DoRun() override
    {
        RunResults r = RunScenario(LoadShipped("l2tp-radius-loss.yaml", CreateTempDirFilename("loss")));
        const metrics::TunnelOutcome& t = Tunnels(r).at(0);
        NS_TEST_ASSERT_MSG_EQ(t.upAtEnd, true, "up at the end");
        NS_TEST_ASSERT_MSG_GT(t.retransmissions, 0u, "control messages were resent");
        NS_TEST_ASSERT_MSG_EQ(t.pppUpNs.has_value(), true, "PPP came up");
        // A lost message costs whole retransmission timeouts (1 s, then
        // doubling): setup takes at least one of them beyond the clean 33 ms.
        NS_TEST_ASSERT_MSG_GT(Ms(t.lnsUpNs) - Ms(t.sccrqNs), 1000.0, "setup paid for a loss");
        NS_TEST_ASSERT_MSG_LT(Ms(t.pppUpNs), 60000.0, "PPP up before the flows start");
    }
};

class SilentPeerTest : public TestCase
{
  public:
    SilentPeerTest()
        : TestCase("l2tp-radius-silent-peer: HELLO retransmissions run out 31 s after the HELLO")
    {
    }

  private:
    void DoRun() override
    {
        RunResults r = RunScenario(LoadShipped("l2tp-radius-silent-peer.yaml", CreateTempDirFilename("silent")));
        const metrics::TunnelOutcome& t = Tunnels(r).at(0);
        NS_TEST_ASSERT_MSG_EQ(t.upAtEnd, false, "torn down");
        // The last control message GW1 received is the LNS's ZLB for the
        // ICCN, 100 ms (the ack delay) after the ICCN arrived: one RTT after
        // the session came up at the LNS. HELLO follows 10 s (hello_interval)
        // later; with retransmissions after 1, 2, 4, 8, 8 s and 8 s more
        // for the last one, the tunnel goes down 31 s after the HELLO.
        const double lastRx = Ms(t.sessionUpNs) + 100.0 + kRttMs / 2;
        double lacDown = -1;
        for (const auto& f : t.failures)
        {
            if (f.node == "GW1" && f.what == "tunnel")
            {
                lacDown = f.atNs / 1e6;
                NS_TEST_ASSERT_MSG_EQ(f.reason, "delivery-failed", "retry limit (RFC 2661 5.8)");
            }
        }
        NS_TEST_ASSERT_MSG_EQ_TOL(lacDown, lastRx + 10000.0 + 31000.0, kSlackMs, "teardown time");
        NS_TEST_ASSERT_MSG_EQ(t.detection.size(), 1u, "one event");
        NS_TEST_ASSERT_MSG_EQ(t.detection[0].second.has_value(), true, "the silence was noticed");
    }
};

class MutualTunnelTest : public TestCase
{
  public:
    MutualTunnelTest()
        : TestCase("l2tp-radius-mutual: both ends ask the RADIUS server inside their router")
    {
    }

  private:
    void DoRun() override
    {
        RunResults r = RunScenario(LoadShipped("l2tp-radius-mutual.yaml", CreateTempDirFilename("mutual")));
        const metrics::TunnelOutcome& t = Tunnels(r).at(0);
        NS_TEST_ASSERT_MSG_EQ(t.authLayout, "in-router", "the LNS's server runs on the LNS");
        NS_TEST_ASSERT_MSG_EQ(t.mutualAuth, true, "mutual");
        NS_TEST_ASSERT_MSG_EQ(t.auth.size(), 2u, "two decisions");
        bool lacAsked = false;
        bool lnsAsked = false;
        for (const auto& a : t.auth)
        {
            NS_TEST_ASSERT_MSG_EQ(a.accepted, true, a.node + " accepted " + a.peer);
            // Inside the router: no link to cross.
            NS_TEST_ASSERT_MSG_LT(a.latencyNs, 100'000, "local RADIUS exchange");
            lacAsked |= a.node == "GW1" && a.peer == "GW2";
            lnsAsked |= a.node == "GW2" && a.peer == "GW1";
        }
        NS_TEST_ASSERT_MSG_EQ(lacAsked && lnsAsked, true, "each end asked about the other");
        // With local RADIUS the timing is that of plain L2TP: LAC up after one
        // round trip, LNS after one and a half.
        NS_TEST_ASSERT_MSG_EQ_TOL(Ms(t.lacUpNs) - Ms(t.sccrqNs), kRttMs, kSlackMs, "LAC up");
        NS_TEST_ASSERT_MSG_EQ_TOL(Ms(t.lnsUpNs) - Ms(t.sccrqNs), 1.5 * kRttMs, kSlackMs, "LNS up");
        NS_TEST_ASSERT_MSG_EQ(t.upAtEnd, true, "up");
        for (const auto& f : r.flows)
        {
            NS_TEST_ASSERT_MSG_EQ(f.stats.rxPackets, f.stats.txPackets, f.stats.name + " all delivered");
        }
    }
};

class TunnelScenarioTestSuite : public TestSuite
{
  public:
    TunnelScenarioTestSuite()
        : TestSuite("ipvpn-tunnel-scenario", SYSTEM)
    {
        AddTestCase(new BasicTunnelTest, TestCase::QUICK);
        AddTestCase(new RejectedTunnelTest, TestCase::QUICK);
        AddTestCase(new LossyTunnelTest, TestCase::QUICK);
        AddTestCase(new SilentPeerTest, TestCase::QUICK);
        AddTestCase(new MutualTunnelTest, TestCase::QUICK);
    }
};

TunnelScenarioTestSuite g_tunnelScenarioTestSuite;

} // namespace
