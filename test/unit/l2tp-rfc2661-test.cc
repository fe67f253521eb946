// SPDX-License-Identifier: GPL-2.0-only
// RFC 2661 MUST-level rules of doc/rfc2661-checklist.md that were found
// missing: unknown mandatory message types and AVPs clear the tunnel
// (4.1, 4.4.1), the ICCN's Framing Type follows the peer's Framing
// Capabilities (4.4.3), and the CDN refusing a call never names Session
// ID 0 (4.4.4, 5.3, 6.12). Two ControlFsm objects exchange encoded bytes
// under a hand-driven clock, without a simulator.
#include "codec-test-util.h"
#include "l2tp-fsm-pair.h"

#include "ns3/l2tp-control-fsm.h"
#include "ns3/l2tp-session-table.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <set>
#include <vector>

using namespace ns3;
using namespace ns3::l2tp;

namespace
{

using Fsm = ControlFsm;
using l2tptest::Config;
using l2tptest::TypeOf;

/// One end and what it reported.
struct End : l2tptest::FsmEnd
{
    using FsmEnd::FsmEnd;

    std::vector<PacketHeader> sent; ///< every message put on the wire
    std::vector<SessionEvent> sessionEvents;
    int downs = 0;
    Fsm::DownReason downReason = Fsm::DOWN_NONE;

    /// The last message of this type sent, nullptr if none.
    const PacketHeader*
    Last(uint16_t type) const
    {
        for (auto it = sent.rbegin(); it != sent.rend(); ++it)
        {
            if (!it->IsZlb() && TypeOf(*it) == type)
            {
                return &*it;
            }
        }
        return nullptr;
    }
};

/// Two ends joined by byte queues.
struct Pair : l2tptest::FsmPair<Pair, End>
{
    using FsmPair::FsmPair;

    void
    OnSend(End& e, const PacketHeader& m, bool)
    {
        e.sent.push_back(m);
    }

    void
    OnActions(End& e, const Fsm::Actions& act)
    {
        e.sessionEvents.insert(
            e.sessionEvents.end(), act.sessionEvents.begin(), act.sessionEvents.end());
        if (act.tunnelDown)
        {
            ++e.downs;
            e.downReason = act.downReason;
        }
    }

    /// Hands `m` to a as if b had sent it next: a's Tunnel ID, b's next
    /// Ns and Nr (b's own engine does not know about it).
    void
    InjectToA(const PacketHeader& m)
    {
        PacketHeader h = PacketHeader::MakeControl(
            11, 0, b.fsm.GetDelivery().GetNextNs(), b.fsm.GetDelivery().GetNr());
        h.SetAvps(m.GetAvps());
        PacketHeader decoded;
        codectest::Decode(decoded, codectest::Encode(h));
        REQUIRE(decoded.IsValid());
        Absorb(a, a.fsm.Receive(decoded, now));
    }
};

/// a (tunnel 11) and b (tunnel 22) with an established tunnel.
void
Establish(Pair& p)
{
    p.Absorb(p.a, p.a.fsm.Open(p.now));
    p.RunUntil(Seconds(2));
    REQUIRE(p.a.fsm.GetState() == Fsm::ESTABLISHED);
    REQUIRE(p.b.fsm.GetState() == Fsm::ESTABLISHED);
}

void
ReadResult(const PacketHeader& m, uint16_t& result, uint16_t& error)
{
    std::string text;
    const Avp* avp = m.FindAvp(AVP_RESULT_CODE);
    REQUIRE(avp != nullptr);
    REQUIRE(avp->GetResultCode(result, error, text));
}

} // namespace

