/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ldp-label-engine.h"

#include "ldp-status.h"

#include "ns3/log.h"

#include <algorithm>
#include <utility>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LdpLabelEngine");

namespace ldp
{

namespace
{

/// Labels a peer may bind to an IPv4 FEC: explicit null, implicit null or
/// an unreserved 20-bit label (RFC 3032 section 2.1).
bool
IsUsableRemoteLabel(uint32_t label)
{
    return label == mpls::LABEL_IPV4_EXPLICIT_NULL || label == mpls::LABEL_IMPLICIT_NULL ||
           (!mpls::IsReservedLabel(label) && label <= mpls::MAX_LABEL);
}

bool
Matches(std::optional<uint32_t> wanted, uint32_t label)
{
    return !wanted || *wanted == label;
}

} // namespace

// ----------------------------------------------------------------- engine

LabelEngine::LabelEngine(mpls::LabelAllocator* allocator, RouteLookup lookup, Config config)
    : m_allocator(allocator)
    , m_lookup(std::move(lookup))
    , m_config(config)
{
    NS_ASSERT_MSG(m_allocator != nullptr, "LabelEngine needs a label allocator");
}

LabelEngine::LabelEngine(mpls::LabelAllocator* allocator, RouteLookup lookup)
    : LabelEngine(allocator, std::move(lookup), Config())
{
}

LabelEngine::FecEntry&
LabelEngine::GetOrCreate(const mpls::PrefixFec& fec)
{
    auto it = m_fecs.find(fec);
    if (it == m_fecs.end())
    {
        // A.1.6 "Recognize New FEC": learn its next hop from routing.
        FecEntry entry;
        if (m_lookup)
        {
            entry.nextHop = m_lookup(fec);
        }
        NS_LOG_LOGIC("new FEC " << fec);
        it = m_fecs.emplace(fec, std::move(entry)).first;
    }
    return it->second;
}

std::optional<uint32_t>
LabelEngine::NextHopPeer(const FecEntry& entry) const
{
    if (!entry.nextHop || entry.nextHop->address == Ipv4Address::GetAny())
    {
        return std::nullopt;
    }
    const std::optional<Ipv4Address> peer = FindPeerByAddress(entry.nextHop->address);
    if (!peer)
    {
        return std::nullopt;
    }
    return peer->Get();
}

std::optional<uint32_t>
LabelEngine::DownstreamLabel(const FecEntry& entry) const
{
    const std::optional<uint32_t> peer = NextHopPeer(entry);
    if (!peer)
    {
        return std::nullopt;
    }
    auto it = entry.received.find(*peer);
    if (it == entry.received.end())
    {
        return std::nullopt;
    }
    return it->second;
}

std::optional<uint32_t>
LabelEngine::ChooseLocalLabel(FecEntry& entry)
{
    if (entry.local)
    {
        switch (m_config.egressLabel)
        {
        case EgressLabel::IMPLICIT_NULL:
            return mpls::LABEL_IMPLICIT_NULL;
        case EgressLabel::EXPLICIT_NULL:
            return mpls::LABEL_IPV4_EXPLICIT_NULL;
        case EgressLabel::NON_NULL:
            break;
        }
    }
    if (!entry.allocatedLabel)
    {
        // Downstream label assignment (RFC 3031 section 3.3), SL.1-SL.3:
        // the label comes from this LSR's own pool.
        entry.allocatedLabel = m_allocator->Allocate();
        if (!entry.allocatedLabel)
        {
            NS_LOG_WARN("label range exhausted");
        }
    }
    return entry.allocatedLabel;
}

void
LabelEngine::Reevaluate(const mpls::PrefixFec& fec, FecEntry& entry, EngineOutput& out)
{
    std::optional<uint32_t> downstream;
    if (!entry.local)
    {
        downstream = DownstreamLabel(entry);
    }

    // Section 2.6.1.2, ordered control: advertise only as the egress or
    // with a mapping from the next hop (FEC.1, LMp.17-LMp.24).
    const bool advertise = entry.local || downstream.has_value();
    const std::optional<uint32_t> label =
        advertise ? ChooseLocalLabel(entry) : std::optional<uint32_t>();

    // Forwarding state. LMp.15 / FEC.5: install the next hop's label.
    Installed wanted;
    if (downstream)
    {
        wanted.ftn =
            mpls::Nhlfe::Push({*downstream}, entry.nextHop->outDevice, entry.nextHop->address);
    }
    if (label && !mpls::IsReservedLabel(*label))
    {
        if (entry.local)
        {
            // The egress pops and delivers to IPv4.
            wanted.ilm = std::make_pair(*label, mpls::Nhlfe::PopAndDeliver());
        }
        else if (downstream)
        {
            // Swap to the next hop's label; implicit null makes it PHP.
            wanted.ilm = std::make_pair(
                *label,
                mpls::Nhlfe::Swap(*downstream, entry.nextHop->outDevice, entry.nextHop->address));
        }
    }
    InstallDifferences(fec, entry, wanted, out);

    // Advertisement state.
    if (entry.advertisedLabel != label)
    {
        NS_LOG_INFO(fec << ": local label "
                        << (entry.advertisedLabel ? std::to_string(*entry.advertisedLabel) : "-")
                        << " -> " << (label ? std::to_string(*label) : "-"));
    }
    entry.advertisedLabel = label;
    std::vector<uint32_t> stale;
    for (const auto& [peer, sentLabel] : entry.sent)
    {
        if (!label || sentLabel != *label)
        {
            stale.push_back(peer);
        }
    }
    for (uint32_t peer : stale)
    {
        // A.1.14 "LSR decides to no longer label switch a FEC" (or its label
        // changed): withdraw what was sent.
        WithdrawOne(fec, entry, peer, out);
    }
    if (!label)
    {
        return;
    }
    for (const auto& [peer, state] : m_peers)
    {
        (void)state;
        auto it = entry.sent.find(peer);
        if (it != entry.sent.end() && it->second == *label)
        {
            continue; // LMp.18: this mapping was sent already
        }
        // SL (A.2.1 Send_Label): Downstream Unsolicited, to every peer,
        // MsgSource included (LMp.17 iterates over all peers).
        LabelMessage m;
        m.type = LabelMessage::MAPPING;
        m.peer = Ipv4Address(peer);
        m.fec = fec;
        m.label = *label;
        out.messages.push_back(m);
        entry.sent[peer] = *label; // SL.8: record the mapping sent
    }
}

void
LabelEngine::WithdrawOne(const mpls::PrefixFec& fec,
                         FecEntry& entry,
                         uint32_t peer,
                         EngineOutput& out)
{
    auto it = entry.sent.find(peer);
    if (it == entry.sent.end())
    {
        return;
    }
    if (m_peers.count(peer) != 0)
    {
        LabelMessage m;
        m.type = LabelMessage::WITHDRAW;
        m.peer = Ipv4Address(peer);
        m.fec = fec;
        m.label = it->second;
        out.messages.push_back(m);
        // Section 3.5.10: the label stays bound until the peer releases it.
        entry.withdrawn[peer] = it->second;
    }
    entry.sent.erase(it);
}

void
LabelEngine::InstallDifferences(const mpls::PrefixFec& fec,
                                FecEntry& entry,
                                const Installed& wanted,
                                EngineOutput& out)
{
    auto change = [&](LfibChange::Table table,
                      LfibChange::Kind kind,
                      uint32_t inLabel,
                      const mpls::Nhlfe& nhlfe) {
        LfibChange c;
        c.table = table;
        c.kind = kind;
        c.fec = fec;
        c.inLabel = inLabel;
        c.nhlfe = nhlfe;
        c.outLabel = nhlfe.labels.empty() ? NO_LABEL : nhlfe.labels.back();
        c.nextHop = nhlfe.outDevice < 0 ? Ipv4Address::GetAny() : nhlfe.nextHop;
        out.lfib.push_back(c);
    };
    Installed& have = entry.installed;
    if (have.ftn != wanted.ftn)
    {
        change(LfibChange::FTN,
               wanted.ftn ? LfibChange::ADD : LfibChange::REMOVE,
               NO_LABEL,
               wanted.ftn ? *wanted.ftn : *have.ftn);
        have.ftn = wanted.ftn;
    }
    if (have.ilm && (!wanted.ilm || have.ilm->first != wanted.ilm->first))
    {
        change(LfibChange::ILM, LfibChange::REMOVE, have.ilm->first, have.ilm->second);
        have.ilm.reset();
    }
    if (wanted.ilm && have.ilm != wanted.ilm)
    {
        change(LfibChange::ILM, LfibChange::ADD, wanted.ilm->first, wanted.ilm->second);
        have.ilm = wanted.ilm;
    }
}

void
LabelEngine::ReevaluateAll(EngineOutput& out)
{
    for (auto& [fec, entry] : m_fecs)
    {
        Reevaluate(fec, entry, out);
    }
}

void
LabelEngine::ReevaluateNextHops(const std::set<uint32_t>& addresses, EngineOutput& out)
{
    for (auto& [fec, entry] : m_fecs)
    {
        if (entry.nextHop && addresses.count(entry.nextHop->address.Get()) != 0)
        {
            Reevaluate(fec, entry, out);
        }
    }
}

void
LabelEngine::CollectGarbage(const mpls::PrefixFec& fec)
{
    auto it = m_fecs.find(fec);
    if (it == m_fecs.end())
    {
        return;
    }
    const FecEntry& e = it->second;
    if (e.local || !e.received.empty() || !e.sent.empty() || !e.withdrawn.empty() ||
        e.installed.ftn || e.installed.ilm)
    {
        return;
    }
    if (e.allocatedLabel)
    {
        // LRl.11-13 analogue: nobody holds the label any more.
        m_allocator->Release(*e.allocatedLabel);
    }
    NS_LOG_LOGIC("FEC " << fec << " leaves the LIB");
    m_fecs.erase(it);
}

void
LabelEngine::CollectAllGarbage()
{
    std::vector<mpls::PrefixFec> fecs = GetFecs();
    for (const auto& fec : fecs)
    {
        CollectGarbage(fec);
    }
}

// ------------------------------------------------- configuration, routing

EngineOutput
LabelEngine::AddLocalFec(const mpls::PrefixFec& fec)
{
    EngineOutput out;
    FecEntry& entry = GetOrCreate(fec);
    entry.local = true;
    // FEC.1: the egress distributes its label to every peer.
    Reevaluate(fec, entry, out);
    return out;
}

EngineOutput
LabelEngine::RemoveLocalFec(const mpls::PrefixFec& fec)
{
    EngineOutput out;
    auto it = m_fecs.find(fec);
    if (it == m_fecs.end() || !it->second.local)
    {
        return out;
    }
    it->second.local = false;
    Reevaluate(fec, it->second, out);
    CollectGarbage(fec);
    return out;
}

EngineOutput
LabelEngine::RoutingChanged()
{
    EngineOutput out;
    for (auto& [fec, entry] : m_fecs)
    {
        const std::optional<NextHop> nh = m_lookup ? m_lookup(fec) : std::nullopt;
        if (nh == entry.nextHop)
        {
            continue;
        }
        // A.1.7 "Detect Change in FEC Next Hop": the old next hop's label
        // leaves forwarding use; with liberal retention the mapping stays in
        // the LIB. A mapping already held from the new next hop is used at
        // once (as "Received Label Mapping from new next hop").
        NS_LOG_INFO(fec << ": next hop "
                        << (entry.nextHop ? entry.nextHop->address : Ipv4Address::GetAny())
                        << " -> " << (nh ? nh->address : Ipv4Address::GetAny()));
        entry.nextHop = nh;
        Reevaluate(fec, entry, out);
    }
    CollectAllGarbage();
    return out;
}

// ------------------------------------------------------------------ peers

EngineOutput
LabelEngine::PeerUp(Ipv4Address peer)
{
    EngineOutput out;
    m_peers.emplace(peer.Get(), PeerEntry());
    // Section 2.6.1: a Downstream Unsolicited LSR advertises its bindings
    // to a new peer (FEC.1 for every FEC, this peer included).
    ReevaluateAll(out);
    return out;
}

EngineOutput
LabelEngine::PeerDown(Ipv4Address peer)
{
    EngineOutput out;
    if (m_peers.erase(peer.Get()) == 0)
    {
        return out;
    }
    // Section 2.5.6 / 3.5.1.1: with the session, the peer's label mappings,
    // addresses and outstanding requests are gone.
    for (auto& [fec, entry] : m_fecs)
    {
        (void)fec;
        entry.received.erase(peer.Get());
        entry.sent.erase(peer.Get());
        entry.withdrawn.erase(peer.Get());
    }
    ReevaluateAll(out);
    CollectAllGarbage();
    return out;
}

EngineOutput
LabelEngine::ReceiveAddress(Ipv4Address peer, const std::vector<Ipv4Address>& addresses)
{
    EngineOutput out;
    auto it = m_peers.find(peer.Get());
    if (it == m_peers.end())
    {
        NS_LOG_WARN("Address message from " << peer << ", which is not up");
        return out;
    }
    std::set<uint32_t> added;
    for (Ipv4Address a : addresses)
    {
        if (it->second.addresses.insert(a.Get()).second)
        {
            added.insert(a.Get());
        }
    }
    // Section 3.5.5.1: the addresses map next hops to this peer; FECs routed
    // through them may now use its mappings.
    ReevaluateNextHops(added, out);
    return out;
}

EngineOutput
LabelEngine::ReceiveAddressWithdraw(Ipv4Address peer, const std::vector<Ipv4Address>& addresses)
{
    EngineOutput out;
    auto it = m_peers.find(peer.Get());
    if (it == m_peers.end())
    {
        return out;
    }
    std::set<uint32_t> removed;
    for (Ipv4Address a : addresses)
    {
        if (it->second.addresses.erase(a.Get()) != 0)
        {
            removed.insert(a.Get());
        }
    }
    // Section 3.5.6.1: the peer no longer owns these next hops.
    ReevaluateNextHops(removed, out);
    return out;
}

EngineOutput
LabelEngine::ReceiveMapping(Ipv4Address peer, const mpls::PrefixFec& fec, uint32_t label)
{
    EngineOutput out;
    if (m_peers.count(peer.Get()) == 0)
    {
        NS_LOG_WARN("Label Mapping from " << peer << ", which is not up");
        return out;
    }
    if (!IsUsableRemoteLabel(label))
    {
        NS_LOG_WARN("Label Mapping from " << peer << " for " << fec << " with unusable label "
                                          << label);
        return out;
    }
    FecEntry& entry = GetOrCreate(fec);
    // LMp.1-LMp.2: no Label Request is ever outstanding (Downstream
    // Unsolicited). LMp.3-LMp.8: no loop detection.
    auto prev = entry.received.find(peer.Get()); // LMp.9
    if (prev != entry.received.end() && prev->second != label)
    {
        // LMp.10 / LMp.10a: a different label for the FEC from the same
        // peer replaces the old one, which is released.
        LabelMessage m;
        m.type = LabelMessage::RELEASE;
        m.peer = peer;
        m.fec = fec;
        m.label = prev->second;
        out.messages.push_back(m);
    }
    // LMp.13 (liberal retention) / LMp.16: record the mapping, whether or
    // not the peer is the next hop (LMp.11-LMp.12).
    entry.received[peer.Get()] = label;
    // LMp.14-LMp.15 install when the peer is the next hop; LMp.17-LMp.24
    // advertise upstream (ordered control).
    Reevaluate(fec, entry, out);
    return out;
}

EngineOutput
LabelEngine::ReceiveWithdraw(Ipv4Address peer,
                             std::optional<mpls::PrefixFec> fec,
                             std::optional<uint32_t> label)
{
    EngineOutput out;
    // LWd.2: answer with a Label Release (same FEC and Label TLVs).
    LabelMessage release;
    release.type = LabelMessage::RELEASE;
    release.peer = peer;
    release.wildcard = !fec.has_value();
    if (fec)
    {
        release.fec = *fec;
    }
    release.label = label;

    for (auto& [f, entry] : m_fecs)
    {
        if (fec && !(f == *fec))
        {
            continue;
        }
        auto it = entry.received.find(peer.Get());
        if (it != entry.received.end() && Matches(label, it->second))
        {
            // LWd.3-LWd.4: forget the mapping; LWd.1: Reevaluate takes the
            // label out of forwarding use.
            entry.received.erase(it);
            Reevaluate(f, entry, out);
        }
    }
    out.messages.push_back(release);
    CollectAllGarbage();
    return out;
}

void
LabelEngine::ReleaseFrom(const mpls::PrefixFec& fec,
                         FecEntry& entry,
                         uint32_t peer,
                         std::optional<uint32_t> label)
{
    (void)fec;
    // LRl.3-LRl.4: a release answering our withdraw ends it.
    auto w = entry.withdrawn.find(peer);
    if (w != entry.withdrawn.end() && Matches(label, w->second))
    {
        entry.withdrawn.erase(w);
    }
    // LRl.6: the peer no longer uses the mapping we sent.
    auto s = entry.sent.find(peer);
    if (s != entry.sent.end() && Matches(label, s->second))
    {
        entry.sent.erase(s);
    }
}

EngineOutput
LabelEngine::ReceiveRelease(Ipv4Address peer,
                            std::optional<mpls::PrefixFec> fec,
                            std::optional<uint32_t> label)
{
    EngineOutput out;
    if (fec)
    {
        auto it = m_fecs.find(*fec);
        if (it == m_fecs.end())
        {
            return out; // LRl.1: unknown FEC, nothing to do
        }
        ReleaseFrom(*fec, it->second, peer.Get(), label);
    }
    else
    {
        for (auto& [f, entry] : m_fecs)
        {
            ReleaseFrom(f, entry, peer.Get(), label);
        }
    }
    CollectAllGarbage();
    return out;
}

EngineOutput
LabelEngine::ReceiveRequest(Ipv4Address peer, const mpls::PrefixFec& fec, uint32_t messageId)
{
    EngineOutput out;
    if (m_peers.count(peer.Get()) == 0)
    {
        return out;
    }
    auto it = m_fecs.find(fec);
    std::optional<NextHop> nh = it != m_fecs.end()
                                    ? it->second.nextHop
                                    : (m_lookup ? m_lookup(fec) : std::optional<NextHop>());
    const bool local = it != m_fecs.end() && it->second.local;
    LabelMessage m;
    m.peer = peer;
    m.fec = fec;
    m.requestId = messageId;
    if (!local && !nh)
    {
        // LRq.2: no next hop for the FEC.
        m.type = LabelMessage::NOTIFICATION;
        m.status = STATUS_NO_ROUTE;
        out.messages.push_back(m);
        return out;
    }
    if (!local && it != m_fecs.end() && NextHopPeer(it->second) == peer.Get())
    {
        // LRq.3: the requester is our next hop.
        m.type = LabelMessage::NOTIFICATION;
        m.status = STATUS_LOOP_DETECTED;
        out.messages.push_back(m);
        return out;
    }
    if (it != m_fecs.end() && it->second.advertisedLabel)
    {
        // LRq.9: answer with the current mapping, naming the request.
        m.type = LabelMessage::MAPPING;
        m.label = *it->second.advertisedLabel;
        out.messages.push_back(m);
        it->second.sent[peer.Get()] = *m.label;
    }
    // Otherwise ordered control defers the answer: the mapping goes out
    // unsolicited once the next hop's arrives (LMp.17-LMp.24).
    return out;
}

EngineOutput
LabelEngine::Reset()
{
    EngineOutput out;
    for (auto& [fec, entry] : m_fecs)
    {
        InstallDifferences(fec, entry, Installed(), out);
        if (entry.allocatedLabel)
        {
            m_allocator->Release(*entry.allocatedLabel);
        }
    }
    m_fecs.clear();
    m_peers.clear();
    return out;
}

// ---------------------------------------------------------------- queries

std::optional<uint32_t>
LabelEngine::GetLocalLabel(const mpls::PrefixFec& fec) const
{
    auto it = m_fecs.find(fec);
    return it == m_fecs.end() ? std::nullopt : it->second.advertisedLabel;
}

std::optional<uint32_t>
LabelEngine::GetOutLabel(const mpls::PrefixFec& fec) const
{
    auto it = m_fecs.find(fec);
    if (it == m_fecs.end() || !it->second.installed.ftn)
    {
        return std::nullopt;
    }
    return it->second.installed.ftn->labels.back();
}

std::optional<uint32_t>
LabelEngine::GetPeerLabel(const mpls::PrefixFec& fec, Ipv4Address peer) const
{
    auto it = m_fecs.find(fec);
    if (it == m_fecs.end())
    {
        return std::nullopt;
    }
    auto r = it->second.received.find(peer.Get());
    return r == it->second.received.end() ? std::nullopt : std::optional<uint32_t>(r->second);
}

std::optional<Ipv4Address>
LabelEngine::GetNextHopPeer(const mpls::PrefixFec& fec) const
{
    auto it = m_fecs.find(fec);
    if (it == m_fecs.end())
    {
        return std::nullopt;
    }
    std::optional<uint32_t> peer = NextHopPeer(it->second);
    return peer ? std::optional<Ipv4Address>(Ipv4Address(*peer)) : std::nullopt;
}

std::optional<Ipv4Address>
LabelEngine::FindPeerByAddress(Ipv4Address address) const
{
    for (const auto& [peer, state] : m_peers)
    {
        if (state.addresses.count(address.Get()) != 0)
        {
            return Ipv4Address(peer);
        }
    }
    return std::nullopt;
}

bool
LabelEngine::IsEgress(const mpls::PrefixFec& fec) const
{
    auto it = m_fecs.find(fec);
    return it != m_fecs.end() && it->second.local;
}

bool
LabelEngine::IsPeerUp(Ipv4Address peer) const
{
    return m_peers.count(peer.Get()) != 0;
}

std::vector<mpls::PrefixFec>
LabelEngine::GetFecs() const
{
    std::vector<mpls::PrefixFec> fecs;
    for (const auto& [fec, entry] : m_fecs)
    {
        (void)entry;
        fecs.push_back(fec);
    }
    return fecs;
}

std::size_t
LabelEngine::GetNLocalBindings() const
{
    return std::count_if(m_fecs.begin(), m_fecs.end(), [](const auto& kv) {
        return kv.second.advertisedLabel.has_value();
    });
}

std::size_t
LabelEngine::GetNRemoteBindings() const
{
    std::size_t n = 0;
    for (const auto& [fec, entry] : m_fecs)
    {
        (void)fec;
        n += entry.received.size();
    }
    return n;
}

const LabelEngine::Config&
LabelEngine::GetConfig() const
{
    return m_config;
}

void
LabelEngine::Print(std::ostream& os) const
{
    for (const auto& [fec, e] : m_fecs)
    {
        os << fec << (e.local ? " egress" : "") << " local ";
        if (e.advertisedLabel)
        {
            os << *e.advertisedLabel;
        }
        else
        {
            os << "-";
        }
        if (e.nextHop)
        {
            os << " nh " << *e.nextHop;
        }
        for (const auto& [peer, label] : e.received)
        {
            os << " [" << Ipv4Address(peer) << ": " << label << "]";
        }
        os << '\n';
    }
}

} // namespace ldp
} // namespace ns3
