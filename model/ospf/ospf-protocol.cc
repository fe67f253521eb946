/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ospf-protocol.h"

#include "ospf-database-description-header.h"
#include "ospf-hello-header.h"
#include "ospf-link-state-ack-header.h"
#include "ospf-link-state-request-header.h"
#include "ospf-link-state-update-header.h"
#include "ospf-lsa-checksum.h"
#include "ospf-packet-header.h"

#include "ns3/boolean.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-list-routing.h"
#include "ns3/ipv4-raw-socket-factory.h"
#include "ns3/ipv4.h"
#include "ns3/ipvpn-routing-protocol.h"
#include "ns3/log.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/packet.h"
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

/// Octets of an IPv4 header without options, and of the MD5 digest that may
/// follow an OSPF packet (D.4.3): room to leave below the MTU.
constexpr uint32_t IP_HEADER_SIZE = 20;

FloodingEngine::NetworkType
ToFloodingType(InterfaceType type)
{
    return type == InterfaceType::POINT_TO_POINT ? FloodingEngine::NetworkType::POINT_TO_POINT
                                                 : FloodingEngine::NetworkType::BROADCAST;
}

/// The two enums list the states in the RFC's order (9.1, 10.1).
FloodingEngine::InterfaceState
ToFlooding(InterfaceState state)
{
    return static_cast<FloodingEngine::InterfaceState>(state);
}

FloodingEngine::NeighborState
ToFlooding(NeighborState state)
{
    return static_cast<FloodingEngine::NeighborState>(state);
}

std::optional<Ipv4Address>
NoneIfAny(Ipv4Address address)
{
    if (address == Ipv4Address::GetAny())
    {
        return std::nullopt;
    }
    return address;
}

std::vector<uint8_t>
ToBytes(Ptr<const Packet> packet)
{
    std::vector<uint8_t> bytes(packet->GetSize());
    if (!bytes.empty())
    {
        packet->CopyData(bytes.data(), bytes.size());
    }
    return bytes;
}

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

/// One OSPF interface (RFC 2328 section 9 data items the driver keeps).
struct Protocol::Iface
{
    uint32_t index = 0;
    Ipv4Address address;
    Ipv4Mask mask;
    uint16_t mtu = 1500;
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
    Ptr<Socket> socket;
    EventId helloEvent;
    EventId waitEvent;
    EventId ackEvent;
    std::vector<LsaHeader> delayedAcks;
    FloodingEngine::Destination ackDestination = FloodingEngine::Destination::ALL_SPF_ROUTERS;
    std::map<Ipv4Address, std::unique_ptr<Nbr>> neighbors;
};

/// One neighbor (RFC 2328 section 10 data items the driver keeps).
struct Protocol::Nbr
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
    : m_priority(1),
      m_auType(AUTYPE_NULL),
      m_keyId(1),
      m_jitter(CreateObject<UniformRandomVariable>()),
      m_started(false),
      m_spfEverRun(false)
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
        if (iface->socket)
        {
            iface->socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
            iface->socket->Close();
            iface->socket = nullptr;
        }
    }
    for (auto& [key, event] : m_originationEvents)
    {
        event.Cancel();
    }
    m_originateEvent.Cancel();
    m_tickEvent.Cancel();
    m_spfEvent.Cancel();
    m_flushEvent.Cancel();
    m_ifaces.clear();
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
    NS_ABORT_MSG_IF(m_started, "ospf::Protocol: interfaces are added before Start()");
    if (m_ifaces.count(interface) == 0)
    {
        auto iface = std::make_unique<Iface>();
        iface->index = interface;
        m_ifaces[interface] = std::move(iface);
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
        NS_ABORT_MSG_IF(index >= m_ipv4->GetNInterfaces() || m_ipv4->GetNAddresses(index) == 0,
                        "ospf::Protocol: interface " << index << " has no address");
        const Ipv4InterfaceAddress address = m_ipv4->GetAddress(index, 0);
        iface->address = address.GetLocal();
        iface->mask = address.GetMask();
        iface->mtu = m_ipv4->GetMtu(index);
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

    for (auto& [index, iface] : m_ifaces)
    {
        InterfaceConfig fsmConfig;
        fsmConfig.type = GetInterfaceType(index);
        fsmConfig.routerId = m_routerId;
        fsmConfig.address = iface->address;
        fsmConfig.priority = iface->priority ? *iface->priority : m_priority;
        iface->fsm = std::make_unique<InterfaceFsm>(fsmConfig);
        ConfigureAuthenticator(*iface);
        m_flooding->AddInterface(index,
                                 ToFloodingType(fsmConfig.type),
                                 FloodingEngine::InterfaceState::DOWN,
                                 m_rxmtInterval);
        // 8.1: a raw socket of protocol 89 bound to the interface's device
        // sees every OSPF datagram that device receives.
        iface->socket = Socket::CreateSocket(m_node, Ipv4RawSocketFactory::GetTypeId());
        iface->socket->SetAttribute("Protocol", UintegerValue(OSPF_PROTOCOL_NUMBER));
        iface->socket->Bind();
        iface->socket->BindToNetDevice(m_ipv4->GetNetDevice(index));
        iface->socket->SetRecvCallback(MakeCallback(&Protocol::Receive, this));
    }

    // Interface events follow the node's routing.
    Ptr<Ipv4RoutingProtocol> routing = m_ipv4->GetRoutingProtocol();
    Ptr<IpvpnRoutingProtocol> ipvpn = DynamicCast<IpvpnRoutingProtocol>(routing);
    if (!ipvpn)
    {
        if (Ptr<Ipv4ListRouting> list = DynamicCast<Ipv4ListRouting>(routing))
        {
            for (uint32_t i = 0; i < list->GetNRoutingProtocols() && !ipvpn; ++i)
            {
                int16_t priority;
                ipvpn = DynamicCast<IpvpnRoutingProtocol>(list->GetRoutingProtocol(i, priority));
            }
        }
    }
    if (ipvpn)
    {
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
        if (m_ipv4->IsUp(index))
        {
            InterfaceEventRun(*iface, InterfaceEvent::INTERFACE_UP);
        }
    }
    ScheduleOrigination();
    m_tickEvent = Simulator::Schedule(Seconds(1), &Protocol::Tick, this);
}

// ------------------------------------------------------------ interfaces

void
Protocol::OnInterfaceChange(uint32_t interface, bool up)
{
    auto it = m_ifaces.find(interface);
    if (!m_started || it == m_ifaces.end())
    {
        return;
    }
    NS_LOG_INFO(m_routerId << " interface " << interface << (up ? " up" : " down"));
    // 9.2: InterfaceUp / InterfaceDown from the lower-level protocols.
    InterfaceEventRun(*it->second, up ? InterfaceEvent::INTERFACE_UP
                                      : InterfaceEvent::INTERFACE_DOWN);
    ScheduleSpf();
}

std::vector<ElectionRouter>
Protocol::ElectionNeighbors(const Iface& iface) const
{
    std::vector<ElectionRouter> out;
    for (const auto& [id, nbr] : iface.neighbors)
    {
        if (nbr->fsm.GetState() >= NeighborState::TWO_WAY)
        {
            ElectionRouter r;
            r.routerId = nbr->routerId;
            r.address = nbr->address;
            r.priority = nbr->priority;
            r.declaredDr = nbr->dr;
            r.declaredBdr = nbr->bdr;
            out.push_back(r);
        }
    }
    return out;
}

