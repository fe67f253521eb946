/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The hosts' stub resolver and the gateway's DNS processor in simulation
 * (seed 004, unit 143), on two point-to-point links:
 *
 *   host A (10.0.0.4) --- gateway (10.0.0.1 | 203.0.113.1) --- server 330 (203.0.113.2)
 *
 * The gateway runs dns::Processor; the server node runs the fixed-answer
 * responder written below (UDP and TCP port 53, and a second one on 5353
 * standing in for the peer gateway). Expected latencies are worked out from
 * the links: a datagram of n octets (IP and UDP headers included) takes
 * 2 ms plus (n + 2 PPP octets) x 8 / 10 Mb/s on each hop.
 */
#include "ipvpn-pcap-check.h"

#include "ns3/boolean.h"
#include "ns3/dns-message.h"
#include "ns3/dns-processor.h"
#include "ns3/dns-stub-resolver.h"
#include "ns3/error-model.h"
#include "ns3/global-value.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-global-routing-helper.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/pointer.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/test.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <cstdio>
#include <cstdlib>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::dns;

namespace
{

using ipvpntest::CanCheckPcaps;
using ipvpntest::PcapCheckTool;

const Ipv4Address HOST("10.0.0.4");
const Ipv4Address GW_INSIDE("10.0.0.1");
const Ipv4Address GW_OUTSIDE("203.0.113.1");
const Ipv4Address SERVER("203.0.113.2");
const Time RETRANSMIT = Seconds(1);
constexpr uint16_t PEER_PORT = 5353;

// ------------------------------------------------------------ responder

/// A fixed-answer DNS server for the tests: A records from a table, NXDOMAIN
/// otherwise; over UDP and TCP (RFC 1035 4.2.2 framing).
class Responder
{
  public:
    std::map<std::string, std::vector<Ipv4Address>> table;
    bool truncateUdp = false;     ///< answer UDP with TC=1 and no records
    bool forge = false;           ///< send a copy with a wrong ID before each UDP answer
    std::vector<uint16_t> udpIds; ///< IDs of the UDP queries received
    std::vector<uint16_t> tcpIds; ///< IDs of the TCP queries received

    void
    Start(Ptr<Node> node, uint16_t port)
    {
        m_udp = Socket::CreateSocket(node, UdpSocketFactory::GetTypeId());
        m_udp->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
        m_udp->SetRecvCallback(MakeCallback(&Responder::UdpRead, this));
        m_tcp = Socket::CreateSocket(node, TcpSocketFactory::GetTypeId());
        m_tcp->Bind(InetSocketAddress(Ipv4Address::GetAny(), port));
        m_tcp->Listen();
        m_tcp->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                 MakeCallback(&Responder::Accepted, this));
    }

    void
    Stop()
    {
        for (Ptr<Socket> s : {m_udp, m_tcp})
        {
            if (!s)
            {
                continue;
            }
            s->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
            s->Close();
        }
        for (auto& [socket, buffer] : m_streams)
        {
            socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        }
        m_streams.clear();
    }

  private:
    std::vector<uint8_t>
    Answer(const Message& query, bool udp) const
    {
        Message r;
        r.header = query.header;
        r.header.qr = true;
        r.header.aa = true;
        r.questions = query.questions;
        if (udp && truncateUdp)
        {
            r.header.tc = true;
            return r.Encode();
        }
        auto it = table.end();
        if (query.questions.size() == 1)
        {
            it = table.find(query.questions[0].name.ToString());
        }
        if (it == table.end())
        {
            r.header.rcode = RCODE_NXDOMAIN;
            return r.Encode();
        }
        for (const Ipv4Address& a : it->second)
        {
            r.answers.push_back(ResourceRecord::MakeA(query.questions[0].name, 300, a));
        }
        return r.Encode();
    }

