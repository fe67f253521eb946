/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "results-writer.h"

#include "ns3/scenario-values.h"

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

json
SecondsOrNull(const std::optional<int64_t>& ns)
{
    return ns ? json(*ns / 1e9) : json(nullptr);
}

json
HopsToJson(const std::vector<LspHop>& hops)
{
    json out = json::array();
    for (const LspHop& h : hops)
    {
        out.push_back({{"from", h.from},
                       {"to", h.to},
                       {"link", h.link},
                       {"label", h.label},
                       {"name", h.name.empty() ? json(nullptr) : json(h.name)}});
    }
    return out;
}

std::string
HopsText(const std::vector<LspHop>& hops)
{
    std::string out;
    for (const LspHop& h : hops)
    {
        out += fmt::format("{}{}{}", out.empty() ? "" : ",", h.name.empty() ? "" : h.name + "=", h.label);
    }
    return out.empty() ? "-" : out;
}

std::string
PathText(const std::vector<std::string>& path)
{
    std::string out;
    for (const auto& n : path)
    {
        out += (out.empty() ? "" : ">") + n;
    }
    return out;
}

} // namespace

json
MplsToJson(const MplsOutcome& m)
{
    json j;
    j["lsps"] = json::array();
    for (const LspOutcome& l : m.lsps)
    {
        json lsp = {{"name", l.name},
                    {"fec", l.fec},
                    {"ingress", l.ingress},
                    {"egress", l.egress},
                    {"setup_s", SecondsOrNull(l.setupNs)},
                    {"packets_labelled", l.packetsLabelled}};
        const LspState& now = l.history.back();
        lsp["complete_at_end"] = now.complete;
        lsp["path"] = now.path;
        lsp["hops"] = HopsToJson(now.hops);
        lsp["history"] = json::array();
        for (const LspState& st : l.history)
        {
            if (st.atNs == 0 && st.path.empty())
            {
                continue; // the placeholder before the first walk
            }
            lsp["history"].push_back({{"at_s", st.atNs / 1e9},
                                      {"complete", st.complete},
                                      {"path", st.path},
                                      {"hops", HopsToJson(st.hops)}});
        }
        lsp["convergence"] = json::array();
        for (const LspConvergence& c : l.convergence)
        {
            lsp["convergence"].push_back({{"event_at_s", c.eventNs / 1e9},
                                          {"event", c.event},
                                          {"affected", c.affected},
                                          {"control_plane_s", SecondsOrNull(c.controlNs)},
                                          {"data_plane_s", SecondsOrNull(c.dataNs)},
                                          {"new_path", c.newPath}});
        }
        j["lsps"].push_back(lsp);
    }
    j["lsrs"] = json::array();
    for (const LsrOutcome& r : m.lsrs)
    {
        j["lsrs"].push_back({{"node", r.node},
                             {"ilm_entries", r.ilmEntries},
                             {"ftn_entries", r.ftnEntries},
                             {"labels_allocated", r.labelsAllocated},
                             {"ldp_sessions_operational", r.ldpSessionsOperational},
                             {"ldp_messages_sent", r.ldpMessagesSent},
                             {"ldp_messages_received", r.ldpMessagesReceived},
                             {"ldp_bytes_sent", r.ldpBytesSent},
                             {"ldp_bytes_received", r.ldpBytesReceived}});
    }
    return j;
}

