// SPDX-License-Identifier: GPL-2.0-only
#include "l2tp-session-messages.h"

#include "ns3/log.h"

namespace ns3
{
namespace l2tp
{

NS_LOG_COMPONENT_DEFINE("L2tpSessionMessages");

namespace
{

PacketHeader
Start(uint16_t messageType, uint16_t tunnelId, uint16_t sessionId)
{
    PacketHeader m = PacketHeader::MakeControl(tunnelId, sessionId, 0, 0);
    m.AddAvp(Avp::MakeMessageType(messageType)); // 4.4.1: first AVP
    return m;
}

Refusal
Refuse(uint16_t error, const std::string& text)
{
    NS_LOG_LOGIC("refusing: " << text);
    Refusal r;
    r.refused = true;
    r.resultCode = CDN_GENERAL_ERROR; // 4.4.2: "reason indicated in error code"
    r.errorCode = error;
    r.text = text;
    return r;
}

/// 4.1: an AVP with the M bit that is not known ends the session.
bool
UnknownMandatory(const PacketHeader& m, Refusal& r)
{
    if (HasUnknownMandatoryAvp(m))
    {
        r = Refuse(ERROR_UNKNOWN_M_AVP, "unknown mandatory AVP");
        return true;
    }
    return false;
}

bool
ReadUint32(const PacketHeader& m, uint16_t type, uint32_t& value)
{
    const Avp* avp = m.FindAvp(type);
    return avp != nullptr && avp->GetUint32(value);
}

} // namespace

bool
IsSessionMessage(uint16_t messageType)
{
    return messageType == ICRQ || messageType == ICRP || messageType == ICCN || messageType == CDN;
}

uint32_t
ChooseFramingType(uint32_t wanted, uint32_t peerCapabilities)
{
    const uint32_t known = FRAMING_SYNC | FRAMING_ASYNC;
    const uint32_t common = wanted & peerCapabilities & known;
    if (common != 0)
    {
        return common;
    }
    if ((peerCapabilities & FRAMING_SYNC) != 0)
    {
        return FRAMING_SYNC;
    }
    return peerCapabilities & FRAMING_ASYNC;
}

PacketHeader
BuildIcrq(uint16_t peerTunnelId,
          uint16_t localSessionId,
          uint32_t callSerialNumber,
          const SessionConfig& c)
{
    // 6.6: the peer has no Session ID for this call yet.
    PacketHeader m = Start(ICRQ, peerTunnelId, 0);
    m.AddAvp(Avp::MakeUint16(AVP_ASSIGNED_SESSION_ID, localSessionId));
    m.AddAvp(Avp::MakeUint32(AVP_CALL_SERIAL_NUMBER, callSerialNumber));
    m.AddAvp(Avp::MakeUint32(AVP_BEARER_TYPE, c.bearerType));
    return m;
}

PacketHeader
BuildIcrp(uint16_t peerTunnelId, uint16_t peerSessionId, uint16_t localSessionId)
{
    PacketHeader m = Start(ICRP, peerTunnelId, peerSessionId); // 6.7
    m.AddAvp(Avp::MakeUint16(AVP_ASSIGNED_SESSION_ID, localSessionId));
    return m;
}

PacketHeader
BuildIccn(uint16_t peerTunnelId, uint16_t peerSessionId, const SessionConfig& c)
{
    PacketHeader m = Start(ICCN, peerTunnelId, peerSessionId); // 6.8
    m.AddAvp(Avp::MakeUint32(AVP_TX_CONNECT_SPEED, c.txConnectSpeed));
    m.AddAvp(Avp::MakeUint32(AVP_FRAMING_TYPE, c.framingType));
    if (c.sequencingRequired)
    {
        m.AddAvp(Avp(AVP_SEQUENCING_REQUIRED, {}, true)); // 4.4.4: no value
    }
    return m;
}

PacketHeader
BuildCdn(uint16_t peerTunnelId,
         uint16_t peerSessionId,
         uint16_t localSessionId,
         uint16_t resultCode,
         uint16_t errorCode,
         const std::string& errorMessage)
{
    PacketHeader m = Start(CDN, peerTunnelId, peerSessionId); // 6.12
    m.AddAvp(Avp::MakeResultCode(resultCode, errorCode, errorMessage));
    m.AddAvp(Avp::MakeUint16(AVP_ASSIGNED_SESSION_ID, localSessionId));
    return m;
}

uint16_t
ReadAssignedSessionId(const PacketHeader& m)
{
    uint16_t id = 0;
    const Avp* avp = m.FindAvp(AVP_ASSIGNED_SESSION_ID);
    if (avp == nullptr || !avp->GetUint16(id))
    {
        return 0;
    }
    return id;
}

Refusal
CheckIcrq(const PacketHeader& m, CallParameters& call)
{
    Refusal r;
    if (UnknownMandatory(m, r))
    {
        return r;
    }
    CallParameters c;
    c.peerSessionId = ReadAssignedSessionId(m);
    if (c.peerSessionId == 0)
    {
        return Refuse(ERROR_BAD_VALUE, "ICRQ without a valid Assigned Session ID");
    }
    if (!ReadUint32(m, AVP_CALL_SERIAL_NUMBER, c.callSerialNumber))
    {
        return Refuse(ERROR_BAD_VALUE, "ICRQ without a valid Call Serial Number");
    }
    ReadUint32(m, AVP_BEARER_TYPE, c.bearerType); // optional (6.6)
    call = c;
    return Refusal();
}

Refusal
CheckIcrp(const PacketHeader& m, CallParameters& call)
{
    Refusal r;
    if (UnknownMandatory(m, r))
    {
        return r;
    }
    const uint16_t peer = ReadAssignedSessionId(m);
    if (peer == 0)
    {
        return Refuse(ERROR_BAD_VALUE, "ICRP without a valid Assigned Session ID");
    }
    call.peerSessionId = peer;
    return Refusal();
}

Refusal
CheckIccn(const PacketHeader& m, CallParameters& call)
{
    Refusal r;
    if (UnknownMandatory(m, r))
    {
        return r;
    }
    uint32_t speed = 0;
    if (!ReadUint32(m, AVP_TX_CONNECT_SPEED, speed))
    {
        return Refuse(ERROR_BAD_VALUE, "ICCN without a valid (Tx) Connect Speed");
    }
    uint32_t framing = 0;
    if (!ReadUint32(m, AVP_FRAMING_TYPE, framing))
    {
        return Refuse(ERROR_BAD_VALUE, "ICCN without a valid Framing Type");
    }
    call.txConnectSpeed = speed;
    call.framingType = framing;
    ReadUint32(m, AVP_RX_CONNECT_SPEED, call.rxConnectSpeed); // optional (6.8)
    call.sequencingRequired = m.FindAvp(AVP_SEQUENCING_REQUIRED) != nullptr;
    return Refusal();
}

bool
ReadCdn(const PacketHeader& m, CdnInfo& info)
{
    info = CdnInfo();
    info.peerSessionId = ReadAssignedSessionId(m);
    const Avp* avp = m.FindAvp(AVP_RESULT_CODE);
    const bool result =
        avp != nullptr && avp->GetResultCode(info.resultCode, info.errorCode, info.errorMessage);
    return result && info.peerSessionId != 0;
}

const char*
CdnResultName(uint16_t resultCode)
{
    static const char* const names[] = {
        "reserved",
        "lost-carrier",
        "general-error",
        "administrative",
        "no-facilities-temporary",
        "no-facilities-permanent",
        "invalid-destination",
        "no-carrier",
        "busy",
        "no-dial-tone",
        "timeout",
        "no-framing",
    };
    return resultCode < sizeof(names) / sizeof(names[0]) ? names[resultCode] : "unknown";
}

} // namespace l2tp
} // namespace ns3
