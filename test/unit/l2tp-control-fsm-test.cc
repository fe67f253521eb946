// SPDX-License-Identifier: GPL-2.0-only
// RFC 2661 section 7.2 control connection establishment: two ControlFsm
// objects exchange encoded bytes (codec on both ends) under a hand-driven
// clock, without a simulator.
#include "codec-test-util.h"
#include "l2tp-fsm-pair.h"

#include "ns3/l2tp-challenge.h"
#include "ns3/l2tp-control-fsm.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <vector>

using namespace ns3;
using namespace ns3::l2tp;

namespace
{

using Fsm = ControlFsm;
using l2tptest::Config;
using l2tptest::TypeOf;

/// One side of the test link and what it reported.
struct Side : l2tptest::FsmEnd
{
    using FsmEnd::FsmEnd;

    std::vector<uint16_t> sent; ///< message types put on the wire (0 = ZLB)
    std::vector<uint16_t> stopResults;
    int ups = 0;
    int downs = 0;
    Fsm::DownReason downReason = Fsm::DOWN_NONE;
    uint16_t downResult = 0;
    Time downAt;
    bool authRequested = false;
    int authRequests = 0; ///< Actions::authorizationRequested seen

    int Count(uint16_t type) const
    {
        return static_cast<int>(std::count(sent.begin(), sent.end(), type));
    }
};

/// Two FSMs joined by byte queues; `drop` may lose a message in flight.
struct Link : l2tptest::FsmPair<Link, Side>
{
    using FsmPair::FsmPair;

    void OnSend(Side& s, const PacketHeader& m, bool)
    {
        s.sent.push_back(TypeOf(m));
        if (TypeOf(m) == STOPCCN)
        {
            uint16_t r = 0;
            uint16_t e = 0;
            std::string text;
            m.FindAvp(AVP_RESULT_CODE)->GetResultCode(r, e, text);
            s.stopResults.push_back(r);
        }
    }

    void OnActions(Side& s, const Fsm::Actions& act)
    {
        s.ups += act.tunnelUp ? 1 : 0;
        if (act.tunnelDown)
        {
            ++s.downs;
            s.downReason = act.downReason;
            s.downResult = act.resultCode;
            s.downAt = now;
        }
        s.authRequested = s.authRequested || act.authorizationRequested;
        s.authRequests += act.authorizationRequested ? 1 : 0;
    }
};

} // namespace

TEST_CASE("control FSM: SCCRQ/SCCRP/SCCCN reach established on both sides", "[l2tp]")
{
    Link link(Config(11, "lac"), Config(22, "lns"));
    link.Absorb(link.a, link.a.fsm.Open(link.now));
    CHECK(link.a.fsm.GetState() == Fsm::WAIT_CTL_REPLY);
    REQUIRE(link.toB.size() == 1);

    // The SCCRQ on the wire: Tunnel ID 0, Ns 0, mandatory AVPs (6.1).
    PacketHeader sccrq;
    codectest::Decode(sccrq, link.toB.front());
    CHECK(TypeOf(sccrq) == SCCRQ);
    CHECK(sccrq.GetTunnelId() == 0);
    CHECK(sccrq.GetNs() == 0);
    uint16_t v = 0;
    REQUIRE(sccrq.FindAvp(AVP_PROTOCOL_VERSION) != nullptr);
    CHECK((sccrq.FindAvp(AVP_PROTOCOL_VERSION)->GetUint16(v) && v == 0x0100));
    REQUIRE(sccrq.FindAvp(AVP_ASSIGNED_TUNNEL_ID) != nullptr);
    CHECK((sccrq.FindAvp(AVP_ASSIGNED_TUNNEL_ID)->GetUint16(v) && v == 11));
    CHECK(sccrq.FindAvp(AVP_HOST_NAME)->GetString() == "lac");
    CHECK(sccrq.FindAvp(AVP_FRAMING_CAPABILITIES) != nullptr);
    CHECK(sccrq.FindAvp(AVP_RECEIVE_WINDOW_SIZE) != nullptr);
    CHECK(sccrq.FindAvp(AVP_CHALLENGE) == nullptr);
    CHECK(sccrq.FindAvp(AVP_TIE_BREAKER) == nullptr);

    link.RunUntil(Seconds(5));
    CHECK(link.a.fsm.GetState() == Fsm::ESTABLISHED);
    CHECK(link.b.fsm.GetState() == Fsm::ESTABLISHED);
    CHECK(link.a.ups == 1);
    CHECK(link.b.ups == 1);
    CHECK(link.a.fsm.GetPeerTunnelId() == 22);
    CHECK(link.b.fsm.GetPeerTunnelId() == 11);
    CHECK(link.b.fsm.GetPeerHostName() == "lac");
    CHECK(link.a.sent == std::vector<uint16_t>{SCCRQ, SCCCN});
    CHECK(link.b.sent == std::vector<uint16_t>{SCCRP, 0}); // ZLB acks the SCCCN
    CHECK(link.a.fsm.GetDelivery().GetUnackedCount() == 0);
    CHECK(link.b.fsm.GetDelivery().GetUnackedCount() == 0);
    // Established: the next wake-up is the 60 s keepalive (6.5).
    CHECK(link.a.hasWake);
    CHECK(link.a.wake > Seconds(60));
}

