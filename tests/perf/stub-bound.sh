#!/usr/bin/env bash
# What EvaluateRequest could reach if deciding, the decision id and writing the response cost nothing (issue 16, bars 1
# and 2): builds this checkout's server and a scratch copy with stub-bound.patch applied, in which EvaluateRequest
# answers the bytes the real path gave the first request with as many items (so the call still pays for the transport,
# the request's read and map, and the call log), then runs ab-server.sh on the two builds alternately:
# real, stub, stub, real, ROUNDS times. Needs what ab-server.sh needs.
#   tests/perf/stub-bound.sh [ROUNDS]      # N=60000 calls per method by default, as ab-server.sh takes it
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
rounds=${1:-1}
work=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$work/stub" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

git -C "$root" worktree add --detach "$work/stub" HEAD -q
if ! git -C "$work/stub" apply "$root/tests/perf/stub-bound.patch"; then
  echo "stub-bound.patch no longer applies to GuidelineDecisionService: bring it up to date first" >&2
  exit 1
fi
dotnet build "$root/src/ImrGrpc.Server" -c Release -v q -nologo >/dev/null
dotnet build "$work/stub/src/ImrGrpc.Server" -c Release -v q -nologo >/dev/null
real=$root/src/ImrGrpc.Server/bin/Release/net10.0/ImrGrpc.Server.dll
stub=$work/stub/src/ImrGrpc.Server/bin/Release/net10.0/ImrGrpc.Server.dll

for _ in $(seq "$rounds"); do
  for build in real stub stub real; do
    dll=$real; [ "$build" = stub ] && dll=$stub
    N=${N:-60000} "$root/tests/perf/ab-server.sh" "$dll" 5810 "$build" | grep -E ' (health|evaluate|eval100) '
  done
done | tee "$work/runs"
# Per run: EvaluateRequest's calls/s over the health check's, and the server's CPU per item at 100 items.
awk '$2 == "health" {h = $3; hc = $7} $2 == "evaluate" {r = $3; ec = $7}
     $2 == "eval100" {printf "%s: EvaluateRequest / Health %.0f%%, %.1f us more server CPU per call; 100 items: %.2f us per item\n",
                      $1, 100 * r / h, ec - hc, $7 / 100}' "$work/runs"
