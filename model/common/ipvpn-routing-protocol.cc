// SPDX-License-Identifier: GPL-2.0-only
#include "ipvpn-routing-protocol.h"

#include "ns3/ipv4-list-routing.h"
#include "ns3/ipv4-route.h"
#include "ns3/log.h"
#include "ns3/names.h"
#include "ns3/node.h"
#include "ns3/output-stream-wrapper.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <iomanip>
#include <optional>
#include <sstream>
#include <utility>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpvpnRoutingProtocol");
NS_OBJECT_ENSURE_REGISTERED(IpvpnRoutingProtocol);

TypeId
IpvpnRoutingProtocol::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::IpvpnRoutingProtocol")
            .SetParent<Ipv4RoutingProtocol>()
            .SetGroupName("Ipvpn")
            .AddConstructor<IpvpnRoutingProtocol>()
            .AddAttribute("ConnectedPreference",
                          "Administrative preference of connected routes (lowest wins "
                          "for one prefix).",
                          UintegerValue(IpvpnRouteTable::DEFAULT_CONNECTED_PREFERENCE),
                          MakeUintegerAccessor(&IpvpnRoutingProtocol::SetConnectedPreference,
                                               &IpvpnRoutingProtocol::GetConnectedPreference),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("StaticPreference",
                          "Administrative preference of static routes (lowest wins "
                          "for one prefix).",
                          UintegerValue(IpvpnRouteTable::DEFAULT_STATIC_PREFERENCE),
                          MakeUintegerAccessor(&IpvpnRoutingProtocol::SetStaticPreference,
                                               &IpvpnRoutingProtocol::GetStaticPreference),
                          MakeUintegerChecker<uint16_t>())
            .AddAttribute("OspfPreference",
                          "Administrative preference of OSPF routes (lowest wins "
                          "for one prefix).",
                          UintegerValue(IpvpnRouteTable::DEFAULT_OSPF_PREFERENCE),
                          MakeUintegerAccessor(&IpvpnRoutingProtocol::SetOspfPreference,
                                               &IpvpnRoutingProtocol::GetOspfPreference),
                          MakeUintegerChecker<uint16_t>())
            .AddTraceSource("RouteChange",
                            "The selected route of a prefix changed (added, removed, "
                            "other source, next hops or metric).",
                            MakeTraceSourceAccessor(&IpvpnRoutingProtocol::m_routeChangeTrace),
                            "ns3::IpvpnRoutingProtocol::RouteChangeTracedCallback")
            .AddTraceSource("InterfaceChange",
                            "An interface went up or down (after the table followed it).",
                            MakeTraceSourceAccessor(&IpvpnRoutingProtocol::m_interfaceChangeTrace),
                            "ns3::IpvpnRoutingProtocol::InterfaceChangeTracedCallback");
    return tid;
}

IpvpnRoutingProtocol::IpvpnRoutingProtocol()
    : m_ownAddresses(std::make_shared<IpvpnAddressIndex>())
    , m_addresses(m_ownAddresses)
{
    NS_LOG_FUNCTION(this);
    m_table.SetChangeCallback([this](const IpvpnRouteChange& change) {
        NS_LOG_INFO("route change " << change);
        m_routeChangeTrace(change);
    });
}

IpvpnRoutingProtocol::~IpvpnRoutingProtocol() = default;

void
IpvpnRoutingProtocol::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_table.SetChangeCallback(nullptr);
    m_table.Clear();
    m_static.clear();
    m_scope = InterfaceScope();
    m_ipv4 = nullptr;
    Ipv4RoutingProtocol::DoDispose();
}

// ------------------------------------------------------------ preferences

void
IpvpnRoutingProtocol::SetPreference(IpvpnRouteSource source, uint16_t preference)
{
    m_table.SetPreference(source, preference);
}

uint16_t
IpvpnRoutingProtocol::GetPreference(IpvpnRouteSource source) const
{
    return m_table.GetPreference(source);
}

