/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The RADIUS applications in simulation. The NAS sits between its two
 * servers, each on its own point-to-point link:
 *
 *   primary (10.1.1.1) --- NAS (10.1.1.2 | 10.1.2.2) --- secondary (10.1.2.1)
 *
 * Both links are identical, so a request answered by either server takes
 * the same round-trip time; a failover costs exactly RetransmitTimeout x
 * MaxTransmissions on top of it (RFC 2865 section 2.5). Captures of the
 * NAS's devices are checked by tshark (pcap-check) with the shared secret,
 * which validates the Response Authenticators and User-Password decoding.
 */
#include "ipvpn-pcap-check.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/error-model.h"
#include "ns3/global-value.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/pointer.h"
#include "ns3/radius-client.h"
#include "ns3/radius-server.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <cstdlib>
#include <iostream>
#include <string>
#include <sys/stat.h>
#include <vector>

using namespace ns3;
using namespace ns3::radius;

namespace
{

using ipvpntest::CanCheckPcaps;
using ipvpntest::PcapCheckTool;

const std::string SECRET_PRIMARY = "primary-secret";
const std::string SECRET_SECONDARY = "second-secret!"; // same length: same packet sizes
const Time TIMEOUT = Seconds(1);
constexpr uint32_t MAX_TX = 3;

struct Options
{
    std::string password = "alice-pw"; ///< what the NAS sends for user alice
    bool primaryDown = false;          ///< primary's interface set down
    double lossRate = 0;               ///< packet error rate on the primary link, both ways
    uint32_t maxTransmissions = MAX_TX;
    uint32_t requests = 1;     ///< started one after another
    std::string pcapPrimary;   ///< capture of the NAS's primary-link device
    std::string pcapSecondary; ///< capture of the NAS's secondary-link device
};

struct Observed
{
    std::vector<Outcome> outcomes;
    std::vector<Time> latencies;
    ClientCounters client;
    ServerCounters primary;
    ServerCounters secondary;
    uint64_t clientTx = 0;
    uint64_t clientRx = 0;
    uint64_t outcomeTraces = 0;
};

void
OnDone(Observed* r, Outcome outcome, Time latency)
{
    r->outcomes.push_back(outcome);
    r->latencies.push_back(latency);
}

void
OnTx(Observed* r, Ptr<const Packet>, uint32_t, bool)
{
    ++r->clientTx;
}

void
OnRx(Observed* r, Ptr<const Packet>, uint32_t)
{
    ++r->clientRx;
}

void
OnOutcome(Observed* r, uint64_t, Outcome, Time)
{
    ++r->outcomeTraces;
}

void
StartOne(Ptr<Client> client, Observed* r, std::string password)
{
    client->Authenticate("alice", password, MakeBoundCallback(&OnDone, r));
}

Ptr<RateErrorModel>
LossModel(double rate, int64_t stream)
{
    Ptr<UniformRandomVariable> uv = CreateObject<UniformRandomVariable>();
    uv->SetStream(stream);
    Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
    em->SetAttribute("ErrorUnit", StringValue("ERROR_UNIT_PACKET"));
    em->SetAttribute("ErrorRate", DoubleValue(rate));
    em->SetAttribute("RanVar", PointerValue(uv));
    return em;
}

Observed
RunScenario(const Options& o)
{
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);

