// SPDX-License-Identifier: GPL-2.0-only
//
// nat::NaptEngine against the behaviour RFC 4787 (UDP), RFC 5382 (TCP) and
// RFC 5508 (ICMP) require, each test named for its requirement. Expected
// ports and times follow from the requirement and the engine's Config (the
// RFCs' defaults), not from the engine's output.
#include "ns3/nat-napt-engine.h"

#include <catch2/catch.hpp>

using namespace ns3;
using namespace ns3::nat;

namespace
{

// Seed 004 Fig. 1: gateway A's public address and host 10.0.0.4.
const Ipv4Address PUBLIC("168.219.193.7");
const Ipv4Address HOST("10.0.0.4");
const Ipv4Address HOST2("10.0.0.5");
const Ipv4Address SERVER1("198.51.100.1");
const Ipv4Address SERVER2("203.0.113.9");

NaptEngine::Config
MakeConfig(Filtering filtering = Filtering::ENDPOINT_INDEPENDENT)
{
    NaptEngine::Config c;
    c.publicAddress = PUBLIC;
    c.filtering = filtering;
    return c;
}

Flow
Out(Transport p, TransportAddress src, TransportAddress dst, uint8_t flags = 0)
{
    return Flow{p, src, dst, flags};
}

// The reply to an outbound flow as translated to external port \p port.
Flow
In(Transport p, TransportAddress src, uint16_t port, uint8_t flags = 0)
{
    return Flow{p, src, TransportAddress{PUBLIC, port}, flags};
}

} // namespace

TEST_CASE("RFC 4787 REQ-1, RFC 5382 REQ-1, RFC 5508 REQ-1: endpoint-independent mapping", "[nat]")
{
    for (Transport p : {Transport::UDP, Transport::TCP, Transport::ICMP})
    {
        CAPTURE(p);
        NaptEngine e(MakeConfig());
        auto a = e.Outbound(Out(p, {HOST, 5000}, {SERVER1, 53}, tcpflag::SYN), Seconds(0));
        auto b = e.Outbound(Out(p, {HOST, 5000}, {SERVER2, 80}, tcpflag::SYN), Seconds(1));
        auto c = e.Outbound(Out(p, {HOST, 5000}, {SERVER1, 54}, tcpflag::SYN), Seconds(2));
        REQUIRE(a.Accepted());
        CHECK(a.created);
        CHECK_FALSE(b.created);
        CHECK_FALSE(c.created);
        // One external endpoint whatever the remote: the public address, and
        // (REQ-3) the internal port, free here.
        CHECK(a.endpoint == TransportAddress{PUBLIC, 5000});
        CHECK(b.endpoint == a.endpoint);
        CHECK(c.endpoint == a.endpoint);
        CHECK(e.GetMappingCount() == 1);
        CHECK(e.GetCounters().created == 1);
        // Protocols have separate tables: the same port in UDP and TCP maps apart.
        CHECK_FALSE(e.FindMapping(p == Transport::UDP ? Transport::TCP : Transport::UDP,
                                  TransportAddress{HOST, 5000}));
    }
}

TEST_CASE("RFC 4787 REQ-3: port preservation, else the next free port of the range", "[nat]")
{
    auto config = MakeConfig();
    config.portMin = 6000;
    config.portMax = 6002;
    NaptEngine e(config);
    // Free and inside the range: preserved.
    CHECK(e.Outbound(Out(Transport::UDP, {HOST, 6001}, {SERVER1, 53}), Seconds(0)).endpoint.port ==
          6001);
    // Outside the range (the gateway's own ports), even free: the range from
    // its start.
    CHECK(e.Outbound(Out(Transport::UDP, {HOST, 7000}, {SERVER1, 53}), Seconds(0)).endpoint.port ==
          6000);
    // Taken, inside the range: the next after it is 6002.
    CHECK(e.Outbound(Out(Transport::UDP, {HOST2, 6001}, {SERVER1, 53}), Seconds(0)).endpoint.port ==
          6002);
    // Every range port taken: a counted drop, and no mapping.
    auto full = e.Outbound(Out(Transport::UDP, {HOST2, 6000}, {SERVER1, 53}), Seconds(0));
    CHECK(full.drop == DropReason::PORTS_EXHAUSTED);
    CHECK(e.GetDropCount(DropReason::PORTS_EXHAUSTED) == 1);
    CHECK_FALSE(e.FindMapping(Transport::UDP, TransportAddress{HOST2, 6000}));
    // Another protocol's ports are its own.
    CHECK(e.Outbound(Out(Transport::TCP, {HOST2, 6000}, {SERVER1, 80}, tcpflag::SYN), Seconds(0))
              .endpoint.port == 6000);
}

