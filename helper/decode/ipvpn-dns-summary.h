/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Summary of one DNS message (RFC 1035 section 4, RFC 2136 UPDATE) as a
 * DecodedMessage line, built on dns::Message. Kept apart from
 * ipvpn-message-summary, which summarises the tunnelling protocols.
 */
#ifndef IPVPN_DNS_SUMMARY_H
#define IPVPN_DNS_SUMMARY_H

#include "ipvpn-decoded-message.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace decode
{

/**
 * Text from the wire (a DNS label, a DHCP host name) as one field value
 * that Token() leaves as it is: letters, digits, '-', '*' and '/' stay,
 * '.' too when `keepDots`; every other octet (space, '_', '+', ',',
 * non-ASCII ...) becomes '+' and two lower-case hex digits ("_sip" ->
 * "+5fsip", "a b" -> "a+20b").
 */
std::string EscapeText(const std::string& text, bool keepDots = false);

/**
 * The DNS message that is `bytes` (a UDP payload, or one TCP frame without
 * its two-octet length, RFC 1035 4.2.2):
 *
 *   dns <type> id=0x.... [rcode=NAME] [qname=N qtype=T] qd=N an=N ns=N ar=N [tc=1] [answers=A,...]
 *
 * type: query / response (opcode 0), update / update-response (opcode 5),
 * Opcode-N otherwise. rcode= (dns::RcodeName) on responses; qname= and
 * qtype= of the first question (each label through EscapeText, so a '.'
 * inside a label is "+2e", joined by '.',
 * "." for the root; qtype a name for A NS CNAME SOA PTR MX TXT AAAA OPT,
 * else the number); answers= the addresses of the A records of the answer
 * section, in order. A message dns::Message::Decode rejects gives
 *
 *   dns malformed reason=<DecodeError, lower case, '-' for '_'> ...
 *
 * then have= (truncated-header) or the fields read before the problem
 * (type=, id=, rcode=, qname=, qtype=). Never asserts.
 */
DecodedMessage SummarizeDns(const std::vector<uint8_t>& bytes);

} // namespace decode
} // namespace ns3

#endif /* IPVPN_DNS_SUMMARY_H */
