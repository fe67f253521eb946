/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * VR ports in simulation (seed 000, Figs. 7-9), on the network of
 * ipvpn-vr-port-test-net.h: A1 and A2 exist, A3 is added while port B of
 * another VPN, on A3's router and with A3's user addresses, stays silent.
 * The expected step sequences are the seed's text (Fig. 8: S1-S8 with the
 * loop back to S5 for the next replier; Fig. 9: S11-S19), not the code's
 * output.
 */

#include "ipvpn-vr-port-test-net.h"

#include "ns3/test.h"
#include "ns3/vr-discovery-header.h"
#include "ns3/vr-discovery-port.h"
#include "ns3/vr-tunnel-authorizer.h"

#include <set>

using namespace ns3;
using namespace vrtest;

namespace
{

/// A3 joins VPN A: discovery, RADIUS, L2TP, per-VPN OSPF, isolation from B.
class VrPortAdditionTestCase : public TestCase
{
  public:
    VrPortAdditionTestCase()
        : TestCase("Fig. 7: A3 added while A1, A2 exist and B stays silent")
    {
    }

  private:
    void
    DoRun() override
    {
        Fig7Net net;
        net.AddAt("A1", Seconds(1));
        net.AddAt("A2", Seconds(3));
        net.AddAt("B", Seconds(5));
        net.AddAt("A3", Seconds(10));

        Sink h1, h2, h3, hb;
        h1.Open(net.nodes.Get(Fig7Net::H1));
        h2.Open(net.nodes.Get(Fig7Net::H2));
        h3.Open(net.nodes.Get(Fig7Net::H3));
        hb.Open(net.nodes.Get(Fig7Net::HB));
        // Fig. 3's data path A1 -> 11a -> ... -> 21a -> A3, after the join.
        SendUdp(net.nodes.Get(Fig7Net::H1), Ipv4Address("10.3.0.2"), Seconds(20), 10);
        SendUdp(net.nodes.Get(Fig7Net::H3), Ipv4Address("10.2.0.2"), Seconds(20), 10);
        // VPN B has no route to VPN A's networks.
        SendUdp(net.nodes.Get(Fig7Net::HB), Ipv4Address("10.1.0.2"), Seconds(20), 5);

        Simulator::Stop(Seconds(25));
        Simulator::Run();

        // Fig. 8 at the new port A3: S1, a reply from each existing port
        // (S2, S3), the map built before any authentication (S4 for each),
        // then S5, S7, S8 for one replier and back to S5 for the next.
        NS_TEST_EXPECT_MSG_EQ(net.Steps("A3"),
                              "S1 S2 S3 S2 S3 S4 S4 S5 S7 S8 S5 S7 S8",
                              "A3 follows Fig. 8");
        // Fig. 9 at each existing port: the map after authentication (S17).
        for (const char* existing : {"A1", "A2"})
        {
            NS_TEST_EXPECT_MSG_EQ(net.Steps(existing, Seconds(10)),
                                  "S11 S12 S13 S14 S15 S17 S18 S19",
                                  existing << " follows Fig. 9");
        }
        // Port B compares VPN IDs and stops (S12): no reply.
        NS_TEST_EXPECT_MSG_EQ(net.Steps("B", Seconds(10)), "S11 S12", "B stays silent");

        // Every map of VPN A is complete, with a tunnel ID per peer on
        // both sides.
        const std::map<std::string, std::vector<std::string>> members = {
            {"A1", {"192.0.2.21", "192.0.2.31"}},
            {"A2", {"192.0.2.11", "192.0.2.31"}},
            {"A3", {"192.0.2.11", "192.0.2.21"}}};
        for (const auto& [name, peers] : members)
        {
            Ptr<vr::VrPort> port = net.ports[name];
            NS_TEST_EXPECT_MSG_EQ(port->GetMap().GetEntries().size(),
                                  peers.size(),
                                  name << "'s map holds the other ports of VPN A");
            for (const std::string& peer : peers)
            {
                const Ipv4Address address(peer.c_str());
                NS_TEST_EXPECT_MSG_EQ(port->GetMap().Contains(address), true, name << " knows " << peer);
                NS_TEST_EXPECT_MSG_NE(port->GetTunnelId(address), 0, name << " keeps a tunnel ID for " << peer);
            }
        }
        NS_TEST_EXPECT_MSG_EQ(net.ports["B"]->GetMap().GetEntries().size(), 0, "B knows nobody");

        // Routes: A3's table learnt both other user networks over its
        // tunnels; B's VRF on the same router did not.
        Ptr<IpvpnRoutingProtocol> a3 = net.ports["A3"]->GetRouting();
        Ptr<IpvpnRoutingProtocol> b = net.ports["B"]->GetRouting();
        NS_TEST_EXPECT_MSG_NE(a3->Lookup(Ipv4Address("10.1.0.2")), nullptr, "A3 reaches A1's network");
        NS_TEST_EXPECT_MSG_NE(a3->Lookup(Ipv4Address("10.2.0.2")), nullptr, "A3 reaches A2's network");
        NS_TEST_EXPECT_MSG_EQ(b->Lookup(Ipv4Address("10.1.0.2")), nullptr, "B has no route of VPN A");
        NS_TEST_EXPECT_MSG_EQ(b->Lookup(Ipv4Address("10.2.0.2")), nullptr, "B has no route of VPN A");
        // The core holds no VPN prefix.
        for (uint32_t router : {Fig7Net::X, Fig7Net::R1, Fig7Net::R2, Fig7Net::R3})
        {
            Ptr<IpvpnRoutingProtocol> coreTable = IpvpnRoutingHelper::GetRouting(net.Ip(router));
            for (const char* vpnHost : {"10.1.0.2", "10.2.0.2", "10.3.0.2"})
            {
                NS_TEST_EXPECT_MSG_EQ(coreTable->Lookup(Ipv4Address(vpnHost)),
                                      nullptr,
                                      "core router " << router << " routes no VPN prefix");
            }
        }

        // Data: VPN A's packets reach A's hosts only, B's go nowhere.
        NS_TEST_EXPECT_MSG_EQ(h3.received, 10, "H1 -> H3 through the A1-A3 tunnel");
        NS_TEST_EXPECT_MSG_EQ(h2.received, 10, "H3 -> H2 through the A3-A2 tunnel");
        NS_TEST_EXPECT_MSG_EQ(hb.received, 0, "nothing of VPN A reaches B's host");
        NS_TEST_EXPECT_MSG_EQ(h1.received, 0, "nothing of VPN B reaches A's host");

        Simulator::Destroy();
    }
};

/// A3 with a wrong password: S6 at A3 for each replier, S21 at A1 and A2.
class VrPortBadCredentialsTestCase : public TestCase
{
  public:
    VrPortBadCredentialsTestCase()
        : TestCase("A3 with a wrong password: S6 at the new port, S21 at the existing ones")
    {
    }

