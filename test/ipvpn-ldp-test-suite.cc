/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * LDP (RFC 5036) in simulation, driving the MPLS LFIB:
 *  (a) the seed's Fig. 13, A1 - router 10 - X - router 20 - A3, with LDP
 *      and non-null egress labels: router 20 binds F, X binds E, router 10
 *      pushes E, X swaps E -> F, router 20 pops; X's captures hold LDP and
 *      MPLS and pass tshark;
 *  (b) a ring of five LSRs: a link of the active path fails, traffic moves
 *      to the other path with that path's labels, the session over the dead
 *      link ends; the link comes back and so does the session; a silent
 *      failure ends a session after the Hello hold time;
 *  (c) unknown TLVs and messages (U bit), PDUs split across and packed into
 *      segments, and malformed PDUs injected on a session;
 *  (d) a restarted LDP process: sessions and LSP come back;
 *  (e) extended discovery: a targeted session between LSRs without a link.
 *
 * Expected values come from the RFC, the timers and the topology: labels are
 * assigned downstream (RFC 3031 section 3.3), so every LSR gets a label range
 * of its own (router n: 1000 n ...) and a label names the LSR that chose it.
 * Every link is 100 Mb/s with 2 ms delay; LDP starts at 1 s with Link Hellos
 * every 5 s (hold time 15 s).
 */
#include "ipvpn-ldp-test-net.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/global-value.h"
#include "ns3/ldp-label-messages.h"
#include "ns3/ldp-pdu.h"
#include "ns3/ldp-status.h"
#include "ns3/test.h"

#include <algorithm>
#include <string>
#include <vector>

using namespace ns3;
using namespace ldptest;
using ldp::Protocol;
using ldp::SessionState;
using mpls::PrefixFec;

// ===================================================================== (a)

/// Fig. 13 with LDP: F bound by router 20, E by X; push E, swap E -> F, pop.
class LdpFig13TestCase : public TestCase
{
  public:
    LdpFig13TestCase()
        : TestCase("Fig. 13: LDP binds F at router 20 and E at X; push E, swap E->F, pop")
    {
    }

  private:
    void
    DoRun() override
    {
        const std::string pcapIn = CreateTempDirFilename("ldp-x-in.pcap");
        const std::string pcapOut = CreateTempDirFilename("ldp-x-out.pcap");
        uint32_t labelE = 0;
        uint32_t labelF = 0;
        Simulate(pcapIn, pcapOut, labelE, labelF);
        // The captures are complete once the devices that wrote them are gone.
        if (!CanCheckPcaps())
        {
            return;
        }
        const std::string scratch = CreateTempDirFilename("ldp-count.txt");
        NS_TEST_EXPECT_MSG_EQ(PcapCheck(pcapIn, {"mpls", "ldp"}), true, "X in: MPLS and LDP");
        NS_TEST_EXPECT_MSG_EQ(PcapCheck(pcapOut, {"mpls", "ldp"}), true, "X out: MPLS and LDP");
        const std::string filterE = "mpls.label == " + std::to_string(labelE);
        const std::string filterF = "mpls.label == " + std::to_string(labelF);
        NS_TEST_EXPECT_MSG_EQ(CountFrames(pcapIn, filterE, scratch), 100, "E on the link 10-X");
        NS_TEST_EXPECT_MSG_EQ(CountFrames(pcapOut, filterF, scratch), 100, "F on the link X-20");
        NS_TEST_EXPECT_MSG_EQ(CountFrames(pcapIn, filterF, scratch), 0, "no F before X");
        NS_TEST_EXPECT_MSG_EQ(CountFrames(pcapOut, filterE, scratch), 0, "no E after X");
        // The Label Mapping messages (type 0x0400) that bound E and F.
        const std::string mapping = "ldp.msg.type == 0x0400 && ldp.msg.tlv.generic.label == ";
        NS_TEST_EXPECT_MSG_GT(CountFrames(pcapIn, mapping + std::to_string(labelE), scratch),
                              0,
                              "X's mapping of E on the link 10-X");
        NS_TEST_EXPECT_MSG_GT(CountFrames(pcapOut, mapping + std::to_string(labelF), scratch),
                              0,
                              "router 20's mapping of F on the link X-20");
    }

