/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * LDP discovery (RFC 5036 section 2.4) for ldp::Protocol: sends Link
 * Hellos to 224.0.0.2:646 with TTL 1 on every enabled interface and
 * Targeted Hellos to configured addresses, receives Hellos on UDP 646, and
 * keeps the Hello adjacencies (ldp::AdjacencyTable) with one ns-3 timer for
 * their expiry. It tells its owner when a Hello creates or refreshes an
 * adjacency (a session may be needed, section 2.5.2) and when a peer has no
 * adjacency left (its session must end, section 2.5.5).
 *
 * An interface that is down (Ipv4 interface or NetDevice link) loses its
 * Link Hello adjacencies as soon as CheckInterfaces() sees it; it is called
 * at every Link Hello tick and by the owner on routing and link changes.
 *
 * Hello timing beyond the periodic Hellos (RFC 5036 leaves it open): a Hello
 * goes out at once on an interface that comes up, and in answer to a Hello
 * that creates an adjacency or carries a new Configuration Sequence Number,
 * so a neighbour that starts, restarts or comes back over a repaired link
 * learns about this LSR within one link delay instead of one Hello interval
 * (otherwise its session attempt would meet "Session Rejected/No Hello" and
 * the 15 s Initialization backoff, section 2.5.3).
 */
#ifndef IPVPN_LDP_DISCOVERY_H
#define IPVPN_LDP_DISCOVERY_H

#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/ldp-adjacency.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <map>
#include <set>

namespace ns3
{

class Ipv4;
class Node;
class Packet;
class Socket;

namespace ldp
{

/// What discovery reports to ldp::Protocol.
class DiscoveryOwner
{
  public:
    virtual ~DiscoveryOwner() = default;
    /// A Hello from `lsrId` created or refreshed an adjacency; `transport`
    /// is its transport address; `configChanged` after a new Configuration
    /// Sequence Number (section 3.5.2).
    virtual void AdjacencyRefreshed(Ipv4Address lsrId,
                                    Ipv4Address transport,
                                    bool configChanged) = 0;
    /// An adjacency appeared or went away (for traces).
    virtual void AdjacencyChanged(Ipv4Address lsrId, bool up) = 0;
    /// `lsrId` has no adjacency left; `status` says why (Hold Timer
    /// Expired, or Shutdown when its interface went down).
    virtual void AdjacenciesLost(Ipv4Address lsrId, uint32_t status) = 0;
    /// A Hello sent (to `peer`: destination) or received (from `peer`: LSR ID).
    virtual void HelloTraced(Ipv4Address peer, uint32_t bytes, bool sent) = 0;
    /// A Hello that could not be decoded (from `source`).
    virtual void HelloMalformed(Ipv4Address source, uint32_t status) = 0;
    virtual uint32_t AllocateMessageId() = 0;
};

/// Parameters of discovery, from the owner's attributes.
struct DiscoveryConfig
{
    Ipv4Address lsrId = Ipv4Address::GetAny();     ///< LSR ID of the PDU headers (label space 0)
    Ipv4Address transport = Ipv4Address::GetAny(); ///< Transport Address TLV (section 3.5.2)
    uint32_t configSequence = 1;                   ///< Configuration Sequence Number TLV
    Time linkHelloInterval = Seconds(5);
    uint16_t linkHoldTime = 15; ///< seconds, proposed in Link Hellos
    Time targetedHelloInterval = Seconds(15);
    uint16_t targetedHoldTime = 45;        ///< seconds, proposed in Targeted Hellos
    bool acceptTargeted = false;           ///< answer unconfigured Targeted Hellos (2.4.2)
    std::set<uint32_t> disabledInterfaces; ///< IPv4 interfaces without basic discovery
    std::set<uint32_t> targets;            ///< configured targeted peers
};

class Discovery
{
  public:
    Discovery(DiscoveryOwner* owner, Ptr<Node> node, const DiscoveryConfig& config);
    ~Discovery();

    /// Opens the sockets and sends the first Hellos now.
    void Start();
    /// Closes the sockets and stops the timers (adjacencies stay as they are).
    void Stop();

    void AddTarget(Ipv4Address address);
    /// Drops the Link Hello adjacencies of interfaces that are down.
    void CheckInterfaces();
    bool IsInterfaceEnabled(uint32_t interface) const;
    /// Section 2.5.3: a session needs at least one adjacency with its peer.
    bool HasAdjacency(Ipv4Address lsrId) const;
    std::size_t GetNAdjacencies() const;

  private:
    void SendLinkHellos();
    void SendLinkHello(uint32_t interface);
    void SendTargetedHellos();
    void SendTargetedHello(Ipv4Address target);
    /// Tracks which enabled interfaces are usable; with `announce`, a Hello
    /// goes out on those that just came up.
    void RefreshUsable(bool announce);
    Ptr<Packet> MakeHello(bool targeted);
    void HandleHello(Ptr<Socket> socket);
    void ScheduleExpiry();
    void ExpireAdjacencies();
    void DropInterfaceAdjacencies(uint32_t interface);
    bool IsInterfaceUsable(uint32_t interface) const;

    DiscoveryOwner* m_owner;
    Ptr<Node> m_node;
    Ptr<Ipv4> m_ipv4;
    DiscoveryConfig m_config;
    AdjacencyTable m_adjacencies;
    std::map<uint32_t, std::set<AdjacencyKey>> m_linkAdjacencies; ///< by interface
    std::set<uint32_t> m_responders;               ///< peers whose Targeted Hellos we answer
    std::set<uint32_t> m_usable;                   ///< enabled interfaces found up
    Ptr<Socket> m_rxSocket;                        ///< UDP 646, receives Hellos
    std::map<uint32_t, Ptr<Socket>> m_linkSockets; ///< per interface, sends Link Hellos
    Ptr<Socket> m_targetedSocket;                  ///< sends Targeted Hellos
    EventId m_linkHelloEvent;
    EventId m_targetedHelloEvent;
    EventId m_expiryEvent;
};

} // namespace ldp
} // namespace ns3

#endif // IPVPN_LDP_DISCOVERY_H
