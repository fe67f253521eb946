/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The public DNS server and the update client in simulation (seed 004
 * [0057], [0059]): gateway B registers its ISP address with DNS server 330
 * and the name is then resolved there.
 *
 *   gateway B 211.32.119.136 --- 10 Mb/s, 2 ms --- DNS server 211.32.119.53
 *
 * The gateway node also carries the test's own resolver (a UDP socket) and
 * a TCP client, so that what comes back is read from the octets, not from
 * the server's counters only. Captures of the gateway's device are checked
 * by tshark (pcap-check).
 */
#include "ipvpn-pcap-check.h"

#include "ns3/boolean.h"
#include "ns3/dns-message.h"
#include "ns3/dns-server.h"
#include "ns3/dns-update-client.h"
#include "ns3/dns-zone.h"
#include "ns3/error-model.h"
#include "ns3/global-value.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/test.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <cstdlib>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::dns;

namespace
{

using ipvpntest::CanCheckPcaps;
using ipvpntest::PcapCheckTool;

const Ipv4Address GATEWAY_B("211.32.119.136"); // seed 004, gateway B's public address
const Ipv4Address SERVER("211.32.119.53");
const Time RETRANSMIT = Seconds(1);
const Time IDLE = Seconds(5);
constexpr uint32_t BIG_COUNT = 40; ///< A records of big.example: over 512 octets

Name
N(const std::string& text)
{
    return Name::Parse(text).value();
}

/// What the test saw.
struct Observed
{
    std::vector<uint8_t> updateRcodes;
    std::vector<Time> updateLatencies;
    std::vector<std::vector<uint8_t>> udpReplies; ///< datagrams to the test resolver
    std::vector<uint8_t> tcpStream;               ///< octets the TCP client received
    Time tcpClosedAt = Seconds(-1);               ///< when the server closed the connection
    Time lastTcpSend;
    ServerCounters server;
    UpdateClientCounters client;
    uint64_t queryTraces = 0;
    uint64_t updateTraces = 0;
    uint64_t zoneChanges = 0;
    uint64_t malformedTraces = 0;
    Name lastQueryName; ///< arguments of the last "Query" trace
    uint16_t lastQueryType = 0;
    uint8_t lastQueryRcode = 0xff;
    uint32_t serial = 0;       ///< the zone's serial at the end
    uint32_t tcpOpenAtEnd = 0; ///< server connections still open at the end
};

struct Options
{
    Ipv4Address allowPrefix = Ipv4Address("211.32.0.0");
    Ipv4Mask allowMask = Ipv4Mask("255.255.0.0");
    bool loseFirstUpdate = false; ///< drop the first packet the server's device receives
    bool loseFirstReply = false;  ///< drop the first packet the gateway's device receives
    bool unregister = false;      ///< Unregister() at 2 s
    bool staleAddress = false;    ///< gateway-b.example has an old address before the update
    bool serverDown = false;      ///< the server application never starts
    bool queries = true;          ///< UDP queries after the registration
    bool tcp = false;             ///< TCP queries, then an idle connection
    bool malformed = false;       ///< undecodable datagrams and TCP frames to the server
    std::string pcap;             ///< capture of the gateway's device
};

void
OnDone(Observed* o, uint8_t rcode, Time latency)
{
    o->updateRcodes.push_back(rcode);
    o->updateLatencies.push_back(latency);
}

void
OnUdpRead(Observed* o, Ptr<Socket> socket)
{
    while (Ptr<Packet> p = socket->Recv())
    {
        std::vector<uint8_t> bytes(p->GetSize());
        p->CopyData(bytes.data(), bytes.size());
        o->udpReplies.push_back(bytes);
    }
}

void
OnTcpRead(Observed* o, Ptr<Socket> socket)
{
    while (Ptr<Packet> p = socket->Recv())
    {
        if (p->GetSize() == 0)
        {
            break;
        }
        std::vector<uint8_t> bytes(p->GetSize());
        p->CopyData(bytes.data(), bytes.size());
        o->tcpStream.insert(o->tcpStream.end(), bytes.begin(), bytes.end());
    }
}

void
OnTcpClose(Observed* o, Ptr<Socket> socket)
{
    o->tcpClosedAt = Simulator::Now();
    socket->Close();
}

std::vector<uint8_t>
QueryBytes(uint16_t id, const std::string& name)
{
    Message q;
    q.header.id = id;
    q.header.rd = true;
    q.questions.push_back({N(name), TYPE_A, CLASS_IN});
    return q.Encode();
}

void
SendRaw(Ptr<Socket> socket, std::vector<uint8_t> bytes)
{
    socket->SendTo(Create<Packet>(bytes.data(), bytes.size()), 0, InetSocketAddress(SERVER, 53));
}

void
SendTcp(Observed* o, Ptr<Socket> socket, std::vector<uint8_t> bytes)
{
    o->lastTcpSend = Simulator::Now();
    socket->Send(Create<Packet>(bytes.data(), bytes.size()));
}

void
StartRegister(Ptr<UpdateClient> client, Observed* o)
{
    client->Register(
        N("gateway-b.example"), N("example"), GATEWAY_B, 60, MakeBoundCallback(&OnDone, o));
}

void
StartUnregister(Ptr<UpdateClient> client, Observed* o)
{
    client->Unregister(N("gateway-b.example"), N("example"), MakeBoundCallback(&OnDone, o));
}

void
CountQuery(Observed* o, const Name& name, uint16_t type, uint8_t rcode)
{
    ++o->queryTraces;
    o->lastQueryName = name;
    o->lastQueryType = type;
    o->lastQueryRcode = rcode;
}

void
CountUpdate(Observed* o, const Name&, Ipv4Address, uint8_t)
{
    ++o->updateTraces;
}

void
CountZone(Observed* o, uint32_t)
{
    ++o->zoneChanges;
}

void
CountMalformed(Observed* o, Ipv4Address, DecodeError)
{
    ++o->malformedTraces;
}

void
AddAddress(Ptr<Node> node, Ptr<NetDevice> device, Ipv4Address address)
{
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    const int32_t i = ipv4->AddInterface(device);
    ipv4->AddAddress(i, Ipv4InterfaceAddress(address, Ipv4Mask("255.255.255.0")));
    ipv4->SetUp(i);
}

Observed
RunScenario(const Options& opt)
{
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    NodeContainer nodes;
    nodes.Create(2); // 0 gateway B, 1 DNS server
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("2ms"));
    NetDeviceContainer devices = p2p.Install(nodes);
    InternetStackHelper stack;
    stack.Install(nodes);
    AddAddress(nodes.Get(0), devices.Get(0), GATEWAY_B);
    AddAddress(nodes.Get(1), devices.Get(1), SERVER);
    if (opt.loseFirstUpdate)
    {
        Ptr<ReceiveListErrorModel> em = CreateObject<ReceiveListErrorModel>();
        em->SetList({0}); // the first packet received (numbered from 0)
        devices.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(em));
    }
    if (opt.loseFirstReply)
    {
        Ptr<ReceiveListErrorModel> em = CreateObject<ReceiveListErrorModel>();
        em->SetList({0});
        devices.Get(0)->SetAttribute("ReceiveErrorModel", PointerValue(em));
    }

    Ptr<Server> server = CreateObject<Server>();
    server->SetZone(Zone(N("example")));
    server->AddUpdatePrefix(opt.allowPrefix, opt.allowMask);
    server->SetAttribute("TcpIdleTimeout", TimeValue(IDLE));
    for (uint32_t i = 0; i < BIG_COUNT; ++i)
    {
        server->GetZone().AddA(N("big.example"), Ipv4Address(0x0a000001 + i), 60);
    }
    if (opt.staleAddress)
    {
        server->GetZone().AddA(N("gateway-b.example"), Ipv4Address("198.51.100.1"), 60);
    }
    nodes.Get(1)->AddApplication(server);
    server->SetStartTime(Seconds(0.5));
    if (opt.serverDown)
    {
        server->SetStartTime(Seconds(1000));
    }

    Observed o;
    server->TraceConnectWithoutContext("Query", MakeBoundCallback(&CountQuery, &o));
    server->TraceConnectWithoutContext("Update", MakeBoundCallback(&CountUpdate, &o));
    server->TraceConnectWithoutContext("ZoneChanged", MakeBoundCallback(&CountZone, &o));
    server->TraceConnectWithoutContext("Malformed", MakeBoundCallback(&CountMalformed, &o));

    Ptr<UpdateClient> client = CreateObject<UpdateClient>();
    client->SetAttribute("RetransmitTimeout", TimeValue(RETRANSMIT));
    client->AssignStreams(3);
    client->Setup(nodes.Get(0), SERVER);
    Simulator::Schedule(Seconds(1), &StartRegister, client, &o);
    if (opt.unregister)
    {
        Simulator::Schedule(Seconds(2), &StartUnregister, client, &o);
    }

    Ptr<Socket> udp = Socket::CreateSocket(nodes.Get(0), UdpSocketFactory::GetTypeId());
    udp->Bind(InetSocketAddress(Ipv4Address::GetAny(), 5353));
    udp->SetRecvCallback(MakeBoundCallback(&OnUdpRead, &o));
    if (opt.queries)
    {
        Simulator::Schedule(Seconds(3), &SendRaw, udp, QueryBytes(1, "gateway-b.example"));
        Simulator::Schedule(Seconds(3.1), &SendRaw, udp, QueryBytes(2, "unknown.example"));
        Simulator::Schedule(Seconds(3.2), &SendRaw, udp, QueryBytes(3, "big.example"));
    }
    if (opt.malformed)
    {
        Simulator::Schedule(Seconds(3.3), &SendRaw, udp, std::vector<uint8_t>{1, 2, 3, 4, 5});
        // A header that promises one question and carries none.
        Simulator::Schedule(Seconds(3.4),
                            &SendRaw,
                            udp,
                            std::vector<uint8_t>{0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0});
        // A response (QR set): never answered.
        Message response;
        response.header.id = 7;
        response.header.qr = true;
        Simulator::Schedule(Seconds(3.5), &SendRaw, udp, response.Encode());
    }
    Ptr<Socket> tcp;
    if (opt.tcp || opt.malformed)
    {
        tcp = Socket::CreateSocket(nodes.Get(0), TcpSocketFactory::GetTypeId());
        tcp->Bind();
        tcp->SetRecvCallback(MakeBoundCallback(&OnTcpRead, &o));
        tcp->SetCloseCallbacks(MakeBoundCallback(&OnTcpClose, &o),
                               MakeBoundCallback(&OnTcpClose, &o));
        Simulator::Schedule(Seconds(4), [tcp]() {
            tcp->Connect(InetSocketAddress(SERVER, 53));
        });
    }
    if (opt.malformed)
    {
        // An empty frame and a 3-octet one (no header: dropped), then a
        // query on the same connection; then the client closes.
        std::vector<uint8_t> frames{0, 0, 0, 3, 1, 2, 3};
        const std::vector<uint8_t> good = *FrameForTcp(QueryBytes(21, "gateway-b.example"));
        frames.insert(frames.end(), good.begin(), good.end());
        Simulator::Schedule(Seconds(4.1), &SendTcp, &o, tcp, frames);
        Simulator::Schedule(Seconds(4.5), [tcp]() {
            tcp->Close();
        });
    }
    if (opt.tcp)
    {
        // RFC 1035 4.2.2 framing: the first frame split in two sends 50 ms
        // apart (two segments), then two frames in one send.
        const std::vector<uint8_t> first = *FrameForTcp(QueryBytes(11, "big.example"));
        std::vector<uint8_t> both = *FrameForTcp(QueryBytes(12, "gateway-b.example"));
        const std::vector<uint8_t> third = *FrameForTcp(QueryBytes(13, "unknown.example"));
        both.insert(both.end(), third.begin(), third.end());
        Simulator::Schedule(Seconds(4.1),
                            &SendTcp,
                            &o,
                            tcp,
                            std::vector<uint8_t>(first.begin(), first.begin() + 5));
        Simulator::Schedule(
            Seconds(4.15), &SendTcp, &o, tcp, std::vector<uint8_t>(first.begin() + 5, first.end()));
        Simulator::Schedule(Seconds(4.2), &SendTcp, &o, tcp, both);
    }

    if (!opt.pcap.empty())
    {
        p2p.EnablePcap(opt.pcap, devices.Get(0), false, true);
    }
    Simulator::Stop(Seconds(30));
    Simulator::Run();
    o.server = server->GetCounters();
    o.serial = server->GetZone().GetSerial();
    o.tcpOpenAtEnd = server->GetTcpConnectionCount();
    o.client = client->GetCounters();
    client->Dispose();
    Simulator::Destroy();
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));
    return o;
}

