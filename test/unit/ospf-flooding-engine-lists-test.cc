// SPDX-License-Identifier: GPL-2.0-only
//
// OSPFv2 reliable flooding (RFC 2328 section 13), the neighbors' lists:
// received acknowledgments (13.7), retransmissions every RxmtInterval
// (13.6), the lists of a neighbor falling below Exchange (10.3), and a
// scripted exchange between three routers whose acknowledgments clear the
// lists. The expected actions are the RFC's rules, quoted at each case.
#include "ospf-flooding-test-util.h"

#include "ns3/ospf-flooding-engine.h"
#include "ns3/ospf-lsa-header.h"
#include "ns3/ospf-lsa.h"
#include "ns3/ospf-lsdb.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <set>
#include <vector>

using namespace ns3;
using namespace ns3::ospf;
using namespace ns3::ospftest;

// ------------------------------------------------------------------ 13.7, 13.6

TEST_CASE("13.7: an acknowledgment of the instance on the list removes it", "[ospf][flooding]")
{
    // "Does the LSA acknowledged have an instance on the Link state
    // retransmission list for the neighbor? If not, examine the next
    // acknowledgment. Otherwise: o If the acknowledgment is for the same
    // instance that is contained on the list, remove the item from the list
    // and examine the next acknowledgment. Otherwise: o Log the questionable
    // acknowledgment, and examine the next one."
    FE e = MakeB();
    const Lsa lsa = RouterLsa(A, 3);
    e.ReceiveLsa(fromA, lsa, true, Seconds(0));
    REQUIRE(OnRetransmissionList(e, toC, KeyOf(lsa)));

    FE::Output out = e.ReceiveAck(toC, RouterLsa(A, 2).header);
    CHECK(Discarded(out, Reason::QUESTIONABLE_ACK));
    CHECK(OnRetransmissionList(e, toC, KeyOf(lsa)));
    // The same sequence number with another checksum, or with the same
    // checksum at MaxAge, is another instance (13.1): the list keeps the
    // checksum and the age the LSA was flooded with.
    out = e.ReceiveAck(toC, RouterLsa(A, 3, 0, 0x2000).header);
    CHECK(Discarded(out, Reason::QUESTIONABLE_ACK));
    out = e.ReceiveAck(toC, RouterLsa(A, 3, MAX_AGE).header);
    CHECK(Discarded(out, Reason::QUESTIONABLE_ACK));
    CHECK(OnRetransmissionList(e, toC, KeyOf(lsa)));

    out = e.ReceiveAck(toC, RouterLsa(A, 3, 1).header);
    REQUIRE(Count(out, Type::ACKNOWLEDGED) == 1);
    CHECK(out.Of(Type::ACKNOWLEDGED)[0].neighbor == toC);
    CHECK_FALSE(OnRetransmissionList(e, toC, KeyOf(lsa)));

    // Not on the list (any more): nothing at all.
    CHECK(e.ReceiveAck(toC, lsa.header).actions.empty());
    // "If this neighbor is in a lesser state than Exchange, the Link State
    // Acknowledgment packet is discarded."
    e.SetNeighborState(toC, NState::EX_START);
    CHECK(Discarded(e.ReceiveAck(toC, lsa.header), Reason::NEIGHBOR_STATE));
}

