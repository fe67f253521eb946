/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "gateway-web-server.h"

#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/nstime.h"
#include "ns3/simulator.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/uinteger.h"

#include <set>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("GatewayWebServer");

namespace gateway
{

NS_OBJECT_ENSURE_REGISTERED(WebServer);

namespace
{

const std::string HTML = "text/html; charset=utf-8";
const std::string FORM = "application/x-www-form-urlencoded";

/// RFC 9110 section 9.3's methods, which this server knows (405 when a
/// resource does not allow one); any other method is answered 501 (9.1).
const std::set<std::string> KNOWN_METHODS = {
    "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"};

std::string
Page(const std::string& title, const std::string& content)
{
    return "<!DOCTYPE html>\n<html><head><title>" + HtmlEscape(title) +
           "</title></head>\n<body><h1>" + HtmlEscape(title) + "</h1>\n" + content +
           "</body></html>\n";
}

HttpResponse
HtmlResponse(uint16_t status, const std::string& title, const std::string& content)
{
    HttpResponse response;
    response.status = status;
    response.contentType = HTML;
    response.body = Page(title, content);
    return response;
}

HttpResponse
ErrorResponse(uint16_t status, const std::string& detail)
{
    return HtmlResponse(status,
                        std::to_string(status) + " " + ReasonPhrase(status),
                        "<p>" + HtmlEscape(detail) + "</p>\n");
}

HttpResponse
NotAllowed(const std::string& allow)
{
    // RFC 9110 15.5.6: a 405 MUST carry Allow.
    HttpResponse response = ErrorResponse(405, "Allowed here: " + allow + ".");
    response.fields.push_back(HttpField{"Allow", allow});
    return response;
}

/// The path of an origin-form or absolute-form target (RFC 9112 3.2.1,
/// 3.2.2) and its query; nothing for the other forms.
std::optional<std::pair<std::string, std::string>>
TargetPath(const std::string& target)
{
    if (target.front() == '/')
    {
        return SplitTarget(target);
    }
    const std::string scheme = "http://";
    if (target.size() > scheme.size() && EqualsIgnoreCase(target.substr(0, 7), scheme))
    {
        const size_t slash = target.find_first_of("/?", scheme.size());
        if (slash == std::string::npos)
        {
            return std::make_pair(std::string("/"), std::string());
        }
        auto [path, query] = SplitTarget(target.substr(slash));
        return std::make_pair(path.empty() ? "/" : path, query);
    }
    return std::nullopt;
}

} // namespace

std::string
HtmlEscape(const std::string& text)
{
    std::string out;
    for (char c : text)
    {
        switch (c)
        {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out.push_back(c);
        }
    }
    return out;
}

TypeId
WebServer::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::gateway::WebServer")
            .SetParent<Application>()
            .SetGroupName("Gateway")
            .AddConstructor<WebServer>()
            .AddAttribute("Port",
                          "TCP port listened on (RFC 9110 4.2.1: 80 for http).",
                          UintegerValue(80),
                          MakeUintegerAccessor(&WebServer::m_port),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("LocalAddress",
                          "Address listened on: the gateway's inside address keeps the page "
                          "off its ISP interface; 0.0.0.0, the default: every address.",
                          Ipv4AddressValue(Ipv4Address::GetAny()),
                          MakeIpv4AddressAccessor(&WebServer::m_localAddress),
                          MakeIpv4AddressChecker())
            .AddAttribute("IdleTimeout",
                          "A connection without a request for this long is closed (RFC 9112 "
                          "9.5 allows it and fixes no value); 0 s: never.",
                          TimeValue(Seconds(30)),
                          MakeTimeAccessor(&WebServer::m_idleTimeout),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("MaxRequestLine",
                          "Longest request line, octets; longer: 414 (RFC 9112 3 recommends "
                          "supporting at least 8000).",
                          UintegerValue(8000),
                          MakeUintegerAccessor(&WebServer::m_maxRequestLine),
                          MakeUintegerChecker<uint32_t>(16))
            .AddAttribute("MaxHeaderSection",
                          "Largest header section, octets; larger: 431 (RFC 6585 5).",
                          UintegerValue(8192),
                          MakeUintegerAccessor(&WebServer::m_maxHeaderSection),
                          MakeUintegerChecker<uint32_t>(16))
            .AddAttribute("MaxBody",
                          "Largest Content-Length accepted; larger: 413 (RFC 9110 15.5.14).",
                          UintegerValue(4096),
                          MakeUintegerAccessor(&WebServer::m_maxBody),
                          MakeUintegerChecker<uint32_t>())
            .AddTraceSource("Request",
                            "A response sent: method, target, status code.",
                            MakeTraceSourceAccessor(&WebServer::m_requestTrace),
                            "ns3::gateway::WebServer::RequestTracedCallback")
            .AddTraceSource("TunnelRequest",
                            "A tunnel request handed on: peer domain name, requester.",
                            MakeTraceSourceAccessor(&WebServer::m_tunnelRequestTrace),
                            "ns3::gateway::WebServer::TunnelRequestTracedCallback")
            .AddTraceSource("Connection",
                            "A connection opened or ended: remote address, event.",
                            MakeTraceSourceAccessor(&WebServer::m_connectionTrace),
                            "ns3::gateway::WebServer::ConnectionTracedCallback");
    return tid;
}

WebServer::WebServer()
    : m_port(80)
    , m_idleTimeout(Seconds(30))
    , m_maxRequestLine(8000)
    , m_maxHeaderSection(8192)
    , m_maxBody(4096)
{
    NS_LOG_FUNCTION(this);
}

WebServer::~WebServer()
{
    NS_LOG_FUNCTION(this);
}

void
WebServer::SetTunnelRequester(Ptr<TunnelRequester> requester)
{
    m_requester = requester;
}

const WebServerCounters&
WebServer::GetCounters() const
{
    return m_counters;
}

size_t
WebServer::GetConnectionCount() const
{
    return m_connections.size();
}

Ptr<TunnelRequester>
WebServer::Requester() const
{
    if (m_requester)
    {
        return m_requester;
    }
    return GetNode() ? GetNode()->GetObject<TunnelRequester>() : nullptr;
}

void
WebServer::DoDispose()
{
    NS_LOG_FUNCTION(this);
    StopApplication();
    m_requester = nullptr;
    Application::DoDispose();
}

void
WebServer::StartApplication()
{
    NS_LOG_FUNCTION(this);
    if (!m_listener)
    {
        m_listener = Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
        if (m_listener->Bind(InetSocketAddress(m_localAddress, m_port)) != 0 ||
            m_listener->Listen() != 0)
        {
            NS_LOG_ERROR("cannot listen on " << m_localAddress << " port " << m_port);
            m_listener->Close();
            m_listener = nullptr;
            return;
        }
    }
    m_listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                  MakeCallback(&WebServer::HandleAccept, this));
}

void
WebServer::StopApplication()
{
    NS_LOG_FUNCTION(this);
    if (m_listener)
    {
        m_listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                      MakeNullCallback<void, Ptr<Socket>, const Address&>());
        m_listener->Close();
        m_listener = nullptr;
    }
    while (!m_connections.empty())
    {
        Drop(m_connections.begin()->first, true, "server-close");
    }
}

