/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Installing the home-gateway sections on the built network. A gateway
 * (seed 004 [0061], [0113]) is its node's gateway::RoutingProtocol (router
 * 145 with NAT/NAPT 141: a default route to the ISP, NAPT on the ISP
 * interface) and three applications on the home side: DHCP 144
 * (dhcp::Server), DNS processor 143 (dns::Processor: home names from the
 * leases, the rest forwarded to the home's DNS server) and the web server 147
 * (gateway::WebServer) with a gateway::RecordingTunnelRequester standing in
 * for the tunnelling processor 146A until it exists; and a dns::UpdateClient
 * that registers the domain at the public address from 0 s ([0057],
 * [0059]). Home hosts run dhcp::Client (when their LAN address says `dhcp`)
 * and a dns::StubResolver pointed at the gateway. DNS servers run
 * dns::Server; web servers a gateway::WebServer, its page only.
 */
#ifndef IPVPN_HOMES_BUILDER_H
#define IPVPN_HOMES_BUILDER_H

#include "scenario-homes-section.h"

namespace ns3
{
namespace scenario
{

class Network;
class RunContext;

/// PROTOCOLS stage: gateways, DNS and web servers, home hosts; adds the run part.
void InstallHomes(const HomesSection& h, const Scenario& s, Network& network, RunContext& run);
/// APPLICATIONS stage: the home flows.
void InstallHomeTraffic(const HomesSection& h,
                        const Scenario& s,
                        Network& network,
                        RunContext& run);

} // namespace scenario
} // namespace ns3

#endif
