/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The decisions of a home gateway's DNS processor (seed 004, unit 143,
 * [0066], [0129]-[0131], [0148], [0149]): a plain class, no simulator, no
 * sockets, no clock. Its driver (dns::Processor) hands it the octets of each
 * datagram with where it came from and the time, and carries out what it
 * returns: datagrams to send to a client or to an upstream server, and
 * events to count and trace.
 *
 * For each query from a home host, in this order:
 *  1. the query hook (set by the tunnelling component) decides first: no
 *     opinion, answer with these addresses, or forward to this server (the
 *     peer gateway, [0129]: "sends out a DNS inquiry about the host B to the
 *     gateway B");
 *  2. the local table (host names from DHCP, [0066]): a name under the
 *     local domain is answered authoritatively, NOERROR with its A record,
 *     or NXDOMAIN when the table does not hold it;
 *  3. anything else is forwarded to the upstream server (the public DNS
 *     server 330).
 *
 * Server-side search rule: a single-label query name `hostb` is looked up
 * as `hostb.<local domain>` (what a stub's search list would try first).
 * The answer's owner name is the name as asked, so that the asker's
 * question check (RFC 5452 section 9.1) passes. A single label that is not
 * in the table is NXDOMAIN: it is never forwarded, so home names do not
 * leak upstream.
 *
 * Forwarding: each forwarded query gets a new upstream ID, drawn from the
 * driver's random source and unique among the outstanding ones (RFC 5452
 * section 9.2: an unpredictable ID). The query's octets are sent on
 * unchanged but for the ID. A reply is accepted only from the server the
 * query went to, from its port, with that ID and the same question (RFC
 * 5452 section 9.1); anything else is counted and dropped. The accepted
 * reply is relayed with the client's ID restored, octets otherwise
 * unchanged (a TC=1 reply stays truncated, so the host repeats over TCP).
 *
 * Choices where the RFCs leave room:
 *  - Expiry: a forwarded query without a reply by its deadline
 *    (Config::forwardTimeout) is answered SERVFAIL to the client. RFC 1035
 *    4.1.1 defines SERVFAIL as the server unable to process the query
 *    "due to a problem with the name server"; RFC 2308 section 7.1 lets
 *    a resolver report an unreachable server this way. A silent drop would
 *    leave the host to time out on its own.
 *  - The engine does not retransmit upstream on its own. A client's
 *    retransmission of a query still outstanding (same client address,
 *    port and ID, same question) is a duplicate: it is sent upstream again
 *    under the same upstream ID, so the host's retransmission timer drives
 *    the upstream retransmission. It does not extend the deadline.
 *  - Local answers carry Config::localTtl; local negative answers carry no
 *    SOA, so they are not cached (RFC 2308 section 5).
 *  - A local name asked for another type than A is NOERROR without
 *    answers (no data, RFC 2308 section 2.2).
 *  - A query that does not decode gets FORMERR when its header could be
 *    read (RFC 1035 4.1.1), else it is dropped; a query with an opcode
 *    other than QUERY gets NOTIMP; one without exactly one question gets
 *    FORMERR. All three are counted as malformed.
 *  - With no upstream set, or a full table of outstanding queries
 *    (Config::maxOutstanding), a query to forward is answered SERVFAIL.
 */
#ifndef IPVPN_DNS_PROCESSOR_ENGINE_H
#define IPVPN_DNS_PROCESSOR_ENGINE_H

#include "dns-message.h"

#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{
namespace dns
{

/// Where a datagram came from or goes to.
struct PeerAddress
{
    Ipv4Address address;
    uint16_t port = 0;
    /// 0: UDP. Otherwise a handle the driver gives a TCP connection, carried
    /// through unchanged so that the answer goes back on it.
    uint32_t connection = 0;

    bool operator==(const PeerAddress& other) const;
    bool operator!=(const PeerAddress& other) const;
    bool operator<(const PeerAddress& other) const;
};

std::ostream& operator<<(std::ostream& os, const PeerAddress& endpoint);

/// What the query hook decides for one query.
struct HookDecision
{
    enum Kind : uint8_t
    {
        NO_OPINION, ///< go on with the local table and upstream
        ANSWER,     ///< answer with `addresses` (NOERROR, AA)
        FORWARD,    ///< forward the query to `server`
        REFUSE,     ///< answer REFUSED (RFC 1035 4.1.1): not served to this client
    };

    Kind kind = NO_OPINION;
    std::vector<Ipv4Address> addresses; ///< ANSWER: the A records
    uint32_t ttl = 0;                   ///< ANSWER: their TTL
    PeerAddress server;                 ///< FORWARD: the server (port 53 usually)

    static HookDecision NoOpinion();
    static HookDecision Answer(std::vector<Ipv4Address> addresses, uint32_t ttl = 0);
    static HookDecision Forward(Ipv4Address server, uint16_t port = DNS_PORT);
    static HookDecision Refuse();
};

std::ostream& operator<<(std::ostream& os, HookDecision::Kind kind);

/// Consulted first for each well-formed query: the question and the client.
using QueryHook = std::function<HookDecision(const Question& question, const PeerAddress& client)>;

/// What happened to one datagram; each is counted and traced by the driver.
enum class ProcessorEvent : uint8_t
{
    LOCAL_ANSWER,   ///< answered from the local table (NOERROR)
    LOCAL_NXDOMAIN, ///< a name under the local domain not in the table
    HOOK_ANSWER,    ///< answered with the hook's addresses
    HOOK_FORWARD,   ///< forwarded to the server the hook named
    HOOK_REFUSED,   ///< refused as the hook said (REFUSED)
    FORWARDED,      ///< forwarded upstream
    DUPLICATE,      ///< a client's retransmission, sent upstream again
    RELAYED,        ///< an upstream reply relayed to its client
    TIMEOUT,        ///< no upstream reply by the deadline: SERVFAIL to the client
    NO_UPSTREAM,    ///< nothing to forward to, or the table full: SERVFAIL
    MALFORMED,      ///< a query that did not decode or is not a standard query
    UNMATCHED,      ///< an upstream datagram that matches no outstanding query
};

std::ostream& operator<<(std::ostream& os, ProcessorEvent event);

/// Counters of one processor.
struct ProcessorCounters
{
    uint64_t queries = 0;      ///< datagrams received from clients
    uint64_t localAnswers = 0; ///< answered from the table, NXDOMAIN included
    uint64_t nxdomain = 0;     ///< of which NXDOMAIN
    uint64_t forwarded = 0;    ///< new forwarded queries (hook forwards included)
    uint64_t duplicates = 0;   ///< client retransmissions sent upstream again
    uint64_t relayed = 0;      ///< upstream replies relayed
    uint64_t timeouts = 0;     ///< forwarded queries expired (SERVFAIL)
    uint64_t servfail = 0;     ///< SERVFAIL for want of an upstream or table room
    uint64_t malformed = 0;    ///< bad queries (FORMERR, NOTIMP or dropped)
    uint64_t unmatched = 0;    ///< upstream datagrams dropped (ID, source or question)
    uint64_t hookAnswers = 0;  ///< answered by the hook
    uint64_t hookForwards = 0; ///< forwarded where the hook said
    uint64_t hookRefused = 0;  ///< refused as the hook said
};

/// One datagram to send and what led to it.
struct ProcessorOutput
{
    /// To a client: `to.connection` 0 is UDP, else that TCP connection. To
    /// upstream: `to.connection` is the client's, non-zero when the query
    /// came over TCP; the driver then sends it upstream over TCP.
    struct Datagram
    {
        PeerAddress to;
        std::vector<uint8_t> bytes;
    };
    struct Report
    {
        ProcessorEvent event;
        Name name;                     ///< the question's name (root if none could be read)
        PeerAddress client;            ///< the client concerned
        uint8_t rcode = RCODE_NOERROR; ///< the rcode sent to the client, if any
        PeerAddress server;            ///< forwarding and relaying: the server
        uint16_t upstreamId = 0;       ///< forwarding and relaying: the upstream ID
    };

    std::vector<Datagram> toClients;
    std::vector<Datagram> upstream;
    std::vector<Report> reports;
};

/// The DNS processor's table and forwarding state.
class ProcessorEngine
{
  public:
    struct Config
    {
        Name localDomain;                  ///< e.g. home.arpa (RFC 8375)
        Time forwardTimeout = Seconds(10); ///< a forwarded query's lifetime
        uint32_t localTtl = 60;            ///< TTL of local answers
        std::size_t maxOutstanding = 1024; ///< forwarded queries at most
    };
    /// Draws a 16-bit ID (the driver's random stream).
    using IdSource = std::function<uint16_t()>;

    ProcessorEngine(Config config, IdSource ids);

    void SetUpstream(PeerAddress server);
    void ClearUpstream();
    void SetQueryHook(QueryHook hook);

    /// Adds or replaces a host: `name` a full name under the local domain,
    /// or one label, taken as `<label>.<local domain>`. \return false (and
    /// nothing changes) for a name outside the local domain.
    bool AddHost(const Name& name, Ipv4Address address);
    /// \return false if the table did not hold the name.
    bool RemoveHost(const Name& name);
    std::optional<Ipv4Address> FindHost(const Name& name) const;
    std::size_t GetHostCount() const;

    /// A datagram from a client on the processor's listening socket.
    ProcessorOutput ReceiveQuery(const PeerAddress& client,
                                 const std::vector<uint8_t>& bytes,
                                 Time now);
    /// A datagram on the upstream socket from `from`.
    ProcessorOutput ReceiveUpstream(const PeerAddress& from,
                                    const std::vector<uint8_t>& bytes,
                                    Time now);
    /// Expires what is due at `now`.
    ProcessorOutput Advance(Time now);
    /// The earliest deadline of an outstanding query.
    std::optional<Time> GetNextWakeup() const;
    std::size_t GetOutstandingCount() const;

    const ProcessorCounters& GetCounters() const;
    const Config& GetConfig() const;

  private:
    /// A forwarded query waiting for its reply.
    struct Pending
    {
        PeerAddress client;
        uint16_t clientId = 0;
        Question question;
        PeerAddress server;
        Time deadline;
        bool rd = false;            ///< the query's RD, for a SERVFAIL on expiry
        std::vector<uint8_t> query; ///< as sent upstream (for duplicates)
    };

    /// The table's key for a name: lower-case labels, single labels expanded.
    std::optional<std::string> Key(const Name& name) const;
    bool IsUnderLocalDomain(const Name& name) const;
    /// A response to `query` with `rcode` and `answers` (flags per RFC 1035
    /// 4.1.1), cut to 512 octets unless it goes over TCP.
    static std::vector<uint8_t> MakeResponse(const Message& query,
                                             uint8_t rcode,
                                             bool authoritative,
                                             const std::vector<ResourceRecord>& answers,
                                             bool overTcp);
    void Forward(const Message& query,
                 const std::vector<uint8_t>& bytes,
                 const PeerAddress& client,
                 const PeerAddress& server,
                 bool byHook,
                 Time now,
                 ProcessorOutput& out);
    void Reply(const PeerAddress& client,
               const Message& query,
               uint8_t rcode,
               bool authoritative,
               const std::vector<ResourceRecord>& answers,
               ProcessorEvent event,
               ProcessorOutput& out);
    std::optional<uint16_t> NewUpstreamId() const;

    Config m_config;
    IdSource m_ids;
    std::optional<PeerAddress> m_upstream;
    QueryHook m_hook;
    std::map<std::string, Ipv4Address> m_hosts; ///< by Key()
    std::map<uint16_t, Pending> m_pending;      ///< by upstream ID
    ProcessorCounters m_counters;
};

} // namespace dns
} // namespace ns3

#endif /* IPVPN_DNS_PROCESSOR_ENGINE_H */