void
IpvpnRoutingProtocol::SetConnectedPreference(uint16_t preference)
{
    SetPreference(IpvpnRouteSource::CONNECTED, preference);
}

uint16_t
IpvpnRoutingProtocol::GetConnectedPreference() const
{
    return GetPreference(IpvpnRouteSource::CONNECTED);
}

void
IpvpnRoutingProtocol::SetStaticPreference(uint16_t preference)
{
    SetPreference(IpvpnRouteSource::STATIC, preference);
}

uint16_t
IpvpnRoutingProtocol::GetStaticPreference() const
{
    return GetPreference(IpvpnRouteSource::STATIC);
}

void
IpvpnRoutingProtocol::SetOspfPreference(uint16_t preference)
{
    SetPreference(IpvpnRouteSource::OSPF, preference);
}

uint16_t
IpvpnRoutingProtocol::GetOspfPreference() const
{
    return GetPreference(IpvpnRouteSource::OSPF);
}

// ------------------------------------------------------------ interfaces

void
IpvpnRoutingProtocol::SetInterfaceScope(InterfaceScope scope)
{
    NS_LOG_FUNCTION(this);
    m_scope = scope;
}

bool
IpvpnRoutingProtocol::IsScoped() const
{
    return !m_scope.IsNull();
}

bool
IpvpnRoutingProtocol::IsInScope(uint32_t interface) const
{
    return m_scope.IsNull() || m_scope(interface);
}

int32_t
IpvpnRoutingProtocol::GetInterfaceForAddress(Ipv4Address address) const
{
    if (!m_ipv4)
    {
        return -1;
    }
    return IsScoped() ? m_addresses->Find(address, m_scope) : m_addresses->Find(address);
}

void
IpvpnRoutingProtocol::UseAddressIndex(std::shared_ptr<const IpvpnAddressIndex> index)
{
    NS_LOG_FUNCTION(this);
    NS_ASSERT(index);
    m_ownAddresses = nullptr;
    m_addresses = std::move(index);
}

Ptr<IpvpnRoutingProtocol>
IpvpnRoutingProtocol::GetNodeRouting(Ptr<Ipv4> ipv4)
{
    if (!ipv4)
    {
        return nullptr;
    }
    auto own = [](Ptr<Ipv4RoutingProtocol> protocol) -> Ptr<IpvpnRoutingProtocol> {
        if (Ptr<IpvpnRoutingProtocol> routing = DynamicCast<IpvpnRoutingProtocol>(protocol))
        {
            return routing;
        }
        if (const auto* owner = dynamic_cast<const IpvpnRoutingOwner*>(PeekPointer(protocol)))
        {
            return owner->GetCore();
        }
        return nullptr;
    };
    Ptr<Ipv4RoutingProtocol> protocol = ipv4->GetRoutingProtocol();
    if (Ptr<IpvpnRoutingProtocol> routing = own(protocol))
    {
        return routing;
    }
    if (Ptr<Ipv4ListRouting> list = DynamicCast<Ipv4ListRouting>(protocol))
    {
        for (uint32_t i = 0; i < list->GetNRoutingProtocols(); ++i)
        {
            int16_t priority = 0;
            if (Ptr<IpvpnRoutingProtocol> routing = own(list->GetRoutingProtocol(i, priority)))
            {
                return routing;
            }
        }
    }
    return nullptr;
}

bool
IpvpnRoutingProtocol::IsInterfaceUp(uint32_t interface) const
{
    return m_ipv4 && interface < m_ipv4->GetNInterfaces() && m_ipv4->IsUp(interface) &&
           IsInScope(interface);
}

