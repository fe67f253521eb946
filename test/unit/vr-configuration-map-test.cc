// SPDX-License-Identifier: GPL-2.0-only
//
// vr::ConfigurationMap, the VPN configuration map of one VR port (seed 000,
// unit 35, Fig. 6B): rows keyed by the peer port's address with its VPN ID,
// router ID, tunnel ID and state; adding, updating, removing, the stable
// order and the one-line-per-row print. Ports and routers follow Fig. 2 and
// Fig. 7: A1 on router 10, A2 on router 20, A3 on router 30.
#include "ns3/nstime.h"
#include "ns3/vr-configuration-map.h"
#include "ns3/vr-vpn-id.h"

#include <catch2/catch.hpp>
#include <sstream>
#include <vector>

using namespace ns3;
using namespace ns3::vr;

namespace
{

const VpnId kVpnA(0x00a0c9, 1);
const Ipv4Address kPortA1("10.1.0.1");
const Ipv4Address kPortA2("10.2.0.1");
const Ipv4Address kPortA3("10.3.0.1");
const Ipv4Address kRouter10("10.0.0.10");
const Ipv4Address kRouter20("10.0.0.20");
const Ipv4Address kRouter30("10.0.0.30");

MapEntry
Row(Ipv4Address port, Ipv4Address router, Time added)
{
    MapEntry e;
    e.portAddress = port;
    e.vpnId = kVpnA;
    e.routerId = router;
    e.added = added;
    e.changed = added;
    return e;
}

} // namespace

TEST_CASE("ConfigurationMap: a new row has no tunnel yet and is DISCOVERED", "[vr][vr-map]")
{
    // S4 builds the map before any tunnel exists; the tunnel ID comes at S5.
    MapEntry e;
    CHECK(e.tunnelId == 0);
    CHECK(e.state == PeerState::DISCOVERED);
    CHECK(e.portAddress == Ipv4Address::GetAny());
}

TEST_CASE("ConfigurationMap: add, find, refuse a second row for one port", "[vr][vr-map]")
{
    ConfigurationMap map;
    CHECK(map.IsEmpty());
    REQUIRE(map.Add(Row(kPortA1, kRouter10, Seconds(1))));
    CHECK(map.GetSize() == 1);
    CHECK(map.Contains(kPortA1));
    const MapEntry* e = map.Find(kPortA1);
    REQUIRE(e != nullptr);
    CHECK(e->routerId == kRouter10);
    CHECK(e->vpnId == kVpnA);
    CHECK(e->added == Seconds(1));

    // The same port again (another router ID): refused, the first row stays.
    CHECK_FALSE(map.Add(Row(kPortA1, kRouter20, Seconds(2))));
    CHECK(map.GetSize() == 1);
    CHECK(map.Find(kPortA1)->routerId == kRouter10);
    CHECK(map.Find(kPortA2) == nullptr);
    CHECK_FALSE(map.Contains(kPortA2));
}

TEST_CASE("ConfigurationMap: update keeps the time the row was added", "[vr][vr-map]")
{
    ConfigurationMap map;
    map.Add(Row(kPortA1, kRouter10, Seconds(1)));
    MapEntry changed = Row(kPortA1, kRouter20, Seconds(9));
    changed.tunnelId = 7;
    changed.state = PeerState::UP;
    REQUIRE(map.Update(changed));
    const MapEntry* e = map.Find(kPortA1);
    CHECK(e->routerId == kRouter20);
    CHECK(e->tunnelId == 7);
    CHECK(e->state == PeerState::UP);
    CHECK(e->added == Seconds(1));
    CHECK(e->changed == Seconds(9));

    CHECK_FALSE(map.Update(Row(kPortA2, kRouter20, Seconds(3))));
    CHECK(map.GetSize() == 1);
}

TEST_CASE("ConfigurationMap: state and tunnel ID of one row", "[vr][vr-map]")
{
    ConfigurationMap map;
    map.Add(Row(kPortA1, kRouter10, Seconds(1)));
    // S5: "the tunnel identifier ... is determined, and the VR ports ... manage it".
    REQUIRE(map.SetTunnelId(kPortA1, 4, Seconds(2)));
    REQUIRE(map.SetState(kPortA1, PeerState::EXCHANGING, Seconds(3)));
    const MapEntry* e = map.Find(kPortA1);
    CHECK(e->tunnelId == 4);
    CHECK(e->state == PeerState::EXCHANGING);
    CHECK(e->changed == Seconds(3));
    CHECK(e->added == Seconds(1));
    CHECK_FALSE(map.SetTunnelId(kPortA2, 5, Seconds(4)));
    CHECK_FALSE(map.SetState(kPortA2, PeerState::UP, Seconds(4)));
    CHECK(map.Find(kPortA2) == nullptr);
}

