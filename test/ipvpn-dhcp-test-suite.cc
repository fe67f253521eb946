/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * dhcp::Server and dhcp::Client in a simulation: a gateway and three hosts
 * on one CSMA LAN (seed 004 [0066]). Binding with host names, a lost
 * DISCOVER, renewal at T1, a server that goes away (rebinding, expiry),
 * an exhausted pool, and tshark's decode of the capture (pcap-check).
 */
#include "ipvpn-pcap-check.h"

#include "ns3/boolean.h"
#include "ns3/core-module.h"
#include "ns3/csma-module.h"
#include "ns3/dhcp-client-app.h"
#include "ns3/dhcp-server-app.h"
#include "ns3/error-model.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/test.h"

#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

using namespace ns3;
using ipvpntest::CanCheckPcaps;
using ipvpntest::PcapCheckTool;

namespace
{

using dhcp::Message;

const Ipv4Address GATEWAY("10.0.0.1");

struct Options
{
    uint32_t hosts = 3;
    Ipv4Address poolStart = Ipv4Address("10.0.0.10");
    Ipv4Address poolEnd = Ipv4Address("10.0.0.20");
    Time leaseTime = Seconds(3600);
    Time serverStop = Seconds(0); ///< 0: runs to the end
    Time stop = Seconds(10);
    std::vector<uint32_t> dropAtGateway; ///< ReceiveListErrorModel indices
    std::string pcap;
    bool broadcastFlag = true;    ///< the clients' BroadcastFlag
    Time clientStop = Seconds(0); ///< 0: the clients run to the end
};

struct HostLog
{
    std::vector<std::pair<Time, Message>> tx;
    std::vector<std::tuple<Time, dhcp::ClientFsm::State, dhcp::ClientFsm::State>> states;
    std::vector<std::tuple<Time, Ipv4Address, Ipv4Address, Ipv4Address>> bound;
    std::vector<std::pair<Time, Ipv4Address>> renewed;
    std::vector<std::pair<Time, Ipv4Address>> unbound;
};

struct Observed
{
    std::vector<HostLog> hosts;
    std::vector<Ipv4Address> interfaceAddress; ///< primary address at the end
    std::vector<Ipv4Mask> interfaceMask;
    std::vector<Ipv4Address> defaultGateway; ///< 0.0.0.0 if no default route
    std::vector<dhcp::ClientFsm::State> finalState;
    std::map<std::string, Ipv4Address> granted; ///< LeaseGranted: host name -> address
    std::vector<Time> serverRenewed;
    std::vector<std::tuple<std::string, Ipv4Address, std::string>> ended;
    dhcp::ServerCounters server;
};

void
OnTx(HostLog* log, const Message& m)
{
    log->tx.emplace_back(Simulator::Now(), m);
}

void
OnState(HostLog* log, dhcp::ClientFsm::State a, dhcp::ClientFsm::State b)
{
    log->states.emplace_back(Simulator::Now(), a, b);
}

void
OnBound(HostLog* log, Ipv4Address a, Ipv4Address r, Ipv4Address d)
{
    log->bound.emplace_back(Simulator::Now(), a, r, d);
}

void
OnRenewed(HostLog* log, Ipv4Address a)
{
    log->renewed.emplace_back(Simulator::Now(), a);
}

void
OnUnbound(HostLog* log, Ipv4Address a)
{
    log->unbound.emplace_back(Simulator::Now(), a);
}

void
OnGranted(Observed* o, const std::string& name, Ipv4Address a, Mac48Address)
{
    o->granted[name] = a;
}

void
OnServerRenewed(Observed* o, const std::string&, Ipv4Address, Mac48Address)
{
    o->serverRenewed.push_back(Simulator::Now());
}

void
OnEnded(Observed* o, const std::string& name, Ipv4Address a, const std::string& reason)
{
    o->ended.emplace_back(name, a, reason);
}

const char* const kNames[] = {"alice", "bob", "carol"};

Observed
RunLan(const Options& opt)
{
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    NodeContainer nodes;
    nodes.Create(1 + opt.hosts);
    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", StringValue("100Mbps"));
    csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(5)));
    NetDeviceContainer devices = csma.Install(nodes);
    InternetStackHelper stack;
    stack.Install(nodes);

    // The gateway's inside interface has a fixed address; hosts have none.
    Ptr<Ipv4> gw = nodes.Get(0)->GetObject<Ipv4>();
    const int32_t gwIf = gw->AddInterface(devices.Get(0));
    gw->AddAddress(gwIf, Ipv4InterfaceAddress(GATEWAY, Ipv4Mask("255.255.255.0")));
    gw->SetUp(gwIf);

    if (!opt.dropAtGateway.empty())
    {
        Ptr<ReceiveListErrorModel> em = CreateObject<ReceiveListErrorModel>();
        em->SetList(std::list<uint32_t>(opt.dropAtGateway.begin(), opt.dropAtGateway.end()));
        devices.Get(0)->SetAttribute("ReceiveErrorModel", PointerValue(em));
    }

    Observed o;
    o.hosts.resize(opt.hosts);
    Ptr<dhcp::Server> server = CreateObject<dhcp::Server>();
    server->SetAttribute("ServerAddress", Ipv4AddressValue(GATEWAY));
    server->SetAttribute("Router", Ipv4AddressValue(GATEWAY));
    server->SetAttribute("DnsServer", Ipv4AddressValue(GATEWAY));
    server->SetAttribute("SubnetMask", Ipv4MaskValue("255.255.255.0"));
    server->SetAttribute("PoolStart", Ipv4AddressValue(opt.poolStart));
    server->SetAttribute("PoolEnd", Ipv4AddressValue(opt.poolEnd));
    server->SetAttribute("LeaseTime", TimeValue(opt.leaseTime));
    server->SetDevice(devices.Get(0));
    server->SetLeaseGrantedCallback(MakeBoundCallback(&OnGranted, &o));
    server->TraceConnectWithoutContext("LeaseRenewed", MakeBoundCallback(&OnServerRenewed, &o));
    server->SetLeaseEndedCallback(MakeBoundCallback(&OnEnded, &o));
    nodes.Get(0)->AddApplication(server);
    server->SetStartTime(Seconds(0.5));
    if (opt.serverStop.IsStrictlyPositive())
    {
        server->SetStopTime(opt.serverStop);
    }

    std::vector<Ptr<dhcp::Client>> clients;
    for (uint32_t h = 0; h < opt.hosts; ++h)
    {
        Ptr<dhcp::Client> client = CreateObject<dhcp::Client>();
        client->SetAttribute("HostName", StringValue(kNames[h % 3]));
        client->SetAttribute("BroadcastFlag", BooleanValue(opt.broadcastFlag));
        client->SetDevice(devices.Get(1 + h));
        client->AssignStreams(100 + 2 * h);
        HostLog* log = &o.hosts[h];
        client->TraceConnectWithoutContext("Tx", MakeBoundCallback(&OnTx, log));
        client->TraceConnectWithoutContext("StateChange", MakeBoundCallback(&OnState, log));
        client->TraceConnectWithoutContext("Renewed", MakeBoundCallback(&OnRenewed, log));
        client->TraceConnectWithoutContext("Unbound", MakeBoundCallback(&OnUnbound, log));
        client->SetBoundCallback(MakeBoundCallback(&OnBound, log));
        nodes.Get(1 + h)->AddApplication(client);
        client->SetStartTime(Seconds(1 + 0.1 * h));
        if (opt.clientStop.IsStrictlyPositive())
        {
            client->SetStopTime(opt.clientStop);
        }
        clients.push_back(client);
    }
    if (!opt.pcap.empty())
    {
        csma.EnablePcap(opt.pcap, devices.Get(0), true, true);
    }

    Simulator::Stop(opt.stop);
    Simulator::Run();
    for (uint32_t h = 0; h < opt.hosts; ++h)
    {
        Ptr<Node> node = nodes.Get(1 + h);
        Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
        const int32_t index = ipv4->GetInterfaceForDevice(devices.Get(1 + h));
        o.interfaceAddress.push_back(ipv4->GetAddress(index, 0).GetLocal());
        o.interfaceMask.push_back(ipv4->GetAddress(index, 0).GetMask());
        Ipv4StaticRoutingHelper helper;
        Ptr<Ipv4StaticRouting> routing = helper.GetStaticRouting(ipv4);
        Ipv4Address gwAddr = Ipv4Address::GetAny();
        for (uint32_t r = 0; r < routing->GetNRoutes(); ++r)
        {
            if (routing->GetRoute(r).IsDefault())
            {
                gwAddr = routing->GetRoute(r).GetGateway();
            }
        }
        o.defaultGateway.push_back(gwAddr);
        o.finalState.push_back(clients[h]->GetState());
    }
    o.server = server->GetCounters();
    Simulator::Destroy();
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));
    return o;
}

