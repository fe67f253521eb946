/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "gateway-web-client.h"

#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/uinteger.h"

#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("GatewayWebClient");

namespace gateway
{

NS_OBJECT_ENSURE_REGISTERED(WebClient);

std::string
OutcomeName(WebClientOutcome outcome)
{
    switch (outcome)
    {
    case WebClientOutcome::PENDING:
        return "PENDING";
    case WebClientOutcome::DONE:
        return "DONE";
    case WebClientOutcome::PAGE_NOT_OK:
        return "PAGE_NOT_OK";
    case WebClientOutcome::CONNECTION_FAILED:
        return "CONNECTION_FAILED";
    case WebClientOutcome::CONNECTION_LOST:
        return "CONNECTION_LOST";
    case WebClientOutcome::TIMEOUT:
        return "TIMEOUT";
    case WebClientOutcome::BAD_RESPONSE:
        return "BAD_RESPONSE";
    }
    return "UNKNOWN";
}

std::ostream&
operator<<(std::ostream& os, WebClientOutcome outcome)
{
    return os << OutcomeName(outcome);
}

TypeId
WebClient::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::gateway::WebClient")
            .SetParent<Application>()
            .SetGroupName("Gateway")
            .AddConstructor<WebClient>()
            .AddAttribute("ServerAddress",
                          "Address of the gateway's web server.",
                          Ipv4AddressValue(Ipv4Address("127.0.0.1")),
                          MakeIpv4AddressAccessor(&WebClient::m_server),
                          MakeIpv4AddressChecker())
            .AddAttribute("Port",
                          "TCP port of the web server (RFC 9110 4.2.1: 80).",
                          UintegerValue(80),
                          MakeUintegerAccessor(&WebClient::m_port),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("Peer",
                          "Domain name of the gateway to ask a tunnel to (form field peer); "
                          "empty: only the page is fetched (GET /), as a browser visiting a "
                          "web site.",
                          StringValue("gateway-b.example"),
                          MakeStringAccessor(&WebClient::m_peer),
                          MakeStringChecker())
            .AddAttribute("Host",
                          "Host field of the requests (RFC 9112 3.2); empty: the server "
                          "address in dotted form.",
                          StringValue(""),
                          MakeStringAccessor(&WebClient::m_host),
                          MakeStringChecker())
            .AddAttribute("ResponseTimeout",
                          "Wait for the connection and then for each response before giving "
                          "up (HTTP fixes no value).",
                          TimeValue(Seconds(10)),
                          MakeTimeAccessor(&WebClient::m_responseTimeout),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddTraceSource("Response",
                            "A response read: method, target, status code, latency.",
                            MakeTraceSourceAccessor(&WebClient::m_responseTrace),
                            "ns3::gateway::WebClient::ResponseTracedCallback")
            .AddTraceSource("Outcome",
                            "The run ended: its outcome.",
                            MakeTraceSourceAccessor(&WebClient::m_outcomeTrace),
                            "ns3::gateway::WebClient::OutcomeTracedCallback");
    return tid;
}

WebClient::WebClient()
    : m_port(80)
    , m_responseTimeout(Seconds(10))
{
    NS_LOG_FUNCTION(this);
}

WebClient::~WebClient()
{
    NS_LOG_FUNCTION(this);
}

WebClientOutcome
WebClient::GetOutcome() const
{
    return m_outcome;
}

const std::vector<WebExchange>&
WebClient::GetExchanges() const
{
    return m_exchanges;
}

std::vector<uint16_t>
WebClient::GetStatuses() const
{
    std::vector<uint16_t> statuses;
    for (const WebExchange& exchange : m_exchanges)
    {
        if (exchange.status != 0)
        {
            statuses.push_back(exchange.status);
        }
    }
    return statuses;
}

const std::string&
WebClient::GetLastBody() const
{
    return m_lastBody;
}

void
WebClient::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_timeout.Cancel();
    CloseSocket();
    Application::DoDispose();
}

void
WebClient::StartApplication()
{
    NS_LOG_FUNCTION(this);
    m_exchanges.clear();
    m_outcome = WebClientOutcome::PENDING;
    Connect();
}

void
WebClient::StopApplication()
{
    NS_LOG_FUNCTION(this);
    m_timeout.Cancel();
    CloseSocket();
}

void
WebClient::CloseSocket()
{
    if (!m_socket)
    {
        return;
    }
    m_socket->SetConnectCallback(MakeNullCallback<void, Ptr<Socket>>(),
                                 MakeNullCallback<void, Ptr<Socket>>());
    m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    m_socket->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                                MakeNullCallback<void, Ptr<Socket>>());
    m_socket->Close();
    m_socket = nullptr;
    m_connected = false;
}

