// SPDX-License-Identifier: GPL-2.0-only
//
// The small network of the htip::Processor suite (test/ipvpn-htip-test-suite.cc):
// two or three homes, each a gateway (gateway::RoutingProtocol with NAPT on
// the ISP interface, a dns::Processor, an htip::Processor) and one host with
// a static address, all on 10.0.0.0/24 (seed 004 Fig. 5, the same expanded
// network IDs); an ISP router joins the gateways, the DNS server 330 and a
// plain public node that sends what no gateway would.
//
//   host A 10.0.0.4 - 10.0.0.1 [gw A] 168.219.193.7 --+
//   host B 10.0.0.5 - 10.0.0.1 [gw B] 211.32.119.136 -+- [ISP] - DNS 198.51.100.53
//   host C 10.0.0.6 - 10.0.0.1 [gw C] 61.74.42.20 ----+    |
//                                                         rogue 203.0.113.9
#ifndef IPVPN_HTIP_TEST_NET_H
#define IPVPN_HTIP_TEST_NET_H

#include "ns3/boolean.h"
#include "ns3/dns-processor.h"
#include "ns3/dns-server.h"
#include "ns3/dns-zone.h"
#include "ns3/gateway-routing-helper.h"
#include "ns3/gateway-routing-protocol.h"
#include "ns3/global-value.h"
#include "ns3/htip-processor.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-generator.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/l2tp-control-connection.h"
#include "ns3/l2tp-udp-port.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/udp-socket-factory.h"

#include <algorithm>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

// The runner goes on after a failed NS_TEST_ASSERT (its default is to
// continue on failure): these also leave the test case, so that nothing
// below indexes what is missing.
#define HTIP_REQUIRE(kind, op, a, b, msg)                                                          \
    do                                                                                             \
    {                                                                                              \
        NS_TEST_EXPECT_MSG_##kind(a, b, msg);                                                      \
        if (!((a)op(b)))                                                                           \
        {                                                                                          \
            return;                                                                                \
        }                                                                                          \
    } while (false)
#define REQUIRE_EQ(a, b, msg) HTIP_REQUIRE(EQ, ==, a, b, msg)
#define REQUIRE_NE(a, b, msg) HTIP_REQUIRE(NE, !=, a, b, msg)
#define REQUIRE_GT(a, b, msg) HTIP_REQUIRE(GT, >, a, b, msg)
#define REQUIRE_GT_OR_EQ(a, b, msg) HTIP_REQUIRE(GT_OR_EQ, >=, a, b, msg)

namespace ipvpntest
{

using namespace ns3;

const Ipv4Address DNS_SERVER("198.51.100.53");
const Ipv4Address ROGUE("203.0.113.9");
const Ipv4Address GW_INSIDE("10.0.0.1");
const uint16_t ECHO_PORT = 9;
const uint16_t CLIENT_PORT = 7000;

/// What one home's parts reported.
struct HomeLog
{
    std::vector<std::tuple<Time, Ipv4Address, uint8_t>> tx; ///< time, peer, type
    std::vector<std::tuple<Time, Ipv4Address, uint8_t>> rx;
    std::vector<std::pair<Ipv4Address, uint8_t>> messages; ///< tx and rx in the order they happened
    std::vector<std::tuple<Ipv4Address, uint8_t, std::string>> drops;
    std::vector<std::pair<htip::Connection, bool>> rows;
    std::vector<std::tuple<Time, Ipv4Address, Ipv4Address, Ipv4Address>>
        ups;                                                        ///< peer, local, remote
    std::vector<std::tuple<Time, std::string, std::string>> failed; ///< name, reason
    std::vector<std::pair<Time, Ipv4Address>> echoSources;          ///< at the host's echo port
    std::vector<std::pair<Time, Ipv4Address>> replies;              ///< at the host's client port
};

/// One home: gateway, host and what they reported.
struct Home
{
    std::string domain;
    Ipv4Address publicAddress;
    Ipv4Address hostAddress;
    Ptr<Node> gateway;
    Ptr<Node> host;
    Ptr<NetDevice> ispDevice; ///< the gateway's end of its ISP link
    uint32_t ispInterface = 0;
    Ptr<gateway::RoutingProtocol> routing;
    Ptr<dns::Processor> dns;
    Ptr<htip::Processor> htip; ///< null for a silent home
    Ptr<Socket> echo;
    Ptr<Socket> client;
    HomeLog log;
};

/// How to build a home.
struct HomeSpec
{
    std::string domain;
    Ipv4Address publicAddress;
    Ipv4Address hostAddress;
    bool silent = false;    ///< no htip::Processor
    std::string acceptFrom; ///< AcceptFrom
};

/// The network; Simulator::Destroy() in the destructor.
struct Net
{
    Ptr<Node> isp;
    Ptr<Node> dnsNode;
    Ptr<Node> rogue;
    Ptr<dns::Server> server; ///< the DNS server 330
    std::vector<std::unique_ptr<Home>> homes;
    PointToPointHelper p2p;

