// SPDX-License-Identifier: GPL-2.0-only
//
// The OSPFv2 link-state database: which of two LSA instances is more recent
// (RFC 2328 13.1), what counts as a change of contents (13.2), LS age and
// MaxAge removal (14), LSRefreshTime and MinLSInterval (12.4), sequence
// number wrapping (12.1.6). Expected values are the RFC's rules, quoted.
#include "ns3/ospf-lsa-header.h"
#include "ns3/ospf-lsa.h"
#include "ns3/ospf-lsdb.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

using namespace ns3;
using namespace ns3::ospf;

namespace
{

LsaHeader
Instance(int32_t sequence, uint16_t checksum, uint16_t age)
{
    LsaHeader h;
    h.SetType(LS_ROUTER);
    h.SetLinkStateId(Ipv4Address("1.1.1.1"));
    h.SetAdvertisingRouter(Ipv4Address("1.1.1.1"));
    h.SetSequenceNumber(sequence);
    h.SetChecksum(checksum);
    h.SetAge(age);
    return h;
}

/// A Router-LSA with `links` point-to-point links (length 24 + 12 per link,
/// A.4.2), header fields set by hand.
Lsa
RouterLsa(const char* advertisingRouter,
          int32_t sequence,
          uint16_t age = 0,
          uint16_t checksum = 0x1000,
          std::size_t links = 1)
{
    Lsa lsa;
    lsa.header.SetType(LS_ROUTER);
    lsa.header.SetLinkStateId(Ipv4Address(advertisingRouter));
    lsa.header.SetAdvertisingRouter(Ipv4Address(advertisingRouter));
    lsa.header.SetSequenceNumber(sequence);
    lsa.header.SetChecksum(checksum);
    lsa.header.SetAge(age);
    lsa.header.SetOptions(OPTION_E);
    RouterLsaBody body;
    for (std::size_t i = 0; i < links; ++i)
    {
        RouterLink link;
        link.linkId = Ipv4Address(static_cast<uint32_t>(0x0A000000 + i));
        link.linkData = Ipv4Address("10.0.0.1");
        link.type = LINK_POINT_TO_POINT;
        link.metric = 10;
        body.links.push_back(link);
    }
    lsa.header.SetLength(static_cast<uint16_t>(24 + 12 * links));
    lsa.body = body;
    return lsa;
}

LsaKey
Key(uint8_t type, const char* id, const char* adv)
{
    LsaKey key;
    key.type = type;
    key.linkStateId = Ipv4Address(id);
    key.advertisingRouter = Ipv4Address(adv);
    return key;
}

LsaRecency
Reverse(LsaRecency r)
{
    switch (r)
    {
    case LsaRecency::OLDER:
        return LsaRecency::NEWER;
    case LsaRecency::NEWER:
        return LsaRecency::OLDER;
    default:
        return LsaRecency::SAME;
    }
}

} // namespace

// ------------------------------------------------------------------ 13.1

TEST_CASE("13.1: the greater sequence number, compared as signed, is newer", "[ospf][lsdb]")
{
    // "The LSA having the newer LS sequence number is more recent." and 12.1.6:
    // "The sequence number field is a signed 32-bit integer ... The larger
    // the sequence number (when compared as signed 32-bit integers) the more
    // recent the LSA", from InitialSequenceNumber 0x80000001 to
    // MaxSequenceNumber 0x7fffffff.
    const int32_t seqs[] = {INITIAL_SEQUENCE_NUMBER,
                            static_cast<int32_t>(0x80000002),
                            static_cast<int32_t>(0xFFFFFFFF),
                            0,
                            1,
                            MAX_SEQUENCE_NUMBER};
    for (std::size_t i = 0; i + 1 < std::size(seqs); ++i)
    {
        // Later in the list is newer, whatever the checksum and age say.
        CHECK(CompareLsaInstances(Instance(seqs[i + 1], 0x0000, 3000),
                                  Instance(seqs[i], 0xFFFF, MAX_AGE)) == LsaRecency::NEWER);
        CHECK(CompareLsaInstances(Instance(seqs[i], 0xFFFF, MAX_AGE),
                                  Instance(seqs[i + 1], 0x0000, 3000)) == LsaRecency::OLDER);
    }
    // An unsigned comparison would rank 0x80000001 above 0x00000000.
    CHECK(IsMoreRecent(Instance(0, 1, 0), Instance(INITIAL_SEQUENCE_NUMBER, 1, 0)));
    CHECK_FALSE(IsMoreRecent(Instance(INITIAL_SEQUENCE_NUMBER, 1, 0), Instance(0, 1, 0)));
}

