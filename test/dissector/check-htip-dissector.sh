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

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=dissector-check.sh
. "$here/dissector-check.sh"
proto=htip
# The expert fields of the dissector, in their column order.
experts=(truncated bad_version bad_length bad_type bad_reserved bad_tlv duplicate_tlv
         missing_field unknown_tlv)

dissector_start "$@" "$here/make-htip-capture.py"
dissector_fields version type length negotiation_id round reserved vpn_protocol \
    requester_prefix requester_candidate responder_prefix responder_candidate requester_tunnel \
    responder_tunnel gateway_name nak_cause in_use tlv.type unknown_tlvs tlv.value

# The protocol tree carries the long name, not only "HTIP" (the TTC
# JJ-300.00 protocol is also called HTIP).
if ! tshark -X "lua_script:$lua_script" -r "$capture" -c 1 -V 2>/dev/null |
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
# Expected fields and Info of the valid frames, from the hand-laid bytes.
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
# Frames 18-69: the REQUEST cut to 1..52 octets; TLV boundaries at 12, 15, 22, 39.
dissector_cuts 18 52 12 12 15 22 39

dissector_compare 69
