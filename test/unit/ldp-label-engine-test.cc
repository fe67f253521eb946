// SPDX-License-Identifier: GPL-2.0-only
// The LDP label decision engine (RFC 5036 section 2.6, Appendix A) without a
// simulator: several engines exchange their label messages through a queue,
// as LDP sessions would, and the tests look at what each one installs and
// sends. Expected values follow from the RFC's modes (Downstream Unsolicited,
// ordered control, liberal retention) and the label ranges each LSR is given.
#include "ns3/ldp-label-engine.h"
#include "ns3/ldp-status.h"
#include "ns3/mpls-label-stack-header.h"

#include <catch2/catch.hpp>
#include <deque>
#include <map>
#include <memory>
#include <vector>

using namespace ns3;
using namespace ns3::ldp;
using mpls::PrefixFec;

namespace
{

const PrefixFec kFec(Ipv4Address("192.168.3.0"), 24);

/// One LSR: an engine, its label range, its routes, its LFIB as changed.
struct Lsr
{
    Lsr(Ipv4Address lsrId, uint32_t firstLabel, EgressLabel mode)
        : id(lsrId)
        , allocator(firstLabel, firstLabel + 999)
        , engine(
              &allocator,
              [this](const PrefixFec& fec) -> std::optional<NextHop> {
                  auto it = routes.find(fec);
                  return it == routes.end() ? std::nullopt : std::optional<NextHop>(it->second);
              },
              LabelEngine::Config{mode})
    {
    }

    Ipv4Address id;
    std::vector<Ipv4Address> addresses;
    mpls::LabelAllocator allocator;
    std::map<PrefixFec, NextHop> routes;
    LabelEngine engine;
    std::map<PrefixFec, mpls::Nhlfe> ftn;
    std::map<uint32_t, mpls::Nhlfe> ilm;

    void
    Apply(const EngineOutput& out)
    {
        for (const LfibChange& c : out.lfib)
        {
            if (c.table == LfibChange::FTN)
            {
                if (c.kind == LfibChange::ADD)
                {
                    ftn[c.fec] = c.nhlfe;
                }
                else
                {
                    ftn.erase(c.fec);
                }
            }
            else if (c.kind == LfibChange::ADD)
            {
                ilm[c.inLabel] = c.nhlfe;
            }
            else
            {
                ilm.erase(c.inLabel);
            }
        }
    }
};

struct Sent
{
    Ipv4Address from;
    LabelMessage message;
};

/// LSRs joined by sessions; messages are delivered in order through a queue.
class Net
{
  public:
    Lsr&
    Add(const std::string& id, uint32_t firstLabel, EgressLabel mode = EgressLabel::NON_NULL)
    {
        m_lsrs.push_back(std::make_unique<Lsr>(Ipv4Address(id.c_str()), firstLabel, mode));
        return *m_lsrs.back();
    }

    Lsr&
    Get(Ipv4Address id)
    {
        for (auto& l : m_lsrs)
        {
            if (l->id == id)
            {
                return *l;
            }
        }
        FAIL("no LSR " << id);
        return *m_lsrs.front();
    }

    /// Both ends see the session come up; addresses follow unless held back.
    void
    Session(Lsr& a, Lsr& b, bool sendAddresses = true)
    {
        Handle(a, a.engine.PeerUp(b.id));
        Handle(b, b.engine.PeerUp(a.id));
        if (sendAddresses)
        {
            SendAddresses(a, b);
            SendAddresses(b, a);
        }
        Run();
    }

    /// `from` sends its Address message to `to`.
    void
    SendAddresses(Lsr& from, Lsr& to)
    {
        Handle(to, to.engine.ReceiveAddress(from.id, from.addresses));
        Run();
    }

    void
    Handle(Lsr& lsr, const EngineOutput& out)
    {
        lsr.Apply(out);
        for (const LabelMessage& m : out.messages)
        {
            m_queue.push_back({lsr.id, m});
        }
    }

