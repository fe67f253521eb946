// SPDX-License-Identifier: GPL-2.0-only
//
// Whole OSPFv2 LSAs (RFC 2328 A.4): Router-LSA (A.4.2) and Network-LSA
// (A.4.3) bodies decoded from real captures and compared with tshark's
// reading of them, every LSA of the corpus re-encoded to its captured
// octets and re-sealed to its captured length and checksum, and malformed
// LSAs rejected.
#include "codec-test-util.h"
#include "corpus-test-util.h"
#include "ospf-test-util.h"

#include "ns3/ipvpn-capture-reader.h"
#include "ns3/ospf-lsa-checksum.h"
#include "ns3/ospf-lsa.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::ospf;
using ns3::codectest::FromHex;
using ns3::ospftest::OspfBytes;
using ns3::ospftest::OspfFrames;
using ns3::ospftest::UpdateLsas;

namespace
{

/// One Router-LSA link as tshark shows it (ospf.lsa.router.linktype,
/// .linkid, .linkdata, .metric0; no TOS metrics in these captures).
struct ExpectedLink
{
    uint8_t type;
    const char* id;
    const char* data;
    uint16_t metric;
};

/// One Router- or Network-LSA as tshark shows it (ospf.lsa, ospf.lsa.id,
/// ospf.advrouter, ospf.lsa.seqnum, ospf.lsa.chksum, ospf.lsa.length,
/// ospf.v2.router.lsa.flags, ospf.lsa.network.netmask, .attchrtr).
struct ExpectedLsa
{
    uint32_t frame;
    size_t index; ///< position in the Link State Update
    uint8_t type;
    const char* id;
    const char* advertisingRouter;
    uint32_t sequence;
    uint16_t checksum;
    uint16_t length;
    uint8_t flags;
    std::vector<ExpectedLink> links;
    const char* mask;
    std::vector<const char*> attached;
};

void
CheckLsa(const std::vector<uint8_t>& octets, const ExpectedLsa& e)
{
    INFO("frame " << e.frame << " LSA " << e.index);
    Lsa lsa;
    REQUIRE(Lsa::FromBytes(octets.data(), octets.size(), lsa));
    CHECK(lsa.header.GetType() == e.type);
    CHECK(lsa.header.GetLinkStateId() == Ipv4Address(e.id));
    CHECK(lsa.header.GetAdvertisingRouter() == Ipv4Address(e.advertisingRouter));
    CHECK(static_cast<uint32_t>(lsa.header.GetSequenceNumber()) == e.sequence);
    CHECK(lsa.header.GetChecksum() == e.checksum);
    CHECK(lsa.header.GetLength() == e.length);
    if (e.type == LS_ROUTER)
    {
        REQUIRE(std::holds_alternative<RouterLsaBody>(lsa.body));
        const auto& body = std::get<RouterLsaBody>(lsa.body);
        CHECK(body.flags == e.flags);
        REQUIRE(body.links.size() == e.links.size());
        for (size_t i = 0; i < e.links.size(); ++i)
        {
            INFO("link " << i);
            CHECK(body.links[i].type == e.links[i].type);
            CHECK(body.links[i].linkId == Ipv4Address(e.links[i].id));
            CHECK(body.links[i].linkData == Ipv4Address(e.links[i].data));
            CHECK(body.links[i].metric == e.links[i].metric);
            CHECK(body.links[i].tosMetrics.empty());
        }
    }
    else
    {
        REQUIRE(std::holds_alternative<NetworkLsaBody>(lsa.body));
        const auto& body = std::get<NetworkLsaBody>(lsa.body);
        CHECK(body.mask == Ipv4Mask(e.mask));
        REQUIRE(body.attachedRouters.size() == e.attached.size());
        for (size_t i = 0; i < e.attached.size(); ++i)
        {
            CHECK(body.attachedRouters[i] == Ipv4Address(e.attached[i]));
        }
    }
    CHECK(lsa.ToBytes() == octets);
}

void
CheckCapture(const std::string& file, const std::vector<ExpectedLsa>& expected)
{
    auto cap = decode::ReadCapture(corpus::File(file));
    REQUIRE(cap.ok);
    for (const ExpectedLsa& e : expected)
    {
        const auto lsas = UpdateLsas(OspfBytes(cap, e.frame));
        REQUIRE(e.index < lsas.size());
        CheckLsa(lsas[e.index], e);
    }
}

} // namespace

