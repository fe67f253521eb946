// SPDX-License-Identifier: GPL-2.0-only
// RFC 2328 9.4: electing the Designated Router and the Backup Designated
// Router on a broadcast network, as a pure function.
#include "ns3/ospf-dr-election.h"

#include <catch2/catch.hpp>
#include <map>
#include <vector>

using namespace ns3;
using namespace ns3::ospf;

namespace
{

const Ipv4Address kNone = Ipv4Address::GetAny();

/// Router n: Router ID n.n.n.n, interface address 10.0.0.n.
Ipv4Address
Id(int n)
{
    return Ipv4Address((uint32_t(n) << 24) | (uint32_t(n) << 16) | (uint32_t(n) << 8) | n);
}

Ipv4Address
Addr(int n)
{
    return Ipv4Address((10u << 24) | uint32_t(n));
}

/// Router n with priority and its Hello's declarations (0: 0.0.0.0).
ElectionRouter
R(int n, uint8_t priority, int declaredDr = 0, int declaredBdr = 0)
{
    ElectionRouter r;
    r.routerId = Id(n);
    r.address = Addr(n);
    r.priority = priority;
    r.declaredDr = declaredDr != 0 ? Addr(declaredDr) : kNone;
    r.declaredBdr = declaredBdr != 0 ? Addr(declaredBdr) : kNone;
    return r;
}

} // namespace

TEST_CASE("OSPF DR election: the first router on a segment elects itself", "[ospf][dr-election]")
{
    // 9.4: "if Router X is the only attached router that is eligible to
    // become Designated Router, it will select itself as Designated Router
    // and there will be no Backup Designated Router for the network."
    // Steps 2-3 first make X both BDR and DR; step 4 ("newly the
    // Designated Router") repeats them, and X, now declaring itself DR, is
    // no longer eligible for Backup.
    const ElectionResult r = ElectDesignatedRouter(R(1, 1), {});
    CHECK(r.dr == Addr(1));
    CHECK(r.drRouterId == Id(1));
    CHECK(r.bdr == kNone);
    CHECK(r.bdrRouterId == kNone);
    CHECK(r.selfIsDr);
    CHECK_FALSE(r.selfIsBdr);
    CHECK(r.repeated);
    CHECK(r.changed);
    CHECK(r.adjOk.empty()); // no neighbors to ask
}

TEST_CASE("OSPF DR election: a priority 0 router alone elects nobody", "[ospf][dr-election]")
{
    // 9.4: "If Router X is not itself eligible to become Designated Router,
    // it is possible that neither a Backup Designated Router nor a
    // Designated Router will be selected".
    const ElectionResult r = ElectDesignatedRouter(R(1, 0), {});
    CHECK(r.dr == kNone);
    CHECK(r.bdr == kNone);
    CHECK_FALSE(r.selfIsDr);
    CHECK_FALSE(r.selfIsBdr);
    CHECK_FALSE(r.repeated);
    CHECK_FALSE(r.changed);
}

