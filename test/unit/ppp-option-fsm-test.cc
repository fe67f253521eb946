// SPDX-License-Identifier: GPL-2.0-only
//
// RFC 1661 section 4: the option negotiation automaton. Cells of the state
// transition table (4.1) checked against the prose of 4.2-4.6, and walks
// through it: opening, Max-Configure exhaustion, both Terminate handshakes,
// RXJ-, crossed connections, the passive option and Max-Failure.
#include "ns3/ppp-option-fsm.h"

#include <catch2/catch.hpp>
#include <sstream>
#include <vector>

using namespace ns3::ppp;

namespace
{

using A = OptionFsm;
using Actions = std::vector<A::Action>;

/// "irc,scr/6" for a cell, as the RFC prints it (footnotes left out).
std::string
Print(const A::Cell& cell)
{
    if (!cell.legal)
    {
        return "-";
    }
    std::ostringstream os;
    for (std::size_t k = 0; k < cell.actions.size(); ++k)
    {
        os << (k ? "," : "") << cell.actions[k];
    }
    os << (cell.actions.empty() ? "" : "/") << static_cast<int>(cell.next);
    return os.str();
}

std::string
Cell(A::State state, A::Event event)
{
    return Print(A::Lookup(state, event));
}

/// An automaton driven into `target` through ordinary events.
A
In(A::State target, A::Config config = A::Config())
{
    A a(config);
    switch (target)
    {
    case A::INITIAL:
        break;
    case A::STARTING:
        a.ProcessEvent(A::OPEN);
        break;
    case A::CLOSED:
        a.ProcessEvent(A::UP);
        break;
    case A::STOPPED:
        a.ProcessEvent(A::OPEN);
        a.ProcessEvent(A::UP);
        a.ProcessEvent(A::RXJ_MINUS); // Req-Sent -> tlf/3
        break;
    case A::CLOSING:
        a.ProcessEvent(A::UP);
        a.ProcessEvent(A::OPEN);
        a.ProcessEvent(A::CLOSE);
        break;
    case A::STOPPING:
        a = In(A::OPENED, config);
        a.ProcessEvent(A::RTR);
        break;
    case A::REQ_SENT:
        a.ProcessEvent(A::OPEN);
        a.ProcessEvent(A::UP);
        break;
    case A::ACK_RCVD:
        a = In(A::REQ_SENT, config);
        a.ProcessEvent(A::RCA);
        break;
    case A::ACK_SENT:
        a = In(A::REQ_SENT, config);
        a.ProcessEvent(A::RCR_PLUS);
        break;
    case A::OPENED:
        a = In(A::ACK_SENT, config);
        a.ProcessEvent(A::RCA);
        break;
    }
    REQUIRE(a.GetState() == target);
    return a;
}

} // namespace