TEST_CASE("RFC 2661 4.4.1: an unknown message type with the M bit clears the tunnel", "[l2tp]")
{
    Pair p(Config(11, "lac"), Config(22, "lns"));
    Establish(p);
    const uint16_t expectedNs = p.b.fsm.GetDelivery().GetNextNs();
    PacketHeader m;

    SECTION("M=1: StopCCN 2 / 3, both ends down")
    {
        m.AddAvp(Avp::MakeMessageType(99)); // not an RFC 2661 type
        p.InjectToA(m);
        p.RunUntil(p.now + Seconds(1));
        CHECK(p.a.fsm.GetState() == Fsm::IDLE);
        CHECK(p.a.downs == 1);
        CHECK(p.a.downReason == Fsm::DOWN_PROTOCOL_ERROR);
        const PacketHeader* stop = p.a.Last(STOPCCN);
        REQUIRE(stop != nullptr);
        uint16_t result = 0;
        uint16_t error = 0;
        ReadResult(*stop, result, error);
        CHECK(result == STOPCCN_GENERAL_ERROR);
        CHECK(error == ERROR_BAD_VALUE);
        CHECK(stop->GetTunnelId() == 22);
        // The StopCCN acknowledges the unknown message (5.8).
        CHECK(stop->GetNr() == static_cast<uint16_t>(expectedNs + 1));
        CHECK(p.b.fsm.GetState() == Fsm::IDLE);
        CHECK(p.b.downReason == Fsm::DOWN_PEER_STOPCCN);
    }

    SECTION("M=0: acknowledged and ignored")
    {
        m.AddAvp(Avp(AVP_MESSAGE_TYPE, {0, 99}, false));
        p.InjectToA(m);
        p.RunUntil(p.now + Seconds(1));
        CHECK(p.a.fsm.GetState() == Fsm::ESTABLISHED);
        CHECK(p.a.downs == 0);
        CHECK(p.a.Last(STOPCCN) == nullptr);
        REQUIRE(!p.a.sent.empty());
        CHECK(p.a.sent.back().IsZlb());
        CHECK(p.a.sent.back().GetNr() == static_cast<uint16_t>(expectedNs + 1));
    }

    SECTION("M=1 while the responder waits for the SCCCN")
    {
        Pair q(Config(11, "lac"), Config(22, "lns"));
        q.Absorb(q.a, q.a.fsm.Open(q.now));
        // Deliver only the SCCRQ: b answers and waits in wait-ctl-conn.
        PacketHeader sccrq;
        codectest::Decode(sccrq, q.toB.front());
        q.toB.pop_front();
        q.Absorb(q.b, q.b.fsm.Receive(sccrq, q.now));
        REQUIRE(q.b.fsm.GetState() == Fsm::WAIT_CTL_CONN);
        PacketHeader h = PacketHeader::MakeControl(22, 0, 1, 1);
        h.AddAvp(Avp::MakeMessageType(99));
        q.Absorb(q.b, q.b.fsm.Receive(h, q.now));
        CHECK(q.b.fsm.GetState() == Fsm::IDLE);
        REQUIRE(q.b.Last(STOPCCN) != nullptr);
    }
}

TEST_CASE("RFC 2661 4.1: an unknown M-bit AVP in a HELLO clears the tunnel", "[l2tp]")
{
    Pair p(Config(11, "lac"), Config(22, "lns"));
    Establish(p);
    PacketHeader hello = BuildHello(11);
    REQUIRE(AvpTypeName(200) == "Unknown");

    SECTION("M=1: StopCCN 2 / 8")
    {
        hello.AddAvp(Avp(200, {1, 2, 3}, true));
        p.InjectToA(hello);
        p.RunUntil(p.now + Seconds(1));
        CHECK(p.a.fsm.GetState() == Fsm::IDLE);
        CHECK(p.a.downReason == Fsm::DOWN_PROTOCOL_ERROR);
        const PacketHeader* stop = p.a.Last(STOPCCN);
        REQUIRE(stop != nullptr);
        uint16_t result = 0;
        uint16_t error = 0;
        ReadResult(*stop, result, error);
        CHECK(result == STOPCCN_GENERAL_ERROR);
        CHECK(error == ERROR_UNKNOWN_M_AVP);
        CHECK(p.b.fsm.GetState() == Fsm::IDLE);
    }

    SECTION("M=0: the AVP is ignored")
    {
        hello.AddAvp(Avp(200, {1, 2, 3}, false));
        p.InjectToA(hello);
        p.RunUntil(p.now + Seconds(1));
        CHECK(p.a.fsm.GetState() == Fsm::ESTABLISHED);
        CHECK(p.a.Last(STOPCCN) == nullptr);
    }
}