  private:
    void
    DoRun() override
    {
        Fig7Net net;
        net.ports["A3"]->SetAttribute("Password", StringValue("wrong"));
        net.AddAt("A1", Seconds(1));
        net.AddAt("A2", Seconds(3));
        net.AddAt("A3", Seconds(10));
        Sink h3;
        h3.Open(net.nodes.Get(Fig7Net::H3));
        SendUdp(net.nodes.Get(Fig7Net::H1), Ipv4Address("10.3.0.2"), Seconds(25), 5);

        Simulator::Stop(Seconds(30));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(net.Steps("A3"),
                              "S1 S2 S3 S2 S3 S4 S4 S5 S6 S5 S6",
                              "A3: S6 for each replier, then on to the next");
        for (const char* existing : {"A1", "A2"})
        {
            NS_TEST_EXPECT_MSG_EQ(net.Steps(existing, Seconds(10)),
                                  "S11 S12 S13 S14 S15 S21",
                                  existing << ": S21, A3 never in the map");
            NS_TEST_EXPECT_MSG_EQ(net.ports[existing]->GetMap().Contains(Ipv4Address("192.0.2.31")),
                                  false,
                                  existing << " did not add A3");
        }
        NS_TEST_EXPECT_MSG_EQ(net.ports["A3"]->GetRouting()->Lookup(Ipv4Address("10.1.0.2")),
                              nullptr,
                              "A3 learnt no route");
        NS_TEST_EXPECT_MSG_EQ(h3.received, 0, "no data reaches the refused port");
        Simulator::Destroy();
    }
};

/// Mutual authentication: each end's RADIUS server accepts the other.
class VrPortMutualTestCase : public TestCase
{
  public:
    VrPortMutualTestCase()
        : TestCase("Mutual authentication: both RADIUS servers decide, the tunnel comes up")
    {
    }

