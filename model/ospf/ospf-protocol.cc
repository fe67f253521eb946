/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ospf-protocol.h"

#include "ospf-packet-header.h"

#include "ns3/ipv4.h"
#include "ns3/ipvpn-routing-protocol.h"
#include "ns3/log.h"
#include "ns3/loopback-net-device.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/random-variable-stream.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("OspfProtocol");

namespace ospf
{

NS_OBJECT_ENSURE_REGISTERED(Protocol);

namespace
{

/// The default route sink: the node's table, as OSPF's routes.
void
GiveRoutesToRouting(Ptr<IpvpnRoutingProtocol> routing, const std::vector<IpvpnRoute>& routes)
{
    routing->SetProtocolRoutes(IpvpnRouteSource::OSPF, routes);
}

} // namespace

const char*
DropReasonName(DropReason reason)
{
    switch (reason)
    {
    case DropReason::MALFORMED:
        return "malformed";
    case DropReason::BAD_VERSION:
        return "bad-version";
    case DropReason::BAD_AREA:
        return "bad-area";
    case DropReason::BAD_DESTINATION:
        return "bad-destination";
    case DropReason::OWN_PACKET:
        return "own-packet";
    case DropReason::WRONG_SUBNET:
        return "wrong-subnet";
    case DropReason::AUTHENTICATION:
        return "authentication";
    case DropReason::HELLO_MISMATCH:
        return "hello-mismatch";
    case DropReason::UNKNOWN_NEIGHBOR:
        return "unknown-neighbor";
    case DropReason::NEIGHBOR_STATE:
        return "neighbor-state";
    case DropReason::DD_REJECTED:
        return "dd-rejected";
    case DropReason::INTERFACE_DOWN:
        return "interface-down";
    }
    return "?";
}

std::ostream&
operator<<(std::ostream& os, DropReason reason)
{
    return os << DropReasonName(reason);
}

uint64_t
ProtocolCounters::TotalDrops() const
{
    uint64_t total = 0;
    for (uint64_t n : drops)
    {
        total += n;
    }
    return total;
}

TypeId
Protocol::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ospf::Protocol")
            .SetParent<Object>()
            .SetGroupName("Ospf")
            .AddConstructor<Protocol>()
            .AddAttribute("RouterId",
                          "Router ID; 0.0.0.0: the highest address of the bound interfaces.",
                          Ipv4AddressValue(Ipv4Address::GetAny()),
                          MakeIpv4AddressAccessor(&Protocol::m_routerIdAttribute),
                          MakeIpv4AddressChecker())
            .AddAttribute("HelloInterval",
                          "Seconds between Hellos (RFC 2328 C.3).",
                          TimeValue(Seconds(10)),
                          MakeTimeAccessor(&Protocol::m_helloInterval),
                          MakeTimeChecker(Seconds(1), Seconds(65535)))
            .AddAttribute("RouterDeadInterval",
                          "Silence after which a neighbor is down (C.3).",
                          TimeValue(Seconds(40)),
                          MakeTimeAccessor(&Protocol::m_routerDeadInterval),
                          MakeTimeChecker(Seconds(1)))
            .AddAttribute("RxmtInterval",
                          "Retransmission interval of DD, LSR and LSU (C.3).",
                          TimeValue(Seconds(5)),
                          MakeTimeAccessor(&Protocol::m_rxmtInterval),
                          MakeTimeChecker(Seconds(1)))
            .AddAttribute("InfTransDelay",
                          "Added to the LS age of LSAs sent (C.3).",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&Protocol::m_infTransDelay),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("RouterPriority",
                          "Router Priority of the interfaces (C.3); 0: never DR.",
                          UintegerValue(1),
                          MakeUintegerAccessor(&Protocol::m_priority),
                          MakeUintegerChecker<uint8_t>())
            .AddAttribute("MinLSInterval",
                          "Least time between two originations of one LSA (B).",
                          TimeValue(Seconds(MIN_LS_INTERVAL)),
                          MakeTimeAccessor(&Protocol::m_minLsInterval),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("MinLSArrival",
                          "Least time between two accepted instances of one LSA (B).",
                          TimeValue(Seconds(MIN_LS_ARRIVAL)),
                          MakeTimeAccessor(&Protocol::m_minLsArrival),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("LSRefreshTime",
                          "Age at which own LSAs are originated again (B). The "
                          "database reports refreshes at RFC 2328's 1800 s.",
                          TimeValue(Seconds(LS_REFRESH_TIME)),
                          MakeTimeAccessor(&Protocol::m_lsRefreshTime),
                          MakeTimeChecker(Seconds(1)))
            .AddAttribute("SpfInitialDelay",
                          "Delay of the first SPF run after a quiet period.",
                          TimeValue(MilliSeconds(200)),
                          MakeTimeAccessor(&Protocol::m_spfInitialDelay),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("SpfHoldTime",
                          "Initial least time between two SPF runs; doubles while "
                          "changes keep coming.",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&Protocol::m_spfHoldTime),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("SpfMaxWait",
                          "Largest hold time between two SPF runs.",
                          TimeValue(Seconds(10)),
                          MakeTimeAccessor(&Protocol::m_spfMaxWait),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("HelloJitter",
                          "The first Hello of an interface leaves up to this long "
                          "after InterfaceUp (uniform).",
                          TimeValue(MilliSeconds(100)),
                          MakeTimeAccessor(&Protocol::m_helloJitter),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("AckDelay",
                          "Delay of bundled delayed acknowledgments (13.5).",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&Protocol::m_ackDelay),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("FloodPacing",
                          "Least time between two sendings of the Link State Updates and "
                          "direct acknowledgments this router has queued; what comes "
                          "meanwhile goes in the next ones. 0: at the end of the event that "
                          "queued them (RFC 2328 13.3 sends at once).",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&Protocol::m_floodPacing),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("AuType",
                          "Authentication of every interface not set otherwise: 0 none, "
                          "1 simple password, 2 keyed MD5 (D.3).",
                          UintegerValue(AUTYPE_NULL),
                          MakeUintegerAccessor(&Protocol::m_auType),
                          MakeUintegerChecker<uint16_t>(0, 2))
            .AddAttribute("AuthKeyId",
                          "Key ID of keyed MD5 (D.4.3).",
                          UintegerValue(1),
                          MakeUintegerAccessor(&Protocol::m_keyId),
                          MakeUintegerChecker<uint8_t>())
            .AddAttribute("AuthKey",
                          "Simple password (up to 8 octets) or MD5 key (up to 16).",
                          StringValue(""),
                          MakeStringAccessor(&Protocol::m_key),
                          MakeStringChecker())
            .AddTraceSource("NeighborStateChange",
                            "A neighbor changed state (10.3).",
                            MakeTraceSourceAccessor(&Protocol::m_neighborStateTrace),
                            "ns3::ospf::Protocol::NeighborStateTracedCallback")
            .AddTraceSource("InterfaceStateChange",
                            "An interface changed state (9.3).",
                            MakeTraceSourceAccessor(&Protocol::m_interfaceStateTrace),
                            "ns3::ospf::Protocol::InterfaceStateTracedCallback")
            .AddTraceSource("LsaInstalled",
                            "An LSA instance was installed in the database (13.2).",
                            MakeTraceSourceAccessor(&Protocol::m_lsaInstalledTrace),
                            "ns3::ospf::Protocol::LsaInstalledTracedCallback")
            .AddTraceSource("SpfRun",
                            "The routing table was calculated (16.1).",
                            MakeTraceSourceAccessor(&Protocol::m_spfRunTrace),
                            "ns3::ospf::Protocol::SpfRunTracedCallback")
            .AddTraceSource("Tx",
                            "An OSPF packet was sent.",
                            MakeTraceSourceAccessor(&Protocol::m_txTrace),
                            "ns3::ospf::Protocol::PacketTracedCallback")
            .AddTraceSource("Rx",
                            "An OSPF packet was received and passed the 8.2 checks.",
                            MakeTraceSourceAccessor(&Protocol::m_rxTrace),
                            "ns3::ospf::Protocol::PacketTracedCallback")
            .AddTraceSource("Drop",
                            "A received packet was dropped.",
                            MakeTraceSourceAccessor(&Protocol::m_dropTrace),
                            "ns3::ospf::Protocol::DropTracedCallback");
    return tid;
}

Protocol::Protocol()
    : m_priority(1)
    , m_auType(AUTYPE_NULL)
    , m_keyId(1)
    , m_jitter(CreateObject<UniformRandomVariable>())
    , m_started(false)
    , m_spfEverRun(false)
{
    NS_LOG_FUNCTION(this);
}

Protocol::~Protocol() = default;

void
Protocol::DoDispose()
{
    NS_LOG_FUNCTION(this);
    for (auto& [index, iface] : m_ifaces)
    {
        iface->helloEvent.Cancel();
        iface->waitEvent.Cancel();
        iface->ackEvent.Cancel();
        for (auto& [id, nbr] : iface->neighbors)
        {
            nbr->inactivity.Cancel();
            nbr->ddRxmt.Cancel();
            nbr->lsrRxmt.Cancel();
        }
    }
    for (auto& [key, event] : m_originationEvents)
    {
        event.Cancel();
    }
    m_originateEvent.Cancel();
    m_tickEvent.Cancel();
    m_rxmtEvent.Cancel();
    m_spfEvent.Cancel();
    m_flushEvent.Cancel();
    m_ifaces.clear();
    if (m_endpoint)
    {
        m_endpoint->Dispose();
        m_endpoint = nullptr;
    }
    if (m_routing)
    {
        m_routing->TraceDisconnectWithoutContext("InterfaceChange",
                                                 MakeCallback(&Protocol::OnInterfaceChange, this));
        m_routing = nullptr;
    }
    m_node = nullptr;
    m_ipv4 = nullptr;
    m_sink = RouteSink();
    Object::DoDispose();
}

// ------------------------------------------------------------ configuration

void
Protocol::SetNode(Ptr<Node> node)
{
    m_node = node;
}

Ptr<Node>
Protocol::GetNode() const
{
    return m_node;
}

void
Protocol::AddInterface(uint32_t interface)
{
    if (m_ifaces.count(interface) != 0)
    {
        return;
    }
    auto iface = std::make_unique<Iface>();
    iface->index = interface;
    Iface& added = *iface;
    m_ifaces[interface] = std::move(iface);
    if (m_started)
    {
        // A running instance takes the interface at once (a VR port's new
        // tunnel): it is prepared as Start() prepares the others and
        // brought up if Ipv4 has it up.
        ReadInterfaceAddress(added);
        std::set<Ipv4Address> addresses;
        for (const auto& [index, other] : m_ifaces)
        {
            addresses.insert(other->address);
        }
        m_flooding->SetInterfaceAddresses(addresses);
        OpenInterface(added);
        if (m_ipv4->IsUp(interface))
        {
            InterfaceEventRun(added, InterfaceEvent::INTERFACE_UP);
            ScheduleSpf();
        }
    }
}

std::vector<uint32_t>
Protocol::GetInterfaces() const
{
    std::vector<uint32_t> out;
    for (const auto& [index, iface] : m_ifaces)
    {
        out.push_back(index);
    }
    return out;
}

void
Protocol::SetInterfaceCost(uint32_t interface, uint16_t cost)
{
    AddInterfaceIfMissing(interface);
    m_ifaces[interface]->cost = std::max<uint16_t>(cost, 1);
    if (m_started)
    {
        ScheduleOrigination();
    }
}

uint16_t
Protocol::GetInterfaceCost(uint32_t interface) const
{
    auto it = m_ifaces.find(interface);
    if (it == m_ifaces.end())
    {
        return 0;
    }
    if (it->second->cost)
    {
        return *it->second->cost;
    }
    if (m_ipv4)
    {
        return std::max<uint16_t>(m_ipv4->GetMetric(interface), 1);
    }
    if (m_node && m_node->GetObject<Ipv4>())
    {
        return std::max<uint16_t>(m_node->GetObject<Ipv4>()->GetMetric(interface), 1);
    }
    return 1;
}

void
Protocol::SetInterfaceUnnumbered(uint32_t interface)
{
    m_unnumbered.insert(interface);
}

void
Protocol::SetInterfaceType(uint32_t interface, InterfaceType type)
{
    AddInterfaceIfMissing(interface);
    m_ifaces[interface]->type = type;
}

InterfaceType
Protocol::GetInterfaceType(uint32_t interface) const
{
    auto it = m_ifaces.find(interface);
    if (it != m_ifaces.end() && it->second->type)
    {
        return *it->second->type;
    }
    return DetectType(interface);
}

void
Protocol::SetInterfacePriority(uint32_t interface, uint8_t priority)
{
    AddInterfaceIfMissing(interface);
    m_ifaces[interface]->priority = priority;
}

void
Protocol::SetInterfaceAuthentication(uint32_t interface,
                                     uint16_t auType,
                                     uint8_t keyId,
                                     const std::string& key)
{
    AddInterfaceIfMissing(interface);
    Iface& iface = *m_ifaces[interface];
    iface.authSet = true;
    iface.auType = auType;
    iface.keyId = keyId;
    iface.key = key;
    ConfigureAuthenticator(iface);
}

void
Protocol::AddInterfaceIfMissing(uint32_t interface)
{
    if (m_ifaces.count(interface) == 0)
    {
        AddInterface(interface);
    }
}

void
Protocol::ConfigureAuthenticator(Iface& iface) const
{
    const uint16_t auType = iface.authSet ? iface.auType : m_auType;
    const uint8_t keyId = iface.authSet ? iface.keyId : m_keyId;
    const std::string& key = iface.authSet ? iface.key : m_key;
    iface.auth = Authenticator();
    switch (auType)
    {
    case AUTYPE_SIMPLE:
        iface.auth.SetSimplePassword(key);
        break;
    case AUTYPE_CRYPTOGRAPHIC:
        iface.auth.SetCryptographic(keyId);
        iface.auth.AddKey(keyId, key);
        break;
    default:
        iface.auth.SetNull();
        break;
    }
}

InterfaceType
Protocol::DetectType(uint32_t interface) const
{
    Ptr<Ipv4> ipv4 = m_ipv4 ? m_ipv4 : (m_node ? m_node->GetObject<Ipv4>() : nullptr);
    if (ipv4 && interface < ipv4->GetNInterfaces())
    {
        Ptr<NetDevice> device = ipv4->GetNetDevice(interface);
        // PointToPointNetDevice and the module's own point-to-point devices
        // (mpls::P2pNetDevice, l2tp::SessionNetDevice) say so.
        if (device && device->IsPointToPoint())
        {
            return InterfaceType::POINT_TO_POINT;
        }
    }
    return InterfaceType::BROADCAST;
}

void
Protocol::SetRouteSink(RouteSink sink)
{
    m_sink = sink;
}

void
Protocol::SetRouting(Ptr<IpvpnRoutingProtocol> routing)
{
    NS_ABORT_MSG_IF(m_started, "ospf::Protocol: SetRouting() before Start()");
    m_routing = routing;
}

Ipv4Address
Protocol::GetRouterId() const
{
    return m_routerId;
}

const ProtocolCounters&
Protocol::GetCounters() const
{
    return m_counters;
}

int64_t
Protocol::AssignStreams(int64_t stream)
{
    m_jitter->SetStream(stream);
    return 1;
}

const Lsdb&
Protocol::GetLsdb() const
{
    NS_ABORT_MSG_IF(!m_flooding, "ospf::Protocol: not started");
    return m_flooding->GetLsdb();
}

const std::vector<IpvpnRoute>&
Protocol::GetRoutes() const
{
    return m_routes;
}

InterfaceState
Protocol::GetInterfaceState(uint32_t interface) const
{
    auto it = m_ifaces.find(interface);
    if (it == m_ifaces.end() || !it->second->fsm)
    {
        return InterfaceState::DOWN;
    }
    return it->second->fsm->GetState();
}

Ipv4Address
Protocol::GetDr(uint32_t interface) const
{
    auto it = m_ifaces.find(interface);
    return it == m_ifaces.end() || !it->second->fsm ? Ipv4Address::GetAny()
                                                    : it->second->fsm->GetDr();
}

Ipv4Address
Protocol::GetBdr(uint32_t interface) const
{
    auto it = m_ifaces.find(interface);
    return it == m_ifaces.end() || !it->second->fsm ? Ipv4Address::GetAny()
                                                    : it->second->fsm->GetBdr();
}

NeighborState
Protocol::GetNeighborState(uint32_t interface, Ipv4Address neighborId) const
{
    const Nbr* nbr = FindNeighbor(interface, neighborId);
    return nbr == nullptr ? NeighborState::DOWN : nbr->fsm.GetState();
}

std::vector<Ipv4Address>
Protocol::GetNeighbors(uint32_t interface) const
{
    std::vector<Ipv4Address> out;
    auto it = m_ifaces.find(interface);
    if (it != m_ifaces.end())
    {
        for (const auto& [id, nbr] : it->second->neighbors)
        {
            out.push_back(id);
        }
    }
    return out;
}

std::vector<Ipv4Address>
Protocol::GetAdjacentAddresses() const
{
    std::vector<Ipv4Address> out;
    for (const auto& [index, iface] : m_ifaces)
    {
        for (const auto& [id, nbr] : iface->neighbors)
        {
            if (nbr->fsm.GetState() == NeighborState::FULL)
            {
                out.push_back(nbr->address);
            }
        }
    }
    return out;
}

Protocol::Nbr*
Protocol::FindNeighbor(uint32_t interface, Ipv4Address neighborId)
{
    auto it = m_ifaces.find(interface);
    if (it == m_ifaces.end())
    {
        return nullptr;
    }
    auto n = it->second->neighbors.find(neighborId);
    return n == it->second->neighbors.end() ? nullptr : n->second.get();
}

const Protocol::Nbr*
Protocol::FindNeighbor(uint32_t interface, Ipv4Address neighborId) const
{
    auto it = m_ifaces.find(interface);
    if (it == m_ifaces.end())
    {
        return nullptr;
    }
    auto n = it->second->neighbors.find(neighborId);
    return n == it->second->neighbors.end() ? nullptr : n->second.get();
}

// ------------------------------------------------------------ start

void
Protocol::ReadInterfaceAddress(Iface& iface)
{
    const uint32_t index = iface.index;
    NS_ABORT_MSG_IF(index >= m_ipv4->GetNInterfaces(), "ospf::Protocol: no interface " << index);
    iface.loopback = DynamicCast<LoopbackNetDevice>(m_ipv4->GetNetDevice(index)) != nullptr;
    // The first address outside 127/8 (a loopback interface also holds
    // 127.0.0.1).
    std::optional<Ipv4InterfaceAddress> address;
    for (uint32_t i = 0; i < m_ipv4->GetNAddresses(index) && !address; ++i)
    {
        if ((m_ipv4->GetAddress(index, i).GetLocal().Get() >> 24) != 127)
        {
            address = m_ipv4->GetAddress(index, i);
        }
    }
    NS_ABORT_MSG_IF(!address, "ospf::Protocol: interface " << index << " has no address");
    iface.address = address->GetLocal();
    iface.mask = address->GetMask();
    iface.unnumbered = m_unnumbered.count(index) != 0;
    iface.mtu = m_ipv4->GetMtu(index);
}

void
Protocol::OpenInterface(Iface& iface)
{
    const uint32_t index = iface.index;
    InterfaceConfig fsmConfig;
    fsmConfig.type = GetInterfaceType(index);
    fsmConfig.routerId = m_routerId;
    fsmConfig.address = iface.address;
    fsmConfig.priority = iface.priority ? *iface.priority : m_priority;
    iface.fsm = std::make_unique<InterfaceFsm>(fsmConfig);
    ConfigureAuthenticator(iface);
    m_flooding->AddInterface(index,
                             fsmConfig.type,
                             FloodingEngine::InterfaceState::DOWN,
                             m_rxmtInterval);
    if (iface.loopback)
    {
        return; // no packets: only advertised (12.4.1)
    }
    iface.device = m_ipv4->GetNetDevice(index);
    m_endpoint->Attach(index);
}

void
Protocol::Start()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(!m_node, "ospf::Protocol: SetNode() before Start()");
    if (m_started)
    {
        return;
    }
    m_ipv4 = m_node->GetObject<Ipv4>();
    NS_ABORT_MSG_IF(!m_ipv4, "ospf::Protocol: the node has no Ipv4");
    m_started = true;

    std::set<Ipv4Address> addresses;
    Ipv4Address highest = Ipv4Address::GetAny();
    for (auto& [index, iface] : m_ifaces)
    {
        ReadInterfaceAddress(*iface);
        addresses.insert(iface->address);
        if (iface->address.Get() > highest.Get())
        {
            highest = iface->address;
        }
    }
    m_routerId = m_routerIdAttribute == Ipv4Address::GetAny() ? highest : m_routerIdAttribute;

    FloodingEngine::Config config;
    config.routerId = m_routerId;
    config.minLsArrival = m_minLsArrival;
    config.minLsInterval = m_minLsInterval;
    m_flooding = std::make_unique<FloodingEngine>(config);
    m_flooding->SetInterfaceAddresses(addresses);
    m_endpoint = CreateObject<IpEndpoint>();
    m_endpoint->Open(m_ipv4, MakeCallback(&Protocol::Receive, this));

    for (auto& [index, iface] : m_ifaces)
    {
        OpenInterface(*iface);
    }

    // Interface events follow the routing set (a VRF's) or the node's (its
    // core instance on an edge router).
    Ptr<IpvpnRoutingProtocol> ipvpn =
        m_routing ? m_routing : IpvpnRoutingProtocol::GetNodeRouting(m_ipv4);
    if (ipvpn)
    {
        m_routing = ipvpn;
        for (const auto& [index, iface] : m_ifaces)
        {
            if (!ipvpn->IsInScope(index))
            {
                NS_LOG_WARN("interface " << index << " is not one of its routing's");
            }
        }
        ipvpn->TraceConnectWithoutContext("InterfaceChange",
                                          MakeCallback(&Protocol::OnInterfaceChange, this));
        if (m_sink.IsNull())
        {
            m_sink = MakeBoundCallback(&GiveRoutesToRouting, ipvpn);
        }
    }
    else
    {
        NS_LOG_WARN("node " << m_node->GetId()
                            << ": no IpvpnRoutingProtocol; interface changes are not followed");
    }

    for (auto& [index, iface] : m_ifaces)
    {
        if (iface->loopback)
        {
            // 9.2 LoopInd: the interface is looped back, its address a host
            // route (12.4.1).
            InterfaceEventRun(*iface, InterfaceEvent::LOOP_IND);
        }
        else if (m_ipv4->IsUp(index))
        {
            InterfaceEventRun(*iface, InterfaceEvent::INTERFACE_UP);
        }
    }
    ScheduleOrigination();
    m_tickEvent = Simulator::Schedule(Seconds(1), &Protocol::Tick, this);
}

} // namespace ospf
} // namespace ns3
