/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipvpn-results-writer.h"

#include <fmt/format.h>

#include <fstream>

namespace ns3
{
namespace metrics
{

using nlohmann::json;
using namespace scenario;

namespace
{

/// Delay in milliseconds, or null when nothing arrived.
json
MillisOrNull(double ns)
{
    return ns < 0 ? json(nullptr) : json(ns / 1e6);
}

} // namespace

json
ResultsToJson(const Scenario& s, const RunResults& r)
{
    json j;
    j["results_version"] = kResultsVersion;
    j["scenario"] = r.scenarioEcho;
    j["run"] = {{"simulated_s", r.simulatedNs / 1e9},
                {"wall_s", r.wallSeconds},
                {"events_processed", r.eventsProcessed},
                {"events_per_wall_s", r.wallSeconds > 0 ? r.eventsProcessed / r.wallSeconds : 0.0},
                {"max_rss_kib", r.maxRssKiB},
                {"seed", s.simulation.seed},
                {"run", s.simulation.run}};
    j["flows"] = json::array();
    for (size_t i = 0; i < r.flows.size(); ++i)
    {
        const FlowOutcome& f = r.flows[i];
        const FlowSpec& spec = s.flows[i];
        const FlowStats& st = f.stats;
        j["flows"].push_back({
            {"name", spec.name},
            {"type", ToString(spec.type)},
            {"from", spec.from},
            {"to", spec.to},
            {"destination", f.destination},
            {"sent", st.txPackets},
            {"received", st.rxPackets},
            {"lost", st.Lost()},
            {"sent_bytes", st.txBytes},
            {"received_bytes", st.rxBytes},
            {"delivery_ratio", st.DeliveryRatio()},
            {spec.type == FlowType::PING ? "mean_rtt_ms" : "mean_delay_ms",
             MillisOrNull(st.MeanDelayNs())},
            {"min_delay_ms", MillisOrNull(st.rxPackets ? double(st.minDelayNs) : -1)},
            {"max_delay_ms", MillisOrNull(st.rxPackets ? double(st.maxDelayNs) : -1)},
            {"first_rx_s", st.firstRxNs < 0 ? json(nullptr) : json(st.firstRxNs / 1e9)},
            {"last_rx_s", st.lastRxNs < 0 ? json(nullptr) : json(st.lastRxNs / 1e9)},
            {"oracle_path", f.oraclePath},
            {"oracle_reachable_at_end", f.reachableAtEnd},
        });
    }
    j["events"] = json::array();
    for (const auto& e : r.events)
    {
        j["events"].push_back(EventToJson(e.spec, e.atNs));
    }
    j["expectations"] = json::array();
    for (const auto& e : r.expectations)
    {
        j["expectations"].push_back(
            {{"flow", e.flow}, {"check", e.check}, {"ok", e.ok}, {"detail", e.detail}});
    }
    for (const ResultPart& part : r.parts)
    {
        j[part.key] = part.outcome->ToJson();
    }
    j["interfaces"] = json::array();
    json pcaps = json::array();
    for (const auto& i : r.interfaces)
    {
        j["interfaces"].push_back({{"node", i.node},
                                   {"link", i.link},
                                   {"address", i.address},
                                   {"pcap", i.pcapFile.empty() ? json(nullptr) : json(i.pcapFile)}});
        if (!i.pcapFile.empty())
        {
            pcaps.push_back(i.pcapFile);
        }
    }
    j["outputs"] = {
        {"folder", s.outputs.folder},
        {"pcaps", pcaps},
        {"message_trace", r.messageTraceFile.empty() ? json(nullptr) : json(r.messageTraceFile)},
        {"messages_traced", r.messagesTraced},
        {"netanim", r.netanimFile.empty() ? json(nullptr) : json(r.netanimFile)}};
    return j;
}

bool
WriteResults(const Scenario& s, const RunResults& r, std::string& error)
{
    const std::string dir = s.outputs.folder;
    std::ofstream results(dir + "/results.json");
    // The loader admits only UTF-8 text, but the file and folder names come
    // from the command line: replace what is not UTF-8 rather than throw
    // after the whole run (RFC 8259 section 8.1).
    results << ResultsToJson(s, r).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
            << '\n';

    std::ofstream flows(dir + "/flows.csv");
    flows << "flow,type,from,to,sent,received,lost,delivery_ratio,mean_delay_ms\n";
    for (size_t i = 0; i < r.flows.size(); ++i)
    {
        const FlowStats& st = r.flows[i].stats;
        const double mean = st.MeanDelayNs();
        flows << fmt::format("{},{},{},{},{},{},{},{:.6f},{}\n",
                             s.flows[i].name,
                             ToString(s.flows[i].type),
                             s.flows[i].from,
                             s.flows[i].to,
                             st.txPackets,
                             st.rxPackets,
                             st.Lost(),
                             st.DeliveryRatio(),
                             mean < 0 ? std::string() : fmt::format("{:.6f}", mean / 1e6));
    }

    std::ofstream series(dir + "/timeseries.csv");
    series << "time_s,flow,sent,received,received_bytes\n";
    for (const auto& f : r.flows)
    {
        for (size_t k = 0; k < f.stats.series.size(); ++k)
        {
            const FlowBucket& b = f.stats.series[k];
            series << fmt::format("{:.6f},{},{},{},{}\n",
                                  static_cast<double>(k) * r.intervalNs / 1e9,
                                  f.stats.name,
                                  b.txPackets,
                                  b.rxPackets,
                                  b.rxBytes);
        }
    }
    results.close();
    flows.close();
    series.close();
    if (!results || !flows || !series)
    {
        error = fmt::format("cannot write the results into '{}'", dir);
        return false;
    }
    return true;
}

void
PrintSummary(std::ostream& os, const Scenario& s, const RunResults& r)
{
    os << fmt::format("\nscenario {} ({})\n", s.name, s.file);
    os << fmt::format("{:<20} {:<9} {:<16} {:>8} {:>8} {:>8} {:>14}\n",
                      "flow",
                      "type",
                      "from -> to",
                      "sent",
                      "received",
                      "lost",
                      "mean delay");
    for (size_t i = 0; i < r.flows.size(); ++i)
    {
        const FlowStats& st = r.flows[i].stats;
        const FlowSpec& f = s.flows[i];
        const double mean = st.MeanDelayNs();
        std::string delay = mean < 0 ? "-" : fmt::format("{:.3f} ms", mean / 1e6);
        if (f.type == FlowType::PING && mean >= 0)
        {
            delay += " rtt";
        }
        os << fmt::format("{:<20} {:<9} {:<16} {:>8} {:>8} {:>8} {:>14}\n",
                          f.name,
                          ToString(f.type),
                          f.from + " -> " + f.to,
                          st.txPackets,
                          st.rxPackets,
                          st.Lost(),
                          delay);
    }
    for (const auto& e : r.events)
    {
        os << fmt::format("event at {:.3f} s: {}\n", e.atNs / 1e9, e.spec.Describe());
    }
    for (const ResultPart& part : r.parts)
    {
        part.outcome->PrintSummary(os);
    }
    for (const auto& e : r.expectations)
    {
        os << fmt::format("expect {} {}: {} ({})\n",
                          e.flow,
                          e.check,
                          e.ok ? "ok" : "FAILED",
                          e.detail);
    }
    os << fmt::format("{} events processed in {:.3f} s wall time for {:.3f} s simulated "
                      "({:.0f} events/s, {} MiB peak memory)\n",
                      r.eventsProcessed,
                      r.wallSeconds,
                      r.simulatedNs / 1e9,
                      r.wallSeconds > 0 ? r.eventsProcessed / r.wallSeconds : 0.0,
                      r.maxRssKiB / 1024);
    os << fmt::format("results in {}/\n", s.outputs.folder);
}

} // namespace metrics
} // namespace ns3
