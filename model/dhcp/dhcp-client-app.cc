/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dhcp-client-app.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-routing-table-entry.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/mac48-address.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DhcpClientApp");

namespace dhcp
{

NS_OBJECT_ENSURE_REGISTERED(Client);

TypeId
Client::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::dhcp::Client")
            .SetParent<Application>()
            .SetGroupName("Dhcp")
            .AddConstructor<Client>()
            .AddAttribute("HostName",
                          "Option 12, host name (RFC 2132 3.14), sent in DISCOVER and REQUEST; "
                          "empty: not sent.",
                          StringValue(""),
                          MakeStringAccessor(&Client::m_hostName),
                          MakeStringChecker())
            .AddAttribute("BroadcastFlag",
                          "Set the broadcast bit (RFC 2131 4.1): the ns-3 stack drops unicast "
                          "to an address it does not have yet.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&Client::m_broadcastFlag),
                          MakeBooleanChecker())
            .AddAttribute("InitialRetransmit",
                          "First retransmission delay (RFC 2131 4.1: 4 s, +-1 s random).",
                          TimeValue(Seconds(4)),
                          MakeTimeAccessor(&Client::m_initialRetransmit),
                          MakeTimeChecker(Seconds(1)))
            .AddAttribute("MaxRetransmit",
                          "Largest retransmission delay after doubling (RFC 2131 4.1: 64 s).",
                          TimeValue(Seconds(64)),
                          MakeTimeAccessor(&Client::m_maxRetransmit),
                          MakeTimeChecker(Seconds(1)))
            .AddAttribute("MinRenewRetransmit",
                          "Least wait before resending in RENEWING and REBINDING (RFC 2131 "
                          "4.4.5: 60 s).",
                          TimeValue(Seconds(60)),
                          MakeTimeAccessor(&Client::m_minRenewRetransmit),
                          MakeTimeChecker(Seconds(1)))
            .AddAttribute("RequestRetries",
                          "DHCPREQUEST transmissions in REQUESTING before going back to INIT "
                          "(RFC 2131 leaves the number to the client).",
                          UintegerValue(4),
                          MakeUintegerAccessor(&Client::m_requestRetries),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("ReleaseOnStop",
                          "Send DHCPRELEASE when the application stops (RFC 2131 4.4.6).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&Client::m_releaseOnStop),
                          MakeBooleanChecker())
            .AddTraceSource("StateChange",
                            "RFC 2131 figure 5 state change: old, new.",
                            MakeTraceSourceAccessor(&Client::m_stateTrace),
                            "ns3::dhcp::Client::StateTracedCallback")
            .AddTraceSource("Tx",
                            "A message sent.",
                            MakeTraceSourceAccessor(&Client::m_txTrace),
                            "ns3::dhcp::Client::MessageTracedCallback")
            .AddTraceSource("Rx",
                            "A message received (before it is judged).",
                            MakeTraceSourceAccessor(&Client::m_rxTrace),
                            "ns3::dhcp::Client::MessageTracedCallback")
            .AddTraceSource("Drop",
                            "A received message dropped: the reason.",
                            MakeTraceSourceAccessor(&Client::m_dropTrace),
                            "ns3::dhcp::Client::DropTracedCallback")
            .AddTraceSource("Bound",
                            "A new address configured: address, router, DNS server.",
                            MakeTraceSourceAccessor(&Client::m_boundTrace),
                            "ns3::dhcp::Client::BoundTracedCallback")
            .AddTraceSource("Renewed",
                            "The lease of the address was extended.",
                            MakeTraceSourceAccessor(&Client::m_renewedTrace),
                            "ns3::dhcp::Client::AddressTracedCallback")
            .AddTraceSource("Unbound",
                            "The address was removed (NAK, lease expired, stop).",
                            MakeTraceSourceAccessor(&Client::m_unboundTrace),
                            "ns3::dhcp::Client::AddressTracedCallback");
    return tid;
}

Client::Client()
    : m_broadcastFlag(true)
    , m_requestRetries(4)
    , m_releaseOnStop(true)
    , m_jitter(CreateObject<UniformRandomVariable>())
    , m_xid(CreateObject<UniformRandomVariable>())
{
    NS_LOG_FUNCTION(this);
    m_jitter->SetAttribute("Min", DoubleValue(-1.0));
    m_jitter->SetAttribute("Max", DoubleValue(1.0));
}

Client::~Client()
{
    NS_LOG_FUNCTION(this);
}

void
Client::SetDevice(Ptr<NetDevice> device)
{
    m_device = device;
}

void
Client::SetBoundCallback(BoundCallback callback)
{
    m_boundCallback = callback;
}

void
Client::SetUnboundCallback(UnboundCallback callback)
{
    m_unboundCallback = callback;
}

ClientFsm::State
Client::GetState() const
{
    return m_fsm ? m_fsm->GetState() : ClientFsm::INIT;
}

Ipv4Address
Client::GetAddress() const
{
    return (m_fsm && m_fsm->GetBinding()) ? m_fsm->GetBinding()->address : Ipv4Address::GetAny();
}

std::optional<Binding>
Client::GetBinding() const
{
    return m_fsm ? m_fsm->GetBinding() : std::nullopt;
}

const ClientFsm::Counters&
Client::GetCounters() const
{
    static const ClientFsm::Counters none;
    return m_fsm ? m_fsm->GetCounters() : none;
}

int64_t
Client::AssignStreams(int64_t stream)
{
    m_jitter->SetStream(stream);
    m_xid->SetStream(stream + 1);
    return 2;
}

void
Client::DoDispose()
{
    m_wakeup.Cancel();
    m_socket = nullptr;
    m_device = nullptr;
    m_jitter = nullptr;
    m_xid = nullptr;
    m_boundCallback = BoundCallback();
    m_unboundCallback = UnboundCallback();
    Application::DoDispose();
}

uint32_t
Client::Interface()
{
    Ptr<Ipv4> ipv4 = GetNode()->GetObject<Ipv4>();
    NS_ABORT_MSG_IF(!ipv4, "dhcp::Client needs an Ipv4 stack on its node");
    int32_t index = ipv4->GetInterfaceForDevice(m_device);
    if (index < 0)
    {
        index = static_cast<int32_t>(ipv4->AddInterface(m_device));
    }
    return static_cast<uint32_t>(index);
}

void
Client::StartApplication()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(!m_device, "dhcp::Client needs SetDevice() before it starts");
    Ptr<Ipv4> ipv4 = GetNode()->GetObject<Ipv4>();
    const uint32_t index = Interface();
    // As ns3::DhcpClient does: 0.0.0.0/0 so that the socket sends from
    // 0.0.0.0 (RFC 2131 4.1) before an address is leased.
    if (ipv4->GetNAddresses(index) == 0)
    {
        ipv4->AddAddress(index, Ipv4InterfaceAddress(Ipv4Address::GetAny(), Ipv4Mask::GetZero()));
    }
    ipv4->SetUp(index);
    if (!m_fsm)
    {
        ClientConfig config;
        config.chaddr = Mac48Address::ConvertFrom(m_device->GetAddress());
        config.hostName = m_hostName;
        config.broadcastFlag = m_broadcastFlag;
        config.initialRetransmit = m_initialRetransmit;
        config.maxRetransmit = m_maxRetransmit;
        config.minRenewRetransmit = m_minRenewRetransmit;
        config.requestRetries = m_requestRetries;
        config.releaseOnStop = m_releaseOnStop;
        Ptr<UniformRandomVariable> jitter = m_jitter;
        Ptr<UniformRandomVariable> xid = m_xid;
        m_fsm = std::make_unique<ClientFsm>(
            config,
            [jitter]() {
                return jitter->GetValue();
            },
            [xid]() {
                return xid->GetInteger(1, 0xfffffffe);
            });
    }
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    m_socket->SetAllowBroadcast(true);
    m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), CLIENT_PORT));
    m_socket->BindToNetDevice(m_device);
    m_socket->SetRecvCallback(MakeCallback(&Client::HandleRead, this));
    Apply(m_fsm->Start(Simulator::Now()));
}

