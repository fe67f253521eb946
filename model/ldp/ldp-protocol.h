/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ns3::ldp::Protocol, the LDP speaker of one LSR (RFC 5036), driving the
 * node's mpls::Protocol LFIB. It owns, like the parts of OpenBSD ldpd:
 *  - ldp::Discovery (section 2.4): Link Hellos to 224.0.0.2:646 with TTL 1
 *    on each enabled interface, Targeted Hellos to configured addresses,
 *    Hello adjacencies with hold-time negotiation and expiry;
 *  - one ldp::Session per peer (sections 2.5.2-2.5.6) over TCP 646, active
 *    or passive by transport address, with Initialization backoff, and the
 *    ldp::Listener that hands incoming connections to them;
 *  - ldp::LabelDriver around the decision engine ldp::LabelEngine
 *    (Downstream Unsolicited, ordered control, liberal retention): LFIB
 *    changes into mpls::Protocol, label messages to and from peers;
 *  - routing: RoutingChanged() re-reads the IPv4 routing table (ignoring the
 *    MPLS FTN hook) for every FEC's next hop; interfaces that went down lose
 *    their adjacencies at once.
 * This class holds the attributes, traces and counters and ties the parts
 * together.
 *
 * Why an Object aggregated to the Node rather than an Application: LDP is a
 * per-node control-plane daemon bound to the node's other per-node objects
 * (Ipv4, mpls::Protocol, its label allocator) and found through the node
 * by whoever needs it (scenario builder, VPN signalling, LSP monitor), like
 * mpls::Protocol itself; Start()/Stop() give it the lifecycle of a process
 * (and the "StartTime" attribute the usual delayed start) without the
 * Application container.
 *
 * Choices where RFC 5036 leaves freedom are listed with the attributes and
 * in ldp-label-engine.h / ldp-session-fsm.h. Others:
 *  - LSR ID: the "RouterId" attribute, else the highest address on the
 *    loopback interface outside 127/8, else the highest interface address.
 *    The transport address is the LSR ID unless set.
 *  - Hellos carry a Configuration Sequence Number that counts Start() calls,
 *    so a restarted peer is seen as reconfigured (section 3.5.2) and the
 *    Initialization backoff towards it is reset.
 *  - An interface found down (Ipv4 interface or NetDevice link) loses its
 *    Link Hello adjacencies at once; a peer left without adjacency has its
 *    session shut down (section 2.5.5). A silent failure is noticed when
 *    the Hello hold time runs out.
 *  - A connection attempt that is refused backs off like a failed
 *    Initialization (section 2.5.3).
 *  - ns-3's TCP takes a connection's source address from the route
 *    (TcpSocketBase::SetupEndpoint), so the active LSR's connection comes
 *    from its outgoing interface address rather than its transport address;
 *    the passive LSR identifies the peer by the LDP Identifier of its
 *    first PDU, as section 2.5.3 requires, not by that address.
 */
#ifndef IPVPN_LDP_PROTOCOL_H
#define IPVPN_LDP_PROTOCOL_H

#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/ldp-discovery.h"
#include "ns3/ldp-label-driver.h"
#include "ns3/ldp-label-engine.h"
#include "ns3/ldp-listener.h"
#include "ns3/ldp-session.h"
#include "ns3/mpls-lfib.h"
#include "ns3/mpls-protocol.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

namespace ns3
{

class Node;
class Socket;
class Ipv4;
class Packet;

namespace ldp
{

class Protocol : public Object, private SessionOwner, private DiscoveryOwner, private ListenerOwner
{
  public:
    /// Message and byte counts of one message type.
    struct MessageCounters
    {
        uint64_t txMessages = 0;
        uint64_t txBytes = 0;
        uint64_t rxMessages = 0;
        uint64_t rxBytes = 0;
    };

