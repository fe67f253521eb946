/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Two of a neighbor's lists of LSAs (RFC 2328 section 10): the Database
 * summary list, described to the neighbor in Database Description packets
 * (10.3 NegotiationDone, 10.8), and the Link state request list, filled
 * from the neighbor's Database Description packets (10.6) and sent in Link
 * State Request packets (10.9). A pure container: the driver fills and
 * empties it as ospf::NeighborFsm's actions say (LIST_DATABASE_SUMMARY,
 * CLEAR_LISTS) and tells NeighborFsm whether the request list is empty.
 * The third list, the Link state retransmission list, belongs to flooding.
 *
 * Whether an LSA listed in a Database Description packet is to be
 * requested (no database copy, or a less recent one by 13.1) is decided
 * by the caller, who has the database.
 */
#ifndef IPVPN_OSPF_DATABASE_EXCHANGE_LISTS_H
#define IPVPN_OSPF_DATABASE_EXCHANGE_LISTS_H

#include "ospf-lsa-header.h"

#include <cstddef>
#include <deque>
#include <vector>

namespace ns3
{
namespace ospf
{

/// The Database summary list and Link state request list of one neighbor.
class DatabaseExchangeLists
{
  public:
    /**
     * 10.3 ExStart/NegotiationDone: the area database becomes the Database
     * summary list, except the LSAs whose age is MaxAge, which "are instead
     * added to the neighbor's Link state retransmission list".
     * \param database the headers of every LSA in the area database now
     * \return the MaxAge headers, for the retransmission list
     */
    std::vector<LsaHeader> FillSummary(const std::vector<LsaHeader>& database);

    /**
     * 10.8: the headers the next Database Description packet describes,
     * from the top of the Database summary list, at most `max` of them.
     * They stay on the list until AcknowledgeDescribed(); describing again
     * (a retransmission) returns the same ones.
     */
    std::vector<LsaHeader> Describe(std::size_t max);
    /// 10.8: "Items are removed from the Database summary list when the
    /// previous packet is acknowledged."
    void AcknowledgeDescribed();
    /// The M bit of the packet being described: the list holds more.
    bool MoreAfterDescribed() const;
    std::size_t GetSummarySize() const;

    /**
     * 10.6: an LSA the neighbor listed that we lack (or hold a less recent
     * instance of) goes on the Link state request list. A second header for
     * the same LSA replaces the first, keeping its place.
     */
    void AddRequest(const LsaHeader& header);
    /// 10.9: "the beginning of the Link state request list", at most `max`.
    std::vector<LsaHeader> NextRequests(std::size_t max) const;
    /// The request list's entry for `key`, or nullptr.
    const LsaHeader* FindRequest(const LsaKey& key) const;
    /// 10.9: a requested LSA arrived; \return whether it was on the list.
    bool RemoveRequest(const LsaKey& key);
    bool RequestListEmpty() const;
    std::size_t GetRequestSize() const;

    /// 10.3 CLEAR_LISTS: both lists emptied.
    void Clear();

  private:
    std::deque<LsaHeader> m_summary;
    std::size_t m_described = 0; ///< headers of m_summary in the current DD
    std::vector<LsaHeader> m_requests;
};

} // namespace ospf
} // namespace ns3

#endif // IPVPN_OSPF_DATABASE_EXCHANGE_LISTS_H