void
WebClient::Connect()
{
    NS_LOG_FUNCTION(this);
    CloseSocket();
    m_parser = std::make_unique<HttpResponseParser>();
    m_socket = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
    m_socket->SetConnectCallback(MakeCallback(&WebClient::HandleConnected, this),
                                 MakeCallback(&WebClient::HandleConnectFailed, this));
    m_socket->SetRecvCallback(MakeCallback(&WebClient::HandleRead, this));
    m_socket->SetCloseCallbacks(MakeCallback(&WebClient::HandlePeerClose, this),
                                MakeCallback(&WebClient::HandlePeerError, this));
    m_timeout.Cancel();
    m_timeout = Simulator::Schedule(m_responseTimeout, &WebClient::Timeout, this);
    if (m_socket->Bind() != 0 || m_socket->Connect(InetSocketAddress(m_server, m_port)) != 0)
    {
        NS_LOG_WARN("cannot connect to " << m_server << ":" << m_port);
        // Not from inside StartApplication: the outcome is reported by an event.
        Simulator::ScheduleNow(&WebClient::Finish, this, WebClientOutcome::CONNECTION_FAILED);
    }
}

void
WebClient::HandleConnected(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    m_connected = true;
    SendNext();
}

void
WebClient::HandleConnectFailed(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    Finish(WebClientOutcome::CONNECTION_FAILED);
}

void
WebClient::SendNext()
{
    std::ostringstream host;
    if (m_host.empty())
    {
        host << m_server;
    }
    else
    {
        host << m_host;
    }
    WebExchange exchange;
    std::string request;
    if (m_exchanges.empty())
    {
        exchange.method = "GET";
        exchange.target = "/";
        request = "GET / HTTP/1.1\r\nHost: " + host.str() + "\r\n\r\n";
    }
    else
    {
        const std::string body = "peer=" + FormEncode(m_peer);
        exchange.method = "POST";
        exchange.target = "/tunnel";
        request = "POST /tunnel HTTP/1.1\r\nHost: " + host.str() +
                  "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " +
                  std::to_string(body.size()) + "\r\n\r\n" + body;
    }
    exchange.sent = Simulator::Now();
    m_exchanges.push_back(exchange);
    m_timeout.Cancel();
    m_timeout = Simulator::Schedule(m_responseTimeout, &WebClient::Timeout, this);
    // A few hundred octets: the socket's send buffer takes them at once.
    m_socket->Send(
        reinterpret_cast<const uint8_t*>(request.data()), static_cast<uint32_t>(request.size()), 0);
}

void
WebClient::HandleRead(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    Ptr<Packet> packet;
    while ((packet = socket->Recv()))
    {
        std::vector<uint8_t> octets(packet->GetSize());
        packet->CopyData(octets.data(), octets.size());
        m_parser->Feed(octets.data(), octets.size());
    }
    if (m_outcome != WebClientOutcome::PENDING || m_exchanges.empty() ||
        m_exchanges.back().status != 0)
    {
        return; // nothing asked for
    }
    HttpResponse response;
    const ParseStatus status = m_parser->Next(response);
    if (status == ParseStatus::NEED_MORE)
    {
        return;
    }
    if (status == ParseStatus::ERROR)
    {
        NS_LOG_WARN("unreadable response: " << ErrorName(m_parser->GetError()));
        Finish(WebClientOutcome::BAD_RESPONSE);
        return;
    }
    m_timeout.Cancel();
    WebExchange& exchange = m_exchanges.back();
    exchange.status = response.status;
    exchange.answered = Simulator::Now();
    m_lastBody = response.body;
    m_responseTrace(
        exchange.method, exchange.target, exchange.status, exchange.answered - exchange.sent);
    if (m_exchanges.size() == 2 || (m_peer.empty() && response.status == 200))
    {
        Finish(WebClientOutcome::DONE);
    }
    else if (response.status != 200)
    {
        Finish(WebClientOutcome::PAGE_NOT_OK);
    }
    else if (response.close)
    {
        Connect(); // the server ends this connection: post on a new one
    }
    else
    {
        SendNext();
    }
}

void
WebClient::HandlePeerClose(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    if (m_outcome == WebClientOutcome::PENDING && socket == m_socket)
    {
        Finish(WebClientOutcome::CONNECTION_LOST);
    }
}

void
WebClient::HandlePeerError(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    if (m_outcome == WebClientOutcome::PENDING && socket == m_socket)
    {
        Finish(m_connected ? WebClientOutcome::CONNECTION_LOST
                           : WebClientOutcome::CONNECTION_FAILED);
    }
}

void
WebClient::Timeout()
{
    NS_LOG_FUNCTION(this);
    Finish(WebClientOutcome::TIMEOUT);
}

void
WebClient::Finish(WebClientOutcome outcome)
{
    if (m_outcome != WebClientOutcome::PENDING)
    {
        return;
    }
    NS_LOG_INFO("web client done: " << outcome);
    m_outcome = outcome;
    m_timeout.Cancel();
    CloseSocket();
    m_outcomeTrace(outcome);
}

} // namespace gateway
} // namespace ns3
