// SPDX-License-Identifier: GPL-2.0-only
// RFC 2661 section 5.8 reliable delivery of control messages, driven by
// hand-picked times without a simulator.
#include "ns3/l2tp-reliable-delivery-engine.h"

#include <catch2/catch.hpp>
#include <vector>

using namespace ns3;
using namespace ns3::l2tp;

namespace
{

using Handles = std::vector<MessageHandle>;

Handles
SentHandles(const DeliveryActions& a)
{
    Handles h;
    for (const Transmission& t : a.transmit)
    {
        h.push_back(t.handle);
    }
    return h;
}

std::vector<uint16_t>
SentNs(const DeliveryActions& a)
{
    std::vector<uint16_t> ns;
    for (const Transmission& t : a.transmit)
    {
        ns.push_back(t.ns);
    }
    return ns;
}

} // namespace

TEST_CASE("sequence numbers compare modulo 2^16", "[l2tp]")
{
    CHECK(SeqDistance(65535, 0) == 1);
    CHECK(SeqDistance(0, 65535) == 65535);
    CHECK(SeqLess(65535, 0));
    CHECK_FALSE(SeqLess(0, 65535));
    CHECK(SeqLess(1, 2));
    CHECK_FALSE(SeqLess(7, 7));
    CHECK(SeqLess(0, 32767));       // 32767 values before b are "less"
    CHECK_FALSE(SeqLess(0, 32768)); // further back counts as ahead
    CHECK(SeqLess(40000, 7000));    // across the wrap
}

TEST_CASE("in-order delivery is acknowledged by a delayed ZLB", "[l2tp]")
{
    ReliableDeliveryConfig cfg;
    cfg.ackDelay = MilliSeconds(100);
    ReliableDeliveryEngine a(cfg);
    ReliableDeliveryEngine b(cfg);

    std::vector<Transmission> wire;
    for (MessageHandle h = 10; h < 13; ++h)
    {
        DeliveryActions s = a.Send(h, Seconds(0));
        REQUIRE(s.transmit.size() == 1);
        CHECK(s.transmit[0] == Transmission{h, uint16_t(h - 10), 0, false});
        CHECK(s.hasWakeUp);
        CHECK(s.wakeUp == Seconds(1)); // initial retransmission timeout
        wire.push_back(s.transmit[0]);
    }
    CHECK(a.GetNextNs() == 3);
    CHECK(a.GetUnackedCount() == 3);

    for (const Transmission& t : wire)
    {
        DeliveryActions r = b.Receive(t.ns, t.nr, false, 100 + t.handle, MilliSeconds(10));
        CHECK(r.deliver == Handles{100 + t.handle});
        CHECK_FALSE(r.sendZlb);
        CHECK(r.hasWakeUp);
        CHECK(r.wakeUp == MilliSeconds(110)); // first pending ack keeps its deadline
    }
    CHECK(b.GetNr() == 3);
    CHECK(b.IsAckPending());

    CHECK_FALSE(b.Expire(MilliSeconds(109)).sendZlb); // early wake-up: nothing
    DeliveryActions z = b.Expire(MilliSeconds(110));
    REQUIRE(z.sendZlb);
    CHECK(z.zlbNs == 0); // a ZLB does not consume an Ns
    CHECK(z.zlbNr == 3);
    CHECK_FALSE(z.hasWakeUp);
    CHECK(b.GetNextNs() == 0);

    DeliveryActions acked = a.Receive(z.zlbNs, z.zlbNr, true, 0, MilliSeconds(120));
    CHECK(acked.acked == Handles{10, 11, 12});
    CHECK(acked.deliver.empty());
    CHECK_FALSE(acked.hasWakeUp);
    CHECK(a.GetUnackedCount() == 0);
    CHECK(a.GetNr() == 0); // a ZLB is not a message to be acknowledged
}

TEST_CASE("a reply within the ack delay carries the acknowledgement", "[l2tp]")
{
    ReliableDeliveryEngine b;
    DeliveryActions r = b.Receive(0, 0, false, 1, Seconds(0));
    CHECK(r.deliver == Handles{1});
    CHECK(b.IsAckPending());

    DeliveryActions reply = b.Send(2, MilliSeconds(50));
    REQUIRE(reply.transmit.size() == 1);
    CHECK(reply.transmit[0] == Transmission{2, 0, 1, false});
    CHECK_FALSE(b.IsAckPending());
    CHECK(reply.wakeUp == MilliSeconds(1050)); // only the retransmission timer

    DeliveryActions e = b.Expire(MilliSeconds(100));
    CHECK_FALSE(e.sendZlb);
    CHECK(e.transmit.empty());
}