  private:
    static void
    Record(std::vector<std::string>* log, Ipv4Address peer, const std::string& what, bool accepted)
    {
        std::ostringstream os;
        os << peer << ' ' << what << ' ' << (accepted ? "accept" : "reject");
        log->push_back(os.str());
    }

    void
    DoRun() override
    {
        Fig7Net net;
        for (const char* name : {"A1", "A3"})
        {
            net.ports[name]->SetAttribute("MutualAuthentication", BooleanValue(true));
        }
        net.AddAt("A1", Seconds(1));
        net.AddAt("A3", Seconds(3));
        Sink h3;
        h3.Open(net.nodes.Get(Fig7Net::H3));
        SendUdp(net.nodes.Get(Fig7Net::H1), Ipv4Address("10.3.0.2"), Seconds(12), 5);
        Simulator::Stop(Seconds(15));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(net.Steps("A3"), "S1 S2 S3 S4 S5 S7 S8", "A3 joins");
        NS_TEST_EXPECT_MSG_EQ(net.Steps("A1", Seconds(3)),
                              "S11 S12 S13 S14 S15 S17 S18 S19",
                              "A1 accepts");
        NS_TEST_EXPECT_MSG_EQ(net.ports["A1"]->GetMap().Contains(Ipv4Address("192.0.2.31")),
                              true,
                              "A1 knows A3");
        NS_TEST_EXPECT_MSG_EQ(h3.received, 5, "data crosses the tunnel");
        // A1's request reached A3's server before A3's tunnel end existed
        // and was answered: no RADIUS retransmission (3 s) delays the
        // tunnel, which needs SCCRQ, SCCRP, the Access-Request round trip
        // and SCCCN: about 4 trips of 4 ms each.
        Time s5;
        Time s7;
        for (const StepRecord& r : net.steps["A3"])
        {
            s5 = r.step == vr::Step::S5 ? r.at : s5;
            s7 = r.step == vr::Step::S7 ? r.at : s7;
        }
        NS_TEST_EXPECT_MSG_LT(s7 - s5, MilliSeconds(50), "tunnel up without RADIUS retransmission");
        Simulator::Destroy();
    }
};

/// Fig. 10: A3 falls silent; A1 and A2 delete it after the 24 h hold.
class VrPortDeletionTestCase : public TestCase
{
  public:
    VrPortDeletionTestCase()
        : TestCase("Fig. 10: a silent port is deleted after the 24 h hold, not before")
    {
    }