void
WebServer::HandleAccept(Ptr<Socket> socket, const Address& from)
{
    NS_LOG_FUNCTION(this << socket << from);
    HttpLimits limits;
    limits.maxRequestLine = m_maxRequestLine;
    limits.maxHeaderSection = m_maxHeaderSection;
    limits.maxBody = m_maxBody;
    auto connection = std::make_unique<Connection>(limits);
    connection->socket = socket;
    connection->remote = from;
    socket->SetRecvCallback(MakeCallback(&WebServer::HandleRead, this));
    socket->SetSendCallback(MakeCallback(&WebServer::HandleSend, this));
    socket->SetCloseCallbacks(MakeCallback(&WebServer::HandlePeerClose, this),
                              MakeCallback(&WebServer::HandlePeerError, this));
    if (!m_idleTimeout.IsZero())
    {
        connection->idle =
            Simulator::Schedule(m_idleTimeout, &WebServer::IdleExpired, this, socket);
    }
    m_connections[socket] = std::move(connection);
    ++m_counters.connections;
    m_connectionTrace(from, "open");
}

void
WebServer::HandleRead(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    auto it = m_connections.find(socket);
    Ptr<Packet> packet;
    while ((packet = socket->Recv()))
    {
        if (it == m_connections.end() || it->second->closing)
        {
            continue; // closing: whatever else arrives is dropped
        }
        std::vector<uint8_t> octets(packet->GetSize());
        packet->CopyData(octets.data(), octets.size());
        it->second->parser.Feed(octets.data(), octets.size());
    }
    if (it == m_connections.end() || it->second->closing)
    {
        return;
    }
    Connection& connection = *it->second;
    if (!m_idleTimeout.IsZero())
    {
        connection.idle.Cancel();
        connection.idle = Simulator::Schedule(m_idleTimeout, &WebServer::IdleExpired, this, socket);
    }
    const Ipv4Address from = InetSocketAddress::ConvertFrom(connection.remote).GetIpv4();
    HttpRequest request;
    while (!connection.closing)
    {
        const ParseStatus status = connection.parser.Next(request);
        if (status == ParseStatus::NEED_MORE)
        {
            break;
        }
        if (status == ParseStatus::ERROR)
        {
            // The end of the faulty message is unknown: answer and close.
            const HttpError error = connection.parser.GetError();
            NS_LOG_INFO("bad request from " << from << ": " << error);
            ++m_counters.badRequests;
            HttpResponse response = ErrorResponse(
                StatusForError(error), "The request could not be read (" + ErrorName(error) + ").");
            response.close = true;
            Respond(connection, response, "", "");
            break;
        }
        HttpResponse response = Answer(request, from);
        response.close = response.close || !request.KeepAlive();
        response.headOnly = request.method == "HEAD";
        Respond(connection, response, request.method, request.target);
    }
    Flush(connection);
}

