/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Helpers for codec unit tests: hex literals to bytes, and headers to and
 * from bytes through an ns-3 Buffer.
 */
#ifndef IPVPN_WIRE_TEST_UTIL_H
#define IPVPN_WIRE_TEST_UTIL_H

#include "ns3/buffer.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace wiretest
{

/// "01 0a ff" (any whitespace, or none) to bytes; throws on bad digits.
inline std::vector<uint8_t>
FromHex(const std::string& text)
{
    std::vector<uint8_t> bytes;
    int high = -1;
    for (char c : text)
    {
        if (std::isspace(static_cast<unsigned char>(c)))
        {
            continue;
        }
        if (!std::isxdigit(static_cast<unsigned char>(c)))
        {
            throw std::invalid_argument("not a hex digit");
        }
        const int nibble = std::isdigit(static_cast<unsigned char>(c))
                               ? c - '0'
                               : std::tolower(static_cast<unsigned char>(c)) - 'a' + 10;
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

inline std::vector<uint8_t>
Bytes(const std::string& text)
{
    return std::vector<uint8_t>(text.begin(), text.end());
}

/// Deserializes header from exactly these bytes; returns the octets consumed.
template <typename H>
uint32_t
Decode(H& header, const std::vector<uint8_t>& bytes)
{
    ns3::Buffer buffer;
    buffer.AddAtStart(bytes.size());
    buffer.Begin().Write(bytes.data(), bytes.size());
    return header.Deserialize(buffer.Begin());
}

/// Serializes header into a buffer of exactly GetSerializedSize() octets.
template <typename H>
std::vector<uint8_t>
Encode(const H& header)
{
    ns3::Buffer buffer;
    buffer.AddAtStart(header.GetSerializedSize());
    header.Serialize(buffer.Begin());
    std::vector<uint8_t> bytes(buffer.GetSize());
    buffer.CopyData(bytes.data(), bytes.size());
    return bytes;
}

} // namespace wiretest

#endif // IPVPN_WIRE_TEST_UTIL_H
