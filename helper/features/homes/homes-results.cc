// SPDX-License-Identifier: GPL-2.0-only
#include "homes-results.h"

#include "ns3/dns-message.h"

#include <fmt/format.h>
#include <sstream>

namespace ns3
{
namespace scenario
{

namespace
{

std::string
Text(Ipv4Address a)
{
    std::ostringstream os;
    os << a;
    return os.str();
}

double
Ms(Time t)
{
    return t.GetSeconds() * 1e3;
}

nlohmann::json
GatewayJson(const GatewayParts& g, std::string& line)
{
    const gateway::RoutingProtocol::Counters& c = g.routing->GetCounters();
    nlohmann::json j = {{"home", g.home->name},
                        {"node", g.home->gateway},
                        {"public_address", Text(g.routing->GetPublicAddress())}};
    if (!g.home->domain.empty())
    {
        j["registration"] = {{"domain", g.home->domain},
                             {"done", g.registrationRcode.has_value()},
                             {"rcode",
                              g.registrationRcode ? (*g.registrationRcode == dns::RCODE_NO_REPLY
                                                         ? std::string("no reply")
                                                         : dns::RcodeName(*g.registrationRcode))
                                                  : std::string()},
                             {"latency_ms", Ms(g.registrationLatency)}};
    }
    const nat::NaptEngine* napt = g.routing->GetNapt();
    nlohmann::json drops = nlohmann::json::object();
    for (auto reason : {nat::DropReason::NO_MAPPING,
                        nat::DropReason::FILTERED,
                        nat::DropReason::TABLE_FULL,
                        nat::DropReason::PORTS_EXHAUSTED,
                        nat::DropReason::NOT_TO_PUBLIC})
    {
        std::ostringstream name;
        name << reason;
        drops[name.str()] = napt ? napt->GetDropCount(reason) : 0;
    }
    j["napt"] = {{"created", napt ? napt->GetCounters().created : 0},
                 {"expired", napt ? napt->GetCounters().expired : 0},
                 {"active_peak", napt ? napt->GetCounters().activePeak : 0},
                 {"active_at_end", napt ? napt->GetMappingCount() : 0},
                 {"translated_out", c.naptOutbound},
                 {"translated_in", c.naptInbound},
                 {"drops", drops}};
    j["prefix_nat"] = {{"translated_out", c.prefixOutbound}, {"translated_in", c.prefixInbound}};
    j["drops"] = {{"napt", c.napt},
                  {"private_destination", c.privateDestination},
                  {"untranslatable", c.untranslatable}};
    j["to_gateway"] = c.toGateway;
    const dhcp::ServerCounters& d = g.dhcp->GetCounters();
    j["dhcp"] = {{"discovers", d.discovers},
                 {"offers", d.offers},
                 {"requests", d.requests},
                 {"acks", d.acks},
                 {"naks", d.naks},
                 {"pool_exhausted", d.poolExhausted},
                 {"leases_granted", g.leasesGranted},
                 {"leases_at_end", g.dhcp->GetEngine() ? g.dhcp->GetEngine()->GetBoundCount() : 0}};
    const dns::ProcessorCounters& p = g.dns->GetCounters();
    j["dns"] = {{"queries", p.queries},
                {"local_answers", p.localAnswers},
                {"nxdomain", p.nxdomain},
                {"forwarded", p.forwarded},
                {"relayed", p.relayed},
                {"timeouts", p.timeouts},
                {"servfail", p.servfail},
                {"malformed", p.malformed}};
    const gateway::WebServerCounters& w = g.web->GetCounters();
    j["web"] = {{"connections", w.connections},
                {"requests", w.requests},
                {"bad_requests", w.badRequests},
                {"tunnel_requests", w.tunnelRequests}};
    line = fmt::format("gateway {} ({}): {}NAPT {} mappings, {} out / {} in, {} dropped; "
                       "DHCP {} leases; DNS {} queries ({} local, {} forwarded); web {} requests",
                       g.home->gateway,
                       Text(g.routing->GetPublicAddress()),
                       g.home->domain.empty() || !g.registrationRcode
                           ? std::string()
                           : fmt::format("registered {} ({}, {:.1f} ms); ",
                                         g.home->domain,
                                         j["registration"]["rcode"].get<std::string>(),
                                         Ms(g.registrationLatency)),
                       j["napt"]["created"].get<uint64_t>(),
                       c.naptOutbound,
                       c.naptInbound,
                       c.napt + c.privateDestination + c.untranslatable,
                       g.leasesGranted,
                       p.queries,
                       p.localAnswers,
                       p.forwarded,
                       w.requests);
    return j;
}

nlohmann::json
FlowJson(const HomeFlowParts& f, std::string& line)
{
    nlohmann::json j = {{"name", f.spec->name},
                        {"type", kHomeTrafficTypes.Name(f.spec->type)},
                        {"from", f.spec->from},
                        {"target", f.spec->target}};
    if (f.spec->type == HomeTrafficType::SEND)
    {
        j["sent"] = f.sent;
        j["delivered"] = f.receivedBy.size();
        j["delivered_to"] = f.receivedBy;
        j["sent_to"] = Text(f.sentTo);
        j["replies"] = f.replies;
        if (f.lookup)
        {
            j["lookup"] = {{"rcode", dns::RcodeName(f.lookup->rcode)},
                           {"latency_ms", Ms(f.lookup->latency)}};
        }
        line = fmt::format("home flow {} (send {}): {} sent to {}, {} delivered, {} replies",
                           f.spec->name,
                           f.spec->target,
                           f.sent,
                           Text(f.sentTo),
                           f.receivedBy.size(),
                           f.replies);
        return j;
    }
    if (f.spec->type == HomeTrafficType::BROWSE || f.spec->type == HomeTrafficType::LOOKUP)
    {
        nlohmann::json lookup = nullptr;
        if (f.lookup)
        {
            lookup = {{"rcode", dns::RcodeName(f.lookup->rcode)},
                      {"addresses", nlohmann::json::array()},
                      {"latency_ms", Ms(f.lookup->latency)},
                      {"attempts", f.lookup->attempts}};
            for (Ipv4Address a : f.lookup->addresses)
            {
                lookup["addresses"].push_back(Text(a));
            }
        }
        j["lookup"] = lookup;
    }
    std::string outcome = f.spec->type == HomeTrafficType::LOOKUP ? "pending" : "not started";
    if (f.spec->type == HomeTrafficType::LOOKUP && f.lookup)
    {
        outcome = f.lookup->gaveUp ? "no answer" : dns::RcodeName(f.lookup->rcode);
    }
    nlohmann::json statuses = nlohmann::json::array();
    if (f.client)
    {
        switch (f.client->GetOutcome())
        {
        case gateway::WebClientOutcome::PENDING:
            outcome = "pending";
            break;
        case gateway::WebClientOutcome::DONE:
            outcome = "done";
            break;
        case gateway::WebClientOutcome::PAGE_NOT_OK:
            outcome = "page not ok";
            break;
        case gateway::WebClientOutcome::CONNECTION_FAILED:
            outcome = "connection failed";
            break;
        case gateway::WebClientOutcome::CONNECTION_LOST:
            outcome = "connection lost";
            break;
        case gateway::WebClientOutcome::TIMEOUT:
            outcome = "timeout";
            break;
        case gateway::WebClientOutcome::BAD_RESPONSE:
            outcome = "bad response";
            break;
        }
        for (const gateway::WebExchange& e : f.client->GetExchanges())
        {
            statuses.push_back({{"method", e.method},
                                {"target", e.target},
                                {"status", e.status},
                                {"latency_ms", e.status ? Ms(e.answered - e.sent) : 0.0}});
        }
    }
    j["outcome"] = outcome;
    j["http"] = statuses;
    std::string codes;
    for (const auto& s : statuses)
    {
        codes += (codes.empty() ? "" : ", ") + std::to_string(s["status"].get<int>());
    }
    std::string answer;
    if (f.spec->type == HomeTrafficType::LOOKUP && f.lookup)
    {
        for (Ipv4Address a : f.lookup->addresses)
        {
            answer += " " + Text(a);
        }
    }
    line = fmt::format("home flow {} ({} {}): {}{}{}",
                       f.spec->name,
                       kHomeTrafficTypes.Name(f.spec->type),
                       f.spec->target,
                       outcome,
                       answer,
                       codes.empty() ? "" : " (HTTP " + codes + ")");
    return j;
}

} // namespace

HostParts*
HomesRun::FindHost(const std::string& node)
{
    for (HostParts& h : hosts)
    {
        if (h.node == node)
        {
            return &h;
        }
    }
    return nullptr;
}

void
HomesRun::Finish(metrics::RunResults& results)
{
    auto outcome = std::make_shared<metrics::JsonLinesOutcome>();
    nlohmann::json& j = outcome->json;
    j["gateways"] = nlohmann::json::array();
    for (const GatewayParts& g : gateways)
    {
        std::string line;
        j["gateways"].push_back(GatewayJson(g, line));
        outcome->lines.push_back(line);
    }
    j["hosts"] = nlohmann::json::array();
    for (const HostParts& h : hosts)
    {
        j["hosts"].push_back(
            {{"node", h.node},
             {"home", h.home},
             {"name", h.name},
             {"dhcp", h.dhcp},
             {"address", h.address == Ipv4Address::GetAny() ? "" : Text(h.address)},
             {"bound_s", h.boundAt ? h.boundAt->GetSeconds() : -1.0}});
    }
    j["dns_servers"] = nlohmann::json::array();
    for (const DnsServerParts& d : dnsServers)
    {
        const dns::ServerCounters& c = d.server->GetCounters();
        j["dns_servers"].push_back({{"node", d.spec->node},
                                    {"zone", d.spec->zone},
                                    {"queries", c.queries},
                                    {"nxdomain", c.AnswersWith(dns::RCODE_NXDOMAIN)},
                                    {"updates", c.updates},
                                    {"updates_applied", c.updatesApplied},
                                    {"updates_refused", c.updatesRefused},
                                    {"malformed", c.malformed}});
        outcome->lines.push_back(fmt::format("DNS server {} ({}): {} queries, {} updates applied, "
                                             "{} refused",
                                             d.spec->node,
                                             d.spec->zone,
                                             c.queries,
                                             c.updatesApplied,
                                             c.updatesRefused));
    }
    j["traffic"] = nlohmann::json::array();
    for (const HomeFlowParts& f : flows)
    {
        std::string line;
        j["traffic"].push_back(FlowJson(f, line));
        outcome->lines.push_back(line);
    }
    results.parts.push_back({"homes", outcome});
}

} // namespace scenario
} // namespace ns3
