// SPDX-License-Identifier: GPL-2.0-only
//
// htip::Engine off the seed's happy path: retransmission and give-up, loss,
// copies and reordering, stale rounds, malformed and unexpected messages,
// refused peers, NAK storms, crossing requests, BUSY, tunnel loss, and
// claim 15's tunnels among three homes. Times follow from EngineConfig's
// defaults (first retransmission 1 s, doubling to 8 s, give-up 60 s) and the
// wire's 10 ms one-way delay.
#include "htip-engine-test-util.h"

using namespace ns3;
using namespace ns3::htiptest;

namespace
{

constexpr uint32_t ID_A = 0x0a000001;
constexpr uint32_t ID_B = 0x0b000001;
constexpr uint32_t ID_C = 0x0c000001;

/// A REQUEST as gateway A (10.0.0.0/24) sends it in round `round`.
MessageHeader
MakeRequest(uint32_t id, uint16_t round, std::vector<Prefix> cand, const std::string& name)
{
    MessageHeader m;
    m.SetType(REQUEST);
    m.SetNegotiationId(id);
    m.SetRound(round);
    m.SetVpnProtocol(VPN_L2TP);
    m.SetRequesterPrefix(P("10.0.0.0/24"));
    m.SetRequesterCandidates(cand);
    m.SetGatewayName(name);
    return m;
}

/// One member of every action of type T, in order (the messages sent, the drop reasons).
template <typename T, typename F>
std::vector<F>
Members(const Actions& actions, F T::*member)
{
    std::vector<F> out;
    for (const T& t : OfType<T>(actions))
    {
        out.push_back(t.*member);
    }
    return out;
}

std::vector<MessageHeader>
Sent(const Actions& actions)
{
    return Members(actions, &SendMessage::message);
}

std::vector<DropReason>
Drops(const Actions& actions)
{
    return Members(actions, &MessageDropped::reason);
}

/// An ACK as gateway A (10.0.0.0/24) sends it for L2TP, no round set.
MessageHeader
MakeAck(uint32_t id, const Prefix& b, const Prefix& aTun, const Prefix& bTun)
{
    MessageHeader m;
    m.SetType(ACK);
    m.SetNegotiationId(id);
    m.SetVpnProtocol(VPN_L2TP);
    m.SetRequesterPrefix(P("10.0.0.0/24"));
    m.SetResponderPrefix(b);
    m.SetRequesterTunnel(aTun);
    m.SetResponderTunnel(bTun);
    return m;
}

/// A NAK with cause IN_USE for negotiation `id`, round `round`.
MessageHeader
MakeInUseNak(uint32_t id, uint16_t round)
{
    MessageHeader m;
    m.SetType(NAK);
    m.SetNegotiationId(id);
    m.SetRound(round);
    m.SetNakCause(NakCause::IN_USE);
    return m;
}

/// A NAK storm's end: rounds 1-5 seen (maxNakRounds, 4, NAKs lead to
/// rounds 2-5; the fifth NAK ends it), and `last` holds NegotiationFailed
/// with NAK_LIMIT.
void
CheckNakLimit(const std::vector<uint16_t>& rounds, const Actions& last)
{
    CHECK(rounds == std::vector<uint16_t>{1, 2, 3, 4, 5});
    const auto failed = OfType<NegotiationFailed>(last);
    REQUIRE(failed.size() == 1);
    CHECK(failed[0].reason == FailReason::NAK_LIMIT);
}

/// Both rows of a negotiated pair, mirrored, with a tunnel ID.
void
CheckMirrored(Net& net, Ipv4Address x, Ipv4Address y)
{
    const Connection* rx = net.Get(x).engine->GetTable().Find(y);
    const Connection* ry = net.Get(y).engine->GetTable().Find(x);
    REQUIRE(rx != nullptr);
    REQUIRE(ry != nullptr);
    CHECK(rx->ownTunnel == ry->peerTunnel);
    CHECK(rx->peerTunnel == ry->ownTunnel);
    CHECK(rx->own == ry->peer);
    CHECK(rx->peerRole != ry->peerRole);
    CHECK(rx->tunnelId != 0);
    CHECK(ry->tunnelId != 0);
}

/// Claim 15: no two tunnel prefixes one gateway reaches overlap, none overlaps
/// its own LAN, and NAT exactly where own and tunnel prefix differ.
void
CheckNoCollision(const Engine& e)
{
    const auto& rows = e.GetTable().GetRows();
    for (std::size_t i = 0; i < rows.size(); ++i)
    {
        CHECK_FALSE(rows[i].peerTunnel.Overlaps(e.GetConfig().own));
        CHECK(rows[i].NeedsNat() == (rows[i].own != rows[i].ownTunnel));
        for (std::size_t j = i + 1; j < rows.size(); ++j)
        {
            CHECK_FALSE(rows[i].peerTunnel.Overlaps(rows[j].peerTunnel));
        }
    }
}

} // namespace

