// SPDX-License-Identifier: GPL-2.0-only
//
// Malformed and fuzzed LDP captures from the shared corpus must be rejected
// cleanly: flagged with a status code, never a crash or an endless loop.
// Expected values come from tshark 4.0's decode of the same files.
#include "ldp-test-util.h"

#include <catch2/catch.hpp>

#include <random>
#include <sstream>

using namespace ns3;
using namespace ns3::ldp;
using ns3::ldptest::LdpPayload;
using ns3::ldptest::SplitPdus;
using ns3::ldptest::TypedReencode;

TEST_CASE("LDP zero-length messages in ldp-infinite-loop.pcap are rejected cleanly", "[ldp]")
{
    auto cap = decode::ReadCapture(corpus::File("tcpdump/ldp-infinite-loop.pcap"));
    REQUIRE(cap.ok);
    REQUIRE(cap.linkType == decode::LINKTYPE_LINUX_SLL);
    REQUIRE(cap.frames.size() == 5);

    // tshark: UDP to port 646 from ports 45307, 34115, 13504, 18327, 57100,
    // 18 payload bytes each; LDP version 1, PDU length 65535, LSR ID
    // 255.255.255.255, label space 65535; "Message Length: length is 0,
    // should be >= 4".
    const std::vector<uint16_t> sourcePorts{45307, 34115, 13504, 18327, 57100};
    for (std::size_t k = 0; k < cap.frames.size(); ++k)
    {
        const auto& f = cap.frames[k];
        INFO("frame " << f.number);
        REQUIRE(f.ipv4.hasUdp);
        CHECK(f.ipv4.udp.GetSourcePort() == sourcePorts[k]);
        auto payload = LdpPayload(f);
        REQUIRE(payload.size() == 18);

        auto pdus = SplitPdus(payload);
        REQUIRE(pdus.size() == 1);
        CHECK_FALSE(pdus[0].IsValid());
        CHECK(pdus[0].GetStatus() == STATUS_BAD_PDU_LENGTH);
        PduHeader header = pdus[0].GetHeader();
        CHECK(header.GetVersion() == 1);
        CHECK(header.GetPduLength() == 65535);
        CHECK(header.GetLsrId() == Ipv4Address("255.255.255.255"));
        CHECK(header.GetLabelSpace() == 65535);

        // The message tshark complains about, decoded on its own.
        Message message;
        Ptr<Packet> rest = decode::MakePacket(payload);
        rest->RemoveAtStart(PDU_HEADER_SIZE);
        CHECK(rest->RemoveHeader(message) == 8);
        CHECK_FALSE(message.IsValid());
        CHECK(message.GetStatus() == STATUS_BAD_MESSAGE_LENGTH);
        CHECK(message.HasFramingError());
    }
}

TEST_CASE("LDP Hello with overrunning lengths in ldp_tlv_print-oobr.pcap is rejected cleanly",
          "[ldp]")
{
    auto cap = decode::ReadCapture(corpus::File("tcpdump/ldp_tlv_print-oobr.pcap"));
    REQUIRE(cap.ok);
    REQUIRE(cap.frames.size() == 1);
    const auto& f = cap.frames[0];

    // tshark: IPv4 Total Length 12336 (the frame was cut at capture), UDP
    // 12336 -> 646 "Length: 12336 (bogus)", 34 UDP payload bytes; LDP PDU
    // length 12336 from 48.48.48.48:12336; Hello ID 0x30303030, length 20,
    // unknown TLV 0x3030 (U=0, F=0, value 30303030), IPv4 Transport Address
    // 48.48.48.48, and no Common Hello Parameters.
    REQUIRE(f.ipv4.present);
    CHECK(f.ipv4.truncated);
    REQUIRE(f.ipv4.hasUdp);
    CHECK(f.ipv4.l4LengthBogus);
    auto payload = LdpPayload(f);
    REQUIRE(payload.size() == 34);

    auto pdus = SplitPdus(payload);
    REQUIRE(pdus.size() == 1);
    CHECK(pdus[0].GetStatus() == STATUS_BAD_PDU_LENGTH);
    CHECK(pdus[0].GetHeader().GetPduLength() == 12336);
    CHECK(pdus[0].GetLsrId() == Ipv4Address("48.48.48.48"));

    Message message;
    Ptr<Packet> rest = decode::MakePacket(payload);
    rest->RemoveAtStart(PDU_HEADER_SIZE);
    CHECK(rest->RemoveHeader(message) == 24);
    REQUIRE(message.IsValid()); // the message framing itself is sound
    CHECK(message.GetType() == MSG_HELLO);
    CHECK(message.GetMessageId() == 0x30303030);
    HelloMessage hello;
    CHECK_FALSE(hello.LoadFrom(message));
    CHECK(hello.GetStatus() == STATUS_MISSING_MESSAGE_PARAMETERS);
    CHECK(hello.GetTransportAddress() == Ipv4Address("48.48.48.48"));
    REQUIRE(hello.GetOtherParameters().size() == 1);
    const Tlv& unknown = hello.GetOtherParameters()[0];
    CHECK(unknown.type == 0x3030);
    CHECK_FALSE(unknown.uBit); // RFC 5036 section 3.3: answer "Unknown TLV"
    CHECK_FALSE(unknown.fBit);
    CHECK(unknown.value == std::vector<uint8_t>{0x30, 0x30, 0x30, 0x30});
}

TEST_CASE("LDP and capture decoding survive truncated and mutated LDP captures", "[ldp]")
{
    std::mt19937 rng(646);
    std::uniform_int_distribution<int> byte(0, 255);
    for (const char* file : {"tcpdump/ldp-infinite-loop.pcap",
                             "tcpdump/ldp_tlv_print-oobr.pcap",
                             "tcpdump/mpls-ldp-hello.pcap",
                             "tcpdump/ldp-common-session.pcap"})
    {
        INFO(file);
        auto cap = decode::ReadCapture(corpus::File(file));
        REQUIRE(cap.ok);
        for (const auto& original : cap.frames)
        {
            for (std::size_t cut = 0; cut <= original.bytes.size(); cut += 3)
            {
                std::vector<uint8_t> bytes(original.bytes.begin(), original.bytes.begin() + cut);
                auto frame = decode::DecodeFrame(cap.linkType, bytes);
                const auto& ip = frame.ipv4;
                if (ip.l4Payload)
                {
                    for (const auto& pdu : SplitPdus(decode::PacketBytes(ip.l4Payload)))
                    {
                        std::ostringstream os;
                        os << pdu;
                    }
                }
            }
            // Random byte changes anywhere in the frame, headers included.
            for (int round = 0; round < 40 && !original.bytes.empty(); ++round)
            {
                auto bytes = original.bytes;
                std::uniform_int_distribution<std::size_t> pos(0, bytes.size() - 1);
                for (int k = 0; k < 1 + round % 5; ++k)
                {
                    bytes[pos(rng)] = byte(rng);
                }
                auto frame = decode::DecodeFrame(cap.linkType, bytes);
                if (frame.ipv4.l4Payload)
                {
                    for (const auto& pdu : SplitPdus(decode::PacketBytes(frame.ipv4.l4Payload)))
                    {
                        for (const auto& m : pdu.GetMessages())
                        {
                            std::vector<uint8_t> reencoded;
                            TypedReencode(m, reencoded);
                        }
                    }
                }
            }
        }
    }
}