TEST_CASE("Router- and Network-LSAs of packetnet/ospfv2.pcap match tshark", "[ospf]")
{
    // tshark's reading of the capture.
    const ExpectedLink stub170{3, "192.168.170.0", "255.255.255.0", 10};
    // clang-format off
    CheckCapture(
        "packetnet/ospfv2.pcap",
        {
            {19, 0, 1, "192.168.170.8", "192.168.170.8", 0x80000dc3, 0x2506, 36, 0x02, {stub170},
             "", {}},
            {20, 0, 1, "192.168.170.3", "192.168.170.3", 0x80000001, 0x3a9c, 48, 0x02,
             {stub170, stub170}, "", {}},
            {22, 0, 2, "192.168.170.8", "192.168.170.8", 0x80000001, 0x37b7, 32, 0, {},
             "255.255.255.0", {"192.168.170.3", "192.168.170.8"}},
            {23, 0, 1, "192.168.170.8", "192.168.170.8", 0x80000dc4, 0xaf57, 36, 0x02,
             {{2, "192.168.170.8", "192.168.170.8", 10}}, "", {}},
            {25, 0, 1, "192.168.170.3", "192.168.170.3", 0x80000002, 0x389d, 48, 0x02,
             {stub170, stub170}, "", {}},
            {27, 0, 1, "192.168.170.2", "192.168.170.2", 0x80000001, 0x4a8e, 48, 0x02,
             {stub170, stub170}, "", {}},
            {32, 0, 1, "5.5.5.5", "5.5.5.5", 0x80000004, 0x7caa, 48, 0x00,
             {{3, "192.168.20.0", "255.255.255.0", 10}, {2, "10.0.20.2", "10.0.20.2", 10}},
             "", {}},
            {32, 1, 1, "4.4.4.4", "4.4.4.4", 0x80000006, 0x36b1, 36, 0x01,
             {{3, "10.0.20.0", "255.255.255.252", 10}}, "", {}},
            {32, 2, 2, "10.0.20.2", "5.5.5.5", 0x80000001, 0xf6ed, 32, 0, {},
             "255.255.255.252", {"5.5.5.5", "4.4.4.4"}},
        });
    // clang-format on
}

TEST_CASE("Router- and Network-LSAs of tcpdump/OSPFv2_Capture_FINAL.pcapng match tshark", "[ospf]")
{
    // tshark's reading of the capture.
    const std::vector<ExpectedLink> r11{{3, "192.168.255.11", "255.255.255.255", 1},
                                        {3, "192.168.122.0", "255.255.255.252", 12},
                                        {2, "192.168.121.4", "192.168.121.42", 12}};
    // clang-format off
    CheckCapture(
        "tcpdump/OSPFv2_Capture_FINAL.pcapng",
        {
            {9, 0, 1, "192.168.255.11", "192.168.255.11", 0x800002d8, 0xce1e, 60, 0x02, r11, "",
             {}},
            {9, 1, 1, "192.168.255.14", "192.168.255.14", 0x800002ca, 0x3085, 48, 0x02,
             {{2, "192.168.121.4", "192.168.121.4", 1}, {3, "192.168.120.0", "255.255.255.0", 1}},
             "", {}},
            {9, 2, 1, "192.168.255.15", "192.168.255.15", 0x800002c7, 0x4372, 48, 0x02,
             {{3, "192.168.120.0", "255.255.255.0", 1}, {2, "192.168.121.4", "192.168.121.5", 1}},
             "", {}},
            {9, 3, 2, "192.168.121.4", "192.168.255.14", 0x80000011, 0x27b4, 32, 0, {},
             "255.255.255.0", {"192.168.255.14", "192.168.255.15"}},
            {21, 0, 2, "192.168.121.4", "192.168.255.14", 0x80000012, 0xd988, 36, 0, {},
             "255.255.255.0", {"192.168.255.14", "192.168.255.11", "192.168.255.15"}},
            {22, 0, 1, "192.168.255.11", "192.168.255.11", 0x800002d9, 0xcc1f, 60, 0x02, r11, "",
             {}},
        });
    // clang-format on
}

