/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * One OSPFv2 instance on a node (RFC 2328, single area 0.0.0.0): the
 * driver of the pure parts of model/ospf. It binds a set of the node's
 * IPv4 interfaces, sends and receives OSPF packets (IP protocol 89) on
 * them through the node's IPv4 layer, runs the interface and neighbor state machines
 * (ospf::InterfaceFsm, ospf::NeighborFsm) on their timers, exchanges
 * databases (10.6-10.9), floods through ospf::FloodingEngine (13),
 * originates Router-LSAs and, as Designated Router, Network-LSAs (12.4),
 * and hands the routes of ospf::SpfEngine (16.1) to a route sink: the
 * node's IpvpnRoutingProtocol by default.
 *
 * Packet I/O (RFC 2328 8.1): packets leave through Ipv4::Send on a route
 * the node's routing gives for the interface's device (as a socket bound
 * to that device would), with IP TTL 1, and come in through an
 * ospf::IpEndpoint registered for protocol 89 on each interface, which
 * takes what the routing delivers locally there. Hellos go to
 * AllSPFRouters; on broadcast networks DD, LSR and retransmitted LSUs go
 * to the neighbor's address, floods and delayed acks to AllSPFRouters or
 * AllDRouters as flooding decides; on point-to-point networks everything
 * goes to AllSPFRouters. The 8.2 checks (version, area, destination, own
 * packets, authentication, Hello parameters of 10.5) are made here; each
 * dropped packet is counted with its reason and reported by the "Drop"
 * trace.
 *
 * Interface state follows the node: the instance subscribes to the
 * "InterfaceChange" trace of the node's IpvpnRoutingProtocol (InterfaceUp,
 * InterfaceDown of 9.2); on an edge router (vr::VrfRoutingProtocol) that is
 * the core instance, unless SetRouting() binds the instance to a VRF's. A
 * silent neighbor is lost when its Inactivity Timer (RouterDeadInterval)
 * fires.
 *
 * The implementation is one class in four files: ospf-protocol.cc
 * (attributes, configuration, start), ospf-protocol-adjacency.cc (interface
 * and neighbor events, 9.3 and 10.3), ospf-protocol-packets.cc (packets
 * out and in, 8, 10.5-10.9), ospf-protocol-database.cc (flooding actions,
 * origination 12.4, SPF 16.1).
 *
 * Choices where RFC 2328 leaves freedom:
 *  - The first Hello of an interface leaves at InterfaceUp plus a uniform
 *    jitter in [0, HelloJitter) (default 100 ms), so routers started
 *    together do not send in lockstep; later Hellos every HelloInterval.
 *  - A Hello from a neighbor not heard before (Down) is answered by a
 *    Hello at once, besides the periodic ones, so that two routers whose
 *    first Hellos cross need not wait a HelloInterval to see each other.
 *  - Delayed acknowledgments (13.5) are bundled per interface and sent
 *    AckDelay (default 1 s, below RxmtInterval as 13.5 asks) after the
 *    first one queued.
 *  - LSAs flooded in one event are packed into as few Link State Updates
 *    as the interface MTU allows (each LSA's age raised by InfTransDelay).
 *  - LS age, retransmissions (13.6) and refresh (12.4) are checked once a
 *    second: LS ages are whole seconds.
 *  - SPF throttling (RFC 2328 gives no rule): the first calculation after a
 *    quiet period runs SpfInitialDelay (200 ms) after the change, so that
 *    the LSAs of one event (both ends of a link) are computed together;
 *    while changes keep coming each next calculation waits at least a hold
 *    time after the previous one, the hold starting at SpfHoldTime (1 s)
 *    and doubling up to SpfMaxWait (10 s); a calculation after a quiet
 *    SpfMaxWait resets the hold. Routers commonly throttle this way.
 *  - The Router ID defaults to the highest address of the bound
 *    interfaces (0.0.0.0 as the attribute means: choose).
 *  - Neighbors are kept by router ID per interface, also on broadcast
 *    networks (10.5 names them by address; with unique router IDs the two
 *    agree).
 *  - One address per interface: the first (on the loopback interface the
 *    first outside 127/8), read at Start(); later address changes are not
 *    followed.
 *  - The node's loopback interface may be bound too: it sends nothing, sits
 *    in state Loopback and its first address outside 127/8 is advertised
 *    as a host route of cost 0 (12.4.1), the usual router loopback address.
 *  - Only LSAs with their E option bit set, as the backbone has it, are
 *    originated; Hellos carry Options E and must agree on it (10.5).
 */
#ifndef IPVPN_OSPF_PROTOCOL_H
#define IPVPN_OSPF_PROTOCOL_H

#include "ospf-authentication.h"
#include "ospf-database-exchange-lists.h"
#include "ospf-flooding-engine.h"
#include "ospf-interface-fsm.h"
#include "ospf-ip-endpoint.h"
#include "ospf-link-state-update-header.h"
#include "ospf-lsa.h"
#include "ospf-neighbor-fsm.h"
#include "ospf-spf-engine.h"

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipvpn-route-table.h"
#include "ns3/net-device.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"
#include "ns3/traced-callback.h"

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace ns3
{

class Ipv4;
class IpvpnRoutingProtocol;
class Node;
class UniformRandomVariable;

namespace ospf
{

/// Why a received packet was dropped (RFC 2328 8.2, 10.5, 10.6 ...).
enum class DropReason : uint8_t
{
    MALFORMED,        ///< header or body does not decode
    BAD_VERSION,      ///< version is not 2
    BAD_AREA,         ///< area ID is not the interface's area (0.0.0.0)
    BAD_DESTINATION,  ///< not to us, AllSPFRouters, or AllDRouters as DR/BDR
    OWN_PACKET,       ///< sent by this router (its router ID)
    WRONG_SUBNET,     ///< broadcast: source not on the interface's subnet
    AUTHENTICATION,   ///< AuType, checksum, password or digest wrong (D)
    HELLO_MISMATCH,   ///< 10.5: mask, HelloInterval, RouterDeadInterval, E bit
    UNKNOWN_NEIGHBOR, ///< no such neighbor (DD, LSR, LSU, LSAck)
    NEIGHBOR_STATE,   ///< neighbor too low a state for the packet type
    DD_REJECTED,      ///< 10.6: Interface MTU too large, or neighbor Down
    INTERFACE_DOWN,   ///< arrived on an interface that is down
};

constexpr std::size_t DROP_REASON_COUNT = 12;

const char* DropReasonName(DropReason reason);
std::ostream& operator<<(std::ostream& os, DropReason reason);

/// Counters of one instance, read with Protocol::GetCounters().
struct ProtocolCounters
{
    /// Indexed by packet type 1..5 (index 0 unused).
    std::array<uint64_t, 6> packetsSent{};
    std::array<uint64_t, 6> bytesSent{};
    std::array<uint64_t, 6> packetsReceived{};
    std::array<uint64_t, 6> bytesReceived{};
    uint64_t lsasOriginated = 0; ///< new instances of own LSAs (12.4)
    uint64_t lsasFlooded = 0;    ///< LSAs sent in Link State Updates
    uint64_t spfRuns = 0;
    std::array<uint64_t, DROP_REASON_COUNT> drops{};

    uint64_t
    Drops(DropReason reason) const
    {
        return drops[static_cast<std::size_t>(reason)];
    }

    uint64_t TotalDrops() const;
};

/// One OSPF instance, single area 0, on some interfaces of a node.
class Protocol : public Object
{
  public:
    static TypeId GetTypeId();
    Protocol();
    ~Protocol() override;

    /// Where routes go after each SPF run.
    using RouteSink = Callback<void, const std::vector<IpvpnRoute>&>;

    /// NeighborStateChange: (our router ID, interface, neighbor router ID,
    /// old state, new state).
    typedef void (*NeighborStateTracedCallback)(Ipv4Address routerId,
                                                uint32_t interface,
                                                Ipv4Address neighborId,
                                                NeighborState from,
                                                NeighborState to);
    /// InterfaceStateChange: (our router ID, interface, old, new state).
    typedef void (*InterfaceStateTracedCallback)(Ipv4Address routerId,
                                                 uint32_t interface,
                                                 InterfaceState from,
                                                 InterfaceState to);
    /// LsaInstalled: (the installed instance's header, originated by us).
    typedef void (*LsaInstalledTracedCallback)(const LsaHeader& header, bool self);
    /// SpfRun: (number of routes given to the sink, simulation time).
    typedef void (*SpfRunTracedCallback)(uint32_t routes, Time at);
    /// Tx, Rx: (packet type, OSPF octets, interface, the IP payload).
    typedef void (*PacketTracedCallback)(uint8_t type,
                                         uint32_t size,
                                         uint32_t interface,
                                         Ptr<const Packet> packet);
    /// Drop: (reason, interface, the IP payload).
    typedef void (*DropTracedCallback)(DropReason reason,
                                       uint32_t interface,
                                       Ptr<const Packet> packet);

    /// The node; set before Start().
    void SetNode(Ptr<Node> node);
    Ptr<Node> GetNode() const;

    /// Runs OSPF on Ipv4 interface `interface`. Before Start() it is
    /// configured with the others; on a running instance it is opened at
    /// once (and brought up if Ipv4 has it up): a VR port adds each tunnel
    /// this way. It needs its address by then.
    void AddInterface(uint32_t interface);
    /// The bound interfaces.
    std::vector<uint32_t> GetInterfaces() const;
    /// The interface's cost (RFC 2328 C.3); default its Ipv4 metric.
    void SetInterfaceCost(uint32_t interface, uint16_t cost);
    uint16_t GetInterfaceCost(uint32_t interface) const;
    /**
     * Makes a point-to-point interface unnumbered (RFC 2328 12.4.1.1: its
     * Router-LSA link carries the interface index as Link Data and no stub
     * link; 9.5: its Hellos carry mask 0.0.0.0). For interfaces that share
     * an address, as a VR port's tunnels do. Before AddInterface().
     */
    void SetInterfaceUnnumbered(uint32_t interface);
    /// Overrides the network type found from the device (before Start()).
    void SetInterfaceType(uint32_t interface, InterfaceType type);
    InterfaceType GetInterfaceType(uint32_t interface) const;
    /// The interface's Router Priority (default the RouterPriority
    /// attribute; before Start()).
    void SetInterfacePriority(uint32_t interface, uint8_t priority);
    /// Authentication of one interface (D.3), overriding the instance's:
    /// auType 0 none, 1 simple password `key`, 2 keyed MD5 with `keyId`.
    void SetInterfaceAuthentication(uint32_t interface,
                                    uint16_t auType,
                                    uint8_t keyId,
                                    const std::string& key);

    /// Routes go to `sink` instead of the node's IpvpnRoutingProtocol. Two
    /// instances feeding the node's table would replace each other's OSPF
    /// routes: a second instance gets a sink of its own.
    void SetRouteSink(RouteSink sink);

    /**
     * Binds the instance to `routing` (before Start()), a VRF's table on an
     * edge router (vr::VrfRoutingProtocol::GetVrf), instead of the node's
     * (IpvpnRoutingProtocol::GetNodeRouting, the core instance there): its
     * routes go to that table unless SetRouteSink() says otherwise, and it
     * follows that instance's "InterfaceChange" trace, which reports only
     * the VRF's interfaces. The bound interfaces should be the VRF's; others
     * are warned about and never see an interface change.
     */
    void SetRouting(Ptr<IpvpnRoutingProtocol> routing);

    /// Brings the bound interfaces up (those up in Ipv4) and starts.
    void Start();

    Ipv4Address GetRouterId() const;
    const ProtocolCounters& GetCounters() const;

    /// Fixes the random stream of the Hello jitter (the instance's only
    /// random draws). \return the number of streams used (1).
    int64_t AssignStreams(int64_t stream);
    const Lsdb& GetLsdb() const;
    /// Router IDs of the Router-LSAs in the database (ours included) that
    /// have not reached MaxAge: the routers this instance knows, in
    /// ascending order. VR ports send their addition messages to them.
    std::vector<Ipv4Address> GetKnownRouters() const;
    /// The routes given to the sink at the last SPF run.
    const std::vector<IpvpnRoute>& GetRoutes() const;
    InterfaceState GetInterfaceState(uint32_t interface) const;
    /// The interface's DR and BDR (interface addresses; 0.0.0.0: none).
    Ipv4Address GetDr(uint32_t interface) const;
    Ipv4Address GetBdr(uint32_t interface) const;
    /// A neighbor's state; DOWN when unknown.
    NeighborState GetNeighborState(uint32_t interface, Ipv4Address neighborId) const;
    /// Router IDs of the neighbors of an interface (any state).
    std::vector<Ipv4Address> GetNeighbors(uint32_t interface) const;
    /// Interface addresses of the neighbors in state Full, on every
    /// interface: where a flooded VR-port addition goes next.
    std::vector<Ipv4Address> GetAdjacentAddresses() const;

  protected:
    void DoDispose() override;

  private:
    struct Nbr;
    /// One OSPF interface (RFC 2328 section 9 data items the driver keeps).
    struct Iface
    {
        uint32_t index = 0;
        Ipv4Address address;
        Ipv4Mask mask;
        uint16_t mtu = 1500;
        bool loopback = false; ///< on the node's LoopbackNetDevice
        bool unnumbered = false; ///< point-to-point without an address of its own
        std::optional<InterfaceType> type;
        std::optional<uint16_t> cost;
        std::optional<uint8_t> priority;
        bool authSet = false;
        uint16_t auType = AUTYPE_NULL;
        uint8_t keyId = 0;
        std::string key;
        Authenticator auth;
        uint32_t cryptoSequence = 0;
        std::unique_ptr<InterfaceFsm> fsm;
        Ptr<NetDevice> device; ///< null on the loopback (no packets, 12.4.1)
        EventId helloEvent;
        EventId waitEvent;
        EventId ackEvent;
        std::vector<LsaHeader> delayedAcks;
        FloodingEngine::Destination ackDestination = FloodingEngine::Destination::ALL_SPF_ROUTERS;
        std::map<Ipv4Address, std::unique_ptr<Nbr>> neighbors;
    };

    /// One neighbor (RFC 2328 section 10 data items the driver keeps).
    struct Nbr
    {
        explicit Nbr(uint32_t ddSequence)
            : fsm(ddSequence)
        {
        }

        Ipv4Address routerId;
        Ipv4Address address;
        uint8_t priority = 0;
        Ipv4Address dr;
        Ipv4Address bdr;
        NeighborFsm fsm;
        DatabaseExchangeLists lists;
        EventId inactivity;
        EventId ddRxmt;
        EventId lsrRxmt;
        Ptr<Packet> lastDd; ///< body of the last DD sent (10.8 retransmission)
        Time lastDdSent;
        bool lastSentMore = true;
        std::optional<uint32_t> cryptoSequence;
    };

    using NeighborId = FloodingEngine::NeighborId;

    // ---- configuration (ospf-protocol.cc) ----
    void AddInterfaceIfMissing(uint32_t interface);
    /// Reads the interface's address, mask, MTU and loopback flag from Ipv4.
    void ReadInterfaceAddress(Iface& iface);
    /// Creates the interface's state machine, flooding entry and socket.
    void OpenInterface(Iface& iface);
    void ConfigureAuthenticator(Iface& iface) const;
    InterfaceType DetectType(uint32_t interface) const;

    // ---- interfaces (ospf-protocol-adjacency.cc) ----
    void OnInterfaceChange(uint32_t interface, bool up);
    void InterfaceEventRun(Iface& iface, InterfaceEvent event);
    void SendHelloTimer(uint32_t interface);
    void SendHelloNow(uint32_t interface);
    void WaitTimerExpired(uint32_t interface);
    std::vector<ElectionRouter> ElectionNeighbors(const Iface& iface) const;
    void UpdateFloodingInterface(const Iface& iface);

    // ---- neighbors (ospf-protocol-adjacency.cc) ----
    void NeighborEventRun(Iface& iface, Nbr& nbr, NeighborEvent event);
    NeighborContext MakeContext(const Iface& iface, const Nbr& nbr) const;
    void CarryOut(Iface& iface, Nbr& nbr, const NeighborActions& actions);
    void InactivityTimerExpired(uint32_t interface, Ipv4Address neighborId);
    void DdRetransmit(uint32_t interface, Ipv4Address neighborId);
    void LsrRetransmit(uint32_t interface, Ipv4Address neighborId);
    Nbr* FindNeighbor(uint32_t interface, Ipv4Address neighborId);
    const Nbr* FindNeighbor(uint32_t interface, Ipv4Address neighborId) const;

    // ---- packets out (ospf-protocol-packets.cc) ----
    void SendPacket(Iface& iface, uint8_t type, Ptr<Packet> body, Ipv4Address to);
    void SendHello(Iface& iface);
    void SendDd(Iface& iface,
                Nbr& nbr,
                uint8_t flags,
                const std::vector<LsaHeader>& headers,
                uint32_t sequence);
    void SendNextDd(Iface& iface, Nbr& nbr);
    void SendLsRequest(Iface& iface, Nbr& nbr);
    void SendUpdate(Iface& iface,
                    Ipv4Address to,
                    const std::vector<LinkStateUpdateHeader::Item>& lsas);
    /// SendUpdate at once without FloodPacing; with it, queued for the next
    /// paced sending (retransmissions and answers to requests).
    void SendOrQueueUpdate(Iface& iface,
                           Ipv4Address to,
                           const std::vector<LinkStateUpdateHeader::Item>& lsas);
    /// The LS age an LSA of age `age` carries on the wire (13.3: plus
    /// InfTransDelay, at most MaxAge).
    uint16_t TransmittedAge(uint16_t age) const;
    void SendAck(Iface& iface, Ipv4Address to, const std::vector<LsaHeader>& headers);
    void SendDelayedAcks(uint32_t interface);
    Ipv4Address NeighborDestination(const Iface& iface, const Nbr& nbr) const;
    uint32_t MaxBody(const Iface& iface) const;

    // ---- packets in (ospf-protocol-packets.cc) ----
    void Receive(Ptr<Packet> packet, const Ipv4Header& ip, uint32_t interface);
    void Drop(DropReason reason, uint32_t interface, Ptr<const Packet> packet);
    void ReceiveHello(Iface& iface,
                      Ipv4Address source,
                      const PacketHeader& header,
                      Ptr<Packet> body,
                      uint16_t length,
                      Ptr<const Packet> raw);
    void ReceiveDd(
        Iface& iface, Nbr& nbr, Ptr<Packet> body, uint16_t length, Ptr<const Packet> raw);
    void ReceiveLsRequest(
        Iface& iface, Nbr& nbr, Ptr<Packet> body, uint16_t length, Ptr<const Packet> raw);
    /// `body`: the update's octets after the common header, as copied out
    /// for the checksum (decoded from there, not through an ns3::Buffer).
    void ReceiveUpdate(
        Iface& iface, Nbr& nbr, const uint8_t* body, uint16_t length, Ptr<const Packet> raw);
    void ReceiveAck(
        Iface& iface, Nbr& nbr, Ptr<Packet> body, uint16_t length, Ptr<const Packet> raw);

    // ---- flooding and origination (ospf-protocol-database.cc) ----
    void Apply(const FloodingEngine::Output& out);
    void ScheduleFlush();
    void FlushPending();
    void Tick();
    /// Sends what is due on the retransmission lists (13.6) and schedules
    /// the next; ScheduleRetransmissions brings that event forward to `at`.
    void SendRetransmissions();
    void ScheduleRetransmissions(Time at);
    void ScheduleOrigination();
    void OriginateAll();
    void OriginateRouterLsa(bool force);
    void OriginateNetworkLsa(Iface& iface, bool force);
    /// A new instance of own LSA `key` now (13.4, 12.4 refresh), or its
    /// flushing when it is no longer ours to originate.
    void OriginateKey(const LsaKey& key);
    /// The MinLSInterval wait of `key` is over: originate it if it changed.
    void OriginateKeyIfOwn(LsaKey key);
    /// Originates `lsa` (header: type, IDs, options; body) unless the database
    /// copy has the same contents and `force` is false.
    void Originate(Lsa lsa, bool force);
    void OriginateLater(const LsaKey& key, Time at);

    // ---- routes (ospf-protocol-database.cc) ----
    void ScheduleSpf();
    void RunSpf();

    Ptr<Node> m_node;
    Ptr<Ipv4> m_ipv4;
    Ptr<IpvpnRoutingProtocol> m_routing; ///< followed for interface changes
    Ipv4Address m_routerIdAttribute;
    Ipv4Address m_routerId;
    Time m_helloInterval;
    Time m_routerDeadInterval;
    Time m_rxmtInterval;
    Time m_infTransDelay;
    uint8_t m_priority;
    Time m_minLsInterval;
    Time m_minLsArrival;
    Time m_lsRefreshTime;
    Time m_spfInitialDelay;
    Time m_spfHoldTime;
    Time m_spfMaxWait;
    Time m_helloJitter;
    Time m_ackDelay;
    Time m_floodPacing;
    Time m_lastFlush = Seconds(-1); ///< when queued updates last went out
    uint16_t m_auType;
    uint8_t m_keyId;
    std::string m_key;
    Ptr<UniformRandomVariable> m_jitter;

    bool m_started;
    std::set<uint32_t> m_unnumbered; ///< SetInterfaceUnnumbered()
    std::map<uint32_t, std::unique_ptr<Iface>> m_ifaces;
    Ptr<IpEndpoint> m_endpoint; ///< protocol 89 on the interfaces (8.1)
    std::unique_ptr<FloodingEngine> m_flooding;
    RouteSink m_sink;
    std::vector<IpvpnRoute> m_routes;
    ProtocolCounters m_counters;

    /// LSUs to send at the end of the current event: (interface, dest) -> LSAs.
    std::map<std::pair<uint32_t, uint32_t>, std::vector<LinkStateUpdateHeader::Item>>
        m_pendingUpdates;
    /// Direct acks to send at the end of the current event.
    std::map<std::pair<uint32_t, uint32_t>, std::vector<LsaHeader>> m_pendingAcks;
    /// Pending re-originations by key (MinLSInterval).
    std::map<LsaKey, EventId> m_originationEvents;
    EventId m_originateEvent;
    EventId m_tickEvent;
    EventId m_rxmtEvent; ///< the earliest retransmission due
    Time m_rxmtAt;
    EventId m_spfEvent;
    EventId m_flushEvent;
    Time m_lastSpf;
    Time m_spfHold;
    bool m_spfEverRun;

    TracedCallback<Ipv4Address, uint32_t, Ipv4Address, NeighborState, NeighborState>
        m_neighborStateTrace;
    TracedCallback<Ipv4Address, uint32_t, InterfaceState, InterfaceState> m_interfaceStateTrace;
    TracedCallback<const LsaHeader&, bool> m_lsaInstalledTrace;
    TracedCallback<uint32_t, Time> m_spfRunTrace;
    TracedCallback<uint8_t, uint32_t, uint32_t, Ptr<const Packet>> m_txTrace;
    TracedCallback<uint8_t, uint32_t, uint32_t, Ptr<const Packet>> m_rxTrace;
    TracedCallback<DropReason, uint32_t, Ptr<const Packet>> m_dropTrace;
};

} // namespace ospf
} // namespace ns3

#endif // IPVPN_OSPF_PROTOCOL_H
