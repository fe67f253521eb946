// SPDX-License-Identifier: GPL-2.0-only
//
// The scenario platform: the feature registry, read/validate/resolve as
// separate passes, defaults taken from the models' TypeIds, enum tables, the
// event stream, and the deep copies of feature sections.
#include "ns3/config.h"
#include "ns3/l2tp-tunnel-results.h"
#include "ns3/scenario-mpls-section.h"
#include "ns3/nstime.h"
#include "ns3/scenario-event-stream.h"
#include "ns3/scenario-feature.h"
#include "ns3/scenario-loader.h"
#include "scenario-test-messages.h"
#include "ns3/scenario-topology-graph.h"
#include "ns3/scenario-tunnel-section.h"

#include <catch2/catch.hpp>

#include <set>

using namespace ns3;
using namespace ns3::scenario;
using ipvpntest::Messages;

namespace
{


/// Two routers with a host each, a tunnel between the routers, an MPLS
/// core of both and a flow through the tunnel; every timer left out.
const char* kTwoSites = R"(schema_version: 1
nodes: [{name: H1, kind: host}, {name: R1}, {name: R2}, {name: H2, kind: host}]
addressing: {pools: [{name: p, prefix: 172.16.0.0/16}]}
links:
  - {endpoints: [H1, R1]}
  - {endpoints: [R1, R2]}
  - {endpoints: [R2, H2]}
mpls:
  routers: all
  lsps: [{name: L, ingress: R1, egress: R2, to: H2}]
radius:
  servers: [{name: aaa, node: R2, secret: s, users: [{name: R1, password: pw}]}]
tunnels:
  - {name: t, lac: R1, lns: R2, auth: {radius: aaa, password: pw}}
traffic:
  - {name: f, type: ping, from: R1, to: R2, via: t}
  - {name: g, type: udp-cbr, from: H1, to: H2}
)";

} // namespace

TEST_CASE("the registry lists the core first and no key, action or technology twice", "[platform]")
{
    const auto& features = Features();
    REQUIRE(features.size() >= 3);
    CHECK(features.front()->Name() == "core");
    std::set<std::string> names;
    std::set<std::string> keys{"schema_version", "name", "description"};
    std::set<std::string> actions;
    std::set<std::string> technologies;
    for (const auto& f : features)
    {
        CHECK(names.insert(f->Name()).second);
        for (const auto& k : f->Keys())
        {
            INFO(f->Name() << " key " << k);
            CHECK(keys.insert(k).second);
        }
        for (const auto& e : f->EventKinds())
        {
            INFO(f->Name() << " action " << e.action);
            CHECK(actions.insert(e.action).second);
        }
        for (const auto& t : f->LinkTechnologies())
        {
            CHECK(technologies.insert(t.name).second);
            CHECK(FindLinkTechnology(t.name) != nullptr);
        }
    }
    CHECK(actions == std::set<std::string>{"link-down",
                                           "link-up",
                                           "node-down",
                                           "node-up",
                                           "cost-change",
                                           "vr-port-add",
                                           "vr-port-stop",
                                           "vr-port-password",
                                           "vr-port-announce",
                                           "vr-forge-addition",
                                           "vr-spoof-label"});
    CHECK(technologies == std::set<std::string>{"p2p", "csma", "mpls-ppp"});
    CHECK(FindCoreRouting("global") != nullptr);
    CHECK(FindCoreRouting("ospf") != nullptr);
    CHECK(FindCoreRouting("rip") == nullptr);
}

