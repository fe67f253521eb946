/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A whole RADIUS packet (RFC 2865 section 3): Code, Identifier, Length,
 * 16-octet Authenticator, then attributes up to Length. RADIUS has no
 * payload of its own, so the header is the packet.
 */
#ifndef IPVPN_RADIUS_PACKET_HEADER_H
#define IPVPN_RADIUS_PACKET_HEADER_H

#include "radius-attribute.h"

#include "ns3/header.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace radius
{

/// Packet codes, RFC 2865 section 3 (accounting ones from RFC 2866).
enum Code : uint8_t
{
    ACCESS_REQUEST = 1,
    ACCESS_ACCEPT = 2,
    ACCESS_REJECT = 3,
    ACCOUNTING_REQUEST = 4,
    ACCOUNTING_RESPONSE = 5,
    ACCESS_CHALLENGE = 11,
    STATUS_SERVER = 12,
    STATUS_CLIENT = 13,
};

/// Human-readable name of a packet code ("Unknown" when not listed above).
std::string CodeName(uint8_t code);

/// The Request or Response Authenticator field.
using Authenticator = std::array<uint8_t, 16>;

/**
 * A RADIUS packet. Deserialize() never asserts on bad input: it records the
 * first problem found in GetError() and clears IsValid().
 */
class PacketHeader : public Header
{
  public:
    static constexpr uint16_t MIN_LENGTH = 20;   ///< RFC 2865 section 3
    static constexpr uint16_t MAX_LENGTH = 4096; ///< RFC 2865 section 3

    /// Why Deserialize() rejected its input.
    enum Error
    {
        NONE,                ///< well-formed
        TRUNCATED,           ///< fewer than 20 octets available
        BAD_LENGTH,          ///< Length field below 20 or above 4096
        LENGTH_EXCEEDS_DATA, ///< Length field larger than the data received
        BAD_ATTRIBUTE,       ///< an attribute's length below 2 or overrunning Length
    };

    PacketHeader();
    PacketHeader(uint8_t code, uint8_t identifier);

    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    /// Reads a packet from the rest of the buffer. Octets beyond the
    /// Length field are padding (RFC 2865 section 3) and are not consumed.
    uint32_t Deserialize(Buffer::Iterator start) override;
    /// Reads a packet from [start, end). On malformed input IsValid() turns
    /// false and the return value counts the octets examined, never more
    /// than are available.
    uint32_t Deserialize(Buffer::Iterator start, Buffer::Iterator end) override;

    uint8_t GetCode() const;
    void SetCode(uint8_t code);
    uint8_t GetIdentifier() const;
    void SetIdentifier(uint8_t identifier);
    const Authenticator& GetAuthenticator() const;
    void SetAuthenticator(const Authenticator& authenticator);

    /// The Length field: 20 plus the attributes.
    uint16_t GetLength() const;

    const std::vector<Attribute>& GetAttributes() const;
    void AddAttribute(const Attribute& attribute);
    void ClearAttributes();
    /// First attribute of that type, or nullptr.
    const Attribute* FindAttribute(uint8_t type) const;
    Attribute* FindAttribute(uint8_t type);
    /// Number of attributes of that type.
    uint32_t CountAttributes(uint8_t type) const;

    /// The packet's octets, as Serialize() writes them.
    std::vector<uint8_t> ToBytes() const;

    /// Decodes a datagram; IsValid() on the result tells whether it was well
    /// formed.
    static PacketHeader FromBytes(const std::vector<uint8_t>& bytes);

    bool IsValid() const;
    Error GetError() const;

    bool operator==(const PacketHeader& other) const;
    bool operator!=(const PacketHeader& other) const;

  private:
    uint8_t m_code;
    uint8_t m_identifier;
    Authenticator m_authenticator;
    std::vector<Attribute> m_attributes;
    Error m_error;
};

} // namespace radius
} // namespace ns3

#endif // IPVPN_RADIUS_PACKET_HEADER_H
