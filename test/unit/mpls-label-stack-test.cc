// SPDX-License-Identifier: GPL-2.0-only
#include "codec-test-util.h"
#include "corpus-test-util.h"

#include "ns3/ipvpn-capture-reader.h"
#include "ns3/mpls-label-stack-header.h"

#include <catch2/catch.hpp>

#include <random>
#include <sstream>

using namespace ns3;
using namespace ns3::mpls;
using ns3::codectest::Decode;
using ns3::codectest::Encode;

TEST_CASE("MPLS reserved labels have the RFC 3032 / RFC 7274 values", "[mpls]")
{
    CHECK(LABEL_IPV4_EXPLICIT_NULL == 0);
    CHECK(LABEL_ROUTER_ALERT == 1);
    CHECK(LABEL_IPV6_EXPLICIT_NULL == 2);
    CHECK(LABEL_IMPLICIT_NULL == 3);
    CHECK(LABEL_ENTROPY_LABEL_INDICATOR == 7);
    CHECK(LABEL_GAL == 13);
    CHECK(LABEL_OAM_ALERT == 14);
    CHECK(LABEL_EXTENSION == 15);
    CHECK(IsReservedLabel(0));
    CHECK(IsReservedLabel(15));
    CHECK_FALSE(IsReservedLabel(MIN_UNRESERVED_LABEL));
    CHECK(MAX_LABEL == 1048575);
}

TEST_CASE("MPLS label stack entry round-trips every field", "[mpls]")
{
    for (uint32_t label : {0U, 3U, 16U, 16000U, 100704U, MAX_LABEL})
    {
        for (uint8_t tc : {0, 5, 7})
        {
            for (bool bos : {false, true})
            {
                for (uint8_t ttl : {0, 1, 64, 255})
                {
                    LabelStackEntry in(label, tc, bos, ttl);
                    auto bytes = Encode(in);
                    REQUIRE(bytes.size() == 4);
                    LabelStackEntry out;
                    CHECK(Decode(out, bytes) == 4);
                    CHECK(out.IsValid());
                    CHECK(out == in);
                    CHECK(LabelStackEntry::FromWord(in.ToWord()) == in);
                }
            }
        }
    }
}

TEST_CASE("MPLS label stack entry matches fixed capture bytes", "[mpls]")
{
    // pcapplusplus/MplsPackets.pcap frame 1: tshark decodes "03 e8 01 7e" as
    // Label 16000, Exp 0, S 1, TTL 126.
    std::vector<uint8_t> wire{0x03, 0xe8, 0x01, 0x7e};
    LabelStackEntry e;
    REQUIRE(Decode(e, wire) == 4);
    CHECK(e.GetLabel() == 16000);
    CHECK(e.GetTrafficClass() == 0);
    CHECK(e.IsBottomOfStack());
    CHECK(e.GetTtl() == 126);
    CHECK(Encode(LabelStackEntry(16000, 0, true, 126)) == wire);

    std::ostringstream os;
    e.Print(os);
    CHECK(os.str() == "label=16000 tc=0 s=1 ttl=126");
}

TEST_CASE("MPLS label stack entry flags a short buffer", "[mpls]")
{
    LabelStackEntry e(99, 1, true, 9);
    CHECK(Decode(e, {0x00, 0x01, 0x10}) == 0);
    CHECK_FALSE(e.IsValid());
}

TEST_CASE("MPLS label stack push, pop and append keep the S bits", "[mpls]")
{
    LabelStack stack;
    CHECK(stack.IsEmpty());
    stack.Push(300, 0, 64); // bottom
    stack.Push(200, 2, 63); // top
    REQUIRE(stack.GetDepth() == 2);
    CHECK(stack.GetTop().GetLabel() == 200);
    CHECK_FALSE(stack.GetEntry(0).IsBottomOfStack());
    CHECK(stack.GetEntry(1).IsBottomOfStack());

    stack.Append(LabelStackEntry(400, 0, false, 1));
    REQUIRE(stack.GetDepth() == 3);
    CHECK_FALSE(stack.GetEntry(1).IsBottomOfStack());
    CHECK(stack.GetEntry(2).IsBottomOfStack());

    stack.Pop();
    CHECK(stack.GetTop().GetLabel() == 300);
    stack.Pop();
    stack.Pop();
    CHECK(stack.IsEmpty());
    stack.Pop(); // no-op on an empty stack
    CHECK(stack.IsEmpty());
}

