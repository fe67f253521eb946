/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * MPLS forwarding tables as plain classes (no simulator needed):
 *  - Nhlfe: Next Hop Label Forwarding Entry (RFC 3031 section 3.10)
 *  - IlmTable: Incoming Label Map, label -> NHLFE (RFC 3031 section 3.11)
 *  - FtnTable: FEC-to-NHLFE map for IPv4 prefix FECs, longest-prefix match
 *    (RFC 3031 sections 3.12 and 2.1)
 *  - LabelAllocator: per-node pool of free labels (RFC 3031 section 3.3,
 *    downstream label assignment; RFC 3032 section 2.1 reserves 0..15)
 */
#ifndef IPVPN_MPLS_LFIB_H
#define IPVPN_MPLS_LFIB_H

#include "mpls-label-stack-header.h"

#include "ns3/ipv4-address.h"

#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <utility>
#include <vector>

namespace ns3
{
namespace mpls
{

/**
 * Next Hop Label Forwarding Entry (RFC 3031 section 3.10).
 *
 * Label order in `labels`: push order, bottom first. SWAP replaces the top
 * label with labels[0] and then pushes labels[1..]; PUSH pushes labels[0..]
 * in turn. Either way the resulting top label is labels.back().
 *
 * A SWAP (or PUSH) to the single label IMPLICIT NULL (3) means "pop and
 * forward" (penultimate hop popping, RFC 3031 section 3.16); the label never
 * appears on the wire (RFC 3032 section 2.1).
 *
 * POP with outDevice set forwards what remains (labeled or plain IPv4) on
 * that device; POP without outDevice either continues with the next label of
 * the stack or, at the bottom, hands the IPv4 packet to the node's IPv4 layer
 * as if received on `deliverInterface` (-1: the interface of the device the
 * label arrived on). `context` names the VPN context (VR port) this label
 * belongs to at an edge; 0 = global table.
 */
struct Nhlfe
{
    enum Operation : uint8_t
    {
        PUSH = 0, ///< FTN only: impose labels on an unlabeled packet
        SWAP = 1, ///< replace the top label, optionally push more
        POP = 2,  ///< remove the top label
    };

    Operation op{SWAP};
    std::vector<uint32_t> labels; ///< push order, bottom first
    int32_t outDevice{-1};        ///< NetDevice index on the node, -1: none
    Ipv4Address nextHop;          ///< next hop IPv4 address (link-layer resolution)
    int32_t deliverInterface{-1}; ///< POP at bottom: IPv4 interface to receive on
    uint32_t context{0};          ///< VPN context id (VR port), 0 = global

    /// Shorthands for the common cases.
    static Nhlfe Push(std::vector<uint32_t> labels, int32_t outDevice, Ipv4Address nextHop);
    static Nhlfe Swap(uint32_t outLabel, int32_t outDevice, Ipv4Address nextHop);
    static Nhlfe PopAndDeliver(int32_t deliverInterface = -1, uint32_t context = 0);
    static Nhlfe PopAndForward(int32_t outDevice, Ipv4Address nextHop);

    /**
     * The label stack entries a SWAP or PUSH writes, in push order (bottom
     * first), all with `ttl` and `trafficClass` (RFC 3032 section 2.4.1: the
     * new entries carry the outgoing TTL). Only the first one may have S set,
     * and only when `bottomIsBos` (it becomes the bottom of the stack). Empty
     * for POP and for an implicit-null pop.
     */
    std::vector<LabelStackEntry> MakeEntries(uint8_t ttl,
                                             uint8_t trafficClass,
                                             bool bottomIsBos) const;
    /// true for a SWAP/PUSH to the single label IMPLICIT NULL (PHP).
    bool IsImplicitNullPop() const;
    /// Structural check: labels in range, reserved labels only where allowed,
    /// an out device where the operation sends.
    bool IsValid() const;

