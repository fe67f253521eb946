/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Typed views of the fixed-layout LDP TLVs (RFC 5036 sections 3.4 and 3.5).
 * Each converts to and from the generic Tlv: ToTlv() encodes, FromTlv()
 * decodes and returns an RFC 5036 status code (STATUS_SUCCESS when fine).
 * The FEC TLV has its own file (ldp-fec.h).
 */
#ifndef IPVPN_LDP_PARAMETER_TLVS_H
#define IPVPN_LDP_PARAMETER_TLVS_H

#include "ns3/ipv4-address.h"
#include "ns3/ldp-tlv.h"

#include <cstdint>
#include <ostream>
#include <vector>

namespace ns3
{
namespace ldp
{

/// Generic Label TLV, 0x0200 (section 3.4.2.1): a 20-bit label in 4 octets.
struct GenericLabelTlv
{
    uint32_t label = 0;

    Tlv ToTlv() const;
    uint32_t FromTlv(const Tlv& tlv);
    bool operator==(const GenericLabelTlv& other) const;
};

/// Hop Count TLV, 0x0103 (section 3.4.4); 0 means unknown.
struct HopCountTlv
{
    uint8_t count = 0;

    Tlv ToTlv() const;
    uint32_t FromTlv(const Tlv& tlv);
    bool operator==(const HopCountTlv& other) const;
};

/// Path Vector TLV, 0x0104 (section 3.4.5): LSR IDs the message went through.
struct PathVectorTlv
{
    std::vector<Ipv4Address> lsrIds;

    Tlv ToTlv() const;
    uint32_t FromTlv(const Tlv& tlv);
    bool operator==(const PathVectorTlv& other) const;
};

/// Label Request Message ID TLV, 0x0600 (sections 3.5.7 and 3.5.9).
struct LabelRequestMessageIdTlv
{
    uint32_t messageId = 0;

    Tlv ToTlv() const;
    uint32_t FromTlv(const Tlv& tlv);
    bool operator==(const LabelRequestMessageIdTlv& other) const;
};

/**
 * Address List TLV, 0x0101 (section 3.4.3): an address family and
 * addresses of that family. IPv4 (family 1) addresses are decoded; for any
 * other family the address bytes are kept raw in otherFamilyBytes and
 * FromTlv() reports STATUS_UNSUPPORTED_ADDRESS_FAMILY.
 */
struct AddressListTlv
{
    uint16_t family = ADDRESS_FAMILY_IPV4;
    std::vector<Ipv4Address> addresses;
    std::vector<uint8_t> otherFamilyBytes;

    Tlv ToTlv() const;
    uint32_t FromTlv(const Tlv& tlv);
    bool operator==(const AddressListTlv& other) const;
};

/// Common Hello Parameters TLV, 0x0400 (section 3.5.2).
struct CommonHelloParamsTlv
{
    /// Hello hold time in seconds; 0 = default (15 s link, 45 s targeted),
    /// 0xffff = infinite.
    uint16_t holdTime = 0;
    bool targeted = false;        ///< T bit: Targeted Hello
    bool requestTargeted = false; ///< R bit: ask the peer for targeted Hellos
    /// The other 14 bits, kept as received (RFC 6720 gives one to GTSM).
    uint16_t reserved = 0;

    Tlv ToTlv() const;
    uint32_t FromTlv(const Tlv& tlv);
    bool operator==(const CommonHelloParamsTlv& other) const;
};

/// IPv4 Transport Address TLV, 0x0401 (section 3.5.2).
struct Ipv4TransportAddressTlv
{
    Ipv4Address address;

    Tlv ToTlv() const;
    uint32_t FromTlv(const Tlv& tlv);
    bool operator==(const Ipv4TransportAddressTlv& other) const;
};

/// Configuration Sequence Number TLV, 0x0402 (section 3.5.2).
struct ConfigSequenceNumberTlv
{
    uint32_t sequence = 0;

    Tlv ToTlv() const;
    uint32_t FromTlv(const Tlv& tlv);
    bool operator==(const ConfigSequenceNumberTlv& other) const;
};

/// Common Session Parameters TLV, 0x0500 (section 3.5.3), 14 octets.
struct CommonSessionParamsTlv
{
    uint16_t protocolVersion = 1;
    uint16_t keepAliveTime = 0;      ///< proposed KeepAlive time, seconds
    bool downstreamOnDemand = false; ///< A bit: 0 Downstream Unsolicited, 1 on Demand
    bool loopDetection = false;      ///< D bit
    uint8_t reserved = 0;            ///< the 6 bits after A and D, kept as received
    uint8_t pathVectorLimit = 0;     ///< PVLim; 0 with D = 0
    uint16_t maxPduLength = 0;       ///< 0 (or <= 255) means the default 4096
    Ipv4Address receiverLsrId;       ///< receiver's LDP identifier: LSR ID ...
    uint16_t receiverLabelSpace = 0; ///< ... and label space

    Tlv ToTlv() const;
    uint32_t FromTlv(const Tlv& tlv);
    bool operator==(const CommonSessionParamsTlv& other) const;
};

/**
 * Status TLV, 0x0300 (section 3.4.6):
 *   | E | F | Status Data (30) | Message ID (32) | Message Type (16) |
 */
struct StatusTlv
{
    uint32_t statusData = 0;  ///< a StatusCode value
    bool fatal = false;       ///< E bit
    bool forward = false;     ///< F bit
    uint32_t messageId = 0;   ///< ID of the message the status refers to, or 0
    uint16_t messageType = 0; ///< type of that message, or 0

    /// Status TLV for a code, with the E bit the RFC assigns to it.
    static StatusTlv Make(uint32_t statusData, uint32_t messageId = 0, uint16_t messageType = 0);

    Tlv ToTlv() const;
    uint32_t FromTlv(const Tlv& tlv);
    bool operator==(const StatusTlv& other) const;
};

std::ostream& operator<<(std::ostream& os, const GenericLabelTlv& tlv);
std::ostream& operator<<(std::ostream& os, const HopCountTlv& tlv);
std::ostream& operator<<(std::ostream& os, const PathVectorTlv& tlv);
std::ostream& operator<<(std::ostream& os, const LabelRequestMessageIdTlv& tlv);
std::ostream& operator<<(std::ostream& os, const AddressListTlv& tlv);
std::ostream& operator<<(std::ostream& os, const CommonHelloParamsTlv& tlv);
std::ostream& operator<<(std::ostream& os, const Ipv4TransportAddressTlv& tlv);
std::ostream& operator<<(std::ostream& os, const ConfigSequenceNumberTlv& tlv);
std::ostream& operator<<(std::ostream& os, const CommonSessionParamsTlv& tlv);
std::ostream& operator<<(std::ostream& os, const StatusTlv& tlv);

} // namespace ldp
} // namespace ns3

#endif
