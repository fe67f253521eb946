// SPDX-License-Identifier: GPL-2.0-only
// The VR-port monitoring and deletion engine (seed 000, Fig. 10, S31-S39)
// without a simulator: a small driver loop calls OnTimer() at NextDeadline(),
// answers the monitors of peers that are "up" after a round trip, and runs
// scheduled events (tunnel down, peer returns). Expected times follow from
// the configuration and the rules in vr-monitor-engine.h: first monitor one
// period P after AddPeer(), silent when the last N monitors are unanswered at
// a monitoring time, deleted at holdStart + H.
#include "ns3/vr-discovery-header.h"
#include "ns3/vr-monitor-engine.h"

#include <catch2/catch.hpp>
#include <functional>
#include <map>
#include <vector>

using namespace ns3;
using namespace ns3::vr;

namespace
{

const VpnId kVpnA(0x00a0c9, 1);
const VpnId kVpnB(0x00a0c9, 2);
const Ipv4Address kOwnPort("10.1.0.1"); // VR port 11a of router 10 (Fig. 2)
const Ipv4Address kPeer21a("10.2.0.1"); // VR port 21a of router 20
const Ipv4Address kPeerC("10.3.0.1");
const Ipv4Address kPeerD("10.4.0.1");
const Ipv4Address kStranger("10.9.0.1");

const Time P = Seconds(30); // period
const uint32_t N = 3;       // unanswered monitors that make a peer silent
const Time H = Hours(24);   // the seed's example hold time (S34/S35)
const Time kRtt = MilliSeconds(10);
const Time kT0 = Seconds(100); // AddPeer time

/// Whole periods in a hold time.
uint32_t
HoldPeriods(Time hold)
{
    return static_cast<uint32_t>(hold.GetTimeStep() / P.GetTimeStep());
}

MonitorIdentity
Identity()
{
    return MonitorIdentity{kVpnA, Ipv4Address("10.0.0.10"), kOwnPort};
}

MonitorConfig
Config(Time hold = H)
{
    MonitorConfig c;
    c.period = P;
    c.silentAfter = N;
    c.holdTime = hold;
    return c;
}

template <class T>
std::vector<T>
Only(const MonitorActions& actions)
{
    std::vector<T> out;
    for (const MonitorAction& a : actions)
    {
        if (const T* t = std::get_if<T>(&a))
        {
            out.push_back(*t);
        }
    }
    return out;
}

/// An action with the time its call was made.
struct Timed
{
    Time at;
    MonitorAction action;
};

/**
 * Drives one engine: OnTimer() at NextDeadline() (one event each), replies
 * kRtt after each monitor to a peer that is up at the time the monitor is
 * sent, and scheduled calls. At equal times the timer runs first.
 */
struct Driver
{
    explicit Driver(MonitorConfig config = Config())
        : engine(Identity(), config)
    {
    }

    MonitorEngine engine;
    std::map<Ipv4Address, std::function<bool(Time)>> up; ///< absent: never answers
    std::multimap<Time, std::function<MonitorActions()>> events;
    std::vector<Timed> log;
    uint64_t timerEvents = 0;

    void
    At(Time t, std::function<MonitorActions()> call)
    {
        events.emplace(t, std::move(call));
    }

    void
    Record(Time t, const MonitorActions& actions)
    {
        for (const MonitorAction& a : actions)
        {
            log.push_back({t, a});
            if (const auto* m = std::get_if<SendMonitor>(&a))
            {
                auto it = up.find(m->peerPort);
                if (it != up.end() && it->second(t))
                {
                    Ipv4Address peer = m->peerPort;
                    uint32_t seq = m->sequence;
                    At(t + kRtt, [this, peer, seq, t]() {
                        return engine.OnReply(peer, seq, t + kRtt);
                    });
                }
            }
        }
    }

