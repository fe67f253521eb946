/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The NAPT decision engine of a home gateway (seed 004, unit 141): a plain
 * class, no simulator, no packets, no clock. It keeps the mapping table of
 * one public address and answers, for each datagram its driver sees, how to
 * translate it or why to drop it:
 *
 *  - TransportAddress-independent mapping for UDP, TCP and ICMP query (RFC 4787
 *    REQ-1, RFC 5382 REQ-1, RFC 5508 REQ-1): one mapping per (protocol,
 *    internal address, internal port), reused for every remote endpoint. The
 *    ICMP query identifier plays the port (RFC 5508 section 3.1).
 *  - Filtering chosen per engine (RFC 4787 section 5, REQ-8; RFC 5382 REQ-3):
 *    endpoint-independent, address-dependent or address-and-port-dependent.
 *  - Port preservation when the internal port is free and inside the
 *    configured range (RFC 4787 REQ-3), otherwise the next free port of the
 *    range after it, wrapping. Ports outside the range and the reserved ones
 *    are never handed out: they belong to the gateway's own services.
 *    Port parity (REQ-4) and the 0-1023 / 1024-65535 split of REQ-3 are not
 *    kept.
 *  - Timeouts from Config with the RFCs' defaults: UDP 300 s (RFC 4787
 *    REQ-5), refreshed by outbound traffic (REQ-6) and by inbound traffic
 *    only if Config::inboundRefresh; TCP established 7440 s and transitory
 *    240 s (RFC 5382 REQ-5), refreshed by traffic in either direction; ICMP
 *    query 60 s (RFC 5508 REQ-1), refreshed as UDP.
 *  - A table size limit: a new mapping when the table is full, or when the
 *    port range is exhausted, is a counted drop.
 *  - Unsolicited or filtered inbound traffic is a counted drop.
 *  - ICMP errors (RFC 5508 section 4, REQ-3, REQ-4): the engine says how to
 *    translate the embedded header and the outer address; an error refreshes
 *    nothing.
 *  - Expiry driven by the caller: Expire(now) removes what has timed out and
 *    returns it; NextDeadline() tells when to call it next.
 *
 * Choices where the RFCs leave room:
 *  - State is kept per session, i.e. per (mapping, remote endpoint); the
 *    remote port of an ICMP query session is 0. A mapping lives while one of
 *    its sessions does. Filtering looks at the sessions: address-dependent
 *    filtering admits a remote address that any session of the mapping has,
 *    address-and-port-dependent filtering an exact remote endpoint.
 *  - An inbound TCP segment admitted by filtering from a new remote endpoint
 *    opens a session of its own, so that a connection opened from outside
 *    has its state tracked; it times out like any other. Inbound UDP and
 *    ICMP from a new remote endpoint open none (that would be an inbound
 *    refresh of the filter, which Config::inboundRefresh leaves off).
 *  - TCP: a session is established once a SYN has passed in each direction
 *    and until a FIN has passed in each direction or a RST in either; every
 *    other state is transitory (RFC 5382 section 5). One FIN (a half-closed
 *    connection) keeps the established timeout.
 *  - Inbound ICMP errors are filtered like the flow they are about: the
 *    embedded destination (the remote endpoint the inside host sent to) must
 *    pass the engine's filtering.
 */
#ifndef IPVPN_NAT_NAPT_ENGINE_H
#define IPVPN_NAT_NAPT_ENGINE_H

