// SPDX-License-Identifier: GPL-2.0-only
#include "ns3/scenario-loader.h"
#include "ns3/scenario-topology-graph.h"

#include <catch2/catch.hpp>

using namespace ns3::scenario;

namespace
{

/// A square R1-R2-R3-R4-R1 with host H1 on R1 and H3 on R3; R1-R2-R3 is the
/// cheap side (metric 1 each), R1-R4-R3 the dear one (metric 5 each).
Scenario
Square()
{
    auto r = LoadScenarioText(R"(
schema_version: 1
nodes:
  - {name: H1, kind: host}
  - {name: H3, kind: host}
  - {name: R1}
  - {name: R2}
  - {name: R3}
  - {name: R4}
addressing:
  pools: [{name: p, prefix: 10.0.0.0/16}]
links:
  - {endpoints: [H1, R1]}
  - {endpoints: [H3, R3]}
  - {name: a, endpoints: [R1, R2]}
  - {name: b, endpoints: [R2, R3]}
  - {name: c, endpoints: [R1, R4], metric: 5}
  - {name: d, endpoints: [R4, R3], metric: 5}
)",
                              "square.yaml");
    REQUIRE(r.Ok());
    return r.scenario;
}

} // namespace

TEST_CASE("shortest path follows the metrics", "[graph]")
{
    TopologyGraph g(Square());
    CHECK(g.ShortestPath("H1", "H3") == std::vector<std::string>{"H1", "R1", "R2", "R3", "H3"});
    CHECK(*g.PathCost("H1", "H3") == 4);
    CHECK(g.IsConnected());
}

TEST_CASE("a failed link moves the path to the other side", "[graph]")
{
    TopologyGraph g(Square());
    g.SetLinkUp("b", false);
    CHECK(g.ShortestPath("H1", "H3") == std::vector<std::string>{"H1", "R1", "R4", "R3", "H3"});
    CHECK(*g.PathCost("H1", "H3") == 12);
    g.SetLinkUp("b", true);
    CHECK(*g.PathCost("H1", "H3") == 4);
}

TEST_CASE("a failed node partitions the graph when it is a cut vertex", "[graph]")
{
    TopologyGraph g(Square());
    g.SetNodeUp("R1", false);
    CHECK_FALSE(g.Reachable("H1", "H3"));
    CHECK(g.ShortestPath("H1", "H3").empty());
    auto parts = g.Components();
    REQUIRE(parts.size() == 2);
    CHECK(parts[0] == std::vector<std::string>{"H1"});
    CHECK(parts[1] == std::vector<std::string>{"H3", "R2", "R3", "R4"});
    g.SetNodeUp("R1", true);
    CHECK(g.Reachable("H1", "H3"));
}

TEST_CASE("hosts do not forward", "[graph]")
{
    // R1 and R2 are joined only through host H, which must not be a transit.
    auto r = LoadScenarioText(R"(
schema_version: 1
nodes: [{name: R1}, {name: H, kind: host}, {name: R2}]
addressing: {pools: [{name: p, prefix: 10.0.0.0/16}]}
links:
  - {endpoints: [R1, H]}
  - {endpoints: [H, R2]}
)",
                              "h.yaml");
    REQUIRE(r.Ok());
    TopologyGraph g(r.scenario);
    CHECK(g.IsConnected());
    CHECK_FALSE(g.Reachable("R1", "R2"));
    CHECK(g.Reachable("R1", "H"));
}

TEST_CASE("a CSMA segment connects all of its stations", "[graph]")
{
    auto r = LoadScenarioText(R"(
schema_version: 1
nodes: [{name: A, kind: host}, {name: B, kind: host}, {name: R}]
addressing: {pools: [{name: p, prefix: 10.0.0.0/16}]}
links:
  - {name: lan, type: csma, endpoints: [A, B, R]}
)",
                              "lan.yaml");
    REQUIRE(r.Ok());
    TopologyGraph g(r.scenario);
    CHECK(g.ShortestPath("A", "B") == std::vector<std::string>{"A", "B"});
    g.SetLinkUp("lan", false);
    CHECK(g.Components().size() == 3);
}
