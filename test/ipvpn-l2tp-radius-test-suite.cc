/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns-3 tests of L2TP tunnel ends that authorize their peer through RADIUS
 * (L2tpRadiusAuthorizer): A (L2TP initiator) - B (L2TP responder and RADIUS
 * client) - R (RADIUS server), point-to-point links, global routing. In the
 * mutual cases A is a RADIUS client of the same central server R too (its
 * requests cross B), so both ends authorize each other.
 */
#include "ipvpn-pcap-check.h"

#include "ns3/boolean.h"
#include "ns3/global-value.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/l2tp-control-connection.h"
#include "ns3/l2tp-radius-authorizer.h"
#include "ns3/node-container.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/radius-client.h"
#include "ns3/radius-server.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <cstdlib>
#include <string>

using namespace ns3;
using namespace ns3::l2tp;

namespace
{

using ipvpntest::CanCheckPcaps;
using ipvpntest::PcapCheckTool;

/// RADIUS secret of B and R, and of A and R in the mutual cases: one
/// secret, so that pcap-check can validate every RADIUS packet of a capture.
const std::string SECRET = "b-r-secret";
const Time kDelayAB = MilliSeconds(5);  ///< one way, A - B
const Time kDelayBR = MilliSeconds(10); ///< one way, B - R

/// What one run is asked to do.
struct RunOptions
{
    bool useRadius = true;                      ///< B authorizes A through R
    std::string passwordAtB = "lac-a-password"; ///< what B sends for "lac-a"
    std::string passwordAtR = "lac-a-password"; ///< what R expects for "lac-a"
    bool knowPeer = true;                       ///< B has a credential for "lac-a"
    std::string pcapAB;                         ///< capture on A's link (at A)
    std::string pcapBR;                         ///< capture on B's link to R (at B)
    bool lacRadius = false;                     ///< A authorizes B through R too
    bool lnsKnownAtR = true;                    ///< R has a user for "lns-b"
};

/// What one endpoint reported.
struct EndpointLog
{
    Time upAt = Seconds(-1);
    Time downAt = Seconds(-1);
    ControlFsm::DownReason downReason = ControlFsm::DOWN_NONE;
    uint16_t resultCode = 0;

    void
    OnUp(uint16_t)
    {
        upAt = Simulator::Now();
    }