TEST_CASE("control FSM: tunnel authentication with a shared secret", "[l2tp]")
{
    ControlFsmConfig ca = Config(11, "lac");
    ControlFsmConfig cb = Config(22, "lns");
    ca.secret = cb.secret = "s3cret";
    ca.challenge = {1, 2, 3, 4, 5, 6, 7, 8};
    cb.challenge = {9, 9, 8, 8, 7, 7, 6, 6, 5, 5};
    Link link(ca, cb);
    std::vector<PacketHeader> seen;
    link.drop = [&seen](const PacketHeader& m, bool) {
        seen.push_back(m);
        return false;
    };
    link.Absorb(link.a, link.a.fsm.Open(link.now));
    link.RunUntil(Seconds(5));
    CHECK(link.a.fsm.GetState() == Fsm::ESTABLISHED);
    CHECK(link.b.fsm.GetState() == Fsm::ESTABLISHED);

    REQUIRE(seen.size() >= 3);
    CHECK(seen[0].FindAvp(AVP_CHALLENGE)->GetValue() == ca.challenge);
    // SCCRP answers with ID 2, SCCCN with ID 3 (5.1.1).
    const Md5Digest rp = ComputeChallengeResponse(SCCRP, "s3cret", ca.challenge);
    const Md5Digest cn = ComputeChallengeResponse(SCCCN, "s3cret", cb.challenge);
    CHECK(seen[1].FindAvp(AVP_CHALLENGE_RESPONSE)->GetValue() ==
          std::vector<uint8_t>(rp.begin(), rp.end()));
    CHECK(seen[1].FindAvp(AVP_CHALLENGE)->GetValue() == cb.challenge);
    CHECK(seen[2].FindAvp(AVP_CHALLENGE_RESPONSE)->GetValue() ==
          std::vector<uint8_t>(cn.begin(), cn.end()));
}

TEST_CASE("control FSM: a wrong secret ends in StopCCN and idle", "[l2tp]")
{
    ControlFsmConfig ca = Config(11, "lac");
    ControlFsmConfig cb = Config(22, "lns");
    ca.secret = "right";
    cb.secret = "wrong";
    ca.challenge = {1, 2, 3, 4};
    cb.challenge = {5, 6, 7, 8};
    Link link(ca, cb);
    link.Absorb(link.a, link.a.fsm.Open(link.now));
    link.RunUntil(Seconds(5));

    CHECK(link.a.fsm.GetState() == Fsm::IDLE);
    CHECK(link.b.fsm.GetState() == Fsm::IDLE);
    CHECK(link.a.sent == std::vector<uint16_t>{SCCRQ, STOPCCN});
    CHECK(link.a.stopResults == std::vector<uint16_t>{STOPCCN_NOT_AUTHORIZED});
    CHECK(link.a.downReason == Fsm::DOWN_AUTH_FAILED);
    CHECK(link.b.downReason == Fsm::DOWN_PEER_STOPCCN);
    CHECK(link.b.downResult == STOPCCN_NOT_AUTHORIZED);
    CHECK(link.a.ups + link.b.ups == 0);
    // The StopCCN was acknowledged: nothing left to retransmit.
    CHECK(link.a.fsm.GetDelivery().GetUnackedCount() == 0);
}

