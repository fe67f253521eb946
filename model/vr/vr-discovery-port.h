/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * UDP port DISCOVERY_PORT (5401) of one edge router, shared by its VR
 * ports: the addition messages of seed 000 reach "each of the VR ports of
 * each of the routers" through it.
 *
 *  - One socket bound to 0.0.0.0:5401 takes what is sent to the router
 *    itself (an addition is sent to every router ID): an ADDITION is handed
 *    to every registered VR port, in registration order, and each port
 *    decides (S12); other types sent there are dropped ("not for a port").
 *  - One socket per VR port bound to its own address takes what is sent to
 *    that port (ACKs, monitoring messages and their replies) and hands it
 *    to that port only. Messages leave from the sending port's address.
 *  - A datagram that does not decode (vr::DiscoveryHeader::Error) is
 *    counted and dropped with the error's name; it never reaches a port.
 *
 * Flooded delivery (VrPort's AdditionDelivery Flood): a router started as
 * a relay (StartRelay) hands an ADDITION that reaches its own socket to its
 * ports and sends it on, from its own socket, to each adjacent core router
 * but the one it came from; the origin sends it to all of them (Flood).
 * A relay remembers each addition (router ID, port address, sequence
 * number) for FloodMemory and drops a copy that comes again (counted), so
 * every router takes each addition once, over a loop-free tree set by the
 * order of arrival. Every core router must be a relay, ports or not.
 *
 * The object also hands out the L2TP Assigned Tunnel IDs of the node's VR
 * ports (they share the node's UDP 1701 port, which tells tunnels apart by
 * that ID).
 *
 * Aggregated to the node on first use (DiscoveryPort::Get).
 */
#ifndef IPVPN_VR_DISCOVERY_PORT_H
#define IPVPN_VR_DISCOVERY_PORT_H

#include "vr-discovery-header.h"

#include "ns3/callback.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/ptr.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace ns3
{

class Node;
class Packet;
class Socket;

namespace vr
{

/// The discovery UDP port of one router, shared by its VR ports.
class DiscoveryPort : public Object
{
  public:
    /// A VR port's receiver: the message and its source address.
    using Receiver = Callback<void, const DiscoveryHeader&, Ipv4Address>;
    /// The addresses of the adjacent core routers' interfaces.
    using NeighborList = Callback<std::vector<Ipv4Address>>;

    static TypeId GetTypeId();
    DiscoveryPort();
    ~DiscoveryPort() override;

    /// The port of this node, created and aggregated on first use.
    static Ptr<DiscoveryPort> Get(Ptr<Node> node);

    /// A VR port with address `portAddress` starts receiving.
    void Register(Ipv4Address portAddress, Receiver receiver);
    /// The VR port stops receiving; its socket is closed.
    void Unregister(Ipv4Address portAddress);

    /// Sends `message` from `portAddress` (a registered VR port) to `to`.
    void Send(const DiscoveryHeader& message, Ipv4Address portAddress, Ipv4Address to);

    /// Makes this router a relay of flooded additions; `neighbors` is asked
    /// at each addition (the core IGP's adjacencies).
    void StartRelay(NeighborList neighbors);
    bool IsRelay() const;
    /// Floods an ADDITION of `portAddress` (a registered VR port): to the
    /// router's own ports, then to every adjacent router. Needs StartRelay.
    void Flood(const DiscoveryHeader& message, Ipv4Address portAddress);
    /// Copies of a flooded addition that came again and were dropped.
    uint32_t GetDuplicateCount() const;

    /// A non-zero L2TP Assigned Tunnel ID not given out before on this node.
    uint16_t AllocateTunnelId();

    /// Datagrams dropped (malformed, or for no port).
    uint32_t GetDropCount() const;

    /// "Rx": a message decoded, its source, the port address it went to
    /// (0.0.0.0: the router's own socket). "Tx": sent, destination, source.
    typedef void (*MessageTracedCallback)(const DiscoveryHeader& message,
                                          Ipv4Address peer,
                                          Ipv4Address portAddress);
    /// "Drop": the datagram, its source and why.
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet,
                                       Ipv4Address from,
                                       const std::string& reason);

  protected:
    void DoDispose() override;

  private:
    struct Member
    {
        Receiver receiver;
        Ptr<Socket> socket; ///< bound to the port's address
    };

    /// A flooded addition: origin router ID, port address, sequence number.
    using FloodKey = std::tuple<uint32_t, uint32_t, uint32_t>;

    Ptr<Socket> OpenSocket(Ipv4Address address);
    void HandleRead(Ptr<Socket> socket);
    /// Hands an ADDITION to every registered port, in registration order.
    void DeliverToPorts(const DiscoveryHeader& message, Ipv4Address source);
    /// true the first time an addition is seen within FloodMemory.
    bool FirstCopy(const DiscoveryHeader& message);
    /// Sends on to every adjacent router but `except`, from the router's
    /// socket; `sender` is the port traced as the source (0.0.0.0: a relay).
    void Relay(const DiscoveryHeader& message, Ipv4Address sender, Ipv4Address except);

    Ptr<Node> m_node;
    Ptr<Socket> m_routerSocket;                 ///< 0.0.0.0:5401
    std::map<Ipv4Address, Member> m_members;    ///< by port address
    std::vector<Ipv4Address> m_order;           ///< registration order
    uint16_t m_nextTunnelId;
    uint32_t m_drops;
    NeighborList m_neighbors;                          ///< null: not a relay
    Time m_floodMemory;                                ///< FloodMemory attribute
    std::set<FloodKey> m_seen;                         ///< additions remembered
    std::deque<std::pair<Time, FloodKey>> m_seenOrder; ///< to forget them
    uint32_t m_duplicates;
    TracedCallback<const DiscoveryHeader&, Ipv4Address, Ipv4Address> m_rxTrace;
    TracedCallback<const DiscoveryHeader&, Ipv4Address, Ipv4Address> m_txTrace;
    TracedCallback<Ptr<const Packet>, Ipv4Address, const std::string&> m_dropTrace;
};

} // namespace vr
} // namespace ns3

#endif // IPVPN_VR_DISCOVERY_PORT_H