/// Decodes a reply the test resolver received; FAILs the case on error.
Message
Decode(const std::vector<uint8_t>& bytes)
{
    Message m;
    if (Message::Decode(bytes, m) != DecodeError::OK)
    {
        m.header.rcode = 0xf; // not an RCODE the server sends: the checks fail
    }
    return m;
}

std::vector<Message>
SplitTcp(const std::vector<uint8_t>& stream)
{
    std::vector<Message> out;
    size_t used = 0;
    std::vector<uint8_t> body;
    while (size_t n = ReadTcpFrame(stream.data() + used, stream.size() - used, body))
    {
        used += n;
        out.push_back(Decode(body));
    }
    return out;
}

bool
PcapCheck(const std::string& file, const std::vector<std::string>& expects)
{
    std::string cmd = "'" + PcapCheckTool() + "' '" + file + "' --quiet --expect dns";
    for (const std::string& e : expects)
    {
        cmd += " --expect '" + e + "'";
    }
    return std::system((cmd + " >/dev/null 2>&1").c_str()) == 0;
}

// --------------------------------------------------------------- test cases

/// Registration, then the name resolved, NXDOMAIN, TC over UDP and the whole answer over TCP.
class DnsRegisterAndResolveTestCase : public TestCase
{
  public:
    DnsRegisterAndResolveTestCase()
        : TestCase("register gateway-b.example by UPDATE, resolve it over UDP and TCP")
    {
    }

