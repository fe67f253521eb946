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

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=dissector-check.sh
. "$here/dissector-check.sh"
proto=ipvpn_vr
# The expert fields of the dissector, in their column order.
experts=(truncated bad_version bad_length bad_type bad_tlv duplicate_tlv missing_field unknown_tlv)

dissector_start "$@" "$here/make-vr-discovery-capture.py"
dissector_fields version type length sequence vpn_id vpn_id.oui vpn_id.index router_id \
    port_address tlv.type unknown_tlvs tlv.value

# Expected fields 2-13 (version|type|length|sequence|vpn_id|oui|index|
# router|port|tlv types|unknown count|unknown value) and Info of the valid
# frames, from the unit test's hand-laid bytes.
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
# Frames 14-41: the ADDITION cut to 1..28 octets; TLV boundaries at 8, 17, 23.
dissector_cuts 14 28 8 8 17 23

dissector_compare 41
