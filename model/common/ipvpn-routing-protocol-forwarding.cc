/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * IpvpnRoutingProtocol, forwarding: RouteOutput, RouteInput and what they
 * share (flow hash, source address, local delivery within a scope).
 */
#include "ipvpn-routing-protocol.h"

#include "ns3/ipv4-route.h"
#include "ns3/log.h"
#include "ns3/packet.h"

#include <optional>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("IpvpnRoutingProtocolForwarding");

namespace
{

/// The finalizer of MurmurHash3: spreads every input bit over the output.
uint32_t
Mix(uint32_t h)
{
    h ^= h >> 16;
    h *= 0x85ebca6bU;
    h ^= h >> 13;
    h *= 0xc2b2ae35U;
    h ^= h >> 16;
    return h;
}

/// The 127.0.0.0/8 loopback network (RFC 1122 section 3.2.1.3 (g)).
bool
IsLoopbackNet(Ipv4Address address)
{
    return (address.Get() & 0xff000000U) == 0x7f000000U;
}

} // namespace

// ------------------------------------------------------------ forwarding

uint32_t
IpvpnRoutingProtocol::FlowHash(const Ipv4Header& header)
{
    uint32_t h = Mix(header.GetSource().Get());
    h = Mix(h ^ header.GetDestination().Get());
    return Mix(h ^ header.GetProtocol());
}

Ipv4Address
IpvpnRoutingProtocol::ChooseSource(const Ipv4Header& header, uint32_t interface) const
{
    const Ipv4Address given = header.GetSource();
    if (given != Ipv4Address::GetZero() && !given.IsBroadcast() &&
        GetInterfaceForAddress(given) >= 0)
    {
        return given;
    }
    if (m_ipv4->GetNAddresses(interface) > 0)
    {
        return m_ipv4->SourceAddressSelection(interface, header.GetDestination());
    }
    if (IsScoped())
    {
        // An interface without an address: the first of the instance's.
        for (uint32_t i = 0; i < m_ipv4->GetNInterfaces(); ++i)
        {
            if (IsInScope(i) && m_ipv4->GetNAddresses(i) > 0)
            {
                return m_ipv4->GetAddress(i, 0).GetLocal();
            }
        }
        return Ipv4Address::GetZero();
    }
    // An interface without an address: any address of the node.
    return m_ipv4->SelectSourceAddress(
        nullptr, header.GetDestination(), Ipv4InterfaceAddress::GLOBAL);
}

Ptr<Ipv4Route>
IpvpnRoutingProtocol::MakeRoute(Ipv4Address destination,
                                Ipv4Address source,
                                const IpvpnNextHop& nextHop) const
{
    Ptr<Ipv4Route> route = Create<Ipv4Route>();
    route->SetDestination(destination);
    route->SetSource(source);
    route->SetGateway(nextHop.gateway);
    route->SetOutputDevice(m_ipv4->GetNetDevice(nextHop.interface));
    return route;
}

Ptr<Ipv4Route>
IpvpnRoutingProtocol::RouteOutput(Ptr<Packet> p,
                                  const Ipv4Header& header,
                                  Ptr<NetDevice> oif,
                                  Socket::SocketErrno& sockerr)
{
    NS_LOG_FUNCTION(this << p << header << oif);
    const Ipv4Address destination = header.GetDestination();
    sockerr = Socket::ERROR_NOROUTETOHOST;
    if (!m_ipv4)
    {
        return nullptr;
    }
    int32_t oifIndex = -1;
    if (oif)
    {
        oifIndex = m_ipv4->GetInterfaceForDevice(oif);
        if (oifIndex < 0)
        {
            NS_LOG_LOGIC("bound device " << oif << " has no IPv4 interface");
            return nullptr;
        }
        if (!IsInScope(static_cast<uint32_t>(oifIndex)))
        {
            NS_LOG_LOGIC("bound device " << oif << " is not in the instance's scope");
            return nullptr;
        }
    }

    // The node's own address: through the loopback, delivered locally when
    // it comes back in.
    const int32_t loopback = m_addresses->Find(Ipv4Address::GetLoopback());
    if (loopback >= 0 && !IsLoopbackNet(destination) && GetInterfaceForAddress(destination) >= 0)
    {
        NS_LOG_LOGIC(destination << " is local: loopback");
        sockerr = Socket::ERROR_NOTERROR;
        const Ipv4Address given = header.GetSource();
        const Ipv4Address source =
            given != Ipv4Address::GetZero() && GetInterfaceForAddress(given) >= 0 ? given
                                                                                  : destination;
        return MakeRoute(destination,
                         source,
                         IpvpnNextHop(static_cast<uint32_t>(loopback), Ipv4Address::GetZero()));
    }

    // Link-local multicast and limited broadcast leave on the bound device.
    if (oifIndex >= 0 && (destination.IsLocalMulticast() || destination.IsBroadcast()))
    {
        sockerr = Socket::ERROR_NOTERROR;
        const auto interface = static_cast<uint32_t>(oifIndex);
        return MakeRoute(destination,
                         ChooseSource(header, interface),
                         IpvpnNextHop(interface, Ipv4Address::GetZero()));
    }

    const IpvpnRoute* route = oifIndex >= 0
                                  ? m_table.Lookup(destination, static_cast<uint32_t>(oifIndex))
                                  : m_table.Lookup(destination);
    if (route == nullptr)
    {
        NS_LOG_LOGIC("no route to " << destination);
        return nullptr;
    }
    std::optional<uint32_t> restrict;
    if (oifIndex >= 0)
    {
        restrict = static_cast<uint32_t>(oifIndex);
    }
    const IpvpnNextHop* nextHop =
        IpvpnRouteTable::SelectNextHop(*route, FlowHash(header), restrict);
    NS_ASSERT(nextHop != nullptr);
    NS_LOG_LOGIC(destination << " by " << *route << " next hop " << *nextHop);
    sockerr = Socket::ERROR_NOTERROR;
    return MakeRoute(destination, ChooseSource(header, nextHop->interface), *nextHop);
}

