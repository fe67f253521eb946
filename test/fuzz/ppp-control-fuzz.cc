// SPDX-License-Identifier: GPL-2.0-only
//
// Fuzz target: PPP control packets (RFC 1661 section 5: LCP; RFC 1332:
// IPCP; IPv6CP and CCP share the format). Input: the PPP Protocol field
// (two octets) and the Information field, as a DLT_PPP capture holds a
// frame. A protocol other than the four is mapped onto one of them. The
// packet is read as ppp::Endpoint reads it; a valid LCP or IPCP packet then
// goes to an engine that has just sent its Configure-Request and to one
// that is Opened, as the endpoint hands it on. Invariants: a valid packet
// re-encodes to an equal one; the decoder's line keeps its token format.
#include "fuzz-util.h"

#include "ns3/ipvpn-message-summary.h"
#include "ns3/ppp-control-engine.h"
#include "ns3/ppp-control-header.h"
#include "ns3/ppp-ipcp-policy.h"
#include "ns3/ppp-lcp-policy.h"

#include <deque>
#include <memory>

using namespace ns3;
using namespace ns3::ppp;

namespace
{

std::unique_ptr<ControlEngine>
MakeEngine(uint16_t protocol, uint32_t seed, const char* local, const char* peer)
{
    if (protocol == PROTOCOL_LCP)
    {
        LcpPolicy::RandomSource random = [n = seed]() mutable { return n += 0x01000193; };
        return std::make_unique<ControlEngine>(
            PROTOCOL_LCP,
            OptionFsm::Config(),
            std::make_unique<LcpPolicy>(LcpPolicy::Config(), std::move(random)));
    }
    IpcpPolicy::Config config;
    config.localAddress = Ipv4Address(local);
    config.peerAddress = Ipv4Address(peer);
    return std::make_unique<ControlEngine>(PROTOCOL_IPCP,
                                           OptionFsm::Config(),
                                           std::make_unique<IpcpPolicy>(config));
}

ControlHeader
Wire(const ControlHeader& p)
{
    ControlHeader out(p.GetProtocol());
    fuzz::Decode(out, fuzz::Encode(p));
    return out;
}

/// Two engines of `protocol` brought to Opened over a lossless wire.
std::pair<std::unique_ptr<ControlEngine>, std::unique_ptr<ControlEngine>>
OpenedPair(uint16_t protocol)
{
    auto a = MakeEngine(protocol, 1, "10.0.0.1", "10.0.0.2");
    auto b = MakeEngine(protocol, 1000, "10.0.0.2", "10.0.0.1");
    std::deque<std::pair<bool, ControlHeader>> wire; // (to b, packet)
    auto queue = [&wire](const ControlOutput& out, bool toB) {
        for (const ControlHeader& p : out.send)
        {
            wire.emplace_back(toB, Wire(p));
        }
    };
    queue(a->Open(), true);
    queue(b->Open(), false);
    queue(a->Up(), true);
    queue(b->Up(), false);
    for (int guard = 0; !wire.empty() && guard < 50; ++guard)
    {
        auto [toB, p] = wire.front();
        wire.pop_front();
        queue((toB ? b : a)->Receive(p), !toB);
    }
    FUZZ_CHECK(a->GetState() == OptionFsm::OPENED && b->GetState() == OptionFsm::OPENED);
    return {std::move(a), std::move(b)};
}

void
FeedEngines(const ControlHeader& packet)
{
    const uint16_t protocol = packet.GetProtocol();
    if (protocol != PROTOCOL_LCP && protocol != PROTOCOL_IPCP)
    {
        return;
    }
    auto requesting = MakeEngine(protocol, 7, "0.0.0.0", "10.0.0.9");
    requesting->Open();
    requesting->Up();
    requesting->Receive(packet);
    requesting->Timeout();

    auto [a, b] = OpenedPair(protocol);
    a->Receive(packet);
    a->Receive(packet); // a repeat after the state it led to
    b->Receive(packet);
    b->Close();
    b->Receive(packet);
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    if (size < 2)
    {
        return 0;
    }
    static const uint16_t kProtocols[] = {PROTOCOL_LCP, PROTOCOL_IPCP, PROTOCOL_IPV6CP, PROTOCOL_CCP};
    uint16_t protocol = static_cast<uint16_t>((data[0] << 8) | data[1]);
    if (!decode::IsPppControlProtocol(protocol))
    {
        protocol = kProtocols[protocol % 4];
    }
    const std::vector<uint8_t> information(data + 2, data + size);

    ControlHeader packet(protocol);
    Ptr<Packet> p = fuzz::ToPacket(information.data(), information.size());
    const uint32_t used = p->PeekHeader(packet);
    fuzz::Printed(packet);
    FUZZ_CHECK(used <= information.size());
    if (packet.IsValid())
    {
        // RFC 1661 section 5: the Length field delimits the packet.
        FUZZ_CHECK(packet.GetLength() <= information.size());
        ControlHeader again(protocol);
        const std::vector<uint8_t> wire = fuzz::Encode(packet);
        fuzz::Decode(again, wire);
        FUZZ_CHECK(again == packet);
        FeedEngines(packet);
    }
    fuzz::CheckLine(decode::SummarizePppControl(protocol, information));
    return 0;
}
