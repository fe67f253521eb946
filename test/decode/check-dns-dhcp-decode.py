#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Compare ipvpn-decode's dns and dhcp lines with tshark's fields, frame by frame.

    check-dns-dhcp-decode.py [--expect LINES] DECODER CAPTURE

With --expect, the decoder's dns and dhcp lines must first be exactly those
of the file LINES (one per line, as printed; needs no tshark).

Every frame in which tshark finds DNS (dns.id) or DHCP (dhcp.id) must have
exactly as many decoder lines of that protocol as tshark finds messages. A
frame tshark marks "Malformed Packet: DNS" (or DHCP/BOOTP) must give a
`malformed` line, and a decoder `malformed` line needs tshark's mark. Other
lines must agree with tshark on (tshark field in brackets):

  dns:  type (dns.flags.opcode, dns.flags.response), id (dns.id), rcode
        (dns.flags.rcode, named as dns::RcodeName), qname (dns.qry.name,
        escaped as the decoder does), qtype (dns.qry.type), qd an ns ar
        (dns.count.*; zones, prerequisites, updates for an UPDATE), tc
        (dns.flags.truncated), answers (the dns.a values of the A records
        among the first `an` of dns.resp.type);
  dhcp: type (dhcp.option.dhcp, else dhcp.type), xid (dhcp.id), ciaddr
        (dhcp.ip.client), yiaddr (dhcp.ip.your), chaddr (dhcp.hw.mac_addr,
        Ethernet only), hostname (dhcp.option.hostname), requested
        (dhcp.option.requested_ip_address), server-id
        (dhcp.option.dhcp_server_id), lease
        (dhcp.option.ip_address_lease_time), router (dhcp.option.router),
        dns (dhcp.option.domain_name_server); an option field is present
        exactly when tshark shows the option.

Frames with several DNS messages (TCP) compare type and id of each.
Exit status: 0 agreement, 1 disagreement, 77 skipped (tshark or the capture
missing). Python 3 standard library only.
"""

import os
import re
import shutil
import subprocess
import sys

TIMEOUT_S = 60
LINE = re.compile(r"^(\d+) (\d+\.\d{6}) ([a-z0-9-]+) (\S+)((?: [a-z0-9-]+=\S*)*)$")

DNS_FIELDS = ["dns.id", "dns.flags.response", "dns.flags.opcode", "dns.flags.rcode",
              "dns.qry.name", "dns.qry.type", "dns.count.queries", "dns.count.answers",
              "dns.count.auth_rr", "dns.count.add_rr", "dns.count.zones",
              "dns.count.prerequisites", "dns.count.updates", "dns.resp.type", "dns.a",
              "dns.flags.truncated"]
DHCP_FIELDS = ["dhcp.id", "dhcp.type", "dhcp.option.dhcp", "dhcp.ip.client", "dhcp.ip.your",
               "dhcp.hw.type", "dhcp.hw.mac_addr", "dhcp.option.hostname",
               "dhcp.option.requested_ip_address", "dhcp.option.dhcp_server_id",
               "dhcp.option.ip_address_lease_time", "dhcp.option.router",
               "dhcp.option.domain_name_server"]
FIELDS = ["frame.number", "_ws.malformed"] + DNS_FIELDS + DHCP_FIELDS

RCODES = ["NoError", "FormErr", "ServFail", "NXDomain", "NotImp", "Refused", "YXDomain",
          "YXRRSet", "NXRRSet", "NotAuth", "NotZone"]
QTYPES = {1: "A", 2: "NS", 5: "CNAME", 6: "SOA", 12: "PTR", 15: "MX", 16: "TXT", 28: "AAAA",
          41: "OPT"}
DHCP_NAMES = ["BOOTP", "DHCPDISCOVER", "DHCPOFFER", "DHCPREQUEST", "DHCPDECLINE", "DHCPACK",
              "DHCPNAK", "DHCPRELEASE", "DHCPINFORM"]


def escape(text, keep_dots):
    """EscapeText() of ipvpn-dns-summary.h."""
    out = ""
    for byte in text.encode("utf-8", "surrogateescape"):
        c = chr(byte)
        if (byte < 0x80 and (c.isalnum() or c in "-*/")) or (keep_dots and c == "."):
            out += c
        else:
            out += "+%02x" % byte
    return out


def dns_type(opcode, response):
    if opcode == 0:
        return "response" if response else "query"
    if opcode == 5:
        return "update-response" if response else "update"
    return "Opcode-%d" % opcode


def rcode_name(rcode):
    return RCODES[rcode] if rcode < len(RCODES) else "Rcode-%d" % rcode


def split(value):
    return [v for v in value.split(",") if v != ""]


def expected_dns(c):
    """The fields of the decoder's line for a frame with one DNS message."""
    opcode, response = int(c["dns.flags.opcode"]), int(c["dns.flags.response"])
    want = {"type": dns_type(opcode, response), "id": c["dns.id"]}
    if response:
        want["rcode"] = rcode_name(int(c["dns.flags.rcode"]))
    if c["dns.qry.name"] != "":
        name = split(c["dns.qry.name"])[0]
        want["qname"] = "." if name == "<Root>" else ".".join(
            escape(label, False) for label in name.split("."))
        want["qtype"] = QTYPES.get(int(split(c["dns.qry.type"])[0]),
                                   split(c["dns.qry.type"])[0])
    # RFC 2136 2.2: an UPDATE's zone, prerequisite and update counts are
    # QDCOUNT, ANCOUNT and NSCOUNT (tshark names them apart).
    counts = (("qd", "dns.count.zones"), ("an", "dns.count.prerequisites"),
              ("ns", "dns.count.updates")) if opcode == 5 else (
        ("qd", "dns.count.queries"), ("an", "dns.count.answers"), ("ns", "dns.count.auth_rr"))
    for key, field in counts + (("ar", "dns.count.add_rr"),):
        want[key] = c[field]
    if c["dns.flags.truncated"] in ("1", "True"):
        want["tc"] = "1"
    types = [int(t) for t in split(c["dns.resp.type"])][:int(want["an"])]
    a_count = sum(1 for t in types if t == 1)
    answers = split(c["dns.a"])[:a_count]
    if answers:
        want["answers"] = ",".join(answers)
    return want