    void
    UdpRead(Ptr<Socket> socket)
    {
        Address from;
        while (Ptr<Packet> p = socket->RecvFrom(from))
        {
            std::vector<uint8_t> bytes(p->GetSize());
            p->CopyData(bytes.data(), bytes.size());
            Message query;
            if (Message::Decode(bytes, query) != DecodeError::OK)
            {
                continue;
            }
            udpIds.push_back(query.header.id);
            std::vector<uint8_t> answer = Answer(query, true);
            if (forge)
            {
                std::vector<uint8_t> forged = answer;
                forged[0] ^= 0x55;
                socket->SendTo(Create<Packet>(forged.data(), forged.size()), 0, from);
            }
            socket->SendTo(Create<Packet>(answer.data(), answer.size()), 0, from);
        }
    }

    void
    Accepted(Ptr<Socket> socket, const Address&)
    {
        m_streams[socket];
        socket->SetRecvCallback(MakeCallback(&Responder::TcpRead, this));
    }

    void
    TcpRead(Ptr<Socket> socket)
    {
        std::vector<uint8_t>& buffer = m_streams[socket];
        while (Ptr<Packet> p = socket->Recv())
        {
            const size_t old = buffer.size();
            buffer.resize(old + p->GetSize());
            p->CopyData(buffer.data() + old, p->GetSize());
            std::vector<uint8_t> frame;
            size_t used = 0;
            while ((used = ReadTcpFrame(buffer.data(), buffer.size(), frame)) > 0)
            {
                buffer.erase(buffer.begin(), buffer.begin() + used);
                Message query;
                if (Message::Decode(frame, query) != DecodeError::OK)
                {
                    continue;
                }
                tcpIds.push_back(query.header.id);
                const auto framed = FrameForTcp(Answer(query, false));
                socket->Send(Create<Packet>(framed->data(), framed->size()));
            }
        }
    }

    Ptr<Socket> m_udp;
    Ptr<Socket> m_tcp;
    std::map<Ptr<Socket>, std::vector<uint8_t>> m_streams;
};

// ------------------------------------------------------------- scenario

struct Options
{
    std::string name = "hostb.home.arpa";
    bool stubToServer = false; ///< the stub asks the responder directly, not the gateway
    bool loseFirstQuery = false;
    bool truncate = false;
    bool forge = false;
    bool hook = false;
    bool silentServer = false;      ///< no server on port 53
    bool removeAndAskAgain = false; ///< RemoveHost(name) at 2 s, Resolve(name) at 3 s
    Time forwardTimeout = Seconds(10);
    std::string pcapInside;  ///< capture of the gateway's inside device
    std::string pcapOutside; ///< capture of the gateway's outside device
};

struct Observed
{
    bool done = false;
    ResolveResult result;
    ResolveResult second;          ///< removeAndAskAgain
    std::vector<uint16_t> stubIds; ///< IDs the stub sent
    std::vector<std::string> events;
    ProcessorCounters processor;
    StubResolverCounters stub;
    std::vector<uint16_t> serverUdpIds;
    std::vector<uint16_t> serverTcpIds;
    std::vector<uint16_t> peerUdpIds;
};

void
OnResult(Observed* o, const ResolveResult& r)
{
    o->done = true;
    o->result = r;
}

void
OnSecond(Observed* o, const ResolveResult& r)
{
    o->second = r;
}

void
OnHostTable(Observed* o, const std::string& name, Ipv4Address address, bool added)
{
    std::ostringstream s;
    s << (added ? "added " : "removed ") << name << " " << address;
    o->events.push_back(s.str());
}

void
OnQuerySent(Observed* o, const std::string&, uint16_t id, uint32_t, bool)
{
    o->stubIds.push_back(id);
}

void
OnHook(Observed* o, const std::string& name, uint8_t kind)
{
    o->events.push_back("hook " + name + " " + std::to_string(kind));
}

void
OnForwarded(Observed* o, const std::string& name, Ipv4Address server, uint16_t)
{
    std::ostringstream s;
    s << "forwarded " << name << " " << server;
    o->events.push_back(s.str());
}

