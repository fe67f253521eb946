/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The OSPFv2 link-state database of one area (RFC 2328 sections 12 to 14)
 * as a plain container: no simulator, no I/O, no clock. The caller passes
 * the current time into every call that needs it.
 *
 * Besides the LSAs it keeps what the flooding procedure and the aging rules
 * need to know of each: when it was installed (its current LS age is the
 * installed age plus the whole seconds elapsed since, never past MaxAge,
 * section 14), whether it was received or originated here (section 13 step
 * 5a applies to received copies only), when it was last sent in a Link State
 * Update (section 13 step 8), and when each self-originated LSA was last
 * originated (MinLSInterval, section 12.4).
 *
 * ospf::FloodingEngine drives it; the comparison of two instances (13.1)
 * and the test for changed contents (13.2) are free functions here so that
 * the database exchange (10.6) and the SPF trigger can use them too.
 *
 * Choices where RFC 2328 leaves freedom:
 *  - An LS age above MaxAge (a malformed LSA) counts as MaxAge.
 *  - The LS checksum is not re-verified at multiples of CheckAge (section
 *    14): a simulated router's memory does not go bad.
 *  - LSAs are held behind shared pointers to const, so that flooding,
 *    retransmission lists and the driver's Link State Updates share one copy
 *    per instance.
 */
#ifndef IPVPN_OSPF_LSDB_H
#define IPVPN_OSPF_LSDB_H

#include "ospf-lsa-header.h"
#include "ospf-lsa.h"

#include "ns3/ipv4-address.h"
#include "ns3/ipvpn-flat-hash-map.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
#include <vector>

namespace ns3
{
namespace ospf
{

/// How one LSA instance compares with another (RFC 2328 13.1).
enum class LsaRecency : uint8_t
{
    OLDER, ///< the other instance is more recent
    SAME,  ///< neither is more recent: the same instance
    NEWER, ///< this instance is more recent
};

std::ostream& operator<<(std::ostream& os, LsaRecency recency);

/**
 * RFC 2328 13.1: how instance `a` compares with instance `b` of the same LSA.
 * In order: the larger LS sequence number (signed 32-bit) is newer; then the
 * larger LS checksum (unsigned 16-bit); then an instance at MaxAge is newer
 * than one that is not; then, when the ages differ by more than MaxAgeDiff,
 * the younger is newer; otherwise they are the same instance. The headers'
 * ages must be the current ones (see Lsdb::Entry::GetHeader).
 */
LsaRecency CompareLsaInstances(const LsaHeader& a, const LsaHeader& b);

/// \return true when `a` is more recent than `b` (13.1).
bool IsMoreRecent(const LsaHeader& a, const LsaHeader& b);

/**
 * RFC 2328 13.2: whether installing `newer` over `older` changes the
 * database's contents, which schedules the routing table calculation: the
 * Options differ, exactly one of them is at MaxAge, the length differs, or
 * the body differs. LS age otherwise, sequence number and checksum do not
 * count. The ages are the headers' as given (pass current ages).
 */
bool LsaContentsDiffer(const Lsa& older, const Lsa& newer);

/// The link-state database of one area.
class Lsdb
{
  public:
    /// Where an installed instance came from.
    enum class Source : uint8_t
    {
        RECEIVED,   ///< from a Link State Update (flooding or a requested LSA)
        ORIGINATED, ///< originated or prematurely aged by this router
    };