    void
    OnDown(ControlFsm::DownReason reason, uint16_t result)
    {
        downAt = Simulator::Now();
        downReason = reason;
        resultCode = result;
    }
};

struct RunResult
{
    EndpointLog a;
    EndpointLog b;
    uint32_t accepted = 0;
    uint32_t refused = 0;
    Time latency;                ///< authorizer's last RADIUS latency
    uint32_t decisions = 0;      ///< "Decision" trace calls
    uint32_t radiusRequests = 0; ///< Access-Requests B sent
    /// A's authorizer (lacRadius): the same figures for A's decision on B.
    struct
    {
        uint32_t accepted = 0;
        uint32_t refused = 0;
        Time latency;
        uint32_t decisions = 0;
        uint32_t radiusRequests = 0; ///< Access-Requests A sent
    } lac;
};

void
CountDecision(uint32_t* n, const std::string&, bool, Time)
{
    ++*n;
}

void
CountRadiusTx(uint32_t* n, Ptr<const Packet>, uint32_t, bool)
{
    ++*n;
}

RunResult
RunScenario(const RunOptions& o)
{
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    NodeContainer nodes;
    nodes.Create(3); // A, B, R
    InternetStackHelper internet;
    internet.Install(nodes);

    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    p2p.SetChannelAttribute("Delay", TimeValue(kDelayAB));
    NetDeviceContainer linkAB = p2p.Install(nodes.Get(0), nodes.Get(1));
    p2p.SetChannelAttribute("Delay", TimeValue(kDelayBR));
    NetDeviceContainer linkBR = p2p.Install(nodes.Get(1), nodes.Get(2));

    Ipv4AddressHelper addresses;
    addresses.SetBase("10.2.1.0", "255.255.255.0");
    Ipv4InterfaceContainer ifAB = addresses.Assign(linkAB);
    addresses.SetBase("10.2.2.0", "255.255.255.0");
    Ipv4InterfaceContainer ifBR = addresses.Assign(linkBR);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    if (!o.pcapAB.empty())
    {
        p2p.EnablePcap(o.pcapAB, linkAB.Get(0), false, true);
    }
    if (!o.pcapBR.empty())
    {
        p2p.EnablePcap(o.pcapBR, linkBR.Get(0), false, true);
    }

    Ptr<ControlConnection> a = CreateObject<ControlConnection>();
    a->SetAttribute("Initiator", BooleanValue(true));
    a->SetAttribute("LocalTunnelId", UintegerValue(11));
    a->SetAttribute("HostName", StringValue("lac-a"));
    a->SetAttribute("PeerAddress", Ipv4AddressValue(ifAB.GetAddress(1)));
    a->AssignStreams(10);
    nodes.Get(0)->AddApplication(a);
    a->SetStartTime(Seconds(1));

    Ptr<ControlConnection> b = CreateObject<ControlConnection>();
    b->SetAttribute("Initiator", BooleanValue(false));
    b->SetAttribute("LocalTunnelId", UintegerValue(22));
    b->SetAttribute("HostName", StringValue("lns-b"));
    b->AssignStreams(20);
    nodes.Get(1)->AddApplication(b);
    b->SetStartTime(Seconds(0.5));

    RunResult r;
    Ptr<L2tpRadiusAuthorizer> authorizer;
    Ptr<L2tpRadiusAuthorizer> lacAuthorizer;
    if (o.useRadius)
    {
        Ptr<radius::Server> server = CreateObject<radius::Server>();
        server->AddUser("lac-a", o.passwordAtR);
        server->AddClient(ifBR.GetAddress(0), SECRET);
        if (o.lacRadius)
        {
            if (o.lnsKnownAtR)
            {
                server->AddUser("lns-b", "lns-b-password");
            }
            server->AddClient(ifAB.GetAddress(0), SECRET);
        }
        nodes.Get(2)->AddApplication(server);
        server->SetStartTime(Seconds(0.5));

        Ptr<radius::Client> client = CreateObject<radius::Client>();
        client->SetAttribute("NasIdentifier", StringValue("lns-b"));
        client->SetAttribute("NasIpAddress", Ipv4AddressValue(ifBR.GetAddress(0)));
        client->AddServer(ifBR.GetAddress(1), 1812, SECRET);
        client->AssignStreams(30);
        nodes.Get(1)->AddApplication(client);
        client->SetStartTime(Seconds(0.5));
        client->TraceConnectWithoutContext("Tx",
                                           MakeBoundCallback(&CountRadiusTx, &r.radiusRequests));

        authorizer = CreateObject<L2tpRadiusAuthorizer>();
        authorizer->SetClient(client);
        if (o.knowPeer)
        {
            authorizer->AddCredential("lac-a", o.passwordAtB);
        }
        authorizer->TraceConnectWithoutContext("Decision",
                                               MakeBoundCallback(&CountDecision, &r.decisions));
        authorizer->Install(b);
    }
    if (o.useRadius && o.lacRadius)
    {
        // The same authorizer class on the initiator: A holds B's SCCRP.
        Ptr<radius::Client> client = CreateObject<radius::Client>();
        client->SetAttribute("NasIdentifier", StringValue("lac-a"));
        client->SetAttribute("NasIpAddress", Ipv4AddressValue(ifAB.GetAddress(0)));
        client->AddServer(ifBR.GetAddress(1), 1812, SECRET);
        client->AssignStreams(40);
        nodes.Get(0)->AddApplication(client);
        client->SetStartTime(Seconds(0.5));
        client->TraceConnectWithoutContext(
            "Tx", MakeBoundCallback(&CountRadiusTx, &r.lac.radiusRequests));

        lacAuthorizer = CreateObject<L2tpRadiusAuthorizer>();
        lacAuthorizer->SetClient(client);
        lacAuthorizer->AddCredential("lns-b", "lns-b-password");
        lacAuthorizer->TraceConnectWithoutContext(
            "Decision", MakeBoundCallback(&CountDecision, &r.lac.decisions));
        lacAuthorizer->Install(a);
    }

    a->TraceConnectWithoutContext("TunnelUp", MakeCallback(&EndpointLog::OnUp, &r.a));
    a->TraceConnectWithoutContext("TunnelDown", MakeCallback(&EndpointLog::OnDown, &r.a));
    b->TraceConnectWithoutContext("TunnelUp", MakeCallback(&EndpointLog::OnUp, &r.b));
    b->TraceConnectWithoutContext("TunnelDown", MakeCallback(&EndpointLog::OnDown, &r.b));

    Simulator::Stop(Seconds(5));
    Simulator::Run();
    if (authorizer)
    {
        r.accepted = authorizer->GetAcceptedCount();
        r.refused = authorizer->GetRefusedCount();
        r.latency = authorizer->GetLastLatency();
    }
    if (lacAuthorizer)
    {
        r.lac.accepted = lacAuthorizer->GetAcceptedCount();
        r.lac.refused = lacAuthorizer->GetRefusedCount();
        r.lac.latency = lacAuthorizer->GetLastLatency();
    }
    Simulator::Destroy();
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));
    return r;
}