    /// Runs every event at or before `until`.
    void
    RunUntil(Time until)
    {
        while (true)
        {
            Time timer = engine.NextDeadline();
            Time other = events.empty() ? Time::Max() : events.begin()->first;
            Time next = std::min(timer, other);
            if (next > until || next == Time::Max())
            {
                return;
            }
            if (timer <= other)
            {
                ++timerEvents;
                Record(timer, engine.OnTimer(timer));
                // Each event moves the deadline on: the driver never spins.
                REQUIRE(engine.NextDeadline() > timer);
            }
            else
            {
                auto call = events.begin()->second;
                events.erase(events.begin());
                Record(other, call());
            }
        }
    }

    /// Logged actions of one type for one peer, with their times.
    template <class T>
    std::vector<std::pair<Time, T>>
    Logged(Ipv4Address peer) const
    {
        std::vector<std::pair<Time, T>> out;
        for (const Timed& e : log)
        {
            if (const T* t = std::get_if<T>(&e.action))
            {
                if (PeerOf(*t) == peer)
                {
                    out.emplace_back(e.at, *t);
                }
            }
        }
        return out;
    }

    /// Steps logged for one peer, in order.
    std::vector<Step>
    StepsFor(Ipv4Address peer) const
    {
        std::vector<Step> out;
        for (const Timed& e : log)
        {
            if (std::visit(
                    [](const auto& a) {
                        return PeerOf(a);
                    },
                    e.action) == peer)
            {
                out.push_back(GetStep(e.action));
            }
        }
        return out;
    }

    static Ipv4Address
    PeerOf(const SendMonitorReply& a)
    {
        return a.toPort;
    }

    static Ipv4Address
    PeerOf(const ReexchangeRoutes& a)
    {
        return a.removedPeer;
    }

    static Ipv4Address
    PeerOf(const UpdateTables& a)
    {
        return a.removedPeer;
    }

    template <class T>
    static Ipv4Address
    PeerOf(const T& a)
    {
        return a.peerPort;
    }
};

bool
Always(Time)
{
    return true;
}

const std::vector<Step> kDeletion = {
    Step::S36, Step::S37, Step::S38, Step::S39};

} // namespace

TEST_CASE("Monitor config defaults and validation", "[vr][monitor]")
{
    MonitorConfig c;
    CHECK(c.period == Seconds(30));
    CHECK(c.silentAfter == 3);
    CHECK(c.holdTime == Hours(24)); // S34/S35: "for example, 24 hours"
    CHECK(c.Validate().empty());

    MonitorConfig bad = c;
    bad.period = Seconds(0);
    CHECK_FALSE(bad.Validate().empty());
    bad = c;
    bad.silentAfter = 0;
    CHECK_FALSE(bad.Validate().empty());
    bad = c;
    bad.holdTime = Seconds(-1);
    CHECK_FALSE(bad.Validate().empty());
    bad = c;
    bad.holdTime = Seconds(0);
    CHECK(bad.Validate().empty());

    CHECK(StepName(Step::S31) == "S31");
    CHECK(StepName(Step::S39) == "S39");
}

TEST_CASE("S31: a peer that answers stays normal", "[vr][monitor]")
{
    Driver d;
    CHECK(d.engine.NextDeadline() == Time::Max());
    CHECK(d.engine.AddPeer(kPeer21a, kT0).empty());
    CHECK(d.engine.NextDeadline() == kT0 + P);
    d.up[kPeer21a] = Always;
    d.RunUntil(kT0 + 10 * P + Seconds(1));

    auto monitors = d.Logged<SendMonitor>(kPeer21a);
    REQUIRE(monitors.size() == 10);
    for (uint32_t k = 1; k <= 10; ++k)
    {
        CHECK(monitors[k - 1].first == kT0 + P * k);
        CHECK(monitors[k - 1].second.sequence == k);
        CHECK(monitors[k - 1].second.step == Step::S31);
    }
    // One timer event per monitor; every other action is a monitor.
    CHECK(d.timerEvents == 10);
    CHECK(d.log.size() == 10);
    CHECK(d.engine.GetCounters().repliesAccepted == 10);
    CHECK_FALSE(d.engine.IsSilent(kPeer21a));
    CHECK(d.engine.NextDeadline() == kT0 + 11 * P);
}

