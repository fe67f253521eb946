/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The `ospf` section of a scenario: the timers, router priorities, SPF
 * throttling and authentication of the OSPFv2 instances that the core
 * routing `ospf` (`routing.core: ospf`) runs on every router, and the
 * section's own regression expectations (adjacency time, convergence time,
 * elected DR/BDR). Every value left out is resolved from the
 * ns3::ospf::Protocol attribute defaults.
 */
#ifndef IPVPN_SCENARIO_OSPF_SECTION_H
#define IPVPN_SCENARIO_OSPF_SECTION_H

#include "ns3/scenario-spec.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{
namespace scenario
{

/// RFC 2328 appendix D: AuType 0, 1 and 2.
enum class OspfAuthType
{
    NONE = 0,
    SIMPLE = 1,
    MD5 = 2,
};

inline const EnumTable<OspfAuthType> kOspfAuthTypes{
    {"none", OspfAuthType::NONE}, {"simple", OspfAuthType::SIMPLE}, {"md5", OspfAuthType::MD5}};

/// One router's Router Priority (`ospf.priorities`).
struct OspfPrioritySpec
{
    std::string node;
    uint32_t priority = 1;
    SourceMark mark;
};

/// `ospf.expect.dr[]`: the DR (and BDR) a broadcast link must elect.
struct OspfElectionExpect
{
    std::string link;
    std::string dr;  ///< empty: not checked
    std::string bdr; ///< empty: not checked; "none" for no BDR
    SourceMark mark;
};

/// The event that changes the OSPF cost of every interface on a link.
constexpr char kCostChange[] = "cost-change";

/// A cost-change event's `cost`: 1 to 65535, or none.
std::optional<uint16_t> ParseLinkCost(const std::string& text);

struct OspfSection : Section<OspfSection>
{
    static constexpr char kKey[] = "ospf";

    /// RFC 2328 C.3 interface parameters, the same on every interface;
    /// resolved from HelloInterval, RouterDeadInterval, RxmtInterval,
    /// InfTransDelay and RouterPriority when absent.
    std::optional<int64_t> helloIntervalNs;
    std::optional<int64_t> deadIntervalNs;
    std::optional<int64_t> retransmitIntervalNs;
    std::optional<int64_t> transmitDelayNs;
    std::optional<uint32_t> priority;
    /// RFC 2328 B MinLSInterval and MinLSArrival; resolved from the
    /// attributes of the same names.
    std::optional<int64_t> minLsIntervalNs;
    std::optional<int64_t> minLsArrivalNs;
    /// Per router; resolved: one entry per router, in node order.
    std::vector<OspfPrioritySpec> priorities;

    /// SPF throttling; resolved from SpfInitialDelay, SpfHoldTime, SpfMaxWait.
    std::optional<int64_t> spfInitialDelayNs;
    std::optional<int64_t> spfHoldNs;
    std::optional<int64_t> spfMaxWaitNs;

    /// Authentication (D.3, D.4.3); resolved from AuType, AuthKeyId, AuthKey.
    std::optional<OspfAuthType> authType;
    std::optional<std::string> authKey;
    std::optional<uint32_t> authKeyId;

    /// Checked after the run like the core's `expect` entries.
    std::optional<int64_t> expectAdjacencyWithinNs;   ///< every adjacency Full by then
    std::optional<int64_t> expectConvergenceWithinNs; ///< control plane after each event
    std::vector<OspfElectionExpect> expectElections;

    SourceMark mark;

    /// The router's priority: its `priorities` entry, else `priority`.
    uint32_t PriorityOf(const std::string& node) const;
};

} // namespace scenario
} // namespace ns3

#endif
