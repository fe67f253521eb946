#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Runs the HTIP dissector (analysis/ipvpn-htip.lua, seed 004's Home-to-home
# Tunnelling Initiation Protocol) with tshark over the capture of
# make-htip-capture.py and checks it frame by frame:
#   - frames 1-5, the unit test's hand-laid messages, and frame 6 (a NAK
#     with an unknown TLV): every field against the values of the layout
#     written in test/unit/htip-message-test.cc, the Info line in the words
#     of MessageHeader::Print(), no expert error, no _ws.malformed;
#   - frames 7-17, one broken message per codec error: exactly the expected
#     expert error (htip.truncated, ...);
#   - frames 18-69, every cut of the REQUEST: TRUNCATED under 12 octets,
#     MISSING_FIELD at a TLV boundary (12, 15, 22, 39 octets), BAD_TLV
#     elsewhere;
#   - everywhere: IPv4 and UDP checksums good, no Lua error, the protocol
#     tree named by the long name.
# Prints ok:/FAIL: lines; exit 1 on any failure, 77 without tshark.
#
# Usage: check-htip-dissector.sh PATH/TO/ipvpn-htip.lua

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

if ! python3 "$here/make-htip-capture.py" "$tmp/htip.pcap"; then
    echo "FAIL: make-htip-capture.py"
    exit 1
fi

# The expert fields of the dissector, in the column order of the run below.
experts=(truncated bad_version bad_length bad_type bad_reserved bad_tlv duplicate_tlv
         missing_field unknown_tlv)
expert_args=()
for name in "${experts[@]}"; do
    expert_args+=(-e "htip.$name")
done

# One tshark run for every check. Columns: 1 frame, 2-20 the message's
# fields, 21-22 checksum status, 23 expert severities, 24 malformed, 25 Lua
# error, 26 Info, 27-35 the expert fields above.
tshark -X "lua_script:$lua_script" -r "$tmp/htip.pcap" \
    -o ip.check_checksum:TRUE -o udp.check_checksum:TRUE \
    -T fields -E separator='|' -E occurrence=a -E aggregator=, \
    -e frame.number -e htip.version -e htip.type -e htip.length -e htip.negotiation_id \
    -e htip.round -e htip.reserved -e htip.vpn_protocol -e htip.requester_prefix \
    -e htip.requester_candidate -e htip.responder_prefix -e htip.responder_candidate \
    -e htip.requester_tunnel -e htip.responder_tunnel -e htip.gateway_name \
    -e htip.nak_cause -e htip.in_use -e htip.tlv.type -e htip.unknown_tlvs -e htip.tlv.value \
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

# The protocol tree carries the long name, not only "HTIP" (the TTC
# JJ-300.00 protocol is also called HTIP).
if ! tshark -X "lua_script:$lua_script" -r "$tmp/htip.pcap" -c 1 -V 2>/dev/null |
    grep -q "^Home-to-home Tunnelling Initiation Protocol (seed 004): REQUEST"; then
    fail "frame 1: no 'Home-to-home Tunnelling Initiation Protocol (seed 004)' tree"
else
    ok "frame 1: tree named Home-to-home Tunnelling Initiation Protocol (seed 004)"
fi

# Fields 2-20 joined with '|': version type length id round reserved proto
# a a-cand b b-cand a-tun b-tun name cause in-use tlv-types unknown value.
row() {
    local IFS='|'
    echo "$*"
}
L24=10.0.0.0/24
CAND_A=10.0.0.0/24,10.0.1.0/24,10.0.2.0/24
CAND_B=10.0.2.0/24,10.0.3.0/24,10.0.4.0/24

# Expected fields and Info of the valid frames, from the hand-laid bytes.
declare -A want_fields want_info
want_fields[1]=$(row 1 1 53 0x00000001 1 0x0000 1 $L24 $CAND_A "" "" "" "" gw-a.example "" "" \
    1,2,3,8 "" "")