  private:
    void
    DoRun() override
    {
        Options opt;
        opt.tcp = true;
        opt.staleAddress = true; // replaced, not joined, by the registration
        opt.pcap = CreateTempDirFilename("dns-server.pcap");
        const Observed o = RunScenario(opt);
        NS_TEST_ASSERT_MSG_EQ(o.updateRcodes.size(), 1u, "one update ended");
        NS_TEST_EXPECT_MSG_EQ(+o.updateRcodes[0], +RCODE_NOERROR, "update applied");
        // One round trip: two 2 ms hops plus the transmission of both datagrams.
        NS_TEST_EXPECT_MSG_GT(o.updateLatencies[0], MilliSeconds(4), "two hops");
        NS_TEST_EXPECT_MSG_LT(o.updateLatencies[0], MilliSeconds(5), "no resend");
        NS_TEST_EXPECT_MSG_EQ(o.client.transmissions, 1u, "one datagram");
        NS_TEST_EXPECT_MSG_EQ(o.server.updatesApplied, 1u, "server applied it");
        NS_TEST_EXPECT_MSG_EQ(o.zoneChanges, 1u, "ZoneChanged trace");

        NS_TEST_ASSERT_MSG_EQ(o.udpReplies.size(), 3u, "three UDP answers");
        const Message a = Decode(o.udpReplies[0]);
        NS_TEST_EXPECT_MSG_EQ(a.header.id, 1, "ID");
        NS_TEST_EXPECT_MSG_EQ(+a.header.rcode, +RCODE_NOERROR, "found");
        NS_TEST_EXPECT_MSG_EQ(a.header.aa, true, "authoritative");
        NS_TEST_ASSERT_MSG_EQ(a.answers.size(), 1u, "one address: the old one deleted");
        NS_TEST_EXPECT_MSG_EQ(*a.answers[0].GetAddress(), GATEWAY_B, "gateway B's address");
        NS_TEST_EXPECT_MSG_EQ(a.answers[0].ttl, 60u, "the TTL registered");

        const Message nx = Decode(o.udpReplies[1]);
        NS_TEST_EXPECT_MSG_EQ(+nx.header.rcode, +RCODE_NXDOMAIN, "unknown name");
        NS_TEST_EXPECT_MSG_EQ(nx.authorities.size(), 1u, "SOA for negative caching");

        // RFC 1035 4.2.1: at most 512 octets over UDP, TC set. Independently:
        // 12 header + 17 question (big.example is 13 octets, QTYPE, QCLASS)
        // + 16 per answer (2-octet pointer, 10 fixed, 4 RDATA): 30 answers
        // make 509 octets, a 31st would make 525.
        NS_TEST_EXPECT_MSG_EQ(o.udpReplies[2].size(), 509u, "cut to 512");
        const Message tc = Decode(o.udpReplies[2]);
        NS_TEST_EXPECT_MSG_EQ(tc.header.tc, true, "TC");
        NS_TEST_EXPECT_MSG_EQ(tc.answers.size(), 30u, "30 answers fit");

        // RFC 1035 4.2.2 over TCP: the three answers in order, the big one whole.
        const std::vector<Message> tcp = SplitTcp(o.tcpStream);
        NS_TEST_ASSERT_MSG_EQ(tcp.size(), 3u, "three framed answers");
        NS_TEST_EXPECT_MSG_EQ(tcp[0].header.id, 11, "first");
        NS_TEST_EXPECT_MSG_EQ(tcp[0].header.tc, false, "not truncated");
        NS_TEST_EXPECT_MSG_EQ(tcp[0].answers.size(), BIG_COUNT, "every record");
        NS_TEST_EXPECT_MSG_EQ(*tcp[0].answers[BIG_COUNT - 1].GetAddress(),
                              Ipv4Address("10.0.0.40"),
                              "the last record");
        NS_TEST_EXPECT_MSG_EQ(tcp[1].header.id, 12, "second");
        NS_TEST_EXPECT_MSG_EQ(tcp[1].answers.size(), 1u, "gateway B over TCP");
        NS_TEST_EXPECT_MSG_EQ(tcp[2].header.id, 13, "third");
        NS_TEST_EXPECT_MSG_EQ(+tcp[2].header.rcode, +RCODE_NXDOMAIN, "NXDOMAIN over TCP");

        // The idle connection is closed TcpIdleTimeout after the last request
        // (plus the 2 ms for the server's FIN to arrive).
        NS_TEST_EXPECT_MSG_EQ(o.server.tcpIdleCloses, 1u, "closed when idle");
        NS_TEST_EXPECT_MSG_GT(o.tcpClosedAt, o.lastTcpSend + IDLE, "not before the timeout");
        NS_TEST_EXPECT_MSG_LT(
            o.tcpClosedAt, o.lastTcpSend + IDLE + MilliSeconds(10), "right after it");

        NS_TEST_EXPECT_MSG_EQ(o.server.queries, 6u, "3 UDP + 3 TCP queries");
        NS_TEST_EXPECT_MSG_EQ(o.server.tcpQueries, 3u, "3 over TCP");
        NS_TEST_EXPECT_MSG_EQ(o.server.truncated, 1u, "one truncated");
        NS_TEST_EXPECT_MSG_EQ(o.server.AnswersWith(RCODE_NXDOMAIN), 2u, "two NXDOMAIN");
        NS_TEST_EXPECT_MSG_EQ(o.server.AnswersWith(RCODE_NOERROR), 5u, "1 update + 4 queries");
        NS_TEST_EXPECT_MSG_EQ(o.queryTraces, 6u, "Query trace");
        NS_TEST_EXPECT_MSG_EQ(o.lastQueryName.ToString(), "unknown.example", "traced name");
        NS_TEST_EXPECT_MSG_EQ(o.lastQueryType, TYPE_A, "traced type");
        NS_TEST_EXPECT_MSG_EQ(+o.lastQueryRcode, +RCODE_NXDOMAIN, "traced rcode");
        NS_TEST_EXPECT_MSG_EQ(o.serial, 2u, "serial 1 + one change");
        NS_TEST_EXPECT_MSG_EQ(o.tcpOpenAtEnd, 0u, "connection freed");
        NS_TEST_EXPECT_MSG_EQ(o.server.malformed, 0u, "nothing malformed");
        if (CanCheckPcaps())
        {
            NS_TEST_EXPECT_MSG_EQ(
                PcapCheck(opt.pcap,
                          {// tshark's decode of the registration: one zone, no
                           // prerequisite, two updates (delete the RRset: class
                           // ANY, TTL 0, RDLENGTH 0; add: class IN, TTL 60).
                           "dns.flags.opcode == 5 && dns.flags.response == 0 && "
                           "dns.count.zones == 1 && dns.count.prerequisites == 0 && "
                           "dns.count.updates == 2 && dns.resp.class == 0x00ff && "
                           "dns.resp.class == 1 && dns.resp.ttl == 0 && dns.resp.ttl == 60 && "
                           "dns.resp.len == 0 && dns.a == 211.32.119.136",
                           "dns.flags.opcode == 5 && dns.flags.rcode == 0 && "
                           "dns.flags.response == 1",
                           "dns.a == 211.32.119.136",
                           "dns.flags.rcode == 3",
                           "udp && dns.flags.truncated == 1 && dns.count.answers == 30",
                           "tcp && dns.count.answers == 40"}),
                true,
                "tshark decodes UPDATE, answers, TC and TCP");
        }
    }
};

