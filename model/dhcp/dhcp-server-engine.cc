/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "dhcp-server-engine.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("DhcpServerEngine");

namespace dhcp
{

std::string
EndReasonName(EndReason reason)
{
    switch (reason)
    {
    case EndReason::RELEASED:
        return "released";
    case EndReason::DECLINED:
        return "declined";
    case EndReason::EXPIRED:
        return "expired";
    case EndReason::NAKED:
        return "nak";
    }
    return "?";
}

ServerEngine::ServerEngine(const ServerConfig& config)
    : m_config(config)
{
}

const ServerConfig&
ServerEngine::GetConfig() const
{
    return m_config;
}

const ServerCounters&
ServerEngine::GetCounters() const
{
    return m_counters;
}

const std::map<std::string, ServerEngine::Lease>&
ServerEngine::GetLeases() const
{
    return m_leases;
}

uint32_t
ServerEngine::GetBoundCount() const
{
    return std::count_if(m_leases.begin(), m_leases.end(), [](const auto& l) {
        return l.second.state == LeaseState::BOUND;
    });
}

Time
ServerEngine::GetRenewalTime() const
{
    // RFC 2131 4.4.5: T1 defaults to 0.5 * duration_of_lease.
    return m_config.renewalTime.IsStrictlyPositive() ? m_config.renewalTime
                                                     : m_config.leaseTime / 2;
}

Time
ServerEngine::GetRebindingTime() const
{
    // RFC 2131 4.4.5: T2 defaults to 0.875 * duration_of_lease.
    return m_config.rebindingTime.IsStrictlyPositive() ? m_config.rebindingTime
                                                       : m_config.leaseTime * 7 / 8;
}

std::string
ServerEngine::ClientKey(const Message& m)
{
    if (auto id = m.GetClientId())
    {
        return "id:" + std::string(id->begin(), id->end());
    }
    const uint8_t hlen = std::min<uint8_t>(m.GetHlen(), 16);
    return "hw:" + std::string(1, char(m.GetHtype())) +
           std::string(m.GetChaddr().begin(), m.GetChaddr().begin() + hlen);
}

ServerEngine::Actions
ServerEngine::Receive(const Message& m, Time now)
{
    Actions actions;
    ++m_counters.received;
    if (!m.IsValid() || m.GetOp() != BOOTREQUEST || m.GetMessageType() == NONE)
    {
        ++m_counters.invalid;
        SetWakeUp(actions);
        return actions;
    }
    switch (m.GetMessageType())
    {
    case DHCPDISCOVER:
        Discover(m, now, actions);
        break;
    case DHCPREQUEST:
        Request(m, now, actions);
        break;
    case DHCPDECLINE:
        Decline(m, now, actions);
        break;
    case DHCPRELEASE:
        Release(m, now, actions);
        break;
    case DHCPINFORM:
        Inform(m, actions);
        break;
    default: // a server message sent to the server
        ++m_counters.invalid;
        break;
    }
    SetWakeUp(actions);
    return actions;
}

bool
ServerEngine::InPool(Ipv4Address a) const
{
    const uint32_t x = a.Get();
    return x >= m_config.poolStart.Get() && x <= m_config.poolEnd.Get() &&
           m_config.excluded.count(a) == 0;
}

bool
ServerEngine::OnNetwork(Ipv4Address a) const
{
    return m_config.mask.IsMatch(a, m_config.serverId);
}

const std::string*
ServerEngine::Holder(Ipv4Address a, const std::string& key) const
{
    for (const auto& [k, lease] : m_leases)
    {
        if (k != key && lease.address == a)
        {
            return &k;
        }
    }
    return nullptr;
}

bool
ServerEngine::IsFree(Ipv4Address a, const std::string& key, Time now) const
{
    if (!InPool(a))
    {
        return false;
    }
    auto d = m_declined.find(a);
    if (d != m_declined.end() && d->second > now)
    {
        return false;
    }
    const std::string* holder = Holder(a, key);
    return holder == nullptr || m_leases.at(*holder).state == LeaseState::FREE;
}

Ipv4Address
ServerEngine::Choose(const std::string& key, const Message& m, Time now) const
{
    // RFC 2131 4.3.1: current binding, then previous address, then the
    // requested one, then a free one.
    auto it = m_leases.find(key);
    if (it != m_leases.end() && IsFree(it->second.address, key, now))
    {
        return it->second.address;
    }
    if (auto requested = m.GetRequestedAddress(); requested && IsFree(*requested, key, now))
    {
        return *requested;
    }
    const uint32_t first = m_config.poolStart.Get();
    const uint32_t last = m_config.poolEnd.Get();
    // Addresses nobody ever had first, so previous addresses stay with
    // their clients as long as possible.
    for (uint32_t x = first; x <= last && x != 0; ++x)
    {
        if (IsFree(Ipv4Address(x), key, now) && Holder(Ipv4Address(x), key) == nullptr)
        {
            return Ipv4Address(x);
        }
        if (x == 0xffffffff)
        {
            break;
        }
    }
    for (uint32_t x = first; x <= last && x != 0; ++x)
    {
        if (IsFree(Ipv4Address(x), key, now))
        {
            return Ipv4Address(x);
        }
        if (x == 0xffffffff)
        {
            break;
        }
    }
    return Ipv4Address::GetAny();
}

Message
ServerEngine::MakeReply(const Message& request, uint8_t type) const
{
    // RFC 2131 table 3: fields of a server message.
    Message reply;
    reply.SetOp(BOOTREPLY);
    reply.SetXid(request.GetXid());
    reply.SetFlags(request.GetFlags());
    reply.SetGiaddr(request.GetGiaddr());
    reply.SetChaddr(request.GetChaddrMac());
    reply.SetHtype(request.GetHtype());
    reply.SetHlen(request.GetHlen());
    reply.SetMessageType(type);
    reply.SetServerId(m_config.serverId);
    return reply;
}

void
ServerEngine::AddLeaseOptions(Message& reply) const
{
    reply.SetLeaseTime(static_cast<uint32_t>(m_config.leaseTime.GetSeconds()));
    reply.SetRenewalTime(static_cast<uint32_t>(GetRenewalTime().GetSeconds()));
    reply.SetRebindingTime(static_cast<uint32_t>(GetRebindingTime().GetSeconds()));
    reply.SetSubnetMask(m_config.mask);
    reply.SetRouters({m_config.router});
    reply.SetDnsServers({m_config.dns});
}

Reply
ServerEngine::Address(Message reply, const Message& request) const
{
    // RFC 2131 4.1, "If the 'giaddr' field ... is zero ..." paragraph.
    Reply r;
    const bool nak = reply.GetMessageType() == DHCPNAK;
    if (request.GetGiaddr() != Ipv4Address::GetAny())
    {
        r.destination = Destination::GIADDR;
        r.address = request.GetGiaddr();
        if (nak)
        {
            reply.SetBroadcast(true); // 4.1: the relay broadcasts a NAK
        }
    }
    else if (nak)
    {
        r.destination = Destination::BROADCAST;
    }
    else if (request.GetCiaddr() != Ipv4Address::GetAny())
    {
        r.destination = Destination::CIADDR;
        r.address = request.GetCiaddr();
    }
    else if (request.IsBroadcast())
    {
        r.destination = Destination::BROADCAST;
    }
    else
    {
        r.destination = Destination::YIADDR_CHADDR;
        r.address = reply.GetYiaddr();
    }
    r.message = reply;
    return r;
}

void
ServerEngine::Discover(const Message& m, Time now, Actions& actions)
{
    ++m_counters.discovers;
    const std::string key = ClientKey(m);
    const Ipv4Address address = Choose(key, m, now);
    if (address == Ipv4Address::GetAny())
    {
        ++m_counters.poolExhausted;
        NS_LOG_INFO("pool exhausted, no offer for " << m.GetChaddrMac());
        return;
    }
    Lease& lease = m_leases[key];
    if (lease.state == LeaseState::BOUND && lease.address != address)
    {
        End(key, EndReason::NAKED, actions);
    }
    if (const std::string* other = Holder(address, key))
    {
        m_leases.erase(*other); // a FREE record of another client
    }
    lease.address = address;
    lease.chaddr = m.GetChaddrMac();
    if (auto name = m.GetHostName())
    {
        lease.hostName = *name;
    }
    if (lease.state != LeaseState::BOUND)
    {
        // RFC 2131 4.3.1: the offer reserves the address for a while.
        lease.state = LeaseState::OFFERED;
        lease.expiry = now + m_config.offerHold;
    }
    Message offer = MakeReply(m, DHCPOFFER);
    offer.SetYiaddr(address);
    AddLeaseOptions(offer);
    actions.replies.push_back(Address(offer, m));
    ++m_counters.offers;
}

void
ServerEngine::Request(const Message& m, Time now, Actions& actions)
{
    ++m_counters.requests;
    const std::string key = ClientKey(m);
    auto it = m_leases.find(key);
    const auto serverId = m.GetServerId();
    const auto requested = m.GetRequestedAddress();
    const Ipv4Address ciaddr = m.GetCiaddr();
    if (serverId)
    {
        // SELECTING (4.3.2): server identifier set, ciaddr zero, option 50 set.
        if (*serverId != m_config.serverId)
        {
            // The client took another server's offer: ours is free again,
            // and not kept as this client's previous address.
            if (it != m_leases.end() && it->second.state == LeaseState::OFFERED)
            {
                m_leases.erase(it);
            }
            ++m_counters.ignored;
            return;
        }
        const Ipv4Address wanted = requested ? *requested : ciaddr;
        if (it != m_leases.end() && it->second.state != LeaseState::FREE &&
            it->second.address == wanted)
        {
            Ack(m, key, now, actions);
        }
        else
        {
            Nak(m, actions);
        }
        return;
    }
    if (requested && ciaddr == Ipv4Address::GetAny())
    {
        // INIT-REBOOT (4.3.2): option 50 set, ciaddr zero.
        if (!OnNetwork(*requested))
        {
            Nak(m, actions);
        }
        else if (it == m_leases.end())
        {
            ++m_counters.ignored; // "MUST remain silent"
        }
        else if (it->second.address == *requested && IsFree(*requested, key, now))
        {
            Ack(m, key, now, actions);
        }
        else
        {
            Nak(m, actions);
        }
        return;
    }
    if (ciaddr != Ipv4Address::GetAny())
    {
        // RENEWING (unicast) or REBINDING (broadcast) (4.3.2): ciaddr set.
        if (it != m_leases.end() && it->second.state == LeaseState::BOUND &&
            it->second.address == ciaddr)
        {
            Ack(m, key, now, actions);
        }
        else if (!OnNetwork(ciaddr) || it != m_leases.end())
        {
            Nak(m, actions);
        }
        else
        {
            ++m_counters.ignored;
        }
        return;
    }
    ++m_counters.invalid; // a REQUEST with neither ciaddr nor option 50
}

void
ServerEngine::Ack(const Message& m, const std::string& key, Time now, Actions& actions)
{
    Lease& lease = m_leases[key];
    const bool renewal = lease.state == LeaseState::BOUND;
    lease.state = LeaseState::BOUND;
    lease.chaddr = m.GetChaddrMac();
    lease.expiry = now + m_config.leaseTime;
    if (auto name = m.GetHostName())
    {
        lease.hostName = *name;
    }
    m_declined.erase(lease.address);
    Message ack = MakeReply(m, DHCPACK);
    ack.SetYiaddr(lease.address);
    ack.SetCiaddr(m.GetCiaddr());
    AddLeaseOptions(ack);
    actions.replies.push_back(Address(ack, m));
    ++m_counters.acks;
    LeaseEvent event;
    event.kind = renewal ? LeaseEvent::RENEWED : LeaseEvent::GRANTED;
    event.hostName = lease.hostName;
    event.address = lease.address;
    event.chaddr = lease.chaddr;
    event.expiry = lease.expiry;
    actions.events.push_back(event);
}

void
ServerEngine::Nak(const Message& m, Actions& actions)
{
    // RFC 2131 table 3: a NAK carries no yiaddr and no lease options.
    const std::string key = ClientKey(m);
    auto it = m_leases.find(key);
    if (it != m_leases.end() && it->second.state == LeaseState::BOUND)
    {
        End(key, EndReason::NAKED, actions);
    }
    Message nak = MakeReply(m, DHCPNAK);
    actions.replies.push_back(Address(nak, m));
    ++m_counters.naks;
}

void
ServerEngine::End(const std::string& key, EndReason reason, Actions& actions)
{
    Lease& lease = m_leases[key];
    if (lease.state == LeaseState::BOUND)
    {
        LeaseEvent event;
        event.kind = LeaseEvent::ENDED;
        event.hostName = lease.hostName;
        event.address = lease.address;
        event.chaddr = lease.chaddr;
        event.reason = reason;
        actions.events.push_back(event);
    }
    lease.state = LeaseState::FREE;
}

void
ServerEngine::Decline(const Message& m, Time now, Actions& actions)
{
    // RFC 2131 4.3.3: the address is in use elsewhere; mark it.
    ++m_counters.declines;
    const auto serverId = m.GetServerId();
    const auto requested = m.GetRequestedAddress();
    if (!serverId || *serverId != m_config.serverId || !requested)
    {
        ++m_counters.ignored;
        return;
    }
    m_declined[*requested] = now + m_config.declineHold;
    const std::string key = ClientKey(m);
    auto it = m_leases.find(key);
    if (it != m_leases.end() && it->second.address == *requested)
    {
        End(key, EndReason::DECLINED, actions);
        m_leases.erase(key);
    }
}

void
ServerEngine::Release(const Message& m, Time /*now*/, Actions& actions)
{
    // RFC 2131 4.3.4: the lease ends; the record stays as the client's
    // previous address.
    ++m_counters.releases;
    const std::string key = ClientKey(m);
    auto it = m_leases.find(key);
    if (it == m_leases.end() || it->second.state != LeaseState::BOUND ||
        it->second.address != m.GetCiaddr())
    {
        ++m_counters.ignored;
        return;
    }
    End(key, EndReason::RELEASED, actions);
}

void
ServerEngine::Inform(const Message& m, Actions& actions)
{
    // RFC 2131 4.3.5: configuration only, no lease options, no yiaddr,
    // unicast to ciaddr.
    ++m_counters.informs;
    if (m.GetCiaddr() == Ipv4Address::GetAny())
    {
        ++m_counters.ignored;
        return;
    }
    Message ack = MakeReply(m, DHCPACK);
    ack.SetCiaddr(m.GetCiaddr());
    ack.SetSubnetMask(m_config.mask);
    ack.SetRouters({m_config.router});
    ack.SetDnsServers({m_config.dns});
    actions.replies.push_back(Address(ack, m));
    ++m_counters.acks;
}

ServerEngine::Actions
ServerEngine::Expire(Time now)
{
    Actions actions;
    for (auto& [key, lease] : m_leases)
    {
        if (lease.state == LeaseState::OFFERED && lease.expiry <= now)
        {
            lease.state = LeaseState::FREE;
            ++m_counters.offersExpired;
        }
        else if (lease.state == LeaseState::BOUND && lease.expiry <= now)
        {
            End(key, EndReason::EXPIRED, actions);
            ++m_counters.leasesExpired;
        }
    }
    for (auto it = m_declined.begin(); it != m_declined.end();)
    {
        it = it->second <= now ? m_declined.erase(it) : std::next(it);
    }
    SetWakeUp(actions);
    return actions;
}

void
ServerEngine::SetWakeUp(Actions& actions) const
{
    for (const auto& [key, lease] : m_leases)
    {
        if (lease.state != LeaseState::FREE &&
            (!actions.hasWakeUp || lease.expiry < actions.wakeUp))
        {
            actions.hasWakeUp = true;
            actions.wakeUp = lease.expiry;
        }
    }
    for (const auto& [address, until] : m_declined)
    {
        if (!actions.hasWakeUp || until < actions.wakeUp)
        {
            actions.hasWakeUp = true;
            actions.wakeUp = until;
        }
    }
}

} // namespace dhcp
} // namespace ns3
