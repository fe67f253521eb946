#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Writes a classic pcap (Ethernet) of HTIP messages, seed 004's
Home-to-home Tunnelling Initiation Protocol (doc/htip-wire.md), for
check-htip-dissector.sh: one IPv4/UDP frame per message, port 5402 both
ways, between gateway A (198.51.100.1) and gateway B (211.32.119.136, the
seed's address of gateway B). Standard library only.

Frames 1-5 are the unit test's hand-laid messages (requestHex, responseHex,
ackHex, readyHex, nakHex in test/unit/htip-message-test.cc), frame 6 a
valid NAK with an unknown TLV and an empty in-use list, frames 7-17 one
broken message per error of the codec, frames 18-69 every cut of the
REQUEST (the cuts at the end).

Usage: make-htip-capture.py OUT.pcap
"""

import sys

from message_capture import cuts, main

PORT = 5402
GW_A = "198.51.100.1"
GW_B = "211.32.119.136"

# Copied from test/unit/htip-message-test.cc.
REQUEST = ("01 01 0035 00000001 0001 0000"
           "01 01 01"
           "02 05 0a000000 18"
           "03 0f 0a000000 18 0a000100 18 0a000200 18"
           "08 0c 67772d612e6578616d706c65")
RESPONSE = ("01 02 0035 00000001 0001 0000"
            "01 01 01"
            "02 05 0a000000 18"
            "04 05 0a000000 18"
            "05 0f 0a000200 18 0a000300 18 0a000400 18"
            "06 05 0a000100 18")
ACK_BODY = ("01 01 01"
            "02 05 0a000000 18"
            "04 05 0a000000 18"
            "06 05 0a000100 18"
            "07 05 0a000200 18")
ACK = "01 03 002b 00000001 0001 0000" + ACK_BODY
READY = "01 04 002b 00000001 0001 0000" + ACK_BODY
NAK = ("01 05 002a 0000002a 0001 0000"
       "01 01 01"
       "03 0f 0a000000 18 0a000100 18 0a000200 18"
       "04 05 0a000000 10"
       "09 01 01")

# (source, destination, message hex); the order is the frame order the
# check script expects.
MESSAGES = [
    # 1-5: the unit test's five valid messages.
    (GW_A, GW_B, REQUEST),
    (GW_B, GW_A, RESPONSE),
    (GW_A, GW_B, ACK),
    (GW_B, GW_A, READY),
    (GW_B, GW_A, NAK),
    # 6: valid NAK from A to a RESPONSE, ID 0xffffffff, round 2, TLVs
    # reversed, an empty in-use list, unknown TLV 200 of 1 octet (skipped);
    # Length 37 = 12 + 2 + 3 + 3 + 7 + 7 + 3.
    (GW_A, GW_B, "01 05 0025 ffffffff 0002 0000"
                 "0a 00"
                 "c8 01 00"
                 "09 01 03"
                 "05 05 c0a80100 18"
                 "02 05 0a000000 18"
                 "01 01 02"),
    # 7: TRUNCATED, 5 octets.
    (GW_A, GW_B, "01 01 0035 00"),
    # 8: BAD_VERSION: the REQUEST with version 2.
    (GW_A, GW_B, "02" + REQUEST[2:]),
    # 9: BAD_LENGTH: the REQUEST claiming 54 octets on 53.
    (GW_A, GW_B, "01 01 0036" + REQUEST[10:]),
    # 10: BAD_TYPE: the ACK with type 6.
    (GW_A, GW_B, "01 06" + ACK[5:]),
    # 11: BAD_RESERVED: the ACK with Reserved 0x8000.
    (GW_A, GW_B, "01 03 002b 00000001 0001 8000" + ACK_BODY),
    # 12: BAD_TLV: the responder tunnel claims 9 octets, 5 left; Length 43.
    (GW_A, GW_B, "01 03 002b 00000001 0001 0000"
                 "01 01 01 02 05 0a000000 18 04 05 0a000000 18 06 05 0a000100 18"
                 "07 09 0a000200 18"),
    # 13: BAD_TLV: the VPN protocol of 2 octets; Length 44.
    (GW_A, GW_B, "01 03 002c 00000001 0001 0000"
                 "01 02 0100 02 05 0a000000 18 04 05 0a000000 18 06 05 0a000100 18"
                 "07 05 0a000200 18"),
    # 14: BAD_TLV: requester prefix 10.0.0.1/24 (host bits); Length 43.
    (GW_A, GW_B, "01 03 002b 00000001 0001 0000"
                 "01 01 01 02 05 0a000001 18 04 05 0a000000 18 06 05 0a000100 18"
                 "07 05 0a000200 18"),
    # 15: BAD_TLV: gateway name "gw a" (a space); Length 12+3+7+17+6 = 45.
    (GW_A, GW_B, "01 01 002d 00000001 0001 0000"
                 "01 01 01 02 05 0a000000 18"
                 "03 0f 0a000000 18 0a000100 18 0a000200 18"
                 "08 04 67772061"),
    # 16: DUPLICATE_TLV: the responder tunnel twice; Length 50.
    (GW_A, GW_B, "01 03 0032 00000001 0001 0000" + ACK_BODY + "07 05 0a000200 18"),
    # 17: MISSING_FIELD: a READY without the responder tunnel; Length 36.
    (GW_B, GW_A, "01 04 0024 00000001 0001 0000"
                 "01 01 01 02 05 0a000000 18 04 05 0a000000 18 06 05 0a000100 18"),
]


# Frames 18-69: the REQUEST cut to 1..52 octets, its Length set to
# the cut (from 4 octets on), so the TLV walk meets every cut: under 12
# octets TRUNCATED; at a TLV boundary (12, 15, 22, 39) MISSING_FIELD;
# anywhere else BAD_TLV.
MESSAGES += list(cuts(REQUEST, GW_A, GW_B))


if __name__ == "__main__":
    sys.exit(main(sys.argv, MESSAGES, PORT, dst_mac="020000000002", src_mac="020000000001"))
