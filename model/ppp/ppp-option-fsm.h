/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The option negotiation automaton of RFC 1661 section 4, shared by LCP
 * and every NCP (IPCP, RFC 1332 section 2). A pure class: it holds the
 * state, the restart counter (4.6) and the failure counter (Max-Failure,
 * 4.6), and maps each event to the actions of the state transition table
 * (4.1). It does no I/O and runs no timer: the driver feeds events, carries
 * out the returned actions in order, and starts or stops the Restart timer
 * as the result says.
 *
 * The table (section 4.1) is transcribed cell by cell in ppp-option-fsm.cc
 * and read into the shared table shape (ipvpn-fsm-table.h), where a "-"
 * cell is no row; Lookup() returns a cell as the RFC prints it.
 *
 * Choices of this model:
 *  - Restart counter (4.6 "Restart Counter", 4.4 "irc"): irc loads
 *    Max-Configure when the same cell sends a Configure-Request and
 *    Max-Terminate when it sends a Terminate-Request; scr and str decrement
 *    it ("including the first"); Timeout() gives TO+ while it is above 0
 *    and TO- at 0. So Max-Configure=10 means ten Configure-Requests.
 *  - Restart timer (4.1 notes): scr, str and zrc (re)start it; it stops
 *    when the new state is one without TO events.
 *  - Passive option ([p] of the table, "Stopped" in 4.2): TO- in Req-Sent,
 *    Ack-Rcvd and Ack-Sent goes to Stopped without tlf. As pppd's "silent"
 *    option, a passive automaton also waits for the peer's Configure-Request
 *    where it would send the first one (Up in Starting, Open in Closed):
 *    it goes to Stopped instead.
 *  - The Restart option ([r], 4.3 "Open") is not implemented: Open in
 *    Stopped, Closing, Stopping and Opened takes the printed next state
 *    (3, 5, 5, 9) without the Down/Up it would simulate.
 *  - "-" cells (events that cannot occur in a state) are reported as
 *    illegal and leave the state as it is.
 */
#ifndef IPVPN_PPP_OPTION_FSM_H
#define IPVPN_PPP_OPTION_FSM_H