    /// One installed LSA.
    struct Entry
    {
        /// The instance, possibly shared with other routers' databases
        /// (LsaInstanceCache): its header's LS age is not this copy's.
        std::shared_ptr<const Lsa> lsa;
        /// The LS age when installed (at most MaxAge).
        uint16_t installedAge = 0;
        Time installed;
        Source source = Source::RECEIVED;
        /// When it was last sent in a Link State Update (13 step 8).
        std::optional<Time> lastSent;
        /// The age reached MaxAge and was reported by AgeOut(), or the LSA
        /// was installed or prematurely aged at MaxAge.
        bool maxAgeReported = false;
        /// The LSRefreshTime of this instance was reported by TakeRefreshDue().
        bool refreshReported = false;
        /// How many neighbors' Link state retransmission lists hold this LSA.
        /// ospf::FloodingEngine, which owns the lists, keeps it: removing an
        /// old instance from every list (13 step 5c) and section 14's "on no
        /// list" test read it instead of asking every neighbor. A new
        /// instance of the LSA inherits it; the database never removes an
        /// LSA while it is non-zero (RemoveFlushable).
        uint32_t retransmissionLists = 0;

        /// \return the LS age at `now`: installed age plus elapsed whole
        ///         seconds, at most MaxAge (section 14).
        uint16_t GetAge(Time now) const;
        /// \return the header with the LS age at `now`.
        LsaHeader GetHeader(Time now) const;
    };

    /// An installed LSA under its key.
    struct Item
    {
        LsaKey key;
        Entry entry;
    };

    /// The entries, in no particular order (see begin()).
    using Storage = std::deque<Item>;

    /// What Install() did.
    struct InstallResult
    {
        bool replaced = false;        ///< an older instance was in the database
        bool contentsChanged = false; ///< 13.2: the routing table needs recomputing
    };

    /// How the next instance of a self-originated LSA is numbered (12.1.6).
    struct SequenceChoice
    {
        enum Kind : uint8_t
        {
            /// Originate with `sequence`.
            USE,
            /// The current instance has MaxSequenceNumber: flush it first
            /// (premature aging, 14.1); once it has left the database the
            /// next instance starts again at InitialSequenceNumber.
            FLUSH_FIRST,
            /// The MaxSequenceNumber instance is being flushed: wait until it
            /// has left the database.
            WAIT_FOR_FLUSH,
        };

        Kind kind = USE;
        int32_t sequence = INITIAL_SEQUENCE_NUMBER; ///< for USE
    };

    /// \param routerId this router's ID: LSAs it advertises are its own
    ///        (refreshed at LSRefreshTime, numbered by NextSequence()).
    explicit Lsdb(Ipv4Address routerId);
    Lsdb(const Lsdb&) = delete;
    Lsdb& operator=(const Lsdb&) = delete;
    Lsdb(Lsdb&&) = default;
    Lsdb& operator=(Lsdb&&) = default;

    Ipv4Address GetRouterId() const;

    // ---- contents ----
    /**
     * Installs an instance, replacing any other of the same LSA (13.2) and
     * time-stamping it with `now`. An ORIGINATED install also records the
     * origination time for MinLSInterval.
     */
    InstallResult Install(const Lsa& lsa, Time now, Source source);
    /// The same for a shared instance at LS age `age`, whatever the
    /// instance's header says.
    InstallResult Install(std::shared_ptr<const Lsa> lsa, uint16_t age, Time now, Source source);
    /// \return the entry, or nullptr. It stays where it is until its LSA
    ///         is removed or another LSA's removal moves it.
    const Entry* Find(const LsaKey& key) const;
    /// The same, for the flooding engine's bookkeeping in the entry.
    Entry* FindMutable(const LsaKey& key);
    /// \return the database copy's header with its current age, if any.
    std::optional<LsaHeader> GetHeader(const LsaKey& key, Time now) const;
    /// Removes an LSA. \return false when it was not there.
    bool Remove(const LsaKey& key);
    std::size_t GetN() const;
    /// Iteration in no particular order (the order of installation, which
    /// removals change), for whoever reads every entry regardless of order:
    /// the SPF calculation. Keeping key order cost a walk down a tree of
    /// cold nodes for every LSA new to a router in a large area.
    Storage::const_iterator begin() const;
    Storage::const_iterator end() const;
    /// The entries in key order (LS type, Link State ID, Advertising
    /// Router): the database summary of a Database Description exchange.
    std::vector<const Item*> GetSortedItems() const;
    /// The keys in key order.
    std::vector<LsaKey> GetKeys() const;

