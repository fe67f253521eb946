/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The one shape of a transition table, shared by the pure state machines
 * (l2tp::ControlFsm, l2tp::SessionFsm, ldp::SessionFsm, ppp::OptionFsm).
 *
 * A table is data: rows {state, event, action, next state, role}, kept in
 * the order the RFC prints them. The columns follow RFC 2661 7.2 ("State,
 * Event, Action, New State") and RFC 1661 4.1 ("action/next state"). What
 * "action" is stays with each machine: a member function (L2TP), a step
 * of a switch (LDP), the printed action list of a cell (PPP).
 *
 * A row may name the one role it applies to, as RFC 5036 2.5.4 marks the
 * transitions of the "(active role)" and the "(passive role)"; a row
 * without a role applies to every role.
 *
 * Find() returns no row for an event the table does not expect in that
 * state: the machine decides what that means ("-" cells of RFC 1661 are
 * illegal events, pairs missing from RFC 2661 7.2 are ignored). Building
 * a table with two rows for one (state, event, role) is a fatal error, so
 * a table that constructs has one answer for every pair.
 */
#ifndef IPVPN_FSM_TABLE_H
#define IPVPN_FSM_TABLE_H

#include "ns3/abort.h"

#include <cstddef>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/// Role type of the tables whose rows apply to every role.
enum class FsmNoRole
{
};

inline std::ostream&
operator<<(std::ostream& os, FsmNoRole)
{
    return os << "-";
}

/// One row of a transition table.
template <typename State, typename Event, typename Action, typename Role = FsmNoRole>
struct FsmRow
{
    State state;
    Event event;
    Action action; ///< what the machine does, before it enters `next`
    State next;
    std::optional<Role> role = std::nullopt; ///< none: every role
};

/**
 * A transition table: rows checked once when built, then looked up.
 * State, Event and Role need an operator<< that prints the RFC's names
 * (for Describe() and Print()).
 */
template <typename State, typename Event, typename Action, typename Role = FsmNoRole>
class FsmTable
{
  public:
    using Row = FsmRow<State, Event, Action, Role>;

    /// Rows in the RFC's order; a duplicate (state, event, role) aborts.
    explicit FsmTable(std::vector<Row> rows)
        : m_rows(std::move(rows))
    {
        const std::string duplicate = FindDuplicate(m_rows);
        NS_ABORT_MSG_IF(!duplicate.empty(), "transition table: " << duplicate);
    }

    /**
     * The row for `event` in `state` that applies to `role`, or nullptr
     * when the table has none (an unexpected event). Rows naming a role
     * never match when no role is given.
     */
    const Row*
    Find(State state, Event event, std::optional<Role> role = std::nullopt) const
    {
        for (const Row& row : m_rows)
        {
            if (row.state == state && row.event == event && (!row.role || row.role == role))
            {
                return &row;
            }
        }
        return nullptr;
    }

    const std::vector<Row>&
    GetRows() const
    {
        return m_rows;
    }

    /// "" when no two rows answer the same (state, event, role), else the
    /// first such pair of rows.
    static std::string
    FindDuplicate(const std::vector<Row>& rows)
    {
        for (std::size_t a = 0; a < rows.size(); ++a)
        {
            for (std::size_t b = a + 1; b < rows.size(); ++b)
            {
                const Row& x = rows[a];
                const Row& y = rows[b];
                if (x.state == y.state && x.event == y.event &&
                    (!x.role || !y.role || x.role == y.role))
                {
                    std::ostringstream os;
                    os << "rows " << a << " and " << b << " both answer "
                       << Describe(x.state, x.event);
                    return os.str();
                }
            }
        }
        return "";
    }

    /// "state + event", for a trace of an event without a row.
    static std::string
    Describe(State state, Event event)
    {
        std::ostringstream os;
        os << state << " + " << event;
        return os.str();
    }

    /// "state + event -> next", with " (role)" for a row limited to one.
    static std::string
    Describe(const Row& row)
    {
        std::ostringstream os;
        os << Describe(row.state, row.event) << " -> " << row.next;
        if (row.role)
        {
            os << " (" << *row.role << ")";
        }
        return os.str();
    }

    /// One line per row, in table order.
    void
    Print(std::ostream& os) const
    {
        for (const Row& row : m_rows)
        {
            os << Describe(row) << "\n";
        }
    }

  private:
    std::vector<Row> m_rows;
};

} // namespace ns3

#endif // IPVPN_FSM_TABLE_H
