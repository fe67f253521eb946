/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * One RADIUS attribute: Type (1 octet), Length (1 octet, counting Type and
 * Length), Value (0-253 octets) -- RFC 2865 section 5.
 */
#ifndef IPVPN_RADIUS_ATTRIBUTE_H
#define IPVPN_RADIUS_ATTRIBUTE_H

#include "ns3/header.h"
#include "ns3/ipv4-address.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace radius
{

/// Attribute types: RFC 2865 section 5.1-5.44, plus the RFC 3579 ones used
/// with EAP and the Message-Authenticator.
enum AttributeType : uint8_t
{
    USER_NAME = 1,
    USER_PASSWORD = 2,
    CHAP_PASSWORD = 3,
    NAS_IP_ADDRESS = 4,
    NAS_PORT = 5,
    SERVICE_TYPE = 6,
    FRAMED_PROTOCOL = 7,
    FRAMED_IP_ADDRESS = 8,
    FRAMED_IP_NETMASK = 9,
    FRAMED_ROUTING = 10,
    FILTER_ID = 11,
    FRAMED_MTU = 12,
    FRAMED_COMPRESSION = 13,
    LOGIN_IP_HOST = 14,
    LOGIN_SERVICE = 15,
    LOGIN_TCP_PORT = 16,
    REPLY_MESSAGE = 18,
    CALLBACK_NUMBER = 19,
    CALLBACK_ID = 20,
    FRAMED_ROUTE = 22,
    FRAMED_IPX_NETWORK = 23,
    STATE = 24,
    CLASS = 25,
    VENDOR_SPECIFIC = 26,
    SESSION_TIMEOUT = 27,
    IDLE_TIMEOUT = 28,
    TERMINATION_ACTION = 29,
    CALLED_STATION_ID = 30,
    CALLING_STATION_ID = 31,
    NAS_IDENTIFIER = 32,
    PROXY_STATE = 33,
    LOGIN_LAT_SERVICE = 34,
    LOGIN_LAT_NODE = 35,
    LOGIN_LAT_GROUP = 36,
    FRAMED_APPLETALK_LINK = 37,
    FRAMED_APPLETALK_NETWORK = 38,
    FRAMED_APPLETALK_ZONE = 39,
    CHAP_CHALLENGE = 60,
    NAS_PORT_TYPE = 61,
    PORT_LIMIT = 62,
    LOGIN_LAT_PORT = 63,
    EAP_MESSAGE = 79,           ///< RFC 3579 section 3.1
    MESSAGE_AUTHENTICATOR = 80, ///< RFC 3579 section 3.2
};

/// Human-readable name of an attribute type ("Unknown" when not listed above).
std::string AttributeTypeName(uint8_t type);

/**
 * A RADIUS attribute as a value type. Deserialize() flags malformed input
 * (length below 2, or running past the available data) through IsValid()
 * instead of asserting. ns-3 declares an ns3::Attribute too: code that has
 * using-directives for both ns3 and ns3::radius writes radius::Attribute.
 */
class Attribute : public Header
{
  public:
    static constexpr uint32_t HEADER_SIZE = 2;      ///< Type + Length
    static constexpr uint32_t MAX_VALUE_SIZE = 253; ///< 255 - HEADER_SIZE

    Attribute();
    /// Values longer than MAX_VALUE_SIZE are cut to that size.
    Attribute(uint8_t type, const std::vector<uint8_t>& value);

    /// "text" and "string" data types (RFC 2865 section 5): raw octets.
    static Attribute FromString(uint8_t type, const std::string& text);
    /// "integer" data type: 32 bits, network byte order.
    static Attribute FromUint32(uint8_t type, uint32_t value);
    /// "address" data type: an IPv4 address, network byte order.
    static Attribute FromAddress(uint8_t type, Ipv4Address address);

    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    /// Reads one attribute from at most the rest of the buffer.
    uint32_t Deserialize(Buffer::Iterator start) override;
    /// Reads one attribute that must end at or before end. On malformed
    /// input IsValid() turns false and the return value counts the octets
    /// examined, never more than are available.
    uint32_t Deserialize(Buffer::Iterator start, Buffer::Iterator end) override;

    uint8_t GetType() const;
    void SetType(uint8_t type);
    const std::vector<uint8_t>& GetValue() const;
    /// Values longer than MAX_VALUE_SIZE are cut to that size.
    void SetValue(const std::vector<uint8_t>& value);

    /// The value's octets as a string.
    std::string GetString() const;
    /// False when the value is not exactly 4 octets.
    bool GetUint32(uint32_t& value) const;
    /// False when the value is not exactly 4 octets.
    bool GetAddress(Ipv4Address& address) const;

    /// False after Deserialize() met a malformed attribute.
    bool IsValid() const;

    bool operator==(const Attribute& other) const;
    bool operator!=(const Attribute& other) const;

  private:
    uint8_t m_type;
    std::vector<uint8_t> m_value;
    bool m_valid;
};

} // namespace radius
} // namespace ns3

#endif // IPVPN_RADIUS_ATTRIBUTE_H
