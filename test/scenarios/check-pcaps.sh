#!/usr/bin/env bash
# Runs pcap-check (tshark) over every pcap in a run's output folder.
# Usage: check-pcaps.sh PCAP-CHECK OUTPUT-DIR [SCENARIO.yaml]
# Every capture must decode as IP without errors. A scenario can ask for more
# with comment lines of the form
#   # pcap-check <glob>: <pcap-check options>
# e.g. "# pcap-check X-*.pcap: --expect mpls --expect ldp"; the glob must
# match at least one capture.
# Captures holding the same frames are checked once (see below).
# The captures are checked in parallel, IPVPN_PCAP_JOBS at a time (default:
# the number of cores): pcap-check starts tshark several times per file, and
# one folder can hold dozens of captures. The report keeps the files' order.
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

# tshark's configuration: test/scenarios/wireshark/ (no user profile). Its
# heuristic_protos turns off one heuristic dissector, Redback Lawful
# Intercept on UDP (redbackli_udp): it claims any UDP payload that happens to
# look like its AVPs, and the VR ports' monitoring messages (UDP 5401, every
# 30 s for a day in p1-fig10-vr-port-deleted) do at some sequence numbers,
# which tshark then reports as malformed Redback packets.
export WIRESHARK_CONFIG_DIR="$(cd "$(dirname "$0")" && pwd)/wireshark"

jobs=${IPVPN_PCAP_JOBS:-$(nproc 2>/dev/null || echo 2)}
[ "$jobs" -ge 1 ] 2>/dev/null || jobs=1
results=$(mktemp -d -t check-pcaps.XXXXXX) || exit 1
trap 'rm -rf "$results"' EXIT

# One capture: pcap-check's report in <n>.out, then "ok" or "FAIL" in <n>.res.
check_one() {
    local n=$1 f=$2
    # shellcheck disable=SC2086 # the options are words
    if "$checker" "$f" --quiet --expect ip ${extra[$f]:-} >"$results/$n.out" 2>&1; then
        echo "ok  " >"$results/$n.res"
    else
        echo "FAIL" >"$results/$n.res"
    fi
}

# Captures with the same frames (the two ends of a link) form a group; the
# first of each is checked, with every option asked for any of the group,
# and the others are reported as equal to it (pcap-twins.py).
declare -A leader=()
checked=()
while IFS=$'\t' read -r -a group; do
    checked+=("${group[0]}")
    for f in "${group[@]}"; do
        leader[$f]=${group[0]}
        if [ "$f" != "${group[0]}" ] && [ -n "${extra[$f]:-}" ]; then
            case " ${extra[${group[0]}]:-} " in
                *" ${extra[$f]# } "*) ;; # asked for already
                *) extra[${group[0]}]="${extra[${group[0]}]:-} ${extra[$f]}" ;;
            esac
        fi
    done
done < <(python3 "$(dirname "$0")/pcap-twins.py" "${pcaps[@]}")

running=0
for n in "${!checked[@]}"; do
    if [ $running -ge "$jobs" ]; then
        wait -n
        running=$((running - 1))
    fi
    check_one "$n" "${checked[$n]}" &
    running=$((running + 1))
done
wait

declare -A verdict=()
for n in "${!checked[@]}"; do
    f=${checked[$n]}
    cat "$results/$n.out"
    res=$(cat "$results/$n.res" 2>/dev/null || echo "FAIL")
    verdict[$f]=$res
    echo "$res $f${extra[$f]:+ (${extra[$f]# })}"
    [ "$res" = "FAIL" ] && status=1
done
for f in "${pcaps[@]}"; do
    lead=${leader[$f]:-}
    if [ -z "$lead" ]; then
        echo "FAIL $f: not grouped"
        status=1
    elif [ "$lead" != "$f" ]; then
        echo "${verdict[$lead]:-FAIL} $f: the same frames as $(basename "$lead")"
    fi
done
exit $status
