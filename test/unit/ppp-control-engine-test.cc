// SPDX-License-Identifier: GPL-2.0-only
//
// LCP and IPCP engines (automaton + packets + option policy) without a
// simulator: two engines exchange encoded packets until nothing is left
// in flight. Covers RFC 1661 sections 5 and 6 (MRU, Magic-Number and its
// loop-back detection, Code-Reject, Protocol-Reject, Echo) and RFC 1332
// IP-Address assignment through Configure-Nak.
#include "codec-test-util.h"

#include "ns3/ppp-control-engine.h"
#include "ns3/ppp-ipcp-policy.h"
#include "ns3/ppp-lcp-policy.h"

#include <catch2/catch.hpp>
#include <deque>
#include <memory>

using namespace ns3;
using namespace ns3::ppp;
using ns3::codectest::Decode;
using ns3::codectest::Encode;
using ns3::codectest::FromHex;

namespace
{

using A = OptionFsm;

/// Deterministic "random" Magic-Numbers.
LcpPolicy::RandomSource
Counter(uint32_t start)
{
    return [n = start]() mutable {
        return n += 0x01000193;
    };
}

/// Encodes and decodes, as the wire would.
ControlHeader
Wire(const ControlHeader& packet)
{
    ControlHeader received(packet.GetProtocol());
    Decode(received, Encode(packet));
    REQUIRE(received.IsValid());
    return received;
}

struct Lcp
{
    explicit Lcp(uint32_t seed,
                 LcpPolicy::Config options = LcpPolicy::Config(),
                 A::Config config = A::Config())
        : Lcp(Counter(seed), options, config)
    {
    }

    Lcp(LcpPolicy::RandomSource random, LcpPolicy::Config options, A::Config config = A::Config())
    {
        auto p = std::make_unique<LcpPolicy>(options, std::move(random));
        policy = p.get();
        engine = std::make_unique<ControlEngine>(PROTOCOL_LCP, config, std::move(p));
    }

    LcpPolicy* policy;
    std::unique_ptr<ControlEngine> engine;
};

struct Ipcp
{
    Ipcp(const char* local, const char* peer, A::Config config = A::Config())
    {
        IpcpPolicy::Config options;
        options.localAddress = Ipv4Address(local);
        options.peerAddress = Ipv4Address(peer);
        auto p = std::make_unique<IpcpPolicy>(options);
        policy = p.get();
        engine = std::make_unique<ControlEngine>(PROTOCOL_IPCP, config, std::move(p));
    }

    IpcpPolicy* policy;
    std::unique_ptr<ControlEngine> engine;
};

/// Two engines joined by a lossless, ordered wire.
struct Link
{
    Link(ControlEngine& a, ControlEngine& b)
        : a(a)
        , b(b)
    {
    }

    void
    FromA(const ControlOutput& out)
    {
        for (const ControlHeader& p : out.send)
        {
            wire.push_back({true, Wire(p)});
            ++sentByA[p.GetCode()];
        }
        upA += out.HasLayer(A::TLU) ? 1 : 0;
    }

    void
    FromB(const ControlOutput& out)
    {
        for (const ControlHeader& p : out.send)
        {
            wire.push_back({false, Wire(p)});
            ++sentByB[p.GetCode()];
        }
        upB += out.HasLayer(A::TLU) ? 1 : 0;
    }

    /// Delivers until the wire is empty; returns the packets delivered.
    int
    Run(int limit = 200)
    {
        int delivered = 0;
        while (!wire.empty() && delivered < limit)
        {
            auto [toB, packet] = wire.front();
            wire.pop_front();
            ++delivered;
            if (toB)
            {
                FromB(b.Receive(packet));
            }
            else
            {
                FromA(a.Receive(packet));
            }
        }
        return delivered;
    }

    /// Both open, lower layer up, run to quiescence.
    int
    Open()
    {
        FromA(a.Open());
        FromB(b.Open());
        FromA(a.Up());
        FromB(b.Up());
        return Run();
    }

    ControlEngine& a;
    ControlEngine& b;
    std::deque<std::pair<bool, ControlHeader>> wire; ///< (to B?, packet)
    int sentByA[16] = {};
    int sentByB[16] = {};
    int upA = 0;
    int upB = 0;
};

} // namespace

