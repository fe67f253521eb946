// SPDX-License-Identifier: GPL-2.0-only
//
// htip::Engine: the seed's six ladders end to end, two engines against each
// other over the test wire (htip-engine-test-util.h). Every prefix expected
// below is typed from the seed's text (paragraph in the comment); where the
// seed slips (CHECKLIST.md, "Slips"), the value the header's documented rule
// gives is used and the slip named.
#include "htip-engine-test-util.h"

using namespace ns3;
using namespace ns3::htiptest;

namespace
{

/// The fields one message must carry, exactly: an unset field must be absent.
struct Expect
{
    uint8_t type = REQUEST;
    uint16_t round = 1;
    Ipv4Address from;
    std::optional<Prefix> a;    ///< requester prefix
    std::optional<Prefix> b;    ///< responder prefix
    std::optional<Prefix> aTun; ///< requester tunnel
    std::optional<Prefix> bTun; ///< responder tunnel
    std::optional<std::vector<Prefix>> aCand;
    std::optional<std::vector<Prefix>> bCand;
    std::optional<std::string> name;
    std::optional<NakCause> cause;
};

void
CheckMessage(const Net::Wired& w, const Expect& e, uint32_t id)
{
    const MessageHeader& m = w.message;
    INFO("message " << TypeName(m.GetType()) << " from " << w.from);
    CHECK(m.GetType() == e.type);
    CHECK(w.from == e.from);
    CHECK(m.GetRound() == e.round);
    CHECK(m.GetNegotiationId() == id);
    CHECK(m.GetVpnProtocol() == std::optional<uint8_t>(VPN_L2TP)); // [0121]: L2TP
    CHECK(m.GetRequesterPrefix() == e.a);
    CHECK(m.GetResponderPrefix() == e.b);
    CHECK(m.GetRequesterTunnel() == e.aTun);
    CHECK(m.GetResponderTunnel() == e.bTun);
    CHECK(m.HasRequesterCandidates() == e.aCand.has_value());
    if (e.aCand)
    {
        CHECK(m.GetRequesterCandidates() == *e.aCand);
    }
    CHECK(m.HasResponderCandidates() == e.bCand.has_value());
    if (e.bCand)
    {
        CHECK(m.GetResponderCandidates() == *e.bCand);
    }
    CHECK(m.GetGatewayName() == e.name);
    CHECK(m.GetNakCause() == e.cause);
    CHECK_FALSE(m.HasInUse());
}

Expect
Four(uint8_t type,
     uint16_t round,
     Ipv4Address from,
     const char* a,
     const char* b,
     const char* aTun,
     const char* bTun)
{
    Expect e;
    e.type = type;
    e.round = round;
    e.from = from;
    e.a = P(a);
    e.b = P(b);
    e.aTun = P(aTun);
    e.bTun = P(bTun);
    return e;
}

Expect
Request(uint16_t round, std::vector<Prefix> cand)
{
    Expect e;
    e.type = REQUEST;
    e.round = round;
    e.from = ADDR_A;
    e.a = P("10.0.0.0/24");
    e.aCand = cand;
    e.name = "gw-a.example";
    return e;
}

Expect
Response(uint16_t round, const char* b, std::vector<Prefix> bCand, const char* aTun)
{
    Expect e;
    e.type = RESPONSE;
    e.round = round;
    e.from = ADDR_B;
    e.b = P(b);
    e.bCand = bCand;
    e.a = P("10.0.0.0/24");
    e.aTun = P(aTun);
    return e;
}

constexpr uint32_t ID_A = 0x0a000001;
constexpr uint32_t ID_B = 0x0b000001;

/// Runs one negotiation A -> B from t = 0 for 10 s.
struct Pair
{
    Net net;
    Net::Gateway* a;
    Net::Gateway* b;

