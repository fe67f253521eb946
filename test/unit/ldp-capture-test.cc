// SPDX-License-Identifier: GPL-2.0-only
//
// LDP decoding of real captures from the shared corpus. Every expected value
// below was read from tshark 4.0's decode of the same file, e.g.
//   tshark -r ldp-common-session.pcap -T fields -e frame.number
//          -e ldp.hdr.pdu_len -e ldp.msg.type -e ldp.msg.id
//          -e ldp.msg.tlv.fec.pfval -e ldp.msg.tlv.generic.label
#include "ldp-test-util.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <sstream>

using namespace ns3;
using namespace ns3::ldp;
using ns3::codectest::Encode;
using ns3::ldptest::LdpPayload;
using ns3::ldptest::SplitPdus;
using ns3::ldptest::TypedReencode;

namespace
{
struct FrameExpectation
{
    std::vector<uint16_t> pduLengths;
    std::vector<uint16_t> types;
    std::vector<uint32_t> ids;
};

/// A label message as tshark shows it.
struct LabelExpectation
{
    uint16_t type;
    const char* prefix; ///< all FECs in the file are one IPv4 /32 prefix
    uint32_t label;
    int hopCount; ///< -1: no Hop Count TLV
    std::vector<const char*> pathVector;
};
} // namespace

TEST_CASE("LDP session in ldp-common-session.pcap decodes as tshark shows", "[ldp]")
{
    auto cap = decode::ReadCapture(corpus::File("tcpdump/ldp-common-session.pcap"));
    REQUIRE(cap.ok);
    REQUIRE(cap.linkType == decode::LINKTYPE_ETHERNET);
    REQUIRE(cap.frames.size() == 22);

    // tshark: ldp.hdr.pdu_len, ldp.msg.type and ldp.msg.id per frame.
    const uint16_t lm = MSG_LABEL_MAPPING;
    const std::map<uint32_t, FrameExpectation> expected{
        {1, {{28}, {0x0001}, {0xfffffff9}}},
        {3, {{38}, {0x0100}, {0x38}}},
        {4, {{38}, {0x0100}, {0x38}}},
        {5, {{38}, {0x0100}, {0x00}}},
        {6, {{38}, {0x0100}, {0x38}}},
        {8, {{37}, {0x0200}, {0x01}}},
        {9, {{14}, {0x0201}, {0x02}}},
        {10, {{56, 68, 211}, {0x0300, 0x0300, lm, lm, lm, lm, lm}, {3, 4, 5, 6, 7, 8, 9}}},
        {12,
         {{48, 48, 48, 48, 48},
          {0x0403, 0x0403, 0x0403, 0x0403, 0x0403},
          {0x0a, 0x0b, 0x0c, 0x0d, 0x0e}}},
        {13,
         {{371},
          {lm, lm, lm, lm, lm, 0x0402, 0x0402, 0x0402, 0x0402, 0x0402},
          {0x0f, 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18}}},
        {14, {{38}, {0x0100}, {0x00}}},
        {16, {{211}, {lm, lm, lm, lm, lm}, {0x19, 0x1a, 0x1b, 0x1c, 0x1d}}},
        {17, {{38}, {0x0100}, {0x38}}},
        {18, {{38}, {0x0100}, {0x00}}},
        {19, {{38}, {0x0100}, {0x38}}},
        {20, {{14}, {0x0201}, {0x1e}}},
        {22, {{38}, {0x0100}, {0x00}}},
    };
    // tshark: vlan.id 202 on the Hellos from 12.1.3.2.
    const std::vector<uint32_t> vlanFrames{3, 4, 6, 17, 19};

    std::vector<Message> all;
    for (const auto& frame : cap.frames)
    {
        INFO("frame " << frame.number);
        bool tagged =
            std::find(vlanFrames.begin(), vlanFrames.end(), frame.number) != vlanFrames.end();
        CHECK(frame.vlanIds == (tagged ? std::vector<uint16_t>{202} : std::vector<uint16_t>{}));
        REQUIRE(frame.ipv4.present);

        auto payload = LdpPayload(frame);
        auto it = expected.find(frame.number);
        if (it == expected.end())
        {
            CHECK(payload.empty()); // bare TCP segments (SYN, ACK, FIN)
            continue;
        }
        auto pdus = SplitPdus(payload);
        REQUIRE(pdus.size() == it->second.pduLengths.size());
        std::vector<uint16_t> types;
        std::vector<uint32_t> ids;
        std::vector<uint8_t> reencoded;
        for (std::size_t k = 0; k < pdus.size(); ++k)
        {
            CHECK(pdus[k].IsValid());
            CHECK(pdus[k].GetHeader().GetVersion() == 1);
            CHECK(pdus[k].GetHeader().GetPduLength() == it->second.pduLengths[k]);
            CHECK(pdus[k].GetLabelSpace() == 0);
            for (const auto& m : pdus[k].GetMessages())
            {
                CHECK(m.IsValid());
                CHECK_FALSE(m.GetUnknownBit());
                types.push_back(m.GetType());
                ids.push_back(m.GetMessageId());
                all.push_back(m);
            }
            auto bytes = Encode(pdus[k]);
            reencoded.insert(reencoded.end(), bytes.begin(), bytes.end());
        }
        CHECK(types == it->second.types);
        CHECK(ids == it->second.ids);
        CHECK(reencoded == payload); // byte-exact re-encoding
    }

    // Every message also re-encodes byte for byte through its typed class.
    // The one exception to validity is the IPv6 Address message (below).
    for (const auto& m : all)
    {
        INFO(m);
        std::vector<uint8_t> typedBytes;
        uint32_t status = TypedReencode(m, typedBytes);
        CHECK(typedBytes == Encode(m));
        if (m.GetMessageId() != 4)
        {
            CHECK(status == STATUS_SUCCESS);
        }
    }
}