TEST_CASE("Reserved ports are neither preserved nor handed out", "[nat]")
{
    auto config = MakeConfig();
    config.portMin = 6000;
    config.portMax = 6002;
    config.reservedPorts = {6000, 6001};
    NaptEngine e(config);
    CHECK(e.Outbound(Out(Transport::UDP, {HOST, 6001}, {SERVER1, 53}), Seconds(0)).endpoint.port ==
          6002);
    CHECK(e.Outbound(Out(Transport::UDP, {HOST2, 6000}, {SERVER1, 53}), Seconds(0)).drop ==
          DropReason::PORTS_EXHAUSTED);
}

TEST_CASE("RFC 4787 REQ-3: the search wraps around the end of the range", "[nat]")
{
    auto config = MakeConfig();
    config.portMin = 6000;
    config.portMax = 6002;
    NaptEngine e(config);
    e.Outbound(Out(Transport::UDP, {HOST, 6002}, {SERVER1, 53}), Seconds(0));
    CHECK(e.Outbound(Out(Transport::UDP, {HOST2, 6002}, {SERVER1, 53}), Seconds(0)).endpoint.port ==
          6000);
}

TEST_CASE("RFC 4787 REQ-8, RFC 5382 REQ-3: the three filtering behaviours", "[nat]")
{
    // RFC 4787 section 5: after 10.0.0.4:5000 sent to 198.51.100.1:53, which
    // sources may reach the mapping.
    struct Row
    {
        Filtering filtering;
        bool sameEndpoint, otherPort, otherAddress;
    };
    const Row rows[] = {
        {Filtering::ENDPOINT_INDEPENDENT, true, true, true},
        {Filtering::ADDRESS_DEPENDENT, true, true, false},
        {Filtering::ADDRESS_AND_PORT_DEPENDENT, true, false, false},
    };
    for (const auto& row : rows)
    {
        for (Transport p : {Transport::UDP, Transport::TCP})
        {
            CAPTURE(row.filtering, p);
            NaptEngine e(MakeConfig(row.filtering));
            auto out = e.Outbound(Out(p, {HOST, 5000}, {SERVER1, 53}), Seconds(0));
            REQUIRE(out.Accepted());
            auto same = e.Inbound(In(p, {SERVER1, 53}, 5000), Seconds(1));
            auto otherPort = e.Inbound(In(p, {SERVER1, 99}, 5000), Seconds(1));
            auto otherAddress = e.Inbound(In(p, {SERVER2, 53}, 5000), Seconds(1));
            CHECK(same.Accepted() == row.sameEndpoint);
            CHECK(otherPort.Accepted() == row.otherPort);
            CHECK(otherAddress.Accepted() == row.otherAddress);
            if (same.Accepted())
            {
                CHECK(same.endpoint == TransportAddress{HOST, 5000});
            }
            uint64_t refused = !row.otherPort + !row.otherAddress;
            CHECK(e.GetDropCount(DropReason::FILTERED) == refused);
        }
    }
}

