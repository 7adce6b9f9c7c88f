#!/usr/bin/env bash
# The reliability run behind docs/RELIABILITY.md (not part of CI: about 15 minutes with the default 10-minute soak).
#   tests/reliability/run.sh            # everything
#   SOAK_MINUTES=2 tests/reliability/run.sh
# Prints each measurement with the command that produced it; exits non-zero if any check fails.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
minutes=${SOAK_MINUTES:-10}
port=${RELIABILITY_PORT:-5191}
work=$(mktemp -d)
server_pid=
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
say() { printf '\n## %s\n' "$*"; }
fail() { echo "FAILED: $*"; exit 1; }

say "machine"
echo "$(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr), dotnet $(dotnet --version)"

say "build (Release)"
dotnet build src/ImrGrpc.Server -c Release -nologo -v q
dotnet build tui/ImrGrpc.Admin -c Release -nologo -v q
dotnet build tools/ImrGrpc.LoadTest -c Release -nologo -v q
server="$root/src/ImrGrpc.Server/bin/Release/net10.0/ImrGrpc.Server.dll"
admin() { dotnet "$root/tui/ImrGrpc.Admin/bin/Release/net10.0/ImrGrpc.Admin.dll" --db "$work/imr.db" --user soak "$@"; }
load() { "$root/tools/ImrGrpc.LoadTest/bin/Release/net10.0/ImrGrpc.LoadTest" --target "http://127.0.0.1:$port" "$@"; }

say "kill -9 harnesses, 50 runs each (dotnet test with IMR_KILL_ITERATIONS=50)"
IMR_KILL_ITERATIONS=50 dotnet test tests/ImrGrpc.Admin.Tests --filter "FullyQualifiedName~CrashSafetyTests" --logger "console;verbosity=detailed" 2>&1 \
  | grep -E "runs over|Passed!|Failed!" || fail "admin kill harness"
IMR_KILL_ITERATIONS=50 dotnet test tests/ImrGrpc.Server.Tests --filter "FullyQualifiedName~ServerCrashTests" --logger "console;verbosity=detailed" 2>&1 \
  | grep -E "kills over|Passed!|Failed!" || fail "server kill harness"

say "bad input: the malformed corpus and the fuzzer (dotnet test)"
dotnet test tests/ImrGrpc.Server.Tests --filter "FullyQualifiedName~RobustnessTests" --logger "console;verbosity=detailed" 2>&1 \
  | grep -E "^ *[0-9]+: [0-9]+|Passed!|Failed!" || fail "robustness tests"

say "server"
(cd "$work" && exec dotnet "$server" --urls "http://127.0.0.1:$port" --Storage:Path="$work/imr.db" --Storage:ReloadIntervalMs=250) >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 100); do grep -q "Now listening" "$work/server.log" && break; sleep 0.1; done
grep -q "Now listening" "$work/server.log" || { cat "$work/server.log"; fail "server did not start"; }
grep -E "Serving|Network mode" "$work/server.log" | sed 's/^/  /'
rss() { awk '/VmRSS/{print int($2/1024)}' "/proc/$server_pid/status"; }

say "connection flood: h2load -c 1000 -n 100000 -m 1 (health), then normal calls"
printf '\x00\x00\x00\x00\x00' >"$work/health.grpc"
h2load -c 1000 -n 100000 -m 1 -t 2 -d "$work/health.grpc" -H 'content-type: application/grpc' -H 'te: trailers' \
  "http://127.0.0.1:$port/grpc.health.v1.Health/Check" 2>&1 | grep -E "finished in|requests:|status codes" | sed 's/^/  /'
after=$(load --method health --total 2000 --concurrency 8 --json)
echo "  after the flood: $(python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print(r["ok"], "ok,", r["errors"] or "no", "errors")' "$after")"
[ "$(python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print(r["ok"])' "$after")" = 2000 ] || fail "calls failed after the flood"
echo "  server RSS after the flood: $(rss) MB"

say "peak (closed loop, 15 s, concurrency 64, 2 connections)"
peak=$(load --method evaluate --requests examples/seed-case.json --concurrency 64 --connections 2 --duration 15s --warmup 5s --json)
rate=$(python3 -c 'import json,sys; print(int(json.loads(sys.argv[1])["throughput_per_s"]/2))' "$peak")
echo "  peak $(python3 -c 'import json,sys; r=json.loads(sys.argv[1]); print(round(r["throughput_per_s"]), "calls/s, p99", r["latency_ms"]["p99"], "ms")' "$peak"); soak rate $rate calls/s"

say "soak: $rate calls/s (half of peak) for $minutes min, a publish every minute, RSS sampled every 10 s"
load --method evaluate --requests examples/seed-case.json --rate "$rate" --concurrency 256 --connections 2 --duration "${minutes}m" --warmup 0s --json >"$work/soak.json" 2>"$work/soak.err" &
load_pid=$!
start=$(date +%s)
publishes=0
echo "seconds,rss_mb" >"$work/rss.csv"
max=10
while kill -0 "$load_pid" 2>/dev/null; do
  now=$(( $(date +%s) - start ))
  echo "$now,$(rss)" >>"$work/rss.csv"
  if [ $((now / 60)) -gt "$publishes" ] && [ "$now" -lt $((minutes * 60)) ]; then
    max=$(( max == 10 ? 12 : 10 ))
    current=$(admin versions --json | python3 -c 'import json,sys; print([v["id"] for v in json.load(sys.stdin) if v["in_force_today"]][0])')
    draft=$(admin draft "$current" --label "soak $publishes" | tail -1)
    admin set-limit "$draft" cpmtg-pm-myalgia --max-visits "$max" >/dev/null
    admin publish "$draft" --effective-from "$(date -u +%F)" >/dev/null
    publishes=$((publishes + 1))
    echo "  t=${now}s published $draft (myalgia PT max $max) over $current"
  fi
  sleep 10
done
wait "$load_pid" || true
python3 - "$work/soak.json" "$work/rss.csv" "$publishes" <<'PY' || fail "the soak had failed calls"
import json, sys, csv
r = json.load(open(sys.argv[1]))
rows = [(int(a), int(b)) for a, b in list(csv.reader(open(sys.argv[2])))[1:] if b]
rss = [b for _, b in rows]
first, last = rss[0], rss[-1]
half = rss[len(rss)//2:]
print(f"  calls {r['calls']}, ok {r['ok']}, errors {r['errors'] or 0}, late starts {r['late_starts']}, not started {r['not_started']}")
print(f"  latency ms: p50 {r['latency_ms']['p50']}, p99 {r['latency_ms']['p99']}, p99.9 {r['latency_ms']['p999']}, max {r['latency_ms']['max']}")
print(f"  publishes {sys.argv[3]}; RSS MB first {first}, min {min(rss)}, max {max(rss)}, last {last}; second half {min(half)}..{max(half)}")
ok = r["ok"] == r["calls"] and not r["errors"]
sys.exit(0 if ok else 1)
PY

grep -c "picked up" "$work/server.log" | sed 's/^/  reloads logged: /'
echo
echo "reliability run passed"
