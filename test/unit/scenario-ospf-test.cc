// SPDX-License-Identifier: GPL-2.0-only
//
// The ospf scenario feature's section: resolution from the
// ns3::ospf::Protocol TypeId (Config::SetDefault included), per-router
// priorities made explicit, the echo without the key, and the section
// refused without the OSPF core.
#include "ns3/config.h"
#include "ns3/nstime.h"
#include "ns3/scenario-feature.h"
#include "ns3/scenario-loader.h"
#include "ns3/scenario-ospf-section.h"
#include "ns3/uinteger.h"

#include <catch2/catch.hpp>

using namespace ns3;
using namespace ns3::scenario;

namespace
{

/// Three routers in a line and a host; MD5 with a key, R3 never DR.
const char* kOspfLine = R"(schema_version: 1
nodes: [{name: H, kind: host}, {name: R1}, {name: R2}, {name: R3}]
addressing: {pools: [{name: p, prefix: 172.16.0.0/16}]}
links:
  - {endpoints: [H, R1]}
  - {endpoints: [R1, R2], metric: 5}
  - {endpoints: [R2, R3]}
routing: {core: ospf}
ospf:
  dead_interval: 30s
  min_ls_arrival: 50ms
  priorities: {R3: 0}
  auth: {type: md5, key: secret}
)";

} // namespace

TEST_CASE("the ospf section resolves every value from the OSPF TypeId", "[platform][ospf]")
{
    Config::SetDefault("ns3::ospf::Protocol::HelloInterval", TimeValue(Seconds(7)));
    auto r = LoadScenarioText(kOspfLine, "line.yaml");
    Config::SetDefault("ns3::ospf::Protocol::HelloInterval", TimeValue(Seconds(10)));
    REQUIRE(r.Ok());
    const OspfSection* ospf = r.scenario.sections.Find<OspfSection>();
    REQUIRE(ospf);
    CHECK(*ospf->helloIntervalNs == 7'000'000'000);      // the TypeId's default as set
    CHECK(*ospf->deadIntervalNs == 30'000'000'000);      // as written
    CHECK(*ospf->retransmitIntervalNs == 5'000'000'000); // RFC 2328 C.3 RxmtInterval
    CHECK(*ospf->transmitDelayNs == 1'000'000'000);
    CHECK(*ospf->minLsIntervalNs == 5'000'000'000); // RFC 2328 B MinLSInterval
    CHECK(*ospf->minLsArrivalNs == 50'000'000);     // as written
    CHECK(*ospf->spfInitialDelayNs == 200'000'000);
    CHECK(*ospf->spfHoldNs == 1'000'000'000);
    CHECK(*ospf->spfMaxWaitNs == 10'000'000'000);
    CHECK(*ospf->priority == 1);
    REQUIRE(ospf->priorities.size() == 3); // one per router, in node order
    CHECK(ospf->priorities[0].node == "R1");
    CHECK(ospf->priorities[0].priority == 1);
    CHECK(ospf->priorities[2].node == "R3");
    CHECK(ospf->priorities[2].priority == 0);
    CHECK(*ospf->authType == OspfAuthType::MD5);
    CHECK(*ospf->authKeyId == 1);

    const nlohmann::json echo = EchoScenario(r.scenario);
    CHECK(echo["routing"]["core"] == "ospf");
    CHECK(echo["ospf"]["hello_interval_s"] == 7.0);
    CHECK(echo["ospf"]["min_ls_interval_s"] == 5.0);
    CHECK(echo["ospf"]["min_ls_arrival_s"] == 0.05);
    CHECK(echo["ospf"]["priorities"]["R3"] == 0);
    CHECK(echo["ospf"]["auth"]["type"] == "md5");
    CHECK(echo["ospf"]["auth"]["key_octets"] == 6);
    CHECK(echo.dump().find("secret") == std::string::npos);
}

TEST_CASE("the OSPF core is the default, and without a section gets the model's defaults",
          "[platform][ospf]")
{
    auto r = LoadScenarioText(R"(schema_version: 1
nodes: [{name: A}, {name: B}]
links: [{endpoints: [{node: A, address: 10.0.0.1/30}, {node: B, address: 10.0.0.2/30}]}]
)",
                              "min.yaml");
    REQUIRE(r.Ok());
    CHECK(r.scenario.routing.core == "ospf");
    const OspfSection* ospf = r.scenario.sections.Find<OspfSection>();
    REQUIRE(ospf);
    CHECK(*ospf->helloIntervalNs == 10'000'000'000);
    CHECK(*ospf->deadIntervalNs == 40'000'000'000);
    CHECK(*ospf->minLsIntervalNs == 5'000'000'000);
    CHECK(*ospf->authType == OspfAuthType::NONE);
    CHECK(ospf->authKey->empty());
}

TEST_CASE("the ospf section needs the OSPF core", "[platform][ospf]")
{
    auto r = LoadScenarioText(R"(schema_version: 1
nodes: [{name: A}, {name: B}]
links: [{endpoints: [{node: A, address: 10.0.0.1/30}, {node: B, address: 10.0.0.2/30}]}]
routing: {core: global}
ospf: {hello_interval: 1s}
)",
                              "global.yaml");
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].path == "ospf");
    CHECK(r.errors[0].message.find("routing.core is 'global'") != std::string::npos);
    CHECK_FALSE(r.scenario.sections.Find<OspfSection>()->deadIntervalNs.has_value());
}
