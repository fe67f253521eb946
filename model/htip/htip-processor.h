/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The tunnelling-initiation processor of a home gateway (seed 004 unit
 * 146A with the VPN processor 146B it controls, [0115]-[0118]): the driver
 * of htip::Engine on the gateway node. It
 *  - takes tunnel requests from the web server 147 (GetRequester()),
 *    resolves the peer gateway's domain name at the DNS server ([0120]) and
 *    starts the negotiation;
 *  - sends and receives the messages on UDP HTIP_PORT of the public
 *    address, checks a REQUEST's sender (AcceptFrom; VerifyPeers: the
 *    gateway name it carries must resolve to its source address) and
 *    counts and drops what the codec or the engine refuses;
 *  - carries out the engine's actions with L2TP and PPP: the responder's
 *    VPN server (LNS) waits for the requester's client (LAC), one session
 *    carrying PPP whose interface has the gateway's inside address mapped
 *    into its tunnel prefix (/32); once IPCP is up, a route to the peer's
 *    tunnel prefix over it and, where own and tunnel prefix differ, the 1:1
 *    NAT rule ([0146], [0164]) on the gateway's gateway::RoutingProtocol;
 *    all of it goes when the tunnel or the row goes;
 *  - answers through the DNS processor 143 ([0129]-[0131], [0148], [0149]):
 *    a home host's query for a name under a peer gateway's domain is
 *    forwarded to that gateway, and a peer gateway's query for one of our
 *    hosts is answered with the host's tunnel address; any other query from
 *    outside the home is REFUSED.
 */
#ifndef IPVPN_HTIP_PROCESSOR_H
#define IPVPN_HTIP_PROCESSOR_H

#include "htip-engine.h"