TEST_CASE("Silent peer: REQUEST at 0, 1, 3, 7, 15, 23, ... s, give-up at 60 s", "[htip]")
{
    Net net;
    auto& a = net.Add(Config("gw-a.example", "10.0.0.0/24"), ADDR_A, ID_A);
    net.StartAt(Seconds(0), ADDR_A, ADDR_B, "gw-b.example"); // nobody at ADDR_B
    net.RunUntil(Seconds(200));
    // Independent schedule: intervals 1, 2, 4, 8, 8, ... s while before 60 s.
    std::vector<Time> expected{Seconds(0)};
    double t = 0;
    double interval = 1;
    while (t + interval < 60)
    {
        t += interval;
        expected.push_back(Seconds(t));
        interval = std::min(2 * interval, 8.0);
    }
    std::vector<Time> times;
    for (const auto& w : net.sent)
    {
        CHECK(w.message.GetType() == REQUEST);
        CHECK(w.message.GetRound() == 1);
        CHECK(w.retransmission == (w.at != Seconds(0)));
        times.push_back(w.at);
    }
    CHECK(times == expected);
    CHECK(expected.size() == 10); // 0 1 3 7 15 23 31 39 47 55
    const auto failed = net.ActionsOf<NegotiationFailed>(ADDR_A);
    REQUIRE(failed.size() == 1);
    CHECK(failed[0].reason == FailReason::GIVE_UP);
    CHECK(failed[0].negotiationId == ID_A);
    CHECK(failed[0].peerName == "gw-b.example");
    CHECK(net.log.back().at == Seconds(60));
    CHECK(a.engine->GetTable().GetSize() == 0);
    CHECK_FALSE(a.engine->NextDeadline().has_value());
    const auto rec = a.engine->GetRecords();
    REQUIRE(rec.size() == 1);
    CHECK(rec[0].failure == std::optional<FailReason>(FailReason::GIVE_UP));
    CHECK(rec[0].ended == std::optional<Time>(Seconds(60)));
    CHECK(rec[0].retransmissions == 9);
    CHECK(a.engine->GetCounters().retransmissions == 9);
    CHECK(a.engine->GetCounters().sent[REQUEST] == 10);
    CHECK(a.engine->GetCounters().failures == 1);
}

TEST_CASE("Timer settings are honoured: 0.5 s doubling to 2 s, give-up at 10 s", "[htip]")
{
    EngineConfig c = Config("gw-a.example", "10.0.0.0/24");
    c.retransmitInitial = MilliSeconds(500);
    c.retransmitMax = Seconds(2);
    c.giveUpTime = Seconds(10);
    Engine a(c, [] {
        return ID_A;
    });
    std::vector<Time> times;
    Actions out = a.Start("gw-b.example", ADDR_B, Seconds(0));
    times.push_back(Seconds(0));
    while (auto next = a.NextDeadline())
    {
        out = a.Advance(*next);
        for (const SendMessage& s : OfType<SendMessage>(out))
        {
            CHECK(s.retransmission);
            times.push_back(*next);
        }
        if (!OfType<NegotiationFailed>(out).empty())
        {
            CHECK(*next == Seconds(10));
            CHECK(OfType<NegotiationFailed>(out)[0].reason == FailReason::GIVE_UP);
        }
    }
    // 0.5, then +1, +2, +2, ... s.
    const std::vector<Time> expected{Seconds(0),
                                     MilliSeconds(500),
                                     MilliSeconds(1500),
                                     MilliSeconds(3500),
                                     MilliSeconds(5500),
                                     MilliSeconds(7500),
                                     MilliSeconds(9500)};
    CHECK(times == expected);
    CHECK(a.GetRecords()[0].failure == std::optional<FailReason>(FailReason::GIVE_UP));
}

TEST_CASE("A responder whose requester vanished after a NAK gives up too", "[htip]")
{
    Engine b(Config("gw-b.example", "10.0.0.0/16"), [] {
        return ID_B;
    });
    const auto req = MakeRequest(ID_A, 1, Ps({"10.0.0.0/24"}), "gw-a.example");
    CHECK(Sent(b.Receive(ADDR_A, req, Seconds(2))).at(0).GetType() == NAK);
    CHECK(b.NextDeadline() == std::optional<Time>(Seconds(62)));
    CHECK(b.Advance(Seconds(61)).empty()); // B repeats nothing by timer
    const Actions out = b.Advance(Seconds(62));
    REQUIRE(OfType<NegotiationFailed>(out).size() == 1);
    CHECK(OfType<NegotiationFailed>(out)[0].reason == FailReason::GIVE_UP);
    CHECK(OfType<NegotiationFailed>(out)[0].peerName == "gw-a.example");
    CHECK_FALSE(b.NextDeadline().has_value());
    CHECK(b.GetRecords()[0].nakRounds == 1);
}

