/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "l2tp-tunnel-monitor.h"

#include "ns3/l2tp-avp.h"
#include "ns3/ppp-control-header.h"
#include "ns3/ppp-control-option.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ppp-endpoint.h"
#include "ns3/radius-packet-header.h"
#include "ns3/simulator.h"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

namespace ns3
{
namespace metrics
{

namespace
{

/// Names as the decoder prints them: no spaces.
std::string
Dashed(std::string name)
{
    std::replace(name.begin(), name.end(), ' ', '-');
    return name;
}

int64_t
Now()
{
    return Simulator::Now().GetNanoSeconds();
}

/// Fields of a message line: its tunnel, the node at the other end, its
/// size, and the packet uid that the matching line at the peer carries too.
MessageTrace::Fields
MessageFields(const std::string& tunnel, const std::string& peer, Ptr<const Packet> p)
{
    MessageTrace::Fields fields;
    if (!tunnel.empty())
    {
        fields.emplace_back("tunnel", tunnel);
    }
    fields.emplace_back("peer", peer);
    fields.emplace_back("bytes", std::to_string(p->GetSize()));
    fields.emplace_back("uid", std::to_string(p->GetUid()));
    return fields;
}

/// The RADIUS code of a packet: its first octet.
std::string
RadiusType(Ptr<const Packet> p)
{
    uint8_t code = 0;
    p->CopyData(&code, 1);
    return Dashed(radius::CodeName(code));
}

void
SetOnce(std::optional<int64_t>& slot)
{
    if (!slot)
    {
        slot = Now();
    }
}

} // namespace

TunnelMonitor::TunnelMonitor(const scenario::TunnelsSection& section,
                             const std::vector<scenario::BuiltTunnel>& tunnels,
                             const std::vector<scenario::BuiltRadiusServer>& servers,
                             NetworkNames names)
    : m_section(section),
      m_tunnels(tunnels),
      m_names(std::move(names))
{
    for (const scenario::BuiltRadiusServer& server : servers)
    {
        WatchServer(server);
    }
    for (size_t i = 0; i < tunnels.size(); ++i)
    {
        const scenario::TunnelSpec& spec = *tunnels[i].spec;
        TunnelOutcome out;
        out.name = spec.name;
        out.lac = spec.lac;
        out.lns = spec.lns;
        out.authLayout = "none";
        if (spec.auth)
        {
            for (const auto& server : section.servers)
            {
                if (server.name == spec.auth->server)
                {
                    out.authLayout = server.node == spec.lns ? "in-router" : "central";
                }
            }
        }
        out.mutualAuth = spec.mutualAuth.has_value();
        m_out.push_back(out);
        m_sessionUp.emplace_back(false, false);
        m_pppUp.emplace_back(false, false);
        m_pendingDetection.emplace_back();
        Watch(i);
    }
}

void
TunnelMonitor::SetTraceSink(TraceSink sink)
{
    m_trace = std::move(sink);
}

void
TunnelMonitor::Trace(const std::string& node,
                     const std::string& direction,
                     const std::string& protocol,
                     const std::string& type,
                     const std::vector<std::pair<std::string, std::string>>& fields)
{
    if (m_trace)
    {
        m_trace(node, direction, protocol, type, fields);
    }
}

void
TunnelMonitor::Watch(size_t i)
{
    const scenario::BuiltTunnel& built = m_tunnels[i];
    const std::string name = m_out[i].name;
    struct End
    {
        Ptr<l2tp::ControlConnection> connection;
        Ptr<l2tp::SessionNetDevice> device;
        std::string node;
        bool lac;
    };
    for (const End& end : {End{built.tunnel.lac, built.tunnel.lacDevice, built.spec->lac, true},
                           End{built.tunnel.lns, built.tunnel.lnsDevice, built.spec->lns, false}})
    {
        const std::string node = end.node;
        const bool lac = end.lac;
        const std::string peer = lac ? built.spec->lns : built.spec->lac;
        auto message = [this, i, node, peer, name, lac](const char* direction) {
            return Callback<void, uint16_t, Ptr<const Packet>>(
                [this, i, node, peer, name, lac, direction](uint16_t type, Ptr<const Packet> p) {
                    if (lac && type == 1 && std::string(direction) == "tx") // SCCRQ
                    {
                        SetOnce(m_out[i].sccrqNs);
                    }
                    Trace(node,
                          direction,
                          "l2tp",
                          type == 0 ? "ZLB" : l2tp::MessageTypeName(type),
                          MessageFields(name, peer, p));
                });
        };
        end.connection->TraceConnectWithoutContext("Tx", message("tx"));
        end.connection->TraceConnectWithoutContext("Rx", message("rx"));
        end.connection->TraceConnectWithoutContext(
            "TunnelUp",
            Callback<void, uint16_t>([this, i, node, name, lac](uint16_t peerTunnelId) {
                SetOnce(lac ? m_out[i].lacUpNs : m_out[i].lnsUpNs);
                Trace(node, "event", "l2tp", "tunnel-up", {{"tunnel", name}, {"peer_tunnel_id", std::to_string(peerTunnelId)}});
            }));
        end.connection->TraceConnectWithoutContext(
            "TunnelDown",
            Callback<void, l2tp::ControlFsm::DownReason, uint16_t>(
                [this, i, node, name](l2tp::ControlFsm::DownReason reason, uint16_t result) {
                    const std::string why = l2tp::ControlFsm::DownReasonName(reason);
                    m_out[i].failures.push_back({Now(), node, "tunnel", why, result});
                    Down(i, node);
                    Trace(node, "event", "l2tp", "tunnel-down", {{"tunnel", name}, {"reason", why}, {"result", std::to_string(result)}});
                }));
        end.connection->TraceConnectWithoutContext(
            "SessionUp",
            Callback<void, uint16_t, uint16_t>([this, i, node, name, lac](uint16_t local, uint16_t peer) {
                (lac ? m_sessionUp[i].first : m_sessionUp[i].second) = true;
                if (m_sessionUp[i].first && m_sessionUp[i].second)
                {
                    SetOnce(m_out[i].sessionUpNs);
                }
                Trace(node,
                      "event",
                      "l2tp",
                      "session-up",
                      {{"tunnel", name}, {"session", std::to_string(local)}, {"peer_session", std::to_string(peer)}});
            }));
        end.connection->TraceConnectWithoutContext(
            "SessionDown",
            Callback<void, uint16_t, l2tp::SessionFsm::DownReason, uint16_t>(
                [this, i, node, name, lac](uint16_t local, l2tp::SessionFsm::DownReason reason, uint16_t result) {
                    (lac ? m_sessionUp[i].first : m_sessionUp[i].second) = false;
                    const std::string why = l2tp::SessionFsm::DownReasonName(reason);
                    m_out[i].failures.push_back({Now(), node, "session", why, result});
                    Trace(node,
                          "event",
                          "l2tp",
                          "session-down",
                          {{"tunnel", name}, {"session", std::to_string(local)}, {"reason", why}, {"result", std::to_string(result)}});
                }));
        if (!end.device)
        {
            continue;
        }
        Ptr<ppp::Endpoint> ppp = end.device->GetPppEndpoint();
        auto frame = [this, i, node, peer, name](const char* direction) {
            return Callback<void, uint16_t, uint8_t, Ptr<const Packet>>(
                [this, i, node, peer, name, direction](uint16_t protocol, uint8_t code, Ptr<const Packet> f) {
                    if (std::string(direction) == "tx")
                    {
                        m_out[i].sent["ppp"].messages += 1;
                        m_out[i].sent["ppp"].bytes += f->GetSize();
                    }
                    if (protocol == ppp::Endpoint::PROTOCOL_IPV4)
                    {
                        return; // data, not a control message
                    }
                    Trace(node,
                          direction,
                          "ppp",
                          ppp::ControlProtocolName(protocol) + "-" + Dashed(ppp::CodeName(code)),
                          MessageFields(name, peer, f));
                });
        };
        ppp->TraceConnectWithoutContext("Tx", frame("tx"));
        ppp->TraceConnectWithoutContext("Rx", frame("rx"));
        ppp->TraceConnectWithoutContext(
            "LinkUp",
            Callback<void, Ipv4Address, Ipv4Address>([this, i, node, name, lac](Ipv4Address local, Ipv4Address peer) {
                (lac ? m_pppUp[i].first : m_pppUp[i].second) = true;
                if (m_pppUp[i].first && m_pppUp[i].second)
                {
                    SetOnce(m_out[i].pppUpNs);
                }
                std::ostringstream l;
                std::ostringstream p;
                l << local;
                p << peer;
                Trace(node, "event", "ppp", "ipcp-up", {{"tunnel", name}, {"local", l.str()}, {"peer", p.str()}});
            }));
        ppp->TraceConnectWithoutContext(
            "LinkDown",
            Callback<void>([this, i, node, name, lac]() {
                (lac ? m_pppUp[i].first : m_pppUp[i].second) = false;
                Trace(node, "event", "ppp", "ipcp-down", {{"tunnel", name}});
            }));
        ppp->TraceConnectWithoutContext(
            "EchoTimeout",
            Callback<void, uint32_t>([this, i, node, name](uint32_t outstanding) {
                m_out[i].failures.push_back({Now(), node, "ppp", "lcp-echo-timeout", 0});
                Trace(node, "event", "ppp", "echo-timeout", {{"tunnel", name}, {"outstanding", std::to_string(outstanding)}});
            }));
    }

    for (const auto& [auth, node, spec] :
         {std::make_tuple(built.lnsAuth, built.spec->lns, built.spec->auth),
          std::make_tuple(built.lacAuth, built.spec->lac, built.spec->mutualAuth)})
    {
        if (!auth.authorizer)
        {
            continue;
        }
        const std::string asker = node;
        const std::string server = ServerNode(spec->server);
        auth.authorizer->TraceConnectWithoutContext(
            "Decision",
            Callback<void, const std::string&, bool, Time>(
                [this, i, asker, name](const std::string& peer, bool accepted, Time latency) {
                    m_out[i].auth.push_back({Now(), asker, peer, accepted, latency.GetNanoSeconds()});
                    if (!accepted)
                    {
                        m_out[i].failures.push_back({Now(), asker, "auth", "rejected:" + peer, 0});
                    }
                    Trace(asker,
                          "event",
                          "radius",
                          accepted ? "authorized" : "refused",
                          {{"tunnel", name}, {"peer", peer}, {"latency_ms", fmt::format("{:.3f}", latency.GetSeconds() * 1e3)}});
                }));
        auto radius = [this, i, asker, server, name](const char* direction) {
            return [this, i, asker, server, name, direction](Ptr<const Packet> p) {
                m_out[i].sent["radius"].messages += std::string(direction) == "tx";
                m_out[i].sent["radius"].bytes += std::string(direction) == "tx" ? p->GetSize() : 0;
                Trace(asker, direction, "radius", RadiusType(p), MessageFields(name, server, p));
            };
        };
        auth.client->TraceConnectWithoutContext(
            "Tx",
            Callback<void, Ptr<const Packet>, uint32_t, bool>(
                [this, i, send = radius("tx")](Ptr<const Packet> p, uint32_t, bool resend) {
                    m_out[i].radiusRetransmissions += resend;
                    send(p);
                }));
        auth.client->TraceConnectWithoutContext(
            "Rx",
            Callback<void, Ptr<const Packet>, uint32_t>(
                [receive = radius("rx")](Ptr<const Packet> p, uint32_t) { receive(p); }));
    }
}

std::string
TunnelMonitor::ServerNode(const std::string& server) const
{
    const scenario::RadiusServerSpec* spec = m_section.FindServer(server);
    return spec ? spec->node : std::string();
}

void
TunnelMonitor::WatchServer(const scenario::BuiltRadiusServer& server)
{
    const std::string node = server.spec->node;
    auto line = [this, node](const char* direction) {
        return Callback<void, Ptr<const Packet>, const Address&>(
            [this, node, direction](Ptr<const Packet> p, const Address& from) {
                const uint32_t address = InetSocketAddress::ConvertFrom(from).GetIpv4().Get();
                Trace(node, direction, "radius", RadiusType(p), MessageFields("", m_names.NodeWithAddress(address), p));
            });
    };
    server.server->TraceConnectWithoutContext("Rx", line("rx"));
    server.server->TraceConnectWithoutContext("Tx", line("tx"));
}

void
TunnelMonitor::Down(size_t i, const std::string& /* node */)
{
    m_out[i].downNs = Now();
    for (size_t k : m_pendingDetection[i])
    {
        m_out[i].detection[k].second = Now() - m_out[i].detection[k].second.value_or(0);
    }
    m_pendingDetection[i].clear();
}

void
TunnelMonitor::NotifyEvent(const scenario::EventSpec& event)
{
    for (size_t i = 0; i < m_out.size(); ++i)
    {
        // Until the teardown, the slot holds the event time.
        m_out[i].detection.emplace_back(event.Describe(), Now());
        m_pendingDetection[i].push_back(m_out[i].detection.size() - 1);
    }
}

std::vector<TunnelOutcome>
TunnelMonitor::Finish()
{
    for (size_t i = 0; i < m_out.size(); ++i)
    {
        for (size_t k : m_pendingDetection[i])
        {
            m_out[i].detection[k].second.reset(); // never torn down after it
        }
        m_pendingDetection[i].clear();
        const scenario::BuiltTunnel& built = m_tunnels[i];
        for (const auto& end : {built.tunnel.lac, built.tunnel.lns})
        {
            const l2tp::TunnelCounters& c = end->GetCounters();
            m_out[i].retransmissions += c.retransmissions;
            m_out[i].sent["l2tp-control"].messages += c.controlTx;
            m_out[i].sent["l2tp-control"].bytes += c.controlTxBytes;
            m_out[i].sent["l2tp-data"].messages += c.dataTx;
            m_out[i].sent["l2tp-data"].bytes += c.dataTxBytes;
        }
        m_out[i].upAtEnd = built.tunnel.lac->GetState() == l2tp::ControlFsm::ESTABLISHED &&
                           built.tunnel.lns->GetState() == l2tp::ControlFsm::ESTABLISHED;
    }
    return m_out;
}

} // namespace metrics
} // namespace ns3