TEST_CASE("RFC 5508 REQ-1: ICMP query filtering by remote address, identifier as port", "[nat]")
{
    NaptEngine e(MakeConfig(Filtering::ADDRESS_AND_PORT_DEPENDENT));
    // Echo request id 0x1234 to SERVER1; the reply carries the mapped id.
    auto out = e.Outbound(Out(Transport::ICMP, {HOST, 0x1234}, {SERVER1, 0}), Seconds(0));
    REQUIRE(out.endpoint == TransportAddress{PUBLIC, 0x1234});
    CHECK(e.Inbound(In(Transport::ICMP, {SERVER1, 0}, 0x1234), Seconds(1)).endpoint ==
          TransportAddress{HOST, 0x1234});
    CHECK(e.Inbound(In(Transport::ICMP, {SERVER2, 0}, 0x1234), Seconds(1)).drop ==
          DropReason::FILTERED);
    // A second host with the same identifier gets another one.
    auto second = e.Outbound(Out(Transport::ICMP, {HOST2, 0x1234}, {SERVER1, 0}), Seconds(2));
    CHECK(second.endpoint.port != 0x1234);
    CHECK(e.Inbound(In(Transport::ICMP, {SERVER1, 0}, second.endpoint.port), Seconds(3)).endpoint ==
          TransportAddress{HOST2, 0x1234});
}

TEST_CASE("RFC 4787 section 5: unsolicited inbound is dropped and counted by reason", "[nat]")
{
    NaptEngine e(MakeConfig());
    CHECK(e.Inbound(In(Transport::UDP, {SERVER1, 53}, 5000), Seconds(0)).drop ==
          DropReason::NO_MAPPING);
    CHECK(e.Inbound(In(Transport::TCP, {SERVER1, 80}, 80, tcpflag::SYN), Seconds(0)).drop ==
          DropReason::NO_MAPPING);
    Flow elsewhere{Transport::UDP, {SERVER1, 53}, {Ipv4Address("168.219.193.8"), 5000}, 0};
    CHECK(e.Inbound(elsewhere, Seconds(0)).drop == DropReason::NOT_TO_PUBLIC);
    CHECK(e.GetDropCount(DropReason::NO_MAPPING) == 2);
    CHECK(e.GetDropCount(DropReason::NOT_TO_PUBLIC) == 1);
    CHECK(e.GetMappingCount() == 0);
    // A mapping of another protocol does not open this one.
    e.Outbound(Out(Transport::UDP, {HOST, 5000}, {SERVER1, 53}), Seconds(0));
    CHECK(e.Inbound(In(Transport::TCP, {SERVER1, 53}, 5000), Seconds(0)).drop ==
          DropReason::NO_MAPPING);
}

TEST_CASE("RFC 4787 REQ-5, REQ-6: UDP 300 s, refreshed by outbound traffic only", "[nat]")
{
    NaptEngine e(MakeConfig());
    // RFC 4787 REQ-5: at least 2 minutes; 5 minutes recommended.
    CHECK(e.GetConfig().udpTimeout == Seconds(300));
    e.Outbound(Out(Transport::UDP, {HOST, 5000}, {SERVER1, 53}), Seconds(0));
    CHECK(e.NextDeadline() == Seconds(300));
    // Inbound traffic does not refresh (REQ-6 makes it optional; off by default).
    CHECK(e.Inbound(In(Transport::UDP, {SERVER1, 53}, 5000), Seconds(100)).Accepted());
    CHECK(e.NextDeadline() == Seconds(300));
    // Outbound traffic does (REQ-6).
    e.Outbound(Out(Transport::UDP, {HOST, 5000}, {SERVER1, 53}), Seconds(200));
    CHECK(e.NextDeadline() == Seconds(500));
    CHECK(e.Expire(Seconds(499)).empty());
    auto gone = e.Expire(Seconds(500));
    REQUIRE(gone.size() == 1);
    CHECK(gone[0].protocol == Transport::UDP);
    CHECK(gone[0].internal == TransportAddress{HOST, 5000});
    CHECK(gone[0].externalPort == 5000);
    CHECK(e.GetMappingCount() == 0);
    CHECK(e.GetCounters().expired == 1);
    CHECK_FALSE(e.NextDeadline());
    CHECK(e.Inbound(In(Transport::UDP, {SERVER1, 53}, 5000), Seconds(501)).drop ==
          DropReason::NO_MAPPING);
}

