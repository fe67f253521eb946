/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * MPLS label stack encoding (RFC 3032 section 2.1): one 32-bit entry per
 * label, carrying a 20-bit label, 3-bit Traffic Class (RFC 5462, formerly
 * "Exp"), the Bottom of Stack bit S and an 8-bit TTL. Frames carry it after
 * the link-layer header with EtherType 0x8847 or PPP protocol 0x0281.
 */
#ifndef IPVPN_MPLS_LABEL_STACK_HEADER_H
#define IPVPN_MPLS_LABEL_STACK_HEADER_H

#include "ns3/header.h"

#include <cstdint>
#include <ostream>
#include <vector>

namespace ns3
{
namespace mpls
{

/// Reserved label values (RFC 3032 section 2.1, registry updated by RFC 7274).
enum ReservedLabel : uint32_t
{
    LABEL_IPV4_EXPLICIT_NULL = 0,      ///< pop, then forward as IPv4 (RFC 3032)
    LABEL_ROUTER_ALERT = 1,            ///< deliver to the local software (RFC 3032)
    LABEL_IPV6_EXPLICIT_NULL = 2,      ///< pop, then forward as IPv6 (RFC 3032)
    LABEL_IMPLICIT_NULL = 3,           ///< signalled only, never on the wire (RFC 3032)
    LABEL_ENTROPY_LABEL_INDICATOR = 7, ///< RFC 6790
    LABEL_GAL = 13,                    ///< Generic Associated Channel Label (RFC 5586)
    LABEL_OAM_ALERT = 14,              ///< RFC 3429
    LABEL_EXTENSION = 15,              ///< extended special-purpose labels follow (RFC 7274)
};

/// Largest special-purpose label; 16 is the first label an LSR may allocate.
constexpr uint32_t MAX_RESERVED_LABEL = 15;
/// First label value available for ordinary bindings.
constexpr uint32_t MIN_UNRESERVED_LABEL = 16;
/// Labels are 20 bits wide.
constexpr uint32_t MAX_LABEL = 0xFFFFF;

/// \return true for the special-purpose values 0..15 (RFC 3032 section 2.1).
bool IsReservedLabel(uint32_t label);

/**
 * One label stack entry (RFC 3032 section 2.1):
 *
 *   | Label (20) | TC (3) | S (1) | TTL (8) |
 *
 * Deserializing fewer than four available bytes marks the entry invalid
 * instead of reading past the data.
 */
class LabelStackEntry : public Header
{
  public:
    static TypeId GetTypeId();

    LabelStackEntry();
    LabelStackEntry(uint32_t label, uint8_t trafficClass, bool bottomOfStack, uint8_t ttl);

    /// Builds an entry from its 32-bit wire word.
    static LabelStackEntry FromWord(uint32_t word);
    /// \return the 32-bit wire word of this entry.
    uint32_t ToWord() const;

    void SetLabel(uint32_t label);
    uint32_t GetLabel() const;
    void SetTrafficClass(uint8_t trafficClass);
    uint8_t GetTrafficClass() const;
    void SetBottomOfStack(bool bottomOfStack);
    bool IsBottomOfStack() const;
    void SetTtl(uint8_t ttl);
    uint8_t GetTtl() const;

    /// false when the last Deserialize found fewer than four bytes.
    bool IsValid() const;

    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    uint32_t Deserialize(Buffer::Iterator start, Buffer::Iterator end) override;
    void Print(std::ostream& os) const override;

    bool operator==(const LabelStackEntry& other) const;
    bool operator!=(const LabelStackEntry& other) const;

  private:
    uint32_t DeserializeFrom(Buffer::Iterator start, uint32_t available);

    uint32_t m_label;
    uint8_t m_trafficClass;
    bool m_bottomOfStack;
    uint8_t m_ttl;
    bool m_valid;
};

/**
 * A whole label stack, top entry first (RFC 3032 section 2.1: the entry
 * right after the link-layer header is the top; the last one has S = 1).
 *
 * Push() and Append() keep the S bits consistent: only the bottom entry has
 * S set. Deserialize() reads entries until one with S = 1 or until the data
 * ends; a stack without a bottom entry in the data, or with no complete entry
 * at all, is flagged through IsValid()/GetError().
 */
class LabelStack : public Header
{
  public:
    /// Why a decoded stack is unusable.
    enum Error
    {
        OK = 0,             ///< well formed
        EMPTY,              ///< not even one complete entry in the data
        NO_BOTTOM_OF_STACK, ///< data ended before an entry with S = 1
    };

    static TypeId GetTypeId();

    LabelStack();

    /// Puts an entry on top; its S bit is set only if the stack was empty.
    void Push(LabelStackEntry entry);
    /// Convenience form of Push().
    void Push(uint32_t label, uint8_t trafficClass, uint8_t ttl);
    /// Adds an entry below the current bottom, which loses its S bit.
    void Append(LabelStackEntry entry);
    /// Removes the top entry; no-op on an empty stack.
    void Pop();
    /// Top entry; the stack must not be empty.
    const LabelStackEntry& GetTop() const;
    /// Entry at depth index (0 = top); index must be below GetDepth().
    const LabelStackEntry& GetEntry(uint32_t index) const;
    LabelStackEntry& GetEntry(uint32_t index);
    const std::vector<LabelStackEntry>& GetEntries() const;
    uint32_t GetDepth() const;
    bool IsEmpty() const;
    void Clear();

    /// false when the last Deserialize flagged the stack (see GetError()).
    bool IsValid() const;
    Error GetError() const;

    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    uint32_t Deserialize(Buffer::Iterator start, Buffer::Iterator end) override;
    void Print(std::ostream& os) const override;

    bool operator==(const LabelStack& other) const;
    bool operator!=(const LabelStack& other) const;

  private:
    uint32_t DeserializeFrom(Buffer::Iterator start, uint32_t available);

    std::vector<LabelStackEntry> m_entries; ///< index 0 is the top
    Error m_error;
};

std::ostream& operator<<(std::ostream& os, const LabelStackEntry& entry);
std::ostream& operator<<(std::ostream& os, const LabelStack& stack);

} // namespace mpls
} // namespace ns3

#endif
