/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * L2TPv2 Attribute-Value Pairs (RFC 2661 section 4.1):
 *
 *   |M|H| rsvd  |      Length       |           Vendor ID           |
 *   |         Attribute Type        |  Attribute Value ...
 *
 * Length (10 bits) counts the 6-octet header and the value. The attribute
 * types of RFC 2661 section 4.4 and the control message types of section
 * 3.2 are named below.
 */
#ifndef IPVPN_L2TP_AVP_H
#define IPVPN_L2TP_AVP_H

#include "ns3/header.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace l2tp
{

/// Attribute types with Vendor ID 0 (RFC 2661 section 4.4).
enum AvpType : uint16_t
{
    AVP_MESSAGE_TYPE = 0,                  ///< 4.4.1
    AVP_RESULT_CODE = 1,                   ///< 4.4.2
    AVP_PROTOCOL_VERSION = 2,              ///< 4.4.3
    AVP_FRAMING_CAPABILITIES = 3,          ///< 4.4.3
    AVP_BEARER_CAPABILITIES = 4,           ///< 4.4.3
    AVP_TIE_BREAKER = 5,                   ///< 4.4.3
    AVP_FIRMWARE_REVISION = 6,             ///< 4.4.3
    AVP_HOST_NAME = 7,                     ///< 4.4.3
    AVP_VENDOR_NAME = 8,                   ///< 4.4.3
    AVP_ASSIGNED_TUNNEL_ID = 9,            ///< 4.4.3
    AVP_RECEIVE_WINDOW_SIZE = 10,          ///< 4.4.3
    AVP_CHALLENGE = 11,                    ///< 4.4.3
    AVP_Q931_CAUSE_CODE = 12,              ///< 4.4.4
    AVP_CHALLENGE_RESPONSE = 13,           ///< 4.4.3
    AVP_ASSIGNED_SESSION_ID = 14,          ///< 4.4.4
    AVP_CALL_SERIAL_NUMBER = 15,           ///< 4.4.4
    AVP_MINIMUM_BPS = 16,                  ///< 4.4.4
    AVP_MAXIMUM_BPS = 17,                  ///< 4.4.4
    AVP_BEARER_TYPE = 18,                  ///< 4.4.4
    AVP_FRAMING_TYPE = 19,                 ///< 4.4.4
    AVP_CALLED_NUMBER = 21,                ///< 4.4.4
    AVP_CALLING_NUMBER = 22,               ///< 4.4.4
    AVP_SUB_ADDRESS = 23,                  ///< 4.4.4
    AVP_TX_CONNECT_SPEED = 24,             ///< 4.4.4
    AVP_PHYSICAL_CHANNEL_ID = 25,          ///< 4.4.4
    AVP_INITIAL_RECEIVED_LCP_CONFREQ = 26, ///< 4.4.5
    AVP_LAST_SENT_LCP_CONFREQ = 27,        ///< 4.4.5
    AVP_LAST_RECEIVED_LCP_CONFREQ = 28,    ///< 4.4.5
    AVP_PROXY_AUTHEN_TYPE = 29,            ///< 4.4.5
    AVP_PROXY_AUTHEN_NAME = 30,            ///< 4.4.5
    AVP_PROXY_AUTHEN_CHALLENGE = 31,       ///< 4.4.5
    AVP_PROXY_AUTHEN_ID = 32,              ///< 4.4.5
    AVP_PROXY_AUTHEN_RESPONSE = 33,        ///< 4.4.5
    AVP_CALL_ERRORS = 34,                  ///< 4.4.6
    AVP_ACCM = 35,                         ///< 4.4.6
    AVP_RANDOM_VECTOR = 36,                ///< 4.4.1
    AVP_PRIVATE_GROUP_ID = 37,             ///< 4.4.4
    AVP_RX_CONNECT_SPEED = 38,             ///< 4.4.4
    AVP_SEQUENCING_REQUIRED = 39,          ///< 4.4.4
};

/// Control message types carried by the Message Type AVP (RFC 2661 3.2).
enum MessageType : uint16_t
{
    SCCRQ = 1,   ///< Start-Control-Connection-Request
    SCCRP = 2,   ///< Start-Control-Connection-Reply
    SCCCN = 3,   ///< Start-Control-Connection-Connected
    STOPCCN = 4, ///< Stop-Control-Connection-Notification
    HELLO = 6,   ///< Hello
    OCRQ = 7,    ///< Outgoing-Call-Request
    OCRP = 8,    ///< Outgoing-Call-Reply
    OCCN = 9,    ///< Outgoing-Call-Connected
    ICRQ = 10,   ///< Incoming-Call-Request
    ICRP = 11,   ///< Incoming-Call-Reply
    ICCN = 12,   ///< Incoming-Call-Connected
    CDN = 14,    ///< Call-Disconnect-Notify
    WEN = 15,    ///< WAN-Error-Notify
    SLI = 16,    ///< Set-Link-Info
};

/// Short name of an attribute type with Vendor ID 0 ("Unknown" otherwise).
std::string AvpTypeName(uint16_t type);
/// Short name of a control message type ("Unknown" otherwise).
std::string MessageTypeName(uint16_t type);

/**
 * One AVP as a value type. A hidden AVP (H bit set) keeps its value in hidden
 * form here; see l2tp-hidden-avp.h to hide and recover it. Deserialize()
 * flags malformed input through IsValid() instead of asserting.
 */
class Avp : public Header
{
  public:
    static constexpr uint32_t HEADER_SIZE = 6;   ///< flags/length, Vendor ID, type
    static constexpr uint32_t MAX_LENGTH = 1023; ///< a 10-bit Length field
    static constexpr uint32_t MAX_VALUE_SIZE = MAX_LENGTH - HEADER_SIZE;

    Avp();
    /// Values longer than MAX_VALUE_SIZE are cut to that size.
    Avp(uint16_t type,
        const std::vector<uint8_t>& value,
        bool mandatory = true,
        uint16_t vendorId = 0);

    /// Message Type AVP (4.4.1): mandatory, 2-octet value.
    static Avp MakeMessageType(uint16_t messageType);
    static Avp MakeUint16(uint16_t type, uint16_t value, bool mandatory = true);
    static Avp MakeUint32(uint16_t type, uint32_t value, bool mandatory = true);
    static Avp MakeString(uint16_t type, const std::string& text, bool mandatory = true);
    /// Result Code AVP (4.4.2): result code, then the error code and message
    /// when either is given (errorCode 0 = "no general error").
    static Avp MakeResultCode(uint16_t resultCode,
                              uint16_t errorCode = 0,
                              const std::string& errorMessage = "");

    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    /// Reads one AVP from at most the rest of the buffer.
    uint32_t Deserialize(Buffer::Iterator start) override;
    /// Reads one AVP that must end at or before end. On malformed input
    /// IsValid() turns false and the return value counts the octets
    /// examined, never more than are available.
    uint32_t Deserialize(Buffer::Iterator start, Buffer::Iterator end) override;

    bool IsMandatory() const;
    void SetMandatory(bool mandatory);
    bool IsHidden() const;
    void SetHidden(bool hidden);
    /// The four reserved bits after M and H. RFC 2661 4.1: an AVP received
    /// with any of them set MUST be treated as unrecognized.
    uint8_t GetReservedBits() const;
    void SetReservedBits(uint8_t bits);
    uint16_t GetVendorId() const;
    void SetVendorId(uint16_t vendorId);
    uint16_t GetType() const;
    void SetType(uint16_t type);
    /// The Length field: 6 plus the value.
    uint16_t GetLength() const;
    const std::vector<uint8_t>& GetValue() const;
    /// Values longer than MAX_VALUE_SIZE are cut to that size.
    void SetValue(const std::vector<uint8_t>& value);

    /// True for Vendor ID 0 and the given attribute type.
    bool Is(uint16_t ietfType) const;
    /// False unless the value is exactly 2 octets and not hidden.
    bool GetUint16(uint16_t& value) const;
    /// False unless the value is exactly 4 octets and not hidden.
    bool GetUint32(uint32_t& value) const;
    /// The value's octets as a string.
    std::string GetString() const;
    /// Reads a Result Code AVP value (4.4.2): 2 octets of result code, or
    /// at least 4 with an error code and an optional message. False for any
    /// other size or a hidden value; absent fields come back as 0 and "".
    bool GetResultCode(uint16_t& resultCode, uint16_t& errorCode, std::string& errorMessage) const;

    /// False after Deserialize() met a malformed AVP.
    bool IsValid() const;

    bool operator==(const Avp& other) const;
    bool operator!=(const Avp& other) const;

  private:
    bool m_mandatory;
    bool m_hidden;
    uint8_t m_reserved;
    uint16_t m_vendorId;
    uint16_t m_type;
    std::vector<uint8_t> m_value;
    bool m_valid;
};

} // namespace l2tp
} // namespace ns3

#endif // IPVPN_L2TP_AVP_H
