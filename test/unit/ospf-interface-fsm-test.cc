// SPDX-License-Identifier: GPL-2.0-only
// RFC 2328 9.3: the interface state machine, every entry of its table for
// point-to-point and broadcast interfaces, checked against the RFC's text.
#include "ns3/ospf-interface-fsm.h"

#include <catch2/catch.hpp>
#include <set>
#include <sstream>
#include <utility>
#include <vector>

using namespace ns3;
using namespace ns3::ospf;

namespace
{

using S = InterfaceState;
using E = InterfaceEvent;
using T = InterfaceActionType;
using Types = std::vector<InterfaceActionType>;

const Ipv4Address kSelfId("1.1.1.1");
const Ipv4Address kSelfAddr("10.0.0.1");

InterfaceConfig
Config(InterfaceType type, uint8_t priority)
{
    InterfaceConfig c;
    c.type = type;
    c.routerId = kSelfId;
    c.address = kSelfAddr;
    c.priority = priority;
    return c;
}

/// A neighbor n (Router ID n.n.n.n, address 10.0.0.n) with its declarations.
ElectionRouter
Nbr(int n, uint8_t priority, int dr, int bdr)
{
    auto addr = [](int k) {
        return k == 0 ? Ipv4Address::GetAny() : Ipv4Address((10u << 24) | uint32_t(k));
    };
    ElectionRouter r;
    r.routerId = Ipv4Address(uint32_t(n) * 0x01010101u);
    r.address = addr(n);
    r.priority = priority;
    r.declaredDr = addr(dr);
    r.declaredBdr = addr(bdr);
    return r;
}

/// Neighbor lists that make the calculating router (priority 1, address
/// 10.0.0.1, Router ID 1.1.1.1) come out of 9.4 as DR, Backup or neither.
std::vector<ElectionRouter>
MakesDr()
{
    return {}; // alone: 9.4 "it will select itself as Designated Router"
}

std::vector<ElectionRouter>
MakesBackup()
{
    // Router 5 declares itself DR, nobody Backup: X becomes Backup.
    return {Nbr(5, 1, 5, 0)};
}

std::vector<ElectionRouter>
MakesNeither()
{
    // Router 5 declares itself DR, router 6 Backup.
    return {Nbr(5, 1, 5, 6), Nbr(6, 1, 5, 6)};
}

/// A broadcast (or point-to-point) interface driven into `state`.
InterfaceFsm
InState(S state, InterfaceType type = InterfaceType::BROADCAST)
{
    const bool p2p = state == S::POINT_TO_POINT;
    InterfaceFsm fsm(Config(p2p ? InterfaceType::POINT_TO_POINT : type, 1));
    switch (state)
    {
    case S::DOWN:
        break;
    case S::LOOPBACK:
        fsm.ProcessEvent(E::LOOP_IND);
        break;
    case S::WAITING:
    case S::POINT_TO_POINT:
        fsm.ProcessEvent(E::INTERFACE_UP);
        break;
    case S::DR_OTHER:
        fsm.ProcessEvent(E::INTERFACE_UP);
        fsm.ProcessEvent(E::WAIT_TIMER, MakesNeither());
        break;
    case S::BACKUP:
        fsm.ProcessEvent(E::INTERFACE_UP);
        fsm.ProcessEvent(E::WAIT_TIMER, MakesBackup());
        break;
    case S::DR:
        fsm.ProcessEvent(E::INTERFACE_UP);
        fsm.ProcessEvent(E::WAIT_TIMER, MakesDr());
        break;
    }
    REQUIRE(fsm.GetState() == state);
    return fsm;
}

const S kAllStates[] = {
    S::DOWN, S::LOOPBACK, S::WAITING, S::POINT_TO_POINT, S::DR_OTHER, S::BACKUP, S::DR};
const E kAllEvents[] = {E::INTERFACE_UP,
                        E::WAIT_TIMER,
                        E::BACKUP_SEEN,
                        E::NEIGHBOR_CHANGE,
                        E::LOOP_IND,
                        E::UNLOOP_IND,
                        E::INTERFACE_DOWN};

} // namespace

