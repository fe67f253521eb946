// SPDX-License-Identifier: GPL-2.0-only
#include "mpls-p2p-channel.h"

#include "mpls-p2p-net-device.h"

#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

namespace ns3
{
namespace mpls
{

NS_LOG_COMPONENT_DEFINE("MplsP2pChannel");
NS_OBJECT_ENSURE_REGISTERED(P2pChannel);

TypeId
P2pChannel::GetTypeId()
{
    static TypeId tid = TypeId("ns3::mpls::P2pChannel")
                            .SetParent<Channel>()
                            .SetGroupName("Mpls")
                            .AddConstructor<P2pChannel>()
                            .AddAttribute("Delay",
                                          "Propagation delay of each direction of the wire.",
                                          TimeValue(Seconds(0)),
                                          MakeTimeAccessor(&P2pChannel::m_delay),
                                          MakeTimeChecker());
    return tid;
}

P2pChannel::P2pChannel()
    : m_nEnds(0)
{
}

bool
P2pChannel::Attach(Ptr<P2pNetDevice> device)
{
    if (m_nEnds >= 2 || !device)
    {
        return false;
    }
    m_ends[m_nEnds++] = device;
    if (m_nEnds == 2)
    {
        m_ends[0]->NotifyLinkUp();
        m_ends[1]->NotifyLinkUp();
    }
    return true;
}

Ptr<P2pNetDevice>
P2pChannel::GetPeer(Ptr<const P2pNetDevice> device) const
{
    if (m_nEnds < 2)
    {
        return nullptr;
    }
    if (m_ends[0] == device)
    {
        return m_ends[1];
    }
    if (m_ends[1] == device)
    {
        return m_ends[0];
    }
    return nullptr;
}

bool
P2pChannel::TransmitStart(Ptr<const Packet> packet, Ptr<P2pNetDevice> src, Time txTime)
{
    Ptr<P2pNetDevice> dst = GetPeer(src);
    if (!dst)
    {
        return false;
    }
    // Deliver in the receiver's context so that its events log its node id.
    Simulator::ScheduleWithContext(dst->GetNode()->GetId(),
                                   txTime + m_delay,
                                   &P2pNetDevice::Receive,
                                   dst,
                                   packet->Copy());
    return true;
}

std::size_t
P2pChannel::GetNDevices() const
{
    return m_nEnds;
}

Ptr<NetDevice>
P2pChannel::GetDevice(std::size_t i) const
{
    return i < m_nEnds ? Ptr<NetDevice>(m_ends[i]) : nullptr;
}

void
P2pChannel::DoDispose()
{
    m_ends[0] = nullptr;
    m_ends[1] = nullptr;
    m_nEnds = 0;
    Channel::DoDispose();
}

} // namespace mpls
} // namespace ns3
