/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The checks every scenario feature needs, written once: references to
 * nodes, links and flows, unique names within a list, located through the
 * key paths the reader recorded. Validation only reports; resolution uses
 * the same checker to report values it cannot derive.
 */
#ifndef IPVPN_SCENARIO_CHECKER_H
#define IPVPN_SCENARIO_CHECKER_H

#include "scenario-diagnostics.h"
#include "scenario-spec.h"

#include <fmt/format.h>

#include <map>
#include <string>
#include <vector>

namespace ns3
{
namespace scenario
{

class ScenarioChecker
{
  public:
    ScenarioChecker(const Scenario& scenario, DiagnosticLog& log);

    const Scenario& Spec() const;
    DiagnosticLog& Log();
    void ErrorAt(const std::string& path, const std::string& message);

    /// Whether node names can be resolved at all: the node list was read as
    /// a list and its names are unique. When not, reference checks stay
    /// silent rather than repeat that one mistake everywhere.
    bool NodesUsable() const;

    /// The node named, or null: after reporting "unknown node" when the
    /// name is not empty and node names are usable.
    const NodeSpec* NodeRef(const std::string& name, const std::string& path);
    /// The same, further requiring a router: "'H' is a host; <why>".
    const NodeSpec* RouterRef(const std::string& name,
                              const std::string& path,
                              const std::string& why);
    const LinkSpec* LinkRef(const std::string& name, const std::string& path);
    const FlowSpec* FlowRef(const std::string& name, const std::string& path);

    /// Reports every repeated name of a list:
    ///   "<section>[i].name: duplicate <what> name 'x' (first used by <section>[j])".
    template <typename Item>
    void UniqueNames(const std::vector<Item>& items,
                     const std::string& section,
                     const std::string& what)
    {
        std::map<std::string, size_t> first;
        for (size_t i = 0; i < items.size(); ++i)
        {
            const std::string& name = items[i].name;
            if (name.empty())
            {
                continue;
            }
            auto [it, fresh] = first.emplace(name, i);
            if (!fresh)
            {
                ErrorAt(fmt::format("{}[{}].name", section, i),
                        fmt::format("duplicate {} name '{}' (first used by {}[{}])",
                                    what,
                                    name,
                                    section,
                                    it->second));
            }
        }
    }

  private:
    const Scenario& m_scenario;
    DiagnosticLog& m_log;
};

} // namespace scenario
} // namespace ns3

#endif
