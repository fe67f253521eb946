/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Hello adjacency bookkeeping of LDP discovery (RFC 5036 sections 2.4,
 * 2.5.5 and 3.5.2) as a plain table: the driver reports each received Hello
 * with the time, asks for expiries at the time it is told, and learns which
 * peers lost their last adjacency (their session must then be shut down
 * with Hold Timer Expired, section 2.5.5). No I/O, no timers, no clock.
 */
#ifndef IPVPN_LDP_ADJACENCY_H
#define IPVPN_LDP_ADJACENCY_H

#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <map>
#include <optional>
#include <tuple>
#include <vector>

namespace ns3
{
namespace ldp
{

/// Hello hold time field value meaning "infinite" (section 3.5.2).
constexpr uint16_t HELLO_HOLD_INFINITE = 0xffff;

/// Tunables; ldp::Protocol exposes them as attributes (Link/TargetedHelloHoldTime).
struct HelloConfig
{
    /// Our proposed Link Hello hold time, seconds; 0 = default (section 3.5.2).
    uint16_t linkHoldTime = 0;
    /// Our proposed Targeted Hello hold time, seconds; 0 = default.
    uint16_t targetedHoldTime = 0;
    /// Hold time standing for 0 in Link Hellos (section 3.5.2: 15 s).
    Time defaultLinkHoldTime = Seconds(15);
    /// Hold time standing for 0 in Targeted Hellos (section 3.5.2: 45 s).
    Time defaultTargetedHoldTime = Seconds(45);
};

/**
 * Section 3.5.2 "Hold Time": the hold time in use is the smaller of the
 * two proposals, 0 standing for `defaultHold` and 0xffff for infinite.
 * \return the negotiated time, or nullopt when both are infinite.
 */
std::optional<Time> NegotiateHelloHoldTime(uint16_t localProposal,
                                           uint16_t peerProposal,
                                           Time defaultHold);

/// What identifies one Hello adjacency (section 2.4: per interface for
/// Link Hellos, per peer address for Targeted Hellos).
struct AdjacencyKey
{
    Ipv4Address lsrId;       ///< peer LDP identifier: LSR ID ...
    uint16_t labelSpace = 0; ///< ... and label space
    bool targeted = false;   ///< Targeted (true) or Link (false) Hello
    uint32_t interface = 0;  ///< receiving interface, for Link Hellos
    Ipv4Address source;      ///< Hello source address, for Targeted Hellos

    bool operator<(const AdjacencyKey& o) const;
    bool operator==(const AdjacencyKey& o) const;
};

/// One received Hello, as the driver extracts it.
struct HelloInfo
{
    uint16_t holdTime = 0;                  ///< proposed, seconds (3.5.2)
    Ipv4Address transportAddress;           ///< Transport Address TLV or source
    std::optional<uint32_t> configSequence; ///< Configuration Sequence Number
};

/// Outcome of one received Hello.
struct HelloResult
{
    bool created = false; ///< a new adjacency (section 2.5.2 may start a session)
    /// Section 3.5.2: the Configuration Sequence Number changed, so the
    /// peer's configuration may have changed (reset session backoff).
    bool configChanged = false;
    /// Negotiated hold time; nullopt = infinite.
    std::optional<Time> holdTime;
    /// When the adjacency expires without another Hello; absent if infinite.
    std::optional<Time> expiresAt;
};

/// Outcome of Expire().
struct ExpiryResult
{
    std::vector<AdjacencyKey> expired;
    /// Peers (LSR ID, label space) with no adjacency left: section 2.5.5
    /// says their session ends (Notification Hold Timer Expired).
    std::vector<std::pair<Ipv4Address, uint16_t>> peersLost;
};

/// The Hello adjacencies of one LSR (section 2.5.5).
class AdjacencyTable
{
  public:
    explicit AdjacencyTable(const HelloConfig& config = HelloConfig());

    /// Section 2.5.5: a Hello creates or refreshes its adjacency.
    HelloResult ReceiveHello(const AdjacencyKey& key, const HelloInfo& hello, Time now);

    /// Removes adjacencies whose hold time ran out by `now`.
    ExpiryResult Expire(Time now);

    /// Removes one adjacency (e.g. interface down); \return true if found.
    bool Remove(const AdjacencyKey& key);

    /// Section 2.5.3: a session needs at least one adjacency with its peer.
    bool HasAdjacency(Ipv4Address lsrId, uint16_t labelSpace) const;

    /// Transport address learnt for a peer (section 2.5.2), if any.
    std::optional<Ipv4Address> GetTransportAddress(Ipv4Address lsrId, uint16_t labelSpace) const;

    /// Earliest expiry, for the driver's single timer; absent if none.
    std::optional<Time> NextExpiry() const;

    size_t GetSize() const;

    /// Our proposal for a Hello of this kind (what to put in our Hellos).
    uint16_t GetLocalHoldTime(bool targeted) const;

  private:
    struct Entry
    {
        std::optional<Time> holdTime;  ///< nullopt = infinite
        std::optional<Time> expiresAt; ///< nullopt = never
        Ipv4Address transportAddress;
        std::optional<uint32_t> configSequence;
    };

    HelloConfig m_config;
    std::map<AdjacencyKey, Entry> m_entries;
};

} // namespace ldp
} // namespace ns3

#endif // IPVPN_LDP_ADJACENCY_H
