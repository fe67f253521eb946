/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * One protocol message found in a capture, as the capture decoder reports
 * it: one text line
 *
 *   <frame> <time> <proto> <type> key=value ...
 *
 * <frame> is the 1-based frame number, <time> the capture timestamp in
 * seconds with six decimals, <proto> a lower-case protocol name, <type>
 * the message type (or "malformed", then the first key is reason=...).
 * No field contains white space.
 */
#ifndef IPVPN_DECODED_MESSAGE_H
#define IPVPN_DECODED_MESSAGE_H

#include <cstdint>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace decode
{

/// One reported message.
struct DecodedMessage
{
    uint32_t frame = 0;
    uint64_t seconds = 0;
    uint32_t nanoseconds = 0;
    std::string protocol; ///< "ldp", "l2tp", "radius", "lcp", "ipcp", "mpls", ...
    std::string type;     ///< "Label-Mapping", "SCCRQ", ..., or "malformed"
    std::vector<std::pair<std::string, std::string>> fields;

    DecodedMessage() = default;
    DecodedMessage(std::string protocol, std::string type);

    /// A "malformed" message with reason=<reason> as its first field.
    static DecodedMessage Malformed(const std::string& protocol, const std::string& reason);

    /// Appends key=value; the value passes through Token().
    DecodedMessage& Add(const std::string& key, const std::string& value);
    DecodedMessage& Add(const std::string& key, uint64_t value);
    /// Appends the words of a "key=value key=value" string as they are.
    DecodedMessage& AddWords(const std::string& words);

    bool IsMalformed() const;
    /// The value of the first field with that key, or "".
    std::string Get(const std::string& key) const;
    /// The line, without a trailing newline.
    std::string ToLine() const;
};

/// A text made safe for one field: white space runs become '-', other
/// characters outside [A-Za-z0-9._:/,+*-] are dropped; "-" if empty.
std::string Token(const std::string& text);

/// A lower-case Token(), for reasons ("Bad PDU Length" -> "bad-pdu-length").
std::string ReasonToken(const std::string& text);

/// What `os << value` prints.
template <typename T>
std::string
Text(const T& value)
{
    std::ostringstream os;
    os << value;
    return os.str();
}
/// "0x" and four lower-case hex digits.
std::string Hex16(uint16_t value);

/// "0x" and eight lower-case hex digits.
std::string Hex32(uint32_t value);

} // namespace decode
} // namespace ns3

#endif