TEST_CASE("resolution makes defaults and derived values explicit", "[platform]")
{
    auto r = LoadScenarioText(kTwoSites, "two.yaml");
    INFO(Catch::Detail::stringify(Messages(r)));
    REQUIRE(r.Ok());
    const Scenario& s = r.scenario;

    // `routers: all` became the list; the link between two LSRs carries labels.
    const auto* mpls = s.sections.Find<MplsSection>();
    REQUIRE(mpls);
    CHECK_FALSE(mpls->allRouters);
    CHECK(mpls->routers == std::vector<std::string>{"R1", "R2"});
    CHECK(s.links[0].device == "p2p");
    CHECK(s.links[1].device == "mpls-ppp");
    CHECK(s.links[2].device == "p2p");
    // The LSP's FEC is H2's subnet on its link to the egress (172.16.0.8/30).
    REQUIRE(mpls->lsps.at(0).fec);
    CHECK(mpls->lsps[0].fec->ToString() == "172.16.0.8/30");
    CHECK_FALSE(mpls->lsps[0].fecGiven);
    // LDP timers: RFC 5036 section 3.5.2 hold time 15 s, the customary 5 s
    // Hello interval; the egress label defaults to implicit null (PHP).
    CHECK(*mpls->helloHoldNs == 15'000'000'000);
    CHECK(*mpls->helloIntervalNs == 5'000'000'000);
    CHECK(*mpls->egressLabel == ldp::EgressLabel::IMPLICIT_NULL);

    // Tunnel timers: RFC 2661 5.8 (1 s first timeout, 5 retransmissions) and
    // 6.5 (HELLO after 60 s); the default tunnel subnet is 10.255.0.0/30.
    const auto* tunnels = s.sections.Find<TunnelsSection>();
    REQUIRE(tunnels);
    const TunnelSpec& t = tunnels->tunnels.at(0);
    CHECK(*t.retransmitNs == 1'000'000'000);
    CHECK(*t.maxRetransmissions == 5);
    CHECK(*t.helloIntervalNs == 60'000'000'000);
    CHECK(t.lacAddress->ToString() == "10.255.0.1/30");
    CHECK(t.lnsAddress->ToString() == "10.255.0.2/30");
    REQUIRE(t.auth);
    CHECK(t.auth->timeoutNs.has_value());
    CHECK(t.auth->retries.has_value());

    // A flow via the tunnel targets the far end of the tunnel; another
    // targets its destination's first interface; a ping gets V4Ping's
    // 56-byte payload and 1 s interval; every flow stops with the run.
    CHECK(FormatIpv4(s.flows[0].destination) == "10.255.0.2");
    CHECK(*s.flows[0].size == 56);
    CHECK(*s.flows[0].intervalNs == 1'000'000'000);
    CHECK(FormatIpv4(s.flows[1].destination) == "172.16.0.10");
    CHECK(*s.flows[1].port == kFirstAutomaticPort);
    CHECK(*s.flows[1].stopNs == s.simulation.stopNs);
    CHECK(s.outputs.folder == "out/two");
}

TEST_CASE("model defaults are read from the TypeIds, not copied", "[platform]")
{
    // Config::SetDefault changes what the model would use; the resolved
    // scenario follows it.
    Config::SetDefault("ns3::l2tp::ControlConnection::HelloInterval", TimeValue(Seconds(42)));
    auto r = LoadScenarioText(kTwoSites, "two.yaml");
    Config::SetDefault("ns3::l2tp::ControlConnection::HelloInterval", TimeValue(Seconds(60)));
    REQUIRE(r.Ok());
    CHECK(*r.scenario.sections.Find<TunnelsSection>()->tunnels.at(0).helloIntervalNs ==
          42'000'000'000);
}

TEST_CASE("validation errors stop resolution and leave values as written", "[platform]")
{
    const std::string text = std::string(kTwoSites) + "events: [{at: 1s, action: node-down, node: R9}]\n";
    auto r = LoadScenarioText(text, "bad.yaml");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].message == "unknown node 'R9'");
    const Scenario& s = r.scenario;
    CHECK_FALSE(s.flows[1].stopNs.has_value());
    CHECK_FALSE(s.flows[1].port.has_value());
    CHECK_FALSE(s.links[1].endpoints[0].address.has_value());
    CHECK(s.links[1].device.empty());
    CHECK(s.sections.Find<MplsSection>()->allRouters);
    CHECK_FALSE(s.sections.Find<TunnelsSection>()->tunnels[0].lacAddress.has_value());
}

TEST_CASE("a resolved scenario copies its feature sections deeply", "[platform]")
{
    auto r = LoadScenarioText(kTwoSites, "two.yaml");
    REQUIRE(r.Ok());
    Scenario copy = r.scenario;
    copy.sections.Find<MplsSection>()->routers.clear();
    CHECK(r.scenario.sections.Find<MplsSection>()->routers.size() == 2);
    CHECK(copy.sections.Find<MplsSection>()->routers.empty());
}

TEST_CASE("enum tables give parse, print, choices and a hint", "[platform]")
{
    CHECK(kLinkTypes.Parse("csma") == LinkType::CSMA);
    CHECK_FALSE(kLinkTypes.Parse("fibre"));
    CHECK(std::string(kLinkTypes.Name(LinkType::P2P)) == "p2p");
    CHECK(kFlowTypes.Choices() == "udp-cbr, udp-onoff or ping");
    auto r = LoadScenarioText("schema_version: 1\nnodes: [{name: A, kind: hots}]\n", "k.yaml");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].ToString() ==
          "k.yaml:2:25: error: nodes[0].kind: unknown node kind 'hots'; did you mean 'host'? "
          "(router, host or gateway)");
}

TEST_CASE("events take the keys of their action and misspelt actions get a hint", "[platform]")
{
    auto r = LoadScenarioText(R"(schema_version: 1
nodes: [{name: A}, {name: B}]
addressing: {pools: [{name: p, prefix: 10.0.0.0/24}]}
links: [{endpoints: [A, B]}]
events:
  - {at: 1s, action: link-dwn, link: A-B}
  - {at: 2s, action: link-down, link: A-B, node: A}
)",
                              "ev.yaml");
    auto m = Messages(r);
    REQUIRE(m.size() == 2);
    CHECK(m[0] == "ev.yaml:6:22: error: events[0].action: unknown action 'link-dwn'; did you mean "
                  "'link-down'? (link-down, link-up, node-down, node-up, cost-change, "
                  "vr-port-add, vr-port-stop, vr-port-password, vr-port-announce, "
                  "vr-forge-addition, vr-spoof-label)");
    CHECK(m[1] == "ev.yaml:7:50: error: events[1].node: action 'link-down' takes 'link', not 'node'");
}

TEST_CASE("the event stream announces, applies, then tells subscribers", "[platform]")
{
    EventSpec down;
    down.action = "link-down";
    down.args = {{"link", "A-B"}};
    EventStream stream({down});
    std::vector<std::string> order;
    stream.Handle("link-down", [&](const EventSpec& e) { order.push_back("apply " + e.Describe()); });
    stream.Announce([&](const EventSpec& e) { order.push_back("announce " + e.action); });
    stream.Subscribe([&](const EventSpec& e) { order.push_back("first " + e.Arg("link")); });
    stream.Subscribe([&](const EventSpec& e) { order.push_back("second " + e.action); });
    stream.Apply(down);
    CHECK(order == std::vector<std::string>{"announce link-down",
                                            "apply link-down A-B",
                                            "first A-B",
                                            "second link-down"});
}

TEST_CASE("the oracle replays topology events and ignores others", "[platform]")
{
    auto r = LoadScenarioText(kTwoSites, "two.yaml");
    REQUIRE(r.Ok());
    TopologyGraph g(r.scenario);
    EventSpec down{0, "link-down", {{"link", "R1-R2"}}, {}};
    EventSpec other{0, "credential-change", {{"node", "R1"}}, {}};
    CHECK(g.Reachable("H1", "H2"));
    CHECK_FALSE(g.ApplyEvent(other));
    CHECK(g.Reachable("H1", "H2"));
    CHECK(g.ApplyEvent(down));
    CHECK_FALSE(g.IsLinkUp("R1-R2"));
    CHECK_FALSE(g.Reachable("H1", "H2"));
    EventSpec up{0, "link-up", {{"link", "R1-R2"}}, {}};
    CHECK(g.ApplyEvent(up));
    CHECK(g.Reachable("H1", "H2"));
}

TEST_CASE("the echo of a resolved scenario has every feature's section", "[platform]")
{
    auto r = LoadScenarioText(kTwoSites, "two.yaml");
    REQUIRE(r.Ok());
    const nlohmann::json echo = EchoScenario(r.scenario);
    CHECK(echo["mpls"]["routers"] == nlohmann::json({"R1", "R2"}));
    CHECK(echo["mpls"]["lsps"][0]["fec"] == "172.16.0.8/30");
    CHECK(echo["tunnels"][0]["addresses"][1] == "10.255.0.2/30");
    CHECK(echo["radius"]["servers"][0]["users"][0] == "R1");
    CHECK(echo["traffic"][0]["via"] == "t");
    CHECK(echo["traffic"][0]["destination"] == "10.255.0.2");
    CHECK(echo["links"][1]["device"] == "mpls-ppp");
    // Secrets and passwords stay out of the results.
    CHECK(echo.dump().find("\"pw\"") == std::string::npos);
}