TEST_CASE("MPLS label stack round-trips through a packet", "[mpls]")
{
    LabelStack in;
    in.Push(LABEL_IPV4_EXPLICIT_NULL, 0, 255);
    in.Push(20065, 3, 254);
    in.Push(16, 7, 1);
    auto bytes = Encode(in);
    REQUIRE(bytes.size() == 12);

    // Payload behind the stack must not be read as labels.
    bytes.insert(bytes.end(), {0x45, 0x00, 0x00, 0x14});
    LabelStack out;
    CHECK(Decode(out, bytes) == 12);
    CHECK(out.IsValid());
    CHECK(out == in);
    CHECK(out.GetEntry(2).GetLabel() == LABEL_IPV4_EXPLICIT_NULL);
}

TEST_CASE("MPLS label stack without bottom of stack is flagged, not asserted", "[mpls]")
{
    LabelStack stack;
    SECTION("two entries, neither with S")
    {
        CHECK(Decode(stack, {0x00, 0x01, 0x00, 0x40, 0x00, 0x02, 0x00, 0x40}) == 8);
        CHECK_FALSE(stack.IsValid());
        CHECK(stack.GetError() == LabelStack::NO_BOTTOM_OF_STACK);
        CHECK(stack.GetDepth() == 2);
    }
    SECTION("one entry then three stray bytes")
    {
        CHECK(Decode(stack, {0x00, 0x01, 0x00, 0x40, 0x00, 0x02, 0x01}) == 4);
        CHECK(stack.GetError() == LabelStack::NO_BOTTOM_OF_STACK);
    }
    SECTION("less than one entry")
    {
        CHECK(Decode(stack, {0x00, 0x01}) == 0);
        CHECK(stack.GetError() == LabelStack::EMPTY);
    }
    SECTION("nothing at all")
    {
        CHECK(Decode(stack, {}) == 0);
        CHECK(stack.GetError() == LabelStack::EMPTY);
    }
}

TEST_CASE("MPLS label stack survives random bytes", "[mpls]")
{
    std::mt19937 rng(3032);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<int> length(0, 64);
    for (int round = 0; round < 2000; ++round)
    {
        std::vector<uint8_t> data(length(rng));
        for (auto& b : data)
        {
            b = byte(rng);
        }
        LabelStack stack;
        uint32_t used = Decode(stack, data);
        CHECK(used <= data.size());
        CHECK(used == 4 * stack.GetDepth());
        if (stack.IsValid())
        {
            CHECK(stack.GetEntries().back().IsBottomOfStack());
            CHECK(Encode(stack) == std::vector<uint8_t>(data.begin(), data.begin() + used));
        }
    }
}

