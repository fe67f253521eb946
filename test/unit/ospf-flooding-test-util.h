/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Helpers shared by the flooding engine tests: the names of its types, a
 * Router-LSA to flood, what an Output holds, and router B between A and C
 * over two point-to-point interfaces with both adjacencies Full.
 */
#ifndef IPVPN_OSPF_FLOODING_TEST_UTIL_H
#define IPVPN_OSPF_FLOODING_TEST_UTIL_H

#include "ns3/ospf-flooding-engine.h"
#include "ns3/ospf-lsa-header.h"
#include "ns3/ospf-lsa.h"
#include "ns3/ospf-lsdb.h"

#include <catch2/catch.hpp>
#include <cstddef>
#include <cstdint>
#include <set>

namespace ns3
{
namespace ospftest
{

using namespace ns3::ospf;

using FE = FloodingEngine;
using Type = FE::ActionType;
using Reason = FE::DiscardReason;
using NState = FE::NeighborState;
using IState = FE::InterfaceState;

inline const Ipv4Address A("1.1.1.1");
inline const Ipv4Address B("2.2.2.2");
inline const Ipv4Address C("3.3.3.3");

/// A Router-LSA with one link (length 36, A.4.2); the checksum is set by
/// hand, the engine leaves checksum validation to its caller.
inline Lsa
RouterLsa(Ipv4Address advertisingRouter,
          int32_t sequence,
          uint16_t age = 0,
          uint16_t checksum = 0x1000,
          uint16_t metric = 10)
{
    Lsa lsa;
    lsa.header.SetType(LS_ROUTER);
    lsa.header.SetLinkStateId(advertisingRouter);
    lsa.header.SetAdvertisingRouter(advertisingRouter);
    lsa.header.SetSequenceNumber(sequence);
    lsa.header.SetChecksum(checksum);
    lsa.header.SetAge(age);
    RouterLsaBody body;
    RouterLink link;
    link.linkId = Ipv4Address("10.0.0.0");
    link.linkData = Ipv4Address("255.255.255.0");
    link.type = LINK_STUB;
    link.metric = metric;
    body.links.push_back(link);
    lsa.body = body;
    lsa.header.SetLength(36);
    return lsa;
}

inline LsaKey
KeyOf(const Lsa& lsa)
{
    return lsa.header.GetKey();
}

inline std::set<uint32_t>
FloodInterfaces(const FE::Output& out)
{
    std::set<uint32_t> ids;
    for (const auto& a : out.Of(Type::FLOOD))
    {
        ids.insert(a.interfaceId);
    }
    return ids;
}

inline std::size_t
Count(const FE::Output& out, Type type)
{
    return out.Of(type).size();
}

inline bool
Discarded(const FE::Output& out, Reason reason)
{
    for (const auto& a : out.Of(Type::DISCARD))
    {
        if (a.reason == reason)
        {
            return true;
        }
    }
    return false;
}

inline bool
OnRetransmissionList(const FE& e, const FE::NeighborId& n, const LsaKey& key)
{
    const FE::Neighbor* neighbor = e.FindNeighbor(n);
    REQUIRE(neighbor != nullptr);
    return neighbor->retransmissions.Contains(key);
}

inline const FE::NeighborId fromA{1, A};
inline const FE::NeighborId toC{2, C};

/// Router B between A (point-to-point interface 1) and C (point-to-point
/// interface 2), both adjacencies Full.
inline FE
MakeB()
{
    FE::Config config;
    config.routerId = B;
    FE e(config);
    e.AddInterface(1, FE::NetworkType::POINT_TO_POINT, IState::POINT_TO_POINT);
    e.AddInterface(2, FE::NetworkType::POINT_TO_POINT, IState::POINT_TO_POINT);
    e.AddNeighbor(fromA, NState::FULL);
    e.AddNeighbor(toC, NState::FULL);
    return e;
}

} // namespace ospftest
} // namespace ns3

#endif /* IPVPN_OSPF_FLOODING_TEST_UTIL_H */
