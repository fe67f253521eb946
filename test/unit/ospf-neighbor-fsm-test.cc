// SPDX-License-Identifier: GPL-2.0-only
// RFC 2328 10.3: the neighbor state machine, every entry of its table
// checked against the RFC's text; 10.4 (whether to become adjacent); 10.6
// (master/slave negotiation, acceptance of Database Description packets).
#include "ns3/ospf-neighbor-fsm.h"

#include <catch2/catch.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>
#include <vector>

using namespace ns3;
using namespace ns3::ospf;

namespace
{

using S = NeighborState;
using E = NeighborEvent;
using O = NeighborOutcome;
using A = NeighborActionType;
using Types = std::vector<NeighborActionType>;

constexpr uint32_t kInitialSeq = 0x1000;

const S kAllStates[] = {
    S::DOWN, S::ATTEMPT, S::INIT, S::TWO_WAY, S::EX_START, S::EXCHANGE, S::LOADING, S::FULL};
const E kAllEvents[] = {E::HELLO_RECEIVED,
                        E::START,
                        E::TWO_WAY_RECEIVED,
                        E::NEGOTIATION_DONE,
                        E::EXCHANGE_DONE,
                        E::BAD_LS_REQ,
                        E::LOADING_DONE,
                        E::ADJ_OK,
                        E::SEQ_NUMBER_MISMATCH,
                        E::ONE_WAY_RECEIVED,
                        E::KILL_NBR,
                        E::INACTIVITY_TIMER,
                        E::LL_DOWN};

/// A context whose 10.4 decision and request list give `outcome`.
NeighborContext
Context(std::optional<O> outcome)
{
    NeighborContext c;
    c.adjacency.type = InterfaceType::BROADCAST;
    c.adjacency.self = Ipv4Address("10.0.0.1");
    c.adjacency.neighbor = Ipv4Address("10.0.0.2");
    // Adjacent: the neighbor is the DR. Not adjacent: both DR Other.
    c.adjacency.dr = Ipv4Address(outcome == O::NOT_ADJACENT ? "10.0.0.3" : "10.0.0.2");
    c.adjacency.bdr = Ipv4Address("10.0.0.4");
    c.requestListEmpty = outcome != O::REQUEST_LIST_NOT_EMPTY;
    return c;
}

/// A neighbor driven into `state` by the events of 10.3.
NeighborFsm
InState(S state)
{
    NeighborFsm fsm(kInitialSeq);
    switch (state)
    {
    case S::DOWN:
        break;
    case S::ATTEMPT:
        fsm.ProcessEvent(E::START);
        break;
    case S::INIT:
        fsm.ProcessEvent(E::HELLO_RECEIVED);
        break;
    case S::TWO_WAY:
        fsm.ProcessEvent(E::HELLO_RECEIVED);
        fsm.ProcessEvent(E::TWO_WAY_RECEIVED, Context(O::NOT_ADJACENT));
        break;
    case S::EX_START:
    case S::EXCHANGE:
    case S::LOADING:
    case S::FULL:
        fsm.ProcessEvent(E::HELLO_RECEIVED);
        fsm.ProcessEvent(E::TWO_WAY_RECEIVED, Context(O::ADJACENT));
        if (state != S::EX_START)
        {
            fsm.ProcessEvent(E::NEGOTIATION_DONE);
        }
        if (state == S::LOADING)
        {
            fsm.ProcessEvent(E::EXCHANGE_DONE, Context(O::REQUEST_LIST_NOT_EMPTY));
        }
        if (state == S::FULL)
        {
            fsm.ProcessEvent(E::EXCHANGE_DONE, Context(O::REQUEST_LIST_EMPTY));
        }
        break;
    }
    REQUIRE(fsm.GetState() == state);
    return fsm;
}

/// One entry of the 10.3 table, written from the RFC's text.
struct Expected
{
    S state;
    E event;
    std::optional<O> outcome;
    Types actions;
    S next;
};

const Types kExStart{A::INCREMENT_DD_SEQUENCE, A::DECLARE_MASTER, A::SEND_DD};
const Types kRestart{A::CLEAR_LISTS, A::INCREMENT_DD_SEQUENCE, A::DECLARE_MASTER, A::SEND_DD};

std::vector<Expected>
ExpectedTable()
{
    std::vector<Expected> x = {
        // "State(s): Down / Event: Start / New state: Attempt / Action: Send
        // an Hello Packet to the neighbor ... and start the Inactivity Timer"
        {S::DOWN, E::START, std::nullopt, {A::SEND_HELLO, A::START_INACTIVITY_TIMER}, S::ATTEMPT},
        // "Attempt / HelloReceived / Init / Restart the Inactivity Timer"
        {S::ATTEMPT, E::HELLO_RECEIVED, std::nullopt, {A::RESTART_INACTIVITY_TIMER}, S::INIT},
        // "Down / HelloReceived / Init / Start the Inactivity Timer"
        {S::DOWN, E::HELLO_RECEIVED, std::nullopt, {A::START_INACTIVITY_TIMER}, S::INIT},
        // "Init / 2-WayReceived / Depends upon action routine": "If not, the
        // new neighbor state is 2-Way. Otherwise ... ExStart ... increments
        // the DD sequence number ... declares itself master ... sending
        // Database Description Packets, with the initialize (I), more (M)
        // and master (MS) bits set."
        {S::INIT, E::TWO_WAY_RECEIVED, O::NOT_ADJACENT, {}, S::TWO_WAY},
        {S::INIT, E::TWO_WAY_RECEIVED, O::ADJACENT, kExStart, S::EX_START},
        // "ExStart / NegotiationDone / Exchange / The router must list the
        // contents of its entire area link state database in the neighbor
        // Database summary list."
        {S::EX_START, E::NEGOTIATION_DONE, std::nullopt, {A::LIST_DATABASE_SUMMARY}, S::EXCHANGE},
        // "Exchange / ExchangeDone": "If the neighbor Link state request
        // list is empty, the new neighbor state is Full. No other action is
        // required." "Otherwise, the new neighbor state is Loading. Start
        // (or continue) sending Link State Request packets"
        {S::EXCHANGE, E::EXCHANGE_DONE, O::REQUEST_LIST_EMPTY, {}, S::FULL},
        {S::EXCHANGE,
         E::EXCHANGE_DONE,
         O::REQUEST_LIST_NOT_EMPTY,
         {A::SEND_LS_REQUEST},
         S::LOADING},
        // "Loading / Loading Done / Full / No action required."
        {S::LOADING, E::LOADING_DONE, std::nullopt, {}, S::FULL},
        // "2-Way / AdjOK?": "If not, the neighbor state remains at 2-Way.
        // Otherwise, transition the neighbor state to ExStart and perform
        // the actions associated with ... Init and event 2-WayReceived."
        {S::TWO_WAY, E::ADJ_OK, O::NOT_ADJACENT, {}, S::TWO_WAY},
        {S::TWO_WAY, E::ADJ_OK, O::ADJACENT, kExStart, S::EX_START},
    };
    // "Init or greater / HelloReceived / No state change / Restart the
    // Inactivity Timer"
    for (S s : {S::INIT, S::TWO_WAY, S::EX_START, S::EXCHANGE, S::LOADING, S::FULL})
    {
        x.push_back({s, E::HELLO_RECEIVED, std::nullopt, {A::RESTART_INACTIVITY_TIMER}, s});
    }
    for (S s : {S::EX_START, S::EXCHANGE, S::LOADING, S::FULL})
    {
        // "ExStart or greater / AdjOK?": "If yes, there is no state change
        // and no further action is necessary. Otherwise ... The neighbor
        // state transitions to 2-Way. The Link state retransmission list,
        // Database summary list and Link state request list are cleared"
        x.push_back({s, E::ADJ_OK, O::ADJACENT, {}, s});
        x.push_back({s, E::ADJ_OK, O::NOT_ADJACENT, {A::CLEAR_LISTS}, S::TWO_WAY});
    }
    for (S s : {S::EXCHANGE, S::LOADING, S::FULL})
    {
        // "Exchange or greater / SeqNumberMismatch / ExStart": lists
        // cleared, "Then the router increments the DD sequence number ...
        // declares itself master ... with the initialize (I), more (M) and
        // master (MS) bits set."
        x.push_back({s, E::SEQ_NUMBER_MISMATCH, std::nullopt, kRestart, S::EX_START});
        // "Exchange or greater / BadLSReq / ExStart / The action for event
        // BadLSReq is exactly the same as for the neighbor event
        // SeqNumberMismatch."
        x.push_back({s, E::BAD_LS_REQ, std::nullopt, kRestart, S::EX_START});
    }
    for (S s : kAllStates)
    {
        // "Any state / KillNbr / Down" and "Any state / LLDown / Down":
        // lists cleared, "Also, the Inactivity Timer is disabled."
        x.push_back(
            {s, E::KILL_NBR, std::nullopt, {A::CLEAR_LISTS, A::STOP_INACTIVITY_TIMER}, S::DOWN});
        x.push_back(
            {s, E::LL_DOWN, std::nullopt, {A::CLEAR_LISTS, A::STOP_INACTIVITY_TIMER}, S::DOWN});
        // "Any state / InactivityTimer / Down": lists cleared (the timer
        // has fired already).
        x.push_back({s, E::INACTIVITY_TIMER, std::nullopt, {A::CLEAR_LISTS}, S::DOWN});
    }
    for (S s : {S::TWO_WAY, S::EX_START, S::EXCHANGE, S::LOADING, S::FULL})
    {
        // "2-Way or greater / 1-WayReceived / Init": lists cleared.
        x.push_back({s, E::ONE_WAY_RECEIVED, std::nullopt, {A::CLEAR_LISTS}, S::INIT});
        // "2-Way or greater / 2-WayReceived / No state change / No action
        // required." (whatever 10.4 would say)
        x.push_back({s, E::TWO_WAY_RECEIVED, O::ADJACENT, {}, s});
        x.push_back({s, E::TWO_WAY_RECEIVED, O::NOT_ADJACENT, {}, s});
    }
    // "Init / 1-WayReceived / No state change / No action required."
    x.push_back({S::INIT, E::ONE_WAY_RECEIVED, std::nullopt, {}, S::INIT});
    return x;
}

DdSummary
Dd(bool i, bool m, bool ms, uint32_t seq, uint8_t options = 0x02)
{
    DdSummary d;
    d.init = i;
    d.more = m;
    d.master = ms;
    d.sequence = seq;
    d.options = options;
    d.interfaceMtu = 1500;
    d.empty = true;
    return d;
}

} // namespace

