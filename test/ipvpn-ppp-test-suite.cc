/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns-3 tests of ppp::Endpoint (RFC 1661 LCP, RFC 1332 IPCP): two endpoints A
 * and B wired back to back through scheduled callbacks with a one-way
 * delay, optionally losing frames or with B falling silent; and A alone
 * on a looped-back wire. One run writes A's frames to a pcap
 * (DLT_PPP_WITH_DIR) that tshark checks when pcap-check is available.
 */
#include "ipvpn-ppp-test-harness.h"

#include "ns3/test.h"

using namespace ns3;
using namespace ns3::ppp;
using namespace ipvpntest::ppp_harness;

namespace
{

// ------------------------------------------------------------------ cases

/// LCP then IPCP reach Opened in four frames each, datagrams pass both
/// ways, keepalive echoes are answered; the frames go to a pcap.
class OpenTestCase : public TestCase
{
  public:
    OpenTestCase()
        : TestCase("LCP and IPCP open with configured addresses, IPv4 both ways, echo")
    {
    }

  private:
    void
    DoRun() override
    {
        RunOptions o;
        o.a.Set("EchoInterval", TimeValue(Seconds(4)));
        o.b.Set("EchoInterval", TimeValue(Seconds(4)));
        o.datagrams = {{Seconds(0.5), true},
                       {Seconds(2), true},
                       {Seconds(2), false},
                       {Seconds(3), true},
                       {Seconds(3.5), false}};
        o.pcap = CreateTempDirFilename("ppp-open.pcap");
        Harness h(o);
        h.Run();
        const Time d = MilliSeconds(10);
        for (const EndLog* l : {&h.la, &h.lb})
        {
            // RFC 1661 4: one Configure-Request and one Configure-Ack each.
            NS_TEST_EXPECT_MSG_EQ(l->Tx(PROTOCOL_LCP, CONFIGURE_REQUEST), 1, "one LCP request");
            NS_TEST_EXPECT_MSG_EQ(l->Tx(PROTOCOL_LCP, CONFIGURE_ACK), 1, "one LCP ack");
            NS_TEST_EXPECT_MSG_EQ(l->Tx(PROTOCOL_IPCP, CONFIGURE_REQUEST), 1, "one IPCP request");
            NS_TEST_EXPECT_MSG_EQ(l->Tx(PROTOCOL_IPCP, CONFIGURE_ACK), 1, "one IPCP ack");
            NS_TEST_EXPECT_MSG_EQ(l->Tx(PROTOCOL_IPCP, CONFIGURE_NAK), 0, "no Nak");
            NS_TEST_EXPECT_MSG_EQ(l->lcpOpenedAt, Seconds(1) + 2 * d, "LCP Opened after one RTT");
            NS_TEST_EXPECT_MSG_EQ(l->ipcpOpenedAt, Seconds(1) + 4 * d, "IPCP one RTT later");
            NS_TEST_EXPECT_MSG_EQ(l->linkUps, 1, "LinkUp once");
            NS_TEST_EXPECT_MSG_EQ(l->linkChanges, 1, "link change callback once");
            NS_TEST_EXPECT_MSG_EQ(l->linkDowns, 0, "no LinkDown");
            NS_TEST_EXPECT_MSG_EQ(l->echoTimeouts, 0, "peer answers echoes");
            // Keepalive at 5.02, 9.02, 13.02 and 17.02 s.
            NS_TEST_EXPECT_MSG_EQ(l->Tx(PROTOCOL_LCP, ECHO_REQUEST), 4, "Echo-Requests");
            NS_TEST_EXPECT_MSG_EQ(l->Tx(PROTOCOL_LCP, ECHO_REPLY), 4, "Echo-Replies");
        }
        NS_TEST_EXPECT_MSG_EQ(h.a->GetCounters().echoReplies, 4, "replies counted");
        NS_TEST_EXPECT_MSG_EQ(h.la.upLocal, Ipv4Address("10.0.0.1"), "A's address");
        NS_TEST_EXPECT_MSG_EQ(h.la.upPeer, Ipv4Address("10.0.0.2"), "A's peer");
        NS_TEST_EXPECT_MSG_EQ(h.lb.upLocal, Ipv4Address("10.0.0.2"), "B's address");
        NS_TEST_EXPECT_MSG_EQ(h.lb.upPeer, Ipv4Address("10.0.0.1"), "B's peer");
        // The datagram before IPCP was up is refused and counted.
        NS_TEST_ASSERT_MSG_EQ(h.la.sendResults.size(), 3, "three sends from A");
        NS_TEST_EXPECT_MSG_EQ(h.la.sendResults[0], false, "refused before IPCP Opened");
        NS_TEST_EXPECT_MSG_EQ(h.la.sendResults[1], true, "sent");
        NS_TEST_EXPECT_MSG_EQ(h.la.Drops("ipcp-not-opened"), 1, "drop traced");
        NS_TEST_EXPECT_MSG_EQ(h.lb.delivered.size(), 2, "B got A's two datagrams");
        NS_TEST_EXPECT_MSG_EQ(h.la.delivered.size(), 2, "A got B's two datagrams");
        NS_TEST_EXPECT_MSG_EQ(h.lb.delivered.at(0), 200, "whole datagram, no PPP header");
        NS_TEST_EXPECT_MSG_EQ(h.a->GetMru(), 1500, "default MRU");
        if (CanCheckPcaps())
        {
            NS_TEST_EXPECT_MSG_EQ(PcapCheck(o.pcap), true, "pcap-check: tshark decodes LCP/IPCP");
        }
    }
};

/// A asks for its address (0.0.0.0); B's Nak gives it. Also MRU negotiation.
class NakPathTestCase : public TestCase
{
  public:
    NakPathTestCase()
        : TestCase("IPCP address assignment through Configure-Nak")
    {
    }