TEST_CASE("Server never ready: ACK repeated, both sides give up and drop their row", "[htip]")
{
    Net net;
    auto& a = net.Add(Config("gw-a.example", "10.0.0.0/24"), ADDR_A, ID_A);
    auto& b = net.Add(Config("gw-b.example", "10.0.1.0/24"), ADDR_B, ID_B);
    b.autoServerReady = false;
    net.StartAt(Seconds(0), ADDR_A, ADDR_B, "gw-b.example");
    net.RunUntil(Seconds(30));
    CHECK(a.engine->GetTable().GetSize() == 1);
    CHECK(b.engine->GetTable().GetSize() == 1);
    net.RunUntil(Seconds(100));
    INFO(net.Dump());
    CHECK(a.engine->GetTable().GetSize() == 0);
    CHECK(b.engine->GetTable().GetSize() == 0);
    CHECK(net.ActionsOf<ConnectionRemoved>(ADDR_A).size() == 1);
    CHECK(net.ActionsOf<ConnectionRemoved>(ADDR_B).size() == 1);
    const auto fa = net.ActionsOf<NegotiationFailed>(ADDR_A);
    const auto fb = net.ActionsOf<NegotiationFailed>(ADDR_B);
    REQUIRE(fa.size() == 1);
    REQUIRE(fb.size() == 1);
    CHECK(fa[0].reason == FailReason::GIVE_UP);
    CHECK(fb[0].reason == FailReason::GIVE_UP);
    // B's clock started with the first REQUEST, 10 ms after A's.
    CHECK(b.engine->GetRecords()[0].ended == std::optional<Time>(MilliSeconds(60010)));
    for (const auto& d : net.ActionsOf<MessageDropped>(ADDR_B))
    {
        CHECK(d.type == ACK);
        CHECK(d.reason == DropReason::DUPLICATE); // nothing to resend before READY
    }
    CHECK(net.ActionsOf<MessageDropped>(ADDR_B).size() == 9); // ACK copies at 1.02 ... 55.02 s
}

TEST_CASE("30 % loss: 200 negotiations with a fixed seed all come up within give-up", "[htip]")
{
    uint64_t retransmissions = 0;
    for (uint32_t seed = 1; seed <= 200; ++seed)
    {
        CAPTURE(seed);
        for (Embodiment e : {Embodiment::SECOND, Embodiment::FIRST})
        {
            Net net;
            net.loss = 0.3;
            net.rng.seed(seed);
            auto& a = net.Add(Config("gw-a.example", "10.0.0.0/24", e), ADDR_A, ID_A + seed);
            // Fig. 13's nested prefixes (a NAK round) in the second embodiment, Fig. 5's
            // identical ones in the first.
            const char* ownB = e == Embodiment::SECOND ? "10.0.0.0/16" : "10.0.0.0/24";
            auto& b = net.Add(Config("gw-b.example", ownB, e), ADDR_B, ID_B);
            net.StartAt(Seconds(0), ADDR_A, ADDR_B, "gw-b.example");
            net.RunUntil(Seconds(100));
            INFO(net.Dump());
            REQUIRE(a.engine->GetTable().GetSize() == 1);
            REQUIRE(b.engine->GetTable().GetSize() == 1);
            CheckMirrored(net, ADDR_A, ADDR_B);
            CHECK(net.ActionsOf<NegotiationFailed>(ADDR_A).empty());
            CHECK(net.ActionsOf<NegotiationFailed>(ADDR_B).empty());
            CHECK(net.ActionsOf<StartClient>(ADDR_A).size() == 1);
            CHECK(net.ActionsOf<PrepareServer>(ADDR_B).size() == 1);
            const auto rec = a.engine->GetRecords();
            REQUIRE(rec.size() == 1);
            REQUIRE(rec[0].tunnelUp.has_value());
            CHECK(*rec[0].tunnelUp < Seconds(60));
            retransmissions += a.engine->GetCounters().retransmissions;
        }
    }
    CHECK(retransmissions > 0);
}

TEST_CASE("Copies and reordering: answered again, no second state change", "[htip]")
{
    for (uint32_t seed = 1; seed <= 50; ++seed)
    {
        CAPTURE(seed);
        Net net;
        std::mt19937 jitterRng(seed);
        net.copies = [](const Net::Wired&) {
            return 2;
        };
        net.jitter = [&jitterRng](const Net::Wired&) {
            return MilliSeconds(std::uniform_int_distribution<int>(0, 1500)(jitterRng));
        };
        auto& a = net.Add(Config("gw-a.example", "10.0.0.0/24"), ADDR_A, ID_A);
        auto& b = net.Add(Config("gw-b.example", "10.0.0.0/16"), ADDR_B, ID_B);
        net.StartAt(Seconds(0), ADDR_A, ADDR_B, "gw-b.example");
        net.RunUntil(Seconds(100));
        INFO(net.Dump());
        CheckMirrored(net, ADDR_A, ADDR_B);
        // [0160]: the same agreement as without copies.
        const Connection& ra = a.engine->GetTable().GetRows().front();
        CHECK(ra.ownTunnel == P("10.2.0.0/24"));
        CHECK(ra.peerTunnel == P("10.1.0.0/16"));
        for (Ipv4Address g : {ADDR_A, ADDR_B})
        {
            CHECK(net.ActionsOf<ConnectionAdded>(g).size() == 1);
            CHECK(net.ActionsOf<NegotiationFailed>(g).empty());
            for (const auto& d : net.ActionsOf<MessageDropped>(g))
            {
                CHECK((d.reason == DropReason::DUPLICATE || d.reason == DropReason::STALE));
            }
        }
        CHECK(net.ActionsOf<StartClient>(ADDR_A).size() == 1);
        CHECK(net.ActionsOf<PrepareServer>(ADDR_B).size() == 1);
        CHECK(b.engine->GetRecords().size() == 1);
        CHECK(b.engine->GetCounters().received[REQUEST] >= 4); // two rounds, two copies each
        // Each REQUEST beyond the first of each round was answered again (the cached NAK
        // or RESPONSE, marked as such) or dropped as a copy.
        uint64_t answeredAgain = 0;
        for (const auto& s : net.ActionsOf<SendMessage>(ADDR_B))
        {
            const uint8_t t = s.message.GetType();
            answeredAgain += (s.retransmission && (t == NAK || t == RESPONSE)) ? 1 : 0;
        }
        uint64_t requestDrops = 0;
        for (const auto& d : net.ActionsOf<MessageDropped>(ADDR_B))
        {
            requestDrops += d.type == REQUEST ? 1 : 0;
        }
        CHECK(b.engine->GetCounters().received[REQUEST] == 2 + answeredAgain + requestDrops);
    }
}