TEST_CASE("PPP automaton: table cells read as RFC 1661 4.1 prints them", "[ppp]")
{
    // 4.2 Starting: "When the lower layer becomes available (Up), a
    // Configure-Request is sent."
    CHECK(Cell(A::STARTING, A::UP) == "irc,scr/6");
    CHECK(Cell(A::INITIAL, A::UP) == "2");
    CHECK(Cell(A::INITIAL, A::OPEN) == "tls/1");
    CHECK(Cell(A::STARTING, A::CLOSE) == "tlf/0");
    // 4.2 Closed: "Upon reception of Configure-Request packets, a
    // Terminate-Ack is sent. Terminate-Acks are silently discarded."
    CHECK(Cell(A::CLOSED, A::RCR_PLUS) == "sta/2");
    CHECK(Cell(A::CLOSED, A::RCR_MINUS) == "sta/2");
    CHECK(Cell(A::CLOSED, A::RTA) == "2");
    CHECK(Cell(A::CLOSED, A::OPEN) == "irc,scr/6");
    // 4.2 Stopped: "Upon reception of Configure-Request packets, an
    // appropriate response is sent. Upon reception of other packets, a
    // Terminate-Ack is sent."
    CHECK(Cell(A::STOPPED, A::RCR_PLUS) == "irc,scr,sca/8");
    CHECK(Cell(A::STOPPED, A::RCR_MINUS) == "irc,scr,scn/6");
    CHECK(Cell(A::STOPPED, A::RCA) == "sta/3");
    CHECK(Cell(A::STOPPED, A::RCN) == "sta/3");
    CHECK(Cell(A::STOPPED, A::RTR) == "sta/3");
    CHECK(Cell(A::STOPPED, A::RTA) == "3");
    CHECK(Cell(A::STOPPED, A::DOWN) == "tls/1");
    // 4.2 Closing/Stopping: Terminate-Ack ends them; the timer repeats
    // Terminate-Requests until Max-Terminate.
    CHECK(Cell(A::CLOSING, A::RTA) == "tlf/2");
    CHECK(Cell(A::STOPPING, A::RTA) == "tlf/3");
    CHECK(Cell(A::CLOSING, A::TO_PLUS) == "str/4");
    CHECK(Cell(A::CLOSING, A::TO_MINUS) == "tlf/2");
    CHECK(Cell(A::STOPPING, A::TO_MINUS) == "tlf/3");
    CHECK(Cell(A::CLOSING, A::RTR) == "sta/4");
    CHECK(Cell(A::CLOSING, A::OPEN) == "5");
    // 4.2 Req-Sent / Ack-Rcvd / Ack-Sent.
    CHECK(Cell(A::REQ_SENT, A::RCR_PLUS) == "sca/8");
    CHECK(Cell(A::REQ_SENT, A::RCR_MINUS) == "scn/6");
    CHECK(Cell(A::REQ_SENT, A::RCA) == "irc/7");
    CHECK(Cell(A::REQ_SENT, A::RCN) == "irc,scr/6");
    CHECK(Cell(A::REQ_SENT, A::TO_PLUS) == "scr/6");
    CHECK(Cell(A::REQ_SENT, A::TO_MINUS) == "tlf/3");
    CHECK(A::Lookup(A::REQ_SENT, A::TO_MINUS).passive);
    CHECK(Cell(A::ACK_RCVD, A::RCR_PLUS) == "sca,tlu/9");
    CHECK(Cell(A::ACK_RCVD, A::RCR_MINUS) == "scn/7");
    CHECK(Cell(A::ACK_RCVD, A::RCA) == "scr/6");
    CHECK(Cell(A::ACK_RCVD, A::TO_PLUS) == "scr/6");
    CHECK(Cell(A::ACK_SENT, A::RCA) == "irc,tlu/9");
    CHECK(Cell(A::ACK_SENT, A::RCN) == "irc,scr/8");
    CHECK(Cell(A::ACK_SENT, A::TO_PLUS) == "scr/8");
    CHECK(Cell(A::ACK_SENT, A::RCR_MINUS) == "scn/6");
    // Close in every negotiating state: irc,str/4; in Opened also tld.
    for (A::State s : {A::REQ_SENT, A::ACK_RCVD, A::ACK_SENT})
    {
        CHECK(Cell(s, A::CLOSE) == "irc,str/4");
        CHECK(Cell(s, A::DOWN) == "1");
        CHECK(Cell(s, A::RTR) == "sta/6");
        CHECK(Cell(s, A::RXJ_MINUS) == "tlf/3");
    }
    // 4.2 Opened.
    CHECK(Cell(A::OPENED, A::CLOSE) == "tld,irc,str/4");
    CHECK(Cell(A::OPENED, A::DOWN) == "tld/1");
    CHECK(Cell(A::OPENED, A::RCR_PLUS) == "tld,scr,sca/8");
    CHECK(Cell(A::OPENED, A::RCR_MINUS) == "tld,scr,scn/6");
    CHECK(Cell(A::OPENED, A::RCA) == "tld,scr/6");
    CHECK(Cell(A::OPENED, A::RCN) == "tld,scr/6");
    CHECK(Cell(A::OPENED, A::RTR) == "tld,zrc,sta/5");
    CHECK(Cell(A::OPENED, A::RTA) == "tld,scr/6");
    CHECK(Cell(A::OPENED, A::RUC) == "scj/9");
    CHECK(Cell(A::OPENED, A::RXJ_PLUS) == "9");
    CHECK(Cell(A::OPENED, A::RXJ_MINUS) == "tld,irc,str/5");
    CHECK(Cell(A::OPENED, A::RXR) == "ser/9");
    // Illegal transitions ("-").
    CHECK(Cell(A::INITIAL, A::DOWN) == "-");
    CHECK(Cell(A::INITIAL, A::RCR_PLUS) == "-");
    CHECK(Cell(A::STARTING, A::RTA) == "-");
    CHECK(Cell(A::CLOSED, A::UP) == "-");
    CHECK(Cell(A::OPENED, A::UP) == "-");
    CHECK(Cell(A::OPENED, A::TO_PLUS) == "-");
}

