// SPDX-License-Identifier: GPL-2.0-only
#include "mpls-protocol.h"

#include "ns3/arp-cache.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{
namespace mpls
{

NS_LOG_COMPONENT_DEFINE("MplsProtocol");
NS_OBJECT_ENSURE_REGISTERED(Protocol);

TypeId
Protocol::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::mpls::Protocol")
            .SetParent<Object>()
            .SetGroupName("Mpls")
            .AddConstructor<Protocol>()
            .AddAttribute("MinLabel",
                          "Lowest label the node allocates; 16 by default, the first value "
                          "not reserved by RFC 3032 section 2.1.",
                          UintegerValue(MIN_UNRESERVED_LABEL),
                          MakeUintegerAccessor(&Protocol::SetMinLabel, &Protocol::GetMinLabel),
                          MakeUintegerChecker<uint32_t>(MIN_UNRESERVED_LABEL, MAX_LABEL))
            .AddAttribute("MaxLabel",
                          "Highest label the node allocates; 2^20-1 by default "
                          "(20-bit label, RFC 3032 section 2.1).",
                          UintegerValue(MAX_LABEL),
                          MakeUintegerAccessor(&Protocol::SetMaxLabel, &Protocol::GetMaxLabel),
                          MakeUintegerChecker<uint32_t>(MIN_UNRESERVED_LABEL, MAX_LABEL))
            .AddAttribute("MaxStackDepth",
                          "Labels processed on one packet before it is dropped "
                          "(guards against ILM loops; RFC 3032 sets no limit).",
                          UintegerValue(8),
                          MakeUintegerAccessor(&Protocol::m_maxStackDepth),
                          MakeUintegerChecker<uint32_t>(1, 64))
            .AddAttribute("TrafficClass",
                          "TC bits (RFC 5462) of labels imposed at ingress.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&Protocol::m_trafficClass),
                          MakeUintegerChecker<uint8_t>(0, 7))
            .AddTraceSource("Push",
                            "Labels imposed on an IPv4 packet at ingress: packet "
                            "(with the stack), top label, out device index.",
                            MakeTraceSourceAccessor(&Protocol::m_pushTrace),
                            "ns3::mpls::Protocol::LabelTracedCallback")
            .AddTraceSource("Swap",
                            "Top label replaced: packet, in label, new top label, "
                            "out device index.",
                            MakeTraceSourceAccessor(&Protocol::m_swapTrace),
                            "ns3::mpls::Protocol::SwapTracedCallback")
            .AddTraceSource("Pop",
                            "Top label removed: packet (after the pop), label, "
                            "in device index.",
                            MakeTraceSourceAccessor(&Protocol::m_popTrace),
                            "ns3::mpls::Protocol::LabelTracedCallback")
            .AddTraceSource("Drop",
                            "A packet dropped, with the reason.",
                            MakeTraceSourceAccessor(&Protocol::m_dropTrace),
                            "ns3::mpls::Protocol::DropTracedCallback")
            .AddTraceSource("TableChanged",
                            "ILM or FTN entry added/replaced or removed: table, added, "
                            "key (in label, or FEC network address).",
                            MakeTraceSourceAccessor(&Protocol::m_tableChangedTrace),
                            "ns3::mpls::Protocol::TableChangedTracedCallback");
    return tid;
}

Protocol::Protocol()
    : m_drops{}
    , m_maxStackDepth(8)
    , m_trafficClass(0)
{
}

Protocol::~Protocol() = default;

void
Protocol::DoDispose()
{
    m_node = nullptr;
    m_ilm.Clear();
    m_ftn.Clear();
    m_enabledDevices.clear();
    m_choosers.clear();
    Object::DoDispose();
}

void
Protocol::NotifyNewAggregate()
{
    if (!m_node)
    {
        m_node = GetObject<Node>();
    }
    Object::NotifyNewAggregate();
}

void
Protocol::SetNode(Ptr<Node> node)
{
    m_node = node;
}

Ptr<Node>
Protocol::GetNode() const
{
    return m_node;
}

void
Protocol::SetMinLabel(uint32_t label)
{
    m_allocator.SetRange(label, std::max(label, m_allocator.GetMaxLabel()));
}

uint32_t
Protocol::GetMinLabel() const
{
    return m_allocator.GetMinLabel();
}

void
Protocol::SetMaxLabel(uint32_t label)
{
    m_allocator.SetRange(std::min(label, m_allocator.GetMinLabel()), label);
}

uint32_t
Protocol::GetMaxLabel() const
{
    return m_allocator.GetMaxLabel();
}