TEST_CASE("13.1: equal sequence numbers, the larger unsigned checksum is newer", "[ospf][lsdb]")
{
    // "If the two instances have different LS checksums, then the instance
    // having the larger LS checksum (when considered as a 16-bit unsigned
    // integer) is considered more recent."
    CHECK(CompareLsaInstances(Instance(5, 0x8000, 0), Instance(5, 0x7FFF, 0)) == LsaRecency::NEWER);
    CHECK(CompareLsaInstances(Instance(5, 0xFFFF, 0), Instance(5, 0x0001, 0)) == LsaRecency::NEWER);
    CHECK(CompareLsaInstances(Instance(5, 0x0001, 0), Instance(5, 0xFFFF, 0)) == LsaRecency::OLDER);
    // The checksum decides before the age does.
    CHECK(CompareLsaInstances(Instance(5, 0x0002, 0), Instance(5, 0x0001, MAX_AGE)) ==
          LsaRecency::NEWER);
    CHECK(CompareLsaInstances(Instance(5, 0x0002, 3500), Instance(5, 0x0001, 0)) ==
          LsaRecency::NEWER);
}

TEST_CASE("13.1: equal sequence and checksum, the MaxAge instance is newer", "[ospf][lsdb]")
{
    // "Else, if only one of the instances has its LS age field set to
    // MaxAge, the instance of age MaxAge is considered to be more recent."
    CHECK(CompareLsaInstances(Instance(7, 9, MAX_AGE), Instance(7, 9, 0)) == LsaRecency::NEWER);
    CHECK(CompareLsaInstances(Instance(7, 9, MAX_AGE), Instance(7, 9, 3599)) == LsaRecency::NEWER);
    CHECK(CompareLsaInstances(Instance(7, 9, 3599), Instance(7, 9, MAX_AGE)) == LsaRecency::OLDER);
    // Both at MaxAge: the same instance.
    CHECK(CompareLsaInstances(Instance(7, 9, MAX_AGE), Instance(7, 9, MAX_AGE)) ==
          LsaRecency::SAME);
    // An age beyond MaxAge counts as MaxAge (the module's choice).
    CHECK(CompareLsaInstances(Instance(7, 9, 4000), Instance(7, 9, MAX_AGE)) == LsaRecency::SAME);
}

TEST_CASE("13.1: ages more than MaxAgeDiff apart, the younger is newer", "[ospf][lsdb]")
{
    // "Else, if the LS age fields of the two instances differ by more than
    // MaxAgeDiff, the instance having the smaller (younger) LS age is
    // considered to be more recent. Else, the two instances are considered
    // to be identical." MaxAgeDiff is 15 minutes (appendix B).
    REQUIRE(MAX_AGE_DIFF == 900);
    CHECK(CompareLsaInstances(Instance(7, 9, 0), Instance(7, 9, 901)) == LsaRecency::NEWER);
    CHECK(CompareLsaInstances(Instance(7, 9, 901), Instance(7, 9, 0)) == LsaRecency::OLDER);
    CHECK(CompareLsaInstances(Instance(7, 9, 0), Instance(7, 9, 900)) == LsaRecency::SAME);
    CHECK(CompareLsaInstances(Instance(7, 9, 900), Instance(7, 9, 0)) == LsaRecency::SAME);
    CHECK(CompareLsaInstances(Instance(7, 9, 2000), Instance(7, 9, 3599)) == LsaRecency::NEWER);
    CHECK(CompareLsaInstances(Instance(7, 9, 2699), Instance(7, 9, 3599)) == LsaRecency::SAME);
    CHECK(CompareLsaInstances(Instance(7, 9, 1), Instance(7, 9, 1)) == LsaRecency::SAME);
}