  private:
    void
    DoRun() override
    {
        RunOptions o;
        o.a.Set("LocalAddress", Ipv4AddressValue("0.0.0.0"));
        o.a.Set("Mru", UintegerValue(1400));
        o.b.Set("LocalAddress", Ipv4AddressValue("192.168.7.1"));
        o.b.Set("PeerAddress", Ipv4AddressValue("192.168.7.20"));
        o.stop = Seconds(5);
        Harness h(o);
        h.Run();
        NS_TEST_EXPECT_MSG_EQ(h.la.Tx(PROTOCOL_IPCP, CONFIGURE_REQUEST), 2, "A asks twice");
        NS_TEST_EXPECT_MSG_EQ(h.lb.Tx(PROTOCOL_IPCP, CONFIGURE_NAK), 1, "B's Nak");
        NS_TEST_EXPECT_MSG_EQ(h.lb.Tx(PROTOCOL_IPCP, CONFIGURE_ACK), 1, "then B's Ack");
        NS_TEST_EXPECT_MSG_EQ(h.la.Tx(PROTOCOL_IPCP, CONFIGURE_ACK), 1, "A acks B");
        NS_TEST_EXPECT_MSG_EQ(h.la.upLocal, Ipv4Address("192.168.7.20"), "A got its address");
        NS_TEST_EXPECT_MSG_EQ(h.la.upPeer, Ipv4Address("192.168.7.1"), "A knows B");
        NS_TEST_EXPECT_MSG_EQ(h.lb.upPeer, Ipv4Address("192.168.7.20"), "B assigned it");
        NS_TEST_EXPECT_MSG_EQ(h.la.ipcpOpenedAt, Seconds(1) + MilliSeconds(60), "one more RTT");
        // Queried while up (Dispose has not run: the log took them at LinkUp).
        NS_TEST_EXPECT_MSG_EQ(h.lb.upLocal, Ipv4Address("192.168.7.1"), "B's own address");
    }
};

/// MRU values through the getters, while the link is up.
class MruTestCase : public TestCase
{
  public:
    MruTestCase()
        : TestCase("MRU: ours as the peer acknowledged it, the peer's as we did")
    {
    }

