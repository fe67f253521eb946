/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Test helpers to run an ns3::Header through a Packet: encode to bytes and
 * decode from bytes exactly as protocol code does (AddHeader/RemoveHeader).
 */
#ifndef IPVPN_TEST_CODEC_TEST_UTIL_H
#define IPVPN_TEST_CODEC_TEST_UTIL_H

#include "ns3/packet.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace codectest
{

/// The bytes `header` serializes to.
template <typename H>
std::vector<uint8_t>
Encode(const H& header)
{
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(header);
    std::vector<uint8_t> bytes(p->GetSize());
    if (!bytes.empty())
    {
        p->CopyData(bytes.data(), bytes.size());
    }
    return bytes;
}

/// Decodes `header` from a packet holding `bytes`; returns the bytes removed.
template <typename H>
uint32_t
Decode(const std::vector<uint8_t>& bytes, H& header)
{
    Ptr<Packet> p = bytes.empty() ? Create<Packet>() : Create<Packet>(bytes.data(), bytes.size());
    return p->RemoveHeader(header);
}

/// Bytes from a hex string such as "0001 001c"; spaces are ignored.
inline std::vector<uint8_t>
FromHex(const std::string& hex)
{
    std::vector<uint8_t> bytes;
    std::string digits;
    for (char c : hex)
    {
        if (c != ' ')
        {
            digits += c;
        }
    }
    for (std::size_t k = 0; k + 1 < digits.size(); k += 2)
    {
        bytes.push_back(static_cast<uint8_t>(std::stoul(digits.substr(k, 2), nullptr, 16)));
    }
    return bytes;
}

} // namespace codectest
} // namespace ns3

#endif
