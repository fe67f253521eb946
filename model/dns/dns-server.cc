/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dns-server.h"

#include "ns3/boolean.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipvpn-byte-order.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnsServer");

namespace dns
{

NS_OBJECT_ENSURE_REGISTERED(Server);

namespace
{

Ipv4Address
PeerAddress(const Address& peer)
{
    return InetSocketAddress::IsMatchingType(peer) ? InetSocketAddress::ConvertFrom(peer).GetIpv4()
                                                   : Ipv4Address::GetAny();
}

Ptr<Packet>
ToPacket(const std::vector<uint8_t>& bytes)
{
    return Create<Packet>(bytes.data(), bytes.size());
}

std::vector<uint8_t>
FromPacket(Ptr<const Packet> packet)
{
    std::vector<uint8_t> bytes(packet->GetSize());
    packet->CopyData(bytes.data(), bytes.size());
    return bytes;
}

} // namespace

uint64_t
ServerCounters::AnswersWith(uint8_t rcode) const
{
    return rcode < answersByRcode.size() ? answersByRcode[rcode] : 0;
}

uint64_t
ServerCounters::Answers() const
{
    uint64_t sum = 0;
    for (uint64_t n : answersByRcode)
    {
        sum += n;
    }
    return sum;
}

TypeId
Server::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::dns::Server")
            .SetParent<Application>()
            .SetGroupName("Dns")
            .AddConstructor<Server>()
            .AddAttribute("Port",
                          "UDP and TCP port listened on (RFC 1035 4.2: 53).",
                          UintegerValue(DNS_PORT),
                          MakeUintegerAccessor(&Server::m_port),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("MaxUdpSize",
                          "Longest answer sent over UDP; longer ones are truncated with TC "
                          "(RFC 1035 4.2.1: 512; EDNS, RFC 6891, is not built).",
                          UintegerValue(MAX_UDP_SIZE),
                          MakeUintegerAccessor(&Server::m_maxUdpSize),
                          MakeUintegerChecker<uint32_t>(HEADER_SIZE))
            .AddAttribute("TcpIdleTimeout",
                          "Close a TCP connection idle this long (RFC 1035 4.2.2: \"on the "
                          "order of two minutes\"; RFC 7766 6.2.3 suggests seconds).",
                          TimeValue(Minutes(2)),
                          MakeTimeAccessor(&Server::m_tcpIdleTimeout),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("EnableTcp",
                          "Listen on TCP as well (RFC 1035 4.2.2, RFC 7766 5: servers MUST).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&Server::m_enableTcp),
                          MakeBooleanChecker())
            .AddTraceSource("Query",
                            "A QUERY answered: name, QTYPE, RCODE.",
                            MakeTraceSourceAccessor(&Server::m_queryTrace),
                            "ns3::dns::Server::QueryTracedCallback")
            .AddTraceSource("Update",
                            "An UPDATE answered: name, sender, RCODE (NoError: applied).",
                            MakeTraceSourceAccessor(&Server::m_updateTrace),
                            "ns3::dns::Server::UpdateTracedCallback")
            .AddTraceSource("Malformed",
                            "A request that did not decode: sender, error.",
                            MakeTraceSourceAccessor(&Server::m_malformedTrace),
                            "ns3::dns::Server::MalformedTracedCallback")
            .AddTraceSource("Rx",
                            "A DNS message received: octets, peer, TCP.",
                            MakeTraceSourceAccessor(&Server::m_rxTrace),
                            "ns3::dns::Server::MessageTracedCallback")
            .AddTraceSource("Tx",
                            "A DNS answer sent (as sent, truncated or not): octets, peer, TCP.",
                            MakeTraceSourceAccessor(&Server::m_txTrace),
                            "ns3::dns::Server::MessageTracedCallback")
            .AddTraceSource("ZoneChanged",
                            "An UPDATE changed the zone: the new serial.",
                            MakeTraceSourceAccessor(&Server::m_zoneChangedTrace),
                            "ns3::dns::Server::ZoneChangedTracedCallback");
    return tid;
}

Server::Server()
    : m_port(DNS_PORT)
    , m_maxUdpSize(MAX_UDP_SIZE)
    , m_tcpIdleTimeout(Minutes(2))
    , m_enableTcp(true)
{
    NS_LOG_FUNCTION(this);
}

Server::~Server()
{
    NS_LOG_FUNCTION(this);
}

void
Server::SetZone(const Zone& zone)
{
    m_zone = zone;
}

Zone&
Server::GetZone()
{
    return m_zone;
}

const Zone&
Server::GetZone() const
{
    return m_zone;
}

void
Server::AddUpdatePrefix(Ipv4Address prefix, Ipv4Mask mask)
{
    m_zone.AllowUpdatesFrom(prefix, mask);
}

const ServerCounters&
Server::GetCounters() const
{
    return m_counters;
}

uint32_t
Server::GetTcpConnectionCount() const
{
    return static_cast<uint32_t>(m_connections.size());
}

void
Server::DoDispose()
{
    NS_LOG_FUNCTION(this);
    StopApplication();
    Application::DoDispose();
}

void
Server::StartApplication()
{
    NS_LOG_FUNCTION(this);
    if (!m_udp)
    {
        m_udp = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
        if (m_udp->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port)) != 0)
        {
            NS_LOG_ERROR("cannot bind UDP port " << m_port);
        }
        m_udp->SetRecvCallback(MakeCallback(&Server::HandleUdpRead, this));
    }
    if (m_enableTcp && !m_tcp)
    {
        m_tcp = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
        if (m_tcp->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port)) != 0 ||
            m_tcp->Listen() != 0)
        {
            NS_LOG_ERROR("cannot listen on TCP port " << m_port);
        }
        m_tcp->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                 MakeCallback(&Server::HandleAccept, this));
    }
}

