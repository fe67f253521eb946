// SPDX-License-Identifier: GPL-2.0-only
// RFC 5036 section 2.5 session establishment and maintenance, and Hello
// adjacency bookkeeping, driven by hand-picked times without a simulator.
#include "ns3/ldp-adjacency.h"
#include "ns3/ldp-session-fsm.h"
#include "ns3/ldp-status.h"

#include <catch2/catch.hpp>
#include <vector>

using namespace ns3;
using namespace ns3::ldp;

namespace
{

const Ipv4Address kLocalId("10.0.0.1");
const Ipv4Address kPeerId("10.0.0.2");

using Types = std::vector<SessionActionType>;

Types
TypesOf(const SessionActions& a)
{
    Types t;
    for (const SessionAction& x : a.actions)
    {
        t.push_back(x.type);
    }
    return t;
}

std::vector<SessionState>
StatesVisited(const SessionActions& a)
{
    std::vector<SessionState> s;
    for (const SessionTransition& t : a.transitions)
    {
        s.push_back(t.to);
    }
    return s;
}

/// The Init a peer sends to us: addressed to our LDP identifier.
CommonSessionParamsTlv
PeerInit(uint16_t keepAlive)
{
    CommonSessionParamsTlv p;
    p.keepAliveTime = keepAlive;
    p.receiverLsrId = kLocalId;
    p.receiverLabelSpace = 0;
    return p;
}

uint32_t
NotificationStatus(const SessionActions& a)
{
    const SessionAction* n = a.Find(SessionActionType::SEND_NOTIFICATION);
    REQUIRE(n != nullptr);
    return n->status;
}

/// Drives a session of the given role to OPERATIONAL at t = 1 s.
SessionFsm
Operational(SessionRole role, SessionFsmConfig config, uint16_t peerKeepAlive)
{
    SessionFsm fsm(role, config);
    fsm.TcpConnected(Seconds(0));
    fsm.ReceiveInitialization(PeerInit(peerKeepAlive), kLocalId, 0, Seconds(0.5));
    fsm.ReceiveKeepAlive(Seconds(1));
    REQUIRE(fsm.GetState() == SessionState::OPERATIONAL);
    return fsm;
}

} // namespace

TEST_CASE("LDP session role follows transport addresses", "[ldp][session]")
{
    // Section 2.5.2: the greater transport address plays the active role.
    CHECK(DetermineRole(Ipv4Address("10.0.0.2"), Ipv4Address("10.0.0.1")) == SessionRole::ACTIVE);
    CHECK(DetermineRole(Ipv4Address("10.0.0.1"), Ipv4Address("10.0.0.2")) == SessionRole::PASSIVE);
    CHECK(DetermineRole(Ipv4Address("192.168.0.1"), Ipv4Address("10.255.255.255")) ==
          SessionRole::ACTIVE);
}

TEST_CASE("LDP passive session reaches OPERATIONAL", "[ldp][session]")
{
    SessionFsm fsm(SessionRole::PASSIVE);
    CHECK(fsm.GetState() == SessionState::NON_EXISTENT);

    SessionActions a = fsm.TcpConnected(Seconds(10));
    CHECK(fsm.GetState() == SessionState::INITIALIZED);
    CHECK(TypesOf(a) == Types{SessionActionType::START_HOLD_TIMER});
    CHECK(a.actions[0].at == Seconds(25)); // initialization timeout, 15 s
    REQUIRE(a.transitions.size() == 1);
    CHECK(a.transitions[0].from == SessionState::NON_EXISTENT);
    CHECK(a.transitions[0].event == SessionEvent::TCP_CONNECTED);

    // Acceptable Init: answer with Init and KeepAlive, negotiate min(180, 30).
    a = fsm.ReceiveInitialization(PeerInit(30), kLocalId, 0, Seconds(11));
    CHECK(fsm.GetState() == SessionState::OPENREC);
    CHECK(TypesOf(a) == Types{SessionActionType::SEND_INITIALIZATION,
                              SessionActionType::SEND_KEEPALIVE,
                              SessionActionType::START_KEEPALIVE_TIMER,
                              SessionActionType::START_HOLD_TIMER});
    CHECK(fsm.GetNegotiatedKeepAlive() == 30);
    CHECK(a.Find(SessionActionType::START_KEEPALIVE_TIMER)->at == Seconds(21));
    CHECK(a.Find(SessionActionType::START_HOLD_TIMER)->at == Seconds(41));

    a = fsm.ReceiveKeepAlive(Seconds(12));
    CHECK(fsm.GetState() == SessionState::OPERATIONAL);
    CHECK(TypesOf(a) == Types{SessionActionType::START_HOLD_TIMER});
    CHECK(a.actions[0].at == Seconds(42));
    CHECK(StatesVisited(a) == std::vector<SessionState>{SessionState::OPERATIONAL});
}

