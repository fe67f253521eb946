// SPDX-License-Identifier: GPL-2.0-only
#include "vr-vpn-id.h"

#include "ns3/assert.h"
#include "ns3/log.h"

#include <cstdio>
#include <tuple>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("VrVpnId");

namespace vr
{

namespace
{
constexpr size_t OUI_DIGITS = 6;
constexpr size_t INDEX_DIGITS = 8;

/// Value of one hex digit, or -1.
int
HexDigit(char c)
{
    if (c >= '0' && c <= '9')
    {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f')
    {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F')
    {
        return c - 'A' + 10;
    }
    return -1;
}

/// Reads `count` hex digits of `text` from `pos`; false on any other character.
bool
ReadHex(const std::string& text, size_t pos, size_t count, uint32_t& value)
{
    value = 0;
    for (size_t k = pos; k < pos + count; ++k)
    {
        const int digit = HexDigit(text[k]);
        if (digit < 0)
        {
            return false;
        }
        value = (value << 4) | static_cast<uint32_t>(digit);
    }
    return true;
}
} // namespace

VpnId::VpnId()
    : m_oui(0)
    , m_index(0)
{
}

VpnId::VpnId(uint32_t oui, uint32_t index)
    : m_oui(oui)
    , m_index(index)
{
    NS_ASSERT_MSG(oui <= MAX_OUI, "the VPN OUI is 24 bits (RFC 2685 section 3): " << oui);
}

std::optional<VpnId>
VpnId::Parse(const std::string& text)
{
    if (text.size() != OUI_DIGITS + 1 + INDEX_DIGITS || text[OUI_DIGITS] != ':')
    {
        return std::nullopt;
    }
    uint32_t oui = 0;
    uint32_t index = 0;
    if (!ReadHex(text, 0, OUI_DIGITS, oui) || !ReadHex(text, OUI_DIGITS + 1, INDEX_DIGITS, index))
    {
        return std::nullopt;
    }
    return VpnId(oui, index);
}

uint32_t
VpnId::GetOui() const
{
    return m_oui;
}

uint32_t
VpnId::GetIndex() const
{
    return m_index;
}

std::string
VpnId::ToString() const
{
    char text[OUI_DIGITS + 1 + INDEX_DIGITS + 1];
    std::snprintf(text,
                  sizeof(text),
                  "%06x:%08x",
                  static_cast<unsigned>(m_oui),
                  static_cast<unsigned>(m_index));
    return text;
}

uint32_t
VpnId::GetSerializedSize() const
{
    return SIZE;
}

void
VpnId::Serialize(Buffer::Iterator start) const
{
    start.WriteU8((m_oui >> 16) & 0xFF);
    start.WriteU8((m_oui >> 8) & 0xFF);
    start.WriteU8(m_oui & 0xFF);
    start.WriteHtonU32(m_index);
}

uint32_t
VpnId::Deserialize(Buffer::Iterator start)
{
    if (start.GetRemainingSize() < SIZE)
    {
        NS_LOG_LOGIC("VPN-ID cut short: " << start.GetRemainingSize() << " octets");
        return 0;
    }
    uint32_t oui = start.ReadU8();
    oui = (oui << 8) | start.ReadU8();
    oui = (oui << 8) | start.ReadU8();
    m_oui = oui;
    m_index = start.ReadNtohU32();
    return SIZE;
}

bool
VpnId::operator==(const VpnId& other) const
{
    return m_oui == other.m_oui && m_index == other.m_index;
}

bool
VpnId::operator!=(const VpnId& other) const
{
    return !(*this == other);
}

bool
VpnId::operator<(const VpnId& other) const
{
    return std::tie(m_oui, m_index) < std::tie(other.m_oui, other.m_index);
}

bool
VpnId::operator<=(const VpnId& other) const
{
    return !(other < *this);
}

bool
VpnId::operator>(const VpnId& other) const
{
    return other < *this;
}

bool
VpnId::operator>=(const VpnId& other) const
{
    return !(*this < other);
}

std::ostream&
operator<<(std::ostream& os, const VpnId& id)
{
    return os << id.ToString();
}

} // namespace vr
} // namespace ns3
