/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns-3 tests of L2TP sessions carrying PPP (RFC 2661 7.4, 3.1 data
 * messages; RFC 1661/1332 inside): a LAC on A and an LNS on B across a
 * router, A - R - B, installed with L2tpTunnelHelper. Tunnel, incoming
 * call, LCP, IPCP, then IPv4 over the session devices (tunnel addresses
 * 10.255.0.1/30 and 10.255.0.2/30) end to end.
 */
#include "ipvpn-pcap-check.h"
#include "ipvpn-l2tp-test-net.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/error-model.h"
#include "ns3/global-value.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/l2tp-control-connection.h"
#include "ns3/l2tp-session-net-device.h"
#include "ns3/l2tp-tunnel-helper.h"
#include "ns3/node-container.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/pointer.h"
#include "ns3/ppp-endpoint.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/udp-client-server-helper.h"
#include "ns3/uinteger.h"
#include "ns3/v4ping-helper.h"
#include "ns3/v4ping.h"

#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::l2tp;

namespace
{

using ipvpntest::CanCheckPcaps;
using ipvpntest::PcapCheckTool;

constexpr double kLinkDelayMs = 5.0; ///< each of the two links
const Time kStart = Seconds(1);      ///< both tunnel ends start then
const Ipv4Address kLacTunnel("10.255.0.1");
const Ipv4Address kLnsTunnel("10.255.0.2");

/// What one run is asked to do.
struct RunOptions
{
    std::string secret;
    bool hideAvps = false;
    bool dataSequencing = false; ///< Ns on data messages (RFC 2661 5.4)
    double coreLoss = 0.0;       ///< packet error rate on R - B, both ways
    int64_t lossStream = 100;    ///< first stream of the two error models
    Time silenceAt;              ///< stop B's tunnel end then (zero: never)
    Time cdnAt;                  ///< B closes its session then (zero: never)
    Time blackholeAt;            ///< B stops taking data messages then (zero: never)
    Time helloInterval = Seconds(60);
    Time pppEchoInterval = Seconds(30);
    Time trafficStart = Seconds(3);
    Time trafficStop = Seconds(8);
    Time stopTime = Seconds(10);
    std::string pcap; ///< pcap of A's link, empty for none
};

/// What one tunnel end reported.
struct EndLog
{
    Time tunnelUpAt = Seconds(-1);
    Time tunnelDownAt = Seconds(-1);
    ControlFsm::DownReason tunnelDownReason = ControlFsm::DOWN_NONE;
    Time sessionUpAt = Seconds(-1);
    Time sessionDownAt = Seconds(-1);
    SessionFsm::DownReason sessionDownReason = SessionFsm::DOWN_NONE;
    uint16_t sessionResult = 0;
    uint16_t sessionId = 0;
    Time linkUpAt = Seconds(-1);
    Time linkDownAt = Seconds(-1);
    uint32_t macTxDrops = 0;

    void
    OnTunnelUp(uint16_t)
    {
        tunnelUpAt = Simulator::Now();
    }

    void
    OnTunnelDown(ControlFsm::DownReason reason, uint16_t)
    {
        tunnelDownAt = Simulator::Now();
        tunnelDownReason = reason;
    }

    void
    OnSessionUp(uint16_t local, uint16_t)
    {
        sessionUpAt = Simulator::Now();
        sessionId = local;
    }

    void
    OnSessionDown(uint16_t, SessionFsm::DownReason reason, uint16_t result)
    {
        sessionDownAt = Simulator::Now();
        sessionDownReason = reason;
        sessionResult = result;
    }

    void
    OnLinkUp(Ipv4Address, Ipv4Address)
    {
        linkUpAt = Simulator::Now();
    }

    void
    OnLinkDown()
    {
        linkDownAt = Simulator::Now();
    }

