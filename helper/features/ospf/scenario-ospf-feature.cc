/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Resolving, echoing and installing the `ospf` section, and the core
 * routing kind `ospf`.
 */
#include "scenario-ospf-feature.h"

#include "ospf-router-monitor.h"
#include "scenario-ospf-routing.h"
#include "scenario-ospf-section.h"

#include "ns3/abort.h"
#include "ns3/ipv4.h"
#include "ns3/ospf-helper.h"
#include "ns3/ospf-protocol.h"
#include "ns3/scenario-checker.h"
#include "ns3/scenario-defaults.h"
#include "ns3/scenario-event-stream.h"
#include "ns3/scenario-network.h"
#include "ns3/string.h"
#include "ns3/type-id.h"

#include <fmt/format.h>

namespace ns3
{
namespace scenario
{

namespace
{

constexpr char kOspfTypeId[] = "ns3::ospf::Protocol";

/// A string attribute's default (the authentication key).
std::string
DefaultString(const std::string& typeId, const std::string& attribute)
{
    TypeId tid = TypeId::LookupByName(typeId);
    TypeId::AttributeInformation info;
    NS_ABORT_MSG_UNLESS(tid.LookupAttributeByName(attribute, &info),
                        typeId << " has no attribute " << attribute);
    return info.initialValue->SerializeToString(info.checker);
}

} // namespace

std::string
OspfFeature::Name() const
{
    return "ospf";
}

std::vector<std::string>
OspfFeature::Keys() const
{
    return {"ospf"};
}

std::vector<EventKind>
OspfFeature::EventKinds() const
{
    return {{kCostChange, {{"link", EventArgType::LINK}, {"cost", EventArgType::NAME}}}};
}

std::vector<CoreRoutingKind>
OspfFeature::CoreRoutings() const
{
    return {{"ospf", [] {
                 return std::make_unique<OspfCoreRouting>();
             }}};
}

void
OspfFeature::Resolve(Scenario& s, ScenarioChecker& /* check */) const
{
    if (s.routing.core != "ospf")
    {
        return;
    }
    // With the OSPF core the section is always there, every value explicit,
    // so that --resolved and results.json show what ran.
    OspfSection& ospf = s.sections.Get<OspfSection>();
    auto time = [](std::optional<int64_t>& v, const char* attribute) {
        v = v.value_or(DefaultTimeNs(kOspfTypeId, attribute));
    };
    time(ospf.helloIntervalNs, "HelloInterval");
    time(ospf.deadIntervalNs, "RouterDeadInterval");
    time(ospf.retransmitIntervalNs, "RxmtInterval");
    time(ospf.transmitDelayNs, "InfTransDelay");
    time(ospf.minLsIntervalNs, "MinLSInterval");
    time(ospf.minLsArrivalNs, "MinLSArrival");
    time(ospf.spfInitialDelayNs, "SpfInitialDelay");
    time(ospf.spfHoldNs, "SpfHoldTime");
    time(ospf.spfMaxWaitNs, "SpfMaxWait");
    ospf.priority = ospf.priority.value_or(
        static_cast<uint32_t>(DefaultUinteger(kOspfTypeId, "RouterPriority")));
    // One priority per router, in node order.
    std::vector<OspfPrioritySpec> all;
    for (const NodeSpec& n : s.nodes)
    {
        if (n.kind == NodeKind::ROUTER)
        {
            all.push_back({n.name, ospf.PriorityOf(n.name), {}});
        }
    }
    ospf.priorities = all;
    ospf.authType =
        ospf.authType.value_or(static_cast<OspfAuthType>(DefaultUinteger(kOspfTypeId, "AuType")));
    ospf.authKeyId =
        ospf.authKeyId.value_or(static_cast<uint32_t>(DefaultUinteger(kOspfTypeId, "AuthKeyId")));
    ospf.authKey = ospf.authKey.value_or(DefaultString(kOspfTypeId, "AuthKey"));
}

void
OspfFeature::Echo(const Scenario& s, nlohmann::json& echo) const
{
    const OspfSection* ospf = s.sections.Find<OspfSection>();
    if (!ospf)
    {
        return;
    }
    auto seconds = [](const std::optional<int64_t>& ns) {
        return ns ? nlohmann::json(*ns / 1e9) : nlohmann::json(nullptr);
    };
    nlohmann::json priorities = nlohmann::json::object();
    for (const OspfPrioritySpec& p : ospf->priorities)
    {
        priorities[p.node] = p.priority;
    }
    const OspfAuthType auth = ospf->authType.value_or(OspfAuthType::NONE);
    nlohmann::json authJson = {{"type", kOspfAuthTypes.Name(auth)}};
    if (auth == OspfAuthType::MD5)
    {
        authJson["key_id"] = ospf->authKeyId.value_or(0);
    }
    if (auth != OspfAuthType::NONE)
    {
        // The key itself stays out of results: its length is what matters.
        authJson["key_octets"] = ospf->authKey.value_or("").size();
    }
    nlohmann::json elections = nlohmann::json::array();
    for (const OspfElectionExpect& e : ospf->expectElections)
    {
        elections.push_back(
            {{"link", e.link},
             {"dr", e.dr.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.dr)},
             {"bdr", e.bdr.empty() ? nlohmann::json(nullptr) : nlohmann::json(e.bdr)}});
    }
    echo["ospf"] = {{"hello_interval_s", seconds(ospf->helloIntervalNs)},
                    {"dead_interval_s", seconds(ospf->deadIntervalNs)},
                    {"retransmit_interval_s", seconds(ospf->retransmitIntervalNs)},
                    {"transmit_delay_s", seconds(ospf->transmitDelayNs)},
                    {"min_ls_interval_s", seconds(ospf->minLsIntervalNs)},
                    {"min_ls_arrival_s", seconds(ospf->minLsArrivalNs)},
                    {"priority", ospf->priority.value_or(0)},
                    {"priorities", priorities},
                    {"spf",
                     {{"initial_delay_s", seconds(ospf->spfInitialDelayNs)},
                      {"hold_s", seconds(ospf->spfHoldNs)},
                      {"max_wait_s", seconds(ospf->spfMaxWaitNs)}}},
                    {"auth", authJson},
                    {"expect",
                     {{"adjacency_within_s", seconds(ospf->expectAdjacencyWithinNs)},
                      {"convergence_within_s", seconds(ospf->expectConvergenceWithinNs)},
                      {"elections", elections}}}};
}

namespace
{

/// The OSPF part of a run: the monitor and, at the end, its outcome and
/// the section's expectation checks.
class OspfRun : public FeatureRun
{
  public:
    OspfRun(const Scenario& s, const OspfSection& spec, const Network& network, RunContext& run)
        : m_spec(spec)
        , m_monitor(s, spec, network.Names(), SinksOf(network))
    {
        m_monitor.SetTraceSink(run.TraceSink());
        run.Events().Subscribe([this](const EventSpec& e) {
            m_monitor.NotifyEvent(e);
        });
    }