    void
    Run()
    {
        while (!m_queue.empty())
        {
            Sent s = m_queue.front();
            m_queue.pop_front();
            log.push_back(s);
            Lsr& to = Get(s.message.peer);
            const LabelMessage& m = s.message;
            std::optional<PrefixFec> fec;
            if (!m.wildcard)
            {
                fec = m.fec;
            }
            switch (m.type)
            {
            case LabelMessage::MAPPING:
                Handle(to, to.engine.ReceiveMapping(s.from, m.fec, *m.label));
                break;
            case LabelMessage::WITHDRAW:
                Handle(to, to.engine.ReceiveWithdraw(s.from, fec, m.label));
                break;
            case LabelMessage::RELEASE:
                Handle(to, to.engine.ReceiveRelease(s.from, fec, m.label));
                break;
            case LabelMessage::NOTIFICATION:
                break;
            }
        }
    }

    /// Messages of a type sent from one LSR to another, in order.
    std::vector<LabelMessage>
    Between(const Lsr& from, const Lsr& to, LabelMessage::Type type) const
    {
        std::vector<LabelMessage> out;
        for (const Sent& s : log)
        {
            if (s.from == from.id && s.message.peer == to.id && s.message.type == type)
            {
                out.push_back(s.message);
            }
        }
        return out;
    }

    /// Index in the log of the first message of a type from -> to, or -1.
    int
    FirstIndex(const Lsr& from, const Lsr& to, LabelMessage::Type type) const
    {
        for (size_t i = 0; i < log.size(); ++i)
        {
            if (log[i].from == from.id && log[i].message.peer == to.id &&
                log[i].message.type == type)
            {
                return static_cast<int>(i);
            }
        }
        return -1;
    }

    std::vector<Sent> log;

  private:
    std::vector<std::unique_ptr<Lsr>> m_lsrs;
    std::deque<Sent> m_queue;
};

/*
 * Chain A - B - C, C the egress for kFec:
 *   A 1.1.1.1 (10.0.12.1, dev 1)  B 2.2.2.2 (10.0.12.2 dev 1, 10.0.23.2 dev 2)
 *   C 3.3.3.3 (10.0.23.3)
 * Label ranges: A 1000.., B 2000.., C 3000..
 */
struct Chain
{
    explicit Chain(EgressLabel egressMode = EgressLabel::NON_NULL)
        : a(net.Add("1.1.1.1", 1000))
        , b(net.Add("2.2.2.2", 2000))
        , c(net.Add("3.3.3.3", 3000, egressMode))
    {
        a.addresses = {Ipv4Address("1.1.1.1"), Ipv4Address("10.0.12.1")};
        b.addresses = {Ipv4Address("2.2.2.2"), Ipv4Address("10.0.12.2"), Ipv4Address("10.0.23.2")};
        c.addresses = {Ipv4Address("3.3.3.3"), Ipv4Address("10.0.23.3")};
        a.routes[kFec] = NextHop{Ipv4Address("10.0.12.2"), 1};
        b.routes[kFec] = NextHop{Ipv4Address("10.0.23.3"), 2};
    }

    Net net;
    Lsr& a;
    Lsr& b;
    Lsr& c;
};

} // namespace