    void
    OnMacTxDrop(Ptr<const Packet>)
    {
        ++macTxDrops;
    }
};

struct RunResult
{
    EndLog a;
    EndLog b;
    uint64_t udpSent = 0;
    uint64_t udpReceived = 0;
    uint32_t pingsSent = 0;
    uint32_t pingReplies = 0;
    uint32_t coreDrops = 0;
    bool linkUpAtEndA = false;
    bool linkUpAtEndB = false;
    ControlFsm::State finalA = ControlFsm::IDLE;
    size_t sessionsAtEndA = 0;
    TunnelCounters countersA;
    TunnelCounters countersB;
};

void
CountRtt(uint32_t* replies, Time)
{
    ++*replies;
}

/// B's tunnel end stops handing data messages to its device.
void
BlackholeB(Ptr<SessionNetDevice> device)
{
    device->GetTunnel()->SetSessionReceiveCallback(device->GetSessionId(),
                                                   ControlConnection::FrameCallback());
}

/// B closes the session it carries (a CDN, RFC 2661 7.7).
void
CloseBSession(Ptr<SessionNetDevice> device)
{
    const uint16_t id = device->GetSessionId();
    if (id != 0)
    {
        device->GetTunnel()->CloseSession(id, CDN_ADMINISTRATIVE);
    }
}

RunResult
RunSession(const RunOptions& o)
{
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    RunResult r;
    ipvpntest::ChainNet net = ipvpntest::BuildChain(3, MilliSeconds(kLinkDelayMs)); // A (LAC), R, B (LNS)
    NodeContainer& nodes = net.nodes;
    PointToPointHelper& p2p = net.p2p;
    NetDeviceContainer& accessA = net.links[0];
    NetDeviceContainer& accessB = net.links[1];
    Ipv4InterfaceContainer& bIf = net.interfaces[1];

    if (o.coreLoss > 0)
    {
        ipvpntest::AddReceiveLoss(accessB, o.coreLoss, o.lossStream, &r.coreDrops);
    }

    L2tpTunnelHelper l2tp;
    l2tp.SetSecret(o.secret);
    l2tp.SetHostNames("gw-a", "gw-b");
    l2tp.SetTunnelIds(11, 22);
    l2tp.SetTunnelAddresses(kLacTunnel, kLnsTunnel, Ipv4Mask("255.255.255.252"));
    l2tp.SetStartTime(kStart);
    l2tp.SetControlAttribute("HelloInterval", TimeValue(o.helloInterval));
    l2tp.SetControlAttribute("HideAvps", BooleanValue(o.hideAvps));
    l2tp.SetControlAttribute("DataSequencing", BooleanValue(o.dataSequencing));
    l2tp.SetPppAttribute("EchoInterval", TimeValue(o.pppEchoInterval));
    L2tpTunnelHelper::Tunnel t = l2tp.Install(nodes.Get(0), nodes.Get(2), bIf.GetAddress(1));
    l2tp.AssignStreams(t, 10);
    // Global routing sees the session link through its channel; the high
    // interface metric keeps the L2TP packets on the physical path.
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    if (!o.silenceAt.IsZero())
    {
        t.lns->SetStopTime(o.silenceAt);
    }
    if (!o.cdnAt.IsZero())
    {
        Simulator::Schedule(o.cdnAt, &CloseBSession, t.lnsDevice);
    }
    if (!o.blackholeAt.IsZero())
    {
        Simulator::Schedule(o.blackholeAt, &BlackholeB, t.lnsDevice);
    }
    if (!o.pcap.empty())
    {
        p2p.EnablePcap(o.pcap, accessA.Get(0), false, true);
    }

    struct Hook
    {
        Ptr<ControlConnection> end;
        Ptr<SessionNetDevice> device;
        EndLog* log;
    };

    for (const Hook& h : {Hook{t.lac, t.lacDevice, &r.a}, Hook{t.lns, t.lnsDevice, &r.b}})
    {
        h.end->TraceConnectWithoutContext("TunnelUp", MakeCallback(&EndLog::OnTunnelUp, h.log));
        h.end->TraceConnectWithoutContext("TunnelDown", MakeCallback(&EndLog::OnTunnelDown, h.log));
        h.end->TraceConnectWithoutContext("SessionUp", MakeCallback(&EndLog::OnSessionUp, h.log));
        h.end->TraceConnectWithoutContext("SessionDown",
                                          MakeCallback(&EndLog::OnSessionDown, h.log));
        h.device->GetPppEndpoint()->TraceConnectWithoutContext(
            "LinkUp", MakeCallback(&EndLog::OnLinkUp, h.log));
        h.device->GetPppEndpoint()->TraceConnectWithoutContext(
            "LinkDown", MakeCallback(&EndLog::OnLinkDown, h.log));
        h.device->TraceConnectWithoutContext("MacTxDrop",
                                             MakeCallback(&EndLog::OnMacTxDrop, h.log));
    }

    // UDP A -> B's tunnel address, one datagram every 100 ms.
    UdpServerHelper server(9);
    ApplicationContainer serverApp = server.Install(nodes.Get(2));
    serverApp.Start(Seconds(0));
    UdpClientHelper client(kLnsTunnel, 9);
    client.SetAttribute("MaxPackets", UintegerValue(100000));
    client.SetAttribute("Interval", TimeValue(MilliSeconds(100)));
    client.SetAttribute("PacketSize", UintegerValue(512));
    ApplicationContainer clientApp = client.Install(nodes.Get(0));
    clientApp.Start(o.trafficStart);
    clientApp.Stop(o.trafficStop);
    // Ping B -> A's tunnel address, once a second.
    V4PingHelper ping(kLacTunnel);
    ping.SetAttribute("Interval", TimeValue(Seconds(1)));
    ApplicationContainer pingApp = ping.Install(nodes.Get(2));
    pingApp.Start(o.trafficStart);
    pingApp.Stop(o.trafficStop);
    pingApp.Get(0)->TraceConnectWithoutContext("Rtt", MakeBoundCallback(&CountRtt, &r.pingReplies));

    Simulator::Stop(o.stopTime);
    Simulator::Run();

    r.udpReceived = DynamicCast<UdpServer>(serverApp.Get(0))->GetReceived();
    // UdpClient sends one datagram per interval from its start, half-open.
    r.udpSent = static_cast<uint64_t>((o.trafficStop - o.trafficStart).GetMilliSeconds() / 100);
    r.pingsSent = static_cast<uint32_t>((o.trafficStop - o.trafficStart).GetSeconds());
    r.linkUpAtEndA = t.lacDevice->IsLinkUp();
    r.linkUpAtEndB = t.lnsDevice->IsLinkUp();
    r.finalA = t.lac->GetState();
    r.sessionsAtEndA = t.lac->GetSessionIds().size();
    r.countersA = t.lac->GetCounters();
    r.countersB = t.lns->GetCounters();
    Simulator::Destroy();
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));
    return r;
}

