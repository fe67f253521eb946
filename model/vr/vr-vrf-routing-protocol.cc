// SPDX-License-Identifier: GPL-2.0-only
#include "vr-vrf-routing-protocol.h"

#include "vr-vrf-tag.h"

#include "ns3/abort.h"
#include "ns3/ipv4-route.h"
#include "ns3/log.h"
#include "ns3/loopback-net-device.h"
#include "ns3/node.h"
#include "ns3/output-stream-wrapper.h"
#include "ns3/packet.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("VrVrfRoutingProtocol");

namespace vr
{

NS_OBJECT_ENSURE_REGISTERED(VrfRoutingProtocol);

std::ostream&
operator<<(std::ostream& os, VrfDropReason reason)
{
    switch (reason)
    {
    case VrfDropReason::NO_ROUTE:
        return os << "no-route";
    case VrfDropReason::NOT_FORWARDING:
        return os << "not-forwarding";
    }
    return os << "?";
}

TypeId
VrfRoutingProtocol::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::vr::VrfRoutingProtocol")
            .SetParent<Ipv4RoutingProtocol>()
            .SetGroupName("Vr")
            .AddConstructor<VrfRoutingProtocol>()
            .AddTraceSource("Drop",
                            "A packet that came in on a VRF's interface was dropped: the VRF "
                            "has no route for it (or the interface does not forward).",
                            MakeTraceSourceAccessor(&VrfRoutingProtocol::m_dropTrace),
                            "ns3::vr::VrfRoutingProtocol::DropTracedCallback");
    return tid;
}

VrfRoutingProtocol::VrfRoutingProtocol()
    : m_core(CreateObject<IpvpnRoutingProtocol>())
    , m_addresses(std::make_shared<IpvpnAddressIndex>())
{
    NS_LOG_FUNCTION(this);
    m_core->UseAddressIndex(m_addresses);
    m_core->SetInterfaceScope(IpvpnRoutingProtocol::InterfaceScope([this](uint32_t interface) {
        return GetVrfOfInterface(interface) == 0;
    }));
}

VrfRoutingProtocol::~VrfRoutingProtocol()
{
    // An instance held elsewhere (by an OSPF instance) outliving this object
    // without DoDispose must not call back into it: it serves no interface.
    const IpvpnRoutingProtocol::InterfaceScope none([](uint32_t) {
        return false;
    });
    if (m_core)
    {
        m_core->SetInterfaceScope(none);
    }
    for (auto& [id, vrf] : m_vrfs)
    {
        vrf->SetInterfaceScope(none);
    }
}

void
VrfRoutingProtocol::DoDispose()
{
    NS_LOG_FUNCTION(this);
    for (auto& [id, vrf] : m_vrfs)
    {
        vrf->Dispose();
    }
    m_vrfs.clear();
    if (m_core)
    {
        m_core->Dispose();
        m_core = nullptr;
    }
    m_deviceVrf.clear();
    m_ipv4 = nullptr;
    Ipv4RoutingProtocol::DoDispose();
}

// ------------------------------------------------------------ VRFs

Ptr<IpvpnRoutingProtocol>
VrfRoutingProtocol::GetCore() const
{
    return m_core;
}

Ptr<IpvpnRoutingProtocol>
VrfRoutingProtocol::AddVrf(uint32_t vrfId)
{
    NS_LOG_FUNCTION(this << vrfId);
    NS_ABORT_MSG_IF(vrfId == 0, "vr::VrfRoutingProtocol: VRF 0 is the core");
    NS_ABORT_MSG_IF(m_vrfs.count(vrfId) != 0,
                    "vr::VrfRoutingProtocol: VRF " << vrfId << " exists already");
    Ptr<IpvpnRoutingProtocol> vrf = CreateObject<IpvpnRoutingProtocol>();
    vrf->SetInterfaceScope(IpvpnRoutingProtocol::InterfaceScope([this, vrfId](uint32_t interface) {
        return GetVrfOfInterface(interface) == vrfId;
    }));
    vrf->UseAddressIndex(m_addresses);
    m_vrfs[vrfId] = vrf;
    if (m_ipv4)
    {
        vrf->SetIpv4(m_ipv4);
    }
    return vrf;
}

Ptr<IpvpnRoutingProtocol>
VrfRoutingProtocol::GetVrf(uint32_t vrfId) const
{
    if (vrfId == 0)
    {
        return m_core;
    }
    auto it = m_vrfs.find(vrfId);
    return it == m_vrfs.end() ? nullptr : it->second;
}

