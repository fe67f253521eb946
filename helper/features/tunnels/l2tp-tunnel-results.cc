/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "l2tp-tunnel-results.h"

#include <fmt/format.h>

#include <algorithm>

namespace ns3
{
namespace metrics
{

using nlohmann::json;

nlohmann::json
TunnelsOutcome::ToJson() const
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

void
TunnelsOutcome::PrintSummary(std::ostream& os) const
{
    for (const TunnelOutcome& t : tunnels)
    {
        os << fmt::format("tunnel {} ({} -> {}): up {} / {}, session {}, ppp {}, {} "
                          "retransmissions, {} failures{}\n",
                          t.name,
                          t.lac,
                          t.lns,
                          SecondsText(t.lacUpNs),
                          SecondsText(t.lnsUpNs),
                          SecondsText(t.sessionUpNs),
                          SecondsText(t.pppUpNs),
                          t.retransmissions,
                          t.failures.size(),
                          t.upAtEnd ? "" : ", down at the end");
        for (const TunnelFailure& f : t.failures)
        {
            os << fmt::format("tunnel {} at {:.3f} s: {} down at {} ({}{})\n",
                              t.name,
                              f.atNs / 1e9,
                              f.what,
                              f.node,
                              f.reason,
                              f.resultCode ? fmt::format(", result code {}", f.resultCode) : "");
        }
    }
}

} // namespace metrics
} // namespace ns3
