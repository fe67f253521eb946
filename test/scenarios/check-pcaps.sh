#!/usr/bin/env bash
# Runs pcap-check (tshark) over every pcap in a run's output folder.
# Usage: check-pcaps.sh PCAP-CHECK OUTPUT-DIR [SCENARIO.yaml]
# Every capture must decode as IP without errors. A scenario can ask for more
# with comment lines of the form
#   # pcap-check <glob>: <pcap-check options>
# e.g. "# pcap-check X-*.pcap: --expect mpls --expect ldp"; the glob must
# match at least one capture.
# Exit 0 all pass, 1 a capture failed or none was written, 77 skipped
# (no pcap-check script or no tshark).
set -u
checker=$1
dir=$2
scenario=${3:-}
if [ ! -x "$checker" ]; then
    echo "skipped: pcap-check not found at $checker (set -DIPVPN_PCAP_CHECK=...)"
    exit 77
fi
if ! command -v tshark >/dev/null 2>&1; then
    echo "skipped: tshark is not installed"
    exit 77
fi
shopt -s nullglob
pcaps=("$dir"/*.pcap)
if [ ${#pcaps[@]} -eq 0 ]; then
    echo "no pcap in $dir"
    exit 1
fi
status=0
declare -A extra=()
if [ -n "$scenario" ]; then
    while IFS= read -r line; do
        glob=${line%%:*}
        opts=${line#*:}
        matched=0
        for f in "$dir"/$glob; do
            extra[$f]="${extra[$f]:-} $opts"
            matched=1
        done
        if [ $matched -eq 0 ]; then
            echo "FAIL no capture matches '$glob' asked for by $scenario"
            status=1
        fi
    done < <(sed -n 's/^# pcap-check \([^:]*\):\(.*\)$/\1:\2/p' "$scenario")
fi
for f in "${pcaps[@]}"; do
    # shellcheck disable=SC2086 # the options are words
    if "$checker" "$f" --quiet --expect ip ${extra[$f]:-}; then
        echo "ok   $f${extra[$f]:+ (${extra[$f]# })}"
    else
        echo "FAIL $f${extra[$f]:+ (${extra[$f]# })}"
        status=1
    fi
done
exit $status
