/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns-3 tests of the L2TP control connection driver (RFC 2661 7.2 over UDP
 * 1701): two endpoints A (initiator) and B (responder) across a routed
 * core A - R1 - R2 - B of point-to-point links.
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
#include "ns3/node-container.h"
#include "ns3/packet.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <cstdlib>
#include <string>
#include <sys/stat.h>
#include <vector>

using namespace ns3;
using namespace ns3::l2tp;

namespace
{

using ipvpntest::CanCheckPcaps;
using ipvpntest::PcapCheckTool;

constexpr double kLinkDelayMs = 5.0; ///< each of the three links
const Time kStart = Seconds(1);      ///< A opens at this time

/// What one run is asked to do.
struct RunOptions
{
    std::string secretA;
    std::string secretB;
    double coreLoss = 0.0;    ///< packet error rate on the R1 - R2 link
    int64_t lossStream = 100; ///< first stream of the two error models
    Time silenceAt;           ///< stop B's application then (zero: never)
    Time helloInterval = Seconds(60);
    Time stopTime = Seconds(10);
    std::string pcap;          ///< pcap of A's link, empty for none
    bool authorizeAtB = false; ///< B holds the SCCCN for a callback
    Time authDelay;            ///< the callback answers after this long
    bool authAccept = true;    ///< and with this decision
};

/// What one endpoint reported through its trace sources.
struct EndpointLog
{
    Time upAt = Seconds(-1);
    Time downAt = Seconds(-1);
    ControlFsm::DownReason downReason = ControlFsm::DOWN_NONE;
    uint16_t resultCode = 0;
    uint32_t stateChanges = 0;
    std::vector<Time> helloTx; ///< HELLO transmissions, with retransmissions
    uint32_t tx = 0;
    uint32_t rx = 0;

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

    void
    OnState(ControlFsm::State, ControlFsm::State)
    {
        ++stateChanges;
    }

    void
    OnTx(uint16_t type, Ptr<const Packet>)
    {
        ++tx;
        if (type == HELLO)
        {
            helloTx.push_back(Simulator::Now());
        }
    }

