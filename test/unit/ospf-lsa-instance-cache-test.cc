// SPDX-License-Identifier: GPL-2.0-only
//
// The process's shared LSA instances (LsaInstanceCache): copies of one
// instance that differ only in LS age share one decoded instance, an
// instance at MaxAge is another one (RFC 2328 13.1), each decode keeps its
// own age and its own checksum verdict (12.1.7), and a database ages a
// shared instance from the age it was installed with.
#include "ospf-spf-test-util.h"

#include "ns3/ospf-link-state-update-header.h"
#include "ns3/ospf-lsa-checksum.h"
#include "ns3/ospf-lsa-instance-cache.h"
#include "ns3/ospf-lsa.h"
#include "ns3/ospf-lsdb.h"

#include <catch2/catch.hpp>
#include <memory>
#include <vector>

using namespace ns3;
using namespace ns3::ospf;

namespace
{

/// A sealed Router-LSA of `router` with one point-to-point and one stub
/// link, as octets carrying LS age `age`.
std::vector<uint8_t>
RouterLsaOctets(uint32_t router, int32_t sequence, uint16_t age)
{
    Lsa lsa = ospftest::RouterLsa(
        Ipv4Address(router),
        {ospftest::P2p(Ipv4Address(router + 1), Ipv4Address("10.0.0.1"), 10),
         ospftest::Stub(Ipv4Address("10.0.0.0"), Ipv4Mask("255.255.255.252"), 10)},
        age);
    lsa.header.SetSequenceNumber(sequence);
    lsa.Seal();
    return lsa.ToBytes();
}

LsaInstanceCache::Decoded
MustDecode(const std::vector<uint8_t>& octets)
{
    auto decoded = LsaInstanceCache::Decode(octets.data(), octets.size());
    REQUIRE(decoded.has_value());
    return *decoded;
}

} // namespace

TEST_CASE("Copies of one LSA instance at different ages share one decoded instance", "[ospf]")
{
    const uint32_t router = Ipv4Address("9.0.0.1").Get();
    const LsaInstanceCache::Decoded first = MustDecode(RouterLsaOctets(router, 0x80000001, 1));
    const LsaInstanceCache::Decoded second = MustDecode(RouterLsaOctets(router, 0x80000001, 7));
    CHECK(first.lsa == second.lsa);
    CHECK(first.age == 1);
    CHECK(second.age == 7);
    CHECK(first.checksumValid);
    CHECK(second.checksumValid);
    // The shared header carries no router's age.
    CHECK(first.lsa->header.GetAge() == 0);
    CHECK(first.lsa->header.GetSequenceNumber() == int32_t(0x80000001));
    CHECK(std::get<RouterLsaBody>(first.lsa->body).links.size() == 2);

    // 13.1: at MaxAge it is another instance.
    const LsaInstanceCache::Decoded flushed =
        MustDecode(RouterLsaOctets(router, 0x80000001, MAX_AGE));
    CHECK(flushed.lsa != first.lsa);
    CHECK(flushed.lsa->header.GetAge() == MAX_AGE);
    CHECK(flushed.age == MAX_AGE);
    // A newer sequence number is another instance.
    const LsaInstanceCache::Decoded newer = MustDecode(RouterLsaOctets(router, 0x80000002, 1));
    CHECK(newer.lsa != first.lsa);
    CHECK(newer.lsa->header.GetSequenceNumber() == int32_t(0x80000002));
}