Observed
RunScenario(const Options& opt)
{
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(1);

    NodeContainer nodes;
    nodes.Create(3); // 0 host, 1 gateway, 2 server
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("2ms"));
    NetDeviceContainer inside = p2p.Install(nodes.Get(1), nodes.Get(0));
    NetDeviceContainer outside = p2p.Install(nodes.Get(1), nodes.Get(2));
    InternetStackHelper stack;
    stack.Install(nodes);
    Ipv4AddressHelper addresses;
    addresses.SetBase("10.0.0.0", "255.255.255.0", "0.0.0.1");
    addresses.Assign(NetDeviceContainer(inside.Get(0)));
    addresses.SetBase("10.0.0.0", "255.255.255.0", "0.0.0.4");
    addresses.Assign(NetDeviceContainer(inside.Get(1)));
    addresses.SetBase("203.0.113.0", "255.255.255.0");
    addresses.Assign(outside);
    Ipv4GlobalRoutingHelper::PopulateRoutingTables();

    if (opt.loseFirstQuery)
    {
        // The gateway's inside device loses the first packet it receives.
        Ptr<ReceiveListErrorModel> em = CreateObject<ReceiveListErrorModel>();
        em->SetList({0});
        inside.Get(0)->SetAttribute("ReceiveErrorModel", PointerValue(em));
    }

    Responder server;
    server.table["www.example.com"] = {Ipv4Address("93.184.216.34")};
    server.truncateUdp = opt.truncate;
    server.forge = opt.forge;
    Responder peer; // the peer gateway of the hook's FORWARD
    peer.table["hosta.gwb.example"] = {Ipv4Address("10.0.1.5")};
    if (!opt.silentServer)
    {
        Simulator::Schedule(Seconds(0.1), &Responder::Start, &server, nodes.Get(2), DNS_PORT);
    }
    Simulator::Schedule(Seconds(0.1), &Responder::Start, &peer, nodes.Get(2), PEER_PORT);

    Ptr<Processor> processor = CreateObject<Processor>();
    processor->SetAttribute("LocalDomain", StringValue("home.arpa"));
    processor->SetAttribute("ForwardTimeout", TimeValue(opt.forwardTimeout));
    processor->AddListenAddress(GW_INSIDE);
    processor->SetUpstream(SERVER);
    processor->AssignStreams(11);
    Observed o;
    processor->TraceConnectWithoutContext("HostTable", MakeBoundCallback(&OnHostTable, &o));
    processor->AddHost("hostb.home.arpa", Ipv4Address("10.0.0.5"));
    processor->AddHost("hosta", HOST);
    if (opt.hook)
    {
        processor->SetQueryHook([](const Question& q, const PeerAddress&) {
            if (q.name == *Name::Parse("hostb.gwb.example"))
            {
                // Seed 004 [0149]: host B's tunnel address in case 2.
                return HookDecision::Answer({Ipv4Address("10.0.2.5")});
            }
            if (q.name == *Name::Parse("hosta.gwb.example"))
            {
                return HookDecision::Forward(SERVER, PEER_PORT);
            }
            return HookDecision::NoOpinion();
        });
    }
    nodes.Get(1)->AddApplication(processor);
    processor->SetStartTime(Seconds(0.2));

    processor->TraceConnectWithoutContext("HookDecision", MakeBoundCallback(&OnHook, &o));
    processor->TraceConnectWithoutContext("Forwarded", MakeBoundCallback(&OnForwarded, &o));

    Ptr<StubResolver> stub = CreateObject<StubResolver>();
    stub->SetAttribute("RetransmitTimeout", TimeValue(RETRANSMIT));
    stub->SetAttribute("MaxRetransmissions", UintegerValue(2));
    stub->Setup(nodes.Get(0));
    stub->SetServer(opt.stubToServer ? SERVER : GW_INSIDE);
    stub->AssignStreams(12);
    stub->TraceConnectWithoutContext("QuerySent", MakeBoundCallback(&OnQuerySent, &o));
    Simulator::Schedule(Seconds(1), [&]() {
        stub->Resolve(opt.name, MakeBoundCallback(&OnResult, &o));
    });
    if (opt.removeAndAskAgain)
    {
        Simulator::Schedule(Seconds(2), [&]() {
            processor->RemoveHost(opt.name);
        });
        Simulator::Schedule(Seconds(3), [&]() {
            stub->Resolve(opt.name, MakeBoundCallback(&OnSecond, &o));
        });
    }

    if (!opt.pcapInside.empty())
    {
        p2p.EnablePcap(opt.pcapInside, inside.Get(0), false, true);
    }
    if (!opt.pcapOutside.empty())
    {
        p2p.EnablePcap(opt.pcapOutside, outside.Get(0), false, true);
    }
    Simulator::Stop(Seconds(30));
    Simulator::Run();
    o.processor = processor->GetCounters();
    o.stub = stub->GetCounters();
    o.serverUdpIds = server.udpIds;
    o.serverTcpIds = server.tcpIds;
    o.peerUdpIds = peer.udpIds;
    server.Stop();
    peer.Stop();
    Simulator::Destroy();
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));
    return o;
}

