/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The 20-octet header every OSPFv2 LSA starts with (RFC 2328 appendix A.4.1),
 * the LS types, and the architectural constants of appendix B that govern
 * LSA instances (ages, sequence numbers).
 */
#ifndef IPVPN_OSPF_LSA_HEADER_H
#define IPVPN_OSPF_LSA_HEADER_H

#include "ns3/header.h"
#include "ns3/ipv4-address.h"

#include <cstdint>
#include <ostream>
#include <tuple>

namespace ns3
{
namespace ospf
{

/// LS type (RFC 2328 A.4.1; 9-11 opaque, RFC 5250).
enum LsType : uint8_t
{
    LS_ROUTER = 1,
    LS_NETWORK = 2,
    LS_SUMMARY_NETWORK = 3,
    LS_SUMMARY_ASBR = 4,
    LS_AS_EXTERNAL = 5,
    LS_OPAQUE_LINK = 9,
    LS_OPAQUE_AREA = 10,
    LS_OPAQUE_AS = 11,
};

/// \return the RFC's name of an LS type ("Router-LSA"), "LS type N" else.
const char* LsTypeName(uint8_t type);

/// Architectural constants (RFC 2328 appendix B), in seconds where times.
constexpr uint16_t LS_REFRESH_TIME = 1800;
constexpr uint16_t MIN_LS_INTERVAL = 5;
constexpr uint16_t MIN_LS_ARRIVAL = 1;
constexpr uint16_t MAX_AGE = 3600;
constexpr uint16_t CHECK_AGE = 300;
constexpr uint16_t MAX_AGE_DIFF = 900;
constexpr uint32_t LS_INFINITY = 0xFFFFFF;
constexpr int32_t INITIAL_SEQUENCE_NUMBER = static_cast<int32_t>(0x80000001);
constexpr int32_t MAX_SEQUENCE_NUMBER = 0x7FFFFFFF;

/// Options field bits (RFC 2328 A.2; DC RFC 1793, O RFC 5250).
enum OptionBit : uint8_t
{
    OPTION_MT = 0x01, ///< the T-bit of RFC 1583, MT in RFC 4915
    OPTION_E = 0x02,  ///< AS-external-LSAs flooded (not a stub area)
    OPTION_MC = 0x04,
    OPTION_NP = 0x08,
    OPTION_EA = 0x10,
    OPTION_DC = 0x20,
    OPTION_O = 0x40,
};

/// An LSA's identity in the database (RFC 2328 12.1: LS type, Link State
/// ID and Advertising Router).
struct LsaKey
{
    uint8_t type = 0;
    Ipv4Address linkStateId;
    Ipv4Address advertisingRouter;

    bool operator<(const LsaKey& other) const
    {
        // Field by field: Ipv4Address::Get is not inline, and databases
        // compare keys all the time.
        if (type != other.type)
        {
            return type < other.type;
        }
        if (linkStateId != other.linkStateId)
        {
            return linkStateId < other.linkStateId;
        }
        return advertisingRouter < other.advertisingRouter;
    }

    bool operator==(const LsaKey& other) const
    {
        return type == other.type && linkStateId == other.linkStateId &&
               advertisingRouter == other.advertisingRouter;
    }
};

std::ostream& operator<<(std::ostream& os, const LsaKey& key);

/// Hashes an LsaKey for the unordered lookups of the database and the
/// retransmission lists (one probe where an ordered map descends a tree of
/// cold nodes: a large area's routers each hold thousands of LSAs).
struct LsaKeyHash
{
    std::size_t operator()(const LsaKey& key) const;
};

/**
 * LSA header (RFC 2328 A.4.1):
 *
 *   | LS age (16) | Options (8) | LS type (8) |
 *   | Link State ID (32) |
 *   | Advertising Router (32) |
 *   | LS sequence number (32, signed) |
 *   | LS checksum (16) | length (16) |
 *
 * The same header stands alone in Database Description and Link State
 * Acknowledgment packets. The checksum covers the body too, so it is set
 * by whoever has the whole LSA (ComputeLsaChecksum). Deserializing fewer
 * than 20 available octets marks the header invalid.
 */
class LsaHeader : public Header
{
  public:
    /// Octets on the wire.
    static constexpr uint32_t SIZE = 20;

    static TypeId GetTypeId();

    LsaHeader();

    void SetAge(uint16_t seconds);
    uint16_t GetAge() const;
    void SetOptions(uint8_t options);
    uint8_t GetOptions() const;
    void SetType(uint8_t type);
    uint8_t GetType() const;
    void SetLinkStateId(Ipv4Address id);
    Ipv4Address GetLinkStateId() const;
    void SetAdvertisingRouter(Ipv4Address router);
    Ipv4Address GetAdvertisingRouter() const;
    void SetSequenceNumber(int32_t sequence);
    int32_t GetSequenceNumber() const;
    void SetChecksum(uint16_t checksum);
    uint16_t GetChecksum() const;
    /// Length of the whole LSA, header included.
    void SetLength(uint16_t length);
    uint16_t GetLength() const;

    LsaKey GetKey() const;
    /// false when the last Deserialize found fewer than 20 octets.
    bool IsValid() const;

    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    /// Writes the 20 octets of Serialize() to `out` (no Buffer needed).
    void Write(uint8_t* out) const;
    /// Reads 20 octets as Deserialize() does.
    void Read(const uint8_t* in);
    uint32_t Deserialize(Buffer::Iterator start) override;
    uint32_t Deserialize(Buffer::Iterator start, Buffer::Iterator end) override;
    void Print(std::ostream& os) const override;

    bool operator==(const LsaHeader& other) const;
    bool operator!=(const LsaHeader& other) const;

  private:
    uint16_t m_age;
    uint8_t m_options;
    uint8_t m_type;
    Ipv4Address m_linkStateId;
    Ipv4Address m_advertisingRouter;
    int32_t m_sequence;
    uint16_t m_checksum;
    uint16_t m_length;
    bool m_valid;
};

} // namespace ospf
} // namespace ns3

#endif /* IPVPN_OSPF_LSA_HEADER_H */
