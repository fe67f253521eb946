/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The body of an OSPFv2 Link State Acknowledgment packet (RFC 2328 A.3.6).
 */
#ifndef IPVPN_OSPF_LINK_STATE_ACK_HEADER_H
#define IPVPN_OSPF_LINK_STATE_ACK_HEADER_H

#include "ospf-lsa-header.h"

#include "ns3/header.h"

#include <cstdint>
#include <ostream>
#include <vector>

namespace ns3
{
namespace ospf
{

/**
 * Link State Acknowledgment body (RFC 2328 A.3.6): the 20-octet headers
 * of the LSAs acknowledged, nothing else. Bounded by the packet length like
 * HelloHeader; a body that is not whole headers is flagged.
 */
class LinkStateAckHeader : public Header
{
  public:
    /// Why a decoded body is unusable.
    enum Error
    {
        OK = 0,     ///< well formed
        BAD_LENGTH, ///< not a multiple of 20 octets
    };

    static TypeId GetTypeId();

    LinkStateAckHeader();

    void SetLsaHeaders(const std::vector<LsaHeader>& headers);
    const std::vector<LsaHeader>& GetLsaHeaders() const;

    bool IsValid() const;
    Error GetError() const;

    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    uint32_t Deserialize(Buffer::Iterator start, Buffer::Iterator end) override;
    void Print(std::ostream& os) const override;

    bool operator==(const LinkStateAckHeader& other) const;
    bool operator!=(const LinkStateAckHeader& other) const;

  private:
    std::vector<LsaHeader> m_headers;
    Error m_error;
};

} // namespace ospf
} // namespace ns3

#endif /* IPVPN_OSPF_LINK_STATE_ACK_HEADER_H */
