/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "scenario-feature.h"

#include "scenario-event-stream.h"

namespace ns3
{
namespace scenario
{

RunContext::RunContext(EventStream& events, metrics::MessageTrace* trace)
    : m_events(events),
      m_trace(trace)
{
}

EventStream&
RunContext::Events()
{
    return m_events;
}

metrics::MessageTrace*
RunContext::Trace()
{
    return m_trace;
}

metrics::MessageTrace::Sink
RunContext::TraceSink()
{
    if (!m_trace)
    {
        return {};
    }
    metrics::MessageTrace* trace = m_trace;
    return [trace](const std::string& node,
                   const std::string& direction,
                   const std::string& protocol,
                   const std::string& type,
                   const metrics::MessageTrace::Fields& fields) {
        trace->Record(node, direction, protocol, type, fields);
    };
}

void
RunContext::AddRun(const std::string& feature, std::unique_ptr<FeatureRun> run)
{
    m_runs.emplace_back(feature, std::move(run));
}

void
RunContext::Finish(metrics::RunResults& results)
{
    for (const auto& feature : Features())
    {
        for (auto& [name, run] : m_runs)
        {
            if (name == feature->Name())
            {
                run->Finish(results);
            }
        }
    }
    m_runs.clear();
}

std::vector<EventKind>
Feature::EventKinds() const
{
    return {};
}

std::vector<LinkTechnology>
Feature::LinkTechnologies() const
{
    return {};
}

std::vector<CoreRoutingKind>
Feature::CoreRoutings() const
{
    return {};
}

std::vector<EventKind>
AllEventKinds()
{
    std::vector<EventKind> out;
    for (const auto& f : Features())
    {
        for (EventKind& k : f->EventKinds())
        {
            out.push_back(std::move(k));
        }
    }
    return out;
}

const LinkTechnology*
FindLinkTechnology(const std::string& name)
{
    // Collected once: the registry never changes while the program runs.
    static const std::vector<LinkTechnology> all = [] {
        std::vector<LinkTechnology> out;
        for (const auto& f : Features())
        {
            for (LinkTechnology& t : f->LinkTechnologies())
            {
                out.push_back(std::move(t));
            }
        }
        return out;
    }();
    for (const LinkTechnology& t : all)
    {
        if (t.name == name)
        {
            return &t;
        }
    }
    return nullptr;
}

namespace
{

const std::vector<CoreRoutingKind>&
AllCoreRoutings()
{
    static const std::vector<CoreRoutingKind> all = [] {
        std::vector<CoreRoutingKind> out;
        for (const auto& f : Features())
        {
            for (CoreRoutingKind& k : f->CoreRoutings())
            {
                out.push_back(std::move(k));
            }
        }
        return out;
    }();
    return all;
}

} // namespace

const CoreRoutingKind*
FindCoreRouting(const std::string& name)
{
    for (const CoreRoutingKind& k : AllCoreRoutings())
    {
        if (k.name == name)
        {
            return &k;
        }
    }
    return nullptr;
}

std::vector<std::string>
CoreRoutingNames()
{
    std::vector<std::string> out;
    for (const CoreRoutingKind& k : AllCoreRoutings())
    {
        out.push_back(k.name);
    }
    return out;
}

nlohmann::json
EchoScenario(const Scenario& s)
{
    nlohmann::json echo = nlohmann::json::object();
    for (const auto& f : Features())
    {
        f->Echo(s, echo);
    }
    return echo;
}

} // namespace scenario
} // namespace ns3
