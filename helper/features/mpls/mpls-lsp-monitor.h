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
#ifndef IPVPN_MPLS_LSP_MONITOR_H
#define IPVPN_MPLS_LSP_MONITOR_H

#include "mpls-lsp-results.h"
#include "scenario-mpls-section.h"

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipvpn-message-trace.h"
#include "ns3/ipvpn-network-names.h"
#include "ns3/ldp-protocol.h"
#include "ns3/mpls-lfib.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/packet.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{
namespace metrics
{

class LspMonitor
{
  public:
    using TraceSink = MessageTrace::Sink;

    /// Watches the LSRs of a resolved `mpls` section; `flowSinks` are the
    /// receiving applications of the scenario's flows, by flow index (null
    /// for pings).
    LspMonitor(const scenario::Scenario& scenario,
               const scenario::MplsSection& spec,
               metrics::NetworkNames names,
               std::vector<Ptr<Application>> flowSinks);

    void SetTraceSink(TraceSink sink);
    /// Called at each timed event after it was applied.
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

    std::vector<std::string> m_routers; ///< the LSRs, in section order
    metrics::NetworkNames m_names;
    std::vector<Tracked> m_lsps;
    std::map<uint64_t, std::vector<std::string>> m_packetPaths; ///< uid -> LSRs that saw it
    EventId m_walk;
    TraceSink m_trace;
};

} // namespace metrics
} // namespace ns3

#endif