TEST_CASE("13.1: every pair of a grid compares by the rules, in order, antisymmetrically",
          "[ospf][lsdb]")
{
    const std::vector<int32_t> seqs = {INITIAL_SEQUENCE_NUMBER, -1, 0, 1, MAX_SEQUENCE_NUMBER};
    const std::vector<uint16_t> sums = {0x0000, 0x0001, 0x7FFF, 0x8000, 0xFFFF};
    const std::vector<uint16_t> ages = {0, 1, 899, 900, 901, 1800, 3599, MAX_AGE};
    std::vector<LsaHeader> all;
    for (int32_t s : seqs)
    {
        for (uint16_t c : sums)
        {
            for (uint16_t a : ages)
            {
                all.push_back(Instance(s, c, a));
            }
        }
    }
    // The rules as a ranking: (sequence, checksum, at MaxAge) lexicographic,
    // then the age rule on ties.
    auto expected = [](const LsaHeader& a, const LsaHeader& b) {
        const auto ra =
            std::make_tuple(a.GetSequenceNumber(), a.GetChecksum(), a.GetAge() == MAX_AGE);
        const auto rb =
            std::make_tuple(b.GetSequenceNumber(), b.GetChecksum(), b.GetAge() == MAX_AGE);
        if (ra != rb)
        {
            return ra > rb ? LsaRecency::NEWER : LsaRecency::OLDER;
        }
        const int diff = int(a.GetAge()) - int(b.GetAge());
        if (diff > 900)
        {
            return LsaRecency::OLDER;
        }
        if (diff < -900)
        {
            return LsaRecency::NEWER;
        }
        return LsaRecency::SAME;
    };
    std::size_t pairs = 0;
    for (const LsaHeader& a : all)
    {
        CHECK(CompareLsaInstances(a, a) == LsaRecency::SAME);
        for (const LsaHeader& b : all)
        {
            const LsaRecency ab = CompareLsaInstances(a, b);
            REQUIRE(ab == expected(a, b));
            REQUIRE(CompareLsaInstances(b, a) == Reverse(ab));
            ++pairs;
        }
    }
    CHECK(pairs == 200 * 200);
}

// ------------------------------------------------------------------ LS age

TEST_CASE("14: the LS age grows by the whole seconds held, never past MaxAge", "[ospf][lsdb]")
{
    // "An LSA's LS age field is incremented while it is contained in a
    // router's database ... never incremented past the value MaxAge."
    Lsdb db(Ipv4Address("9.9.9.9"));
    db.Install(RouterLsa("1.1.1.1", 1, 10), Seconds(100), Lsdb::Source::RECEIVED);
    const LsaKey key = Key(LS_ROUTER, "1.1.1.1", "1.1.1.1");
    const Lsdb::Entry* e = db.Find(key);
    REQUIRE(e != nullptr);
    CHECK(e->GetAge(Seconds(100)) == 10);
    CHECK(e->GetAge(Seconds(100.999)) == 10);
    CHECK(e->GetAge(Seconds(105.7)) == 15);
    CHECK(e->GetAge(Seconds(100 + 3589)) == 3599);
    CHECK(e->GetAge(Seconds(100 + 3590)) == MAX_AGE);
    CHECK(e->GetAge(Seconds(100000)) == MAX_AGE);
    CHECK(db.GetHeader(key, Seconds(120))->GetAge() == 30);
    // The stored instance keeps its installed age.
    CHECK(e->lsa->header.GetAge() == 10);

    db.Install(RouterLsa("1.1.1.1", 2, MAX_AGE), Seconds(200), Lsdb::Source::RECEIVED);
    CHECK(db.Find(key)->GetAge(Seconds(5000)) == MAX_AGE);
}

// ------------------------------------------------------------------ contents

