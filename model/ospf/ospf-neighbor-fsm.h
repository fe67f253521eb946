/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The OSPFv2 neighbor state machine of RFC 2328 section 10.3 as a pure
 * table-driven class, with the decisions around it as pure functions:
 * whether to become adjacent (10.4), the master/slave negotiation and the
 * acceptance of a received Database Description packet (10.6). The class
 * owns the neighbor's state, its DD sequence number, the master/slave bit,
 * the Neighbor Options and the last received Database Description packet
 * (section 10 data items); it returns typed actions (timers, packets, list
 * clearing) that its driver carries out, and reads no clock.
 *
 * Section 10.3 leaves the new state of four entries to the action routine
 * ("Depends upon action routine"). The table names the routine's outcome
 * in the role column of FsmTable (ipvpn-fsm-table.h): the machine works
 * the outcome out first (the 10.4 decision for 2-WayReceived and AdjOK?,
 * the Link state request list for ExchangeDone), then looks up the one row
 * for (state, event, outcome), so every row has a fixed new state.
 *
 * The Link state retransmission list belongs to flooding (section 13), the
 * Database summary list and Link state request list to the database
 * exchange (ospf::DatabaseExchangeLists holds these two); the machine
 * tells the driver when to clear or fill them (CLEAR_LISTS,
 * LIST_DATABASE_SUMMARY) and is told whether the request list is empty
 * (NeighborContext).
 *
 * Choices where RFC 2328 leaves freedom:
 *  - The first DD sequence number (10.3: "some unique value (like the time
 *    of day clock)") is given to the constructor; later ExStarts increment.
 *  - Entering ExStart or Down forgets the last received Database
 *    Description packet, so a packet of an earlier exchange is never taken
 *    for a duplicate of the new one.
 *  - Router IDs are compared as unsigned 32-bit numbers (10.6 "larger").
 *  - Events a state does not expect (e.g. NegotiationDone in Full, Start on
 *    a broadcast neighbor already up) find no row and are ignored; the
 *    result says so.
 */
#ifndef IPVPN_OSPF_NEIGHBOR_FSM_H
#define IPVPN_OSPF_NEIGHBOR_FSM_H

#include "ospf-interface-fsm.h"

#include "ns3/ipv4-address.h"
#include "ns3/ipvpn-fsm-table.h"

#include <cstdint>
#include <optional>
#include <ostream>
#include <vector>

namespace ns3
{
namespace ospf
{

/// Neighbor states, in the order of section 10.1.
enum class NeighborState : uint8_t
{
    DOWN,
    ATTEMPT,
    INIT,
    TWO_WAY,
    EX_START,
    EXCHANGE,
    LOADING,
    FULL,
};

/// Events causing neighbor state changes (section 10.2).
enum class NeighborEvent : uint8_t
{
    HELLO_RECEIVED,
    START,
    TWO_WAY_RECEIVED,
    NEGOTIATION_DONE,
    EXCHANGE_DONE,
    BAD_LS_REQ,
    LOADING_DONE,
    ADJ_OK,
    SEQ_NUMBER_MISMATCH,
    ONE_WAY_RECEIVED,
    KILL_NBR,
    INACTIVITY_TIMER,
    LL_DOWN,
};

/// The outcome of a section 10.3 action routine, as the table's role column.
enum class NeighborOutcome : uint8_t
{
    ADJACENT,               ///< 10.4: an adjacency should be established/kept
    NOT_ADJACENT,           ///< 10.4: it should not
    REQUEST_LIST_EMPTY,     ///< ExchangeDone with nothing left to request
    REQUEST_LIST_NOT_EMPTY, ///< ExchangeDone with LSAs still to request
};

/// What the driver does, in order.
enum class NeighborActionType : uint8_t
{
    SEND_HELLO,               ///< one Hello to the neighbor (Start, NBMA)
    START_INACTIVITY_TIMER,   ///< single shot, RouterDeadInterval
    RESTART_INACTIVITY_TIMER, ///< the neighbor was heard from again
    STOP_INACTIVITY_TIMER,    ///< "the Inactivity Timer is disabled"
    CLEAR_LISTS,              ///< retransmission, summary and request lists
    INCREMENT_DD_SEQUENCE,    ///< the DD sequence number is now `ddSequence`
    DECLARE_MASTER,           ///< the master/slave bit is now master
    SEND_DD,                  ///< an empty DD with I, M, MS and `ddSequence`,
                              ///< retransmitted every RxmtInterval while in
                              ///< ExStart (10.8)
    LIST_DATABASE_SUMMARY,    ///< the area database into the Database summary
                              ///< list, MaxAge LSAs onto the retransmission
                              ///< list instead (10.3 NegotiationDone)
    SEND_LS_REQUEST,          ///< start (or continue) sending LSRs (10.9)
};

/// One action.
struct NeighborAction
{
    NeighborActionType type;
    uint32_t ddSequence = 0; ///< INCREMENT_DD_SEQUENCE, SEND_DD
    bool init = false;       ///< SEND_DD: the I bit
    bool more = false;       ///< SEND_DD: the M bit
    bool master = false;     ///< SEND_DD: the MS bit