TEST_CASE("RFC 4787 REQ-6: inbound refresh when configured", "[nat]")
{
    auto config = MakeConfig();
    config.inboundRefresh = true;
    NaptEngine e(config);
    e.Outbound(Out(Transport::UDP, {HOST, 5000}, {SERVER1, 53}), Seconds(0));
    e.Inbound(In(Transport::UDP, {SERVER1, 53}, 5000), Seconds(100));
    CHECK(e.NextDeadline() == Seconds(400));
}

TEST_CASE("RFC 4787 REQ-5: a mapping past its timeout admits nothing before Expire()", "[nat]")
{
    NaptEngine e(MakeConfig());
    e.Outbound(Out(Transport::UDP, {HOST, 5000}, {SERVER1, 53}), Seconds(0));
    CHECK(e.Inbound(In(Transport::UDP, {SERVER1, 53}, 5000), Seconds(300)).drop ==
          DropReason::NO_MAPPING);
}

TEST_CASE("RFC 4787 REQ-8: address-dependent filtering forgets a remote whose session timed out",
          "[nat]")
{
    NaptEngine e(MakeConfig(Filtering::ADDRESS_DEPENDENT));
    e.Outbound(Out(Transport::UDP, {HOST, 5000}, {SERVER1, 53}), Seconds(0));
    e.Outbound(Out(Transport::UDP, {HOST, 5000}, {SERVER2, 53}), Seconds(200));
    // SERVER1's session ends at 300 s, SERVER2's at 500 s.
    CHECK(e.NextDeadline() == Seconds(300));
    CHECK(e.Expire(Seconds(300)).empty()); // the mapping stays for SERVER2
    CHECK(e.NextDeadline() == Seconds(500));
    CHECK(e.Inbound(In(Transport::UDP, {SERVER1, 53}, 5000), Seconds(301)).drop ==
          DropReason::FILTERED);
    CHECK(e.Inbound(In(Transport::UDP, {SERVER2, 7}, 5000), Seconds(301)).Accepted());
    CHECK(e.FindMapping(Transport::UDP, TransportAddress{HOST, 5000})->sessions == 1);
}

TEST_CASE("RFC 5382 REQ-5: TCP transitory 240 s until SYN both ways, then established 7440 s",
          "[nat]")
{
    NaptEngine e(MakeConfig(Filtering::ADDRESS_AND_PORT_DEPENDENT));
    CHECK(e.GetConfig().tcpEstablishedTimeout == Seconds(2 * 3600 + 4 * 60)); // 2 h 4 min
    CHECK(e.GetConfig().tcpTransitoryTimeout == Seconds(4 * 60));             // 4 min
    const TransportAddress web{SERVER1, 80};
    e.Outbound(Out(Transport::TCP, {HOST, 40000}, web, tcpflag::SYN), Seconds(0));
    CHECK(e.NextDeadline() == Seconds(240)); // partially open
    e.Inbound(In(Transport::TCP, web, 40000, tcpflag::SYN | tcpflag::ACK), Seconds(1));
    CHECK(e.NextDeadline() == Seconds(1 + 7440)); // established
    // Traffic either way refreshes an established connection.
    e.Inbound(In(Transport::TCP, web, 40000, tcpflag::ACK), Seconds(1000));
    CHECK(e.NextDeadline() == Seconds(1000 + 7440));
    // Half-closed: still established.
    e.Outbound(Out(Transport::TCP, {HOST, 40000}, web, tcpflag::FIN | tcpflag::ACK), Seconds(2000));
    CHECK(e.NextDeadline() == Seconds(2000 + 7440));
    // FIN both ways: closing, transitory.
    e.Inbound(In(Transport::TCP, web, 40000, tcpflag::FIN | tcpflag::ACK), Seconds(2001));
    CHECK(e.NextDeadline() == Seconds(2001 + 240));
    CHECK(e.Expire(Seconds(2240)).empty());
    CHECK(e.Expire(Seconds(2241)).size() == 1);
}