#include "ns3/application.h"
#include "ns3/dns-processor-engine.h"
#include "ns3/event-id.h"
#include "ns3/gateway-tunnel-request.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/random-variable-stream.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace ns3
{

namespace dns
{
class Processor;
class StubResolver;
} // namespace dns

namespace gateway
{
class RoutingProtocol;
} // namespace gateway

namespace l2tp
{
class ControlConnection;
class SessionNetDevice;
} // namespace l2tp

namespace ppp
{
class Endpoint;
} // namespace ppp

namespace htip
{

/// What the processor measured of one tunnel (results.json).
struct TunnelRecord
{
    std::string peerName;
    Ipv4Address peerAddress;
    bool requester = true;
    std::optional<Time> requested;   ///< the web server handed the request over
    std::optional<Time> resolved;    ///< the peer's address came back from DNS
    std::optional<Time> vpnStarted;  ///< the LAC started (after READY) or the LNS listening
    std::optional<Time> l2tpUp;      ///< the L2TP control connection established
    std::optional<Time> pppUp;       ///< IPCP opened: route and NAT installed
    std::optional<Time> firstPacket; ///< the first IPv4 packet through the tunnel, either way
    std::optional<Time> down;        ///< tunnel removed
    uint16_t tunnelId = 0;
    uint64_t packetsOut = 0;   ///< IPv4 packets sent into the tunnel
    uint64_t packetsIn = 0;    ///< IPv4 packets received from it
    uint64_t untranslated = 0; ///< sent with a source outside our tunnel prefix or a
                               ///< destination outside the peer's (must stay 0)
    uint64_t natOutbound = 0;  ///< sources rewritten into the tunnel (1:1 rule counters)
    uint64_t natInbound = 0;   ///< destinations rewritten out of it
    bool nat = false;          ///< a 1:1 rule was installed
};

/// Counters of the driver (the engine has its own).
struct ProcessorCounters
{
    uint64_t requests = 0;        ///< tunnel requests from the web server
    uint64_t resolveFailures = 0; ///< peer names that did not resolve
    uint64_t heldForCheck = 0;    ///< REQUESTs held while their sender's name was resolved
    uint64_t dnsForwards = 0;     ///< home queries forwarded to a peer gateway
    uint64_t dnsAnswers = 0;      ///< peer queries answered with a tunnel address
    uint64_t dnsRefused = 0;      ///< outside queries refused
    uint64_t injectedNaks = 0;    ///< NAKs sent by NakEverything (fault injection)
};

/// The tunnelling-initiation processor (146A) and VPN processor (146B) of one gateway.
class Processor : public Application
{
  public:
    static TypeId GetTypeId();

    Processor();
    ~Processor() override;

    /**
     * The gateway's parts it works with; before the start. The DNS
     * processor must listen on the public address too (the builder adds it)
     * for peer gateways' queries.
     */
    void SetGateway(Ptr<gateway::RoutingProtocol> routing, Ptr<dns::Processor> dns);
    /// What the web server 147 hands requests to.
    Ptr<gateway::TunnelRequester> GetRequester();

    /// Fixes the random streams (negotiation IDs, L2TP, PPP); returns the number used.
    int64_t AssignStreams(int64_t stream);

    /// nullptr before the start.
    const Engine* GetEngine() const;
    const ProcessorCounters& GetCounters() const;
    /// Every tunnel so far, in the order their negotiations began.
    std::vector<TunnelRecord> GetTunnelRecords() const;

    /// A message sent or received: peer, the message.
    typedef void (*MessageTracedCallback)(Ipv4Address peer, const MessageHeader& message);
    /// A datagram dropped: sender, message type (0 if malformed), reason.
    typedef void (*DropTracedCallback)(Ipv4Address from, uint8_t type, const std::string& reason);
    /// A table row added or removed: the row, added.
    typedef void (*RowTracedCallback)(const Connection& row, bool added);
    /// A negotiation failed: peer, peer name, reason.
    typedef void (*FailedTracedCallback)(Ipv4Address peer,
                                         const std::string& name,
                                         const std::string& reason);
    /// PPP opened on a tunnel: peer, our tunnel address, the peer's.
    typedef void (*TunnelUpTracedCallback)(Ipv4Address peer, Ipv4Address local, Ipv4Address remote);

  protected:
    void DoDispose() override;

  private:
    class Requester;
    friend class Requester;

    /// One VPN tunnel end and what it installed.
    struct TunnelEnd
    {
        Connection row;
        Ptr<l2tp::ControlConnection> end;
        Ptr<ppp::Endpoint> ppp;
        Ptr<l2tp::SessionNetDevice> device;
        int32_t interface = -1;
        bool routed = false;
        std::size_t record = 0; ///< index into m_records
    };

    void StartApplication() override;
    void StopApplication() override;

    gateway::TunnelRequestAnswer RequestTunnel(const std::string& peerDomain,
                                               Ipv4Address requester);
    void OnResolved(const std::string& peerDomain, const std::vector<Ipv4Address>& addresses);
    void HandleRead(Ptr<Socket> socket);
    void Dispatch(Ipv4Address from, const MessageHeader& message);
    /// REQUEST checks: true to hand it to the engine now (it may hold it for DNS).
    bool CheckSender(Ipv4Address from, const MessageHeader& message);
    void OnSenderResolved(const std::string& name, const std::vector<Ipv4Address>& addresses);
    void Apply(const Actions& actions);
    void ScheduleTimer();
    void OnTimer();
    void Send(const SendMessage& send);
    void CreateEnd(const Connection& row, bool client);
    void OnLinkUp(Ipv4Address peer, Ipv4Address local, Ipv4Address remote);
    void OnL2tpDown(Ipv4Address peer, const l2tp::ControlConnection* end);
    void OnDeviceTx(Ipv4Address peer, Ptr<const Packet> packet);
    void OnDeviceRx(Ipv4Address peer);
    void Teardown(const Connection& row);
    /// The open tunnel record of that peer and role, if any (filling in a missing name or address).
    std::optional<std::size_t> FindRecord(const std::string& name,
                                          Ipv4Address address,
                                          bool requester);
    /// The open tunnel record of that peer and role, made when there is none.
    std::size_t RecordFor(const std::string& name, Ipv4Address address, bool requester);
    dns::HookDecision OnQuery(const dns::Question& question, const dns::PeerAddress& client);

    // Attributes.
    uint16_t m_port;
    int m_embodiment; // Embodiment (an int for EnumValue)
    uint32_t m_candidateCount;
    Time m_retransmitInitial;
    Time m_retransmitMax;
    Time m_giveUpTime;
    uint32_t m_maxNakRounds;
    std::string m_domainName;
    std::string m_localPrefix;
    Ipv4Address m_publicAddress;
    Ipv4Address m_insideAddress;
    Ipv4Address m_dnsServer;
    bool m_verifyPeers;
    std::string m_acceptFrom;
    std::string m_tunnelSecret;
    uint32_t m_answerTtl;
    bool m_nakEverything;

    Ptr<gateway::RoutingProtocol> m_routing;
    Ptr<dns::Processor> m_dns;
    Ptr<dns::StubResolver> m_resolver;
    Ptr<Requester> m_requester;
    Ptr<Socket> m_socket;
    Ptr<UniformRandomVariable> m_random;
    int64_t m_l2tpStream = -1;
    std::unique_ptr<Engine> m_engine;
    EventId m_timer;
    Prefix m_own;
    std::set<std::string> m_accept; ///< AcceptFrom, lower case; empty: any
    /// VerifyPeers: gateway names resolved so far (nullopt: being resolved).
    std::map<std::string, std::optional<std::vector<Ipv4Address>>> m_senderAddresses;
    /// REQUESTs waiting for their sender's name, by name.
    std::map<std::string, std::vector<std::pair<Ipv4Address, MessageHeader>>> m_held;
    std::map<Ipv4Address, TunnelEnd> m_ends;
    std::vector<TunnelRecord> m_records;
    uint16_t m_nextTunnelId = 1;
    ProcessorCounters m_counters;

    TracedCallback<Ipv4Address, const MessageHeader&> m_txTrace;
    TracedCallback<Ipv4Address, const MessageHeader&> m_rxTrace;
    TracedCallback<Ipv4Address, uint8_t, const std::string&> m_dropTrace;
    TracedCallback<const Connection&, bool> m_rowTrace;
    TracedCallback<Ipv4Address, const std::string&, const std::string&> m_failedTrace;
    TracedCallback<Ipv4Address, Ipv4Address, Ipv4Address> m_tunnelUpTrace;
};

} // namespace htip
} // namespace ns3

#endif /* IPVPN_HTIP_PROCESSOR_H */