    bool operator==(const NeighborAction& o) const;
};

/// One state change, for the driver's trace.
struct NeighborTransition
{
    NeighborState from;
    NeighborState to;
    NeighborEvent event;
};

/// What the driver must do after one event.
struct NeighborActions
{
    std::vector<NeighborAction> actions;
    std::vector<NeighborTransition> transitions;
    /// The event was not expected in this state and was ignored.
    bool ignored = false;

    bool Has(NeighborActionType type) const;
    const NeighborAction* Find(NeighborActionType type) const;
    std::vector<NeighborActionType> Types() const;
    /// 9.2 NeighborChange: a transition crossed the 2-Way line (to 2-Way or
    /// higher from below, or to Init or lower from above).
    bool BidirectionalChanged() const;
    /// A transition entered or left Full (12.4: the router-LSA, and the
    /// network-LSA of a DR, list Full adjacencies only).
    bool FullChanged() const;
    /// Appends the actions and transitions of `other`.
    void Append(const NeighborActions& other);
};

/**
 * The inputs of the 10.4 decision. On broadcast networks routers are
 * named by interface address, as the Designated Router fields of Hello
 * packets do; 0.0.0.0 means none.
 */
struct AdjacencyContext
{
    InterfaceType type = InterfaceType::POINT_TO_POINT;
    Ipv4Address self = Ipv4Address::GetAny();     ///< our IP interface address
    Ipv4Address neighbor = Ipv4Address::GetAny(); ///< the Neighbor IP address
    Ipv4Address dr = Ipv4Address::GetAny();       ///< the interface's Designated Router
    Ipv4Address bdr = Ipv4Address::GetAny();      ///< the interface's Backup DR
};

/// RFC 2328 10.4: whether an adjacency should be established with a
/// bidirectional neighbor.
bool ShouldBeAdjacent(const AdjacencyContext& context);

/// What ProcessEvent needs from outside the neighbor.
struct NeighborContext
{
    AdjacencyContext adjacency;   ///< for 2-WayReceived and AdjOK?
    bool requestListEmpty = true; ///< for ExchangeDone
};

/// The fields of a Database Description packet that 10.6 examines.
struct DdSummary
{
    bool init = false;         ///< I bit
    bool more = false;         ///< M bit
    bool master = false;       ///< MS bit
    uint8_t options = 0;       ///< Options field
    uint32_t sequence = 0;     ///< DD sequence number
    uint16_t interfaceMtu = 0; ///< Interface MTU field
    bool empty = true;         ///< no LSA headers