    Net(const Net&) = delete;
    Net& operator=(const Net&) = delete;
    Net() = default;

    ~Net()
    {
        for (auto& h : homes)
        {
            h->echo->Close();
            h->client->Close();
        }
        Simulator::Destroy();
        GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));
    }

    Home&
    operator[](std::size_t i)
    {
        return *homes[i];
    }
};

inline const std::vector<HomeSpec>&
DefaultHomes()
{
    static const std::vector<HomeSpec> homes{
        {"gw-a.example", Ipv4Address("168.219.193.7"), Ipv4Address("10.0.0.4"), false, ""},
        {"gw-b.example",
         Ipv4Address("211.32.119.136"),
         Ipv4Address("10.0.0.5"),
         false,
         ""}, // seed [0077]
        {"gw-c.example", Ipv4Address("61.74.42.20"), Ipv4Address("10.0.0.6"), false, ""}};
    return homes;
}

inline void
ReadEcho(Home* h, Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> p = socket->RecvFrom(from))
    {
        const InetSocketAddress a = InetSocketAddress::ConvertFrom(from);
        h->log.echoSources.emplace_back(Simulator::Now(), a.GetIpv4());
        socket->SendTo(p, 0, a);
    }
}

inline void
ReadReply(Home* h, Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> p = socket->RecvFrom(from))
    {
        h->log.replies.emplace_back(Simulator::Now(),
                                    InetSocketAddress::ConvertFrom(from).GetIpv4());
    }
}

/// A datagram from home `h`'s host to `to` at `at`.
inline void
SendAt(Home& h, Time at, Ipv4Address to)
{
    Ptr<Socket> s = h.client;
    Simulator::Schedule(at, [s, to]() {
        s->SendTo(Create<Packet>(64), 0, InetSocketAddress(to, ECHO_PORT));
    });
}

inline void
ConnectTraces(Home& h)
{
    HomeLog* log = &h.log;
    h.htip->TraceConnectWithoutContext(
        "Tx", MakeCallback(+[](HomeLog* l, Ipv4Address peer, const htip::MessageHeader& m) {
                  l->tx.emplace_back(Simulator::Now(), peer, m.GetType());
                  l->messages.emplace_back(peer, m.GetType());
              }).Bind(log));
    h.htip->TraceConnectWithoutContext(
        "Rx", MakeCallback(+[](HomeLog* l, Ipv4Address peer, const htip::MessageHeader& m) {
                  l->rx.emplace_back(Simulator::Now(), peer, m.GetType());
                  l->messages.emplace_back(peer, m.GetType());
              }).Bind(log));
    h.htip->TraceConnectWithoutContext(
        "Drop",
        MakeCallback(+[](HomeLog* l, Ipv4Address from, uint8_t type, const std::string& reason) {
            l->drops.emplace_back(from, type, reason);
        }).Bind(log));
    h.htip->TraceConnectWithoutContext(
        "Row", MakeCallback(+[](HomeLog* l, const htip::Connection& row, bool added) {
                   l->rows.emplace_back(row, added);
               }).Bind(log));
    h.htip->TraceConnectWithoutContext(
        "TunnelUp",
        MakeCallback(+[](HomeLog* l, Ipv4Address peer, Ipv4Address local, Ipv4Address remote) {
            l->ups.emplace_back(Simulator::Now(), peer, local, remote);
        }).Bind(log));
    h.htip->TraceConnectWithoutContext("NegotiationFailed",
                                       MakeCallback(+[](HomeLog* l,
                                                        Ipv4Address,
                                                        const std::string& name,
                                                        const std::string& reason) {
                                           l->failed.emplace_back(Simulator::Now(), name, reason);
                                       }).Bind(log));
}

