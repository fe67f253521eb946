/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dns-stub-resolver.h"

#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <utility>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnsStubResolver");

namespace dns
{

NS_OBJECT_ENSURE_REGISTERED(StubResolver);

std::vector<Ipv4Address>
FollowCnameChain(const Message& message, const std::vector<uint8_t>& bytes, const Name& name)
{
    Name current = name;
    // Each step consumes one CNAME; more steps than records means a loop.
    for (std::size_t step = 0; step <= message.answers.size(); ++step)
    {
        std::vector<Ipv4Address> addresses;
        for (const ResourceRecord& rr : message.answers)
        {
            if (rr.name == current)
            {
                if (std::optional<Ipv4Address> a = rr.GetAddress())
                {
                    addresses.push_back(*a);
                }
            }
        }
        if (!addresses.empty())
        {
            return addresses;
        }
        const ResourceRecord* cname = nullptr;
        for (const ResourceRecord& rr : message.answers)
        {
            if (rr.type == TYPE_CNAME && rr.rclass == CLASS_IN && rr.name == current)
            {
                cname = &rr;
                break;
            }
        }
        if (cname == nullptr)
        {
            return {};
        }
        // RFC 1035 3.3.1: CNAME RDATA is a domain name, maybe compressed.
        Name target;
        size_t next = 0;
        const DecodeError error =
            !bytes.empty() && cname->rdataOffset > 0
                ? ReadName(bytes.data(), bytes.size(), cname->rdataOffset, target, next)
                : ReadName(cname->rdata.data(), cname->rdata.size(), 0, target, next);
        if (error != DecodeError::OK)
        {
            return {};
        }
        current = target;
    }
    return {};
}

TypeId
StubResolver::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::dns::StubResolver")
            .SetParent<Object>()
            .SetGroupName("Dns")
            .AddConstructor<StubResolver>()
            .AddAttribute("RetransmitTimeout",
                          "Wait after the first UDP transmission; doubled after each "
                          "retransmission (RFC 1123 6.1.3.3). RFC 1035 4.2.1: the minimum "
                          "interval should be 2-5 s; 5 s is also the BSD resolver's RES_TIMEOUT.",
                          TimeValue(Seconds(5)),
                          MakeTimeAccessor(&StubResolver::m_retransmitTimeout),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("MaxRetransmissions",
                          "UDP retransmissions before giving up (RFC 1123 6.1.3.3 asks for a "
                          "limit; 1, as the BSD resolver's 2 attempts per server).",
                          UintegerValue(1),
                          MakeUintegerAccessor(&StubResolver::m_maxRetransmissions),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("TcpTimeout",
                          "Wait for the whole TCP exchange after a truncated answer (RFC 7766 "
                          "section 5 fixes no value).",
                          TimeValue(Seconds(10)),
                          MakeTimeAccessor(&StubResolver::m_tcpTimeout),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("ServerPort",
                          "The server's port (RFC 1035 4.2: 53).",
                          UintegerValue(DNS_PORT),
                          MakeUintegerAccessor(&StubResolver::m_serverPort),
                          MakeUintegerChecker<uint16_t>(1))
            .AddTraceSource("QuerySent",
                            "A query sent: name, ID, attempt number, over TCP.",
                            MakeTraceSourceAccessor(&StubResolver::m_querySentTrace),
                            "ns3::dns::StubResolver::QuerySentTracedCallback")
            .AddTraceSource("AnswerReceived",
                            "A resolution ended with an answer: name, rcode, latency.",
                            MakeTraceSourceAccessor(&StubResolver::m_answerTrace),
                            "ns3::dns::StubResolver::AnswerTracedCallback")
            .AddTraceSource("Timeout",
                            "A resolution given up: name, attempts made.",
                            MakeTraceSourceAccessor(&StubResolver::m_timeoutTrace),
                            "ns3::dns::StubResolver::TimeoutTracedCallback");
    return tid;
}

StubResolver::StubResolver()
    : m_retransmitTimeout(Seconds(5))
    , m_maxRetransmissions(1)
    , m_tcpTimeout(Seconds(10))
    , m_serverPort(DNS_PORT)
    , m_haveServer(false)
    , m_random(CreateObject<UniformRandomVariable>())
{
    NS_LOG_FUNCTION(this);
}

StubResolver::~StubResolver()
{
    NS_LOG_FUNCTION(this);
}

void
StubResolver::DoDispose()
{
    NS_LOG_FUNCTION(this);
    for (auto& [id, query] : m_queries)
    {
        query.timer.Cancel();
        CloseTcp(query);
    }
    m_queries.clear();
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
    }
    m_node = nullptr;
    m_random = nullptr;
    Object::DoDispose();
}

void
StubResolver::Setup(Ptr<Node> node)
{
    m_node = node;
}

void
StubResolver::SetServer(Ipv4Address server)
{
    m_server = server;
    m_haveServer = true;
}

Ipv4Address
StubResolver::GetServer() const
{
    return m_server;
}

int64_t
StubResolver::AssignStreams(int64_t stream)
{
    m_random->SetStream(stream);
    return 1;
}

const StubResolverCounters&
StubResolver::GetCounters() const
{
    return m_counters;
}

std::size_t
StubResolver::GetOutstandingCount() const
{
    return m_queries.size();
}

bool
StubResolver::EnsureSocket()
{
    if (m_socket)
    {
        return true;
    }
    if (!m_node)
    {
        return false;
    }
    m_socket = Socket::CreateSocket(m_node, UdpSocketFactory::GetTypeId());
    if (m_socket->Bind() != 0) // an ephemeral port
    {
        m_socket = nullptr;
        return false;
    }
    m_socket->SetRecvCallback(MakeCallback(&StubResolver::HandleRead, this));
    return true;
}

uint16_t
StubResolver::NewId() const
{
    // RFC 5452 section 9.2: unpredictable; unique among the outstanding.
    uint16_t id = static_cast<uint16_t>(m_random->GetInteger(0, 0xffff));
    while (m_queries.count(id) != 0)
    {
        ++id;
    }
    return id;
}

void
StubResolver::Resolve(const std::string& name, ResolveCallback done)
{
    NS_LOG_FUNCTION(this << name);
    ResolveResult result;
    const std::optional<Name> parsed = Name::Parse(name);
    if (parsed)
    {
        result.name = *parsed;
    }
    if (!parsed || !m_haveServer || m_queries.size() > 0xffff || !EnsureSocket())
    {
        NS_LOG_WARN("cannot resolve '"
                    << name << "': " << (parsed ? "no node, server or socket" : "bad name"));
        result.rcode = parsed ? RCODE_SERVFAIL : RCODE_FORMERR;
        result.gaveUp = true;
        if (!done.IsNull())
        {
            done(result);
        }
        return;
    }
    const uint16_t id = NewId();
    Query query;
    query.question.name = *parsed;
    query.question.type = TYPE_A;
    query.question.qclass = CLASS_IN;
    query.done = done;
    query.start = Simulator::Now();
    query.interval = m_retransmitTimeout;
    Message message;
    message.header.id = id;
    message.header.rd = true; // a stub asks for recursion (RFC 1034 5.3.1)
    message.questions.push_back(query.question);
    query.bytes = message.Encode();
    m_queries.emplace(id, std::move(query));
    ++m_counters.queries;
    Transmit(id);
}

void
StubResolver::Transmit(uint16_t id)
{
    Query& query = m_queries.at(id);
    ++query.attempts;
    ++m_counters.transmissions;
    if (query.attempts > 1)
    {
        ++m_counters.retransmissions;
    }
    NS_LOG_INFO("query " << id << " for " << query.question.name << " attempt " << query.attempts);
    m_querySentTrace(query.question.name.ToString(), id, query.attempts, false);
    Ptr<Packet> packet = Create<Packet>(query.bytes.data(), query.bytes.size());
    const Time wait = query.interval;
    query.interval = query.interval * 2;
    query.timer = Simulator::Schedule(wait, &StubResolver::Expire, this, id);
    m_socket->SendTo(packet, 0, InetSocketAddress(m_server, m_serverPort));
}

void
StubResolver::Expire(uint16_t id)
{
    auto it = m_queries.find(id);
    if (it == m_queries.end())
    {
        return;
    }
    Query& query = it->second;
    if (!query.tcp && query.attempts <= m_maxRetransmissions)
    {
        Transmit(id);
        return;
    }
    ++m_counters.timeouts;
    m_timeoutTrace(query.question.name.ToString(), query.attempts);
    ResolveResult result;
    result.gaveUp = true;
    Finish(id, result);
}

void
StubResolver::HandleRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        if (!InetSocketAddress::IsMatchingType(from))
        {
            ++m_counters.mismatches;
            continue;
        }
        const InetSocketAddress peer = InetSocketAddress::ConvertFrom(from);
        if (peer.GetIpv4() != m_server || peer.GetPort() != m_serverPort)
        {
            // RFC 5452 section 9.1: only the server asked may answer.
            NS_LOG_INFO("reply from " << peer.GetIpv4() << ":" << peer.GetPort() << " ignored");
            ++m_counters.mismatches;
            continue;
        }
        std::vector<uint8_t> bytes(packet->GetSize());
        packet->CopyData(bytes.data(), bytes.size());
        HandleReply(0, bytes, false);
    }
}