    bool operator==(const Nhlfe& other) const;
    bool operator!=(const Nhlfe& other) const;
};

std::ostream& operator<<(std::ostream& os, const Nhlfe& nhlfe);

/**
 * Incoming Label Map (RFC 3031 section 3.11). Entries live in a label space
 * (RFC 3031 section 3.14): PLATFORM (0) or the per-interface space of one
 * incoming device (device index + 1). Lookup prefers the per-interface entry.
 */
class IlmTable
{
  public:
    static constexpr uint32_t PLATFORM = 0;
    /// Label space id of the per-interface space of device `deviceIndex`.
    static uint32_t InterfaceSpace(uint32_t deviceIndex);

    /// Adds or replaces; false (table unchanged) for an invalid NHLFE, a PUSH,
    /// or a label outside 16..2^20-1 (except IPv4 explicit null).
    bool Add(uint32_t inLabel, const Nhlfe& nhlfe, uint32_t labelSpace = PLATFORM);
    bool Remove(uint32_t inLabel, uint32_t labelSpace = PLATFORM);
    /// Entry for a label received on device `inDevice`, or nullptr.
    const Nhlfe* Lookup(uint32_t inLabel, uint32_t inDevice) const;
    /// Entry in exactly this label space, or nullptr.
    const Nhlfe* Find(uint32_t inLabel, uint32_t labelSpace = PLATFORM) const;
    std::size_t GetSize() const;
    void Clear();
    void Print(std::ostream& os) const;

  private:
    /// (label space, incoming label) -> NHLFE
    std::map<std::pair<uint32_t, uint32_t>, Nhlfe> m_entries;
};

/// An IPv4 prefix FEC element (RFC 3031 section 2.1 "FEC"; RFC 5036 3.4.1).
struct PrefixFec
{
    Ipv4Address network; ///< stored masked
    uint8_t length{0};   ///< 0..32

    PrefixFec() = default;
    PrefixFec(Ipv4Address address, uint8_t prefixLength);
    bool Contains(Ipv4Address address) const;
    bool operator<(const PrefixFec& other) const;
    bool operator==(const PrefixFec& other) const;
};

std::ostream& operator<<(std::ostream& os, const PrefixFec& fec);

/// FEC-to-NHLFE map (RFC 3031 section 3.12) for IPv4 prefix FECs; a packet
/// belongs to the FEC with the longest matching prefix (RFC 5036 3.4.1.1).
class FtnTable
{
  public:
    /// Adds or replaces; false for an invalid NHLFE or one that is not PUSH.
    bool Add(const PrefixFec& fec, const Nhlfe& nhlfe);
    bool Remove(const PrefixFec& fec);
    /// Longest-prefix match; nullptr when no FEC contains the address.
    const Nhlfe* Lookup(Ipv4Address destination, PrefixFec* matched = nullptr) const;
    const Nhlfe* Find(const PrefixFec& fec) const;
    std::size_t GetSize() const;
    void Clear();
    void Print(std::ostream& os) const;

  private:
    std::map<PrefixFec, Nhlfe> m_entries;
};

/**
 * Per-node label pool. Never hands out the reserved labels 0..15 (RFC 3032
 * section 2.1); the range is clamped to 16..2^20-1. Allocation takes the
 * lowest free label at or after the last one handed out, wrapping around, so
 * that a released label is not reused at once.
 */
class LabelAllocator
{
  public:
    LabelAllocator();
    LabelAllocator(uint32_t minLabel, uint32_t maxLabel);

    /// Sets the range (clamped); labels already taken stay taken.
    void SetRange(uint32_t minLabel, uint32_t maxLabel);
    uint32_t GetMinLabel() const;
    uint32_t GetMaxLabel() const;

    /// A free label, or nothing when the range is exhausted.
    std::optional<uint32_t> Allocate();
    /// Takes a given label (static configuration); false if reserved, out of
    /// range or already taken.
    bool Reserve(uint32_t label);
    /// Returns a label to the pool; false if it was not taken.
    bool Release(uint32_t label);
    bool IsAllocated(uint32_t label) const;
    std::size_t GetAllocatedCount() const;

  private:
    uint32_t m_min;
    uint32_t m_max;
    uint32_t m_next;
    std::set<uint32_t> m_taken;
};

} // namespace mpls
} // namespace ns3

#endif
