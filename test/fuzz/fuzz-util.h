/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Shared by the fuzz targets (doc/memory-safety.md): a broken invariant
 * aborts, so libFuzzer and the replay runner report it like a crash; bytes
 * go in and out of ns-3 Buffers and Packets as the codecs see them; the
 * decoder's lines are checked against their documented format.
 */
#ifndef IPVPN_FUZZ_UTIL_H
#define IPVPN_FUZZ_UTIL_H

#include "codec-test-util.h"

#include "ns3/buffer.h"
#include "ns3/ipvpn-decoded-message.h"
#include "ns3/packet.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

/// Aborts with the failed condition: the fuzzer keeps the input.
#define FUZZ_CHECK(cond)                                                                       \
    do                                                                                         \
    {                                                                                          \
        if (!(cond))                                                                           \
        {                                                                                      \
            std::fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #cond); \
            std::abort();                                                                      \
        }                                                                                      \
    } while (false)

namespace ns3
{
namespace fuzz
{

/// A Buffer holding exactly these bytes.
inline Buffer
ToBuffer(const uint8_t* data, size_t size)
{
    Buffer buffer;
    buffer.AddAtStart(static_cast<uint32_t>(size));
    if (size > 0)
    {
        buffer.Begin().Write(data, static_cast<uint32_t>(size));
    }
    return buffer;
}

/// A Packet holding exactly these bytes.
inline Ptr<Packet>
ToPacket(const uint8_t* data, size_t size)
{
    return size > 0 ? Create<Packet>(data, static_cast<uint32_t>(size)) : Create<Packet>();
}

// Headers to and from bytes exactly as the unit tests drive them.
using codectest::Decode;
using codectest::Encode;

/// Print() into a string: the printing code runs on every decoded value.
template <typename H>
std::string
Printed(const H& header)
{
    std::ostringstream os;
    header.Print(os);
    return os.str();
}

/// A token of a decoder line: not empty, no white space (README,
/// "Decoding captures": no field contains a space).
inline bool
IsToken(const std::string& text)
{
    if (text.empty())
    {
        return false;
    }
    for (char c : text)
    {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0')
        {
            return false;
        }
    }
    return true;
}

/// The line contract of `./ipvpn decode`: protocol, type and each field
/// are single tokens, keys carry no '='.
inline void
CheckLine(const decode::DecodedMessage& m)
{
    FUZZ_CHECK(IsToken(m.protocol));
    FUZZ_CHECK(IsToken(m.type));
    for (const auto& [key, value] : m.fields)
    {
        FUZZ_CHECK(IsToken(key) && key.find('=') == std::string::npos);
        FUZZ_CHECK(IsToken(value));
    }
    FUZZ_CHECK(m.ToLine().find('\n') == std::string::npos);
}

} // namespace fuzz
} // namespace ns3

#endif