TEST_CASE("OSPF neighbor FSM: every entry of the 10.3 table", "[ospf][neighbor-fsm]")
{
    for (const Expected& x : ExpectedTable())
    {
        std::ostringstream what;
        what << x.state << " + " << x.event;
        if (x.outcome)
        {
            what << " (" << *x.outcome << ")";
        }
        INFO(what.str());
        NeighborFsm fsm = InState(x.state);
        const NeighborActions a = fsm.ProcessEvent(x.event, Context(x.outcome));
        CHECK_FALSE(a.ignored);
        CHECK(a.Types() == x.actions);
        CHECK(fsm.GetState() == x.next);
        if (x.next != x.state)
        {
            REQUIRE(a.transitions.size() == 1);
            CHECK(a.transitions[0].from == x.state);
            CHECK(a.transitions[0].to == x.next);
            CHECK(a.transitions[0].event == x.event);
        }
        else
        {
            CHECK(a.transitions.empty());
        }
    }
}

TEST_CASE("OSPF neighbor FSM: the table holds exactly the RFC's entries", "[ospf][neighbor-fsm]")
{
    std::set<std::tuple<S, E, std::optional<O>>> expected;
    for (const Expected& x : ExpectedTable())
    {
        // The 2-Way-or-greater/2-WayReceived entry does not depend on 10.4.
        const bool anyOutcome = x.event == E::TWO_WAY_RECEIVED && x.state != S::INIT;
        expected.insert({x.state, x.event, anyOutcome ? std::nullopt : x.outcome});
    }
    std::set<std::tuple<S, E, std::optional<O>>> inTable;
    for (const auto& row : NeighborFsm::Transitions().GetRows())
    {
        inTable.insert({row.state, row.event, row.role});
    }
    CHECK(inTable == expected);
    CHECK(NeighborFsm::Transitions().GetRows().size() == expected.size());
}

