// SPDX-License-Identifier: GPL-2.0-only
// htip negotiation: the prefix rules of seed 004. The expected prefixes of
// the three cases are the seed's, typed from the paragraph each comment
// cites; where the seed slips, the comment says so and what is asserted.
#include "ns3/htip-connection-table.h"
#include "ns3/htip-negotiation.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <random>

using namespace ns3;
using namespace ns3::htip;

namespace
{

/// "10.0.0.0/24" parsed here, not with Prefix::Parse, so that these tests do
/// not lean on the codec.
Prefix
P(const std::string& text)
{
    unsigned a = 0;
    unsigned b = 0;
    unsigned c = 0;
    unsigned d = 0;
    unsigned len = 0;
    REQUIRE(std::sscanf(text.c_str(), "%u.%u.%u.%u/%u", &a, &b, &c, &d, &len) == 5);
    return Prefix(Ipv4Address((a << 24) | (b << 16) | (c << 8) | d), static_cast<uint8_t>(len));
}

std::vector<Prefix>
L(std::initializer_list<const char*> texts)
{
    std::vector<Prefix> out;
    for (const char* t : texts)
    {
        out.push_back(P(t));
    }
    return out;
}

GatewayView
View(const char* own, std::initializer_list<const char*> inUse = {})
{
    return GatewayView{P(own), L(inUse)};
}

/// [first, last] of a prefix, computed from its length without Prefix.
std::pair<uint64_t, uint64_t>
Range(const Prefix& p)
{
    const uint64_t size = uint64_t{1} << (32 - p.length);
    const uint64_t first = p.network.Get() / size * size;
    return {first, first + size - 1};
}

bool
Disjoint(const Prefix& a, const Prefix& b)
{
    auto [a0, a1] = Range(a);
    auto [b0, b1] = Range(b);
    return a1 < b0 || b1 < a0;
}

bool
Inside(const Prefix& inner, const Prefix& outer)
{
    auto [i0, i1] = Range(inner);
    auto [o0, o1] = Range(outer);
    return o0 <= i0 && i1 <= o1;
}

constexpr uint32_t COUNT = 3; // the seed's lists show three prefixes

/// What a round that ends in a tunnel must give: A's tunnel prefix from
/// B's Respond(), B's candidates, B's tunnel prefix A chooses, and whether
/// each side needs NAT.
struct Expected
{
    const char* requesterTunnel;
    std::vector<Prefix> responderCandidates;
    const char* responderTunnel;
    bool natA;
    bool natB;
};

/// B answers A's candidates, A chooses B's tunnel prefix; returns the decision.
ResponderDecision
CheckRound(const GatewayView& a,
           const GatewayView& b,
           const std::vector<Prefix>& candidates,
           Embodiment e,
           const Expected& want)
{
    const ResponderDecision d = Respond(b, a.own, candidates, e, COUNT);
    REQUIRE_FALSE(d.IsNak());
    CHECK(d.requesterTunnel == P(want.requesterTunnel));
    CHECK(d.responderCandidates == want.responderCandidates);
    const auto chosen = ChooseResponderTunnel(a, d.requesterTunnel, b.own, d.responderCandidates);
    REQUIRE(chosen);
    CHECK(*chosen == P(want.responderTunnel));
    CHECK(NeedsNat(a.own, d.requesterTunnel) == want.natA);
    CHECK(NeedsNat(b.own, *chosen) == want.natB);
    CHECK(CheckAgreement(a.own, b.own, d.requesterTunnel, *chosen).empty());
    return d;
}

} // namespace

TEST_CASE("Case 1, different prefixes: no NAT on either side", "[htip]")
{
    for (Embodiment e : {Embodiment::FIRST, Embodiment::SECOND})
    {
        INFO(EmbodimentName(e));
        const GatewayView a = View("10.0.0.0/24");
        const GatewayView b = View("10.0.1.0/24");
        // [0077], [0121]: REQUEST candidates 10.0.0.0/24, 10.0.1.0/24, 10.0.2.0/24.
        const auto candidates = RequestCandidates(a, std::nullopt, COUNT);
        CHECK(candidates == L({"10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"}));
        // [0078], [0122]: B takes 10.0.0.0/24 for A and offers 10.0.1.0/24,
        // 10.0.2.0/24, 10.0.3.0/24 for itself. [0079], [0123], [0125]: A
        // takes 10.0.1.0/24; no NAT.
        CheckRound(a,
                   b,
                   candidates,
                   e,
                   {"10.0.0.0/24",
                    L({"10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"}),
                    "10.0.1.0/24",
                    false,
                    false});
    }
}