/// pcap-check FILE --expect l2tp --expect ppp plus the given filters.
bool
PcapCheck(const std::string& file, const std::vector<std::string>& filters)
{
    std::string cmd = "'" + PcapCheckTool() + "' '" + file + "' --quiet --expect l2tp --expect ppp";
    for (const std::string& f : filters)
    {
        cmd += " --expect '" + f + "'";
    }
    cmd += " >/dev/null 2>&1";
    return std::system(cmd.c_str()) == 0;
}

std::string
Ms(Time t)
{
    return std::to_string(t.GetMicroSeconds() / 1000.0) + " ms";
}

std::string
SessionReason(SessionFsm::DownReason reason)
{
    return SessionFsm::DownReasonName(reason);
}

// ------------------------------------------------------------------ cases

/// Tunnel, session, LCP, IPCP, then UDP and ping over the session devices.
class EndToEndTestCase : public TestCase
{
  public:
    EndToEndTestCase(bool secret)
        : TestCase(secret ? "session with secret, hidden AVPs and numbered data carries IPv4"
                          : "session carries PPP and IPv4 end to end")
        , m_secret(secret)
    {
    }

  private:
    void
    DoRun() override
    {
        RunOptions o;
        if (m_secret)
        {
            o.secret = "tunnel-secret";
            o.hideAvps = true;
            o.dataSequencing = true;
        }
        o.pcap = CreateTempDirFilename(m_secret ? "l2tp-session-hidden.pcap" : "l2tp-session.pcap");
        const RunResult r = RunSession(o);

        NS_TEST_ASSERT_MSG_EQ(r.a.tunnelUpAt.IsPositive(), true, "A: TunnelUp");
        NS_TEST_ASSERT_MSG_EQ(r.b.tunnelUpAt.IsPositive(), true, "B: TunnelUp");
        NS_TEST_ASSERT_MSG_EQ(r.a.sessionUpAt.IsPositive(), true, "A: SessionUp");
        NS_TEST_ASSERT_MSG_EQ(r.b.sessionUpAt.IsPositive(), true, "B: SessionUp");
        NS_TEST_ASSERT_MSG_EQ(r.a.linkUpAt.IsPositive(), true, "A: PPP link (IPCP) up");
        NS_TEST_ASSERT_MSG_EQ(r.b.linkUpAt.IsPositive(), true, "B: PPP link (IPCP) up");
        NS_TEST_EXPECT_MSG_EQ(r.linkUpAtEndA && r.linkUpAtEndB, true, "devices up at the end");

        // One-way 10 ms. A: SCCRQ, SCCRP -> tunnel up (1 RTT); SCCCN + ICRQ,
        // ICRP -> call up (2 RTT). B: ICCN -> call up (2.5 RTT). Then LCP
        // and IPCP, one Configure-Request/Ack exchange each (2 RTT).
        const Time rtt = MilliSeconds(4 * kLinkDelayMs);
        const Time slack = MilliSeconds(5); // 10 Mbit/s serialisations
        const Time tunnel = r.a.tunnelUpAt - kStart;
        const Time sessionA = r.a.sessionUpAt - kStart;
        const Time sessionB = r.b.sessionUpAt - kStart;
        const Time link = std::max(r.a.linkUpAt, r.b.linkUpAt) - kStart;
        std::cout << "setup (" << GetName() << "): tunnel (LAC) " << Ms(tunnel) << ", session LAC "
                  << Ms(sessionA) << " / LNS " << Ms(sessionB) << ", PPP IPCP up on both "
                  << Ms(link) << "\n";
        NS_TEST_EXPECT_MSG_EQ((tunnel >= rtt && tunnel <= rtt + slack),
                              true,
                              "A's tunnel up after one RTT, got " << Ms(tunnel));
        NS_TEST_EXPECT_MSG_EQ((sessionA >= 2 * rtt && sessionA <= 2 * rtt + slack),
                              true,
                              "A's call up after two RTT, got " << Ms(sessionA));
        NS_TEST_EXPECT_MSG_EQ((sessionB >= 2.5 * rtt && sessionB <= 2.5 * rtt + slack),
                              true,
                              "B's call up after 2.5 RTT, got " << Ms(sessionB));
        NS_TEST_EXPECT_MSG_EQ((link >= sessionB + 2 * rtt && link <= sessionB + 2 * rtt + slack),
                              true,
                              "IPCP up on both two RTT after the call, got " << Ms(link));

        // Every datagram and ping sent after the link came up arrives.
        NS_TEST_EXPECT_MSG_EQ(r.udpReceived, r.udpSent, "UDP over the session: all delivered");
        NS_TEST_EXPECT_MSG_EQ(r.pingReplies, r.pingsSent, "ping over the session: all answered");
        NS_TEST_EXPECT_MSG_GT(r.countersA.dataTx, r.udpSent, "A counted its data messages");
        NS_TEST_EXPECT_MSG_GT(r.countersB.dataRx, r.udpSent, "B counted its data messages");
        NS_TEST_EXPECT_MSG_EQ(r.countersA.sessionsUp, 1u, "one call at A");
        NS_TEST_EXPECT_MSG_EQ(r.countersB.sessionsUp, 1u, "one call at B");
        NS_TEST_EXPECT_MSG_EQ(r.countersA.drops + r.countersB.drops, 0u, "no drops");
        NS_TEST_EXPECT_MSG_EQ(r.countersA.retransmissions, 0u, "no retransmissions");

        if (CanCheckPcaps())
        {
            std::vector<std::string> filters = {"l2tp.avp.message_type == 10",
                                                "l2tp.avp.message_type == 12",
                                                "l2tp.type == 0 && lcp",
                                                "l2tp.type == 0 && ipcp",
                                                "l2tp.type == 0 && icmp",
                                                "l2tp.type == 0 && udp.dstport == 9"};
            if (m_secret)
            {
                filters.push_back("l2tp.avp.hidden == 1");
                filters.push_back("l2tp.type == 0 && l2tp.seq_bit == 1 && l2tp.Ns > 40");
            }
            NS_TEST_EXPECT_MSG_EQ(
                PcapCheck(o.pcap, filters),
                true,
                "pcap-check: L2TP control, and PPP LCP/IPCP/IPv4 in data messages");
        }
    }

