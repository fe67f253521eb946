/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A host's stub resolver (RFC 1034 5.3.1): it asks one recursive server
 * (the home gateway's DNS processor, given by DHCP or configured) for the A
 * records of a name and reports the outcome to a callback.
 *
 *  - UDP from one socket on an ephemeral port, to the server's port 53. The
 *    query ID is drawn from an ns-3 random stream (RFC 5452 section 9.2),
 *    unique among the queries outstanding; RD is set.
 *  - Retransmission: RetransmitTimeout after the first transmission, then
 *    doubled after each retransmission (RFC 1123 6.1.3.3: exponential
 *    backoff), MaxRetransmissions times, then give up. A retransmission
 *    keeps the query's ID, so a late answer to an earlier copy still counts.
 *  - A reply is accepted only from the server's address and port 53, with
 *    the ID of an outstanding query, QR set and the same question (RFC 5452
 *    section 9.1). Anything else is counted as a mismatch and ignored; the
 *    query keeps waiting.
 *  - TC=1 (RFC 1035 4.2.1): the query is repeated over TCP to the same
 *    server (RFC 1035 4.2.2 framing, RFC 7766 section 5); the TCP exchange
 *    has its own timer, TcpTimeout. It counts as one more attempt.
 *  - The addresses are the A records of the answer section for the name
 *    asked, following a CNAME chain within the answer (RFC 1034 3.6.2).
 */
#ifndef IPVPN_DNS_STUB_RESOLVER_H
#define IPVPN_DNS_STUB_RESOLVER_H

#include "dns-message.h"

#include "ns3/callback.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ns3
{
namespace dns
{

/// How a resolution ended.
struct ResolveResult
{
    Name name;                          ///< the name asked for
    uint8_t rcode = RCODE_SERVFAIL;     ///< the answer's RCODE (SERVFAIL when given up)
    std::vector<Ipv4Address> addresses; ///< A records, CNAME chain followed
    Time latency;                       ///< from Resolve() to the end
    uint32_t attempts = 0;              ///< transmissions, UDP and TCP
    bool usedTcp = false;               ///< the answer was truncated and asked again over TCP
    bool gaveUp = false;                ///< no usable answer: retransmissions or TCP exhausted
};

/// Stub resolver counters.
struct StubResolverCounters
{
    uint64_t queries = 0;         ///< Resolve() calls that sent a query
    uint64_t transmissions = 0;   ///< UDP datagrams sent, retransmissions included
    uint64_t retransmissions = 0; ///< of which retransmissions
    uint64_t answers = 0;         ///< resolutions ended by an answer
    uint64_t truncated = 0;       ///< TC=1 answers that led to TCP
    uint64_t mismatches = 0;      ///< replies ignored: source, ID or question (RFC 5452 9.1)
    uint64_t malformed = 0;       ///< replies that did not decode
    uint64_t timeouts = 0;        ///< resolutions given up
};

/**
 * The A records of `name` in `message`'s answer section, following CNAME
 * records owned by the name (and then by each target) within the answer;
 * a chain longer than the answer section (a loop) stops there. `bytes` are
 * the octets `message` was decoded from, for compression pointers in CNAME
 * RDATA; empty for a message built in code.
 */
std::vector<Ipv4Address> FollowCnameChain(const Message& message,
                                          const std::vector<uint8_t>& bytes,
                                          const Name& name);

/// A host's stub resolver.
class StubResolver : public Object
{
  public:
    using ResolveCallback = Callback<void, const ResolveResult&>;

    static TypeId GetTypeId();

    StubResolver();
    ~StubResolver() override;

    /// The node whose sockets are used (with an Internet stack).
    void Setup(Ptr<Node> node);
    /// The recursive server (the gateway, from DHCP or configuration).
    void SetServer(Ipv4Address server);
    Ipv4Address GetServer() const;

    /**
     * Asks for the A records of `name`; `done` is called once, when the
     * resolution ends. A name that does not parse, or no node or server,
     * ends at once (FORMERR or SERVFAIL, gaveUp set, no attempt).
     */
    void Resolve(const std::string& name, ResolveCallback done);

    /// Fixes the random stream of the query IDs; returns the number of streams used (1).
    int64_t AssignStreams(int64_t stream);

    const StubResolverCounters& GetCounters() const;
    std::size_t GetOutstandingCount() const;

    /// "QuerySent": name, query ID, attempt (1 for the first), over TCP.
    typedef void (*QuerySentTracedCallback)(const std::string& name,
                                            uint16_t id,
                                            uint32_t attempt,
                                            bool tcp);
    /// "AnswerReceived": name, rcode, latency.
    typedef void (*AnswerTracedCallback)(const std::string& name, uint8_t rcode, Time latency);
    /// "Timeout": name, attempts made.
    typedef void (*TimeoutTracedCallback)(const std::string& name, uint32_t attempts);

  protected:
    void DoDispose() override;

  private:
    struct Query
    {
        Question question;
        ResolveCallback done;
        Time start;
        uint32_t attempts = 0;
        Time interval; ///< the wait after the latest transmission
        EventId timer;
        std::vector<uint8_t> bytes; ///< the query's octets
        bool tcp = false;
        Ptr<Socket> tcpSocket;
        std::vector<uint8_t> tcpBuffer; ///< stream octets not yet a whole frame
    };

    bool EnsureSocket();
    uint16_t NewId() const;
    void Transmit(uint16_t id);
    void Expire(uint16_t id);
    void HandleRead(Ptr<Socket> socket);
    /// Decides on a reply's octets (UDP or one TCP frame); false when ignored.
    bool HandleReply(uint16_t expectedId, const std::vector<uint8_t>& bytes, bool tcp);
    void StartTcp(uint16_t id);
    void TcpConnected(Ptr<Socket> socket);
    void TcpFailed(Ptr<Socket> socket);
    void TcpRead(Ptr<Socket> socket);
    /// The query whose TCP socket this is; 0 with found false if none.
    bool FindTcp(Ptr<Socket> socket, uint16_t& id) const;
    void Finish(uint16_t id, ResolveResult result);
    void CloseTcp(Query& query);

    Time m_retransmitTimeout;      ///< attribute RetransmitTimeout
    uint32_t m_maxRetransmissions; ///< attribute MaxRetransmissions
    Time m_tcpTimeout;             ///< attribute TcpTimeout
    uint16_t m_serverPort;         ///< attribute ServerPort
    Ptr<Node> m_node;
    Ipv4Address m_server;
    bool m_haveServer;
    Ptr<Socket> m_socket;
    Ptr<UniformRandomVariable> m_random;
    std::map<uint16_t, Query> m_queries; ///< by ID
    StubResolverCounters m_counters;
    TracedCallback<const std::string&, uint16_t, uint32_t, bool> m_querySentTrace;
    TracedCallback<const std::string&, uint8_t, Time> m_answerTrace;
    TracedCallback<const std::string&, uint32_t> m_timeoutTrace;
};

} // namespace dns
} // namespace ns3

#endif /* IPVPN_DNS_STUB_RESOLVER_H */
