/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "vr-port-monitor.h"

#include "vr-origin-tag.h"

#include "ns3/abort.h"
#include "ns3/ipv4.h"
#include "ns3/ipvpn-routing-protocol.h"
#include "ns3/mpls-protocol.h"
#include "ns3/ospf-packet-header.h"
#include "ns3/ospf-protocol.h"
#include "ns3/simulator.h"
#include "ns3/vr-configuration-map.h"
#include "ns3/vr-discovery-header.h"
#include "ns3/vr-discovery-port.h"
#include "ns3/vr-vrf-routing-protocol.h"
#include "ns3/vrf-routing-helper.h"

#include <fmt/format.h>

namespace ns3
{
namespace metrics
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

} // namespace

VrPortMonitor::VrPortMonitor(const scenario::VpnsSection& section,
                             std::vector<Port> ports,
                             std::map<Ipv4Address, std::string> names,
                             std::vector<std::pair<std::string, Ptr<Node>>> routers,
                             std::vector<std::vector<scenario::Ipv4Prefix>> userPrefixes)
    : m_section(section)
    , m_ports(std::move(ports))
    , m_names(std::move(names))
    , m_routers(std::move(routers))
    , m_userPrefixes(std::move(userPrefixes))
    , m_out(m_ports.size())
    , m_started(m_ports.size(), false)
    , m_working(m_ports.size(), false)
    , m_convergence(section.vpns.size())
    , m_routingConvergence(section.vpns.size())
    , m_routingCheckPending(section.vpns.size(), false)
    , m_vrfDrops(section.vpns.size(), 0)
    , m_passwords(m_ports.size())
    , m_routingHooked(m_ports.size(), false)
    , m_isolation(section.vpns.size())
{
    for (size_t i = 0; i < m_ports.size(); ++i)
    {
        const Port& p = m_ports[i];
        m_out[i].name = p.spec->name;
        m_out[i].router = p.spec->router;
        m_out[i].address = Text(p.port->GetAddress());
        p.port->TraceConnectWithoutContext(
            "Step",
            Callback<void, vr::Step, Ipv4Address>([this, i](vr::Step step, Ipv4Address peer) {
                OnStep(i, step, peer);
            }));
        const size_t vpn = p.vpn;
        const bool connected = p.port->GetRouting()->TraceConnectWithoutContext(
            "RouteChange",
            Callback<void, const IpvpnRouteChange&>([this, vpn](const IpvpnRouteChange&) {
                ScheduleRoutingCheck(vpn);
            }));
        NS_ABORT_MSG_UNLESS(connected, "VR port table has no RouteChange trace");
        m_passwords[i] = p.spec->password;
        for (const Ptr<NetDevice>& device : p.userDevices)
        {
            const bool tx = device->TraceConnectWithoutContext(
                "MacTx", Callback<void, Ptr<const Packet>>([this, vpn](Ptr<const Packet> packet) {
                    OnUserIngress(vpn, packet);
                }));
            const bool rx = device->TraceConnectWithoutContext(
                "MacRx", Callback<void, Ptr<const Packet>>([this, vpn](Ptr<const Packet> packet) {
                    OnUserEgress(vpn, packet);
                }));
            NS_ABORT_MSG_UNLESS(rx && tx, "user line device without MacRx/MacTx traces");
        }
    }
    std::map<uint32_t, size_t> vrfToVpn;
    for (size_t v = 0; v < section.vpns.size(); ++v)
    {
        vrfToVpn[section.vpns[v].vrf] = v;
    }
    // The discovery ports of the routers holding VR ports, and of the
    // relays of flooded additions; other routers have none (an addition to
    // them ends in an ICMP port unreachable).
    std::set<std::string> edges;
    for (const Port& p : m_ports)
    {
        edges.insert(p.spec->router);
    }
    for (const auto& [name, node] : m_routers)
    {
        Ptr<vr::DiscoveryPort> relay = node->GetObject<vr::DiscoveryPort>();
        const bool edge = edges.count(name) > 0;
        if (!edge && !(relay && relay->IsRelay()))
        {
            continue;
        }
        Ptr<vr::DiscoveryPort> discovery = vr::DiscoveryPort::Get(node);
        const std::string router = name;
        discovery->TraceConnectWithoutContext(
            "Tx",
            Callback<void, const vr::DiscoveryHeader&, Ipv4Address, Ipv4Address>(
                [this, router](const vr::DiscoveryHeader& m, Ipv4Address to, Ipv4Address from) {
                    OnDiscovery(router, "tx", m, to, from);
                }));
        discovery->TraceConnectWithoutContext(
            "Rx",
            Callback<void, const vr::DiscoveryHeader&, Ipv4Address, Ipv4Address>(
                [this, router](const vr::DiscoveryHeader& m, Ipv4Address from, Ipv4Address at) {
                    OnDiscovery(router, "rx", m, from, at);
                }));
        if (!edge)
        {
            continue;
        }
        if (Ptr<mpls::Protocol> mpls = node->GetObject<mpls::Protocol>())
        {
            mpls->TraceConnectWithoutContext(
                "Pop",
                Callback<void, Ptr<const Packet>, uint32_t, uint32_t>(
                    [this, router](Ptr<const Packet>, uint32_t label, uint32_t) {
                        OnPop(router, label);
                    }));
        }
        if (Ptr<vr::VrfRoutingProtocol> vrf = VrfRoutingHelper::GetRouting(node))
        {
            vrf->TraceConnectWithoutContext(
                "Drop",
                Callback<void, uint32_t, vr::VrfDropReason, const Ipv4Header&, Ptr<const Packet>>(
                    [this](
                        uint32_t vrfId, vr::VrfDropReason, const Ipv4Header&, Ptr<const Packet>) {
                        OnVrfDrop(vrfId);
                    }));
        }
    }
}

