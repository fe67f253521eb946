/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * L2TP tunnel authentication (RFC 2661 sections 4.4.3 and 5.1.1): the
 * Challenge Response AVP carries a CHAP-style (RFC 1994) response,
 *   MD5(ID + secret + challenge)
 * where ID is one octet holding the Message Type of the message that
 * carries the response: 2 in an SCCRP, 3 in an SCCCN.
 */
#ifndef IPVPN_L2TP_CHALLENGE_H
#define IPVPN_L2TP_CHALLENGE_H

#include "ns3/ipvpn-md5.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace l2tp
{

/// Challenge Response value for the message of type responseMessageType.
Md5Digest ComputeChallengeResponse(uint8_t responseMessageType,
                                   const std::string& secret,
                                   const std::vector<uint8_t>& challenge);

/// True when response is the 16-octet value ComputeChallengeResponse() gives.
bool VerifyChallengeResponse(uint8_t responseMessageType,
                             const std::string& secret,
                             const std::vector<uint8_t>& challenge,
                             const std::vector<uint8_t>& response);

} // namespace l2tp
} // namespace ns3

#endif // IPVPN_L2TP_CHALLENGE_H
