/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "scenario-core-run.h"

#include "ns3/application.h"
#include "ns3/scenario-event-stream.h"
#include "ns3/seq-ts-size-header.h"
#include "ns3/simulator.h"

namespace ns3
{
namespace scenario
{

CoreRun::CoreRun(const Scenario& scenario, const Network& network, EventStream& events)
    : m_scenario(scenario),
      m_network(network),
      m_metrics(scenario.outputs.intervalNs),
      m_oracle(scenario)
{
    for (size_t i = 0; i < scenario.flows.size(); ++i)
    {
        const FlowSpec& f = scenario.flows[i];
        m_metrics.AddFlow(f.name);
        Connect(i, f, network.Flows()[i]);
        m_oraclePaths.push_back(m_oracle.ShortestPath(f.from, f.to));
    }
    events.Subscribe([this](const EventSpec& e) { m_oracle.ApplyEvent(e); });
}

void
CoreRun::Connect(size_t index, const FlowSpec& spec, const BuiltFlow& flow)
{
    metrics::FlowMetrics& m = m_metrics;
    if (spec.type == FlowType::PING)
    {
        // ns3::V4Ping sends one echo request at start and then one every
        // interval until stop, and reports a round-trip time per reply.
        for (int64_t t = spec.startNs; t < *spec.stopNs; t += *spec.intervalNs)
        {
            Simulator::Schedule(NanoSeconds(t), [&m, index, size = *spec.size]() {
                m.RecordTx(index, size, Simulator::Now().GetNanoSeconds());
            });
        }
        flow.source->TraceConnectWithoutContext(
            "Rtt",
            Callback<void, Time>([&m, index, size = *spec.size](Time rtt) {
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

void
CoreRun::Finish(metrics::RunResults& results)
{
    m_metrics.ExtendSeries(results.simulatedNs);
    for (size_t i = 0; i < m_scenario.flows.size(); ++i)
    {
        const FlowSpec& f = m_scenario.flows[i];
        metrics::FlowOutcome out;
        out.stats = m_metrics.Flows()[i];
        out.destination = FormatIpv4(f.destination);
        out.oraclePath = m_oraclePaths[i];
        out.reachableAtEnd = m_oracle.Reachable(f.from, f.to);
        results.flows.push_back(out);
    }
    for (const BuiltInterface& intf : m_network.Interfaces())
    {
        results.interfaces.push_back(
            {intf.node, intf.link, intf.address.ToString(), intf.pcapFile});
    }
}

} // namespace scenario
} // namespace ns3
