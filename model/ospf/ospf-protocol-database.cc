/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ospf::Protocol, flooding, LSA origination and the routing table (RFC 2328 12.4, 13, 16).
 */

#include "ospf-protocol.h"

#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("OspfProtocolDatabase");

namespace ospf
{

// ------------------------------------------------------------ flooding

void
Protocol::Apply(const FloodingEngine::Output& out)
{
    const Time now = Simulator::Now();
    std::vector<NeighborId> badRequests;
    for (const FloodingEngine::Action& a : out.actions)
    {
        switch (a.type)
        {
        case FloodingEngine::ActionType::INSTALL: {
            const Lsdb::Entry* entry = m_flooding->GetLsdb().Find(a.key);
            const bool self = entry && entry->source == Lsdb::Source::ORIGINATED;
            m_lsaInstalledTrace(entry ? entry->GetHeader(now) : a.header, self);
            break;
        }
        case FloodingEngine::ActionType::FLOOD:
        case FloodingEngine::ActionType::SEND_DATABASE_COPY: {
            const uint32_t index = a.type == FloodingEngine::ActionType::FLOOD
                                       ? a.interfaceId
                                       : a.neighbor.interfaceId;
            auto it = m_ifaces.find(index);
            if (it == m_ifaces.end() || !a.lsa)
            {
                break;
            }
            Ipv4Address to(ALL_SPF_ROUTERS);
            if (a.type == FloodingEngine::ActionType::SEND_DATABASE_COPY ||
                a.destination == FloodingEngine::Destination::NEIGHBOR)
            {
                const Nbr* nbr = FindNeighbor(index, a.neighbor.routerId);
                if (nbr == nullptr)
                {
                    break;
                }
                to = NeighborDestination(*it->second, *nbr);
            }
            else if (a.destination == FloodingEngine::Destination::ALL_D_ROUTERS &&
                     it->second->fsm->GetConfig().type == InterfaceType::BROADCAST)
            {
                to = Ipv4Address(ALL_D_ROUTERS);
            }
            m_pendingUpdates[{index, to.Get()}].push_back({a.lsa, TransmittedAge(a.age)});
            m_flooding->GetLsdb().MarkSent(a.key, now);
            ScheduleFlush();
            // A flooded LSA waits on retransmission lists (13.3 (1d)).
            ScheduleRetransmissions(now + m_rxmtInterval);
            break;
        }
        case FloodingEngine::ActionType::DELAYED_ACK: {
            auto it = m_ifaces.find(a.interfaceId);
            if (it == m_ifaces.end())
            {
                break;
            }
            Iface& iface = *it->second;
            iface.delayedAcks.push_back(a.header);
            iface.ackDestination = a.destination;
            if (!iface.ackEvent.IsRunning())
            {
                iface.ackEvent =
                    Simulator::Schedule(m_ackDelay, &Protocol::SendDelayedAcks, this, iface.index);
            }
            break;
        }
        case FloodingEngine::ActionType::DIRECT_ACK: {
            auto it = m_ifaces.find(a.neighbor.interfaceId);
            const Nbr* nbr = FindNeighbor(a.neighbor.interfaceId, a.neighbor.routerId);
            if (it == m_ifaces.end() || nbr == nullptr)
            {
                break;
            }
            const Ipv4Address to = NeighborDestination(*it->second, *nbr);
            m_pendingAcks[{it->first, to.Get()}].push_back(a.header);
            ScheduleFlush();
            break;
        }
        case FloodingEngine::ActionType::BAD_LS_REQ:
            badRequests.push_back(a.neighbor);
            break;
        case FloodingEngine::ActionType::SELF_ORIGINATED:
            // 13.4: a newer instance of our own LSA is in the database.
            if (a.mustFlush)
            {
                Apply(m_flooding->Flush(a.key, now));
            }
            else
            {
                OriginateKey(a.key);
            }
            break;
        case FloodingEngine::ActionType::REFRESH:
            // The database reports RFC 2328's LSRefreshTime; Tick() applies
            // the attribute's (the same 1800 s by default).
            break;
        default:
            break;
        }
    }
    if (out.SpfNeeded())
    {
        ScheduleSpf();
    }
    for (const NeighborId& id : badRequests)
    {
        Nbr* nbr = FindNeighbor(id.interfaceId, id.routerId);
        if (nbr != nullptr)
        {
            NeighborEventRun(*m_ifaces.at(id.interfaceId), *nbr, NeighborEvent::BAD_LS_REQ);
        }
    }
}

void
Protocol::SendOrQueueUpdate(Iface& iface,
                            Ipv4Address to,
                            const std::vector<LinkStateUpdateHeader::Item>& lsas)
{
    if (m_floodPacing.IsZero())
    {
        SendUpdate(iface, to, lsas);
        return;
    }
    auto& queued = m_pendingUpdates[{iface.index, to.Get()}];
    queued.insert(queued.end(), lsas.begin(), lsas.end());
    ScheduleFlush();
}

void
Protocol::ScheduleFlush()
{
    if (m_flushEvent.IsRunning())
    {
        return;
    }
    // FloodPacing: no sooner than that after the last sending.
    const Time at = m_lastFlush + m_floodPacing;
    m_flushEvent = m_floodPacing.IsZero() || at <= Simulator::Now()
                       ? Simulator::ScheduleNow(&Protocol::FlushPending, this)
                       : Simulator::Schedule(at - Simulator::Now(), &Protocol::FlushPending, this);
}

void
Protocol::FlushPending()
{
    m_lastFlush = Simulator::Now();
    auto updates = std::move(m_pendingUpdates);
    auto acks = std::move(m_pendingAcks);
    m_pendingUpdates.clear();
    m_pendingAcks.clear();
    for (auto& [where, lsas] : updates)
    {
        auto it = m_ifaces.find(where.first);
        if (it != m_ifaces.end())
        {
            SendUpdate(*it->second, Ipv4Address(where.second), lsas);
        }
    }
    for (auto& [where, headers] : acks)
    {
        auto it = m_ifaces.find(where.first);
        if (it != m_ifaces.end())
        {
            SendAck(*it->second, Ipv4Address(where.second), headers);
        }
    }
}

void
Protocol::Tick()
{
    const Time now = Simulator::Now();
    // Section 14 aging.
    Apply(m_flooding->Age(now));
    // 12.4: own LSAs that reached LSRefreshTime get a new instance.
    // Only the LSAs originated here, not the whole database: one scan per
    // router per second would cost more than the flooding in a large area.
    std::vector<LsaKey> due;
    const Lsdb& lsdb = m_flooding->GetLsdb();
    for (const LsaKey& key : lsdb.GetOriginatedKeys())
    {
        const Lsdb::Entry* entry = lsdb.Find(key);
        if (entry == nullptr)
        {
            continue;
        }
        const uint16_t age = entry->GetAge(now);
        if (entry->source == Lsdb::Source::ORIGINATED && key.advertisingRouter == m_routerId &&
            age < MAX_AGE && Seconds(age) >= m_lsRefreshTime)
        {
            due.push_back(key);
        }
    }
    for (const LsaKey& key : due)
    {
        OriginateKey(key);
    }
    SendRetransmissions();
    m_tickEvent = Simulator::Schedule(Seconds(1), &Protocol::Tick, this);
}

void
Protocol::ScheduleRetransmissions(Time at)
{
    if (m_started && (!m_rxmtEvent.IsRunning() || at < m_rxmtAt))
    {
        m_rxmtEvent.Cancel();
        m_rxmtAt = at;
        m_rxmtEvent =
            Simulator::Schedule(at - Simulator::Now(), &Protocol::SendRetransmissions, this);
    }
}

void
Protocol::SendRetransmissions()
{
    const Time now = Simulator::Now();
    // 13.6: every LSA RxmtInterval after it was last sent, unicast to the
    // neighbor (not on the one-second tick: that would add up to a second).
    for (const FloodingEngine::DueRetransmission& due : m_flooding->TakeDueRetransmissions(now))
    {
        auto it = m_ifaces.find(due.neighbor.interfaceId);
        const Nbr* nbr = FindNeighbor(due.neighbor.interfaceId, due.neighbor.routerId);
        if (it == m_ifaces.end() || nbr == nullptr)
        {
            continue;
        }
        std::vector<LinkStateUpdateHeader::Item> lsas;
        for (std::size_t i = 0; i < due.lsas.size(); ++i)
        {
            lsas.push_back({due.lsas[i], TransmittedAge(due.ages[i])});
        }
        SendOrQueueUpdate(*it->second, NeighborDestination(*it->second, *nbr), lsas);
    }
    if (const std::optional<Time> next = m_flooding->GetNextRetransmission())
    {
        ScheduleRetransmissions(std::max(*next, now));
    }
}

// ------------------------------------------------------------ origination

void
Protocol::ScheduleOrigination()
{
    if (m_started && !m_originateEvent.IsRunning())
    {
        m_originateEvent = Simulator::ScheduleNow(&Protocol::OriginateAll, this);
    }
}

void
Protocol::OriginateAll()
{
    OriginateRouterLsa(false);
    for (auto& [index, iface] : m_ifaces)
    {
        if (iface->fsm->GetConfig().type == InterfaceType::BROADCAST)
        {
            OriginateNetworkLsa(*iface, false);
        }
    }
}

void
Protocol::OriginateKey(const LsaKey& key)
{
    if (key.type == LS_ROUTER && key.linkStateId == m_routerId)
    {
        OriginateRouterLsa(true);
        return;
    }
    if (key.type == LS_NETWORK)
    {
        for (auto& [index, iface] : m_ifaces)
        {
            if (iface->address == key.linkStateId)
            {
                OriginateNetworkLsa(*iface, true);
                return;
            }
        }
    }
    // Not ours to keep (13.4): flush it.
    Apply(m_flooding->Flush(key, Simulator::Now()));
}

std::vector<Ipv4Address>
Protocol::GetKnownRouters() const
{
    std::vector<Ipv4Address> routers;
    if (!m_flooding)
    {
        return routers;
    }
    const Time now = Simulator::Now();
    for (const auto& [key, entry] : m_flooding->GetLsdb())
    {
        if (key.type == LS_ROUTER && entry.GetAge(now) < MAX_AGE)
        {
            routers.push_back(key.advertisingRouter);
        }
    }
    std::sort(routers.begin(), routers.end(), [](Ipv4Address a, Ipv4Address b) {
        return a.Get() < b.Get();
    });
    return routers;
}

void
Protocol::OriginateRouterLsa(bool force)
{
    // 12.4.1: one link description per interface that is up.
    RouterLsaBody body;
    for (const auto& [index, iface] : m_ifaces)
    {
        const InterfaceState state = iface->fsm->GetState();
        const uint16_t cost = GetInterfaceCost(index);
        const Ipv4Address network = iface->address.CombineMask(iface->mask);
        if (state == InterfaceState::DOWN)
        {
            continue;
        }
        if (state == InterfaceState::LOOPBACK)
        {
            // 12.4.1.4 (as for loopback): a host route, cost 0, for each of
            // its addresses outside 127/8 (a router's own address and the
            // addresses of its VR ports on the provider network).
            for (uint32_t i = 0; i < m_ipv4->GetNAddresses(index); ++i)
            {
                const Ipv4Address address = m_ipv4->GetAddress(index, i).GetLocal();
                if ((address.Get() >> 24) == 127)
                {
                    continue;
                }
                RouterLink host;
                host.type = LINK_STUB;
                host.linkId = address;
                host.linkData = Ipv4Address(0xffffffff);
                host.metric = 0;
                body.links.push_back(host);
            }
            continue;
        }
        if (iface->fsm->GetConfig().type == InterfaceType::POINT_TO_POINT)
        {
            // 12.4.1.1: a type-1 link to a Full neighbor, then option 1's
            // stub link for the subnet.
            for (const auto& [id, nbr] : iface->neighbors)
            {
                if (nbr->fsm.GetState() == NeighborState::FULL)
                {
                    RouterLink p2p;
                    p2p.type = LINK_POINT_TO_POINT;
                    p2p.linkId = id;
                    // Unnumbered: the interface's index (12.4.1.1).
                    p2p.linkData = iface->unnumbered ? Ipv4Address(index) : iface->address;
                    p2p.metric = cost;
                    body.links.push_back(p2p);
                }
            }
            if (iface->unnumbered)
            {
                continue; // no subnet to advertise
            }
            RouterLink stub;
            stub.type = LINK_STUB;
            stub.linkId = network;
            stub.linkData = Ipv4Address(iface->mask.Get());
            stub.metric = cost;
            body.links.push_back(stub);
            continue;
        }
        // 12.4.1.2: a transit link once fully adjacent to the DR (or, as
        // DR, to some router); otherwise a stub link for the network.
        bool transit = false;
        if (state != InterfaceState::WAITING && iface->fsm->GetDr() != Ipv4Address::GetAny())
        {
            for (const auto& [id, nbr] : iface->neighbors)
            {
                if (nbr->fsm.GetState() != NeighborState::FULL)
                {
                    continue;
                }
                if (state == InterfaceState::DR || nbr->address == iface->fsm->GetDr())
                {
                    transit = true;
                }
            }
        }
        RouterLink link;
        link.metric = cost;
        if (transit)
        {
            link.type = LINK_TRANSIT;
            link.linkId = iface->fsm->GetDr();
            link.linkData = iface->address;
        }
        else
        {
            link.type = LINK_STUB;
            link.linkId = network;
            link.linkData = Ipv4Address(iface->mask.Get());
        }
        body.links.push_back(link);
    }
    Lsa lsa;
    lsa.header.SetType(LS_ROUTER);
    lsa.header.SetLinkStateId(m_routerId);
    lsa.header.SetAdvertisingRouter(m_routerId);
    lsa.body = body;
    Originate(lsa, force);
}

void
Protocol::OriginateNetworkLsa(Iface& iface, bool force)
{
    // 12.4.2: the DR of a network with at least one Full adjacency.
    NetworkLsaBody body;
    body.mask = iface.mask;
    body.attachedRouters.push_back(m_routerId);
    if (iface.fsm->GetState() == InterfaceState::DR)
    {
        for (const auto& [id, nbr] : iface.neighbors)
        {
            if (nbr->fsm.GetState() == NeighborState::FULL)
            {
                body.attachedRouters.push_back(id);
            }
        }
    }
    LsaKey key;
    key.type = LS_NETWORK;
    key.linkStateId = iface.address;
    key.advertisingRouter = m_routerId;
    if (body.attachedRouters.size() < 2)
    {
        // No longer DR, or no adjacency left: flush a previous instance (12.4.2).
        const Lsdb::Entry* entry = m_flooding->GetLsdb().Find(key);
        if (entry != nullptr && entry->GetAge(Simulator::Now()) < MAX_AGE)
        {
            Apply(m_flooding->Flush(key, Simulator::Now()));
        }
        return;
    }
    Lsa lsa;
    lsa.header.SetType(LS_NETWORK);
    lsa.header.SetLinkStateId(iface.address);
    lsa.header.SetAdvertisingRouter(m_routerId);
    lsa.body = body;
    Originate(lsa, force);
}

void
Protocol::Originate(Lsa lsa, bool force)
{
    const Time now = Simulator::Now();
    const LsaKey key = lsa.header.GetKey();
    Lsdb& lsdb = m_flooding->GetLsdb();
    const Lsdb::Entry* entry = lsdb.Find(key);
    if (!force && entry != nullptr && entry->GetAge(now) < MAX_AGE &&
        entry->lsa->body == lsa.body && entry->source == Lsdb::Source::ORIGINATED)
    {
        return;
    }
    // 12.4: at most one new instance per MinLSInterval.
    const Time earliest = lsdb.GetEarliestOrigination(key, now, m_minLsInterval);
    if (earliest > now)
    {
        OriginateLater(key, earliest);
        return;
    }
    const Lsdb::SequenceChoice next = lsdb.NextSequence(key, now);
    if (next.kind == Lsdb::SequenceChoice::FLUSH_FIRST)
    {
        Apply(m_flooding->Flush(key, now));
    }
    if (next.kind != Lsdb::SequenceChoice::USE)
    {
        // 12.1.6: wait until the MaxSequenceNumber instance has gone.
        OriginateLater(key, now + Seconds(1));
        return;
    }
    lsa.header.SetAge(0);
    lsa.header.SetOptions(OPTION_E);
    lsa.header.SetSequenceNumber(next.sequence);
    lsa.Seal();
    const FloodingEngine::Output out = m_flooding->Originate(lsa, now);
    if (out.Has(FloodingEngine::ActionType::INSTALL))
    {
        m_counters.lsasOriginated += 1;
        NS_LOG_INFO(m_routerId << " originates " << key << " seq " << std::hex << next.sequence
                               << std::dec);
    }
    Apply(out);
}

void
Protocol::OriginateLater(const LsaKey& key, Time at)
{
    EventId& event = m_originationEvents[key];
    if (event.IsRunning())
    {
        return;
    }
    event = Simulator::Schedule(at - Simulator::Now(), &Protocol::OriginateKeyIfOwn, this, key);
}

void
Protocol::OriginateKeyIfOwn(LsaKey key)
{
    if (key.type == LS_ROUTER)
    {
        OriginateRouterLsa(false);
        return;
    }
    for (auto& [index, iface] : m_ifaces)
    {
        if (iface->address == key.linkStateId)
        {
            OriginateNetworkLsa(*iface, false);
        }
    }
}

// ------------------------------------------------------------ routes

void
Protocol::ScheduleSpf()
{
    if (!m_started || m_spfEvent.IsRunning())
    {
        return;
    }
    const Time now = Simulator::Now();
    Time at = now + m_spfInitialDelay;
    if (m_spfEverRun)
    {
        const Time since = now - m_lastSpf;
        if (since > m_spfMaxWait)
        {
            m_spfHold = m_spfHoldTime; // quiet: back to the initial hold
        }
        else if (since < m_spfHold)
        {
            // Changes keep coming: wait out the hold, then double it.
            at = std::max(at, m_lastSpf + m_spfHold);
            m_spfHold = std::min(m_spfHold + m_spfHold, m_spfMaxWait);
        }
    }
    m_spfEvent = Simulator::Schedule(at - now, &Protocol::RunSpf, this);
}

void
Protocol::RunSpf()
{
    const Time now = Simulator::Now();
    if (!m_spfEverRun)
    {
        m_spfHold = m_spfHoldTime;
    }
    m_spfEverRun = true;
    m_lastSpf = now;
    std::vector<SpfEngine::Interface> interfaces;
    for (const auto& [index, iface] : m_ifaces)
    {
        if (iface->fsm->GetState() != InterfaceState::DOWN)
        {
            SpfEngine::Interface i;
            i.index = index;
            // An unnumbered interface is known by its index (A.4.2).
            i.address = iface->unnumbered ? Ipv4Address::GetAny() : iface->address;
            i.mask = iface->mask;
            interfaces.push_back(i);
        }
    }
    std::vector<const Lsa*> lsas;
    lsas.reserve(m_flooding->GetLsdb().GetN());
    for (const auto& [key, entry] : m_flooding->GetLsdb())
    {
        if (entry.GetAge(now) < MAX_AGE)
        {
            lsas.push_back(entry.lsa.get());
        }
    }
    const SpfEngine spf(m_routerId, interfaces);
    const SpfEngine::Result result = spf.Compute(lsas, SpfEngine::Detail::NETWORKS_ONLY);
    std::vector<IpvpnRoute> routes;
    routes.reserve(result.networks.size());
    for (const auto& [prefix, route] : result.networks)
    {
        IpvpnRoute r;
        r.network = prefix.network;
        r.prefixLength = static_cast<uint8_t>(prefix.mask.GetPrefixLength());
        r.source = IpvpnRouteSource::OSPF;
        r.metric = route.cost;
        for (const SpfEngine::NextHop& hop : route.nextHops)
        {
            if (hop.interface != SpfEngine::NO_INTERFACE)
            {
                r.nextHops.emplace_back(hop.interface, hop.address);
            }
        }
        if (!r.nextHops.empty())
        {
            routes.push_back(std::move(r));
        }
    }
    m_routes = std::move(routes);
    m_counters.spfRuns += 1;
    NS_LOG_INFO(m_routerId << " SPF: " << m_routes.size() << " routes");
    if (!m_sink.IsNull())
    {
        m_sink(m_routes);
    }
    m_spfRunTrace(static_cast<uint32_t>(m_routes.size()), now);
}

} // namespace ospf
} // namespace ns3
