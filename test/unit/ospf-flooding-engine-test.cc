// SPDX-License-Identifier: GPL-2.0-only
//
// OSPFv2 reliable flooding (RFC 2328 section 13): the receipt of one LSA
// (steps 1 to 8), flooding out interfaces (13.3), self-originated LSAs
// (13.4), acknowledgments (13.5), origination (12.4), MaxAge flushing (14,
// 14.1) and the names of the engine's values. The lists, retransmissions
// (13.6), received acknowledgments (13.7) and a scripted exchange between
// three routers are in ospf-flooding-engine-lists-test.cc. The expected
// actions are the RFC's rules, quoted at each case.
#include "ospf-flooding-test-util.h"

#include "ns3/ospf-flooding-engine.h"
#include "ns3/ospf-lsa-header.h"
#include "ns3/ospf-lsa.h"
#include "ns3/ospf-lsdb.h"

#include <catch2/catch.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::ospf;
using namespace ns3::ospftest;

namespace
{

// A broadcast segment (interface 1) with DR D, Backup E and DROthers X, Y,
// plus a point-to-point interface 2 to C, seen from router R in `role`.
const Ipv4Address R("8.8.8.8");
const Ipv4Address D("4.4.4.4");
const Ipv4Address E("5.5.5.5");
const Ipv4Address X("6.6.6.6");
const Ipv4Address Y("7.7.7.7");

FE
MakeBroadcast(IState role)
{
    FE::Config config;
    config.routerId = R;
    FE e(config);
    e.AddInterface(1, FE::NetworkType::BROADCAST, role);
    e.AddInterface(2, FE::NetworkType::POINT_TO_POINT, IState::POINT_TO_POINT);
    e.AddNeighbor(toC, NState::FULL);
    if (role == IState::DR)
    {
        e.SetDesignatedRouters(1, R, E);
        e.AddNeighbor({1, E}, NState::FULL);
        e.AddNeighbor({1, X}, NState::FULL);
        e.AddNeighbor({1, Y}, NState::FULL);
    }
    else if (role == IState::BACKUP)
    {
        e.SetDesignatedRouters(1, D, R);
        e.AddNeighbor({1, D}, NState::FULL);
        e.AddNeighbor({1, X}, NState::FULL);
        e.AddNeighbor({1, Y}, NState::FULL);
    }
    else
    {
        // A DROther is adjacent to the DR and the Backup only (10.4).
        e.SetDesignatedRouters(1, D, E);
        e.AddNeighbor({1, D}, NState::FULL);
        e.AddNeighbor({1, E}, NState::FULL);
        e.AddNeighbor({1, Y}, NState::TWO_WAY);
    }
    return e;
}

} // namespace

// ------------------------------------------------------------------ steps 1-4

TEST_CASE("13: updates from unknown neighbors or neighbors below Exchange are dropped",
          "[ospf][flooding]")
{
    // "If the neighbor is in a lesser state than Exchange, the packet should
    // be dropped without further processing."
    FE e = MakeB();
    const Lsa lsa = RouterLsa(A, 1);
    FE::Output out = e.ReceiveLsa({1, Ipv4Address("9.9.9.9")}, lsa, true, Seconds(0));
    CHECK(Discarded(out, Reason::UNKNOWN_NEIGHBOR));
    for (NState s : {NState::DOWN, NState::INIT, NState::TWO_WAY, NState::EX_START})
    {
        e.SetNeighborState(fromA, s);
        out = e.ReceiveLsa(fromA, lsa, true, Seconds(0));
        CHECK(Discarded(out, Reason::NEIGHBOR_STATE));
        CHECK(out.actions.size() == 1);
    }
    CHECK(e.GetLsdb().GetN() == 0);
    // Exchange is enough.
    e.SetNeighborState(fromA, NState::EXCHANGE);
    out = e.ReceiveLsa(fromA, lsa, true, Seconds(0));
    CHECK(out.Has(Type::INSTALL));
}

TEST_CASE("13 step 1: an LSA with a bad checksum is discarded", "[ospf][flooding]")
{
    // "(1) Validate the LSA's LS checksum. If the checksum turns out to be
    // invalid, discard the LSA and get the next one from the Link State
    // Update packet."
    FE e = MakeB();
    const FE::Output out = e.ReceiveLsa(fromA, RouterLsa(A, 1), false, Seconds(0));
    CHECK(Discarded(out, Reason::BAD_CHECKSUM));
    CHECK(out.actions.size() == 1); // no ack, no flood
    CHECK_FALSE(out.stopProcessing);
    CHECK(e.GetLsdb().GetN() == 0);
}

TEST_CASE("13 step 2: an LSA of unknown LS type is discarded", "[ospf][flooding]")
{
    // "(2) Examine the LSA's LS type. If the LS type is unknown, discard the
    // LSA and get the next one from the Link State Update Packet. This
    // specification defines LS types 1-5 (see Section 4.3)."
    FE e = MakeB();
    for (uint8_t type : {0, 6, 7, 9, 10, 11, 255})
    {
        Lsa lsa = RouterLsa(A, 1);
        lsa.header.SetType(type);
        lsa.body = RawLsaBody(16, 0);
        const FE::Output out = e.ReceiveLsa(fromA, lsa, true, Seconds(0));
        CHECK(Discarded(out, Reason::UNKNOWN_TYPE));
        CHECK(out.actions.size() == 1);
    }
    CHECK(e.GetLsdb().GetN() == 0);
    for (uint8_t type = 1; type <= 5; ++type)
    {
        Lsa lsa = RouterLsa(A, 1);
        lsa.header.SetType(type);
        lsa.body = RawLsaBody(16, 0);
        CHECK(e.ReceiveLsa(fromA, lsa, true, Seconds(0)).Has(Type::INSTALL));
    }
    CHECK(e.GetLsdb().GetN() == 5);
}

