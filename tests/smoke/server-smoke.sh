#!/usr/bin/env bash
# Starts the built server on a fresh store and calls it the way an operator would (buf curl, grpc reflection).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
buf="$root/node_modules/.bin/buf"
work=$(mktemp -d)
port=${SMOKE_PORT:-5171}
server="$root/src/ImrGrpc.Server/bin/Debug/net10.0/ImrGrpc.Server.dll"
[ -f "$server" ] || dotnet build "$root/src/ImrGrpc.Server" -nologo -v q
cleanup() { [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# From another working directory: settings come from the server's own folder.
(cd "$work" && exec dotnet "$server" --urls "http://127.0.0.1:$port" --Storage:Path="$work/imr.db") >"$work/server.log" 2>&1 &
pid=$!
call() { "$buf" curl --protocol grpc --http2-prior-knowledge "$@"; }
for _ in $(seq 1 100); do
  if call -d '{}' "http://127.0.0.1:$port/grpc.health.v1.Health/Check" 2>/dev/null | grep -q SERVING; then break; fi
  sleep 0.1
done
call -d '{}' "http://127.0.0.1:$port/grpc.health.v1.Health/Check" | grep -q '"SERVING"' || { cat "$work/server.log"; exit 1; }

call --list-methods "http://127.0.0.1:$port" | grep -q 'imr.v1.GuidelineDecisionService/EvaluateRequest'
out=$(call -d @"$root/examples/seed-case.json" "http://127.0.0.1:$port/imr.v1.GuidelineDecisionService/EvaluateRequest")
[ "$(grep -c IMR_OUTCOME_UPHELD <<<"$out")" -eq 2 ] || { echo "expected both seed items upheld:"; echo "$out"; exit 1; }
grep -q '"99"' <<<"$out" && grep -q '"60"' <<<"$out"

# Bad input is INVALID_ARGUMENT naming the field, not a crash.
err=$(call -d '{"requestDate":"2014-07-14","injuryDate":"2009-08-14","clinical":{"phase":"CLINICAL_PHASE_CHRONIC"},"items":[{"itemId":"1","treatment":"physical_therapy","quantity":0}]}' \
  "http://127.0.0.1:$port/imr.v1.GuidelineDecisionService/EvaluateRequest" 2>&1 || true)
grep -q invalid_argument <<<"$err" && grep -q 'items\[0\].quantity' <<<"$err" || { echo "$err"; exit 1; }
[ -f "$work/imr.db" ]
echo "smoke ok: seeded $work/imr.db, served reflection, health and the seed case"