TEST_CASE("LDP active session reaches OPERATIONAL", "[ldp][session]")
{
    SessionFsmConfig config;
    config.keepAliveTime = 45;
    SessionFsm fsm(SessionRole::ACTIVE, config);

    // Section 2.5.4: INITIALIZED is entered and left at once with Tx Init.
    SessionActions a = fsm.TcpConnected(Seconds(0));
    CHECK(fsm.GetState() == SessionState::OPENSENT);
    CHECK(StatesVisited(a) ==
          std::vector<SessionState>{SessionState::INITIALIZED, SessionState::OPENSENT});
    CHECK(a.transitions[1].event == SessionEvent::INIT_SENT);
    CHECK(TypesOf(a) ==
          Types{SessionActionType::START_HOLD_TIMER, SessionActionType::SEND_INITIALIZATION});

    // Peer's Init proposes more than ours: negotiated = min = 45.
    a = fsm.ReceiveInitialization(PeerInit(90), kLocalId, 0, Seconds(1));
    CHECK(fsm.GetState() == SessionState::OPENREC);
    CHECK(TypesOf(a) == Types{SessionActionType::SEND_KEEPALIVE,
                              SessionActionType::START_KEEPALIVE_TIMER,
                              SessionActionType::START_HOLD_TIMER});
    CHECK(fsm.GetNegotiatedKeepAlive() == 45);
    CHECK(fsm.GetKeepAliveSendInterval() == Seconds(15));

    fsm.ReceiveKeepAlive(Seconds(2));
    CHECK(fsm.GetState() == SessionState::OPERATIONAL);
    CHECK(fsm.MayConnect(Seconds(2)));
}

TEST_CASE("LDP Init with bad parameters is rejected", "[ldp][session]")
{
    SECTION("passive: KeepAlive time zero")
    {
        SessionFsm fsm(SessionRole::PASSIVE);
        fsm.TcpConnected(Seconds(0));
        SessionActions a = fsm.ReceiveInitialization(PeerInit(0), kLocalId, 0, Seconds(1));
        CHECK(fsm.GetState() == SessionState::NON_EXISTENT);
        CHECK(NotificationStatus(a) == STATUS_SESSION_REJECTED_BAD_KEEPALIVE_TIME);
        CHECK(TypesOf(a) == Types{SessionActionType::SEND_NOTIFICATION,
                                  SessionActionType::CLOSE_TCP,
                                  SessionActionType::STOP_TIMERS});
        CHECK_FALSE(a.retryAfter); // passive: no backoff of its own
    }
    SECTION("passive: addressed to another LDP identifier")
    {
        SessionFsm fsm(SessionRole::PASSIVE);
        fsm.TcpConnected(Seconds(0));
        CommonSessionParamsTlv init = PeerInit(30);
        init.receiverLsrId = Ipv4Address("10.9.9.9");
        SessionActions a = fsm.ReceiveInitialization(init, kLocalId, 0, Seconds(1));
        CHECK(fsm.GetState() == SessionState::NON_EXISTENT);
        CHECK(NotificationStatus(a) == STATUS_SESSION_REJECTED_NO_HELLO);
    }
    SECTION("active: bad protocol version in OPENSENT, backoff starts")
    {
        SessionFsm fsm(SessionRole::ACTIVE);
        fsm.TcpConnected(Seconds(0));
        CommonSessionParamsTlv init = PeerInit(30);
        init.protocolVersion = 2;
        SessionActions a = fsm.ReceiveInitialization(init, kLocalId, 0, Seconds(1));
        CHECK(fsm.GetState() == SessionState::NON_EXISTENT);
        CHECK(NotificationStatus(a) == STATUS_BAD_PROTOCOL_VERSION);
        REQUIRE(a.retryAfter);
        CHECK(*a.retryAfter == Seconds(16));
        CHECK_FALSE(fsm.MayConnect(Seconds(15)));
        CHECK(fsm.MayConnect(Seconds(16)));
    }
    CHECK(EvaluateInitialization(PeerInit(30), kLocalId, 0) == STATUS_SUCCESS);
    CHECK(EvaluateInitialization(PeerInit(30), kLocalId, 1) == STATUS_SESSION_REJECTED_NO_HELLO);
}

