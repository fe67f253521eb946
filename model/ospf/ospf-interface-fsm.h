/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The OSPFv2 interface state machine of RFC 2328 section 9.3, for
 * point-to-point and broadcast networks, as a pure table-driven class: it
 * owns the interface state and the (Backup) Designated Router, and returns
 * typed actions (start the Hello or Wait timer, destroy the neighbors, ask
 * neighbors AdjOK?) that its driver carries out. It keeps no timers and
 * reads no clock.
 *
 * Section 9.3 leaves the new state of four entries to the action routine
 * ("Depends upon action routine"). The table names the routine's outcome
 * in the role column of FsmTable (ipvpn-fsm-table.h): the machine works the
 * outcome out first (the network type and Router Priority for InterfaceUp,
 * the 9.4 election for WaitTimer, BackupSeen and NeighborChange), then
 * looks up the one row for (state, event, outcome). Every row therefore has
 * a fixed new state and can be checked against the RFC's text.
 *
 * Choices where RFC 2328 leaves freedom or this model is narrower:
 *  - Only point-to-point and broadcast networks are modelled (no NBMA,
 *    Point-to-MultiPoint or virtual links, so no neighbor event Start).
 *  - Events a state does not expect (NeighborChange in Waiting, WaitTimer
 *    after BackupSeen ended the waiting, UnloopInd outside Loopback) find
 *    no row and are ignored; the result says so.
 *  - Point-to-point interfaces keep no Designated Router (9.4 applies to
 *    broadcast and NBMA networks).
 */
#ifndef IPVPN_OSPF_INTERFACE_FSM_H
#define IPVPN_OSPF_INTERFACE_FSM_H

#include "ospf-dr-election.h"

#include "ns3/ipv4-address.h"
#include "ns3/ipvpn-fsm-table.h"

#include <cstdint>
#include <ostream>
#include <utility>
#include <vector>

namespace ns3
{
namespace ospf
{

/// The OSPF interface type (RFC 2328 section 9 "Type"), as far as modelled.
enum class InterfaceType : uint8_t
{
    POINT_TO_POINT,
    BROADCAST,
};

/// Interface states, in the order of section 9.1.
enum class InterfaceState : uint8_t
{
    DOWN,
    LOOPBACK,
    WAITING,
    POINT_TO_POINT,
    DR_OTHER,
    BACKUP,
    DR,
};

/// Events causing interface state changes (section 9.2).
enum class InterfaceEvent : uint8_t
{
    INTERFACE_UP,
    WAIT_TIMER,
    BACKUP_SEEN,
    NEIGHBOR_CHANGE,
    LOOP_IND,
    UNLOOP_IND,
    INTERFACE_DOWN,
};

/// The outcome of a section 9.3 action routine, as the table's role column.
enum class InterfaceOutcome : uint8_t
{
    POINT_TO_POINT_NETWORK, ///< InterfaceUp on a point-to-point network
    NOT_ELIGIBLE,           ///< InterfaceUp, broadcast, Router Priority 0
    ELIGIBLE,               ///< InterfaceUp, broadcast, may become DR
    ELECTED_DR,             ///< 9.4: the router itself is Designated Router
    ELECTED_BACKUP,         ///< 9.4: the router itself is Backup
    ELECTED_NEITHER,        ///< 9.4: neither (DR Other)
};

/// What the driver does, in order.
enum class InterfaceActionType : uint8_t
{
    START_HELLO_TIMER, ///< interval timer, HelloInterval (9.3 InterfaceUp)
    START_WAIT_TIMER,  ///< single shot, RouterDeadInterval (9.3, section 9)
    CALCULATE_DR,      ///< the 9.4 election ran; see InterfaceActions::election
    ADJ_OK,            ///< neighbor event AdjOK? for `neighbor` (9.4 step 7)
    RESET_VARIABLES,   ///< interface variables back to their initial values
    DISABLE_TIMERS,    ///< Hello and Wait timers stopped
    KILL_NEIGHBORS,    ///< neighbor event KillNbr on every neighbor (9.3)
};

/// One action.
struct InterfaceAction
{
    InterfaceActionType type;
    /// for ADJ_OK: the neighbor's interface address
    Ipv4Address neighbor = Ipv4Address::GetAny();