bool
IpvpnRoutingProtocol::RouteInput(Ptr<const Packet> p,
                                 const Ipv4Header& header,
                                 Ptr<const NetDevice> idev,
                                 UnicastForwardCallback ucb,
                                 MulticastForwardCallback /* mcb */,
                                 LocalDeliverCallback lcb,
                                 ErrorCallback ecb)
{
    NS_LOG_FUNCTION(this << p << header << idev);
    NS_ASSERT(m_ipv4);
    const int32_t iif = m_ipv4->GetInterfaceForDevice(idev);
    if (iif < 0 || !IsInScope(static_cast<uint32_t>(iif)))
    {
        return false;
    }
    const Ipv4Address destination = header.GetDestination();

    if (destination.IsMulticast())
    {
        // RFC 5771 section 4: 224.0.0.0/24 is link-local, never forwarded;
        // deliver it on the interface it came in on. No multicast routing.
        if (destination.IsLocalMulticast() && !lcb.IsNull())
        {
            lcb(p, header, static_cast<uint32_t>(iif));
            return true;
        }
        return false;
    }

    // Own addresses, the subnets' broadcast addresses, 255.255.255.255.
    const bool local = IsScoped()
                           ? IsOwnDestination(destination, static_cast<uint32_t>(iif))
                           : m_ipv4->IsDestinationAddress(destination, static_cast<uint32_t>(iif));
    if (local)
    {
        if (lcb.IsNull())
        {
            return false; // delivered already (an Ipv4ListRouting above us)
        }
        lcb(p, header, static_cast<uint32_t>(iif));
        return true;
    }

    if (!m_ipv4->IsForwarding(static_cast<uint32_t>(iif)))
    {
        NS_LOG_LOGIC("forwarding disabled on interface " << iif);
        ecb(p, header, Socket::ERROR_NOROUTETOHOST);
        return true;
    }
    const IpvpnRoute* route = m_table.Lookup(destination);
    if (route == nullptr)
    {
        NS_LOG_LOGIC("no route to " << destination);
        ecb(p, header, Socket::ERROR_NOROUTETOHOST);
        return true;
    }
    const IpvpnNextHop* nextHop = IpvpnRouteTable::SelectNextHop(*route, FlowHash(header));
    NS_LOG_LOGIC(destination << " by " << *route << " next hop " << *nextHop);
    ucb(MakeRoute(destination, ChooseSource(header, nextHop->interface), *nextHop), p, header);
    return true;
}

bool
IpvpnRoutingProtocol::IsOwnDestination(Ipv4Address destination, uint32_t iif) const
{
    if (destination.IsBroadcast())
    {
        return true;
    }
    // Ipv4L3Protocol::IsDestinationAddress: the input interface's addresses
    // and subnet broadcasts, then (weak end-system model) the addresses of
    // the other interfaces, here those of the scope only.
    for (uint32_t a = 0; a < m_ipv4->GetNAddresses(iif); ++a)
    {
        const Ipv4InterfaceAddress address = m_ipv4->GetAddress(iif, a);
        if (destination == address.GetLocal() || destination == address.GetBroadcast())
        {
            return true;
        }
    }
    return GetInterfaceForAddress(destination) >= 0;
}

} // namespace ns3
