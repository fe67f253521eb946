/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The home gateway's DNS processor (seed 004, unit 143) as an ns-3
 * Application driving a dns::ProcessorEngine: it listens on port 53 (UDP,
 * and TCP for the answers too large for UDP) on the gateway's inside
 * addresses, forwards what the engine says through an upstream socket and
 * relays the replies. Host names come from DHCP through AddHost(); the
 * tunnelling component installs its query hook with SetQueryHook().
 *
 * TCP: a host whose answer came back truncated repeats the query over TCP
 * to the processor (RFC 7766 section 5). The processor reads each framed
 * query (RFC 1035 4.2.2) from the connection, decides as for UDP, answers
 * local names on the connection and forwards the rest upstream over a TCP
 * connection of its own, one per query, relaying the reply back framed.
 */
#ifndef IPVPN_DNS_PROCESSOR_H
#define IPVPN_DNS_PROCESSOR_H

#include "dns-processor-engine.h"

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{
namespace dns
{

/// The gateway's DNS processor.
class Processor : public Application
{
  public:
    static TypeId GetTypeId();

    Processor();
    ~Processor() override;

    /// Listens on `address` (an inside interface's); none added: 0.0.0.0.
    /// Before the start.
    void AddListenAddress(Ipv4Address address);
    /// The server non-local queries go to (the public DNS server).
    void SetUpstream(Ipv4Address server, uint16_t port = DNS_PORT);

    /// Adds or replaces a home host: `name` a single label or a name under
    /// LocalDomain. \return false for a name that does not parse or lies
    /// outside the local domain. The engine is created at the first call
    /// (or at the start): set the attributes before.
    bool AddHost(const std::string& name, Ipv4Address address);
    bool RemoveHost(const std::string& name);
    /// The address of a home host (`name` as for AddHost); nullopt when unknown.
    std::optional<Ipv4Address> FindHost(const std::string& name);
    /// Consulted first for every query (see ProcessorEngine).
    void SetQueryHook(QueryHook hook);

    /// Fixes the random stream of the upstream IDs; returns the number of streams used (1).
    int64_t AssignStreams(int64_t stream);

    /// All zero before the engine exists.
    const ProcessorCounters& GetCounters() const;
    std::size_t GetOutstandingCount() const;

    /// "Query": the client and the size of what it sent.
    typedef void (*QueryTracedCallback)(Ipv4Address client, uint32_t size);
    /// "LocalAnswer", "Relayed": name, rcode.
    typedef void (*AnswerTracedCallback)(const std::string& name, uint8_t rcode);
    /// "Forwarded": name, server, upstream ID.
    typedef void (*ForwardedTracedCallback)(const std::string& name,
                                            Ipv4Address server,
                                            uint16_t id);
    /// "HookDecision": name, HookDecision::Kind (ANSWER or FORWARD).
    typedef void (*HookTracedCallback)(const std::string& name, uint8_t kind);
    /// "Timeout": name.
    typedef void (*TimeoutTracedCallback)(const std::string& name);
    /// "HostTable": a host added (true) or removed (false): name, address.
    typedef void (*HostTableTracedCallback)(const std::string& name,
                                            Ipv4Address address,
                                            bool added);
    /// "Event": every engine event (ProcessorEvent) with its name.
    typedef void (*EventTracedCallback)(uint8_t event, const std::string& name);

  protected:
    void DoDispose() override;

  private:
    /// A TCP connection from a client.
    struct ClientConnection
    {
        Ptr<Socket> socket;
        Ipv4Address address;
        uint16_t port = 0;
        std::vector<uint8_t> buffer;
    };
    /// A TCP connection to a server for one forwarded query.
    struct UpstreamConnection
    {
        Ptr<Socket> socket;
        PeerAddress server;
        std::vector<uint8_t> query;
        std::vector<uint8_t> buffer;
    };

    void StartApplication() override;
    void StopApplication() override;

    ProcessorEngine& Engine();
    void HandleQuery(Ptr<Socket> socket);
    void HandleUpstream(Ptr<Socket> socket);
    void Wakeup();
    void Apply(const ProcessorOutput& output);
    void ScheduleWakeup();
    void Report(const ProcessorOutput::Report& report);

    bool AcceptRequest(Ptr<Socket> socket, const Address& from);
    void Accepted(Ptr<Socket> socket, const Address& from);
    void ClientRead(Ptr<Socket> socket);
    void ClientClosed(Ptr<Socket> socket);
    void SendUpstreamTcp(const PeerAddress& server, const std::vector<uint8_t>& query);
    void UpstreamConnected(Ptr<Socket> socket);
    void UpstreamRead(Ptr<Socket> socket);
    void UpstreamClosed(Ptr<Socket> socket);
    void CloseSocket(Ptr<Socket> socket);

    std::string m_localDomain; ///< attribute LocalDomain
    uint16_t m_port;           ///< attribute Port
    Time m_forwardTimeout;     ///< attribute ForwardTimeout
    uint32_t m_localTtl;       ///< attribute LocalTtl
    uint32_t m_maxOutstanding; ///< attribute MaxOutstanding
    bool m_enableTcp;          ///< attribute EnableTcp
    Ipv4Address m_upstream;    ///< attribute Upstream (0.0.0.0: none)
    uint16_t m_upstreamPort;   ///< attribute UpstreamPort
    std::vector<Ipv4Address> m_listenAddresses;
    QueryHook m_hook;
    std::unique_ptr<ProcessorEngine> m_engine;
    Ptr<UniformRandomVariable> m_random;
    std::vector<Ptr<Socket>> m_udpSockets; ///< listening, one per address
    std::vector<Ptr<Socket>> m_tcpSockets; ///< listening, one per address
    Ptr<Socket> m_upstreamSocket;
    /// The listening socket each client last used, to answer from it.
    std::map<PeerAddress, Ptr<Socket>> m_replySocket;
    std::map<uint32_t, ClientConnection> m_clientConnections; ///< by PeerAddress::connection
    uint32_t m_nextConnection;
    std::vector<UpstreamConnection> m_upstreamConnections;
    EventId m_wakeup;
    TracedCallback<Ipv4Address, uint32_t> m_queryTrace;
    TracedCallback<const std::string&, uint8_t> m_localAnswerTrace;
    TracedCallback<const std::string&, Ipv4Address, uint16_t> m_forwardedTrace;
    TracedCallback<const std::string&, uint8_t> m_relayedTrace;
    TracedCallback<const std::string&, uint8_t> m_hookTrace;
    TracedCallback<const std::string&> m_timeoutTrace;
    TracedCallback<uint8_t, const std::string&> m_eventTrace;
    TracedCallback<const std::string&, Ipv4Address, bool> m_hostTableTrace;
};

} // namespace dns
} // namespace ns3

#endif /* IPVPN_DNS_PROCESSOR_H */