TEST_CASE("Case 2, identical prefixes: NAT on both sides", "[htip]")
{
    for (Embodiment e : {Embodiment::FIRST, Embodiment::SECOND})
    {
        INFO(EmbodimentName(e));
        const GatewayView a = View("10.0.0.0/24");
        const GatewayView b = View("10.0.0.0/24");
        // [0091], [0138]: 10.0.0.0/24, 10.0.1.0/24, 10.0.2.0/24.
        const auto candidates = RequestCandidates(a, std::nullopt, COUNT);
        CHECK(candidates == L({"10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"}));
        // [0073], [0092], [0139]: B takes 10.0.1.0/24 for A. [0092]:
        // 10.0.2.0/24, 10.0.3.0/24, 10.0.4.0/24. [0139] prints
        // "10.0.2.0/24.10.0.4.0/24", a slip of the seed: 10.0.3.0/24 is free
        // and the next block. [0093], [0140], [0142]: A takes 10.0.2.0/24;
        // NAT at both ends ([0073]; its "10.0.2.y" for A's hosts is a slip
        // for 10.0.1.y).
        CheckRound(a,
                   b,
                   candidates,
                   e,
                   {"10.0.1.0/24",
                    L({"10.0.2.0/24", "10.0.3.0/24", "10.0.4.0/24"}),
                    "10.0.2.0/24",
                    true,
                    true});
    }
}

TEST_CASE("Case 3, first embodiment: A's tunnel prefix lies inside B's prefix", "[htip]")
{
    const GatewayView a = View("10.0.0.0/24");
    const GatewayView b = View("10.0.0.0/16");
    // [0104]: 10.0.0.0/24, 10.0.1.0/24, 10.0.2.0/24.
    const auto candidates = RequestCandidates(a, std::nullopt, COUNT);
    CHECK(candidates == L({"10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"}));
    // [0074], [0106]: 10.0.1.0/24 for A, inside 10.0.0.0/16, as the seed
    // has it. [0105]: 10.1.0.0/16, 10.2.0.0/16, 10.3.0.0/16. [0074]: B is
    // 10.1.0.0/16 in the tunnel. [0106] prints "10.1.0.0/24", a slip for the
    // /16 that [0105] offers and [0074] names.
    const ResponderDecision d = CheckRound(a,
                                           b,
                                           candidates,
                                           Embodiment::FIRST,
                                           {"10.0.1.0/24",
                                            L({"10.1.0.0/16", "10.2.0.0/16", "10.3.0.0/16"}),
                                            "10.1.0.0/16",
                                            true,
                                            true});
    CHECK(Inside(d.requesterTunnel, b.own));
}

TEST_CASE("Case 3, second embodiment: B NAKs, A retries outside B's prefix", "[htip]")
{
    const GatewayView a = View("10.0.0.0/24");
    const GatewayView b = View("10.0.0.0/16");
    // [0155]: 10.0.0.0/24, 10.0.1.0/24, ...
    const auto first = RequestCandidates(a, std::nullopt, COUNT);
    CHECK(first == L({"10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"}));
    // [0156]: all inside 10.0.0.0/16, so B sends a NAK with its prefix.
    const ResponderDecision nak = Respond(b, a.own, first, Embodiment::SECOND, COUNT);
    REQUIRE(nak.IsNak());
    CHECK(nak.nak == NakCause::INSIDE_PEER_PREFIX);
    CHECK(nak.inUse.empty());
    CHECK(nak.responderCandidates.empty());
    // [0157]: the second REQUEST offers 10.2.0.0/24, 10.2.1.0/24, ...
    const auto second = RequestCandidates(a, NakAdvice{b.own, nak.inUse}, COUNT);
    REQUIRE(second.size() == 3);
    CHECK(second[0] == P("10.2.0.0/24"));
    CHECK(second[1] == P("10.2.1.0/24"));
    CHECK(second[2] == P("10.2.2.0/24")); // the next block, by the same rule
    // [0158]: B takes 10.2.0.0/24 and offers 10.1.0.0/16 first. The seed's
    // second offer, 10.2.0.0/16, holds A's tunnel prefix 10.2.0.0/24 and
    // cannot be offered: the rule gives 10.1.0.0/16, 10.3.0.0/16, 10.4.0.0/16.
    // [0159], [0160]: A 10.2.0.0/24, B 10.1.0.0/16; A needs NAT.
    CheckRound(a,
               b,
               second,
               Embodiment::SECOND,
               {"10.2.0.0/24",
                L({"10.1.0.0/16", "10.3.0.0/16", "10.4.0.0/16"}),
                "10.1.0.0/16",
                true,
                true});
}

