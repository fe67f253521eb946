#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Runs the VR-port discovery dissector (analysis/ipvpn-vr-discovery.lua) with
# tshark over the capture of make-vr-discovery-capture.py and checks it frame
# by frame:
#   - frames 1-4, the unit test's hand-laid messages, and frame 5 (a MONITOR
#     with an unknown TLV): every field against the values written in
#     test/unit/vr-discovery-header-test.cc, the Info line in the words of
#     DiscoveryHeader::Print(), no expert error, no _ws.malformed;
#   - frames 6-13, one broken message per codec error: exactly the expected
#     expert error (ipvpn_vr.truncated, ...);
#   - frames 14-41, every cut of the ADDITION: TRUNCATED under 8 octets,
#     MISSING_FIELD at a TLV boundary (8, 17, 23 octets), BAD_TLV elsewhere;
#   - everywhere: IPv4 and UDP checksums good, no Lua error.
# Prints ok:/FAIL: lines; exit 1 on any failure, 77 without tshark.
#
# Usage: check-vr-dissector.sh PATH/TO/ipvpn-vr-discovery.lua

set -u

if [ $# -ne 1 ]; then
    echo "usage: $0 DISSECTOR.lua" >&2
    exit 2
fi
lua_script=$1

if ! command -v tshark >/dev/null 2>&1; then
    echo "skip: tshark not found"
    exit 77
fi
here=$(cd "$(dirname "$0")" && pwd)
if [ ! -r "$lua_script" ]; then
    echo "FAIL: no dissector at $lua_script"
    exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

failures=0
ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

if ! python3 "$here/make-vr-discovery-capture.py" "$tmp/vr.pcap"; then
    echo "FAIL: make-vr-discovery-capture.py"
    exit 1
fi

# The expert fields of the dissector, in the column order of the run below.
experts=(truncated bad_version bad_length bad_type bad_tlv duplicate_tlv missing_field unknown_tlv)
expert_args=()
for name in "${experts[@]}"; do
    expert_args+=(-e "ipvpn_vr.$name")
done

# One tshark run for every check. Columns: 1 frame, 2-13 the message's
# fields, 14-15 checksum status, 16 expert severities, 17 malformed,
# 18 Lua error, 19 Info, 20-27 the expert fields above.
tshark -X "lua_script:$lua_script" -r "$tmp/vr.pcap" \
    -o ip.check_checksum:TRUE -o udp.check_checksum:TRUE \
    -T fields -E separator='|' -E occurrence=a -E aggregator=, \
    -e frame.number -e ipvpn_vr.version -e ipvpn_vr.type -e ipvpn_vr.length \
    -e ipvpn_vr.sequence -e ipvpn_vr.vpn_id -e ipvpn_vr.vpn_id.oui \
    -e ipvpn_vr.vpn_id.index -e ipvpn_vr.router_id -e ipvpn_vr.port_address \
    -e ipvpn_vr.tlv.type -e ipvpn_vr.unknown_tlvs -e ipvpn_vr.tlv.value \
    -e ip.checksum.status -e udp.checksum.status \
    -e _ws.expert.severity -e _ws.malformed -e _ws.lua.error -e _ws.col.Info \
    "${expert_args[@]}" >"$tmp/fields" 2>"$tmp/stderr"
status=$?
if [ $status -ne 0 ]; then
    fail "tshark exited $status: $(cat "$tmp/stderr")"
fi
if grep -qi "lua\|error" "$tmp/stderr"; then
    fail "tshark reported: $(grep -i "lua\|error" "$tmp/stderr")"
fi

# Expected fields 2-13 (version|type|length|sequence|vpn_id|oui|index|
# router|port|tlv types|unknown count|unknown value) and Info of the valid
# frames, from the unit test's hand-laid bytes.
declare -A want_fields want_info
want_fields[1]="1|1|29|7|00a0c9:00000001|0x00a0c9|0x00000001|10.0.0.10|10.1.0.1|1,2,3||"
want_info[1]="Addition seq=7 vpn=00a0c9:00000001 router=10.0.0.10 port=10.1.0.1"
want_fields[2]="1|2|29|7|00a0c9:00000001|0x00a0c9|0x00000001|10.0.0.20|10.2.0.1|1,2,3||"
want_info[2]="AdditionAck seq=7 vpn=00a0c9:00000001 router=10.0.0.20 port=10.2.0.1"
want_fields[3]="1|3|23|65538|00a0c9:00000001|0x00a0c9|0x00000001|10.0.0.10||1,2||"
want_info[3]="Monitor seq=65538 vpn=00a0c9:00000001 router=10.0.0.10"
want_fields[4]="1|4|23|65538|00a0c9:00000001|0x00a0c9|0x00000001|10.0.0.20||1,2||"
want_info[4]="MonitorReply seq=65538 vpn=00a0c9:00000001 router=10.0.0.20"
want_fields[5]="1|3|27|8|00a0c9:00000001|0x00a0c9|0x00000001|10.0.0.10||1,2,99|1|beef"
want_info[5]="Monitor seq=8 vpn=00a0c9:00000001 router=10.0.0.10 unknown-tlvs=1"

# Expected expert fields of every frame (space-separated names).
declare -A want_experts
for frame in 1 2 3 4; do want_experts[$frame]=""; done
want_experts[5]="unknown_tlv"
want_experts[6]="truncated"
want_experts[7]="bad_version"
want_experts[8]="bad_length"
want_experts[9]="bad_type"
want_experts[10]="bad_tlv"
want_experts[11]="bad_tlv"
want_experts[12]="duplicate_tlv"
want_experts[13]="missing_field"
for size in $(seq 1 28); do
    frame=$((13 + size))
    if [ "$size" -lt 8 ]; then
        want_experts[$frame]="truncated"
    elif [ "$size" -eq 8 ] || [ "$size" -eq 17 ] || [ "$size" -eq 23 ]; then
        want_experts[$frame]="missing_field"
    else
        want_experts[$frame]="bad_tlv"
    fi
done
frames=41

declare -A seen
while IFS='|' read -r -a col; do
    frame=${col[0]}
    seen[$frame]=1
    got_fields=$(IFS='|'; echo "${col[*]:1:12}")
    info=${col[18]}
    got_experts=""
    for i in "${!experts[@]}"; do
        if [ -n "${col[$((19 + i))]:-}" ]; then
            got_experts="${got_experts:+$got_experts }${experts[$i]}"
        fi
    done
    want=${want_experts[$frame]-unexpected}

    if [ "${col[13]}" != 1 ] || [ "${col[14]}" != 1 ]; then
        fail "frame $frame: IPv4/UDP checksum status '${col[13]}'/'${col[14]}', not good (1)"
    fi
    if [ -n "${col[17]}" ]; then
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
        elif [[ ",${col[15]}," == *,8388608,* ]] || [ -n "${col[16]}" ]; then
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
            ok "frame $frame: ipvpn_vr.$want ($info)"
        fi
    fi
done <"$tmp/fields"

for frame in $(seq 1 $frames); do
    if [ -z "${seen[$frame]-}" ]; then
        fail "frame $frame: not in tshark's output"
    fi
done
if [ ${#seen[@]} -ne $frames ]; then
    fail "tshark printed ${#seen[@]} frames, expected $frames"
fi

if [ $failures -ne 0 ]; then
    echo "FAIL: $failures check(s) failed"
    exit 1
fi
echo "ok: all $frames frames as expected"
exit 0