/// One hop's time for a datagram of `ipBytes` octets (IP header included).
Time
Hop(uint32_t ipBytes)
{
    return MilliSeconds(2) + NanoSeconds((ipBytes + 2) * 8 * 100); // 10 Mb/s: 100 ns a bit
}

/// pcap-check FILE --expect dns [--expect EXTRA]; true on exit 0.
bool
PcapCheck(const std::string& file, const std::string& extra = "")
{
    std::string cmd = "'" + PcapCheckTool() + "' '" + file + "' --quiet --expect dns";
    if (!extra.empty())
    {
        cmd += " --expect '" + extra + "'";
    }
    return std::system((cmd + " >/dev/null 2>&1").c_str()) == 0;
}

/// tshark's reading of one field of the frames matching `filter`, one a line.
std::string
Tshark(const std::string& file, const std::string& filter, const std::string& field)
{
    const std::string cmd =
        "tshark -r '" + file + "' -Y '" + filter + "' -T fields -e " + field + " 2>/dev/null";
    std::string out;
    if (FILE* p = popen(cmd.c_str(), "r"))
    {
        char buf[256];
        while (fgets(buf, sizeof(buf), p) != nullptr)
        {
            out += buf;
        }
        pclose(p);
    }
    return out;
}

std::string
Hex(uint16_t id)
{
    char buf[8];
    std::snprintf(buf, sizeof(buf), "0x%04x", id);
    return buf;
}

// --------------------------------------------------------------- test cases

/// A home host's name: answered by the gateway, nothing goes upstream.
class LocalNameTestCase : public TestCase
{
  public:
    LocalNameTestCase()
        : TestCase("a home name is answered from the table of the gateway")
    {
    }

