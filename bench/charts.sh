#!/usr/bin/env bash
# Draws bench/calls-per-run.svg and bench/largest-mirror.svg from the main table of bench/results.md
# (bench/Charts.java with bench/Svg.java: plain JDK, no app needed). See bench/README.md, "Charts".
#   bench/charts.sh                              bench/results.md, the charts beside it
#   bench/charts.sh some/results.md out/dir      another results file, another output directory
# bench/run.sh draws them after a benchmark. Exit code 1 if the measured reads disagree with the model.
set -euo pipefail
classes=$(mktemp -d)
trap 'rm -rf "$classes"' EXIT
javac -nowarn -d "$classes" "$(dirname "$0")/Charts.java" "$(dirname "$0")/Svg.java"
java -cp "$classes" Charts "$@"