void
WebServer::Respond(Connection& connection,
                   const HttpResponse& response,
                   const std::string& method,
                   const std::string& target)
{
    ++m_counters.requests;
    ++m_counters.byStatus[response.status];
    connection.pending += response.Serialize();
    connection.closing = response.close;
    m_requestTrace(method, target, response.status);
}

void
WebServer::Flush(Connection& connection)
{
    Ptr<Socket> socket = connection.socket;
    while (!connection.pending.empty())
    {
        const uint32_t room = socket->GetTxAvailable();
        if (room == 0)
        {
            return; // HandleSend continues
        }
        const size_t size = std::min<size_t>(room, connection.pending.size());
        Ptr<Packet> packet =
            Create<Packet>(reinterpret_cast<const uint8_t*>(connection.pending.data()), size);
        const int sent = socket->Send(packet);
        if (sent <= 0)
        {
            return;
        }
        connection.pending.erase(0, static_cast<size_t>(sent));
    }
    if (connection.closing)
    {
        // TCP sends what it holds, then its FIN.
        Drop(socket, true, "server-close");
    }
}

void
WebServer::HandleSend(Ptr<Socket> socket, uint32_t /* available */)
{
    auto it = m_connections.find(socket);
    if (it != m_connections.end())
    {
        Flush(*it->second);
    }
}

void
WebServer::HandlePeerClose(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
    {
        return;
    }
    if (!it->second->pending.empty())
    {
        it->second->closing = true; // Flush closes once the answer is sent
        return;
    }
    Drop(socket, true, "close");
}

void
WebServer::HandlePeerError(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    if (m_connections.count(socket) != 0)
    {
        Drop(socket, false, "error");
    }
}

void
WebServer::IdleExpired(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    ++m_counters.idleTimeouts;
    Drop(socket, true, "idle-timeout");
}

void
WebServer::Drop(Ptr<Socket> socket, bool close, const std::string& event)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
    {
        return;
    }
    const Address remote = it->second->remote;
    it->second->idle.Cancel();
    m_connections.erase(it);
    socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    socket->SetSendCallback(MakeNullCallback<void, Ptr<Socket>, uint32_t>());
    socket->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                              MakeNullCallback<void, Ptr<Socket>>());
    if (close)
    {
        socket->Close();
    }
    m_connectionTrace(remote, event);
}

