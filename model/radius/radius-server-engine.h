/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Decision logic of a RADIUS authentication server, free of sockets and the
 * simulator: a user database, the shared secret of each known client (NAS),
 * and a cache of recent responses for duplicate detection. The caller hands
 * in each received datagram with its source and the current time and gets
 * back the datagram to send, if any.
 *
 * Procedures: RFC 2865 sections 2 and 4.1-4.3 (Access-Request handling),
 * 3 (shared secret by source address, Response Authenticator), 5.2
 * (User-Password), 5.33 (Proxy-State); RFC 3579 section 3.2
 * (Message-Authenticator); RFC 5080 section 2.2.2 (duplicate detection).
 */
#ifndef IPVPN_RADIUS_SERVER_ENGINE_H
#define IPVPN_RADIUS_SERVER_ENGINE_H

#include "radius-packet-header.h"

#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

namespace ns3
{
namespace radius
{

/// Server settings.
struct ServerConfig
{
    /// How long a response stays cached for duplicate detection. RFC 5080
    /// section 2.2.2 leaves the value open; a few seconds, covering the
    /// client's retransmissions, is customary.
    Time duplicateWindow = Seconds(5);
};

/// What the server did with a datagram.
enum class Disposition
{
    ANSWERED,          ///< a new decision, response in ServerReply::bytes
    ANSWERED_FROM_CACHE, ///< a duplicate, the cached response again
    DROPPED,           ///< silently discarded, see ServerReply::reason
};

/// Why a datagram was discarded.
enum class DropReason
{
    NONE,
    UNKNOWN_CLIENT,            ///< no shared secret for the source address
    MALFORMED,                 ///< did not parse
    NOT_ACCESS_REQUEST,        ///< some other code
    MISSING_NAS_ATTRIBUTE,     ///< neither NAS-IP-Address nor NAS-Identifier
    BAD_MESSAGE_AUTHENTICATOR, ///< present but wrong (or duplicated)
};

/// Name of a drop reason, for logs and traces.
std::string DropReasonName(DropReason reason);

/// The server's answer to one datagram.
struct ServerReply
{
    Disposition disposition = Disposition::DROPPED;
    DropReason reason = DropReason::NONE;
    uint8_t code = 0;           ///< ACCESS_ACCEPT or ACCESS_REJECT when answered
    std::string userName;       ///< the request's User-Name when answered (empty without)
    std::vector<uint8_t> bytes; ///< send back to the request's source address and port
};

/// Counters of the server, for statistics and tests.
struct ServerCounters
{
    uint64_t requests = 0;                ///< datagrams handed in
    uint64_t accepts = 0;                 ///< new Access-Accepts
    uint64_t rejects = 0;                 ///< new Access-Rejects
    uint64_t duplicates = 0;              ///< answered from the cache
    uint64_t unknownClient = 0;           ///< dropped: unknown source address
    uint64_t malformed = 0;               ///< dropped: did not parse
    uint64_t notAccessRequest = 0;        ///< dropped: other codes
    uint64_t missingNasAttribute = 0;     ///< dropped: no NAS identification
    uint64_t badMessageAuthenticator = 0; ///< dropped: Message-Authenticator
};

/**
 * RADIUS server decisions for PAP Access-Requests. One object per server
 * node; no global state.
 */
class ServerEngine
{
  public:
    explicit ServerEngine(const ServerConfig& config = ServerConfig());

    /// Adds or replaces a user.
    void AddUser(const std::string& userName, const std::string& password);
    /// Adds or replaces a client (NAS) and its shared secret. RFC 2865
    /// section 3: the secret is chosen by the request's source address.
    void AddClient(Ipv4Address address, const std::string& secret);

    /**
     * Handles one datagram from (source, port) at time `now`. Unknown
     * clients, malformed or unauthenticated requests are dropped and counted;
     * a repeat of a request answered within the duplicate window gets the
     * cached response; anything else gets a new Accept or Reject.
     */
    ServerReply HandleRequest(Ipv4Address source,
                              uint16_t port,
                              const std::vector<uint8_t>& bytes,
                              Time now);

    const ServerCounters& GetCounters() const;
    /// Responses currently cached.
    uint32_t GetCacheSize() const;

  private:
    /// RFC 5080 section 2.2.2: a request is a duplicate when source address,
    /// source port, Identifier and Request Authenticator all match.
    using CacheKey = std::tuple<uint32_t, uint16_t, uint8_t, Authenticator>;

    struct CachedReply
    {
        Time expires;
        uint8_t code = 0;
        std::vector<uint8_t> bytes;
    };

    ServerReply Drop(DropReason reason);
    /// Decides Accept or Reject for a verified request (RFC 2865 section
    /// 4.1: the password must match the user's).
    bool Authenticate(const PacketHeader& request, const std::string& secret) const;
    /// Removes cache entries expired at `now`.
    void Expire(Time now);

    ServerConfig m_config;
    std::map<std::string, std::string> m_users;  ///< user name -> password
    std::map<uint32_t, std::string> m_secrets;   ///< client address -> secret
    std::map<CacheKey, CachedReply> m_cache;
    ServerCounters m_counters;
};

} // namespace radius
} // namespace ns3

#endif // IPVPN_RADIUS_SERVER_ENGINE_H