TEST_CASE("control FSM: simultaneous SCCRQs are settled by the Tie Breaker", "[l2tp]")
{
    ControlFsmConfig ca = Config(11, "a");
    ControlFsmConfig cb = Config(22, "b");
    ca.useTieBreaker = cb.useTieBreaker = true;
    ca.tieBreaker = 0x0102030405060708ULL; // lower: a wins
    cb.tieBreaker = 0x0a0b0c0d0e0f0001ULL;
    Link link(ca, cb);
    link.Absorb(link.a, link.a.fsm.Open(link.now));
    link.Absorb(link.b, link.b.fsm.Open(link.now));
    REQUIRE(link.toA.size() == 1);
    REQUIRE(link.toB.size() == 1);
    link.RunUntil(Seconds(20));

    CHECK(link.a.fsm.GetState() == Fsm::ESTABLISHED);
    CHECK(link.b.fsm.GetState() == Fsm::ESTABLISHED);
    // b dropped its own SCCRQ and answered a's; a ignored b's SCCRQ.
    CHECK(link.a.Count(SCCRQ) == 1);
    CHECK(link.a.Count(SCCCN) == 1);
    CHECK(link.a.Count(SCCRP) == 0);
    CHECK(link.b.Count(SCCRQ) == 1);
    CHECK(link.b.Count(SCCRP) == 1);
    CHECK(link.a.Count(STOPCCN) + link.b.Count(STOPCCN) == 0);
    CHECK(link.a.fsm.GetPeerTunnelId() == 22);
    CHECK(link.b.fsm.GetPeerTunnelId() == 11);

    SECTION("equal values: both give up")
    {
        cb.tieBreaker = ca.tieBreaker;
        Link tie(ca, cb);
        tie.Absorb(tie.a, tie.a.fsm.Open(tie.now));
        tie.Absorb(tie.b, tie.b.fsm.Open(tie.now));
        tie.RunUntil(Seconds(20));
        CHECK(tie.a.fsm.GetState() == Fsm::IDLE);
        CHECK(tie.b.fsm.GetState() == Fsm::IDLE);
        CHECK(tie.a.downReason == Fsm::DOWN_TIE_BREAK);
        CHECK(tie.b.downReason == Fsm::DOWN_TIE_BREAK);
    }
}

TEST_CASE("control FSM: responder held by the authorization hook", "[l2tp]")
{
    ControlFsmConfig cb = Config(22, "lns");
    cb.holdForAuthorization = true;
    Link link(Config(11, "lac"), cb);
    link.Absorb(link.a, link.a.fsm.Open(link.now));
    link.RunUntil(Seconds(2));
    CHECK(link.b.authRequested);
    CHECK(link.b.fsm.GetState() == Fsm::WAIT_AUTHORIZATION);
    CHECK(link.b.ups == 0);
    CHECK(link.a.fsm.GetState() == Fsm::ESTABLISHED);

    SECTION("accepted")
    {
        link.now = Seconds(3);
        link.Absorb(link.b, link.b.fsm.Authorize(true, link.now));
        link.RunUntil(Seconds(10));
        CHECK(link.b.fsm.GetState() == Fsm::ESTABLISHED);
        CHECK(link.b.ups == 1);
        CHECK(link.b.Count(STOPCCN) == 0);
    }
    SECTION("rejected")
    {
        link.now = Seconds(3);
        link.Absorb(link.b, link.b.fsm.Authorize(false, link.now));
        link.RunUntil(Seconds(10));
        CHECK(link.b.fsm.GetState() == Fsm::IDLE);
        CHECK(link.a.fsm.GetState() == Fsm::IDLE);
        CHECK(link.b.stopResults == std::vector<uint16_t>{STOPCCN_NOT_AUTHORIZED});
        CHECK(link.b.downReason == Fsm::DOWN_NOT_AUTHORIZED);
        CHECK(link.a.downReason == Fsm::DOWN_PEER_STOPCCN);
        CHECK(link.a.downResult == STOPCCN_NOT_AUTHORIZED);
    }
    SECTION("a second decision is ignored")
    {
        link.Absorb(link.b, link.b.fsm.Authorize(true, link.now));
        const Fsm::Actions again = link.b.fsm.Authorize(false, link.now);
        CHECK(again.send.empty());
        CHECK(link.b.fsm.GetState() == Fsm::ESTABLISHED);
    }
}

