/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Resolving, echoing and installing the `vr` and `vpns` sections.
 */
#include "scenario-vr-feature.h"

#include "scenario-vr-section.h"
#include "vr-attack-events.h"
#include "vr-port-monitor.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/ipv4.h"
#include "ns3/ldp-protocol.h"
#include "ns3/ospf-helper.h"
#include "ns3/ospf-protocol.h"
#include "ns3/scenario-checker.h"
#include "ns3/scenario-defaults.h"
#include "ns3/scenario-event-stream.h"
#include "ns3/scenario-network.h"
#include "ns3/scenario-values.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"
#include "ns3/vr-discovery-port.h"
#include "ns3/vr-port.h"
#include "ns3/vr-vrf-routing-protocol.h"
#include "ns3/vrf-routing-helper.h"

#include <fmt/format.h>
#include <set>

namespace ns3
{
namespace scenario
{

namespace
{

constexpr char kVrPortTypeId[] = "ns3::vr::VrPort";
constexpr char kOspfTypeId[] = "ns3::ospf::Protocol";

bool
DefaultBoolean(const std::string& typeId, const std::string& attribute)
{
    TypeId tid = TypeId::LookupByName(typeId);
    TypeId::AttributeInformation info;
    NS_ABORT_MSG_UNLESS(tid.LookupAttributeByName(attribute, &info),
                        typeId << " has no attribute " << attribute);
    return info.initialValue->SerializeToString(info.checker) == "true";
}

/// The per-VPN OSPF attributes of the section, as set on every port.
std::vector<std::pair<std::string, int64_t>>
OspfAttributes(const VrOspfSpec& o)
{
    return {{"HelloInterval", *o.helloIntervalNs},
            {"RouterDeadInterval", *o.deadIntervalNs},
            {"RxmtInterval", *o.rxmtIntervalNs},
            {"MinLSInterval", *o.minLsIntervalNs},
            {"MinLSArrival", *o.minLsArrivalNs},
            {"AckDelay", *o.ackDelayNs},
            {"FloodPacing", *o.floodPacingNs},
            {"SpfInitialDelay", *o.spfInitialDelayNs},
            {"SpfHoldTime", *o.spfHoldNs},
            {"SpfMaxWait", *o.spfMaxWaitNs}};
}

} // namespace

std::string
VrFeature::Name() const
{
    return "vpns";
}

std::vector<std::string>
VrFeature::Keys() const
{
    return {"vr", "vpns"};
}

std::vector<EventKind>
VrFeature::EventKinds() const
{
    return {{kVrPortAdd, {{"port", EventArgType::NAME}}},
            {kVrPortStop, {{"port", EventArgType::NAME}}},
            {kVrPortPassword, {{"port", EventArgType::NAME}, {"password", EventArgType::NAME}}},
            {kVrPortAnnounce, {{"port", EventArgType::NAME}}},
            {kVrForgeAddition,
             {{"vpn", EventArgType::NAME},
              {"router", EventArgType::NODE},
              {"address", EventArgType::NAME}}},
            {kVrSpoofLabel,
             {{"router", EventArgType::NODE},
              {"to", EventArgType::NODE},
              {"label", EventArgType::NAME},
              {"destination", EventArgType::NAME},
              {"count", EventArgType::NAME}}}};
}

void
VrFeature::Resolve(Scenario& s, ScenarioChecker& /* check */) const
{
    VpnsSection* section = s.sections.Find<VpnsSection>();
    if (!section)
    {
        return;
    }
    section->collectionTimeNs =
        section->collectionTimeNs.value_or(DefaultTimeNs(kVrPortTypeId, "CollectionTime"));
    section->mutualAuthentication = section->mutualAuthentication.value_or(
        DefaultBoolean(kVrPortTypeId, "MutualAuthentication"));
    section->parallelTunnels =
        section->parallelTunnels.value_or(DefaultBoolean(kVrPortTypeId, "ParallelTunnels"));
    section->monitorPeriodNs =
        section->monitorPeriodNs.value_or(DefaultTimeNs(kVrPortTypeId, "MonitorPeriod"));
    section->monitorSilentAfter = section->monitorSilentAfter.value_or(
        static_cast<uint32_t>(DefaultUinteger(kVrPortTypeId, "MonitorSilentAfter")));
    section->holdTimeNs = section->holdTimeNs.value_or(DefaultTimeNs(kVrPortTypeId, "HoldTime"));
    section->acceptTimeoutNs =
        section->acceptTimeoutNs.value_or(DefaultTimeNs(kVrPortTypeId, "AcceptTimeout"));
    section->announceSpacingNs =
        section->announceSpacingNs.value_or(DefaultTimeNs(kVrPortTypeId, "AnnounceSpacing"));
    section->dataPlane = section->dataPlane.value_or(
        static_cast<vr::VrPort::DataPlane>(DefaultEnum(kVrPortTypeId, "DataPlane")));
    section->additionDelivery = section->additionDelivery.value_or(
        static_cast<vr::VrPort::AdditionDelivery>(DefaultEnum(kVrPortTypeId, "AdditionDelivery")));
    VrOspfSpec& o = section->ospf;
    auto time = [](std::optional<int64_t>& v, const char* attribute) {
        v = v.value_or(DefaultTimeNs(kOspfTypeId, attribute));
    };
    time(o.helloIntervalNs, "HelloInterval");
    time(o.deadIntervalNs, "RouterDeadInterval");
    time(o.rxmtIntervalNs, "RxmtInterval");
    time(o.minLsIntervalNs, "MinLSInterval");
    time(o.minLsArrivalNs, "MinLSArrival");
    time(o.ackDelayNs, "AckDelay");
    time(o.floodPacingNs, "FloodPacing");
    time(o.spfInitialDelayNs, "SpfInitialDelay");
    time(o.spfHoldNs, "SpfHoldTime");
    time(o.spfMaxWaitNs, "SpfMaxWait");

    // VRF k + 1 for the k-th VPN; its user lines join it at their router end.
    for (size_t v = 0; v < section->vpns.size(); ++v)
    {
        VpnSpec& vpn = section->vpns[v];
        vpn.vrf = static_cast<uint32_t>(v + 1);
        for (const VrPortSpec& port : vpn.ports)
        {
            for (const std::string& name : port.userLinks)
            {
                for (LinkSpec& link : s.links)
                {
                    if (link.name == name)
                    {
                        link.vrf = vpn.vrf;
                    }
                }
            }
            for (NodeSpec& node : s.nodes)
            {
                if (node.name == port.router)
                {
                    node.vrfRouting = true;
                    node.loopbacks.push_back(*port.address);
                }
            }
        }
    }
    // An edge router's core router ID: its highest provider interface
    // address, not a VR port's address (which the loopback holds too and
    // OSPF would otherwise take, RFC 2328 C.1 leaves the choice open).
    for (NodeSpec& node : s.nodes)
    {
        if (!node.vrfRouting || node.routerId != 0)
        {
            continue;
        }
        for (const LinkSpec& link : s.links)
        {
            if (!link.addressSpace.empty())
            {
                continue;
            }
            for (const EndpointSpec& e : link.endpoints)
            {
                if (e.node == node.name && e.address)
                {
                    node.routerId = std::max(node.routerId, e.address->address);
                }
            }
        }
    }
}

void
VrFeature::Echo(const Scenario& s, nlohmann::json& echo) const
{
    const VpnsSection* section = s.sections.Find<VpnsSection>();
    if (!section)
    {
        return;
    }
    using nlohmann::json;
    auto seconds = [](const std::optional<int64_t>& ns) {
        return ns ? json(*ns / 1e9) : json(nullptr);
    };
    const VrOspfSpec& o = section->ospf;
    echo["vr"] = {
        {"collection_time_s", seconds(section->collectionTimeNs)},
        {"mutual_authentication", section->mutualAuthentication.value_or(false)},
        {"parallel_tunnels", section->parallelTunnels.value_or(false)},
        {"monitor_period_s", seconds(section->monitorPeriodNs)},
        {"monitor_silent_after",
         section->monitorSilentAfter ? json(*section->monitorSilentAfter) : json(nullptr)},
        {"hold_time_s", seconds(section->holdTimeNs)},
        {"accept_timeout_s", seconds(section->acceptTimeoutNs)},
        {"announce_spacing_s", seconds(section->announceSpacingNs)},
        {"addition_delivery",
         kVrAdditionDeliveries.Name(
             section->additionDelivery.value_or(vr::VrPort::ADDITION_UNICAST))},
        {"data_plane", kVrDataPlanes.Name(section->dataPlane.value_or(vr::VrPort::DATA_L2TP))},
        {"ospf",
         {{"hello_interval_s", seconds(o.helloIntervalNs)},
          {"dead_interval_s", seconds(o.deadIntervalNs)},
          {"rxmt_interval_s", seconds(o.rxmtIntervalNs)},
          {"min_ls_interval_s", seconds(o.minLsIntervalNs)},
          {"min_ls_arrival_s", seconds(o.minLsArrivalNs)},
          {"ack_delay_s", seconds(o.ackDelayNs)},
          {"flood_pacing_s", seconds(o.floodPacingNs)},
          {"spf",
           {{"initial_delay_s", seconds(o.spfInitialDelayNs)},
            {"hold_s", seconds(o.spfHoldNs)},
            {"max_wait_s", seconds(o.spfMaxWaitNs)}}}}}};
    json vpns = json::array();
    for (const VpnSpec& vpn : section->vpns)
    {
        json ports = json::array();
        for (const VrPortSpec& p : vpn.ports)
        {
            // Passwords and secrets stay out of the results.
            ports.push_back({{"name", p.name},
                             {"router", p.router},
                             {"address", p.address ? FormatIpv4(*p.address) : ""},
                             {"user_links", p.userLinks},
                             {"start_s", seconds(p.startNs)}});
        }
        vpns.push_back({{"name", vpn.name},
                        {"id", vpn.id},
                        {"vrf", vpn.vrf},
                        {"tunnel_secret", !vpn.tunnelSecret.empty()},
                        {"ports", ports}});
    }
    echo["vpns"] = vpns;
}

namespace
{

/// The VR ports of a run: built on the edge routers (PROTOCOLS stage),
/// then watched (MONITORS) and reported.
class VrRun : public FeatureRun
{
  public:
    VrRun(const Scenario& s, const VpnsSection& section, Network& network)
        : m_scenario(s)
        , m_network(network)
        , m_section(section)
    {
        if (*section.additionDelivery == vr::VrPort::ADDITION_FLOOD)
        {
            // Every router of the core relays, whether it holds ports or not.
            for (const NodeSpec& n : s.nodes)
            {
                Ptr<Node> node = network.GetNode(n.name);
                if (Ptr<ospf::Protocol> core = OspfHelper::Get(node))
                {
                    vr::DiscoveryPort::Get(node)->StartRelay(
                        MakeCallback(&ospf::Protocol::GetAdjacentAddresses, core));
                }
            }
        }
        for (size_t v = 0; v < section.vpns.size(); ++v)
        {
            const VpnSpec& vpn = section.vpns[v];
            for (const VrPortSpec& spec : vpn.ports)
            {
                m_ports.push_back({v,
                                   &spec,
                                   Build(s, vpn, spec, network),
                                   UserPrefixes(s, spec),
                                   UserDevices(s, spec, network)});
            }
        }
    }

