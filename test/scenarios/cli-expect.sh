# Sourced by the command-line checks: `expect CODE PATTERN -- ARGS...` runs
# "$cli" with ARGS and wants exit code CODE and PATTERN in its output;
# prints ok:/FAIL: and sets status=1 on a failure.
expect() {
    local code=$1 pattern=$2
    shift 3
    local out rc
    out=$("$cli" "$@" 2>&1)
    rc=$?
    if [ "$rc" -ne "$code" ] || ! grep -q -- "$pattern" <<<"$out"; then
        echo "FAIL: ${cli##*/} $* -> exit $rc (want $code), output: $out"
        status=1
    else
        echo "ok:   ${cli##*/} $* -> exit $rc"
    fi
}