TEST_CASE("13 step 4: a MaxAge LSA not in the database is acknowledged and discarded",
          "[ospf][flooding]")
{
    // "(4) Else if the LSA's LS age is equal to MaxAge, and there is
    // currently no instance of the LSA in the router's link state database,
    // and none of router's neighbors are in states Exchange or Loading, then
    // take the following actions: a) Acknowledge the receipt of the LSA by
    // sending a Link State Acknowledgment packet back to the sending neighbor
    // (see Section 13.5), and b) Discard the LSA".
    // 13.5: "Direct ack sent" in every state.
    FE e = MakeB();
    const Lsa flushed = RouterLsa(Ipv4Address("9.9.9.9"), 7, MAX_AGE);
    FE::Output out = e.ReceiveLsa(fromA, flushed, true, Seconds(0));
    REQUIRE(Count(out, Type::DIRECT_ACK) == 1);
    CHECK(out.Of(Type::DIRECT_ACK)[0].neighbor == fromA);
    CHECK(out.Of(Type::DIRECT_ACK)[0].destination == FE::Destination::NEIGHBOR);
    CHECK(out.Of(Type::DIRECT_ACK)[0].header.GetSequenceNumber() == 7);
    CHECK(Discarded(out, Reason::MAX_AGE_NOT_IN_DATABASE));
    CHECK_FALSE(out.Has(Type::FLOOD));
    CHECK(e.GetLsdb().GetN() == 0);

    // With a neighbor in Exchange the rule does not apply: the LSA is
    // installed and flooded (step 5), C being a participant of flooding.
    e.SetNeighborState(toC, NState::EXCHANGE);
    out = e.ReceiveLsa(fromA, flushed, true, Seconds(1));
    CHECK(out.Has(Type::INSTALL));
    CHECK(FloodInterfaces(out) == std::set<uint32_t>{2});
    CHECK(Count(out, Type::DELAYED_ACK) == 1);
    CHECK(e.GetLsdb().Find(KeyOf(flushed)) != nullptr);
}

// ------------------------------------------------------------------ step 5

TEST_CASE("13 step 5: a new LSA is installed, flooded on, acknowledged with a delay",
          "[ospf][flooding]")
{
    // "(5) ... If there is no database copy, or the received LSA is more
    // recent than the database copy ... (b) Otherwise immediately flood the
    // new LSA out some subset of the router's interfaces (see Section 13.3).
    // ... (d) Install the new LSA in the link state database ... timestamp the
    // new LSA with the current time ... (e) Possibly acknowledge the receipt
    // of the LSA by sending a Link State Acknowledgment packet back out the
    // receiving interface."
    FE e = MakeB();
    const Lsa lsa = RouterLsa(A, INITIAL_SEQUENCE_NUMBER, 1);
    const FE::Output out = e.ReceiveLsa(fromA, lsa, true, Seconds(3));

    REQUIRE(Count(out, Type::INSTALL) == 1);
    CHECK(out.Of(Type::INSTALL)[0].contentsChanged);
    CHECK(out.SpfNeeded());
    const Lsdb::Entry* entry = e.GetLsdb().Find(KeyOf(lsa));
    REQUIRE(entry != nullptr);
    CHECK(entry->installed == Seconds(3));
    CHECK(entry->source == Lsdb::Source::RECEIVED);

    // 13.3 (1c): "If the new LSA was received from this neighbor, examine the
    // next neighbor." (2): an interface whose neighbors were all skipped
    // gets nothing. So only interface 2, to C.
    REQUIRE(FloodInterfaces(out) == std::set<uint32_t>{2});
    const FE::Action flood = out.Of(Type::FLOOD)[0];
    CHECK(flood.destination == FE::Destination::ALL_SPF_ROUTERS);
    CHECK(flood.age == 1);
    REQUIRE(flood.lsa != nullptr);
    CHECK(flood.lsa->header.GetSequenceNumber() == INITIAL_SEQUENCE_NUMBER);
    CHECK(OnRetransmissionList(e, toC, KeyOf(lsa)));
    CHECK_FALSE(OnRetransmissionList(e, fromA, KeyOf(lsa)));

    // 13.5: "LSA is more recent than database copy, but was not flooded back
    // out receiving interface": "Delayed ack sent" (all states but Backup).
    REQUIRE(Count(out, Type::DELAYED_ACK) == 1);
    CHECK(out.Of(Type::DELAYED_ACK)[0].interfaceId == 1);
    CHECK(out.Of(Type::DELAYED_ACK)[0].header.GetKey() == KeyOf(lsa));
    CHECK_FALSE(out.Has(Type::DIRECT_ACK));
    CHECK_FALSE(out.Has(Type::SELF_ORIGINATED));
}