    /// Starts the port and sends its addition message (S1).
    void
    Add(const std::string& name)
    {
        for (const metrics::VrPortMonitor::Port& p : m_ports)
        {
            if (p.spec->name == name)
            {
                p.port->Start();
                m_started.insert(name);
                if (m_monitor)
                {
                    m_monitor->NotifyStarted(name);
                }
                p.port->Announce();
            }
        }
    }

    /// Stops the port (Fig. 10: its peers see it fall silent).
    void
    Stop(const std::string& name)
    {
        for (const metrics::VrPortMonitor::Port& p : m_ports)
        {
            if (p.spec->name == name)
            {
                p.port->Stop();
                m_started.erase(name);
                m_monitor->NotifyEvent(name, kVrPortStop);
            }
        }
    }

    /// New credentials: the next RADIUS request carries the new password.
    void
    SetPassword(const std::string& name, const std::string& password)
    {
        for (const metrics::VrPortMonitor::Port& p : m_ports)
        {
            if (p.spec->name == name)
            {
                p.port->SetAttribute("Password", StringValue(password));
                m_monitor->NotifyPassword(name, password);
                m_monitor->NotifyEvent(name, kVrPortPassword);
            }
        }
    }

    /// The addition message again (S1); a port not started ignores it.
    void
    Announce(const std::string& name)
    {
        for (const metrics::VrPortMonitor::Port& p : m_ports)
        {
            if (p.spec->name == name && m_started.count(name))
            {
                p.port->Announce();
                m_monitor->NotifyEvent(name, kVrPortAnnounce);
            }
        }
    }

