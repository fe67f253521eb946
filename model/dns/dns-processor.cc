/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dns-processor.h"

#include "ns3/boolean.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <utility>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnsProcessor");

namespace dns
{

NS_OBJECT_ENSURE_REGISTERED(Processor);

TypeId
Processor::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::dns::Processor")
            .SetParent<Application>()
            .SetGroupName("Dns")
            .AddConstructor<Processor>()
            .AddAttribute("LocalDomain",
                          "The home network's domain: its hosts are answered from the table "
                          "(RFC 8375 reserves home.arpa for this use).",
                          StringValue("home.arpa"),
                          MakeStringAccessor(&Processor::m_localDomain),
                          MakeStringChecker())
            .AddAttribute("Port",
                          "The port listened on (RFC 1035 4.2: 53).",
                          UintegerValue(DNS_PORT),
                          MakeUintegerAccessor(&Processor::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("ForwardTimeout",
                          "A forwarded query without a reply after this long is answered "
                          "SERVFAIL (RFC 1035 4.1.1; no RFC value: 10 s, BIND's "
                          "resolver-query-timeout default).",
                          TimeValue(Seconds(10)),
                          MakeTimeAccessor(&Processor::m_forwardTimeout),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("LocalTtl",
                          "TTL of the A records answered from the table, in seconds (RFC 1035 "
                          "3.2.1; short, as DHCP leases change).",
                          UintegerValue(60),
                          MakeUintegerAccessor(&Processor::m_localTtl),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("MaxOutstanding",
                          "Forwarded queries waiting at most; a query beyond is answered "
                          "SERVFAIL.",
                          UintegerValue(1024),
                          MakeUintegerAccessor(&Processor::m_maxOutstanding),
                          MakeUintegerChecker<uint32_t>(1, 65536))
            .AddAttribute("EnableTcp",
                          "Also listen on TCP (RFC 7766 section 5: for truncated answers).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&Processor::m_enableTcp),
                          MakeBooleanChecker())
            .AddAttribute("Upstream",
                          "The server non-local queries are forwarded to; 0.0.0.0: none "
                          "(SetUpstream() sets it too).",
                          Ipv4AddressValue(Ipv4Address::GetAny()),
                          MakeIpv4AddressAccessor(&Processor::m_upstream),
                          MakeIpv4AddressChecker())
            .AddAttribute("UpstreamPort",
                          "The upstream server's port (RFC 1035 4.2: 53).",
                          UintegerValue(DNS_PORT),
                          MakeUintegerAccessor(&Processor::m_upstreamPort),
                          MakeUintegerChecker<uint16_t>(1))
            .AddTraceSource("Query",
                            "A datagram or TCP frame from a client: its address, size.",
                            MakeTraceSourceAccessor(&Processor::m_queryTrace),
                            "ns3::dns::Processor::QueryTracedCallback")
            .AddTraceSource("LocalAnswer",
                            "Answered from the table: name, rcode (NOERROR or NXDOMAIN).",
                            MakeTraceSourceAccessor(&Processor::m_localAnswerTrace),
                            "ns3::dns::Processor::AnswerTracedCallback")
            .AddTraceSource("Forwarded",
                            "A query forwarded: name, server, upstream ID.",
                            MakeTraceSourceAccessor(&Processor::m_forwardedTrace),
                            "ns3::dns::Processor::ForwardedTracedCallback")
            .AddTraceSource("Relayed",
                            "An upstream reply relayed to its client: name, rcode.",
                            MakeTraceSourceAccessor(&Processor::m_relayedTrace),
                            "ns3::dns::Processor::AnswerTracedCallback")
            .AddTraceSource("HookDecision",
                            "The query hook answered or forwarded: name, HookDecision::Kind.",
                            MakeTraceSourceAccessor(&Processor::m_hookTrace),
                            "ns3::dns::Processor::HookTracedCallback")
            .AddTraceSource("Timeout",
                            "A forwarded query expired (SERVFAIL sent): name.",
                            MakeTraceSourceAccessor(&Processor::m_timeoutTrace),
                            "ns3::dns::Processor::TimeoutTracedCallback")
            .AddTraceSource("Event",
                            "Every decision: ProcessorEvent, name.",
                            MakeTraceSourceAccessor(&Processor::m_eventTrace),
                            "ns3::dns::Processor::EventTracedCallback")
            .AddTraceSource("HostTable",
                            "The local table changed: name, address, added (false: removed).",
                            MakeTraceSourceAccessor(&Processor::m_hostTableTrace),
                            "ns3::dns::Processor::HostTableTracedCallback");
    return tid;
}

Processor::Processor()
    : m_localDomain("home.arpa")
    , m_port(DNS_PORT)
    , m_forwardTimeout(Seconds(10))
    , m_localTtl(60)
    , m_maxOutstanding(1024)
    , m_enableTcp(true)
    , m_upstream(Ipv4Address::GetAny())
    , m_upstreamPort(DNS_PORT)
    , m_random(CreateObject<UniformRandomVariable>())
    , m_nextConnection(0)
{
    NS_LOG_FUNCTION(this);
}

Processor::~Processor()
{
    NS_LOG_FUNCTION(this);
}

void
Processor::AddListenAddress(Ipv4Address address)
{
    m_listenAddresses.push_back(address);
}

void
Processor::SetUpstream(Ipv4Address server, uint16_t port)
{
    m_upstream = server;
    m_upstreamPort = port;
    if (m_engine)
    {
        m_engine->SetUpstream(PeerAddress{server, port, 0});
    }
}

ProcessorEngine&
Processor::Engine()
{
    if (!m_engine)
    {
        ProcessorEngine::Config config;
        if (std::optional<Name> domain = Name::Parse(m_localDomain))
        {
            config.localDomain = *domain;
        }
        else
        {
            NS_LOG_WARN("LocalDomain '" << m_localDomain << "' does not parse: no local domain");
        }
        config.forwardTimeout = m_forwardTimeout;
        config.localTtl = m_localTtl;
        config.maxOutstanding = m_maxOutstanding;
        m_engine = std::make_unique<ProcessorEngine>(config, [this]() {
            return static_cast<uint16_t>(m_random->GetInteger(0, 0xffff));
        });
        if (m_upstream != Ipv4Address::GetAny())
        {
            m_engine->SetUpstream(PeerAddress{m_upstream, m_upstreamPort, 0});
        }
        if (m_hook)
        {
            m_engine->SetQueryHook(m_hook);
        }
    }
    return *m_engine;
}

bool
Processor::AddHost(const std::string& name, Ipv4Address address)
{
    const std::optional<Name> parsed = Name::Parse(name);
    if (!parsed || !Engine().AddHost(*parsed, address))
    {
        NS_LOG_WARN("host '" << name << "' is not under " << m_localDomain << ": not added");
        return false;
    }
    m_hostTableTrace(name, address, true);
    return true;
}

std::optional<Ipv4Address>
Processor::FindHost(const std::string& name)
{
    const std::optional<Name> parsed = Name::Parse(name);
    return parsed ? Engine().FindHost(*parsed) : std::nullopt;
}

bool
Processor::RemoveHost(const std::string& name)
{
    const std::optional<Name> parsed = Name::Parse(name);
    if (!parsed)
    {
        return false;
    }
    const std::optional<Ipv4Address> address = Engine().FindHost(*parsed);
    if (!address || !Engine().RemoveHost(*parsed))
    {
        return false;
    }
    m_hostTableTrace(name, *address, false);
    return true;
}

void
Processor::SetQueryHook(QueryHook hook)
{
    m_hook = hook;
    if (m_engine)
    {
        m_engine->SetQueryHook(hook);
    }
}

int64_t
Processor::AssignStreams(int64_t stream)
{
    m_random->SetStream(stream);
    return 1;
}

const ProcessorCounters&
Processor::GetCounters() const
{
    static const ProcessorCounters none; // immutable: all zero
    return m_engine ? m_engine->GetCounters() : none;
}

std::size_t
Processor::GetOutstandingCount() const
{
    return m_engine ? m_engine->GetOutstandingCount() : 0;
}

void
Processor::CloseSocket(Ptr<Socket> socket)
{
    if (!socket)
    {
        return;
    }
    socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    socket->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                              MakeNullCallback<void, Ptr<Socket>>());
    socket->SetConnectCallback(MakeNullCallback<void, Ptr<Socket>>(),
                               MakeNullCallback<void, Ptr<Socket>>());
    socket->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                              MakeNullCallback<void, Ptr<Socket>, const Address&>());
    socket->Close();
}

void
Processor::DoDispose()
{
    NS_LOG_FUNCTION(this);
    StopApplication();
    m_engine.reset(); // its ID source refers to this object
    m_hook = nullptr;
    m_random = nullptr;
    Application::DoDispose();
}

void
Processor::StartApplication()
{
    NS_LOG_FUNCTION(this);
    Engine();
    std::vector<Ipv4Address> addresses = m_listenAddresses;
    if (addresses.empty())
    {
        addresses.push_back(Ipv4Address::GetAny());
    }
    for (const Ipv4Address& address : addresses)
    {
        Ptr<Socket> udp = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
        if (udp->Bind(InetSocketAddress(address, m_port)) != 0)
        {
            NS_LOG_WARN("cannot bind UDP " << address << ":" << m_port);
            continue;
        }
        udp->SetRecvCallback(MakeCallback(&Processor::HandleQuery, this));
        m_udpSockets.push_back(udp);
        if (m_enableTcp)
        {
            Ptr<Socket> tcp = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
            if (tcp->Bind(InetSocketAddress(address, m_port)) != 0 || tcp->Listen() != 0)
            {
                NS_LOG_WARN("cannot listen on TCP " << address << ":" << m_port);
                continue;
            }
            tcp->SetAcceptCallback(MakeCallback(&Processor::AcceptRequest, this),
                                   MakeCallback(&Processor::Accepted, this));
            m_tcpSockets.push_back(tcp);
        }
    }
    m_upstreamSocket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    m_upstreamSocket->Bind(); // an ephemeral port
    m_upstreamSocket->SetRecvCallback(MakeCallback(&Processor::HandleUpstream, this));
    ScheduleWakeup();
}

void
Processor::StopApplication()
{
    NS_LOG_FUNCTION(this);
    m_wakeup.Cancel();
    for (Ptr<Socket>& s : m_udpSockets)
    {
        CloseSocket(s);
    }
    for (Ptr<Socket>& s : m_tcpSockets)
    {
        CloseSocket(s);
    }
    for (auto& [handle, c] : m_clientConnections)
    {
        CloseSocket(c.socket);
    }
    for (UpstreamConnection& c : m_upstreamConnections)
    {
        CloseSocket(c.socket);
    }
    CloseSocket(m_upstreamSocket);
    m_udpSockets.clear();
    m_tcpSockets.clear();
    m_clientConnections.clear();
    m_upstreamConnections.clear();
    m_replySocket.clear();
    m_upstreamSocket = nullptr;
}

void
Processor::HandleQuery(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        if (!InetSocketAddress::IsMatchingType(from))
        {
            continue;
        }
        const InetSocketAddress peer = InetSocketAddress::ConvertFrom(from);
        const PeerAddress client{peer.GetIpv4(), peer.GetPort(), 0};
        m_queryTrace(client.address, packet->GetSize());
        m_replySocket[client] = socket;
        std::vector<uint8_t> bytes(packet->GetSize());
        packet->CopyData(bytes.data(), bytes.size());
        Apply(Engine().ReceiveQuery(client, bytes, Simulator::Now()));
    }
}

void
Processor::HandleUpstream(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        if (!InetSocketAddress::IsMatchingType(from))
        {
            continue;
        }
        const InetSocketAddress peer = InetSocketAddress::ConvertFrom(from);
        std::vector<uint8_t> bytes(packet->GetSize());
        packet->CopyData(bytes.data(), bytes.size());
        Apply(Engine().ReceiveUpstream(
            PeerAddress{peer.GetIpv4(), peer.GetPort(), 0}, bytes, Simulator::Now()));
    }
}