TEST_CASE("13 step 5a: a copy installed by flooding less than MinLSArrival ago stays",
          "[ospf][flooding]")
{
    // "(a) If there is already a database copy, and if the database copy was
    // received via flooding and installed less than MinLSArrival seconds
    // ago, discard the new LSA (without acknowledging it)". MinLSArrival is
    // 1 second (appendix B).
    FE e = MakeB();
    e.ReceiveLsa(fromA, RouterLsa(A, 1), true, Seconds(10));
    FE::Output out = e.ReceiveLsa(fromA, RouterLsa(A, 2), true, Seconds(10.999));
    CHECK(Discarded(out, Reason::MIN_LS_ARRIVAL));
    CHECK(out.actions.size() == 1); // no ack
    CHECK(e.GetLsdb().Find(KeyOf(RouterLsa(A, 1)))->lsa->header.GetSequenceNumber() == 1);

    out = e.ReceiveLsa(fromA, RouterLsa(A, 2), true, Seconds(11));
    CHECK(out.Has(Type::INSTALL));
    CHECK(e.GetLsdb().Find(KeyOf(RouterLsa(A, 1)))->lsa->header.GetSequenceNumber() == 2);
}

TEST_CASE("13 step 5c: the old instance leaves every retransmission list", "[ospf][flooding]")
{
    // "(c) Remove the current database copy from all neighbors' Link state
    // retransmission lists."
    FE e = MakeB();
    e.ReceiveLsa(fromA, RouterLsa(A, 1), true, Seconds(0));
    REQUIRE(OnRetransmissionList(e, toC, KeyOf(RouterLsa(A, 1))));
    // C sends a newer instance: C is the sender, so the new instance is not
    // put on its list (13.3 1c), and the old one is gone; A gets the new one.
    const FE::Output out = e.ReceiveLsa(toC, RouterLsa(A, 2), true, Seconds(2));
    CHECK(out.Has(Type::INSTALL));
    CHECK_FALSE(OnRetransmissionList(e, toC, KeyOf(RouterLsa(A, 1))));
    REQUIRE(OnRetransmissionList(e, fromA, KeyOf(RouterLsa(A, 1))));
    CHECK(e.FindNeighbor(fromA)->retransmissions.At(KeyOf(RouterLsa(A, 1))).sequence == 2);
    CHECK(FloodInterfaces(out) == std::set<uint32_t>{1});
}

TEST_CASE("13.3 (1b): the Link state request lists of neighbors in Exchange or Loading",
          "[ospf][flooding]")
{
    // "(b) Else, if the adjacency is not yet full (neighbor state is Exchange
    // or Loading), examine the Link state request list associated with this
    // adjacency. If there is an instance of the new LSA on the list ...
    // Compare the new LSA to the neighbor's copy: o If the new LSA is less
    // recent, then examine the next neighbor. o If the two copies are the
    // same instance, then delete the LSA from the Link state request list,
    // and examine the next neighbor. o Else, the new LSA is more recent.
    // Delete the LSA from the Link state request list."
    const Lsa received = RouterLsa(Ipv4Address("9.9.9.9"), 2);
    const LsaKey key = KeyOf(received);

    SECTION("the neighbor's copy is more recent")
    {
        FE e = MakeB();
        e.SetNeighborState(toC, NState::LOADING);
        e.AddToRequestList(toC, RouterLsa(Ipv4Address("9.9.9.9"), 3).header);
        const FE::Output out = e.ReceiveLsa(fromA, received, true, Seconds(0));
        CHECK(out.Has(Type::INSTALL));
        CHECK(e.FindNeighbor(toC)->requests.count(key) == 1);
        CHECK_FALSE(OnRetransmissionList(e, toC, key));
        CHECK(FloodInterfaces(out).empty());
        CHECK_FALSE(out.Has(Type::REQUEST_LIST_EMPTY));
    }
    SECTION("the same instance")
    {
        FE e = MakeB();
        e.SetNeighborState(toC, NState::LOADING);
        e.AddToRequestList(toC, received.header);
        const FE::Output out = e.ReceiveLsa(fromA, received, true, Seconds(0));
        CHECK(e.FindNeighbor(toC)->requests.empty());
        CHECK_FALSE(OnRetransmissionList(e, toC, key));
        CHECK(FloodInterfaces(out).empty());
        // The request list emptied: the neighbor machine's Loading Done.
        REQUIRE(Count(out, Type::REQUEST_LIST_EMPTY) == 1);
        CHECK(out.Of(Type::REQUEST_LIST_EMPTY)[0].neighbor == toC);
    }
    SECTION("the new LSA is more recent")
    {
        FE e = MakeB();
        e.SetNeighborState(toC, NState::EXCHANGE);
        e.AddToRequestList(toC, RouterLsa(Ipv4Address("9.9.9.9"), 1).header);
        e.AddToRequestList(toC, RouterLsa(Ipv4Address("9.9.9.8"), 1).header);
        const FE::Output out = e.ReceiveLsa(fromA, received, true, Seconds(0));
        CHECK(e.FindNeighbor(toC)->requests.count(key) == 0);
        CHECK(e.FindNeighbor(toC)->requests.size() == 1);
        CHECK(OnRetransmissionList(e, toC, key));
        CHECK(FloodInterfaces(out) == std::set<uint32_t>{2});
        CHECK_FALSE(out.Has(Type::REQUEST_LIST_EMPTY));
    }
    SECTION("a Full neighbor's list is not consulted")
    {
        FE e = MakeB();
        e.SetNeighborState(toC, NState::LOADING);
        e.AddToRequestList(toC, RouterLsa(Ipv4Address("9.9.9.9"), 3).header);
        e.SetNeighborState(toC, NState::FULL);
        const FE::Output out = e.ReceiveLsa(fromA, received, true, Seconds(0));
        CHECK(OnRetransmissionList(e, toC, key));
        CHECK(FloodInterfaces(out) == std::set<uint32_t>{2});
    }
}

