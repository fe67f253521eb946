/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The run part of the home-gateway feature: what was installed for each
 * home, host, DNS server and home flow (homes-builder.cc fills it), and the
 * `homes` part of results.json read from it at the end of the run: per
 * gateway its registration, NAPT, 1:1 NAT, DHCP, DNS processor and web page
 * counters; per host its address and when DHCP gave it; per DNS server its
 * queries and updates; per flow its DNS answer and HTTP statuses.
 */
#ifndef IPVPN_HOMES_RESULTS_H
#define IPVPN_HOMES_RESULTS_H

#include "scenario-homes-section.h"

#include "ns3/dhcp-client-app.h"
#include "ns3/dhcp-server-app.h"
#include "ns3/dns-processor.h"
#include "ns3/dns-server.h"
#include "ns3/dns-stub-resolver.h"
#include "ns3/dns-update-client.h"
#include "ns3/gateway-routing-protocol.h"
#include "ns3/gateway-tunnel-request.h"
#include "ns3/gateway-web-client.h"
#include "ns3/gateway-web-server.h"
#include "ns3/ipvpn-run-results.h"
#include "ns3/scenario-feature.h"

#include <optional>
#include <string>
#include <vector>

namespace ns3
{
namespace scenario
{

struct GatewayParts
{
    const HomeSpec* home = nullptr;
    Ptr<gateway::RoutingProtocol> routing;
    Ptr<dhcp::Server> dhcp;
    Ptr<dns::Processor> dns;
    Ptr<gateway::WebServer> web;
    Ptr<gateway::RecordingTunnelRequester> requester;
    Ptr<dns::UpdateClient> update;
    std::optional<uint8_t> registrationRcode; ///< set when the registration ended
    Time registrationLatency;
    uint64_t leasesGranted = 0;
};

struct HostParts
{
    std::string node;
    std::string home;
    std::string name;
    bool dhcp = false;
    Ptr<dhcp::Client> client;
    Ptr<dns::StubResolver> resolver;
    Ipv4Address address = Ipv4Address::GetAny(); ///< fixed, or the last DHCP binding (none: 0.0.0.0)
    std::optional<Time> boundAt;
};

struct DnsServerParts
{
    const DnsServerSpec* spec = nullptr;
    Ptr<dns::Server> server;
};

struct HomeFlowParts
{
    const HomeTrafficSpec* spec = nullptr;
    std::optional<dns::ResolveResult> lookup; ///< browse, lookup: the name's answer
    Ptr<gateway::WebClient> client;
    uint32_t sent = 0;                   ///< send: datagrams sent
    std::vector<std::string> receivedBy; ///< send: the node of each datagram received
    Ipv4Address sentTo = Ipv4Address::GetAny(); ///< send: the address (resolved when a name)
    uint32_t replies = 0;                       ///< send with reply: echoes received back
};

/// Everything the feature installed, read into results.json at the end.
class HomesRun : public FeatureRun
{
  public:
    void Finish(metrics::RunResults& results) override;

    std::vector<GatewayParts> gateways;
    std::vector<HostParts> hosts;
    std::vector<DnsServerParts> dnsServers;
    std::vector<HomeFlowParts> flows;

    HostParts* FindHost(const std::string& node);
};

} // namespace scenario
} // namespace ns3

#endif
