// SPDX-License-Identifier: GPL-2.0-only
#include "ns3/scenario-values.h"

#include <catch2/catch.hpp>

using namespace ns3::scenario;

TEST_CASE("durations parse with units and reject junk", "[values]")
{
    CHECK(*ParseDuration("10s").value == 10'000'000'000);
    CHECK(*ParseDuration("250ms").value == 250'000'000);
    CHECK(*ParseDuration("1.5s").value == 1'500'000'000);
    CHECK(*ParseDuration("20us").value == 20'000);
    CHECK(*ParseDuration("7ns").value == 7);
    CHECK(*ParseDuration("2min").value == 120'000'000'000);
    CHECK(*ParseDuration("3").value == 3'000'000'000);
    CHECK(*ParseDuration("-1s").value == -1'000'000'000);
    CHECK_FALSE(ParseDuration("10 parsecs"));
    CHECK_FALSE(ParseDuration("ten seconds"));
    CHECK_FALSE(ParseDuration("1.2.3s"));
    CHECK_FALSE(ParseDuration(""));
    CHECK(ParseDuration("5d").error.find("unknown time unit 'd'") != std::string::npos);
}

TEST_CASE("data rates need a unit", "[values]")
{
    CHECK(*ParseDataRate("100Mbps").value == 100'000'000);
    CHECK(*ParseDataRate("1.5Gbps").value == 1'500'000'000);
    CHECK(*ParseDataRate("64kbps").value == 64'000);
    CHECK(*ParseDataRate("9600bps").value == 9600);
    CHECK_FALSE(ParseDataRate("100"));
    CHECK_FALSE(ParseDataRate("100MB"));
    CHECK_FALSE(ParseDataRate("0Mbps"));
    CHECK_FALSE(ParseDataRate("-5Mbps"));
}

TEST_CASE("IPv4 addresses are strict dotted quads", "[values]")
{
    CHECK(*ParseIpv4Address("10.0.1.1").value == 0x0a000101);
    CHECK(*ParseIpv4Address("255.255.255.255").value == 0xffffffff);
    CHECK(*ParseIpv4Address("0.0.0.0").value == 0);
    CHECK_FALSE(ParseIpv4Address("256.0.0.1"));
    CHECK_FALSE(ParseIpv4Address("10.0.1"));
    CHECK_FALSE(ParseIpv4Address("10.0.1.1.1"));
    CHECK_FALSE(ParseIpv4Address("010.0.0.1")); // leading zero: octal in some tools
    CHECK_FALSE(ParseIpv4Address("10.0.0.x"));
    CHECK_FALSE(ParseIpv4Address(" 10.0.0.1"));
    CHECK(ParseIpv4Address("10.0.300.1").error.find("above 255") != std::string::npos);
}

TEST_CASE("IPv4 prefixes carry a length and compute their range", "[values]")
{
    auto p = ParseIpv4Prefix("10.0.1.77/24");
    REQUIRE(p);
    CHECK(p.value->Network() == 0x0a000100);
    CHECK(p.value->Last() == 0x0a0001ff);
    CHECK(p.value->ToString() == "10.0.1.77/24");
    CHECK(p.value->Contains(0x0a0001fe));
    CHECK_FALSE(p.value->Contains(0x0a000200));

    auto wide = ParseIpv4Prefix("10.0.0.0/16");
    REQUIRE(wide);
    CHECK(wide.value->Overlaps(*p.value));
    CHECK(p.value->Overlaps(*wide.value));
    auto other = ParseIpv4Prefix("10.1.0.0/16");
    CHECK_FALSE(other.value->Overlaps(*wide.value));

    CHECK(ParseIpv4Prefix("0.0.0.0/0").value->Last() == 0xffffffff);
    CHECK_FALSE(ParseIpv4Prefix("10.0.0.0"));
    CHECK_FALSE(ParseIpv4Prefix("10.0.0.0/33"));
    CHECK_FALSE(ParseIpv4Prefix("10.0.0.0/"));
    CHECK_FALSE(ParseIpv4Prefix("10.0.0.0/08"));
}

TEST_CASE("queue sizes are packet counts", "[values]")
{
    CHECK(*ParseQueuePackets("100p").value == 100);
    CHECK(*ParseQueuePackets("7").value == 7);
    CHECK_FALSE(ParseQueuePackets("0p"));
    CHECK_FALSE(ParseQueuePackets("64KB"));
}

TEST_CASE("formatting round-trips through the parsers", "[values]")
{
    for (int64_t ns : {int64_t{1}, int64_t{1500}, int64_t{2'000'000}, int64_t{3'000'000'000}})
    {
        CHECK(*ParseDuration(FormatDuration(ns)).value == ns);
    }
    for (uint64_t bps : {uint64_t{9600}, uint64_t{64'000}, uint64_t{100'000'000}, uint64_t{10'000'000'000}})
    {
        CHECK(*ParseDataRate(FormatDataRate(bps)).value == bps);
    }
}

TEST_CASE("text values are well-formed UTF-8 (RFC 3629 section 4)", "[values]")
{
    CHECK(IsUtf8(""));
    CHECK(IsUtf8("plain ASCII"));
    CHECK(IsUtf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80")); // é, €, U+1F600
    CHECK(IsUtf8("\xf4\x8f\xbf\xbf"));                        // U+10FFFF
    CHECK_FALSE(IsUtf8("caf\xe9"));                           // Latin-1
    CHECK_FALSE(IsUtf8("\xc0\xaf"));                          // overlong '/'
    CHECK_FALSE(IsUtf8("\xe0\x80\xaf"));                      // overlong, 3 octets
    CHECK_FALSE(IsUtf8("\xed\xa0\x80"));                      // surrogate U+D800
    CHECK_FALSE(IsUtf8("\xf4\x90\x80\x80"));                  // above U+10FFFF
    CHECK_FALSE(IsUtf8("\xe2\x82"));                          // cut short
    CHECK_FALSE(IsUtf8("\x80"));                              // stray continuation
}