TEST_CASE("13.3 (1b) before (1c): the requested LSA from the sender leaves its request list",
          "[ospf][flooding]")
{
    // The sender itself is examined by (b) before (c) skips it: an LSA it
    // sends in answer to our Link State Request satisfies the request.
    FE e = MakeB();
    e.SetNeighborState(fromA, NState::LOADING);
    const Lsa lsa = RouterLsa(A, 4);
    e.AddToRequestList(fromA, lsa.header);
    const FE::Output out = e.ReceiveLsa(fromA, lsa, true, Seconds(0));
    CHECK(out.Has(Type::INSTALL));
    CHECK_FALSE(out.Has(Type::BAD_LS_REQ));
    CHECK(e.FindNeighbor(fromA)->requests.empty());
    CHECK(Count(out, Type::REQUEST_LIST_EMPTY) == 1);
    CHECK_FALSE(OnRetransmissionList(e, fromA, KeyOf(lsa)));
}

// ------------------------------------------------------------------ steps 6-8

TEST_CASE("13 step 6: an LSA on the sender's request list but not newer is BadLSReq",
          "[ospf][flooding]")
{
    // "(6) Else, if there is an instance of the LSA on the sending neighbor's
    // Link state request list, an error has occurred in the Database
    // Exchange process. In this case, restart the Database Exchange process
    // by generating the neighbor event BadLSReq for the sending neighbor and
    // stop processing the Link State Update packet."
    for (int32_t sent : {4, 5})
    {
        FE e = MakeB();
        e.ReceiveLsa(toC, RouterLsa(A, 5), true, Seconds(0));
        e.SetNeighborState(fromA, NState::LOADING);
        e.AddToRequestList(fromA, RouterLsa(A, 5).header);
        const FE::Output out = e.ReceiveLsa(fromA, RouterLsa(A, sent), true, Seconds(10));
        REQUIRE(Count(out, Type::BAD_LS_REQ) == 1);
        CHECK(out.Of(Type::BAD_LS_REQ)[0].neighbor == fromA);
        CHECK(out.stopProcessing);
        CHECK(out.actions.size() == 1); // no ack, no answer
    }
}

TEST_CASE("13 step 7: a duplicate is an implied ack or gets a direct ack", "[ospf][flooding]")
{
    // "(7) Else, if the received LSA is the same instance as the database
    // copy ... (a) If the LSA is listed in the Link state retransmission list
    // for the receiving adjacency, the router itself is expecting an
    // acknowledgment for this LSA. The router should treat the received LSA
    // as an acknowledgment by removing the LSA from the Link state
    // retransmission list. This is termed an "implied acknowledgment".
    // ... (b) Possibly acknowledge the receipt of the LSA".
    FE e = MakeB();
    const Lsa lsa = RouterLsa(A, 1);
    e.ReceiveLsa(fromA, lsa, true, Seconds(0));
    REQUIRE(OnRetransmissionList(e, toC, KeyOf(lsa)));

    // C floods the same instance back: implied ack. 13.5: "LSA is a
    // duplicate, and was treated as an implied ack": "No ack sent" in
    // states other than Backup.
    FE::Output out = e.ReceiveLsa(toC, lsa, true, Seconds(1));
    REQUIRE(Count(out, Type::IMPLIED_ACK) == 1);
    CHECK(out.Of(Type::IMPLIED_ACK)[0].neighbor == toC);
    CHECK_FALSE(OnRetransmissionList(e, toC, KeyOf(lsa)));
    CHECK_FALSE(out.Has(Type::DELAYED_ACK));
    CHECK_FALSE(out.Has(Type::DIRECT_ACK));
    CHECK_FALSE(out.Has(Type::INSTALL));
    CHECK_FALSE(out.Has(Type::FLOOD));

    // A sends it again (it missed our ack): "LSA is a duplicate, and was not
    // treated as an implied ack": "Direct ack sent".
    out = e.ReceiveLsa(fromA, lsa, true, Seconds(2));
    REQUIRE(Count(out, Type::DIRECT_ACK) == 1);
    CHECK(out.Of(Type::DIRECT_ACK)[0].neighbor == fromA);
    CHECK(out.actions.size() == 1);

    // The same instance within MaxAgeDiff of age, too.
    out = e.ReceiveLsa(fromA, RouterLsa(A, 1, 600), true, Seconds(3));
    CHECK(Count(out, Type::DIRECT_ACK) == 1);
}

