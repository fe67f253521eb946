/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Helpers for the capture decoder tests: every line the decoder prints for
 * a capture file, the lines of one frame, and the documented line format.
 */
#ifndef IPVPN_TEST_DECODE_TEST_UTIL_H
#define IPVPN_TEST_DECODE_TEST_UTIL_H

#include "ns3/ipvpn-capture-decoder.h"
#include "ns3/ipvpn-capture-reader.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <regex>
#include <string>
#include <vector>

namespace ns3
{
namespace decodetest
{

/// `<frame> <time> <proto> <type> key=value ...` (README, ipvpn-decoded-message.h).
inline const std::regex&
LineFormat()
{
    static const std::regex format(R"(^\d+ \d+\.\d{6} [a-z0-9-]+ \S+( [a-z0-9-]+=\S*)*$)");
    return format;
}

/// Every line the decoder prints for a capture file, Finish() included.
inline std::vector<std::string>
DecodeLines(const std::string& path)
{
    auto cap = decode::ReadCapture(path);
    REQUIRE(cap.ok);
    decode::CaptureDecoder decoder;
    std::vector<std::string> lines;
    for (const auto& frame : cap.frames)
    {
        for (const auto& m : decoder.Decode(frame))
        {
            lines.push_back(m.ToLine());
        }
    }
    for (const auto& m : decoder.Finish())
    {
        lines.push_back(m.ToLine());
    }
    return lines;
}

/// The lines of one frame.
inline std::vector<std::string>
FrameLines(const std::vector<std::string>& lines, uint32_t frame)
{
    std::vector<std::string> out;
    const std::string prefix = std::to_string(frame) + " ";
    for (const auto& line : lines)
    {
        if (line.compare(0, prefix.size(), prefix) == 0)
        {
            out.push_back(line);
        }
    }
    return out;
}

} // namespace decodetest
} // namespace ns3

#endif
