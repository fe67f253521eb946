/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Strict parsers for the value syntaxes of scenario files (durations, data
 * rates, IPv4 addresses and prefixes, queue sizes). They never abort: a bad
 * value yields an explanation that the loader reports with its position.
 */
#ifndef IPVPN_SCENARIO_VALUES_H
#define IPVPN_SCENARIO_VALUES_H

#include "scenario-spec.h"

#include <string>

namespace ns3
{
namespace scenario
{

/// Either a parsed value or the reason the text was rejected.
template <typename T>
struct Parsed
{
    std::optional<T> value;
    std::string error;

    explicit operator bool() const
    {
        return value.has_value();
    }
};

/// "10s", "250ms", "1.5s", "20us", "100ns", "2min", "1h", or a bare number of
/// seconds. Negative values are accepted here; range checks belong to callers.
Parsed<int64_t> ParseDuration(const std::string& text);

/// "100Mbps", "1.5Gbps", "64kbps", "9600bps" (SI multiples of bits/s).
Parsed<uint64_t> ParseDataRate(const std::string& text);

/// Dotted quad, four decimal octets 0..255, no leading zeros beyond "0".
Parsed<uint32_t> ParseIpv4Address(const std::string& text);

/// "a.b.c.d/len" with len 0..32.
Parsed<Ipv4Prefix> ParseIpv4Prefix(const std::string& text);

/// "100p", "100" (packets).
Parsed<uint32_t> ParseQueuePackets(const std::string& text);

/// "1.5s" style rendering used in messages and results.
std::string FormatDuration(int64_t ns);

/// "100Mbps" style rendering.
std::string FormatDataRate(uint64_t bps);

/// Well-formed UTF-8 (RFC 3629 section 4: no overlong forms, no surrogates,
/// nothing above U+10FFFF). results.json is JSON text, which must be UTF-8
/// (RFC 8259 section 8.1), so every text value read from a scenario is.
bool IsUtf8(const std::string& text);

} // namespace scenario
} // namespace ns3

#endif