TEST_CASE("13 step 8: the more recent database copy goes back to the sender", "[ospf][flooding]")
{
    // "(8) Else, the database copy is more recent. If the database copy has
    // LS age equal to MaxAge and LS sequence number equal to
    // MaxSequenceNumber, simply discard the received LSA without
    // acknowledging it. ... Otherwise, as long as the database copy has not
    // been sent in a Link State Update within the last MinLSArrival seconds,
    // send the database copy back to the sending neighbor, encapsulated
    // within a Link State Update Packet. The Link State Update Packet should
    // be sent directly to the neighbor. In so doing, do not put the database
    // copy of the LSA on the neighbor's link state retransmission list, and
    // do not acknowledge the received (less recent) LSA instance."
    FE e = MakeB();
    e.ReceiveLsa(toC, RouterLsa(A, 5), true, Seconds(0)); // flooded to A at 0
    e.ReceiveAck(fromA, RouterLsa(A, 5).header);
    REQUIRE_FALSE(OnRetransmissionList(e, fromA, KeyOf(RouterLsa(A, 5))));

    // Sent to A in the flood at t=0: within MinLSArrival, nothing.
    FE::Output out = e.ReceiveLsa(fromA, RouterLsa(A, 4), true, Seconds(0.5));
    CHECK(Discarded(out, Reason::RECENTLY_SENT));
    CHECK(out.actions.size() == 1);

    out = e.ReceiveLsa(fromA, RouterLsa(A, 4), true, Seconds(10));
    REQUIRE(Count(out, Type::SEND_DATABASE_COPY) == 1);
    const FE::Action send = out.Of(Type::SEND_DATABASE_COPY)[0];
    CHECK(send.neighbor == fromA);
    CHECK(send.destination == FE::Destination::NEIGHBOR);
    CHECK(send.lsa->header.GetSequenceNumber() == 5);
    CHECK(send.age == 10);
    CHECK(out.actions.size() == 1); // no ack
    CHECK_FALSE(OnRetransmissionList(e, fromA, KeyOf(RouterLsa(A, 5))));

    out = e.ReceiveLsa(fromA, RouterLsa(A, 4), true, Seconds(10.5));
    CHECK(Discarded(out, Reason::RECENTLY_SENT));
    out = e.ReceiveLsa(fromA, RouterLsa(A, 4), true, Seconds(11));
    CHECK(out.Has(Type::SEND_DATABASE_COPY));
}

TEST_CASE("13 step 8: no answer while a MaxSequenceNumber instance is being flushed",
          "[ospf][flooding]")
{
    FE e = MakeB();
    e.ReceiveLsa(toC, RouterLsa(A, MAX_SEQUENCE_NUMBER), true, Seconds(0));
    e.ReceiveAck(fromA, RouterLsa(A, MAX_SEQUENCE_NUMBER).header);
    // A flushes its MaxSequenceNumber instance (12.1.6); C floods it to us.
    const FE::Output flush =
        e.ReceiveLsa(toC, RouterLsa(A, MAX_SEQUENCE_NUMBER, MAX_AGE), true, Seconds(2));
    REQUIRE(flush.Has(Type::INSTALL));
    // Still on A's retransmission list, so still in the database.
    REQUIRE(e.GetLsdb().Find(KeyOf(RouterLsa(A, 1))) != nullptr);
    const FE::Output out = e.ReceiveLsa(fromA, RouterLsa(A, 100), true, Seconds(30));
    CHECK(Discarded(out, Reason::SEQUENCE_WRAPPING));
    CHECK(out.actions.size() == 1);
}

// ------------------------------------------------------------------ 13.3, 13.5 on broadcast

TEST_CASE("13.3 and 13.5 on a broadcast network: the DR floods back, without an ack",
          "[ospf][flooding]")
{
    // 13.3 (5) floods out the receiving interface unless (3) "it was received
    // from either the Designated Router or the Backup Designated Router" or
    // (4) "the interface state is Backup". "If the interface state is DR or
    // Backup, the address AllSPFRouters should be used." 13.5: "LSA has been
    // flooded back out receiving interface": "No ack sent".
    FE e = MakeBroadcast(IState::DR);
    const Lsa lsa = RouterLsa(X, 1);
    const FE::Output out = e.ReceiveLsa({1, X}, lsa, true, Seconds(0));
    CHECK(FloodInterfaces(out) == std::set<uint32_t>{1, 2});
    for (const auto& f : out.Of(Type::FLOOD))
    {
        CHECK(f.destination == FE::Destination::ALL_SPF_ROUTERS);
    }
    CHECK(OnRetransmissionList(e, {1, E}, KeyOf(lsa)));
    CHECK(OnRetransmissionList(e, {1, Y}, KeyOf(lsa)));
    CHECK_FALSE(OnRetransmissionList(e, {1, X}, KeyOf(lsa)));
    CHECK_FALSE(out.Has(Type::DELAYED_ACK));
    CHECK_FALSE(out.Has(Type::DIRECT_ACK));
}

TEST_CASE("13.3 and 13.5 on a broadcast network: the Backup keeps lists, floods nothing back",
          "[ospf][flooding]")
{
    // 13.3 (4): "If the new LSA was received on this interface, and the
    // interface state is Backup (i.e., the router itself is the Backup
    // Designated Router), examine the next interface. The Designated Router
    // will do the flooding on this interface." 13.5, state Backup: "Delayed
    // ack sent if advertisement received from Designated Router, otherwise
    // do nothing".
    SECTION("from a DROther")
    {
        FE e = MakeBroadcast(IState::BACKUP);
        const Lsa lsa = RouterLsa(X, 1);
        const FE::Output out = e.ReceiveLsa({1, X}, lsa, true, Seconds(0));
        CHECK(FloodInterfaces(out) == std::set<uint32_t>{2});
        // Still on the lists, to retransmit should the DR fail.
        CHECK(OnRetransmissionList(e, {1, D}, KeyOf(lsa)));
        CHECK(OnRetransmissionList(e, {1, Y}, KeyOf(lsa)));
        CHECK_FALSE(out.Has(Type::DELAYED_ACK));
        CHECK_FALSE(out.Has(Type::DIRECT_ACK));

        // A duplicate from the DROther after it was flooded: on X's list? No,
        // X sent it. From Y, whose list holds it: implied ack, Backup, not
        // from the DR: nothing.
        const FE::Output dup = e.ReceiveLsa({1, Y}, lsa, true, Seconds(1));
        CHECK(dup.Has(Type::IMPLIED_ACK));
        CHECK_FALSE(dup.Has(Type::DELAYED_ACK));
        CHECK_FALSE(dup.Has(Type::DIRECT_ACK));
        // From the DR, whose list holds it: implied ack, Backup, from the DR:
        // "Delayed ack sent".
        const FE::Output fromDr = e.ReceiveLsa({1, D}, lsa, true, Seconds(1));
        CHECK(fromDr.Has(Type::IMPLIED_ACK));
        REQUIRE(Count(fromDr, Type::DELAYED_ACK) == 1);
        CHECK(fromDr.Of(Type::DELAYED_ACK)[0].interfaceId == 1);
        CHECK(fromDr.Of(Type::DELAYED_ACK)[0].destination == FE::Destination::ALL_SPF_ROUTERS);
    }
    SECTION("from the DR")
    {
        FE e = MakeBroadcast(IState::BACKUP);
        const Lsa lsa = RouterLsa(X, 1);
        const FE::Output out = e.ReceiveLsa({1, D}, lsa, true, Seconds(0));
        // (3): received from the DR, the others have it.
        CHECK(FloodInterfaces(out) == std::set<uint32_t>{2});
        REQUIRE(Count(out, Type::DELAYED_ACK) == 1);
        CHECK(out.Of(Type::DELAYED_ACK)[0].destination == FE::Destination::ALL_SPF_ROUTERS);
    }
}

