/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * An IPv4 prefix as the tunnelling-initiation messages carry it (seed 004's
 * "network address", e.g. 10.0.0.0/24): a network address with its host
 * bits zero and a length. A plain value type.
 */
#ifndef IPVPN_HTIP_PREFIX_H
#define IPVPN_HTIP_PREFIX_H

#include "ns3/ipv4-address.h"

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

namespace ns3
{
namespace htip
{

/// An IPv4 prefix; valid when length <= 32 and the host bits are zero.
struct Prefix
{
    Ipv4Address network = Ipv4Address::GetAny();
    uint8_t length = 0;

    Prefix() = default;
    Prefix(Ipv4Address network, uint8_t length);

    /// "10.0.0.0/24"; nullopt for bad syntax, a length above 32 or host bits set.
    static std::optional<Prefix> Parse(const std::string& text);

    bool IsValid() const;
    Ipv4Mask GetMask() const;
    /// 2^(32 - length).
    uint64_t GetSize() const;
    bool Contains(Ipv4Address address) const;
    /// Whether \p inner lies wholly inside this prefix (equal included).
    bool Contains(const Prefix& inner) const;
    bool Overlaps(const Prefix& other) const;
    /// \p address with its first `length` bits replaced by this prefix's
    /// (10.0.0.4 into 10.0.1.0/24 gives 10.0.1.4).
    Ipv4Address Map(Ipv4Address address) const;
    /// "10.0.0.0/24".
    std::string ToString() const;

    bool operator==(const Prefix& o) const;
    bool operator!=(const Prefix& o) const;
    /// By network, then length: for sorted containers.
    bool operator<(const Prefix& o) const;
};

std::ostream& operator<<(std::ostream& os, const Prefix& prefix);

} // namespace htip
} // namespace ns3

#endif /* IPVPN_HTIP_PREFIX_H */
