// SPDX-License-Identifier: GPL-2.0-only
#include "ns3/mpls-label-stack-header.h"
#include "ns3/mpls-lfib.h"

#include <catch2/catch.hpp>

#include <set>
#include <sstream>

using namespace ns3;
using namespace ns3::mpls;

TEST_CASE("MPLS NHLFE validity follows RFC 3031/3032 label rules", "[mpls]")
{
    Ipv4Address nh("10.0.1.2");
    CHECK(Nhlfe::Swap(100, 1, nh).IsValid());
    CHECK(Nhlfe::Push({100, 200}, 1, nh).IsValid());
    CHECK(Nhlfe::PopAndDeliver().IsValid());
    CHECK(Nhlfe::PopAndDeliver(2, 7).IsValid());
    CHECK(Nhlfe::PopAndForward(1, nh).IsValid());
    // implicit null alone = penultimate hop popping
    Nhlfe php = Nhlfe::Swap(LABEL_IMPLICIT_NULL, 1, nh);
    CHECK(php.IsValid());
    CHECK(php.IsImplicitNullPop());
    CHECK_FALSE(Nhlfe::Swap(100, 1, nh).IsImplicitNullPop());
    // explicit null may be sent, other reserved labels may not
    CHECK(Nhlfe::Swap(LABEL_IPV4_EXPLICIT_NULL, 1, nh).IsValid());
    CHECK_FALSE(Nhlfe::Swap(LABEL_ROUTER_ALERT, 1, nh).IsValid());
    CHECK_FALSE(Nhlfe::Push({100, LABEL_IMPLICIT_NULL}, 1, nh).IsValid());
    CHECK_FALSE(Nhlfe::Swap(MAX_LABEL + 1, 1, nh).IsValid());
    // sending operations need a device and labels
    CHECK_FALSE(Nhlfe::Swap(100, -1, nh).IsValid());
    CHECK_FALSE(Nhlfe::Push({}, 1, nh).IsValid());
    // pop cannot both forward and deliver, nor carry labels
    Nhlfe both = Nhlfe::PopAndForward(1, nh);
    both.deliverInterface = 2;
    CHECK_FALSE(both.IsValid());
    Nhlfe popWithLabel = Nhlfe::PopAndDeliver();
    popWithLabel.labels = {20};
    CHECK_FALSE(popWithLabel.IsValid());

    std::ostringstream os;
    os << Nhlfe::Swap(100, 1, nh);
    CHECK(os.str() == "swap 100 dev 1 via 10.0.1.2");
}

TEST_CASE("MPLS ILM maps labels per label space", "[mpls]")
{
    IlmTable ilm;
    Ipv4Address nh("10.0.2.2");
    REQUIRE(ilm.Add(100, Nhlfe::Swap(200, 2, nh)));
    REQUIRE(ilm.Add(100, Nhlfe::Swap(300, 3, nh), IlmTable::InterfaceSpace(1)));
    CHECK(ilm.GetSize() == 2);

    // per-interface entry wins on its device, platform entry elsewhere
    REQUIRE(ilm.Lookup(100, 1) != nullptr);
    CHECK(ilm.Lookup(100, 1)->labels == std::vector<uint32_t>{300});
    CHECK(ilm.Lookup(100, 0)->labels == std::vector<uint32_t>{200});
    CHECK(ilm.Lookup(101, 0) == nullptr);

    // replace keeps one entry
    REQUIRE(ilm.Add(100, Nhlfe::Swap(201, 2, nh)));
    CHECK(ilm.Find(100)->labels == std::vector<uint32_t>{201});
    CHECK(ilm.GetSize() == 2);

    // reserved incoming labels other than explicit null, PUSH and invalid
    // entries are refused without changing the table
    CHECK_FALSE(ilm.Add(LABEL_ROUTER_ALERT, Nhlfe::PopAndDeliver()));
    CHECK(ilm.Add(LABEL_IPV4_EXPLICIT_NULL, Nhlfe::PopAndDeliver()));
    CHECK_FALSE(ilm.Add(500, Nhlfe::Push({600}, 1, nh)));
    CHECK_FALSE(ilm.Add(MAX_LABEL + 1, Nhlfe::PopAndDeliver()));
    CHECK_FALSE(ilm.Add(501, Nhlfe::Swap(600, -1, nh)));
    CHECK(ilm.GetSize() == 3);

    CHECK(ilm.Remove(100, IlmTable::InterfaceSpace(1)));
    CHECK_FALSE(ilm.Remove(100, IlmTable::InterfaceSpace(1)));
    CHECK(ilm.Lookup(100, 1)->labels == std::vector<uint32_t>{201});

    // a VPN context on an egress pop entry survives the round trip
    REQUIRE(ilm.Add(700, Nhlfe::PopAndDeliver(3, 42)));
    CHECK(ilm.Find(700)->deliverInterface == 3);
    CHECK(ilm.Find(700)->context == 42);
}

