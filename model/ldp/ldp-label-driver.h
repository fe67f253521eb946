/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The driver of the pure label engine (ldp::LabelEngine): it holds the
 * node's ns-3 objects, so it is no engine itself. For ldp::Protocol it
 * connects the engine to the node:
 *  - next hops come from the node's IPv4 routing, asked as the IGP would
 *    answer: mpls::FtnRouting, which would answer with the LSP itself, is
 *    skipped in the node's Ipv4ListRouting (RFC 5036 section 2.6.1: LDP
 *    follows the routing table);
 *  - LFIB changes go into mpls::Protocol, with the time each FEC's FTN
 *    and ILM entries were installed;
 *  - received Address and label messages (typed, from ldp::Session) become
 *    engine calls, one per FEC element (section 3.4.1); the engine's
 *    messages become typed messages in wire form, batched per peer.
 */
#ifndef IPVPN_LDP_LABEL_DRIVER_H
#define IPVPN_LDP_LABEL_DRIVER_H

#include "ns3/ipv4-address.h"
#include "ns3/ldp-label-engine.h"
#include "ns3/ldp-message.h"
#include "ns3/mpls-lfib.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <vector>

namespace ns3
{

class Ipv4;
class Node;

namespace mpls
{
class Protocol;
}

namespace ldp
{

class LabelDriver
{
  public:
    /// What the driver needs from its owner.
    struct Hooks
    {
        /// Sends messages (wire form) on the session with `peer`.
        std::function<void(Ipv4Address peer, const std::vector<Message>& messages)> send;
        /// After each LFIB change (for the owner's trace).
        std::function<void(const LfibChange& change)> lfibChanged;
        std::function<uint32_t()> allocateMessageId;
    };

    /// The node needs IPv4 and mpls::Protocol; labels come from
    /// mpls::Protocol's allocator.
    LabelDriver(Ptr<Node> node, EgressLabel egressLabel, Hooks hooks);
    ~LabelDriver();

    /// FECs this LSR originates: configured ones and connected subnets.
    void AddLocalFec(const mpls::PrefixFec& fec);
    /// Replaces the set of originated connected subnets.
    void SetConnectedFecs(const std::set<mpls::PrefixFec>& fecs);
    /// Every FEC's next hop is read again (A.1.7).
    void RoutingChanged();

    void PeerUp(Ipv4Address peer);
    void PeerDown(Ipv4Address peer);
    /// A typed Address, Address Withdraw or label message from `peer`.
    void Receive(Ipv4Address peer, const Message& message);
    /// Process stop: what was installed leaves the LFIB, labels the pool.
    void Clear();

    const LabelEngine& GetEngine() const;
    std::optional<Time> GetFtnInstallTime(const mpls::PrefixFec& fec) const;
    std::optional<Time> GetIlmInstallTime(const mpls::PrefixFec& fec) const;

  private:
    std::optional<NextHop> LookupRoute(const mpls::PrefixFec& fec) const;
    void Apply(const EngineOutput& out);
    void ApplyLfib(const LfibChange& change);
    bool IsLocal(const mpls::PrefixFec& fec) const;

    Ptr<Ipv4> m_ipv4;
    Ptr<mpls::Protocol> m_mpls;
    Hooks m_hooks;
    std::unique_ptr<LabelEngine> m_engine;
    std::set<mpls::PrefixFec> m_configured;
    std::set<mpls::PrefixFec> m_connected;
    std::map<mpls::PrefixFec, Time> m_ftnTimes;
    std::map<mpls::PrefixFec, Time> m_ilmTimes;
};

} // namespace ldp
} // namespace ns3

#endif // IPVPN_LDP_LABEL_DRIVER_H