  private:
    void
    DoRun() override
    {
        ObjectFactory f;
        f.SetTypeId(Endpoint::GetTypeId());
        f.Set("Mru", UintegerValue(1400));
        f.Set("LocalAddress", Ipv4AddressValue("10.9.0.1"));
        Ptr<Endpoint> a = f.Create<Endpoint>();
        Ptr<Endpoint> b = CreateObject<Endpoint>();
        b->SetAttribute("LocalAddress", Ipv4AddressValue("10.9.0.2"));
        a->SetSendCallback(MakeCallback(&Endpoint::Receive, b));
        b->SetSendCallback(MakeCallback(&Endpoint::Receive, a));
        // Zero delay: frames are handed over inline, answers included.
        a->Open();
        b->Open();
        a->LowerUp(); // B's lower layer is still down: A's request is lost
        b->LowerUp();
        Simulator::Stop(Seconds(10)); // A's retransmission after 3 s
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(a->IsIpUp(), true, "A up");
        NS_TEST_EXPECT_MSG_EQ(b->IsIpUp(), true, "B up");
        NS_TEST_EXPECT_MSG_EQ(a->GetMru(), 1400, "A's MRU");
        NS_TEST_EXPECT_MSG_EQ(b->GetPeerMru(), 1400, "B sends at most 1400");
        NS_TEST_EXPECT_MSG_EQ(b->GetMru(), 1500, "B's MRU default");
        NS_TEST_EXPECT_MSG_EQ(a->GetLocalAddress(), Ipv4Address("10.9.0.1"), "A's address");
        NS_TEST_EXPECT_MSG_EQ(a->GetPeerAddress(), Ipv4Address("10.9.0.2"), "B's address");
        NS_TEST_EXPECT_MSG_NE(a->GetMagicNumber(), 0, "Magic-Number negotiated");
        NS_TEST_EXPECT_MSG_EQ(a->GetLcpState(), S::OPENED, "LCP Opened");
        // A datagram over B's send limit is refused.
        NS_TEST_EXPECT_MSG_EQ(b->SendIpv4(Create<Packet>(1401)), false, "over the peer's MRU");
        NS_TEST_EXPECT_MSG_EQ(b->SendIpv4(Create<Packet>(1400)), true, "at the peer's MRU");
        a->Dispose();
        b->Dispose();
        Simulator::Destroy();
    }
};

/// Frames lost at random: the Restart timer still brings both layers up.
class LossTestCase : public TestCase
{
  public:
    LossTestCase(double loss, int64_t stream)
        : TestCase("negotiation converges through the Restart timer with " +
                   std::to_string(static_cast<int>(loss * 100)) + "% loss (stream " +
                   std::to_string(stream) + ")")
        , m_loss(loss)
        , m_stream(stream)
    {
    }

  private:
    void
    DoRun() override
    {
        RunOptions o;
        o.loss = m_loss;
        o.stop = Seconds(120);
        o.a.Set("EchoInterval", TimeValue(Seconds(0)));
        o.b.Set("EchoInterval", TimeValue(Seconds(0)));
        o.a.Set("LocalAddress", Ipv4AddressValue("0.0.0.0"));
        o.b.Set("PeerAddress", Ipv4AddressValue("10.0.0.1"));
        o.lossStream = m_stream;
        Harness h(o);
        h.Run();
        NS_TEST_EXPECT_MSG_GT(h.lost, 0, "the wire lost frames");
        NS_TEST_EXPECT_MSG_EQ((h.la.linkUps >= 1), true, "A's IPCP reached Opened");
        NS_TEST_EXPECT_MSG_EQ((h.lb.linkUps >= 1), true, "B's IPCP reached Opened");
        NS_TEST_EXPECT_MSG_EQ(h.la.upLocal, Ipv4Address("10.0.0.1"), "A's address from B");
        const int requests =
            h.la.Tx(PROTOCOL_LCP, CONFIGURE_REQUEST) + h.lb.Tx(PROTOCOL_LCP, CONFIGURE_REQUEST) +
            h.la.Tx(PROTOCOL_IPCP, CONFIGURE_REQUEST) + h.lb.Tx(PROTOCOL_IPCP, CONFIGURE_REQUEST);
        NS_TEST_EXPECT_MSG_GT(requests, 5, "requests were repeated");
        NS_TEST_EXPECT_MSG_EQ(h.la.finishedAt, Seconds(-1), "A never gave up");
    }

