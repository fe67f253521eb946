/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "scenario-values.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <regex>

namespace ns3
{
namespace scenario
{

namespace
{

/// Splits "<number><unit>" and checks the number is a plain decimal.
bool
SplitNumberUnit(const std::string& text, double& number, std::string& unit)
{
    static const std::regex re(R"(^\s*([-+]?[0-9]+(\.[0-9]+)?|[-+]?\.[0-9]+)\s*([A-Za-z/]*)\s*$)");
    std::smatch m;
    if (!std::regex_match(text, m, re))
    {
        return false;
    }
    number = std::strtod(m[1].str().c_str(), nullptr);
    unit = m[3].str();
    return true;
}

} // namespace

Parsed<int64_t>
ParseDuration(const std::string& text)
{
    double number = 0;
    std::string unit;
    if (!SplitNumberUnit(text, number, unit))
    {
        return {std::nullopt,
                fmt::format("'{}' is not a duration (examples: 10s, 250ms, 1.5s, 20us)", text)};
    }
    double scale = 0;
    if (unit.empty() || unit == "s")
    {
        scale = 1e9;
    }
    else if (unit == "ms")
    {
        scale = 1e6;
    }
    else if (unit == "us")
    {
        scale = 1e3;
    }
    else if (unit == "ns")
    {
        scale = 1;
    }
    else if (unit == "min")
    {
        scale = 60e9;
    }
    else if (unit == "h")
    {
        scale = 3600e9;
    }
    else
    {
        return {std::nullopt,
                fmt::format("'{}' has unknown time unit '{}' (use ns, us, ms, s, min or h)",
                            text,
                            unit)};
    }
    double ns = number * scale;
    if (std::fabs(ns) > 9.0e18)
    {
        return {std::nullopt, fmt::format("'{}' is out of range", text)};
    }
    return {static_cast<int64_t>(std::llround(ns)), ""};
}

Parsed<uint64_t>
ParseDataRate(const std::string& text)
{
    double number = 0;
    std::string unit;
    if (!SplitNumberUnit(text, number, unit))
    {
        return {std::nullopt,
                fmt::format("'{}' is not a data rate (examples: 100Mbps, 1.5Gbps, 64kbps)", text)};
    }
    double scale = 0;
    if (unit == "bps")
    {
        scale = 1;
    }
    else if (unit == "kbps" || unit == "Kbps")
    {
        scale = 1e3;
    }
    else if (unit == "Mbps")
    {
        scale = 1e6;
    }
    else if (unit == "Gbps")
    {
        scale = 1e9;
    }
    else
    {
        return {std::nullopt,
                fmt::format("'{}' needs a unit: bps, kbps, Mbps or Gbps", text)};
    }
    double bps = number * scale;
    if (bps < 1 || bps > 1e13)
    {
        return {std::nullopt,
                fmt::format("'{}' is out of range (1bps to 10000Gbps)", text)};
    }
    return {static_cast<uint64_t>(std::llround(bps)), ""};
}

Parsed<uint32_t>
ParseIpv4Address(const std::string& text)
{
    static const std::regex re(R"(^(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})$)");
    std::smatch m;
    auto bad = fmt::format("'{}' is not an IPv4 address (dotted quad such as 10.0.1.1)", text);
    if (!std::regex_match(text, m, re))
    {
        return {std::nullopt, bad};
    }
    uint32_t address = 0;
    for (int i = 1; i <= 4; ++i)
    {
        unsigned long octet = std::stoul(m[i].str());
        if (octet > 255)
        {
            return {std::nullopt,
                    fmt::format("'{}' is not an IPv4 address: octet {} is above 255", text, octet)};
        }
        address = (address << 8) | static_cast<uint32_t>(octet);
    }
    return {address, ""};
}

Parsed<Ipv4Prefix>
ParseIpv4Prefix(const std::string& text)
{
    auto slash = text.find('/');
    if (slash == std::string::npos)
    {
        return {std::nullopt,
                fmt::format("'{}' is not an IPv4 prefix: the /length is missing (such as "
                            "10.0.1.1/24)",
                            text)};
    }
    auto addr = ParseIpv4Address(text.substr(0, slash));
    if (!addr)
    {
        return {std::nullopt, addr.error};
    }
    static const std::regex lenRe(R"(^(0|[1-9][0-9]?)$)");
    std::string lenText = text.substr(slash + 1);
    if (!std::regex_match(lenText, lenRe) || std::stoi(lenText) > 32)
    {
        return {std::nullopt,
                fmt::format("'{}' is not an IPv4 prefix: length '{}' must be 0..32",
                            text,
                            lenText)};
    }
    Ipv4Prefix p;
    p.address = *addr.value;
    p.length = static_cast<uint8_t>(std::stoi(lenText));
    return {p, ""};
}

Parsed<uint32_t>
ParseQueuePackets(const std::string& text)
{
    static const std::regex re(R"(^\s*([1-9][0-9]{0,6})\s*p?\s*$)");
    std::smatch m;
    if (!std::regex_match(text, m, re))
    {
        return {std::nullopt,
                fmt::format("'{}' is not a queue size in packets (such as 100p, 1 to 9999999)",
                            text)};
    }
    return {static_cast<uint32_t>(std::stoul(m[1].str())), ""};
}

std::string
FormatDuration(int64_t ns)
{
    if (ns % 1'000'000'000 == 0)
    {
        return fmt::format("{}s", ns / 1'000'000'000);
    }
    if (ns % 1'000'000 == 0)
    {
        return fmt::format("{}ms", ns / 1'000'000);
    }
    if (ns % 1'000 == 0)
    {
        return fmt::format("{}us", ns / 1'000);
    }
    return fmt::format("{}ns", ns);
}

std::string
FormatDataRate(uint64_t bps)
{
    if (bps % 1'000'000'000 == 0)
    {
        return fmt::format("{}Gbps", bps / 1'000'000'000);
    }
    if (bps % 1'000'000 == 0)
    {
        return fmt::format("{}Mbps", bps / 1'000'000);
    }
    if (bps % 1'000 == 0)
    {
        return fmt::format("{}kbps", bps / 1'000);
    }
    return fmt::format("{}bps", bps);
}

bool
IsUtf8(const std::string& text)
{
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const auto* end = p + text.size();
    while (p < end)
    {
        const unsigned char c = *p++;
        if (c < 0x80)
        {
            continue;
        }
        // RFC 3629 section 4: the lead octet fixes the length and the range
        // of the first continuation octet (which excludes overlong forms,
        // surrogates and code points above U+10FFFF).
        int more = 0;
        unsigned char low = 0x80;
        unsigned char high = 0xBF;
        if (c >= 0xC2 && c <= 0xDF)
        {
            more = 1;
        }
        else if (c >= 0xE0 && c <= 0xEF)
        {
            more = 2;
            low = c == 0xE0 ? 0xA0 : 0x80;
            high = c == 0xED ? 0x9F : 0xBF;
        }
        else if (c >= 0xF0 && c <= 0xF4)
        {
            more = 3;
            low = c == 0xF0 ? 0x90 : 0x80;
            high = c == 0xF4 ? 0x8F : 0xBF;
        }
        else
        {
            return false;
        }
        if (end - p < more || *p < low || *p > high)
        {
            return false;
        }
        for (++p, --more; more > 0; --more, ++p)
        {
            if (*p < 0x80 || *p > 0xBF)
            {
                return false;
            }
        }
    }
    return true;
}

} // namespace scenario
} // namespace ns3
