/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Watches a scenario's L2TP tunnels, their PPP sessions and the RADIUS
 * checks that gate them, through the models' trace sources: when each step
 * completed (SCCRQ sent, tunnel up at both ends, session up, IPCP opened),
 * how long authorisation took, retransmissions, failures with their reasons,
 * how long a silent peer went unnoticed after a topology event, and the
 * messages and bytes of each protocol. Every control message also goes to
 * the message trace.
 */
#ifndef IPVPN_L2TP_TUNNEL_MONITOR_H
#define IPVPN_L2TP_TUNNEL_MONITOR_H

#include "l2tp-tunnel-results.h"
#include "scenario-tunnel-builder.h"

#include "ns3/ipvpn-message-trace.h"
#include "ns3/ipvpn-network-names.h"

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

class TunnelMonitor
{
  public:
    using TraceSink = MessageTrace::Sink;

    /// Watches the tunnels built for a resolved `tunnels` section.
    /// Watches the tunnels and RADIUS servers built for a resolved `tunnels`
    /// section; `names` puts node names on the servers' clients.
    TunnelMonitor(const scenario::TunnelsSection& section,
                  const std::vector<scenario::BuiltTunnel>& tunnels,
                  const std::vector<scenario::BuiltRadiusServer>& servers,
                  NetworkNames names);

    void SetTraceSink(TraceSink sink);
    void NotifyEvent(const scenario::EventSpec& event);
    /// Reads the end-of-run counters; call before Simulator::Destroy.
    std::vector<TunnelOutcome> Finish();

  private:
    void Watch(size_t index);
    /// Traces a RADIUS server's requests and replies at its node.
    void WatchServer(const scenario::BuiltRadiusServer& server);
    /// The node a RADIUS server of the section runs on.
    std::string ServerNode(const std::string& server) const;
    void Trace(const std::string& node,
               const std::string& direction,
               const std::string& protocol,
               const std::string& type,
               const std::vector<std::pair<std::string, std::string>>& fields);
    void Down(size_t index, const std::string& node);

    const scenario::TunnelsSection& m_section;
    const std::vector<scenario::BuiltTunnel>& m_tunnels;
    NetworkNames m_names;
    std::vector<TunnelOutcome> m_out;
    std::vector<std::pair<bool, bool>> m_sessionUp; ///< LAC, LNS
    std::vector<std::pair<bool, bool>> m_pppUp;
    std::vector<std::vector<size_t>> m_pendingDetection; ///< per tunnel
    TraceSink m_trace;
};

} // namespace metrics
} // namespace ns3

#endif