json
TunnelsToJson(const std::vector<TunnelOutcome>& tunnels)
{
    json out = json::array();
    auto since = [](const std::optional<int64_t>& at, const std::optional<int64_t>& from) {
        if (!at.has_value() || !from.has_value())
        {
            return json(nullptr);
        }
        return json((at.value() - from.value()) / 1e9);
    };
    for (const TunnelOutcome& t : tunnels)
    {
        json j = {{"name", t.name},
                  {"lac", t.lac},
                  {"lns", t.lns},
                  {"auth_layout", t.authLayout},
                  {"mutual_auth", t.mutualAuth},
                  {"sccrq_s", SecondsOrNull(t.sccrqNs)},
                  {"lac_up_s", SecondsOrNull(t.lacUpNs)},
                  {"lns_up_s", SecondsOrNull(t.lnsUpNs)},
                  {"session_up_s", SecondsOrNull(t.sessionUpNs)},
                  {"ppp_up_s", SecondsOrNull(t.pppUpNs)},
                  {"down_s", SecondsOrNull(t.downNs)},
                  {"up_at_end", t.upAtEnd},
                  {"retransmissions", t.retransmissions},
                  {"radius_retransmissions", t.radiusRetransmissions}};
        // Latencies from the first SCCRQ: the tunnel is set up when both
        // ends are established.
        std::optional<int64_t> bothUp;
        if (t.lacUpNs.has_value() && t.lnsUpNs.has_value())
        {
            bothUp = std::max(t.lacUpNs.value(), t.lnsUpNs.value());
        }
        j["tunnel_setup_latency_s"] = since(bothUp, t.sccrqNs);
        j["session_setup_latency_s"] = since(t.sessionUpNs, bothUp);
        j["ppp_setup_latency_s"] = since(t.pppUpNs, t.sessionUpNs);
        j["auth"] = json::array();
        for (const AuthRecord& a : t.auth)
        {
            j["auth"].push_back({{"at_s", a.atNs / 1e9},
                                 {"node", a.node},
                                 {"peer", a.peer},
                                 {"accepted", a.accepted},
                                 {"latency_s", a.latencyNs / 1e9}});
        }
        j["failures"] = json::array();
        for (const TunnelFailure& f : t.failures)
        {
            j["failures"].push_back({{"at_s", f.atNs / 1e9},
                                     {"node", f.node},
                                     {"what", f.what},
                                     {"reason", f.reason},
                                     {"result_code", f.resultCode}});
        }
        j["detection"] = json::array();
        for (const auto& [event, ns] : t.detection)
        {
            j["detection"].push_back({{"event", event}, {"teardown_after_s", SecondsOrNull(ns)}});
        }
        for (const auto& [protocol, c] : t.sent)
        {
            j["sent"][protocol] = {{"messages", c.messages}, {"bytes", c.bytes}};
        }
        out.push_back(j);
    }
    return out;
}

json
ScenarioToJson(const Scenario& s)
{
    json j;
    j["file"] = s.file;
    j["name"] = s.name;
    j["description"] = s.description;
    j["simulation"] = {{"stop_s", s.simulation.stopNs / 1e9},
                       {"seed", s.simulation.seed},
                       {"run", s.simulation.run}};
    j["routing"] = {{"core", s.routing.core}};
    if (s.mpls.enabled)
    {
        j["mpls"] = {{"routers", s.mpls.routers},
                     {"egress_label", ToString(s.mpls.egressLabel)},
                     {"ldp",
                      {{"hello_interval_s", s.mpls.ldp.helloIntervalNs / 1e9},
                       {"hello_hold_s", s.mpls.ldp.helloHoldNs / 1e9},
                       {"keepalive_s", s.mpls.ldp.keepAliveNs / 1e9}}}};
    }
    for (const auto& n : s.nodes)
    {
        json node = {{"name", n.name}, {"kind", ToString(n.kind)}};
        if (n.position)
        {
            node["position"] = {n.position->first, n.position->second};
        }
        j["nodes"].push_back(node);
    }
    for (const auto& l : s.links)
    {
        json link = {{"name", l.name},
                     {"type", ToString(l.type)},
                     {"data_rate_bps", l.dataRateBps},
                     {"delay_s", l.delayNs / 1e9},
                     {"loss", l.lossRate},
                     {"metric", l.metric}};
        if (l.queuePackets)
        {
            link["queue_packets"] = *l.queuePackets;
        }
        for (const auto& e : l.endpoints)
        {
            link["endpoints"].push_back(
                {{"node", e.node},
                 {"address", e.address ? e.address->ToString() : ""},
                 {"from_pool", e.fromPool}});
        }
        j["links"].push_back(link);
    }
    j["pools"] = json::array();
    for (const auto& p : s.pools)
    {
        j["pools"].push_back({{"name", p.name},
                              {"prefix", p.prefix.ToString()},
                              {"p2p_length", p.p2pLength},
                              {"lan_length", p.lanLength}});
    }
    j["traffic"] = json::array();
    for (const auto& f : s.flows)
    {
        json flow = {{"name", f.name},
                     {"type", ToString(f.type)},
                     {"from", f.from},
                     {"to", f.to},
                     {"start_s", f.startNs / 1e9},
                     {"stop_s", f.stopNs / 1e9},
                     {"size", f.size}};
        if (f.type == FlowType::PING)
        {
            flow["interval_s"] = f.intervalNs / 1e9;
        }
        else
        {
            flow["rate_bps"] = f.rateBps;
            flow["port"] = f.port;
        }
        if (f.type == FlowType::UDP_ONOFF)
        {
            flow["on_s"] = f.onNs / 1e9;
            flow["off_s"] = f.offNs / 1e9;
        }
        j["traffic"].push_back(flow);
    }
    j["events"] = json::array();
    for (const auto& e : s.events)
    {
        j["events"].push_back(
            {{"at_s", e.atNs / 1e9}, {"action", ToString(e.action)}, {"target", e.target}});
    }
    return j;
}