TEST_CASE("13.6: unacknowledged LSAs are due again every RxmtInterval", "[ospf][flooding]")
{
    // 13.6: "LSAs flooded out an adjacency are placed on the adjacency's Link
    // state retransmission list. In order to ensure that flooding is
    // reliable, these LSAs are retransmitted until they are acknowledged.
    // The length of time between retransmissions is a configurable
    // per-interface value, RxmtInterval." (5 s in the tests, appendix C.3).
    FE e = MakeB();
    const Lsa lsa = RouterLsa(A, 3);
    e.ReceiveLsa(fromA, lsa, true, Seconds(0));
    CHECK(e.GetNextRetransmission() == Seconds(5));
    CHECK(e.TakeDueRetransmissions(Seconds(4.9)).empty());
    std::vector<FE::DueRetransmission> due = e.TakeDueRetransmissions(Seconds(5));
    REQUIRE(due.size() == 1);
    CHECK(due[0].neighbor == toC);
    REQUIRE(due[0].lsas.size() == 1);
    CHECK(due[0].lsas[0]->header.GetSequenceNumber() == 3);
    CHECK(due[0].ages[0] == 5);
    CHECK(e.GetNextRetransmission() == Seconds(10));
    CHECK(e.TakeDueRetransmissions(Seconds(9)).empty());
    e.ReceiveAck(toC, lsa.header);
    CHECK(e.TakeDueRetransmissions(Seconds(10)).empty());
    CHECK_FALSE(e.GetNextRetransmission().has_value());

    // The interval is the interface's own.
    FE::Config config;
    config.routerId = B;
    FE f(config);
    f.AddInterface(1, FE::NetworkType::POINT_TO_POINT, IState::POINT_TO_POINT);
    f.AddInterface(2, FE::NetworkType::POINT_TO_POINT, IState::POINT_TO_POINT, Seconds(3));
    f.AddNeighbor(fromA, NState::FULL);
    f.AddNeighbor(toC, NState::FULL);
    f.ReceiveLsa(fromA, lsa, true, Seconds(0));
    CHECK(f.GetNextRetransmission() == Seconds(3));
    CHECK(f.TakeDueRetransmissions(Seconds(3)).size() == 1);
    CHECK(f.GetNextRetransmission() == Seconds(6));
}

TEST_CASE("13.6: an LSA put on a list again is due once, RxmtInterval after the last time",
          "[ospf][flooding]")
{
    // 13.6 retransmits each LSA of the list once per RxmtInterval. Put on
    // C's list twice at 0 s (flooding, then the database exchange's 10.3
    // rule), it goes out once at 5 s; put on again at 7 s, it is due at
    // 12 s, not at 10 s.
    FE e = MakeB();
    const Lsa lsa = RouterLsa(A, 3);
    e.ReceiveLsa(fromA, lsa, true, Seconds(0));
    e.AddToRetransmissionList(toC, KeyOf(lsa), Seconds(0));
    std::vector<FE::DueRetransmission> due = e.TakeDueRetransmissions(Seconds(5));
    REQUIRE(due.size() == 1);
    CHECK(due[0].lsas.size() == 1);

    e.AddToRetransmissionList(toC, KeyOf(lsa), Seconds(7));
    CHECK(e.GetNextRetransmission() == Seconds(12));
    CHECK(e.TakeDueRetransmissions(Seconds(10)).empty());
    due = e.TakeDueRetransmissions(Seconds(12));
    REQUIRE(due.size() == 1);
    CHECK(due[0].lsas.size() == 1);
}

TEST_CASE("10.3: a neighbor falling below Exchange loses its lists", "[ospf][flooding]")
{
    FE e = MakeB();
    e.SetNeighborState(toC, NState::LOADING);
    e.AddToRequestList(toC, RouterLsa(Ipv4Address("9.9.9.9"), 1).header);
    e.ReceiveLsa(fromA, RouterLsa(A, 1), true, Seconds(0));
    REQUIRE(OnRetransmissionList(e, toC, KeyOf(RouterLsa(A, 1))));
    e.SetNeighborState(toC, NState::EX_START);
    CHECK(e.FindNeighbor(toC)->retransmissions.IsEmpty());
    CHECK(e.FindNeighbor(toC)->requests.empty());
}

// ------------------------------------------------------------------ three routers