    double m_loss;
    int64_t m_stream;
};

/// B falls silent: A's keepalive declares the link dead after EchoInterval
/// x EchoFailure (within one interval), then LCP closes.
class SilentPeerTestCase : public TestCase
{
  public:
    SilentPeerTestCase()
        : TestCase("LCP echo detects a silent peer after EchoInterval x EchoFailure")
    {
    }

  private:
    void
    DoRun() override
    {
        const Time interval = Seconds(2);
        const uint32_t failure = 3;
        RunOptions o;
        o.a.Set("EchoInterval", TimeValue(interval));
        o.a.Set("EchoFailure", UintegerValue(failure));
        o.silenceAt = Seconds(10.3);
        o.stop = Seconds(40);
        Harness h(o);
        h.Run();
        NS_TEST_EXPECT_MSG_EQ(h.la.echoTimeouts, 1, "one EchoTimeout");
        const Time expected = o.silenceAt + Seconds(interval.GetSeconds() * failure);
        const double error = std::abs((h.la.echoTimeoutAt - expected).GetSeconds());
        NS_TEST_EXPECT_MSG_LT_OR_EQ(error, interval.GetSeconds(), "within one interval");
        NS_TEST_EXPECT_MSG_GT(h.la.echoTimeoutAt,
                              o.silenceAt + Seconds(interval.GetSeconds() * (failure - 1)),
                              "not before failure-1 intervals of silence");
        NS_TEST_EXPECT_MSG_EQ(h.la.linkDownAt, h.la.echoTimeoutAt, "IPCP down at once");
        // LCP closes: Max-Terminate (2) Terminate-Requests unanswered, tlf.
        NS_TEST_EXPECT_MSG_EQ(
            h.la.Tx(PROTOCOL_LCP, TERMINATE_REQUEST), 2, "two Terminate-Requests");
        NS_TEST_EXPECT_MSG_EQ(
            h.la.finishedAt, h.la.echoTimeoutAt + Seconds(6), "tlf after 2 x 3 s");
        NS_TEST_EXPECT_MSG_EQ(h.a->GetCounters().echoTimeouts, 1, "counter");
    }
};

/// B never answers: Max-Configure Configure-Requests, then tlf.
class NoAnswerTestCase : public TestCase
{
  public:
    NoAnswerTestCase()
        : TestCase("Max-Configure Configure-Requests to a mute peer, then This-Layer-Finished")
    {
    }

  private:
    void
    DoRun() override
    {
        RunOptions o;
        o.silentFromStart = true;
        o.stop = Seconds(60);
        Harness h(o);
        h.Run();
        NS_TEST_EXPECT_MSG_EQ(h.la.Tx(PROTOCOL_LCP, CONFIGURE_REQUEST), 10, "Max-Configure 10");
        // Requests at 1, 4, ..., 28 s; TO- three seconds after the tenth.
        NS_TEST_EXPECT_MSG_EQ(h.la.finishedAt, Seconds(31), "tlf at 1 + 10 x 3 s");
        NS_TEST_EXPECT_MSG_EQ(h.la.lowerLayer.size(), 2, "tls then tlf");
        NS_TEST_EXPECT_MSG_EQ(h.la.linkUps, 0, "never up");
    }
};

/// A closes: Terminate-Request/Ack; both IPCPs go down.
class CloseTestCase : public TestCase
{
  public:
    CloseTestCase()
        : TestCase("Close runs Terminate-Request and Terminate-Ack")
    {
    }

