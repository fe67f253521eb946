/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "scenario-tunnel-builder.h"

#include "ns3/scenario-network.h"

#include "ns3/ipv4.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace scenario
{

namespace
{

/// Every IPv4 address of a node but the loopback: a RADIUS request may
/// leave by any interface, and the server knows its clients by address.
std::vector<Ipv4Address>
AddressesOf(Ptr<Node> node)
{
    std::vector<Ipv4Address> out;
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    for (uint32_t i = 1; ipv4 && i < ipv4->GetNInterfaces(); ++i)
    {
        for (uint32_t j = 0; j < ipv4->GetNAddresses(i); ++j)
        {
            out.push_back(ipv4->GetAddress(i, j).GetLocal());
        }
    }
    return out;
}

} // namespace

TunnelBuilder::TunnelBuilder(const Scenario& scenario,
                                             const TunnelsSection& section,
                                             Network& network)
    : m_scenario(scenario),
      m_section(section),
      m_network(network)
{
}

Ipv4Address
TunnelBuilder::AddressOf(const std::string& node) const
{
    for (const BuiltInterface& intf : m_network.Interfaces())
    {
        if (intf.node == node)
        {
            return Ipv4Address(intf.address.address);
        }
    }
    return Ipv4Address::GetAny();
}

void
TunnelBuilder::Build(int64_t& nextStream)
{
    // Servers first, each knowing every node that will ask it.
    for (const RadiusServerSpec& spec : m_section.servers)
    {
        BuiltRadiusServer built;
        built.spec = &spec;
        built.server = CreateObject<radius::Server>();
        for (const RadiusUserSpec& user : spec.users)
        {
            built.server->AddUser(user.name, user.password);
        }
        for (const TunnelSpec& t : m_section.tunnels)
        {
            std::vector<std::string> askers;
            if (t.auth && t.auth->server == spec.name)
            {
                askers.push_back(t.lns);
            }
            if (t.mutualAuth && t.mutualAuth->server == spec.name)
            {
                askers.push_back(t.lac);
            }
            for (const std::string& asker : askers)
            {
                for (Ipv4Address a : AddressesOf(m_network.GetNode(asker)))
                {
                    built.server->AddClient(a, spec.secret);
                }
            }
        }
        built.address = AddressOf(spec.node);
        m_network.GetNode(spec.node)->AddApplication(built.server);
        built.server->SetStartTime(Seconds(0));
        m_servers.push_back(built);
    }

    for (size_t i = 0; i < m_section.tunnels.size(); ++i)
    {
        const TunnelSpec& t = m_section.tunnels[i];
        L2tpTunnelHelper helper;
        helper.SetSecret(t.secret);
        helper.SetHostNames(t.lac, t.lns);
        // Tunnel IDs are local to each end; one per tunnel keeps the ends of
        // several tunnels on one node apart.
        const auto id = static_cast<uint16_t>(i + 1);
        helper.SetTunnelIds(id, id);
        helper.SetSessionEnabled(t.session);
        helper.SetTunnelAddresses(Ipv4Address(t.lacAddress->address),
                                  Ipv4Address(t.lnsAddress->address),
                                  Ipv4Mask(t.lacAddress->Mask()));
        helper.SetStartTime(NanoSeconds(t.startNs));
        helper.SetControlAttribute("HelloInterval", TimeValue(NanoSeconds(*t.helloIntervalNs)));
        helper.SetControlAttribute("RetransmitTimeout", TimeValue(NanoSeconds(*t.retransmitNs)));
        helper.SetControlAttribute("MaxRetransmissions", UintegerValue(*t.maxRetransmissions));
        helper.SetPppAttribute("EchoInterval", TimeValue(NanoSeconds(*t.lcpEchoIntervalNs)));

        BuiltTunnel built;
        built.spec = &t;
        built.tunnel = helper.Install(m_network.GetNode(t.lac),
                                      m_network.GetNode(t.lns),
                                      AddressOf(t.lns),
                                      AddressOf(t.lac));
        nextStream += helper.AssignStreams(built.tunnel, nextStream);
        if (t.auth)
        {
            built.lnsAuth = Authorize(built.tunnel.lns, t.lns, t.lac, *t.auth);
            nextStream += built.lnsAuth.client->AssignStreams(nextStream);
        }
        if (t.mutualAuth)
        {
            built.lacAuth = Authorize(built.tunnel.lac, t.lac, t.lns, *t.mutualAuth);
            nextStream += built.lacAuth.client->AssignStreams(nextStream);
        }
        // A failed node's session interface fails with it.
        for (const auto& [node, interface] : {std::make_pair(t.lac, built.tunnel.lacInterface),
                                              std::make_pair(t.lns, built.tunnel.lnsInterface)})
        {
            if (interface >= 0)
            {
                m_network.AddNodeBoundInterface(node, static_cast<uint32_t>(interface));
            }
        }
        m_tunnels.push_back(built);
    }
}

BuiltAuthorization
TunnelBuilder::Authorize(Ptr<l2tp::ControlConnection> end,
                         const std::string& endNode,
                         const std::string& peerHostName,
                         const TunnelAuthSpec& auth)
{
    const BuiltRadiusServer* server = nullptr;
    for (const BuiltRadiusServer& s : m_servers)
    {
        server = s.spec->name == auth.server ? &s : server;
    }
    NS_ABORT_MSG_UNLESS(server, "TunnelBuilder: RADIUS server '" << auth.server << "' was not built");

    BuiltAuthorization built;
    built.client = CreateObject<radius::Client>();
    built.client->SetAttribute("NasIdentifier", StringValue(endNode));
    built.client->SetAttribute("NasIpAddress", Ipv4AddressValue(AddressOf(endNode)));
    built.client->SetAttribute("RetransmitTimeout", TimeValue(NanoSeconds(*auth.timeoutNs)));
    // MaxTransmissions counts the first one too.
    built.client->SetAttribute("MaxTransmissions", UintegerValue(*auth.retries + 1));
    built.client->AddServer(server->address, 1812, server->spec->secret); // RFC 2865 section 3
    m_network.GetNode(endNode)->AddApplication(built.client);
    built.client->SetStartTime(Seconds(0));

    built.authorizer = CreateObject<L2tpRadiusAuthorizer>();
    built.authorizer->SetClient(built.client);
    built.authorizer->AddCredential(peerHostName, auth.password);
    built.authorizer->Install(end);
    return built;
}

const std::vector<BuiltTunnel>&
TunnelBuilder::GetTunnels() const
{
    return m_tunnels;
}

const std::vector<BuiltRadiusServer>&
TunnelBuilder::GetRadiusServers() const
{
    return m_servers;
}

} // namespace scenario
} // namespace ns3
