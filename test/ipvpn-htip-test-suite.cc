// SPDX-License-Identifier: GPL-2.0-only
//
// htip::Processor on home gateways in a small network (test/ipvpn-htip-test-net.h):
// the tunnel between two homes of the same prefix (seed 004 Fig. 5/6, case 2),
// its rows, route and 1:1 NAT, data and DNS through it; its teardown; the
// REQUEST checks (VerifyPeers, AcceptFrom, malformed datagrams); a silent
// peer (retransmission and give-up); three homes (claim 15); and tshark's
// decode of the ISP link (pcap-check, the Lua dissector).
#include "ipvpn-htip-test-net.h"
#include "ipvpn-pcap-check.h"

#include "ns3/dns-stub-resolver.h"
#include "ns3/ipvpn-routing-protocol.h"
#include "ns3/l2tp-control-connection.h"
#include "ns3/test.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

using namespace ns3;
using namespace ipvpntest;

namespace
{

const Ipv4Address HOST_A("10.0.0.4");        // seed 004: host A
const Ipv4Address HOST_B("10.0.0.5");        // host B ([0151]: 10.0.2.5 -> 10.0.0.5)
const Ipv4Address HOST_A_TUNNEL("10.0.1.4"); // [0150]: 10.0.0.4 seen as 10.0.1.4
const Ipv4Address HOST_B_TUNNEL("10.0.2.5"); // [0149]: host B's address in the tunnel
const htip::Prefix LAN(Ipv4Address("10.0.0.0"), 24);
const htip::Prefix A_TUNNEL(Ipv4Address("10.0.1.0"), 24); // [0095], [0146]
const htip::Prefix B_TUNNEL(Ipv4Address("10.0.2.0"), 24); // [0149]

bool
PrefixOk(const htip::Prefix& p, const char* text)
{
    auto q = htip::Prefix::Parse(text);
    return q && *q == p;
}

// ------------------------------------------------------------------ case 2

class TwoHomesTestCase : public TestCase
{
  public:
    TwoHomesTestCase()
        : TestCase("case 2: both homes on one prefix, tunnel, rows, NAT, data, DNS hook, pcap")
    {
    }

