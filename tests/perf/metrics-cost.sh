#!/usr/bin/env bash
# What metrics cost a running server: the same Release server with Metrics:Urls unset ("off") and set ("on", scraped
# every second as Prometheus would), and optionally a build of another commit ("before", BEFORE_SERVER=path/to/dll),
# in interleaved rounds so that a busy neighbour hurts every configuration alike. Each run: the repo's load tool,
# closed loop, 64 calls in flight over 2 connections; the server's CPU per call from /proc/PID/stat over the run.
#   tests/perf/metrics-cost.sh                    ROUNDS=5 DURATION=8s by default
#   BEFORE_SERVER=/tmp/base/src/ImrGrpc.Server/bin/Release/net10.0/ImrGrpc.Server.dll tests/perf/metrics-cost.sh
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
rounds=${ROUNDS:-5}; duration=${DURATION:-8s}; port=${PERF_PORT:-17501}
dotnet build "$root/src/ImrGrpc.Server" -c Release -nologo -v q >/dev/null && dotnet build "$root/tools/ImrGrpc.LoadTest" -c Release -nologo -v q >/dev/null || exit 1
server="$root/src/ImrGrpc.Server/bin/Release/net10.0/ImrGrpc.Server.dll"
tool="$root/tools/ImrGrpc.LoadTest/bin/Release/net10.0/ImrGrpc.LoadTest.dll"
modes=(off on); [ -n "${BEFORE_SERVER:-}" ] && modes=(before off on)
for round in $(seq 1 "$rounds"); do
  for mode in "${modes[@]}"; do
    d=$(mktemp -d)
    dll=$server; [ "$mode" = before ] && dll=$BEFORE_SERVER
    args=(--urls "http://127.0.0.1:$port" --Storage:Path="$d/imr.db" --Logging:LogLevel:ImrGrpc.Server.Errors.CallLogMiddleware=Warning)
    [ "$mode" = on ] && args+=(--Metrics:Urls="http://127.0.0.1:$((port + 1))")
    dotnet "$dll" "${args[@]}" >"$d/log" 2>&1 &
    pid=$!
    for _ in $(seq 100); do curl -s -o /dev/null --http2-prior-knowledge "http://127.0.0.1:$port/" && break; sleep 0.1; done
    scraper=
    if [ "$mode" = on ]; then (while kill -0 "$pid" 2>/dev/null; do curl -s -o /dev/null "http://127.0.0.1:$((port + 1))/metrics"; sleep 1; done) & scraper=$!; fi
    for method in health evaluate; do
      extra=(); [ "$method" = evaluate ] && extra=(-f "$root/examples/seed-case.json")
      before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
      report=$(dotnet "$tool" -t "http://127.0.0.1:$port" -m "$method" "${extra[@]}" -c 64 --connections 2 -d "$duration" -w 0 --json 2>/dev/null)
      after=$(awk '{print $14 + $15}' "/proc/$pid/stat")
      /usr/bin/python3 - "$report" "$before" "$after" "$round" "$mode" "$method" <<'PY'
import json, os, sys
d = json.loads(sys.argv[1])
us = (int(sys.argv[3]) - int(sys.argv[2])) * 1e6 / os.sysconf("SC_CLK_TCK") / max(d["calls"], 1)
lat = d["latency_ms"]
print("round %s %-6s %-8s %7d calls/s  p50 %7.2f ms  p99 %7.2f ms  server CPU %6.1f us/call  errors %s"
      % (sys.argv[4], sys.argv[5], sys.argv[6], round(d["throughput_per_s"]), lat["p50"], lat["p99"], us, d["errors"]))
PY
    done
    kill "$pid"; wait "$pid" 2>/dev/null
    [ -n "$scraper" ] && { kill "$scraper" 2>/dev/null; wait "$scraper" 2>/dev/null; }
    rm -rf "$d"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
