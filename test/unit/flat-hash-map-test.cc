// SPDX-License-Identifier: GPL-2.0-only
//
// IpvpnFlatHashMap against std::unordered_map: the same random sequence of
// insertions (assigning, and emplacing only when absent), lookups and
// erasures gives the same contents, also when every
// key lands in a few home slots (long runs, erasures that shift entries back
// across the end of the array).
#include "ns3/ipvpn-flat-hash-map.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <random>
#include <unordered_map>

using namespace ns3;

namespace
{

/// A plain hash: the key itself.
struct IdentityHash
{
    std::size_t
    operator()(uint32_t key) const
    {
        return key;
    }
};

/// A hash that sends every key to one of four values: long collision runs.
struct FourValuesHash
{
    std::size_t
    operator()(uint32_t key) const
    {
        return key % 4;
    }
};

/// Runs `steps` random operations on both maps and checks they agree after
/// each, and on every key of the range at the end.
template <typename Hash>
void
CompareWithStdMap(uint32_t keyRange, int steps, uint32_t seed)
{
    IpvpnFlatHashMap<uint32_t, uint64_t, Hash> flat;
    std::unordered_map<uint32_t, uint64_t> reference;
    std::mt19937 random(seed);
    std::uniform_int_distribution<uint32_t> keys(0, keyRange - 1);
    std::uniform_int_distribution<int> operation(0, 2);
    for (int step = 0; step < steps; ++step)
    {
        const uint32_t key = keys(random);
        switch (operation(random))
        {
        case 0:
            if (step % 2 == 0)
            {
                flat[key] = step;
                reference[key] = step;
            }
            else
            {
                const auto [value, stored] = flat.Emplace(key, step);
                const auto [it, added] = reference.emplace(key, step);
                REQUIRE(stored == added);
                REQUIRE(*value == it->second);
            }
            break;
        case 1:
            REQUIRE(flat.Erase(key) == reference.erase(key));
            break;
        default: {
            const uint64_t* found = flat.Find(key);
            auto it = reference.find(key);
            REQUIRE((found != nullptr) == (it != reference.end()));
            if (found != nullptr)
            {
                REQUIRE(*found == it->second);
            }
        }
        }
        REQUIRE(flat.GetSize() == reference.size());
    }
    for (uint32_t key = 0; key < keyRange; ++key)
    {
        auto it = reference.find(key);
        REQUIRE(flat.Contains(key) == (it != reference.end()));
        if (it != reference.end())
        {
            REQUIRE(flat.At(key) == it->second);
        }
    }
}

} // namespace

TEST_CASE("Flat hash map: random operations agree with std::unordered_map", "[flat-hash-map]")
{
    SECTION("spread keys")
    {
        CompareWithStdMap<IdentityHash>(2000, 20000, 1);
    }
    SECTION("few keys, the map grows and empties often")
    {
        CompareWithStdMap<IdentityHash>(12, 5000, 2);
    }
    SECTION("every key in one of four home slots")
    {
        CompareWithStdMap<FourValuesHash>(300, 20000, 3);
    }
}

TEST_CASE("Flat hash map: operator[] default-constructs, Erase of the last entry empties",
          "[flat-hash-map]")
{
    IpvpnFlatHashMap<uint32_t, uint64_t, IdentityHash> map;
    CHECK(map.IsEmpty());
    CHECK(map.Find(7) == nullptr);
    CHECK(map.Erase(7) == 0);
    CHECK(map[7] == 0);
    map[7] = 42;
    CHECK(map.GetSize() == 1);
    CHECK(map.At(7) == 42);
    CHECK(map.Erase(7) == 1);
    CHECK(map.IsEmpty());
    CHECK(map.Find(7) == nullptr);
    for (uint32_t key = 0; key < 100; ++key)
    {
        map[key] = key * 3;
    }
    CHECK(map.GetSize() == 100);
    map.Clear();
    CHECK(map.IsEmpty());
    CHECK_FALSE(map.Contains(5));
}