/// Runs the pcap-check tool with these arguments; true on exit 0.
bool
PcapCheck(const std::string& file, const std::string& args)
{
    const std::string cmd =
        "'" + PcapCheckTool() + "' '" + file + "' --quiet " + args + " >/dev/null 2>&1";
    return std::system(cmd.c_str()) == 0;
}

/// Right credentials: the tunnel comes up, one B - R round trip later at B.
class RadiusAcceptsTestCase : public TestCase
{
  public:
    RadiusAcceptsTestCase()
        : TestCase("RADIUS accepts the peer: tunnel up one B-R round trip later")
    {
    }

  private:
    void
    DoRun() override
    {
        RunOptions plain;
        plain.useRadius = false;
        const RunResult base = RunScenario(plain);
        NS_TEST_ASSERT_MSG_GT(base.b.upAt, Seconds(0), "baseline: B up without RADIUS");

        RunOptions o;
        o.pcapAB = CreateTempDirFilename("l2tp-radius-ab.pcap");
        o.pcapBR = CreateTempDirFilename("l2tp-radius-br.pcap");
        const RunResult r = RunScenario(o);
        NS_TEST_EXPECT_MSG_GT(r.a.upAt, Seconds(0), "A: tunnel up");
        NS_TEST_EXPECT_MSG_GT(r.b.upAt, Seconds(0), "B: tunnel up");
        NS_TEST_EXPECT_MSG_EQ(r.a.downAt, Seconds(-1), "A: never down");
        NS_TEST_EXPECT_MSG_EQ(r.b.downAt, Seconds(-1), "B: never down");
        NS_TEST_EXPECT_MSG_EQ(r.accepted, 1u, "one peer accepted");
        NS_TEST_EXPECT_MSG_EQ(r.refused, 0u, "none refused");
        NS_TEST_EXPECT_MSG_EQ(r.decisions, 1u, "one Decision trace");
        NS_TEST_EXPECT_MSG_EQ(r.radiusRequests, 1u, "one Access-Request");

        // The hold costs one B - R round trip: propagation both ways plus
        // serialization of two small datagrams at 10 Mb/s (< 1 ms each).
        const Time rtt = kDelayBR * 2;
        const Time extra = r.b.upAt - base.b.upAt;
        NS_TEST_EXPECT_MSG_GT_OR_EQ(extra, rtt, "B up later by at least the B-R RTT");
        NS_TEST_EXPECT_MSG_LT(extra, rtt + MilliSeconds(2), "and not much more");
        NS_TEST_EXPECT_MSG_EQ(r.latency, extra, "RADIUS latency is the whole extra delay");

        if (CanCheckPcaps())
        {
            NS_TEST_EXPECT_MSG_EQ(PcapCheck(o.pcapBR,
                                            "--expect radius --radius-secret '" + SECRET +
                                                "' --expect 'radius.code == 2'"),
                                  true,
                                  "pcap-check: RADIUS Access-Accept on B's link to R");
            NS_TEST_EXPECT_MSG_EQ(
                PcapCheck(o.pcapAB, "--expect l2tp"), true, "pcap-check: L2TP on A's link");
        }
    }
};

