/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The `tunnelling` section: the Home-to-home Tunnelling Initiation Protocol
 * (seed 004, model/htip/) on the gateways of the `homes` section. Every
 * home's gateway runs it (htip::Processor) with the section's settings,
 * unset ones taking the model's attribute defaults; `homes` entries change
 * one gateway (who it answers, or a fault: silent, NAKing everything).
 *
 *   tunnelling:
 *     embodiment: second        # first (Figs. 3, 5, 7) or second (Figs. 9, 11, 13)
 *     candidates: 3
 *     retransmit: 1s            # first retransmission; doubles up to max_retransmit
 *     max_retransmit: 8s
 *     give_up: 60s
 *     max_nak_rounds: 4
 *     verify_peers: true        # a REQUEST's gateway name must resolve to its sender
 *     secret: ""                # L2TP tunnel secret
 *     answer_ttl: 60            # s, of tunnel addresses given to peers' DNS queries
 *     homes:
 *       - {home: B, accept_from: [gateway-a.example], silent: false, nak_everything: false}
 *     attacks:                  # datagrams from a public host to a gateway's HTIP port
 *       - {from: H666, to: B, at: 4s, kind: spoofed-request, claim: gateway-a.example}
 *
 * Attack kinds: `malformed` (a message with a wrong version), `unexpected`
 * (an ACK of a negotiation nobody began), `spoofed-request` (a REQUEST
 * naming `claim`, another gateway, sent from the attacker's address).
 */
#ifndef IPVPN_SCENARIO_HTIP_SECTION_H
#define IPVPN_SCENARIO_HTIP_SECTION_H

#include "ns3/htip-negotiation.h"
#include "ns3/scenario-enum.h"
#include "ns3/scenario-spec.h"

#include <optional>
#include <string>
#include <vector>

namespace YAML
{
class Node;
}

namespace ns3
{
namespace scenario
{

class YamlReader;

inline const EnumTable<htip::Embodiment> kEmbodiments{{"first", htip::Embodiment::FIRST},
                                                      {"second", htip::Embodiment::SECOND}};

/// One gateway's settings.
struct TunnellingHomeSpec
{
    std::string home;                    ///< a `homes` entry's name
    std::vector<std::string> acceptFrom; ///< gateway names answered; empty: any
    bool silent = false;                 ///< runs no processor: never answers (a fault)
    bool nakEverything = false;          ///< NAKs every REQUEST (a fault: a NAK storm)
    SourceMark mark;
};

enum class HtipAttackKind : uint8_t
{
    MALFORMED,
    UNEXPECTED,
    SPOOFED_REQUEST,
};

inline const EnumTable<HtipAttackKind> kHtipAttackKinds{
    {"malformed", HtipAttackKind::MALFORMED},
    {"unexpected", HtipAttackKind::UNEXPECTED},
    {"spoofed-request", HtipAttackKind::SPOOFED_REQUEST}};

/// One datagram sent at a gateway's HTIP port.
struct HtipAttackSpec
{
    std::string from; ///< a host with a fixed address
    std::string to;   ///< a home's name: its gateway's public address
    int64_t atNs = 0;
    HtipAttackKind kind = HtipAttackKind::MALFORMED;
    std::string claim; ///< spoofed-request: the gateway name it carries
    SourceMark mark;
};

struct TunnellingSection : Section<TunnellingSection>
{
    static constexpr char kKey[] = "tunnelling";

    std::optional<htip::Embodiment> embodiment;
    std::optional<uint32_t> candidates;
    std::optional<int64_t> retransmitNs;
    std::optional<int64_t> maxRetransmitNs;
    std::optional<int64_t> giveUpNs;
    std::optional<uint32_t> maxNakRounds;
    std::optional<bool> verifyPeers;
    std::optional<uint32_t> answerTtl;
    std::string secret;
    std::vector<TunnellingHomeSpec> homes;
    std::vector<HtipAttackSpec> attacks;

    /// The entry of `home`, or null (the section's settings alone).
    const TunnellingHomeSpec* FindHome(const std::string& home) const;
};

/// Reads `tunnelling`.
void ReadTunnelling(const YAML::Node& root, YamlReader& in, Scenario& s);

} // namespace scenario
} // namespace ns3

#endif