    void
    OnRx(uint16_t, Ptr<const Packet>)
    {
        ++rx;
    }
};

struct RunResult
{
    EndpointLog a;
    EndpointLog b;
    uint32_t coreDrops = 0;
    ControlFsm::State finalA = ControlFsm::IDLE;
    ControlFsm::State finalB = ControlFsm::IDLE;
    std::string authorizationAskedFor; ///< peer Host Name given to the hook
};

/// Authorization hook of B: answers later, as a RADIUS exchange would.
void
AnswerLater(Time delay,
            bool accept,
            std::string* askedFor,
            Ptr<ControlConnection> app,
            const std::string& peerHostName)
{
    *askedFor = peerHostName;
    Simulator::Schedule(delay, &ControlConnection::Authorize, app, accept);
}

Ptr<ControlConnection>
MakeEndpoint(Ptr<Node> node, const RunOptions& o, bool initiator, int64_t stream)
{
    Ptr<ControlConnection> app = CreateObject<ControlConnection>();
    app->SetAttribute("Initiator", BooleanValue(initiator));
    app->SetAttribute("LocalTunnelId", UintegerValue(initiator ? 11 : 22));
    app->SetAttribute("HostName", StringValue(initiator ? "lac-a" : "lns-b"));
    app->SetAttribute("Secret", StringValue(initiator ? o.secretA : o.secretB));
    app->SetAttribute("HelloInterval", TimeValue(o.helloInterval));
    app->AssignStreams(stream);
    node->AddApplication(app);
    return app;
}

RunResult
RunTunnel(const RunOptions& o)
{
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    RunResult r;
    ipvpntest::ChainNet net = ipvpntest::BuildChain(4, MilliSeconds(kLinkDelayMs)); // A, R1, R2, B
    NodeContainer& nodes = net.nodes;
    PointToPointHelper& p2p = net.p2p;
    NetDeviceContainer& accessA = net.links[0];
    NetDeviceContainer& core = net.links[1];
    Ipv4InterfaceContainer& bIf = net.interfaces[2];
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    if (o.coreLoss > 0)
    {
        ipvpntest::AddReceiveLoss(core, o.coreLoss, o.lossStream, &r.coreDrops);
    }
    if (!o.pcap.empty())
    {
        p2p.EnablePcap(o.pcap, accessA.Get(0), false, true);
    }

    RunOptions options = o;
    Ptr<ControlConnection> a = MakeEndpoint(nodes.Get(0), options, true, 10);
    a->SetAttribute("PeerAddress", Ipv4AddressValue(bIf.GetAddress(1)));
    Ptr<ControlConnection> b = MakeEndpoint(nodes.Get(3), options, false, 20);
    if (o.authorizeAtB)
    {
        b->SetAuthorizationCallback(
            MakeBoundCallback(&AnswerLater, o.authDelay, o.authAccept, &r.authorizationAskedFor));
    }
    a->SetStartTime(kStart);
    b->SetStartTime(Seconds(0.5));
    if (!o.silenceAt.IsZero())
    {
        b->SetStopTime(o.silenceAt);
    }

    struct Hook
    {
        Ptr<ControlConnection> app;
        EndpointLog* log;
    };

    for (const Hook& h : {Hook{a, &r.a}, Hook{b, &r.b}})
    {
        h.app->TraceConnectWithoutContext("TunnelUp", MakeCallback(&EndpointLog::OnUp, h.log));
        h.app->TraceConnectWithoutContext("TunnelDown", MakeCallback(&EndpointLog::OnDown, h.log));
        h.app->TraceConnectWithoutContext("StateChange",
                                          MakeCallback(&EndpointLog::OnState, h.log));
        h.app->TraceConnectWithoutContext("Tx", MakeCallback(&EndpointLog::OnTx, h.log));
        h.app->TraceConnectWithoutContext("Rx", MakeCallback(&EndpointLog::OnRx, h.log));
    }

    Simulator::Stop(o.stopTime);
    Simulator::Run();
    r.finalA = a->GetState();
    r.finalB = b->GetState();
    Simulator::Destroy();
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));
    return r;
}




/// pcap-check FILE --expect l2tp --expect 'l2tp.avp.message_type == 1'.
bool
PcapHasSccrq(const std::string& file)
{
    const std::string cmd = "'" + PcapCheckTool() + "' '" + file +
                            "' --quiet --expect l2tp --expect 'l2tp.avp.message_type == 1'" +
                            " >/dev/null 2>&1";
    return std::system(cmd.c_str()) == 0;
}


std::string
ReasonName(ControlFsm::DownReason reason)
{
    return ControlFsm::DownReasonName(reason);
}

/// One-way propagation delay A -> B.
Time
OneWay()
{
    return MilliSeconds(3 * kLinkDelayMs);
}

// ------------------------------------------------------------------ cases

/// RFC 2661 7.2: SCCRQ, SCCRP, SCCCN; A up after 1 RTT, B after 1.5 RTT.
class TunnelUpTestCase : public TestCase
{
  public:
    TunnelUpTestCase(const std::string& secret)
        : TestCase(secret.empty() ? "tunnel comes up without tunnel authentication"
                                  : "tunnel comes up with a shared secret")
        , m_secret(secret)
    {
    }

