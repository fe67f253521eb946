// SPDX-License-Identifier: GPL-2.0-only
#include "ns3/ipvpn-route-table.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <sstream>
#include <vector>

using namespace ns3;

namespace
{

IpvpnRoute
MakeRoute(const char* network,
          uint8_t length,
          IpvpnRouteSource source,
          std::vector<IpvpnNextHop> nextHops,
          uint32_t metric = 0)
{
    IpvpnRoute route;
    route.network = Ipv4Address(network);
    route.prefixLength = length;
    route.source = source;
    route.metric = metric;
    route.nextHops = std::move(nextHops);
    return route;
}

IpvpnNextHop
Via(uint32_t interface, const char* gateway)
{
    return IpvpnNextHop(interface, Ipv4Address(gateway));
}

IpvpnNextHop
Direct(uint32_t interface)
{
    return IpvpnNextHop(interface, Ipv4Address::GetZero());
}

/// "a.b.c.d/len" of the route a lookup returns, or "none".
std::string
Match(const IpvpnRouteTable& table, const char* destination)
{
    const IpvpnRoute* route = table.Lookup(Ipv4Address(destination));
    if (route == nullptr)
    {
        return "none";
    }
    std::ostringstream os;
    os << route->network << '/' << static_cast<unsigned>(route->prefixLength);
    return os.str();
}

constexpr auto CONNECTED = IpvpnRouteSource::CONNECTED;
constexpr auto STATIC = IpvpnRouteSource::STATIC;
constexpr auto OSPF = IpvpnRouteSource::OSPF;

} // namespace

TEST_CASE("Route table: the longest matching prefix wins", "[route]")
{
    // RFC 1812 section 5.2.4.3 (Basic Match, Longest Match): of the routes
    // whose prefix contains the destination, the one with the longest prefix
    // is used; the default route 0/0 matches everything.
    IpvpnRouteTable table;
    REQUIRE(table.Add(MakeRoute("0.0.0.0", 0, STATIC, {Via(1, "192.168.0.1")})));
    REQUIRE(table.Add(MakeRoute("10.0.0.0", 8, OSPF, {Via(2, "10.255.0.1")})));
    REQUIRE(table.Add(MakeRoute("10.1.0.0", 16, OSPF, {Via(3, "10.255.1.1")})));
    REQUIRE(table.Add(MakeRoute("10.1.2.0", 24, CONNECTED, {Direct(4)})));
    REQUIRE(table.Add(MakeRoute("10.1.2.3", 32, STATIC, {Via(5, "10.1.2.254")})));

    CHECK(Match(table, "10.1.2.3") == "10.1.2.3/32");
    CHECK(Match(table, "10.1.2.4") == "10.1.2.0/24");
    CHECK(Match(table, "10.1.3.1") == "10.1.0.0/16");
    CHECK(Match(table, "10.2.0.1") == "10.0.0.0/8");
    CHECK(Match(table, "11.0.0.1") == "0.0.0.0/0");
    // 10.1.0.0/16 does not contain 10.0.255.255 (one bit off below /16).
    CHECK(Match(table, "10.0.255.255") == "10.0.0.0/8");
    CHECK(table.GetNRoutes() == 5);
    CHECK(table.GetNPrefixes() == 5);

    // Without the default route an unmatched destination has no route.
    REQUIRE(table.Remove(Ipv4Address("0.0.0.0"), 0, STATIC));
    CHECK(Match(table, "11.0.0.1") == "none");
    // Removing a longer prefix falls back to the next shorter one.
    REQUIRE(table.Remove(Ipv4Address("10.1.2.0"), 24, CONNECTED));
    CHECK(Match(table, "10.1.2.4") == "10.1.0.0/16");
    CHECK(Match(table, "10.1.2.3") == "10.1.2.3/32");
    REQUIRE(table.Remove(Ipv4Address("10.1.0.0"), 16, OSPF));
    CHECK(Match(table, "10.1.2.4") == "10.0.0.0/8");
    CHECK_FALSE(table.Remove(Ipv4Address("10.1.0.0"), 16, OSPF));
    CHECK(table.GetNRoutes() == 2);
}