void
Protocol::EnableDevice(Ptr<NetDevice> device)
{
    if (!m_node || !device || device->GetNode() != m_node ||
        m_enabledDevices.count(device->GetIfIndex()) > 0)
    {
        return;
    }
    m_node->RegisterProtocolHandler(MakeCallback(&Protocol::Receive, this), PROT_NUMBER, device);
    m_enabledDevices.insert(device->GetIfIndex());
}

bool
Protocol::IsEnabled(uint32_t deviceIndex) const
{
    return m_enabledDevices.count(deviceIndex) > 0;
}

bool
Protocol::AddIlm(uint32_t inLabel, const Nhlfe& nhlfe, uint32_t labelSpace)
{
    if (!m_ilm.Add(inLabel, nhlfe, labelSpace))
    {
        return false;
    }
    m_tableChangedTrace(TABLE_ILM, true, inLabel);
    return true;
}

bool
Protocol::RemoveIlm(uint32_t inLabel, uint32_t labelSpace)
{
    if (!m_ilm.Remove(inLabel, labelSpace))
    {
        return false;
    }
    m_tableChangedTrace(TABLE_ILM, false, inLabel);
    return true;
}

bool
Protocol::AddFtn(const PrefixFec& fec, const Nhlfe& nhlfe)
{
    if (!m_ftn.Add(fec, nhlfe))
    {
        return false;
    }
    m_tableChangedTrace(TABLE_FTN, true, fec.network.Get());
    return true;
}

bool
Protocol::RemoveFtn(const PrefixFec& fec)
{
    if (!m_ftn.Remove(fec))
    {
        return false;
    }
    m_tableChangedTrace(TABLE_FTN, false, fec.network.Get());
    return true;
}

const IlmTable&
Protocol::GetIlm() const
{
    return m_ilm;
}

const FtnTable&
Protocol::GetFtn() const
{
    return m_ftn;
}

LabelAllocator&
Protocol::GetLabelAllocator()
{
    return m_allocator;
}

uint64_t
Protocol::GetDropCount(DropReason reason) const
{
    return m_drops[reason];
}

void
Protocol::Drop(Ptr<const Packet> packet, DropReason reason)
{
    NS_LOG_LOGIC("drop " << packet << " reason " << reason);
    ++m_drops[reason];
    m_dropTrace(packet, reason);
}

bool
Protocol::SendIpv4(Ptr<Packet> payload, Ipv4Header header, const Nhlfe& nhlfe, bool decrementTtl)
{
    NS_LOG_FUNCTION(this << payload << nhlfe);
    uint8_t ttl = header.GetTtl();
    if (decrementTtl)
    {
        // The ingress LSR is an IP hop: it decrements before labeling.
        if (ttl <= 1)
        {
            payload->AddHeader(header);
            Drop(payload, DROP_TTL_EXPIRED);
            return false;
        }
        --ttl;
        header.SetTtl(ttl);
    }
    if (Node::ChecksumEnabled())
    {
        header.EnableChecksum();
    }
    if (nhlfe.IsImplicitNullPop())
    {
        // Directly connected egress advertised implicit null: send unlabeled.
        return SendPlainIpv4(payload, header, nhlfe);
    }
    payload->AddHeader(header);
    // RFC 3032 section 2.4.3: the label TTL starts from the IP TTL
    // (uniform model, RFC 3443 section 3).
    PushLabels(payload, nhlfe, ttl, m_trafficClass, true);
    m_pushTrace(payload, nhlfe.labels.back(), static_cast<uint32_t>(nhlfe.outDevice));
    return SendLabeled(payload, nhlfe);
}

void
Protocol::PushLabels(
    Ptr<Packet> packet, const Nhlfe& nhlfe, uint8_t ttl, uint8_t trafficClass, bool bottomIsBos)
{
    for (const LabelStackEntry& entry : nhlfe.MakeEntries(ttl, trafficClass, bottomIsBos))
    {
        packet->AddHeader(entry);
    }
}

Ptr<NetDevice>
Protocol::GetOutDevice(const Nhlfe& nhlfe)
{
    if (!m_node || nhlfe.outDevice < 0 ||
        static_cast<uint32_t>(nhlfe.outDevice) >= m_node->GetNDevices())
    {
        return nullptr;
    }
    return m_node->GetDevice(nhlfe.outDevice);
}