  private:
    void
    DoRun() override
    {
        Fig7Net net(Seconds(10));
        net.AddAt("A1", Seconds(1));
        net.AddAt("A2", Seconds(3));
        net.AddAt("A3", Seconds(10));
        Simulator::Schedule(Seconds(40), &Fig7Net::SetR3Core, &net, false);
        const Ipv4Address a3("192.0.2.31");
        // Half-way through the hold the L2TP keepalive has long dropped
        // the tunnel (RFC 2661 5.5: about 31 s of retransmissions), but A3
        // is still in the maps.
        bool inMapHalfway = false;
        Simulator::Schedule(Hours(12), [&net, &inMapHalfway, a3]() {
            inMapHalfway = net.ports["A1"]->GetMap().Contains(a3) &&
                           net.ports["A2"]->GetMap().Contains(a3);
        });
        Simulator::Stop(Hours(24) + Seconds(400));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(inMapHalfway, true, "the keepalive deletes nothing");
        for (const char* existing : {"A1", "A2"})
        {
            // Monitoring starts when the tunnel comes up (S18 at the existing
            // port); the defaults: every 30 s, silent after 3 unanswered
            // monitors, i.e. at the fourth monitoring time, 4 x 30 s after
            // the start (the link fails before the first monitor); deletion
            // 24 h later, S36-S39 in the seed's order.
            const Time up = net.StepTime(existing, vr::Step::S18, a3);
            const Time silent = net.StepTime(existing, vr::Step::S32, a3);
            NS_TEST_EXPECT_MSG_EQ(silent, up + Seconds(120), existing << ": S32 at the 4th monitor");
            NS_TEST_EXPECT_MSG_EQ(net.StepTime(existing, vr::Step::S33, a3),
                                  silent,
                                  existing << ": S33, the hold starts");
            NS_TEST_EXPECT_MSG_EQ(net.StepTime(existing, vr::Step::S36, a3),
                                  silent + Hours(24),
                                  existing << ": S36 after exactly the hold time");
            NS_TEST_EXPECT_MSG_EQ(net.Steps(existing, silent),
                                  "S32 S33 S36 S37 S38 S39",
                                  existing << " follows Fig. 10");
            NS_TEST_EXPECT_MSG_EQ(net.ports[existing]->GetMap().Contains(a3),
                                  false,
                                  existing << " deleted A3 from its map (S37)");
            NS_TEST_EXPECT_MSG_EQ(net.ports[existing]->GetMap().GetEntries().size(),
                                  1,
                                  existing << " keeps the other port");
            NS_TEST_EXPECT_MSG_EQ(net.ports[existing]->GetRouting()->Lookup(Ipv4Address("10.3.0.2")),
                                  nullptr,
                                  existing << " has no route to A3's network");
        }
        Simulator::Destroy();
    }
};

/// Fig. 10: A3 answers again within the hold time; nothing is deleted.
class VrPortReturnTestCase : public TestCase
{
  public:
    VrPortReturnTestCase()
        : TestCase("Fig. 10: a port back within the hold time is kept, its tunnel reopened")
    {
    }

