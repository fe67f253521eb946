/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Plain description of a simulation scenario: the core sections (nodes,
 * links, addressing, traffic, events, outputs, expectations) as structs, and
 * one typed section per scenario feature (MPLS, tunnels, ...) kept in a
 * SectionStore, so a feature adds its section without editing this file.
 *
 * The loader fills it in three passes: reading (values as written, with
 * their positions), validation (nothing changes) and resolution (every
 * default and derived value made explicit). Builders and monitors read the
 * resolved scenario only. Nothing here depends on ns-3 objects.
 */
#ifndef IPVPN_SCENARIO_SPEC_H
#define IPVPN_SCENARIO_SPEC_H

#include "scenario-enum.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
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

    /// Last address covered by the prefix.
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

    std::string ToString() const;      ///< "10.0.1.1/24"
    std::string AddressString() const; ///< "10.0.1.1"
    std::string NetworkString() const; ///< "10.0.1.0/24"
};

std::string FormatIpv4(uint32_t address);

enum class NodeKind
{
    ROUTER,
    HOST,
    GATEWAY, ///< a home gateway: forwards with NAT, runs no core routing (the `homes` section)
};

inline const EnumTable<NodeKind> kNodeKinds{{"router", NodeKind::ROUTER},
                                            {"host", NodeKind::HOST},
                                            {"gateway", NodeKind::GATEWAY}};

struct NodeSpec
{
    std::string name;
    NodeKind kind = NodeKind::ROUTER;
    std::optional<std::pair<double, double>> position; ///< for NetAnim
    /// Resolved by the features that need it (VR ports): the router routes
    /// per VRF (vr::VrfRoutingProtocol) instead of with the plain table.
    bool vrfRouting = false;
    /// Resolved: host addresses on the loopback (a VR port's own address),
    /// which the core IGP advertises as host routes.
    std::vector<uint32_t> loopbacks;
    /// Resolved: the core IGP's router ID; 0: the routing chooses.
    uint32_t routerId = 0;
    SourceMark mark;
};

enum class LinkType
{
    P2P,
    CSMA,
};

inline const EnumTable<LinkType> kLinkTypes{{"p2p", LinkType::P2P}, {"csma", LinkType::CSMA}};

struct EndpointSpec
{
    std::string node;
    std::optional<Ipv4Prefix> address; ///< as written; resolved from the link's pool when absent
    bool fromPool = false;             ///< resolved: the pool gave the address
    /// `address: dhcp`: the interface is built without an address; the
    /// DHCP server of a home (the `homes` section) gives it one.
    bool dhcp = false;
    SourceMark mark;
};

struct LinkSpec
{
    std::string name;
    LinkType type = LinkType::P2P;
    std::vector<EndpointSpec> endpoints;
    uint64_t dataRateBps = 100'000'000;
    int64_t delayNs = 1'000'000;
    double lossRate = 0.0;                ///< packet error rate applied on receive
    std::optional<uint32_t> queuePackets; ///< device transmit queue size
    std::string pool;                     ///< pool for automatic addresses
    uint32_t metric = 1;                  ///< routing cost
    /// The VPN whose private address space the link's addresses belong to
    /// (a VR port's user line, named by the `vpns` section); empty: the
    /// provider's. Addresses are unique and subnets apart within a space
    /// only, and the core routing leaves such links out.
    std::string addressSpace;
    /// Resolved: the VRF the link's router end joins (0: the core's table).
    uint32_t vrf = 0;
    /// Resolved: the link technology that builds the devices ("p2p", "csma",
    /// or one a feature provides, such as MPLS's "mpls-ppp").
    std::string device;
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

inline const EnumTable<FlowType> kFlowTypes{{"udp-cbr", FlowType::UDP_CBR},
                                            {"udp-onoff", FlowType::UDP_ONOFF},
                                            {"ping", FlowType::PING}};

struct FlowSpec
{
    std::string name;
    FlowType type = FlowType::UDP_CBR;
    std::string from;
    std::string to;
    int64_t startNs = 1'000'000'000;
    std::optional<int64_t> stopNs; ///< resolved: the simulation stop when absent
    uint64_t rateBps = 1'000'000;  ///< UDP flows: rate while on
    /// UDP payload / ICMP echo data bytes; resolved from the application's
    /// PacketSize / Size attribute when absent.
    std::optional<uint32_t> size;
    int64_t onNs = 1'000'000'000;      ///< on-off only
    int64_t offNs = 1'000'000'000;     ///< on-off only
    std::optional<int64_t> intervalNs; ///< ping only; resolved from V4Ping's Interval
    std::optional<uint16_t> port;      ///< UDP destination port; resolved: a free one
    std::string via;                   ///< tunnel name: target `to`'s end of the tunnel
    uint32_t destination = 0;          ///< resolved: IPv4 address the flow targets
    SourceMark mark;
};

/// A timed event. The action names one of the event kinds the features
/// define; its arguments are kept as written, in the kind's key order.
struct EventSpec
{
    int64_t atNs = 0;
    std::string action; ///< "link-down", "node-up", ...
    std::vector<std::pair<std::string, std::string>> args;
    SourceMark mark;

