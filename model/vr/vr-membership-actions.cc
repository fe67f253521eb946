// SPDX-License-Identifier: GPL-2.0-only
#include "vr-membership-actions.h"

#include "ns3/log.h"

#include <type_traits>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("VrMembershipActions");

namespace vr
{

std::string
StepName(Step step)
{
    return "S" + std::to_string(static_cast<int>(step));
}

std::ostream&
operator<<(std::ostream& os, Step step)
{
    return os << StepName(step);
}

bool
SendAddition::operator==(const SendAddition& o) const
{
    return step == o.step && sequence == o.sequence;
}

bool
SendAck::operator==(const SendAck& o) const
{
    return step == o.step && toPort == o.toPort && toRouter == o.toRouter && sequence == o.sequence;
}

bool
MapUpdated::operator==(const MapUpdated& o) const
{
    return step == o.step && peerPort == o.peerPort && what == o.what;
}

bool
OpenTunnel::operator==(const OpenTunnel& o) const
{
    return step == o.step && peerPort == o.peerPort && peerRouter == o.peerRouter;
}

bool
AcceptTunnel::operator==(const AcceptTunnel& o) const
{
    return step == o.step && peerPort == o.peerPort && peerRouter == o.peerRouter;
}

bool
ExchangeRoutes::operator==(const ExchangeRoutes& o) const
{
    return step == o.step && peerPort == o.peerPort && tunnelId == o.tunnelId;
}

bool
UpdateTable::operator==(const UpdateTable& o) const
{
    return step == o.step && peerPort == o.peerPort;
}

bool
ReportError::operator==(const ReportError& o) const
{
    return step == o.step && peerPort == o.peerPort && reason == o.reason;
}

bool
ReleaseTunnel::operator==(const ReleaseTunnel& o) const
{
    return step == o.step && peerPort == o.peerPort && tunnelId == o.tunnelId;
}

Step
GetStep(const MembershipAction& action)
{
    return std::visit(
        [](const auto& a) {
            return a.step;
        },
        action);
}

Ipv4Address
GetPeer(const MembershipAction& action)
{
    return std::visit(
        [](const auto& a) -> Ipv4Address {
            if constexpr (std::is_same_v<std::decay_t<decltype(a)>, SendAddition>)
            {
                return Ipv4Address::GetAny();
            }
            else if constexpr (std::is_same_v<std::decay_t<decltype(a)>, SendAck>)
            {
                return a.toPort;
            }
            else
            {
                return a.peerPort;
            }
        },
        action);
}

std::vector<Step>
GetSteps(const MembershipActions& actions)
{
    std::vector<Step> out;
    out.reserve(actions.size());
    for (const MembershipAction& a : actions)
    {
        out.push_back(GetStep(a));
    }
    return out;
}

std::string
MapChangeName(MapUpdated::What what)
{
    switch (what)
    {
    case MapUpdated::ADDED:
        return "ADDED";
    case MapUpdated::UPDATED:
        return "UPDATED";
    case MapUpdated::REMOVED:
        return "REMOVED";
    }
    return "What(" + std::to_string(static_cast<int>(what)) + ")";
}

std::ostream&
operator<<(std::ostream& os, const SendAddition& a)
{
    return os << a.step << " SendAddition seq=" << a.sequence;
}

std::ostream&
operator<<(std::ostream& os, const SendAck& a)
{
    return os << a.step << " SendAck port=" << a.toPort << " router=" << a.toRouter
              << " seq=" << a.sequence;
}

std::ostream&
operator<<(std::ostream& os, const MapUpdated& a)
{
    return os << a.step << " MapUpdated port=" << a.peerPort << " " << MapChangeName(a.what);
}

std::ostream&
operator<<(std::ostream& os, const OpenTunnel& a)
{
    return os << a.step << " OpenTunnel port=" << a.peerPort << " router=" << a.peerRouter;
}

std::ostream&
operator<<(std::ostream& os, const AcceptTunnel& a)
{
    return os << a.step << " AcceptTunnel port=" << a.peerPort << " router=" << a.peerRouter;
}

std::ostream&
operator<<(std::ostream& os, const ExchangeRoutes& a)
{
    return os << a.step << " ExchangeRoutes port=" << a.peerPort << " tunnel=" << a.tunnelId;
}

std::ostream&
operator<<(std::ostream& os, const UpdateTable& a)
{
    return os << a.step << " UpdateTable port=" << a.peerPort;
}

std::ostream&
operator<<(std::ostream& os, const ReportError& a)
{
    return os << a.step << " ReportError port=" << a.peerPort << " reason=\"" << a.reason << "\"";
}

std::ostream&
operator<<(std::ostream& os, const ReleaseTunnel& a)
{
    return os << a.step << " ReleaseTunnel port=" << a.peerPort << " tunnel=" << a.tunnelId;
}

std::ostream&
operator<<(std::ostream& os, const MembershipAction& action)
{
    std::visit(
        [&os](const auto& a) {
            os << a;
        },
        action);
    return os;
}

std::ostream&
operator<<(std::ostream& os, const MembershipActions& actions)
{
    const char* sep = "";
    for (const MembershipAction& a : actions)
    {
        os << sep << a;
        sep = "; ";
    }
    return os;
}

} // namespace vr
} // namespace ns3