    void
    Simulate(const std::string& pcapIn,
             const std::string& pcapOut,
             uint32_t& labelE,
             uint32_t& labelF)
    {
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
        // Routers 0 (router 10), 1 (X), 2 (router 20); A1 and A3.
        Net net;
        LdpHelper ldp;
        ldp.Set("EgressLabel", EnumValue(static_cast<int>(ldp::EgressLabel::NON_NULL)));
        BuildNet(net, 3, {{0, 1}, {1, 2}}, {0, 2}, ldp);
        const PrefixFec a3Prefix(Ipv4Address("172.16.2.0"), 24);
        LdpHelper::AddFec(net.routers.Get(2), a3Prefix);
        net.mpls.EnablePcap(pcapIn, net.core[0].Get(1), false, true);
        net.mpls.EnablePcap(pcapOut, net.core[1].Get(0), false, true);

        std::vector<std::unique_ptr<SessionLog>> logs;
        SessionLog* r10 = WatchSessions(net.Ldp(0), logs);
        SessionLog* r20 = WatchSessions(net.Ldp(2), logs);
        Flow flow;
        WatchLabels(net, &flow);
        StartFlow(net, &flow, Seconds(2), Seconds(3));
        Simulator::Stop(Seconds(3.5));
        Simulator::Run();

        // Sessions 10-X and X-20 came up within the setup bound.
        const Time up10 = r10->First(Net::Loopback(1), SessionState::OPERATIONAL);
        const Time up20 = r20->First(Net::Loopback(1), SessionState::OPERATIONAL);
        NS_TEST_EXPECT_MSG_LT_OR_EQ(up10, kStart + kSetup, "session 10-X operational");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(up20, kStart + kSetup, "session X-20 operational");
        NS_TEST_EXPECT_MSG_EQ(net.Ldp(1)->GetSessionState(Net::Loopback(0)),
                              SessionState::OPERATIONAL,
                              "X sees router 10");
        NS_TEST_EXPECT_MSG_EQ(net.Ldp(1)->GetRouterId(), Net::Loopback(1), "LSR ID: loopback");

        // F from router 20's range, E from X's (downstream assignment).
        const auto f = net.Ldp(2)->GetLocalLabel(a3Prefix);
        const auto e = net.Ldp(1)->GetLocalLabel(a3Prefix);
        NS_TEST_ASSERT_MSG_EQ(f.has_value() && e.has_value(), true, "E and F bound");
        labelF = *f;
        labelE = *e;
        NS_TEST_EXPECT_MSG_EQ(labelF / 1000, 3u, "F chosen by router 20");
        NS_TEST_EXPECT_MSG_EQ(labelE / 1000, 2u, "E chosen by X");
        NS_TEST_EXPECT_MSG_NE(labelE, labelF, "E != F");
        NS_TEST_EXPECT_MSG_EQ(net.Ldp(0)->GetOutLabel(a3Prefix).value_or(0), labelE, "10 uses E");
        NS_TEST_EXPECT_MSG_EQ(net.Ldp(1)->GetOutLabel(a3Prefix).value_or(0), labelF, "X uses F");
        const auto lspReady = net.Ldp(0)->GetFtnInstallTime(a3Prefix);
        NS_TEST_EXPECT_MSG_EQ(lspReady.has_value(), true, "router 10 FTN installed");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(lspReady.value_or(Time::Max()),
                                    kStart + kSetup,
                                    "LSP complete at the ingress within the bound");

        // The LFIBs: 10 pushes E towards X, X swaps E -> F towards 20, 20 pops.
        const mpls::Nhlfe* ftn = net.Mpls(0)->GetFtn().Find(a3Prefix);
        NS_TEST_ASSERT_MSG_NE(ftn, nullptr, "router 10 FTN");
        NS_TEST_EXPECT_MSG_EQ(
            (*ftn ==
             mpls::Nhlfe::Push({labelE}, net.core[0].Get(0)->GetIfIndex(), net.CoreAddress(0, 1))),
            true,
            "router 10 pushes E to X");
        const mpls::Nhlfe* swap = net.Mpls(1)->GetIlm().Find(labelE);
        NS_TEST_ASSERT_MSG_NE(swap, nullptr, "X ILM for E");
        NS_TEST_EXPECT_MSG_EQ(
            (*swap ==
             mpls::Nhlfe::Swap(labelF, net.core[1].Get(0)->GetIfIndex(), net.CoreAddress(1, 1))),
            true,
            "X swaps E -> F towards router 20");
        const mpls::Nhlfe* pop = net.Mpls(2)->GetIlm().Find(labelF);
        NS_TEST_ASSERT_MSG_NE(pop, nullptr, "router 20 ILM for F");
        NS_TEST_EXPECT_MSG_EQ((*pop == mpls::Nhlfe::PopAndDeliver()), true, "router 20 pops F");

        // Every datagram arrived, labeled exactly push E, swap E -> F, pop F.
        const WindowResult w =
            Window(flow,
                   Seconds(0),
                   Seconds(10),
                   {Op(0, "push", labelE), Swap(1, labelE, labelF), Op(2, "pop", labelF)});
        NS_TEST_EXPECT_MSG_EQ(w.sent, 100u, "100 datagrams in 1 s at 10 ms");
        NS_TEST_EXPECT_MSG_EQ(w.delivered, w.sent, "all delivered");
        NS_TEST_EXPECT_MSG_EQ(w.onPath, w.sent, "label path " << w.firstMismatch);
        Simulator::Destroy();
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));
    }
};