void
IpvpnRoutingProtocol::UpdateConnected(uint32_t interface,
                                      const Ipv4InterfaceAddress& address,
                                      bool present)
{
    const Ipv4Address local = address.GetLocal();
    const Ipv4Mask mask = address.GetMask();
    // No network to reach on the link of an unset address or a /32.
    if (local == Ipv4Address::GetZero() || mask == Ipv4Mask::GetZero() ||
        mask == Ipv4Mask::GetOnes())
    {
        return;
    }
    const Ipv4Address network = local.CombineMask(mask);
    const auto length = static_cast<uint8_t>(mask.GetPrefixLength());
    // Another address of the interface may keep the network connected.
    present = present && IsInterfaceUp(interface);
    for (uint32_t i = 0;
         !present && IsInterfaceUp(interface) && i < m_ipv4->GetNAddresses(interface);
         ++i)
    {
        const Ipv4InterfaceAddress other = m_ipv4->GetAddress(interface, i);
        present = other.GetMask() == mask && other.GetLocal().CombineMask(mask) == network;
    }
    IpvpnRoute route;
    route.network = network;
    route.prefixLength = length;
    route.source = IpvpnRouteSource::CONNECTED;
    if (const IpvpnRoute* existing = m_table.Find(network, length, IpvpnRouteSource::CONNECTED))
    {
        route = *existing;
    }
    const IpvpnNextHop direct(interface, Ipv4Address::GetZero());
    auto& hops = route.nextHops;
    hops.erase(std::remove(hops.begin(), hops.end(), direct), hops.end());
    if (present)
    {
        hops.push_back(direct);
    }
    if (hops.empty())
    {
        m_table.Remove(network, length, IpvpnRouteSource::CONNECTED);
    }
    else
    {
        m_table.Add(route);
    }
}

void
IpvpnRoutingProtocol::NotifyInterfaceUp(uint32_t interface)
{
    NS_LOG_FUNCTION(this << interface);
    if (!m_ipv4 || !IsInScope(interface))
    {
        return;
    }
    for (uint32_t i = 0; i < m_ipv4->GetNAddresses(interface); ++i)
    {
        UpdateConnected(interface, m_ipv4->GetAddress(interface, i), true);
    }
    for (const auto& [prefix, configured] : m_static)
    {
        for (const IpvpnNextHop& nextHop : configured.nextHops)
        {
            if (nextHop.interface == interface)
            {
                InstallStatic(prefix);
                break;
            }
        }
    }
    m_interfaceChangeTrace(interface, true);
}

void
IpvpnRoutingProtocol::NotifyInterfaceDown(uint32_t interface)
{
    NS_LOG_FUNCTION(this << interface);
    if (!IsInScope(interface))
    {
        return;
    }
    // Connected, static and protocol next hops through it all go; static
    // routes stay configured (m_static) for when it comes back.
    m_table.RemoveInterface(interface);
    m_interfaceChangeTrace(interface, false);
}

void
IpvpnRoutingProtocol::NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    NS_LOG_FUNCTION(this << interface << address);
    if (m_ownAddresses)
    {
        m_ownAddresses->Add(interface, address.GetLocal());
    }
    if (IsInterfaceUp(interface))
    {
        UpdateConnected(interface, address, true);
    }
}

void
IpvpnRoutingProtocol::NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    NS_LOG_FUNCTION(this << interface << address);
    if (m_ownAddresses)
    {
        m_ownAddresses->Remove(interface, address.GetLocal());
    }
    if (!IsInScope(interface))
    {
        return;
    }
    UpdateConnected(interface, address, false);
}

void
IpvpnRoutingProtocol::SetIpv4(Ptr<Ipv4> ipv4)
{
    NS_LOG_FUNCTION(this << ipv4);
    NS_ASSERT(!m_ipv4 && ipv4);
    m_ipv4 = ipv4;
    if (m_ownAddresses)
    {
        m_ownAddresses->Rebuild(ipv4);
    }
    for (uint32_t i = 0; i < m_ipv4->GetNInterfaces(); ++i)
    {
        if (m_ipv4->IsUp(i))
        {
            NotifyInterfaceUp(i);
        }
    }
}

// ------------------------------------------------------------ configuration

