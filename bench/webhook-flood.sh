#!/usr/bin/env bash
# Webhook flood, run by hand (not in CI). See bench/README.md.
#   bench/webhook-flood.sh                 500 connections of ~1 MB with a wrong signature, held 20 s
#   bench/webhook-flood.sh 120 1000000 30  connections, body bytes, seconds held
# Runs the packaged app (target/quarkus-app/quarkus-run.jar, built here if missing) as its own
# process (-Xmx256m; BENCH_APP_JAVA_OPTS replaces the JVM options) in webhook mode. Writes
# bench/webhook-flood-results.md; exit code 1 when a check failed.
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/app-classpath.sh
bench_compile
java -cp "$cp:$classes" WebhookFlood "$@"
