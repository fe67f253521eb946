/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dns-update-client.h"

#include "dns-zone.h"

#include "ns3/double.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DnsUpdateClient");

namespace dns
{

NS_OBJECT_ENSURE_REGISTERED(UpdateClient);

namespace
{

/// RFC 2136 2.5.2 "Delete An RRset": CLASS ANY, TTL 0, RDLENGTH 0.
ResourceRecord
DeleteRRset(const Name& name, uint16_t type)
{
    ResourceRecord r;
    r.name = name;
    r.type = type;
    r.rclass = CLASS_ANY;
    r.ttl = 0;
    return r;
}

Message
NewUpdate(const Name& zone)
{
    Message m;
    m.header.opcode = OPCODE_UPDATE;
    m.questions.push_back({zone, TYPE_SOA, CLASS_IN}); // 2.3: the zone section
    return m;
}

} // namespace

TypeId
UpdateClient::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::dns::UpdateClient")
            .SetParent<Object>()
            .SetGroupName("Dns")
            .AddConstructor<UpdateClient>()
            .AddAttribute("ServerPort",
                          "The server's port (RFC 1035 4.2: 53).",
                          UintegerValue(DNS_PORT),
                          MakeUintegerAccessor(&UpdateClient::m_serverPort),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("RetransmitTimeout",
                          "Wait for the reply before the first resend. RFC 1123 6.1.3.3: "
                          "without RTT statistics \"a default of no less than 5 seconds\".",
                          TimeValue(Seconds(5)),
                          MakeTimeAccessor(&UpdateClient::m_retransmitTimeout),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("MaxRetransmissions",
                          "Resends before giving up (RFC 1123 6.1.3.3 asks for a bound, "
                          "names none; 3 is this model's choice).",
                          UintegerValue(3),
                          MakeUintegerAccessor(&UpdateClient::m_maxRetransmissions),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("BackoffFactor",
                          "Each wait is the last one times this (RFC 1123 6.1.3.3: "
                          "exponential backoff; 1 keeps the interval fixed).",
                          DoubleValue(2.0),
                          MakeDoubleAccessor(&UpdateClient::m_backoff),
                          MakeDoubleChecker<double>(1.0))
            .AddAttribute("LocalAddress",
                          "Address the updates leave from (the server authorises by source "
                          "address); 0.0.0.0, the default: chosen by routing.",
                          Ipv4AddressValue(Ipv4Address::GetAny()),
                          MakeIpv4AddressAccessor(&UpdateClient::m_localAddress),
                          MakeIpv4AddressChecker())
            .AddTraceSource("Tx",
                            "An UPDATE sent: packet, ID, retransmission.",
                            MakeTraceSourceAccessor(&UpdateClient::m_txTrace),
                            "ns3::dns::UpdateClient::TxTracedCallback")
            .AddTraceSource("Rx",
                            "A datagram received.",
                            MakeTraceSourceAccessor(&UpdateClient::m_rxTrace),
                            "ns3::dns::UpdateClient::RxTracedCallback")
            .AddTraceSource("Done",
                            "A request ended: name, RCODE or RCODE_NO_REPLY (255), latency.",
                            MakeTraceSourceAccessor(&UpdateClient::m_doneTrace),
                            "ns3::dns::UpdateClient::DoneTracedCallback");
    return tid;
}

UpdateClient::UpdateClient()
    : m_serverPort(DNS_PORT)
    , m_retransmitTimeout(Seconds(5))
    , m_maxRetransmissions(3)
    , m_backoff(2.0)
    , m_random(CreateObject<UniformRandomVariable>())
{
    NS_LOG_FUNCTION(this);
}

UpdateClient::~UpdateClient()
{
    NS_LOG_FUNCTION(this);
}

void
UpdateClient::DoDispose()
{
    NS_LOG_FUNCTION(this);
    for (auto& entry : m_pending)
    {
        entry.second.timer.Cancel();
    }
    m_pending.clear();
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
    }
    m_random = nullptr;
    Object::DoDispose();
}

void
UpdateClient::Setup(Ptr<Node> node, Ipv4Address server)
{
    NS_LOG_FUNCTION(this << node << server);
    m_server = server;
    if (m_socket)
    {
        return;
    }
    m_socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    m_socket->Bind(InetSocketAddress(m_localAddress, 0)); // an ephemeral port
    m_socket->SetRecvCallback(MakeCallback(&UpdateClient::HandleRead, this));
}

int64_t
UpdateClient::AssignStreams(int64_t stream)
{
    m_random->SetStream(stream);
    return 1;
}

const UpdateClientCounters&
UpdateClient::GetCounters() const
{
    return m_counters;
}

uint32_t
UpdateClient::GetPendingCount() const
{
    return static_cast<uint32_t>(m_pending.size());
}

uint16_t
UpdateClient::Register(
    const Name& name, const Name& zone, Ipv4Address address, uint32_t ttl, DoneCallback done)
{
    Message update = NewUpdate(zone);
    update.authorities.push_back(DeleteRRset(name, TYPE_A));
    update.authorities.push_back(ResourceRecord::MakeA(name, ttl, address));
    return SendUpdate(update, done);
}

uint16_t
UpdateClient::Unregister(const Name& name, const Name& zone, DoneCallback done)
{
    Message update = NewUpdate(zone);
    update.authorities.push_back(DeleteRRset(name, TYPE_A));
    return SendUpdate(update, done);
}

uint16_t
UpdateClient::NewId()
{
    for (;;)
    {
        const auto id = static_cast<uint16_t>(m_random->GetInteger(1, 0xffff));
        if (m_pending.find(id) == m_pending.end())
        {
            return id; // 0 is kept for "not sent"
        }
    }
}

uint16_t
UpdateClient::SendUpdate(Message update, DoneCallback done)
{
    if (!m_socket)
    {
        NS_LOG_WARN("update before Setup(): ignored");
        return 0;
    }
    if (m_pending.size() >= 0xffff)
    {
        NS_LOG_WARN("every ID in use: update ignored");
        return 0;
    }
    const uint16_t id = NewId();
    update.header.id = id;
    update.header.qr = false;
    update.header.opcode = OPCODE_UPDATE;
    Pending& p = m_pending[id];
    if (!update.authorities.empty())
    {
        p.name = update.authorities[0].name;
    }
    else if (!update.questions.empty())
    {
        p.name = update.questions[0].name;
    }
    p.bytes = update.Encode();
    p.start = Simulator::Now();
    p.wait = m_retransmitTimeout;
    p.done = done;
    ++m_counters.requests;
    NS_LOG_INFO("update " << p.name << " id " << id << " to " << m_server);
    Transmit(id, false);
    return id;
}

void
UpdateClient::Transmit(uint16_t id, bool resend)
{
    Pending& p = m_pending.at(id);
    Ptr<Packet> packet = Create<Packet>(p.bytes.data(), p.bytes.size());
    ++m_counters.transmissions;
    if (resend)
    {
        ++m_counters.retransmissions;
    }
    // Armed before the send: a server on this node answers within SendTo.
    p.timer = Simulator::Schedule(p.wait, &UpdateClient::HandleTimeout, this, id);
    m_txTrace(packet, id, resend);
    m_socket->SendTo(packet, 0, InetSocketAddress(m_server, m_serverPort));
}

void
UpdateClient::HandleTimeout(uint16_t id)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
    {
        return;
    }
    Pending& p = it->second;
    if (p.retransmissions >= m_maxRetransmissions)
    {
        NS_LOG_INFO("update id " << id << ": no reply, given up");
        ++m_counters.noReply;
        Finish(id, RCODE_NO_REPLY);
        return;
    }
    ++p.retransmissions;
    p.wait = Time::FromDouble(p.wait.GetSeconds() * m_backoff, Time::S);
    Transmit(id, true);
}

void
UpdateClient::HandleRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        m_rxTrace(packet);
        if (!InetSocketAddress::IsMatchingType(from))
        {
            ++m_counters.unmatched;
            continue;
        }
        const InetSocketAddress peer = InetSocketAddress::ConvertFrom(from);
        std::vector<uint8_t> bytes(packet->GetSize());
        packet->CopyData(bytes.data(), bytes.size());
        Message reply;
        if (Message::Decode(bytes, reply) != DecodeError::OK)
        {
            ++m_counters.malformed;
            continue;
        }
        // RFC 5452 9.1: accept only the server's address and port and a pending ID.
        const auto it = m_pending.find(reply.header.id);
        if (peer.GetIpv4() != m_server || peer.GetPort() != m_serverPort || !reply.header.qr ||
            reply.header.opcode != OPCODE_UPDATE || it == m_pending.end())
        {
            NS_LOG_INFO("unmatched reply id " << reply.header.id << " from " << peer.GetIpv4());
            ++m_counters.unmatched;
            continue;
        }
        ++m_counters.replies;
        Finish(reply.header.id, reply.header.rcode);
    }
}

void
UpdateClient::Finish(uint16_t id, uint8_t rcode)
{
    auto it = m_pending.find(id);
    if (it == m_pending.end())
    {
        return;
    }
    it->second.timer.Cancel();
    const Name name = it->second.name;
    const Time latency = Simulator::Now() - it->second.start;
    DoneCallback done = it->second.done;
    m_pending.erase(it);
    m_doneTrace(name, rcode, latency);
    if (!done.IsNull())
    {
        done(rcode, latency); // may start another request
    }
}

} // namespace dns
} // namespace ns3
