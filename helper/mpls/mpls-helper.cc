// SPDX-License-Identifier: GPL-2.0-only
#include "mpls-helper.h"

#include "ns3/abort.h"
#include "ns3/ipv4-list-routing.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/loopback-net-device.h"
#include "ns3/mac48-address.h"
#include "ns3/mpls-ftn-routing.h"
#include "ns3/mpls-label-stack-header.h"
#include "ns3/mpls-p2p-channel.h"
#include "ns3/mpls-p2p-net-device.h"
#include "ns3/mpls-protocol.h"
#include "ns3/node.h"
#include "ns3/queue.h"
#include "ns3/vr-vrf-routing-protocol.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MplsHelper");

MplsHelper::MplsHelper()
    : m_ftnPriority(10)
{
    m_deviceFactory.SetTypeId("ns3::mpls::P2pNetDevice");
    m_channelFactory.SetTypeId("ns3::mpls::P2pChannel");
    m_queueFactory.SetTypeId("ns3::DropTailQueue<Packet>");
    m_protocolFactory.SetTypeId("ns3::mpls::Protocol");
}

void
MplsHelper::SetDeviceAttribute(std::string name, const AttributeValue& value)
{
    m_deviceFactory.Set(name, value);
}

void
MplsHelper::SetChannelAttribute(std::string name, const AttributeValue& value)
{
    m_channelFactory.Set(name, value);
}

void
MplsHelper::SetQueueAttribute(std::string name, const AttributeValue& value)
{
    m_queueFactory.Set(name, value);
}

void
MplsHelper::SetProtocolAttribute(std::string name, const AttributeValue& value)
{
    m_protocolFactory.Set(name, value);
}

void
MplsHelper::SetFtnPriority(int16_t priority)
{
    m_ftnPriority = priority;
}

Ptr<mpls::Protocol>
MplsHelper::Install(Ptr<Node> node) const
{
    Ptr<mpls::Protocol> mpls = node->GetObject<mpls::Protocol>();
    if (mpls)
    {
        return mpls;
    }
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    NS_ABORT_MSG_IF(!ipv4, "MplsHelper::Install: install the Internet stack first");
    Ptr<Ipv4ListRouting> list = DynamicCast<Ipv4ListRouting>(ipv4->GetRoutingProtocol());
    // An edge router with VR ports routes with a vr::VrfRoutingProtocol:
    // its ports impose the labels on their VPN's data (DataPlane Mpls), so
    // it gets no FTN hook.
    const bool edge = DynamicCast<vr::VrfRoutingProtocol>(ipv4->GetRoutingProtocol()) != nullptr;
    NS_ABORT_MSG_IF(!list && !edge,
                    "MplsHelper::Install: the node's IPv4 routing must be an Ipv4ListRouting "
                    "(or a vr::VrfRoutingProtocol)");

    mpls = m_protocolFactory.Create<mpls::Protocol>();
    node->AggregateObject(mpls);
    for (uint32_t i = 0; i < node->GetNDevices(); ++i)
    {
        Ptr<NetDevice> device = node->GetDevice(i);
        if (!DynamicCast<LoopbackNetDevice>(device))
        {
            mpls->EnableDevice(device);
        }
    }
    if (list)
    {
        Ptr<mpls::FtnRouting> ftn = CreateObject<mpls::FtnRouting>();
        list->AddRoutingProtocol(ftn, m_ftnPriority);
        ftn->SetIpv4(ipv4);
    }
    return mpls;
}

void
MplsHelper::Install(const NodeContainer& nodes) const
{
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Install(*it);
    }
}

NetDeviceContainer
MplsHelper::InstallLink(Ptr<Node> a, Ptr<Node> b) const
{
    Ptr<mpls::P2pChannel> channel = m_channelFactory.Create<mpls::P2pChannel>();
    NetDeviceContainer devices;
    for (Ptr<Node> node : {a, b})
    {
        Ptr<mpls::P2pNetDevice> device = m_deviceFactory.Create<mpls::P2pNetDevice>();
        device->SetAddress(Mac48Address::Allocate());
        device->SetQueue(m_queueFactory.Create<Queue<Packet>>());
        node->AddDevice(device);
        device->Attach(channel);
        if (Ptr<mpls::Protocol> mpls = node->GetObject<mpls::Protocol>())
        {
            mpls->EnableDevice(device);
        }
        devices.Add(device);
    }
    return devices;
}

