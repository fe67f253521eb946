/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Resolving, echoing and installing the `radius` and `tunnels` sections.
 */
#include "scenario-tunnel-feature.h"

#include "l2tp-tunnel-monitor.h"
#include "scenario-tunnel-builder.h"
#include "scenario-tunnel-impl.h"
#include "scenario-tunnel-section.h"

#include "ns3/scenario-defaults.h"
#include "ns3/scenario-event-stream.h"
#include "ns3/scenario-network.h"

#include <fmt/format.h>

namespace ns3
{
namespace scenario
{

namespace
{

/// Tunnels without `addresses` get 10.255.k.1/30 and 10.255.k.2/30.
constexpr uint32_t kDefaultTunnelBase = (10u << 24) | (255u << 16);

constexpr char kControlTypeId[] = "ns3::l2tp::ControlConnection";
constexpr char kRadiusClientTypeId[] = "ns3::radius::Client";

} // namespace

void
CheckTunnelAddresses(const Scenario& s,
                     const TunnelSpec& t,
                     const std::string& ap,
                     ScenarioChecker& check)
{
    const Ipv4Prefix& lac = *t.lacAddress;
    const Ipv4Prefix& lns = *t.lnsAddress;
    if (lac.length != lns.length || lac.Network() != lns.Network())
    {
        check.ErrorAt(ap, "the two ends must be in one subnet");
        return;
    }
    if (lac.address == lns.address)
    {
        check.ErrorAt(ap, "the two ends need different addresses");
        return;
    }
    if (lac.length > 30 || lac.length < 8)
    {
        check.ErrorAt(ap, "the tunnel subnet must be /8 to /30");
        return;
    }
    for (const Ipv4Prefix& a : {lac, lns})
    {
        if (a.address == a.Network() || a.address == a.Last())
        {
            check.ErrorAt(ap, fmt::format("{} is the subnet's network or broadcast address", a.ToString()));
        }
    }
    const std::string hint = t.addressesGiven ? "" : "; give the tunnel 'addresses'";
    for (const LinkSpec& link : s.links)
    {
        for (const EndpointSpec& e : link.endpoints)
        {
            // Pool addresses lie inside their pool, checked below.
            if (e.address && !e.fromPool && e.address->Overlaps(lac))
            {
                check.ErrorAt(ap,
                              fmt::format("tunnel subnet {} overlaps link '{}' ({}){}",
                                          lac.NetworkString(),
                                          link.name,
                                          e.address->ToString(),
                                          hint));
                break;
            }
        }
    }
    for (const PoolSpec& pool : s.pools)
    {
        if (pool.prefix.Overlaps(lac))
        {
            check.ErrorAt(ap,
                          fmt::format("tunnel subnet {} overlaps pool '{}'{}",
                                      lac.NetworkString(),
                                      pool.name,
                                      hint));
        }
    }
}

std::string
TunnelFeature::Name() const
{
    return "tunnels";
}

std::vector<std::string>
TunnelFeature::Keys() const
{
    return {"radius", "tunnels"};
}

void
TunnelFeature::Resolve(Scenario& s, ScenarioChecker& check) const
{
    TunnelsSection* section = s.sections.Find<TunnelsSection>();
    if (!section)
    {
        return;
    }
    for (size_t i = 0; i < section->tunnels.size(); ++i)
    {
        TunnelSpec& t = section->tunnels[i];
        if (!t.addressesGiven)
        {
            const uint32_t base = kDefaultTunnelBase | (static_cast<uint32_t>(i) << 2);
            t.lacAddress = Ipv4Prefix{base | 1, 30};
            t.lnsAddress = Ipv4Prefix{base | 2, 30};
            CheckTunnelAddresses(s, t, fmt::format("tunnels[{}]", i), check);
        }
        t.helloIntervalNs = t.helloIntervalNs.value_or(DefaultTimeNs(kControlTypeId, "HelloInterval"));
        t.retransmitNs = t.retransmitNs.value_or(DefaultTimeNs(kControlTypeId, "RetransmitTimeout"));
        t.maxRetransmissions = t.maxRetransmissions.value_or(
            static_cast<uint32_t>(DefaultUinteger(kControlTypeId, "MaxRetransmissions")));
        t.lcpEchoIntervalNs =
            t.lcpEchoIntervalNs.value_or(DefaultTimeNs("ns3::ppp::Endpoint", "EchoInterval"));
        for (std::optional<TunnelAuthSpec>* auth : {&t.auth, &t.mutualAuth})
        {
            if (*auth)
            {
                (*auth)->timeoutNs = (*auth)->timeoutNs.value_or(
                    DefaultTimeNs(kRadiusClientTypeId, "RetransmitTimeout"));
                // MaxTransmissions counts the first transmission too.
                (*auth)->retries = (*auth)->retries.value_or(static_cast<uint32_t>(
                    DefaultUinteger(kRadiusClientTypeId, "MaxTransmissions") - 1));
            }
        }
    }
    // A flow via a tunnel targets its destination's end of the tunnel.
    for (FlowSpec& f : s.flows)
    {
        if (const TunnelSpec* t = section->FindTunnel(f.via))
        {
            f.destination = f.to == t->lac ? t->lacAddress->address : t->lnsAddress->address;
        }
    }
}

void
TunnelFeature::Echo(const Scenario& s, nlohmann::json& echo) const
{
    const TunnelsSection* section = s.sections.Find<TunnelsSection>();
    if (!section)
    {
        return;
    }
    using nlohmann::json;
    json servers = json::array();
    for (const RadiusServerSpec& r : section->servers)
    {
        json users = json::array();
        for (const RadiusUserSpec& u : r.users)
        {
            users.push_back(u.name); // passwords stay out of the results
        }
        servers.push_back({{"name", r.name}, {"node", r.node}, {"users", users}});
    }
    echo["radius"] = {{"servers", servers}};
    auto authJson = [](const std::optional<TunnelAuthSpec>& a) {
        if (!a)
        {
            return json(nullptr);
        }
        return json{{"radius", a->server},
                    {"timeout_s", a->timeoutNs.value_or(0) / 1e9},
                    {"retries", a->retries.value_or(0)}};
    };
    json tunnels = json::array();
    for (const TunnelSpec& t : section->tunnels)
    {
        tunnels.push_back(
            {{"name", t.name},
             {"lac", t.lac},
             {"lns", t.lns},
             {"secret", !t.secret.empty()},
             {"session", t.session},
             {"addresses",
              {t.lacAddress ? t.lacAddress->ToString() : "", t.lnsAddress ? t.lnsAddress->ToString() : ""}},
             {"auth", authJson(t.auth)},
             {"mutual_auth", authJson(t.mutualAuth)},
             {"start_s", t.startNs / 1e9},
             {"hello_interval_s", t.helloIntervalNs.value_or(0) / 1e9},
             {"retransmit_s", t.retransmitNs.value_or(0) / 1e9},
             {"max_retransmissions", t.maxRetransmissions.value_or(0)},
             {"lcp_echo_interval_s", t.lcpEchoIntervalNs.value_or(0) / 1e9}});
    }
    echo["tunnels"] = tunnels;
}

namespace
{

/// The tunnels' part of a run: what was built on the nodes, the monitor
/// that watches it and, at the end, its outcome.
class TunnelRun : public FeatureRun
{
  public:
    TunnelRun(const Scenario& s, const TunnelsSection& section, Network& network)
        : m_built(s, section, network)
    {
        m_built.Build(network.NextStream());
    }

