/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The MPLS data plane in simulation, on the topology of the seed's Fig. 13:
 *
 *   A1 --- router 10 ===== X ===== router 20 --- A3
 *          (ingress)     (LSR)     (egress)
 *
 * Router 10 pushes label E for A3's prefix, X swaps E -> F, router 20 pops
 * and delivers to A3 (labels configured statically). Expected TTLs follow
 * from RFC 3032 section 2.4 / RFC 3443 (uniform model): each router on the
 * path takes one off, exactly as plain IPv4 forwarding would.
 */
#include "ipvpn-pcap-check.h"
#include "ns3/boolean.h"
#include "ns3/csma-helper.h"
#include "ns3/global-value.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/mpls-helper.h"
#include "ns3/mpls-protocol.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/udp-socket-factory.h"

#include <cstdlib>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <vector>

using namespace ns3;
using namespace ns3::mpls;

namespace
{

using ipvpntest::CanCheckPcaps;
using ipvpntest::CountFrames;
using ipvpntest::PcapCheck;
using ipvpntest::PcapCheckTool;

constexpr uint32_t LABEL_E = 1000; ///< label X binds for A3's prefix
constexpr uint32_t LABEL_F = 2000; ///< label router 20 binds for it
constexpr uint32_t LABEL_VPN = 500;     ///< inner label naming A3's VR port
constexpr uint32_t LABEL_UNKNOWN = 999; ///< bound nowhere
constexpr uint32_t kPackets = 10;

struct Options
{
    bool php = false;          ///< X pops (penultimate hop popping)
    uint8_t ipTtl = 64;        ///< TTL the sender puts in the IP header
    bool fromRouter10 = false; ///< traffic originates at router 10 itself
    bool csmaCore = false;     ///< X - router 20 over CSMA instead of PPP
    bool vpnStack = false;     ///< two labels: VPN label under the LSP label
    bool unknownLabel = false; ///< router 10 pushes a label X has no ILM for
    std::string pcapIn;        ///< pcap of X's device towards router 10
    std::string pcapOut;       ///< pcap of X's device towards router 20
};

struct Counters
{
    uint32_t push = 0;
    uint32_t swap = 0;
    uint32_t pop = 0;
    uint32_t drop = 0;
    uint32_t lastPushLabel = 0;
    uint32_t lastSwapIn = 0;
    uint32_t lastSwapOut = 0;
};

struct Fig13Result
{
    Counters r10;
    Counters x;
    Counters r20;
    uint64_t xTtlDrops = 0;
    uint64_t xNoIlmDrops = 0;
    uint32_t delivered = 0;
    std::vector<uint8_t> ttls;
    std::vector<uint32_t> lspLabels;
};

void
OnPush(Counters* c, Ptr<const Packet>, uint32_t label, uint32_t)
{
    ++c->push;
    c->lastPushLabel = label;
}

void
OnSwap(Counters* c, Ptr<const Packet>, uint32_t in, uint32_t out, uint32_t)
{
    ++c->swap;
    c->lastSwapIn = in;
    c->lastSwapOut = out;
}

void
OnPop(Counters* c, Ptr<const Packet>, uint32_t, uint32_t)
{
    ++c->pop;
}

void
OnDrop(Counters* c, Ptr<const Packet>, Protocol::DropReason)
{
    ++c->drop;
}

void
OnReceive(Fig13Result* r, Ptr<Socket> socket)
{
    while (Ptr<Packet> p = socket->Recv())
    {
        ++r->delivered;
        SocketIpTtlTag tag;
        if (p->RemovePacketTag(tag))
        {
            r->ttls.push_back(tag.GetTtl());
        }
    }
}

void
Watch(Ptr<Node> node, Counters* c)
{
    Ptr<Protocol> mpls = node->GetObject<Protocol>();
    mpls->TraceConnectWithoutContext("Push", MakeBoundCallback(&OnPush, c));
    mpls->TraceConnectWithoutContext("Swap", MakeBoundCallback(&OnSwap, c));
    mpls->TraceConnectWithoutContext("Pop", MakeBoundCallback(&OnPop, c));
    mpls->TraceConnectWithoutContext("Drop", MakeBoundCallback(&OnDrop, c));
}

/// Builds Fig. 13, sends kPackets UDP datagrams towards A3, runs, destroys.
Fig13Result
RunFig13(const Options& o)
{
    Fig13Result r;
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    NodeContainer nodes;
    nodes.Create(5);
    Ptr<Node> a1 = nodes.Get(0);
    Ptr<Node> r10 = nodes.Get(1);
    Ptr<Node> x = nodes.Get(2);
    Ptr<Node> r20 = nodes.Get(3);
    Ptr<Node> a3 = nodes.Get(4);

    MplsHelper mplsHelper;
    mplsHelper.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    mplsHelper.SetChannelAttribute("Delay", StringValue("2ms"));
    NetDeviceContainer access1 = mplsHelper.InstallLink(a1, r10);
    NetDeviceContainer core1 = mplsHelper.InstallLink(r10, x);
    NetDeviceContainer core2;
    if (o.csmaCore)
    {
        CsmaHelper csma;
        csma.SetChannelAttribute("Delay", StringValue("2ms"));
        core2 = csma.Install(NodeContainer(x, r20));
    }
    else
    {
        core2 = mplsHelper.InstallLink(x, r20);
    }
    NetDeviceContainer access3 = mplsHelper.InstallLink(r20, a3);

    InternetStackHelper stack;
    stack.Install(nodes);
    Ipv4AddressHelper addr;
    addr.SetBase("10.1.1.0", "255.255.255.0");
    addr.Assign(access1);
    addr.SetBase("10.0.1.0", "255.255.255.0");
    addr.Assign(core1);
    addr.SetBase("10.0.2.0", "255.255.255.0");
    addr.Assign(core2);
    addr.SetBase("10.3.3.0", "255.255.255.0");
    Ipv4InterfaceContainer hosts3 = addr.Assign(access3);
    const Ipv4Address a3Address = hosts3.GetAddress(1);

    // Only A1 has an IP route towards A3: router 10 and X reach it solely
    // through the LSP; router 20 has A3's subnet as connected route.
    Ipv4StaticRoutingHelper staticRouting;
    staticRouting.GetStaticRouting(a1->GetObject<Ipv4>())
        ->SetDefaultRoute(Ipv4Address("10.1.1.2"), 1);

    mplsHelper.Install(NodeContainer(r10, x, r20));
    std::vector<uint32_t> labels = {LABEL_E};
    if (!o.php)
    {
        labels.push_back(LABEL_F);
    }
    const PrefixFec a3Prefix(Ipv4Address("10.3.3.0"), 24);
    if (o.vpnStack || o.unknownLabel)
    {
        // Tables through the engine's API, as ldp::LabelDriver programs them.
        const auto r10Out = static_cast<int32_t>(core1.Get(0)->GetIfIndex());
        const auto xOut = static_cast<int32_t>(core2.Get(0)->GetIfIndex());
        std::vector<uint32_t> push = {LABEL_VPN, LABEL_E};
        if (o.unknownLabel)
        {
            push = {LABEL_UNKNOWN};
        }
        r10->GetObject<Protocol>()->AddFtn(a3Prefix,
                                           Nhlfe::Push(push, r10Out, Ipv4Address("10.0.1.2")));
        x->GetObject<Protocol>()->AddIlm(LABEL_E,
                                         Nhlfe::Swap(LABEL_F, xOut, Ipv4Address("10.0.2.2")));
        Ptr<Protocol> egress = r20->GetObject<Protocol>();
        egress->AddIlm(LABEL_F, Nhlfe::PopAndDeliver());
        // The VPN label selects the interface (VR port) the packet enters.
        const int32_t a3Side = r20->GetObject<Ipv4>()->GetInterfaceForDevice(access3.Get(0));
        egress->AddIlm(LABEL_VPN, Nhlfe::PopAndDeliver(a3Side, 7));
    }
    else
    {
        r.lspLabels = MplsHelper::SetupStaticLsp(a3Prefix,
                                                 {core1.Get(0), core2.Get(0)},
                                                 o.php,
                                                 labels);
    }
    Watch(r10, &r.r10);
    Watch(x, &r.x);
    Watch(r20, &r.r20);
    if (!o.pcapIn.empty())
    {
        mplsHelper.EnablePcap(o.pcapIn, core1.Get(1), false, true);
    }
    if (!o.pcapOut.empty())
    {
        if (o.csmaCore)
        {
            CsmaHelper().EnablePcap(o.pcapOut, core2.Get(0), false, true);
        }
        else
        {
            mplsHelper.EnablePcap(o.pcapOut, core2.Get(0), false, true);
        }
    }

    TypeId udp = UdpSocketFactory::GetTypeId();
    Ptr<Socket> sink = Socket::CreateSocket(a3, udp);
    sink->Bind(InetSocketAddress(Ipv4Address::GetAny(), 9));
    sink->SetIpRecvTtl(true);
    sink->SetRecvCallback(MakeBoundCallback(&OnReceive, &r));
    Ptr<Socket> source = Socket::CreateSocket(o.fromRouter10 ? r10 : a1, udp);
    source->SetIpTtl(o.ipTtl);
    source->Connect(InetSocketAddress(a3Address, 9));
    for (uint32_t i = 0; i < kPackets; ++i)
    {
        Simulator::Schedule(Seconds(1) + MilliSeconds(10 * i), [source]() {
            source->Send(Create<Packet>(100));
        });
    }
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    r.xTtlDrops = x->GetObject<Protocol>()->GetDropCount(Protocol::DROP_TTL_EXPIRED);
    r.xNoIlmDrops = x->GetObject<Protocol>()->GetDropCount(Protocol::DROP_NO_ILM_ENTRY);
    sink->Close();
    source->Close();
    Simulator::Destroy();
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));
    return r;
}

} // namespace