void
Processor::Wakeup()
{
    Apply(Engine().Advance(Simulator::Now()));
}

void
Processor::ScheduleWakeup()
{
    m_wakeup.Cancel();
    if (!m_engine || !m_upstreamSocket)
    {
        return;
    }
    if (const std::optional<Time> next = m_engine->GetNextWakeup())
    {
        const Time delay = *next > Simulator::Now() ? *next - Simulator::Now() : Time(0);
        m_wakeup = Simulator::Schedule(delay, &Processor::Wakeup, this);
    }
}

void
Processor::Report(const ProcessorOutput::Report& report)
{
    const std::string name = report.name.ToString();
    NS_LOG_INFO(report.event << " " << name << " client " << report.client << " "
                             << RcodeName(report.rcode));
    m_eventTrace(static_cast<uint8_t>(report.event), name);
    switch (report.event)
    {
    case ProcessorEvent::LOCAL_ANSWER:
    case ProcessorEvent::LOCAL_NXDOMAIN:
        m_localAnswerTrace(name, report.rcode);
        break;
    case ProcessorEvent::HOOK_ANSWER:
        m_hookTrace(name, HookDecision::ANSWER);
        break;
    case ProcessorEvent::HOOK_FORWARD:
        m_hookTrace(name, HookDecision::FORWARD);
        m_forwardedTrace(name, report.server.address, report.upstreamId);
        break;
    case ProcessorEvent::HOOK_REFUSED:
        m_hookTrace(name, HookDecision::REFUSE);
        break;
    case ProcessorEvent::FORWARDED:
        m_forwardedTrace(name, report.server.address, report.upstreamId);
        break;
    case ProcessorEvent::RELAYED:
        m_relayedTrace(name, report.rcode);
        break;
    case ProcessorEvent::TIMEOUT:
        m_timeoutTrace(name);
        break;
    default:
        break;
    }
}