    /// vr-forge-addition: an addition for VPN `vpn` from `router`.
    void
    ForgeAddition(const EventSpec& e)
    {
        for (const VpnSpec& vpn : m_section.vpns)
        {
            if (vpn.name == e.Arg("vpn"))
            {
                Ptr<Node> node = m_network.GetNode(e.Arg("router"));
                Ptr<ospf::Protocol> core = OspfHelper::Get(node);
                const uint32_t address = *ParseIpv4Address(e.Arg("address")).value;
                SendForgedAddition(node,
                                   core ? core->GetRouterId() : Ipv4Address::GetAny(),
                                   vpn.id,
                                   Ipv4Address(address),
                                   core ? core->GetKnownRouters() : std::vector<Ipv4Address>{});
                m_monitor->NotifyAttack(e.Arg("router"),
                                        kVrForgeAddition,
                                        fmt::format("VPN {} port {}", vpn.name, e.Arg("address")));
            }
        }
    }

    /// vr-spoof-label: labelled datagrams from `router` to `to`.
    void
    SpoofLabel(const EventSpec& e)
    {
        std::optional<uint32_t> label = ParseDecimal(e.Arg("label"));
        for (const metrics::VrPortMonitor::Port& p : m_ports)
        {
            if (!label && p.spec->name == e.Arg("label"))
            {
                label = p.port->GetLabel();
            }
        }
        const uint32_t count = *ParseDecimal(e.Arg("count"));
        if (!label)
        {
            m_monitor->NotifyAttack(
                e.Arg("router"),
                kVrSpoofLabel,
                fmt::format("no label bound to {} yet: nothing sent", e.Arg("label")));
            return;
        }
        Ptr<NetDevice> device;
        Ipv4Address source;
        Ipv4Address nextHop;
        for (const LinkSpec& link : m_scenario.links)
        {
            const std::vector<size_t>& ends =
                m_network.InterfacesOfLink(m_scenario.LinkIndex(link.name));
            if (ends.size() != 2)
            {
                continue;
            }
            const BuiltInterface& a = m_network.Interfaces()[ends[0]];
            const BuiltInterface& b = m_network.Interfaces()[ends[1]];
            for (const auto& [self, peer] : {std::pair(&a, &b), std::pair(&b, &a)})
            {
                if (self->node == e.Arg("router") && peer->node == e.Arg("to"))
                {
                    device = self->device;
                    source = Ipv4Address(self->address.address);
                    nextHop = Ipv4Address(peer->address.address);
                }
            }
        }
        NS_ABORT_MSG_UNLESS(device,
                            "vr-spoof-label: no link " << e.Arg("router") << " - " << e.Arg("to"));
        const uint32_t destination = *ParseIpv4Address(e.Arg("destination")).value;
        SendSpoofedLabels(m_network.GetNode(e.Arg("router")),
                          device,
                          source,
                          nextHop,
                          *label,
                          Ipv4Address(destination),
                          count);
        m_monitor->NotifyAttack(e.Arg("router"),
                                kVrSpoofLabel,
                                fmt::format("{} datagrams for {} with label {} to {}",
                                            count,
                                            e.Arg("destination"),
                                            *label,
                                            e.Arg("to")));
    }