  private:
    void
    DoRun() override
    {
        RunOptions o;
        o.secretA = m_secret;
        o.secretB = m_secret;
        o.pcap = CreateTempDirFilename("l2tp-up.pcap");
        const RunResult r = RunTunnel(o);

        NS_TEST_ASSERT_MSG_EQ(r.a.upAt.IsPositive(), true, "A: TunnelUp");
        NS_TEST_ASSERT_MSG_EQ(r.b.upAt.IsPositive(), true, "B: TunnelUp");
        NS_TEST_EXPECT_MSG_EQ(r.finalA, ControlFsm::ESTABLISHED, "A established at the end");
        NS_TEST_EXPECT_MSG_EQ(r.finalB, ControlFsm::ESTABLISHED, "B established at the end");
        NS_TEST_EXPECT_MSG_EQ(r.a.downAt.IsNegative(), true, "A: no TunnelDown");
        NS_TEST_EXPECT_MSG_EQ(r.b.downAt.IsNegative(), true, "B: no TunnelDown");

        // Propagation plus a few 10 Mbit/s serialisations per message.
        const Time rtt = 2 * OneWay();
        const Time slack = MilliSeconds(3);
        const Time upA = r.a.upAt - kStart;
        const Time upB = r.b.upAt - kStart;
        NS_TEST_EXPECT_MSG_EQ((upA >= rtt && upA <= rtt + slack),
                              true,
                              "A up after one RTT, got " << upA.As(Time::MS));
        NS_TEST_EXPECT_MSG_EQ((upB >= rtt + OneWay() && upB <= rtt + OneWay() + slack),
                              true,
                              "B up after 1.5 RTT, got " << upB.As(Time::MS));

        if (CanCheckPcaps())
        {
            NS_TEST_EXPECT_MSG_EQ(PcapHasSccrq(o.pcap), true, "pcap-check: L2TP SCCRQ on A's link");
        }
    }

    std::string m_secret;
};

/// RFC 2661 5.1.1: a wrong Challenge Response ends the attempt; the
/// StopCCN's Result Code reaches both sides.
class WrongSecretTestCase : public TestCase
{
  public:
    WrongSecretTestCase()
        : TestCase("wrong secret: TunnelDown with a Result Code on both sides")
    {
    }

  private:
    void
    DoRun() override
    {
        RunOptions o;
        o.secretA = "alpha";
        o.secretB = "bravo";
        o.pcap = CreateTempDirFilename("l2tp-wrong-secret.pcap");
        const RunResult r = RunTunnel(o);

        NS_TEST_EXPECT_MSG_EQ(r.a.upAt.IsNegative(), true, "A never up");
        NS_TEST_EXPECT_MSG_EQ(r.b.upAt.IsNegative(), true, "B never up");
        NS_TEST_ASSERT_MSG_EQ(r.a.downAt.IsPositive(), true, "A: TunnelDown");
        NS_TEST_ASSERT_MSG_EQ(r.b.downAt.IsPositive(), true, "B: TunnelDown");
        NS_TEST_EXPECT_MSG_EQ(ReasonName(r.a.downReason),
                              ReasonName(ControlFsm::DOWN_AUTH_FAILED),
                              "A refuses B's Challenge Response");
        NS_TEST_EXPECT_MSG_EQ(ReasonName(r.b.downReason),
                              ReasonName(ControlFsm::DOWN_PEER_STOPCCN),
                              "B receives A's StopCCN");
        NS_TEST_EXPECT_MSG_NE(r.a.resultCode, 0, "A: Result Code sent");
        NS_TEST_EXPECT_MSG_EQ(r.b.resultCode, r.a.resultCode, "B: the same Result Code received");
        NS_TEST_EXPECT_MSG_EQ(r.finalA, ControlFsm::IDLE, "A idle");
        NS_TEST_EXPECT_MSG_EQ(r.finalB, ControlFsm::IDLE, "B idle");
        if (CanCheckPcaps())
        {
            NS_TEST_EXPECT_MSG_EQ(PcapHasSccrq(o.pcap), true, "pcap-check: L2TP SCCRQ on A's link");
        }
    }
};

/// RFC 2661 5.8: with 20 % loss in the core the retransmissions still
/// bring the tunnel up.
class LossyCoreTestCase : public TestCase
{
  public:
    LossyCoreTestCase()
        : TestCase("20 % loss on a core link: tunnel comes up via retransmissions")
    {
    }