void
Client::StopApplication()
{
    NS_LOG_FUNCTION(this);
    if (m_fsm && m_socket)
    {
        Apply(m_fsm->Stop(Simulator::Now()));
    }
    m_wakeup.Cancel();
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
    }
}

void
Client::HandleRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        Message message;
        packet->Copy()->RemoveHeader(message);
        m_rxTrace(message);
        NS_LOG_INFO("rx " << message);
        Apply(m_fsm->Receive(message, Simulator::Now()));
    }
}

void
Client::Wakeup()
{
    Apply(m_fsm->Expire(Simulator::Now()));
}

void
Client::Apply(const ClientFsm::Actions& actions)
{
    if (!actions.ignored.empty())
    {
        NS_LOG_INFO("dropped: " << actions.ignored);
        m_dropTrace(actions.ignored);
    }
    // Sends come first: a RELEASE leaves before the address goes.
    for (const ClientSend& send : actions.send)
    {
        Ptr<Packet> packet = Create<Packet>();
        packet->AddHeader(send.message);
        const Ipv4Address to = send.broadcast ? Ipv4Address::GetBroadcast() : send.to;
        NS_LOG_INFO("tx " << send.message << " to " << to);
        m_txTrace(send.message);
        if (m_socket)
        {
            m_socket->SendTo(packet, 0, InetSocketAddress(to, SERVER_PORT));
        }
    }
    if (actions.unbound)
    {
        Deconfigure(actions.unboundAddress);
    }
    if (actions.bound)
    {
        if (actions.bound->renewed)
        {
            m_renewedTrace(actions.bound->address);
        }
        else
        {
            Configure(*actions.bound);
        }
    }
    for (const auto& [from, to] : actions.transitions)
    {
        NS_LOG_INFO("state " << from << " -> " << to);
        m_stateTrace(from, to);
    }
    m_wakeup.Cancel();
    if (actions.hasWakeUp)
    {
        m_wakeup = Simulator::Schedule(
            std::max(actions.wakeUp - Simulator::Now(), Time(0)), &Client::Wakeup, this);
    }
}

