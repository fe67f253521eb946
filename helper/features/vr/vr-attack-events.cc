/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "vr-attack-events.h"

#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-header.h"
#include "ns3/mpls-label-stack-header.h"
#include "ns3/mpls-protocol.h"
#include "ns3/scenario-mpls-section.h"
#include "ns3/scenario-values.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/udp-header.h"
#include "ns3/udp-l4-protocol.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/vr-discovery-header.h"
#include "ns3/vr-discovery-port.h"

#include <algorithm>
#include <fmt/format.h>

namespace ns3
{
namespace scenario
{

namespace
{

constexpr uint16_t kSpoofPort = 9; ///< discard (RFC 863): nobody answers
constexpr uint32_t kSpoofPayload = 64;
constexpr uint32_t kMaxSpoofCount = 100000;

/// The p2p link between two nodes, or nullptr.
const LinkSpec*
LinkBetween(const Scenario& s, const std::string& a, const std::string& b)
{
    for (const LinkSpec& link : s.links)
    {
        if (link.endpoints.size() == 2 &&
            ((link.endpoints[0].node == a && link.endpoints[1].node == b) ||
             (link.endpoints[0].node == b && link.endpoints[1].node == a)))
        {
            return &link;
        }
    }
    return nullptr;
}

bool
IsRouter(const Scenario& s, const std::string& name)
{
    const NodeSpec* n = s.FindNode(name);
    return n && n->kind == NodeKind::ROUTER;
}

} // namespace

std::optional<uint32_t>
ParseDecimal(const std::string& text)
{
    if (text.empty() || text.size() > 7 ||
        text.find_first_not_of("0123456789") != std::string::npos)
    {
        return std::nullopt;
    }
    return static_cast<uint32_t>(std::stoul(text));
}

void
CheckAttackEvents(const Scenario& s, const VpnsSection& section, ScenarioChecker& check)
{
    const MplsSection* mpls = s.sections.Find<MplsSection>();
    for (size_t i = 0; i < s.events.size(); ++i)
    {
        const EventSpec& e = s.events[i];
        const std::string p = fmt::format("events[{}]", i);
        auto router = [&](const std::string& key) {
            const std::string& name = e.Arg(key);
            if (!IsRouter(s, name))
            {
                check.ErrorAt(p + "." + key, fmt::format("'{}' is not a router", name));
                return false;
            }
            return true;
        };
        auto address = [&](const std::string& key) {
            const Parsed<uint32_t> a = ParseIpv4Address(e.Arg(key));
            if (!a)
            {
                check.ErrorAt(p + "." + key, a.error);
            }
        };
        if (e.action == kVrForgeAddition)
        {
            const bool known =
                std::any_of(section.vpns.begin(), section.vpns.end(), [&](const VpnSpec& v) {
                    return v.name == e.Arg("vpn");
                });
            if (!known)
            {
                check.ErrorAt(p + ".vpn", fmt::format("unknown VPN '{}'", e.Arg("vpn")));
            }
            router("router");
            address("address");
        }
        else if (e.action == kVrSpoofLabel)
        {
            const bool ends = router("router") & router("to");
            if (ends && !LinkBetween(s, e.Arg("router"), e.Arg("to")))
            {
                check.ErrorAt(p + ".to",
                              fmt::format("no point-to-point link between '{}' and '{}'",
                                          e.Arg("router"),
                                          e.Arg("to")));
            }
            for (const char* key : {"router", "to"})
            {
                if (ends && !(mpls && mpls->IsLsr(s, e.Arg(key))))
                {
                    check.ErrorAt(
                        p + "." + key,
                        fmt::format("router '{}' runs no MPLS (mpls.routers)", e.Arg(key)));
                }
            }
            const std::string& label = e.Arg("label");
            const std::optional<uint32_t> number = ParseDecimal(label);
            if (number && (*number < 16 || *number > 1048575))
            {
                check.ErrorAt(p + ".label",
                              fmt::format("label {} is outside 16..1048575 (RFC 3032: 0-15 are "
                                          "reserved)",
                                          *number));
            }
            else if (!number && !section.FindPort(label).second)
            {
                check.ErrorAt(
                    p + ".label",
                    fmt::format("'{}' is neither a label (16..1048575) nor a VR port", label));
            }
            address("destination");
            const std::optional<uint32_t> count = ParseDecimal(e.Arg("count"));
            if (!count || *count < 1 || *count > kMaxSpoofCount)
            {
                check.ErrorAt(p + ".count",
                              fmt::format("'{}' is not a datagram count (1 to {})",
                                          e.Arg("count"),
                                          kMaxSpoofCount));
            }
        }
    }
}

void
SendForgedAddition(Ptr<Node> from,
                   Ipv4Address routerId,
                   const std::string& vpnId,
                   Ipv4Address portAddress,
                   const std::vector<Ipv4Address>& routers)
{
    vr::DiscoveryHeader message;
    message.SetType(vr::ADDITION);
    message.SetSequence(1);
    message.SetVpnId(*vr::VpnId::Parse(vpnId));
    message.SetRouterId(routerId);
    message.SetPortAddress(portAddress);
    // A socket bound to the forged address: the answers go there, to nobody.
    Ptr<Socket> socket = Socket::CreateSocket(from, UdpSocketFactory::GetTypeId());
    socket->Bind(InetSocketAddress(portAddress, 0));
    for (const Ipv4Address& router : routers)
    {
        Ptr<Packet> packet = Create<Packet>();
        packet->AddHeader(message);
        socket->SendTo(packet, 0, InetSocketAddress(router, vr::DISCOVERY_PORT));
    }
    socket->Close();
}

void
SendSpoofedLabels(Ptr<Node> from,
                  Ptr<NetDevice> device,
                  Ipv4Address source,
                  Ipv4Address nextHop,
                  uint32_t label,
                  Ipv4Address destination,
                  uint32_t count)
{
    Ptr<mpls::Protocol> mpls = from->GetObject<mpls::Protocol>();
    const mpls::Nhlfe push =
        mpls::Nhlfe::Push({label}, static_cast<int32_t>(device->GetIfIndex()), nextHop);
    for (uint32_t k = 0; k < count; ++k)
    {
        Simulator::Schedule(MilliSeconds(k), [mpls, push, source, destination]() {
            Ptr<Packet> payload = Create<Packet>(kSpoofPayload);
            UdpHeader udp;
            udp.SetSourcePort(kSpoofPort);
            udp.SetDestinationPort(kSpoofPort);
            payload->AddHeader(udp);
            Ipv4Header ip;
            ip.SetSource(source);
            ip.SetDestination(destination);
            ip.SetProtocol(UdpL4Protocol::PROT_NUMBER);
            ip.SetPayloadSize(payload->GetSize());
            ip.SetTtl(64);
            ip.EnableChecksum();
            mpls->SendIpv4(payload, ip, push, false);
        });
    }
}

} // namespace scenario
} // namespace ns3
