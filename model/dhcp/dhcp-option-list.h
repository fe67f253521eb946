/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The options field of a DHCP message (RFC 2131 section 3, RFC 2132): an
 * ordered list of (code, value), each code once, and its wire form.
 */
#ifndef IPVPN_DHCP_OPTION_LIST_H
#define IPVPN_DHCP_OPTION_LIST_H

#include "ns3/buffer.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace ns3
{
namespace dhcp
{

/**
 * Raw options in order. Pad (0) and End (255) are never stored: Write()
 * adds End, Read() skips Pad and stops at End. An option that appears
 * several times on the wire is one option whose value is the
 * concatenation (RFC 3396 section 5); Write() splits a value longer than
 * 255 octets the same way.
 */
class OptionList
{
  public:
    using Option = std::pair<uint8_t, std::vector<uint8_t>>;

    /// What Read() found wrong.
    enum ReadResult
    {
        READ_OK,
        READ_OVERRUN,     ///< a code or length runs past the octets given
        READ_MISSING_END, ///< the octets end without option 255
    };

    const std::vector<Option>& GetAll() const;
    bool Has(uint8_t code) const;
    /// The value, or nullptr.
    const std::vector<uint8_t>* Find(uint8_t code) const;
    /// Replaces the value in place, or appends the option; 0 and 255 are ignored.
    void Set(uint8_t code, const std::vector<uint8_t>& value);
    void Remove(uint8_t code);
    void Clear();

    /// Octets Write() puts out, End included.
    uint32_t GetSerializedSize() const;
    /// Writes the options and End.
    void Write(Buffer::Iterator& i) const;
    /// Replaces the list with the options in the next `length` octets; on
    /// a problem, keeps what was read before it and sets `badCode` to the
    /// code at fault (READ_OVERRUN). Never reads past `length`.
    ReadResult Read(Buffer::Iterator& i, uint32_t length, uint8_t& badCode);

    bool operator==(const OptionList& other) const;

  private:
    std::vector<Option> m_options;
};

} // namespace dhcp
} // namespace ns3

#endif /* IPVPN_DHCP_OPTION_LIST_H */
