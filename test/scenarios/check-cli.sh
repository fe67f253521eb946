#!/usr/bin/env bash
# Command-line contract of ipvpn-sim: exit codes and messages for the ways a
# user can get the command wrong, and for an output folder it cannot write.
set -u
sim=$1
scenario=$2
status=0
cli=$sim
# shellcheck source=cli-expect.sh
. "$(dirname "$0")/cli-expect.sh"
expect 0 "usage: ipvpn-sim" -- --help
expect 2 "no scenario file given" --
expect 2 "unknown option '--fast'" -- --fast "$scenario"
expect 2 "--seed must be 1 or more" -- --seed 0 "$scenario"
expect 2 "--run needs a whole number" -- --run x "$scenario"
expect 2 "--stop: 'soon' is not a duration" -- --stop soon "$scenario"
expect 2 "one scenario at a time" -- "$scenario" "$scenario"
expect 2 "cannot open the scenario file" -- /nonexistent/scenario.yaml
expect 2 "is after the simulation stop (2s)" -- --validate-only --stop 2s "$scenario"
expect 0 "valid" -- --validate-only "$scenario"
expect 1 "cannot write to the output folder" -- --quiet --out /proc/ipvpn-no-such-dir "$scenario"
exit $status
