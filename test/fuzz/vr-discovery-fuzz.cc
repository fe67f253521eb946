// SPDX-License-Identifier: GPL-2.0-only
//
// Fuzz target: the VR-port discovery and monitoring messages (the module's
// own format, doc/vr-discovery.md) as a receiver reads a UDP payload, and
// the RFC 2685 VPN-ID inside them. Invariants: nothing is read past the
// data (bounded and unbounded decoding agree); an error names a cause; a
// valid message carries the fields its type needs, re-encodes to a message
// that decodes to the same values and, with no unknown TLV, to the very
// octets it came from; the VPN-ID's text form parses back to it; the
// decoder's line (SummarizeVrDiscovery) keeps its format and is malformed
// exactly when the codec rejects the message. A message is then handed to
// a port's membership and monitoring engines as a receiver would (an
// addition, an ACK, a monitoring message or reply from that address): they
// never list their own port as a peer, answer only their own VPN, and keep
// their next deadline in the future.
#include "fuzz-util.h"

#include "ns3/ipvpn-vr-discovery-summary.h"
#include "ns3/vr-discovery-header.h"
#include "ns3/vr-membership-engine.h"
#include "ns3/vr-monitor-engine.h"
#include "ns3/vr-vpn-id.h"

#include <sstream>

using namespace ns3;
using namespace ns3::vr;

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::vector<uint8_t> bytes(data, data + size);

    // Bounded, as a receiver with the UDP payload's size does it.
    DiscoveryHeader bounded;
    Buffer buffer = fuzz::ToBuffer(data, size);
    const uint32_t used = bounded.Deserialize(buffer.Begin(), buffer.End());
    FUZZ_CHECK(used <= size);
    fuzz::Printed(bounded);
    FUZZ_CHECK(!DiscoveryHeader::ErrorName(bounded.GetError()).empty());

    // Unbounded, on a packet that holds only the message: the same reading.
    DiscoveryHeader whole;
    Ptr<Packet> packet = fuzz::ToPacket(data, size);
    packet->RemoveHeader(whole);
    FUZZ_CHECK(whole.GetError() == bounded.GetError());
    FUZZ_CHECK(!bounded.IsValid() || whole == bounded);

    if (bounded.IsValid())
    {
        FUZZ_CHECK(used == size);
        FUZZ_CHECK(bounded.GetVersion() == DISCOVERY_VERSION);
        FUZZ_CHECK(bounded.GetType() >= ADDITION && bounded.GetType() <= MONITOR_REPLY);
        if (bounded.GetType() == ADDITION || bounded.GetType() == ADDITION_ACK)
        {
            FUZZ_CHECK(bounded.HasPortAddress()); // S1, S14: the three fields
        }
        const std::vector<uint8_t> encoded = fuzz::Encode(bounded);
        DiscoveryHeader again;
        fuzz::Decode(again, encoded);
        // The encoder leaves unknown TLVs out; every field survives.
        FUZZ_CHECK(again.IsValid() && again.GetUnknownTlvCount() == 0);
        FUZZ_CHECK(again.GetType() == bounded.GetType());
        FUZZ_CHECK(again.GetSequence() == bounded.GetSequence());
        FUZZ_CHECK(again.GetVpnId() == bounded.GetVpnId());
        FUZZ_CHECK(again.GetRouterId() == bounded.GetRouterId());
        FUZZ_CHECK(again.HasPortAddress() == bounded.HasPortAddress());
        FUZZ_CHECK(again.GetPortAddress() == bounded.GetPortAddress());
        if (bounded.GetUnknownTlvCount() == 0)
        {
            // TLVs may come in any order; the encoder writes them sorted.
            FUZZ_CHECK(encoded.size() == bytes.size());
        }
        const VpnId vpn = bounded.GetVpnId();
        const std::optional<VpnId> parsed = VpnId::Parse(vpn.ToString());
        FUZZ_CHECK(parsed && *parsed == vpn);
    }

    // The line ./ipvpn decode prints for this UDP payload.
    const decode::DecodedMessage line = decode::SummarizeVrDiscovery(bytes);
    fuzz::CheckLine(line);
    FUZZ_CHECK(line.IsMalformed() == !bounded.IsValid());

    // The engines of a port of VPN 00a0c9:00000001 receive the message.
    const VpnId ownVpn = *VpnId::Parse("00a0c9:00000001");
    const Ipv4Address ownPort("192.0.2.11");
    MembershipEngine membership({ownVpn, Ipv4Address("10.255.0.1"), ownPort});
    MonitorEngine monitor({ownVpn, Ipv4Address("10.255.0.1"), ownPort});
    const Time now = Seconds(10);
    membership.Start(1, Seconds(1));
    const Ipv4Address from = bounded.IsValid() && bounded.HasPortAddress()
                                 ? bounded.GetPortAddress()
                                 : Ipv4Address("192.0.2.21");
    monitor.AddPeer(from, Seconds(1));
    MembershipActions actions = bounded.GetType() == ADDITION ? membership.OnAddition(bounded, now)
                                                              : membership.OnAck(bounded, now);
    const MembershipActions end = membership.OnCollectionEnd(now);
    actions.insert(actions.end(), end.begin(), end.end());
    for (const MembershipAction& action : actions)
    {
        std::ostringstream printed;
        printed << action;
        FUZZ_CHECK(!printed.str().empty());
        // S12: only a port of our VPN gets an answer or a tunnel.
        FUZZ_CHECK(GetPeer(action) != ownPort);
        FUZZ_CHECK(std::holds_alternative<SendAddition>(action) ||
                   (bounded.IsValid() && bounded.GetVpnId() == ownVpn));
    }
    FUZZ_CHECK(!membership.GetMap().Contains(ownPort));
    for (const MonitorActions& out :
         {monitor.OnMonitor(bounded, from), monitor.OnReply(bounded, from, now), monitor.OnTimer(now)})
    {
        for (const MonitorAction& action : out)
        {
            std::ostringstream printed;
            printed << action;
            FUZZ_CHECK(!printed.str().empty());
        }
    }
    FUZZ_CHECK(monitor.NextDeadline() > now);

    // The VPN-ID's text form from arbitrary text: parse, print, parse.
    const std::string text(bytes.begin(), bytes.end());
    if (const std::optional<VpnId> id = VpnId::Parse(text))
    {
        FUZZ_CHECK(VpnId::Parse(id->ToString()) == id);
    }
    return 0;
}