    void Observe(const TunnelsSection& section, const Network& network, RunContext& run)
    {
        m_monitor = std::make_unique<metrics::TunnelMonitor>(section,
                                                             m_built.GetTunnels(),
                                                             m_built.GetRadiusServers(),
                                                             network.Names());
        m_monitor->SetTraceSink(run.TraceSink());
        run.Events().Subscribe([this](const EventSpec& e) { m_monitor->NotifyEvent(e); });
    }

    void Finish(metrics::RunResults& results) override
    {
        results.parts.push_back(
            {"tunnels", std::make_shared<metrics::TunnelsOutcome>(m_monitor->Finish())});
    }

  private:
    TunnelBuilder m_built;
    std::unique_ptr<metrics::TunnelMonitor> m_monitor;
};

} // namespace

void
TunnelFeature::Install(InstallStage stage, const Scenario& s, Network& network, RunContext& run) const
{
    const TunnelsSection* section = s.sections.Find<TunnelsSection>();
    if (!section || section->tunnels.empty())
    {
        return;
    }
    if (stage == InstallStage::PROTOCOLS)
    {
        run.AddRun(Name(), std::make_unique<TunnelRun>(s, *section, network));
    }
    else if (stage == InstallStage::MONITORS)
    {
        run.FindRun<TunnelRun>(Name())->Observe(*section, network, run);
    }
}

} // namespace scenario
} // namespace ns3