TEST_CASE("OSPF DR election: four routers with priorities 1, 1, 1, 0", "[ospf][dr-election]")
{
    // Four routers come up together, none declaring anything. Each runs the
    // election with what the others declared in their last Hello, until no
    // declaration changes. 9.4: highest priority, then highest Router ID;
    // "Routers having Router Priority of 0 are ineligible".
    std::map<int, ElectionRouter> routers = {
        {1, R(1, 1)}, {2, R(2, 1)}, {3, R(3, 1)}, {4, R(4, 0)}};
    bool stable = false;
    for (int round = 0; round < 10 && !stable; ++round)
    {
        stable = true;
        std::map<int, ElectionRouter> next = routers;
        for (auto& [n, self] : routers)
        {
            std::vector<ElectionRouter> neighbors;
            for (auto& [m, other] : routers)
            {
                if (m != n)
                {
                    neighbors.push_back(other);
                }
            }
            const ElectionResult r = ElectDesignatedRouter(self, neighbors);
            if (r.dr != self.declaredDr || r.bdr != self.declaredBdr)
            {
                stable = false;
            }
            next[n].declaredDr = r.dr;
            next[n].declaredBdr = r.bdr;
        }
        routers = next;
    }
    REQUIRE(stable);
    for (auto& [n, self] : routers)
    {
        INFO("router " << n);
        CHECK(self.declaredDr == Addr(3)); // highest Router ID among priority 1
        CHECK(self.declaredBdr == Addr(2));
    }

    // From router 1's view once settled: DR Other, nothing changes.
    std::vector<ElectionRouter> others = {routers[2], routers[3], routers[4]};
    const ElectionResult r1 = ElectDesignatedRouter(routers[1], others);
    CHECK_FALSE(r1.selfIsDr);
    CHECK_FALSE(r1.selfIsBdr);
    CHECK_FALSE(r1.changed);
    CHECK(r1.adjOk.empty());
}

TEST_CASE("OSPF DR election: priority 0 is never elected, even when it declares itself",
          "[ospf][dr-election]")
{
    // 9.4: routers of priority 0 are discarded from the list before step 2.
    // Router 9 (priority 0) claims to be DR and BDR; router 1 ignores it.
    const ElectionResult r = ElectDesignatedRouter(R(1, 1), {R(9, 0, 9, 9)});
    CHECK(r.dr == Addr(1));
    CHECK(r.bdr == kNone);
}

TEST_CASE("OSPF DR election: priority beats Router ID, Router ID breaks ties",
          "[ospf][dr-election]")
{
    // 9.4 step 2: "choose the router having highest Router Priority ... and
    // again use the Router ID to break ties". X (router 1) has priority 1;
    // router 2 priority 5, router 3 priority 5, router 4 priority 1.
    const ElectionResult r = ElectDesignatedRouter(R(1, 1), {R(2, 5), R(3, 5), R(4, 1)});
    // Nobody declares anything: BDR = highest priority, tie -> router 3;
    // step 3: nobody declares DR, so DR = the new BDR (router 3). X's role
    // did not change, so there is no repetition from X's point of view.
    CHECK(r.bdr == Addr(3));
    CHECK(r.dr == Addr(3));
    CHECK_FALSE(r.repeated);
    CHECK(r.bdrRouterId == Id(3));
}

TEST_CASE("OSPF DR election: a declared Backup wins over a higher priority", "[ospf][dr-election]")
{
    // 9.4 step 2: "If one or more of these routers have declared themselves
    // Backup Designated Router ... the one having highest Router Priority
    // is declared to be Backup Designated Router" -- the routers that do not
    // declare are only considered when nobody does.
    // Router 2 (priority 1) is DR, router 3 (priority 1) declares Backup,
    // router 4 (priority 200) declares nothing.
    const ElectionResult r =
        ElectDesignatedRouter(R(1, 1, 2, 3), {R(2, 1, 2, 3), R(3, 1, 2, 3), R(4, 200, 2, 3)});
    CHECK(r.dr == Addr(2));
    CHECK(r.bdr == Addr(3));
    CHECK_FALSE(r.changed);
    CHECK(r.adjOk.empty());
}

