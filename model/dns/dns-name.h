/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Domain names as RFC 1035 carries them: a sequence of labels (2.3.4: at
 * most 63 octets each, at most 255 octets on the wire), read with message
 * compression (4.1.4) and written with it. Also the decoding errors of the
 * whole DNS message codec (dns-message.h), since names raise most of them.
 */
#ifndef IPVPN_DNS_NAME_H
#define IPVPN_DNS_NAME_H

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{
namespace dns
{

/// RFC 1035 2.3.4: "labels 63 octets or less".
constexpr size_t MAX_LABEL_LENGTH = 63;
/// RFC 1035 2.3.4: "names 255 octets or less", length octets and the root's zero included.
constexpr size_t MAX_NAME_LENGTH = 255;
/// RFC 1035 4.1.4: the largest offset a 14-bit pointer can hold.
constexpr size_t MAX_POINTER_OFFSET = 0x3fff;

/// Why a DNS message (or a name inside it) cannot be decoded.
enum class DecodeError
{
    OK = 0,               ///< well formed
    TRUNCATED_HEADER,     ///< fewer than the 12 octets of the header (4.1.1)
    TRUNCATED_NAME,       ///< a label or pointer runs past the end of the message
    BAD_LABEL,            ///< a length octet starting 01 or 10: reserved label types (4.1.4)
    POINTER_LOOP,         ///< a pointer that does not point before the labels it ends (4.1.4)
    POINTER_OUT_OF_RANGE, ///< a pointer past the end of the message
    NAME_TOO_LONG,        ///< more than 255 octets (2.3.4)
    TRUNCATED_QUESTION,   ///< QTYPE or QCLASS cut short (4.1.2)
    TRUNCATED_RECORD,     ///< a record's fixed fields or RDATA cut short (4.1.3)
    BAD_RDATA,            ///< RDATA of the wrong length for its type (an A record not 4 octets)
    COUNT_MISMATCH,       ///< the message ends before the header's counts are met
    TRAILING_BYTES,       ///< octets left after the last counted record
};

/// \return the enumerator's name ("OK", "TRUNCATED_HEADER", ...).
std::string ErrorName(DecodeError error);
std::ostream& operator<<(std::ostream& os, DecodeError error);

/**
 * A domain name: its labels from the leftmost to the top-level one, the
 * root (empty name) having none. Every Name is valid by construction:
 * labels of 1 to 63 octets, 255 octets at most on the wire. Labels hold any
 * octets (RFC 2181 11); the text form joins them with dots and does not
 * escape. Comparison ignores ASCII case (RFC 1035 2.3.3); the case given is
 * kept on the wire.
 */
class Name
{
  public:
    /// The root.
    Name() = default;

    /// "www.example.com" or "www.example.com." to a name; "" or "." is the
    /// root. \return nothing for an empty label, a label over 63 octets or
    /// a name over 255 octets.
    static std::optional<Name> Parse(const std::string& text);
    /// \return nothing under the same rules as Parse().
    static std::optional<Name> FromLabels(const std::vector<std::string>& labels);

    const std::vector<std::string>& GetLabels() const;
    bool IsRoot() const;
    /// Octets on the wire without compression: each label and its length octet, and the root's 0.
    size_t GetWireLength() const;
    /// Labels joined by dots, no trailing dot; "." for the root.
    std::string ToString() const;

    /// Equal ignoring ASCII case (RFC 1035 2.3.3).
    bool operator==(const Name& other) const;
    bool operator!=(const Name& other) const;

  private:
    std::vector<std::string> m_labels;
};

std::ostream& operator<<(std::ostream& os, const Name& name);

/**
 * Reads the name that starts at `offset` in a whole DNS message, following
 * compression pointers (RFC 1035 4.1.4). A pointer must point before the
 * first label of the run it ends, so every jump goes backwards and the walk
 * ends; anything else is POINTER_LOOP (a pointer to itself, forward, or into
 * a cycle), a target at or past the end POINTER_OUT_OF_RANGE. Never reads
 * outside `message`.
 *
 * \param next set to the offset just after the name where it starts (after
 *        its first pointer, if any); untouched on error
 */
DecodeError ReadName(const uint8_t* message, size_t size, size_t offset, Name& name, size_t& next);

/**
 * Writes names into one message with compression (RFC 1035 4.1.4): a
 * suffix written before (with the same octets) becomes a pointer to it.
 * Only suffixes starting below offset 0x4000 can be pointed to.
 */
class NameCompressor
{
  public:
    /// Appends `name` at the end of `message`, compressed against the names written before.
    void Write(const Name& name, std::vector<uint8_t>& message);

  private:
    /// Offset of each suffix written, its labels as the key (octets compared exactly).
    std::map<std::vector<std::string>, uint16_t> m_suffixes;
};

} // namespace dns
} // namespace ns3

#endif /* IPVPN_DNS_NAME_H */