    Pair(const char* ownA, const char* ownB, Embodiment e)
    {
        a = &net.Add(Config("gw-a.example", ownA, e), ADDR_A, ID_A);
        b = &net.Add(Config("gw-b.example", ownB, e), ADDR_B, ID_B);
        net.StartAt(Seconds(0), ADDR_A, ADDR_B, "gw-b.example");
    }
};

/// The rows of [0125], [0142], [0160] at both gateways, mirrored.
void
CheckRows(Pair& p, const char* ownA, const char* ownB, const char* tunA, const char* tunB)
{
    INFO(p.net.Dump());
    REQUIRE(p.a->engine->GetTable().GetSize() == 1);
    REQUIRE(p.b->engine->GetTable().GetSize() == 1);
    const Connection& ra = p.a->engine->GetTable().GetRows().front();
    CHECK(ra.peerName == "gw-b.example");
    CHECK(ra.peerAddress == ADDR_B);
    CHECK(ra.vpnProtocol == VPN_L2TP);
    CHECK(ra.peerRole == PeerRole::SERVER); // "an item (a server) indicating the gateway B"
    CHECK(ra.tunnelId != 0);
    CHECK(ra.own == P(ownA));
    CHECK(ra.peer == P(ownB));
    CHECK(ra.ownTunnel == P(tunA));
    CHECK(ra.peerTunnel == P(tunB));
    const Connection& rb = p.b->engine->GetTable().GetRows().front();
    CHECK(rb.peerName == "gw-a.example");
    CHECK(rb.peerAddress == ADDR_A);
    CHECK(rb.vpnProtocol == VPN_L2TP);
    CHECK(rb.peerRole == PeerRole::CLIENT);
    CHECK(rb.tunnelId != 0);
    CHECK(rb.own == P(ownB));
    CHECK(rb.peer == P(ownA));
    CHECK(rb.ownTunnel == P(tunB));
    CHECK(rb.peerTunnel == P(tunA));
}

/// [0126]-[0127], claims 11-12: B prepares its server before READY; A starts its client after it.
void
CheckOrderSecond(Pair& p)
{
    const int ackIn = p.net.FirstIndex<PrepareServer>(ADDR_B);
    const int ready = p.net.FirstSend(ADDR_B, READY);
    const int client = p.net.FirstIndex<StartClient>(ADDR_A);
    REQUIRE(ackIn >= 0);
    REQUIRE(ready >= 0);
    REQUIRE(client >= 0);
    CHECK(p.net.FirstIndex<ConnectionAdded>(ADDR_B) < ackIn);
    CHECK(ackIn < ready);
    CHECK(ready < client);
    CHECK(p.net.log[static_cast<std::size_t>(client)].at >
          p.net.log[static_cast<std::size_t>(ready)].at);
    CHECK(p.net.ActionsOf<StartClient>(ADDR_A).size() == 1);
    CHECK(p.net.ActionsOf<PrepareServer>(ADDR_B).size() == 1);
}

/// [0082]: no READY; A's client follows its ACK, B's server follows the ACK it receives.
void
CheckOrderFirst(Pair& p)
{
    CHECK(p.net.FirstSend(ADDR_B, READY) == -1);
    const int ack = p.net.FirstSend(ADDR_A, ACK);
    const int client = p.net.FirstIndex<StartClient>(ADDR_A);
    const int server = p.net.FirstIndex<PrepareServer>(ADDR_B);
    REQUIRE(ack >= 0);
    REQUIRE(client > ack);
    REQUIRE(server > ack);
    CHECK(p.net.log[static_cast<std::size_t>(client)].at ==
          p.net.log[static_cast<std::size_t>(ack)].at);
}

void
CheckNoDrops(Pair& p)
{
    for (const Net::Logged& l : p.net.log)
    {
        INFO(Str(l.action));
        CHECK_FALSE(std::holds_alternative<MessageDropped>(l.action));
        CHECK_FALSE(std::holds_alternative<NegotiationFailed>(l.action));
    }
}

/// One round that ends in a tunnel, A (10.0.0.0/24) to B, as the exchange's
/// messages from w[first] on: A's REQUEST (A's prefix and candidates aCand),
/// B's RESPONSE (B's prefix ownB, candidates bCand, A's tunnel prefix tunA),
/// A's ACK with the four prefixes and, in the second embodiment, B's READY
/// with the same four.
struct Round
{
    uint16_t round;
    std::vector<Prefix> aCand;
    const char* ownB;
    std::vector<Prefix> bCand;
    const char* tunA;
    const char* tunB;
};

void
CheckRound(const std::vector<Net::Wired>& w, std::size_t first, const Round& r, Embodiment e)
{
    REQUIRE(w.size() == first + (e == Embodiment::SECOND ? 4 : 3));
    CheckMessage(w[first], Request(r.round, r.aCand), ID_A);
    CheckMessage(w[first + 1], Response(r.round, r.ownB, r.bCand, r.tunA), ID_A);
    CheckMessage(
        w[first + 2], Four(ACK, r.round, ADDR_A, "10.0.0.0/24", r.ownB, r.tunA, r.tunB), ID_A);
    if (e == Embodiment::SECOND)
    {
        CheckMessage(w[first + 3],
                     Four(READY, r.round, ADDR_B, "10.0.0.0/24", r.ownB, r.tunA, r.tunB),
                     ID_A);
    }
}

/// A one-round figure of cases 1 and 2: the round's messages, both rows
/// ([0081], [0095], [0125], [0142]), the order of the embodiment, no drops.
void
CheckFigure(Pair& p, const Round& r, Embodiment e)
{
    p.net.RunUntil(Seconds(10));
    CheckRound(p.net.Exchange(), 0, r, e);
    CheckRows(p, "10.0.0.0/24", r.ownB, r.tunA, r.tunB);
    if (e == Embodiment::SECOND)
    {
        CheckOrderSecond(p);
    }
    else
    {
        CheckOrderFirst(p);
    }
    CheckNoDrops(p);
}

/// [0077], [0091], [0104], [0121], [0138], [0155]: A's candidates of round 1.
std::vector<Prefix>
CandA()
{
    return Ps({"10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"});
}

} // namespace