  private:
    void
    DoRun() override
    {
        Options opt;
        opt.removeAndAskAgain = true;
        opt.pcapInside = CreateTempDirFilename("dns-local-inside.pcap");
        opt.pcapOutside = CreateTempDirFilename("dns-local-outside.pcap");
        const Observed o = RunScenario(opt);
        NS_TEST_ASSERT_MSG_EQ(o.done, true, "resolution ended");
        NS_TEST_EXPECT_MSG_EQ(+o.result.rcode, +RCODE_NOERROR, "NOERROR");
        NS_TEST_ASSERT_MSG_EQ(o.result.addresses.size(), 1, "one address");
        NS_TEST_EXPECT_MSG_EQ(o.result.addresses[0], Ipv4Address("10.0.0.5"), "host B");
        NS_TEST_EXPECT_MSG_EQ(o.result.attempts, 1, "one attempt");
        NS_TEST_EXPECT_MSG_EQ(o.result.gaveUp, false, "not given up");
        // Query: 20 IP + 8 UDP + 12 header + 17 name + 4 = 61 octets;
        // answer: 61 + 16 (pointer 2, type 2, class 2, TTL 4, length 2, 4).
        NS_TEST_EXPECT_MSG_EQ(o.result.latency, Hop(61) + Hop(77), "one round trip");
        NS_TEST_EXPECT_MSG_EQ(o.serverUdpIds.size(), 0, "no query upstream");
        // Removed from the table (traced), the name is NXDOMAIN.
        NS_TEST_EXPECT_MSG_EQ(+o.second.rcode, +RCODE_NXDOMAIN, "NXDOMAIN once removed");
        NS_TEST_EXPECT_MSG_EQ(o.second.addresses.size(), 0, "no address");
        NS_TEST_ASSERT_MSG_EQ(o.events.size(), 3, "table traced");
        NS_TEST_EXPECT_MSG_EQ(o.events[0], "added hostb.home.arpa 10.0.0.5", "added");
        NS_TEST_EXPECT_MSG_EQ(o.events[1], "added hosta 10.0.0.4", "added by label");
        NS_TEST_EXPECT_MSG_EQ(o.events[2], "removed hostb.home.arpa 10.0.0.5", "removed");
        NS_TEST_EXPECT_MSG_EQ(o.processor.localAnswers, 2, "counted local");
        NS_TEST_EXPECT_MSG_EQ(o.processor.nxdomain, 1, "counted NXDOMAIN");
        NS_TEST_EXPECT_MSG_EQ(o.processor.forwarded, 0, "nothing forwarded");
        if (CanCheckPcaps())
        {
            NS_TEST_EXPECT_MSG_EQ(PcapCheck(opt.pcapInside,
                                            "dns.flags.authoritative == 1 && "
                                            "dns.a == 10.0.0.5"),
                                  true,
                                  "inside capture decodes");
            NS_TEST_EXPECT_MSG_EQ(
                Tshark(opt.pcapOutside, "dns", "dns.id"), "", "no DNS on the outside link");
        }
    }
};

/// An Internet name: forwarded under a new ID, relayed with the host's.
class ForwardTestCase : public TestCase
{
  public:
    ForwardTestCase()
        : TestCase("an Internet name is forwarded and relayed with the ID of the client")
    {
    }

  private:
    void
    DoRun() override
    {
        Options opt;
        opt.name = "www.example.com";
        opt.pcapInside = CreateTempDirFilename("dns-forward-inside.pcap");
        opt.pcapOutside = CreateTempDirFilename("dns-forward-outside.pcap");
        const Observed o = RunScenario(opt);
        NS_TEST_ASSERT_MSG_EQ(o.done, true, "resolution ended");
        NS_TEST_EXPECT_MSG_EQ(+o.result.rcode, +RCODE_NOERROR, "NOERROR");
        NS_TEST_ASSERT_MSG_EQ(o.result.addresses.size(), 1, "one address");
        NS_TEST_EXPECT_MSG_EQ(o.result.addresses[0], Ipv4Address("93.184.216.34"), "server's");
        NS_TEST_ASSERT_MSG_EQ(o.stubIds.size(), 1, "one query from the host");
        NS_TEST_ASSERT_MSG_EQ(o.serverUdpIds.size(), 1, "one query upstream");
        NS_TEST_EXPECT_MSG_NE(o.serverUdpIds[0], o.stubIds[0], "a new upstream ID");
        NS_TEST_EXPECT_MSG_EQ(o.processor.forwarded, 1, "forwarded");
        NS_TEST_EXPECT_MSG_EQ(o.processor.relayed, 1, "relayed");
        // Query 33 DNS octets + 28 each hop; answer 79 + 28 with one A record.
        NS_TEST_EXPECT_MSG_EQ(
            o.result.latency, Hop(61) + Hop(61) + Hop(77) + Hop(77), "two round trips");
        if (CanCheckPcaps())
        {
            NS_TEST_EXPECT_MSG_EQ(PcapCheck(opt.pcapInside, "dns.flags.response == 1"),
                                  true,
                                  "inside capture decodes");
            NS_TEST_EXPECT_MSG_EQ(PcapCheck(opt.pcapOutside, "dns.a == 93.184.216.34"),
                                  true,
                                  "outside capture decodes");
            // tshark: the answer to the host carries the host's ID, the
            // query upstream the processor's.
            NS_TEST_EXPECT_MSG_EQ(Tshark(opt.pcapInside, "dns.flags.response == 1", "dns.id"),
                                  Hex(o.stubIds[0]) + "\n",
                                  "host's ID restored");
            NS_TEST_EXPECT_MSG_EQ(Tshark(opt.pcapOutside, "dns.flags.response == 0", "dns.id"),
                                  Hex(o.serverUdpIds[0]) + "\n",
                                  "upstream ID");
        }
    }
};

