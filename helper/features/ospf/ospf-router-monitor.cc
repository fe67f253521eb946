/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ospf-router-monitor.h"

#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/ipvpn-message-summary.h"
#include "ns3/ipvpn-routing-helper.h"
#include "ns3/ipvpn-routing-protocol.h"
#include "ns3/ospf-packet-header.h"
#include "ns3/scenario-values.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <fmt/format.h>
#include <sstream>

namespace ns3
{
namespace metrics
{

namespace
{

/// Bound on per-packet path records of packets never delivered.
constexpr size_t kMaxTrackedPackets = 100'000;

template <typename T>
std::string
Str(const T& value)
{
    std::ostringstream os;
    os << value;
    return os.str();
}

/// Packet type names as `./ipvpn decode` prints them ("Link-State-Update").
std::string
TypeName(uint8_t type)
{
    std::string name = ospf::PacketTypeName(type);
    std::replace(name.begin(), name.end(), ' ', '-');
    return name;
}

std::vector<uint8_t>
Bytes(Ptr<const ns3::Packet> packet)
{
    std::vector<uint8_t> bytes(packet->GetSize());
    packet->CopyData(bytes.data(), bytes.size());
    return bytes;
}

} // namespace

OspfMonitor::OspfMonitor(const scenario::Scenario& scenario,
                         const scenario::OspfSection& /* spec */,
                         NetworkNames names,
                         std::vector<Ptr<Application>> flowSinks)
    : m_scenario(scenario)
    , m_names(std::move(names))
{
    std::vector<std::pair<std::string, Ptr<IpvpnRoutingProtocol>>> compared;
    for (const scenario::NodeSpec& n : scenario.nodes)
    {
        if (n.kind != scenario::NodeKind::ROUTER)
        {
            continue;
        }
        Ptr<Node> node = m_names.GetNode(n.name);
        Router r;
        r.name = n.name;
        r.ospf = node->GetObject<ospf::Protocol>();
        r.routing = IpvpnRoutingHelper::GetRouting(node->GetObject<Ipv4>());
        if (r.ospf && r.routing)
        {
            m_routers.push_back(r);
            compared.emplace_back(r.name, r.routing);
        }
    }
    m_tables = std::make_unique<OspfTableOracle>(scenario, m_names, std::move(compared));
    for (Router& r : m_routers)
    {
        Watch(r);
    }
    for (size_t i = 0; i < scenario.flows.size(); ++i)
    {
        const scenario::FlowSpec& f = scenario.flows[i];
        FlowWatch w;
        w.name = f.name;
        w.from = f.from;
        w.to = f.to;
        if (i < flowSinks.size() && flowSinks[i])
        {
            w.watched = true;
            flowSinks[i]->TraceConnectWithoutContext(
                "Rx",
                Callback<void, Ptr<const ns3::Packet>, const Address&>(
                    [this, i](Ptr<const ns3::Packet> p, const Address&) {
                        Delivered(i, p);
                    }));
        }
        m_flows.push_back(w);
    }
    // The first window runs from the start until the tables first agree.
    m_check = Simulator::ScheduleNow(&OspfMonitor::CheckNow, this);
}

void
OspfMonitor::Watch(Router& r)
{
    const std::string node = r.name;
    Ptr<ospf::Protocol> ospf = r.ospf;
    ospf->TraceConnectWithoutContext(
        "Tx",
        Callback<void, uint8_t, uint32_t, uint32_t, Ptr<const ns3::Packet>>(
            [this, node](uint8_t type, uint32_t, uint32_t, Ptr<const ns3::Packet> p) {
                Packet(node, "tx", type, p);
            }));
    ospf->TraceConnectWithoutContext(
        "Rx",
        Callback<void, uint8_t, uint32_t, uint32_t, Ptr<const ns3::Packet>>(
            [this, node](uint8_t type, uint32_t, uint32_t, Ptr<const ns3::Packet> p) {
                Packet(node, "rx", type, p);
            }));
    ospf->TraceConnectWithoutContext(
        "Drop",
        Callback<void, ospf::DropReason, uint32_t, Ptr<const ns3::Packet>>(
            [this, node](ospf::DropReason reason, uint32_t interface, Ptr<const ns3::Packet> p) {
                if (m_trace)
                {
                    m_trace(node,
                            "event",
                            "ospf",
                            "drop",
                            {{"reason", ospf::DropReasonName(reason)},
                             {"link", LinkOf(node, interface)},
                             {"uid", std::to_string(p->GetUid())}});
                }
            }));
    Router* self = &r;
    ospf->TraceConnectWithoutContext(
        "NeighborStateChange",
        Callback<void,
                 Ipv4Address,
                 uint32_t,
                 Ipv4Address,
                 ospf::NeighborState,
                 ospf::NeighborState>([this, node, self](Ipv4Address,
                                                         uint32_t interface,
                                                         Ipv4Address neighbor,
                                                         ospf::NeighborState from,
                                                         ospf::NeighborState to) {
            if (to == ospf::NeighborState::FULL)
            {
                auto [it, fresh] =
                    self->full.emplace(std::make_pair(interface, neighbor.Get()),
                                       std::make_pair(Simulator::Now().GetNanoSeconds(), 0u));
                it->second.second += 1;
            }
            if (m_trace)
            {
                std::string name = Str(neighbor);
                for (const Router& other : m_routers)
                {
                    if (other.ospf->GetRouterId() == neighbor)
                    {
                        name = other.name;
                    }
                }
                m_trace(node,
                        "event",
                        "ospf",
                        "neighbor",
                        {{"neighbor", name},
                         {"id", Str(neighbor)},
                         {"link", LinkOf(node, interface)},
                         {"from", decode::Token(Str(from))},
                         {"to", decode::Token(Str(to))}});
            }
        }));
    ospf->TraceConnectWithoutContext(
        "InterfaceStateChange",
        Callback<void, Ipv4Address, uint32_t, ospf::InterfaceState, ospf::InterfaceState>(
            [this, node](Ipv4Address,
                         uint32_t interface,
                         ospf::InterfaceState from,
                         ospf::InterfaceState to) {
                if (m_trace)
                {
                    m_trace(node,
                            "event",
                            "ospf",
                            "interface",
                            {{"link", LinkOf(node, interface)},
                             {"from", decode::Token(Str(from))},
                             {"to", decode::Token(Str(to))}});
                }
            }));
    ospf->TraceConnectWithoutContext(
        "LsaInstalled",
        Callback<void, const ospf::LsaHeader&, bool>([this, node](const ospf::LsaHeader&, bool) {
            m_lsasInstalled[node] += 1;
        }));
    ospf->TraceConnectWithoutContext(
        "SpfRun", Callback<void, uint32_t, Time>([this, node](uint32_t routes, Time) {
            if (m_trace)
            {
                m_trace(node, "event", "ospf", "spf", {{"routes", std::to_string(routes)}});
            }
        }));
    const size_t index = &r - m_routers.data();
    r.routing->TraceConnectWithoutContext(
        "RouteChange",
        Callback<void, const IpvpnRouteChange&>([this, index](const IpvpnRouteChange&) {
            m_tables->TableChanged(index);
            ScheduleCheck();
        }));
    Ptr<Ipv4L3Protocol> l3 = m_names.GetNode(node)->GetObject<Ipv4L3Protocol>();
    l3->TraceConnectWithoutContext(
        "UnicastForward",
        Callback<void, const Ipv4Header&, Ptr<const ns3::Packet>, uint32_t>(
            [this, node](const Ipv4Header&, Ptr<const ns3::Packet> p, uint32_t) {
                Forwarded(node, p);
            }));
}

void
OspfMonitor::SetTraceSink(TraceSink sink)
{
    m_trace = std::move(sink);
}

std::string
OspfMonitor::LinkOf(const std::string& node, uint32_t ipv4Interface) const
{
    for (const OspfTableOracle::Link& link : m_tables->Links())
    {
        for (const OspfTableOracle::LinkEnd& e : link.ends)
        {
            if (e.node == node && e.ipv4Interface == ipv4Interface)
            {
                return link.spec->name;
            }
        }
    }
    return fmt::format("if{}", ipv4Interface);
}

void
OspfMonitor::Packet(const std::string& node,
                    const char* direction,
                    uint8_t type,
                    Ptr<const ns3::Packet> packet)
{
    if (!m_trace)
    {
        return;
    }
    // The decoder's reading of the very octets sent: the same words as
    // `./ipvpn decode` on the capture, and equal on both ends of a hop.
    decode::DecodedMessage message = decode::SummarizeOspf(Bytes(packet));
    MessageTrace::Fields fields = message.fields;
    fields.emplace_back("uid", std::to_string(packet->GetUid()));
    fields.emplace_back("bytes", std::to_string(packet->GetSize()));
    m_trace(node, direction, "ospf", message.IsMalformed() ? TypeName(type) : message.type, fields);
}

void
OspfMonitor::ScheduleCheck()
{
    // One SPF run changes many routes: compare once they are all in.
    if (!m_check.IsRunning())
    {
        m_check = Simulator::ScheduleNow(&OspfMonitor::CheckNow, this);
    }
}

void
OspfMonitor::CheckNow()
{
    const bool ok = m_tables->AllMatch();
    if (ok && !m_matching)
    {
        m_matchSinceNs = Simulator::Now().GetNanoSeconds();
    }
    m_matching = ok;
}

void
OspfMonitor::CloseWindow()
{
    const std::optional<int64_t> settled =
        m_matching ? std::optional<int64_t>(m_matchSinceNs - m_windowStartNs) : std::nullopt;
    if (m_inEventWindow)
    {
        m_out.convergence.back().controlNs = settled;
    }
    else
    {
        m_out.initialConvergenceNs = settled;
    }
}

void
OspfMonitor::NotifyEvent(const scenario::EventSpec& event)
{
    CloseWindow();
    m_tables->ApplyEvent(event);
    const int64_t now = Simulator::Now().GetNanoSeconds();
    OspfConvergence c;
    c.eventNs = now;
    c.event = event.Describe();
    for (FlowWatch& f : m_flows)
    {
        f.pending.reset();
        if (f.watched)
        {
            f.pending = c.flows.size();
            f.pathAtEvent = f.lastPath;
            c.flows.push_back({f.name, std::nullopt, {}});
        }
    }
    m_out.convergence.push_back(c);
    m_windowStartNs = now;
    m_inEventWindow = true;
    m_matching = false;
    CheckNow();
}

void
OspfMonitor::Forwarded(const std::string& node, Ptr<const ns3::Packet> packet)
{
    auto& path = m_packetPaths[packet->GetUid()];
    if (path.empty() || path.back() != node)
    {
        path.push_back(node);
    }
    while (m_packetPaths.size() > kMaxTrackedPackets)
    {
        m_packetPaths.erase(m_packetPaths.begin()); // oldest uid: long lost
    }
}

void
OspfMonitor::Delivered(size_t index, Ptr<const ns3::Packet> packet)
{
    FlowWatch& f = m_flows[index];
    std::vector<std::string> path{f.from};
    auto it = m_packetPaths.find(packet->GetUid());
    if (it != m_packetPaths.end())
    {
        path.insert(path.end(), it->second.begin(), it->second.end());
        m_packetPaths.erase(it);
    }
    path.push_back(f.to);
    if (f.pending && !m_out.convergence.empty() && path != f.pathAtEvent)
    {
        OspfConvergence& c = m_out.convergence.back();
        OspfFlowConvergence& fc = c.flows[*f.pending];
        fc.dataNs = Simulator::Now().GetNanoSeconds() - c.eventNs;
        fc.newPath = path;
        f.pending.reset();
    }
    f.lastPath = std::move(path);
}

OspfOutcome
OspfMonitor::Finish()
{
    CheckNow();
    CloseWindow();
    m_out.mismatchesAtEnd = m_tables->Mismatches(5);
    m_out.tablesMatchAtEnd = m_out.mismatchesAtEnd.empty();
    auto nodeOfRouterId = [this](Ipv4Address id) {
        for (const Router& r : m_routers)
        {
            if (r.ospf->GetRouterId() == id)
            {
                return r.name;
            }
        }
        return std::string();
    };
    for (const Router& r : m_routers)
    {
        OspfRouterOutcome o;
        o.node = r.name;
        o.routerId = Str(r.ospf->GetRouterId());
        UintegerValue priority;
        r.ospf->GetAttribute("RouterPriority", priority);
        o.priority = static_cast<uint32_t>(priority.Get());
        const ospf::ProtocolCounters& c = r.ospf->GetCounters();
        for (uint8_t type = 1; type <= 5; ++type)
        {
            const std::string name = TypeName(type);
            o.packetsSent[name] = c.packetsSent[type];
            o.bytesSent[name] = c.bytesSent[type];
            o.packetsReceived[name] = c.packetsReceived[type];
            o.bytesReceived[name] = c.bytesReceived[type];
        }
        for (size_t i = 0; i < ospf::DROP_REASON_COUNT; ++i)
        {
            if (c.drops[i])
            {
                o.drops[ospf::DropReasonName(static_cast<ospf::DropReason>(i))] = c.drops[i];
            }
        }
        o.lsasOriginated = c.lsasOriginated;
        o.lsasFlooded = c.lsasFlooded;
        o.spfRuns = c.spfRuns;
        auto installed = m_lsasInstalled.find(r.name);
        o.lsasInstalled = installed == m_lsasInstalled.end() ? 0 : installed->second;
        o.ospfRoutes = r.ospf->GetRoutes().size();
        for (uint32_t index : r.ospf->GetInterfaces())
        {
            OspfInterfaceOutcome i;
            i.link = LinkOf(r.name, index);
            i.type = Str(r.ospf->GetInterfaceType(index));
            i.cost = r.ospf->GetInterfaceCost(index);
            i.state = Str(r.ospf->GetInterfaceState(index));
            if (r.ospf->GetInterfaceType(index) == ospf::InterfaceType::BROADCAST)
            {
                i.dr = m_names.NodeWithAddress(r.ospf->GetDr(index).Get());
                i.bdr = m_names.NodeWithAddress(r.ospf->GetBdr(index).Get());
            }
            o.interfaces.push_back(i);

            std::vector<Ipv4Address> neighbors = r.ospf->GetNeighbors(index);
            for (const auto& [key, full] : r.full)
            {
                if (key.first == index &&
                    std::find(neighbors.begin(), neighbors.end(), Ipv4Address(key.second)) ==
                        neighbors.end())
                {
                    neighbors.emplace_back(key.second);
                }
            }
            for (Ipv4Address id : neighbors)
            {
                OspfAdjacencyOutcome a;
                a.link = i.link;
                a.neighbor = nodeOfRouterId(id);
                a.neighborId = Str(id);
                auto full = r.full.find({index, id.Get()});
                if (full != r.full.end())
                {
                    a.firstFullNs = full->second.first;
                    a.timesFull = full->second.second;
                }
                a.stateAtEnd = Str(r.ospf->GetNeighborState(index, id));
                o.adjacencies.push_back(a);
            }
        }
        m_out.routers.push_back(o);
    }
    return m_out;
}

std::vector<ExpectationOutcome>
OspfMonitor::Check(const scenario::OspfSection& spec, const OspfOutcome& outcome)
{
    std::vector<ExpectationOutcome> out;
    if (spec.expectAdjacencyWithinNs)
    {
        // Adjacencies that must form: every neighbour on a point-to-point
        // link; on a broadcast link those with the DR or the BDR (RFC 2328
        // 10.4: two DR Others stay in 2-Way).
        const int64_t limit = *spec.expectAdjacencyWithinNs;
        bool ok = true;
        std::string worst = "none";
        int64_t latest = -1;
        size_t count = 0;
        for (const OspfRouterOutcome& r : outcome.routers)
        {
            for (const OspfAdjacencyOutcome& a : r.adjacencies)
            {
                auto intf =
                    std::find_if(r.interfaces.begin(), r.interfaces.end(), [&](const auto& i) {
                        return i.link == a.link;
                    });
                const bool p2p = intf != r.interfaces.end() && intf->type == "point-to-point";
                const bool withDrOrBdr = intf != r.interfaces.end() &&
                                         (intf->state == "DR" || intf->state == "Backup" ||
                                          a.neighbor == intf->dr || a.neighbor == intf->bdr);
                if (!p2p && !withDrOrBdr && !a.firstFullNs)
                {
                    continue;
                }
                ++count;
                const int64_t at = a.firstFullNs.value_or(-1);
                if (!a.firstFullNs || at > limit)
                {
                    ok = false;
                }
                if (!a.firstFullNs || at > latest)
                {
                    latest = a.firstFullNs ? at : latest;
                    worst = fmt::format("{}-{} {}",
                                        r.node,
                                        a.neighbor.empty() ? a.neighborId : a.neighbor,
                                        a.firstFullNs ? SecondsText(a.firstFullNs) : "never");
                }
            }
        }
        ok = ok && count > 0;
        out.push_back({"ospf",
                       "adjacency_within",
                       ok,
                       fmt::format("{} adjacencies, the last Full: {}, expected within {}",
                                   count,
                                   worst,
                                   scenario::FormatDuration(limit))});
    }
    if (spec.expectConvergenceWithinNs)
    {
        const int64_t limit = *spec.expectConvergenceWithinNs;
        bool ok = !outcome.convergence.empty();
        std::string detail;
        for (const OspfConvergence& c : outcome.convergence)
        {
            ok = ok && c.controlNs && *c.controlNs <= limit;
            detail += fmt::format("{}{} {}",
                                  detail.empty() ? "" : ", ",
                                  c.event,
                                  c.controlNs ? fmt::format("+{:.3f}ms", *c.controlNs / 1e6)
                                              : std::string("never"));
        }
        out.push_back({"ospf",
                       "convergence_within",
                       ok,
                       fmt::format("tables equal to the oracle after {}; expected within {}",
                                   detail.empty() ? std::string("no event") : detail,
                                   scenario::FormatDuration(limit))});
    }
    for (const scenario::OspfElectionExpect& e : spec.expectElections)
    {
        // Every router on the link whose interface works agrees.
        bool ok = true;
        size_t seen = 0;
        std::string got;
        for (const OspfRouterOutcome& r : outcome.routers)
        {
            for (const OspfInterfaceOutcome& i : r.interfaces)
            {
                if (i.link != e.link || i.state == "Down")
                {
                    continue;
                }
                ++seen;
                const std::string bdr = i.bdr.empty() ? "none" : i.bdr;
                ok = ok && (e.dr.empty() || i.dr == e.dr) && (e.bdr.empty() || bdr == e.bdr);
                got += fmt::format("{}{}: DR {} BDR {}",
                                   got.empty() ? "" : "; ",
                                   r.node,
                                   i.dr.empty() ? "none" : i.dr,
                                   bdr);
            }
        }
        ok = ok && seen > 0;
        out.push_back({"ospf",
                       "election " + e.link,
                       ok,
                       fmt::format("{}; expected DR {} BDR {}",
                                   got.empty() ? std::string("no router on the link") : got,
                                   e.dr.empty() ? "any" : e.dr,
                                   e.bdr.empty() ? "any" : e.bdr)});
    }
    return out;
}

} // namespace metrics
} // namespace ns3
