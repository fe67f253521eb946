// SPDX-License-Identifier: GPL-2.0-only
//
// The domain-name check of the tunnel page (RFC 1035 2.3.1's preferred
// syntax, 2.3.4's sizes) and RecordingTunnelRequester.
#include "ns3/gateway-tunnel-request.h"

#include <catch2/catch.hpp>
#include <string>

using namespace ns3;
using namespace ns3::gateway;

TEST_CASE("RFC 1035 2.3.1 preferred name syntax", "[gateway]")
{
    CHECK(IsPreferredDomainName("gateway-b.example"));
    CHECK(IsPreferredDomainName("A.ISI.EDU")); // 2.3.1's examples
    CHECK(IsPreferredDomainName("XX.LCS.MIT.EDU"));
    CHECK(IsPreferredDomainName("SRI-NIC.ARPA"));
    CHECK(IsPreferredDomainName("a"));
    CHECK(IsPreferredDomainName("a1.b-2.c"));
    // <label> ::= <letter> [ [ <ldh-str> ] <let-dig> ]
    CHECK_FALSE(IsPreferredDomainName(""));
    CHECK_FALSE(IsPreferredDomainName("1gateway.example")); // starts with a digit
    CHECK_FALSE(IsPreferredDomainName("-a.example"));
    CHECK_FALSE(IsPreferredDomainName("a-.example")); // ends with a hyphen
    CHECK_FALSE(IsPreferredDomainName("a..example")); // empty label
    CHECK_FALSE(IsPreferredDomainName(".example"));
    CHECK_FALSE(IsPreferredDomainName("gateway-b.example.")); // no trailing dot
    CHECK_FALSE(IsPreferredDomainName("a_b.example"));
    CHECK_FALSE(IsPreferredDomainName("a b.example"));
    CHECK_FALSE(IsPreferredDomainName("g\xC3\xA9.example"));
    CHECK_FALSE(IsPreferredDomainName("<script>"));
    // 2.3.4: labels of 63 octets or less.
    CHECK(IsPreferredDomainName(std::string(63, 'a') + ".example"));
    CHECK_FALSE(IsPreferredDomainName(std::string(64, 'a') + ".example"));
    // 2.3.4: 255 octets on the wire = text length + 2 (first length octet, root).
    std::string name253;
    while (name253.size() < 253)
    {
        name253 += name253.empty() ? "" : ".";
        name253 += std::string(std::min<size_t>(63, 253 - name253.size()), 'x');
    }
    REQUIRE(name253.size() == 253);
    CHECK(IsPreferredDomainName(name253));
    CHECK_FALSE(IsPreferredDomainName(name253 + "x"));
}

TEST_CASE("RecordingTunnelRequester records and answers as told", "[gateway]")
{
    Ptr<RecordingTunnelRequester> requester = CreateObject<RecordingTunnelRequester>();
    TunnelRequestAnswer answer = requester->RequestTunnel("gateway-b.example", "10.0.0.4");
    CHECK(answer.outcome == TunnelRequestOutcome::ACCEPTED);
    requester->SetAnswer(TunnelRequestAnswer::Conflict("a tunnel to it exists"));
    answer = requester->RequestTunnel("gateway-c.example", "10.0.0.5");
    CHECK(answer.outcome == TunnelRequestOutcome::CONFLICT);
    CHECK(answer.reason == "a tunnel to it exists");
    REQUIRE(requester->GetRecords().size() == 2);
    CHECK(requester->GetRecords()[0].peerDomain == "gateway-b.example");
    CHECK(requester->GetRecords()[0].requester == Ipv4Address("10.0.0.4"));
    CHECK(requester->GetRecords()[1].requester == Ipv4Address("10.0.0.5"));
    CHECK(OutcomeName(TunnelRequestOutcome::UNAVAILABLE) == "UNAVAILABLE");
}