// ===================================================================== (b)

/*
 * Ring R0 - R1 - R2 - R3 - R4 - R0; host 0 on R0, host 1 on R2. Active path
 * R0-R1-R2 (2 hops), backup R0-R4-R3-R2 (3 hops). Every LSR announces its
 * connected host subnet; the egress R2 advertises implicit null, so the
 * penultimate LSR pops (RFC 3031 section 3.16).
 */
class LdpRingFailoverTestCase : public TestCase
{
  public:
    LdpRingFailoverTestCase()
        : TestCase("ring of 5 LSRs: failover to the other path with its labels, sessions "
                   "follow the links")
    {
    }

  private:
    struct Labels
    {
        std::map<uint32_t, uint32_t> local; ///< router -> local label of the FEC
    };

    static void
    Snapshot(Net* net, PrefixFec fec, Labels* out)
    {
        for (uint32_t r = 0; r < net->routers.GetN(); ++r)
        {
            out->local[r] = net->Ldp(r)->GetLocalLabel(fec).value_or(0);
        }
    }

    void
    DoRun() override
    {
        Net net;
        LdpHelper ldp;
        ldp.Set("AnnounceConnected", BooleanValue(true));
        BuildNet(net, 5, {{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 0}}, {0, 2}, ldp);
        const PrefixFec fec(Ipv4Address("172.16.2.0"), 24); // host 1, behind R2
        std::vector<std::unique_ptr<SessionLog>> logs;
        SessionLog* r1 = WatchSessions(net.Ldp(1), logs);
        SessionLog* r3 = WatchSessions(net.Ldp(3), logs);
        Flow flow;
        WatchLabels(net, &flow);
        StartFlow(net, &flow, Seconds(3), Seconds(40));

        const Time fail = Seconds(6);
        const Time repair = Seconds(12);
        const Time silent = Seconds(24);
        Labels before;
        Labels during;
        Labels after;
        Simulator::Schedule(fail - MilliSeconds(1), &Snapshot, &net, fec, &before);
        Simulator::Schedule(fail, &SetLinkUp, &net, 1, false); // R1-R2
        Simulator::Schedule(repair - MilliSeconds(1), &Snapshot, &net, fec, &during);
        Simulator::Schedule(repair, &SetLinkUp, &net, 1, true);
        Simulator::Schedule(silent - MilliSeconds(1), &Snapshot, &net, fec, &after);
        Simulator::Schedule(silent, &SilentFailure, &net, 3); // R3-R4, not on the path
        Simulator::Stop(Seconds(40));
        Simulator::Run();

        // Before: R0 pushes R1's label, R1 pops it (R2 advertised implicit null).
        NS_TEST_EXPECT_MSG_EQ(before.local[2], mpls::LABEL_IMPLICIT_NULL, "egress: implicit null");
        NS_TEST_EXPECT_MSG_EQ(before.local[1] / 1000, 2u, "R1 label from R1's range");
        WindowResult w = Window(flow,
                                Seconds(3),
                                fail - MilliSeconds(20),
                                {Op(0, "push", before.local[1]), Op(1, "pop", before.local[1])});
        NS_TEST_EXPECT_MSG_EQ(w.delivered, w.sent, "path 1: all delivered");
        NS_TEST_EXPECT_MSG_EQ(w.onPath, w.sent, "path 1 labels " << w.firstMismatch);

        // After the failure: at once on R0-R4-R3-R2 with that path's labels
        // (liberal retention: R0 already held R4's mapping).
        NS_TEST_EXPECT_MSG_EQ(during.local[4] / 1000, 5u, "R4 label from R4's range");
        NS_TEST_EXPECT_MSG_EQ(during.local[3] / 1000, 4u, "R3 label from R3's range");
        w = Window(flow,
                   fail + MilliSeconds(10),
                   repair,
                   {Op(0, "push", during.local[4]),
                    Swap(4, during.local[4], during.local[3]),
                    Op(3, "pop", during.local[3])});
        NS_TEST_EXPECT_MSG_GT(w.sent, 500u, "traffic during the failure");
        NS_TEST_EXPECT_MSG_EQ(w.delivered, w.sent, "path 2: all delivered");
        NS_TEST_EXPECT_MSG_EQ(w.onPath, w.sent, "path 2 labels " << w.firstMismatch);
        // The session over the dead link ended, no later than the hold time.
        const Time down = r1->First(Net::Loopback(2), SessionState::NON_EXISTENT, fail);
        NS_TEST_EXPECT_MSG_LT_OR_EQ(down, fail + kHold, "R1-R2 session ends");

        // Repair: both ends send a Hello as the interface comes up, the
        // session is back within one setup; the LSP returns to path 1.
        const Time back = r1->First(Net::Loopback(2), SessionState::OPERATIONAL, repair);
        NS_TEST_EXPECT_MSG_LT_OR_EQ(back, repair + kSetup, "R1-R2 session back");
        w = Window(flow,
                   repair + kSetup + MilliSeconds(50),
                   silent - MilliSeconds(20),
                   {Op(0, "push", after.local[1]), Op(1, "pop", after.local[1])});
        NS_TEST_EXPECT_MSG_GT(w.sent, 400u, "traffic after the repair");
        NS_TEST_EXPECT_MSG_EQ(w.delivered, w.sent, "path 1 again: all delivered");
        NS_TEST_EXPECT_MSG_EQ(w.onPath, w.sent, "path 1 labels again " << w.firstMismatch);

        // Silent failure of R3-R4: the adjacency expires a hold time after
        // the last Hello heard, which was at most one interval before.
        const Time gone = r3->First(Net::Loopback(4), SessionState::NON_EXISTENT, silent);
        NS_TEST_EXPECT_MSG_GT_OR_EQ(gone, silent + kHold - kHello, "not before the hold time");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(gone, silent + kHold + kSetup, "at the hold time");
        w = Window(flow,
                   silent,
                   Seconds(39.9),
                   {Op(0, "push", after.local[1]), Op(1, "pop", after.local[1])});
        NS_TEST_EXPECT_MSG_EQ(w.delivered, w.sent, "path 1 unaffected by the silent failure");
        NS_TEST_EXPECT_MSG_EQ(w.onPath, w.sent, "path 1 labels unaffected " << w.firstMismatch);
        Simulator::Destroy();
    }
};