  private:
    void
    DoRun() override
    {
        const std::string pcap = CreateTempDirFilename("htip-two");
        auto net = BuildNet({DefaultHomes()[0], DefaultHomes()[1]}, pcap);
        Home& a = (*net)[0];
        Home& b = (*net)[1];
        std::vector<gateway::TunnelRequestOutcome> answers;
        RequestAt(a, Seconds(2), b.domain, &answers);
        // A second request while the first is under way is a conflict.
        RequestAt(a, Seconds(2.001), b.domain, &answers);
        SendAt(a, Seconds(10), HOST_B_TUNNEL);

        // Host A asks its gateway for host B's name ([0098]-[0099], [0149]).
        Ptr<dns::StubResolver> hostResolver = CreateObject<dns::StubResolver>();
        hostResolver->Setup(a.host);
        hostResolver->SetServer(GW_INSIDE);
        std::vector<dns::ResolveResult> hostResults;
        Simulator::Schedule(Seconds(8), [&]() {
            hostResolver->Resolve(
                "host-b." + b.domain,
                dns::StubResolver::ResolveCallback([&hostResults](const dns::ResolveResult& r) {
                    hostResults.push_back(r);
                }));
        });
        // A public host that is no peer asks B's public address: refused.
        Ptr<dns::StubResolver> rogueResolver = CreateObject<dns::StubResolver>();
        rogueResolver->Setup(net->rogue);
        rogueResolver->SetServer(b.publicAddress);
        std::vector<dns::ResolveResult> rogueResults;
        Simulator::Schedule(Seconds(9), [&]() {
            rogueResolver->Resolve(
                "host-b." + b.domain,
                dns::StubResolver::ResolveCallback([&rogueResults](const dns::ResolveResult& r) {
                    rogueResults.push_back(r);
                }));
        });

        Simulator::Stop(Seconds(15));
        Simulator::Run();

        REQUIRE_EQ(answers.size(), 2, "two requests");
        NS_TEST_EXPECT_MSG_EQ(answers[0], gateway::TunnelRequestOutcome::ACCEPTED, "accepted");
        NS_TEST_EXPECT_MSG_EQ(answers[1], gateway::TunnelRequestOutcome::CONFLICT, "duplicate");

        // TunnelUp: A's tunnel interface is its inside address in 10.0.1.0/24,
        // the far end B's in 10.0.2.0/24 ([0146], [0149]).
        REQUIRE_EQ(a.log.ups.size(), 1, "tunnel up at A");
        NS_TEST_EXPECT_MSG_EQ(std::get<1>(a.log.ups[0]), b.publicAddress, "peer B");
        NS_TEST_EXPECT_MSG_EQ(std::get<2>(a.log.ups[0]), Ipv4Address("10.0.1.1"), "local");
        NS_TEST_EXPECT_MSG_EQ(std::get<3>(a.log.ups[0]), Ipv4Address("10.0.2.1"), "remote");
        REQUIRE_EQ(b.log.ups.size(), 1, "tunnel up at B");
        NS_TEST_EXPECT_MSG_EQ(std::get<2>(b.log.ups[0]), Ipv4Address("10.0.2.1"), "B local");
        NS_TEST_EXPECT_MSG_EQ(std::get<3>(b.log.ups[0]), Ipv4Address("10.0.1.1"), "B remote");

        // Rows ([0095], [0160] for case 2): peer name, role, the four prefixes.
        const auto rowsA = LiveRows(a.log);
        const auto rowsB = LiveRows(b.log);
        REQUIRE_EQ(rowsA.size(), 1, "one row at A");
        REQUIRE_EQ(rowsB.size(), 1, "one row at B");
        NS_TEST_EXPECT_MSG_EQ(rowsA[0].peerName, b.domain, "A: gateway B's name");
        NS_TEST_EXPECT_MSG_EQ(rowsA[0].peerAddress, b.publicAddress, "A: B's address");
        NS_TEST_EXPECT_MSG_EQ(static_cast<int>(rowsA[0].vpnProtocol), 1, "L2TP");
        NS_TEST_EXPECT_MSG_EQ(
            (rowsA[0].peerRole == htip::PeerRole::SERVER), true, "B is the server");
        NS_TEST_EXPECT_MSG_EQ(PrefixOk(rowsA[0].own, "10.0.0.0/24"), true, "A own");
        NS_TEST_EXPECT_MSG_EQ(PrefixOk(rowsA[0].peer, "10.0.0.0/24"), true, "A peer");
        NS_TEST_EXPECT_MSG_EQ(PrefixOk(rowsA[0].ownTunnel, "10.0.1.0/24"), true, "A own tunnel");
        NS_TEST_EXPECT_MSG_EQ(PrefixOk(rowsA[0].peerTunnel, "10.0.2.0/24"), true, "A peer tunnel");
        NS_TEST_EXPECT_MSG_EQ(rowsB[0].peerName, a.domain, "B: gateway A's name");
        NS_TEST_EXPECT_MSG_EQ(
            (rowsB[0].peerRole == htip::PeerRole::CLIENT), true, "A is the client");
        NS_TEST_EXPECT_MSG_EQ(PrefixOk(rowsB[0].ownTunnel, "10.0.2.0/24"), true, "B own tunnel");
        NS_TEST_EXPECT_MSG_EQ(PrefixOk(rowsB[0].peerTunnel, "10.0.1.0/24"), true, "B peer tunnel");
        // The engine's table carries the L2TP tunnel ID once it is up.
        const auto* engineRow = a.htip->GetEngine()->GetTable().Find(b.publicAddress);
        REQUIRE_NE(engineRow, nullptr, "row in A's engine");
        NS_TEST_EXPECT_MSG_NE(engineRow->tunnelId, 0, "tunnel ID set");

        // The 1:1 NAT rules ([0146]) on each gateway's tunnel interface.
        const auto rulesA = a.routing->GetPrefixTable().GetRules();
        REQUIRE_EQ(rulesA.size(), 1, "one NAT rule at A");
        NS_TEST_EXPECT_MSG_EQ(rulesA[0].inner, Ipv4Address("10.0.0.0"), "inner");
        NS_TEST_EXPECT_MSG_EQ(rulesA[0].outer, Ipv4Address("10.0.1.0"), "outer");
        NS_TEST_EXPECT_MSG_EQ(static_cast<int>(rulesA[0].length), 24, "length");
        NS_TEST_EXPECT_MSG_GT(rulesA[0].interface, 2, "on the tunnel interface");
        const auto rulesB = b.routing->GetPrefixTable().GetRules();
        REQUIRE_EQ(rulesB.size(), 1, "one NAT rule at B");
        NS_TEST_EXPECT_MSG_EQ(rulesB[0].outer, Ipv4Address("10.0.2.0"), "B outer");

        // Data ([0150]-[0151]): host B sees 10.0.1.4; the reply reaches A from 10.0.2.5.
        REQUIRE_EQ(b.log.echoSources.size(), 1, "datagram at host B");
        NS_TEST_EXPECT_MSG_EQ(b.log.echoSources[0].second, HOST_A_TUNNEL, "source translated");
        REQUIRE_EQ(a.log.replies.size(), 1, "reply at host A");
        NS_TEST_EXPECT_MSG_EQ(a.log.replies[0].second, HOST_B_TUNNEL, "reply source translated");
        const auto records = a.htip->GetTunnelRecords();
        REQUIRE_EQ(records.size(), 1, "one tunnel record");
        NS_TEST_EXPECT_MSG_EQ(records[0].untranslated, 0, "nothing left the tunnel untranslated");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(records[0].packetsOut, 1, "datagram counted out");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(records[0].packetsIn, 1, "reply counted in");

        // DNS ([0149]): forwarded to B, answered with host B's tunnel address.
        REQUIRE_EQ(hostResults.size(), 1, "host's query answered");
        NS_TEST_EXPECT_MSG_EQ(static_cast<int>(hostResults[0].rcode), 0, "NOERROR");
        REQUIRE_EQ(hostResults[0].addresses.size(), 1, "one address");
        NS_TEST_EXPECT_MSG_EQ(hostResults[0].addresses[0], HOST_B_TUNNEL, "10.0.2.5");
        NS_TEST_EXPECT_MSG_EQ(a.htip->GetCounters().dnsForwards, 1, "A forwarded");
        NS_TEST_EXPECT_MSG_EQ(b.htip->GetCounters().dnsAnswers, 1, "B answered");
        // RFC 1035 4.1.1: RCODE 5, Refused.
        REQUIRE_EQ(rogueResults.size(), 1, "outsider answered");
        NS_TEST_EXPECT_MSG_EQ(static_cast<int>(rogueResults[0].rcode), 5, "REFUSED");
        NS_TEST_EXPECT_MSG_EQ(rogueResults[0].addresses.size(), 0, "no address");
        NS_TEST_EXPECT_MSG_EQ(b.htip->GetCounters().dnsRefused, 1, "B refused");
        NS_TEST_EXPECT_MSG_EQ(a.log.drops.size() + b.log.drops.size(), 0, "nothing dropped");

        // The capture is complete once the simulation is gone.
        const HomeLog logA = a.log;
        const Ipv4Address publicB = b.publicAddress;
        net.reset();
        if (!CanCheckPcaps())
        {
            return;
        }
        const std::string file = pcap + "-gw-a.pcap";
        NS_TEST_EXPECT_MSG_EQ(PcapCheck(file, {"l2tp", "ppp", "dns", "udp.port == 5402"}),
                              true,
                              "ISP link of A clean, L2TP decoded");
        if (!HaveTshark())
        {
            return;
        }
        // The Lua dissector decodes every HTIP datagram as the processor traced it.
        const std::string lua = std::string(IPVPN_SOURCE_DIR) + "/analysis/ipvpn-htip.lua";
        const std::string out = pcap + "-htip.txt";
        const std::string cmd = "tshark -X 'lua_script:" + lua + "' -r '" + file +
                                "' -Y htip -T fields -e htip.type -e _ws.malformed "
                                "-e _ws.lua.error > '" +
                                out + "' 2>/dev/null";
        const int rc = std::system(cmd.c_str());
        REQUIRE_EQ(rc, 0, "tshark ran");
        std::vector<int> decoded;
        bool clean = true;
        if (FILE* f = std::fopen(out.c_str(), "r"))
        {
            char line[256];
            while (std::fgets(line, sizeof(line), f))
            {
                std::string s(line);
                decoded.push_back(std::atoi(s.c_str()));
                clean = clean && s.find('\t') != std::string::npos &&
                        s.find_first_not_of("\t\r\n", s.find('\t')) == std::string::npos;
            }
            std::fclose(f);
        }
        const std::vector<int> traced = Exchange(logA, publicB);
        NS_TEST_EXPECT_MSG_EQ(decoded.size(), traced.size(), "every HTIP datagram decoded");
        std::string tracedText;
        for (int t : traced)
        {
            tracedText += std::to_string(t) + " ";
        }
        NS_TEST_EXPECT_MSG_EQ((decoded == traced), true, "types as traced: " << tracedText);
        NS_TEST_EXPECT_MSG_EQ(clean, true, "no malformed or Lua error");
    }
};

// ---------------------------------------------------------------- teardown

/// The checks the teardown cases share, as members so that the NS_TEST
/// macros report to the running case.
class TunnelGoneTestCase : public TwoHomesBaseTestCase
{
  protected:
    using TwoHomesBaseTestCase::TwoHomesBaseTestCase;