TEST_CASE("Three routers A - B - C: A originates, B floods on to C, acks clear the lists",
          "[ospf][flooding]")
{
    // A (interface 1) -- (interface 1) B (interface 2) -- (interface 1) C,
    // point-to-point links, all adjacencies Full. The driver's part is
    // played by hand: a FLOOD goes to the router at the other end with
    // InfTransDelay (1 s) added to its age, a DELAYED_ACK back.
    auto make = [](Ipv4Address id) {
        FE::Config config;
        config.routerId = id;
        return FE(config);
    };
    FE a = make(A);
    FE b = make(B);
    FE c = make(C);
    a.AddInterface(1, FE::NetworkType::POINT_TO_POINT, IState::POINT_TO_POINT);
    b.AddInterface(1, FE::NetworkType::POINT_TO_POINT, IState::POINT_TO_POINT);
    b.AddInterface(2, FE::NetworkType::POINT_TO_POINT, IState::POINT_TO_POINT);
    c.AddInterface(1, FE::NetworkType::POINT_TO_POINT, IState::POINT_TO_POINT);
    a.AddNeighbor({1, B}, NState::FULL);
    b.AddNeighbor({1, A}, NState::FULL);
    b.AddNeighbor({2, C}, NState::FULL);
    c.AddNeighbor({1, B}, NState::FULL);

    auto transmitted = [](const FE::Action& flood) {
        Lsa copy = *flood.lsa;
        copy.header.SetAge(std::min<uint16_t>(flood.age + 1, MAX_AGE));
        return copy;
    };

    // A originates its Router-LSA and floods it to B.
    const Lsa lsaA = RouterLsa(A, INITIAL_SEQUENCE_NUMBER);
    const FE::Output atA = a.Originate(lsaA, Seconds(0));
    REQUIRE(FloodInterfaces(atA) == std::set<uint32_t>{1});
    CHECK(OnRetransmissionList(a, {1, B}, KeyOf(lsaA)));

    // B installs it, floods it to C only, acks it to A (delayed).
    const FE::Output atB =
        b.ReceiveLsa({1, A}, transmitted(atA.Of(Type::FLOOD)[0]), true, Seconds(0.1));
    CHECK(atB.Has(Type::INSTALL));
    REQUIRE(FloodInterfaces(atB) == std::set<uint32_t>{2});
    REQUIRE(Count(atB, Type::DELAYED_ACK) == 1);
    CHECK(atB.Of(Type::DELAYED_ACK)[0].interfaceId == 1);
    CHECK(b.GetLsdb().GetHeader(KeyOf(lsaA), Seconds(0.1))->GetAge() == 1);

    // A receives B's ack: its retransmission list empties.
    const FE::Output ackAtA = a.ReceiveAck({1, B}, atB.Of(Type::DELAYED_ACK)[0].header);
    CHECK(Count(ackAtA, Type::ACKNOWLEDGED) == 1);
    CHECK(a.FindNeighbor({1, B})->retransmissions.IsEmpty());

    // C installs it (age 2 after two hops), has nowhere else to flood it.
    const FE::Output atC =
        c.ReceiveLsa({1, B}, transmitted(atB.Of(Type::FLOOD)[0]), true, Seconds(0.2));
    CHECK(atC.Has(Type::INSTALL));
    CHECK(FloodInterfaces(atC).empty());
    CHECK(c.GetLsdb().GetHeader(KeyOf(lsaA), Seconds(0.2))->GetAge() == 2);
    REQUIRE(Count(atC, Type::DELAYED_ACK) == 1);
    CHECK(c.FindNeighbor({1, B})->retransmissions.IsEmpty());

    // B receives C's ack.
    CHECK(b.ReceiveAck({2, C}, atC.Of(Type::DELAYED_ACK)[0].header).Has(Type::ACKNOWLEDGED));
    CHECK(b.FindNeighbor({2, C})->retransmissions.IsEmpty());
    CHECK(b.FindNeighbor({1, A})->retransmissions.IsEmpty());

    // Nobody retransmits anything.
    CHECK(a.TakeDueRetransmissions(Seconds(30)).empty());
    CHECK(b.TakeDueRetransmissions(Seconds(30)).empty());
    CHECK(c.TakeDueRetransmissions(Seconds(30)).empty());
    // The three databases hold the same instance.
    for (const FE* r : {&a, &b, &c})
    {
        const Lsdb::Entry* entry = r->GetLsdb().Find(KeyOf(lsaA));
        REQUIRE(entry != nullptr);
        CHECK(entry->lsa->header.GetSequenceNumber() == INITIAL_SEQUENCE_NUMBER);
        CHECK(entry->lsa->header.GetChecksum() == lsaA.header.GetChecksum());
    }

    // Had B's ack been lost, A would retransmit after RxmtInterval, and B,
    // holding the same instance, would answer with a direct ack (13.5).
    FE a2 = make(A);
    a2.AddInterface(1, FE::NetworkType::POINT_TO_POINT, IState::POINT_TO_POINT);
    a2.AddNeighbor({1, B}, NState::FULL);
    a2.Originate(lsaA, Seconds(0));
    const auto due = a2.TakeDueRetransmissions(Seconds(5));
    REQUIRE(due.size() == 1);
    Lsa again = *due[0].lsas[0];
    again.header.SetAge(due[0].ages[0] + 1);
    const FE::Output dup = b.ReceiveLsa({1, A}, again, true, Seconds(5.1));
    REQUIRE(Count(dup, Type::DIRECT_ACK) == 1);
    CHECK(a2.ReceiveAck({1, B}, dup.Of(Type::DIRECT_ACK)[0].header).Has(Type::ACKNOWLEDGED));
}