TEST_CASE("13.3 and 13.5 on a broadcast network: a DROther", "[ospf][flooding]")
{
    // 13.3 (1a): "If the neighbor is in a lesser state than Exchange, it does
    // not participate in flooding". (5): "Otherwise, the address AllDRouters
    // should be used." 13.5 (delayed acks): "If the interface state is DR or
    // Backup, the destination AllSPFRouters is used. In all other states,
    // the destination AllDRouters is used."
    for (Ipv4Address sender : {D, E})
    {
        FE e = MakeBroadcast(IState::DR_OTHER);
        const Lsa lsa = RouterLsa(X, 1);
        const FE::Output out = e.ReceiveLsa({1, sender}, lsa, true, Seconds(0));
        // From the DR or the Backup: not flooded back (3).
        CHECK(FloodInterfaces(out) == std::set<uint32_t>{2});
        CHECK_FALSE(OnRetransmissionList(e, {1, Y}, KeyOf(lsa)));
        REQUIRE(Count(out, Type::DELAYED_ACK) == 1);
        CHECK(out.Of(Type::DELAYED_ACK)[0].destination == FE::Destination::ALL_D_ROUTERS);
    }
    // Its own LSA goes to AllDRouters on the segment, AllSPFRouters on the
    // point-to-point link; the 2-Way neighbor Y gets nothing.
    FE e = MakeBroadcast(IState::DR_OTHER);
    const FE::Output out = e.Originate(RouterLsa(R, INITIAL_SEQUENCE_NUMBER), Seconds(0));
    REQUIRE(FloodInterfaces(out) == std::set<uint32_t>{1, 2});
    for (const auto& f : out.Of(Type::FLOOD))
    {
        CHECK(f.destination == (f.interfaceId == 1 ? FE::Destination::ALL_D_ROUTERS
                                                   : FE::Destination::ALL_SPF_ROUTERS));
    }
    CHECK(OnRetransmissionList(e, {1, D}, KeyOf(RouterLsa(R, 1))));
    CHECK(OnRetransmissionList(e, {1, E}, KeyOf(RouterLsa(R, 1))));
    CHECK_FALSE(OnRetransmissionList(e, {1, Y}, KeyOf(RouterLsa(R, 1))));
}

TEST_CASE("13.3 (2): no flood out an interface none of whose neighbors took the LSA",
          "[ospf][flooding]")
{
    // "(2) ... If in the previous step, the LSA was NOT added to any of the
    // Link state retransmission lists, there is no need to flood the LSA out
    // the interface and the next interface should be examined."
    FE e = MakeB();
    e.SetNeighborState(toC, NState::TWO_WAY);
    e.AddInterface(3, FE::NetworkType::POINT_TO_POINT, IState::DOWN);
    const FE::Output out = e.Originate(RouterLsa(B, INITIAL_SEQUENCE_NUMBER), Seconds(0));
    CHECK(FloodInterfaces(out) == std::set<uint32_t>{1});
}

// ------------------------------------------------------------------ 13.4

TEST_CASE("13.4: a newer self-originated LSA is installed, flooded and reported",
          "[ospf][flooding]")
{
    // "if the received self-originated LSA is newer than the last instance
    // that the router actually originated, the router must take special
    // action. ... In most cases, the router must then advance the LSA's LS
    // sequence number one past the received LS sequence number, and
    // originate a new instance of the LSA."
    FE e = MakeB();
    const Lsa mine = RouterLsa(B, INITIAL_SEQUENCE_NUMBER);
    e.Originate(mine, Seconds(0));
    // From before a restart, arriving 0.5 s later: step 5a does not hold
    // back a copy this router originated (not "received via flooding").
    const Lsa stale = RouterLsa(B, static_cast<int32_t>(0x80000010), 700, 0x2222, 99);
    const FE::Output out = e.ReceiveLsa(fromA, stale, true, Seconds(0.5));
    CHECK(out.Has(Type::INSTALL));
    CHECK(FloodInterfaces(out) == std::set<uint32_t>{2});
    REQUIRE(Count(out, Type::SELF_ORIGINATED) == 1);
    CHECK_FALSE(out.Of(Type::SELF_ORIGINATED)[0].mustFlush);
    const Lsdb::SequenceChoice next = e.GetLsdb().NextSequence(KeyOf(mine), Seconds(0.5));
    CHECK(next.kind == Lsdb::SequenceChoice::USE);
    CHECK(next.sequence == static_cast<int32_t>(0x80000011));

    // The driver originates it once MinLSInterval allows.
    CHECK(e.GetLsdb().GetEarliestOrigination(KeyOf(mine), Seconds(0.5), Seconds(5)) == Seconds(5));
    const FE::Output again =
        e.Originate(RouterLsa(B, static_cast<int32_t>(0x80000011)), Seconds(5));
    CHECK(again.Has(Type::INSTALL));
    CHECK(FloodInterfaces(again) == std::set<uint32_t>{1, 2});
}

