// SPDX-License-Identifier: GPL-2.0-only
#include "htip-processor.h"

#include "ns3/boolean.h"
#include "ns3/dns-processor.h"
#include "ns3/dns-stub-resolver.h"
#include "ns3/dns-zone.h"
#include "ns3/enum.h"
#include "ns3/gateway-routing-protocol.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4.h"
#include "ns3/ipvpn-routing-protocol.h"
#include "ns3/l2tp-control-connection.h"
#include "ns3/l2tp-session-net-device.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/ppp-endpoint.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace ns3
{
namespace htip
{

NS_LOG_COMPONENT_DEFINE("HtipProcessor");
NS_OBJECT_ENSURE_REGISTERED(Processor);

namespace
{

std::string
Lower(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) {
        return static_cast<char>(std::tolower(c));
    });
    return s;
}

} // namespace

/// The web server's view of the processor (gateway::TunnelRequester).
class Processor::Requester : public gateway::TunnelRequester
{
  public:
    explicit Requester(Processor* processor)
        : m_processor(processor)
    {
    }

    gateway::TunnelRequestAnswer
    RequestTunnel(const std::string& peerDomain, Ipv4Address requester) override
    {
        if (!m_processor)
        {
            return gateway::TunnelRequestAnswer::Unavailable("no tunnelling processor");
        }
        return m_processor->RequestTunnel(peerDomain, requester);
    }

    void
    Detach()
    {
        m_processor = nullptr;
    }

  private:
    Processor* m_processor;
};