TEST_CASE("control FSM: a lost SCCRP is retransmitted", "[l2tp]")
{
    Link link(Config(11, "lac"), Config(22, "lns"));
    int lost = 0;
    link.drop = [&lost](const PacketHeader& m, bool fromA) {
        if (!fromA && TypeOf(m) == SCCRP && lost == 0)
        {
            ++lost;
            return true;
        }
        return false;
    };
    link.Absorb(link.a, link.a.fsm.Open(link.now));
    link.RunUntil(Seconds(0.5));
    CHECK(link.a.fsm.GetState() == Fsm::WAIT_CTL_REPLY);
    CHECK(link.b.fsm.GetState() == Fsm::WAIT_CTL_CONN);

    link.RunUntil(Seconds(10));
    CHECK(lost == 1);
    CHECK(link.b.Count(SCCRP) == 2);
    CHECK(link.a.fsm.GetState() == Fsm::ESTABLISHED);
    CHECK(link.b.fsm.GetState() == Fsm::ESTABLISHED);
    CHECK(link.a.downs + link.b.downs == 0);
    CHECK(link.a.fsm.GetDelivery().GetUnackedCount() == 0);
    CHECK(link.b.fsm.GetDelivery().GetUnackedCount() == 0);
}

TEST_CASE("control FSM: HELLO keepalive and tear-down on a silent peer", "[l2tp]")
{
    Link link(Config(11, "lac"), Config(22, "lns"));
    link.Absorb(link.a, link.a.fsm.Open(link.now));
    link.RunUntil(Seconds(5));
    REQUIRE(link.a.fsm.GetState() == Fsm::ESTABLISHED);

    SECTION("answered HELLOs keep the tunnel up")
    {
        link.RunUntil(Seconds(200));
        CHECK(link.a.fsm.GetState() == Fsm::ESTABLISHED);
        CHECK(link.b.fsm.GetState() == Fsm::ESTABLISHED);
        CHECK(link.a.Count(HELLO) + link.b.Count(HELLO) >= 2);
        CHECK(link.a.downs + link.b.downs == 0);
    }
    SECTION("the peer goes silent")
    {
        link.drop = [](const PacketHeader&, bool) { return true; };
        link.RunUntil(Seconds(200));
        // One HELLO plus 5 retransmissions (5.8 default), then down.
        CHECK(link.a.Count(HELLO) == 6);
        CHECK(link.a.fsm.GetState() == Fsm::IDLE);
        CHECK(link.a.downs == 1);
        CHECK(link.a.downReason == Fsm::DOWN_DELIVERY_FAILED);
        CHECK(link.a.downAt > Seconds(60));
        CHECK(link.a.downAt < Seconds(120));
        CHECK(link.b.downReason == Fsm::DOWN_DELIVERY_FAILED);
        CHECK(link.a.Count(STOPCCN) == 0);
    }
}

TEST_CASE("control FSM: unexpected and malformed input", "[l2tp]")
{
    Link link(Config(11, "lac"), Config(22, "lns"));
    link.Absorb(link.a, link.a.fsm.Open(link.now));
    link.RunUntil(Seconds(5));
    REQUIRE(link.b.fsm.GetState() == Fsm::ESTABLISHED);

    // A data message and a message for another tunnel never reach the table.
    PacketHeader data = PacketHeader::MakeData(22, 1);
    link.Absorb(link.b, link.b.fsm.Receive(data, link.now));
    PacketHeader stray = PacketHeader::MakeControl(99, 0, 1, 1);
    stray.AddAvp(Avp::MakeMessageType(HELLO));
    link.Absorb(link.b, link.b.fsm.Receive(stray, link.now));
    CHECK(link.b.fsm.GetDropCount() == 2);
    CHECK(link.b.fsm.GetState() == Fsm::ESTABLISHED);

    // 7.2: an SCCRP while established is an FSM error -> StopCCN.
    PacketHeader sccrp = PacketHeader::MakeControl(22, 0, 2, 1);
    sccrp.AddAvp(Avp::MakeMessageType(SCCRP));
    link.Absorb(link.b, link.b.fsm.Receive(sccrp, link.now));
    CHECK(link.b.fsm.GetState() == Fsm::IDLE);
    CHECK(link.b.stopResults == std::vector<uint16_t>{STOPCCN_FSM_ERROR});
    CHECK(link.b.downReason == Fsm::DOWN_PROTOCOL_ERROR);
    link.RunUntil(Seconds(10));
    CHECK(link.a.fsm.GetState() == Fsm::IDLE);
    CHECK(link.a.downResult == STOPCCN_FSM_ERROR);
}