    /// h's tunnel went down: its row added and removed, its NAT rule gone,
    /// one tunnel record with its down time, which `more` checks further.
    template <typename F>
    void
    CheckTornDown(Home& h, F more)
    {
        REQUIRE_EQ(h.log.rows.size(), 2, "row added and removed at " << h.domain);
        NS_TEST_EXPECT_MSG_EQ(h.log.rows[0].second, true, "added");
        NS_TEST_EXPECT_MSG_EQ(h.log.rows[1].second, false, "removed");
        NS_TEST_EXPECT_MSG_EQ(
            h.routing->GetPrefixTable().GetRules().size(), 0, "NAT rule gone at " << h.domain);
        const auto records = h.htip->GetTunnelRecords();
        REQUIRE_EQ(records.size(), 1, "one record");
        REQUIRE_EQ(records[0].down.has_value(), true, "down recorded");
        more(records[0]);
    }

    /// A asked for B again at 16 s after the teardown: accepted, a second
    /// tunnel, and A's datagram of 28 s reaches host B through it.
    void
    CheckAskedAgain(const std::vector<gateway::TunnelRequestOutcome>& answers, Home& a, Home& b)
    {
        REQUIRE_EQ(answers.size(), 1, "asked again");
        NS_TEST_EXPECT_MSG_EQ(answers[0], gateway::TunnelRequestOutcome::ACCEPTED, "accepted");
        NS_TEST_EXPECT_MSG_EQ(a.log.ups.size(), 2, "a second tunnel came up");
        NS_TEST_EXPECT_MSG_EQ(Count(b.log.echoSources, HOST_A_TUNNEL, Seconds(20), Seconds(30)),
                              1,
                              "data through the new tunnel");
    }
};

class TeardownTestCase : public TunnelGoneTestCase
{
  public:
    TeardownTestCase()
        : TunnelGoneTestCase(
              "teardown: the LNS closes the L2TP tunnel; rows, route and NAT go at both ends")
    {
    }