TEST_CASE("OSPF neighbor FSM: events not expected in a state are ignored", "[ospf][neighbor-fsm]")
{
    std::set<std::pair<S, E>> listed;
    for (const Expected& x : ExpectedTable())
    {
        listed.insert({x.state, x.event});
    }
    int ignoredPairs = 0;
    for (S s : kAllStates)
    {
        for (E e : kAllEvents)
        {
            if (listed.count({s, e}) != 0)
            {
                continue;
            }
            ++ignoredPairs;
            for (std::optional<O> o : {std::optional<O>(O::ADJACENT),
                                       std::optional<O>(O::NOT_ADJACENT),
                                       std::optional<O>(O::REQUEST_LIST_NOT_EMPTY)})
            {
                INFO(s << " + " << e);
                NeighborFsm fsm = InState(s);
                const uint32_t seq = fsm.GetDdSequence();
                const NeighborActions a = fsm.ProcessEvent(e, Context(o));
                CHECK(a.ignored);
                CHECK(a.actions.empty());
                CHECK(a.transitions.empty());
                CHECK(fsm.GetState() == s);
                CHECK(fsm.GetDdSequence() == seq);
            }
        }
    }
    // E.g. Start on a neighbor that is not Down, NegotiationDone outside
    // ExStart, LoadingDone outside Loading, 2-WayReceived in Down/Attempt.
    CHECK(ignoredPairs > 0);
}