    /// The argument's value, or an empty string.
    const std::string& Arg(const std::string& key) const;
    /// "link-down X-Y": the action and its argument values.
    std::string Describe() const;
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
    std::string folder; ///< resolved: out/<scenario name> when absent
    PcapSpec pcap;
    bool messageTrace = true;
    bool netanim = false;
    int64_t intervalNs = 100'000'000; ///< time-series bucket
};

/// Provider core routing: one of the kinds the features register.
struct RoutingSpec
{
    std::string core = "ospf";
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

/// Base of a feature's section. A section type names its store key:
///   struct MplsSection : Section<MplsSection> { static constexpr char kKey[] = "mpls"; ... };
class FeatureSection
{
  public:
    virtual ~FeatureSection() = default;
    virtual std::unique_ptr<FeatureSection> Clone() const = 0;
};

template <typename Derived>
class Section : public FeatureSection
{
  public:
    std::unique_ptr<FeatureSection> Clone() const override
    {
        return std::make_unique<Derived>(static_cast<const Derived&>(*this));
    }
};

/// The features' sections of one scenario, by key; copies are deep.
class SectionStore
{
  public:
    SectionStore() = default;
    SectionStore(const SectionStore& other);
    SectionStore& operator=(const SectionStore& other);
    SectionStore(SectionStore&&) = default;
    SectionStore& operator=(SectionStore&&) = default;

    /// The section, created empty when the scenario has none yet.
    template <typename T>
    T& Get()
    {
        auto& slot = m_sections[T::kKey];
        if (!slot)
        {
            slot = std::make_unique<T>();
        }
        return static_cast<T&>(*slot);
    }

    /// The section, or null when the scenario has none.
    template <typename T>
    const T* Find() const
    {
        auto it = m_sections.find(T::kKey);
        return it == m_sections.end() ? nullptr : static_cast<const T*>(it->second.get());
    }

    template <typename T>
    T* Find()
    {
        auto it = m_sections.find(T::kKey);
        return it == m_sections.end() ? nullptr : static_cast<T*>(it->second.get());
    }

  private:
    std::map<std::string, std::unique_ptr<FeatureSection>> m_sections;
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
    SectionStore sections; ///< one per feature present in the file

    const NodeSpec* FindNode(const std::string& name) const;
    const LinkSpec* FindLink(const std::string& name) const;
    const FlowSpec* FindFlow(const std::string& name) const;
    int NodeIndex(const std::string& name) const; ///< -1 when absent
    /// The node's first fixed interface address (links in file order), 0 when it has none.
    uint32_t FixedAddress(const std::string& node) const;
    int LinkIndex(const std::string& name) const;
    int FlowIndex(const std::string& name) const;
};

inline const char*
ToString(NodeKind kind)
{
    return kNodeKinds.Name(kind);
}

inline const char*
ToString(LinkType type)
{
    return kLinkTypes.Name(type);
}

inline const char*
ToString(FlowType type)
{
    return kFlowTypes.Name(type);
}

std::ostream& operator<<(std::ostream& os, const Scenario& scenario);

} // namespace scenario
} // namespace ns3

#endif
