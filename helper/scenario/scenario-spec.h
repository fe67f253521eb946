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
    std::vector<FlowSpec> flows;
    std::vector<EventSpec> events;
    std::vector<ExpectSpec> expectations;
    OutputSpec outputs;

    const NodeSpec* FindNode(const std::string& name) const;
    const LinkSpec* FindLink(const std::string& name) const;
    int NodeIndex(const std::string& name) const; ///< -1 when absent
    int LinkIndex(const std::string& name) const;
};

const char* ToString(NodeKind kind);
const char* ToString(LinkType type);
const char* ToString(FlowType type);
const char* ToString(EventAction action);

std::ostream& operator<<(std::ostream& os, const Scenario& scenario);

} // namespace scenario
} // namespace ns3

#endif