HttpResponse
WebServer::Answer(const HttpRequest& request, Ipv4Address from)
{
    if (KNOWN_METHODS.count(request.method) == 0)
    {
        // RFC 9110 9.1: an unrecognized method SHOULD be answered 501.
        return ErrorResponse(501, "Method " + request.method + " is not implemented.");
    }
    const auto target = TargetPath(request.target);
    if (!target)
    {
        return ErrorResponse(400, "The target is neither origin-form nor absolute-form.");
    }
    const auto& [path, query] = *target;
    if (path == "/")
    {
        if (request.method != "GET" && request.method != "HEAD")
        {
            return NotAllowed("GET, HEAD");
        }
        return HtmlResponse(200,
                            "Tunnel to another home network",
                            "<form method=\"post\" action=\"/tunnel\">\n"
                            "<label for=\"peer\">Domain name of the other home's gateway:</label>\n"
                            "<input type=\"text\" id=\"peer\" name=\"peer\" maxlength=\"253\">\n"
                            "<button type=\"submit\">Request tunnel</button>\n"
                            "</form>\n");
    }
    if (path == "/tunnel")
    {
        // Starting a tunnel is not safe: HEAD, which must be, is not offered.
        if (request.method != "GET" && request.method != "POST")
        {
            return NotAllowed("GET, POST");
        }
        return TunnelAnswer(request, query, from);
    }
    return ErrorResponse(404, "Nothing at " + path + ".");
}

HttpResponse
WebServer::TunnelAnswer(const HttpRequest& request, const std::string& query, Ipv4Address from)
{
    std::string form = query;
    if (request.method == "POST")
    {
        const std::string type = request.GetField("Content-Type").value_or("");
        const std::string mediaType = type.substr(0, type.find(';'));
        const size_t last = mediaType.find_last_not_of(" \t");
        if (last == std::string::npos || !EqualsIgnoreCase(mediaType.substr(0, last + 1), FORM))
        {
            return ErrorResponse(415, "The form is expected as " + FORM + ".");
        }
        form = request.body;
    }
    const std::optional<FormFields> fields = ParseForm(form);
    const std::optional<std::string> peer =
        fields ? FindFormField(*fields, "peer") : std::optional<std::string>();
    if (!peer || !IsPreferredDomainName(*peer))
    {
        ++m_counters.badPeerNames;
        return ErrorResponse(400,
                             !fields ? "The form data is not well encoded."
                             : !peer ? "No peer gateway given (field peer)."
                                     : "\"" + *peer + "\" is not a domain name.");
    }
    Ptr<TunnelRequester> requester = Requester();
    if (!requester)
    {
        ++m_counters.tunnelsRefused;
        return ErrorResponse(503, "This gateway has no tunnelling processor.");
    }
    ++m_counters.tunnelRequests;
    m_tunnelRequestTrace(*peer, from);
    const TunnelRequestAnswer answer = requester->RequestTunnel(*peer, from);
    NS_LOG_INFO("tunnel to " << *peer << " for " << from << ": " << answer.outcome);
    switch (answer.outcome)
    {
    case TunnelRequestOutcome::ACCEPTED:
        ++m_counters.tunnelsAccepted;
        return HtmlResponse(202,
                            "Tunnel request passed on",
                            "<p>The request for a tunnel to <b>" + HtmlEscape(*peer) +
                                "</b> was passed on to the gateway's tunnelling processor.</p>\n");
    case TunnelRequestOutcome::CONFLICT:
        ++m_counters.tunnelsRefused;
        return ErrorResponse(409, "Tunnel to " + *peer + " refused: " + answer.reason);
    case TunnelRequestOutcome::UNAVAILABLE:
        ++m_counters.tunnelsRefused;
        return ErrorResponse(503, "Tunnel to " + *peer + " refused: " + answer.reason);
    }
    return ErrorResponse(500, "Unknown answer.");
}

} // namespace gateway
} // namespace ns3