TEST_CASE("Every LSA of the corpus re-encodes and re-seals to its captured octets", "[ospf]")
{
    // LSA counts per capture from tshark (ospf.lsa occurrences in LS Updates).
    const std::vector<std::pair<std::string, size_t>> files{
        {"packetnet/ospfv2.pcap", 30},
        {"tcpdump/OSPFv2_Capture_FINAL.pcapng", 22},
        {"tcpdump/ospf-gmpls.pcap", 3},
    };
    for (const auto& [file, count] : files)
    {
        INFO(file);
        auto cap = decode::ReadCapture(corpus::File(file));
        REQUIRE(cap.ok);
        size_t seen = 0;
        size_t routerOrNetwork = 0;
        for (uint32_t number : OspfFrames(cap))
        {
            const std::vector<uint8_t> ospf = OspfBytes(cap, number);
            if (ospf[1] != 4)
            {
                continue;
            }
            for (const auto& octets : UpdateLsas(ospf))
            {
                INFO("frame " << number << " LSA " << seen);
                ++seen;
                Lsa lsa;
                REQUIRE(Lsa::FromBytes(octets.data(), octets.size(), lsa));
                CHECK(lsa.ToBytes() == octets);
                const uint8_t type = lsa.header.GetType();
                // Types other than 1 and 2 are kept as they came (RFC 2328 13).
                CHECK(std::holds_alternative<RawLsaBody>(lsa.body) ==
                      (type != LS_ROUTER && type != LS_NETWORK));
                if (type == LS_ROUTER || type == LS_NETWORK)
                {
                    ++routerOrNetwork;
                }
                // A decoded copy with length and checksum cleared, sealed
                // again, carries the captured length and a checksum that
                // verifies: the captured one (12.1.7 gives one value).
                Lsa copy = lsa;
                copy.header.SetLength(0);
                copy.header.SetChecksum(0);
                copy.Seal();
                CHECK(copy.header.GetLength() == octets.size());
                const std::vector<uint8_t> sealed = copy.ToBytes();
                CHECK(IsLsaChecksumValid(sealed.data(), sealed.size()));
                CHECK(copy.header.GetChecksum() == lsa.header.GetChecksum());
                CHECK(copy == lsa);
            }
        }
        CHECK(seen == count);
        if (file != "tcpdump/ospf-gmpls.pcap")
        {
            CHECK(routerOrNetwork > 0);
        }
    }
}

TEST_CASE("A Router-LSA built by hand encodes as RFC 2328 A.4.2 lays it out", "[ospf]")
{
    Lsa lsa;
    lsa.header.SetAge(1);
    lsa.header.SetOptions(OPTION_E);
    lsa.header.SetType(LS_ROUTER);
    lsa.header.SetLinkStateId(Ipv4Address("10.0.0.1"));
    lsa.header.SetAdvertisingRouter(Ipv4Address("10.0.0.1"));
    lsa.header.SetSequenceNumber(INITIAL_SEQUENCE_NUMBER);
    RouterLsaBody body;
    body.flags = ROUTER_FLAG_E | ROUTER_FLAG_B;
    RouterLink p2p;
    p2p.linkId = Ipv4Address("10.0.0.2");
    p2p.linkData = Ipv4Address("192.168.1.1");
    p2p.type = LINK_POINT_TO_POINT;
    p2p.metric = 64;
    p2p.tosMetrics = {{2, 0x1234}, {4, 7}};
    RouterLink stub;
    stub.linkId = Ipv4Address("192.168.1.0");
    stub.linkData = Ipv4Address("255.255.255.252");
    stub.type = LINK_STUB;
    stub.metric = 64;
    body.links = {p2p, stub};
    lsa.body = body;
    lsa.Seal();
    // 20 header + 4 + (12 + 2 * 4) + 12 octets.
    CHECK(lsa.header.GetLength() == 56);
    const std::vector<uint8_t> bytes = lsa.ToBytes();
    const std::vector<uint8_t> expectedBody =
        FromHex("03 00 0002"                                         // flags E|B, 0, # links
                "0a000002 c0a80101 01 02 0040 02 00 1234 04 00 0007" // p2p with 2 TOS
                "c0a80100 fffffffc 03 00 0040");                     // stub
    REQUIRE(bytes.size() == 56);
    CHECK(std::vector<uint8_t>(bytes.begin() + 20, bytes.end()) == expectedBody);
    CHECK(bytes[18] == 0);
    CHECK(bytes[19] == 56);
    CHECK(IsLsaChecksumValid(bytes.data(), bytes.size()));
    Lsa back;
    REQUIRE(Lsa::FromBytes(bytes.data(), bytes.size(), back));
    CHECK(back == lsa);
}

