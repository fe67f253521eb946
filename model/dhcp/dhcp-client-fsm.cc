/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dhcp-client-fsm.h"

#include "ns3/log.h"

#include <algorithm>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DhcpClientFsm");

namespace dhcp
{

namespace
{

/// Parameters every DISCOVER and REQUEST asks for (option 55, RFC 2132 9.8).
const std::vector<uint8_t> kParameters = {OPT_SUBNET_MASK,
                                          OPT_ROUTER,
                                          OPT_DNS_SERVERS,
                                          OPT_DOMAIN_NAME,
                                          OPT_LEASE_TIME,
                                          OPT_RENEWAL_TIME,
                                          OPT_REBINDING_TIME};

/// Option 51: 0xffffffff is "infinity" (RFC 2132 9.2).
constexpr uint32_t kInfinite = 0xffffffff;

/// The classful mask, for an ACK without option 1.
Ipv4Mask
ClassMask(Ipv4Address a)
{
    const uint32_t first = a.Get() >> 24;
    return first < 128 ? Ipv4Mask("255.0.0.0")
                       : (first < 192 ? Ipv4Mask("255.255.0.0") : Ipv4Mask("255.255.255.0"));
}

} // namespace

std::ostream&
operator<<(std::ostream& os, ClientFsm::State state)
{
    static const char* const names[] = {
        "INIT", "SELECTING", "REQUESTING", "BOUND", "RENEWING", "REBINDING"};
    return os << names[state];
}

std::ostream&
operator<<(std::ostream& os, ClientFsm::Event event)
{
    static const char* const names[] = {"START",
                                        "STOP",
                                        "RX_OFFER",
                                        "RX_ACK",
                                        "RX_NAK",
                                        "RETRANSMIT",
                                        "GIVE_UP",
                                        "T1_EXPIRED",
                                        "T2_EXPIRED",
                                        "LEASE_EXPIRED"};
    return os << names[event];
}

// ------------------------------------------------------------------- table

const ClientFsm::Table&
ClientFsm::Transitions()
{
    // RFC 2131 4.4, figure 5, state by state; pairs not listed are ignored
    // ("DHCPOFFER/Discard", "DHCPACK/Discard" and the like).
    static const Table table = [] {
        std::vector<Table::Row> t = {
            // INIT: "-/Send DHCPDISCOVER"
            {INIT, START, &ClientFsm::SendDiscover, SELECTING},
            // SELECTING: "Collect replies / Select offer / send DHCPREQUEST"
            {SELECTING, RX_OFFER, &ClientFsm::SendSelectingRequest, REQUESTING},
            {SELECTING, RETRANSMIT, &ClientFsm::SendDiscover, SELECTING},
            {SELECTING, STOP, &ClientFsm::Halt, INIT},
            // REQUESTING: "DHCPACK (not accept.)/Send DHCPDECLINE" is not
            // modelled (no ARP probe); "DHCPNAK/Discard offer" -> INIT
            {REQUESTING, RX_ACK, &ClientFsm::Bind, BOUND},
            {REQUESTING, RX_NAK, &ClientFsm::Restart, INIT},
            {REQUESTING, RETRANSMIT, &ClientFsm::ResendRequest, REQUESTING},
            {REQUESTING, GIVE_UP, &ClientFsm::Restart, INIT},
            {REQUESTING, STOP, &ClientFsm::Halt, INIT},
            // BOUND: "T1 expires/Send DHCPREQUEST to leasing server"
            {BOUND, T1_EXPIRED, &ClientFsm::SendRenew, RENEWING},
            {BOUND, T2_EXPIRED, &ClientFsm::SendRebind, REBINDING},
            {BOUND, LEASE_EXPIRED, &ClientFsm::Unbind, INIT},
            {BOUND, STOP, &ClientFsm::Release, INIT},
            // RENEWING: "DHCPACK/Record lease, set timers T1, T2", "DHCPNAK/
            // Halt network", "T2 expires/Broadcast DHCPREQUEST"
            {RENEWING, RX_ACK, &ClientFsm::Bind, BOUND},
            {RENEWING, RX_NAK, &ClientFsm::Unbind, INIT},
            {RENEWING, RETRANSMIT, &ClientFsm::SendRenew, RENEWING},
            {RENEWING, T2_EXPIRED, &ClientFsm::SendRebind, REBINDING},
            {RENEWING, LEASE_EXPIRED, &ClientFsm::Unbind, INIT},
            {RENEWING, STOP, &ClientFsm::Release, INIT},
            // REBINDING: "DHCPACK/Record lease", "DHCPNAK, Lease expired/
            // Halt network"
            {REBINDING, RX_ACK, &ClientFsm::Bind, BOUND},
            {REBINDING, RX_NAK, &ClientFsm::Unbind, INIT},
            {REBINDING, RETRANSMIT, &ClientFsm::SendRebind, REBINDING},
            {REBINDING, LEASE_EXPIRED, &ClientFsm::Unbind, INIT},
            {REBINDING, STOP, &ClientFsm::Release, INIT},
        };
        return Table(std::move(t));
    }();
    return table;
}

ClientFsm::ClientFsm(const ClientConfig& config,
                     std::function<double()> jitter,
                     std::function<uint32_t()> xid)
    : m_config(config)
    , m_jitter(std::move(jitter))
    , m_xidSource(std::move(xid))
    , m_state(INIT)
    , m_running(false)
    , m_restart(false)
    , m_xid(0)
    , m_attempt(0)
    , m_offered(Ipv4Address::GetAny())
    , m_server(Ipv4Address::GetAny())
    , m_previous(Ipv4Address::GetAny())
    , m_retransmitAt(Time::Max())
    , m_t1At(Time::Max())
    , m_t2At(Time::Max())
    , m_expiryAt(Time::Max())
{
}

ClientFsm::State
ClientFsm::GetState() const
{
    return m_state;
}

const ClientFsm::Counters&
ClientFsm::GetCounters() const
{
    return m_counters;
}

const std::optional<Binding>&
ClientFsm::GetBinding() const
{
    return m_binding;
}

uint32_t
ClientFsm::GetXid() const
{
    return m_xid;
}

Time
ClientFsm::GetRetransmitAt() const
{
    return m_retransmitAt;
}

Time
ClientFsm::GetT1At() const
{
    return m_t1At;
}

Time
ClientFsm::GetT2At() const
{
    return m_t2At;
}

Time
ClientFsm::GetExpiryAt() const
{
    return m_expiryAt;
}

// ------------------------------------------------------------------ events

ClientFsm::Actions
ClientFsm::Start(Time now)
{
    Actions actions;
    if (!m_running)
    {
        m_running = true;
        Process(START, nullptr, now, actions);
    }
    SetWakeUp(actions);
    return actions;
}

ClientFsm::Actions
ClientFsm::Stop(Time now)
{
    Actions actions;
    Process(STOP, nullptr, now, actions);
    m_running = false;
    SetWakeUp(actions);
    return actions;
}

ClientFsm::Actions
ClientFsm::Receive(const Message& m, Time now)
{
    Actions actions;
    auto drop = [&](const std::string& reason) {
        actions.ignored = reason;
        ++m_counters.ignored;
        SetWakeUp(actions);
        return actions;
    };
    if (!m.IsValid())
    {
        return drop("malformed: " + Message::ErrorName(m.GetError()));
    }
    if (m.GetOp() != BOOTREPLY)
    {
        return drop("not a BOOTREPLY");
    }
    if (m.GetXid() != m_xid || !m_running)
    {
        return drop("xid");
    }
    if (m.GetChaddrMac() != m_config.chaddr)
    {
        return drop("chaddr");
    }
    const auto serverId = m.GetServerId();
    // 4.4.1: once a server is chosen, only its replies count.
    const bool chosen = m_state == REQUESTING || m_state == RENEWING;
    if (chosen && serverId && *serverId != m_server)
    {
        return drop("another server");
    }
    Event event;
    switch (m.GetMessageType())
    {
    case DHCPOFFER:
        if (m.GetYiaddr() == Ipv4Address::GetAny() || !serverId)
        {
            return drop("offer without yiaddr or server identifier");
        }
        event = RX_OFFER;
        break;
    case DHCPACK:
        if (m.GetYiaddr() == Ipv4Address::GetAny() || !m.GetLeaseTime())
        {
            return drop("ack without yiaddr or lease time");
        }
        event = RX_ACK;
        break;
    case DHCPNAK:
        event = RX_NAK;
        break;
    default:
        return drop("message type " + MessageTypeName(m.GetMessageType()));
    }
    Process(event, &m, now, actions);
    SetWakeUp(actions);
    return actions;
}

ClientFsm::Actions
ClientFsm::Expire(Time now)
{
    Actions actions;
    for (;;)
    {
        // The earliest timer due; on a tie the one of the earlier state.
        Time* timers[] = {&m_retransmitAt, &m_t1At, &m_t2At, &m_expiryAt};
        int due = -1;
        for (int k = 0; k < 4; ++k)
        {
            if (*timers[k] <= now && (due < 0 || *timers[k] < *timers[due]))
            {
                due = k;
            }
        }
        if (due < 0)
        {
            break;
        }
        *timers[due] = Time::Max();
        Event event = RETRANSMIT;
        if (due == 0 && m_state == REQUESTING && m_attempt + 1 >= m_config.requestRetries)
        {
            event = GIVE_UP;
            ++m_counters.gaveUp;
        }
        else if (due == 1)
        {
            event = T1_EXPIRED;
        }
        else if (due == 2)
        {
            event = T2_EXPIRED;
        }
        else if (due == 3)
        {
            event = LEASE_EXPIRED;
            ++m_counters.leasesExpired;
        }
        Process(event, nullptr, now, actions);
    }
    SetWakeUp(actions);
    return actions;
}

void
ClientFsm::Process(Event event, const Message* message, Time now, Actions& actions)
{
    const Table::Row* row = Transitions().Find(m_state, event);
    if (row == nullptr)
    {
        NS_LOG_LOGIC("ignored " << Table::Describe(m_state, event));
        if (message != nullptr)
        {
            ++m_counters.ignored;
            std::ostringstream os;
            os << "unexpected " << MessageTypeName(message->GetMessageType()) << " in " << m_state;
            actions.ignored = os.str();
        }
        return;
    }
    m_restart = false;
    const State old = m_state;
    (this->*(row->action))(message, now, actions);
    m_state = row->next;
    if (old != m_state)
    {
        actions.transitions.emplace_back(old, m_state);
    }
    NS_LOG_LOGIC(Table::Describe(*row));
    if (m_state == INIT && m_running && m_restart)
    {
        Process(START, nullptr, now, actions);
    }
}

void
ClientFsm::SetWakeUp(Actions& actions) const
{
    const Time next = std::min({m_retransmitAt, m_t1At, m_t2At, m_expiryAt});
    actions.hasWakeUp = next != Time::Max();
    actions.wakeUp = next;
}

// ----------------------------------------------------------------- helpers

Time
ClientFsm::Backoff() const
{
    // RFC 2131 4.1: "delay 4 seconds before the first retransmission ...
    // doubled on subsequent retransmissions up to a maximum of 64 seconds
    // ... randomized by the value of a uniform random number chosen from
    // the range -1 to +1".
    Time base = m_config.initialRetransmit;
    for (uint32_t k = 0; k < m_attempt && base < m_config.maxRetransmit; ++k)
    {
        base = base * 2;
    }
    base = std::min(base, m_config.maxRetransmit);
    const double jitter = std::clamp(m_jitter(), -1.0, 1.0);
    return base + Seconds(jitter);
}

uint16_t
ClientFsm::SecsSince(Time now) const
{
    const double s = (now - m_startedAt).GetSeconds();
    return static_cast<uint16_t>(std::clamp(s, 0.0, 65535.0));
}

Message
ClientFsm::MakeRequest(uint8_t type) const
{
    // RFC 2131 table 5: fields and options of a client message.
    Message m;
    m.SetOp(BOOTREQUEST);
    m.SetChaddr(m_config.chaddr);
    m.SetXid(m_xid);
    m.SetMessageType(type);
    uint8_t mac[6];
    m_config.chaddr.CopyTo(mac);
    std::vector<uint8_t> id = {1}; // htype 1 + chaddr (RFC 2132 9.14)
    id.insert(id.end(), mac, mac + 6);
    m.SetClientId(id);
    if (type == DHCPDISCOVER || type == DHCPREQUEST)
    {
        if (!m_config.hostName.empty())
        {
            m.SetHostName(m_config.hostName);
        }
        m.SetParameterRequestList(kParameters);
    }
    return m;
}

// ----------------------------------------------------------------- actions

void
ClientFsm::SendDiscover(const Message*, Time now, Actions& actions)
{
    if (m_state == INIT)
    {
        m_xid = m_xidSource();
        m_attempt = 0;
        m_startedAt = now;
        m_t1At = m_t2At = m_expiryAt = Time::Max();
    }
    else
    {
        ++m_attempt;
        ++m_counters.retransmissions;
    }
    Message m = MakeRequest(DHCPDISCOVER);
    m.SetSecs(SecsSince(now));
    m.SetBroadcast(m_config.broadcastFlag);
    if (m_previous != Ipv4Address::GetAny())
    {
        m.SetRequestedAddress(m_previous); // 4.4.1: "MAY suggest"
    }
    actions.send.push_back({m, true, Ipv4Address::GetBroadcast()});
    m_retransmitAt = now + Backoff();
    ++m_counters.discovers;
}

void
ClientFsm::SendSelectingRequest(const Message* offer, Time now, Actions& actions)
{
    ++m_counters.offers;
    m_offered = offer->GetYiaddr();
    m_server = *offer->GetServerId();
    m_attempt = 0;
    m_requestSentAt = now;
    ResendRequest(nullptr, now, actions);
}

void
ClientFsm::ResendRequest(const Message*, Time now, Actions& actions)
{
    if (m_state == REQUESTING)
    {
        ++m_attempt;
        ++m_counters.retransmissions;
    }
    // 4.3.2 SELECTING: option 54 and option 50 set, ciaddr zero; broadcast.
    Message m = MakeRequest(DHCPREQUEST);
    m.SetSecs(SecsSince(now));
    m.SetBroadcast(m_config.broadcastFlag);
    m.SetRequestedAddress(m_offered);
    m.SetServerId(m_server);
    actions.send.push_back({m, true, Ipv4Address::GetBroadcast()});
    m_retransmitAt = now + Backoff();
    ++m_counters.requests;
}

void
ClientFsm::Bind(const Message* ack, Time now, Actions& actions)
{
    ++m_counters.acks;
    Binding b;
    b.address = ack->GetYiaddr();
    b.mask = ack->GetSubnetMask().value_or(ClassMask(b.address));
    const auto routers = ack->GetRouters();
    b.router = routers.empty() ? Ipv4Address::GetAny() : routers.front();
    const auto dns = ack->GetDnsServers();
    b.dns = dns.empty() ? Ipv4Address::GetAny() : dns.front();
    b.serverId = ack->GetServerId().value_or(m_server);
    b.domainName = ack->GetDomainName();
    const uint32_t lease = *ack->GetLeaseTime();
    const bool infinite = lease == kInfinite;
    b.lease = infinite ? Time::Max() : Seconds(lease);
    // 4.4.5: T1 defaults to 0.5 and T2 to 0.875 of the lease; values that
    // break T1 <= T2 <= lease are replaced by the defaults.
    // An infinite lease has no T1 and T2 (Time::Max()).
    const Time defaultT1 = infinite ? Time::Max() : b.lease / 2;
    const Time defaultT2 = infinite ? Time::Max() : b.lease * 7 / 8;
    Time t1 = ack->GetRenewalTime() ? Seconds(*ack->GetRenewalTime()) : defaultT1;
    Time t2 = ack->GetRebindingTime() ? Seconds(*ack->GetRebindingTime()) : defaultT2;
    if (infinite || t2 > b.lease || t1 > t2)
    {
        t1 = defaultT1;
        t2 = defaultT2;
    }
    b.t1 = t1;
    b.t2 = t2;
    b.renewed = m_binding && m_binding->address == b.address;
    if (m_binding && !b.renewed)
    {
        actions.unbound = true;
        actions.unboundAddress = m_binding->address;
    }
    m_binding = b;
    m_server = b.serverId;
    m_previous = b.address;
    // 4.4.1: times count from when the request was sent.
    m_retransmitAt = Time::Max();
    if (infinite)
    {
        m_t1At = m_t2At = m_expiryAt = Time::Max();
    }
    else
    {
        m_t1At = m_requestSentAt + t1;
        m_t2At = m_requestSentAt + t2;
        m_expiryAt = m_requestSentAt + b.lease;
    }
    actions.bound = b;
    (void)now;
}

void
ClientFsm::Restart(const Message* nak, Time, Actions&)
{
    if (nak != nullptr)
    {
        ++m_counters.naks;
    }
    m_retransmitAt = m_t1At = m_t2At = m_expiryAt = Time::Max();
    m_restart = true;
}

void
ClientFsm::SendRenew(const Message*, Time now, Actions& actions)
{
    if (m_state == BOUND)
    {
        m_xid = m_xidSource();
        m_attempt = 0;
        m_startedAt = now;
        m_requestSentAt = now;
    }
    else
    {
        ++m_attempt;
        ++m_counters.retransmissions;
    }
    // 4.3.2 RENEWING: ciaddr set, no options 50 and 54, unicast to the server.
    Message m = MakeRequest(DHCPREQUEST);
    m.SetSecs(SecsSince(now));
    m.SetCiaddr(m_binding->address);
    actions.send.push_back({m, false, m_server});
    // 4.4.5: half the time left until T2, at least 60 s.
    m_retransmitAt = now + std::max(m_config.minRenewRetransmit, (m_t2At - now) / 2);
    ++m_counters.requests;
}

void
ClientFsm::SendRebind(const Message*, Time now, Actions& actions)
{
    if (m_state != REBINDING)
    {
        m_xid = m_xidSource();
        m_attempt = 0;
        m_startedAt = now;
        m_requestSentAt = now;
    }
    else
    {
        ++m_attempt;
        ++m_counters.retransmissions;
    }
    // 4.3.2 REBINDING: ciaddr set, broadcast.
    Message m = MakeRequest(DHCPREQUEST);
    m.SetSecs(SecsSince(now));
    m.SetCiaddr(m_binding->address);
    actions.send.push_back({m, true, Ipv4Address::GetBroadcast()});
    // 4.4.5: half the time left until the lease ends, at least 60 s.
    m_retransmitAt = now + std::max(m_config.minRenewRetransmit, (m_expiryAt - now) / 2);
    ++m_counters.requests;
}

void
ClientFsm::Unbind(const Message* nak, Time, Actions& actions)
{
    if (nak != nullptr)
    {
        ++m_counters.naks;
    }
    if (m_binding)
    {
        actions.unbound = true;
        actions.unboundAddress = m_binding->address;
    }
    m_binding.reset();
    m_retransmitAt = m_t1At = m_t2At = m_expiryAt = Time::Max();
    m_restart = true;
}

void
ClientFsm::Release(const Message*, Time now, Actions& actions)
{
    if (m_config.releaseOnStop && m_binding)
    {
        // 4.4.6 and table 5: ciaddr, option 54, unicast to the server.
        Message m = MakeRequest(DHCPRELEASE);
        m.SetCiaddr(m_binding->address);
        m.SetServerId(m_server);
        actions.send.push_back({m, false, m_server});
        ++m_counters.releases;
    }
    Unbind(nullptr, now, actions);
    m_restart = false;
    m_running = false;
}

void
ClientFsm::Halt(const Message*, Time, Actions&)
{
    m_retransmitAt = m_t1At = m_t2At = m_expiryAt = Time::Max();
    m_running = false;
}

} // namespace dhcp
} // namespace ns3