TEST_CASE("MPLS FTN uses longest-prefix match", "[mpls]")
{
    FtnTable ftn;
    Ipv4Address nh("10.0.1.2");
    REQUIRE(ftn.Add(PrefixFec(Ipv4Address("0.0.0.0"), 0), Nhlfe::Push({16}, 1, nh)));
    REQUIRE(ftn.Add(PrefixFec(Ipv4Address("10.3.0.0"), 16), Nhlfe::Push({17}, 1, nh)));
    // host bits are masked away on insertion
    REQUIRE(ftn.Add(PrefixFec(Ipv4Address("10.3.3.77"), 24), Nhlfe::Push({18}, 1, nh)));
    REQUIRE(ftn.Add(PrefixFec(Ipv4Address("10.3.3.9"), 32), Nhlfe::Push({19}, 1, nh)));
    CHECK(ftn.GetSize() == 4);

    PrefixFec matched;
    REQUIRE(ftn.Lookup(Ipv4Address("10.3.3.9"), &matched) != nullptr);
    CHECK(ftn.Lookup(Ipv4Address("10.3.3.9"))->labels.back() == 19);
    CHECK(matched == PrefixFec(Ipv4Address("10.3.3.9"), 32));
    CHECK(ftn.Lookup(Ipv4Address("10.3.3.10"), &matched)->labels.back() == 18);
    CHECK(matched == PrefixFec(Ipv4Address("10.3.3.0"), 24));
    CHECK(ftn.Lookup(Ipv4Address("10.3.4.1"))->labels.back() == 17);
    CHECK(ftn.Lookup(Ipv4Address("192.0.2.1"))->labels.back() == 16);

    CHECK(ftn.Remove(PrefixFec(Ipv4Address("0.0.0.0"), 0)));
    CHECK(ftn.Lookup(Ipv4Address("192.0.2.1")) == nullptr);
    // only PUSH entries belong in the FTN
    CHECK_FALSE(ftn.Add(PrefixFec(Ipv4Address("10.9.0.0"), 16), Nhlfe::Swap(20, 1, nh)));
    CHECK_FALSE(ftn.Add(PrefixFec(Ipv4Address("10.9.0.0"), 16), Nhlfe::PopAndDeliver()));
    CHECK(ftn.Find(PrefixFec(Ipv4Address("10.3.3.0"), 24)) != nullptr);

    PrefixFec fec(Ipv4Address("10.3.3.77"), 24);
    CHECK(fec.Contains(Ipv4Address("10.3.3.1")));
    CHECK_FALSE(fec.Contains(Ipv4Address("10.3.4.1")));
    std::ostringstream os;
    os << fec;
    CHECK(os.str() == "10.3.3.0/24");
}