    NodeContainer nodes;
    nodes.Create(3); // 0 primary, 1 NAS, 2 secondary
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("2ms"));
    NetDeviceContainer link1 = p2p.Install(nodes.Get(0), nodes.Get(1));
    NetDeviceContainer link2 = p2p.Install(nodes.Get(2), nodes.Get(1));

    InternetStackHelper stack;
    stack.Install(nodes);
    Ipv4AddressHelper addresses;
    addresses.SetBase("10.1.1.0", "255.255.255.0");
    Ipv4InterfaceContainer if1 = addresses.Assign(link1);
    addresses.SetBase("10.1.2.0", "255.255.255.0");
    Ipv4InterfaceContainer if2 = addresses.Assign(link2);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    if (o.lossRate > 0)
    {
        link1.Get(0)->SetAttribute("ReceiveErrorModel", PointerValue(LossModel(o.lossRate, 101)));
        link1.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(LossModel(o.lossRate, 102)));
    }
    if (o.primaryDown)
    {
        Ptr<Ipv4> ipv4 = nodes.Get(0)->GetObject<Ipv4>();
        ipv4->SetDown(ipv4->GetInterfaceForDevice(link1.Get(0)));
    }

    // Each server knows the NAS by the address it sends from on that link.
    Ptr<Server> primary = CreateObject<Server>();
    primary->AddUser("alice", "alice-pw");
    primary->AddClient(if1.GetAddress(1), SECRET_PRIMARY);
    nodes.Get(0)->AddApplication(primary);
    Ptr<Server> secondary = CreateObject<Server>();
    secondary->AddUser("alice", "alice-pw");
    secondary->AddClient(if2.GetAddress(1), SECRET_SECONDARY);
    nodes.Get(2)->AddApplication(secondary);

    Ptr<Client> client = CreateObject<Client>();
    client->SetAttribute("RetransmitTimeout", TimeValue(TIMEOUT));
    client->SetAttribute("MaxTransmissions", UintegerValue(o.maxTransmissions));
    client->SetAttribute("NasIdentifier", StringValue("nas-1"));
    client->SetAttribute("NasIpAddress", Ipv4AddressValue(if1.GetAddress(1)));
    client->AddServer(if1.GetAddress(0), 1812, SECRET_PRIMARY);
    client->AddServer(if2.GetAddress(0), 1812, SECRET_SECONDARY);
    client->AssignStreams(7);
    nodes.Get(1)->AddApplication(client);

    Observed r;
    client->TraceConnectWithoutContext("Tx", MakeBoundCallback(&OnTx, &r));
    client->TraceConnectWithoutContext("Rx", MakeBoundCallback(&OnRx, &r));
    client->TraceConnectWithoutContext("Outcome", MakeBoundCallback(&OnOutcome, &r));

    primary->SetStartTime(Seconds(0.5));
    secondary->SetStartTime(Seconds(0.5));
    client->SetStartTime(Seconds(1));
    // Requests far enough apart that each one ends before the next.
    const Time spacing = TIMEOUT * (2 * o.maxTransmissions + 1);
    for (uint32_t i = 0; i < o.requests; ++i)
    {
        Simulator::Schedule(Seconds(1.5) + spacing * i, &StartOne, client, &r, o.password);
    }

    if (!o.pcapPrimary.empty())
    {
        p2p.EnablePcap(o.pcapPrimary, link1.Get(1), false, true);
    }
    if (!o.pcapSecondary.empty())
    {
        p2p.EnablePcap(o.pcapSecondary, link2.Get(1), false, true);
    }

    Simulator::Stop(Seconds(2) + spacing * o.requests);
    Simulator::Run();
    r.client = client->GetCounters();
    r.primary = primary->GetCounters();
    r.secondary = secondary->GetCounters();
    Simulator::Destroy();
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));
    return r;
}

// ------------------------------------------------------------ pcap checking




/// pcap-check FILE --expect radius --radius-secret SECRET [--expect EXTRA]; true on exit 0.
bool
PcapCheck(const std::string& file, const std::string& secret, const std::string& extra = "")
{
    std::string cmd = "'" + PcapCheckTool() + "' '" + file + "' --quiet --expect radius" +
                      " --radius-secret '" + secret + "'";
    if (!extra.empty())
    {
        cmd += " --expect '" + extra + "'";
    }
    return std::system((cmd + " >/dev/null 2>&1").c_str()) == 0;
}

// --------------------------------------------------------------- test cases

/// The right password: Access-Accept from the primary in one round trip.
class RadiusAcceptTestCase : public TestCase
{
  public:
    RadiusAcceptTestCase()
        : TestCase("accept: right password, primary answers")
    {
    }

  private:
    void
    DoRun() override
    {
        Options o;
        o.pcapPrimary = CreateTempDirFilename("radius-accept.pcap");
        const Observed r = RunScenario(o);
        NS_TEST_ASSERT_MSG_EQ(r.outcomes.size(), 1u, "one request ended");
        NS_TEST_EXPECT_MSG_EQ(
            OutcomeName(r.outcomes[0]), OutcomeName(Outcome::ACCEPT), "Access-Accept");
        NS_TEST_EXPECT_MSG_LT(r.latencies[0], MilliSeconds(10), "one round trip");
        NS_TEST_EXPECT_MSG_GT(r.latencies[0], MilliSeconds(4), "two 2 ms hops");
        NS_TEST_EXPECT_MSG_EQ(r.client.transmissions, 1u, "no resend");
        NS_TEST_EXPECT_MSG_EQ(r.clientTx, 1u, "Tx trace");
        NS_TEST_EXPECT_MSG_EQ(r.clientRx, 1u, "Rx trace");
        NS_TEST_EXPECT_MSG_EQ(r.outcomeTraces, 1u, "Outcome trace");
        NS_TEST_EXPECT_MSG_EQ(r.primary.accepts, 1u, "primary accepted");
        NS_TEST_EXPECT_MSG_EQ(r.secondary.requests, 0u, "secondary idle");
        if (CanCheckPcaps())
        {
            NS_TEST_EXPECT_MSG_EQ(PcapCheck(o.pcapPrimary, SECRET_PRIMARY, "radius.code == 2"),
                                  true,
                                  "tshark: valid Access-Request/Accept");
        }
    }
};

/// A wrong password: Access-Reject, no retransmission.
class RadiusRejectTestCase : public TestCase
{
  public:
    RadiusRejectTestCase()
        : TestCase("reject: wrong password")
    {
    }