TEST_CASE("LDP session parameter negotiation", "[ldp][session]")
{
    CommonSessionParamsTlv local = PeerInit(60);
    CommonSessionParamsTlv peer = PeerInit(40);
    local.maxPduLength = 0; // default 4096
    peer.maxPduLength = 1500;
    local.downstreamOnDemand = true;
    SessionParameters p = NegotiateSession(local, peer);
    CHECK(p.keepAliveTime == 40);
    CHECK(p.maxPduLength == 1500);
    CHECK_FALSE(p.downstreamOnDemand); // disagreement: Downstream Unsolicited
    peer.maxPduLength = 200;           // <= 255 means 4096
    CHECK(NegotiateSession(local, peer).maxPduLength == 4096);
}

TEST_CASE("LDP KeepAlive timing and hold timer expiry", "[ldp][session]")
{
    SessionFsmConfig config;
    config.keepAliveTime = 30;
    SessionFsm fsm = Operational(SessionRole::PASSIVE, config, 60);
    CHECK(fsm.GetNegotiatedKeepAlive() == 30);
    // KeepAlive send timer started at 0.5 s with a third of 30 s.
    SessionActions a = fsm.KeepAliveTimerExpired(Seconds(5));
    CHECK(a.ignored); // early report: not due until 10.5 s
    a = fsm.KeepAliveTimerExpired(Seconds(10.5));
    CHECK(TypesOf(a) ==
          Types{SessionActionType::SEND_KEEPALIVE, SessionActionType::START_KEEPALIVE_TIMER});
    CHECK(a.actions[1].at == Seconds(20.5));

    // Any PDU restarts the hold timer (section 2.5.6).
    a = fsm.ReceiveOther(Seconds(20));
    CHECK(a.Find(SessionActionType::START_HOLD_TIMER)->at == Seconds(50));
    a = fsm.HoldTimerExpired(Seconds(31)); // the deadline of 1 s + 30 s was moved
    CHECK(a.ignored);
    CHECK(fsm.GetState() == SessionState::OPERATIONAL);

    a = fsm.HoldTimerExpired(Seconds(50));
    CHECK(fsm.GetState() == SessionState::NON_EXISTENT);
    CHECK(NotificationStatus(a) == STATUS_KEEPALIVE_TIMER_EXPIRED);
    CHECK(a.Has(SessionActionType::CLOSE_TCP));
    CHECK(a.Has(SessionActionType::STOP_TIMERS));
    REQUIRE(a.transitions.size() == 1);
    CHECK(a.transitions[0].event == SessionEvent::HOLD_TIMER_EXPIRED);

    // Timers are stopped: later reports do nothing.
    CHECK(fsm.KeepAliveTimerExpired(Seconds(60)).ignored);
}

