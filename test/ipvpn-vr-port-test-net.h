/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * For the ipvpn-vr-port suite: the network of the seed's Fig. 7 with VR
 * ports built by hand (no scenario file).
 *
 *            H1 (10.1.0.2)        H2 (10.2.0.2)
 *                |                    |
 *      R1 [A1 192.0.2.11]     R2 [A2 192.0.2.21]
 *                 \                  /
 *                  '------- X -------'
 *                           |
 *              R3 [A3 192.0.2.31, B 192.0.2.32]
 *                  |                 |
 *             H3 (10.3.0.2)     HB (10.3.0.2, VPN B)
 *
 * Core: point-to-point links 172.16.k.0/24, OSPF on the links and on each
 * router's loopback (router ID 10.255.0.k, and the VR ports' addresses as
 * host routes). VPN A's user networks 10.1/10.2/10.3.0.0/24; VPN B uses
 * 10.3.0.0/24 too, at the same router. Fast timers everywhere.
 */
#ifndef IPVPN_VR_PORT_TEST_NET_H
#define IPVPN_VR_PORT_TEST_NET_H

#include "ipvpn-ospf-test-net.h"

#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4.h"
#include "ns3/ipvpn-routing-helper.h"
#include "ns3/ipvpn-routing-protocol.h"
#include "ns3/node-container.h"
#include "ns3/ospf-protocol.h"
#include "ns3/packet.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/vr-port.h"
#include "ns3/vr-vrf-routing-protocol.h"
#include "ns3/vrf-routing-helper.h"

#include <map>
#include <string>
#include <vector>

namespace vrtest
{

using namespace ns3;

using ospftest::kPort;
constexpr uint32_t kVrfA = 1;
constexpr uint32_t kVrfB = 2;

/// Sets the fast timers of a core OSPF instance.
inline void
FastOspf(Ptr<ospf::Protocol> ospf, Time hello)
{
    ospf->SetAttribute("HelloInterval", TimeValue(hello));
    ospf->SetAttribute("RouterDeadInterval", TimeValue(hello * 4));
    ospf->SetAttribute("MinLSInterval", TimeValue(MilliSeconds(200)));
    ospf->SetAttribute("MinLSArrival", TimeValue(MilliSeconds(50)));
    ospf->SetAttribute("SpfInitialDelay", TimeValue(MilliSeconds(50)));
    ospf->SetAttribute("SpfHoldTime", TimeValue(MilliSeconds(200)));
    ospf->SetAttribute("AckDelay", TimeValue(MilliSeconds(100)));
}

/// Counts the UDP datagrams a host receives on port 9 (the OSPF suite's).
using ospftest::Sink;

/// Sends `count` datagrams, 100 ms apart from `start`, from a host to `to`.
inline void
SendUdp(Ptr<Node> from, Ipv4Address to, Time start, uint32_t count)
{
    Ptr<Socket> socket = Socket::CreateSocket(from, UdpSocketFactory::GetTypeId());
    socket->Bind();
    for (uint32_t i = 0; i < count; ++i)
    {
        Simulator::Schedule(start + MilliSeconds(100) * i, [socket, to]() {
            socket->SendTo(Create<Packet>(100), 0, InetSocketAddress(to, kPort));
        });
    }
}

/// One "Step" trace record of a port.
struct StepRecord
{
    Time at;
    vr::Step step;
    Ipv4Address peer;
};

/// The Fig. 7 network.
struct Fig7Net
{
    enum NodeIndex : uint32_t
    {
        X = 0,
        R1,
        R2,
        R3,
        H1,
        H2,
        H3,
        HB
    };

    Time m_hello;
    NodeContainer nodes;
    std::map<std::string, Ptr<vr::VrPort>> ports;
    std::map<uint32_t, Ptr<ospf::Protocol>> core;
    std::map<std::string, std::vector<StepRecord>> steps;
    std::map<std::string, std::vector<std::string>> actions; ///< "Action" texts