/// The one-round figures of cases 1 and 2, both embodiments; nat: whether both rows need NAT.
struct OneRoundFigure
{
    const char* figure;
    const char* ownB;
    Embodiment embodiment;
    const char* bCand[3]; ///< B's candidates in the RESPONSE
    const char* tunA;
    const char* tunB;
    bool nat;
};

const OneRoundFigure ONE_ROUND_FIGURES[] = {
    // [0077]; [0078]: B 10.0.1.0/24, A as 10.0.0.0/24, B candidates 10.0.1.0/24, 10.0.2.0/24,
    // 10.0.3.0/24; [0079]; rows [0081]. No READY, client right after the ACK.
    {"Fig. 3, case 1 (first embodiment)",
     "10.0.1.0/24",
     Embodiment::FIRST,
     {"10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"},
     "10.0.0.0/24",
     "10.0.1.0/24",
     false},
    // [0091]; [0092]: B 10.0.0.0/24, A as 10.0.1.0/24, B candidates 10.0.2.0/24, 10.0.3.0/24,
    // 10.0.4.0/24; [0093]; rows [0095].
    {"Fig. 5, case 2 (first embodiment)",
     "10.0.0.0/24",
     Embodiment::FIRST,
     {"10.0.2.0/24", "10.0.3.0/24", "10.0.4.0/24"},
     "10.0.1.0/24",
     "10.0.2.0/24",
     true},
    // [0121]: L2TP, A's 10.0.0.0/24 and candidates CandA(). [0122]: B 10.0.1.0/24, B candidates
    // 10.0.1.0/24, 10.0.2.0/24, 10.0.3.0/24, A 10.0.0.0/24 in the tunnel as 10.0.0.0/24.
    // [0123] (B's tunnel prefix per [0125]: 10.0.1.0/24; no NAT), [0126] READY; rows [0125].
    {"Fig. 9, case 1 (second embodiment)",
     "10.0.1.0/24",
     Embodiment::SECOND,
     {"10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24"},
     "10.0.0.0/24",
     "10.0.1.0/24",
     false},
    // [0138]; [0139] (its list "10.0.2.0/24.10.0.4.0/24" is a slip; [0092] has 10.0.2.0/24,
    // 10.0.3.0/24, 10.0.4.0/24); A in the tunnel as 10.0.1.0/24. [0140], [0143]; rows [0142];
    // NAT at both ends ([0140], [0146]).
    {"Fig. 11, case 2 (second embodiment)",
     "10.0.0.0/24",
     Embodiment::SECOND,
     {"10.0.2.0/24", "10.0.3.0/24", "10.0.4.0/24"},
     "10.0.1.0/24",
     "10.0.2.0/24",
     true},
};