namespace
{

const std::vector<uint8_t> kLnsChallenge = {8, 7, 6, 5, 4, 3, 2, 1};

/// Both ends with a tunnel secret, so a held SCCRP had its Challenge
/// Response checked (5.1.1) and the SCCCN must answer the responder's.
ControlFsmConfig
SecretConfig(uint16_t tunnelId, const std::string& host, bool holds)
{
    ControlFsmConfig c = Config(tunnelId, host);
    c.secret = "s3cret";
    c.challenge = tunnelId == 11 ? std::vector<uint8_t>{1, 2, 3, 4, 5, 6, 7, 8} : kLnsChallenge;
    c.holdForAuthorization = holds;
    return c;
}

/// Result Code and Error Message of a StopCCN.
std::pair<uint16_t, std::string>
StopCcnResultOf(const PacketHeader& m)
{
    uint16_t r = 0;
    uint16_t e = 0;
    std::string text;
    const Avp* avp = m.FindAvp(AVP_RESULT_CODE);
    if (avp != nullptr)
    {
        avp->GetResultCode(r, e, text);
    }
    return {r, text};
}

} // namespace

TEST_CASE("control FSM: initiator held by the authorization hook", "[l2tp]")
{
    Link link(SecretConfig(11, "lac", true), SecretConfig(22, "lns", false));
    std::vector<PacketHeader> fromA;
    link.drop = [&fromA](const PacketHeader& m, bool sentByA) {
        if (sentByA)
        {
            fromA.push_back(m);
        }
        return false;
    };
    link.Absorb(link.a, link.a.fsm.Open(link.now));
    link.RunUntil(Seconds(0.09));
    // An acceptable SCCRP is held: no SCCCN yet, one request, Host Name known.
    CHECK(link.a.fsm.GetState() == Fsm::WAIT_REPLY_AUTHORIZATION);
    CHECK(link.a.fsm.IsAwaitingAuthorization());
    CHECK(link.a.authRequests == 1);
    CHECK(link.a.fsm.GetPeerHostName() == "lns");
    CHECK(link.a.fsm.GetPeerTunnelId() == 22);
    CHECK(link.a.sent == std::vector<uint16_t>{SCCRQ});
    CHECK(link.a.ups == 0);
    CHECK(link.b.fsm.GetState() == Fsm::WAIT_CTL_CONN);
    CHECK_FALSE(link.b.fsm.IsAwaitingAuthorization());

    // 5.8: nothing carries Nr, so a ZLB acknowledges the SCCRP after the
    // ack delay (100 ms) and the responder never retransmits it.
    link.RunUntil(Seconds(0.11));
    CHECK(link.a.sent == std::vector<uint16_t>{SCCRQ, 0});
    link.RunUntil(Seconds(20));
    CHECK(link.b.Count(SCCRP) == 1);
    CHECK(link.b.fsm.GetDelivery().GetUnackedCount() == 0);
    CHECK(link.a.fsm.GetState() == Fsm::WAIT_REPLY_AUTHORIZATION);
    CHECK(link.a.authRequests == 1);
    CHECK(link.a.downs + link.b.downs == 0);

    SECTION("accepted: the SCCCN goes out and both ends come up")
    {
        link.Absorb(link.a, link.a.fsm.Authorize(true, link.now));
        // 7.2: the initiator is established once the SCCCN is sent.
        CHECK(link.a.fsm.GetState() == Fsm::ESTABLISHED);
        CHECK(link.a.ups == 1);
        CHECK(link.a.sent == std::vector<uint16_t>{SCCRQ, 0, SCCCN});
        link.RunUntil(Seconds(30));
        CHECK(link.b.fsm.GetState() == Fsm::ESTABLISHED);
        CHECK(link.b.ups == 1);
        // The SCCCN answers the responder's Challenge (ID 3, 5.1.1).
        const Md5Digest cn = ComputeChallengeResponse(SCCCN, "s3cret", kLnsChallenge);
        REQUIRE(fromA.size() == 3);
        REQUIRE(fromA[2].FindAvp(AVP_CHALLENGE_RESPONSE) != nullptr);
        CHECK(fromA[2].FindAvp(AVP_CHALLENGE_RESPONSE)->GetValue() ==
              std::vector<uint8_t>(cn.begin(), cn.end()));
        CHECK(link.a.Count(STOPCCN) + link.b.Count(STOPCCN) == 0);
        CHECK(link.a.fsm.GetDelivery().GetUnackedCount() == 0);
    }
    SECTION("rejected: StopCCN with Result Code 1, both ends down")
    {
        link.Absorb(link.a, link.a.fsm.Authorize(false, link.now));
        CHECK(link.a.fsm.GetState() == Fsm::IDLE);
        link.RunUntil(Seconds(30));
        CHECK(link.a.sent == std::vector<uint16_t>{SCCRQ, 0, STOPCCN});
        CHECK(link.a.stopResults == std::vector<uint16_t>{STOPCCN_CLEAR});
        REQUIRE(fromA.size() == 3);
        CHECK(StopCcnResultOf(fromA[2]).second == "responder not authorized");
        CHECK(link.a.downs == 1);
        CHECK(link.a.downReason == Fsm::DOWN_NOT_AUTHORIZED);
        CHECK(link.a.downResult == STOPCCN_CLEAR);
        CHECK(link.b.fsm.GetState() == Fsm::IDLE);
        CHECK(link.b.downs == 1);
        CHECK(link.b.downReason == Fsm::DOWN_PEER_STOPCCN);
        CHECK(link.b.downResult == STOPCCN_CLEAR);
        CHECK(link.a.ups + link.b.ups == 0);
        CHECK(link.a.fsm.GetDelivery().GetUnackedCount() == 0); // StopCCN acked
    }
    SECTION("a second decision is ignored")
    {
        link.Absorb(link.a, link.a.fsm.Authorize(true, link.now));
        const Fsm::Actions again = link.a.fsm.Authorize(false, link.now);
        CHECK(again.send.empty());
        CHECK_FALSE(again.tunnelDown);
        CHECK(link.a.fsm.GetState() == Fsm::ESTABLISHED);
    }
}

