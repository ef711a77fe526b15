#!/usr/bin/env bash
# Webhook latency, run by hand (not in CI). See bench/README.md.
#   bench/webhook.sh         40 spaced events, a burst, 10 at once (about 2 minutes)
#   bench/webhook.sh 100     100 spaced events
#   bench/webhook.sh burst [n]   n deliveries (default 5000), each for an issue of its own, while a
#                            run holds the sync lock: answer times, 202/503, RSS (about 1 minute)
#   bench/webhook.sh burst n tasks   the same on a mirror of `tasks` tasks (e.g. 5000 100000), then a
#                            second burst while runs go on: answers over 1 s, RSS, heap, GC pauses
#   bench/webhook.sh mirror [tasks] [events] [label]   events on a mirror of `tasks` tasks (default
#                            100000, 30 events): p50/p95 per event, bytes of state written per event
#   bench/webhook.sh github [events] [deliveries]   the GitHub receiver: `events` spaced events (default 40), a
#                            burst of 5 for one issue, 10 at once, then a burst of `deliveries` (default 5000)
#                            while a run holds the sync lock (about 3 minutes)
# Runs the packaged app (target/quarkus-app/quarkus-run.jar, built here if missing) as its own
# process in long-running mode against the Toggl sandbox and a fake Jira (or GitHub), both in the benchmark's JVM.
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/app-classpath.sh
bench_compile
java -cp "$cp:$classes" WebhookLag "$@"