void
Protocol::UpdateFloodingInterface(const Iface& iface)
{
    m_flooding->SetInterfaceState(iface.index, ToFlooding(iface.fsm->GetState()));
    m_flooding->SetDesignatedRouters(iface.index,
                                     NoneIfAny(iface.fsm->GetDrRouterId()),
                                     NoneIfAny(iface.fsm->GetBdrRouterId()));
}

void
Protocol::InterfaceEventRun(Iface& iface, InterfaceEvent event)
{
    const InterfaceActions result = iface.fsm->ProcessEvent(event, ElectionNeighbors(iface));
    if (result.ignored)
    {
        NS_LOG_LOGIC(m_routerId << " if " << iface.index << " ignores " << event);
        return;
    }
    UpdateFloodingInterface(iface);
    for (const InterfaceAction& action : result.actions)
    {
        switch (action.type)
        {
        case InterfaceActionType::START_HELLO_TIMER:
            iface.helloEvent.Cancel();
            iface.helloEvent =
                Simulator::Schedule(Seconds(m_jitter->GetValue(0, m_helloJitter.GetSeconds())),
                                    &Protocol::SendHelloTimer,
                                    this,
                                    iface.index);
            break;
        case InterfaceActionType::START_WAIT_TIMER:
            iface.waitEvent.Cancel();
            iface.waitEvent = Simulator::Schedule(m_routerDeadInterval,
                                                  &Protocol::WaitTimerExpired,
                                                  this,
                                                  iface.index);
            break;
        case InterfaceActionType::CALCULATE_DR:
            NS_LOG_INFO(m_routerId << " if " << iface.index << " election " << result.election);
            break;
        case InterfaceActionType::ADJ_OK:
            for (auto& [id, nbr] : iface.neighbors)
            {
                if (nbr->address == action.neighbor)
                {
                    NeighborEventRun(iface, *nbr, NeighborEvent::ADJ_OK);
                }
            }
            break;
        case InterfaceActionType::RESET_VARIABLES:
            break;
        case InterfaceActionType::DISABLE_TIMERS:
            iface.helloEvent.Cancel();
            iface.waitEvent.Cancel();
            iface.ackEvent.Cancel();
            iface.delayedAcks.clear();
            break;
        case InterfaceActionType::KILL_NEIGHBORS:
            for (auto& [id, nbr] : iface.neighbors)
            {
                NeighborEventRun(iface, *nbr, NeighborEvent::KILL_NBR);
            }
            break;
        }
    }
    for (const InterfaceTransition& t : result.transitions)
    {
        NS_LOG_INFO(m_routerId << " if " << iface.index << " " << t.from << " -> " << t.to
                               << " (" << t.event << ")");
        m_interfaceStateTrace(m_routerId, iface.index, t.from, t.to);
    }
    if (!result.transitions.empty() || result.elected)
    {
        // 12.4: the router-LSA lists interface states; the DR's network-LSA.
        ScheduleOrigination();
    }
}

void
Protocol::SendHelloTimer(uint32_t interface)
{
    Iface& iface = *m_ifaces.at(interface);
    SendHello(iface);
    iface.helloEvent =
        Simulator::Schedule(m_helloInterval, &Protocol::SendHelloTimer, this, interface);
}

void
Protocol::SendHelloNow(uint32_t interface)
{
    auto it = m_ifaces.find(interface);
    if (it != m_ifaces.end() && it->second->fsm->GetState() != InterfaceState::DOWN)
    {
        SendHello(*it->second);
    }
}

void
Protocol::WaitTimerExpired(uint32_t interface)
{
    InterfaceEventRun(*m_ifaces.at(interface), InterfaceEvent::WAIT_TIMER);
}

// ------------------------------------------------------------ neighbors

NeighborContext
Protocol::MakeContext(const Iface& iface, const Nbr& nbr) const
{
    NeighborContext context;
    context.adjacency.type = iface.fsm->GetConfig().type;
    context.adjacency.self = iface.address;
    context.adjacency.neighbor = nbr.address;
    context.adjacency.dr = iface.fsm->GetDr();
    context.adjacency.bdr = iface.fsm->GetBdr();
    context.requestListEmpty = nbr.lists.RequestListEmpty();
    return context;
}

void
Protocol::NeighborEventRun(Iface& iface, Nbr& nbr, NeighborEvent event)
{
    const NeighborActions actions = nbr.fsm.ProcessEvent(event, MakeContext(iface, nbr));
    CarryOut(iface, nbr, actions);
}

void
Protocol::CarryOut(Iface& iface, Nbr& nbr, const NeighborActions& actions)
{
    const NeighborId id{iface.index, nbr.routerId};
    const Time now = Simulator::Now();
    if (!actions.transitions.empty())
    {
        Apply(m_flooding->SetNeighborState(id, ToFlooding(nbr.fsm.GetState())));
    }
    for (const NeighborAction& action : actions.actions)
    {
        switch (action.type)
        {
        case NeighborActionType::SEND_HELLO:
            SendHello(iface);
            break;
        case NeighborActionType::START_INACTIVITY_TIMER:
        case NeighborActionType::RESTART_INACTIVITY_TIMER:
            nbr.inactivity.Cancel();
            nbr.inactivity = Simulator::Schedule(m_routerDeadInterval,
                                                 &Protocol::InactivityTimerExpired,
                                                 this,
                                                 iface.index,
                                                 nbr.routerId);
            break;
        case NeighborActionType::STOP_INACTIVITY_TIMER:
            nbr.inactivity.Cancel();
            break;
        case NeighborActionType::CLEAR_LISTS:
            nbr.lists.Clear();
            nbr.ddRxmt.Cancel();
            nbr.lsrRxmt.Cancel();
            break;
        case NeighborActionType::INCREMENT_DD_SEQUENCE:
        case NeighborActionType::DECLARE_MASTER:
            break;
        case NeighborActionType::SEND_DD: {
            // 10.8: the empty ExStart packet, retransmitted until answered.
            uint8_t flags = (action.init ? DD_FLAG_I : 0) | (action.more ? DD_FLAG_M : 0) |
                            (action.master ? DD_FLAG_MS : 0);
            nbr.lastSentMore = action.more;
            SendDd(iface, nbr, flags, {}, action.ddSequence);
            break;
        }
        case NeighborActionType::LIST_DATABASE_SUMMARY: {
            std::vector<LsaHeader> database;
            for (const auto& [key, entry] : m_flooding->GetLsdb())
            {
                database.push_back(entry.GetHeader(now));
            }
            for (const LsaHeader& maxAge : nbr.lists.FillSummary(database))
            {
                m_flooding->AddToRetransmissionList(id, maxAge.GetKey(), now);
            }
            break;
        }
        case NeighborActionType::SEND_LS_REQUEST:
            SendLsRequest(iface, nbr);
            break;
        }
    }
    for (const NeighborTransition& t : actions.transitions)
    {
        NS_LOG_INFO(m_routerId << " if " << iface.index << " nbr " << nbr.routerId << " "
                               << t.from << " -> " << t.to << " (" << t.event << ")");
        m_neighborStateTrace(m_routerId, iface.index, nbr.routerId, t.from, t.to);
        if (t.to == NeighborState::DOWN)
        {
            nbr.inactivity.Cancel();
            nbr.ddRxmt.Cancel();
            nbr.lsrRxmt.Cancel();
            nbr.lists.Clear();
            nbr.lastDd = nullptr;
        }
    }
    if (actions.FullChanged())
    {
        ScheduleOrigination();
    }
    if (actions.BidirectionalChanged() &&
        iface.fsm->GetConfig().type == InterfaceType::BROADCAST)
    {
        // 9.2 NeighborChange: bidirectional communication began or ended.
        InterfaceEventRun(iface, InterfaceEvent::NEIGHBOR_CHANGE);
    }
}