/// An update from outside the allowed prefixes: REFUSED, the name stays unknown.
class DnsRefusedUpdateTestCase : public TestCase
{
  public:
    DnsRefusedUpdateTestCase()
        : TestCase("update from outside the allowed prefix: REFUSED")
    {
    }

  private:
    void
    DoRun() override
    {
        Options opt;
        opt.allowPrefix = Ipv4Address("168.219.0.0"); // gateway A's ISP only
        opt.pcap = CreateTempDirFilename("dns-refused.pcap");
        const Observed o = RunScenario(opt);
        NS_TEST_ASSERT_MSG_EQ(o.updateRcodes.size(), 1u, "one update ended");
        NS_TEST_EXPECT_MSG_EQ(+o.updateRcodes[0], +RCODE_REFUSED, "refused by policy");
        NS_TEST_EXPECT_MSG_EQ(o.server.updatesRefused, 1u, "counted");
        NS_TEST_EXPECT_MSG_EQ(o.updateTraces, 1u, "Update trace");
        NS_TEST_EXPECT_MSG_EQ(o.zoneChanges, 0u, "zone unchanged");
        NS_TEST_ASSERT_MSG_EQ(o.udpReplies.size(), 3u, "three answers");
        NS_TEST_EXPECT_MSG_EQ(+Decode(o.udpReplies[0]).header.rcode,
                              +RCODE_NXDOMAIN,
                              "gateway-b.example not registered");
        if (CanCheckPcaps())
        {
            NS_TEST_EXPECT_MSG_EQ(
                PcapCheck(opt.pcap, {"dns.flags.opcode == 5 && dns.flags.rcode == 5"}),
                true,
                "tshark: UPDATE answered REFUSED");
        }
    }
};

