/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * 1:1 prefix NAT rules of a gateway (seed 004 [0146], [0164]): each rule
 * binds an interface, an inner prefix (the home network's own) and an outer
 * prefix of the same length (the prefix the home has inside a tunnel).
 * Leaving through the interface, a source inside the inner prefix takes the
 * outer prefix with the same host part (10.0.0.4 -> 10.0.1.4); arriving on
 * it, a destination inside the outer prefix takes the inner one
 * (10.0.1.5 -> 10.0.0.5). Other addresses are not touched.
 *
 * A plain container: no ns-3 objects, no packets. Rules are added and removed
 * while traffic runs (by the tunnelling component as tunnels come and go).
 * One interface holds any number of rules whose inner prefixes do not
 * overlap and whose outer prefixes do not overlap, so at most one rule
 * matches an address on an interface.
 */
#ifndef IPVPN_NAT_PREFIX_TABLE_H
#define IPVPN_NAT_PREFIX_TABLE_H

#include "ns3/ipv4-address.h"

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{
namespace nat
{

/// One 1:1 rule.
struct PrefixRule
{
    uint32_t interface = 0;
    Ipv4Address inner; ///< the network's own prefix (host bits zero)
    Ipv4Address outer; ///< the prefix it has beyond the interface (host bits zero)
    uint8_t length = 0;

    bool operator==(const PrefixRule& o) const;
};

std::ostream& operator<<(std::ostream& os, const PrefixRule& r);

/// The 1:1 rules of one gateway, by interface.
class PrefixTable
{
  public:
    /// Packets a rule translated, by direction.
    struct RuleCounters
    {
        uint64_t outbound = 0; ///< sources rewritten leaving the interface
        uint64_t inbound = 0;  ///< destinations rewritten arriving on it
    };

    /**
     * Adds a rule. \return an empty string, or why it is refused: a length
     * above 32, host bits set in a prefix, or an inner or outer prefix that
     * overlaps one of another rule on the same interface.
     */
    std::string Add(const PrefixRule& rule);
    /// Removes the rule of \p interface whose inner prefix is \p inner / \p length.
    bool Remove(uint32_t interface, Ipv4Address inner, uint8_t length);
    /// Removes every rule of \p interface; \return how many.
    std::size_t RemoveInterface(uint32_t interface);

    /// The source to send out of \p interface instead of \p source, if a rule maps it.
    std::optional<Ipv4Address> Outbound(uint32_t interface, Ipv4Address source);
    /// The destination to use instead of \p destination arriving on \p interface, if a rule maps
    /// it.
    std::optional<Ipv4Address> Inbound(uint32_t interface, Ipv4Address destination);

    /// \p address with its first \p length bits replaced by those of \p to.
    static Ipv4Address Map(Ipv4Address address, Ipv4Address to, uint8_t length);

    std::vector<PrefixRule> GetRules() const;
    std::optional<RuleCounters> GetCounters(uint32_t interface,
                                            Ipv4Address inner,
                                            uint8_t length) const;
    bool HasRules(uint32_t interface) const;

  private:
    struct Entry
    {
        PrefixRule rule;
        RuleCounters counters;
    };

    static bool Contains(Ipv4Address prefix, uint8_t length, Ipv4Address address);
    // The rule of `interface` whose inner (or outer) prefix holds `address`.
    Entry* Find(uint32_t interface, Ipv4Address address, bool innerSide);

    std::vector<Entry> m_entries; // few rules per gateway: a scan is cheapest
};

} // namespace nat
} // namespace ns3

#endif // IPVPN_NAT_PREFIX_TABLE_H