void
Processor::Apply(const ProcessorOutput& output)
{
    for (const ProcessorOutput::Report& report : output.reports)
    {
        Report(report);
    }
    for (const ProcessorOutput::Datagram& d : output.upstream)
    {
        if (d.to.connection != 0)
        {
            SendUpstreamTcp(d.to, d.bytes);
        }
        else if (m_upstreamSocket)
        {
            m_upstreamSocket->SendTo(Create<Packet>(d.bytes.data(), d.bytes.size()),
                                     0,
                                     InetSocketAddress(d.to.address, d.to.port));
        }
    }
    for (const ProcessorOutput::Datagram& d : output.toClients)
    {
        if (d.to.connection != 0)
        {
            auto it = m_clientConnections.find(d.to.connection);
            const std::optional<std::vector<uint8_t>> frame = FrameForTcp(d.bytes);
            if (it != m_clientConnections.end() && frame)
            {
                it->second.socket->Send(Create<Packet>(frame->data(), frame->size()));
            }
            continue;
        }
        auto it = m_replySocket.find(d.to);
        if (it == m_replySocket.end())
        {
            continue; // the application stopped since
        }
        it->second->SendTo(Create<Packet>(d.bytes.data(), d.bytes.size()),
                           0,
                           InetSocketAddress(d.to.address, d.to.port));
    }
    ScheduleWakeup();
}