TEST_CASE("Route table: routes are stored masked, next hops sorted, bad routes refused", "[route]")
{
    IpvpnRouteTable table;
    // Host bits of the network are cleared, as a prefix has none.
    REQUIRE(table.Add(MakeRoute(
        "10.1.2.77", 24, STATIC, {Via(2, "10.0.0.9"), Via(1, "10.0.0.5"), Via(2, "10.0.0.9")})));
    const IpvpnRoute* route = table.Find(Ipv4Address("10.1.2.0"), 24, STATIC);
    REQUIRE(route != nullptr);
    CHECK(route->network == Ipv4Address("10.1.2.0"));
    CHECK(route->GetMask() == Ipv4Mask("255.255.255.0"));
    CHECK(route->nextHops == std::vector<IpvpnNextHop>{Via(1, "10.0.0.5"), Via(2, "10.0.0.9")});
    // Same route again, given in another order: no change.
    CHECK_FALSE(
        table.Add(MakeRoute("10.1.2.0", 24, STATIC, {Via(2, "10.0.0.9"), Via(1, "10.0.0.5")})));
    // Another metric replaces it.
    CHECK(
        table.Add(MakeRoute("10.1.2.0", 24, STATIC, {Via(2, "10.0.0.9"), Via(1, "10.0.0.5")}, 7)));
    CHECK(table.Find(Ipv4Address("10.1.2.5"), 24, STATIC)->metric == 7);
    CHECK(table.GetNRoutes() == 1);

    CHECK_FALSE(table.Add(MakeRoute("10.0.0.0", 33, STATIC, {Direct(1)})));
    CHECK_FALSE(table.Add(MakeRoute("10.0.0.0", 8, STATIC, {})));
    CHECK(table.GetNRoutes() == 1);
    CHECK(IpvpnPrefixMask(0) == Ipv4Mask("0.0.0.0"));
    CHECK(IpvpnPrefixMask(1) == Ipv4Mask("128.0.0.0"));
    CHECK(IpvpnPrefixMask(32) == Ipv4Mask("255.255.255.255"));
}

TEST_CASE("Route table: the most preferred source wins a prefix, removal falls back", "[route]")
{
    // Default preferences: connected 0 < static 1 < OSPF 110.
    IpvpnRouteTable table;
    CHECK(table.GetPreference(CONNECTED) == 0);
    CHECK(table.GetPreference(STATIC) == 1);
    CHECK(table.GetPreference(OSPF) == 110);

    REQUIRE(table.Add(MakeRoute("10.2.0.0", 16, OSPF, {Via(3, "10.0.3.2")}, 20)));
    CHECK(table.Lookup(Ipv4Address("10.2.1.1"))->source == OSPF);
    // A static route beats OSPF whatever the metrics.
    REQUIRE(table.Add(MakeRoute("10.2.0.0", 16, STATIC, {Via(2, "10.0.2.2")}, 1000)));
    CHECK(table.Lookup(Ipv4Address("10.2.1.1"))->source == STATIC);
    REQUIRE(table.Add(MakeRoute("10.2.0.0", 16, CONNECTED, {Direct(1)})));
    CHECK(table.Lookup(Ipv4Address("10.2.1.1"))->source == CONNECTED);
    CHECK(table.FindSelected(Ipv4Address("10.2.0.0"), 16)->source == CONNECTED);
    CHECK(table.GetNRoutes() == 3);
    CHECK(table.GetNPrefixes() == 1);

    // Each removal falls back to the next preferred source.
    REQUIRE(table.Remove(Ipv4Address("10.2.0.0"), 16, CONNECTED));
    CHECK(table.Lookup(Ipv4Address("10.2.1.1"))->source == STATIC);
    REQUIRE(table.Remove(Ipv4Address("10.2.0.0"), 16, STATIC));
    const IpvpnRoute* ospf = table.Lookup(Ipv4Address("10.2.1.1"));
    REQUIRE(ospf != nullptr);
    CHECK(ospf->source == OSPF);
    CHECK(ospf->nextHops == std::vector<IpvpnNextHop>{Via(3, "10.0.3.2")});

    // Preferences are settable: OSPF below static now wins over it.
    REQUIRE(table.Add(MakeRoute("10.2.0.0", 16, STATIC, {Via(2, "10.0.2.2")})));
    CHECK(table.Lookup(Ipv4Address("10.2.1.1"))->source == STATIC);
    std::vector<IpvpnRouteChange> changes;
    table.SetChangeCallback([&changes](const IpvpnRouteChange& c) {
        changes.push_back(c);
    });
    table.SetPreference(OSPF, 0);
    CHECK(table.Lookup(Ipv4Address("10.2.1.1"))->source == OSPF);
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].before->source == STATIC);
    CHECK(changes[0].after->source == OSPF);
    // Equal preferences: the lower source value (static before OSPF) wins.
    table.SetPreference(STATIC, 0);
    CHECK(table.Lookup(Ipv4Address("10.2.1.1"))->source == STATIC);
    CHECK(changes.size() == 2);
}

