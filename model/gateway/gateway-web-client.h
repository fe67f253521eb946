/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A home host's browser on the gateway's tunnel page (seed 004, Figs. 9,
 * 11, 13: host A asks gateway A's web server 147 for a tunnel to gateway B)
 * as an ns-3 Application: at its start it opens a TCP connection to the
 * server, GETs the page "/", then POSTs the form (peer=<Peer>) to "/tunnel"
 * on the same persistent connection (RFC 9112 9.3), or on a new one if the
 * server closed the first. Each response's status code and latency are
 * recorded and traced; a refused or lost connection and a response that
 * does not come within ResponseTimeout end the run with their outcome.
 */
#ifndef IPVPN_GATEWAY_WEB_CLIENT_H
#define IPVPN_GATEWAY_WEB_CLIENT_H

#include "gateway-http-response.h"

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{
namespace gateway
{

/// How a WebClient's run ended.
enum class WebClientOutcome
{
    PENDING,           ///< not ended yet
    DONE,              ///< both responses read (whatever their status codes)
    PAGE_NOT_OK,       ///< GET / not answered 200: the form was not posted
    CONNECTION_FAILED, ///< the TCP connection could not be set up
    CONNECTION_LOST,   ///< closed or reset by the server before a response
    TIMEOUT,           ///< no complete response within ResponseTimeout
    BAD_RESPONSE,      ///< a response that could not be read
};

/// \return the enumerator's name.
std::string OutcomeName(WebClientOutcome outcome);
std::ostream& operator<<(std::ostream& os, WebClientOutcome outcome);

/// One request and its response.
struct WebExchange
{
    std::string method;
    std::string target;
    uint16_t status = 0; ///< 0 until answered
    Time sent;
    Time answered;
};

/// The browser. Attributes: ServerAddress, Port, Peer, Host, ResponseTimeout.
class WebClient : public Application
{
  public:
    static TypeId GetTypeId();

    WebClient();
    ~WebClient() override;

    WebClientOutcome GetOutcome() const;
    /// The requests sent so far, in order, with their responses.
    const std::vector<WebExchange>& GetExchanges() const;
    /// The status codes received, in order.
    std::vector<uint16_t> GetStatuses() const;
    /// The body of the last response read.
    const std::string& GetLastBody() const;

    /// Signature of the "Response" trace: method, target, status, latency.
    typedef void (*ResponseTracedCallback)(const std::string& method,
                                           const std::string& target,
                                           uint16_t status,
                                           Time latency);
    /// Signature of the "Outcome" trace: how the run ended.
    typedef void (*OutcomeTracedCallback)(WebClientOutcome outcome);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    void Connect();
    void HandleConnected(Ptr<Socket> socket);
    void HandleConnectFailed(Ptr<Socket> socket);
    void HandleRead(Ptr<Socket> socket);
    void HandlePeerClose(Ptr<Socket> socket);
    void HandlePeerError(Ptr<Socket> socket);
    void Timeout();
    /// Sends the next request of the run (GET /, then POST /tunnel).
    void SendNext();
    void Finish(WebClientOutcome outcome);
    void CloseSocket();

    Ipv4Address m_server;   ///< attribute ServerAddress
    uint16_t m_port;        ///< attribute Port
    std::string m_peer;     ///< attribute Peer
    std::string m_host;     ///< attribute Host
    Time m_responseTimeout; ///< attribute ResponseTimeout
    Ptr<Socket> m_socket;
    std::unique_ptr<HttpResponseParser> m_parser; ///< of the current connection
    bool m_connected = false;
    EventId m_timeout;
    WebClientOutcome m_outcome = WebClientOutcome::PENDING;
    std::vector<WebExchange> m_exchanges;
    std::string m_lastBody;
    TracedCallback<const std::string&, const std::string&, uint16_t, Time> m_responseTrace;
    TracedCallback<WebClientOutcome> m_outcomeTrace;
};

} // namespace gateway
} // namespace ns3

#endif // IPVPN_GATEWAY_WEB_CLIENT_H