std::vector<uint32_t>
VrfRoutingProtocol::GetVrfIds() const
{
    std::vector<uint32_t> ids;
    for (const auto& [id, vrf] : m_vrfs)
    {
        ids.push_back(id);
    }
    return ids;
}

Ptr<IpvpnRoutingProtocol>
VrfRoutingProtocol::Instance(uint32_t vrfId) const
{
    Ptr<IpvpnRoutingProtocol> instance = GetVrf(vrfId);
    NS_ASSERT(instance);
    return instance;
}

void
VrfRoutingProtocol::AssignDevice(Ptr<NetDevice> device, uint32_t vrfId)
{
    NS_LOG_FUNCTION(this << device << vrfId);
    NS_ABORT_MSG_IF(!device, "vr::VrfRoutingProtocol: no device");
    NS_ABORT_MSG_IF(!GetVrf(vrfId), "vr::VrfRoutingProtocol: no VRF " << vrfId);
    NS_ABORT_MSG_IF(DynamicCast<LoopbackNetDevice>(device) && vrfId != 0,
                    "vr::VrfRoutingProtocol: the loopback stays in the core");
    // Devices are kept at their index on the node (NetDevice::GetIfIndex).
    NS_ABORT_MSG_IF(!device->GetNode(), "vr::VrfRoutingProtocol: the device is on no node yet");
    NS_ABORT_MSG_IF(m_ipv4 && device->GetNode() != m_ipv4->GetObject<Node>(),
                    "vr::VrfRoutingProtocol: the device is on another node");
    const uint32_t old = GetVrfOfDevice(device);
    if (old == vrfId)
    {
        return;
    }
    // An interface that exists already moves: its routes leave the old
    // instance while it still owns it, and come up in the new one.
    const int32_t interface = m_ipv4 ? m_ipv4->GetInterfaceForDevice(device) : -1;
    const bool up = interface >= 0 && m_ipv4->IsUp(static_cast<uint32_t>(interface));
    if (up)
    {
        Instance(old)->NotifyInterfaceDown(static_cast<uint32_t>(interface));
    }
    const uint32_t index = device->GetIfIndex();
    if (index >= m_deviceVrf.size())
    {
        m_deviceVrf.resize(index + 1);
    }
    m_deviceVrf[index] = vrfId == 0 ? DeviceVrf{} : DeviceVrf{PeekPointer(device), vrfId};
    if (up)
    {
        Instance(vrfId)->NotifyInterfaceUp(static_cast<uint32_t>(interface));
    }
}

uint32_t
VrfRoutingProtocol::GetVrfOfDevice(Ptr<const NetDevice> device) const
{
    if (!device)
    {
        return 0;
    }
    const uint32_t index = device->GetIfIndex();
    const bool held =
        index < m_deviceVrf.size() && m_deviceVrf[index].device == PeekPointer(device);
    return held ? m_deviceVrf[index].vrfId : 0;
}

uint32_t
VrfRoutingProtocol::GetVrfOfInterface(uint32_t interface) const
{
    if (!m_ipv4 || interface >= m_ipv4->GetNInterfaces())
    {
        return 0;
    }
    return GetVrfOfDevice(m_ipv4->GetNetDevice(interface));
}

uint64_t
VrfRoutingProtocol::GetDropCount(uint32_t vrfId) const
{
    auto it = m_drops.find(vrfId);
    return it == m_drops.end() ? 0 : it->second;
}

// ------------------------------------------------------------ Ipv4RoutingProtocol

Ptr<Ipv4Route>
VrfRoutingProtocol::RouteOutput(Ptr<Packet> p,
                                const Ipv4Header& header,
                                Ptr<NetDevice> oif,
                                Socket::SocketErrno& sockerr)
{
    NS_LOG_FUNCTION(this << p << header << oif);
    const uint32_t vrfId = oif ? GetVrfOfDevice(oif) : 0;
    Ptr<Ipv4Route> route = Instance(vrfId)->RouteOutput(p, header, oif, sockerr);
    if (route && p && DynamicCast<LoopbackNetDevice>(route->GetOutputDevice()))
    {
        // To one of the VRF's own addresses: delivered back in this VRF.
        VrfTag tag(vrfId);
        if (!p->ReplacePacketTag(tag))
        {
            p->AddPacketTag(tag);
        }
    }
    return route;
}

