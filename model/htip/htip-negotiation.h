/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The prefix negotiation of the Home-to-home Tunnelling Initiation Protocol
 * (seed 004 [0072]-[0074], [0121]-[0123], [0155]-[0160], claims 13-15) as
 * pure functions: which tunnel prefixes a gateway proposes, which the peer
 * takes or NAKs, and which the requester takes from the response. No state,
 * no time; htip::Engine calls them. doc/htip.md states every rule with the
 * seed paragraph it comes from.
 *
 * Words: gateway A requests, gateway B responds. A network's *own* prefix
 * is its LAN's; its *tunnel* prefix is the one the other home's hosts see
 * it by. 1:1 NAT is needed where the two differ ([0079], [0123]); a tunnel
 * prefix has the length of the own prefix it stands for, so that the NAT
 * keeps the host part.
 */
#ifndef IPVPN_HTIP_NEGOTIATION_H
#define IPVPN_HTIP_NEGOTIATION_H

#include "htip-prefix.h"

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{
namespace htip
{

/// Which of the seed's two embodiments a gateway follows.
enum class Embodiment : uint8_t
{
    /// Figs. 3, 5, 7: no READY, no NAK. B takes A's own prefix unless it
    /// overlaps B's, else A's next candidate, without checking that it lies
    /// outside B's prefix (so the nested case gives 10.0.1.0/24 inside
    /// 10.0.0.0/16, as [0074] and [0106] have it).
    FIRST,
    /// Figs. 9, 11, 13: READY, and a NAK when every candidate lies inside
    /// B's prefix ([0156]) or is otherwise unusable.
    SECOND,
};

/// "first" or "second".
std::string EmbodimentName(Embodiment embodiment);

/// What one gateway knows when it negotiates a new tunnel.
struct GatewayView
{
    Prefix own; ///< its LAN's prefix
    /// The peers' tunnel prefixes of its existing tunnels: addresses its
    /// hosts already reach through a tunnel, which a new tunnel must not
    /// reuse (claim 15, [0167]).
    std::vector<Prefix> inUse;
};

/// Why a responder refuses a request, or a requester a response.
enum class NakCause : uint8_t
{
    NONE = 0,
    INSIDE_PEER_PREFIX = 1,   ///< every candidate lies inside the NAK sender's own prefix ([0156])
    IN_USE = 2,               ///< every candidate collides with an existing tunnel (claim 15)
    BAD_CANDIDATE = 3,        ///< no candidate has the length of the prefix it stands for
    UNSUPPORTED_PROTOCOL = 4, ///< a VPN protocol the gateway does not run
};

/// "none", "inside-peer-prefix", "in-use", "bad-candidate", "unsupported-protocol".
std::string NakCauseName(NakCause cause);

/// What a NAK tells the requester to avoid in its next candidates.
struct NakAdvice
{
    Prefix peerOwn;            ///< the NAK sender's own prefix
    std::vector<Prefix> inUse; ///< further prefixes the NAK sender cannot take
};

/**
 * A's candidate tunnel prefixes for a REQUEST ([0121], [0157]): `count`
 * prefixes of `self.own`'s length, none overlapping `self.inUse`.
 *  - first REQUEST (no advice): `self.own` itself first, then the next
 *    blocks of the same length after it (10.0.0.0/24, 10.0.1.0/24,
 *    10.0.2.0/24 for 10.0.0.0/24);
 *  - after a NAK: blocks that also avoid advice.peerOwn and advice.inUse,
 *    starting two blocks of advice.peerOwn's size after advice.peerOwn (the
 *    block right after it is left for B's own tunnel prefix), so that
 *    10.0.0.0/24 NAKed by 10.0.0.0/16 gives 10.2.0.0/24, 10.2.1.0/24, ...
 *    ([0157]).
 * Candidates stay inside the RFC 1918 block holding `self.own` (the /8 of
 * `self.own` if it is in none); fewer than `count` (maybe none) when the
 * block runs out.
 */
std::vector<Prefix> RequestCandidates(const GatewayView& self,
                                      const std::optional<NakAdvice>& advice,
                                      uint32_t count);

/**
 * B's candidate tunnel prefixes for a RESPONSE ([0122], [0139], [0158]):
 * `count` prefixes of `self.own`'s length: `self.own` first, then the next
 * blocks, skipping any that overlaps A's own prefix, A's tunnel prefix or
 * `avoid` (the in-use list of a NAK A sent to a previous RESPONSE).
 * Same RFC 1918 bound as RequestCandidates().
 */
std::vector<Prefix> ResponseCandidates(const GatewayView& self,
                                       const Prefix& requesterOwn,
                                       const Prefix& requesterTunnel,
                                       const std::vector<Prefix>& avoid,
                                       uint32_t count);

/// B's answer to a REQUEST.
struct ResponderDecision
{
    NakCause nak = NakCause::NONE;           ///< NONE: respond
    Prefix requesterTunnel;                  ///< A's tunnel prefix B takes
    std::vector<Prefix> responderCandidates; ///< B's candidates for the RESPONSE
    std::vector<Prefix> inUse;               ///< NAK: what B cannot take besides its own prefix

    bool IsNak() const;
};

/**
 * B's decision on a REQUEST from A (own prefix `requesterOwn`, candidates
 * `requesterCandidates`, in A's order). B takes the first candidate that
 * has `requesterOwn`'s length and does not overlap `self.inUse` and:
 *  - SECOND embodiment: does not overlap `self.own` either ([0156]);
 *  - FIRST embodiment: is `requesterOwn` if that does not overlap
 *    `self.own`, otherwise any candidate other than `requesterOwn`
 *    ([0077]; [0074] for the nested case).
 * With none, a NAK: INSIDE_PEER_PREFIX when every candidate of the right
 * length lies inside `self.own`, IN_USE when some were refused for
 * `self.inUse`, BAD_CANDIDATE when none has the right length; its `inUse`
 * lists `self.inUse`. Otherwise the response's candidates come from
 * ResponseCandidates(self, requesterOwn, taken, {}, count); if that is
 * empty, a NAK with cause IN_USE.
 */
ResponderDecision Respond(const GatewayView& self,
                          const Prefix& requesterOwn,
                          const std::vector<Prefix>& requesterCandidates,
                          Embodiment embodiment,
                          uint32_t count);

/**
 * A's choice of B's tunnel prefix from a RESPONSE ([0123], [0140], [0159]):
 * the first of `responderCandidates` that has `responderOwn`'s length and
 * overlaps neither `self.own`, `requesterTunnel` nor `self.inUse`.
 * nullopt: A NAKs the response (claim 13).
 */
std::optional<Prefix> ChooseResponderTunnel(const GatewayView& self,
                                            const Prefix& requesterTunnel,
                                            const Prefix& responderOwn,
                                            const std::vector<Prefix>& responderCandidates);

/// Whether a network needs 1:1 NAT at its tunnel end: own and tunnel prefix differ.
bool NeedsNat(const Prefix& own, const Prefix& tunnel);

/**
 * Checks a negotiated set as ACK and READY carry it. \return an empty
 * string, or what is wrong: an invalid prefix, a tunnel prefix whose length
 * differs from its own prefix's, or the two tunnel prefixes overlapping.
 */
std::string CheckAgreement(const Prefix& requesterOwn,
                           const Prefix& responderOwn,
                           const Prefix& requesterTunnel,
                           const Prefix& responderTunnel);

} // namespace htip
} // namespace ns3

#endif /* IPVPN_HTIP_NEGOTIATION_H */
