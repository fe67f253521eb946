/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * A whole LDP PDU (RFC 5036 section 3.1): the PDU header followed by one or
 * more messages. Several PDUs may follow each other in one TCP segment;
 * Deserialize() reads exactly one (4 + PDU Length bytes), so a caller loops
 * with Packet::RemoveHeader() until the segment is used up.
 */
#ifndef IPVPN_LDP_PDU_H
#define IPVPN_LDP_PDU_H

#include "ns3/header.h"
#include "ns3/ldp-message.h"
#include "ns3/ldp-pdu-header.h"

#include <memory>
#include <vector>

namespace ns3
{
namespace ldp
{

/**
 * LDP PDU with its messages in generic form (see Message::LoadFrom() to
 * obtain a typed message). The PDU Length is computed on Serialize().
 *
 * Decoding never asserts and always ends: every message consumes at least
 * four bytes or stops the loop. IsValid() is false when
 * - the header is bad (version, PDU Length < 6, fewer than 10 bytes);
 * - the PDU Length runs past the data (STATUS_BAD_PDU_LENGTH);
 * - a message has a bad length (STATUS_BAD_MESSAGE_LENGTH; decoding stops
 *   there because the next message cannot be found);
 * - a message carries a TLV that overruns it (STATUS_BAD_TLV_LENGTH; the
 *   following messages are still decoded).
 * GetStatus() gives the first problem; each Message has its own status.
 */
class Pdu : public Header
{
  public:
    static TypeId GetTypeId();

    Pdu();
    Pdu(Ipv4Address lsrId, uint16_t labelSpace);

    void SetLsrId(Ipv4Address lsrId);
    Ipv4Address GetLsrId() const;
    void SetLabelSpace(uint16_t labelSpace);
    uint16_t GetLabelSpace() const;
    /// The header as decoded, or as it will be encoded (PDU Length computed).
    PduHeader GetHeader() const;

    /// Appends a message (typed or generic) in generic form.
    void AddMessage(const Message& message);
    const std::vector<Message>& GetMessages() const;
    uint32_t GetNMessages() const;
    void ClearMessages();

    bool IsValid() const;
    uint32_t GetStatus() const;

    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    uint32_t Deserialize(Buffer::Iterator start, Buffer::Iterator end) override;
    void Print(std::ostream& os) const override;

    /// Decodes one PDU from at most `available` bytes; returns bytes used
    /// (all of `available` when the PDU Length does not fit).
    uint32_t DeserializeFrom(Buffer::Iterator start, uint32_t available);

    bool operator==(const Pdu& other) const;
    bool operator!=(const Pdu& other) const;

  private:
    PduHeader m_header;
    std::vector<Message> m_messages;
    uint32_t m_status;
};

std::ostream& operator<<(std::ostream& os, const Pdu& pdu);

/**
 * An empty message of the typed class for `type` (RFC 5036 section 3.5),
 * to be filled with Message::LoadFrom() from a PDU's generic message;
 * nullptr when IsKnownMessageType(type) is false.
 */
std::unique_ptr<Message> MakeTypedMessage(uint16_t type);

} // namespace ldp
} // namespace ns3

#endif
