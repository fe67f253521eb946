// SPDX-License-Identifier: GPL-2.0-only
#include "nat-napt-engine.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("NatNaptEngine");

namespace nat
{

std::ostream&
operator<<(std::ostream& os, Transport p)
{
    switch (p)
    {
    case Transport::ICMP:
        return os << "ICMP";
    case Transport::TCP:
        return os << "TCP";
    case Transport::UDP:
        return os << "UDP";
    }
    return os << "protocol " << static_cast<int>(p);
}

std::ostream&
operator<<(std::ostream& os, Filtering f)
{
    switch (f)
    {
    case Filtering::ENDPOINT_INDEPENDENT:
        return os << "endpoint-independent";
    case Filtering::ADDRESS_DEPENDENT:
        return os << "address-dependent";
    case Filtering::ADDRESS_AND_PORT_DEPENDENT:
        return os << "address-and-port-dependent";
    }
    return os << "filtering " << static_cast<int>(f);
}

std::ostream&
operator<<(std::ostream& os, DropReason r)
{
    switch (r)
    {
    case DropReason::NO_MAPPING:
        return os << "no-mapping";
    case DropReason::FILTERED:
        return os << "filtered";
    case DropReason::TABLE_FULL:
        return os << "table-full";
    case DropReason::PORTS_EXHAUSTED:
        return os << "ports-exhausted";
    case DropReason::NOT_TO_PUBLIC:
        return os << "not-to-public";
    }
    return os << "reason " << static_cast<int>(r);
}

bool
TransportAddress::operator==(const TransportAddress& o) const
{
    return address == o.address && port == o.port;
}

bool
TransportAddress::operator!=(const TransportAddress& o) const
{
    return !(*this == o);
}

bool
TransportAddress::operator<(const TransportAddress& o) const
{
    return std::make_pair(address.Get(), port) < std::make_pair(o.address.Get(), o.port);
}

std::ostream&
operator<<(std::ostream& os, const TransportAddress& e)
{
    return os << e.address << ":" << e.port;
}

bool
Flow::operator==(const Flow& o) const
{
    return protocol == o.protocol && source == o.source && destination == o.destination &&
           tcpFlags == o.tcpFlags;
}

std::ostream&
operator<<(std::ostream& os, const Flow& f)
{
    return os << f.protocol << " " << f.source << " > " << f.destination;
}

bool
Translation::Accepted() const
{
    return !drop.has_value();
}

bool
IcmpErrorTranslation::Accepted() const
{
    return !drop.has_value();
}

bool
MappingInfo::operator==(const MappingInfo& o) const
{
    return protocol == o.protocol && internal == o.internal && externalPort == o.externalPort &&
           sessions == o.sessions && deadline == o.deadline;
}

std::ostream&
operator<<(std::ostream& os, const MappingInfo& m)
{
    return os << m.protocol << " " << m.internal << " -> :" << m.externalPort << " (" << m.sessions
              << " sessions, until " << m.deadline.As(Time::S) << ")";
}

namespace
{

// The remote side of a session: an ICMP query has no remote port.
TransportAddress
Remote(Transport protocol, TransportAddress e)
{
    if (protocol == Transport::ICMP)
    {
        e.port = 0;
    }
    return e;
}

} // namespace

NaptEngine::NaptEngine(Config config)
    : m_config(config)
{
}

NaptEngine::InternalKey
NaptEngine::MakeKey(Transport protocol, const TransportAddress& internal)
{
    return static_cast<uint64_t>(protocol) << 48 |
           static_cast<uint64_t>(internal.address.Get()) << 16 | internal.port;
}

NaptEngine::ExternalKey
NaptEngine::MakeKey(Transport protocol, uint16_t port)
{
    return static_cast<uint32_t>(protocol) << 16 | port;
}

MappingInfo
NaptEngine::Info(const Mapping& m)
{
    return MappingInfo{m.protocol, m.internal, m.externalPort, m.sessions.size(), m.deadline};
}

Translation
NaptEngine::Drop(DropReason reason)
{
    NS_LOG_LOGIC("drop: " << reason);
    ++m_counters.drops[static_cast<std::size_t>(reason)];
    Translation t;
    t.drop = reason;
    return t;
}

std::optional<uint16_t>
NaptEngine::AllocatePort(Transport protocol, uint16_t wanted) const
{
    auto isFree = [this, protocol](uint16_t p) {
        return m_byExternal.count(MakeKey(protocol, p)) == 0 &&
               m_config.reservedPorts.count(p) == 0;
    };
    if (m_config.portMin > m_config.portMax)
    {
        return std::nullopt;
    }
    // RFC 4787 REQ-3: port preservation where the port is free. Ports outside
    // the range are the gateway's own (its sockets' ephemeral ports).
    if (wanted >= m_config.portMin && wanted <= m_config.portMax && isFree(wanted))
    {
        return wanted;
    }
    // Otherwise the next free port of the range after the wanted one, wrapping.
    const uint32_t size = uint32_t{m_config.portMax} - m_config.portMin + 1;
    uint32_t start = 0;
    if (wanted >= m_config.portMin && wanted <= m_config.portMax)
    {
        start = uint32_t{wanted} - m_config.portMin + 1;
    }
    for (uint32_t i = 0; i < size; ++i)
    {
        auto p = static_cast<uint16_t>(m_config.portMin + (start + i) % size);
        if (isFree(p))
        {
            return p;
        }
    }
    return std::nullopt;
}

bool
NaptEngine::Admits(const Mapping& m, const TransportAddress& remote, Time now) const
{
    // RFC 4787 section 5: what a mapping lets in from outside.
    switch (m_config.filtering)
    {
    case Filtering::ENDPOINT_INDEPENDENT:
        return m.deadline > now;
    case Filtering::ADDRESS_DEPENDENT:
        return std::any_of(m.sessions.begin(), m.sessions.end(), [&](const auto& s) {
            return s.first.address == remote.address && s.second.expiry > now;
        });
    case Filtering::ADDRESS_AND_PORT_DEPENDENT: {
        auto it = m.sessions.find(remote);
        return it != m.sessions.end() && it->second.expiry > now;
    }
    }
    return false;
}

Time
NaptEngine::Timeout(Transport protocol, uint8_t tcp) const
{
    switch (protocol)
    {
    case Transport::UDP:
        return m_config.udpTimeout;
    case Transport::ICMP:
        return m_config.icmpTimeout;
    case Transport::TCP: {
        // RFC 5382 section 5: established from a SYN each way until a FIN
        // each way or a RST; partially open or closing is transitory.
        bool open = (tcp & SYN_OUT) && (tcp & SYN_IN);
        bool closed = (tcp & RST_SEEN) || ((tcp & FIN_OUT) && (tcp & FIN_IN));
        return open && !closed ? m_config.tcpEstablishedTimeout : m_config.tcpTransitoryTimeout;
    }
    }
    return m_config.udpTimeout;
}

void
NaptEngine::Touch(Mapping& m, const TransportAddress& remote, uint8_t tcpFlags, bool outbound, Time now)
{
    auto [it, inserted] = m.sessions.try_emplace(remote);
    Session& s = it->second;
    if (m.protocol == Transport::TCP)
    {
        bool ended = (s.tcp & RST_SEEN) || ((s.tcp & FIN_OUT) && (s.tcp & FIN_IN));
        if (ended && (tcpFlags & tcpflag::SYN) && !(tcpFlags & tcpflag::ACK))
        {
            s.tcp = 0; // a new connection on the same endpoints
        }
        if (tcpFlags & tcpflag::SYN)
        {
            s.tcp |= outbound ? SYN_OUT : SYN_IN;
        }
        if (tcpFlags & tcpflag::FIN)
        {
            s.tcp |= outbound ? FIN_OUT : FIN_IN;
        }
        if (tcpFlags & tcpflag::RST)
        {
            s.tcp |= RST_SEEN;
        }
    }
    // RFC 4787 REQ-6: outbound traffic refreshes; inbound only if configured.
    // TCP sessions are refreshed by either direction (RFC 5382 section 5).
    bool refresh = inserted || outbound || s.expiry <= now || m.protocol == Transport::TCP ||
                   m_config.inboundRefresh;
    if (refresh)
    {
        s.expiry = now + Timeout(m.protocol, s.tcp);
    }
}

void
NaptEngine::Recompute(Mapping& m)
{
    m.nextExpiry = Time::Max();
    m.deadline = Time::Min();
    for (const auto& [remote, s] : m.sessions)
    {
        m.nextExpiry = std::min(m.nextExpiry, s.expiry);
        m.deadline = std::max(m.deadline, s.expiry);
    }
}

void
NaptEngine::Index(InternalKey key, Mapping& m)
{
    Recompute(m);
    m.indexedAt = m.nextExpiry;
    m_deadlines.emplace(m.indexedAt, key);
}

void
NaptEngine::Reschedule(InternalKey key, Mapping& m)
{
    Recompute(m);
    if (m.nextExpiry < m.indexedAt)
    {
        m_deadlines.erase({m.indexedAt, key});
        m.indexedAt = m.nextExpiry;
        m_deadlines.emplace(m.indexedAt, key);
    }
}

Translation
NaptEngine::Outbound(const Flow& flow, Time now)
{
    const InternalKey key = MakeKey(flow.protocol, flow.source);
    auto it = m_mappings.find(key);
    bool created = false;
    if (it == m_mappings.end())
    {
        if (m_mappings.size() >= m_config.maxMappings)
        {
            return Drop(DropReason::TABLE_FULL);
        }
        auto port = AllocatePort(flow.protocol, flow.source.port);
        if (!port)
        {
            return Drop(DropReason::PORTS_EXHAUSTED);
        }
        Mapping m{flow.protocol, flow.source, *port, {}, Time(), Time(), Time()};
        it = m_mappings.emplace(key, std::move(m)).first;
        m_byExternal.emplace(MakeKey(flow.protocol, *port), key);
        created = true;
        ++m_counters.created;
        NS_LOG_LOGIC("new mapping " << flow.protocol << " " << flow.source << " -> :" << *port);
        m_counters.activePeak = std::max(m_counters.activePeak, m_mappings.size());
    }
    Mapping& m = it->second;
    // RFC 4787 REQ-1: the same mapping whatever the destination.
    Touch(m, Remote(flow.protocol, flow.destination), flow.tcpFlags, true, now);
    if (created)
    {
        Index(key, m);
    }
    else
    {
        Reschedule(key, m);
    }
    Translation t;
    t.endpoint = TransportAddress{m_config.publicAddress, m.externalPort};
    t.created = created;
    return t;
}

NaptEngine::Mapping*
NaptEngine::FindExternal(Transport protocol, uint16_t port, Time now)
{
    auto ext = m_byExternal.find(MakeKey(protocol, port));
    if (ext == m_byExternal.end())
    {
        return nullptr;
    }
    Mapping& m = m_mappings.at(ext->second);
    // A mapping whose sessions have all timed out is gone, Expire() or not.
    return m.deadline > now ? &m : nullptr;
}

Translation
NaptEngine::Inbound(const Flow& flow, Time now)
{
    if (flow.destination.address != m_config.publicAddress)
    {
        return Drop(DropReason::NOT_TO_PUBLIC);
    }
    Mapping* m = FindExternal(flow.protocol, flow.destination.port, now);
    if (!m)
    {
        return Drop(DropReason::NO_MAPPING);
    }
    const TransportAddress remote = Remote(flow.protocol, flow.source);
    if (!Admits(*m, remote, now))
    {
        return Drop(DropReason::FILTERED);
    }
    // Only TCP opens a session from outside (to track the connection's
    // state); for UDP and ICMP that would be an inbound refresh.
    if (flow.protocol == Transport::TCP || m->sessions.count(remote))
    {
        Touch(*m, remote, flow.tcpFlags, false, now);
        Reschedule(MakeKey(m->protocol, m->internal), *m);
    }
    Translation t;
    t.endpoint = m->internal;
    return t;
}

IcmpErrorTranslation
NaptEngine::InboundIcmpError(const Flow& embedded, Time now)
{
    IcmpErrorTranslation r;
    auto drop = [this, &r](DropReason reason) {
        ++m_counters.drops[static_cast<std::size_t>(reason)];
        r.drop = reason;
        return r;
    };
    // RFC 5508 section 4.2: the embedded datagram is one this NAT sent out,
    // so its source is the public address and an external port.
    if (embedded.source.address != m_config.publicAddress)
    {
        return drop(DropReason::NOT_TO_PUBLIC);
    }
    const Mapping* m = FindExternal(embedded.protocol, embedded.source.port, now);
    if (!m)
    {
        return drop(DropReason::NO_MAPPING); // RFC 5508 REQ-3 b
    }
    if (!Admits(*m, Remote(embedded.protocol, embedded.destination), now))
    {
        return drop(DropReason::FILTERED);
    }
    r.outerAddress = m->internal.address;
    r.embedded = embedded;
    r.embedded.source = m->internal;
    return r;
}

IcmpErrorTranslation
NaptEngine::OutboundIcmpError(const Flow& embedded, Time now)
{
    IcmpErrorTranslation r;
    auto it = m_mappings.find(MakeKey(embedded.protocol, embedded.destination));
    if (it == m_mappings.end() || it->second.deadline <= now)
    {
        // RFC 5508 REQ-4: no active mapping for the embedded payload.
        ++m_counters.drops[static_cast<std::size_t>(DropReason::NO_MAPPING)];
        r.drop = DropReason::NO_MAPPING;
        return r;
    }
    r.outerAddress = m_config.publicAddress;
    r.embedded = embedded;
    r.embedded.destination = TransportAddress{m_config.publicAddress, it->second.externalPort};
    return r;
}

std::vector<MappingInfo>
NaptEngine::Expire(Time now)
{
    std::vector<MappingInfo> gone;
    while (!m_deadlines.empty() && m_deadlines.begin()->first <= now)
    {
        const InternalKey key = m_deadlines.begin()->second;
        m_deadlines.erase(m_deadlines.begin());
        Mapping& m = m_mappings.at(key);
        for (auto s = m.sessions.begin(); s != m.sessions.end();)
        {
            s = s->second.expiry <= now ? m.sessions.erase(s) : std::next(s);
        }
        if (m.sessions.empty())
        {
            NS_LOG_LOGIC("expired " << Info(m));
            gone.push_back(Info(m));
            m_byExternal.erase(MakeKey(m.protocol, m.externalPort));
            m_mappings.erase(key);
            ++m_counters.expired;
        }
        else
        {
            Index(key, m);
        }
    }
    return gone;
}

std::optional<Time>
NaptEngine::NextDeadline()
{
    while (!m_deadlines.empty())
    {
        const auto [at, key] = *m_deadlines.begin();
        Mapping& m = m_mappings.at(key);
        if (m.nextExpiry == at)
        {
            return at;
        }
        m_deadlines.erase(m_deadlines.begin()); // left early by a refresh
        m.indexedAt = m.nextExpiry;
        m_deadlines.emplace(m.indexedAt, key);
    }
    return std::nullopt;
}

std::optional<MappingInfo>
NaptEngine::FindMapping(Transport protocol, const TransportAddress& internal) const
{
    auto it = m_mappings.find(MakeKey(protocol, internal));
    if (it == m_mappings.end())
    {
        return std::nullopt;
    }
    return Info(it->second);
}

std::optional<MappingInfo>
NaptEngine::FindByExternalPort(Transport protocol, uint16_t port) const
{
    auto it = m_byExternal.find(MakeKey(protocol, port));
    if (it == m_byExternal.end())
    {
        return std::nullopt;
    }
    return Info(m_mappings.at(it->second));
}

std::size_t
NaptEngine::GetMappingCount() const
{
    return m_mappings.size();
}

const NaptEngine::Counters&
NaptEngine::GetCounters() const
{
    return m_counters;
}

uint64_t
NaptEngine::GetDropCount(DropReason reason) const
{
    return m_counters.drops[static_cast<std::size_t>(reason)];
}

const NaptEngine::Config&
NaptEngine::GetConfig() const
{
    return m_config;
}

} // namespace nat
} // namespace ns3
