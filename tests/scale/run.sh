#!/usr/bin/env bash
# Scale-out on loopback, the way a claims platform runs the service: three replicas behind an L7 gRPC balancer
# (HAProxy), all reading their bundles from one static web server (nginx serving the editors' published directory:
# the URL form of Bundles:Source), scraped by a real Prometheus. Under load from the repo's load tool it checks that
#   - Prometheus counts exactly the EvaluateRequest calls the load tool made through the balancer,
#   - a publish from the admin CLI is served by every replica within 1 s (measured per replica and printed), with no
#     failed call during the swap,
#   - the same request gets the same decision_id (and content hash) from every replica,
#   - killing one replica with kill -9 mid-run costs at most the calls in flight on it, and the balancer routes around it.
# Exits non-zero on any failed check; kills everything it started. Installs nothing: .ci/run installs haproxy, nginx
# and prometheus (Debian packages), python3-grpcio, and builds the solution first.
set -uo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
config=${SCALE_CONFIGURATION:-Debug}
server="$root/src/ImrGrpc.Server/bin/$config/net10.0/ImrGrpc.Server.dll"
admin_dll="$root/tui/ImrGrpc.Admin/bin/$config/net10.0/ImrGrpc.Admin.dll"
load_dll="$root/tools/ImrGrpc.LoadTest/bin/$config/net10.0/ImrGrpc.LoadTest.dll"
buf="$root/node_modules/.bin/buf"
py=/usr/bin/python3
base=${SCALE_PORT:-17300}
lb_port=$base; static_port=$((base + 1)); prom_port=$((base + 2))
grpc_port() { echo $((base + 10 + $1)); }
metrics_port() { echo $((base + 20 + $1)); }
replicas=(1 2 3)
w=$(mktemp -d /tmp/imr-scale.XXXXXX)
passed=0; failed=0
declare -A pid
cleanup() {
  for name in "${!pid[@]}"; do kill "${pid[$name]}" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$w"
}
trap cleanup EXIT
ok() { passed=$((passed + 1)); echo "PASS $*"; }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
check() { local name=$1; shift; if "$@"; then ok "$name"; else bad "$name"; fi; }
die() { echo "FAIL $*"; for f in "$w"/*.log; do [ -f "$f" ] && { echo "--- $f"; tail -5 "$f"; }; done; exit 1; }
# Polls a condition until it holds or $1 seconds pass: every process here reacts on its own schedule.
within() { local seconds=$1 i; shift; for i in $(seq 1 $((seconds * 20))); do "$@" && return 0; sleep 0.05; done; return 1; }
admin() { dotnet "$admin_dll" --db "$w/imr.db" --user scale "$@"; }
health() { local out; out=$("$buf" curl --protocol grpc --http2-prior-knowledge -d '{}' "http://127.0.0.1:$1/grpc.health.v1.Health/Check" 2>/dev/null) || return 1; grep -q '"SERVING"' <<<"$out"; }
prom() { # the value of a PromQL query with one result, -1 when there is none (or Prometheus is not up yet)
  curl -sf "http://127.0.0.1:$prom_port/api/v1/query" --data-urlencode "query=$1" | "$py" -c '
import json, sys
try: r = json.load(sys.stdin)["data"]["result"]
except ValueError: r = []
print(int(float(r[0]["value"][1])) if r else -1)'
}
replica_evaluations() { curl -sf "http://127.0.0.1:$(metrics_port "$1")/metrics" | awk '/^imr_rpc_server_calls_total\{.*rpc_method="EvaluateRequest"/ { s += $NF } END { print s + 0 }'; }
haproxy_stat() { # server field: the named column of HAProxy's own view of a replica
  "$py" - "$w/haproxy.sock" "r$1" "$2" <<'PY'
import socket, sys
s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); s.sendall(b"show stat\n")
data = b""
while chunk := s.recv(65536): data += chunk
lines = data.decode().splitlines(); head = lines[0].lstrip("# ").split(",")
for line in lines[1:]:
    cols = line.split(",")
    if len(cols) > 1 and cols[1] == sys.argv[2]: print(cols[head.index(sys.argv[3])])
PY
}
load() { dotnet "$load_dll" --target "http://127.0.0.1:$lb_port" --method evaluate --requests "$root/examples/seed-case.json" --warmup 0 --json "$@"; }
json_field() { "$py" -c 'import json,sys; d=json.load(open(sys.argv[1])); v=eval(sys.argv[2], {}, {"d": d}); print(v)' "$@"; }

for f in "$server" "$admin_dll" "$load_dll" "$buf"; do [ -e "$f" ] || { echo "missing $f: build first (dotnet build ImrGrpc.sln; npm ci)"; exit 2; }; done
for tool in haproxy nginx prometheus curl; do command -v "$tool" >/dev/null || { echo "missing $tool: .ci/run installs it"; exit 2; }; done
"$py" -c 'import grpc' 2>/dev/null || { echo "missing python3-grpcio: .ci/run installs it"; exit 2; }

echo "== the editors' store and its published directory, served as static files by nginx"
admin versions >/dev/null || die "admin could not create the store"
pub="$w/imr.published"
mkdir -p "$w/nginx"
# Workers run as whoever runs this (root in CI): the published files are private to their owner (0600).
user_line=""; [ "$(id -u)" -eq 0 ] && user_line="user root;"
cat >"$w/nginx.conf" <<EOF
$user_line
daemon off;
worker_processes 1;
pid $w/nginx/nginx.pid;
error_log $w/nginx/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $w/nginx/body; proxy_temp_path $w/nginx/proxy; fastcgi_temp_path $w/nginx/fastcgi;
  uwsgi_temp_path $w/nginx/uwsgi; scgi_temp_path $w/nginx/scgi;
  types { application/json json; }
  server {
    listen 127.0.0.1:$static_port;
    # The published directory as it is, rewritten in place by every publish: nginx answers If-None-Match with 304.
    location /imr/ { alias $pub/; etag on; }
  }
}
EOF
nginx -p "$w/nginx" -c "$w/nginx.conf" >"$w/nginx.log" 2>&1 &
pid[nginx]=$!
within 10 curl -sf -o /dev/null "http://127.0.0.1:$static_port/imr/manifest.json" || die "nginx did not serve the manifest"
etag=$(curl -sfI "http://127.0.0.1:$static_port/imr/manifest.json" | tr -d '\r' | sed -n 's/^[Ee][Tt]ag: //p')
code=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "http://127.0.0.1:$static_port/imr/manifest.json")
check "nginx answers an unchanged manifest with 304 (ETag $etag)" test "$code" = 304

echo "== three replicas reading http://127.0.0.1:$static_port/imr/"
for i in "${replicas[@]}"; do
  (cd "$w" && exec dotnet "$server" --urls "http://127.0.0.1:$(grpc_port "$i")" --Bundles:Source="http://127.0.0.1:$static_port/imr/" \
    --Metrics:Urls="http://127.0.0.1:$(metrics_port "$i")" --Logging:LogLevel:ImrGrpc.Server.Errors.CallLogMiddleware=Warning) >"$w/r$i.log" 2>&1 &
  pid[r$i]=$!
done
for i in "${replicas[@]}"; do within 60 health "$(grpc_port "$i")" || die "replica $i never answered SERVING"; done
ok "three replicas SERVING from the URL source"

# HAProxy 2.6, not Debian's nginx, as the balancer: OSS nginx's grpc_pass has only passive health checks (a replica
# is taken out after calls to it have failed), while HAProxy checks each replica actively, between calls, and
# balances every HTTP/2 stream (every gRPC call) on its own. HAProxy has no gRPC health check built in, so the check
# speaks HTTP/2 itself: the client preface, an empty SETTINGS frame, a HEADERS frame for
# POST /grpc.health.v1.Health/Check (HPACK literals, no Huffman) and a DATA frame holding the empty
# HealthCheckRequest (service "" = the whole server), then expects the answer's DATA frame to carry status SERVING
# (message 08 01 after its 5-byte gRPC prefix). A replica NOT_SERVING, hung or dead is out within one check.
# Store health ("store") is not checked on purpose: a replica whose bundle source is down keeps serving its last
# good library, and taking every replica out for that would turn a source outage into a service outage.
health_check_hex=$("$py" - <<'PY'
h = lambda s: s.encode().hex()
path = "/grpc.health.v1.Health/Check"
block = ("83" "86" "04" + "%02x" % len(path) + h(path) + "01" + "%02x" % 9 + h("localhost")
         + "0f10" + "%02x" % 16 + h("application/grpc") + "00" "02" + h("te") + "08" + h("trailers"))
print(h("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n") + "000000" "04" "00" "00000000"
      + "%06x" % (len(block) // 2) + "01" "04" "00000001" + block
      + "000005" "00" "01" "00000001" "0000000000")
PY
)
max_per_replica=16
{
  cat <<EOF
global
  stats socket $w/haproxy.sock level admin
  log stderr format short local0 notice
defaults
  mode http
  log global
  timeout connect 500ms
  timeout client 30s
  timeout server 30s
  timeout check 500ms
  # Every RPC of this service is read-only and deterministic, so a call whose replica refused or dropped the
  # connection before answering may be sent again, to another replica (redispatch).
  retries 2
  option redispatch 1
  retry-on conn-failure empty-response
frontend grpc
  bind 127.0.0.1:$lb_port proto h2
  default_backend replicas
backend replicas
  balance leastconn
  option tcp-check
  tcp-check connect
  tcp-check send-binary $health_check_hex
  tcp-check expect binary 00000000020801
EOF
  # maxconn: at most this many calls in flight on one replica (more wait in HAProxy's queue): the bound the kill check holds the failures to.
  for i in "${replicas[@]}"; do echo "  server r$i 127.0.0.1:$(grpc_port "$i") proto h2 maxconn $max_per_replica check inter 250ms fall 1 rise 2"; done
} >"$w/haproxy.cfg"
haproxy -c -q -f "$w/haproxy.cfg" || die "haproxy rejected its configuration"
haproxy -db -f "$w/haproxy.cfg" >"$w/haproxy.log" 2>&1 &
pid[haproxy]=$!
all_up() { local i; for i in "${replicas[@]}"; do [ "$(haproxy_stat "$i" status 2>/dev/null)" = UP ] || return 1; done; }
within 20 all_up || die "HAProxy's gRPC health check never marked every replica UP"
ok "HAProxy's active gRPC health check (SERVING expected) marks all three replicas UP"
check "a call through the balancer is answered" health "$lb_port"

cat >"$w/prometheus.yml" <<EOF
global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: imrgrpc
    static_configs:
      - targets: [$(for i in "${replicas[@]}"; do printf "'127.0.0.1:%s'," "$(metrics_port "$i")"; done | sed 's/,$//')]
EOF
prometheus --config.file="$w/prometheus.yml" --storage.tsdb.path="$w/prom" --web.listen-address="127.0.0.1:$prom_port" \
  --log.level=warn >"$w/prometheus.log" 2>&1 &
pid[prometheus]=$!
targets_up() { [ "$(prom 'count(up{job="imrgrpc"} == 1)')" = 3 ]; }
within 30 targets_up || die "Prometheus never scraped all three replicas"
ok "Prometheus scrapes all three metrics endpoints"

echo "== Prometheus counts exactly the calls made through the balancer"
load --total 3000 --concurrency 16 --connections 2 >"$w/load-count.json" 2>"$w/load-count.log" || die "load tool failed: $(cat "$w/load-count.log")"
made=$(json_field "$w/load-count.json" 'd["calls"]'); okcalls=$(json_field "$w/load-count.json" 'd["ok"]')
echo "load tool: $made EvaluateRequest calls through the balancer, $okcalls OK, $(json_field "$w/load-count.json" 'round(d["throughput_per_s"])') calls/s"
query='sum(imr_rpc_server_calls_total{rpc_method="EvaluateRequest"})'
counted() { [ "$(prom "$query")" = "$made" ]; }
within 30 counted
got=$(prom "$query")
echo "Prometheus: $query = $got"
check "Prometheus's count of EvaluateRequest calls equals the $made calls made" test "$got" = "$made"
for i in "${replicas[@]}"; do
  n=$(prom "sum(imr_rpc_server_calls_total{rpc_method=\"EvaluateRequest\",instance=\"127.0.0.1:$(metrics_port "$i")\"})")
  echo "  replica $i served $n of them"
  check "replica $i took part in the load" test "$n" -gt 0
done

echo "== publish under load: every replica serves the new content hash within 1 s"
load --duration 15s --rate 1000 --concurrency 32 --connections 2 >"$w/load-publish.json" 2>"$w/load-publish.log" &
pid[load]=$!
targets=(); for i in "${replicas[@]}"; do targets+=("127.0.0.1:$(grpc_port "$i")"); done
"$py" "$root/tests/scale/serve_times.py" "$pub/manifest.json" 1 "${targets[@]}" >"$w/serve-times.json" &
pid[poller]=$!
total_evaluations() { local i n=0; for i in "${replicas[@]}"; do n=$((n + $(replica_evaluations "$i"))); done; echo $n; }
start=$(total_evaluations)
load_running() { [ "$(total_evaluations)" -gt $((start + 200)) ]; }
within 20 load_running || die "the load never reached the replicas"
d=$(admin draft mtus-2017 --label "scale: PT myalgia 12" | tail -1)
admin set-limit "$d" cpmtg-pm-myalgia --max-visits 12 >/dev/null || die "set-limit failed"
today=$(date -u +%F)
admin publish "$d" --effective-from "$today" >/dev/null || die "publish failed"
wait "${pid[poller]}"; unset 'pid[poller]'
new_hash=$(json_field "$w/serve-times.json" 'd["hash"]')
echo "published $d from $today: content hash $new_hash"
for i in "${replicas[@]}"; do
  t=$(json_field "$w/serve-times.json" "d['seconds']['127.0.0.1:$(grpc_port "$i")']")
  echo "  replica $i serves it ${t} s after the new manifest appeared in the published directory"
  check "replica $i serves the new version within 1 s" "$py" -c "import sys; sys.exit(0 if '$t' != 'None' and float('$t') <= 1.0 else 1)"
done
wait "${pid[load]}"; unset 'pid[load]'
errors=$(json_field "$w/load-publish.json" 'sum(d["errors"].values())')
echo "load during the publish: $(json_field "$w/load-publish.json" 'd["calls"]') calls at 1000/s, errors $(json_field "$w/load-publish.json" 'd["errors"]')"
check "no call failed while the replicas swapped versions" test "$errors" = 0

echo "== the same request gets the same decision from every replica"
"$py" - "$root/tests/data/reviewer-cases.json" "$today" >"$w/today-case.json" <<'PY'
import json, sys
cases = json.load(open(sys.argv[1]))
case = next(c for c in (cases if isinstance(cases, list) else cases["cases"]) if c["name"] == "current-myalgia-pt-at-ceiling")["request"]
case["requestDate"] = sys.argv[2]
print(json.dumps(case))
PY
answers=()
for i in "${replicas[@]}"; do
  out=$("$buf" curl --protocol grpc --http2-prior-knowledge -d @"$w/today-case.json" \
    "http://127.0.0.1:$(grpc_port "$i")/imr.v1.GuidelineDecisionService/EvaluateRequest") || die "replica $i refused the case: $out"
  line=$("$py" -c 'import json,sys; r=json.load(sys.stdin); print(r["decisionId"], r["guidelineVersion"]["contentHash"], r["decisions"][0]["determination"])' <<<"$out")
  echo "  replica $i: decision_id content_hash determination = $line"
  answers+=("$line")
done
check "every replica gives the same decision_id under the same content hash" test "$(printf '%s\n' "${answers[@]}" | sort -u | wc -l)" = 1
check "the decision is made under the newly published content" test "$(cut -d' ' -f2 <<<"${answers[0]}")" = "$new_hash"

echo "== kill -9 one replica mid-run: at most its calls in flight fail, the balancer routes around it"
victim=2
before=$(replica_evaluations $victim)
load --duration 12s --concurrency 24 --connections 2 >"$w/load-kill.json" 2>"$w/load-kill.log" &
pid[load]=$!
busy() { [ "$(replica_evaluations $victim)" -ge $((before + 300)) ]; }
within 20 busy || die "replica $victim got no share of the load"
in_flight=$(haproxy_stat $victim scur)
kill -9 "${pid[r$victim]}"; killed_at=$(date +%s.%N); wait "${pid[r$victim]}" 2>/dev/null; unset "pid[r$victim]"
others_before=0; for i in 1 3; do others_before=$((others_before + $(replica_evaluations $i))); done
down() { [ "$(haproxy_stat $victim status)" != UP ]; }
within 5 down; marked=$(date +%s.%N)
wait "${pid[load]}"; unset 'pid[load]'
others_after=0; for i in 1 3; do others_after=$((others_after + $(replica_evaluations $i))); done
failures=$(json_field "$w/load-kill.json" 'sum(d["errors"].values())')
echo "killed replica $victim with $in_flight calls in flight on it (HAProxy's count just before; at most $max_per_replica by maxconn)"
echo "HAProxy marked it $(haproxy_stat $victim status) $("$py" -c "print(round($marked - $killed_at, 3))") s after the kill"
echo "load: $(json_field "$w/load-kill.json" 'd["calls"]') calls, $(json_field "$w/load-kill.json" 'd["ok"]') OK, failed $failures $(json_field "$w/load-kill.json" 'd["errors"]')"
echo "the other two replicas answered $((others_after - others_before)) calls after the kill"
[ "$failures" -lt "$in_flight" ] && echo "(HAProxy sent the calls the dead replica dropped unanswered to the others: retry-on empty-response)"
check "failed calls ($failures) are at most the calls in flight on the killed replica (<= $max_per_replica)" test "$failures" -le "$max_per_replica"
check "the balancer took the dead replica out" down
check "the survivors kept answering after the kill" test $((others_after - others_before)) -gt 0
check "a call through the balancer is still answered" health "$lb_port"

echo
echo "scale: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