void
VrPortMonitor::SetTraceSink(TraceSink sink)
{
    m_trace = std::move(sink);
}

void
VrPortMonitor::Trace(const std::string& node,
                     const std::string& direction,
                     const std::string& type,
                     const MessageTrace::Fields& fields) const
{
    if (m_trace)
    {
        m_trace(node, direction, "vr", type, fields);
    }
}

std::string
VrPortMonitor::NameOf(Ipv4Address address) const
{
    auto it = m_names.find(address);
    return it == m_names.end() ? Text(address) : it->second;
}

std::string
VrPortMonitor::PortNameOf(Ipv4Address address) const
{
    for (const Port& p : m_ports)
    {
        if (p.port->GetAddress() == address)
        {
            return p.spec->name;
        }
    }
    return Text(address);
}

void
VrPortMonitor::NotifyStarted(const std::string& port)
{
    for (size_t i = 0; i < m_ports.size(); ++i)
    {
        if (m_ports[i].spec->name == port)
        {
            m_started[i] = true;
            m_working[i] = true;
            Ptr<ospf::Protocol> ospf = m_ports[i].port->GetOspf();
            if (ospf && !m_routingHooked[i])
            {
                m_routingHooked[i] = ospf->TraceConnectWithoutContext(
                    "Rx",
                    Callback<void, uint8_t, uint32_t, uint32_t, Ptr<const Packet>>(
                        [this, i](uint8_t, uint32_t, uint32_t, Ptr<const Packet> packet) {
                            OnRoutingPacket(i, packet);
                        }));
                NS_ABORT_MSG_UNLESS(m_routingHooked[i], "OSPF instance without an Rx trace");
            }
            m_out[i].startedNs = Simulator::Now().GetNanoSeconds();
            Trace(m_ports[i].spec->router, "event", "port-add", {{"port", port}});
            CheckMembership(m_ports[i].vpn);
            ScheduleRoutingCheck(m_ports[i].vpn);
        }
    }
}

