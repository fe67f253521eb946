#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Write the DNS and DHCP test captures, byte by byte.

    make-dns-dhcp-captures.py [OUTPUT_FOLDER]     (default: captures/ beside this file)

dns-dhcp.pcap            what the corpus lacks: names with '_' and a space,
                         a type without a mnemonic (SRV), TC and NXDOMAIN, an
                         RFC 2136 UPDATE and its response, DNS over TCP with
                         two messages in one segment and one message split
                         over two segments (RFC 1035 4.2.2), BOOTP without
                         option 53, a DHCPACK with a host name holding a space
dns-dhcp-malformed.pcap  a DNS header, question and record cut short, a
                         DHCP message cut short, a DHCP option overrun

Every frame is listed in FRAMES_* below. IPv4, UDP and TCP checksums are
correct; tshark finds nothing wrong with the first file and marks each frame
of the second "Malformed Packet". Deterministic: running the script again
rewrites the committed files unchanged. Python 3 standard library only.
"""

import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from pcap_frames import addr, ethernet, tcp, udp, write_pcap  # noqa: E402

EPOCH = 1700000100
HOST, SERVER = "192.0.2.10", "192.0.2.53"


def name(text):
    """RFC 1035 3.1: labels with their length octets, then the root."""
    out = b""
    for label in text.split(".") if text else []:
        raw = label.encode()
        out += bytes([len(raw)]) + raw
    return out + b"\0"


def dns(ident, flags, questions=(), answers=(), authorities=(), additionals=()):
    """A message; questions are (name bytes, type), records (name bytes, type, rdata)."""
    out = struct.pack("!HHHHHH", ident, flags, len(questions), len(answers), len(authorities),
                      len(additionals))
    for qname, qtype in questions:
        out += qname + struct.pack("!HH", qtype, 1)
    for owner, rtype, rdata in list(answers) + list(authorities) + list(additionals):
        out += owner + struct.pack("!HHIH", rtype, 1, 300, len(rdata)) + rdata
    return out


QR, TC, RD, RA = 0x8000, 0x0200, 0x0100, 0x0080
OPCODE_UPDATE = 5 << 11
POINTER_TO_QNAME = b"\xc0\x0c"   # the first question's name, right after the header


def dhcp(op, xid, options, chaddr="020000000001", yiaddr="0.0.0.0", cookie=True):
    """RFC 2131 figure 1: the fixed fields, the cookie, the options, End, Pad to 300."""
    fixed = struct.pack("!BBBBIHH4s4s4s4s16s64s128s", op, 1, 6, 0, xid, 0, 0, addr("0.0.0.0"),
                        addr(yiaddr), addr("0.0.0.0"), addr("0.0.0.0"), bytes.fromhex(chaddr),
                        b"", b"")
    body = fixed + (b"\x63\x82\x53\x63" if cookie else b"") + options + b"\xff"
    return body + b"\0" * max(0, 300 - len(body))


def option(code, value):
    return bytes([code, len(value)]) + value


def dns_udp(message, to_server=True, sport=40053):
    if to_server:
        return ethernet(udp(HOST, SERVER, sport, 53, message))
    return ethernet(udp(SERVER, HOST, 53, sport, message))


def framed(message):
    return struct.pack("!H", len(message)) + message


SIP = name("_sip._tcp.example.com")
WWW = name("www.example.com")
SPACE = name("a b.example.com")
ZONE = name("example.com")

RESPONSE_TWO_A = dns(0x2002, QR | RD | RA, [(WWW, 1)],
                     [(POINTER_TO_QNAME, 1, addr("198.51.100.7")),
                      (POINTER_TO_QNAME, 1, addr("198.51.100.8"))])
TCP_QUERIES = framed(dns(0x2000, RD, [(WWW, 1)])) + framed(dns(0x2001, RD, [(WWW, 28)]))
TCP_RESPONSE = framed(RESPONSE_TWO_A)
CUT = 20

FRAMES_OK = [
    # 1: SRV query for an underscore name: qname=+5fsip.+5ftcp.example.com qtype=33
    dns_udp(dns(0x1001, RD, [(SIP, 33)])),
    # 2: NXDOMAIN with TC set
    dns_udp(dns(0x1001, QR | TC | RD | RA | 3, [(SIP, 33)]), to_server=False),
    # 3: a label with a space, answered with an A record (qname=a+20b.example.com)
    dns_udp(dns(0x1002, QR | RD | RA, [(SPACE, 1)], [(POINTER_TO_QNAME, 1, addr("203.0.113.9"))]),
            to_server=False),
    # 4, 5: RFC 2136 UPDATE (zone example.com SOA, one A added) and its response
    dns_udp(dns(0x1003, OPCODE_UPDATE, [(ZONE, 6)], [], [(WWW, 1, addr("203.0.113.10"))])),
    dns_udp(dns(0x1003, QR | OPCODE_UPDATE, [(ZONE, 6)]), to_server=False),
    # 6: TCP, two queries in one segment
    ethernet(tcp(HOST, SERVER, 40100, 53, 1000, 5000, TCP_QUERIES)),
    # 7, 8: TCP, a response split over two segments (one line, on frame 8)
    ethernet(tcp(SERVER, HOST, 53, 40100, 5000, 1000 + len(TCP_QUERIES), TCP_RESPONSE[:CUT])),
    ethernet(tcp(SERVER, HOST, 53, 40100, 5000 + CUT, 1000 + len(TCP_QUERIES),
                 TCP_RESPONSE[CUT:])),
    # 9, 10: BOOTP request and reply: no option 53
    ethernet(udp("0.0.0.0", "255.255.255.255", 68, 67, dhcp(1, 0x0b00790a, b""))),
    ethernet(udp("192.0.2.1", "255.255.255.255", 67, 68,
                 dhcp(2, 0x0b00790a, b"", yiaddr="192.0.2.77"))),
    # 11: DHCPACK, host name with a space (hostname=my+20host), two routers
    ethernet(udp("192.0.2.1", "192.0.2.77", 67, 68,
                 dhcp(2, 0x0b00790b,
                      option(53, b"\x05") + option(54, addr("192.0.2.1")) +
                      option(51, struct.pack("!I", 3600)) +
                      option(3, addr("192.0.2.1") + addr("192.0.2.2")) +
                      option(6, addr("192.0.2.53")) + option(12, b"my host"),
                      yiaddr="192.0.2.77"))),
]

FRAMES_MALFORMED = [
    # 1: five octets of DNS header: reason=truncated-header
    dns_udp(b"\x10\x04\x01\x00\x00"),
    # 2: a question whose QTYPE is cut after one octet: reason=truncated-question
    dns_udp(struct.pack("!HHHHHH", 0x1005, RD, 1, 0, 0, 0) + WWW + b"\x00"),
    # 3: an answer whose RDATA runs past the end: reason=truncated-record
    dns_udp(dns(0x1006, QR | RD | RA, [(WWW, 1)], [(POINTER_TO_QNAME, 1, addr("198.51.100.7"))])[:-2],
            to_server=False),
    # 4: a DHCP message of 100 octets: reason=truncated
    ethernet(udp("0.0.0.0", "255.255.255.255", 68, 67, dhcp(1, 0x0b00790c, b"")[:100])),
    # 5: option 12 announcing 40 octets at the end of the message: reason=option-overrun
    ethernet(udp("0.0.0.0", "255.255.255.255", 68, 67,
                 dhcp(1, 0x0b00790d, b"")[:240] + b"\x35\x01\x01\x0c\x28abc")),
]


def main(argv):
    folder = argv[1] if len(argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "captures")
    for file_name, frames in (("dns-dhcp.pcap", FRAMES_OK),
                              ("dns-dhcp-malformed.pcap", FRAMES_MALFORMED)):
        write_pcap(os.path.join(folder, file_name), frames,
                   lambda index: (EPOCH + index, 1000 * index))
        print("wrote %s (%d frames)" % (file_name, len(frames)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
