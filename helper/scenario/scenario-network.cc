/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "scenario-network.h"

#include "ns3/abort.h"
#include "ns3/ipv4.h"

namespace ns3
{
namespace scenario
{

Network::Network(const Scenario& scenario)
    : m_scenario(scenario),
      m_linkInterfaces(scenario.links.size()),
      m_topology(scenario)
{
}

const Scenario&
Network::Spec() const
{
    return m_scenario;
}

void
Network::AddNode(const std::string& name, Ptr<Node> node)
{
    m_nodes[name] = node;
}

Ptr<Node>
Network::GetNode(const std::string& name) const
{
    auto it = m_nodes.find(name);
    return it == m_nodes.end() ? nullptr : it->second;
}

size_t
Network::AddInterface(BuiltInterface interface)
{
    const int li = m_scenario.LinkIndex(interface.link);
    NS_ABORT_MSG_IF(li < 0, "interface on unknown link " << interface.link);
    m_linkInterfaces[li].push_back(m_interfaces.size());
    m_interfaces.push_back(std::move(interface));
    return m_interfaces.size() - 1;
}

const std::vector<BuiltInterface>&
Network::Interfaces() const
{
    return m_interfaces;
}

void
Network::SetPcapFile(size_t interfaceIndex, const std::string& file)
{
    m_interfaces.at(interfaceIndex).pcapFile = file;
}

const std::vector<size_t>&
Network::InterfacesOfLink(size_t linkIndex) const
{
    return m_linkInterfaces.at(linkIndex);
}

void
Network::AddFlow(BuiltFlow flow)
{
    m_flows.push_back(std::move(flow));
}

const std::vector<BuiltFlow>&
Network::Flows() const
{
    return m_flows;
}

int64_t&
Network::NextStream()
{
    return m_nextStream;
}

void
Network::AddNodeBoundInterface(const std::string& node, uint32_t ipv4Interface)
{
    m_nodeBound.emplace_back(node, ipv4Interface);
}

void
Network::SetCoreRouting(std::unique_ptr<CoreRouting> routing)
{
    m_routing = std::move(routing);
}

CoreRouting&
Network::GetCoreRouting()
{
    NS_ABORT_MSG_UNLESS(m_routing, "no core routing installed");
    return *m_routing;
}

void
Network::OnRoutesChanged(std::function<void()> listener)
{
    m_routesChanged.push_back(std::move(listener));
}

void
Network::NotifyRoutesChanged()
{
    for (const auto& listener : m_routesChanged)
    {
        listener();
    }
}

bool
Network::ApplyTopologyEvent(const EventSpec& event)
{
    if (!m_topology.ApplyEvent(event))
    {
        return false;
    }
    if (RefreshInterfaceStates() && m_routing)
    {
        m_routing->InterfacesChanged(*this);
    }
    return true;
}

const TopologyGraph&
Network::WorkingTopology() const
{
    return m_topology;
}

bool
Network::ShouldBeUp(size_t index) const
{
    const BuiltInterface& intf = m_interfaces[index];
    if (!m_topology.IsLinkUp(intf.link) || !m_topology.IsNodeUp(intf.node))
    {
        return false;
    }
    // A point-to-point interface loses its carrier when the far end fails;
    // a CSMA segment stays up for the remaining stations.
    const int li = m_scenario.LinkIndex(intf.link);
    if (m_scenario.links[li].type == LinkType::P2P)
    {
        for (size_t other : m_linkInterfaces[li])
        {
            if (other != index && !m_topology.IsNodeUp(m_interfaces[other].node))
            {
                return false;
            }
        }
    }
    return true;
}

bool
Network::RefreshInterfaceStates()
{
    bool changed = false;
    for (size_t i = 0; i < m_interfaces.size(); ++i)
    {
        BuiltInterface& intf = m_interfaces[i];
        Ptr<Ipv4> ipv4 = GetNode(intf.node)->GetObject<Ipv4>();
        const bool up = ShouldBeUp(i);
        if (ipv4->IsUp(intf.ipv4Interface) == up)
        {
            continue;
        }
        changed = true;
        const double loss = m_scenario.FindLink(intf.link)->lossRate;
        if (up)
        {
            ipv4->SetUp(intf.ipv4Interface);
            intf.receiveErrors->SetRate(loss);
            if (loss == 0)
            {
                intf.receiveErrors->Disable();
            }
        }
        else
        {
            ipv4->SetDown(intf.ipv4Interface);
            intf.receiveErrors->SetRate(1.0);
            intf.receiveErrors->Enable();
        }
    }
    // Interfaces of a feature's own fail and recover with their node.
    for (const auto& [node, interface] : m_nodeBound)
    {
        Ptr<Ipv4> ipv4 = GetNode(node)->GetObject<Ipv4>();
        const bool up = m_topology.IsNodeUp(node);
        if (ipv4->IsUp(interface) == up)
        {
            continue;
        }
        changed = true;
        if (up)
        {
            ipv4->SetUp(interface);
        }
        else
        {
            ipv4->SetDown(interface);
        }
    }
    return changed;
}

metrics::NetworkNames
Network::Names() const
{
    metrics::NetworkNames names;
    names.nodes = m_nodes;
    for (const BuiltInterface& intf : m_interfaces)
    {
        names.devices.push_back(
            {intf.node, intf.link, intf.device, intf.address.address, intf.address.length});
    }
    return names;
}

} // namespace scenario
} // namespace ns3