  private:
    void
    DoRun() override
    {
        Fig7Net net(Seconds(10));
        net.AddAt("A1", Seconds(1));
        net.AddAt("A3", Seconds(3));
        Simulator::Schedule(Seconds(40), &Fig7Net::SetR3Core, &net, false);
        Simulator::Schedule(Hours(1), &Fig7Net::SetR3Core, &net, true);
        Sink h3;
        h3.Open(net.nodes.Get(Fig7Net::H3));
        SendUdp(net.nodes.Get(Fig7Net::H1), Ipv4Address("10.3.0.2"), Hours(1) + Seconds(180), 10);
        Simulator::Stop(Hours(1) + Seconds(200));
        Simulator::Run();

        const Ipv4Address a3("192.0.2.31");
        const Time silent = net.StepTime("A1", vr::Step::S32, a3);
        NS_TEST_EXPECT_MSG_GT(silent, Seconds(40), "A3 fell silent");
        // Back at 1 h: the core adjacency returns within a HelloInterval
        // (10 s), then the next monitor (every 30 s) is answered.
        const Time cleared = net.StepTime("A1", vr::Step::S35, a3);
        NS_TEST_EXPECT_MSG_GT(cleared, Hours(1), "cleared after the return");
        NS_TEST_EXPECT_MSG_LT(cleared, Hours(1) + Seconds(10 + 30), "within a hello and a period");
        NS_TEST_EXPECT_MSG_EQ(net.Steps("A1", silent), "S32 S33 S34 S35", "A1: S34, S35, no deletion");
        NS_TEST_EXPECT_MSG_EQ(net.ports["A1"]->GetMap().Contains(a3), true, "A3 still in A1's map");
        NS_TEST_EXPECT_MSG_EQ(net.ports["A3"]->GetMap().Contains(Ipv4Address("192.0.2.11")),
                              true,
                              "A1 still in A3's map");
        // The keepalive dropped the tunnel during the silence; it was opened
        // again and the routes exchanged anew.
        NS_TEST_EXPECT_MSG_EQ(net.CountActions("A3", "ReopenTunnel"), 1, "A3, the client, reopens");
        NS_TEST_EXPECT_MSG_EQ(net.CountActions("A1", "ReopenTunnel"), 1, "A1 waits with a new end");
        NS_TEST_EXPECT_MSG_EQ(h3.received, 10, "H1 -> H3 through the reopened tunnel");
        Simulator::Destroy();
    }
};

/// A forged addition message: answered (S14, the seed's rule), but no
/// tunnel ever comes; the waiting end is given up (S21), nobody joins.
class VrPortForgedAdditionTestCase : public TestCase
{
  public:
    VrPortForgedAdditionTestCase()
        : TestCase("A forged addition message costs an ACK and a waiting end, then S21")
    {
    }

  private:
    void
    DoRun() override
    {
        Fig7Net net;
        net.AddAt("A1", Seconds(1));
        // Core router X claims a VR port of VPN A at its own address.
        Ptr<Node> x = net.nodes.Get(Fig7Net::X);
        Simulator::Schedule(Seconds(5), [x]() {
            vr::DiscoveryHeader forged;
            forged.SetType(vr::ADDITION);
            forged.SetSequence(7);
            forged.SetVpnId(*vr::VpnId::Parse("00a0c9:00000001"));
            forged.SetRouterId(Ipv4Address("10.255.0.100"));
            forged.SetPortAddress(Ipv4Address("10.255.0.100"));
            Ptr<Packet> packet = Create<Packet>();
            packet->AddHeader(forged);
            Ptr<Socket> socket = Socket::CreateSocket(x, UdpSocketFactory::GetTypeId());
            socket->Bind();
            socket->SendTo(packet, 0, InetSocketAddress(Ipv4Address("10.255.0.1"), vr::DISCOVERY_PORT));
        });
        Simulator::Stop(Seconds(80));
        Simulator::Run();

        const Ipv4Address forger("10.255.0.100");
        NS_TEST_EXPECT_MSG_EQ(net.Steps("A1", Seconds(5)),
                              "S11 S12 S13 S14 S15 S21",
                              "A1 answers, waits, gives up");
        // AcceptTimeout (60 s) after S15.
        NS_TEST_EXPECT_MSG_EQ(net.StepTime("A1", vr::Step::S21, forger) -
                                  net.StepTime("A1", vr::Step::S15, forger),
                              Seconds(60),
                              "given up after AcceptTimeout");
        NS_TEST_EXPECT_MSG_EQ(net.ports["A1"]->GetMap().Contains(forger), false, "nobody joined");
        NS_TEST_EXPECT_MSG_EQ(net.ports["A1"]->GetTunnelInterface(forger), -1, "no tunnel left");
        Simulator::Destroy();
    }
};

/// Credentials changed at run time: A3 fails with a wrong password, gets the
/// right one and announces itself again.
class VrPortCredentialsChangeTestCase : public TestCase
{
  public:
    VrPortCredentialsChangeTestCase()
        : TestCase("Credentials changed at run time: a refused port joins on its next addition")
    {
    }

