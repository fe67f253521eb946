#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Checks of the ladder diagram drawer on real runs.

    check-ladder.py l2tp   LADDER_PY OUTPUT_FOLDER   l2tp-radius-basic: setup order
    check-ladder.py ldp    LADDER_PY OUTPUT_FOLDER   p1-fig13-label-path: LDP arrows
    check-ladder.py ospf   LADDER_PY OUTPUT_FOLDER   p1-fig03-ospf-core: OSPF arrows
    check-ladder.py vr     LADDER_PY OUTPUT_FOLDER   p1-fig07-vr-port-add: Fig. 7 discovery
    check-ladder.py draw   LADDER_PY OUTPUT_FOLDER   an SVG and a PNG are written
    check-ladder.py refuse LADDER_PY OUTPUT_FOLDER   bad input exits 2

Exit status: 0 pass, 1 fail, 77 skipped (draw without python3-matplotlib).
"""
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree


def ladder(script, *argv):
    return subprocess.run([sys.executable, script, *argv], capture_output=True, text=True, timeout=120)


def text_sequence(script, folder, *argv):
    """The --text lines as (sender, receiver, protocol, type, status)."""
    run = ladder(script, folder, "--text", *argv)
    if run.returncode != 0:
        sys.exit(f"FAIL: ladder --text exited {run.returncode}: {run.stderr}")
    rows = []
    for line in run.stdout.splitlines():
        words = line.split()
        rows.append((words[2], words[4], words[5], words[6], words[7] if len(words) > 7 else "paired"))
    return rows


def position(rows, wanted, after=-1):
    """Index of the first row after `after` whose leading fields are `wanted`."""
    for i in range(after + 1, len(rows)):
        if rows[i][:len(wanted)] == wanted:
            return i
    sys.exit(f"FAIL: no {' '.join(wanted)} after row {after} in:\n" +
             "\n".join(" ".join(r) for r in rows))


def check_l2tp(script, folder):
    # RFC 2661 section 7: the control connection (SCCRQ, SCCRP, SCCCN), then
    # the incoming call (ICRQ, ICRP, ICCN); the LNS asks RADIUS before it
    # answers ICRP. RFC 1661: LCP Configure-Request/Ack both ways, then IPCP.
    # The LAC sends ICRQ as soon as it sends SCCCN, so ICRQ precedes the
    # RADIUS exchange it triggers.
    rows = text_sequence(script, folder, "--protocols", "l2tp,radius,ppp")
    sccrq = position(rows, ("GW1", "GW2", "l2tp", "SCCRQ", "paired"))
    sccrp = position(rows, ("GW2", "GW1", "l2tp", "SCCRP", "paired"), sccrq)
    scccn = position(rows, ("GW1", "GW2", "l2tp", "SCCCN", "paired"), sccrp)
    icrq = position(rows, ("GW1", "GW2", "l2tp", "ICRQ", "paired"), scccn)
    # The RADIUS server traces nothing: the LNS's request and the answer
    # stand alone, the LNS (GW2) at the traced end.
    request = next(i for i in range(scccn + 1, len(rows))
                   if rows[i][0] == "GW2" and rows[i][2:4] == ("radius", "Access-Request"))
    accept = next(i for i in range(request + 1, len(rows))
                  if rows[i][1] == "GW2" and rows[i][2:4] == ("radius", "Access-Accept"))
    icrp = position(rows, ("GW2", "GW1", "l2tp", "ICRP", "paired"), max(icrq, accept))
    iccn = position(rows, ("GW1", "GW2", "l2tp", "ICCN", "paired"), icrp)
    last = iccn
    for control in ("LCP", "IPCP"):
        start = last
        for sender, receiver in (("GW1", "GW2"), ("GW2", "GW1")):
            request = position(rows, (sender, receiver, "ppp", f"{control}-Configure-Request", "paired"), start)
            ack = position(rows, (receiver, sender, "ppp", f"{control}-Configure-Ack", "paired"), request)
            last = max(last, ack)
    lost = [r for r in rows if r[4] == "lost"]
    if lost:
        sys.exit(f"FAIL: lost messages on a loss-free run: {lost}")
    print(f"ok: {len(rows)} L2TP/RADIUS/PPP messages in RFC order")


def check_ldp(script, folder):
    rows = text_sequence(script, folder, "--protocols", "ldp")
    arrows = {(r[0], r[1], r[3]) for r in rows if r[4] == "paired"}
    for a, b in (("R10", "X"), ("X", "R20")):
        for kind in ("Hello", "Initialization", "KeepAlive", "Label-Mapping"):
            for sender, receiver in ((a, b), (b, a)):
                if (sender, receiver, kind) not in arrows:
                    sys.exit(f"FAIL: no {kind} arrow {sender} -> {receiver}")
    strays = [r for r in rows if {r[0], r[1]} == {"R10", "R20"} or r[4] != "paired"]
    if strays:
        sys.exit(f"FAIL: arrows between non-neighbours or unpaired: {strays}")
    # RFC 5036 section 2.5: Hello, then Initialization and KeepAlive, before
    # labels flow on a session.
    for sender, receiver in (("R10", "X"), ("X", "R10"), ("X", "R20"), ("R20", "X")):
        hello = position(rows, (sender, receiver, "ldp", "Hello"))
        init = position(rows, (sender, receiver, "ldp", "Initialization"), hello)
        keepalive = position(rows, (sender, receiver, "ldp", "KeepAlive"), init)
        position(rows, (sender, receiver, "ldp", "Label-Mapping"), keepalive)
    print(f"ok: {len(rows)} LDP messages between the right neighbours")


def check_ospf(script, folder):
    rows = text_sequence(script, folder, "--protocols", "ospf")
    routers = {"R10", "X", "Y", "R20"}
    neighbours = [("R10", "X"), ("X", "Y"), ("Y", "R20")]
    arrows = [r for r in rows if r[0] in routers and r[1] in routers]
    strays = [r for r in arrows
              if (r[0], r[1]) not in neighbours and (r[1], r[0]) not in neighbours or r[4] != "paired"]
    if strays:
        sys.exit(f"FAIL: OSPF arrows between non-neighbours or unpaired: {strays}")
    # RFC 2328 10.3, 10.8, 13: Hellos (2-Way), then the Database Description
    # exchange (ExStart, Exchange), then the LSAs themselves in Link State
    # Updates, acknowledged.
    for a, b in neighbours:
        for sender, receiver in ((a, b), (b, a)):
            hello = position(rows, (sender, receiver, "ospf", "Hello", "paired"))
            dd = position(rows, (sender, receiver, "ospf", "Database-Description", "paired"), hello)
            update = position(rows, (sender, receiver, "ospf", "Link-State-Update", "paired"), dd)
            position(rows, (receiver, sender, "ospf", "Link-State-Acknowledgment", "paired"), update)
    # The site links carry the routers' Hellos to hosts, which run no OSPF.
    to_hosts = {r[0] for r in rows if r[3] == "Hello" and r[4] == "no-rx"}
    if to_hosts != {"R10", "R20"}:
        sys.exit(f"FAIL: Hellos without a receiver from {sorted(to_hosts)}, want R10 and R20")
    print(f"ok: {len(rows)} OSPF messages between the right neighbours in RFC 2328 order")


def check_vr(script, folder):
    # Fig. 7 from A3's addition (10 s) on: one Addition from R3 (A3) to
    # every other router the core knows, R1, R2 and X, which holds no VR
    # port and receives none (the copy to R3 itself, where B hears it, stays
    # inside the node and is not traced); answers only from the ports of
    # VPN A (A1 on R1, A2 on R2), none from B on R3.
    rows = text_sequence(script, folder, "--protocols", "vr", "--from", "10", "--to", "11",
                         "--types", "Addition*")
    additions = sorted((r[0], r[1], r[4]) for r in rows if r[2:4] == ("vr", "Addition"))
    want = [("R3", "R1", "paired"), ("R3", "R2", "paired"), ("R3", "X", "no-rx")]
    if additions != want:
        sys.exit(f"FAIL: A3's additions {additions}, want {want}")
    acks = [r for r in rows if r[2:4] == ("vr", "AdditionAck")]
    if sorted((r[0], r[1], r[4]) for r in acks) != [("R1", "R3", "paired"), ("R2", "R3", "paired")]:
        sys.exit(f"FAIL: ACKs {acks}, want one each from R1 (A1) and R2 (A2) to R3, paired")
    last_addition = max(i for i, r in enumerate(rows) if r[2:4] == ("vr", "Addition"))
    if min(rows.index(r) for r in acks) < last_addition:
        sys.exit("FAIL: an ACK before the additions it answers")
    # The steps are events on the routers' lines, in the order of Figs. 8/9:
    # A3's S1 before its additions; at R1 (A1) S11 to S14 before its ACK;
    # B (on R3) only compares the VPN-ID (S11 S12).
    run = ladder(script, folder, "--text", "--events", "--protocols", "vr", "--from", "10", "--to", "11")
    lines = run.stdout.splitlines()

    def first(pred, what):
        for i, line in enumerate(lines):
            if pred(line.split()):
                return i
        sys.exit(f"FAIL: no {what} in the ladder of 10-11 s:\n{run.stdout}")

    def step(node, port, name):
        return lambda w: w[2] == "event" and w[1] == node and w[4] == name and f"port={port}" in w[5:]

    s1 = first(step("R3", "A3", "S1"), "S1 of A3 at R3")
    addition = first(lambda w: w[2:5] == ["R3", "->", "R1"] and w[6] == "Addition", "addition R3 -> R1")
    s14 = first(step("R1", "A1", "S14"), "S14 of A1 at R1")
    ack = first(lambda w: w[2:5] == ["R1", "->", "R3"] and w[6] == "AdditionAck", "ACK R1 -> R3")
    if not s1 < addition < first(step("R1", "A1", "S11"), "S11 of A1") < s14 < ack:
        sys.exit(f"FAIL: S1, addition, S11, S14, ACK out of order:\n{run.stdout}")
    b_steps = [w[4] for w in (line.split() for line in lines)
               if w[2] == "event" and "port=B" in w[5:] and w[4].startswith("S")]
    if b_steps != ["S11", "S12"]:
        sys.exit(f"FAIL: B's steps {b_steps}, want S11 S12")
    # The drawing of the whole Fig. 7 sequence (steps as events) works.
    out = os.path.join(tempfile.mkdtemp(), "fig07.svg")
    run = ladder(script, folder, "--protocols", "vr", "--from", "10", "-o", out)
    if run.returncode == 77 or "matplotlib" in run.stderr:
        print("ok (drawing skipped: no python3-matplotlib)")
        return
    if run.returncode != 0 or not os.path.getsize(out):
        sys.exit(f"FAIL: ladder --protocols vr exited {run.returncode}: {run.stderr}")
    print(f"ok: {len(additions)} additions from A3, ACKs from A1 and A2 only")


def check_draw(script, folder):
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        print("skipped: python3-matplotlib missing")
        sys.exit(77)
    with tempfile.TemporaryDirectory(prefix="ladder-draw-") as tmp:
        svg = os.path.join(tmp, "ladder.svg")
        png = os.path.join(tmp, "ladder.png")
        for out, extra in ((svg, ["--to", "1"]), (png, ["--max", "10"])):
            run = ladder(script, folder, "-o", out, *extra)
            if run.returncode != 0 or run.stdout.strip() != out:
                sys.exit(f"FAIL: drawing {out} exited {run.returncode}: {run.stdout}{run.stderr}")
            if os.path.getsize(out) == 0:
                sys.exit(f"FAIL: {out} is empty")
        if "left out" not in run.stderr:
            sys.exit(f"FAIL: --max 10 did not say what it left out: {run.stderr!r}")
        root = ElementTree.parse(svg).getroot()
        if not root.tag.endswith("svg"):
            sys.exit(f"FAIL: {svg} root element is {root.tag}")
        with open(png, "rb") as f:
            if f.read(8) != b"\x89PNG\r\n\x1a\n":
                sys.exit(f"FAIL: {png} is not a PNG")
        # Without -o the diagram goes beside the trace.
        run = ladder(script, folder, "--protocols", "l2tp")
        default = os.path.join(folder, "ladder.svg")
        if run.returncode != 0 or run.stdout.strip() != default or not os.path.getsize(default):
            sys.exit(f"FAIL: default output: {run.returncode} {run.stdout}{run.stderr}")
    print("ok: SVG (well-formed XML) and PNG written")


def check_refuse(script, folder):
    with tempfile.TemporaryDirectory(prefix="ladder-bad-") as tmp:
        malformed = os.path.join(tmp, "malformed")
        os.mkdir(malformed)
        with open(os.path.join(malformed, "messages.txt"), "w") as f:
            f.write("# header\n0.5 GW1 sent l2tp SCCRQ\n")
        cases = [
            [os.path.join(tmp, "missing")],
            [tmp],  # a folder without messages.txt
            [malformed],
            [folder, "--max", "0"],
            [folder, "--from", "3", "--to", "1"],
            [folder, "--from", "soon"],
            [folder, "--nodes", "GW1,NOBODY"],
            [folder, "-o", os.path.join(tmp, "ladder.pdf")],
            [folder, "-o", os.path.join(tmp, "no-such-dir", "ladder.svg")],
            [folder, "--protocols", "no-such-protocol"],
            [folder, "--no-such-option"],
        ]
        for argv in cases:
            run = ladder(script, *argv)
            if run.returncode != 2 or not run.stderr.startswith("ladder: ") or "Traceback" in run.stderr:
                sys.exit(f"FAIL: {argv} exited {run.returncode} (want 2 and a message): {run.stderr}")
    print(f"ok: {len(cases)} bad inputs refused with exit code 2")


CHECKS = {"l2tp": check_l2tp, "ldp": check_ldp, "ospf": check_ospf, "vr": check_vr, "draw": check_draw,
          "refuse": check_refuse}

if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in CHECKS:
        sys.exit(__doc__)
    CHECKS[sys.argv[1]](sys.argv[2], sys.argv[3])
