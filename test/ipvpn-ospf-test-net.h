/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * For the ipvpn-ospf suite (ipvpn-ospf-test-suite.cc, ipvpn-ospf-lan-test.cc,
 * ipvpn-ospf-timing-test.cc):
 * routers on point-to-point links, recorders of the OSPF traces, UDP
 * traffic, and the expected routes by Floyd-Warshall.
 */
#ifndef IPVPN_OSPF_TEST_NET_H
#define IPVPN_OSPF_TEST_NET_H

#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipvpn-routing-helper.h"
#include "ns3/ipvpn-routing-protocol.h"
#include "ns3/node-container.h"
#include "ns3/ospf-protocol.h"
#include "ns3/packet.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/test.h"
#include "ns3/udp-socket-factory.h"

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace ospftest
{

using namespace ns3;
using ospf::NeighborState;

constexpr uint16_t kPort = 9;
/// Link delay of the point-to-point links.
inline const Time kDelay = MilliSeconds(2);

/// Routers joined by point-to-point links, link k in 10.0.<k+1>.0/24 (the
/// first end .1, the second .2), IpvpnRoutingProtocol on every node.
struct Net
{
    NodeContainer nodes;
    std::vector<NetDeviceContainer> links;
    std::vector<std::pair<uint32_t, uint32_t>> ends;
    PointToPointHelper p2p;

    Net(uint32_t n, const std::vector<std::pair<uint32_t, uint32_t>>& pairs)
    {
        nodes.Create(n);
        InternetStackHelper stack;
        IpvpnRoutingHelper routing;
        stack.SetRoutingHelper(routing);
        stack.Install(nodes);
        p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
        p2p.SetChannelAttribute("Delay", TimeValue(kDelay));
        Ipv4AddressHelper addresses;
        for (const auto& [a, b] : pairs)
        {
            links.push_back(p2p.Install(nodes.Get(a), nodes.Get(b)));
            ends.emplace_back(a, b);
            std::ostringstream network;
            network << "10.0." << links.size() << ".0";
            addresses.SetBase(network.str().c_str(), "255.255.255.0");
            addresses.Assign(links.back());
        }
    }

    Ptr<Ipv4>
    Ip(uint32_t node) const
    {
        return nodes.Get(node)->GetObject<Ipv4>();
    }

    /// The device of `node` on `link`.
    Ptr<NetDevice>
    Device(uint32_t node, uint32_t link) const
    {
        return links[link].Get(ends[link].first == node ? 0 : 1);
    }

    uint32_t
    If(uint32_t node, uint32_t link) const
    {
        return Ip(node)->GetInterfaceForDevice(Device(node, link));
    }

    Ipv4Address
    Addr(uint32_t node, uint32_t link) const
    {
        return Ip(node)->GetAddress(If(node, link), 0).GetLocal();
    }

    static Ipv4Address
    Network(uint32_t link)
    {
        std::ostringstream network;
        network << "10.0." << link + 1 << ".0";
        return Ipv4Address(network.str().c_str());
    }
};

/// One neighbor state change seen by the NeighborStateChange trace.
struct NeighborChange
{
    Time at;
    Ipv4Address router;
    uint32_t interface;
    Ipv4Address neighbor;
    NeighborState from;
    NeighborState to;
};

inline void
RecordNeighbor(std::vector<NeighborChange>* log,
               Ipv4Address router,
               uint32_t interface,
               Ipv4Address neighbor,
               NeighborState from,
               NeighborState to)
{
    log->push_back({Simulator::Now(), router, interface, neighbor, from, to});
}

/// The first time `router` saw `neighbor` enter `state`; -1 s if never.
inline Time
FirstEntered(const std::vector<NeighborChange>& log,
             Ipv4Address router,
             Ipv4Address neighbor,
             NeighborState state,
             Time after = Seconds(0))
{
    for (const NeighborChange& c : log)
    {
        if (c.router == router && c.neighbor == neighbor && c.to == state && c.at >= after)
        {
            return c.at;
        }
    }
    return Seconds(-1);
}

/// Records the times of the SpfRun trace.
inline void
RecordSpf(std::vector<Time>* log, uint32_t, Time at)
{
    log->push_back(at);
}

/// Counts what arrives on a UDP socket.
struct Sink
{
    uint32_t received = 0;
    Ptr<Socket> socket;

    void
    Open(Ptr<Node> node)
    {
        socket = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        socket->Bind(InetSocketAddress(Ipv4Address::GetAny(), kPort));
        socket->SetRecvCallback(MakeCallback(&Sink::Receive, this));
    }

    void
    Receive(Ptr<Socket> s)
    {
        while (s->Recv())
        {
            ++received;
        }
    }
};

/// Sends one UDP datagram every 100 ms from `from` to `to` in [start, stop).
inline void
SendStream(Ptr<Node> from, Ipv4Address to, Time start, Time stop)
{
    Ptr<Socket> socket = Socket::CreateSocket(from, UdpSocketFactory::GetTypeId());
    socket->Bind();
    for (Time t = start; t < stop; t += MilliSeconds(100))
    {
        Simulator::Schedule(t - Simulator::Now(), [socket, to]() {
            socket->SendTo(Create<Packet>(100), 0, InetSocketAddress(to, kPort));
        });
    }
}

/// The OSPF route of one instance to a prefix, or nullptr.
inline const IpvpnRoute*
FindRoute(const std::vector<IpvpnRoute>& routes, Ipv4Address network, uint8_t length)
{
    for (const IpvpnRoute& r : routes)
    {
        if (r.network == network && r.prefixLength == length)
        {
            return &r;
        }
    }
    return nullptr;
}

/**
 * The expected OSPF routes of every router to the link networks it is not
 * on, by Floyd-Warshall over the links with a Full adjacency (`up`): RFC
 * 2328 16.1 gives a point-to-point subnet (a stub link of each end,
 * 12.4.1.1) the cost of the nearer end plus that end's interface cost; the
 * next hops are the first hops of every shortest path (ECMP), named by the
 * neighbor's address. 12.4.1.1 advertises the stub link while the interface
 * is up, "regardless of the neighboring router state": `stub` says which
 * subnets are still advertised.
 */
struct Expected
{
    uint32_t metric = 0;
    std::set<std::pair<uint32_t, uint32_t>> nextHops; ///< (interface, gateway)
};

inline std::map<std::pair<uint32_t, uint32_t>, Expected>
ShortestPaths(const Net& net,
              const std::vector<uint32_t>& costs,
              const std::vector<bool>& up,
              const std::vector<bool>& stub)
{
    const uint32_t n = net.nodes.GetN();
    const uint32_t inf = std::numeric_limits<uint32_t>::max() / 4;
    std::vector<std::vector<uint32_t>> d(n, std::vector<uint32_t>(n, inf));
    for (uint32_t i = 0; i < n; ++i)
    {
        d[i][i] = 0;
    }
    for (uint32_t k = 0; k < net.ends.size(); ++k)
    {
        if (up[k])
        {
            const auto [a, b] = net.ends[k];
            d[a][b] = std::min(d[a][b], costs[k]);
            d[b][a] = std::min(d[b][a], costs[k]);
        }
    }
    for (uint32_t m = 0; m < n; ++m)
    {
        for (uint32_t i = 0; i < n; ++i)
        {
            for (uint32_t j = 0; j < n; ++j)
            {
                d[i][j] = std::min(d[i][j], d[i][m] + d[m][j]);
            }
        }
    }
    std::map<std::pair<uint32_t, uint32_t>, Expected> out; // (router, link) -> route
    for (uint32_t s = 0; s < n; ++s)
    {
        for (uint32_t k = 0; k < net.ends.size(); ++k)
        {
            const auto [u, v] = net.ends[k];
            if (s == u || s == v || !stub[k])
            {
                continue;
            }
            const uint32_t best = std::min(d[s][u], d[s][v]) + costs[k];
            if (best >= inf)
            {
                continue;
            }
            Expected e;
            e.metric = best;
            for (uint32_t end : {u, v})
            {
                if (d[s][end] + costs[k] != best)
                {
                    continue;
                }
                // First hops: links (s, m) on a shortest path s -> end.
                for (uint32_t j = 0; j < net.ends.size(); ++j)
                {
                    const auto [a, b] = net.ends[j];
                    if (!up[j] || (a != s && b != s))
                    {
                        continue;
                    }
                    const uint32_t m = a == s ? b : a;
                    if (costs[j] + d[m][end] == d[s][end])
                    {
                        e.nextHops.insert({net.If(s, j), net.Addr(m, j).Get()});
                    }
                }
            }
            out[{s, k}] = e;
        }
    }
    return out;
}

/// The cases of the suite defined in ipvpn-ospf-lan-test.cc.
TestCase* MakeLanTestCase();
TestCase* MakeAuthenticationTestCase(uint16_t auType, bool sameKey);
TestCase* MakeInterfaceAuthenticationTestCase();
TestCase* MakeHelloMismatchTestCase();
TestCase* MakeTwoInstancesTestCase();

/// The cases of the suite defined in ipvpn-ospf-timing-test.cc.
TestCase* MakeOriginationTestCase();
TestCase* MakeRetransmissionTestCase();
TestCase* MakeSpfThrottleTestCase();
TestCase* MakeStreamsTestCase();
TestCase* MakeMtuMismatchTestCase();
TestCase* MakeFloodPacingTestCase();

} // namespace ospftest

#endif /* IPVPN_OSPF_TEST_NET_H */
