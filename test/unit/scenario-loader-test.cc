// SPDX-License-Identifier: GPL-2.0-only
#include "ns3/scenario-loader.h"
#include "scenario-test-messages.h"

#include <catch2/catch.hpp>

using namespace ns3::scenario;
using ipvpntest::Messages;

namespace
{


} // namespace

TEST_CASE("the Fig. 3 scenario loads with every address resolved", "[loader]")
{
    auto r = LoadScenarioFile(IPVPN_SOURCE_DIR "/scenarios/p1-fig03-core-path.yaml");
    INFO(Catch::Detail::stringify(Messages(r)));
    REQUIRE(r.Ok());
    const Scenario& s = r.scenario;
    CHECK(s.name == "p1-fig03-core-path");
    REQUIRE(s.nodes.size() == 6);
    CHECK(s.nodes[0].kind == NodeKind::HOST);
    CHECK(s.nodes[1].kind == NodeKind::ROUTER);
    REQUIRE(s.links.size() == 5);
    // Unnamed p2p links are named after their endpoints.
    CHECK(s.links[1].name == "R10-X");
    CHECK(s.links[2].name == "X-Y");
    // Pool 172.16.0.0/16 hands out /30s in file order: .1/.2, then .5/.6 ...
    CHECK(s.links[1].endpoints[0].address->ToString() == "172.16.0.1/30");
    CHECK(s.links[1].endpoints[1].address->ToString() == "172.16.0.2/30");
    CHECK(s.links[2].endpoints[0].address->ToString() == "172.16.0.5/30");
    CHECK(s.links[3].endpoints[1].address->ToString() == "172.16.0.10/30");
    CHECK(s.links[1].endpoints[0].fromPool);
    // Explicit site addresses are kept as written.
    CHECK(s.links[0].endpoints[0].address->ToString() == "192.168.1.10/24");
    CHECK_FALSE(s.links[0].endpoints[0].fromPool);
    CHECK(s.links[2].delayNs == 5'000'000);
    CHECK(s.links[2].dataRateBps == 1'000'000'000);
    REQUIRE(s.flows.size() == 2);
    CHECK(s.flows[0].port == kFirstAutomaticPort);
    CHECK(s.flows[0].stopNs == 9'000'000'000);
    CHECK(s.flows[1].type == FlowType::PING);
    CHECK(s.outputs.folder == "out/p1-fig03-core-path");
}

TEST_CASE("command-line overrides apply before validation", "[loader]")
{
    LoadOverrides o;
    o.stopNs = 5'000'000'000; // the file's flow stops at 9 s
    o.seed = 7;
    o.outFolder = "elsewhere";
    auto r = LoadScenarioFile(IPVPN_SOURCE_DIR "/scenarios/p1-fig03-core-path.yaml", o);
    REQUIRE_FALSE(r.Ok());
    CHECK(r.scenario.simulation.seed == 7);
    CHECK(r.scenario.outputs.folder == "elsewhere");
    bool stopError = false;
    for (const auto& d : r.errors)
    {
        stopError |= d.path == "traffic[0].stop" &&
                     d.message == "9s is after the simulation stop (5s)";
    }
    CHECK(stopError);
}

TEST_CASE("all errors of a file are reported together, in file order", "[loader]")
{
    auto r = LoadScenarioText(R"(schema_version: 1
nodes:
  - {name: A, colour: red}
  - {name: B}
links:
  - {endpoints: [A, C], delay: fast}
traffic:
  - {type: udp-cbr, from: A, to: B, size: 4}
)",
                              "many.yaml");
    auto m = Messages(r);
    // Columns counted by hand in the text above (1-based).
    REQUIRE(m.size() == 4);
    CHECK(m[0] == "many.yaml:3:15: error: nodes[0].colour: unknown key 'colour'; allowed here: name, kind, position");
    CHECK(m[1] == "many.yaml:6:21: error: links[0].endpoints[1]: unknown node 'C'");
    CHECK(m[2] == "many.yaml:6:32: error: links[0].delay: 'fast' is not a duration (examples: 10s, 250ms, 1.5s, 20us)");
    CHECK(m[3] == "many.yaml:8:43: error: traffic[0].size: 4 is out of range (20 to 65507)");
}

TEST_CASE("a disconnected topology names its parts", "[loader]")
{
    auto r = LoadScenarioText(R"(schema_version: 1
nodes: [{name: A}, {name: B}, {name: C}, {name: D}]
addressing: {pools: [{name: p, prefix: 10.0.0.0/24}]}
links:
  - {endpoints: [A, B]}
  - {endpoints: [C, D]}
)",
                              "parts.yaml");
    auto m = Messages(r);
    REQUIRE(m.size() == 1);
    CHECK(m[0] == "parts.yaml:5:3: error: links: the topology is not connected: 2 separate parts: {A, B}; {C, D}");
}

TEST_CASE("misspelt keys get a suggestion", "[loader]")
{
    auto r = LoadScenarioText("schema_version: 1\nnodes: [{name: A}]\nsimulaton: {stop: 1s}\n", "typo.yaml");
    auto m = Messages(r);
    REQUIRE(m.size() == 1);
    CHECK(m[0].find("unknown key 'simulaton' (did you mean 'simulation'?)") != std::string::npos);
}

TEST_CASE("YAML syntax errors carry their position", "[loader]")
{
    auto r = LoadScenarioText("schema_version: 1\nnodes: [{name: A}\n", "syntax.yaml");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].mark.line >= 2);
    CHECK(r.errors[0].message.rfind("YAML syntax: ", 0) == 0);
}

TEST_CASE("a missing file is an error, not a crash", "[loader]")
{
    auto r = LoadScenarioFile("/nonexistent/x.yaml");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].ToString() == "/nonexistent/x.yaml:0:0: error: cannot open the scenario file");
}

TEST_CASE("pools are used in order and exhaust cleanly", "[loader]")
{
    auto r = LoadScenarioText(R"(schema_version: 1
nodes: [{name: A}, {name: B}, {name: C}]
addressing:
  pools:
    - {name: tiny, prefix: 10.9.0.0/29}
links:
  - {endpoints: [A, B]}
  - {endpoints: [B, C]}
  - {name: again, endpoints: [A, C]}
)",
                              "pool.yaml");
    auto m = Messages(r);
    REQUIRE(m.size() == 1);
    CHECK(m[0] == "pool.yaml:9:5: error: links[2]: address pool 'tiny' (10.9.0.0/29) is exhausted");
}

TEST_CASE("automatic UDP ports skip ports taken explicitly", "[loader]")
{
    auto r = LoadScenarioText(R"(schema_version: 1
nodes: [{name: A}, {name: B}]
addressing: {pools: [{name: p, prefix: 10.0.0.0/24}]}
links: [{endpoints: [A, B]}]
traffic:
  - {name: f1, type: udp-cbr, from: A, to: B, port: 9000}
  - {name: f2, type: udp-cbr, from: A, to: B}
  - {name: f3, type: udp-onoff, from: B, to: A}
)",
                              "ports.yaml");
    REQUIRE(r.Ok());
    CHECK(r.scenario.flows[0].port == 9000);
    CHECK(r.scenario.flows[1].port == 9001);
    CHECK(r.scenario.flows[2].port == 9001); // another destination node
}