// ===================================================================== (c)

namespace
{

std::vector<uint8_t>
Bytes(const ldp::Pdu& pdu)
{
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(pdu);
    std::vector<uint8_t> b(p->GetSize());
    p->CopyData(b.data(), b.size());
    return b;
}

/// A PDU from `lsr` with one Label Mapping, plus an optional extra TLV.
std::vector<uint8_t>
MappingPdu(Ipv4Address lsr, PrefixFec fec, uint32_t label, const ldp::Tlv* extra = nullptr)
{
    ldp::LabelMappingMessage m;
    m.SetMessageId(90000 + label);
    m.SetFec(ldp::FecTlv(ldp::FecElement::Ipv4Prefix(fec.network, fec.length)));
    m.SetLabel(label);
    if (extra)
    {
        m.AddOtherParameter(*extra);
    }
    ldp::Pdu pdu(lsr, 0);
    pdu.AddMessage(m);
    return Bytes(pdu);
}

struct NotificationLog
{
    std::vector<std::pair<uint32_t, bool>> entries; ///< status, E bit
};

void
OnNotification(NotificationLog* log, Ipv4Address, uint32_t status, bool fatal)
{
    log->entries.emplace_back(status, fatal);
}

void
Inject(Ptr<Protocol> from, Ipv4Address to, std::vector<uint8_t> bytes)
{
    from->SendRawBytes(to, bytes);
}

struct Probe
{
    std::map<std::string, std::optional<uint32_t>> labels;
    std::map<std::string, SessionState> states;
    std::map<std::string, size_t> notifications;
};

} // namespace

/*
 * Two LSRs, R0 (172.16.1.1, passive) and R1 (172.16.2.1, active). R0
 * writes hand-made PDUs on its session; R1 must answer as RFC 5036 sections
 * 3.3, 3.5 and 3.5.1.2 say and never fall over. The mapped FECs have no
 * route, so R1 just retains their labels (liberal retention).
 */
class LdpMalformedTestCase : public TestCase
{
  public:
    LdpMalformedTestCase()
        : TestCase("unknown TLVs and messages, PDU framing, malformed PDUs on a session")
    {
    }