TEST_CASE("A Network-LSA built by hand encodes as RFC 2328 A.4.3 lays it out", "[ospf]")
{
    Lsa lsa;
    lsa.header.SetType(LS_NETWORK);
    lsa.header.SetLinkStateId(Ipv4Address("10.1.1.1"));
    lsa.header.SetAdvertisingRouter(Ipv4Address("1.1.1.1"));
    lsa.body =
        NetworkLsaBody{Ipv4Mask("255.255.255.0"), {Ipv4Address("1.1.1.1"), Ipv4Address("2.2.2.2")}};
    lsa.Seal();
    CHECK(lsa.header.GetLength() == 32);
    const std::vector<uint8_t> bytes = lsa.ToBytes();
    CHECK(std::vector<uint8_t>(bytes.begin() + 20, bytes.end()) ==
          FromHex("ffffff00 01010101 02020202"));
    CHECK(IsLsaChecksumValid(bytes.data(), bytes.size()));
}

TEST_CASE("Malformed LSAs are rejected", "[ospf]")
{
    // Frame 19's Router-LSA of packetnet/ospfv2.pcap: 1 link, 36 octets.
    const std::vector<uint8_t> router = FromHex("03e2 0201 c0a8aa08 c0a8aa08 80000dc3 2506 0024"
                                                "02000001 c0a8aa00 ffffff00 0300000a");
    Lsa lsa;
    REQUIRE(Lsa::FromBytes(router.data(), router.size(), lsa));
    // More octets than the length field says: only the LSA is read.
    std::vector<uint8_t> longer = router;
    longer.insert(longer.end(), {1, 2, 3, 4});
    REQUIRE(Lsa::FromBytes(longer.data(), longer.size(), lsa));
    CHECK(lsa.ToBytes() == router);

    SECTION("fewer octets than a header")
    {
        CHECK_FALSE(Lsa::FromBytes(router.data(), 19, lsa));
        CHECK_FALSE(Lsa::FromBytes(nullptr, 0, lsa));
    }
    SECTION("the length field beyond the octets given")
    {
        CHECK_FALSE(Lsa::FromBytes(router.data(), router.size() - 1, lsa));
    }
    SECTION("a length field below the header's 20 octets")
    {
        std::vector<uint8_t> bad = router;
        bad[19] = 19;
        CHECK_FALSE(Lsa::FromBytes(bad.data(), bad.size(), lsa));
    }
    SECTION("# links promising more links than the body holds")
    {
        std::vector<uint8_t> bad = router;
        bad[23] = 2;
        CHECK_FALSE(Lsa::FromBytes(bad.data(), bad.size(), lsa));
    }
    SECTION("octets left after the counted links")
    {
        std::vector<uint8_t> bad = router;
        bad[23] = 0;
        CHECK_FALSE(Lsa::FromBytes(bad.data(), bad.size(), lsa));
    }
    SECTION("# TOS promising metrics beyond the body")
    {
        std::vector<uint8_t> bad = router;
        bad[33] = 1;
        CHECK_FALSE(Lsa::FromBytes(bad.data(), bad.size(), lsa));
    }
    SECTION("a Router-LSA body shorter than its fixed 4 octets")
    {
        std::vector<uint8_t> bad(router.begin(), router.begin() + 22);
        bad[19] = 22;
        CHECK_FALSE(Lsa::FromBytes(bad.data(), bad.size(), lsa));
    }
    SECTION("a Network-LSA without its mask, or with a partial router")
    {
        std::vector<uint8_t> network = FromHex("0001 0202 c0a8aa08 c0a8aa08 80000001 37b7 0020"
                                               "ffffff00 c0a8aa03 c0a8aa08");
        REQUIRE(Lsa::FromBytes(network.data(), network.size(), lsa));
        std::vector<uint8_t> noMask(network.begin(), network.begin() + 20);
        noMask[19] = 20;
        CHECK_FALSE(Lsa::FromBytes(noMask.data(), noMask.size(), lsa));
        std::vector<uint8_t> partial(network.begin(), network.end() - 2);
        partial[19] = 30; // (30 - 24) % 4 != 0
        CHECK_FALSE(Lsa::FromBytes(partial.data(), partial.size(), lsa));
    }
    SECTION("any body length for the types kept raw")
    {
        std::vector<uint8_t> raw = router;
        raw[3] = LS_AS_EXTERNAL;
        raw[23] = 7; // no longer a link count
        REQUIRE(Lsa::FromBytes(raw.data(), raw.size(), lsa));
        CHECK(std::get<RawLsaBody>(lsa.body).size() == 16);
        CHECK(lsa.ToBytes() == raw);
    }
}