TEST_CASE("PPP LCP: two ends reach Opened with MRU and Magic-Numbers", "[ppp]")
{
    LcpPolicy::Config small;
    small.mru = 1400;
    Lcp a(1, small);
    Lcp b(1000);
    Link link(*a.engine, *b.engine);
    CHECK(link.Open() == 4); // two requests, two acks
    CHECK(a.engine->GetState() == A::OPENED);
    CHECK(b.engine->GetState() == A::OPENED);
    CHECK(link.upA == 1);
    CHECK(link.upB == 1);
    CHECK(link.sentByA[CONFIGURE_REQUEST] == 1);
    CHECK(link.sentByA[CONFIGURE_ACK] == 1);
    // A requested MRU 1400 (not the default); B did not request one.
    CHECK(a.policy->GetLocalMru() == 1400);
    CHECK(b.policy->GetPeerMru() == 1400);
    CHECK(b.policy->GetLocalMru() == 1500);
    CHECK(a.policy->GetPeerMru() == 1500);
    CHECK(a.policy->GetLocalMagicNumber() != 0);
    CHECK(a.policy->GetLocalMagicNumber() == b.policy->GetPeerMagicNumber());
    CHECK(b.policy->GetLocalMagicNumber() == a.policy->GetPeerMagicNumber());
}

TEST_CASE("PPP LCP: unknown options are rejected, bad values Nak'd", "[ppp]")
{
    Lcp a(7);
    a.engine->Open();
    const ControlOutput up = a.engine->Up();
    REQUIRE(up.send.size() == 1);
    const uint8_t id = 42;
    // Authentication-Protocol (PAP), ACCM and PFC: rejected, unmodified,
    // in order (5.4); MRU and Magic-Number are not part of the Reject.
    ControlHeader request =
        ControlHeader::MakeConfigure(PROTOCOL_LCP,
                                     CONFIGURE_REQUEST,
                                     id,
                                     {ControlOption::MakeUint16(LCP_MRU, 1500),
                                      ControlOption::MakeUint16(LCP_AUTH_PROTOCOL, 0xC023),
                                      ControlOption::MakeUint32(LCP_ACCM, 0),
                                      ControlOption::MakeUint32(LCP_MAGIC_NUMBER, 0x12345678),
                                      ControlOption::MakeFlag(LCP_PFC)});
    ControlOutput out = a.engine->Receive(Wire(request));
    REQUIRE(out.send.size() == 1);
    CHECK(out.send[0].GetCode() == CONFIGURE_REJECT);
    CHECK(out.send[0].GetIdentifier() == id);
    REQUIRE(out.send[0].GetOptions().size() == 3);
    CHECK(out.send[0].GetOptions()[0].GetType() == LCP_AUTH_PROTOCOL);
    CHECK(out.send[0].GetOptions()[1].GetType() == LCP_ACCM);
    CHECK(out.send[0].GetOptions()[2].GetType() == LCP_PFC);
    CHECK(out.steps.back().event == A::RCR_MINUS);

    // MRU below 128 and Magic-Number 0: Nak'd with usable values (6.1, 6.4).
    request = ControlHeader::MakeConfigure(
        PROTOCOL_LCP,
        CONFIGURE_REQUEST,
        id + 1,
        {ControlOption::MakeUint16(LCP_MRU, 64), ControlOption::MakeUint32(LCP_MAGIC_NUMBER, 0)});
    out = a.engine->Receive(Wire(request));
    REQUIRE(out.send.size() == 1);
    CHECK(out.send[0].GetCode() == CONFIGURE_NAK);
    const ControlOption* mru = out.send[0].FindOption(LCP_MRU);
    const ControlOption* magic = out.send[0].FindOption(LCP_MAGIC_NUMBER);
    REQUIRE(mru);
    REQUIRE(magic);
    uint16_t mruValue = 0;
    uint32_t magicValue = 0;
    CHECK(mru->GetUint16(mruValue));
    CHECK(mruValue == LcpPolicy::MIN_MRU);
    CHECK(magic->GetUint32(magicValue));
    CHECK(magicValue != 0);
}

