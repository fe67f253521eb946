/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * VR ports with DataPlane Mpls on the seed's Fig. 13: VR port 11a on
 * router 10, 21a on router 20, core router X between them; the core runs
 * OSPF and LDP. Fig. 13 as the seed tells it: 21a's label is F (bound by
 * router 20's LDP for 21a's address, the label matrix leading it into
 * 21a's VRF), X's label for that FEC is E; 11a pushes E, X swaps E -> F,
 * 21a pops and hands the packet to A3. Labels from each LSR's range (router
 * k's from 1000 k): E from X's, F from router 20's. Every router routes
 * with a vr::VrfRoutingProtocol (X holds no VRF), so no FTN hook labels the
 * routers' own traffic: only the VR ports push labels.
 */

#include "ns3/ipvpn-routing-helper.h"
#include "ns3/ipvpn-routing-protocol.h"
#include "ns3/ldp-helper.h"
#include "ns3/ldp-protocol.h"
#include "ns3/mpls-helper.h"
#include "ns3/mpls-protocol.h"
#include "ns3/test.h"

#include "ipvpn-vr-port-test-net.h"

using namespace ns3;
using namespace vrtest;

namespace
{

/// Counts X's swaps E -> F.
struct SwapLog
{
    std::map<std::pair<uint32_t, uint32_t>, uint32_t> swaps;

    void
    Swap(Ptr<const Packet>, uint32_t in, uint32_t out, uint32_t)
    {
        ++swaps[{in, out}];
    }
};

class VrPortMplsTestCase : public TestCase
{
  public:
    VrPortMplsTestCase()
        : TestCase("Fig. 13: 11a pushes E, X swaps E for F, 21a pops into its VRF")
    {
    }