TEST_CASE("LDP engine: Downstream Unsolicited ordered propagation along a chain", "[ldp]")
{
    Chain n;
    n.net.Session(n.a, n.b);
    // B-C session up, but C's Address message held back: B cannot tell that
    // C is its next hop yet.
    n.net.Session(n.b, n.c, false);
    n.net.Handle(n.c, n.c.engine.AddLocalFec(kFec));
    n.net.Run();

    // The egress advertises at once (FEC.1) a label from its own range.
    auto cToB = n.net.Between(n.c, n.b, LabelMessage::MAPPING);
    REQUIRE(cToB.size() == 1);
    const uint32_t labelC = *cToB[0].label;
    CHECK(labelC >= 3000);
    CHECK(labelC < 4000);
    // B keeps it (liberal retention) but, without a mapping from its next
    // hop, ordered control keeps it from advertising (section 2.6.1.2).
    CHECK(n.b.engine.GetPeerLabel(kFec, n.c.id) == labelC);
    CHECK(n.net.Between(n.b, n.a, LabelMessage::MAPPING).empty());
    CHECK(n.b.ftn.empty());
    CHECK(n.b.ilm.empty());

    // C's addresses make it B's next hop: B installs and propagates.
    n.net.SendAddresses(n.c, n.b);
    n.net.SendAddresses(n.b, n.c);
    auto bToA = n.net.Between(n.b, n.a, LabelMessage::MAPPING);
    REQUIRE(bToA.size() == 1);
    const uint32_t labelB = *bToA[0].label;
    CHECK(labelB >= 2000);
    CHECK(labelB < 3000);
    CHECK(n.net.FirstIndex(n.c, n.b, LabelMessage::MAPPING) <
          n.net.FirstIndex(n.b, n.a, LabelMessage::MAPPING));

    // B: FTN pushes C's label, ILM swaps its own label to C's, towards C.
    REQUIRE(n.b.ftn.count(kFec) == 1);
    CHECK(n.b.ftn[kFec] == mpls::Nhlfe::Push({labelC}, 2, Ipv4Address("10.0.23.3")));
    REQUIRE(n.b.ilm.count(labelB) == 1);
    CHECK(n.b.ilm[labelB] == mpls::Nhlfe::Swap(labelC, 2, Ipv4Address("10.0.23.3")));
    // C, the egress, pops its non-null label and has no FTN.
    REQUIRE(n.c.ilm.count(labelC) == 1);
    CHECK(n.c.ilm[labelC] == mpls::Nhlfe::PopAndDeliver());
    CHECK(n.c.ftn.empty());
    // A, the ingress: FTN pushes B's label; it advertises its own too.
    CHECK(n.a.ftn[kFec] == mpls::Nhlfe::Push({labelB}, 1, Ipv4Address("10.0.12.2")));
    auto aToB = n.net.Between(n.a, n.b, LabelMessage::MAPPING);
    REQUIRE(aToB.size() == 1);
    CHECK(*aToB[0].label >= 1000);
    CHECK(*aToB[0].label < 2000);
    CHECK(n.a.engine.GetOutLabel(kFec) == labelB);
    CHECK(n.a.engine.GetLocalLabel(kFec) == *aToB[0].label);
    // Downstream Unsolicited sends to every peer, the next hop included
    // (LMp.17), and only once each (LMp.18).
    CHECK(n.net.Between(n.b, n.c, LabelMessage::MAPPING).size() == 1);
    CHECK(n.b.engine.GetPeerLabel(kFec, n.a.id) == *aToB[0].label);
    CHECK(n.net.Between(n.c, n.b, LabelMessage::MAPPING).size() == 1);
    CHECK(n.b.engine.GetNLocalBindings() == 1);
    CHECK(n.b.engine.GetNRemoteBindings() == 2);
}

TEST_CASE("LDP engine: a session coming up late gets the existing bindings", "[ldp]")
{
    Chain n;
    n.net.Session(n.b, n.c);
    n.net.Handle(n.c, n.c.engine.AddLocalFec(kFec));
    n.net.Run();
    CHECK(n.b.ftn.count(kFec) == 1);
    // A's session comes up after the LSP was built: B advertises to it.
    n.net.Session(n.a, n.b);
    auto bToA = n.net.Between(n.b, n.a, LabelMessage::MAPPING);
    REQUIRE(bToA.size() == 1);
    CHECK(n.a.ftn.count(kFec) == 1);
    CHECK(n.a.ftn[kFec].labels == std::vector<uint32_t>{*bToA[0].label});
}

TEST_CASE("LDP engine: egress label modes", "[ldp]")
{
    SECTION("implicit null: penultimate hop popping")
    {
        Chain n(EgressLabel::IMPLICIT_NULL);
        n.net.Session(n.a, n.b);
        n.net.Session(n.b, n.c);
        n.net.Handle(n.c, n.c.engine.AddLocalFec(kFec));
        n.net.Run();
        auto cToB = n.net.Between(n.c, n.b, LabelMessage::MAPPING);
        REQUIRE(cToB.size() == 1);
        CHECK(*cToB[0].label == mpls::LABEL_IMPLICIT_NULL);
        CHECK(n.c.ilm.empty()); // nothing arrives labeled
        CHECK(n.c.allocator.GetAllocatedCount() == 0);
        const uint32_t labelB = *n.b.engine.GetLocalLabel(kFec);
        REQUIRE(n.b.ilm.count(labelB) == 1);
        CHECK(n.b.ilm[labelB].IsImplicitNullPop()); // B pops (RFC 3031 3.16)
        CHECK(n.a.ftn[kFec].labels == std::vector<uint32_t>{labelB});
    }
    SECTION("explicit null")
    {
        Chain n(EgressLabel::EXPLICIT_NULL);
        n.net.Session(n.a, n.b);
        n.net.Session(n.b, n.c);
        n.net.Handle(n.c, n.c.engine.AddLocalFec(kFec));
        n.net.Run();
        CHECK(n.c.engine.GetLocalLabel(kFec) == mpls::LABEL_IPV4_EXPLICIT_NULL);
        // Label 0 is popped by the MPLS engine itself (RFC 3032 2.1).
        CHECK(n.c.ilm.empty());
        const uint32_t labelB = *n.b.engine.GetLocalLabel(kFec);
        CHECK(n.b.ilm[labelB] ==
              mpls::Nhlfe::Swap(mpls::LABEL_IPV4_EXPLICIT_NULL, 2, Ipv4Address("10.0.23.3")));
    }
    SECTION("non-null: the egress pops its own label")
    {
        Chain n(EgressLabel::NON_NULL);
        n.net.Session(n.b, n.c);
        n.net.Handle(n.c, n.c.engine.AddLocalFec(kFec));
        n.net.Run();
        const uint32_t labelC = *n.c.engine.GetLocalLabel(kFec);
        CHECK(labelC >= 3000);
        CHECK(n.c.ilm[labelC] == mpls::Nhlfe::PopAndDeliver());
        CHECK(n.c.engine.IsEgress(kFec));
    }
}