/// pcap-check FILE --expect dhcp [--expect F ...]; true on exit 0.
bool
PcapCheck(const std::string& file, const std::vector<std::string>& expect)
{
    std::string cmd = "'" + PcapCheckTool() + "' '" + file + "' --quiet --strict --expect dhcp";
    for (const std::string& e : expect)
    {
        cmd += " --expect '" + e + "'";
    }
    return std::system((cmd + " >/dev/null 2>&1").c_str()) == 0;
}

// --------------------------------------------------------------- test cases

/// Three hosts bind distinct pool addresses; router and DNS are the
/// gateway; LeaseGranted reports each host name with its address.
class DhcpBindTestCase : public TestCase
{
  public:
    DhcpBindTestCase()
        : TestCase("three hosts bound, host names reported, capture decoded by tshark")
    {
    }

  private:
    void
    DoRun() override
    {
        Options opt;
        opt.pcap = CreateTempDirFilename("dhcp-bind.pcap");
        const Observed o = RunLan(opt);
        std::set<Ipv4Address> seen;
        for (uint32_t h = 0; h < 3; ++h)
        {
            NS_TEST_ASSERT_MSG_EQ(o.finalState[h], dhcp::ClientFsm::BOUND, "host " << h);
            NS_TEST_ASSERT_MSG_EQ(o.hosts[h].bound.size(), 1, "one binding");
            const auto& [t, address, router, dns] = o.hosts[h].bound[0];
            NS_TEST_EXPECT_MSG_EQ(router, GATEWAY, "router option is the gateway");
            NS_TEST_EXPECT_MSG_EQ(dns, GATEWAY, "DNS option is the gateway");
            NS_TEST_EXPECT_MSG_EQ(
                (address.Get() >= opt.poolStart.Get() && address.Get() <= opt.poolEnd.Get()),
                true,
                "address " << address << " in the pool");
            seen.insert(address);
            // The interface and the default route are configured.
            NS_TEST_EXPECT_MSG_EQ(o.interfaceAddress[h], address, "interface address");
            NS_TEST_EXPECT_MSG_EQ(o.interfaceMask[h], Ipv4Mask("255.255.255.0"), "mask");
            NS_TEST_EXPECT_MSG_EQ(o.defaultGateway[h], GATEWAY, "default route");
            // The server's report of the name gives the same address.
            auto g = o.granted.find(kNames[h]);
            NS_TEST_ASSERT_MSG_EQ((g != o.granted.end()), true, "granted " << kNames[h]);
            NS_TEST_EXPECT_MSG_EQ(g->second, address, "granted address of " << kNames[h]);
            // Bound within one DISCOVER/OFFER/REQUEST/ACK exchange.
            NS_TEST_EXPECT_MSG_LT(t, Seconds(2), "bound quickly");
            NS_TEST_EXPECT_MSG_EQ(o.hosts[h].tx.size(), 2, "DISCOVER and REQUEST only");
        }
        NS_TEST_EXPECT_MSG_EQ(seen.size(), 3, "distinct addresses");
        NS_TEST_EXPECT_MSG_EQ(seen.count(GATEWAY), 0, "the gateway's address is not leased");
        NS_TEST_EXPECT_MSG_EQ(o.server.acks, 3, "three ACKs");
        NS_TEST_EXPECT_MSG_EQ(o.server.invalid, 0, "nothing malformed");
        if (CanCheckPcaps())
        {
            NS_TEST_EXPECT_MSG_EQ(PcapCheck(opt.pcap,
                                            {"dhcp.option.dhcp == 1",
                                             "dhcp.option.dhcp == 2",
                                             "dhcp.option.dhcp == 3",
                                             "dhcp.option.dhcp == 5",
                                             "dhcp.option.hostname == \"carol\"",
                                             "dhcp.option.router == 10.0.0.1",
                                             "dhcp.option.domain_name_server == 10.0.0.1"}),
                                  true,
                                  "pcap-check on " << opt.pcap);
        }
    }
};