def expected_dhcp(c):
    want = {"xid": c["dhcp.id"], "ciaddr": c["dhcp.ip.client"], "yiaddr": c["dhcp.ip.your"]}
    if c["dhcp.option.dhcp"] != "":
        want["type"] = DHCP_NAMES[int(c["dhcp.option.dhcp"])]
    else:
        want["type"] = "BOOTREQUEST" if c["dhcp.type"] == "1" else "BOOTREPLY"
    if c["dhcp.hw.type"] in ("1", "0x01") and c["dhcp.hw.mac_addr"] != "":
        want["chaddr"] = split(c["dhcp.hw.mac_addr"])[0]
    for key, field in (("hostname", "dhcp.option.hostname"),
                       ("requested", "dhcp.option.requested_ip_address"),
                       ("server-id", "dhcp.option.dhcp_server_id"),
                       ("lease", "dhcp.option.ip_address_lease_time"),
                       ("router", "dhcp.option.router"),
                       ("dns", "dhcp.option.domain_name_server")):
        if c[field] != "":
            want[key] = escape(c[field], True) if key == "hostname" else c[field]
    return want


def compare_fields(number, proto, want, line, problems):
    have = dict(line["fields"])
    have["type"] = line["type"]
    for key, value in want.items():
        if have.get(key) != value:
            problems.append("frame %d %s %s: decoder %r, tshark %r"
                            % (number, proto, key, have.get(key), value))
    optional = ("rcode", "qname", "qtype", "tc", "answers", "hostname", "requested",
                "server-id", "lease", "router", "dns", "chaddr")
    for key in optional:
        if key in have and key not in want:
            problems.append("frame %d %s: decoder has %s=%s, tshark none"
                            % (number, proto, key, have[key]))


