/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The body of an OSPFv2 Link State Update packet (RFC 2328 A.3.5).
 */
#ifndef IPVPN_OSPF_LINK_STATE_UPDATE_HEADER_H
#define IPVPN_OSPF_LINK_STATE_UPDATE_HEADER_H

#include "ospf-lsa.h"

#include "ns3/header.h"

#include <cstdint>
#include <memory>
#include <ostream>
#include <vector>

namespace ns3
{
namespace ospf
{

/**
 * Link State Update body (RFC 2328 A.3.5):
 *
 *   | # LSAs (32) |
 *   | LSAs (whole, A.4) ... |
 *
 * Each LSA is decoded by Lsa::FromBytes (its own length field delimits it)
 * and encoded by Lsa::ToBytes, so the LSAs' headers, lengths and checksums
 * go out as stored. Bounded by the packet length like HelloHeader; fewer
 * than 4 octets, an LSA that does not parse or runs past the body (the
 * count promising more LSAs than there are), or octets left after the
 * counted LSAs are flagged.
 *
 * The LSAs are held as shared, immutable instances, each with the LS age it
 * carries: a router floods the instance in its database with the age it
 * has reached (RFC 2328 13.3), and a decoded instance goes into the
 * database as it is, so flooding copies no LSA.
 */
class LinkStateUpdateHeader : public Header
{
  public:
    /// Why a decoded body is unusable.
    enum Error
    {
        OK = 0,     ///< well formed
        TRUNCATED,  ///< fewer than the 4 octets of # LSAs
        BAD_LSA,    ///< an LSA malformed or beyond the body (see Lsa::FromBytes)
        BAD_LENGTH, ///< octets after the last counted LSA
    };

    static TypeId GetTypeId();

    LinkStateUpdateHeader();

    /// One LSA of the update and the LS age it carries.
    struct Item
    {
        std::shared_ptr<const Lsa> lsa; ///< its header's age is ignored
        uint16_t age = 0;
    };

    void SetLsas(const std::vector<Lsa>& lsas);
    void AddLsa(const Lsa& lsa);
    /// Adds a shared instance that goes out with LS age `age`.
    void AddLsa(std::shared_ptr<const Lsa> lsa, uint16_t age);
    /// \return copies of the LSAs, each header with the age it carries.
    std::vector<Lsa> GetLsas() const;
    /// \return the LSAs as held. Decoded ones are the process's shared
    /// instances (LsaInstanceCache): the age is the item's, not the header's.
    const std::vector<Item>& GetItems() const;
    /// Whether LSA `i`'s LS checksum (RFC 2328 12.1.7) fits its octets: as
    /// received when decoded, else as they would be sent.
    bool IsChecksumValid(size_t i) const;
    /// The # LSAs field as received (the LSAs held when not decoded).
    uint32_t GetLsaCount() const;

    bool IsValid() const;
    Error GetError() const;

    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    uint32_t Deserialize(Buffer::Iterator start, Buffer::Iterator end) override;
    /// Deserialize from octets at hand (a receiver that already copied the
    /// packet out for its checksum). \return the octets used.
    uint32_t Decode(const uint8_t* data, size_t available);
    void Print(std::ostream& os) const override;

    bool operator==(const LinkStateUpdateHeader& other) const;
    bool operator!=(const LinkStateUpdateHeader& other) const;

  private:
    std::vector<Item> m_lsas;
    std::vector<bool> m_checksumValid; ///< by LSA, when decoded
    uint32_t m_count; ///< # LSAs as received; m_lsas.size() when built locally
    Error m_error;
};

} // namespace ospf
} // namespace ns3

#endif /* IPVPN_OSPF_LINK_STATE_UPDATE_HEADER_H */
