#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Checks pcap-twins.py's grouping on captures written here: the same frames
at other times group together, a missing, changed or reordered-in-content
frame or another link type does not, and a file that is no pcap stays
alone (so check-pcaps.sh still runs tshark on it)."""

import os
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
import pcap_frames  # noqa: E402


def frames(n, change=None):
    out = [pcap_frames.ethernet(pcap_frames.udp("10.0.0.1", "10.0.0.2", 1000, 2000 + i, b"x" * i))
           for i in range(n)]
    if change is not None:
        out[change] = out[change][:-1] + b"y"
    return out


def main():
    with tempfile.TemporaryDirectory() as d:
        def path(name):
            return os.path.join(d, name)
        pcap_frames.write_pcap(path("a.pcap"), frames(5), lambda i: (i, 0))
        # the other end: same frames, later and in another order
        pcap_frames.write_pcap(path("b.pcap"), list(reversed(frames(5))), lambda i: (i, 500))
        pcap_frames.write_pcap(path("c.pcap"), frames(4), lambda i: (i, 0))          # one frame fewer
        pcap_frames.write_pcap(path("d.pcap"), frames(5, change=2), lambda i: (i, 0))  # one octet differs
        pcap_frames.write_pcap(path("e.pcap"), frames(5), lambda i: (i, 0))
        with open(path("e.pcap"), "r+b") as f:  # same frames, link type 9 (PPP)
            f.seek(20)
            f.write(struct.pack("<I", 9))
        with open(path("f.pcap"), "wb") as f:
            f.write(b"not a capture")
        names = ["a", "b", "c", "d", "e", "f"]
        run = subprocess.run([sys.executable, os.path.join(HERE, "pcap-twins.py")]
                             + [path(n + ".pcap") for n in names],
                             capture_output=True, text=True, check=True)
        groups = [[os.path.basename(p)[0] for p in line.split("\t")]
                  for line in run.stdout.splitlines()]
        expected = [["a", "b"], ["c"], ["d"], ["e"], ["f"]]
        if groups != expected:
            print("FAIL groups %s, expected %s" % (groups, expected))
            return 1
    print("ok pcap-twins groups")
    return 0


if __name__ == "__main__":
    sys.exit(main())