  private:
    void
    DoRun() override
    {
        Net net;
        LdpHelper ldp;
        // A host on each router keeps global routing from making them stubs
        // with default routes (every FEC would then have a next hop).
        // No loopbacks: each LSR ID is the highest interface address, that
        // of the host link (172.16.h.1 > 10.0.1.x).
        BuildNet(net, 2, {{0, 1}}, {0, 1}, ldp, false);
        Ptr<Protocol> r0 = net.Ldp(0);
        Ptr<Protocol> r1 = net.Ldp(1);
        const Ipv4Address id0("172.16.1.1");
        const Ipv4Address id1("172.16.2.1");
        NotificationLog sent;
        NotificationLog heard;
        r1->TraceConnectWithoutContext("NotificationTx", MakeBoundCallback(&OnNotification, &sent));
        r0->TraceConnectWithoutContext("NotificationRx",
                                       MakeBoundCallback(&OnNotification, &heard));
        std::vector<std::unique_ptr<SessionLog>> logs;
        SessionLog* log1 = WatchSessions(r1, logs);

        const auto fec = [](uint32_t i) {
            return PrefixFec(Ipv4Address(0xAC1F0000 + (i << 8)), 24); // 172.31.i.0/24
        };
        Probe probe;
        auto look = [&](const std::string& key, uint32_t i) {
            probe.labels[key] = r1->GetPeerLabel(fec(i), id0);
            probe.states[key] = r1->GetSessionState(id0);
            probe.notifications[key] = sent.entries.size();
        };
        // An unknown TLV with U = 0 voids its message (section 3.3).
        const ldp::Tlv unknownU0(0x3E00, {1, 2, 3, 4}, false, false);
        const ldp::Tlv unknownU1(0x3E00, {1, 2, 3, 4}, true, false);
        Simulator::Schedule(
            Seconds(2.0), &Inject, r0, id1, MappingPdu(id0, fec(1), 5001, &unknownU0));
        Simulator::Schedule(Seconds(2.05), [&]() {
            look("u0", 1);
        });
        // With U = 1 it is skipped and the message processed.
        Simulator::Schedule(
            Seconds(2.1), &Inject, r0, id1, MappingPdu(id0, fec(2), 5002, &unknownU1));
        Simulator::Schedule(Seconds(2.15), [&]() {
            look("u1", 2);
        });
        // Unknown message types (section 3.5): U = 0 answered, U = 1 not.
        for (bool u : {false, true})
        {
            ldp::Message unknown(0x3F00, 91000);
            unknown.SetUnknownBit(u);
            ldp::Pdu pdu(id0, 0);
            pdu.AddMessage(unknown);
            Simulator::Schedule(Seconds(u ? 2.3 : 2.2), &Inject, r0, id1, Bytes(pdu));
        }
        Simulator::Schedule(Seconds(2.25), [&]() {
            look("msg-u0", 0);
        });
        Simulator::Schedule(Seconds(2.35), [&]() {
            look("msg-u1", 0);
        });
        // One PDU in two writes, 50 ms apart (reassembly across segments).
        const std::vector<uint8_t> split = MappingPdu(id0, fec(3), 5003);
        Simulator::Schedule(
            Seconds(2.4), &Inject, r0, id1, std::vector<uint8_t>(split.begin(), split.begin() + 7));
        Simulator::Schedule(Seconds(2.42), [&]() {
            look("half", 3);
        });
        Simulator::Schedule(
            Seconds(2.45), &Inject, r0, id1, std::vector<uint8_t>(split.begin() + 7, split.end()));
        Simulator::Schedule(Seconds(2.5), [&]() {
            look("whole", 3);
        });
        // Two PDUs in one write.
        std::vector<uint8_t> two = MappingPdu(id0, fec(4), 5004);
        const std::vector<uint8_t> second = MappingPdu(id0, fec(5), 5005);
        two.insert(two.end(), second.begin(), second.end());
        Simulator::Schedule(Seconds(2.6), &Inject, r0, id1, two);
        Simulator::Schedule(Seconds(2.7), [&]() {
            look("two-a", 4);
        });
        Simulator::Schedule(Seconds(2.7), [&]() {
            look("two-b", 5);
        });

        // Fatal errors, 2 s apart; each ends the session (section 3.5.1.2.1).
        std::vector<uint8_t> badMsgLength = MappingPdu(id0, fec(6), 5006);
        badMsgLength[12] = 0x0F; // Message Length runs past the PDU
        std::vector<uint8_t> badVersion = MappingPdu(id0, fec(7), 5007);
        badVersion[1] = 2;
        const std::vector<uint8_t> badId = MappingPdu(Ipv4Address("10.9.9.9"), fec(8), 5008);
        std::vector<uint8_t> badPduLength = MappingPdu(id0, fec(9), 5009);
        badPduLength[2] = 0xFF; // 65535 > Max PDU Length 4096
        badPduLength[3] = 0xFF;
        const std::vector<std::pair<uint32_t, std::vector<uint8_t>>> fatal = {
            {ldp::STATUS_BAD_MESSAGE_LENGTH, badMsgLength},
            {ldp::STATUS_BAD_PROTOCOL_VERSION, badVersion},
            {ldp::STATUS_BAD_LDP_IDENTIFIER, badId},
            {ldp::STATUS_BAD_PDU_LENGTH, badPduLength},
        };
        for (size_t i = 0; i < fatal.size(); ++i)
        {
            Simulator::Schedule(Seconds(3 + 2 * i), &Inject, r0, id1, fatal[i].second);
        }
        Simulator::Stop(Seconds(12));
        Simulator::Run();

        using ldp::STATUS_UNKNOWN_MESSAGE_TYPE;
        using ldp::STATUS_UNKNOWN_TLV;
        NS_TEST_EXPECT_MSG_EQ(probe.labels["u0"].has_value(), false, "U=0 TLV: mapping ignored");
        NS_TEST_EXPECT_MSG_EQ(probe.notifications["u0"], 1u, "U=0 TLV: one Notification");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(sent.entries.size(), 2u, "Notifications sent");
        NS_TEST_EXPECT_MSG_EQ(sent.entries[0].first, STATUS_UNKNOWN_TLV, "Unknown TLV status");
        NS_TEST_EXPECT_MSG_EQ(sent.entries[0].second, false, "Unknown TLV is advisory (E=0)");
        NS_TEST_EXPECT_MSG_EQ(probe.states["u0"], SessionState::OPERATIONAL, "session stays up");
        NS_TEST_EXPECT_MSG_EQ(probe.labels["u1"].value_or(0), 5002u, "U=1 TLV: mapping used");
        NS_TEST_EXPECT_MSG_EQ(probe.notifications["u1"], 1u, "U=1 TLV: no Notification");
        NS_TEST_EXPECT_MSG_EQ(probe.notifications["msg-u0"], 2u, "U=0 message: Notification");
        NS_TEST_EXPECT_MSG_EQ(
            sent.entries[1].first, STATUS_UNKNOWN_MESSAGE_TYPE, "Unknown Message Type status");
        NS_TEST_EXPECT_MSG_EQ(sent.entries[1].second, false, "advisory (E=0)");
        NS_TEST_EXPECT_MSG_EQ(probe.notifications["msg-u1"], 2u, "U=1 message: silence");
        NS_TEST_EXPECT_MSG_EQ(probe.labels["half"].has_value(), false, "half a PDU: nothing yet");
        NS_TEST_EXPECT_MSG_EQ(probe.labels["whole"].value_or(0), 5003u, "PDU reassembled");
        NS_TEST_EXPECT_MSG_EQ(probe.labels["two-a"].value_or(0), 5004u, "first of two PDUs");
        NS_TEST_EXPECT_MSG_EQ(probe.labels["two-b"].value_or(0), 5005u, "second of two PDUs");
        NS_TEST_EXPECT_MSG_EQ(probe.states["two-b"], SessionState::OPERATIONAL, "still up");
        NS_TEST_EXPECT_MSG_EQ(probe.notifications["two-b"], 2u, "no more Notifications");

        // Each fatal error: a fatal Notification with its status, heard by
        // R0, the session closed, then re-established. It was operational,
        // so the Initialization backoff (section 2.5.3) does not hold the
        // active LSR back; it is the bound all the same.
        NS_TEST_ASSERT_MSG_EQ(sent.entries.size(), 2 + fatal.size(), "one Notification each");
        for (size_t i = 0; i < fatal.size(); ++i)
        {
            const Time at = Seconds(3 + 2 * i);
            NS_TEST_EXPECT_MSG_EQ(sent.entries[2 + i].first, fatal[i].first, "status " << i);
            NS_TEST_EXPECT_MSG_EQ(sent.entries[2 + i].second, true, "fatal (E=1) " << i);
            NS_TEST_EXPECT_MSG_LT_OR_EQ(log1->First(id0, SessionState::NON_EXISTENT, at),
                                        at + kSetup,
                                        "session closed " << i);
            NS_TEST_EXPECT_MSG_LT_OR_EQ(log1->First(id0, SessionState::OPERATIONAL, at),
                                        at + Seconds(15) + kSetup,
                                        "session re-established " << i);
        }
        bool heardAll = true;
        for (size_t i = 0; i < fatal.size(); ++i)
        {
            heardAll = heardAll && std::count(heard.entries.begin(),
                                              heard.entries.end(),
                                              std::make_pair(fatal[i].first, true)) == 1;
        }
        NS_TEST_EXPECT_MSG_EQ(heardAll, true, "R0 heard every fatal Notification");
        NS_TEST_EXPECT_MSG_EQ(r1->GetMalformedCount(), fatal.size(), "malformed PDUs counted");
        NS_TEST_EXPECT_MSG_EQ(r0->GetRouterId(), id0, "LSR ID without loopback");
        NS_TEST_EXPECT_MSG_EQ(r1->GetTransportAddress(), id1, "transport address = LSR ID");
        NS_TEST_EXPECT_MSG_EQ(r1->GetSessionState(id0), SessionState::OPERATIONAL, "up at the end");
        NS_TEST_EXPECT_MSG_EQ(r0->GetSessionState(id1), SessionState::OPERATIONAL, "both ends");
        Simulator::Destroy();
    }
};

