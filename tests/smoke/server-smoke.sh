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
# Outputs are captured before grep: with pipefail, grep -q closing the pipe early would fail the pipeline.
healthy() { local out; out=$(call "$@" -d '{}' "http://127.0.0.1:$port/grpc.health.v1.Health/Check" 2>/dev/null || true); grep -q '"SERVING"' <<<"$out"; }
for _ in $(seq 1 100); do healthy && break; sleep 0.1; done
healthy || { cat "$work/server.log"; exit 1; }

methods=$(call --list-methods "http://127.0.0.1:$port")
grep -q 'imr.v1.GuidelineDecisionService/EvaluateRequest' <<<"$methods"
out=$(call -d @"$root/examples/seed-case.json" "http://127.0.0.1:$port/imr.v1.GuidelineDecisionService/EvaluateRequest")
[ "$(grep -c IMR_OUTCOME_UPHELD <<<"$out")" -eq 2 ] || { echo "expected both seed items upheld:"; echo "$out"; exit 1; }
grep -q '"99"' <<<"$out" && grep -q '"60"' <<<"$out"

# The load tool's open loop ends on schedule: at 1,482 calls/s a 3-second window's last due time rounds a tick inside
# it, which once let one call more through than the pacer had permits for and left a worker waiting forever.
loadtool="$root/tools/ImrGrpc.LoadTest/bin/Debug/net10.0/ImrGrpc.LoadTest.dll"
[ -f "$loadtool" ] || dotnet build "$root/tools/ImrGrpc.LoadTest" -nologo -v q
report=$(timeout 60 dotnet "$loadtool" --target "http://127.0.0.1:$port" --method evaluate --requests "$root/examples/seed-case.json" \
  --rate 1482 --concurrency 16 --connections 1 --warmup 3s --duration 1s --json 2>/dev/null) \
  || { echo "the load tool's open loop did not finish (exit $?)"; exit 1; }
python3 - "$report" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
scheduled = r["calls"] + r["not_started"]
assert r["ok"] == r["calls"] and r["abandoned"] == 0 and 1482 <= scheduled <= 1483, r
PY

# Bad input is INVALID_ARGUMENT naming the field, not a crash.
err=$(call -d '{"requestDate":"2014-07-14","injuryDate":"2009-08-14","clinical":{"phase":"CLINICAL_PHASE_CHRONIC"},"items":[{"itemId":"1","treatment":"physical_therapy","quantity":0}]}' \
  "http://127.0.0.1:$port/imr.v1.GuidelineDecisionService/EvaluateRequest" 2>&1 || true)
grep -q invalid_argument <<<"$err" && grep -q 'items\[0\].quantity' <<<"$err" || { echo "$err"; exit 1; }
[ -f "$work/imr.db" ]
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=

# A corrupt store: one line on stderr, exit code 2, the file left exactly as it was.
printf 'this is not a LiteDB file' > "$work/corrupt.db"
before=$(sha256sum "$work/corrupt.db")
set +e
(cd "$work" && dotnet "$server" --urls "http://127.0.0.1:$port" --Storage:Path="$work/corrupt.db") >"$work/corrupt.out" 2>"$work/corrupt.err"
code=$?
set -e
[ "$code" -eq 2 ] || { echo "corrupt store: exit $code, expected 2"; cat "$work/corrupt.err"; exit 1; }
[ "$(wc -l <"$work/corrupt.err")" -eq 1 ] && grep -q "cannot open guideline store" "$work/corrupt.err" || { cat "$work/corrupt.err"; exit 1; }
[ "$(sha256sum "$work/corrupt.db")" = "$before" ] || { echo "the corrupt store was modified"; exit 1; }

# A real store cut short mid-page (LiteDB would crop it to whole pages on open): refused, and not one byte changes.
head -c 20000 "$work/imr.db" >"$work/cut.db"
before=$(sha256sum "$work/cut.db")
set +e
(cd "$work" && dotnet "$server" --urls "http://127.0.0.1:$port" --Storage:Path="$work/cut.db") >/dev/null 2>"$work/cut.err"
code=$?
set -e
[ "$code" -eq 2 ] && grep -q "not a whole number of 8 KB LiteDB pages" "$work/cut.err" || { echo "cut-short store: exit $code"; cat "$work/cut.err"; exit 1; }
[ "$(sha256sum "$work/cut.db")" = "$before" ] || { echo "the cut-short store was modified"; exit 1; }

# Beyond loopback without TLS and API keys: refused before listening.
set +e
(cd "$work" && dotnet "$server" --urls "http://0.0.0.0:$port" --Storage:Path="$work/imr.db") >/dev/null 2>"$work/open.err"
code=$?
set -e
[ "$code" -eq 2 ] && grep -q "refusing to start" "$work/open.err" || { echo "non-loopback plaintext was not refused (exit $code)"; cat "$work/open.err"; exit 1; }

# With API keys: calls without a key are refused, health probes are not.
(cd "$work" && exec dotnet "$server" --urls "http://127.0.0.1:$port" --Storage:Path="$work/imr.db" --Security:ApiKeys:0=smoke-key) >"$work/keys.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do healthy --schema "$root/protos" && break; sleep 0.1; done
# (reflection needs the key too, so the schema comes from the protos here)
denied=$(call --schema "$root/protos" -d '{}' "http://127.0.0.1:$port/imr.v1.GuidelineDecisionService/ListGuidelineVersions" 2>&1 || true)
grep -q unauthenticated <<<"$denied" || { echo "expected unauthenticated: $denied"; exit 1; }
allowed=$(call --schema "$root/protos" -H "authorization: Bearer smoke-key" -d '{}' "http://127.0.0.1:$port/imr.v1.GuidelineDecisionService/ListGuidelineVersions")
grep -q mtus-2017 <<<"$allowed"
grep -q "Network mode: loopback only" "$work/keys.log"
echo "smoke ok: seeded a store, served reflection, health and the seed case, and the load tool's open loop; refused a corrupt and a cut-short store (both untouched), an open plaintext bind, and keyless calls"