  private:
    void
    Run(Net&, Home& a, Home& b) override
    {
        RequestAt(a, Seconds(2), b.domain, nullptr);
        SendAt(a, Seconds(8), HOST_B_TUNNEL);
        std::size_t rulesBefore = 0;
        Ptr<Node> gwB = b.gateway;
        int routeBefore = -1;
        Simulator::Schedule(Seconds(10), [&]() {
            rulesBefore = a.routing->GetPrefixTable().GetRules().size();
            const IpvpnRoute* r = a.routing->GetRouting()->Lookup(HOST_B_TUNNEL);
            routeBefore = r && r->network == B_TUNNEL.network ? r->prefixLength : -1;
            // The LNS (B, the responder) closes: StopCCN (RFC 2661 5.7).
            Ptr<l2tp::ControlConnection> end = TunnelEndOn(gwB);
            NS_ABORT_MSG_UNLESS(end, "no tunnel end on B");
            end->Close();
        });
        SendAt(a, Seconds(14), HOST_B_TUNNEL);
        // And a new tunnel can be had afterwards.
        std::vector<gateway::TunnelRequestOutcome> answers;
        RequestAt(a, Seconds(16), b.domain, &answers);
        SendAt(a, Seconds(28), HOST_B_TUNNEL);
        Simulator::Stop(Seconds(15.9));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(rulesBefore, 1, "the rule was there");
        NS_TEST_EXPECT_MSG_EQ(routeBefore, 24, "the route to 10.0.2.0/24 was there");
        for (Home* h : {&a, &b})
        {
            const IpvpnRoute* r = h->routing->GetRouting()->Lookup(HOST_B_TUNNEL);
            const IpvpnRoute* r2 = h->routing->GetRouting()->Lookup(HOST_A_TUNNEL);
            NS_TEST_EXPECT_MSG_EQ(
                (!r || r->prefixLength == 0), true, "only the default route left");
            NS_TEST_EXPECT_MSG_EQ(
                (!r2 || r2->prefixLength == 0), true, "only the default route left");
        }
        for (Home* h : {&a, &b})
        {
            NS_TEST_EXPECT_MSG_EQ(
                h->htip->GetEngine()->GetTable().GetRows().size(), 0, "table empty");
            CheckTornDown(*h, [](const htip::TunnelRecord&) {});
        }
        NS_TEST_EXPECT_MSG_EQ(Count(b.log.echoSources, HOST_A_TUNNEL, Seconds(0), Seconds(10)),
                              1,
                              "delivered while up");
        NS_TEST_EXPECT_MSG_EQ(Count(b.log.echoSources, HOST_A_TUNNEL, Seconds(10), Seconds(20)) +
                                  Count(b.log.echoSources, HOST_A, Seconds(10), Seconds(20)),
                              0,
                              "not delivered after the teardown");
        // Without the route the datagram followed the default route and NAPT
        // kept the private destination off the ISP link.
        NS_TEST_EXPECT_MSG_EQ(a.routing->GetCounters().privateDestination, 1, "kept off the ISP");

        Simulator::Stop(Seconds(14.1)); // relative: until 30 s
        Simulator::Run();
        CheckAskedAgain(answers, a, b);
    }
};

class SessionClosedTestCase : public TunnelGoneTestCase
{
  public:
    SessionClosedTestCase()
        : TunnelGoneTestCase(
              "the LNS closes the tunnel's only session (CDN): the tunnel goes, and can be "
              "asked for again")
    {
    }