TEST_CASE("LDP shutdown on last adjacency loss sends Hold Timer Expired", "[ldp][session]")
{
    SessionFsm fsm = Operational(SessionRole::ACTIVE, SessionFsmConfig(), 180);
    SessionActions a = fsm.Shutdown(STATUS_HOLD_TIMER_EXPIRED, Seconds(5));
    CHECK(fsm.GetState() == SessionState::NON_EXISTENT);
    CHECK(NotificationStatus(a) == STATUS_HOLD_TIMER_EXPIRED);
    CHECK_FALSE(a.retryAfter); // the session had been up: no backoff
}

TEST_CASE("LDP initialization timeout", "[ldp][session]")
{
    SessionFsmConfig config;
    config.initTimeout = Seconds(8);
    SessionFsm fsm(SessionRole::PASSIVE, config);
    fsm.TcpConnected(Seconds(0));
    CHECK(fsm.HoldTimerExpired(Seconds(7)).ignored);
    SessionActions a = fsm.HoldTimerExpired(Seconds(8));
    CHECK(fsm.GetState() == SessionState::NON_EXISTENT);
    CHECK(NotificationStatus(a) == STATUS_KEEPALIVE_TIMER_EXPIRED);
}

TEST_CASE("LDP unexpected messages during initialization", "[ldp][session]")
{
    SECTION("KeepAlive in OPENSENT")
    {
        SessionFsm fsm(SessionRole::ACTIVE);
        fsm.TcpConnected(Seconds(0));
        SessionActions a = fsm.ReceiveKeepAlive(Seconds(1));
        CHECK(fsm.GetState() == SessionState::NON_EXISTENT);
        CHECK(NotificationStatus(a) == STATUS_SHUTDOWN);
        CHECK(a.Has(SessionActionType::CLOSE_TCP));
        CHECK(a.retryAfter);
    }
    SECTION("label message in OPENSENT")
    {
        SessionFsm fsm(SessionRole::ACTIVE);
        fsm.TcpConnected(Seconds(0));
        SessionActions a = fsm.ReceiveOther(Seconds(1));
        CHECK(fsm.GetState() == SessionState::NON_EXISTENT);
        CHECK(NotificationStatus(a) == STATUS_SHUTDOWN);
    }
    SECTION("second Init in OPENREC")
    {
        SessionFsm fsm(SessionRole::PASSIVE);
        fsm.TcpConnected(Seconds(0));
        fsm.ReceiveInitialization(PeerInit(30), kLocalId, 0, Seconds(1));
        SessionActions a = fsm.ReceiveInitialization(PeerInit(30), kLocalId, 0, Seconds(2));
        CHECK(fsm.GetState() == SessionState::NON_EXISTENT);
        CHECK(NotificationStatus(a) == STATUS_SHUTDOWN);
    }
    SECTION("KeepAlive before Init on the passive side")
    {
        SessionFsm fsm(SessionRole::PASSIVE);
        fsm.TcpConnected(Seconds(0));
        fsm.ReceiveKeepAlive(Seconds(1));
        CHECK(fsm.GetState() == SessionState::NON_EXISTENT);
    }
    SECTION("events in NON EXISTENT are ignored")
    {
        SessionFsm fsm(SessionRole::PASSIVE);
        SessionActions a = fsm.ReceiveKeepAlive(Seconds(1));
        CHECK(a.ignored);
        CHECK(a.actions.empty());
        CHECK(fsm.GetState() == SessionState::NON_EXISTENT);
    }
}

