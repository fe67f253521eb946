/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Glue between an L2TP tunnel end and a RADIUS client. Installed on a
 * responder (LNS), the responder holds each acceptable SCCCN (local state
 * wait-authorization); installed on an initiator (LAC), the initiator
 * holds each acceptable SCCRP and sends no SCCCN yet (local state
 * wait-reply-authorization). Installed on both, the two ends authorise
 * each other, one after the other (SCCRP, then SCCCN). Either way this
 * object asks the RADIUS server whether the peer, named by its Host Name
 * AVP (RFC 2661 4.4.3), may have a tunnel with us. The peer's password
 * comes from a local table; the RADIUS request is a PAP Access-Request
 * (RFC 2865 5.2). Access-Accept lets the tunnel come up; anything else
 * (Access-Reject, an unanswered request, a Challenge this model does not
 * follow, an unknown Host Name) makes the end send a StopCCN: Result Code
 * 4 from a responder (RFC 2661 4.4.2, "requester is not authorized"),
 * Result Code 1 from an initiator (see l2tp-control-fsm.h).
 *
 * Usage (on either end, before it starts):
 *   Ptr<L2tpRadiusAuthorizer> auth = CreateObject<L2tpRadiusAuthorizer>();
 *   auth->SetClient(radiusClient);
 *   auth->AddCredential("lac-a", "lac-a-password");
 *   auth->Install(connection);
 * The connection's callback keeps the authorizer alive.
 */
#ifndef IPVPN_L2TP_RADIUS_AUTHORIZER_H
#define IPVPN_L2TP_RADIUS_AUTHORIZER_H

#include "ns3/l2tp-control-connection.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/ptr.h"
#include "ns3/radius-client.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <map>
#include <string>

namespace ns3
{

/// Authorizes L2TP peers through a RADIUS client.
class L2tpRadiusAuthorizer : public Object
{
  public:
    /// Peer Host Name -> password sent in the Access-Request.
    using Credentials = std::map<std::string, std::string>;

    static TypeId GetTypeId();
    L2tpRadiusAuthorizer();
    ~L2tpRadiusAuthorizer() override;

    /// The RADIUS client that carries the requests (must be running when
    /// a request is made, otherwise the peer is refused).
    void SetClient(Ptr<radius::Client> client);
    /// Adds or replaces the password of one peer Host Name.
    void AddCredential(const std::string& peerHostName, const std::string& password);
    /// Replaces the whole table.
    void SetCredentials(const Credentials& credentials);

    /// Makes `connection` hold each SCCCN (as responder) or SCCRP (as
    /// initiator) and ask this object; one authorizer may serve several.
    void Install(Ptr<l2tp::ControlConnection> connection);

    /// Requests answered Accept / refused (any reason) so far.
    uint32_t GetAcceptedCount() const;
    uint32_t GetRefusedCount() const;
    /// Latency of the last RADIUS exchange that ended (zero before any).
    Time GetLastLatency() const;

    /// "Decision": peer Host Name, accepted, RADIUS latency (zero when no
    /// request was sent).
    typedef void (*DecisionTracedCallback)(const std::string& peerHostName,
                                           bool accepted,
                                           Time latency);

  protected:
    void DoDispose() override;

  private:
    /// The connection's authorization callback.
    void OnAuthorizationRequest(Ptr<l2tp::ControlConnection> connection,
                                const std::string& peerHostName);
    /// The RADIUS client's answer for one held SCCCN or SCCRP.
    void OnRadiusDone(Ptr<l2tp::ControlConnection> connection,
                      std::string peerHostName,
                      radius::Outcome outcome,
                      Time latency);
    /// Hands the decision to the connection and reports it.
    void Decide(Ptr<l2tp::ControlConnection> connection,
                const std::string& peerHostName,
                bool accept,
                Time latency);

    Ptr<radius::Client> m_client;
    Credentials m_credentials;
    uint32_t m_accepted;
    uint32_t m_refused;
    Time m_lastLatency;
    TracedCallback<const std::string&, bool, Time> m_decisionTrace;
};

} // namespace ns3

#endif // IPVPN_L2TP_RADIUS_AUTHORIZER_H