// ------------------------------------------------------------------ list counts

TEST_CASE("Each database entry counts the retransmission lists holding its LSA", "[ospf][flooding]")
{
    // Step 5c and section 14 read the entry's count instead of asking every
    // neighbor: after any sequence of floods, acks, duplicates, flushes,
    // retransmissions and neighbors going down and coming back, the count
    // must equal the number of lists that hold the LSA.
    FE::Config config;
    config.routerId = B;
    FE e(config);
    const std::vector<FE::NeighborId> neighbors = {fromA, toC, {3, Ipv4Address("4.4.4.4")}};
    for (const FE::NeighborId& n : neighbors)
    {
        e.AddInterface(n.interfaceId, FE::NetworkType::POINT_TO_POINT, IState::POINT_TO_POINT);
        e.AddNeighbor(n, NState::FULL);
    }
    const std::vector<Ipv4Address> origins = {
        Ipv4Address("5.5.5.5"), Ipv4Address("6.6.6.6"), Ipv4Address("7.7.7.7")};
    std::vector<int32_t> sequence(origins.size(), 1);
    uint32_t state = 12345;
    auto next = [&state](uint32_t n) {
        state = state * 1103515245u + 12345u;
        return (state >> 16) % n;
    };
    Time now = Seconds(0);
    std::size_t onLists = 0;
    for (int step = 0; step < 3000; ++step)
    {
        now += MilliSeconds(next(1500));
        const FE::NeighborId& n = neighbors[next(neighbors.size())];
        const std::size_t o = next(origins.size());
        switch (next(7))
        {
        case 0:
        case 1: // a newer, the same or an older instance from a neighbor
            sequence[o] += next(3) == 0 ? 0 : 1;
            e.ReceiveLsa(
                n, RouterLsa(origins[o], sequence[o] - static_cast<int32_t>(next(2))), true, now);
            break;
        case 2: // an ack of the current or the previous instance
            e.ReceiveAck(n,
                         RouterLsa(origins[o],
                                   sequence[o] - static_cast<int32_t>(next(2)),
                                   static_cast<uint16_t>(next(2)))
                             .header);
            break;
        case 3:
            e.TakeDueRetransmissions(now);
            break;
        case 4: // down and back
            e.SetNeighborState(n, NState::EX_START);
            e.SetNeighborState(n, NState::FULL);
            break;
        case 5:
            if (next(4) == 0)
            {
                e.Flush(KeyOf(RouterLsa(origins[o], 1)), now);
            }
            break;
        default:
            e.Age(now);
            break;
        }
        for (const Ipv4Address& origin : origins)
        {
            const LsaKey key = KeyOf(RouterLsa(origin, 1));
            uint32_t lists = 0;
            for (const FE::NeighborId& id : neighbors)
            {
                lists += e.FindNeighbor(id)->retransmissions.Contains(key) ? 1 : 0;
            }
            const Lsdb::Entry* entry = e.GetLsdb().Find(key);
            if (entry == nullptr)
            {
                REQUIRE(lists == 0);
                continue;
            }
            REQUIRE(entry->retransmissionLists == lists);
            REQUIRE(e.IsOnRetransmissionList(key) == (lists > 0));
            onLists += lists;
        }
    }
    // The sequence did put LSAs on lists (the check above was not vacuous).
    CHECK(onLists > 1000);
}
