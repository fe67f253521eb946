/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Message-trace lines for the home networks' protocols, read where each
 * node's IPv4 layer sends and receives them (Ipv4L3Protocol Tx and Rx):
 * DHCP (UDP 67/68: the message type, xid, host name, address offered),
 * DNS (UDP 53: query, answer, update and its reply, with ID, name and
 * RCODE), HTTP (TCP 80 segments carrying a request or status line), the
 * tunnelling-initiation messages (UDP 5402: type, negotiation ID, round and
 * prefixes) and L2TP control messages (UDP 1701: the message type).
 * Each line carries the packet's uid, so the ladder pairs a send with its
 * receipt hop by hop: a datagram NAT rewrote is a new packet, and the ladder
 * shows the home leg and the ISP leg as two arrows with their own addresses.
 */
#ifndef IPVPN_HOMES_MESSAGE_TRACE_H
#define IPVPN_HOMES_MESSAGE_TRACE_H

#include "ns3/ipvpn-message-trace.h"
#include "ns3/node.h"

#include <string>

namespace ns3
{
namespace scenario
{

/// Records the node's DHCP, DNS, HTTP, HTIP and L2TP control messages into `sink`.
void WatchHomeMessages(Ptr<Node> node, const std::string& name, metrics::MessageTrace::Sink sink);

} // namespace scenario
} // namespace ns3

#endif
