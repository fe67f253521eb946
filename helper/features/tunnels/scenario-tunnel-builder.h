/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Builds a scenario's RADIUS servers and L2TP tunnels on the built network: per tunnel a LAC/LNS pair of control connections
 * with one PPP session (l2tp::SessionNetDevice + ppp::Endpoint); where a
 * tunnel end must authorise its peer, a RADIUS client on that end and an
 * L2tpRadiusAuthorizer holding the control connection until the answer.
 * A RADIUS server runs on its own node (central layout) or on the LNS
 * router itself (the seed's layout: client and server inside the router).
 */
#ifndef IPVPN_SCENARIO_TUNNEL_BUILDER_H
#define IPVPN_SCENARIO_TUNNEL_BUILDER_H

#include "scenario-tunnel-section.h"

#include "ns3/l2tp-radius-authorizer.h"
#include "ns3/l2tp-tunnel-helper.h"
#include "ns3/radius-client.h"
#include "ns3/radius-server.h"

#include <map>
#include <string>
#include <vector>

namespace ns3
{
namespace scenario
{

/// What one end's RADIUS check is made of.
struct BuiltAuthorization
{
    Ptr<radius::Client> client;
    Ptr<L2tpRadiusAuthorizer> authorizer;
};

struct BuiltTunnel
{
    const TunnelSpec* spec = nullptr;
    L2tpTunnelHelper::Tunnel tunnel;
    BuiltAuthorization lnsAuth; ///< the LNS checks the LAC (empty without auth)
    BuiltAuthorization lacAuth; ///< the LAC checks the LNS (mutual_auth)
};

struct BuiltRadiusServer
{
    const RadiusServerSpec* spec = nullptr;
    Ptr<radius::Server> server;
    Ipv4Address address; ///< where clients send
};

class Network;

class TunnelBuilder
{
  public:
    TunnelBuilder(const Scenario& scenario, const TunnelsSection& section, Network& network);

    /// Installs everything; uses fixed random streams from `nextStream` on.
    /// The tunnels' session interfaces go down and up with their nodes.
    void Build(int64_t& nextStream);

    const std::vector<BuiltTunnel>& GetTunnels() const;
    const std::vector<BuiltRadiusServer>& GetRadiusServers() const;

  private:
    /// A node's first interface address: where its peers reach it through
    /// the core.
    Ipv4Address AddressOf(const std::string& node) const;

    BuiltAuthorization Authorize(Ptr<l2tp::ControlConnection> end,
                                 const std::string& endNode,
                                 const std::string& peerHostName,
                                 const TunnelAuthSpec& auth);

    const Scenario& m_scenario;
    const TunnelsSection& m_section;
    Network& m_network;
    std::vector<BuiltTunnel> m_tunnels;
    std::vector<BuiltRadiusServer> m_servers;
};

} // namespace scenario
} // namespace ns3

#endif
