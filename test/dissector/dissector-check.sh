# SPDX-License-Identifier: GPL-2.0-only
#
# Shared part of the dissector checks (check-vr-dissector.sh,
# check-htip-dissector.sh), sourced by them: the start (arguments, tshark,
# the capture), one tshark run over it, the expert fields of every cut of a
# message, and the frame-by-frame comparison with the expected fields, Info
# and expert fields the sourcing script sets in want_fields, want_info and
# want_experts. Each check prints ok:/FAIL: lines.
#
# The sourcing script sets:
#   proto     the dissector's field prefix (ipvpn_vr, htip)
#   experts   its expert field names, in the column order of the tshark run
# and calls, in order:
#   dissector_start "$@" MAKE-CAPTURE.py   (sets lua_script, tmp, capture)
#   dissector_fields FIELD...              (the message's fields; runs tshark)
#   dissector_cuts FIRST-FRAME SIZES TRUNCATED-BELOW BOUNDARY...
#   dissector_compare FRAMES               (exits with the result)

set -u

failures=0
ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

declare -A want_fields want_info want_experts

# dissector_start ARGS... MAKE-CAPTURE: checks the one argument (the Lua
# dissector), exits 77 without tshark, writes the capture to $capture.
dissector_start() {
    local maker=${*: -1}
    if [ $# -ne 2 ]; then
        echo "usage: $0 DISSECTOR.lua" >&2
        exit 2
    fi
    lua_script=$1
    if ! command -v tshark >/dev/null 2>&1; then
        echo "skip: tshark not found"
        exit 77
    fi
    if [ ! -r "$lua_script" ]; then
        echo "FAIL: no dissector at $lua_script"
        exit 1
    fi
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    capture="$tmp/capture.pcap"
    if ! python3 "$maker" "$capture"; then
        echo "FAIL: $(basename "$maker")"
        exit 1
    fi
}

# dissector_fields FIELD...: one tshark run for every check. Columns: 1 frame,
# 2..N+1 the N message fields given, then the two checksum statuses, expert
# severities, malformed, Lua error, Info, and the expert fields of $experts.
dissector_fields() {
    nfields=$#
    local args=() name status
    for name in "$@"; do args+=(-e "$proto.$name"); done
    for name in "${experts[@]}"; do args+=(-e "$proto.$name"); done
    tshark -X "lua_script:$lua_script" -r "$capture" \
        -o ip.check_checksum:TRUE -o udp.check_checksum:TRUE \
        -T fields -E separator='|' -E occurrence=a -E aggregator=, \
        -e frame.number "${args[@]:0:2*nfields}" \
        -e ip.checksum.status -e udp.checksum.status \
        -e _ws.expert.severity -e _ws.malformed -e _ws.lua.error -e _ws.col.Info \
        "${args[@]:2*nfields}" >"$tmp/fields" 2>"$tmp/stderr"
    status=$?
    if [ $status -ne 0 ]; then
        fail "tshark exited $status: $(cat "$tmp/stderr")"
    fi
    if grep -qi "lua\|error" "$tmp/stderr"; then
        fail "tshark reported: $(grep -i "lua\|error" "$tmp/stderr")"
    fi
}

# dissector_cuts FIRST SIZES BELOW BOUNDARY...: frames FIRST.. hold the
# message cut to 1..SIZES octets: truncated under BELOW octets,
# missing_field at a TLV boundary, bad_tlv elsewhere.
dissector_cuts() {
    local first=$1 sizes=$2 below=$3 size boundaries
    shift 3
    boundaries=" $* "
    for size in $(seq 1 "$sizes"); do
        if [ "$size" -lt "$below" ]; then
            want_experts[$((first + size - 1))]="truncated"
        elif [[ "$boundaries" == *" $size "* ]]; then
            want_experts[$((first + size - 1))]="missing_field"
        else
            want_experts[$((first + size - 1))]="bad_tlv"
        fi
    done
}

# dissector_compare FRAMES: every frame of the tshark run against want_*;
# exits 1 on any failure, 0 otherwise.
dissector_compare() {
    local frames=$1 frame got_fields info got_experts want name i
    local n=$nfields
    local -A seen
    while IFS='|' read -r -a col; do
        frame=${col[0]}
        seen[$frame]=1
        got_fields=$(IFS='|'; echo "${col[*]:1:$n}")
        info=${col[$((n + 6))]}
        got_experts=""
        for i in "${!experts[@]}"; do
            if [ -n "${col[$((n + 7 + i))]:-}" ]; then
                got_experts="${got_experts:+$got_experts }${experts[$i]}"
            fi
        done
        want=${want_experts[$frame]-unexpected}

        if [ "${col[$((n + 1))]}" != 1 ] || [ "${col[$((n + 2))]}" != 1 ]; then
            fail "frame $frame: IPv4/UDP checksum status '${col[$((n + 1))]}'/'${col[$((n + 2))]}', not good (1)"
        fi
        if [ -n "${col[$((n + 5))]}" ]; then
            fail "frame $frame: Lua error"
        fi
        if [ "$got_experts" != "$want" ]; then
            fail "frame $frame: expert fields '$got_experts', expected '$want' ($info)"
        elif [ -n "${want_fields[$frame]+x}" ]; then
            # A valid frame: its fields, its Info, no error.
            if [ "$got_fields" != "${want_fields[$frame]}" ]; then
                fail "frame $frame: fields '$got_fields', expected '${want_fields[$frame]}'"
            elif [ "$info" != "${want_info[$frame]}" ]; then
                fail "frame $frame: Info '$info', expected '${want_info[$frame]}'"
            elif [[ ",${col[$((n + 3))]}," == *,8388608,* ]] || [ -n "${col[$((n + 4))]}" ]; then
                fail "frame $frame: expert error or _ws.malformed on a valid message ($info)"
            else
                ok "frame $frame: $info"
            fi
        else
            # A broken frame: the codec's error name in Info too.
            name=$(echo "$want" | tr '[:lower:]' '[:upper:]')
            if [[ "$info" != *"(malformed: $name)" ]]; then
                fail "frame $frame: Info '$info' without (malformed: $name)"
            else
                ok "frame $frame: $proto.$want ($info)"
            fi
        fi
    done <"$tmp/fields"

    for frame in $(seq 1 "$frames"); do
        if [ -z "${seen[$frame]-}" ]; then
            fail "frame $frame: not in tshark's output"
        fi
    done
    if [ ${#seen[@]} -ne "$frames" ]; then
        fail "tshark printed ${#seen[@]} frames, expected $frames"
    fi

    if [ $failures -ne 0 ]; then
        echo "FAIL: $failures check(s) failed"
        exit 1
    fi
    echo "ok: all $frames frames as expected"
    exit 0
}