TEST_CASE("OSPF neighbor FSM: no duplicate rows", "[ospf][neighbor-fsm]")
{
    using Table = NeighborFsm::Table;
    CHECK(Table::FindDuplicate(NeighborFsm::Transitions().GetRows()).empty());
    // A second Loading/LoadingDone row, or an outcome-free AdjOK? row next
    // to the outcome rows, is caught.
    std::vector<Table::Row> rows = NeighborFsm::Transitions().GetRows();
    rows.push_back({S::LOADING, E::LOADING_DONE, NeighborFsm::Step::NONE, S::LOADING});
    CHECK_FALSE(Table::FindDuplicate(rows).empty());
    rows = NeighborFsm::Transitions().GetRows();
    rows.push_back({S::TWO_WAY, E::ADJ_OK, NeighborFsm::Step::NONE, S::TWO_WAY});
    CHECK_FALSE(Table::FindDuplicate(rows).empty());
}

TEST_CASE("OSPF neighbor FSM: DD sequence number and the ExStart DD", "[ospf][neighbor-fsm]")
{
    // 10.3 Init/2-WayReceived: "If this is the first time that an adjacency
    // has been attempted, the DD sequence number should be assigned some
    // unique value"; later attempts increment it. The DD carries I, M, MS.
    NeighborFsm fsm(kInitialSeq);
    fsm.ProcessEvent(E::HELLO_RECEIVED);
    NeighborActions a = fsm.ProcessEvent(E::TWO_WAY_RECEIVED, Context(O::ADJACENT));
    const NeighborAction* dd = a.Find(A::SEND_DD);
    REQUIRE(dd != nullptr);
    CHECK(dd->ddSequence == kInitialSeq);
    CHECK(dd->init);
    CHECK(dd->more);
    CHECK(dd->master);
    CHECK(a.Find(A::INCREMENT_DD_SEQUENCE)->ddSequence == kInitialSeq);
    CHECK(fsm.IsMaster());

    // SeqNumberMismatch from Exchange: the number is incremented.
    fsm.ProcessEvent(E::NEGOTIATION_DONE);
    a = fsm.ProcessEvent(E::SEQ_NUMBER_MISMATCH);
    CHECK(a.Find(A::SEND_DD)->ddSequence == kInitialSeq + 1);
    CHECK(fsm.GetDdSequence() == kInitialSeq + 1);

    // AdjOK? from 2-Way after the adjacency was torn down: incremented again.
    fsm.ProcessEvent(E::ADJ_OK, Context(O::NOT_ADJACENT));
    REQUIRE(fsm.GetState() == S::TWO_WAY);
    a = fsm.ProcessEvent(E::ADJ_OK, Context(O::ADJACENT));
    CHECK(a.Find(A::SEND_DD)->ddSequence == kInitialSeq + 2);
}

TEST_CASE("OSPF neighbor FSM: NeighborChange and Full indications", "[ospf][neighbor-fsm]")
{
    // 9.2 NeighborChange: "the state of the neighbor has transitioned to
    // 2-Way or higher" / "to Init or lower".
    NeighborFsm fsm(kInitialSeq);
    CHECK_FALSE(fsm.ProcessEvent(E::HELLO_RECEIVED).BidirectionalChanged());
    CHECK(fsm.ProcessEvent(E::TWO_WAY_RECEIVED, Context(O::ADJACENT)).BidirectionalChanged());
    CHECK_FALSE(fsm.ProcessEvent(E::NEGOTIATION_DONE).BidirectionalChanged());
    const NeighborActions full = fsm.ProcessEvent(E::EXCHANGE_DONE, Context(O::REQUEST_LIST_EMPTY));
    CHECK(full.FullChanged());
    CHECK_FALSE(full.BidirectionalChanged());
    const NeighborActions oneWay = fsm.ProcessEvent(E::ONE_WAY_RECEIVED);
    CHECK(oneWay.BidirectionalChanged());
    CHECK(oneWay.FullChanged());
}

TEST_CASE("OSPF 10.4: whether to become adjacent", "[ospf][neighbor-fsm]")
{
    // "An adjacency should be established with a bidirectional neighbor
    // when at least one of the following conditions holds: The underlying
    // network type is point-to-point ... The router itself is the
    // Designated Router ... the Backup Designated Router ... The
    // neighboring router is the Designated Router ... the Backup".
    AdjacencyContext c;
    c.type = InterfaceType::POINT_TO_POINT;
    CHECK(ShouldBeAdjacent(c)); // no DR at all on point-to-point

    c.type = InterfaceType::BROADCAST;
    c.self = Ipv4Address("10.0.0.1");
    c.neighbor = Ipv4Address("10.0.0.2");
    CHECK_FALSE(ShouldBeAdjacent(c)); // no DR, no BDR yet (0.0.0.0)
    c.dr = Ipv4Address("10.0.0.1");
    CHECK(ShouldBeAdjacent(c)); // self DR
    c.dr = Ipv4Address("10.0.0.2");
    CHECK(ShouldBeAdjacent(c)); // neighbor DR
    c.dr = Ipv4Address("10.0.0.3");
    CHECK_FALSE(ShouldBeAdjacent(c)); // both DR Other, no BDR
    c.bdr = Ipv4Address("10.0.0.1");
    CHECK(ShouldBeAdjacent(c)); // self BDR
    c.bdr = Ipv4Address("10.0.0.2");
    CHECK(ShouldBeAdjacent(c)); // neighbor BDR
    c.bdr = Ipv4Address("10.0.0.4");
    CHECK_FALSE(ShouldBeAdjacent(c));
}