TEST_CASE("a full window queues messages until an ack opens it", "[l2tp]")
{
    ReliableDeliveryEngine a; // peer window 4 until told otherwise
    CHECK(a.GetPeerWindow() == 4);
    for (MessageHandle h = 0; h < 4; ++h)
    {
        CHECK(a.Send(h, Seconds(0)).transmit.size() == 1);
    }
    DeliveryActions full = a.Send(4, Seconds(0));
    CHECK(full.transmit.empty());
    CHECK(a.Send(5, Seconds(0)).transmit.empty());
    CHECK(a.GetQueuedCount() == 2);
    CHECK(a.GetUnackedCount() == 4);

    // The peer has received Ns 0 and 1 and replies with a message of its own.
    DeliveryActions r = a.Receive(0, 2, false, 50, MilliSeconds(300));
    CHECK(r.acked == Handles{0, 1});
    CHECK(r.deliver == Handles{50});
    CHECK(SentHandles(r) == Handles{4, 5});
    CHECK(SentNs(r) == std::vector<uint16_t>{4, 5});
    for (const Transmission& t : r.transmit)
    {
        CHECK(t.nr == 1); // carries the ack of the peer's message...
    }
    CHECK_FALSE(r.sendZlb); // ...so no ZLB is needed
    CHECK_FALSE(a.IsAckPending());
    CHECK(a.GetQueuedCount() == 0);
    CHECK(r.wakeUp == Seconds(1)); // Ns 2 and 3 still time out first

    SECTION("a smaller Receive Window Size AVP limits the flight")
    {
        ReliableDeliveryEngine c;
        c.SetPeerWindow(1, Seconds(0));
        CHECK(c.Send(1, Seconds(0)).transmit.size() == 1);
        CHECK(c.Send(2, Seconds(0)).transmit.empty());
        DeliveryActions opened = c.SetPeerWindow(8, Seconds(0));
        CHECK(SentHandles(opened) == Handles{2});
        CHECK(c.SetPeerWindow(0, Seconds(0)).transmit.empty());
        CHECK(c.GetPeerWindow() == 1); // 0 is invalid, treated as 1
    }
}

TEST_CASE("loss: back-off 1, 2, 4, 8, 8 s then the tunnel fails", "[l2tp]")
{
    ReliableDeliveryEngine a; // RFC defaults: 1 s, cap 8 s, 5 retransmissions
    DeliveryActions s = a.Send(7, Seconds(0));
    REQUIRE(s.wakeUp == Seconds(1));

    CHECK(a.Expire(MilliSeconds(999)).transmit.empty());

    // The peer's message arrives meanwhile: retransmissions carry the new Nr.
    a.Receive(0, 0, false, 70, MilliSeconds(500));

    Time now = Seconds(1);
    const std::vector<Time> gaps{Seconds(2), Seconds(4), Seconds(8), Seconds(8), Seconds(8)};
    for (size_t i = 0; i < gaps.size(); ++i)
    {
        DeliveryActions e = a.Expire(now);
        INFO("retransmission " << i + 1 << " at " << now);
        REQUIRE(e.transmit.size() == 1);
        CHECK(e.transmit[0] == Transmission{7, 0, 1, true});
        CHECK_FALSE(e.tunnelFailed);
        REQUIRE(e.hasWakeUp);
        CHECK(e.wakeUp == now + gaps[i]);
        now = e.wakeUp;
    }
    CHECK(now == Seconds(31)); // 1 + 2 + 4 + 8 + 8 + 8

    DeliveryActions failed = a.Expire(now);
    CHECK(failed.tunnelFailed);
    CHECK(failed.transmit.empty());
    CHECK_FALSE(failed.hasWakeUp);
    CHECK(a.HasFailed());
    CHECK(a.Send(8, now).tunnelFailed);
    CHECK(a.Receive(1, 1, false, 71, now).tunnelFailed);
    CHECK(a.Receive(1, 1, false, 71, now).deliver.empty());

    SECTION("an ack before the limit stops the retransmissions")
    {
        ReliableDeliveryEngine b;
        b.Send(1, Seconds(0));
        b.Expire(Seconds(1));
        b.Expire(Seconds(3));
        DeliveryActions ack = b.Receive(0, 1, true, 0, Seconds(5));
        CHECK(ack.acked == Handles{1});
        CHECK_FALSE(ack.hasWakeUp);
        CHECK(b.Expire(Seconds(7)).transmit.empty());
        CHECK_FALSE(b.HasFailed());
    }

    SECTION("configurable timers and retry limit")
    {
        ReliableDeliveryConfig cfg;
        cfg.initialTimeout = MilliSeconds(200);
        cfg.maxTimeout = MilliSeconds(500);
        cfg.maxRetransmissions = 2;
        ReliableDeliveryEngine c(cfg);
        CHECK(c.Send(1, Seconds(0)).wakeUp == MilliSeconds(200));
        CHECK(c.Expire(MilliSeconds(200)).wakeUp == MilliSeconds(600));
        CHECK(c.Expire(MilliSeconds(600)).wakeUp == MilliSeconds(1100)); // capped
        CHECK(c.Expire(MilliSeconds(1100)).tunnelFailed);
    }
}