  private:
    void
    DoRun() override
    {
        Fig7Net net;
        Ptr<vr::VrPort> a3 = net.ports["A3"];
        a3->SetAttribute("Password", StringValue("wrong"));
        net.AddAt("A1", Seconds(1));
        net.AddAt("A3", Seconds(3));
        Simulator::Schedule(Seconds(20), [a3]() {
            a3->SetAttribute("Password", StringValue("pw-a3"));
            a3->Announce();
        });
        Sink h3;
        h3.Open(net.nodes.Get(Fig7Net::H3));
        SendUdp(net.nodes.Get(Fig7Net::H1), Ipv4Address("10.3.0.2"), Seconds(30), 5);
        Simulator::Stop(Seconds(35));
        Simulator::Run();

        NS_TEST_EXPECT_MSG_EQ(net.Steps("A3", Seconds(3)),
                              "S1 S2 S3 S4 S5 S6 S1 S2 S3 S4 S5 S7 S8",
                              "refused, then accepted after the second addition");
        NS_TEST_EXPECT_MSG_EQ(net.Steps("A1", Seconds(20)),
                              "S11 S12 S13 S14 S15 S17 S18 S19",
                              "second addition: A1 accepts A3");
        NS_TEST_EXPECT_MSG_EQ(net.ports["A1"]->GetMap().Contains(Ipv4Address("192.0.2.31")),
                              true,
                              "A3 joined");
        NS_TEST_EXPECT_MSG_EQ(h3.received, 5, "data reaches A3's host");
        Simulator::Destroy();
    }
};

/// Two ports announced at the same instant: each accepts the other (S15),
/// then the lower address opens the tunnel and the higher keeps accepting.
class VrPortCrossedAdditionsTestCase : public TestCase
{
  public:
    VrPortCrossedAdditionsTestCase()
        : TestCase("Crossed additions: two ports added at once still get one tunnel")
    {
    }

  private:
    void
    DoRun() override
    {
        Fig7Net net;
        net.AddAt("A1", Seconds(1));
        net.AddAt("A3", Seconds(1));
        Sink h3;
        h3.Open(net.nodes.Get(Fig7Net::H3));
        SendUdp(net.nodes.Get(Fig7Net::H1), Ipv4Address("10.3.0.2"), Seconds(8), 5);
        Simulator::Stop(Seconds(10));
        Simulator::Run();

        const Ipv4Address a1("192.0.2.11");
        const Ipv4Address a3("192.0.2.31");
        NS_TEST_EXPECT_MSG_EQ(net.ports["A1"]->GetMap().Contains(a3), true, "A1 knows A3");
        NS_TEST_EXPECT_MSG_EQ(net.ports["A3"]->GetMap().Contains(a1), true, "A3 knows A1");
        // 192.0.2.11 < 192.0.2.31: A1 opens (S5, S7, S8), A3 accepts (S17-S19).
        NS_TEST_EXPECT_MSG_GT(net.StepTime("A1", vr::Step::S8, a3), Seconds(0), "A1 opened");
        NS_TEST_EXPECT_MSG_GT(net.StepTime("A3", vr::Step::S19, a1), Seconds(0), "A3 accepted");
        NS_TEST_EXPECT_MSG_EQ(net.StepTime("A3", vr::Step::S21, a1), Seconds(-1), "no error");
        NS_TEST_EXPECT_MSG_EQ(h3.received, 5, "data through the one tunnel");
        Simulator::Destroy();
    }
};

class VrPortAnnounceSpacingTestCase : public TestCase
{
  public:
    VrPortAnnounceSpacingTestCase()
        : TestCase("AnnounceSpacing paces the datagrams of one addition, one per router")
    {
    }

