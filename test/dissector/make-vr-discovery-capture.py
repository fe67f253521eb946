#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Writes a classic pcap (Ethernet) of VR-port discovery messages
(doc/vr-discovery.md) for check-vr-dissector.sh: one IPv4/UDP frame per
message, port 5401 both ways, between Fig. 2's routers 10 (10.0.0.10) and
20 (10.0.0.20). Standard library only.

Frames 1-4 are the unit test's hand-laid messages (additionHex,
additionAckHex, monitorHex, monitorReplyHex in
test/unit/vr-discovery-header-test.cc), frame 5 a valid MONITOR with an
unknown TLV, frames 6-13 one broken message per error of the codec, frames
14-41 every cut of the ADDITION (the cuts at the end).

Usage: make-vr-discovery-capture.py OUT.pcap
"""

import sys

from message_capture import cuts, main

PORT = 5401
ROUTER_10 = "10.0.0.10"
ROUTER_20 = "10.0.0.20"

# Copied from test/unit/vr-discovery-header-test.cc.
ADDITION = ("01" "01" "001d" "00000007"
            "01 07" "00a0c9 00000001"
            "02 04" "0a00000a"
            "03 04" "0a010001")
ADDITION_ACK = ("01" "02" "001d" "00000007"
                "01 07" "00a0c9 00000001"
                "02 04" "0a000014"
                "03 04" "0a020001")
MONITOR = ("01" "03" "0017" "00010002"
           "01 07" "00a0c9 00000001"
           "02 04" "0a00000a")
MONITOR_REPLY = ("01" "04" "0017" "00010002"
                 "01 07" "00a0c9 00000001"
                 "02 04" "0a000014")

# (source, destination, message hex); the order is the frame order the
# check script expects.
MESSAGES = [
    # 1-4: the unit test's four valid messages.
    (ROUTER_10, ROUTER_20, ADDITION),
    (ROUTER_20, ROUTER_10, ADDITION_ACK),
    (ROUTER_10, ROUTER_20, MONITOR),
    (ROUTER_20, ROUTER_10, MONITOR_REPLY),
    # 5: valid MONITOR, sequence 8, with an unknown TLV 99 of 2 octets
    # (skipped, not an error); Length 27 = 23 + 4.
    (ROUTER_10, ROUTER_20, "01 03 001b 00000008"
                           "01 07 00a0c9 00000001"
                           "02 04 0a00000a"
                           "63 02 beef"),
    # 6: TRUNCATED, 5 octets.
    (ROUTER_10, ROUTER_20, "01 01 001d 00"),
    # 7: BAD_VERSION: the ADDITION with version 2.
    (ROUTER_10, ROUTER_20, "02" + ADDITION[2:]),
    # 8: BAD_LENGTH: the ADDITION claiming 30 octets on 29.
    (ROUTER_10, ROUTER_20, "01 01 001e" + ADDITION[8:]),
    # 9: BAD_TYPE: the MONITOR with type 9.
    (ROUTER_10, ROUTER_20, "01 09" + MONITOR[4:]),
    # 10: BAD_TLV: Router-ID claims 9 octets, 4 left before Length 23.
    (ROUTER_10, ROUTER_20, "01 03 0017 00000009"
                           "01 07 00a0c9 00000001"
                           "02 09 0a00000a"),
    # 11: BAD_TLV: Router-ID of 5 octets (wrong length for its type);
    # Length 24.
    (ROUTER_10, ROUTER_20, "01 03 0018 0000000a"
                           "01 07 00a0c9 00000001"
                           "02 05 0a00000a00"),
    # 12: DUPLICATE_TLV: two Router-IDs; Length 29.
    (ROUTER_10, ROUTER_20, "01 03 001d 0000000b"
                           "01 07 00a0c9 00000001"
                           "02 04 0a00000a"
                           "02 04 0a000014"),
    # 13: MISSING_FIELD: an ADDITION without the VR-port address; Length 23.
    (ROUTER_10, ROUTER_20, "01 01 0017 0000000c"
                           "01 07 00a0c9 00000001"
                           "02 04 0a00000a"),
]


# Frames 14-41: the ADDITION cut to 1..28 octets, its Length set to
# the cut (from 4 octets on), so the TLV walk meets every cut: under 8
# octets TRUNCATED; at a TLV boundary (8, 17, 23) MISSING_FIELD; anywhere
# else BAD_TLV.
MESSAGES += list(cuts(ADDITION, ROUTER_10, ROUTER_20))


if __name__ == "__main__":
    sys.exit(main(sys.argv, MESSAGES, PORT, dst_mac="020000000014", src_mac="02000000000a"))
