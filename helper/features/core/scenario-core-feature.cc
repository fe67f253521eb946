/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "scenario-core-feature.h"

#include "scenario-global-routing.h"
#include "scenario-core-impl.h"
#include "scenario-core-run.h"

#include "ns3/csma-helper.h"
#include "ns3/data-rate.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/scenario-event-stream.h"
#include "ns3/string.h"

#include <fmt/format.h>

namespace ns3
{
namespace scenario
{

using nlohmann::json;

std::string
CoreFeature::Name() const
{
    return "core";
}

std::vector<std::string>
CoreFeature::Keys() const
{
    return {"simulation",
            "nodes",
            "links",
            "addressing",
            "routing",
            "traffic",
            "events",
            "outputs",
            "expect"};
}

std::vector<EventKind>
CoreFeature::EventKinds() const
{
    return {{"link-down", {{"link", EventArgType::LINK}}},
            {"link-up", {{"link", EventArgType::LINK}}},
            {"node-down", {{"node", EventArgType::NODE}}},
            {"node-up", {{"node", EventArgType::NODE}}}};
}

namespace
{

std::string
QueueSize(const LinkSpec& link)
{
    return link.queuePackets ? fmt::format("{}p", *link.queuePackets) : std::string();
}

} // namespace

std::vector<LinkTechnology>
CoreFeature::LinkTechnologies() const
{
    LinkTechnology p2p;
    p2p.name = "p2p";
    p2p.install = [](const LinkSpec& link, const NodeContainer& ends, int64_t&) {
        PointToPointHelper helper;
        helper.SetDeviceAttribute("DataRate", DataRateValue(DataRate(link.dataRateBps)));
        helper.SetChannelAttribute("Delay", TimeValue(NanoSeconds(link.delayNs)));
        if (link.queuePackets)
        {
            helper.SetQueue("ns3::DropTailQueue<Packet>", "MaxSize", StringValue(QueueSize(link)));
        }
        return helper.Install(ends);
    };
    p2p.enablePcap = [](const std::string& file, Ptr<NetDevice> device) {
        PointToPointHelper().EnablePcap(file, device, false, true);
    };

    LinkTechnology csma;
    csma.name = "csma";
    csma.install = [](const LinkSpec& link, const NodeContainer& ends, int64_t& stream) {
        CsmaHelper helper;
        helper.SetChannelAttribute("DataRate", DataRateValue(DataRate(link.dataRateBps)));
        helper.SetChannelAttribute("Delay", TimeValue(NanoSeconds(link.delayNs)));
        if (link.queuePackets)
        {
            helper.SetQueue("ns3::DropTailQueue<Packet>", "MaxSize", StringValue(QueueSize(link)));
        }
        NetDeviceContainer devices = helper.Install(ends);
        stream += helper.AssignStreams(devices, stream);
        return devices;
    };
    csma.enablePcap = [](const std::string& file, Ptr<NetDevice> device) {
        CsmaHelper().EnablePcap(file, device, false, true);
    };
    return {p2p, csma};
}

std::vector<CoreRoutingKind>
CoreFeature::CoreRoutings() const
{
    return {{"global", [] { return std::make_unique<GlobalCoreRouting>(); }}};
}

void
CoreFeature::Read(const YAML::Node& root, YamlReader& in, Scenario& s) const
{
    if (root["simulation"])
    {
        core::ReadSimulation(root["simulation"], in, s);
    }
    if (!root["nodes"])
    {
        in.Log().Error(SourceMark{1, 1}, "nodes", "missing required key 'nodes'");
    }
    else
    {
        core::ReadNodes(root["nodes"], in, s);
    }
    if (root["links"])
    {
        core::ReadLinks(root["links"], in, s);
    }
    if (root["addressing"])
    {
        core::ReadAddressing(root["addressing"], in, s);
    }
    if (root["routing"])
    {
        core::ReadRouting(root["routing"], in, s);
    }
    if (root["traffic"])
    {
        core::ReadTraffic(root["traffic"], in, s);
    }
    if (root["events"])
    {
        core::ReadEvents(root["events"], in, s);
    }
    if (root["outputs"])
    {
        core::ReadOutputs(root["outputs"], in, s);
    }
    if (root["expect"])
    {
        core::ReadExpect(root["expect"], in, s);
    }
}

void
CoreFeature::Validate(const Scenario& s, ScenarioChecker& check) const
{
    core::CheckNames(s, check);
    core::CheckReferences(s, check);
    core::CheckAddresses(s, check);
    core::CheckTimes(s, check);
    core::CheckConnectivity(s, check);
    core::CheckPorts(s, check);
}

void
CoreFeature::Resolve(Scenario& s, ScenarioChecker& check) const
{
    core::ResolveCore(s, check);
}

void
CoreFeature::Echo(const Scenario& s, json& j) const
{
    j["file"] = s.file;
    j["name"] = s.name;
    j["description"] = s.description;
    j["simulation"] = {{"stop_s", s.simulation.stopNs / 1e9},
                       {"seed", s.simulation.seed},
                       {"run", s.simulation.run}};
    j["routing"] = {{"core", s.routing.core}};
    j["nodes"] = json::array();
    for (const NodeSpec& n : s.nodes)
    {
        json node = {{"name", n.name}, {"kind", ToString(n.kind)}};
        if (n.position)
        {
            node["position"] = {n.position->first, n.position->second};
        }
        if (n.vrfRouting)
        {
            // An edge router (VR ports): per-VRF routing, the ports'
            // addresses on its loopback, its core router ID.
            node["vrf_routing"] = true;
            node["loopbacks"] = json::array();
            for (uint32_t a : n.loopbacks)
            {
                node["loopbacks"].push_back(FormatIpv4(a));
            }
            node["router_id"] = FormatIpv4(n.routerId);
        }
        j["nodes"].push_back(node);
    }
    j["links"] = json::array();
    for (const LinkSpec& l : s.links)
    {
        json link = {{"name", l.name},
                     {"type", ToString(l.type)},
                     {"device", l.device},
                     {"data_rate_bps", l.dataRateBps},
                     {"delay_s", l.delayNs / 1e9},
                     {"loss", l.lossRate},
                     {"metric", l.metric}};
        if (l.queuePackets)
        {
            link["queue_packets"] = *l.queuePackets;
        }
        if (!l.addressSpace.empty())
        {
            link["address_space"] = l.addressSpace;
            link["vrf"] = l.vrf;
        }
        for (const EndpointSpec& e : l.endpoints)
        {
            link["endpoints"].push_back({{"node", e.node},
                                         {"address",
                                          e.dhcp      ? std::string("dhcp")
                                          : e.address ? e.address->ToString()
                                                      : ""},
                                         {"from_pool", e.fromPool}});
        }
        j["links"].push_back(link);
    }
    j["pools"] = json::array();
    for (const PoolSpec& p : s.pools)
    {
        j["pools"].push_back({{"name", p.name},
                              {"prefix", p.prefix.ToString()},
                              {"p2p_length", p.p2pLength},
                              {"lan_length", p.lanLength}});
    }
    j["traffic"] = json::array();
    for (const FlowSpec& f : s.flows)
    {
        json flow = {{"name", f.name},
                     {"type", ToString(f.type)},
                     {"from", f.from},
                     {"to", f.to},
                     {"destination", FormatIpv4(f.destination)},
                     {"start_s", f.startNs / 1e9},
                     {"stop_s", f.stopNs.value_or(0) / 1e9},
                     {"size", f.size.value_or(0)}};
        if (f.type == FlowType::PING)
        {
            flow["interval_s"] = f.intervalNs.value_or(0) / 1e9;
        }
        else
        {
            flow["rate_bps"] = f.rateBps;
            flow["port"] = f.port.value_or(0);
        }
        if (f.type == FlowType::UDP_ONOFF)
        {
            flow["on_s"] = f.onNs / 1e9;
            flow["off_s"] = f.offNs / 1e9;
        }
        if (!f.via.empty())
        {
            flow["via"] = f.via;
        }
        j["traffic"].push_back(flow);
    }
    j["events"] = json::array();
    for (const EventSpec& e : s.events)
    {
        j["events"].push_back(metrics::EventToJson(e, e.atNs));
    }
}

void
CoreFeature::Install(InstallStage stage, const Scenario& s, Network& network, RunContext& run) const
{
    switch (stage)
    {
    case InstallStage::TOPOLOGY:
        core::BuildTopology(s, network);
        for (const EventKind& kind : EventKinds())
        {
            run.Events().Handle(kind.action,
                                [&network](const EventSpec& e) { network.ApplyTopologyEvent(e); });
        }
        break;
    case InstallStage::PROTOCOLS:
        break;
    case InstallStage::APPLICATIONS:
        core::BuildTraffic(s, network);
        break;
    case InstallStage::MONITORS:
        core::EnablePcaps(s, network);
        run.AddRun(Name(), std::make_unique<CoreRun>(s, network, run.Events()));
        if (metrics::MessageTrace* trace = run.Trace())
        {
            for (const NodeSpec& node : s.nodes)
            {
                trace->WatchIcmp(network.GetNode(node.name), node.name);
            }
        }
        break;
    }
}

} // namespace scenario
} // namespace ns3
