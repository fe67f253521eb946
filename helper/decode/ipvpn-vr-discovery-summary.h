/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Summary of one VR-port discovery or monitoring message (seed 000, the
 * module's own format in doc/vr-discovery.md, UDP port vr::DISCOVERY_PORT)
 * as a DecodedMessage line, built on vr::DiscoveryHeader. Kept apart from
 * ipvpn-message-summary, which summarises the RFC protocols.
 */
#ifndef IPVPN_VR_DISCOVERY_SUMMARY_H
#define IPVPN_VR_DISCOVERY_SUMMARY_H

#include "ipvpn-decoded-message.h"

#include <cstdint>
#include <vector>

namespace ns3
{
namespace decode
{

/**
 * The discovery message that is the whole UDP payload `bytes`:
 *
 *   vr-discovery <TypeName> seq=N vpn=oui:index router=A [port=B] [unknown-tlvs=N]
 *
 * port= when the message carries the VR-port address (always for Addition
 * and AdditionAck), unknown-tlvs= when TLVs of unknown types were skipped.
 * A message DiscoveryHeader rejects gives
 *
 *   vr-discovery malformed reason=<ErrorName, lower case, '-' for '_'> ...
 *
 * with what could be read: need= and have= (truncated), version=
 * (bad-version), type= and seq= (every other error), length= and have=
 * (bad-length). Reads only `bytes`; never asserts.
 */
DecodedMessage SummarizeVrDiscovery(const std::vector<uint8_t>& bytes);

} // namespace decode
} // namespace ns3

#endif /* IPVPN_VR_DISCOVERY_SUMMARY_H */
