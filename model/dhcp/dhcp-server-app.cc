/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dhcp-server-app.h"

#include "ns3/abort.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/udp-socket-factory.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DhcpServerApp");

namespace dhcp
{

NS_OBJECT_ENSURE_REGISTERED(Server);

TypeId
Server::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::dhcp::Server")
            .SetParent<Application>()
            .SetGroupName("Dhcp")
            .AddConstructor<Server>()
            .AddAttribute("ServerAddress",
                          "Our address on the inside interface: option 54, server identifier "
                          "(RFC 2132 9.7).",
                          Ipv4AddressValue("192.168.0.1"),
                          MakeIpv4AddressAccessor(&Server::m_serverAddress),
                          MakeIpv4AddressChecker())
            .AddAttribute("PoolStart",
                          "First address of the pool.",
                          Ipv4AddressValue("192.168.0.100"),
                          MakeIpv4AddressAccessor(&Server::m_poolStart),
                          MakeIpv4AddressChecker())
            .AddAttribute("PoolEnd",
                          "Last address of the pool (inclusive).",
                          Ipv4AddressValue("192.168.0.199"),
                          MakeIpv4AddressAccessor(&Server::m_poolEnd),
                          MakeIpv4AddressChecker())
            .AddAttribute("SubnetMask",
                          "Option 1, subnet mask (RFC 2132 3.3).",
                          Ipv4MaskValue("255.255.255.0"),
                          MakeIpv4MaskAccessor(&Server::m_mask),
                          MakeIpv4MaskChecker())
            .AddAttribute("Router",
                          "Option 3, router (RFC 2132 3.5): the gateway.",
                          Ipv4AddressValue("192.168.0.1"),
                          MakeIpv4AddressAccessor(&Server::m_router),
                          MakeIpv4AddressChecker())
            .AddAttribute("DnsServer",
                          "Option 6, domain name server (RFC 2132 3.8): the gateway's DNS "
                          "processor.",
                          Ipv4AddressValue("192.168.0.1"),
                          MakeIpv4AddressAccessor(&Server::m_dns),
                          MakeIpv4AddressChecker())
            .AddAttribute("LeaseTime",
                          "Option 51, lease time (RFC 2132 9.2); RFC 2131 fixes no default, "
                          "one day is customary.",
                          TimeValue(Seconds(86400)),
                          MakeTimeAccessor(&Server::m_leaseTime),
                          MakeTimeChecker(Seconds(1)))
            .AddAttribute("RenewalTime",
                          "Option 58, T1 (RFC 2132 9.11); 0 means the RFC 2131 4.4.5 default, "
                          "0.5 * LeaseTime.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&Server::m_renewalTime),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("RebindingTime",
                          "Option 59, T2 (RFC 2132 9.12); 0 means the RFC 2131 4.4.5 default, "
                          "0.875 * LeaseTime.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&Server::m_rebindingTime),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("OfferHoldTime",
                          "How long an offered address stays reserved (RFC 2131 4.3.1 leaves "
                          "it to the server).",
                          TimeValue(Seconds(60)),
                          MakeTimeAccessor(&Server::m_offerHold),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("DeclineHoldTime",
                          "How long a declined address (RFC 2131 4.3.3) stays out of the pool.",
                          TimeValue(Seconds(3600)),
                          MakeTimeAccessor(&Server::m_declineHold),
                          MakeTimeChecker(Seconds(0)))
            .AddTraceSource("Rx",
                            "A well-formed message received.",
                            MakeTraceSourceAccessor(&Server::m_rxTrace),
                            "ns3::dhcp::Server::MessageTracedCallback")
            .AddTraceSource("Tx",
                            "A reply sent.",
                            MakeTraceSourceAccessor(&Server::m_txTrace),
                            "ns3::dhcp::Server::MessageTracedCallback")
            .AddTraceSource("Drop",
                            "A datagram dropped as malformed: packet, reason.",
                            MakeTraceSourceAccessor(&Server::m_dropTrace),
                            "ns3::dhcp::Server::DropTracedCallback")
            .AddTraceSource("LeaseGranted",
                            "A new binding: host name, address, chaddr.",
                            MakeTraceSourceAccessor(&Server::m_grantedTrace),
                            "ns3::dhcp::Server::LeaseTracedCallback")
            .AddTraceSource("LeaseRenewed",
                            "A binding extended: host name, address, chaddr.",
                            MakeTraceSourceAccessor(&Server::m_renewedTrace),
                            "ns3::dhcp::Server::LeaseTracedCallback")
            .AddTraceSource("LeaseEnded",
                            "A binding ended: host name, address, reason.",
                            MakeTraceSourceAccessor(&Server::m_endedTrace),
                            "ns3::dhcp::Server::LeaseEndedTracedCallback");
    return tid;
}

Server::Server()
{
    NS_LOG_FUNCTION(this);
}

Server::~Server()
{
    NS_LOG_FUNCTION(this);
}

void
Server::SetDevice(Ptr<NetDevice> device)
{
    m_device = device;
}

void
Server::AddExcludedAddress(Ipv4Address address)
{
    m_excluded.insert(address);
}

void
Server::SetLeaseGrantedCallback(LeaseGrantedCallback callback)
{
    m_grantedCallback = callback;
}

void
Server::SetLeaseEndedCallback(LeaseEndedCallback callback)
{
    m_endedCallback = callback;
}

const ServerCounters&
Server::GetCounters() const
{
    static const ServerCounters none;
    return m_engine ? m_engine->GetCounters() : none;
}

const ServerEngine*
Server::GetEngine() const
{
    return m_engine.get();
}

void
Server::DoDispose()
{
    m_wakeup.Cancel();
    m_socket = nullptr;
    m_device = nullptr;
    m_grantedCallback = LeaseGrantedCallback();
    m_endedCallback = LeaseEndedCallback();
    Application::DoDispose();
}

void
Server::StartApplication()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(!m_device, "dhcp::Server needs SetDevice() before it starts");
    ServerConfig config;
    config.serverId = m_serverAddress;
    config.poolStart = m_poolStart;
    config.poolEnd = m_poolEnd;
    config.mask = m_mask;
    config.router = m_router;
    config.dns = m_dns;
    config.excluded = m_excluded;
    config.excluded.insert(m_serverAddress);
    config.leaseTime = m_leaseTime;
    config.renewalTime = m_renewalTime;
    config.rebindingTime = m_rebindingTime;
    config.offerHold = m_offerHold;
    config.declineHold = m_declineHold;
    if (!m_engine)
    {
        m_engine = std::make_unique<ServerEngine>(config);
    }
    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    m_socket->SetAllowBroadcast(true);
    m_socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), SERVER_PORT));
    m_socket->BindToNetDevice(m_device);
    m_socket->SetRecvCallback(MakeCallback(&Server::HandleRead, this));
}

