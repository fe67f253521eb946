/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "scenario-runner.h"

#include "scenario-event-stream.h"
#include "scenario-feature.h"
#include "scenario-network.h"

#include "ns3/animation-interface.h"
#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/global-value.h"
#include "ns3/ipvpn-message-trace.h"
#include "ns3/object-factory.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sys/resource.h>

namespace ns3
{
namespace scenario
{

namespace
{

/// Settings every run needs, applied before any object is created.
void
ConfigureSimulator(const Scenario& s)
{
    // Real checksums, so captures verify in Wireshark.
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    // The priority-queue scheduler is the fastest in ns-3 3.37.
    ObjectFactory scheduler;
    scheduler.SetTypeId("ns3::PriorityQueueScheduler");
    Simulator::SetScheduler(scheduler);
    // ARP keeps only 3 packets while it resolves by default: the first
    // packets of every flow would be lost to it.
    Config::SetDefault("ns3::ArpCache::PendingQueueSize", UintegerValue(100));
    RngSeedManager::SetSeed(s.simulation.seed);
    RngSeedManager::SetRun(s.simulation.run);
}

/// Prints simulated-time progress at most every two wall-clock seconds, so
/// short runs stay silent and long runs show that they move.
class ProgressReporter
{
  public:
    explicit ProgressReporter(int64_t stopNs)
        : m_stopNs(stopNs),
          m_step(NanoSeconds(std::max<int64_t>(stopNs / 200, 1))),
          m_start(std::chrono::steady_clock::now()),
          m_lastPrint(m_start)
    {
        m_event = Simulator::Schedule(m_step, &ProgressReporter::Tick, this);
    }

    ~ProgressReporter()
    {
        m_event.Cancel();
    }

  private:
    void Tick()
    {
        auto now = std::chrono::steady_clock::now();
        if (now - m_lastPrint >= std::chrono::seconds(2))
        {
            m_lastPrint = now;
            double wall = std::chrono::duration<double>(now - m_start).count();
            std::cout << fmt::format("progress: {:5.1f}% ({:.3f} s of {:.3f} s simulated, "
                                     "{:.1f} s wall, {:.0f} events/s)\n",
                                     100.0 * Simulator::Now().GetNanoSeconds() / m_stopNs,
                                     Simulator::Now().GetSeconds(),
                                     m_stopNs / 1e9,
                                     wall,
                                     Simulator::GetEventCount() / wall)
                      << std::flush;
        }
        m_event = Simulator::Schedule(m_step, &ProgressReporter::Tick, this);
    }

    int64_t m_stopNs;
    Time m_step;
    std::chrono::steady_clock::time_point m_start;
    std::chrono::steady_clock::time_point m_lastPrint;
    EventId m_event;
};

long
MaxRssKiB()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

void
InstallAll(InstallStage stage, const Scenario& s, Network& network, RunContext& run)
{
    for (const auto& feature : Features())
    {
        feature->Install(stage, s, network, run);
    }
}

} // namespace

RunResults
RunScenario(const Scenario& s, const RunOptions& options)
{
    RunResults results;
    results.intervalNs = s.outputs.intervalNs;
    results.scenarioEcho = EchoScenario(s);
    ConfigureSimulator(s);
    std::filesystem::create_directories(s.outputs.folder);

    std::unique_ptr<metrics::MessageTrace> trace;
    if (s.outputs.messageTrace)
    {
        results.messageTraceFile = s.outputs.folder + "/messages.txt";
        trace = std::make_unique<metrics::MessageTrace>(results.messageTraceFile);
    }
    Network network(s);
    EventStream events(s.events);
    RunContext run(events, trace.get());

    InstallAll(InstallStage::TOPOLOGY, s, network, run);
    InstallAll(InstallStage::PROTOCOLS, s, network, run);
    InstallAll(InstallStage::APPLICATIONS, s, network, run);
    events.ScheduleAll();
    InstallAll(InstallStage::MONITORS, s, network, run);
    // Recorded before the event is applied: the trace shows the cause first.
    events.Announce([&results, &trace](const EventSpec& e) {
        results.events.push_back({Simulator::Now().GetNanoSeconds(), e});
        if (trace)
        {
            trace->Record("-", "event", "scenario", e.action, e.args);
        }
    });

    std::unique_ptr<AnimationInterface> animation;
    if (s.outputs.netanim)
    {
        results.netanimFile = s.outputs.folder + "/netanim.xml";
        animation = std::make_unique<AnimationInterface>(results.netanimFile);
        for (const auto& node : s.nodes)
        {
            animation->UpdateNodeDescription(network.GetNode(node.name), node.name);
        }
    }
    std::unique_ptr<ProgressReporter> progress;
    if (options.showProgress)
    {
        progress = std::make_unique<ProgressReporter>(s.simulation.stopNs);
    }

    Simulator::Stop(NanoSeconds(s.simulation.stopNs));
    const auto wallStart = std::chrono::steady_clock::now();
    Simulator::Run();
    results.wallSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    results.simulatedNs = Simulator::Now().GetNanoSeconds();
    results.eventsProcessed = Simulator::GetEventCount();
    run.Finish(results);
    if (trace)
    {
        results.messagesTraced = trace->Lines();
    }

    progress.reset();
    animation.reset();
    trace.reset();
    Simulator::Destroy();
    results.maxRssKiB = MaxRssKiB();
    // The core's flow checks first, then those the features' run parts added.
    auto flowChecks = metrics::CheckExpectations(s, results.flows);
    results.expectations.insert(results.expectations.begin(), flowChecks.begin(), flowChecks.end());
    return results;
}

} // namespace scenario
} // namespace ns3
