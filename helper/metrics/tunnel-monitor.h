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
#ifndef IPVPN_TUNNEL_MONITOR_H
#define IPVPN_TUNNEL_MONITOR_H

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
class TunnelBuilder;
} // namespace scenario

namespace metrics
{

struct TunnelFailure
{
    int64_t atNs = 0;
    std::string node;
    std::string what;   ///< "tunnel", "session", "ppp", "auth"
    std::string reason; ///< model's reason name
    uint16_t resultCode = 0; ///< StopCCN / CDN Result Code (0: none)
};

struct AuthRecord
{
    int64_t atNs = 0;       ///< when the decision came
    std::string node;       ///< who asked
    std::string peer;       ///< whom it asked about
    bool accepted = false;
    int64_t latencyNs = 0;  ///< from the held SCCCN to the decision
};

/// Messages and bytes of one protocol (UDP payload octets for L2TP and
/// RADIUS, PPP frame octets for PPP), both directions summed over the ends.
struct ProtocolCount
{
    uint64_t messages = 0;
    uint64_t bytes = 0;
};

struct TunnelOutcome
{
    std::string name;
    std::string lac;
    std::string lns;
    std::string authLayout; ///< "none", "in-router" or "central"
    bool mutualAuth = false;
    std::optional<int64_t> sccrqNs;   ///< first SCCRQ sent by the LAC
    std::optional<int64_t> lacUpNs;   ///< first tunnel up at the LAC
    std::optional<int64_t> lnsUpNs;   ///< first tunnel up at the LNS
    std::optional<int64_t> sessionUpNs; ///< first time the session was up at both ends
    std::optional<int64_t> pppUpNs;   ///< first time IPCP was Opened at both ends
    std::optional<int64_t> downNs;    ///< last time the tunnel went down at an end
    std::vector<AuthRecord> auth;
    uint64_t retransmissions = 0; ///< L2TP control (RFC 2661 5.8), both ends
    uint64_t radiusRetransmissions = 0;
    std::vector<TunnelFailure> failures;
    /// Per topology event: event -> first teardown at an end after it.
    std::vector<std::pair<std::string, std::optional<int64_t>>> detection;
    std::map<std::string, ProtocolCount> sent; ///< "l2tp-control", "l2tp-data", "radius", "ppp"
    bool upAtEnd = false;
};

class TunnelMonitor
{
  public:
    using TraceSink = MessageTrace::Sink;

    TunnelMonitor(const scenario::Scenario& scenario, const scenario::TunnelBuilder& tunnels);

    void SetTraceSink(TraceSink sink);
    void NotifyEvent(const scenario::EventSpec& event);
    /// Reads the end-of-run counters; call before Simulator::Destroy.
    std::vector<TunnelOutcome> Finish();

  private:
    void Watch(size_t index);
    void Trace(const std::string& node,
               const std::string& direction,
               const std::string& protocol,
               const std::string& type,
               const std::vector<std::pair<std::string, std::string>>& fields);
    void Down(size_t index, const std::string& node);

    const scenario::Scenario& m_scenario;
    const scenario::TunnelBuilder& m_tunnels;
    std::vector<TunnelOutcome> m_out;
    std::vector<std::pair<bool, bool>> m_sessionUp; ///< LAC, LNS
    std::vector<std::pair<bool, bool>> m_pppUp;
    std::vector<std::vector<size_t>> m_pendingDetection; ///< per tunnel
    TraceSink m_trace;
};

} // namespace metrics
} // namespace ns3

#endif