namespace
{

/// The device at the other end of a two-ended link.
Ptr<NetDevice>
PeerOf(Ptr<NetDevice> device)
{
    Ptr<Channel> channel = device->GetChannel();
    NS_ABORT_MSG_IF(!channel || channel->GetNDevices() != 2,
                    "SetupStaticLsp: every hop needs a link with exactly two ends");
    return channel->GetDevice(0) == device ? channel->GetDevice(1) : channel->GetDevice(0);
}

/// First IPv4 address of the device's interface, or 0.0.0.0.
Ipv4Address
AddressOf(Ptr<NetDevice> device)
{
    Ptr<Ipv4> ipv4 = device->GetNode()->GetObject<Ipv4>();
    int32_t iface = ipv4 ? ipv4->GetInterfaceForDevice(device) : -1;
    if (iface < 0 || ipv4->GetNAddresses(iface) == 0)
    {
        return Ipv4Address::GetAny();
    }
    return ipv4->GetAddress(iface, 0).GetLocal();
}

Ptr<mpls::Protocol>
ProtocolOf(Ptr<Node> node)
{
    Ptr<mpls::Protocol> mpls = node->GetObject<mpls::Protocol>();
    NS_ABORT_MSG_IF(!mpls, "SetupStaticLsp: node " << node->GetId() << " has no mpls::Protocol");
    return mpls;
}

} // namespace

std::vector<uint32_t>
MplsHelper::SetupStaticLsp(const mpls::PrefixFec& fec,
                           const std::vector<Ptr<NetDevice>>& path,
                           bool php,
                           std::vector<uint32_t> labels)
{
    NS_ABORT_MSG_IF(path.empty(), "SetupStaticLsp: empty path");
    const std::size_t links = path.size();
    const std::size_t labeled = php ? links - 1 : links;
    NS_ABORT_MSG_IF(!labels.empty() && labels.size() != labeled,
                    "SetupStaticLsp: need one label per labeled link");

    // Downstream assignment: the receiving end of each link binds the label.
    std::vector<uint32_t> linkLabels(links, mpls::LABEL_IMPLICIT_NULL);
    for (std::size_t i = 0; i < labeled; ++i)
    {
        mpls::LabelAllocator& pool = ProtocolOf(PeerOf(path[i])->GetNode())->GetLabelAllocator();
        if (labels.empty())
        {
            auto label = pool.Allocate();
            NS_ABORT_MSG_IF(!label, "SetupStaticLsp: label range exhausted");
            linkLabels[i] = *label;
        }
        else
        {
            pool.Reserve(labels[i]); // may already be taken by another static LSP
            linkLabels[i] = labels[i];
        }
    }

    // Ingress: FTN entry (RFC 3031 section 3.12).
    Ptr<NetDevice> first = path[0];
    bool ok = ProtocolOf(first->GetNode())
                  ->AddFtn(fec,
                           mpls::Nhlfe::Push({linkLabels[0]},
                                             static_cast<int32_t>(first->GetIfIndex()),
                                             AddressOf(PeerOf(first))));
    NS_ABORT_MSG_IF(!ok, "SetupStaticLsp: FTN entry rejected");
    // Transit LSRs: swap (or pop when the next link is unlabeled).
    for (std::size_t i = 1; i < links; ++i)
    {
        ok = ProtocolOf(path[i]->GetNode())
                 ->AddIlm(linkLabels[i - 1],
                          mpls::Nhlfe::Swap(linkLabels[i],
                                            static_cast<int32_t>(path[i]->GetIfIndex()),
                                            AddressOf(PeerOf(path[i]))));
        NS_ABORT_MSG_IF(!ok, "SetupStaticLsp: ILM entry rejected");
    }
    // Egress: pop and hand to IPv4 on the incoming interface.
    if (!php)
    {
        ok = ProtocolOf(PeerOf(path.back())->GetNode())
                 ->AddIlm(linkLabels.back(), mpls::Nhlfe::PopAndDeliver());
        NS_ABORT_MSG_IF(!ok, "SetupStaticLsp: egress ILM entry rejected");
    }
    return linkLabels;
}

void
MplsHelper::EnablePcapInternal(std::string prefix,
                               Ptr<NetDevice> nd,
                               bool /* promiscuous */,
                               bool explicitFilename)
{
    Ptr<mpls::P2pNetDevice> device = DynamicCast<mpls::P2pNetDevice>(nd);
    if (!device)
    {
        NS_LOG_INFO("MplsHelper::EnablePcap: not an mpls::P2pNetDevice, skipped");
        return;
    }
    PcapHelper pcapHelper;
    std::string filename =
        explicitFilename ? prefix : pcapHelper.GetFilenameFromDevice(prefix, device);
    Ptr<PcapFileWrapper> file = pcapHelper.CreateFile(filename, std::ios::out, PcapHelper::DLT_PPP);
    pcapHelper.HookDefaultSink<mpls::P2pNetDevice>(device, "PromiscSniffer", file);
}

} // namespace ns3