void
Protocol::InactivityTimerExpired(uint32_t interface, Ipv4Address neighborId)
{
    auto it = m_ifaces.find(interface);
    Nbr* nbr = FindNeighbor(interface, neighborId);
    if (it == m_ifaces.end() || nbr == nullptr)
    {
        return;
    }
    NS_LOG_INFO(m_routerId << " nbr " << neighborId << " silent for RouterDeadInterval");
    NeighborEventRun(*it->second, *nbr, NeighborEvent::INACTIVITY_TIMER);
}

void
Protocol::DdRetransmit(uint32_t interface, Ipv4Address neighborId)
{
    Nbr* nbr = FindNeighbor(interface, neighborId);
    if (nbr == nullptr || !nbr->lastDd)
    {
        return;
    }
    const NeighborState state = nbr->fsm.GetState();
    // 10.8: ExStart packets, and the master's packets in Exchange.
    if (state == NeighborState::EX_START ||
        (state == NeighborState::EXCHANGE && nbr->fsm.IsMaster()))
    {
        Iface& iface = *m_ifaces.at(interface);
        SendPacket(iface, PACKET_DATABASE_DESCRIPTION, nbr->lastDd->Copy(),
                   NeighborDestination(iface, *nbr));
        nbr->ddRxmt = Simulator::Schedule(m_rxmtInterval,
                                          &Protocol::DdRetransmit,
                                          this,
                                          interface,
                                          neighborId);
    }
}

void
Protocol::LsrRetransmit(uint32_t interface, Ipv4Address neighborId)
{
    Nbr* nbr = FindNeighbor(interface, neighborId);
    if (nbr == nullptr)
    {
        return;
    }
    const NeighborState state = nbr->fsm.GetState();
    if ((state == NeighborState::EXCHANGE || state == NeighborState::LOADING) &&
        !nbr->lists.RequestListEmpty())
    {
        SendLsRequest(*m_ifaces.at(interface), *nbr);
    }
}

// ------------------------------------------------------------ packets out

uint32_t
Protocol::MaxBody(const Iface& iface) const
{
    return iface.mtu - IP_HEADER_SIZE - PacketHeader::SIZE - MD5_AUTH_DATA_LENGTH;
}

Ipv4Address
Protocol::NeighborDestination(const Iface& iface, const Nbr& nbr) const
{
    // 8.1: on point-to-point networks every packet goes to AllSPFRouters.
    if (iface.fsm->GetConfig().type == InterfaceType::POINT_TO_POINT)
    {
        return Ipv4Address(ALL_SPF_ROUTERS);
    }
    return nbr.address;
}

void
Protocol::SendPacket(Iface& iface, uint8_t type, Ptr<Packet> body, Ipv4Address to)
{
    if (!iface.socket)
    {
        return;
    }
    PacketHeader header;
    header.SetType(type);
    header.SetRouterId(m_routerId);
    header.SetAreaId(Ipv4Address::GetAny());
    header.SetPacketLength(PacketHeader::SIZE + body->GetSize());
    body->AddHeader(header);
    // D.4: checksum or digest over the whole packet.
    const uint32_t sequence = ++iface.cryptoSequence;
    std::vector<uint8_t> sealed = iface.auth.Seal(ToBytes(body), sequence);
    Ptr<Packet> packet = Create<Packet>(sealed.data(), sealed.size());
    const uint32_t size = header.GetPacketLength();
    m_counters.packetsSent[type] += 1;
    m_counters.bytesSent[type] += size;
    m_txTrace(type, size, iface.index, packet);
    // 8.1: IP TTL 1; multicast leaves the bound device (RouteOutput).
    SocketIpTtlTag ttl;
    ttl.SetTtl(1);
    packet->AddPacketTag(ttl);
    iface.socket->SendTo(packet, 0, InetSocketAddress(to));
}

void
Protocol::SendHello(Iface& iface)
{
    HelloHeader hello;
    hello.SetNetworkMask(iface.mask);
    hello.SetHelloInterval(static_cast<uint16_t>(m_helloInterval.GetSeconds()));
    hello.SetOptions(OPTION_E);
    hello.SetRouterPriority(iface.fsm->GetConfig().priority);
    hello.SetRouterDeadInterval(static_cast<uint32_t>(m_routerDeadInterval.GetSeconds()));
    hello.SetDesignatedRouter(iface.fsm->GetDr());
    hello.SetBackupDesignatedRouter(iface.fsm->GetBdr());
    std::vector<Ipv4Address> heard;
    for (const auto& [id, nbr] : iface.neighbors)
    {
        // A.3.2: routers whose Hellos were seen recently (Init or above).
        if (nbr->fsm.GetState() >= NeighborState::INIT)
        {
            heard.push_back(id);
        }
    }
    hello.SetNeighbors(heard);
    Ptr<Packet> body = Create<Packet>();
    body->AddHeader(hello);
    SendPacket(iface, PACKET_HELLO, body, Ipv4Address(ALL_SPF_ROUTERS));
}

void
Protocol::SendDd(Iface& iface,
                 Nbr& nbr,
                 uint8_t flags,
                 const std::vector<LsaHeader>& headers,
                 uint32_t sequence)
{
    DatabaseDescriptionHeader dd;
    dd.SetInterfaceMtu(iface.mtu);
    dd.SetOptions(OPTION_E);
    dd.SetFlags(flags);
    dd.SetSequenceNumber(sequence);
    dd.SetLsaHeaders(headers);
    Ptr<Packet> body = Create<Packet>();
    body->AddHeader(dd);
    nbr.lastDd = body->Copy();
    nbr.lastDdSent = Simulator::Now();
    SendPacket(iface, PACKET_DATABASE_DESCRIPTION, body, NeighborDestination(iface, nbr));
    nbr.ddRxmt.Cancel();
    if (flags & DD_FLAG_MS)
    {
        nbr.ddRxmt = Simulator::Schedule(m_rxmtInterval,
                                         &Protocol::DdRetransmit,
                                         this,
                                         iface.index,
                                         nbr.routerId);
    }
}

void
Protocol::SendNextDd(Iface& iface, Nbr& nbr)
{
    const std::size_t room =
        (MaxBody(iface) - DatabaseDescriptionHeader::FIXED_SIZE) / LsaHeader::SIZE;
    const std::vector<LsaHeader> headers = nbr.lists.Describe(room);
    const bool more = nbr.lists.MoreAfterDescribed();
    const bool master = nbr.fsm.IsMaster();
    nbr.lastSentMore = more;
    SendDd(iface,
           nbr,
           (more ? DD_FLAG_M : 0) | (master ? DD_FLAG_MS : 0),
           headers,
           nbr.fsm.GetDdSequence());
}