TEST_CASE("MPLS label allocator never hands out reserved labels", "[mpls]")
{
    LabelAllocator pool;
    CHECK(pool.GetMinLabel() == MIN_UNRESERVED_LABEL);
    CHECK(pool.GetMaxLabel() == MAX_LABEL);
    auto first = pool.Allocate();
    REQUIRE(first);
    CHECK(*first == 16);
    CHECK(pool.IsAllocated(16));

    // a range reaching into 0..15 or past 2^20-1 is clamped
    LabelAllocator clamped(0, 0x200000);
    CHECK(clamped.GetMinLabel() == 16);
    CHECK(clamped.GetMaxLabel() == MAX_LABEL);
    CHECK_FALSE(clamped.Reserve(3));
    CHECK_FALSE(clamped.Reserve(MAX_LABEL + 1));
}

TEST_CASE("MPLS label allocator exhausts, releases and skips reserved", "[mpls]")
{
    LabelAllocator pool(100, 103);
    REQUIRE(pool.Reserve(101));
    CHECK_FALSE(pool.Reserve(101));
    std::set<uint32_t> got;
    for (int i = 0; i < 3; ++i)
    {
        auto label = pool.Allocate();
        REQUIRE(label);
        got.insert(*label);
    }
    CHECK(got == std::set<uint32_t>{100, 102, 103});
    CHECK_FALSE(pool.Allocate());
    CHECK(pool.GetAllocatedCount() == 4);

    CHECK(pool.Release(100));
    CHECK_FALSE(pool.Release(100));
    auto again = pool.Allocate();
    REQUIRE(again);
    CHECK(*again == 100);

    // a released label is not reused at once while others are free
    LabelAllocator wide(16, 1000);
    auto a = wide.Allocate();
    REQUIRE(a);
    wide.Release(*a);
    auto b = wide.Allocate();
    REQUIRE(b);
    CHECK(*b != *a);
}

TEST_CASE("MPLS NHLFE operations build the outgoing label stack entries", "[mpls]")
{
    Ipv4Address nh("10.0.2.2");
    // Swap E -> F on a one-entry stack: F keeps S = 1 and the outgoing TTL.
    auto swap = Nhlfe::Swap(2000, 1, nh).MakeEntries(62, 5, true);
    REQUIRE(swap.size() == 1);
    CHECK(swap[0] == LabelStackEntry(2000, 5, true, 62));

    // Swap below other labels: S stays 0.
    auto inner = Nhlfe::Swap(2000, 1, nh).MakeEntries(62, 0, false);
    REQUIRE(inner.size() == 1);
    CHECK_FALSE(inner[0].IsBottomOfStack());

    // Ingress push of VPN label 500 below LSP label 1000: bottom first.
    auto push = Nhlfe::Push({500, 1000}, 1, nh).MakeEntries(63, 0, true);
    REQUIRE(push.size() == 2);
    CHECK(push[0] == LabelStackEntry(500, 0, true, 63));
    CHECK(push[1] == LabelStackEntry(1000, 0, false, 63));
    // Pushed onto a LabelStack in that order, 1000 ends on top.
    LabelStack stack;
    for (const auto& e : push)
    {
        stack.Push(e);
    }
    REQUIRE(stack.GetDepth() == 2);
    CHECK(stack.GetTop().GetLabel() == 1000);
    CHECK(stack.GetEntry(1).IsBottomOfStack());

    // Swap-and-push (RFC 3031 section 3.10): replace, then push more.
    auto swapPush = Nhlfe::Swap(2000, 1, nh);
    swapPush.labels.push_back(3000);
    auto sp = swapPush.MakeEntries(10, 0, true);
    REQUIRE(sp.size() == 2);
    CHECK(sp[0] == LabelStackEntry(2000, 0, true, 10));
    CHECK(sp[1] == LabelStackEntry(3000, 0, false, 10));

    // Pops and implicit-null (PHP) write nothing.
    CHECK(Nhlfe::PopAndDeliver().MakeEntries(10, 0, true).empty());
    CHECK(Nhlfe::PopAndForward(1, nh).MakeEntries(10, 0, true).empty());
    CHECK(Nhlfe::Swap(LABEL_IMPLICIT_NULL, 1, nh).MakeEntries(10, 0, true).empty());
}
