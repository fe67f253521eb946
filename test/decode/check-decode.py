#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Run ipvpn-decode on one capture and compare it with tshark, frame by frame.

    check-decode.py [--lua DISSECTOR.lua] DECODER CAPTURE
                                             decode and compare
    check-decode.py --unreadable DECODER F   F must be refused with exit code 2
    check-decode.py --missing-corpus DIR     report a missing corpus and skip

The decoder must finish within the time limit, exit 0 and print only lines of
the documented form. When tshark is installed, the message types it finds in
each frame (ldp.msg.type, l2tp.avp.message_type, radius.code, mpls.label,
ppp.code of LCP/IPCP/IPv6CP/CCP, ospf.msg of OSPF version 2, DNS opcode and
QR from dns.flags.opcode and dns.flags.response, dhcp.option.dhcp or, without
option 53, dhcp.type) must be those the decoder prints:

  * a frame without decoder "malformed" lines must list exactly tshark's
    types, in order (tshark may list fewer when it flags the frame as
    malformed itself);
  * a frame with "malformed" lines must have a reason: tshark flags it
    (malformed, or an expert warning/error), or the capture cut the frame;
    the types the decoder still prints must appear in tshark's list, in order.

The VR-port discovery messages (UDP 5401, the module's own format) are known
to tshark only through the Lua dissector: with --lua analysis/ipvpn-vr-
discovery.lua tshark loads it and their types (ipvpn_vr.type) are compared
like the others, a malformed one against the dissector's expert error;
without it the decoder's vr-discovery lines are only checked for their form.

MPLS needs no "decode as": tshark 4.0 reads UDP port 6635 (RFC 7510) and GRE
protocol types 0x8847/0x8848 as MPLS by default, and lists those labels in
mpls.label like the ones on Ethernet. (tshark takes 6635 as either port, lower
port first; the decoder only the destination port, as RFC 7510 section 3 says.)

Exit status: 0 agreement, 1 disagreement/crash/hang/bad output, 77 skipped
(tshark or the corpus missing). Python 3 standard library only.
"""

import os
import re
import shutil
import subprocess
import sys

TIMEOUT_S = 60

LINE = re.compile(r"^(\d+) (\d+\.\d{6}) ([a-z0-9-]+) (\S+)((?: [a-z0-9-]+=\S*)*)$")

LDP_TYPES = {
    "Notification": 0x0001, "Hello": 0x0100, "Initialization": 0x0200,
    "KeepAlive": 0x0201, "Address": 0x0300, "Address-Withdraw": 0x0301,
    "Label-Mapping": 0x0400, "Label-Request": 0x0401, "Label-Withdraw": 0x0402,
    "Label-Release": 0x0403, "Label-Abort-Request": 0x0404,
}
L2TP_TYPES = {
    "SCCRQ": 1, "SCCRP": 2, "SCCCN": 3, "StopCCN": 4, "HELLO": 6, "OCRQ": 7,
    "OCRP": 8, "OCCN": 9, "ICRQ": 10, "ICRP": 11, "ICCN": 12, "CDN": 14,
    "WEN": 15, "SLI": 16,
}
RADIUS_CODES = {
    "Access-Request": 1, "Access-Accept": 2, "Access-Reject": 3,
    "Accounting-Request": 4, "Accounting-Response": 5, "Access-Challenge": 11,
    "Status-Server": 12, "Status-Client": 13, "Disconnect-Request": 40,
    "Disconnect-ACK": 41, "Disconnect-NAK": 42, "CoA-Request": 43,
    "CoA-ACK": 44, "CoA-NAK": 45,
}
PPP_CODES = {
    "Configure-Request": 1, "Configure-Ack": 2, "Configure-Nak": 3,
    "Configure-Reject": 4, "Terminate-Request": 5, "Terminate-Ack": 6,
    "Code-Reject": 7, "Protocol-Reject": 8, "Echo-Request": 9,
    "Echo-Reply": 10, "Discard-Request": 11, "Reset-Request": 14,
    "Reset-Ack": 15,
}
VR_TYPES = {"Addition": 1, "AdditionAck": 2, "Monitor": 3, "MonitorReply": 4}
OSPF_TYPES = {
    "Hello": 1, "Database-Description": 2, "Link-State-Request": 3,
    "Link-State-Update": 4, "Link-State-Acknowledgment": 5,
}
# DNS messages compare as opcode * 2 + QR (RFC 1035 4.1.1): query 0,
# response 1, update 10, update-response 11, Opcode-N 2N (+1 with rcode=).
DNS_TYPES = {"query": 0, "response": 1, "update": 10, "update-response": 11}
# DHCP messages compare as the option 53 value, or 100 + op without it.
DHCP_TYPES = {"DHCPDISCOVER": 1, "DHCPOFFER": 2, "DHCPREQUEST": 3, "DHCPDECLINE": 4,
              "DHCPACK": 5, "DHCPNAK": 6, "DHCPRELEASE": 7, "DHCPINFORM": 8,
              "BOOTREQUEST": 101, "BOOTREPLY": 102}
PPP_PROTOS = ("lcp", "ipcp", "ipv6cp", "ccp")
SEVERITY_WARNING = 0x00600000
TSHARK_FIELDS = ["frame.number", "frame.time_epoch", "frame.len", "frame.cap_len",
                 "_ws.malformed", "_ws.expert.severity", "ldp.msg.type",
                 "l2tp.avp.message_type", "radius.code", "mpls.label", "ppp.code",
                 "ospf.version", "ospf.msg", "dns.flags.opcode", "dns.flags.response",
                 "dhcp.option.dhcp", "dhcp.type"]
KINDS = ("ldp", "l2tp", "radius", "mpls", "ppp", "ospf", "vr-discovery", "dns", "dhcp")


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def run_decoder(decoder, capture):
    try:
        result = subprocess.run([decoder, capture], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        fail("ipvpn-decode did not finish within %d s (hang?)" % TIMEOUT_S)
    if result.returncode < 0:
        fail("ipvpn-decode died with signal %d" % -result.returncode)
    return result.returncode, result.stdout.decode("utf-8", "replace"), \
        result.stderr.decode("utf-8", "replace")


def named_code(table, name, prefix):
    """Code of a type name, or of a numbered fallback name such as Code-40."""
    if name in table:
        return table[name]
    match = re.match(r"^%s-(0x[0-9a-f]+|\d+)$" % prefix, name)
    return int(match.group(1), 0) if match else None


def parse_decoder(text, with_vr):
    """frame -> {'types': {kind: [codes]}, 'malformed': set, 'times': set}.
    Without with_vr, vr-discovery lines are left out of the comparison."""
    frames = {}
    count = 0
    for raw in text.splitlines():
        match = LINE.match(raw)
        if not match:
            fail("line not in the documented format: %r" % raw)
        count += 1
        frame, time, proto, kind = int(match.group(1)), match.group(2), match.group(3), match.group(4)
        fields = dict(word.split("=", 1) for word in match.group(5).split())
        entry = frames.setdefault(frame, {"types": {k: [] for k in KINDS},
                                          "malformed": set(), "times": set()})
        entry["times"].add(time)
        if proto == "vr-discovery" and not with_vr:
            continue
        if proto == "htip":
            # Seed 004's HTIP (UDP 5402): tshark knows it only through
            # analysis/ipvpn-htip.lua; check-htip-decode.py compares those.
            continue
        if kind == "malformed":
            if not match.group(5).startswith(" reason="):
                fail("malformed line without reason= first: %r" % raw)
            entry["malformed"].add("ppp" if proto in PPP_PROTOS else proto)
            continue
        if proto == "ldp":
            code = named_code(LDP_TYPES, kind, "Message")
            if code is None:
                fail("unknown LDP message name in %r" % raw)
            entry["types"]["ldp"].append(code)
        elif proto == "l2tp":
            if kind not in ("ZLB", "data"):
                code = named_code(L2TP_TYPES, kind, "Message")
                if code is None:
                    fail("unknown L2TP message name in %r" % raw)
                entry["types"]["l2tp"].append(code)
        elif proto == "radius":
            code = named_code(RADIUS_CODES, kind, "Code")
            if code is None:
                fail("unknown RADIUS code name in %r" % raw)
            entry["types"]["radius"].append(code)
        elif proto == "mpls":
            for lse in fields.get("stack", "").split(","):
                entry["types"]["mpls"].append(int(lse.split("/")[0]))
        elif proto == "vr-discovery":
            if kind not in VR_TYPES:
                fail("unknown VR discovery message type in %r" % raw)
            entry["types"]["vr-discovery"].append(VR_TYPES[kind])
        elif proto == "ospf":
            if kind not in OSPF_TYPES:
                fail("unknown OSPF packet type in %r" % raw)
            entry["types"]["ospf"].append(OSPF_TYPES[kind])
        elif proto == "dns":
            if kind in DNS_TYPES:
                entry["types"]["dns"].append(DNS_TYPES[kind])
            else:
                match = re.match(r"^Opcode-(\d+)$", kind)
                if not match:
                    fail("unknown DNS message type in %r" % raw)
                entry["types"]["dns"].append(int(match.group(1)) * 2 + ("rcode" in fields))
        elif proto == "dhcp":
            if kind not in DHCP_TYPES:
                fail("unknown DHCP message type in %r" % raw)
            entry["types"]["dhcp"].append(DHCP_TYPES[kind])
        elif proto in PPP_PROTOS:
            code = named_code(PPP_CODES, kind, "Code")
            if code is None:
                fail("unknown PPP code name in %r" % raw)
            entry["types"]["ppp"].append(code)
    return frames, count


def ints(value):
    return [int(v, 0) for v in value.split(",") if v != ""]


def parse_tshark(capture, lua):
    fields = TSHARK_FIELDS + (["ipvpn_vr.type"] if lua else [])
    vr_column = len(TSHARK_FIELDS)
    command = ["tshark", "-n"] + (["-X", "lua_script:" + lua] if lua else []) + [
        "-r", capture, "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=,",
        "-E", "separator=/t"]
    for field in fields:
        command += ["-e", field]
    try:
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        print("note: tshark did not finish; nothing compared")
        return None
    frames = {}
    for raw in result.stdout.decode("utf-8", "replace").splitlines():
        cols = raw.split("\t")
        if len(cols) != len(fields) or not cols[0].isdigit():
            continue
        severities = ints(cols[5])
        frames[int(cols[0])] = {
            "time": cols[1],
            "cut": int(cols[3] or 0) < int(cols[2] or 0),
            "malformed": cols[4] != "",
            "flagged": cols[4] != "" or any(s >= SEVERITY_WARNING for s in severities),
            "types": {"ldp": ints(cols[6]), "l2tp": ints(cols[7]), "radius": ints(cols[8]),
                      "mpls": ints(cols[9]), "ppp": ints(cols[10]),
                      "ospf": ospf_v2_types(ints(cols[11]), ints(cols[12])),
                      "vr-discovery": ints(cols[vr_column]) if lua else [],
                      "dns": [o * 2 + r for o, r in zip(ints(cols[13]), ints(cols[14]))],
                      "dhcp": ints(cols[15]) or [100 + t for t in ints(cols[16])]},
        }
    return frames


def ospf_v2_types(versions, types):
    """ospf.msg of the OSPF version 2 packets (the decoder reads IPv4 only;
    tshark also reads OSPFv3 over IPv6)."""
    if len(versions) == len(types):
        return [t for v, t in zip(versions, types) if v == 2]
    return types if all(v == 2 for v in versions) else []


def is_subsequence(small, big):
    it = iter(big)
    return all(any(x == y for y in it) for x in small)


def compare(decoded, shark):
    problems = []
    stats = {"frames": 0, "messages": 0, "malformed": 0, "lenient": 0}
    for number in sorted(set(decoded) | set(shark)):
        mine = decoded.get(number, {"types": {k: [] for k in KINDS}, "malformed": set(),
                                    "times": set()})
        theirs = shark.get(number)
        if theirs is None:
            problems.append("frame %d: decoder prints lines, tshark has no such frame" % number)
            continue
        stats["frames"] += 1
        expected_time = theirs["time"][:theirs["time"].find(".") + 7] if "." in theirs["time"] else ""
        for time in mine["times"]:
            if expected_time and time != expected_time:
                problems.append("frame %d: time %s, tshark %s" % (number, time, theirs["time"]))
        if mine["malformed"]:
            stats["malformed"] += 1
            if not (theirs["flagged"] or theirs["cut"]):
                problems.append("frame %d: decoder reports %s malformed, tshark finds nothing wrong"
                                % (number, ",".join(sorted(mine["malformed"]))))
        for kind in KINDS:
            d, t = mine["types"][kind], theirs["types"][kind]
            stats["messages"] += len(d)
            if kind in mine["malformed"]:
                if not is_subsequence(d, t):
                    problems.append("frame %d %s: decoder %s not within tshark %s"
                                    % (number, kind, d, t))
            elif d != t:
                if theirs["malformed"] and is_subsequence(t, d):
                    stats["lenient"] += 1
                    continue
                problems.append("frame %d %s: decoder %s, tshark %s" % (number, kind, d, t))
    return problems, stats


def main(argv):
    lua = None
    if len(argv) > 2 and argv[1] == "--lua":
        lua = argv[2]
        if not os.path.exists(lua):
            fail("no Lua dissector at %s" % lua)
        argv = argv[:1] + argv[3:]
    if len(argv) == 3 and argv[1] == "--missing-corpus":
        print("SKIP: capture corpus not found at %s (set IPVPN_CORPUS_DIR)" % argv[2])
        return 77
    if len(argv) == 4 and argv[1] == "--unreadable":
        code, _, err = run_decoder(argv[2], argv[3])
        if code != 2 or not err.strip():
            fail("expected exit code 2 and a message for %s, got %d" % (argv[3], code))
        print("ok: refused with exit code 2: %s" % err.strip())
        return 0
    if len(argv) != 3:
        print(__doc__)
        return 2
    decoder, capture = argv[1], argv[2]
    if not os.path.exists(capture):
        print("SKIP: %s is missing" % capture)
        return 77
    code, out, err = run_decoder(decoder, capture)
    if code != 0:
        fail("ipvpn-decode exited with %d: %s" % (code, err.strip()))
    decoded, count = parse_decoder(out, lua is not None)
    print("ipvpn-decode: %d lines for %d frames" % (count, len(decoded)))
    if err.strip():
        print("ipvpn-decode stderr: " + err.strip())
    if shutil.which("tshark") is None:
        print("SKIP: tshark not installed; decoded without crash or hang")
        return 77
    shark = parse_tshark(capture, lua)
    if shark is None:
        return 0
    problems, stats = compare(decoded, shark)
    print("tshark: %d frames compared, %d decoder messages, %d frames with malformed lines, "
          "%d lenient (tshark stopped early)" % (stats["frames"], stats["messages"],
                                                 stats["malformed"], stats["lenient"]))
    if problems:
        for problem in problems:
            print("DISAGREE: " + problem)
        return 1
    print("agree")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
