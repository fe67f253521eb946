/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The 24-octet header every OSPFv2 packet starts with (RFC 2328 A.3.1),
 * the packet types and the IP-level constants of OSPF (A.1).
 */
#ifndef IPVPN_OSPF_PACKET_HEADER_H
#define IPVPN_OSPF_PACKET_HEADER_H

#include "ns3/header.h"
#include "ns3/ipv4-address.h"

#include <array>
#include <cstdint>
#include <ostream>

namespace ns3
{
namespace ospf
{

/// OSPF runs directly over IPv4, protocol number 89 (RFC 2328 A.1).
constexpr uint8_t OSPF_PROTOCOL_NUMBER = 89;
/// AllSPFRouters, 224.0.0.5 (A.1).
constexpr uint32_t ALL_SPF_ROUTERS = 0xE0000005;
/// AllDRouters, 224.0.0.6 (A.1).
constexpr uint32_t ALL_D_ROUTERS = 0xE0000006;
/// The version this codec speaks (A.3.1).
constexpr uint8_t OSPF_VERSION = 2;

/// OSPF packet types (RFC 2328 A.3.1).
enum PacketType : uint8_t
{
    PACKET_HELLO = 1,
    PACKET_DATABASE_DESCRIPTION = 2,
    PACKET_LINK_STATE_REQUEST = 3,
    PACKET_LINK_STATE_UPDATE = 4,
    PACKET_LINK_STATE_ACK = 5,
};

/// \return the RFC's name of a packet type ("Hello", "Database Description",
///         ...), "unknown" for other values.
const char* PacketTypeName(uint8_t type);

/// Authentication types (RFC 2328 appendix D).
enum AuType : uint16_t
{
    AUTYPE_NULL = 0,          ///< D.2: no authentication, checksum only
    AUTYPE_SIMPLE = 1,        ///< D.3: a 64-bit clear-text password
    AUTYPE_CRYPTOGRAPHIC = 2, ///< D.4.3: keyed MD5 digest after the packet
};

/**
 * OSPF packet header (RFC 2328 A.3.1):
 *
 *   | Version (8) | Type (8) | Packet length (16) |
 *   | Router ID (32) |
 *   | Area ID (32) |
 *   | Checksum (16) | AuType (16) |
 *   | Authentication (64) |
 *
 * Packet length counts this header and the body, not the MD5 digest of
 * cryptographic authentication that follows the packet (D.4.3). For AuType
 * 2 the Authentication field holds zero (16 bits), Key ID (8), Auth Data
 * Len (8) and the cryptographic sequence number (32); the Get/SetKeyId,
 * AuthDataLength and CryptoSequence accessors read and write those parts.
 *
 * Deserialize reads 24 octets and checks the version, the type and that
 * the packet length is at least 24 and within the octets available; a
 * failure is reported by IsValid()/GetError(), never by an assertion.
 * Checksum and authentication are checked by ospf::Authenticator.
 */
class PacketHeader : public Header
{
  public:
    /// Why a decoded header is unusable.
    enum Error
    {
        OK = 0,      ///< well formed
        TRUNCATED,   ///< fewer than 24 octets
        BAD_VERSION, ///< version is not 2
        BAD_TYPE,    ///< type outside 1..5
        BAD_LENGTH,  ///< packet length below 24 or beyond the octets available
    };

    /// Octets on the wire.
    static constexpr uint32_t SIZE = 24;
    /// Offset of the Checksum field, and of the Authentication field.
    static constexpr uint32_t CHECKSUM_OFFSET = 12;
    static constexpr uint32_t AUTHENTICATION_OFFSET = 16;

    static TypeId GetTypeId();

    PacketHeader();

    void SetVersion(uint8_t version);
    uint8_t GetVersion() const;
    void SetType(uint8_t type);
    uint8_t GetType() const;
    /// Header plus body, in octets (A.3.1).
    void SetPacketLength(uint16_t length);
    uint16_t GetPacketLength() const;
    void SetRouterId(Ipv4Address routerId);
    Ipv4Address GetRouterId() const;
    void SetAreaId(Ipv4Address areaId);
    Ipv4Address GetAreaId() const;
    void SetChecksum(uint16_t checksum);
    uint16_t GetChecksum() const;
    void SetAuType(uint16_t auType);
    uint16_t GetAuType() const;
    /// The 64-bit Authentication field as it is on the wire.
    void SetAuthentication(const std::array<uint8_t, 8>& field);
    const std::array<uint8_t, 8>& GetAuthentication() const;

    /// Parts of the Authentication field under AuType 2 (D.3).
    void SetKeyId(uint8_t keyId);
    uint8_t GetKeyId() const;
    void SetAuthDataLength(uint8_t length);
    uint8_t GetAuthDataLength() const;
    void SetCryptoSequence(uint32_t sequence);
    uint32_t GetCryptoSequence() const;

    /// false when the last Deserialize flagged the header (see GetError()).
    bool IsValid() const;
    Error GetError() const;

    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    /// Reads the header; the octets available are all that remain.
    uint32_t Deserialize(Buffer::Iterator start) override;
    /// Reads the header; Packet length may not go beyond `end`.
    uint32_t Deserialize(Buffer::Iterator start, Buffer::Iterator end) override;
    void Print(std::ostream& os) const override;

    bool operator==(const PacketHeader& other) const;
    bool operator!=(const PacketHeader& other) const;

  private:
    uint8_t m_version;
    uint8_t m_type;
    uint16_t m_packetLength;
    Ipv4Address m_routerId;
    Ipv4Address m_areaId;
    uint16_t m_checksum;
    uint16_t m_auType;
    std::array<uint8_t, 8> m_authentication;
    Error m_error;
};

/// \return a lower-case name of a header error ("bad-length").
const char* PacketHeaderErrorName(PacketHeader::Error error);

} // namespace ospf
} // namespace ns3

#endif /* IPVPN_OSPF_PACKET_HEADER_H */
