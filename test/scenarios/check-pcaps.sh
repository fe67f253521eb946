#!/usr/bin/env bash
# Runs pcap-check (tshark) over every pcap in a run's output folder.
# Exit 0 all pass, 1 a capture failed or none was written, 77 skipped
# (no pcap-check script or no tshark).
set -u
checker=$1
dir=$2
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
for f in "${pcaps[@]}"; do
    if "$checker" "$f" --quiet --expect ip; then
        echo "ok   $f"
    else
        echo "FAIL $f"
        status=1
    fi
done
exit $status
