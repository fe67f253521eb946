// SPDX-License-Identifier: GPL-2.0-only
#include "ospf-lsa-checksum.h"

namespace ns3
{
namespace ospf
{

namespace
{

/// LS age (the first two octets) changes in transit and is left out.
constexpr size_t CHECKSUM_START = 2;

/// Fletcher sums c0, c1 (mod 255) of the octets after LS age, the checksum
/// field read as zero when zeroField is set.
void
FletcherSums(const uint8_t* lsa, size_t length, bool zeroField, int32_t& c0, int32_t& c1)
{
    c0 = 0;
    c1 = 0;
    for (size_t i = CHECKSUM_START; i < length; ++i)
    {
        const bool inField = i == LSA_CHECKSUM_OFFSET || i == LSA_CHECKSUM_OFFSET + 1;
        c0 = (c0 + ((zeroField && inField) ? 0 : lsa[i])) % 255;
        c1 = (c1 + c0) % 255;
    }
}

} // namespace

uint16_t
ComputeLsaChecksum(const uint8_t* lsa, size_t length)
{
    int32_t c0 = 0;
    int32_t c1 = 0;
    FletcherSums(lsa, length, true, c0, c1);
    // RFC 905 annex B.2: with n octets checked and the checksum at 1-based
    // position p, X = (n - p) c0 - c1 and Y = c1 - (n - p + 1) c0, mod 255.
    const int32_t n = static_cast<int32_t>(length - CHECKSUM_START);
    const int32_t p = static_cast<int32_t>(LSA_CHECKSUM_OFFSET - CHECKSUM_START + 1);
    int32_t x = ((n - p) * c0 - c1) % 255;
    if (x <= 0)
    {
        x += 255;
    }
    int32_t y = (c1 - (n - p + 1) * c0) % 255;
    if (y <= 0)
    {
        y += 255;
    }
    return static_cast<uint16_t>((x << 8) | y);
}

bool
IsLsaChecksumValid(const uint8_t* lsa, size_t length)
{
    if (length < LSA_CHECKSUM_OFFSET + 2)
    {
        return false;
    }
    int32_t c0 = 0;
    int32_t c1 = 0;
    FletcherSums(lsa, length, false, c0, c1);
    return c0 == 0 && c1 == 0 && (lsa[LSA_CHECKSUM_OFFSET] | lsa[LSA_CHECKSUM_OFFSET + 1]) != 0;
}

} // namespace ospf
} // namespace ns3