TEST_CASE("OSPF interface FSM: Down, InterfaceUp", "[ospf][interface-fsm]")
{
    // 9.3 Down/InterfaceUp: "Start the interval Hello Timer ... If the
    // attached network is a physical point-to-point network ... the
    // interface state transitions to Point-to-Point. Else, if the router is
    // not eligible to become Designated Router the interface state
    // transitions to DR Other. Otherwise ... the interface state is set to
    // Waiting and the single shot Wait Timer is started."
    SECTION("point-to-point")
    {
        InterfaceFsm fsm(Config(InterfaceType::POINT_TO_POINT, 1));
        const InterfaceActions a = fsm.ProcessEvent(E::INTERFACE_UP);
        CHECK(a.Types() == Types{T::START_HELLO_TIMER});
        CHECK(fsm.GetState() == S::POINT_TO_POINT);
        REQUIRE(a.transitions.size() == 1);
        CHECK(a.transitions[0].from == S::DOWN);
        CHECK(a.transitions[0].event == E::INTERFACE_UP);
    }
    SECTION("point-to-point with priority 0 is still Point-to-point")
    {
        InterfaceFsm fsm(Config(InterfaceType::POINT_TO_POINT, 0));
        fsm.ProcessEvent(E::INTERFACE_UP);
        CHECK(fsm.GetState() == S::POINT_TO_POINT);
    }
    SECTION("broadcast, Router Priority 0")
    {
        // Section 9: "A router whose Router Priority is set to 0 is
        // ineligible to become Designated Router".
        InterfaceFsm fsm(Config(InterfaceType::BROADCAST, 0));
        const InterfaceActions a = fsm.ProcessEvent(E::INTERFACE_UP);
        CHECK(a.Types() == Types{T::START_HELLO_TIMER});
        CHECK(fsm.GetState() == S::DR_OTHER);
    }
    SECTION("broadcast, eligible")
    {
        InterfaceFsm fsm(Config(InterfaceType::BROADCAST, 1));
        const InterfaceActions a = fsm.ProcessEvent(E::INTERFACE_UP);
        CHECK(a.Types() == Types{T::START_HELLO_TIMER, T::START_WAIT_TIMER});
        CHECK(fsm.GetState() == S::WAITING);
        CHECK(fsm.GetDr() == Ipv4Address::GetAny());
    }
}

TEST_CASE("OSPF interface FSM: Waiting, BackupSeen and WaitTimer", "[ospf][interface-fsm]")
{
    // 9.3 Waiting/BackupSeen and Waiting/WaitTimer: "Calculate the attached
    // network's Backup Designated Router and Designated Router, as shown in
    // Section 9.4. As a result of this calculation, the new state of the
    // interface will be either DR Other, Backup or DR."
    for (E event : {E::BACKUP_SEEN, E::WAIT_TIMER})
    {
        INFO(event);
        {
            InterfaceFsm fsm = InState(S::WAITING);
            const InterfaceActions a = fsm.ProcessEvent(event, MakesDr());
            CHECK(fsm.GetState() == S::DR);
            CHECK(a.Types() == Types{T::CALCULATE_DR});
            CHECK(a.elected);
            CHECK(fsm.GetDr() == kSelfAddr);
            CHECK(fsm.GetDrRouterId() == kSelfId);
            CHECK(fsm.GetBdr() == Ipv4Address::GetAny());
        }
        {
            InterfaceFsm fsm = InState(S::WAITING);
            const InterfaceActions a = fsm.ProcessEvent(event, MakesBackup());
            CHECK(fsm.GetState() == S::BACKUP);
            CHECK(fsm.GetDr() == Ipv4Address("10.0.0.5"));
            CHECK(fsm.GetDrRouterId() == Ipv4Address("5.5.5.5"));
            CHECK(fsm.GetBdr() == kSelfAddr);
            // 9.4 step 7: DR and BDR changed from 0.0.0.0: AdjOK? on the
            // bidirectional neighbor, after the election.
            REQUIRE(a.Types() == Types{T::CALCULATE_DR, T::ADJ_OK});
            CHECK(a.actions[1].neighbor == Ipv4Address("10.0.0.5"));
        }
        {
            InterfaceFsm fsm = InState(S::WAITING);
            const InterfaceActions a = fsm.ProcessEvent(event, MakesNeither());
            CHECK(fsm.GetState() == S::DR_OTHER);
            CHECK(fsm.GetDr() == Ipv4Address("10.0.0.5"));
            CHECK(fsm.GetBdr() == Ipv4Address("10.0.0.6"));
            CHECK(a.Types() == Types{T::CALCULATE_DR, T::ADJ_OK, T::ADJ_OK});
        }
    }
}

