/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "l2tp-radius-authorizer.h"

#include "ns3/log.h"
#include "ns3/trace-source-accessor.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("L2tpRadiusAuthorizer");
NS_OBJECT_ENSURE_REGISTERED(L2tpRadiusAuthorizer);

TypeId
L2tpRadiusAuthorizer::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::L2tpRadiusAuthorizer")
            .SetParent<Object>()
            .SetGroupName("Ipvpn")
            .AddConstructor<L2tpRadiusAuthorizer>()
            .AddTraceSource("Decision",
                            "An L2TP peer was accepted or refused: Host Name, decision and "
                            "RADIUS latency (zero when no request was sent).",
                            MakeTraceSourceAccessor(&L2tpRadiusAuthorizer::m_decisionTrace),
                            "ns3::L2tpRadiusAuthorizer::DecisionTracedCallback");
    return tid;
}

L2tpRadiusAuthorizer::L2tpRadiusAuthorizer()
    : m_accepted(0)
    , m_refused(0)
{
    NS_LOG_FUNCTION(this);
}

L2tpRadiusAuthorizer::~L2tpRadiusAuthorizer()
{
    NS_LOG_FUNCTION(this);
}

void
L2tpRadiusAuthorizer::DoDispose()
{
    m_client = nullptr;
    m_credentials.clear();
    Object::DoDispose();
}

void
L2tpRadiusAuthorizer::SetClient(Ptr<radius::Client> client)
{
    m_client = client;
}

void
L2tpRadiusAuthorizer::AddCredential(const std::string& peerHostName, const std::string& password)
{
    m_credentials[peerHostName] = password;
}

void
L2tpRadiusAuthorizer::SetCredentials(const Credentials& credentials)
{
    m_credentials = credentials;
}

void
L2tpRadiusAuthorizer::Install(Ptr<l2tp::ControlConnection> connection)
{
    NS_LOG_FUNCTION(this << connection);
    connection->SetAuthorizationCallback(MakeCallback(&L2tpRadiusAuthorizer::OnAuthorizationRequest,
                                                      Ptr<L2tpRadiusAuthorizer>(this)));
}

uint32_t
L2tpRadiusAuthorizer::GetAcceptedCount() const
{
    return m_accepted;
}

uint32_t
L2tpRadiusAuthorizer::GetRefusedCount() const
{
    return m_refused;
}

Time
L2tpRadiusAuthorizer::GetLastLatency() const
{
    return m_lastLatency;
}

void
L2tpRadiusAuthorizer::OnAuthorizationRequest(Ptr<l2tp::ControlConnection> connection,
                                             const std::string& peerHostName)
{
    NS_LOG_FUNCTION(this << connection << peerHostName);
    auto it = m_credentials.find(peerHostName);
    if (it == m_credentials.end())
    {
        NS_LOG_LOGIC("no credential for peer '" << peerHostName << "': refused");
        Decide(connection, peerHostName, false, Time());
        return;
    }
    if (!m_client)
    {
        NS_LOG_WARN("no RADIUS client: peer '" << peerHostName << "' refused");
        Decide(connection, peerHostName, false, Time());
        return;
    }
    Callback<void, radius::Outcome, Time> done =
        MakeCallback(&L2tpRadiusAuthorizer::OnRadiusDone, Ptr<L2tpRadiusAuthorizer>(this))
            .Bind(connection, peerHostName);
    if (m_client->Authenticate(peerHostName, it->second, done) == 0)
    {
        NS_LOG_WARN("RADIUS client not running: peer '" << peerHostName << "' refused");
        Decide(connection, peerHostName, false, Time());
    }
}

void
L2tpRadiusAuthorizer::OnRadiusDone(Ptr<l2tp::ControlConnection> connection,
                                   std::string peerHostName,
                                   radius::Outcome outcome,
                                   Time latency)
{
    NS_LOG_FUNCTION(this << connection << peerHostName << radius::OutcomeName(outcome) << latency);
    m_lastLatency = latency;
    Decide(connection, peerHostName, outcome == radius::Outcome::ACCEPT, latency);
}

void
L2tpRadiusAuthorizer::Decide(Ptr<l2tp::ControlConnection> connection,
                             const std::string& peerHostName,
                             bool accept,
                             Time latency)
{
    if (accept)
    {
        ++m_accepted;
    }
    else
    {
        ++m_refused;
    }
    m_decisionTrace(peerHostName, accept, latency);
    // The connection may have gone away (peer StopCCN, retransmission
    // limit) while the request was outstanding; a late answer is dropped.
    if (!connection->IsAwaitingAuthorization())
    {
        NS_LOG_LOGIC("connection no longer waits for authorization: answer dropped");
        return;
    }
    connection->Authorize(accept);
}

} // namespace ns3