#include "ns3/ipvpn-fsm-table.h"

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{
namespace ppp
{

/// RFC 1661 section 4 option negotiation automaton.
class OptionFsm
{
  public:
    /// States (RFC 1661 4.2), numbered as in the table.
    enum State : uint8_t
    {
        INITIAL = 0,  ///< lower layer down, no Open
        STARTING = 1, ///< Open, lower layer down
        CLOSED = 2,   ///< lower layer up, no Open
        STOPPED = 3,  ///< Open, waiting for Down (or the peer) after tlf/sta
        CLOSING = 4,  ///< Terminate-Request sent, no Open
        STOPPING = 5, ///< Terminate-Request sent, Open
        REQ_SENT = 6, ///< Configure-Request sent
        ACK_RCVD = 7, ///< Configure-Request sent, Configure-Ack received
        ACK_SENT = 8, ///< Configure-Request and Configure-Ack sent
        OPENED = 9,   ///< both Configure-Acks sent and received
    };
    static constexpr uint8_t STATE_COUNT = 10;

    /// Events (RFC 1661 4.3), in the order of the table's rows.
    enum Event : uint8_t
    {
        UP,        ///< lower layer is Up
        DOWN,      ///< lower layer is Down
        OPEN,      ///< administrative Open
        CLOSE,     ///< administrative Close
        TO_PLUS,   ///< Timeout with counter > 0
        TO_MINUS,  ///< Timeout with counter expired
        RCR_PLUS,  ///< Receive-Configure-Request (Good)
        RCR_MINUS, ///< Receive-Configure-Request (Bad)
        RCA,       ///< Receive-Configure-Ack
        RCN,       ///< Receive-Configure-Nak/Rej
        RTR,       ///< Receive-Terminate-Request
        RTA,       ///< Receive-Terminate-Ack
        RUC,       ///< Receive-Unknown-Code
        RXJ_PLUS,  ///< Receive-Code-Reject/Protocol-Reject, permitted
        RXJ_MINUS, ///< Receive-Code-Reject/Protocol-Reject, catastrophic
        RXR,       ///< Receive-Echo-Request/Echo-Reply/Discard-Request
    };
    static constexpr uint8_t EVENT_COUNT = 16;

    /// Actions (RFC 1661 4.4).
    enum Action : uint8_t
    {
        TLU, ///< This-Layer-Up
        TLD, ///< This-Layer-Down
        TLS, ///< This-Layer-Started
        TLF, ///< This-Layer-Finished
        IRC, ///< Initialize-Restart-Count
        ZRC, ///< Zero-Restart-Count
        SCR, ///< Send-Configure-Request
        SCA, ///< Send-Configure-Ack
        SCN, ///< Send-Configure-Nak/Rej
        STR, ///< Send-Terminate-Request
        STA, ///< Send-Terminate-Ack
        SCJ, ///< Send-Code-Reject
        SER, ///< Send-Echo-Reply
    };

    /// One cell of the RFC 1661 4.1 table, as printed.
    struct Cell
    {
        bool legal;                  ///< false for "-"
        std::vector<Action> actions; ///< in the order printed
        State next;                  ///< the state after the slash
        bool passive;                ///< marked [p]
    };

    /// Counters and options of RFC 1661 4.6.
    struct Config
    {
        uint32_t maxConfigure = 10; ///< 4.6 Max-Configure
        uint32_t maxTerminate = 2;  ///< 4.6 Max-Terminate
        uint32_t maxFailure = 5;    ///< 4.6 Max-Failure
        bool passive = false;       ///< [p] and pppd's "silent"
    };

    /// What one event did.
    struct Result
    {
        State from = INITIAL;
        State to = INITIAL;
        Event event = UP;
        std::vector<Action> actions; ///< to carry out in order
        bool illegal = false;        ///< a "-" cell: nothing done
        bool startTimer = false;     ///< (re)start the Restart timer
        bool stopTimer = false;      ///< stop the Restart timer

        bool Has(Action action) const;
    };

    OptionFsm();
    explicit OptionFsm(const Config& config);

    /// The cell of the RFC table for (state, event).
    static Cell Lookup(State state, Event event);

    /// Applies one event (RFC 1661 4.1), the one place state changes.
    Result ProcessEvent(Event event);
    /// Restart timer expiry: TO+ while the restart counter is above 0,
    /// else TO- (RFC 1661 4.3 "Timeout").
    Result Timeout();

    State GetState() const;
    uint32_t GetRestartCounter() const;
    const Config& GetConfig() const;
    /// True in states where the Restart timer runs (those with TO events).
    static bool TimerRunsIn(State state);
    /// True in Req-Sent, Ack-Rcvd and Ack-Sent.
    static bool IsNegotiating(State state);

    /// Max-Failure (4.6): call for every Configure-Nak sent.
    void NoteNakSent();
    /// Max-Failure (4.6): zeroes the Configure-Nak count (a new negotiation;
    /// sending a Configure-Ack does it as well).
    void ResetFailures();
    /// True once Max-Failure Configure-Naks were sent without a
    /// Configure-Ack: further Naks are to be sent as Configure-Rejects.
    bool NakExhausted() const;
    uint32_t GetFailures() const;

    static std::string StateName(State state);
    static std::string EventName(Event event);
    static std::string ActionName(Action action);

  private:
    /// What a cell prints before the slash, and its [p] mark.
    struct CellActions
    {
        std::vector<Action> actions; ///< in the order printed
        bool passive = false;        ///< marked [p]
    };

    /// The 4.1 table in the shared shape (ipvpn-fsm-table.h).
    using Table = FsmTable<State, Event, CellActions>;

    static const Table& Transitions();

    Config m_config;
    State m_state;
    uint32_t m_restartCounter;
    uint32_t m_failures;
};

std::ostream& operator<<(std::ostream& os, OptionFsm::State state);
std::ostream& operator<<(std::ostream& os, OptionFsm::Event event);
std::ostream& operator<<(std::ostream& os, OptionFsm::Action action);
std::ostream& operator<<(std::ostream& os, const OptionFsm::Result& result);

} // namespace ppp
} // namespace ns3

#endif // IPVPN_PPP_OPTION_FSM_H
