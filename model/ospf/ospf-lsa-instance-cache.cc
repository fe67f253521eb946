// SPDX-License-Identifier: GPL-2.0-only
#include "ospf-lsa-instance-cache.h"

#include "ospf-lsa-checksum.h"
#include "ospf-lsa-header.h"

#include "ns3/ipvpn-byte-order.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <string_view>
#include <unordered_map>

namespace ns3
{
namespace ospf
{

namespace
{

constexpr std::size_t AGE_SIZE = 2;   ///< LS age, the first octets of an LSA (A.4.1)
constexpr std::size_t LENGTH_AT = 18; ///< the header's length field

struct Cached
{
    std::weak_ptr<const Lsa> lsa;
    bool checksumValid = false;
};

/// Hashes a key by the header fields it starts with (Options, LS type, Link
/// State ID, Advertising Router, sequence number, checksum, length: A.4.1)
/// and its MaxAge octet. Those tell instances apart (13.1); equality still
/// compares every octet, and hashing a hundred octets per lookup cost more
/// than the rest of the lookup.
struct HeaderFieldsHash
{
    std::size_t
    operator()(const std::string& key) const
    {
        constexpr std::size_t fields = LsaHeader::SIZE - AGE_SIZE;
        const std::string_view head(key.data(), std::min(key.size(), fields));
        return std::hash<std::string_view>{}(head) ^ static_cast<std::size_t>(key.back());
    }
};

/// The index: octets after the LS age, then one octet, 1 for MaxAge.
using Index = std::unordered_map<std::string, Cached, HeaderFieldsHash>;

Index&
GetIndex()
{
    static Index index;
    return index;
}

/// Forgets the instances no router holds any more, once the index has
/// doubled since the last sweep: the sweeps cost as much as the inserts.
void
Sweep(Index& index)
{
    static std::size_t sweepAt = 1024;
    if (index.size() < sweepAt)
    {
        return;
    }
    for (auto it = index.begin(); it != index.end();)
    {
        it = it->second.lsa.expired() ? index.erase(it) : std::next(it);
    }
    sweepAt = std::max<std::size_t>(1024, 2 * index.size());
}

} // namespace

std::optional<LsaInstanceCache::Decoded>
LsaInstanceCache::Decode(const uint8_t* data, std::size_t length)
{
    if (data == nullptr || length < LsaHeader::SIZE)
    {
        return std::nullopt;
    }
    const std::size_t declared = byteorder::ReadBe16(data + LENGTH_AT);
    if (declared < LsaHeader::SIZE || declared > length)
    {
        return std::nullopt;
    }
    Decoded decoded;
    decoded.age = byteorder::ReadBe16(data);
    const bool maxAge = decoded.age >= MAX_AGE;
    // One buffer for every lookup: most find their instance, and building
    // a key of a hundred octets would allocate each time.
    static std::string key;
    key.assign(reinterpret_cast<const char*>(data) + AGE_SIZE, declared - AGE_SIZE);
    key.push_back(maxAge ? '\1' : '\0');

    Index& index = GetIndex();
    auto found = index.find(key);
    if (found != index.end())
    {
        if (std::shared_ptr<const Lsa> lsa = found->second.lsa.lock())
        {
            decoded.lsa = std::move(lsa);
            decoded.checksumValid = found->second.checksumValid;
            return decoded;
        }
    }
    auto lsa = std::make_shared<Lsa>();
    if (!Lsa::FromBytes(data, declared, *lsa))
    {
        return std::nullopt;
    }
    lsa->header.SetAge(maxAge ? MAX_AGE : 0);
    decoded.lsa = lsa;
    decoded.checksumValid = IsLsaChecksumValid(data, declared);
    if (found != index.end())
    {
        found->second = Cached{decoded.lsa, decoded.checksumValid};
    }
    else
    {
        Sweep(index);
        index.emplace(key, Cached{decoded.lsa, decoded.checksumValid});
    }
    return decoded;
}

std::size_t
LsaInstanceCache::GetSize()
{
    return GetIndex().size();
}

} // namespace ospf
} // namespace ns3