void
Server::StopApplication()
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

void
Server::HandleRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        Message message;
        packet->Copy()->RemoveHeader(message);
        if (!message.IsValid())
        {
            m_dropTrace(packet, Message::ErrorName(message.GetError()));
        }
        else
        {
            m_rxTrace(message);
        }
        NS_LOG_INFO("rx " << message);
        Apply(m_engine->Receive(message, Simulator::Now()));
    }
}

void
Server::Wakeup()
{
    Apply(m_engine->Expire(Simulator::Now()));
}

void
Server::Apply(const ServerEngine::Actions& actions)
{
    for (const Reply& reply : actions.replies)
    {
        Ptr<Packet> packet = Create<Packet>();
        packet->AddHeader(reply.message);
        InetSocketAddress to(Ipv4Address::GetBroadcast(), CLIENT_PORT);
        switch (reply.destination)
        {
        case Destination::CIADDR:
            to = InetSocketAddress(reply.address, CLIENT_PORT);
            break;
        case Destination::GIADDR:
            to = InetSocketAddress(reply.address, SERVER_PORT);
            break;
        case Destination::BROADCAST:
        case Destination::YIADDR_CHADDR: // see the class comment
            break;
        }
        NS_LOG_INFO("tx " << reply.message << " to " << to.GetIpv4());
        m_txTrace(reply.message);
        m_socket->SendTo(packet, 0, to);
    }
    for (const LeaseEvent& event : actions.events)
    {
        switch (event.kind)
        {
        case LeaseEvent::GRANTED:
            m_grantedTrace(event.hostName, event.address, event.chaddr);
            if (!m_grantedCallback.IsNull())
            {
                m_grantedCallback(event.hostName, event.address, event.chaddr);
            }
            break;
        case LeaseEvent::RENEWED:
            m_renewedTrace(event.hostName, event.address, event.chaddr);
            break;
        case LeaseEvent::ENDED: {
            const std::string reason = EndReasonName(event.reason);
            m_endedTrace(event.hostName, event.address, reason);
            if (!m_endedCallback.IsNull())
            {
                m_endedCallback(event.hostName, event.address, reason);
            }
            break;
        }
        }
    }
    m_wakeup.Cancel();
    if (actions.hasWakeUp)
    {
        m_wakeup = Simulator::Schedule(
            std::max(actions.wakeUp - Simulator::Now(), Time(0)), &Server::Wakeup, this);
    }
}

} // namespace dhcp
} // namespace ns3