TEST_CASE("Route table: ECMP next hop chosen by flow hash, deterministically", "[route]")
{
    IpvpnRouteTable table;
    // Given in a scrambled order; kept sorted by (interface, gateway).
    REQUIRE(table.Add(MakeRoute(
        "10.9.0.0",
        16,
        OSPF,
        {Via(3, "10.0.3.2"), Via(1, "10.0.1.2"), Via(2, "10.0.2.2"), Via(1, "10.0.1.3")})));
    const IpvpnRoute& route = *table.Lookup(Ipv4Address("10.9.9.9"));
    REQUIRE(route.nextHops.size() == 4);
    // No hash: the first next hop.
    CHECK(*IpvpnRouteTable::SelectNextHop(route) == Via(1, "10.0.1.2"));
    // Hash h: next hop h mod 4 of the sorted list.
    CHECK(*IpvpnRouteTable::SelectNextHop(route, 0) == Via(1, "10.0.1.2"));
    CHECK(*IpvpnRouteTable::SelectNextHop(route, 1) == Via(1, "10.0.1.3"));
    CHECK(*IpvpnRouteTable::SelectNextHop(route, 2) == Via(2, "10.0.2.2"));
    CHECK(*IpvpnRouteTable::SelectNextHop(route, 7) == Via(3, "10.0.3.2"));
    CHECK(*IpvpnRouteTable::SelectNextHop(route, 0xffffffffU) == Via(3, "10.0.3.2"));
    // Restricted to one interface: chosen among that interface's next hops.
    CHECK(*IpvpnRouteTable::SelectNextHop(route, 0, 1) == Via(1, "10.0.1.2"));
    CHECK(*IpvpnRouteTable::SelectNextHop(route, 5, 1) == Via(1, "10.0.1.3"));
    CHECK(*IpvpnRouteTable::SelectNextHop(route, 5, 3) == Via(3, "10.0.3.2"));
    CHECK(IpvpnRouteTable::SelectNextHop(route, 5, 9) == nullptr);

    // Every hash spreads over all next hops, each equally often.
    std::map<uint32_t, int> perInterface;
    for (uint32_t hash = 0; hash < 400; ++hash)
    {
        perInterface[IpvpnRouteTable::SelectNextHop(route, hash)->interface]++;
    }
    CHECK(perInterface[1] == 200);
    CHECK(perInterface[2] == 100);
    CHECK(perInterface[3] == 100);
}

TEST_CASE("Route table: lookup restricted to an output interface", "[route]")
{
    IpvpnRouteTable table;
    REQUIRE(table.Add(MakeRoute("10.0.0.0", 8, STATIC, {Via(2, "10.0.2.2")})));
    REQUIRE(table.Add(MakeRoute("10.1.0.0", 16, CONNECTED, {Direct(1)})));
    REQUIRE(table.Add(MakeRoute("10.1.0.0", 16, OSPF, {Via(2, "10.0.2.2")})));
    // Unrestricted: the connected /16.
    CHECK(table.Lookup(Ipv4Address("10.1.5.5"))->source == CONNECTED);
    // Through interface 2: the OSPF /16, not selected for forwarding but the
    // longest prefix with a next hop there.
    const IpvpnRoute* viaTwo = table.Lookup(Ipv4Address("10.1.5.5"), 2);
    REQUIRE(viaTwo != nullptr);
    CHECK(viaTwo->source == OSPF);
    CHECK(table.Lookup(Ipv4Address("10.2.5.5"), 2)->prefixLength == 8);
    CHECK(table.Lookup(Ipv4Address("10.2.5.5"), 1) == nullptr);
    CHECK(table.Lookup(Ipv4Address("10.1.5.5"), 1)->source == CONNECTED);
}