TEST_CASE("PPP LCP: a Configure-Reject of our option removes it", "[ppp]")
{
    LcpPolicy::Config options;
    options.mru = 1400;
    Lcp a(3, options);
    a.engine->Open();
    const ControlOutput up = a.engine->Up();
    REQUIRE(up.send.size() == 1);
    const ControlHeader& request = up.send[0];
    REQUIRE(request.GetOptions().size() == 2);
    // A Reject with a modified option is no answer to our request.
    ControlHeader reject = ControlHeader::MakeConfigure(PROTOCOL_LCP,
                                                        CONFIGURE_REJECT,
                                                        request.GetIdentifier(),
                                                        {ControlOption::MakeUint16(LCP_MRU, 1000)});
    ControlOutput out = a.engine->Receive(Wire(reject));
    CHECK(out.discard == "unexpected-configure-reject");
    CHECK(out.send.empty());
    // The right one: the next request lacks the MRU.
    reject.SetOptions({request.GetOptions()[0]});
    out = a.engine->Receive(Wire(reject));
    CHECK(out.discard.empty());
    REQUIRE(out.send.size() == 1);
    CHECK(out.send[0].GetCode() == CONFIGURE_REQUEST);
    CHECK(out.send[0].GetIdentifier() != request.GetIdentifier());
    CHECK(out.send[0].FindOption(LCP_MRU) == nullptr);
    CHECK(out.send[0].FindOption(LCP_MAGIC_NUMBER) != nullptr);
    // A second answer to the first request is discarded (5.2-5.4).
    out = a.engine->Receive(Wire(reject));
    CHECK_FALSE(out.discard.empty());
}

TEST_CASE("PPP LCP: a Configure-Ack must match our request", "[ppp]")
{
    Lcp a(5);
    a.engine->Open();
    const ControlHeader request = a.engine->Up().send.at(0);
    ControlHeader ack = request;
    ack.SetCode(CONFIGURE_ACK);
    ack.SetIdentifier(request.GetIdentifier() + 1);
    CHECK(a.engine->Receive(Wire(ack)).discard == "unexpected-configure-ack");
    ack.SetIdentifier(request.GetIdentifier());
    ack.SetOptions({});
    CHECK(a.engine->Receive(Wire(ack)).discard == "unexpected-configure-ack");
    ack.SetOptions(request.GetOptions());
    const ControlOutput out = a.engine->Receive(Wire(ack));
    CHECK(out.discard.empty());
    CHECK(a.engine->GetState() == A::ACK_RCVD);
}

TEST_CASE("PPP LCP: Magic-Number loop-back detection (RFC 1661 6.4)", "[ppp]")
{
    LcpPolicy::Config options;
    options.loopbackFail = 5;
    Lcp a(11, options);
    a.engine->Open();
    std::deque<ControlHeader> loop;
    for (const ControlHeader& p : a.engine->Up().send)
    {
        loop.push_back(Wire(p));
    }
    // Everything A sends comes back to A.
    int delivered = 0;
    int naks = 0;
    while (!loop.empty() && !a.policy->IsLoopedBack() && delivered < 100)
    {
        const ControlHeader p = loop.front();
        loop.pop_front();
        ++delivered;
        const ControlOutput out = a.engine->Receive(p);
        for (const ControlHeader& q : out.send)
        {
            if (q.GetCode() == CONFIGURE_NAK)
            {
                // Its own Magic-Number came back: Nak'd with another one.
                ++naks;
                REQUIRE(q.FindOption(LCP_MAGIC_NUMBER));
            }
            CHECK(q.GetCode() != CONFIGURE_ACK); // never agrees with itself
            loop.push_back(Wire(q));
        }
    }
    CHECK(a.policy->IsLoopedBack());
    CHECK(a.policy->GetLoopCount() == 5);
    CHECK(naks == 5);
    CHECK(a.engine->GetState() != A::OPENED);

    // Between two real peers, a Magic-Number collision is resolved by one
    // Nak each and counts as no loop-back.
    auto collideFirst = [](uint32_t then) {
        return [first = true, next = Counter(then)]() mutable {
            if (first)
            {
                first = false;
                return 0x0BADCAFEU;
            }
            return next();
        };
    };
    Lcp b(collideFirst(100), options);
    Lcp c(collideFirst(200), options);
    Link link(*b.engine, *c.engine);
    link.Open();
    CHECK(b.engine->GetState() == A::OPENED);
    CHECK(c.engine->GetState() == A::OPENED);
    CHECK(b.policy->GetLocalMagicNumber() != 0x0BADCAFEU);
    CHECK(b.policy->GetLocalMagicNumber() != c.policy->GetLocalMagicNumber());
    CHECK(b.policy->GetPeerMagicNumber() == c.policy->GetLocalMagicNumber());
    CHECK(link.sentByA[CONFIGURE_NAK] == 1);
    CHECK(link.sentByB[CONFIGURE_NAK] == 1);
    CHECK(b.policy->GetLoopCount() == 0);
    CHECK_FALSE(b.policy->IsLoopedBack());
}