    bool m_secret;
};

/// RFC 2661 7.7: a CDN ends the call on both ends; the device goes down and
/// the tunnel stays.
class CdnTestCase : public TestCase
{
  public:
    CdnTestCase()
        : TestCase("CDN tears the session down, the device goes down, the tunnel stays")
    {
    }

  private:
    void
    DoRun() override
    {
        RunOptions o;
        o.cdnAt = Seconds(5);
        o.pcap = CreateTempDirFilename("l2tp-session-cdn.pcap");
        const RunResult r = RunSession(o);

        NS_TEST_ASSERT_MSG_EQ(r.a.linkUpAt.IsPositive(), true, "A: PPP link up first");
        NS_TEST_ASSERT_MSG_EQ(r.a.sessionDownAt.IsPositive(), true, "A: SessionDown");
        NS_TEST_ASSERT_MSG_EQ(r.b.sessionDownAt.IsPositive(), true, "B: SessionDown");
        NS_TEST_EXPECT_MSG_EQ(SessionReason(r.b.sessionDownReason),
                              SessionReason(SessionFsm::DOWN_LOCAL_CLOSE),
                              "B closed it");
        NS_TEST_EXPECT_MSG_EQ(SessionReason(r.a.sessionDownReason),
                              SessionReason(SessionFsm::DOWN_PEER_CDN),
                              "A received the CDN");
        NS_TEST_EXPECT_MSG_EQ(r.a.sessionResult, CDN_ADMINISTRATIVE, "Result Code 3 received");
        NS_TEST_EXPECT_MSG_EQ(r.b.sessionDownAt, Seconds(5), "B down at once");
        NS_TEST_EXPECT_MSG_EQ(
            (r.a.sessionDownAt > Seconds(5) && r.a.sessionDownAt <= Seconds(5) + MilliSeconds(12)),
            true,
            "A down one way later");
        NS_TEST_EXPECT_MSG_EQ(r.a.linkDownAt.IsPositive(), true, "A: PPP link down");
        NS_TEST_EXPECT_MSG_EQ(r.b.linkDownAt.IsPositive(), true, "B: PPP link down");
        NS_TEST_EXPECT_MSG_EQ(r.linkUpAtEndA || r.linkUpAtEndB, false, "devices down");
        NS_TEST_EXPECT_MSG_EQ(r.finalA, ControlFsm::ESTABLISHED, "the tunnel stays");
        NS_TEST_EXPECT_MSG_EQ(r.a.tunnelDownAt.IsNegative(), true, "no TunnelDown");
        NS_TEST_EXPECT_MSG_EQ(r.sessionsAtEndA, 0u, "A has no session left");
        // Traffic 3 s - 8 s: what was sent before the CDN arrives, what
        // was sent after is refused by the device.
        NS_TEST_EXPECT_MSG_EQ(r.udpReceived, 20u, "the 20 datagrams of 3 s - 5 s delivered");
        NS_TEST_EXPECT_MSG_GT(r.a.macTxDrops, 20u, "later datagrams refused by A's device");
        if (CanCheckPcaps())
        {
            NS_TEST_EXPECT_MSG_EQ(PcapCheck(o.pcap, {"l2tp.avp.message_type == 14"}),
                                  true,
                                  "pcap-check: the CDN on A's link");
        }
    }
};