TEST_CASE("OSPF 10.6: master/slave negotiation", "[ospf][neighbor-fsm]")
{
    const Ipv4Address low("1.1.1.1");
    const Ipv4Address high("2.2.2.2");
    // "The initialize(I), more (M) and master(MS) bits are set, the
    // contents of the packet are empty, and the neighbor's Router ID is
    // larger than the router's own. In this case the router is now Slave."
    CHECK(NegotiateMasterSlave(Dd(true, true, true, 77), 5, low, high) == MasterSlave::SLAVE);
    // Any condition missing: no negotiation.
    CHECK(NegotiateMasterSlave(Dd(true, true, true, 77), 5, high, low) == MasterSlave::UNDECIDED);
    CHECK(NegotiateMasterSlave(Dd(false, true, true, 77), 5, low, high) == MasterSlave::UNDECIDED);
    CHECK(NegotiateMasterSlave(Dd(true, false, true, 77), 5, low, high) == MasterSlave::UNDECIDED);
    CHECK(NegotiateMasterSlave(Dd(true, true, false, 77), 5, low, high) == MasterSlave::UNDECIDED);
    DdSummary notEmpty = Dd(true, true, true, 77);
    notEmpty.empty = false;
    CHECK(NegotiateMasterSlave(notEmpty, 5, low, high) == MasterSlave::UNDECIDED);
    // "The initialize(I) and master(MS) bits are off, the packet's DD
    // sequence number equals the neighbor data structure's DD sequence
    // number (indicating acknowledgment) and the neighbor's Router ID is
    // smaller than the router's own. In this case the router is Master."
    // (M may be either.)
    CHECK(NegotiateMasterSlave(Dd(false, true, false, 5), 5, high, low) == MasterSlave::MASTER);
    CHECK(NegotiateMasterSlave(Dd(false, false, false, 5), 5, high, low) == MasterSlave::MASTER);
    CHECK(NegotiateMasterSlave(Dd(false, true, false, 6), 5, high, low) == MasterSlave::UNDECIDED);
    CHECK(NegotiateMasterSlave(Dd(false, true, false, 5), 5, low, high) == MasterSlave::UNDECIDED);
    CHECK(NegotiateMasterSlave(Dd(true, true, false, 5), 5, high, low) == MasterSlave::UNDECIDED);
    CHECK(NegotiateMasterSlave(Dd(false, true, true, 5), 5, high, low) == MasterSlave::UNDECIDED);
}