def main(argv):
    expect = None
    if len(argv) > 2 and argv[1] == "--expect":
        expect = argv[2]
        argv = argv[:1] + argv[3:]
    if len(argv) != 3:
        print(__doc__)
        return 2
    decoder, capture = argv[1], argv[2]
    if not os.path.exists(capture):
        print("SKIP: %s is missing" % capture)
        return 77
    try:
        result = subprocess.run([decoder, capture], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        print("FAIL: ipvpn-decode did not finish within %d s" % TIMEOUT_S)
        return 1
    if result.returncode != 0:
        print("FAIL: ipvpn-decode exited with %d" % result.returncode)
        return 1
    if expect is not None:
        with open(expect) as f:
            wanted = [line.rstrip("\n") for line in f if line.strip() and not line.startswith("#")]
        got = [line for line in result.stdout.decode("utf-8", "replace").splitlines()
               if LINE.match(line) and LINE.match(line).group(3) in ("dns", "dhcp")]
        if got != wanted:
            for line in wanted:
                if line not in got:
                    print("MISSING: " + line)
            for line in got:
                if line not in wanted:
                    print("UNEXPECTED: " + line)
            print("FAIL: lines differ from %s" % expect)
            return 1
        print("lines: %d as expected" % len(got))
    if shutil.which("tshark") is None:
        print("SKIP: tshark not installed")
        return 77
    lines = {}
    for raw in result.stdout.decode("utf-8", "replace").splitlines():
        match = LINE.match(raw)
        if not match:
            print("FAIL: line not in the documented format: %r" % raw)
            return 1
        proto = match.group(3)
        if proto not in ("dns", "dhcp"):
            continue
        fields = [tuple(w.split("=", 1)) for w in match.group(5).split()]
        lines.setdefault((int(match.group(1)), proto), []).append(
            {"type": match.group(4), "fields": fields})
    command = ["tshark", "-n", "-r", capture, "-T", "fields", "-E", "occurrence=a",
               "-E", "aggregator=,", "-E", "separator=/t"]
    for field in FIELDS:
        command += ["-e", field]
    shark = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=TIMEOUT_S).stdout.decode("utf-8", "replace")
    problems = []
    seen = set()
    counts = {"dns": 0, "dhcp": 0, "malformed": 0}
    for raw in shark.splitlines():
        cols = raw.split("\t")
        if len(cols) != len(FIELDS) or not cols[0].isdigit():
            continue
        c = dict(zip(FIELDS, cols))
        number = int(c["frame.number"])
        for proto, id_field, mark in (("dns", "dns.id", "DNS"), ("dhcp", "dhcp.id", "DHCP")):
            ids = split(c[id_field])
            mine = lines.get((number, proto), [])
            seen.add((number, proto))
            if not ids:
                if mine:
                    problems.append("frame %d: decoder prints %s, tshark finds none"
                                    % (number, proto))
                continue
            counts[proto] += len(ids)
            malformed = ("Malformed Packet: %s" % mark) in c["_ws.malformed"]
            if len(mine) != len(ids):
                problems.append("frame %d: %d %s line(s), tshark %d message(s)"
                                % (number, len(mine), proto, len(ids)))
                continue
            if malformed:
                counts["malformed"] += 1
                if not any(line["type"] == "malformed" for line in mine):
                    problems.append("frame %d: tshark marks %s malformed, decoder does not"
                                    % (number, proto))
                continue
            if any(line["type"] == "malformed" for line in mine):
                problems.append("frame %d: decoder reports %s malformed, tshark does not"
                                % (number, proto))
                continue
            if len(ids) > 1:
                opcodes, responses = split(c["dns.flags.opcode"]), split(c["dns.flags.response"])
                for i, line in enumerate(mine):
                    want = {"id": ids[i], "type": dns_type(int(opcodes[i]), int(responses[i]))}
                    have = dict(line["fields"])
                    if have.get("id") != want["id"] or line["type"] != want["type"]:
                        problems.append("frame %d dns message %d: decoder %s id=%s, tshark %s id=%s"
                                        % (number, i + 1, line["type"], have.get("id"),
                                           want["type"], want["id"]))
                continue
            want = expected_dns(c) if proto == "dns" else expected_dhcp(c)
            compare_fields(number, proto, want, mine[0], problems)
    for key in lines:
        if key not in seen:
            problems.append("frame %d: decoder prints %s, tshark has no such frame" % key)
    print("tshark: %d dns and %d dhcp messages compared, %d malformed"
          % (counts["dns"], counts["dhcp"], counts["malformed"]))
    if counts["dns"] + counts["dhcp"] == 0:
        print("FAIL: no DNS or DHCP message in %s" % capture)
        return 1
    if problems:
        for problem in problems:
            print("DISAGREE: " + problem)
        return 1
    print("agree")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