/// RFC 2661 5.8 and RFC 1661 restart timers: 20 % loss each way on R - B.
class LossyTestCase : public TestCase
{
  public:
    LossyTestCase()
        : TestCase("20 % loss on the LNS side: tunnel, session and PPP still come up")
    {
    }

  private:
    void
    DoRun() override
    {
        uint32_t drops = 0;
        uint32_t retransmissions = 0;
        Time slowest;
        for (int64_t run = 0; run < 8; ++run)
        {
            RunOptions o;
            o.coreLoss = 0.2;
            o.lossStream = 2 * run;
            o.trafficStart = Seconds(40);
            o.trafficStop = Seconds(50);
            o.stopTime = Seconds(51);
            const RunResult r = RunSession(o);
            NS_TEST_ASSERT_MSG_EQ(r.a.sessionUpAt.IsPositive(), true, "A: session up, run " << run);
            NS_TEST_ASSERT_MSG_EQ(r.b.sessionUpAt.IsPositive(), true, "B: session up, run " << run);
            NS_TEST_ASSERT_MSG_EQ((r.a.linkUpAt.IsPositive() && r.b.linkUpAt.IsPositive()),
                                  true,
                                  "PPP up on both ends, run " << run);
            NS_TEST_EXPECT_MSG_EQ(r.linkUpAtEndA && r.linkUpAtEndB, true, "still up, run " << run);
            NS_TEST_EXPECT_MSG_GT(r.udpReceived, 0u, "UDP crosses, run " << run);
            NS_TEST_EXPECT_MSG_LT(r.udpReceived, r.udpSent, "and some is lost, run " << run);
            drops += r.coreDrops;
            retransmissions += r.countersA.retransmissions + r.countersB.retransmissions;
            slowest = std::max(slowest, std::max(r.a.linkUpAt, r.b.linkUpAt) - kStart);
        }
        std::cout << "setup (" << GetName() << "): slowest PPP/IPCP up after " << Ms(slowest)
                  << ", " << retransmissions << " control retransmissions in 8 runs\n";
        NS_TEST_EXPECT_MSG_GT(drops, 0u, "the error models dropped packets");
        NS_TEST_EXPECT_MSG_GT(retransmissions, 0u, "control messages were retransmitted");
    }
};