TEST_CASE("Reverse nesting: A 10.0.0.0/16, B 10.0.0.0/24", "[htip]")
{
    for (Embodiment e : {Embodiment::FIRST, Embodiment::SECOND})
    {
        INFO(EmbodimentName(e));
        const GatewayView a = View("10.0.0.0/16");
        const GatewayView b = View("10.0.0.0/24");
        const auto candidates = RequestCandidates(a, std::nullopt, COUNT);
        CHECK(candidates == L({"10.0.0.0/16", "10.1.0.0/16", "10.2.0.0/16"}));
        // Every 10.0.x.0/24 is A's, every 10.1.x.0/24 A's tunnel prefix;
        // both sides change their prefix, so both need NAT.
        CheckRound(a,
                   b,
                   candidates,
                   e,
                   {"10.1.0.0/16",
                    L({"10.2.0.0/24", "10.2.1.0/24", "10.2.2.0/24"}),
                    "10.2.0.0/24",
                    true,
                    true});
    }
}

TEST_CASE("A large avoided prefix is jumped over, not walked", "[htip]")
{
    // 10.0.0.0/9 and 10.128.0.0/9 fill 10/8: a block-by-block walk of B's
    // /24s would take 65536 steps per call.
    const GatewayView a = View("10.0.0.0/9");
    const GatewayView b = View("10.0.0.0/24");
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < 2000; ++i)
    {
        CHECK(ResponseCandidates(b, a.own, P("10.128.0.0/9"), {}, COUNT).empty());
        // Start 10.0.0.0/10 + 2 * 2^22 = 10.128.0.0, then past 10.128.0.0/10.
        const auto c = RequestCandidates(
            View("10.0.0.0/24"), NakAdvice{P("10.0.0.0/10"), L({"10.128.0.0/10"})}, COUNT);
        REQUIRE(c == L({"10.192.0.0/24", "10.192.1.0/24", "10.192.2.0/24"}));
    }
    const auto d = Respond(b, a.own, L({"10.0.0.0/9", "10.128.0.0/9"}), Embodiment::SECOND, COUNT);
    CHECK(d.nak == NakCause::IN_USE); // B takes 10.128.0.0/9 but has nothing to offer
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(2));
    // 10.0.0.0/8 + 2 * 2^24 = 12.0.0.0, past 10/8: nothing is left.
    CHECK(RequestCandidates(View("10.0.0.0/24"), NakAdvice{P("10.0.0.0/8"), {}}, 3).empty());
}

