// SPDX-License-Identifier: GPL-2.0-only
//
// The shared transition table shape (ipvpn-fsm-table.h) on a toy machine:
// lookup, "no row" for an unexpected event, rows limited to one role,
// duplicate rows found, names printed.
#include "ns3/ipvpn-fsm-table.h"

#include <catch2/catch.hpp>
#include <sstream>

using namespace ns3;

namespace
{

enum class Light
{
    OFF,
    ON,
};

enum class Press
{
    BUTTON,
    UNPLUG,
};

enum class Hand
{
    LEFT,
    RIGHT,
};

std::ostream&
operator<<(std::ostream& os, Light s)
{
    return os << (s == Light::OFF ? "off" : "on");
}

std::ostream&
operator<<(std::ostream& os, Press e)
{
    return os << (e == Press::BUTTON ? "button" : "unplug");
}

std::ostream&
operator<<(std::ostream& os, Hand h)
{
    return os << (h == Hand::LEFT ? "left" : "right");
}

using Table = FsmTable<Light, Press, int>;
using RoleTable = FsmTable<Light, Press, int, Hand>;

} // namespace

TEST_CASE("FSM table: a row per (state, event), none for an unexpected event", "[fsm]")
{
    const Table table({
        {Light::OFF, Press::BUTTON, 1, Light::ON},
        {Light::ON, Press::BUTTON, 2, Light::OFF},
        {Light::ON, Press::UNPLUG, 3, Light::OFF},
    });
    const Table::Row* row = table.Find(Light::OFF, Press::BUTTON);
    REQUIRE(row != nullptr);
    CHECK(row->action == 1);
    CHECK(row->next == Light::ON);
    CHECK(table.Find(Light::ON, Press::UNPLUG)->action == 3);
    // No row: the machine decides (ignore, or "-" in RFC 1661).
    CHECK(table.Find(Light::OFF, Press::UNPLUG) == nullptr);
    CHECK(table.GetRows().size() == 3);
}

TEST_CASE("FSM table: a row may apply to one role only", "[fsm]")
{
    const RoleTable table({
        {Light::OFF, Press::BUTTON, 1, Light::ON, Hand::LEFT},
        {Light::OFF, Press::BUTTON, 2, Light::OFF, Hand::RIGHT},
        {Light::ON, Press::BUTTON, 3, Light::OFF},
    });
    CHECK(table.Find(Light::OFF, Press::BUTTON, Hand::LEFT)->action == 1);
    CHECK(table.Find(Light::OFF, Press::BUTTON, Hand::RIGHT)->action == 2);
    // A row limited to a role needs that role.
    CHECK(table.Find(Light::OFF, Press::BUTTON) == nullptr);
    // A row without a role applies to every role, and without one.
    CHECK(table.Find(Light::ON, Press::BUTTON, Hand::LEFT)->action == 3);
    CHECK(table.Find(Light::ON, Press::BUTTON, Hand::RIGHT)->action == 3);
    CHECK(table.Find(Light::ON, Press::BUTTON)->action == 3);
}

TEST_CASE("FSM table: two rows answering one (state, event, role) are found", "[fsm]")
{
    CHECK(Table::FindDuplicate({
              {Light::OFF, Press::BUTTON, 1, Light::ON},
              {Light::ON, Press::BUTTON, 2, Light::OFF},
          }) == "");
    CHECK(Table::FindDuplicate({
              {Light::OFF, Press::BUTTON, 1, Light::ON},
              {Light::ON, Press::BUTTON, 2, Light::OFF},
              {Light::OFF, Press::BUTTON, 3, Light::OFF},
          }) == "rows 0 and 2 both answer off + button");
    // Rows of different roles do not clash; a row for every role clashes
    // with a row for one of them.
    CHECK(RoleTable::FindDuplicate({
              {Light::OFF, Press::BUTTON, 1, Light::ON, Hand::LEFT},
              {Light::OFF, Press::BUTTON, 2, Light::OFF, Hand::RIGHT},
          }) == "");
    CHECK(RoleTable::FindDuplicate({
              {Light::OFF, Press::BUTTON, 1, Light::ON, Hand::LEFT},
              {Light::OFF, Press::BUTTON, 2, Light::OFF},
          }) == "rows 0 and 1 both answer off + button");
    CHECK(RoleTable::FindDuplicate({
              {Light::OFF, Press::BUTTON, 1, Light::ON, Hand::RIGHT},
              {Light::OFF, Press::BUTTON, 2, Light::OFF, Hand::RIGHT},
          }) != "");
}

TEST_CASE("FSM table: rows are printed with the machine's names", "[fsm]")
{
    const RoleTable table({
        {Light::OFF, Press::BUTTON, 1, Light::ON, Hand::LEFT},
        {Light::ON, Press::UNPLUG, 2, Light::OFF},
    });
    CHECK(RoleTable::Describe(Light::OFF, Press::UNPLUG) == "off + unplug");
    CHECK(RoleTable::Describe(table.GetRows()[0]) == "off + button -> on (left)");
    std::ostringstream os;
    table.Print(os);
    CHECK(os.str() == "off + button -> on (left)\non + unplug -> off\n");
}