/// Fig. 13: push E, swap E -> F, pop, deliver; pcaps decoded by tshark.
class MplsFig13SwapTestCase : public TestCase
{
  public:
    MplsFig13SwapTestCase()
        : TestCase("Fig. 13: router 10 pushes E, X swaps E->F, router 20 pops")
    {
    }

  private:
    void DoRun() override
    {
        Options o;
        o.pcapIn = CreateTempDirFilename("mpls-x-in.pcap");
        o.pcapOut = CreateTempDirFilename("mpls-x-out.pcap");
        Fig13Result r = RunFig13(o);
        NS_TEST_ASSERT_MSG_EQ(r.lspLabels.size(), 2, "one label per link");
        NS_TEST_EXPECT_MSG_EQ(r.delivered, kPackets, "every datagram reaches A3");
        NS_TEST_EXPECT_MSG_EQ(r.r10.push, kPackets, "router 10 labels each packet");
        NS_TEST_EXPECT_MSG_EQ(r.r10.lastPushLabel, LABEL_E, "router 10 pushes E");
        NS_TEST_EXPECT_MSG_EQ(r.x.swap, kPackets, "X swaps each packet");
        NS_TEST_EXPECT_MSG_EQ(r.x.lastSwapIn, LABEL_E, "X receives E");
        NS_TEST_EXPECT_MSG_EQ(r.x.lastSwapOut, LABEL_F, "X sends F");
        NS_TEST_EXPECT_MSG_EQ(r.x.pop, 0, "X does not pop");
        NS_TEST_EXPECT_MSG_EQ(r.r20.pop, kPackets, "router 20 pops");
        NS_TEST_EXPECT_MSG_EQ(r.x.drop + r.r10.drop + r.r20.drop, 0, "no drops");
        NS_TEST_ASSERT_MSG_EQ(r.ttls.size(), kPackets, "TTL seen on every datagram");
        // Three routers on the path, three decrements: 64 - 3.
        NS_TEST_EXPECT_MSG_EQ(static_cast<uint32_t>(r.ttls.front()), 61, "IP TTL at A3");

        if (!CanCheckPcaps())
        {
            return;
        }
        const std::string e = "mpls.label == " + std::to_string(LABEL_E);
        const std::string f = "mpls.label == " + std::to_string(LABEL_F);
        NS_TEST_EXPECT_MSG_EQ(PcapCheck(o.pcapIn, {"mpls", e, "udp"}), true, "X in: MPLS label E");
        NS_TEST_EXPECT_MSG_EQ(PcapCheck(o.pcapOut, {"mpls", f, "udp"}), true, "X out: label F");
        const std::string scratch = CreateTempDirFilename("count.txt");
        NS_TEST_EXPECT_MSG_EQ(CountFrames(o.pcapIn, e, scratch), static_cast<int>(kPackets),
                              "every frame into X carries E");
        NS_TEST_EXPECT_MSG_EQ(CountFrames(o.pcapIn, f, scratch), 0, "no F before X");
        NS_TEST_EXPECT_MSG_EQ(CountFrames(o.pcapOut, f, scratch), static_cast<int>(kPackets),
                              "every frame out of X carries F");
        NS_TEST_EXPECT_MSG_EQ(CountFrames(o.pcapOut, e, scratch), 0, "no E after X");
        // Label TTL after one swap: A1's 64, minus router 10, minus X.
        NS_TEST_EXPECT_MSG_EQ(CountFrames(o.pcapOut, "mpls.ttl == 62", scratch),
                              static_cast<int>(kPackets), "label TTL out of X");
    }
};