TEST_CASE("PPP LCP: Echo, Discard, Code-Reject and Protocol-Reject", "[ppp]")
{
    Lcp a(21);
    Lcp b(22);
    Link link(*a.engine, *b.engine);
    link.Open();
    REQUIRE(a.engine->GetState() == A::OPENED);
    const uint32_t magicA = a.policy->GetLocalMagicNumber();
    const uint32_t magicB = b.policy->GetLocalMagicNumber();

    // 5.8: Echo-Request answered with our Magic-Number and the same data.
    ControlOutput out =
        a.engine->Receive(Wire(ControlHeader::MakeEcho(ECHO_REQUEST, 9, magicB, {1, 2, 3})));
    REQUIRE(out.send.size() == 1);
    CHECK(out.send[0].GetCode() == ECHO_REPLY);
    CHECK(out.send[0].GetIdentifier() == 9);
    CHECK(out.send[0].GetMagicNumber() == magicA);
    CHECK(out.send[0].GetData() == std::vector<uint8_t>{1, 2, 3});
    // An Echo-Reply is reported for keepalive; our own Magic-Number in it
    // means a loop.
    out = a.engine->Receive(Wire(ControlHeader::MakeEcho(ECHO_REPLY, 9, magicB)));
    CHECK(out.echoReply);
    CHECK(out.send.empty());
    out = a.engine->Receive(Wire(ControlHeader::MakeEcho(ECHO_REPLY, 9, magicA)));
    CHECK_FALSE(out.echoReply);
    CHECK(out.discard == "own-echo-reply");
    // 5.9: Discard-Request is silently discarded.
    out = a.engine->Receive(Wire(ControlHeader::MakeEcho(DISCARD_REQUEST, 3, magicB)));
    CHECK(out.send.empty());
    CHECK(a.engine->GetState() == A::OPENED);

    // 5.6: unknown code -> Code-Reject carrying the packet.
    ControlHeader unknown(PROTOCOL_LCP, 0x20, 77);
    unknown.SetData({0xAA, 0xBB});
    out = a.engine->Receive(Wire(unknown));
    REQUIRE(out.send.size() == 1);
    CHECK(out.send[0].GetCode() == CODE_REJECT);
    CHECK(out.send[0].GetData() == FromHex("20 4d 0006 aabb"));
    CHECK(a.engine->GetState() == A::OPENED);

    // Code-Reject of an Echo-Request: RXJ+, stays Opened.
    ControlHeader codeReject(PROTOCOL_LCP, CODE_REJECT, 5);
    codeReject.SetData(FromHex("09 01 0008 00000001"));
    out = a.engine->Receive(Wire(codeReject));
    CHECK(out.steps.back().event == A::RXJ_PLUS);
    CHECK(a.engine->GetState() == A::OPENED);

    // 5.7: Protocol-Reject of IPCP is reported; of LCP it is catastrophic.
    out = a.engine->Receive(
        Wire(ControlHeader::MakeProtocolReject(6, PROTOCOL_IPCP, FromHex("01 01 0004"))));
    CHECK(out.rejectedProtocol == PROTOCOL_IPCP);
    CHECK(a.engine->GetState() == A::OPENED);
    out = a.engine->Receive(Wire(ControlHeader::MakeProtocolReject(7, PROTOCOL_LCP, {})));
    CHECK(out.steps.back().event == A::RXJ_MINUS);
    CHECK(out.HasLayer(A::TLD));
    REQUIRE(out.send.size() == 1);
    CHECK(out.send[0].GetCode() == TERMINATE_REQUEST);
    CHECK(a.engine->GetState() == A::STOPPING);

    // Code-Reject of a Configure-Request is catastrophic too.
    Lcp c(31);
    c.engine->Open();
    c.engine->Up();
    codeReject.SetData(FromHex("01 01 0004"));
    out = c.engine->Receive(Wire(codeReject));
    CHECK(out.HasLayer(A::TLF));
    CHECK(c.engine->GetState() == A::STOPPED);
}

TEST_CASE("PPP LCP: Echo and Protocol-Reject are ignored outside Opened", "[ppp]")
{
    Lcp a(41);
    a.engine->Open();
    a.engine->Up();
    ControlOutput out = a.engine->Receive(Wire(ControlHeader::MakeEcho(ECHO_REQUEST, 1, 5)));
    CHECK(out.send.empty());
    CHECK(a.engine->GetState() == A::REQ_SENT);
    out = a.engine->Receive(Wire(ControlHeader::MakeProtocolReject(2, PROTOCOL_IPCP, {})));
    CHECK(out.discard == "protocol-reject-not-opened");
}

