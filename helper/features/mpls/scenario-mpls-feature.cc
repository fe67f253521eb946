/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Resolving, echoing and installing the `mpls` section.
 */
#include "scenario-mpls-feature.h"

#include "mpls-lsp-monitor.h"
#include "scenario-mpls-section.h"

#include "ns3/boolean.h"
#include "ns3/data-rate.h"
#include "ns3/enum.h"
#include "ns3/ldp-helper.h"
#include "ns3/ldp-protocol.h"
#include "ns3/mpls-helper.h"
#include "ns3/scenario-checker.h"
#include "ns3/scenario-defaults.h"
#include "ns3/scenario-event-stream.h"
#include "ns3/scenario-network.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <fmt/format.h>

#include <algorithm>

namespace ns3
{
namespace scenario
{

namespace
{

/// The name of the link technology between two LSRs.
constexpr char kLabelLink[] = "mpls-ppp";
/// Each LSR allocates from its own thousand (the k-th router of the list
/// from 1000 k), so a label in a capture tells who bound it.
constexpr uint32_t kLabelRangeSize = 1000;
constexpr char kLdpTypeId[] = "ns3::ldp::Protocol";

/// The subnet of `to` on its link to the egress, else on its first link.
std::optional<Ipv4Prefix>
SiteSubnet(const Scenario& s, const LspSpec& lsp)
{
    std::optional<Ipv4Prefix> chosen;
    for (const LinkSpec& link : s.links)
    {
        const bool atEgress =
            std::any_of(link.endpoints.begin(), link.endpoints.end(), [&](const auto& e) {
                return e.node == lsp.egress;
            });
        for (const EndpointSpec& e : link.endpoints)
        {
            if (e.node == lsp.to && (!chosen || atEgress))
            {
                chosen = e.address;
                if (atEgress)
                {
                    return chosen;
                }
            }
        }
    }
    return chosen;
}

} // namespace

std::string
MplsFeature::Name() const
{
    return "mpls";
}

std::vector<std::string>
MplsFeature::Keys() const
{
    return {"mpls"};
}

std::vector<LinkTechnology>
MplsFeature::LinkTechnologies() const
{
    LinkTechnology t;
    t.name = kLabelLink;
    // A PPP link that carries MPLS (0x0281) as well as IPv4.
    t.install = [](const LinkSpec& link, const NodeContainer& ends, int64_t&) {
        MplsHelper mpls;
        mpls.SetDeviceAttribute("DataRate", DataRateValue(DataRate(link.dataRateBps)));
        mpls.SetChannelAttribute("Delay", TimeValue(NanoSeconds(link.delayNs)));
        if (link.queuePackets)
        {
            mpls.SetQueueAttribute("MaxSize", StringValue(fmt::format("{}p", *link.queuePackets)));
        }
        return mpls.InstallLink(ends.Get(0), ends.Get(1));
    };
    t.enablePcap = [](const std::string& file, Ptr<NetDevice> device) {
        MplsHelper().EnablePcap(file, device, false, true);
    };
    return {t};
}

void
MplsFeature::Resolve(Scenario& s, ScenarioChecker& /* check */) const
{
    MplsSection* mpls = s.sections.Find<MplsSection>();
    if (!mpls)
    {
        return;
    }
    if (mpls->allRouters)
    {
        for (const NodeSpec& n : s.nodes)
        {
            if (n.kind == NodeKind::ROUTER)
            {
                mpls->routers.push_back(n.name);
            }
        }
        mpls->allRouters = false;
    }
    mpls->egressLabel = mpls->egressLabel.value_or(
        static_cast<ldp::EgressLabel>(DefaultEnum(kLdpTypeId, "EgressLabel")));
    mpls->helloIntervalNs =
        mpls->helloIntervalNs.value_or(DefaultTimeNs(kLdpTypeId, "LinkHelloInterval"));
    mpls->helloHoldNs = mpls->helloHoldNs.value_or(DefaultTimeNs(kLdpTypeId, "LinkHelloHoldTime"));
    mpls->keepAliveNs = mpls->keepAliveNs.value_or(DefaultTimeNs(kLdpTypeId, "KeepAliveTime"));
    for (LspSpec& lsp : mpls->lsps)
    {
        if (!lsp.fec)
        {
            lsp.fec = SiteSubnet(s, lsp);
        }
        lsp.fec->address = lsp.fec->Network();
    }
    for (LinkSpec& link : s.links)
    {
        if (link.type == LinkType::P2P && link.endpoints.size() == 2 &&
            mpls->IsLsr(s, link.endpoints[0].node) && mpls->IsLsr(s, link.endpoints[1].node))
        {
            link.device = kLabelLink;
        }
    }
}

void
MplsFeature::Echo(const Scenario& s, nlohmann::json& echo) const
{
    const MplsSection* mpls = s.sections.Find<MplsSection>();
    if (!mpls)
    {
        return;
    }
    nlohmann::json lsps = nlohmann::json::array();
    for (const LspSpec& lsp : mpls->lsps)
    {
        lsps.push_back({{"name", lsp.name},
                        {"ingress", lsp.ingress},
                        {"egress", lsp.egress},
                        {"fec", lsp.fec ? lsp.fec->ToString() : ""},
                        {"labels", lsp.labelNames},
                        {"flow", lsp.flow}});
    }
    echo["mpls"] = {
        {"routers", mpls->routers},
        {"egress_label", kEgressLabels.Name(mpls->egressLabel.value_or(ldp::EgressLabel::IMPLICIT_NULL))},
        {"ldp",
         {{"hello_interval_s", mpls->helloIntervalNs.value_or(0) / 1e9},
          {"hello_hold_s", mpls->helloHoldNs.value_or(0) / 1e9},
          {"keepalive_s", mpls->keepAliveNs.value_or(0) / 1e9}}},
        {"lsps", lsps}};
}

namespace
{

void
InstallMpls(const MplsSection& spec, Network& network)
{
    for (size_t k = 0; k < spec.routers.size(); ++k)
    {
        MplsHelper mpls;
        const uint32_t first = kLabelRangeSize * static_cast<uint32_t>(k + 1);
        if (first + kLabelRangeSize - 1 <= mpls::MAX_LABEL)
        {
            mpls.SetProtocolAttribute("MinLabel", UintegerValue(first));
            mpls.SetProtocolAttribute("MaxLabel", UintegerValue(first + kLabelRangeSize - 1));
        }
        mpls.Install(network.GetNode(spec.routers[k]));
    }
}

void
InstallLdp(const Scenario& s, const MplsSection& spec, Network& network)
{
    LdpHelper ldp;
    ldp.Set("LinkHelloInterval", TimeValue(NanoSeconds(*spec.helloIntervalNs)));
    ldp.Set("LinkHelloHoldTime", TimeValue(NanoSeconds(*spec.helloHoldNs)));
    ldp.Set("KeepAliveTime", TimeValue(NanoSeconds(*spec.keepAliveNs)));
    ldp.Set("EgressLabel", EnumValue(static_cast<int>(*spec.egressLabel)));
    // An LSR is the egress of the subnets of its links to non-LSR nodes
    // (its sites); LDP speaks only on links to other LSRs.
    ldp.Set("AnnounceConnected", BooleanValue(true));
    std::vector<Ptr<ldp::Protocol>> protocols;
    for (const std::string& name : spec.routers)
    {
        Ptr<ldp::Protocol> protocol = ldp.Install(network.GetNode(name));
        for (const BuiltInterface& intf : network.Interfaces())
        {
            if (intf.node != name)
            {
                continue;
            }
            const LinkSpec* link = s.FindLink(intf.link);
            const bool allLsrs =
                std::all_of(link->endpoints.begin(), link->endpoints.end(), [&](const auto& e) {
                    return spec.IsLsr(s, e.node);
                });
            protocol->SetInterfaceEnabled(intf.ipv4Interface, allLsrs);
        }
        for (const LspSpec& lsp : spec.lsps)
        {
            if (lsp.fecGiven && lsp.egress == name)
            {
                protocol->AddFec(mpls::PrefixFec(Ipv4Address(lsp.fec->Network()), lsp.fec->length));
            }
        }
        protocols.push_back(protocol);
    }
    // LDP follows the core's next hops (RFC 5036 section 2.6.1: it takes
    // them from the routing table).
    network.OnRoutesChanged([protocols]() {
        for (const auto& protocol : protocols)
        {
            protocol->RoutingChanged();
        }
    });
}

/// The MPLS part of a run: the LSP monitor and, at the end, its outcome.
class MplsRun : public FeatureRun
{
  public:
    MplsRun(const Scenario& s, const MplsSection& spec, const Network& network, RunContext& run)
        : m_monitor(s, spec, network.Names(), SinksOf(network))
    {
        m_monitor.SetTraceSink(run.TraceSink());
        run.Events().Subscribe([this](const EventSpec& e) { m_monitor.NotifyEvent(e); });
    }

    void Finish(metrics::RunResults& results) override
    {
        results.parts.push_back({"mpls", std::make_shared<metrics::MplsOutcome>(m_monitor.Finish())});
    }

  private:
    static std::vector<Ptr<Application>> SinksOf(const Network& network)
    {
        std::vector<Ptr<Application>> sinks;
        for (const BuiltFlow& f : network.Flows())
        {
            sinks.push_back(f.sink);
        }
        return sinks;
    }

    metrics::LspMonitor m_monitor;
};

} // namespace

void
MplsFeature::Install(InstallStage stage, const Scenario& s, Network& network, RunContext& run) const
{
    const MplsSection* spec = s.sections.Find<MplsSection>();
    if (!spec)
    {
        return;
    }
    if (stage == InstallStage::PROTOCOLS)
    {
        InstallMpls(*spec, network);
        InstallLdp(s, *spec, network);
    }
    else if (stage == InstallStage::MONITORS)
    {
        run.AddRun(Name(), std::make_unique<MplsRun>(s, *spec, network, run));
    }
}

} // namespace scenario
} // namespace ns3
