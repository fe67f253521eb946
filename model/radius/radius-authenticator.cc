// SPDX-License-Identifier: GPL-2.0-only
#include "radius-authenticator.h"

#include "ns3/ipvpn-md5.h"
#include "ns3/log.h"

#include <algorithm>

namespace ns3
{
namespace radius
{

NS_LOG_COMPONENT_DEFINE("RadiusAuthenticator");

namespace
{

constexpr uint32_t BLOCK = 16;
constexpr uint32_t AUTHENTICATOR_OFFSET = 4; // after Code, Identifier, Length

/// MD5(secret + block): the keystream of RFC 2865 section 5.2.
Md5Digest
SecretHash(const std::string& secret, const uint8_t* block)
{
    return Md5Concat({secret, Md5Input(block, BLOCK)});
}

/// The packet's octets with the Authenticator field replaced.
std::vector<uint8_t>
BytesWithAuthenticator(const PacketHeader& packet, const Authenticator& field)
{
    std::vector<uint8_t> bytes = packet.ToBytes();
    std::copy(field.begin(), field.end(), bytes.begin() + AUTHENTICATOR_OFFSET);
    return bytes;
}

Authenticator
ToAuthenticator(const Md5Digest& digest)
{
    Authenticator out;
    std::copy(digest.begin(), digest.end(), out.begin());
    return out;
}

} // namespace

std::vector<uint8_t>
HidePassword(const std::string& password,
             const std::string& secret,
             const Authenticator& requestAuthenticator)
{
    // RFC 2865 5.2: pad with nulls to a multiple of 16 octets (at least one
    // block, at most 128 octets).
    const size_t used = std::min<size_t>(password.size(), MAX_PASSWORD_LENGTH);
    const size_t blocks = std::max<size_t>(1, (used + BLOCK - 1) / BLOCK);
    std::vector<uint8_t> hidden(blocks * BLOCK, 0);
    std::copy(password.begin(), password.begin() + used, hidden.begin());

    const uint8_t* previous = requestAuthenticator.data(); // RA, then c(i-1)
    for (size_t b = 0; b < blocks; ++b)
    {
        const Md5Digest key = SecretHash(secret, previous);
        uint8_t* block = hidden.data() + b * BLOCK;
        for (uint32_t k = 0; k < BLOCK; ++k)
        {
            block[k] ^= key[k];
        }
        previous = block;
    }
    return hidden;
}

bool
RecoverPassword(const std::vector<uint8_t>& hidden,
                const std::string& secret,
                const Authenticator& requestAuthenticator,
                std::string& password)
{
    if (hidden.empty() || hidden.size() % BLOCK != 0 || hidden.size() > MAX_PASSWORD_LENGTH)
    {
        NS_LOG_LOGIC("User-Password value of " << hidden.size() << " octets cannot be recovered");
        return false;
    }
    std::vector<uint8_t> plain(hidden.size());
    const uint8_t* previous = requestAuthenticator.data();
    for (size_t b = 0; b < hidden.size() / BLOCK; ++b)
    {
        const Md5Digest key = SecretHash(secret, previous);
        const uint8_t* block = hidden.data() + b * BLOCK;
        for (uint32_t k = 0; k < BLOCK; ++k)
        {
            plain[b * BLOCK + k] = block[k] ^ key[k];
        }
        previous = block;
    }
    while (!plain.empty() && plain.back() == 0)
    {
        plain.pop_back();
    }
    password.assign(plain.begin(), plain.end());
    return true;
}

Authenticator
ComputeResponseAuthenticator(const PacketHeader& response,
                             const Authenticator& requestAuthenticator,
                             const std::string& secret)
{
    // RFC 2865 3: MD5(Code+ID+Length+RequestAuth+Attributes+Secret).
    const std::vector<uint8_t> packet = BytesWithAuthenticator(response, requestAuthenticator);
    return ToAuthenticator(Md5Concat({packet, secret}));
}

bool
VerifyResponseAuthenticator(const PacketHeader& response,
                            const Authenticator& requestAuthenticator,
                            const std::string& secret)
{
    return ComputeResponseAuthenticator(response, requestAuthenticator, secret) ==
           response.GetAuthenticator();
}

Authenticator
ComputeMessageAuthenticator(const PacketHeader& packet,
                            const Authenticator& authenticatorField,
                            const std::string& secret)
{
    // RFC 3579 3.2: HMAC-MD5 over Type, Identifier, Length, (Request)
    // Authenticator, Attributes, with the Message-Authenticator value zeroed.
    PacketHeader zeroed = packet;
    Attribute* attribute = zeroed.FindAttribute(MESSAGE_AUTHENTICATOR);
    if (attribute != nullptr)
    {
        attribute->SetValue(std::vector<uint8_t>(BLOCK, 0));
    }
    const std::vector<uint8_t> input = BytesWithAuthenticator(zeroed, authenticatorField);
    const std::vector<uint8_t> key(secret.begin(), secret.end());
    return ToAuthenticator(HmacMd5(key, input));
}

void
SetMessageAuthenticator(PacketHeader& packet,
                        const Authenticator& authenticatorField,
                        const std::string& secret)
{
    if (packet.FindAttribute(MESSAGE_AUTHENTICATOR) == nullptr)
    {
        packet.AddAttribute(Attribute(MESSAGE_AUTHENTICATOR, std::vector<uint8_t>(BLOCK, 0)));
    }
    const Authenticator value = ComputeMessageAuthenticator(packet, authenticatorField, secret);
    packet.FindAttribute(MESSAGE_AUTHENTICATOR)
        ->SetValue(std::vector<uint8_t>(value.begin(), value.end()));
}

bool
VerifyMessageAuthenticator(const PacketHeader& packet,
                           const Authenticator& authenticatorField,
                           const std::string& secret)
{
    // RFC 3579 3.2: at most one Message-Authenticator, 18 octets long.
    const Attribute* attribute = packet.FindAttribute(MESSAGE_AUTHENTICATOR);
    if (attribute == nullptr || packet.CountAttributes(MESSAGE_AUTHENTICATOR) != 1 ||
        attribute->GetValue().size() != BLOCK)
    {
        return false;
    }
    const Authenticator expected = ComputeMessageAuthenticator(packet, authenticatorField, secret);
    return std::equal(expected.begin(), expected.end(), attribute->GetValue().begin());
}

void
SignResponse(PacketHeader& response,
             const Authenticator& requestAuthenticator,
             const std::string& secret)
{
    if (response.FindAttribute(MESSAGE_AUTHENTICATOR) != nullptr)
    {
        SetMessageAuthenticator(response, requestAuthenticator, secret);
    }
    response.SetAuthenticator(ComputeResponseAuthenticator(response, requestAuthenticator, secret));
}

} // namespace radius
} // namespace ns3