TEST_CASE("RFC 5382 REQ-5: a RST makes an established TCP connection transitory", "[nat]")
{
    NaptEngine e(MakeConfig());
    const TransportAddress web{SERVER1, 443};
    e.Outbound(Out(Transport::TCP, {HOST, 40000}, web, tcpflag::SYN), Seconds(0));
    e.Inbound(In(Transport::TCP, web, 40000, tcpflag::SYN | tcpflag::ACK), Seconds(1));
    e.Inbound(In(Transport::TCP, web, 40000, tcpflag::RST), Seconds(50));
    CHECK(e.NextDeadline() == Seconds(50 + 240));
    // A new SYN on the same endpoints starts a new connection: partially open.
    e.Outbound(Out(Transport::TCP, {HOST, 40000}, web, tcpflag::SYN), Seconds(60));
    CHECK(e.NextDeadline() == Seconds(60 + 240));
    e.Inbound(In(Transport::TCP, web, 40000, tcpflag::SYN | tcpflag::ACK), Seconds(61));
    CHECK(e.NextDeadline() == Seconds(61 + 7440));
}

TEST_CASE("RFC 5508 REQ-1: ICMP query mappings time out after 60 s", "[nat]")
{
    NaptEngine e(MakeConfig());
    CHECK(e.GetConfig().icmpTimeout == Seconds(60));
    e.Outbound(Out(Transport::ICMP, {HOST, 7}, {SERVER1, 0}), Seconds(10));
    CHECK(e.NextDeadline() == Seconds(70));
    CHECK(e.Expire(Seconds(69)).empty());
    CHECK(e.Expire(Seconds(70)).size() == 1);
}

TEST_CASE("Table size limit: a new mapping when full is a counted drop", "[nat]")
{
    auto config = MakeConfig();
    config.maxMappings = 2;
    NaptEngine e(config);
    CHECK(e.Outbound(Out(Transport::UDP, {HOST, 1}, {SERVER1, 53}), Seconds(0)).Accepted());
    CHECK(e.Outbound(Out(Transport::TCP, {HOST, 2}, {SERVER1, 80}), Seconds(10)).Accepted());
    auto refused = e.Outbound(Out(Transport::UDP, {HOST2, 3}, {SERVER1, 53}), Seconds(20));
    CHECK(refused.drop == DropReason::TABLE_FULL);
    CHECK(e.GetDropCount(DropReason::TABLE_FULL) == 1);
    CHECK(e.GetMappingCount() == 2);
    // Existing mappings keep working.
    CHECK(e.Outbound(Out(Transport::UDP, {HOST, 1}, {SERVER2, 53}), Seconds(20)).Accepted());
    // The TCP one (transitory, 240 s) goes first; then there is room.
    CHECK(e.Expire(Seconds(250)).size() == 1);
    CHECK(e.Outbound(Out(Transport::UDP, {HOST2, 3}, {SERVER1, 53}), Seconds(250)).Accepted());
    CHECK(e.GetCounters().activePeak == 2);
}