TEST_CASE("Candidates stay inside the RFC 1918 block of the own prefix", "[htip]")
{
    // 172.16.0.0/12 ends at 172.31.255.255, 192.168.0.0/16 at 192.168.255.255.
    CHECK(RequestCandidates(View("172.31.255.0/24"), std::nullopt, COUNT) ==
          L({"172.31.255.0/24"}));
    CHECK(RequestCandidates(View("172.31.254.0/24"), std::nullopt, COUNT) ==
          L({"172.31.254.0/24", "172.31.255.0/24"}));
    CHECK(RequestCandidates(View("172.16.0.0/12"), std::nullopt, COUNT) == L({"172.16.0.0/12"}));
    CHECK(RequestCandidates(View("192.168.255.0/24"), std::nullopt, COUNT) ==
          L({"192.168.255.0/24"}));
    CHECK(RequestCandidates(View("10.255.255.0/24"), std::nullopt, COUNT) ==
          L({"10.255.255.0/24"}));
    // Outside RFC 1918: the /8 of the own prefix.
    CHECK(RequestCandidates(View("100.64.255.0/24"), std::nullopt, COUNT) ==
          L({"100.64.255.0/24", "100.65.0.0/24", "100.65.1.0/24"}));
    CHECK(RequestCandidates(View("11.255.255.0/24"), std::nullopt, COUNT) ==
          L({"11.255.255.0/24"}));
    // A NAK from a peer in 10/8 starts A (in 192.168/16) at its own block.
    CHECK(RequestCandidates(View("192.168.1.0/24"), NakAdvice{P("10.0.0.0/24"), {}}, COUNT) ==
          L({"192.168.0.0/24", "192.168.1.0/24", "192.168.2.0/24"}));
    // B in 192.168.255.0/24 facing the same prefix has no block left to offer.
    const auto b = View("192.168.255.0/24");
    CHECK(ResponseCandidates(b, P("192.168.255.0/24"), P("192.168.0.0/24"), {}, COUNT).empty());
    const auto d = Respond(b,
                           P("192.168.255.0/24"),
                           L({"192.168.255.0/24", "192.168.0.0/24"}),
                           Embodiment::SECOND,
                           COUNT);
    CHECK(d.nak == NakCause::IN_USE);
    CHECK(d.requesterTunnel == Prefix());
    CHECK(d.responderCandidates.empty());
    // count bounds the list; zero gives none.
    CHECK(RequestCandidates(View("10.0.0.0/24"), std::nullopt, 5).size() == 5);
    CHECK(RequestCandidates(View("10.0.0.0/24"), std::nullopt, 0).empty());
    CHECK(RequestCandidates(View("10.0.0.1/24"), std::nullopt, COUNT).empty()); // host bits
}

TEST_CASE("In-use prefixes are skipped and NAKed with IN_USE", "[htip]")
{
    // [0121], claim 15: A's candidates skip its existing tunnels' peers.
    CHECK(RequestCandidates(View("10.0.0.0/24", {"10.0.1.0/24", "10.0.2.0/23"}),
                            std::nullopt,
                            COUNT) == L({"10.0.0.0/24", "10.0.4.0/24", "10.0.5.0/24"}));
    // B reaches 10.0.0.0/22 through another tunnel: every candidate collides.
    const GatewayView b = View("10.1.0.0/24", {"10.0.0.0/22"});
    const auto first = RequestCandidates(View("10.0.0.0/24"), std::nullopt, COUNT);
    for (Embodiment e : {Embodiment::FIRST, Embodiment::SECOND})
    {
        const ResponderDecision d = Respond(b, P("10.0.0.0/24"), first, e, COUNT);
        CHECK(d.nak == NakCause::IN_USE);
        CHECK(d.inUse == L({"10.0.0.0/22"}));
    }
    // The retry starts two /24s after B's 10.1.0.0/24: 10.1.2.0/24.
    const auto second =
        RequestCandidates(View("10.0.0.0/24"), NakAdvice{b.own, L({"10.0.0.0/22"})}, COUNT);
    CHECK(second == L({"10.1.2.0/24", "10.1.3.0/24", "10.1.4.0/24"}));
    const ResponderDecision d = Respond(b, P("10.0.0.0/24"), second, Embodiment::SECOND, COUNT);
    REQUIRE_FALSE(d.IsNak());
    CHECK(d.requesterTunnel == P("10.1.2.0/24"));
    // B's offers skip A's prefix and A's tunnel prefix only, not B's in-use list.
    CHECK(d.responderCandidates == L({"10.1.0.0/24", "10.1.1.0/24", "10.1.3.0/24"}));
    // A mix of in-use and inside B's prefix is IN_USE, not INSIDE_PEER_PREFIX.
    const GatewayView b2 = View("10.0.0.0/23", {"10.0.2.0/24"});
    CHECK(Respond(b2, P("10.0.0.0/24"), first, Embodiment::SECOND, COUNT).nak == NakCause::IN_USE);
}

