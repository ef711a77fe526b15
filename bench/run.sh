#!/usr/bin/env bash
# The benchmark, run by hand (not in CI, not part of ./mvnw verify). See bench/README.md.
#   bench/run.sh                  N = 1,000, 20,000 and 100,000, then start-up (about 24 minutes on 2 cores, 12 of them waits)
#   bench/run.sh 1000             a quick run
# Then it draws bench/calls-per-run.svg and bench/largest-mirror.svg from bench/results.md
# (bench/Charts.java; alone: bench/charts.sh).
# Runs the packaged app (target/quarkus-app/quarkus-run.jar, built here if missing) as a separate
# process against the Toggl sandbox, which runs in the benchmark's own JVM (bench/Bench.java, compiled with its
# parts: BenchData.java, Naive.java, StartupBench.java, BenchReport.java, AppProcess.java).
#
# Lower bound of API calls per run and target project:
#   ceil(N / page) + k_named + sum over shared estimates v of ceil(k_v / batch) + ceil(k_flags / batch)
# (page = the page size the server grants, k_named = renames + re-estimates to a value of their
# own, k_v = re-estimates to the shared value v, k_flags = active flips, batch = PATCH batch size);
# for a first import: 1 GET of the empty snapshot + N POSTs.
# Naive baseline: one GET and one POST (first import) or PUT (reruns) per record.
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/app-classpath.sh

# -Xmx1g for the sandbox holding 100,000 tasks (the app itself gets -Xmx256m). Bench exits 1 if
# a run had a problem: then set -e stops here and the charts stay as they were.
bench_compile
java -Xmx1g -cp "$cp:$classes" Bench "$@"

# The charts from the results.md just written (bench/calls-per-run.svg, bench/largest-mirror.svg).
# Charts.java draws what the results can show: calls-per-run needs two sizes N or more, so a quick
# `bench/run.sh 1000` leaves it as it was; after `bench/run.sh startup` there is nothing to draw.
java -cp "$classes" Charts
