// SPDX-License-Identifier: GPL-2.0-only
//
// The capture reader (pcap and pcapng) and layer peeling on each link type
// of the shared corpus. Expected values are tshark 4.0's decode of the same
// files (-T fields -e frame.time_epoch -e frame.protocols -e ip.src -e ip.dst
// -e udp.srcport -e udp.dstport -e udp.length).
#include "corpus-test-util.h"

#include "ns3/ipvpn-capture-reader.h"
#include "ns3/mpls-label-stack-header.h"

#include <catch2/catch.hpp>

#include <sstream>

using namespace ns3;

namespace
{
/// Checks frame 1's IPv4/UDP layers.
void
CheckUdp(const decode::Frame& f,
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
        auto cap = decode::ReadCapture(corpus::File("tcpdump/RADIUS-RFC4675.pcap"));
        REQUIRE(cap.ok);
        CHECK(cap.linkType == decode::LINKTYPE_LINUX_SLL);
        REQUIRE(cap.frames.size() == 6);
        CheckUdp(cap.frames[0], "127.0.0.1", "127.0.0.1", 53334, 1812, 88);
    }
    SECTION("BSD loopback: radius_localhost.pcap (19 frames)")
    {
        auto cap = decode::ReadCapture(corpus::File("zeek/radius_localhost.pcap"));
        REQUIRE(cap.ok);
        CHECK(cap.linkType == decode::LINKTYPE_NULL);
        REQUIRE(cap.frames.size() == 19);
        CheckUdp(cap.frames[0], "127.0.0.1", "127.0.0.1", 53031, 1812, 95);
    }
    SECTION("Ethernet / PPPoE session / PPP: packetnet l2tp.pcap")
    {
        auto cap = decode::ReadCapture(corpus::File("packetnet/l2tp.pcap"));
        REQUIRE(cap.ok);
        REQUIRE(cap.frames.size() == 1);
        CHECK(cap.frames[0].pppProtocol == 0x0021);
        CheckUdp(cap.frames[0], "109.6.1.72", "95.136.242.99", 1701, 1701, 32);
    }
    SECTION("Ethernet: xl2tpd-noauth.pcap (25 frames)")
    {
        auto cap = decode::ReadCapture(corpus::File("generated/xl2tpd-noauth.pcap"));
        REQUIRE(cap.ok);
        REQUIRE(cap.frames.size() == 25);
        CheckUdp(cap.frames[0], "127.0.0.2", "127.0.0.1", 1701, 1701, 107);
    }
    SECTION("PPP without ff 03, as ns-3 writes it: ppp-dlt9-ns3-style-mpls.pcap")
    {
        auto cap =
            decode::ReadCapture(corpus::File("synthetic/ppp-dlt9-ns3-style-mpls.pcap"));
        REQUIRE(cap.ok);
        CHECK(cap.linkType == decode::LINKTYPE_PPP);
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
            REQUIRE(f.etherType == decode::ETHERTYPE_MPLS);
            Ptr<Packet> p = f.linkPayload->Copy();
            mpls::LabelStack stack;
            p->RemoveHeader(stack);
            REQUIRE(stack.IsValid());
            REQUIRE(stack.GetDepth() == labels[k].size());
            for (std::size_t d = 0; d < labels[k].size(); ++d)
            {
                CHECK(stack.GetEntry(d).GetLabel() == labels[k][d]);
            }
            decode::Frame inner;
            inner.ipv4 = decode::DecodeIpv4(p);
            CheckUdp(inner, "10.1.1.1", "10.1.1.2", 49153, 9, 17);
        }
    }
    SECTION("pcapng, Ethernet: OSPFv2_Capture_FINAL.pcapng (30 frames)")
    {
        auto cap = decode::ReadCapture(corpus::File("tcpdump/OSPFv2_Capture_FINAL.pcapng"));
        REQUIRE(cap.ok);
        CHECK(cap.error.empty());
        CHECK(cap.format == decode::CaptureFormat::PCAPNG);
        CHECK(cap.linkType == decode::LINKTYPE_ETHERNET);
        REQUIRE(cap.frames.size() == 30);
        // tshark -e ip.src: the three routers .5, .4 and .42 in this order.
        const std::string sources = "5 4 42 4 42 4 42 42 4 42 4 42 4 42 5 42 5 42 42 5 4 42 4 5 "
                                    "42 42 5 4 42 5";
        std::istringstream expected(sources);
        for (const auto& f : cap.frames)
        {
            INFO("frame " << f.number);
            REQUIRE(f.ipv4.present);
            CHECK(f.ipv4.ip.GetProtocol() == 89);
            int host = 0;
            expected >> host;
            CHECK(f.ipv4.ip.GetSource().Get() == (Ipv4Address("192.168.121.0").Get() | host));
        }
        // tshark: frame 1 at 1518622219.014914, frame 30 at 1518622238.733366.
        CHECK(cap.frames[0].seconds == 1518622219);
        CHECK(cap.frames[0].nanoseconds == 14914000);
        CHECK(cap.frames[29].seconds == 1518622238);
        CHECK(cap.frames[29].nanoseconds == 733366000);
        CHECK(cap.frames[0].originalLength == 142);
        CHECK(cap.frames[0].bytes.size() == 142);
    }
    SECTION("pcapng, BSD loopback: ospf2-seg-fault-1.pcapng")
    {
        auto cap = decode::ReadCapture(corpus::File("tcpdump/ospf2-seg-fault-1.pcapng"));
        REQUIRE(cap.ok);
        CHECK(cap.linkType == decode::LINKTYPE_NULL);
        REQUIRE(cap.frames.size() == 1);
        REQUIRE(cap.frames[0].ipv4.present);
        CHECK(cap.frames[0].ipv4.ip.GetSource() == Ipv4Address("40.35.1.2"));
        CHECK(cap.frames[0].seconds == 1063049700);
        CHECK(cap.frames[0].nanoseconds == 904198000);
    }
    SECTION("pcapng with a Name Resolution Block: dhcp-fuzz.pcapng")
    {
        decode::CaptureReader reader;
        REQUIRE(reader.Open(corpus::File("ndpi/dhcp-fuzz.pcapng")));
        decode::CaptureRecord record;
        REQUIRE(reader.Next(record));
        CHECK(record.linkType == decode::LINKTYPE_ETHERNET);
        CHECK(record.bytes.size() == 342);
        CHECK_FALSE(reader.Next(record));
        CHECK(reader.GetError().empty());
        CHECK(reader.GetSkippedBlocks() == 1);
        auto frame = decode::DecodeRecord(record, 1);
        REQUIRE(frame.ipv4.hasUdp);
        CHECK(frame.ipv4.udp.GetSourcePort() == 68);
        CHECK(frame.ipv4.udp.GetDestinationPort() == 67);
    }
    SECTION("classic pcap timestamps: radius_localhost.pcap")
    {
        auto cap = decode::ReadCapture(corpus::File("zeek/radius_localhost.pcap"));
        REQUIRE(cap.ok);
        CHECK(cap.format == decode::CaptureFormat::PCAP);
        REQUIRE(cap.frames.size() == 19);
        CHECK(cap.frames[0].seconds == 1440447766);
        CHECK(cap.frames[0].nanoseconds == 440305000);
        CHECK(cap.frames[18].seconds == 1440448190);
        CHECK(cap.frames[18].nanoseconds == 335850000);
    }
    SECTION("files that are not captures are refused with an error")
    {
        auto missing = decode::ReadCapture(corpus::File("no-such-file.pcap"));
        CHECK_FALSE(missing.ok);
        CHECK_FALSE(missing.error.empty());
        auto text = decode::ReadCapture(std::string(IPVPN_SOURCE_DIR) + "/README.md");
        CHECK_FALSE(text.ok);
        CHECK(text.error.find("not a capture") != std::string::npos);
    }
}