TEST_CASE("PPP automaton: structure stated in the notes of RFC 1661 4.1", "[ppp]")
{
    int legal = 0;
    for (uint8_t s = 0; s < A::STATE_COUNT; ++s)
    {
        const auto state = static_cast<A::State>(s);
        // "The states in which the Restart timer is running are
        // identifiable by the presence of TO events."
        CHECK(A::Lookup(state, A::TO_PLUS).legal == A::TimerRunsIn(state));
        CHECK(A::Lookup(state, A::TO_MINUS).legal == A::TimerRunsIn(state));
        // Up is only possible with the lower layer down (Initial, Starting)
        // and Down only with it up.
        CHECK(A::Lookup(state, A::UP).legal == (s <= A::STARTING));
        CHECK(A::Lookup(state, A::DOWN).legal == (s > A::STARTING));
        // Open and Close are always possible.
        CHECK(A::Lookup(state, A::OPEN).legal);
        CHECK(A::Lookup(state, A::CLOSE).legal);
        for (uint8_t e = 0; e < A::EVENT_COUNT; ++e)
        {
            const A::Cell& cell = A::Lookup(state, static_cast<A::Event>(e));
            legal += cell.legal ? 1 : 0;
            // tlu only ever leads to Opened; tld only leaves it.
            for (A::Action action : cell.actions)
            {
                if (action == A::TLU)
                {
                    CHECK(cell.next == A::OPENED);
                }
                if (action == A::TLD)
                {
                    CHECK(state == A::OPENED);
                }
            }
        }
        // Packets cannot arrive with the lower layer down.
        for (A::Event e : {A::RCR_PLUS, A::RCA, A::RTR, A::RTA, A::RUC, A::RXR})
        {
            CHECK(A::Lookup(state, e).legal == (s > A::STARTING));
        }
    }
    CHECK(legal == 160 - 40); // 40 "-" cells in the table
}

TEST_CASE("PPP automaton: opening, as 4.2 describes it", "[ppp]")
{
    A a;
    CHECK(a.GetState() == A::INITIAL);
    A::Result r = a.ProcessEvent(A::OPEN);
    CHECK(r.actions == Actions{A::TLS});
    CHECK(r.to == A::STARTING);
    CHECK_FALSE(r.startTimer);

    r = a.ProcessEvent(A::UP);
    CHECK(r.actions == Actions{A::IRC, A::SCR});
    CHECK(r.to == A::REQ_SENT);
    CHECK(r.startTimer);
    CHECK(a.GetRestartCounter() == 9); // Max-Configure 10, one sent

    r = a.ProcessEvent(A::RCR_PLUS);
    CHECK(r.actions == Actions{A::SCA});
    CHECK(r.to == A::ACK_SENT);
    CHECK_FALSE(r.startTimer); // the timer times our request, not the Ack
    CHECK_FALSE(r.stopTimer);

    r = a.ProcessEvent(A::RCA);
    CHECK(r.actions == Actions{A::IRC, A::TLU});
    CHECK(r.to == A::OPENED);
    CHECK(r.stopTimer);

    // The other order: our request acknowledged first.
    A b = In(A::REQ_SENT);
    r = b.ProcessEvent(A::RCA);
    CHECK(r.actions == Actions{A::IRC});
    CHECK(r.to == A::ACK_RCVD);
    CHECK(b.GetRestartCounter() == 10);
    r = b.ProcessEvent(A::RCR_PLUS);
    CHECK(r.actions == Actions{A::SCA, A::TLU});
    CHECK(r.to == A::OPENED);
    CHECK(r.stopTimer);
}

TEST_CASE("PPP automaton: Max-Configure exhaustion ends in tlf", "[ppp]")
{
    A::Config config;
    config.maxConfigure = 10;
    A a = In(A::REQ_SENT, config);
    int requests = 1; // the scr of Up
    for (int k = 0; k < 20 && a.GetState() == A::REQ_SENT; ++k)
    {
        const A::Result r = a.Timeout();
        if (r.event == A::TO_PLUS)
        {
            CHECK(r.actions == Actions{A::SCR});
            CHECK(r.startTimer);
            ++requests;
        }
        else
        {
            // 4.6 Max-Configure: "...before assuming that the peer is
            // unable to respond": TO-, tlf/3.
            CHECK(r.event == A::TO_MINUS);
            CHECK(r.actions == Actions{A::TLF});
            CHECK(r.to == A::STOPPED);
            CHECK(r.stopTimer);
        }
    }
    CHECK(requests == 10);
    CHECK(a.GetState() == A::STOPPED);

    // In Ack-Sent the retransmissions keep the state (scr/8).
    A b = In(A::ACK_SENT, config);
    CHECK(b.Timeout().to == A::ACK_SENT);

    // A Configure-Nak re-arms the counter (irc,scr/6).
    A c = In(A::REQ_SENT, config);
    c.Timeout();
    c.Timeout();
    CHECK(c.GetRestartCounter() == 7);
    c.ProcessEvent(A::RCN);
    CHECK(c.GetRestartCounter() == 9);
}

