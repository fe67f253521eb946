/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Hiding of AVP values (RFC 2661 section 4.3). The Hidden AVP Subformat is
 * the original value's length (2 octets), the value, then padding; it is
 * XORed with a keystream of 16-octet MD5 blocks:
 *   b(1) = MD5(Attribute Type (2 octets) + secret + Random Vector)
 *   b(i) = MD5(secret + c(i-1)),   c(i) = p(i) xor b(i)
 * where the last block may be shorter than 16 octets. The Random Vector is
 * the value of the latest Random Vector AVP placed before the hidden AVP.
 */
#ifndef IPVPN_L2TP_HIDDEN_AVP_H
#define IPVPN_L2TP_HIDDEN_AVP_H

#include "l2tp-avp.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace l2tp
{

/// Hidden form of value for an AVP of the given attribute type. padding
/// (any content, chosen by the caller, e.g. random) hides the value length.
std::vector<uint8_t> HideValue(uint16_t attributeType,
                               const std::vector<uint8_t>& value,
                               const std::string& secret,
                               const std::vector<uint8_t>& randomVector,
                               const std::vector<uint8_t>& padding = {});

/// Recovers the original value from its hidden form. False when the hidden
/// form is shorter than 2 octets or its recovered length field exceeds the
/// data (a wrong secret or Random Vector usually shows up this way).
bool UnhideValue(uint16_t attributeType,
                 const std::vector<uint8_t>& hidden,
                 const std::string& secret,
                 const std::vector<uint8_t>& randomVector,
                 std::vector<uint8_t>& value);

/// Hides avp's value in place and sets its H bit. False (avp unchanged) when
/// it is already hidden or the hidden form would not fit in an AVP.
bool HideAvp(Avp& avp,
             const std::string& secret,
             const std::vector<uint8_t>& randomVector,
             const std::vector<uint8_t>& padding = {});

/// Recovers avp's value in place and clears its H bit. False (avp
/// unchanged) when it is not hidden or UnhideValue() fails.
bool UnhideAvp(Avp& avp, const std::string& secret, const std::vector<uint8_t>& randomVector);

/**
 * Recovers every hidden AVP of a message in order, each with the value of the
 * latest Random Vector AVP before it. Returns false if any hidden AVP has no
 * Random Vector before it or cannot be recovered (those stay hidden).
 */
bool UnhideAvps(std::vector<Avp>& avps, const std::string& secret);

/// Whether RFC 2661 section 4.4 allows an IETF attribute type to be hidden
/// (Message Type, Result Code, Protocol Version, Tie Breaker, Host Name,
/// Receive Window Size, Q.931 Cause Code, Random Vector and Sequencing
/// Required must not be).
bool IsHideableAvp(uint16_t attributeType);

/**
 * Hides every hideable IETF AVP of a control message with one Random
 * Vector, which is inserted as the AVP right after the Message Type (4.3:
 * it must precede the AVPs it hides). Returns the number of AVPs hidden;
 * with none the message is left unchanged.
 */
uint32_t HideMessageAvps(std::vector<Avp>& avps,
                         const std::string& secret,
                         const std::vector<uint8_t>& randomVector);

/// True when any AVP has its H bit set.
bool HasHiddenAvp(const std::vector<Avp>& avps);

} // namespace l2tp
} // namespace ns3

#endif // IPVPN_L2TP_HIDDEN_AVP_H
