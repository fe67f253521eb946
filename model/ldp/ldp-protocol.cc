/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ldp-protocol.h"

#include "ldp-address-messages.h"
#include "ldp-pdu.h"
#include "ldp-session-messages.h"
#include "ldp-status.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/buffer.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/loopback-net-device.h"
#include "ns3/mpls-protocol.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cmath>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LdpProtocol");

namespace ldp
{

NS_OBJECT_ENSURE_REGISTERED(Protocol);

namespace
{

bool
IsLoopbackAddress(Ipv4Address a)
{
    return Ipv4Mask("255.0.0.0").IsMatch(a, Ipv4Address::GetLoopback());
}

} // namespace

TypeId
Protocol::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ldp::Protocol")
            .SetParent<Object>()
            .SetGroupName("Ldp")
            .AddConstructor<Protocol>()
            .AddAttribute("RouterId",
                          "LSR ID, the first four octets of the LDP Identifier (RFC 5036 "
                          "section 2.2.2). 0.0.0.0: the highest address of the loopback "
                          "interface outside 127/8, else the highest interface address.",
                          Ipv4AddressValue(Ipv4Address::GetAny()),
                          MakeIpv4AddressAccessor(&Protocol::m_routerIdConfig),
                          MakeIpv4AddressChecker())
            .AddAttribute("TransportAddress",
                          "Transport address of sessions (RFC 5036 section 2.5.2), sent in "
                          "the Hellos' Transport Address TLV. 0.0.0.0: the LSR ID.",
                          Ipv4AddressValue(Ipv4Address::GetAny()),
                          MakeIpv4AddressAccessor(&Protocol::m_transportConfig),
                          MakeIpv4AddressChecker())
            .AddAttribute("LinkHelloInterval",
                          "Interval of Link Hellos (RFC 5036 section 2.4.1; the customary "
                          "third of the 15 s hold time: 5 s).",
                          TimeValue(Seconds(5)),
                          MakeTimeAccessor(&Protocol::m_linkHelloInterval),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("LinkHelloHoldTime",
                          "Hold time proposed in Link Hellos, whole seconds on the wire "
                          "(RFC 5036 section 3.5.2: default 15 s).",
                          TimeValue(Seconds(15)),
                          MakeTimeAccessor(&Protocol::m_linkHelloHold),
                          MakeTimeChecker(Seconds(1)))
            .AddAttribute("TargetedHelloInterval",
                          "Interval of Targeted Hellos (RFC 5036 section 2.4.2; a third of "
                          "the 45 s hold time: 15 s).",
                          TimeValue(Seconds(15)),
                          MakeTimeAccessor(&Protocol::m_targetedHelloInterval),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("TargetedHelloHoldTime",
                          "Hold time proposed in Targeted Hellos (RFC 5036 section 3.5.2: "
                          "default 45 s).",
                          TimeValue(Seconds(45)),
                          MakeTimeAccessor(&Protocol::m_targetedHelloHold),
                          MakeTimeChecker(Seconds(1)))
            .AddAttribute("KeepAliveTime",
                          "KeepAlive time proposed in Initialization, whole seconds; the "
                          "session uses the smaller proposal (RFC 5036 section 3.5.3; no "
                          "RFC default, 180 s is customary). KeepAlives go out every third.",
                          TimeValue(Seconds(180)),
                          MakeTimeAccessor(&Protocol::m_keepAliveTime),
                          MakeTimeChecker(Seconds(1)))
            .AddAttribute("InitTimeout",
                          "Time allowed for the Initialization exchange (the 'timeout' of "
                          "RFC 5036 section 2.5.4, which names no value).",
                          TimeValue(Seconds(15)),
                          MakeTimeAccessor(&Protocol::m_initTimeout),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("InitBackoff",
                          "First delay of the Initialization backoff of the active role "
                          "(RFC 5036 section 2.5.3: no less than 15 s).",
                          TimeValue(Seconds(15)),
                          MakeTimeAccessor(&Protocol::m_backoffInitial),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("InitBackoffMax",
                          "Largest Initialization backoff delay (RFC 5036 section 2.5.3: "
                          "no less than 2 minutes).",
                          TimeValue(Minutes(2)),
                          MakeTimeAccessor(&Protocol::m_backoffMax),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("MaxPduLength",
                          "Max PDU Length proposed in Initialization (RFC 5036 section "
                          "3.5.3: default 4096).",
                          UintegerValue(DEFAULT_MAX_PDU_LENGTH),
                          MakeUintegerAccessor(&Protocol::m_maxPduLength),
                          MakeUintegerChecker<uint16_t>(256))
            .AddAttribute("EgressLabel",
                          "Label advertised for the FECs this LSR originates: ImplicitNull "
                          "(3, penultimate hop popping, RFC 3031 section 3.16), ExplicitNull "
                          "(0) or NonNull (a label popped by this LSR).",
                          EnumValue(static_cast<int>(EgressLabel::IMPLICIT_NULL)),
                          MakeEnumAccessor(&Protocol::m_egressLabelAttr),
                          MakeEnumChecker(static_cast<int>(EgressLabel::IMPLICIT_NULL),
                                          "ImplicitNull",
                                          static_cast<int>(EgressLabel::EXPLICIT_NULL),
                                          "ExplicitNull",
                                          static_cast<int>(EgressLabel::NON_NULL),
                                          "NonNull"))
            .AddAttribute("AnnounceConnected",
                          "Originate a FEC for the connected subnet of every interface "
                          "without LDP (this LSR is their egress).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&Protocol::m_announceConnected),
                          MakeBooleanChecker())
            .AddAttribute("AcceptTargetedHellos",
                          "Answer Targeted Hellos from LSRs that are not configured targeted "
                          "peers (RFC 5036 section 2.4.2).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&Protocol::m_acceptTargeted),
                          MakeBooleanChecker())
            .AddAttribute("StartTime",
                          "Simulation time at which the protocol starts.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&Protocol::m_startTime),
                          MakeTimeChecker())
            .AddTraceSource("SessionStateChange",
                            "A session changed state (RFC 5036 section 2.5.4).",
                            MakeTraceSourceAccessor(&Protocol::m_sessionStateTrace),
                            "ns3::ldp::Protocol::SessionStateTracedCallback")
            .AddTraceSource("AdjacencyChange",
                            "A Hello adjacency came up or went away (section 2.5.5).",
                            MakeTraceSourceAccessor(&Protocol::m_adjacencyTrace),
                            "ns3::ldp::Protocol::AdjacencyTracedCallback")
            .AddTraceSource("MessageTx",
                            "A message was sent: peer LSR ID (or Hello destination), "
                            "message type, message bytes.",
                            MakeTraceSourceAccessor(&Protocol::m_messageTxTrace),
                            "ns3::ldp::Protocol::MessageTracedCallback")
            .AddTraceSource("MessageRx",
                            "A message was received: peer LSR ID, type, bytes.",
                            MakeTraceSourceAccessor(&Protocol::m_messageRxTrace),
                            "ns3::ldp::Protocol::MessageTracedCallback")
            .AddTraceSource("LfibChange",
                            "LDP changed the LFIB: FEC, incoming label (NO_LABEL for FTN), "
                            "outgoing label (3: popped; NO_LABEL at the egress), next hop, "
                            "added (true) or removed.",
                            MakeTraceSourceAccessor(&Protocol::m_lfibTrace),
                            "ns3::ldp::Protocol::LfibTracedCallback")
            .AddTraceSource("NotificationTx",
                            "A Notification was sent: peer, status code, E bit.",
                            MakeTraceSourceAccessor(&Protocol::m_notificationTxTrace),
                            "ns3::ldp::Protocol::NotificationTracedCallback")
            .AddTraceSource("NotificationRx",
                            "A Notification was received: peer, status code, E bit.",
                            MakeTraceSourceAccessor(&Protocol::m_notificationRxTrace),
                            "ns3::ldp::Protocol::NotificationTracedCallback")
            .AddTraceSource("Malformed",
                            "A malformed PDU or message was received (peer, status code).",
                            MakeTraceSourceAccessor(&Protocol::m_malformedTrace),
                            "ns3::ldp::Protocol::MalformedTracedCallback");
    return tid;
}

Protocol::Protocol()
    : m_running(false)
    , m_starts(0)
    , m_nextMessageId(0)
    , m_maxPduLength(DEFAULT_MAX_PDU_LENGTH)
    , m_egressLabelAttr(static_cast<int>(EgressLabel::IMPLICIT_NULL))
    , m_announceConnected(false)
    , m_acceptTargeted(false)
    , m_linkCallbacksSet(false)
    , m_malformed(0)
{
}

Protocol::~Protocol() = default;

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
Protocol::NotifyNewAggregate()
{
    if (!m_node)
    {
        m_node = GetObject<Node>();
    }
    Object::NotifyNewAggregate();
}

void
Protocol::DoInitialize()
{
    if (m_node && !m_running)
    {
        const Time delay = std::max(m_startTime - Simulator::Now(), Seconds(0));
        m_startEvent = Simulator::Schedule(delay, &Protocol::Start, this);
    }
    Object::DoInitialize();
}

// ------------------------------------------------------------- lifecycle

void
Protocol::ResolveIdentity()
{
    m_routerId = m_routerIdConfig;
    if (m_routerId == Ipv4Address::GetAny())
    {
        // Highest loopback address outside 127/8, else highest interface address.
        Ipv4Address loopbackBest = Ipv4Address::GetAny();
        Ipv4Address anyBest = Ipv4Address::GetAny();
        for (uint32_t i = 0; i < m_ipv4->GetNInterfaces(); ++i)
        {
            const bool loopback =
                DynamicCast<LoopbackNetDevice>(m_ipv4->GetNetDevice(i)) != nullptr;
            for (uint32_t j = 0; j < m_ipv4->GetNAddresses(i); ++j)
            {
                const Ipv4Address a = m_ipv4->GetAddress(i, j).GetLocal();
                if (IsLoopbackAddress(a))
                {
                    continue;
                }
                if (a.Get() > anyBest.Get())
                {
                    anyBest = a;
                }
                if (loopback && a.Get() > loopbackBest.Get())
                {
                    loopbackBest = a;
                }
            }
        }
        m_routerId = loopbackBest != Ipv4Address::GetAny() ? loopbackBest : anyBest;
    }
    m_transport = m_transportConfig == Ipv4Address::GetAny() ? m_routerId : m_transportConfig;
}

void
Protocol::Start()
{
    if (m_running)
    {
        return;
    }
    NS_ABORT_MSG_IF(!m_node, "ldp::Protocol: no node");
    m_ipv4 = m_node->GetObject<Ipv4>();
    m_mpls = m_node->GetObject<mpls::Protocol>();
    NS_ABORT_MSG_IF(!m_ipv4 || !m_mpls,
                    "ldp::Protocol on node " << m_node->GetId()
                                             << " needs the Internet stack and "
                                                "mpls::Protocol (MplsHelper::Install)");
    m_running = true;
    ++m_starts;
    m_startEvent.Cancel();
    ResolveIdentity();
    NS_LOG_INFO("LDP on node " << m_node->GetId() << " starts: LSR ID " << m_routerId
                               << ", transport " << m_transport);

    LabelDriver::Hooks hooks;
    hooks.send = [this](Ipv4Address peer, const std::vector<Message>& messages) {
        Ptr<Session> session = FindSession(peer);
        if (session && !session->Send(messages))
        {
            NS_LOG_WARN("messages for " << peer << " dropped: session not up");
        }
    };
    hooks.lfibChanged = [this](const LfibChange& c) {
        m_lfibTrace(c.fec, c.inLabel, c.outLabel, c.nextHop, c.kind == LfibChange::ADD);
    };
    hooks.allocateMessageId = [this]() {
        return AllocateMessageId();
    };
    m_labels =
        std::make_unique<LabelDriver>(m_node, static_cast<EgressLabel>(m_egressLabelAttr), hooks);
    DiscoveryConfig dc;
    dc.lsrId = m_routerId;
    dc.transport = m_transport;
    dc.configSequence = m_starts;
    dc.linkHelloInterval = m_linkHelloInterval;
    dc.linkHoldTime = WireSeconds(m_linkHelloHold, HELLO_HOLD_INFINITE - 1);
    dc.targetedHelloInterval = m_targetedHelloInterval;
    dc.targetedHoldTime = WireSeconds(m_targetedHelloHold, HELLO_HOLD_INFINITE - 1);
    dc.acceptTargeted = m_acceptTargeted;
    dc.disabledInterfaces = m_disabledInterfaces;
    dc.targets = m_targets;
    m_discovery = std::make_unique<Discovery>(static_cast<DiscoveryOwner*>(this), m_node, dc);

    m_listener = std::make_unique<Listener>(static_cast<ListenerOwner*>(this), m_node, m_routerId);
    m_listener->Start();
    if (!m_linkCallbacksSet)
    {
        for (uint32_t i = 0; i < m_node->GetNDevices(); ++i)
        {
            m_node->GetDevice(i)->AddLinkChangeCallback(
                MakeCallback(&Protocol::HandleLinkChange, this));
        }
        m_linkCallbacksSet = true;
    }
    for (const mpls::PrefixFec& fec : m_configuredFecs)
    {
        m_labels->AddLocalFec(fec);
    }
    UpdateConnectedFecs();
    m_discovery->Start();
}

void
Protocol::Stop()
{
    if (!m_running)
    {
        return;
    }
    NS_LOG_INFO("LDP on node " << m_node->GetId() << " stops");
    m_running = false;
    m_discovery->Stop();
    // What this process installed leaves the LFIB, its labels the pool.
    m_labels->Clear();
    // Peers hear "Shutdown" (section 3.5.1.2.1) and close.
    std::map<uint32_t, Ptr<Session>> sessions;
    sessions.swap(m_sessions);
    for (auto& [id, session] : sessions)
    {
        (void)id;
        session->CancelConnect();
        session->Shutdown(STATUS_SHUTDOWN);
    }
    m_listener.reset();
    m_discovery.reset();
    m_labels.reset();
}

bool
Protocol::IsRunning() const
{
    return m_running;
}

void
Protocol::DoDispose()
{
    m_startEvent.Cancel();
    m_running = false;
    // Disposal is silent: no trace fires, no table changes (the objects
    // that would hear of it may be gone already).
    m_discovery.reset();
    m_labels.reset();
    for (auto& [id, session] : m_sessions)
    {
        (void)id;
        session->Dispose();
    }
    m_sessions.clear();
    m_listener.reset();
    m_mpls = nullptr;
    m_ipv4 = nullptr;
    m_node = nullptr;
    Object::DoDispose();
}

void
Protocol::HandleLinkChange()
{
    if (m_running)
    {
        m_discovery->CheckInterfaces();
    }
}

// ------------------------------------------------------------ configuration

void
Protocol::AddFec(const mpls::PrefixFec& fec)
{
    m_configuredFecs.insert(fec);
    if (m_labels)
    {
        m_labels->AddLocalFec(fec);
    }
}

void
Protocol::AddTargetedPeer(Ipv4Address address)
{
    m_targets.insert(address.Get());
    if (m_discovery)
    {
        m_discovery->AddTarget(address);
    }
}

void
Protocol::SetInterfaceEnabled(uint32_t interface, bool enabled)
{
    if (enabled)
    {
        m_disabledInterfaces.erase(interface);
    }
    else
    {
        m_disabledInterfaces.insert(interface);
    }
}

bool
Protocol::IsInterfaceEnabled(uint32_t interface) const
{
    return m_disabledInterfaces.count(interface) == 0;
}

Ipv4Address
Protocol::GetRouterId() const
{
    return m_routerId;
}

Ipv4Address
Protocol::GetTransportAddress() const
{
    return m_transport;
}

std::vector<Ipv4Address>
Protocol::GetLocalAddresses() const
{
    std::vector<Ipv4Address> out;
    for (uint32_t i = 0; i < m_ipv4->GetNInterfaces(); ++i)
    {
        for (uint32_t j = 0; j < m_ipv4->GetNAddresses(i); ++j)
        {
            const Ipv4Address a = m_ipv4->GetAddress(i, j).GetLocal();
            if (!IsLoopbackAddress(a))
            {
                out.push_back(a);
            }
        }
    }
    return out;
}

void
Protocol::SetConnectedFilter(InterfaceFilter filter)
{
    m_connectedFilter = filter;
    if (m_running)
    {
        UpdateConnectedFecs();
    }
}

void
Protocol::UpdateConnectedFecs()
{
    std::set<mpls::PrefixFec> wanted;
    for (uint32_t i = 0; m_announceConnected && i < m_ipv4->GetNInterfaces(); ++i)
    {
        if (DynamicCast<LoopbackNetDevice>(m_ipv4->GetNetDevice(i)) || IsInterfaceEnabled(i) ||
            !m_ipv4->IsUp(i) || (!m_connectedFilter.IsNull() && !m_connectedFilter(i)))
        {
            continue;
        }
        for (uint32_t j = 0; j < m_ipv4->GetNAddresses(i); ++j)
        {
            const Ipv4InterfaceAddress a = m_ipv4->GetAddress(i, j);
            if (!IsLoopbackAddress(a.GetLocal()))
            {
                wanted.insert(mpls::PrefixFec(a.GetLocal(), a.GetMask().GetPrefixLength()));
            }
        }
    }
    m_labels->SetConnectedFecs(wanted);
}

// ----------------------------------------------------------------- routing

void
Protocol::RoutingChanged()
{
    if (!m_running)
    {
        return;
    }
    m_discovery->CheckInterfaces();
    UpdateConnectedFecs();
    // A.1.7: every FEC's next hop is read again.
    m_labels->RoutingChanged();
    // Sessions whose peer's transport address had no route may connect now.
    for (auto& [id, session] : m_sessions)
    {
        session->RetryAfterRouteChange();
    }
}

// ----------------------------------------------------------------- helpers

uint16_t
Protocol::WireSeconds(Time t, uint16_t max)
{
    const double s = std::ceil(t.GetSeconds());
    return static_cast<uint16_t>(std::clamp(s, 1.0, static_cast<double>(max)));
}

// ------------------------------------------------------------------ state

std::optional<uint32_t>
Protocol::GetLocalLabel(const mpls::PrefixFec& fec) const
{
    return m_labels ? m_labels->GetEngine().GetLocalLabel(fec) : std::nullopt;
}

std::optional<uint32_t>
Protocol::GetOutLabel(const mpls::PrefixFec& fec) const
{
    return m_labels ? m_labels->GetEngine().GetOutLabel(fec) : std::nullopt;
}

std::optional<uint32_t>
Protocol::GetPeerLabel(const mpls::PrefixFec& fec, Ipv4Address peer) const
{
    return m_labels ? m_labels->GetEngine().GetPeerLabel(fec, peer) : std::nullopt;
}

std::optional<Ipv4Address>
Protocol::GetNextHopPeer(const mpls::PrefixFec& fec) const
{
    return m_labels ? m_labels->GetEngine().GetNextHopPeer(fec) : std::nullopt;
}

SessionState
Protocol::GetSessionState(Ipv4Address peerLsrId) const
{
    Ptr<Session> session = FindSession(peerLsrId);
    return session ? session->GetState() : SessionState::NON_EXISTENT;
}

std::vector<Ipv4Address>
Protocol::GetPeers() const
{
    std::vector<Ipv4Address> out;
    for (const auto& [id, session] : m_sessions)
    {
        (void)session;
        out.emplace_back(id);
    }
    return out;
}

std::size_t
Protocol::GetNAdjacencies() const
{
    return m_discovery ? m_discovery->GetNAdjacencies() : 0;
}

std::optional<Time>
Protocol::GetFtnInstallTime(const mpls::PrefixFec& fec) const
{
    return m_labels ? m_labels->GetFtnInstallTime(fec) : std::nullopt;
}

std::optional<Time>
Protocol::GetIlmInstallTime(const mpls::PrefixFec& fec) const
{
    return m_labels ? m_labels->GetIlmInstallTime(fec) : std::nullopt;
}

std::size_t
Protocol::GetNLocalBindings() const
{
    return m_labels ? m_labels->GetEngine().GetNLocalBindings() : 0;
}

std::size_t
Protocol::GetNRemoteBindings() const
{
    return m_labels ? m_labels->GetEngine().GetNRemoteBindings() : 0;
}

const std::map<uint16_t, Protocol::MessageCounters>&
Protocol::GetMessageCounters() const
{
    return m_counters;
}

uint64_t
Protocol::GetMalformedCount() const
{
    return m_malformed;
}

const LabelEngine*
Protocol::GetEngine() const
{
    return m_labels ? &m_labels->GetEngine() : nullptr;
}

bool
Protocol::SendRawBytes(Ipv4Address peerLsrId, const std::vector<uint8_t>& bytes)
{
    Ptr<Session> session = FindSession(peerLsrId);
    return session && session->SendRaw(bytes);
}

} // namespace ldp
} // namespace ns3
