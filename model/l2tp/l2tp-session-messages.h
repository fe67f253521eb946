/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Session messages of RFC 2661 for incoming calls: ICRQ (6.6), ICRP (6.7),
 * ICCN (6.8) and CDN (6.12), and the checks on received ones: are the
 * mandatory AVPs there and valid (4.4.4, 6.x), is an AVP with the M bit
 * unknown (4.1). Pure functions: the session state machine
 * (l2tp-session-fsm.h) owns the state. The messages travel on the control
 * connection, so Ns and Nr are left to its reliable delivery (5.8).
 *
 * Header Session IDs (RFC 2661 3.1): an ICRQ carries 0 (the peer has not
 * assigned one yet); ICRP, ICCN and CDN carry the Session ID the receiver
 * assigned. Each side names its own Session ID in the Assigned Session ID
 * AVP of ICRQ, ICRP and CDN.
 */
#ifndef IPVPN_L2TP_SESSION_MESSAGES_H
#define IPVPN_L2TP_SESSION_MESSAGES_H

#include "l2tp-control-messages.h"
#include "l2tp-packet-header.h"

#include <cstdint>
#include <string>

namespace ns3
{
namespace l2tp
{

/// Call-Disconnect-Notify Result Codes (RFC 2661 4.4.2).
enum CdnResult : uint16_t
{
    CDN_LOST_CARRIER = 1,       ///< call disconnected due to loss of carrier
    CDN_GENERAL_ERROR = 2,      ///< disconnected for the reason in the Error Code
    CDN_ADMINISTRATIVE = 3,     ///< disconnected for administrative reasons
    CDN_NO_FACILITIES_TEMP = 4, ///< lack of facilities (temporary condition)
    CDN_NO_FACILITIES_PERM = 5, ///< lack of facilities (permanent condition)
    CDN_INVALID_DESTINATION = 6,
    CDN_NO_CARRIER = 7,
    CDN_BUSY = 8,
    CDN_NO_DIAL_TONE = 9,
    CDN_TIMEOUT = 10,    ///< not established within the time allotted by the LAC
    CDN_NO_FRAMING = 11, ///< connected but no appropriate framing detected
};

/// Framing Type / Framing Capabilities bits (RFC 2661 4.4.3, 4.4.4).
enum FramingBits : uint32_t
{
    FRAMING_SYNC = 1,
    FRAMING_ASYNC = 2,
};

/// Tunables of the incoming calls of one tunnel; the driver exposes them
/// as attributes.
struct SessionConfig
{
    /// Bearer Type AVP of our ICRQ (RFC 2661 4.4.4): bit 1 digital, bit 2
    /// analog; 0 names neither (a virtual call, as xl2tpd sends).
    uint32_t bearerType = 0;
    /// Framing Type AVP of our ICCN (RFC 2661 4.4.4): 1 synchronous,
    /// 2 asynchronous.
    uint32_t framingType = FRAMING_SYNC;
    /// (Tx) Connect Speed AVP of our ICCN, bit/s (RFC 2661 4.4.4).
    uint32_t txConnectSpeed = 100000000;
    /// Send the Sequencing Required AVP in our ICCN (RFC 2661 4.4.4): the
    /// LNS must then number its data messages (5.4).
    bool sequencingRequired = false;
};

/// What the peer said about its end of a call (RFC 2661 4.4.4).
struct CallParameters
{
    uint16_t peerSessionId = 0;      ///< Assigned Session ID (ICRQ, ICRP)
    uint32_t callSerialNumber = 0;   ///< Call Serial Number (ICRQ)
    uint32_t bearerType = 0;         ///< Bearer Type (ICRQ, optional)
    uint32_t txConnectSpeed = 0;     ///< (Tx) Connect Speed (ICCN)
    uint32_t rxConnectSpeed = 0;     ///< Rx Connect Speed (ICCN, optional)
    uint32_t framingType = 0;        ///< Framing Type (ICCN)
    bool sequencingRequired = false; ///< Sequencing Required (ICCN)
};

/// What a CDN (6.12) said.
struct CdnInfo
{
    uint16_t peerSessionId = 0; ///< Assigned Session ID of the sender
    uint16_t resultCode = 0;
    uint16_t errorCode = ERROR_NONE;
    std::string errorMessage;
};

/**
 * RFC 2661 4.4.3: the Framing Type of our ICCN must be one the peer
 * announced in its Framing Capabilities (SCCRQ / SCCRP). The configured
 * type when the peer announced it; else synchronous or asynchronous,
 * whichever the peer announced (PPP over L2TP does not depend on it);
 * 0 when the peer announced neither.
 */
uint32_t ChooseFramingType(uint32_t wanted, uint32_t peerCapabilities);

/// True for the message types handled at session level here.
bool IsSessionMessage(uint16_t messageType);

/// 6.6: ICRQ to the peer's tunnel, header Session ID 0, with our Assigned
/// Session ID, the Call Serial Number and the Bearer Type.
PacketHeader BuildIcrq(uint16_t peerTunnelId,
                       uint16_t localSessionId,
                       uint32_t callSerialNumber,
                       const SessionConfig& config);
/// 6.7: ICRP to the peer's session, with our Assigned Session ID.
PacketHeader BuildIcrp(uint16_t peerTunnelId, uint16_t peerSessionId, uint16_t localSessionId);
/// 6.8: ICCN to the peer's session: (Tx) Connect Speed, Framing Type, and
/// Sequencing Required when configured.
PacketHeader BuildIccn(uint16_t peerTunnelId, uint16_t peerSessionId, const SessionConfig& config);
/// 6.12: CDN to the peer's session (0 when it is not known), with a Result
/// Code and our Assigned Session ID.
PacketHeader BuildCdn(uint16_t peerTunnelId,
                      uint16_t peerSessionId,
                      uint16_t localSessionId,
                      uint16_t resultCode,
                      uint16_t errorCode = ERROR_NONE,
                      const std::string& errorMessage = "");

/// The Assigned Session ID AVP's value, 0 when it is missing, hidden or
/// of the wrong size.
uint16_t ReadAssignedSessionId(const PacketHeader& m);

/// 6.6: Assigned Session ID (non-zero) and Call Serial Number must be
/// there; Bearer Type is read when present. A refusal carries the CDN
/// Result Code (2) and Error Code.
Refusal CheckIcrq(const PacketHeader& m, CallParameters& call);
/// 6.7: Assigned Session ID (non-zero) must be there.
Refusal CheckIcrp(const PacketHeader& m, CallParameters& call);
/// 6.8: (Tx) Connect Speed and Framing Type must be there; Rx Connect
/// Speed and Sequencing Required are read when present.
Refusal CheckIccn(const PacketHeader& m, CallParameters& call);
/// 6.12: reads a CDN. A CDN without a valid Result Code still ends the
/// session (the value stays 0); false reports that it was malformed.
bool ReadCdn(const PacketHeader& m, CdnInfo& info);

/// Name of a CDN Result Code ("unknown" otherwise).
const char* CdnResultName(uint16_t resultCode);

} // namespace l2tp
} // namespace ns3

#endif // IPVPN_L2TP_SESSION_MESSAGES_H