  private:
    void
    DoRun() override
    {
        // Ten loss patterns (error model streams); every one must come up.
        uint32_t drops = 0;
        uint32_t retransmitted = 0;
        for (int64_t run = 0; run < 10; ++run)
        {
            RunOptions o;
            o.secretA = "shared";
            o.secretB = "shared";
            o.coreLoss = 0.2;
            o.lossStream = 2 * run;
            o.stopTime = Seconds(40);
            const RunResult r = RunTunnel(o);
            NS_TEST_ASSERT_MSG_EQ(
                r.a.upAt.IsPositive(), true, "A: TunnelUp, stream " << o.lossStream);
            NS_TEST_ASSERT_MSG_EQ(
                r.b.upAt.IsPositive(), true, "B: TunnelUp, stream " << o.lossStream);
            NS_TEST_EXPECT_MSG_EQ(r.finalA, ControlFsm::ESTABLISHED, "A established");
            NS_TEST_EXPECT_MSG_EQ(r.finalB, ControlFsm::ESTABLISHED, "B established");
            drops += r.coreDrops;
            // Without loss: SCCRQ + SCCCN from A, SCCRP + ZLB from B.
            if (r.a.tx + r.b.tx > 4)
            {
                ++retransmitted;
            }
        }
        NS_TEST_EXPECT_MSG_GT(drops, 0u, "the error models dropped packets");
        NS_TEST_EXPECT_MSG_GT(retransmitted, 0u, "some runs came up only via retransmissions");
    }
};

/// RFC 2661 6.5 and 5.8: the peer goes silent; HELLO and its
/// retransmissions go unanswered; TunnelDown at the retry limit.
class SilentPeerTestCase : public TestCase
{
  public:
    SilentPeerTestCase()
        : TestCase("silent peer: HELLO retransmissions, TunnelDown at the retry limit")
    {
    }

  private:
    void
    DoRun() override
    {
        RunOptions o;
        o.helloInterval = Seconds(10);
        o.silenceAt = Seconds(3);
        o.stopTime = Seconds(80);
        const RunResult r = RunTunnel(o);

        NS_TEST_ASSERT_MSG_EQ(r.a.upAt.IsPositive(), true, "A: TunnelUp");
        NS_TEST_ASSERT_MSG_EQ(r.a.downAt.IsPositive(), true, "A: TunnelDown");
        NS_TEST_EXPECT_MSG_EQ(ReasonName(r.a.downReason),
                              ReasonName(ControlFsm::DOWN_DELIVERY_FAILED),
                              "A gives up at the retry limit");
        // Attribute defaults: 1 s doubling to 8 s, 5 retransmissions.
        NS_TEST_ASSERT_MSG_EQ(r.a.helloTx.size(), 6u, "one HELLO and 5 retransmissions");
        const Time first = r.a.helloTx.front();
        NS_TEST_EXPECT_MSG_EQ((first - r.a.upAt >= o.helloInterval &&
                               first - r.a.upAt <= o.helloInterval + Seconds(1)),
                              true,
                              "HELLO one interval after the last message, got "
                                  << (first - r.a.upAt).As(Time::S));
        const std::vector<Time> gaps = {Seconds(1), Seconds(2), Seconds(4), Seconds(8), Seconds(8)};
        for (size_t i = 1; i < r.a.helloTx.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(r.a.helloTx[i] - r.a.helloTx[i - 1],
                                  gaps[i - 1],
                                  "retransmission " << i << " after the doubled timeout");
        }
        const Time toDown = r.a.downAt - first;
        NS_TEST_EXPECT_MSG_EQ(toDown,
                              Seconds(31),
                              "TunnelDown after 1+2+4+8+8 s and a last 8 s timeout, got "
                                  << toDown.As(Time::S));
        NS_TEST_EXPECT_MSG_EQ(r.finalA, ControlFsm::IDLE, "A idle");
    }
};