/// RFC 2661 6.5 / 5.8: B falls silent; A's HELLO goes unanswered and the
/// tunnel is torn down at the retry limit, the session with it.
class SilentPeerTestCase : public TestCase
{
  public:
    SilentPeerTestCase()
        : TestCase("silent peer: HELLO timeout tears the tunnel and the session down")
    {
    }

  private:
    void
    DoRun() override
    {
        RunOptions o;
        o.helloInterval = Seconds(10);
        o.pppEchoInterval = Seconds(0); // leave the detection to L2TP
        o.silenceAt = Seconds(4);
        o.trafficStart = Seconds(2);
        o.trafficStop = Seconds(3);
        o.stopTime = Seconds(80);
        const RunResult r = RunSession(o);

        NS_TEST_ASSERT_MSG_EQ(r.a.linkUpAt.IsPositive(), true, "A: PPP link up first");
        NS_TEST_ASSERT_MSG_EQ(r.a.tunnelDownAt.IsPositive(), true, "A: TunnelDown");
        NS_TEST_EXPECT_MSG_EQ(
            ControlFsm::DownReasonName(r.a.tunnelDownReason),
            std::string(ControlFsm::DownReasonName(ControlFsm::DOWN_DELIVERY_FAILED)),
            "retry limit");
        // The last message from B was around 1.05 s; HELLO 10 s later,
        // then 1+2+4+8+8 s of retransmissions and a last 8 s timeout.
        const Time expected = Seconds(31) + o.helloInterval;
        NS_TEST_EXPECT_MSG_EQ(
            (r.a.tunnelDownAt > expected && r.a.tunnelDownAt < expected + Seconds(4)),
            true,
            "TunnelDown 10 s + 31 s after the last message, got " << r.a.tunnelDownAt.As(Time::S));
        NS_TEST_ASSERT_MSG_EQ(r.a.sessionDownAt.IsPositive(), true, "A: SessionDown");
        NS_TEST_EXPECT_MSG_EQ(r.a.sessionDownAt, r.a.tunnelDownAt, "with the tunnel");
        NS_TEST_EXPECT_MSG_EQ(SessionReason(r.a.sessionDownReason),
                              SessionReason(SessionFsm::DOWN_TUNNEL_DOWN),
                              "cleared with its tunnel");
        NS_TEST_EXPECT_MSG_EQ(r.a.linkDownAt, r.a.tunnelDownAt, "device down with it");
        NS_TEST_EXPECT_MSG_EQ(r.linkUpAtEndA, false, "A's device down at the end");
        NS_TEST_EXPECT_MSG_EQ(r.finalA, ControlFsm::IDLE, "A idle");
        NS_TEST_EXPECT_MSG_EQ(
            r.countersA.tunnelDownReasons.count("delivery-failed"), 1u, "counted with its reason");
    }
};

