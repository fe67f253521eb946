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

#include <algorithm>
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
            .AddAttribute("AnnounceSpacing",
                          "Time between two datagrams of one addition message (S1 goes to "
                          "every router, one datagram each); 0: all at once.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&VrPort::m_announceSpacing),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("AdditionDelivery",
                          "How an addition message reaches all routers (S1): Unicast, one "
                          "datagram to each router ID of the RouterList; Flood, from router to "
                          "adjacent router over the core (every core router a "
                          "vr::DiscoveryPort relay).",
                          EnumValue(ADDITION_UNICAST),
                          MakeEnumAccessor(&VrPort::m_delivery),
                          MakeEnumChecker(ADDITION_UNICAST, "Unicast", ADDITION_FLOOD, "Flood"))
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
    : m_vrfId(0)
    , m_collectionTime(Seconds(1))
    , m_mutual(false)
    , m_parallel(false)
    , m_acceptTimeout(Seconds(60))
    , m_delivery(ADDITION_UNICAST)
    , m_dataPlane(DATA_L2TP)
    , m_monitorPeriod(Seconds(DEFAULT_MONITOR_PERIOD_SECONDS))
    , m_silentAfter(DEFAULT_MONITOR_SILENT_AFTER)
    , m_holdTime(Hours(DEFAULT_MONITOR_HOLD_HOURS))
    , m_sequence(0)
    , m_started(false)
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
    CancelAnnouncements();
    if (Ptr<mpls::Protocol> mpls =
            m_node && m_dataPlane == DATA_MPLS ? m_node->GetObject<mpls::Protocol>() : nullptr)
    {
        mpls->SetDeliveryChooser(m_vrfId, mpls::Protocol::DeliveryChooser());
    }
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
    static const ConfigurationMap empty; // a port never started knows nobody
    return m_engine ? m_engine->GetMap() : empty;
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

bool
VrPort::IsTunnelUp(Ipv4Address peerPort) const
{
    auto it = m_peers.find(peerPort);
    return it != m_peers.end() && it->second.up && it->second.interface >= 0;
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
        mpls->SetDeliveryChooser(m_vrfId, MakeCallback(&VrPort::ChooseLabelledDelivery, this));
        BindLabel();
    }
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
VrPort::CancelAnnouncements()
{
    for (EventId& e : m_announceEvents)
    {
        e.Cancel();
    }
    m_announceEvents.clear();
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
    CancelAnnouncements();
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
        if (m_delivery == ADDITION_FLOOD)
        {
            discovery->Flood(addition, m_address);
            return;
        }
        // "Broadcast to all of the routers": one datagram to each router
        // ID the core knows, our own router included ("received by each of
        // the VR ports of each of the routers"; we ignore our own).
        // AnnounceSpacing paces them: all at once, hundreds of datagrams
        // overflow a router's device queues.
        const std::vector<Ipv4Address> routers =
            m_routerList.IsNull() ? std::vector<Ipv4Address>() : m_routerList();
        m_announceEvents.erase(
            std::remove_if(m_announceEvents.begin(),
                           m_announceEvents.end(),
                           [](const EventId& e) { return !e.IsRunning(); }),
            m_announceEvents.end());
        for (size_t k = 0; k < routers.size(); ++k)
        {
            if (m_announceSpacing.IsZero() || k == 0)
            {
                discovery->Send(addition, m_address, routers[k]);
                continue;
            }
            const Ipv4Address router = routers[k];
            m_announceEvents.push_back(
                Simulator::Schedule(m_announceSpacing * static_cast<int64_t>(k),
                                    [this, discovery, addition, router]() {
                                        discovery->Send(addition, m_address, router);
                                    }));
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

} // namespace vr
} // namespace ns3