TEST_CASE("control FSM: a bad SCCRP is refused without asking for authorization", "[l2tp]")
{
    // The responder answers our Challenge with the wrong secret.
    ControlFsmConfig cb = SecretConfig(22, "lns", false);
    cb.secret = "wrong";
    Link link(SecretConfig(11, "lac", true), cb);
    link.Absorb(link.a, link.a.fsm.Open(link.now));
    link.RunUntil(Seconds(5));
    CHECK(link.a.authRequests == 0);
    CHECK(link.a.fsm.GetState() == Fsm::IDLE);
    CHECK(link.a.stopResults == std::vector<uint16_t>{STOPCCN_NOT_AUTHORIZED});
    CHECK(link.a.downReason == Fsm::DOWN_AUTH_FAILED);
}

TEST_CASE("control FSM: a retransmitted SCCRP while the initiator holds asks once", "[l2tp]")
{
    Link link(SecretConfig(11, "lac", true), SecretConfig(22, "lns", false));
    // Our ZLBs are lost: the responder retransmits its SCCRP (5.8).
    link.drop = [](const PacketHeader& m, bool sentByA) {
        return sentByA && m.IsZlb();
    };
    link.Absorb(link.a, link.a.fsm.Open(link.now));
    link.RunUntil(Seconds(5));
    // Sent at 0, retransmitted at 1 and 3 s; each copy is a duplicate for
    // the initiator, acknowledged again (another lost ZLB), not re-judged.
    CHECK(link.b.Count(SCCRP) == 3);
    CHECK(link.a.authRequests == 1);
    CHECK(link.a.Count(0) == 3);
    CHECK(link.a.fsm.GetState() == Fsm::WAIT_REPLY_AUTHORIZATION);
    CHECK(link.b.fsm.GetState() == Fsm::WAIT_CTL_CONN);

    // The SCCCN carries Nr: the retransmissions stop and both come up.
    link.Absorb(link.a, link.a.fsm.Authorize(true, link.now));
    link.RunUntil(Seconds(30));
    CHECK(link.b.Count(SCCRP) == 3);
    CHECK(link.a.fsm.GetState() == Fsm::ESTABLISHED);
    CHECK(link.b.fsm.GetState() == Fsm::ESTABLISHED);
    CHECK(link.a.ups == 1);
    CHECK(link.b.ups == 1);
    CHECK(link.b.fsm.GetDelivery().GetUnackedCount() == 0);
    CHECK(link.a.authRequests == 1);
}

