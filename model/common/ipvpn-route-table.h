/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * An IPv4 routing table as a plain class (no simulator, no I/O, no clock):
 * the routes of one routing instance, from several sources (connected,
 * static, OSPF), with longest-prefix match.
 *
 *  - A route is keyed by (prefix, prefix length, source). One prefix may
 *    hold one route per source; the source with the lowest administrative
 *    preference wins (connected 0, static 1, OSPF 110 by default, the
 *    values routers commonly use). Metrics compare routes of one source
 *    only, so they never decide between sources.
 *  - Longest-prefix match probes one hash map per prefix length, from /32
 *    down, skipping lengths that hold no prefix: at most 33 probes whatever
 *    the table's size (RFC 1812 section 5.2.4.3: the longest match wins).
 *  - A route has one or more next hops (equal-cost multipath). They are
 *    kept sorted, so a route's next hops do not depend on the order a feeder
 *    gave them in; SelectNextHop picks one by a flow hash the caller gives,
 *    or the first one without a hash.
 *  - The change callback reports every change of a prefix's selected route
 *    (the route a lookup returns): added, removed, another source winning,
 *    other next hops or another metric. A change to a route that does not
 *    win its prefix is not reported: followers (LDP) see the forwarding
 *    view only.
 */
#ifndef IPVPN_ROUTE_TABLE_H
#define IPVPN_ROUTE_TABLE_H

#include "ns3/ipv4-address.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <unordered_map>
#include <vector>

namespace ns3
{

/// Where a route comes from. The value indexes per-source arrays.
enum class IpvpnRouteSource : uint8_t
{
    CONNECTED = 0, ///< the network of an address on an interface that is up
    STATIC = 1,    ///< configured
    OSPF = 2,      ///< computed by an OSPF instance (RFC 2328 section 16)
};

/// Number of route sources.
constexpr std::size_t IPVPN_ROUTE_SOURCE_COUNT = 3;

/// "connected", "static", "ospf".
std::ostream& operator<<(std::ostream& os, IpvpnRouteSource source);

/// One way to forward: an output interface and, unless the destination is
/// on that interface's link, the gateway to send to.
struct IpvpnNextHop
{
    uint32_t interface = 0;                      ///< Ipv4 interface index
    Ipv4Address gateway{Ipv4Address::GetZero()}; ///< 0.0.0.0: directly connected

    IpvpnNextHop() = default;
    IpvpnNextHop(uint32_t outInterface, Ipv4Address nextHopGateway);

    /// true when the destination itself is the link-layer next hop.
    bool IsDirect() const;
    bool operator==(const IpvpnNextHop& other) const;
    bool operator!=(const IpvpnNextHop& other) const;
    /// By interface, then gateway: the order a route keeps its next hops in.
    bool operator<(const IpvpnNextHop& other) const;
};

/// "if 2 via 10.0.0.2", "if 1 direct".
std::ostream& operator<<(std::ostream& os, const IpvpnNextHop& nextHop);

/// A route of one source to one prefix.
struct IpvpnRoute
{
    Ipv4Address network{Ipv4Address::GetZero()}; ///< stored masked
    uint8_t prefixLength{0};                     ///< 0..32
    IpvpnRouteSource source{IpvpnRouteSource::STATIC};
    uint32_t metric{0};                 ///< compared within one source only
    std::vector<IpvpnNextHop> nextHops; ///< sorted, no duplicates, not empty in a table

    Ipv4Mask GetMask() const;
    /// true when `address` falls in the prefix.
    bool Contains(Ipv4Address address) const;
    bool operator==(const IpvpnRoute& other) const;
    bool operator!=(const IpvpnRoute& other) const;
};

/// "10.1.0.0/16 ospf metric 20 [if 1 via 10.0.0.2, if 2 via 10.0.1.2]".
std::ostream& operator<<(std::ostream& os, const IpvpnRoute& route);

/// A change of the route selected for a prefix.
struct IpvpnRouteChange
{
    Ipv4Address network{Ipv4Address::GetZero()}; ///< the prefix
    uint8_t prefixLength{0};
    std::optional<IpvpnRoute> before; ///< selected route before, none if no route
    std::optional<IpvpnRoute> after;  ///< selected route after, none if removed
};

std::ostream& operator<<(std::ostream& os, const IpvpnRouteChange& change);

/// The mask of a prefix length (0..32).
Ipv4Mask IpvpnPrefixMask(uint8_t prefixLength);

class IpvpnRouteTable
{
  public:
    /// Called on every change of a prefix's selected route, during the call
    /// that made it. It must not modify the table.
    using ChangeCallback = std::function<void(const IpvpnRouteChange&)>;

    static constexpr uint16_t DEFAULT_CONNECTED_PREFERENCE = 0;
    static constexpr uint16_t DEFAULT_STATIC_PREFERENCE = 1;
    static constexpr uint16_t DEFAULT_OSPF_PREFERENCE = 110;

    IpvpnRouteTable();