TEST_CASE("A late OnTimer sends one monitor and keeps the schedule", "[vr][monitor]")
{
    MonitorEngine e(Identity(), Config());
    e.AddPeer(kPeer21a, kT0);
    CHECK(e.OnTimer(kT0 + P - NanoSeconds(1)).empty()); // early: nothing due
    MonitorActions a = e.OnTimer(kT0 + P * 3 + Seconds(5));
    CHECK(a == MonitorActions{SendMonitor{Step::S31, kPeer21a, 1}});
    CHECK(e.NextDeadline() == kT0 + 4 * P);
}

TEST_CASE("S32/S33: silence starts the hold at the right time", "[vr][monitor]")
{
    SECTION("a peer that never answers")
    {
        Driver d;
        d.engine.AddPeer(kPeer21a, kT0);
        d.RunUntil(kT0 + (N + 1) * P - NanoSeconds(1));
        CHECK(d.Logged<SendMonitor>(kPeer21a).size() == N);
        CHECK_FALSE(d.engine.IsSilent(kPeer21a));

        // Monitors 1..N at t0+P..t0+NP; at t0+(N+1)P all N went unanswered.
        Time ts = kT0 + (N + 1) * P;
        MonitorActions a = d.engine.OnTimer(ts);
        CHECK(a == MonitorActions{PeerSilent{Step::S32, kPeer21a, N, kT0},
                                  StartHold{Step::S33, kPeer21a, ts + H},
                                  SendMonitor{Step::S31, kPeer21a, N + 1}});
        CHECK(d.engine.IsSilent(kPeer21a));
        CHECK(d.engine.GetHoldExpiry(kPeer21a) == std::optional<Time>(ts + H));
        // Monitoring goes on at the period during the hold.
        CHECK(d.engine.NextDeadline() == ts + P);
    }

    SECTION("a peer that stops answering")
    {
        Driver d;
        d.engine.AddPeer(kPeer21a, kT0);
        // Answers monitors sent before t0+5P+1s: monitors 1..5.
        d.up[kPeer21a] = [](Time t) {
            return t < kT0 + 5 * P + Seconds(1);
        };
        d.RunUntil(kT0 + 20 * P);
        auto silent = d.Logged<PeerSilent>(kPeer21a);
        REQUIRE(silent.size() == 1);
        // Last answered monitor sent at t0+5P: silent at t0+5P+(N+1)P.
        Time ts = kT0 + 5 * P + (N + 1) * P;
        CHECK(silent[0].first == ts);
        CHECK(silent[0].second.unanswered == N);
        CHECK(silent[0].second.lastHeard == kT0 + 5 * P + kRtt);
        auto holds = d.Logged<StartHold>(kPeer21a);
        REQUIRE(holds.size() == 1); // once, not at every later monitoring time
        CHECK(holds[0].first == ts);
        CHECK(holds[0].second.expiry == ts + H);
        CHECK(d.engine.GetCounters().holdsStarted == 1);
    }
}

TEST_CASE("S34/S35: a peer back within the hold clears it, nothing is deleted", "[vr][monitor]")
{
    Driver d;
    d.engine.AddPeer(kPeer21a, kT0);
    Time ts = kT0 + (N + 1) * P; // silent (never answered before)
    Time back = ts + Hours(2);   // a monitoring time (2 h is a multiple of P)
    d.up[kPeer21a] = [back](Time t) {
        return t >= back;
    };
    d.RunUntil(ts + 2 * H);

    auto cleared = d.Logged<HoldCleared>(kPeer21a);
    REQUIRE(cleared.size() == 1);
    CHECK(cleared[0].first == back + kRtt);
    CHECK(cleared[0].second.step == Step::S35);
    CHECK(cleared[0].second.heldFor == Hours(2) + kRtt);
    CHECK(d.Logged<ReopenTunnel>(kPeer21a).empty()); // the tunnel never went down
    CHECK(d.Logged<RemoveTunnel>(kPeer21a).empty());
    CHECK(d.Logged<DeletePeer>(kPeer21a).empty());
    CHECK(d.Logged<StartHold>(kPeer21a).size() == 1);
    CHECK(d.engine.HasPeer(kPeer21a));
    CHECK_FALSE(d.engine.IsSilent(kPeer21a));
    CHECK_FALSE(d.engine.GetHoldExpiry(kPeer21a).has_value());
    CHECK(d.engine.GetCounters().holdsCleared == 1);
    CHECK(d.engine.GetCounters().peersDeleted == 0);
}