/// The first UPDATE lost: one resend after RetransmitTimeout, applied once.
class DnsUpdateRetransmitTestCase : public TestCase
{
  public:
    DnsUpdateRetransmitTestCase()
        : TestCase("first UPDATE lost: retransmitted after RetransmitTimeout")
    {
    }

  private:
    void
    DoRun() override
    {
        Options direct;
        direct.queries = false;
        const Observed reference = RunScenario(direct);
        NS_TEST_ASSERT_MSG_EQ(reference.updateLatencies.size(), 1u, "reference run");

        Options opt;
        opt.loseFirstUpdate = true;
        const Observed o = RunScenario(opt);
        NS_TEST_ASSERT_MSG_EQ(o.updateRcodes.size(), 1u, "one update ended");
        NS_TEST_EXPECT_MSG_EQ(+o.updateRcodes[0], +RCODE_NOERROR, "applied");
        NS_TEST_EXPECT_MSG_EQ(o.client.transmissions, 2u, "sent twice");
        NS_TEST_EXPECT_MSG_EQ(o.client.retransmissions, 1u, "one resend");
        NS_TEST_EXPECT_MSG_EQ(o.server.updates, 1u, "the server saw only the resend");
        // The resend leaves RetransmitTimeout after the first send, then the same round trip.
        NS_TEST_EXPECT_MSG_EQ(o.updateLatencies[0],
                              reference.updateLatencies[0] + RETRANSMIT,
                              "latency added by the loss");
        NS_TEST_ASSERT_MSG_EQ(o.udpReplies.size(), 3u, "answers");
        NS_TEST_EXPECT_MSG_EQ(Decode(o.udpReplies[0]).answers.size(), 1u, "registered");
    }
};

