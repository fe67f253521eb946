// SPDX-License-Identifier: GPL-2.0-only
#include "mpls-ftn-routing.h"

#include "mpls-protocol.h"

#include "ns3/ipv4-route.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/output-stream-wrapper.h"
#include "ns3/packet.h"

namespace ns3
{
namespace mpls
{

NS_LOG_COMPONENT_DEFINE("MplsFtnRouting");
NS_OBJECT_ENSURE_REGISTERED(FtnRouting);

TypeId
FtnRouting::GetTypeId()
{
    static TypeId tid = TypeId("ns3::mpls::FtnRouting")
                            .SetParent<Ipv4RoutingProtocol>()
                            .SetGroupName("Mpls")
                            .AddConstructor<FtnRouting>();
    return tid;
}

FtnRouting::FtnRouting() = default;
FtnRouting::~FtnRouting() = default;

void
FtnRouting::DoDispose()
{
    m_ipv4 = nullptr;
    Ipv4RoutingProtocol::DoDispose();
}

Ptr<Protocol>
FtnRouting::GetMpls() const
{
    return m_ipv4 ? m_ipv4->GetObject<Protocol>() : nullptr;
}

bool
FtnRouting::IsSpecial(Ipv4Address destination)
{
    return destination.IsMulticast() || destination.IsBroadcast() ||
           Ipv4Mask("255.0.0.0").IsMatch(destination, Ipv4Address::GetLoopback());
}

Ptr<Ipv4Route>
FtnRouting::RouteOutput(Ptr<Packet> /* p */,
                        const Ipv4Header& header,
                        Ptr<NetDevice> /* oif */,
                        Socket::SocketErrno& sockerr)
{
    Ptr<Protocol> mpls = GetMpls();
    const Ipv4Address dst = header.GetDestination();
    const Nhlfe* nhlfe = (mpls && !IsSpecial(dst)) ? mpls->GetFtn().Lookup(dst) : nullptr;
    if (nhlfe == nullptr || !mpls->GetNode() ||
        static_cast<uint32_t>(nhlfe->outDevice) >= mpls->GetNode()->GetNDevices())
    {
        sockerr = Socket::ERROR_NOROUTETOHOST;
        return nullptr;
    }
    // Source: the address of the LSP's first link, if it has one.
    Ptr<NetDevice> outDevice = mpls->GetNode()->GetDevice(nhlfe->outDevice);
    int32_t outIface = m_ipv4->GetInterfaceForDevice(outDevice);
    Ipv4Address source = outIface >= 0 && m_ipv4->GetNAddresses(outIface) > 0
                             ? m_ipv4->GetAddress(outIface, 0).GetLocal()
                             : m_ipv4->SelectSourceAddress(nullptr, dst,
                                                           Ipv4InterfaceAddress::GLOBAL);
    // Hand the packet to ourselves through the loopback interface (0);
    // RouteInput labels it there.
    Ptr<Ipv4Route> route = Create<Ipv4Route>();
    route->SetDestination(dst);
    route->SetSource(source);
    route->SetGateway(dst);
    route->SetOutputDevice(m_ipv4->GetNetDevice(0));
    sockerr = Socket::ERROR_NOTERROR;
    return route;
}

bool
FtnRouting::RouteInput(Ptr<const Packet> p,
                       const Ipv4Header& header,
                       Ptr<const NetDevice> idev,
                       UnicastForwardCallback /* ucb */,
                       MulticastForwardCallback /* mcb */,
                       LocalDeliverCallback /* lcb */,
                       ErrorCallback /* ecb */)
{
    Ptr<Protocol> mpls = GetMpls();
    const Ipv4Address dst = header.GetDestination();
    if (!mpls || IsSpecial(dst))
    {
        return false;
    }
    int32_t iif = m_ipv4->GetInterfaceForDevice(idev);
    if (iif < 0 || m_ipv4->IsDestinationAddress(dst, iif))
    {
        return false;
    }
    const Nhlfe* nhlfe = mpls->GetFtn().Lookup(dst);
    if (nhlfe == nullptr)
    {
        return false;
    }
    // RFC 3031 section 3.12: the FEC's NHLFE decides; the packet is consumed
    // here whatever happens next (drops are counted by the engine). Packets
    // from the loopback interface are our own and keep their TTL.
    const bool forwarded = iif != 0;
    mpls->SendIpv4(p->Copy(), header, *nhlfe, forwarded);
    return true;
}

void
FtnRouting::NotifyInterfaceUp(uint32_t /* interface */)
{
}

void
FtnRouting::NotifyInterfaceDown(uint32_t /* interface */)
{
}

void
FtnRouting::NotifyAddAddress(uint32_t /* interface */, Ipv4InterfaceAddress /* address */)
{
}

void
FtnRouting::NotifyRemoveAddress(uint32_t /* interface */, Ipv4InterfaceAddress /* address */)
{
}

void
FtnRouting::SetIpv4(Ptr<Ipv4> ipv4)
{
    m_ipv4 = ipv4;
}

void
FtnRouting::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit /* unit */) const
{
    std::ostream& os = *stream->GetStream();
    Ptr<Protocol> mpls = GetMpls();
    os << "MPLS FTN";
    if (mpls && mpls->GetNode())
    {
        os << " of node " << mpls->GetNode()->GetId();
    }
    os << '\n';
    if (mpls)
    {
        mpls->GetFtn().Print(os);
    }
}

} // namespace mpls
} // namespace ns3