/// Wrong password at the server: Access-Reject, StopCCN Result Code 4.
class RadiusRejectsTestCase : public TestCase
{
  public:
    RadiusRejectsTestCase()
        : TestCase("RADIUS rejects the peer: StopCCN with Result Code 4")
    {
    }

  private:
    void
    DoRun() override
    {
        RunOptions o;
        o.passwordAtR = "something-else";
        o.pcapAB = CreateTempDirFilename("l2tp-radius-reject-ab.pcap");
        o.pcapBR = CreateTempDirFilename("l2tp-radius-reject-br.pcap");
        const RunResult r = RunScenario(o);
        // RFC 2661 7.2: the initiator is established once it sends the
        // SCCCN, so A is up until B's StopCCN arrives; B never is.
        NS_TEST_EXPECT_MSG_EQ(r.b.upAt, Seconds(-1), "B: never up");
        NS_TEST_EXPECT_MSG_GT(r.a.downAt, r.a.upAt, "A: tunnel down after the StopCCN");
        NS_TEST_EXPECT_MSG_GT(r.b.downAt, Seconds(0), "B: tunnel down");
        NS_TEST_EXPECT_MSG_EQ(r.a.downReason, ControlFsm::DOWN_PEER_STOPCCN, "A: peer StopCCN");
        NS_TEST_EXPECT_MSG_EQ(r.b.downReason, ControlFsm::DOWN_NOT_AUTHORIZED, "B: refused");
        NS_TEST_EXPECT_MSG_EQ(r.a.resultCode, STOPCCN_NOT_AUTHORIZED, "A: Result Code 4");
        NS_TEST_EXPECT_MSG_EQ(r.b.resultCode, STOPCCN_NOT_AUTHORIZED, "B: Result Code 4");
        NS_TEST_EXPECT_MSG_EQ(r.accepted, 0u, "none accepted");
        NS_TEST_EXPECT_MSG_EQ(r.refused, 1u, "one refused");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(r.latency, kDelayBR * 2, "refused after a RADIUS round trip");

        if (CanCheckPcaps())
        {
            NS_TEST_EXPECT_MSG_EQ(PcapCheck(o.pcapBR,
                                            "--expect radius --radius-secret '" + SECRET +
                                                "' --expect 'radius.code == 3'"),
                                  true,
                                  "pcap-check: RADIUS Access-Reject on B's link to R");
            NS_TEST_EXPECT_MSG_EQ(
                PcapCheck(o.pcapAB, "--expect l2tp"), true, "pcap-check: L2TP on A's link");
        }
    }
};

/// No credential for the peer's Host Name: refused at once, no RADIUS.
class UnknownPeerTestCase : public TestCase
{
  public:
    UnknownPeerTestCase()
        : TestCase("unknown peer Host Name: refused without a RADIUS request")
    {
    }

  private:
    void
    DoRun() override
    {
        RunOptions o;
        o.knowPeer = false;
        const RunResult r = RunScenario(o);
        NS_TEST_EXPECT_MSG_EQ(r.b.upAt, Seconds(-1), "B: never up");
        NS_TEST_EXPECT_MSG_GT(r.a.downAt, r.a.upAt, "A: tunnel down after the StopCCN");
        NS_TEST_EXPECT_MSG_EQ(r.a.resultCode, STOPCCN_NOT_AUTHORIZED, "A: Result Code 4");
        NS_TEST_EXPECT_MSG_EQ(r.radiusRequests, 0u, "no Access-Request");
        NS_TEST_EXPECT_MSG_EQ(r.refused, 1u, "one refused");
        NS_TEST_EXPECT_MSG_EQ(r.latency, Time(), "no RADIUS latency");
    }
};

/// Both ends authorize each other: two RADIUS round trips, one after the
/// other (A on the SCCRP, then B on the SCCCN).
class MutualAuthorizationTestCase : public TestCase
{
  public:
    MutualAuthorizationTestCase()
        : TestCase("mutual authorization: tunnel up after two RADIUS round trips")
    {
    }