void
VrPortMonitor::NotifyEvent(const std::string& port, const std::string& action)
{
    for (size_t i = 0; i < m_ports.size(); ++i)
    {
        if (m_ports[i].spec->name == port)
        {
            m_out[i].events.push_back({Simulator::Now().GetNanoSeconds(), action});
            Trace(m_ports[i].spec->router, "event", action, {{"port", port}});
            if (action == scenario::kVrPortStop)
            {
                m_working[i] = false;
                ScheduleRoutingCheck(m_ports[i].vpn);
            }
        }
    }
}

void
VrPortMonitor::OnStep(size_t index, vr::Step step, Ipv4Address peer)
{
    VrPortOutcome& out = m_out[index];
    const std::string peerName = peer == Ipv4Address::GetAny() ? "" : PortNameOf(peer);
    const int64_t now = Simulator::Now().GetNanoSeconds();
    out.steps.push_back({now, vr::StepName(step), peerName});
    if (step == vr::Step::S8 || step == vr::Step::S19)
    {
        out.joinNs = now;
    }
    if (step == vr::Step::S37)
    {
        out.deleted.push_back({now, peerName});
    }
    if (step == vr::Step::S11)
    {
        ++out.additionsReceived;
    }
    if (step == vr::Step::S6 || step == vr::Step::S21)
    {
        ++out.authFailures;
    }
    if (step == vr::Step::S8 || step == vr::Step::S17)
    {
        CheckJoin(index, step, peerName);
    }
    MessageTrace::Fields fields{{"port", out.name}};
    if (!peerName.empty())
    {
        fields.emplace_back("peer_port", peerName);
    }
    Trace(out.router, "event", vr::StepName(step), fields);
    CheckMembership(m_ports[index].vpn);
    ScheduleRoutingCheck(m_ports[index].vpn);
}

void
VrPortMonitor::OnDiscovery(const std::string& router,
                           const char* direction,
                           const vr::DiscoveryHeader& message,
                           Ipv4Address peer,
                           Ipv4Address portAddress)
{
    const bool tx = std::string(direction) == "tx";
    for (size_t i = 0; i < m_ports.size(); ++i)
    {
        if (m_ports[i].port->GetAddress() == portAddress)
        {
            ++(tx ? m_out[i].discoverySent : m_out[i].discoveryReceived);
        }
    }
    MessageTrace::Fields fields{{"peer", NameOf(peer)},
                                {"vpn_id", message.GetVpnId().ToString()},
                                {"router_id", Text(message.GetRouterId())},
                                {"port", PortNameOf(message.GetPortAddress())},
                                {"seq", std::to_string(message.GetSequence())}};
    const std::string type = vr::TypeName(message.GetType());
    if (NameOf(peer) == router)
    {
        // An addition to the sender's own router (for its other VR ports)
        // never leaves the node: counted, but no arrow of the ladder.
        return;
    }
    Trace(router, direction, type, fields);
}

void
VrPortMonitor::NotifyPassword(const std::string& port, const std::string& password)
{
    for (size_t i = 0; i < m_ports.size(); ++i)
    {
        if (m_ports[i].spec->name == port)
        {
            m_passwords[i] = password;
        }
    }
}

void
VrPortMonitor::NotifyAttack(const std::string& node,
                            const std::string& action,
                            const std::string& detail)
{
    m_attacks.push_back({Simulator::Now().GetNanoSeconds(), node, action, detail});
    Trace(node, "event", action, {{"attack", detail}});
}