TEST_CASE("Lsdb install, lookup, removal, iteration and key order", "[ospf][lsdb]")
{
    Lsdb db(Ipv4Address("9.9.9.9"));
    CHECK(db.GetN() == 0);
    CHECK(db.Find(Key(LS_ROUTER, "1.1.1.1", "1.1.1.1")) == nullptr);

    Lsa net = RouterLsa("3.3.3.3", 1);
    net.header.SetType(LS_NETWORK);
    net.header.SetLinkStateId(Ipv4Address("10.0.0.3"));
    NetworkLsaBody nb;
    nb.mask = Ipv4Mask("255.255.255.0");
    nb.attachedRouters = {Ipv4Address("3.3.3.3"), Ipv4Address("1.1.1.1")};
    net.body = nb;
    net.header.SetLength(20 + 4 + 8);

    db.Install(RouterLsa("2.2.2.2", 1), Seconds(1), Lsdb::Source::RECEIVED);
    db.Install(net, Seconds(1), Lsdb::Source::RECEIVED);
    db.Install(RouterLsa("1.1.1.1", 1), Seconds(1), Lsdb::Source::RECEIVED);
    CHECK(db.GetN() == 3);

    // Key order: LS type, then Link State ID, then Advertising Router.
    const std::vector<LsaKey> expected = {Key(LS_ROUTER, "1.1.1.1", "1.1.1.1"),
                                          Key(LS_ROUTER, "2.2.2.2", "2.2.2.2"),
                                          Key(LS_NETWORK, "10.0.0.3", "3.3.3.3")};
    CHECK(db.GetKeys() == expected);
    std::vector<LsaKey> sorted;
    for (const Lsdb::Item* item : db.GetSortedItems())
    {
        sorted.push_back(item->key);
        CHECK(item->entry.lsa->header.GetKey() == item->key);
    }
    CHECK(sorted == expected);
    // Plain iteration visits every entry once, in no particular order.
    std::vector<LsaKey> iterated;
    for (const auto& [key, entry] : db)
    {
        iterated.push_back(key);
        CHECK(entry.lsa->header.GetKey() == key);
    }
    std::sort(iterated.begin(), iterated.end());
    CHECK(iterated == expected);

    // Install replaces the instance of the same LSA.
    const auto r = db.Install(RouterLsa("2.2.2.2", 2), Seconds(3), Lsdb::Source::RECEIVED);
    CHECK(r.replaced);
    CHECK(db.GetN() == 3);
    CHECK(db.Find(Key(LS_ROUTER, "2.2.2.2", "2.2.2.2"))->lsa->header.GetSequenceNumber() == 2);
    CHECK(db.Find(Key(LS_ROUTER, "2.2.2.2", "2.2.2.2"))->installed == Seconds(3));

    CHECK(db.Remove(Key(LS_ROUTER, "2.2.2.2", "2.2.2.2")));
    CHECK_FALSE(db.Remove(Key(LS_ROUTER, "2.2.2.2", "2.2.2.2")));
    CHECK(db.GetN() == 2);
    // The removal moved another entry into the free place: both remaining
    // LSAs are still found under their own keys, and iterated once each.
    CHECK(db.Find(Key(LS_ROUTER, "1.1.1.1", "1.1.1.1"))->lsa->header.GetLinkStateId() ==
          Ipv4Address("1.1.1.1"));
    CHECK(db.Find(Key(LS_NETWORK, "10.0.0.3", "3.3.3.3"))->lsa->header.GetLinkStateId() ==
          Ipv4Address("10.0.0.3"));
    CHECK(db.GetKeys() == std::vector<LsaKey>{expected[0], expected[2]});
    CHECK(db.Remove(Key(LS_NETWORK, "10.0.0.3", "3.3.3.3")));
    CHECK(db.Remove(Key(LS_ROUTER, "1.1.1.1", "1.1.1.1")));
    CHECK(db.GetN() == 0);
    CHECK(db.begin() == db.end());
    db.Install(RouterLsa("1.1.1.1", 4), Seconds(4), Lsdb::Source::RECEIVED);
    CHECK(db.Find(Key(LS_ROUTER, "1.1.1.1", "1.1.1.1"))->lsa->header.GetSequenceNumber() == 4);
}

