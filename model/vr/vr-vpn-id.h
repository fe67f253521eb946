/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The global VPN identifier of RFC 2685 section 3: a 3-octet VPN OUI (the
 * IEEE Organizationally Unique Identifier of the VPN authority) followed by
 * a 4-octet VPN Index that the authority assigns, 7 octets on the wire.
 * Every VR port carries one (seed 000, state per VR port).
 */
#ifndef IPVPN_VR_VPN_ID_H
#define IPVPN_VR_VPN_ID_H

#include "ns3/buffer.h"

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

namespace ns3
{
namespace vr
{

/**
 * VPN identifier (RFC 2685 section 3):
 *
 *   | VPN OUI (24) | VPN Index (32) |
 *
 * both big-endian. The module's text form is `oui:index` in hexadecimal,
 * the OUI in 6 digits and the index in 8 (`00a0c9:00000001`). Ordered by
 * OUI, then index, which is the order of the wire octets.
 */
class VpnId
{
  public:
    /// Octets on the wire.
    static constexpr uint32_t SIZE = 7;
    /// The OUI is 24 bits.
    static constexpr uint32_t MAX_OUI = 0xFFFFFF;

    /// 000000:00000000.
    VpnId();
    /// Asserts that `oui` fits in 24 bits.
    VpnId(uint32_t oui, uint32_t index);

    /**
     * Reads the text form: exactly 6 hex digits, a colon, exactly 8 hex
     * digits, either case, nothing else (no spaces, no "0x", no sign).
     * \return the identifier, or nullopt for any other text.
     */
    static std::optional<VpnId> Parse(const std::string& text);

    uint32_t GetOui() const;
    uint32_t GetIndex() const;

    /// The text form, lower-case and zero-padded: `00a0c9:00000001`.
    std::string ToString() const;

    uint32_t GetSerializedSize() const;
    /// Writes the 7 octets at start.
    void Serialize(Buffer::Iterator start) const;
    /**
     * Reads 7 octets at start.
     * \return 7, or 0 (and *this unchanged) when fewer than 7 octets remain
     * in the buffer.
     */
    uint32_t Deserialize(Buffer::Iterator start);

    bool operator==(const VpnId& other) const;
    bool operator!=(const VpnId& other) const;
    bool operator<(const VpnId& other) const;
    bool operator<=(const VpnId& other) const;
    bool operator>(const VpnId& other) const;
    bool operator>=(const VpnId& other) const;

  private:
    uint32_t m_oui;
    uint32_t m_index;
};

std::ostream& operator<<(std::ostream& os, const VpnId& id);

} // namespace vr
} // namespace ns3

#endif /* IPVPN_VR_VPN_ID_H */