TEST_CASE("LDP Notifications and transport loss", "[ldp][session]")
{
    SECTION("non-fatal Notification keeps the session up")
    {
        SessionFsm fsm = Operational(SessionRole::PASSIVE, SessionFsmConfig(), 60);
        SessionActions a = fsm.ReceiveNotification(StatusTlv::Make(STATUS_NO_ROUTE), Seconds(2));
        CHECK(fsm.GetState() == SessionState::OPERATIONAL);
        CHECK(a.Has(SessionActionType::START_HOLD_TIMER));
    }
    SECTION("fatal Notification closes without answering")
    {
        SessionFsm fsm = Operational(SessionRole::PASSIVE, SessionFsmConfig(), 60);
        SessionActions a = fsm.ReceiveNotification(StatusTlv::Make(STATUS_SHUTDOWN), Seconds(2));
        CHECK(fsm.GetState() == SessionState::NON_EXISTENT);
        CHECK(TypesOf(a) == Types{SessionActionType::CLOSE_TCP, SessionActionType::STOP_TIMERS});
    }
    SECTION("Session Rejected received by the active side backs off")
    {
        SessionFsm fsm(SessionRole::ACTIVE);
        fsm.TcpConnected(Seconds(0));
        SessionActions a = fsm.ReceiveNotification(
            StatusTlv::Make(STATUS_SESSION_REJECTED_ADVERTISEMENT_MODE), Seconds(1));
        CHECK(fsm.GetState() == SessionState::NON_EXISTENT);
        REQUIRE(a.retryAfter);
        CHECK(*a.retryAfter == Seconds(16));
        // The peer's close that follows changes nothing.
        CHECK(fsm.TcpClosed(Seconds(1)).ignored);
        CHECK(fsm.GetNextAttemptTime() == Seconds(16));
    }
    SECTION("TCP closed in OPERATIONAL")
    {
        SessionFsm fsm = Operational(SessionRole::PASSIVE, SessionFsmConfig(), 60);
        SessionActions a = fsm.TcpClosed(Seconds(3));
        CHECK(fsm.GetState() == SessionState::NON_EXISTENT);
        CHECK(TypesOf(a) == Types{SessionActionType::STOP_TIMERS});
    }
}

TEST_CASE("LDP Initialization backoff grows and is capped", "[ldp][session]")
{
    InitBackoff backoff(Seconds(15), Minutes(2));
    CHECK(backoff.Fail() == Seconds(15));
    CHECK(backoff.Fail() == Seconds(30));
    CHECK(backoff.Fail() == Seconds(60));
    CHECK(backoff.Fail() == Seconds(120));
    CHECK(backoff.Fail() == Seconds(120));
    backoff.Reset();
    CHECK(backoff.Peek() == Seconds(15));

    SECTION("through the session, with configured values")
    {
        SessionFsmConfig config;
        config.backoffInitial = Seconds(2);
        config.backoffMax = Seconds(5);
        SessionFsm fsm(SessionRole::ACTIVE, config);
        std::vector<Time> delays;
        Time now = Seconds(0);
        for (int i = 0; i < 4; ++i)
        {
            REQUIRE(fsm.MayConnect(now));
            fsm.TcpConnected(now);
            SessionActions a = fsm.ReceiveOther(now); // unexpected: rejected
            REQUIRE(a.retryAfter);
            delays.push_back(*a.retryAfter - now);
            now = *a.retryAfter;
        }
        CHECK(delays == std::vector<Time>{Seconds(2), Seconds(4), Seconds(5), Seconds(5)});

        // Reaching OPERATIONAL resets the backoff.
        fsm.TcpConnected(now);
        fsm.ReceiveInitialization(PeerInit(30), kLocalId, 0, now);
        fsm.ReceiveKeepAlive(now);
        REQUIRE(fsm.GetState() == SessionState::OPERATIONAL);
        fsm.TcpClosed(now);
        fsm.TcpConnected(now);
        SessionActions a = fsm.ReceiveOther(now);
        REQUIRE(a.retryAfter);
        CHECK(*a.retryAfter - now == Seconds(2));
        fsm.ResetBackoff();
        CHECK(fsm.MayConnect(now));
    }
}

