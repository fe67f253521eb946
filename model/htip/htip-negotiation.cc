// SPDX-License-Identifier: GPL-2.0-only
//
// The prefix negotiation of seed 004 as pure functions; doc/htip-negotiation.md
// states each rule with its paragraph.
#include "htip-negotiation.h"

#include <algorithm>
#include <sstream>

namespace ns3
{
namespace htip
{

namespace
{

uint32_t
MaskBits(uint8_t length)
{
    return length == 0 ? 0 : ~uint32_t{0} << (32 - length);
}

/// \p p with its host bits cleared; nullopt for a length above 32.
std::optional<Prefix>
Normalize(const Prefix& p)
{
    if (p.length > 32)
    {
        return std::nullopt;
    }
    return Prefix(Ipv4Address(p.network.Get() & MaskBits(p.length)), p.length);
}

/// One past the last address of a normalized prefix.
uint64_t
End(const Prefix& p)
{
    return uint64_t{p.network.Get()} + (uint64_t{1} << (32 - p.length));
}

uint64_t
AlignUp(uint64_t value, uint64_t size)
{
    return (value + size - 1) / size * size;
}

bool
OverlapsAny(const Prefix& p, const std::vector<Prefix>& list)
{
    return std::any_of(list.begin(), list.end(), [&p](const Prefix& q) {
        return q.length <= 32 && p.Overlaps(q);
    });
}

/**
 * Where candidates may come from ([0077], [0121]: the seed numbers them
 * upwards from the network's own prefix, all in 10/8): the RFC 1918 block
 * holding \p own, else the /8 of \p own (\p own itself when it is shorter
 * than /8).
 */
Prefix
Bound(const Prefix& own)
{
    static const Prefix rfc1918[] = {
        Prefix(Ipv4Address("10.0.0.0"), 8),
        Prefix(Ipv4Address("172.16.0.0"), 12),
        Prefix(Ipv4Address("192.168.0.0"), 16),
    };
    for (const Prefix& block : rfc1918)
    {
        if (block.Contains(own))
        {
            return block;
        }
    }
    const uint8_t length = std::min<uint8_t>(8, own.length);
    return Prefix(Ipv4Address(own.network.Get() & MaskBits(length)), length);
}

/**
 * Up to \p count blocks of \p length inside \p bound, the first at or after
 * \p start, none overlapping \p avoid. A block that overlaps an avoided
 * prefix makes the walk jump past that prefix's end (aligned up to the block
 * size), so every avoided prefix costs one step at most: a /24 walk past an
 * avoided /8 is one step, not 65536.
 */
std::vector<Prefix>
Blocks(uint64_t start,
       uint8_t length,
       const Prefix& bound,
       const std::vector<Prefix>& avoid,
       uint32_t count)
{
    std::vector<Prefix> out;
    if (length > 32 || bound.length > length)
    {
        return out;
    }
    std::vector<Prefix> clean;
    for (const Prefix& p : avoid)
    {
        if (auto n = Normalize(p))
        {
            clean.push_back(*n);
        }
    }
    const uint64_t size = uint64_t{1} << (32 - length);
    const uint64_t end = End(bound);
    uint64_t cur = AlignUp(std::max<uint64_t>(start, bound.network.Get()), size);
    while (out.size() < count && cur + size <= end)
    {
        const Prefix block(Ipv4Address(static_cast<uint32_t>(cur)), length);
        uint64_t next = cur + size;
        bool blocked = false;
        for (const Prefix& a : clean)
        {
            if (a.Overlaps(block))
            {
                blocked = true;
                next = std::max(next, AlignUp(End(a), size));
            }
        }
        if (!blocked)
        {
            out.push_back(block);
        }
        cur = next;
    }
    return out;
}

/// "10.0.0.0/24", also for a prefix that is not valid.
std::string
Text(const Prefix& p)
{
    std::ostringstream os;
    p.network.Print(os);
    os << "/" << int{p.length};
    return os.str();
}

} // namespace

std::string
EmbodimentName(Embodiment embodiment)
{
    switch (embodiment)
    {
    case Embodiment::FIRST:
        return "first";
    case Embodiment::SECOND:
        return "second";
    }
    return "embodiment-" + std::to_string(static_cast<int>(embodiment));
}

std::string
NakCauseName(NakCause cause)
{
    switch (cause)
    {
    case NakCause::NONE:
        return "none";
    case NakCause::INSIDE_PEER_PREFIX:
        return "inside-peer-prefix";
    case NakCause::IN_USE:
        return "in-use";
    case NakCause::BAD_CANDIDATE:
        return "bad-candidate";
    case NakCause::UNSUPPORTED_PROTOCOL:
        return "unsupported-protocol";
    }
    return "cause-" + std::to_string(static_cast<int>(cause));
}

bool
ResponderDecision::IsNak() const
{
    return nak != NakCause::NONE;
}

std::vector<Prefix>
RequestCandidates(const GatewayView& self, const std::optional<NakAdvice>& advice, uint32_t count)
{
    if (!self.own.IsValid() || count == 0)
    {
        return {};
    }
    // [0077], [0121]: the own prefix first (no NAT where it is free), then
    // the next blocks of its length.
    uint64_t start = self.own.network.Get();
    std::vector<Prefix> avoid = self.inUse;
    if (advice)
    {
        // [0156]-[0157]: after B's NAK with 10.0.0.0/16, 10.2.0.0/24, ...:
        // outside B's prefix, the block right after it left for B's own
        // tunnel prefix (10.1.0.0/16, [0158]).
        avoid.push_back(advice->peerOwn);
        avoid.insert(avoid.end(), advice->inUse.begin(), advice->inUse.end());
        if (auto peer = Normalize(advice->peerOwn))
        {
            start = uint64_t{peer->network.Get()} + 2 * (uint64_t{1} << (32 - peer->length));
        }
    }
    return Blocks(start, self.own.length, Bound(self.own), avoid, count);
}

std::vector<Prefix>
ResponseCandidates(const GatewayView& self,
                   const Prefix& requesterOwn,
                   const Prefix& requesterTunnel,
                   const std::vector<Prefix>& avoid,
                   uint32_t count)
{
    if (!self.own.IsValid() || count == 0)
    {
        return {};
    }
    // [0078], [0092], [0105]: B's own prefix first, then the next blocks,
    // none colliding with what A's hosts already use: A's own prefix and
    // A's tunnel prefix (10.0.2.0/24, 10.0.3.0/24, 10.0.4.0/24 in case 2).
    std::vector<Prefix> all{requesterOwn, requesterTunnel};
    all.insert(all.end(), avoid.begin(), avoid.end());
    return Blocks(self.own.network.Get(), self.own.length, Bound(self.own), all, count);
}

ResponderDecision
Respond(const GatewayView& self,
        const Prefix& requesterOwn,
        const std::vector<Prefix>& requesterCandidates,
        Embodiment embodiment,
        uint32_t count)
{
    ResponderDecision d;
    bool anyRightLength = false;
    bool allInside = true;
    bool anyInUse = false;
    std::optional<Prefix> taken;
    for (const Prefix& c : requesterCandidates)
    {
        if (!c.IsValid() || c.length != requesterOwn.length)
        {
            continue;
        }
        anyRightLength = true;
        if (!self.own.Contains(c))
        {
            allInside = false;
        }
        if (OverlapsAny(c, self.inUse))
        {
            // Claim 15, [0167]: not an address B's hosts already reach.
            anyInUse = true;
            continue;
        }
        bool usable = false;
        if (embodiment == Embodiment::SECOND)
        {
            // [0156]: nothing inside (or around) B's own prefix.
            usable = !c.Overlaps(self.own);
        }
        else
        {
            // [0077]: A's own prefix when it differs from B's, else another
            // candidate, unchecked against B's prefix ([0074]: 10.0.1.0/24
            // inside 10.0.0.0/16).
            usable = c != requesterOwn || !requesterOwn.Overlaps(self.own);
        }
        if (usable)
        {
            taken = c;
            break;
        }
    }
    if (taken)
    {
        d.requesterTunnel = *taken;
        d.responderCandidates = ResponseCandidates(self, requesterOwn, *taken, {}, count);
        if (!d.responderCandidates.empty())
        {
            return d;
        }
        d.requesterTunnel = Prefix();
        d.nak = NakCause::IN_USE;
    }
    else if (!anyRightLength)
    {
        d.nak = NakCause::BAD_CANDIDATE;
    }
    else if (allInside)
    {
        d.nak = NakCause::INSIDE_PEER_PREFIX;
    }
    else if (anyInUse)
    {
        d.nak = NakCause::IN_USE;
    }
    else
    {
        // Every candidate overlaps B's prefix without lying inside it (it
        // holds B's prefix): the advice is the same, avoid B's prefix.
        d.nak = NakCause::INSIDE_PEER_PREFIX;
    }
    d.inUse = self.inUse;
    return d;
}

std::optional<Prefix>
ChooseResponderTunnel(const GatewayView& self,
                      const Prefix& requesterTunnel,
                      const Prefix& responderOwn,
                      const std::vector<Prefix>& responderCandidates)
{
    // [0079], [0093], [0123], [0159]: A takes B's first candidate its hosts
    // can tell from their own network, from A's tunnel prefix and from the
    // peers of its other tunnels (claim 15).
    for (const Prefix& c : responderCandidates)
    {
        if (c.IsValid() && c.length == responderOwn.length && !c.Overlaps(self.own) &&
            !c.Overlaps(requesterTunnel) && !OverlapsAny(c, self.inUse))
        {
            return c;
        }
    }
    return std::nullopt;
}

bool
NeedsNat(const Prefix& own, const Prefix& tunnel)
{
    return own != tunnel;
}

std::string
CheckAgreement(const Prefix& requesterOwn,
               const Prefix& responderOwn,
               const Prefix& requesterTunnel,
               const Prefix& responderTunnel)
{
    const std::pair<const char*, const Prefix*> named[] = {
        {"requester prefix", &requesterOwn},
        {"responder prefix", &responderOwn},
        {"requester tunnel prefix", &requesterTunnel},
        {"responder tunnel prefix", &responderTunnel},
    };
    for (const auto& [name, p] : named)
    {
        if (!p->IsValid())
        {
            return std::string("invalid ") + name + " " + Text(*p);
        }
    }
    if (requesterTunnel.length != requesterOwn.length)
    {
        return "requester tunnel prefix " + Text(requesterTunnel) + " differs in length from " +
               Text(requesterOwn);
    }
    if (responderTunnel.length != responderOwn.length)
    {
        return "responder tunnel prefix " + Text(responderTunnel) + " differs in length from " +
               Text(responderOwn);
    }
    if (requesterTunnel.Overlaps(responderTunnel))
    {
        return "tunnel prefixes " + Text(requesterTunnel) + " and " + Text(responderTunnel) +
               " overlap";
    }
    return "";
}

} // namespace htip
} // namespace ns3