void
VrPortMonitor::CheckJoin(size_t index, vr::Step step, const std::string& peer)
{
    const size_t vpn = m_ports[index].vpn;
    size_t peerIndex = m_ports.size();
    for (size_t j = 0; j < m_ports.size(); ++j)
    {
        if (m_ports[j].spec->name == peer)
        {
            peerIndex = j;
        }
    }
    // Both ends configured ports of the VPN (none claiming its VPN-ID),
    // and the new port (S8 at itself, S17 at the existing port naming it)
    // holding the password the VPN's servers know.
    auto member = [this, vpn](size_t j) {
        return j < m_ports.size() && m_ports[j].vpn == vpn && m_ports[j].spec->claimedVpnId.empty();
    };
    const size_t newPort = step == vr::Step::S8 ? index : peerIndex;
    if (!member(index) || !member(peerIndex) ||
        m_passwords[newPort] != m_ports[newPort].spec->password)
    {
        ++m_isolation[vpn].unauthorizedJoins;
    }
}

void
VrPortMonitor::OnRoutingPacket(size_t index, Ptr<const Packet> packet)
{
    ospf::PacketHeader header;
    if (packet->GetSize() < header.GetSerializedSize())
    {
        return;
    }
    packet->PeekHeader(header);
    for (const Port& p : m_ports)
    {
        if (p.vpn == m_ports[index].vpn && p.port->GetAddress() == header.GetRouterId())
        {
            return;
        }
    }
    ++m_isolation[m_ports[index].vpn].foreignRoutingPackets;
}

void
VrPortMonitor::OnUserIngress(size_t vpn, Ptr<const Packet> packet)
{
    VpnOriginTag tag;
    if (!packet->PeekPacketTag(tag))
    {
        packet->AddPacketTag(VpnOriginTag(static_cast<uint32_t>(vpn + 1)));
    }
}

void
VrPortMonitor::OnUserEgress(size_t vpn, Ptr<const Packet> packet)
{
    VpnOriginTag tag;
    if (packet->PeekPacketTag(tag))
    {
        ++(tag.GetVpn() == vpn + 1 ? m_isolation[vpn].ownDeliveries
                                   : m_isolation[vpn].crossVpnDeliveries);
    }
}

void
VrPortMonitor::OnPop(const std::string& router, uint32_t label)
{
    for (const auto& [name, node] : m_routers)
    {
        if (name != router)
        {
            continue;
        }
        const mpls::Nhlfe* entry = node->GetObject<mpls::Protocol>()->GetIlm().Find(label);
        if (!entry || entry->context == 0)
        {
            return; // not into a VRF
        }
        for (size_t i = 0; i < m_ports.size(); ++i)
        {
            const scenario::VpnSpec& vpn = m_section.vpns[m_ports[i].vpn];
            if (m_ports[i].spec->router == router && vpn.vrf == entry->context)
            {
                if (m_ports[i].port->GetLabel() != label)
                {
                    ++m_isolation[m_ports[i].vpn].unboundLabelDeliveries;
                }
                return;
            }
        }
    }
}

void
VrPortMonitor::OnVrfDrop(uint32_t vrfId)
{
    for (size_t v = 0; v < m_section.vpns.size(); ++v)
    {
        if (m_section.vpns[v].vrf == vrfId)
        {
            ++m_vrfDrops[v];
        }
    }
}

void
VrPortMonitor::CheckMembership(size_t vpn)
{
    bool complete = true;
    for (size_t i = 0; i < m_ports.size() && complete; ++i)
    {
        if (m_ports[i].vpn != vpn || !m_started[i])
        {
            continue;
        }
        const vr::ConfigurationMap& map = m_ports[i].port->GetMap();
        for (size_t j = 0; j < m_ports.size(); ++j)
        {
            if (j == i || m_ports[j].vpn != vpn || !m_started[j])
            {
                continue;
            }
            const vr::MapEntry* e = map.Find(m_ports[j].port->GetAddress());
            if (!e || e->state != vr::PeerState::UP)
            {
                complete = false;
                break;
            }
        }
    }
    if (!complete)
    {
        m_convergence[vpn].reset();
    }
    else if (!m_convergence[vpn])
    {
        m_convergence[vpn] = Simulator::Now().GetNanoSeconds();
    }
}

