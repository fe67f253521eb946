/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "radius-server.h"

#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/nstime.h"
#include "ns3/simulator.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RadiusServer");

namespace radius
{

NS_OBJECT_ENSURE_REGISTERED(Server);

TypeId
Server::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::radius::Server")
            .SetParent<Application>()
            .SetGroupName("Radius")
            .AddConstructor<Server>()
            .AddAttribute("Port",
                          "UDP port to listen on (RFC 2865 section 3: 1812).",
                          UintegerValue(1812),
                          MakeUintegerAccessor(&Server::m_port),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("LocalAddress",
                          "Address to listen on; 0.0.0.0 (the default) listens on every "
                          "address. Several servers on one node (one per VR port) each "
                          "take their own address.",
                          Ipv4AddressValue(Ipv4Address::GetAny()),
                          MakeIpv4AddressAccessor(&Server::m_localAddress),
                          MakeIpv4AddressChecker())
            .AddAttribute("DuplicateWindow",
                          "How long a response is kept to answer retransmissions "
                          "(RFC 5080 section 2.2.2 leaves it open; default 5 s). "
                          "Read when the engine is created (first AddUser/AddClient "
                          "or start).",
                          TimeValue(Seconds(5)),
                          MakeTimeAccessor(&Server::m_duplicateWindow),
                          MakeTimeChecker())
            .AddTraceSource("Rx",
                            "A datagram received: packet, source address.",
                            MakeTraceSourceAccessor(&Server::m_rxTrace),
                            "ns3::radius::Server::PacketTracedCallback")
            .AddTraceSource("Tx",
                            "A reply sent: packet, destination address.",
                            MakeTraceSourceAccessor(&Server::m_txTrace),
                            "ns3::radius::Server::PacketTracedCallback")
            .AddTraceSource("Drop",
                            "A datagram silently discarded: packet, reason.",
                            MakeTraceSourceAccessor(&Server::m_dropTrace),
                            "ns3::radius::Server::DropTracedCallback")
            .AddTraceSource("Decision",
                            "A new decision (not a cached answer): User-Name, accepted, "
                            "the client's address.",
                            MakeTraceSourceAccessor(&Server::m_decisionTrace),
                            "ns3::radius::Server::DecisionTracedCallback");
    return tid;
}

Server::Server()
    : m_port(1812)
    , m_duplicateWindow(Seconds(5))
{
    NS_LOG_FUNCTION(this);
}

Server::~Server()
{
    NS_LOG_FUNCTION(this);
}

ServerEngine&
Server::Engine()
{
    if (!m_engine)
    {
        ServerConfig config;
        config.duplicateWindow = m_duplicateWindow;
        m_engine = std::make_unique<ServerEngine>(config);
    }
    return *m_engine;
}

void
Server::AddUser(const std::string& userName, const std::string& password)
{
    Engine().AddUser(userName, password);
}

void
Server::AddClient(Ipv4Address address, const std::string& secret)
{
    Engine().AddClient(address, secret);
}

const ServerCounters&
Server::GetCounters() const
{
    static const ServerCounters none; // immutable: all zero
    return m_engine ? m_engine->GetCounters() : none;
}

uint64_t
Server::GetDropCount() const
{
    return m_drop;
}

void
Server::DoDispose()
{
    NS_LOG_FUNCTION(this);
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
    }
    Application::DoDispose();
}

void
Server::StartApplication()
{
    NS_LOG_FUNCTION(this);
    Engine();
    if (!m_socket)
    {
        m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
        if (m_socket->Bind(InetSocketAddress(m_localAddress, m_port)) != 0)
        {
            NS_LOG_WARN("cannot bind UDP port " << m_port);
        }
    }
    m_socket->SetRecvCallback(MakeCallback(&Server::HandleRead, this));
}

void
Server::StopApplication()
{
    NS_LOG_FUNCTION(this);
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
    }
}

void
Server::HandleRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        m_rxTrace(packet, from);
        if (!InetSocketAddress::IsMatchingType(from))
        {
            ++m_drop;
            m_dropTrace(packet, DropReason::UNKNOWN_CLIENT);
            continue;
        }
        const InetSocketAddress peer = InetSocketAddress::ConvertFrom(from);
        std::vector<uint8_t> bytes(packet->GetSize());
        packet->CopyData(bytes.data(), bytes.size());

        const ServerReply reply =
            Engine().HandleRequest(peer.GetIpv4(), peer.GetPort(), bytes, Simulator::Now());
        if (reply.disposition == Disposition::DROPPED)
        {
            NS_LOG_INFO("drop from " << peer.GetIpv4() << ": " << DropReasonName(reply.reason));
            ++m_drop;
            m_dropTrace(packet, reply.reason);
            continue;
        }
        if (reply.disposition == Disposition::ANSWERED)
        {
            m_decisionTrace(reply.userName, reply.code == ACCESS_ACCEPT, peer.GetIpv4());
        }
        // RFC 2865 section 3: the reply goes to the request's source
        // address and port.
        Ptr<Packet> out = Create<Packet>(reply.bytes.data(), reply.bytes.size());
        NS_LOG_INFO(
            "reply " << CodeName(reply.code) << " to " << peer.GetIpv4()
                     << (reply.disposition == Disposition::ANSWERED_FROM_CACHE ? " (cached)" : ""));
        if (socket->SendTo(out, 0, from) >= 0)
        {
            m_txTrace(out, from);
        }
    }
}

} // namespace radius
} // namespace ns3
