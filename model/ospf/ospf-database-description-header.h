/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The body of an OSPFv2 Database Description packet (RFC 2328 A.3.3).
 */
#ifndef IPVPN_OSPF_DATABASE_DESCRIPTION_HEADER_H
#define IPVPN_OSPF_DATABASE_DESCRIPTION_HEADER_H

#include "ospf-lsa-header.h"

#include "ns3/header.h"

#include <cstdint>
#include <ostream>
#include <vector>

namespace ns3
{
namespace ospf
{

/// Database Description flag bits (RFC 2328 A.3.3).
enum DatabaseDescriptionFlag : uint8_t
{
    DD_FLAG_MS = 0x01, ///< Master/Slave: set by the master
    DD_FLAG_M = 0x02,  ///< More: more packets follow
    DD_FLAG_I = 0x04,  ///< Init: the first packet of the sequence
};

/**
 * Database Description body (RFC 2328 A.3.3):
 *
 *   | Interface MTU (16) | Options (8) | 0 0 0 0 0 I M MS (8) |
 *   | DD sequence number (32) |
 *   | LSA headers (20 octets each) ... |
 *
 * The flags octet is kept whole, so that bits other than I, M and MS
 * survive a round trip. Bounded by the packet length like HelloHeader;
 * fewer than 8 octets, or LSA headers that are not whole, are flagged.
 */
class DatabaseDescriptionHeader : public Header
{
  public:
    /// Why a decoded body is unusable.
    enum Error
    {
        OK = 0,     ///< well formed
        TRUNCATED,  ///< fewer than the 8 fixed octets
        BAD_LENGTH, ///< the LSA headers are not a multiple of 20 octets
    };

    /// The fixed part, before the LSA headers.
    static constexpr uint32_t FIXED_SIZE = 8;

    static TypeId GetTypeId();

    DatabaseDescriptionHeader();

    void SetInterfaceMtu(uint16_t mtu);
    uint16_t GetInterfaceMtu() const;
    void SetOptions(uint8_t options);
    uint8_t GetOptions() const;
    /// The whole flags octet (DatabaseDescriptionFlag bits).
    void SetFlags(uint8_t flags);
    uint8_t GetFlags() const;
    bool IsInit() const;
    bool IsMore() const;
    bool IsMaster() const;
    void SetSequenceNumber(uint32_t sequence);
    uint32_t GetSequenceNumber() const;
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

    bool operator==(const DatabaseDescriptionHeader& other) const;
    bool operator!=(const DatabaseDescriptionHeader& other) const;

  private:
    uint16_t m_mtu;
    uint8_t m_options;
    uint8_t m_flags;
    uint32_t m_sequence;
    std::vector<LsaHeader> m_headers;
    Error m_error;
};

} // namespace ospf
} // namespace ns3

#endif /* IPVPN_OSPF_DATABASE_DESCRIPTION_HEADER_H */