/// No server: resends with doubling waits, then RCODE_NO_REPLY.
class DnsUpdateGiveUpTestCase : public TestCase
{
  public:
    DnsUpdateGiveUpTestCase()
        : TestCase("no server: exponential backoff, then given up")
    {
    }

  private:
    void
    DoRun() override
    {
        Options opt;
        opt.serverDown = true;
        opt.queries = false;
        const Observed o = RunScenario(opt);
        NS_TEST_ASSERT_MSG_EQ(o.updateRcodes.size(), 1u, "one update ended");
        NS_TEST_EXPECT_MSG_EQ(+o.updateRcodes[0], +RCODE_NO_REPLY, "no reply");
        // Default MaxRetransmissions 3, BackoffFactor 2: waits T, 2T, 4T, 8T.
        NS_TEST_EXPECT_MSG_EQ(o.updateLatencies[0], RETRANSMIT * 15, "1 + 2 + 4 + 8 timeouts");
        NS_TEST_EXPECT_MSG_EQ(o.client.transmissions, 4u, "first send and 3 resends");
        NS_TEST_EXPECT_MSG_EQ(o.client.noReply, 1u, "counted");
    }
};

/// Undecodable requests: FORMERR when the header is there, else dropped; responses ignored.
class DnsMalformedTestCase : public TestCase
{
  public:
    DnsMalformedTestCase()
        : TestCase("malformed requests: FORMERR or dropped, counted")
    {
    }