bool
StubResolver::HandleReply(uint16_t expectedId, const std::vector<uint8_t>& bytes, bool tcp)
{
    Message reply;
    if (Message::Decode(bytes, reply) != DecodeError::OK)
    {
        ++m_counters.malformed;
        return false;
    }
    auto it = m_queries.find(reply.header.id);
    if (it == m_queries.end() || (tcp && reply.header.id != expectedId) || !reply.header.qr ||
        reply.header.opcode != OPCODE_QUERY || reply.questions.size() != 1 ||
        reply.questions.front() != it->second.question || it->second.tcp != tcp)
    {
        // Wrong ID or question, or a UDP copy arriving once TCP has started.
        NS_LOG_INFO("reply id " << reply.header.id << " ignored");
        ++m_counters.mismatches;
        return false;
    }
    Query& query = it->second;
    if (reply.header.tc && !tcp)
    {
        // RFC 1035 4.2.1 / RFC 7766 section 5: ask again over TCP.
        ++m_counters.truncated;
        StartTcp(reply.header.id);
        return true;
    }
    ResolveResult result;
    result.rcode = reply.header.rcode;
    result.addresses = FollowCnameChain(reply, bytes, query.question.name);
    ++m_counters.answers;
    Finish(reply.header.id, result);
    return true;
}