TEST_CASE("A NAKs a RESPONSE whose candidates it cannot take", "[htip]")
{
    // Case 2 with A already reaching 10.0.2.0/24-10.0.4.0/24 elsewhere.
    const GatewayView a = View("10.0.0.0/24", {"10.0.2.0/24", "10.0.3.0/24", "10.0.4.0/24"});
    const GatewayView b = View("10.0.0.0/24");
    const auto candidates = RequestCandidates(a, std::nullopt, COUNT);
    CHECK(candidates == L({"10.0.0.0/24", "10.0.1.0/24", "10.0.5.0/24"}));
    const ResponderDecision d = Respond(b, a.own, candidates, Embodiment::SECOND, COUNT);
    REQUIRE_FALSE(d.IsNak());
    CHECK(d.requesterTunnel == P("10.0.1.0/24"));
    CHECK(d.responderCandidates == L({"10.0.2.0/24", "10.0.3.0/24", "10.0.4.0/24"}));
    CHECK_FALSE(ChooseResponderTunnel(a, d.requesterTunnel, b.own, d.responderCandidates));
    // Claims 13-14: B picks again, avoiding the in-use list of A's NAK.
    const auto again = ResponseCandidates(b, a.own, d.requesterTunnel, a.inUse, COUNT);
    CHECK(again == L({"10.0.5.0/24", "10.0.6.0/24", "10.0.7.0/24"}));
    const auto chosen = ChooseResponderTunnel(a, d.requesterTunnel, b.own, again);
    REQUIRE(chosen);
    CHECK(*chosen == P("10.0.5.0/24"));
    // Wrong lengths, host bits, A's prefix and A's tunnel prefix are refused.
    CHECK_FALSE(
        ChooseResponderTunnel(View("10.0.0.0/24"),
                              P("10.0.1.0/24"),
                              P("10.0.0.0/24"),
                              L({"10.0.8.0/23", "10.0.9.1/24", "10.0.0.0/24", "10.0.1.0/24"})));
}

TEST_CASE("BAD_CANDIDATE and the first embodiment's own-prefix rule", "[htip]")
{
    const GatewayView b = View("10.1.0.0/24", {"10.9.0.0/24"});
    for (Embodiment e : {Embodiment::FIRST, Embodiment::SECOND})
    {
        // No candidate has A's length (/24): /16, /25, and host bits set.
        const auto d =
            Respond(b, P("10.0.0.0/24"), L({"10.2.0.0/16", "10.3.0.0/25", "10.4.0.1/24"}), e, 3);
        CHECK(d.nak == NakCause::BAD_CANDIDATE);
        CHECK(d.inUse == L({"10.9.0.0/24"}));
        CHECK(Respond(b, P("10.0.0.0/24"), {}, e, COUNT).nak == NakCause::BAD_CANDIDATE);
        // A wrong-length candidate is passed over for a good one.
        const auto ok = Respond(b, P("10.0.0.0/24"), L({"10.2.0.0/16", "10.3.0.0/24"}), e, 3);
        REQUIRE_FALSE(ok.IsNak());
        CHECK(ok.requesterTunnel == P("10.3.0.0/24"));
    }
    // First embodiment, [0077]: A's own prefix alone, overlapping B's, is refused.
    CHECK(Respond(View("10.0.0.0/16"), P("10.0.0.0/24"), L({"10.0.0.0/24"}), Embodiment::FIRST, 3)
              .nak == NakCause::INSIDE_PEER_PREFIX);
    // ... also when it holds B's prefix rather than lying inside it.
    CHECK(Respond(View("10.0.0.0/24"), P("10.0.0.0/16"), L({"10.0.0.0/16"}), Embodiment::FIRST, 3)
              .nak == NakCause::INSIDE_PEER_PREFIX);
    CHECK(Respond(View("10.0.0.0/24"), P("10.0.0.0/16"), L({"10.0.0.0/16"}), Embodiment::SECOND, 3)
              .nak == NakCause::INSIDE_PEER_PREFIX);
    // ... while another candidate inside B's prefix is taken (first) or not (second).
    const auto cands = L({"10.0.0.0/24", "10.0.5.0/24"});
    CHECK(Respond(View("10.0.0.0/16"), P("10.0.0.0/24"), cands, Embodiment::FIRST, 3)
              .requesterTunnel == P("10.0.5.0/24"));
    CHECK(Respond(View("10.0.0.0/16"), P("10.0.0.0/24"), cands, Embodiment::SECOND, 3).nak ==
          NakCause::INSIDE_PEER_PREFIX);
}