  private:
    void
    DoRun() override
    {
        Options opt;
        opt.queries = false;
        opt.malformed = true;
        const Observed o = RunScenario(opt);
        NS_TEST_EXPECT_MSG_EQ(o.server.malformed, 4u, "two UDP, two TCP");
        NS_TEST_EXPECT_MSG_EQ(o.server.malformedDropped, 3u, "5, 0 and 3 octets: no header");
        NS_TEST_EXPECT_MSG_EQ(o.server.responsesIgnored, 1u, "a response is not answered");
        NS_TEST_EXPECT_MSG_EQ(o.malformedTraces, 4u, "Malformed trace");
        // The connection survives the bad frames: the query after them is answered.
        const std::vector<Message> tcp = SplitTcp(o.tcpStream);
        NS_TEST_ASSERT_MSG_EQ(tcp.size(), 1u, "one TCP answer");
        NS_TEST_EXPECT_MSG_EQ(tcp[0].header.id, 21, "the good query's");
        NS_TEST_EXPECT_MSG_EQ(tcp[0].answers.size(), 1u, "gateway B");
        // The client's close frees the connection before any idle timeout.
        NS_TEST_EXPECT_MSG_EQ(o.tcpOpenAtEnd, 0u, "closed by the peer");
        NS_TEST_EXPECT_MSG_EQ(o.server.tcpIdleCloses, 0u, "not by the timer");
        NS_TEST_ASSERT_MSG_EQ(o.udpReplies.size(), 1u, "one answer: the FORMERR");
        const Message f = Decode(o.udpReplies[0]);
        NS_TEST_EXPECT_MSG_EQ(f.header.id, 0x1234, "its ID");
        NS_TEST_EXPECT_MSG_EQ(f.header.qr, true, "a response");
        NS_TEST_EXPECT_MSG_EQ(f.header.rd, true, "RD copied");
        NS_TEST_EXPECT_MSG_EQ(+f.header.rcode, +RCODE_FORMERR, "FORMERR");
        NS_TEST_EXPECT_MSG_EQ(o.server.AnswersWith(RCODE_FORMERR), 1u, "counted");
        NS_TEST_EXPECT_MSG_EQ(+o.updateRcodes.at(0), +RCODE_NOERROR, "still serving");
    }
};