// ------------------------------------------------------------------ TCP

bool
Processor::AcceptRequest(Ptr<Socket> /* socket */, const Address& /* from */)
{
    return true;
}

void
Processor::Accepted(Ptr<Socket> socket, const Address& from)
{
    if (!InetSocketAddress::IsMatchingType(from))
    {
        CloseSocket(socket);
        return;
    }
    const InetSocketAddress peer = InetSocketAddress::ConvertFrom(from);
    // Handle 0 means UDP: skip it when the counter wraps.
    if (++m_nextConnection == 0)
    {
        ++m_nextConnection;
    }
    ClientConnection c;
    c.socket = socket;
    c.address = peer.GetIpv4();
    c.port = peer.GetPort();
    m_clientConnections[m_nextConnection] = c;
    socket->SetRecvCallback(MakeCallback(&Processor::ClientRead, this));
    socket->SetCloseCallbacks(MakeCallback(&Processor::ClientClosed, this),
                              MakeCallback(&Processor::ClientClosed, this));
}

void
Processor::ClientRead(Ptr<Socket> socket)
{
    auto it = std::find_if(
        m_clientConnections.begin(), m_clientConnections.end(), [&socket](const auto& entry) {
            return entry.second.socket == socket;
        });
    if (it == m_clientConnections.end())
    {
        return;
    }
    const uint32_t handle = it->first;
    while (Ptr<Packet> packet = socket->Recv())
    {
        std::vector<uint8_t>& buffer = m_clientConnections[handle].buffer;
        const size_t old = buffer.size();
        buffer.resize(old + packet->GetSize());
        packet->CopyData(buffer.data() + old, packet->GetSize());
        std::vector<uint8_t> frame;
        size_t used = 0;
        while ((used = ReadTcpFrame(buffer.data(), buffer.size(), frame)) > 0)
        {
            buffer.erase(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(used));
            const PeerAddress client{it->second.address, it->second.port, handle};
            m_queryTrace(client.address, static_cast<uint32_t>(frame.size()));
            Apply(Engine().ReceiveQuery(client, frame, Simulator::Now()));
            if (m_clientConnections.count(handle) == 0)
            {
                return;
            }
        }
    }
}

