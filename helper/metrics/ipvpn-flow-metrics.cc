/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipvpn-flow-metrics.h"

#include <algorithm>

namespace ns3
{
namespace metrics
{

FlowMetrics::FlowMetrics(int64_t intervalNs)
    : m_intervalNs(std::max<int64_t>(intervalNs, 1))
{
}

size_t
FlowMetrics::AddFlow(const std::string& name)
{
    m_flows.emplace_back();
    m_flows.back().name = name;
    return m_flows.size() - 1;
}

FlowBucket&
FlowMetrics::Bucket(size_t flow, int64_t nowNs)
{
    auto& series = m_flows[flow].series;
    size_t k = static_cast<size_t>(std::max<int64_t>(nowNs, 0) / m_intervalNs);
    if (series.size() <= k)
    {
        series.resize(k + 1);
    }
    return series[k];
}

void
FlowMetrics::RecordTx(size_t flow, uint32_t bytes, int64_t nowNs)
{
    FlowStats& s = m_flows[flow];
    s.txPackets++;
    s.txBytes += bytes;
    Bucket(flow, nowNs).txPackets++;
}

void
FlowMetrics::RecordRx(size_t flow, uint32_t bytes, int64_t delayNs, int64_t nowNs)
{
    FlowStats& s = m_flows[flow];
    s.rxPackets++;
    s.rxBytes += bytes;
    s.delaySumNs += delayNs;
    s.minDelayNs = std::min(s.minDelayNs, delayNs);
    s.maxDelayNs = std::max(s.maxDelayNs, delayNs);
    if (s.firstRxNs < 0)
    {
        s.firstRxNs = nowNs;
    }
    s.lastRxNs = nowNs;
    FlowBucket& b = Bucket(flow, nowNs);
    b.rxPackets++;
    b.rxBytes += bytes;
}

void
FlowMetrics::ExtendSeries(int64_t endNs)
{
    const size_t buckets = static_cast<size_t>((std::max<int64_t>(endNs, 1) - 1) / m_intervalNs) + 1;
    for (auto& flow : m_flows)
    {
        if (flow.series.size() < buckets)
        {
            flow.series.resize(buckets);
        }
    }
}

const std::vector<FlowStats>&
FlowMetrics::Flows() const
{
    return m_flows;
}

int64_t
FlowMetrics::IntervalNs() const
{
    return m_intervalNs;
}

} // namespace metrics
} // namespace ns3