TEST_CASE("13.2: what counts as a change of contents", "[ospf][lsdb]")
{
    // "(1) The LSA's Options field has changed. (2) One of the LSA instances
    // has LS age set to MaxAge, and the other does not. (3) The length field
    // in the LSA header has changed. (4) The body of the LSA (i.e., anything
    // outside the 20-byte LSA header) has changed. Note that this excludes
    // changes in LS Sequence Number and LS Checksum."
    const Lsa base = RouterLsa("1.1.1.1", 1, 0, 0x1111, 2);

    Lsa next = RouterLsa("1.1.1.1", 2, 5, 0x2222, 2);
    CHECK_FALSE(LsaContentsDiffer(base, next));

    Lsa options = next;
    options.header.SetOptions(OPTION_E | OPTION_DC);
    CHECK(LsaContentsDiffer(base, options));

    Lsa maxAge = next;
    maxAge.header.SetAge(MAX_AGE);
    CHECK(LsaContentsDiffer(base, maxAge));
    CHECK(LsaContentsDiffer(maxAge, base));

    Lsa longer = RouterLsa("1.1.1.1", 2, 0, 0x2222, 3);
    CHECK(LsaContentsDiffer(base, longer));
    // The length field alone counts too.
    Lsa length = next;
    length.header.SetLength(60);
    CHECK(LsaContentsDiffer(base, length));

    Lsa metric = next;
    std::get<RouterLsaBody>(metric.body).links[1].metric = 20;
    CHECK(LsaContentsDiffer(base, metric));
    Lsa tos = next;
    std::get<RouterLsaBody>(tos.body).links[1].tosMetrics.emplace_back(8, 30);
    CHECK(LsaContentsDiffer(base, tos));

    Lsa flags = next;
    std::get<RouterLsaBody>(flags.body).flags = ROUTER_FLAG_E;
    CHECK(LsaContentsDiffer(base, flags));

    Lsa network = next;
    network.header.SetType(LS_NETWORK);
    NetworkLsaBody nb;
    nb.mask = Ipv4Mask("255.255.255.0");
    nb.attachedRouters = {Ipv4Address("1.1.1.1"), Ipv4Address("2.2.2.2")};
    network.body = nb;
    CHECK(LsaContentsDiffer(base, network));
    Lsa attached = network;
    std::get<NetworkLsaBody>(attached.body).attachedRouters.pop_back();
    CHECK(LsaContentsDiffer(network, attached));
    Lsa mask = network;
    std::get<NetworkLsaBody>(mask.body).mask = Ipv4Mask("255.255.255.128");
    CHECK(LsaContentsDiffer(network, mask));
    CHECK_FALSE(LsaContentsDiffer(network, network));

    Lsa raw = next;
    raw.body = RawLsaBody(12, 0);
    CHECK(LsaContentsDiffer(base, raw));

    Lsa raw2 = raw;
    std::get<RawLsaBody>(raw2.body)[11] = 1;
    CHECK(LsaContentsDiffer(raw, raw2));
    CHECK_FALSE(LsaContentsDiffer(raw, raw));

    // Through Install: a new LSA, a new instance with the same contents, one
    // with new contents, and one replacing a copy that aged to MaxAge.
    Lsdb db(Ipv4Address("9.9.9.9"));
    CHECK(db.Install(base, Seconds(0), Lsdb::Source::RECEIVED).contentsChanged);
    CHECK_FALSE(db.Install(next, Seconds(10), Lsdb::Source::RECEIVED).contentsChanged);
    CHECK(db.Install(metric, Seconds(20), Lsdb::Source::RECEIVED).contentsChanged);
    Lsa after = metric;
    after.header.SetSequenceNumber(4);
    // The database copy (age 0 at t=20) is at MaxAge by t=3620.
    CHECK(db.Install(after, Seconds(3620), Lsdb::Source::RECEIVED).contentsChanged);
}

TEST_CASE("Lsdb: when an LSA was last sent", "[ospf][lsdb]")
{
    Lsdb db(Ipv4Address("9.9.9.9"));
    const LsaKey key = Key(LS_ROUTER, "1.1.1.1", "1.1.1.1");
    db.Install(RouterLsa("1.1.1.1", 1), Seconds(0), Lsdb::Source::RECEIVED);
    CHECK_FALSE(db.WasSentWithin(key, Seconds(0), Seconds(1)));
    db.MarkSent(key, Seconds(10));
    CHECK(db.WasSentWithin(key, Seconds(10.5), Seconds(1)));
    CHECK_FALSE(db.WasSentWithin(key, Seconds(11), Seconds(1)));
    // A new instance has not been sent yet.
    db.Install(RouterLsa("1.1.1.1", 2), Seconds(10.5), Lsdb::Source::RECEIVED);
    CHECK_FALSE(db.WasSentWithin(key, Seconds(10.5), Seconds(1)));
}

// ------------------------------------------------------------------ 14