    /// 10.6: the fields saved as "last received Database Description
    /// packet" (I, M, MS, Options, DD sequence number) are equal.
    bool SameAs(const DdSummary& o) const;
};

/// 10.6 ExStart: the two cases that end the negotiation.
enum class MasterSlave : uint8_t
{
    UNDECIDED, ///< neither case: the packet is ignored
    SLAVE,     ///< I, M, MS set, empty, neighbor's Router ID larger
    MASTER,    ///< I and MS off, our DD sequence number echoed, ours larger
};

/// RFC 2328 10.6 ExStart: does `dd` end the master/slave negotiation?
MasterSlave NegotiateMasterSlave(const DdSummary& dd,
                                 uint32_t ddSequence,
                                 Ipv4Address routerId,
                                 Ipv4Address neighborId);

/// What 10.6 does with a received Database Description packet.
enum class DdVerdict : uint8_t
{
    REJECT,              ///< Interface MTU too large, or neighbor Down/Attempt
    TWO_WAY_RECEIVED,    ///< Init: run 2-WayReceived, then judge again
    IGNORE,              ///< 2-Way, or ExStart without a negotiation case
    NEGOTIATION_SLAVE,   ///< NegotiationDone, we are slave; accept
    NEGOTIATION_MASTER,  ///< NegotiationDone, we are master; accept
    ACCEPT,              ///< next in sequence: process the contents
    DISCARD_DUPLICATE,   ///< master: a duplicate is discarded
    RESEND_LAST,         ///< slave: a duplicate makes it resend its last DD
    SEQ_NUMBER_MISMATCH, ///< neighbor event SeqNumberMismatch
};

/// Why 10.6 gave its verdict, where it has more than one reason.
enum class DdCause : uint8_t
{
    NONE,
    MTU_TOO_LARGE, ///< REJECT: larger than the interface accepts
    MS_BIT,        ///< MS bit inconsistent with the master/slave state
    INIT_BIT,      ///< I bit set after the negotiation
    OPTIONS,       ///< Options differ from the Neighbor Options
    SEQUENCE,      ///< not the next DD sequence number
    NOT_DUPLICATE, ///< Loading/Full: only duplicates are expected
    LAST_DD_FREED, ///< slave in Loading/Full after RouterDeadInterval (10.8)
};

struct DdJudgement
{
    DdVerdict verdict = DdVerdict::IGNORE;
    DdCause cause = DdCause::NONE;
};

/// The neighbor data the 10.6 judgement reads.
struct DdReceiverView
{
    NeighborState state = NeighborState::DOWN;
    bool master = true;      ///< our master/slave bit
    uint32_t ddSequence = 0; ///< the neighbor data structure's DD sequence
    std::optional<DdSummary> lastReceived;
    uint8_t neighborOptions = 0;
    Ipv4Address routerId = Ipv4Address::GetAny();   ///< ours
    Ipv4Address neighborId = Ipv4Address::GetAny(); ///< the neighbor's
    /// Largest IP datagram the receiving interface accepts unfragmented.
    uint16_t mtu = 1500;
    /// Slave in Loading/Full: the last DD sent is still kept (10.8: for
    /// RouterDeadInterval seconds).
    bool lastSentHeld = true;
};

/// RFC 2328 10.6: what to do with a received Database Description packet.
DdJudgement JudgeDatabaseDescription(const DdSummary& dd, const DdReceiverView& view);

/// RFC 2328 10.6: an LSA header listed in an accepted DD of an unknown LS
/// type (not 1-5), or an AS-external-LSA from a stub area's neighbor,
/// generates SeqNumberMismatch. \return true when the LS type is acceptable.
bool DdLsTypeAcceptable(uint8_t lsType, bool stubArea);

/**
 * RFC 2328 10.6, after an accepted DD: the master generates ExchangeDone
 * when it has sent its entire sequence and the packet has M clear; the
 * slave when the packet has M clear and its reply will too. Both read:
 * neither side has more to describe.
 * \param receivedMore the accepted packet's M bit
 * \param localMore the M bit of our last (master) or next (slave) DD
 */
bool ExchangeIsDone(bool receivedMore, bool localMore);

/// The state machine of one neighbor (section 10).
class NeighborFsm
{
  public:
    /// \param initialDdSequence the DD sequence number of the first
    ///        adjacency attempt (10.3: "some unique value").
    explicit NeighborFsm(uint32_t initialDdSequence);

