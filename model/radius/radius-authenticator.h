/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RADIUS authenticator computations, all keyed by the shared secret:
 *  - User-Password hiding and recovery (RFC 2865 section 5.2);
 *  - the Response Authenticator (RFC 2865 section 3);
 *  - the Message-Authenticator attribute (RFC 3579 section 3.2).
 * Pure functions: the caller supplies the Request Authenticator (random, from
 * its own random stream) and keeps track of which request a response answers.
 */
#ifndef IPVPN_RADIUS_AUTHENTICATOR_H
#define IPVPN_RADIUS_AUTHENTICATOR_H

#include "radius-packet-header.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace radius
{

/// Longest password User-Password can carry (RFC 2865 section 5.2).
constexpr uint32_t MAX_PASSWORD_LENGTH = 128;

/**
 * Hides a password for the User-Password attribute (RFC 2865 section 5.2):
 * pad with NULs to a multiple of 16 octets, then c(1) = p(1) xor
 * MD5(S + RA), c(i) = p(i) xor MD5(S + c(i-1)). An empty password becomes one
 * block of padding; passwords over 128 octets are cut to 128.
 */
std::vector<uint8_t> HidePassword(const std::string& password,
                                  const std::string& secret,
                                  const Authenticator& requestAuthenticator);

/**
 * Reverses HidePassword() and strips the trailing NUL padding. Returns false
 * (and leaves password alone) when the hidden value is not 16-128 octets in
 * whole 16-octet blocks.
 */
bool RecoverPassword(const std::vector<uint8_t>& hidden,
                     const std::string& secret,
                     const Authenticator& requestAuthenticator,
                     std::string& password);

/**
 * Response Authenticator of an Access-Accept/Reject/Challenge (RFC 2865
 * section 3): MD5(Code + Identifier + Length + Request Authenticator +
 * Attributes + Secret). The response's own Authenticator field is ignored.
 */
Authenticator ComputeResponseAuthenticator(const PacketHeader& response,
                                           const Authenticator& requestAuthenticator,
                                           const std::string& secret);

/// True when the response's Authenticator field matches
/// ComputeResponseAuthenticator().
bool VerifyResponseAuthenticator(const PacketHeader& response,
                                 const Authenticator& requestAuthenticator,
                                 const std::string& secret);

/**
 * Message-Authenticator value (RFC 3579 section 3.2): HMAC-MD5 keyed by the
 * secret over the whole packet with the Message-Authenticator value taken as
 * 16 zero octets and the Authenticator field replaced by authenticatorField.
 * For an Access-Request pass the packet's own Request Authenticator; for an
 * Access-Accept, -Reject or -Challenge pass the Request Authenticator of the
 * request it answers.
 */
Authenticator ComputeMessageAuthenticator(const PacketHeader& packet,
                                          const Authenticator& authenticatorField,
                                          const std::string& secret);

/**
 * Adds a Message-Authenticator attribute if the packet has none, then fills
 * in its value as ComputeMessageAuthenticator() describes. For responses,
 * call this before SignResponse(): the Response Authenticator covers it.
 */
void SetMessageAuthenticator(PacketHeader& packet,
                             const Authenticator& authenticatorField,
                             const std::string& secret);

/**
 * Checks the packet's Message-Authenticator. False when it is missing,
 * duplicated, not 16 octets long, or wrong.
 */
bool VerifyMessageAuthenticator(const PacketHeader& packet,
                                const Authenticator& authenticatorField,
                                const std::string& secret);

/**
 * Signs a response in RFC 3579 order: the Message-Authenticator first (when
 * the response carries one), then the Response Authenticator over the result.
 */
void SignResponse(PacketHeader& response,
                  const Authenticator& requestAuthenticator,
                  const std::string& secret);

} // namespace radius
} // namespace ns3

#endif // IPVPN_RADIUS_AUTHENTICATOR_H