TEST_CASE("S35: the peer returns after the transport dropped the tunnel", "[vr][monitor]")
{
    MonitorEngine e(Identity(), Config());
    e.AddPeer(kPeer21a, kT0);
    Time ts = kT0 + (N + 1) * P;
    for (uint32_t k = 1; k <= N + 1; ++k)
    {
        e.OnTimer(kT0 + P * k);
    }
    REQUIRE(e.IsSilent(kPeer21a));
    CHECK(e.OnTunnelDown(kPeer21a).empty());
    CHECK(e.IsTunnelDown(kPeer21a));
    CHECK(e.IsSilent(kPeer21a));

    // Back five hours into the hold: answers the monitor sent then.
    Time back = ts + Hours(5);
    MonitorActions sent = e.OnTimer(back);
    REQUIRE(Only<SendMonitor>(sent).size() == 1);
    uint32_t seq = Only<SendMonitor>(sent)[0].sequence;
    MonitorActions a = e.OnReply(kPeer21a, seq, back + kRtt);
    CHECK(a == MonitorActions{HoldCleared{Step::S35, kPeer21a, Hours(5) + kRtt},
                              ReopenTunnel{Step::S35, kPeer21a}});

    // Asked once: the next reply before the tunnel is up asks nothing.
    Time next = back + P;
    e.OnTimer(next);
    CHECK(e.OnReply(kPeer21a, seq + 1, next + kRtt).empty());

    // The reopened tunnel drops again while the peer answers: reopen (S31).
    e.OnTunnelUp(kPeer21a);
    CHECK_FALSE(e.IsTunnelDown(kPeer21a));
    e.OnTunnelDown(kPeer21a);
    next += P;
    e.OnTimer(next);
    CHECK(e.OnReply(kPeer21a, seq + 2, next + kRtt) ==
          MonitorActions{ReopenTunnel{Step::S31, kPeer21a}});
}

TEST_CASE("S36-S39: deletion after exactly the hold time, in the seed's order", "[vr][monitor]")
{
    Driver d;
    d.engine.AddPeer(kPeer21a, kT0);
    d.engine.AddPeer(kPeerC, kT0);
    d.up[kPeerC] = Always;
    Time ts = kT0 + (N + 1) * P;
    d.RunUntil(ts + H - NanoSeconds(1));
    CHECK(d.engine.HasPeer(kPeer21a));
    CHECK(d.Logged<RemoveTunnel>(kPeer21a).empty());
    CHECK(d.engine.NextDeadline() == ts + H);

    MonitorActions a = d.engine.OnTimer(ts + H);
    // C's period monitor, then 21a's deletion; no monitor to 21a.
    CHECK(a == MonitorActions{SendMonitor{Step::S31, kPeerC, (N + 1) + HoldPeriods(H)},
                              RemoveTunnel{Step::S36, kPeer21a},
                              DeletePeer{Step::S37, kPeer21a},
                              ReexchangeRoutes{Step::S38, kPeer21a, {kPeerC}},
                              UpdateTables{Step::S39, kPeer21a}});
    CHECK_FALSE(d.engine.HasPeer(kPeer21a));
    CHECK(d.engine.GetPeers() == std::vector<Ipv4Address>{kPeerC});
    CHECK(d.engine.GetCounters().peersDeleted == 1);

    // A reply that comes afterwards is from an unknown peer.
    CHECK(d.engine.OnReply(kPeer21a, N + 1, ts + H + kRtt).empty());
    CHECK(d.engine.GetCounters().repliesUnknownPeer == 1);
}

