# SPDX-License-Identifier: GPL-2.0-only
"""Shared part of make-vr-discovery-capture.py and make-htip-capture.py:
the cuts of one message and the pcap of a list of hex-written messages, one
IPv4/UDP frame each on one port both ways, frame N stamped at N seconds.
The messages themselves stay in each script. Standard library only."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from pcap_frames import ethernet, udp, write_pcap  # noqa: E402


def cuts(hex_text, src, dst):
    """The message cut to 1..len-1 octets, its 16-bit Length at octets 2-3
    set to the cut (from 4 octets on), so a TLV walk meets every cut."""
    whole = hex_text.replace(" ", "")
    for size in range(1, len(whole) // 2):
        text = whole[:2 * size]
        if size >= 4:
            text = text[:4] + "%04x" % size + text[8:]
        yield (src, dst, text)


def main(argv, messages, port, dst_mac, src_mac):
    """Writes messages [(src, dst, hex text)] to the pcap argv[1]."""
    if len(argv) != 2:
        sys.stderr.write("usage: %s OUT.pcap\n" % os.path.basename(argv[0]))
        return 2
    frames = []
    for number, (src, dst, text) in enumerate(messages, start=1):
        message = bytes.fromhex(text.replace(" ", ""))
        datagram = udp(src, dst, port, port, message, ident=number, flags=0x4000)
        frames.append(ethernet(datagram, dst_mac=dst_mac, src_mac=src_mac))
    write_pcap(argv[1], frames, lambda index: (index + 1, 0))
    return 0