/// The authorization hook (local state wait-authorization): B holds the
/// SCCCN until the asynchronous answer; accept brings B up late, reject
/// sends a StopCCN with Result Code 4 (RFC 2661 4.4.2).
class AuthorizationTestCase : public TestCase
{
  public:
    AuthorizationTestCase(bool accept)
        : TestCase(accept ? "asynchronous authorization accepts"
                          : "asynchronous authorization rejects")
        , m_accept(accept)
    {
    }

  private:
    void
    DoRun() override
    {
        RunOptions o;
        o.authorizeAtB = true;
        o.authDelay = MilliSeconds(200);
        o.authAccept = m_accept;
        const RunResult r = RunTunnel(o);

        NS_TEST_EXPECT_MSG_EQ(r.authorizationAskedFor, "lac-a", "hook asked about A's Host Name");
        if (m_accept)
        {
            NS_TEST_ASSERT_MSG_EQ(r.b.upAt.IsPositive(), true, "B: TunnelUp");
            const Time upB = r.b.upAt - kStart;
            const Time expected = 3 * OneWay() + o.authDelay;
            NS_TEST_EXPECT_MSG_EQ((upB >= expected && upB <= expected + MilliSeconds(3)),
                                  true,
                                  "B up 1.5 RTT plus the decision delay, got " << upB.As(Time::MS));
            NS_TEST_EXPECT_MSG_EQ(r.finalB, ControlFsm::ESTABLISHED, "B established");
            NS_TEST_EXPECT_MSG_EQ(r.finalA, ControlFsm::ESTABLISHED, "A established");
        }
        else
        {
            NS_TEST_EXPECT_MSG_EQ(r.b.upAt.IsNegative(), true, "B never up");
            NS_TEST_ASSERT_MSG_EQ(r.b.downAt.IsPositive(), true, "B: TunnelDown");
            NS_TEST_ASSERT_MSG_EQ(r.a.downAt.IsPositive(), true, "A: TunnelDown");
            NS_TEST_EXPECT_MSG_EQ(ReasonName(r.b.downReason),
                                  ReasonName(ControlFsm::DOWN_NOT_AUTHORIZED),
                                  "B refuses");
            NS_TEST_EXPECT_MSG_EQ(ReasonName(r.a.downReason),
                                  ReasonName(ControlFsm::DOWN_PEER_STOPCCN),
                                  "A receives the StopCCN");
            NS_TEST_EXPECT_MSG_EQ(r.b.resultCode, STOPCCN_NOT_AUTHORIZED, "Result Code 4 sent");
            NS_TEST_EXPECT_MSG_EQ(r.a.resultCode, STOPCCN_NOT_AUTHORIZED, "Result Code 4 received");
            NS_TEST_EXPECT_MSG_EQ(r.finalA, ControlFsm::IDLE, "A idle");
            NS_TEST_EXPECT_MSG_EQ(r.finalB, ControlFsm::IDLE, "B idle");
        }
    }

    bool m_accept;
};

/// What one data-sequencing run sends and sees (RFC 2661 5.4).
struct SequencingOptions
{
    bool lacDataSequencing = false; ///< DataSequencing at the LAC
    bool lnsDataSequencing = false; ///< DataSequencing at the LNS
    bool lacRequired = false;       ///< the LAC's ICCN has Sequencing Required
    bool lacSendsFirst = true;      ///< the LAC sends data before the LNS
};

/// S bit of each data message one end sent, in order.
void
RecordSBit(std::vector<bool>* bits, uint16_t, Ptr<const Packet> packet)
{
    PacketHeader h;
    packet->PeekHeader(h);
    bits->push_back(h.HasSequence());
}

/// Sends one 20-octet frame on the end's first session.
void
SendFrame(Ptr<ControlConnection> end)
{
    const std::vector<uint16_t> ids = end->GetSessionIds();
    if (!ids.empty())
    {
        end->SendData(ids.front(), Create<Packet>(20));
    }
}

