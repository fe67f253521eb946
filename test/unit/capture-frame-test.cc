// SPDX-License-Identifier: GPL-2.0-only
//
// Link-layer peeling on frames built here for every supported link type
// (Ethernet with 802.1Q/802.1ad tags and PPPoE sessions, PPP with and
// without ff 03 and with a compressed protocol field, raw IP, Linux cooked
// v1/v2, BSD and OpenBSD loopback), then IPv4/UDP/TCP; and on broken
// frames, which must yield problem descriptions and never crash.
#include "codec-test-util.h"

#include "ns3/ipvpn-capture-frame.h"

#include <catch2/catch.hpp>

#include <random>

using namespace ns3;
using namespace ns3::decode;
using ns3::codectest::FromHex;

namespace
{

/// IPv4 (no options) + UDP with the given payload; lengths consistent.
std::vector<uint8_t>
Ipv4Udp(uint16_t sport, uint16_t dport, const std::vector<uint8_t>& payload)
{
    const uint16_t udpLength = 8 + payload.size();
    const uint16_t total = 20 + udpLength;
    std::vector<uint8_t> b{0x45, 0, uint8_t(total >> 8), uint8_t(total), 0x12, 0x34, 0, 0, 64, 17,
                           0, 0, 10, 0, 0, 1, 10, 0, 0, 2};
    const std::vector<uint8_t> udp{uint8_t(sport >> 8), uint8_t(sport), uint8_t(dport >> 8),
                                   uint8_t(dport), uint8_t(udpLength >> 8), uint8_t(udpLength),
                                   0, 0};
    b.insert(b.end(), udp.begin(), udp.end());
    b.insert(b.end(), payload.begin(), payload.end());
    return b;
}

std::vector<uint8_t>
Cat(std::vector<uint8_t> a, const std::vector<uint8_t>& b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

const std::vector<uint8_t> MACS = FromHex("020000000002 020000000001");
const std::vector<uint8_t> PAYLOAD{0xca, 0xfe};

void
CheckUdp(const Frame& f)
{
    REQUIRE(f.ipv4.present);
    CHECK(f.ipv4.ip.GetSource() == Ipv4Address("10.0.0.1"));
    REQUIRE(f.ipv4.hasUdp);
    CHECK(f.ipv4.udp.GetSourcePort() == 1701);
    CHECK(f.ipv4.udp.GetDestinationPort() == 1812);
    REQUIRE(f.ipv4.l4Payload);
    CHECK(PacketBytes(f.ipv4.l4Payload) == PAYLOAD);
    CHECK(f.problems.empty());
    CHECK(f.ipv4.problems.empty());
}

} // namespace

TEST_CASE("Link layers peel down to IPv4/UDP", "[capture][link]")
{
    const auto ip = Ipv4Udp(1701, 1812, PAYLOAD);

    SECTION("Ethernet II, with padding after the IP packet")
    {
        auto f = DecodeFrame(LINKTYPE_ETHERNET, Cat(Cat(Cat(MACS, {0x08, 0x00}), ip), {0, 0, 0, 0}));
        CHECK(f.etherType == ETHERTYPE_IPV4);
        CheckUdp(f);
    }
    SECTION("802.1ad service tag and 802.1Q customer tag")
    {
        auto f = DecodeFrame(LINKTYPE_ETHERNET,
                             Cat(Cat(MACS, FromHex("88a8 2064 8100 00c8 0800")), ip));
        CHECK(f.vlanIds == std::vector<uint16_t>{100, 200});
        CheckUdp(f);
    }
    SECTION("PPPoE session carrying IPv4, Ethernet padding cut by the PPPoE length")
    {
        const uint16_t length = 2 + ip.size();
        auto frame = Cat(Cat(MACS, {0x88, 0x64, 0x11, 0x00, 0x12, 0x34, uint8_t(length >> 8),
                                    uint8_t(length), 0x00, 0x21}),
                         ip);
        auto f = DecodeFrame(LINKTYPE_ETHERNET, Cat(frame, {0, 0, 0}));
        CHECK(f.hasPppoe);
        CHECK(f.pppoeSession == 0x1234);
        CHECK(f.pppProtocol == 0x0021);
        CheckUdp(f);
        CHECK(f.linkPayload->GetSize() == ip.size());
    }
    SECTION("PPPoE session carrying LCP: PPP protocol, no EtherType")
    {
        auto f = DecodeFrame(LINKTYPE_ETHERNET,
                             Cat(MACS, FromHex("8864 1100 0017 000e c021 096a000ca4cbea340ee2f609")));
        CHECK(f.pppProtocol == 0xc021);
        CHECK(f.etherType == 0);
        CHECK(PacketBytes(f.linkPayload) == FromHex("096a000ca4cbea340ee2f609"));
        CHECK(f.problems.empty());
    }
    SECTION("PPP (DLT 9) with ff 03, without, and with a compressed protocol field")
    {
        CheckUdp(DecodeFrame(LINKTYPE_PPP, Cat({0xff, 0x03, 0x00, 0x21}, ip)));
        CheckUdp(DecodeFrame(LINKTYPE_PPP, Cat({0x00, 0x21}, ip)));
        auto f = DecodeFrame(LINKTYPE_PPP, Cat({0x21}, ip));
        CHECK(f.pppProtocol == 0x0021);
        CheckUdp(f);
        auto mpls = DecodeFrame(LINKTYPE_PPP, FromHex("0281 00064140"));
        CHECK(mpls.etherType == ETHERTYPE_MPLS);
    }
    SECTION("raw IP: 101, 228 and 12")
    {
        CheckUdp(DecodeFrame(LINKTYPE_RAW, ip));
        CheckUdp(DecodeFrame(LINKTYPE_IPV4, ip));
        CheckUdp(DecodeFrame(LINKTYPE_RAW_DLT12, ip));
        CHECK(DecodeFrame(LINKTYPE_RAW, FromHex("60000000")).etherType == ETHERTYPE_IPV6);
    }
    SECTION("Linux cooked v1 and v2")
    {
        CheckUdp(DecodeFrame(LINKTYPE_LINUX_SLL,
                             Cat(FromHex("0000 0304 0006 000000000000 0000 0800"), ip)));
        CheckUdp(DecodeFrame(LINKTYPE_LINUX_SLL2,
                             Cat(FromHex("0800 0000 00000001 0304 00 06 0000000000000000"), ip)));
    }
    SECTION("BSD loopback in either host order, OpenBSD loopback")
    {
        CheckUdp(DecodeFrame(LINKTYPE_NULL, Cat({2, 0, 0, 0}, ip)));
        CheckUdp(DecodeFrame(LINKTYPE_NULL, Cat({0, 0, 0, 2}, ip)));
        CheckUdp(DecodeFrame(LINKTYPE_LOOP, Cat({0, 0, 0, 2}, ip)));
        CHECK(DecodeFrame(LINKTYPE_NULL, Cat({30, 0, 0, 0}, ip)).etherType == ETHERTYPE_IPV6);
    }
    SECTION("TCP with options")
    {
        std::vector<uint8_t> tcp = FromHex("0286 c350 00000001 00000000 6018 ffff 0000 0000"
                                           "020405b4");
        std::vector<uint8_t> packet{0x45, 0, 0, uint8_t(20 + tcp.size() + 2), 0, 0, 0x40, 0, 64,
                                    6,    0, 0, 10, 0, 0, 1, 10, 0, 0, 2};
        packet = Cat(Cat(packet, tcp), PAYLOAD);
        auto f = DecodeFrame(LINKTYPE_RAW, packet);
        REQUIRE(f.ipv4.hasTcp);
        CHECK(f.ipv4.tcp.GetSourcePort() == 646);
        CHECK(PacketBytes(f.ipv4.l4Payload) == PAYLOAD);
    }
}

TEST_CASE("Broken link and IP headers give problems, not crashes", "[capture][link]")
{
    const auto ip = Ipv4Udp(1701, 1812, PAYLOAD);
    auto reasonOf = [](const std::vector<Problem>& problems) {
        return problems.empty() ? std::string() : problems.front().layer + "/" + problems.front().reason;
    };

    CHECK(reasonOf(DecodeFrame(LINKTYPE_ETHERNET, FromHex("0200000000020200")).problems) ==
          "eth/header-truncated");
    CHECK(reasonOf(DecodeFrame(LINKTYPE_ETHERNET, Cat(MACS, FromHex("8100 00"))).problems) ==
          "vlan/header-truncated");
    CHECK(reasonOf(DecodeFrame(LINKTYPE_ETHERNET, Cat(MACS, FromHex("8864 2100 0001 0004 c021")))
                       .problems) == "pppoe/bad-session-header");
    CHECK(reasonOf(DecodeFrame(LINKTYPE_ETHERNET, Cat(MACS, FromHex("8864 1100 0001 0040 c021")))
                       .problems) == "pppoe/length-exceeds-frame");
    // The same PPPoE length is no problem when the capture kept fewer bytes
    // than the wire carried.
    CHECK(DecodeFrame(LINKTYPE_ETHERNET, Cat(MACS, FromHex("8864 1100 0001 0040 c021")), 1, 100)
              .problems.empty());
    CHECK(reasonOf(DecodeFrame(LINKTYPE_PPP, {0xff, 0x03}).problems) == "ppp/header-truncated");
    CHECK(reasonOf(DecodeFrame(LINKTYPE_NULL, {2, 0}).problems) == "null/header-truncated");
    CHECK(reasonOf(DecodeFrame(LINKTYPE_RAW, FromHex("15")).problems) == "raw/bad-ip-version");
    CHECK(reasonOf(DecodeFrame(147, ip).problems) == "link/unsupported-link-type");

    auto badIhl = ip;
    badIhl[0] = 0x43;
    CHECK(reasonOf(DecodeFrame(LINKTYPE_RAW, badIhl).ipv4.problems) == "ipv4/bad-header-length");
    auto longTotal = ip;
    longTotal[3] += 10;
    auto f = DecodeFrame(LINKTYPE_RAW, longTotal);
    CHECK(f.ipv4.truncated);
    CHECK(reasonOf(f.ipv4.problems) == "ipv4/total-length-exceeds-data");
    CHECK(DecodeFrame(LINKTYPE_RAW, longTotal, 1, 2000).ipv4.problems.empty());
    auto longUdp = ip;
    longUdp[25] += 10;
    CHECK(reasonOf(DecodeFrame(LINKTYPE_RAW, longUdp).ipv4.problems) ==
          "udp/length-exceeds-ip-payload");
    auto shortUdp = ip;
    shortUdp[25] = 3;
    CHECK(reasonOf(DecodeFrame(LINKTYPE_RAW, shortUdp).ipv4.problems) == "udp/bad-length");
    auto fragment = ip;
    fragment[6] = 0x20; // MF
    auto frag = DecodeFrame(LINKTYPE_RAW, fragment);
    CHECK(frag.ipv4.isFragment);
    CHECK(frag.ipv4.moreFragments);
    CHECK_FALSE(frag.ipv4.hasUdp);
    auto badTcp = Ipv4Udp(1, 2, std::vector<uint8_t>(20, 0));
    badTcp[9] = 6;
    badTcp[20 + 12] = 0x40; // data offset 16 bytes
    CHECK(reasonOf(DecodeFrame(LINKTYPE_RAW, badTcp).ipv4.problems) == "tcp/bad-data-offset");
}

TEST_CASE("Every cut and random damage of each link type decodes safely", "[capture][link]")
{
    const auto ip = Ipv4Udp(1701, 1812, PAYLOAD);
    const std::vector<std::pair<uint32_t, std::vector<uint8_t>>> frames{
        {LINKTYPE_ETHERNET, Cat(Cat(MACS, FromHex("88a8 2064 8100 00c8 8864 1100 0001 0020 0021")), ip)},
        {LINKTYPE_PPP, Cat({0xff, 0x03, 0x00, 0x21}, ip)},
        {LINKTYPE_LINUX_SLL, Cat(FromHex("0000 0304 0006 000000000000 0000 0800"), ip)},
        {LINKTYPE_LINUX_SLL2, Cat(FromHex("0800 0000 00000001 0304 00 06 0000000000000000"), ip)},
        {LINKTYPE_NULL, Cat({2, 0, 0, 0}, ip)},
        {LINKTYPE_RAW, ip},
    };
    std::mt19937 rng(9);
    std::uniform_int_distribution<int> value(0, 255);
    for (const auto& [linkType, bytes] : frames)
    {
        INFO("link type " << linkType);
        for (std::size_t cut = 0; cut <= bytes.size(); ++cut)
        {
            auto f = DecodeFrame(linkType, std::vector<uint8_t>(bytes.begin(), bytes.begin() + cut));
            if (f.ipv4.l4Payload)
            {
                CHECK(f.ipv4.l4Payload->GetSize() <= cut);
            }
        }
        for (int round = 0; round < 500; ++round)
        {
            auto damaged = bytes;
            std::uniform_int_distribution<std::size_t> pos(0, damaged.size() - 1);
            for (int k = 0; k <= round % 4; ++k)
            {
                damaged[pos(rng)] = static_cast<uint8_t>(value(rng));
            }
            auto f = DecodeFrame(linkType, damaged);
            if (f.linkPayload)
            {
                CHECK(f.linkPayload->GetSize() <= damaged.size());
            }
        }
    }
}