void
Protocol::SendLsRequest(Iface& iface, Nbr& nbr)
{
    const std::size_t room = MaxBody(iface) / LinkStateRequestHeader::ENTRY_SIZE;
    const std::vector<LsaHeader> wanted = nbr.lists.NextRequests(room);
    nbr.lsrRxmt.Cancel();
    if (wanted.empty())
    {
        return;
    }
    std::vector<LsaKey> keys;
    for (const LsaHeader& h : wanted)
    {
        keys.push_back(h.GetKey());
    }
    LinkStateRequestHeader request;
    request.SetRequests(keys);
    Ptr<Packet> body = Create<Packet>();
    body->AddHeader(request);
    SendPacket(iface, PACKET_LINK_STATE_REQUEST, body, NeighborDestination(iface, nbr));
    // 10.9: retransmitted every RxmtInterval until answered.
    nbr.lsrRxmt = Simulator::Schedule(m_rxmtInterval,
                                      &Protocol::LsrRetransmit,
                                      this,
                                      iface.index,
                                      nbr.routerId);
}

void
Protocol::SendUpdate(Iface& iface, Ipv4Address to, const std::vector<Lsa>& lsas)
{
    const uint32_t room = MaxBody(iface);
    std::vector<Lsa> batch;
    uint32_t size = 4; // # LSAs
    auto flush = [&]() {
        if (batch.empty())
        {
            return;
        }
        LinkStateUpdateHeader update;
        update.SetLsas(batch);
        Ptr<Packet> body = Create<Packet>();
        body->AddHeader(update);
        m_counters.lsasFlooded += batch.size();
        SendPacket(iface, PACKET_LINK_STATE_UPDATE, body, to);
        batch.clear();
        size = 4;
    };
    for (const Lsa& lsa : lsas)
    {
        if (!batch.empty() && size + lsa.header.GetLength() > room)
        {
            flush();
        }
        batch.push_back(lsa);
        size += lsa.header.GetLength();
    }
    flush();
}

void
Protocol::SendAck(Iface& iface, Ipv4Address to, const std::vector<LsaHeader>& headers)
{
    const std::size_t room = MaxBody(iface) / LsaHeader::SIZE;
    for (std::size_t i = 0; i < headers.size(); i += room)
    {
        const std::size_t end = std::min(headers.size(), i + room);
        LinkStateAckHeader ack;
        ack.SetLsaHeaders(std::vector<LsaHeader>(headers.begin() + i, headers.begin() + end));
        Ptr<Packet> body = Create<Packet>();
        body->AddHeader(ack);
        SendPacket(iface, PACKET_LINK_STATE_ACK, body, to);
    }
}

void
Protocol::SendDelayedAcks(uint32_t interface)
{
    Iface& iface = *m_ifaces.at(interface);
    if (iface.delayedAcks.empty())
    {
        return;
    }
    Ipv4Address to(iface.ackDestination == FloodingEngine::Destination::ALL_D_ROUTERS
                       ? ALL_D_ROUTERS
                       : ALL_SPF_ROUTERS);
    std::vector<LsaHeader> acks;
    acks.swap(iface.delayedAcks);
    SendAck(iface, to, acks);
}

// ------------------------------------------------------------ packets in

void
Protocol::Drop(DropReason reason, uint32_t interface, Ptr<const Packet> packet)
{
    NS_LOG_INFO(m_routerId << " if " << interface << " drops a packet: " << reason);
    m_counters.drops[static_cast<std::size_t>(reason)] += 1;
    m_dropTrace(reason, interface, packet);
}

void
Protocol::Receive(Ptr<Socket> socket)
{
    Iface* found = nullptr;
    for (auto& [index, iface] : m_ifaces)
    {
        if (iface->socket == socket)
        {
            found = iface.get();
        }
    }
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        if (found == nullptr)
        {
            continue;
        }
        Iface& iface = *found;
        Ipv4Header ip;
        packet->RemoveHeader(ip);
        Ptr<const Packet> raw = packet->Copy();
        if (iface.fsm->GetState() == InterfaceState::DOWN)
        {
            Drop(DropReason::INTERFACE_DOWN, iface.index, raw);
            continue;
        }
        const std::vector<uint8_t> bytes = ToBytes(packet);
        PacketHeader header;
        if (bytes.size() < PacketHeader::SIZE)
        {
            Drop(DropReason::MALFORMED, iface.index, raw);
            continue;
        }
        packet->RemoveHeader(header);
        if (!header.IsValid())
        {
            Drop(header.GetError() == PacketHeader::BAD_VERSION ? DropReason::BAD_VERSION
                                                                 : DropReason::MALFORMED,
                 iface.index,
                 raw);
            continue;
        }
        // 8.2: the area, the destination, and never our own packets.
        if (header.GetAreaId() != Ipv4Address::GetAny())
        {
            Drop(DropReason::BAD_AREA, iface.index, raw);
            continue;
        }
        const Ipv4Address destination = ip.GetDestination();
        const InterfaceState state = iface.fsm->GetState();
        const bool toAllD = destination == Ipv4Address(ALL_D_ROUTERS) &&
                            (state == InterfaceState::DR || state == InterfaceState::BACKUP);
        if (destination != iface.address && destination != Ipv4Address(ALL_SPF_ROUTERS) &&
            !toAllD)
        {
            Drop(DropReason::BAD_DESTINATION, iface.index, raw);
            continue;
        }
        if (header.GetRouterId() == m_routerId)
        {
            Drop(DropReason::OWN_PACKET, iface.index, raw);
            continue;
        }
        if (iface.fsm->GetConfig().type == InterfaceType::BROADCAST &&
            ip.GetSource().CombineMask(iface.mask) != iface.address.CombineMask(iface.mask))
        {
            Drop(DropReason::WRONG_SUBNET, iface.index, raw);
            continue;
        }
        Nbr* nbr = FindNeighbor(iface.index, header.GetRouterId());
        const AuthCheck check = iface.auth.Verify(bytes.data(),
                                                  bytes.size(),
                                                  nbr ? nbr->cryptoSequence : std::nullopt);
        if (check.result != AuthResult::OK)
        {
            Drop(check.result == AuthResult::MALFORMED ? DropReason::MALFORMED
                                                       : DropReason::AUTHENTICATION,
                 iface.index,
                 raw);
            continue;
        }
        const uint16_t length = header.GetPacketLength() - PacketHeader::SIZE;
        Ptr<Packet> body = packet->CreateFragment(0, length);
        const uint8_t type = header.GetType();
        m_counters.packetsReceived[type] += 1;
        m_counters.bytesReceived[type] += header.GetPacketLength();
        m_rxTrace(type, header.GetPacketLength(), iface.index, raw);
        if (type == PACKET_HELLO)
        {
            ReceiveHello(iface, ip.GetSource(), header, body, length, raw);
            if (Nbr* known = FindNeighbor(iface.index, header.GetRouterId());
                known && iface.auth.GetAuType() == AUTYPE_CRYPTOGRAPHIC)
            {
                known->cryptoSequence = check.sequence;
            }
            continue;
        }
        if (nbr == nullptr)
        {
            Drop(DropReason::UNKNOWN_NEIGHBOR, iface.index, raw);
            continue;
        }
        if (iface.auth.GetAuType() == AUTYPE_CRYPTOGRAPHIC)
        {
            nbr->cryptoSequence = check.sequence;
        }
        switch (type)
        {
        case PACKET_DATABASE_DESCRIPTION:
            ReceiveDd(iface, *nbr, body, length, raw);
            break;
        case PACKET_LINK_STATE_REQUEST:
            ReceiveLsRequest(iface, *nbr, body, length, raw);
            break;
        case PACKET_LINK_STATE_UPDATE:
            ReceiveUpdate(iface, *nbr, body, length, raw);
            break;
        case PACKET_LINK_STATE_ACK:
            ReceiveAck(iface, *nbr, body, length, raw);
            break;
        default:
            Drop(DropReason::MALFORMED, iface.index, raw);
            break;
        }
    }
}