  private:
    void
    Run(Net&, Home& a, Home& b) override
    {
        RequestAt(a, Seconds(2), b.domain, nullptr);
        Ptr<Node> gwB = b.gateway;
        // RFC 2661 5.7/7.4: a CDN ends the session that carries PPP; the
        // control connection itself stays.
        Simulator::Schedule(Seconds(10), [gwB]() {
            Ptr<l2tp::ControlConnection> end = TunnelEndOn(gwB);
            NS_ABORT_MSG_UNLESS(end && end->GetSessionIds().size() == 1, "no session on B");
            end->CloseSession(end->GetSessionIds().front());
        });
        SendAt(a, Seconds(14), HOST_B_TUNNEL);
        std::vector<gateway::TunnelRequestOutcome> answers;
        RequestAt(a, Seconds(16), b.domain, &answers);
        SendAt(a, Seconds(28), HOST_B_TUNNEL);
        Simulator::Stop(Seconds(30));
        Simulator::Run();

        // The PPP link and so the data path are gone with the session: a row,
        // route and NAT rule kept for it would black-hole the peer's prefix
        // and refuse a new request as a conflict for ever (the control
        // connection answers its HELLOs).
        for (Home* h : {&a, &b})
        {
            REQUIRE_GT_OR_EQ(h->log.rows.size(), 2, "row removed at " << h->domain);
            NS_TEST_EXPECT_MSG_EQ(h->log.rows[1].second, false, "removed at " << h->domain);
        }
        CheckAskedAgain(answers, a, b);
    }
};

class PeerLossTestCase : public TunnelGoneTestCase
{
  public:
    PeerLossTestCase()
        : TunnelGoneTestCase(
              "peer loss: gateway B falls silent; L2TP keepalive drops the tunnel at both ends")
    {
    }

  private:
    void
    Run(Net&, Home& a, Home& b) override
    {
        RequestAt(a, Seconds(2), b.domain, nullptr);
        SendAt(a, Seconds(8), HOST_B_TUNNEL);
        // B's ISP link goes down: nothing in or out from 10 s on.
        Ptr<Ipv4> ipv4B = b.gateway->GetObject<Ipv4>();
        const uint32_t ifB = b.ispInterface;
        Simulator::Schedule(Seconds(10), [ipv4B, ifB]() {
            ipv4B->SetDown(ifB);
        });
        Simulator::Stop(Seconds(300));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(Count(b.log.echoSources, HOST_A_TUNNEL, Seconds(0), Seconds(10)),
                              1,
                              "delivered while up");
        // RFC 2661 6.5: no message for HelloInterval (60 s), a HELLO, then its
        // retransmissions (1, 2, 4, 8, 8 s) unanswered: the tunnel is down
        // well within 10 + 60 + 31 s, and not before HelloInterval.
        for (Home* h : {&a, &b})
        {
            CheckTornDown(*h, [this](const htip::TunnelRecord& r) {
                NS_TEST_EXPECT_MSG_GT(*r.down, Seconds(60), "not before HelloInterval");
                NS_TEST_EXPECT_MSG_LT(*r.down, Seconds(110), "by keepalive's end");
            });
        }
    }
};

class CrossedTestCase : public TwoHomesBaseTestCase
{
  public:
    CrossedTestCase()
        : TwoHomesBaseTestCase(
              "crossing requests: A asks for B as B asks for A; one tunnel comes up")
    {
    }

  private:
    void
    Run(Net&, Home& a, Home& b) override
    {
        std::vector<gateway::TunnelRequestOutcome> answers;
        RequestAt(a, Seconds(2), b.domain, &answers);
        RequestAt(b, Seconds(2), a.domain, &answers);
        Simulator::Stop(Seconds(15));
        Simulator::Run();

        REQUIRE_EQ(answers.size(), 2, "two requests");
        // doc/htip-engine.md: the REQUEST with the lower negotiation ID wins;
        // the other requester gives way with "crossed".
        const std::size_t crossed = a.log.failed.size() + b.log.failed.size();
        NS_TEST_EXPECT_MSG_EQ(crossed, 1, "one side gave way");
        for (const auto& f : a.log.failed)
        {
            NS_TEST_EXPECT_MSG_EQ(std::get<2>(f), "crossed", "A gave way");
        }
        for (const auto& f : b.log.failed)
        {
            NS_TEST_EXPECT_MSG_EQ(std::get<2>(f), "crossed", "B gave way");
        }
        NS_TEST_EXPECT_MSG_EQ(a.log.ups.size(), 1, "one tunnel at A");
        NS_TEST_EXPECT_MSG_EQ(b.log.ups.size(), 1, "one tunnel at B");
        const auto rowsA = LiveRows(a.log);
        const auto rowsB = LiveRows(b.log);
        REQUIRE_EQ(rowsA.size(), 1, "one row at A");
        REQUIRE_EQ(rowsB.size(), 1, "one row at B");
        NS_TEST_EXPECT_MSG_EQ(
            (rowsA[0].peerRole != rowsB[0].peerRole), true, "one server, one client");
        // Either way round the tunnel prefixes are 10.0.1.0/24 for the
        // requester's home and 10.0.2.0/24 for the responder's.
        const bool aAsked = rowsA[0].peerRole == htip::PeerRole::SERVER;
        const Ipv4Address toB = (aAsked ? B_TUNNEL : A_TUNNEL).Map(HOST_B);
        const Ipv4Address fromA = (aAsked ? A_TUNNEL : B_TUNNEL).Map(HOST_A);
        NS_TEST_EXPECT_MSG_EQ(rowsA[0].peerTunnel.Map(HOST_B), toB, "A's view of host B");
        NS_TEST_EXPECT_MSG_EQ(rowsB[0].peerTunnel.Map(HOST_A), fromA, "B's view of host A");
        NS_TEST_EXPECT_MSG_EQ(a.routing->GetPrefixTable().GetRules().size(), 1, "NAT at A");
        NS_TEST_EXPECT_MSG_EQ(b.routing->GetPrefixTable().GetRules().size(), 1, "NAT at B");
    }
};

// ------------------------------------------------------------ peer checks

class PeerCheckTestCase : public TestCase
{
  public:
    PeerCheckTestCase()
        : TestCase("VerifyPeers, AcceptFrom and malformed datagrams: dropped with their reason")
    {
    }

