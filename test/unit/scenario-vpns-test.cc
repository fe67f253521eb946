/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The `vr`/`vpns` sections: what resolution makes of VR ports for the core
 * (address spaces, VRFs, edge routers, loopbacks, router IDs) and the
 * address checks per address space; the monitoring keys (Fig. 10).
 */
#include "scenario-test-messages.h"

#include "ns3/scenario-loader.h"
#include "ns3/scenario-vr-section.h"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace ns3::scenario;
using ipvpntest::Messages;

namespace
{

// Two VPNs with the same user prefix on one router (R2), as in Fig. 7.
const char* const kTwoVpns = R"(
schema_version: 1
nodes: [{name: R1}, {name: R2}, {name: H1, kind: host}, {name: H2, kind: host}, {name: HB, kind: host}]
addressing: {pools: [{name: core, prefix: 172.16.0.0/16}]}
links:
  - {endpoints: [R1, R2]}
  - {name: u1, endpoints: [{node: R1, address: 10.1.0.1/24}, {node: H1, address: 10.1.0.2/24}]}
  - {name: u2, endpoints: [{node: R2, address: 10.3.0.1/24}, {node: H2, address: 10.3.0.2/24}]}
  - {name: ub, endpoints: [{node: R2, address: 10.3.0.1/24}, {node: HB, address: 10.3.0.2/24}]}
vpns:
  - name: A
    id: "00a0c9:00000001"
    radius_secret: a
    ports:
      - {name: A1, router: R1, address: 192.0.2.11, password: p1, user_links: [u1], start: 1s}
      - {name: A2, router: R2, address: 192.0.2.21, password: p2, user_links: [u2], start: 2s}
  - name: B
    id: "00a0c9:00000002"
    radius_secret: b
    ports:
      - {name: B, router: R2, address: 192.0.2.22, password: pb, user_links: [ub]}
events:
  - {at: 3s, action: vr-port-add, port: B}
)";

} // namespace

TEST_CASE("VR ports: user lines in their VPN's address space and VRF", "[vpns]")
{
    auto r = LoadScenarioText(kTwoVpns, "vpns.yaml");
    INFO(Catch::Detail::stringify(Messages(r)));
    REQUIRE(r.Ok()); // 10.3.0.0/24 twice, but in two VPNs
    const Scenario& s = r.scenario;
    CHECK(s.FindLink("R1-R2")->addressSpace.empty());
    CHECK(s.FindLink("R1-R2")->vrf == 0);
    CHECK(s.FindLink("u1")->addressSpace == "A");
    CHECK(s.FindLink("u2")->addressSpace == "A");
    CHECK(s.FindLink("ub")->addressSpace == "B");
    // VRF k + 1 for the k-th VPN.
    CHECK(s.FindLink("u1")->vrf == 1);
    CHECK(s.FindLink("u2")->vrf == 1);
    CHECK(s.FindLink("ub")->vrf == 2);
    // Routers holding ports route per VRF and hold the ports' addresses.
    const NodeSpec* r1 = s.FindNode("R1");
    const NodeSpec* r2 = s.FindNode("R2");
    CHECK(r1->vrfRouting);
    CHECK(r2->vrfRouting);
    CHECK_FALSE(s.FindNode("H1")->vrfRouting);
    CHECK(r1->loopbacks == std::vector<uint32_t>{0xC000020B});             // 192.0.2.11
    CHECK(r2->loopbacks == std::vector<uint32_t>{0xC0000215, 0xC0000216}); // .21, .22
    // The router ID is the router's provider address on R1-R2 (the pool's
    // first /30: .1 and .2), not a port address.
    CHECK(FormatIpv4(r1->routerId) == "172.16.0.1");
    CHECK(FormatIpv4(r2->routerId) == "172.16.0.2");
    const auto* vpns = s.sections.Find<VpnsSection>();
    REQUIRE(vpns);
    CHECK(vpns->vpns.at(1).ports.at(0).startNs == std::nullopt); // added by the event
    CHECK(vpns->collectionTimeNs.has_value());
    CHECK(vpns->ospf.rxmtIntervalNs.has_value());
}

TEST_CASE("VR ports: the same prefix twice inside one VPN is refused", "[vpns]")
{
    std::string text = kTwoVpns;
    // ub becomes a second user line of VPN A (port A2's), overlapping u2.
    const std::string from = "user_links: [u2]";
    text.replace(text.find(from), from.size(), "user_links: [u2, ub]");
    auto r = LoadScenarioText(text, "vpns.yaml");
    const auto m = Messages(r);
    INFO(Catch::Detail::stringify(m));
    CHECK(std::any_of(m.begin(), m.end(), [](const std::string& line) {
        return line.find("overlaps subnet 10.3.0.0/24 of link 'u2' in VPN 'A'") !=
               std::string::npos;
    }));
}

TEST_CASE("VR ports: the global core is refused", "[vpns]")
{
    std::string text = kTwoVpns;
    text += "routing: {core: global}\n";
    auto r = LoadScenarioText(text, "vpns.yaml");
    const auto m = Messages(r);
    INFO(Catch::Detail::stringify(m));
    REQUIRE(m.size() == 1);
    CHECK(m[0].find("routing.core: VR ports need the OSPF core") != std::string::npos);
}

TEST_CASE("VR ports: the monitoring keys, given or from the VrPort defaults", "[vpns]")
{
    SECTION("left out: the attribute defaults, the hold the seed's 24 h")
    {
        auto r = LoadScenarioText(kTwoVpns, "vpns.yaml");
        REQUIRE(r.Ok());
        const auto* vpns = r.scenario.sections.Find<VpnsSection>();
        REQUIRE(vpns);
        CHECK(vpns->holdTimeNs == int64_t{24} * 3600 * 1000000000);
        REQUIRE(vpns->monitorPeriodNs.has_value());
        CHECK(*vpns->monitorPeriodNs > 0);
        REQUIRE(vpns->monitorSilentAfter.has_value());
        CHECK(*vpns->monitorSilentAfter >= 1);
        CHECK(vpns->acceptTimeoutNs.has_value());
    }
    SECTION("given: taken as written")
    {
        std::string text = kTwoVpns;
        text += "vr: {monitor_period: 10s, monitor_silent_after: 5, hold_time: 2h, "
                "accept_timeout: 90s}\n";
        auto r = LoadScenarioText(text, "vpns.yaml");
        INFO(Catch::Detail::stringify(Messages(r)));
        REQUIRE(r.Ok());
        const auto* vpns = r.scenario.sections.Find<VpnsSection>();
        REQUIRE(vpns);
        CHECK(vpns->monitorPeriodNs == int64_t{10} * 1000000000);
        CHECK(vpns->monitorSilentAfter == 5u);
        CHECK(vpns->holdTimeNs == int64_t{2} * 3600 * 1000000000);
        CHECK(vpns->acceptTimeoutNs == int64_t{90} * 1000000000);
    }
    SECTION("a period under 1 ms is refused, located")
    {
        std::string text = kTwoVpns;
        text += "vr: {monitor_period: 500us}\n";
        auto r = LoadScenarioText(text, "vpns.yaml");
        const auto m = Messages(r);
        INFO(Catch::Detail::stringify(m));
        REQUIRE(m.size() == 1);
        CHECK(m[0].find("vr.monitor_period: the monitoring period must be at least 1ms") !=
              std::string::npos);
    }
}
