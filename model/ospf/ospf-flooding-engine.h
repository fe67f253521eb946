/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * OSPFv2 reliable flooding (RFC 2328 section 13) as a pure decision engine:
 * no simulator, no I/O, no clock. It owns the area's link-state database
 * (ospf::Lsdb) and every neighbor's Link state retransmission list and Link
 * state request list, and keeps a view of the router's interfaces and
 * neighbors that its driver updates (interface and neighbor state, DR and
 * BDR). The driver passes the current time into every call and carries out
 * the returned actions: Link State Updates to flood or send, acknowledgments
 * (delayed on an interface or direct to a neighbor), neighbor events
 * (BadLSReq, request list emptied), origination requests, SPF triggers.
 *
 * Entry points:
 *  - ReceiveLsa: one LSA of a Link State Update (section 13 steps 1 to 8,
 *    with 13.2 installation, 13.3 flooding, 13.4 self-originated LSAs and
 *    the 13.5 acknowledgment table); comments carry the step numbers.
 *  - ReceiveAck: one LSA header of a Link State Acknowledgment (13.7).
 *  - Originate / Flush: a new instance of an own LSA (12.4, 12.1.6), or its
 *    premature aging (14.1), flooded like a received one.
 *  - Age: LSAs reaching MaxAge are reflooded (14), own LSAs due for
 *    LSRefreshTime are reported (12.4).
 *  - TakeDueRetransmissions: what 13.6 retransmits now.
 * After each call every MaxAge LSA that section 14 allows is removed.
 *
 * Neighbors are named by (interface, router ID); the DR and BDR of a
 * broadcast interface by their router IDs (the driver translates the
 * interface addresses of its Hello processing).
 *
 * Choices where RFC 2328 leaves freedom:
 *  - Step 5's procedures are applied in the order (a), (c), (d), (b), (e),
 *    (f): the old instance leaves the retransmission lists before the new one
 *    is put on them (the RFC's outcome with lists keyed by LSA), and the
 *    flooding reads the instance just installed.
 *  - Known LS types are 1 to 5 (step 2); the area is the backbone, so step 3
 *    (AS-external-LSAs in stub areas) never applies.
 *  - Step 8 answers with the database copy unless it went out in any Link
 *    State Update (flooding, retransmission or an earlier step 8) less than
 *    MinLSArrival ago.
 *  - Originate() refuses an instance earlier than MinLSInterval after the
 *    previous origination of the same LSA (12.4); the driver asks
 *    Lsdb::GetEarliestOrigination and waits.
 *  - A newer self-originated LSA (13.4) is installed and flooded first (step
 *    5b-d), then reported: the driver originates the next instance (its
 *    sequence from Lsdb::NextSequence) or calls Flush(). A Network-LSA whose
 *    Link State ID is one of the router's addresses but advertised by another
 *    router ID is reported with mustFlush.
 *  - Retransmissions are per LSA: each entry of a list is due RxmtInterval
 *    after it was last sent.
 */
#ifndef IPVPN_OSPF_FLOODING_ENGINE_H
#define IPVPN_OSPF_FLOODING_ENGINE_H

#include "ospf-interface-fsm.h"
#include "ospf-lsa-header.h"
#include "ospf-lsa.h"
#include "ospf-lsdb.h"
#include "ospf-neighbor-fsm.h"

#include "ns3/ipv4-address.h"
#include "ns3/ipvpn-flat-hash-map.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <queue>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ns3
{
namespace ospf
{

/// The flooding decisions of one router in one area.
class FloodingEngine
{
  public:
    /// The interface and neighbor machines' types (RFC 2328 9.1, 10.1).
    using NetworkType = ospf::InterfaceType;
    using InterfaceState = ospf::InterfaceState;
    using NeighborState = ospf::NeighborState;

    /// A neighbor: the interface it is on and its router ID.
    struct NeighborId
    {
        uint32_t interfaceId = 0;
        Ipv4Address routerId;

        bool operator<(const NeighborId& other) const;
        bool operator==(const NeighborId& other) const;
    };

    /// Where a Link State Update or Acknowledgment goes (13.3 step 5, 13.5).
    enum class Destination : uint8_t
    {
        ALL_SPF_ROUTERS, ///< 224.0.0.5
        ALL_D_ROUTERS,   ///< 224.0.0.6
        NEIGHBOR,        ///< unicast to the action's neighbor
    };

    enum class ActionType : uint8_t
    {
        /// The LSA (or acknowledgment) is dropped; see reason.
        DISCARD,
        /// The LSA was installed in the database (13.2); contentsChanged
        /// schedules the routing table calculation.
        INSTALL,
        /// Send lsa (LS age `age` plus InfTransDelay) in a Link State Update
        /// out interfaceId to destination (13.3 step 5).
        FLOOD,
        /// Queue header for the next delayed Link State Acknowledgment on
        /// interfaceId (13.5), sent to destination.
        DELAYED_ACK,
        /// Send header at once in a Link State Acknowledgment unicast to
        /// neighbor (13.5).
        DIRECT_ACK,
        /// Send the more recent database copy (lsa, `age`) to neighbor in a
        /// unicast Link State Update, not put on its retransmission list
        /// (13 step 8).
        SEND_DATABASE_COPY,
        /// The received duplicate removed the LSA from neighbor's
        /// retransmission list (13 step 7a).
        IMPLIED_ACK,
        /// An acknowledgment from neighbor removed the LSA from its
        /// retransmission list (13.7).
        ACKNOWLEDGED,
        /// Generate the neighbor event BadLSReq for neighbor and stop
        /// processing the Link State Update (13 step 6).
        BAD_LS_REQ,
        /// neighbor's Link state request list became empty (the neighbor
        /// state machine's Loading Done when in Loading, 10.9).
        REQUEST_LIST_EMPTY,
        /// A self-originated LSA newer than the database copy arrived (13.4):
        /// originate a new instance (Lsdb::NextSequence) or Flush() it;
        /// mustFlush when it may not be updated.
        SELF_ORIGINATED,
        /// The LSA's age reached MaxAge (14): it is reflooded and no longer
        /// used by the routing table calculation.
        AGED_OUT,
        /// An own LSA reached LSRefreshTime (12.4): originate a new instance.
        REFRESH,
        /// A MaxAge LSA left the database (14).
        REMOVED,
    };

    enum class DiscardReason : uint8_t
    {
        NONE,
        UNKNOWN_NEIGHBOR,        ///< no such neighbor on the interface
        NEIGHBOR_STATE,          ///< neighbor below Exchange (13, 13.7)
        BAD_CHECKSUM,            ///< step 1
        UNKNOWN_TYPE,            ///< step 2
        MAX_AGE_NOT_IN_DATABASE, ///< step 4 (acknowledged)
        MIN_LS_ARRIVAL,          ///< step 5a (not acknowledged)
        SEQUENCE_WRAPPING,       ///< step 8: database copy MaxAge at MaxSequenceNumber
        RECENTLY_SENT,           ///< step 8: database copy sent less than MinLSArrival ago
        NOT_NEWER,               ///< Originate: not newer than the database copy
        MIN_LS_INTERVAL,         ///< Originate: less than MinLSInterval since the last
        NOT_IN_DATABASE,         ///< Flush: no such LSA
        QUESTIONABLE_ACK,        ///< 13.7: acknowledges another instance
    };

    /// One thing for the driver to do or know. Fields unused by a type keep
    /// their defaults.
    struct Action
    {
        ActionType type = ActionType::DISCARD;
        LsaKey key;
        /// The received LSA's header (acknowledgments, DISCARD, SELF_ORIGINATED).
        LsaHeader header;
        /// FLOOD, SEND_DATABASE_COPY: the instance to send.
        std::shared_ptr<const Lsa> lsa;
        /// FLOOD, SEND_DATABASE_COPY: its current LS age.
        uint16_t age = 0;
        /// FLOOD, DELAYED_ACK: the interface.
        uint32_t interfaceId = 0;
        /// DIRECT_ACK, SEND_DATABASE_COPY, IMPLIED_ACK, ACKNOWLEDGED,
        /// BAD_LS_REQ, REQUEST_LIST_EMPTY: the neighbor.
        NeighborId neighbor;
        Destination destination = Destination::ALL_SPF_ROUTERS;
        DiscardReason reason = DiscardReason::NONE;
        bool contentsChanged = false; ///< INSTALL
        bool mustFlush = false;       ///< SELF_ORIGINATED
    };

    /// What one call decided.
    struct Output
    {
        std::vector<Action> actions;
        /// Step 6: skip the rest of the Link State Update.
        bool stopProcessing = false;

        bool Has(ActionType type) const;
        std::vector<Action> Of(ActionType type) const;
        /// An installed change of contents or an LSA aged out (13.2, 14).
        bool SpfNeeded() const;
    };

    /// A Link state retransmission list item (13.3 step 1d, 13.6). Of the
    /// instance flooded it keeps what 13.7 compares an acknowledgment with
    /// (13.1): a list holds hundreds of items while an area floods.
    struct Retransmission
    {
        int32_t sequence = 0;  ///< LS sequence number of the instance flooded
        uint16_t checksum = 0; ///< its LS checksum
        uint16_t age = 0;      ///< its LS age when flooded
        Time due;              ///< when to send it again without an ack

        /// \return the item for `instance`, due at `due`.
        static Retransmission Of(const LsaHeader& instance, Time due);
        /// \return whether `ack` acknowledges this instance (13.7: the same
        ///         instance by 13.1).
        bool IsAcknowledgedBy(const LsaHeader& ack) const;
    };

    /// When a retransmission list item falls due, for the due order.
    using DueItem = std::pair<Time, LsaKey>;

    /// The engine's view of one neighbor.
    struct Neighbor
    {
        NeighborState state = NeighborState::DOWN;
        /// Unordered: flooding adds and acknowledgments remove an entry per
        /// LSA; retransmissions go out in key order all the same. Changed
        /// only through SetRetransmission, EraseRetransmission and
        /// ClearRetransmissions, which keep the database entries' counts.
        IpvpnFlatHashMap<LsaKey, Retransmission, LsaKeyHash> retransmissions;
        /// Link state request list (10.6): the instance wanted.
        std::map<LsaKey, LsaHeader> requests;
        /// Every time an item of `retransmissions` was given a due time,
        /// earliest first. An entry whose item has left the list or was
        /// given another time since is skipped when it comes to the top, so
        /// that finding what is due (13.6) touches nothing that is not.
        mutable std::priority_queue<DueItem, std::vector<DueItem>, std::greater<DueItem>> dueOrder;
    };

    /// The engine's view of one interface.
    struct Interface
    {
        NetworkType type = NetworkType::POINT_TO_POINT;
        InterfaceState state = InterfaceState::DOWN;
        std::optional<Ipv4Address> dr;  ///< router ID of the DR
        std::optional<Ipv4Address> bdr; ///< router ID of the BDR
        Time rxmtInterval = Seconds(5);
    };

    /// What 13.6 sends again to one neighbor now.
    struct DueRetransmission
    {
        NeighborId neighbor;
        std::vector<std::shared_ptr<const Lsa>> lsas;
        std::vector<uint16_t> ages; ///< current LS age of each
    };

    struct Config
    {
        Ipv4Address routerId;
        Time minLsArrival = Seconds(MIN_LS_ARRIVAL);
        Time minLsInterval = Seconds(MIN_LS_INTERVAL);
    };

    explicit FloodingEngine(const Config& config);

    const Config& GetConfig() const;
    /// The database, for reading: the engine installs and removes LSAs. An
    /// LSA removed behind its back while a retransmission list holds it
    /// would take the entry's count of lists (retransmissionLists) along.
    Lsdb& GetLsdb();
    const Lsdb& GetLsdb() const;
    /// The router's own interface addresses (13.4: a Network-LSA with one of
    /// them as Link State ID is self-originated).
    void SetInterfaceAddresses(const std::set<Ipv4Address>& addresses);
    bool IsSelfOriginated(const LsaHeader& header) const;

    // ---- the driver's view of interfaces and neighbors ----
    void AddInterface(uint32_t id, NetworkType type, InterfaceState state, Time rxmtInterval);
    void AddInterface(uint32_t id, NetworkType type, InterfaceState state);
    void SetInterfaceState(uint32_t id, InterfaceState state);
    /// The router IDs of the interface's DR and BDR (broadcast networks).
    void SetDesignatedRouters(uint32_t id,
                              std::optional<Ipv4Address> dr,
                              std::optional<Ipv4Address> bdr);
    const Interface* FindInterface(uint32_t id) const;
    void AddNeighbor(const NeighborId& id, NeighborState state);
    /// Forgets the neighbor and its lists; may let MaxAge LSAs go (14).
    Output RemoveNeighbor(const NeighborId& id);
    /**
     * A neighbor state change. Below Exchange both lists are cleared (the
     * actions of RFC 2328 10.3 leading there); leaving Exchange/Loading may
     * let MaxAge LSAs go (14).
     */
    Output SetNeighborState(const NeighborId& id, NeighborState state);
    const Neighbor* FindNeighbor(const NeighborId& id) const;

    // ---- the lists (database exchange, 10.3 and 10.6) ----
    void AddToRequestList(const NeighborId& id, const LsaHeader& header);
    /// Puts the database copy on the neighbor's retransmission list, due
    /// RxmtInterval after `now` (10.3: MaxAge LSAs at the start of Exchange).
    void AddToRetransmissionList(const NeighborId& id, const LsaKey& key, Time now);
    /// 13.6: every retransmission list item due at `now`, per neighbor; each
    /// becomes due again RxmtInterval later.
    std::vector<DueRetransmission> TakeDueRetransmissions(Time now);
    /// The earliest time a retransmission becomes due, if any.
    std::optional<Time> GetNextRetransmission() const;
    /// Whether some neighbor's retransmission list holds the LSA.
    bool IsOnRetransmissionList(const LsaKey& key) const;

    // ---- events ----
    /// Section 13: one LSA of a Link State Update from `from`.
    Output ReceiveLsa(const NeighborId& from, const Lsa& lsa, bool checksumValid, Time now);
    /// The same for a shared instance, which the database keeps as it is,
    /// received with LS age `age` (the instance's header's age is ignored).
    Output ReceiveLsa(const NeighborId& from,
                      std::shared_ptr<const Lsa> lsa,
                      uint16_t age,
                      bool checksumValid,
                      Time now);
    /// Section 13.7: one LSA header of a Link State Acknowledgment.
    Output ReceiveAck(const NeighborId& from, const LsaHeader& ack);
    /**
     * A new instance of an own LSA (12.4), numbered and sealed by the caller
     * (Lsdb::NextSequence): installed and flooded out every interface.
     */
    Output Originate(const Lsa& lsa, Time now);
    /// Premature aging (14.1): the database copy goes to MaxAge and is flooded.
    Output Flush(const LsaKey& key, Time now);
    /// Section 14 and 12.4: LSAs reaching MaxAge are reflooded, own LSAs due
    /// for refresh reported, removable MaxAge LSAs removed.
    Output Age(Time now);

  private:
    using NeighborMap = std::map<NeighborId, Neighbor>;

    /// 13.3: floods the database copy of `key` (from `from`'s interface when
    /// received). \return true when it went back out the receiving interface.
    bool Flood(const LsaKey& key, const std::optional<NeighborId>& from, Time now, Output& out);
    /// 13.5: the acknowledgment for a received LSA.
    void Acknowledge(const NeighborId& from,
                     const LsaHeader& header,
                     bool duplicate,
                     bool impliedAck,
                     bool floodedBack,
                     Output& out);
    /// Step 5c: the database copy leaves every retransmission list.
    void RemoveFromRetransmissionLists(const LsaKey& key);
    /// Puts `item` on the neighbor's retransmission list (or re-times it);
    /// `entry` is the LSA's database entry, which counts the lists.
    void SetRetransmission(Neighbor& neighbor,
                           const LsaKey& key,
                           Lsdb::Entry& entry,
                           const Retransmission& item);
    /// Takes `key` off the neighbor's retransmission list. \return false
    /// when it was not there.
    bool EraseRetransmission(Neighbor& neighbor, const LsaKey& key);
    /// Empties the neighbor's retransmission list.
    void ClearRetransmissions(Neighbor& neighbor);
    /// Drops the entries of the due order whose item left the list or was
    /// re-timed, down to the first current one.
    static void SkipStaleDueItems(const Neighbor& neighbor);
    /// Removes `key` from a request list, reporting it when it empties.
    void EraseRequest(const NeighborId& id, Neighbor& neighbor, const LsaKey& key, Output& out);
    /// Section 14: removes the MaxAge LSAs that may go.
    void RemoveFlushable(Output& out);
    bool AnyNeighborExchangingOrLoading() const;
    Destination FloodDestination(const Interface& iface) const;
    static void Discard(const LsaHeader& header, DiscardReason reason, Output& out);

    Config m_config;
    Lsdb m_lsdb;
    std::set<Ipv4Address> m_addresses;
    std::map<uint32_t, Interface> m_interfaces;
    NeighborMap m_neighbors;
};

std::ostream& operator<<(std::ostream& os, FloodingEngine::ActionType type);
std::ostream& operator<<(std::ostream& os, FloodingEngine::DiscardReason reason);
std::ostream& operator<<(std::ostream& os, const FloodingEngine::NeighborId& id);
std::ostream& operator<<(std::ostream& os, const FloodingEngine::Action& action);

} // namespace ospf
} // namespace ns3

#endif /* IPVPN_OSPF_FLOODING_ENGINE_H */