/// The first query is lost: the stub retransmits after RetransmitTimeout.
class RetransmitTestCase : public TestCase
{
  public:
    RetransmitTestCase()
        : TestCase("the stub retransmits a lost query")
    {
    }

  private:
    void
    DoRun() override
    {
        Options opt;
        opt.loseFirstQuery = true;
        const Observed o = RunScenario(opt);
        NS_TEST_ASSERT_MSG_EQ(o.done, true, "resolution ended");
        NS_TEST_EXPECT_MSG_EQ(+o.result.rcode, +RCODE_NOERROR, "NOERROR");
        NS_TEST_EXPECT_MSG_EQ(o.result.attempts, 2, "two attempts");
        NS_TEST_EXPECT_MSG_EQ(
            o.result.latency, RETRANSMIT + Hop(61) + Hop(77), "a timeout plus one round trip");
        NS_TEST_ASSERT_MSG_EQ(o.stubIds.size(), 2, "two transmissions");
        NS_TEST_EXPECT_MSG_EQ(o.stubIds[0], o.stubIds[1], "same ID");
        NS_TEST_EXPECT_MSG_EQ(o.stub.retransmissions, 1, "one retransmission");
        NS_TEST_EXPECT_MSG_EQ(o.processor.queries, 1, "the gateway saw one");
    }
};

/// A truncated UDP answer: the stub asks again over TCP.
class TruncatedTestCase : public TestCase
{
  public:
    TruncatedTestCase(bool viaGateway)
        : TestCase(viaGateway ? "TC=1 through the gateway: TCP to it, and TCP upstream"
                              : "TC=1 from the server: the stub repeats over TCP")
        , m_viaGateway(viaGateway)
    {
    }

  private:
    void
    DoRun() override
    {
        Options opt;
        opt.name = "www.example.com";
        opt.truncate = true;
        opt.stubToServer = !m_viaGateway;
        opt.pcapInside = CreateTempDirFilename("dns-tc-inside.pcap");
        opt.pcapOutside = CreateTempDirFilename("dns-tc-outside.pcap");
        const Observed o = RunScenario(opt);
        NS_TEST_ASSERT_MSG_EQ(o.done, true, "resolution ended");
        NS_TEST_EXPECT_MSG_EQ(+o.result.rcode, +RCODE_NOERROR, "NOERROR");
        NS_TEST_EXPECT_MSG_EQ(o.result.usedTcp, true, "over TCP");
        NS_TEST_EXPECT_MSG_EQ(o.result.attempts, 2, "UDP then TCP");
        NS_TEST_ASSERT_MSG_EQ(o.result.addresses.size(), 1, "one address");
        NS_TEST_EXPECT_MSG_EQ(o.result.addresses[0], Ipv4Address("93.184.216.34"), "server's");
        NS_TEST_EXPECT_MSG_EQ(o.serverUdpIds.size(), 1, "one UDP query at the server");
        NS_TEST_EXPECT_MSG_EQ(o.serverTcpIds.size(), 1, "one TCP query at the server");
        NS_TEST_EXPECT_MSG_EQ(o.stub.truncated, 1, "counted");
        if (m_viaGateway)
        {
            NS_TEST_EXPECT_MSG_EQ(o.processor.forwarded, 2, "UDP and TCP forwarded");
            NS_TEST_EXPECT_MSG_EQ(o.processor.relayed, 2, "both relayed");
        }
        if (CanCheckPcaps())
        {
            NS_TEST_EXPECT_MSG_EQ(PcapCheck(opt.pcapOutside, "tcp && dns.flags.response == 1"),
                                  true,
                                  "TCP answer decodes");
            NS_TEST_EXPECT_MSG_EQ(
                PcapCheck(opt.pcapInside, "dns.flags.truncated == 1"), true, "TC answer decodes");
        }
    }

