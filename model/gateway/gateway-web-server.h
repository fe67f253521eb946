/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The gateway's web/middleware server (seed 004 unit 147, [0067]) as an
 * ns-3 Application: an HTTP/1.1 server on TCP where a host of the home
 * network asks for a tunnel to another gateway by its domain name (the
 * first step of Figs. 9, 11 and 13). A valid request is handed to the
 * gateway's TunnelRequester, whose immediate answer is shown to the user.
 *
 *   GET /                         the page with the form (field "peer")
 *   POST /tunnel  peer=NAME       (application/x-www-form-urlencoded)
 *   GET /tunnel?peer=NAME         the same from a link
 *
 * Connections persist per RFC 9112 section 9.3 and are closed after
 * IdleTimeout without a request, after "Connection: close", after an
 * HTTP/1.0 request and after a request that cannot be read (answered with
 * its status code, 400 for bad syntax).
 */
#ifndef IPVPN_GATEWAY_WEB_SERVER_H
#define IPVPN_GATEWAY_WEB_SERVER_H

#include "gateway-http-request.h"
#include "gateway-http-response.h"
#include "gateway-tunnel-request.h"

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>

namespace ns3
{
namespace gateway
{

/// What the server counted since it was created.
struct WebServerCounters
{
    uint64_t connections = 0;  ///< TCP connections accepted
    uint64_t requests = 0;     ///< responses sent, one per request read or refused
    uint64_t badRequests = 0;  ///< requests that could not be read (HttpError), answered and closed
    uint64_t badPeerNames = 0; ///< tunnel requests refused with 400 for their peer field
    uint64_t tunnelRequests = 0; ///< handed to the TunnelRequester
    uint64_t tunnelsAccepted = 0;
    uint64_t tunnelsRefused = 0;           ///< CONFLICT or UNAVAILABLE, or no requester (503)
    uint64_t idleTimeouts = 0;             ///< connections closed by IdleTimeout
    std::map<uint16_t, uint64_t> byStatus; ///< responses by status code
};

/**
 * The tunnel-request web server. The TunnelRequester is the one set with
 * SetTunnelRequester(), else one aggregated to the node (looked up at each
 * request), else none: tunnel requests are then answered 503.
 */
class WebServer : public Application
{
  public:
    static TypeId GetTypeId();

    WebServer();
    ~WebServer() override;

    void SetTunnelRequester(Ptr<TunnelRequester> requester);
    const WebServerCounters& GetCounters() const;
    /// Connections open now.
    size_t GetConnectionCount() const;

    /**
     * Answers one request (no I/O): the routing of the table above.
     * \param from the requesting host, passed to the TunnelRequester
     */
    HttpResponse Answer(const HttpRequest& request, Ipv4Address from);

    /// Signature of the "Request" trace: method, target, status code
    /// (method and target empty for a request that could not be read).
    typedef void (*RequestTracedCallback)(const std::string& method,
                                          const std::string& target,
                                          uint16_t status);
    /// Signature of the "TunnelRequest" trace: peer domain name, requester.
    typedef void (*TunnelRequestTracedCallback)(const std::string& peer, Ipv4Address requester);
    /// Signature of the "Connection" trace: remote address, event
    /// ("open", "close" by the client, "idle-timeout", "server-close", "error").
    typedef void (*ConnectionTracedCallback)(const Address& remote, const std::string& event);

  protected:
    void DoDispose() override;

  private:
    /// One accepted connection.
    struct Connection
    {
        explicit Connection(const HttpLimits& limits)
            : parser(limits)
        {
        }

        Ptr<Socket> socket;
        Address remote;
        HttpRequestParser parser;
        std::string pending;  ///< response octets the socket has not taken yet
        bool closing = false; ///< close once `pending` is sent
        EventId idle;
    };

    void StartApplication() override;
    void StopApplication() override;

    void HandleAccept(Ptr<Socket> socket, const Address& from);
    void HandleRead(Ptr<Socket> socket);
    void HandleSend(Ptr<Socket> socket, uint32_t available);
    void HandlePeerClose(Ptr<Socket> socket);
    void HandlePeerError(Ptr<Socket> socket);
    void IdleExpired(Ptr<Socket> socket);
    /// Gives the socket what it takes of `pending`; closes when done and closing.
    void Flush(Connection& connection);
    /// Forgets the connection (and closes its socket if `close`).
    void Drop(Ptr<Socket> socket, bool close, const std::string& event);
    void Respond(Connection& connection,
                 const HttpResponse& response,
                 const std::string& method,
                 const std::string& target);

    HttpResponse TunnelAnswer(const HttpRequest& request,
                              const std::string& query,
                              Ipv4Address from);
    Ptr<TunnelRequester> Requester() const;

    uint16_t m_port;             ///< attribute Port
    Ipv4Address m_localAddress;  ///< attribute LocalAddress
    Time m_idleTimeout;          ///< attribute IdleTimeout
    uint32_t m_maxRequestLine;   ///< attribute MaxRequestLine
    uint32_t m_maxHeaderSection; ///< attribute MaxHeaderSection
    uint32_t m_maxBody;          ///< attribute MaxBody
    Ptr<TunnelRequester> m_requester;
    Ptr<Socket> m_listener;
    std::map<Ptr<Socket>, std::unique_ptr<Connection>> m_connections;
    WebServerCounters m_counters;
    TracedCallback<const std::string&, const std::string&, uint16_t> m_requestTrace;
    TracedCallback<const std::string&, Ipv4Address> m_tunnelRequestTrace;
    TracedCallback<const Address&, const std::string&> m_connectionTrace;
};

/// Text with &, <, >, " and ' replaced by character references (HTML).
std::string HtmlEscape(const std::string& text);

} // namespace gateway
} // namespace ns3

#endif // IPVPN_GATEWAY_WEB_SERVER_H
