#!/usr/bin/env bash
# What an event's part of the sync state costs on a state of N tasks, run by hand (not in CI):
#   bench/state-cost.sh [tasks] [reps]   default 100000 tasks, 10 whole reads/writes, 100 appends
# Prints one row of the table in bench/webhook-results.md ("The state's part of an event").
# An incremental run's part, in the long-running process (whole read and write, or one journal line):
#   bench/state-cost.sh [tasks] [reps] run [sweep pages]   default 16 pages of 200 tasks seen for the sweep
# Prints one row of the table in bench/state-run-results.md.
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/app-classpath.sh
exec java -Xmx512m -cp "$cp" bench/StateCost.java "$@"