TEST_CASE("OSPF 10.6: acceptance of Database Description packets", "[ospf][neighbor-fsm]")
{
    DdReceiverView v;
    v.routerId = Ipv4Address("1.1.1.1");
    v.neighborId = Ipv4Address("2.2.2.2");
    v.neighborOptions = 0x02;
    v.mtu = 1500;
    auto judge = [&v](const DdSummary& d) {
        return JudgeDatabaseDescription(d, v);
    };

    SECTION("Interface MTU larger than the interface accepts: rejected")
    {
        v.state = S::EXCHANGE;
        DdSummary d = Dd(false, true, true, 10);
        d.interfaceMtu = 9000;
        CHECK(judge(d).verdict == DdVerdict::REJECT);
        CHECK(judge(d).cause == DdCause::MTU_TOO_LARGE);
    }
    SECTION("Down and Attempt: rejected; Init: 2-WayReceived; 2-Way: ignored")
    {
        v.state = S::DOWN;
        CHECK(judge(Dd(true, true, true, 1)).verdict == DdVerdict::REJECT);
        v.state = S::ATTEMPT;
        CHECK(judge(Dd(true, true, true, 1)).verdict == DdVerdict::REJECT);
        v.state = S::INIT;
        CHECK(judge(Dd(true, true, true, 1)).verdict == DdVerdict::TWO_WAY_RECEIVED);
        v.state = S::TWO_WAY;
        CHECK(judge(Dd(true, true, true, 1)).verdict == DdVerdict::IGNORE);
    }
    SECTION("ExStart")
    {
        v.state = S::EX_START;
        v.ddSequence = 100;
        CHECK(judge(Dd(true, true, true, 900)).verdict == DdVerdict::NEGOTIATION_SLAVE);
        CHECK(judge(Dd(false, false, true, 100)).verdict == DdVerdict::IGNORE);
        std::swap(v.routerId, v.neighborId);
        CHECK(judge(Dd(false, false, false, 100)).verdict == DdVerdict::NEGOTIATION_MASTER);
        CHECK(judge(Dd(true, true, true, 900)).verdict == DdVerdict::IGNORE);
    }
    SECTION("Exchange, master")
    {
        v.state = S::EXCHANGE;
        v.master = true;
        v.ddSequence = 100;
        v.lastReceived = Dd(false, true, false, 99);
        // "If the router is master, the next packet received should have DD
        // sequence number equal to the DD sequence number in the neighbor
        // data structure."
        CHECK(judge(Dd(false, true, false, 100)).verdict == DdVerdict::ACCEPT);
        // "Duplicate Database Description packets are discarded by the
        // master"
        CHECK(judge(Dd(false, true, false, 99)).verdict == DdVerdict::DISCARD_DUPLICATE);
        // "If the state of the MS-bit is inconsistent with the master/slave
        // state of the connection, generate ... SeqNumberMismatch"
        CHECK(judge(Dd(false, true, true, 100)).cause == DdCause::MS_BIT);
        // "If the initialize(I) bit is set, generate ... SeqNumberMismatch"
        CHECK(judge(Dd(true, true, false, 100)).cause == DdCause::INIT_BIT);
        // "If the packet's Options field indicates a different set of
        // optional OSPF capabilities than were previously received"
        CHECK(judge(Dd(false, true, false, 100, 0x00)).cause == DdCause::OPTIONS);
        // "Else, generate the neighbor event SeqNumberMismatch"
        const DdJudgement j = judge(Dd(false, true, false, 101));
        CHECK(j.verdict == DdVerdict::SEQ_NUMBER_MISMATCH);
        CHECK(j.cause == DdCause::SEQUENCE);
    }
    SECTION("Exchange, slave")
    {
        v.state = S::EXCHANGE;
        v.master = false;
        v.ddSequence = 500;
        v.lastReceived = Dd(false, true, true, 500);
        // "If the router is slave, the next packet received should have DD
        // sequence number equal to one more than the DD sequence number
        // stored in the neighbor data structure."
        CHECK(judge(Dd(false, true, true, 501)).verdict == DdVerdict::ACCEPT);
        CHECK(judge(Dd(false, true, true, 500)).verdict == DdVerdict::RESEND_LAST);
        CHECK(judge(Dd(false, true, true, 502)).cause == DdCause::SEQUENCE);
        CHECK(judge(Dd(false, true, false, 501)).cause == DdCause::MS_BIT);
        // A changed M bit makes a packet with the same number no duplicate:
        // it is then out of sequence.
        CHECK(judge(Dd(false, false, true, 500)).cause == DdCause::SEQUENCE);
    }
    SECTION("Exchange, wrapping sequence numbers")
    {
        v.state = S::EXCHANGE;
        v.master = false;
        v.ddSequence = 0xFFFFFFFFu;
        CHECK(judge(Dd(false, true, true, 0)).verdict == DdVerdict::ACCEPT);
    }
    SECTION("Loading or Full")
    {
        // "The only packets received should be duplicates ... Any other
        // packets received, including the reception of a packet with the
        // Initialize(I) bit set, should generate the neighbor event
        // SeqNumberMismatch. Duplicates should be discarded by the master.
        // The slave must respond to duplicates by repeating the last
        // Database Description packet that it had sent."
        for (S s : {S::LOADING, S::FULL})
        {
            INFO(s);
            v.state = s;
            v.lastReceived = Dd(false, false, true, 502);
            v.master = false;
            CHECK(judge(Dd(false, false, true, 502)).verdict == DdVerdict::RESEND_LAST);
            CHECK(judge(Dd(false, false, true, 503)).cause == DdCause::NOT_DUPLICATE);
            CHECK(judge(Dd(true, true, true, 503)).cause == DdCause::INIT_BIT);
            CHECK(judge(Dd(false, false, true, 502, 0x42)).cause == DdCause::OPTIONS);
            // 10.8: after RouterDeadInterval the slave freed its last DD;
            // "Reception of a Database Description packet from the master
            // after this interval will generate a SeqNumberMismatch".
            v.lastSentHeld = false;
            CHECK(judge(Dd(false, false, true, 502)).cause == DdCause::LAST_DD_FREED);
            v.lastSentHeld = true;
            v.master = true;
            v.lastReceived = Dd(false, false, false, 502);
            CHECK(judge(Dd(false, false, false, 502)).verdict == DdVerdict::DISCARD_DUPLICATE);
        }
    }
}