  private:
    void
    DoRun() override
    {
        RunOptions o;
        o.closeAt = Seconds(5);
        o.stop = Seconds(15);
        o.datagrams = {{Seconds(6), true}, {Seconds(6), false}};
        Harness h(o);
        h.Run();
        NS_TEST_EXPECT_MSG_EQ(h.la.Tx(PROTOCOL_LCP, TERMINATE_REQUEST), 1, "A's Terminate-Request");
        NS_TEST_EXPECT_MSG_EQ(h.lb.Tx(PROTOCOL_LCP, TERMINATE_ACK), 1, "B's Terminate-Ack");
        NS_TEST_EXPECT_MSG_EQ(h.la.linkDownAt, Seconds(5), "A's IPCP down at Close");
        NS_TEST_EXPECT_MSG_EQ(h.lb.linkDownAt, Seconds(5) + MilliSeconds(10), "B's at the request");
        // A: Closing until the Ack (one RTT); B: Stopping for a restart period.
        NS_TEST_EXPECT_MSG_EQ(h.la.finishedAt, Seconds(5) + MilliSeconds(20), "A finished");
        NS_TEST_EXPECT_MSG_EQ(h.lb.finishedAt,
                              Seconds(5) + MilliSeconds(10) + Seconds(3),
                              "B finished after zrc wait");
        NS_TEST_EXPECT_MSG_EQ(h.la.sendResults.at(0), false, "no IPv4 after Close");
        NS_TEST_EXPECT_MSG_EQ(h.lb.sendResults.at(0), false, "nor at B");
        NS_TEST_EXPECT_MSG_EQ(h.la.linkChanges, 2, "up, then down");
    }
};

/// B passive: it waits for A's request, and the link still comes up.
class PassiveTestCase : public TestCase
{
  public:
    PassiveTestCase()
        : TestCase("Passive endpoint waits for the peer's Configure-Request")
    {
    }

  private:
    void
    DoRun() override
    {
        RunOptions o;
        o.b.Set("Passive", BooleanValue(true));
        o.stop = Seconds(5);
        Harness h(o);
        h.Run();
        NS_TEST_EXPECT_MSG_EQ(h.lb.linkUps, 1, "B up");
        NS_TEST_EXPECT_MSG_EQ(h.la.linkUps, 1, "A up");
        // B's own request leaves with its Ack, one delay after A's request.
        NS_TEST_EXPECT_MSG_EQ(h.lb.lcpOpenedAt, Seconds(1) + MilliSeconds(30), "B Opened");
        NS_TEST_EXPECT_MSG_EQ(h.lb.Tx(PROTOCOL_LCP, CONFIGURE_REQUEST), 1, "one request");

        // Both passive: nothing happens.
        RunOptions q;
        q.a.Set("Passive", BooleanValue(true));
        q.b.Set("Passive", BooleanValue(true));
        q.stop = Seconds(60);
        Harness g(q);
        g.Run();
        NS_TEST_EXPECT_MSG_EQ(g.la.tx.size(), 0, "A silent");
        NS_TEST_EXPECT_MSG_EQ(g.lb.tx.size(), 0, "B silent");
    }
};

/// Frames without 0xFF 0x03 are accepted.
class NoAddressControlTestCase : public TestCase
{
  public:
    NoAddressControlTestCase()
        : TestCase("frames without Address and Control fields are accepted")
    {
    }

  private:
    void
    DoRun() override
    {
        RunOptions o;
        o.stripAddressControl = true;
        o.stop = Seconds(5);
        o.datagrams = {{Seconds(2), false}};
        Harness h(o);
        h.Run();
        NS_TEST_EXPECT_MSG_EQ(h.la.linkUps, 1, "A up");
        NS_TEST_EXPECT_MSG_EQ(h.la.delivered.size(), 1, "datagram delivered");
    }
};

/// A's frames come back to A: Magic-Number loop-back detection closes LCP.
class LoopbackTestCase : public TestCase
{
  public:
    LoopbackTestCase()
        : TestCase("looped-back link detected by Magic-Number (RFC 1661 6.4)")
    {
    }

