// SPDX-License-Identifier: GPL-2.0-only
//
// The capture helper on each link type of the shared corpus. Expected values
// are tshark 4.0's decode of the same files (-T fields -e frame.protocols
// -e ip.src -e ip.dst -e udp.srcport -e udp.dstport -e udp.length).
#include "capture-test-util.h"

#include "ns3/mpls-label-stack-header.h"

#include <catch2/catch.hpp>

using namespace ns3;

namespace
{
/// Checks frame 1's IPv4/UDP layers.
void
CheckUdp(const capture::Frame& f,
         const char* src,
         const char* dst,
         uint16_t srcPort,
         uint16_t dstPort,
         uint32_t udpLength)
{
    REQUIRE(f.ipv4.present);
    CHECK(f.ipv4.ip.GetSource() == Ipv4Address(src));
    CHECK(f.ipv4.ip.GetDestination() == Ipv4Address(dst));
    REQUIRE(f.ipv4.hasUdp);
    CHECK(f.ipv4.udp.GetSourcePort() == srcPort);
    CHECK(f.ipv4.udp.GetDestinationPort() == dstPort);
    CHECK_FALSE(f.ipv4.l4LengthBogus);
    REQUIRE(f.ipv4.l4Payload);
    CHECK(f.ipv4.l4Payload->GetSize() == udpLength - 8);
}
} // namespace

TEST_CASE("Capture helper reads Linux cooked, loopback, PPPoE and Ethernet links",
          "[capture][mpls][ldp]")
{
    SECTION("Linux cooked v1: RADIUS-RFC4675.pcap (6 frames)")
    {
        auto cap = capture::ReadCapture(capture::CorpusFile("tcpdump/RADIUS-RFC4675.pcap"));
        REQUIRE(cap.ok);
        CHECK(cap.linkType == capture::LINKTYPE_LINUX_SLL);
        REQUIRE(cap.frames.size() == 6);
        CheckUdp(cap.frames[0], "127.0.0.1", "127.0.0.1", 53334, 1812, 88);
    }
    SECTION("BSD loopback: radius_localhost.pcap (19 frames)")
    {
        auto cap = capture::ReadCapture(capture::CorpusFile("zeek/radius_localhost.pcap"));
        REQUIRE(cap.ok);
        CHECK(cap.linkType == capture::LINKTYPE_NULL);
        REQUIRE(cap.frames.size() == 19);
        CheckUdp(cap.frames[0], "127.0.0.1", "127.0.0.1", 53031, 1812, 95);
    }
    SECTION("Ethernet / PPPoE session / PPP: packetnet l2tp.pcap")
    {
        auto cap = capture::ReadCapture(capture::CorpusFile("packetnet/l2tp.pcap"));
        REQUIRE(cap.ok);
        REQUIRE(cap.frames.size() == 1);
        CHECK(cap.frames[0].pppProtocol == 0x0021);
        CheckUdp(cap.frames[0], "109.6.1.72", "95.136.242.99", 1701, 1701, 32);
    }
    SECTION("Ethernet: xl2tpd-noauth.pcap (25 frames)")
    {
        auto cap = capture::ReadCapture(capture::CorpusFile("generated/xl2tpd-noauth.pcap"));
        REQUIRE(cap.ok);
        REQUIRE(cap.frames.size() == 25);
        CheckUdp(cap.frames[0], "127.0.0.2", "127.0.0.1", 1701, 1701, 107);
    }
    SECTION("PPP without ff 03, as ns-3 writes it: ppp-dlt9-ns3-style-mpls.pcap")
    {
        auto cap =
            capture::ReadCapture(capture::CorpusFile("synthetic/ppp-dlt9-ns3-style-mpls.pcap"));
        REQUIRE(cap.ok);
        CHECK(cap.linkType == capture::LINKTYPE_PPP);
        REQUIRE(cap.frames.size() == 3);
        // tshark: frame 1 MPLS label 100, frame 2 plain IPv4, frame 3 labels
        // 200 and 300; all UDP 49153 -> 9 of length 17.
        const std::vector<std::vector<uint32_t>> labels{{100}, {}, {200, 300}};
        for (std::size_t k = 0; k < 3; ++k)
        {
            const auto& f = cap.frames[k];
            INFO("frame " << f.number);
            if (labels[k].empty())
            {
                CHECK(f.pppProtocol == 0x0021);
                CheckUdp(f, "10.1.1.1", "10.1.1.2", 49153, 9, 17);
                continue;
            }
            CHECK(f.pppProtocol == 0x0281);
            REQUIRE(f.etherType == capture::ETHERTYPE_MPLS);
            Ptr<Packet> p = f.linkPayload->Copy();
            mpls::LabelStack stack;
            p->RemoveHeader(stack);
            REQUIRE(stack.IsValid());
            REQUIRE(stack.GetDepth() == labels[k].size());
            for (std::size_t d = 0; d < labels[k].size(); ++d)
            {
                CHECK(stack.GetEntry(d).GetLabel() == labels[k][d]);
            }
            capture::Frame inner;
            inner.ipv4 = capture::DecodeIpv4(p);
            CheckUdp(inner, "10.1.1.1", "10.1.1.2", 49153, 9, 17);
        }
    }
    SECTION("pcapng is refused with an error, not a crash")
    {
        auto cap = capture::ReadCapture(capture::CorpusFile("tcpdump/OSPFv2_Capture_FINAL.pcapng"));
        CHECK_FALSE(cap.ok);
        CHECK_FALSE(cap.error.empty());
    }
}
