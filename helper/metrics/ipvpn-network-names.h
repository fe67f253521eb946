/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The names a scenario gave to the ns-3 objects it built: nodes by name,
 * and each link endpoint's device with its node, link and address. Monitors
 * use it to put names on what they observe through trace sources; it is
 * plain data, so they need no builder to get at the network.
 */
#ifndef IPVPN_NETWORK_NAMES_H
#define IPVPN_NETWORK_NAMES_H

#include "ns3/net-device.h"
#include "ns3/node.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ns3
{
namespace metrics
{

struct NetworkNames
{
    struct Device
    {
        std::string node;
        std::string link;
        Ptr<NetDevice> device;
        uint32_t address = 0; ///< IPv4 interface address, host byte order
        uint8_t prefixLength = 0;
    };

    std::map<std::string, Ptr<Node>> nodes;
    std::vector<Device> devices; ///< in link order, endpoints in file order

    /// The node, or null.
    Ptr<Node> GetNode(const std::string& name) const;
    /// The endpoint a device belongs to, or null for devices the scenario
    /// did not name (tunnel and loopback devices).
    const Device* Find(Ptr<NetDevice> device) const;
    /// The node owning an interface address, or an empty string.
    std::string NodeWithAddress(uint32_t address) const;
};

} // namespace metrics
} // namespace ns3

#endif