#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ns3
{
namespace nat
{

/// Transport protocols the engine maps; values are the IPv4 protocol numbers.
enum class Transport : uint8_t
{
    ICMP = 1, ///< ICMP query (echo): the identifier is the "port"
    TCP = 6,
    UDP = 17,
};

/// Inbound filtering behaviour (RFC 4787 section 5).
enum class Filtering : uint8_t
{
    ENDPOINT_INDEPENDENT,
    ADDRESS_DEPENDENT,
    ADDRESS_AND_PORT_DEPENDENT,
};

/// Why a datagram is not translated.
enum class DropReason : uint8_t
{
    NO_MAPPING,      ///< inbound: no mapping for the destination port (unsolicited)
    FILTERED,        ///< inbound: a mapping exists but filtering refuses the source
    TABLE_FULL,      ///< outbound: a new mapping would exceed Config::maxMappings
    PORTS_EXHAUSTED, ///< outbound: no free external port in the range
    NOT_TO_PUBLIC,   ///< inbound: not addressed to the public address
};

/// Number of DropReason values.
constexpr std::size_t DROP_REASON_COUNT = 5;

std::ostream& operator<<(std::ostream& os, Transport p);
std::ostream& operator<<(std::ostream& os, Filtering f);
std::ostream& operator<<(std::ostream& os, DropReason r);

/// TCP header flag bits as they are on the wire (RFC 793 section 3.1).
namespace tcpflag
{
constexpr uint8_t FIN = 0x01;
constexpr uint8_t SYN = 0x02;
constexpr uint8_t RST = 0x04;
constexpr uint8_t ACK = 0x10;
} // namespace tcpflag

/// An address and a port (the ICMP query identifier for ICMP; 0 for an ICMP remote).
struct TransportAddress
{
    Ipv4Address address;
    uint16_t port = 0;

    bool operator==(const TransportAddress& o) const;
    bool operator!=(const TransportAddress& o) const;
    bool operator<(const TransportAddress& o) const;
};

std::ostream& operator<<(std::ostream& os, const TransportAddress& e);

/// The header fields of a datagram the engine decides on.
struct Flow
{
    Transport protocol = Transport::UDP;
    TransportAddress source;
    TransportAddress destination;
    uint8_t tcpFlags = 0; ///< TCP only: tcpflag bits

    bool operator==(const Flow& o) const;
};

std::ostream& operator<<(std::ostream& os, const Flow& f);

/// The answer for a query or TCP/UDP datagram.
struct Translation
{
    std::optional<DropReason> drop; ///< set: drop the datagram, nothing else holds
    /// Outbound: the new source (public address, external port).
    /// Inbound: the new destination (internal address and port).
    TransportAddress endpoint;
    bool created = false; ///< outbound: this datagram created the mapping

    bool Accepted() const;
};

/**
 * The answer for an ICMP error (RFC 5508 section 4.2): the datagram keeps
 * its ICMP header; the outer address and the embedded header change.
 */
struct IcmpErrorTranslation
{
    std::optional<DropReason> drop;
    /// Inbound: the new outer destination (the internal host).
    /// Outbound: the new outer source (the public address).
    Ipv4Address outerAddress;
    Flow embedded; ///< the embedded header's addresses and ports after translation

    bool Accepted() const;
};

/// A mapping as the table holds it, for expiry reports and queries.
struct MappingInfo
{
    Transport protocol = Transport::UDP;
    TransportAddress internal;
    uint16_t externalPort = 0;
    std::size_t sessions = 0;
    Time deadline; ///< when the last session times out without traffic

    bool operator==(const MappingInfo& o) const;
};

std::ostream& operator<<(std::ostream& os, const MappingInfo& m);

/// The NAPT table of one public address.
class NaptEngine
{
  public:
    struct Config
    {
        Ipv4Address publicAddress;
        Filtering filtering = Filtering::ENDPOINT_INDEPENDENT;
        uint16_t portMin = 1024;  ///< external ports used when the internal one is taken
        uint16_t portMax = 65535; ///< inclusive
        std::set<uint16_t> reservedPorts; ///< inside the range, yet never handed out
        std::size_t maxMappings = 65536;
        Time udpTimeout = Seconds(300);             ///< RFC 4787 REQ-5: >= 120 s, default 300 s
        Time tcpEstablishedTimeout = Seconds(7440); ///< RFC 5382 REQ-5: >= 2 h 4 min
        Time tcpTransitoryTimeout = Seconds(240);   ///< RFC 5382 REQ-5: >= 4 min
        Time icmpTimeout = Seconds(60);             ///< RFC 5508 REQ-1: >= 60 s
        bool inboundRefresh = false; ///< RFC 4787 REQ-6: inbound refresh MAY (UDP, ICMP)
    };

    /// Counters for results.json.
    struct Counters
    {
        uint64_t created = 0;
        uint64_t expired = 0;
        std::size_t activePeak = 0;
        std::array<uint64_t, DROP_REASON_COUNT> drops{};
    };

    explicit NaptEngine(Config config);

    /// A datagram from inside to outside: its new source, or a drop.
    Translation Outbound(const Flow& flow, Time now);
    /// A datagram from outside to the public address: its new destination, or a drop.
    Translation Inbound(const Flow& flow, Time now);

    /**
     * An ICMP error from outside about a datagram this NAT sent out: the
     * embedded header is that datagram (source public:external, destination
     * the remote). Answers the internal host (new outer destination) and the
     * embedded header with its source translated back (RFC 5508 REQ-3).
     */
    IcmpErrorTranslation InboundIcmpError(const Flow& embedded, Time now);
    /**
     * An ICMP error from an inside host about a datagram it received through
     * this NAT: the embedded header's destination becomes public:external and
     * the outer source the public address (RFC 5508 REQ-4).
     */
    IcmpErrorTranslation OutboundIcmpError(const Flow& embedded, Time now);

    /// Removes every session whose time has come at \p now; returns the mappings that went away.
    std::vector<MappingInfo> Expire(Time now);
    /// The earliest time at which Expire() has something to remove; nullopt when the table is
    /// empty. Not const: it settles index entries that refreshes left early.
    std::optional<Time> NextDeadline();

    std::optional<MappingInfo> FindMapping(Transport protocol, const TransportAddress& internal) const;
    std::optional<MappingInfo> FindByExternalPort(Transport protocol, uint16_t port) const;
    std::size_t GetMappingCount() const;
    const Counters& GetCounters() const;
    uint64_t GetDropCount(DropReason reason) const;
    const Config& GetConfig() const;

  private:
    // TCP progress of a session, one bit per event (RFC 5382 section 5).
    enum TcpBits : uint8_t
    {
        SYN_OUT = 0x01,
        SYN_IN = 0x02,
        FIN_OUT = 0x04,
        FIN_IN = 0x08,
        RST_SEEN = 0x10,
    };

    struct Session
    {
        Time expiry;
        uint8_t tcp = 0;
    };

    struct Mapping
    {
        Transport protocol;
        TransportAddress internal;
        uint16_t externalPort;
        std::map<TransportAddress, Session> sessions; // by remote endpoint
        Time deadline;                        // latest session expiry
        Time nextExpiry;                      // earliest session expiry
        Time indexedAt;                       // its m_deadlines key, at or before nextExpiry
    };

    using InternalKey = uint64_t; // protocol, address, port
    using ExternalKey = uint32_t; // protocol, port

    static InternalKey MakeKey(Transport protocol, const TransportAddress& internal);
    static ExternalKey MakeKey(Transport protocol, uint16_t port);
    static MappingInfo Info(const Mapping& m);

    Translation Drop(DropReason reason);
    std::optional<uint16_t> AllocatePort(Transport protocol, uint16_t wanted) const;
    bool Admits(const Mapping& m, const TransportAddress& remote, Time now) const;
    Time Timeout(Transport protocol, uint8_t tcp) const;
    // Records traffic of a session in one direction and refreshes it if due.
    void Touch(Mapping& m, const TransportAddress& remote, uint8_t tcpFlags, bool outbound, Time now);
    // Computes the mapping's deadlines from its sessions.
    static void Recompute(Mapping& m);
    // Recompute() and index the mapping in m_deadlines at its next expiry.
    void Index(InternalKey key, Mapping& m);
    // After traffic: Recompute(), and move the index entry only when the next
    // expiry came earlier. A refresh (later) leaves the entry early: Expire()
    // and NextDeadline() move such stale entries when they reach them, so a
    // datagram costs no ordered-set update.
    void Reschedule(InternalKey key, Mapping& m);
    // The live mapping holding an external port, or nullptr.
    Mapping* FindExternal(Transport protocol, uint16_t port, Time now);

    Config m_config;
    std::unordered_map<InternalKey, Mapping> m_mappings;
    std::unordered_map<ExternalKey, InternalKey> m_byExternal;
    std::set<std::pair<Time, InternalKey>> m_deadlines;
    Counters m_counters;
};

} // namespace nat
} // namespace ns3

#endif // IPVPN_NAT_NAPT_ENGINE_H
