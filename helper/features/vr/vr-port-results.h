/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The `vpns` part of results.json: per VPN and VR port what the ports did
 * (the seed's steps with their times, the join, the configuration map,
 * discovery messages), per VPN the membership convergence and the
 * isolation counters that can be counted (VRF drops, VPN prefixes in the
 * core routers' tables).
 */
#ifndef IPVPN_VR_PORT_RESULTS_H
#define IPVPN_VR_PORT_RESULTS_H

#include "vr-route-oracle.h"

#include "ns3/ipvpn-run-results.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{
namespace metrics
{

/// One "Step" trace record.
struct VrStepRecord
{
    int64_t atNs = 0;
    std::string step; ///< "S1" ... "S39"
    std::string peer; ///< the peer port's name (its address when unknown); empty: none
};

/// One row of a port's configuration map at the end of the run.
struct VrMapRow
{
    std::string port; ///< peer port name
    std::string address;
    std::string routerId;
    uint16_t tunnelId = 0; ///< our Assigned Tunnel ID towards it (0: none)
    std::string state;
};

/// A scenario event that acted on a port (vr-port-stop and the like).
struct VrEventRecord
{
    int64_t atNs = 0;
    std::string action;
};

/// A peer the port deleted from its map (S37, Fig. 10).
struct VrDeletionRecord
{
    int64_t atNs = 0;
    std::string port; ///< the deleted peer's name
};

struct VrPortOutcome
{
    std::string name;
    std::string router;
    std::string address;
    std::optional<int64_t> startedNs;
    std::vector<VrStepRecord> steps;
    /// The last S8 (new port) or S19 (existing port): routes exchanged.
    std::optional<int64_t> joinNs;
    std::vector<VrMapRow> map;
    std::vector<VrEventRecord> events;
    std::vector<VrDeletionRecord> deleted;
    uint64_t discoverySent = 0;     ///< from the port's address
    uint64_t discoveryReceived = 0; ///< to the port's address (ACKs)
    uint64_t additionsReceived = 0; ///< S11 steps: additions seen by the port
    uint64_t authFailures = 0;      ///< S6 and S21 steps
    /// The port's routes to its VPN's user prefixes at the end (Fig. 3).
    VrRouteSet routes;
    /// MPLS data plane (Fig. 13): the label bound to the port (F), the
    /// label pushed towards each peer port (E), datagrams sent labelled
    /// and in the session for want of a label.
    std::optional<uint32_t> label;
    std::map<std::string, uint32_t> pushLabels;
    uint64_t labelled = 0;
    uint64_t unlabelled = 0;
};

/// The isolation counters of a VPN that the monitor counts during the run
/// (all expected 0; the attack events exercise them).
struct VpnIsolation
{
    /// Joins (S8, S17) of a port that is no port of the VPN (a wrong or
    /// claimed VPN-ID) or holds a password the VPN's servers do not know.
    uint64_t unauthorizedJoins = 0;
    /// OSPF packets received by the VPN's ports from a sender that is no
    /// port of the VPN.
    uint64_t foreignRoutingPackets = 0;
    /// Datagrams from another VPN's user line delivered to this VPN's.
    uint64_t crossVpnDeliveries = 0;
    /// Datagrams from this VPN's user lines delivered to its user lines
    /// (the same measure, showing that it sees the traffic).
    uint64_t ownDeliveries = 0;
    /// Labelled datagrams popped into the VPN's VRF with a label its port
    /// there has not bound.
    uint64_t unboundLabelDeliveries = 0;
    /// Routes in the VPN's ports' tables at the end through an interface
    /// of another VRF (routes of another VPN in this one's table).
    uint64_t foreignRoutes = 0;
};

/// An attack event of the run.
struct VrAttackRecord
{
    int64_t atNs = 0;
    std::string node;
    std::string action;
    std::string detail;
};

struct VpnOutcome
{
    std::string name;
    std::string id;
    uint32_t vrf = 0;
    std::vector<VrPortOutcome> ports;
    /// The last time every started port's map held every other started port
    /// UP (null: never, or not at the end).
    std::optional<int64_t> membershipConvergenceNs;
    /// The last time every working port's table matched the oracle
    /// (VrRouteOracle; null: never, or not at the end).
    std::optional<int64_t> routingConvergenceNs;
    /// The differences from the oracle at the end, "port: prefix: ...".
    std::vector<std::string> routingMismatches;
    VpnIsolation isolation;
    uint64_t vrfDrops = 0;     ///< VrfRoutingProtocol "Drop" in the VPN's VRFs
    uint64_t corePrefixes = 0; ///< the VPN's user prefixes in core tables at the end
};

class VpnsOutcome : public FeatureOutcome
{
  public:
    std::vector<VpnOutcome> vpns;
    /// Discovery datagrams dropped (malformed or for no port), per router.
    std::vector<std::pair<std::string, uint64_t>> discoveryDrops;
    /// Copies of flooded additions that came again, per relay (flood only).
    std::vector<std::pair<std::string, uint64_t>> discoveryDuplicates;
    /// Labelled datagrams dropped for an unknown label, per MPLS edge router.
    std::vector<std::pair<std::string, uint64_t>> labelDrops;
    std::vector<VrAttackRecord> attacks;

    nlohmann::json ToJson() const override;
    void PrintSummary(std::ostream& os) const override;
};

} // namespace metrics
} // namespace ns3

#endif