TEST_CASE("Route table: an interface going away takes its next hops with it", "[route]")
{
    IpvpnRouteTable table;
    REQUIRE(table.Add(MakeRoute("10.1.0.0", 24, CONNECTED, {Direct(1)})));
    REQUIRE(table.Add(MakeRoute("10.5.0.0", 16, OSPF, {Via(1, "10.1.0.2"), Via(2, "10.2.0.2")})));
    REQUIRE(table.Add(MakeRoute("10.6.0.0", 16, STATIC, {Via(1, "10.1.0.2")})));
    REQUIRE(table.Add(MakeRoute("10.6.0.0", 16, OSPF, {Via(2, "10.2.0.2")})));
    REQUIRE(table.Add(MakeRoute("10.7.0.0", 16, STATIC, {Via(2, "10.2.0.2")})));

    std::vector<IpvpnRouteChange> changes;
    table.SetChangeCallback([&changes](const IpvpnRouteChange& c) {
        changes.push_back(c);
    });
    // connected 10.1.0.0/24, ospf 10.5/16 (one of two next hops), static
    // 10.6/16: three routes change.
    CHECK(table.RemoveInterface(1) == 3);
    CHECK(table.Lookup(Ipv4Address("10.1.0.9")) == nullptr);
    const IpvpnRoute* ecmp = table.Lookup(Ipv4Address("10.5.1.1"));
    REQUIRE(ecmp != nullptr);
    CHECK(ecmp->nextHops == std::vector<IpvpnNextHop>{Via(2, "10.2.0.2")});
    // The static route went; the OSPF route for the same prefix takes over.
    CHECK(table.Lookup(Ipv4Address("10.6.1.1"))->source == OSPF);
    CHECK(table.Lookup(Ipv4Address("10.7.1.1"))->source == STATIC);
    CHECK(changes.size() == 3);
    // Left: OSPF 10.5/16 and 10.6/16, static 10.7/16.
    CHECK(table.GetNRoutes() == 3);

    // Restricted to one source.
    CHECK(table.RemoveInterface(2, OSPF) == 2);
    CHECK(table.Lookup(Ipv4Address("10.5.1.1")) == nullptr);
    CHECK(table.Lookup(Ipv4Address("10.7.1.1"))->source == STATIC);
    CHECK(table.GetNRoutes() == 1);
}

TEST_CASE("Route table: changes of the selected route are reported with before and after",
          "[route]")
{
    IpvpnRouteTable table;
    std::vector<IpvpnRouteChange> changes;
    table.SetChangeCallback([&changes](const IpvpnRouteChange& c) {
        changes.push_back(c);
    });

    REQUIRE(table.Add(MakeRoute("10.3.0.0", 16, OSPF, {Via(1, "10.0.1.2")}, 10)));
    REQUIRE(changes.size() == 1);
    CHECK(changes[0].network == Ipv4Address("10.3.0.0"));
    CHECK(changes[0].prefixLength == 16);
    CHECK_FALSE(changes[0].before.has_value());
    REQUIRE(changes[0].after.has_value());
    CHECK(changes[0].after->nextHops == std::vector<IpvpnNextHop>{Via(1, "10.0.1.2")});

    // New next hops for the selected route.
    REQUIRE(table.Add(MakeRoute("10.3.0.0", 16, OSPF, {Via(2, "10.0.2.2")}, 10)));
    REQUIRE(changes.size() == 2);
    CHECK(changes[1].before->nextHops == std::vector<IpvpnNextHop>{Via(1, "10.0.1.2")});
    CHECK(changes[1].after->nextHops == std::vector<IpvpnNextHop>{Via(2, "10.0.2.2")});

    // A static route takes over the prefix.
    REQUIRE(table.Add(MakeRoute("10.3.0.0", 16, STATIC, {Via(3, "10.0.3.2")})));
    REQUIRE(changes.size() == 3);
    CHECK(changes[2].before->source == OSPF);
    CHECK(changes[2].after->source == STATIC);

    // The OSPF route changes underneath: not selected, not reported.
    REQUIRE(table.Add(MakeRoute("10.3.0.0", 16, OSPF, {Via(1, "10.0.1.2")}, 30)));
    CHECK(changes.size() == 3);
    REQUIRE(table.Remove(Ipv4Address("10.3.0.0"), 16, OSPF));
    CHECK(changes.size() == 3);

    // The last route goes: reported with no route after.
    REQUIRE(table.Remove(Ipv4Address("10.3.0.0"), 16, STATIC));
    REQUIRE(changes.size() == 4);
    CHECK(changes[3].before->source == STATIC);
    CHECK_FALSE(changes[3].after.has_value());

    std::ostringstream os;
    os << changes[1];
    CHECK(os.str() == "10.3.0.0/16: 10.3.0.0/16 ospf metric 10 [if 1 via 10.0.1.2] -> "
                      "10.3.0.0/16 ospf metric 10 [if 2 via 10.0.2.2]");
}

