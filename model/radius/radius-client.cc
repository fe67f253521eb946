/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "radius-client.h"

#include "ns3/boolean.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-address.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RadiusClient");

namespace radius
{

NS_OBJECT_ENSURE_REGISTERED(Client);

TypeId
Client::GetTypeId()
{
    static TypeId tid = TypeId("ns3::radius::Client")
                            .SetParent<Application>()
                            .SetGroupName("Radius")
                            .AddConstructor<Client>()
                            .AddAttribute("RetransmitTimeout",
                                          "Wait for a response before resending. RFC 2865 section "
                                          "2.5 fixes no value; 3 s is customary (RFC 5080 2.2.1).",
                                          TimeValue(Seconds(3)),
                                          MakeTimeAccessor(&Client::m_timeout),
                                          MakeTimeChecker(MilliSeconds(1)))
                            .AddAttribute("MaxTransmissions",
                                          "Transmissions per server, the first included, before "
                                          "failing over (RFC 2865 section 2.5; customary 3).",
                                          UintegerValue(3),
                                          MakeUintegerAccessor(&Client::m_maxTransmissions),
                                          MakeUintegerChecker<uint32_t>(1))
                            .AddAttribute("NasIdentifier",
                                          "NAS-Identifier (RFC 2865 section 5.32); empty: omitted.",
                                          StringValue(""),
                                          MakeStringAccessor(&Client::m_nasIdentifier),
                                          MakeStringChecker())
                            .AddAttribute("NasIpAddress",
                                          "NAS-IP-Address (RFC 2865 section 5.4).",
                                          Ipv4AddressValue(Ipv4Address::GetAny()),
                                          MakeIpv4AddressAccessor(&Client::m_nasAddress),
                                          MakeIpv4AddressChecker())
                            .AddAttribute("LocalAddress",
                                          "Address the requests leave from (a server knows its "
                                          "clients by source address); 0.0.0.0, the default: "
                                          "chosen by routing.",
                                          Ipv4AddressValue(Ipv4Address::GetAny()),
                                          MakeIpv4AddressAccessor(&Client::m_localAddress),
                                          MakeIpv4AddressChecker())
                            .AddAttribute("MessageAuthenticator",
                                          "Add a Message-Authenticator (RFC 3579 section 3.2).",
                                          BooleanValue(false),
                                          MakeBooleanAccessor(&Client::m_messageAuthenticator),
                                          MakeBooleanChecker())
                            .AddTraceSource("Tx",
                                            "A request sent: packet, server index, retransmission.",
                                            MakeTraceSourceAccessor(&Client::m_txTrace),
                                            "ns3::radius::Client::TxTracedCallback")
                            .AddTraceSource("Rx",
                                            "A datagram received: packet, server index.",
                                            MakeTraceSourceAccessor(&Client::m_rxTrace),
                                            "ns3::radius::Client::RxTracedCallback")
                            .AddTraceSource("Outcome",
                                            "A request ended: handle, outcome, latency.",
                                            MakeTraceSourceAccessor(&Client::m_outcomeTrace),
                                            "ns3::radius::Client::OutcomeTracedCallback");
    return tid;
}

Client::Client()
    : m_timeout(Seconds(3))
    , m_maxTransmissions(3)
    , m_messageAuthenticator(false)
    , m_random(CreateObject<UniformRandomVariable>())
{
    NS_LOG_FUNCTION(this);
}

Client::~Client()
{
    NS_LOG_FUNCTION(this);
}

void
Client::AddServer(Ipv4Address address, uint16_t port, const std::string& secret)
{
    if (m_engine)
    {
        NS_LOG_WARN("server " << address << " added after the engine was created: ignored");
        return;
    }
    ServerEntry entry;
    entry.address = address;
    entry.port = port;
    entry.secret = secret;
    m_servers.push_back(entry);
}

int64_t
Client::AssignStreams(int64_t stream)
{
    m_random->SetStream(stream);
    return 1;
}

Authenticator
Client::DrawAuthenticator()
{
    Authenticator a{};
    for (auto& octet : a)
    {
        octet = static_cast<uint8_t>(m_random->GetInteger(0, 255));
    }
    return a;
}

ClientEngine&
Client::Engine()
{
    if (!m_engine)
    {
        ClientConfig config;
        config.nasAddress = m_nasAddress;
        config.nasIdentifier = m_nasIdentifier;
        config.retransmitTimeout = m_timeout;
        config.maxTransmissions = m_maxTransmissions;
        config.messageAuthenticator = m_messageAuthenticator;
        m_engine = std::make_unique<ClientEngine>(config, m_servers);
        // Failover needs a new, unpredictable authenticator (RFC 2865 2.5).
        m_engine->SetAuthenticatorSource([this]() {
            return DrawAuthenticator();
        });
    }
    return *m_engine;
}

const ClientCounters&
Client::GetCounters() const
{
    static const ClientCounters none; // immutable: all zero
    return m_engine ? m_engine->GetCounters() : none;
}

uint32_t
Client::GetOutstandingCount() const
{
    return m_engine ? m_engine->GetOutstandingCount() : 0;
}

void
Client::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_wakeup.Cancel();
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
    }
    m_done.clear();
    m_engine.reset(); // its authenticator source refers to this object
    m_random = nullptr;
    Application::DoDispose();
}

