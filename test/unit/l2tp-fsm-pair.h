/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Test harness shared by the L2TP control connection tests: two ControlFsm
 * engines joined back to back by byte queues (every message goes through
 * the codec) under a hand-driven clock, without a simulator. Each test file
 * derives its own pair (CRTP) to record what it needs.
 */
#ifndef IPVPN_L2TP_FSM_PAIR_H
#define IPVPN_L2TP_FSM_PAIR_H

#include "codec-test-util.h"

#include "ns3/l2tp-control-fsm.h"
#include "ns3/nstime.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

namespace ns3
{
namespace l2tptest
{

/// The message type of `m`, 0 for a ZLB.
inline uint16_t
TypeOf(const l2tp::PacketHeader& m)
{
    uint16_t t = 0;
    return m.GetMessageType(t) ? t : 0;
}

/// `m` through the codec, as the wire would carry it.
inline l2tp::PacketHeader
Wire(const l2tp::PacketHeader& m)
{
    l2tp::PacketHeader out;
    codectest::Decode(out, codectest::Encode(m));
    REQUIRE(out.IsValid());
    return out;
}

/// A control connection configuration with this Tunnel ID and host name.
inline l2tp::ControlFsmConfig
Config(uint16_t tunnelId, const std::string& host)
{
    l2tp::ControlFsmConfig c;
    c.localTunnelId = tunnelId;
    c.hostName = host;
    return c;
}

/// One end of an FsmPair: the engine and when it wants Expire().
struct FsmEnd
{
    explicit FsmEnd(const l2tp::ControlFsmConfig& c,
                    const l2tp::SessionConfig& s = l2tp::SessionConfig())
        : fsm(c, s)
    {
    }

    l2tp::ControlFsm fsm;
    bool hasWake = false;
    Time wake;
};

/**
 * Two engines joined by byte queues with zero delay. `Derived` may hide
 * OnSend(end, message, fromA) (called for every message put on the wire,
 * before `drop` is asked) and OnActions(end, actions) (called once per
 * Absorb() after the messages) to record what an end reported; `End`
 * derives from FsmEnd.
 */
template <typename Derived, typename End> struct FsmPair
{
    FsmPair(const l2tp::ControlFsmConfig& ca,
            const l2tp::ControlFsmConfig& cb,
            const l2tp::SessionConfig& sa = l2tp::SessionConfig(),
            const l2tp::SessionConfig& sb = l2tp::SessionConfig())
        : a(ca, sa)
        , b(cb, sb)
    {
    }

    End a;
    End b;
    std::deque<std::vector<uint8_t>> toA;
    std::deque<std::vector<uint8_t>> toB;
    Time now;
    /// (message, sent by a) -> true to lose it.
    std::function<bool(const l2tp::PacketHeader&, bool)> drop;

    void
    OnSend(End&, const l2tp::PacketHeader&, bool)
    {
    }

    void
    OnActions(End&, const l2tp::ControlFsm::Actions&)
    {
    }

    /// Puts what `e` sent on the wire and records what it reported.
    void
    Absorb(End& e, const l2tp::ControlFsm::Actions& act)
    {
        Derived& self = static_cast<Derived&>(*this);
        const bool fromA = &e == &a;
        for (const l2tp::PacketHeader& m : act.send)
        {
            self.OnSend(e, m, fromA);
            if (drop && drop(m, fromA))
            {
                continue;
            }
            (fromA ? toB : toA).push_back(codectest::Encode(m));
        }
        self.OnActions(e, act);
        e.hasWake = act.hasWakeUp;
        e.wake = act.wakeUp;
    }

    /// Delivers everything in flight, decoding each message from bytes.
    void
    Pump()
    {
        while (!toA.empty() || !toB.empty())
        {
            const bool forA = !toA.empty();
            auto& q = forA ? toA : toB;
            const std::vector<uint8_t> bytes = q.front();
            q.pop_front();
            l2tp::PacketHeader m;
            codectest::Decode(m, bytes);
            REQUIRE(m.IsValid());
            End& e = forA ? a : b;
            Absorb(e, e.fsm.Receive(m, now));
        }
    }

    /// Runs timers and deliveries until `end`.
    void
    RunUntil(Time end)
    {
        Pump();
        for (int guard = 0; guard < 10000; ++guard)
        {
            Time next = end;
            for (End* e : {&a, &b})
            {
                if (e->hasWake && e->wake < next)
                {
                    next = e->wake;
                }
            }
            if (next >= end)
            {
                break;
            }
            now = std::max(now, next);
            for (End* e : {&a, &b})
            {
                if (e->hasWake && e->wake <= now)
                {
                    Absorb(*e, e->fsm.Expire(now));
                }
            }
            Pump();
        }
        now = std::max(now, end);
    }
};

} // namespace l2tptest
} // namespace ns3

#endif
