/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The `mpls` section of a scenario: which routers switch labels, LDP's
 * timers and egress label mode, and the label switched paths to report on.
 * Links between two MPLS routers carry labels; every MPLS router binds
 * labels for the subnets of its links to non-MPLS nodes (its sites).
 */
#ifndef IPVPN_SCENARIO_MPLS_SECTION_H
#define IPVPN_SCENARIO_MPLS_SECTION_H

#include "ns3/ldp-label-actions.h"
#include "ns3/scenario-spec.h"

#include <optional>
#include <string>
#include <vector>

namespace ns3
{
namespace scenario
{

/// Label an egress LSR binds for its own FECs (RFC 5036 section 3.4.1.2,
/// RFC 3032 section 2.1): implicit null asks the penultimate hop to pop.
inline const EnumTable<ldp::EgressLabel> kEgressLabels{
    {"implicit-null", ldp::EgressLabel::IMPLICIT_NULL},
    {"explicit-null", ldp::EgressLabel::EXPLICIT_NULL},
    {"non-null", ldp::EgressLabel::NON_NULL}};

/// A label switched path the results report on.
struct LspSpec
{
    std::string name;
    std::string ingress;
    std::string egress;
    std::string to; ///< a site node behind the egress whose subnet is the FEC
    /// As written, or resolved: the subnet of `to` on its link to the
    /// egress, else on its first link.
    std::optional<Ipv4Prefix> fec;
    bool fecGiven = false; ///< the egress originates it explicitly
    std::vector<std::string> labelNames; ///< names for the labels on the path, ingress first
    std::string flow;                    ///< flow that measures convergence
    SourceMark mark;
};

struct MplsSection : Section<MplsSection>
{
    static constexpr char kKey[] = "mpls";

    /// As written, or resolved from `all`: every router.
    std::vector<std::string> routers;
    bool allRouters = false; ///< `routers: all`, until resolved
    /// Resolved from the LDP model's EgressLabel default when absent.
    std::optional<ldp::EgressLabel> egressLabel;
    /// LDP timers (RFC 5036 sections 2.5, 3.5.2, 3.5.3); resolved from the
    /// LDP model's attribute defaults when absent.
    std::optional<int64_t> helloIntervalNs;
    std::optional<int64_t> helloHoldNs;
    std::optional<int64_t> keepAliveNs;
    std::vector<LspSpec> lsps;
    SourceMark mark;

    /// Whether the node switches labels (before resolution `all` counts).
    bool IsLsr(const Scenario& s, const std::string& node) const;
};

} // namespace scenario
} // namespace ns3

#endif
