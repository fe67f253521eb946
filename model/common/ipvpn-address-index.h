/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Which interfaces of a node hold an IPv4 address, in one hash lookup.
 * ns-3's Ipv4::GetInterfaceForAddress walks every interface's addresses;
 * the routing asks it for nearly every packet (local delivery), and an edge
 * router with many VR ports has hundreds of interfaces. The index is kept
 * from the routing protocol's address notifications (Ipv4L3Protocol sends
 * one for every address added or removed, up or down alike), after one
 * Rebuild() from the node's interfaces when the routing gets its Ipv4.
 */
#ifndef IPVPN_ADDRESS_INDEX_H
#define IPVPN_ADDRESS_INDEX_H

#include "ns3/callback.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace ns3
{

class IpvpnAddressIndex
{
  public:
    /// Forgets everything and indexes every address of `ipv4`'s interfaces.
    void Rebuild(Ptr<Ipv4> ipv4);
    /// One more holding of `address` by `interface` (an interface may hold
    /// one address twice; each removal takes one away).
    void Add(uint32_t interface, Ipv4Address address);
    void Remove(uint32_t interface, Ipv4Address address);
    /// The lowest interface holding `address` (as
    /// Ipv4::GetInterfaceForAddress answers), or -1.
    int32_t Find(Ipv4Address address) const;
    /// The lowest interface holding `address` that `accept` takes, or -1.
    int32_t Find(Ipv4Address address, const Callback<bool, uint32_t>& accept) const;
    /// Number of (interface, address) holdings.
    std::size_t GetSize() const;

  private:
    struct AddressHash
    {
        std::size_t
        operator()(Ipv4Address address) const noexcept
        {
            return address.Get();
        }
    };

    /// The interfaces holding each address, in ascending order.
    std::unordered_map<Ipv4Address, std::vector<uint32_t>, AddressHash> m_holders;
    std::size_t m_size{0};
};

} // namespace ns3

#endif