TEST_CASE("CheckAgreement and the names", "[htip]")
{
    CHECK(CheckAgreement(P("10.0.0.0/24"), P("10.0.0.0/16"), P("10.2.0.0/24"), P("10.1.0.0/16"))
              .empty());
    const std::string hostBits =
        CheckAgreement(P("10.0.0.0/24"), P("10.0.0.0/24"), P("10.0.1.1/24"), P("10.0.2.0/24"));
    CHECK(hostBits.find("invalid requester tunnel prefix") != std::string::npos);
    Prefix tooLong = P("10.0.0.0/24");
    tooLong.length = 33;
    CHECK(CheckAgreement(tooLong, P("10.0.0.0/24"), P("10.0.1.0/24"), P("10.0.2.0/24"))
              .find("invalid requester prefix") != std::string::npos);
    CHECK(CheckAgreement(P("10.0.0.0/24"), tooLong, P("10.0.1.0/24"), P("10.0.2.0/24"))
              .find("invalid responder prefix") != std::string::npos);
    CHECK(CheckAgreement(P("10.0.0.0/24"), P("10.0.0.0/24"), P("10.0.1.0/24"), tooLong)
              .find("invalid responder tunnel prefix") != std::string::npos);
    CHECK(CheckAgreement(P("10.0.0.0/24"), P("10.0.0.0/24"), P("10.0.0.0/23"), P("10.0.2.0/24"))
              .find("requester tunnel prefix 10.0.0.0/23 differs in length") != std::string::npos);
    // [0106]'s slip, taken literally: B's /16 in the tunnel as a /24.
    CHECK(CheckAgreement(P("10.0.0.0/24"), P("10.0.0.0/16"), P("10.0.1.0/24"), P("10.1.0.0/24"))
              .find("responder tunnel prefix 10.1.0.0/24 differs in length") != std::string::npos);
    CHECK(CheckAgreement(P("10.0.0.0/24"), P("10.0.0.0/16"), P("10.1.5.0/24"), P("10.1.0.0/16"))
              .find("overlap") != std::string::npos);
    CHECK(EmbodimentName(Embodiment::FIRST) == "first");
    CHECK(EmbodimentName(Embodiment::SECOND) == "second");
    CHECK(NakCauseName(NakCause::NONE) == "none");
    CHECK(NakCauseName(NakCause::INSIDE_PEER_PREFIX) == "inside-peer-prefix");
    CHECK(NakCauseName(NakCause::IN_USE) == "in-use");
    CHECK(NakCauseName(NakCause::BAD_CANDIDATE) == "bad-candidate");
    CHECK(NakCauseName(NakCause::UNSUPPORTED_PROTOCOL) == "unsupported-protocol");
    CHECK(ResponderDecision{}.IsNak() == false);
}

