/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "mpls-lsp-results.h"

#include <fmt/format.h>

namespace ns3
{
namespace metrics
{

using nlohmann::json;

namespace
{

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

/// "E=2001,F=3000", or "-" without labels.
std::string
HopsText(const std::vector<LspHop>& hops)
{
    std::string out;
    for (const LspHop& h : hops)
    {
        out += fmt::format("{}{}{}",
                           out.empty() ? "" : ",",
                           h.name.empty() ? "" : h.name + "=",
                           h.label);
    }
    return out.empty() ? "-" : out;
}

} // namespace

json
MplsOutcome::ToJson() const
{
    json j;
    j["lsps"] = json::array();
    for (const LspOutcome& l : lsps)
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
    for (const LsrOutcome& r : lsrs)
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

void
MplsOutcome::PrintSummary(std::ostream& os) const
{
    for (const LspOutcome& l : lsps)
    {
        const LspState& now = l.history.back();
        os << fmt::format("lsp {} ({} {} -> {}): set up at {}, now {} via {} labels {}\n",
                          l.name,
                          l.fec,
                          l.ingress,
                          l.egress,
                          SecondsText(l.setupNs),
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

} // namespace metrics
} // namespace ns3
