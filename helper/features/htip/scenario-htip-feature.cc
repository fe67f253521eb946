/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Checking, resolving, echoing and installing the `tunnelling` section.
 */
#include "scenario-htip-feature.h"

#include "../homes/homes-results.h"
#include "../homes/scenario-homes-section.h"
#include "htip-results.h"
#include "scenario-htip-section.h"

#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/gateway-tunnel-request.h"
#include "ns3/htip-processor.h"
#include "ns3/inet-socket-address.h"
#include "ns3/scenario-checker.h"
#include "ns3/scenario-defaults.h"
#include "ns3/scenario-network.h"
#include "ns3/scenario-reader.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <fmt/format.h>
#include <set>

namespace ns3
{
namespace scenario
{

namespace
{

constexpr char kProcessorTypeId[] = "ns3::htip::Processor";

/// The datagram of one attack (doc/htip.md, "Faults").
Ptr<Packet>
AttackPacket(const HtipAttackSpec& a)
{
    htip::MessageHeader m;
    m.SetVpnProtocol(htip::VPN_L2TP);
    m.SetRequesterPrefix(*htip::Prefix::Parse("10.0.0.0/24"));
    switch (a.kind)
    {
    case HtipAttackKind::MALFORMED: {
        // Version 9: refused by the codec at its second check.
        const uint8_t bytes[] = {9, htip::REQUEST, 0, 12, 0, 0, 0, 1, 0, 1, 0, 0};
        return Create<Packet>(bytes, sizeof(bytes));
    }
    case HtipAttackKind::UNEXPECTED:
        m.SetType(htip::ACK);
        m.SetNegotiationId(0x0badcafe);
        m.SetResponderPrefix(*htip::Prefix::Parse("10.0.0.0/24"));
        m.SetRequesterTunnel(*htip::Prefix::Parse("10.0.1.0/24"));
        m.SetResponderTunnel(*htip::Prefix::Parse("10.0.2.0/24"));
        break;
    case HtipAttackKind::SPOOFED_REQUEST:
        m.SetType(htip::REQUEST);
        m.SetNegotiationId(0x5eed5eed);
        m.SetRequesterCandidates({*htip::Prefix::Parse("10.0.0.0/24"),
                                  *htip::Prefix::Parse("10.0.1.0/24"),
                                  *htip::Prefix::Parse("10.0.2.0/24")});
        m.SetGatewayName(a.claim);
        break;
    }
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(m);
    return p;
}

void
InstallAttack(const HtipAttackSpec& a, Ipv4Address to, Network& network)
{
    Ptr<Node> node = network.GetNode(a.from);
    Ptr<Socket> socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
    socket->Bind();
    Ptr<Packet> packet = AttackPacket(a);
    Simulator::ScheduleWithContext(node->GetId(), NanoSeconds(a.atNs), [socket, packet, to]() {
        socket->SendTo(packet, 0, InetSocketAddress(to, htip::HTIP_PORT));
    });
}

std::string
Join(const std::vector<std::string>& names)
{
    std::string out;
    for (const std::string& n : names)
    {
        out += (out.empty() ? "" : ",") + n;
    }
    return out;
}

} // namespace

std::string
TunnellingFeature::Name() const
{
    return "tunnelling";
}

std::vector<std::string>
TunnellingFeature::Keys() const
{
    return {TunnellingSection::kKey};
}

void
TunnellingFeature::Read(const YAML::Node& root, YamlReader& in, Scenario& s) const
{
    ReadTunnelling(root, in, s);
}

void
TunnellingFeature::Validate(const Scenario& s, ScenarioChecker& check) const
{
    const TunnellingSection* t = s.sections.Find<TunnellingSection>();
    if (!t)
    {
        return;
    }
    const HomesSection* h = s.sections.Find<HomesSection>();
    if (!h || h->homes.empty())
    {
        check.ErrorAt(TunnellingSection::kKey,
                      "tunnelling runs between home gateways: add 'homes'");
        return;
    }
    if (t->retransmitNs && t->maxRetransmitNs && *t->retransmitNs > *t->maxRetransmitNs)
    {
        check.ErrorAt("tunnelling.max_retransmit", "shorter than 'retransmit'");
    }
    for (size_t i = 0; i < h->homes.size(); ++i)
    {
        const HomeSpec& home = h->homes[i];
        const TunnellingHomeSpec* spec = t->FindHome(home.name);
        if (spec && spec->silent)
        {
            continue;
        }
        // The processor resolves peer gateways, and peers resolve it, at the
        // DNS server its domain is registered at.
        if (home.domain.empty() || home.dnsServer.empty())
        {
            check.ErrorAt(fmt::format("homes[{}]", i),
                          fmt::format("home '{}' runs tunnelling: give its 'domain' and "
                                      "'dns_server'",
                                      home.name));
        }
    }
    std::set<std::string> seen;
    for (size_t i = 0; i < t->homes.size(); ++i)
    {
        const TunnellingHomeSpec& spec = t->homes[i];
        const std::string p = fmt::format("tunnelling.homes[{}]", i);
        const bool known = std::any_of(h->homes.begin(), h->homes.end(), [&](const HomeSpec& x) {
            return x.name == spec.home;
        });
        if (!known)
        {
            check.ErrorAt(p + ".home", fmt::format("'{}' is not in 'homes'", spec.home));
        }
        if (!seen.insert(spec.home).second)
        {
            check.ErrorAt(p + ".home", fmt::format("home '{}' is listed twice", spec.home));
        }
        for (size_t j = 0; j < spec.acceptFrom.size(); ++j)
        {
            if (!gateway::IsPreferredDomainName(spec.acceptFrom[j]))
            {
                check.ErrorAt(fmt::format("{}.accept_from[{}]", p, j),
                              fmt::format("'{}' is not a domain name", spec.acceptFrom[j]));
            }
        }
        if (spec.silent && spec.nakEverything)
        {
            check.ErrorAt(p, "a silent gateway NAKs nothing: choose one fault");
        }
    }
    for (size_t i = 0; i < t->attacks.size(); ++i)
    {
        const HtipAttackSpec& a = t->attacks[i];
        const std::string p = fmt::format("tunnelling.attacks[{}]", i);
        if (check.NodeRef(a.from, p + ".from") && s.FixedAddress(a.from) == 0)
        {
            check.ErrorAt(p + ".from", fmt::format("'{}' has no fixed address", a.from));
        }
        if (!a.to.empty() && !std::any_of(h->homes.begin(), h->homes.end(), [&](const HomeSpec& x) {
                return x.name == a.to;
            }))
        {
            check.ErrorAt(p + ".to", fmt::format("'{}' is not in 'homes'", a.to));
        }
        if (a.atNs < 0 || a.atNs > s.simulation.stopNs)
        {
            check.ErrorAt(p + ".at", "outside the simulation (0 to simulation.stop)");
        }
        if (!a.claim.empty() && !gateway::IsPreferredDomainName(a.claim))
        {
            check.ErrorAt(p + ".claim", fmt::format("'{}' is not a domain name", a.claim));
        }
    }
}

void
TunnellingFeature::Resolve(Scenario& s, ScenarioChecker& /* check */) const
{
    TunnellingSection* t = s.sections.Find<TunnellingSection>();
    if (!t)
    {
        return;
    }
    t->embodiment = t->embodiment.value_or(
        static_cast<htip::Embodiment>(DefaultEnum(kProcessorTypeId, "Embodiment")));
    t->candidates = t->candidates.value_or(DefaultUinteger(kProcessorTypeId, "CandidateCount"));
    t->retransmitNs =
        t->retransmitNs.value_or(DefaultTimeNs(kProcessorTypeId, "RetransmitInitial"));
    t->maxRetransmitNs =
        t->maxRetransmitNs.value_or(DefaultTimeNs(kProcessorTypeId, "RetransmitMax"));
    t->giveUpNs = t->giveUpNs.value_or(DefaultTimeNs(kProcessorTypeId, "GiveUpTime"));
    t->maxNakRounds = t->maxNakRounds.value_or(DefaultUinteger(kProcessorTypeId, "MaxNakRounds"));
    t->answerTtl = t->answerTtl.value_or(DefaultUinteger(kProcessorTypeId, "AnswerTtl"));
    t->verifyPeers = t->verifyPeers.value_or(true);
}

void
TunnellingFeature::Echo(const Scenario& s, nlohmann::json& echo) const
{
    const TunnellingSection* t = s.sections.Find<TunnellingSection>();
    if (!t)
    {
        return;
    }
    nlohmann::json j = {{"embodiment", kEmbodiments.Name(*t->embodiment)},
                        {"candidates", *t->candidates},
                        {"retransmit_s", *t->retransmitNs / 1e9},
                        {"max_retransmit_s", *t->maxRetransmitNs / 1e9},
                        {"give_up_s", *t->giveUpNs / 1e9},
                        {"max_nak_rounds", *t->maxNakRounds},
                        {"verify_peers", *t->verifyPeers},
                        {"answer_ttl", *t->answerTtl},
                        {"homes", nlohmann::json::array()}};
    for (const TunnellingHomeSpec& h : t->homes)
    {
        j["homes"].push_back({{"home", h.home},
                              {"accept_from", h.acceptFrom},
                              {"silent", h.silent},
                              {"nak_everything", h.nakEverything}});
    }
    j["attacks"] = nlohmann::json::array();
    for (const HtipAttackSpec& a : t->attacks)
    {
        j["attacks"].push_back({{"from", a.from},
                                {"to", a.to},
                                {"at_s", a.atNs / 1e9},
                                {"kind", kHtipAttackKinds.Name(a.kind)},
                                {"claim", a.claim}});
    }
    echo[TunnellingSection::kKey] = j;
}

void
TunnellingFeature::Install(InstallStage stage,
                           const Scenario& s,
                           Network& network,
                           RunContext& context) const
{
    const TunnellingSection* t = s.sections.Find<TunnellingSection>();
    if (!t || stage != InstallStage::PROTOCOLS)
    {
        return;
    }
    HomesRun* homes = context.FindRun<HomesRun>("homes");
    NS_ABORT_MSG_UNLESS(homes, "tunnelling before the homes were installed");
    auto run = std::make_unique<TunnellingRun>();
    run->homes = homes;
    for (GatewayParts& g : homes->gateways)
    {
        const HomeSpec& home = *g.home;
        TunnellingGatewayParts parts;
        parts.home = home.name;
        parts.node = home.gateway;
        parts.domain = home.domain;
        const TunnellingHomeSpec* spec = t->FindHome(home.name);
        if (spec && spec->silent)
        {
            run->gateways.push_back(parts);
            continue;
        }
        Ptr<htip::Processor> p = CreateObject<htip::Processor>();
        p->SetAttribute("Embodiment", EnumValue(static_cast<int>(*t->embodiment)));
        p->SetAttribute("CandidateCount", UintegerValue(*t->candidates));
        p->SetAttribute("RetransmitInitial", TimeValue(NanoSeconds(*t->retransmitNs)));
        p->SetAttribute("RetransmitMax", TimeValue(NanoSeconds(*t->maxRetransmitNs)));
        p->SetAttribute("GiveUpTime", TimeValue(NanoSeconds(*t->giveUpNs)));
        p->SetAttribute("MaxNakRounds", UintegerValue(*t->maxNakRounds));
        p->SetAttribute("VerifyPeers", BooleanValue(*t->verifyPeers));
        p->SetAttribute("AnswerTtl", UintegerValue(*t->answerTtl));
        p->SetAttribute("TunnelSecret", StringValue(t->secret));
        p->SetAttribute("DomainName", StringValue(home.domain));
        p->SetAttribute("LocalPrefix", StringValue(home.inside.NetworkString()));
        p->SetAttribute("PublicAddress", Ipv4AddressValue(Ipv4Address(home.publicAddress)));
        p->SetAttribute("InsideAddress", Ipv4AddressValue(Ipv4Address(home.inside.address)));
        p->SetAttribute("DnsServer", Ipv4AddressValue(Ipv4Address(home.dnsServerAddress)));
        if (spec)
        {
            p->SetAttribute("AcceptFrom", StringValue(Join(spec->acceptFrom)));
            p->SetAttribute("NakEverything", BooleanValue(spec->nakEverything));
        }
        p->SetGateway(g.routing, g.dns);
        // Peer gateways' DNS queries arrive at the public address.
        g.dns->AddListenAddress(Ipv4Address(home.publicAddress));
        g.web->SetTunnelRequester(p->GetRequester());
        network.NextStream() += p->AssignStreams(network.NextStream());
        network.GetNode(home.gateway)->AddApplication(p);
        parts.processor = p;
        run->gateways.push_back(parts);
    }
    for (const HtipAttackSpec& a : t->attacks)
    {
        for (const GatewayParts& g : homes->gateways)
        {
            if (g.home->name == a.to)
            {
                InstallAttack(a, Ipv4Address(g.home->publicAddress), network);
            }
        }
    }
    context.AddRun(Name(), std::move(run));
}

} // namespace scenario
} // namespace ns3
