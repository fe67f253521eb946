// SPDX-License-Identifier: GPL-2.0-only
//
// dns::FollowCnameChain, the stub resolver's reading of an answer section
// (RFC 1034 3.6.2: a CNAME's target is looked up in its place). The
// messages are laid out by hand with the offsets counted in the comments
// (RFC 1035 4.1.1-4.1.4).
#include "codec-test-util.h"

#include "ns3/dns-stub-resolver.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::dns;
using ns3::codectest::FromHex;

namespace
{

Name
N(const std::string& text)
{
    const std::optional<Name> name = Name::Parse(text);
    REQUIRE(name.has_value());
    return *name;
}

ResourceRecord
Cname(const std::string& owner, const std::string& rdataHex)
{
    ResourceRecord rr;
    rr.name = N(owner);
    rr.type = TYPE_CNAME;
    rr.ttl = 300;
    rr.rdata = FromHex(rdataHex);
    return rr;
}

} // namespace

TEST_CASE("a CNAME chain with compressed targets is followed to its A records", "[dns]")
{
    // 12: question www.example.com (03 www @12, 07 example @16, 03 com @24, 00 @28), A IN, ends
    // @33. 33: www CNAME "web" + pointer to example.com @16; RDATA @45, 6 octets, ends @51. 51, 67:
    // two A records owned by a pointer to web.example.com @45.
    const std::vector<uint8_t> bytes = FromHex("0001 8180 0001 0003 0000 0000"
                                               "03 777777 07 6578616d706c65 03 636f6d 00 0001 0001"
                                               "c00c 0005 0001 0000012c 0006 03 776562 c010"
                                               "c02d 0001 0001 0000012c 0004 c0000201"
                                               "c02d 0001 0001 0000012c 0004 c0000202");
    Message message;
    REQUIRE(Message::Decode(bytes, message) == DecodeError::OK);
    REQUIRE(message.answers[0].rdataOffset == 45);
    CHECK(FollowCnameChain(message, bytes, N("www.example.com")) ==
          std::vector<Ipv4Address>{Ipv4Address("192.0.2.1"), Ipv4Address("192.0.2.2")});
    // Asked for the target directly: the same two.
    CHECK(FollowCnameChain(message, bytes, N("WEB.example.com")).size() == 2);
    // A name the answer does not hold: nothing.
    CHECK(FollowCnameChain(message, bytes, N("ftp.example.com")).empty());
}

TEST_CASE("CNAME chains in any order; loops and dead ends give no address", "[dns]")
{
    Message m;
    // The A record before the CNAMEs that lead to it; one A for another name.
    m.answers.push_back(ResourceRecord::MakeA(N("c.example"), 60, Ipv4Address("198.51.100.3")));
    m.answers.push_back(ResourceRecord::MakeA(N("x.example"), 60, Ipv4Address("198.51.100.9")));
    m.answers.push_back(Cname("b.example", "01 63 07 6578616d706c65 00")); // -> c.example
    m.answers.push_back(Cname("a.example", "01 62 07 6578616d706c65 00")); // -> b.example
    CHECK(FollowCnameChain(m, {}, N("a.example")) ==
          std::vector<Ipv4Address>{Ipv4Address("198.51.100.3")});

    Message loop;
    loop.answers.push_back(Cname("a.example", "01 62 07 6578616d706c65 00")); // a -> b
    loop.answers.push_back(Cname("b.example", "01 61 07 6578616d706c65 00")); // b -> a
    CHECK(FollowCnameChain(loop, {}, N("a.example")).empty());

    Message dead;
    dead.answers.push_back(Cname("a.example", "01 62 07 6578616d706c65 00")); // a -> b, no b
    CHECK(FollowCnameChain(dead, {}, N("a.example")).empty());

    Message bad;
    bad.answers.push_back(Cname("a.example", "05 62")); // a label cut short
    CHECK(FollowCnameChain(bad, {}, N("a.example")).empty());
}
