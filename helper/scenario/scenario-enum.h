/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * One table per enumeration of the scenario format: the names a file may
 * use, parsing, printing, and the list shown when a value is unknown, all
 * from the same entries.
 */
#ifndef IPVPN_SCENARIO_ENUM_H
#define IPVPN_SCENARIO_ENUM_H

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{
namespace scenario
{

template <typename E>
class EnumTable
{
  public:
    struct Entry
    {
        const char* name;
        E value;
    };

    EnumTable(std::initializer_list<Entry> entries)
        : m_entries(entries)
    {
    }

    std::optional<E> Parse(const std::string& text) const
    {
        for (const Entry& e : m_entries)
        {
            if (text == e.name)
            {
                return e.value;
            }
        }
        return std::nullopt;
    }

    /// The name of a value; "?" for one the table lacks.
    const char* Name(E value) const
    {
        for (const Entry& e : m_entries)
        {
            if (e.value == value)
            {
                return e.name;
            }
        }
        return "?";
    }

    std::vector<std::string> Names() const
    {
        std::vector<std::string> out;
        for (const Entry& e : m_entries)
        {
            out.emplace_back(e.name);
        }
        return out;
    }

    /// "a or b", "a, b or c".
    std::string Choices() const
    {
        std::string out;
        for (size_t i = 0; i < m_entries.size(); ++i)
        {
            if (i > 0)
            {
                out += i + 1 == m_entries.size() ? " or " : ", ";
            }
            out += m_entries[i].name;
        }
        return out;
    }

  private:
    std::vector<Entry> m_entries;
};

} // namespace scenario
} // namespace ns3

#endif
