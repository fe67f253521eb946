// SPDX-License-Identifier: GPL-2.0-only
#include "ospf-authentication.h"

#include "ns3/assert.h"
#include "ns3/ipvpn-byte-order.h"
#include "ns3/ipvpn-md5.h"
#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("OspfAuthentication");

namespace ospf
{

namespace
{

constexpr size_t CHECKSUM = PacketHeader::CHECKSUM_OFFSET;
constexpr size_t AU_TYPE = 14;
constexpr size_t AUTH = PacketHeader::AUTHENTICATION_OFFSET;
constexpr size_t AUTH_SIZE = 8;
// Parts of the Authentication field under AuType 2 (D.3).
constexpr size_t KEY_ID = AUTH + 2;
constexpr size_t AUTH_DATA_LEN = AUTH + 3;
constexpr size_t CRYPTO_SEQUENCE = AUTH + 4;

/// The 16-bit words of `length` octets added up (RFC 1071), an odd last
/// octet padded with zero; carries are folded by the caller.
uint64_t
AddWords(const uint8_t* p, size_t length)
{
    uint64_t sum = 0;
    size_t i = 0;
    // Four words at a time: every packet sent and received is summed.
    for (; i + 8 <= length; i += 8)
    {
        const uint64_t w =
            (uint64_t{byteorder::ReadBe32(p + i)} << 32) | byteorder::ReadBe32(p + i + 4);
        sum += (w >> 48) + ((w >> 32) & 0xFFFF) + ((w >> 16) & 0xFFFF) + (w & 0xFFFF);
    }
    for (; i + 1 < length; i += 2)
    {
        sum += (uint32_t{p[i]} << 8) | p[i + 1];
    }
    if (i < length)
    {
        sum += uint32_t{p[i]} << 8;
    }
    return sum;
}

/// One's complement sum of the 16-bit words of the packet (RFC 1071),
/// the Authentication field skipped, an odd last octet padded with zero.
uint32_t
Sum(const uint8_t* packet, size_t length)
{
    // AUTH and AUTH_SIZE are even: the words either side stay aligned.
    uint64_t sum = AddWords(packet, std::min<size_t>(length, AUTH));
    if (length > AUTH + AUTH_SIZE)
    {
        sum += AddWords(packet + AUTH + AUTH_SIZE, length - AUTH - AUTH_SIZE);
    }
    while (sum >> 16)
    {
        sum = (sum & 0xFFFF) + (sum >> 16);
    }
    return static_cast<uint32_t>(sum);
}

std::array<uint8_t, 16>
PadKey(const std::string& key)
{
    NS_ASSERT_MSG(key.size() <= 16, "OSPF MD5 keys are at most 16 octets (RFC 2328 D.3)");
    std::array<uint8_t, 16> padded{};
    std::copy(key.begin(), key.end(), padded.begin());
    return padded;
}

} // namespace

uint16_t
ComputePacketChecksum(const uint8_t* packet, size_t length)
{
    NS_ASSERT(length >= PacketHeader::SIZE);
    // The sum with the Checksum field read as zero.
    uint32_t sum = Sum(packet, length) + (~uint32_t(byteorder::ReadBe16(packet + CHECKSUM)) & 0xFFFF);
    while (sum >> 16)
    {
        sum = (sum & 0xFFFF) + (sum >> 16);
    }
    return static_cast<uint16_t>(~sum & 0xFFFF);
}

bool
IsPacketChecksumValid(const uint8_t* packet, size_t length)
{
    return length >= PacketHeader::SIZE && Sum(packet, length) == 0xFFFF;
}

const char*
AuthResultName(AuthResult result)
{
    switch (result)
    {
    case AuthResult::OK:
        return "ok";
    case AuthResult::MALFORMED:
        return "malformed";
    case AuthResult::WRONG_AU_TYPE:
        return "wrong-autype";
    case AuthResult::BAD_CHECKSUM:
        return "bad-checksum";
    case AuthResult::BAD_PASSWORD:
        return "bad-password";
    case AuthResult::UNKNOWN_KEY_ID:
        return "unknown-key-id";
    case AuthResult::BAD_DIGEST:
        return "bad-digest";
    case AuthResult::SEQUENCE_DECREASED:
        return "sequence-decreased";
    }
    return "unknown";
}

Authenticator::Authenticator()
    : m_auType(AUTYPE_NULL)
    , m_password{}
    , m_sendKeyId(0)
{
}

void
Authenticator::SetNull()
{
    m_auType = AUTYPE_NULL;
}

void
Authenticator::SetSimplePassword(const std::string& password)
{
    NS_ASSERT_MSG(password.size() <= 8, "OSPF passwords are at most 8 octets (RFC 2328 D.3)");
    m_auType = AUTYPE_SIMPLE;
    m_password.fill(0);
    std::copy(password.begin(), password.end(), m_password.begin());
}

void
Authenticator::SetCryptographic(uint8_t keyId)
{
    m_auType = AUTYPE_CRYPTOGRAPHIC;
    m_sendKeyId = keyId;
}

void
Authenticator::AddKey(uint8_t keyId, const std::string& key)
{
    m_keys[keyId] = PadKey(key);
}

void
Authenticator::RemoveKey(uint8_t keyId)
{
    m_keys.erase(keyId);
}

uint16_t
Authenticator::GetAuType() const
{
    return m_auType;
}

uint8_t
Authenticator::GetSendKeyId() const
{
    return m_sendKeyId;
}

std::array<uint8_t, 16>
Authenticator::Digest(const uint8_t* packet, size_t length, const std::array<uint8_t, 16>& key)
{
    return Md5Concat({Md5Input(packet, length), Md5Input(key)});
}

std::vector<uint8_t>
Authenticator::Seal(std::vector<uint8_t> packet, uint32_t cryptoSequence) const
{
    NS_ASSERT_MSG(packet.size() >= PacketHeader::SIZE && packet.size() <= 0xFFFF,
                  "an OSPF packet is 24 to 65535 octets");
    const size_t length = packet.size();
    packet[2] = static_cast<uint8_t>(length >> 8);
    packet[3] = static_cast<uint8_t>(length);
    packet[AU_TYPE] = static_cast<uint8_t>(m_auType >> 8);
    packet[AU_TYPE + 1] = static_cast<uint8_t>(m_auType);
    std::fill(packet.begin() + AUTH, packet.begin() + AUTH + AUTH_SIZE, 0);
    if (m_auType == AUTYPE_CRYPTOGRAPHIC)
    {
        // D.4.3: checksum not computed; 0, Key ID, Auth Data Len, sequence.
        auto key = m_keys.find(m_sendKeyId);
        NS_ASSERT_MSG(key != m_keys.end(), "no key for the send Key ID");
        packet[CHECKSUM] = 0;
        packet[CHECKSUM + 1] = 0;
        packet[KEY_ID] = m_sendKeyId;
        packet[AUTH_DATA_LEN] = MD5_AUTH_DATA_LENGTH;
        for (size_t i = 0; i < 4; ++i)
        {
            packet[CRYPTO_SEQUENCE + i] = static_cast<uint8_t>(cryptoSequence >> (24 - 8 * i));
        }
        const auto digest = Digest(packet.data(), length, key->second);
        packet.insert(packet.end(), digest.begin(), digest.end());
        return packet;
    }
    // D.4.1, D.4.2: the checksum leaves the Authentication field out, so
    // the password may go in before or after it.
    const uint16_t checksum = ComputePacketChecksum(packet.data(), length);
    packet[CHECKSUM] = static_cast<uint8_t>(checksum >> 8);
    packet[CHECKSUM + 1] = static_cast<uint8_t>(checksum);
    if (m_auType == AUTYPE_SIMPLE)
    {
        std::copy(m_password.begin(), m_password.end(), packet.begin() + AUTH);
    }
    return packet;
}

AuthCheck
Authenticator::Verify(const uint8_t* data, size_t size, std::optional<uint32_t> lastSequence) const
{
    AuthCheck check;
    if (data == nullptr || size < PacketHeader::SIZE)
    {
        return check;
    }
    check.packetLength = byteorder::ReadBe16(data + 2);
    if (check.packetLength < PacketHeader::SIZE || check.packetLength > size)
    {
        return check;
    }
    const uint16_t auType = byteorder::ReadBe16(data + AU_TYPE);
    if (auType != m_auType)
    {
        check.result = AuthResult::WRONG_AU_TYPE;
        return check;
    }
    if (auType != AUTYPE_CRYPTOGRAPHIC)
    {
        if (!IsPacketChecksumValid(data, check.packetLength))
        {
            check.result = AuthResult::BAD_CHECKSUM;
        }
        else if (auType == AUTYPE_SIMPLE &&
                 !std::equal(m_password.begin(), m_password.end(), data + AUTH))
        {
            check.result = AuthResult::BAD_PASSWORD;
        }
        else
        {
            check.result = AuthResult::OK;
        }
        return check;
    }
    // D.4.3.
    check.keyId = data[KEY_ID];
    check.sequence = (uint32_t(data[CRYPTO_SEQUENCE]) << 24) |
                     (uint32_t(data[CRYPTO_SEQUENCE + 1]) << 16) |
                     (uint32_t(data[CRYPTO_SEQUENCE + 2]) << 8) | data[CRYPTO_SEQUENCE + 3];
    if (size - check.packetLength < MD5_AUTH_DATA_LENGTH)
    {
        return check; // MALFORMED: the digest is not all there
    }
    auto key = m_keys.find(check.keyId);
    if (key == m_keys.end())
    {
        check.result = AuthResult::UNKNOWN_KEY_ID;
        return check;
    }
    const auto digest = Digest(data, check.packetLength, key->second);
    if (data[AUTH_DATA_LEN] != MD5_AUTH_DATA_LENGTH ||
        !std::equal(digest.begin(), digest.end(), data + check.packetLength))
    {
        check.result = AuthResult::BAD_DIGEST;
        return check;
    }
    if (lastSequence.has_value() && check.sequence < *lastSequence)
    {
        check.result = AuthResult::SEQUENCE_DECREASED;
        return check;
    }
    check.result = AuthResult::OK;
    return check;
}

} // namespace ospf
} // namespace ns3