  private:
    void
    DoRun() override
    {
        Fig7Net net;
        net.ports["A3"]->SetAttribute("AnnounceSpacing", TimeValue(MilliSeconds(5)));
        net.AddAt("A1", Seconds(1));
        net.AddAt("A2", Seconds(3));
        net.AddAt("A3", Seconds(10));
        const Ipv4Address a3("192.0.2.31");
        std::vector<std::pair<Time, Ipv4Address>> sent;
        vr::DiscoveryPort::Get(net.nodes.Get(Fig7Net::R3))
            ->TraceConnectWithoutContext(
                "Tx",
                Callback<void, const vr::DiscoveryHeader&, Ipv4Address, Ipv4Address>(
                    [&sent, a3](const vr::DiscoveryHeader& m, Ipv4Address to, Ipv4Address from) {
                        if (m.GetType() == vr::ADDITION && from == a3)
                        {
                            sent.emplace_back(Simulator::Now(), to);
                        }
                    }));
        Simulator::Stop(Seconds(13));
        Simulator::Run();

        // S1 goes to every router the core knows (X, R1, R2, R3), the k-th
        // datagram k x 5 ms after the first.
        NS_TEST_ASSERT_MSG_EQ(sent.size(), 4u, "one datagram per router");
        std::set<Ipv4Address> routers;
        for (size_t k = 0; k < sent.size(); ++k)
        {
            NS_TEST_EXPECT_MSG_EQ(sent[k].first,
                                  Seconds(10) + MilliSeconds(5) * static_cast<int64_t>(k),
                                  "datagram " << k << " AnnounceSpacing after the one before");
            routers.insert(sent[k].second);
        }
        NS_TEST_EXPECT_MSG_EQ(routers.size(), 4u, "four different routers");
        // The join of Fig. 7 is unchanged: both tunnels, routes exchanged.
        NS_TEST_EXPECT_MSG_GT(net.StepTime("A3", vr::Step::S8, Ipv4Address("192.0.2.11")),
                              Seconds(10),
                              "A3 joined A1");
        NS_TEST_EXPECT_MSG_GT(net.StepTime("A3", vr::Step::S8, Ipv4Address("192.0.2.21")),
                              Seconds(10),
                              "A3 joined A2");
        Simulator::Destroy();
    }
};

/// AdditionDelivery Flood on Fig. 7's core with a loop (R1-R2 added):
/// every router relays each addition once, and the join is Fig. 7's.
class VrPortFloodedAdditionTestCase : public TestCase
{
  public:
    VrPortFloodedAdditionTestCase()
        : TestCase("Flooded additions: one copy per link but the arrival one, Figs. 8-9 unchanged")
    {
    }

