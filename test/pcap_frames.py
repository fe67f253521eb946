# SPDX-License-Identifier: GPL-2.0-only
"""Frames for the project's test captures, byte by byte: IPv4, UDP and TCP
with correct checksums (RFC 1071, RFC 768 and RFC 793 pseudo-header),
Ethernet II, and a classic pcap writer. Python 3 standard library only;
used by test/decode/make-encap-captures.py and
test/dissector/make-vr-discovery-capture.py."""

import struct

PCAP_MAGIC = 0xA1B2C3D4          # microsecond timestamps
LINKTYPE_ETHERNET = 1
ETHERTYPE_IPV4 = 0x0800
IP_TCP, IP_UDP = 6, 17


def checksum(data):
    """RFC 1071 Internet checksum of `data`."""
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def addr(text):
    return bytes(int(part) for part in text.split("."))


def ipv4(src, dst, protocol, payload, ident=1, ttl=64, flags=0):
    """An IPv4 header (no options) in front of `payload`; `flags` is the
    Flags/Fragment Offset word (0x4000: DF)."""
    header = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(payload), ident, flags, ttl,
                         protocol, 0, addr(src), addr(dst))
    header = header[:10] + struct.pack("!H", checksum(header)) + header[12:]
    return header + payload


def pseudo_header(src, dst, protocol, length):
    return struct.pack("!4s4sBBH", addr(src), addr(dst), 0, protocol, length)


def udp(src, dst, sport, dport, payload, ttl=64, ident=1, flags=0):
    """A UDP datagram with its checksum over the IPv4 pseudo-header (RFC 768)."""
    length = 8 + len(payload)
    header = struct.pack("!HHHH", sport, dport, length, 0)
    value = checksum(pseudo_header(src, dst, IP_UDP, length) + header + payload) or 0xFFFF
    return ipv4(src, dst, IP_UDP, header[:6] + struct.pack("!H", value) + payload,
                ident=ident, ttl=ttl, flags=flags)


def tcp(src, dst, sport, dport, seq, ack, payload):
    """A TCP segment (20-octet header, ACK|PSH) with a correct checksum."""
    header = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, 0x18, 8192, 0, 0)
    value = checksum(pseudo_header(src, dst, IP_TCP, len(header) + len(payload)) + header
                     + payload)
    return ipv4(src, dst, IP_TCP, header[:16] + struct.pack("!H", value) + header[18:]
                + payload)


def ethernet(payload, ethertype=ETHERTYPE_IPV4, dst_mac="020000000002", src_mac="020000000001"):
    return (bytes.fromhex(dst_mac) + bytes.fromhex(src_mac) + struct.pack("!H", ethertype)
            + payload)


def write_pcap(path, frames, stamp):
    """A classic pcap (Ethernet, snap length 65535); `stamp(index)` gives
    frame `index`'s (seconds, microseconds)."""
    with open(path, "wb") as out:
        out.write(struct.pack("<IHHiIII", PCAP_MAGIC, 2, 4, 0, 0, 65535, LINKTYPE_ETHERNET))
        for index, frame in enumerate(frames):
            seconds, micros = stamp(index)
            out.write(struct.pack("<IIII", seconds, micros, len(frame), len(frame)))
            out.write(frame)
