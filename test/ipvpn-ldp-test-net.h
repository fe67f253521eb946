/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * For the ipvpn-ldp suite: a network of LSRs (routers with loopbacks, MPLS
 * point-to-point links, hosts on some routers, global routing, MPLS engines
 * with a label range each, LDP on the core interfaces), link failures as the
 * scenario builder makes them, a sequenced UDP flow whose packets are
 * followed through the push/swap/pop traces, and logs of session changes.
 */
#ifndef IPVPN_LDP_TEST_NET_H
#define IPVPN_LDP_TEST_NET_H

#include "ipvpn-pcap-check.h"

#include "ns3/error-model.h"
#include "ns3/global-router-interface.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/ldp-helper.h"
#include "ns3/ldp-protocol.h"
#include "ns3/mpls-helper.h"
#include "ns3/mpls-protocol.h"
#include "ns3/packet.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace ldptest
{

using namespace ns3;
using ldp::Protocol;
using ldp::SessionState;
using mpls::PrefixFec;

using ipvpntest::CanCheckPcaps;
using ipvpntest::PcapCheckTool;

constexpr uint16_t kPort = 9;
const Time kStart = Seconds(1);      ///< LDP "StartTime"
const Time kHello = Seconds(5);      ///< LinkHelloInterval (RFC default)
const Time kHold = Seconds(15);      ///< LinkHelloHoldTime (RFC default)
const Time kDelay = MilliSeconds(2); ///< every link
/*
 * Session setup bound: one Hello (one link delay), the TCP handshake and the
 * Initialization/KeepAlive exchange (three round trips), the Address and
 * Label Mapping messages that follow (one more one-way delay per hop): about
 * 10 link delays, 20 ms. 100 ms leaves room for transmission and queueing.
 */
const Time kSetup = MilliSeconds(100);

// ------------------------------------------------------------ the network

/// Routers joined by MPLS point-to-point links, hosts on some of them.
struct Net
{
    NodeContainer routers;
    NodeContainer hosts;
    std::vector<NetDeviceContainer> core;    ///< router links, in the order given
    std::vector<NetDeviceContainer> access;  ///< host links: [router side, host side]
    std::vector<Ptr<RateErrorModel>> errors; ///< per core device (2 per link)
    MplsHelper mpls;

    Ptr<Protocol>
    Ldp(uint32_t r) const
    {
        return routers.Get(r)->GetObject<Protocol>();
    }

    Ptr<mpls::Protocol>
    Mpls(uint32_t r) const
    {
        return routers.Get(r)->GetObject<mpls::Protocol>();
    }

    static Ipv4Address
    Loopback(uint32_t r)
    {
        return Ipv4Address(0xC0A80001 + r); // 192.168.0.(r+1)
    }

    Ipv4Address
    HostAddress(uint32_t h) const
    {
        return hosts.Get(h)->GetObject<Ipv4>()->GetAddress(1, 0).GetLocal();
    }

    /// The address of `link`'s end on side `end`.
    Ipv4Address
    CoreAddress(uint32_t link, uint32_t end) const
    {
        Ptr<NetDevice> d = core[link].Get(end);
        Ptr<Ipv4> ipv4 = d->GetNode()->GetObject<Ipv4>();
        return ipv4->GetAddress(ipv4->GetInterfaceForDevice(d), 0).GetLocal();
    }
};

/**
 * Builds routers 0..n-1 with loopbacks 192.168.0.(r+1)/32 (their LSR IDs,
 * injected into global routing; optional), core links 10.0.(k+1).0/24, host h on
 * router hostAt[h] in 172.16.(h+1).0/24; MPLS with label range 1000 (r+1)
 * on each router; LDP on the core interfaces only.
 */
inline void
BuildNet(Net& net,
         uint32_t n,
         const std::vector<std::pair<uint32_t, uint32_t>>& links,
         const std::vector<uint32_t>& hostAt,
         LdpHelper& ldp,
         bool loopbacks = true)
{
    net.routers.Create(n);
    net.hosts.Create(hostAt.size());
    net.mpls.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    net.mpls.SetChannelAttribute("Delay", TimeValue(kDelay));
    for (const auto& [a, b] : links)
    {
        net.core.push_back(net.mpls.InstallLink(net.routers.Get(a), net.routers.Get(b)));
    }
    for (uint32_t h = 0; h < hostAt.size(); ++h)
    {
        net.access.push_back(net.mpls.InstallLink(net.routers.Get(hostAt[h]), net.hosts.Get(h)));
    }
    InternetStackHelper stack;
    stack.Install(net.routers);
    stack.Install(net.hosts);
    Ipv4AddressHelper addr;
    for (uint32_t k = 0; k < net.core.size(); ++k)
    {
        addr.SetBase(Ipv4Address(0x0A000000 + ((k + 1) << 8)), "255.255.255.0");
        addr.Assign(net.core[k]);
        for (uint32_t end = 0; end < 2; ++end)
        {
            Ptr<RateErrorModel> em = CreateObject<RateErrorModel>();
            em->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
            em->SetRate(1.0);
            em->Disable();
            net.core[k].Get(end)->SetAttribute("ReceiveErrorModel", PointerValue(em));
            net.errors.push_back(em);
        }
    }
    for (uint32_t h = 0; h < net.access.size(); ++h)
    {
        addr.SetBase(Ipv4Address(0xAC100000 + ((h + 1) << 8)), "255.255.255.0");
        addr.Assign(net.access[h]);
    }
    for (uint32_t r = 0; r < n; ++r)
    {
        Ptr<Node> node = net.routers.Get(r);
        if (loopbacks)
        {
            node->GetObject<Ipv4>()->AddAddress(
                0, Ipv4InterfaceAddress(Net::Loopback(r), Ipv4Mask::GetOnes()));
            node->GetObject<GlobalRouter>()->InjectRoute(Net::Loopback(r), Ipv4Mask::GetOnes());
        }
        net.mpls.SetProtocolAttribute("MinLabel", UintegerValue(1000 * (r + 1)));
        net.mpls.SetProtocolAttribute("MaxLabel", UintegerValue(1000 * (r + 1) + 999));
        net.mpls.Install(node);
    }
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();
    ldp.Set("StartTime", TimeValue(kStart));
    ldp.Install(net.routers);
    for (const NetDeviceContainer& a : net.access)
    {
        LdpHelper::SetInterfaceEnabled(a.Get(0), false);
    }
}

/// Takes a core link down (or up) as the scenario builder does: both IPv4
/// interfaces and every frame, then routes are recomputed and LDP told.
inline void
SetLinkUp(Net* net, uint32_t link, bool up)
{
    for (uint32_t end = 0; end < 2; ++end)
    {
        Ptr<NetDevice> d = net->core[link].Get(end);
        Ptr<Ipv4> ipv4 = d->GetNode()->GetObject<Ipv4>();
        const int32_t iface = ipv4->GetInterfaceForDevice(d);
        if (up)
        {
            ipv4->SetUp(iface);
            net->errors[2 * link + end]->Disable();
        }
        else
        {
            ipv4->SetDown(iface);
            net->errors[2 * link + end]->Enable();
        }
    }
    Ipv4GlobalRoutingHelper::RecomputeRoutingTables();
    LdpHelper::RoutingChangedAll();
}

/// A failure nobody sees: the link drops every frame, interfaces stay up.
inline void
SilentFailure(Net* net, uint32_t link)
{
    net->errors[2 * link]->Enable();
    net->errors[2 * link + 1]->Enable();
}

// ------------------------------------------------------------- observation

/// The UDP flow from host 0 to host 1: one 64-byte datagram per 10 ms.
struct Flow
{
    std::vector<Time> sentAt;    ///< by sequence number
    std::vector<uint64_t> uid;   ///< packet uid by sequence number
    std::set<uint32_t> received; ///< sequence numbers
    /// Label operations each packet met, by uid: "r0 push 2000", ...
    std::map<uint64_t, std::vector<std::string>> ops;
};

inline void
SendOne(Ptr<Socket> socket, Flow* flow, Ipv4Address to, Time stop)
{
    const uint32_t seq = flow->sentAt.size();
    uint8_t payload[64] = {};
    payload[0] = seq >> 24;
    payload[1] = seq >> 16;
    payload[2] = seq >> 8;
    payload[3] = seq;
    Ptr<Packet> p = Create<Packet>(payload, sizeof(payload));
    flow->sentAt.push_back(Simulator::Now());
    flow->uid.push_back(p->GetUid());
    socket->SendTo(p, 0, InetSocketAddress(to, kPort));
    if (Simulator::Now() + MilliSeconds(10) < stop)
    {
        Simulator::Schedule(MilliSeconds(10), &SendOne, socket, flow, to, stop);
    }
}

inline void
ReceiveFlow(Flow* flow, Ptr<Socket> socket)
{
    while (Ptr<Packet> p = socket->Recv())
    {
        uint8_t b[4];
        p->CopyData(b, 4);
        flow->received.insert((uint32_t(b[0]) << 24) | (b[1] << 16) | (b[2] << 8) | b[3]);
    }
}

inline void
StartFlow(Net& net, Flow* flow, Time start, Time stop)
{
    Ptr<Socket> rx = Socket::CreateSocket(net.hosts.Get(1), UdpSocketFactory::GetTypeId());
    rx->Bind(InetSocketAddress(Ipv4Address::GetAny(), kPort));
    rx->SetRecvCallback(MakeBoundCallback(&ReceiveFlow, flow));
    Ptr<Socket> tx = Socket::CreateSocket(net.hosts.Get(0), UdpSocketFactory::GetTypeId());
    tx->Bind();
    Simulator::Schedule(start, &SendOne, tx, flow, net.HostAddress(1), stop);
}

inline void
OnPush(Flow* f, std::string node, Ptr<const Packet> p, uint32_t label, uint32_t)
{
    f->ops[p->GetUid()].push_back(node + " push " + std::to_string(label));
}

inline void
OnSwap(Flow* f, std::string node, Ptr<const Packet> p, uint32_t in, uint32_t out, uint32_t)
{
    f->ops[p->GetUid()].push_back(node + " swap " + std::to_string(in) + ">" + std::to_string(out));
}

inline void
OnPop(Flow* f, std::string node, Ptr<const Packet> p, uint32_t label, uint32_t)
{
    f->ops[p->GetUid()].push_back(node + " pop " + std::to_string(label));
}

inline void
WatchLabels(Net& net, Flow* flow)
{
    for (uint32_t r = 0; r < net.routers.GetN(); ++r)
    {
        const std::string name = "r" + std::to_string(r);
        Ptr<mpls::Protocol> m = net.Mpls(r);
        m->TraceConnectWithoutContext("Push", MakeBoundCallback(&OnPush, flow, name));
        m->TraceConnectWithoutContext("Swap", MakeBoundCallback(&OnSwap, flow, name));
        m->TraceConnectWithoutContext("Pop", MakeBoundCallback(&OnPop, flow, name));
    }
}

/// Packets sent in [from, to): how many, how many arrived, and how many met
/// exactly the label operations `expected`.
struct WindowResult
{
    uint32_t sent = 0;
    uint32_t delivered = 0;
    uint32_t onPath = 0;
    std::string firstMismatch;
};

inline WindowResult
Window(const Flow& f, Time from, Time to, const std::vector<std::string>& expected)
{
    WindowResult w;
    for (uint32_t seq = 0; seq < f.sentAt.size(); ++seq)
    {
        if (f.sentAt[seq] < from || f.sentAt[seq] >= to)
        {
            continue;
        }
        ++w.sent;
        w.delivered += f.received.count(seq);
        auto it = f.ops.find(f.uid[seq]);
        const std::vector<std::string> got =
            it == f.ops.end() ? std::vector<std::string>() : it->second;
        if (got == expected)
        {
            ++w.onPath;
        }
        else if (w.firstMismatch.empty())
        {
            std::ostringstream os;
            for (const auto& s : got)
            {
                os << "[" << s << "]";
            }
            w.firstMismatch = os.str();
        }
    }
    return w;
}

/// Session state changes seen by one LSR.
struct SessionLog
{
    struct Entry
    {
        Time at;
        Ipv4Address peer;
        SessionState to;
    };

    std::vector<Entry> entries;

    /// First time after `after` the session with `peer` entered `state`.
    Time
    First(Ipv4Address peer, SessionState state, Time after = Seconds(0)) const
    {
        for (const Entry& e : entries)
        {
            if (e.peer == peer && e.to == state && e.at >= after)
            {
                return e.at;
            }
        }
        return Time::Max();
    }
};

inline void
OnSession(SessionLog* log, Ipv4Address peer, SessionState, SessionState to)
{
    log->entries.push_back({Simulator::Now(), peer, to});
}

inline SessionLog*
WatchSessions(Ptr<Protocol> ldp, std::vector<std::unique_ptr<SessionLog>>& logs)
{
    logs.push_back(std::make_unique<SessionLog>());
    ldp->TraceConnectWithoutContext("SessionStateChange",
                                    MakeBoundCallback(&OnSession, logs.back().get()));
    return logs.back().get();
}

struct AdjacencyLog
{
    uint32_t up = 0;
    uint32_t down = 0;
};

inline void
OnAdjacency(AdjacencyLog* log, Ipv4Address, bool up)
{
    ++(up ? log->up : log->down);
}

inline std::string
Op(uint32_t router, const char* op, uint32_t label)
{
    return "r" + std::to_string(router) + " " + op + " " + std::to_string(label);
}

inline std::string
Swap(uint32_t router, uint32_t in, uint32_t out)
{
    return "r" + std::to_string(router) + " swap " + std::to_string(in) + ">" + std::to_string(out);
}

using ipvpntest::CountFrames;
using ipvpntest::PcapCheck;

} // namespace ldptest

#endif