TEST_CASE("13.4: a Network-LSA for one of our addresses under another router ID is flushed",
          "[ospf][flooding]")
{
    // "A self-originated LSA is detected when either 1) the LSA's Advertising
    // Router is equal to the router's own Router ID or 2) the LSA is a
    // network-LSA and its Link State ID is equal to one of the router's own
    // IP interface addresses." ... "3) the LSA is a network-LSA whose Link
    // State ID is one of the router's own IP interface addresses but whose
    // Advertising Router is not equal to the router's own Router ID ... the
    // LSA should be flushed from the routing domain".
    FE e = MakeB();
    e.SetInterfaceAddresses({Ipv4Address("10.1.2.2")});
    Lsa net = RouterLsa(Ipv4Address("9.9.9.9"), 3);
    net.header.SetType(LS_NETWORK);
    net.header.SetLinkStateId(Ipv4Address("10.1.2.2"));
    NetworkLsaBody body;
    body.mask = Ipv4Mask("255.255.255.0");
    body.attachedRouters = {B, A};
    net.body = body;
    net.header.SetLength(32);
    FE::Output out = e.ReceiveLsa(fromA, net, true, Seconds(0));
    REQUIRE(Count(out, Type::SELF_ORIGINATED) == 1);
    CHECK(out.Of(Type::SELF_ORIGINATED)[0].mustFlush);

    // The driver flushes it: MaxAge, flooded everywhere (A included).
    out = e.Flush(KeyOf(net), Seconds(1));
    CHECK(FloodInterfaces(out) == std::set<uint32_t>{1, 2});
    for (const auto& f : out.Of(Type::FLOOD))
    {
        CHECK(f.age == MAX_AGE);
    }

    // Another router's Network-LSA for another address is not ours.
    Lsa other = net;
    other.header.SetLinkStateId(Ipv4Address("10.9.9.9"));
    CHECK_FALSE(e.ReceiveLsa(fromA, other, true, Seconds(2)).Has(Type::SELF_ORIGINATED));
}

// ------------------------------------------------------------------ origination, 14

TEST_CASE("12.4: origination floods everywhere, once per MinLSInterval, only newer",
          "[ospf][flooding]")
{
    FE e = MakeB();
    const Lsa first = RouterLsa(B, INITIAL_SEQUENCE_NUMBER);
    FE::Output out = e.Originate(first, Seconds(0));
    REQUIRE(Count(out, Type::INSTALL) == 1);
    CHECK(out.Of(Type::INSTALL)[0].contentsChanged);
    CHECK(FloodInterfaces(out) == std::set<uint32_t>{1, 2});
    CHECK(OnRetransmissionList(e, fromA, KeyOf(first)));
    CHECK(OnRetransmissionList(e, toC, KeyOf(first)));
    CHECK(e.GetLsdb().Find(KeyOf(first))->source == Lsdb::Source::ORIGINATED);

    // Same instance again: not newer.
    CHECK(Discarded(e.Originate(first, Seconds(10)), Reason::NOT_NEWER));
    // MinLSInterval (5 s) after the last origination.
    const Lsa second = RouterLsa(B, INITIAL_SEQUENCE_NUMBER + 1, 0, 0x1000, 20);
    CHECK(Discarded(e.Originate(second, Seconds(4.9)), Reason::MIN_LS_INTERVAL));
    out = e.Originate(second, Seconds(5));
    CHECK(out.Has(Type::INSTALL));
    CHECK(out.Of(Type::INSTALL)[0].contentsChanged);
    CHECK(e.FindNeighbor(toC)->retransmissions.At(KeyOf(first)).sequence ==
          INITIAL_SEQUENCE_NUMBER + 1);
}

TEST_CASE("14, 14.1: a flushed LSA leaves the database once acknowledged by everyone",
          "[ospf][flooding]")
{
    // 14: "A MaxAge LSA must be removed immediately from the router's link
    // state database as soon as both a) it is no longer contained on any
    // neighbor Link state retransmission lists and b) none of the router's
    // neighbors are in states Exchange or Loading."
    FE e = MakeB();
    const Lsa mine = RouterLsa(B, INITIAL_SEQUENCE_NUMBER);
    e.Originate(mine, Seconds(0));
    e.ReceiveAck(fromA, mine.header);
    e.ReceiveAck(toC, mine.header);

    FE::Output out = e.Flush(KeyOf(mine), Seconds(10));
    REQUIRE(Count(out, Type::INSTALL) == 1);
    CHECK(out.Of(Type::INSTALL)[0].contentsChanged); // 13.2: now at MaxAge
    CHECK(FloodInterfaces(out) == std::set<uint32_t>{1, 2});
    CHECK_FALSE(out.Has(Type::REMOVED));

    LsaHeader ack = mine.header;
    ack.SetAge(MAX_AGE);
    CHECK_FALSE(e.ReceiveAck(fromA, ack).Has(Type::REMOVED));
    e.SetNeighborState(fromA, NState::EXCHANGE); // A restarts its exchange
    CHECK_FALSE(e.ReceiveAck(toC, ack).Has(Type::REMOVED));
    CHECK(e.GetLsdb().Find(KeyOf(mine)) != nullptr);
    out = e.SetNeighborState(fromA, NState::FULL);
    REQUIRE(Count(out, Type::REMOVED) == 1);
    CHECK(out.Of(Type::REMOVED)[0].key == KeyOf(mine));
    CHECK(e.GetLsdb().Find(KeyOf(mine)) == nullptr);

    CHECK(Discarded(e.Flush(KeyOf(mine), Seconds(20)), Reason::NOT_IN_DATABASE));
}

