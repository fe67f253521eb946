/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "scenario-runner.h"

#include "ns3/message-trace.h"
#include "scenario-builder.h"
#include "scenario-values.h"
#include "topology-graph.h"

#include "ns3/animation-interface.h"
#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/global-value.h"
#include "ns3/log.h"
#include "ns3/object-factory.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/seq-ts-size-header.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <fmt/format.h>

#include <chrono>
#include <iostream>
#include <filesystem>
#include <memory>
#include <sys/resource.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ScenarioRunner");

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

/// Hooks the flow's applications to the metrics.
void
ConnectFlow(metrics::FlowMetrics& m, size_t index, const FlowSpec& spec, const BuiltFlow& flow)
{
    if (spec.type == FlowType::PING)
    {
        // ns3::V4Ping sends one echo request at start and then one every
        // interval until stop, and reports a round-trip time per reply.
        for (int64_t t = spec.startNs; t < spec.stopNs; t += spec.intervalNs)
        {
            Simulator::Schedule(NanoSeconds(t), [&m, index, size = spec.size]() {
                m.RecordTx(index, size, Simulator::Now().GetNanoSeconds());
            });
        }
        flow.source->TraceConnectWithoutContext(
            "Rtt",
            Callback<void, Time>([&m, index, size = spec.size](Time rtt) {
                m.RecordRx(index, size, rtt.GetNanoSeconds(), Simulator::Now().GetNanoSeconds());
            }));
        return;
    }
    flow.source->TraceConnectWithoutContext(
        "Tx",
        Callback<void, Ptr<const Packet>>([&m, index](Ptr<const Packet> p) {
            m.RecordTx(index, p->GetSize(), Simulator::Now().GetNanoSeconds());
        }));
    flow.sink->TraceConnectWithoutContext(
        "RxWithSeqTsSize",
        Callback<void, Ptr<const Packet>, const Address&, const Address&, const SeqTsSizeHeader&>(
            [&m, index](Ptr<const Packet>,
                        const Address&,
                        const Address&,
                        const SeqTsSizeHeader& header) {
                const int64_t now = Simulator::Now().GetNanoSeconds();
                m.RecordRx(index,
                           static_cast<uint32_t>(header.GetSize()),
                           now - header.GetTs().GetNanoSeconds(),
                           now);
            }));
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

} // namespace

bool
RunResults::ExpectationsMet() const
{
    return std::all_of(expectations.begin(), expectations.end(), [](const auto& e) {
        return e.ok;
    });
}

