// SPDX-License-Identifier: GPL-2.0-only
#include "ipvpn-route-table.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace ns3
{

namespace
{

uint32_t
MaskBits(uint8_t prefixLength)
{
    return prefixLength == 0 ? 0 : 0xffffffffU << (32 - prefixLength);
}

std::size_t
SlotOf(IpvpnRouteSource source)
{
    return static_cast<std::size_t>(source);
}

/// Masks the network and sorts the next hops; false if the route cannot be
/// stored.
bool
Normalize(IpvpnRoute& route)
{
    if (route.prefixLength > 32 || route.nextHops.empty() ||
        SlotOf(route.source) >= IPVPN_ROUTE_SOURCE_COUNT)
    {
        return false;
    }
    route.network = Ipv4Address(route.network.Get() & MaskBits(route.prefixLength));
    std::sort(route.nextHops.begin(), route.nextHops.end());
    route.nextHops.erase(std::unique(route.nextHops.begin(), route.nextHops.end()),
                         route.nextHops.end());
    return true;
}

} // namespace

std::ostream&
operator<<(std::ostream& os, IpvpnRouteSource source)
{
    switch (source)
    {
    case IpvpnRouteSource::CONNECTED:
        return os << "connected";
    case IpvpnRouteSource::STATIC:
        return os << "static";
    case IpvpnRouteSource::OSPF:
        return os << "ospf";
    }
    return os << "source-" << static_cast<unsigned>(source);
}

IpvpnNextHop::IpvpnNextHop(uint32_t outInterface, Ipv4Address nextHopGateway)
{
    // Assigned here: clang-format takes `interface` in an initializer list
    // for an Objective-C keyword.
    interface = outInterface;
    gateway = nextHopGateway;
}

bool
IpvpnNextHop::IsDirect() const
{
    return gateway == Ipv4Address::GetZero();
}

bool
IpvpnNextHop::operator==(const IpvpnNextHop& other) const
{
    return interface == other.interface && gateway == other.gateway;
}

bool
IpvpnNextHop::operator!=(const IpvpnNextHop& other) const
{
    return !(*this == other);
}

bool
IpvpnNextHop::operator<(const IpvpnNextHop& other) const
{
    if (interface != other.interface)
    {
        return interface < other.interface;
    }
    return gateway.Get() < other.gateway.Get();
}

std::ostream&
operator<<(std::ostream& os, const IpvpnNextHop& nextHop)
{
    os << "if " << nextHop.interface;
    if (nextHop.IsDirect())
    {
        return os << " direct";
    }
    return os << " via " << nextHop.gateway;
}

Ipv4Mask
IpvpnRoute::GetMask() const
{
    return IpvpnPrefixMask(prefixLength);
}

bool
IpvpnRoute::Contains(Ipv4Address address) const
{
    const uint32_t mask = MaskBits(prefixLength);
    return (address.Get() & mask) == (network.Get() & mask);
}

bool
IpvpnRoute::operator==(const IpvpnRoute& other) const
{
    return network == other.network && prefixLength == other.prefixLength &&
           source == other.source && metric == other.metric && nextHops == other.nextHops;
}

bool
IpvpnRoute::operator!=(const IpvpnRoute& other) const
{
    return !(*this == other);
}

std::ostream&
operator<<(std::ostream& os, const IpvpnRoute& route)
{
    os << route.network << '/' << static_cast<unsigned>(route.prefixLength) << ' ' << route.source
       << " metric " << route.metric << " [";
    for (std::size_t i = 0; i < route.nextHops.size(); ++i)
    {
        os << (i ? ", " : "") << route.nextHops[i];
    }
    return os << ']';
}

std::ostream&
operator<<(std::ostream& os, const IpvpnRouteChange& change)
{
    os << change.network << '/' << static_cast<unsigned>(change.prefixLength) << ": ";
    if (change.before)
    {
        os << *change.before;
    }
    else
    {
        os << "none";
    }
    os << " -> ";
    if (change.after)
    {
        os << *change.after;
    }
    else
    {
        os << "none";
    }
    return os;
}

Ipv4Mask
IpvpnPrefixMask(uint8_t prefixLength)
{
    return Ipv4Mask(MaskBits(std::min<uint8_t>(prefixLength, 32)));
}

IpvpnRouteTable::IpvpnRouteTable()
    : m_preference{DEFAULT_CONNECTED_PREFERENCE, DEFAULT_STATIC_PREFERENCE, DEFAULT_OSPF_PREFERENCE}
{
    OrderSources();
}

void
IpvpnRouteTable::OrderSources()
{
    for (std::size_t i = 0; i < IPVPN_ROUTE_SOURCE_COUNT; ++i)
    {
        m_order[i] = static_cast<uint8_t>(i);
    }
    // Stable: equal preferences keep the source order.
    std::stable_sort(m_order.begin(), m_order.end(), [this](uint8_t a, uint8_t b) {
        return m_preference[a] < m_preference[b];
    });
}

void
IpvpnRouteTable::SetPreference(IpvpnRouteSource source, uint16_t preference)
{
    const std::size_t slot = SlotOf(source);
    if (slot >= IPVPN_ROUTE_SOURCE_COUNT || m_preference[slot] == preference)
    {
        return;
    }
    m_preference[slot] = preference;
    OrderSources();
    // Reselect every prefix holding a route of this source and another one.
    for (uint8_t length = 0; length <= 32; ++length)
    {
        for (auto& [network, entry] : m_byLength[length])
        {
            const int8_t selected = Select(entry);
            if (selected != entry.selected)
            {
                IpvpnRouteChange change;
                change.network = Ipv4Address(network);
                change.prefixLength = length;
                change.before = Selected(&entry);
                entry.selected = selected;
                change.after = Selected(&entry);
                if (m_onChange)
                {
                    m_onChange(change);
                }
            }
        }
    }
}

uint16_t
IpvpnRouteTable::GetPreference(IpvpnRouteSource source) const
{
    const std::size_t slot = SlotOf(source);
    return slot < IPVPN_ROUTE_SOURCE_COUNT ? m_preference[slot] : UINT16_MAX;
}

IpvpnRouteTable::Entry*
IpvpnRouteTable::FindEntry(uint32_t network, uint8_t prefixLength)
{
    auto& map = m_byLength[prefixLength];
    auto it = map.find(network);
    return it == map.end() ? nullptr : &it->second;
}

const IpvpnRouteTable::Entry*
IpvpnRouteTable::FindEntry(uint32_t network, uint8_t prefixLength) const
{
    const auto& map = m_byLength[prefixLength];
    auto it = map.find(network);
    return it == map.end() ? nullptr : &it->second;
}

std::optional<IpvpnRoute>
IpvpnRouteTable::Selected(const Entry* entry)
{
    if (entry == nullptr || entry->selected < 0)
    {
        return std::nullopt;
    }
    return entry->routes[entry->selected];
}

int8_t
IpvpnRouteTable::Select(const Entry& entry) const
{
    for (uint8_t slot : m_order)
    {
        if (entry.routes[slot])
        {
            return static_cast<int8_t>(slot);
        }
    }
    return -1;
}

void
IpvpnRouteTable::Commit(uint32_t network, uint8_t prefixLength, std::optional<IpvpnRoute> before)
{
    Entry* entry = FindEntry(network, prefixLength);
    std::optional<IpvpnRoute> after;
    if (entry != nullptr)
    {
        entry->selected = Select(*entry);
        after = Selected(entry);
        if (entry->selected < 0)
        {
            m_byLength[prefixLength].erase(network);
            if (m_byLength[prefixLength].empty())
            {
                m_lengthsInUse &= ~(uint64_t{1} << prefixLength);
            }
        }
    }
    if (before != after && m_onChange)
    {
        IpvpnRouteChange change;
        change.network = Ipv4Address(network);
        change.prefixLength = prefixLength;
        change.before = std::move(before);
        change.after = std::move(after);
        m_onChange(change);
    }
}

bool
IpvpnRouteTable::Add(IpvpnRoute route)
{
    if (!Normalize(route))
    {
        return false;
    }
    const uint32_t network = route.network.Get();
    const uint8_t length = route.prefixLength;
    const std::size_t slot = SlotOf(route.source);
    Entry* entry = FindEntry(network, length);
    if (entry != nullptr && entry->routes[slot] == route)
    {
        return false;
    }
    std::optional<IpvpnRoute> before = Selected(entry);
    if (entry == nullptr)
    {
        entry = &m_byLength[length][network];
        m_lengthsInUse |= uint64_t{1} << length;
    }
    if (!entry->routes[slot])
    {
        ++m_nRoutes;
    }
    entry->routes[slot] = std::move(route);
    Commit(network, length, std::move(before));
    return true;
}

bool
IpvpnRouteTable::Remove(Ipv4Address network, uint8_t prefixLength, IpvpnRouteSource source)
{
    const std::size_t slot = SlotOf(source);
    if (prefixLength > 32 || slot >= IPVPN_ROUTE_SOURCE_COUNT)
    {
        return false;
    }
    const uint32_t key = network.Get() & MaskBits(prefixLength);
    Entry* entry = FindEntry(key, prefixLength);
    if (entry == nullptr || !entry->routes[slot])
    {
        return false;
    }
    std::optional<IpvpnRoute> before = Selected(entry);
    entry->routes[slot].reset();
    --m_nRoutes;
    Commit(key, prefixLength, std::move(before));
    return true;
}

std::size_t
IpvpnRouteTable::RemoveSource(IpvpnRouteSource source)
{
    return ReplaceSource(source, {});
}

std::size_t
IpvpnRouteTable::ReplaceSource(IpvpnRouteSource source, std::vector<IpvpnRoute> routes)
{
    const std::size_t slot = SlotOf(source);
    if (slot >= IPVPN_ROUTE_SOURCE_COUNT)
    {
        return 0;
    }
    // The wanted set, normalized, one route per prefix (the last one given).
    std::array<std::unordered_map<uint32_t, IpvpnRoute>, 33> wanted;
    for (IpvpnRoute& route : routes)
    {
        route.source = source;
        if (Normalize(route))
        {
            const uint8_t length = route.prefixLength;
            const uint32_t network = route.network.Get();
            wanted[length][network] = std::move(route);
        }
    }
    std::size_t changes = 0;
    // Routes of the source that are not wanted any more.
    for (uint8_t length = 0; length <= 32; ++length)
    {
        std::vector<uint32_t> stale;
        for (const auto& [network, entry] : m_byLength[length])
        {
            if (entry.routes[slot] && wanted[length].count(network) == 0)
            {
                stale.push_back(network);
            }
        }
        for (uint32_t network : stale)
        {
            changes += Remove(Ipv4Address(network), length, source) ? 1 : 0;
        }
    }
    for (auto& byLength : wanted)
    {
        for (auto& [network, route] : byLength)
        {
            changes += Add(std::move(route)) ? 1 : 0;
        }
    }
    return changes;
}

std::size_t
IpvpnRouteTable::RemoveInterface(uint32_t interface, std::optional<IpvpnRouteSource> source)
{
    std::size_t changes = 0;
    for (uint8_t length = 0; length <= 32; ++length)
    {
        // Collect first: a change may erase entries of this map.
        std::vector<IpvpnRoute> touched;
        for (const auto& [network, entry] : m_byLength[length])
        {
            for (const auto& route : entry.routes)
            {
                if (!route || (source && route->source != *source))
                {
                    continue;
                }
                for (const auto& nextHop : route->nextHops)
                {
                    if (nextHop.interface == interface)
                    {
                        touched.push_back(*route);
                        break;
                    }
                }
            }
        }
        for (IpvpnRoute& route : touched)
        {
            auto& hops = route.nextHops;
            hops.erase(std::remove_if(hops.begin(),
                                      hops.end(),
                                      [interface](const IpvpnNextHop& nextHop) {
                                          return nextHop.interface == interface;
                                      }),
                       hops.end());
            if (hops.empty())
            {
                Remove(route.network, route.prefixLength, route.source);
            }
            else
            {
                Add(route);
            }
            ++changes;
        }
    }
    return changes;
}

void
IpvpnRouteTable::Clear()
{
    for (IpvpnRoute& route : GetRoutes())
    {
        Remove(route.network, route.prefixLength, route.source);
    }
}

const IpvpnRoute*
IpvpnRouteTable::Lookup(Ipv4Address destination) const
{
    const uint32_t address = destination.Get();
    for (int length = 32; length >= 0; --length)
    {
        if ((m_lengthsInUse & (uint64_t{1} << length)) == 0)
        {
            continue;
        }
        const Entry* entry = FindEntry(address & MaskBits(length), static_cast<uint8_t>(length));
        if (entry != nullptr && entry->selected >= 0)
        {
            return &*entry->routes[entry->selected];
        }
    }
    return nullptr;
}

const IpvpnRoute*
IpvpnRouteTable::Lookup(Ipv4Address destination, uint32_t interface) const
{
    const uint32_t address = destination.Get();
    for (int length = 32; length >= 0; --length)
    {
        if ((m_lengthsInUse & (uint64_t{1} << length)) == 0)
        {
            continue;
        }
        const Entry* entry = FindEntry(address & MaskBits(length), static_cast<uint8_t>(length));
        if (entry == nullptr)
        {
            continue;
        }
        for (uint8_t slot : m_order)
        {
            const auto& route = entry->routes[slot];
            if (route && SelectNextHop(*route, std::nullopt, interface) != nullptr)
            {
                return &*route;
            }
        }
    }
    return nullptr;
}

const IpvpnRoute*
IpvpnRouteTable::Find(Ipv4Address network, uint8_t prefixLength, IpvpnRouteSource source) const
{
    const std::size_t slot = SlotOf(source);
    if (prefixLength > 32 || slot >= IPVPN_ROUTE_SOURCE_COUNT)
    {
        return nullptr;
    }
    const Entry* entry = FindEntry(network.Get() & MaskBits(prefixLength), prefixLength);
    return entry != nullptr && entry->routes[slot] ? &*entry->routes[slot] : nullptr;
}

const IpvpnRoute*
IpvpnRouteTable::FindSelected(Ipv4Address network, uint8_t prefixLength) const
{
    if (prefixLength > 32)
    {
        return nullptr;
    }
    const Entry* entry = FindEntry(network.Get() & MaskBits(prefixLength), prefixLength);
    return entry != nullptr && entry->selected >= 0 ? &*entry->routes[entry->selected] : nullptr;
}

const IpvpnNextHop*
IpvpnRouteTable::SelectNextHop(const IpvpnRoute& route,
                               std::optional<uint32_t> flowHash,
                               std::optional<uint32_t> interface)
{
    std::size_t count = 0;
    for (const auto& nextHop : route.nextHops)
    {
        count += !interface || nextHop.interface == *interface ? 1 : 0;
    }
    if (count == 0)
    {
        return nullptr;
    }
    std::size_t wanted = flowHash ? *flowHash % count : 0;
    for (const auto& nextHop : route.nextHops)
    {
        if (interface && nextHop.interface != *interface)
        {
            continue;
        }
        if (wanted == 0)
        {
            return &nextHop;
        }
        --wanted;
    }
    return nullptr; // not reached
}

std::vector<std::pair<uint32_t, uint8_t>>
IpvpnRouteTable::SortedPrefixes() const
{
    std::vector<std::pair<uint32_t, uint8_t>> prefixes;
    for (uint8_t length = 0; length <= 32; ++length)
    {
        for (const auto& [network, entry] : m_byLength[length])
        {
            prefixes.emplace_back(network, length);
        }
    }
    std::sort(prefixes.begin(), prefixes.end());
    return prefixes;
}

std::vector<IpvpnRoute>
IpvpnRouteTable::GetRoutes() const
{
    std::vector<IpvpnRoute> routes;
    routes.reserve(m_nRoutes);
    for (const auto& [network, length] : SortedPrefixes())
    {
        const Entry* entry = FindEntry(network, length);
        for (uint8_t slot : m_order)
        {
            if (entry->routes[slot])
            {
                routes.push_back(*entry->routes[slot]);
            }
        }
    }
    return routes;
}

std::vector<IpvpnRoute>
IpvpnRouteTable::GetSelectedRoutes() const
{
    std::vector<IpvpnRoute> routes;
    for (const auto& [network, length] : SortedPrefixes())
    {
        routes.push_back(*Selected(FindEntry(network, length)));
    }
    return routes;
}

std::size_t
IpvpnRouteTable::GetNRoutes() const
{
    return m_nRoutes;
}

std::size_t
IpvpnRouteTable::GetNPrefixes() const
{
    std::size_t n = 0;
    for (const auto& map : m_byLength)
    {
        n += map.size();
    }
    return n;
}

void
IpvpnRouteTable::SetChangeCallback(ChangeCallback callback)
{
    m_onChange = std::move(callback);
}

void
IpvpnRouteTable::Print(std::ostream& os) const
{
    for (const auto& [network, length] : SortedPrefixes())
    {
        const Entry* entry = FindEntry(network, length);
        for (uint8_t slot : m_order)
        {
            if (entry->routes[slot])
            {
                os << (slot == entry->selected ? "* " : "  ") << *entry->routes[slot] << " pref "
                   << m_preference[slot] << '\n';
            }
        }
    }
}

} // namespace ns3