void
Protocol::ReceiveHello(Iface& iface,
                       Ipv4Address source,
                       const PacketHeader& header,
                       Ptr<Packet> body,
                       uint16_t length,
                       Ptr<const Packet> raw)
{
    HelloHeader hello;
    body->RemoveHeader(hello, length);
    if (!hello.IsValid())
    {
        Drop(DropReason::MALFORMED, iface.index, raw);
        return;
    }
    const bool broadcast = iface.fsm->GetConfig().type == InterfaceType::BROADCAST;
    // 10.5: Network Mask (not on point-to-point), HelloInterval and
    // RouterDeadInterval must match; so must the E bit.
    if ((broadcast && hello.GetNetworkMask() != iface.mask) ||
        hello.GetHelloInterval() != static_cast<uint16_t>(m_helloInterval.GetSeconds()) ||
        hello.GetRouterDeadInterval() !=
            static_cast<uint32_t>(m_routerDeadInterval.GetSeconds()) ||
        (hello.GetOptions() & OPTION_E) != OPTION_E)
    {
        Drop(DropReason::HELLO_MISMATCH, iface.index, raw);
        return;
    }
    const Ipv4Address neighborId = header.GetRouterId();
    auto it = iface.neighbors.find(neighborId);
    if (it == iface.neighbors.end())
    {
        auto created = std::make_unique<Nbr>(m_jitter->GetInteger(1, 0x7fffffff));
        created->routerId = neighborId;
        it = iface.neighbors.emplace(neighborId, std::move(created)).first;
        m_flooding->AddNeighbor(NeighborId{iface.index, neighborId},
                                FloodingEngine::NeighborState::DOWN);
    }
    Nbr& nbr = *it->second;
    const uint8_t oldPriority = nbr.priority;
    const Ipv4Address oldDr = nbr.dr;
    const Ipv4Address oldBdr = nbr.bdr;
    nbr.address = source;
    nbr.priority = hello.GetRouterPriority();
    nbr.dr = hello.GetDesignatedRouter();
    nbr.bdr = hello.GetBackupDesignatedRouter();

    const bool wasDown = nbr.fsm.GetState() == NeighborState::DOWN;
    NeighborEventRun(iface, nbr, NeighborEvent::HELLO_RECEIVED);
    if (wasDown)
    {
        // A new neighbor hears from us at once (see the header's choices).
        Simulator::ScheduleNow(&Protocol::SendHelloNow, this, iface.index);
    }
    const auto& listed = hello.GetNeighbors();
    if (std::find(listed.begin(), listed.end(), m_routerId) == listed.end())
    {
        // 10.5: 1-WayReceived, and processing of the packet stops.
        NeighborEventRun(iface, nbr, NeighborEvent::ONE_WAY_RECEIVED);
        return;
    }
    NeighborEventRun(iface, nbr, NeighborEvent::TWO_WAY_RECEIVED);
    if (!broadcast)
    {
        return;
    }
    // 10.5: interface events from the neighbor's declarations.
    bool backupSeen = false;
    bool neighborChange = nbr.priority != oldPriority;
    const bool declaresDr = nbr.dr == source;
    const bool declaresBdr = nbr.bdr == source;
    const bool waiting = iface.fsm->GetState() == InterfaceState::WAITING;
    if (declaresDr && nbr.bdr == Ipv4Address::GetAny() && waiting)
    {
        backupSeen = true;
    }
    else if (declaresDr != (oldDr == source))
    {
        neighborChange = true;
    }
    if (declaresBdr && waiting)
    {
        backupSeen = true;
    }
    else if (declaresBdr != (oldBdr == source))
    {
        neighborChange = true;
    }
    if (backupSeen)
    {
        InterfaceEventRun(iface, InterfaceEvent::BACKUP_SEEN);
    }
    if (neighborChange)
    {
        InterfaceEventRun(iface, InterfaceEvent::NEIGHBOR_CHANGE);
    }
}

void
Protocol::ReceiveDd(Iface& iface,
                    Nbr& nbr,
                    Ptr<Packet> body,
                    uint16_t length,
                    Ptr<const Packet> raw)
{
    DatabaseDescriptionHeader dd;
    body->RemoveHeader(dd, length);
    if (!dd.IsValid())
    {
        Drop(DropReason::MALFORMED, iface.index, raw);
        return;
    }
    DdSummary summary;
    summary.init = dd.IsInit();
    summary.more = dd.IsMore();
    summary.master = dd.IsMaster();
    summary.options = dd.GetOptions();
    summary.sequence = dd.GetSequenceNumber();
    summary.interfaceMtu = dd.GetInterfaceMtu();
    summary.empty = dd.GetLsaHeaders().empty();
    const Time now = Simulator::Now();
    // 10.8: a slave keeps its last packet for RouterDeadInterval.
    const bool held = nbr.lastDd && now - nbr.lastDdSent < m_routerDeadInterval;
    const NeighborFsm::DdResult result =
        nbr.fsm.ReceiveDd(summary, MakeContext(iface, nbr), m_routerId, nbr.routerId, iface.mtu,
                          held);
    CarryOut(iface, nbr, result.actions);
    switch (result.judgement.verdict)
    {
    case DdVerdict::REJECT:
        Drop(DropReason::DD_REJECTED, iface.index, raw);
        return;
    case DdVerdict::RESEND_LAST:
        if (nbr.lastDd)
        {
            SendPacket(iface, PACKET_DATABASE_DESCRIPTION, nbr.lastDd->Copy(),
                       NeighborDestination(iface, nbr));
        }
        return;
    case DdVerdict::NEGOTIATION_SLAVE:
    case DdVerdict::NEGOTIATION_MASTER:
    case DdVerdict::ACCEPT:
        break;
    default:
        return;
    }
    const NeighborId id{iface.index, nbr.routerId};
    // 10.6: each LSA listed that we lack, or hold an older instance of, is
    // requested; an unknown LS type is a SeqNumberMismatch.
    for (const LsaHeader& h : dd.GetLsaHeaders())
    {
        if (!DdLsTypeAcceptable(h.GetType(), false))
        {
            NeighborEventRun(iface, nbr, NeighborEvent::SEQ_NUMBER_MISMATCH);
            return;
        }
        const std::optional<LsaHeader> mine = m_flooding->GetLsdb().GetHeader(h.GetKey(), now);
        if (!mine || IsMoreRecent(h, *mine))
        {
            nbr.lists.AddRequest(h);
            m_flooding->AddToRequestList(id, h);
        }
    }
    // 10.8: the packet acknowledges our previous one.
    nbr.lists.AcknowledgeDescribed();
    if (nbr.fsm.IsMaster())
    {
        nbr.ddRxmt.Cancel();
        if (ExchangeIsDone(summary.more, nbr.lastSentMore))
        {
            NeighborEventRun(iface, nbr, NeighborEvent::EXCHANGE_DONE);
        }
        else
        {
            SendNextDd(iface, nbr);
        }
    }
    else
    {
        SendNextDd(iface, nbr);
        if (ExchangeIsDone(summary.more, nbr.lastSentMore))
        {
            NeighborEventRun(iface, nbr, NeighborEvent::EXCHANGE_DONE);
        }
    }
}