RunResults
RunScenario(const Scenario& s, const RunOptions& options)
{
    RunResults results;
    results.intervalNs = s.outputs.intervalNs;
    ConfigureSimulator(s);
    std::filesystem::create_directories(s.outputs.folder);

    ScenarioBuilder builder(s);
    builder.Build();

    metrics::FlowMetrics flowMetrics(s.outputs.intervalNs);
    for (size_t i = 0; i < s.flows.size(); ++i)
    {
        flowMetrics.AddFlow(s.flows[i].name);
        ConnectFlow(flowMetrics, i, s.flows[i], builder.GetFlows()[i]);
    }

    std::unique_ptr<metrics::MessageTrace> trace;
    if (s.outputs.messageTrace)
    {
        results.messageTraceFile = s.outputs.folder + "/messages.txt";
        trace = std::make_unique<metrics::MessageTrace>(results.messageTraceFile);
        for (const auto& node : s.nodes)
        {
            trace->WatchIcmp(builder.GetNode(node.name), node.name);
        }
    }
    // Protocol monitors write their lines into the message trace.
    const metrics::MessageTrace::Sink toTrace = [&trace](const std::string& node,
                                                        const std::string& direction,
                                                        const std::string& protocol,
                                                        const std::string& type,
                                                        const metrics::MessageTrace::Fields& fields) {
        trace->Record(node, direction, protocol, type, fields);
    };
    std::unique_ptr<metrics::LspMonitor> lsps;
    if (s.mpls.enabled)
    {
        lsps = std::make_unique<metrics::LspMonitor>(s, builder);
        if (trace)
        {
            lsps->SetTraceSink(toTrace);
        }
    }
    std::unique_ptr<metrics::TunnelMonitor> tunnels;
    if (builder.GetTunnels())
    {
        tunnels = std::make_unique<metrics::TunnelMonitor>(s, *builder.GetTunnels());
        if (trace)
        {
            tunnels->SetTraceSink(toTrace);
        }
    }
    builder.m_eventApplied.ConnectWithoutContext(
        Callback<void, const EventSpec&>([&results, &trace, &lsps, &tunnels](const EventSpec& e) {
            if (lsps)
            {
                lsps->NotifyEvent(e);
            }
            if (tunnels)
            {
                tunnels->NotifyEvent(e);
            }
            results.events.push_back({Simulator::Now().GetNanoSeconds(), e});
            if (trace)
            {
                bool onLink = e.action == EventAction::LINK_DOWN || e.action == EventAction::LINK_UP;
                trace->Record("-", "event", "scenario", ToString(e.action), {{onLink ? "link" : "node", e.target}});
            }
        }));

    std::unique_ptr<AnimationInterface> animation;
    if (s.outputs.netanim)
    {
        results.netanimFile = s.outputs.folder + "/netanim.xml";
        animation = std::make_unique<AnimationInterface>(results.netanimFile);
        for (const auto& node : s.nodes)
        {
            animation->UpdateNodeDescription(builder.GetNode(node.name), node.name);
        }
    }

    std::unique_ptr<ProgressReporter> progress;
    if (options.showProgress)
    {
        progress = std::make_unique<ProgressReporter>(s.simulation.stopNs);
    }

    Simulator::Stop(NanoSeconds(s.simulation.stopNs));
    auto wallStart = std::chrono::steady_clock::now();
    Simulator::Run();
    results.wallSeconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - wallStart).count();
    results.simulatedNs = Simulator::Now().GetNanoSeconds();
    results.eventsProcessed = Simulator::GetEventCount();
    flowMetrics.ExtendSeries(results.simulatedNs);
    if (trace)
    {
        results.messagesTraced = trace->Lines();
    }
    for (const auto& intf : builder.GetInterfaces())
    {
        results.interfaces.push_back(
            {intf.node, intf.link, intf.address.ToString(), intf.pcapFile});
    }

    // The oracle: expected paths on the intact topology, reachability after
    // every event has been applied.
    TopologyGraph graph(s);
    std::vector<std::vector<std::string>> paths;
    for (const auto& f : s.flows)
    {
        paths.push_back(graph.ShortestPath(f.from, f.to));
    }
    for (const auto& e : s.events)
    {
        bool up = e.action == EventAction::LINK_UP || e.action == EventAction::NODE_UP;
        if (e.action == EventAction::LINK_DOWN || e.action == EventAction::LINK_UP)
        {
            graph.SetLinkUp(e.target, up);
        }
        else
        {
            graph.SetNodeUp(e.target, up);
        }
    }
    for (size_t i = 0; i < s.flows.size(); ++i)
    {
        FlowOutcome out;
        out.stats = flowMetrics.Flows()[i];
        out.destination = FormatIpv4(builder.GetFlows()[i].destination);
        out.oraclePath = paths[i];
        out.reachableAtEnd = graph.Reachable(s.flows[i].from, s.flows[i].to);
        results.flows.push_back(out);
    }

    if (lsps)
    {
        results.mpls = lsps->Finish();
        lsps.reset();
    }
    if (tunnels)
    {
        results.tunnels = tunnels->Finish();
        tunnels.reset();
    }
    progress.reset();
    animation.reset();
    trace.reset();
    Simulator::Destroy();
    results.maxRssKiB = MaxRssKiB();
    results.expectations = CheckExpectations(s, results.flows);
    return results;
}

std::vector<ExpectationOutcome>
CheckExpectations(const Scenario& s, const std::vector<FlowOutcome>& flows)
{
    std::vector<ExpectationOutcome> out;
    for (const auto& e : s.expectations)
    {
        int index = -1;
        for (size_t i = 0; i < s.flows.size(); ++i)
        {
            index = s.flows[i].name == e.flow ? static_cast<int>(i) : index;
        }
        if (index < 0 || static_cast<size_t>(index) >= flows.size())
        {
            out.push_back({e.flow, "flow", false, "no such flow in the results"});
            continue;
        }
        const metrics::FlowStats& st = flows[index].stats;
        const double ratio = st.DeliveryRatio();
        if (e.minDelivery)
        {
            out.push_back({e.flow,
                           "min_delivery",
                           ratio >= *e.minDelivery,
                           fmt::format("delivered {:.4f} ({}/{}), expected at least {}",
                                       ratio,
                                       st.rxPackets,
                                       st.txPackets,
                                       *e.minDelivery)});
        }
        if (e.maxDelivery)
        {
            out.push_back({e.flow,
                           "max_delivery",
                           ratio <= *e.maxDelivery,
                           fmt::format("delivered {:.4f} ({}/{}), expected at most {}",
                                       ratio,
                                       st.rxPackets,
                                       st.txPackets,
                                       *e.maxDelivery)});
        }
        if (e.maxMeanDelayNs)
        {
            double mean = st.MeanDelayNs();
            out.push_back({e.flow,
                           "max_mean_delay",
                           mean >= 0 && mean <= static_cast<double>(*e.maxMeanDelayNs),
                           fmt::format("mean delay {}, expected at most {}",
                                       mean < 0 ? std::string("n/a (nothing received)")
                                                : fmt::format("{:.3f}ms", mean / 1e6),
                                       FormatDuration(*e.maxMeanDelayNs))});
        }
    }
    return out;
}

} // namespace scenario
} // namespace ns3
