/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Helpers for codec unit tests: hex text to bytes and back, and headers (or
 * any value type with GetSerializedSize/Serialize/Deserialize) to and from
 * bytes through an ns-3 Buffer, exactly as Packet::AddHeader/RemoveHeader
 * drive them.
 */
#ifndef IPVPN_CODEC_TEST_UTIL_H
#define IPVPN_CODEC_TEST_UTIL_H

#include "ns3/buffer.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace ns3
{
namespace codectest
{

/// "01 0a ff" (any whitespace, or none) to bytes; throws on a character
/// that is not a hex digit and on an odd number of digits.
inline std::vector<uint8_t>
FromHex(const std::string& text)
{
    std::vector<uint8_t> bytes;
    int high = -1;
    for (char c : text)
    {
        const auto u = static_cast<unsigned char>(c);
        if (std::isspace(u))
        {
            continue;
        }
        if (!std::isxdigit(u))
        {
            throw std::invalid_argument("not a hex digit");
        }
        const int nibble = std::isdigit(u) ? c - '0' : std::tolower(u) - 'a' + 10;
        if (high < 0)
        {
            high = nibble;
        }
        else
        {
            bytes.push_back(static_cast<uint8_t>((high << 4) | nibble));
            high = -1;
        }
    }
    if (high >= 0)
    {
        throw std::invalid_argument("odd number of hex digits");
    }
    return bytes;
}

/// FromHex() into a fixed-size array; throws unless exactly N octets.
template <size_t N>
std::array<uint8_t, N>
ArrayFromHex(const std::string& text)
{
    const std::vector<uint8_t> bytes = FromHex(text);
    if (bytes.size() != N)
    {
        throw std::invalid_argument("wrong number of octets");
    }
    std::array<uint8_t, N> out;
    std::copy(bytes.begin(), bytes.end(), out.begin());
    return out;
}

/// Lower-case hex digits, no separators.
template <typename Container>
std::string
ToHex(const Container& bytes)
{
    static const char digits[] = "0123456789abcdef";
    std::string text;
    for (uint8_t b : bytes)
    {
        text += digits[b >> 4];
        text += digits[b & 0x0f];
    }
    return text;
}

/// The octets of a string.
inline std::vector<uint8_t>
Bytes(const std::string& text)
{
    return std::vector<uint8_t>(text.begin(), text.end());
}

/// Serializes `header` into a buffer of exactly GetSerializedSize() octets.
template <typename H>
std::vector<uint8_t>
Encode(const H& header)
{
    Buffer buffer;
    buffer.AddAtStart(header.GetSerializedSize());
    header.Serialize(buffer.Begin());
    std::vector<uint8_t> bytes(buffer.GetSize());
    if (!bytes.empty())
    {
        buffer.CopyData(bytes.data(), bytes.size());
    }
    return bytes;
}

/// Deserializes `header` from exactly these bytes; returns the octets consumed.
template <typename H>
uint32_t
Decode(H& header, const std::vector<uint8_t>& bytes)
{
    Buffer buffer;
    buffer.AddAtStart(bytes.size());
    if (!bytes.empty())
    {
        buffer.Begin().Write(bytes.data(), bytes.size());
    }
    return header.Deserialize(buffer.Begin());
}

} // namespace codectest
} // namespace ns3

#endif