void
Client::Configure(const Binding& b)
{
    Ptr<Ipv4> ipv4 = GetNode()->GetObject<Ipv4>();
    const uint32_t index = Interface();
    ipv4->AddAddress(index, Ipv4InterfaceAddress(b.address, b.mask));
    for (uint32_t k = 0; k < ipv4->GetNAddresses(index); ++k)
    {
        if (ipv4->GetAddress(index, k).GetLocal() == Ipv4Address::GetAny())
        {
            ipv4->RemoveAddress(index, k);
            break;
        }
    }
    ipv4->SetUp(index);
    if (b.router != Ipv4Address::GetAny())
    {
        Ipv4StaticRoutingHelper helper;
        Ptr<Ipv4StaticRouting> routing = helper.GetStaticRouting(ipv4);
        if (routing)
        {
            routing->SetDefaultRoute(b.router, index);
        }
    }
    NS_LOG_INFO("bound " << b.address << " mask " << b.mask << " router " << b.router << " dns "
                         << b.dns);
    m_boundTrace(b.address, b.router, b.dns);
    if (!m_boundCallback.IsNull())
    {
        m_boundCallback(b.address, b.router, b.dns);
    }
}

void
Client::Deconfigure(Ipv4Address address)
{
    Ptr<Ipv4> ipv4 = GetNode()->GetObject<Ipv4>();
    const uint32_t index = Interface();
    Ipv4StaticRoutingHelper helper;
    if (Ptr<Ipv4StaticRouting> routing = helper.GetStaticRouting(ipv4))
    {
        for (uint32_t r = routing->GetNRoutes(); r-- > 0;)
        {
            const Ipv4RoutingTableEntry route = routing->GetRoute(r);
            if (route.IsDefault() && route.GetInterface() == index)
            {
                routing->RemoveRoute(r);
            }
        }
    }
    ipv4->RemoveAddress(index, address);
    if (ipv4->GetNAddresses(index) == 0)
    {
        ipv4->AddAddress(index, Ipv4InterfaceAddress(Ipv4Address::GetAny(), Ipv4Mask::GetZero()));
    }
    NS_LOG_INFO("unbound " << address);
    m_unboundTrace(address);
    if (!m_unboundCallback.IsNull())
    {
        m_unboundCallback(address);
    }
}

} // namespace dhcp
} // namespace ns3
