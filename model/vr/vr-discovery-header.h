/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The VR-port discovery and monitoring messages of seed 000: the addition
 * message (S1) and its ACK (S14), the monitoring message (S31) and its
 * reply. The seed names their fields, not an encoding; this one is the
 * module's own, documented in doc/vr-discovery.md.
 */
#ifndef IPVPN_VR_DISCOVERY_HEADER_H
#define IPVPN_VR_DISCOVERY_HEADER_H

#include "vr-vpn-id.h"

#include "ns3/header.h"
#include "ns3/ipv4-address.h"

#include <cstdint>
#include <ostream>
#include <string>

namespace ns3
{
namespace vr
{

/// UDP port of the discovery messages (our choice; the seed names none).
constexpr uint16_t DISCOVERY_PORT = 5401;
/// The only version of the format.
constexpr uint8_t DISCOVERY_VERSION = 1;

/// Message types.
enum MessageType : uint8_t
{
    ADDITION = 1,      ///< a new VR port announces itself (S1)
    ADDITION_ACK = 2,  ///< a port of the same VPN answers (S12-S14)
    MONITOR = 3,       ///< sent on each tunnel periodically (S31)
    MONITOR_REPLY = 4, ///< the answer that means "normal" (S31)
};

/// TLV types.
enum TlvType : uint8_t
{
    TLV_VPN_ID = 1,       ///< 7 octets, RFC 2685 section 3
    TLV_ROUTER_ID = 2,    ///< 4 octets, an IPv4 address
    TLV_PORT_ADDRESS = 3, ///< 4 octets, the VR port's IPv4 address
};

/// \return "Addition", "AdditionAck", "Monitor", "MonitorReply", or "Type N".
std::string TypeName(uint8_t type);

/**
 * One discovery message, the whole UDP payload:
 *
 *   0: | Version (8) = 1 | Type (8) | Length (16) |
 *   4: | Sequence number (32) |
 *   8: | TLV: Type (8) | Length (8) | Value (Length octets) | ...
 *
 * Length counts the whole message, these 8 octets included. An ACK or a
 * monitoring reply echoes the sequence number of the message it answers.
 * ADDITION and ADDITION_ACK carry the three fields of S1 and S14 (VPN-ID,
 * router ID, VR-port address); MONITOR and MONITOR_REPLY carry VPN-ID and
 * router ID, and the port address when set. Serialize() writes the TLVs in
 * type order; Deserialize() takes them in any order.
 *
 * Decoding checks, in order: 8 octets present (TRUNCATED), version
 * (BAD_VERSION), Length equal to the octets given (BAD_LENGTH), type
 * (BAD_TYPE), each TLV (BAD_TLV, DUPLICATE_TLV), then the fields the type
 * needs (MISSING_FIELD). The first problem is kept and decoding stops there;
 * it never reads past the end. TLVs of unknown types are skipped and
 * counted. Deserialize with the octets bounded (Deserialize(start, end) or
 * Packet::RemoveHeader(h, size)) or on a packet that holds only the message.
 */
class DiscoveryHeader : public Header
{
  public:
    /// Why a decoded message is unusable.
    enum Error
    {
        OK = 0,        ///< well formed
        TRUNCATED,     ///< fewer than the 8 fixed octets
        BAD_VERSION,   ///< version other than 1
        BAD_TYPE,      ///< a message type this format does not define
        BAD_LENGTH,    ///< the Length field disagrees with the octets
        BAD_TLV,       ///< a TLV runs past the end or has the wrong length for its type
        MISSING_FIELD, ///< a TLV the type needs is absent
        DUPLICATE_TLV, ///< a known TLV appears twice
    };

    /// Version, type, length and sequence number.
    static constexpr uint32_t FIXED_SIZE = 8;
    /// Type and Length in front of every TLV value.
    static constexpr uint32_t TLV_HEADER_SIZE = 2;

    /// \return the enumerator's name ("OK", "TRUNCATED", ...).
    static std::string ErrorName(Error error);

    static TypeId GetTypeId();

    /// An ADDITION, sequence 0, every field zero.
    DiscoveryHeader();

    void SetType(uint8_t type);
    uint8_t GetType() const;
    /// The version read by Deserialize(); 1 otherwise.
    uint8_t GetVersion() const;
    void SetSequence(uint32_t sequence);
    uint32_t GetSequence() const;
    void SetVpnId(VpnId vpnId);
    VpnId GetVpnId() const;
    void SetRouterId(Ipv4Address routerId);
    Ipv4Address GetRouterId() const;
    /// Sets the VR port's address; HasPortAddress() becomes true.
    void SetPortAddress(Ipv4Address address);
    Ipv4Address GetPortAddress() const;
    /// Whether the port address is set or was decoded.
    bool HasPortAddress() const;
    /// TLVs of unknown types skipped by the last Deserialize().
    uint32_t GetUnknownTlvCount() const;

    bool IsValid() const;
    Error GetError() const;

    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    uint32_t Deserialize(Buffer::Iterator start, Buffer::Iterator end) override;
    /// One line: `Addition seq=7 vpn=00a0c9:00000001 router=10.0.0.10 port=10.1.0.1`.
    void Print(std::ostream& os) const override;

    bool operator==(const DiscoveryHeader& other) const;
    bool operator!=(const DiscoveryHeader& other) const;

  private:
    /// Whether messages of this type must carry the port address.
    bool NeedsPortAddress() const;
    /// Reads the TLVs in the next `length` octets; sets m_error on the first problem.
    /// \return the octets read.
    uint32_t DeserializeTlvs(Buffer::Iterator& i, uint32_t length);

    uint8_t m_version;
    uint8_t m_type;
    uint32_t m_sequence;
    VpnId m_vpnId;
    Ipv4Address m_routerId;
    Ipv4Address m_portAddress;
    bool m_hasPortAddress;
    uint32_t m_unknownTlvs;
    Error m_error;
};

} // namespace vr
} // namespace ns3

#endif /* IPVPN_VR_DISCOVERY_HEADER_H */
