#!/usr/bin/env bash
# The full sweep spread over runs on a 100,000-task mirror at Starter's quota (bench/SpreadSweepBench.java):
#   bench/spread-sweep.sh            N = 100,000 (about 6 minutes on 2 cores)
#   bench/spread-sweep.sh 20000      a quicker run
#   bench/spread-sweep.sh 100000 paced   the sweep at its own pace over a 4 h interval (bench/spread-sweep-paced-results.md)
# Writes bench/spread-sweep-results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/app-classpath.sh
# SpreadSweepBench uses Bench's helpers, so both are compiled together (a single-file launch sees one file).
classes=$(mktemp -d)
trap 'rm -rf "$classes"' EXIT
javac -nowarn -d "$classes" -cp "$cp" bench/Bench.java bench/SpreadSweepBench.java
java -Xmx1g -cp "$cp:$classes" SpreadSweepBench "$@"