  private:
    void
    DoRun() override
    {
        NodeContainer routers; // R10, X, R20
        routers.Create(3);
        NodeContainer hosts; // A1, A3
        hosts.Create(2);
        InternetStackHelper stack;
        IpvpnRoutingHelper plain;
        stack.SetRoutingHelper(plain);
        stack.Install(hosts);
        // Every router a VrfRoutingProtocol (X with no VRF): the routers'
        // own traffic goes unlabelled, only the VR ports push labels.
        VrfRoutingHelper edge;
        stack.SetRoutingHelper(edge);
        stack.Install(routers);

        MplsHelper mpls;
        mpls.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
        mpls.SetChannelAttribute("Delay", StringValue("2ms"));
        NetDeviceContainer left = mpls.InstallLink(routers.Get(0), routers.Get(1));
        NetDeviceContainer right = mpls.InstallLink(routers.Get(1), routers.Get(2));
        std::vector<uint32_t> coreIf[3];
        auto assign = [](Ptr<NetDevice> d, const char* a, const char* m) {
            Ptr<Ipv4> ip = d->GetNode()->GetObject<Ipv4>();
            const uint32_t i = ip->AddInterface(d);
            ip->AddAddress(i, Ipv4InterfaceAddress(Ipv4Address(a), Ipv4Mask(m)));
            ip->SetUp(i);
            return i;
        };
        coreIf[0].push_back(assign(left.Get(0), "10.0.1.1", "/24"));
        coreIf[1].push_back(assign(left.Get(1), "10.0.1.2", "/24"));
        coreIf[1].push_back(assign(right.Get(0), "10.0.2.1", "/24"));
        coreIf[2].push_back(assign(right.Get(1), "10.0.2.2", "/24"));

        // User lines in VRF 1 of routers 10 and 20.
        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue("1ms"));
        uint32_t userIf[3] = {0, 0, 0};
        const char* userNet[3] = {"10.1.0", "", "10.3.0"};
        for (uint32_t r : {0u, 2u})
        {
            Ptr<vr::VrfRoutingProtocol> vrf = VrfRoutingHelper::GetRouting(routers.Get(r));
            vrf->AddVrf(1);
            NetDeviceContainer line = p2p.Install(routers.Get(r), hosts.Get(r / 2));
            vrf->AssignDevice(line.Get(0), 1);
            const std::string net = userNet[r];
            userIf[r] = assign(line.Get(0), (net + ".1").c_str(), "/24");
            assign(line.Get(1), (net + ".2").c_str(), "/24");
            DynamicCast<IpvpnRoutingProtocol>(
                hosts.Get(r / 2)->GetObject<Ipv4>()->GetRoutingProtocol())
                ->AddStaticRoute(Ipv4Address::GetZero(),
                                 Ipv4Mask::GetZero(),
                                 Ipv4Address((net + ".1").c_str()),
                                 1);
        }
        const char* routerId[3] = {"10.255.0.10", "10.255.0.1", "10.255.0.20"};
        const char* portAddress[3] = {"192.0.2.11", "", "192.0.2.21"};
        std::vector<Ptr<ospf::Protocol>> core;
        for (uint32_t r = 0; r < 3; ++r)
        {
            Ptr<Ipv4> ip = routers.Get(r)->GetObject<Ipv4>();
            ip->AddAddress(0, Ipv4InterfaceAddress(Ipv4Address(routerId[r]), Ipv4Mask::GetOnes()));
            if (r != 1)
            {
                ip->AddAddress(0,
                               Ipv4InterfaceAddress(Ipv4Address(portAddress[r]),
                                                    Ipv4Mask::GetOnes()));
            }
            Ptr<ospf::Protocol> ospf = CreateObject<ospf::Protocol>();
            FastOspf(ospf, Seconds(1));
            ospf->SetAttribute("RouterId", Ipv4AddressValue(Ipv4Address(routerId[r])));
            ospf->SetNode(routers.Get(r));
            ospf->AddInterface(0);
            for (uint32_t i : coreIf[r])
            {
                ospf->AddInterface(i);
            }
            ospf->Start();
            core.push_back(ospf);
            // Router k's labels from 1000 k (Fig. 13: router 10 is the first,
            // X the second, router 20 the third).
            mpls.SetProtocolAttribute("MinLabel", UintegerValue(1000 * (r + 1)));
            mpls.SetProtocolAttribute("MaxLabel", UintegerValue(1000 * (r + 1) + 999));
            mpls.Install(routers.Get(r));
        }
        LdpHelper ldp;
        ldp.Set("StartTime", TimeValue(Seconds(0.5)));
        ldp.Set("EgressLabel", EnumValue(static_cast<int>(ldp::EgressLabel::NON_NULL)));
        ldp.Install(routers);
        for (uint32_t r : {0u, 2u})
        {
            LdpHelper::Get(routers.Get(r))->SetInterfaceEnabled(userIf[r], false);
        }
        // LDP follows the core's OSPF.
        for (uint32_t r = 0; r < 3; ++r)
        {
            Ptr<ldp::Protocol> l = LdpHelper::Get(routers.Get(r));
            IpvpnRoutingHelper::GetRouting(routers.Get(r)->GetObject<Ipv4>())
                ->TraceConnectWithoutContext(
                    "RouteChange",
                    MakeCallback(+[](Ptr<ldp::Protocol> p, const IpvpnRouteChange&) {
                        p->RoutingChanged();
                    }).Bind(l));
        }

        std::map<std::string, Ptr<vr::VrPort>> ports;
        for (uint32_t r : {0u, 2u})
        {
            Ptr<vr::VrPort> port = CreateObject<vr::VrPort>();
            const std::string name = r == 0 ? "11a" : "21a";
            port->SetAttribute("VpnId", StringValue("00a0c9:00000001"));
            port->SetAttribute("Address", Ipv4AddressValue(Ipv4Address(portAddress[r])));
            port->SetAttribute("RouterId", Ipv4AddressValue(Ipv4Address(routerId[r])));
            port->SetAttribute("Name", StringValue(name));
            port->SetAttribute("Password", StringValue("pw-" + name));
            port->SetAttribute("RadiusSecret", StringValue("radius-a"));
            port->SetAttribute("DataPlane", EnumValue(vr::VrPort::DATA_MPLS));
            port->SetOspfAttribute("RxmtInterval", TimeValue(Seconds(1)));
            port->SetOspfAttribute("HelloInterval", TimeValue(Seconds(1)));
            port->SetNode(routers.Get(r));
            port->SetVrf(VrfRoutingHelper::GetRouting(routers.Get(r)), 1);
            port->AddUserInterface(userIf[r]);
            port->AddCredential("11a", "pw-11a");
            port->AddCredential("21a", "pw-21a");
            port->SetRouterList(MakeCallback(&ospf::Protocol::GetKnownRouters, core[r]));
            ports[name] = port;
        }
        Simulator::Schedule(Seconds(1), [ports]() {
            ports.at("21a")->Start();
            ports.at("21a")->Announce();
            ports.at("11a")->Start();
        });
        Simulator::Schedule(Seconds(2), [ports]() { ports.at("11a")->Announce(); });