TEST_CASE("Figs. 3, 5, 9, 11, cases 1 and 2: one round, rows, order, NAT", "[htip]")
{
    for (const OneRoundFigure& f : ONE_ROUND_FIGURES)
    {
        DYNAMIC_SECTION(f.figure)
        {
            Pair p("10.0.0.0/24", f.ownB, f.embodiment);
            CheckFigure(
                p,
                Round{1, CandA(), f.ownB, Ps({f.bCand[0], f.bCand[1], f.bCand[2]}), f.tunA, f.tunB},
                f.embodiment);
            CHECK(p.a->engine->GetTable().GetRows().front().NeedsNat() == f.nat);
            CHECK(p.b->engine->GetTable().GetRows().front().NeedsNat() == f.nat);
            CHECK_FALSE(p.a->engine->NextDeadline().has_value());
            CHECK_FALSE(p.b->engine->NextDeadline().has_value());
        }
    }
}

TEST_CASE("Fig. 13, case 3 (second embodiment): nested prefixes, one NAK round", "[htip]")
{
    Pair p("10.0.0.0/24", "10.0.0.0/16", Embodiment::SECOND);
    p.net.RunUntil(Seconds(10));
    const auto w = p.net.Exchange();
    REQUIRE(w.size() == 6);
    CheckMessage(w[0], Request(1, CandA()), ID_A); // [0155]
    // [0156]: A's candidates and B's 10.0.0.0/16; no in-use list (B has no tunnel).
    Expect nak;
    nak.type = NAK;
    nak.from = ADDR_B;
    nak.aCand = CandA();
    nak.b = P("10.0.0.0/16");
    nak.cause = NakCause::INSIDE_PEER_PREFIX;
    CheckMessage(w[1], nak, ID_A);
    // [0157]: 10.2.0.0/24, 10.2.1.0/24, ... (the third by the same rule).
    // [0158]: B 10.0.0.0/16, A in the tunnel as 10.2.0.0/24; B's candidates "10.1.0.0/16,
    // 10.2.0.0/16, ..." -- 10.2.0.0/16 holds A's tunnel prefix 10.2.0.0/24, so the rule of
    // ResponseCandidates() skips it: 10.1.0.0/16, 10.3.0.0/16, 10.4.0.0/16. [0159], [0161].
    CheckRound(w,
               2,
               Round{2,
                     Ps({"10.2.0.0/24", "10.2.1.0/24", "10.2.2.0/24"}),
                     "10.0.0.0/16",
                     Ps({"10.1.0.0/16", "10.3.0.0/16", "10.4.0.0/16"}),
                     "10.2.0.0/24",
                     "10.1.0.0/16"},
               Embodiment::SECOND);
    CheckRows(p, "10.0.0.0/24", "10.0.0.0/16", "10.2.0.0/24", "10.1.0.0/16"); // [0160]
    CheckOrderSecond(p);
    CheckNoDrops(p);

    // One NAK round on each side's record, the tunnel up, nothing failed.
    const auto ra = p.a->engine->GetRecords();
    const auto rb = p.b->engine->GetRecords();
    REQUIRE(ra.size() == 1);
    REQUIRE(rb.size() == 1);
    CHECK(ra[0].requester);
    CHECK_FALSE(rb[0].requester);
    CHECK(ra[0].negotiationId == ID_A);
    CHECK(rb[0].negotiationId == ID_A);
    CHECK(ra[0].nakRounds == 1);
    CHECK(rb[0].nakRounds == 1);
    CHECK(ra[0].peerName == "gw-b.example");
    CHECK(rb[0].peerName == "gw-a.example");
    CHECK(ra[0].started == Seconds(0));
    // REQUEST at 0 s, NAK back at 20 ms, REQUEST 2 then, RESPONSE back at 40 ms: ACK (agreed)
    // at 40 ms, at B 10 ms later.
    CHECK(ra[0].agreed == std::optional<Time>(MilliSeconds(40)));
    CHECK(rb[0].agreed == std::optional<Time>(MilliSeconds(50)));
    CHECK(ra[0].tunnelUp.has_value());
    CHECK_FALSE(ra[0].failure.has_value());
    CHECK(ra[0].retransmissions == 0);
    const EngineCounters& ca = p.a->engine->GetCounters();
    CHECK(ca.sent[REQUEST] == 2);
    CHECK(ca.sent[ACK] == 1);
    CHECK(ca.received[NAK] == 1);
    CHECK(ca.received[RESPONSE] == 1);
    CHECK(ca.received[READY] == 1);
    const EngineCounters& cb = p.b->engine->GetCounters();
    CHECK(cb.sent[NAK] == 1);
    CHECK(cb.sent[RESPONSE] == 1);
    CHECK(cb.sent[READY] == 1);
    CHECK(cb.received[REQUEST] == 2);
    CHECK(cb.received[ACK] == 1);
}

