/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The fixed LDP PDU header (RFC 5036 section 3.1):
 *
 *   | Version (16) | PDU Length (16) |
 *   | LDP Identifier: LSR ID (32), Label Space ID (16) |
 *
 * PDU Length counts the bytes after the Length field (the 6-byte LDP
 * Identifier and the messages). A TCP receiver peeks at this header to learn
 * how many bytes of the stream make up the next PDU: 4 + GetPduLength().
 */
#ifndef IPVPN_LDP_PDU_HEADER_H
#define IPVPN_LDP_PDU_HEADER_H

#include "ns3/header.h"
#include "ns3/ipv4-address.h"

#include <cstdint>

namespace ns3
{
namespace ldp
{

/// The only protocol version RFC 5036 defines.
constexpr uint16_t LDP_VERSION = 1;
/// Wire size of the PDU header.
constexpr uint32_t PDU_HEADER_SIZE = 10;
/// Bytes the PDU Length counts that belong to the header (the LDP Identifier).
constexpr uint16_t LDP_IDENTIFIER_SIZE = 6;
/// Largest PDU before the session negotiates another (RFC 5036 section 3.5.3).
constexpr uint16_t DEFAULT_MAX_PDU_LENGTH = 4096;
/// UDP and TCP port of LDP (RFC 5036 section 3.10).
constexpr uint16_t LDP_PORT = 646;

/**
 * PDU header. Deserialize() flags a short buffer, a version other than 1
 * (STATUS_BAD_PROTOCOL_VERSION) and a PDU Length below 6
 * (STATUS_BAD_PDU_LENGTH); it cannot tell whether the rest of the PDU is
 * present, which Pdu checks.
 */
class PduHeader : public Header
{
  public:
    static TypeId GetTypeId();

    PduHeader();
    PduHeader(Ipv4Address lsrId, uint16_t labelSpace, uint16_t pduLength = LDP_IDENTIFIER_SIZE);

    void SetVersion(uint16_t version);
    uint16_t GetVersion() const;
    /// Bytes after the Length field: 6 + size of the messages.
    void SetPduLength(uint16_t length);
    uint16_t GetPduLength() const;
    void SetLsrId(Ipv4Address lsrId);
    Ipv4Address GetLsrId() const;
    void SetLabelSpace(uint16_t labelSpace);
    uint16_t GetLabelSpace() const;

    /// Bytes of the whole PDU on the wire: 4 + PDU Length.
    uint32_t GetTotalPduSize() const;

    bool IsValid() const;
    /// STATUS_SUCCESS or the RFC 5036 status code of the problem.
    uint32_t GetStatus() const;

    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    uint32_t Deserialize(Buffer::Iterator start, Buffer::Iterator end) override;
    void Print(std::ostream& os) const override;

    /// Decodes from at most `available` bytes; returns the bytes read.
    uint32_t DeserializeFrom(Buffer::Iterator start, uint32_t available);

    bool operator==(const PduHeader& other) const;
    bool operator!=(const PduHeader& other) const;

  private:
    uint16_t m_version;
    uint16_t m_pduLength;
    Ipv4Address m_lsrId;
    uint16_t m_labelSpace;
    uint32_t m_status;
};

std::ostream& operator<<(std::ostream& os, const PduHeader& header);

} // namespace ldp
} // namespace ns3

#endif
