/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Decision logic of a RADIUS authentication client (a NAS), free of sockets,
 * timers and the simulator: the caller hands in the current time, received
 * octets and fresh Request Authenticators, and gets back the packets to send,
 * the next instant it must call back, and the outcome of finished requests.
 *
 * Procedures: RFC 2865 sections 2.5 (retransmission and failover), 3
 * (Identifier, Request and Response Authenticators), 4.1 (Access-Request),
 * 5.2 (User-Password); RFC 3579 section 3.2 (Message-Authenticator).
 */
#ifndef IPVPN_RADIUS_CLIENT_ENGINE_H
#define IPVPN_RADIUS_CLIENT_ENGINE_H

#include "radius-packet-header.h"

#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"

#include <bitset>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{
namespace radius
{

/// One authentication server the client may use, in order of preference.
struct ServerEntry
{
    Ipv4Address address;  ///< where requests go
    uint16_t port = 1812; ///< RFC 2865 section 3: UDP port 1812
    std::string secret;   ///< shared secret with this server
};

/// Client settings. The RFC fixes none of the timer values; those below are
/// the customary ones (RFC 5080 section 2.2.1 discusses the trade-offs).
struct ClientConfig
{
    Ipv4Address nasAddress;            ///< NAS-IP-Address (RFC 2865 section 5.4)
    std::string nasIdentifier;         ///< NAS-Identifier (section 5.32); empty: omitted
    Time retransmitTimeout = Seconds(3); ///< wait for a response before resending
    uint32_t maxTransmissions = 3;     ///< per server, first send included
    bool messageAuthenticator = false; ///< add Message-Authenticator (RFC 3579 3.2)
};

/// How a request ended.
enum class Outcome
{
    ACCEPT,        ///< Access-Accept, authenticated
    REJECT,        ///< Access-Reject, authenticated
    CHALLENGE,     ///< Access-Challenge, authenticated; the caller continues
    TIMEOUT,       ///< every server exhausted its transmissions
    NO_IDENTIFIER, ///< no server had a free Identifier (256 outstanding each)
};

/// Name of an outcome, for logs and traces.
std::string OutcomeName(Outcome outcome);

/// A packet the caller must send now.
struct Transmission
{
    uint64_t request = 0;       ///< handle returned by StartRequest()
    uint32_t server = 0;        ///< index into the configured servers
    uint8_t identifier = 0;     ///< the packet's Identifier
    bool retransmission = false; ///< a resend of an earlier packet, unchanged
    std::vector<uint8_t> bytes; ///< the UDP payload
};

/// A finished request.
struct Result
{
    uint64_t request = 0;       ///< handle returned by StartRequest()
    Outcome outcome = Outcome::TIMEOUT;
    Time latency;               ///< from StartRequest() to the outcome
    uint32_t server = 0;        ///< server that answered (or was tried last)
    uint32_t transmissions = 0; ///< packets sent, over all servers
    PacketHeader response;      ///< the authenticated response, if any
};

/// Everything one call produced.
struct ClientActions
{
    std::vector<Transmission> send;  ///< packets to send, in order
    std::vector<Result> results;     ///< requests that finished
    std::optional<Time> nextWakeup;  ///< call Advance() at this time; none: idle
};

/// Counters of the client, for statistics and tests.
struct ClientCounters
{
    uint64_t requests = 0;                ///< StartRequest() calls
    uint64_t transmissions = 0;           ///< packets handed out, all kinds
    uint64_t retransmissions = 0;         ///< resends to the same server
    uint64_t failovers = 0;               ///< moves to the next server
    uint64_t malformed = 0;               ///< responses that did not parse
    uint64_t unexpectedCode = 0;          ///< not Accept/Reject/Challenge
    uint64_t unmatched = 0;               ///< no outstanding request with that id
    uint64_t badAuthenticator = 0;        ///< Response Authenticator mismatch
    uint64_t badMessageAuthenticator = 0; ///< Message-Authenticator mismatch
};

/**
 * A RADIUS client's request bookkeeping. Identifiers are allocated per
 * server, so two outstanding requests to the same server never share one.
 * No global state: each NAS owns one ClientEngine.
 */
class ClientEngine
{
  public:
    /// Draws a fresh, unpredictable Request Authenticator (RFC 2865 section
    /// 3), normally from the caller's ns-3 random stream.
    using AuthenticatorSource = std::function<Authenticator()>;