    typedef void (*SessionStateTracedCallback)(Ipv4Address peer,
                                               SessionState oldState,
                                               SessionState newState);
    typedef void (*AdjacencyTracedCallback)(Ipv4Address peer, bool up);
    typedef void (*MessageTracedCallback)(Ipv4Address peer, uint16_t type, uint32_t bytes);
    typedef void (*LfibTracedCallback)(
        mpls::PrefixFec fec, uint32_t inLabel, uint32_t outLabel, Ipv4Address nextHop, bool added);
    typedef void (*NotificationTracedCallback)(Ipv4Address peer, uint32_t status, bool fatal);
    typedef void (*MalformedTracedCallback)(Ipv4Address peer, uint32_t status);

    static TypeId GetTypeId();

    Protocol();
    ~Protocol() override;

    void SetNode(Ptr<Node> node);
    Ptr<Node> GetNode() const;

    /// Starts discovery and sessions (also done at "StartTime").
    void Start();
    /// Stops the process: sessions shut down (Notification "Shutdown"),
    /// sockets closed, the LFIB entries it installed removed.
    void Stop();
    bool IsRunning() const;

    // ---- configuration ----
    /// Originates `fec`: this LSR is its egress.
    void AddFec(const mpls::PrefixFec& fec);
    /// Extended discovery (section 2.4.2): Targeted Hellos to `address`
    /// (the peer must list us too, or accept Targeted Hellos).
    void AddTargetedPeer(Ipv4Address address);
    /// Basic discovery on an IPv4 interface (all but the loopback by
    /// default); takes effect at the next Start().
    void SetInterfaceEnabled(uint32_t interface, bool enabled);
    bool IsInterfaceEnabled(uint32_t interface) const;
    /// Which interfaces' subnets AnnounceConnected may originate (default:
    /// every interface): on an edge router whose other interfaces belong
    /// to VPNs, only the core's.
    using InterfaceFilter = Callback<bool, uint32_t>;
    void SetConnectedFilter(InterfaceFilter filter);
    Ipv4Address GetRouterId() const;
    Ipv4Address GetTransportAddress() const;

    /// Re-reads the routing table for every FEC and checks the interfaces;
    /// call on every node after routes were recomputed.
    void RoutingChanged();

    // ---- state ----
    std::optional<uint32_t> GetLocalLabel(const mpls::PrefixFec& fec) const;
    std::optional<uint32_t> GetOutLabel(const mpls::PrefixFec& fec) const;
    /// The mapping `peer` advertised for `fec` (liberal retention).
    std::optional<uint32_t> GetPeerLabel(const mpls::PrefixFec& fec, Ipv4Address peer) const;
    std::optional<Ipv4Address> GetNextHopPeer(const mpls::PrefixFec& fec) const;
    /// NON_EXISTENT for a peer without session.
    SessionState GetSessionState(Ipv4Address peerLsrId) const;
    /// Peers (LSR IDs) with a Hello adjacency or a session.
    std::vector<Ipv4Address> GetPeers() const;
    std::size_t GetNAdjacencies() const;
    /// When the FEC's FTN entry / ILM entry was last installed (absent if none).
    std::optional<Time> GetFtnInstallTime(const mpls::PrefixFec& fec) const;
    std::optional<Time> GetIlmInstallTime(const mpls::PrefixFec& fec) const;
    /// FECs with a local label advertised, and mappings retained from peers.
    std::size_t GetNLocalBindings() const;
    std::size_t GetNRemoteBindings() const;
    /// Per message type (ldp::MessageType), Hellos included.
    const std::map<uint16_t, MessageCounters>& GetMessageCounters() const;
    /// Malformed PDUs and messages received (sessions and Hellos).
    uint64_t GetMalformedCount() const;
    /// The label engine (read-only), null before Start().
    const LabelEngine* GetEngine() const;

    /// Fault injection for tests: raw bytes on the session with `peer`.
    bool SendRawBytes(Ipv4Address peerLsrId, const std::vector<uint8_t>& bytes);

  protected:
    void DoInitialize() override;
    void DoDispose() override;
    void NotifyNewAggregate() override;

  private:
    // SessionOwner
    void SessionStateChanged(Ptr<Session> session, SessionState from, SessionState to) override;
    void SessionMessageReceived(Ptr<Session> session, const Message& message) override;
    void SessionMessageTraced(Ptr<Session> session,
                              const Message& message,
                              uint32_t bytes,
                              bool sent) override;
    void SessionNotification(Ptr<Session> session, const StatusTlv& status, bool sent) override;
    void SessionMalformed(Ptr<Session> session, uint32_t status) override;
    void SessionConnectionFailed(Ptr<Session> session) override;
    uint32_t AllocateMessageId() override;

