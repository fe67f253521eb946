// SPDX-License-Identifier: GPL-2.0-only
//
// FloodingEngine's values, the driver's view of interfaces and neighbors,
// the receipt of one LSA (RFC 2328 section 13 steps 1 to 8) with flooding
// (13.3) and acknowledgment (13.5), origination, premature aging and aging
// (12.4, 14.1, 14), and names. The neighbors' Link state request and
// retransmission lists (10.3, 13.6), received acknowledgments (13.7) and the
// removal of MaxAge LSAs (14) are in ospf-flooding-engine-lists.cc.
#include "ospf-flooding-engine.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("OspfFloodingEngine");

namespace ospf
{

namespace
{

bool
IsMaxAge(uint16_t age)
{
    return age >= MAX_AGE;
}

} // namespace

// ----------------------------------------------------------------- values

bool
FloodingEngine::NeighborId::operator<(const NeighborId& other) const
{
    // Ipv4Address's own operator< is inline; Get() is not.
    if (interfaceId != other.interfaceId)
    {
        return interfaceId < other.interfaceId;
    }
    return routerId < other.routerId;
}

bool
FloodingEngine::NeighborId::operator==(const NeighborId& other) const
{
    return interfaceId == other.interfaceId && routerId == other.routerId;
}

bool
FloodingEngine::Output::Has(ActionType type) const
{
    return std::any_of(actions.begin(), actions.end(), [type](const Action& a) {
        return a.type == type;
    });
}

std::vector<FloodingEngine::Action>
FloodingEngine::Output::Of(ActionType type) const
{
    std::vector<Action> result;
    std::copy_if(
        actions.begin(), actions.end(), std::back_inserter(result), [type](const Action& a) {
            return a.type == type;
        });
    return result;
}

bool
FloodingEngine::Output::SpfNeeded() const
{
    return std::any_of(actions.begin(), actions.end(), [](const Action& a) {
        return (a.type == ActionType::INSTALL && a.contentsChanged) ||
               a.type == ActionType::AGED_OUT;
    });
}

// ----------------------------------------------------------------- setup

FloodingEngine::FloodingEngine(const Config& config)
    : m_config(config)
    , m_lsdb(config.routerId)
{
}

const FloodingEngine::Config&
FloodingEngine::GetConfig() const
{
    return m_config;
}

Lsdb&
FloodingEngine::GetLsdb()
{
    return m_lsdb;
}

const Lsdb&
FloodingEngine::GetLsdb() const
{
    return m_lsdb;
}

void
FloodingEngine::SetInterfaceAddresses(const std::set<Ipv4Address>& addresses)
{
    m_addresses = addresses;
}

bool
FloodingEngine::IsSelfOriginated(const LsaHeader& header) const
{
    // 13.4: advertised by this router, or a Network-LSA whose Link State ID
    // is one of its interface addresses.
    return header.GetAdvertisingRouter() == m_config.routerId ||
           (header.GetType() == LS_NETWORK && m_addresses.count(header.GetLinkStateId()) > 0);
}

void
FloodingEngine::AddInterface(uint32_t id, NetworkType type, InterfaceState state, Time rxmtInterval)
{
    Interface& iface = m_interfaces[id];
    iface.type = type;
    iface.state = state;
    iface.rxmtInterval = rxmtInterval;
}

void
FloodingEngine::AddInterface(uint32_t id, NetworkType type, InterfaceState state)
{
    AddInterface(id, type, state, Seconds(5));
}

void
FloodingEngine::SetInterfaceState(uint32_t id, InterfaceState state)
{
    auto it = m_interfaces.find(id);
    NS_ASSERT_MSG(it != m_interfaces.end(), "unknown interface " << id);
    it->second.state = state;
}

void
FloodingEngine::SetDesignatedRouters(uint32_t id,
                                     std::optional<Ipv4Address> dr,
                                     std::optional<Ipv4Address> bdr)
{
    auto it = m_interfaces.find(id);
    NS_ASSERT_MSG(it != m_interfaces.end(), "unknown interface " << id);
    it->second.dr = dr;
    it->second.bdr = bdr;
}

const FloodingEngine::Interface*
FloodingEngine::FindInterface(uint32_t id) const
{
    auto it = m_interfaces.find(id);
    return it == m_interfaces.end() ? nullptr : &it->second;
}

void
FloodingEngine::AddNeighbor(const NeighborId& id, NeighborState state)
{
    NS_ASSERT_MSG(m_interfaces.count(id.interfaceId) > 0,
                  "neighbor on unknown interface " << id.interfaceId);
    m_neighbors[id].state = state;
}

FloodingEngine::Output
FloodingEngine::RemoveNeighbor(const NeighborId& id)
{
    Output out;
    auto it = m_neighbors.find(id);
    if (it != m_neighbors.end())
    {
        ClearRetransmissions(it->second);
        m_neighbors.erase(it);
    }
    RemoveFlushable(out);
    return out;
}

FloodingEngine::Output
FloodingEngine::SetNeighborState(const NeighborId& id, NeighborState state)
{
    Output out;
    auto it = m_neighbors.find(id);
    if (it == m_neighbors.end())
    {
        NS_LOG_WARN("state change of unknown neighbor " << id);
        return out;
    }
    it->second.state = state;
    if (state < NeighborState::EXCHANGE)
    {
        // 10.3: every event leading below Exchange clears the lists.
        ClearRetransmissions(it->second);
        it->second.requests.clear();
    }
    RemoveFlushable(out);
    return out;
}

const FloodingEngine::Neighbor*
FloodingEngine::FindNeighbor(const NeighborId& id) const
{
    auto it = m_neighbors.find(id);
    return it == m_neighbors.end() ? nullptr : &it->second;
}

// ----------------------------------------------------------------- actions

FloodingEngine::Destination
FloodingEngine::FloodDestination(const Interface& iface) const
{
    // 13.3 step 5 (and 13.5 for delayed acks): on a broadcast network the DR
    // and the Backup send to AllSPFRouters, the others to AllDRouters.
    if (iface.type == NetworkType::BROADCAST && iface.state != InterfaceState::DR &&
        iface.state != InterfaceState::BACKUP)
    {
        return Destination::ALL_D_ROUTERS;
    }
    return Destination::ALL_SPF_ROUTERS;
}

void
FloodingEngine::Discard(const LsaHeader& header, DiscardReason reason, Output& out)
{
    NS_LOG_LOGIC("discard " << header.GetKey() << ": " << reason);
    Action a;
    a.type = ActionType::DISCARD;
    a.key = header.GetKey();
    a.header = header;
    a.reason = reason;
    out.actions.push_back(a);
}

// ----------------------------------------------------------------- 13.3

bool
FloodingEngine::Flood(const LsaKey& key,
                      const std::optional<NeighborId>& from,
                      Time now,
                      Output& out)
{
    Lsdb::Entry* entry = m_lsdb.FindMutable(key);
    NS_ASSERT(entry != nullptr);
    const LsaHeader instance = entry->GetHeader(now);
    bool floodedBack = false;
    bool sent = false;
    // All interfaces of the (single) area are eligible for LS types 1-5.
    for (const auto& [ifId, iface] : m_interfaces)
    {
        if (iface.state == InterfaceState::DOWN || iface.state == InterfaceState::LOOPBACK)
        {
            continue;
        }
        bool added = false;
        // (1) Each neighbor on the interface.
        for (auto it = m_neighbors.lower_bound(NeighborId{ifId, Ipv4Address(0u)});
             it != m_neighbors.end() && it->first.interfaceId == ifId;
             ++it)
        {
            Neighbor& neighbor = it->second;
            // (1a) Below Exchange: no part in flooding.
            if (neighbor.state < NeighborState::EXCHANGE)
            {
                continue;
            }
            // (1b) Adjacency not yet full: compare with the requested copy.
            if (neighbor.state != NeighborState::FULL)
            {
                auto req = neighbor.requests.find(key);
                if (req != neighbor.requests.end())
                {
                    const LsaRecency r = CompareLsaInstances(instance, req->second);
                    if (r == LsaRecency::OLDER)
                    {
                        continue;
                    }
                    EraseRequest(it->first, neighbor, key, out);
                    if (r == LsaRecency::SAME)
                    {
                        continue;
                    }
                }
            }
            // (1c) Not back to the neighbor it came from.
            if (from && it->first == *from)
            {
                continue;
            }
            // (1d) On the retransmission list until acknowledged.
            SetRetransmission(
                neighbor, key, *entry, Retransmission::Of(instance, now + iface.rxmtInterval));
            added = true;
        }
        // (2) Added to no list: nothing to send here.
        if (!added)
        {
            continue;
        }
        const bool receiving = from && from->interfaceId == ifId;
        // (3) Received here from the DR or BDR: the others have it already.
        if (receiving && ((iface.dr && *iface.dr == from->routerId) ||
                          (iface.bdr && *iface.bdr == from->routerId)))
        {
            continue;
        }
        // (4) Received here while Backup: the DR floods it.
        if (receiving && iface.state == InterfaceState::BACKUP)
        {
            continue;
        }
        // (5) Flood out the interface.
        Action a;
        a.type = ActionType::FLOOD;
        a.key = key;
        a.header = instance;
        a.lsa = entry->lsa;
        a.age = instance.GetAge();
        a.interfaceId = ifId;
        a.destination = FloodDestination(iface);
        out.actions.push_back(a);
        sent = true;
        floodedBack = floodedBack || receiving;
    }
    if (sent)
    {
        m_lsdb.MarkSent(key, now);
    }
    return floodedBack;
}

// ----------------------------------------------------------------- 13.5

void
FloodingEngine::Acknowledge(const NeighborId& from,
                            const LsaHeader& header,
                            bool duplicate,
                            bool impliedAck,
                            bool floodedBack,
                            Output& out)
{
    const Interface& iface = m_interfaces.at(from.interfaceId);
    const bool backup = iface.state == InterfaceState::BACKUP;
    const bool fromDr = iface.dr && *iface.dr == from.routerId;
    bool delayed = false;
    bool direct = false;
    if (floodedBack)
    {
        // Flooded back out the receiving interface: no ack in any state.
    }
    else if (!duplicate)
    {
        // More recent, not flooded back: Backup acks (delayed) only what
        // came from the DR; every other state sends a delayed ack.
        delayed = !backup || fromDr;
    }
    else if (impliedAck)
    {
        // Duplicate treated as an implied ack: Backup acks (delayed) only
        // what came from the DR; other states send none.
        delayed = backup && fromDr;
    }
    else
    {
        // Duplicate not treated as an implied ack: direct ack.
        direct = true;
    }
    Action a;
    a.key = header.GetKey();
    a.header = header;
    a.neighbor = from;
    if (delayed)
    {
        a.type = ActionType::DELAYED_ACK;
        a.interfaceId = from.interfaceId;
        a.destination = FloodDestination(iface);
        out.actions.push_back(a);
    }
    else if (direct)
    {
        a.type = ActionType::DIRECT_ACK;
        a.destination = Destination::NEIGHBOR;
        out.actions.push_back(a);
    }
}

// ----------------------------------------------------------------- 13

FloodingEngine::Output
FloodingEngine::ReceiveLsa(const NeighborId& from, const Lsa& lsa, bool checksumValid, Time now)
{
    return ReceiveLsa(
        from, std::make_shared<const Lsa>(lsa), lsa.header.GetAge(), checksumValid, now);
}

FloodingEngine::Output
FloodingEngine::ReceiveLsa(const NeighborId& from,
                           std::shared_ptr<const Lsa> lsa,
                           uint16_t age,
                           bool checksumValid,
                           Time now)
{
    Output out;
    out.actions.reserve(4);         // install, floods, ack: one allocation
    LsaHeader header = lsa->header; // with the age received
    header.SetAge(age);
    const LsaKey key = header.GetKey();
    auto nit = m_neighbors.find(from);
    if (nit == m_neighbors.end() || m_interfaces.count(from.interfaceId) == 0)
    {
        Discard(header, DiscardReason::UNKNOWN_NEIGHBOR, out);
        return out;
    }
    // Section 13: updates from a neighbor below Exchange are dropped.
    if (nit->second.state < NeighborState::EXCHANGE)
    {
        Discard(header, DiscardReason::NEIGHBOR_STATE, out);
        return out;
    }
    // (1) LS checksum (checked by the caller).
    if (!checksumValid)
    {
        Discard(header, DiscardReason::BAD_CHECKSUM, out);
        return out;
    }
    // (2) Unknown LS type.
    if (header.GetType() < LS_ROUTER || header.GetType() > LS_AS_EXTERNAL)
    {
        Discard(header, DiscardReason::UNKNOWN_TYPE, out);
        return out;
    }
    // (3) AS-external-LSAs in a stub area: the backbone is never a stub.

    const Lsdb::Entry* current = m_lsdb.Find(key);
    // (4) MaxAge, no database copy, nobody exchanging: ack and discard.
    if (IsMaxAge(header.GetAge()) && current == nullptr && !AnyNeighborExchangingOrLoading())
    {
        Action a;
        a.type = ActionType::DIRECT_ACK;
        a.key = key;
        a.header = header;
        a.neighbor = from;
        a.destination = Destination::NEIGHBOR;
        out.actions.push_back(a);
        Discard(header, DiscardReason::MAX_AGE_NOT_IN_DATABASE, out);
        return out;
    }

    // (5) No database copy, or the received one is more recent.
    const LsaRecency recency = current == nullptr
                                   ? LsaRecency::NEWER
                                   : CompareLsaInstances(header, current->GetHeader(now));
    if (recency == LsaRecency::NEWER)
    {
        // (a) A copy received by flooding less than MinLSArrival ago stays;
        // no ack.
        if (current != nullptr && current->source == Lsdb::Source::RECEIVED &&
            now - current->installed < m_config.minLsArrival)
        {
            Discard(header, DiscardReason::MIN_LS_ARRIVAL, out);
            return out;
        }
        // (c) The old copy leaves every retransmission list.
        if (current != nullptr)
        {
            RemoveFromRetransmissionLists(key);
        }
        // (d) Install, time-stamped now (13.2).
        const Lsdb::InstallResult installed =
            m_lsdb.Install(std::move(lsa), age, now, Lsdb::Source::RECEIVED);
        Action install;
        install.type = ActionType::INSTALL;
        install.key = key;
        install.header = header;
        install.contentsChanged = installed.contentsChanged;
        out.actions.push_back(install);
        // (b) Flood (13.3).
        const bool floodedBack = Flood(key, from, now, out);
        // (e) Acknowledge (13.5).
        Acknowledge(from, header, false, false, floodedBack, out);
        // (f) Self-originated (13.4).
        if (IsSelfOriginated(header))
        {
            Action self;
            self.type = ActionType::SELF_ORIGINATED;
            self.key = key;
            self.header = header;
            // A Network-LSA for one of our addresses under another router
            // ID (our ID changed) can only be flushed.
            self.mustFlush = header.GetAdvertisingRouter() != m_config.routerId;
            out.actions.push_back(self);
        }
        RemoveFlushable(out);
        return out;
    }

    // (6) On the sender's request list, yet not newer than our copy: the
    // database exchange went wrong.
    Neighbor& sender = nit->second;
    if (sender.requests.count(key) > 0)
    {
        Action a;
        a.type = ActionType::BAD_LS_REQ;
        a.key = key;
        a.header = header;
        a.neighbor = from;
        out.actions.push_back(a);
        out.stopProcessing = true;
        return out;
    }

    // (7) The same instance.
    if (recency == LsaRecency::SAME)
    {
        // (a) Expected an ack from the sender: this is one (implied).
        bool implied = false;
        if (current->retransmissionLists > 0 && EraseRetransmission(sender, key))
        {
            implied = true;
            Action a;
            a.type = ActionType::IMPLIED_ACK;
            a.key = key;
            a.header = header;
            a.neighbor = from;
            out.actions.push_back(a);
        }
        // (b) Acknowledge (13.5).
        Acknowledge(from, header, true, implied, false, out);
        RemoveFlushable(out);
        return out;
    }

    // (8) The database copy is more recent.
    const LsaHeader mine = current->GetHeader(now);
    if (IsMaxAge(mine.GetAge()) && mine.GetSequenceNumber() == MAX_SEQUENCE_NUMBER)
    {
        // Being flushed for a sequence number wrap: no answer, no ack.
        Discard(header, DiscardReason::SEQUENCE_WRAPPING, out);
        return out;
    }
    if (m_lsdb.WasSentWithin(key, now, m_config.minLsArrival))
    {
        Discard(header, DiscardReason::RECENTLY_SENT, out);
        return out;
    }
    Action a;
    a.type = ActionType::SEND_DATABASE_COPY;
    a.key = key;
    a.header = mine;
    a.lsa = current->lsa;
    a.age = mine.GetAge();
    a.neighbor = from;
    a.destination = Destination::NEIGHBOR;
    out.actions.push_back(a);
    m_lsdb.MarkSent(key, now);
    return out;
}

// ----------------------------------------------------------------- origination, aging

FloodingEngine::Output
FloodingEngine::Originate(const Lsa& lsa, Time now)
{
    Output out;
    const LsaKey key = lsa.header.GetKey();
    const Lsdb::Entry* current = m_lsdb.Find(key);
    if (current != nullptr &&
        CompareLsaInstances(lsa.header, current->GetHeader(now)) != LsaRecency::NEWER)
    {
        Discard(lsa.header, DiscardReason::NOT_NEWER, out);
        return out;
    }
    // 12.4: at least MinLSInterval between two originations of one LSA.
    if (now < m_lsdb.GetEarliestOrigination(key, now, m_config.minLsInterval))
    {
        Discard(lsa.header, DiscardReason::MIN_LS_INTERVAL, out);
        return out;
    }
    if (current != nullptr)
    {
        RemoveFromRetransmissionLists(key);
    }
    const Lsdb::InstallResult installed = m_lsdb.Install(lsa, now, Lsdb::Source::ORIGINATED);
    Action install;
    install.type = ActionType::INSTALL;
    install.key = key;
    install.header = lsa.header;
    install.contentsChanged = installed.contentsChanged;
    out.actions.push_back(install);
    Flood(key, std::nullopt, now, out);
    RemoveFlushable(out);
    return out;
}

FloodingEngine::Output
FloodingEngine::Flush(const LsaKey& key, Time now)
{
    Output out;
    const Lsdb::Entry* current = m_lsdb.Find(key);
    if (current == nullptr)
    {
        LsaHeader header;
        header.SetType(key.type);
        header.SetLinkStateId(key.linkStateId);
        header.SetAdvertisingRouter(key.advertisingRouter);
        Discard(header, DiscardReason::NOT_IN_DATABASE, out);
        return out;
    }
    const bool wasMaxAge = IsMaxAge(current->GetAge(now));
    // 14.1: LS age to MaxAge, then reflood like a new instance.
    RemoveFromRetransmissionLists(key);
    m_lsdb.PrematurelyAge(key, now);
    Action install;
    install.type = ActionType::INSTALL;
    install.key = key;
    install.header = m_lsdb.Find(key)->GetHeader(now);
    install.contentsChanged = !wasMaxAge;
    out.actions.push_back(install);
    Flood(key, std::nullopt, now, out);
    RemoveFlushable(out);
    return out;
}

FloodingEngine::Output
FloodingEngine::Age(Time now)
{
    Output out;
    // Section 14: an LSA reaching MaxAge is reflooded like a new instance.
    for (const LsaKey& key : m_lsdb.AgeOut(now))
    {
        Action a;
        a.type = ActionType::AGED_OUT;
        a.key = key;
        a.header = m_lsdb.Find(key)->GetHeader(now);
        out.actions.push_back(a);
        RemoveFromRetransmissionLists(key);
        Flood(key, std::nullopt, now, out);
    }
    // 12.4: own LSAs at LSRefreshTime get a new instance.
    for (const LsaKey& key : m_lsdb.TakeRefreshDue(now))
    {
        Action a;
        a.type = ActionType::REFRESH;
        a.key = key;
        a.header = m_lsdb.Find(key)->GetHeader(now);
        out.actions.push_back(a);
    }
    RemoveFlushable(out);
    return out;
}

// ----------------------------------------------------------------- printing

std::ostream&
operator<<(std::ostream& os, FloodingEngine::ActionType type)
{
    static const char* const names[] = {"discard",
                                        "install",
                                        "flood",
                                        "delayed-ack",
                                        "direct-ack",
                                        "send-database-copy",
                                        "implied-ack",
                                        "acknowledged",
                                        "bad-ls-req",
                                        "request-list-empty",
                                        "self-originated",
                                        "aged-out",
                                        "refresh",
                                        "removed"};
    return os << names[static_cast<int>(type)];
}

std::ostream&
operator<<(std::ostream& os, FloodingEngine::DiscardReason reason)
{
    static const char* const names[] = {"none",
                                        "unknown neighbor",
                                        "neighbor below Exchange",
                                        "bad LS checksum",
                                        "unknown LS type",
                                        "MaxAge, not in database",
                                        "MinLSArrival",
                                        "sequence number wrapping",
                                        "database copy sent recently",
                                        "not newer",
                                        "MinLSInterval",
                                        "not in database",
                                        "questionable ack"};
    return os << names[static_cast<int>(reason)];
}

std::ostream&
operator<<(std::ostream& os, const FloodingEngine::NeighborId& id)
{
    return os << id.routerId << "@if" << id.interfaceId;
}

std::ostream&
operator<<(std::ostream& os, const FloodingEngine::Action& action)
{
    os << action.type << " " << action.key;
    switch (action.type)
    {
    case FloodingEngine::ActionType::DISCARD:
        os << " (" << action.reason << ")";
        break;
    case FloodingEngine::ActionType::INSTALL:
        os << (action.contentsChanged ? " changed" : " unchanged");
        break;
    case FloodingEngine::ActionType::FLOOD:
    case FloodingEngine::ActionType::DELAYED_ACK:
        os << " if" << action.interfaceId;
        break;
    case FloodingEngine::ActionType::SELF_ORIGINATED:
        os << (action.mustFlush ? " flush" : "");
        break;
    case FloodingEngine::ActionType::AGED_OUT:
    case FloodingEngine::ActionType::REFRESH:
    case FloodingEngine::ActionType::REMOVED:
        break;
    default:
        os << " " << action.neighbor;
        break;
    }
    return os;
}

} // namespace ospf
} // namespace ns3