TEST_CASE("MPLS stacks in PcapPlusPlus MplsPackets.pcap match tshark", "[mpls]")
{
    auto cap = decode::ReadCapture(corpus::File("pcapplusplus/MplsPackets.pcap"));
    REQUIRE(cap.ok);
    REQUIRE(cap.linkType == decode::LINKTYPE_ETHERNET);
    REQUIRE(cap.frames.size() == 2);

    // Frame 1, per tshark: QinQ (vlan.id 215, 11), MPLS label 16000 exp 0
    // S 1 TTL 126, then IPv4 2.3.4.6 -> 12.13.14.15 TTL 126, TCP 20636 -> 80
    // with 295 payload bytes (HTTP GET).
    const auto& f1 = cap.frames[0];
    CHECK(f1.vlanIds == std::vector<uint16_t>{215, 11});
    REQUIRE(f1.etherType == decode::ETHERTYPE_MPLS);
    Ptr<Packet> p = f1.linkPayload->Copy();
    LabelStack s1;
    CHECK(p->RemoveHeader(s1) == 4);
    REQUIRE(s1.IsValid());
    REQUIRE(s1.GetDepth() == 1);
    CHECK(s1.GetTop() == LabelStackEntry(16000, 0, true, 126));
    auto ip = decode::DecodeIpv4(p);
    REQUIRE(ip.present);
    CHECK(ip.ip.GetSource() == Ipv4Address("2.3.4.6"));
    CHECK(ip.ip.GetDestination() == Ipv4Address("12.13.14.15"));
    CHECK(ip.ip.GetTtl() == 126);
    REQUIRE(ip.hasTcp);
    CHECK(ip.tcp.GetSourcePort() == 20636);
    CHECK(ip.tcp.GetDestinationPort() == 80);
    CHECK(ip.l4Payload->GetSize() == 295);

    // Frame 2, per tshark: labels 18 (exp 0, S 0, TTL 254) and 16 (exp 0,
    // S 1, TTL 255) in front of a pseudowire control word.
    const auto& f2 = cap.frames[1];
    CHECK(f2.vlanIds.empty());
    REQUIRE(f2.etherType == decode::ETHERTYPE_MPLS);
    LabelStack s2;
    REQUIRE(f2.linkPayload->PeekHeader(s2) == 8);
    REQUIRE(s2.IsValid());
    REQUIRE(s2.GetDepth() == 2);
    CHECK(s2.GetEntry(0) == LabelStackEntry(18, 0, false, 254));
    CHECK(s2.GetEntry(1) == LabelStackEntry(16, 0, true, 255));
    // Re-encoding gives the captured bytes back.
    auto captured = decode::PacketBytes(f2.linkPayload);
    CHECK(Encode(s2) == std::vector<uint8_t>(captured.begin(), captured.begin() + 8));
}

TEST_CASE("MPLS stacks in synthetic eth-mpls-8847.pcap match tshark", "[mpls]")
{
    auto cap = decode::ReadCapture(corpus::File("synthetic/eth-mpls-8847.pcap"));
    REQUIRE(cap.ok);
    REQUIRE(cap.frames.size() == 3);

    // tshark: frame 1 label 16 (exp 0, S 1, TTL 64); frame 2 labels 17, 18
    // (S 0 then 1, TTL 64); frame 3 plain IPv4. All three carry UDP
    // 49153 -> 9 with payload "hello-ns3" from 10.1.1.1 to 10.1.1.2.
    const std::vector<std::vector<uint32_t>> labels{{16}, {17, 18}, {}};
    const std::string hello = "hello-ns3";
    for (std::size_t k = 0; k < 3; ++k)
    {
        const auto& f = cap.frames[k];
        INFO("frame " << f.number);
        Ptr<Packet> p = f.linkPayload->Copy();
        if (labels[k].empty())
        {
            CHECK(f.etherType == decode::ETHERTYPE_IPV4);
            CHECK(f.ipv4.present);
        }
        else
        {
            REQUIRE(f.etherType == decode::ETHERTYPE_MPLS);
            LabelStack stack;
            p->RemoveHeader(stack);
            REQUIRE(stack.IsValid());
            REQUIRE(stack.GetDepth() == labels[k].size());
            for (std::size_t d = 0; d < labels[k].size(); ++d)
            {
                CHECK(stack.GetEntry(d).GetLabel() == labels[k][d]);
                CHECK(stack.GetEntry(d).GetTtl() == 64);
                CHECK(stack.GetEntry(d).GetTrafficClass() == 0);
            }
        }
        auto ip = decode::DecodeIpv4(p);
        REQUIRE(ip.present);
        CHECK(ip.ip.GetSource() == Ipv4Address("10.1.1.1"));
        CHECK(ip.ip.GetDestination() == Ipv4Address("10.1.1.2"));
        REQUIRE(ip.hasUdp);
        CHECK(ip.udp.GetSourcePort() == 49153);
        CHECK(ip.udp.GetDestinationPort() == 9);
        CHECK_FALSE(ip.l4LengthBogus);
        auto payload = decode::PacketBytes(ip.l4Payload);
        CHECK(std::string(payload.begin(), payload.end()) == hello);
    }
}