TEST_CASE("Route table: replacing a source's set touches only what differs", "[route]")
{
    IpvpnRouteTable table;
    REQUIRE(table.Add(MakeRoute("10.8.0.0", 16, STATIC, {Via(1, "10.0.1.2")})));
    table.ReplaceSource(OSPF,
                        {MakeRoute("10.8.0.0", 16, OSPF, {Via(2, "10.0.2.2")}, 5),
                         MakeRoute("10.9.0.0", 16, OSPF, {Via(2, "10.0.2.2")}, 5),
                         MakeRoute("10.10.0.0", 16, OSPF, {Via(2, "10.0.2.2")}, 5)});
    CHECK(table.GetNRoutes() == 4);

    std::vector<IpvpnRouteChange> changes;
    table.SetChangeCallback([&changes](const IpvpnRouteChange& c) {
        changes.push_back(c);
    });
    // 10.9/16 unchanged, 10.10/16 new next hop, 10.11/16 new, 10.8/16 gone
    // (hidden under the static route: no report).
    const std::size_t n =
        table.ReplaceSource(OSPF,
                            {MakeRoute("10.9.0.0", 16, OSPF, {Via(2, "10.0.2.2")}, 5),
                             MakeRoute("10.10.0.0", 16, OSPF, {Via(3, "10.0.3.2")}, 5),
                             MakeRoute("10.11.0.0", 16, STATIC, {Via(3, "10.0.3.2")}, 5)});
    CHECK(n == 3);
    CHECK(table.Find(Ipv4Address("10.8.0.0"), 16, OSPF) == nullptr);
    CHECK(table.Lookup(Ipv4Address("10.8.1.1"))->source == STATIC);
    // The set's source is forced on its routes.
    REQUIRE(table.Find(Ipv4Address("10.11.0.0"), 16, OSPF) != nullptr);
    CHECK(table.Find(Ipv4Address("10.11.0.0"), 16, STATIC) == nullptr);
    REQUIRE(changes.size() == 2);
    std::sort(changes.begin(), changes.end(), [](const auto& a, const auto& b) {
        return a.network.Get() < b.network.Get();
    });
    CHECK(changes[0].network == Ipv4Address("10.10.0.0"));
    CHECK(changes[1].network == Ipv4Address("10.11.0.0"));
    CHECK_FALSE(changes[1].before.has_value());

    // OSPF holds 10.9/16, 10.10/16 and 10.11/16.
    CHECK(table.RemoveSource(OSPF) == 3);
    CHECK(table.GetNRoutes() == 1);
    CHECK(table.RemoveSource(OSPF) == 0);
}

TEST_CASE("Route table: iteration in prefix order", "[route]")
{
    IpvpnRouteTable table;
    REQUIRE(table.Add(MakeRoute("10.1.0.0", 16, OSPF, {Direct(1)})));
    REQUIRE(table.Add(MakeRoute("192.168.0.0", 24, STATIC, {Direct(1)})));
    REQUIRE(table.Add(MakeRoute("10.0.0.0", 8, STATIC, {Direct(1)})));
    REQUIRE(table.Add(MakeRoute("0.0.0.0", 0, STATIC, {Direct(1)})));
    REQUIRE(table.Add(MakeRoute("10.1.0.0", 16, CONNECTED, {Direct(2)})));
    REQUIRE(table.Add(MakeRoute("10.0.0.0", 16, STATIC, {Direct(1)})));

    std::vector<std::string> order;
    for (const IpvpnRoute& route : table.GetRoutes())
    {
        std::ostringstream os;
        os << route.network << '/' << static_cast<unsigned>(route.prefixLength) << ' '
           << route.source;
        order.push_back(os.str());
    }
    // By network address, a shorter prefix before a longer one of the same
    // address, a prefix's routes by preference.
    CHECK(order == std::vector<std::string>{"0.0.0.0/0 static",
                                            "10.0.0.0/8 static",
                                            "10.0.0.0/16 static",
                                            "10.1.0.0/16 connected",
                                            "10.1.0.0/16 ospf",
                                            "192.168.0.0/24 static"});
    CHECK(table.GetSelectedRoutes().size() == 5);

    std::ostringstream printed;
    table.Print(printed);
    CHECK(printed.str().find("* 10.1.0.0/16 connected metric 0 [if 2 direct] pref 0\n"
                             "  10.1.0.0/16 ospf metric 0 [if 1 direct] pref 110\n") !=
          std::string::npos);

    table.Clear();
    CHECK(table.GetNRoutes() == 0);
    CHECK(table.Lookup(Ipv4Address("10.1.1.1")) == nullptr);
}