TEST_CASE("PPP LCP: Close runs Terminate-Request / Terminate-Ack", "[ppp]")
{
    Lcp a(51);
    Lcp b(52);
    Link link(*a.engine, *b.engine);
    link.Open();
    link.FromA(a.engine->Close());
    link.Run();
    CHECK(link.sentByA[TERMINATE_REQUEST] == 1);
    CHECK(link.sentByB[TERMINATE_ACK] == 1);
    CHECK(a.engine->GetState() == A::CLOSED);
    CHECK(b.engine->GetState() == A::STOPPING); // waits one restart period
    const ControlOutput out = b.engine->Timeout();
    CHECK(out.HasLayer(A::TLF));
    CHECK(b.engine->GetState() == A::STOPPED);
}

TEST_CASE("PPP IPCP: configured addresses are acknowledged", "[ppp]")
{
    Ipcp a("10.0.0.1", "0.0.0.0");
    Ipcp b("10.0.0.2", "0.0.0.0");
    Link link(*a.engine, *b.engine);
    CHECK(link.Open() == 4);
    CHECK(a.engine->GetState() == A::OPENED);
    CHECK(b.engine->GetState() == A::OPENED);
    CHECK(a.policy->GetLocalAddress() == Ipv4Address("10.0.0.1"));
    CHECK(a.policy->GetPeerAddress() == Ipv4Address("10.0.0.2"));
    CHECK(b.policy->GetLocalAddress() == Ipv4Address("10.0.0.2"));
    CHECK(b.policy->GetPeerAddress() == Ipv4Address("10.0.0.1"));
}

TEST_CASE("PPP IPCP: address assignment via Configure-Nak (RFC 1332 3.3)", "[ppp]")
{
    // A asks (0.0.0.0); B gives 10.1.1.2 and has 10.1.1.1 itself.
    Ipcp a("0.0.0.0", "0.0.0.0");
    Ipcp b("10.1.1.1", "10.1.1.2");
    Link link(*a.engine, *b.engine);
    CHECK(link.Open() == 6); // A's request, B's Nak, A's request, B's Ack; B's pair
    CHECK(link.sentByB[CONFIGURE_NAK] == 1);
    CHECK(link.sentByA[CONFIGURE_REQUEST] == 2);
    CHECK(a.engine->GetState() == A::OPENED);
    CHECK(b.engine->GetState() == A::OPENED);
    CHECK(a.policy->GetLocalAddress() == Ipv4Address("10.1.1.2"));
    CHECK(a.policy->GetPeerAddress() == Ipv4Address("10.1.1.1"));
    CHECK(b.policy->GetPeerAddress() == Ipv4Address("10.1.1.2"));

    SECTION("the Nak carries the address; the next request asks for it")
    {
        Ipcp c("0.0.0.0", "0.0.0.0");
        Ipcp d("10.1.1.1", "10.1.1.9");
        c.engine->Open();
        const ControlHeader request = c.engine->Up().send.at(0);
        Ipv4Address asked;
        REQUIRE(request.FindOption(IPCP_IP_ADDRESS));
        request.FindOption(IPCP_IP_ADDRESS)->GetAddress(asked);
        CHECK(asked == Ipv4Address::GetAny());
        d.engine->Open();
        d.engine->Up();
        const ControlOutput answer = d.engine->Receive(Wire(request));
        const ControlHeader* nak = answer.FindSent(CONFIGURE_NAK);
        REQUIRE(nak);
        Ipv4Address given;
        nak->FindOption(IPCP_IP_ADDRESS)->GetAddress(given);
        CHECK(given == Ipv4Address("10.1.1.9"));
        const ControlOutput next = c.engine->Receive(Wire(*nak));
        const ControlHeader* again = next.FindSent(CONFIGURE_REQUEST);
        REQUIRE(again);
        again->FindOption(IPCP_IP_ADDRESS)->GetAddress(asked);
        CHECK(asked == Ipv4Address("10.1.1.9"));
    }
    SECTION("a peer leaving the option out is Nak'd once with its address")
    {
        Ipcp e("10.1.1.1", "10.1.1.7");
        e.engine->Open();
        e.engine->Up();
        ControlHeader bare = ControlHeader::MakeConfigure(PROTOCOL_IPCP, CONFIGURE_REQUEST, 1, {});
        ControlOutput out = e.engine->Receive(Wire(bare));
        const ControlHeader* nak = out.FindSent(CONFIGURE_NAK);
        REQUIRE(nak);
        REQUIRE(nak->FindOption(IPCP_IP_ADDRESS));
        bare.SetIdentifier(2);
        out = e.engine->Receive(Wire(bare));
        CHECK(out.FindSent(CONFIGURE_ACK));
        CHECK(e.policy->GetPeerAddress() == Ipv4Address("10.1.1.7"));
    }
    SECTION("nobody to ask: 0.0.0.0 is rejected")
    {
        Ipcp f("10.1.1.1", "0.0.0.0");
        f.engine->Open();
        f.engine->Up();
        const ControlOutput out = f.engine->Receive(Wire(ControlHeader::MakeConfigure(
            PROTOCOL_IPCP,
            CONFIGURE_REQUEST,
            1,
            {ControlOption::MakeAddress(IPCP_IP_ADDRESS, Ipv4Address::GetAny()),
             ControlOption::MakeAddress(IPCP_PRIMARY_DNS, Ipv4Address::GetAny())})));
        const ControlHeader* reject = out.FindSent(CONFIGURE_REJECT);
        REQUIRE(reject);
        CHECK(reject->GetOptions().size() == 2);
    }
}