/*
 * Diamond: A reaches C through B (10.0.12.2, dev 1) or D (10.0.14.4, dev 2).
 *        B
 *      /   \
 *     A     C (egress)
 *      \   /
 *        D
 */
struct Diamond
{
    Diamond()
        : a(net.Add("1.1.1.1", 1000))
        , b(net.Add("2.2.2.2", 2000))
        , c(net.Add("3.3.3.3", 3000))
        , d(net.Add("4.4.4.4", 4000))
    {
        a.addresses = {Ipv4Address("10.0.12.1"), Ipv4Address("10.0.14.1")};
        b.addresses = {Ipv4Address("10.0.12.2"), Ipv4Address("10.0.23.2")};
        c.addresses = {Ipv4Address("10.0.23.3"), Ipv4Address("10.0.34.3")};
        d.addresses = {Ipv4Address("10.0.14.4"), Ipv4Address("10.0.34.4")};
        a.routes[kFec] = viaB;
        b.routes[kFec] = NextHop{Ipv4Address("10.0.23.3"), 2};
        d.routes[kFec] = NextHop{Ipv4Address("10.0.34.3"), 2};
        net.Session(a, b);
        net.Session(a, d);
        net.Session(b, c);
        net.Session(d, c);
        net.Handle(c, c.engine.AddLocalFec(kFec));
        net.Run();
    }

    const NextHop viaB{Ipv4Address("10.0.12.2"), 1};
    const NextHop viaD{Ipv4Address("10.0.14.4"), 2};
    Net net;
    Lsr& a;
    Lsr& b;
    Lsr& c;
    Lsr& d;
};

TEST_CASE("LDP engine: liberal retention re-points the LFIB on a next-hop change", "[ldp]")
{
    Diamond n;
    const uint32_t labelB = *n.b.engine.GetLocalLabel(kFec);
    const uint32_t labelD = *n.d.engine.GetLocalLabel(kFec);
    const uint32_t labelA = *n.a.engine.GetLocalLabel(kFec);
    // A retains both mappings (section 2.6.2.2) and uses B's.
    CHECK(n.a.engine.GetPeerLabel(kFec, n.b.id) == labelB);
    CHECK(n.a.engine.GetPeerLabel(kFec, n.d.id) == labelD);
    CHECK(n.a.ftn[kFec] == mpls::Nhlfe::Push({labelB}, 1, Ipv4Address("10.0.12.2")));

    // The IGP now routes through D: A switches without any message.
    n.a.routes[kFec] = n.viaD;
    EngineOutput out = n.a.engine.RoutingChanged();
    n.net.Handle(n.a, out);
    CHECK(out.messages.empty());
    REQUIRE(out.lfib.size() == 2);
    CHECK(n.a.ftn[kFec] == mpls::Nhlfe::Push({labelD}, 2, Ipv4Address("10.0.14.4")));
    CHECK(n.a.ilm[labelA] == mpls::Nhlfe::Swap(labelD, 2, Ipv4Address("10.0.14.4")));
    CHECK(n.a.engine.GetNextHopPeer(kFec) == n.d.id);
    CHECK(n.a.engine.GetOutLabel(kFec) == labelD);
    // And back.
    n.a.routes[kFec] = n.viaB;
    out = n.a.engine.RoutingChanged();
    n.net.Handle(n.a, out);
    CHECK(out.messages.empty());
    CHECK(n.a.ftn[kFec].labels == std::vector<uint32_t>{labelB});
    // No route at all: forwarding state goes and, under ordered control, the
    // mappings A sent are withdrawn.
    n.a.routes.erase(kFec);
    out = n.a.engine.RoutingChanged();
    n.net.Handle(n.a, out);
    CHECK(n.a.ftn.empty());
    CHECK(n.a.ilm.empty());
    CHECK(out.MessagesOf(LabelMessage::WITHDRAW).size() == 2);
}