  private:
    void
    DoRun() override
    {
        Fig7Net net(Seconds(1), true);
        const std::vector<uint32_t> routers = {Fig7Net::X, Fig7Net::R1, Fig7Net::R2, Fig7Net::R3};
        const Ipv4Address a3("192.0.2.31");
        std::map<uint32_t, uint32_t> a3Sent; // A3's additions sent, by sequence number
        uint32_t additionsSent = 0;
        for (uint32_t r : routers)
        {
            Ptr<vr::DiscoveryPort> discovery = vr::DiscoveryPort::Get(net.nodes.Get(r));
            discovery->StartRelay(MakeCallback(&ospf::Protocol::GetAdjacentAddresses, net.core[r]));
            discovery->TraceConnectWithoutContext(
                "Tx",
                Callback<void, const vr::DiscoveryHeader&, Ipv4Address, Ipv4Address>(
                    [&](const vr::DiscoveryHeader& m, Ipv4Address, Ipv4Address) {
                        if (m.GetType() == vr::ADDITION)
                        {
                            ++additionsSent;
                            a3Sent[m.GetSequence()] += m.GetPortAddress() == a3 ? 1 : 0;
                        }
                    }));
        }
        for (const auto& [name, port] : net.ports)
        {
            port->SetAttribute("AdditionDelivery", EnumValue(vr::VrPort::ADDITION_FLOOD));
        }
        net.AddAt("A1", Seconds(1));
        net.AddAt("A2", Seconds(3));
        net.AddAt("B", Seconds(5));
        net.AddAt("A3", Seconds(10));
        // A later addition of the same port (a new sequence number) floods again.
        Simulator::Schedule(Seconds(15), [&net]() {
            net.ports["A3"]->Announce();
        });
        Simulator::Stop(Seconds(17));
        Simulator::Run();

        // Core links: X-R1, X-R2, X-R3, R1-R2 (4 links, 4 routers). The
        // origin sends on each of its links, every other router on each
        // link but the one its first copy came by: 2 x 4 - (4 - 1) = 5
        // datagrams, of which 4 - 1 = 3 are first copies, 2 duplicates.
        NS_TEST_EXPECT_MSG_EQ(a3Sent[1], 5u, "A3's first addition: five datagrams");
        NS_TEST_EXPECT_MSG_EQ(a3Sent[2], 5u, "A3's second addition floods again");
        NS_TEST_EXPECT_MSG_EQ(additionsSent, 5u * 5u, "five additions (A1, A2, B, A3 twice)");
        uint32_t duplicates = 0;
        for (uint32_t r : routers)
        {
            duplicates += vr::DiscoveryPort::Get(net.nodes.Get(r))->GetDuplicateCount();
        }
        NS_TEST_EXPECT_MSG_EQ(duplicates, 5u * 2u, "two duplicates dropped per addition");

        // Each port took A3's first addition once: Figs. 8 and 9 as with
        // one datagram per router (the first test case).
        auto stepsBefore = [&net](const std::string& name, Time from, Time to) {
            std::string out;
            for (const StepRecord& r : net.steps.at(name))
            {
                if (r.at >= from && r.at < to)
                {
                    out += (out.empty() ? "" : " ") + vr::StepName(r.step);
                }
            }
            return out;
        };
        NS_TEST_EXPECT_MSG_EQ(stepsBefore("A3", Seconds(10), Seconds(15)),
                              "S1 S2 S3 S2 S3 S4 S4 S5 S7 S8 S5 S7 S8",
                              "A3 follows Fig. 8");
        for (const char* existing : {"A1", "A2"})
        {
            NS_TEST_EXPECT_MSG_EQ(stepsBefore(existing, Seconds(10), Seconds(15)),
                                  "S11 S12 S13 S14 S15 S17 S18 S19",
                                  existing << " follows Fig. 9, once");
        }
        NS_TEST_EXPECT_MSG_EQ(
            stepsBefore("B", Seconds(10), Seconds(15)), "S11 S12", "B stays silent");
        for (const char* name : {"A1", "A2", "A3"})
        {
            NS_TEST_EXPECT_MSG_EQ(net.ports[name]->GetMap().GetEntries().size(),
                                  2u,
                                  name << "'s map holds the other ports of VPN A");
        }
        Simulator::Destroy();
    }
};

class VrPortTestSuite : public TestSuite
{
  public:
    VrPortTestSuite()
        : TestSuite("ipvpn-vr-port", TestSuite::Type::UNIT)
    {
        AddTestCase(new VrPortAdditionTestCase());
        AddTestCase(new VrPortBadCredentialsTestCase());
        AddTestCase(new VrPortMutualTestCase());
        AddTestCase(new VrPortDeletionTestCase());
        AddTestCase(new VrPortReturnTestCase());
        AddTestCase(new VrPortForgedAdditionTestCase());
        AddTestCase(new VrPortCredentialsChangeTestCase());
        AddTestCase(new VrPortCrossedAdditionsTestCase());
        AddTestCase(new VrPortAnnounceSpacingTestCase());
        AddTestCase(new VrPortFloodedAdditionTestCase());
    }
};

VrPortTestSuite g_vrPortTestSuite;

} // namespace
