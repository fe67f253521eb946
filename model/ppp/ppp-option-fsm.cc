// SPDX-License-Identifier: GPL-2.0-only
#include "ppp-option-fsm.h"

#include "ns3/log.h"

#include <sstream>

namespace ns3
{
namespace ppp
{

NS_LOG_COMPONENT_DEFINE("PppOptionFsm");

namespace
{

/*
 * RFC 1661 section 4.1, transcribed cell by cell: rows are events (in the
 * order of OptionFsm::Event), columns states 0-9. "action,.../n"
 * with an optional footnote letter after the state; "-" is illegal.
 */
// clang-format off
const char* const RFC1661_TABLE[OptionFsm::EVENT_COUNT][OptionFsm::STATE_COUNT] = {
    //          0 Initial  1 Starting   2 Closed     3 Stopped        4 Closing  5 Stopping 6 Req-Sent    7 Ack-Rcvd   8 Ack-Sent    9 Opened
    /* Up   */ {"2",       "irc,scr/6", "-",         "-",             "-",       "-",       "-",          "-",         "-",          "-"},
    /* Down */ {"-",       "-",         "0",         "tls/1",         "0",       "1",       "1",          "1",         "1",          "tld/1"},
    /* Open */ {"tls/1",   "1",         "irc,scr/6", "3r",            "5r",      "5r",      "6",          "7",         "8",          "9r"},
    /* Close*/ {"0",       "tlf/0",     "2",         "2",             "4",       "4",       "irc,str/4",  "irc,str/4", "irc,str/4",  "tld,irc,str/4"},
    /* TO+  */ {"-",       "-",         "-",         "-",             "str/4",   "str/5",   "scr/6",      "scr/6",     "scr/8",      "-"},
    /* TO-  */ {"-",       "-",         "-",         "-",             "tlf/2",   "tlf/3",   "tlf/3p",     "tlf/3p",    "tlf/3p",     "-"},
    /* RCR+ */ {"-",       "-",         "sta/2",     "irc,scr,sca/8", "4",       "5",       "sca/8",      "sca,tlu/9", "sca/8",      "tld,scr,sca/8"},
    /* RCR- */ {"-",       "-",         "sta/2",     "irc,scr,scn/6", "4",       "5",       "scn/6",      "scn/7",     "scn/6",      "tld,scr,scn/6"},
    /* RCA  */ {"-",       "-",         "sta/2",     "sta/3",         "4",       "5",       "irc/7",      "scr/6x",    "irc,tlu/9",  "tld,scr/6x"},
    /* RCN  */ {"-",       "-",         "sta/2",     "sta/3",         "4",       "5",       "irc,scr/6",  "scr/6x",    "irc,scr/8",  "tld,scr/6x"},
    /* RTR  */ {"-",       "-",         "sta/2",     "sta/3",         "sta/4",   "sta/5",   "sta/6",      "sta/6",     "sta/6",      "tld,zrc,sta/5"},
    /* RTA  */ {"-",       "-",         "2",         "3",             "tlf/2",   "tlf/3",   "6",          "6",         "8",          "tld,scr/6"},
    /* RUC  */ {"-",       "-",         "scj/2",     "scj/3",         "scj/4",   "scj/5",   "scj/6",      "scj/7",     "scj/8",      "scj/9"},
    /* RXJ+ */ {"-",       "-",         "2",         "3",             "4",       "5",       "6",          "6",         "8",          "9"},
    /* RXJ- */ {"-",       "-",         "tlf/2",     "tlf/3",         "tlf/2",   "tlf/3",   "tlf/3",      "tlf/3",     "tlf/3",      "tld,irc,str/5"},
    /* RXR  */ {"-",       "-",         "2",         "3",             "4",       "5",       "6",          "7",         "8",          "ser/9"},
};
// clang-format on

const char* const ACTION_NAMES[] = {
    "tlu", "tld", "tls", "tlf", "irc", "zrc", "scr", "sca", "scn", "str", "sta", "scj", "ser"};
constexpr std::size_t ACTION_COUNT = sizeof(ACTION_NAMES) / sizeof(ACTION_NAMES[0]);

bool
Contains(const std::vector<OptionFsm::Action>& actions, OptionFsm::Action action)
{
    for (OptionFsm::Action a : actions)
    {
        if (a == action)
        {
            return true;
        }
    }
    return false;
}

} // namespace

bool
OptionFsm::Result::Has(Action action) const
{
    return Contains(actions, action);
}

OptionFsm::OptionFsm()
    : OptionFsm(Config())
{
}

OptionFsm::OptionFsm(const Config& config)
    : m_config(config)
    , m_state(INITIAL)
    , m_restartCounter(0)
    , m_failures(0)
{
}

const OptionFsm::Table&
OptionFsm::Transitions()
{
    // Read once from the transcription above: "actions/next" with an
    // optional footnote letter after the state; "-" cells are no row.
    static const Table table = [] {
        std::vector<Table::Row> rows;
        for (uint8_t e = 0; e < EVENT_COUNT; ++e)
        {
            for (uint8_t s = 0; s < STATE_COUNT; ++s)
            {
                const std::string text = RFC1661_TABLE[e][s];
                if (text == "-")
                {
                    continue;
                }
                Table::Row row{static_cast<State>(s), static_cast<Event>(e), {}, INITIAL};
                std::string target = text;
                const std::size_t slash = text.find('/');
                if (slash != std::string::npos)
                {
                    std::istringstream list(text.substr(0, slash));
                    std::string name;
                    while (std::getline(list, name, ','))
                    {
                        for (std::size_t a = 0; a < ACTION_COUNT; ++a)
                        {
                            if (name == ACTION_NAMES[a])
                            {
                                row.action.actions.push_back(static_cast<Action>(a));
                            }
                        }
                    }
                    target = text.substr(slash + 1);
                }
                row.next = static_cast<State>(target[0] - '0');
                row.action.passive = target.find('p') != std::string::npos;
                rows.push_back(row);
            }
        }
        return Table(rows);
    }();
    return table;
}

OptionFsm::Cell
OptionFsm::Lookup(State state, Event event)
{
    const Table::Row* row = Transitions().Find(state, event);
    if (row == nullptr)
    {
        return Cell{false, {}, state, false}; // "-"
    }
    return Cell{true, row->action.actions, row->next, row->action.passive};
}

OptionFsm::Result
OptionFsm::ProcessEvent(Event event)
{
    Result result;
    result.from = m_state;
    result.to = m_state;
    result.event = event;
    const Table::Row* row = Transitions().Find(m_state, event);
    if (row == nullptr)
    {
        // "-": the event cannot occur in this state; logged and ignored.
        NS_LOG_LOGIC("illegal event: " << Table::Describe(m_state, event));
        result.illegal = true;
        return result;
    }
    std::vector<Action> actions = row->action.actions;
    State next = row->next;
    if (m_config.passive)
    {
        if (row->action.passive)
        {
            // [p] (4.2 "Stopped"): wait passively for the peer, no tlf.
            actions.clear();
        }
        else if ((m_state == STARTING && event == UP) || (m_state == CLOSED && event == OPEN))
        {
            // pppd "silent": do not send the first Configure-Request.
            actions.clear();
            next = STOPPED;
        }
    }
    for (Action action : actions)
    {
        switch (action)
        {
        case IRC:
            // 4.4 irc: Max-Terminate before a Terminate-Request, otherwise
            // Max-Configure.
            m_restartCounter =
                Contains(actions, STR) ? m_config.maxTerminate : m_config.maxConfigure;
            break;
        case ZRC:
            m_restartCounter = 0; // 4.4 zrc
            result.startTimer = true;
            break;
        case SCR:
        case STR:
            // 4.6: decremented for each transmission, including the first.
            if (m_restartCounter > 0)
            {
                --m_restartCounter;
            }
            result.startTimer = true;
            break;
        case SCA:
            m_failures = 0; // 4.6 Max-Failure: Naks "without sending a Configure-Ack"
            break;
        default:
            break;
        }
    }
    result.actions = actions;
    result.to = next;
    if (!TimerRunsIn(next))
    {
        result.startTimer = false;
        result.stopTimer = TimerRunsIn(m_state);
    }
    if (m_state != next)
    {
        NS_LOG_DEBUG(StateName(m_state) << " --" << EventName(event) << "--> " << StateName(next));
    }
    m_state = next;
    return result;
}

OptionFsm::Result
OptionFsm::Timeout()
{
    return ProcessEvent(m_restartCounter > 0 ? TO_PLUS : TO_MINUS);
}

OptionFsm::State
OptionFsm::GetState() const
{
    return m_state;
}

uint32_t
OptionFsm::GetRestartCounter() const
{
    return m_restartCounter;
}

const OptionFsm::Config&
OptionFsm::GetConfig() const
{
    return m_config;
}

bool
OptionFsm::TimerRunsIn(State state)
{
    // The states with TO events in the table (4.1 notes).
    return state == CLOSING || state == STOPPING || IsNegotiating(state);
}

bool
OptionFsm::IsNegotiating(State state)
{
    return state == REQ_SENT || state == ACK_RCVD || state == ACK_SENT;
}

void
OptionFsm::NoteNakSent()
{
    ++m_failures;
}

void
OptionFsm::ResetFailures()
{
    m_failures = 0;
}

bool
OptionFsm::NakExhausted() const
{
    return m_failures >= m_config.maxFailure;
}

uint32_t
OptionFsm::GetFailures() const
{
    return m_failures;
}

std::string
OptionFsm::StateName(State state)
{
    static const char* const names[] = {"Initial",
                                        "Starting",
                                        "Closed",
                                        "Stopped",
                                        "Closing",
                                        "Stopping",
                                        "Req-Sent",
                                        "Ack-Rcvd",
                                        "Ack-Sent",
                                        "Opened"};
    return state < STATE_COUNT ? names[state] : "State-" + std::to_string(state);
}

std::string
OptionFsm::EventName(Event event)
{
    static const char* const names[] = {"Up",
                                        "Down",
                                        "Open",
                                        "Close",
                                        "TO+",
                                        "TO-",
                                        "RCR+",
                                        "RCR-",
                                        "RCA",
                                        "RCN",
                                        "RTR",
                                        "RTA",
                                        "RUC",
                                        "RXJ+",
                                        "RXJ-",
                                        "RXR"};
    return event < EVENT_COUNT ? names[event] : "Event-" + std::to_string(event);
}

std::string
OptionFsm::ActionName(Action action)
{
    return action < ACTION_COUNT ? ACTION_NAMES[action] : "action-" + std::to_string(action);
}

std::ostream&
operator<<(std::ostream& os, OptionFsm::State state)
{
    return os << OptionFsm::StateName(state);
}

std::ostream&
operator<<(std::ostream& os, OptionFsm::Event event)
{
    return os << OptionFsm::EventName(event);
}

std::ostream&
operator<<(std::ostream& os, OptionFsm::Action action)
{
    return os << OptionFsm::ActionName(action);
}

std::ostream&
operator<<(std::ostream& os, const OptionFsm::Result& result)
{
    os << result.from << " --" << result.event << "--> ";
    if (result.illegal)
    {
        return os << "(illegal)";
    }
    for (std::size_t k = 0; k < result.actions.size(); ++k)
    {
        os << (k ? "," : "") << result.actions[k];
    }
    return os << (result.actions.empty() ? "" : "/") << result.to;
}

} // namespace ppp
} // namespace ns3
