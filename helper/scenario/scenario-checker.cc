/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "scenario-checker.h"

#include <set>

namespace ns3
{
namespace scenario
{

ScenarioChecker::ScenarioChecker(const Scenario& scenario, DiagnosticLog& log)
    : m_scenario(scenario),
      m_log(log)
{
}

const Scenario&
ScenarioChecker::Spec() const
{
    return m_scenario;
}

DiagnosticLog&
ScenarioChecker::Log()
{
    return m_log;
}

void
ScenarioChecker::ErrorAt(const std::string& path, const std::string& message)
{
    m_log.ErrorAt(path, message);
}

bool
ScenarioChecker::NodesUsable() const
{
    if (m_log.HasErrorAt("nodes"))
    {
        return false; // not a list
    }
    std::set<std::string> names;
    for (const NodeSpec& n : m_scenario.nodes)
    {
        if (!n.name.empty() && !names.insert(n.name).second)
        {
            return false;
        }
    }
    return true;
}

const NodeSpec*
ScenarioChecker::NodeRef(const std::string& name, const std::string& path)
{
    if (name.empty() || !NodesUsable())
    {
        return nullptr;
    }
    const NodeSpec* node = m_scenario.FindNode(name);
    if (!node)
    {
        ErrorAt(path, fmt::format("unknown node '{}'", name));
    }
    return node;
}

const NodeSpec*
ScenarioChecker::RouterRef(const std::string& name, const std::string& path, const std::string& why)
{
    const NodeSpec* node = NodeRef(name, path);
    if (node && node->kind != NodeKind::ROUTER)
    {
        ErrorAt(path, fmt::format("'{}' is a {}; {}", name, ToString(node->kind), why));
        return nullptr;
    }
    return node;
}

const LinkSpec*
ScenarioChecker::LinkRef(const std::string& name, const std::string& path)
{
    if (name.empty())
    {
        return nullptr;
    }
    const LinkSpec* link = m_scenario.FindLink(name);
    if (!link)
    {
        ErrorAt(path, fmt::format("unknown link '{}'", name));
    }
    return link;
}

const FlowSpec*
ScenarioChecker::FlowRef(const std::string& name, const std::string& path)
{
    if (name.empty())
    {
        return nullptr;
    }
    const FlowSpec* flow = m_scenario.FindFlow(name);
    if (!flow)
    {
        ErrorAt(path, fmt::format("unknown flow '{}'", name));
    }
    return flow;
}

} // namespace scenario
} // namespace ns3
