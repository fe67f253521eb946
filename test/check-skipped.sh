#!/usr/bin/env bash
# Passes when COMMAND reports a skip the way ctest reads one: exit code 77,
# and a "SKIP <reason>" line matching REASON (an extended regex).
# Usage: check-skipped.sh REASON COMMAND [ARGS...]
set -u
reason=$1
shift
out=$("$@" 2>&1)
rc=$?
printf '%s\n' "$out"
if [ $rc -ne 77 ]; then
    echo "check-skipped: expected exit code 77 (skipped), got $rc"
    exit 1
fi
if ! printf '%s\n' "$out" | grep -Eq "^SKIP .*$reason"; then
    echo "check-skipped: exit code 77 but no 'SKIP' line matching: $reason"
    exit 1
fi
echo "check-skipped: reported as skipped, as it should be"