TEST_CASE("control FSM: the responder's timeout while the initiator holds", "[l2tp]")
{
    Link link(SecretConfig(11, "lac", true), SecretConfig(22, "lns", false));

    SECTION("no acknowledgement reaches the responder: it gives up (5.8)")
    {
        // Everything after our SCCRQ is lost.
        link.drop = [](const PacketHeader& m, bool sentByA) {
            return sentByA && TypeOf(m) != SCCRQ;
        };
        link.Absorb(link.a, link.a.fsm.Open(link.now));
        link.RunUntil(Seconds(40));
        // SCCRP at 0, retransmitted at 1, 3, 7, 15 and 23 s; down at 31 s.
        CHECK(link.b.Count(SCCRP) == 6);
        CHECK(link.b.fsm.GetState() == Fsm::IDLE);
        CHECK(link.b.downs == 1);
        CHECK(link.b.downReason == Fsm::DOWN_DELIVERY_FAILED);
        CHECK(link.b.downAt == Seconds(31));
        CHECK(link.b.Count(STOPCCN) == 0);
        // The initiator asked once and still holds (no timer of its own).
        CHECK(link.a.authRequests == 1);
        CHECK(link.a.fsm.GetState() == Fsm::WAIT_REPLY_AUTHORIZATION);
        CHECK(link.a.downs == 0);

        // A late acceptance: established with the SCCCN (7.2), which
        // nobody acknowledges, so the initiator's own 5.8 limit ends it.
        link.Absorb(link.a, link.a.fsm.Authorize(true, link.now));
        CHECK(link.a.ups == 1);
        link.RunUntil(Seconds(100));
        CHECK(link.a.Count(SCCCN) == 6);
        CHECK(link.a.fsm.GetState() == Fsm::IDLE);
        CHECK(link.a.downs == 1);
        CHECK(link.a.downReason == Fsm::DOWN_DELIVERY_FAILED);
    }
    SECTION("the responder closes while the initiator holds")
    {
        link.Absorb(link.a, link.a.fsm.Open(link.now));
        link.RunUntil(Seconds(5));
        REQUIRE(link.a.fsm.GetState() == Fsm::WAIT_REPLY_AUTHORIZATION);
        link.Absorb(link.b, link.b.fsm.Close(link.now, STOPCCN_SHUTTING_DOWN));
        link.RunUntil(Seconds(10));
        CHECK(link.a.fsm.GetState() == Fsm::IDLE);
        CHECK_FALSE(link.a.fsm.IsAwaitingAuthorization());
        CHECK(link.a.downs == 1);
        CHECK(link.a.downReason == Fsm::DOWN_PEER_STOPCCN);
        CHECK(link.a.downResult == STOPCCN_SHUTTING_DOWN);
        // The decision arrives after the connection ended: ignored.
        const Fsm::Actions late = link.a.fsm.Authorize(true, link.now);
        CHECK(late.send.empty());
        CHECK_FALSE(late.tunnelUp);
        CHECK(link.a.fsm.GetState() == Fsm::IDLE);
        CHECK(link.a.ups == 0);
        CHECK(link.a.Count(SCCCN) == 0);
    }
}

TEST_CASE("control FSM: both ends hold for authorization", "[l2tp]")
{
    Link link(SecretConfig(11, "lac", true), SecretConfig(22, "lns", true));
    link.Absorb(link.a, link.a.fsm.Open(link.now));
    link.RunUntil(Seconds(1));
    CHECK(link.a.fsm.GetState() == Fsm::WAIT_REPLY_AUTHORIZATION);
    CHECK(link.b.fsm.GetState() == Fsm::WAIT_CTL_CONN);
    CHECK(link.b.authRequests == 0);

    // The LAC's decision first (it holds the SCCRP), then the LNS's.
    link.Absorb(link.a, link.a.fsm.Authorize(true, link.now));
    link.RunUntil(Seconds(2));
    CHECK(link.a.fsm.GetState() == Fsm::ESTABLISHED);
    CHECK(link.b.fsm.GetState() == Fsm::WAIT_AUTHORIZATION);
    CHECK(link.b.authRequests == 1);
    CHECK(link.b.fsm.GetPeerHostName() == "lac");
    link.Absorb(link.b, link.b.fsm.Authorize(true, link.now));
    link.RunUntil(Seconds(10));
    CHECK(link.a.fsm.GetState() == Fsm::ESTABLISHED);
    CHECK(link.b.fsm.GetState() == Fsm::ESTABLISHED);
    CHECK(link.a.authRequests == 1);
    CHECK(link.b.authRequests == 1);
    CHECK(link.a.ups + link.b.ups == 2);
    CHECK(link.a.downs + link.b.downs == 0);
}
