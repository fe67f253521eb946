// SPDX-License-Identifier: GPL-2.0-only
// The session table inside two control connection FSMs joined by byte
// queues (RFC 2661 7.4: a call opens the tunnel, retransmission, the hold
// for authorisation), hidden AVP recovery (4.3) and the StopCCN hold-down
// (5.7). No simulator.
#include "codec-test-util.h"
#include "l2tp-fsm-pair.h"

#include "ns3/l2tp-control-fsm.h"
#include "ns3/l2tp-hidden-avp.h"
#include "ns3/l2tp-session-fsm.h"
#include "ns3/l2tp-session-messages.h"
#include "ns3/l2tp-session-table.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <vector>

using namespace ns3;
using namespace ns3::l2tp;
using ns3::codectest::Decode;
using ns3::codectest::Encode;
using ns3::codectest::FromHex;
using ns3::codectest::ToHex;
using ns3::l2tptest::Config;
using ns3::l2tptest::TypeOf;
using ns3::l2tptest::Wire;

namespace
{

// ------------------------------------------------ two engines on a link

/// One control connection engine and what it reported.
struct Side : l2tptest::FsmEnd
{
    using FsmEnd::FsmEnd;

    std::vector<uint16_t> sent; ///< message types put on the wire (0 = ZLB)
    std::vector<SessionEvent> sessions;
    int ups = 0;
    int downs = 0;
    ControlFsm::DownReason downReason = ControlFsm::DOWN_NONE;
    Time releasedAt = Seconds(-1);

    int
    Count(uint16_t type) const
    {
        return static_cast<int>(std::count(sent.begin(), sent.end(), type));
    }

    int
    SessionUps() const
    {
        return static_cast<int>(
            std::count_if(sessions.begin(), sessions.end(), [](const SessionEvent& e) {
                return e.up;
            }));
    }

    int
    SessionDowns() const
    {
        return static_cast<int>(sessions.size()) - SessionUps();
    }
};

/// Two engines joined by byte queues with zero delay; `drop` may lose a
/// message in flight and `seen` sees every message put on the wire.
struct Link : l2tptest::FsmPair<Link, Side>
{
    using FsmPair::FsmPair;

    std::vector<std::pair<bool, std::vector<uint8_t>>> wire; ///< (from a, bytes)

    void
    OnSend(Side& s, const PacketHeader& m, bool fromA)
    {
        s.sent.push_back(TypeOf(m));
        wire.emplace_back(fromA, Encode(m));
    }

    void
    OnActions(Side& s, const ControlFsm::Actions& act)
    {
        s.ups += act.tunnelUp ? 1 : 0;
        if (act.tunnelDown)
        {
            ++s.downs;
            s.downReason = act.downReason;
        }
        s.sessions.insert(s.sessions.end(), act.sessionEvents.begin(), act.sessionEvents.end());
        if (act.released)
        {
            s.releasedAt = now;
        }
    }

    /// a opens a call (and with it the tunnel) and both ends settle.
    uint16_t
    OpenCall(Time until = Seconds(2))
    {
        uint16_t id = 0;
        Absorb(a, a.fsm.OpenSession(now, id));
        RunUntil(until);
        return id;
    }
};

} // namespace
// ------------------------------------------ sessions on two engines

