/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipvpn-network-names.h"

namespace ns3
{
namespace metrics
{

Ptr<Node>
NetworkNames::GetNode(const std::string& name) const
{
    auto it = nodes.find(name);
    return it == nodes.end() ? nullptr : it->second;
}

const NetworkNames::Device*
NetworkNames::Find(Ptr<NetDevice> device) const
{
    for (const Device& d : devices)
    {
        if (d.device == device)
        {
            return &d;
        }
    }
    return nullptr;
}

std::string
NetworkNames::NodeWithAddress(uint32_t address) const
{
    for (const Device& d : devices)
    {
        if (d.address == address)
        {
            return d.node;
        }
    }
    return "";
}

} // namespace metrics
} // namespace ns3
