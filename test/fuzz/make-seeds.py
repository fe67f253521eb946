#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Seed corpora for the fuzz targets (doc/memory-safety.md), from captures
and scenario files. tshark splits each capture into per-message payloads:

  mpls-label-stack  the bytes from the first label stack entry to the frame end
  ldp-pdu           each LDP PDU (UDP payload, or a PDU tshark found in TCP)
  l2tp-message      the UDP 1701 payload
  l2tp-avp          the AVPs of each control message (after its 12-octet header)
  ppp-control       PPP Protocol (2 octets) + LCP/IPCP/IPv6CP/CCP packet
  radius-packet     the UDP payload of each RADIUS packet
  ospf-packet       the IP payload of each OSPF packet (with an MD5 digest
                    or LLS block after it, when the packet has one)
  capture           the capture file with its first records that carry a
                    message of these protocols (whole when none does)
  scenario-loader   each YAML file given
  htip-message      seed 004's HTIP messages, laid out here (no capture
                    holds them): the five of test/unit/htip-message-test.cc
                    and a NAK with an unknown TLV and an in-use list;
                    written on every run

Each seed is named by the SHA-1 of its content (as libFuzzer names them),
so running the script again adds nothing twice; a capture gives at most
SEEDS_PER_FILE seeds to each target.

    make-seeds.py OUT_DIR INPUT...

INPUT: pcap/pcapng files, YAML files, or folders searched for both.
"""
import hashlib
import json
import os
import struct
import subprocess
import sys

PPP_CONTROL = {"lcp": 0xC021, "ipcp": 0x8021, "ipv6cp": 0x8057, "ccp": 0x80FD}
# A capture seed keeps its first records: enough link layers and messages,
# small enough to mutate quickly.
CAPTURE_RECORDS = 8
CAPTURE_MAX_BYTES = 64 * 1024
# Simulator captures repeat one message shape thousands of times (labelled
# data, keepalives): a few seeds per target and file are enough.
SEEDS_PER_FILE = 12
MAX_PACKETS = 3000
FILTER = "mpls or ldp or l2tp or radius or ospf or " + " or ".join(PPP_CONTROL)


def pairs_hook(pairs):
    """tshark's JSON repeats keys (one per layer instance): keep them all."""
    out = {}
    for key, value in pairs:
        out.setdefault(key, []).append(value)
    return out


def first(layer, key):
    values = layer.get(key)
    return values[0] if values else None


def raw_entries(layers, name):
    """(hex, offset) of every `name`_raw item."""
    out = []
    for value in layers.get(name + "_raw", []):
        items = value if value and isinstance(value[0], list) else [value]
        for item in items:
            if isinstance(item, list) and len(item) >= 2 and isinstance(item[0], str):
                out.append((item[0], item[1]))
    return out


def udp_payload(layers, frame):
    raw = raw_entries(layers, "udp")
    udp = first(layers, "udp")
    if not raw or not udp:
        return None
    offset = raw[0][1]
    length = int(first(udp, "udp.length") or 0)
    if length < 8 or offset + length > len(frame):
        return None
    return frame[offset + 8:offset + length]


def packets(path):
    # The first packets hold every message kind a run has (set-up, then
    # repetitions); the filter keeps the JSON small.
    out = subprocess.run(["tshark", "-r", path, "-c", str(MAX_PACKETS), "-Y", FILTER,
                          "-T", "json", "-x"],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=False).stdout
    if not out.strip():
        return []
    return json.loads(out, object_pairs_hook=pairs_hook)


def message_seeds(path, frames):
    """(target, bytes) of every message tshark finds in the capture; the
    numbers of their frames go to `frames`."""
    for packet in packets(path):
        layers = first(first(packet, "_source"), "layers")
        frame_raw = raw_entries(layers, "frame")
        if not frame_raw:
            continue
        frames.append(int(first(first(layers, "frame"), "frame.number")))
        frame = bytes.fromhex(frame_raw[0][0])
        mpls = raw_entries(layers, "mpls")
        if mpls:
            yield "mpls-label-stack", frame[mpls[0][1]:]
        if "ldp" in layers:
            payload = udp_payload(layers, frame) if "udp" in layers else None
            if payload:
                yield "ldp-pdu", payload
            else:
                for hex_, _ in raw_entries(layers, "ldp"):
                    yield "ldp-pdu", bytes.fromhex(hex_)
        if "l2tp" in layers:
            payload = udp_payload(layers, frame)
            if payload:
                yield "l2tp-message", payload
                if len(payload) > 12 and payload[0] & 0x80:
                    yield "l2tp-avp", payload[12:]
        if "radius" in layers:
            payload = udp_payload(layers, frame)
            if payload:
                yield "radius-packet", payload
        if "ospf" in layers:
            ip = raw_entries(layers, "ip")
            header = first(layers, "ip")
            if ip and header:
                start = ip[0][1] + 4 * (frame[ip[0][1]] & 0x0F)
                end = ip[0][1] + int(first(header, "ip.len") or 0)
                if start < end <= len(frame):
                    yield "ospf-packet", frame[start:end]
        for name, protocol in PPP_CONTROL.items():
            for hex_, _ in raw_entries(layers, name):
                yield "ppp-control", struct.pack("!H", protocol) + bytes.fromhex(hex_)


