/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The network a scenario builds, as features install onto it: nodes by
 * name, one interface per link endpoint, the traffic applications, and the
 * state timed events change (which links and nodes work). It keeps every
 * interface up or down to match that state, hands the change to the core
 * routing, and tells subscribers (LDP, monitors) when routes changed.
 */
#ifndef IPVPN_SCENARIO_NETWORK_H
#define IPVPN_SCENARIO_NETWORK_H

#include "scenario-core-routing.h"
#include "scenario-spec.h"
#include "scenario-topology-graph.h"

#include "ns3/application.h"
#include "ns3/error-model.h"
#include "ns3/ipvpn-network-names.h"
#include "ns3/net-device.h"
#include "ns3/node.h"

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{
namespace scenario
{

/// One network interface created for a link endpoint.
struct BuiltInterface
{
    std::string node;
    std::string link;
    Ptr<NetDevice> device;
    uint32_t ipv4Interface = 0;
    Ipv4Prefix address;
    /// Drops received frames while the link or a node is down, and applies
    /// the link's configured loss rate otherwise.
    Ptr<RateErrorModel> receiveErrors;
    std::string pcapFile; ///< empty when not captured
};

/// Applications created for one traffic flow.
struct BuiltFlow
{
    Ptr<Application> source; ///< OnOffApplication or V4Ping
    Ptr<Application> sink;   ///< PacketSink, or null for ping
};

class Network
{
  public:
    explicit Network(const Scenario& scenario);

    const Scenario& Spec() const;

    // --- what the core builds
    void AddNode(const std::string& name, Ptr<Node> node);
    /// The node, or null.
    Ptr<Node> GetNode(const std::string& name) const;
    /// Adds the interface of a link endpoint; returns its index.
    size_t AddInterface(BuiltInterface interface);
    const std::vector<BuiltInterface>& Interfaces() const;
    void SetPcapFile(size_t interfaceIndex, const std::string& file);
    /// Indices of a link's interfaces, endpoints in file order.
    const std::vector<size_t>& InterfacesOfLink(size_t linkIndex) const;
    void AddFlow(BuiltFlow flow);
    const std::vector<BuiltFlow>& Flows() const; ///< same order as Scenario::flows

    /// The next fixed random stream number; whoever assigns streams moves it
    /// on, so a run depends on its seed and run number only.
    int64_t& NextStream();

    // --- hooks for features
    /// An interface of a feature's own (a tunnel's session interface) that
    /// goes down and up with its node.
    void AddNodeBoundInterface(const std::string& node, uint32_t ipv4Interface);
    void SetCoreRouting(std::unique_ptr<CoreRouting> routing);
    CoreRouting& GetCoreRouting();
    /// Called after every change of the core's routes.
    void OnRoutesChanged(std::function<void()> listener);
    void NotifyRoutesChanged();

    // --- state
    /// Applies a link-down/up or node-down/up event: the working topology,
    /// every interface's state, then the core routing. False for other events.
    bool ApplyTopologyEvent(const EventSpec& event);
    /// Which links and nodes work now.
    const TopologyGraph& WorkingTopology() const;
    /// Whether an interface should carry traffic given link and node states.
    bool ShouldBeUp(size_t interfaceIndex) const;

    /// The names of what was built, for monitors.
    metrics::NetworkNames Names() const;

  private:
    /// Sets every interface up or down from the link and node states;
    /// true when anything changed.
    bool RefreshInterfaceStates();

    const Scenario& m_scenario;
    std::map<std::string, Ptr<Node>> m_nodes;
    std::vector<BuiltInterface> m_interfaces;
    std::vector<std::vector<size_t>> m_linkInterfaces; ///< by link index
    std::vector<BuiltFlow> m_flows;
    std::vector<std::pair<std::string, uint32_t>> m_nodeBound;
    TopologyGraph m_topology;
    int64_t m_nextStream = 0;
    std::unique_ptr<CoreRouting> m_routing;
    std::vector<std::function<void()>> m_routesChanged;
};

} // namespace scenario
} // namespace ns3

#endif
