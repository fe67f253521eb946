/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Helpers for the capture decoder tests: every line the decoder prints for
 * a capture file, the lines of one frame, and the documented line format;
 * a raw IPv4/UDP datagram and the line(s) the decoder gives for it.
 */
#ifndef IPVPN_TEST_DECODE_TEST_UTIL_H
#define IPVPN_TEST_DECODE_TEST_UTIL_H

#include "codec-test-util.h"

#include "ns3/ipvpn-capture-decoder.h"
#include "ns3/ipvpn-capture-frame.h"
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

/// A raw IPv4 datagram (RFC 791, 20-octet header, protocol 17) from `src`
/// to `dst` (addresses in hex) holding a UDP header (RFC 768) and
/// `payload`. Checksums are zero: the decoder does not check them, and zero
/// means "none" for UDP.
inline std::vector<uint8_t>
UdpDatagram(const std::string& src,
            const std::string& dst,
            uint16_t sport,
            uint16_t dport,
            const std::vector<uint8_t>& payload)
{
    const uint16_t udpLength = 8 + payload.size();
    const uint16_t total = 20 + udpLength;
    std::vector<uint8_t> b{
        0x45, 0, uint8_t(total >> 8), uint8_t(total), 0, 1, 0x40, 0, 64, 17, 0, 0};
    const auto s = codectest::FromHex(src);
    const auto d = codectest::FromHex(dst);
    b.insert(b.end(), s.begin(), s.end());
    b.insert(b.end(), d.begin(), d.end());
    const std::vector<uint8_t> udp{uint8_t(sport >> 8),
                                   uint8_t(sport),
                                   uint8_t(dport >> 8),
                                   uint8_t(dport),
                                   uint8_t(udpLength >> 8),
                                   uint8_t(udpLength),
                                   0,
                                   0};
    b.insert(b.end(), udp.begin(), udp.end());
    b.insert(b.end(), payload.begin(), payload.end());
    return b;
}

/// The lines of one raw-IPv4 frame (number 1, time 0), each in the
/// documented format.
inline std::vector<std::string>
RawLines(const std::vector<uint8_t>& datagram, uint32_t originalLength = 0)
{
    decode::CaptureDecoder decoder;
    std::vector<std::string> out;
    for (const auto& m :
         decoder.Decode(decode::DecodeFrame(decode::LINKTYPE_RAW, datagram, 1, originalLength)))
    {
        const std::string line = m.ToLine();
        CHECK(std::regex_match(line, LineFormat()));
        out.push_back(line);
    }
    return out;
}

/// The one line of a UDP message `hex` from `src` to `dst`, `port` both
/// ways, which must end in `ends` (" src=... dst=..."): the line without the
/// "1 0.000000 " prefix and without the ends.
inline std::string
UdpLine(const std::string& src,
        const std::string& dst,
        uint16_t port,
        const std::string& ends,
        const std::string& hex)
{
    const auto lines = RawLines(UdpDatagram(src, dst, port, port, codectest::FromHex(hex)));
    REQUIRE(lines.size() == 1);
    const std::string prefix = "1 0.000000 ";
    REQUIRE(lines[0].compare(0, prefix.size(), prefix) == 0);
    REQUIRE(lines[0].size() >= ends.size());
    CHECK(lines[0].substr(lines[0].size() - ends.size()) == ends);
    return lines[0].substr(prefix.size(), lines[0].size() - prefix.size() - ends.size());
}

/// The lines of `message` from `src` to `dst`, `port` both ways, with six
/// octets of link padding after the IPv4 datagram (past its Total Length).
inline std::vector<std::string>
PaddedLines(const std::string& src,
            const std::string& dst,
            uint16_t port,
            const std::vector<uint8_t>& message)
{
    auto padded = UdpDatagram(src, dst, port, port, message);
    padded.insert(padded.end(), 6, 0);
    return RawLines(padded);
}

/// The lines of `message` from `src` to `dst`, `port` both ways, its last
/// `missing` octets cut by the capture's snap length (the frame's original
/// length is the whole datagram's).
inline std::vector<std::string>
SnappedLines(const std::string& src,
             const std::string& dst,
             uint16_t port,
             const std::vector<uint8_t>& message,
             std::size_t missing)
{
    auto datagram = UdpDatagram(src, dst, port, port, message);
    const uint32_t wire = datagram.size();
    datagram.resize(wire - missing);
    return RawLines(datagram, wire);
}

/// A summarizer given one octet: a malformed message whose first field is
/// reason=truncated.
template <typename Summarize>
void
CheckOneOctetTruncated(Summarize summarize)
{
    const decode::DecodedMessage bad = summarize({0x01});
    CHECK(bad.IsMalformed());
    CHECK(bad.fields.front() == std::make_pair(std::string("reason"), std::string("truncated")));
}

} // namespace decodetest
} // namespace ns3

#endif