  private:
    void
    DoRun() override
    {
        // B answers only gw-a; C only gw-z (so A's REQUEST to C is refused).
        std::vector<HomeSpec> specs = DefaultHomes();
        specs[1].acceptFrom = "GW-A.example";
        specs[2].acceptFrom = "gw-z.example";
        auto net = BuildNet(specs);
        Home& a = (*net)[0];
        Home& b = (*net)[1];
        Home& c = (*net)[2];
        // A REQUEST claiming to be gateway A from the rogue's address:
        // gw-a.example resolves to 168.219.193.7, not 203.0.113.9.
        htip::MessageHeader forged;
        forged.SetType(htip::REQUEST);
        forged.SetNegotiationId(0x1234);
        forged.SetRound(1);
        forged.SetVpnProtocol(htip::VPN_L2TP);
        forged.SetRequesterPrefix(LAN);
        forged.SetRequesterCandidates({LAN, A_TUNNEL, B_TUNNEL});
        forged.SetGatewayName(a.domain);
        Ptr<Packet> p = Create<Packet>();
        p->AddHeader(forged);
        RogueSend(*net, Seconds(2), b.publicAddress, p);
        // Not a message: version 9, a length beyond the datagram.
        const uint8_t junk[] = {9, 1, 0, 200, 0, 0};
        RogueSend(*net, Seconds(2.5), b.publicAddress, Create<Packet>(junk, sizeof(junk)));
        RequestAt(a, Seconds(3), c.domain, nullptr);
        RequestAt(a, Seconds(4), b.domain, nullptr);
        Simulator::Stop(Seconds(12));
        Simulator::Run();

        REQUIRE_GT_OR_EQ(b.log.drops.size(), 2, "two drops at B");
        NS_TEST_EXPECT_MSG_EQ(std::get<0>(b.log.drops[0]), ROGUE, "forged from the rogue");
        NS_TEST_EXPECT_MSG_EQ(
            static_cast<int>(std::get<1>(b.log.drops[0])), htip::REQUEST, "REQUEST");
        NS_TEST_EXPECT_MSG_EQ(std::get<2>(b.log.drops[0]), "refused-peer", "name does not match");
        NS_TEST_EXPECT_MSG_EQ(std::get<0>(b.log.drops[1]), ROGUE, "junk from the rogue");
        NS_TEST_EXPECT_MSG_EQ(static_cast<int>(std::get<1>(b.log.drops[1])), 0, "no type");
        NS_TEST_EXPECT_MSG_EQ(std::get<2>(b.log.drops[1]), "malformed", "malformed");
        NS_TEST_EXPECT_MSG_EQ(b.log.drops.size(), 2, "A's genuine REQUEST not dropped");
        bool toRogue = false;
        for (const auto& e : b.log.tx)
        {
            toRogue = toRogue || std::get<1>(e) == ROGUE;
        }
        NS_TEST_EXPECT_MSG_EQ(toRogue, false, "nothing sent to the rogue");
        // AcceptFrom: C refuses gw-a.example at once.
        REQUIRE_GT_OR_EQ(c.log.drops.size(), 1, "C dropped A's REQUEST");
        NS_TEST_EXPECT_MSG_EQ(std::get<0>(c.log.drops[0]), a.publicAddress, "from A");
        NS_TEST_EXPECT_MSG_EQ(std::get<2>(c.log.drops[0]), "refused-peer", "not in AcceptFrom");
        NS_TEST_EXPECT_MSG_EQ(c.log.rows.size(), 0, "no row at C");
        NS_TEST_EXPECT_MSG_EQ(c.htip->GetCounters().heldForCheck, 0, "refused before any lookup");
        // B accepts gw-a.example (names compare without case, RFC 4343).
        NS_TEST_EXPECT_MSG_EQ(b.log.ups.size(), 1, "A-B tunnel up");
        const auto rowsA = LiveRows(a.log);
        REQUIRE_EQ(rowsA.size(), 1, "A has only B's row");
        NS_TEST_EXPECT_MSG_EQ(rowsA[0].peerAddress, b.publicAddress, "B's");
    }
};

/// A REQUEST as gateway `name` would send it (first round, case 2's candidates).
Ptr<Packet>
RequestFrom(const std::string& name, uint32_t id)
{
    htip::MessageHeader m;
    m.SetType(htip::REQUEST);
    m.SetNegotiationId(id);
    m.SetRound(1);
    m.SetVpnProtocol(htip::VPN_L2TP);
    m.SetRequesterPrefix(LAN);
    m.SetRequesterCandidates({LAN, A_TUNNEL, B_TUNNEL});
    m.SetGatewayName(name);
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(m);
    return p;
}

class MovedPeerTestCase : public TwoHomesBaseTestCase
{
  public:
    MovedPeerTestCase()
        : TwoHomesBaseTestCase(
              "VerifyPeers: a peer gateway that moved to a new address is checked anew")
    {
    }

