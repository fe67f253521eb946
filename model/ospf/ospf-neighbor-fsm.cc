/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ospf-neighbor-fsm.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("OspfNeighborFsm");

namespace ospf
{

using S = NeighborState;
using E = NeighborEvent;
using O = NeighborOutcome;
using Step = NeighborFsm::Step;
using A = NeighborActionType;

// ------------------------------------------------------------- actions

bool
NeighborAction::operator==(const NeighborAction& o) const
{
    return type == o.type && ddSequence == o.ddSequence && init == o.init && more == o.more &&
           master == o.master;
}

bool
NeighborActions::Has(NeighborActionType type) const
{
    return Find(type) != nullptr;
}

const NeighborAction*
NeighborActions::Find(NeighborActionType type) const
{
    for (const NeighborAction& a : actions)
    {
        if (a.type == type)
        {
            return &a;
        }
    }
    return nullptr;
}

std::vector<NeighborActionType>
NeighborActions::Types() const
{
    std::vector<NeighborActionType> types;
    for (const NeighborAction& a : actions)
    {
        types.push_back(a.type);
    }
    return types;
}

bool
NeighborActions::BidirectionalChanged() const
{
    for (const NeighborTransition& t : transitions)
    {
        if ((t.from >= S::TWO_WAY) != (t.to >= S::TWO_WAY))
        {
            return true;
        }
    }
    return false;
}

bool
NeighborActions::FullChanged() const
{
    for (const NeighborTransition& t : transitions)
    {
        if ((t.from == S::FULL) != (t.to == S::FULL))
        {
            return true;
        }
    }
    return false;
}

void
NeighborActions::Append(const NeighborActions& other)
{
    actions.insert(actions.end(), other.actions.begin(), other.actions.end());
    transitions.insert(transitions.end(), other.transitions.begin(), other.transitions.end());
}

// ----------------------------------------------------- decision logic

bool
ShouldBeAdjacent(const AdjacencyContext& c)
{
    // 10.4: point-to-point networks always become adjacent (as do
    // Point-to-MultiPoint networks and virtual links, not modelled).
    if (c.type == InterfaceType::POINT_TO_POINT)
    {
        return true;
    }
    // Broadcast: adjacent when the router itself or the neighbor is the
    // Designated Router or the Backup Designated Router. 0.0.0.0 names none.
    const Ipv4Address none = Ipv4Address::GetAny();
    auto is = [&none](Ipv4Address role, Ipv4Address who) {
        return role != none && role == who;
    };
    return is(c.dr, c.self) || is(c.bdr, c.self) || is(c.dr, c.neighbor) || is(c.bdr, c.neighbor);
}

bool
DdSummary::SameAs(const DdSummary& o) const
{
    // 10.6: the I, M and MS bits, Options and DD sequence number.
    return init == o.init && more == o.more && master == o.master && options == o.options &&
           sequence == o.sequence;
}

MasterSlave
NegotiateMasterSlave(const DdSummary& dd,
                     uint32_t ddSequence,
                     Ipv4Address routerId,
                     Ipv4Address neighborId)
{
    // 10.6 ExStart, first case: I, M and MS set, the packet empty, and the
    // neighbor's Router ID larger than ours: we are slave.
    if (dd.init && dd.more && dd.master && dd.empty && neighborId.Get() > routerId.Get())
    {
        return MasterSlave::SLAVE;
    }
    // Second case: I and MS off, our DD sequence number echoed, and the
    // neighbor's Router ID smaller than ours: we are master.
    if (!dd.init && !dd.master && dd.sequence == ddSequence && neighborId.Get() < routerId.Get())
    {
        return MasterSlave::MASTER;
    }
    return MasterSlave::UNDECIDED;
}

DdJudgement
JudgeDatabaseDescription(const DdSummary& dd, const DdReceiverView& v)
{
    // 10.6: "If the Interface MTU field ... indicates an IP datagram size
    // that is larger than the router can accept ... rejected."
    if (dd.interfaceMtu > v.mtu)
    {
        return {DdVerdict::REJECT, DdCause::MTU_TOO_LARGE};
    }
    const bool duplicate = v.lastReceived.has_value() && dd.SameAs(*v.lastReceived);
    switch (v.state)
    {
    case S::DOWN:
    case S::ATTEMPT:
        return {DdVerdict::REJECT, DdCause::NONE};
    case S::INIT:
        return {DdVerdict::TWO_WAY_RECEIVED, DdCause::NONE};
    case S::TWO_WAY:
        return {DdVerdict::IGNORE, DdCause::NONE};
    case S::EX_START:
        switch (NegotiateMasterSlave(dd, v.ddSequence, v.routerId, v.neighborId))
        {
        case MasterSlave::SLAVE:
            return {DdVerdict::NEGOTIATION_SLAVE, DdCause::NONE};
        case MasterSlave::MASTER:
            return {DdVerdict::NEGOTIATION_MASTER, DdCause::NONE};
        case MasterSlave::UNDECIDED:
            break;
        }
        return {DdVerdict::IGNORE, DdCause::NONE};
    case S::EXCHANGE: {
        // Duplicates are discarded by the master and make the slave
        // retransmit its last DD.
        if (duplicate)
        {
            return {v.master ? DdVerdict::DISCARD_DUPLICATE : DdVerdict::RESEND_LAST,
                    DdCause::NONE};
        }
        // The master's packets carry MS, the slave's do not.
        if (dd.master == v.master)
        {
            return {DdVerdict::SEQ_NUMBER_MISMATCH, DdCause::MS_BIT};
        }
        if (dd.init)
        {
            return {DdVerdict::SEQ_NUMBER_MISMATCH, DdCause::INIT_BIT};
        }
        if (dd.options != v.neighborOptions)
        {
            return {DdVerdict::SEQ_NUMBER_MISMATCH, DdCause::OPTIONS};
        }
        // The master expects its own DD sequence number echoed, the slave
        // one more than the number it holds.
        const uint32_t expected = v.master ? v.ddSequence : v.ddSequence + 1;
        if (dd.sequence == expected)
        {
            return {DdVerdict::ACCEPT, DdCause::NONE};
        }
        return {DdVerdict::SEQ_NUMBER_MISMATCH, DdCause::SEQUENCE};
    }
    case S::LOADING:
    case S::FULL:
        // Only duplicates are expected; the slave answers them while it
        // still holds its last DD (10.8), the master discards them.
        if (duplicate)
        {
            if (v.master)
            {
                return {DdVerdict::DISCARD_DUPLICATE, DdCause::NONE};
            }
            if (v.lastSentHeld)
            {
                return {DdVerdict::RESEND_LAST, DdCause::NONE};
            }
            return {DdVerdict::SEQ_NUMBER_MISMATCH, DdCause::LAST_DD_FREED};
        }
        if (dd.init)
        {
            return {DdVerdict::SEQ_NUMBER_MISMATCH, DdCause::INIT_BIT};
        }
        if (dd.options != v.neighborOptions)
        {
            return {DdVerdict::SEQ_NUMBER_MISMATCH, DdCause::OPTIONS};
        }
        return {DdVerdict::SEQ_NUMBER_MISMATCH, DdCause::NOT_DUPLICATE};
    }
    return {DdVerdict::IGNORE, DdCause::NONE};
}

bool
DdLsTypeAcceptable(uint8_t lsType, bool stubArea)
{
    // 10.6: LS types 1-5 are defined; type 5 is not flooded into stub areas.
    if (lsType < 1 || lsType > 5)
    {
        return false;
    }
    return !(lsType == 5 && stubArea);
}

bool
ExchangeIsDone(bool receivedMore, bool localMore)
{
    return !receivedMore && !localMore;
}

// ------------------------------------------------------ state machine

const NeighborFsm::Table&
NeighborFsm::Transitions()
{
    // RFC 2328 10.3, entries in the RFC's order. "Any state", "Init or
    // greater" and the like expand to one row per state; the role column
    // is the action routine's outcome where the RFC says "Depends upon
    // action routine". Pairs not listed are ignored.
    static const Table table = [] {
        const S all[] = {S::DOWN,
                         S::ATTEMPT,
                         S::INIT,
                         S::TWO_WAY,
                         S::EX_START,
                         S::EXCHANGE,
                         S::LOADING,
                         S::FULL};
        std::vector<Table::Row> t;
        // 10.3 Down, Start -> Attempt: send a Hello to the neighbor, start
        // the Inactivity Timer.
        t.push_back({S::DOWN, E::START, Step::SEND_HELLO_START_TIMER, S::ATTEMPT});
        // 10.3 Attempt, HelloReceived -> Init: restart the Inactivity Timer.
        t.push_back({S::ATTEMPT, E::HELLO_RECEIVED, Step::RESTART_TIMER, S::INIT});
        // 10.3 Down, HelloReceived -> Init: start the Inactivity Timer.
        t.push_back({S::DOWN, E::HELLO_RECEIVED, Step::START_TIMER, S::INIT});
        // 10.3 Init or greater, HelloReceived -> no state change: restart
        // the Inactivity Timer.
        for (S s : {S::INIT, S::TWO_WAY, S::EX_START, S::EXCHANGE, S::LOADING, S::FULL})
        {
            t.push_back({s, E::HELLO_RECEIVED, Step::RESTART_TIMER, s});
        }
        // 10.3 Init, 2-WayReceived: 10.4 decides; not adjacent -> 2-Way,
        // adjacent -> ExStart (DD sequence number, master, empty DD I|M|MS).
        t.push_back({S::INIT, E::TWO_WAY_RECEIVED, Step::NONE, S::TWO_WAY, O::NOT_ADJACENT});
        t.push_back({S::INIT, E::TWO_WAY_RECEIVED, Step::START_EXSTART, S::EX_START, O::ADJACENT});
        // 10.3 ExStart, NegotiationDone -> Exchange: list the database in
        // the Database summary list (MaxAge LSAs on the retransmission list).
        t.push_back({S::EX_START, E::NEGOTIATION_DONE, Step::LIST_SUMMARY, S::EXCHANGE});
        // 10.3 Exchange, ExchangeDone: request list empty -> Full; else
        // Loading, sending Link State Requests.
        t.push_back({S::EXCHANGE, E::EXCHANGE_DONE, Step::NONE, S::FULL, O::REQUEST_LIST_EMPTY});
        t.push_back({S::EXCHANGE,
                     E::EXCHANGE_DONE,
                     Step::SEND_LS_REQUEST,
                     S::LOADING,
                     O::REQUEST_LIST_NOT_EMPTY});
        // 10.3 Loading, LoadingDone -> Full: no action.
        t.push_back({S::LOADING, E::LOADING_DONE, Step::NONE, S::FULL});
        // 10.3 2-Way, AdjOK?: not adjacent -> stays 2-Way; adjacent ->
        // ExStart with the actions of Init/2-WayReceived.
        t.push_back({S::TWO_WAY, E::ADJ_OK, Step::NONE, S::TWO_WAY, O::NOT_ADJACENT});
        t.push_back({S::TWO_WAY, E::ADJ_OK, Step::START_EXSTART, S::EX_START, O::ADJACENT});
        // 10.3 ExStart or greater, AdjOK?: still adjacent -> no change;
        // else 2-Way with the three lists cleared.
        for (S s : {S::EX_START, S::EXCHANGE, S::LOADING, S::FULL})
        {
            t.push_back({s, E::ADJ_OK, Step::NONE, s, O::ADJACENT});
            t.push_back({s, E::ADJ_OK, Step::CLEAR_LISTS, S::TWO_WAY, O::NOT_ADJACENT});
        }
        // 10.3 Exchange or greater, SeqNumberMismatch -> ExStart: lists
        // cleared, DD sequence number incremented, master, empty DD I|M|MS.
        for (S s : {S::EXCHANGE, S::LOADING, S::FULL})
        {
            t.push_back({s, E::SEQ_NUMBER_MISMATCH, Step::RESTART_EXCHANGE, S::EX_START});
        }
        // 10.3 Exchange or greater, BadLSReq -> ExStart: exactly the
        // actions of SeqNumberMismatch.
        for (S s : {S::EXCHANGE, S::LOADING, S::FULL})
        {
            t.push_back({s, E::BAD_LS_REQ, Step::RESTART_EXCHANGE, S::EX_START});
        }
        // 10.3 Any state, KillNbr -> Down: lists cleared, Inactivity Timer
        // disabled.
        for (S s : all)
        {
            t.push_back({s, E::KILL_NBR, Step::CLEAR_AND_STOP_TIMER, S::DOWN});
        }
        // 10.3 Any state, LLDown -> Down: the same.
        for (S s : all)
        {
            t.push_back({s, E::LL_DOWN, Step::CLEAR_AND_STOP_TIMER, S::DOWN});
        }
        // 10.3 Any state, InactivityTimer -> Down: lists cleared.
        for (S s : all)
        {
            t.push_back({s, E::INACTIVITY_TIMER, Step::CLEAR_LISTS, S::DOWN});
        }
        // 10.3 2-Way or greater, 1-WayReceived -> Init: lists cleared.
        for (S s : {S::TWO_WAY, S::EX_START, S::EXCHANGE, S::LOADING, S::FULL})
        {
            t.push_back({s, E::ONE_WAY_RECEIVED, Step::CLEAR_LISTS, S::INIT});
        }
        // 10.3 2-Way or greater, 2-WayReceived -> no state change, no action.
        for (S s : {S::TWO_WAY, S::EX_START, S::EXCHANGE, S::LOADING, S::FULL})
        {
            t.push_back({s, E::TWO_WAY_RECEIVED, Step::NONE, s});
        }
        // 10.3 Init, 1-WayReceived -> no state change, no action.
        t.push_back({S::INIT, E::ONE_WAY_RECEIVED, Step::NONE, S::INIT});
        return Table(t);
    }();
    return table;
}

NeighborFsm::NeighborFsm(uint32_t initialDdSequence)
    : m_state(S::DOWN)
    , m_ddSequence(initialDdSequence)
    , m_master(true)
    , m_attempted(false)
    , m_neighborOptions(0)
{
}

NeighborActions
NeighborFsm::ProcessEvent(NeighborEvent event, const NeighborContext& context)
{
    NeighborActions out;
    std::optional<NeighborOutcome> outcome;
    switch (event)
    {
    case E::TWO_WAY_RECEIVED:
    case E::ADJ_OK:
        outcome = ShouldBeAdjacent(context.adjacency) ? O::ADJACENT : O::NOT_ADJACENT;
        break;
    case E::EXCHANGE_DONE:
        outcome = context.requestListEmpty ? O::REQUEST_LIST_EMPTY : O::REQUEST_LIST_NOT_EMPTY;
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
    RunStep(row->action, out);
    SetState(row->next, event, out);
    return out;
}

void
NeighborFsm::RunStep(Step step, NeighborActions& out)
{
    switch (step)
    {
    case Step::NONE:
        break;
    case Step::SEND_HELLO_START_TIMER:
        out.actions.push_back({A::SEND_HELLO});
        out.actions.push_back({A::START_INACTIVITY_TIMER});
        break;
    case Step::START_TIMER:
        out.actions.push_back({A::START_INACTIVITY_TIMER});
        break;
    case Step::RESTART_TIMER:
        out.actions.push_back({A::RESTART_INACTIVITY_TIMER});
        break;
    case Step::START_EXSTART:
        StartExStart(out);
        break;
    case Step::LIST_SUMMARY:
        out.actions.push_back({A::LIST_DATABASE_SUMMARY});
        break;
    case Step::SEND_LS_REQUEST:
        out.actions.push_back({A::SEND_LS_REQUEST});
        break;
    case Step::CLEAR_LISTS:
        out.actions.push_back({A::CLEAR_LISTS});
        break;
    case Step::RESTART_EXCHANGE:
        out.actions.push_back({A::CLEAR_LISTS});
        StartExStart(out);
        break;
    case Step::CLEAR_AND_STOP_TIMER:
        out.actions.push_back({A::CLEAR_LISTS});
        out.actions.push_back({A::STOP_INACTIVITY_TIMER});
        break;
    }
}

void
NeighborFsm::StartExStart(NeighborActions& out)
{
    // 10.3: increment the DD sequence number (the first attempt takes the
    // unique initial value), declare master, send an empty DD with I, M and
    // MS set, retransmitted every RxmtInterval until the next state.
    if (m_attempted)
    {
        ++m_ddSequence;
    }
    m_attempted = true;
    m_master = true;
    m_lastReceived.reset();
    NeighborAction seq{A::INCREMENT_DD_SEQUENCE};
    seq.ddSequence = m_ddSequence;
    out.actions.push_back(seq);
    out.actions.push_back({A::DECLARE_MASTER});
    NeighborAction dd{A::SEND_DD};
    dd.ddSequence = m_ddSequence;
    dd.init = true;
    dd.more = true;
    dd.master = true;
    out.actions.push_back(dd);
}

void
NeighborFsm::SetState(NeighborState next, NeighborEvent cause, NeighborActions& out)
{
    if (next == S::DOWN)
    {
        m_lastReceived.reset();
    }
    if (next != m_state)
    {
        out.transitions.push_back({m_state, next, cause});
        m_state = next;
    }
}

void
NeighborFsm::Accept(const DdSummary& dd)
{
    m_lastReceived = dd;
}

NeighborFsm::DdResult
NeighborFsm::ReceiveDd(const DdSummary& dd,
                       const NeighborContext& context,
                       Ipv4Address routerId,
                       Ipv4Address neighborId,
                       uint16_t mtu,
                       bool lastSentHeld)
{
    DdResult r;
    DdJudgement j =
        JudgeDatabaseDescription(dd, GetDdView(routerId, neighborId, mtu, lastSentHeld));
    if (j.verdict == DdVerdict::TWO_WAY_RECEIVED)
    {
        // 10.6 Init: 2-WayReceived; in ExStart the packet falls through to
        // the ExStart case, in 2-Way it is ignored.
        r.actions.Append(ProcessEvent(E::TWO_WAY_RECEIVED, context));
        j = JudgeDatabaseDescription(dd, GetDdView(routerId, neighborId, mtu, lastSentHeld));
    }
    r.judgement = j;
    switch (j.verdict)
    {
    case DdVerdict::NEGOTIATION_SLAVE:
        // 10.6 ExStart: slave; take the master's DD sequence number.
        m_master = false;
        m_ddSequence = dd.sequence;
        m_neighborOptions = dd.options;
        r.actions.Append(ProcessEvent(E::NEGOTIATION_DONE, context));
        Accept(dd);
        break;
    case DdVerdict::NEGOTIATION_MASTER:
        // 10.6 ExStart: master; the packet is next in sequence, so the
        // master increments the DD sequence number.
        m_neighborOptions = dd.options;
        r.actions.Append(ProcessEvent(E::NEGOTIATION_DONE, context));
        Accept(dd);
        ++m_ddSequence;
        break;
    case DdVerdict::ACCEPT:
        // 10.6: the master increments, the slave takes the packet's number.
        Accept(dd);
        m_ddSequence = m_master ? m_ddSequence + 1 : dd.sequence;
        break;
    case DdVerdict::SEQ_NUMBER_MISMATCH:
        r.actions.Append(ProcessEvent(E::SEQ_NUMBER_MISMATCH, context));
        break;
    default:
        break;
    }
    return r;
}

NeighborState
NeighborFsm::GetState() const
{
    return m_state;
}

uint32_t
NeighborFsm::GetDdSequence() const
{
    return m_ddSequence;
}

bool
NeighborFsm::IsMaster() const
{
    return m_master;
}

uint8_t
NeighborFsm::GetNeighborOptions() const
{
    return m_neighborOptions;
}

const std::optional<DdSummary>&
NeighborFsm::GetLastReceivedDd() const
{
    return m_lastReceived;
}

DdReceiverView
NeighborFsm::GetDdView(Ipv4Address routerId,
                       Ipv4Address neighborId,
                       uint16_t mtu,
                       bool lastSentHeld) const
{
    DdReceiverView v;
    v.state = m_state;
    v.master = m_master;
    v.ddSequence = m_ddSequence;
    v.lastReceived = m_lastReceived;
    v.neighborOptions = m_neighborOptions;
    v.routerId = routerId;
    v.neighborId = neighborId;
    v.mtu = mtu;
    v.lastSentHeld = lastSentHeld;
    return v;
}

// -------------------------------------------------------------- names

std::ostream&
operator<<(std::ostream& os, NeighborState state)
{
    // RFC 2328 10.1 names.
    switch (state)
    {
    case S::DOWN:
        return os << "Down";
    case S::ATTEMPT:
        return os << "Attempt";
    case S::INIT:
        return os << "Init";
    case S::TWO_WAY:
        return os << "2-Way";
    case S::EX_START:
        return os << "ExStart";
    case S::EXCHANGE:
        return os << "Exchange";
    case S::LOADING:
        return os << "Loading";
    case S::FULL:
        return os << "Full";
    }
    return os << "NeighborState(" << static_cast<int>(state) << ")";
}

std::ostream&
operator<<(std::ostream& os, NeighborEvent event)
{
    // RFC 2328 10.2 names.
    switch (event)
    {
    case E::HELLO_RECEIVED:
        return os << "HelloReceived";
    case E::START:
        return os << "Start";
    case E::TWO_WAY_RECEIVED:
        return os << "2-WayReceived";
    case E::NEGOTIATION_DONE:
        return os << "NegotiationDone";
    case E::EXCHANGE_DONE:
        return os << "ExchangeDone";
    case E::BAD_LS_REQ:
        return os << "BadLSReq";
    case E::LOADING_DONE:
        return os << "LoadingDone";
    case E::ADJ_OK:
        return os << "AdjOK?";
    case E::SEQ_NUMBER_MISMATCH:
        return os << "SeqNumberMismatch";
    case E::ONE_WAY_RECEIVED:
        return os << "1-WayReceived";
    case E::KILL_NBR:
        return os << "KillNbr";
    case E::INACTIVITY_TIMER:
        return os << "InactivityTimer";
    case E::LL_DOWN:
        return os << "LLDown";
    }
    return os << "NeighborEvent(" << static_cast<int>(event) << ")";
}

std::ostream&
operator<<(std::ostream& os, NeighborOutcome outcome)
{
    switch (outcome)
    {
    case O::ADJACENT:
        return os << "adjacent";
    case O::NOT_ADJACENT:
        return os << "not adjacent";
    case O::REQUEST_LIST_EMPTY:
        return os << "request list empty";
    case O::REQUEST_LIST_NOT_EMPTY:
        return os << "request list not empty";
    }
    return os << "NeighborOutcome(" << static_cast<int>(outcome) << ")";
}

std::ostream&
operator<<(std::ostream& os, NeighborActionType type)
{
    switch (type)
    {
    case A::SEND_HELLO:
        return os << "send Hello";
    case A::START_INACTIVITY_TIMER:
        return os << "start Inactivity Timer";
    case A::RESTART_INACTIVITY_TIMER:
        return os << "restart Inactivity Timer";
    case A::STOP_INACTIVITY_TIMER:
        return os << "disable Inactivity Timer";
    case A::CLEAR_LISTS:
        return os << "clear lists";
    case A::INCREMENT_DD_SEQUENCE:
        return os << "increment DD sequence number";
    case A::DECLARE_MASTER:
        return os << "declare master";
    case A::SEND_DD:
        return os << "send DD";
    case A::LIST_DATABASE_SUMMARY:
        return os << "list Database summary";
    case A::SEND_LS_REQUEST:
        return os << "send LS Request";
    }
    return os << "NeighborActionType(" << static_cast<int>(type) << ")";
}

std::ostream&
operator<<(std::ostream& os, const NeighborAction& action)
{
    os << action.type;
    if (action.type == A::INCREMENT_DD_SEQUENCE || action.type == A::SEND_DD)
    {
        os << " seq " << action.ddSequence;
    }
    if (action.type == A::SEND_DD)
    {
        os << (action.init ? " I" : "") << (action.more ? " M" : "")
           << (action.master ? " MS" : "");
    }
    return os;
}

std::ostream&
operator<<(std::ostream& os, NeighborFsm::Step step)
{
    switch (step)
    {
    case Step::NONE:
        return os << "none";
    case Step::SEND_HELLO_START_TIMER:
        return os << "send Hello, start Inactivity Timer";
    case Step::START_TIMER:
        return os << "start Inactivity Timer";
    case Step::RESTART_TIMER:
        return os << "restart Inactivity Timer";
    case Step::START_EXSTART:
        return os << "start ExStart";
    case Step::LIST_SUMMARY:
        return os << "list Database summary";
    case Step::SEND_LS_REQUEST:
        return os << "send LS Requests";
    case Step::CLEAR_LISTS:
        return os << "clear lists";
    case Step::RESTART_EXCHANGE:
        return os << "clear lists, restart ExStart";
    case Step::CLEAR_AND_STOP_TIMER:
        return os << "clear lists, disable Inactivity Timer";
    }
    return os << "Step(" << static_cast<int>(step) << ")";
}

std::ostream&
operator<<(std::ostream& os, DdVerdict verdict)
{
    switch (verdict)
    {
    case DdVerdict::REJECT:
        return os << "reject";
    case DdVerdict::TWO_WAY_RECEIVED:
        return os << "2-WayReceived first";
    case DdVerdict::IGNORE:
        return os << "ignore";
    case DdVerdict::NEGOTIATION_SLAVE:
        return os << "NegotiationDone (slave)";
    case DdVerdict::NEGOTIATION_MASTER:
        return os << "NegotiationDone (master)";
    case DdVerdict::ACCEPT:
        return os << "accept";
    case DdVerdict::DISCARD_DUPLICATE:
        return os << "discard duplicate";
    case DdVerdict::RESEND_LAST:
        return os << "resend last DD";
    case DdVerdict::SEQ_NUMBER_MISMATCH:
        return os << "SeqNumberMismatch";
    }
    return os << "DdVerdict(" << static_cast<int>(verdict) << ")";
}

std::ostream&
operator<<(std::ostream& os, DdCause cause)
{
    switch (cause)
    {
    case DdCause::NONE:
        return os << "-";
    case DdCause::MTU_TOO_LARGE:
        return os << "Interface MTU too large";
    case DdCause::MS_BIT:
        return os << "MS bit inconsistent";
    case DdCause::INIT_BIT:
        return os << "I bit set";
    case DdCause::OPTIONS:
        return os << "Options changed";
    case DdCause::SEQUENCE:
        return os << "unexpected DD sequence number";
    case DdCause::NOT_DUPLICATE:
        return os << "not a duplicate";
    case DdCause::LAST_DD_FREED:
        return os << "last DD freed";
    }
    return os << "DdCause(" << static_cast<int>(cause) << ")";
}

} // namespace ospf
} // namespace ns3