want_info[1]="REQUEST id=0x1 round=1 proto=L2TP a=$L24 a-cand=$CAND_A name=gw-a.example"
want_fields[2]=$(row 1 2 53 0x00000001 1 0x0000 1 $L24 "" $L24 $CAND_B 10.0.1.0/24 "" "" "" "" \
    1,2,4,5,6 "" "")
want_info[2]="RESPONSE id=0x1 round=1 proto=L2TP a=$L24 b=$L24 b-cand=$CAND_B a-tun=10.0.1.0/24"
want_fields[3]=$(row 1 3 43 0x00000001 1 0x0000 1 $L24 "" $L24 "" 10.0.1.0/24 10.0.2.0/24 "" "" \
    "" 1,2,4,6,7 "" "")
want_info[3]="ACK id=0x1 round=1 proto=L2TP a=$L24 b=$L24 a-tun=10.0.1.0/24 b-tun=10.0.2.0/24"
want_fields[4]=$(row 1 4 43 0x00000001 1 0x0000 1 $L24 "" $L24 "" 10.0.1.0/24 10.0.2.0/24 "" "" \
    "" 1,2,4,6,7 "" "")
want_info[4]="READY id=0x1 round=1 proto=L2TP a=$L24 b=$L24 a-tun=10.0.1.0/24 b-tun=10.0.2.0/24"
want_fields[5]=$(row 1 5 42 0x0000002a 1 0x0000 1 "" $CAND_A 10.0.0.0/16 "" "" "" "" 1 "" \
    1,3,4,9 "" "")
want_info[5]="NAK id=0x2a round=1 proto=L2TP a-cand=$CAND_A b=10.0.0.0/16 cause=1"
want_fields[6]=$(row 1 5 37 0xffffffff 2 0x0000 2 $L24 "" "" 192.168.1.0/24 "" "" "" 3 "" \
    10,200,9,5,2,1 1 00)
want_info[6]="NAK id=0xffffffff round=2 proto=PPTP a=$L24 b-cand=192.168.1.0/24 cause=3 in-use=none unknown-tlvs=1"

# Expected expert fields of every frame (space-separated names).
declare -A want_experts
for frame in 1 2 3 4 5; do want_experts[$frame]=""; done
want_experts[6]="unknown_tlv"
want_experts[7]="truncated"
want_experts[8]="bad_version"
want_experts[9]="bad_length"
want_experts[10]="bad_type"
want_experts[11]="bad_reserved"
want_experts[12]="bad_tlv"
want_experts[13]="bad_tlv"
want_experts[14]="bad_tlv"
want_experts[15]="bad_tlv"
want_experts[16]="duplicate_tlv"
want_experts[17]="missing_field"
for size in $(seq 1 52); do
    frame=$((17 + size))
    if [ "$size" -lt 12 ]; then
        want_experts[$frame]="truncated"
    elif [ "$size" -eq 12 ] || [ "$size" -eq 15 ] || [ "$size" -eq 22 ] || [ "$size" -eq 39 ]; then
        want_experts[$frame]="missing_field"
    else
        want_experts[$frame]="bad_tlv"
    fi
done
frames=69

declare -A seen
while IFS='|' read -r -a col; do
    frame=${col[0]}
    seen[$frame]=1
    got_fields=$(IFS='|'; echo "${col[*]:1:19}")
    info=${col[25]}
    got_experts=""
    for i in "${!experts[@]}"; do
        if [ -n "${col[$((26 + i))]:-}" ]; then
            got_experts="${got_experts:+$got_experts }${experts[$i]}"
        fi
    done
    want=${want_experts[$frame]-unexpected}

    if [ "${col[20]}" != 1 ] || [ "${col[21]}" != 1 ]; then
        fail "frame $frame: IPv4/UDP checksum status '${col[20]}'/'${col[21]}', not good (1)"
    fi
    if [ -n "${col[24]}" ]; then
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
        elif [[ ",${col[22]}," == *,8388608,* ]] || [ -n "${col[23]}" ]; then
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
            ok "frame $frame: htip.$want ($info)"
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