TEST_CASE("LDP Hello hold time negotiation", "[ldp][adjacency]")
{
    // Section 3.5.2: minimum of both, 0 = default, 0xffff = infinite.
    CHECK(*NegotiateHelloHoldTime(0, 0, Seconds(15)) == Seconds(15));
    CHECK(*NegotiateHelloHoldTime(0, 0, Seconds(45)) == Seconds(45));
    CHECK(*NegotiateHelloHoldTime(30, 10, Seconds(15)) == Seconds(10));
    CHECK(*NegotiateHelloHoldTime(0, 60, Seconds(15)) == Seconds(15));
    CHECK(*NegotiateHelloHoldTime(HELLO_HOLD_INFINITE, 20, Seconds(15)) == Seconds(20));
    CHECK_FALSE(NegotiateHelloHoldTime(HELLO_HOLD_INFINITE, HELLO_HOLD_INFINITE, Seconds(15)));

    AdjacencyTable table;
    AdjacencyKey link{kPeerId, 0, false, 1, Ipv4Address()};
    AdjacencyKey targeted{kPeerId, 0, true, 0, Ipv4Address("192.0.2.7")};
    HelloResult r = table.ReceiveHello(link, HelloInfo{0, kPeerId, std::nullopt}, Seconds(0));
    CHECK(r.created);
    CHECK(*r.holdTime == Seconds(15)); // link default
    r = table.ReceiveHello(targeted, HelloInfo{0, kPeerId, std::nullopt}, Seconds(0));
    CHECK(r.created);
    CHECK(*r.holdTime == Seconds(45)); // targeted default

    HelloConfig config;
    config.linkHoldTime = 9;
    AdjacencyTable mine(config);
    CHECK(mine.GetLocalHoldTime(false) == 9);
    r = mine.ReceiveHello(link, HelloInfo{0, kPeerId, std::nullopt}, Seconds(0));
    CHECK(*r.holdTime == Seconds(9));
    CHECK(*r.expiresAt == Seconds(9));
}

TEST_CASE("LDP Hello adjacency expiry", "[ldp][adjacency]")
{
    AdjacencyTable table;
    AdjacencyKey link1{kPeerId, 0, false, 1, Ipv4Address()};
    AdjacencyKey link2{kPeerId, 0, false, 2, Ipv4Address()};
    const HelloInfo hello{0, Ipv4Address("10.1.1.2"), 7u};

    CHECK(table.ReceiveHello(link1, hello, Seconds(0)).created);
    CHECK(table.ReceiveHello(link2, hello, Seconds(5)).created);
    CHECK(table.GetSize() == 2);
    CHECK(table.HasAdjacency(kPeerId, 0));
    CHECK(*table.GetTransportAddress(kPeerId, 0) == Ipv4Address("10.1.1.2"));
    CHECK(*table.NextExpiry() == Seconds(15));

    // A refresh moves the expiry; a Hello is not a new adjacency.
    HelloResult r = table.ReceiveHello(link1, hello, Seconds(10));
    CHECK_FALSE(r.created);
    CHECK_FALSE(r.configChanged);
    CHECK(*table.NextExpiry() == Seconds(20));

    ExpiryResult e = table.Expire(Seconds(19));
    CHECK(e.expired.empty());

    // link2 expires at 20 s; link1 still holds the session.
    e = table.Expire(Seconds(20));
    REQUIRE(e.expired.size() == 1);
    CHECK(e.expired[0] == link2);
    CHECK(e.peersLost.empty());

    // Changed Configuration Sequence Number is reported.
    r = table.ReceiveHello(link1, HelloInfo{0, Ipv4Address("10.1.1.2"), 8u}, Seconds(21));
    CHECK(r.configChanged);

    // link1 expires at 36 s: the peer lost its last adjacency.
    e = table.Expire(Seconds(40));
    REQUIRE(e.expired.size() == 1);
    REQUIRE(e.peersLost.size() == 1);
    CHECK(e.peersLost[0].first == kPeerId);
    CHECK_FALSE(table.HasAdjacency(kPeerId, 0));
    CHECK_FALSE(table.NextExpiry());

    // Infinite hold time never expires; Remove() takes it away.
    AdjacencyTable forever(HelloConfig{HELLO_HOLD_INFINITE, 0, Seconds(15), Seconds(45)});
    forever.ReceiveHello(link1, HelloInfo{HELLO_HOLD_INFINITE, kPeerId, std::nullopt}, Seconds(0));
    CHECK(forever.Expire(Seconds(1e6)).expired.empty());
    CHECK_FALSE(forever.NextExpiry());
    CHECK(forever.Remove(link1));
    CHECK(forever.GetSize() == 0);
}