TEST_CASE("14: an LSA reaching MaxAge is reported once", "[ospf][lsdb]")
{
    // "As a router ages its link state database, an LSA's LS age may reach
    // MaxAge. At this time, the router must attempt to flush the LSA from
    // the routing domain."
    Lsdb db(Ipv4Address("9.9.9.9"));
    db.Install(RouterLsa("1.1.1.1", 1, 3000), Seconds(0), Lsdb::Source::RECEIVED);
    db.Install(RouterLsa("2.2.2.2", 1, 0), Seconds(0), Lsdb::Source::RECEIVED);
    CHECK(db.AgeOut(Seconds(599)).empty());
    CHECK(db.GetMaxAgeKeys().empty());
    const std::vector<LsaKey> reached = db.AgeOut(Seconds(600));
    REQUIRE(reached.size() == 1);
    CHECK(reached[0] == Key(LS_ROUTER, "1.1.1.1", "1.1.1.1"));
    CHECK(db.AgeOut(Seconds(601)).empty());
    CHECK(db.GetMaxAgeKeys() == reached);
}

TEST_CASE("14: a MaxAge LSA goes only off every retransmission list and with no neighbor "
          "exchanging",
          "[ospf][lsdb]")
{
    // "A MaxAge LSA must be removed immediately from the router's link state
    // database as soon as both a) it is no longer contained on any neighbor
    // Link state retransmission lists and b) none of the router's neighbors
    // are in states Exchange or Loading."
    Lsdb db(Ipv4Address("9.9.9.9"));
    const LsaKey a = Key(LS_ROUTER, "1.1.1.1", "1.1.1.1");
    const LsaKey b = Key(LS_ROUTER, "2.2.2.2", "2.2.2.2");
    const LsaKey c = Key(LS_ROUTER, "3.3.3.3", "3.3.3.3");
    db.Install(RouterLsa("1.1.1.1", 1, MAX_AGE), Seconds(0), Lsdb::Source::RECEIVED);
    db.Install(RouterLsa("2.2.2.2", 1, MAX_AGE), Seconds(0), Lsdb::Source::RECEIVED);
    db.Install(RouterLsa("3.3.3.3", 1, 100), Seconds(0), Lsdb::Source::RECEIVED);
    std::set<LsaKey> onList = {a};
    auto listed = [&onList](const LsaKey& k) {
        return onList.count(k) > 0;
    };

    CHECK(db.RemoveFlushable(listed, true).empty());
    CHECK(db.GetN() == 3);

    CHECK(db.RemoveFlushable(listed, false) == std::vector<LsaKey>{b});
    CHECK(db.Find(b) == nullptr);
    CHECK(db.Find(a) != nullptr);

    onList.clear();
    CHECK(db.RemoveFlushable(listed, false) == std::vector<LsaKey>{a});
    // An LSA below MaxAge never goes.
    CHECK(db.Find(c) != nullptr);
    CHECK(db.RemoveFlushable(listed, false).empty());
}

TEST_CASE("14.1: premature aging keeps the instance, sets MaxAge", "[ospf][lsdb]")
{
    // "We call the setting of an LSA's LS age to MaxAge premature aging."
    // The instance (sequence number, checksum) stays the same.
    Lsdb db(Ipv4Address("9.9.9.9"));
    const LsaKey key = Key(LS_ROUTER, "9.9.9.9", "9.9.9.9");
    db.Install(RouterLsa("9.9.9.9", 42, 0, 0xBEEF), Seconds(0), Lsdb::Source::ORIGINATED);
    CHECK_FALSE(db.PrematurelyAge(Key(LS_ROUTER, "8.8.8.8", "8.8.8.8"), Seconds(1)));
    REQUIRE(db.PrematurelyAge(key, Seconds(10)));
    const LsaHeader h = *db.GetHeader(key, Seconds(10));
    CHECK(h.GetAge() == MAX_AGE);
    CHECK(h.GetSequenceNumber() == 42);
    CHECK(h.GetChecksum() == 0xBEEF);
    CHECK(db.GetMaxAgeKeys() == std::vector<LsaKey>{key});
}

// ------------------------------------------------------------------ 12.4, 12.1.6