  private:
    void
    Run(Net& net, Home& a, Home& b) override
    {
        // A's tunnel to B: B learns that gw-a.example is 168.219.193.7.
        RequestAt(a, Seconds(2), b.domain, nullptr);
        Ptr<Node> gwB = b.gateway;
        Simulator::Schedule(Seconds(10), [gwB]() {
            TunnelEndOn(gwB)->Close();
        });
        // Gateway A's ISP gives it a new address, which it registers at the
        // DNS server 330 ([0059], dynamic DNS): here the rogue node's.
        Ptr<dns::Server> server = net.server;
        const Ipv4Address oldAddress = a.publicAddress;
        const std::string name = a.domain;
        Simulator::Schedule(Seconds(12), [server, oldAddress, name]() {
            const auto n = *dns::Name::Parse(name);
            server->GetZone().RemoveA(n, oldAddress);
            server->GetZone().AddA(n, ROGUE, 300);
        });
        // Well after the old record's TTL (300 s), gateway A asks from there.
        RogueSend(net, Seconds(400), b.publicAddress, RequestFrom(a.domain, 0x77));
        Simulator::Stop(Seconds(402));
        Simulator::Run();

        REQUIRE_EQ(b.log.ups.size(), 1, "the first tunnel came up");
        bool answered = false;
        for (const auto& [t, peer, type] : b.log.tx)
        {
            answered = answered || (peer == ROGUE && type == htip::RESPONSE);
        }
        NS_TEST_EXPECT_MSG_EQ(answered, true, "B answers A at its new address");
        for (const auto& d : b.log.drops)
        {
            NS_TEST_EXPECT_MSG_NE(std::get<2>(d), "refused-peer", "not refused on a stale lookup");
        }
    }
};

// ------------------------------------------------------------ silent peer

class SilentPeerTestCase : public TestCase
{
  public:
    SilentPeerTestCase()
        : TestCase(
              "silent peer: REQUEST at 0, 1, 3, 7, 15, 23 ... s, give-up at GiveUpTime, then again")
    {
    }

  private:
    void
    DoRun() override
    {
        std::vector<HomeSpec> specs{DefaultHomes()[0], DefaultHomes()[1]};
        specs[1].silent = true;
        auto net = BuildNet(specs);
        Home& a = (*net)[0];
        Home& b = (*net)[1];
        std::vector<gateway::TunnelRequestOutcome> answers;
        RequestAt(a, Seconds(2), b.domain, &answers);
        RequestAt(a, Seconds(70), b.domain, &answers);
        Simulator::Stop(Seconds(72));
        Simulator::Run();

        std::vector<Time> sent;
        for (const auto& [t, peer, type] : a.log.tx)
        {
            if (peer == b.publicAddress && type == htip::REQUEST)
            {
                sent.push_back(t);
            }
        }
        // Doubling from RetransmitInitial (1 s) up to RetransmitMax (8 s),
        // computed here: 0, 1, 3, 7, 15, then every 8 s while below 60 s.
        std::vector<double> expected;
        for (double at = 0, step = 1; at < 60; at += step, step = std::min(step * 2, 8.0))
        {
            expected.push_back(at);
        }
        REQUIRE_GT(sent.size(), expected.size(), "REQUESTs sent, and again at 70 s");
        for (std::size_t i = 0; i < expected.size(); ++i)
        {
            NS_TEST_EXPECT_MSG_EQ_TOL(
                (sent[i] - sent[0]).GetSeconds(), expected[i], 1e-6, "REQUEST #" << i);
        }
        REQUIRE_EQ(a.log.failed.size(), 1, "one failure");
        NS_TEST_EXPECT_MSG_EQ(std::get<1>(a.log.failed[0]), b.domain, "B");
        NS_TEST_EXPECT_MSG_EQ(std::get<2>(a.log.failed[0]), "give-up", "give-up");
        NS_TEST_EXPECT_MSG_EQ_TOL((std::get<0>(a.log.failed[0]) - sent[0]).GetSeconds(),
                                  60.0,
                                  1e-6,
                                  "at GiveUpTime (60 s)");
        NS_TEST_EXPECT_MSG_EQ(a.log.rows.size(), 0, "no row");
        REQUIRE_EQ(answers.size(), 2, "two requests");
        NS_TEST_EXPECT_MSG_EQ(
            answers[1], gateway::TunnelRequestOutcome::ACCEPTED, "accepted again");
        NS_TEST_EXPECT_MSG_GT(sent.back(), Seconds(70), "a new REQUEST after 70 s");
    }
};

// ------------------------------------------------------------- three homes

class ThreeHomesTestCase : public TestCase
{
  public:
    explicit ThreeHomesTestCase(bool together)
        : TestCase(together ? "three homes on one prefix, the three requests at once: no overlap "
                              "(claim 15), data on each"
                            : "three homes on one prefix, tunnels A-B, A-C, B-C: no overlap "
                              "(claim 15), data on each")
        , m_together(together)
    {
    }