void
IpvpnRoutingProtocol::InstallStatic(const PrefixKey& prefix)
{
    const Ipv4Address network(prefix.first);
    auto it = m_static.find(prefix);
    IpvpnRoute route;
    route.network = network;
    route.prefixLength = prefix.second;
    route.source = IpvpnRouteSource::STATIC;
    if (it != m_static.end())
    {
        route.metric = it->second.metric;
        for (const IpvpnNextHop& nextHop : it->second.nextHops)
        {
            if (IsInterfaceUp(nextHop.interface))
            {
                route.nextHops.push_back(nextHop);
            }
        }
    }
    if (route.nextHops.empty())
    {
        m_table.Remove(network, prefix.second, IpvpnRouteSource::STATIC);
    }
    else
    {
        m_table.Add(route);
    }
}

void
IpvpnRoutingProtocol::AddStaticRoute(
    Ipv4Address network, Ipv4Mask mask, Ipv4Address gateway, uint32_t interface, uint32_t metric)
{
    NS_LOG_FUNCTION(this << network << mask << gateway << interface << metric);
    const PrefixKey prefix{network.CombineMask(mask).Get(),
                           static_cast<uint8_t>(mask.GetPrefixLength())};
    StaticRoute& configured = m_static[prefix];
    configured.metric = metric;
    const IpvpnNextHop nextHop(interface, gateway);
    if (std::find(configured.nextHops.begin(), configured.nextHops.end(), nextHop) ==
        configured.nextHops.end())
    {
        configured.nextHops.push_back(nextHop);
    }
    InstallStatic(prefix);
}

void
IpvpnRoutingProtocol::AddStaticRoute(Ipv4Address network,
                                     Ipv4Mask mask,
                                     uint32_t interface,
                                     uint32_t metric)
{
    AddStaticRoute(network, mask, Ipv4Address::GetZero(), interface, metric);
}

bool
IpvpnRoutingProtocol::RemoveStaticRoute(Ipv4Address network, Ipv4Mask mask)
{
    NS_LOG_FUNCTION(this << network << mask);
    const PrefixKey prefix{network.CombineMask(mask).Get(),
                           static_cast<uint8_t>(mask.GetPrefixLength())};
    if (m_static.erase(prefix) == 0)
    {
        return false;
    }
    InstallStatic(prefix);
    return true;
}

bool
IpvpnRoutingProtocol::RemoveStaticRoute(Ipv4Address network,
                                        Ipv4Mask mask,
                                        Ipv4Address gateway,
                                        uint32_t interface)
{
    NS_LOG_FUNCTION(this << network << mask << gateway << interface);
    const PrefixKey prefix{network.CombineMask(mask).Get(),
                           static_cast<uint8_t>(mask.GetPrefixLength())};
    auto it = m_static.find(prefix);
    if (it == m_static.end())
    {
        return false;
    }
    auto& hops = it->second.nextHops;
    auto hop = std::find(hops.begin(), hops.end(), IpvpnNextHop(interface, gateway));
    if (hop == hops.end())
    {
        return false;
    }
    hops.erase(hop);
    if (hops.empty())
    {
        m_static.erase(it);
    }
    InstallStatic(prefix);
    return true;
}

std::size_t
IpvpnRoutingProtocol::SetProtocolRoutes(IpvpnRouteSource source,
                                        const std::vector<IpvpnRoute>& routes)
{
    NS_LOG_FUNCTION(this << source << routes.size());
    if (source == IpvpnRouteSource::CONNECTED || source == IpvpnRouteSource::STATIC)
    {
        NS_LOG_WARN("connected and static routes are not a protocol's to set");
        return 0;
    }
    std::vector<IpvpnRoute> usable;
    usable.reserve(routes.size());
    for (IpvpnRoute route : routes)
    {
        auto& hops = route.nextHops;
        hops.erase(std::remove_if(hops.begin(),
                                  hops.end(),
                                  [this](const IpvpnNextHop& nextHop) {
                                      return !IsInterfaceUp(nextHop.interface);
                                  }),
                   hops.end());
        if (!hops.empty())
        {
            usable.push_back(std::move(route));
        }
    }
    return m_table.ReplaceSource(source, std::move(usable));
}