namespace
{

/// Naive oracle: a list of routes, walked in full for every lookup.
struct OracleTable
{
    std::vector<IpvpnRoute> routes;
    std::array<uint16_t, IPVPN_ROUTE_SOURCE_COUNT> preference{0, 1, 110};

    void
    Set(const IpvpnRoute& route)
    {
        Erase(route.network, route.prefixLength, route.source);
        routes.push_back(route);
    }

    void
    Erase(Ipv4Address network, uint8_t length, IpvpnRouteSource source)
    {
        routes.erase(std::remove_if(routes.begin(),
                                    routes.end(),
                                    [&](const IpvpnRoute& r) {
                                        return r.network == network && r.prefixLength == length &&
                                               r.source == source;
                                    }),
                     routes.end());
    }

    /// Longest prefix first, then the lowest (preference, source).
    const IpvpnRoute*
    Lookup(Ipv4Address destination, int interface = -1) const
    {
        const IpvpnRoute* best = nullptr;
        for (const IpvpnRoute& r : routes)
        {
            const uint32_t mask = r.prefixLength == 0 ? 0 : 0xffffffffU << (32 - r.prefixLength);
            if ((destination.Get() & mask) != r.network.Get())
            {
                continue;
            }
            if (interface >= 0 &&
                std::none_of(r.nextHops.begin(), r.nextHops.end(), [&](const IpvpnNextHop& h) {
                    return h.interface == static_cast<uint32_t>(interface);
                }))
            {
                continue;
            }
            if (best == nullptr || r.prefixLength > best->prefixLength ||
                (r.prefixLength == best->prefixLength && Rank(r) < Rank(*best)))
            {
                best = &r;
            }
        }
        return best;
    }

    std::pair<uint16_t, int>
    Rank(const IpvpnRoute& r) const
    {
        return {preference[static_cast<std::size_t>(r.source)], static_cast<int>(r.source)};
    }
};

} // namespace