  private:
    void
    DoRun() override
    {
        Options o;
        o.password = "not-alice";
        o.pcapPrimary = CreateTempDirFilename("radius-reject.pcap");
        const Observed r = RunScenario(o);
        NS_TEST_ASSERT_MSG_EQ(r.outcomes.size(), 1u, "one request ended");
        NS_TEST_EXPECT_MSG_EQ(
            OutcomeName(r.outcomes[0]), OutcomeName(Outcome::REJECT), "Access-Reject");
        NS_TEST_EXPECT_MSG_EQ(r.client.transmissions, 1u, "no resend");
        NS_TEST_EXPECT_MSG_EQ(r.primary.rejects, 1u, "primary rejected");
        if (CanCheckPcaps())
        {
            NS_TEST_EXPECT_MSG_EQ(PcapCheck(o.pcapPrimary, SECRET_PRIMARY, "radius.code == 3"),
                                  true,
                                  "tshark: valid Access-Request/Reject");
        }
    }
};

/// Primary down: MAX_TX timeouts there, then the secondary accepts.
class RadiusFailoverTestCase : public TestCase
{
  public:
    RadiusFailoverTestCase()
        : TestCase("failover: primary down, secondary accepts")
    {
    }

  private:
    void
    DoRun() override
    {
        const Observed direct = RunScenario(Options());
        NS_TEST_ASSERT_MSG_EQ(direct.latencies.size(), 1u, "reference run ended");
        const Time rtt = direct.latencies[0];

        Options o;
        o.primaryDown = true;
        o.pcapSecondary = CreateTempDirFilename("radius-failover.pcap");
        const Observed r = RunScenario(o);
        NS_TEST_ASSERT_MSG_EQ(r.outcomes.size(), 1u, "one request ended");
        NS_TEST_EXPECT_MSG_EQ(
            OutcomeName(r.outcomes[0]), OutcomeName(Outcome::ACCEPT), "accepted by secondary");
        // RFC 2865 section 2.5: MAX_TX sends to the primary, each timing
        // out, then one round trip to the (equally distant) secondary.
        NS_TEST_EXPECT_MSG_EQ(r.latencies[0], TIMEOUT * MAX_TX + rtt, "failover latency");
        NS_TEST_EXPECT_MSG_EQ(r.client.transmissions, MAX_TX + 1u, "3 + 1 sends");
        NS_TEST_EXPECT_MSG_EQ(r.client.retransmissions, MAX_TX - 1u, "2 resends");
        NS_TEST_EXPECT_MSG_EQ(r.client.failovers, 1u, "one failover");
        NS_TEST_EXPECT_MSG_EQ(r.primary.requests, 0u, "primary unreachable");
        NS_TEST_EXPECT_MSG_EQ(r.secondary.accepts, 1u, "secondary accepted");
        if (CanCheckPcaps())
        {
            NS_TEST_EXPECT_MSG_EQ(PcapCheck(o.pcapSecondary, SECRET_SECONDARY, "radius.code == 2"),
                                  true,
                                  "tshark: valid exchange with the secondary");
        }
    }
};

/// 20 % loss both ways on the primary link: every request still accepted,
/// some only after retransmission.
class RadiusLossTestCase : public TestCase
{
  public:
    RadiusLossTestCase()
        : TestCase("loss: 20 % on the primary link, retransmissions recover")
    {
    }

  private:
    void
    DoRun() override
    {
        Options o;
        o.lossRate = 0.2;
        o.requests = 20;
        o.maxTransmissions = 5;
        o.pcapPrimary = CreateTempDirFilename("radius-loss.pcap");
        const Observed r = RunScenario(o);
        NS_TEST_ASSERT_MSG_EQ(r.outcomes.size(), 20u, "every request ended");
        uint32_t accepted = 0;
        for (Outcome outcome : r.outcomes)
        {
            accepted += outcome == Outcome::ACCEPT ? 1 : 0;
        }
        NS_TEST_EXPECT_MSG_EQ(accepted, 20u, "all accepted");
        NS_TEST_EXPECT_MSG_GT(r.client.retransmissions, 0u, "loss forced resends");
        NS_TEST_EXPECT_MSG_EQ(r.client.failovers, 0u, "primary kept answering");
        if (CanCheckPcaps())
        {
            NS_TEST_EXPECT_MSG_EQ(PcapCheck(o.pcapPrimary, SECRET_PRIMARY, "radius.code == 2"),
                                  true,
                                  "tshark: valid exchanges despite loss");
        }
    }
};

class IpvpnRadiusTestSuite : public TestSuite
{
  public:
    IpvpnRadiusTestSuite()
        : TestSuite("ipvpn-radius", TestSuite::Type::UNIT)
    {
        AddTestCase(new RadiusAcceptTestCase);
        AddTestCase(new RadiusRejectTestCase);
        AddTestCase(new RadiusFailoverTestCase);
        AddTestCase(new RadiusLossTestCase);
    }
};

} // namespace

static IpvpnRadiusTestSuite g_ipvpnRadiusTestSuite;
