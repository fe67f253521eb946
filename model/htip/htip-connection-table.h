/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The private network connection management table (seed 004 units 132 and
 * 132', [0068], [0080], [0124], [0141], [0160]): one row per tunnel to
 * another home, with the seed's columns. A plain container, no ns-3
 * objects; rows go when their tunnel ends.
 */
#ifndef IPVPN_HTIP_CONNECTION_TABLE_H
#define IPVPN_HTIP_CONNECTION_TABLE_H

#include "htip-negotiation.h"
#include "htip-prefix.h"

#include "ns3/ipv4-address.h"

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{
namespace htip
{

/// What the peer gateway is for this tunnel's VPN protocol.
enum class PeerRole : uint8_t
{
    SERVER, ///< the peer is the VPN server (L2TP LNS): we requested
    CLIENT, ///< the peer is the VPN client (L2TP LAC): it requested
};

/// "server" or "client".
std::string PeerRoleName(PeerRole role);

/// One row.
struct Connection
{
    std::string peerName;    ///< the peer gateway's domain name
    Ipv4Address peerAddress; ///< its public address
    uint8_t vpnProtocol = 1; ///< VpnProtocol (L2TP)
    uint16_t tunnelId = 0;   ///< our L2TP Tunnel ID; 0 until the tunnel is up
    PeerRole peerRole = PeerRole::SERVER;
    Prefix own;        ///< our LAN's prefix
    Prefix peer;       ///< the peer LAN's prefix
    Prefix ownTunnel;  ///< our prefix inside the tunnel
    Prefix peerTunnel; ///< the peer's prefix inside the tunnel

    /// NAT at our tunnel end: own and ownTunnel differ ([0079]).
    bool NeedsNat() const;
    bool operator==(const Connection& o) const;
};

/// One line: `gw-b.example 211.32.119.136 L2TP tunnel=3 peer=server own=10.0.0.0/24 ...`.
std::ostream& operator<<(std::ostream& os, const Connection& c);

/// The table of one gateway.
class ConnectionTable
{
  public:
    /**
     * Adds a row. \return an empty string, or why it is refused: a row for
     * the same peer address exists, or the row's peerTunnel overlaps the
     * own prefix of \p row or another row's peerTunnel (claim 15).
     * \param peerInsideOwn accept a peerTunnel lying inside the own prefix:
     *        the first embodiment's nested case ([0074], Fig. 7), which
     *        the seed allows and the second embodiment's NAK avoids
     */
    std::string Add(const Connection& row, bool peerInsideOwn = false);
    /// Removes the row of \p peerAddress. \return whether there was one.
    bool Remove(Ipv4Address peerAddress);
    /// Sets the tunnel ID of the row of \p peerAddress. \return whether there was one.
    bool SetTunnelId(Ipv4Address peerAddress, uint16_t tunnelId);

    const Connection* Find(Ipv4Address peerAddress) const;
    /// The row whose peer has this domain name (compared without case, RFC 4343).
    const Connection* FindByName(const std::string& peerName) const;
    /// The row whose peerTunnel holds \p address (where a host's packet for it goes).
    const Connection* FindByPeerTunnelAddress(Ipv4Address address) const;

    /// `own` with every row's peerTunnel as in-use: what a new negotiation must avoid.
    GatewayView GetView(const Prefix& own) const;
    /// The rows in the order they were added.
    const std::vector<Connection>& GetRows() const;
    std::size_t GetSize() const;

  private:
    std::vector<Connection> m_rows;
};

} // namespace htip
} // namespace ns3

#endif /* IPVPN_HTIP_CONNECTION_TABLE_H */