  private:
    void
    DoRun() override
    {
        RunOptions plain;
        plain.useRadius = false;
        const RunResult base = RunScenario(plain);
        NS_TEST_ASSERT_MSG_GT(base.a.upAt, Seconds(0), "baseline: A up without RADIUS");
        NS_TEST_ASSERT_MSG_GT(base.b.upAt, Seconds(0), "baseline: B up without RADIUS");

        RunOptions o;
        o.lacRadius = true;
        o.pcapAB = CreateTempDirFilename("l2tp-radius-mutual-ab.pcap");
        o.pcapBR = CreateTempDirFilename("l2tp-radius-mutual-br.pcap");
        const RunResult r = RunScenario(o);
        NS_TEST_EXPECT_MSG_GT(r.a.upAt, Seconds(0), "A: tunnel up");
        NS_TEST_EXPECT_MSG_GT(r.b.upAt, Seconds(0), "B: tunnel up");
        NS_TEST_EXPECT_MSG_EQ(r.a.downAt, Seconds(-1), "A: never down");
        NS_TEST_EXPECT_MSG_EQ(r.b.downAt, Seconds(-1), "B: never down");
        NS_TEST_EXPECT_MSG_EQ(r.lac.accepted, 1u, "A accepted B");
        NS_TEST_EXPECT_MSG_EQ(r.lac.refused, 0u, "A refused none");
        NS_TEST_EXPECT_MSG_EQ(r.lac.decisions, 1u, "A: one Decision trace");
        NS_TEST_EXPECT_MSG_EQ(r.lac.radiusRequests, 1u, "A: one Access-Request");
        NS_TEST_EXPECT_MSG_EQ(r.accepted, 1u, "B accepted A");
        NS_TEST_EXPECT_MSG_EQ(r.refused, 0u, "B refused none");
        NS_TEST_EXPECT_MSG_EQ(r.decisions, 1u, "B: one Decision trace");
        NS_TEST_EXPECT_MSG_EQ(r.radiusRequests, 1u, "B: one Access-Request");

        // A holds the SCCRP for one A - R round trip (across B): A is up
        // (7.2: once the SCCCN is sent) that much later. B then holds the
        // SCCCN, sent that much later, for one B - R round trip. Each
        // round trip is propagation both ways plus serialization of two
        // small datagrams per hop at 10 Mb/s (< 1 ms each).
        const Time rttA = (kDelayAB + kDelayBR) * 2;
        const Time rttB = kDelayBR * 2;
        const Time extraA = r.a.upAt - base.a.upAt;
        const Time extraB = r.b.upAt - base.b.upAt;
        NS_TEST_EXPECT_MSG_GT_OR_EQ(extraA, rttA, "A up later by at least the A-R RTT");
        NS_TEST_EXPECT_MSG_LT(extraA, rttA + MilliSeconds(3), "and not much more");
        NS_TEST_EXPECT_MSG_EQ(r.lac.latency, extraA, "A's RADIUS latency is A's extra delay");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(extraB, rttA + rttB, "B up later by both RTTs");
        NS_TEST_EXPECT_MSG_LT(extraB, rttA + rttB + MilliSeconds(5), "and not much more");
        NS_TEST_EXPECT_MSG_EQ(r.lac.latency + r.latency,
                              extraB,
                              "the two RADIUS latencies are B's whole extra delay");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(
            r.b.upAt - r.a.upAt, kDelayAB + rttB, "B up one A-B delay plus its own RTT after A");

        if (CanCheckPcaps())
        {
            NS_TEST_EXPECT_MSG_EQ(PcapCheck(o.pcapAB,
                                            "--expect l2tp --expect radius --radius-secret '" +
                                                SECRET + "' --expect 'radius.code == 2'"),
                                  true,
                                  "pcap-check: L2TP and A's RADIUS Access-Accept on A's link");
            NS_TEST_EXPECT_MSG_EQ(PcapCheck(o.pcapBR,
                                            "--expect radius --radius-secret '" + SECRET +
                                                "' --expect 'radius.code == 2'"),
                                  true,
                                  "pcap-check: both RADIUS exchanges on B's link to R");
        }
    }
};

