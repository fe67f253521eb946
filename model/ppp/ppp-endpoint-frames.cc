// SPDX-License-Identifier: GPL-2.0-only
//
// ppp::Endpoint on the wire: framing (RFC 1662 3.1 address and control,
// RFC 1661 2 Protocol field), received frames handed to LCP, IPCP or IPv4,
// Protocol-Reject for the rest (RFC 1661 5.7), and IPv4 datagrams sent.
#include "ppp-control-engine.h"
#include "ppp-control-header.h"
#include "ppp-endpoint.h"
#include "ppp-lcp-policy.h"

#include "ns3/ipvpn-packet-tags.h"
#include "ns3/log.h"
#include "ns3/packet.h"

#include <algorithm>

namespace ns3
{
namespace ppp
{

NS_LOG_COMPONENT_DEFINE("PppEndpointFrames");

namespace
{
constexpr uint8_t HDLC_ADDRESS = 0xFF; ///< RFC 1662 3.1 All-Stations
constexpr uint8_t HDLC_CONTROL = 0x03; ///< RFC 1662 3.1 Unnumbered Information
constexpr uint32_t PROTOCOL_REJECT_OVERHEAD = ControlHeader::HEADER_SIZE + 2;

std::vector<uint8_t>
PacketBytes(Ptr<const Packet> packet)
{
    std::vector<uint8_t> bytes(packet->GetSize());
    packet->CopyData(bytes.data(), bytes.size());
    return bytes;
}
} // namespace

void
Endpoint::SendFrame(uint16_t protocol, uint8_t code, Ptr<Packet> information)
{
    // RFC 1662 3.1 framing without flags and FCS (RFC 2661 section 1).
    const uint8_t head[4] = {HDLC_ADDRESS,
                             HDLC_CONTROL,
                             static_cast<uint8_t>(protocol >> 8),
                             static_cast<uint8_t>(protocol & 0xFF)};
    Ptr<Packet> frame = Create<Packet>(head, sizeof(head));
    frame->AddAtEnd(information);
    // AddAtEnd keeps the bytes only: the datagram's packet tags (a VRF's,
    // a monitor's) go on with the frame, as they would without PPP.
    CopyPacketTags(information, frame);
    m_txQueue.push_back({{protocol, code}, frame});
    if (m_depth == 0)
    {
        Flush();
    }
}

void
Endpoint::SendControl(const ControlHeader& packet)
{
    Ptr<Packet> information = Create<Packet>();
    information->AddHeader(packet);
    NS_LOG_LOGIC("send " << ControlProtocolName(packet.GetProtocol()) << " " << packet);
    SendFrame(packet.GetProtocol(), packet.GetCode(), information);
}

void
Endpoint::Drop(Ptr<const Packet> packet, const std::string& reason)
{
    NS_LOG_LOGIC("drop: " << reason);
    ++m_counters.drops;
    m_dropTrace(packet, reason);
}

void
Endpoint::Receive(Ptr<Packet> frame)
{
    NS_LOG_FUNCTION(this << frame);
    Batch batch(this);
    if (!Setup())
    {
        return;
    }
    ++m_counters.rxFrames;
    if (!frame)
    {
        return;
    }
    std::vector<uint8_t> bytes = PacketBytes(frame);
    std::size_t pos = 0;
    // RFC 1662 3.1: Address and Control, unless compressed away (6.6 of
    // RFC 1661; accepted whether negotiated or not).
    if (bytes.size() >= 2 && bytes[0] == HDLC_ADDRESS && bytes[1] == HDLC_CONTROL)
    {
        pos = 2;
    }
    else if (!bytes.empty() && bytes[0] == HDLC_ADDRESS)
    {
        // 0xFF cannot begin a Protocol field (0x00ff is reserved): a
        // damaged Address/Control pair.
        bytes.clear();
    }
    // RFC 1661 section 2: the Protocol field's least significant octet is
    // odd and its most significant even; a single odd octet is a
    // compressed Protocol field (6.5).
    uint16_t protocol = 0;
    if (pos < bytes.size() && (bytes[pos] & 1) != 0)
    {
        protocol = bytes[pos];
        pos += 1;
    }
    else if (pos + 2 <= bytes.size() && (bytes[pos + 1] & 1) != 0)
    {
        protocol = static_cast<uint16_t>((bytes[pos] << 8) | bytes[pos + 1]);
        pos += 2;
    }
    else
    {
        ++m_counters.malformed;
        m_rxTrace(0, 0, frame);
        Drop(frame, "bad-frame-header");
        return;
    }
    Ptr<Packet> information = frame->CreateFragment(pos, frame->GetSize() - pos);
    const bool control = protocol == PROTOCOL_LCP || protocol == PROTOCOL_IPCP;
    const uint8_t code = control && pos < bytes.size() ? bytes[pos] : 0;
    m_rxTrace(protocol, code, frame);

    if (protocol == PROTOCOL_LCP)
    {
        ReceiveLcp(frame, information);
        return;
    }
    // RFC 1661 3.4: non-LCP packets before LCP is Opened are discarded.
    if (m_lcp->GetState() != OptionFsm::OPENED)
    {
        Drop(frame, "lcp-not-opened");
        return;
    }
    switch (protocol)
    {
    case PROTOCOL_IPCP:
        ReceiveIpcp(frame, information);
        break;
    case PROTOCOL_IPV4:
        ReceiveIpv4(frame, information);
        break;
    default:
        RejectProtocol(protocol, frame, information);
        break;
    }
}

void
Endpoint::ReceiveLcp(Ptr<Packet> frame, Ptr<Packet> information)
{
    ControlHeader packet(PROTOCOL_LCP);
    information->PeekHeader(packet);
    if (!packet.IsValid())
    {
        ++m_counters.malformed;
        Drop(frame, "malformed-lcp-" + ControlHeader::ErrorName(packet.GetError()));
        return;
    }
    NS_LOG_LOGIC("received LCP " << packet);
    const ControlOutput out = m_lcp->Receive(packet);
    if (!out.discard.empty())
    {
        Drop(frame, out.discard);
    }
    ApplyLcp(out);
    // RFC 1661 6.4: a link found looped back is not brought up.
    if (m_lcpPolicy->IsLoopedBack() && OptionFsm::IsNegotiating(m_lcp->GetState()))
    {
        NS_LOG_WARN("link appears looped back");
        m_loopbackTrace(m_lcpPolicy->GetLoopCount());
        ApplyLcp(m_lcp->Close());
    }
}

void
Endpoint::ReceiveIpcp(Ptr<Packet> frame, Ptr<Packet> information)
{
    ControlHeader packet(PROTOCOL_IPCP);
    information->PeekHeader(packet);
    if (!packet.IsValid())
    {
        ++m_counters.malformed;
        Drop(frame, "malformed-ipcp-" + ControlHeader::ErrorName(packet.GetError()));
        return;
    }
    NS_LOG_LOGIC("received IPCP " << packet);
    const ControlOutput out = m_ipcp->Receive(packet);
    if (!out.discard.empty())
    {
        Drop(frame, out.discard);
    }
    ApplyIpcp(out);
}

void
Endpoint::ReceiveIpv4(Ptr<Packet> frame, Ptr<Packet> datagram)
{
    if (!m_ipUp)
    {
        Drop(frame, "ipcp-not-opened");
        return;
    }
    ++m_counters.rxIpv4;
    if (!m_deliver.IsNull())
    {
        m_deliver(datagram);
    }
}

void
Endpoint::RejectProtocol(uint16_t protocol, Ptr<Packet> frame, Ptr<Packet> information)
{
    // RFC 1661 5.7: Protocol-Reject, the information truncated to the
    // peer's MRU.
    std::vector<uint8_t> rejected = PacketBytes(information);
    const uint32_t room =
        GetPeerMru() > PROTOCOL_REJECT_OVERHEAD ? GetPeerMru() - PROTOCOL_REJECT_OVERHEAD : 0;
    rejected.resize(std::min<std::size_t>(rejected.size(), room));
    ++m_counters.protocolRejects;
    Drop(frame, "unknown-protocol");
    SendControl(m_lcp->MakeProtocolReject(protocol, rejected));
}

bool
Endpoint::SendIpv4(Ptr<Packet> datagram)
{
    Batch batch(this);
    if (!Setup() || !datagram)
    {
        return false;
    }
    if (!m_ipUp)
    {
        ++m_counters.ipv4NotUp;
        Drop(datagram, "ipcp-not-opened");
        return false;
    }
    if (datagram->GetSize() > GetPeerMru())
    {
        Drop(datagram, "exceeds-peer-mru");
        return false;
    }
    ++m_counters.txIpv4;
    SendFrame(PROTOCOL_IPV4, 0, datagram->Copy());
    return true;
}

} // namespace ppp
} // namespace ns3
