#!/usr/bin/env bash
# The plot script turns a run's output into a non-empty PNG.
# Exit 77 (skipped) when Debian's matplotlib is not installed.
set -u
script=$1
dir=$2
/usr/bin/python3 -c 'import matplotlib' 2>/dev/null || { echo "skipped: python3-matplotlib missing"; exit 77; }
png="$dir/timeseries-test.png"
rm -f "$png"
/usr/bin/python3 "$script" "$dir" --out "$png" || exit 1
# A PNG starts with its 8-byte signature.
[ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ] || { echo "not a PNG: $png"; exit 1; }
echo "ok: $png"