TEST_CASE("A copied REQUEST gets the cached answer again, marked as a retransmission", "[htip]")
{
    Engine b(Config("gw-b.example", "10.0.0.0/24"), [] {
        return ID_B;
    });
    const auto req = MakeRequest(ID_A, 1, Ps({"10.0.0.0/24", "10.0.1.0/24"}), "gw-a.example");
    const Actions first = b.Receive(ADDR_A, req, Seconds(0));
    const Actions again = b.Receive(ADDR_A, req, Seconds(1));
    REQUIRE(OfType<SendMessage>(first).size() == 1);
    REQUIRE(OfType<SendMessage>(again).size() == 1);
    CHECK_FALSE(OfType<SendMessage>(first)[0].retransmission);
    CHECK(OfType<SendMessage>(again)[0].retransmission);
    CHECK(OfType<SendMessage>(again)[0].message == OfType<SendMessage>(first)[0].message);
    CHECK(OfType<SendMessage>(again)[0].message.GetType() == RESPONSE);
    CHECK(b.GetCounters().retransmissions == 1);
    CHECK(b.GetRecords().size() == 1);

    // ACK copies: nothing to resend while the server is being prepared, READY again after.
    const MessageHeader resp = OfType<SendMessage>(first)[0].message;
    const MessageHeader ack = MakeAck(
        ID_A, P("10.0.0.0/24"), *resp.GetRequesterTunnel(), resp.GetResponderCandidates().front());
    CHECK(OfType<PrepareServer>(b.Receive(ADDR_A, ack, Seconds(2))).size() == 1);
    CHECK(Drops(b.Receive(ADDR_A, ack, Seconds(3))) ==
          std::vector<DropReason>{DropReason::DUPLICATE});
    const auto ready = OfType<SendMessage>(b.ServerReady(ADDR_A, Seconds(4)));
    REQUIRE(ready.size() == 1);
    CHECK(ready[0].message.GetType() == READY);
    CHECK_FALSE(ready[0].retransmission);
    const auto again2 = OfType<SendMessage>(b.Receive(ADDR_A, ack, Seconds(5)));
    REQUIRE(again2.size() == 1);
    CHECK(again2[0].retransmission);
    CHECK(again2[0].message == ready[0].message);
    CHECK(b.ServerReady(ADDR_A, Seconds(6)).empty()); // only once
    CHECK(b.GetCounters().sent[READY] == 2);
}

TEST_CASE("Stale rounds are dropped once the next round runs", "[htip]")
{
    // B of Fig. 13 (10.0.0.0/16) driven by hand.
    Engine b(Config("gw-b.example", "10.0.0.0/16"), [] {
        return ID_B;
    });
    const auto r1 = MakeRequest(ID_A, 1, Ps({"10.0.0.0/24", "10.0.1.0/24"}), "gw-a.example");
    const auto r2 = MakeRequest(ID_A, 2, Ps({"10.2.0.0/24", "10.2.1.0/24"}), "gw-a.example");
    CHECK(Sent(b.Receive(ADDR_A, r1, Seconds(0))).at(0).GetType() == NAK);
    CHECK(Sent(b.Receive(ADDR_A, r2, Seconds(1))).at(0).GetType() == RESPONSE);
    const Actions late = b.Receive(ADDR_A, r1, Seconds(2));
    CHECK(Sent(late).empty());
    CHECK(Drops(late) == std::vector<DropReason>{DropReason::STALE});
    CHECK(b.GetCounters().dropped[static_cast<std::size_t>(DropReason::STALE)] == 1);

    // A: a copy of the round-1 NAK after round 2 started.
    Engine a(Config("gw-a.example", "10.0.0.0/24"), [] {
        return ID_A;
    });
    const auto req1 = Sent(a.Start("gw-b.example", ADDR_B, Seconds(0))).at(0);
    MessageHeader nak;
    nak.SetType(NAK);
    nak.SetNegotiationId(ID_A);
    nak.SetRound(1);
    nak.SetNakCause(NakCause::INSIDE_PEER_PREFIX);
    nak.SetRequesterCandidates(req1.GetRequesterCandidates());
    nak.SetResponderPrefix(P("10.0.0.0/16"));
    const auto req2 = Sent(a.Receive(ADDR_B, nak, Seconds(1)));
    REQUIRE(req2.size() == 1);
    CHECK(req2[0].GetRound() == 2);
    const Actions copy = a.Receive(ADDR_B, nak, Seconds(2));
    CHECK(Sent(copy).empty());
    CHECK(Drops(copy) == std::vector<DropReason>{DropReason::STALE});
    CHECK(a.GetRecords()[0].nakRounds == 1);
}