TEST_CASE("RFC 2661 4.4.3: the ICCN's Framing Type is one the peer announced", "[l2tp]")
{
    SECTION("the choice")
    {
        CHECK(ChooseFramingType(FRAMING_SYNC, 3) == FRAMING_SYNC);
        CHECK(ChooseFramingType(FRAMING_ASYNC, 3) == FRAMING_ASYNC);
        CHECK(ChooseFramingType(FRAMING_SYNC, FRAMING_ASYNC) == FRAMING_ASYNC);
        CHECK(ChooseFramingType(FRAMING_ASYNC, FRAMING_SYNC) == FRAMING_SYNC);
        CHECK(ChooseFramingType(FRAMING_SYNC, 0) == 0);
        CHECK(ChooseFramingType(FRAMING_SYNC, 4) == 0); // no known bit
    }

    for (const uint32_t lnsCapabilities : {uint32_t(FRAMING_ASYNC), uint32_t(0)})
    {
        ControlFsmConfig lns = Config(22, "lns");
        lns.framingCapabilities = lnsCapabilities;
        SessionConfig lac; // Framing Type 1 (synchronous) wanted
        REQUIRE(lac.framingType == FRAMING_SYNC);
        Pair p(Config(11, "lac"), lns, lac);
        Establish(p);
        uint16_t id = 0;
        p.Absorb(p.a, p.a.fsm.OpenSession(p.now, id));
        REQUIRE(id != 0);
        p.RunUntil(p.now + Seconds(2));
        if (lnsCapabilities == FRAMING_ASYNC)
        {
            // LNS announced asynchronous only: the LAC asks for it.
            const PacketHeader* iccn = p.a.Last(ICCN);
            REQUIRE(iccn != nullptr);
            uint32_t framing = 0;
            REQUIRE(iccn->FindAvp(AVP_FRAMING_TYPE) != nullptr);
            REQUIRE(iccn->FindAvp(AVP_FRAMING_TYPE)->GetUint32(framing));
            CHECK(framing == FRAMING_ASYNC);
            CHECK(p.a.fsm.GetSessions().Find(id)->GetState() == SessionFsm::ESTABLISHED);
        }
        else
        {
            // No framing announced: no ICCN, the call ends with CDN 11.
            CHECK(p.a.Last(ICCN) == nullptr);
            const PacketHeader* cdn = p.a.Last(CDN);
            REQUIRE(cdn != nullptr);
            uint16_t result = 0;
            uint16_t error = 0;
            ReadResult(*cdn, result, error);
            CHECK(result == CDN_NO_FRAMING);
            CHECK(p.a.fsm.GetSessions().Find(id) == nullptr);
            CHECK(p.a.fsm.GetState() == Fsm::ESTABLISHED);
        }
    }
}

TEST_CASE("RFC 2661 5.3 / 6.12: the CDN refusing a call for lack of IDs never names 0", "[l2tp]")
{
    SessionTable table;
    const uint16_t peerTunnel = 7;
    std::set<uint16_t> inUse;
    auto icrq = [](uint16_t lacSession) {
        PacketHeader m = BuildIcrq(11, lacSession, lacSession, SessionConfig());
        return m;
    };
    // Fill the table: every ICRQ but the last is answered with an ICRP.
    for (size_t i = 0; i < SessionTable::MAX_SESSIONS; ++i)
    {
        const uint16_t lacSession = static_cast<uint16_t>(1 + (i % 65535));
        const SessionTable::Actions a = table.Receive(icrq(lacSession), peerTunnel);
        if (a.send.size() != 1 || TypeOf(a.send.front()) != ICRP)
        {
            FAIL("ICRQ " << i << " was not answered with an ICRP");
        }
        inUse.insert(ReadAssignedSessionId(a.send.front()));
    }
    REQUIRE(table.GetSize() == SessionTable::MAX_SESSIONS);
    REQUIRE(inUse.size() == SessionTable::MAX_SESSIONS);
    REQUIRE(inUse.count(0) == 0);

    // One more: refused with a CDN that still names a non-zero Session ID
    // of ours, one that is bound to no session.
    const SessionTable::Actions a = table.Receive(icrq(4242), peerTunnel);
    REQUIRE(a.send.size() == 1);
    const PacketHeader& cdn = a.send.front();
    CHECK(TypeOf(cdn) == CDN);
    CHECK(cdn.GetSessionId() == 4242); // to the LAC's session (4.4.4)
    const uint16_t named = ReadAssignedSessionId(cdn);
    CHECK(named != 0);
    CHECK(inUse.count(named) == 0);
    uint16_t result = 0;
    uint16_t error = 0;
    ReadResult(cdn, result, error);
    CHECK(result == CDN_NO_FACILITIES_TEMP);
    CHECK(error == ERROR_NO_RESOURCES);
    CHECK(table.GetSize() == SessionTable::MAX_SESSIONS);

    // A local call is refused too (our ID 0 means "none").
    SessionTable::Actions open;
    CHECK(table.Open(true, peerTunnel, open) == 0);
    CHECK(open.send.empty());
}
