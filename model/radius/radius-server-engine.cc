/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "radius-server-engine.h"

#include "radius-authenticator.h"

#include "ns3/buffer.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RadiusServerEngine");

namespace radius
{

std::string
DropReasonName(DropReason reason)
{
    switch (reason)
    {
    case DropReason::NONE:
        return "None";
    case DropReason::UNKNOWN_CLIENT:
        return "UnknownClient";
    case DropReason::MALFORMED:
        return "Malformed";
    case DropReason::NOT_ACCESS_REQUEST:
        return "NotAccessRequest";
    case DropReason::MISSING_NAS_ATTRIBUTE:
        return "MissingNasAttribute";
    case DropReason::BAD_MESSAGE_AUTHENTICATOR:
        return "BadMessageAuthenticator";
    }
    return "Unknown";
}

ServerEngine::ServerEngine(const ServerConfig& config)
    : m_config(config)
{
}

void
ServerEngine::AddUser(const std::string& userName, const std::string& password)
{
    m_users[userName] = password;
}

void
ServerEngine::AddClient(Ipv4Address address, const std::string& secret)
{
    m_secrets[address.Get()] = secret;
}

ServerReply
ServerEngine::HandleRequest(Ipv4Address source,
                            uint16_t port,
                            const std::vector<uint8_t>& bytes,
                            Time now)
{
    ++m_counters.requests;
    Expire(now);

    // RFC 2865 section 3: a request from a client without a configured
    // shared secret is silently discarded.
    const auto secretIt = m_secrets.find(source.Get());
    if (secretIt == m_secrets.end())
    {
        NS_LOG_LOGIC("dropping request from unknown client " << source);
        return Drop(DropReason::UNKNOWN_CLIENT);
    }
    const std::string& secret = secretIt->second;

    const PacketHeader request = PacketHeader::FromBytes(bytes);
    if (!request.IsValid())
    {
        return Drop(DropReason::MALFORMED);
    }
    if (request.GetCode() != ACCESS_REQUEST)
    {
        return Drop(DropReason::NOT_ACCESS_REQUEST);
    }
    // RFC 2865 section 4.1: an Access-Request MUST carry NAS-IP-Address or
    // NAS-Identifier.
    if (request.FindAttribute(NAS_IP_ADDRESS) == nullptr &&
        request.FindAttribute(NAS_IDENTIFIER) == nullptr)
    {
        return Drop(DropReason::MISSING_NAS_ATTRIBUTE);
    }
    // RFC 3579 section 3.2: a Message-Authenticator that does not verify
    // makes the server silently discard the request.
    const bool hasMessageAuthenticator = request.FindAttribute(MESSAGE_AUTHENTICATOR) != nullptr;
    if (hasMessageAuthenticator &&
        !VerifyMessageAuthenticator(request, request.GetAuthenticator(), secret))
    {
        NS_LOG_LOGIC("dropping request id " << +request.GetIdentifier() << " from " << source
                                            << ": bad Message-Authenticator");
        return Drop(DropReason::BAD_MESSAGE_AUTHENTICATOR);
    }

    // RFC 5080 section 2.2.2: a retransmission (same source, port,
    // Identifier and Request Authenticator) gets the response already sent,
    // not a second decision.
    const CacheKey key{source.Get(), port, request.GetIdentifier(), request.GetAuthenticator()};
    const auto cached = m_cache.find(key);
    if (cached != m_cache.end())
    {
        NS_LOG_LOGIC("duplicate request id " << +request.GetIdentifier() << " from " << source);
        ++m_counters.duplicates;
        ServerReply reply;
        reply.disposition = Disposition::ANSWERED_FROM_CACHE;
        reply.code = cached->second.code;
        reply.bytes = cached->second.bytes;
        return reply;
    }

    const bool accepted = Authenticate(request, secret);
    PacketHeader response(accepted ? ACCESS_ACCEPT : ACCESS_REJECT, request.GetIdentifier());
    // RFC 2865 section 5.33: Proxy-State attributes are copied, unmodified
    // and in order, into the response.
    for (const Attribute& attribute : request.GetAttributes())
    {
        if (attribute.GetType() == PROXY_STATE)
        {
            response.AddAttribute(attribute);
        }
    }
    if (hasMessageAuthenticator)
    {
        // Placeholder; SignResponse() fills it in before the Response
        // Authenticator, which covers it (RFC 3579 section 3.2).
        response.AddAttribute(Attribute(MESSAGE_AUTHENTICATOR, std::vector<uint8_t>(16, 0)));
    }
    SignResponse(response, request.GetAuthenticator(), secret);

    ServerReply reply;
    reply.disposition = Disposition::ANSWERED;
    reply.code = response.GetCode();
    reply.bytes = response.ToBytes();
    if (const Attribute* name = request.FindAttribute(USER_NAME))
    {
        reply.userName = name->GetString();
    }
    m_cache[key] = CachedReply{now + m_config.duplicateWindow, reply.code, reply.bytes};
    if (accepted)
    {
        ++m_counters.accepts;
    }
    else
    {
        ++m_counters.rejects;
    }
    NS_LOG_INFO(source << ":" << port << " id " << +request.GetIdentifier() << ": "
                       << CodeName(reply.code));
    return reply;
}

const ServerCounters&
ServerEngine::GetCounters() const
{
    return m_counters;
}

uint32_t
ServerEngine::GetCacheSize() const
{
    return static_cast<uint32_t>(m_cache.size());
}

ServerReply
ServerEngine::Drop(DropReason reason)
{
    switch (reason)
    {
    case DropReason::UNKNOWN_CLIENT:
        ++m_counters.unknownClient;
        break;
    case DropReason::MALFORMED:
        ++m_counters.malformed;
        break;
    case DropReason::NOT_ACCESS_REQUEST:
        ++m_counters.notAccessRequest;
        break;
    case DropReason::MISSING_NAS_ATTRIBUTE:
        ++m_counters.missingNasAttribute;
        break;
    case DropReason::BAD_MESSAGE_AUTHENTICATOR:
        ++m_counters.badMessageAuthenticator;
        break;
    case DropReason::NONE:
        break;
    }
    NS_LOG_LOGIC("dropped: " << DropReasonName(reason));
    ServerReply reply;
    reply.disposition = Disposition::DROPPED;
    reply.reason = reason;
    return reply;
}

bool
ServerEngine::Authenticate(const PacketHeader& request, const std::string& secret) const
{
    // Only PAP is supported: no User-Name, no User-Password (e.g. CHAP), an
    // unknown user or a wrong password all mean Access-Reject (section 4.1).
    const Attribute* name = request.FindAttribute(USER_NAME);
    const Attribute* hidden = request.FindAttribute(USER_PASSWORD);
    if (name == nullptr || hidden == nullptr)
    {
        return false;
    }
    const auto user = m_users.find(name->GetString());
    if (user == m_users.end())
    {
        return false;
    }
    std::string password;
    if (!RecoverPassword(hidden->GetValue(), secret, request.GetAuthenticator(), password))
    {
        return false;
    }
    return password == user->second;
}

void
ServerEngine::Expire(Time now)
{
    for (auto it = m_cache.begin(); it != m_cache.end();)
    {
        if (it->second.expires <= now)
        {
            it = m_cache.erase(it);
        }
        else
        {
            ++it;
        }
    }
}

} // namespace radius
} // namespace ns3