/**
 * RFC 2661 5.4 on the data plane: A (LAC) and B (LNS) on one link; the LAC
 * sends a data message at 1.5 s (lacSendsFirst), the LNS at 2 s, the LAC
 * again at 3 s.
 */
class DataSequencingTestCase : public TestCase
{
  public:
    DataSequencingTestCase(const SequencingOptions& o, const std::string& name)
        : TestCase("data sequencing (5.4): " + name),
          m_options(o)
    {
    }

  private:
    void
    DoRun() override
    {
        NodeContainer nodes;
        nodes.Create(2);
        InternetStackHelper internet;
        internet.Install(nodes);
        PointToPointHelper p2p;
        p2p.SetChannelAttribute("Delay", TimeValue(MilliSeconds(kLinkDelayMs)));
        NetDeviceContainer link = p2p.Install(nodes);
        Ipv4AddressHelper addresses;
        addresses.SetBase("10.0.1.0", "255.255.255.0");
        Ipv4InterfaceContainer ifs = addresses.Assign(link);

        RunOptions o;
        Ptr<ControlConnection> lac = MakeEndpoint(nodes.Get(0), o, true, 1);
        Ptr<ControlConnection> lns = MakeEndpoint(nodes.Get(1), o, false, 5);
        lac->SetAttribute("PeerAddress", Ipv4AddressValue(ifs.GetAddress(1)));
        lac->SetAttribute("OpenSessionOnUp", BooleanValue(true));
        lac->SetAttribute("DataSequencing", BooleanValue(m_options.lacDataSequencing));
        lac->SetAttribute("SequencingRequired", BooleanValue(m_options.lacRequired));
        lns->SetAttribute("DataSequencing", BooleanValue(m_options.lnsDataSequencing));
        lac->SetStartTime(kStart);
        lns->SetStartTime(Seconds(0));
        std::vector<bool> lacBits;
        std::vector<bool> lnsBits;
        lac->TraceConnectWithoutContext("DataTx", MakeBoundCallback(&RecordSBit, &lacBits));
        lns->TraceConnectWithoutContext("DataTx", MakeBoundCallback(&RecordSBit, &lnsBits));
        if (m_options.lacSendsFirst)
        {
            Simulator::Schedule(Seconds(1.5), &SendFrame, lac);
        }
        Simulator::Schedule(Seconds(2), &SendFrame, lns);
        Simulator::Schedule(Seconds(3), &SendFrame, lac);
        Simulator::Stop(Seconds(4));
        Simulator::Run();
        Simulator::Destroy();

        const SequencingOptions& s = m_options;
        NS_TEST_ASSERT_MSG_EQ(lacBits.size(), (s.lacSendsFirst ? 2u : 1u), "LAC's data messages");
        NS_TEST_ASSERT_MSG_EQ(lnsBits.size(), 1u, "the LNS sent one data message");
        bool lacNumbered = false;
        if (s.lacSendsFirst)
        {
            // Before hearing from the LNS the LAC numbers by its own choice
            // or because it required sequencing.
            lacNumbered = lacBits.front();
            NS_TEST_EXPECT_MSG_EQ(lacNumbered,
                                  s.lacDataSequencing || s.lacRequired,
                                  "LAC's first data message");
        }
        // The LNS numbers when asked to (required), by choice, or because
        // the LAC's data was numbered.
        const bool lnsNumbers = s.lnsDataSequencing || s.lacRequired || lacNumbered;
        NS_TEST_EXPECT_MSG_EQ(lnsBits[0], lnsNumbers, "LNS's data message");
        // 5.4: the LNS controls sequencing; without Sequencing Required the
        // LAC follows it.
        NS_TEST_EXPECT_MSG_EQ(lacBits.back(),
                              s.lacRequired || lnsBits[0],
                              "LAC's data message after the LNS's");
    }

