#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Write the MPLS-in-UDP and MPLS-in-GRE test captures, byte by byte.

    make-encap-captures.py [OUTPUT_FOLDER]     (default: captures/ beside this file)

mpls-in-udp.pcap          Ethernet/IPv4/UDP to port 6635 (RFC 7510) carrying
                          label stacks, IPv4 and LDP, L2TP or RADIUS under them
mpls-in-gre.pcap          Ethernet/IPv4/GRE protocol 0x8847/0x8848 (RFC 4023;
                          RFC 2784 checksum, RFC 2890 key and sequence number),
                          the same payloads
mpls-encap-malformed.pcap cut label stacks and GRE headers in both tunnels

Every frame is listed in FRAMES_* below with what it shows. All IPv4 header,
UDP, TCP and GRE checksums are correct (RFC 1071): tshark (and pcap-check)
find nothing wrong with the first two files, and only the intended damage in
the third. The output is deterministic: running
the script again rewrites the committed files unchanged. Python 3 standard
library only.
"""

import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from pcap_frames import addr, checksum, ethernet, ipv4, tcp, udp, write_pcap  # noqa: E402

ETHERTYPE_MPLS = 0x8847
ETHERTYPE_MPLS_MULTICAST = 0x8848
IP_GRE = 47
PORT_MPLS_UDP = 6635             # RFC 7510 section 3
EPOCH = 1700000000               # first frame's timestamp

# Tunnel endpoints (outer header) and the hosts inside the LSP (inner header).
PE1, PE2 = "198.51.100.1", "198.51.100.2"
LSR1, LSR2 = "192.0.2.1", "192.0.2.2"
ALL_ROUTERS = "224.0.0.2"


def gre(protocol, payload, key=None, seq=None, with_checksum=False, version=0, flags=0):
    """A GRE header (RFC 2784 section 2, RFC 2890 section 2) and `payload`.
    `flags` adds raw bits to the first 16-bit word (for the bad cases)."""
    word = flags | version
    word |= 0x8000 if with_checksum else 0
    word |= 0x2000 if key is not None else 0
    word |= 0x1000 if seq is not None else 0
    optional = b""
    if with_checksum:
        optional += b"\0\0\0\0"            # Checksum and Reserved1, filled below
    if key is not None:
        optional += struct.pack("!I", key)
    if seq is not None:
        optional += struct.pack("!I", seq)
    packet = struct.pack("!HH", word, protocol) + optional + payload
    if with_checksum:
        # RFC 2784 section 2.5: over the GRE header and the payload, with the
        # Checksum field taken as zero.
        packet = packet[:4] + struct.pack("!H", checksum(packet)) + packet[6:]
    return ipv4(PE1, PE2, IP_GRE, packet)


def labels(*entries):
    """Label stack entries (label, tc, s, ttl), top first (RFC 3032 section 2.1)."""
    return b"".join(struct.pack("!I", (label << 12) | (tc << 9) | (s << 8) | ttl)
                    for label, tc, s, ttl in entries)


# ------------------------------------------------------------- messages inside

def ldp_pdu(message_type, message_id, tlvs):
    """One LDP PDU (RFC 5036 section 3.1) from LSR 192.0.2.1:0 with one message."""
    body = struct.pack("!I", message_id) + tlvs
    message = struct.pack("!HH", message_type, len(body)) + body
    return struct.pack("!HH4sH", 1, 6 + len(message), addr(LSR1), 0) + message


def ldp_hello(message_id):
    # Common Hello Parameters TLV (section 3.5.2): hold time 15 s, link Hello;
    # IPv4 Transport Address TLV (section 3.5.2.1).
    return ldp_pdu(0x0100, message_id,
                   struct.pack("!HHHH", 0x0400, 4, 15, 0)
                   + struct.pack("!HH4s", 0x0401, 4, addr(LSR1)))


def ldp_keepalive(message_id):
    return ldp_pdu(0x0201, message_id, b"")


def l2tp_hello(tunnel, ns, nr):
    """An L2TPv2 HELLO control message (RFC 2661 sections 3.1, 6.5): T, L, S
    set, Message Type AVP (mandatory, value 6) only."""
    avp = struct.pack("!HHHH", 0x8000 | 8, 0, 0, 6)
    return struct.pack("!HHHHHH", 0xC802, 12 + len(avp), tunnel, 0, ns, nr) + avp


def radius_access_request(ident):
    """A RADIUS Access-Request (RFC 2865 section 4.1) with User-Name."""
    user = b"ipvpn"
    attrs = struct.pack("!BB", 1, 2 + len(user)) + user
    authenticator = bytes(range(16))
    return struct.pack("!BBH", 1, ident, 20 + len(attrs)) + authenticator + attrs


def inner_ldp_hello(message_id):
    # A link Hello to the all-routers group stays on the link: TTL 1.
    return udp(LSR1, ALL_ROUTERS, 646, 646, ldp_hello(message_id), ttl=1)


def inner_l2tp_hello():
    return udp(LSR1, LSR2, 1701, 1701, l2tp_hello(7, 3, 4))


def inner_radius():
    return udp(LSR1, LSR2, 49400, 1812, radius_access_request(9))


def inner_ldp_keepalive():
    return tcp(LSR1, LSR2, 40001, 646, 1000, 2000, ldp_keepalive(33))


def mpls_udp(payload, sport=49152):
    return udp(PE1, PE2, sport, PORT_MPLS_UDP, payload)


# ------------------------------------------------------------------- frames

FRAMES_UDP = [
    # 1: one label, an LDP Hello inside.
    ethernet(mpls_udp(labels((100, 0, 1, 63)) + inner_ldp_hello(1))),
    # 2: two labels, an L2TP HELLO inside.
    ethernet(mpls_udp(labels((200, 0, 0, 63), (300, 5, 1, 63)) + inner_l2tp_hello(), 51000)),
    # 3: two labels, LDP KeepAlive on TCP inside.
    ethernet(mpls_udp(labels((201, 0, 0, 62), (301, 0, 1, 62)) + inner_ldp_keepalive(), 52000)),
    # 4: one label, a RADIUS Access-Request inside.
    ethernet(mpls_udp(labels((400, 0, 1, 64)) + inner_radius(), 53000)),
]

FRAMES_GRE = [
    # 1: plain GRE, one label, an LDP Hello inside.
    ethernet(gre(ETHERTYPE_MPLS, labels((100, 0, 1, 63)) + inner_ldp_hello(2))),
    # 2: key and sequence number (RFC 2890), two labels, RADIUS inside.
    ethernet(gre(ETHERTYPE_MPLS, labels((200, 0, 0, 63), (300, 0, 1, 63)) + inner_radius(),
                 key=0x01020304, seq=17)),
    # 3: checksum, key and sequence number, an L2TP HELLO inside.
    ethernet(gre(ETHERTYPE_MPLS, labels((210, 1, 1, 63)) + inner_l2tp_hello(),
                 key=42, seq=18, with_checksum=True)),
    # 4: protocol type 0x8848 (RFC 5332), two labels, LDP KeepAlive on TCP.
    ethernet(gre(ETHERTYPE_MPLS_MULTICAST,
                 labels((220, 0, 0, 62), (320, 0, 1, 62)) + inner_ldp_keepalive())),
]

FRAMES_MALFORMED = [
    # 1: in UDP, the label stack is cut off: two entries without S = 1.
    ethernet(mpls_udp(labels((500, 0, 0, 64), (501, 0, 0, 64)), 54000)),
    # 2: in UDP, an MPLS payload too short for one label stack entry.
    ethernet(mpls_udp(b"\x00\x06", 55000)),
    # 3: in GRE with a key, one entry without S = 1 and two stray octets.
    ethernet(gre(ETHERTYPE_MPLS, labels((502, 0, 0, 64)) + b"\x00\x00", key=5)),
    # 4: the K bit promises a key that is not there.
    ethernet(gre(ETHERTYPE_MPLS, b"", flags=0x2000)),
]


def stamp(index):
    return EPOCH + index, 1000 * index


def main(argv):
    folder = argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(
        os.path.abspath(__file__)), "captures")
    os.makedirs(folder, exist_ok=True)
    write_pcap(os.path.join(folder, "mpls-in-udp.pcap"), FRAMES_UDP, stamp)
    write_pcap(os.path.join(folder, "mpls-in-gre.pcap"), FRAMES_GRE, stamp)
    write_pcap(os.path.join(folder, "mpls-encap-malformed.pcap"), FRAMES_MALFORMED, stamp)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