/// The gateway loses the first DISCOVER: the client sends it again after
/// 4 s +- 1 s (RFC 2131 4.1) and binds.
class DhcpRetransmitTestCase : public TestCase
{
  public:
    DhcpRetransmitTestCase()
        : TestCase("lost DISCOVER retransmitted after 4 +- 1 s")
    {
    }

  private:
    void
    DoRun() override
    {
        Options opt;
        opt.hosts = 1;
        opt.dropAtGateway = {0}; // the first frame the gateway receives
        const Observed o = RunLan(opt);
        const HostLog& log = o.hosts[0];
        NS_TEST_ASSERT_MSG_GT_OR_EQ(log.tx.size(), 3, "DISCOVER, DISCOVER, REQUEST");
        NS_TEST_EXPECT_MSG_EQ(int(log.tx[0].second.GetMessageType()), int(dhcp::DHCPDISCOVER), "");
        NS_TEST_EXPECT_MSG_EQ(int(log.tx[1].second.GetMessageType()), int(dhcp::DHCPDISCOVER), "");
        NS_TEST_EXPECT_MSG_EQ(int(log.tx[2].second.GetMessageType()), int(dhcp::DHCPREQUEST), "");
        const Time gap = log.tx[1].first - log.tx[0].first;
        NS_TEST_EXPECT_MSG_GT_OR_EQ(gap, Seconds(3), "at least 4 - 1 s");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(gap, Seconds(5), "at most 4 + 1 s");
        NS_TEST_EXPECT_MSG_EQ(log.tx[1].second.GetXid(), log.tx[0].second.GetXid(), "same xid");
        NS_TEST_EXPECT_MSG_EQ(o.finalState[0], dhcp::ClientFsm::BOUND, "bound in the end");
        NS_TEST_EXPECT_MSG_EQ(o.server.discovers, 1, "the server saw one DISCOVER");
    }
};