/// A labeled packet arriving at X with TTL 1 is dropped and counted.
class MplsTtlExpiryTestCase : public TestCase
{
  public:
    MplsTtlExpiryTestCase()
        : TestCase("Fig. 13: label TTL 1 at X is dropped and counted")
    {
    }

  private:
    void DoRun() override
    {
        Options o;
        o.ipTtl = 2; // router 10 decrements to 1 and copies it to the label
        Fig13Result r = RunFig13(o);
        NS_TEST_EXPECT_MSG_EQ(r.r10.push, kPackets, "router 10 still labels");
        NS_TEST_EXPECT_MSG_EQ(r.x.swap, 0, "X does not forward");
        NS_TEST_EXPECT_MSG_EQ(r.x.drop, kPackets, "Drop trace fired at X");
        NS_TEST_EXPECT_MSG_EQ(r.xTtlDrops, kPackets, "counted as TTL expired");
        NS_TEST_EXPECT_MSG_EQ(r.delivered, 0, "nothing reaches A3");
    }
};

/// Penultimate hop popping: X pops, router 20 receives plain IPv4.
class MplsPhpTestCase : public TestCase
{
  public:
    MplsPhpTestCase()
        : TestCase("Fig. 13 with penultimate hop popping at X")
    {
    }

  private:
    void DoRun() override
    {
        Options o;
        o.php = true;
        o.pcapOut = CreateTempDirFilename("mpls-php-x-out.pcap");
        Fig13Result r = RunFig13(o);
        NS_TEST_ASSERT_MSG_EQ(r.lspLabels.size(), 2, "two links");
        NS_TEST_EXPECT_MSG_EQ(r.lspLabels[1], static_cast<uint32_t>(LABEL_IMPLICIT_NULL),
                              "implicit null on the last link");
        NS_TEST_EXPECT_MSG_EQ(r.delivered, kPackets, "every datagram reaches A3");
        NS_TEST_EXPECT_MSG_EQ(r.x.pop, kPackets, "X pops");
        NS_TEST_EXPECT_MSG_EQ(r.x.swap, 0, "X does not swap");
        NS_TEST_EXPECT_MSG_EQ(r.r20.pop, 0, "router 20 sees no label");
        NS_TEST_ASSERT_MSG_EQ(r.ttls.size(), kPackets, "TTL seen on every datagram");
        NS_TEST_EXPECT_MSG_EQ(static_cast<uint32_t>(r.ttls.front()), 61, "IP TTL at A3");
        if (CanCheckPcaps())
        {
            const std::string scratch = CreateTempDirFilename("count.txt");
            NS_TEST_EXPECT_MSG_EQ(PcapCheck(o.pcapOut, {"udp"}), true, "X out: valid IPv4/UDP");
            NS_TEST_EXPECT_MSG_EQ(CountFrames(o.pcapOut, "mpls", scratch), 0, "no label after X");
            NS_TEST_EXPECT_MSG_EQ(CountFrames(o.pcapOut, "ip.ttl == 62", scratch),
                                  static_cast<int>(kPackets), "IP TTL out of X");
        }
    }
};