  private:
    void
    DoRun() override
    {
        RunOptions o;
        o.loopback = true;
        o.stop = Seconds(30);
        Harness h(o);
        h.Run();
        NS_TEST_EXPECT_MSG_EQ(h.la.loopbacks, 1, "Loopback traced once");
        NS_TEST_EXPECT_MSG_EQ(h.la.lcpOpenedAt, Seconds(-1), "LCP never Opened");
        NS_TEST_EXPECT_MSG_EQ(h.la.Tx(PROTOCOL_LCP, CONFIGURE_NAK), 10, "ten Naks to itself");
        NS_TEST_EXPECT_MSG_GT(h.la.Tx(PROTOCOL_LCP, TERMINATE_REQUEST), 0, "then closed");
    }
};

/// Garbage, protocols out of phase, unknown protocols: counted, never a crash.
class MalformedTestCase : public TestCase
{
  public:
    MalformedTestCase()
        : TestCase("malformed and unexpected frames are counted and dropped")
    {
    }

  private:
    static Ptr<Packet>
    Frame(const std::vector<uint8_t>& bytes)
    {
        return Create<Packet>(bytes.data(), bytes.size());
    }

    void
    DoRun() override
    {
        EndLog log;
        Ptr<Endpoint> a = CreateObject<Endpoint>();
        a->SetAttribute("LocalAddress", Ipv4AddressValue("10.0.0.1"));
        a->TraceConnectWithoutContext("Drop", MakeBoundCallback(&OnDrop, &log));
        a->TraceConnectWithoutContext("Tx", MakeBoundCallback(&OnTx, &log));
        std::vector<Ptr<Packet>> sent;
        a->SetSendCallback(MakeBoundCallback(&Collect, &sent));
        a->Receive(Frame({}));
        a->Receive(Frame({0xFF}));
        a->Receive(Frame({0xFF, 0x03}));
        a->Receive(Frame({0xFF, 0x03, 0xC0, 0x20}));                         // even protocol octet
        a->Receive(Frame({0xFF, 0x03, 0x80, 0x21, 0x01, 0x01, 0x00, 0x0A})); // before LCP
        a->Receive(Frame({0xFF, 0x03, 0x00, 0x21, 0x45}));                   // IPv4 before LCP
        // LCP while the lower layer is down: an illegal event, ignored.
        a->Receive(Frame({0xFF, 0x03, 0xC0, 0x21, 0x01, 0x01, 0x00, 0x04}));
        NS_TEST_EXPECT_MSG_EQ(log.Drops("bad-frame-header"), 4, "short/odd frames");
        NS_TEST_EXPECT_MSG_EQ(log.Drops("lcp-not-opened"), 2, "non-LCP before Opened");
        NS_TEST_EXPECT_MSG_EQ(a->GetCounters().malformed, 4, "malformed counted");
        NS_TEST_EXPECT_MSG_EQ(sent.size(), 0, "nothing answered");

        // Bring LCP up against a scripted peer (Configure-Request with
        // no options, then an Ack of A's request).
        a->Open();
        a->LowerUp();
        NS_TEST_ASSERT_MSG_EQ(sent.size(), 1, "A's Configure-Request");
        std::vector<uint8_t> request(sent[0]->GetSize());
        sent[0]->CopyData(request.data(), request.size());
        a->Receive(Frame({0xFF, 0x03, 0xC0, 0x21, 0x01, 0x07, 0x00, 0x04}));
        std::vector<uint8_t> ack = request;
        ack[4] = CONFIGURE_ACK;
        a->Receive(Frame(ack));
        NS_TEST_ASSERT_MSG_EQ(a->GetLcpState(), S::OPENED, "LCP Opened");

        // LCP Length beyond the frame: discarded (RFC 1661 5).
        a->Receive(Frame({0xFF, 0x03, 0xC0, 0x21, 0x09, 0x01, 0x00, 0x40, 0, 0, 0, 0}));
        // Option overrunning the packet.
        a->Receive(Frame({0xFF, 0x03, 0xC0, 0x21, 0x01, 0x08, 0x00, 0x08, 0x01, 0x09, 0x05, 0xDC}));
        // Malformed IPCP.
        a->Receive(Frame({0xFF, 0x03, 0x80, 0x21, 0x01}));
        NS_TEST_EXPECT_MSG_EQ(a->GetCounters().malformed, 7, "three more malformed");
        NS_TEST_EXPECT_MSG_EQ(a->GetLcpState(), S::OPENED, "still Opened");

        // Unknown protocol (IPv6, 0x0057): Protocol-Reject (5.7).
        const std::size_t before = sent.size();
        a->Receive(Frame({0xFF, 0x03, 0x00, 0x57, 0x60, 0x00, 0x00, 0x00}));
        NS_TEST_ASSERT_MSG_EQ(sent.size(), before + 1, "Protocol-Reject sent");
        std::vector<uint8_t> reject(sent.back()->GetSize());
        sent.back()->CopyData(reject.data(), reject.size());
        NS_TEST_EXPECT_MSG_EQ(reject[4], PROTOCOL_REJECT, "code 8");
        NS_TEST_EXPECT_MSG_EQ(((reject[8] << 8) | reject[9]), 0x0057, "rejected protocol");
        NS_TEST_EXPECT_MSG_EQ(reject.size(), 4u + 6u + 4u, "with the information");
        NS_TEST_EXPECT_MSG_EQ(a->GetCounters().protocolRejects, 1, "counted");

        // Unknown LCP code: Code-Reject; compressed protocol field (0x21).
        a->Receive(Frame({0xFF, 0x03, 0xC0, 0x21, 0x30, 0x01, 0x00, 0x04}));
        NS_TEST_EXPECT_MSG_EQ(log.Tx(PROTOCOL_LCP, CODE_REJECT), 1, "Code-Reject");
        a->Receive(Frame({0x21, 0x45}));
        NS_TEST_EXPECT_MSG_EQ(log.Drops("ipcp-not-opened"), 1, "IPv4, PFC, before IPCP");

        // The peer's LCP rejects IPCP (5.7): IPCP stops, sends nothing more.
        NS_TEST_EXPECT_MSG_EQ(a->GetIpcpState(), S::REQ_SENT, "IPCP negotiating");
        const int ipcpFrames = log.Tx(PROTOCOL_IPCP, CONFIGURE_REQUEST);
        a->Receive(Frame(
            {0xFF, 0x03, 0xC0, 0x21, 0x08, 0x09, 0x00, 0x0A, 0x80, 0x21, 0x01, 0x01, 0x00, 0x04}));
        NS_TEST_EXPECT_MSG_EQ(a->GetIpcpState(), S::STARTING, "IPCP stopped");
        Simulator::Stop(Seconds(20));
        Simulator::Run();
        NS_TEST_EXPECT_MSG_EQ(
            log.Tx(PROTOCOL_IPCP, CONFIGURE_REQUEST), ipcpFrames, "no IPCP retransmission");
        NS_TEST_EXPECT_MSG_EQ(a->GetLcpState(), S::OPENED, "LCP unaffected");
        a->Dispose();
        Simulator::Destroy();
    }
};

class PppTestSuite : public TestSuite
{
  public:
    PppTestSuite()
        : TestSuite("ipvpn-ppp", TestSuite::Type::UNIT)
    {
        AddTestCase(new OpenTestCase);
        AddTestCase(new NakPathTestCase);
        AddTestCase(new MruTestCase);
        AddTestCase(new LossTestCase(0.3, 1));
        AddTestCase(new LossTestCase(0.3, 2));
        AddTestCase(new LossTestCase(0.5, 3));
        AddTestCase(new SilentPeerTestCase);
        AddTestCase(new NoAnswerTestCase);
        AddTestCase(new CloseTestCase);
        AddTestCase(new PassiveTestCase);
        AddTestCase(new NoAddressControlTestCase);
        AddTestCase(new LoopbackTestCase);
        AddTestCase(new MalformedTestCase);
    }
};

PppTestSuite g_pppTestSuite; ///< registers the suite

} // namespace