TEST_CASE("ConfigurationMap: remove (S37) and clear", "[vr][vr-map]")
{
    ConfigurationMap map;
    map.Add(Row(kPortA1, kRouter10, Seconds(1)));
    map.Add(Row(kPortA2, kRouter20, Seconds(1)));
    // S37: "information about the removed VR port is deleted from the map".
    CHECK(map.Remove(kPortA1));
    CHECK_FALSE(map.Contains(kPortA1));
    CHECK(map.Contains(kPortA2));
    CHECK_FALSE(map.Remove(kPortA1));
    map.Clear();
    CHECK(map.IsEmpty());
}

TEST_CASE("ConfigurationMap: rows in ascending address order whatever the arrival order",
          "[vr][vr-map]")
{
    ConfigurationMap map;
    map.Add(Row(kPortA3, kRouter30, Seconds(1)));
    map.Add(Row(kPortA1, kRouter10, Seconds(2)));
    map.Add(Row(kPortA2, kRouter20, Seconds(3)));
    const std::vector<MapEntry> rows = map.GetEntries();
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].portAddress == kPortA1);
    CHECK(rows[1].portAddress == kPortA2);
    CHECK(rows[2].portAddress == kPortA3);

    std::vector<Ipv4Address> iterated;
    for (const auto& [port, entry] : map)
    {
        CHECK(port == entry.portAddress);
        iterated.push_back(port);
    }
    CHECK(iterated == std::vector<Ipv4Address>{kPortA1, kPortA2, kPortA3});
}

TEST_CASE("ConfigurationMap: router IDs, the seed's minimum map, each router once", "[vr][vr-map]")
{
    // "The VPN configuration map 35 includes at least a list of router IDs";
    // two ports of one VPN on router 20 count once.
    ConfigurationMap map;
    map.Add(Row(kPortA2, kRouter20, Seconds(1)));
    map.Add(Row(Ipv4Address("10.2.0.9"), kRouter20, Seconds(1)));
    map.Add(Row(kPortA1, kRouter10, Seconds(1)));
    CHECK(map.GetRouterIds() == std::vector<Ipv4Address>{kRouter10, kRouter20});
}

TEST_CASE("ConfigurationMap: ports in a state", "[vr][vr-map]")
{
    ConfigurationMap map;
    map.Add(Row(kPortA1, kRouter10, Seconds(1)));
    map.Add(Row(kPortA2, kRouter20, Seconds(1)));
    map.Add(Row(kPortA3, kRouter30, Seconds(1)));
    map.SetState(kPortA3, PeerState::UP, Seconds(2));
    map.SetState(kPortA1, PeerState::UP, Seconds(2));
    CHECK(map.GetPorts(PeerState::UP) == std::vector<Ipv4Address>{kPortA1, kPortA3});
    CHECK(map.GetPorts(PeerState::DISCOVERED) == std::vector<Ipv4Address>{kPortA2});
    CHECK(map.GetPorts(PeerState::SILENT).empty());
}

TEST_CASE("ConfigurationMap: Print writes one line per row, in order", "[vr][vr-map]")
{
    ConfigurationMap map;
    std::ostringstream empty;
    map.Print(empty);
    CHECK(empty.str().empty());

    MapEntry a2 = Row(kPortA2, kRouter20, Seconds(2.5));
    a2.tunnelId = 5;
    a2.state = PeerState::UP;
    map.Add(a2);
    map.Add(Row(kPortA1, kRouter10, Seconds(1)));
    std::ostringstream os;
    os << map;
    CHECK(os.str() == "port=10.1.0.1 vpn=00a0c9:00000001 router=10.0.0.10 tunnel=0 "
                      "state=DISCOVERED added=+1s\n"
                      "port=10.2.0.1 vpn=00a0c9:00000001 router=10.0.0.20 tunnel=5 "
                      "state=UP added=+2.5s\n");
}

TEST_CASE("ConfigurationMap: state names", "[vr][vr-map]")
{
    CHECK(PeerStateName(PeerState::DISCOVERED) == "DISCOVERED");
    CHECK(PeerStateName(PeerState::AUTHENTICATING) == "AUTHENTICATING");
    CHECK(PeerStateName(PeerState::EXCHANGING) == "EXCHANGING");
    CHECK(PeerStateName(PeerState::UP) == "UP");
    CHECK(PeerStateName(PeerState::FAILED) == "FAILED");
    CHECK(PeerStateName(PeerState::SILENT) == "SILENT");
    CHECK(PeerStateName(static_cast<PeerState>(99)) == "PeerState(99)");
}