    bool
    operator==(const InterfaceAction& o) const
    {
        return type == o.type && neighbor == o.neighbor;
    }
};

/// One state change, for the driver's trace.
struct InterfaceTransition
{
    InterfaceState from;
    InterfaceState to;
    InterfaceEvent event;
};

/// What the driver must do after one event.
struct InterfaceActions
{
    std::vector<InterfaceAction> actions;
    std::vector<InterfaceTransition> transitions;
    /// Set when CALCULATE_DR ran: the 9.4 result.
    bool elected = false;
    ElectionResult election;
    /// The event was not expected in this state and was ignored.
    bool ignored = false;

    bool Has(InterfaceActionType type) const;
    /// The action types in order (for tests and traces).
    std::vector<InterfaceActionType> Types() const;
};

/// Configuration of one interface (section 9 data items).
struct InterfaceConfig
{
    InterfaceType type = InterfaceType::BROADCAST;
    Ipv4Address routerId = Ipv4Address::GetAny();
    Ipv4Address address = Ipv4Address::GetAny(); ///< IP interface address
    uint8_t priority = 1;                        ///< Router Priority (C.3 default 1)
};

/// The interface state machine of one OSPF interface.
class InterfaceFsm
{
  public:
    explicit InterfaceFsm(const InterfaceConfig& config);

    /**
     * The one entry point: applies the section 9.3 table.
     * \param neighbors the neighbors in state 2-Way or greater with their
     *        Hello declarations, for the election (WaitTimer, BackupSeen,
     *        NeighborChange); unused by the other events.
     */
    InterfaceActions ProcessEvent(InterfaceEvent event,
                                  const std::vector<ElectionRouter>& neighbors = {});

    InterfaceState GetState() const;
    const InterfaceConfig& GetConfig() const;
    /// The Designated Router's interface address, 0.0.0.0 when none.
    Ipv4Address GetDr() const;
    Ipv4Address GetBdr() const;
    Ipv4Address GetDrRouterId() const;
    Ipv4Address GetBdrRouterId() const;
    /// Router X as the election sees it (its declarations: GetDr/GetBdr).
    ElectionRouter GetSelf() const;

    /// The outcome InterfaceUp decides from the configuration (9.3).
    static InterfaceOutcome InterfaceUpOutcome(const InterfaceConfig& config);

    /// What a row does besides changing state.
    enum class Step : uint8_t
    {
        NONE,
        START_HELLO,          ///< Hello Timer
        START_HELLO_AND_WAIT, ///< Hello Timer, then Wait Timer
        ELECT,                ///< 9.4, AdjOK? on a change
        RESET,                ///< InterfaceDown's actions
    };

    /// The section 9.3 table in the shared shape; the role column holds
    /// the action routine's outcome.
    using Table = FsmTable<InterfaceState, InterfaceEvent, Step, InterfaceOutcome>;

    static const Table& Transitions();

  private:
    void RunStep(Step step, const ElectionResult& election, InterfaceActions& out);
    void SetState(InterfaceState next, InterfaceEvent cause, InterfaceActions& out);

    InterfaceConfig m_config;
    InterfaceState m_state;
    Ipv4Address m_dr;
    Ipv4Address m_bdr;
    Ipv4Address m_drRouterId;
    Ipv4Address m_bdrRouterId;
};

std::ostream& operator<<(std::ostream& os, InterfaceType type);
std::ostream& operator<<(std::ostream& os, InterfaceState state);
std::ostream& operator<<(std::ostream& os, InterfaceEvent event);
std::ostream& operator<<(std::ostream& os, InterfaceOutcome outcome);
std::ostream& operator<<(std::ostream& os, InterfaceActionType type);
std::ostream& operator<<(std::ostream& os, InterfaceFsm::Step step);

} // namespace ospf
} // namespace ns3

#endif // IPVPN_OSPF_INTERFACE_FSM_H
