// SPDX-License-Identifier: GPL-2.0-only
//
// OSPFv2 LSA headers and LS checksums (RFC 2328 A.4.1, 12.1.7) against the
// LSAs of a real capture, packetnet/ospfv2.pcap, with tshark's reading of
// them as the expected values.
#include "codec-test-util.h"
#include "corpus-test-util.h"

#include "ns3/ipvpn-capture-frame.h"
#include "ns3/ipvpn-capture-reader.h"
#include "ns3/ospf-lsa-checksum.h"
#include "ns3/ospf-lsa-header.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace ns3;
using namespace ns3::ospf;
using ns3::codectest::Decode;
using ns3::codectest::Encode;
using ns3::codectest::FromHex;

namespace
{

/// What tshark shows of one LSA (ospf.lsa, ospf.lsa.id, ospf.advrouter,
/// ospf.lsa.seqnum, ospf.lsa.chksum, ospf.lsa.length).
struct Expected
{
    uint8_t type;
    std::string id;
    std::string advertisingRouter;
    uint32_t sequence;
    uint16_t checksum;
    uint16_t length;
};

/// The LSAs of the Link State Update in 1-based frame `number`: the bytes
/// after the 24-octet OSPF header and the 4-octet LSA count.
std::vector<std::vector<uint8_t>>
UpdateLsas(const decode::Capture& cap, uint32_t number)
{
    const decode::Frame& f = cap.frames.at(number - 1);
    REQUIRE(f.ipv4.present);
    REQUIRE(f.ipv4.ip.GetProtocol() == 89);
    const std::vector<uint8_t> ospf = decode::PacketBytes(f.ipv4.payload);
    REQUIRE(ospf.size() >= 28);
    REQUIRE(ospf[1] == 4); // Link State Update
    const uint32_t count = (ospf[24] << 24) | (ospf[25] << 16) | (ospf[26] << 8) | ospf[27];
    std::vector<std::vector<uint8_t>> lsas;
    size_t at = 28;
    for (uint32_t i = 0; i < count; ++i)
    {
        REQUIRE(at + LsaHeader::SIZE <= ospf.size());
        const size_t length = (ospf[at + 18] << 8) | ospf[at + 19];
        REQUIRE(at + length <= ospf.size());
        lsas.emplace_back(ospf.begin() + at, ospf.begin() + at + length);
        at += length;
    }
    return lsas;
}

void
CheckLsas(const std::vector<std::vector<uint8_t>>& lsas, const std::vector<Expected>& expected)
{
    REQUIRE(lsas.size() == expected.size());
    for (size_t i = 0; i < lsas.size(); ++i)
    {
        INFO("LSA " << i);
        LsaHeader h;
        REQUIRE(Decode(h, lsas[i]) == LsaHeader::SIZE);
        CHECK(h.IsValid());
        CHECK(h.GetType() == expected[i].type);
        CHECK(h.GetLinkStateId() == Ipv4Address(expected[i].id.c_str()));
        CHECK(h.GetAdvertisingRouter() == Ipv4Address(expected[i].advertisingRouter.c_str()));
        CHECK(static_cast<uint32_t>(h.GetSequenceNumber()) == expected[i].sequence);
        CHECK(h.GetChecksum() == expected[i].checksum);
        CHECK(h.GetLength() == expected[i].length);
        // The header re-encodes to the captured octets.
        CHECK(Encode(h) == std::vector<uint8_t>(lsas[i].begin(), lsas[i].begin() + 20));
        // The stored checksum verifies and is what the algorithm computes.
        CHECK(IsLsaChecksumValid(lsas[i].data(), lsas[i].size()));
        CHECK(ComputeLsaChecksum(lsas[i].data(), lsas[i].size()) == expected[i].checksum);
    }
}

} // namespace

TEST_CASE("LSA headers and checksums of packetnet/ospfv2.pcap match tshark", "[ospf]")
{
    auto cap = decode::ReadCapture(corpus::File("packetnet/ospfv2.pcap"));
    REQUIRE(cap.ok);
    // Frame 19: one Router-LSA.
    CheckLsas(UpdateLsas(cap, 19),
              {{1, "192.168.170.8", "192.168.170.8", 0x80000dc3, 0x2506, 36}});
    // Frame 20: a Router-LSA and six AS-external-LSAs.
    CheckLsas(UpdateLsas(cap, 20),
              {{1, "192.168.170.3", "192.168.170.3", 0x80000001, 0x3a9c, 48},
               {5, "80.212.16.0", "192.168.170.2", 0x80000001, 0x2a49, 36},
               {5, "148.121.171.0", "192.168.170.2", 0x80000001, 0x34a5, 36},
               {5, "192.130.120.0", "192.168.170.2", 0x80000001, 0xd319, 36},
               {5, "192.168.0.0", "192.168.170.2", 0x80000001, 0x3708, 36},
               {5, "192.168.1.0", "192.168.170.2", 0x80000001, 0x2c12, 36},
               {5, "192.168.172.0", "192.168.170.2", 0x80000001, 0x3341, 36}});
}

TEST_CASE("LS checksum: LS age is left out, any other change is caught", "[ospf]")
{
    // Frame 19's Router-LSA of packetnet/ospfv2.pcap (LS age 994).
    std::vector<uint8_t> lsa = FromHex("03e2 0201 c0a8aa08 c0a8aa08 80000dc3 2506 0024"
                                       "02000001 c0a8aa00 ffffff00 0300000a");
    REQUIRE(IsLsaChecksumValid(lsa.data(), lsa.size()));
    lsa[0] = 0x0e; // LS age 3600 (MaxAge): still valid (RFC 2328 12.1.7)
    lsa[1] = 0x10;
    CHECK(IsLsaChecksumValid(lsa.data(), lsa.size()));
    CHECK(ComputeLsaChecksum(lsa.data(), lsa.size()) == 0x2506);
    for (size_t at : {2u, 7u, 15u, 18u, 30u, 35u})
    {
        INFO("octet " << at);
        std::vector<uint8_t> bad = lsa;
        bad[at] ^= 0x01;
        CHECK_FALSE(IsLsaChecksumValid(bad.data(), bad.size()));
    }
    // A fresh checksum over changed contents verifies again.
    lsa[15] = 0xc4; // sequence 0x80000dc4
    const uint16_t c = ComputeLsaChecksum(lsa.data(), lsa.size());
    CHECK(c != 0x2506);
    lsa[16] = c >> 8;
    lsa[17] = c & 0xff;
    CHECK(IsLsaChecksumValid(lsa.data(), lsa.size()));
    // A zero checksum is never valid: the algorithm never produces it.
    lsa[16] = 0;
    lsa[17] = 0;
    CHECK_FALSE(IsLsaChecksumValid(lsa.data(), lsa.size()));
    CHECK_FALSE(IsLsaChecksumValid(lsa.data(), 17));
}

TEST_CASE("An LSA header shorter than 20 octets is invalid", "[ospf]")
{
    LsaHeader h;
    CHECK(Decode(h, FromHex("03e2 0201 c0a8aa08 c0a8aa08 80000dc3 2506")) == 0);
    CHECK_FALSE(h.IsValid());
    LsaKey a{LS_ROUTER, Ipv4Address("1.1.1.1"), Ipv4Address("1.1.1.1")};
    LsaKey b{LS_NETWORK, Ipv4Address("1.1.1.1"), Ipv4Address("1.1.1.1")};
    CHECK(a < b);
    CHECK_FALSE(b < a);
    CHECK_FALSE(a == b);
}