    SequencingOptions m_options;
};

/// RFC 2661 4.4.3 and 5.8 on the attributes: an empty HostName still sends
/// a Host Name of at least one octet; a back-off cap below 8 s is refused.
class AttributeLimitsTestCase : public TestCase
{
  public:
    AttributeLimitsTestCase()
        : TestCase("attributes: empty HostName sends node-<id>, RetransmitTimeoutCap >= 8 s")
    {
    }

  private:
    void
    DoRun() override
    {
        Ptr<ControlConnection> probe = CreateObject<ControlConnection>();
        NS_TEST_EXPECT_MSG_EQ(
            probe->SetAttributeFailSafe("RetransmitTimeoutCap", TimeValue(Seconds(4))),
            false,
            "a cap below 8 s is refused (5.8)");
        NS_TEST_EXPECT_MSG_EQ(
            probe->SetAttributeFailSafe("RetransmitTimeoutCap", TimeValue(Seconds(8))),
            true,
            "8 s is accepted");
        NS_TEST_EXPECT_MSG_EQ(
            probe->SetAttributeFailSafe("RetransmitTimeoutCap", TimeValue(Seconds(16))),
            true,
            "16 s is accepted");

        NodeContainer nodes;
        nodes.Create(2);
        InternetStackHelper internet;
        internet.Install(nodes);
        PointToPointHelper p2p;
        NetDeviceContainer link = p2p.Install(nodes);
        Ipv4AddressHelper addresses;
        addresses.SetBase("10.0.1.0", "255.255.255.0");
        Ipv4InterfaceContainer ifs = addresses.Assign(link);
        RunOptions o;
        Ptr<ControlConnection> a = MakeEndpoint(nodes.Get(0), o, true, 1);
        Ptr<ControlConnection> b = MakeEndpoint(nodes.Get(1), o, false, 5);
        a->SetAttribute("PeerAddress", Ipv4AddressValue(ifs.GetAddress(1)));
        a->SetAttribute("HostName", StringValue(""));
        a->SetStartTime(kStart);
        Simulator::Stop(Seconds(3));
        Simulator::Run();
        const std::string expected = "node-" + std::to_string(nodes.Get(0)->GetId());
        NS_TEST_EXPECT_MSG_EQ(b->GetState(), ControlFsm::ESTABLISHED, "B established");
        NS_TEST_EXPECT_MSG_EQ(b->GetPeerHostName(), expected, "B saw the node's name");
        Simulator::Destroy();
    }
};

class L2tpTestSuite : public TestSuite
{
  public:
    L2tpTestSuite()
        : TestSuite("ipvpn-l2tp", TestSuite::Type::UNIT)
    {
        AddTestCase(new TunnelUpTestCase(""));
        AddTestCase(new TunnelUpTestCase("tunnel-secret"));
        AddTestCase(new WrongSecretTestCase);
        AddTestCase(new LossyCoreTestCase);
        AddTestCase(new SilentPeerTestCase);
        AddTestCase(new AuthorizationTestCase(true));
        AddTestCase(new AuthorizationTestCase(false));
        SequencingOptions lacOnly;
        lacOnly.lacDataSequencing = true;
        lacOnly.lacSendsFirst = false;
        AddTestCase(new DataSequencingTestCase(lacOnly, "the LAC stops when the LNS does not"));
        SequencingOptions lnsOnly;
        lnsOnly.lnsDataSequencing = true;
        AddTestCase(new DataSequencingTestCase(lnsOnly, "the LAC starts when the LNS numbers"));
        SequencingOptions required;
        required.lacRequired = true;
        AddTestCase(
            new DataSequencingTestCase(required, "Sequencing Required numbers from the start"));
        AddTestCase(new AttributeLimitsTestCase);
    }
};

L2tpTestSuite g_l2tpTestSuite; ///< registers the suite

} // namespace
