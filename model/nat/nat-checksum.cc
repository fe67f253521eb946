// SPDX-License-Identifier: GPL-2.0-only
#include "nat-checksum.h"

namespace ns3
{
namespace nat
{

namespace
{

// Folds the carries of a 32-bit accumulator into 16 bits (RFC 1071 4.1).
uint16_t
Fold(uint32_t sum)
{
    while (sum >> 16)
    {
        sum = (sum & 0xFFFF) + (sum >> 16);
    }
    return static_cast<uint16_t>(sum);
}

} // namespace

uint16_t
OnesComplementSum(const uint8_t* data, std::size_t length, uint32_t initial)
{
    // Fold as we go so that no length overflows the accumulator.
    uint32_t sum = Fold(initial);
    std::size_t i = 0;
    for (; i + 1 < length; i += 2)
    {
        sum += static_cast<uint32_t>(data[i]) << 8 | data[i + 1];
        sum = Fold(sum);
    }
    if (i < length)
    {
        sum += static_cast<uint32_t>(data[i]) << 8;
    }
    return Fold(sum);
}

uint16_t
InternetChecksum(const uint8_t* data, std::size_t length, uint32_t initial)
{
    return static_cast<uint16_t>(~OnesComplementSum(data, length, initial));
}

uint16_t
ChecksumAdjust16(uint16_t checksum, uint16_t oldValue, uint16_t newValue)
{
    // RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m').
    uint32_t sum = static_cast<uint16_t>(~checksum);
    sum += static_cast<uint16_t>(~oldValue);
    sum += newValue;
    return static_cast<uint16_t>(~Fold(sum));
}

uint16_t
ChecksumAdjust32(uint16_t checksum, uint32_t oldValue, uint32_t newValue)
{
    checksum = ChecksumAdjust16(checksum, oldValue >> 16, newValue >> 16);
    return ChecksumAdjust16(checksum, oldValue & 0xFFFF, newValue & 0xFFFF);
}

} // namespace nat
} // namespace ns3