/// The reply lost: the client resends, the server applies the same UPDATE
/// again, which changes nothing more (delete the RRset, then add).
class DnsReplyLostTestCase : public TestCase
{
  public:
    DnsReplyLostTestCase()
        : TestCase("UPDATE reply lost: resent, applied twice, zone changed once")
    {
    }

  private:
    void
    DoRun() override
    {
        Options opt;
        opt.loseFirstReply = true;
        const Observed o = RunScenario(opt);
        NS_TEST_ASSERT_MSG_EQ(o.updateRcodes.size(), 1u, "one update ended");
        NS_TEST_EXPECT_MSG_EQ(+o.updateRcodes[0], +RCODE_NOERROR, "applied");
        NS_TEST_EXPECT_MSG_EQ(o.client.transmissions, 2u, "sent twice");
        NS_TEST_EXPECT_MSG_EQ(o.server.updatesApplied, 2u, "applied twice");
        NS_TEST_EXPECT_MSG_EQ(o.zoneChanges, 1u, "changed once");
        NS_TEST_EXPECT_MSG_EQ(o.serial, 2u, "serial raised once (RFC 2136 3.6)");
        NS_TEST_ASSERT_MSG_EQ(o.udpReplies.size(), 3u, "answers");
        NS_TEST_EXPECT_MSG_EQ(Decode(o.udpReplies[0]).answers.size(), 1u, "one A record");
    }
};

/// Unregister() deletes the name's A RRset: the name no longer resolves.
class DnsUnregisterTestCase : public TestCase
{
  public:
    DnsUnregisterTestCase()
        : TestCase("unregister: the A RRset deleted, NXDOMAIN")
    {
    }

  private:
    void
    DoRun() override
    {
        Options opt;
        opt.unregister = true;
        const Observed o = RunScenario(opt);
        NS_TEST_ASSERT_MSG_EQ(o.updateRcodes.size(), 2u, "two updates ended");
        NS_TEST_EXPECT_MSG_EQ(+o.updateRcodes[1], +RCODE_NOERROR, "deleted");
        NS_TEST_EXPECT_MSG_EQ(o.serial, 3u, "two changes");
        NS_TEST_ASSERT_MSG_EQ(o.udpReplies.size(), 3u, "answers");
        NS_TEST_EXPECT_MSG_EQ(
            +Decode(o.udpReplies[0]).header.rcode, +RCODE_NXDOMAIN, "gateway-b.example gone");
    }
};

class IpvpnDnsServerTestSuite : public TestSuite
{
  public:
    IpvpnDnsServerTestSuite()
        : TestSuite("ipvpn-dns-server", TestSuite::Type::UNIT)
    {
        AddTestCase(new DnsRegisterAndResolveTestCase);
        AddTestCase(new DnsRefusedUpdateTestCase);
        AddTestCase(new DnsUpdateRetransmitTestCase);
        AddTestCase(new DnsReplyLostTestCase);
        AddTestCase(new DnsUnregisterTestCase);
        AddTestCase(new DnsUpdateGiveUpTestCase);
        AddTestCase(new DnsMalformedTestCase);
    }
};

} // namespace

static IpvpnDnsServerTestSuite g_ipvpnDnsServerTestSuite;