// ===================================================================== (d)

/*
 * Chain R0 - R1 - R2, hosts on R0 and R2, non-null egress labels. R1's LDP
 * process stops at 5 s and starts again at 8 s.
 */
class LdpRestartTestCase : public TestCase
{
  public:
    LdpRestartTestCase()
        : TestCase("a restarted LDP process: sessions and LSP come back")
    {
    }

  private:
    struct Tables
    {
        bool r1HasFtn = true;
        bool r1HasIlm = true;
        bool r0HasFtn = true;
    };

    void
    DoRun() override
    {
        Net net;
        LdpHelper ldp;
        ldp.Set("EgressLabel", EnumValue(static_cast<int>(ldp::EgressLabel::NON_NULL)));
        ldp.Set("AnnounceConnected", BooleanValue(true));
        BuildNet(net, 3, {{0, 1}, {1, 2}}, {0, 2}, ldp);
        const PrefixFec fec(Ipv4Address("172.16.2.0"), 24);
        std::vector<std::unique_ptr<SessionLog>> logs;
        SessionLog* r0 = WatchSessions(net.Ldp(0), logs);
        SessionLog* r2 = WatchSessions(net.Ldp(2), logs);
        Flow flow;
        WatchLabels(net, &flow);
        StartFlow(net, &flow, Seconds(2), Seconds(14));

        const Time stop = Seconds(5);
        const Time start = Seconds(8);
        uint32_t oldR1 = 0;
        uint32_t r2Label = 0;
        Tables tables;
        Simulator::Schedule(stop - MilliSeconds(1), [&]() {
            oldR1 = net.Ldp(1)->GetLocalLabel(fec).value_or(0);
            r2Label = net.Ldp(2)->GetLocalLabel(fec).value_or(0);
        });
        Simulator::Schedule(stop, &Protocol::Stop, net.Ldp(1));
        Simulator::Schedule(stop + MilliSeconds(1), [&]() {
            tables.r1HasFtn = net.Mpls(1)->GetFtn().Find(fec) != nullptr;
            tables.r1HasIlm = net.Mpls(1)->GetIlm().Find(oldR1) != nullptr;
        });
        Simulator::Schedule(stop + MilliSeconds(100), [&]() {
            tables.r0HasFtn = net.Mpls(0)->GetFtn().Find(fec) != nullptr;
        });
        Simulator::Schedule(start, &Protocol::Start, net.Ldp(1));
        Simulator::Stop(Seconds(14));
        Simulator::Run();

        const uint32_t newR1 = net.Ldp(1)->GetLocalLabel(fec).value_or(0);
        NS_TEST_EXPECT_MSG_EQ(oldR1 / 1000, 2u, "R1's label before");
        NS_TEST_EXPECT_MSG_EQ(r2Label / 1000, 3u, "R2's label");
        WindowResult w =
            Window(flow,
                   Seconds(2),
                   stop - MilliSeconds(20),
                   {Op(0, "push", oldR1), Swap(1, oldR1, r2Label), Op(2, "pop", r2Label)});
        NS_TEST_EXPECT_MSG_EQ(w.delivered, w.sent, "before: all delivered");
        NS_TEST_EXPECT_MSG_EQ(w.onPath, w.sent, "before: labels " << w.firstMismatch);

        // The stopped process said Shutdown; both neighbours closed at once,
        // and its LFIB entries went with it.
        NS_TEST_EXPECT_MSG_LT_OR_EQ(r0->First(Net::Loopback(1), SessionState::NON_EXISTENT, stop),
                                    stop + kSetup,
                                    "R0 saw the session end");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(r2->First(Net::Loopback(1), SessionState::NON_EXISTENT, stop),
                                    stop + kSetup,
                                    "R2 saw the session end");
        NS_TEST_EXPECT_MSG_EQ(tables.r1HasFtn, false, "R1's FTN removed");
        NS_TEST_EXPECT_MSG_EQ(tables.r1HasIlm, false, "R1's ILM removed");
        NS_TEST_EXPECT_MSG_EQ(tables.r0HasFtn, false, "R0 lost its LSP");
        // Meanwhile IP routing carries the traffic unlabeled.
        w = Window(flow, stop + MilliSeconds(20), start, {});
        NS_TEST_EXPECT_MSG_EQ(w.delivered, w.sent, "LDP down: delivered as plain IP");
        NS_TEST_EXPECT_MSG_EQ(w.onPath, w.sent, "LDP down: no labels " << w.firstMismatch);

        // Restart: its new Configuration Sequence Number resets the peers'
        // backoff (sections 3.5.2, 2.5.3): sessions are back within one
        // setup, not after the 15 s backoff of the refused attempts.
        NS_TEST_EXPECT_MSG_LT_OR_EQ(r0->First(Net::Loopback(1), SessionState::OPERATIONAL, start),
                                    start + kSetup,
                                    "R0-R1 back");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(r2->First(Net::Loopback(1), SessionState::OPERATIONAL, start),
                                    start + kSetup,
                                    "R1-R2 back");
        NS_TEST_EXPECT_MSG_EQ(newR1 / 1000, 2u, "R1's new label from its range");
        w = Window(flow,
                   start + kSetup + MilliSeconds(50),
                   Seconds(13.9),
                   {Op(0, "push", newR1), Swap(1, newR1, r2Label), Op(2, "pop", r2Label)});
        NS_TEST_EXPECT_MSG_GT(w.sent, 400u, "traffic after the restart");
        NS_TEST_EXPECT_MSG_EQ(w.delivered, w.sent, "after: all delivered");
        NS_TEST_EXPECT_MSG_EQ(w.onPath, w.sent, "after: labels " << w.firstMismatch);
        Simulator::Destroy();
    }
};

