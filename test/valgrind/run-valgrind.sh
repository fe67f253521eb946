#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# memcheck on the normal build (doc/memory-safety.md): one shipped scenario
# of each protocol family (global-routed IP, MPLS/LDP, L2TP/RADIUS/PPP) and
# the PPP suite, whose harness once wrote a capture from uninitialised
# attributes. Noise from ns-3, yaml-cpp and libc is suppressed only by the
# entries of ns3.supp, each explained there; every other error fails the
# run, and those with the module's code on their stack are marked.
#
#   run-valgrind.sh BUILD_DIR [SCENARIO.yaml ...]
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
build="${1:?usage: run-valgrind.sh BUILD_DIR [SCENARIO.yaml ...]}"
shift
scenarios=("$@")
if [ ${#scenarios[@]} -eq 0 ]; then
    scenarios=("$root/scenarios/p1-fig03-core-path.yaml"
               "$root/scenarios/p1-fig13-label-path.yaml"
               "$root/scenarios/l2tp-radius-basic.yaml")
fi
out="$build/valgrind"
rm -rf "$out"
mkdir -p "$out"

memcheck() {
    local name="$1"
    shift
    local start=$SECONDS
    # --error-exitcode: the report below decides; valgrind's status is the
    # program's own.
    valgrind --tool=memcheck --num-callers=40 --track-origins=yes \
        --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite \
        --suppressions="$here/ns3.supp" --gen-suppressions=all \
        --xml=yes --xml-file="$out/$name.xml" --log-file="$out/$name.log" \
        "$@" >"$out/$name.out" 2>&1 || {
        echo "valgrind: $name: the program failed (exit $?); output in $out/$name.out"
        return 1
    }
    echo "valgrind: $name: $((SECONDS - start)) s"
}

status=0
for scenario in "${scenarios[@]}"; do
    name="$(basename "$scenario" .yaml)"
    memcheck "$name" "$build/examples/ipvpn-sim" --quiet --out "$out/$name-run" "$scenario" || status=1
done
memcheck ipvpn-ppp-suite "$build/ipvpn-test-runner" --suite=ipvpn-ppp || status=1

/usr/bin/python3 "$here/valgrind-report.py" "$out"/*.xml || status=1
exit $status