void
VrPortMonitor::ScheduleRoutingCheck(size_t vpn)
{
    if (m_routingCheckPending[vpn])
    {
        return;
    }
    m_routingCheckPending[vpn] = true;
    Simulator::ScheduleNow([this, vpn]() {
        m_routingCheckPending[vpn] = false;
        if (!RoutingDifferences(vpn).empty())
        {
            m_routingConvergence[vpn].reset();
        }
        else if (!m_routingConvergence[vpn])
        {
            m_routingConvergence[vpn] = Simulator::Now().GetNanoSeconds();
        }
    });
}

VrRouteSet
VrPortMonitor::ActualRoutes(size_t index) const
{
    const Port& port = m_ports[index];
    std::set<std::string> prefixes;
    for (const Port& p : m_ports)
    {
        if (p.vpn == port.vpn)
        {
            prefixes.insert(p.prefixes.begin(), p.prefixes.end());
        }
    }
    VrRouteSet routes;
    for (const IpvpnRoute& r : port.port->GetRouting()->GetTable().GetSelectedRoutes())
    {
        const std::string prefix = Text(r.network) + "/" + std::to_string(r.prefixLength);
        if (!prefixes.count(prefix))
        {
            continue;
        }
        for (const IpvpnNextHop& hop : r.nextHops)
        {
            std::string name = r.source == IpvpnRouteSource::CONNECTED
                                   ? ""
                                   : fmt::format("interface {}", hop.interface);
            for (const Port& peer : m_ports)
            {
                if (peer.vpn == port.vpn && &peer != &port &&
                    port.port->GetTunnelInterface(peer.port->GetAddress()) ==
                        static_cast<int32_t>(hop.interface))
                {
                    name = peer.spec->name;
                }
            }
            routes[prefix].insert(name);
        }
    }
    return routes;
}

uint64_t
VrPortMonitor::ForeignRoutes(size_t index) const
{
    const Port& port = m_ports[index];
    Ptr<vr::VrfRoutingProtocol> vrf;
    for (const auto& [name, node] : m_routers)
    {
        if (name == port.spec->router)
        {
            vrf = VrfRoutingHelper::GetRouting(node);
        }
    }
    uint64_t foreign = 0;
    for (const IpvpnRoute& r : port.port->GetRouting()->GetTable().GetRoutes())
    {
        for (const IpvpnNextHop& hop : r.nextHops)
        {
            if (hop.interface != 0 &&
                vrf->GetVrfOfInterface(hop.interface) != m_section.vpns[port.vpn].vrf)
            {
                ++foreign;
                break;
            }
        }
    }
    return foreign;
}

std::vector<std::string>
VrPortMonitor::RoutingDifferences(size_t vpn) const
{
    // The oracle's graph: the working ports and the tunnels up at each end.
    VrRouteOracle oracle;
    for (size_t i = 0; i < m_ports.size(); ++i)
    {
        if (m_ports[i].vpn == vpn && m_working[i])
        {
            oracle.AddPort(m_ports[i].spec->name, m_ports[i].prefixes);
        }
    }
    for (size_t i = 0; i < m_ports.size(); ++i)
    {
        for (size_t j = 0; j < m_ports.size(); ++j)
        {
            const Ptr<vr::VrPort> from = m_ports[i].port;
            const Ipv4Address to = m_ports[j].port->GetAddress();
            if (i != j && m_ports[i].vpn == vpn && m_ports[j].vpn == vpn && m_working[i] &&
                m_working[j] && from->IsTunnelUp(to))
            {
                const auto interface = static_cast<uint32_t>(from->GetTunnelInterface(to));
                oracle.AddTunnel(m_ports[i].spec->name,
                                 m_ports[j].spec->name,
                                 from->GetOspf()->GetInterfaceCost(interface));
            }
        }
    }
    std::vector<std::string> differences;
    for (size_t i = 0; i < m_ports.size(); ++i)
    {
        if (m_ports[i].vpn == vpn && m_working[i])
        {
            for (const std::string& d :
                 DiffRoutes(oracle.Expected(m_ports[i].spec->name), ActualRoutes(i)))
            {
                differences.push_back(m_ports[i].spec->name + ": " + d);
            }
        }
    }
    return differences;
}