namespace
{

/// A home gateway as the negotiation sees it: its LAN and its table.
struct Home
{
    std::string name;
    Ipv4Address address;
    Prefix own;
    ConnectionTable table;
};

struct Outcome
{
    bool ok = false;
    int requestNaks = 0;  ///< NAKs B sent to a REQUEST
    int responseNaks = 0; ///< NAKs A sent to a RESPONSE
};

/**
 * One negotiation of the second embodiment, A requesting, through the pure
 * functions as the engine calls them: REQUEST, NAK and a new REQUEST
 * ([0156]-[0157]), RESPONSE, NAK and a new RESPONSE (claims 13-14), ACK;
 * then both tables get their row ([0160]).
 */
Outcome
Negotiate(Home& a, Home& b, uint32_t count = COUNT, int rounds = 4)
{
    Outcome out;
    const GatewayView av = a.table.GetView(a.own);
    const GatewayView bv = b.table.GetView(b.own);
    std::optional<NakAdvice> advice;
    for (int r = 0; r < rounds; ++r)
    {
        const auto candidates = RequestCandidates(av, advice, count);
        if (candidates.empty())
        {
            return out;
        }
        ResponderDecision d = Respond(bv, a.own, candidates, Embodiment::SECOND, count);
        if (d.IsNak())
        {
            ++out.requestNaks;
            advice = NakAdvice{b.own, d.inUse};
            continue;
        }
        for (int s = 0; s < rounds; ++s)
        {
            const auto chosen =
                ChooseResponderTunnel(av, d.requesterTunnel, b.own, d.responderCandidates);
            if (chosen)
            {
                REQUIRE(CheckAgreement(a.own, b.own, d.requesterTunnel, *chosen).empty());
                Connection ra{b.name,
                              b.address,
                              1,
                              0,
                              PeerRole::SERVER,
                              a.own,
                              b.own,
                              d.requesterTunnel,
                              *chosen};
                Connection rb{a.name,
                              a.address,
                              1,
                              0,
                              PeerRole::CLIENT,
                              b.own,
                              a.own,
                              *chosen,
                              d.requesterTunnel};
                REQUIRE(a.table.Add(ra) == "");
                REQUIRE(b.table.Add(rb) == "");
                out.ok = true;
                return out;
            }
            ++out.responseNaks;
            d.responderCandidates =
                ResponseCandidates(bv, a.own, d.requesterTunnel, av.inUse, count);
            if (d.responderCandidates.empty())
            {
                return out;
            }
        }
        return out;
    }
    return out;
}

/// The invariants of claim 15 and [0079] on every home's table.
void
CheckHomes(const std::vector<Home>& homes)
{
    for (const Home& h : homes)
    {
        INFO(h.name << " " << h.own);
        std::vector<Prefix> seen{h.own};
        for (const Connection& row : h.table.GetRows())
        {
            INFO(row);
            for (const Prefix& p : seen)
            {
                CHECK(Disjoint(p, row.peerTunnel));
            }
            seen.push_back(row.peerTunnel);
            CHECK(Disjoint(row.ownTunnel, row.peerTunnel));
            CHECK(row.own == h.own);
            CHECK(row.ownTunnel.length == row.own.length);
            CHECK(row.peerTunnel.length == row.peer.length);
            const bool differ = row.own.network.Get() != row.ownTunnel.network.Get();
            CHECK(row.NeedsNat() == differ);
            CHECK(NeedsNat(row.own, row.ownTunnel) == differ);
            // The peer's row mirrors this one.
            const Home* peer = nullptr;
            for (const Home& o : homes)
            {
                if (o.address == row.peerAddress)
                {
                    peer = &o;
                }
            }
            REQUIRE(peer);
            const Connection* back = peer->table.Find(h.address);
            REQUIRE(back);
            CHECK(back->ownTunnel == row.peerTunnel);
            CHECK(back->peerTunnel == row.ownTunnel);
            CHECK(back->own == row.peer);
            CHECK(back->peer == row.own);
            CHECK(back->peerRole != row.peerRole);
        }
    }
}

Home
MakeHome(int i, const Prefix& own)
{
    return Home{"gw-" + std::to_string(i) + ".example",
                Ipv4Address(0xc0000200u + static_cast<uint32_t>(i)), // 192.0.2.i
                own,
                {}};
}

} // namespace

TEST_CASE("Claim 15: crossing tunnels among three homes with one prefix", "[htip]")
{
    // [0167], claim 15: A-B, A-C, then B-C, every home 10.0.0.0/24.
    std::vector<Home> homes{MakeHome(1, P("10.0.0.0/24")),
                            MakeHome(2, P("10.0.0.0/24")),
                            MakeHome(3, P("10.0.0.0/24"))};
    Home& a = homes[0];
    Home& b = homes[1];
    Home& c = homes[2];
    REQUIRE(Negotiate(a, b).ok); // case 2: A 10.0.1.0/24, B 10.0.2.0/24
    REQUIRE(Negotiate(a, c).ok);
    REQUIRE(Negotiate(b, c).ok);
    CheckHomes(homes);
    // Worked by hand from the rules: A-C, A offers 10.0.0/1/3 (10.0.2.0/24
    // is B for A's hosts), C takes 10.0.1.0/24 and offers 10.0.2/3/4, A
    // skips 10.0.2.0/24 and takes 10.0.3.0/24. B-C: B offers 10.0.0/2/3
    // (10.0.1.0/24 is A for B's hosts), C takes 10.0.2.0/24 (10.0.1.0/24 is
    // A for C's hosts) and offers 10.0.1/3/4; B takes 10.0.3.0/24.
    CHECK(a.table.Find(b.address)->peerTunnel == P("10.0.2.0/24"));
    CHECK(a.table.Find(c.address)->peerTunnel == P("10.0.3.0/24"));
    CHECK(b.table.Find(a.address)->peerTunnel == P("10.0.1.0/24"));
    CHECK(b.table.Find(c.address)->peerTunnel == P("10.0.3.0/24"));
    CHECK(c.table.Find(a.address)->peerTunnel == P("10.0.1.0/24"));
    CHECK(c.table.Find(b.address)->peerTunnel == P("10.0.2.0/24"));
    // A fourth home joins all three.
    homes.push_back(MakeHome(4, P("10.0.0.0/24")));
    for (int i = 0; i < 3; ++i)
    {
        REQUIRE(Negotiate(homes[3], homes[i]).ok);
    }
    CheckHomes(homes);
    CHECK(homes[3].table.GetSize() == 3);
}

