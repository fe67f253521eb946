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
import shutil
import subprocess
import sys
import tempfile

TIMEOUT_S = 60
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


def run(command):
    try:
        return subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        print("FAIL: %s did not finish within %d s" % (command[0], TIMEOUT_S))
        sys.exit(1)


def check_lines(out):
    """The decoder's lines against EXPECTED; returns {frame: fields dict}."""
    problems = []
    decoded = {}
    for raw in out.splitlines():
        words = raw.split(" ")
        if len(words) < 4 or not words[0].isdigit():
            problems.append("line not in the documented format: %r" % raw)
            continue
        frame = int(words[0])
        if frame in decoded:
            problems.append("frame %d: more than one line" % frame)
        want_time = "%d.000000" % frame
        if words[1] != want_time:
            problems.append("frame %d: time %s, expected %s" % (frame, words[1], want_time))
        line = " ".join(words[2:])
        if line != EXPECTED.get(frame):
            problems.append("frame %d:\n  got      %s\n  expected %s"
                            % (frame, line, EXPECTED.get(frame)))
        decoded[frame] = {"type": words[3],
                          "fields": dict(w.split("=", 1) for w in words[4:] if "=" in w)}
    for frame in range(1, FRAMES + 1):
        if frame not in decoded:
            problems.append("frame %d: no line" % frame)
    return decoded, problems


def check_dissector(capture, lua, decoded):
    """The decoder's fields against the Lua dissector's, frame by frame."""
    command = ["tshark", "-n", "-X", "lua_script:" + lua, "-r", capture, "-T", "fields",
               "-E", "separator=|", "-E", "occurrence=a", "-E", "aggregator=,",
               "-e", "frame.number", "-e", "ipvpn_vr.type", "-e", "ipvpn_vr.sequence",
               "-e", "ipvpn_vr.vpn_id", "-e", "ipvpn_vr.router_id",
               "-e", "ipvpn_vr.port_address", "-e", "ipvpn_vr.unknown_tlvs"]
    for name in EXPERTS:
        command += ["-e", "ipvpn_vr." + name]
    result = run(command)
    if result.returncode != 0:
        return ["tshark exited %d: %s" % (result.returncode,
                                          result.stderr.decode("utf-8", "replace").strip())]
    problems = []
    seen = 0
    for raw in result.stdout.decode("utf-8", "replace").splitlines():
        cols = raw.split("|")
        if len(cols) != 7 + len(EXPERTS) or not cols[0].isdigit():
            continue
        seen += 1
        frame = int(cols[0])
        mine = decoded.get(frame)
        if mine is None:
            continue  # already reported
        errors = [name for name, value in zip(EXPERTS, cols[7:]) if value != ""]
        if mine["type"] == "malformed":
            reason = mine["fields"].get("reason", "")
            if errors != [reason.replace("-", "_")]:
                problems.append("frame %d: decoder reason=%s, dissector expert errors %s"
                                % (frame, reason, errors or "none"))
            continue
        if errors:
            problems.append("frame %d: decoder finds a valid %s, dissector expert errors %s"
                            % (frame, mine["type"], errors))
            continue
        theirs = {"type": TYPE_NAMES.get(cols[1], cols[1]), "seq": cols[2], "vpn": cols[3],
                  "router": cols[4], "port": cols[5], "unknown-tlvs": cols[6]}
        ours = {"type": mine["type"]}
        for key in ("seq", "vpn", "router", "port", "unknown-tlvs"):
            ours[key] = mine["fields"].get(key, "")
        if ours != theirs:
            problems.append("frame %d: decoder %s, dissector %s" % (frame, ours, theirs))
    if seen != FRAMES:
        problems.append("tshark printed %d frames, expected %d" % (seen, FRAMES))
    return problems


def main(argv):
    if len(argv) not in (2, 3):
        print(__doc__)
        return 2
    decoder = argv[1]
    lua = argv[2] if len(argv) == 3 else None
    folder = tempfile.mkdtemp(prefix="ipvpn-vr-decode-")
    try:
        capture = os.path.join(folder, "vr.pcap")
        made = run([sys.executable, MAKE_CAPTURE, capture])
        if made.returncode != 0:
            print("FAIL: make-vr-discovery-capture.py: "
                  + made.stderr.decode("utf-8", "replace").strip())
            return 1
        result = run([decoder, capture])
        if result.returncode != 0:
            print("FAIL: ipvpn-decode exited with %d: %s"
                  % (result.returncode, result.stderr.decode("utf-8", "replace").strip()))
            return 1
        decoded, problems = check_lines(result.stdout.decode("utf-8", "replace"))
        print("ipvpn-decode: %d frames, %d expected lines" % (len(decoded), len(EXPECTED)))
        if lua is None or not os.path.exists(lua):
            print("note: no Lua dissector given; not compared with tshark")
        elif shutil.which("tshark") is None:
            print("note: tshark not installed; not compared with the Lua dissector")
        else:
            dissector = check_dissector(capture, lua, decoded)
            problems += dissector
            if not dissector:
                print("tshark with %s: the same fields and errors in all %d frames"
                      % (os.path.basename(lua), FRAMES))
            generic = run([sys.executable, CHECK_DECODE, "--lua", lua, decoder, capture])
            print(generic.stdout.decode("utf-8", "replace").strip())
            if generic.returncode != 0:
                problems.append("check-decode.py --lua exited with %d" % generic.returncode)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if problems:
        for problem in problems:
            print("FAIL: " + problem)
        return 1
    print("ok: all %d frames as expected" % FRAMES)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
