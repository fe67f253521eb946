// SPDX-License-Identifier: GPL-2.0-only
#include "l2tp-challenge.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{
namespace l2tp
{

NS_LOG_COMPONENT_DEFINE("L2tpChallenge");

Md5Digest
ComputeChallengeResponse(uint8_t responseMessageType,
                         const std::string& secret,
                         const std::vector<uint8_t>& challenge)
{
    // 5.1.1: the CHAP Identifier is the Message Type of the carrying message.
    return Md5Concat({Md5Input(&responseMessageType, 1), secret, challenge});
}

bool
VerifyChallengeResponse(uint8_t responseMessageType,
                        const std::string& secret,
                        const std::vector<uint8_t>& challenge,
                        const std::vector<uint8_t>& response)
{
    const Md5Digest expected = ComputeChallengeResponse(responseMessageType, secret, challenge);
    if (response.size() != expected.size())
    {
        NS_LOG_LOGIC("Challenge Response of " << response.size() << " octets");
        return false;
    }
    return std::equal(expected.begin(), expected.end(), response.begin());
}

} // namespace l2tp
} // namespace ns3