void
Server::StopApplication()
{
    NS_LOG_FUNCTION(this);
    if (m_udp)
    {
        m_udp->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_udp->Close();
        m_udp = nullptr;
    }
    if (m_tcp)
    {
        m_tcp->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                 MakeNullCallback<void, Ptr<Socket>, const Address&>());
        m_tcp->Close();
        m_tcp = nullptr;
    }
    while (!m_connections.empty())
    {
        CloseConnection(m_connections.begin()->first);
    }
}

std::optional<Message>
Server::Handle(const std::vector<uint8_t>& bytes, const Address& peer, bool tcp)
{
    const Ipv4Address from = PeerAddress(peer);
    m_rxTrace(ToPacket(bytes), peer, tcp);
    if (tcp)
    {
        ++m_counters.tcpQueries;
    }
    Message request;
    const DecodeError error = Message::Decode(bytes, request);
    if (error != DecodeError::OK)
    {
        ++m_counters.malformed;
        m_malformedTrace(from, error);
        NS_LOG_INFO("malformed request from " << from << ": " << error);
        if (bytes.size() < HEADER_SIZE)
        {
            ++m_counters.malformedDropped; // no ID to answer with
            return std::nullopt;
        }
        MessageHeader header;
        header.SetFlags(static_cast<uint16_t>((bytes[2] << 8) | bytes[3]));
        if (header.qr)
        {
            ++m_counters.responsesIgnored;
            return std::nullopt;
        }
        // RFC 1035 4.1.1: "Format error - The name server was unable to interpret the query".
        Message formerr;
        formerr.header.id = byteorder::ReadBe16(bytes.data());
        formerr.header.qr = true;
        formerr.header.opcode = header.opcode;
        formerr.header.rd = header.rd;
        formerr.header.rcode = RCODE_FORMERR;
        return formerr;
    }
    if (request.header.qr)
    {
        ++m_counters.responsesIgnored; // answering a response could start a loop
        return std::nullopt;
    }

    const uint32_t serial = m_zone.GetSerial();
    Message answer = m_zone.Respond(request, from);
    switch (request.header.opcode)
    {
    case OPCODE_QUERY: {
        ++m_counters.queries;
        const Name name = request.questions.empty() ? Name() : request.questions[0].name;
        const uint16_t type = request.questions.empty() ? 0 : request.questions[0].type;
        m_queryTrace(name, type, answer.header.rcode);
        break;
    }
    case OPCODE_UPDATE: {
        ++m_counters.updates;
        if (answer.header.rcode == RCODE_NOERROR)
        {
            ++m_counters.updatesApplied;
        }
        else
        {
            ++m_counters.updatesRefused;
        }
        Name name;
        if (!request.authorities.empty())
        {
            name = request.authorities[0].name;
        }
        else if (!request.questions.empty())
        {
            name = request.questions[0].name;
        }
        NS_LOG_INFO("update " << name << " from " << from << ": "
                              << RcodeName(answer.header.rcode));
        m_updateTrace(name, from, answer.header.rcode);
        if (m_zone.GetSerial() != serial)
        {
            m_zoneChangedTrace(m_zone.GetSerial());
        }
        break;
    }
    default:
        ++m_counters.otherOpcodes;
        break;
    }
    return answer;
}

