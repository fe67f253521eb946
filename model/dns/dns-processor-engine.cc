/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dns-processor-engine.h"

#include <algorithm>
#include <utility>

namespace ns3
{
namespace dns
{

namespace
{

/// QTYPE * (RFC 1035 3.2.3): a request for all records.
constexpr uint16_t QTYPE_ANY = 255;

/// Tries to find a free upstream ID before falling back to a scan.
constexpr int ID_DRAWS = 16;

std::string
Lower(const std::string& s)
{
    std::string out = s;
    for (char& c : out)
    {
        if (c >= 'A' && c <= 'Z')
        {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

/// The ID is the message's first two octets (RFC 1035 4.1.1).
void
PatchId(std::vector<uint8_t>& bytes, uint16_t id)
{
    if (bytes.size() >= 2)
    {
        bytes[0] = static_cast<uint8_t>(id >> 8);
        bytes[1] = static_cast<uint8_t>(id & 0xff);
    }
}

/// Does the question ask for A records (of class IN)?
bool
AsksForA(const Question& q)
{
    return (q.type == TYPE_A || q.type == QTYPE_ANY) && q.qclass == CLASS_IN;
}

} // namespace

// ------------------------------------------------------------- PeerAddress

bool
PeerAddress::operator==(const PeerAddress& other) const
{
    return address == other.address && port == other.port && connection == other.connection;
}

bool
PeerAddress::operator!=(const PeerAddress& other) const
{
    return !(*this == other);
}

bool
PeerAddress::operator<(const PeerAddress& other) const
{
    if (address != other.address)
    {
        return address < other.address;
    }
    if (port != other.port)
    {
        return port < other.port;
    }
    return connection < other.connection;
}

std::ostream&
operator<<(std::ostream& os, const PeerAddress& endpoint)
{
    os << endpoint.address << ":" << endpoint.port;
    if (endpoint.connection != 0)
    {
        os << "/tcp" << endpoint.connection;
    }
    return os;
}

// --------------------------------------------------------- HookDecision

HookDecision
HookDecision::NoOpinion()
{
    return HookDecision{};
}

HookDecision
HookDecision::Answer(std::vector<Ipv4Address> addresses, uint32_t ttl)
{
    HookDecision d;
    d.kind = ANSWER;
    d.addresses = std::move(addresses);
    d.ttl = ttl;
    return d;
}

HookDecision
HookDecision::Forward(Ipv4Address server, uint16_t port)
{
    HookDecision d;
    d.kind = FORWARD;
    d.server.address = server;
    d.server.port = port;
    return d;
}

HookDecision
HookDecision::Refuse()
{
    HookDecision d;
    d.kind = REFUSE;
    return d;
}

std::ostream&
operator<<(std::ostream& os, HookDecision::Kind kind)
{
    switch (kind)
    {
    case HookDecision::NO_OPINION:
        return os << "NO_OPINION";
    case HookDecision::ANSWER:
        return os << "ANSWER";
    case HookDecision::FORWARD:
        return os << "FORWARD";
    case HookDecision::REFUSE:
        return os << "REFUSE";
    }
    return os << "HookDecision(" << +static_cast<uint8_t>(kind) << ")";
}

std::ostream&
operator<<(std::ostream& os, ProcessorEvent event)
{
    switch (event)
    {
    case ProcessorEvent::LOCAL_ANSWER:
        return os << "LOCAL_ANSWER";
    case ProcessorEvent::LOCAL_NXDOMAIN:
        return os << "LOCAL_NXDOMAIN";
    case ProcessorEvent::HOOK_ANSWER:
        return os << "HOOK_ANSWER";
    case ProcessorEvent::HOOK_FORWARD:
        return os << "HOOK_FORWARD";
    case ProcessorEvent::HOOK_REFUSED:
        return os << "HOOK_REFUSED";
    case ProcessorEvent::FORWARDED:
        return os << "FORWARDED";
    case ProcessorEvent::DUPLICATE:
        return os << "DUPLICATE";
    case ProcessorEvent::RELAYED:
        return os << "RELAYED";
    case ProcessorEvent::TIMEOUT:
        return os << "TIMEOUT";
    case ProcessorEvent::NO_UPSTREAM:
        return os << "NO_UPSTREAM";
    case ProcessorEvent::MALFORMED:
        return os << "MALFORMED";
    case ProcessorEvent::UNMATCHED:
        return os << "UNMATCHED";
    }
    return os << "ProcessorEvent(" << +static_cast<uint8_t>(event) << ")";
}

// ------------------------------------------------------ ProcessorEngine

ProcessorEngine::ProcessorEngine(Config config, IdSource ids)
    : m_config(std::move(config))
    , m_ids(std::move(ids))
{
}

void
ProcessorEngine::SetUpstream(PeerAddress server)
{
    m_upstream = server;
}

void
ProcessorEngine::ClearUpstream()
{
    m_upstream.reset();
}

void
ProcessorEngine::SetQueryHook(QueryHook hook)
{
    m_hook = std::move(hook);
}

bool
ProcessorEngine::IsUnderLocalDomain(const Name& name) const
{
    const auto& domain = m_config.localDomain.GetLabels();
    const auto& labels = name.GetLabels();
    if (domain.empty() || labels.size() <= domain.size())
    {
        return false;
    }
    const std::size_t skip = labels.size() - domain.size();
    for (std::size_t i = 0; i < domain.size(); ++i)
    {
        if (Lower(labels[skip + i]) != Lower(domain[i]))
        {
            return false;
        }
    }
    return true;
}

std::optional<std::string>
ProcessorEngine::Key(const Name& name) const
{
    const auto& labels = name.GetLabels();
    std::vector<std::string> full;
    if (labels.size() == 1)
    {
        // The server-side search rule: one label is a host of the local domain.
        full = labels;
        const auto& domain = m_config.localDomain.GetLabels();
        full.insert(full.end(), domain.begin(), domain.end());
    }
    else if (IsUnderLocalDomain(name))
    {
        full = labels;
    }
    else
    {
        return std::nullopt;
    }
    std::string key;
    for (const std::string& label : full)
    {
        key += Lower(label);
        key += '.';
    }
    return key;
}

bool
ProcessorEngine::AddHost(const Name& name, Ipv4Address address)
{
    const std::optional<std::string> key = Key(name);
    if (!key)
    {
        return false;
    }
    m_hosts[*key] = address;
    return true;
}

bool
ProcessorEngine::RemoveHost(const Name& name)
{
    const std::optional<std::string> key = Key(name);
    return key && m_hosts.erase(*key) > 0;
}

std::optional<Ipv4Address>
ProcessorEngine::FindHost(const Name& name) const
{
    const std::optional<std::string> key = Key(name);
    if (!key)
    {
        return std::nullopt;
    }
    auto it = m_hosts.find(*key);
    if (it == m_hosts.end())
    {
        return std::nullopt;
    }
    return it->second;
}

std::size_t
ProcessorEngine::GetHostCount() const
{
    return m_hosts.size();
}

std::vector<uint8_t>
ProcessorEngine::MakeResponse(const Message& query,
                              uint8_t rcode,
                              bool authoritative,
                              const std::vector<ResourceRecord>& answers,
                              bool overTcp)
{
    // RFC 1035 4.1.1: ID and RD copied from the query, QR set; RA set since
    // the processor recurses (by forwarding) for its clients.
    Message response;
    response.header.id = query.header.id;
    response.header.qr = true;
    response.header.opcode = query.header.opcode;
    response.header.aa = authoritative;
    response.header.rd = query.header.rd;
    response.header.ra = true;
    response.header.rcode = rcode;
    response.questions = query.questions;
    response.answers = answers;
    // RFC 1035 4.2.1: 512 octets over UDP; a TCP frame holds up to 65535 (4.2.2).
    return response.EncodeTruncated(overTcp ? 0xffff : MAX_UDP_SIZE);
}

void
ProcessorEngine::Reply(const PeerAddress& client,
                       const Message& query,
                       uint8_t rcode,
                       bool authoritative,
                       const std::vector<ResourceRecord>& answers,
                       ProcessorEvent event,
                       ProcessorOutput& out)
{
    out.toClients.push_back(
        {client, MakeResponse(query, rcode, authoritative, answers, client.connection != 0)});
    ProcessorOutput::Report report{event, Name(), client, rcode, PeerAddress(), 0};
    if (!query.questions.empty())
    {
        report.name = query.questions.front().name;
    }
    out.reports.push_back(report);
}

std::optional<uint16_t>
ProcessorEngine::NewUpstreamId() const
{
    if (m_pending.size() > 0xffff)
    {
        return std::nullopt;
    }
    for (int i = 0; i < ID_DRAWS; ++i)
    {
        const uint16_t id = m_ids ? m_ids() : static_cast<uint16_t>(m_pending.size());
        if (m_pending.count(id) == 0)
        {
            return id;
        }
    }
    // Unlucky draws: the next free ID after the last one drawn.
    uint16_t id = m_ids ? m_ids() : 0;
    for (uint32_t i = 0; i <= 0xffff; ++i, ++id)
    {
        if (m_pending.count(id) == 0)
        {
            return id;
        }
    }
    return std::nullopt;
}

void
ProcessorEngine::Forward(const Message& query,
                         const std::vector<uint8_t>& bytes,
                         const PeerAddress& client,
                         const PeerAddress& server,
                         bool byHook,
                         Time now,
                         ProcessorOutput& out)
{
    const std::optional<uint16_t> id =
        m_pending.size() < m_config.maxOutstanding ? NewUpstreamId() : std::nullopt;
    if (!id)
    {
        ++m_counters.servfail;
        Reply(client, query, RCODE_SERVFAIL, false, {}, ProcessorEvent::NO_UPSTREAM, out);
        return;
    }
    Pending pending;
    pending.client = client;
    pending.clientId = query.header.id;
    pending.question = query.questions.front();
    pending.server = server;
    pending.deadline = now + m_config.forwardTimeout;
    pending.rd = query.header.rd;
    pending.query = bytes;
    PatchId(pending.query, *id);
    // A query that came over TCP goes upstream over TCP (see Datagram).
    PeerAddress to = server;
    to.connection = client.connection;
    pending.server = to;
    out.upstream.push_back({to, pending.query});
    ++m_counters.forwarded;
    out.reports.push_back({byHook ? ProcessorEvent::HOOK_FORWARD : ProcessorEvent::FORWARDED,
                           pending.question.name,
                           client,
                           RCODE_NOERROR,
                           server,
                           *id});
    m_pending.emplace(*id, std::move(pending));
}

ProcessorOutput
ProcessorEngine::ReceiveQuery(const PeerAddress& client,
                              const std::vector<uint8_t>& bytes,
                              Time now)
{
    ProcessorOutput out;
    ++m_counters.queries;
    Message query;
    if (Message::Decode(bytes, query) != DecodeError::OK || query.header.qr)
    {
        ++m_counters.malformed;
        if (bytes.size() >= HEADER_SIZE && !query.header.qr)
        {
            // RFC 1035 4.1.1 FORMERR: "unable to interpret the query";
            // the question may be what failed, so none is echoed.
            query.questions.clear();
            Reply(client, query, RCODE_FORMERR, false, {}, ProcessorEvent::MALFORMED, out);
        }
        else
        {
            out.reports.push_back(
                {ProcessorEvent::MALFORMED, Name(), client, RCODE_NOERROR, PeerAddress(), 0});
        }
        return out;
    }
    if (query.header.opcode != OPCODE_QUERY || query.questions.size() != 1)
    {
        ++m_counters.malformed;
        const uint8_t rcode = query.header.opcode != OPCODE_QUERY ? RCODE_NOTIMP : RCODE_FORMERR;
        Reply(client, query, rcode, false, {}, ProcessorEvent::MALFORMED, out);
        return out;
    }
    const Question& question = query.questions.front();

    // A client's retransmission of a query still outstanding.
    for (const auto& [id, pending] : m_pending)
    {
        if (pending.client == client && pending.clientId == query.header.id &&
            pending.question == question)
        {
            ++m_counters.duplicates;
            out.upstream.push_back({pending.server, pending.query});
            out.reports.push_back({ProcessorEvent::DUPLICATE,
                                   question.name,
                                   client,
                                   RCODE_NOERROR,
                                   pending.server,
                                   id});
            return out;
        }
    }

    // 1. The hook (the tunnelling component) decides first.
    if (m_hook)
    {
        const HookDecision decision = m_hook(question, client);
        if (decision.kind == HookDecision::ANSWER)
        {
            ++m_counters.hookAnswers;
            std::vector<ResourceRecord> answers;
            if (AsksForA(question))
            {
                for (const Ipv4Address& a : decision.addresses)
                {
                    answers.push_back(ResourceRecord::MakeA(question.name, decision.ttl, a));
                }
            }
            Reply(client, query, RCODE_NOERROR, true, answers, ProcessorEvent::HOOK_ANSWER, out);
            return out;
        }
        if (decision.kind == HookDecision::FORWARD)
        {
            ++m_counters.hookForwards;
            Forward(query, bytes, client, decision.server, true, now, out);
            return out;
        }
        if (decision.kind == HookDecision::REFUSE)
        {
            ++m_counters.hookRefused;
            Reply(client, query, RCODE_REFUSED, false, {}, ProcessorEvent::HOOK_REFUSED, out);
            return out;
        }
    }

    // 2. The local table: authoritative for the local domain.
    const bool isDomain = !m_config.localDomain.IsRoot() && question.name == m_config.localDomain;
    if (isDomain || Key(question.name))
    {
        ++m_counters.localAnswers;
        const std::optional<Ipv4Address> address = FindHost(question.name);
        if (!isDomain && !address)
        {
            ++m_counters.nxdomain;
            Reply(client, query, RCODE_NXDOMAIN, true, {}, ProcessorEvent::LOCAL_NXDOMAIN, out);
            return out;
        }
        std::vector<ResourceRecord> answers;
        if (address && AsksForA(question))
        {
            answers.push_back(ResourceRecord::MakeA(question.name, m_config.localTtl, *address));
        }
        Reply(client, query, RCODE_NOERROR, true, answers, ProcessorEvent::LOCAL_ANSWER, out);
        return out;
    }

    // 3. Everything else goes upstream.
    if (!m_upstream)
    {
        ++m_counters.servfail;
        Reply(client, query, RCODE_SERVFAIL, false, {}, ProcessorEvent::NO_UPSTREAM, out);
        return out;
    }
    Forward(query, bytes, client, *m_upstream, false, now, out);
    return out;
}

ProcessorOutput
ProcessorEngine::ReceiveUpstream(const PeerAddress& from,
                                 const std::vector<uint8_t>& bytes,
                                 Time /* now */)
{
    ProcessorOutput out;
    Message reply;
    const bool decoded = Message::Decode(bytes, reply) == DecodeError::OK;
    auto it = decoded ? m_pending.find(reply.header.id) : m_pending.end();
    // RFC 5452 section 9.1: the ID, the server's address and port and the
    // question must all match the query sent.
    if (it == m_pending.end() || !reply.header.qr || from.address != it->second.server.address ||
        from.port != it->second.server.port || reply.questions.size() != 1 ||
        reply.questions.front() != it->second.question)
    {
        ++m_counters.unmatched;
        Name name;
        if (!reply.questions.empty())
        {
            name = reply.questions.front().name;
        }
        out.reports.push_back({ProcessorEvent::UNMATCHED,
                               name,
                               PeerAddress(),
                               reply.header.rcode,
                               from,
                               reply.header.id});
        return out;
    }
    const Pending& pending = it->second;
    std::vector<uint8_t> relayed = bytes;
    PatchId(relayed, pending.clientId);
    out.toClients.push_back({pending.client, std::move(relayed)});
    ++m_counters.relayed;
    out.reports.push_back({ProcessorEvent::RELAYED,
                           pending.question.name,
                           pending.client,
                           reply.header.rcode,
                           pending.server,
                           it->first});
    m_pending.erase(it);
    return out;
}

ProcessorOutput
ProcessorEngine::Advance(Time now)
{
    ProcessorOutput out;
    for (auto it = m_pending.begin(); it != m_pending.end();)
    {
        const Pending& pending = it->second;
        if (pending.deadline > now)
        {
            ++it;
            continue;
        }
        ++m_counters.timeouts;
        Message query;
        query.header.id = pending.clientId;
        query.header.rd = pending.rd;
        query.questions.push_back(pending.question);
        Reply(pending.client, query, RCODE_SERVFAIL, false, {}, ProcessorEvent::TIMEOUT, out);
        out.reports.back().server = pending.server;
        out.reports.back().upstreamId = it->first;
        it = m_pending.erase(it);
    }
    return out;
}

std::optional<Time>
ProcessorEngine::GetNextWakeup() const
{
    std::optional<Time> next;
    for (const auto& [id, pending] : m_pending)
    {
        if (!next || pending.deadline < *next)
        {
            next = pending.deadline;
        }
    }
    return next;
}

std::size_t
ProcessorEngine::GetOutstandingCount() const
{
    return m_pending.size();
}

const ProcessorCounters&
ProcessorEngine::GetCounters() const
{
    return m_counters;
}

const ProcessorEngine::Config&
ProcessorEngine::GetConfig() const
{
    return m_config;
}

} // namespace dns
} // namespace ns3