TEST_CASE("14: LSAs installed at different times and ages each reach MaxAge on their own second",
          "[ospf][lsdb]")
{
    // The database skips its scan until the earliest LSA can reach MaxAge;
    // checking every second must still report each one exactly when
    // installed age + seconds held = MaxAge, whatever was installed or
    // replaced between two checks.
    Lsdb db(Ipv4Address("9.9.9.9"));
    std::multimap<int, Lsa> installs{
        {0, RouterLsa("1.1.1.1", 1, 3590)},  // MaxAge at 10 s
        {5, RouterLsa("2.2.2.2", 1, 3000)},  // 605 s
        {20, RouterLsa("3.3.3.3", 1, 3595)}, // 25 s, sooner than 2.2.2.2
        {1, RouterLsa("4.4.4.4", 1, 3500)},  // would be 101 s, but replaced:
        {30, RouterLsa("4.4.4.4", 2, 0)},    // 3630 s
    };
    std::vector<std::pair<int, std::string>> reported;
    for (int t = 0; t <= 3700; ++t)
    {
        auto [from, to] = installs.equal_range(t);
        for (auto it = from; it != to; ++it)
        {
            db.Install(it->second, Seconds(t), Lsdb::Source::RECEIVED);
        }
        for (const LsaKey& key : db.AgeOut(Seconds(t)))
        {
            std::ostringstream name;
            name << key.advertisingRouter;
            reported.emplace_back(t, name.str());
        }
    }
    const std::vector<std::pair<int, std::string>> expected{{10, "1.1.1.1"},
                                                            {25, "3.3.3.3"},
                                                            {605, "2.2.2.2"},
                                                            {3630, "4.4.4.4"}};
    CHECK(reported == expected);
}

TEST_CASE("12.4: the refresh of an own LSA installed late is not missed", "[ospf][lsdb]")
{
    Lsdb db(Ipv4Address("9.9.9.9"));
    const LsaKey own = Key(LS_ROUTER, "9.9.9.9", "9.9.9.9");
    // A first scan with nothing of ours due, then our LSA installed with an
    // age past LSRefreshTime (received back, 13.4): due at once.
    CHECK(db.TakeRefreshDue(Seconds(0)).empty());
    db.Install(RouterLsa("9.9.9.9", 1, 1900), Seconds(3), Lsdb::Source::RECEIVED);
    CHECK(db.TakeRefreshDue(Seconds(3)) == std::vector<LsaKey>{own});
    db.Install(RouterLsa("9.9.9.9", 2, 0), Seconds(4), Lsdb::Source::ORIGINATED);
    CHECK(db.TakeRefreshDue(Seconds(1803)).empty());
    CHECK(db.TakeRefreshDue(Seconds(1804)) == std::vector<LsaKey>{own});
}

TEST_CASE("12.4: own LSAs are due for refresh at LSRefreshTime, once per instance", "[ospf][lsdb]")
{
    // "If the LS age field of one of the router's self-originated LSAs
    // reaches the value LSRefreshTime, a new instance of the LSA is
    // originated, even though the contents of the LSA (apart from the LSA
    // header) will be the same." (12.4 event 1, appendix B)
    Lsdb db(Ipv4Address("9.9.9.9"));
    const LsaKey own = Key(LS_ROUTER, "9.9.9.9", "9.9.9.9");
    db.Install(RouterLsa("9.9.9.9", 1), Seconds(0), Lsdb::Source::ORIGINATED);
    db.Install(RouterLsa("1.1.1.1", 1), Seconds(0), Lsdb::Source::RECEIVED);
    CHECK(db.TakeRefreshDue(Seconds(1799)).empty());
    CHECK(db.TakeRefreshDue(Seconds(1800)) == std::vector<LsaKey>{own});
    CHECK(db.TakeRefreshDue(Seconds(1801)).empty());
    // The next instance is due LSRefreshTime after its own origination.
    db.Install(RouterLsa("9.9.9.9", 2), Seconds(1802), Lsdb::Source::ORIGINATED);
    CHECK(db.TakeRefreshDue(Seconds(3601)).empty());
    CHECK(db.TakeRefreshDue(Seconds(3602)) == std::vector<LsaKey>{own});
    // Another router's LSA, however old, is never ours to refresh.
    CHECK(db.IsOwn(own));
    CHECK_FALSE(db.IsOwn(Key(LS_ROUTER, "1.1.1.1", "1.1.1.1")));
}

