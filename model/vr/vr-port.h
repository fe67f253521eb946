/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * One VR port of seed 000: the virtual router an edge router holds for one
 * VPN. It has the VPN identifier (RFC 2685), its own address on the
 * provider network, the holding router's ID, its user lines, its routing
 * table (a VRF of the node's vr::VrfRoutingProtocol), its VPN configuration
 * map and a tunnel ID per peer (unit 35, Fig. 6B), and it runs the seed's
 * procedures by driving the pure vr::MembershipEngine:
 *
 *  - discovery (Figs. 7-9): the addition message goes to every router ID
 *    the router list gives (the core IGP's routers), from the port's
 *    address, UDP 5401 (vr::DiscoveryPort), or with AdditionDelivery
 *    Flood from router to adjacent router; replies are collected for
 *    CollectionTime, then the map is built and tunnels opened (S1-S8); an
 *    existing port answers and accepts the tunnel (S11-S19);
 *  - the control channel (unit 33) to each peer is an L2TP tunnel between
 *    the two ports' addresses carrying one PPP session: the new port is the
 *    L2TP client (LAC), the existing one the server (LNS); RADIUS
 *    authentication as vr::TunnelAuthorizer describes (S5, S6, S15, S21);
 *  - the route exchange (S7, S18) is the port's own OSPF instance, bound to
 *    its VRF: its user lines (stub networks) from the start, each tunnel's
 *    session interface once the tunnel is up. The session interfaces are
 *    unnumbered in effect: each carries the port's provider address as a
 *    /32, so every tunnel of the port has the same address and the
 *    per-VPN OSPF router ID is the port's address. "Routes exchanged" (S8,
 *    S19) is the adjacency over that tunnel reaching Full.
 *
 *  - monitoring and deletion (Fig. 10): vr::MonitorEngine sends a
 *    monitoring message to each peer it has a tunnel with every
 *    MonitorPeriod, on UDP 5401 between the two port addresses (outside
 *    the tunnel, so a dropped tunnel does not silence it); a silent peer
 *    starts the hold (HoldTime, the seed's 24 h by default); a peer that
 *    answers in time clears it and, if the L2TP keepalive dropped the
 *    tunnel meanwhile, the port that opened it opens it again; expiry
 *    releases the tunnel and deletes the peer from the map (S36-S39). One
 *    timer event per monitoring time: an idle hold costs HoldTime /
 *    MonitorPeriod events.
 *
 *  - the data plane (DataPlane attribute): L2TP, user data crosses the
 *    L2TP session between the two ports; MPLS (the seed's Fig. 13), user
 *    data leaves labelled through the core while routing stays in the
 *    session. The core's LDP carries the port's address as a FEC: the
 *    egress router's LDP (EgressLabel NonNull) binds label F for it, and
 *    the port makes F its entry of the label matrix (unit 37): pop and
 *    deliver into the port's VRF; the ingress port pushes the label the
 *    core gave for the peer port's address (E), X swaps E for F. Until
 *    that LSP exists the data crosses the session.
 *
 * One class in two files: vr-port.cc (attributes, start and stop, the
 * discovery messages and membership actions), vr-port-tunnels.cc (tunnels,
 * route exchange, monitoring, the MPLS data plane).
 *
 * Every step the engine passes is reported by the "Step" trace, in order
 * (what the golden sequence tests of the figures compare), every action
 * carried out by the "Action" trace.
 */
#ifndef IPVPN_VR_PORT_H
#define IPVPN_VR_PORT_H

#include "vr-configuration-map.h"
#include "vr-membership-actions.h"
#include "vr-membership-engine.h"
#include "vr-monitor-engine.h"
#include "vr-vpn-id.h"

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/object-factory.h"
#include "ns3/object.h"
#include "ns3/l2tp-control-fsm.h"
#include "ns3/mpls-protocol.h"
#include "ns3/ospf-neighbor-fsm.h"
#include "ns3/ptr.h"
#include "ns3/traced-callback.h"

#include <map>
#include <optional>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{

class Node;
class IpvpnRoutingProtocol;

namespace l2tp
{
class ControlConnection;
class SessionNetDevice;
} // namespace l2tp

namespace ospf
{
class Protocol;
}

namespace radius
{
class Server;
}

namespace vr
{

class DiscoveryHeader;
class TunnelAuthorizer;
class VrfRoutingProtocol;

/// A VR port: one VPN's virtual router on an edge router.
class VrPort : public Object
{
  public:
    /// Gives the router IDs an addition message goes to.
    using RouterList = Callback<std::vector<Ipv4Address>>;

    /// How user data crosses between two ports (DataPlane attribute).
    enum DataPlane
    {
        DATA_L2TP = 0, ///< inside the L2TP session
        DATA_MPLS = 1, ///< labelled through the core (Fig. 13)
    };

    /// How an addition reaches all routers (AdditionDelivery attribute).
    enum AdditionDelivery
    {
        ADDITION_UNICAST = 0, ///< one datagram to each router ID
        ADDITION_FLOOD = 1,   ///< hop by hop over the core (vr::DiscoveryPort)
    };

    static TypeId GetTypeId();
    VrPort();
    ~VrPort() override;

    /// The holding router and the VRF of this port (before Start()).
    void SetNode(Ptr<Node> node);
    void SetVrf(Ptr<VrfRoutingProtocol> routing, uint32_t vrfId);
    /// A user line: an Ipv4 interface of the node already in the port's VRF.
    void AddUserInterface(uint32_t interface);
    /// A user the port's RADIUS server accepts (a port of the VPN).
    void AddCredential(const std::string& name, const std::string& password);
    /// Where "all routers" comes from (default: nobody).
    void SetRouterList(RouterList list);
    /// An attribute of the port's OSPF instance (timers, ...), before Start().
    void SetOspfAttribute(const std::string& name, const AttributeValue& value);
    /// An attribute of the tunnel ends (l2tp::ControlConnection).
    void SetL2tpAttribute(const std::string& name, const AttributeValue& value);

    /// Starts the port's RADIUS server, OSPF instance and discovery socket
    /// (the port answers additions from now on).
    void Start();
    /// S1: announces the port to every router (Start() first).
    void Announce();
    /// Stops the port: its tunnels end, it no longer answers.
    void Stop();

    /// The "Password" attribute; a change reaches the next RADIUS request.
    void SetPassword(std::string password);
    std::string GetPassword() const;
    VpnId GetVpnId() const;
    Ipv4Address GetAddress() const;
    Ipv4Address GetRouterId() const;
    std::string GetName() const;
    const ConfigurationMap& GetMap() const;
    Ptr<IpvpnRoutingProtocol> GetRouting() const;
    Ptr<ospf::Protocol> GetOspf() const;
    /// The Ipv4 interface of the session to `peerPort`; -1 without.
    int32_t GetTunnelInterface(Ipv4Address peerPort) const;
    /// true while the tunnel to `peerPort` is up (its control connection
    /// established; OSPF may run over it).
    bool IsTunnelUp(Ipv4Address peerPort) const;
    /// Our Assigned Tunnel ID towards `peerPort`; 0 without.
    uint16_t GetTunnelId(Ipv4Address peerPort) const;
    /// MPLS mode: the label bound to this port (F of Fig. 13); none yet.
    std::optional<uint32_t> GetLabel() const;
    /// MPLS mode: the label pushed on user data for `peerPort` (E of Fig.
    /// 13, the top of the core's label stack towards its address); none
    /// without an LSP or in L2TP mode.
    std::optional<uint32_t> GetPushLabel(Ipv4Address peerPort) const;
    /// MPLS mode: datagrams sent labelled, and sent in the session for want
    /// of an LSP.
    uint64_t GetLabelledCount() const;
    uint64_t GetUnlabelledCount() const;

    /// "Step": every step of the seed's procedures the port passes, with
    /// the peer port (0.0.0.0: none).
    typedef void (*StepTracedCallback)(Step step, Ipv4Address peerPort);
    /// "Action": an action carried out, its step, peer port and text.
    typedef void (*ActionTracedCallback)(Step step, Ipv4Address peerPort, const std::string& text);

  protected:
    void DoDispose() override;

  private:
    /// The tunnel to one peer port.
    struct Peer
    {
        Ptr<l2tp::ControlConnection> end;
        Ptr<l2tp::SessionNetDevice> device;
        int32_t interface = -1;
        uint16_t tunnelId = 0;
        bool client = false;      ///< we opened it (S5), not accepted it (S15)
        bool up = false;          ///< the control connection came up
        bool exchanging = false;  ///< OSPF runs on its interface (S7/S18)
        bool exchanged = false;   ///< the adjacency reached Full once
        bool reopening = false;   ///< opened again after the keepalive dropped it
    };

    void OnMessage(const DiscoveryHeader& message, Ipv4Address from);
    void CollectionEnd();
    void Apply(const MembershipActions& actions);
    void Apply(const MembershipAction& action);
    void Apply(const MonitorActions& actions);
    /// (Re)schedules the one monitoring event at the engine's deadline.
    void ScheduleMonitor();
    void OnMonitorTimer();
    /// Cancels the paced datagrams of an addition not sent yet.
    void CancelAnnouncements();
    /// Runs OSPF over the peer's tunnel interface (S7, S18, or a reopened tunnel).
    void StartExchange(Ipv4Address peerPort);

    /// Creates the tunnel end and its session interface (S5 or S15).
    void CreateTunnel(Ipv4Address peerPort, bool client);
    /// Traces of one tunnel end; `end` tells a released end's late
    /// events from the current one's (a plain pointer: a Ptr bound into
    /// the end's own trace would keep it alive forever).
    void OnTunnelUp(Ipv4Address peerPort,
                    const l2tp::ControlConnection* end,
                    uint16_t peerTunnelId);
    void OnTunnelDownTrace(Ipv4Address peerPort,
                           const l2tp::ControlConnection* end,
                           l2tp::ControlFsm::DownReason reason,
                           uint16_t resultCode);
    void OnTunnelDown(Ipv4Address peerPort);
    /// S15 answered, but no tunnel came within AcceptTimeout: S21.
    void OnAcceptTimeout(Ipv4Address peerPort, Ptr<l2tp::ControlConnection> end);
    void OnNeighborState(Ipv4Address routerId,
                         uint32_t interface,
                         Ipv4Address neighborId,
                         ospf::NeighborState from,
                         ospf::NeighborState to);
    /// Forgets the tunnel to `peerPort`; `close`: send its StopCCN first.
    void ReleaseTunnel(Ipv4Address peerPort, bool close);
    /// MPLS mode: a user datagram for `peerPort` leaves labelled (true) or
    /// goes into the session (false).
    bool DivertToMpls(Ipv4Address peerPort, Ptr<Packet> datagram);
    /// MPLS mode: LDP bound our label; make it the label matrix entry.
    void OnLfibChange(mpls::Protocol::Table table, bool added, uint32_t key);
    void BindLabel();
    /// MPLS mode: where a datagram popped from our label enters IPv4 (a
    /// mpls::Protocol::DeliveryChooser).
    int32_t ChooseLabelledDelivery(Ptr<const Packet> datagram, Ptr<NetDevice> inDevice);

    Ptr<Node> m_node;
    Ptr<VrfRoutingProtocol> m_vrfRouting;
    uint32_t m_vrfId;
    std::vector<uint32_t> m_userInterfaces;
    std::map<std::string, std::string> m_credentials;
    RouterList m_routerList;

    // attributes
    std::string m_vpnIdText;
    Ipv4Address m_address;
    Ipv4Address m_routerId;
    std::string m_name;
    std::string m_password;
    std::string m_radiusSecret;
    std::string m_tunnelSecret;
    Time m_collectionTime;
    bool m_mutual;
    bool m_parallel;
    Time m_acceptTimeout;
    Time m_announceSpacing;
    AdditionDelivery m_delivery;
    std::vector<EventId> m_announceEvents; ///< paced datagrams of an addition
    DataPlane m_dataPlane;
    std::optional<uint32_t> m_label;
    uint64_t m_labelled = 0;
    uint64_t m_unlabelled = 0;
    Time m_monitorPeriod;
    uint32_t m_silentAfter;
    Time m_holdTime;

    VpnId m_vpnId;
    std::unique_ptr<MembershipEngine> m_engine;
    std::unique_ptr<MonitorEngine> m_monitor;
    EventId m_monitorEvent;
    uint32_t m_sequence;
    EventId m_collectionEvent;
    bool m_started;
    ObjectFactory m_ospfFactory;
    ObjectFactory m_l2tpFactory;
    Ptr<ospf::Protocol> m_ospf;
    Ptr<radius::Server> m_radiusServer;
    Ptr<TunnelAuthorizer> m_authorizer;
    std::map<Ipv4Address, Peer> m_peers;
    TracedCallback<Step, Ipv4Address> m_stepTrace;
    TracedCallback<Step, Ipv4Address, const std::string&> m_actionTrace;
};

} // namespace vr
} // namespace ns3

#endif // IPVPN_VR_PORT_H