/// The LNS's Host Name is unknown to the LAC's RADIUS server: A refuses B's
/// SCCRP with a StopCCN, B never asks RADIUS, both ends go down.
class UnknownLnsTestCase : public TestCase
{
  public:
    UnknownLnsTestCase()
        : TestCase("mutual authorization: LNS unknown to the RADIUS server of the LAC, LAC sends "
                   "StopCCN")
    {
    }

  private:
    void
    DoRun() override
    {
        RunOptions o;
        o.lacRadius = true;
        o.lnsKnownAtR = false;
        o.pcapAB = CreateTempDirFilename("l2tp-radius-unknown-lns-ab.pcap");
        o.pcapBR = CreateTempDirFilename("l2tp-radius-unknown-lns-br.pcap");
        const RunResult r = RunScenario(o);
        NS_TEST_EXPECT_MSG_EQ(r.a.upAt, Seconds(-1), "A: never up (no SCCCN sent)");
        NS_TEST_EXPECT_MSG_EQ(r.b.upAt, Seconds(-1), "B: never up");
        NS_TEST_EXPECT_MSG_GT(r.a.downAt, Seconds(0), "A: tunnel attempt down");
        NS_TEST_EXPECT_MSG_GT(r.b.downAt, r.a.downAt, "B: down when A's StopCCN arrives");
        NS_TEST_EXPECT_MSG_EQ(r.a.downReason, ControlFsm::DOWN_NOT_AUTHORIZED, "A: refused B");
        NS_TEST_EXPECT_MSG_EQ(r.b.downReason, ControlFsm::DOWN_PEER_STOPCCN, "B: peer StopCCN");
        // An initiator refusing the responder clears the connection
        // (RFC 2661 4.4.2 Result Code 1; 4 would name the requester, A).
        NS_TEST_EXPECT_MSG_EQ(r.a.resultCode, STOPCCN_CLEAR, "A: Result Code 1");
        NS_TEST_EXPECT_MSG_EQ(r.b.resultCode, STOPCCN_CLEAR, "B: Result Code 1");
        NS_TEST_EXPECT_MSG_EQ(r.lac.accepted, 0u, "A accepted none");
        NS_TEST_EXPECT_MSG_EQ(r.lac.refused, 1u, "A refused B");
        NS_TEST_EXPECT_MSG_EQ(r.lac.radiusRequests, 1u, "A: one Access-Request");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(
            r.lac.latency, (kDelayAB + kDelayBR) * 2, "refused after an A-R round trip");
        NS_TEST_EXPECT_MSG_EQ(r.radiusRequests, 0u, "B: no Access-Request (no SCCCN)");
        NS_TEST_EXPECT_MSG_EQ(r.decisions, 0u, "B: no decision");

        if (CanCheckPcaps())
        {
            NS_TEST_EXPECT_MSG_EQ(
                PcapCheck(
                    o.pcapAB,
                    "--expect radius --radius-secret '" + SECRET +
                        "' --expect 'radius.code == 3' --expect 'l2tp.avp.message_type == 4'"),
                true,
                "pcap-check: Access-Reject and the StopCCN on A's link");
            NS_TEST_EXPECT_MSG_EQ(PcapCheck(o.pcapBR,
                                            "--expect radius --radius-secret '" + SECRET +
                                                "' --expect 'radius.code == 3'"),
                                  true,
                                  "pcap-check: A's Access-Reject crosses B's link to R");
        }
    }
};

class L2tpRadiusTestSuite : public TestSuite
{
  public:
    L2tpRadiusTestSuite()
        : TestSuite("ipvpn-l2tp-radius", TestSuite::Type::UNIT)
    {
        AddTestCase(new RadiusAcceptsTestCase());
        AddTestCase(new RadiusRejectsTestCase());
        AddTestCase(new UnknownPeerTestCase());
        AddTestCase(new MutualAuthorizationTestCase());
        AddTestCase(new UnknownLnsTestCase());
    }
};

L2tpRadiusTestSuite g_l2tpRadiusTestSuite; ///< registers the suite

} // namespace