def cut_pcap(path, frames):
    """A libpcap file with its first CAPTURE_RECORDS records among `frames`
    (all records when `frames` is empty); pcapng files are kept whole when
    small."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] not in (b"\xd4\xc3\xb2\xa1", b"\xa1\xb2\xc3\xd4",
                        b"\x4d\x3c\xb2\xa1", b"\xa1\xb2\x3c\x4d"):
        return data if len(data) <= CAPTURE_MAX_BYTES else None
    endian = "<" if data[:4] in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1") else ">"
    wanted = set(frames)
    out = bytearray(data[:24])
    at, number, kept = 24, 0, 0
    while at + 16 <= len(data) and kept < CAPTURE_RECORDS:
        incl = struct.unpack(endian + "I", data[at + 8:at + 12])[0]
        if at + 16 + incl > len(data) or len(out) + 16 + incl > CAPTURE_MAX_BYTES:
            break
        number += 1
        if not wanted or number in wanted:
            out += data[at:at + 16 + incl]
            kept += 1
        at += 16 + incl
    return bytes(out)


# HTIP (doc/htip-wire.md): 12-octet header, then TLVs; prefixes are 4
# octets of network and 1 of length. The messages of
# test/unit/htip-message-test.cc.
HTIP_ACK_BODY = ("01 01 01 02 05 0a000000 18 04 05 0a000000 18"
                 "06 05 0a000100 18 07 05 0a000200 18")
HTIP_MESSAGES = [
    # REQUEST, case 2: A's prefix and candidates, name "gw-a.example".
    "01 01 0035 00000001 0001 0000 01 01 01 02 05 0a000000 18"
    "03 0f 0a000000 18 0a000100 18 0a000200 18 08 0c 67772d612e6578616d706c65",
    # RESPONSE of [0139].
    "01 02 0035 00000001 0001 0000 01 01 01 02 05 0a000000 18 04 05 0a000000 18"
    "05 0f 0a000200 18 0a000300 18 0a000400 18 06 05 0a000100 18",
    # ACK of [0140], READY of [0143].
    "01 03 002b 00000001 0001 0000" + HTIP_ACK_BODY,
    "01 04 002b 00000001 0001 0000" + HTIP_ACK_BODY,
    # NAK of [0156], cause 1.
    "01 05 002a 0000002a 0001 0000 01 01 01 03 0f 0a000000 18 0a000100 18 0a000200 18"
    "04 05 0a000000 10 09 01 01",
    # NAK of A to a RESPONSE: TLVs reversed, an unknown TLV, in-use lists.
    "01 05 002f ffffffff 0002 0000 0a 0a 0a010000 10 ac100000 0c c8 01 00 09 01 03"
    "05 05 c0a80100 18 02 05 0a000000 18 01 01 02",
]


def htip_seeds(out_dir, counts):
    for text in HTIP_MESSAGES:
        save(out_dir, "htip-message", bytes.fromhex(text.replace(" ", "")), counts)


def save(out_dir, target, data, counts):
    folder = os.path.join(out_dir, target)
    os.makedirs(folder, exist_ok=True)
    name = os.path.join(folder, hashlib.sha1(data).hexdigest())
    if not os.path.exists(name):
        with open(name, "wb") as f:
            f.write(data)
        counts[target] = counts.get(target, 0) + 1


def inputs(args):
    for arg in args:
        if os.path.isdir(arg):
            for dirpath, _, files in sorted(os.walk(arg)):
                for name in sorted(files):
                    yield os.path.join(dirpath, name)
        else:
            yield arg


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    out_dir = argv[1]
    counts = {}
    htip_seeds(out_dir, counts)
    for path in inputs(argv[2:]):
        if path.endswith((".yaml", ".yml")):
            with open(path, "rb") as f:
                save(out_dir, "scenario-loader", f.read(), counts)
        elif path.endswith((".pcap", ".pcapng")):
            per_target = {}
            frames = []
            for target, data in message_seeds(path, frames):
                per_target[target] = per_target.get(target, 0) + 1
                if per_target[target] <= SEEDS_PER_FILE:
                    save(out_dir, target, data, counts)
            cut = cut_pcap(path, frames)
            if cut:
                save(out_dir, "capture", cut, counts)
    for target in sorted(counts):
        print("%-18s %4d new seeds" % (target, counts[target]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