    /**
     * Administrative preference of a source: for one prefix, the route of the
     * source with the lowest value is selected (ties: the lower source
     * value). Changing it reselects every prefix and reports the changes.
     */
    void SetPreference(IpvpnRouteSource source, uint16_t preference);
    uint16_t GetPreference(IpvpnRouteSource source) const;

    /**
     * Adds the route, or replaces the one of the same prefix and source. The
     * network is masked and the next hops sorted and deduplicated first.
     * Returns false, table unchanged, for a prefix length above 32, a route
     * without next hops, or a route equal to the one already there.
     */
    bool Add(IpvpnRoute route);
    /// Removes the route of this prefix and source; false if there is none.
    bool Remove(Ipv4Address network, uint8_t prefixLength, IpvpnRouteSource source);
    /// Removes every route of a source; returns how many.
    std::size_t RemoveSource(IpvpnRouteSource source);
    /**
     * Makes the routes of `source` exactly `routes` (as Add() would store
     * them), touching only the prefixes that differ: a feeder (OSPF after an
     * SPF run) hands its whole set and followers see only real changes.
     * Invalid routes in the set are skipped. Returns the number of routes
     * added, replaced or removed.
     */
    std::size_t ReplaceSource(IpvpnRouteSource source, std::vector<IpvpnRoute> routes);
    /**
     * Takes the next hops through `interface` out of every route (of every
     * source, or of `source` only); a route left without next hops is
     * removed. Returns the number of routes changed or removed.
     */
    std::size_t RemoveInterface(uint32_t interface,
                                std::optional<IpvpnRouteSource> source = std::nullopt);
    void Clear();

    /// Longest-prefix match: the selected route of the longest prefix that
    /// contains `destination`, or nullptr.
    const IpvpnRoute* Lookup(Ipv4Address destination) const;
    /**
     * Longest-prefix match among routes with a next hop through `interface`
     * (a socket bound to a device): for each prefix, the most preferred
     * source with such a next hop. nullptr when none.
     */
    const IpvpnRoute* Lookup(Ipv4Address destination, uint32_t interface) const;
    /// The route of exactly this prefix and source, or nullptr.
    const IpvpnRoute* Find(Ipv4Address network,
                           uint8_t prefixLength,
                           IpvpnRouteSource source) const;
    /// The selected route of exactly this prefix, or nullptr.
    const IpvpnRoute* FindSelected(Ipv4Address network, uint8_t prefixLength) const;

    /**
     * One next hop of `route` (restricted to `interface` when given): the
     * (flowHash mod n)-th of its n sorted next hops, the first without a
     * hash. nullptr when the route has no next hop through `interface`.
     */
    static const IpvpnNextHop* SelectNextHop(const IpvpnRoute& route,
                                             std::optional<uint32_t> flowHash = std::nullopt,
                                             std::optional<uint32_t> interface = std::nullopt);

    /// Every route, in prefix order (network, then length), then by
    /// preference within a prefix.
    std::vector<IpvpnRoute> GetRoutes() const;
    /// The selected route of every prefix, in prefix order.
    std::vector<IpvpnRoute> GetSelectedRoutes() const;
    /// Number of routes (all sources).
    std::size_t GetNRoutes() const;
    /// Number of prefixes with at least one route.
    std::size_t GetNPrefixes() const;

    void SetChangeCallback(ChangeCallback callback);

    /// One line per route, prefix order, the selected one marked '*'.
    void Print(std::ostream& os) const;

  private:
    /// The routes of one prefix, one slot per source.
    struct Entry
    {
        std::array<std::optional<IpvpnRoute>, IPVPN_ROUTE_SOURCE_COUNT> routes;
        int8_t selected{-1}; ///< slot of the selected route, -1 while empty
    };

    using LengthMap = std::unordered_map<uint32_t, Entry>;

    /// The entry of a prefix, or nullptr.
    Entry* FindEntry(uint32_t network, uint8_t prefixLength);
    const Entry* FindEntry(uint32_t network, uint8_t prefixLength) const;
    /// The selected route of an entry, or none.
    static std::optional<IpvpnRoute> Selected(const Entry* entry);
    /// Reselects the prefix's route after a change of its entry, drops an
    /// empty entry and reports a change of the selection.
    void Commit(uint32_t network, uint8_t prefixLength, std::optional<IpvpnRoute> before);
    /// The slot of the source to select among the filled ones, or -1.
    int8_t Select(const Entry& entry) const;
    /// Sorts the sources by preference into m_order.
    void OrderSources();
    /// Sorted (network, length) keys of every prefix.
    std::vector<std::pair<uint32_t, uint8_t>> SortedPrefixes() const;

    std::array<LengthMap, 33> m_byLength; ///< index: prefix length
    uint64_t m_lengthsInUse{0};           ///< bit n: m_byLength[n] not empty
    std::size_t m_nRoutes{0};
    std::array<uint16_t, IPVPN_ROUTE_SOURCE_COUNT> m_preference;
    std::array<uint8_t, IPVPN_ROUTE_SOURCE_COUNT> m_order; ///< sources, most preferred first
    ChangeCallback m_onChange;
};

} // namespace ns3

#endif