TEST_CASE("out-of-order messages are held and delivered in sequence", "[l2tp]")
{
    ReliableDeliveryEngine b; // own receive window 4: holds Nr+1 .. Nr+3

    DeliveryActions r2 = b.Receive(2, 0, false, 102, Seconds(0));
    CHECK(r2.deliver.empty());
    CHECK(r2.discard.empty());
    CHECK_FALSE(r2.hasWakeUp); // Nr did not move: nothing to acknowledge
    DeliveryActions r1 = b.Receive(1, 0, false, 101, Seconds(0));
    CHECK(r1.deliver.empty());
    CHECK(b.GetHeldCount() == 2);
    CHECK(b.GetNr() == 0);

    CHECK(b.Receive(1, 0, false, 201, Seconds(0)).discard == Handles{201}); // already held
    CHECK(b.Receive(4, 0, false, 104, Seconds(0)).discard == Handles{104}); // beyond window

    DeliveryActions r0 = b.Receive(0, 0, false, 100, Seconds(0));
    CHECK(r0.deliver == Handles{100, 101, 102});
    CHECK(b.GetNr() == 3);
    CHECK(b.GetHeldCount() == 0);
    CHECK(b.IsAckPending());

    DeliveryActions z = b.Expire(MilliSeconds(100));
    CHECK(z.sendZlb);
    CHECK(z.zlbNr == 3);
}

TEST_CASE("duplicates are acknowledged again but not delivered twice", "[l2tp]")
{
    ReliableDeliveryConfig cfg;
    cfg.ackDelay = Time(0); // acknowledge at once
    ReliableDeliveryEngine b(cfg);

    DeliveryActions first = b.Receive(0, 0, false, 1, Seconds(0));
    CHECK(first.deliver == Handles{1});
    CHECK(first.sendZlb);
    CHECK(first.zlbNr == 1);

    // The ZLB was lost; the peer retransmits Ns 0.
    DeliveryActions dup = b.Receive(0, 0, false, 2, Seconds(1));
    CHECK(dup.deliver.empty());
    CHECK(dup.discard == Handles{2});
    CHECK(dup.sendZlb);
    CHECK(dup.zlbNs == 0);
    CHECK(dup.zlbNr == 1);
    CHECK(b.GetNr() == 1);

    SECTION("with a delay, a duplicate schedules the ack")
    {
        ReliableDeliveryEngine d;
        d.Receive(0, 0, false, 1, Seconds(0));
        d.Expire(MilliSeconds(100));
        DeliveryActions again = d.Receive(0, 0, false, 2, Seconds(1));
        CHECK(again.discard == Handles{2});
        CHECK_FALSE(again.sendZlb);
        CHECK(again.wakeUp == MilliSeconds(1100));
        CHECK(d.Expire(MilliSeconds(1100)).zlbNr == 1);
    }
}

