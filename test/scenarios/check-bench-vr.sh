#!/usr/bin/env bash
# ipvpn-bench-vr on a small network: it converges (every map complete, every
# VRF routing to every other port's user prefix), no earlier than the last
# port's addition, and the JSON carries its figures; command-line errors
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
expect 0 "usage: ipvpn-bench-vr" -- --help
expect 2 "2 <= ports per VPN" -- --vpns 3 --ports 5
expect 2 "2 <= ports per VPN" -- --routers 4 --vpns 1 --ports 5
expect 2 "bad value 'x' for --routers" -- --routers x
expect 2 "unknown option --bogus" -- --bogus 1
expect 2 "needs a value" -- --ports
expect 2 "bad value 'x' for --delivery" -- --delivery x
expect 2 "bad value 'x' for --vpn-flood-pacing" -- --vpn-flood-pacing x
expect 2 "bad value '-1s' for --spacing" -- --spacing -1s
expect 0 "unicast additions: converged at" -- --routers 12 --vpns 2 --ports 6 --delivery unicast
expect 0 "converged at" -- --routers 12 --vpns 2 --ports 6 --spacing 100ms --json "$scratch/b.json"
"$python" - "$scratch/b.json" <<'PY' || status=1
import json, sys
b = json.load(open(sys.argv[1]))
checks = [
    (b["converged"] is True, "converged"),
    ((b["routers"], b["vpns"], b["ports"]) == (12, 2, 6), "the sizes asked for"),
    (b["delivery"] == "flood", f"delivery {b['delivery']}, not the default flood"),
    (b["vpn_flood_pacing_s"] == 0.033, f"flood pacing {b['vpn_flood_pacing_s']} s, not 33 ms"),
    (b["vpn_ospf"]["ls_update"] > 0 and b["core_ospf"]["hello"] > 0, "OSPF packet counts"),
    # The first port once the core has converged (checked from 1 s every
    # 100 ms), six ports 100 ms apart: the last 0.5 s after the first.
    (b["core_converged_s"] >= 1.0, f"additions from {b['core_converged_s']} s, not before 1 s"),
    (abs(b["last_addition_s"] - b["core_converged_s"] - 0.5) < 1e-9,
     f"last addition at {b['last_addition_s']} s, not 0.5 s after the first"),
    (b["convergence_s"] >= b["last_addition_s"], "not converged before every port exists"),
    (b["events"] > 0, "events counted"),
    (b["peak_rss_mib"] > 0 and b["rss_per_port_kib"] > 0, "memory figures"),
]
bad = [why for ok, why in checks if not ok]
for why in bad:
    print("FAIL: " + why)
print("ok:   the JSON figures" if not bad else "")
sys.exit(1 if bad else 0)
PY
exit $status
