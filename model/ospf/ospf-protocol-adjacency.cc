/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ospf::Protocol, interface and neighbor events (RFC 2328 9.3, 10.3).
 */

#include "ospf-database-description-header.h"
#include "ospf-protocol.h"

#include "ns3/log.h"
#include "ns3/random-variable-stream.h"
#include "ns3/simulator.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("OspfProtocolAdjacency");

namespace ospf
{

namespace
{

std::optional<Ipv4Address>
NoneIfAny(Ipv4Address address)
{
    if (address == Ipv4Address::GetAny())
    {
        return std::nullopt;
    }
    return address;
}

} // namespace

// ------------------------------------------------------------ interfaces

void
Protocol::OnInterfaceChange(uint32_t interface, bool up)
{
    auto it = m_ifaces.find(interface);
    if (!m_started || it == m_ifaces.end() || it->second->loopback)
    {
        return;
    }
    NS_LOG_INFO(m_routerId << " interface " << interface << (up ? " up" : " down"));
    // 9.2: InterfaceUp / InterfaceDown from the lower-level protocols.
    InterfaceEventRun(*it->second,
                      up ? InterfaceEvent::INTERFACE_UP : InterfaceEvent::INTERFACE_DOWN);
    ScheduleSpf();
}

std::vector<ElectionRouter>
Protocol::ElectionNeighbors(const Iface& iface) const
{
    std::vector<ElectionRouter> out;
    for (const auto& [id, nbr] : iface.neighbors)
    {
        if (nbr->fsm.GetState() >= NeighborState::TWO_WAY)
        {
            ElectionRouter r;
            r.routerId = nbr->routerId;
            r.address = nbr->address;
            r.priority = nbr->priority;
            r.declaredDr = nbr->dr;
            r.declaredBdr = nbr->bdr;
            out.push_back(r);
        }
    }
    return out;
}

void
Protocol::UpdateFloodingInterface(const Iface& iface)
{
    m_flooding->SetInterfaceState(iface.index, iface.fsm->GetState());
    m_flooding->SetDesignatedRouters(
        iface.index, NoneIfAny(iface.fsm->GetDrRouterId()), NoneIfAny(iface.fsm->GetBdrRouterId()));
}

void
Protocol::InterfaceEventRun(Iface& iface, InterfaceEvent event)
{
    const InterfaceActions result = iface.fsm->ProcessEvent(event, ElectionNeighbors(iface));
    if (result.ignored)
    {
        NS_LOG_LOGIC(m_routerId << " if " << iface.index << " ignores " << event);
        return;
    }
    UpdateFloodingInterface(iface);
    for (const InterfaceAction& action : result.actions)
    {
        switch (action.type)
        {
        case InterfaceActionType::START_HELLO_TIMER:
            iface.helloEvent.Cancel();
            iface.helloEvent =
                Simulator::Schedule(Seconds(m_jitter->GetValue(0, m_helloJitter.GetSeconds())),
                                    &Protocol::SendHelloTimer,
                                    this,
                                    iface.index);
            break;
        case InterfaceActionType::START_WAIT_TIMER:
            iface.waitEvent.Cancel();
            iface.waitEvent = Simulator::Schedule(
                m_routerDeadInterval, &Protocol::WaitTimerExpired, this, iface.index);
            break;
        case InterfaceActionType::CALCULATE_DR:
            NS_LOG_INFO(m_routerId << " if " << iface.index << " election " << result.election);
            break;
        case InterfaceActionType::ADJ_OK:
            for (auto& [id, nbr] : iface.neighbors)
            {
                if (nbr->address == action.neighbor)
                {
                    NeighborEventRun(iface, *nbr, NeighborEvent::ADJ_OK);
                }
            }
            break;
        case InterfaceActionType::RESET_VARIABLES:
            break;
        case InterfaceActionType::DISABLE_TIMERS:
            iface.helloEvent.Cancel();
            iface.waitEvent.Cancel();
            iface.ackEvent.Cancel();
            iface.delayedAcks.clear();
            break;
        case InterfaceActionType::KILL_NEIGHBORS:
            for (auto& [id, nbr] : iface.neighbors)
            {
                NeighborEventRun(iface, *nbr, NeighborEvent::KILL_NBR);
            }
            break;
        }
    }
    for (const InterfaceTransition& t : result.transitions)
    {
        NS_LOG_INFO(m_routerId << " if " << iface.index << " " << t.from << " -> " << t.to << " ("
                               << t.event << ")");
        m_interfaceStateTrace(m_routerId, iface.index, t.from, t.to);
    }
    if (!result.transitions.empty() || result.elected)
    {
        // 12.4: the router-LSA lists interface states; the DR's network-LSA.
        ScheduleOrigination();
    }
}

void
Protocol::SendHelloTimer(uint32_t interface)
{
    Iface& iface = *m_ifaces.at(interface);
    SendHello(iface);
    iface.helloEvent =
        Simulator::Schedule(m_helloInterval, &Protocol::SendHelloTimer, this, interface);
}

void
Protocol::SendHelloNow(uint32_t interface)
{
    auto it = m_ifaces.find(interface);
    if (it != m_ifaces.end() && it->second->fsm->GetState() != InterfaceState::DOWN)
    {
        SendHello(*it->second);
    }
}

void
Protocol::WaitTimerExpired(uint32_t interface)
{
    InterfaceEventRun(*m_ifaces.at(interface), InterfaceEvent::WAIT_TIMER);
}

// ------------------------------------------------------------ neighbors

NeighborContext
Protocol::MakeContext(const Iface& iface, const Nbr& nbr) const
{
    NeighborContext context;
    context.adjacency.type = iface.fsm->GetConfig().type;
    context.adjacency.self = iface.address;
    context.adjacency.neighbor = nbr.address;
    context.adjacency.dr = iface.fsm->GetDr();
    context.adjacency.bdr = iface.fsm->GetBdr();
    context.requestListEmpty = nbr.lists.RequestListEmpty();
    return context;
}

void
Protocol::NeighborEventRun(Iface& iface, Nbr& nbr, NeighborEvent event)
{
    const NeighborActions actions = nbr.fsm.ProcessEvent(event, MakeContext(iface, nbr));
    CarryOut(iface, nbr, actions);
}

void
Protocol::CarryOut(Iface& iface, Nbr& nbr, const NeighborActions& actions)
{
    const NeighborId id{iface.index, nbr.routerId};
    const Time now = Simulator::Now();
    if (!actions.transitions.empty())
    {
        Apply(m_flooding->SetNeighborState(id, nbr.fsm.GetState()));
    }
    for (const NeighborAction& action : actions.actions)
    {
        switch (action.type)
        {
        case NeighborActionType::SEND_HELLO:
            SendHello(iface);
            break;
        case NeighborActionType::START_INACTIVITY_TIMER:
        case NeighborActionType::RESTART_INACTIVITY_TIMER:
            nbr.inactivity.Cancel();
            nbr.inactivity = Simulator::Schedule(m_routerDeadInterval,
                                                 &Protocol::InactivityTimerExpired,
                                                 this,
                                                 iface.index,
                                                 nbr.routerId);
            break;
        case NeighborActionType::STOP_INACTIVITY_TIMER:
            nbr.inactivity.Cancel();
            break;
        case NeighborActionType::CLEAR_LISTS:
            nbr.lists.Clear();
            nbr.ddRxmt.Cancel();
            nbr.lsrRxmt.Cancel();
            break;
        case NeighborActionType::INCREMENT_DD_SEQUENCE:
        case NeighborActionType::DECLARE_MASTER:
            break;
        case NeighborActionType::SEND_DD: {
            // 10.8: the empty ExStart packet, retransmitted until answered.
            uint8_t flags = (action.init ? DD_FLAG_I : 0) | (action.more ? DD_FLAG_M : 0) |
                            (action.master ? DD_FLAG_MS : 0);
            nbr.lastSentMore = action.more;
            SendDd(iface, nbr, flags, {}, action.ddSequence);
            break;
        }
        case NeighborActionType::LIST_DATABASE_SUMMARY: {
            std::vector<LsaHeader> database;
            for (const Lsdb::Item* item : m_flooding->GetLsdb().GetSortedItems())
            {
                database.push_back(item->entry.GetHeader(now));
            }
            for (const LsaHeader& maxAge : nbr.lists.FillSummary(database))
            {
                m_flooding->AddToRetransmissionList(id, maxAge.GetKey(), now);
            }
            break;
        }
        case NeighborActionType::SEND_LS_REQUEST:
            SendLsRequest(iface, nbr);
            break;
        }
    }
    for (const NeighborTransition& t : actions.transitions)
    {
        NS_LOG_INFO(m_routerId << " if " << iface.index << " nbr " << nbr.routerId << " " << t.from
                               << " -> " << t.to << " (" << t.event << ")");
        m_neighborStateTrace(m_routerId, iface.index, nbr.routerId, t.from, t.to);
        if (t.to == NeighborState::DOWN)
        {
            nbr.inactivity.Cancel();
            nbr.ddRxmt.Cancel();
            nbr.lsrRxmt.Cancel();
            nbr.lists.Clear();
            nbr.lastDd = nullptr;
        }
    }
    if (actions.FullChanged())
    {
        ScheduleOrigination();
    }
    if (actions.BidirectionalChanged() && iface.fsm->GetConfig().type == InterfaceType::BROADCAST)
    {
        // 9.2 NeighborChange: bidirectional communication began or ended.
        InterfaceEventRun(iface, InterfaceEvent::NEIGHBOR_CHANGE);
    }
}

void
Protocol::InactivityTimerExpired(uint32_t interface, Ipv4Address neighborId)
{
    auto it = m_ifaces.find(interface);
    Nbr* nbr = FindNeighbor(interface, neighborId);
    if (it == m_ifaces.end() || nbr == nullptr)
    {
        return;
    }
    NS_LOG_INFO(m_routerId << " nbr " << neighborId << " silent for RouterDeadInterval");
    NeighborEventRun(*it->second, *nbr, NeighborEvent::INACTIVITY_TIMER);
}

void
Protocol::DdRetransmit(uint32_t interface, Ipv4Address neighborId)
{
    Nbr* nbr = FindNeighbor(interface, neighborId);
    if (nbr == nullptr || !nbr->lastDd)
    {
        return;
    }
    const NeighborState state = nbr->fsm.GetState();
    // 10.8: ExStart packets, and the master's packets in Exchange.
    if (state == NeighborState::EX_START ||
        (state == NeighborState::EXCHANGE && nbr->fsm.IsMaster()))
    {
        Iface& iface = *m_ifaces.at(interface);
        SendPacket(iface,
                   PACKET_DATABASE_DESCRIPTION,
                   nbr->lastDd->Copy(),
                   NeighborDestination(iface, *nbr));
        nbr->ddRxmt = Simulator::Schedule(
            m_rxmtInterval, &Protocol::DdRetransmit, this, interface, neighborId);
    }
}

void
Protocol::LsrRetransmit(uint32_t interface, Ipv4Address neighborId)
{
    Nbr* nbr = FindNeighbor(interface, neighborId);
    if (nbr == nullptr)
    {
        return;
    }
    const NeighborState state = nbr->fsm.GetState();
    if ((state == NeighborState::EXCHANGE || state == NeighborState::LOADING) &&
        !nbr->lists.RequestListEmpty())
    {
        SendLsRequest(*m_ifaces.at(interface), *nbr);
    }
}

} // namespace ospf
} // namespace ns3