    /// `hello`: HelloInterval of every OSPF instance (RouterDeadInterval
    /// four times that); long runs take 10 s. `chord`: a core link R1-R2
    /// (172.16.4.0/24) as well, which makes a loop R1-X-R2.
    explicit Fig7Net(Time hello = Seconds(1), bool chord = false)
        : m_hello(hello)
    {
        nodes.Create(8);
        InternetStackHelper stack;
        IpvpnRoutingHelper plain;
        stack.SetRoutingHelper(plain);
        for (uint32_t n : {X, H1, H2, H3, HB})
        {
            stack.Install(nodes.Get(n));
        }
        VrfRoutingHelper edge;
        stack.SetRoutingHelper(edge);
        for (uint32_t n : {R1, R2, R3})
        {
            stack.Install(nodes.Get(n));
        }
        VrfRoutingHelper::GetRouting(nodes.Get(R1))->AddVrf(kVrfA);
        VrfRoutingHelper::GetRouting(nodes.Get(R2))->AddVrf(kVrfA);
        VrfRoutingHelper::GetRouting(nodes.Get(R3))->AddVrf(kVrfA);
        VrfRoutingHelper::GetRouting(nodes.Get(R3))->AddVrf(kVrfB);

        PointToPointHelper p2p;
        p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
        p2p.SetChannelAttribute("Delay", StringValue("2ms"));
        std::vector<uint32_t> coreInterfaces[4];
        uint32_t subnet = 1;
        for (uint32_t r : {R1, R2, R3})
        {
            NetDeviceContainer link = p2p.Install(nodes.Get(X), nodes.Get(r));
            const std::string net = "172.16." + std::to_string(subnet++) + ".";
            coreInterfaces[X].push_back(Assign(link.Get(0), net + "1", 24));
            coreInterfaces[r].push_back(Assign(link.Get(1), net + "2", 24));
        }
        if (chord)
        {
            NetDeviceContainer link = p2p.Install(nodes.Get(R1), nodes.Get(R2));
            coreInterfaces[R1].push_back(Assign(link.Get(0), "172.16.4.1", 24));
            coreInterfaces[R2].push_back(Assign(link.Get(1), "172.16.4.2", 24));
        }
        // User lines: VRF first, then the address (the VPNs share 10.3.0.0/24).
        UserLine(p2p, R1, H1, kVrfA, "10.1.0");
        UserLine(p2p, R2, H2, kVrfA, "10.2.0");
        UserLine(p2p, R3, H3, kVrfA, "10.3.0");
        UserLine(p2p, R3, HB, kVrfB, "10.3.0");

        // Loopback addresses: the router ID, then the VR ports' addresses.
        AddLoopback(X, "10.255.0.100");
        AddLoopback(R1, "10.255.0.1");
        AddLoopback(R2, "10.255.0.2");
        AddLoopback(R3, "10.255.0.3");
        AddLoopback(R1, "192.0.2.11");
        AddLoopback(R2, "192.0.2.21");
        AddLoopback(R3, "192.0.2.31");
        AddLoopback(R3, "192.0.2.32");

        for (uint32_t r : {X, R1, R2, R3})
        {
            Ptr<ospf::Protocol> ospf = CreateObject<ospf::Protocol>();
            FastOspf(ospf, m_hello);
            ospf->SetNode(nodes.Get(r));
            ospf->AddInterface(0); // the loopback: router ID and VR ports
            for (uint32_t interface : coreInterfaces[r])
            {
                ospf->AddInterface(interface);
            }
            ospf->SetAttribute("RouterId", Ipv4AddressValue(Ip(r)->GetAddress(0, 1).GetLocal()));
            ospf->AssignStreams(10 * r);
            ospf->Start();
            core[r] = ospf;
        }

        const std::map<std::string, std::string> usersA = {{"A1", "pw-a1"},
                                                          {"A2", "pw-a2"},
                                                          {"A3", "pw-a3"}};
        AddPort("A1", R1, kVrfA, "00a0c9:00000001", "192.0.2.11", "pw-a1", usersA);
        AddPort("A2", R2, kVrfA, "00a0c9:00000001", "192.0.2.21", "pw-a2", usersA);
        AddPort("A3", R3, kVrfA, "00a0c9:00000001", "192.0.2.31", "pw-a3", usersA);
        AddPort("B", R3, kVrfB, "00a0c9:00000002", "192.0.2.32", "pw-b", {{"B", "pw-b"}});
    }

    Ptr<Ipv4>
    Ip(uint32_t n) const
    {
        return nodes.Get(n)->GetObject<Ipv4>();
    }

    Ptr<vr::VrfRoutingProtocol>
    Vrf(uint32_t router) const
    {
        return VrfRoutingHelper::GetRouting(nodes.Get(router));
    }

    uint32_t
    Assign(Ptr<NetDevice> device, const std::string& address, uint8_t length)
    {
        Ptr<Ipv4> ipv4 = device->GetNode()->GetObject<Ipv4>();
        const uint32_t interface = ipv4->AddInterface(device);
        ipv4->AddAddress(interface,
                         Ipv4InterfaceAddress(Ipv4Address(address.c_str()),
                                              Ipv4Mask(("/" + std::to_string(length)).c_str())));
        ipv4->SetUp(interface);
        return interface;
    }

    void
    AddLoopback(uint32_t n, const std::string& address)
    {
        Ip(n)->AddAddress(0, Ipv4InterfaceAddress(Ipv4Address(address.c_str()), Ipv4Mask::GetOnes()));
    }

    std::map<std::string, uint32_t> userInterface;

    void
    UserLine(PointToPointHelper& p2p,
             uint32_t router,
             uint32_t host,
             uint32_t vrf,
             const std::string& net)
    {
        NetDeviceContainer link = p2p.Install(nodes.Get(router), nodes.Get(host));
        Vrf(router)->AssignDevice(link.Get(0), vrf);
        userInterface[std::to_string(router) + "/" + std::to_string(vrf)] =
            Assign(link.Get(0), net + ".1", 24);
        Assign(link.Get(1), net + ".2", 24);
        DynamicCast<IpvpnRoutingProtocol>(Ip(host)->GetRoutingProtocol())
            ->AddStaticRoute(Ipv4Address::GetZero(),
                             Ipv4Mask::GetZero(),
                             Ipv4Address((net + ".1").c_str()),
                             1);
    }