void
Protocol::ReceiveLsRequest(Iface& iface,
                           Nbr& nbr,
                           Ptr<Packet> body,
                           uint16_t length,
                           Ptr<const Packet> raw)
{
    if (nbr.fsm.GetState() < NeighborState::EXCHANGE)
    {
        Drop(DropReason::NEIGHBOR_STATE, iface.index, raw);
        return;
    }
    LinkStateRequestHeader request;
    body->RemoveHeader(request, length);
    if (!request.IsValid())
    {
        Drop(DropReason::MALFORMED, iface.index, raw);
        return;
    }
    const Time now = Simulator::Now();
    std::vector<Lsa> answer;
    for (const LsaKey& key : request.GetRequests())
    {
        const Lsdb::Entry* entry = m_flooding->GetLsdb().Find(key);
        if (entry == nullptr)
        {
            // 10.7: a request for an LSA not in the database.
            NeighborEventRun(iface, nbr, NeighborEvent::BAD_LS_REQ);
            return;
        }
        Lsa copy = *entry->lsa;
        copy.header.SetAge(std::min<uint32_t>(
            entry->GetAge(now) + static_cast<uint32_t>(m_infTransDelay.GetSeconds()),
            MAX_AGE));
        answer.push_back(copy);
        m_flooding->GetLsdb().MarkSent(key, now);
    }
    SendUpdate(iface, NeighborDestination(iface, nbr), answer);
}

void
Protocol::ReceiveUpdate(Iface& iface,
                        Nbr& nbr,
                        Ptr<Packet> body,
                        uint16_t length,
                        Ptr<const Packet> raw)
{
    if (nbr.fsm.GetState() < NeighborState::EXCHANGE)
    {
        Drop(DropReason::NEIGHBOR_STATE, iface.index, raw);
        return;
    }
    LinkStateUpdateHeader update;
    body->RemoveHeader(update, length);
    if (!update.IsValid())
    {
        Drop(DropReason::MALFORMED, iface.index, raw);
        return;
    }
    const NeighborId id{iface.index, nbr.routerId};
    const Time now = Simulator::Now();
    for (const Lsa& lsa : update.GetLsas())
    {
        const std::vector<uint8_t> bytes = lsa.ToBytes();
        const bool valid = IsLsaChecksumValid(bytes.data(), bytes.size());
        const FloodingEngine::Output out = m_flooding->ReceiveLsa(id, lsa, valid, now);
        Apply(out);
        if (out.stopProcessing || FindNeighbor(iface.index, id.routerId) == nullptr)
        {
            break;
        }
    }
    // 10.9: requested LSAs that arrived leave the request list; the next
    // request goes when the previous one is answered, Loading ends when the
    // list is empty.
    const FloodingEngine::Neighbor* view = m_flooding->FindNeighbor(id);
    bool removed = false;
    for (const LsaHeader& h : nbr.lists.NextRequests(nbr.lists.GetRequestSize()))
    {
        if (view == nullptr || view->requests.count(h.GetKey()) == 0)
        {
            nbr.lists.RemoveRequest(h.GetKey());
            removed = true;
        }
    }
    const NeighborState state = nbr.fsm.GetState();
    if (nbr.lists.RequestListEmpty())
    {
        nbr.lsrRxmt.Cancel();
        if (state == NeighborState::LOADING)
        {
            NeighborEventRun(iface, nbr, NeighborEvent::LOADING_DONE);
        }
    }
    else if (removed && (state == NeighborState::LOADING || state == NeighborState::EXCHANGE))
    {
        SendLsRequest(iface, nbr);
    }
}

void
Protocol::ReceiveAck(Iface& iface,
                     Nbr& nbr,
                     Ptr<Packet> body,
                     uint16_t length,
                     Ptr<const Packet> raw)
{
    if (nbr.fsm.GetState() < NeighborState::EXCHANGE)
    {
        Drop(DropReason::NEIGHBOR_STATE, iface.index, raw);
        return;
    }
    LinkStateAckHeader ack;
    body->RemoveHeader(ack, length);
    if (!ack.IsValid())
    {
        Drop(DropReason::MALFORMED, iface.index, raw);
        return;
    }
    for (const LsaHeader& h : ack.GetLsaHeaders())
    {
        Apply(m_flooding->ReceiveAck(NeighborId{iface.index, nbr.routerId}, h));
    }
}

// ------------------------------------------------------------ flooding

void
Protocol::Apply(const FloodingEngine::Output& out)
{
    const Time now = Simulator::Now();
    std::vector<NeighborId> badRequests;
    for (const FloodingEngine::Action& a : out.actions)
    {
        switch (a.type)
        {
        case FloodingEngine::ActionType::INSTALL: {
            const Lsdb::Entry* entry = m_flooding->GetLsdb().Find(a.key);
            const bool self = entry && entry->source == Lsdb::Source::ORIGINATED;
            m_lsaInstalledTrace(entry ? entry->lsa->header : a.header, self);
            break;
        }
        case FloodingEngine::ActionType::FLOOD:
        case FloodingEngine::ActionType::SEND_DATABASE_COPY: {
            const uint32_t index = a.type == FloodingEngine::ActionType::FLOOD
                                       ? a.interfaceId
                                       : a.neighbor.interfaceId;
            auto it = m_ifaces.find(index);
            if (it == m_ifaces.end() || !a.lsa)
            {
                break;
            }
            Ipv4Address to(ALL_SPF_ROUTERS);
            if (a.type == FloodingEngine::ActionType::SEND_DATABASE_COPY ||
                a.destination == FloodingEngine::Destination::NEIGHBOR)
            {
                const Nbr* nbr = FindNeighbor(index, a.neighbor.routerId);
                if (nbr == nullptr)
                {
                    break;
                }
                to = NeighborDestination(*it->second, *nbr);
            }
            else if (a.destination == FloodingEngine::Destination::ALL_D_ROUTERS &&
                     it->second->fsm->GetConfig().type == InterfaceType::BROADCAST)
            {
                to = Ipv4Address(ALL_D_ROUTERS);
            }
            Lsa copy = *a.lsa;
            copy.header.SetAge(std::min<uint32_t>(
                a.age + static_cast<uint32_t>(m_infTransDelay.GetSeconds()),
                MAX_AGE));
            m_pendingUpdates[{index, to.Get()}].push_back(copy);
            m_flooding->GetLsdb().MarkSent(a.key, now);
            ScheduleFlush();
            break;
        }
        case FloodingEngine::ActionType::DELAYED_ACK: {
            auto it = m_ifaces.find(a.interfaceId);
            if (it == m_ifaces.end())
            {
                break;
            }
            Iface& iface = *it->second;
            iface.delayedAcks.push_back(a.header);
            iface.ackDestination = a.destination;
            if (!iface.ackEvent.IsRunning())
            {
                iface.ackEvent = Simulator::Schedule(m_ackDelay,
                                                     &Protocol::SendDelayedAcks,
                                                     this,
                                                     iface.index);
            }
            break;
        }
        case FloodingEngine::ActionType::DIRECT_ACK: {
            auto it = m_ifaces.find(a.neighbor.interfaceId);
            const Nbr* nbr = FindNeighbor(a.neighbor.interfaceId, a.neighbor.routerId);
            if (it == m_ifaces.end() || nbr == nullptr)
            {
                break;
            }
            const Ipv4Address to = NeighborDestination(*it->second, *nbr);
            m_pendingAcks[{it->first, to.Get()}].push_back(a.header);
            ScheduleFlush();
            break;
        }
        case FloodingEngine::ActionType::BAD_LS_REQ:
            badRequests.push_back(a.neighbor);
            break;
        case FloodingEngine::ActionType::SELF_ORIGINATED:
            // 13.4: a newer instance of our own LSA is in the database.
            if (a.mustFlush)
            {
                Apply(m_flooding->Flush(a.key, now));
            }
            else
            {
                OriginateKey(a.key);
            }
            break;
        case FloodingEngine::ActionType::REFRESH:
            // 12.4: LSRefreshTime reached.
            OriginateKey(a.key);
            break;
        default:
            break;
        }
    }
    if (out.SpfNeeded())
    {
        ScheduleSpf();
    }
    for (const NeighborId& id : badRequests)
    {
        Nbr* nbr = FindNeighbor(id.interfaceId, id.routerId);
        if (nbr != nullptr)
        {
            NeighborEventRun(*m_ifaces.at(id.interfaceId), *nbr, NeighborEvent::BAD_LS_REQ);
        }
    }
}