TEST_CASE("Route table: random routes and lookups agree with a linear oracle", "[route]")
{
    std::mt19937 rng(20261206);
    IpvpnRouteTable table;
    OracleTable oracle;
    // The forwarding view rebuilt from the change reports alone.
    std::map<std::pair<uint32_t, uint8_t>, IpvpnRoute> followed;
    table.SetChangeCallback([&followed](const IpvpnRouteChange& c) {
        const auto key = std::make_pair(c.network.Get(), c.prefixLength);
        if (c.before)
        {
            REQUIRE(followed.count(key) == 1);
            REQUIRE(followed.at(key) == *c.before);
        }
        if (c.after)
        {
            followed[key] = *c.after;
        }
        else
        {
            followed.erase(key);
        }
    });

    // A few base networks so that random prefixes nest and overlap.
    const std::vector<uint32_t> bases{0x0a000000, 0x0a010000, 0xc0a80000, 0xac100000};
    auto randomAddress = [&]() {
        uint32_t address = bases[rng() % bases.size()];
        const int keep = static_cast<int>(rng() % 25) + 8; // bits from the base
        const uint32_t mask = 0xffffffffU << (32 - keep);
        return Ipv4Address((address & mask) | (rng() & ~mask));
    };
    auto randomRoute = [&]() {
        IpvpnRoute route;
        static const uint8_t lengths[] = {0, 8, 12, 16, 20, 22, 24, 26, 28, 30, 31, 32};
        route.prefixLength = lengths[rng() % (sizeof(lengths) / sizeof(lengths[0]))];
        if (rng() % 4 == 0)
        {
            route.prefixLength = static_cast<uint8_t>(rng() % 33);
        }
        const uint32_t mask =
            route.prefixLength == 0 ? 0 : 0xffffffffU << (32 - route.prefixLength);
        route.network = Ipv4Address(randomAddress().Get() & mask);
        route.source = static_cast<IpvpnRouteSource>(rng() % IPVPN_ROUTE_SOURCE_COUNT);
        route.metric = rng() % 100;
        const std::size_t hops = 1 + rng() % 3;
        for (std::size_t i = 0; i < hops; ++i)
        {
            route.nextHops.emplace_back(1 + rng() % 4, Ipv4Address(0x0a640000 + rng() % 16));
        }
        std::sort(route.nextHops.begin(), route.nextHops.end());
        route.nextHops.erase(std::unique(route.nextHops.begin(), route.nextHops.end()),
                             route.nextHops.end());
        return route;
    };

    auto checkLookups = [&](int count) {
        for (int i = 0; i < count; ++i)
        {
            const Ipv4Address destination = rng() % 8 == 0 ? Ipv4Address(rng()) : randomAddress();
            const IpvpnRoute* expected = oracle.Lookup(destination);
            const IpvpnRoute* got = table.Lookup(destination);
            REQUIRE((expected == nullptr) == (got == nullptr));
            if (expected != nullptr)
            {
                REQUIRE(*got == *expected);
            }
            const int interface = 1 + static_cast<int>(rng() % 4);
            const IpvpnRoute* expectedVia = oracle.Lookup(destination, interface);
            const IpvpnRoute* gotVia = table.Lookup(destination, interface);
            REQUIRE((expectedVia == nullptr) == (gotVia == nullptr));
            if (expectedVia != nullptr)
            {
                REQUIRE(*gotVia == *expectedVia);
            }
        }
    };

    // Grow to a few thousand routes, removing some on the way.
    std::vector<IpvpnRoute> added;
    for (int i = 0; i < 6000; ++i)
    {
        IpvpnRoute route = randomRoute();
        table.Add(route);
        oracle.Set(route);
        added.push_back(route);
        if (rng() % 5 == 0)
        {
            const IpvpnRoute& gone = added[rng() % added.size()];
            const bool present =
                table.Find(gone.network, gone.prefixLength, gone.source) != nullptr;
            CHECK(table.Remove(gone.network, gone.prefixLength, gone.source) == present);
            oracle.Erase(gone.network, gone.prefixLength, gone.source);
        }
        if (i % 500 == 499)
        {
            REQUIRE(table.GetNRoutes() == oracle.routes.size());
            checkLookups(300);
        }
    }
    REQUIRE(table.GetNRoutes() > 2000);
    checkLookups(3000);

    // Another preference order, then a source and an interface taken away.
    table.SetPreference(IpvpnRouteSource::OSPF, 0);
    oracle.preference[static_cast<std::size_t>(IpvpnRouteSource::OSPF)] = 0;
    checkLookups(1000);
    table.RemoveSource(IpvpnRouteSource::STATIC);
    oracle.routes.erase(std::remove_if(oracle.routes.begin(),
                                       oracle.routes.end(),
                                       [](const IpvpnRoute& r) {
                                           return r.source == IpvpnRouteSource::STATIC;
                                       }),
                        oracle.routes.end());
    checkLookups(1000);
    table.RemoveInterface(2);
    for (IpvpnRoute& r : oracle.routes)
    {
        r.nextHops.erase(std::remove_if(r.nextHops.begin(),
                                        r.nextHops.end(),
                                        [](const IpvpnNextHop& h) {
                                            return h.interface == 2;
                                        }),
                         r.nextHops.end());
    }
    oracle.routes.erase(std::remove_if(oracle.routes.begin(),
                                       oracle.routes.end(),
                                       [](const IpvpnRoute& r) {
                                           return r.nextHops.empty();
                                       }),
                        oracle.routes.end());
    REQUIRE(table.GetNRoutes() == oracle.routes.size());
    checkLookups(2000);

    // The change reports alone rebuilt the forwarding view.
    const std::vector<IpvpnRoute> selected = table.GetSelectedRoutes();
    REQUIRE(selected.size() == followed.size());
    std::size_t i = 0;
    for (const auto& [key, route] : followed)
    {
        REQUIRE(selected[i++] == route);
    }
    // And every route came out in prefix order.
    const std::vector<IpvpnRoute> all = table.GetRoutes();
    REQUIRE(all.size() == oracle.routes.size());
    for (std::size_t k = 1; k < all.size(); ++k)
    {
        const auto a = std::make_pair(all[k - 1].network.Get(), all[k - 1].prefixLength);
        const auto b = std::make_pair(all[k].network.Get(), all[k].prefixLength);
        REQUIRE(a <= b);
    }
}
