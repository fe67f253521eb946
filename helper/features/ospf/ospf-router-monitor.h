/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Watches the OSPF instances of the core routing `ospf`:
 *  - every OSPF packet sent, received or dropped, every neighbour and
 *    interface state change and every SPF run becomes a message trace line
 *    (protocol `ospf`; packets as `./ipvpn decode` names them, paired by
 *    packet uid);
 *  - adjacencies: the first time each neighbour reached Full;
 *  - the control plane: after every change of a router's table it compares
 *    every working router's selected route to every link's subnet with what
 *    the topology oracle (Boost.Graph, replaying the applied events) says:
 *    connected where the router's interface works, else the least cost
 *    (sum of link metrics) and every equal-cost next hop, or no route when
 *    unreachable. The time from an event until the tables equal the
 *    oracle's again (and stay so until the next event) is the event's
 *    control-plane convergence;
 *  - the data plane: the routers each UDP flow packet was forwarded by (by
 *    packet uid); after an event, the first packet delivered over another
 *    path than before gives the flow's data-plane convergence;
 *  - per router at the end: counters, adjacencies, DR/BDR.
 */
#ifndef IPVPN_OSPF_ROUTER_MONITOR_H
#define IPVPN_OSPF_ROUTER_MONITOR_H

#include "ospf-router-results.h"
#include "ospf-table-oracle.h"
#include "scenario-ospf-section.h"

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipvpn-message-trace.h"
#include "ns3/ipvpn-network-names.h"
#include "ns3/ipvpn-routing-protocol.h"
#include "ns3/ospf-protocol.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{

namespace metrics
{

class OspfMonitor
{
  public:
    using TraceSink = MessageTrace::Sink;

    /// `flowSinks`: the receiving applications of the scenario's flows by
    /// flow index (null for pings).
    OspfMonitor(const scenario::Scenario& scenario,
                const scenario::OspfSection& spec,
                NetworkNames names,
                std::vector<Ptr<Application>> flowSinks);

    void SetTraceSink(TraceSink sink);
    /// Called at each timed event after it was applied.
    void NotifyEvent(const scenario::EventSpec& event);
    /// Reads the final state; call before Simulator::Destroy.
    OspfOutcome Finish();

    /// The scenario's ospf.expect checks on an outcome.
    static std::vector<ExpectationOutcome> Check(const scenario::OspfSection& spec,
                                                 const OspfOutcome& outcome);

  private:
    struct Router
    {
        std::string name;
        Ptr<ospf::Protocol> ospf;
        Ptr<IpvpnRoutingProtocol> routing;
        /// (interface, neighbour router ID) -> first Full, count
        std::map<std::pair<uint32_t, uint32_t>, std::pair<int64_t, uint32_t>> full;
    };

    void Watch(Router& router);
    void Packet(const std::string& node,
                const char* direction,
                uint8_t type,
                Ptr<const ns3::Packet> packet);
    void ScheduleCheck();
    void CheckNow();
    void CloseWindow();
    void Forwarded(const std::string& node, Ptr<const ns3::Packet> packet);
    void Delivered(size_t flow, Ptr<const ns3::Packet> packet);
    std::string LinkOf(const std::string& node, uint32_t ipv4Interface) const;

    const scenario::Scenario& m_scenario;
    NetworkNames m_names;
    std::vector<Router> m_routers;
    std::unique_ptr<OspfTableOracle> m_tables; ///< what the tables should hold
    TraceSink m_trace;
    EventId m_check;
    std::map<std::string, uint64_t> m_lsasInstalled;

    // Convergence windows: the start (index -1) and one per event.
    OspfOutcome m_out;
    int64_t m_windowStartNs = 0;
    bool m_inEventWindow = false;
    bool m_matching = false;
    int64_t m_matchSinceNs = 0;

    // Data plane, per flow (index as the scenario's flows).
    struct FlowWatch
    {
        std::string name;
        std::string from;
        std::string to;
        bool watched = false;
        std::vector<std::string> lastPath;
        std::optional<size_t> pending; ///< convergence entry waiting for a packet
        std::vector<std::string> pathAtEvent;
    };
    std::vector<FlowWatch> m_flows;
    std::map<uint64_t, std::vector<std::string>> m_packetPaths; ///< uid -> routers
};

} // namespace metrics
} // namespace ns3

#endif
