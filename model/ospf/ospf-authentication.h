/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * OSPFv2 packet checksum and authentication (RFC 2328 appendix D): the
 * null (D.4.1) and simple password (D.4.2) types, which carry the standard
 * IP checksum of the packet minus its 64-bit Authentication field, and
 * cryptographic authentication (D.4.3) with keyed MD5, whose 16-octet
 * digest of the packet and the key follows the packet, outside its length.
 */
#ifndef IPVPN_OSPF_AUTHENTICATION_H
#define IPVPN_OSPF_AUTHENTICATION_H

#include "ospf-packet-header.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{
namespace ospf
{

/// Auth Data Len of keyed MD5: the digest's octets (D.3).
constexpr uint8_t MD5_AUTH_DATA_LENGTH = 16;

/**
 * The checksum of RFC 2328 D.4.1 and D.4.2: the 16-bit one's complement of
 * the one's complement sum (RFC 1071) of the packet's octets, the 64-bit
 * Authentication field left out, computed as if the Checksum field held 0.
 * \param packet the OSPF packet, header first
 * \param length its Packet length, at least 24
 */
uint16_t ComputePacketChecksum(const uint8_t* packet, size_t length);

/// \return true when the packet's stored Checksum is right.
bool IsPacketChecksumValid(const uint8_t* packet, size_t length);

/// Outcome of checking a received packet (RFC 2328 D.2, D.4).
enum class AuthResult
{
    OK,                 ///< accept the packet
    MALFORMED,          ///< shorter than its header, or Packet length / digest beyond the data
    WRONG_AU_TYPE,      ///< AuType differs from the interface's (D.2)
    BAD_CHECKSUM,       ///< null or simple password: the checksum is wrong (D.4.1, D.4.2)
    BAD_PASSWORD,       ///< simple password: the field differs from the password (D.4.2)
    UNKNOWN_KEY_ID,     ///< cryptographic: no key with that Key ID (D.4.3)
    BAD_DIGEST,         ///< cryptographic: Auth Data Len is not 16 or the digest differs
    SEQUENCE_DECREASED, ///< cryptographic: sequence number below the last accepted one
};

/// \return a lower-case name ("bad-checksum").
const char* AuthResultName(AuthResult result);

/// What Authenticator::Verify found.
struct AuthCheck
{
    AuthResult result = AuthResult::MALFORMED;
    uint16_t packetLength = 0; ///< the header's Packet length, when readable
    uint8_t keyId = 0;         ///< AuType 2 only
    uint32_t sequence = 0;     ///< AuType 2: the cryptographic sequence number
};

/**
 * The authentication of one OSPF interface (RFC 2328 D.3: AuType and key
 * are per interface), sealing outgoing packets and checking received ones.
 * Pure: the caller keeps the cryptographic sequence numbers, its own
 * (non-decreasing, D.4.3) and the last accepted from each neighbor.
 *
 * A simple password is up to 8 octets, a key up to 16; shorter ones are
 * padded with zero octets (D.3 gives both fields fixed sizes).
 */
class Authenticator
{
  public:
    /// Null authentication (AuType 0).
    Authenticator();

    /// AuType 0: checksum only.
    void SetNull();
    /// AuType 1 with this password (at most 8 octets).
    void SetSimplePassword(const std::string& password);
    /// AuType 2, sending with `keyId`; AddKey() must have given that key.
    void SetCryptographic(uint8_t keyId);
    /// Adds or replaces a key (at most 16 octets) accepted under `keyId`.
    void AddKey(uint8_t keyId, const std::string& key);
    void RemoveKey(uint8_t keyId);

    uint16_t GetAuType() const;
    uint8_t GetSendKeyId() const;

    /**
     * Seals an outgoing packet: sets its Packet length to packet.size(),
     * its AuType and Authentication field, then per AuType the checksum
     * (D.4.1, D.4.2) or, for AuType 2, a zero checksum, Key ID, Auth Data
     * Len 16 and `cryptoSequence` in the Authentication field and the MD5
     * digest of the packet followed by the key appended (D.4.3).
     * \param packet the OSPF header and body, at least 24 octets
     * \param cryptoSequence used by AuType 2 only
     * \return the octets to send
     */
    std::vector<uint8_t> Seal(std::vector<uint8_t> packet, uint32_t cryptoSequence = 0) const;

    /**
     * Checks a received packet (RFC 2328 D.2, D.4).
     * \param data the IP payload: the packet, then for AuType 2 the digest,
     *        then possibly more (e.g. an RFC 5613 LLS block), never read
     * \param size octets at data
     * \param lastSequence AuType 2: the last sequence number accepted from
     *        the sender, none when nothing was accepted yet
     *
     * Under AuType 2 the digest is checked before the sequence number, so
     * that an unauthenticated packet never reports SEQUENCE_DECREASED.
     */
    AuthCheck Verify(const uint8_t* data,
                     size_t size,
                     std::optional<uint32_t> lastSequence = std::nullopt) const;

    /// The MD5 digest of the first `length` octets of `packet` followed by
    /// the 16-octet key (D.4.3).
    static std::array<uint8_t, 16> Digest(const uint8_t* packet,
                                          size_t length,
                                          const std::array<uint8_t, 16>& key);

  private:
    uint16_t m_auType;
    std::array<uint8_t, 8> m_password;
    std::map<uint8_t, std::array<uint8_t, 16>> m_keys;
    uint8_t m_sendKeyId;
};

} // namespace ospf
} // namespace ns3

#endif /* IPVPN_OSPF_AUTHENTICATION_H */
