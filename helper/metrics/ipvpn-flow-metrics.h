/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Per-flow delivery counters and a time series, fed from application trace
 * sources (what the sender sent, what the receiver got and when). Plain C++
 * without a simulator, so its arithmetic is unit-tested on its own.
 */
#ifndef IPVPN_FLOW_METRICS_H
#define IPVPN_FLOW_METRICS_H

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace ns3
{
namespace metrics
{

/// Counts in one time bucket of a flow's series.
struct FlowBucket
{
    uint64_t txPackets = 0;
    uint64_t rxPackets = 0;
    uint64_t rxBytes = 0;
};

struct FlowStats
{
    std::string name;
    uint64_t txPackets = 0;
    uint64_t txBytes = 0;
    uint64_t rxPackets = 0;
    uint64_t rxBytes = 0;
    int64_t delaySumNs = 0; ///< one-way delay for UDP, round trip for ping
    int64_t minDelayNs = std::numeric_limits<int64_t>::max();
    int64_t maxDelayNs = 0;
    int64_t firstRxNs = -1;
    int64_t lastRxNs = -1;
    std::vector<FlowBucket> series; ///< bucket k covers [k*interval, (k+1)*interval)

    /// Sent but never received (packets still in flight at the end count).
    uint64_t Lost() const
    {
        return txPackets > rxPackets ? txPackets - rxPackets : 0;
    }

    /// received / sent, or 0 when nothing was sent.
    double DeliveryRatio() const
    {
        return txPackets ? static_cast<double>(rxPackets) / static_cast<double>(txPackets) : 0.0;
    }

    /// Mean delay in nanoseconds, or -1 when nothing arrived.
    double MeanDelayNs() const
    {
        return rxPackets ? static_cast<double>(delaySumNs) / static_cast<double>(rxPackets) : -1.0;
    }
};

class FlowMetrics
{
  public:
    /// @param intervalNs width of a time-series bucket
    explicit FlowMetrics(int64_t intervalNs);

    /// Registers a flow; returns its index for the Record calls.
    size_t AddFlow(const std::string& name);

    void RecordTx(size_t flow, uint32_t bytes, int64_t nowNs);
    void RecordRx(size_t flow, uint32_t bytes, int64_t delayNs, int64_t nowNs);

    /// Extends every series with empty buckets up to `endNs`, so that quiet
    /// periods at the end show as zeros rather than as missing rows.
    void ExtendSeries(int64_t endNs);

    const std::vector<FlowStats>& Flows() const;
    int64_t IntervalNs() const;

  private:
    FlowBucket& Bucket(size_t flow, int64_t nowNs);

    int64_t m_intervalNs;
    std::vector<FlowStats> m_flows;
};

} // namespace metrics
} // namespace ns3

#endif