TEST_CASE("LDP engine: withdraw and release", "[ldp]")
{
    Chain n;
    n.net.Session(n.a, n.b);
    n.net.Session(n.b, n.c);
    n.net.Handle(n.c, n.c.engine.AddLocalFec(kFec));
    n.net.Run();
    const uint32_t labelC = *n.c.engine.GetLocalLabel(kFec);
    const uint32_t labelB = *n.b.engine.GetLocalLabel(kFec);
    REQUIRE(n.a.ftn.count(kFec) == 1);

    SECTION("a withdraw for another label changes nothing but is released (LWd.2-LWd.3)")
    {
        n.net.Handle(n.b, n.b.engine.ReceiveWithdraw(n.c.id, kFec, labelC + 1));
        n.net.Run();
        CHECK(n.b.engine.GetPeerLabel(kFec, n.c.id) == labelC);
        CHECK(n.b.ftn.count(kFec) == 1);
        auto rel = n.net.Between(n.b, n.c, LabelMessage::RELEASE);
        REQUIRE(rel.size() == 1);
        CHECK(rel[0].label == labelC + 1);
    }
    SECTION("the egress stops originating: withdraws ripple upstream, releases come back")
    {
        n.net.Handle(n.c, n.c.engine.RemoveLocalFec(kFec));
        n.net.Run();
        // C withdrew; B released (LWd.2) and, losing its next hop's label,
        // withdrew its own from A and C (ordered control); A did likewise.
        auto cw = n.net.Between(n.c, n.b, LabelMessage::WITHDRAW);
        REQUIRE(cw.size() == 1);
        CHECK(cw[0].label == labelC);
        auto br = n.net.Between(n.b, n.c, LabelMessage::RELEASE);
        REQUIRE(br.size() == 1);
        CHECK(br[0].label == labelC);
        auto bw = n.net.Between(n.b, n.a, LabelMessage::WITHDRAW);
        REQUIRE(bw.size() == 1);
        CHECK(bw[0].label == labelB);
        CHECK(n.net.Between(n.a, n.b, LabelMessage::RELEASE).size() == 1);
        CHECK(n.net.Between(n.a, n.b, LabelMessage::WITHDRAW).size() == 1);
        // Everything is gone, labels included, once all releases are in.
        for (Lsr* l : {&n.a, &n.b, &n.c})
        {
            CHECK(l->ftn.empty());
            CHECK(l->ilm.empty());
            CHECK(l->engine.GetFecs().empty());
            CHECK(l->allocator.GetAllocatedCount() == 0);
        }
    }
    SECTION("a new label from the same peer replaces and releases the old one (LMp.10a)")
    {
        n.net.Handle(n.b, n.b.engine.ReceiveMapping(n.c.id, kFec, 3999));
        n.net.Run();
        auto rel = n.net.Between(n.b, n.c, LabelMessage::RELEASE);
        REQUIRE(rel.size() == 1);
        CHECK(rel[0].label == labelC);
        CHECK(n.b.ilm[labelB] == mpls::Nhlfe::Swap(3999, 2, Ipv4Address("10.0.23.3")));
        // B's own label is unchanged, so nothing goes upstream.
        CHECK(n.net.Between(n.b, n.a, LabelMessage::MAPPING).size() == 1);
    }
    SECTION("a wildcard withdraw removes every mapping of the peer")
    {
        n.net.Handle(n.b, n.b.engine.ReceiveWithdraw(n.c.id, std::nullopt, std::nullopt));
        n.net.Run();
        CHECK_FALSE(n.b.engine.GetPeerLabel(kFec, n.c.id).has_value());
        auto rel = n.net.Between(n.b, n.c, LabelMessage::RELEASE);
        REQUIRE(rel.size() == 1);
        CHECK(rel[0].wildcard);
        CHECK(n.b.ftn.empty());
        CHECK(n.a.ftn.empty());
    }
    SECTION("reserved labels other than the nulls are not accepted")
    {
        n.net.Handle(n.a, n.a.engine.ReceiveMapping(n.b.id, kFec, 7));
        CHECK(n.a.engine.GetPeerLabel(kFec, n.b.id) == labelB);
    }
}

