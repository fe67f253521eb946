/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "scenario-event-stream.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ScenarioEventStream");

namespace scenario
{

EventStream::EventStream(std::vector<EventSpec> events)
    : m_events(std::move(events))
{
}

void
EventStream::Handle(const std::string& action, Listener apply)
{
    NS_ABORT_MSG_IF(m_owners.count(action), "two owners for event action " << action);
    m_owners[action] = std::move(apply);
}

void
EventStream::Announce(Listener listener)
{
    m_announcers.push_back(std::move(listener));
}

void
EventStream::Subscribe(Listener listener)
{
    m_listeners.push_back(std::move(listener));
}

void
EventStream::ScheduleAll()
{
    for (const EventSpec& event : m_events)
    {
        // The loader accepts only actions some feature defines; a feature
        // that defines one must also install its owner.
        NS_ABORT_MSG_UNLESS(m_owners.count(event.action),
                            "no feature applies event action " << event.action);
        Simulator::Schedule(NanoSeconds(event.atNs), &EventStream::Apply, this, event);
    }
}

void
EventStream::Apply(const EventSpec& event)
{
    NS_LOG_INFO(event.Describe());
    for (const Listener& announcer : m_announcers)
    {
        announcer(event);
    }
    m_owners.at(event.action)(event);
    for (const Listener& listener : m_listeners)
    {
        listener(event);
    }
}

} // namespace scenario
} // namespace ns3
