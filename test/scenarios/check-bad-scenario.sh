#!/usr/bin/env bash
# A bad scenario must be rejected: exit code 2, no crash, and exactly the
# messages listed in the .expected file next to it (one per line).
set -u
sim=$(realpath "$1")
scenario=$(realpath "$2")
expected=${scenario%.yaml}.expected
cd "$(dirname "$scenario")" || exit 1
name=$(basename "$scenario")
actual=$("$sim" --validate-only "$name" 2>&1 >/dev/null)
rc=$?
if [ $rc -ne 2 ]; then
    echo "expected exit code 2, got $rc; output:"
    echo "$actual"
    exit 1
fi
if ! diff -u "$expected" <(printf '%s\n' "$actual"); then
    echo "messages differ from $expected"
    exit 1
fi
echo "rejected as expected:"
echo "$actual"