/// PPP keepalive (LCP Echo) fails while the tunnel is fine: PPP gives up
/// and the session device closes the call with a CDN (RFC 2661 7.7).
class PppDeadTestCase : public TestCase
{
  public:
    PppDeadTestCase()
        : TestCase("PPP keepalive failure closes the session with a CDN")
    {
    }

  private:
    void
    DoRun() override
    {
        RunOptions o;
        o.pppEchoInterval = Seconds(1);
        o.blackholeAt = Seconds(4);
        o.stopTime = Seconds(30);
        const RunResult r = RunSession(o);

        NS_TEST_ASSERT_MSG_EQ(r.a.linkUpAt.IsPositive(), true, "A: PPP link up first");
        NS_TEST_ASSERT_MSG_EQ(r.a.sessionDownAt.IsPositive(), true, "A: SessionDown");
        NS_TEST_ASSERT_MSG_EQ(r.b.sessionDownAt.IsPositive(), true, "B: SessionDown");
        // B hears nothing, so both ends' keepalives fail; each device
        // closes the call, or gets the other's CDN first.
        for (const EndLog* end : {&r.a, &r.b})
        {
            const std::string reason = SessionReason(end->sessionDownReason);
            NS_TEST_EXPECT_MSG_EQ((reason == SessionReason(SessionFsm::DOWN_LOCAL_CLOSE) ||
                                   reason == SessionReason(SessionFsm::DOWN_PEER_CDN)),
                                  true,
                                  "closed by a CDN, got " << reason);
            NS_TEST_EXPECT_MSG_EQ(end->sessionResult, CDN_ADMINISTRATIVE, "Result Code 3");
            NS_TEST_EXPECT_MSG_EQ(
                (end->linkDownAt > o.blackholeAt && end->linkDownAt <= end->sessionDownAt),
                true,
                "IPCP down before the call ends");
        }
        NS_TEST_EXPECT_MSG_EQ(r.finalA, ControlFsm::ESTABLISHED, "the tunnel stays");
        NS_TEST_EXPECT_MSG_GT(r.countersB.dropReasons.count("no receiver for the session"),
                              0u,
                              "B dropped the data messages");
    }
};

/// Two tunnels end on one node: the LNS ends share its UDP port 1701 and
/// each takes the SCCRQ of its own LAC (l2tp::UdpPort); both calls carry
/// IPv4. B (LAC) - R - A (LNS, LNS), C (LAC) - R.
class TwoTunnelsOneNodeTestCase : public TestCase
{
  public:
    TwoTunnelsOneNodeTestCase()
        : TestCase("two tunnels ending on one node share its port 1701")
    {
    }