void
Client::StartApplication()
{
    NS_LOG_FUNCTION(this);
    Engine();
    if (!m_socket)
    {
        m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
        m_socket->Bind(InetSocketAddress(m_localAddress, 0)); // an ephemeral port
    }
    m_socket->SetRecvCallback(MakeCallback(&Client::HandleRead, this));
    ScheduleWakeup();
}

void
Client::StopApplication()
{
    NS_LOG_FUNCTION(this);
    m_wakeup.Cancel();
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
    }
}

uint64_t
Client::Authenticate(const std::string& userName, const std::string& password, DoneCallback done)
{
    NS_LOG_FUNCTION(this << userName);
    if (!m_socket)
    {
        NS_LOG_WARN("Authenticate() while the application is not running: ignored");
        return 0;
    }
    uint64_t handle = 0;
    const ClientActions actions =
        Engine().StartRequest(userName, password, DrawAuthenticator(), Simulator::Now(), handle);
    m_done[handle] = done;
    Apply(actions);
    return handle;
}

void
Client::HandleRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        const uint32_t unknown = static_cast<uint32_t>(m_servers.size());
        if (!InetSocketAddress::IsMatchingType(from))
        {
            m_rxTrace(packet, unknown);
            continue;
        }
        const InetSocketAddress peer = InetSocketAddress::ConvertFrom(from);
        const std::optional<uint32_t> server = Engine().FindServer(peer.GetIpv4(), peer.GetPort());
        m_rxTrace(packet, server.value_or(unknown));
        if (!server)
        {
            // RFC 2865 section 3: only configured servers share a secret.
            NS_LOG_INFO("datagram from unknown " << peer.GetIpv4() << ":" << peer.GetPort());
            continue;
        }
        std::vector<uint8_t> bytes(packet->GetSize());
        packet->CopyData(bytes.data(), bytes.size());
        Apply(Engine().ReceiveResponse(*server, bytes, Simulator::Now()));
    }
}

void
Client::Wakeup()
{
    NS_LOG_FUNCTION(this);
    Apply(Engine().Advance(Simulator::Now()));
}

void
Client::Apply(const ClientActions& actions)
{
    for (const Transmission& t : actions.send)
    {
        const ServerEntry& entry = m_servers.at(t.server);
        Ptr<Packet> packet = Create<Packet>(t.bytes.data(), t.bytes.size());
        NS_LOG_INFO("request " << t.request << " id " << +t.identifier << " to " << entry.address
                               << (t.retransmission ? " (resend)" : ""));
        if (m_socket)
        {
            // Traced before the send: a server on this node answers within
            // SendTo, and its answer must not appear before the request.
            m_txTrace(packet, t.server, t.retransmission);
            m_socket->SendTo(packet, 0, InetSocketAddress(entry.address, entry.port));
        }
    }
    for (const Result& r : actions.results)
    {
        m_outcomeTrace(r.request, r.outcome, r.latency);
        auto it = m_done.find(r.request);
        if (it == m_done.end())
        {
            continue;
        }
        DoneCallback done = it->second;
        m_done.erase(it);
        if (!done.IsNull())
        {
            done(r.outcome, r.latency); // may start another request
        }
    }
    ScheduleWakeup();
}

void
Client::ScheduleWakeup()
{
    m_wakeup.Cancel();
    if (!m_engine || !m_socket)
    {
        return;
    }
    const std::optional<Time> next = m_engine->GetNextWakeup();
    if (next)
    {
        const Time delay = *next > Simulator::Now() ? *next - Simulator::Now() : Time(0);
        m_wakeup = Simulator::Schedule(delay, &Client::Wakeup, this);
    }
}

} // namespace radius
} // namespace ns3
