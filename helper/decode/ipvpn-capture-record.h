/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * One packet record as a capture file stores it, before any decoding:
 * shared by the classic pcap and the pcapng readers.
 */
#ifndef IPVPN_CAPTURE_RECORD_H
#define IPVPN_CAPTURE_RECORD_H

#include <cstdint>
#include <vector>

namespace ns3
{
namespace decode
{

/// A captured packet with its interface's link type and its timestamp.
struct CaptureRecord
{
    uint32_t linkType = 0;       ///< LINKTYPE_* of the capturing interface
    uint64_t seconds = 0;        ///< timestamp: seconds since the epoch
    uint32_t nanoseconds = 0;    ///< timestamp: fraction of a second
    uint32_t originalLength = 0; ///< length on the wire
    std::vector<uint8_t> bytes;  ///< the captured bytes (may be fewer)
};

} // namespace decode
} // namespace ns3

#endif