/// Lease 20 s: at T1 = 10 s the client renews by unicast and stays bound.
class DhcpRenewTestCase : public TestCase
{
  public:
    DhcpRenewTestCase()
        : TestCase("renewal at T1 = 0.5 lease, unicast with ciaddr")
    {
    }

  private:
    void
    DoRun() override
    {
        Options opt;
        opt.hosts = 1;
        opt.leaseTime = Seconds(20);
        opt.stop = Seconds(16);
        opt.pcap = CreateTempDirFilename("dhcp-renew.pcap");
        const Observed o = RunLan(opt);
        const HostLog& log = o.hosts[0];
        NS_TEST_ASSERT_MSG_EQ(log.bound.size(), 1, "bound once");
        NS_TEST_ASSERT_MSG_EQ(log.renewed.size(), 1, "renewed once");
        const Ipv4Address address = std::get<1>(log.bound[0]);
        // T1 counts from the REQUEST that led to the binding (4.4.1).
        const Time requestAt = log.tx[1].first;
        NS_TEST_EXPECT_MSG_EQ(log.renewed[0].second, address, "same address");
        const Message& renew = log.tx[2].second;
        NS_TEST_EXPECT_MSG_EQ(int(renew.GetMessageType()), int(dhcp::DHCPREQUEST), "");
        NS_TEST_EXPECT_MSG_EQ(log.tx[2].first, requestAt + Seconds(10), "sent at T1");
        NS_TEST_EXPECT_MSG_EQ(renew.GetCiaddr(), address, "ciaddr set (4.3.2 RENEWING)");
        NS_TEST_EXPECT_MSG_EQ(renew.HasOption(dhcp::OPT_SERVER_ID), false, "no option 54");
        NS_TEST_EXPECT_MSG_EQ(renew.HasOption(dhcp::OPT_REQUESTED_ADDRESS), false, "no 50");
        NS_TEST_EXPECT_MSG_EQ(o.serverRenewed.size(), 1, "server extended the lease");
        NS_TEST_EXPECT_MSG_EQ(o.finalState[0], dhcp::ClientFsm::BOUND, "bound");
        if (CanCheckPcaps())
        {
            // The renewal is a unicast from the leased address to the gateway.
            NS_TEST_EXPECT_MSG_EQ(
                PcapCheck(opt.pcap,
                          {"dhcp.option.dhcp == 3 && ip.dst == 10.0.0.1 && dhcp.ip.client == " +
                           [&] {
                               std::ostringstream os;
                               os << address;
                               return os.str();
                           }()}),
                true,
                "pcap-check on " << opt.pcap);
        }
    }
};