    bool m_viaGateway;
};

/// The hook answers (seed 004 [0149]) and forwards to the peer gateway ([0129]).
class HookTestCase : public TestCase
{
  public:
    HookTestCase(bool forward)
        : TestCase(forward ? "the hook forwards to the peer gateway"
                           : "the hook answers with the tunnel address of host B")
        , m_forward(forward)
    {
    }

  private:
    void
    DoRun() override
    {
        Options opt;
        opt.hook = true;
        opt.name = m_forward ? "hosta.gwb.example" : "hostb.gwb.example";
        const Observed o = RunScenario(opt);
        NS_TEST_ASSERT_MSG_EQ(o.done, true, "resolution ended");
        NS_TEST_EXPECT_MSG_EQ(+o.result.rcode, +RCODE_NOERROR, "NOERROR");
        NS_TEST_ASSERT_MSG_EQ(o.result.addresses.size(), 1, "one address");
        NS_TEST_EXPECT_MSG_EQ(o.serverUdpIds.size(), 0, "nothing to the public server");
        if (m_forward)
        {
            NS_TEST_EXPECT_MSG_EQ(o.result.addresses[0], Ipv4Address("10.0.1.5"), "peer's");
            NS_TEST_EXPECT_MSG_EQ(o.peerUdpIds.size(), 1, "asked the peer");
            NS_TEST_EXPECT_MSG_EQ(o.processor.hookForwards, 1, "counted");
            NS_TEST_ASSERT_MSG_EQ(o.events.size(), 4, "table, hook and forward traced");
            NS_TEST_EXPECT_MSG_EQ(o.events[2], "hook hosta.gwb.example 2", "FORWARD");
            NS_TEST_EXPECT_MSG_EQ(
                o.events[3], "forwarded hosta.gwb.example 203.0.113.2", "to the peer");
        }
        else
        {
            NS_TEST_EXPECT_MSG_EQ(o.result.addresses[0], Ipv4Address("10.0.2.5"), "[0149]");
            NS_TEST_EXPECT_MSG_EQ(o.processor.hookAnswers, 1, "counted");
            NS_TEST_ASSERT_MSG_EQ(o.events.size(), 3, "table and hook traced");
            NS_TEST_EXPECT_MSG_EQ(o.events[2], "hook hostb.gwb.example 1", "ANSWER");
        }
    }

    bool m_forward;
};

/// A reply with a wrong ID arrives first: ignored and counted.
class ForgedReplyTestCase : public TestCase
{
  public:
    ForgedReplyTestCase(bool atStub)
        : TestCase(atStub ? "a forged reply to the stub is ignored and counted"
                          : "a forged reply to the gateway is ignored and counted")
        , m_atStub(atStub)
    {
    }

