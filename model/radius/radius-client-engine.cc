/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "radius-client-engine.h"

#include "radius-authenticator.h"

#include "ns3/buffer.h"
#include "ns3/ipvpn-md5.h"
#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RadiusClientEngine");

namespace radius
{

std::string
OutcomeName(Outcome outcome)
{
    switch (outcome)
    {
    case Outcome::ACCEPT:
        return "Accept";
    case Outcome::REJECT:
        return "Reject";
    case Outcome::CHALLENGE:
        return "Challenge";
    case Outcome::TIMEOUT:
        return "Timeout";
    case Outcome::NO_IDENTIFIER:
        return "NoIdentifier";
    }
    return "Unknown";
}

ClientEngine::ClientEngine(const ClientConfig& config, const std::vector<ServerEntry>& servers)
    : m_config(config)
    , m_servers(servers)
    , m_idInUse(servers.size())
    , m_lastId(servers.size(), 255) // the first identifier handed out is 0
{
    if (m_config.maxTransmissions == 0)
    {
        m_config.maxTransmissions = 1;
    }
}

void
ClientEngine::SetAuthenticatorSource(AuthenticatorSource source)
{
    m_authenticatorSource = std::move(source);
}

ClientActions
ClientEngine::StartRequest(const std::string& userName,
                           const std::string& password,
                           const Authenticator& requestAuthenticator,
                           Time now,
                           uint64_t& handle)
{
    handle = m_nextHandle++;
    ++m_counters.requests;
    Pending p;
    p.userName = userName;
    p.password = password;
    p.started = now;
    p.requestAuthenticator = requestAuthenticator;

    ClientActions actions;
    if (!SendToServerFrom(handle, p, 0, now, actions))
    {
        NS_LOG_LOGIC("request " << handle << ": no free identifier at any server");
        actions.results.push_back(Finish(handle, p, Outcome::NO_IDENTIFIER, now));
    }
    else
    {
        m_pending.emplace(handle, std::move(p));
    }
    SetWakeup(actions);
    return actions;
}

ClientActions
ClientEngine::Advance(Time now)
{
    ClientActions actions;
    for (auto it = m_pending.begin(); it != m_pending.end();)
    {
        Pending& p = it->second;
        if (p.deadline > now)
        {
            ++it;
            continue;
        }
        if (p.sentToServer < m_config.maxTransmissions)
        {
            // RFC 2865 section 2.5: resending to the same server with the
            // attributes unchanged keeps the Identifier and the Request
            // Authenticator, so the very same octets go out again.
            ++p.sentToServer;
            ++p.sentTotal;
            ++m_counters.transmissions;
            ++m_counters.retransmissions;
            p.deadline = now + m_config.retransmitTimeout;
            actions.send.push_back({it->first, p.server, p.identifier, true, p.bytes});
            ++it;
            continue;
        }
        // Retry limit reached at this server: fail over to the next one. A
        // different server means a different secret, so the packet changes and
        // gets a new Identifier and Request Authenticator (section 2.5).
        ReleaseIdentifier(p.server, p.identifier);
        const uint32_t next = p.server + 1;
        if (next < m_servers.size())
        {
            ++m_counters.failovers;
            p.requestAuthenticator = FreshAuthenticator(p.requestAuthenticator, next);
            if (SendToServerFrom(it->first, p, next, now, actions))
            {
                ++it;
                continue;
            }
        }
        NS_LOG_LOGIC("request " << it->first << ": every server timed out");
        actions.results.push_back(Finish(it->first, p, Outcome::TIMEOUT, now));
        it = m_pending.erase(it);
    }
    SetWakeup(actions);
    return actions;
}

ClientActions
ClientEngine::ReceiveResponse(uint32_t server, const std::vector<uint8_t>& bytes, Time now)
{
    ClientActions actions;
    const PacketHeader response = PacketHeader::FromBytes(bytes);
    if (!response.IsValid())
    {
        NS_LOG_LOGIC("discarding malformed response from server " << server);
        ++m_counters.malformed;
        SetWakeup(actions);
        return actions;
    }
    Outcome outcome;
    switch (response.GetCode())
    {
    case ACCESS_ACCEPT:
        outcome = Outcome::ACCEPT;
        break;
    case ACCESS_REJECT:
        outcome = Outcome::REJECT;
        break;
    case ACCESS_CHALLENGE:
        outcome = Outcome::CHALLENGE;
        break;
    default:
        NS_LOG_LOGIC("discarding " << CodeName(response.GetCode()) << " from server " << server);
        ++m_counters.unexpectedCode;
        SetWakeup(actions);
        return actions;
    }

    // RFC 2865 section 3 (Identifier): a response matches the outstanding
    // request to that server carrying the same Identifier.
    auto it = m_pending.begin();
    for (; it != m_pending.end(); ++it)
    {
        if (it->second.server == server && it->second.identifier == response.GetIdentifier())
        {
            break;
        }
    }
    if (it == m_pending.end())
    {
        NS_LOG_LOGIC("discarding response id " << +response.GetIdentifier() << " from server "
                                               << server << ": nothing outstanding");
        ++m_counters.unmatched;
        SetWakeup(actions);
        return actions;
    }
    Pending& p = it->second;
    const std::string& secret = m_servers[server].secret;
    // RFC 2865 section 3 (Response Authenticator): a response that does not
    // verify is silently discarded; the request stays outstanding.
    if (!VerifyResponseAuthenticator(response, p.requestAuthenticator, secret))
    {
        NS_LOG_LOGIC("discarding response id " << +response.GetIdentifier()
                                               << ": bad Response Authenticator");
        ++m_counters.badAuthenticator;
        SetWakeup(actions);
        return actions;
    }
    // RFC 3579 section 3.2: a Message-Authenticator, when present, must
    // verify; it is keyed on the Request Authenticator of the request.
    if (response.FindAttribute(MESSAGE_AUTHENTICATOR) != nullptr &&
        !VerifyMessageAuthenticator(response, p.requestAuthenticator, secret))
    {
        NS_LOG_LOGIC("discarding response id " << +response.GetIdentifier()
                                               << ": bad Message-Authenticator");
        ++m_counters.badMessageAuthenticator;
        SetWakeup(actions);
        return actions;
    }

    Result result = Finish(it->first, p, outcome, now);
    result.response = response;
    ReleaseIdentifier(p.server, p.identifier);
    m_pending.erase(it);
    actions.results.push_back(std::move(result));
    SetWakeup(actions);
    return actions;
}

std::optional<uint32_t>
ClientEngine::FindServer(Ipv4Address address, uint16_t port) const
{
    for (uint32_t i = 0; i < m_servers.size(); ++i)
    {
        if (m_servers[i].address == address && m_servers[i].port == port)
        {
            return i;
        }
    }
    return std::nullopt;
}

const ClientCounters&
ClientEngine::GetCounters() const
{
    return m_counters;
}

uint32_t
ClientEngine::GetOutstandingCount() const
{
    return static_cast<uint32_t>(m_pending.size());
}

std::vector<uint8_t>
ClientEngine::GetIdentifiersInUse(uint32_t server) const
{
    std::vector<uint8_t> ids;
    if (server < m_idInUse.size())
    {
        for (uint32_t id = 0; id < 256; ++id)
        {
            if (m_idInUse[server].test(id))
            {
                ids.push_back(static_cast<uint8_t>(id));
            }
        }
    }
    return ids;
}

std::optional<Time>
ClientEngine::GetNextWakeup() const
{
    std::optional<Time> earliest;
    for (const auto& entry : m_pending)
    {
        if (!earliest || entry.second.deadline < *earliest)
        {
            earliest = entry.second.deadline;
        }
    }
    return earliest;
}

std::optional<uint8_t>
ClientEngine::AllocateIdentifier(uint32_t server)
{
    std::bitset<256>& inUse = m_idInUse[server];
    for (uint32_t step = 1; step <= 256; ++step)
    {
        const auto id = static_cast<uint8_t>(m_lastId[server] + step);
        if (!inUse.test(id))
        {
            inUse.set(id);
            m_lastId[server] = id;
            return id;
        }
    }
    return std::nullopt;
}

void
ClientEngine::ReleaseIdentifier(uint32_t server, uint8_t identifier)
{
    m_idInUse[server].reset(identifier);
}

std::vector<uint8_t>
ClientEngine::BuildAccessRequest(const Pending& p) const
{
    // RFC 2865 section 4.1: User-Name, User-Password (PAP), and at least one
    // of NAS-IP-Address and NAS-Identifier.
    const std::string& secret = m_servers[p.server].secret;
    PacketHeader request(ACCESS_REQUEST, p.identifier);
    request.SetAuthenticator(p.requestAuthenticator);
    request.AddAttribute(Attribute::FromString(USER_NAME, p.userName));
    request.AddAttribute(
        Attribute(USER_PASSWORD, HidePassword(p.password, secret, p.requestAuthenticator)));
    request.AddAttribute(Attribute::FromAddress(NAS_IP_ADDRESS, m_config.nasAddress));
    if (!m_config.nasIdentifier.empty())
    {
        request.AddAttribute(Attribute::FromString(NAS_IDENTIFIER, m_config.nasIdentifier));
    }
    if (m_config.messageAuthenticator)
    {
        // RFC 3579 section 3.2: computed last, over the finished request.
        SetMessageAuthenticator(request, p.requestAuthenticator, secret);
    }
    return request.ToBytes();
}

bool
ClientEngine::SendToServerFrom(
    uint64_t handle, Pending& p, uint32_t first, Time now, ClientActions& actions)
{
    for (uint32_t server = first; server < m_servers.size(); ++server)
    {
        const std::optional<uint8_t> id = AllocateIdentifier(server);
        if (!id)
        {
            NS_LOG_LOGIC("server " << server << ": all 256 identifiers outstanding");
            continue;
        }
        p.server = server;
        p.identifier = *id;
        p.bytes = BuildAccessRequest(p);
        p.sentToServer = 1;
        ++p.sentTotal;
        p.deadline = now + m_config.retransmitTimeout;
        ++m_counters.transmissions;
        actions.send.push_back({handle, server, *id, false, p.bytes});
        return true;
    }
    return false;
}

Authenticator
ClientEngine::FreshAuthenticator(const Authenticator& previous, uint32_t server) const
{
    if (m_authenticatorSource)
    {
        return m_authenticatorSource();
    }
    const uint8_t index[4] = {static_cast<uint8_t>(server >> 24),
                              static_cast<uint8_t>(server >> 16),
                              static_cast<uint8_t>(server >> 8),
                              static_cast<uint8_t>(server)};
    return Md5Concat({Md5Input(previous), Md5Input(index, sizeof(index))});
}

Result
ClientEngine::Finish(uint64_t handle, const Pending& p, Outcome outcome, Time now)
{
    Result result;
    result.request = handle;
    result.outcome = outcome;
    result.latency = now - p.started;
    result.server = p.server;
    result.transmissions = p.sentTotal;
    NS_LOG_INFO("request " << handle << " (" << p.userName << "): " << OutcomeName(outcome)
                           << " after " << result.latency.As(Time::MS));
    return result;
}

void
ClientEngine::SetWakeup(ClientActions& actions) const
{
    actions.nextWakeup = GetNextWakeup();
}

} // namespace radius
} // namespace ns3