/// The server stops at 5 s: RENEWING at T1, REBINDING at T2, the address
/// removed when the lease ends, then back to INIT and SELECTING.
class DhcpServerLossTestCase : public TestCase
{
  public:
    DhcpServerLossTestCase()
        : TestCase("server gone: renewing, rebinding, expiry, address removed")
    {
    }

  private:
    void
    DoRun() override
    {
        Options opt;
        opt.hosts = 1;
        opt.leaseTime = Seconds(40);
        opt.serverStop = Seconds(5);
        opt.stop = Seconds(50);
        const Observed o = RunLan(opt);
        const HostLog& log = o.hosts[0];
        NS_TEST_ASSERT_MSG_EQ(log.bound.size(), 1, "bound once");
        const Time requestAt = log.tx[1].first;
        // Expected times from RFC 2131 4.4.5: T1 = 0.5, T2 = 0.875 of 40 s.
        std::map<dhcp::ClientFsm::State, Time> entered;
        for (const auto& [t, from, to] : log.states)
        {
            if (entered.count(to) == 0 || to == dhcp::ClientFsm::INIT)
            {
                entered[to] = t;
            }
        }
        NS_TEST_ASSERT_MSG_EQ(entered.count(dhcp::ClientFsm::RENEWING), 1, "renewing");
        NS_TEST_ASSERT_MSG_EQ(entered.count(dhcp::ClientFsm::REBINDING), 1, "rebinding");
        NS_TEST_ASSERT_MSG_EQ(entered.count(dhcp::ClientFsm::INIT), 1, "back to INIT");
        NS_TEST_EXPECT_MSG_EQ(entered[dhcp::ClientFsm::RENEWING], requestAt + Seconds(20), "T1");
        NS_TEST_EXPECT_MSG_EQ(entered[dhcp::ClientFsm::REBINDING], requestAt + Seconds(35), "T2");
        NS_TEST_EXPECT_MSG_EQ(entered[dhcp::ClientFsm::INIT], requestAt + Seconds(40), "expiry");
        NS_TEST_ASSERT_MSG_EQ(log.unbound.size(), 1, "address removed");
        NS_TEST_EXPECT_MSG_EQ(log.unbound[0].first, requestAt + Seconds(40), "at expiry");
        NS_TEST_EXPECT_MSG_EQ(o.interfaceAddress[0], Ipv4Address::GetAny(), "back to 0.0.0.0");
        NS_TEST_EXPECT_MSG_EQ(o.defaultGateway[0], Ipv4Address::GetAny(), "no default route");
        NS_TEST_EXPECT_MSG_EQ(o.finalState[0], dhcp::ClientFsm::SELECTING, "looking again");
        // The rebinding REQUEST is broadcast with ciaddr set.
        bool rebind = false;
        for (const auto& [t, m] : log.tx)
        {
            if (t >= requestAt + Seconds(35) && t < requestAt + Seconds(40) &&
                m.GetMessageType() == dhcp::DHCPREQUEST && m.GetCiaddr() != Ipv4Address::GetAny())
            {
                rebind = true;
            }
        }
        NS_TEST_EXPECT_MSG_EQ(rebind, true, "rebinding REQUEST sent");
    }
};

/// A pool of two addresses and three hosts: one stays unbound, and the
/// server counts the DISCOVERs it could not answer.
class DhcpPoolExhaustedTestCase : public TestCase
{
  public:
    DhcpPoolExhaustedTestCase()
        : TestCase("pool of 2, 3 hosts: one unbound, exhaustion counted")
    {
    }