TEST_CASE("Property: random homes never see two networks at one address", "[htip]")
{
    std::mt19937 rng(20041); // fixed seed
    const Prefix blocks[] = {P("10.0.0.0/8"), P("172.16.0.0/12"), P("192.168.0.0/16")};
    auto uniform = [&rng](uint32_t lo, uint32_t hi) {
        return std::uniform_int_distribution<uint32_t>(lo, hi)(rng);
    };
    auto randomPrefix = [&](const std::vector<Home>& homes) {
        // Half the time from an existing home: the same, a part or a whole of it.
        if (!homes.empty() && uniform(0, 1) == 0)
        {
            const Prefix base = homes[uniform(0, homes.size() - 1)].own;
            const uint8_t len = static_cast<uint8_t>(uniform(16, 28));
            const Prefix* block = nullptr;
            for (const Prefix& b : blocks)
            {
                if (Inside(base, b))
                {
                    block = &b;
                }
            }
            const uint8_t l = std::max(len, block->length);
            const uint32_t mask = ~uint32_t{0} << (32 - l);
            const uint32_t host = uniform(0, 0xffffffffu) & ~(~uint32_t{0} << (32 - base.length));
            return uniform(0, 2) == 0 ? base
                                      : Prefix(Ipv4Address((base.network.Get() | host) & mask), l);
        }
        // Else anywhere, 10/8 mostly and near its start, to collide often.
        const uint32_t which = uniform(0, 9);
        const Prefix block = which < 7 ? P("10.0.0.0/14") : blocks[(which - 6) % 3];
        const uint8_t len = static_cast<uint8_t>(uniform(std::max<uint32_t>(16, block.length), 28));
        const uint32_t mask = ~uint32_t{0} << (32 - len);
        const uint32_t offset = uniform(0, 0xffffffffu) & ~(~uint32_t{0} << (32 - block.length));
        return Prefix(Ipv4Address((block.network.Get() | offset) & mask), len);
    };
    int trialsWithRequestNak = 0;
    int trialsWithResponseNak = 0;
    int done = 0;
    int failed = 0;
    for (int trial = 0; trial < 2000; ++trial)
    {
        std::vector<Home> homes;
        const uint32_t n = uniform(3, 6);
        for (uint32_t i = 0; i < n; ++i)
        {
            homes.push_back(MakeHome(static_cast<int>(i), randomPrefix(homes)));
        }
        bool requestNak = false;
        bool responseNak = false;
        const uint32_t attempts = uniform(2, 10);
        for (uint32_t k = 0; k < attempts; ++k)
        {
            const uint32_t i = uniform(0, n - 1);
            const uint32_t j = uniform(0, n - 1);
            if (i == j || homes[i].table.Find(homes[j].address))
            {
                continue;
            }
            const Outcome o = Negotiate(homes[i], homes[j]);
            requestNak = requestNak || o.requestNaks > 0;
            responseNak = responseNak || o.responseNaks > 0;
            (o.ok ? done : failed)++;
            if (!o.ok)
            {
                // A failed negotiation leaves both tables as they were.
                CHECK_FALSE(homes[i].table.Find(homes[j].address));
                CHECK_FALSE(homes[j].table.Find(homes[i].address));
            }
        }
        CheckHomes(homes);
        trialsWithRequestNak += requestNak;
        trialsWithResponseNak += responseNak;
    }
    INFO("done " << done << " failed " << failed << " request NAK trials " << trialsWithRequestNak
                 << " response NAK trials " << trialsWithResponseNak);
    CHECK(trialsWithRequestNak > 20);
    CHECK(trialsWithResponseNak > 0);
    CHECK(done > 10 * failed);
}
