// SPDX-License-Identifier: GPL-2.0-only
#include "ppp-ipcp-policy.h"

#include "ns3/log.h"

namespace ns3
{
namespace ppp
{

NS_LOG_COMPONENT_DEFINE("PppIpcpPolicy");

IpcpPolicy::IpcpPolicy(const Config& config)
    : m_config(config)
    , m_requestAddress(true)
    , m_askedForAddress(false)
{
    Reset();
}

void
IpcpPolicy::Reset()
{
    m_requestAddress = true;
    m_wantLocal = m_config.localAddress;
    m_local = Ipv4Address::GetAny();
    m_peer = Ipv4Address::GetAny();
    m_askedForAddress = false;
}

std::vector<ControlOption>
IpcpPolicy::BuildRequest()
{
    if (!m_requestAddress)
    {
        return {};
    }
    // RFC 1332 3.3: our address, or 0.0.0.0 to have the peer provide one.
    return {ControlOption::MakeAddress(IPCP_IP_ADDRESS, m_wantLocal)};
}

OptionPolicy::Judgement
IpcpPolicy::JudgeOption(const ControlOption& option,
                        bool rejectIfDisagree,
                        ControlOption& suggestion)
{
    if (option.GetType() != IPCP_IP_ADDRESS)
    {
        return REJECT;
    }
    Ipv4Address address;
    if (!option.GetAddress(address))
    {
        return REJECT;
    }
    const Ipv4Address assign = m_config.peerAddress;
    if (address == Ipv4Address::GetAny())
    {
        // 3.3: the peer asks us for its address; without one to give, the
        // option cannot be negotiated.
        if (assign == Ipv4Address::GetAny())
        {
            return REJECT;
        }
        suggestion = ControlOption::MakeAddress(IPCP_IP_ADDRESS, assign);
        return rejectIfDisagree ? REJECT : NAK;
    }
    if (assign != Ipv4Address::GetAny() && address != assign)
    {
        suggestion = ControlOption::MakeAddress(IPCP_IP_ADDRESS, assign);
        return rejectIfDisagree ? REJECT : NAK;
    }
    return ACCEPT;
}

std::vector<ControlOption>
IpcpPolicy::MissingOptions(const std::vector<ControlOption>& options, bool rejectIfDisagree)
{
    for (const ControlOption& option : options)
    {
        if (option.GetType() == IPCP_IP_ADDRESS)
        {
            return {};
        }
    }
    if (m_config.peerAddress == Ipv4Address::GetAny() || m_askedForAddress || rejectIfDisagree)
    {
        return {};
    }
    m_askedForAddress = true; // only once: the peer may not want the option
    return {ControlOption::MakeAddress(IPCP_IP_ADDRESS, m_config.peerAddress)};
}

void
IpcpPolicy::CommitPeer(const std::vector<ControlOption>& options)
{
    m_peer = m_config.peerAddress;
    for (const ControlOption& option : options)
    {
        if (option.GetType() == IPCP_IP_ADDRESS)
        {
            option.GetAddress(m_peer);
        }
    }
}

void
IpcpPolicy::RequestAcked(const std::vector<ControlOption>& /* options */)
{
    m_local = m_requestAddress ? m_wantLocal : Ipv4Address::GetAny();
}

bool
IpcpPolicy::NakReceived(const std::vector<ControlOption>& options)
{
    for (const ControlOption& option : options)
    {
        Ipv4Address address;
        if (option.GetType() == IPCP_IP_ADDRESS && option.GetAddress(address) &&
            address != Ipv4Address::GetAny())
        {
            // 3.3: the Nak's address is the one to use.
            NS_LOG_LOGIC("peer suggests local address " << address);
            m_requestAddress = true;
            m_wantLocal = address;
        }
    }
    return true;
}

bool
IpcpPolicy::RejectReceived(const std::vector<ControlOption>& options)
{
    const std::vector<ControlOption> request = BuildRequest();
    if (options.empty() || !TypesFollowRequest(options, request))
    {
        return false;
    }
    for (const ControlOption& option : options)
    {
        if (option != request.front())
        {
            return false; // 5.4: unmodified
        }
    }
    m_requestAddress = false;
    return true;
}

Ipv4Address
IpcpPolicy::GetLocalAddress() const
{
    return m_local;
}

Ipv4Address
IpcpPolicy::GetPeerAddress() const
{
    return m_peer;
}

} // namespace ppp
} // namespace ns3