json
ResultsToJson(const Scenario& s, const RunResults& r)
{
    json j;
    j["results_version"] = kResultsVersion;
    j["scenario"] = ScenarioToJson(s);
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
        j["events"].push_back({{"at_s", e.atNs / 1e9},
                               {"action", ToString(e.spec.action)},
                               {"target", e.spec.target}});
    }
    j["expectations"] = json::array();
    for (const auto& e : r.expectations)
    {
        j["expectations"].push_back(
            {{"flow", e.flow}, {"check", e.check}, {"ok", e.ok}, {"detail", e.detail}});
    }
    if (r.mpls)
    {
        j["mpls"] = MplsToJson(*r.mpls);
    }
    if (!r.tunnels.empty())
    {
        j["tunnels"] = TunnelsToJson(r.tunnels);
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
    j["outputs"] = {{"folder", s.outputs.folder},
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
    results << ResultsToJson(s, r).dump(2) << '\n';

    std::ofstream flows(dir + "/flows.csv");
    flows << "flow,type,from,to,sent,received,lost,delivery_ratio,mean_delay_ms\n";
    for (size_t i = 0; i < r.flows.size(); ++i)
    {
        const FlowStats& st = r.flows[i].stats;
        double mean = st.MeanDelayNs();
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
        double mean = st.MeanDelayNs();
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
        os << fmt::format("event at {:.3f} s: {} {}\n",
                          e.atNs / 1e9,
                          ToString(e.spec.action),
                          e.spec.target);
    }
    if (r.mpls)
    {
        for (const LspOutcome& l : r.mpls->lsps)
        {
            const LspState& now = l.history.back();
            os << fmt::format("lsp {} ({} {} -> {}): set up at {}, now {} via {} labels {}\n",
                              l.name,
                              l.fec,
                              l.ingress,
                              l.egress,
                              l.setupNs ? fmt::format("{:.3f} s", *l.setupNs / 1e9) : "never",
                              now.complete ? "complete" : "INCOMPLETE",
                              PathText(now.path),
                              HopsText(now.hops));
            for (const LspConvergence& c : l.convergence)
            {
                if (!c.affected)
                {
                    continue;
                }
                os << fmt::format("lsp {} after {} at {:.3f} s: tables {}, first packet {}, new path {}\n",
                                  l.name,
                                  c.event,
                                  c.eventNs / 1e9,
                                  c.controlNs ? fmt::format("+{:.3f} ms", *c.controlNs / 1e6) : "-",
                                  c.dataNs ? fmt::format("+{:.3f} ms", *c.dataNs / 1e6) : "-",
                                  PathText(c.newPath));
            }
        }
    }
    for (const TunnelOutcome& t : r.tunnels)
    {
        const auto ms = [](const std::optional<int64_t>& at) {
            return at ? fmt::format("{:.3f} s", *at / 1e9) : std::string("never");
        };
        os << fmt::format("tunnel {} ({} -> {}): up {} / {}, session {}, ppp {}, {} retransmissions, {} failures{}\n",
                          t.name,
                          t.lac,
                          t.lns,
                          ms(t.lacUpNs),
                          ms(t.lnsUpNs),
                          ms(t.sessionUpNs),
                          ms(t.pppUpNs),
                          t.retransmissions,
                          t.failures.size(),
                          t.upAtEnd ? "" : ", down at the end");
        for (const TunnelFailure& f : t.failures)
        {
            os << fmt::format("tunnel {} at {:.3f} s: {} {} at {} ({}{})\n",
                              t.name,
                              f.atNs / 1e9,
                              f.what,
                              "down",
                              f.node,
                              f.reason,
                              f.resultCode ? fmt::format(", result code {}", f.resultCode) : "");
        }
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