TEST_CASE("PPP IPCP: Max-Failure turns Naks into Rejects", "[ppp]")
{
    // B insists on giving 10.2.0.2, A insists on 10.2.0.99 and ignores the
    // Nak; after Max-Failure Naks B rejects the option instead.
    A::Config config;
    config.maxFailure = 3;
    config.maxConfigure = 50;
    Ipcp b("10.2.0.1", "10.2.0.2", config);
    b.engine->Open();
    b.engine->Up();
    const ControlHeader insist = ControlHeader::MakeConfigure(
        PROTOCOL_IPCP,
        CONFIGURE_REQUEST,
        1,
        {ControlOption::MakeAddress(IPCP_IP_ADDRESS, Ipv4Address("10.2.0.99"))});
    int naks = 0;
    int rejects = 0;
    for (uint8_t id = 1; id <= 5; ++id)
    {
        ControlHeader request = insist;
        request.SetIdentifier(id);
        const ControlOutput out = b.engine->Receive(Wire(request));
        naks += out.FindSent(CONFIGURE_NAK) ? 1 : 0;
        rejects += out.FindSent(CONFIGURE_REJECT) ? 1 : 0;
    }
    CHECK(naks == 3);
    CHECK(rejects == 2);
}

TEST_CASE("PPP NCP: a Protocol-Reject of IPCP stops it without a packet", "[ppp]")
{
    Ipcp a("10.0.0.1", "0.0.0.0");
    Ipcp b("10.0.0.2", "0.0.0.0");
    Link link(*a.engine, *b.engine);
    link.Open();
    REQUIRE(a.engine->GetState() == A::OPENED);
    const ControlOutput out = a.engine->ProtocolRejected();
    CHECK(out.HasLayer(A::TLD));
    CHECK(out.send.empty());
    CHECK(a.engine->GetState() == A::STARTING);
    // LCP's next tlu brings it back.
    CHECK(a.engine->Up().FindSent(CONFIGURE_REQUEST));
}

TEST_CASE("PPP NCP: codes 8-11 are unknown codes for IPCP", "[ppp]")
{
    Ipcp a("10.0.0.1", "0.0.0.0");
    a.engine->Open();
    a.engine->Up();
    ControlHeader echo(PROTOCOL_IPCP, ECHO_REQUEST, 4);
    echo.SetData({0, 0, 0, 0});
    const ControlOutput out = a.engine->Receive(Wire(echo));
    CHECK(out.steps.back().event == A::RUC);
    REQUIRE(out.FindSent(CODE_REJECT));
    CHECK(out.FindSent(CODE_REJECT)->GetProtocol() == PROTOCOL_IPCP);
}

TEST_CASE("PPP LCP: retransmissions keep Identifier and options", "[ppp]")
{
    Lcp a(61);
    a.engine->Open();
    const ControlHeader first = a.engine->Up().send.at(0);
    const ControlOutput out = a.engine->Timeout();
    REQUIRE(out.send.size() == 1);
    CHECK(out.send[0] == first);
    CHECK(out.startTimer);
}
