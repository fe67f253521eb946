// SPDX-License-Identifier: GPL-2.0-only

#include "vr-tunnel-authorizer.h"

#include "ns3/boolean.h"
#include "ns3/ipv4-address.h"
#include "ns3/l2tp-control-connection.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/radius-client.h"
#include "ns3/radius-server.h"
#include "ns3/simulator.h"

namespace ns3
{
namespace vr
{

NS_LOG_COMPONENT_DEFINE("VrTunnelAuthorizer");
NS_OBJECT_ENSURE_REGISTERED(TunnelAuthorizer);

TypeId
TunnelAuthorizer::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::vr::TunnelAuthorizer")
            .SetParent<Object>()
            .SetGroupName("Vr")
            .AddConstructor<TunnelAuthorizer>()
            .AddAttribute("MutualAuthentication",
                          "The new port also authenticates the existing one (the option "
                          "after the seed's Fig. 9).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&TunnelAuthorizer::m_mutual),
                          MakeBooleanChecker())
            .AddAttribute("WaitTime",
                          "How long a held SCCRP or SCCCN waits for a RADIUS decision "
                          "before the tunnel is refused (our choice: the RADIUS client's "
                          "3 transmissions 3 s apart fit in it).",
                          TimeValue(Seconds(10)),
                          MakeTimeAccessor(&TunnelAuthorizer::m_waitTime),
                          MakeTimeChecker(Seconds(0)))
            .AddTraceSource("Decision",
                            "A RADIUS decision about a tunnel: peer port, \"self\" or "
                            "\"peer\", accepted.",
                            MakeTraceSourceAccessor(&TunnelAuthorizer::m_decisionTrace),
                            "ns3::vr::TunnelAuthorizer::DecisionTracedCallback");
    return tid;
}

TunnelAuthorizer::TunnelAuthorizer()
    : m_mutual(false),
      m_waitTime(Seconds(10))
{
}

TunnelAuthorizer::~TunnelAuthorizer() = default;

void
TunnelAuthorizer::DoDispose()
{
    for (auto& [peer, held] : m_held)
    {
        held.timeout.Cancel();
    }
    m_held.clear();
    m_clients.clear();
    m_pending.clear();
    if (m_server)
    {
        m_server->TraceDisconnectWithoutContext(
            "Decision",
            MakeCallback(&TunnelAuthorizer::OnServerDecision, this));
    }
    m_server = nullptr;
    m_node = nullptr;
    Object::DoDispose();
}

void
TunnelAuthorizer::Configure(Ptr<Node> node,
                            const std::string& name,
                            const std::string& password,
                            const std::string& radiusSecret,
                            Ipv4Address portAddress)
{
    m_node = node;
    m_name = name;
    m_password = password;
    m_radiusSecret = radiusSecret;
    m_portAddress = portAddress;
}

void
TunnelAuthorizer::SetPassword(const std::string& password)
{
    m_password = password;
    m_selfResult.clear(); // answers to the old password no longer stand
}

void
TunnelAuthorizer::SetServer(Ptr<radius::Server> server)
{
    m_server = server;
    m_server->TraceConnectWithoutContext("Decision",
                                         MakeCallback(&TunnelAuthorizer::OnServerDecision, this));
}

void
TunnelAuthorizer::Install(Ptr<l2tp::ControlConnection> end, Ipv4Address peerPort)
{
    end->SetAuthorizationCallback(
        MakeCallback(&TunnelAuthorizer::OnHold, Ptr<TunnelAuthorizer>(this)).Bind(peerPort));
}

void
TunnelAuthorizer::AuthenticateTo(Ipv4Address peerPort, DoneCallback done)
{
    auto result = m_selfResult.find(peerPort);
    if (result != m_selfResult.end() && result->second)
    {
        done(true); // accepted before: the peer's server knows us
        return;
    }
    std::vector<DoneCallback>& waiting = m_pending[peerPort];
    waiting.push_back(done);
    if (waiting.size() > 1)
    {
        return; // a request is on its way
    }
    Ptr<radius::Client>& client = m_clients[peerPort];
    if (!client)
    {
        // One client per peer server: a client fails over along its
        // server list, and each peer port is a server of its own.
        client = CreateObject<radius::Client>();
        client->SetAttribute("LocalAddress", Ipv4AddressValue(m_portAddress));
        client->SetAttribute("NasIpAddress", Ipv4AddressValue(m_portAddress));
        client->AddServer(peerPort, 1812, m_radiusSecret);
        client->SetStartTime(Seconds(0));
        m_node->AddApplication(client);
        // Start it now (its start event comes before the request below).
        client->Initialize();
    }
    Simulator::ScheduleNow([this, peerPort, client]() {
        if (client->Authenticate(
                m_name,
                m_password,
                MakeCallback(&TunnelAuthorizer::OnRadiusDone, Ptr<TunnelAuthorizer>(this))
                    .Bind(peerPort)) == 0)
        {
            OnSelfDone(peerPort, false);
        }
    });
}

void
TunnelAuthorizer::OnRadiusDone(Ipv4Address peerPort, radius::Outcome outcome, Time latency)
{
    NS_LOG_INFO(m_portAddress << " at " << peerPort << "'s server: "
                              << radius::OutcomeName(outcome) << " after " << latency);
    OnSelfDone(peerPort, outcome == radius::Outcome::ACCEPT);
}

void
TunnelAuthorizer::OnSelfDone(Ipv4Address peerPort, bool accepted)
{
    m_selfResult[peerPort] = accepted;
    // The request is over: its client (and its socket) goes, so that a
    // port with many peers does not keep one open per peer. Disposed from
    // an event of its own: we may be inside the client's callback.
    auto client = m_clients.find(peerPort);
    if (client != m_clients.end())
    {
        Simulator::ScheduleNow(&radius::Client::Dispose, client->second);
        m_clients.erase(client);
    }
    m_decisionTrace(peerPort, "self", accepted);
    std::vector<DoneCallback> waiting;
    waiting.swap(m_pending[peerPort]);
    m_pending.erase(peerPort);
    for (DoneCallback& done : waiting)
    {
        if (!done.IsNull())
        {
            done(accepted);
        }
    }
}

void
TunnelAuthorizer::OnHeldSelfDone(Ipv4Address peerPort, bool /* accepted: in m_selfResult */)
{
    Settle(peerPort);
}

void
TunnelAuthorizer::OnServerDecision(const std::string& userName, bool accepted, Ipv4Address client)
{
    auto it = m_held.find(client);
    if (it == m_held.end() || !it->second.needPeer || it->second.peerName != userName)
    {
        m_peerDecisions[client][userName] = accepted; // for the hold to come
    }
    else
    {
        it->second.needPeer = false;
        it->second.refused = it->second.refused || !accepted;
        m_decisionTrace(client, "peer", accepted);
        Settle(client);
    }
}

void
TunnelAuthorizer::OnHold(Ipv4Address peerPort,
                         Ptr<l2tp::ControlConnection> end,
                         const std::string& peerHostName)
{
    Held& held = m_held[peerPort];
    held.timeout.Cancel();
    held = Held();
    held.end = end;
    held.peerPort = peerPort;
    held.peerName = peerHostName;
    const bool initiator = end->IsInitiator();
    held.needPeer = !initiator || m_mutual;
    if (held.needPeer)
    {
        // A decision of our server is used once: every tunnel set-up
        // (a reopened one too) needs a RADIUS exchange of its own.
        auto known = m_peerDecisions[peerPort].find(peerHostName);
        if (known != m_peerDecisions[peerPort].end())
        {
            held.needPeer = false;
            held.refused = !known->second;
            m_decisionTrace(peerPort, "peer", known->second);
            m_peerDecisions[peerPort].erase(known);
        }
    }
    held.needSelf = initiator;
    if (initiator)
    {
        m_selfResult.erase(peerPort); // a fresh request for this set-up
    }
    held.timeout = Simulator::Schedule(m_waitTime, &TunnelAuthorizer::OnTimeout, this, peerPort);
    if (held.needSelf)
    {
        AuthenticateTo(peerPort,
                       MakeCallback(&TunnelAuthorizer::OnHeldSelfDone, this).Bind(peerPort));
        return;
    }
    Settle(peerPort);
}

void
TunnelAuthorizer::OnTimeout(Ipv4Address peerPort)
{
    auto it = m_held.find(peerPort);
    if (it == m_held.end())
    {
        return;
    }
    NS_LOG_INFO(m_portAddress << ": no RADIUS decision about " << peerPort << " in time");
    it->second.refused = true;
    it->second.needPeer = false;
    it->second.needSelf = false;
    Settle(peerPort);
}

void
TunnelAuthorizer::Settle(Ipv4Address peerPort)
{
    auto it = m_held.find(peerPort);
    if (it == m_held.end())
    {
        return;
    }
    Held& held = it->second;
    if (held.needSelf)
    {
        auto self = m_selfResult.find(peerPort);
        if (self == m_selfResult.end() || !m_pending[peerPort].empty())
        {
            return;
        }
        held.needSelf = false;
        held.refused = held.refused || !self->second;
    }
    if (held.needPeer)
    {
        return;
    }
    held.timeout.Cancel();
    Ptr<l2tp::ControlConnection> end = held.end;
    const bool accept = !held.refused;
    m_held.erase(it);
    if (end->IsAwaitingAuthorization())
    {
        end->Authorize(accept);
    }
}

} // namespace vr
} // namespace ns3