TEST_CASE("PPP automaton: passive option waits in Stopped", "[ppp]")
{
    A::Config config;
    config.passive = true;
    config.maxConfigure = 2;
    // [p]: TO- in Req-Sent goes to Stopped without tlf.
    A a = In(A::REQ_SENT, A::Config{2, 2, 5, false});
    A p(config);
    p.ProcessEvent(A::OPEN);
    A::Result r = p.ProcessEvent(A::UP); // pppd "silent": no request
    CHECK(r.actions.empty());
    CHECK(r.to == A::STOPPED);
    CHECK_FALSE(r.startTimer);
    // The peer's request brings it into negotiation (irc,scr,sca/8).
    r = p.ProcessEvent(A::RCR_PLUS);
    CHECK(r.actions == Actions{A::IRC, A::SCR, A::SCA});
    CHECK(r.to == A::ACK_SENT);
    p.Timeout();
    r = p.Timeout();
    CHECK(r.event == A::TO_MINUS);
    CHECK(r.actions.empty()); // no tlf
    CHECK(r.to == A::STOPPED);

    a.Timeout();
    r = a.Timeout();
    CHECK(r.actions == Actions{A::TLF}); // not passive: tlf
}

TEST_CASE("PPP automaton: Terminate handshakes", "[ppp]")
{
    SECTION("local Close, Terminate-Ack received")
    {
        A a = In(A::OPENED);
        A::Result r = a.ProcessEvent(A::CLOSE);
        CHECK(r.actions == Actions{A::TLD, A::IRC, A::STR});
        CHECK(r.to == A::CLOSING);
        CHECK(r.startTimer);
        CHECK(a.GetRestartCounter() == 1); // Max-Terminate 2, one sent
        r = a.ProcessEvent(A::RTA);
        CHECK(r.actions == Actions{A::TLF});
        CHECK(r.to == A::CLOSED);
        CHECK(r.stopTimer);
        // Closed: Terminate-Acks are silently discarded.
        CHECK(a.ProcessEvent(A::RTA).actions.empty());
    }
    SECTION("local Close, no answer: Max-Terminate requests, then tlf")
    {
        A a = In(A::OPENED);
        a.ProcessEvent(A::CLOSE);
        int requests = 1;
        A::Result r = a.Timeout();
        CHECK(r.event == A::TO_PLUS);
        CHECK(r.actions == Actions{A::STR});
        ++requests;
        r = a.Timeout();
        CHECK(r.event == A::TO_MINUS);
        CHECK(r.actions == Actions{A::TLF});
        CHECK(r.to == A::CLOSED);
        CHECK(requests == 2);
    }
    SECTION("peer's Terminate-Request: zrc, wait one restart period, tlf")
    {
        A a = In(A::OPENED);
        A::Result r = a.ProcessEvent(A::RTR);
        CHECK(r.actions == Actions{A::TLD, A::ZRC, A::STA});
        CHECK(r.to == A::STOPPING);
        CHECK(r.startTimer); // zrc starts the timer (4.4)
        CHECK(a.GetRestartCounter() == 0);
        r = a.Timeout();
        CHECK(r.event == A::TO_MINUS);
        CHECK(r.actions == Actions{A::TLF});
        CHECK(r.to == A::STOPPED);
        // Stopped + Down: tls/1, ready for the next Up.
        r = a.ProcessEvent(A::DOWN);
        CHECK(r.actions == Actions{A::TLS});
        CHECK(r.to == A::STARTING);
    }
    SECTION("Terminate-Request while negotiating is acknowledged, state kept")
    {
        A a = In(A::ACK_SENT);
        A::Result r = a.ProcessEvent(A::RTR);
        CHECK(r.actions == Actions{A::STA});
        CHECK(r.to == A::REQ_SENT);
    }
}

