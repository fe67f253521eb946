/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The state of one negotiation of htip::Engine, shared by its two source
 * files (htip-engine.cc: requester, timers, inputs; htip-engine-responder.cc:
 * responder). Not part of the engine's interface.
 */
#ifndef IPVPN_HTIP_ENGINE_NEGOTIATION_H
#define IPVPN_HTIP_ENGINE_NEGOTIATION_H

#include "htip-engine.h"

#include <algorithm>
#include <utility>

namespace ns3
{
namespace htip
{

/// Where one negotiation stands (doc/htip-engine.md draws the states).
enum class NegotiationState : uint8_t
{
    REQUESTING, ///< A: REQUEST (or a NAK of a RESPONSE) out, waiting for a RESPONSE or NAK
    ACKING,     ///< A, second embodiment: ACK out, waiting for READY
    CONNECTING, ///< A: StartClient issued, waiting for TunnelUp
    RESPONDED,  ///< B: RESPONSE or NAK out, waiting for an ACK, a NAK or a new REQUEST
    SERVING,    ///< B: PrepareServer issued, waiting for ServerReady
    READY_SENT, ///< B: server ready (READY sent in the second embodiment), waiting for TunnelUp
    UP,         ///< the tunnel is up
};

/// Whether \p p is one of \p list.
inline bool
Has(const std::vector<Prefix>& list, const Prefix& p)
{
    return std::find(list.begin(), list.end(), p) != list.end();
}

struct Engine::Negotiation
{
    uint32_t id = 0;
    bool requester = true;
    Ipv4Address peer;
    std::string peerName;
    NegotiationState state = NegotiationState::REQUESTING;
    uint16_t round = 1;   ///< the round of the answer awaited (A) or of the last answer (B)
    Prefix peerOwn;       ///< the peer's own prefix, once known
    Prefix ownTunnel;     ///< ours inside the tunnel, once agreed (B: taken by A at ACK)
    Prefix peerTunnel;    ///< the peer's inside the tunnel (B: taken when responding)
    bool offered = false; ///< B: a RESPONSE is out, peerTunnel reserved until ACK
    std::vector<Prefix> candidates; ///< A: of the last REQUEST; B: of the last RESPONSE
    uint32_t naksReceived = 0;
    uint32_t naksSent = 0;
    /// A: the message repeated by the timer; B: the cached answer to `answered`.
    MessageHeader last;
    std::optional<std::pair<uint8_t, uint16_t>> answered; ///< B: (type, round) `last` answers
    std::optional<MessageHeader> accepted;                ///< A: the RESPONSE taken
    std::optional<Time> retransmitAt;
    Time interval;
    std::optional<Time> giveUpAt;
    bool rowAdded = false;
    std::size_t record = 0;
};

} // namespace htip
} // namespace ns3

#endif /* IPVPN_HTIP_ENGINE_NEGOTIATION_H */
