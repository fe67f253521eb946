/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The module's own IPv4 routing for a node: an IpvpnRouteTable of connected,
 * static and protocol (OSPF) routes behind ns-3's Ipv4RoutingProtocol.
 *
 *  - Connected routes follow the node's interfaces: the network of every
 *    address (not /32) of an interface that is up. Two interfaces in one
 *    network give the connected route two next hops.
 *  - An interface going down takes every next hop through it out of the
 *    table (connected, static and protocol routes). Static routes stay
 *    configured and come back when their interface is up again; protocol
 *    routes are the feeder's to restore (OSPF recomputes on the change).
 *  - Protocol routes: SetProtocolRoutes() replaces a source's whole set
 *    (OSPF after each SPF run), AddProtocolRoute()/RemoveProtocolRoute()
 *    change one. Next hops through interfaces that are down are left out.
 *  - RouteOutput: a destination that is one of the node's own addresses (or
 *    127/8) goes through the loopback interface and is delivered locally;
 *    with a bound output device only routes through it are used, and
 *    link-local multicast (224.0.0.0/24) and limited broadcast leave on that
 *    device without a route. The source is the header's if it is one of the
 *    node's addresses, otherwise chosen on the output interface
 *    (Ipv4::SourceAddressSelection, as Ipv4StaticRouting does).
 *  - RouteInput: the node's own addresses, the broadcast addresses of its
 *    subnets and 255.255.255.255 are delivered locally (lcb); link-local
 *    multicast (224.0.0.0/24, which RFC 5771 section 4 says is never
 *    forwarded: OSPF's 224.0.0.5 and 224.0.0.6 among them) is delivered on
 *    the input interface. Other multicast is not handled (no multicast
 *    routing: returns false). A unicast packet without a route, or arriving
 *    on an interface that does not forward, goes to ecb with
 *    Socket::ERROR_NOROUTETOHOST: this protocol is the node's whole unicast
 *    table, there is no one else to ask.
 *  - Equal-cost next hops: one per flow, by a hash of (source,
 *    destination, protocol) of the IP header, so a flow keeps its path.
 *
 * Interface scope (per-VRF forwarding, vr::VrfRoutingProtocol): an instance
 * may serve some of the node's interfaces only (SetInterfaceScope). Without
 * a scope it serves all of them, as above. With one, "the node" above reads
 * "the instance's interfaces": connected routes only for them, static and
 * protocol next hops only through them (others are left out as if down),
 * notifications for other interfaces ignored, RouteInput answers only
 * packets that came in on one of them (false otherwise) and delivers
 * locally only their addresses (any of them, ns-3's weak end-system model
 * kept inside the scope), the input interface's subnet broadcasts and
 * 255.255.255.255; RouteOutput sends to one of their addresses through the
 * loopback and chooses the source among them. Several scoped instances on
 * one node may hold the same addresses: each answers for its own
 * interfaces and reads only its own table.
 *
 * The class is in two files: ipvpn-routing-protocol.cc (attributes,
 * interfaces, configuration, printing) and
 * ipvpn-routing-protocol-forwarding.cc (RouteOutput, RouteInput).
 */
#ifndef IPVPN_ROUTING_PROTOCOL_H
#define IPVPN_ROUTING_PROTOCOL_H

#include "ipvpn-address-index.h"
#include "ipvpn-route-table.h"

#include "ns3/callback.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <map>
#include <memory>
#include <utility>
#include <vector>

namespace ns3
{

class IpvpnRoutingProtocol;

/**
 * A node routing that holds IpvpnRoutingProtocol instances of its own (one
 * per VRF, vr::VrfRoutingProtocol) and names the one of the provider core,
 * which IpvpnRoutingProtocol::GetNodeRouting returns for the node.
 */
class IpvpnRoutingOwner
{
  public:
    virtual ~IpvpnRoutingOwner() = default;
    /// The instance of the provider core (VRF 0).
    virtual Ptr<IpvpnRoutingProtocol> GetCore() const = 0;
};

class IpvpnRoutingProtocol : public Ipv4RoutingProtocol
{
  public:
    static TypeId GetTypeId();

    IpvpnRoutingProtocol();
    ~IpvpnRoutingProtocol() override;

    /// Signature of the "RouteChange" trace: the selected route of a prefix
    /// changed (IpvpnRouteChange: prefix, route before and after, each with
    /// its source, metric and next hops).
    typedef void (*RouteChangeTracedCallback)(const IpvpnRouteChange& change);
    /// Signature of the "InterfaceChange" trace: Ipv4 told the routing that
    /// `interface` went up (true) or down (false). Routing protocols running
    /// beside the table (OSPF) follow the node's interfaces through it.
    typedef void (*InterfaceChangeTracedCallback)(uint32_t interface, bool up);

    // Ipv4RoutingProtocol
    Ptr<Ipv4Route> RouteOutput(Ptr<Packet> p,
                               const Ipv4Header& header,
                               Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override;
    bool RouteInput(Ptr<const Packet> p,
                    const Ipv4Header& header,
                    Ptr<const NetDevice> idev,
                    UnicastForwardCallback ucb,
                    MulticastForwardCallback mcb,
                    LocalDeliverCallback lcb,
                    ErrorCallback ecb) override;
    void NotifyInterfaceUp(uint32_t interface) override;
    void NotifyInterfaceDown(uint32_t interface) override;
    void NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void SetIpv4(Ptr<Ipv4> ipv4) override;
    /// Like Ipv4StaticRouting's ("route -n"), with the source and its
    /// preference; one line per next hop, flag U on the selected route only.
    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream,
                           Time::Unit unit = Time::S) const override;

    /**
     * Configures a static route to `network`/`mask` through `gateway` on
     * `interface` (another next hop if the prefix has static routes already;
     * the metric is the route's, the last one given wins). Installed while
     * the interface is up.
     */
    void AddStaticRoute(Ipv4Address network,
                        Ipv4Mask mask,
                        Ipv4Address gateway,
                        uint32_t interface,
                        uint32_t metric = 0);
    /// A static route to a network on the link of `interface` (no gateway).
    void AddStaticRoute(Ipv4Address network,
                        Ipv4Mask mask,
                        uint32_t interface,
                        uint32_t metric = 0);
    /// Forgets every static next hop of the prefix; false if there was none.
    bool RemoveStaticRoute(Ipv4Address network, Ipv4Mask mask);
    /// Forgets one static next hop; false if it was not configured.
    bool RemoveStaticRoute(Ipv4Address network,
                           Ipv4Mask mask,
                           Ipv4Address gateway,
                           uint32_t interface);

    /// Makes the routes of `source` (OSPF) exactly `routes`; only what
    /// differs changes. Returns the number of routes changed.
    std::size_t SetProtocolRoutes(IpvpnRouteSource source, const std::vector<IpvpnRoute>& routes);
    /// Adds or replaces one route of route.source; false if unchanged.
    bool AddProtocolRoute(const IpvpnRoute& route);
    bool RemoveProtocolRoute(Ipv4Address network, uint8_t prefixLength, IpvpnRouteSource source);

    /// The table (read only; change it through the calls above).
    const IpvpnRouteTable& GetTable() const;
    /// The selected route for a destination, or nullptr.
    const IpvpnRoute* Lookup(Ipv4Address destination) const;

    /// The flow hash that picks among equal-cost next hops.
    static uint32_t FlowHash(const Ipv4Header& header);

    /// Says whether an Ipv4 interface index is one of the instance's.
    using InterfaceScope = Callback<bool, uint32_t>;
    /**
     * Limits the instance to the interfaces `scope` accepts (see the top of
     * this file); a null callback, the default, means every interface. Set
     * it before SetIpv4(). The owner of the scope keeps the table right when
     * the answer for an interface changes: NotifyInterfaceDown() while the
     * scope still accepts it, NotifyInterfaceUp() once it does.
     */
    void SetInterfaceScope(InterfaceScope scope);
    /// true when the instance is scoped.
    bool IsScoped() const;
    /// true when `interface` is the instance's (always, unscoped).
    bool IsInScope(uint32_t interface) const;
    /// The interface of the instance that holds `address`, or -1.
    int32_t GetInterfaceForAddress(Ipv4Address address) const;
    /**
     * Answers address lookups from `index`, which its owner (the node's
     * routing, hearing of every interface) keeps; by default the instance
     * keeps its own from the notifications it hears. Set it before
     * SetIpv4().
     */
    void UseAddressIndex(std::shared_ptr<const IpvpnAddressIndex> index);

    /**
     * The node's IpvpnRoutingProtocol: its Ipv4's routing protocol or the
     * first entry of that type in its Ipv4ListRouting; for an
     * IpvpnRoutingOwner (vr::VrfRoutingProtocol) in either place, its core
     * instance. nullptr when none.
     */
    static Ptr<IpvpnRoutingProtocol> GetNodeRouting(Ptr<Ipv4> ipv4);

  protected:
    void DoDispose() override;

  private:
    /// A configured static route: next hops by (interface, gateway).
    struct StaticRoute
    {
        uint32_t metric{0};
        std::vector<IpvpnNextHop> nextHops;
    };

    using PrefixKey = std::pair<uint32_t, uint8_t>; ///< (network, length)

    /// Puts the static route of a prefix in the table with the next hops
    /// whose interface is up (or takes it out when none is).
    void InstallStatic(const PrefixKey& prefix);
    /// Adds or removes interface `interface` as a next hop of the connected
    /// route of `address`'s network.
    void UpdateConnected(uint32_t interface, const Ipv4InterfaceAddress& address, bool present);
    bool IsInterfaceUp(uint32_t interface) const;
    /// The route for a table next hop out of `interface`.
    Ptr<Ipv4Route> MakeRoute(Ipv4Address destination,
                             Ipv4Address source,
                             const IpvpnNextHop& nextHop) const;
    /// The header's source if it is the instance's, else one of `interface`'s.
    Ipv4Address ChooseSource(const Ipv4Header& header, uint32_t interface) const;
    /// Scoped RouteInput's local delivery test (Ipv4::IsDestinationAddress
    /// within the scope).
    bool IsOwnDestination(Ipv4Address destination, uint32_t iif) const;
    void SetPreference(IpvpnRouteSource source, uint16_t preference);
    uint16_t GetPreference(IpvpnRouteSource source) const;
    void SetConnectedPreference(uint16_t preference);
    uint16_t GetConnectedPreference() const;
    void SetStaticPreference(uint16_t preference);
    uint16_t GetStaticPreference() const;
    void SetOspfPreference(uint16_t preference);
    uint16_t GetOspfPreference() const;

    Ptr<Ipv4> m_ipv4;
    IpvpnRouteTable m_table;
    std::map<PrefixKey, StaticRoute> m_static;
    InterfaceScope m_scope; ///< null: every interface
    /// Kept from this instance's notifications; null when the owner's is used.
    std::shared_ptr<IpvpnAddressIndex> m_ownAddresses;
    std::shared_ptr<const IpvpnAddressIndex> m_addresses; ///< what lookups read
    TracedCallback<const IpvpnRouteChange&> m_routeChangeTrace;
    TracedCallback<uint32_t, bool> m_interfaceChangeTrace;
};

} // namespace ns3

#endif