TEST_CASE("OSPF DR election: an existing DR is not pre-empted", "[ospf][dr-election]")
{
    // 9.4: "The elected Designated Router may not be the router having the
    // highest Router Priority" -- the hysteresis of steps 2 and 3. Router 1
    // is DR, router 2 BDR (both priority 1); router 3 (priority 255) joins
    // and has declared nothing yet.
    SECTION("the newcomer's own election")
    {
        const ElectionResult r = ElectDesignatedRouter(R(3, 255), {R(1, 1, 1, 2), R(2, 1, 1, 2)});
        CHECK(r.dr == Addr(1));
        CHECK(r.bdr == Addr(2));
        CHECK_FALSE(r.selfIsDr);
        CHECK_FALSE(r.selfIsBdr);
        CHECK_FALSE(r.repeated);
        // Step 7: the identity changed from the newcomer's 0.0.0.0s, so its
        // bidirectional neighbors are re-examined (AdjOK?).
        CHECK(r.changed);
        CHECK(r.adjOk == std::vector<Ipv4Address>{Addr(1), Addr(2)});
    }
    SECTION("the DR's election")
    {
        const ElectionResult r =
            ElectDesignatedRouter(R(1, 1, 1, 2), {R(2, 1, 1, 2), R(3, 255, 1, 2)});
        CHECK(r.dr == Addr(1));
        CHECK(r.bdr == Addr(2));
        CHECK(r.selfIsDr);
        CHECK_FALSE(r.changed);
        CHECK(r.adjOk.empty());
    }
}

TEST_CASE("OSPF DR election: the Backup is promoted when the DR dies", "[ospf][dr-election]")
{
    // Router 1 was DR, router 2 BDR, router 3 DR Other (all priority 1).
    // Router 1 is gone from the lists.
    SECTION("the Backup's election repeats steps 2 and 3")
    {
        // 9.4 step 3: nobody declares DR, so "assign the Designated Router
        // to be the same as the newly elected Backup Designated Router":
        // router 2. Step 4: router 2 is "now newly the Designated Router",
        // steps 2-3 repeat; declaring itself DR it is no longer eligible
        // for Backup, which goes to router 3.
        const ElectionResult r = ElectDesignatedRouter(R(2, 1, 1, 2), {R(3, 1, 1, 2)});
        CHECK(r.repeated);
        CHECK(r.dr == Addr(2));
        CHECK(r.bdr == Addr(3));
        CHECK(r.selfIsDr);
        CHECK(r.changed);
        CHECK(r.adjOk == std::vector<Ipv4Address>{Addr(3)});
    }
    SECTION("a DR Other may elect one router both DR and Backup")
    {
        // 9.4: "The above procedure may elect the same router to be both
        // Designated Router and Backup Designated Router, although that
        // router will never be the calculating router (Router X) itself."
        // Router 3 sees router 2 still declaring Backup.
        const ElectionResult r = ElectDesignatedRouter(R(3, 1, 1, 2), {R(2, 1, 1, 2)});
        CHECK_FALSE(r.repeated);
        CHECK(r.dr == Addr(2));
        CHECK(r.bdr == Addr(2));
        CHECK_FALSE(r.selfIsDr);
        CHECK_FALSE(r.selfIsBdr);
    }
    SECTION("the DR Other becomes Backup once router 2 declares itself DR")
    {
        // Router 2's next Hello: DR router 2, BDR router 3. Router 3 is
        // newly Backup (step 4), steps 2-3 repeat with the same answer.
        const ElectionResult r = ElectDesignatedRouter(R(3, 1, 2, 2), {R(2, 1, 2, 3)});
        CHECK(r.dr == Addr(2));
        CHECK(r.bdr == Addr(3));
        CHECK(r.selfIsBdr);
        CHECK(r.repeated);
    }
}

TEST_CASE("OSPF DR election: a DR whose priority drops to 0 steps down", "[ospf][dr-election]")
{
    // Router 1 was DR, router 2 BDR; router 1's priority is now 0, so it
    // is off the list. Step 4: router 1 is "no longer the Designated
    // Router", so steps 2 and 3 run again. Router 2 declares Backup and is
    // the only one eligible: BDR router 2 and, nobody declaring DR, DR
    // router 2 too (never the calculating router itself, 9.4).
    const ElectionResult r = ElectDesignatedRouter(R(1, 0, 1, 2), {R(2, 1, 1, 2)});
    CHECK(r.repeated);
    CHECK_FALSE(r.selfIsDr);
    CHECK(r.dr == Addr(2));
    CHECK(r.bdr == Addr(2));
    CHECK(r.changed);
}
