/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Per-VRF forwarding in one node (issue 10, "Per-VRF forwarding"): the
 * IPv4 routing of an edge router, which holds one IpvpnRoutingProtocol per
 * VRF (a VR port's table, seed 000 unit 32) besides the core's (VRF 0, the
 * provider network), each limited to its interfaces
 * (IpvpnRoutingProtocol::SetInterfaceScope). Every interface belongs to
 * exactly one VRF: the one its device was assigned to (AssignDevice), the
 * core otherwise, the loopback always.
 *
 *  - RouteInput: the VRF of the input interface answers, local delivery
 *    (only its own addresses) and forwarding (only its own table) alike.
 *    A packet it cannot route is dropped and reported by the "Drop" trace.
 *  - RouteOutput: the VRF of the bound output device (a socket bound to a
 *    VRF's device, as its daemons' are), the core without one.
 *  - A VRF sending to one of its own addresses goes through the loopback
 *    like any local traffic; the packet carries a vr::VrfTag so that it is
 *    delivered back in that VRF, as if received on the interface holding
 *    the address (a socket bound to that device receives it).
 *  - Notify*: to the instance owning the interface. A device may be
 *    assigned before it has an Ipv4 interface (session devices are made at
 *    run time); assigning one that has an interface already moves its
 *    routes from the old instance to the new one.
 *  - ARP needs nothing: ns-3 keeps an ARP cache per interface and answers
 *    only for the addresses of the interface asked on.
 *
 * The core is what IpvpnRoutingProtocol::GetNodeRouting (and so
 * IpvpnRoutingHelper::GetRouting, OspfHelper, ospf::Protocol) finds on the
 * node: core OSPF and everything else that uses the node's table work on an
 * edge router unchanged. A daemon of a VRF binds its sockets to the VRF's
 * devices; a VRF's OSPF instance is bound to the VRF's table with
 * ospf::Protocol::SetRouting.
 *
 * Install it as the node's routing protocol (not an entry of an
 * Ipv4ListRouting: a list delivers locally for every address of the node
 * before asking its entries, which defeats per-VRF local delivery).
 */
#ifndef IPVPN_VR_VRF_ROUTING_PROTOCOL_H
#define IPVPN_VR_VRF_ROUTING_PROTOCOL_H

#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/ipvpn-routing-protocol.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <map>
#include <memory>
#include <ostream>
#include <vector>

namespace ns3
{
namespace vr
{

/// Why a packet was dropped for want of a VRF route ("Drop" trace).
enum class VrfDropReason : uint8_t
{
    NO_ROUTE,       ///< the VRF's table has no route to the destination
    NOT_FORWARDING, ///< arrived on an interface that does not forward
};

/// "no-route", "not-forwarding".
std::ostream& operator<<(std::ostream& os, VrfDropReason reason);

class VrfRoutingProtocol : public Ipv4RoutingProtocol, public IpvpnRoutingOwner
{
  public:
    static TypeId GetTypeId();

    VrfRoutingProtocol();
    ~VrfRoutingProtocol() override;

    /// Signature of the "Drop" trace: (VRF ID, reason, IP header, packet
    /// without it).
    typedef void (*DropTracedCallback)(uint32_t vrfId,
                                       VrfDropReason reason,
                                       const Ipv4Header& header,
                                       Ptr<const Packet> packet);

    /// The core instance (VRF 0): every interface not assigned to a VRF.
    Ptr<IpvpnRoutingProtocol> GetCore() const override;
    /// Makes VRF `vrfId` (> 0) with an empty table; aborts if it exists.
    Ptr<IpvpnRoutingProtocol> AddVrf(uint32_t vrfId);
    /// VRF `vrfId`'s instance (the core for 0), nullptr if none.
    Ptr<IpvpnRoutingProtocol> GetVrf(uint32_t vrfId) const;
    /// The IDs of the VRFs, ascending, the core's 0 not among them.
    std::vector<uint32_t> GetVrfIds() const;
    /**
     * Puts `device` (of this node, not its loopback) in VRF `vrfId` (0: back
     * to the core); aborts for a VRF that does not exist and for a device
     * not added to this node yet. May come before the device has an Ipv4
     * interface.
     */
    void AssignDevice(Ptr<NetDevice> device, uint32_t vrfId);
    /// The VRF of a device (0 = core).
    uint32_t GetVrfOfDevice(Ptr<const NetDevice> device) const;
    /// The VRF of an Ipv4 interface (0 = core).
    uint32_t GetVrfOfInterface(uint32_t interface) const;
    /// Packets of VRF `vrfId` dropped for want of a route so far.
    uint64_t GetDropCount(uint32_t vrfId) const;

    // Ipv4RoutingProtocol
    Ptr<Ipv4Route> RouteOutput(Ptr<Packet> p,
                               const Ipv4Header& header,
                               Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override;
    bool RouteInput(Ptr<const Packet> p,
                    const Ipv4Header& header,
                    Ptr<const NetDevice> idev,
                    UnicastForwardCallback ucb,
                    MulticastForwardCallback mcb,
                    LocalDeliverCallback lcb,
                    ErrorCallback ecb) override;
    void NotifyInterfaceUp(uint32_t interface) override;
    void NotifyInterfaceDown(uint32_t interface) override;
    void NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void SetIpv4(Ptr<Ipv4> ipv4) override;
    /// Every VRF's table, the core first, each headed "VRF <id>".
    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream,
                           Time::Unit unit = Time::S) const override;

  protected:
    void DoDispose() override;

  private:
    /// The instance of a VRF that exists (the core for 0).
    Ptr<IpvpnRoutingProtocol> Instance(uint32_t vrfId) const;
    /// Counts and reports a drop, then hands it to Ipv4's error callback.
    void Dropped(uint32_t vrfId,
                 uint32_t iif,
                 ErrorCallback ecb,
                 Ptr<const Packet> p,
                 const Ipv4Header& header,
                 Socket::SocketErrno error);

    Ptr<Ipv4> m_ipv4;
    Ptr<IpvpnRoutingProtocol> m_core;
    std::map<uint32_t, Ptr<IpvpnRoutingProtocol>> m_vrfs;
    /// A device's VRF, at the device's index on the node (every packet
    /// asks; a map by device cost cache misses on routers with many tunnels).
    struct DeviceVrf
    {
        /// Compared, never dereferenced: a device of another node can have
        /// the same index.
        const NetDevice* device = nullptr;
        uint32_t vrfId = 0;
    };
    std::vector<DeviceVrf> m_deviceVrf;   ///< devices not in the core
    std::map<uint32_t, uint64_t> m_drops; ///< by VRF
    /// Every interface's addresses, for all instances (each hears only its own).
    std::shared_ptr<IpvpnAddressIndex> m_addresses;
    TracedCallback<uint32_t, VrfDropReason, const Ipv4Header&, Ptr<const Packet>> m_dropTrace;
};

} // namespace vr
} // namespace ns3

#endif