        SwapLog log;
        routers.Get(1)->GetObject<mpls::Protocol>()->TraceConnectWithoutContext(
            "Swap",
            MakeCallback(&SwapLog::Swap, &log));
        Sink a3;
        a3.Open(hosts.Get(1));
        SendUdp(hosts.Get(0), Ipv4Address("10.3.0.2"), Seconds(8), 10);
        // An attacker at X pushes a label bound to nothing (the largest
        // 20-bit label) onto a datagram for A3 and sends it to router 20:
        // it is dropped there, not delivered into any VRF. (A label bound
        // to a port, spoofed from inside the core, does get in: the core is
        // trusted, as in every MPLS VPN.)
        Ptr<Node> x = routers.Get(1);
        const int32_t xToR20 = static_cast<int32_t>(right.Get(0)->GetIfIndex());
        Simulator::Schedule(Seconds(9.5), [x, xToR20]() {
            Ipv4Header header;
            header.SetSource(Ipv4Address("10.1.0.2"));
            header.SetDestination(Ipv4Address("10.3.0.2"));
            header.SetProtocol(17);
            header.SetTtl(64);
            header.SetPayloadSize(108);
            const uint32_t spoofed = 0xFFFFF;
            x->GetObject<mpls::Protocol>()->SendIpv4(
                Create<Packet>(108),
                header,
                mpls::Nhlfe::Push({spoofed}, xToR20, Ipv4Address("10.0.2.2")),
                false);
        });
        Simulator::Stop(Seconds(10));
        Simulator::Run();

        const mpls::PrefixFec fec21a(Ipv4Address("192.0.2.21"), 32);
        const std::optional<uint32_t> f = ports["21a"]->GetLabel();
        const std::optional<uint32_t> e = LdpHelper::Get(routers.Get(1))->GetLocalLabel(fec21a);
        NS_TEST_ASSERT_MSG_EQ(f.has_value(), true, "21a has its label F");
        NS_TEST_ASSERT_MSG_EQ(e.has_value(), true, "X bound E for 21a's address");
        // Each LSR's first label: X's from 2000, router 20's from 3000.
        NS_TEST_EXPECT_MSG_EQ(*f / 1000, 3, "F from router 20's range");
        NS_TEST_EXPECT_MSG_EQ(*e / 1000, 2, "E from X's range");
        NS_TEST_EXPECT_MSG_EQ(LdpHelper::Get(routers.Get(0))->GetOutLabel(fec21a).value_or(0),
                              *e,
                              "router 10 pushes E");
        NS_TEST_EXPECT_MSG_EQ(a3.received, 10, "A1's data reaches A3, the spoofed packet does not");
        NS_TEST_EXPECT_MSG_EQ(
            routers.Get(2)->GetObject<mpls::Protocol>()->GetDropCount(mpls::Protocol::DROP_NO_ILM_ENTRY),
            1,
            "router 20 drops the label bound to nothing");
        NS_TEST_EXPECT_MSG_EQ(ports["11a"]->GetLabelledCount(), 10, "all of it labelled at 11a");
        NS_TEST_EXPECT_MSG_EQ((log.swaps[{*e, *f}]), 10, "X swapped E for F each time");
        NS_TEST_EXPECT_MSG_EQ(ports["11a"]->GetMap().Contains(Ipv4Address("192.0.2.21")),
                              true,
                              "the ports found each other over the control channel");
        Simulator::Destroy();
    }
};

class VrPortMplsTestSuite : public TestSuite
{
  public:
    VrPortMplsTestSuite()
        : TestSuite("ipvpn-vr-mpls", TestSuite::Type::UNIT)
    {
        AddTestCase(new VrPortMplsTestCase());
    }
};

VrPortMplsTestSuite g_vrPortMplsTestSuite;

} // namespace