TEST_CASE("A reply at the expiry instant is too late whichever event runs first", "[vr][monitor]")
{
    MonitorEngine e(Identity(), Config());
    e.AddPeer(kPeer21a, kT0);
    Time ts = kT0 + (N + 1) * P;
    for (uint32_t k = 1; k <= N + 1; ++k)
    {
        e.OnTimer(kT0 + P * k);
    }
    // Monitor N+1 went at ts; its reply arrives exactly at ts + H.
    MonitorActions a = e.OnReply(kPeer21a, N + 1, ts + H);
    CHECK(StepsOf(a) == kDeletion);
    CHECK(e.GetCounters().repliesLate == 1);
    CHECK(e.GetCounters().holdsCleared == 0);
    CHECK_FALSE(e.HasPeer(kPeer21a));
    CHECK(e.OnTimer(ts + H).empty());
}

TEST_CASE("The L2TP keepalive dropping the tunnel deletes nothing before the hold ends",
          "[vr][monitor]")
{
    Driver d;
    d.engine.AddPeer(kPeer21a, kT0);
    // 21a answers until it goes quiet at q; the transport's keepalive drops
    // the tunnel about 31 s later.
    Time q = kT0 + 10 * P + Seconds(7);
    d.up[kPeer21a] = [q](Time t) {
        return t < q;
    };
    d.At(q + Seconds(31), [&d]() {
        return d.engine.OnTunnelDown(kPeer21a);
    });

    // Last answered monitor: the one sent at t0+10P, so silent at t0+10P+(N+1)P.
    Time ts = kT0 + 10 * P + (N + 1) * P;
    d.RunUntil(ts + H - NanoSeconds(1));
    CHECK(d.engine.IsTunnelDown(kPeer21a));
    CHECK(d.engine.HasPeer(kPeer21a));
    CHECK(d.engine.IsSilent(kPeer21a));
    CHECK(d.Logged<RemoveTunnel>(kPeer21a).empty());
    CHECK(d.Logged<DeletePeer>(kPeer21a).empty());
    REQUIRE(d.Logged<StartHold>(kPeer21a).size() == 1);
    CHECK(d.Logged<StartHold>(kPeer21a)[0].first == ts);

    d.RunUntil(ts + H);
    auto removed = d.Logged<RemoveTunnel>(kPeer21a);
    REQUIRE(removed.size() == 1);
    CHECK(removed[0].first == ts + H);
    CHECK_FALSE(d.engine.HasPeer(kPeer21a));
}

TEST_CASE("A 24 h hold costs about one event per period", "[vr][monitor]")
{
    SECTION("hold a multiple of the period: the expiry is a monitoring time")
    {
        Driver d;
        d.engine.AddPeer(kPeer21a, kT0);
        d.RunUntil(kT0 + 2 * H);
        REQUIRE(d.Logged<DeletePeer>(kPeer21a).size() == 1);
        CHECK(d.Logged<DeletePeer>(kPeer21a)[0].first == kT0 + (N + 1) * P + H);
        // N + 1 monitoring times up to the silence, then H / P during the hold.
        uint64_t expected = (N + 1) + HoldPeriods(H);
        CHECK(d.timerEvents == expected);
        CHECK(d.timerEvents <= HoldPeriods(H) + N + 2);
        CHECK(d.engine.NextDeadline() == Time::Max());
    }

    SECTION("hold not a multiple of the period: one event more")
    {
        Time hold = H + Seconds(10);
        Driver d(Config(hold));
        d.engine.AddPeer(kPeer21a, kT0);
        d.RunUntil(kT0 + 2 * H);
        REQUIRE(d.Logged<DeletePeer>(kPeer21a).size() == 1);
        CHECK(d.Logged<DeletePeer>(kPeer21a)[0].first == kT0 + (N + 1) * P + hold);
        uint64_t expected = (N + 1) + HoldPeriods(hold) + 1;
        CHECK(d.timerEvents == expected);
        CHECK(d.timerEvents <= HoldPeriods(hold) + N + 2);
    }
}

