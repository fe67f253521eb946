// SPDX-License-Identifier: GPL-2.0-only
#include "l2tp-session-channel.h"

#include "ns3/log.h"

namespace ns3
{
namespace l2tp
{

NS_LOG_COMPONENT_DEFINE("L2tpSessionChannel");

NS_OBJECT_ENSURE_REGISTERED(SessionChannel);

TypeId
SessionChannel::GetTypeId()
{
    static TypeId tid = TypeId("ns3::l2tp::SessionChannel")
                            .SetParent<Channel>()
                            .SetGroupName("L2tp")
                            .AddConstructor<SessionChannel>();
    return tid;
}

SessionChannel::SessionChannel() = default;

void
SessionChannel::Attach(Ptr<NetDevice> device)
{
    if (m_devices.size() >= 2)
    {
        NS_LOG_WARN("a session channel has two ends; " << device << " not attached");
        return;
    }
    m_devices.push_back(device);
}

std::size_t
SessionChannel::GetNDevices() const
{
    return m_devices.size();
}

Ptr<NetDevice>
SessionChannel::GetDevice(std::size_t i) const
{
    return i < m_devices.size() ? m_devices[i] : nullptr;
}

void
SessionChannel::DoDispose()
{
    m_devices.clear();
    Channel::DoDispose();
}

} // namespace l2tp
} // namespace ns3
