/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Turns a validated Scenario into ns-3 objects: nodes with the Internet
 * stack, point-to-point and CSMA links, interface addresses, core routing,
 * traffic applications, timed link/node failures, pcaps and positions.
 */
#ifndef IPVPN_SCENARIO_BUILDER_H
#define IPVPN_SCENARIO_BUILDER_H

#include "scenario-spec.h"
#include "topology-graph.h"
#include "tunnel-builder.h"

#include "ns3/application.h"
#include "ns3/error-model.h"
#include "ns3/ldp-protocol.h"
#include "ns3/net-device.h"
#include "ns3/node-container.h"
#include "ns3/traced-callback.h"

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
    uint32_t destination = 0; ///< IPv4 address the flow targets
};

class ScenarioBuilder
{
  public:
    explicit ScenarioBuilder(const Scenario& scenario);

    /// Creates everything. Call once, before Simulator::Run.
    void Build();

    Ptr<Node> GetNode(const std::string& name) const;
    NodeContainer GetNodes() const;
    const std::vector<BuiltInterface>& GetInterfaces() const;
    const std::vector<BuiltFlow>& GetFlows() const;
    /// LDP of each MPLS router, in mpls.routers order (empty without MPLS).
    const std::vector<Ptr<ldp::Protocol>>& GetLdp() const;
    /// The tunnels and RADIUS servers; null without tunnels.
    const TunnelBuilder* GetTunnels() const;

    /// Whether a link / node currently works (changed by timed events).
    bool IsLinkUp(const std::string& link) const;
    bool IsNodeUp(const std::string& node) const;

    /// Applies one of the scenario's timed events now; exposed for tests.
    void ApplyEvent(const EventSpec& event);

    /// Fired after each timed event is applied.
    TracedCallback<const EventSpec&> m_eventApplied;

  private:
    void CreateNodes();
    void CreateLinks();
    void InstallRouting();
    /// MPLS on the scenario's LSRs, LDP on top, its FECs announced.
    void InstallMpls();
    void InstallLdp();
    /// RADIUS servers and L2TP tunnels.
    void InstallTunnels();
    void InstallTraffic();
    void EnablePcaps();
    void ScheduleEvents();

    /// Sets every interface up or down from the link and node states, and
    /// recomputes the core routes when anything changed.
    void RefreshInterfaceStates();

    /// Announces the subnets of working router-to-host point-to-point links.
    void SyncHostLinkRoutes();

    /// Replaces the default route that global routing gives a router with a
    /// single router neighbour by routes to the subnets it can really reach.
    void ReplaceStubDefaultRoutes();

    /// (Re)computes the core routes for the current link and node states.
    void ComputeRoutes();

    /// Whether the interface should carry traffic given link and node states.
    bool ShouldBeUp(size_t interfaceIndex) const;

    /// A point-to-point link between two MPLS routers carries labels.
    bool IsLabelLink(const LinkSpec& link) const;

    const Scenario& m_scenario;
    NodeContainer m_nodes;
    std::map<std::string, Ptr<Node>> m_nodeByName;
    std::vector<BuiltInterface> m_interfaces;
    std::vector<std::vector<size_t>> m_linkInterfaces; ///< by link index
    std::vector<BuiltFlow> m_flows;
    std::map<std::string, bool> m_linkUp;
    std::map<std::string, bool> m_nodeUp;
    TopologyGraph m_graph; ///< working topology, follows the events
    int64_t m_nextStream = 0; ///< next random stream to assign
    bool m_routesComputed = false;
    std::vector<Ptr<ldp::Protocol>> m_ldp;
    std::unique_ptr<TunnelBuilder> m_tunnels; ///< one per LSR, in mpls.routers order
};

} // namespace scenario
} // namespace ns3

#endif