/// Traffic originated by router 10 itself goes through the FTN as well.
class MplsLocalIngressTestCase : public TestCase
{
  public:
    MplsLocalIngressTestCase()
        : TestCase("Fig. 13: traffic originated at router 10 is labeled")
    {
    }

  private:
    void DoRun() override
    {
        Options o;
        o.fromRouter10 = true;
        Fig13Result r = RunFig13(o);
        NS_TEST_EXPECT_MSG_EQ(r.r10.push, kPackets, "router 10 labels its own packets");
        NS_TEST_EXPECT_MSG_EQ(r.x.swap, kPackets, "X swaps");
        NS_TEST_EXPECT_MSG_EQ(r.delivered, kPackets, "every datagram reaches A3");
        NS_TEST_ASSERT_MSG_EQ(r.ttls.size(), kPackets, "TTL seen on every datagram");
        // Originated with 64; X and router 20 take one each.
        NS_TEST_EXPECT_MSG_EQ(static_cast<uint32_t>(r.ttls.front()), 62, "IP TTL at A3");
    }
};

/// The X - router 20 link is CSMA (EtherType 0x8847 natively).
class MplsCsmaTestCase : public TestCase
{
  public:
    MplsCsmaTestCase()
        : TestCase("Fig. 13 with a CSMA link between X and router 20")
    {
    }

