#!/usr/bin/env bash
# The worklog series of the benchmark, run by hand (not in CI, not part of ./mvnw verify). See bench/README.md.
#   bench/worklogs.sh             E = 1,000 and 10,000 time entries over 500 mirrored Jira issues (about 4 minutes)
#   bench/worklogs.sh 1000        a quick run; any sizes: bench/worklogs.sh 500 5000
# Runs the packaged app (target/quarkus-app/quarkus-run.jar, built here if missing) as a separate
# process against the Toggl sandbox and the Jira stand-in (src/test's JiraStandIn), both in the
# benchmark's JVM. Appends its "Worklogs" section to bench/results.md; exit code 1 when a check failed.
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/app-classpath.sh
if [ ! -f target/test-classes/io/toggltasksync/testing/JiraStandIn.class ]; then
  echo "== Compiling the test classes for the Jira stand-in (./mvnw -q -B test-compile)" >&2
  ./mvnw -q -B test-compile
fi
# WorklogBench uses Bench's helpers, so they are compiled together (a single-file launch sees one file).
cp="$cp:target/test-classes"
bench_compile bench/WorklogBench.java
java -Xmx1g -cp "$cp:$classes" WorklogBench "$@"
