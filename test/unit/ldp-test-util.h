/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Helpers shared by the LDP capture tests: find the LDP payload of a frame,
 * split a TCP segment into PDUs, re-encode a message through its typed class.
 */
#ifndef IPVPN_LDP_TEST_UTIL_H
#define IPVPN_LDP_TEST_UTIL_H

#include "codec-test-util.h"
#include "corpus-test-util.h"

#include "ns3/ipvpn-capture-reader.h"

#include "ns3/ldp-address-messages.h"
#include "ns3/ldp-label-messages.h"
#include "ns3/ldp-pdu.h"
#include "ns3/ldp-session-messages.h"
#include "ns3/ldp-status.h"

#include <catch2/catch.hpp>

#include <vector>

namespace ns3
{
namespace ldptest
{

using namespace ns3::ldp;

/// UDP or TCP payload of a frame to or from port 646; empty otherwise.
inline std::vector<uint8_t>
LdpPayload(const decode::Frame& frame)
{
    const auto& ip = frame.ipv4;
    if (!ip.present || !ip.l4Payload)
    {
        return {};
    }
    bool udp = ip.hasUdp &&
               (ip.udp.GetSourcePort() == LDP_PORT || ip.udp.GetDestinationPort() == LDP_PORT);
    bool tcp = ip.hasTcp &&
               (ip.tcp.GetSourcePort() == LDP_PORT || ip.tcp.GetDestinationPort() == LDP_PORT);
    return udp || tcp ? decode::PacketBytes(ip.l4Payload) : std::vector<uint8_t>();
}

/// Every PDU in a segment; stops at the first invalid one.
inline std::vector<Pdu>
SplitPdus(const std::vector<uint8_t>& bytes)
{
    std::vector<Pdu> pdus;
    Ptr<Packet> p = decode::MakePacket(bytes);
    while (p->GetSize() > 0)
    {
        uint32_t before = p->GetSize();
        Pdu pdu;
        p->RemoveHeader(pdu);
        REQUIRE(p->GetSize() < before); // progress: no endless loop
        pdus.push_back(pdu);
        if (!pdu.IsValid())
        {
            break;
        }
    }
    return pdus;
}

/// Loads a generic message into its typed class and re-encodes it.
/// \return the typed class's status.
inline uint32_t
TypedReencode(const Message& generic, std::vector<uint8_t>& bytes)
{
    auto run = [&](auto typed) {
        typed.LoadFrom(generic);
        bytes = codectest::Encode(typed);
        return typed.GetStatus();
    };
    switch (generic.GetType())
    {
    case MSG_NOTIFICATION:
        return run(NotificationMessage());
    case MSG_HELLO:
        return run(HelloMessage());
    case MSG_INITIALIZATION:
        return run(InitializationMessage());
    case MSG_KEEPALIVE:
        return run(KeepAliveMessage());
    case MSG_ADDRESS:
        return run(AddressMessage());
    case MSG_ADDRESS_WITHDRAW:
        return run(AddressWithdrawMessage());
    case MSG_LABEL_MAPPING:
        return run(LabelMappingMessage());
    case MSG_LABEL_REQUEST:
        return run(LabelRequestMessage());
    case MSG_LABEL_ABORT_REQUEST:
        return run(LabelAbortRequestMessage());
    case MSG_LABEL_WITHDRAW:
        return run(LabelWithdrawMessage());
    case MSG_LABEL_RELEASE:
        return run(LabelReleaseMessage());
    default:
        bytes = codectest::Encode(generic);
        return STATUS_UNKNOWN_MESSAGE_TYPE;
    }
}

} // namespace ldptest
} // namespace ns3

#endif