    void
    Observe(const Scenario& s, Network& network, RunContext& run)
    {
        std::map<Ipv4Address, std::string> names;
        std::vector<std::pair<std::string, Ptr<Node>>> routers;
        for (const NodeSpec& n : s.nodes)
        {
            if (n.kind != NodeKind::ROUTER)
            {
                continue;
            }
            Ptr<Node> node = network.GetNode(n.name);
            routers.emplace_back(n.name, node);
            Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
            for (uint32_t a = 0; a < ipv4->GetNAddresses(0); ++a)
            {
                names[ipv4->GetAddress(0, a).GetLocal()] = n.name;
            }
        }
        for (const BuiltInterface& intf : network.Interfaces())
        {
            if (s.FindLink(intf.link)->addressSpace.empty())
            {
                names[Ipv4Address(intf.address.address)] = intf.node;
            }
        }
        std::vector<std::vector<Ipv4Prefix>> userPrefixes;
        for (const VpnSpec& vpn : m_section.vpns)
        {
            std::vector<Ipv4Prefix> prefixes;
            for (const LinkSpec& link : s.links)
            {
                if (link.addressSpace == vpn.name && !link.endpoints.empty() &&
                    link.endpoints[0].address)
                {
                    prefixes.push_back(*link.endpoints[0].address);
                }
            }
            userPrefixes.push_back(prefixes);
        }
        m_monitor = std::make_unique<metrics::VrPortMonitor>(
            m_section, m_ports, names, routers, userPrefixes);
        m_monitor->SetTraceSink(run.TraceSink());
    }

