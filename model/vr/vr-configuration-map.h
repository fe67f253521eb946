/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The VPN configuration map of one VR port (seed 000, unit 35, Fig. 6B):
 * which other ports of its VPN exist, on which routers, with which tunnel.
 * The seed asks for "at least a list of router IDs" of the routers holding
 * ports of the VPN, optionally the ports' IP addresses; the map keeps both,
 * with the tunnel ID of S5 and the state of each peer.
 */
#ifndef IPVPN_VR_CONFIGURATION_MAP_H
#define IPVPN_VR_CONFIGURATION_MAP_H

#include "vr-vpn-id.h"

#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{
namespace vr
{

/// Where the set-up with one peer VR port stands.
enum class PeerState : uint8_t
{
    DISCOVERED,     ///< known from its ACK (S3) or addition (S13), no tunnel yet
    AUTHENTICATING, ///< L2TP and RADIUS under way (S5 client, S15 server)
    EXCHANGING,     ///< tunnel up, routes being exchanged (S7, S18)
    UP,             ///< routing table updated (S8, S19)
    FAILED,         ///< authentication failed (S6, S21)
    SILENT,         ///< no monitoring reply, hold timer running (S32-S35)
};

/// "DISCOVERED", "AUTHENTICATING", ...
std::string PeerStateName(PeerState state);
std::ostream& operator<<(std::ostream& os, PeerState state);

/// One row of Fig. 6B: a peer VR port of the same VPN.
struct MapEntry
{
    Ipv4Address portAddress = Ipv4Address::GetAny(); ///< the peer port's own address (the key)
    VpnId vpnId;                                     ///< its VPN identifier
    Ipv4Address routerId = Ipv4Address::GetAny();    ///< the router that holds it
    uint16_t tunnelId = 0;                           ///< L2TP tunnel ID of S5/S15; 0 = none yet
    PeerState state = PeerState::DISCOVERED;
    Time added;   ///< when the row was added
    Time changed; ///< when the state or tunnel ID last changed

    bool operator==(const MapEntry& o) const;
    bool operator!=(const MapEntry& o) const;
};

/// `port=10.2.0.1 vpn=00a0c9:00000001 router=10.0.0.20 tunnel=5 state=UP added=+1s`
std::ostream& operator<<(std::ostream& os, const MapEntry& entry);

/**
 * The rows, keyed by the peer port's address, iterated in ascending address
 * order (stable whatever the order of arrival). A pure container: it
 * decides nothing; vr::MembershipEngine fills it at S4, S17 and S37.
 */
class ConfigurationMap
{
  public:
    using Entries = std::map<Ipv4Address, MapEntry>;
    using const_iterator = Entries::const_iterator;

    /**
     * Adds a row.
     * \return false (and the map unchanged) when a row for that port exists.
     */
    bool Add(const MapEntry& entry);
    /**
     * Replaces the row of entry.portAddress, keeping its `added` time.
     * \return false (and the map unchanged) when there is no such row.
     */
    bool Update(const MapEntry& entry);
    /// Sets the state and `changed`. \return false when there is no such row.
    bool SetState(Ipv4Address port, PeerState state, Time now);
    /// Sets the tunnel ID and `changed`. \return false when there is no such row.
    bool SetTunnelId(Ipv4Address port, uint16_t tunnelId, Time now);
    /// \return false when there was no such row.
    bool Remove(Ipv4Address port);
    void Clear();

    /// The row, or nullptr.
    const MapEntry* Find(Ipv4Address port) const;
    bool Contains(Ipv4Address port) const;
    std::size_t GetSize() const;
    bool IsEmpty() const;
    /// The rows in ascending port-address order.
    std::vector<MapEntry> GetEntries() const;
    /// The distinct router IDs of the rows, ascending (the seed's minimum map).
    std::vector<Ipv4Address> GetRouterIds() const;
    /// Ports of the rows in `state`, ascending.
    std::vector<Ipv4Address> GetPorts(PeerState state) const;

    const_iterator begin() const;
    const_iterator end() const;

    /// One line per row (operator<< of MapEntry), "\n" after each; nothing when empty.
    void Print(std::ostream& os) const;

  private:
    Entries m_entries;
};

std::ostream& operator<<(std::ostream& os, const ConfigurationMap& map);

} // namespace vr
} // namespace ns3

#endif /* IPVPN_VR_CONFIGURATION_MAP_H */
