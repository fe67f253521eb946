/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The body of an OSPFv2 Link State Request packet (RFC 2328 A.3.4).
 */
#ifndef IPVPN_OSPF_LINK_STATE_REQUEST_HEADER_H
#define IPVPN_OSPF_LINK_STATE_REQUEST_HEADER_H

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
 * Link State Request body (RFC 2328 A.3.4): one 12-octet entry per LSA
 * requested,
 *
 *   | LS type (32) |
 *   | Link State ID (32) |
 *   | Advertising Router (32) |
 *
 * kept as LsaKey values. Bounded by the packet length like HelloHeader; a
 * body that is not whole entries, or an LS type above 255 (it could not be
 * an LSA's 8-bit LS type), is flagged.
 */
class LinkStateRequestHeader : public Header
{
  public:
    /// Why a decoded body is unusable.
    enum Error
    {
        OK = 0,      ///< well formed
        BAD_LENGTH,  ///< not a multiple of 12 octets
        BAD_LS_TYPE, ///< an LS type field above 255
    };

    /// Octets per requested LSA.
    static constexpr uint32_t ENTRY_SIZE = 12;

    static TypeId GetTypeId();

    LinkStateRequestHeader();

    void SetRequests(const std::vector<LsaKey>& requests);
    const std::vector<LsaKey>& GetRequests() const;

    bool IsValid() const;
    Error GetError() const;

    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    uint32_t Deserialize(Buffer::Iterator start, Buffer::Iterator end) override;
    void Print(std::ostream& os) const override;

    bool operator==(const LinkStateRequestHeader& other) const;
    bool operator!=(const LinkStateRequestHeader& other) const;

  private:
    std::vector<LsaKey> m_requests;
    Error m_error;
};

} // namespace ospf
} // namespace ns3

#endif /* IPVPN_OSPF_LINK_STATE_REQUEST_HEADER_H */
