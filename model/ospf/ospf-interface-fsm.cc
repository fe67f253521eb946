/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ospf-interface-fsm.h"

#include "ns3/log.h"

#include <optional>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("OspfInterfaceFsm");

namespace ospf
{

bool
InterfaceActions::Has(InterfaceActionType type) const
{
    for (const InterfaceAction& a : actions)
    {
        if (a.type == type)
        {
            return true;
        }
    }
    return false;
}

std::vector<InterfaceActionType>
InterfaceActions::Types() const
{
    std::vector<InterfaceActionType> types;
    for (const InterfaceAction& a : actions)
    {
        types.push_back(a.type);
    }
    return types;
}

using S = InterfaceState;
using E = InterfaceEvent;
using O = InterfaceOutcome;
using Step = InterfaceFsm::Step;

const InterfaceFsm::Table&
InterfaceFsm::Transitions()
{
    // RFC 2328 9.3, entries in the RFC's order. "Any State" expands to one
    // row per state; the role column is the action routine's outcome where
    // the RFC says "Depends upon action routine". Pairs not listed are
    // ignored.
    static const Table table = [] {
        std::vector<Table::Row> t = {
            // 9.3 Down, InterfaceUp: start the Hello Timer; point-to-point
            // -> Point-to-point; not eligible to become DR -> DR Other;
            // else Waiting with the single shot Wait Timer started.
            {S::DOWN,
             E::INTERFACE_UP,
             Step::START_HELLO,
             S::POINT_TO_POINT,
             O::POINT_TO_POINT_NETWORK},
            {S::DOWN, E::INTERFACE_UP, Step::START_HELLO, S::DR_OTHER, O::NOT_ELIGIBLE},
            {S::DOWN, E::INTERFACE_UP, Step::START_HELLO_AND_WAIT, S::WAITING, O::ELIGIBLE},
            // 9.3 Waiting, BackupSeen: calculate BDR and DR (9.4); the new
            // state is DR Other, Backup or DR.
            {S::WAITING, E::BACKUP_SEEN, Step::ELECT, S::DR_OTHER, O::ELECTED_NEITHER},
            {S::WAITING, E::BACKUP_SEEN, Step::ELECT, S::BACKUP, O::ELECTED_BACKUP},
            {S::WAITING, E::BACKUP_SEEN, Step::ELECT, S::DR, O::ELECTED_DR},
            // 9.3 Waiting, WaitTimer: the same calculation.
            {S::WAITING, E::WAIT_TIMER, Step::ELECT, S::DR_OTHER, O::ELECTED_NEITHER},
            {S::WAITING, E::WAIT_TIMER, Step::ELECT, S::BACKUP, O::ELECTED_BACKUP},
            {S::WAITING, E::WAIT_TIMER, Step::ELECT, S::DR, O::ELECTED_DR},
        };
        // 9.3 DR Other, Backup or DR, NeighborChange: recalculate (9.4).
        for (S s : {S::DR_OTHER, S::BACKUP, S::DR})
        {
            t.push_back({s, E::NEIGHBOR_CHANGE, Step::ELECT, S::DR_OTHER, O::ELECTED_NEITHER});
            t.push_back({s, E::NEIGHBOR_CHANGE, Step::ELECT, S::BACKUP, O::ELECTED_BACKUP});
            t.push_back({s, E::NEIGHBOR_CHANGE, Step::ELECT, S::DR, O::ELECTED_DR});
        }
        const S all[] = {
            S::DOWN, S::LOOPBACK, S::WAITING, S::POINT_TO_POINT, S::DR_OTHER, S::BACKUP, S::DR};
        // 9.3 Any State, InterfaceDown -> Down: variables reset, timers
        // disabled, KillNbr on every neighbor.
        for (S s : all)
        {
            t.push_back({s, E::INTERFACE_DOWN, Step::RESET, S::DOWN});
        }
        // 9.3 Any State, LoopInd -> Loopback: InterfaceDown's actions.
        for (S s : all)
        {
            t.push_back({s, E::LOOP_IND, Step::RESET, S::LOOPBACK});
        }
        // 9.3 Loopback, UnloopInd -> Down: no actions.
        t.push_back({S::LOOPBACK, E::UNLOOP_IND, Step::NONE, S::DOWN});
        return Table(t);
    }();
    return table;
}

InterfaceOutcome
InterfaceFsm::InterfaceUpOutcome(const InterfaceConfig& config)
{
    // 9.3 Down/InterfaceUp: point-to-point networks go to Point-to-point;
    // "if the router is not eligible to become Designated Router" (Router
    // Priority 0, section 9) DR Other; else Waiting.
    if (config.type == InterfaceType::POINT_TO_POINT)
    {
        return O::POINT_TO_POINT_NETWORK;
    }
    return config.priority == 0 ? O::NOT_ELIGIBLE : O::ELIGIBLE;
}

InterfaceFsm::InterfaceFsm(const InterfaceConfig& config)
    : m_config(config)
    , m_state(S::DOWN)
    , m_dr(Ipv4Address::GetAny())
    , m_bdr(Ipv4Address::GetAny())
    , m_drRouterId(Ipv4Address::GetAny())
    , m_bdrRouterId(Ipv4Address::GetAny())
{
}

InterfaceActions
InterfaceFsm::ProcessEvent(InterfaceEvent event, const std::vector<ElectionRouter>& neighbors)
{
    InterfaceActions out;
    std::optional<InterfaceOutcome> outcome;
    ElectionResult election;
    switch (event)
    {
    case E::INTERFACE_UP:
        outcome = InterfaceUpOutcome(m_config);
        break;
    case E::WAIT_TIMER:
    case E::BACKUP_SEEN:
    case E::NEIGHBOR_CHANGE:
        if (m_config.type == InterfaceType::BROADCAST)
        {
            election = ElectDesignatedRouter(GetSelf(), neighbors);
            outcome = election.selfIsDr    ? O::ELECTED_DR
                      : election.selfIsBdr ? O::ELECTED_BACKUP
                                           : O::ELECTED_NEITHER;
        }
        break;
    default:
        break;
    }
    const Table::Row* row = Transitions().Find(m_state, event, outcome);
    if (row == nullptr)
    {
        NS_LOG_LOGIC("ignored: " << Table::Describe(m_state, event));
        out.ignored = true;
        return out;
    }
    NS_LOG_LOGIC(Table::Describe(*row));
    RunStep(row->action, election, out);
    SetState(row->next, event, out);
    return out;
}

void
InterfaceFsm::RunStep(Step step, const ElectionResult& election, InterfaceActions& out)
{
    switch (step)
    {
    case Step::NONE:
        break;
    case Step::START_HELLO:
        out.actions.push_back({InterfaceActionType::START_HELLO_TIMER});
        break;
    case Step::START_HELLO_AND_WAIT:
        out.actions.push_back({InterfaceActionType::START_HELLO_TIMER});
        out.actions.push_back({InterfaceActionType::START_WAIT_TIMER});
        break;
    case Step::ELECT:
        // 9.4 steps 1-5 chose the row; keep the result, then step 7.
        m_dr = election.dr;
        m_bdr = election.bdr;
        m_drRouterId = election.drRouterId;
        m_bdrRouterId = election.bdrRouterId;
        out.elected = true;
        out.election = election;
        out.actions.push_back({InterfaceActionType::CALCULATE_DR});
        for (const Ipv4Address& n : election.adjOk)
        {
            out.actions.push_back({InterfaceActionType::ADJ_OK, n});
        }
        break;
    case Step::RESET:
        // 9.1 Down: "interface parameters should be set to their initial
        // values"; section 9: DR and BDR initialized to 0.0.0.0.
        m_dr = Ipv4Address::GetAny();
        m_bdr = Ipv4Address::GetAny();
        m_drRouterId = Ipv4Address::GetAny();
        m_bdrRouterId = Ipv4Address::GetAny();
        out.actions.push_back({InterfaceActionType::RESET_VARIABLES});
        out.actions.push_back({InterfaceActionType::DISABLE_TIMERS});
        out.actions.push_back({InterfaceActionType::KILL_NEIGHBORS});
        break;
    }
}

void
InterfaceFsm::SetState(InterfaceState next, InterfaceEvent cause, InterfaceActions& out)
{
    if (next != m_state)
    {
        out.transitions.push_back({m_state, next, cause});
        m_state = next;
    }
}

InterfaceState
InterfaceFsm::GetState() const
{
    return m_state;
}

const InterfaceConfig&
InterfaceFsm::GetConfig() const
{
    return m_config;
}

Ipv4Address
InterfaceFsm::GetDr() const
{
    return m_dr;
}

Ipv4Address
InterfaceFsm::GetBdr() const
{
    return m_bdr;
}

Ipv4Address
InterfaceFsm::GetDrRouterId() const
{
    return m_drRouterId;
}

Ipv4Address
InterfaceFsm::GetBdrRouterId() const
{
    return m_bdrRouterId;
}

ElectionRouter
InterfaceFsm::GetSelf() const
{
    ElectionRouter self;
    self.routerId = m_config.routerId;
    self.address = m_config.address;
    self.priority = m_config.priority;
    self.declaredDr = m_dr;
    self.declaredBdr = m_bdr;
    return self;
}

std::ostream&
operator<<(std::ostream& os, InterfaceType type)
{
    switch (type)
    {
    case InterfaceType::POINT_TO_POINT:
        return os << "point-to-point";
    case InterfaceType::BROADCAST:
        return os << "broadcast";
    }
    return os << "InterfaceType(" << static_cast<int>(type) << ")";
}

std::ostream&
operator<<(std::ostream& os, InterfaceState state)
{
    // RFC 2328 9.1 names.
    switch (state)
    {
    case S::DOWN:
        return os << "Down";
    case S::LOOPBACK:
        return os << "Loopback";
    case S::WAITING:
        return os << "Waiting";
    case S::POINT_TO_POINT:
        return os << "Point-to-point";
    case S::DR_OTHER:
        return os << "DR Other";
    case S::BACKUP:
        return os << "Backup";
    case S::DR:
        return os << "DR";
    }
    return os << "InterfaceState(" << static_cast<int>(state) << ")";
}

std::ostream&
operator<<(std::ostream& os, InterfaceEvent event)
{
    // RFC 2328 9.2 names.
    switch (event)
    {
    case E::INTERFACE_UP:
        return os << "InterfaceUp";
    case E::WAIT_TIMER:
        return os << "WaitTimer";
    case E::BACKUP_SEEN:
        return os << "BackupSeen";
    case E::NEIGHBOR_CHANGE:
        return os << "NeighborChange";
    case E::LOOP_IND:
        return os << "LoopInd";
    case E::UNLOOP_IND:
        return os << "UnloopInd";
    case E::INTERFACE_DOWN:
        return os << "InterfaceDown";
    }
    return os << "InterfaceEvent(" << static_cast<int>(event) << ")";
}

std::ostream&
operator<<(std::ostream& os, InterfaceOutcome outcome)
{
    switch (outcome)
    {
    case O::POINT_TO_POINT_NETWORK:
        return os << "point-to-point network";
    case O::NOT_ELIGIBLE:
        return os << "not eligible";
    case O::ELIGIBLE:
        return os << "eligible";
    case O::ELECTED_DR:
        return os << "elected DR";
    case O::ELECTED_BACKUP:
        return os << "elected Backup";
    case O::ELECTED_NEITHER:
        return os << "neither DR nor Backup";
    }
    return os << "InterfaceOutcome(" << static_cast<int>(outcome) << ")";
}

std::ostream&
operator<<(std::ostream& os, InterfaceActionType type)
{
    switch (type)
    {
    case InterfaceActionType::START_HELLO_TIMER:
        return os << "start Hello Timer";
    case InterfaceActionType::START_WAIT_TIMER:
        return os << "start Wait Timer";
    case InterfaceActionType::CALCULATE_DR:
        return os << "calculate DR/BDR";
    case InterfaceActionType::ADJ_OK:
        return os << "AdjOK?";
    case InterfaceActionType::RESET_VARIABLES:
        return os << "reset variables";
    case InterfaceActionType::DISABLE_TIMERS:
        return os << "disable timers";
    case InterfaceActionType::KILL_NEIGHBORS:
        return os << "KillNbr on all neighbors";
    }
    return os << "InterfaceActionType(" << static_cast<int>(type) << ")";
}

std::ostream&
operator<<(std::ostream& os, InterfaceFsm::Step step)
{
    switch (step)
    {
    case Step::NONE:
        return os << "none";
    case Step::START_HELLO:
        return os << "start Hello Timer";
    case Step::START_HELLO_AND_WAIT:
        return os << "start Hello and Wait Timers";
    case Step::ELECT:
        return os << "elect DR/BDR";
    case Step::RESET:
        return os << "reset, KillNbr";
    }
    return os << "Step(" << static_cast<int>(step) << ")";
}

} // namespace ospf
} // namespace ns3
