/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ipvpn-address-index.h"

#include <algorithm>

namespace ns3
{

void
IpvpnAddressIndex::Rebuild(Ptr<Ipv4> ipv4)
{
    m_holders.clear();
    m_size = 0;
    if (!ipv4)
    {
        return;
    }
    for (uint32_t i = 0; i < ipv4->GetNInterfaces(); ++i)
    {
        for (uint32_t a = 0; a < ipv4->GetNAddresses(i); ++a)
        {
            Add(i, ipv4->GetAddress(i, a).GetLocal());
        }
    }
}

void
IpvpnAddressIndex::Add(uint32_t interface, Ipv4Address address)
{
    std::vector<uint32_t>& holders = m_holders[address];
    holders.insert(std::upper_bound(holders.begin(), holders.end(), interface), interface);
    ++m_size;
}

void
IpvpnAddressIndex::Remove(uint32_t interface, Ipv4Address address)
{
    auto it = m_holders.find(address);
    if (it == m_holders.end())
    {
        return;
    }
    std::vector<uint32_t>& holders = it->second;
    auto at = std::lower_bound(holders.begin(), holders.end(), interface);
    if (at == holders.end() || *at != interface)
    {
        return;
    }
    holders.erase(at);
    --m_size;
    if (holders.empty())
    {
        m_holders.erase(it);
    }
}

int32_t
IpvpnAddressIndex::Find(Ipv4Address address) const
{
    auto it = m_holders.find(address);
    return it == m_holders.end() ? -1 : static_cast<int32_t>(it->second.front());
}

int32_t
IpvpnAddressIndex::Find(Ipv4Address address, const Callback<bool, uint32_t>& accept) const
{
    auto it = m_holders.find(address);
    if (it == m_holders.end())
    {
        return -1;
    }
    for (uint32_t interface : it->second)
    {
        if (accept.IsNull() || accept(interface))
        {
            return static_cast<int32_t>(interface);
        }
    }
    return -1;
}

std::size_t
IpvpnAddressIndex::GetSize() const
{
    return m_size;
}

} // namespace ns3