TEST_CASE("OSPF 10.6: LS types in a Database Description packet", "[ospf][neighbor-fsm]")
{
    // "If the LS type is unknown (e.g., not one of the LS types 1-5 ...),
    // or if this is an AS-external-LSA (LS type = 5) and the neighbor is
    // associated with a stub area, generate the neighbor event
    // SeqNumberMismatch".
    for (uint8_t t = 1; t <= 5; ++t)
    {
        CHECK(DdLsTypeAcceptable(t, false));
    }
    CHECK(DdLsTypeAcceptable(4, true));
    CHECK_FALSE(DdLsTypeAcceptable(5, true));
    CHECK_FALSE(DdLsTypeAcceptable(0, false));
    CHECK_FALSE(DdLsTypeAcceptable(6, false));
    CHECK_FALSE(DdLsTypeAcceptable(10, false));
    // 10.6 Master/Slave: ExchangeDone once neither side has more.
    CHECK(ExchangeIsDone(false, false));
    CHECK_FALSE(ExchangeIsDone(true, false));
    CHECK_FALSE(ExchangeIsDone(false, true));
}

TEST_CASE("OSPF neighbor FSM: a database exchange as in 10.10", "[ospf][neighbor-fsm]")
{
    // RFC 2328 10.10 (Figure 14): RT1 and RT2 on a network, RT2 with the
    // higher Router ID. Both enter ExStart claiming master; RT1 sees RT2's
    // I|M|MS and becomes slave, adopting RT2's DD sequence number; RT2 sees
    // its own number echoed and stays master.
    const Ipv4Address rt1("1.1.1.1");
    const Ipv4Address rt2("2.2.2.2");
    const NeighborContext adjacent = Context(O::ADJACENT);
    NeighborFsm atRt1(100); // RT1's neighbor RT2
    NeighborFsm atRt2(500); // RT2's neighbor RT1
    atRt1.ProcessEvent(E::HELLO_RECEIVED);
    atRt2.ProcessEvent(E::HELLO_RECEIVED);
    atRt1.ProcessEvent(E::TWO_WAY_RECEIVED, adjacent);
    atRt2.ProcessEvent(E::TWO_WAY_RECEIVED, adjacent);
    REQUIRE(atRt1.GetState() == S::EX_START);
    REQUIRE(atRt2.GetState() == S::EX_START);

    // RT1's I|M|MS (seq 100) reaches RT2: RT1 is smaller, ignored.
    auto r = atRt2.ReceiveDd(Dd(true, true, true, 100), adjacent, rt2, rt1, 1500);
    CHECK(r.judgement.verdict == DdVerdict::IGNORE);
    CHECK(atRt2.GetState() == S::EX_START);

    // RT2's I|M|MS (seq 500) reaches RT1: slave, seq 500, Exchange.
    r = atRt1.ReceiveDd(Dd(true, true, true, 500), adjacent, rt1, rt2, 1500);
    CHECK(r.judgement.verdict == DdVerdict::NEGOTIATION_SLAVE);
    CHECK(atRt1.GetState() == S::EXCHANGE);
    CHECK_FALSE(atRt1.IsMaster());
    CHECK(atRt1.GetDdSequence() == 500);
    CHECK(atRt1.GetNeighborOptions() == 0x02);
    CHECK(r.actions.Types() == Types{A::LIST_DATABASE_SUMMARY});

    // RT1 replies (I, MS off, seq 500, M set): RT2 is master, increments.
    r = atRt2.ReceiveDd(Dd(false, true, false, 500), adjacent, rt2, rt1, 1500);
    CHECK(r.judgement.verdict == DdVerdict::NEGOTIATION_MASTER);
    CHECK(atRt2.GetState() == S::EXCHANGE);
    CHECK(atRt2.IsMaster());
    CHECK(atRt2.GetDdSequence() == 501);

    // RT2 polls with seq 501, M clear: RT1 accepts and takes 501.
    r = atRt1.ReceiveDd(Dd(false, false, true, 501), adjacent, rt1, rt2, 1500);
    CHECK(r.judgement.verdict == DdVerdict::ACCEPT);
    CHECK(atRt1.GetDdSequence() == 501);
    // "Note that the slave always generates this event before the master."
    REQUIRE(ExchangeIsDone(false, false));
    atRt1.ProcessEvent(E::EXCHANGE_DONE, Context(O::REQUEST_LIST_EMPTY));
    CHECK(atRt1.GetState() == S::FULL);

    // RT1's answer (seq 501, M clear): RT2 accepts, increments, Full.
    r = atRt2.ReceiveDd(Dd(false, false, false, 501), adjacent, rt2, rt1, 1500);
    CHECK(r.judgement.verdict == DdVerdict::ACCEPT);
    CHECK(atRt2.GetDdSequence() == 502);
    atRt2.ProcessEvent(E::EXCHANGE_DONE, Context(O::REQUEST_LIST_NOT_EMPTY));
    CHECK(atRt2.GetState() == S::LOADING);

    // RT2 retransmits its poll: RT1 (slave, Full) repeats its last DD.
    r = atRt1.ReceiveDd(Dd(false, false, true, 501), adjacent, rt1, rt2, 1500);
    CHECK(r.judgement.verdict == DdVerdict::RESEND_LAST);
    CHECK(atRt1.GetState() == S::FULL);
    // After RouterDeadInterval the same packet restarts the exchange.
    r = atRt1.ReceiveDd(Dd(false, false, true, 501), adjacent, rt1, rt2, 1500, false);
    CHECK(r.judgement.cause == DdCause::LAST_DD_FREED);
    CHECK(atRt1.GetState() == S::EX_START);
    CHECK(atRt1.IsMaster());
    CHECK(r.actions.Types() == kRestart);
    CHECK(r.actions.Find(A::SEND_DD)->ddSequence == 502);
    CHECK_FALSE(atRt1.GetLastReceivedDd().has_value());
}

