#!/usr/bin/env bash
# ipvpn-bench-nat on a short chain: every mode delivers every datagram and
# the JSON carries a figure per mode and flow count; command-line errors
# exit 2. Behaviour only: the timings are the benchmark's business.
set -u
bench=$1
python=${2:-/usr/bin/python3}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
status=0
cli=$bench
# shellcheck source=cli-expect.sh
. "$(dirname "$0")/cli-expect.sh"
expect 0 "usage: ipvpn-bench-nat" -- --help
expect 2 "--hops must be an integer from 2 to 200, not 'x'" -- --hops x
expect 2 "--packets must be an integer" -- --packets 10
expect 2 "unknown argument '--bogus'" -- --bogus
expect 2 "needs a value" -- --json
expect 0 "flows 10: napt" -- --hops 3 --packets 2000 --flows 10 --json "$scratch/b.json"
"$python" - "$scratch/b.json" <<'PY' || status=1
import json, sys
b = json.load(open(sys.argv[1]))
runs = b["runs"]
checks = [
    ((b["hops"], b["packets"]) == (3, 2000), "the sizes asked for"),
    (sorted((r["flows"], r["mode"]) for r in runs) ==
     [(1, "napt"), (1, "prefix"), (10, "napt"), (10, "prefix")], "a figure per mode and flow count"),
    (all(r["delivered"] == 2000 for r in runs), "every datagram through every chain"),
    (all(r["hop_ns"] > 0 and r["plain_hop_ns"] != 0 for r in runs), "hop costs measured"),
]
bad = [why for ok, why in checks if not ok]
for why in bad:
    print("FAIL: " + why)
print("ok:   the JSON figures" if not bad else "")
sys.exit(1 if bad else 0)
PY
exit $status