void
Protocol::ScheduleFlush()
{
    if (!m_flushEvent.IsRunning())
    {
        m_flushEvent = Simulator::ScheduleNow(&Protocol::FlushPending, this);
    }
}

void
Protocol::FlushPending()
{
    auto updates = std::move(m_pendingUpdates);
    auto acks = std::move(m_pendingAcks);
    m_pendingUpdates.clear();
    m_pendingAcks.clear();
    for (auto& [where, lsas] : updates)
    {
        auto it = m_ifaces.find(where.first);
        if (it != m_ifaces.end())
        {
            SendUpdate(*it->second, Ipv4Address(where.second), lsas);
        }
    }
    for (auto& [where, headers] : acks)
    {
        auto it = m_ifaces.find(where.first);
        if (it != m_ifaces.end())
        {
            SendAck(*it->second, Ipv4Address(where.second), headers);
        }
    }
}

void
Protocol::Tick()
{
    const Time now = Simulator::Now();
    // Section 14 aging and 12.4 refresh.
    Apply(m_flooding->Age(now));
    // 13.6: retransmissions, unicast to the neighbor.
    for (const FloodingEngine::DueRetransmission& due : m_flooding->TakeDueRetransmissions(now))
    {
        auto it = m_ifaces.find(due.neighbor.interfaceId);
        const Nbr* nbr = FindNeighbor(due.neighbor.interfaceId, due.neighbor.routerId);
        if (it == m_ifaces.end() || nbr == nullptr)
        {
            continue;
        }
        std::vector<Lsa> lsas;
        for (std::size_t i = 0; i < due.lsas.size(); ++i)
        {
            Lsa copy = *due.lsas[i];
            copy.header.SetAge(std::min<uint32_t>(
                due.ages[i] + static_cast<uint32_t>(m_infTransDelay.GetSeconds()),
                MAX_AGE));
            lsas.push_back(copy);
        }
        SendUpdate(*it->second, NeighborDestination(*it->second, *nbr), lsas);
    }
    m_tickEvent = Simulator::Schedule(Seconds(1), &Protocol::Tick, this);
}

// ------------------------------------------------------------ origination

void
Protocol::ScheduleOrigination()
{
    if (m_started && !m_originateEvent.IsRunning())
    {
        m_originateEvent = Simulator::ScheduleNow(&Protocol::OriginateAll, this);
    }
}

void
Protocol::OriginateAll()
{
    OriginateRouterLsa(false);
    for (auto& [index, iface] : m_ifaces)
    {
        if (iface->fsm->GetConfig().type == InterfaceType::BROADCAST)
        {
            OriginateNetworkLsa(*iface, false);
        }
    }
}

void
Protocol::OriginateKey(const LsaKey& key)
{
    if (key.type == LS_ROUTER && key.linkStateId == m_routerId)
    {
        OriginateRouterLsa(true);
        return;
    }
    if (key.type == LS_NETWORK)
    {
        for (auto& [index, iface] : m_ifaces)
        {
            if (iface->address == key.linkStateId)
            {
                OriginateNetworkLsa(*iface, true);
                return;
            }
        }
    }
    // Not ours to keep (13.4): flush it.
    Apply(m_flooding->Flush(key, Simulator::Now()));
}

void
Protocol::OriginateRouterLsa(bool force)
{
    // 12.4.1: one link description per interface that is up.
    RouterLsaBody body;
    for (const auto& [index, iface] : m_ifaces)
    {
        const InterfaceState state = iface->fsm->GetState();
        const uint16_t cost = GetInterfaceCost(index);
        const Ipv4Address network = iface->address.CombineMask(iface->mask);
        if (state == InterfaceState::DOWN)
        {
            continue;
        }
        if (state == InterfaceState::LOOPBACK)
        {
            // 12.4.1.4 (as for loopback): a host route, cost 0.
            RouterLink host;
            host.type = LINK_STUB;
            host.linkId = iface->address;
            host.linkData = Ipv4Address(0xffffffff);
            host.metric = 0;
            body.links.push_back(host);
            continue;
        }
        if (iface->fsm->GetConfig().type == InterfaceType::POINT_TO_POINT)
        {
            // 12.4.1.1: a type-1 link to a Full neighbor, then option 1's
            // stub link for the subnet.
            for (const auto& [id, nbr] : iface->neighbors)
            {
                if (nbr->fsm.GetState() == NeighborState::FULL)
                {
                    RouterLink p2p;
                    p2p.type = LINK_POINT_TO_POINT;
                    p2p.linkId = id;
                    p2p.linkData = iface->address;
                    p2p.metric = cost;
                    body.links.push_back(p2p);
                }
            }
            RouterLink stub;
            stub.type = LINK_STUB;
            stub.linkId = network;
            stub.linkData = Ipv4Address(iface->mask.Get());
            stub.metric = cost;
            body.links.push_back(stub);
            continue;
        }
        // 12.4.1.2: a transit link once fully adjacent to the DR (or, as
        // DR, to some router); otherwise a stub link for the network.
        bool transit = false;
        if (state != InterfaceState::WAITING && iface->fsm->GetDr() != Ipv4Address::GetAny())
        {
            for (const auto& [id, nbr] : iface->neighbors)
            {
                if (nbr->fsm.GetState() != NeighborState::FULL)
                {
                    continue;
                }
                if (state == InterfaceState::DR || nbr->address == iface->fsm->GetDr())
                {
                    transit = true;
                }
            }
        }
        RouterLink link;
        link.metric = cost;
        if (transit)
        {
            link.type = LINK_TRANSIT;
            link.linkId = iface->fsm->GetDr();
            link.linkData = iface->address;
        }
        else
        {
            link.type = LINK_STUB;
            link.linkId = network;
            link.linkData = Ipv4Address(iface->mask.Get());
        }
        body.links.push_back(link);
    }
    Lsa lsa;
    lsa.header.SetType(LS_ROUTER);
    lsa.header.SetLinkStateId(m_routerId);
    lsa.header.SetAdvertisingRouter(m_routerId);
    lsa.body = body;
    Originate(lsa, force);
}

