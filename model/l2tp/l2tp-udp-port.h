/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * UDP port 1701 of one node (RFC 2661 8.1), shared by every L2TP tunnel end
 * (ControlConnection) on that node: one socket, and a demultiplexer that
 * hands each received datagram to the tunnel end it belongs to.
 *
 * Which tunnel end gets a datagram:
 *  - Tunnel ID in the header non-zero (every message but the first SCCRQ,
 *    data messages included): the end whose Assigned Tunnel ID it is
 *    (RFC 2661 3.1). Assigned Tunnel IDs must therefore be unique on a
 *    node; Register() warns otherwise and the first registered end wins.
 *  - Tunnel ID 0 (an SCCRQ, RFC 2661 6.1): the end already talking to that
 *    address (a retransmitted SCCRQ, or simultaneous SCCRQs for the 4.4.3
 *    tie breaking); else an idle responder whose PeerAddress is that
 *    address or unset; else an initiator whose PeerAddress is that address.
 *  - Nobody: counted and traced as a drop.
 *
 * The object is aggregated to the node on first use (UdpPort::Get); the
 * socket is opened with the first registered end and closed with the last.
 */
#ifndef IPVPN_L2TP_UDP_PORT_H
#define IPVPN_L2TP_UDP_PORT_H

#include "ns3/ipv4-address.h"
#include "ns3/object.h"
#include "ns3/ptr.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

class Node;
class Packet;
class Socket;

namespace l2tp
{

class ControlConnection;

/// The L2TP UDP port of one node, shared by its tunnel ends.
class UdpPort : public Object
{
  public:
    /// UDP port of L2TP (RFC 2661 8.1).
    static constexpr uint16_t PORT = 1701;

    static TypeId GetTypeId();
    UdpPort();
    ~UdpPort() override;

    /// The port of this node, created and aggregated on first use.
    static Ptr<UdpPort> Get(Ptr<Node> node);

    /// A tunnel end starts receiving; opens the socket if needed.
    void Register(Ptr<ControlConnection> end);
    /// A tunnel end stops receiving; closes the socket after the last.
    void Unregister(Ptr<ControlConnection> end);
    /// Sends one L2TP message to the peer's port 1701, from `local` when
    /// given (a tunnel end with an address of its own, e.g. a VR port's)
    /// or from the address routing chooses.
    void Send(Ptr<Packet> packet, Ipv4Address peer, Ipv4Address local = Ipv4Address::GetAny());

    /// Datagrams no tunnel end took.
    uint32_t GetDropCount() const;

    /// Drop: the datagram and why.
    typedef void (*DropTracedCallback)(Ptr<const Packet> packet, const std::string& reason);

  protected:
    void DoDispose() override;

  private:
    void HandleRead(Ptr<Socket> socket);
    void CloseSockets();
    /// The tunnel end a datagram from `from` with this Tunnel ID is for.
    Ptr<ControlConnection> Select(uint16_t tunnelId, Ipv4Address from) const;

    Ptr<Node> m_node;
    Ptr<Socket> m_socket;                              ///< bound to 0.0.0.0:1701
    std::map<Ipv4Address, Ptr<Socket>> m_boundSockets; ///< bound to local:1701, on first use
    std::vector<Ptr<ControlConnection>> m_ends; ///< in registration order
    uint32_t m_drops;
    TracedCallback<Ptr<const Packet>, const std::string&> m_dropTrace;
};

} // namespace l2tp
} // namespace ns3

#endif // IPVPN_L2TP_UDP_PORT_H
