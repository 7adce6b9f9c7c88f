#!/usr/bin/env bash
# Reload cost against history: a published directory with N versions (default 500), the Release server reading it.
# Prints start-up to SERVING (three starts), then for each of K one-version publishes the time from the manifest's
# rename to the server's "picked up" line, and the server's RSS after each reload.
#   tests/reliability/published-history.sh [N] [K]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
versions=${1:-500}
publishes=${2:-20}
port=${HISTORY_PORT:-5197}
work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
dotnet build "$root/src/ImrGrpc.Server" -c Release -nologo -v q >/dev/null
dotnet build "$root/tui/ImrGrpc.Admin" -nologo -v q >/dev/null
server="$root/src/ImrGrpc.Server/bin/Release/net10.0/ImrGrpc.Server.dll"
dotnet "$root/tui/ImrGrpc.Admin/bin/Debug/net10.0/ImrGrpc.Admin.dll" --db "$work/imr.db" versions >/dev/null
pub="$work/imr.published"

# N monthly versions after the seed ones, each with its own content (one rule's reason text differs, so every
# content file is distinct and the server must verify and compile every one).
python3 - "$pub" "$versions" <<'PY'
import datetime, hashlib, json, os, sys
d, n = sys.argv[1], int(sys.argv[2])
m = json.load(open(os.path.join(d, "manifest.json")))
last = m["versions"][-1]
base = open(os.path.join(d, last["content_hash"] + ".json"), "rb").read()
start = datetime.date(2018, 1, 1)
last["effective_to"] = (start - datetime.timedelta(days=1)).isoformat()
def month(i): return datetime.date(start.year + (start.month - 1 + i) // 12, (start.month - 1 + i) % 12 + 1, 1)
for i in range(n - len(m["versions"])):
    content = base.replace(b'"rules":[', b'"rules":[', 1)
    doc = json.loads(content); doc["rules"][0]["notes"] = f"history version {i}"
    body = json.dumps(doc, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()
    h = hashlib.sha256(body).hexdigest()
    open(os.path.join(d, h + ".json"), "wb").write(body)
    v = {"id": f"hist-{i:04d}", "label": f"history {i}", "content_hash": h, "effective_from": month(i).isoformat(), "effective_to": (month(i + 1) - datetime.timedelta(days=1)).isoformat()}
    m["versions"].append(v)
del m["versions"][-1]["effective_to"]
m["revision"] += 1
open(os.path.join(d, "manifest.json"), "w").write(json.dumps(m, indent=1, sort_keys=True) + "\n")
PY
count=$(grep -c '"content_hash"' "$pub/manifest.json")
start() { (cd "$work" && exec dotnet "$server" --urls "http://127.0.0.1:$port" --Bundles:Source="$pub" --Bundles:ReloadIntervalMs=1000) >"$work/server.log" 2>&1 & pid=$!; }
printf '\x00\x00\x00\x00\x00' >"$work/health.grpc"
serving() { [ "$(curl -s --max-time 1 --http2-prior-knowledge -H 'content-type: application/grpc' -H 'te: trailers' \
  --data-binary @"$work/health.grpc" "http://127.0.0.1:$port/grpc.health.v1.Health/Check" | od -An -tx1 | tr -d ' \n')" = 00000000020801 ]; }
wait_serving() { for _ in $(seq 1 2000); do serving && return 0; sleep 0.005; done; cat "$work/server.log"; return 1; }
starts=(); listening=()
for _ in 1 2 3; do
  [ -n "$pid" ] && { kill "$pid"; wait "$pid" 2>/dev/null || true; }
  t0=$(date +%s%N); start; wait_serving; t1=$(date +%s%N)
  starts+=($(( (t1 - t0) / 1000000 )))
  at=$(date -d "$(grep 'Now listening' "$work/server.log" | cut -d' ' -f1)" +%s%3N)
  listening+=($(( at - t0 / 1000000 )))
done
echo "versions: $count published; process start to listening (ms): ${listening[*]}; to the first SERVING answer (ms, curl polling): ${starts[*]}"
grep -o 'loaded in [0-9]* ms' "$work/server.log" | sed 's/^/  server: /'
rss() { awk '/VmRSS/{print int($2/1024)}' "/proc/$pid/status"; }
echo "publish -> served (ms from the manifest rename to the server's picked-up line), server work, RSS MB:"
for k in $(seq 1 "$publishes"); do
  python3 - "$pub" "$k" "$work/manifest.next" <<'PY'
import datetime, hashlib, json, os, sys
d, k, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
m = json.load(open(os.path.join(d, "manifest.json")))
last = m["versions"][-1]
doc = json.loads(open(os.path.join(d, last["content_hash"] + ".json"), "rb").read())
doc["rules"][0]["notes"] = f"publish {k}"
body = json.dumps(doc, separators=(",", ":"), sort_keys=True, ensure_ascii=False).encode()
h = hashlib.sha256(body).hexdigest()
open(os.path.join(d, h + ".json"), "wb").write(body)
f = datetime.date.fromisoformat(last["effective_from"]) + datetime.timedelta(days=1)
last["effective_to"] = (f - datetime.timedelta(days=1)).isoformat() if f > datetime.date.fromisoformat(last["effective_from"]) else None
m["versions"].append({"id": f"pub-{k:03d}", "label": f"publish {k}", "content_hash": h, "effective_from": f.isoformat()})
m["revision"] += 1
open(out, "w").write(json.dumps(m, indent=1, sort_keys=True) + "\n")
PY
  before=$(grep -c 'picked up' "$work/server.log" || true)
  t0=$(date +%s%3N); mv "$work/manifest.next" "$pub/manifest.json"
  for _ in $(seq 1 2000); do [ "$(grep -c 'picked up' "$work/server.log" || true)" -gt "$before" ] && break; sleep 0.002; done
  line=$(grep 'picked up' "$work/server.log" | tail -1)
  at=$(date -d "$(cut -d' ' -f1 <<<"$line")" +%s%3N)
  echo "  publish $k: $((at - t0)) ms, $(grep -o 'after [0-9]* ms' <<<"$line"), RSS $(rss)"
done