void
Protocol::OriginateNetworkLsa(Iface& iface, bool force)
{
    // 12.4.2: the DR of a network with at least one Full adjacency.
    NetworkLsaBody body;
    body.mask = iface.mask;
    body.attachedRouters.push_back(m_routerId);
    if (iface.fsm->GetState() == InterfaceState::DR)
    {
        for (const auto& [id, nbr] : iface.neighbors)
        {
            if (nbr->fsm.GetState() == NeighborState::FULL)
            {
                body.attachedRouters.push_back(id);
            }
        }
    }
    LsaKey key;
    key.type = LS_NETWORK;
    key.linkStateId = iface.address;
    key.advertisingRouter = m_routerId;
    if (body.attachedRouters.size() < 2)
    {
        // No longer DR, or no adjacency left: flush a previous instance (12.4.2).
        const Lsdb::Entry* entry = m_flooding->GetLsdb().Find(key);
        if (entry != nullptr && entry->GetAge(Simulator::Now()) < MAX_AGE)
        {
            Apply(m_flooding->Flush(key, Simulator::Now()));
        }
        return;
    }
    Lsa lsa;
    lsa.header.SetType(LS_NETWORK);
    lsa.header.SetLinkStateId(iface.address);
    lsa.header.SetAdvertisingRouter(m_routerId);
    lsa.body = body;
    Originate(lsa, force);
}

void
Protocol::Originate(Lsa lsa, bool force)
{
    const Time now = Simulator::Now();
    const LsaKey key = lsa.header.GetKey();
    Lsdb& lsdb = m_flooding->GetLsdb();
    const Lsdb::Entry* entry = lsdb.Find(key);
    if (!force && entry != nullptr && entry->GetAge(now) < MAX_AGE &&
        entry->lsa->body == lsa.body && entry->source == Lsdb::Source::ORIGINATED)
    {
        return;
    }
    // 12.4: at most one new instance per MinLSInterval.
    const Time earliest = lsdb.GetEarliestOrigination(key, now, m_minLsInterval);
    if (earliest > now)
    {
        OriginateLater(key, earliest);
        return;
    }
    const Lsdb::SequenceChoice next = lsdb.NextSequence(key, now);
    if (next.kind == Lsdb::SequenceChoice::FLUSH_FIRST)
    {
        Apply(m_flooding->Flush(key, now));
    }
    if (next.kind != Lsdb::SequenceChoice::USE)
    {
        // 12.1.6: wait until the MaxSequenceNumber instance has gone.
        OriginateLater(key, now + Seconds(1));
        return;
    }
    lsa.header.SetAge(0);
    lsa.header.SetOptions(OPTION_E);
    lsa.header.SetSequenceNumber(next.sequence);
    lsa.Seal();
    const FloodingEngine::Output out = m_flooding->Originate(lsa, now);
    if (out.Has(FloodingEngine::ActionType::INSTALL))
    {
        m_counters.lsasOriginated += 1;
        NS_LOG_INFO(m_routerId << " originates " << key << " seq " << std::hex
                               << next.sequence << std::dec);
    }
    Apply(out);
}

void
Protocol::OriginateLater(const LsaKey& key, Time at)
{
    EventId& event = m_originationEvents[key];
    if (event.IsRunning())
    {
        return;
    }
    event = Simulator::Schedule(at - Simulator::Now(), &Protocol::OriginateKeyIfOwn, this, key);
}

void
Protocol::OriginateKeyIfOwn(LsaKey key)
{
    if (key.type == LS_ROUTER)
    {
        OriginateRouterLsa(false);
        return;
    }
    for (auto& [index, iface] : m_ifaces)
    {
        if (iface->address == key.linkStateId)
        {
            OriginateNetworkLsa(*iface, false);
        }
    }
}

// ------------------------------------------------------------ routes

void
Protocol::ScheduleSpf()
{
    if (!m_started || m_spfEvent.IsRunning())
    {
        return;
    }
    const Time now = Simulator::Now();
    Time at = now + m_spfInitialDelay;
    if (m_spfEverRun)
    {
        const Time since = now - m_lastSpf;
        if (since > m_spfMaxWait)
        {
            m_spfHold = m_spfHoldTime; // quiet: back to the initial hold
        }
        else if (since < m_spfHold)
        {
            // Changes keep coming: wait out the hold, then double it.
            at = std::max(at, m_lastSpf + m_spfHold);
            m_spfHold = std::min(m_spfHold + m_spfHold, m_spfMaxWait);
        }
    }
    m_spfEvent = Simulator::Schedule(at - now, &Protocol::RunSpf, this);
}

void
Protocol::RunSpf()
{
    const Time now = Simulator::Now();
    if (!m_spfEverRun)
    {
        m_spfHold = m_spfHoldTime;
    }
    m_spfEverRun = true;
    m_lastSpf = now;
    std::vector<SpfEngine::Interface> interfaces;
    for (const auto& [index, iface] : m_ifaces)
    {
        if (iface->fsm->GetState() != InterfaceState::DOWN)
        {
            SpfEngine::Interface i;
            i.index = index;
            i.address = iface->address;
            i.mask = iface->mask;
            interfaces.push_back(i);
        }
    }
    std::vector<const Lsa*> lsas;
    for (const auto& [key, entry] : m_flooding->GetLsdb())
    {
        if (entry.GetAge(now) < MAX_AGE)
        {
            lsas.push_back(entry.lsa.get());
        }
    }
    const SpfEngine spf(m_routerId, interfaces);
    const SpfEngine::Result result = spf.Compute(lsas);
    std::vector<IpvpnRoute> routes;
    for (const auto& [prefix, route] : result.networks)
    {
        IpvpnRoute r;
        r.network = prefix.network;
        r.prefixLength = static_cast<uint8_t>(prefix.mask.GetPrefixLength());
        r.source = IpvpnRouteSource::OSPF;
        r.metric = route.cost;
        for (const SpfEngine::NextHop& hop : route.nextHops)
        {
            if (hop.interface != SpfEngine::NO_INTERFACE)
            {
                r.nextHops.emplace_back(hop.interface, hop.address);
            }
        }
        if (!r.nextHops.empty())
        {
            routes.push_back(r);
        }
    }
    m_routes = routes;
    m_counters.spfRuns += 1;
    NS_LOG_INFO(m_routerId << " SPF: " << routes.size() << " routes");
    if (!m_sink.IsNull())
    {
        m_sink(routes);
    }
    m_spfRunTrace(static_cast<uint32_t>(routes.size()), now);
}

} // namespace ospf
} // namespace ns3
