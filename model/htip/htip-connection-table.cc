// SPDX-License-Identifier: GPL-2.0-only
//
// The private network connection management table (seed 004 units 132 and
// 132', [0080], [0124], [0141], [0160]).
#include "htip-connection-table.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace ns3
{
namespace htip
{

namespace
{

/// DNS names compare without ASCII case (RFC 4343 section 3).
bool
SameName(const std::string& a, const std::string& b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

std::string
ProtocolName(uint8_t protocol)
{
    switch (protocol)
    {
    case 1:
        return "L2TP";
    case 2:
        return "PPTP";
    default:
        return "protocol-" + std::to_string(int{protocol});
    }
}

std::string
AddressText(Ipv4Address address)
{
    std::ostringstream os;
    address.Print(os);
    return os.str();
}

} // namespace

std::string
PeerRoleName(PeerRole role)
{
    switch (role)
    {
    case PeerRole::SERVER:
        return "server";
    case PeerRole::CLIENT:
        return "client";
    }
    return "role-" + std::to_string(static_cast<int>(role));
}

bool
Connection::NeedsNat() const
{
    return htip::NeedsNat(own, ownTunnel);
}

bool
Connection::operator==(const Connection& o) const
{
    return peerName == o.peerName && peerAddress == o.peerAddress && vpnProtocol == o.vpnProtocol &&
           tunnelId == o.tunnelId && peerRole == o.peerRole && own == o.own && peer == o.peer &&
           ownTunnel == o.ownTunnel && peerTunnel == o.peerTunnel;
}

std::ostream&
operator<<(std::ostream& os, const Connection& c)
{
    return os << c.peerName << " " << AddressText(c.peerAddress) << " "
              << ProtocolName(c.vpnProtocol) << " tunnel=" << c.tunnelId
              << " peer=" << PeerRoleName(c.peerRole) << " own=" << c.own << " peer-lan=" << c.peer
              << " own-tunnel=" << c.ownTunnel << " peer-tunnel=" << c.peerTunnel
              << " nat=" << (c.NeedsNat() ? "yes" : "no");
}

std::string
ConnectionTable::Add(const Connection& row, bool peerInsideOwn)
{
    if (Find(row.peerAddress))
    {
        return "a row for " + AddressText(row.peerAddress) + " exists";
    }
    // Claim 15, [0167]: the addresses the new tunnel shows the peer's hosts
    // at must be new to this home's hosts.
    if (row.peerTunnel.Overlaps(row.own) &&
        !(peerInsideOwn && row.own.Contains(row.peerTunnel) && row.own != row.peerTunnel))
    {
        return "peer tunnel prefix " + row.peerTunnel.ToString() + " overlaps own prefix " +
               row.own.ToString();
    }
    for (const Connection& r : m_rows)
    {
        if (row.peerTunnel.Overlaps(r.peerTunnel))
        {
            return "peer tunnel prefix " + row.peerTunnel.ToString() + " overlaps " +
                   r.peerTunnel.ToString() + " of " + r.peerName;
        }
    }
    m_rows.push_back(row);
    return "";
}

bool
ConnectionTable::Remove(Ipv4Address peerAddress)
{
    auto it = std::find_if(m_rows.begin(), m_rows.end(), [&](const Connection& r) {
        return r.peerAddress == peerAddress;
    });
    if (it == m_rows.end())
    {
        return false;
    }
    m_rows.erase(it);
    return true;
}

bool
ConnectionTable::SetTunnelId(Ipv4Address peerAddress, uint16_t tunnelId)
{
    for (Connection& r : m_rows)
    {
        if (r.peerAddress == peerAddress)
        {
            r.tunnelId = tunnelId;
            return true;
        }
    }
    return false;
}

const Connection*
ConnectionTable::Find(Ipv4Address peerAddress) const
{
    for (const Connection& r : m_rows)
    {
        if (r.peerAddress == peerAddress)
        {
            return &r;
        }
    }
    return nullptr;
}

const Connection*
ConnectionTable::FindByName(const std::string& peerName) const
{
    for (const Connection& r : m_rows)
    {
        if (SameName(r.peerName, peerName))
        {
            return &r;
        }
    }
    return nullptr;
}

const Connection*
ConnectionTable::FindByPeerTunnelAddress(Ipv4Address address) const
{
    for (const Connection& r : m_rows)
    {
        if (r.peerTunnel.Contains(address))
        {
            return &r;
        }
    }
    return nullptr;
}

GatewayView
ConnectionTable::GetView(const Prefix& own) const
{
    GatewayView view;
    view.own = own;
    for (const Connection& r : m_rows)
    {
        view.inUse.push_back(r.peerTunnel);
    }
    return view;
}

const std::vector<Connection>&
ConnectionTable::GetRows() const
{
    return m_rows;
}

std::size_t
ConnectionTable::GetSize() const
{
    return m_rows.size();
}

} // namespace htip
} // namespace ns3