  private:
    void
    DoRun() override
    {
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
        NodeContainer nodes;
        nodes.Create(4); // A, R, B, C
        InternetStackHelper internet;
        internet.Install(nodes);
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
        p2p.SetChannelAttribute("Delay", TimeValue(MilliSeconds(kLinkDelayMs)));
        Ipv4AddressHelper addresses;
        addresses.SetBase("10.0.1.0", "255.255.255.0");
        Ipv4InterfaceContainer aIf = addresses.Assign(p2p.Install(nodes.Get(0), nodes.Get(1)));
        addresses.SetBase("10.0.2.0", "255.255.255.0");
        Ipv4InterfaceContainer bIf = addresses.Assign(p2p.Install(nodes.Get(2), nodes.Get(1)));
        addresses.SetBase("10.0.3.0", "255.255.255.0");
        Ipv4InterfaceContainer cIf = addresses.Assign(p2p.Install(nodes.Get(3), nodes.Get(1)));

        L2tpTunnelHelper l2tp;
        l2tp.SetStartTime(kStart);
        l2tp.SetTunnelIds(11, 22);
        l2tp.SetTunnelAddresses(
            Ipv4Address("10.255.0.1"), Ipv4Address("10.255.0.2"), Ipv4Mask("255.255.255.252"));
        // C's tunnel is installed first, so A's first LNS end is C's: B's
        // SCCRQ, which arrives first, must still go to the second.
        L2tpTunnelHelper other = l2tp;
        other.SetTunnelIds(33, 44);
        other.SetTunnelAddresses(
            Ipv4Address("10.255.1.1"), Ipv4Address("10.255.1.2"), Ipv4Mask("255.255.255.255"));
        other.SetStartTime(kStart + MilliSeconds(50));
        L2tpTunnelHelper::Tunnel tc =
            other.Install(nodes.Get(3), nodes.Get(0), aIf.GetAddress(0), cIf.GetAddress(0));
        L2tpTunnelHelper::Tunnel tb =
            l2tp.Install(nodes.Get(2), nodes.Get(0), aIf.GetAddress(0), bIf.GetAddress(0));
        l2tp.AssignStreams(tb, 10);
        other.AssignStreams(tc, 20);
        Ipv4GlobalRoutingHelper::PopulateRoutingTables();

        // A pings both LACs over their sessions.
        uint32_t repliesB = 0;
        uint32_t repliesC = 0;
        for (auto [target, counter] : {std::make_pair(Ipv4Address("10.255.0.1"), &repliesB),
                                       std::make_pair(Ipv4Address("10.255.1.1"), &repliesC)})
        {
            V4PingHelper ping(target);
            ping.SetAttribute("Interval", TimeValue(Seconds(1)));
            ApplicationContainer app = ping.Install(nodes.Get(0));
            app.Start(Seconds(3));
            app.Stop(Seconds(8));
            app.Get(0)->TraceConnectWithoutContext("Rtt", MakeBoundCallback(&CountRtt, counter));
        }
        Simulator::Stop(Seconds(10));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(tb.lns->GetState(), ControlFsm::ESTABLISHED, "A's end for B up");
        NS_TEST_EXPECT_MSG_EQ(tc.lns->GetState(), ControlFsm::ESTABLISHED, "A's end for C up");
        NS_TEST_EXPECT_MSG_EQ(tb.lns->GetPeerAddress(), bIf.GetAddress(0), "B's end talks to B");
        NS_TEST_EXPECT_MSG_EQ(tc.lns->GetPeerAddress(), cIf.GetAddress(0), "C's end talks to C");
        NS_TEST_EXPECT_MSG_EQ(tb.lnsDevice->IsLinkUp(), true, "A's session device for B up");
        NS_TEST_EXPECT_MSG_EQ(tc.lnsDevice->IsLinkUp(), true, "A's session device for C up");
        NS_TEST_EXPECT_MSG_EQ(repliesB, 5u, "pings to B over its session");
        NS_TEST_EXPECT_MSG_EQ(repliesC, 5u, "pings to C over its session (/32 host routes)");
        NS_TEST_EXPECT_MSG_EQ(
            tb.lns->GetCounters().drops + tc.lns->GetCounters().drops, 0u, "no drops");
        Simulator::Destroy();
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));
    }
};

class L2tpSessionTestSuite : public TestSuite
{
  public:
    L2tpSessionTestSuite()
        : TestSuite("ipvpn-l2tp-session", TestSuite::Type::UNIT)
    {
        AddTestCase(new EndToEndTestCase(false));
        AddTestCase(new EndToEndTestCase(true));
        AddTestCase(new CdnTestCase);
        AddTestCase(new LossyTestCase);
        AddTestCase(new SilentPeerTestCase);
        AddTestCase(new PppDeadTestCase);
        AddTestCase(new TwoTunnelsOneNodeTestCase);
    }
};

L2tpSessionTestSuite g_l2tpSessionTestSuite; ///< registers the suite

} // namespace