void
StubResolver::StartTcp(uint16_t id)
{
    Query& query = m_queries.at(id);
    query.timer.Cancel();
    query.tcp = true;
    ++query.attempts;
    m_querySentTrace(query.question.name.ToString(), id, query.attempts, true);
    query.timer = Simulator::Schedule(m_tcpTimeout, &StubResolver::Expire, this, id);
    query.tcpSocket = Socket::CreateSocket(m_node, TcpSocketFactory::GetTypeId());
    query.tcpSocket->Bind();
    query.tcpSocket->SetConnectCallback(MakeCallback(&StubResolver::TcpConnected, this),
                                        MakeCallback(&StubResolver::TcpFailed, this));
    query.tcpSocket->SetCloseCallbacks(MakeCallback(&StubResolver::TcpFailed, this),
                                       MakeCallback(&StubResolver::TcpFailed, this));
    query.tcpSocket->SetRecvCallback(MakeCallback(&StubResolver::TcpRead, this));
    query.tcpSocket->Connect(InetSocketAddress(m_server, m_serverPort));
}

bool
StubResolver::FindTcp(Ptr<Socket> socket, uint16_t& id) const
{
    for (const auto& [qid, query] : m_queries)
    {
        if (query.tcpSocket == socket)
        {
            id = qid;
            return true;
        }
    }
    return false;
}

void
StubResolver::TcpConnected(Ptr<Socket> socket)
{
    uint16_t id = 0;
    if (!FindTcp(socket, id))
    {
        return;
    }
    const std::optional<std::vector<uint8_t>> frame = FrameForTcp(m_queries.at(id).bytes);
    if (frame)
    {
        socket->Send(Create<Packet>(frame->data(), frame->size()));
    }
}

void
StubResolver::TcpFailed(Ptr<Socket> socket)
{
    uint16_t id = 0;
    if (!FindTcp(socket, id))
    {
        return;
    }
    NS_LOG_INFO("TCP for query " << id << " failed or closed before the answer");
    Query& query = m_queries.at(id);
    ++m_counters.timeouts;
    m_timeoutTrace(query.question.name.ToString(), query.attempts);
    ResolveResult result;
    result.gaveUp = true;
    Finish(id, result);
}

void
StubResolver::TcpRead(Ptr<Socket> socket)
{
    uint16_t id = 0;
    if (!FindTcp(socket, id))
    {
        return;
    }
    while (Ptr<Packet> packet = socket->Recv())
    {
        auto it = m_queries.find(id);
        if (it == m_queries.end())
        {
            return; // answered by an earlier frame
        }
        std::vector<uint8_t>& buffer = it->second.tcpBuffer;
        const size_t old = buffer.size();
        buffer.resize(old + packet->GetSize());
        packet->CopyData(buffer.data() + old, packet->GetSize());
        std::vector<uint8_t> frame;
        size_t used = 0;
        while ((used = ReadTcpFrame(buffer.data(), buffer.size(), frame)) > 0)
        {
            buffer.erase(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(used));
            if (HandleReply(id, frame, true))
            {
                return; // the query is finished and its socket closed
            }
        }
    }
}

void
StubResolver::CloseTcp(Query& query)
{
    if (!query.tcpSocket)
    {
        return;
    }
    query.tcpSocket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    query.tcpSocket->SetConnectCallback(MakeNullCallback<void, Ptr<Socket>>(),
                                        MakeNullCallback<void, Ptr<Socket>>());
    query.tcpSocket->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                                       MakeNullCallback<void, Ptr<Socket>>());
    query.tcpSocket->Close();
    query.tcpSocket = nullptr;
}

void
StubResolver::Finish(uint16_t id, ResolveResult result)
{
    auto it = m_queries.find(id);
    if (it == m_queries.end())
    {
        return;
    }
    Query query = std::move(it->second);
    m_queries.erase(it);
    query.timer.Cancel();
    CloseTcp(query);
    result.name = query.question.name;
    result.latency = Simulator::Now() - query.start;
    result.attempts = query.attempts;
    result.usedTcp = query.tcp;
    if (!result.gaveUp)
    {
        m_answerTrace(result.name.ToString(), result.rcode, result.latency);
    }
    NS_LOG_INFO("resolved " << result.name << ": " << RcodeName(result.rcode) << ", "
                            << result.addresses.size() << " address(es), " << result.attempts
                            << " attempt(s)" << (result.gaveUp ? ", gave up" : ""));
    if (!query.done.IsNull())
    {
        query.done(result); // may start another resolution
    }
}

} // namespace dns
} // namespace ns3