TEST_CASE("OSPF interface FSM: NeighborChange in DR Other, Backup or DR", "[ospf][interface-fsm]")
{
    // 9.3 DR Other, Backup or DR/NeighborChange: "Recalculate the attached
    // network's Backup Designated Router and Designated Router ... the new
    // state of the interface will be either DR Other, Backup or DR."
    for (S from : {S::DR_OTHER, S::BACKUP, S::DR})
    {
        INFO(from);
        {
            InterfaceFsm fsm = InState(from);
            // Every neighbor gone: X alone elects itself DR.
            fsm.ProcessEvent(E::NEIGHBOR_CHANGE, MakesDr());
            CHECK(fsm.GetState() == S::DR);
        }
        {
            InterfaceFsm fsm = InState(from);
            // Router 7 declares itself DR, nobody Backup: X becomes Backup.
            // From DR too: step 3 takes the declared DR of highest Router
            // ID on a priority tie (7.7.7.7 over 1.1.1.1); X is "no longer
            // the Designated Router" (step 4), and the repeated step 2
            // makes it the Backup.
            fsm.ProcessEvent(E::NEIGHBOR_CHANGE, {Nbr(7, 1, 7, 0)});
            CHECK(fsm.GetState() == S::BACKUP);
            CHECK(fsm.GetDr() == Ipv4Address("10.0.0.7"));
            CHECK(fsm.GetBdr() == kSelfAddr);
        }
        {
            InterfaceFsm fsm = InState(from);
            fsm.ProcessEvent(E::NEIGHBOR_CHANGE, {Nbr(7, 1, 7, 8), Nbr(8, 1, 7, 8)});
            CHECK(fsm.GetState() == S::DR_OTHER);
        }
    }
}

TEST_CASE("OSPF interface FSM: a DR keeps its role when a higher Router ID declares DR too",
          "[ospf][interface-fsm]")
{
    // 9.4 step 3: among routers declaring themselves DR "the one having
    // highest Router Priority is declared ... In case of a tie, the one
    // having the highest Router ID". Our DR has priority 10, the other 1.
    InterfaceConfig c = Config(InterfaceType::BROADCAST, 10);
    InterfaceFsm fsm(c);
    fsm.ProcessEvent(E::INTERFACE_UP);
    fsm.ProcessEvent(E::WAIT_TIMER);
    REQUIRE(fsm.GetState() == S::DR);
    const InterfaceActions a = fsm.ProcessEvent(E::NEIGHBOR_CHANGE, {Nbr(7, 1, 7, 0)});
    CHECK(fsm.GetState() == S::DR);
    // Step 2: "Only those routers on the list that have not declared
    // themselves to be Designated Router are eligible to become Backup":
    // neither is, until router 7 drops its claim.
    CHECK(fsm.GetBdr() == Ipv4Address::GetAny());
    CHECK(a.transitions.empty());
    fsm.ProcessEvent(E::NEIGHBOR_CHANGE, {Nbr(7, 1, 1, 0)});
    CHECK(fsm.GetState() == S::DR);
    CHECK(fsm.GetBdr() == Ipv4Address("10.0.0.7"));
}

TEST_CASE("OSPF interface FSM: InterfaceDown and LoopInd from any state", "[ospf][interface-fsm]")
{
    // 9.3 Any State/InterfaceDown -> Down: "All interface variables are
    // reset, and interface timers disabled. Also, all neighbor connections
    // associated with the interface are destroyed. This is done by
    // generating the event KillNbr on all associated neighbors".
    // 9.3 Any State/LoopInd -> Loopback: "the actions associated with the
    // above InterfaceDown event are executed."
    const Types reset{T::RESET_VARIABLES, T::DISABLE_TIMERS, T::KILL_NEIGHBORS};
    for (S from : kAllStates)
    {
        INFO(from);
        {
            InterfaceFsm fsm = InState(from);
            const InterfaceActions a = fsm.ProcessEvent(E::INTERFACE_DOWN);
            CHECK_FALSE(a.ignored);
            CHECK(a.Types() == reset);
            CHECK(fsm.GetState() == S::DOWN);
            CHECK(fsm.GetDr() == Ipv4Address::GetAny());
            CHECK(fsm.GetBdr() == Ipv4Address::GetAny());
            CHECK(fsm.GetDrRouterId() == Ipv4Address::GetAny());
        }
        {
            InterfaceFsm fsm = InState(from);
            const InterfaceActions a = fsm.ProcessEvent(E::LOOP_IND);
            CHECK(a.Types() == reset);
            CHECK(fsm.GetState() == S::LOOPBACK);
            CHECK(fsm.GetDr() == Ipv4Address::GetAny());
        }
    }
}

