/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Summary of one DHCP message (RFC 2131, options of RFC 2132) as a
 * DecodedMessage line, built on dhcp::Message. Kept apart from
 * ipvpn-message-summary, which summarises the tunnelling protocols.
 */
#ifndef IPVPN_DHCP_SUMMARY_H
#define IPVPN_DHCP_SUMMARY_H

#include "ipvpn-decoded-message.h"

#include <cstdint>
#include <vector>

namespace ns3
{
namespace decode
{

/**
 * The DHCP message that is the whole UDP payload `bytes` (ports 67/68):
 *
 *   dhcp <type> xid=0x........ ciaddr=A yiaddr=A [chaddr=xx:..] [hostname=H] [requested=A]
 *        [server-id=A] [lease=S] [router=A,...] [dns=A,...]
 *
 * type: dhcp::MessageTypeName of option 53 (DHCPDISCOVER ... DHCPINFORM),
 * BOOTREQUEST or BOOTREPLY without it. chaddr= the hlen octets of chaddr
 * in hex, ':'-separated (absent when hlen is 0); hostname= option 12
 * through EscapeText (ipvpn-dns-summary.h, dots kept); requested= option 50,
 * server-id= 54, lease= 51 in seconds, router= 3, dns= 6, each only when
 * present. A message dhcp::Message rejects gives
 *
 *   dhcp malformed reason=<ErrorName, lower case, '-' for '_'> ...
 *
 * then need= and have= (truncated), op= (bad-op), hlen= (bad-hlen), or
 * xid= and, for an option at fault, option=N. Never asserts.
 */
DecodedMessage SummarizeDhcp(const std::vector<uint8_t>& bytes);

} // namespace decode
} // namespace ns3

#endif /* IPVPN_DHCP_SUMMARY_H */
