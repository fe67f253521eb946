/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Helpers shared by the SPF engine tests: the names of its types, the links
 * of a Router-LSA, Router-LSAs and Network-LSAs, and the tree's vertex types.
 */
#ifndef IPVPN_OSPF_SPF_TEST_UTIL_H
#define IPVPN_OSPF_SPF_TEST_UTIL_H

#include "ns3/ospf-lsa-header.h"
#include "ns3/ospf-lsa.h"
#include "ns3/ospf-spf-engine.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace ns3
{
namespace ospftest
{

using namespace ns3::ospf;

using NextHop = SpfEngine::NextHop;
using Interface = SpfEngine::Interface;

inline RouterLink
P2p(Ipv4Address neighbor, Ipv4Address ownAddress, uint16_t cost)
{
    RouterLink link;
    link.type = LINK_POINT_TO_POINT;
    link.linkId = neighbor;
    link.linkData = ownAddress;
    link.metric = cost;
    return link;
}

inline RouterLink
Transit(Ipv4Address drAddress, Ipv4Address ownAddress, uint16_t cost)
{
    RouterLink link;
    link.type = LINK_TRANSIT;
    link.linkId = drAddress;
    link.linkData = ownAddress;
    link.metric = cost;
    return link;
}

inline RouterLink
Stub(Ipv4Address network, Ipv4Mask mask, uint16_t cost)
{
    RouterLink link;
    link.type = LINK_STUB;
    link.linkId = network;
    link.linkData = Ipv4Address(mask.Get());
    link.metric = cost;
    return link;
}

inline Lsa
RouterLsa(Ipv4Address id, std::vector<RouterLink> links, uint16_t age = 0)
{
    Lsa lsa;
    lsa.header.SetType(LS_ROUTER);
    lsa.header.SetLinkStateId(id);
    lsa.header.SetAdvertisingRouter(id);
    lsa.header.SetSequenceNumber(INITIAL_SEQUENCE_NUMBER);
    lsa.header.SetAge(age);
    RouterLsaBody body;
    body.links = std::move(links);
    lsa.body = std::move(body);
    return lsa;
}

inline Lsa
NetworkLsa(Ipv4Address drAddress,
           Ipv4Address drRouter,
           Ipv4Mask mask,
           std::vector<Ipv4Address> attached,
           uint16_t age = 0)
{
    Lsa lsa;
    lsa.header.SetType(LS_NETWORK);
    lsa.header.SetLinkStateId(drAddress);
    lsa.header.SetAdvertisingRouter(drRouter);
    lsa.header.SetSequenceNumber(INITIAL_SEQUENCE_NUMBER);
    lsa.header.SetAge(age);
    NetworkLsaBody body;
    body.mask = mask;
    body.attachedRouters = std::move(attached);
    lsa.body = std::move(body);
    return lsa;
}

inline constexpr auto ROUTER = SpfEngine::TreeVertex::ROUTER;
inline constexpr auto NETWORK = SpfEngine::TreeVertex::NETWORK;

} // namespace ospftest
} // namespace ns3

#endif /* IPVPN_OSPF_SPF_TEST_UTIL_H */
