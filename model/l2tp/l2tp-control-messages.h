/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Control connection messages of RFC 2661 section 6.1 - 6.5 (SCCRQ, SCCRP,
 * SCCCN, StopCCN, HELLO) and the decisions taken on received ones: are the
 * mandatory AVPs there and valid (4.4.3), does a Challenge Response match
 * (5.1.1), who wins simultaneous SCCRQs (4.4.3 Tie Breaker). Pure
 * functions: the state machine (l2tp-control-fsm.h) owns the state.
 */
#ifndef IPVPN_L2TP_CONTROL_MESSAGES_H
#define IPVPN_L2TP_CONTROL_MESSAGES_H

#include "l2tp-packet-header.h"
#include "l2tp-reliable-delivery-engine.h"

#include "ns3/nstime.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace ns3
{
namespace l2tp
{

/// Tunables of one control connection; the driver exposes them as attributes.
struct ControlFsmConfig
{
    /// Our Assigned Tunnel ID (RFC 2661 4.4.3); must not be 0.
    uint16_t localTunnelId = 1;
    /// Host Name AVP (RFC 2661 4.4.3).
    std::string hostName = "ipvpn";
    /// Framing Capabilities AVP: bit value 1 synchronous, 2 asynchronous
    /// (RFC 2661 4.4.3).
    uint32_t framingCapabilities = 3;
    /// Tunnel secret (RFC 2661 5.1.1); empty disables tunnel authentication.
    std::string secret;
    /// Random octets for our Challenge AVP (RFC 2661 4.4.3), supplied by the
    /// caller; must be non-empty when a secret is set.
    std::vector<uint8_t> challenge;
    /// Send a Tie Breaker AVP in our SCCRQ (RFC 2661 4.4.3).
    bool useTieBreaker = false;
    /// Its 8-octet value: the lower value wins.
    uint64_t tieBreaker = 0;
    /// Hold the acceptable SCCCN (responder) or SCCRP (initiator) until
    /// ControlFsm::Authorize() (local).
    bool holdForAuthorization = false;
    /// HELLO after this long without any message from the peer
    /// (RFC 2661 6.5; the RFC suggests 60 s).
    Time helloInterval = Seconds(60);
    /// Section 5.8 engine settings (timeouts, retry limit, our window).
    ReliableDeliveryConfig delivery;
    /// After a StopCCN (sent or received) the sequence state is kept this
    /// long to retransmit or acknowledge it, then freed (RFC 2661 5.7: a
    /// full retransmission cycle; 1+2+4+8+8+8 s with the 5.8 defaults).
    Time stopCcnHold = Seconds(31);
    /// Hide every hideable AVP of the messages we send (RFC 2661 4.3);
    /// needs a secret.
    bool hideAvps = false;
    /// Random Vector for each message with hidden AVPs (RFC 2661 4.3,
    /// 4.4.1); when empty, a vector derived from our tunnel ID and a
    /// message counter is used.
    std::function<std::vector<uint8_t>()> randomVector;
};

/// Stop-Control-Connection-Notification Result Codes (RFC 2661 4.4.2).
enum StopCcnResult : uint16_t
{
    STOPCCN_CLEAR = 1,          ///< general request to clear the connection
    STOPCCN_GENERAL_ERROR = 2,  ///< see the Error Code
    STOPCCN_ALREADY_EXISTS = 3, ///< control channel already exists
    STOPCCN_NOT_AUTHORIZED = 4, ///< requester is not authorized
    STOPCCN_BAD_VERSION = 5,    ///< protocol version not supported
    STOPCCN_SHUTTING_DOWN = 6,  ///< requester is being shut down
    STOPCCN_FSM_ERROR = 7,      ///< finite state machine error
};

/// General Error Codes (RFC 2661 4.4.2), shared by StopCCN and CDN.
enum GeneralError : uint16_t
{
    ERROR_NONE = 0,
    ERROR_NO_CONTROL_CONNECTION = 1, ///< no control connection yet for this pair
    ERROR_LENGTH = 2,                ///< length is wrong
    ERROR_BAD_VALUE = 3,             ///< a field value out of range (or missing)
    ERROR_NO_RESOURCES = 4,          ///< insufficient resources to handle it now
    ERROR_INVALID_SESSION_ID = 5,    ///< the Session ID is invalid in this context
    ERROR_VENDOR_SPECIFIC = 6,       ///< a generic vendor-specific error
    ERROR_TRY_ANOTHER = 7,           ///< try another LNS
    ERROR_UNKNOWN_M_AVP = 8,         ///< unknown AVP with the M bit set (4.1)
};

/// Why a received message is not acceptable; refused == false if it is.
struct Refusal
{
    bool refused = false;
    bool authentication = false; ///< the failure is tunnel authentication
    uint16_t resultCode = 0;     ///< for the StopCCN (4.4.2)
    uint16_t errorCode = ERROR_NONE;
    std::string text;
};

/// What an SCCRQ or SCCRP tells about the peer (RFC 2661 4.4.3).
struct PeerParameters
{
    uint16_t tunnelId = 0;            ///< Assigned Tunnel ID
    std::string hostName;             ///< Host Name
    uint16_t receiveWindow = 4;       ///< Receive Window Size, 4 if absent
    uint32_t framingCapabilities = 0; ///< Framing Capabilities (bits 1, 2)
    std::vector<uint8_t> challenge;   ///< Challenge to answer, if any
};

/// Outcome of RFC 2661 4.4.3 tie breaking on a peer's SCCRQ received while
/// our own SCCRQ is outstanding.
enum TieOutcome
{
    TIE_NONE,  ///< neither side sent a Tie Breaker: two tunnels
    TIE_WON,   ///< discard the peer's SCCRQ
    TIE_LOST,  ///< discard our tunnel, answer the peer's SCCRQ
    TIE_EQUAL, ///< both discard their tunnels
};

/// 6.1: SCCRQ to Tunnel ID 0 with the 4.4.3 AVPs, Tie Breaker and
/// Challenge as configured.
PacketHeader BuildSccrq(const ControlFsmConfig& config);
/// 6.2: SCCRP, with our Challenge when a secret is set and a Challenge
/// Response (ID 2) when the peer sent a Challenge.
PacketHeader BuildSccrp(const ControlFsmConfig& config, const PeerParameters& peer);
/// 6.3: SCCCN, with a Challenge Response (ID 3) when the peer challenged.
PacketHeader BuildScccn(const ControlFsmConfig& config, const PeerParameters& peer);
/// 6.4: StopCCN with our Assigned Tunnel ID and a Result Code.
PacketHeader BuildStopCcn(const ControlFsmConfig& config,
                          uint16_t peerTunnelId,
                          uint16_t resultCode,
                          uint16_t errorCode,
                          const std::string& text);
/// 6.5: HELLO, Message Type only.
PacketHeader BuildHello(uint16_t peerTunnelId);

/// RFC 2661 4.1: an AVP with the M bit that we do not recognise.
bool HasUnknownMandatoryAvp(const PacketHeader& m);
/// RFC 2661 4.4.1: a message type we do not recognise whose Message Type
/// AVP has the M bit set ("the tunnel MUST be cleared").
bool IsUnknownMandatoryMessage(const PacketHeader& m);
/// Checks the AVPs an SCCRQ or SCCRP must carry (6.1, 6.2) and reads them.
Refusal CheckPeerParameters(const ControlFsmConfig& config,
                            const PacketHeader& m,
                            PeerParameters& peer);
/// 5.1.1: with a secret configured, m (of type messageType, 2 or 3) must
/// carry the Challenge Response to our Challenge.
Refusal CheckChallengeResponse(const ControlFsmConfig& config,
                               const PacketHeader& m,
                               uint8_t messageType);
/// 4.4.3: the lower Tie Breaker wins; with only one, its sender wins.
TieOutcome DecideTie(const ControlFsmConfig& config, const PacketHeader& peerSccrq);

} // namespace l2tp
} // namespace ns3

#endif // IPVPN_L2TP_CONTROL_MESSAGES_H