    ClientEngine(const ClientConfig& config, const std::vector<ServerEntry>& servers);

    /// Source for the new Request Authenticator a failover needs. Without
    /// one, the new value is MD5 of the old one and the server index, which
    /// is unique but not unpredictable.
    void SetAuthenticatorSource(AuthenticatorSource source);

    /**
     * Starts authenticating a user with PAP at the first server that has a
     * free Identifier. requestAuthenticator must be fresh for this request.
     * On success `handle` identifies the request in later Transmissions and
     * Results; if no server has a free Identifier, the result is at once
     * Outcome::NO_IDENTIFIER.
     */
    ClientActions StartRequest(const std::string& userName,
                               const std::string& password,
                               const Authenticator& requestAuthenticator,
                               Time now,
                               uint64_t& handle);

    /// Handles requests whose timer has run out by `now`: resend, fail over
    /// or give up (RFC 2865 section 2.5).
    ClientActions Advance(Time now);

    /**
     * Handles a datagram received from server `server` (an index; see
     * FindServer()). Anything that does not parse, match an outstanding
     * request or authenticate is silently discarded and counted (RFC 2865
     * section 3: "silently discarded").
     */
    ClientActions ReceiveResponse(uint32_t server, const std::vector<uint8_t>& bytes, Time now);

    /// Index of the server at that address and port, if configured.
    std::optional<uint32_t> FindServer(Ipv4Address address, uint16_t port) const;

    const ClientCounters& GetCounters() const;
    /// Requests not yet finished.
    uint32_t GetOutstandingCount() const;
    /// Identifiers currently held at that server.
    std::vector<uint8_t> GetIdentifiersInUse(uint32_t server) const;
    /// Earliest pending timer, if any request is outstanding.
    std::optional<Time> GetNextWakeup() const;

  private:
    /// An outstanding request.
    struct Pending
    {
        std::string userName;
        std::string password;
        Time started;
        Time deadline;             ///< when the current transmission times out
        uint32_t server = 0;       ///< server currently tried
        uint8_t identifier = 0;    ///< Identifier held at that server
        Authenticator requestAuthenticator{};
        std::vector<uint8_t> bytes; ///< the packet as last sent, for resends
        uint32_t sentToServer = 0; ///< transmissions to the current server
        uint32_t sentTotal = 0;    ///< transmissions over all servers
    };

    /// Takes a free Identifier at a server, after the last one handed out
    /// there (so a just-released value is not reused at once).
    std::optional<uint8_t> AllocateIdentifier(uint32_t server);
    void ReleaseIdentifier(uint32_t server, uint8_t identifier);
    /// Builds the Access-Request for `p` at its current server and
    /// identifier (RFC 2865 section 4.1).
    std::vector<uint8_t> BuildAccessRequest(const Pending& p) const;
    /// Tries servers from `first` on; false when none had a free identifier.
    bool SendToServerFrom(uint64_t handle, Pending& p, uint32_t first, Time now,
                          ClientActions& actions);
    Authenticator FreshAuthenticator(const Authenticator& previous, uint32_t server) const;
    Result Finish(uint64_t handle, const Pending& p, Outcome outcome, Time now);
    void SetWakeup(ClientActions& actions) const;

    ClientConfig m_config;
    std::vector<ServerEntry> m_servers;
    AuthenticatorSource m_authenticatorSource;
    std::vector<std::bitset<256>> m_idInUse; ///< per server
    std::vector<uint8_t> m_lastId;           ///< per server, last id handed out
    std::map<uint64_t, Pending> m_pending;   ///< by handle
    uint64_t m_nextHandle = 1;
    ClientCounters m_counters;
};

} // namespace radius
} // namespace ns3

#endif // IPVPN_RADIUS_CLIENT_ENGINE_H
