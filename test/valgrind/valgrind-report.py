#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Summarises memcheck XML files (run-valgrind.sh): per run the errors left
after the suppressions, each with its kind, first frames and whether the
module's own code (libns3-ipvpn, the ipvpn programs) is on its stack.
Exit 0 when no error is left, 1 otherwise. Leaks count as errors only
when definitely lost (run-valgrind.sh).

    valgrind-report.py FILE.xml ...
"""
import os
import sys
import xml.etree.ElementTree as ET

MODULE_OBJECTS = ("libns3-ipvpn", "ipvpn-sim", "ipvpn-test-runner", "ipvpn-decode")


def frame_text(frame):
    fn = frame.findtext("fn") or "???"
    where = frame.findtext("file")
    if where:
        return "%s (%s:%s)" % (fn, where, frame.findtext("line"))
    return "%s (%s)" % (fn, os.path.basename(frame.findtext("obj") or "?"))


def in_module(stack):
    return any(os.path.basename(f.findtext("obj") or "").startswith(MODULE_OBJECTS)
               for f in stack.findall("frame"))


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    left = 0
    for path in argv[1:]:
        name = os.path.basename(path)[:-len(".xml")]
        try:
            tree = ET.parse(path)
        except (ET.ParseError, OSError) as e:
            print("%s: no memcheck report (%s)" % (name, e))
            left += 1
            continue
        errors = tree.getroot().findall("error")
        # memcheck reports each context once; errorcounts has how often.
        occurrences = sum(int(p.findtext("count") or 0)
                          for p in tree.getroot().findall("errorcounts/pair"))
        suppressed = sum(int(p.findtext("count") or 0)
                         for p in tree.getroot().findall("suppcounts/pair"))
        module = sum(1 for e in errors if in_module(e.find("stack")))
        print("%s: %d error context(s) left (%d errors), %d with the module's code; "
              "%d suppressed" % (name, len(errors), occurrences, module, suppressed))
        for e in errors:
            stack = e.find("stack")
            what = e.findtext("kind")
            text = e.findtext("what") or e.findtext("xwhat/text") or ""
            print("  %s%s: %s" % ("[module] " if in_module(stack) else "", what, text))
            for frame in stack.findall("frame")[:8]:
                print("      at " + frame_text(frame))
        left += len(errors)
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
