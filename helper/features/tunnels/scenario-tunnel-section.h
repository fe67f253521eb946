/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The `radius` and `tunnels` sections of a scenario: RADIUS servers with
 * their users, and L2TP tunnels (RFC 2661) with one PPP session whose ends
 * may ask a RADIUS server before the tunnel comes up.
 */
#ifndef IPVPN_SCENARIO_TUNNEL_SECTION_H
#define IPVPN_SCENARIO_TUNNEL_SECTION_H

#include "ns3/scenario-spec.h"

#include <optional>
#include <string>
#include <vector>

namespace ns3
{
namespace scenario
{

/// One RADIUS user (RFC 2865 User-Name / User-Password).
struct RadiusUserSpec
{
    std::string name;
    std::string password;
    SourceMark mark;
};

/// A RADIUS server: on its own node (a central server) or on an LNS router
/// itself (the seed's layout, a RADIUS server inside each router).
struct RadiusServerSpec
{
    std::string name;
    std::string node;
    std::string secret; ///< shared with every client (RFC 2865 section 3)
    std::vector<RadiusUserSpec> users;
    SourceMark mark;
};

/// RADIUS authorisation of one side of a tunnel: before the tunnel comes up
/// this side asks `server` whether the peer (its Host Name) may open it.
struct TunnelAuthSpec
{
    std::string server;   ///< a RadiusServerSpec name
    std::string password; ///< password sent for the peer's Host Name
    /// Retransmission timeout and retransmissions (RFC 2865 section 2.5);
    /// resolved from the RADIUS client's attribute defaults.
    std::optional<int64_t> timeoutNs;
    std::optional<uint32_t> retries;
};

/// An L2TP tunnel between two nodes, with one PPP session.
struct TunnelSpec
{
    std::string name;
    std::string lac;    ///< initiator: sends SCCRQ, then ICRQ
    std::string lns;    ///< responder
    std::string secret; ///< tunnel authentication (RFC 2661 5.1.1); empty = none
    bool session = true;
    /// PPP/IPCP addresses of the two session interfaces: as written, or
    /// resolved to 10.255.k.1/30 and 10.255.k.2/30 for the k-th tunnel.
    std::optional<Ipv4Prefix> lacAddress;
    std::optional<Ipv4Prefix> lnsAddress;
    bool addressesGiven = false;
    std::optional<TunnelAuthSpec> auth;       ///< the LNS authorises the LAC
    std::optional<TunnelAuthSpec> mutualAuth; ///< the LAC authorises the LNS too
    int64_t startNs = 0;
    /// Control connection and PPP timers; resolved from the L2TP control
    /// connection's and the PPP endpoint's attribute defaults.
    std::optional<int64_t> helloIntervalNs;   ///< RFC 2661 6.5
    std::optional<int64_t> retransmitNs;      ///< first retransmission timeout (5.8)
    std::optional<uint32_t> maxRetransmissions; ///< retry limit (5.8)
    std::optional<int64_t> lcpEchoIntervalNs; ///< LCP Echo-Request period, 0 = none
    SourceMark mark;
};

struct TunnelsSection : Section<TunnelsSection>
{
    static constexpr char kKey[] = "tunnels";

    std::vector<RadiusServerSpec> servers;
    std::vector<TunnelSpec> tunnels;

    const TunnelSpec* FindTunnel(const std::string& name) const;
    const RadiusServerSpec* FindServer(const std::string& name) const;
};

} // namespace scenario
} // namespace ns3

#endif