    // ---- sending ----
    /// Notes that the LSA went out in a Link State Update at `now`.
    void MarkSent(const LsaKey& key, Time now);
    /// \return true when the LSA went out in an update less than `window` ago.
    bool WasSentWithin(const LsaKey& key, Time now, Time window) const;

    // ---- aging (section 14) ----
    /**
     * \return the LSAs whose age has reached MaxAge since installed, each
     * once: the caller refloods them (section 14) and they are no longer
     * used by the routing table calculation.
     */
    std::vector<LsaKey> AgeOut(Time now);
    /**
     * Premature aging (14.1): sets the LS age of the database copy to MaxAge
     * (same sequence number and checksum), time-stamped `now`.
     * \return false when there is no such LSA.
     */
    bool PrematurelyAge(const LsaKey& key, Time now);
    /**
     * Section 14: removes every MaxAge LSA (reported by AgeOut, installed or
     * prematurely aged at MaxAge) that no neighbor's retransmission list
     * holds, provided no neighbor is in Exchange or Loading.
     * \param onRetransmissionList whether some neighbor's list holds the key
     * \return the removed keys
     */
    std::vector<LsaKey> RemoveFlushable(
        const std::function<bool(const LsaKey&)>& onRetransmissionList,
        bool neighborExchangingOrLoading);
    /// \return the keys of the LSAs at MaxAge awaiting removal.
    std::vector<LsaKey> GetMaxAgeKeys() const;
    /// \return how many LSAs at MaxAge await removal.
    std::size_t GetNMaxAge() const;

    // ---- self-originated LSAs (12.1.6, 12.4) ----
    /// \return true when this router advertises the LSA.
    bool IsOwn(const LsaKey& key) const;
    /**
     * 12.4: the own LSAs (not at MaxAge) whose age has reached LSRefreshTime,
     * each instance once: the caller originates a new instance of each.
     */
    std::vector<LsaKey> TakeRefreshDue(Time now);
    /// \return the keys of the LSAs this router ever originated (some may
    ///         have left the database since).
    std::vector<LsaKey> GetOriginatedKeys() const;
    /// 12.1.6: how to number the next instance of an own LSA.
    SequenceChoice NextSequence(const LsaKey& key, Time now) const;
    /// 12.4: the earliest time a new instance may be originated (MinLSInterval
    /// after the last origination); `now` when never originated.
    Time GetEarliestOrigination(const LsaKey& key, Time now, Time minLsInterval) const;

  private:
    /// Brings the next aging and refresh checks forward to when `entry`
    /// reaches MaxAge or (own LSAs) LSRefreshTime.
    void NoteAgingTimes(const LsaKey& key, const Entry& entry);
    /// Erases an entry and its index; the last item moves into its place.
    /// \return false when absent.
    bool Erase(const LsaKey& key);

    Ipv4Address m_routerId;
    /// A deque: installing a new LSA moves no other entry.
    Storage m_entries;
    /// The position in m_entries of each key.
    IpvpnFlatHashMap<LsaKey, uint32_t, LsaKeyHash> m_index;
    /// No entry reaches MaxAge before this time: AgeOut() scans nothing
    /// until then (one scan per router per second would cost more than the
    /// flooding in a large area).
    Time m_nextMaxAge = Time::Max();
    /// No own LSA reaches LSRefreshTime before this time (TakeRefreshDue).
    Time m_nextRefresh = Time::Max();
    /// Last origination time of each own LSA, kept after it is flushed.
    std::map<LsaKey, Time> m_originated;
    /// Entries at MaxAge (maxAgeReported), candidates for removal.
    std::set<LsaKey> m_maxAge;
};

} // namespace ospf
} // namespace ns3

#endif /* IPVPN_OSPF_LSDB_H */
