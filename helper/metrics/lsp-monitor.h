/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Watches the label switched paths of a scenario's MPLS core:
 *  - the control plane: after every LFIB change it walks each reported LSP
 *    from the ingress FTN through the ILMs of the LSRs on the way, and keeps
 *    the history of (path, labels) with the time each became complete;
 *  - the data plane: it follows each labelled packet of the LSP's flow
 *    through the push/swap/pop traces (by packet uid) and, after a topology
 *    event, notes when the first packet arrived over a different path —
 *    the LSP convergence time;
 *  - per LSR: table sizes and LDP message/byte counters at the end.
 */
#ifndef IPVPN_LSP_MONITOR_H
#define IPVPN_LSP_MONITOR_H

#include "ns3/event-id.h"
#include "ns3/ldp-protocol.h"
#include "ns3/mpls-lfib.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/packet.h"

#include "ns3/message-trace.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{
namespace scenario
{
struct Scenario;
struct EventSpec;
class ScenarioBuilder;
} // namespace scenario

namespace metrics
{

/// One labelled link of an LSP: the label `from` sends to `to`.
struct LspHop
{
    std::string from;
    std::string to;
    std::string link;
    uint32_t label = 0; ///< 3 = implicit null (nothing on the wire)
    std::string name;   ///< the scenario's name for it (the seed's E, F), or empty
};

/// The LSP as the tables had it from `atNs` on.
struct LspState
{
    int64_t atNs = 0;
    bool complete = false;         ///< the walk reached the egress and pops there
    std::vector<std::string> path; ///< nodes, ingress first
    std::vector<LspHop> hops;
};

/// What one topology event did to an LSP.
struct LspConvergence
{
    int64_t eventNs = 0;
    std::string event;  ///< "link-down L3" and the like
    bool affected = false; ///< the LSP's path changed (control or data plane)
    std::optional<int64_t> controlNs; ///< event -> tables complete on the new path
    std::optional<int64_t> dataNs;    ///< event -> first packet delivered on the new path
    std::vector<std::string> newPath;
};

struct LspOutcome
{
    std::string name;
    std::string fec; ///< a.b.c.d/len
    std::string ingress;
    std::string egress;
    std::optional<int64_t> setupNs; ///< first time the LSP was complete
    std::vector<LspState> history;
    std::vector<LspConvergence> convergence;
    uint64_t packetsLabelled = 0; ///< packets of the LSP's flow that were pushed
};

struct LsrOutcome
{
    std::string node;
    uint64_t ilmEntries = 0;
    uint64_t ftnEntries = 0;
    uint64_t labelsAllocated = 0;
    std::map<std::string, uint64_t> ldpMessagesSent; ///< by message type name
    std::map<std::string, uint64_t> ldpMessagesReceived;
    uint64_t ldpBytesSent = 0;
    uint64_t ldpBytesReceived = 0;
    uint32_t ldpSessionsOperational = 0; ///< at the end
};

struct MplsOutcome
{
    std::vector<LspOutcome> lsps;
    std::vector<LsrOutcome> lsrs;
};

class LspMonitor
{
  public:
    using TraceSink = MessageTrace::Sink;

    LspMonitor(const scenario::Scenario& scenario, const scenario::ScenarioBuilder& builder);

    void SetTraceSink(TraceSink sink);
    /// Called by the runner at each applied topology event.
    void NotifyEvent(const scenario::EventSpec& event);
    /// Reads the final tables and counters; call before Simulator::Destroy.
    MplsOutcome Finish();

  private:
    struct Tracked
    {
        LspOutcome out;
        mpls::PrefixFec fec;
        std::vector<std::string> labelNames;
        int flowIndex = -1;
        std::vector<std::string> pathAtEvent;       ///< control plane, at the last event
        std::vector<std::string> lastDeliveredPath; ///< data plane
        std::optional<size_t> pendingData;          ///< convergence waiting for a packet
        std::optional<size_t> pendingControl;       ///< convergence waiting for the tables
    };

    void TablesChanged();
    void Walk();
    LspState WalkOne(const Tracked& lsp) const;
    void LabelSeen(const std::string& node, Ptr<const Packet> packet, bool first);
    void Delivered(size_t lspIndex, Ptr<const Packet> packet);
    std::string NameOf(Ptr<NetDevice> device, std::string* link) const;
    void WatchLdp(const std::string& node, Ptr<ldp::Protocol> ldp);

    const scenario::Scenario& m_scenario;
    const scenario::ScenarioBuilder& m_builder;
    std::vector<Tracked> m_lsps;
    std::map<Ptr<NetDevice>, std::pair<std::string, std::string>> m_deviceNames; ///< node, link
    std::map<uint64_t, std::vector<std::string>> m_packetPaths; ///< uid -> LSRs that saw it
    EventId m_walk;
    TraceSink m_trace;
};

} // namespace metrics
} // namespace ns3

#endif
