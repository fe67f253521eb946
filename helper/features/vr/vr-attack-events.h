/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Attacks on the VR ports as scenario events, so that the isolation
 * counters of the `vpns` results part are exercised, not just zero:
 *  - vr-forge-addition {vpn, router, address}: `router` sends an addition
 *    message (S1) naming VPN `vpn`'s VPN-ID and a port `address` where no
 *    port of that VPN is, to every router the core knows. The VPN's ports
 *    answer (S11-S15) and wait for a tunnel that never comes (S21 after
 *    AcceptTimeout); no map keeps the forged port.
 *  - vr-spoof-label {router, to, label, destination, count}: `router`
 *    sends `count` UDP datagrams for `destination` with one MPLS label
 *    (a number, or the name of a VR port: the label bound to it at that
 *    time) over its link to `to`, 1 ms apart. A label bound to no port is
 *    dropped at `to`; a port's label leads only into that port's VRF.
 * The third attack is a key, not an event: a port with `claim_vpn_id`
 * announces another VPN's VPN-ID (an impostor); that VPN's RADIUS servers
 * do not know it, so it never joins. A wrong password is the existing
 * vr-port-password event.
 */
#ifndef IPVPN_VR_ATTACK_EVENTS_H
#define IPVPN_VR_ATTACK_EVENTS_H

#include "scenario-vr-section.h"

#include "ns3/ipv4-address.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/scenario-checker.h"

#include <optional>
#include <string>
#include <vector>

namespace ns3
{
namespace scenario
{

constexpr char kVrForgeAddition[] = "vr-forge-addition";
constexpr char kVrSpoofLabel[] = "vr-spoof-label";

/// Located errors of the two attack events' arguments.
void CheckAttackEvents(const Scenario& s, const VpnsSection& section, ScenarioChecker& check);

/// A plain decimal number of up to seven digits (a spoof event's `label`
/// or `count`), if the text is one.
std::optional<uint32_t> ParseDecimal(const std::string& text);

/// Sends a forged addition message from `from`, whose core router ID is
/// `routerId`, to `routers` (vr-forge-addition).
void SendForgedAddition(Ptr<Node> from,
                        Ipv4Address routerId,
                        const std::string& vpnId,
                        Ipv4Address portAddress,
                        const std::vector<Ipv4Address>& routers);

/// Sends `count` labelled UDP datagrams from `from` through `device` to
/// `nextHop` (vr-spoof-label), the first now, then one per millisecond.
void SendSpoofedLabels(Ptr<Node> from,
                       Ptr<NetDevice> device,
                       Ipv4Address source,
                       Ipv4Address nextHop,
                       uint32_t label,
                       Ipv4Address destination,
                       uint32_t count);

} // namespace scenario
} // namespace ns3

#endif