TEST_CASE("Malformed, unexpected, inconsistent and unsupported messages: counted and dropped",
          "[htip]")
{
    Engine b(Config("gw-b.example", "10.0.1.0/24"), [] {
        return ID_B;
    });
    // Malformed: the codec refuses four octets.
    Ptr<Packet> junk = Create<Packet>(reinterpret_cast<const uint8_t*>("\x01\x01\x00"), 3);
    MessageHeader h;
    junk->RemoveHeader(h, junk->GetSize());
    REQUIRE_FALSE(h.IsValid());
    const Actions m1 = b.Receive(ADDR_A, h, Seconds(0));
    const Actions m2 = b.ReceiveMalformed(ADDR_A, MessageHeader::BAD_TLV, Seconds(0));
    for (const Actions* m : {&m1, &m2})
    {
        REQUIRE(m->size() == 1);
        const auto d = OfType<MessageDropped>(*m).at(0);
        CHECK(d.reason == DropReason::MALFORMED);
        CHECK(d.type == 0);
        CHECK(d.from == ADDR_A);
    }
    CHECK(b.GetCounters().dropped[static_cast<std::size_t>(DropReason::MALFORMED)] == 2);

    // An ACK of no negotiation.
    MessageHeader ack = MakeAck(77, P("10.0.1.0/24"), P("10.0.0.0/24"), P("10.0.9.0/24"));
    CHECK(Drops(b.Receive(ADDR_A, ack, Seconds(0))) ==
          std::vector<DropReason>{DropReason::UNEXPECTED});

    // A REQUEST, then an ACK naming a tunnel prefix B never offered: INCONSISTENT, no row.
    const auto req = MakeRequest(77, 1, Ps({"10.0.0.0/24", "10.0.1.0/24"}), "gw-a.example");
    const auto resp = Sent(b.Receive(ADDR_A, req, Seconds(0))).at(0);
    REQUIRE(resp.GetType() == RESPONSE);
    CHECK(Drops(b.Receive(ADDR_A, ack, Seconds(0))) ==
          std::vector<DropReason>{DropReason::INCONSISTENT});
    CHECK(b.GetTable().GetSize() == 0);
    // READY towards a responder: UNEXPECTED.
    MessageHeader ready = ack;
    ready.SetType(READY);
    CHECK(Drops(b.Receive(ADDR_A, ready, Seconds(0))) ==
          std::vector<DropReason>{DropReason::UNEXPECTED});
    // The right ACK: the row and PrepareServer.
    ack.SetResponderTunnel(resp.GetResponderCandidates().front());
    const Actions ok = b.Receive(ADDR_A, ack, Seconds(0));
    CHECK(OfType<ConnectionAdded>(ok).size() == 1);
    CHECK(OfType<PrepareServer>(ok).size() == 1);

    // A REQUEST for PPTP from another gateway: a NAK naming the cause, no negotiation.
    auto pptp = MakeRequest(78, 1, Ps({"10.0.0.0/24", "10.0.2.0/24"}), "gw-c.example");
    pptp.SetVpnProtocol(VPN_PPTP);
    const Actions un = b.Receive(ADDR_C, pptp, Seconds(0));
    CHECK(Drops(un) == std::vector<DropReason>{DropReason::UNSUPPORTED});
    const auto nak = Sent(un);
    REQUIRE(nak.size() == 1);
    CHECK(nak[0].GetType() == NAK);
    CHECK(nak[0].GetNegotiationId() == 78);
    CHECK(nak[0].GetNakCause() == std::optional<NakCause>(NakCause::UNSUPPORTED_PROTOCOL));
    CHECK(nak[0].GetRequesterCandidates() == pptp.GetRequesterCandidates());
    CHECK(nak[0].GetResponderPrefix() == std::optional<Prefix>(P("10.0.1.0/24")));
    // B's in-use list now holds A's tunnel prefix (the row above).
    CHECK(nak[0].GetInUse() == Ps({"10.0.0.0/24"}));
    CHECK(b.GetRecords().size() == 1);

    // Requester: READY while REQUESTING is UNEXPECTED, a RESPONSE naming another own prefix
    // INCONSISTENT.
    Engine a(Config("gw-a.example", "10.0.0.0/24"), [] {
        return ID_A;
    });
    a.Start("gw-b.example", ADDR_B, Seconds(0));
    ready.SetNegotiationId(ID_A);
    CHECK(Drops(a.Receive(ADDR_B, ready, Seconds(0))) ==
          std::vector<DropReason>{DropReason::UNEXPECTED});
    MessageHeader bad = resp;
    bad.SetNegotiationId(ID_A);
    bad.SetRequesterPrefix(P("10.9.0.0/24"));
    CHECK(Drops(a.Receive(ADDR_B, bad, Seconds(0))) ==
          std::vector<DropReason>{DropReason::INCONSISTENT});
    CHECK(a.GetTable().GetSize() == 0);
}

TEST_CASE("Refused and spoofed peers get no answer", "[htip]")
{
    Engine b(Config("gw-b.example", "10.0.1.0/24"), [] {
        return ID_B;
    });
    b.SetPeerCheck([](const std::string& name, Ipv4Address from) {
        return name == "gw-a.example" && from == ADDR_A;
    });
    const auto fromC = MakeRequest(1, 1, Ps({"10.0.0.0/24"}), "gw-a.example"); // spoofed name
    const auto unknown = MakeRequest(2, 1, Ps({"10.0.0.0/24"}), "gw-x.example");
    for (const auto& [from, m] : {std::make_pair(ADDR_C, fromC), std::make_pair(ADDR_A, unknown)})
    {
        const Actions out = b.Receive(from, m, Seconds(0));
        CHECK(Sent(out).empty());
        CHECK(Drops(out) == std::vector<DropReason>{DropReason::REFUSED_PEER});
    }
    CHECK(b.GetRecords().empty());
    CHECK_FALSE(b.NextDeadline().has_value());
    const auto good = MakeRequest(3, 1, Ps({"10.0.0.0/24"}), "gw-a.example");
    CHECK(Sent(b.Receive(ADDR_A, good, Seconds(0))).size() == 1);
}