TEST_CASE("OSPF neighbor FSM: a DD in Init runs 2-WayReceived first", "[ospf][neighbor-fsm]")
{
    // 10.6 Init: "The neighbor state machine should be executed with the
    // event 2-WayReceived ... If the new state is ExStart, the processing of
    // the current packet should then continue in this new state".
    const Ipv4Address self("1.1.1.1");
    const Ipv4Address peer("2.2.2.2");
    SECTION("adjacent: falls through to ExStart and negotiates")
    {
        NeighborFsm fsm(100);
        fsm.ProcessEvent(E::HELLO_RECEIVED);
        const auto r =
            fsm.ReceiveDd(Dd(true, true, true, 700), Context(O::ADJACENT), self, peer, 1500);
        CHECK(r.judgement.verdict == DdVerdict::NEGOTIATION_SLAVE);
        CHECK(fsm.GetState() == S::EXCHANGE);
        CHECK(fsm.GetDdSequence() == 700);
        CHECK(r.actions.Types() == Types{A::INCREMENT_DD_SEQUENCE,
                                         A::DECLARE_MASTER,
                                         A::SEND_DD,
                                         A::LIST_DATABASE_SUMMARY});
        REQUIRE(r.actions.transitions.size() == 2);
        CHECK(r.actions.transitions[0].to == S::EX_START);
        CHECK(r.actions.transitions[1].to == S::EXCHANGE);
    }
    SECTION("not adjacent: 2-Way, the packet is ignored")
    {
        NeighborFsm fsm(100);
        fsm.ProcessEvent(E::HELLO_RECEIVED);
        const auto r =
            fsm.ReceiveDd(Dd(true, true, true, 700), Context(O::NOT_ADJACENT), self, peer, 1500);
        CHECK(r.judgement.verdict == DdVerdict::IGNORE);
        CHECK(fsm.GetState() == S::TWO_WAY);
    }
}

TEST_CASE("OSPF neighbor FSM: an I bit in Exchange restarts the exchange", "[ospf][neighbor-fsm]")
{
    const Ipv4Address self("2.2.2.2");
    const Ipv4Address peer("1.1.1.1");
    NeighborFsm fsm(300);
    fsm.ProcessEvent(E::HELLO_RECEIVED);
    fsm.ProcessEvent(E::TWO_WAY_RECEIVED, Context(O::ADJACENT));
    fsm.ReceiveDd(Dd(false, true, false, 300), Context(O::ADJACENT), self, peer, 1500);
    REQUIRE(fsm.GetState() == S::EXCHANGE);
    REQUIRE(fsm.GetDdSequence() == 301);
    const auto r =
        fsm.ReceiveDd(Dd(true, true, false, 301), Context(O::ADJACENT), self, peer, 1500);
    CHECK(r.judgement.cause == DdCause::INIT_BIT);
    CHECK(fsm.GetState() == S::EX_START);
    CHECK(r.actions.Types() == kRestart);
    CHECK(r.actions.Find(A::SEND_DD)->ddSequence == 302);
}

TEST_CASE("OSPF neighbor FSM: RFC names in traces", "[ospf][neighbor-fsm]")
{
    std::ostringstream os;
    os << S::TWO_WAY << "|" << S::EX_START << "|" << E::TWO_WAY_RECEIVED << "|"
       << E::ONE_WAY_RECEIVED << "|" << E::ADJ_OK << "|" << E::SEQ_NUMBER_MISMATCH << "|"
       << E::BAD_LS_REQ << "|" << E::LL_DOWN << "|" << E::KILL_NBR;
    CHECK(os.str() ==
          "2-Way|ExStart|2-WayReceived|1-WayReceived|AdjOK?|SeqNumberMismatch|BadLSReq|LLDown|"
          "KillNbr");
    const NeighborFsm::Table::Row* row =
        NeighborFsm::Transitions().Find(S::INIT, E::TWO_WAY_RECEIVED, O::ADJACENT);
    REQUIRE(row != nullptr);
    CHECK(NeighborFsm::Table::Describe(*row) == "Init + 2-WayReceived -> ExStart (adjacent)");
}