// ===================================================================== (e)

/*
 * Extended discovery (RFC 5036 section 2.4.2): in the chain R0 - R1 - R2,
 * R0 and R2 send each other Targeted Hellos and hold a session though they
 * share no link. R0 keeps R2's mapping (liberal retention) but forwards with
 * R1's, its next hop's.
 */
class LdpTargetedTestCase : public TestCase
{
  public:
    LdpTargetedTestCase()
        : TestCase("targeted Hellos: a session between LSRs that share no link")
    {
    }

  private:
    void
    DoRun() override
    {
        Net net;
        LdpHelper ldp;
        ldp.Set("AnnounceConnected", BooleanValue(true));
        BuildNet(net, 3, {{0, 1}, {1, 2}}, {0, 2}, ldp);
        net.Ldp(0)->AddTargetedPeer(Net::Loopback(2));
        net.Ldp(2)->AddTargetedPeer(Net::Loopback(0));
        std::vector<std::unique_ptr<SessionLog>> logs;
        SessionLog* r0 = WatchSessions(net.Ldp(0), logs);
        std::vector<AdjacencyLog> adjacencies(1);
        net.Ldp(0)->TraceConnectWithoutContext("AdjacencyChange",
                                               MakeBoundCallback(&OnAdjacency, &adjacencies[0]));
        Simulator::Stop(Seconds(3));
        Simulator::Run();

        const PrefixFec fec(Ipv4Address("172.16.2.0"), 24);
        // The first Targeted Hellos leave at the start; the session follows.
        NS_TEST_EXPECT_MSG_LT_OR_EQ(r0->First(Net::Loopback(2), SessionState::OPERATIONAL),
                                    kStart + kSetup,
                                    "targeted session R0-R2");
        NS_TEST_EXPECT_MSG_EQ(net.Ldp(0)->GetNAdjacencies(), 2u, "link (R1) and targeted (R2)");
        NS_TEST_EXPECT_MSG_EQ(adjacencies[0].up, 2u, "two adjacencies came up");
        NS_TEST_EXPECT_MSG_EQ(net.Ldp(0)->GetPeerLabel(fec, Net::Loopback(2)).value_or(0),
                              mpls::LABEL_IMPLICIT_NULL,
                              "R2's mapping retained");
        const uint32_t r1Label = net.Ldp(1)->GetLocalLabel(fec).value_or(0);
        NS_TEST_EXPECT_MSG_EQ(net.Ldp(0)->GetOutLabel(fec).value_or(0), r1Label, "R1's used");
        NS_TEST_EXPECT_MSG_EQ(net.Ldp(0)->GetNextHopPeer(fec).value_or(Ipv4Address()),
                              Net::Loopback(1),
                              "next hop R1");
        Simulator::Destroy();
    }
};

class IpvpnLdpTestSuite : public TestSuite
{
  public:
    IpvpnLdpTestSuite()
        : TestSuite("ipvpn-ldp", TestSuite::Type::UNIT)
    {
        AddTestCase(new LdpFig13TestCase);
        AddTestCase(new LdpRingFailoverTestCase);
        AddTestCase(new LdpMalformedTestCase);
        AddTestCase(new LdpRestartTestCase);
        AddTestCase(new LdpTargetedTestCase);
    }
};

static IpvpnLdpTestSuite g_ipvpnLdpTestSuite;