void
Processor::ClientClosed(Ptr<Socket> socket)
{
    for (auto it = m_clientConnections.begin(); it != m_clientConnections.end(); ++it)
    {
        if (it->second.socket == socket)
        {
            CloseSocket(socket);
            m_clientConnections.erase(it);
            return;
        }
    }
}

void
Processor::SendUpstreamTcp(const PeerAddress& server, const std::vector<uint8_t>& query)
{
    UpstreamConnection c;
    c.socket = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
    c.server = server;
    c.query = query;
    c.socket->Bind();
    c.socket->SetConnectCallback(MakeCallback(&Processor::UpstreamConnected, this),
                                 MakeCallback(&Processor::UpstreamClosed, this));
    c.socket->SetRecvCallback(MakeCallback(&Processor::UpstreamRead, this));
    c.socket->SetCloseCallbacks(MakeCallback(&Processor::UpstreamClosed, this),
                                MakeCallback(&Processor::UpstreamClosed, this));
    m_upstreamConnections.push_back(c);
    c.socket->Connect(InetSocketAddress(server.address, server.port));
}

void
Processor::UpstreamConnected(Ptr<Socket> socket)
{
    for (const UpstreamConnection& c : m_upstreamConnections)
    {
        if (c.socket == socket)
        {
            if (const std::optional<std::vector<uint8_t>> frame = FrameForTcp(c.query))
            {
                socket->Send(Create<Packet>(frame->data(), frame->size()));
            }
            return;
        }
    }
}

void
Processor::UpstreamRead(Ptr<Socket> socket)
{
    auto it = std::find_if(m_upstreamConnections.begin(),
                           m_upstreamConnections.end(),
                           [&socket](const UpstreamConnection& c) {
                               return c.socket == socket;
                           });
    if (it == m_upstreamConnections.end())
    {
        return;
    }
    while (Ptr<Packet> packet = socket->Recv())
    {
        std::vector<uint8_t>& buffer = it->buffer;
        const size_t old = buffer.size();
        buffer.resize(old + packet->GetSize());
        packet->CopyData(buffer.data() + old, packet->GetSize());
        std::vector<uint8_t> frame;
        if (ReadTcpFrame(buffer.data(), buffer.size(), frame) > 0)
        {
            // One query per connection: the first frame is its reply.
            const PeerAddress server = it->server;
            CloseSocket(socket);
            m_upstreamConnections.erase(it);
            Apply(Engine().ReceiveUpstream(
                PeerAddress{server.address, server.port, 0}, frame, Simulator::Now()));
            return;
        }
    }
}

void
Processor::UpstreamClosed(Ptr<Socket> socket)
{
    // The query stays outstanding until ForwardTimeout answers SERVFAIL.
    auto it = std::find_if(m_upstreamConnections.begin(),
                           m_upstreamConnections.end(),
                           [&socket](const UpstreamConnection& c) {
                               return c.socket == socket;
                           });
    if (it != m_upstreamConnections.end())
    {
        CloseSocket(socket);
        m_upstreamConnections.erase(it);
    }
}

} // namespace dns
} // namespace ns3