TEST_CASE("Several peers are monitored independently", "[vr][monitor]")
{
    Driver d;
    Time tA = kT0, tB = kT0 + Seconds(10), tC = kT0 + Seconds(20);
    d.engine.AddPeer(kPeer21a, tA); // always answers
    d.engine.AddPeer(kPeerC, tB);   // never answers: deleted
    d.engine.AddPeer(kPeerD, tC);   // quiet for the first 3 h, then back
    d.up[kPeer21a] = Always;
    d.up[kPeerD] = [tC](Time t) {
        return t >= tC + Hours(3);
    };
    d.RunUntil(kT0 + 2 * H);

    // Own schedules and sequence numbers.
    auto a = d.Logged<SendMonitor>(kPeer21a);
    auto c = d.Logged<SendMonitor>(kPeerC);
    REQUIRE(a.size() > 2);
    REQUIRE(c.size() > 2);
    CHECK(a[0].first == tA + P);
    CHECK(a[1].first == tA + 2 * P);
    CHECK(a[1].second.sequence == 2);
    CHECK(c[0].first == tB + P);
    CHECK(c[0].second.sequence == 1);

    CHECK(d.Logged<PeerSilent>(kPeer21a).empty());

    Time tsC = tB + (N + 1) * P;
    REQUIRE(d.Logged<PeerSilent>(kPeerC).size() == 1);
    CHECK(d.Logged<PeerSilent>(kPeerC)[0].first == tsC);
    auto deleted = d.Logged<ReexchangeRoutes>(kPeerC);
    REQUIRE(deleted.size() == 1);
    CHECK(deleted[0].first == tsC + H);
    CHECK(deleted[0].second.remaining == std::vector<Ipv4Address>{kPeer21a, kPeerD});
    // From C's first silence to its end, its steps: S32 S33, monitors, S36-S39.
    std::vector<Step> stepsC = d.StepsFor(kPeerC);
    std::vector<Step> tail(stepsC.end() - 4, stepsC.end());
    CHECK(tail == kDeletion);

    Time tsD = tC + (N + 1) * P;
    REQUIRE(d.Logged<PeerSilent>(kPeerD).size() == 1);
    CHECK(d.Logged<PeerSilent>(kPeerD)[0].first == tsD);
    REQUIRE(d.Logged<HoldCleared>(kPeerD).size() == 1);
    // 3 h is a multiple of P: D answers the monitor sent at tC + 3 h.
    CHECK(d.Logged<HoldCleared>(kPeerD)[0].first == tC + Hours(3) + kRtt);
    CHECK(d.Logged<DeletePeer>(kPeerD).empty());

    CHECK(d.engine.GetPeers() == std::vector<Ipv4Address>{kPeer21a, kPeerD});
    CHECK(d.engine.GetCounters().peersDeleted == 1);
}

TEST_CASE("Unknown peers and sequence numbers are ignored and counted", "[vr][monitor]")
{
    MonitorEngine e(Identity(), Config());
    CHECK(e.OnReply(kStranger, 1, kT0).empty());
    CHECK(e.OnTunnelDown(kStranger).empty());
    CHECK(e.OnTunnelUp(kStranger).empty());
    CHECK(e.RemovePeer(kStranger).empty());
    CHECK(e.GetCounters().repliesUnknownPeer == 1);
    CHECK(e.GetCounters().unknownPeerEvents == 3);

    e.AddPeer(kPeer21a, kT0);
    CHECK(e.OnReply(kPeer21a, 1, kT0 + Seconds(1)).empty()); // nothing sent yet
    e.OnTimer(kT0 + P);                                      // sends 1
    e.OnTimer(kT0 + 2 * P);                                  // sends 2
    CHECK(e.OnReply(kPeer21a, 0, kT0 + 2 * P).empty());
    CHECK(e.OnReply(kPeer21a, 3, kT0 + 2 * P).empty());          // never sent
    CHECK(e.OnReply(kPeer21a, 0xFFFFFFFF, kT0 + 2 * P).empty()); // never sent
    CHECK(e.GetCounters().repliesUnknownSequence == 4);
    CHECK(e.GetCounters().repliesAccepted == 0);

    CHECK(e.OnReply(kPeer21a, 2, kT0 + 2 * P).empty()); // accepted, nothing to do
    CHECK(e.OnReply(kPeer21a, 2, kT0 + 2 * P).empty()); // duplicate
    CHECK(e.OnReply(kPeer21a, 1, kT0 + 2 * P).empty()); // older than the last answered
    CHECK(e.GetCounters().repliesAccepted == 1);
    CHECK(e.GetCounters().repliesUnknownSequence == 6);

    // Answering monitor 2 leaves nothing outstanding: never silent.
    e.OnTimer(kT0 + 3 * P);
    e.OnTimer(kT0 + 4 * P);
    CHECK_FALSE(e.IsSilent(kPeer21a));

    CHECK(e.RemovePeer(kPeer21a).empty());
    CHECK_FALSE(e.HasPeer(kPeer21a));
    CHECK(e.NextDeadline() == Time::Max());
}