TEST_CASE("NAK storm: a peer that NAKs every REQUEST ends in NAK_LIMIT", "[htip]")
{
    EngineConfig config = Config("gw-a.example", "10.0.0.0/24");
    Engine a(config, [] {
        return ID_A;
    });
    auto out = Sent(a.Start("gw-b.example", ADDR_B, Seconds(0)));
    std::vector<uint16_t> rounds;
    Actions last;
    for (uint32_t i = 0; i < 10 && !out.empty(); ++i)
    {
        const MessageHeader& req = out.at(0);
        REQUIRE(req.GetType() == REQUEST);
        rounds.push_back(req.GetRound());
        MessageHeader nak = MakeInUseNak(req.GetNegotiationId(), req.GetRound());
        nak.SetRequesterCandidates(req.GetRequesterCandidates());
        nak.SetResponderPrefix(P("10.0.0.0/16"));
        last = a.Receive(ADDR_B, nak, Seconds(i + 1));
        out = Sent(last);
    }
    CheckNakLimit(rounds, last);
    CHECK(a.GetRecords()[0].nakRounds == 5);
    CHECK(a.GetRecords()[0].failure == std::optional<FailReason>(FailReason::NAK_LIMIT));
    CHECK_FALSE(a.NextDeadline().has_value());
}

TEST_CASE("NAK storm from the requester: the responder re-offers, then ends in NAK_LIMIT", "[htip]")
{
    Engine b(Config("gw-b.example", "10.0.0.0/24"), [] {
        return ID_B;
    });
    const auto req = MakeRequest(ID_A, 1, Ps({"10.0.0.0/24", "10.0.1.0/24"}), "gw-a.example");
    auto out = Sent(b.Receive(ADDR_A, req, Seconds(0)));
    std::vector<uint16_t> rounds;
    Actions last;
    std::vector<Prefix> refused;
    for (uint32_t i = 0; i < 10 && !out.empty(); ++i)
    {
        const MessageHeader& resp = out.at(0);
        REQUIRE(resp.GetType() == RESPONSE);
        rounds.push_back(resp.GetRound());
        // Each new offer avoids every prefix refused so far (the NAK's in-use list).
        for (const Prefix& c : resp.GetResponderCandidates())
        {
            for (const Prefix& r : refused)
            {
                CHECK_FALSE(c.Overlaps(r));
            }
        }
        refused.insert(refused.end(),
                       resp.GetResponderCandidates().begin(),
                       resp.GetResponderCandidates().end());
        MessageHeader nak = MakeInUseNak(ID_A, resp.GetRound());
        nak.SetResponderCandidates(resp.GetResponderCandidates());
        nak.SetRequesterPrefix(P("10.0.0.0/24"));
        nak.SetInUse(refused);
        last = b.Receive(ADDR_A, nak, Seconds(i + 1));
        out = Sent(last);
    }
    CheckNakLimit(rounds, last);
    CHECK(b.GetTable().GetSize() == 0);
}

TEST_CASE("Claims 13-14: A NAKs a RESPONSE whose candidates it already uses; B offers others",
          "[htip]")
{
    Net net;
    auto& a = net.Add(Config("gw-a.example", "10.0.0.0/24"), ADDR_A, ID_A);
    EngineConfig cb = Config("gw-b.example", "10.0.1.0/24");
    cb.candidateCount = 1;
    net.Add(cb, ADDR_B, ID_B);
    net.Add(Config("gw-c.example", "10.0.1.0/24"), ADDR_C, ID_C);
    // First A-C: C's hosts are 10.0.1.0/24 at A.
    net.StartAt(Seconds(0), ADDR_A, ADDR_C, "gw-c.example");
    net.StartAt(Seconds(5), ADDR_A, ADDR_B, "gw-b.example");
    net.RunUntil(Seconds(20));
    INFO(net.Dump());
    std::vector<Net::Wired> ab;
    for (const auto& w : net.Exchange())
    {
        if (w.from == ADDR_B || w.to == ADDR_B)
        {
            ab.push_back(w);
        }
    }
    REQUIRE(ab.size() == 6);
    // REQUEST: 10.0.1.0/24 is C's at A, so A's candidates skip it.
    CHECK(ab[0].message.GetRequesterCandidates() ==
          Ps({"10.0.0.0/24", "10.0.2.0/24", "10.0.3.0/24"}));
    CHECK(ab[1].message.GetType() == RESPONSE);
    CHECK(ab[1].message.GetResponderCandidates() == Ps({"10.0.1.0/24"}));
    const MessageHeader& nak = ab[2].message;
    CHECK(ab[2].from == ADDR_A);
    CHECK(nak.GetType() == NAK);
    CHECK(nak.GetRound() == 1);
    CHECK(nak.GetNakCause() == std::optional<NakCause>(NakCause::IN_USE));
    CHECK(nak.GetResponderCandidates() == Ps({"10.0.1.0/24"}));
    CHECK(nak.GetRequesterPrefix() == std::optional<Prefix>(P("10.0.0.0/24")));
    CHECK(nak.GetInUse() == Ps({"10.0.1.0/24"}));
    CHECK_FALSE(nak.HasRequesterCandidates());
    CHECK(ab[3].message.GetType() == RESPONSE);
    CHECK(ab[3].message.GetRound() == 2);
    CHECK(ab[3].message.GetResponderCandidates() == Ps({"10.0.2.0/24"}));
    CHECK(ab[4].message.GetType() == ACK);
    CHECK(ab[4].message.GetRound() == 2);
    CHECK(ab[4].message.GetResponderTunnel() == std::optional<Prefix>(P("10.0.2.0/24")));
    CHECK(ab[5].message.GetType() == READY);
    CHECK(ab[5].message.GetRound() == 2);
    CheckMirrored(net, ADDR_A, ADDR_B);
    CheckMirrored(net, ADDR_A, ADDR_C);
    CheckNoCollision(*a.engine);
    CHECK(net.Get(ADDR_B).engine->GetTable().Find(ADDR_A)->NeedsNat()); // 10.0.1.0 -> 10.0.2.0
}