  private:
    void
    DoRun() override
    {
        auto net = BuildNet(DefaultHomes());
        Home& a = (*net)[0];
        Home& b = (*net)[1];
        Home& c = (*net)[2];
        RequestAt(a, Seconds(2), b.domain, nullptr);
        RequestAt(a, Seconds(m_together ? 2 : 4), c.domain, nullptr);
        RequestAt(b, Seconds(m_together ? 2 : 6), c.domain, nullptr);
        // At 12 s each host sends to each other home's host at the address the
        // row of its gateway gives it.
        struct Sent
        {
            Home* from;
            Home* to;
            Ipv4Address dst;
            Ipv4Address src; // as the receiver must see it
        };
        std::vector<Sent> sent;
        Simulator::Schedule(Seconds(12), [&]() {
            for (auto& hf : net->homes)
            {
                for (const htip::Connection& row : LiveRows(hf->log))
                {
                    for (auto& ht : net->homes)
                    {
                        if (ht->publicAddress == row.peerAddress)
                        {
                            Sent s{hf.get(),
                                   ht.get(),
                                   row.peerTunnel.Map(ht->hostAddress),
                                   row.ownTunnel.Map(hf->hostAddress)};
                            sent.push_back(s);
                            hf->client->SendTo(
                                Create<Packet>(64), 0, InetSocketAddress(s.dst, ECHO_PORT));
                        }
                    }
                }
            }
        });
        Simulator::Stop(Seconds(14));
        Simulator::Run();

        for (Home* h : {&a, &b, &c})
        {
            NS_TEST_EXPECT_MSG_EQ(h->log.ups.size(), 2, h->domain << ": two tunnels up");
            const auto rows = LiveRows(h->log);
            REQUIRE_EQ(rows.size(), 2, h->domain << ": two rows");
            // Claim 15, written out: the peers' tunnel prefixes (network, mask)
            // share no address with each other nor with the own LAN.
            const auto overlap = [](const htip::Prefix& x, const htip::Prefix& y) {
                const uint32_t m = x.GetMask().Get() & y.GetMask().Get();
                return (x.network.Get() & m) == (y.network.Get() & m);
            };
            NS_TEST_EXPECT_MSG_EQ(overlap(rows[0].peerTunnel, rows[1].peerTunnel),
                                  false,
                                  h->domain << ": peer tunnel prefixes apart");
            for (const auto& r : rows)
            {
                NS_TEST_EXPECT_MSG_EQ(
                    overlap(r.peerTunnel, LAN), false, h->domain << ": apart from the LAN");
            }
            NS_TEST_EXPECT_MSG_EQ(h->routing->GetPrefixTable().GetRules().size(),
                                  std::count_if(rows.begin(),
                                                rows.end(),
                                                [](const htip::Connection& r) {
                                                    return r.NeedsNat();
                                                }),
                                  h->domain << ": one NAT rule per translated tunnel");
        }
        NS_TEST_EXPECT_MSG_EQ(sent.size(), 6, "six directions");
        for (const Sent& s : sent)
        {
            NS_TEST_EXPECT_MSG_EQ(Count(s.to->log.echoSources, s.src, Seconds(12), Seconds(14)),
                                  1,
                                  s.from->domain << " -> " << s.to->domain << " at " << s.dst);
            NS_TEST_EXPECT_MSG_EQ(Count(s.from->log.replies, s.dst, Seconds(12), Seconds(14)),
                                  1,
                                  "reply " << s.to->domain << " -> " << s.from->domain);
        }
    }
    bool m_together;
};

class HtipTestSuite : public TestSuite
{
  public:
    HtipTestSuite()
        : TestSuite("ipvpn-htip", TestSuite::Type::UNIT)
    {
        AddTestCase(new TwoHomesTestCase);
        AddTestCase(new TeardownTestCase);
        AddTestCase(new SessionClosedTestCase);
        AddTestCase(new PeerLossTestCase);
        AddTestCase(new CrossedTestCase);
        AddTestCase(new PeerCheckTestCase);
        AddTestCase(new MovedPeerTestCase);
        AddTestCase(new SilentPeerTestCase);
        AddTestCase(new ThreeHomesTestCase(false));
        AddTestCase(new ThreeHomesTestCase(true));
    }
};

HtipTestSuite g_htipTestSuite;

} // namespace