TEST_CASE("control FSM with sessions: a call opens the tunnel and comes up", "[l2tp]")
{
    Link link(Config(11, "lac"), Config(22, "lns"));
    const uint16_t id = link.OpenCall();
    REQUIRE(id != 0);
    CHECK(link.a.fsm.GetState() == ControlFsm::ESTABLISHED);
    CHECK(link.b.fsm.GetState() == ControlFsm::ESTABLISHED);
    CHECK(link.a.sent == std::vector<uint16_t>{SCCRQ, SCCCN, ICRQ, ICCN});
    CHECK(link.b.sent == std::vector<uint16_t>{SCCRP, ICRP, 0}); // ZLB acks the ICCN
    REQUIRE(link.a.sessions.size() == 1);
    REQUIRE(link.b.sessions.size() == 1);
    CHECK(link.a.sessions[0].up);
    CHECK(link.b.sessions[0].up);
    CHECK(link.a.sessions[0].localSessionId == id);
    CHECK(link.b.sessions[0].peerSessionId == id);
    CHECK(link.a.sessions[0].peerSessionId == link.b.sessions[0].localSessionId);
    CHECK(link.a.sessions[0].role == SessionFsm::LAC);
    CHECK(link.b.sessions[0].role == SessionFsm::LNS);
    const SessionFsm* lns = link.b.fsm.GetSessions().Find(link.b.sessions[0].localSessionId);
    REQUIRE(lns != nullptr);
    CHECK(lns->GetState() == SessionFsm::ESTABLISHED);
    CHECK(link.a.fsm.GetDelivery().GetUnackedCount() == 0);

    SECTION("CDN clears one session, the tunnel and the other call stay")
    {
        const uint16_t second = link.OpenCall(Seconds(4));
        REQUIRE(link.a.SessionUps() == 2);
        REQUIRE(link.b.SessionUps() == 2);
        link.Absorb(link.a, link.a.fsm.CloseSession(id, link.now, CDN_LOST_CARRIER));
        link.RunUntil(Seconds(6));
        REQUIRE(link.b.SessionDowns() == 1);
        const SessionEvent& down = link.b.sessions.back();
        CHECK(down.reason == SessionFsm::DOWN_PEER_CDN);
        CHECK(down.resultCode == CDN_LOST_CARRIER);
        CHECK(down.peerSessionId == id);
        CHECK(link.a.sessions.back().reason == SessionFsm::DOWN_LOCAL_CLOSE);
        CHECK(link.a.fsm.GetSessions().GetSessionIds() == std::vector<uint16_t>{second});
        CHECK(link.b.fsm.GetSessions().GetSize() == 1);
        CHECK(link.a.fsm.GetState() == ControlFsm::ESTABLISHED);
        CHECK(link.b.fsm.GetState() == ControlFsm::ESTABLISHED);
    }
    SECTION("StopCCN clears every session on both ends without CDNs")
    {
        link.OpenCall(Seconds(4));
        link.Absorb(link.a, link.a.fsm.Close(link.now));
        link.RunUntil(Seconds(6));
        CHECK(link.a.SessionDowns() == 2);
        CHECK(link.b.SessionDowns() == 2);
        for (const SessionEvent& e : link.b.sessions)
        {
            CHECK((e.up || e.reason == SessionFsm::DOWN_TUNNEL_DOWN));
        }
        CHECK(link.a.Count(CDN) + link.b.Count(CDN) == 0);
        CHECK(link.a.fsm.GetSessions().GetSize() == 0);
        CHECK(link.b.fsm.GetSessions().GetSize() == 0);
    }
}

TEST_CASE("control FSM with sessions: a lost ICRP is retransmitted", "[l2tp]")
{
    Link link(Config(11, "lac"), Config(22, "lns"));
    int lost = 0;
    link.drop = [&lost](const PacketHeader& m, bool fromA) {
        if (!fromA && TypeOf(m) == ICRP && lost == 0)
        {
            ++lost;
            return true;
        }
        return false;
    };
    link.OpenCall(Seconds(10));
    CHECK(lost == 1);
    CHECK(link.b.Count(ICRP) == 2);
    CHECK(link.b.fsm.GetRetransmissionCount() >= 1);
    CHECK(link.a.SessionUps() == 1);
    CHECK(link.b.SessionUps() == 1);
}

TEST_CASE("control FSM with sessions: an ICRQ waits for the authorization", "[l2tp]")
{
    ControlFsmConfig cb = Config(22, "lns");
    cb.holdForAuthorization = true;
    Link link(Config(11, "lac"), cb);
    link.OpenCall();
    CHECK(link.b.fsm.GetState() == ControlFsm::WAIT_AUTHORIZATION);
    CHECK(link.a.Count(ICRQ) == 1);
    CHECK(link.b.Count(ICRP) == 0);

    SECTION("accepted: the held ICRQ is answered")
    {
        link.Absorb(link.b, link.b.fsm.Authorize(true, link.now));
        link.RunUntil(Seconds(5));
        CHECK(link.b.Count(ICRP) == 1);
        CHECK(link.a.SessionUps() == 1);
        CHECK(link.b.SessionUps() == 1);
    }
    SECTION("refused: the tunnel and its call go")
    {
        link.Absorb(link.b, link.b.fsm.Authorize(false, link.now));
        link.RunUntil(Seconds(5));
        CHECK(link.b.Count(ICRP) == 0);
        CHECK(link.a.SessionDowns() == 1);
        CHECK(link.a.sessions.back().reason == SessionFsm::DOWN_TUNNEL_DOWN);
        CHECK(link.b.sessions.empty());
    }
}

// ------------------------------------------------------ hidden AVPs