    void
    Finish(metrics::RunResults& results) override
    {
        auto outcome = std::make_shared<metrics::OspfOutcome>(m_monitor.Finish());
        for (auto& check : metrics::OspfMonitor::Check(m_spec, *outcome))
        {
            results.expectations.push_back(check);
        }
        results.parts.push_back({"ospf", outcome});
    }

  private:
    static std::vector<Ptr<Application>>
    SinksOf(const Network& network)
    {
        std::vector<Ptr<Application>> sinks;
        for (const BuiltFlow& f : network.Flows())
        {
            sinks.push_back(f.sink);
        }
        return sinks;
    }

    const OspfSection& m_spec;
    metrics::OspfMonitor m_monitor;
};

} // namespace

void
OspfFeature::Install(InstallStage stage, const Scenario& s, Network& network, RunContext& run) const
{
    // The instances themselves are the core routing's (TOPOLOGY stage,
    // OspfCoreRouting::Start); the feature adds the monitor.
    const OspfSection* spec = s.sections.Find<OspfSection>();
    if (!spec || s.routing.core != "ospf")
    {
        return;
    }
    if (stage == InstallStage::TOPOLOGY)
    {
        // cost-change: every OSPF interface on the link takes the new cost
        // and its router originates a new Router-LSA (12.4, within
        // MinLSInterval of the last one).
        run.Events().Handle(kCostChange, [&s, &network](const EventSpec& e) {
            const int li = s.LinkIndex(e.Arg("link"));
            const auto cost = ParseLinkCost(e.Arg("cost"));
            if (li < 0 || !cost)
            {
                return;
            }
            for (size_t i : network.InterfacesOfLink(li))
            {
                const BuiltInterface& intf = network.Interfaces()[i];
                Ptr<Node> node = network.GetNode(intf.node);
                node->GetObject<Ipv4>()->SetMetric(intf.ipv4Interface, *cost);
                if (Ptr<ospf::Protocol> ospf = OspfHelper::Get(node))
                {
                    ospf->SetInterfaceCost(intf.ipv4Interface, *cost);
                }
            }
        });
    }
    else if (stage == InstallStage::MONITORS)
    {
        run.AddRun(Name(), std::make_unique<OspfRun>(s, *spec, network, run));
    }
}

} // namespace scenario
} // namespace ns3