TEST_CASE("LDP engine: losing a peer removes its mappings", "[ldp]")
{
    Diamond n;
    const uint32_t labelD = *n.d.engine.GetLocalLabel(kFec);
    REQUIRE(n.a.engine.GetPeerLabel(kFec, n.b.id).has_value());
    // A's session with B ends while the IGP still points at B.
    EngineOutput out = n.a.engine.PeerDown(n.b.id);
    n.net.Handle(n.a, out);
    CHECK_FALSE(n.a.engine.IsPeerUp(n.b.id));
    CHECK_FALSE(n.a.engine.GetPeerLabel(kFec, n.b.id).has_value());
    CHECK_FALSE(n.a.engine.FindPeerByAddress(Ipv4Address("10.0.12.2")).has_value());
    CHECK(n.a.ftn.empty());
    CHECK(n.a.ilm.empty());
    // Only D is left to hear that A's mapping is withdrawn.
    auto w = out.MessagesOf(LabelMessage::WITHDRAW);
    REQUIRE(w.size() == 1);
    CHECK(w[0].peer == n.d.id);
    n.net.Run();
    // The IGP converges on D: D's retained mapping serves at once.
    n.a.routes[kFec] = n.viaD;
    n.net.Handle(n.a, n.a.engine.RoutingChanged());
    n.net.Run();
    CHECK(n.a.ftn[kFec] == mpls::Nhlfe::Push({labelD}, 2, Ipv4Address("10.0.14.4")));
    CHECK(n.a.engine.GetLocalLabel(kFec).has_value());
}

TEST_CASE("LDP engine: Label Request answers (A.1.1)", "[ldp]")
{
    Chain n;
    n.net.Session(n.a, n.b);
    n.net.Session(n.b, n.c);
    n.net.Handle(n.c, n.c.engine.AddLocalFec(kFec));
    n.net.Run();
    EngineOutput out = n.b.engine.ReceiveRequest(n.a.id, kFec, 77);
    REQUIRE(out.messages.size() == 1);
    CHECK(out.messages[0].type == LabelMessage::MAPPING);
    CHECK(out.messages[0].requestId == 77u);
    CHECK(out.messages[0].label == n.b.engine.GetLocalLabel(kFec));
    // LRq.3: the requester is the next hop.
    out = n.b.engine.ReceiveRequest(n.c.id, kFec, 78);
    REQUIRE(out.messages.size() == 1);
    CHECK(out.messages[0].status == STATUS_LOOP_DETECTED);
    // LRq.2: no route.
    out = n.b.engine.ReceiveRequest(n.a.id, PrefixFec(Ipv4Address("172.16.0.0"), 16), 79);
    REQUIRE(out.messages.size() == 1);
    CHECK(out.messages[0].status == STATUS_NO_ROUTE);
}

TEST_CASE("LDP engine: Reset removes what was installed and frees the labels", "[ldp]")
{
    Chain n;
    n.net.Session(n.a, n.b);
    n.net.Session(n.b, n.c);
    n.net.Handle(n.c, n.c.engine.AddLocalFec(kFec));
    n.net.Run();
    REQUIRE(n.b.allocator.GetAllocatedCount() == 1);
    REQUIRE(n.b.ftn.size() == 1);
    REQUIRE(n.b.ilm.size() == 1);
    const EngineOutput out = n.b.engine.Reset();
    n.b.Apply(out);
    CHECK(out.messages.empty()); // a stopped process says nothing more
    CHECK(out.lfib.size() == 2);
    CHECK(n.b.ftn.empty());
    CHECK(n.b.ilm.empty());
    CHECK(n.b.allocator.GetAllocatedCount() == 0);
    CHECK(n.b.engine.GetFecs().empty());
    CHECK_FALSE(n.b.engine.IsPeerUp(n.a.id));
}
