#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Groups captures that hold the same frames: the two ends of a
point-to-point link capture the same bytes, so tshark need read only one of
them. Prints one line per group, its files separated by tabs, the first one
being the file to check. Two captures are in one group when their link
types are equal and their frames, compared byte by byte with their original
lengths, are the same multiset (timestamps ignored). A file this script
cannot read as a classic pcap is a group of its own, so it is still checked.
Standard library only."""

import hashlib
import struct
import sys

MAGICS = {0xA1B2C3D4: "<", 0xA1B23C4D: "<", 0xD4C3B2A1: ">", 0x4D3CB2A1: ">"}


def fingerprint(path):
    """A digest of the link type and the sorted frame digests; None if not a classic pcap."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return None
    if len(data) < 24:
        return None
    order = MAGICS.get(struct.unpack("<I", data[:4])[0])
    if order is None:
        return None
    link = struct.unpack(order + "I", data[20:24])[0]
    frames = []
    off = 24
    while off < len(data):
        if off + 16 > len(data):
            return None
        incl, orig = struct.unpack(order + "II", data[off + 8:off + 16])
        off += 16
        if off + incl > len(data):
            return None
        frames.append(hashlib.sha256(struct.pack("<I", orig) + data[off:off + incl]).digest())
        off += incl
    total = hashlib.sha256(struct.pack("<I", link))
    for digest in sorted(frames):
        total.update(digest)
    return total.hexdigest()


def main(paths):
    groups = {}
    order = []
    for n, path in enumerate(paths):
        key = fingerprint(path) or "unreadable-%d" % n
        if key not in groups:
            groups[key] = []
            order.append(key)
        groups[key].append(path)
    for key in order:
        print("\t".join(groups[key]))


if __name__ == "__main__":
    main(sys.argv[1:])
