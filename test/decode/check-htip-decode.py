#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""ipvpn-decode over the HTIP capture (seed 004's Home-to-home Tunnelling
Initiation Protocol), line by line.

    check-htip-decode.py DECODER [DISSECTOR.lua]

Writes the capture of test/dissector/make-htip-capture.py (69 frames, UDP
port 5402: the unit test's five hand-laid messages, a NAK with an unknown
TLV, one broken message per codec error, every cut of the REQUEST) into a
temporary folder, runs the decoder on it and checks:

  * every line against EXPECTED below, written from the capture's known
    contents (the octets in make-htip-capture.py, the format in
    doc/htip-wire.md, the line in doc/decode.md), not from a run;
  * when tshark is installed and the Lua dissector (analysis/ipvpn-htip.lua)
    is given: for every frame, that the decoder and the dissector agree on
    every field of a valid message, and that a malformed line's reason names
    the dissector's one expert error (reason=bad-tlv for htip.bad_tlv).

check-decode.py is not run: it compares with tshark's own dissectors, which
do not know this protocol.

Exit status: 0 all as expected, 1 a difference, a crash or a hang.
Python 3 standard library only.
"""

import os
import sys

import decode_check

HERE = os.path.dirname(os.path.abspath(__file__))
MAKE_CAPTURE = os.path.join(HERE, "..", "dissector", "make-htip-capture.py")

A_B = "src=198.51.100.1:5402 dst=211.32.119.136:5402"
B_A = "src=211.32.119.136:5402 dst=198.51.100.1:5402"
L24 = "10.0.0.0/24"
CAND_A = "a-cand=10.0.0.0/24,10.0.1.0/24,10.0.2.0/24"
ID1 = "id=0x00000001"

# frame -> the line after "<frame> <time> " (the capture stamps frame N at
# N seconds). Frames 1-6 are valid; 7-17 one per codec error, in the
# capture's order.
EXPECTED = {
    1: "htip REQUEST %s round=1 proto=L2TP a=%s %s name=gw-a.example %s" % (ID1, L24, CAND_A, A_B),
    2: "htip RESPONSE %s round=1 proto=L2TP a=%s b=%s "
       "b-cand=10.0.2.0/24,10.0.3.0/24,10.0.4.0/24 a-tun=10.0.1.0/24 %s" % (ID1, L24, L24, B_A),
    3: "htip ACK %s round=1 proto=L2TP a=%s b=%s a-tun=10.0.1.0/24 b-tun=10.0.2.0/24 %s"
       % (ID1, L24, L24, A_B),
    4: "htip READY %s round=1 proto=L2TP a=%s b=%s a-tun=10.0.1.0/24 b-tun=10.0.2.0/24 %s"
       % (ID1, L24, L24, B_A),
    5: "htip NAK id=0x0000002a round=1 proto=L2TP %s b=10.0.0.0/16 cause=1 %s" % (CAND_A, B_A),
    6: "htip NAK id=0xffffffff round=2 proto=PPTP a=%s b-cand=192.168.1.0/24 cause=3 "
       "in-use=none unknown-tlvs=1 %s" % (L24, A_B),
    7: "htip malformed reason=truncated need=12 have=5 " + A_B,
    8: "htip malformed reason=bad-version version=2 " + A_B,
    9: "htip malformed reason=bad-length type=REQUEST %s length=54 have=53 %s" % (ID1, A_B),
    10: "htip malformed reason=bad-type type=TYPE-6 %s round=1 %s" % (ID1, A_B),
    11: "htip malformed reason=bad-reserved type=ACK %s round=1 %s" % (ID1, A_B),
    12: "htip malformed reason=bad-tlv type=ACK %s round=1 %s" % (ID1, A_B),
    13: "htip malformed reason=bad-tlv type=ACK %s round=1 %s" % (ID1, A_B),
    14: "htip malformed reason=bad-tlv type=ACK %s round=1 %s" % (ID1, A_B),
    15: "htip malformed reason=bad-tlv type=REQUEST %s round=1 %s" % (ID1, A_B),
    16: "htip malformed reason=duplicate-tlv type=ACK %s round=1 %s" % (ID1, A_B),
    17: "htip malformed reason=missing-field type=READY %s round=1 %s" % (ID1, B_A),
}
# Frames 18-69: the REQUEST cut to 1..52 octets, Length set to the cut from
# 4 octets on: under 12 octets truncated, at a TLV boundary (12, 15, 22, 39)
# a missing field, elsewhere a cut TLV.
for size in range(1, 53):
    if size < 12:
        rest = "truncated need=12 have=%d" % size
    elif size in (12, 15, 22, 39):
        rest = "missing-field type=REQUEST %s round=1" % ID1
    else:
        rest = "bad-tlv type=REQUEST %s round=1" % ID1
    EXPECTED[17 + size] = "htip malformed reason=%s %s" % (rest, A_B)

FRAMES = 69
EXPERTS = ["truncated", "bad_version", "bad_length", "bad_type", "bad_reserved", "bad_tlv",
           "duplicate_tlv", "missing_field"]
TYPE_NAMES = {"1": "REQUEST", "2": "RESPONSE", "3": "ACK", "4": "READY", "5": "NAK"}
PROTOCOLS = {"1": "L2TP", "2": "PPTP"}
# Decoder key -> dissector field, for the fields compared one to one.
FIELDS = [("id", "htip.negotiation_id"), ("round", "htip.round"),
          ("proto", "htip.vpn_protocol"), ("a", "htip.requester_prefix"),
          ("a-cand", "htip.requester_candidate"), ("b", "htip.responder_prefix"),
          ("b-cand", "htip.responder_candidate"), ("a-tun", "htip.requester_tunnel"),
          ("b-tun", "htip.responder_tunnel"), ("name", "htip.gateway_name"),
          ("cause", "htip.nak_cause"), ("in-use", "htip.in_use"),
          ("unknown-tlvs", "htip.unknown_tlvs")]



def their_fields(cols):
    """tshark's columns (type, in-use count, FIELDS) as the decoder's keys."""
    theirs = {"type": TYPE_NAMES.get(cols[0], cols[0])}
    for (key, _), value in zip(FIELDS, cols[2:]):
        theirs[key] = value
    theirs["proto"] = PROTOCOLS.get(theirs["proto"], theirs["proto"])
    if cols[1] == "0":
        theirs["in-use"] = "none"  # an empty in-use list
    return theirs


HTIP = decode_check.Dissector("htip", ["htip.type", "htip.in_use.count"] + [f for _, f in FIELDS],
                              EXPERTS, their_fields)

if __name__ == "__main__":
    sys.exit(decode_check.main(sys.argv, __doc__, MAKE_CAPTURE, EXPECTED, FRAMES, HTIP))