TEST_CASE("12.1.6: a wrapping sequence number through the engine", "[ospf][flooding]")
{
    FE e = MakeB();
    const Lsa last = RouterLsa(B, MAX_SEQUENCE_NUMBER);
    e.Originate(last, Seconds(0));
    REQUIRE(e.GetLsdb().NextSequence(KeyOf(last), Seconds(1)).kind ==
            Lsdb::SequenceChoice::FLUSH_FIRST);
    e.Flush(KeyOf(last), Seconds(1));
    CHECK(e.GetLsdb().NextSequence(KeyOf(last), Seconds(1)).kind ==
          Lsdb::SequenceChoice::WAIT_FOR_FLUSH);
    LsaHeader ack = last.header;
    ack.SetAge(MAX_AGE);
    e.ReceiveAck(fromA, ack);
    const FE::Output out = e.ReceiveAck(toC, ack);
    CHECK(out.Has(Type::REMOVED));
    const Lsdb::SequenceChoice next = e.GetLsdb().NextSequence(KeyOf(last), Seconds(2));
    CHECK(next.kind == Lsdb::SequenceChoice::USE);
    CHECK(next.sequence == INITIAL_SEQUENCE_NUMBER);
    CHECK(e.Originate(RouterLsa(B, next.sequence), Seconds(5)).Has(Type::INSTALL));
}

TEST_CASE("14: an LSA reaching MaxAge is reflooded everywhere, then removed", "[ospf][flooding]")
{
    // 14: "At this time, the router must attempt to flush the LSA from the
    // routing domain. This is done simply by reflooding the MaxAge LSA just
    // as if it was a newly originated LSA (see Section 13.3)."
    FE e = MakeB();
    const Lsa lsa = RouterLsa(A, 9);
    e.ReceiveLsa(fromA, lsa, true, Seconds(0));
    e.ReceiveAck(toC, lsa.header);
    CHECK(e.Age(Seconds(3599)).actions.empty());
    FE::Output out = e.Age(Seconds(3600));
    CHECK(Count(out, Type::AGED_OUT) == 1);
    CHECK(out.SpfNeeded());
    CHECK(FloodInterfaces(out) == std::set<uint32_t>{1, 2});
    CHECK(e.Age(Seconds(3601)).actions.empty());
    LsaHeader ack = lsa.header;
    ack.SetAge(MAX_AGE);
    e.ReceiveAck(fromA, ack);
    CHECK(e.ReceiveAck(toC, ack).Has(Type::REMOVED));
    CHECK(e.GetLsdb().GetN() == 0);
}

TEST_CASE("12.4: an own LSA is reported for refresh at LSRefreshTime", "[ospf][flooding]")
{
    FE e = MakeB();
    e.Originate(RouterLsa(B, INITIAL_SEQUENCE_NUMBER), Seconds(0));
    e.ReceiveLsa(fromA, RouterLsa(A, 1), true, Seconds(0));
    CHECK_FALSE(e.Age(Seconds(1799)).Has(Type::REFRESH));
    const FE::Output out = e.Age(Seconds(1800));
    REQUIRE(Count(out, Type::REFRESH) == 1);
    CHECK(out.Of(Type::REFRESH)[0].key == KeyOf(RouterLsa(B, 1)));
    CHECK_FALSE(e.Age(Seconds(1801)).Has(Type::REFRESH));
}
TEST_CASE("Flooding vocabulary prints one distinct name per value", "[ospf][flooding]")
{
    auto name = [](auto value) {
        std::ostringstream os;
        os << value;
        return os.str();
    };
    std::set<std::string> types;
    for (int t = 0; t <= static_cast<int>(Type::REMOVED); ++t)
    {
        types.insert(name(static_cast<Type>(t)));
    }
    CHECK(types.size() == static_cast<std::size_t>(Type::REMOVED) + 1);
    CHECK(name(Type::BAD_LS_REQ) == "bad-ls-req");
    std::set<std::string> reasons;
    for (int r = 0; r <= static_cast<int>(Reason::QUESTIONABLE_ACK); ++r)
    {
        reasons.insert(name(static_cast<Reason>(r)));
    }
    CHECK(reasons.size() == static_cast<std::size_t>(Reason::QUESTIONABLE_ACK) + 1);
    CHECK(name(Reason::MIN_LS_ARRIVAL) == "MinLSArrival");
    CHECK(name(NState::EX_START) == "ExStart");
    CHECK(name(IState::BACKUP) == "Backup");
    CHECK(name(fromA) == "1.1.1.1@if1");
    CHECK(name(LsaRecency::NEWER) == "newer");
}