TEST_CASE("LDP session messages in ldp-common-session.pcap carry tshark's values", "[ldp]")
{
    auto cap = decode::ReadCapture(corpus::File("tcpdump/ldp-common-session.pcap"));
    REQUIRE(cap.frames.size() == 22);
    auto firstMessage = [&](uint32_t frame) {
        auto pdus = SplitPdus(LdpPayload(cap.frames.at(frame - 1)));
        REQUIRE_FALSE(pdus.empty());
        REQUIRE(pdus[0].GetNMessages() > 0);
        return std::make_pair(pdus[0], pdus[0].GetMessages()[0]);
    };

    // Frame 1: Notification, Status "Shutdown" (0xA), E=1, F=0, for message
    // ID 0 / type 0; PDU from LSR 192.168.0.2.
    auto [pdu1, msg1] = firstMessage(1);
    CHECK(pdu1.GetLsrId() == Ipv4Address("192.168.0.2"));
    NotificationMessage notification;
    REQUIRE(notification.LoadFrom(msg1));
    CHECK(notification.GetStatusTlv().statusData == STATUS_SHUTDOWN);
    CHECK(notification.GetStatusTlv().fatal);
    CHECK_FALSE(notification.GetStatusTlv().forward);

    // Frames 3 and 5: link Hellos, hold time 15, transport address equal to
    // the LSR ID (172.168.0.2 / 192.168.0.2), plus Dual-Stack capability
    // TLV 0x0701 flagged U=1 F=0 with value 40000000.
    for (auto [frame, lsr] : {std::make_pair(3U, "172.168.0.2"), std::make_pair(5U, "192.168.0.2")})
    {
        INFO("frame " << frame);
        auto [pdu, msg] = firstMessage(frame);
        CHECK(pdu.GetLsrId() == Ipv4Address(lsr));
        HelloMessage hello;
        REQUIRE(hello.LoadFrom(msg));
        CHECK(hello.GetHelloParams().holdTime == 15);
        CHECK_FALSE(hello.GetHelloParams().targeted);
        CHECK_FALSE(hello.GetHelloParams().requestTargeted);
        CHECK(hello.GetTransportAddress() == Ipv4Address(lsr));
        CHECK_FALSE(hello.HasConfigSequenceNumber());
        REQUIRE(hello.GetOtherParameters().size() == 1);
        CHECK(hello.GetOtherParameters()[0].type == 0x0701);
        CHECK(hello.GetOtherParameters()[0].uBit);
        CHECK_FALSE(hello.GetOtherParameters()[0].fBit);
    }

    // Frame 8: Initialization, KeepAlive 30, Downstream Unsolicited, loop
    // detection on, PVLim 32, max PDU 0, receiver 192.168.0.1:0, plus Typed
    // Wildcard FEC Capability TLV 0x050B (U=1 F=0, value 80).
    auto [pdu8, msg8] = firstMessage(8);
    InitializationMessage init;
    REQUIRE(init.LoadFrom(msg8));
    const auto& session = init.GetSessionParams();
    CHECK(session.protocolVersion == 1);
    CHECK(session.keepAliveTime == 30);
    CHECK_FALSE(session.downstreamOnDemand);
    CHECK(session.loopDetection);
    CHECK(session.pathVectorLimit == 32);
    CHECK(session.maxPduLength == 0);
    CHECK(session.receiverLsrId == Ipv4Address("192.168.0.1"));
    REQUIRE(init.GetOtherParameters().size() == 1);
    CHECK(init.GetOtherParameters()[0] == Tlv(0x050B, {0x80}, true, false));

    // Frame 10: Address message ID 3 lists nine IPv4 addresses; message ID 4
    // lists IPv6 (family 2) addresses, which this module reports as
    // "Unsupported Address Family" while keeping the bytes.
    auto pdus10 = SplitPdus(LdpPayload(cap.frames.at(9)));
    REQUIRE(pdus10.size() == 3);
    AddressMessage v4;
    REQUIRE(v4.LoadFrom(pdus10[0].GetMessages()[0]));
    const std::vector<Ipv4Address> addresses{Ipv4Address("26.0.0.2"),
                                             Ipv4Address("12.0.0.2"),
                                             Ipv4Address("23.0.0.2"),
                                             Ipv4Address("192.168.0.2"),
                                             Ipv4Address("192.168.1.2"),
                                             Ipv4Address("192.168.2.2"),
                                             Ipv4Address("192.168.3.2"),
                                             Ipv4Address("192.168.4.2"),
                                             Ipv4Address("192.168.5.2")};
    CHECK(v4.GetAddresses() == addresses);
    AddressMessage v6;
    CHECK_FALSE(v6.LoadFrom(pdus10[1].GetMessages()[0]));
    CHECK(v6.GetStatus() == STATUS_UNSUPPORTED_ADDRESS_FAMILY);
    CHECK(v6.GetAddressList().family == 2);
    CHECK(v6.GetAddressList().otherFamilyBytes.size() == 3 * 16);
}