/// Builds the network of `specs` (pcap of every gateway's ISP link under `pcap` when set).
inline std::unique_ptr<Net>
BuildNet(const std::vector<HomeSpec>& specs, const std::string& pcap = "")
{
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true)); // tshark checks every checksum
    Ipv4AddressGenerator::Reset();
    // Every home is 10.0.0.0/24: the generator must not refuse the repeats.
    Ipv4AddressGenerator::TestMode();
    auto net = std::make_unique<Net>();
    net->p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    net->p2p.SetChannelAttribute("Delay", StringValue("5ms"));
    InternetStackHelper plain;
    InternetStackHelper gwStack;
    gwStack.SetRoutingHelper(GatewayRoutingHelper());
    net->isp = CreateObject<Node>();
    net->dnsNode = CreateObject<Node>();
    net->rogue = CreateObject<Node>();
    plain.Install(NodeContainer(net->isp, net->dnsNode, net->rogue));
    Ipv4AddressHelper address;
    Ipv4StaticRoutingHelper staticRouting;
    auto link = [&](Ptr<Node> a,
                    Ptr<Node> b,
                    const char* network,
                    const char* mask,
                    const char* ha,
                    const char* hb) {
        NetDeviceContainer d = net->p2p.Install(a, b);
        address.SetBase(network, mask, ha);
        address.Assign(NetDeviceContainer(d.Get(0)));
        address.SetBase(network, mask, hb);
        address.Assign(NetDeviceContainer(d.Get(1)));
        return d;
    };
    link(net->dnsNode, net->isp, "198.51.100.0", "255.255.255.0", "0.0.0.53", "0.0.0.254");
    link(net->rogue, net->isp, "203.0.113.0", "255.255.255.0", "0.0.0.9", "0.0.0.254");
    staticRouting.GetStaticRouting(net->dnsNode->GetObject<Ipv4>())
        ->SetDefaultRoute(Ipv4Address("198.51.100.254"), 1);
    staticRouting.GetStaticRouting(net->rogue->GetObject<Ipv4>())
        ->SetDefaultRoute(Ipv4Address("203.0.113.254"), 1);

    // The DNS server 330 knows every gateway by its domain name.
    dns::Zone zone(*dns::Name::Parse("example"));
    for (const HomeSpec& s : specs)
    {
        zone.AddA(*dns::Name::Parse(s.domain), s.publicAddress, 300);
    }
    net->server = CreateObject<dns::Server>();
    net->server->SetZone(zone);
    net->dnsNode->AddApplication(net->server);

    for (const HomeSpec& s : specs)
    {
        auto h = std::make_unique<Home>();
        h->domain = s.domain;
        h->publicAddress = s.publicAddress;
        h->hostAddress = s.hostAddress;
        h->gateway = CreateObject<Node>();
        h->host = CreateObject<Node>();
        gwStack.Install(h->gateway);
        plain.Install(h->host);
        // Inside first (gateway interface 1), then the ISP (interface 2).
        NetDeviceContainer lan = net->p2p.Install(h->host, h->gateway);
        address.SetBase("10.0.0.0", "255.255.255.0", Ipv4Address(s.hostAddress.Get() & 0xff));
        address.Assign(NetDeviceContainer(lan.Get(0)));
        address.SetBase("10.0.0.0", "255.255.255.0", "0.0.0.1");
        address.Assign(NetDeviceContainer(lan.Get(1)));
        const uint32_t net24 = s.publicAddress.Get() & 0xffffff00u;
        NetDeviceContainer up = net->p2p.Install(h->gateway, net->isp);
        address.SetBase(
            Ipv4Address(net24), "255.255.255.0", Ipv4Address(s.publicAddress.Get() & 0xff));
        address.Assign(NetDeviceContainer(up.Get(0)));
        address.SetBase(Ipv4Address(net24), "255.255.255.0", "0.0.0.1");
        address.Assign(NetDeviceContainer(up.Get(1)));
        h->ispDevice = up.Get(0);
        h->ispInterface = 2;
        staticRouting.GetStaticRouting(h->host->GetObject<Ipv4>())->SetDefaultRoute(GW_INSIDE, 1);

        h->routing = GatewayRoutingHelper::GetRouting(h->gateway);
        h->routing->GetRouting()->AddStaticRoute(
            Ipv4Address::GetZero(), Ipv4Mask::GetZero(), Ipv4Address(net24 | 1), h->ispInterface);
        h->routing->ReserveNaptPort(htip::HTIP_PORT);
        h->routing->ReserveNaptPort(l2tp::UdpPort::PORT);
        h->routing->EnableNapt(h->ispInterface);

        h->dns = CreateObject<dns::Processor>();
        h->dns->SetAttribute("LocalDomain", StringValue("home.arpa"));
        h->dns->AddListenAddress(GW_INSIDE);
        h->dns->AddListenAddress(s.publicAddress);
        h->dns->SetUpstream(DNS_SERVER);
        // The host's name, as DHCP would have handed it over ([0066]).
        const std::string hostName = "host-" + s.domain.substr(3, 1);
        h->dns->AddHost(hostName, s.hostAddress);
        h->gateway->AddApplication(h->dns);
        h->dns->SetStartTime(Seconds(0.5));

        if (!s.silent)
        {
            h->htip = CreateObject<htip::Processor>();
            h->htip->SetAttribute("DomainName", StringValue(s.domain));
            h->htip->SetAttribute("LocalPrefix", StringValue("10.0.0.0/24"));
            h->htip->SetAttribute("PublicAddress", Ipv4AddressValue(s.publicAddress));
            h->htip->SetAttribute("InsideAddress", Ipv4AddressValue(GW_INSIDE));
            h->htip->SetAttribute("DnsServer", Ipv4AddressValue(DNS_SERVER));
            h->htip->SetAttribute("AcceptFrom", StringValue(s.acceptFrom));
            h->htip->SetGateway(h->routing, h->dns);
            h->gateway->AddApplication(h->htip);
            h->htip->SetStartTime(Seconds(1));
            ConnectTraces(*h);
        }

        h->echo = Socket::CreateSocket(h->host, UdpSocketFactory::GetTypeId());
        h->echo->Bind(InetSocketAddress(Ipv4Address::GetAny(), ECHO_PORT));
        h->echo->SetRecvCallback(MakeCallback(&ReadEcho).Bind(h.get()));
        h->client = Socket::CreateSocket(h->host, UdpSocketFactory::GetTypeId());
        h->client->Bind(InetSocketAddress(Ipv4Address::GetAny(), CLIENT_PORT));
        h->client->SetRecvCallback(MakeCallback(&ReadReply).Bind(h.get()));
        if (!pcap.empty())
        {
            net->p2p.EnablePcap(
                pcap + "-" + s.domain.substr(0, 4) + ".pcap", h->ispDevice, false, true);
        }
        net->homes.push_back(std::move(h));
    }
    return net;
}

