// SPDX-License-Identifier: GPL-2.0-only
// htip::ConnectionTable: the private network connection management table of
// seed 004 (units 132, 132'; [0080], [0124]-[0125], [0141]-[0142], [0160]).
#include "ns3/htip-connection-table.h"

#include <catch2/catch.hpp>
#include <sstream>

using namespace ns3;
using namespace ns3::htip;

namespace
{

Prefix
P(const char* network, uint8_t length)
{
    return Prefix(Ipv4Address(network), length);
}

const Ipv4Address GW_B("211.32.119.136"); // [0077], [0120]
const Ipv4Address GW_A("168.219.193.7");  // the figure text after the claims
const Ipv4Address GW_C("192.0.2.3");

/// [0125]: gateway A's row for case 1.
Connection
Case1AtA()
{
    Connection c;
    c.peerName = "gw-b.example";
    c.peerAddress = GW_B;
    c.vpnProtocol = 1; // L2TP
    c.peerRole = PeerRole::SERVER;
    c.own = P("10.0.0.0", 24);
    c.peer = P("10.0.1.0", 24);
    c.ownTunnel = P("10.0.0.0", 24);
    c.peerTunnel = P("10.0.1.0", 24);
    return c;
}

/// [0160]: gateway A's row for case 3 with a NAK.
Connection
Case3AtA()
{
    Connection c = Case1AtA();
    c.peer = P("10.0.0.0", 16);
    c.ownTunnel = P("10.2.0.0", 24);
    c.peerTunnel = P("10.1.0.0", 16);
    return c;
}

} // namespace

TEST_CASE("A row per tunnel, found by address, name and tunnel address", "[htip]")
{
    ConnectionTable t;
    REQUIRE(t.Add(Case1AtA()).empty());
    CHECK(t.GetSize() == 1);
    const Connection* row = t.Find(GW_B);
    REQUIRE(row);
    CHECK(*row == Case1AtA());
    CHECK_FALSE(row->NeedsNat()); // [0079]: own == own tunnel prefix
    CHECK(t.Find(GW_A) == nullptr);
    // Domain names compare without case (RFC 4343).
    CHECK(t.FindByName("GW-B.Example") == row);
    CHECK(t.FindByName("gw-b.example.") == nullptr);
    CHECK(t.FindByName("gw-c.example") == nullptr);
    // [0131]: host B is 10.0.1.5 to host A in case 1.
    CHECK(t.FindByPeerTunnelAddress(Ipv4Address("10.0.1.5")) == row);
    CHECK(t.FindByPeerTunnelAddress(Ipv4Address("10.0.0.5")) == nullptr);
    CHECK(t.FindByPeerTunnelAddress(Ipv4Address("10.0.2.5")) == nullptr);
    // The tunnel ID comes when the L2TP tunnel is up ([0124]).
    CHECK(row->tunnelId == 0);
    CHECK(t.SetTunnelId(GW_B, 3));
    CHECK(t.Find(GW_B)->tunnelId == 3);
    CHECK_FALSE(t.SetTunnelId(GW_A, 4));
    std::ostringstream os;
    os << *t.Find(GW_B);
    CHECK(os.str() == "gw-b.example 211.32.119.136 L2TP tunnel=3 peer=server own=10.0.0.0/24 "
                      "peer-lan=10.0.1.0/24 own-tunnel=10.0.0.0/24 peer-tunnel=10.0.1.0/24 nat=no");
    CHECK(t.Remove(GW_B));
    CHECK_FALSE(t.Remove(GW_B));
    CHECK(t.GetSize() == 0);
    CHECK(t.Find(GW_B) == nullptr);
}

TEST_CASE("Case 3 row: NAT at A's end, B's hosts at 10.1.x.y", "[htip]")
{
    ConnectionTable t;
    REQUIRE(t.Add(Case3AtA()).empty());
    const Connection* row = t.Find(GW_B);
    REQUIRE(row);
    CHECK(row->NeedsNat()); // [0159]: 10.0.0.0/24 is 10.2.0.0/24 in the tunnel
    CHECK(t.FindByPeerTunnelAddress(Ipv4Address("10.1.200.7")) == row);
    CHECK(t.FindByPeerTunnelAddress(Ipv4Address("10.2.0.5")) == nullptr);
    std::ostringstream os;
    os << *row;
    CHECK(os.str() ==
          "gw-b.example 211.32.119.136 L2TP tunnel=0 peer=server own=10.0.0.0/24 "
          "peer-lan=10.0.0.0/16 own-tunnel=10.2.0.0/24 peer-tunnel=10.1.0.0/16 nat=yes");
}