TEST_CASE("LDP label messages in ldp-common-session.pcap carry tshark's FECs and labels", "[ldp]")
{
    auto cap = decode::ReadCapture(corpus::File("tcpdump/ldp-common-session.pcap"));
    REQUIRE(cap.frames.size() == 22);

    // tshark: ldp.msg.tlv.fec.pfval (all FEC element length 32),
    // ldp.msg.tlv.generic.label, ldp.msg.tlv.hc.value, ldp.msg.tlv.pv.lsrid.
    const char* r2 = "192.168.0.2";
    const char* r1 = "192.168.0.1";
    std::vector<LabelExpectation> expected;
    for (const char* p :
         {"192.168.0.2", "192.168.1.2", "192.168.2.2", "192.168.3.2", "192.168.4.2"})
    {
        expected.push_back({MSG_LABEL_MAPPING, p, 3, 1, {r2}}); // frame 10
    }
    for (const char* p :
         {"192.168.0.2", "192.168.1.2", "192.168.2.2", "192.168.3.2", "192.168.4.2"})
    {
        expected.push_back({MSG_LABEL_RELEASE, p, 20066, -1, {}}); // frame 12
    }
    for (const char* p :
         {"192.168.0.1", "192.168.1.1", "192.168.2.1", "192.168.3.1", "192.168.4.1"})
    {
        expected.push_back({MSG_LABEL_MAPPING, p, 20065, 2, {r1, r2}}); // frame 13
    }
    for (const char* p :
         {"192.168.0.3", "192.168.1.3", "192.168.2.3", "192.168.3.3", "192.168.4.3"})
    {
        expected.push_back({MSG_LABEL_WITHDRAW, p, 20066, -1, {}}); // frame 13
    }
    for (const char* p :
         {"192.168.0.3", "192.168.1.3", "192.168.2.3", "192.168.3.3", "192.168.4.3"})
    {
        expected.push_back({MSG_LABEL_MAPPING, p, 20066, 0, {r2}}); // frame 16
    }

    std::vector<Message> labelMessages;
    for (const auto& frame : cap.frames)
    {
        for (const auto& pdu : SplitPdus(LdpPayload(frame)))
        {
            for (const auto& m : pdu.GetMessages())
            {
                if (m.GetType() >= MSG_LABEL_MAPPING && m.GetType() <= MSG_LABEL_ABORT_REQUEST)
                {
                    labelMessages.push_back(m);
                }
            }
        }
    }
    REQUIRE(labelMessages.size() == expected.size());

    for (std::size_t k = 0; k < expected.size(); ++k)
    {
        const auto& want = expected[k];
        const auto& m = labelMessages[k];
        INFO("label message " << k << ": " << m);
        REQUIRE(m.GetType() == want.type);
        FecTlv fec;
        uint32_t label = 0;
        if (want.type == MSG_LABEL_MAPPING)
        {
            LabelMappingMessage mapping;
            REQUIRE(mapping.LoadFrom(m));
            fec = mapping.GetFec();
            label = mapping.GetLabel();
            REQUIRE(mapping.HasHopCount());
            CHECK(mapping.GetHopCount() == want.hopCount);
            std::vector<Ipv4Address> path;
            for (const char* id : want.pathVector)
            {
                path.emplace_back(id);
            }
            CHECK(mapping.GetPathVector() == path);
            CHECK_FALSE(mapping.HasLabelRequestId());
        }
        else
        {
            LabelWithdrawMessage withdraw; // same layout as Label Release
            LabelReleaseMessage release;
            FecOptionalLabelMessage& typed = want.type == MSG_LABEL_WITHDRAW
                                                 ? static_cast<FecOptionalLabelMessage&>(withdraw)
                                                 : release;
            REQUIRE(typed.LoadFrom(m));
            fec = typed.GetFec();
            REQUIRE(typed.HasLabel());
            label = typed.GetLabel();
            if (want.type == MSG_LABEL_RELEASE)
            {
                // tshark: each release carries Status "Loop Detected" (0xB),
                // E=0, naming Label Mapping IDs 0x0f..0x13.
                REQUIRE(typed.GetOtherParameters().size() == 1);
                StatusTlv status;
                REQUIRE(status.FromTlv(typed.GetOtherParameters()[0]) == STATUS_SUCCESS);
                CHECK(status.statusData == STATUS_LOOP_DETECTED);
                CHECK_FALSE(status.fatal);
                CHECK(status.messageId == 0x0f + (k - 5));
                CHECK(status.messageType == MSG_LABEL_MAPPING);
            }
        }
        REQUIRE(fec.elements.size() == 1);
        CHECK(fec.elements[0].type == FEC_PREFIX);
        CHECK(fec.elements[0].GetPrefixLength() == 32);
        CHECK(fec.elements[0].GetIpv4Address() == Ipv4Address(want.prefix));
        CHECK(label == want.label);
    }
}

