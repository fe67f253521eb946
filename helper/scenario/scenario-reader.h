/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Reading YAML into scenario structs with located errors: every typed read
 * reports a wrong value with its file position and key path and returns
 * nothing, so a reader goes on and the user sees every mistake at once.
 * Each scenario feature reads its own section with one of these.
 */
#ifndef IPVPN_SCENARIO_READER_H
#define IPVPN_SCENARIO_READER_H

#include "scenario-diagnostics.h"
#include "scenario-enum.h"
#include "scenario-values.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <vector>

namespace ns3
{
namespace scenario
{

SourceMark MarkOf(const YAML::Node& node);

/// "path[i]"
std::string Index(const std::string& path, size_t i);

/// "path.key", or "key" at the root.
std::string Child(const std::string& path, const std::string& key);

class YamlReader
{
  public:
    explicit YamlReader(DiagnosticLog& log);

    DiagnosticLog& Log();

    void Error(const YAML::Node& at, const std::string& path, const std::string& message);

    // --- structure
    /// True when `node` is a map; reports unknown and repeated keys (with a
    /// "did you mean" hint) and records the position of every key.
    bool CheckMap(const YAML::Node& node,
                  const std::string& path,
                  const std::vector<std::string>& allowed);
    /// True when `node` is a list; records the position of every item.
    bool CheckSequence(const YAML::Node& node, const std::string& path);
    /// Reports "missing required key" at the map for each key it lacks;
    /// true when all are there.
    bool Require(const YAML::Node& map,
                 const std::string& path,
                 const std::vector<std::string>& keys);

    // --- typed scalars; each returns nullopt (after reporting) on error
    std::optional<std::string> Scalar(const YAML::Node& node, const std::string& path);
    std::optional<int64_t> Integer(const YAML::Node& node,
                                   const std::string& path,
                                   int64_t min,
                                   int64_t max);
    std::optional<double> Real(const YAML::Node& node,
                               const std::string& path,
                               double min,
                               double max);
    std::optional<bool> Boolean(const YAML::Node& node, const std::string& path);
    std::optional<int64_t> Duration(const YAML::Node& node, const std::string& path);
    /// A duration above zero.
    std::optional<int64_t> PositiveDuration(const YAML::Node& node, const std::string& path);
    /// A duration of zero or more.
    std::optional<int64_t> NonNegativeDuration(const YAML::Node& node, const std::string& path);
    std::optional<uint64_t> DataRate(const YAML::Node& node, const std::string& path);
    std::optional<Ipv4Prefix> Prefix(const YAML::Node& node, const std::string& path);
    /// A usable identifier (it becomes part of file names and trace lines).
    std::optional<std::string> Name(const YAML::Node& node, const std::string& path);

    /// A scalar read with one of the value parsers, reporting its error.
    template <typename T>
    std::optional<T> Parse(const YAML::Node& node,
                           const std::string& path,
                           Parsed<T> (*parser)(const std::string&))
    {
        auto text = Scalar(node, path);
        if (!text)
        {
            return std::nullopt;
        }
        auto parsed = parser(*text);
        if (!parsed)
        {
            Error(node, path, parsed.error);
        }
        return parsed.value;
    }

    /// One of the table's names: "unknown <what> 'x' (a, b or c)".
    template <typename E>
    std::optional<E> Enum(const YAML::Node& node,
                          const std::string& path,
                          const EnumTable<E>& table,
                          const std::string& what)
    {
        auto text = Scalar(node, path);
        if (!text)
        {
            return std::nullopt;
        }
        if (auto value = table.Parse(*text))
        {
            return value;
        }
        const std::string hint = ClosestName(*text, table.Names());
        Error(node,
              path,
              fmt::format("unknown {} '{}'{} ({})",
                          what,
                          *text,
                          hint.empty() ? "" : fmt::format("; did you mean '{}'?", hint),
                          table.Choices()));
        return std::nullopt;
    }

  private:
    DiagnosticLog& m_log;
};

} // namespace scenario
} // namespace ns3

#endif