    void
    Finish(metrics::RunResults& results) override
    {
        results.parts.push_back(
            {"vpns", std::make_shared<metrics::VpnsOutcome>(m_monitor->Finish())});
    }

  private:
    /// The networks of the port's user lines, "10.1.0.0/24".
    static std::vector<std::string>
    UserPrefixes(const Scenario& s, const VrPortSpec& spec)
    {
        std::vector<std::string> prefixes;
        for (const std::string& name : spec.userLinks)
        {
            const LinkSpec* link = s.FindLink(name);
            if (link && !link->endpoints.empty() && link->endpoints[0].address)
            {
                const Ipv4Prefix& a = *link->endpoints[0].address;
                prefixes.push_back(fmt::format("{}/{}", FormatIpv4(a.Network()), a.length));
            }
        }
        return prefixes;
    }

    /// The devices of the hosts on the port's user lines (the monitor
    /// tags what they send and reads what they receive).
    static std::vector<Ptr<NetDevice>>
    UserDevices(const Scenario& s, const VrPortSpec& spec, Network& network)
    {
        std::vector<Ptr<NetDevice>> devices;
        for (const std::string& linkName : spec.userLinks)
        {
            for (size_t i : network.InterfacesOfLink(s.LinkIndex(linkName)))
            {
                const BuiltInterface& intf = network.Interfaces()[i];
                if (intf.node != spec.router)
                {
                    devices.push_back(intf.device);
                }
            }
        }
        return devices;
    }

