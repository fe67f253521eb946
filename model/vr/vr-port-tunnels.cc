// SPDX-License-Identifier: GPL-2.0-only
//
// vr::VrPort, second part: the tunnels to the peer ports (S5, S15, their
// results, release), the route exchange over them, monitoring (Fig. 10) and
// the MPLS data plane (Fig. 13). The first part, vr-port.cc, has the
// attributes, start and stop, and the discovery messages.

#include "vr-discovery-port.h"
#include "vr-port.h"
#include "vr-tunnel-authorizer.h"
#include "vr-vrf-routing-protocol.h"

#include "ns3/boolean.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4.h"
#include "ns3/ipvpn-routing-protocol.h"
#include "ns3/l2tp-control-connection.h"
#include "ns3/l2tp-session-net-device.h"
#include "ns3/ldp-protocol.h"
#include "ns3/log.h"
#include "ns3/mpls-protocol.h"
#include "ns3/node.h"
#include "ns3/ospf-packet-header.h"
#include "ns3/ospf-protocol.h"
#include "ns3/ppp-endpoint.h"
#include "ns3/radius-server.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

#include <sstream>

namespace ns3
{
namespace vr
{

NS_LOG_COMPONENT_DEFINE("VrPortTunnels");

void
VrPort::ScheduleMonitor()
{
    m_monitorEvent.Cancel();
    const Time deadline = m_monitor->NextDeadline();
    if (deadline != Time::Max())
    {
        m_monitorEvent =
            Simulator::Schedule(std::max(deadline - Simulator::Now(), Time(0)),
                                &VrPort::OnMonitorTimer,
                                this);
    }
}

void
VrPort::OnMonitorTimer()
{
    Apply(m_monitor->OnTimer(Simulator::Now()));
    ScheduleMonitor();
}

void
VrPort::Apply(const MonitorActions& actions)
{
    Ptr<DiscoveryPort> discovery = DiscoveryPort::Get(m_node);
    const Time now = Simulator::Now();
    for (const MonitorAction& action : actions)
    {
        std::ostringstream text;
        text << action;
        if (const auto* send = std::get_if<SendMonitor>(&action))
        {
            // Not reported as a step: one per period and peer.
            discovery->Send(m_monitor->MakeMessage(*send), m_address, send->peerPort);
            continue;
        }
        if (const auto* reply = std::get_if<SendMonitorReply>(&action))
        {
            discovery->Send(m_monitor->MakeMessage(*reply), m_address, reply->toPort);
            continue;
        }
        NS_LOG_INFO(m_name << " " << text.str());
        if (const auto* silent = std::get_if<PeerSilent>(&action))
        {
            // The membership engine reports S32 and S33 as steps.
            m_actionTrace(Step::S32, silent->peerPort, text.str());
            m_engine->OnPeerSilent(silent->peerPort, now);
        }
        else if (const auto* hold = std::get_if<StartHold>(&action))
        {
            m_actionTrace(Step::S33, hold->peerPort, text.str());
        }
        else if (const auto* cleared = std::get_if<HoldCleared>(&action))
        {
            // S34: the port answers again; S35: in time, the timer stops
            // (the membership engine reports both steps).
            m_actionTrace(Step::S35, cleared->peerPort, text.str());
            m_engine->OnPeerRestored(cleared->peerPort, now);
        }
        else if (const auto* reopen = std::get_if<vr::ReopenTunnel>(&action))
        {
            m_actionTrace(GetStep(action), reopen->peerPort, text.str());
            auto it = m_peers.find(reopen->peerPort);
            // The port that opened the tunnel opens it again; the other
            // waits for it with a new server end.
            const bool client = it == m_peers.end() || it->second.client;
            if (it != m_peers.end())
            {
                m_peers.erase(it);
            }
            m_peers[reopen->peerPort].reopening = true;
            m_peers[reopen->peerPort].client = client;
            Simulator::ScheduleNow(&VrPort::CreateTunnel, this, reopen->peerPort, client);
        }
        else if (const auto* remove = std::get_if<RemoveTunnel>(&action))
        {
            // S36-S39 as the membership engine orders them: it releases
            // the tunnel, deletes the peer and re-exchanges routes.
            Apply(m_engine->OnPeerRemoved(remove->peerPort, now));
        }
        // DeletePeer, ReexchangeRoutes, UpdateTables: done by the line above.
    }
}

void
VrPort::StartExchange(Ipv4Address peerPort)
{
    auto it = m_peers.find(peerPort);
    if (it != m_peers.end() && it->second.interface >= 0 && !it->second.exchanging)
    {
        it->second.exchanging = true;
        // Every tunnel of the port carries the port's address: unnumbered
        // links for OSPF.
        m_ospf->SetInterfaceUnnumbered(static_cast<uint32_t>(it->second.interface));
        m_ospf->AddInterface(static_cast<uint32_t>(it->second.interface));
    }
}

void
VrPort::CreateTunnel(Ipv4Address peerPort, bool client)
{
    if (!m_started)
    {
        return; // stopped meanwhile
    }
    auto existing = m_peers.find(peerPort);
    if (existing != m_peers.end() && existing->second.end && client &&
        !existing->second.client && !existing->second.up)
    {
        // Crossed additions: we accepted the peer (S15), then the engine
        // made us the side that opens (the lower address): the waiting
        // responder end goes.
        ReleaseTunnel(peerPort, false);
    }
    Peer& peer = m_peers[peerPort];
    if (peer.end)
    {
        return; // already there (a repeated S5 or S15)
    }
    peer.client = client;
    peer.tunnelId = DiscoveryPort::Get(m_node)->AllocateTunnelId();
    peer.end = m_l2tpFactory.Create<l2tp::ControlConnection>();
    peer.end->SetAttribute("Initiator", BooleanValue(client));
    peer.end->SetAttribute("PeerAddress", Ipv4AddressValue(peerPort));
    peer.end->SetAttribute("LocalAddress", Ipv4AddressValue(m_address));
    peer.end->SetAttribute("LocalTunnelId", UintegerValue(peer.tunnelId));
    peer.end->SetAttribute("HostName", StringValue(m_name));
    peer.end->SetAttribute("Secret", StringValue(m_tunnelSecret));
    peer.end->SetAttribute("OpenSessionOnUp", BooleanValue(client));
    const bool connected =
        peer.end->TraceConnectWithoutContext(
            "TunnelUp",
            MakeCallback(&VrPort::OnTunnelUp, this)
                .Bind(peerPort, static_cast<const l2tp::ControlConnection*>(PeekPointer(peer.end)))) &&
        peer.end->TraceConnectWithoutContext(
            "TunnelDown",
            MakeCallback(&VrPort::OnTunnelDownTrace, this)
                .Bind(peerPort, static_cast<const l2tp::ControlConnection*>(PeekPointer(peer.end))));
    NS_ABORT_MSG_UNLESS(connected, "vr::VrPort: tunnel traces not found");
    m_authorizer->Install(peer.end, peerPort);
    // The peer's RADIUS client asks our server (the existing port's, and
    // with mutual authentication the new port's too).
    m_radiusServer->AddClient(peerPort, m_radiusSecret);

    // The session's interface, in the port's VRF: the port's address as a
    // /32 on every tunnel (see the header), IPCP asking for it.
    Ptr<Ipv4> ipv4 = m_node->GetObject<Ipv4>();
    Ptr<ppp::Endpoint> ppp = CreateObject<ppp::Endpoint>();
    ppp->SetAttribute("LocalAddress", Ipv4AddressValue(m_address));
    ppp->SetAttribute("PeerAddress", Ipv4AddressValue(peerPort));
    peer.device = CreateObject<l2tp::SessionNetDevice>();
    peer.device->SetPppEndpoint(ppp);
    m_node->AddDevice(peer.device);
    peer.device->Attach(peer.end);
    m_vrfRouting->AssignDevice(peer.device, m_vrfId);
    if (m_dataPlane == DATA_MPLS)
    {
        peer.device->SetIpv4Diversion(
            MakeCallback(&VrPort::DivertToMpls, this).Bind(peerPort));
    }
    peer.interface = static_cast<int32_t>(ipv4->AddInterface(peer.device));
    ipv4->AddAddress(peer.interface, Ipv4InterfaceAddress(m_address, Ipv4Mask::GetOnes()));
    ipv4->SetUp(peer.interface);
    GetRouting()->AddStaticRoute(peerPort,
                                 Ipv4Mask::GetOnes(),
                                 static_cast<uint32_t>(peer.interface));

    peer.end->SetStartTime(Seconds(0));
    m_node->AddApplication(peer.end);
    if (!client && !peer.reopening)
    {
        Simulator::Schedule(m_acceptTimeout, &VrPort::OnAcceptTimeout, this, peerPort, peer.end);
    }
}

void
VrPort::OnAcceptTimeout(Ipv4Address peerPort, Ptr<l2tp::ControlConnection> end)
{
    auto it = m_peers.find(peerPort);
    if (it == m_peers.end() || it->second.end != end || it->second.up)
    {
        return;
    }
    NS_LOG_INFO(m_name << ": no tunnel from " << peerPort << " within " << m_acceptTimeout);
    const uint16_t id = it->second.tunnelId;
    ReleaseTunnel(peerPort, false);
    Apply(m_engine->OnServerResult(peerPort, false, id, Simulator::Now()));
}

void
VrPort::OnTunnelUp(Ipv4Address peerPort,
                   const l2tp::ControlConnection* end,
                   uint16_t /* peerTunnelId */)
{
    auto it = m_peers.find(peerPort);
    if (it == m_peers.end() || PeekPointer(it->second.end) != end || it->second.up)
    {
        return;
    }
    it->second.up = true;
    if (it->second.reopening)
    {
        // A tunnel to a known peer, opened again (Fig. 10, S35): the map
        // and the engine's state stand; only the route exchange restarts.
        it->second.reopening = false;
        Apply(m_monitor->OnTunnelUp(peerPort));
        StartExchange(peerPort);
        return;
    }
    Apply(m_monitor->AddPeer(peerPort, Simulator::Now()));
    ScheduleMonitor();
    if (it->second.client)
    {
        Apply(m_engine->OnClientResult(peerPort, true, it->second.tunnelId, Simulator::Now()));
    }
    else
    {
        Apply(m_engine->OnServerResult(peerPort, true, it->second.tunnelId, Simulator::Now()));
    }
}

void
VrPort::OnTunnelDownTrace(Ipv4Address peerPort,
                          const l2tp::ControlConnection* end,
                          l2tp::ControlFsm::DownReason /* reason */,
                          uint16_t /* resultCode */)
{
    auto it = m_peers.find(peerPort);
    if (it != m_peers.end() && PeekPointer(it->second.end) == end)
    {
        OnTunnelDown(peerPort);
    }
}

void
VrPort::OnTunnelDown(Ipv4Address peerPort)
{
    auto it = m_peers.find(peerPort);
    if (it == m_peers.end())
    {
        return;
    }
    if (!it->second.up && !it->second.reopening)
    {
        // Refused or lost before it came up: S6 at the new port, S21 at
        // the existing one.
        const bool client = it->second.client;
        const uint16_t id = it->second.tunnelId;
        ReleaseTunnel(peerPort, false);
        Apply(client ? m_engine->OnClientResult(peerPort, false, id, Simulator::Now())
                     : m_engine->OnServerResult(peerPort, false, id, Simulator::Now()));
        return;
    }
    // Monitoring decides what happens next (Fig. 10): the keepalive
    // dropping a tunnel (or a reopened one failing again) deletes nothing
    // before the hold time runs out; the next reply reopens it.
    const bool client = it->second.client;
    ReleaseTunnel(peerPort, false);
    Peer& peer = m_peers[peerPort];
    peer.client = client;
    peer.reopening = true;
    Apply(m_monitor->OnTunnelDown(peerPort));
}

void
VrPort::OnNeighborState(Ipv4Address /* routerId */,
                        uint32_t interface,
                        Ipv4Address neighborId,
                        ospf::NeighborState /* from */,
                        ospf::NeighborState to)
{
    if (to != ospf::NeighborState::FULL)
    {
        return;
    }
    // The per-VPN router ID of a peer is its port address.
    auto it = m_peers.find(neighborId);
    if (it == m_peers.end() || it->second.interface != static_cast<int32_t>(interface) ||
        it->second.exchanged)
    {
        return;
    }
    it->second.exchanged = true;
    Apply(m_engine->OnRoutesExchanged(neighborId, Simulator::Now()));
}

void
VrPort::ReleaseTunnel(Ipv4Address peerPort, bool close)
{
    auto it = m_peers.find(peerPort);
    if (it == m_peers.end())
    {
        return;
    }
    Peer& peer = it->second;
    Ptr<Ipv4> ipv4 = m_node->GetObject<Ipv4>();
    if (peer.interface >= 0)
    {
        GetRouting()->RemoveStaticRoute(peerPort, Ipv4Mask::GetOnes());
        ipv4->SetDown(static_cast<uint32_t>(peer.interface));
    }
    Ptr<l2tp::ControlConnection> end = peer.end;
    m_peers.erase(it);
    if (!end)
    {
        return;
    }
    // The end leaves the node's L2TP port (disposed: it takes no SCCRQ of
    // a later tunnel), after its StopCCN has had its hold time when we
    // close it (RFC 2661 5.7; releases the L2TP parameters: S36).
    Time linger = Seconds(0);
    if (close)
    {
        end->Close();
        TimeValue hold;
        end->GetAttribute("StopCcnHoldTime", hold);
        linger = hold.Get();
    }
    Simulator::Schedule(linger, &l2tp::ControlConnection::Dispose, end);
}


void
VrPort::OnLfibChange(mpls::Protocol::Table table, bool added, uint32_t /* label */)
{
    if (table == mpls::Protocol::TABLE_ILM && added)
    {
        // Any ILM entry may be LDP (re)binding ours; BindLabel returns at
        // once when the label matrix entry is already in place.
        // Not from inside the LFIB's own change: a zero-delay event.
        Simulator::ScheduleNow(&VrPort::BindLabel, this);
    }
}

void
VrPort::BindLabel()
{
    Ptr<mpls::Protocol> mpls = m_node->GetObject<mpls::Protocol>();
    Ptr<ldp::Protocol> ldp = m_node->GetObject<ldp::Protocol>();
    const std::optional<uint32_t> label = ldp->GetLocalLabel(mpls::PrefixFec(m_address, 32));
    if (!label || *label < 16)
    {
        return; // not bound yet, or a reserved label (the router's LDP is not NonNull)
    }
    // The label matrix (unit 37): label F leads into this port's VRF, as if
    // the packet had come in on the port's user line.
    const mpls::Nhlfe entry = mpls::Nhlfe::PopAndDeliver(static_cast<int32_t>(m_userInterfaces.front()),
                                                         m_vrfId);
    const mpls::Nhlfe* current = mpls->GetIlm().Find(*label);
    if (m_label == label && current && current->deliverInterface == entry.deliverInterface)
    {
        return;
    }
    m_label = label;
    mpls->AddIlm(*label, entry);
    NS_LOG_INFO(m_name << ": label " << *label << " leads into VRF " << m_vrfId);
}

int32_t
VrPort::ChooseLabelledDelivery(Ptr<const Packet> datagram, Ptr<NetDevice> /* inDevice */)
{
    Ipv4Header header;
    datagram->PeekHeader(header);
    // Addressed to the port itself (discovery answers, tunnel and RADIUS
    // messages that a core LSR labelled on the way): the core side, where
    // the port's control sockets are; anything else is user data for the
    // port's VRF, as if it had come in on the user line.
    return header.GetDestination() == m_address ? -1
                                                : static_cast<int32_t>(m_userInterfaces.front());
}

std::optional<uint32_t>
VrPort::GetLabel() const
{
    return m_label;
}

uint64_t
VrPort::GetLabelledCount() const
{
    return m_labelled;
}

uint64_t
VrPort::GetUnlabelledCount() const
{
    return m_unlabelled;
}

std::optional<uint32_t>
VrPort::GetPushLabel(Ipv4Address peerPort) const
{
    Ptr<mpls::Protocol> mpls =
        m_dataPlane == DATA_MPLS && m_node ? m_node->GetObject<mpls::Protocol>() : nullptr;
    const mpls::Nhlfe* push = mpls ? mpls->GetFtn().Find(mpls::PrefixFec(peerPort, 32)) : nullptr;
    if (!push || push->labels.empty())
    {
        return std::nullopt;
    }
    return push->labels.back();
}

bool
VrPort::DivertToMpls(Ipv4Address peerPort, Ptr<Packet> datagram)
{
    Ipv4Header header;
    datagram->PeekHeader(header);
    if (header.GetProtocol() == ospf::OSPF_PROTOCOL_NUMBER)
    {
        return false; // OSPF: the routing exchange stays in the session
    }
    Ptr<mpls::Protocol> mpls = m_node->GetObject<mpls::Protocol>();
    const mpls::Nhlfe* push = mpls->GetFtn().Find(mpls::PrefixFec(peerPort, 32));
    if (!push)
    {
        ++m_unlabelled; // no LSP to the peer port yet: the session carries it
        return false;
    }
    Ptr<Packet> payload = datagram->Copy();
    payload->RemoveHeader(header);
    ++m_labelled;
    // IP forwarding has already decremented the TTL.
    mpls->SendIpv4(payload, header, *push, false);
    return true;
}

} // namespace vr
} // namespace ns3
