#!/usr/bin/env bash
# ipvpn-bench-ospf on a small core: both modes succeed, OSPF converges when
# RFC 2328's timers say (each router's second Router-LSA, the one naming its
# neighbours, MinLSInterval = 5 s after the first; SPF SpfInitialDelay =
# 200 ms later: 5.2 s), the figures are in the JSON; and its command-line
# errors exit 2. Behaviour only: the timings are the benchmark's business.
set -u
bench=$1
python=${2:-/usr/bin/python3}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
status=0
cli=$bench
# shellcheck source=cli-expect.sh
. "$(dirname "$0")/cli-expect.sh"
expect 0 "usage: ipvpn-bench-ospf" -- --help
expect 2 "need an even number" -- --routers 5
expect 2 "need an even number" -- --routers 2
expect 2 "is not a whole number" -- --routers x
expect 2 "is not both, ospf or global" -- --mode fast
expect 2 "unknown argument '--bogus'" -- --bogus
expect 0 "ratio ospf/global routing wall" -- --routers 40 --seed 3 --json "$scratch/b.json"
"$python" - "$scratch/b.json" <<'PY' || status=1
import json, sys
b = json.load(open(sys.argv[1]))
o, g = b["modes"]["ospf"], b["modes"]["global"]
checks = [
    (b["ok"] is True, "ok"),
    (b["routers"] == 40 and b["links"] == 60, "40 routers of degree 3: 60 links"),
    (abs(o["simulated_convergence_s"] - 5.2) < 0.01, f"OSPF converged at 5.2 s, not {o['simulated_convergence_s']}"),
    (o["lsas_originated"] == 80, f"two Router-LSAs per router, not {o['lsas_originated']}"),
    (o["spf_runs"] >= 80, "at least two SPF runs per router"),
    (o["events"] > 0 and o["packets_sent"] > 0, "events and packets counted"),
    (g["routes_checked"] == 10, "ten global routes checked"),
    (o["peak_rss_kib"] > 0 and g["peak_rss_kib"] > 0, "peak memory of each mode"),
    (b["ratio_ospf_global_routing_wall"] > 0, "a ratio"),
]
bad = [why for ok, why in checks if not ok]
for why in bad:
    print("FAIL: " + why)
print("ok:   the JSON figures" if not bad else "")
sys.exit(1 if bad else 0)
PY
exit $status