    void
    AddPort(const std::string& name,
            uint32_t router,
            uint32_t vrf,
            const std::string& vpn,
            const std::string& address,
            const std::string& password,
            const std::map<std::string, std::string>& users)
    {
        Ptr<vr::VrPort> port = CreateObject<vr::VrPort>();
        port->SetAttribute("VpnId", StringValue(vpn));
        port->SetAttribute("Address", Ipv4AddressValue(Ipv4Address(address.c_str())));
        port->SetAttribute("RouterId", Ipv4AddressValue(Ip(router)->GetAddress(0, 1).GetLocal()));
        port->SetAttribute("Name", StringValue(name));
        port->SetAttribute("Password", StringValue(password));
        port->SetAttribute("RadiusSecret", StringValue("radius-" + vpn));
        port->SetAttribute("TunnelSecret", StringValue("tunnel-" + vpn));
        port->SetNode(nodes.Get(router));
        port->SetVrf(Vrf(router), vrf);
        port->AddUserInterface(userInterface[std::to_string(router) + "/" + std::to_string(vrf)]);
        for (const auto& [user, secret] : users)
        {
            port->AddCredential(user, secret);
        }
        Ptr<ospf::Protocol> coreOspf = core[router];
        port->SetRouterList(MakeCallback(&ospf::Protocol::GetKnownRouters, coreOspf));
        for (const auto& [attribute, value] : std::vector<std::pair<std::string, Time>>{
                 {"HelloInterval", m_hello},
                 {"RouterDeadInterval", m_hello * 4},
                 {"MinLSInterval", MilliSeconds(200)},
                 {"MinLSArrival", MilliSeconds(50)},
                 {"SpfInitialDelay", MilliSeconds(50)},
                 {"SpfHoldTime", MilliSeconds(200)},
                 {"RxmtInterval", Seconds(1)},
                 {"AckDelay", MilliSeconds(100)}})
        {
            port->SetOspfAttribute(attribute, TimeValue(value));
        }
        port->TraceConnectWithoutContext("Step",
                                         MakeBoundCallback(&Fig7Net::RecordStep, &steps[name]));
        port->TraceConnectWithoutContext("Action",
                                         MakeBoundCallback(&Fig7Net::RecordAction, &actions[name]));
        ports[name] = port;
    }

    static void
    RecordStep(std::vector<StepRecord>* log, vr::Step step, Ipv4Address peer)
    {
        log->push_back({Simulator::Now(), step, peer});
    }

    static void
    RecordAction(std::vector<std::string>* log, vr::Step, Ipv4Address, const std::string& text)
    {
        log->push_back(text);
    }

    /// How many actions of `port` contain `word`.
    uint32_t
    CountActions(const std::string& port, const std::string& word) const
    {
        uint32_t n = 0;
        for (const std::string& text : actions.at(port))
        {
            n += text.find(word) != std::string::npos ? 1 : 0;
        }
        return n;
    }

    /// Start() then Announce() of a port at `at`.
    void
    AddAt(const std::string& name, Time at)
    {
        Ptr<vr::VrPort> port = ports[name];
        Simulator::Schedule(at, [port]() {
            port->Start();
            port->Announce();
        });
    }

    /// The first time `port` passed `step` about `peer` at or after `from`;
    /// -1 s if never.
    Time
    StepTime(const std::string& port, vr::Step step, Ipv4Address peer, Time from = Seconds(0)) const
    {
        for (const StepRecord& r : steps.at(port))
        {
            if (r.step == step && r.peer == peer && r.at >= from)
            {
                return r.at;
            }
        }
        return Seconds(-1);
    }

    /// Takes R3's core link down (`up` false) or up again: A3 and B fall
    /// silent for the rest of the network.
    void
    SetR3Core(bool up)
    {
        Ptr<Ipv4> ipv4 = Ip(R3);
        for (uint32_t i = 1; i < ipv4->GetNInterfaces(); ++i)
        {
            if (ipv4->GetAddress(i, 0).GetLocal() == Ipv4Address("172.16.3.2"))
            {
                up ? ipv4->SetUp(i) : ipv4->SetDown(i);
            }
        }
    }

    /// The steps of a port at or after `from`, as "S1 S2 ...", peers left out.
    std::string
    Steps(const std::string& name, Time from = Seconds(0)) const
    {
        std::string out;
        for (const StepRecord& r : steps.at(name))
        {
            if (r.at >= from)
            {
                out += (out.empty() ? "" : " ") + vr::StepName(r.step);
            }
        }
        return out;
    }
};

} // namespace vrtest

#endif // IPVPN_VR_PORT_TEST_NET_H