/// Asks home `h`'s processor for a tunnel to `peer` at `at`, as the web server would.
inline void
RequestAt(Home& h,
          Time at,
          const std::string& peer,
          std::vector<gateway::TunnelRequestOutcome>* answers)
{
    Ptr<htip::Processor> p = h.htip;
    const Ipv4Address host = h.hostAddress;
    Simulator::Schedule(at, [p, peer, host, answers]() {
        const auto a = p->GetRequester()->RequestTunnel(peer, host);
        if (answers)
        {
            answers->push_back(a.outcome);
        }
    });
}

/// Rows currently in the table of `log` (adds minus removals), by peer address.
inline std::vector<htip::Connection>
LiveRows(const HomeLog& log)
{
    std::vector<htip::Connection> rows;
    for (const auto& [row, added] : log.rows)
    {
        if (added)
        {
            rows.push_back(row);
        }
        else
        {
            for (auto it = rows.begin(); it != rows.end(); ++it)
            {
                if (it->peerAddress == row.peerAddress)
                {
                    rows.erase(it);
                    break;
                }
            }
        }
    }
    return rows;
}

/// Types of the messages `log` sent to or received from `peer`, in the order they happened.
inline std::vector<int>
Exchange(const HomeLog& log, Ipv4Address peer)
{
    std::vector<int> types;
    for (const auto& [p, type] : log.messages)
    {
        if (p == peer)
        {
            types.push_back(type);
        }
    }
    return types;
}

/// The first L2TP control connection application on `node` (a tunnel end).
inline Ptr<l2tp::ControlConnection>
TunnelEndOn(Ptr<Node> node)
{
    for (uint32_t i = 0; i < node->GetNApplications(); ++i)
    {
        if (auto c = DynamicCast<l2tp::ControlConnection>(node->GetApplication(i)))
        {
            return c;
        }
    }
    return nullptr;
}

inline std::size_t
Count(const std::vector<std::pair<Time, Ipv4Address>>& v, Ipv4Address a, Time from, Time to)
{
    return std::count_if(v.begin(), v.end(), [&](const auto& e) {
        return e.second == a && e.first >= from && e.first < to;
    });
}

/// Sends `bytes` from the rogue node to `to`:HTIP_PORT at `at`.
inline void
RogueSend(Net& net, Time at, Ipv4Address to, Ptr<Packet> packet)
{
    Ptr<Socket> s = Socket::CreateSocket(net.rogue, UdpSocketFactory::GetTypeId());
    s->Bind();
    Simulator::Schedule(at, [s, to, packet]() {
        s->SendTo(packet, 0, InetSocketAddress(to, htip::HTIP_PORT));
        s->Close();
    });
}

/// An ns-3 test case on the two homes of DefaultHomes(): Run() schedules
/// its events, runs the simulator and checks.
class TwoHomesBaseTestCase : public TestCase
{
  protected:
    using TestCase::TestCase;

    virtual void Run(Net& net, Home& a, Home& b) = 0;

  private:
    void
    DoRun() final
    {
        auto net = BuildNet({DefaultHomes()[0], DefaultHomes()[1]});
        Run(*net, (*net)[0], (*net)[1]);
    }
};

} // namespace ipvpntest

#endif /* IPVPN_HTIP_TEST_NET_H */
