/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The `tunnels` part of a run's results: per L2TP tunnel when each setup
 * step completed, RADIUS decisions and their latency, retransmissions,
 * failures with their reasons, how long a silent peer went unnoticed, and
 * messages and bytes per protocol; written into results.json and the
 * summary.
 */
#ifndef IPVPN_L2TP_TUNNEL_RESULTS_H
#define IPVPN_L2TP_TUNNEL_RESULTS_H

#include "ns3/ipvpn-run-results.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{
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

/// Every tunnel of the scenario, in section order.
struct TunnelsOutcome : public FeatureOutcome
{
    explicit TunnelsOutcome(std::vector<TunnelOutcome> all)
        : tunnels(std::move(all))
    {
    }

    std::vector<TunnelOutcome> tunnels;

    nlohmann::json ToJson() const override;
    void PrintSummary(std::ostream& os) const override;
};

} // namespace metrics
} // namespace ns3

#endif
