/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The SPF engine's view of the area's database: its vertices and their
 * links, before the calculation of ospf-spf-engine.cc runs over them.
 */
#include "ospf-spf-engine-impl.h"

#include "ns3/log.h"

#include <algorithm>
#include <unordered_map>
#include <utility>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("OspfSpfEngineGraph");

namespace ospf
{
namespace spf
{

namespace
{

/// Makes `v` the vertex of a router, in place: a vertex's small vectors
/// would be copied item by item when moved.
void
MakeRouterVertex(Vertex& v, uint32_t id, const Lsa* lsa)
{
    const auto& body = std::get<RouterLsaBody>(lsa->body);
    v = Vertex{};
    v.type = SpfEngine::TreeVertex::ROUTER;
    v.id = id;
    v.lsa = lsa;
    v.flags = body.flags;
    v.links.reserve(body.links.size());
    for (const RouterLink& link : body.links)
    {
        CompactLink c{link.linkId.Get(), link.linkData.Get(), link.metric, link.type};
        v.links.push_back(c);
        if (c.type == LINK_POINT_TO_POINT || c.type == LINK_TRANSIT)
        {
            v.backLinks.emplace_back(c.linkId, c.type);
        }
    }
    std::sort(v.backLinks.begin(), v.backLinks.end());
}

} // namespace

Graph
BuildGraph(const std::vector<const Lsa*>& lsas)
{
    using Type = SpfEngine::TreeVertex::Type;

    // ---- the database as the calculation sees it: a vertex per router
    // at once, the Network-LSAs gathered by Link State ID
    std::vector<Vertex> vertices;
    vertices.reserve(lsas.size() + 1);
    VertexIndex routerIndex;
    VertexIndex networkIndex;
    std::unordered_map<uint32_t, std::vector<const Lsa*>> networkLsas;
    for (const Lsa* lsa : lsas)
    {
        const LsaHeader& header = lsa->header;
        if (header.GetAge() >= MAX_AGE)
        {
            continue; // 16.1 step 2b: an LSA at MaxAge is not used
        }
        if (header.GetType() == LS_ROUTER && std::holds_alternative<RouterLsaBody>(lsa->body))
        {
            if (header.GetLinkStateId() != header.GetAdvertisingRouter())
            {
                NS_LOG_LOGIC("Router-LSA " << header.GetKey() << " not its originator's: ignored");
                continue;
            }
            const uint32_t id = header.GetLinkStateId().Get();
            const auto [index, added] =
                routerIndex.Emplace(id, static_cast<uint32_t>(vertices.size()));
            if (added)
            {
                MakeRouterVertex(vertices.emplace_back(), id, lsa);
            }
            else if (vertices[*index].lsa->header.GetSequenceNumber() <= header.GetSequenceNumber())
            {
                MakeRouterVertex(vertices[*index], id, lsa); // the later copy
            }
        }
        else if (header.GetType() == LS_NETWORK &&
                 std::holds_alternative<NetworkLsaBody>(lsa->body))
        {
            networkLsas[header.GetLinkStateId().Get()].push_back(lsa);
        }
    }

    // The DR's own claim to a network: its transit link whose Link ID and
    // Link Data are both the network's Link State ID.
    auto claimsNetwork = [&](uint32_t router, uint32_t networkId) {
        const uint32_t* index = routerIndex.Find(router);
        if (index == nullptr)
        {
            return false;
        }
        for (const CompactLink& link : vertices[*index].links)
        {
            if (link.type == LINK_TRANSIT && link.linkId == networkId && link.linkData == networkId)
            {
                return true;
            }
        }
        return false;
    };
    for (const auto& [id, copies] : networkLsas)
    {
        const Lsa* chosen = nullptr;
        bool chosenClaims = false;
        for (const Lsa* lsa : copies)
        {
            bool claims = claimsNetwork(lsa->header.GetAdvertisingRouter().Get(), id);
            if (chosen == nullptr || (claims && !chosenClaims))
            {
                chosen = lsa;
                chosenClaims = claims;
                continue;
            }
            if (claims != chosenClaims)
            {
                continue;
            }
            uint32_t adv = lsa->header.GetAdvertisingRouter().Get();
            uint32_t chosenAdv = chosen->header.GetAdvertisingRouter().Get();
            if (adv > chosenAdv || (adv == chosenAdv && lsa->header.GetSequenceNumber() >=
                                                            chosen->header.GetSequenceNumber()))
            {
                chosen = lsa;
            }
        }
        const auto& body = std::get<NetworkLsaBody>(chosen->body);
        Vertex v;
        v.type = Type::NETWORK;
        v.id = id;
        v.lsa = chosen;
        v.mask = body.mask.Get();
        v.links.reserve(body.attachedRouters.size());
        for (const Ipv4Address& router : body.attachedRouters)
        {
            v.links.push_back(CompactLink{router.Get(), 0, 0, 0});
            v.backLinks.emplace_back(router.Get(), 0);
        }
        std::sort(v.backLinks.begin(), v.backLinks.end());
        networkIndex[id] = static_cast<uint32_t>(vertices.size());
        vertices.push_back(std::move(v));
    }

    return Graph{std::move(vertices), std::move(routerIndex), std::move(networkIndex)};
}

} // namespace spf
} // namespace ospf
} // namespace ns3
