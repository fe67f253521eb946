/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * LDP message encoding (RFC 5036 section 3.5):
 *
 *   |U| Message Type (15) | Message Length (16) |
 *   | Message ID (32)                           |
 *   | Mandatory Parameters (TLVs) | Optional Parameters (TLVs) |
 *
 * Message is the generic form: any type, its parameters as raw TLVs in wire
 * order. It is what a Pdu holds, and it keeps unknown messages with their U
 * bit so a session can apply the rule of section 3.5 (U = 0: notify
 * "Unknown Message Type"; U = 1: ignore silently). The typed messages in
 * ldp-session-messages.h, ldp-address-messages.h and ldp-label-messages.h
 * derive from it and interpret the parameters of one message type.
 */
#ifndef IPVPN_LDP_MESSAGE_H
#define IPVPN_LDP_MESSAGE_H

#include "ns3/header.h"
#include "ns3/ldp-tlv.h"

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{
namespace ldp
{

/// Message types (RFC 5036 section 3.5).
enum MessageType : uint16_t
{
    MSG_NOTIFICATION = 0x0001,        ///< section 3.5.1
    MSG_HELLO = 0x0100,               ///< section 3.5.2
    MSG_INITIALIZATION = 0x0200,      ///< section 3.5.3
    MSG_KEEPALIVE = 0x0201,           ///< section 3.5.4
    MSG_ADDRESS = 0x0300,             ///< section 3.5.5
    MSG_ADDRESS_WITHDRAW = 0x0301,    ///< section 3.5.6
    MSG_LABEL_MAPPING = 0x0400,       ///< section 3.5.7
    MSG_LABEL_REQUEST = 0x0401,       ///< section 3.5.8
    MSG_LABEL_WITHDRAW = 0x0402,      ///< section 3.5.10
    MSG_LABEL_RELEASE = 0x0403,       ///< section 3.5.11
    MSG_LABEL_ABORT_REQUEST = 0x0404, ///< section 3.5.9
};

/// The Message Type field is 15 bits.
constexpr uint16_t MAX_MESSAGE_TYPE = 0x7FFF;
/// Type and Length fields; the Message ID is counted in the Length.
constexpr uint32_t MESSAGE_HEADER_SIZE = 4;
/// Smallest legal Message Length: just the Message ID.
constexpr uint16_t MIN_MESSAGE_LENGTH = 4;

/// \return true for the eleven message types RFC 5036 defines.
bool IsKnownMessageType(uint16_t type);
/// \return the RFC name of a message type, or "Message 0x....".
std::string MessageTypeName(uint16_t type);

/**
 * An LDP message. Decoding never reads past the data it is given and never
 * asserts: problems are reported by IsValid()/GetStatus() with the RFC 5036
 * status code a session would send.
 *
 * - STATUS_BAD_MESSAGE_LENGTH: the Length is below 4 or runs past the data.
 *   The framing of whatever follows is lost (HasFramingError()).
 * - STATUS_BAD_TLV_LENGTH: a TLV overruns the message; the TLVs before it
 *   are kept.
 * - a typed message's own checks (missing mandatory TLV, malformed value).
 *
 * A typed subclass decoding a message of another type reports
 * STATUS_UNKNOWN_MESSAGE_TYPE (it does not know that type).
 */
class Message : public Header
{
  public:
    static TypeId GetTypeId();

    Message();
    explicit Message(uint16_t type, uint32_t messageId = 0);

    void SetType(uint16_t type);
    uint16_t GetType() const;
    void SetUnknownBit(bool u);
    bool GetUnknownBit() const;
    void SetMessageId(uint32_t id);
    uint32_t GetMessageId() const;

    /**
     * All parameters in encoding order. For the generic Message these are
     * the stored TLVs; a typed message builds them from its fields, followed
     * by the TLVs it does not interpret.
     */
    std::vector<Tlv> GetParameters() const;
    /// TLVs this class does not interpret (for the generic Message: all),
    /// with their U/F bits, for RFC 5036 section 3.3 handling.
    const std::vector<Tlv>& GetOtherParameters() const;
    void SetOtherParameters(std::vector<Tlv> tlvs);
    void AddOtherParameter(Tlv tlv);

    /// The generic form of this message (header fields and GetParameters()).
    Message ToGeneric() const;
    /**
     * Loads header and parameters from a generic message, interpreting the
     * parameters as this class does on Deserialize.
     * \return IsValid() afterwards.
     */
    bool LoadFrom(const Message& generic);

    bool IsValid() const;
    /// STATUS_SUCCESS, or the status code describing the problem.
    uint32_t GetStatus() const;
    /// true when the Message Length was unusable, so the bytes after this
    /// message cannot be located.
    bool HasFramingError() const;

    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    uint32_t Deserialize(Buffer::Iterator start, Buffer::Iterator end) override;
    void Print(std::ostream& os) const override;

    /**
     * Decodes one message from at most `available` bytes at start.
     * \return bytes consumed: 4 + Message Length when that fits, else all of
     * `available` (framing error).
     */
    uint32_t DeserializeFrom(Buffer::Iterator start, uint32_t available);

    /// Same type, U bit, ID and parameters (typed or generic alike).
    bool operator==(const Message& other) const;
    bool operator!=(const Message& other) const;

  protected:
    /// For typed messages: fixedType makes Deserialize() and LoadFrom()
    /// accept only messages of `type`.
    Message(uint16_t type, uint32_t messageId, bool fixedType);

    /// Typed messages append their TLVs (mandatory first) to `out`.
    virtual void EncodeParameters(std::vector<Tlv>& out) const;
    /**
     * Typed messages pick their fields out of `tlvs` and store the rest with
     * SetOtherParameters(). The default keeps them all.
     * \return STATUS_SUCCESS or the status code of the problem.
     */
    virtual uint32_t DecodeParameters(const std::vector<Tlv>& tlvs);
    /// Typed messages print their fields; the default prints the TLVs.
    virtual void PrintParameters(std::ostream& os) const;

    /// For subclasses: records a decoding problem (first one wins).
    void SetStatus(uint32_t status);

  private:
    /// Resets the typed fields and the other parameters.
    void ClearParameters();

    bool m_uBit;
    uint16_t m_type;
    uint32_t m_messageId;
    std::vector<Tlv> m_other;
    uint16_t m_fixedType; ///< the only type a typed subclass decodes; 0: any
    uint32_t m_status;
    bool m_framingError;
};

std::ostream& operator<<(std::ostream& os, const Message& message);

} // namespace ldp
} // namespace ns3

#endif