bool
Protocol::SendLabeled(Ptr<Packet> packet, const Nhlfe& nhlfe)
{
    Ptr<NetDevice> device = GetOutDevice(nhlfe);
    if (!device)
    {
        Drop(packet, DROP_NO_DEVICE);
        return false;
    }
    Address dest = device->GetBroadcast();
    if (device->NeedsArp())
    {
        // Reuse what IPv4's ARP knows about the next hop. Unresolved next
        // hops get the broadcast address (MPLS has no ARP of its own).
        Ptr<Ipv4L3Protocol> ipv4 = m_node->GetObject<Ipv4L3Protocol>();
        int32_t iface = ipv4 ? ipv4->GetInterfaceForDevice(device) : -1;
        if (iface >= 0)
        {
            Ptr<ArpCache> cache = ipv4->GetInterface(iface)->GetArpCache();
            ArpCache::Entry* entry = cache ? cache->Lookup(nhlfe.nextHop) : nullptr;
            if (entry != nullptr && entry->IsAlive())
            {
                dest = entry->GetMacAddress();
            }
        }
    }
    if (!device->Send(packet, dest, PROT_NUMBER))
    {
        Drop(packet, DROP_SEND_FAILED);
        return false;
    }
    return true;
}

bool
Protocol::SendPlainIpv4(Ptr<Packet> packet, const Ipv4Header& header, const Nhlfe& nhlfe)
{
    Ptr<NetDevice> device = GetOutDevice(nhlfe);
    if (!device)
    {
        packet->AddHeader(header);
        Drop(packet, DROP_NO_DEVICE);
        return false;
    }
    Ptr<Ipv4L3Protocol> ipv4 = m_node->GetObject<Ipv4L3Protocol>();
    int32_t iface = ipv4 ? ipv4->GetInterfaceForDevice(device) : -1;
    if (iface >= 0)
    {
        // Through the IPv4 interface: ARP and traffic control as usual.
        ipv4->GetInterface(iface)->Send(packet, header, nhlfe.nextHop);
        return true;
    }
    packet->AddHeader(header);
    if (!device->Send(packet, device->GetBroadcast(), Ipv4L3Protocol::PROT_NUMBER))
    {
        Drop(packet, DROP_SEND_FAILED);
        return false;
    }
    return true;
}

void
Protocol::Receive(Ptr<NetDevice> device,
                  Ptr<const Packet> packet,
                  uint16_t /* protocol */,
                  const Address& /* from */,
                  const Address& /* to */,
                  NetDevice::PacketType packetType)
{
    NS_LOG_FUNCTION(this << device << packet);
    if (packetType == NetDevice::PACKET_OTHERHOST)
    {
        return;
    }
    if (!IsEnabled(device->GetIfIndex()))
    {
        Drop(packet, DROP_DEVICE_NOT_ENABLED);
        return;
    }
    Ptr<Packet> copy = packet->Copy();
    LabelStackEntry top;
    if (copy->GetSize() < top.GetSerializedSize())
    {
        Drop(packet, DROP_MALFORMED);
        return;
    }
    copy->RemoveHeader(top);
    Process(copy, top, device, 1);
}

void
Protocol::Process(Ptr<Packet> packet, LabelStackEntry top, Ptr<NetDevice> inDevice, uint32_t depth)
{
    if (depth > m_maxStackDepth)
    {
        packet->AddHeader(top);
        Drop(packet, DROP_STACK_TOO_DEEP);
        return;
    }
    const uint32_t inLabel = top.GetLabel();
    const Nhlfe* found = m_ilm.Lookup(inLabel, inDevice->GetIfIndex());
    Nhlfe nhlfe;
    if (found != nullptr)
    {
        nhlfe = *found;
    }
    else if (inLabel == LABEL_IPV4_EXPLICIT_NULL)
    {
        // RFC 3032 section 2.1: pop, then process by the IPv4 header.
        nhlfe = Nhlfe::PopAndDeliver();
    }
    else
    {
        packet->AddHeader(top);
        // RFC 3031 section 3.18: an unknown label must not be forwarded
        // unlabeled; discard it.
        Drop(packet, IsReservedLabel(inLabel) ? DROP_UNSUPPORTED_LABEL : DROP_NO_ILM_ENTRY);
        return;
    }
    if (nhlfe.IsImplicitNullPop())
    {
        // Penultimate hop popping (RFC 3031 section 3.16).
        nhlfe = Nhlfe::PopAndForward(nhlfe.outDevice, nhlfe.nextHop);
    }

    const uint8_t ttl = top.GetTtl();
    if (nhlfe.op == Nhlfe::SWAP)
    {
        // RFC 3032 section 2.4.1: outgoing TTL = incoming - 1; never send 0.
        if (ttl <= 1)
        {
            packet->AddHeader(top);
            Drop(packet, DROP_TTL_EXPIRED);
            return;
        }
        PushLabels(packet, nhlfe, ttl - 1, top.GetTrafficClass(), top.IsBottomOfStack());
        m_swapTrace(packet, inLabel, nhlfe.labels.back(), static_cast<uint32_t>(nhlfe.outDevice));
        SendLabeled(packet, nhlfe);
        return;
    }

    // POP (RFC 3031 section 3.10).
    m_popTrace(packet, inLabel, inDevice->GetIfIndex());
    if (top.IsBottomOfStack())
    {
        PopBottom(packet, top, nhlfe, inDevice);
        return;
    }
    LabelStackEntry next;
    if (packet->GetSize() < next.GetSerializedSize())
    {
        Drop(packet, DROP_MALFORMED);
        return;
    }
    packet->RemoveHeader(next);
    if (nhlfe.outDevice >= 0)
    {
        if (ttl <= 1)
        {
            packet->AddHeader(next);
            Drop(packet, DROP_TTL_EXPIRED);
            return;
        }
        // Uniform model (RFC 3443 section 3.1): the exposed label inherits
        // the outgoing TTL, never a larger one.
        next.SetTtl(std::min<uint8_t>(next.GetTtl(), ttl - 1));
        packet->AddHeader(next);
        SendLabeled(packet, nhlfe);
        return;
    }
    next.SetTtl(std::min(next.GetTtl(), ttl));
    Process(packet, next, inDevice, depth + 1);
}

