/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Summary of one message of the Home-to-home Tunnelling Initiation Protocol
 * (seed 004, the module's own format in doc/htip-wire.md, UDP port
 * htip::HTIP_PORT) as a DecodedMessage line, built on htip::MessageHeader.
 * Kept apart from ipvpn-message-summary, which summarises the RFC protocols.
 */
#ifndef IPVPN_HTIP_SUMMARY_H
#define IPVPN_HTIP_SUMMARY_H

#include "ipvpn-decoded-message.h"

#include <cstdint>
#include <vector>

namespace ns3
{
namespace decode
{

/**
 * The HTIP message that is the whole UDP payload `bytes`:
 *
 *   htip <TypeName> id=0x........ round=N [proto=P] [a=..] [a-cand=..] [b=..]
 *        [b-cand=..] [a-tun=..] [b-tun=..] [name=..] [cause=N] [in-use=..]
 *        [unknown-tlvs=N]
 *
 * TypeName is REQUEST, RESPONSE, ACK, READY or NAK; each field appears when
 * the message carries it, in TLV type order: proto (L2TP, PPTP or the
 * number), a / b (requester's / responder's own prefix), a-cand / b-cand
 * (candidate lists), a-tun / b-tun (tunnel prefixes), name (gateway name),
 * cause (NAK cause number), in-use (list, "none" when empty); prefixes as
 * 10.0.0.0/24, lists comma-separated. A message MessageHeader rejects gives
 *
 *   htip malformed reason=<ErrorName, lower case, '-' for '_'> ...
 *
 * with what could be read: need= and have= (truncated), version=
 * (bad-version), type=, id=, length= and have= (bad-length), type=, id= and
 * round= (every other error). Reads only `bytes`; never asserts.
 */
DecodedMessage SummarizeHtip(const std::vector<uint8_t>& bytes);

} // namespace decode
} // namespace ns3

#endif /* IPVPN_HTIP_SUMMARY_H */