TEST_CASE("12.4: MinLSInterval between two originations", "[ospf][lsdb]")
{
    // MinLSInterval: "The minimum time between distinct originations of any
    // particular LSA. The value of MinLSInterval is set to 5 seconds."
    // (appendix B, applied in 12.4)
    Lsdb db(Ipv4Address("9.9.9.9"));
    const LsaKey own = Key(LS_ROUTER, "9.9.9.9", "9.9.9.9");
    const Time minLsInterval = Seconds(MIN_LS_INTERVAL);
    CHECK(db.GetEarliestOrigination(own, Seconds(3), minLsInterval) == Seconds(3));
    db.Install(RouterLsa("9.9.9.9", 1), Seconds(10), Lsdb::Source::ORIGINATED);
    CHECK(db.GetEarliestOrigination(own, Seconds(12), minLsInterval) == Seconds(15));
    CHECK(db.GetEarliestOrigination(own, Seconds(20), minLsInterval) == Seconds(20));
    // A received copy is not an origination.
    db.Install(RouterLsa("9.9.9.9", 7), Seconds(30), Lsdb::Source::RECEIVED);
    CHECK(db.GetEarliestOrigination(own, Seconds(31), minLsInterval) == Seconds(31));
    // The time survives the LSA's removal.
    db.Install(RouterLsa("9.9.9.9", 8), Seconds(40), Lsdb::Source::ORIGINATED);
    db.Remove(own);
    CHECK(db.GetEarliestOrigination(own, Seconds(41), minLsInterval) == Seconds(45));
}

TEST_CASE("12.1.6: sequence numbers run up to MaxSequenceNumber, then the LSA is flushed",
          "[ospf][lsdb]")
{
    // "When an attempt is made to increment the sequence number past the
    // maximum value of MaxSequenceNumber, the current instance of the LSA
    // must first be flushed from the routing domain. This is done by
    // prematurely aging the LSA and reflooding it. As soon as this flood has
    // been acknowledged by all adjacent neighbors, a new instance can be
    // originated with sequence number of InitialSequenceNumber."
    Lsdb db(Ipv4Address("9.9.9.9"));
    const LsaKey own = Key(LS_ROUTER, "9.9.9.9", "9.9.9.9");
    auto choice = db.NextSequence(own, Seconds(0));
    CHECK(choice.kind == Lsdb::SequenceChoice::USE);
    CHECK(choice.sequence == static_cast<int32_t>(0x80000001));

    db.Install(RouterLsa("9.9.9.9", static_cast<int32_t>(0x80000005)),
               Seconds(0),
               Lsdb::Source::ORIGINATED);
    choice = db.NextSequence(own, Seconds(1));
    CHECK(choice.kind == Lsdb::SequenceChoice::USE);
    CHECK(choice.sequence == static_cast<int32_t>(0x80000006));

    db.Install(RouterLsa("9.9.9.9", -1), Seconds(2), Lsdb::Source::ORIGINATED);
    CHECK(db.NextSequence(own, Seconds(3)).sequence == 0);

    db.Install(RouterLsa("9.9.9.9", MAX_SEQUENCE_NUMBER - 1), Seconds(4), Lsdb::Source::ORIGINATED);
    CHECK(db.NextSequence(own, Seconds(5)).sequence == MAX_SEQUENCE_NUMBER);

    db.Install(RouterLsa("9.9.9.9", MAX_SEQUENCE_NUMBER), Seconds(6), Lsdb::Source::ORIGINATED);
    CHECK(db.NextSequence(own, Seconds(7)).kind == Lsdb::SequenceChoice::FLUSH_FIRST);
    db.PrematurelyAge(own, Seconds(8));
    CHECK(db.NextSequence(own, Seconds(9)).kind == Lsdb::SequenceChoice::WAIT_FOR_FLUSH);
    // Acknowledged by everybody: it leaves the database.
    CHECK(db.RemoveFlushable(
              [](const LsaKey&) {
                  return false;
              },
              false) == std::vector<LsaKey>{own});
    choice = db.NextSequence(own, Seconds(10));
    CHECK(choice.kind == Lsdb::SequenceChoice::USE);
    CHECK(choice.sequence == INITIAL_SEQUENCE_NUMBER);
}
