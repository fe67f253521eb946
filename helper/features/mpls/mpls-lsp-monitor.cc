/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "mpls-lsp-monitor.h"

#include "ns3/channel.h"
#include "ns3/ldp-message.h"
#include "ns3/mpls-protocol.h"
#include "ns3/simulator.h"

#include <fmt/format.h>

#include <algorithm>
#include <sstream>

namespace ns3
{
namespace metrics
{

namespace
{

/// Bound on per-packet path records of packets that were never delivered.
constexpr size_t kMaxTrackedPackets = 100'000;
/// Bound on an LSP walk; a longer one is a forwarding loop.
constexpr size_t kMaxHops = 64;

std::string
LabelText(uint32_t label)
{
    switch (label)
    {
    case mpls::LABEL_IMPLICIT_NULL:
        return "implicit-null";
    case mpls::LABEL_IPV4_EXPLICIT_NULL:
        return "explicit-null";
    default:
        return std::to_string(label);
    }
}

/// Text of anything with an operator<<.
template <typename T>
std::string
Str(const T& value)
{
    std::ostringstream os;
    os << value;
    return os.str();
}

/// Message type names as the decoder prints them ("Label-Mapping").
std::string
LdpTypeName(uint16_t type)
{
    std::string name = ldp::MessageTypeName(type);
    std::replace(name.begin(), name.end(), ' ', '-');
    return name;
}

} // namespace

LspMonitor::LspMonitor(const scenario::Scenario& scenario,
                       const scenario::MplsSection& spec,
                       metrics::NetworkNames names,
                       std::vector<Ptr<Application>> flowSinks)
    : m_routers(spec.routers),
      m_names(std::move(names))
{
    for (const std::string& name : m_routers)
    {
        Ptr<Node> node = m_names.GetNode(name);
        if (Ptr<ldp::Protocol> ldp = node->GetObject<ldp::Protocol>())
        {
            WatchLdp(name, ldp);
        }
    }
    for (const std::string& name : m_routers)
    {
        Ptr<mpls::Protocol> mpls = m_names.GetNode(name)->GetObject<mpls::Protocol>();
        mpls->TraceConnectWithoutContext(
            "TableChanged",
            Callback<void, mpls::Protocol::Table, bool, uint32_t>(
                [this](mpls::Protocol::Table, bool, uint32_t) { TablesChanged(); }));
        mpls->TraceConnectWithoutContext(
            "Push",
            Callback<void, Ptr<const Packet>, uint32_t, uint32_t>(
                [this, name](Ptr<const Packet> p, uint32_t, uint32_t) { LabelSeen(name, p, true); }));
        mpls->TraceConnectWithoutContext(
            "Swap",
            Callback<void, Ptr<const Packet>, uint32_t, uint32_t, uint32_t>(
                [this, name](Ptr<const Packet> p, uint32_t, uint32_t, uint32_t) {
                    LabelSeen(name, p, false);
                }));
        mpls->TraceConnectWithoutContext(
            "Pop",
            Callback<void, Ptr<const Packet>, uint32_t, uint32_t>(
                [this, name](Ptr<const Packet> p, uint32_t, uint32_t) { LabelSeen(name, p, false); }));
    }

    for (const scenario::LspSpec& lsp : spec.lsps)
    {
        Tracked t;
        t.out.name = lsp.name;
        t.out.ingress = lsp.ingress;
        t.out.egress = lsp.egress;
        t.labelNames = lsp.labelNames;
        const scenario::Ipv4Prefix prefix = lsp.fec.value_or(scenario::Ipv4Prefix{});
        t.fec = mpls::PrefixFec(Ipv4Address(prefix.Network()), prefix.length);
        t.out.fec = prefix.NetworkString();
        t.flowIndex = scenario.FlowIndex(lsp.flow);
        const size_t index = m_lsps.size();
        if (t.flowIndex >= 0 && flowSinks.at(t.flowIndex))
        {
            flowSinks[t.flowIndex]->TraceConnectWithoutContext(
                "Rx",
                Callback<void, Ptr<const Packet>, const Address&>(
                    [this, index](Ptr<const Packet> p, const Address&) { Delivered(index, p); }));
        }
        t.out.history.push_back(LspState{});
        m_lsps.push_back(std::move(t));
    }
    TablesChanged();
}

void
LspMonitor::WatchLdp(const std::string& node, Ptr<ldp::Protocol> ldp)
{
    auto message = [this, node](const char* direction) {
        return Callback<void, Ipv4Address, uint16_t, uint32_t>(
            [this, node, direction](Ipv4Address peer, uint16_t type, uint32_t bytes) {
                if (m_trace)
                {
                    m_trace(node,
                            direction,
                            "ldp",
                            LdpTypeName(type),
                            {{"peer", Str(peer)}, {"bytes", std::to_string(bytes)}});
                }
            });
    };
    ldp->TraceConnectWithoutContext("MessageTx", message("tx"));
    ldp->TraceConnectWithoutContext("MessageRx", message("rx"));
    ldp->TraceConnectWithoutContext(
        "SessionStateChange",
        Callback<void, Ipv4Address, ldp::SessionState, ldp::SessionState>(
            [this, node](Ipv4Address peer, ldp::SessionState from, ldp::SessionState to) {
                if (m_trace)
                {
                    m_trace(node,
                            "event",
                            "ldp",
                            "session",
                            {{"peer", Str(peer)},
                             {"from", Str(from)},
                             {"to", Str(to)}});
                }
            }));
    ldp->TraceConnectWithoutContext(
        "LfibChange",
        Callback<void, mpls::PrefixFec, uint32_t, uint32_t, Ipv4Address, bool>(
            [this, node](mpls::PrefixFec fec, uint32_t in, uint32_t out, Ipv4Address nextHop, bool added) {
                if (m_trace)
                {
                    auto label = [](uint32_t l) {
                        return l == ldp::NO_LABEL ? std::string("-") : LabelText(l);
                    };
                    m_trace(node,
                            "event",
                            "ldp",
                            added ? "lfib-add" : "lfib-remove",
                            {{"fec", Str(fec)},
                             {"in", label(in)},
                             {"out", label(out)},
                             {"next_hop", Str(nextHop)}});
                }
            }));
}

void
LspMonitor::SetTraceSink(TraceSink sink)
{
    m_trace = std::move(sink);
}

void
LspMonitor::TablesChanged()
{
    // Several entries change in one go (one LDP message can touch ILM and
    // FTN): walk once they are all in.
    if (!m_walk.IsRunning())
    {
        m_walk = Simulator::ScheduleNow(&LspMonitor::Walk, this);
    }
}

void
LspMonitor::Walk()
{
    const int64_t now = Simulator::Now().GetNanoSeconds();
    for (Tracked& t : m_lsps)
    {
        LspState state = WalkOne(t);
        const LspState& last = t.out.history.back();
        const bool same = state.complete == last.complete && state.path == last.path &&
                          std::equal(state.hops.begin(),
                                     state.hops.end(),
                                     last.hops.begin(),
                                     last.hops.end(),
                                     [](const LspHop& a, const LspHop& b) {
                                         return a.label == b.label && a.link == b.link;
                                     });
        if (same)
        {
            continue;
        }
        state.atNs = now;
        if (state.complete && !t.out.setupNs)
        {
            t.out.setupNs = now;
        }
        if (t.pendingControl && state.complete && state.path != t.pathAtEvent)
        {
            LspConvergence& c = t.out.convergence[*t.pendingControl];
            c.controlNs = now - c.eventNs;
            c.affected = true;
            c.newPath = state.path;
            t.pendingControl.reset();
        }
        if (m_trace)
        {
            std::string labels;
            for (const LspHop& h : state.hops)
            {
                labels += (labels.empty() ? "" : ",") +
                          (h.name.empty() ? "" : h.name + "=") + LabelText(h.label);
            }
            m_trace(t.out.ingress,
                    "event",
                    "mpls",
                    "lsp",
                    {{"name", t.out.name},
                     {"fec", t.out.fec},
                     {"state", state.complete ? "complete" : "incomplete"},
                     {"path", PathText(state.path)},
                     {"labels", labels.empty() ? "-" : labels}});
        }
        t.out.history.push_back(std::move(state));
    }
}

LspState
LspMonitor::WalkOne(const Tracked& t) const
{
    LspState state;
    Ptr<Node> node = m_names.GetNode(t.out.ingress);
    state.path.push_back(t.out.ingress);
    Ptr<mpls::Protocol> mpls = node->GetObject<mpls::Protocol>();
    const mpls::Nhlfe* nhlfe = mpls->GetFtn().Find(t.fec);
    const auto& names = t.labelNames;
    while (nhlfe && state.hops.size() < kMaxHops)
    {
        if (nhlfe->outDevice < 0 || nhlfe->labels.empty() ||
            static_cast<uint32_t>(nhlfe->outDevice) >= node->GetNDevices())
        {
            // Pop and deliver here, or nothing to send: the end of the walk.
            state.complete = nhlfe->op == mpls::Nhlfe::POP && state.path.back() == t.out.egress;
            break;
        }
        Ptr<NetDevice> out = node->GetDevice(nhlfe->outDevice);
        // The next node: the owner of the next-hop address, else the far end
        // of a two-ended link.
        Ptr<NetDevice> in;
        for (const NetworkNames::Device& d : m_names.devices)
        {
            if (Ipv4Address(d.address) == nhlfe->nextHop && d.device != out)
            {
                in = d.device;
            }
        }
        Ptr<Channel> channel = out->GetChannel();
        if (!in && channel && channel->GetNDevices() == 2)
        {
            in = channel->GetDevice(0) == out ? channel->GetDevice(1) : channel->GetDevice(0);
        }
        if (!in)
        {
            break;
        }
        LspHop hop;
        hop.from = state.path.back();
        std::string link;
        hop.to = NameOf(in, &link);
        hop.link = link;
        hop.label = nhlfe->labels.back();
        if (state.hops.size() < names.size())
        {
            hop.name = names[state.hops.size()];
        }
        state.hops.push_back(hop);
        state.path.push_back(hop.to);
        node = in->GetNode();
        mpls = node->GetObject<mpls::Protocol>();
        if (hop.label == mpls::LABEL_IMPLICIT_NULL ||
            hop.label == mpls::LABEL_IPV4_EXPLICIT_NULL || !mpls)
        {
            // Penultimate hop popped, or the egress pops the explicit null.
            state.complete = hop.to == t.out.egress;
            break;
        }
        nhlfe = mpls->GetIlm().Lookup(hop.label, in->GetIfIndex());
    }
    return state;
}

std::string
LspMonitor::NameOf(Ptr<NetDevice> device, std::string* link) const
{
    const NetworkNames::Device* d = m_names.Find(device);
    if (!d)
    {
        *link = "";
        return fmt::format("node{}", device->GetNode()->GetId());
    }
    *link = d->link;
    return d->node;
}

void
LspMonitor::LabelSeen(const std::string& node, Ptr<const Packet> packet, bool first)
{
    const uint64_t uid = packet->GetUid();
    auto it = m_packetPaths.find(uid);
    if (first || it == m_packetPaths.end())
    {
        if (!first)
        {
            return; // labelled before we watched (should not happen)
        }
        m_packetPaths[uid] = {node};
        while (m_packetPaths.size() > kMaxTrackedPackets)
        {
            m_packetPaths.erase(m_packetPaths.begin()); // oldest uid: long lost
        }
        return;
    }
    if (it->second.back() != node)
    {
        it->second.push_back(node);
    }
}

void
LspMonitor::Delivered(size_t index, Ptr<const Packet> packet)
{
    Tracked& t = m_lsps[index];
    std::vector<std::string> path;
    auto it = m_packetPaths.find(packet->GetUid());
    if (it != m_packetPaths.end())
    {
        path = std::move(it->second);
        m_packetPaths.erase(it);
        ++t.out.packetsLabelled;
        if (path.back() != t.out.egress)
        {
            path.push_back(t.out.egress); // after a penultimate-hop pop
        }
    }
    if (t.pendingData && !path.empty() && path != t.lastDeliveredPath)
    {
        LspConvergence& c = t.out.convergence[*t.pendingData];
        c.dataNs = Simulator::Now().GetNanoSeconds() - c.eventNs;
        c.affected = true;
        if (c.newPath.empty())
        {
            c.newPath = path;
        }
        t.pendingData.reset();
    }
    if (!path.empty())
    {
        t.lastDeliveredPath = std::move(path);
    }
}

void
LspMonitor::NotifyEvent(const scenario::EventSpec& event)
{
    for (Tracked& t : m_lsps)
    {
        LspConvergence c;
        c.eventNs = Simulator::Now().GetNanoSeconds();
        c.event = event.Describe();
        t.pathAtEvent = t.out.history.back().path;
        t.out.convergence.push_back(c);
        t.pendingControl = t.out.convergence.size() - 1;
        if (t.flowIndex >= 0)
        {
            t.pendingData = t.out.convergence.size() - 1;
        }
    }
}

MplsOutcome
LspMonitor::Finish()
{
    MplsOutcome out;
    for (Tracked& t : m_lsps)
    {
        out.lsps.push_back(t.out);
    }
    for (const std::string& name : m_routers)
    {
        Ptr<Node> node = m_names.GetNode(name);
        Ptr<mpls::Protocol> mpls = node->GetObject<mpls::Protocol>();
        LsrOutcome lsr;
        lsr.node = name;
        lsr.ilmEntries = mpls->GetIlm().GetSize();
        lsr.ftnEntries = mpls->GetFtn().GetSize();
        lsr.labelsAllocated = mpls->GetLabelAllocator().GetAllocatedCount();
        if (Ptr<ldp::Protocol> ldp = node->GetObject<ldp::Protocol>())
        {
            for (const auto& [type, c] : ldp->GetMessageCounters())
            {
                lsr.ldpMessagesSent[LdpTypeName(type)] = c.txMessages;
                lsr.ldpMessagesReceived[LdpTypeName(type)] = c.rxMessages;
                lsr.ldpBytesSent += c.txBytes;
                lsr.ldpBytesReceived += c.rxBytes;
            }
            for (Ipv4Address peer : ldp->GetPeers())
            {
                lsr.ldpSessionsOperational +=
                    ldp->GetSessionState(peer) == ldp::SessionState::OPERATIONAL;
            }
        }
        out.lsrs.push_back(lsr);
    }
    return out;
}

} // namespace metrics
} // namespace ns3
