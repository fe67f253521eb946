// SPDX-License-Identifier: GPL-2.0-only
//
// htip::Processor, second part: the VPN processor's tunnel ends (L2TP, PPP,
// the route and the 1:1 NAT they carry) and the DNS processor's hook. The
// first part, htip-processor.cc, has the attributes, requests, messages and
// the engine's actions.

#include "htip-processor.h"

#include "ns3/boolean.h"
#include "ns3/dns-processor.h"
#include "ns3/dns-zone.h"
#include "ns3/gateway-routing-protocol.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4.h"
#include "ns3/ipvpn-routing-protocol.h"
#include "ns3/l2tp-control-connection.h"
#include "ns3/l2tp-session-net-device.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/ppp-endpoint.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/uinteger.h"

namespace ns3
{
namespace htip
{

NS_LOG_COMPONENT_DEFINE("HtipProcessorTunnels");

// ------------------------------------------------------------ tunnels

void
Processor::CreateEnd(const Connection& row, bool client)
{
    if (m_ends.count(row.peerAddress))
    {
        return;
    }
    // An earlier end to this peer that Teardown() closed waits out its
    // StopCCN hold (RFC 2661 5.7) still registered on the node's L2TP port,
    // where a closed responder is IDLE again and configured for this peer:
    // it would take the new tunnel's SCCRQ and carry its PPP on a device that
    // is down. A new tunnel to the peer ends that wait. (A disposed
    // application has no node.)
    for (uint32_t i = 0; i < GetNode()->GetNApplications(); ++i)
    {
        Ptr<l2tp::ControlConnection> old =
            DynamicCast<l2tp::ControlConnection>(GetNode()->GetApplication(i));
        if (old && old->GetNode() && old->GetConfiguredPeerAddress() == row.peerAddress)
        {
            old->Dispose();
        }
    }
    TunnelEnd& t = m_ends[row.peerAddress];
    t.row = row;
    t.record = RecordFor(row.peerName, row.peerAddress, client);
    // Tunnel ID 0 is reserved (RFC 2661 3.1): skip it when the counter wraps.
    m_nextTunnelId = m_nextTunnelId == 0 ? 1 : m_nextTunnelId;
    const uint16_t tunnelId = m_nextTunnelId++;
    m_records[t.record].tunnelId = tunnelId;
    m_records[t.record].vpnStarted = Simulator::Now();

    t.end = CreateObject<l2tp::ControlConnection>();
    t.end->SetAttribute("Initiator", BooleanValue(client));
    t.end->SetAttribute("PeerAddress", Ipv4AddressValue(row.peerAddress));
    t.end->SetAttribute("LocalAddress", Ipv4AddressValue(m_publicAddress));
    t.end->SetAttribute("LocalTunnelId", UintegerValue(tunnelId));
    t.end->SetAttribute("HostName", StringValue(m_domainName));
    t.end->SetAttribute("Secret", StringValue(m_tunnelSecret));
    t.end->SetAttribute("OpenSessionOnUp", BooleanValue(client));
    const Ipv4Address peer = row.peerAddress;
    const l2tp::ControlConnection* raw = PeekPointer(t.end);
    const std::size_t record = t.record;
    t.end->TraceConnectWithoutContext("TunnelUp",
                                      Callback<void, uint16_t>([this, record](uint16_t) {
                                          m_records[record].l2tpUp = Simulator::Now();
                                      }));
    t.end->TraceConnectWithoutContext(
        "TunnelDown",
        Callback<void, l2tp::ControlFsm::DownReason, uint16_t>(
            [this, peer, raw](l2tp::ControlFsm::DownReason, uint16_t) {
                OnL2tpDown(peer, raw);
            }));
    // The tunnel carries one session, whose PPP is the data path: a session
    // that ends (a CDN either way, RFC 2661 5.7 and 7.4, or the LAC's call
    // refused) takes the tunnel with it, as the control connection alone
    // would answer HELLOs for ever with nothing to carry. In an event of
    // its own: the connection is still handling the CDN.
    t.end->TraceConnectWithoutContext(
        "SessionDown",
        Callback<void, uint16_t, l2tp::SessionFsm::DownReason, uint16_t>(
            [this, peer, raw](uint16_t, l2tp::SessionFsm::DownReason, uint16_t) {
                Simulator::ScheduleNow([this, peer, raw]() {
                    OnL2tpDown(peer, raw);
                });
            }));

    // The tunnel interface: our inside address seen through the tunnel
    // prefix (10.0.0.1 -> 10.0.1.1 in case 2), a /32; IPCP requests it and
    // takes the address the peer requests.
    const Ipv4Address local = row.ownTunnel.Map(m_insideAddress);
    t.ppp = CreateObject<ppp::Endpoint>();
    t.ppp->SetAttribute("LocalAddress", Ipv4AddressValue(local));
    t.ppp->TraceConnectWithoutContext(
        "LinkUp",
        Callback<void, Ipv4Address, Ipv4Address>([this, peer](Ipv4Address l, Ipv4Address r) {
            OnLinkUp(peer, l, r);
        }));
    t.device = CreateObject<l2tp::SessionNetDevice>();
    t.device->SetPppEndpoint(t.ppp);
    GetNode()->AddDevice(t.device);
    t.device->Attach(t.end);
    t.device->TraceConnectWithoutContext(
        "MacTx", Callback<void, Ptr<const Packet>>([this, peer](Ptr<const Packet> p) {
            OnDeviceTx(peer, p);
        }));
    t.device->TraceConnectWithoutContext(
        "MacRx", Callback<void, Ptr<const Packet>>([this, peer](Ptr<const Packet>) {
            OnDeviceRx(peer);
        }));
    if (m_l2tpStream >= 0)
    {
        m_l2tpStream += t.end->AssignStreams(m_l2tpStream);
        m_l2tpStream += t.ppp->AssignStreams(m_l2tpStream);
    }
    Ptr<Ipv4> ipv4 = GetNode()->GetObject<Ipv4>();
    t.interface = static_cast<int32_t>(ipv4->AddInterface(t.device));
    ipv4->AddAddress(t.interface, Ipv4InterfaceAddress(local, Ipv4Mask::GetOnes()));
    ipv4->SetUp(t.interface);
    t.end->SetStartTime(Seconds(0));
    GetNode()->AddApplication(t.end);
}

void
Processor::OnLinkUp(Ipv4Address peer, Ipv4Address local, Ipv4Address remote)
{
    auto it = m_ends.find(peer);
    if (it == m_ends.end() || it->second.routed)
    {
        return;
    }
    TunnelEnd& t = it->second;
    const uint32_t interface = static_cast<uint32_t>(t.interface);
    // The peer's hosts by their tunnel prefix over the tunnel; 1:1 NAT where
    // our own prefix differs from ours in the tunnel ([0146], [0164]).
    m_routing->GetRouting()->AddStaticRoute(
        t.row.peerTunnel.network, t.row.peerTunnel.GetMask(), interface);
    if (t.row.NeedsNat())
    {
        nat::PrefixRule rule;
        rule.interface = interface;
        rule.inner = t.row.own.network;
        rule.outer = t.row.ownTunnel.network;
        rule.length = t.row.own.length;
        const std::string refused = m_routing->AddPrefixRule(rule);
        NS_ABORT_MSG_UNLESS(refused.empty(), "htip::Processor: NAT rule refused: " << refused);
        m_records[t.record].nat = true;
    }
    t.routed = true;
    m_records[t.record].pppUp = Simulator::Now();
    NS_LOG_INFO(m_domainName << ": tunnel to " << peer << " up, " << local << " <-> " << remote);
    m_tunnelUpTrace(peer, local, remote);
    uint16_t id = 0;
    UintegerValue v;
    t.end->GetAttribute("LocalTunnelId", v);
    id = static_cast<uint16_t>(v.Get());
    Apply(m_engine->TunnelUp(peer, id, Simulator::Now()));
}

void
Processor::OnL2tpDown(Ipv4Address peer, const l2tp::ControlConnection* end)
{
    auto it = m_ends.find(peer);
    if (it == m_ends.end() || PeekPointer(it->second.end) != end)
    {
        return;
    }
    Apply(m_engine->TunnelDown(peer, Simulator::Now()));
    // A row the engine no longer had: the end goes anyway.
    if (m_ends.count(peer))
    {
        Teardown(it->second.row);
    }
}

void
Processor::Teardown(const Connection& row)
{
    auto it = m_ends.find(row.peerAddress);
    if (it == m_ends.end())
    {
        return;
    }
    TunnelEnd t = it->second;
    m_records[t.record] = GetTunnelRecords()[t.record]; // keep the NAT counters
    m_ends.erase(it);
    m_records[t.record].down = Simulator::Now();
    if (t.interface >= 0)
    {
        const uint32_t interface = static_cast<uint32_t>(t.interface);
        if (t.routed)
        {
            m_routing->GetRouting()->RemoveStaticRoute(t.row.peerTunnel.network,
                                                       t.row.peerTunnel.GetMask());
            if (t.row.NeedsNat())
            {
                m_routing->RemovePrefixRule(interface, t.row.own.network, t.row.own.length);
            }
        }
        GetNode()->GetObject<Ipv4>()->SetDown(interface);
    }
    if (t.end)
    {
        t.end->Close();
        TimeValue hold;
        t.end->GetAttribute("StopCcnHoldTime", hold);
        Simulator::Schedule(hold.Get(), &l2tp::ControlConnection::Dispose, t.end);
    }
}

void
Processor::OnDeviceTx(Ipv4Address peer, Ptr<const Packet> packet)
{
    auto it = m_ends.find(peer);
    if (it == m_ends.end())
    {
        return;
    }
    TunnelRecord& r = m_records[it->second.record];
    Ipv4Header ip;
    if (packet->PeekHeader(ip) == 0)
    {
        return;
    }
    ++r.packetsOut;
    if (!r.firstPacket)
    {
        r.firstPacket = Simulator::Now();
    }
    const Connection& row = it->second.row;
    // Isolation: what leaves through the tunnel is addressed in tunnel
    // prefixes only.
    if (!row.ownTunnel.Contains(ip.GetSource()) || !row.peerTunnel.Contains(ip.GetDestination()))
    {
        ++r.untranslated;
        NS_LOG_WARN(m_domainName << ": untranslated " << ip.GetSource() << " -> "
                                 << ip.GetDestination() << " into the tunnel to " << peer);
    }
}

void
Processor::OnDeviceRx(Ipv4Address peer)
{
    auto it = m_ends.find(peer);
    if (it == m_ends.end())
    {
        return;
    }
    TunnelRecord& r = m_records[it->second.record];
    ++r.packetsIn;
    if (!r.firstPacket)
    {
        r.firstPacket = Simulator::Now();
    }
}

// ------------------------------------------------------------------ DNS

dns::HookDecision
Processor::OnQuery(const dns::Question& question, const dns::PeerAddress& client)
{
    if (!m_engine)
    {
        return dns::HookDecision::NoOpinion();
    }
    const ConnectionTable& table = m_engine->GetTable();
    if (m_own.Contains(client.address))
    {
        // A home host: names under a peer gateway's domain go to that
        // gateway ([0083], [0129]).
        for (const Connection& row : table.GetRows())
        {
            auto domain = dns::Name::Parse(row.peerName);
            if (domain && question.name != *domain && dns::IsSubdomain(question.name, *domain))
            {
                ++m_counters.dnsForwards;
                return dns::HookDecision::Forward(row.peerAddress);
            }
        }
        return dns::HookDecision::NoOpinion();
    }
    const Connection* row = table.Find(client.address);
    if (!row)
    {
        ++m_counters.dnsRefused;
        return dns::HookDecision::Refuse();
    }
    // A peer gateway asks for one of our hosts, <label>.<our domain>: its
    // address in our tunnel prefix ([0084], [0130], [0149]).
    auto own = dns::Name::Parse(m_domainName);
    const auto& labels = question.name.GetLabels();
    std::optional<Ipv4Address> address;
    if (own && labels.size() == own->GetLabels().size() + 1 &&
        dns::IsSubdomain(question.name, *own))
    {
        address = m_dns->FindHost(labels.front());
    }
    ++m_counters.dnsAnswers;
    if (!address)
    {
        return dns::HookDecision::Answer({}, m_answerTtl);
    }
    return dns::HookDecision::Answer({row->ownTunnel.Map(*address)}, m_answerTtl);
}

} // namespace htip
} // namespace ns3
