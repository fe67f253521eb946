// SPDX-License-Identifier: GPL-2.0-only

#include "vr-port.h"

#include "vr-discovery-header.h"
#include "vr-discovery-port.h"
#include "vr-tunnel-authorizer.h"
#include "vr-vrf-routing-protocol.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/ipv4-header.h"
#include "ns3/ldp-protocol.h"
#include "ns3/mpls-protocol.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/ipvpn-routing-protocol.h"
#include "ns3/l2tp-control-connection.h"
#include "ns3/l2tp-session-net-device.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/ospf-protocol.h"
#include "ns3/ppp-endpoint.h"
#include "ns3/radius-server.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <sstream>

namespace ns3
{
namespace vr
{

NS_LOG_COMPONENT_DEFINE("VrPort");
NS_OBJECT_ENSURE_REGISTERED(VrPort);

TypeId
VrPort::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::vr::VrPort")
            .SetParent<Object>()
            .SetGroupName("Vr")
            .AddConstructor<VrPort>()
            .AddAttribute("VpnId",
                          "VPN identifier, RFC 2685 (text form oui:index, hexadecimal).",
                          StringValue("000000:00000000"),
                          MakeStringAccessor(&VrPort::m_vpnIdText),
                          MakeStringChecker())
            .AddAttribute("Address",
                          "The port's own address on the provider network.",
                          Ipv4AddressValue(Ipv4Address::GetAny()),
                          MakeIpv4AddressAccessor(&VrPort::m_address),
                          MakeIpv4AddressChecker())
            .AddAttribute("RouterId",
                          "ID of the router that holds the port (sent in the addition "
                          "message and its ACK).",
                          Ipv4AddressValue(Ipv4Address::GetAny()),
                          MakeIpv4AddressAccessor(&VrPort::m_routerId),
                          MakeIpv4AddressChecker())
            .AddAttribute("Name",
                          "The port's name: L2TP Host Name and RADIUS User-Name.",
                          StringValue("vr-port"),
                          MakeStringAccessor(&VrPort::m_name),
                          MakeStringChecker())
            .AddAttribute("Password",
                          "The port's RADIUS (PAP) password.",
                          StringValue(""),
                          MakeStringAccessor(&VrPort::SetPassword, &VrPort::GetPassword),
                          MakeStringChecker())
            .AddAttribute("RadiusSecret",
                          "RADIUS shared secret between the VPN's ports (RFC 2865 section 3).",
                          StringValue(""),
                          MakeStringAccessor(&VrPort::m_radiusSecret),
                          MakeStringChecker())
            .AddAttribute("TunnelSecret",
                          "L2TP tunnel secret of the VPN's tunnels (RFC 2661 5.1.1); empty: "
                          "no L2TP tunnel authentication.",
                          StringValue(""),
                          MakeStringAccessor(&VrPort::m_tunnelSecret),
                          MakeStringChecker())
            .AddAttribute("CollectionTime",
                          "How long a new port collects ACKs (S2) before it builds its map "
                          "(S4); the seed sets none.",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&VrPort::m_collectionTime),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("MutualAuthentication",
                          "Both ports authenticate each other (the option after Fig. 9).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&VrPort::m_mutual),
                          MakeBooleanChecker())
            .AddAttribute("ParallelTunnels",
                          "Open the tunnels to all repliers at once instead of the seed's "
                          "loop back to S5, one replier after the other.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&VrPort::m_parallel),
                          MakeBooleanChecker())
            .AddAttribute("DataPlane",
                          "How user data crosses to a peer port: L2tp, inside the L2TP "
                          "session; Mpls, labelled through the core (Fig. 13; the node needs "
                          "mpls::Protocol and ldp::Protocol).",
                          EnumValue(DATA_L2TP),
                          MakeEnumAccessor(&VrPort::m_dataPlane),
                          MakeEnumChecker(DATA_L2TP, "L2tp", DATA_MPLS, "Mpls"))
            .AddAttribute("AcceptTimeout",
                          "How long an existing port keeps the tunnel end it opened for a new "
                          "port (S15) waiting for that port's tunnel; then it gives up (S21). "
                          "Bounds what a forged addition message costs.",
                          TimeValue(Seconds(60)),
                          MakeTimeAccessor(&VrPort::m_acceptTimeout),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("MonitorPeriod",
                          "Monitoring messages to each peer this often (S31); the seed "
                          "sets no period.",
                          TimeValue(Seconds(DEFAULT_MONITOR_PERIOD_SECONDS)),
                          MakeTimeAccessor(&VrPort::m_monitorPeriod),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("MonitorSilentAfter",
                          "Unanswered monitoring messages in a row that make a peer silent "
                          "(S32).",
                          UintegerValue(DEFAULT_MONITOR_SILENT_AFTER),
                          MakeUintegerAccessor(&VrPort::m_silentAfter),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("HoldTime",
                          "How long a silent peer may stay away before it is deleted (S33-"
                          "S36; the seed's example: 24 hours).",
                          TimeValue(Hours(DEFAULT_MONITOR_HOLD_HOURS)),
                          MakeTimeAccessor(&VrPort::m_holdTime),
                          MakeTimeChecker(Seconds(0)))
            .AddTraceSource("Step",
                            "A step of the seed's procedures (Figs. 8-10), also those "
                            "without an action: step, peer port (0.0.0.0: none).",
                            MakeTraceSourceAccessor(&VrPort::m_stepTrace),
                            "ns3::vr::VrPort::StepTracedCallback")
            .AddTraceSource("Action",
                            "An action the port carries out: its step, peer port, text.",
                            MakeTraceSourceAccessor(&VrPort::m_actionTrace),
                            "ns3::vr::VrPort::ActionTracedCallback");
    return tid;
}

VrPort::VrPort()
    : m_vrfId(0),
      m_collectionTime(Seconds(1)),
      m_mutual(false),
      m_parallel(false),
      m_acceptTimeout(Seconds(60)),
      m_dataPlane(DATA_L2TP),
      m_monitorPeriod(Seconds(DEFAULT_MONITOR_PERIOD_SECONDS)),
      m_silentAfter(DEFAULT_MONITOR_SILENT_AFTER),
      m_holdTime(Hours(DEFAULT_MONITOR_HOLD_HOURS)),
      m_sequence(0),
      m_started(false)
{
    m_ospfFactory.SetTypeId(ospf::Protocol::GetTypeId());
    m_l2tpFactory.SetTypeId(l2tp::ControlConnection::GetTypeId());
}

VrPort::~VrPort() = default;

void
VrPort::DoDispose()
{
    m_collectionEvent.Cancel();
    m_monitorEvent.Cancel();
    m_peers.clear();
    m_ospf = nullptr;
    m_radiusServer = nullptr;
    m_authorizer = nullptr;
    m_vrfRouting = nullptr;
    m_node = nullptr;
    m_routerList = RouterList();
    Object::DoDispose();
}

void
VrPort::SetNode(Ptr<Node> node)
{
    m_node = node;
}

void
VrPort::SetVrf(Ptr<VrfRoutingProtocol> routing, uint32_t vrfId)
{
    m_vrfRouting = routing;
    m_vrfId = vrfId;
}

void
VrPort::AddUserInterface(uint32_t interface)
{
    m_userInterfaces.push_back(interface);
}

void
VrPort::AddCredential(const std::string& name, const std::string& password)
{
    m_credentials[name] = password;
    if (m_radiusServer)
    {
        m_radiusServer->AddUser(name, password);
    }
}

void
VrPort::SetRouterList(RouterList list)
{
    m_routerList = list;
}

void
VrPort::SetOspfAttribute(const std::string& name, const AttributeValue& value)
{
    m_ospfFactory.Set(name, value);
}

void
VrPort::SetL2tpAttribute(const std::string& name, const AttributeValue& value)
{
    m_l2tpFactory.Set(name, value);
}

void
VrPort::SetPassword(std::string password)
{
    // A change of credentials takes effect with the next request.
    m_password = password;
    if (m_authorizer)
    {
        m_authorizer->SetPassword(password);
    }
}

std::string
VrPort::GetPassword() const
{
    return m_password;
}

VpnId
VrPort::GetVpnId() const
{
    return m_vpnId;
}

Ipv4Address
VrPort::GetAddress() const
{
    return m_address;
}

Ipv4Address
VrPort::GetRouterId() const
{
    return m_routerId;
}

std::string
VrPort::GetName() const
{
    return m_name;
}

const ConfigurationMap&
VrPort::GetMap() const
{
    return m_engine->GetMap();
}

Ptr<IpvpnRoutingProtocol>
VrPort::GetRouting() const
{
    return m_vrfRouting ? m_vrfRouting->GetVrf(m_vrfId) : nullptr;
}

Ptr<ospf::Protocol>
VrPort::GetOspf() const
{
    return m_ospf;
}

int32_t
VrPort::GetTunnelInterface(Ipv4Address peerPort) const
{
    auto it = m_peers.find(peerPort);
    return it == m_peers.end() ? -1 : it->second.interface;
}

uint16_t
VrPort::GetTunnelId(Ipv4Address peerPort) const
{
    auto it = m_peers.find(peerPort);
    return it == m_peers.end() ? 0 : it->second.tunnelId;
}

void
VrPort::Start()
{
    NS_ABORT_MSG_IF(!m_node || !m_vrfRouting, "vr::VrPort: SetNode() and SetVrf() before Start()");
    NS_ABORT_MSG_IF(m_started, "vr::VrPort: started twice");
    const std::optional<VpnId> vpnId = VpnId::Parse(m_vpnIdText);
    NS_ABORT_MSG_IF(!vpnId, "vr::VrPort: bad VpnId '" << m_vpnIdText << "'");
    m_vpnId = *vpnId;
    m_started = true;
    MembershipEngine::Options options;
    options.parallelSetup = m_parallel;
    m_engine = std::make_unique<MembershipEngine>(
        MembershipEngine::Identity{m_vpnId, m_routerId, m_address},
        options);
    m_engine->SetStepObserver([this](Step step, Ipv4Address peer) { m_stepTrace(step, peer); });
    MonitorConfig monitoring;
    monitoring.period = m_monitorPeriod;
    monitoring.silentAfter = m_silentAfter;
    monitoring.holdTime = m_holdTime;
    NS_ABORT_MSG_UNLESS(monitoring.Validate().empty(), "vr::VrPort: " << monitoring.Validate());
    m_monitor = std::make_unique<MonitorEngine>(MonitorIdentity{m_vpnId, m_routerId, m_address},
                                                monitoring);

    // The port's RADIUS server (unit 34), on its own address.
    m_radiusServer = CreateObject<radius::Server>();
    m_radiusServer->SetAttribute("LocalAddress", Ipv4AddressValue(m_address));
    for (const auto& [name, password] : m_credentials)
    {
        m_radiusServer->AddUser(name, password);
    }
    m_radiusServer->SetStartTime(Seconds(0));
    m_node->AddApplication(m_radiusServer);
    m_authorizer = CreateObject<TunnelAuthorizer>();
    m_authorizer->SetAttribute("MutualAuthentication", BooleanValue(m_mutual));
    m_authorizer->Configure(m_node, m_name, m_password, m_radiusSecret, m_address);
    m_authorizer->SetServer(m_radiusServer);

    // The port's OSPF instance, in its VRF: user lines now, tunnels later.
    m_ospf = m_ospfFactory.Create<ospf::Protocol>();
    m_ospf->SetAttribute("RouterId", Ipv4AddressValue(m_address));
    m_ospf->SetNode(m_node);
    m_ospf->SetRouting(GetRouting());
    for (uint32_t interface : m_userInterfaces)
    {
        m_ospf->AddInterface(interface);
    }
    NS_ABORT_MSG_UNLESS(
        m_ospf->TraceConnectWithoutContext("NeighborStateChange",
                                           MakeCallback(&VrPort::OnNeighborState, this)),
        "vr::VrPort: OSPF trace not found");
    m_ospf->Start();

    DiscoveryPort::Get(m_node)->Register(m_address, MakeCallback(&VrPort::OnMessage, this));

    if (m_dataPlane == DATA_MPLS)
    {
        Ptr<mpls::Protocol> mpls = m_node->GetObject<mpls::Protocol>();
        Ptr<ldp::Protocol> ldp = m_node->GetObject<ldp::Protocol>();
        NS_ABORT_MSG_UNLESS(mpls && ldp, "vr::VrPort: DataPlane Mpls needs MPLS and LDP on the node");
        NS_ABORT_MSG_UNLESS(!m_userInterfaces.empty(), "vr::VrPort: no user line to deliver to");
        // The port's address is a FEC of the core's LDP; its label is ours.
        ldp->AddFec(mpls::PrefixFec(m_address, 32));
        NS_ABORT_MSG_UNLESS(
            mpls->TraceConnectWithoutContext("TableChanged",
                                             MakeCallback(&VrPort::OnLfibChange, this)),
            "vr::VrPort: MPLS trace not found");
        BindLabel();
    }
}

void
VrPort::OnLfibChange(mpls::Protocol::Table table, bool added, uint32_t key)
{
    if (table == mpls::Protocol::TABLE_ILM && added && (!m_label || *m_label != key))
    {
        // Not from inside the LFIB's own change: a zero-delay event.
        Simulator::ScheduleNow(&VrPort::BindLabel, this);
    }
}

void
VrPort::BindLabel()
{
    Ptr<mpls::Protocol> mpls = m_node->GetObject<mpls::Protocol>();
    Ptr<ldp::Protocol> ldp = m_node->GetObject<ldp::Protocol>();
    const std::optional<uint32_t> label = ldp->GetLocalLabel(mpls::PrefixFec(m_address, 32));
    if (!label || *label < 16)
    {
        return; // not bound yet, or a reserved label (the router's LDP is not NonNull)
    }
    // The label matrix (unit 37): label F leads into this port's VRF, as if
    // the packet had come in on the port's user line.
    const mpls::Nhlfe entry = mpls::Nhlfe::PopAndDeliver(static_cast<int32_t>(m_userInterfaces.front()),
                                                         m_vrfId);
    const mpls::Nhlfe* current = mpls->GetIlm().Find(*label);
    if (m_label == label && current && current->deliverInterface == entry.deliverInterface)
    {
        return;
    }
    m_label = label;
    mpls->AddIlm(*label, entry);
    NS_LOG_INFO(m_name << ": label " << *label << " leads into VRF " << m_vrfId);
}

std::optional<uint32_t>
VrPort::GetLabel() const
{
    return m_label;
}

uint64_t
VrPort::GetLabelledCount() const
{
    return m_labelled;
}

uint64_t
VrPort::GetUnlabelledCount() const
{
    return m_unlabelled;
}

bool
VrPort::DivertToMpls(Ipv4Address peerPort, Ptr<Packet> datagram)
{
    Ipv4Header header;
    datagram->PeekHeader(header);
    if (header.GetProtocol() == 89)
    {
        return false; // OSPF: the routing exchange stays in the session
    }
    Ptr<mpls::Protocol> mpls = m_node->GetObject<mpls::Protocol>();
    const mpls::Nhlfe* push = mpls->GetFtn().Find(mpls::PrefixFec(peerPort, 32));
    if (!push)
    {
        ++m_unlabelled; // no LSP to the peer port yet: the session carries it
        return false;
    }
    Ptr<Packet> payload = datagram->Copy();
    payload->RemoveHeader(header);
    ++m_labelled;
    // IP forwarding has already decremented the TTL.
    mpls->SendIpv4(payload, header, *push, false);
    return true;
}

void
VrPort::Announce()
{
    NS_ABORT_MSG_IF(!m_started, "vr::VrPort: Start() before Announce()");
    Apply(m_engine->Start(++m_sequence, Simulator::Now()));
    if (m_engine->GetPhase() == MembershipEngine::Phase::COLLECTING)
    {
        // The first addition; replies to a later one join as late replies.
        m_collectionEvent.Cancel();
        m_collectionEvent = Simulator::Schedule(m_collectionTime, &VrPort::CollectionEnd, this);
    }
}

void
VrPort::Stop()
{
    if (!m_started)
    {
        return;
    }
    m_collectionEvent.Cancel();
    m_monitorEvent.Cancel();
    DiscoveryPort::Get(m_node)->Unregister(m_address);
    std::vector<Ipv4Address> peers;
    for (const auto& [peer, state] : m_peers)
    {
        peers.push_back(peer);
    }
    for (const Ipv4Address& peer : peers)
    {
        ReleaseTunnel(peer, true);
    }
    m_started = false;
}

void
VrPort::CollectionEnd()
{
    Apply(m_engine->OnCollectionEnd(Simulator::Now()));
}

void
VrPort::OnMessage(const DiscoveryHeader& message, Ipv4Address from)
{
    if (message.GetVpnId() == m_vpnId && message.HasPortAddress() &&
        message.GetPortAddress() != m_address)
    {
        // A port of our VPN: its RADIUS client may ask our server from now
        // on (with mutual authentication an existing port asks at S15,
        // before our tunnel end exists).
        m_radiusServer->AddClient(message.GetPortAddress(), m_radiusSecret);
    }
    switch (message.GetType())
    {
    case ADDITION:
        if (message.GetPortAddress() != m_address)
        {
            Apply(m_engine->OnAddition(message, Simulator::Now()));
        }
        break;
    case ADDITION_ACK:
        Apply(m_engine->OnAck(message, Simulator::Now()));
        break;
    case MONITOR:
        Apply(m_monitor->OnMonitor(message, from));
        break;
    case MONITOR_REPLY:
        Apply(m_monitor->OnReply(message, from, Simulator::Now()));
        ScheduleMonitor();
        break;
    default:
        break;
    }
}

void
VrPort::Apply(const MembershipActions& actions)
{
    for (const MembershipAction& action : actions)
    {
        Apply(action);
    }
}

void
VrPort::Apply(const MembershipAction& action)
{
    std::ostringstream text;
    text << action;
    NS_LOG_INFO(m_name << " " << text.str());
    m_actionTrace(GetStep(action), GetPeer(action), text.str());

    Ptr<DiscoveryPort> discovery = DiscoveryPort::Get(m_node);
    if (const auto* send = std::get_if<SendAddition>(&action))
    {
        DiscoveryHeader addition;
        addition.SetType(ADDITION);
        addition.SetSequence(send->sequence);
        addition.SetVpnId(m_vpnId);
        addition.SetRouterId(m_routerId);
        addition.SetPortAddress(m_address);
        // "Broadcast to all of the routers": one datagram to each router
        // ID the core knows, our own router included ("received by each of
        // the VR ports of each of the routers"; we ignore our own).
        const std::vector<Ipv4Address> routers =
            m_routerList.IsNull() ? std::vector<Ipv4Address>() : m_routerList();
        for (const Ipv4Address& router : routers)
        {
            discovery->Send(addition, m_address, router);
        }
    }
    else if (const auto* ack = std::get_if<SendAck>(&action))
    {
        DiscoveryHeader reply;
        reply.SetType(ADDITION_ACK);
        reply.SetSequence(ack->sequence);
        reply.SetVpnId(m_vpnId);
        reply.SetRouterId(m_routerId);
        reply.SetPortAddress(m_address);
        discovery->Send(reply, m_address, ack->toPort);
    }
    else if (const auto* open = std::get_if<OpenTunnel>(&action))
    {
        // Devices are not added from inside a receive path (the traffic
        // control layer walks its handler list there): a zero-delay event.
        Simulator::ScheduleNow(&VrPort::CreateTunnel, this, open->peerPort, true);
    }
    else if (const auto* accept = std::get_if<AcceptTunnel>(&action))
    {
        Simulator::ScheduleNow(&VrPort::CreateTunnel, this, accept->peerPort, false);
        if (m_mutual)
        {
            m_authorizer->AuthenticateTo(accept->peerPort, MakeNullCallback<void, bool>());
        }
    }
    else if (const auto* exchange = std::get_if<ExchangeRoutes>(&action))
    {
        StartExchange(exchange->peerPort);
    }
    else if (const auto* release = std::get_if<vr::ReleaseTunnel>(&action))
    {
        ReleaseTunnel(release->peerPort, true);
    }
    // MapUpdated, UpdateTable and ReportError only report: the map is the
    // engine's, the table is written by OSPF, and a failed tunnel has
    // already sent its StopCCN.
}

void
VrPort::ScheduleMonitor()
{
    m_monitorEvent.Cancel();
    const Time deadline = m_monitor->NextDeadline();
    if (deadline != Time::Max())
    {
        m_monitorEvent =
            Simulator::Schedule(std::max(deadline - Simulator::Now(), Time(0)),
                                &VrPort::OnMonitorTimer,
                                this);
    }
}

void
VrPort::OnMonitorTimer()
{
    Apply(m_monitor->OnTimer(Simulator::Now()));
    ScheduleMonitor();
}

void
VrPort::Apply(const MonitorActions& actions)
{
    Ptr<DiscoveryPort> discovery = DiscoveryPort::Get(m_node);
    const Time now = Simulator::Now();
    for (const MonitorAction& action : actions)
    {
        std::ostringstream text;
        text << action;
        if (const auto* send = std::get_if<SendMonitor>(&action))
        {
            // Not reported as a step: one per period and peer.
            discovery->Send(m_monitor->MakeMessage(*send), m_address, send->peerPort);
            continue;
        }
        if (const auto* reply = std::get_if<SendMonitorReply>(&action))
        {
            discovery->Send(m_monitor->MakeMessage(*reply), m_address, reply->toPort);
            continue;
        }
        NS_LOG_INFO(m_name << " " << text.str());
        if (const auto* silent = std::get_if<PeerSilent>(&action))
        {
            // The membership engine reports S32 and S33 as steps.
            m_actionTrace(Step::S32, silent->peerPort, text.str());
            m_engine->OnPeerSilent(silent->peerPort, now);
        }
        else if (const auto* hold = std::get_if<StartHold>(&action))
        {
            m_actionTrace(Step::S33, hold->peerPort, text.str());
        }
        else if (const auto* cleared = std::get_if<HoldCleared>(&action))
        {
            // S34: the port answers again; S35: in time, the timer stops
            // (the membership engine reports both steps).
            m_actionTrace(Step::S35, cleared->peerPort, text.str());
            m_engine->OnPeerRestored(cleared->peerPort, now);
        }
        else if (const auto* reopen = std::get_if<vr::ReopenTunnel>(&action))
        {
            m_actionTrace(GetStep(action), reopen->peerPort, text.str());
            auto it = m_peers.find(reopen->peerPort);
            // The port that opened the tunnel opens it again; the other
            // waits for it with a new server end.
            const bool client = it == m_peers.end() || it->second.client;
            if (it != m_peers.end())
            {
                m_peers.erase(it);
            }
            m_peers[reopen->peerPort].reopening = true;
            m_peers[reopen->peerPort].client = client;
            Simulator::ScheduleNow(&VrPort::CreateTunnel, this, reopen->peerPort, client);
        }
        else if (const auto* remove = std::get_if<RemoveTunnel>(&action))
        {
            // S36-S39 as the membership engine orders them: it releases
            // the tunnel, deletes the peer and re-exchanges routes.
            Apply(m_engine->OnPeerRemoved(remove->peerPort, now));
        }
        // DeletePeer, ReexchangeRoutes, UpdateTables: done by the line above.
    }
}

void
VrPort::StartExchange(Ipv4Address peerPort)
{
    auto it = m_peers.find(peerPort);
    if (it != m_peers.end() && it->second.interface >= 0 && !it->second.exchanging)
    {
        it->second.exchanging = true;
        // Every tunnel of the port carries the port's address: unnumbered
        // links for OSPF.
        m_ospf->SetInterfaceUnnumbered(static_cast<uint32_t>(it->second.interface));
        m_ospf->AddInterface(static_cast<uint32_t>(it->second.interface));
    }
}

void
VrPort::CreateTunnel(Ipv4Address peerPort, bool client)
{
    Peer& peer = m_peers[peerPort];
    if (peer.end || !m_started)
    {
        return; // already there (a repeated S5 or S15), or stopped meanwhile
    }
    peer.client = client;
    peer.tunnelId = DiscoveryPort::Get(m_node)->AllocateTunnelId();
    peer.end = m_l2tpFactory.Create<l2tp::ControlConnection>();
    peer.end->SetAttribute("Initiator", BooleanValue(client));
    peer.end->SetAttribute("PeerAddress", Ipv4AddressValue(peerPort));
    peer.end->SetAttribute("LocalAddress", Ipv4AddressValue(m_address));
    peer.end->SetAttribute("LocalTunnelId", UintegerValue(peer.tunnelId));
    peer.end->SetAttribute("HostName", StringValue(m_name));
    peer.end->SetAttribute("Secret", StringValue(m_tunnelSecret));
    peer.end->SetAttribute("OpenSessionOnUp", BooleanValue(client));
    const bool connected =
        peer.end->TraceConnectWithoutContext(
            "TunnelUp",
            MakeCallback(&VrPort::OnTunnelUp, this)
                .Bind(peerPort, static_cast<const l2tp::ControlConnection*>(PeekPointer(peer.end)))) &&
        peer.end->TraceConnectWithoutContext(
            "TunnelDown",
            MakeCallback(&VrPort::OnTunnelDownTrace, this)
                .Bind(peerPort, static_cast<const l2tp::ControlConnection*>(PeekPointer(peer.end))));
    NS_ABORT_MSG_UNLESS(connected, "vr::VrPort: tunnel traces not found");
    m_authorizer->Install(peer.end, peerPort);
    // The peer's RADIUS client asks our server (the existing port's, and
    // with mutual authentication the new port's too).
    m_radiusServer->AddClient(peerPort, m_radiusSecret);

    // The session's interface, in the port's VRF: the port's address as a
    // /32 on every tunnel (see the header), IPCP asking for it.
    Ptr<Ipv4> ipv4 = m_node->GetObject<Ipv4>();
    Ptr<ppp::Endpoint> ppp = CreateObject<ppp::Endpoint>();
    ppp->SetAttribute("LocalAddress", Ipv4AddressValue(m_address));
    ppp->SetAttribute("PeerAddress", Ipv4AddressValue(peerPort));
    peer.device = CreateObject<l2tp::SessionNetDevice>();
    peer.device->SetPppEndpoint(ppp);
    m_node->AddDevice(peer.device);
    peer.device->Attach(peer.end);
    m_vrfRouting->AssignDevice(peer.device, m_vrfId);
    if (m_dataPlane == DATA_MPLS)
    {
        peer.device->SetIpv4Diversion(
            MakeCallback(&VrPort::DivertToMpls, this).Bind(peerPort));
    }
    peer.interface = static_cast<int32_t>(ipv4->AddInterface(peer.device));
    ipv4->AddAddress(peer.interface, Ipv4InterfaceAddress(m_address, Ipv4Mask::GetOnes()));
    ipv4->SetUp(peer.interface);
    GetRouting()->AddStaticRoute(peerPort,
                                 Ipv4Mask::GetOnes(),
                                 static_cast<uint32_t>(peer.interface));

    peer.end->SetStartTime(Seconds(0));
    m_node->AddApplication(peer.end);
    if (!client && !peer.reopening)
    {
        Simulator::Schedule(m_acceptTimeout, &VrPort::OnAcceptTimeout, this, peerPort, peer.end);
    }
}

void
VrPort::OnAcceptTimeout(Ipv4Address peerPort, Ptr<l2tp::ControlConnection> end)
{
    auto it = m_peers.find(peerPort);
    if (it == m_peers.end() || it->second.end != end || it->second.up)
    {
        return;
    }
    NS_LOG_INFO(m_name << ": no tunnel from " << peerPort << " within " << m_acceptTimeout);
    const uint16_t id = it->second.tunnelId;
    ReleaseTunnel(peerPort, false);
    Apply(m_engine->OnServerResult(peerPort, false, id, Simulator::Now()));
}

void
VrPort::OnTunnelUp(Ipv4Address peerPort,
                   const l2tp::ControlConnection* end,
                   uint16_t /* peerTunnelId */)
{
    auto it = m_peers.find(peerPort);
    if (it == m_peers.end() || PeekPointer(it->second.end) != end || it->second.up)
    {
        return;
    }
    it->second.up = true;
    if (it->second.reopening)
    {
        // A tunnel to a known peer, opened again (Fig. 10, S35): the map
        // and the engine's state stand; only the route exchange restarts.
        it->second.reopening = false;
        Apply(m_monitor->OnTunnelUp(peerPort));
        StartExchange(peerPort);
        return;
    }
    Apply(m_monitor->AddPeer(peerPort, Simulator::Now()));
    ScheduleMonitor();
    if (it->second.client)
    {
        Apply(m_engine->OnClientResult(peerPort, true, it->second.tunnelId, Simulator::Now()));
    }
    else
    {
        Apply(m_engine->OnServerResult(peerPort, true, it->second.tunnelId, Simulator::Now()));
    }
}

void
VrPort::OnTunnelDownTrace(Ipv4Address peerPort,
                          const l2tp::ControlConnection* end,
                          l2tp::ControlFsm::DownReason /* reason */,
                          uint16_t /* resultCode */)
{
    auto it = m_peers.find(peerPort);
    if (it != m_peers.end() && PeekPointer(it->second.end) == end)
    {
        OnTunnelDown(peerPort);
    }
}

void
VrPort::OnTunnelDown(Ipv4Address peerPort)
{
    auto it = m_peers.find(peerPort);
    if (it == m_peers.end())
    {
        return;
    }
    if (!it->second.up && !it->second.reopening)
    {
        // Refused or lost before it came up: S6 at the new port, S21 at
        // the existing one.
        const bool client = it->second.client;
        const uint16_t id = it->second.tunnelId;
        ReleaseTunnel(peerPort, false);
        Apply(client ? m_engine->OnClientResult(peerPort, false, id, Simulator::Now())
                     : m_engine->OnServerResult(peerPort, false, id, Simulator::Now()));
        return;
    }
    // Monitoring decides what happens next (Fig. 10): the keepalive
    // dropping a tunnel (or a reopened one failing again) deletes nothing
    // before the hold time runs out; the next reply reopens it.
    const bool client = it->second.client;
    ReleaseTunnel(peerPort, false);
    Peer& peer = m_peers[peerPort];
    peer.client = client;
    peer.reopening = true;
    Apply(m_monitor->OnTunnelDown(peerPort));
}

void
VrPort::OnNeighborState(Ipv4Address /* routerId */,
                        uint32_t interface,
                        Ipv4Address neighborId,
                        ospf::NeighborState /* from */,
                        ospf::NeighborState to)
{
    if (to != ospf::NeighborState::FULL)
    {
        return;
    }
    // The per-VPN router ID of a peer is its port address.
    auto it = m_peers.find(neighborId);
    if (it == m_peers.end() || it->second.interface != static_cast<int32_t>(interface) ||
        it->second.exchanged)
    {
        return;
    }
    it->second.exchanged = true;
    Apply(m_engine->OnRoutesExchanged(neighborId, Simulator::Now()));
}

void
VrPort::ReleaseTunnel(Ipv4Address peerPort, bool close)
{
    auto it = m_peers.find(peerPort);
    if (it == m_peers.end())
    {
        return;
    }
    Peer& peer = it->second;
    Ptr<Ipv4> ipv4 = m_node->GetObject<Ipv4>();
    if (peer.interface >= 0)
    {
        GetRouting()->RemoveStaticRoute(peerPort, Ipv4Mask::GetOnes());
        ipv4->SetDown(static_cast<uint32_t>(peer.interface));
    }
    Ptr<l2tp::ControlConnection> end = peer.end;
    m_peers.erase(it);
    if (!end)
    {
        return;
    }
    // The end leaves the node's L2TP port (disposed: it takes no SCCRQ of
    // a later tunnel), after its StopCCN has had its hold time when we
    // close it (RFC 2661 5.7; releases the L2TP parameters: S36).
    Time linger = Seconds(0);
    if (close)
    {
        end->Close();
        TimeValue hold;
        end->GetAttribute("StopCcnHoldTime", hold);
        linger = hold.Get();
    }
    Simulator::Schedule(linger, &l2tp::ControlConnection::Dispose, end);
}

} // namespace vr
} // namespace ns3
