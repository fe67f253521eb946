/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The Designated Router election of RFC 2328 section 9.4 as a pure
 * function: the calculating router (Router X) and its bidirectional
 * neighbors in, the new Designated Router and Backup Designated Router
 * out. ospf::InterfaceFsm runs it for the WaitTimer, BackupSeen and
 * NeighborChange events of section 9.3.
 *
 * Routers are named by their IP interface address on the network, as
 * broadcast networks do in Hello packets (the Designated Router and Backup
 * Designated Router fields, and "Hello Packet's Designated Router field =
 * Neighbor IP address" of 10.5); 0.0.0.0 means none.
 *
 * Choices where RFC 2328 leaves freedom:
 *  - Router IDs are compared as unsigned 32-bit numbers.
 *  - Step 6 (NBMA: the neighbor event Start for priority 0 neighbors) is
 *    not modelled; only broadcast networks elect here.
 */
#ifndef IPVPN_OSPF_DR_ELECTION_H
#define IPVPN_OSPF_DR_ELECTION_H

#include "ns3/ipv4-address.h"

#include <cstdint>
#include <ostream>
#include <vector>

namespace ns3
{
namespace ospf
{

/**
 * One router on the election's list (9.4): Router X itself, or a neighbor
 * in state 2-Way or greater, with what it declares in its Hello packets.
 * For Router X the declarations are the interface's current Designated
 * Router and Backup Designated Router (step 1).
 */
struct ElectionRouter
{
    Ipv4Address routerId = Ipv4Address::GetAny();
    Ipv4Address address = Ipv4Address::GetAny(); ///< IP interface address on the network
    uint8_t priority = 1;                        ///< Router Priority; 0: never elected
    /// its Hello's Designated Router field
    Ipv4Address declaredDr = Ipv4Address::GetAny();
    /// its Hello's Backup Designated Router field
    Ipv4Address declaredBdr = Ipv4Address::GetAny();
};

/// What the section 9.4 election decided.
struct ElectionResult
{
    /// new Designated Router (interface address), 0.0.0.0: none
    Ipv4Address dr = Ipv4Address::GetAny();
    /// new Backup Designated Router, 0.0.0.0: none
    Ipv4Address bdr = Ipv4Address::GetAny();
    Ipv4Address drRouterId = Ipv4Address::GetAny();  ///< 0.0.0.0: none
    Ipv4Address bdrRouterId = Ipv4Address::GetAny(); ///< 0.0.0.0: none
    /// Step 4: Router X's own role changed after steps 2 and 3, so they ran
    /// a second time.
    bool repeated = false;
    /// Step 7: the identity of the Designated Router or of the Backup
    /// Designated Router differs from step 1's values.
    bool changed = false;
    /// Step 7: the neighbors (by address) that get the event AdjOK?: all
    /// of them when `changed`, none otherwise.
    std::vector<Ipv4Address> adjOk;

    /// Router X is the new Designated Router (step 5: state DR).
    bool selfIsDr = false;
    /// Router X is the new Backup Designated Router (step 5: state Backup).
    bool selfIsBdr = false;
};

/**
 * RFC 2328 9.4, steps 1 to 5 and 7.
 * \param self Router X; its declarations are the interface's current
 *        Designated Router and Backup Designated Router (step 1).
 * \param neighbors the neighbors in state 2-Way or greater on the network,
 *        with their Hello packets' declarations.
 */
ElectionResult ElectDesignatedRouter(const ElectionRouter& self,
                                     const std::vector<ElectionRouter>& neighbors);

std::ostream& operator<<(std::ostream& os, const ElectionResult& result);

} // namespace ospf
} // namespace ns3

#endif // IPVPN_OSPF_DR_ELECTION_H
