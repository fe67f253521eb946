// SPDX-License-Identifier: GPL-2.0-only
#include "htip-results.h"

#include "../homes/homes-results.h"

#include <fmt/format.h>
#include <sstream>

namespace ns3
{
namespace scenario
{

namespace
{

template <typename T>
std::string
Text(const T& value)
{
    std::ostringstream os;
    os << value;
    return os.str();
}

nlohmann::json
Seconds(const std::optional<Time>& t)
{
    return t ? nlohmann::json(t->GetSeconds()) : nlohmann::json(nullptr);
}

nlohmann::json
RowJson(const htip::Connection& c)
{
    return {{"peer_name", c.peerName},
            {"peer_address", Text(c.peerAddress)},
            {"vpn_protocol", c.vpnProtocol == htip::VPN_L2TP ? "L2TP" : "PPTP"},
            {"tunnel_id", c.tunnelId},
            {"peer_role", htip::PeerRoleName(c.peerRole)},
            {"own_prefix", c.own.ToString()},
            {"peer_prefix", c.peer.ToString()},
            {"own_tunnel_prefix", c.ownTunnel.ToString()},
            {"peer_tunnel_prefix", c.peerTunnel.ToString()},
            {"nat", c.NeedsNat()}};
}

nlohmann::json
CountersJson(const htip::EngineCounters& c)
{
    nlohmann::json sent = nlohmann::json::object();
    nlohmann::json received = nlohmann::json::object();
    for (uint8_t type = htip::REQUEST; type <= htip::NAK; ++type)
    {
        sent[htip::TypeName(type)] = c.sent[type];
        received[htip::TypeName(type)] = c.received[type];
    }
    nlohmann::json dropped = nlohmann::json::object();
    for (uint8_t r = 0; r < c.dropped.size(); ++r)
    {
        dropped[htip::DropReasonName(static_cast<htip::DropReason>(r))] = c.dropped[r];
    }
    return {{"sent", sent},
            {"received", received},
            {"retransmissions", c.retransmissions},
            {"dropped", dropped},
            {"failures", c.failures}};
}

/// The negotiation record of `t` in its processor's engine, if any.
const htip::NegotiationRecord*
FindNegotiation(const std::vector<htip::NegotiationRecord>& records, const htip::TunnelRecord& t)
{
    const htip::NegotiationRecord* found = nullptr;
    for (const htip::NegotiationRecord& n : records)
    {
        if (n.peer == t.peerAddress && n.requester == t.requester)
        {
            found = &n; // the last one
        }
    }
    return found;
}

} // namespace

void
TunnellingRun::Finish(metrics::RunResults& results)
{
    auto outcome = std::make_shared<metrics::JsonLinesOutcome>();
    nlohmann::json& j = outcome->json;
    j["gateways"] = nlohmann::json::array();
    j["tunnels"] = nlohmann::json::array();
    uint64_t untranslated = 0;
    // Which gateways had a tunnel up between them (for the isolation count).
    std::set<std::pair<std::string, std::string>> connected;
    for (const TunnellingGatewayParts& g : gateways)
    {
        nlohmann::json gj = {{"home", g.home}, {"node", g.node}, {"domain", g.domain}};
        if (!g.processor || !g.processor->GetEngine())
        {
            gj["silent"] = true;
            j["gateways"].push_back(gj);
            outcome->lines.push_back(fmt::format("gateway {} ({}): silent", g.node, g.home));
            continue;
        }
        const htip::Engine& engine = *g.processor->GetEngine();
        const htip::ProcessorCounters& pc = g.processor->GetCounters();
        gj["messages"] = CountersJson(engine.GetCounters());
        gj["requests"] = pc.requests;
        gj["injected_naks"] = pc.injectedNaks;
        gj["held_for_check"] = pc.heldForCheck;
        gj["resolve_failures"] = pc.resolveFailures;
        gj["dns"] = {
            {"forwards", pc.dnsForwards}, {"answers", pc.dnsAnswers}, {"refused", pc.dnsRefused}};
        gj["table"] = nlohmann::json::array();
        for (const htip::Connection& c : engine.GetTable().GetRows())
        {
            gj["table"].push_back(RowJson(c));
        }
        const std::vector<htip::NegotiationRecord> negotiations = engine.GetRecords();
        gj["negotiations"] = nlohmann::json::array();
        for (const htip::NegotiationRecord& n : negotiations)
        {
            gj["negotiations"].push_back(
                {{"peer", Text(n.peer)},
                 {"peer_name", n.peerName},
                 {"id", n.negotiationId},
                 {"role", n.requester ? "requester" : "responder"},
                 {"started_s", n.started.GetSeconds()},
                 {"agreed_s", Seconds(n.agreed)},
                 {"tunnel_up_s", Seconds(n.tunnelUp)},
                 {"ended_s", Seconds(n.ended)},
                 {"nak_rounds", n.nakRounds},
                 {"retransmissions", n.retransmissions},
                 {"failure", n.failure ? htip::FailReasonName(*n.failure) : std::string()}});
        }
        for (const htip::TunnelRecord& t : g.processor->GetTunnelRecords())
        {
            untranslated += t.untranslated;
            const htip::NegotiationRecord* n = FindNegotiation(negotiations, t);
            nlohmann::json tj = {
                {"gateway", g.node},
                {"role", t.requester ? "requester" : "responder"},
                {"peer_name", t.peerName},
                {"peer_address", Text(t.peerAddress)},
                {"tunnel_id", t.tunnelId},
                {"requested_s", Seconds(t.requested)},
                {"resolved_s", Seconds(t.resolved)},
                {"negotiation_started_s", n ? nlohmann::json(n->started.GetSeconds()) : nullptr},
                {"agreed_s", n ? Seconds(n->agreed) : nullptr},
                {"vpn_started_s", Seconds(t.vpnStarted)},
                {"l2tp_up_s", Seconds(t.l2tpUp)},
                {"ppp_up_s", Seconds(t.pppUp)},
                {"first_packet_s", Seconds(t.firstPacket)},
                {"down_s", Seconds(t.down)},
                {"nak_rounds", n ? n->nakRounds : 0},
                {"retransmissions", n ? n->retransmissions : 0},
                {"failure", n && n->failure ? htip::FailReasonName(*n->failure) : ""},
                {"nat", t.nat},
                {"translations", {{"outbound", t.natOutbound}, {"inbound", t.natInbound}}},
                {"packets", {{"out", t.packetsOut}, {"in", t.packetsIn}}},
                {"untranslated", t.untranslated}};
            // From the web request; the responder has none.
            tj["setup_ms"] = t.requested && t.pppUp
                                 ? nlohmann::json((*t.pppUp - *t.requested).GetSeconds() * 1e3)
                                 : nlohmann::json(nullptr);
            j["tunnels"].push_back(tj);
            if (t.pppUp)
            {
                connected.insert({g.domain, t.peerName});
                connected.insert({t.peerName, g.domain});
            }
            outcome->lines.push_back(fmt::format(
                "tunnel {} -> {} ({}): {}, PPP up {}, {} NAK rounds, {} retransmissions, "
                "{}/{} translated out/in",
                g.node,
                t.peerName,
                t.requester ? "requester" : "responder",
                t.pppUp ? "up" : (n && n->failure ? htip::FailReasonName(*n->failure) : "not up"),
                t.pppUp ? fmt::format("at {:.3f} s", t.pppUp->GetSeconds()) : std::string("-"),
                n ? n->nakRounds : 0,
                n ? n->retransmissions : 0,
                t.natOutbound,
                t.natInbound));
        }
        j["gateways"].push_back(gj);
    }
    // Datagrams of `send` flows delivered to a host of another home whose
    // gateway had no tunnel with the sender's.
    uint64_t leaks = 0;
    if (homes)
    {
        for (const HomeFlowParts& f : homes->flows)
        {
            const HostParts* from = nullptr;
            for (const HostParts& h : homes->hosts)
            {
                from = h.node == f.spec->from ? &h : from;
            }
            for (const std::string& node : f.receivedBy)
            {
                for (const HostParts& h : homes->hosts)
                {
                    if (h.node != node || !from || h.home == from->home)
                    {
                        continue;
                    }
                    std::string a;
                    std::string b;
                    for (const GatewayParts& g : homes->gateways)
                    {
                        a = g.home->name == from->home ? g.home->domain : a;
                        b = g.home->name == h.home ? g.home->domain : b;
                    }
                    leaks += connected.count({a, b}) ? 0 : 1;
                }
            }
        }
    }
    j["isolation"] = {{"untranslated_into_tunnels", untranslated},
                      {"delivered_between_homes_without_tunnel", leaks}};
    outcome->lines.push_back(fmt::format("isolation: {} untranslated into tunnels, {} delivered "
                                         "between homes without a tunnel",
                                         untranslated,
                                         leaks));
    results.parts.push_back({"tunnelling", outcome});
}

} // namespace scenario
} // namespace ns3
