/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The one place timed events happen. Each event action has one owner (the
 * feature that defines it) that applies it. The event is announced just
 * before (the results and the message trace record it) and published after
 * (monitors and the topology oracle's replay). Because the oracle replays the very
 * events that were applied, it cannot disagree with the live network about
 * what happened when.
 */
#ifndef IPVPN_SCENARIO_EVENT_STREAM_H
#define IPVPN_SCENARIO_EVENT_STREAM_H

#include "scenario-spec.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace ns3
{
namespace scenario
{

class EventStream
{
  public:
    using Listener = std::function<void(const EventSpec&)>;

    explicit EventStream(std::vector<EventSpec> events);

    /// The owner of an action: applies it to the network.
    void Handle(const std::string& action, Listener apply);

    /// Told of every event just before it is applied, so that a log shows
    /// the cause ahead of its effects (the message trace, the results).
    void Announce(Listener listener);

    /// Told of every event after it was applied, in subscription order
    /// (monitors, the oracle replay).
    void Subscribe(Listener listener);

    /// Schedules every event of the scenario at its time. Every action must
    /// have an owner by then.
    void ScheduleAll();

    /// Applies and publishes one event now.
    void Apply(const EventSpec& event);

  private:
    std::vector<EventSpec> m_events;
    std::map<std::string, Listener> m_owners;
    std::vector<Listener> m_announcers;
    std::vector<Listener> m_listeners;
};

} // namespace scenario
} // namespace ns3

#endif
