// SPDX-License-Identifier: GPL-2.0-only
#include "ns3/ipvpn-flow-metrics.h"

#include <catch2/catch.hpp>

using namespace ns3::metrics;

TEST_CASE("flow counters, loss and mean delay", "[metrics]")
{
    FlowMetrics m(100'000'000); // 100 ms buckets
    size_t f = m.AddFlow("f");
    for (int i = 0; i < 10; ++i)
    {
        m.RecordTx(f, 100, i * 50'000'000); // every 50 ms
    }
    m.RecordRx(f, 100, 2'000'000, 10'000'000);
    m.RecordRx(f, 100, 4'000'000, 260'000'000);
    const FlowStats& s = m.Flows()[f];
    CHECK(s.txPackets == 10);
    CHECK(s.txBytes == 1000);
    CHECK(s.rxPackets == 2);
    CHECK(s.Lost() == 8);
    CHECK(s.DeliveryRatio() == Approx(0.2));
    CHECK(s.MeanDelayNs() == Approx(3'000'000));
    CHECK(s.minDelayNs == 2'000'000);
    CHECK(s.maxDelayNs == 4'000'000);
    CHECK(s.firstRxNs == 10'000'000);
    CHECK(s.lastRxNs == 260'000'000);
    REQUIRE(s.series.size() == 5); // 0..450 ms
    CHECK(s.series[0].txPackets == 2);
    CHECK(s.series[0].rxPackets == 1);
    CHECK(s.series[1].rxPackets == 0);
    CHECK(s.series[2].rxPackets == 1);
    CHECK(s.series[2].rxBytes == 100);
    m.ExtendSeries(1'000'000'000); // 1 s: ten buckets, the quiet ones empty
    REQUIRE(m.Flows()[f].series.size() == 10);
    CHECK(m.Flows()[f].series[9].txPackets == 0);
    m.ExtendSeries(1'000'000'001);
    CHECK(m.Flows()[f].series.size() == 11);
}

TEST_CASE("an empty flow has no mean delay", "[metrics]")
{
    FlowMetrics m(1);
    size_t f = m.AddFlow("idle");
    CHECK(m.Flows()[f].MeanDelayNs() < 0);
    CHECK(m.Flows()[f].DeliveryRatio() == 0);
    CHECK(m.Flows()[f].Lost() == 0);
}