TypeId
Processor::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::htip::Processor")
            .SetParent<Application>()
            .SetGroupName("Ipvpn")
            .AddConstructor<Processor>()
            .AddAttribute("Port",
                          "UDP port of the messages (doc/htip-wire.md).",
                          UintegerValue(HTIP_PORT),
                          MakeUintegerAccessor(&Processor::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("Embodiment",
                          "The seed's first (Figs. 3, 5, 7: no READY, no NAK) or second "
                          "(Figs. 9, 11, 13) embodiment.",
                          EnumValue(static_cast<int>(Embodiment::SECOND)),
                          MakeEnumAccessor(&Processor::m_embodiment),
                          MakeEnumChecker(static_cast<int>(Embodiment::FIRST),
                                          "first",
                                          static_cast<int>(Embodiment::SECOND),
                                          "second"))
            .AddAttribute("CandidateCount",
                          "Candidate prefixes per REQUEST or RESPONSE (the seed lists three).",
                          UintegerValue(3),
                          MakeUintegerAccessor(&Processor::m_candidateCount),
                          MakeUintegerChecker<uint32_t>(1, MessageHeader::MAX_LIST))
            .AddAttribute("RetransmitInitial",
                          "First retransmission of an unanswered REQUEST or ACK.",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&Processor::m_retransmitInitial),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("RetransmitMax",
                          "The doubling back-off stops at this interval.",
                          TimeValue(Seconds(8)),
                          MakeTimeAccessor(&Processor::m_retransmitMax),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("GiveUpTime",
                          "A negotiation whose tunnel is not up this long after it began fails.",
                          TimeValue(Seconds(60)),
                          MakeTimeAccessor(&Processor::m_giveUpTime),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("MaxNakRounds",
                          "NAKs one negotiation accepts before it fails (claims 13-14).",
                          UintegerValue(4),
                          MakeUintegerAccessor(&Processor::m_maxNakRounds),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("DomainName",
                          "This gateway's domain name (the REQUEST's gateway name).",
                          StringValue(""),
                          MakeStringAccessor(&Processor::m_domainName),
                          MakeStringChecker())
            .AddAttribute("LocalPrefix",
                          "The home LAN's prefix, e.g. 10.0.0.0/24.",
                          StringValue(""),
                          MakeStringAccessor(&Processor::m_localPrefix),
                          MakeStringChecker())
            .AddAttribute("PublicAddress",
                          "The gateway's address from its ISP ([0059]).",
                          Ipv4AddressValue(Ipv4Address::GetAny()),
                          MakeIpv4AddressAccessor(&Processor::m_publicAddress),
                          MakeIpv4AddressChecker())
            .AddAttribute("InsideAddress",
                          "The gateway's LAN address; mapped into the tunnel prefix it "
                          "addresses the tunnel interface.",
                          Ipv4AddressValue(Ipv4Address::GetAny()),
                          MakeIpv4AddressAccessor(&Processor::m_insideAddress),
                          MakeIpv4AddressChecker())
            .AddAttribute("DnsServer",
                          "The DNS server peer gateways' names are resolved at (330).",
                          Ipv4AddressValue(Ipv4Address::GetAny()),
                          MakeIpv4AddressAccessor(&Processor::m_dnsServer),
                          MakeIpv4AddressChecker())
            .AddAttribute("VerifyPeers",
                          "A REQUEST's gateway name must resolve to its source address.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&Processor::m_verifyPeers),
                          MakeBooleanChecker())
            .AddAttribute("AcceptFrom",
                          "Comma-separated gateway names whose REQUESTs are answered; empty: any.",
                          StringValue(""),
                          MakeStringAccessor(&Processor::m_acceptFrom),
                          MakeStringChecker())
            .AddAttribute("TunnelSecret",
                          "L2TP tunnel secret of the tunnels (RFC 2661 5.1.1); empty: none.",
                          StringValue(""),
                          MakeStringAccessor(&Processor::m_tunnelSecret),
                          MakeStringChecker())
            .AddAttribute("AnswerTtl",
                          "TTL of the tunnel addresses given to peer gateways' queries (s).",
                          UintegerValue(60),
                          MakeUintegerAccessor(&Processor::m_answerTtl),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("NakEverything",
                          "Fault injection: answer every REQUEST with a NAK (a NAK storm).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&Processor::m_nakEverything),
                          MakeBooleanChecker())
            .AddTraceSource("Tx",
                            "A message sent: peer, message.",
                            MakeTraceSourceAccessor(&Processor::m_txTrace),
                            "ns3::htip::Processor::MessageTracedCallback")
            .AddTraceSource("Rx",
                            "A well-formed message received: peer, message.",
                            MakeTraceSourceAccessor(&Processor::m_rxTrace),
                            "ns3::htip::Processor::MessageTracedCallback")
            .AddTraceSource("Drop",
                            "A datagram dropped: sender, type, reason.",
                            MakeTraceSourceAccessor(&Processor::m_dropTrace),
                            "ns3::htip::Processor::DropTracedCallback")
            .AddTraceSource("Row",
                            "A connection-table row added or removed.",
                            MakeTraceSourceAccessor(&Processor::m_rowTrace),
                            "ns3::htip::Processor::RowTracedCallback")
            .AddTraceSource("NegotiationFailed",
                            "A negotiation ended without a tunnel: peer, name, reason.",
                            MakeTraceSourceAccessor(&Processor::m_failedTrace),
                            "ns3::htip::Processor::FailedTracedCallback")
            .AddTraceSource("TunnelUp",
                            "PPP opened on a tunnel: peer, local and remote tunnel address.",
                            MakeTraceSourceAccessor(&Processor::m_tunnelUpTrace),
                            "ns3::htip::Processor::TunnelUpTracedCallback");
    return tid;
}

Processor::Processor()
    : m_port(HTIP_PORT)
    , m_embodiment(static_cast<int>(Embodiment::SECOND))
    , m_candidateCount(3)
    , m_verifyPeers(true)
    , m_answerTtl(60)
    , m_nakEverything(false)
{
    m_random = CreateObject<UniformRandomVariable>();
    m_requester = Create<Requester>(this);
}

Processor::~Processor() = default;

void
Processor::DoDispose()
{
    if (m_requester)
    {
        m_requester->Detach();
    }
    m_requester = nullptr;
    m_timer.Cancel();
    m_ends.clear();
    m_routing = nullptr;
    m_dns = nullptr;
    m_resolver = nullptr;
    m_socket = nullptr;
    Application::DoDispose();
}

void
Processor::SetGateway(Ptr<gateway::RoutingProtocol> routing, Ptr<dns::Processor> dns)
{
    m_routing = routing;
    m_dns = dns;
}

Ptr<gateway::TunnelRequester>
Processor::GetRequester()
{
    return m_requester;
}

int64_t
Processor::AssignStreams(int64_t stream)
{
    m_random->SetStream(stream);
    m_l2tpStream = stream + 1;
    // The tunnel ends draw from streams after these as they are created.
    return 64;
}

const Engine*
Processor::GetEngine() const
{
    return m_engine.get();
}

const ProcessorCounters&
Processor::GetCounters() const
{
    return m_counters;
}

std::vector<TunnelRecord>
Processor::GetTunnelRecords() const
{
    std::vector<TunnelRecord> out = m_records;
    for (const auto& [peer, end] : m_ends)
    {
        TunnelRecord& r = out[end.record];
        if (!m_routing || end.interface < 0 || !end.row.NeedsNat())
        {
            continue;
        }
        auto counters = m_routing->GetPrefixTable().GetCounters(
            static_cast<uint32_t>(end.interface), end.row.own.network, end.row.own.length);
        if (counters)
        {
            r.natOutbound = counters->outbound;
            r.natInbound = counters->inbound;
        }
    }
    return out;
}

void
Processor::StartApplication()
{
    auto own = Prefix::Parse(m_localPrefix);
    NS_ABORT_MSG_UNLESS(own,
                        "htip::Processor: LocalPrefix '" << m_localPrefix << "' is not a prefix");
    NS_ABORT_MSG_UNLESS(m_routing && m_dns, "htip::Processor: SetGateway() before the start");
    m_own = *own;
    m_accept.clear();
    std::istringstream names(m_acceptFrom);
    for (std::string name; std::getline(names, name, ',');)
    {
        if (!name.empty())
        {
            m_accept.insert(Lower(name));
        }
    }

    EngineConfig config;
    config.own = m_own;
    config.name = m_domainName;
    config.embodiment = static_cast<Embodiment>(m_embodiment);
    config.candidateCount = m_candidateCount;
    config.retransmitInitial = m_retransmitInitial;
    config.retransmitMax = m_retransmitMax;
    config.giveUpTime = m_giveUpTime;
    config.maxNakRounds = m_maxNakRounds;
    Ptr<UniformRandomVariable> random = m_random;
    m_engine = std::make_unique<Engine>(config, [random]() {
        return random->GetInteger(1, 0xFFFFFFFEu);
    });
    m_engine->SetPeerCheck([this](const std::string& name, Ipv4Address from) {
        if (!m_accept.empty() && m_accept.count(Lower(name)) == 0)
        {
            return false;
        }
        if (!m_verifyPeers)
        {
            return true;
        }
        auto it = m_senderAddresses.find(Lower(name));
        if (it == m_senderAddresses.end() || !it->second)
        {
            return false;
        }
        const auto& addresses = *it->second;
        return std::find(addresses.begin(), addresses.end(), from) != addresses.end();
    });

    m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    NS_ABORT_MSG_IF(m_socket->Bind(InetSocketAddress(m_publicAddress, m_port)) != 0,
                    "htip::Processor: cannot bind UDP " << m_publicAddress << ":" << m_port);
    m_socket->SetRecvCallback(MakeCallback(&Processor::HandleRead, this));

    m_resolver = CreateObject<dns::StubResolver>();
    m_resolver->Setup(GetNode());
    m_resolver->SetServer(m_dnsServer);
    if (m_l2tpStream >= 0)
    {
        m_resolver->AssignStreams(m_l2tpStream);
        m_l2tpStream += 4;
    }
    m_dns->SetQueryHook([this](const dns::Question& q, const dns::PeerAddress& client) {
        return OnQuery(q, client);
    });
}

void
Processor::StopApplication()
{
    m_timer.Cancel();
    if (m_socket)
    {
        m_socket->Close();
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    }
    if (m_dns)
    {
        m_dns->SetQueryHook(nullptr);
    }
}

// ------------------------------------------------------------- requests

std::optional<std::size_t>
Processor::FindRecord(const std::string& name, Ipv4Address address, bool requester)
{
    for (std::size_t i = m_records.size(); i-- > 0;)
    {
        TunnelRecord& r = m_records[i];
        if (!r.down && r.requester == requester &&
            (Lower(r.peerName) == Lower(name) ||
             (address != Ipv4Address::GetAny() && r.peerAddress == address)))
        {
            if (r.peerName.empty())
            {
                r.peerName = name;
            }
            if (r.peerAddress == Ipv4Address::GetAny())
            {
                r.peerAddress = address;
            }
            return i;
        }
    }
    return std::nullopt;
}

std::size_t
Processor::RecordFor(const std::string& name, Ipv4Address address, bool requester)
{
    if (auto i = FindRecord(name, address, requester))
    {
        return *i;
    }
    TunnelRecord r;
    r.peerName = name;
    r.peerAddress = address;
    r.requester = requester;
    m_records.push_back(r);
    return m_records.size() - 1;
}

gateway::TunnelRequestAnswer
Processor::RequestTunnel(const std::string& peerDomain, Ipv4Address requester)
{
    ++m_counters.requests;
    if (!m_engine)
    {
        return gateway::TunnelRequestAnswer::Unavailable("the tunnelling processor is not running");
    }
    // A request of ours still open (being resolved, negotiated or set up)
    // or a tunnel in the table: one tunnel per peer.
    if (m_engine->GetTable().FindByName(peerDomain) ||
        FindRecord(peerDomain, Ipv4Address::GetAny(), true))
    {
        return gateway::TunnelRequestAnswer::Conflict("a tunnel to " + peerDomain +
                                                      " exists or is being set up");
    }
    NS_LOG_INFO(m_domainName << ": tunnel to " << peerDomain << " asked by " << requester);
    m_records[RecordFor(peerDomain, Ipv4Address::GetAny(), true)].requested = Simulator::Now();
    m_resolver->Resolve(
        peerDomain,
        dns::StubResolver::ResolveCallback([this, peerDomain](const dns::ResolveResult& r) {
            OnResolved(peerDomain, r.addresses);
        }));
    return gateway::TunnelRequestAnswer::Accept();
}

void
Processor::OnResolved(const std::string& peerDomain, const std::vector<Ipv4Address>& addresses)
{
    const std::size_t record = RecordFor(peerDomain, Ipv4Address::GetAny(), true);
    if (addresses.empty())
    {
        ++m_counters.resolveFailures;
        m_records[record].down = Simulator::Now();
        m_failedTrace(Ipv4Address::GetAny(), peerDomain, "unresolved");
        return;
    }
    m_records[record].resolved = Simulator::Now();
    m_records[record].peerAddress = addresses.front();
    Apply(m_engine->Start(peerDomain, addresses.front(), Simulator::Now()));
}

// ------------------------------------------------------------- messages

void
Processor::HandleRead(Ptr<Socket> socket)
{
    Address from;
    while (Ptr<Packet> packet = socket->RecvFrom(from))
    {
        const Ipv4Address sender = InetSocketAddress::ConvertFrom(from).GetIpv4();
        MessageHeader message;
        packet->RemoveHeader(message, packet->GetSize());
        if (!message.IsValid())
        {
            NS_LOG_INFO(m_domainName << ": malformed from " << sender << ": "
                                     << MessageHeader::ErrorName(message.GetError()));
            Apply(m_engine->ReceiveMalformed(sender, message.GetError(), Simulator::Now()));
            continue;
        }
        m_rxTrace(sender, message);
        if (message.GetType() == REQUEST && !CheckSender(sender, message))
        {
            continue; // held until the sender's name resolves
        }
        Dispatch(sender, message);
    }
}

bool
Processor::CheckSender(Ipv4Address from, const MessageHeader& message)
{
    if (!m_verifyPeers || !message.GetGatewayName())
    {
        return true;
    }
    const std::string name = Lower(*message.GetGatewayName());
    if (!m_accept.empty() && m_accept.count(name) == 0)
    {
        return true; // the engine's peer check refuses it at once
    }
    auto it = m_senderAddresses.find(name);
    bool resolve = it == m_senderAddresses.end();
    if (!resolve && it->second)
    {
        const std::vector<Ipv4Address>& known = *it->second;
        if (std::find(known.begin(), known.end(), from) != known.end())
        {
            return true;
        }
        // A sender the last lookup did not give: the gateway may have moved
        // (a new address from its ISP, registered anew at the DNS server,
        // [0059]), so its name is looked up again rather than refused on
        // what was learnt once.
        resolve = true;
    }
    ++m_counters.heldForCheck;
    m_held[name].emplace_back(from, message);
    if (resolve)
    {
        m_senderAddresses[name] = std::nullopt;
        m_resolver->Resolve(
            name, dns::StubResolver::ResolveCallback([this, name](const dns::ResolveResult& r) {
                OnSenderResolved(name, r.addresses);
            }));
    }
    return false;
}

void
Processor::OnSenderResolved(const std::string& name, const std::vector<Ipv4Address>& addresses)
{
    m_senderAddresses[name] = addresses;
    auto held = std::move(m_held[name]);
    m_held.erase(name);
    for (const auto& [from, message] : held)
    {
        Dispatch(from, message);
    }
    if (addresses.empty())
    {
        // Not cached as "no address": the next REQUEST asks again.
        m_senderAddresses.erase(name);
    }
}

void
Processor::Dispatch(Ipv4Address from, const MessageHeader& message)
{
    if (m_nakEverything && message.GetType() == REQUEST)
    {
        ++m_counters.injectedNaks;
        Send(SendMessage{from, MakeRequestNak(message, NakCause::IN_USE, m_own, {}), false});
        return;
    }
    Apply(m_engine->Receive(from, message, Simulator::Now()));
}

void
Processor::Send(const SendMessage& send)
{
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(send.message);
    m_txTrace(send.to, send.message);
    m_socket->SendTo(packet, 0, InetSocketAddress(send.to, m_port));
}

// -------------------------------------------------------------- actions

void
Processor::Apply(const Actions& actions)
{
    const Time now = Simulator::Now();
    for (const Action& action : actions)
    {
        NS_LOG_INFO(m_domainName << " " << action);
        if (const auto* send = std::get_if<SendMessage>(&action))
        {
            Send(*send);
        }
        // The tunnel ends are made in an event of their own: a new device
        // registers protocol handlers, which must not happen while the
        // node's traffic control layer is delivering the message that led
        // here (it walks that list).
        else if (const auto* server = std::get_if<PrepareServer>(&action))
        {
            const Connection row = server->connection;
            Simulator::ScheduleNow([this, row]() {
                CreateEnd(row, false);
                // The LNS takes the SCCRQ as soon as it is on the node.
                Apply(m_engine->ServerReady(row.peerAddress, Simulator::Now()));
            });
        }
        else if (const auto* client = std::get_if<StartClient>(&action))
        {
            const Connection row = client->connection;
            Simulator::ScheduleNow([this, row]() {
                CreateEnd(row, true);
            });
        }
        else if (const auto* added = std::get_if<ConnectionAdded>(&action))
        {
            m_rowTrace(added->connection, true);
        }
        else if (const auto* removed = std::get_if<ConnectionRemoved>(&action))
        {
            m_rowTrace(removed->connection, false);
            Teardown(removed->connection);
        }
        else if (const auto* failed = std::get_if<NegotiationFailed>(&action))
        {
            // The tunnel record of that negotiation, if it has one (a
            // request from the web page, or a tunnel end): it ends here.
            // The engine's own record keeps the role and the reason.
            bool requester = true;
            for (const NegotiationRecord& n : m_engine->GetRecords())
            {
                if (n.negotiationId == failed->negotiationId && n.peer == failed->peer)
                {
                    requester = n.requester;
                }
            }
            if (auto r = FindRecord(failed->peerName, failed->peer, requester))
            {
                m_records[*r].down = now;
            }
            m_failedTrace(failed->peer, failed->peerName, FailReasonName(failed->reason));
        }
        else if (const auto* dropped = std::get_if<MessageDropped>(&action))
        {
            m_dropTrace(dropped->from, dropped->type, DropReasonName(dropped->reason));
        }
    }
    ScheduleTimer();
}

void
Processor::ScheduleTimer()
{
    m_timer.Cancel();
    if (!m_engine)
    {
        return;
    }
    const std::optional<Time> next = m_engine->NextDeadline();
    if (next)
    {
        m_timer = Simulator::Schedule(
            std::max(*next - Simulator::Now(), Time(0)), &Processor::OnTimer, this);
    }
}

void
Processor::OnTimer()
{
    Apply(m_engine->Advance(Simulator::Now()));
}

} // namespace htip
} // namespace ns3
