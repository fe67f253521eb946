// SPDX-License-Identifier: GPL-2.0-only
#include "ppp-control-option.h"

#include "ns3/ipvpn-byte-order.h"
#include "ns3/log.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace ns3
{
namespace ppp
{

NS_LOG_COMPONENT_DEFINE("PppControlOption");

std::string
ControlProtocolName(uint16_t protocol)
{
    switch (protocol)
    {
    case PROTOCOL_LCP:
        return "LCP";
    case PROTOCOL_IPCP:
        return "IPCP";
    case PROTOCOL_IPV6CP:
        return "IPv6CP";
    case PROTOCOL_CCP:
        return "CCP";
    default:
        std::ostringstream os;
        os << "0x" << std::hex << std::setw(4) << std::setfill('0') << protocol;
        return os.str();
    }
}

std::string
OptionName(uint16_t protocol, uint8_t type)
{
    if (protocol == PROTOCOL_LCP)
    {
        switch (type)
        {
        case LCP_MRU:
            return "MRU";
        case LCP_ACCM:
            return "ACCM";
        case LCP_AUTH_PROTOCOL:
            return "Auth-Protocol";
        case LCP_QUALITY_PROTOCOL:
            return "Quality-Protocol";
        case LCP_MAGIC_NUMBER:
            return "Magic-Number";
        case LCP_PFC:
            return "PFC";
        case LCP_ACFC:
            return "ACFC";
        case LCP_CALLBACK:
            return "Callback";
        case LCP_MRRU:
            return "MRRU";
        case LCP_SHORT_SEQUENCE:
            return "Short-Sequence";
        case LCP_ENDPOINT_DISCRIMINATOR:
            return "Endpoint-Discriminator";
        default:
            break;
        }
    }
    else if (protocol == PROTOCOL_IPV6CP && type == IPV6CP_INTERFACE_IDENTIFIER)
    {
        return "Interface-Identifier";
    }
    else if (protocol == PROTOCOL_IPCP)
    {
        switch (type)
        {
        case IPCP_IP_ADDRESSES:
            return "IP-Addresses";
        case IPCP_IP_COMPRESSION_PROTOCOL:
            return "IP-Compression-Protocol";
        case IPCP_IP_ADDRESS:
            return "IP-Address";
        case IPCP_PRIMARY_DNS:
            return "Primary-DNS";
        case IPCP_PRIMARY_NBNS:
            return "Primary-NBNS";
        case IPCP_SECONDARY_DNS:
            return "Secondary-DNS";
        case IPCP_SECONDARY_NBNS:
            return "Secondary-NBNS";
        default:
            break;
        }
    }
    return "Option-" + std::to_string(type);
}

int
ExpectedOptionDataSize(uint16_t protocol, uint8_t type)
{
    if (protocol == PROTOCOL_LCP)
    {
        switch (type)
        {
        case LCP_MRU:
            return 2; // 6.1: Length 4
        case LCP_ACCM:
        case LCP_MAGIC_NUMBER:
            return 4; // RFC 1662 7.1, RFC 1661 6.4: Length 6
        case LCP_PFC:
        case LCP_ACFC:
            return 0; // 6.5, 6.6: Length 2
        default:
            return -1;
        }
    }
    if (protocol == PROTOCOL_IPCP)
    {
        switch (type)
        {
        case IPCP_IP_ADDRESSES:
            return 8; // RFC 1332 3.1: Length 10
        case IPCP_IP_ADDRESS:
        case IPCP_PRIMARY_DNS:
        case IPCP_PRIMARY_NBNS:
        case IPCP_SECONDARY_DNS:
        case IPCP_SECONDARY_NBNS:
            return 4; // RFC 1332 3.3, RFC 1877: Length 6
        default:
            return -1;
        }
    }
    return -1;
}

ControlOption::ControlOption()
    : m_type(0)
{
}

ControlOption::ControlOption(uint8_t type, const std::vector<uint8_t>& data)
    : m_type(type)
{
    SetData(data);
}

ControlOption
ControlOption::MakeFlag(uint8_t type)
{
    return ControlOption(type, {});
}

ControlOption
ControlOption::MakeUint16(uint8_t type, uint16_t value)
{
    return ControlOption(type, {static_cast<uint8_t>(value >> 8), static_cast<uint8_t>(value)});
}

ControlOption
ControlOption::MakeUint32(uint8_t type, uint32_t value)
{
    return ControlOption(type,
                         {static_cast<uint8_t>(value >> 24),
                          static_cast<uint8_t>(value >> 16),
                          static_cast<uint8_t>(value >> 8),
                          static_cast<uint8_t>(value)});
}

ControlOption
ControlOption::MakeAddress(uint8_t type, Ipv4Address address)
{
    return MakeUint32(type, address.Get());
}

uint8_t
ControlOption::GetType() const
{
    return m_type;
}

void
ControlOption::SetType(uint8_t type)
{
    m_type = type;
}

const std::vector<uint8_t>&
ControlOption::GetData() const
{
    return m_data;
}

void
ControlOption::SetData(const std::vector<uint8_t>& data)
{
    m_data.assign(data.begin(), data.begin() + std::min<std::size_t>(data.size(), MAX_DATA_SIZE));
}

uint8_t
ControlOption::GetLength() const
{
    return static_cast<uint8_t>(HEADER_SIZE + m_data.size());
}

bool
ControlOption::GetUint16(uint16_t& value) const
{
    if (m_data.size() != 2)
    {
        return false;
    }
    value = byteorder::ReadBe16(m_data.data());
    return true;
}

bool
ControlOption::GetUint32(uint32_t& value) const
{
    if (m_data.size() != 4)
    {
        return false;
    }
    value = byteorder::ReadBe32(m_data.data());
    return true;
}

bool
ControlOption::GetAddress(Ipv4Address& address) const
{
    uint32_t value = 0;
    if (!GetUint32(value))
    {
        return false;
    }
    address = Ipv4Address(value);
    return true;
}

bool
ControlOption::GetProtocol(uint16_t& protocol) const
{
    if (m_data.size() < 2)
    {
        return false;
    }
    protocol = byteorder::ReadBe16(m_data.data());
    return true;
}

bool
ControlOption::operator==(const ControlOption& other) const
{
    return m_type == other.m_type && m_data == other.m_data;
}

bool
ControlOption::operator!=(const ControlOption& other) const
{
    return !(*this == other);
}

} // namespace ppp
} // namespace ns3
