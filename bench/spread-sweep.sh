#!/usr/bin/env bash
# The full sweep spread over runs on a 100,000-task mirror at Starter's quota (bench/SpreadSweepBench.java):
#   bench/spread-sweep.sh            N = 100,000 (about 6 minutes on 2 cores)
#   bench/spread-sweep.sh 20000      a quicker run
#   bench/spread-sweep.sh 100000 paced   the sweep at its own pace over a 4 h interval (bench/spread-sweep-paced-results.md)
#   bench/spread-sweep.sh 20000 day [changes per hour]   a simulated day, 288 runs (bench/SimDay.java: bench/sim-day-results.md, bench/sim-day.svg)
# Writes bench/spread-sweep-results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/app-classpath.sh
# The benches use Bench's helpers (and the day Svg's), so they are compiled together (a single-file launch sees one file).
bench_compile
main=SpreadSweepBench
if [ "${2:-}" = day ]; then
  main=SimDay
fi
java -Xmx1g -cp "$cp:$classes" "$main" "$@"
