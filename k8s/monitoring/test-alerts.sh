#!/usr/bin/env bash
# Checks the alert rules with promtool: that they parse, and that each alert fires (and stays
# quiet) as alerts-test.yaml expects, over series shaped like a scraped Deployment and like runs
# pushed to a Pushgateway. Not part of ./mvnw verify, which has no promtool; MonitoringTest and
# ExportedMetricsTest check names, shape and numbers there.
#   k8s/monitoring/test-alerts.sh
# promtool: the prometheus package of your distribution (Debian: apt-get install prometheus) or
# the release archive from https://prometheus.io/download/.
set -euo pipefail
cd "$(dirname "$0")"
command -v promtool >/dev/null || { echo "promtool is not on the PATH (Debian: apt-get install prometheus)" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The PrometheusRule's spec is a plain rule file, two spaces in: its last key, so everything after it.
sed -n '/^spec:/,$p' prometheusrule.yaml | tail -n +2 | sed 's/^  //' > "$tmp/rules.yaml"
cp alerts-test.yaml "$tmp/"
promtool check rules "$tmp/rules.yaml"
promtool test rules "$tmp/alerts-test.yaml"
