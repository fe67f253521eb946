// SPDX-License-Identifier: GPL-2.0-only
#include "htip-prefix.h"

#include <sstream>

namespace ns3
{
namespace htip
{

namespace
{

/// The mask of a prefix length as a host-order word; 0 for /0, all ones
/// from /32 on (no shift by 32).
uint32_t
MaskBits(uint8_t length)
{
    if (length == 0)
    {
        return 0;
    }
    if (length >= 32)
    {
        return 0xffffffffu;
    }
    return 0xffffffffu << (32 - length);
}

/// A decimal number of 1 to `maxDigits` digits, no sign, no spaces, no
/// leading zero (which some parsers read as octal), at most `max`; advances
/// `pos` past it.
std::optional<uint32_t>
ReadNumber(const std::string& text, std::size_t& pos, std::size_t maxDigits, uint32_t max)
{
    uint32_t value = 0;
    std::size_t digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9')
    {
        if (++digits > maxDigits)
        {
            return std::nullopt;
        }
        value = value * 10 + static_cast<uint32_t>(text[pos] - '0');
        ++pos;
    }
    if (digits == 0 || value > max || (digits > 1 && text[pos - digits] == '0'))
    {
        return std::nullopt;
    }
    return value;
}

} // namespace

Prefix::Prefix(Ipv4Address network, uint8_t length)
    : network(network)
    , length(length)
{
}

std::optional<Prefix>
Prefix::Parse(const std::string& text)
{
    std::size_t pos = 0;
    uint32_t address = 0;
    for (int octet = 0; octet < 4; ++octet)
    {
        if (octet > 0)
        {
            if (pos >= text.size() || text[pos] != '.')
            {
                return std::nullopt;
            }
            ++pos;
        }
        const std::optional<uint32_t> value = ReadNumber(text, pos, 3, 255);
        if (!value)
        {
            return std::nullopt;
        }
        address = (address << 8) | *value;
    }
    if (pos >= text.size() || text[pos] != '/')
    {
        return std::nullopt;
    }
    ++pos;
    const std::optional<uint32_t> length = ReadNumber(text, pos, 2, 32);
    if (!length || pos != text.size())
    {
        return std::nullopt;
    }
    const Prefix prefix(Ipv4Address(address), static_cast<uint8_t>(*length));
    if (!prefix.IsValid())
    {
        return std::nullopt;
    }
    return prefix;
}

bool
Prefix::IsValid() const
{
    return length <= 32 && (network.Get() & ~MaskBits(length)) == 0;
}

Ipv4Mask
Prefix::GetMask() const
{
    return Ipv4Mask(MaskBits(length));
}

uint64_t
Prefix::GetSize() const
{
    return length > 32 ? 0 : uint64_t(1) << (32 - length);
}

bool
Prefix::Contains(Ipv4Address address) const
{
    const uint32_t mask = MaskBits(length);
    return (address.Get() & mask) == (network.Get() & mask);
}

bool
Prefix::Contains(const Prefix& inner) const
{
    return inner.length >= length && Contains(inner.network);
}

bool
Prefix::Overlaps(const Prefix& other) const
{
    // Two blocks overlap exactly when the shorter one holds the other.
    const uint32_t mask = MaskBits(length < other.length ? length : other.length);
    return (network.Get() & mask) == (other.network.Get() & mask);
}

Ipv4Address
Prefix::Map(Ipv4Address address) const
{
    const uint32_t mask = MaskBits(length);
    return Ipv4Address((network.Get() & mask) | (address.Get() & ~mask));
}

std::string
Prefix::ToString() const
{
    std::ostringstream os;
    network.Print(os);
    os << '/' << +length;
    return os.str();
}

bool
Prefix::operator==(const Prefix& o) const
{
    return network == o.network && length == o.length;
}

bool
Prefix::operator!=(const Prefix& o) const
{
    return !(*this == o);
}

bool
Prefix::operator<(const Prefix& o) const
{
    if (network.Get() != o.network.Get())
    {
        return network.Get() < o.network.Get();
    }
    return length < o.length;
}

std::ostream&
operator<<(std::ostream& os, const Prefix& prefix)
{
    return os << prefix.ToString();
}

} // namespace htip
} // namespace ns3