  private:
    void
    DoRun() override
    {
        Options opt;
        opt.name = "www.example.com";
        opt.forge = true;
        opt.stubToServer = m_atStub;
        const Observed o = RunScenario(opt);
        NS_TEST_ASSERT_MSG_EQ(o.done, true, "resolution ended");
        NS_TEST_EXPECT_MSG_EQ(+o.result.rcode, +RCODE_NOERROR, "NOERROR");
        NS_TEST_ASSERT_MSG_EQ(o.result.addresses.size(), 1, "the genuine answer");
        NS_TEST_EXPECT_MSG_EQ(o.result.attempts, 1, "no retransmission");
        if (m_atStub)
        {
            NS_TEST_EXPECT_MSG_EQ(o.stub.mismatches, 1, "stub counted it");
        }
        else
        {
            NS_TEST_EXPECT_MSG_EQ(o.processor.unmatched, 1, "gateway counted it");
            NS_TEST_EXPECT_MSG_EQ(o.processor.relayed, 1, "only the genuine one relayed");
            NS_TEST_EXPECT_MSG_EQ(o.stub.mismatches, 0, "nothing forged reached the host");
        }
    }

    bool m_atStub;
};

/// Nothing answers: the stub gives up, or the gateway answers SERVFAIL.
class SilentServerTestCase : public TestCase
{
  public:
    SilentServerTestCase(bool viaGateway)
        : TestCase(viaGateway ? "a silent upstream: the gateway answers server failure (RCODE 2)"
                              : "a silent server: the stub gives up after its retransmissions")
        , m_viaGateway(viaGateway)
    {
    }

  private:
    void
    DoRun() override
    {
        Options opt;
        opt.name = "www.example.com";
        opt.silentServer = true;
        opt.stubToServer = !m_viaGateway;
        opt.forwardTimeout = Seconds(2.5);
        const Observed o = RunScenario(opt);
        NS_TEST_ASSERT_MSG_EQ(o.done, true, "resolution ended");
        if (m_viaGateway)
        {
            // Sent at 0 and 1 s (the copy relayed as a duplicate); the
            // gateway's forward expires 2.5 s after the first reached it.
            NS_TEST_EXPECT_MSG_EQ(o.result.gaveUp, false, "an answer");
            NS_TEST_EXPECT_MSG_EQ(+o.result.rcode, +RCODE_SERVFAIL, "SERVFAIL");
            NS_TEST_EXPECT_MSG_EQ(o.result.attempts, 2, "two attempts");
            NS_TEST_EXPECT_MSG_EQ(
                o.result.latency, Hop(61) + Seconds(2.5) + Hop(61), "the forward timeout");
            NS_TEST_EXPECT_MSG_EQ(o.processor.duplicates, 1, "one duplicate");
            NS_TEST_EXPECT_MSG_EQ(o.processor.timeouts, 1, "one expiry");
        }
        else
        {
            // RetransmitTimeout 1 s doubled: sent at 0, 1 and 3 s, given up at 7 s.
            NS_TEST_EXPECT_MSG_EQ(o.result.gaveUp, true, "given up");
            NS_TEST_EXPECT_MSG_EQ(o.result.attempts, 3, "1 + MaxRetransmissions");
            NS_TEST_EXPECT_MSG_EQ(o.result.latency, Seconds(7), "1 + 2 + 4 s");
            NS_TEST_EXPECT_MSG_EQ(o.stub.timeouts, 1, "counted");
        }
    }

    bool m_viaGateway;
};

class IpvpnDnsResolverTestSuite : public TestSuite
{
  public:
    IpvpnDnsResolverTestSuite()
        : TestSuite("ipvpn-dns-resolver", TestSuite::Type::UNIT)
    {
        AddTestCase(new LocalNameTestCase);
        AddTestCase(new ForwardTestCase);
        AddTestCase(new RetransmitTestCase);
        AddTestCase(new TruncatedTestCase(false));
        AddTestCase(new TruncatedTestCase(true));
        AddTestCase(new HookTestCase(false));
        AddTestCase(new HookTestCase(true));
        AddTestCase(new ForgedReplyTestCase(true));
        AddTestCase(new ForgedReplyTestCase(false));
        AddTestCase(new SilentServerTestCase(false));
        AddTestCase(new SilentServerTestCase(true));
    }
};

} // namespace

static IpvpnDnsResolverTestSuite g_ipvpnDnsResolverTestSuite;
