/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A scenario feature is one unit: the core (nodes, links, addressing,
 * traffic, events, outputs), MPLS with LDP, RADIUS with L2TP tunnels, and
 * the sections still to come each implement this interface and are listed
 * once in the registry (scenario-feature-registry.cc). The loader, runner
 * and results writer only talk to features through it, so adding a section
 * edits none of them.
 *
 * A feature supplies, in the order they are used:
 *  - the top-level keys it reads, the event actions, link technologies and
 *    core routing kinds it defines;
 *  - Read: its YAML keys into its section (scenario-spec.h SectionStore),
 *    values as written, errors located;
 *  - Validate: located errors, nothing changed;
 *  - Resolve: every default and derived value made explicit (model defaults
 *    read from the TypeIds, scenario-defaults.h);
 *  - Echo: its part of results.json's scenario echo;
 *  - Install: objects on the built network, stage by stage, and the run
 *    parts (monitors) that turn what happens into results.
 */
#ifndef IPVPN_SCENARIO_FEATURE_H
#define IPVPN_SCENARIO_FEATURE_H

#include "scenario-spec.h"

#include "ns3/ipvpn-message-trace.h"
#include "ns3/ipvpn-run-results.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace YAML
{
class Node;
}

namespace ns3
{
namespace scenario
{

class CoreRouting;
class EventStream;
class Network;
class ScenarioChecker;
class YamlReader;

/// What an event argument refers to; references are checked for the feature.
enum class EventArgType
{
    NODE,
    LINK,
    NAME, ///< any valid name, checked by the owning feature
};

/// An event action a feature defines, with its (required) argument keys.
struct EventKind
{
    struct Arg
    {
        std::string key;
        EventArgType type;
    };

    std::string action;
    std::vector<Arg> args;
};

/// How the devices of a link are made and captured.
struct LinkTechnology
{
    std::string name; ///< the value of LinkSpec::device
    std::function<NetDeviceContainer(const LinkSpec& link,
                                      const NodeContainer& ends,
                                      int64_t& nextStream)>
        install;
    std::function<void(const std::string& file, Ptr<NetDevice> device)> enablePcap;
};

/// A core routing a scenario may choose with `routing.core`.
struct CoreRoutingKind
{
    std::string name;
    std::function<std::unique_ptr<CoreRouting>()> make;
};

/// The order in which features install onto the network; within a stage,
/// features go in registry order. Random streams are handed out in this
/// order too, so it also fixes what a seed means.
enum class InstallStage
{
    TOPOLOGY,     ///< nodes, links, addresses, core routing
    PROTOCOLS,    ///< protocols on the nodes (MPLS, LDP, RADIUS, L2TP, ...)
    APPLICATIONS, ///< traffic
    MONITORS,     ///< pcaps and the run parts that observe and report
};

/// A feature's presence during one run: it reads final state into the
/// results after Simulator::Run and before Simulator::Destroy.
class FeatureRun
{
  public:
    virtual ~FeatureRun() = default;
    virtual void Finish(metrics::RunResults& results) = 0;
};

/// What a feature installs with besides the network: the event stream, the
/// message trace (null when off) and the list of run parts.
class RunContext
{
  public:
    RunContext(EventStream& events, metrics::MessageTrace* trace);

    EventStream& Events();
    /// The message trace, or null when the scenario turned it off.
    metrics::MessageTrace* Trace();
    /// A sink into the message trace, empty when it is off.
    metrics::MessageTrace::Sink TraceSink();
    /// Adds a feature's run part; a feature may add it in an early stage
    /// and find it again in a later one.
    void AddRun(const std::string& feature, std::unique_ptr<FeatureRun> run);

    template <typename T>
    T* FindRun(const std::string& feature)
    {
        for (auto& [name, run] : m_runs)
        {
            if (name == feature)
            {
                if (auto found = dynamic_cast<T*>(run.get()))
                {
                    return found;
                }
            }
        }
        return nullptr;
    }

    /// Lets every run part read its results, features in registry order.
    void Finish(metrics::RunResults& results);

  private:
    EventStream& m_events;
    metrics::MessageTrace* m_trace;
    std::vector<std::pair<std::string, std::unique_ptr<FeatureRun>>> m_runs;
};

class Feature
{
  public:
    virtual ~Feature() = default;

    virtual std::string Name() const = 0;
    /// Top-level keys of the scenario file this feature reads.
    virtual std::vector<std::string> Keys() const = 0;

    virtual std::vector<EventKind> EventKinds() const;
    virtual std::vector<LinkTechnology> LinkTechnologies() const;
    virtual std::vector<CoreRoutingKind> CoreRoutings() const;

    virtual void Read(const YAML::Node& root, YamlReader& in, Scenario& s) const = 0;
    virtual void Validate(const Scenario& s, ScenarioChecker& check) const = 0;
    virtual void Resolve(Scenario& s, ScenarioChecker& check) const = 0;
    /// Adds the feature's keys to the scenario echo (nothing when absent).
    virtual void Echo(const Scenario& s, nlohmann::json& echo) const = 0;
    virtual void Install(InstallStage stage,
                         const Scenario& s,
                         Network& network,
                         RunContext& run) const = 0;
};

/// Every feature, core first, in the order they read, check, resolve and
/// install (scenario-feature-registry.cc).
const std::vector<std::unique_ptr<Feature>>& Features();

/// Every event kind of every feature.
std::vector<EventKind> AllEventKinds();

/// The link technology or core routing kind with this name, or null.
const LinkTechnology* FindLinkTechnology(const std::string& name);
const CoreRoutingKind* FindCoreRouting(const std::string& name);
std::vector<std::string> CoreRoutingNames();

/// The resolved scenario as results.json echoes it, every feature included.
nlohmann::json EchoScenario(const Scenario& s);

} // namespace scenario
} // namespace ns3

#endif