    // DiscoveryOwner
    void AdjacencyRefreshed(Ipv4Address lsrId, Ipv4Address transport, bool configChanged) override;
    void AdjacencyChanged(Ipv4Address lsrId, bool up) override;
    void AdjacenciesLost(Ipv4Address lsrId, uint32_t status) override;
    void HelloTraced(Ipv4Address peer, uint32_t bytes, bool sent) override;
    void HelloMalformed(Ipv4Address source, uint32_t status) override;

    // sessions
    Ptr<Session> CreateSession(Ipv4Address lsrId, Ipv4Address transport);
    Ptr<Session> FindSession(Ipv4Address lsrId) const;
    // ListenerOwner
    Ptr<Session> IncomingSession(Ipv4Address lsrId, uint16_t labelSpace, uint32_t& status) override;
    void IncomingRefused(Ipv4Address lsrId, uint32_t status, bool malformed) override;
    void HandleLinkChange();

    /// A time as the whole seconds of a 16-bit field, rounded up, at least 1.
    static uint16_t WireSeconds(Time t, uint16_t max);

    /// The connected subnets to originate ("AnnounceConnected").
    void UpdateConnectedFecs();
    std::vector<Ipv4Address> GetLocalAddresses() const;
    void ResolveIdentity();

    Ptr<Node> m_node;
    Ptr<Ipv4> m_ipv4;
    Ptr<mpls::Protocol> m_mpls;
    bool m_running;
    uint32_t m_starts; ///< Configuration Sequence Number (section 3.5.2)
    uint32_t m_nextMessageId;

    // attributes
    Ipv4Address m_routerIdConfig;
    Ipv4Address m_transportConfig;
    Time m_linkHelloInterval;
    Time m_linkHelloHold;
    Time m_targetedHelloInterval;
    Time m_targetedHelloHold;
    Time m_keepAliveTime;
    Time m_initTimeout;
    Time m_backoffInitial;
    Time m_backoffMax;
    uint16_t m_maxPduLength;
    int m_egressLabelAttr; ///< an EgressLabel (an int for EnumValue)
    bool m_announceConnected;
    InterfaceFilter m_connectedFilter;
    bool m_acceptTargeted;
    Time m_startTime;

    Ipv4Address m_routerId;
    Ipv4Address m_transport;
    std::set<uint32_t> m_disabledInterfaces;
    std::set<uint32_t> m_targets; ///< configured targeted peers
    std::set<mpls::PrefixFec> m_configuredFecs;

    std::unique_ptr<Discovery> m_discovery;
    std::unique_ptr<LabelDriver> m_labels;
    std::map<uint32_t, Ptr<Session>> m_sessions; ///< by peer LSR ID
    std::unique_ptr<Listener> m_listener;        ///< TCP 646, passive role
    EventId m_startEvent;
    bool m_linkCallbacksSet;

    std::map<uint16_t, MessageCounters> m_counters;
    uint64_t m_malformed;

    TracedCallback<Ipv4Address, SessionState, SessionState> m_sessionStateTrace;
    TracedCallback<Ipv4Address, bool> m_adjacencyTrace;
    TracedCallback<Ipv4Address, uint16_t, uint32_t> m_messageTxTrace;
    TracedCallback<Ipv4Address, uint16_t, uint32_t> m_messageRxTrace;
    TracedCallback<mpls::PrefixFec, uint32_t, uint32_t, Ipv4Address, bool> m_lfibTrace;
    TracedCallback<Ipv4Address, uint32_t, bool> m_notificationTxTrace;
    TracedCallback<Ipv4Address, uint32_t, bool> m_notificationRxTrace;
    TracedCallback<Ipv4Address, uint32_t> m_malformedTrace;
};

} // namespace ldp
} // namespace ns3

#endif // IPVPN_LDP_PROTOCOL_H