void
Server::CountAnswer(const Message& answer,
                    const std::vector<uint8_t>& bytes,
                    const Address& peer,
                    bool tcp)
{
    ++m_counters.answersByRcode[answer.header.rcode & 0x0f];
    m_txTrace(ToPacket(bytes), peer, tcp);
}

void
Server::HandleUdpRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        const std::optional<Message> answer = Handle(FromPacket(packet), from, false);
        if (!answer)
        {
            continue;
        }
        std::vector<uint8_t> bytes = answer->Encode();
        if (bytes.size() > m_maxUdpSize)
        {
            bytes = answer->EncodeTruncated(m_maxUdpSize); // RFC 1035 4.2.1
            ++m_counters.truncated;
        }
        CountAnswer(*answer, bytes, from, false);
        if (socket->SendTo(ToPacket(bytes), 0, from) < 0)
        {
            ++m_counters.sendErrors;
        }
    }
}

void
Server::HandleAccept(Ptr<Socket> socket, const Address& from)
{
    NS_LOG_FUNCTION(this << socket << from);
    ++m_counters.tcpConnections;
    Connection& c = m_connections[socket];
    c.peer = from;
    c.idle = Simulator::Schedule(m_tcpIdleTimeout, &Server::HandleIdle, this, socket);
    socket->SetRecvCallback(MakeCallback(&Server::HandleTcpRead, this));
    socket->SetCloseCallbacks(MakeCallback(&Server::HandlePeerClose, this),
                              MakeCallback(&Server::HandlePeerClose, this));
}

void
Server::HandleTcpRead(Ptr<Socket> socket)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
    {
        return;
    }
    Connection& c = it->second;
    while (Ptr<Packet> packet = socket->Recv())
    {
        if (packet->GetSize() == 0)
        {
            break;
        }
        const std::vector<uint8_t> bytes = FromPacket(packet);
        c.buffer.insert(c.buffer.end(), bytes.begin(), bytes.end());
    }
    // RFC 1035 4.2.2: each message behind its two-octet length; a frame may
    // arrive in pieces and several may arrive together.
    size_t used = 0;
    std::vector<uint8_t> request;
    while (size_t n = ReadTcpFrame(c.buffer.data() + used, c.buffer.size() - used, request))
    {
        used += n;
        const std::optional<Message> answer = Handle(request, c.peer, true);
        if (!answer)
        {
            continue;
        }
        const std::vector<uint8_t> bytes = answer->Encode();
        const std::optional<std::vector<uint8_t>> frame = FrameForTcp(bytes);
        if (!frame)
        {
            ++m_counters.sendErrors; // over 65535 octets: cannot be framed
            continue;
        }
        CountAnswer(*answer, bytes, c.peer, true);
        if (socket->Send(ToPacket(*frame)) < 0)
        {
            ++m_counters.sendErrors;
        }
    }
    c.buffer.erase(c.buffer.begin(), c.buffer.begin() + used);
    // RFC 7766 6.2.3: the idle time counts from the last request.
    c.idle.Cancel();
    c.idle = Simulator::Schedule(m_tcpIdleTimeout, &Server::HandleIdle, this, socket);
}

void
Server::HandlePeerClose(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    CloseConnection(socket);
}

void
Server::HandleIdle(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    ++m_counters.tcpIdleCloses;
    CloseConnection(socket);
}

void
Server::CloseConnection(Ptr<Socket> socket)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
    {
        return;
    }
    it->second.idle.Cancel();
    m_connections.erase(it);
    socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    socket->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                              MakeNullCallback<void, Ptr<Socket>>());
    socket->Close();
}

} // namespace dns
} // namespace ns3
