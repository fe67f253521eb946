/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ldp-label-driver.h"

#include "ldp-address-messages.h"
#include "ldp-fec.h"
#include "ldp-label-messages.h"
#include "ldp-session-messages.h"

#include "ns3/ipv4-header.h"
#include "ns3/ipv4-list-routing.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/loopback-net-device.h"
#include "ns3/mpls-ftn-routing.h"
#include "ns3/mpls-protocol.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LdpLabelDriver");

namespace ldp
{

namespace
{

/// The IPv4 prefix of a FEC element (host addresses as /32).
std::optional<mpls::PrefixFec>
ToPrefix(const FecElement& e)
{
    if (!e.IsIpv4())
    {
        return std::nullopt;
    }
    if (e.type == FEC_PREFIX)
    {
        return mpls::PrefixFec(e.GetIpv4Address(), e.GetPrefixLength());
    }
    if (e.type == FEC_HOST_ADDRESS)
    {
        return mpls::PrefixFec(e.GetIpv4Address(), 32);
    }
    return std::nullopt;
}

/// The wire form of an engine message (RFC 5036 sections 3.5.7-3.5.11).
Message
ToWire(const LabelMessage& m, uint32_t messageId)
{
    const FecTlv fec(m.wildcard ? FecElement::Wildcard()
                                : FecElement::Ipv4Prefix(m.fec.network, m.fec.length));
    switch (m.type)
    {
    case LabelMessage::MAPPING: {
        LabelMappingMessage msg;
        msg.SetMessageId(messageId);
        msg.SetFec(fec);
        msg.SetLabel(m.label.value_or(0));
        if (m.requestId)
        {
            msg.SetLabelRequestId(*m.requestId);
        }
        return msg.ToGeneric();
    }
    case LabelMessage::WITHDRAW:
    case LabelMessage::RELEASE: {
        LabelWithdrawMessage withdraw;
        LabelReleaseMessage release;
        FecOptionalLabelMessage& msg = m.type == LabelMessage::WITHDRAW
                                           ? static_cast<FecOptionalLabelMessage&>(withdraw)
                                           : static_cast<FecOptionalLabelMessage&>(release);
        msg.SetMessageId(messageId);
        msg.SetFec(fec);
        if (m.label)
        {
            msg.SetLabel(*m.label);
        }
        return msg.ToGeneric();
    }
    case LabelMessage::NOTIFICATION:
        break;
    }
    NotificationMessage n(StatusTlv::Make(m.status, m.requestId.value_or(0), MSG_LABEL_REQUEST),
                          messageId);
    return n.ToGeneric();
}

} // namespace

LabelDriver::LabelDriver(Ptr<Node> node, EgressLabel egressLabel, Hooks hooks)
    : m_ipv4(node->GetObject<Ipv4>())
    , m_mpls(node->GetObject<mpls::Protocol>())
    , m_hooks(std::move(hooks))
{
    NS_ASSERT_MSG(m_ipv4 && m_mpls, "LabelDriver needs IPv4 and mpls::Protocol");
    LabelEngine::Config config;
    config.egressLabel = egressLabel;
    m_engine = std::make_unique<LabelEngine>(
        &m_mpls->GetLabelAllocator(),
        [this](const mpls::PrefixFec& fec) {
            return LookupRoute(fec);
        },
        config);
}

LabelDriver::~LabelDriver() = default;

bool
LabelDriver::IsLocal(const mpls::PrefixFec& fec) const
{
    return m_configured.count(fec) != 0 || m_connected.count(fec) != 0;
}

void
LabelDriver::AddLocalFec(const mpls::PrefixFec& fec)
{
    const bool was = IsLocal(fec);
    m_configured.insert(fec);
    if (!was)
    {
        Apply(m_engine->AddLocalFec(fec));
    }
}

void
LabelDriver::SetConnectedFecs(const std::set<mpls::PrefixFec>& fecs)
{
    const std::set<mpls::PrefixFec> old = m_connected;
    m_connected = fecs;
    for (const mpls::PrefixFec& fec : fecs)
    {
        if (old.count(fec) == 0 && m_configured.count(fec) == 0)
        {
            Apply(m_engine->AddLocalFec(fec));
        }
    }
    for (const mpls::PrefixFec& fec : old)
    {
        if (!IsLocal(fec))
        {
            Apply(m_engine->RemoveLocalFec(fec));
        }
    }
}

void
LabelDriver::RoutingChanged()
{
    Apply(m_engine->RoutingChanged());
}

void
LabelDriver::PeerUp(Ipv4Address peer)
{
    Apply(m_engine->PeerUp(peer));
}

void
LabelDriver::PeerDown(Ipv4Address peer)
{
    Apply(m_engine->PeerDown(peer));
}

void
LabelDriver::Clear()
{
    for (const LfibChange& c : m_engine->Reset().lfib)
    {
        ApplyLfib(c);
    }
    m_connected.clear();
}

const LabelEngine&
LabelDriver::GetEngine() const
{
    return *m_engine;
}

std::optional<Time>
LabelDriver::GetFtnInstallTime(const mpls::PrefixFec& fec) const
{
    auto it = m_ftnTimes.find(fec);
    return it == m_ftnTimes.end() ? std::nullopt : std::optional<Time>(it->second);
}

std::optional<Time>
LabelDriver::GetIlmInstallTime(const mpls::PrefixFec& fec) const
{
    auto it = m_ilmTimes.find(fec);
    return it == m_ilmTimes.end() ? std::nullopt : std::optional<Time>(it->second);
}

std::optional<NextHop>
LabelDriver::LookupRoute(const mpls::PrefixFec& fec) const
{
    if (!m_ipv4 || !m_ipv4->GetRoutingProtocol())
    {
        return std::nullopt;
    }
    Ipv4Header header;
    header.SetDestination(fec.network);
    Ptr<Packet> probe = Create<Packet>();
    Socket::SocketErrno err;
    Ptr<Ipv4Route> route;
    Ptr<Ipv4RoutingProtocol> rp = m_ipv4->GetRoutingProtocol();
    if (Ptr<Ipv4ListRouting> list = DynamicCast<Ipv4ListRouting>(rp))
    {
        // The IGP's view: the MPLS ingress hook would answer with the LSP.
        for (uint32_t i = 0; i < list->GetNRoutingProtocols() && !route; ++i)
        {
            int16_t priority;
            Ptr<Ipv4RoutingProtocol> proto = list->GetRoutingProtocol(i, priority);
            if (!DynamicCast<mpls::FtnRouting>(proto))
            {
                route = proto->RouteOutput(probe, header, nullptr, err);
            }
        }
    }
    else
    {
        route = rp->RouteOutput(probe, header, nullptr, err);
    }
    if (!route || !route->GetOutputDevice() ||
        DynamicCast<LoopbackNetDevice>(route->GetOutputDevice()))
    {
        return std::nullopt;
    }
    return NextHop{route->GetGateway(),
                   static_cast<int32_t>(route->GetOutputDevice()->GetIfIndex())};
}

void
LabelDriver::Apply(const EngineOutput& out)
{
    for (const LfibChange& c : out.lfib)
    {
        ApplyLfib(c);
    }
    // Messages for one peer go out together (several per PDU).
    std::map<uint32_t, std::vector<Message>> batches;
    for (const LabelMessage& m : out.messages)
    {
        batches[m.peer.Get()].push_back(ToWire(m, m_hooks.allocateMessageId()));
    }
    for (const auto& [id, messages] : batches)
    {
        m_hooks.send(Ipv4Address(id), messages);
    }
}

void
LabelDriver::ApplyLfib(const LfibChange& c)
{
    bool ok = true;
    const bool add = c.kind == LfibChange::ADD;
    if (c.table == LfibChange::FTN)
    {
        ok = add ? m_mpls->AddFtn(c.fec, c.nhlfe) : m_mpls->RemoveFtn(c.fec);
        if (add)
        {
            m_ftnTimes[c.fec] = Simulator::Now();
        }
        else
        {
            m_ftnTimes.erase(c.fec);
        }
    }
    else
    {
        ok = add ? m_mpls->AddIlm(c.inLabel, c.nhlfe) : m_mpls->RemoveIlm(c.inLabel);
        if (add)
        {
            m_ilmTimes[c.fec] = Simulator::Now();
        }
        else
        {
            m_ilmTimes.erase(c.fec);
        }
    }
    NS_LOG_INFO("node " << m_mpls->GetNode()->GetId() << ": " << c);
    if (!ok)
    {
        NS_LOG_WARN("mpls::Protocol refused: " << c);
    }
    m_hooks.lfibChanged(c);
}

void
LabelDriver::Receive(Ipv4Address peer, const Message& message)
{
    switch (message.GetType())
    {
    case MSG_ADDRESS:
        Apply(m_engine->ReceiveAddress(peer,
                                       static_cast<const AddressMessage&>(message).GetAddresses()));
        break;
    case MSG_ADDRESS_WITHDRAW:
        Apply(m_engine->ReceiveAddressWithdraw(
            peer, static_cast<const AddressWithdrawMessage&>(message).GetAddresses()));
        break;
    case MSG_LABEL_MAPPING: {
        const auto& m = static_cast<const LabelMappingMessage&>(message);
        // Section 3.4.1: the label binds to each FEC element.
        for (const FecElement& e : m.GetFec().elements)
        {
            if (std::optional<mpls::PrefixFec> fec = ToPrefix(e))
            {
                Apply(m_engine->ReceiveMapping(peer, *fec, m.GetLabel()));
            }
        }
        break;
    }
    case MSG_LABEL_REQUEST: {
        const auto& m = static_cast<const LabelRequestMessage&>(message);
        for (const FecElement& e : m.GetFec().elements)
        {
            if (std::optional<mpls::PrefixFec> fec = ToPrefix(e))
            {
                Apply(m_engine->ReceiveRequest(peer, *fec, m.GetMessageId()));
            }
        }
        break;
    }
    case MSG_LABEL_WITHDRAW:
    case MSG_LABEL_RELEASE: {
        const auto& m = static_cast<const FecOptionalLabelMessage&>(message);
        const std::optional<uint32_t> label =
            m.HasLabel() ? std::optional<uint32_t>(m.GetLabel()) : std::nullopt;
        for (const FecElement& e : m.GetFec().elements)
        {
            std::optional<mpls::PrefixFec> fec = ToPrefix(e);
            if (!fec && e.type != FEC_WILDCARD)
            {
                continue;
            }
            Apply(message.GetType() == MSG_LABEL_WITHDRAW
                      ? m_engine->ReceiveWithdraw(peer, fec, label)
                      : m_engine->ReceiveRelease(peer, fec, label));
        }
        break;
    }
    default:
        // Label Abort Request: Downstream Unsolicited has no request to abort.
        break;
    }
}

} // namespace ldp
} // namespace ns3