TEST_CASE("NextDeadline and Expire: the earliest deadline, only what is due", "[nat]")
{
    NaptEngine e(MakeConfig());
    CHECK_FALSE(e.NextDeadline());
    e.Outbound(Out(Transport::UDP, {HOST, 2001}, {SERVER1, 53}), Seconds(5));  // 305
    e.Outbound(Out(Transport::ICMP, {HOST, 2001}, {SERVER1, 0}), Seconds(20)); // 80
    e.Outbound(Out(Transport::UDP, {HOST, 2002}, {SERVER1, 53}), Seconds(1));  // 301
    CHECK(e.NextDeadline() == Seconds(80));
    auto gone = e.Expire(Seconds(302));
    REQUIRE(gone.size() == 2);
    CHECK(e.NextDeadline() == Seconds(305));
    CHECK(e.FindMapping(Transport::UDP, TransportAddress{HOST, 2001}));
    CHECK_FALSE(e.FindMapping(Transport::UDP, TransportAddress{HOST, 2002}));
    CHECK_FALSE(e.FindByExternalPort(Transport::ICMP, 2001));
    // The freed external port can be taken again.
    CHECK(
        e.Outbound(Out(Transport::UDP, {HOST2, 2002}, {SERVER1, 53}), Seconds(303)).endpoint.port ==
        2002);
}

TEST_CASE("RFC 5508 REQ-3: an inbound ICMP error's embedded header maps to the inner flow", "[nat]")
{
    for (Transport p : {Transport::UDP, Transport::TCP, Transport::ICMP})
    {
        CAPTURE(p);
        NaptEngine e(MakeConfig(Filtering::ADDRESS_DEPENDENT));
        const TransportAddress remote{SERVER1, p == Transport::ICMP ? uint16_t{0} : uint16_t{53}};
        e.Outbound(Out(p, {HOST, 5000}, {HOST2, 5000}), Seconds(0)); // takes 5000 for HOST
        auto out = e.Outbound(Out(p, {HOST2, 5000}, remote, tcpflag::SYN), Seconds(0));
        REQUIRE(out.endpoint.port != 5000);
        const auto before = e.FindMapping(p, TransportAddress{HOST2, 5000})->deadline;
        // A router says "unreachable" about the datagram as it left the NAT.
        Flow embedded{p, out.endpoint, remote, tcpflag::SYN};
        auto r = e.InboundIcmpError(embedded, Seconds(30));
        REQUIRE(r.Accepted());
        CHECK(r.outerAddress == HOST2);
        CHECK(r.embedded.source == TransportAddress{HOST2, 5000});
        CHECK(r.embedded.destination == remote);
        CHECK(r.embedded.protocol == p);
        // An error refreshes nothing.
        CHECK(e.FindMapping(p, TransportAddress{HOST2, 5000})->deadline == before);
        // No mapping for the embedded source: dropped (REQ-3).
        Flow unknown{p, {PUBLIC, 9999}, remote, 0};
        CHECK(e.InboundIcmpError(unknown, Seconds(30)).drop == DropReason::NO_MAPPING);
        // An embedded flow to a remote the host never used: filtered like its flow.
        Flow stranger{p, out.endpoint, {SERVER2, remote.port}, 0};
        CHECK(e.InboundIcmpError(stranger, Seconds(30)).drop == DropReason::FILTERED);
    }
}

TEST_CASE("RFC 5508 REQ-4: an outbound ICMP error maps its embedded header to the outside", "[nat]")
{
    NaptEngine e(MakeConfig());
    e.Outbound(Out(Transport::UDP, {HOST, 5000}, {HOST2, 1}), Seconds(0)); // takes 5000
    auto out = e.Outbound(Out(Transport::UDP, {HOST2, 5000}, {SERVER1, 53}), Seconds(0));
    // HOST2 got SERVER1's datagram on 10.0.0.5:5000 and says "port unreachable".
    Flow embedded{Transport::UDP, {SERVER1, 53}, {HOST2, 5000}, 0};
    auto r = e.OutboundIcmpError(embedded, Seconds(1));
    REQUIRE(r.Accepted());
    CHECK(r.outerAddress == PUBLIC);
    CHECK(r.embedded.destination == out.endpoint);
    CHECK(r.embedded.source == TransportAddress{SERVER1, 53});
    // No active mapping for the embedded payload: dropped (REQ-4).
    Flow none{Transport::UDP, {SERVER1, 53}, {HOST2, 6000}, 0};
    CHECK(e.OutboundIcmpError(none, Seconds(1)).drop == DropReason::NO_MAPPING);
    CHECK(e.OutboundIcmpError(embedded, Seconds(300)).drop == DropReason::NO_MAPPING);
}

