/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The LDP label decision engine (like OpenBSD ldpd's "lde"): a plain class,
 * no simulator, no I/O, no clock. It keeps the Label Information Base (LIB)
 * and decides, for IPv4 prefix FECs, what to advertise to which peer and what
 * to install in the LFIB, with the modes RFC 5036 section 2.6 calls
 *
 *  - Downstream Unsolicited advertisement (section 2.6.3),
 *  - Ordered control (section 2.6.1.2): a mapping for a FEC goes upstream
 *    only when this LSR is the egress for the FEC or holds a mapping for it
 *    from the FEC's next hop,
 *  - Liberal label retention (section 2.6.2.2): mappings from every peer are
 *    kept; the one from the current next hop is used,
 *  - label merging (one local label per FEC, advertised to all peers).
 *
 * The driver (ldp::Protocol) feeds it events: local FECs, peers coming up
 * and going down, the messages they send, and routing changes (the engine
 * asks a RouteLookup for each FEC's next hop). Each call returns an
 * EngineOutput: LFIB changes (FTN and ILM add/replace/remove) to apply to
 * mpls::Protocol, and label messages to send, per peer.
 *
 * The procedures follow RFC 5036 Appendix A; comments carry its step IDs
 * (A.1.2 "Receive Label Mapping" = LMp.n, A.1.4 Label Release = LRl.n, A.1.5
 * Label Withdraw = LWd.n, A.1.6 "Recognize New FEC" = FEC.n, A.1.1 Label
 * Request = LRq.n, A.2.1 Send_Label = SL.n).
 *
 * Choices where the RFC leaves freedom:
 *  - A local label is allocated once per FEC and kept while the FEC stays in
 *    the LIB (route, local origin or any peer state), so an LSP that flaps
 *    comes back with the same labels. It returns to the allocator when the
 *    FEC leaves the LIB.
 *  - When the advertised label of a FEC changes (e.g. a FEC becomes local
 *    with an implicit-null egress label), the old mapping is withdrawn before
 *    the new one is sent.
 *  - An egress advertising explicit null installs no ILM entry: the MPLS
 *    engine pops label 0 by itself (RFC 3032 section 2.1).
 *  - Loop detection (LMp.3-8, Path Vector / Hop Count) is not done: the
 *    engine follows the IGP's loop-free next hops.
 */
#ifndef IPVPN_LDP_LABEL_ENGINE_H
#define IPVPN_LDP_LABEL_ENGINE_H

#include "ns3/ipv4-address.h"
#include "ns3/ldp-label-actions.h"
#include "ns3/mpls-lfib.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <set>
#include <vector>

namespace ns3
{
namespace ldp
{

/// The LIB and the label decisions of one LSR.
class LabelEngine
{
  public:
    /// The routing table's next hop for a FEC; nullopt when there is no route.
    using RouteLookup = std::function<std::optional<NextHop>(const mpls::PrefixFec&)>;

    struct Config
    {
        EgressLabel egressLabel = EgressLabel::IMPLICIT_NULL;
    };

    /**
     * \param allocator the node's label pool (shared with static LSPs); must
     *        outlive the engine.
     * \param lookup asked for a FEC's next hop when the FEC is first seen and
     *        on RoutingChanged().
     */
    LabelEngine(mpls::LabelAllocator* allocator, RouteLookup lookup, Config config);
    LabelEngine(mpls::LabelAllocator* allocator, RouteLookup lookup);

    // ---- configuration and routing ----
    /// This LSR is the egress for `fec` (it originates it).
    EngineOutput AddLocalFec(const mpls::PrefixFec& fec);
    EngineOutput RemoveLocalFec(const mpls::PrefixFec& fec);
    /// A.1.7 "Detect Change in FEC Next Hop": re-reads every FEC's next hop.
    EngineOutput RoutingChanged();

    // ---- peers and their messages ----
    /// The session with `peer` reached OPERATIONAL.
    EngineOutput PeerUp(Ipv4Address peer);
    /// The session with `peer` ended: everything learnt from it goes.
    EngineOutput PeerDown(Ipv4Address peer);
    EngineOutput ReceiveAddress(Ipv4Address peer, const std::vector<Ipv4Address>& addresses);
    EngineOutput ReceiveAddressWithdraw(Ipv4Address peer,
                                        const std::vector<Ipv4Address>& addresses);
    EngineOutput ReceiveMapping(Ipv4Address peer, const mpls::PrefixFec& fec, uint32_t label);
    /// `fec` nullopt: Wildcard FEC. `label` nullopt: no Label TLV (all labels).
    EngineOutput ReceiveWithdraw(Ipv4Address peer,
                                 std::optional<mpls::PrefixFec> fec,
                                 std::optional<uint32_t> label);
    EngineOutput ReceiveRelease(Ipv4Address peer,
                                std::optional<mpls::PrefixFec> fec,
                                std::optional<uint32_t> label);
    EngineOutput ReceiveRequest(Ipv4Address peer, const mpls::PrefixFec& fec, uint32_t messageId);
    /// Forgets everything (process stop): removes what was installed and
    /// returns every allocated label to the pool. Sends nothing.
    EngineOutput Reset();

    // ---- queries ----
    /// The label this LSR advertises for the FEC (3 or 0 at a null egress).
    std::optional<uint32_t> GetLocalLabel(const mpls::PrefixFec& fec) const;
    /// The label from the current next hop that the LFIB uses.
    std::optional<uint32_t> GetOutLabel(const mpls::PrefixFec& fec) const;
    /// The mapping retained from `peer` (liberal retention), if any.
    std::optional<uint32_t> GetPeerLabel(const mpls::PrefixFec& fec, Ipv4Address peer) const;
    /// The LDP peer owning the FEC's next-hop address, if it is up.
    std::optional<Ipv4Address> GetNextHopPeer(const mpls::PrefixFec& fec) const;
    /// The up peer that advertised `address` (section 3.5.5), if any.
    std::optional<Ipv4Address> FindPeerByAddress(Ipv4Address address) const;
    bool IsEgress(const mpls::PrefixFec& fec) const;
    bool IsPeerUp(Ipv4Address peer) const;
    std::vector<mpls::PrefixFec> GetFecs() const;
    /// FECs with a local label currently advertised.
    std::size_t GetNLocalBindings() const;
    /// Mappings retained from peers, all FECs.
    std::size_t GetNRemoteBindings() const;
    const Config& GetConfig() const;
    void Print(std::ostream& os) const;

  private:
    /// What is installed for one FEC (to compute LFIB differences).
    struct Installed
    {
        std::optional<mpls::Nhlfe> ftn;
        std::optional<std::pair<uint32_t, mpls::Nhlfe>> ilm;
    };

    struct FecEntry
    {
        bool local = false;                      ///< egress by configuration
        std::optional<NextHop> nextHop;          ///< from routing
        std::optional<uint32_t> allocatedLabel;  ///< from the allocator, kept for the FEC's life
        std::optional<uint32_t> advertisedLabel; ///< label currently advertised, if any
        std::map<uint32_t, uint32_t> received;   ///< peer -> label (liberal retention)
        std::map<uint32_t, uint32_t> sent;       ///< peer -> label mapped upstream
        std::map<uint32_t, uint32_t> withdrawn;  ///< peer -> label withdrawn, awaiting release
        Installed installed;
    };

    struct PeerEntry
    {
        std::set<uint32_t> addresses; ///< section 3.5.5 address list
    };

    /// "Recognize New FEC" (A.1.6): the entry, created with its next hop.
    FecEntry& GetOrCreate(const mpls::PrefixFec& fec);
    /// The core of every procedure: recomputes what this FEC should have
    /// installed and advertised, and emits the differences.
    void Reevaluate(const mpls::PrefixFec& fec, FecEntry& entry, EngineOutput& out);
    void ReevaluateAll(EngineOutput& out);
    /// Reevaluates FECs whose next hop is one of `addresses`.
    void ReevaluateNextHops(const std::set<uint32_t>& addresses, EngineOutput& out);
    /// The label to advertise, allocating one if needed; nullopt if exhausted.
    std::optional<uint32_t> ChooseLocalLabel(FecEntry& entry);
    std::optional<uint32_t> NextHopPeer(const FecEntry& entry) const;
    std::optional<uint32_t> DownstreamLabel(const FecEntry& entry) const;
    void InstallDifferences(const mpls::PrefixFec& fec,
                            FecEntry& entry,
                            const Installed& wanted,
                            EngineOutput& out);
    /// Removes the entry when nothing refers to it any more; frees its label.
    void CollectGarbage(const mpls::PrefixFec& fec);
    void CollectAllGarbage();
    void WithdrawOne(const mpls::PrefixFec& fec, FecEntry& entry, uint32_t peer, EngineOutput& out);
    void ReleaseFrom(const mpls::PrefixFec& fec,
                     FecEntry& entry,
                     uint32_t peer,
                     std::optional<uint32_t> label);

    mpls::LabelAllocator* m_allocator;
    RouteLookup m_lookup;
    Config m_config;
    std::map<mpls::PrefixFec, FecEntry> m_fecs;
    std::map<uint32_t, PeerEntry> m_peers; ///< up peers by LSR ID
};

} // namespace ldp
} // namespace ns3

#endif // IPVPN_LDP_LABEL_ENGINE_H
