/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The TLV walk of the module's own message formats (the VR-port discovery
 * messages, doc/vr-discovery.md, and the tunnelling-initiation messages,
 * doc/htip-wire.md): Type (8) | Length (8) | Value (Length octets), back to
 * back. The walk never reads past the octets it is given; the codec says
 * per TLV whether to take, skip or refuse it, and reads the value.
 */
#ifndef IPVPN_TLV_WALK_H
#define IPVPN_TLV_WALK_H

#include "ns3/buffer.h"

#include <cstdint>
#include <functional>

namespace ns3
{

/// What a TlvShape function answers for a TLV it does not know: skip it.
constexpr int TLV_SKIP = -1;

/// What WalkTlvs() found.
struct TlvWalk
{
    uint32_t consumed = 0; ///< octets read: all, or up to the TLV that stopped the walk
    int error = 0;         ///< 0, or the code that stopped it
    uint32_t skipped = 0;  ///< TLVs skipped as unknown
};

/// A TLV's type and length: 0 to read it, TLV_SKIP to skip it, or an error code (> 0).
using TlvShape = std::function<int(uint8_t type, uint8_t length)>;
/// Reads a value (`value` at its first octet, `length` octets there): 0 or an error code.
using TlvRead = std::function<int(uint8_t type, uint8_t length, Buffer::Iterator value)>;

/**
 * Walks the TLVs in the next `length` octets of `i`, which it moves past
 * what it consumed. A header or a value running past the end stops the
 * walk with `cutShort` (consumed: up to that TLV's header); an error from
 * `shape` stops it after the header, one from `read` after the value.
 */
TlvWalk WalkTlvs(Buffer::Iterator& i,
                 uint32_t length,
                 int cutShort,
                 const TlvShape& shape,
                 const TlvRead& read);

} // namespace ns3

#endif /* IPVPN_TLV_WALK_H */