    Ptr<vr::VrPort>
    Build(const Scenario& s, const VpnSpec& vpn, const VrPortSpec& spec, Network& network)
    {
        Ptr<Node> node = network.GetNode(spec.router);
        Ptr<vr::VrfRoutingProtocol> vrf = VrfRoutingHelper::GetRouting(node);
        NS_ABORT_MSG_UNLESS(vrf, "edge router " << spec.router << " has no per-VRF routing");
        if (!vrf->GetVrf(vpn.vrf))
        {
            vrf->AddVrf(vpn.vrf);
        }
        Ptr<ospf::Protocol> core = OspfHelper::Get(node);
        NS_ABORT_MSG_UNLESS(core, "edge router " << spec.router << " runs no core OSPF");
        const NodeSpec* n = s.FindNode(spec.router);

        Ptr<vr::VrPort> port = CreateObject<vr::VrPort>();
        port->SetAttribute("VpnId",
                           StringValue(spec.claimedVpnId.empty() ? vpn.id : spec.claimedVpnId));
        port->SetAttribute("Address", Ipv4AddressValue(Ipv4Address(*spec.address)));
        port->SetAttribute("RouterId", Ipv4AddressValue(Ipv4Address(n->routerId)));
        port->SetAttribute("Name", StringValue(spec.name));
        port->SetAttribute("Password", StringValue(spec.password));
        port->SetAttribute("RadiusSecret", StringValue(vpn.radiusSecret));
        port->SetAttribute("TunnelSecret", StringValue(vpn.tunnelSecret));
        port->SetAttribute("CollectionTime", TimeValue(NanoSeconds(*m_section.collectionTimeNs)));
        port->SetAttribute("MutualAuthentication", BooleanValue(*m_section.mutualAuthentication));
        port->SetAttribute("ParallelTunnels", BooleanValue(*m_section.parallelTunnels));
        port->SetAttribute("MonitorPeriod", TimeValue(NanoSeconds(*m_section.monitorPeriodNs)));
        port->SetAttribute("MonitorSilentAfter", UintegerValue(*m_section.monitorSilentAfter));
        port->SetAttribute("HoldTime", TimeValue(NanoSeconds(*m_section.holdTimeNs)));
        port->SetAttribute("AcceptTimeout", TimeValue(NanoSeconds(*m_section.acceptTimeoutNs)));
        port->SetAttribute("DataPlane", EnumValue(*m_section.dataPlane));
        port->SetAttribute("AnnounceSpacing", TimeValue(NanoSeconds(*m_section.announceSpacingNs)));
        port->SetAttribute("AdditionDelivery", EnumValue(*m_section.additionDelivery));
        // LDP (MPLS data plane, Fig. 13) announces the core's subnets only:
        // the user lines and sessions belong to the VPNs.
        if (Ptr<ldp::Protocol> ldp = node->GetObject<ldp::Protocol>())
        {
            vr::VrfRoutingProtocol* routing = PeekPointer(vrf);
            ldp->SetConnectedFilter(ldp::Protocol::InterfaceFilter([routing](uint32_t interface) {
                return routing->GetVrfOfInterface(interface) == 0;
            }));
        }
        port->SetNode(node);
        port->SetVrf(vrf, vpn.vrf);
        for (const std::string& linkName : spec.userLinks)
        {
            for (size_t i : network.InterfacesOfLink(s.LinkIndex(linkName)))
            {
                const BuiltInterface& intf = network.Interfaces()[i];
                if (intf.node == spec.router)
                {
                    port->AddUserInterface(intf.ipv4Interface);
                }
            }
        }
        // The port's RADIUS server knows every port of its VPN.
        for (const VrPortSpec& other : vpn.ports)
        {
            port->AddCredential(other.name, other.password);
        }
        port->SetRouterList(MakeCallback(&ospf::Protocol::GetKnownRouters, core));
        for (const auto& [attribute, ns] : OspfAttributes(m_section.ospf))
        {
            port->SetOspfAttribute(attribute, TimeValue(NanoSeconds(ns)));
        }
        if (spec.startNs)
        {
            const std::string name = spec.name;
            Simulator::ScheduleWithContext(
                node->GetId(), NanoSeconds(*spec.startNs), [this, name]() {
                    Add(name);
                });
        }
        return port;
    }

    const Scenario& m_scenario;
    Network& m_network;
    const VpnsSection& m_section;
    std::vector<metrics::VrPortMonitor::Port> m_ports;
    std::unique_ptr<metrics::VrPortMonitor> m_monitor;
    std::set<std::string> m_started; ///< ports started and not stopped
};

} // namespace

void
VrFeature::Install(InstallStage stage, const Scenario& s, Network& network, RunContext& run) const
{
    const VpnsSection* section = s.sections.Find<VpnsSection>();
    if (!section || section->vpns.empty())
    {
        return;
    }
    if (stage == InstallStage::PROTOCOLS)
    {
        auto built = std::make_unique<VrRun>(s, *section, network);
        VrRun* vr = built.get();
        run.AddRun(Name(), std::move(built));
        run.Events().Handle(kVrPortAdd, [vr](const EventSpec& e) {
            vr->Add(e.Arg("port"));
        });
        run.Events().Handle(kVrPortStop, [vr](const EventSpec& e) {
            vr->Stop(e.Arg("port"));
        });
        run.Events().Handle(kVrPortPassword, [vr](const EventSpec& e) {
            vr->SetPassword(e.Arg("port"), e.Arg("password"));
        });
        run.Events().Handle(kVrPortAnnounce, [vr](const EventSpec& e) {
            vr->Announce(e.Arg("port"));
        });
        run.Events().Handle(kVrForgeAddition, [vr](const EventSpec& e) {
            vr->ForgeAddition(e);
        });
        run.Events().Handle(kVrSpoofLabel, [vr](const EventSpec& e) {
            vr->SpoofLabel(e);
        });
    }
    else if (stage == InstallStage::MONITORS)
    {
        run.FindRun<VrRun>(Name())->Observe(s, network, run);
    }
}

} // namespace scenario
} // namespace ns3
