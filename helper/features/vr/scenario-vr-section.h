/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The `vr` and `vpns` sections of a scenario: VPNs of VR ports (seed 000).
 * `vr` holds the defaults every VR port takes (collection time, mutual
 * authentication, the per-VPN OSPF timers); `vpns` lists the VPNs, each
 * with its RFC 2685 identifier, its secrets and its ports (router, own
 * provider address, password, user lines, start time). The user lines are
 * core links whose addresses belong to the VPN's private address space:
 * the reader marks them (LinkSpec::addressSpace), so the core checks their
 * addresses within the VPN only and leaves them out of the core routing.
 */
#ifndef IPVPN_SCENARIO_VR_SECTION_H
#define IPVPN_SCENARIO_VR_SECTION_H

#include "ns3/scenario-enum.h"
#include "ns3/scenario-spec.h"
#include "ns3/vr-port.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{
namespace scenario
{

/// The event that adds (starts and announces, S1) a VR port.
constexpr char kVrPortAdd[] = "vr-port-add";
/// The event that stops a VR port (VrPort::Stop(): its tunnels close, it
/// answers nothing more; its peers see it fall silent, Fig. 10).
constexpr char kVrPortStop[] = "vr-port-stop";
/// The event that changes a VR port's password (attribute "Password"; the
/// next RADIUS request carries it).
constexpr char kVrPortPassword[] = "vr-port-password";
/// The event that makes a started VR port send its addition again (S1).
constexpr char kVrPortAnnounce[] = "vr-port-announce";

/// `vr.data_plane`: how user data crosses between two ports.
inline const EnumTable<vr::VrPort::DataPlane> kVrDataPlanes{{"l2tp", vr::VrPort::DATA_L2TP},
                                                            {"mpls", vr::VrPort::DATA_MPLS}};

/// `vr.addition_delivery`: how an addition message reaches all routers.
inline const EnumTable<vr::VrPort::AdditionDelivery> kVrAdditionDeliveries{
    {"unicast", vr::VrPort::ADDITION_UNICAST}, {"flood", vr::VrPort::ADDITION_FLOOD}};

/// The per-VPN OSPF instance's timers (`vr.ospf`); resolved from the
/// ns3::ospf::Protocol attribute defaults.
struct VrOspfSpec
{
    std::optional<int64_t> helloIntervalNs;
    std::optional<int64_t> deadIntervalNs;
    std::optional<int64_t> rxmtIntervalNs;
    std::optional<int64_t> minLsIntervalNs;
    std::optional<int64_t> minLsArrivalNs;
    std::optional<int64_t> ackDelayNs;
    std::optional<int64_t> floodPacingNs;
    std::optional<int64_t> spfInitialDelayNs;
    std::optional<int64_t> spfHoldNs;
    std::optional<int64_t> spfMaxWaitNs;
};

/// One VR port of a VPN.
struct VrPortSpec
{
    std::string name;
    std::string router;
    std::optional<uint32_t> address; ///< its own provider address (host byte order)
    std::string password;
    bool passwordGiven = false;
    std::vector<std::string> userLinks;
    /// `claim_vpn_id`: the VPN-ID the port announces instead of its VPN's
    /// (an impostor, for the isolation counters); empty: its VPN's.
    std::string claimedVpnId;
    /// When the port is added (Start, then S1); none: a vr-port-add event adds it.
    std::optional<int64_t> startNs;
    SourceMark mark;
};

struct VpnSpec
{
    std::string name;
    std::string id; ///< RFC 2685 text, "oui:index" in hexadecimal
    std::string radiusSecret;
    std::string tunnelSecret;
    std::vector<VrPortSpec> ports;
    uint32_t vrf = 0; ///< resolved: the VRF of its ports (index + 1)
    SourceMark mark;
};

struct VpnsSection : Section<VpnsSection>
{
    static constexpr char kKey[] = "vpns";

    /// `vr` defaults; resolved from the ns3::vr::VrPort attribute defaults.
    std::optional<int64_t> collectionTimeNs;
    std::optional<bool> mutualAuthentication;
    std::optional<bool> parallelTunnels;
    /// Monitoring and set-up (Fig. 10): MonitorPeriod, MonitorSilentAfter,
    /// HoldTime, AcceptTimeout.
    std::optional<int64_t> monitorPeriodNs;
    std::optional<uint32_t> monitorSilentAfter;
    std::optional<int64_t> holdTimeNs;
    std::optional<int64_t> acceptTimeoutNs;
    /// AnnounceSpacing: time between the datagrams of one addition.
    std::optional<int64_t> announceSpacingNs;
    /// AdditionDelivery of every port: `unicast` (one datagram per router
    /// ID) or `flood` (router to adjacent router; every router relays).
    std::optional<vr::VrPort::AdditionDelivery> additionDelivery;
    /// Attribute DataPlane of every port: `l2tp` (in the session) or
    /// `mpls` (Fig. 13: labelled through an LDP core).
    std::optional<vr::VrPort::DataPlane> dataPlane;
    VrOspfSpec ospf;

    std::vector<VpnSpec> vpns;

    /// The VPN and port with this port name, or nulls.
    std::pair<const VpnSpec*, const VrPortSpec*> FindPort(const std::string& name) const;
};

} // namespace scenario
} // namespace ns3

#endif
