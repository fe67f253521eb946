/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * ospf::Protocol, packets sent and received (RFC 2328 8, 10.5-10.9, A.3).
 */

#include "ospf-database-description-header.h"
#include "ospf-hello-header.h"
#include "ospf-link-state-ack-header.h"
#include "ospf-link-state-request-header.h"
#include "ospf-link-state-update-header.h"
#include "ospf-lsa-checksum.h"
#include "ospf-packet-header.h"
#include "ospf-protocol.h"

#include "ns3/ipv4-header.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/random-variable-stream.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("OspfProtocolPackets");

namespace ospf
{

namespace
{

/// Octets of an IPv4 header without options: room to leave below the MTU.
constexpr uint32_t IP_HEADER_SIZE = 20;

std::vector<uint8_t>
ToBytes(Ptr<const Packet> packet)
{
    std::vector<uint8_t> bytes(packet->GetSize());
    if (!bytes.empty())
    {
        packet->CopyData(bytes.data(), bytes.size());
    }
    return bytes;
}

} // namespace

// ------------------------------------------------------------ packets out

uint32_t
Protocol::MaxBody(const Iface& iface) const
{
    return iface.mtu - IP_HEADER_SIZE - PacketHeader::SIZE - MD5_AUTH_DATA_LENGTH;
}

Ipv4Address
Protocol::NeighborDestination(const Iface& iface, const Nbr& nbr) const
{
    // 8.1: on point-to-point networks every packet goes to AllSPFRouters.
    if (iface.fsm->GetConfig().type == InterfaceType::POINT_TO_POINT)
    {
        return Ipv4Address(ALL_SPF_ROUTERS);
    }
    return nbr.address;
}

void
Protocol::SendPacket(Iface& iface, uint8_t type, Ptr<Packet> body, Ipv4Address to)
{
    if (!iface.device)
    {
        return;
    }
    PacketHeader header;
    header.SetType(type);
    header.SetRouterId(m_routerId);
    header.SetAreaId(Ipv4Address::GetAny());
    header.SetPacketLength(PacketHeader::SIZE + body->GetSize());
    body->AddHeader(header);
    // D.4: checksum or digest over the whole packet.
    const uint32_t sequence = ++iface.cryptoSequence;
    std::vector<uint8_t> sealed = iface.auth.Seal(ToBytes(body), sequence);
    Ptr<Packet> packet = Create<Packet>(sealed.data(), sealed.size());
    const uint32_t size = header.GetPacketLength();
    m_counters.packetsSent[type] += 1;
    m_counters.bytesSent[type] += size;
    m_txTrace(type, size, iface.index, packet);
    // 8.1: IP TTL 1; the route is the node routing's for the interface's
    // device (its VRF's on an edge router), multicast included.
    SocketIpTtlTag ttl;
    ttl.SetTtl(1);
    packet->AddPacketTag(ttl);
    Ipv4Header ip;
    ip.SetDestination(to);
    ip.SetProtocol(OSPF_PROTOCOL_NUMBER);
    Socket::SocketErrno error = Socket::ERROR_NOTERROR;
    Ptr<Ipv4RoutingProtocol> routing = m_ipv4->GetRoutingProtocol();
    Ptr<Ipv4Route> route =
        routing ? routing->RouteOutput(packet, ip, iface.device, error) : nullptr;
    if (!route)
    {
        NS_LOG_WARN(m_routerId << " if " << iface.index << ": no route to " << to);
        return;
    }
    m_ipv4->Send(packet, route->GetSource(), to, OSPF_PROTOCOL_NUMBER, route);
}

void
Protocol::SendHello(Iface& iface)
{
    HelloHeader hello;
    // 9.5: an unnumbered point-to-point interface sends mask 0.0.0.0.
    hello.SetNetworkMask(iface.unnumbered ? Ipv4Mask(0u) : iface.mask);
    hello.SetHelloInterval(static_cast<uint16_t>(m_helloInterval.GetSeconds()));
    hello.SetOptions(OPTION_E);
    hello.SetRouterPriority(iface.fsm->GetConfig().priority);
    hello.SetRouterDeadInterval(static_cast<uint32_t>(m_routerDeadInterval.GetSeconds()));
    hello.SetDesignatedRouter(iface.fsm->GetDr());
    hello.SetBackupDesignatedRouter(iface.fsm->GetBdr());
    std::vector<Ipv4Address> heard;
    for (const auto& [id, nbr] : iface.neighbors)
    {
        // A.3.2: routers whose Hellos were seen recently (Init or above).
        if (nbr->fsm.GetState() >= NeighborState::INIT)
        {
            heard.push_back(id);
        }
    }
    hello.SetNeighbors(heard);
    Ptr<Packet> body = Create<Packet>();
    body->AddHeader(hello);
    SendPacket(iface, PACKET_HELLO, body, Ipv4Address(ALL_SPF_ROUTERS));
}

void
Protocol::SendDd(
    Iface& iface, Nbr& nbr, uint8_t flags, const std::vector<LsaHeader>& headers, uint32_t sequence)
{
    DatabaseDescriptionHeader dd;
    dd.SetInterfaceMtu(iface.mtu);
    dd.SetOptions(OPTION_E);
    dd.SetFlags(flags);
    dd.SetSequenceNumber(sequence);
    dd.SetLsaHeaders(headers);
    Ptr<Packet> body = Create<Packet>();
    body->AddHeader(dd);
    nbr.lastDd = body->Copy();
    nbr.lastDdSent = Simulator::Now();
    SendPacket(iface, PACKET_DATABASE_DESCRIPTION, body, NeighborDestination(iface, nbr));
    nbr.ddRxmt.Cancel();
    if (flags & DD_FLAG_MS)
    {
        nbr.ddRxmt = Simulator::Schedule(
            m_rxmtInterval, &Protocol::DdRetransmit, this, iface.index, nbr.routerId);
    }
}

void
Protocol::SendNextDd(Iface& iface, Nbr& nbr)
{
    const std::size_t room =
        (MaxBody(iface) - DatabaseDescriptionHeader::FIXED_SIZE) / LsaHeader::SIZE;
    const std::vector<LsaHeader> headers = nbr.lists.Describe(room);
    const bool more = nbr.lists.MoreAfterDescribed();
    const bool master = nbr.fsm.IsMaster();
    nbr.lastSentMore = more;
    SendDd(iface,
           nbr,
           (more ? DD_FLAG_M : 0) | (master ? DD_FLAG_MS : 0),
           headers,
           nbr.fsm.GetDdSequence());
}

void
Protocol::SendLsRequest(Iface& iface, Nbr& nbr)
{
    const std::size_t room = MaxBody(iface) / LinkStateRequestHeader::ENTRY_SIZE;
    const std::vector<LsaHeader> wanted = nbr.lists.NextRequests(room);
    nbr.lsrRxmt.Cancel();
    if (wanted.empty())
    {
        return;
    }
    std::vector<LsaKey> keys;
    for (const LsaHeader& h : wanted)
    {
        keys.push_back(h.GetKey());
    }
    LinkStateRequestHeader request;
    request.SetRequests(keys);
    Ptr<Packet> body = Create<Packet>();
    body->AddHeader(request);
    SendPacket(iface, PACKET_LINK_STATE_REQUEST, body, NeighborDestination(iface, nbr));
    // 10.9: retransmitted every RxmtInterval until answered.
    nbr.lsrRxmt = Simulator::Schedule(
        m_rxmtInterval, &Protocol::LsrRetransmit, this, iface.index, nbr.routerId);
}

void
Protocol::SendUpdate(Iface& iface,
                     Ipv4Address to,
                     const std::vector<LinkStateUpdateHeader::Item>& lsas)
{
    const uint32_t room = MaxBody(iface);
    LinkStateUpdateHeader batch;
    uint32_t size = 4; // # LSAs
    auto flush = [&]() {
        if (batch.GetItems().empty())
        {
            return;
        }
        Ptr<Packet> body = Create<Packet>();
        body->AddHeader(batch);
        m_counters.lsasFlooded += batch.GetItems().size();
        SendPacket(iface, PACKET_LINK_STATE_UPDATE, body, to);
        batch = LinkStateUpdateHeader();
        size = 4;
    };
    for (const LinkStateUpdateHeader::Item& item : lsas)
    {
        const uint16_t length = item.lsa->header.GetLength();
        if (!batch.GetItems().empty() && size + length > room)
        {
            flush();
        }
        batch.AddLsa(item.lsa, item.age);
        size += length;
    }
    flush();
}

uint16_t
Protocol::TransmittedAge(uint16_t age) const
{
    return static_cast<uint16_t>(
        std::min<uint32_t>(age + static_cast<uint32_t>(m_infTransDelay.GetSeconds()), MAX_AGE));
}

void
Protocol::SendAck(Iface& iface, Ipv4Address to, const std::vector<LsaHeader>& headers)
{
    const std::size_t room = MaxBody(iface) / LsaHeader::SIZE;
    for (std::size_t i = 0; i < headers.size(); i += room)
    {
        const std::size_t end = std::min(headers.size(), i + room);
        LinkStateAckHeader ack;
        ack.SetLsaHeaders(std::vector<LsaHeader>(headers.begin() + i, headers.begin() + end));
        Ptr<Packet> body = Create<Packet>();
        body->AddHeader(ack);
        SendPacket(iface, PACKET_LINK_STATE_ACK, body, to);
    }
}

void
Protocol::SendDelayedAcks(uint32_t interface)
{
    Iface& iface = *m_ifaces.at(interface);
    if (iface.delayedAcks.empty())
    {
        return;
    }
    Ipv4Address to(iface.ackDestination == FloodingEngine::Destination::ALL_D_ROUTERS
                       ? ALL_D_ROUTERS
                       : ALL_SPF_ROUTERS);
    std::vector<LsaHeader> acks;
    acks.swap(iface.delayedAcks);
    SendAck(iface, to, acks);
}

// ------------------------------------------------------------ packets in

void
Protocol::Drop(DropReason reason, uint32_t interface, Ptr<const Packet> packet)
{
    NS_LOG_INFO(m_routerId << " if " << interface << " drops a packet: " << reason);
    m_counters.drops[static_cast<std::size_t>(reason)] += 1;
    m_dropTrace(reason, interface, packet);
}

void
Protocol::Receive(Ptr<Packet> packet, const Ipv4Header& ip, uint32_t interface)
{
    auto found = m_ifaces.find(interface);
    if (found == m_ifaces.end())
    {
        return;
    }
    Iface& iface = *found->second;
    Ptr<const Packet> raw = packet->Copy();
    if (iface.fsm->GetState() == InterfaceState::DOWN)
    {
        Drop(DropReason::INTERFACE_DOWN, iface.index, raw);
        return;
    }
    const std::vector<uint8_t> bytes = ToBytes(packet);
    PacketHeader header;
    if (bytes.size() < PacketHeader::SIZE)
    {
        Drop(DropReason::MALFORMED, iface.index, raw);
        return;
    }
    packet->RemoveHeader(header);
    if (!header.IsValid())
    {
        Drop(header.GetError() == PacketHeader::BAD_VERSION ? DropReason::BAD_VERSION
                                                            : DropReason::MALFORMED,
             iface.index,
             raw);
        return;
    }
    // 8.2: the area, the destination, and never our own packets.
    if (header.GetAreaId() != Ipv4Address::GetAny())
    {
        Drop(DropReason::BAD_AREA, iface.index, raw);
        return;
    }
    const Ipv4Address destination = ip.GetDestination();
    const InterfaceState state = iface.fsm->GetState();
    const bool toAllD = destination == Ipv4Address(ALL_D_ROUTERS) &&
                        (state == InterfaceState::DR || state == InterfaceState::BACKUP);
    if (destination != iface.address && destination != Ipv4Address(ALL_SPF_ROUTERS) && !toAllD)
    {
        Drop(DropReason::BAD_DESTINATION, iface.index, raw);
        return;
    }
    if (header.GetRouterId() == m_routerId)
    {
        Drop(DropReason::OWN_PACKET, iface.index, raw);
        return;
    }
    if (iface.fsm->GetConfig().type == InterfaceType::BROADCAST &&
        ip.GetSource().CombineMask(iface.mask) != iface.address.CombineMask(iface.mask))
    {
        Drop(DropReason::WRONG_SUBNET, iface.index, raw);
        return;
    }
    Nbr* nbr = FindNeighbor(iface.index, header.GetRouterId());
    const AuthCheck check =
        iface.auth.Verify(bytes.data(), bytes.size(), nbr ? nbr->cryptoSequence : std::nullopt);
    if (check.result != AuthResult::OK)
    {
        Drop(check.result == AuthResult::MALFORMED ? DropReason::MALFORMED
                                                   : DropReason::AUTHENTICATION,
             iface.index,
             raw);
        return;
    }
    const uint16_t length = header.GetPacketLength() - PacketHeader::SIZE;
    Ptr<Packet> body = packet->CreateFragment(0, length);
    const uint8_t type = header.GetType();
    m_counters.packetsReceived[type] += 1;
    m_counters.bytesReceived[type] += header.GetPacketLength();
    m_rxTrace(type, header.GetPacketLength(), iface.index, raw);
    if (type == PACKET_HELLO)
    {
        ReceiveHello(iface, ip.GetSource(), header, body, length, raw);
        if (Nbr* known = FindNeighbor(iface.index, header.GetRouterId());
            known && iface.auth.GetAuType() == AUTYPE_CRYPTOGRAPHIC)
        {
            known->cryptoSequence = check.sequence;
        }
        return;
    }
    if (nbr == nullptr)
    {
        Drop(DropReason::UNKNOWN_NEIGHBOR, iface.index, raw);
        return;
    }
    if (iface.auth.GetAuType() == AUTYPE_CRYPTOGRAPHIC)
    {
        nbr->cryptoSequence = check.sequence;
    }
    switch (type)
    {
    case PACKET_DATABASE_DESCRIPTION:
        ReceiveDd(iface, *nbr, body, length, raw);
        break;
    case PACKET_LINK_STATE_REQUEST:
        ReceiveLsRequest(iface, *nbr, body, length, raw);
        break;
    case PACKET_LINK_STATE_UPDATE:
        ReceiveUpdate(iface, *nbr, bytes.data() + PacketHeader::SIZE, length, raw);
        break;
    case PACKET_LINK_STATE_ACK:
        ReceiveAck(iface, *nbr, body, length, raw);
        break;
    default:
        Drop(DropReason::MALFORMED, iface.index, raw);
        break;
    }
}

void
Protocol::ReceiveHello(Iface& iface,
                       Ipv4Address source,
                       const PacketHeader& header,
                       Ptr<Packet> body,
                       uint16_t length,
                       Ptr<const Packet> raw)
{
    HelloHeader hello;
    body->RemoveHeader(hello, length);
    if (!hello.IsValid())
    {
        Drop(DropReason::MALFORMED, iface.index, raw);
        return;
    }
    const bool broadcast = iface.fsm->GetConfig().type == InterfaceType::BROADCAST;
    // 10.5: Network Mask (not on point-to-point), HelloInterval and
    // RouterDeadInterval must match; so must the E bit.
    if ((broadcast && hello.GetNetworkMask() != iface.mask) ||
        hello.GetHelloInterval() != static_cast<uint16_t>(m_helloInterval.GetSeconds()) ||
        hello.GetRouterDeadInterval() != static_cast<uint32_t>(m_routerDeadInterval.GetSeconds()) ||
        (hello.GetOptions() & OPTION_E) != OPTION_E)
    {
        Drop(DropReason::HELLO_MISMATCH, iface.index, raw);
        return;
    }
    const Ipv4Address neighborId = header.GetRouterId();
    auto it = iface.neighbors.find(neighborId);
    if (it == iface.neighbors.end())
    {
        auto created = std::make_unique<Nbr>(m_jitter->GetInteger(1, 0x7fffffff));
        created->routerId = neighborId;
        it = iface.neighbors.emplace(neighborId, std::move(created)).first;
        m_flooding->AddNeighbor(NeighborId{iface.index, neighborId},
                                FloodingEngine::NeighborState::DOWN);
    }
    Nbr& nbr = *it->second;
    const uint8_t oldPriority = nbr.priority;
    const Ipv4Address oldDr = nbr.dr;
    const Ipv4Address oldBdr = nbr.bdr;
    nbr.address = source;
    nbr.priority = hello.GetRouterPriority();
    nbr.dr = hello.GetDesignatedRouter();
    nbr.bdr = hello.GetBackupDesignatedRouter();

    const bool wasDown = nbr.fsm.GetState() == NeighborState::DOWN;
    NeighborEventRun(iface, nbr, NeighborEvent::HELLO_RECEIVED);
    if (wasDown)
    {
        // A new neighbor hears from us at once (see the header's choices).
        Simulator::ScheduleNow(&Protocol::SendHelloNow, this, iface.index);
    }
    const auto& listed = hello.GetNeighbors();
    if (std::find(listed.begin(), listed.end(), m_routerId) == listed.end())
    {
        // 10.5: 1-WayReceived, and processing of the packet stops.
        NeighborEventRun(iface, nbr, NeighborEvent::ONE_WAY_RECEIVED);
        return;
    }
    NeighborEventRun(iface, nbr, NeighborEvent::TWO_WAY_RECEIVED);
    if (!broadcast)
    {
        return;
    }
    // 10.5: interface events from the neighbor's declarations.
    bool backupSeen = false;
    bool neighborChange = nbr.priority != oldPriority;
    const bool declaresDr = nbr.dr == source;
    const bool declaresBdr = nbr.bdr == source;
    const bool waiting = iface.fsm->GetState() == InterfaceState::WAITING;
    if (declaresDr && nbr.bdr == Ipv4Address::GetAny() && waiting)
    {
        backupSeen = true;
    }
    else if (declaresDr != (oldDr == source))
    {
        neighborChange = true;
    }
    if (declaresBdr && waiting)
    {
        backupSeen = true;
    }
    else if (declaresBdr != (oldBdr == source))
    {
        neighborChange = true;
    }
    if (backupSeen)
    {
        InterfaceEventRun(iface, InterfaceEvent::BACKUP_SEEN);
    }
    if (neighborChange)
    {
        InterfaceEventRun(iface, InterfaceEvent::NEIGHBOR_CHANGE);
    }
}

void
Protocol::ReceiveDd(
    Iface& iface, Nbr& nbr, Ptr<Packet> body, uint16_t length, Ptr<const Packet> raw)
{
    DatabaseDescriptionHeader dd;
    body->RemoveHeader(dd, length);
    if (!dd.IsValid())
    {
        Drop(DropReason::MALFORMED, iface.index, raw);
        return;
    }
    DdSummary summary;
    summary.init = dd.IsInit();
    summary.more = dd.IsMore();
    summary.master = dd.IsMaster();
    summary.options = dd.GetOptions();
    summary.sequence = dd.GetSequenceNumber();
    summary.interfaceMtu = dd.GetInterfaceMtu();
    summary.empty = dd.GetLsaHeaders().empty();
    const Time now = Simulator::Now();
    // 10.8: a slave keeps its last packet for RouterDeadInterval.
    const bool held = nbr.lastDd && now - nbr.lastDdSent < m_routerDeadInterval;
    const NeighborFsm::DdResult result = nbr.fsm.ReceiveDd(
        summary, MakeContext(iface, nbr), m_routerId, nbr.routerId, iface.mtu, held);
    CarryOut(iface, nbr, result.actions);
    switch (result.judgement.verdict)
    {
    case DdVerdict::REJECT:
        Drop(DropReason::DD_REJECTED, iface.index, raw);
        return;
    case DdVerdict::RESEND_LAST:
        if (nbr.lastDd)
        {
            SendPacket(iface,
                       PACKET_DATABASE_DESCRIPTION,
                       nbr.lastDd->Copy(),
                       NeighborDestination(iface, nbr));
        }
        return;
    case DdVerdict::NEGOTIATION_SLAVE:
    case DdVerdict::NEGOTIATION_MASTER:
    case DdVerdict::ACCEPT:
        break;
    default:
        return;
    }
    const NeighborId id{iface.index, nbr.routerId};
    // 10.6: each LSA listed that we lack, or hold an older instance of, is
    // requested; an unknown LS type is a SeqNumberMismatch.
    for (const LsaHeader& h : dd.GetLsaHeaders())
    {
        if (!DdLsTypeAcceptable(h.GetType(), false))
        {
            NeighborEventRun(iface, nbr, NeighborEvent::SEQ_NUMBER_MISMATCH);
            return;
        }
        const std::optional<LsaHeader> mine = m_flooding->GetLsdb().GetHeader(h.GetKey(), now);
        if (!mine || IsMoreRecent(h, *mine))
        {
            nbr.lists.AddRequest(h);
            m_flooding->AddToRequestList(id, h);
        }
    }
    // 10.8: the packet acknowledges our previous one.
    nbr.lists.AcknowledgeDescribed();
    if (nbr.fsm.IsMaster())
    {
        nbr.ddRxmt.Cancel();
        if (ExchangeIsDone(summary.more, nbr.lastSentMore))
        {
            NeighborEventRun(iface, nbr, NeighborEvent::EXCHANGE_DONE);
        }
        else
        {
            SendNextDd(iface, nbr);
        }
    }
    else
    {
        SendNextDd(iface, nbr);
        if (ExchangeIsDone(summary.more, nbr.lastSentMore))
        {
            NeighborEventRun(iface, nbr, NeighborEvent::EXCHANGE_DONE);
        }
    }
}

void
Protocol::ReceiveLsRequest(
    Iface& iface, Nbr& nbr, Ptr<Packet> body, uint16_t length, Ptr<const Packet> raw)
{
    if (nbr.fsm.GetState() < NeighborState::EXCHANGE)
    {
        Drop(DropReason::NEIGHBOR_STATE, iface.index, raw);
        return;
    }
    LinkStateRequestHeader request;
    body->RemoveHeader(request, length);
    if (!request.IsValid())
    {
        Drop(DropReason::MALFORMED, iface.index, raw);
        return;
    }
    const Time now = Simulator::Now();
    std::vector<LinkStateUpdateHeader::Item> answer;
    for (const LsaKey& key : request.GetRequests())
    {
        const Lsdb::Entry* entry = m_flooding->GetLsdb().Find(key);
        if (entry == nullptr)
        {
            // 10.7: a request for an LSA not in the database.
            NeighborEventRun(iface, nbr, NeighborEvent::BAD_LS_REQ);
            return;
        }
        answer.push_back({entry->lsa, TransmittedAge(entry->GetAge(now))});
        m_flooding->GetLsdb().MarkSent(key, now);
    }
    SendOrQueueUpdate(iface, NeighborDestination(iface, nbr), answer);
}

void
Protocol::ReceiveUpdate(
    Iface& iface, Nbr& nbr, const uint8_t* body, uint16_t length, Ptr<const Packet> raw)
{
    if (nbr.fsm.GetState() < NeighborState::EXCHANGE)
    {
        Drop(DropReason::NEIGHBOR_STATE, iface.index, raw);
        return;
    }
    LinkStateUpdateHeader update;
    update.Decode(body, length);
    if (!update.IsValid())
    {
        Drop(DropReason::MALFORMED, iface.index, raw);
        return;
    }
    const NeighborId id{iface.index, nbr.routerId};
    const Time now = Simulator::Now();
    const std::vector<LinkStateUpdateHeader::Item>& lsas = update.GetItems();
    for (size_t i = 0; i < lsas.size(); ++i)
    {
        const bool valid = update.IsChecksumValid(i);
        const FloodingEngine::Output out =
            m_flooding->ReceiveLsa(id, lsas[i].lsa, lsas[i].age, valid, now);
        Apply(out);
        if (out.stopProcessing || FindNeighbor(iface.index, id.routerId) == nullptr)
        {
            break;
        }
    }
    // 10.9: requested LSAs that arrived leave the request list; the next
    // request goes when the previous one is answered, Loading ends when the
    // list is empty.
    const FloodingEngine::Neighbor* view = m_flooding->FindNeighbor(id);
    bool removed = false;
    for (const LsaHeader& h : nbr.lists.NextRequests(nbr.lists.GetRequestSize()))
    {
        if (view == nullptr || view->requests.count(h.GetKey()) == 0)
        {
            nbr.lists.RemoveRequest(h.GetKey());
            removed = true;
        }
    }
    const NeighborState state = nbr.fsm.GetState();
    if (nbr.lists.RequestListEmpty())
    {
        nbr.lsrRxmt.Cancel();
        if (state == NeighborState::LOADING)
        {
            NeighborEventRun(iface, nbr, NeighborEvent::LOADING_DONE);
        }
    }
    else if (removed && (state == NeighborState::LOADING || state == NeighborState::EXCHANGE))
    {
        SendLsRequest(iface, nbr);
    }
}

void
Protocol::ReceiveAck(
    Iface& iface, Nbr& nbr, Ptr<Packet> body, uint16_t length, Ptr<const Packet> raw)
{
    if (nbr.fsm.GetState() < NeighborState::EXCHANGE)
    {
        Drop(DropReason::NEIGHBOR_STATE, iface.index, raw);
        return;
    }
    LinkStateAckHeader ack;
    body->RemoveHeader(ack, length);
    if (!ack.IsValid())
    {
        Drop(DropReason::MALFORMED, iface.index, raw);
        return;
    }
    for (const LsaHeader& h : ack.GetLsaHeaders())
    {
        Apply(m_flooding->ReceiveAck(NeighborId{iface.index, nbr.routerId}, h));
    }
}

} // namespace ospf
} // namespace ns3