TEST_CASE("Crossing requests: the lower negotiation ID wins, the other side answers it", "[htip]")
{
    for (bool aLower : {true, false})
    {
        CAPTURE(aLower);
        Net net;
        const uint32_t idA = aLower ? 0x10 : 0x30;
        auto& a = net.Add(Config("gw-a.example", "10.0.0.0/24"), ADDR_A, idA);
        auto& b = net.Add(Config("gw-b.example", "10.0.0.0/24"), ADDR_B, 0x20);
        net.StartAt(Seconds(0), ADDR_A, ADDR_B, "gw-b.example");
        net.StartAt(Seconds(0), ADDR_B, ADDR_A, "gw-a.example");
        net.RunUntil(Seconds(20));
        INFO(net.Dump());
        const Ipv4Address winner = aLower ? ADDR_A : ADDR_B;
        const Ipv4Address loser = aLower ? ADDR_B : ADDR_A;
        const auto failed = net.ActionsOf<NegotiationFailed>(loser);
        REQUIRE(failed.size() == 1);
        CHECK(failed[0].reason == FailReason::CROSSED);
        CHECK(failed[0].negotiationId == (aLower ? 0x20u : 0x30u));
        CHECK(net.ActionsOf<NegotiationFailed>(winner).empty());
        const auto drops = net.ActionsOf<MessageDropped>(winner);
        REQUIRE(drops.size() == 1);
        CHECK(drops[0].type == REQUEST);
        CHECK(drops[0].reason == DropReason::UNEXPECTED);
        CheckMirrored(net, ADDR_A, ADDR_B);
        CHECK(net.Get(winner).engine->GetTable().Find(loser)->peerRole == PeerRole::SERVER);
        CHECK(net.Get(loser).engine->GetTable().Find(winner)->peerRole == PeerRole::CLIENT);
        CHECK(a.engine->GetRecords().size() == (aLower ? 1u : 2u));
        CHECK(b.engine->GetRecords().size() == (aLower ? 2u : 1u));
    }
}

TEST_CASE("BUSY: a second Start for a peer in negotiation or with a tunnel", "[htip]")
{
    Net net;
    auto& a = net.Add(Config("gw-a.example", "10.0.0.0/24"), ADDR_A, ID_A);
    net.Add(Config("gw-b.example", "10.0.1.0/24"), ADDR_B, ID_B);
    net.StartAt(Seconds(0), ADDR_A, ADDR_B, "gw-b.example");
    net.StartAt(Seconds(0), ADDR_A, ADDR_B, "gw-b.example");
    net.RunUntil(Seconds(10));
    const auto failed = net.ActionsOf<NegotiationFailed>(ADDR_A);
    REQUIRE(failed.size() == 1);
    CHECK(failed[0].reason == FailReason::BUSY);
    CHECK(net.Exchange().size() == 4); // one negotiation only
    const Actions again = a.engine->Start("gw-b.example", ADDR_B, Seconds(10));
    REQUIRE(again.size() == 1);
    CHECK(OfType<NegotiationFailed>(again).at(0).reason == FailReason::BUSY);
    // B asking A while the tunnel is up: UNEXPECTED at A.
    const auto req = MakeRequest(0x99, 1, Ps({"10.0.1.0/24"}), "gw-b.example");
    CHECK(Drops(a.engine->Receive(ADDR_B, req, Seconds(10))) ==
          std::vector<DropReason>{DropReason::UNEXPECTED});
    CHECK(a.engine->GetCounters().failures == 2);
}