TEST_CASE("Monitoring messages: stateless answers, checked replies", "[vr][monitor]")
{
    MonitorEngine e(Identity(), Config());
    MonitorEngine peer(MonitorIdentity{kVpnA, Ipv4Address("10.0.0.20"), kPeer21a}, Config());
    e.AddPeer(kPeer21a, kT0);
    MonitorActions sent = e.OnTimer(kT0 + P);
    REQUIRE(Only<SendMonitor>(sent).size() == 1);

    DiscoveryHeader monitor = e.MakeMessage(Only<SendMonitor>(sent)[0]);
    CHECK(monitor.GetType() == MONITOR);
    CHECK(monitor.GetSequence() == 1);
    CHECK(monitor.GetVpnId() == kVpnA);
    CHECK(monitor.GetRouterId() == Ipv4Address("10.0.0.10"));
    CHECK(monitor.GetPortAddress() == kOwnPort);

    // Through the wire format, as the driver sends it.
    Buffer b;
    b.AddAtStart(monitor.GetSerializedSize());
    monitor.Serialize(b.Begin());
    DiscoveryHeader received;
    received.Deserialize(b.Begin(), b.End());
    REQUIRE(received.IsValid());

    // The peer knows nothing about 11a and answers anyway.
    MonitorActions answer = peer.OnMonitor(received, kOwnPort);
    REQUIRE(answer == MonitorActions{SendMonitorReply{Step::S31, kOwnPort, 1}});
    DiscoveryHeader reply = peer.MakeMessage(std::get<SendMonitorReply>(answer[0]));
    CHECK(reply.GetType() == MONITOR_REPLY);
    CHECK(reply.GetSequence() == 1);
    CHECK(reply.GetPortAddress() == kPeer21a);
    CHECK_FALSE(peer.HasPeer(kOwnPort));

    CHECK(e.OnReply(reply, kPeer21a, kT0 + P + kRtt).empty());
    CHECK(e.GetCounters().repliesAccepted == 1);

    // Ignored: a reply given as a monitor, a monitor given as a reply,
    // another VPN, a malformed message.
    CHECK(peer.OnMonitor(reply, kOwnPort).empty());
    CHECK(e.OnReply(monitor, kPeer21a, kT0 + P + kRtt).empty());
    DiscoveryHeader otherVpn = monitor;
    otherVpn.SetVpnId(kVpnB);
    CHECK(peer.OnMonitor(otherVpn, kOwnPort).empty());
    DiscoveryHeader otherVpnReply = reply;
    otherVpnReply.SetVpnId(kVpnB);
    CHECK(e.OnReply(otherVpnReply, kPeer21a, kT0 + P + kRtt).empty());
    Buffer junk;
    junk.AddAtStart(3);
    DiscoveryHeader truncated;
    truncated.Deserialize(junk.Begin(), junk.End());
    REQUIRE_FALSE(truncated.IsValid());
    CHECK(peer.OnMonitor(truncated, kOwnPort).empty());
    CHECK(e.OnReply(truncated, kPeer21a, kT0 + P + kRtt).empty());

    CHECK(peer.GetCounters().messagesIgnored == 3);
    CHECK(peer.GetCounters().monitorsAnswered == 1);
    CHECK(e.GetCounters().messagesIgnored == 3);
    CHECK(e.GetCounters().repliesAccepted == 1);
}