TEST_CASE("OSPF interface FSM: Loopback, UnloopInd", "[ospf][interface-fsm]")
{
    // 9.3 Loopback/UnloopInd -> Down: "No actions are necessary ... Note
    // that reception of an InterfaceUp event is necessary before the
    // interface again becomes fully functional."
    InterfaceFsm fsm = InState(S::LOOPBACK);
    const InterfaceActions a = fsm.ProcessEvent(E::UNLOOP_IND);
    CHECK(a.actions.empty());
    CHECK(fsm.GetState() == S::DOWN);
    fsm.ProcessEvent(E::INTERFACE_UP);
    CHECK(fsm.GetState() == S::WAITING);
}

TEST_CASE("OSPF interface FSM: events not expected are ignored", "[ospf][interface-fsm]")
{
    // The pairs 9.3 lists; every other (state, event) pair has no entry.
    std::set<std::pair<S, E>> expected = {
        {S::DOWN, E::INTERFACE_UP},
        {S::WAITING, E::BACKUP_SEEN},
        {S::WAITING, E::WAIT_TIMER},
        {S::DR_OTHER, E::NEIGHBOR_CHANGE},
        {S::BACKUP, E::NEIGHBOR_CHANGE},
        {S::DR, E::NEIGHBOR_CHANGE},
        {S::LOOPBACK, E::UNLOOP_IND},
    };
    for (S s : kAllStates)
    {
        expected.insert({s, E::INTERFACE_DOWN});
        expected.insert({s, E::LOOP_IND});
    }
    std::set<std::pair<S, E>> inTable;
    for (const auto& row : InterfaceFsm::Transitions().GetRows())
    {
        inTable.insert({row.state, row.event});
    }
    CHECK(inTable == expected);

    for (S s : kAllStates)
    {
        for (E e : kAllEvents)
        {
            if (expected.count({s, e}) != 0)
            {
                continue;
            }
            INFO(s << " + " << e);
            InterfaceFsm fsm = InState(s);
            const Ipv4Address dr = fsm.GetDr();
            const InterfaceActions a = fsm.ProcessEvent(e, MakesNeither());
            CHECK(a.ignored);
            CHECK(a.actions.empty());
            CHECK(a.transitions.empty());
            CHECK(fsm.GetState() == s);
            CHECK(fsm.GetDr() == dr);
        }
    }
}

TEST_CASE("OSPF interface FSM: a point-to-point interface elects nobody", "[ospf][interface-fsm]")
{
    // 9.4 is for broadcast and NBMA networks; a point-to-point interface
    // has no Waiting state and no NeighborChange entry.
    InterfaceFsm fsm = InState(S::POINT_TO_POINT);
    const InterfaceActions a = fsm.ProcessEvent(E::NEIGHBOR_CHANGE, MakesNeither());
    CHECK(a.ignored);
    CHECK_FALSE(a.elected);
    CHECK(fsm.GetDr() == Ipv4Address::GetAny());
}

TEST_CASE("OSPF interface FSM: the table has one row per (state, event, outcome)",
          "[ospf][interface-fsm]")
{
    using Table = InterfaceFsm::Table;
    CHECK(Table::FindDuplicate(InterfaceFsm::Transitions().GetRows()).empty());
    // A second row for Loopback/UnloopInd is caught.
    std::vector<Table::Row> rows = InterfaceFsm::Transitions().GetRows();
    rows.push_back({S::LOOPBACK, E::UNLOOP_IND, InterfaceFsm::Step::NONE, S::LOOPBACK});
    CHECK_FALSE(Table::FindDuplicate(rows).empty());
}

TEST_CASE("OSPF interface FSM: RFC names in traces", "[ospf][interface-fsm]")
{
    std::ostringstream os;
    os << S::POINT_TO_POINT << "|" << S::DR_OTHER << "|" << S::BACKUP << "|" << E::BACKUP_SEEN
       << "|" << E::UNLOOP_IND << "|" << E::INTERFACE_DOWN;
    CHECK(os.str() == "Point-to-point|DR Other|Backup|BackupSeen|UnloopInd|InterfaceDown");
    CHECK(InterfaceFsm::Table::Describe(S::WAITING, E::WAIT_TIMER) == "Waiting + WaitTimer");
    // Print(): one line per row, in the RFC's order, the outcome in brackets.
    std::ostringstream table;
    InterfaceFsm::Transitions().Print(table);
    CHECK(table.str().rfind("Down + InterfaceUp -> Point-to-point (point-to-point network)\n", 0) ==
          0);
    CHECK(table.str().find("Waiting + BackupSeen -> Backup (elected Backup)\n") !=
          std::string::npos);
    CHECK(table.str().find("Loopback + UnloopInd -> Down\n") != std::string::npos);
}