TEST_CASE("control FSM: hidden AVPs round trip through both engines (4.3)", "[l2tp]")
{
    ControlFsmConfig ca = Config(11, "lac");
    ControlFsmConfig cb = Config(22, "lns");
    ca.secret = cb.secret = "hide-me";
    ca.challenge = {1, 2, 3, 4};
    cb.challenge = {5, 6, 7, 8};
    ca.hideAvps = cb.hideAvps = true;
    uint8_t counter = 0;
    ca.randomVector = [&counter]() {
        return std::vector<uint8_t>(16, ++counter);
    };
    Link link(ca, cb);
    link.OpenCall();

    CHECK(link.a.SessionUps() == 1);
    CHECK(link.b.SessionUps() == 1);
    CHECK(link.a.fsm.GetPeerTunnelId() == 22);
    CHECK(link.b.fsm.GetPeerTunnelId() == 11);
    CHECK(link.a.fsm.GetHiddenFailureCount() == 0);
    CHECK(link.b.fsm.GetHiddenFailureCount() == 0);
    CHECK(link.a.sessions[0].peerSessionId == link.b.sessions[0].localSessionId);

    // On the wire: the identifiers are hidden, after a Random Vector.
    int hiddenTunnelIds = 0;
    int hiddenSessionIds = 0;
    for (const auto& [fromA, bytes] : link.wire)
    {
        PacketHeader m;
        Decode(m, bytes);
        const Avp* tunnel = m.FindAvp(AVP_ASSIGNED_TUNNEL_ID);
        const Avp* session = m.FindAvp(AVP_ASSIGNED_SESSION_ID);
        if (tunnel != nullptr)
        {
            CHECK(tunnel->IsHidden());
            hiddenTunnelIds += tunnel->IsHidden() ? 1 : 0;
        }
        if (session != nullptr)
        {
            CHECK(session->IsHidden());
            hiddenSessionIds += session->IsHidden() ? 1 : 0;
        }
        if (tunnel != nullptr || session != nullptr)
        {
            REQUIRE(m.GetAvps().size() >= 2);
            CHECK(m.GetAvps()[1].Is(AVP_RANDOM_VECTOR));
            CHECK_FALSE(m.FindAvp(AVP_MESSAGE_TYPE)->IsHidden());
            CHECK_FALSE(m.FindAvp(AVP_RANDOM_VECTOR)->IsHidden());
        }
        if (fromA && TypeOf(m) == SCCRQ)
        {
            CHECK(m.FindAvp(AVP_RANDOM_VECTOR)->GetValue() == std::vector<uint8_t>(16, 1));
            CHECK_FALSE(m.FindAvp(AVP_HOST_NAME)->IsHidden()); // 4.4.3: never hidden
        }
    }
    CHECK(hiddenTunnelIds == 2);  // SCCRQ, SCCRP
    CHECK(hiddenSessionIds == 2); // ICRQ, ICRP
}

TEST_CASE("control FSM: a known SCCRQ with a hidden Assigned Tunnel ID", "[l2tp]")
{
    // Built independently (Python hashlib, RFC 2661 4.3): secret
    // "hidden-secret", Random Vector 00 01 .. 0f, Assigned Tunnel ID 0x1234
    // hidden as 19 8c d0 ab = (00 02 12 34) xor MD5(00 09 | secret | RV).
    const std::vector<uint8_t> bytes =
        FromHex("c802005e0000000000000000800800000000000180080000000201008010000000076c61632d"
                "68696464656e800a0000000300000003801600000024000102030405060708090a0b0c0d0e0f"
                "c00a00000009198cd0ab80080000000a0004");
    PacketHeader sccrq;
    Decode(sccrq, bytes);
    REQUIRE(sccrq.IsValid());
    REQUIRE(sccrq.FindAvp(AVP_ASSIGNED_TUNNEL_ID)->IsHidden());
    CHECK(ToHex(sccrq.FindAvp(AVP_ASSIGNED_TUNNEL_ID)->GetValue()) == "198cd0ab");

    SECTION("with the secret: recovered, the SCCRP goes to tunnel 0x1234")
    {
        ControlFsmConfig c = Config(22, "lns");
        c.secret = "hidden-secret";
        c.challenge = {9, 9, 9, 9};
        ControlFsm lns(c);
        const ControlFsm::Actions a = lns.Receive(sccrq, Seconds(0));
        CHECK(lns.GetState() == ControlFsm::WAIT_CTL_CONN);
        CHECK(lns.GetPeerTunnelId() == 0x1234);
        CHECK(lns.GetPeerHostName() == "lac-hidden");
        REQUIRE(a.send.size() == 1);
        CHECK(TypeOf(a.send[0]) == SCCRP);
        CHECK(a.send[0].GetTunnelId() == 0x1234);
        CHECK(lns.GetHiddenFailureCount() == 0);
    }
    SECTION("without the secret: the Assigned Tunnel ID counts as missing")
    {
        ControlFsm lns(Config(22, "lns"));
        const ControlFsm::Actions a = lns.Receive(sccrq, Seconds(0));
        CHECK(lns.GetState() == ControlFsm::IDLE);
        REQUIRE(a.send.size() == 1);
        CHECK(TypeOf(a.send[0]) == STOPCCN);
        uint16_t result = 0;
        uint16_t error = 0;
        std::string text;
        a.send[0].FindAvp(AVP_RESULT_CODE)->GetResultCode(result, error, text);
        CHECK(result == STOPCCN_GENERAL_ERROR);
        CHECK(error == ERROR_BAD_VALUE);
        CHECK(lns.GetHiddenFailureCount() == 1);
    }
    SECTION("with a wrong secret: a different (wrong) value is recovered")
    {
        ControlFsmConfig c = Config(22, "lns");
        c.secret = "other-secret";
        c.challenge = {9};
        ControlFsm lns(c);
        lns.Receive(sccrq, Seconds(0));
        CHECK(lns.GetPeerTunnelId() != 0x1234);
    }
    SECTION("the library's hiding gives the same octets")
    {
        Avp avp = Avp::MakeUint16(AVP_ASSIGNED_TUNNEL_ID, 0x1234);
        std::vector<uint8_t> rv(16);
        for (size_t i = 0; i < rv.size(); ++i)
        {
            rv[i] = static_cast<uint8_t>(i);
        }
        REQUIRE(HideAvp(avp, "hidden-secret", rv));
        CHECK(ToHex(avp.GetValue()) == "198cd0ab");
    }
}

