/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Plain description of a simulation scenario, filled by the loader from a
 * YAML file and consumed by the builder. Nothing here depends on ns-3 objects,
 * so the loader and its validation can be tested without a simulator.
 */
#ifndef IPVPN_SCENARIO_SPEC_H
#define IPVPN_SCENARIO_SPEC_H

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{
namespace scenario
{

/// Where a value came from in the scenario file (1-based, 0 = unknown).
struct SourceMark
{
    int line = 0;
    int column = 0;
};

/// An IPv4 address with its prefix length, e.g. 10.0.1.1/24.
struct Ipv4Prefix
{
    uint32_t address = 0; ///< host byte order
    uint8_t length = 0;

    uint32_t Mask() const
    {
        return length == 0 ? 0 : ~uint32_t{0} << (32 - length);
    }

    uint32_t Network() const
    {
        return address & Mask();
    }

    /// First and last address covered by the prefix.
    uint32_t Last() const
    {
        return Network() | ~Mask();
    }

    bool Overlaps(const Ipv4Prefix& other) const
    {
        return Network() <= other.Last() && other.Network() <= Last();
    }

    bool Contains(uint32_t addr) const
    {
        return (addr & Mask()) == Network();
    }

    std::string ToString() const;   ///< "10.0.1.1/24"
    std::string AddressString() const; ///< "10.0.1.1"
};

std::string FormatIpv4(uint32_t address);

enum class NodeKind
{
    ROUTER,
    HOST,
};

struct NodeSpec
{
    std::string name;
    NodeKind kind = NodeKind::ROUTER;
    std::optional<std::pair<double, double>> position; ///< for NetAnim
    SourceMark mark;
};

enum class LinkType
{
    P2P,
    CSMA,
};

struct EndpointSpec
{
    std::string node;
    std::optional<Ipv4Prefix> address; ///< explicit, or filled from the link's pool by the loader
    bool fromPool = false;             ///< true when the loader assigned it
    SourceMark mark;
};

struct LinkSpec
{
    std::string name;
    LinkType type = LinkType::P2P;
    std::vector<EndpointSpec> endpoints;
    uint64_t dataRateBps = 100'000'000;
    int64_t delayNs = 1'000'000;
    double lossRate = 0.0;            ///< packet error rate applied on receive
    std::optional<uint32_t> queuePackets; ///< device transmit queue size
    std::string pool;                 ///< pool for automatic addresses
    uint32_t metric = 1;              ///< routing cost
    SourceMark mark;
};

struct PoolSpec
{
    std::string name;
    Ipv4Prefix prefix;
    uint8_t p2pLength = 30; ///< subnet length given to a point-to-point link
    uint8_t lanLength = 24; ///< subnet length given to a CSMA segment
    SourceMark mark;
};

enum class FlowType
{
    UDP_CBR,
    UDP_ONOFF,
    PING,
};

struct FlowSpec
{
    std::string name;
    FlowType type = FlowType::UDP_CBR;
    std::string from;
    std::string to;
    int64_t startNs = 1'000'000'000;
    int64_t stopNs = 0;             ///< the loader fills in the simulation stop when absent
    uint64_t rateBps = 1'000'000;   ///< UDP flows: rate while on
    uint32_t size = 512;            ///< UDP payload / ICMP echo data bytes
    int64_t onNs = 1'000'000'000;   ///< on-off only
    int64_t offNs = 1'000'000'000;  ///< on-off only
    int64_t intervalNs = 1'000'000'000; ///< ping only
    uint16_t port = 0;              ///< UDP destination port; 0 = automatic
    std::string via;                ///< tunnel name: target `to`'s session interface
    SourceMark mark;
};

enum class EventAction
{
    LINK_DOWN,
    LINK_UP,
    NODE_DOWN,
    NODE_UP,
};

struct EventSpec
{
    int64_t atNs = 0;
    EventAction action = EventAction::LINK_DOWN;
    std::string target; ///< link or node name
    SourceMark mark;
};

/// Which devices write pcaps: none, all, or the listed nodes / node:link pairs.
struct PcapSpec
{
    bool all = false;
    std::vector<std::string> nodes; ///< node names: every device of the node
    std::vector<std::pair<std::string, std::string>> devices; ///< node, link
    bool Any() const
    {
        return all || !nodes.empty() || !devices.empty();
    }
};

struct OutputSpec
{
    std::string folder;   ///< empty = out/<scenario name>
    PcapSpec pcap;
    bool messageTrace = true;
    bool netanim = false;
    int64_t intervalNs = 100'000'000; ///< time-series bucket
};

/// Provider core routing. Version 1 knows ns-3 global routing only.
struct RoutingSpec
{
    std::string core = "global";
};

/// Label an egress LSR binds for its own FECs (RFC 5036 section 3.4.1.2,
/// RFC 3032 section 2.1): implicit null asks the penultimate hop to pop.
enum class EgressLabel
{
    IMPLICIT_NULL,
    EXPLICIT_NULL,
    NON_NULL, ///< a real label, popped by the egress itself (the seed's Fig. 13)
};

/// LDP timers (RFC 5036 section 2.5 and 3.5.2/3.5.3 defaults).
struct LdpSpec
{
    int64_t helloIntervalNs = 5'000'000'000;
    int64_t helloHoldNs = 15'000'000'000;
    int64_t keepAliveNs = 180'000'000'000;
};

/// A label switched path the results report on. The FEC is the subnet of
/// `to`'s first link unless given.
struct LspSpec
{
    std::string name;
    std::string ingress;
    std::string egress;
    std::string to;                    ///< node whose subnet is the FEC
    std::optional<Ipv4Prefix> fec;     ///< explicit FEC
    std::vector<std::string> labelNames; ///< names for the labels on the path, ingress first
    std::string flow;                  ///< flow that measures convergence
    SourceMark mark;
};

/// MPLS core with LDP label distribution. Links between two MPLS routers
/// carry labels; every MPLS router binds labels for the subnets of its
/// links to non-MPLS nodes (its sites).
struct MplsSpec
{
    bool enabled = false;
    std::vector<std::string> routers;
    EgressLabel egressLabel = EgressLabel::IMPLICIT_NULL;
    LdpSpec ldp;
    std::vector<LspSpec> lsps;
    SourceMark mark;

    bool IsLsr(const std::string& node) const;
};

/// One RADIUS user (RFC 2865 User-Name / User-Password).
struct RadiusUserSpec
{
    std::string name;
    std::string password;
    SourceMark mark;
};

/// A RADIUS server: on its own node (a central server) or on an LNS router
/// itself (the seed's layout, a RADIUS server inside each router).
struct RadiusServerSpec
{
    std::string name;
    std::string node;
    std::string secret; ///< shared with every client (RFC 2865 section 3)
    std::vector<RadiusUserSpec> users;
    SourceMark mark;
};

/// RADIUS authorisation of one side of a tunnel: before the tunnel comes up
/// this side asks `server` whether the peer (its Host Name) may open it.
struct TunnelAuthSpec
{
    std::string server;   ///< a RadiusServerSpec name
    std::string password; ///< password sent for the peer's Host Name
    int64_t timeoutNs = 1'000'000'000; ///< RADIUS retransmission timeout
    uint32_t retries = 3;               ///< RADIUS retransmissions
};

/// An L2TP tunnel (RFC 2661) between two nodes, with one PPP session.
struct TunnelSpec
{
    std::string name;
    std::string lac; ///< initiator: sends SCCRQ, then ICRQ
    std::string lns; ///< responder
    std::string secret; ///< tunnel authentication (RFC 2661 5.1.1); empty = none
    bool session = true;
    Ipv4Prefix lacAddress; ///< PPP/IPCP address of the LAC's session interface
    Ipv4Prefix lnsAddress;
    bool addressesGiven = false;
    std::optional<TunnelAuthSpec> auth;      ///< the LNS authorises the LAC
    std::optional<TunnelAuthSpec> mutualAuth; ///< the LAC authorises the LNS too
    int64_t startNs = 0;
    int64_t helloIntervalNs = 60'000'000'000; ///< RFC 2661 6.5 (implementation choice)
    int64_t retransmitNs = 1'000'000'000;     ///< first retransmission timeout (5.8)
    uint32_t maxRetransmissions = 5;          ///< retry limit (5.8)
    int64_t lcpEchoIntervalNs = 0;            ///< 0 = no LCP echo
    SourceMark mark;
};

struct SimulationSpec
{
    int64_t stopNs = 10'000'000'000;
    uint32_t seed = 1;
    uint64_t run = 1;
};

/// A check the runner applies to a flow after the run (scenario regression).
struct ExpectSpec
{
    std::string flow;
    std::optional<double> minDelivery; ///< received / sent, 0..1
    std::optional<double> maxDelivery;
    std::optional<int64_t> maxMeanDelayNs;
    SourceMark mark;
};

struct Scenario
{
    std::string file; ///< path as given to the loader
    std::string name;
    std::string description;
    SimulationSpec simulation;
    std::vector<NodeSpec> nodes;
    std::vector<LinkSpec> links;
    std::vector<PoolSpec> pools;
    RoutingSpec routing;
    MplsSpec mpls;
    std::vector<RadiusServerSpec> radiusServers;
    std::vector<TunnelSpec> tunnels;
    std::vector<FlowSpec> flows;
    std::vector<EventSpec> events;
    std::vector<ExpectSpec> expectations;
    OutputSpec outputs;

    const NodeSpec* FindNode(const std::string& name) const;
    const LinkSpec* FindLink(const std::string& name) const;
    int NodeIndex(const std::string& name) const; ///< -1 when absent
    int LinkIndex(const std::string& name) const;
    const TunnelSpec* FindTunnel(const std::string& name) const;
};

const char* ToString(NodeKind kind);
const char* ToString(LinkType type);
const char* ToString(FlowType type);
const char* ToString(EventAction action);
const char* ToString(EgressLabel label);

std::ostream& operator<<(std::ostream& os, const Scenario& scenario);

} // namespace scenario
} // namespace ns3

#endif