TEST_CASE("LDP Hello over PPP in mpls-ldp-hello.pcap decodes as tshark shows", "[ldp]")
{
    auto cap = decode::ReadCapture(corpus::File("tcpdump/mpls-ldp-hello.pcap"));
    REQUIRE(cap.ok);
    REQUIRE(cap.linkType == decode::LINKTYPE_PPP);
    REQUIRE(cap.frames.size() == 1);
    const auto& f = cap.frames[0];

    // tshark: PPP protocol 0x0021, IPv4 10.1.1.3 -> 224.0.0.2, UDP 646 -> 646,
    // LDP PDU length 38 from 10.1.0.2:0, Hello ID 0x00011970, hold time 15,
    // transport address 10.1.0.2, configuration sequence number 1.
    CHECK(f.pppProtocol == 0x0021);
    REQUIRE(f.ipv4.present);
    CHECK(f.ipv4.ip.GetSource() == Ipv4Address("10.1.1.3"));
    CHECK(f.ipv4.ip.GetDestination() == Ipv4Address("224.0.0.2"));
    REQUIRE(f.ipv4.hasUdp);
    CHECK(f.ipv4.udp.GetSourcePort() == 646);
    CHECK(f.ipv4.udp.GetDestinationPort() == 646);

    auto payload = LdpPayload(f);
    auto pdus = SplitPdus(payload);
    REQUIRE(pdus.size() == 1);
    REQUIRE(pdus[0].IsValid());
    CHECK(pdus[0].GetHeader().GetPduLength() == 38);
    CHECK(pdus[0].GetLsrId() == Ipv4Address("10.1.0.2"));
    CHECK(pdus[0].GetLabelSpace() == 0);
    REQUIRE(pdus[0].GetNMessages() == 1);
    HelloMessage hello;
    REQUIRE(hello.LoadFrom(pdus[0].GetMessages()[0]));
    CHECK(hello.GetMessageId() == 0x00011970);
    CHECK(hello.GetHelloParams().holdTime == 15);
    CHECK(hello.GetTransportAddress() == Ipv4Address("10.1.0.2"));
    REQUIRE(hello.HasConfigSequenceNumber());
    CHECK(hello.GetConfigSequenceNumber() == 1);
    CHECK(hello.GetOtherParameters().empty());

    // Building the same PDU from scratch gives the captured bytes.
    Pdu built(Ipv4Address("10.1.0.2"), 0);
    HelloMessage fresh;
    fresh.SetMessageId(0x00011970);
    fresh.SetHelloParams(CommonHelloParamsTlv{15, false, false, 0});
    fresh.SetTransportAddress(Ipv4Address("10.1.0.2"));
    fresh.SetConfigSequenceNumber(1);
    built.AddMessage(fresh);
    CHECK(Encode(built) == payload);
}