TEST_CASE("PPP automaton: rejects, unknown codes, echo", "[ppp]")
{
    SECTION("RXJ- in Opened terminates")
    {
        A a = In(A::OPENED);
        A::Result r = a.ProcessEvent(A::RXJ_MINUS);
        CHECK(r.actions == Actions{A::TLD, A::IRC, A::STR});
        CHECK(r.to == A::STOPPING);
        CHECK(a.GetRestartCounter() == 1);
        r = a.ProcessEvent(A::RTA);
        CHECK(r.actions == Actions{A::TLF});
        CHECK(r.to == A::STOPPED);
    }
    SECTION("RXJ- while negotiating finishes the layer")
    {
        for (A::State s : {A::REQ_SENT, A::ACK_RCVD, A::ACK_SENT})
        {
            A a = In(s);
            A::Result r = a.ProcessEvent(A::RXJ_MINUS);
            CHECK(r.actions == Actions{A::TLF});
            CHECK(r.to == A::STOPPED);
            CHECK(r.stopTimer);
        }
        A closing = In(A::CLOSING);
        CHECK(closing.ProcessEvent(A::RXJ_MINUS).to == A::CLOSED);
    }
    SECTION("RXJ+ changes nothing")
    {
        A a = In(A::OPENED);
        A::Result r = a.ProcessEvent(A::RXJ_PLUS);
        CHECK(r.actions.empty());
        CHECK(r.to == A::OPENED);
        A b = In(A::ACK_RCVD);
        CHECK(b.ProcessEvent(A::RXJ_PLUS).to == A::REQ_SENT); // RFC: 6
    }
    SECTION("RUC answers with a Code-Reject in every state with a link")
    {
        for (A::State s : {A::CLOSED, A::STOPPED, A::CLOSING, A::REQ_SENT, A::OPENED})
        {
            A a = In(s);
            A::Result r = a.ProcessEvent(A::RUC);
            CHECK(r.actions == Actions{A::SCJ});
            CHECK(r.to == s);
        }
    }
    SECTION("RXR is answered only in Opened")
    {
        A a = In(A::ACK_SENT);
        CHECK(a.ProcessEvent(A::RXR).actions.empty());
        A b = In(A::OPENED);
        CHECK(b.ProcessEvent(A::RXR).actions == Actions{A::SER});
    }
}

TEST_CASE("PPP automaton: crossed connection and renegotiation", "[ppp]")
{
    // [x]: an Ack in Ack-Rcvd (our request acknowledged twice) restarts.
    A a = In(A::ACK_RCVD);
    A::Result r = a.ProcessEvent(A::RCA);
    CHECK(r.actions == Actions{A::SCR});
    CHECK(r.to == A::REQ_SENT);
    CHECK(r.startTimer);
    // A Configure-Request in Opened renegotiates: tld, scr, sca.
    A b = In(A::OPENED);
    r = b.ProcessEvent(A::RCR_PLUS);
    CHECK(r.actions == Actions{A::TLD, A::SCR, A::SCA});
    CHECK(r.to == A::ACK_SENT);
    CHECK(r.startTimer);
    // Lower layer Down in Opened: tld/1; Up again sends a request.
    A c = In(A::OPENED);
    r = c.ProcessEvent(A::DOWN);
    CHECK(r.actions == Actions{A::TLD});
    CHECK(r.to == A::STARTING);
    r = c.ProcessEvent(A::UP);
    CHECK(r.actions == Actions{A::IRC, A::SCR});
}

TEST_CASE("PPP automaton: illegal events leave the state", "[ppp]")
{
    A a;
    A::Result r = a.ProcessEvent(A::TO_PLUS);
    CHECK(r.illegal);
    CHECK(r.to == A::INITIAL);
    CHECK(a.GetState() == A::INITIAL);
    A b = In(A::OPENED);
    r = b.Timeout(); // a stale timer
    CHECK(r.illegal);
    CHECK(b.GetState() == A::OPENED);
    std::ostringstream os;
    os << r;
    CHECK(os.str().find("illegal") != std::string::npos);
}

TEST_CASE("PPP automaton: Max-Failure counts Naks sent without an Ack", "[ppp]")
{
    A a = In(A::REQ_SENT, A::Config{10, 2, 3, false});
    for (int k = 0; k < 3; ++k)
    {
        CHECK_FALSE(a.NakExhausted());
        a.ProcessEvent(A::RCR_MINUS);
        a.NoteNakSent();
    }
    CHECK(a.NakExhausted());
    CHECK(a.GetFailures() == 3);
    a.ProcessEvent(A::RCR_PLUS); // sca
    CHECK_FALSE(a.NakExhausted());
    CHECK(a.GetFailures() == 0);
}

TEST_CASE("PPP automaton: names", "[ppp]")
{
    CHECK(A::StateName(A::ACK_RCVD) == "Ack-Rcvd");
    CHECK(A::EventName(A::RXJ_MINUS) == "RXJ-");
    CHECK(A::ActionName(A::SER) == "ser");
    std::ostringstream os;
    A a;
    a.ProcessEvent(A::OPEN);
    os << a.ProcessEvent(A::UP);
    CHECK(os.str() == "Starting --Up--> irc,scr/Req-Sent");
}