  private:
    void DoRun() override
    {
        Options o;
        o.csmaCore = true;
        o.pcapOut = CreateTempDirFilename("mpls-csma-x-out.pcap");
        Fig13Result r = RunFig13(o);
        NS_TEST_EXPECT_MSG_EQ(r.x.swap, kPackets, "X swaps");
        NS_TEST_EXPECT_MSG_EQ(r.r20.pop, kPackets, "router 20 pops");
        NS_TEST_EXPECT_MSG_EQ(r.delivered, kPackets, "every datagram reaches A3");
        if (CanCheckPcaps())
        {
            const std::string f = "mpls.label == " + std::to_string(LABEL_F);
            NS_TEST_EXPECT_MSG_EQ(PcapCheck(o.pcapOut, {"eth", "mpls", f}), true,
                                  "X out over Ethernet: label F");
        }
    }
};

/// Two-level stack: X swaps only the top; router 20 pops the LSP label,
/// then the VPN label, which names the IPv4 interface to deliver on.
class MplsVpnStackTestCase : public TestCase
{
  public:
    MplsVpnStackTestCase()
        : TestCase("Fig. 13 with a VPN label below the LSP label")
    {
    }

  private:
    void DoRun() override
    {
        Options o;
        o.vpnStack = true;
        o.pcapOut = CreateTempDirFilename("mpls-vpn-x-out.pcap");
        Fig13Result r = RunFig13(o);
        NS_TEST_EXPECT_MSG_EQ(r.r10.lastPushLabel, LABEL_E, "LSP label on top");
        NS_TEST_EXPECT_MSG_EQ(r.x.swap, kPackets, "X swaps the top label");
        NS_TEST_EXPECT_MSG_EQ(r.r20.pop, 2 * kPackets, "router 20 pops both labels");
        NS_TEST_EXPECT_MSG_EQ(r.delivered, kPackets, "every datagram reaches A3");
        NS_TEST_ASSERT_MSG_EQ(r.ttls.size(), kPackets, "TTL seen on every datagram");
        NS_TEST_EXPECT_MSG_EQ(static_cast<uint32_t>(r.ttls.front()), 61, "IP TTL at A3");
        if (CanCheckPcaps())
        {
            const std::string scratch = CreateTempDirFilename("count.txt");
            const std::string filter = "mpls.label == " + std::to_string(LABEL_F) +
                                       " && mpls.label == " + std::to_string(LABEL_VPN);
            NS_TEST_EXPECT_MSG_EQ(CountFrames(o.pcapOut, filter, scratch),
                                  static_cast<int>(kPackets), "stack F / VPN label out of X");
        }
    }
};

/// A label X has no binding for is dropped and counted, never forwarded.
class MplsUnknownLabelTestCase : public TestCase
{
  public:
    MplsUnknownLabelTestCase()
        : TestCase("Fig. 13: unknown label dropped at X")
    {
    }

  private:
    void DoRun() override
    {
        Options o;
        o.unknownLabel = true;
        Fig13Result r = RunFig13(o);
        NS_TEST_EXPECT_MSG_EQ(r.r10.push, kPackets, "router 10 labels");
        NS_TEST_EXPECT_MSG_EQ(r.xNoIlmDrops, kPackets, "X counts the unknown label");
        NS_TEST_EXPECT_MSG_EQ(r.delivered, 0, "nothing reaches A3");
    }
};

class IpvpnMplsTestSuite : public TestSuite
{
  public:
    IpvpnMplsTestSuite()
        : TestSuite("ipvpn-mpls", TestSuite::Type::UNIT)
    {
        AddTestCase(new MplsFig13SwapTestCase);
        AddTestCase(new MplsTtlExpiryTestCase);
        AddTestCase(new MplsPhpTestCase);
        AddTestCase(new MplsLocalIngressTestCase);
        AddTestCase(new MplsCsmaTestCase);
        AddTestCase(new MplsVpnStackTestCase);
        AddTestCase(new MplsUnknownLabelTestCase);
    }
};

static IpvpnMplsTestSuite g_ipvpnMplsTestSuite;
