/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * PPP configuration options (RFC 1661 section 6), as LCP and the NCPs
 * carry them in Configure-Request/Ack/Nak/Reject packets:
 *
 *   |     Type      |    Length     |    Data ...
 *
 * Length counts Type and Length. The option types of LCP (RFC 1661,
 * RFC 1662, RFC 1570, RFC 1990), IPCP (RFC 1332, RFC 1877) and IPv6CP
 * (RFC 5072) are named here, with the PPP protocol numbers they belong to.
 */
#ifndef IPVPN_PPP_CONTROL_OPTION_H
#define IPVPN_PPP_CONTROL_OPTION_H

#include "ns3/ipv4-address.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace ppp
{

/// PPP protocol field values of the control protocols (RFC 1661 section 2,
/// IANA PPP DLL protocol numbers).
enum ControlProtocol : uint16_t
{
    PROTOCOL_LCP = 0xC021,    ///< Link Control Protocol, RFC 1661
    PROTOCOL_IPCP = 0x8021,   ///< IP Control Protocol, RFC 1332
    PROTOCOL_IPV6CP = 0x8057, ///< IPv6 Control Protocol, RFC 5072
    PROTOCOL_CCP = 0x80FD,    ///< Compression Control Protocol, RFC 1962
};

/// LCP configuration option types (RFC 1661 section 6).
enum LcpOptionType : uint8_t
{
    LCP_MRU = 1,                ///< 6.1 Maximum-Receive-Unit, 2 octets
    LCP_ACCM = 2,               ///< RFC 1662 section 7.1, 4 octets
    LCP_AUTH_PROTOCOL = 3,      ///< 6.2 Authentication-Protocol, 2+ octets
    LCP_QUALITY_PROTOCOL = 4,   ///< 6.3 Quality-Protocol, 2+ octets
    LCP_MAGIC_NUMBER = 5,       ///< 6.4 Magic-Number, 4 octets
    LCP_PFC = 7,                ///< 6.5 Protocol-Field-Compression, no data
    LCP_ACFC = 8,               ///< 6.6 Address-and-Control-Field-Compression, no data
    LCP_CALLBACK = 13,          ///< RFC 1570 section 2.3
    LCP_MRRU = 17,              ///< RFC 1990 section 5.1.1 (multilink)
    LCP_SHORT_SEQUENCE = 18,    ///< RFC 1990 section 5.1.2
    LCP_ENDPOINT_DISCRIMINATOR = 19, ///< RFC 1990 section 5.1.3
};

/// IPv6CP configuration option types (RFC 5072 section 4).
enum Ipv6cpOptionType : uint8_t
{
    IPV6CP_INTERFACE_IDENTIFIER = 1, ///< 4.1, 8 octets
};

/// IPCP configuration option types (RFC 1332 section 3, RFC 1877).
enum IpcpOptionType : uint8_t
{
    IPCP_IP_ADDRESSES = 1,            ///< RFC 1332 3.1 (deprecated), 8 octets
    IPCP_IP_COMPRESSION_PROTOCOL = 2, ///< RFC 1332 3.2, 2+ octets
    IPCP_IP_ADDRESS = 3,              ///< RFC 1332 3.3, 4 octets
    IPCP_PRIMARY_DNS = 129,           ///< RFC 1877 1.1, 4 octets
    IPCP_PRIMARY_NBNS = 130,          ///< RFC 1877 1.2, 4 octets
    IPCP_SECONDARY_DNS = 131,         ///< RFC 1877 1.3, 4 octets
    IPCP_SECONDARY_NBNS = 132,        ///< RFC 1877 1.4, 4 octets
};

/// "LCP", "IPCP", "IPv6CP", "CCP"; "0x...." otherwise.
std::string ControlProtocolName(uint16_t protocol);
/// "MRU", "Magic-Number", "IP-Address", ...; "Option-<n>" when unknown.
std::string OptionName(uint16_t protocol, uint8_t type);
/// Data octets a known option must carry exactly, or -1 when its data is
/// variable or the option is unknown.
int ExpectedOptionDataSize(uint16_t protocol, uint8_t type);

/// One configuration option as a value type (RFC 1661 section 6).
class ControlOption
{
  public:
    static constexpr uint32_t HEADER_SIZE = 2;      ///< Type and Length
    static constexpr uint32_t MAX_DATA_SIZE = 253;  ///< Length is one octet

    ControlOption();
    /// Data longer than MAX_DATA_SIZE is cut to that size.
    ControlOption(uint8_t type, const std::vector<uint8_t>& data);

    static ControlOption MakeFlag(uint8_t type);
    static ControlOption MakeUint16(uint8_t type, uint16_t value);
    static ControlOption MakeUint32(uint8_t type, uint32_t value);
    static ControlOption MakeAddress(uint8_t type, Ipv4Address address);

    uint8_t GetType() const;
    void SetType(uint8_t type);
    const std::vector<uint8_t>& GetData() const;
    void SetData(const std::vector<uint8_t>& data);
    /// The Length field: 2 plus the data.
    uint8_t GetLength() const;

    /// False unless the data is exactly 2 octets.
    bool GetUint16(uint16_t& value) const;
    /// False unless the data is exactly 4 octets.
    bool GetUint32(uint32_t& value) const;
    /// False unless the data is exactly 4 octets.
    bool GetAddress(Ipv4Address& address) const;
    /// The first two data octets (Authentication-/Quality-/Compression-
    /// Protocol); false when there are fewer.
    bool GetProtocol(uint16_t& protocol) const;

    bool operator==(const ControlOption& other) const;
    bool operator!=(const ControlOption& other) const;

  private:
    uint8_t m_type;
    std::vector<uint8_t> m_data;
};

} // namespace ppp
} // namespace ns3

#endif