TEST_CASE("RFC 4787 REQ-6: inbound UDP from a new remote under endpoint-independent filtering "
          "refreshes nothing",
          "[nat]")
{
    NaptEngine e(MakeConfig(Filtering::ENDPOINT_INDEPENDENT));
    e.Outbound(Out(Transport::UDP, {HOST, 5000}, {SERVER1, 53}), Seconds(0));
    CHECK(e.Inbound(In(Transport::UDP, {SERVER2, 9}, 5000), Seconds(250)).Accepted());
    CHECK(e.FindMapping(Transport::UDP, TransportAddress{HOST, 5000})->sessions == 1);
    CHECK(e.NextDeadline() == Seconds(300));
    CHECK(e.Expire(Seconds(300)).size() == 1);
}

TEST_CASE("RFC 5382 REQ-5: a TCP connection opened from outside has its state tracked", "[nat]")
{
    // TransportAddress-independent filtering lets a third party connect to a mapped
    // port (RFC 5382 REQ-3); its session is transitory until the SYN-ACK.
    NaptEngine e(MakeConfig(Filtering::ENDPOINT_INDEPENDENT));
    e.Outbound(Out(Transport::TCP, {HOST, 40000}, {SERVER1, 80}, tcpflag::SYN), Seconds(0));
    e.Inbound(In(Transport::TCP, {SERVER1, 80}, 40000, tcpflag::SYN | tcpflag::ACK), Seconds(1));
    // SERVER1's connection is established (1 + 7440); SERVER2 connects in.
    CHECK(
        e.Inbound(In(Transport::TCP, {SERVER2, 5555}, 40000, tcpflag::SYN), Seconds(10)).endpoint ==
        TransportAddress{HOST, 40000});
    CHECK(e.FindMapping(Transport::TCP, TransportAddress{HOST, 40000})->sessions == 2);
    CHECK(e.NextDeadline() == Seconds(10 + 240));
    e.Outbound(Out(Transport::TCP, {HOST, 40000}, {SERVER2, 5555}, tcpflag::SYN | tcpflag::ACK),
               Seconds(11));
    CHECK(e.NextDeadline() == Seconds(1 + 7440));
    CHECK(e.FindMapping(Transport::TCP, TransportAddress{HOST, 40000})->deadline == Seconds(11 + 7440));
}

TEST_CASE("A refresh leaves the expiry index early; Expire() and NextDeadline() settle it",
          "[nat]")
{
    // RFC 4787 REQ-6: outbound traffic refreshes a UDP mapping (300 s here).
    NaptEngine e(MakeConfig());
    e.Outbound(Out(Transport::UDP, {HOST, 2001}, {SERVER1, 53}), Seconds(0));
    e.Outbound(Out(Transport::UDP, {HOST2, 2002}, {SERVER1, 53}), Seconds(100));
    for (int t = 10; t <= 250; t += 10)
    {
        e.Outbound(Out(Transport::UDP, {HOST, 2001}, {SERVER1, 53}), Seconds(t));
    }
    // HOST's mapping now lasts to 550 s, HOST2's to 400 s: at 300 s nothing is due.
    CHECK(e.Expire(Seconds(300)).empty());
    CHECK(e.NextDeadline() == Seconds(400));
    auto gone = e.Expire(Seconds(400));
    REQUIRE(gone.size() == 1);
    CHECK(gone[0].internal == TransportAddress{HOST2, 2002});
    CHECK(e.NextDeadline() == Seconds(550));
    CHECK(e.Expire(Seconds(549)).empty());
    CHECK(e.Expire(Seconds(550)).size() == 1);
    CHECK_FALSE(e.NextDeadline());
}
