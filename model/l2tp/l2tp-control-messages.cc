// SPDX-License-Identifier: GPL-2.0-only
#include "l2tp-control-messages.h"

#include "l2tp-challenge.h"

#include "ns3/log.h"

namespace ns3
{
namespace l2tp
{

NS_LOG_COMPONENT_DEFINE("L2tpControlMessages");

namespace
{

/// Protocol Version AVP value: version 1, revision 0 (RFC 2661 4.4.3).
constexpr uint16_t PROTOCOL_VERSION_1_0 = 0x0100;

PacketHeader
Start(uint16_t messageType, uint16_t tunnelId)
{
    PacketHeader m = PacketHeader::MakeControl(tunnelId, 0, 0, 0);
    m.AddAvp(Avp::MakeMessageType(messageType)); // 4.4.1: first AVP
    return m;
}

/// The 6.1 / 6.2 mandatory AVPs and our Receive Window Size (4.4.3).
void
AddIdentity(const ControlFsmConfig& c, PacketHeader& m)
{
    m.AddAvp(Avp::MakeUint16(AVP_PROTOCOL_VERSION, PROTOCOL_VERSION_1_0));
    m.AddAvp(Avp::MakeString(AVP_HOST_NAME, c.hostName));
    m.AddAvp(Avp::MakeUint32(AVP_FRAMING_CAPABILITIES, c.framingCapabilities));
    m.AddAvp(Avp::MakeUint16(AVP_ASSIGNED_TUNNEL_ID, c.localTunnelId));
    m.AddAvp(Avp::MakeUint16(AVP_RECEIVE_WINDOW_SIZE, c.delivery.receiveWindow));
}

/// 5.1.1: the CHAP-style answer, ID = the carrying message's type.
void
AddResponse(const ControlFsmConfig& c, const PeerParameters& peer, uint8_t type, PacketHeader& m)
{
    if (!peer.challenge.empty())
    {
        const Md5Digest r = ComputeChallengeResponse(type, c.secret, peer.challenge);
        m.AddAvp(Avp(AVP_CHALLENGE_RESPONSE, std::vector<uint8_t>(r.begin(), r.end())));
    }
}

Refusal
Refuse(uint16_t result, uint16_t error, const std::string& text, bool authentication = false)
{
    NS_LOG_LOGIC("refusing: " << text);
    Refusal r;
    r.refused = true;
    r.authentication = authentication;
    r.resultCode = result;
    r.errorCode = error;
    r.text = text;
    return r;
}

} // namespace

PacketHeader
BuildSccrq(const ControlFsmConfig& c)
{
    PacketHeader m = Start(SCCRQ, 0); // 6.1: the peer has no tunnel for us yet
    AddIdentity(c, m);
    if (c.useTieBreaker)
    {
        std::vector<uint8_t> bytes(8);
        uint64_t v = c.tieBreaker;
        for (int i = 7; i >= 0; --i, v >>= 8)
        {
            bytes[i] = static_cast<uint8_t>(v & 0xff);
        }
        m.AddAvp(Avp(AVP_TIE_BREAKER, bytes, false));
    }
    if (!c.secret.empty())
    {
        m.AddAvp(Avp(AVP_CHALLENGE, c.challenge));
    }
    return m;
}

PacketHeader
BuildSccrp(const ControlFsmConfig& c, const PeerParameters& peer)
{
    PacketHeader m = Start(SCCRP, peer.tunnelId);
    AddIdentity(c, m);
    if (!c.secret.empty())
    {
        m.AddAvp(Avp(AVP_CHALLENGE, c.challenge));
    }
    AddResponse(c, peer, SCCRP, m);
    return m;
}

PacketHeader
BuildScccn(const ControlFsmConfig& c, const PeerParameters& peer)
{
    PacketHeader m = Start(SCCCN, peer.tunnelId);
    AddResponse(c, peer, SCCCN, m);
    return m;
}

PacketHeader
BuildStopCcn(const ControlFsmConfig& c,
             uint16_t peerTunnelId,
             uint16_t resultCode,
             uint16_t errorCode,
             const std::string& text)
{
    PacketHeader m = Start(STOPCCN, peerTunnelId);
    m.AddAvp(Avp::MakeUint16(AVP_ASSIGNED_TUNNEL_ID, c.localTunnelId));
    m.AddAvp(Avp::MakeResultCode(resultCode, errorCode, text));
    return m;
}

PacketHeader
BuildHello(uint16_t peerTunnelId)
{
    return Start(HELLO, peerTunnelId);
}

bool
HasUnknownMandatoryAvp(const PacketHeader& m)
{
    for (const Avp& avp : m.GetAvps())
    {
        if (avp.IsMandatory() && (avp.GetVendorId() != 0 || avp.GetReservedBits() != 0 ||
                                  AvpTypeName(avp.GetType()) == "Unknown"))
        {
            return true;
        }
    }
    return false;
}

bool
IsUnknownMandatoryMessage(const PacketHeader& m)
{
    uint16_t type = 0;
    if (m.IsZlb() || !m.GetMessageType(type) || MessageTypeName(type) != "Unknown")
    {
        return false;
    }
    const std::vector<Avp>& avps = m.GetAvps();
    return !avps.empty() && avps.front().IsMandatory();
}

Refusal
CheckPeerParameters(const ControlFsmConfig& c, const PacketHeader& m, PeerParameters& peer)
{
    if (HasUnknownMandatoryAvp(m))
    {
        return Refuse(STOPCCN_GENERAL_ERROR, ERROR_UNKNOWN_M_AVP, "unknown mandatory AVP");
    }
    uint16_t version = 0;
    const Avp* avp = m.FindAvp(AVP_PROTOCOL_VERSION);
    if (avp == nullptr || !avp->GetUint16(version) || version != PROTOCOL_VERSION_1_0)
    {
        return Refuse(STOPCCN_BAD_VERSION, ERROR_NONE, "protocol version");
    }
    const Avp* host = m.FindAvp(AVP_HOST_NAME);
    uint32_t framing = 0;
    avp = m.FindAvp(AVP_FRAMING_CAPABILITIES);
    if (host == nullptr || host->IsHidden() || host->GetValue().empty() || avp == nullptr ||
        !avp->GetUint32(framing))
    {
        return Refuse(STOPCCN_GENERAL_ERROR,
                      ERROR_BAD_VALUE,
                      "missing Host Name or Framing Capabilities");
    }
    uint16_t tunnelId = 0;
    avp = m.FindAvp(AVP_ASSIGNED_TUNNEL_ID);
    if (avp == nullptr || !avp->GetUint16(tunnelId) || tunnelId == 0)
    {
        return Refuse(STOPCCN_GENERAL_ERROR, ERROR_BAD_VALUE, "missing Assigned Tunnel ID");
    }
    PeerParameters p;
    p.tunnelId = tunnelId;
    p.hostName = host->GetString();
    p.framingCapabilities = framing; // 4.4.3: bounds the ICCN's Framing Type
    uint16_t window = 0;
    avp = m.FindAvp(AVP_RECEIVE_WINDOW_SIZE);
    if (avp != nullptr && avp->GetUint16(window) && window != 0)
    {
        p.receiveWindow = window;
    }
    avp = m.FindAvp(AVP_CHALLENGE);
    if (avp != nullptr)
    {
        // 5.1.1: a Challenge can only be answered with a shared secret.
        if (c.secret.empty() || avp->GetValue().empty())
        {
            return Refuse(STOPCCN_NOT_AUTHORIZED, ERROR_NONE, "cannot answer the Challenge", true);
        }
        p.challenge = avp->GetValue();
    }
    peer = p;
    return Refusal();
}

Refusal
CheckChallengeResponse(const ControlFsmConfig& c, const PacketHeader& m, uint8_t messageType)
{
    if (c.secret.empty())
    {
        return Refusal();
    }
    const Avp* r = m.FindAvp(AVP_CHALLENGE_RESPONSE);
    if (r == nullptr || !VerifyChallengeResponse(messageType, c.secret, c.challenge, r->GetValue()))
    {
        return Refuse(STOPCCN_NOT_AUTHORIZED, ERROR_NONE, "Challenge Response mismatch", true);
    }
    return Refusal();
}

TieOutcome
DecideTie(const ControlFsmConfig& c, const PacketHeader& peerSccrq)
{
    // 4.4.3: "The lower value wins"; equal values: both sides discard their
    // tunnels; only one Tie Breaker: its sender wins; none: two tunnels.
    const Avp* avp = peerSccrq.FindAvp(AVP_TIE_BREAKER);
    const bool peerHas = avp != nullptr && !avp->IsHidden() && avp->GetValue().size() == 8;
    uint64_t theirs = 0;
    if (peerHas)
    {
        for (uint8_t b : avp->GetValue())
        {
            theirs = (theirs << 8) | b;
        }
    }
    if (!c.useTieBreaker)
    {
        return peerHas ? TIE_LOST : TIE_NONE;
    }
    if (!peerHas)
    {
        return TIE_WON;
    }
    if (c.tieBreaker == theirs)
    {
        return TIE_EQUAL;
    }
    return c.tieBreaker < theirs ? TIE_WON : TIE_LOST;
}

} // namespace l2tp
} // namespace ns3
