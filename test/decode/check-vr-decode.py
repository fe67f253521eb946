#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""ipvpn-decode over the VR-port discovery capture, line by line.

    check-vr-decode.py DECODER [DISSECTOR.lua]

Writes the capture of test/dissector/make-vr-discovery-capture.py (41 frames,
UDP port 5401: the unit test's four hand-laid messages, a MONITOR with an
unknown TLV, one broken message per codec error, every cut of the ADDITION)
into a temporary folder, runs the decoder on it and checks:

  * every line against EXPECTED below, written from the capture's known
    contents (the octets in make-vr-discovery-capture.py, the format in
    doc/vr-discovery.md, the line in doc/decode.md), not from a run;
  * when tshark is installed and the Lua dissector is given: for every frame,
    that the decoder and the dissector agree on the type, sequence number,
    VPN-ID, router ID, port address and unknown TLV count of a valid message,
    and that a malformed line's reason names the dissector's one expert error
    (reason=bad-tlv for ipvpn_vr.bad_tlv); then check-decode.py --lua over the
    same capture, the comparison every other capture goes through.

Exit status: 0 all as expected, 1 a difference, a crash or a hang.
Python 3 standard library only.
"""

import os
import sys

import decode_check

HERE = os.path.dirname(os.path.abspath(__file__))
MAKE_CAPTURE = os.path.join(HERE, "..", "dissector", "make-vr-discovery-capture.py")
CHECK_DECODE = os.path.join(HERE, "check-decode.py")

R10_R20 = "src=10.0.0.10:5401 dst=10.0.0.20:5401"
R20_R10 = "src=10.0.0.20:5401 dst=10.0.0.10:5401"
VPN = "vpn=00a0c9:00000001"

# frame -> the line after "<frame> <time> " (the capture stamps frame N at
# N seconds). Frames 1-5 are valid; 6-13 one per codec error, in the
# capture's order.
EXPECTED = {
    1: "vr-discovery Addition seq=7 %s router=10.0.0.10 port=10.1.0.1 %s" % (VPN, R10_R20),
    2: "vr-discovery AdditionAck seq=7 %s router=10.0.0.20 port=10.2.0.1 %s" % (VPN, R20_R10),
    3: "vr-discovery Monitor seq=65538 %s router=10.0.0.10 %s" % (VPN, R10_R20),
    4: "vr-discovery MonitorReply seq=65538 %s router=10.0.0.20 %s" % (VPN, R20_R10),
    5: "vr-discovery Monitor seq=8 %s router=10.0.0.10 unknown-tlvs=1 %s" % (VPN, R10_R20),
    6: "vr-discovery malformed reason=truncated need=8 have=5 " + R10_R20,
    7: "vr-discovery malformed reason=bad-version version=2 " + R10_R20,
    8: "vr-discovery malformed reason=bad-length type=Addition seq=7 length=30 have=29 " + R10_R20,
    9: "vr-discovery malformed reason=bad-type type=Type-9 seq=65538 " + R10_R20,
    10: "vr-discovery malformed reason=bad-tlv type=Monitor seq=9 " + R10_R20,
    11: "vr-discovery malformed reason=bad-tlv type=Monitor seq=10 " + R10_R20,
    12: "vr-discovery malformed reason=duplicate-tlv type=Monitor seq=11 " + R10_R20,
    13: "vr-discovery malformed reason=missing-field type=Addition seq=12 " + R10_R20,
}
# Frames 14-41: the ADDITION (sequence 7) cut to 1..28 octets, Length set to
# the cut from 4 octets on: under 8 octets truncated, at a TLV boundary (8,
# 17, 23) a missing field, elsewhere a cut TLV.
for size in range(1, 29):
    if size < 8:
        rest = "truncated need=8 have=%d" % size
    elif size in (8, 17, 23):
        rest = "missing-field type=Addition seq=7"
    else:
        rest = "bad-tlv type=Addition seq=7"
    EXPECTED[13 + size] = "vr-discovery malformed reason=%s %s" % (rest, R10_R20)

FRAMES = 41
EXPERTS = ["truncated", "bad_version", "bad_length", "bad_type", "bad_tlv", "duplicate_tlv",
           "missing_field"]
TYPE_NAMES = {"1": "Addition", "2": "AdditionAck", "3": "Monitor", "4": "MonitorReply"}

# The dissector's fields compared with the decoder's keys of the same meaning.
VR = decode_check.Dissector(
    "ipvpn_vr",
    ["ipvpn_vr.type", "ipvpn_vr.sequence", "ipvpn_vr.vpn_id", "ipvpn_vr.router_id",
     "ipvpn_vr.port_address", "ipvpn_vr.unknown_tlvs"],
    EXPERTS,
    lambda cols: {"type": TYPE_NAMES.get(cols[0], cols[0]), "seq": cols[1], "vpn": cols[2],
                  "router": cols[3], "port": cols[4], "unknown-tlvs": cols[5]})


def check_decode(lua, decoder, capture):
    """check-decode.py --lua over the same capture."""
    generic = decode_check.run([sys.executable, CHECK_DECODE, "--lua", lua, decoder, capture])
    print(generic.stdout.decode("utf-8", "replace").strip())
    if generic.returncode != 0:
        return ["check-decode.py --lua exited with %d" % generic.returncode]
    return []


if __name__ == "__main__":
    sys.exit(decode_check.main(sys.argv, __doc__, MAKE_CAPTURE, EXPECTED, FRAMES, VR,
                               also=check_decode))