    /// The one entry point: applies the section 10.3 table.
    NeighborActions ProcessEvent(NeighborEvent event, const NeighborContext& context = {});

    /// Result of ReceiveDd.
    struct DdResult
    {
        DdJudgement judgement;   ///< the final verdict (after Init's 2-WayReceived)
        NeighborActions actions; ///< events the packet generated
    };

    /**
     * RFC 2328 10.6 for one received Database Description packet: judges
     * it, runs the events it generates (2-WayReceived from Init,
     * NegotiationDone, SeqNumberMismatch) and keeps the neighbor's DD
     * bookkeeping (last received packet, Neighbor Options, master/slave
     * bit and DD sequence number: the master increments it, the slave
     * takes the master's). The contents, the reply and ExchangeDone
     * (ExchangeIsDone) are the driver's.
     */
    DdResult ReceiveDd(const DdSummary& dd,
                       const NeighborContext& context,
                       Ipv4Address routerId,
                       Ipv4Address neighborId,
                       uint16_t mtu,
                       bool lastSentHeld = true);

    NeighborState GetState() const;
    uint32_t GetDdSequence() const;
    bool IsMaster() const;
    uint8_t GetNeighborOptions() const;
    const std::optional<DdSummary>& GetLastReceivedDd() const;
    /// The view JudgeDatabaseDescription reads, from this neighbor.
    DdReceiverView GetDdView(Ipv4Address routerId,
                             Ipv4Address neighborId,
                             uint16_t mtu,
                             bool lastSentHeld) const;

    /// What a row does besides changing state.
    enum class Step : uint8_t
    {
        NONE,
        SEND_HELLO_START_TIMER, ///< Start
        START_TIMER,            ///< Down/HelloReceived
        RESTART_TIMER,          ///< HelloReceived later on
        START_EXSTART,          ///< DD sequence, master, empty DD
        LIST_SUMMARY,           ///< NegotiationDone
        SEND_LS_REQUEST,        ///< ExchangeDone with requests left
        CLEAR_LISTS,            ///< AdjOK? no, 1-WayReceived, InactivityTimer
        RESTART_EXCHANGE,       ///< SeqNumberMismatch, BadLSReq
        CLEAR_AND_STOP_TIMER,   ///< KillNbr, LLDown
    };

    /// The section 10.3 table in the shared shape; the role column holds
    /// the action routine's outcome.
    using Table = FsmTable<NeighborState, NeighborEvent, Step, NeighborOutcome>;

    static const Table& Transitions();

  private:
    void RunStep(Step step, NeighborActions& out);
    void StartExStart(NeighborActions& out);
    void SetState(NeighborState next, NeighborEvent cause, NeighborActions& out);
    /// 10.6: the packet is accepted; save it as the last received one.
    void Accept(const DdSummary& dd);

    NeighborState m_state;
    uint32_t m_ddSequence; ///< section 10 "DD Sequence Number"
    bool m_master;         ///< section 10 "Master/Slave": true when master
    bool m_attempted;      ///< an adjacency was attempted before
    uint8_t m_neighborOptions;
    std::optional<DdSummary> m_lastReceived;
};

std::ostream& operator<<(std::ostream& os, NeighborState state);
std::ostream& operator<<(std::ostream& os, NeighborEvent event);
std::ostream& operator<<(std::ostream& os, NeighborOutcome outcome);
std::ostream& operator<<(std::ostream& os, NeighborActionType type);
std::ostream& operator<<(std::ostream& os, const NeighborAction& action);
std::ostream& operator<<(std::ostream& os, NeighborFsm::Step step);
std::ostream& operator<<(std::ostream& os, DdVerdict verdict);
std::ostream& operator<<(std::ostream& os, DdCause cause);

} // namespace ospf
} // namespace ns3

#endif // IPVPN_OSPF_NEIGHBOR_FSM_H