TEST_CASE("TunnelDown removes the row; a tunnel lost before it came up fails", "[htip]")
{
    Net net;
    auto& a = net.Add(Config("gw-a.example", "10.0.0.0/24"), ADDR_A, ID_A);
    auto& b = net.Add(Config("gw-b.example", "10.0.1.0/24"), ADDR_B, ID_B);
    net.StartAt(Seconds(0), ADDR_A, ADDR_B, "gw-b.example");
    net.RunUntil(Seconds(10));
    const Connection rowA = a.engine->GetTable().GetRows().at(0);
    const Actions downA = a.engine->TunnelDown(ADDR_B, Seconds(10));
    const Actions downB = b.engine->TunnelDown(ADDR_A, Seconds(10));
    REQUIRE(OfType<ConnectionRemoved>(downA).size() == 1);
    CHECK(OfType<ConnectionRemoved>(downA)[0].connection == rowA);
    CHECK(OfType<ConnectionRemoved>(downB).size() == 1);
    CHECK(OfType<NegotiationFailed>(downA).empty());
    CHECK(a.engine->GetTable().GetSize() == 0);
    CHECK(b.engine->GetTable().GetSize() == 0);
    CHECK(a.engine->GetRecords()[0].ended == std::optional<Time>(Seconds(10)));
    CHECK(a.engine->TunnelDown(ADDR_B, Seconds(11)).empty()); // nothing left
    // A new negotiation (new ID) works again.
    net.StartAt(Seconds(20), ADDR_A, ADDR_B, "gw-b.example");
    net.RunUntil(Seconds(30));
    CheckMirrored(net, ADDR_A, ADDR_B);
    CHECK(a.engine->GetRecords().size() == 2);
    CHECK(a.engine->GetRecords()[1].negotiationId == ID_A + 1);

    // Lost before up: the L2TP client takes long and the tunnel fails meanwhile.
    Net slow;
    slow.tunnelDelay = Seconds(30);
    auto& sa = slow.Add(Config("gw-a.example", "10.0.0.0/24"), ADDR_A, ID_A);
    slow.Add(Config("gw-b.example", "10.0.1.0/24"), ADDR_B, ID_B);
    slow.StartAt(Seconds(0), ADDR_A, ADDR_B, "gw-b.example");
    slow.RunUntil(Seconds(5));
    const Actions lost = sa.engine->TunnelDown(ADDR_B, Seconds(5));
    CHECK(OfType<ConnectionRemoved>(lost).size() == 1);
    REQUIRE(OfType<NegotiationFailed>(lost).size() == 1);
    CHECK(OfType<NegotiationFailed>(lost)[0].reason == FailReason::TUNNEL_FAILED);
}

TEST_CASE("A REQUEST with a new ID before the tunnel is up replaces the old negotiation", "[htip]")
{
    Engine b(Config("gw-b.example", "10.0.1.0/24"), [] {
        return ID_B;
    });
    const auto old = MakeRequest(1, 1, Ps({"10.0.0.0/24"}), "gw-a.example");
    const auto fresh = MakeRequest(2, 1, Ps({"10.0.0.0/24"}), "gw-a.example");
    b.Receive(ADDR_A, old, Seconds(0));
    const auto out = Sent(b.Receive(ADDR_A, fresh, Seconds(1)));
    REQUIRE(out.size() == 1);
    CHECK(out[0].GetType() == RESPONSE);
    CHECK(out[0].GetNegotiationId() == 2);
    const auto rec = b.GetRecords();
    REQUIRE(rec.size() == 2);
    CHECK(rec[0].ended == std::optional<Time>(Seconds(1)));
    CHECK_FALSE(rec[1].ended.has_value());
    // The old negotiation's ACK is no longer welcome.
    const MessageHeader ack = MakeAck(1, P("10.0.1.0/24"), P("10.0.0.0/24"), P("10.0.1.0/24"));
    CHECK(Drops(b.Receive(ADDR_A, ack, Seconds(2))) ==
          std::vector<DropReason>{DropReason::UNEXPECTED});
}

TEST_CASE("Claim 15: three homes set up crossing tunnels at once without collisions", "[htip]")
{
    using Set = std::array<const char*, 3>;
    for (const Set& owns : {Set{"10.0.0.0/24", "10.0.0.0/24", "10.0.0.0/24"},
                            Set{"10.0.0.0/24", "10.0.0.0/16", "10.0.1.0/24"},
                            Set{"192.168.0.0/24", "192.168.0.0/24", "192.168.1.0/24"}})
    {
        for (Embodiment e : {Embodiment::SECOND, Embodiment::FIRST})
        {
            CAPTURE(owns[0], owns[1], owns[2], EmbodimentName(e));
            Net net;
            net.Add(Config("gw-a.example", owns[0], e), ADDR_A, ID_A);
            net.Add(Config("gw-b.example", owns[1], e), ADDR_B, ID_B);
            net.Add(Config("gw-c.example", owns[2], e), ADDR_C, ID_C);
            net.StartAt(Seconds(0), ADDR_A, ADDR_B, "gw-b.example");
            net.StartAt(Seconds(0), ADDR_B, ADDR_C, "gw-c.example");
            net.StartAt(Seconds(0), ADDR_C, ADDR_A, "gw-a.example");
            net.RunUntil(Seconds(30));
            INFO(net.Dump());
            if (e == Embodiment::FIRST && std::string(owns[1]) == "10.0.0.0/16")
            {
                continue; // nested, first embodiment: B refuses the row (Fig. 7's test)
            }
            for (Ipv4Address g : {ADDR_A, ADDR_B, ADDR_C})
            {
                CHECK(net.Get(g).engine->GetTable().GetSize() == 2);
                CHECK(net.ActionsOf<NegotiationFailed>(g).empty());
                CheckNoCollision(*net.Get(g).engine);
            }
            CheckMirrored(net, ADDR_A, ADDR_B);
            CheckMirrored(net, ADDR_B, ADDR_C);
            CheckMirrored(net, ADDR_C, ADDR_A);
        }
    }
}
