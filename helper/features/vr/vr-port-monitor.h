/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Watches the VR ports of a run through their trace sources: every "Step"
 * of every port (with its time), the discovery messages each router's
 * vr::DiscoveryPort sends, receives and drops, and the per-VRF drops of
 * the edge routers' vr::VrfRoutingProtocol. Steps and discovery messages
 * also go to the message trace (protocol `vr`), so that the ladder of
 * Figs. 7-9 can be drawn. Finish() reads the maps and the core routers'
 * tables into the `vpns` results part.
 */
#ifndef IPVPN_VR_PORT_MONITOR_H
#define IPVPN_VR_PORT_MONITOR_H

#include "scenario-vr-section.h"
#include "vr-port-results.h"

#include "ns3/ipv4-address.h"
#include "ns3/ipvpn-message-trace.h"
#include "ns3/node.h"
#include "ns3/vr-membership-actions.h"
#include "ns3/vr-port.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace ns3
{

class Ipv4Header;
class Packet;

namespace vr
{
class DiscoveryHeader;
}

namespace metrics
{

class VrPortMonitor
{
  public:
    using TraceSink = MessageTrace::Sink;

    /// A built VR port: its VPN (index in the section) and its spec.
    struct Port
    {
        size_t vpn = 0;
        const scenario::VrPortSpec* spec = nullptr;
        Ptr<vr::VrPort> port;
        /// Its user prefixes ("10.1.0.0/24"), for the routing oracle.
        std::vector<std::string> prefixes;
        /// The hosts' devices on its user lines.
        std::vector<Ptr<NetDevice>> userDevices;
    };

    /// `names`: node name of every provider address (router IDs, core
    /// interfaces, VR ports' addresses); `routers`: every router by name.
    VrPortMonitor(const scenario::VpnsSection& section,
                  std::vector<Port> ports,
                  std::map<Ipv4Address, std::string> names,
                  std::vector<std::pair<std::string, Ptr<Node>>> routers,
                  std::vector<std::vector<scenario::Ipv4Prefix>> userPrefixes);

    void SetTraceSink(TraceSink sink);
    /// The port was started and announced now.
    void NotifyStarted(const std::string& port);
    /// A scenario event acted on the port now (vr-port-stop and the like).
    void NotifyEvent(const std::string& port, const std::string& action);
    /// The port's password is now `password` (vr-port-password).
    void NotifyPassword(const std::string& port, const std::string& password);
    /// An attack event ran at `node` (vr-forge-addition, vr-spoof-label).
    void NotifyAttack(const std::string& node,
                      const std::string& action,
                      const std::string& detail);

    VpnsOutcome Finish() const;

  private:
    void OnStep(size_t index, vr::Step step, Ipv4Address peer);
    void OnDiscovery(const std::string& router,
                     const char* direction,
                     const vr::DiscoveryHeader& message,
                     Ipv4Address peer,
                     Ipv4Address portAddress);
    void OnVrfDrop(uint32_t vrfId);
    /// A join (S8 at the new port, S17 at the existing one) with `peer`:
    /// counted when the new port is no port of the VPN or does not hold
    /// the password the VPN's servers know.
    void CheckJoin(size_t index, vr::Step step, const std::string& peer);
    /// The port's OSPF instance received a packet: counted when its
    /// sender is no port of the VPN.
    void OnRoutingPacket(size_t index, Ptr<const Packet> packet);
    /// A host of the VPN sends a datagram / receives one. The tag goes on
    /// at the sender's device (MacTx sees the packet itself; MacRx a copy).
    void OnUserIngress(size_t vpn, Ptr<const Packet> packet);
    void OnUserEgress(size_t vpn, Ptr<const Packet> packet);
    /// An edge router popped `label`: counted when it leads into a VRF
    /// whose port has not bound it.
    void OnPop(const std::string& router, uint32_t label);
    /// Re-evaluates the VPN's membership after a step or a start.
    void CheckMembership(size_t vpn);
    /// A table or a tunnel of the VPN changed: compare its tables with the
    /// oracle once, after everything else of this instant.
    void ScheduleRoutingCheck(size_t vpn);
    /// The differences of the VPN's working ports' tables from the oracle,
    /// "port: prefix: ..." (empty: converged).
    std::vector<std::string> RoutingDifferences(size_t vpn) const;
    /// The port's routes to its VPN's user prefixes.
    VrRouteSet ActualRoutes(size_t index) const;
    /// Routes of the port's table through an interface of another VRF.
    uint64_t ForeignRoutes(size_t index) const;
    std::string NameOf(Ipv4Address address) const;
    std::string PortNameOf(Ipv4Address address) const;
    void Trace(const std::string& node,
               const std::string& direction,
               const std::string& type,
               const MessageTrace::Fields& fields) const;

    const scenario::VpnsSection& m_section;
    std::vector<Port> m_ports;
    std::map<Ipv4Address, std::string> m_names;
    std::vector<std::pair<std::string, Ptr<Node>>> m_routers;
    std::vector<std::vector<scenario::Ipv4Prefix>> m_userPrefixes; ///< per VPN
    std::vector<VrPortOutcome> m_out;                              ///< per port, as m_ports
    std::vector<bool> m_started;
    std::vector<bool> m_working;                       ///< started and not stopped
    std::vector<std::optional<int64_t>> m_convergence; ///< per VPN
    std::vector<std::optional<int64_t>> m_routingConvergence; ///< per VPN
    std::vector<bool> m_routingCheckPending;                  ///< per VPN
    std::vector<uint64_t> m_vrfDrops;                  ///< per VPN
    std::vector<std::string> m_passwords;              ///< per port, current
    std::vector<bool> m_routingHooked;                 ///< per port
    std::vector<VpnIsolation> m_isolation;             ///< per VPN
    std::vector<VrAttackRecord> m_attacks;
    TraceSink m_trace;
};

} // namespace metrics
} // namespace ns3

#endif
