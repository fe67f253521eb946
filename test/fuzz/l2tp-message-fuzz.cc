// SPDX-License-Identifier: GPL-2.0-only
//
// Fuzz target: L2TP control and data messages (RFC 2661 section 3.1) as
// l2tp::UdpPort reads a UDP 1701 payload, then every control message
// through the control connection state machine in each of its states:
// idle responder (plain and with a secret and hidden AVPs), initiator
// waiting for the SCCRP, and both ends of an established tunnel with a
// session up, the last once as received and once with Tunnel ID, Session
// ID, Ns and Nr set to what that end expects, so the message gets past the
// sequence checks into the session logic (RFC 2661 5.8, 7.4).
// Invariants: a valid message re-encodes to an equal one; the decoder's
// lines keep their token format.
#include "fuzz-util.h"

#include "ns3/ipvpn-capture-frame.h"
#include "ns3/l2tp-control-fsm.h"
#include "ns3/l2tp-packet-header.h"
#include "ns3/ipvpn-message-summary.h"

#include <deque>
#include <utility>

using namespace ns3;
using namespace ns3::l2tp;

namespace
{

constexpr char kSecret[] = "fuzz-secret";

ControlFsmConfig
Config(uint16_t tunnelId, const char* host, bool secret)
{
    ControlFsmConfig c;
    c.localTunnelId = tunnelId;
    c.hostName = host;
    if (secret)
    {
        c.secret = kSecret;
        c.challenge = {1, 2, 3, 4, 5, 6, 7, 8};
        c.hideAvps = true;
    }
    return c;
}

/// A message as the peer receives it: through the codec.
PacketHeader
Wire(const PacketHeader& m)
{
    PacketHeader out;
    fuzz::Decode(out, fuzz::Encode(m));
    return out;
}

/// Two ends exchanging messages without loss until nothing is in flight.
struct Tunnel
{
    ControlFsm lac{Config(11, "lac", false)};
    ControlFsm lns{Config(22, "lns", false)};
    uint16_t lacSession = 0;
    Time now = Seconds(1);

    void
    Run(const ControlFsm::Actions& first, bool fromLac)
    {
        std::deque<std::pair<bool, PacketHeader>> wire; // (to the LNS, message)
        auto queue = [&wire](const ControlFsm::Actions& a, bool toLns) {
            for (const PacketHeader& m : a.send)
            {
                wire.emplace_back(toLns, Wire(m));
            }
        };
        queue(first, fromLac);
        for (int guard = 0; !wire.empty() && guard < 100; ++guard)
        {
            auto [toLns, m] = wire.front();
            wire.pop_front();
            queue((toLns ? lns : lac).Receive(m, now), !toLns);
        }
    }

    Tunnel()
    {
        Run(lac.Open(now), true);
        now += Seconds(1);
        Run(lac.OpenSession(now, lacSession), true);
        FUZZ_CHECK(lac.GetState() == ControlFsm::ESTABLISHED);
        FUZZ_CHECK(lns.GetState() == ControlFsm::ESTABLISHED);
    }
};

/// `m` as the established end `fsm` expects its next message (5.8).
PacketHeader
Expected(const PacketHeader& m, const ControlFsm& fsm, uint16_t tunnelId, uint16_t sessionId)
{
    PacketHeader e = m;
    e.SetTunnelId(tunnelId);
    if (m.GetSessionId() != 0 && sessionId != 0)
    {
        e.SetSessionId(sessionId);
    }
    e.SetNs(fsm.GetDelivery().GetNr());
    e.SetNr(fsm.GetDelivery().GetNextNs());
    return e;
}

/// Receives `m`, then lets every timer run out.
void
Feed(ControlFsm fsm, const PacketHeader& m, Time now)
{
    ControlFsm::Actions a = fsm.Receive(m, now);
    for (int k = 0; k < 3 && a.hasWakeUp; ++k)
    {
        a = fsm.Expire(a.wakeUp);
    }
}

void
FeedControl(const PacketHeader& m)
{
    static const ControlFsm idle(Config(22, "lns", false));
    static const ControlFsm idleSecret(Config(22, "lns", true));
    static const ControlFsm waitReply = [] {
        ControlFsm f(Config(11, "lac", true));
        f.Open(Seconds(1));
        return f;
    }();
    static const Tunnel tunnel;

    const Time now = Seconds(3);
    Feed(idle, m, now);
    Feed(idleSecret, m, now);
    Feed(waitReply, m, now);
    Feed(tunnel.lac, m, now);
    Feed(tunnel.lns, m, now);

    const SessionFsm* lacSession = tunnel.lac.GetSessions().Find(tunnel.lacSession);
    FUZZ_CHECK(lacSession != nullptr);
    const uint16_t lnsSession = lacSession->GetPeerSessionId();
    Feed(tunnel.lac, Expected(m, tunnel.lac, 11, tunnel.lacSession), now);
    Feed(tunnel.lns, Expected(m, tunnel.lns, 22, lnsSession), now);
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const std::vector<uint8_t> bytes(data, data + size);
    Ptr<Packet> packet = fuzz::ToPacket(data, size);
    PacketHeader m;
    const uint32_t used = packet->PeekHeader(m);
    fuzz::Printed(m);
    FUZZ_CHECK(used <= size);
    if (m.IsValid())
    {
        std::vector<uint8_t> wire = fuzz::Encode(m);
        if (!m.IsControl())
        {
            // The header alone; its Length (when present) counts the payload.
            FUZZ_CHECK(used == m.GetHeaderSize());
            FUZZ_CHECK(used + m.GetPayloadSize() <= size);
            wire.insert(wire.end(), bytes.begin() + used, bytes.begin() + used + m.GetPayloadSize());
        }
        else
        {
            FUZZ_CHECK(used == m.GetLength());
        }
        PacketHeader again;
        fuzz::Decode(again, wire);
        FUZZ_CHECK(again == m);
        if (m.IsControl())
        {
            FeedControl(m);
        }
    }

    const decode::L2tpSummary summary = decode::SummarizeL2tp(bytes);
    fuzz::CheckLine(summary.message);
    if (summary.pppPayload && decode::IsPppControlProtocol(summary.pppProtocol))
    {
        const std::vector<uint8_t> ppp = decode::PacketBytes(summary.pppPayload);
        fuzz::CheckLine(decode::SummarizePppControl(summary.pppProtocol, ppp));
    }
    return 0;
}