TEST_CASE("A shared instance keeps each copy's checksum verdict and rejects malformed octets",
          "[ospf]")
{
    const uint32_t router = Ipv4Address("9.0.0.2").Get();
    std::vector<uint8_t> good = RouterLsaOctets(router, 0x80000001, 3);
    std::vector<uint8_t> hurt = good;
    hurt.back() ^= 0x01; // the stub's metric: the checksum no longer fits
    REQUIRE(IsLsaChecksumValid(good.data(), good.size()));
    REQUIRE_FALSE(IsLsaChecksumValid(hurt.data(), hurt.size()));
    CHECK(MustDecode(good).checksumValid);
    CHECK_FALSE(MustDecode(hurt).checksumValid);
    CHECK_FALSE(MustDecode(hurt).checksumValid); // found, not decoded again
    CHECK(MustDecode(good).checksumValid);

    // The length field beyond the octets, below a header, or too few octets.
    std::vector<uint8_t> longer = good;
    longer[19] += 4;
    CHECK_FALSE(LsaInstanceCache::Decode(longer.data(), longer.size()).has_value());
    std::vector<uint8_t> shorter = good;
    shorter[18] = 0;
    shorter[19] = 19;
    CHECK_FALSE(LsaInstanceCache::Decode(shorter.data(), shorter.size()).has_value());
    CHECK_FALSE(LsaInstanceCache::Decode(good.data(), 19).has_value());
    CHECK_FALSE(LsaInstanceCache::Decode(nullptr, 0).has_value());
}

TEST_CASE("Instances nobody holds leave the cache", "[ospf]")
{
    for (uint32_t i = 0; i < 5000; ++i)
    {
        MustDecode(RouterLsaOctets(Ipv4Address("9.1.0.0").Get() + i, 0x80000001, 1));
    }
    CHECK(LsaInstanceCache::GetSize() < 5000);
}

TEST_CASE("A Link State Update decodes to shared instances with the ages it carries", "[ospf]")
{
    const uint32_t router = Ipv4Address("9.0.0.3").Get();
    const std::vector<uint8_t> a = RouterLsaOctets(router, 0x80000005, 2);
    const std::vector<uint8_t> b = RouterLsaOctets(router, 0x80000005, 3);
    auto decodeUpdate = [](const std::vector<uint8_t>& lsa) {
        std::vector<uint8_t> body{0, 0, 0, 1};
        body.insert(body.end(), lsa.begin(), lsa.end());
        Buffer buffer;
        buffer.AddAtStart(body.size());
        buffer.Begin().Write(body.data(), body.size());
        LinkStateUpdateHeader update;
        REQUIRE(update.Deserialize(buffer.Begin(), buffer.End()) == body.size());
        REQUIRE(update.IsValid());
        return update;
    };
    const LinkStateUpdateHeader first = decodeUpdate(a);
    const LinkStateUpdateHeader second = decodeUpdate(b);
    CHECK(first.GetItems()[0].lsa == second.GetItems()[0].lsa);
    CHECK(first.GetItems()[0].age == 2);
    CHECK(second.GetItems()[0].age == 3);
    CHECK(second.GetLsas()[0].header.GetAge() == 3);
    CHECK(second.IsChecksumValid(0));
}

TEST_CASE("A database ages a shared instance from the age it was installed with", "[ospf][lsdb]")
{
    const uint32_t router = Ipv4Address("9.0.0.4").Get();
    const LsaInstanceCache::Decoded copy = MustDecode(RouterLsaOctets(router, 0x80000001, 100));
    Lsdb lsdb(Ipv4Address("9.9.9.9"));
    lsdb.Install(copy.lsa, copy.age, Seconds(10), Lsdb::Source::RECEIVED);
    const Lsdb::Entry* entry = lsdb.Find(copy.lsa->header.GetKey());
    REQUIRE(entry != nullptr);
    CHECK(entry->installedAge == 100);
    CHECK(entry->GetAge(Seconds(15.5)) == 105);
    CHECK(lsdb.GetHeader(copy.lsa->header.GetKey(), Seconds(15.5))->GetAge() == 105);
    // MaxAge is reached 3,500 s later (section 14), whatever the shared
    // header says.
    CHECK(lsdb.AgeOut(Seconds(3509)).empty());
    CHECK(lsdb.AgeOut(Seconds(3510)).size() == 1);
}