bool
VrfRoutingProtocol::RouteInput(Ptr<const Packet> p,
                               const Ipv4Header& header,
                               Ptr<const NetDevice> idev,
                               UnicastForwardCallback ucb,
                               MulticastForwardCallback mcb,
                               LocalDeliverCallback lcb,
                               ErrorCallback ecb)
{
    NS_LOG_FUNCTION(this << p << header << idev);
    NS_ASSERT(m_ipv4);
    const int32_t iif = m_ipv4->GetInterfaceForDevice(idev);
    if (iif < 0)
    {
        return false;
    }
    VrfTag tag;
    if (DynamicCast<const LoopbackNetDevice>(idev) && p->PeekPacketTag(tag) && tag.GetVrfId() != 0)
    {
        // Sent by VRF tag.GetVrfId() to one of its own addresses.
        Ptr<IpvpnRoutingProtocol> vrf = GetVrf(tag.GetVrfId());
        const int32_t owner = vrf ? vrf->GetInterfaceForAddress(header.GetDestination()) : -1;
        if (owner < 0 || lcb.IsNull())
        {
            NS_LOG_LOGIC("looped back for VRF " << tag.GetVrfId() << ", not its address");
            return false;
        }
        lcb(p, header, static_cast<uint32_t>(owner));
        return true;
    }
    const uint32_t vrfId = GetVrfOfDevice(idev);
    ErrorCallback counted = ecb;
    if (!ecb.IsNull())
    {
        counted = ErrorCallback([this, vrfId, iif, ecb](Ptr<const Packet> packet,
                                                        const Ipv4Header& ipHeader,
                                                        Socket::SocketErrno error) {
            Dropped(vrfId, static_cast<uint32_t>(iif), ecb, packet, ipHeader, error);
        });
    }
    return Instance(vrfId)->RouteInput(p, header, idev, ucb, mcb, lcb, counted);
}

void
VrfRoutingProtocol::Dropped(uint32_t vrfId,
                            uint32_t iif,
                            ErrorCallback ecb,
                            Ptr<const Packet> p,
                            const Ipv4Header& header,
                            Socket::SocketErrno error)
{
    const VrfDropReason reason =
        m_ipv4->IsForwarding(iif) ? VrfDropReason::NO_ROUTE : VrfDropReason::NOT_FORWARDING;
    NS_LOG_LOGIC("VRF " << vrfId << " drops " << header << ": " << reason);
    ++m_drops[vrfId];
    m_dropTrace(vrfId, reason, header, p);
    ecb(p, header, error);
}

void
VrfRoutingProtocol::NotifyInterfaceUp(uint32_t interface)
{
    NS_LOG_FUNCTION(this << interface);
    Instance(GetVrfOfInterface(interface))->NotifyInterfaceUp(interface);
}

void
VrfRoutingProtocol::NotifyInterfaceDown(uint32_t interface)
{
    NS_LOG_FUNCTION(this << interface);
    Instance(GetVrfOfInterface(interface))->NotifyInterfaceDown(interface);
}

void
VrfRoutingProtocol::NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    NS_LOG_FUNCTION(this << interface << address);
    m_addresses->Add(interface, address.GetLocal());
    Instance(GetVrfOfInterface(interface))->NotifyAddAddress(interface, address);
}

void
VrfRoutingProtocol::NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
    NS_LOG_FUNCTION(this << interface << address);
    m_addresses->Remove(interface, address.GetLocal());
    Instance(GetVrfOfInterface(interface))->NotifyRemoveAddress(interface, address);
}

void
VrfRoutingProtocol::SetIpv4(Ptr<Ipv4> ipv4)
{
    NS_LOG_FUNCTION(this << ipv4);
    NS_ASSERT(!m_ipv4 && ipv4);
    m_ipv4 = ipv4;
    m_addresses->Rebuild(ipv4);
    m_core->SetIpv4(ipv4);
    for (auto& [id, vrf] : m_vrfs)
    {
        vrf->SetIpv4(ipv4);
    }
}

void
VrfRoutingProtocol::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit unit) const
{
    *stream->GetStream() << "VRF 0 (core)" << std::endl;
    m_core->PrintRoutingTable(stream, unit);
    for (const auto& [id, vrf] : m_vrfs)
    {
        *stream->GetStream() << "VRF " << id << std::endl;
        vrf->PrintRoutingTable(stream, unit);
    }
}

} // namespace vr
} // namespace ns3
