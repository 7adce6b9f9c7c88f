#!/usr/bin/env bash
# Server CPU and managed bytes allocated per call, and calls/s, under h2load for Health/Check, EvaluateRequest (seed case), ExplainRationale (seed
# case, text) and EvaluateRequest with 100 items, for one server build; run it for two builds alternately to compare
# them (docs/PERFORMANCE.md, issue 16). Needs h2load (Debian nghttp2-client), curl, python3 and npx buf (npm ci).
#   tests/perf/ab-server.sh SERVER_DLL PORT LABEL      # N=40000 calls per method by default
set -euo pipefail
dll=$(realpath "$1"); port=$2; label=$3; n=${N:-40000}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT

# Request bodies as gRPC frames: the seed case's protobuf encoding after a 5-byte header (no compression, length).
frame() { # json-file message-type out
  (cd "$root" && npx --no-install buf convert protos --type "$2" --from "$1#format=json" --to "$3.bin#format=binpb")
  python3 - "$3.bin" "$3" <<'PY'
import struct, sys
body = open(sys.argv[1], "rb").read()
open(sys.argv[2], "wb").write(b"\x00" + struct.pack(">I", len(body)) + body)
PY
}
python3 - "$root/examples/seed-case.json" "$work" <<'PY'
import json, sys
seed = json.load(open(sys.argv[1]))
json.dump({"request": seed, "format": "RATIONALE_FORMAT_TEXT"}, open(f"{sys.argv[2]}/explain.json", "w"))
items = seed["items"]
big = dict(seed, items=[dict(items[i % len(items)], itemId=f"item-{i}") for i in range(100)])
json.dump(big, open(f"{sys.argv[2]}/seed100.json", "w"))
PY
frame "$root/examples/seed-case.json" imr.v1.EvaluateRequestRequest "$work/seed.grpc"
frame "$work/explain.json" imr.v1.ExplainRationaleRequest "$work/explain.grpc"
frame "$work/seed100.json" imr.v1.EvaluateRequestRequest "$work/seed100.grpc"
printf '\x00\x00\x00\x00\x00' >"$work/health.grpc"

metrics="http://127.0.0.1:$((port + 1000))/metrics"
(cd "$work" && exec dotnet "$dll" --urls "http://127.0.0.1:$port" --Storage:Path="$work/imr.db" --Metrics:Urls="${metrics%/metrics}") >"$work/log" 2>&1 &
pid=$!
for _ in $(seq 300); do
  curl -s --max-time 1 --http2-prior-knowledge -H 'content-type: application/grpc' -H 'te: trailers' \
    --data-binary @"$work/health.grpc" "http://127.0.0.1:$port/grpc.health.v1.Health/Check" -o /dev/null && break
  sleep 0.1
done
# h2load counts any HTTP 200 as a success, and a gRPC error travels in the trailers: check each call answers OK first.
grpc_ok() { # body path
  curl -s -o /dev/null -D - --http2-prior-knowledge -H 'content-type: application/grpc' -H 'te: trailers' \
    --data-binary @"$1" "http://127.0.0.1:$port$2" | tr -d '\r' | grep -qx 'grpc-status: 0'
}
for call in "health.grpc /grpc.health.v1.Health/Check" "seed.grpc /imr.v1.GuidelineDecisionService/EvaluateRequest" \
  "explain.grpc /imr.v1.GuidelineDecisionService/ExplainRationale" "seed100.grpc /imr.v1.GuidelineDecisionService/EvaluateRequest"; do
  set -- $call
  grpc_ok "$work/$1" "$2" || { echo "$label: $2 with $1 does not answer grpc-status 0; not measuring it" >&2; exit 1; }
done
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
# Bytes the server's GC heap has handed out so far (the runtime's counter, on the metrics listener).
allocated() { curl -s "$metrics" | awk '/^dotnet_gc_heap_total_allocated_bytes_total/ {print $NF}'; }
h2() { h2load -n "$1" -c 4 -m 32 -d "$2" -H 'content-type: application/grpc' -H 'te: trailers' "http://127.0.0.1:$port$3"; }
# The JIT's tiers settle only after some hundred thousand calls: warm every method before measuring any.
for _ in 1 2; do
  h2 150000 "$work/health.grpc" /grpc.health.v1.Health/Check >/dev/null 2>&1
  h2 60000 "$work/seed.grpc" /imr.v1.GuidelineDecisionService/EvaluateRequest >/dev/null 2>&1
  h2 30000 "$work/explain.grpc" /imr.v1.GuidelineDecisionService/ExplainRationale >/dev/null 2>&1
  h2 2000 "$work/seed100.grpc" /imr.v1.GuidelineDecisionService/EvaluateRequest >/dev/null 2>&1
done
one() { # name body path calls
  local c0 c1 a0 a1 out rps ok
  a0=$(allocated)
  c0=$(ticks)
  out=$(h2 "$4" "$2" "$3" 2>&1)
  c1=$(ticks)
  a1=$(allocated)
  rps=$(echo "$out" | grep -o 'finished in [^,]*, [0-9.]* req/s' | grep -o '[0-9.]* req/s' | cut -d' ' -f1)
  ok=$(echo "$out" | grep -o '[0-9]* succeeded' | cut -d' ' -f1)
  printf '%s %-10s %9s req/s  server CPU %7.1f us/call  %8.0f B/call  (%s of %s ok)\n' "$label" "$1" "$rps" \
    "$(echo "($c1 - $c0) * 1000000 / $(getconf CLK_TCK) / $4" | bc -l)" "$(echo "($a1 - $a0) / $4" | bc -l)" "$ok" "$4"
}
one health "$work/health.grpc" /grpc.health.v1.Health/Check "$n"
one evaluate "$work/seed.grpc" /imr.v1.GuidelineDecisionService/EvaluateRequest "$n"
one explain "$work/explain.grpc" /imr.v1.GuidelineDecisionService/ExplainRationale "$n"
one eval100 "$work/seed100.grpc" /imr.v1.GuidelineDecisionService/EvaluateRequest $((n / 20))