  private:
    void
    DoRun() override
    {
        Options opt;
        opt.poolStart = Ipv4Address("10.0.0.10");
        opt.poolEnd = Ipv4Address("10.0.0.11");
        const Observed o = RunLan(opt);
        uint32_t bound = 0;
        for (uint32_t h = 0; h < 3; ++h)
        {
            bound += o.finalState[h] == dhcp::ClientFsm::BOUND ? 1 : 0;
        }
        NS_TEST_EXPECT_MSG_EQ(bound, 2, "two bound");
        NS_TEST_EXPECT_MSG_EQ(o.finalState[2], dhcp::ClientFsm::SELECTING, "last one selecting");
        NS_TEST_EXPECT_MSG_EQ(o.interfaceAddress[2], Ipv4Address::GetAny(), "no address");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(o.server.poolExhausted, 2, "DISCOVER and a retransmission");
        NS_TEST_EXPECT_MSG_EQ(o.server.poolExhausted, o.server.discovers - 2, "all but two");
    }
};

/// Broadcast bit clear: the server would unicast to yiaddr/chaddr (4.1)
/// and broadcasts instead; the hosts bind all the same.
class DhcpNoBroadcastFlagTestCase : public TestCase
{
  public:
    DhcpNoBroadcastFlagTestCase()
        : TestCase("broadcast bit clear: replies still reach the hosts")
    {
    }

  private:
    void
    DoRun() override
    {
        Options opt;
        opt.broadcastFlag = false;
        const Observed o = RunLan(opt);
        for (uint32_t h = 0; h < 3; ++h)
        {
            NS_TEST_EXPECT_MSG_EQ(o.finalState[h], dhcp::ClientFsm::BOUND, "host " << h);
            NS_TEST_EXPECT_MSG_EQ(o.hosts[h].tx[0].second.IsBroadcast(), false, "bit clear");
        }
    }
};

/// A host that stops sends DHCPRELEASE (RFC 2131 4.4.6): the server ends
/// the lease and reports the host name, for removal from the DNS table.
class DhcpReleaseTestCase : public TestCase
{
  public:
    DhcpReleaseTestCase()
        : TestCase("host stops: RELEASE, LeaseEnded with the host name")
    {
    }

  private:
    void
    DoRun() override
    {
        Options opt;
        opt.hosts = 2;
        opt.clientStop = Seconds(5);
        const Observed o = RunLan(opt);
        NS_TEST_ASSERT_MSG_EQ(o.ended.size(), 2, "two leases ended");
        std::set<std::string> names;
        for (const auto& [name, address, reason] : o.ended)
        {
            names.insert(name);
            NS_TEST_EXPECT_MSG_EQ(reason, "released", "reason");
            NS_TEST_EXPECT_MSG_EQ(address, o.granted.at(name), "the granted address");
        }
        NS_TEST_EXPECT_MSG_EQ((names == std::set<std::string>{"alice", "bob"}), true, "names");
        NS_TEST_EXPECT_MSG_EQ(o.server.releases, 2, "two RELEASEs");
        for (uint32_t h = 0; h < 2; ++h)
        {
            NS_TEST_EXPECT_MSG_EQ(o.hosts[h].unbound.size(), 1, "address removed");
            NS_TEST_EXPECT_MSG_EQ(o.interfaceAddress[h], Ipv4Address::GetAny(), "0.0.0.0");
            NS_TEST_EXPECT_MSG_EQ(o.finalState[h], dhcp::ClientFsm::INIT, "stopped in INIT");
        }
    }
};

class IpvpnDhcpTestSuite : public TestSuite
{
  public:
    IpvpnDhcpTestSuite()
        : TestSuite("ipvpn-dhcp", TestSuite::Type::UNIT)
    {
        AddTestCase(new DhcpBindTestCase);
        AddTestCase(new DhcpRetransmitTestCase);
        AddTestCase(new DhcpRenewTestCase);
        AddTestCase(new DhcpServerLossTestCase);
        AddTestCase(new DhcpPoolExhaustedTestCase);
        AddTestCase(new DhcpNoBroadcastFlagTestCase);
        AddTestCase(new DhcpReleaseTestCase);
    }
};

} // namespace

static IpvpnDhcpTestSuite g_ipvpnDhcpTestSuite;
