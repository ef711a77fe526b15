#!/usr/bin/env bash
# Demo: sync a bundled sample into the embedded Toggl sandbox (an in-memory Toggl API, no account
# needed), then run again to show that a second run over the same file writes nothing.
#   ./demo.sh                      the Jira CSV export sample
#   ./demo.sh samples/generic.csv  any CSV of yours (projects 1001 and 1002 exist in the sandbox)
set -euo pipefail
cd "$(dirname "$0")"
csv="${1:-samples/jira-export.csv}"

echo "== Building (first time: Maven downloads its dependencies, a few minutes)"
./mvnw -q -B package -DskipTests

work="$(mktemp -d)"
export SANDBOX_ENABLED=true
export SANDBOX_STATE_FILE="$work/sandbox-state.json"   # the sandbox's tasks survive between the two runs
export TOGGL_WORKSPACE_ID=1
export TOGGL_PROJECT_ID=1001                            # for rows that name no project
# No TOGGL_PROJECT_MAP: the sandbox starts with these projects, and the Jira projects of the sample find
# theirs by name: ALPHA by its key, BETA (Beta Mobile) as "Beta Mobile (BETA)"
export SANDBOX_PROJECTS="1001=ALPHA,1002=Beta Mobile (BETA)"
export TOGGL_RATE_LIMIT=0                               # the sandbox has no rate limit; the real Toggl does
export CSV_PATH="$csv"
export SYNC_REPORT_FILE="$work/sync-report.json"
export SYNC_DEAD_LETTER_FILE="$work/dead-letter.jsonl"

run() {
  set +e
  java -jar target/quarkus-app/quarkus-run.jar
  code=$?
  set -e
  echo "-- exit code $code; report $SYNC_REPORT_FILE:"
  cat "$SYNC_REPORT_FILE"
  if [ -s "$SYNC_DEAD_LETTER_FILE" ]; then
    echo "-- dead letters ($SYNC_DEAD_LETTER_FILE):"
    cat "$SYNC_DEAD_LETTER_FILE"
  fi
}

echo
echo "== First run: import $csv into the sandbox"
run
echo
echo "== Second run: the same file again; expect 0 writes (only the project list and listing GETs)"
run
echo
echo "Files of this demo: $work"
