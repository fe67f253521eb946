#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Seed corpora for the home-gateway fuzz targets (doc/memory-safety.md):

  dhcp-message  the UDP payload of each DHCP message in the captures given
  http-request  requests laid out here (GET /, POST /tunnel with a form,
                pipelined, split in pieces), behind the target's piece-size
                prefix
  dns-zone      queries and RFC 2136 UPDATEs for the target's zone
                "home.example", built here; with captures, their DNS
                payloads too
  nat-rewriter  UDP, TCP, ICMP echo and ICMP error datagrams with right
                checksums, behind the target's 17 parameter octets

Seeds are named by the SHA-1 of their content, as libFuzzer names them.

    make-gateway-seeds.py OUT_DIR [PCAP...]

The committed seeds were made with

    test/fuzz/make-gateway-seeds.py test/fuzz/corpus \\
        ../shared/corpus/pcap/*/dhcp.pcap ../shared/corpus/pcap/*/dhcp-rfc3004.pcap \\
        ../shared/corpus/pcap/tcpdump/dns_udp.pcap
"""
import hashlib
import os
import struct
import subprocess
import sys

PER_FILE = 12


def write(out_dir, target, data):
    folder = os.path.join(out_dir, target)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, hashlib.sha1(data).hexdigest())
    if not os.path.exists(path):
        with open(path, "wb") as f:
            f.write(data)


def udp_payloads(path, display_filter):
    out = subprocess.run(["tshark", "-r", path, "-Y", display_filter, "-T", "fields",
                          "-e", "udp.payload"],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=False).stdout
    for line in out.decode().split():
        yield bytes.fromhex(line.replace(":", ""))


# --- HTTP -----------------------------------------------------------------

def http_seeds():
    get = b"GET / HTTP/1.1\r\nHost: 192.168.1.1\r\nUser-Agent: ipvpn\r\n\r\n"
    form = b"peer=203.0.113.7&vpn=00a0c9%3A00000001&secret=s%26cret+1"
    post = (b"POST /tunnel HTTP/1.1\r\nHost: gw.home.example\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: " + str(len(form)).encode() + b"\r\n\r\n" + form)
    query = b"GET /status?tunnel=1&verbose HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n"
    old = b"GET /index.html HTTP/1.0\n\n"
    bad = b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\nTransfer-Encoding: chunked\r\n\r\n"
    # prefix: count of piece sizes, then the sizes
    yield b"\x00" + get
    yield b"\x00" + post
    yield b"\x02\x01\x07" + post          # 1 octet, then 7, in turn
    yield b"\x01\x05" + get + post + query  # pipelined, in 5-octet pieces
    yield b"\x00" + get + post + query      # pipelined, one piece
    yield b"\x03\x00\x10\x03" + query + old
    yield b"\x00" + old
    yield b"\x01\x01" + bad


# --- DNS ------------------------------------------------------------------

def name(text):
    out = b""
    for label in text.rstrip(".").split("."):
        if label:
            out += bytes([len(label)]) + label.encode()
    return out + b"\x00"


def rr(owner, rtype, rclass, ttl, rdata):
    return name(owner) + struct.pack("!HHIH", rtype, rclass, ttl, len(rdata)) + rdata


def message(msg_id, flags, questions, answers=(), authorities=(), additionals=()):
    head = struct.pack("!HHHHHH", msg_id, flags, len(questions), len(answers),
                       len(authorities), len(additionals))
    body = b"".join(name(q) + struct.pack("!HH", t, c) for q, t, c in questions)
    return head + body + b"".join(answers) + b"".join(authorities) + b"".join(additionals)


def dns_seeds():
    A, NS, CNAME, SOA, TXT, AAAA, ANY = 1, 2, 5, 6, 16, 28, 255
    IN, NONE, CANY = 1, 254, 255
    UPDATE = 5 << 11
    addr = bytes([192, 168, 1, 30])
    zone = [("home.example", SOA, IN)]
    yield message(1, 0x0100, [("gw.home.example", A, IN)])
    yield message(2, 0x0100, [("www.home.example", A, IN)])          # CNAME chain
    yield message(3, 0x0100, [("laptop.home.example", ANY, IN)])
    yield message(4, 0x0100, [("nothere.home.example", A, IN)])      # NXDOMAIN
    yield message(5, 0x0100, [("gw.home.example", AAAA, IN)])        # NODATA
    yield message(6, 0x0100, [("example.org", A, IN)])               # REFUSED
    yield message(7, 0x0100, [("home.example", SOA, IN)])
    # RFC 2136: add an A record
    yield message(8, UPDATE, zone, [], [rr("phone.home.example", A, IN, 300, addr)])
    # prerequisite "name not in use" (2.4.5), then add A and TXT
    yield message(9, UPDATE, zone, [rr("phone.home.example", ANY, NONE, 0, b"")],
                  [rr("phone.home.example", A, IN, 300, addr),
                   rr("phone.home.example", TXT, IN, 300, b"\x05hello")])
    # delete an RRset (2.5.2), delete all RRsets of a name (2.5.3), one RR (2.5.4)
    yield message(10, UPDATE, zone, [], [rr("laptop.home.example", A, CANY, 0, b"")])
    yield message(11, UPDATE, zone, [], [rr("gw.home.example", ANY, CANY, 0, b"")])
    yield message(12, UPDATE, zone, [],
                  [rr("laptop.home.example", A, NONE, 0, bytes([192, 168, 1, 20]))])
    # prerequisite "RRset exists (value dependent)" (2.4.2), add a CNAME
    yield message(13, UPDATE, zone, [rr("gw.home.example", A, IN, 0, bytes([192, 168, 1, 1]))],
                  [rr("tv.home.example", CNAME, IN, 60, name("gw.home.example"))])
    # the wrong zone (NOTAUTH), and an SOA serial bump
    yield message(14, UPDATE, [("example.org", SOA, IN)], [],
                  [rr("x.example.org", A, IN, 60, addr)])
    soa = name("gw.home.example") + name("hostmaster.home.example") + \
        struct.pack("!IIIII", 100, 3600, 600, 86400, 300)
    yield message(15, UPDATE, zone, [], [rr("home.example", SOA, IN, 3600, soa)])


# --- NAT ------------------------------------------------------------------

def csum(data):
    if len(data) % 2:
        data += b"\x00"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def ipv4(proto, src, dst, payload, ident=0x1234):
    total = 20 + len(payload)
    head = struct.pack("!BBHHHBBH4s4s", 0x45, 0, total, ident, 0x4000, 64, proto, 0,
                       bytes(src), bytes(dst))
    head = head[:10] + struct.pack("!H", csum(head)) + head[12:]
    return head + payload


def pseudo(src, dst, proto, length):
    return bytes(src) + bytes(dst) + struct.pack("!BBH", 0, proto, length)


def udp(src, dst, sport, dport, data):
    seg = struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data
    c = csum(pseudo(src, dst, 17, len(seg)) + seg) or 0xFFFF
    return ipv4(17, src, dst, seg[:6] + struct.pack("!H", c) + seg[8:])


def tcp(src, dst, sport, dport, flags, data=b""):
    seg = struct.pack("!HHIIBBHHH", sport, dport, 1000, 0, 5 << 4, flags, 65535, 0, 0) + data
    c = csum(pseudo(src, dst, 6, len(seg)) + seg)
    return ipv4(6, src, dst, seg[:16] + struct.pack("!H", c) + seg[18:])


def icmp(src, dst, icmp_type, code, rest, data):
    msg = struct.pack("!BBH", icmp_type, code, 0) + rest + data
    c = csum(msg)
    return ipv4(1, src, dst, msg[:2] + struct.pack("!H", c) + msg[4:])


def params(flags, to, port, outer, emb, emb_port):
    return (bytes([flags]) + bytes(to) + struct.pack("!H", port) + bytes(outer) +
            bytes(emb) + struct.pack("!H", emb_port))


def nat_seeds():
    lan, wan, srv = [192, 168, 1, 20], [198, 51, 100, 1], [203, 0, 113, 7]
    out_p = params(0, wan, 40000, wan, lan, 5353)   # outbound: source side
    in_p = params(3, lan, 5353, lan, wan, 40000)    # inbound: destination side
    u = udp(lan, srv, 5353, 53, b"\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00")
    t = tcp(lan, srv, 51000, 443, 0x02)
    e = icmp(lan, srv, 8, 0, struct.pack("!HH", 0x4242, 1), b"ping")
    yield out_p + u
    yield in_p + udp(srv, wan, 53, 40000, b"\x12\x34\x81\x80")
    yield out_p + t
    yield in_p + tcp(srv, wan, 443, 40000, 0x12)
    yield out_p + e
    yield in_p + icmp(srv, wan, 0, 0, struct.pack("!HH", 40000, 1), b"ping")
    # errors about a datagram the LAN host sent (seen on the WAN side, so
    # the embedded source is the NAT's address)
    sent_u = udp(wan, srv, 40000, 53, b"\x12\x34\x01\x00")
    sent_t = tcp(wan, srv, 40000, 443, 0x02)
    sent_e = icmp(wan, srv, 8, 0, struct.pack("!HH", 40000, 1), b"ping")
    unreach = icmp(srv, wan, 3, 3, b"\x00" * 4, sent_u[:28])
    yield in_p + unreach
    yield in_p + icmp(srv, wan, 3, 1, b"\x00" * 4, sent_t[:28])          # 8 octets of TCP
    yield in_p + icmp([10, 0, 0, 1], wan, 11, 0, b"\x00" * 4, sent_e[:28])  # time exceeded
    yield in_p + icmp(srv, wan, 3, 4, struct.pack("!HH", 0, 1400), sent_t)  # whole TCP header
    yield out_p + icmp(lan, srv, 3, 3, b"\x00" * 4, udp(srv, lan, 53, 5353, b"ab")[:28])
    # checksums left to the target (flag 4), a UDP datagram without checksum,
    # a fragment and a protocol the NAT does not know
    yield bytes([4]) + out_p[1:] + tcp(lan, srv, 51000, 80, 0x18, b"GET / HTTP/1.1\r\n\r\n")
    nocsum = bytearray(u)
    nocsum[26:28] = b"\x00\x00"
    yield out_p + bytes(nocsum)
    frag = bytearray(u)
    frag[6:8] = b"\x00\x10"
    yield out_p + bytes(frag)
    yield out_p + ipv4(47, lan, srv, b"\x00\x00\x08\x00" + b"\x45" + b"\x00" * 19)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out_dir = sys.argv[1]
    for seed in http_seeds():
        write(out_dir, "http-request", seed)
    for seed in dns_seeds():
        write(out_dir, "dns-zone", seed)
    for seed in nat_seeds():
        write(out_dir, "nat-rewriter", seed)
    for path in sys.argv[2:]:
        for i, payload in enumerate(udp_payloads(path, "dhcp")):
            if i < PER_FILE:
                write(out_dir, "dhcp-message", payload)
        for i, payload in enumerate(udp_payloads(path, "dns && !tcp")):
            if i < PER_FILE:
                write(out_dir, "dns-zone", payload)


if __name__ == "__main__":
    main()