TEST_CASE("AddPeer of a known silent peer clears its hold", "[vr][monitor]")
{
    MonitorEngine e(Identity(), Config());
    e.AddPeer(kPeer21a, kT0);
    Time ts = kT0 + (N + 1) * P;
    for (uint32_t k = 1; k <= N + 1; ++k)
    {
        e.OnTimer(kT0 + P * k);
    }
    e.OnTunnelDown(kPeer21a);
    REQUIRE(e.IsSilent(kPeer21a));
    // Monitoring goes on for an hour (1 h is a multiple of P).
    for (Time t = ts + P; t <= ts + Hours(1); t += P)
    {
        e.OnTimer(t);
    }
    // A new tunnel with it: heard, hold cleared, no reopen needed.
    Time added = ts + Hours(1) + Seconds(1);
    MonitorActions a = e.AddPeer(kPeer21a, added);
    CHECK(a == MonitorActions{HoldCleared{Step::S35, kPeer21a, Hours(1) + Seconds(1)}});
    CHECK_FALSE(e.IsSilent(kPeer21a));
    CHECK_FALSE(e.IsTunnelDown(kPeer21a));
    // The schedule is kept; everything sent so far counts as answered, so
    // the peer is silent again only when N more monitors go unanswered.
    Time next = e.NextDeadline();
    CHECK(next == ts + Hours(1) + P);
    for (uint32_t k = 0; k < N; ++k)
    {
        CHECK(Only<PeerSilent>(e.OnTimer(next + P * k)).empty());
    }
    CHECK(Only<PeerSilent>(e.OnTimer(next + P * N)).size() == 1);
}

TEST_CASE("AddPeer after the hold expired deletes, then monitors anew", "[vr][monitor]")
{
    MonitorEngine e(Identity(), Config());
    e.AddPeer(kPeer21a, kT0);
    Time ts = kT0 + (N + 1) * P;
    for (uint32_t k = 1; k <= N + 1; ++k)
    {
        e.OnTimer(kT0 + P * k);
    }
    REQUIRE(e.IsSilent(kPeer21a));
    MonitorActions a = e.AddPeer(kPeer21a, ts + H);
    CHECK(StepsOf(a) == kDeletion);
    CHECK(e.HasPeer(kPeer21a));
    CHECK_FALSE(e.IsSilent(kPeer21a));
    CHECK(e.NextDeadline() == ts + H + P);
    CHECK(e.OnTimer(ts + H + P) == MonitorActions{SendMonitor{Step::S31, kPeer21a, 1}});
}

TEST_CASE("A zero hold time deletes a silent peer at once", "[vr][monitor]")
{
    MonitorEngine e(Identity(), Config(Seconds(0)));
    e.AddPeer(kPeer21a, kT0);
    for (uint32_t k = 1; k <= N; ++k)
    {
        e.OnTimer(kT0 + P * k);
    }
    Time ts = kT0 + (N + 1) * P;
    MonitorActions a = e.OnTimer(ts);
    CHECK(StepsOf(a) == std::vector<Step>{Step::S32,
                                                 Step::S33,
                                                 Step::S36,
                                                 Step::S37,
                                                 Step::S38,
                                                 Step::S39});
    CHECK(Only<ReexchangeRoutes>(a)[0].remaining.empty());
    CHECK_FALSE(e.HasPeer(kPeer21a));
}

TEST_CASE("A hold of Time::Max() never deletes", "[vr][monitor]")
{
    MonitorEngine e(Identity(), Config(Time::Max()));
    e.AddPeer(kPeer21a, kT0);
    for (uint32_t k = 1; k <= N + 1; ++k)
    {
        e.OnTimer(kT0 + P * k);
    }
    REQUIRE(e.IsSilent(kPeer21a));
    CHECK(e.GetHoldExpiry(kPeer21a) == std::optional<Time>(Time::Max()));
    CHECK(e.NextDeadline() == kT0 + (N + 2) * P);
    MonitorActions a = e.OnTimer(kT0 + Hours(24 * 365));
    CHECK(Only<DeletePeer>(a).empty());
    CHECK(e.HasPeer(kPeer21a));
}