void
Protocol::PopBottom(Ptr<Packet> packet,
                    const LabelStackEntry& top,
                    const Nhlfe& nhlfe,
                    Ptr<NetDevice> inDevice)
{
    Ipv4Header ip;
    if (Node::ChecksumEnabled())
    {
        ip.EnableChecksum();
    }
    if (packet->GetSize() < ip.GetSerializedSize() || packet->RemoveHeader(ip) == 0 ||
        !ip.IsChecksumOk())
    {
        Drop(packet, DROP_MALFORMED);
        return;
    }
    const uint8_t ttl = top.GetTtl();
    if (nhlfe.outDevice >= 0)
    {
        // PHP: this LSR is the last MPLS hop and forwards plain IPv4.
        if (ttl <= 1)
        {
            packet->AddHeader(ip);
            Drop(packet, DROP_TTL_EXPIRED);
            return;
        }
        ip.SetTtl(std::min<uint8_t>(ip.GetTtl(), ttl - 1));
        SendPlainIpv4(packet, ip, nhlfe);
        return;
    }
    // Egress: RFC 3032 section 2.4.3 / RFC 3443 uniform model, the IP TTL
    // takes the label TTL; the IPv4 layer then decrements it if it forwards.
    ip.SetTtl(std::min(ip.GetTtl(), ttl));
    packet->AddHeader(ip);
    auto chooser = nhlfe.context != 0 ? m_choosers.find(nhlfe.context) : m_choosers.end();
    DeliverToIpv4(packet,
                  chooser != m_choosers.end() ? chooser->second(packet, inDevice)
                                              : nhlfe.deliverInterface,
                  inDevice);
}

void
Protocol::SetDeliveryChooser(uint32_t context, DeliveryChooser chooser)
{
    if (chooser.IsNull())
    {
        m_choosers.erase(context);
    }
    else
    {
        m_choosers[context] = chooser;
    }
}

void
Protocol::DeliverToIpv4(Ptr<Packet> packet, int32_t ipv4Interface, Ptr<NetDevice> inDevice)
{
    Ptr<Ipv4L3Protocol> ipv4 = m_node->GetObject<Ipv4L3Protocol>();
    int32_t iface = -1;
    if (ipv4)
    {
        iface = ipv4Interface >= 0 ? ipv4Interface : ipv4->GetInterfaceForDevice(inDevice);
    }
    if (iface < 0 || static_cast<uint32_t>(iface) >= ipv4->GetNInterfaces())
    {
        Drop(packet, DROP_NO_DEVICE);
        return;
    }
    // As if the packet had arrived on that interface: the IPv4 layer and its
    // routing protocol (a VRF at a VR port) take over from here.
    Ptr<NetDevice> device = ipv4->GetNetDevice(iface);
    ipv4->Receive(device,
                  packet,
                  Ipv4L3Protocol::PROT_NUMBER,
                  device->GetBroadcast(),
                  device->GetAddress(),
                  NetDevice::PACKET_HOST);
}

} // namespace mpls
} // namespace ns3
