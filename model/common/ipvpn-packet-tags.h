/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Packet tags across a rebuilt packet: framing a datagram with AddAtEnd, or
 * rewriting its bytes into a new packet (NAT), keeps only the bytes; the
 * datagram's packet tags (a VRF's, a monitor's) must follow it.
 */
#ifndef IPVPN_PACKET_TAGS_H
#define IPVPN_PACKET_TAGS_H

#include "ns3/packet.h"

namespace ns3
{

/// Adds every packet tag of \p from to \p to (tags whose type has no constructor are skipped).
void CopyPacketTags(Ptr<const Packet> from, Ptr<Packet> to);

} // namespace ns3

#endif // IPVPN_PACKET_TAGS_H