TEST_CASE("Fig. 7, case 3 (first embodiment): nested, no NAK", "[htip]")
{
    Pair p("10.0.0.0/24", "10.0.0.0/16", Embodiment::FIRST);
    p.net.RunUntil(Seconds(10));
    // [0104]; [0105]: B 10.0.0.0/16, candidates 10.1.0.0/16, 10.2.0.0/16, 10.3.0.0/16; A as
    // 10.0.1.0/24 ([0074]); [0106] (its "10.1.0.0/24" is a slip for [0105]'s /16, as [0074]
    // has it).
    CheckRound(p.net.Exchange(),
               0,
               Round{1,
                     CandA(),
                     "10.0.0.0/16",
                     Ps({"10.1.0.0/16", "10.2.0.0/16", "10.3.0.0/16"}),
                     "10.0.1.0/24",
                     "10.1.0.0/16"},
               Embodiment::FIRST);
    // [0107]: A's row.
    REQUIRE(p.a->engine->GetTable().GetSize() == 1);
    const Connection& ra = p.a->engine->GetTable().GetRows().front();
    CHECK(ra.peerRole == PeerRole::SERVER);
    CHECK(ra.own == P("10.0.0.0/24"));
    CHECK(ra.peer == P("10.0.0.0/16"));
    CHECK(ra.ownTunnel == P("10.0.1.0/24"));
    CHECK(ra.peerTunnel == P("10.1.0.0/16"));
}

// B's row of Fig. 7 holds A's tunnel prefix 10.0.1.0/24 inside B's own
// 10.0.0.0/16 ([0074]): the first embodiment takes it as the seed does
// (ConnectionTable::Add's peerInsideOwn), and the tunnel comes up; what that
// does to B's hosts is the scenario's to show (doc/htip.md).
TEST_CASE("Fig. 7, case 3 (first embodiment): B takes the nested row, the tunnel comes up",
          "[htip]")
{
    Pair p("10.0.0.0/24", "10.0.0.0/16", Embodiment::FIRST);
    p.net.RunUntil(Seconds(100));
    INFO(p.net.Dump());
    CHECK(p.net.ActionsOf<NegotiationFailed>(ADDR_A).empty());
    CHECK(p.net.ActionsOf<NegotiationFailed>(ADDR_B).empty());
    REQUIRE(p.net.ActionsOf<PrepareServer>(ADDR_B).size() == 1);
    REQUIRE(p.b->engine->GetTable().GetSize() == 1);
    const Connection& rb = p.b->engine->GetTable().GetRows().front();
    CHECK(rb.peerRole == PeerRole::CLIENT);
    CHECK(rb.own == P("10.0.0.0/16"));
    CHECK(rb.peer == P("10.0.0.0/24"));
    CHECK(rb.ownTunnel == P("10.1.0.0/16"));
    CHECK(rb.peerTunnel == P("10.0.1.0/24"));
    CHECK(p.a->engine->GetTable().GetSize() == 1);
}

TEST_CASE("First embodiment: the ACK is repeated until TunnelUp, B answers copies with nothing",
          "[htip]")
{
    Pair p("10.0.0.0/24", "10.0.1.0/24", Embodiment::FIRST);
    p.net.tunnelDelay = MilliSeconds(2500); // the tunnel takes 2.5 s to come up
    p.net.RunUntil(Seconds(10));
    // ACK at 20 ms, again at 1.02 s and 3.02 s; the tunnel is up at 2.52 s.
    std::vector<Time> acks;
    for (const auto& w : p.net.sent)
    {
        if (w.message.GetType() == ACK)
        {
            acks.push_back(w.at);
            CHECK(w.message.GetRound() == 1);
        }
    }
    REQUIRE(acks.size() == 2);
    CHECK(acks[0] == MilliSeconds(20));
    CHECK(acks[1] == MilliSeconds(1020));
    const auto drops = p.net.ActionsOf<MessageDropped>(ADDR_B);
    REQUIRE(drops.size() == 1);
    CHECK(drops[0].type == ACK);
    CHECK(drops[0].reason == DropReason::DUPLICATE);
    CHECK(p.net.ActionsOf<PrepareServer>(ADDR_B).size() == 1);
    CHECK(p.a->engine->GetTable().GetRows().front().tunnelId != 0);
    CHECK(p.a->engine->GetCounters().retransmissions == 1);
}