TEST_CASE("Claim 15: a row whose peer collides is refused", "[htip]")
{
    ConnectionTable t;
    REQUIRE(t.Add(Case1AtA()).empty());
    // A second row for the same gateway.
    Connection again = Case1AtA();
    again.peerTunnel = P("10.0.7.0", 24);
    CHECK(t.Add(again) == "a row for 211.32.119.136 exists");
    // Gateway C shown at 10.0.1.0/23, over B's 10.0.1.0/24.
    Connection c = Case1AtA();
    c.peerName = "gw-c.example";
    c.peerAddress = GW_C;
    c.peerRole = PeerRole::CLIENT;
    c.peerTunnel = P("10.0.0.0", 23);
    CHECK(t.Add(c) == "peer tunnel prefix 10.0.0.0/23 overlaps own prefix 10.0.0.0/24");
    c.peerTunnel = P("10.0.1.0", 24);
    CHECK(t.Add(c) == "peer tunnel prefix 10.0.1.0/24 overlaps 10.0.1.0/24 of gw-b.example");
    // [0074]'s first-embodiment case 3 at B: A's hosts at 10.0.1.z inside
    // B's own 10.0.0.0/16, which this table refuses unless told the first
    // embodiment takes it (Fig. 7).
    ConnectionTable b;
    Connection atB{"gw-a.example",
                   GW_A,
                   1,
                   0,
                   PeerRole::CLIENT,
                   P("10.0.0.0", 16),
                   P("10.0.0.0", 24),
                   P("10.1.0.0", 16),
                   P("10.0.1.0", 24)};
    CHECK_FALSE(b.Add(atB).empty());
    CHECK(b.GetSize() == 0);
    // Inside, yes; equal to or around the own prefix, never.
    Connection equal = atB;
    equal.peerTunnel = P("10.0.0.0", 16);
    CHECK(b.Add(equal, true) == "peer tunnel prefix 10.0.0.0/16 overlaps own prefix 10.0.0.0/16");
    Connection around = atB;
    around.peerTunnel = P("10.0.0.0", 8);
    CHECK_FALSE(b.Add(around, true).empty());
    CHECK(b.Add(atB, true).empty());
    CHECK(b.GetSize() == 1);
    // A free prefix goes in, after B, in order.
    c.peerTunnel = P("10.0.2.0", 24);
    REQUIRE(t.Add(c).empty());
    REQUIRE(t.GetSize() == 2);
    CHECK(t.GetRows()[0].peerAddress == GW_B);
    CHECK(t.GetRows()[1].peerAddress == GW_C);
    CHECK(PeerRoleName(t.GetRows()[1].peerRole) == "client");
    CHECK(PeerRoleName(PeerRole::SERVER) == "server");
    // The view a new negotiation starts from: both peers' tunnel prefixes.
    const GatewayView v = t.GetView(P("10.0.0.0", 24));
    CHECK(v.own == P("10.0.0.0", 24));
    CHECK(v.inUse == std::vector<Prefix>{P("10.0.1.0", 24), P("10.0.2.0", 24)});
    // Removing B frees its prefix; C stays.
    CHECK(t.Remove(GW_B));
    CHECK(t.GetView(P("10.0.0.0", 24)).inUse == std::vector<Prefix>{P("10.0.2.0", 24)});
    Connection other = Case1AtA();
    other.peerAddress = Ipv4Address("192.0.2.9");
    CHECK(t.Add(other).empty());
}

TEST_CASE("Connection equality covers every column", "[htip]")
{
    const Connection base = Case1AtA();
    CHECK(base == Case1AtA());
    // One column changed in each copy: every copy differs from base.
    std::vector<Connection> changed(9, base);
    changed[0].peerName = "gw-x.example";
    changed[1].peerAddress = GW_C;
    changed[2].vpnProtocol = 2;
    changed[3].tunnelId = 9;
    changed[4].peerRole = PeerRole::CLIENT;
    changed[5].own = P("10.0.9.0", 24);
    changed[6].peer = P("10.0.9.0", 24);
    changed[7].ownTunnel = P("10.0.9.0", 24);
    changed[8].peerTunnel = P("10.0.9.0", 24);
    for (std::size_t k = 0; k < changed.size(); ++k)
    {
        INFO("column change " << k);
        CHECK_FALSE(changed[k] == base);
    }
    Connection c = base;
    std::ostringstream os;
    c.vpnProtocol = 7;
    os << c;
    CHECK(os.str().find(" protocol-7 ") != std::string::npos);
}
