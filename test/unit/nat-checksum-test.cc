// SPDX-License-Identifier: GPL-2.0-only
//
// nat checksum functions: RFC 1071's and RFC 1624's worked examples, and
// random IPv4 headers where the incremental update (RFC 1624 eqn. 3) must
// equal a full recomputation done here independently (sum modulo 0xFFFF).
#include "ns3/nat-checksum.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <random>
#include <vector>

using namespace ns3::nat;

namespace
{

// The Internet checksum computed another way: the one's complement sum of
// 16-bit words equals their plain sum modulo 0xFFFF, with 0xFFFF standing
// for a nonzero multiple (RFC 1071 section 2 (B), end-around carry).
uint16_t
ReferenceChecksum(const std::vector<uint8_t>& bytes)
{
    uint64_t sum = 0;
    bool nonzero = false;
    for (std::size_t i = 0; i < bytes.size(); i += 2)
    {
        uint64_t word = uint64_t{bytes[i]} << 8;
        if (i + 1 < bytes.size())
        {
            word |= bytes[i + 1];
        }
        sum += word;
        nonzero = nonzero || word != 0;
    }
    uint64_t folded = sum % 0xFFFF;
    if (folded == 0 && nonzero)
    {
        folded = 0xFFFF;
    }
    return static_cast<uint16_t>(0xFFFF - folded);
}

uint16_t
Word(const std::vector<uint8_t>& b, std::size_t at)
{
    return static_cast<uint16_t>(b[at] << 8 | b[at + 1]);
}

void
PutWord(std::vector<uint8_t>& b, std::size_t at, uint16_t v)
{
    b[at] = v >> 8;
    b[at + 1] = v & 0xFF;
}

// A random IPv4 header (RFC 791 3.1) with a correct checksum at octets 10-11.
std::vector<uint8_t>
RandomHeader(std::mt19937& rng)
{
    std::uniform_int_distribution<int> byte(0, 255);
    std::vector<uint8_t> h(20);
    for (auto& b : h)
    {
        b = static_cast<uint8_t>(byte(rng));
    }
    h[0] = 0x45;
    PutWord(h, 10, 0);
    PutWord(h, 10, ReferenceChecksum(h));
    return h;
}

} // namespace

TEST_CASE("RFC 1071 section 3: the worked sum of eight bytes", "[nat]")
{
    // RFC 1071 section 3: bytes 00 01 f2 03 f4 f5 f6 f7 sum to ddf2.
    const uint8_t bytes[] = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
    CHECK(OnesComplementSum(bytes, sizeof bytes) == 0xddf2);
    CHECK(InternetChecksum(bytes, sizeof bytes) == 0x220d);
    // An odd length pads with a zero byte (RFC 1071 section 4.1).
    const uint8_t odd[] = {0x00, 0x01, 0xf2};
    CHECK(OnesComplementSum(odd, sizeof odd) == 0xf201);
    // A partial sum (pseudo-header) passed in joins the sum.
    CHECK(OnesComplementSum(bytes + 2, 6, 0x0001) == 0xddf2);
}

TEST_CASE("RFC 1624 section 4: eqn. 3 gives 0x0000 where eqn. 2 gives 0xFFFF", "[nat]")
{
    // RFC 1624 section 4: the other octets sum to 0xCD7A, m = 0x5555 -> m' = 0x3285.
    const uint8_t before[] = {0xCD, 0x7A, 0x55, 0x55};
    const uint8_t after[] = {0xCD, 0x7A, 0x32, 0x85};
    const uint16_t hc = InternetChecksum(before, sizeof before);
    CHECK(hc == 0xDD2F);                                    // HC = ~(0xCD7A + 0x5555)
    CHECK(InternetChecksum(after, sizeof after) == 0x0000); // recomputed: ~0xFFFF
    CHECK(ChecksumAdjust16(hc, 0x5555, 0x3285) == 0x0000);  // eqn. 3
    // And back: from 0x0000 to the original 0xDD2F.
    CHECK(ChecksumAdjust16(0x0000, 0x3285, 0x5555) == 0xDD2F);
}

TEST_CASE("RFC 1624 eqn. 3: a 16-bit field change equals a full recomputation", "[nat]")
{
    std::mt19937 rng(1624);
    std::uniform_int_distribution<int> word(0, 0xFFFF);
    for (int n = 0; n < 2000; ++n)
    {
        auto h = RandomHeader(rng);
        // Any 16-bit word but the checksum's own (octets 10-11).
        std::size_t at = 2 * std::uniform_int_distribution<std::size_t>(0, 8)(rng);
        at = at >= 10 ? at + 2 : at;
        const uint16_t oldValue = Word(h, at);
        const auto newValue = static_cast<uint16_t>(n % 7 == 0 ? 0xFFFF - oldValue : word(rng));
        PutWord(h, at, newValue);
        const uint16_t incremental = ChecksumAdjust16(Word(h, 10), oldValue, newValue);
        PutWord(h, 10, 0);
        REQUIRE(incremental == ReferenceChecksum(h));
    }
}

TEST_CASE("RFC 1624 eqn. 3: a 32-bit address change equals a full recomputation", "[nat]")
{
    std::mt19937 rng(3022);
    std::uniform_int_distribution<uint32_t> any;
    for (int n = 0; n < 2000; ++n)
    {
        auto h = RandomHeader(rng);
        const std::size_t at = n % 2 ? 12 : 16; // source or destination address
        const uint32_t oldValue = uint32_t{Word(h, at)} << 16 | Word(h, at + 2);
        const uint32_t newValue = any(rng);
        PutWord(h, at, newValue >> 16);
        PutWord(h, at + 2, newValue & 0xFFFF);
        const uint16_t incremental = ChecksumAdjust32(Word(h, 10), oldValue, newValue);
        PutWord(h, 10, 0);
        REQUIRE(incremental == ReferenceChecksum(h));
        // A header with its checksum sums to 0xFFFF (RFC 1071 section 1 (3)).
        PutWord(h, 10, incremental);
        REQUIRE(OnesComplementSum(h.data(), h.size()) == 0xFFFF);
    }
}

TEST_CASE("RFC 1624 section 4: the 0x0000 corner in a header, from both sides", "[nat]")
{
    // A header whose words other than one field sum to 0xCD7A, as in the
    // RFC's example: 0x4500 + 0x887A = 0xCD7A, field 0x5555 -> 0x3285.
    std::vector<uint8_t> h = {0x45, 0x00, 0x88, 0x7A, 0x55, 0x55, 0x00, 0x00};
    PutWord(h, 6, ReferenceChecksum(h));
    REQUIRE(Word(h, 6) == 0xDD2F);
    const uint16_t c = ChecksumAdjust16(Word(h, 6), 0x5555, 0x3285);
    PutWord(h, 4, 0x3285);
    PutWord(h, 6, 0);
    CHECK(ReferenceChecksum(h) == 0x0000);
    CHECK(c == 0x0000);
    // A stored checksum of 0xFFFF (the other representation of zero) updates
    // to the same value as 0x0000 does.
    CHECK(ChecksumAdjust16(0xFFFF, 0x1234, 0x1235) == ChecksumAdjust16(0x0000, 0x1234, 0x1235));
}