TEST_CASE("sequence numbers wrap from 65535 to 0", "[l2tp]")
{
    SECTION("sending across the wrap")
    {
        ReliableDeliveryEngine a(ReliableDeliveryConfig(), 65534, 0);
        std::vector<uint16_t> ns;
        for (MessageHandle h = 0; h < 4; ++h)
        {
            ns.push_back(a.Send(h, Seconds(0)).transmit.at(0).ns);
        }
        CHECK(ns == std::vector<uint16_t>{65534, 65535, 0, 1});
        CHECK(a.GetNextNs() == 2);
        CHECK(a.Receive(0, 1, true, 0, Seconds(0)).acked == Handles{0, 1, 2});
        CHECK(a.Receive(0, 65535, true, 0, Seconds(0)).acked.empty()); // stale
        CHECK(a.Receive(0, 3, true, 0, Seconds(0)).acked.empty());     // never sent
        CHECK(a.Receive(0, 2, true, 0, Seconds(0)).acked == Handles{3});
        CHECK(a.GetUnackedCount() == 0);
    }

    SECTION("receiving across the wrap")
    {
        ReliableDeliveryEngine b(ReliableDeliveryConfig(), 0, 65535);
        CHECK(b.Receive(0, 0, false, 1, Seconds(0)).deliver.empty()); // held
        CHECK(b.Receive(65535, 0, false, 0, Seconds(0)).deliver == Handles{0, 1});
        CHECK(b.GetNr() == 1);
        CHECK(b.Receive(65535, 0, false, 9, Seconds(0)).discard == Handles{9}); // duplicate
        CHECK(b.Receive(32770, 0, false, 8, Seconds(0)).discard == Handles{8}); // far behind
    }

    SECTION("70000 messages through a pair of engines")
    {
        ReliableDeliveryConfig cfg;
        cfg.ackDelay = Time(0);
        ReliableDeliveryEngine a(cfg);
        ReliableDeliveryEngine b(cfg);
        MessageHandle expected = 0;
        bool inOrder = true;
        for (MessageHandle h = 0; h < 70000; ++h)
        {
            DeliveryActions s = a.Send(h, Seconds(0));
            for (const Transmission& t : s.transmit)
            {
                DeliveryActions r = b.Receive(t.ns, t.nr, false, t.handle, Seconds(0));
                for (MessageHandle d : r.deliver)
                {
                    inOrder = inOrder && d == expected++;
                }
                if (r.sendZlb)
                {
                    a.Receive(r.zlbNs, r.zlbNr, true, 0, Seconds(0));
                }
            }
        }
        CHECK(inOrder);
        CHECK(expected == 70000);
        CHECK(a.GetNextNs() == 70000 % 65536);
        CHECK(b.GetNr() == 70000 % 65536);
        CHECK(a.GetUnackedCount() == 0);
    }
}

TEST_CASE("ZLB messages only acknowledge", "[l2tp]")
{
    ReliableDeliveryEngine a;
    a.Send(1, Seconds(0));
    a.Send(2, Seconds(0));

    // A ZLB is neither delivered nor acknowledged and does not move Nr.
    DeliveryActions z = a.Receive(0, 1, true, 99, Seconds(0));
    CHECK(z.acked == Handles{1});
    CHECK(z.deliver.empty());
    CHECK(z.discard.empty());
    CHECK_FALSE(z.sendZlb);
    CHECK_FALSE(a.IsAckPending());
    CHECK(a.GetNr() == 0);

    // A ZLB sent while messages are outstanding carries the next new Ns.
    ReliableDeliveryConfig cfg;
    cfg.ackDelay = Time(0);
    ReliableDeliveryEngine c(cfg);
    c.Send(5, Seconds(0));
    DeliveryActions ack = c.Receive(0, 0, false, 6, Seconds(0));
    CHECK(ack.sendZlb);
    CHECK(ack.zlbNs == 1);
    CHECK(ack.zlbNr == 1);

    // No ZLB while a queued message can carry the Nr.
    ReliableDeliveryEngine d(cfg);
    d.SetPeerWindow(1, Seconds(0));
    d.Send(1, Seconds(0));
    d.Send(2, Seconds(0)); // queued
    DeliveryActions piggy = d.Receive(0, 1, false, 3, Seconds(0));
    CHECK_FALSE(piggy.sendZlb);
    REQUIRE(piggy.transmit.size() == 1);
    CHECK(piggy.transmit[0] == Transmission{2, 1, 1, false});
}