bool
IpvpnRoutingProtocol::AddProtocolRoute(const IpvpnRoute& route)
{
    NS_LOG_FUNCTION(this << route);
    if (route.source == IpvpnRouteSource::CONNECTED || route.source == IpvpnRouteSource::STATIC)
    {
        NS_LOG_WARN("connected and static routes are not a protocol's to add");
        return false;
    }
    IpvpnRoute usable = route;
    auto& hops = usable.nextHops;
    hops.erase(std::remove_if(hops.begin(),
                              hops.end(),
                              [this](const IpvpnNextHop& nextHop) {
                                  return !IsInterfaceUp(nextHop.interface);
                              }),
               hops.end());
    if (hops.empty())
    {
        // Nothing usable: the route is as good as withdrawn.
        return m_table.Remove(route.network, route.prefixLength, route.source);
    }
    return m_table.Add(usable);
}

bool
IpvpnRoutingProtocol::RemoveProtocolRoute(Ipv4Address network,
                                          uint8_t prefixLength,
                                          IpvpnRouteSource source)
{
    NS_LOG_FUNCTION(this << network << static_cast<unsigned>(prefixLength) << source);
    if (source == IpvpnRouteSource::CONNECTED || source == IpvpnRouteSource::STATIC)
    {
        return false;
    }
    return m_table.Remove(network, prefixLength, source);
}

const IpvpnRouteTable&
IpvpnRoutingProtocol::GetTable() const
{
    return m_table;
}

const IpvpnRoute*
IpvpnRoutingProtocol::Lookup(Ipv4Address destination) const
{
    return m_table.Lookup(destination);
}

// ------------------------------------------------------------ printing

void
IpvpnRoutingProtocol::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit unit) const
{
    std::ostream& os = *stream->GetStream();
    std::ios oldState(nullptr);
    oldState.copyfmt(os);
    os << std::resetiosflags(std::ios::adjustfield) << std::setiosflags(std::ios::left);

    Ptr<Node> node = m_ipv4 ? m_ipv4->GetObject<Node>() : nullptr;
    os << "Node: " << (node ? node->GetId() : 0) << ", Time: " << Now().As(unit)
       << ", Local time: " << (node ? node->GetLocalTime() : Now()).As(unit)
       << ", IpvpnRoutingProtocol table" << std::endl;
    const std::vector<IpvpnRoute> routes = m_table.GetRoutes();
    if (!routes.empty())
    {
        os << "Destination     Gateway         Genmask         Flags Metric Source    Pref  Iface"
           << std::endl;
    }
    for (const IpvpnRoute& route : routes)
    {
        const IpvpnRoute* selected = m_table.FindSelected(route.network, route.prefixLength);
        const bool inUse = selected != nullptr && selected->source == route.source;
        for (const IpvpnNextHop& nextHop : route.nextHops)
        {
            std::ostringstream destination;
            std::ostringstream gateway;
            std::ostringstream mask;
            std::ostringstream flags;
            std::ostringstream source;
            destination << route.network;
            gateway << nextHop.gateway;
            mask << route.GetMask();
            // U: in use (the prefix's selected route), G: via a gateway,
            // H: host route.
            flags << (inUse ? "U" : "") << (nextHop.IsDirect() ? "" : "G")
                  << (route.prefixLength == 32 ? "H" : "");
            source << route.source;
            os << std::setw(16) << destination.str() << std::setw(16) << gateway.str()
               << std::setw(16) << mask.str() << std::setw(6) << flags.str() << std::setw(7)
               << route.metric << std::setw(10) << source.str() << std::setw(6)
               << m_table.GetPreference(route.source);
            Ptr<NetDevice> device = m_ipv4 && nextHop.interface < m_ipv4->GetNInterfaces()
                                        ? m_ipv4->GetNetDevice(nextHop.interface)
                                        : nullptr;
            const std::string name = device ? Names::FindName(device) : "";
            if (!name.empty())
            {
                os << name;
            }
            else
            {
                os << nextHop.interface;
            }
            os << std::endl;
        }
    }
    os << std::endl;
    os.copyfmt(oldState);
}

} // namespace ns3