// -------------------------------------------------------- hold-down

TEST_CASE("control FSM: StopCCN hold-down keeps the state one retransmission cycle", "[l2tp]")
{
    Link link(Config(11, "lac"), Config(22, "lns"));
    link.Absorb(link.a, link.a.fsm.Open(link.now));
    link.RunUntil(Seconds(5));
    REQUIRE(link.b.fsm.GetState() == ControlFsm::ESTABLISHED);

    // Every acknowledgement from b is lost: a retransmits its StopCCN and
    // b must acknowledge each copy (5.7).
    link.drop = [](const PacketHeader& m, bool fromA) {
        return !fromA && m.IsZlb();
    };
    const Time stop = link.now;
    const int zlbs = link.b.Count(0); // the ZLB that acknowledged the SCCCN
    link.Absorb(link.a, link.a.fsm.Close(link.now));
    link.RunUntil(stop + Seconds(30.5));
    CHECK(link.a.Count(STOPCCN) == 6);  // 1 + 5 retransmissions (5.8)
    CHECK(link.b.Count(0) - zlbs == 6); // each one acknowledged again
    CHECK(link.b.fsm.GetState() == ControlFsm::IDLE);
    CHECK(link.b.fsm.IsHoldingDown());
    CHECK(link.b.releasedAt.IsNegative());

    // Default hold: 31 s = 1+2+4+8+8+8, the full cycle.
    link.RunUntil(stop + Seconds(40));
    CHECK(link.b.releasedAt == stop + Seconds(31));
    CHECK(link.a.releasedAt == stop + Seconds(31));
    CHECK_FALSE(link.b.fsm.IsHoldingDown());
    CHECK(link.b.fsm.GetDelivery().GetNr() == 0); // sequence state freed

    // A late copy of the StopCCN now finds nothing: dropped, no ZLB.
    PacketHeader late = BuildStopCcn(Config(11, "lac"), 22, STOPCCN_CLEAR, ERROR_NONE, "");
    late.SetNs(2);
    late.SetNr(1);
    const uint32_t drops = link.b.fsm.GetDropCount();
    const ControlFsm::Actions after = link.b.fsm.Receive(Wire(late), link.now);
    CHECK(after.send.empty());
    CHECK(link.b.fsm.GetDropCount() == drops + 1);
}

TEST_CASE("control FSM: a shorter hold-down frees the state earlier", "[l2tp]")
{
    ControlFsmConfig cb = Config(22, "lns");
    cb.stopCcnHold = Seconds(5);
    Link link(Config(11, "lac"), cb);
    link.Absorb(link.a, link.a.fsm.Open(link.now));
    link.RunUntil(Seconds(5));
    link.drop = [](const PacketHeader& m, bool fromA) {
        return !fromA && m.IsZlb();
    };
    const Time stop = link.now;
    const int zlbs = link.b.Count(0);
    link.Absorb(link.a, link.a.fsm.Close(link.now));
    link.RunUntil(stop + Seconds(40));
    CHECK(link.b.releasedAt == stop + Seconds(5));
    // The StopCCN and its copies at +1 and +3 s were acknowledged, those
    // at +7, +15, +23 s not.
    CHECK(link.b.Count(0) - zlbs == 3);
    CHECK(link.b.fsm.GetDropCount() == 3);
}