VpnsOutcome
VrPortMonitor::Finish() const
{
    VpnsOutcome out;
    for (size_t v = 0; v < m_section.vpns.size(); ++v)
    {
        const scenario::VpnSpec& spec = m_section.vpns[v];
        VpnOutcome vpn;
        vpn.name = spec.name;
        vpn.id = spec.id;
        vpn.vrf = spec.vrf;
        vpn.vrfDrops = m_vrfDrops[v];
        vpn.membershipConvergenceNs = m_convergence[v];
        vpn.isolation = m_isolation[v];
        vpn.routingMismatches = RoutingDifferences(v);
        vpn.routingConvergenceNs =
            vpn.routingMismatches.empty() ? m_routingConvergence[v] : std::nullopt;
        for (size_t i = 0; i < m_ports.size(); ++i)
        {
            if (m_ports[i].vpn != v)
            {
                continue;
            }
            VrPortOutcome port = m_out[i];
            Ptr<vr::VrPort> p = m_ports[i].port;
            for (const vr::MapEntry& e : p->GetMap().GetEntries())
            {
                port.map.push_back({PortNameOf(e.portAddress),
                                    Text(e.portAddress),
                                    Text(e.routerId),
                                    p->GetTunnelId(e.portAddress),
                                    vr::PeerStateName(e.state)});
            }
            port.routes = ActualRoutes(i);
            vpn.isolation.foreignRoutes += ForeignRoutes(i);
            port.label = p->GetLabel();
            for (const vr::MapEntry& e : p->GetMap().GetEntries())
            {
                if (const std::optional<uint32_t> push = p->GetPushLabel(e.portAddress))
                {
                    port.pushLabels[PortNameOf(e.portAddress)] = *push;
                }
            }
            port.labelled = p->GetLabelledCount();
            port.unlabelled = p->GetUnlabelledCount();
            vpn.ports.push_back(port);
        }
        // The core holds no VPN prefix: count the routes of every router's
        // core table that overlap one of the VPN's user prefixes.
        for (const auto& [name, node] : m_routers)
        {
            Ptr<IpvpnRoutingProtocol> core =
                IpvpnRoutingProtocol::GetNodeRouting(node->GetObject<Ipv4>());
            if (!core)
            {
                continue;
            }
            for (const IpvpnRoute& r : core->GetTable().GetRoutes())
            {
                scenario::Ipv4Prefix route;
                route.address = r.network.Get();
                route.length = r.prefixLength;
                for (const scenario::Ipv4Prefix& user : m_userPrefixes[v])
                {
                    if (route.length > 0 && route.Overlaps(user))
                    {
                        ++vpn.corePrefixes;
                        break;
                    }
                }
            }
        }
        out.vpns.push_back(vpn);
    }
    for (const auto& [name, node] : m_routers)
    {
        if (Ptr<vr::DiscoveryPort> d = node->GetObject<vr::DiscoveryPort>())
        {
            out.discoveryDrops.emplace_back(name, d->GetDropCount());
            if (d->IsRelay())
            {
                out.discoveryDuplicates.emplace_back(name, d->GetDuplicateCount());
            }
            if (Ptr<mpls::Protocol> mpls = node->GetObject<mpls::Protocol>())
            {
                out.labelDrops.emplace_back(name,
                                            mpls->GetDropCount(mpls::Protocol::DROP_NO_ILM_ENTRY));
            }
        }
    }
    out.attacks = m_attacks;
    return out;
}

} // namespace metrics
} // namespace ns3
