# SPDX-License-Identifier: GPL-2.0-only
"""Shared part of check-vr-decode.py and check-htip-decode.py.

Both write a capture of known contents (a test/dissector/make-*-capture.py),
run ipvpn-decode over it, check every line against the lines written from
those contents, and, with tshark and the Lua dissector, compare the decoder's
fields and malformed reasons with the dissector's frame by frame. The
expected lines, the dissector's fields and their mapping stay in each script;
this module holds the run, the line check and the comparison.

Python 3 standard library only.
"""

import os
import shutil
import subprocess
import sys
import tempfile

TIMEOUT_S = 60


def run(command):
    try:
        return subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        print("FAIL: %s did not finish within %d s" % (command[0], TIMEOUT_S))
        sys.exit(1)


def check_lines(out, expected, frames):
    """The decoder's lines against expected; returns ({frame: fields}, problems)."""
    problems = []
    decoded = {}
    for raw in out.splitlines():
        words = raw.split(" ")
        if len(words) < 4 or not words[0].isdigit():
            problems.append("line not in the documented format: %r" % raw)
            continue
        frame = int(words[0])
        if frame in decoded:
            problems.append("frame %d: more than one line" % frame)
        want_time = "%d.000000" % frame
        if words[1] != want_time:
            problems.append("frame %d: time %s, expected %s" % (frame, words[1], want_time))
        line = " ".join(words[2:])
        if line != expected.get(frame):
            problems.append("frame %d:\n  got      %s\n  expected %s"
                            % (frame, line, expected.get(frame)))
        decoded[frame] = {"type": words[3],
                          "fields": dict(w.split("=", 1) for w in words[4:] if "=" in w)}
    for frame in range(1, frames + 1):
        if frame not in decoded:
            problems.append("frame %d: no line" % frame)
    return decoded, problems


class Dissector:
    """What the comparison needs to know of one Lua dissector.

    proto: its field prefix; columns: the tshark fields printed after
    frame.number; experts: its expert error names (without the prefix), in
    the decoder's reason spelling with '_' for '-'; theirs: a function from
    the columns' values to the decoder's {key: value}, "type" included (every
    other key is compared with the decoder's field of that name, "" when the
    line lacks it)."""

    def __init__(self, proto, columns, experts, theirs):
        self.proto = proto
        self.columns = columns
        self.experts = experts
        self.theirs = theirs


def check_dissector(capture, lua, decoded, dissector, frames):
    """The decoder's fields against the Lua dissector's, frame by frame."""
    names = ["frame.number"] + dissector.columns
    names += [dissector.proto + "." + name for name in dissector.experts]
    command = ["tshark", "-n", "-X", "lua_script:" + lua, "-r", capture, "-T", "fields",
               "-E", "separator=|", "-E", "occurrence=a", "-E", "aggregator=,"]
    for name in names:
        command += ["-e", name]
    result = run(command)
    if result.returncode != 0:
        return ["tshark exited %d: %s" % (result.returncode,
                                          result.stderr.decode("utf-8", "replace").strip())]
    problems = []
    seen = 0
    first_expert = 1 + len(dissector.columns)
    for raw in result.stdout.decode("utf-8", "replace").splitlines():
        cols = raw.split("|")
        if len(cols) != len(names) or not cols[0].isdigit():
            continue
        seen += 1
        frame = int(cols[0])
        mine = decoded.get(frame)
        if mine is None:
            continue  # already reported
        errors = [name for name, value in zip(dissector.experts, cols[first_expert:])
                  if value != ""]
        if mine["type"] == "malformed":
            reason = mine["fields"].get("reason", "")
            if errors != [reason.replace("-", "_")]:
                problems.append("frame %d: decoder reason=%s, dissector expert errors %s"
                                % (frame, reason, errors or "none"))
            continue
        if errors:
            problems.append("frame %d: decoder finds a valid %s, dissector expert errors %s"
                            % (frame, mine["type"], errors))
            continue
        theirs = dissector.theirs(cols[1:first_expert])
        ours = {"type": mine["type"]}
        for key in theirs:
            if key != "type":
                ours[key] = mine["fields"].get(key, "")
        if ours != theirs:
            problems.append("frame %d: decoder %s, dissector %s" % (frame, ours, theirs))
    if seen != frames:
        problems.append("tshark printed %d frames, expected %d" % (seen, frames))
    return problems


def main(argv, usage, make_capture, expected, frames, dissector, also=None):
    """The whole check: usage is printed on wrong arguments; also(lua,
    decoder, capture) -> problems runs after the dissector comparison."""
    if len(argv) not in (2, 3):
        print(usage)
        return 2
    decoder = argv[1]
    lua = argv[2] if len(argv) == 3 else None
    folder = tempfile.mkdtemp(prefix="ipvpn-decode-check-")
    try:
        capture = os.path.join(folder, "capture.pcap")
        made = run([sys.executable, make_capture, capture])
        if made.returncode != 0:
            print("FAIL: %s: %s" % (os.path.basename(make_capture),
                                    made.stderr.decode("utf-8", "replace").strip()))
            return 1
        result = run([decoder, capture])
        if result.returncode != 0:
            print("FAIL: ipvpn-decode exited with %d: %s"
                  % (result.returncode, result.stderr.decode("utf-8", "replace").strip()))
            return 1
        decoded, problems = check_lines(result.stdout.decode("utf-8", "replace"), expected,
                                        frames)
        print("ipvpn-decode: %d frames, %d expected lines" % (len(decoded), len(expected)))
        if lua is None or not os.path.exists(lua):
            print("note: no Lua dissector given; not compared with tshark")
        elif shutil.which("tshark") is None:
            print("note: tshark not installed; not compared with the Lua dissector")
        else:
            compared = check_dissector(capture, lua, decoded, dissector, frames)
            problems += compared
            if not compared:
                print("tshark with %s: the same fields and errors in all %d frames"
                      % (os.path.basename(lua), frames))
            if also is not None:
                problems += also(lua, decoder, capture)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if problems:
        for problem in problems:
            print("FAIL: " + problem)
        return 1
    print("ok: all %d frames as expected" % frames)
    return 0
